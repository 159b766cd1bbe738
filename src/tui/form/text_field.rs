//! A single-line text input with a cursor, as every form and the History filter use it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::Span;

use crate::tui::theme::Theme;

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

#[cfg(test)]
mod tests {
    use super::*;

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
