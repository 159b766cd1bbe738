//! The By week and By hour sections: rows of two bars, twitches and cramps.

use ratatui::text::{Line, Span};

use crate::domain::Kind;
use crate::patterns::charts::{Charts, KindCounts};
use crate::tui::theme::Theme;

/// Episodes by week, newest first.
pub(super) fn weeks(charts: &Charts, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let rows: Vec<(String, KindCounts)> = charts
        .weeks
        .iter()
        .rev()
        .map(|(d, n)| (d.format("%Y-%m-%d").to_string(), *n))
        .collect();
    bar_lines(
        "Episodes by week (week starting; newest first)",
        &rows,
        width,
        theme,
    )
}

/// Episodes by the hour they started in.
pub(super) fn hours(charts: &Charts, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let rows: Vec<(String, KindCounts)> = charts
        .hours
        .iter()
        .enumerate()
        .map(|(h, n)| (format!("{h:02}:00"), *n))
        .collect();
    bar_lines(
        "Episodes by hour of day (local start time)",
        &rows,
        width,
        theme,
    )
}

/// Rows of two bars, twitches (`#`) and cramps (`=`), each scaled to its own largest count.
fn bar_lines(
    title: &str,
    rows: &[(String, KindCounts)],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let label_w = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let bar_w = (width.saturating_sub(label_w + 2 + 2 * 7) / 2).max(4);
    let top_t = rows.iter().map(|r| r.1.twitches).max().unwrap_or(0);
    let top_c = rows.iter().map(|r| r.1.cramps).max().unwrap_or(0);
    let bar = |n: u32, top: u32, glyph: char| -> String {
        let len = if top == 0 {
            0
        } else {
            ((u64::from(n) * bar_w as u64).div_ceil(u64::from(top))) as usize
        };
        std::iter::repeat_n(glyph, len).collect()
    };
    let mut lines = vec![
        Line::from(Span::styled(title.to_string(), theme.title())),
        Line::from(Span::styled(
            format!(
                "{:label_w$}  {:<w$}  {}",
                "",
                "twitches (#)",
                "cramps (=)",
                w = bar_w + 5
            ),
            theme.dim(),
        )),
    ];
    for (label, n) in rows {
        let (t, c) = (n.twitches, n.cramps);
        lines.push(Line::from(vec![
            Span::raw(format!("{label:<label_w$}  ")),
            Span::styled(
                format!("{:<bar_w$}", bar(t, top_t, '#')),
                theme.kind(Kind::Twitch),
            ),
            Span::raw(format!(" {t:>4}  ")),
            Span::styled(
                format!("{:<bar_w$}", bar(c, top_c, '=')),
                theme.kind(Kind::Cramp),
            ),
            Span::raw(format!(" {c:>4}")),
        ]));
    }
    lines
}
