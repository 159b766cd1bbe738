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

/// Today's line: time, kind, sites, severity, duration, triggers, note.
pub fn line(e: &Episode, width: usize, theme: &Theme) -> Line<'static> {
    let mut rest = Vec::new();
    if let Some(s) = e.severity() {
        rest.push(s);
    }
    if let Some(d) = e.duration_s {
        rest.push(format_duration(d));
    }
    if !e.triggers.is_empty() {
        rest.push(e.triggers.join(", "));
    }
    if let Some(n) = &e.note {
        rest.push(format!("\"{}\"", n.lines().next().unwrap_or("")));
    }
    let text = format!("{:<14} {}", sites(e, ", "), rest.join("  "));
    Line::from(vec![
        Span::raw(format!("{} ", e.start.format("%H:%M"))),
        Span::styled(format!("{:<7}", e.kind.as_str()), theme.kind(e.kind)),
        Span::raw(clip(&text, width.saturating_sub(15))),
    ])
}

/// The columns of History's table, with the note only when `wide`.
pub fn header(wide: bool) -> String {
    table_row(
        [
            "DATE", "TIME", "KIND", "SITES", "LEVEL", "LASTED", "TRIGGERS",
        ],
        wide.then_some("NOTE"),
    )
}

/// History's row of the episode, with the first line of its note only when `wide`.
pub fn row(e: &Episode, wide: bool) -> String {
    let level = match e.kind {
        Kind::Twitch => e.intensity.map(|i| format!("{i}/5")),
        Kind::Cramp => e.pain.map(|p| format!("pain {p}/10")),
    };
    let note = e
        .note
        .as_deref()
        .map_or("", |n| n.lines().next().unwrap_or(""));
    table_row(
        [
            &e.start.format("%Y-%m-%d").to_string(),
            &e.start.format("%H:%M").to_string(),
            e.kind.as_str(),
            &sites(e, ","),
            &level.unwrap_or_default(),
            &e.duration_s.map(format_duration).unwrap_or_default(),
            &e.triggers.join(","),
        ],
        wide.then_some(note),
    )
}

/// Date, time, kind, sites, level, duration and triggers in their columns, then the note.
fn table_row(columns: [&str; 7], note: Option<&str>) -> String {
    let [date, time, kind, sites, level, lasted, triggers] = columns;
    let sites = cell(sites, 20);
    let mut s = format!("{date:<10} {time:<5} {kind:<6} {sites:<20} {level:<9} {lasted:<7} ");
    match note {
        Some(note) => s.push_str(&format!("{:<24} {note}", cell(triggers, 24))),
        None => s.push_str(triggers),
    }
    s
}
