//! What every form shares: a one-line text field, yes/no/unknown values, the form keys, and
//! the way a field, its hint and its inline error are laid out.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;

/// What a key means inside a form, before the focused field sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    Next,
    Prev,
    Save,
    Cancel,
    Choose,
}

/// What a form asks of the app after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    /// The key was used (or ignored) by the form.
    Handled,
    Save,
    Cancel,
    /// The key means nothing to the focused field; global keys may apply (`q`, `?`).
    Unhandled,
}

/// What the keys every form shares do: save, cancel, and move the focus among `fields` fields.
/// `None` for Choose and for keys that are not form keys, which each form handles itself.
pub fn navigate(focus: &mut usize, fields: usize, key: Option<FormKey>) -> Option<FormOutcome> {
    match key? {
        FormKey::Save => Some(FormOutcome::Save),
        FormKey::Cancel => Some(FormOutcome::Cancel),
        FormKey::Next => {
            *focus = (*focus + 1).min(fields.saturating_sub(1));
            Some(FormOutcome::Handled)
        }
        FormKey::Prev => {
            *focus = focus.saturating_sub(1);
            Some(FormOutcome::Handled)
        }
        FormKey::Choose => None,
    }
}

/// A single-line text input with a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    value: String,
    /// The cursor, in characters.
    cursor: usize,
}

impl TextField {
    pub fn new(value: impl Into<String>) -> Self {
        let value = value.into();
        let cursor = value.chars().count();
        TextField { value, cursor }
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn trimmed(&self) -> Option<&str> {
        Some(self.value.trim()).filter(|s| !s.is_empty())
    }

    pub fn set(&mut self, value: impl Into<String>) {
        *self = TextField::new(value);
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.value
            .char_indices()
            .nth(chars)
            .map_or(self.value.len(), |(i, _)| i)
    }

    /// Inserts text (typed or pasted), dropping line breaks and control characters.
    pub fn insert_str(&mut self, text: &str) {
        for c in text.chars() {
            let c = if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            };
            if c.is_control() || self.value.len() >= 4096 {
                continue;
            }
            let at = self.byte_at(self.cursor);
            self.value.insert(at, c);
            self.cursor += 1;
        }
    }

    /// Edits the text with a key; false when the key is not an editing key.
    pub fn handle(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let len = self.value.chars().count();
        match key.code {
            KeyCode::Char(c) if !ctrl && !alt => {
                let mut buf = [0u8; 4];
                self.insert_str(c.encode_utf8(&mut buf));
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = len,
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.value.replace_range(..at, "");
                self.cursor = 0;
            }
            KeyCode::Char('w') if ctrl => {
                let end = self.byte_at(self.cursor);
                let head = &self.value[..end];
                let start = head.trim_end().rfind(' ').map_or(0, |i| i + 1);
                let removed = self.value[start..end].chars().count();
                self.value.replace_range(start..end, "");
                self.cursor -= removed;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let start = self.byte_at(self.cursor - 1);
                let end = self.byte_at(self.cursor);
                self.value.replace_range(start..end, "");
                self.cursor -= 1;
            }
            KeyCode::Delete if self.cursor < len => {
                let start = self.byte_at(self.cursor);
                let end = self.byte_at(self.cursor + 1);
                self.value.replace_range(start..end, "");
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }

    /// The text as spans, the cursor shown as a reversed cell when focused.
    pub fn spans(&self, focused: bool, theme: &Theme) -> Vec<Span<'static>> {
        if !focused {
            return vec![Span::raw(self.value.clone())];
        }
        let at = self.byte_at(self.cursor);
        let (head, tail) = self.value.split_at(at);
        let mut tail_chars = tail.chars();
        let under = tail_chars.next().map_or(" ".to_string(), String::from);
        vec![
            Span::raw(head.to_string()),
            Span::styled(under, theme.selected()),
            Span::raw(tail_chars.as_str().to_string()),
        ]
    }
}

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

/// A dim hint under a focused field.
/// A field's row, and under it, while it has the focus, the hint on what it accepts.
pub fn field_lines(
    label: &str,
    value: Vec<Span<'static>>,
    hint: &str,
    focused: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![row(label, value, focused, theme)];
    if focused {
        lines.push(hint_line(hint, theme));
    }
    lines
}

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

/// Renders a set of lines so that the focused line stays visible.
pub fn scroll_for(focus_line: usize, height: usize) -> u16 {
    let keep_below = 3;
    let scroll = (focus_line + keep_below + 1).saturating_sub(height);
    u16::try_from(scroll).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn text_field_edits_unicode_safely() {
        let mut f = TextField::new("café");
        f.handle(key(KeyCode::Left));
        f.handle(key(KeyCode::Backspace));
        assert_eq!(f.value(), "caé");
        f.handle(key(KeyCode::Delete));
        assert_eq!(f.value(), "ca");
        f.insert_str("l\nf");
        assert_eq!(f.value(), "cal f");
        f.handle(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(f.value(), "cal ");
        f.handle(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(f.value(), "");
        f.handle(key(KeyCode::Backspace));
        assert_eq!(f.value(), "");
    }
}
