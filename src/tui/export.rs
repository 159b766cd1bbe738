//! The Export screen: pick a period and one of the six formats of `myolog export`; Enter writes
//! it with the dated name into the output folder (the current one unless the app was given
//! another) and lists every file written. The files and names come from [`crate::export`], so
//! the screen and the command line write the same thing.
//!
//! Writing is two steps: Enter only marks the export as pending, the loop draws a "Writing…"
//! frame, then [`Export::run_pending`] does the work (a PDF of ten years takes seconds).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::action::Action;
use super::keymap::Keymap;
use super::period::Period;
use super::select;
use super::theme::Theme;
use crate::config::Config;
use crate::export::{self, Format, Target, WriteError};
use crate::files::FileError;
use crate::store::Diary;

/// What each format is, in a few words.
fn about(format: Format) -> &'static str {
    match format {
        Format::Md => "report: plain text that renders well",
        Format::Html => "report: one file for a browser; prints on A4 or Letter",
        Format::Pdf => "report: ready to print or send",
        Format::Csv => "data: five tables for a spreadsheet",
        Format::Json => "data: the whole diary; myolog import reads it back",
        Format::Fhir => "data: an HL7 FHIR R4 Bundle for health records",
    }
}

/// What the last Enter did.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Written(Vec<PathBuf>),
    /// This file is in the way; nothing was written. The replace key may overwrite it.
    Exists(PathBuf),
    Failed(String),
}

#[derive(Debug)]
pub struct Export {
    period: Period,
    format: usize,
    /// Where files go; `None` is the current folder at the time of writing.
    dir: Option<PathBuf>,
    /// The config the report's settings and patient line come from.
    config: Config,
    outcome: Option<Outcome>,
    /// An export asked for and not yet written: whether it replaces files that exist.
    pending: Option<bool>,
}

impl Export {
    pub fn new(config: &Config) -> Export {
        Export {
            period: Period::Last30,
            format: 0,
            dir: None,
            config: config.clone(),
            outcome: None,
            pending: None,
        }
    }

    pub fn set_dir(&mut self, dir: PathBuf) {
        self.dir = Some(dir);
    }

    fn format(&self) -> Format {
        Format::ALL[self.format]
    }

    /// The screen's own actions: Left and Right (and the period keys) change the period, and
    /// Replace confirms replacing what Enter refused, offered only right after that. Returns
    /// whether the action was one of them.
    pub fn act(&mut self, action: Action) -> bool {
        match action {
            Action::Left | Action::PrevPeriod => self.period = self.period.step(false),
            Action::Right | Action::NextPeriod => self.period = self.period.step(true),
            Action::Replace if matches!(self.outcome, Some(Outcome::Exists(_))) => {
                self.pending = Some(true);
            }
            _ => return false,
        }
        self.outcome = None;
        true
    }

    /// Up and Down (and their page and end keys) move through the formats.
    pub fn navigate(&mut self, action: Action) {
        let last = Format::ALL.len() - 1;
        // A page holds every format.
        self.format = select::moved(self.format, last, action, last);
        self.outcome = None;
    }

    /// Asks for the chosen export; it is written by [`Export::run_pending`], after a frame that
    /// says so, never over a file that exists.
    pub fn start(&mut self) {
        self.outcome = None;
        self.pending = Some(false);
    }

    /// Writes the export asked for, if any; true when there was one.
    pub fn run_pending(&mut self, diary: &Diary, today: NaiveDate) -> bool {
        let Some(force) = self.pending.take() else {
            return false;
        };
        self.outcome = Some(match self.write(diary, today, force) {
            Ok(paths) => Outcome::Written(paths),
            Err(WriteError::Exists(path)) => Outcome::Exists(path),
            Err(e) => Outcome::Failed(e.to_string()),
        });
        true
    }

    fn write(
        &self,
        diary: &Diary,
        today: NaiveDate,
        force: bool,
    ) -> Result<Vec<PathBuf>, WriteError> {
        let io =
            |context: String| move |source| WriteError::from(FileError::Io { context, source });
        // The current folder in full, so the paths shown say exactly where the files are; a
        // folder given to the app is shown as it was given.
        let dir = match &self.dir {
            Some(dir) => dir.clone(),
            None => {
                std::env::current_dir().map_err(io("the current folder cannot be found".into()))?
            }
        };
        let output = export::render(
            diary,
            self.format(),
            self.period.since(today),
            Some(today),
            today,
            &self.config,
        )?;
        export::write(&output, Target::Dated(&dir), force)
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
            Line::from(
                "A report for the doctor (a one-page summary, then every entry), or the data.",
            ),
            Line::from(""),
        ];
        let mut period = vec![Span::styled("Period  ", theme.title())];
        for p in Period::ALL {
            let label = p.short_label();
            // Brackets mark the choice without colour, as the tab bar does.
            period.push(if p == self.period {
                Span::styled(format!("[{label}]"), theme.selected())
            } else {
                Span::raw(format!(" {label} "))
            });
            period.push(Span::raw(" "));
        }
        let from = self
            .period
            .since(today)
            .map_or_else(|| "the first entry".to_string(), |d| d.to_string());
        period.push(Span::styled(format!(" {from} to {today}"), theme.dim()));
        lines.push(Line::from(period));
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Format", theme.title())));
        for (i, format) in Format::ALL.into_iter().enumerate() {
            let name = match format {
                Format::Csv => format!("{} (folder)", format.label()),
                Format::Fhir => format!("{} (.json)", format.label()),
                _ => format!("{} (.{})", format.label(), format.name()),
            };
            let chosen = i == self.format;
            lines.push(Line::from(vec![
                Span::raw(if chosen { "> " } else { "  " }),
                Span::styled(
                    format!("{name:<16}"),
                    if chosen {
                        theme.selected()
                    } else {
                        ratatui::style::Style::new()
                    },
                ),
                Span::raw(" "),
                Span::styled(about(format), theme.dim()),
            ]));
        }
        lines.push(Line::from(""));
        let mut keys = vec![
            Span::styled(keymap.keys_of("edit"), theme.key()),
            Span::raw(" write  "),
            Span::styled(
                format!("{}/{}", keymap.first_key("left"), keymap.first_key("right")),
                theme.key(),
            ),
            Span::raw(" period  "),
            Span::styled(
                format!("{}/{}", keymap.first_key("up"), keymap.first_key("down")),
                theme.key(),
            ),
            Span::raw(" format"),
        ];
        if matches!(self.outcome, Some(Outcome::Exists(_))) {
            keys.push(Span::raw("  "));
            keys.push(Span::styled(keymap.first_key("replace"), theme.key()));
            keys.push(Span::raw(" replace"));
        }
        lines.push(Line::from(keys));
        lines.push(Line::from(""));
        let folder = self
            .dir
            .as_deref()
            .map_or_else(|| "the current folder".to_string(), show);
        let name = self.format().dated_name(today);
        match (&self.outcome, self.pending) {
            (_, Some(_)) => lines.push(Line::from(Span::styled(
                format!("Writing {name} to {folder}…"),
                theme.title(),
            ))),
            (None, None) => lines.push(Line::from(match self.format() {
                Format::Csv => format!(
                    "Writes episodes, check-ins, medications, self-checks and experiments as five files into {name}/ in {folder}, readable only by you."
                ),
                _ => format!("Writes {name} to {folder}, readable only by you."),
            })),
            (Some(Outcome::Written(paths)), None) => match paths.as_slice() {
                [path] => lines.push(Line::from(Span::styled(
                    format!("Wrote {}", show(path)),
                    theme.ok(),
                ))),
                paths => {
                    // Each in full where there is room; otherwise files in one folder (CSV's
                    // tables) are named once, in a line that wraps, so every one is on screen.
                    let room = usize::from(area.height.saturating_sub(2)).saturating_sub(lines.len());
                    let folder = paths[0].parent().filter(|_| paths.len() + 1 > room);
                    let names: Option<Vec<String>> = paths
                        .iter()
                        .map(|p| {
                            (p.parent() == folder)
                                .then(|| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                                .flatten()
                        })
                        .collect();
                    match (folder, names) {
                        (Some(folder), Some(names)) => {
                            lines.push(Line::from(Span::styled(
                                format!("Wrote {} files into {}:", paths.len(), show(folder)),
                                theme.ok(),
                            )));
                            lines.push(Line::from(Span::styled(
                                format!("  {}", names.join(", ")),
                                theme.ok(),
                            )));
                        }
                        _ => {
                            lines.push(Line::from(Span::styled(
                                format!("Wrote {} files:", paths.len()),
                                theme.ok(),
                            )));
                            lines.extend(paths.iter().map(|p| {
                                Line::from(Span::styled(format!("  {}", show(p)), theme.ok()))
                            }));
                        }
                    }
                }
            },
            (Some(Outcome::Exists(path)), None) => lines.push(Line::from(Span::styled(
                format!(
                    "Not written: {} already exists and was left as it is. Rename or move it, then write again; or press {} to replace it.",
                    show(path),
                    keymap.first_key("replace"),
                ),
                theme.error(),
            ))),
            (Some(Outcome::Failed(message)), None) => lines.push(Line::from(Span::styled(
                format!("Not written: {message}"),
                theme.error(),
            ))),
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
