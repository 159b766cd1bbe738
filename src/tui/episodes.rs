//! An episode in one line: as Today lists it, and as a row of History's table.

use ratatui::text::{Line, Span};

use super::fit::{cell, clip};
use super::theme::Theme;
use crate::domain::{Episode, Kind, format_duration};

/// The episode's sites as the command line writes them (`calf:left`), joined by `separator`.
pub fn sites(e: &Episode, separator: &str) -> String {
    e.sites
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(separator)
}

/// Today's line: time, kind, sites, severity, duration, triggers, note. In a narrow
/// `width` the severity is short ("2/5") so that it shows rather than being cut.
pub fn line(e: &Episode, width: usize, theme: &Theme) -> Line<'static> {
    let mut rest = Vec::new();
    let severity = if width < 60 { level(e) } else { e.severity() };
    if let Some(s) = severity {
        rest.push(s);
    }
    if let Some(d) = e.duration_s {
        rest.push(format_duration(d));
    }
    if !e.triggers.is_empty() {
        rest.push(e.triggers.join(", "));
    }
    if let Some(n) = &e.note {
        rest.push(format!("\"{}\"", first_line(n)));
    }
    let sites_width = if width < 60 { 0 } else { 14 };
    let text = format!("{:<sites_width$} {}", sites(e, ", "), rest.join("  "));
    Line::from(vec![
        Span::raw(format!("{} ", e.start.format("%H:%M"))),
        Span::styled(format!("{:<7}", e.kind.as_str()), theme.kind(e.kind)),
        Span::raw(clip(&text, width.saturating_sub(13))),
    ])
}

/// A note's first line, with "…" when more lines follow, so that a one-line view never passes
/// a longer note off as the whole of it.
fn first_line(note: &str) -> String {
    let mut lines = note.lines();
    let first = lines.next().unwrap_or("");
    if lines.any(|l| !l.trim().is_empty()) {
        format!("{first} …")
    } else {
        first.to_string()
    }
}

/// The episode's level in short: "2/5", "pain 7/10".
fn level(e: &Episode) -> Option<String> {
    match e.kind {
        Kind::Twitch => e.intensity.map(|i| format!("{i}/5")),
        Kind::Cramp => e.pain.map(|p| format!("pain {p}/10")),
    }
}

/// The columns of History's table that fit a width: date, time, kind and sites always; the
/// level, the duration, the triggers and the note as room allows, in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    sites: usize,
    level: bool,
    lasted: bool,
    /// The triggers column's width; 0 when it does not show, `usize::MAX` when it is last.
    triggers: usize,
    note: bool,
}

impl Columns {
    /// The columns for rows of at most `width` characters.
    pub fn fit(width: usize) -> Columns {
        // DATE TIME KIND, each with a space after it.
        let mut room = width.saturating_sub(24);
        let mut take = |w: usize, keep: usize| -> bool {
            let fits = room >= w + keep;
            if fits {
                room -= w;
            }
            fits
        };
        let level = take(10, 16);
        let lasted = level && take(8, 20);
        // The sites column and the space after it.
        let sites = room.min(21);
        room -= sites;
        // The triggers in 24 and a space, and 20 of the note.
        let wide = room >= 45;
        let triggers = if wide {
            24
        } else if room >= 8 {
            usize::MAX
        } else {
            0
        };
        Columns {
            sites: sites.saturating_sub(1),
            level,
            lasted,
            triggers,
            note: wide,
        }
    }
}

/// The header of History's table.
pub fn header(columns: &Columns) -> String {
    table_row(
        columns,
        [
            "DATE", "TIME", "KIND", "SITES", "LEVEL", "LASTED", "TRIGGERS", "NOTE",
        ],
    )
}

/// History's row of the episode, with the first line of its note where it fits.
pub fn row(e: &Episode, columns: &Columns) -> String {
    let note = e.note.as_deref().map(first_line).unwrap_or_default();
    table_row(
        columns,
        [
            &e.start.format("%Y-%m-%d").to_string(),
            &e.start.format("%H:%M").to_string(),
            e.kind.as_str(),
            &sites(e, ","),
            &level(e).unwrap_or_default(),
            &e.duration_s.map(format_duration).unwrap_or_default(),
            &e.triggers.join(","),
            &note,
        ],
    )
}

/// The cells of a row in the columns that fit.
fn table_row(c: &Columns, cells: [&str; 8]) -> String {
    let [date, time, kind, sites, level, lasted, triggers, note] = cells;
    let mut s = format!(
        "{date:<10} {time:<5} {kind:<6} {:<w$} ",
        cell(sites, c.sites),
        w = c.sites
    );
    if c.level {
        s.push_str(&format!("{level:<9} "));
    }
    if c.lasted {
        s.push_str(&format!("{lasted:<7} "));
    }
    match c.triggers {
        0 => {}
        usize::MAX => s.push_str(triggers),
        w => s.push_str(&format!("{:<w$} ", cell(triggers, w))),
    }
    if c.note {
        s.push_str(note);
    }
    s.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::first_line;

    #[test]
    fn a_note_of_several_lines_is_shown_as_its_first_and_an_ellipsis() {
        assert_eq!(first_line("woke at three"), "woke at three");
        assert_eq!(first_line("woke at three\n"), "woke at three");
        assert_eq!(
            first_line("woke at three\nleft calf, then right"),
            "woke at three …"
        );
    }
}
