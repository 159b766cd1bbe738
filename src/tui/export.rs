//! The Export screen: pick a period and one of the six formats of `myolog export`; Enter writes
//! it with the dated name into the output folder (the current one unless the app was given
//! another) and lists every file written. The files and names come from [`crate::export`], so
//! the screen and the command line write the same thing.
//!
//! Writing is two steps: Enter only marks the export as pending, the loop draws a "Writing…"
//! frame, then [`Export::run_pending`] does the work (a PDF of ten years takes seconds).

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

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
    /// Writes the export a key asked for, made at `now` (a FHIR bundle's timestamp).
    pub fn run_pending(&mut self, diary: &Diary, now: DateTime<FixedOffset>) -> bool {
        let Some(force) = self.pending.take() else {
            return false;
        };
        self.outcome = Some(match self.write(diary, now, force) {
            Ok(paths) => Outcome::Written(paths),
            Err(WriteError::Exists(path)) => Outcome::Exists(path),
            Err(e) => Outcome::Failed(e.to_string()),
        });
        true
    }

    fn write(
        &self,
        diary: &Diary,
        now: DateTime<FixedOffset>,
        force: bool,
    ) -> Result<Vec<PathBuf>, WriteError> {
        let today = now.date_naive();
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
        let options = export::Options {
            made_at: Some(now),
            excel: false,
        };
        let output = export::render(
            diary,
            self.format(),
            self.period.since(today),
            Some(today),
            today,
            &self.config,
            options,
        )?;
        export::write(&output, Target::Dated(&dir), force)
    }

    /// Draws the screen. What matters most stays at every size: what the last write did (or
    /// will do), then the keys, the period and the formats; the title, the introduction and
    /// blank lines give way first, and descriptions that do not fit beside their format show
    /// for the chosen one only.
    pub fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        keymap: &Keymap,
        theme: &Theme,
        today: NaiveDate,
    ) {
        let margin = if area.height >= 20 && area.width >= 60 {
            Margin::new(2, 1)
        } else {
            Margin::new(1, 0)
        };
        let area = area.inner(margin);
        let width = usize::from(area.width.max(1));
        let blank = || vec![Line::from("")];
        // What the screen shows, in blocks that give way in turn when it is short.
        let (period, dates) = self.period_lines(width, today, theme);
        let mut blocks: Vec<Block> = vec![
            (vec![Line::from(Span::styled("Export", theme.title()))], 4),
            (
                plain(
                    "A report for the doctor (a one-page summary, then every entry), or the data.",
                    width,
                    Style::new(),
                ),
                5,
            ),
            (blank(), 6),
            (period, 0),
            (dates, 3),
            (blank(), 6),
            (vec![Line::from(Span::styled("Format", theme.title()))], 3),
        ];
        let formats = blocks.len();
        blocks.extend([
            (self.format_lines(width, theme), 0),
            (self.about_lines(width, theme), 2),
            (blank(), 6),
            (self.key_lines(width, keymap, theme), 1),
            (blank(), 6),
            (self.outcome_lines(width, keymap, theme, today), 0),
        ]);
        let room = usize::from(area.height);
        let mut shown: Vec<bool> = vec![true; blocks.len()];
        while rows(&blocks, &shown) > room && hide_one(&blocks, &mut shown, 2) {}
        if rows(&blocks, &shown) > room {
            // Still too tall: the chosen format alone, saying there are others; what that
            // leaves room for comes back.
            blocks[formats].0 = vec![self.chosen_format_line(keymap, theme)];
            shown.fill(true);
        }
        while rows(&blocks, &shown) > room && hide_one(&blocks, &mut shown, 1) {}
        let lines: Vec<Line<'static>> = (blocks.into_iter().zip(shown))
            .filter(|(_, on)| *on)
            .flat_map(|((lines, _), _)| lines)
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
    }

    /// "> Markdown (.md)  Up/Down: 6 formats", for a screen too short for the list.
    fn chosen_format_line(&self, keymap: &Keymap, theme: &Theme) -> Line<'static> {
        Line::from(vec![
            Span::raw("> "),
            Span::styled(format_name(self.format()), theme.selected()),
            Span::styled(
                format!(
                    "  {}/{}: {} formats",
                    keymap.first_key("up"),
                    keymap.first_key("down"),
                    Format::ALL.len()
                ),
                theme.dim(),
            ),
        ])
    }

    /// "Period  [30 days]  90 days ...", and "2026-10-27 to 2026-11-25" after it where it fits,
    /// else on lines of its own (the second part).
    fn period_lines(
        &self,
        width: usize,
        today: NaiveDate,
        theme: &Theme,
    ) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
        let mut items = vec![Span::styled("Period ", theme.title())];
        for p in Period::ALL {
            let label = p.short_label();
            // Brackets mark the choice without colour, as the tab bar does.
            items.push(if p == self.period {
                Span::styled(format!("[{label}]"), theme.selected())
            } else {
                Span::raw(format!(" {label} "))
            });
        }
        let from = self
            .period
            .since(today)
            .map_or_else(|| "the first entry".to_string(), |d| d.to_string());
        let dates = Span::styled(format!(" {from} to {today}"), theme.dim());
        // As many to a line as fit; a line that goes on starts under the first label.
        let indent = items[0].width();
        let mut lines = Vec::new();
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        for item in items {
            let w = item.width() + 1;
            if used > indent && used + w > width {
                lines.push(Line::from(std::mem::take(&mut spans)));
                spans.push(Span::raw(" ".repeat(indent)));
                used = indent;
            }
            used += w;
            spans.push(item);
            spans.push(Span::raw(" "));
        }
        if used + dates.width() <= width {
            spans.push(dates);
            lines.push(Line::from(spans));
            return (lines, Vec::new());
        }
        lines.push(Line::from(spans));
        let dates = Line::from(vec![Span::raw(" ".repeat(indent)), dates]);
        (lines, vec![dates])
    }

    /// Whether every format's description fits beside it in `width`.
    fn beside(width: usize) -> bool {
        Format::ALL
            .into_iter()
            .all(|f| 2 + 16 + 1 + about(f).chars().count() <= width)
    }

    /// The chosen format's description under the list, when they do not fit beside it.
    fn about_lines(&self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        if Export::beside(width) {
            return Vec::new();
        }
        plain(&format!("  {}", about(self.format())), width, theme.dim())
    }

    /// The formats, each with what it is beside it where that fits.
    fn format_lines(&self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let names: Vec<String> = Format::ALL.into_iter().map(format_name).collect();
        let beside = Export::beside(width);
        let mut lines = Vec::new();
        for (i, (format, name)) in Format::ALL.into_iter().zip(names).enumerate() {
            let chosen = i == self.format;
            let mut spans = vec![
                Span::raw(if chosen { "> " } else { "  " }),
                Span::styled(
                    format!("{name:<16}"),
                    if chosen {
                        theme.selected()
                    } else {
                        Style::new()
                    },
                ),
            ];
            if beside {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(about(format), theme.dim()));
            }
            lines.push(Line::from(spans));
        }
        lines
    }

    fn key_lines(&self, width: usize, keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
        let mut keys = vec![
            (keymap.keys_of("edit"), "write"),
            (
                format!("{}/{}", keymap.first_key("left"), keymap.first_key("right")),
                "period",
            ),
            (
                format!("{}/{}", keymap.first_key("up"), keymap.first_key("down")),
                "format",
            ),
        ];
        if matches!(self.outcome, Some(Outcome::Exists(_))) {
            keys.push((keymap.first_key("replace"), "replace"));
        }
        let one_line: usize = keys
            .iter()
            .map(|(k, w)| k.chars().count() + 1 + w.len() + 2)
            .sum();
        if one_line > width + 2 {
            // The first keys only, arrows as arrows: "e write  <-/-> period  Up/Down format".
            keys[0].0 = keymap.first_key("edit");
            keys[1].0 = keymap.arrows("left", "right");
        }
        // As many to a line as fit.
        let mut lines = Vec::new();
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        for (key, what) in keys {
            let w = key.chars().count() + 1 + what.len();
            if used > 0 && used + 2 + w > width {
                lines.push(Line::from(std::mem::take(&mut spans)));
                used = 0;
            }
            if used > 0 {
                spans.push(Span::raw("  "));
                used += 2;
            }
            spans.push(Span::styled(key, theme.key()));
            spans.push(Span::raw(format!(" {what}")));
            used += w;
        }
        lines.push(Line::from(spans));
        lines
    }

    /// What the last Enter did, or what it will do, wrapped so that a long path shows whole.
    fn outcome_lines(
        &self,
        width: usize,
        keymap: &Keymap,
        theme: &Theme,
        today: NaiveDate,
    ) -> Vec<Line<'static>> {
        let folder = self
            .dir
            .as_deref()
            .map_or_else(|| "the current folder".to_string(), show);
        let name = self.format().dated_name(today);
        match (&self.outcome, self.pending) {
            (_, Some(_)) => plain(
                &format!("Writing {name} to {folder}…"),
                width,
                theme.title(),
            ),
            (None, None) => plain(
                &match self.format() {
                    Format::Csv => format!(
                        "Writes episodes, check-ins, medications, self-checks and experiments as five files into {name}/ in {folder}, readable only by you."
                    ),
                    _ => format!("Writes {name} to {folder}, readable only by you."),
                },
                width,
                Style::new(),
            ),
            (Some(Outcome::Written(paths)), None) => match paths.as_slice() {
                [path] => plain(&format!("Wrote {}", show(path)), width, theme.ok()),
                paths => {
                    let mut lines =
                        plain(&format!("Wrote {} files:", paths.len()), width, theme.ok());
                    for p in paths {
                        lines.extend(plain(&format!("  {}", show(p)), width, theme.ok()));
                    }
                    lines
                }
            },
            (Some(Outcome::Exists(path)), None) => plain(
                &format!(
                    "Not written: {} already exists and was left as it is. Rename or move it, then write again; or press {} to replace it.",
                    show(path),
                    keymap.first_key("replace"),
                ),
                width,
                theme.error(),
            ),
            (Some(Outcome::Failed(message)), None) => {
                plain(&format!("Not written: {message}"), width, theme.error())
            }
        }
    }
}

/// Text in lines of at most `width` characters, broken at spaces, and inside a word (a path)
/// longer than a line; continuation lines keep the first line's indent.
fn plain(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    let indent = text.len() - text.trim_start().len();
    let room = width.saturating_sub(indent).max(8);
    let mut rows: Vec<String> = Vec::new();
    let mut row = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = row.chars().count();
            let gap = usize::from(used > 0);
            if used + gap + word.len() <= room {
                if gap == 1 {
                    row.push(' ');
                }
                row.extend(word);
                break;
            }
            if used > 0 && word.len() <= room {
                rows.push(std::mem::take(&mut row));
                continue;
            }
            // A word longer than a line: as much as fits, the rest on the next line.
            let fits = room.saturating_sub(used + gap);
            if fits > 0 {
                if gap == 1 {
                    row.push(' ');
                }
                row.extend(word.drain(..fits));
            }
            rows.push(std::mem::take(&mut row));
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows.into_iter()
        .map(|r| Line::from(Span::styled(format!("{}{r}", " ".repeat(indent)), style)))
        .collect()
}

/// A block of lines of a screen, and how soon it gives way when the screen is short (the
/// highest first; 0 never).
type Block = (Vec<Line<'static>>, u8);

/// The rows the blocks `shown` take.
fn rows(blocks: &[Block], shown: &[bool]) -> usize {
    (blocks.iter().zip(shown))
        .filter(|(_, on)| **on)
        .map(|((lines, _), _)| lines.len())
        .sum()
}

/// Hides the shown block that gives way first, of those ranked `least` or more (the later of
/// equals); false when there is none.
fn hide_one(blocks: &[Block], shown: &mut [bool], least: u8) -> bool {
    let found = (blocks.iter().enumerate())
        .filter(|(i, (_, rank))| shown[*i] && *rank >= least)
        .max_by_key(|(i, (_, rank))| (*rank, *i))
        .map(|(i, _)| i);
    found.map(|i| shown[i] = false).is_some()
}

/// A format as the list names it: "Markdown (.md)", "CSV (folder)".
fn format_name(format: Format) -> String {
    match format {
        Format::Csv => format!("{} (folder)", format.label()),
        Format::Fhir => format!("{} (.json)", format.label()),
        _ => format!("{} (.{})", format.label(), format.name()),
    }
}

fn show(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: Vec<Line<'static>>) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn plain_breaks_a_long_path_and_keeps_the_indent() {
        let lines = texts(plain(
            "  Wrote /a/very/long/path/to/a/file.md",
            16,
            Style::new(),
        ));
        assert_eq!(
            lines,
            ["  Wrote /a/very/", "  long/path/to/a", "  /file.md"]
        );
        assert_eq!(texts(plain("", 10, Style::new())), [""]);
        // Every character of the text is still there.
        let joined: String = lines.concat().split_whitespace().collect();
        assert_eq!(joined, "Wrote/a/very/long/path/to/a/file.md");
    }
}
