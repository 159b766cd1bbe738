//! How a form is laid out: a field's row with its focus marker, its hint and its inline error,
//! chips wrapped under a label, long lines wrapped under the value column, and the scroll that
//! keeps the focused field in view.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::tui::theme::Theme;

/// Cycles unknown -> yes -> no -> unknown.
pub fn cycle(value: Option<bool>) -> Option<bool> {
    match value {
        None => Some(true),
        Some(true) => Some(false),
        Some(false) => None,
    }
}

pub fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        None => "unknown",
        Some(true) => "yes",
        Some(false) => "no",
    }
}

/// A yes/no/unknown value; while focused, between arrows that say Left/Right change it.
pub fn toggle(value: Option<bool>, focused: bool, theme: &Theme) -> Span<'static> {
    if focused {
        Span::styled(format!("< {} >", yes_no(value)), theme.selected())
    } else {
        Span::raw(yes_no(value).to_string())
    }
}

/// One chip of a row of them (a trigger, a relief), reversed under the cursor.
pub fn chip(text: String, under_cursor: bool, theme: &Theme) -> Span<'static> {
    if under_cursor {
        Span::styled(text, theme.selected())
    } else {
        Span::raw(text)
    }
}

/// Width of the label column.
pub const LABEL_WIDTH: usize = 17;

/// One field row: a focus marker (so focus is never shown by colour alone), the label, the value.
pub fn row(label: &str, value: Vec<Span<'static>>, focused: bool, theme: &Theme) -> Line<'static> {
    let marker = if focused { "> " } else { "  " };
    let label_style = if focused { theme.focus() } else { Style::new() };
    let mut spans = vec![
        Span::styled(marker.to_string(), label_style),
        Span::styled(format!("{label:<w$} ", w = LABEL_WIDTH - 3), label_style),
    ];
    spans.extend(value);
    Line::from(spans)
}

/// An inline error under a field, with a `!` so it does not rely on colour.
pub fn error_line(message: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::raw(" ".repeat(LABEL_WIDTH)),
        Span::styled(format!("! {message}"), theme.error()),
    ])
}

/// A field's row, and under it, while it has the focus, the hint on what it accepts (if any).
pub fn field_lines(
    label: &str,
    value: Vec<Span<'static>>,
    hint: &str,
    focused: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![row(label, value, focused, theme)];
    if focused && !hint.is_empty() {
        lines.push(hint_line(hint, theme));
    }
    lines
}

/// A dim hint under a field, in the value column.
pub fn hint_line(text: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::raw(" ".repeat(LABEL_WIDTH)),
        Span::styled(text.to_string(), theme.dim()),
    ])
}

/// Lays toggle chips out over lines no wider than `width`, each line indented like a value.
pub fn wrap_chips(
    label: &str,
    chips: Vec<Span<'static>>,
    focused: bool,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let room = width.saturating_sub(LABEL_WIDTH).max(10);
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for chip in chips {
        let w = chip.width() + 1;
        if used + w > room && used > 0 {
            lines.push(Vec::new());
            used = 0;
        }
        used += w;
        if let Some(last) = lines.last_mut() {
            last.push(chip);
            last.push(Span::raw(" "));
        }
    }
    let mut out = Vec::new();
    for (i, spans) in lines.into_iter().enumerate() {
        if i == 0 {
            out.push(row(label, spans, focused, theme));
        } else {
            let mut line = vec![Span::raw(" ".repeat(LABEL_WIDTH))];
            line.extend(spans);
            out.push(Line::from(line));
        }
    }
    out
}

/// Wraps lines wider than `width` at spaces. Field rows and hints (which start with a space or
/// the focus marker) continue under the value column; other lines continue at the left edge.
/// Returns the lines and, for each input line, where it starts in the output.
pub fn wrap_lines(lines: Vec<Line<'static>>, width: usize) -> (Vec<Line<'static>>, Vec<usize>) {
    let width = width.max(LABEL_WIDTH + 10);
    let mut out = Vec::new();
    let mut starts = Vec::new();
    for line in lines {
        starts.push(out.len());
        if line.width() <= width {
            out.push(line);
            continue;
        }
        let cells: Vec<(char, Style)> = line
            .spans
            .iter()
            .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
            .collect();
        let indent = match cells.first() {
            Some((' ' | '>', _)) => LABEL_WIDTH,
            _ => 0,
        };
        let mut rest: &[(char, Style)] = &cells;
        let mut first = true;
        while !rest.is_empty() {
            let room = if first { width } else { width - indent };
            let take = if rest.len() <= room {
                rest.len()
            } else {
                rest[..room]
                    .iter()
                    .rposition(|(c, _)| *c == ' ')
                    .filter(|&i| i > 0)
                    .map_or(room, |i| i + 1)
            };
            let mut spans = Vec::new();
            if !first {
                spans.push(Span::raw(" ".repeat(indent)));
            }
            let mut current = String::new();
            let mut current_style: Option<Style> = None;
            for (c, style) in &rest[..take] {
                if current_style != Some(*style) {
                    if let Some(st) = current_style {
                        spans.push(Span::styled(std::mem::take(&mut current), st));
                    }
                    current_style = Some(*style);
                }
                current.push(*c);
            }
            if let Some(st) = current_style {
                spans.push(Span::styled(current, st));
            }
            out.push(Line::from(spans));
            rest = &rest[take..];
            // A continuation does not start with the space it broke at.
            while let Some(((' ', _), tail)) = rest.split_first() {
                rest = tail;
            }
            first = false;
        }
    }
    (out, starts)
}

/// How far to scroll lines so that the focused line stays visible, with a few below it.
pub fn scroll_for(focus_line: usize, height: usize) -> u16 {
    let keep_below = 3;
    let scroll = (focus_line + keep_below + 1).saturating_sub(height);
    u16::try_from(scroll).unwrap_or(u16::MAX)
}
