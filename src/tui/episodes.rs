//! An episode in one line: as Today lists it, and as a row of History's table.

use ratatui::text::{Line, Span};

use super::fit::{self, clip};
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

/// Where each cell is in a row of History's table.
const DATE: usize = 0;
const TIME: usize = 1;
const KIND: usize = 2;
const SITES: usize = 3;
const LEVEL: usize = 4;
const LASTED: usize = 5;
const TRIGGERS: usize = 6;
const NOTE: usize = 7;
const HEADER: [&str; 8] = [
    "DATE", "TIME", "KIND", "SITES", "LEVEL", "LASTED", "TRIGGERS", "NOTE",
];

/// Room left to the sites and what follows them, or the level does not show; and with the
/// level, or the duration does not.
const SITES_BESIDE_LEVEL: usize = 16;
const SITES_BESIDE_LASTED: usize = 20;
/// The least the sites keep before the triggers show: below it a site is cut to make room.
const SITES_KEPT: usize = 20;
/// The least the triggers and the note show in, or they do not show.
const TRIGGERS_LEAST: usize = 8;
const NOTE_LEAST: usize = 16;

/// The columns of History's table that fit a width, each as wide as the rows on screen need
/// where there is room: date, time, kind and sites always; the level, the duration, the
/// triggers and the note as room allows, in that order. The level and the duration are never
/// cut (a cut number reads as another number): they show whole or not at all. The sites
/// take what they need first; the triggers and the note share what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// Each column's width in terminal columns; 0 when it does not show.
    widths: [usize; 8],
}

impl Columns {
    /// The columns for rows of at most `width` terminal columns, measured on `shown`, the
    /// episodes on screen.
    pub fn fit(width: usize, shown: &[&Episode]) -> Columns {
        let rows: Vec<[String; 8]> = shown.iter().map(|e| cells(e)).collect();
        let need = |i: usize| {
            rows.iter()
                .map(|r| fit::width(&r[i]))
                .fold(fit::width(HEADER[i]), usize::max)
        };
        let mut widths = [0; 8];
        widths[DATE] = 10;
        widths[TIME] = 5;
        widths[KIND] = 6;
        // What is left after DATE TIME KIND, each with a space after it.
        let mut room = width.saturating_sub(widths[..SITES].iter().map(|w| w + 1).sum());
        let (level, lasted) = (need(LEVEL), need(LASTED));
        if room >= level + 1 + SITES_BESIDE_LEVEL {
            widths[LEVEL] = level;
            room -= level + 1;
            if room >= lasted + 1 + SITES_BESIDE_LASTED {
                widths[LASTED] = lasted;
                room -= lasted + 1;
            }
        }
        let (sites, triggers, note) = (need(SITES), need(TRIGGERS), need(NOTE));
        let kept = sites.min(SITES_KEPT);
        let shows_triggers = room >= kept + 1 + TRIGGERS_LEAST;
        let shows_note = room >= kept + 1 + TRIGGERS_LEAST + 1 + NOTE_LEAST;
        let others = match (shows_triggers, shows_note) {
            (false, _) => 0,
            (true, false) => 1 + TRIGGERS_LEAST,
            (true, true) => 1 + TRIGGERS_LEAST + 1 + NOTE_LEAST,
        };
        widths[SITES] = sites.min(room.saturating_sub(others));
        room = room.saturating_sub(widths[SITES] + 1);
        if shows_note {
            // One space between the two.
            let (t, n) = share(room.saturating_sub(1), triggers, note);
            widths[TRIGGERS] = t;
            widths[NOTE] = n;
        } else if shows_triggers {
            widths[TRIGGERS] = room;
        }
        Columns { widths }
    }
}

/// Room for two columns that need `a` and `b`: each gets what it needs when both fit; else
/// the one that needs less than half gets it and the other the rest; else half each.
fn share(room: usize, a: usize, b: usize) -> (usize, usize) {
    let half = room / 2;
    if a + b <= room || a <= half {
        (a.min(room), room - a.min(room))
    } else if b <= room - half {
        (room - b, b)
    } else {
        (half, room - half)
    }
}

/// The header of History's table.
pub fn header(columns: &Columns) -> String {
    table_row(columns, &HEADER.map(String::from))
}

/// History's row of the episode, with the first line of its note where it fits.
pub fn row(e: &Episode, columns: &Columns) -> String {
    table_row(columns, &cells(e))
}

/// The episode's cells in History's table, whole.
fn cells(e: &Episode) -> [String; 8] {
    [
        e.start.format("%Y-%m-%d").to_string(),
        e.start.format("%H:%M").to_string(),
        e.kind.as_str().to_string(),
        sites(e, ","),
        level(e).unwrap_or_default(),
        e.duration_s.map(format_duration).unwrap_or_default(),
        e.triggers.join(","),
        e.note.as_deref().map(first_line).unwrap_or_default(),
    ]
}

/// The cells of a row in the columns that show, each cut to its width with the one mark of
/// a cut.
fn table_row(c: &Columns, cells: &[String; 8]) -> String {
    let mut s = String::new();
    for (text, &w) in cells.iter().zip(&c.widths) {
        if w > 0 {
            s.push_str(&fit::padded_cell(text, w));
            s.push(' ');
        }
    }
    s.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SiteRef;

    fn cramp(sites: &[&str], triggers: &[&str], note: &str) -> Episode {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+01:00").unwrap();
        let sites = sites.iter().map(|s| SiteRef::parse(s).unwrap()).collect();
        let mut e = Episode::new(Kind::Cramp, at, sites, at.to_utc());
        e.pain = Some(10);
        e.duration_s = Some(12 * 3600 + 30 * 60 + 15);
        e.triggers = triggers.iter().map(|t| t.to_string()).collect();
        e.note = Some(note.into());
        e
    }

    #[test]
    fn a_row_fits_its_width_and_a_number_is_whole_or_not_shown() {
        let long = cramp(
            &["thigh:left", "thigh:right", "calf:left", "calf:right"],
            &["caffeine", "poor-sleep", "bright-lights"],
            "after a long day, 小腿 worse at night than in the morning",
        );
        let short = cramp(&["calf:left"], &[], "");
        for width in 36..=160 {
            let columns = Columns::fit(width, &[&long, &short]);
            let row = row(&long, &columns);
            assert!(fit::width(&row) <= width, "{width}: {row}");
            assert!(fit::width(&header(&columns)) <= width, "{width}");
            for number in ["pain 10/10", "12h30m15s"] {
                let shown = columns.widths[if number.starts_with("pain") {
                    LEVEL
                } else {
                    LASTED
                }];
                assert!(shown == 0 || row.contains(number), "{width}: {row}");
            }
        }
    }

    #[test]
    fn the_sites_take_the_room_they_need_before_the_triggers_and_the_note() {
        let e = cramp(&["thigh:left", "thigh:right"], &["caffeine"], "");
        for width in [76, 116] {
            let row = row(&e, &Columns::fit(width, &[&e]));
            assert!(row.contains(" thigh:left,thigh:right "), "{width}: {row}");
        }
    }

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
