//! The Export screen: pick a period and a format, Enter writes the dated report into the
//! output folder (the current one unless the app was given another) and says where it went.
//! The data formats are listed for completeness and point to the command line.

use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::Action;
use super::keymap::Keymap;
use super::theme::Theme;
use crate::config::Config;
use crate::report::{self, Report, ReportFormat};
use crate::store::{self, Diary, StoreError};

/// The periods offered: a label and the number of days ending today (`None`: every entry).
const PERIODS: [(&str, Option<u64>); 4] = [
    ("30 days", Some(30)),
    ("90 days", Some(90)),
    ("365 days", Some(365)),
    ("all", None),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Report(ReportFormat),
    /// Made by `myolog export --format NAME`.
    CommandLine(&'static str),
}

const FORMATS: [(&str, &str, Choice); 6] = [
    (
        "Markdown",
        "plain text that renders well",
        Choice::Report(ReportFormat::Markdown),
    ),
    (
        "HTML",
        "one file for a browser; prints on A4 or Letter",
        Choice::Report(ReportFormat::Html),
    ),
    (
        "PDF",
        "ready to print or send",
        Choice::Report(ReportFormat::Pdf),
    ),
    ("CSV", "command line", Choice::CommandLine("csv")),
    ("JSON", "command line", Choice::CommandLine("json")),
    ("FHIR", "command line", Choice::CommandLine("fhir")),
];

/// What the last Enter did.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Written(PathBuf),
    Refused(String),
}

#[derive(Debug)]
pub struct Export {
    period: usize,
    format: usize,
    /// Where files go; `None` is the current folder at the time of writing.
    dir: Option<PathBuf>,
    /// The config the report's settings and patient line come from.
    config: Config,
    outcome: Option<Outcome>,
}

impl Export {
    pub fn new(config: &Config) -> Export {
        Export {
            period: 0,
            format: 0,
            dir: None,
            config: config.clone(),
            outcome: None,
        }
    }

    pub fn set_dir(&mut self, dir: PathBuf) {
        self.dir = Some(dir);
    }

    /// Left and Right change the period; other keys are not this screen's.
    pub fn key(&mut self, code: ratatui::crossterm::event::KeyCode) -> bool {
        use ratatui::crossterm::event::KeyCode;
        match code {
            KeyCode::Left | KeyCode::Char('h') => {
                self.period = (self.period + PERIODS.len() - 1) % PERIODS.len();
            }
            KeyCode::Right | KeyCode::Char('l') => self.period = (self.period + 1) % PERIODS.len(),
            _ => return false,
        }
        self.outcome = None;
        true
    }

    /// Up and Down (and their page and end keys) move through the formats.
    pub fn navigate(&mut self, action: Action) {
        let last = FORMATS.len() - 1;
        self.format = match action {
            Action::Up => self.format.saturating_sub(1),
            Action::Down => (self.format + 1).min(last),
            Action::Top | Action::PageUp => 0,
            Action::Bottom | Action::PageDown => last,
            _ => self.format,
        };
        self.outcome = None;
    }

    fn since(&self, today: NaiveDate) -> Option<NaiveDate> {
        PERIODS[self.period]
            .1
            .and_then(|days| today.checked_sub_days(Days::new(days - 1)))
    }

    /// Writes the chosen report, owner-only and never over an existing file.
    pub fn write(&mut self, diary: &Diary, today: NaiveDate) {
        let (label, _, choice) = FORMATS[self.format];
        self.outcome = Some(match choice {
            Choice::CommandLine(name) => Outcome::Refused(format!(
                "{label} is made on the command line: myolog export --format {name}"
            )),
            Choice::Report(format) => match self.write_report(diary, today, format) {
                Ok(path) => Outcome::Written(path),
                Err(message) => Outcome::Refused(message),
            },
        });
    }

    fn write_report(
        &self,
        diary: &Diary,
        today: NaiveDate,
        format: ReportFormat,
    ) -> Result<PathBuf, String> {
        let dir = match &self.dir {
            Some(dir) => dir.clone(),
            None => std::env::current_dir()
                .map_err(|e| format!("the current folder cannot be found: {e}"))?,
        };
        let path = std::path::absolute(dir.join(report::default_file_name(format, today)))
            .map_err(|e| format!("no path for the report: {e}"))?;
        if path.symlink_metadata().is_ok() {
            return Err(format!(
                "{} already exists and was left as it is; move or rename it, then press Enter again",
                path.display()
            ));
        }
        let report = Report::load(diary, self.since(today), today, today, &self.config)
            .map_err(|e| e.to_string())?;
        let bytes = report::render(&report, format);
        store::write_private(&path, &bytes, false).map_err(|e: StoreError| e.to_string())?;
        Ok(path)
    }

    pub fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        keymap: &Keymap,
        theme: &Theme,
        today: NaiveDate,
    ) {
        let mut lines = vec![
            Line::from(Span::styled("Export", theme.title())),
            Line::from(""),
            Line::from(
                "A report for the doctor: a one-page summary first, then every entry of the period.",
            ),
            Line::from(""),
        ];
        let mut period = vec![Span::styled("Period  ", theme.title())];
        for (i, (label, _)) in PERIODS.iter().enumerate() {
            // Brackets mark the choice without colour, as the tab bar does.
            period.push(if i == self.period {
                Span::styled(format!("[{label}]"), theme.selected())
            } else {
                Span::raw(format!(" {label} "))
            });
            period.push(Span::raw(" "));
        }
        lines.push(Line::from(period));
        let from = self
            .since(today)
            .map_or_else(|| "the first entry".to_string(), |d| d.to_string());
        lines.push(Line::from(Span::styled(
            format!("        {from} to {today}"),
            theme.dim(),
        )));
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Format", theme.title())));
        for (i, (label, what, choice)) in FORMATS.iter().enumerate() {
            let name = match choice {
                Choice::Report(f) => format!("{label} (.{})", f.extension()),
                Choice::CommandLine(_) => label.to_string(),
            };
            let what = match choice {
                Choice::Report(_) => what.to_string(),
                Choice::CommandLine(name) => {
                    format!("on the command line: myolog export --format {name}")
                }
            };
            let marker = if i == self.format { "> " } else { "  " };
            let style = if i == self.format {
                theme.selected()
            } else if matches!(choice, Choice::CommandLine(_)) {
                theme.dim()
            } else {
                ratatui::style::Style::new()
            };
            lines.push(Line::from(vec![
                Span::raw(marker),
                Span::styled(format!("{name:<16}"), style),
                Span::raw(" "),
                Span::styled(what, theme.dim()),
            ]));
        }
        lines.push(Line::from(""));
        if let (_, _, Choice::Report(format)) = FORMATS[self.format] {
            let folder = self
                .dir
                .as_deref()
                .map_or_else(|| "the current folder".to_string(), show);
            lines.push(Line::from(format!(
                "Writes {} to {folder}, readable only by you.",
                report::default_file_name(format, today)
            )));
        }
        lines.push(Line::from(vec![
            Span::styled(keymap.keys_of("edit"), theme.key()),
            Span::raw(" write  "),
            Span::styled("Left/Right", theme.key()),
            Span::raw(" period  "),
            Span::styled(
                format!("{}/{}", keymap.first_key("up"), keymap.first_key("down")),
                theme.key(),
            ),
            Span::raw(" format"),
        ]));
        match &self.outcome {
            Some(Outcome::Written(path)) => {
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    format!("Wrote {}", show(path)),
                    theme.ok(),
                )));
            }
            Some(Outcome::Refused(message)) => {
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    format!("Not written: {message}"),
                    theme.error(),
                )));
            }
            None => {}
        }
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: false }),
            area.inner(Margin::new(2, 1)),
        );
    }
}

fn show(path: &Path) -> String {
    path.display().to_string()
}
