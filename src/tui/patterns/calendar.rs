//! The Calendar section: two heat maps, twitch days and cramp days, a column a week.

use chrono::{Datelike, Days};
use ratatui::text::{Line, Span};

use super::View;
use crate::domain::Kind;
use crate::patterns::charts::{KindCounts, week_start};
use crate::tui::theme::Theme;
use crate::tui::widgets::body_map::{SHADES, shade};

/// Two heat maps, twitch days and cramp days: weeks across (months named above), weekdays
/// down, each day shaded by its count.
pub(super) fn lines(view: &View, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let as_of = view.findings.as_of;
    let Some(first) = view.charts.first else {
        return vec![Line::from("No episodes in this period.")];
    };
    let weeks_total = ((as_of - week_start(first)).num_days() / 7 + 1) as usize;
    let room = width.saturating_sub(4);
    // Two columns a week when they fit, else one; the newest weeks win.
    let per = if weeks_total * 2 <= room { 2 } else { 1 };
    let weeks = weeks_total.min(room / per);
    if weeks == 0 {
        return vec![Line::from("Too narrow for the calendar.")];
    }
    let start = week_start(as_of) - Days::new(7 * (weeks as u64 - 1));
    let mut lines = Vec::new();
    if weeks < weeks_total {
        lines.push(Line::from(Span::styled(
            format!("The last {weeks} weeks; By week lists every week."),
            theme.dim(),
        )));
    }
    let max = |pick: fn(&KindCounts) -> u32| view.charts.days.values().map(pick).max().unwrap_or(0);
    for (title, pick, kind) in [
        (
            "Twitch days",
            (|n: &KindCounts| n.twitches) as fn(&KindCounts) -> u32,
            Kind::Twitch,
        ),
        ("Cramp days", |n: &KindCounts| n.cramps, Kind::Cramp),
    ] {
        let top = max(pick);
        lines.push(Line::from(Span::styled(
            format!("{title} (most in a day: {top})"),
            theme.title(),
        )));
        // Each month named above its first week; a name that would run into the next one
        // gives way to it (the first, partial month usually).
        let mut labels: Vec<(usize, String)> = Vec::new();
        let mut last_month = 0;
        for w in 0..weeks {
            let monday = start + Days::new(7 * w as u64);
            if monday.month() != last_month {
                last_month = monday.month();
                let at = 4 + w * per;
                if labels.last().is_some_and(|(p, l)| p + l.len() >= at) {
                    labels.pop();
                }
                labels.push((at, monday.format("%b").to_string()));
            }
        }
        let mut months = String::new();
        for (at, label) in labels {
            while months.len() < at {
                months.push(' ');
            }
            months.push_str(&label);
        }
        lines.push(Line::from(Span::styled(months, theme.dim())));
        for wd in 0..7u64 {
            let name = (start + Days::new(wd)).format("%a").to_string();
            let mut spans = vec![Span::styled(format!("{name} "), theme.dim())];
            for w in 0..weeks {
                let d = start + Days::new(7 * w as u64 + wd);
                let cell = if d > as_of || d < first {
                    ' '
                } else {
                    let n = view.charts.days.get(&d).map_or(0, pick);
                    shade(n, top)
                };
                let style = if cell == SHADES[0] || cell == ' ' {
                    theme.dim()
                } else {
                    theme.kind(kind)
                };
                spans.push(Span::styled(format!("{cell:<per$}"), style));
            }
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::from(Span::styled(
        format!(
            "{} none  {}{}{}{} more episodes that day (relative to the most)",
            SHADES[0], SHADES[1], SHADES[2], SHADES[3], SHADES[4]
        ),
        theme.dim(),
    )));
    lines
}
