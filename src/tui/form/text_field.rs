//! A single-line text input with a cursor, as every form and the History filter use it. A
//! field may have a placeholder: the default it stands for while nothing is typed, shown dim,
//! so the first key types over it rather than after it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::Span;

use crate::tui::theme::Theme;

/// A single-line text input with a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    value: String,
    /// The cursor, in characters.
    cursor: usize,
    /// What an empty field means (`now`, `today`), shown dim until something is typed.
    placeholder: Option<String>,
}

impl TextField {
    pub fn new(value: impl Into<String>) -> Self {
        let value = value.into();
        let cursor = value.chars().count();
        TextField {
            value,
            cursor,
            placeholder: None,
        }
    }

    /// An empty field that stands for `default` until something is typed.
    pub fn placeholder(default: impl Into<String>) -> Self {
        TextField {
            placeholder: Some(default.into()),
            ..TextField::default()
        }
    }

    /// What was typed (empty while the placeholder shows).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// What the field means: what was typed, or the placeholder while nothing is.
    pub fn text(&self) -> &str {
        match &self.placeholder {
            Some(default) if self.value.trim().is_empty() => default,
            _ => &self.value,
        }
    }

    /// What the field means, trimmed; `None` when that is blank.
    pub fn trimmed(&self) -> Option<&str> {
        Some(self.text().trim()).filter(|s| !s.is_empty())
    }

    /// Replaces what was typed (the placeholder stays, for when it is cleared).
    pub fn set(&mut self, value: impl Into<String>) {
        let placeholder = self.placeholder.take();
        *self = TextField {
            placeholder,
            ..TextField::new(value)
        };
    }

    /// Empties the field: the placeholder, if any, shows again.
    pub fn clear(&mut self) {
        self.set("");
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.value
            .char_indices()
            .nth(chars)
            .map_or(self.value.len(), |(i, _)| i)
    }

    /// Inserts text (typed or pasted) at the cursor: line breaks and tabs become spaces (the
    /// field is one line), other control characters are left out. Nothing else is cut: a long
    /// paste is kept whole (a note used to stop at 4096 bytes without a word), and a field too
    /// long for what it holds is refused, naming it, when the form is saved.
    pub fn insert_str(&mut self, text: &str) {
        let clean: String = text
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .filter(|c| !c.is_control())
            .collect();
        let at = self.byte_at(self.cursor);
        self.value.insert_str(at, &clean);
        self.cursor += clean.chars().count();
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
            // Clears the whole field, wherever the cursor is.
            KeyCode::Char('u') if ctrl => self.clear(),
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

    /// The text as [`TextField::spans`] shows it, followed by what it was read as when
    /// `reading` has it: "1h15m  = 75 min", so a value is seen as understood before it is saved.
    pub fn spans_read_as(
        &self,
        focused: bool,
        theme: &Theme,
        reading: Option<String>,
    ) -> Vec<Span<'static>> {
        let mut spans = self.spans(focused, theme);
        if let Some(shown) = reading {
            spans.push(Span::styled(format!("  = {shown}"), theme.ok()));
        }
        spans
    }

    /// The text as spans, the cursor shown as a reversed cell when focused; the placeholder,
    /// while nothing is typed, dim with the cursor on its first character.
    pub fn spans(&self, focused: bool, theme: &Theme) -> Vec<Span<'static>> {
        if let Some(default) = self.placeholder.as_ref().filter(|_| self.value.is_empty()) {
            if !focused {
                return vec![Span::styled(default.clone(), theme.dim())];
            }
            let mut chars = default.chars();
            let under = chars.next().map_or(" ".to_string(), String::from);
            return vec![
                Span::styled(under, theme.selected()),
                Span::styled(chars.as_str().to_string(), theme.dim()),
            ];
        }
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
        f.handle(key(KeyCode::Left));
        f.handle(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(f.value(), "", "Ctrl-U clears the whole field");
        f.handle(key(KeyCode::Backspace));
        assert_eq!(f.value(), "");
    }

    #[test]
    fn a_long_paste_is_kept_whole() {
        let mut f = TextField::new("ab");
        f.handle(key(KeyCode::Left));
        let long = "ω".repeat(5000);
        f.insert_str(&long);
        assert_eq!(
            f.value().chars().count(),
            5002,
            "nothing of the paste is cut"
        );
        assert_eq!(f.value(), format!("a{long}b"));
        f.handle(key(KeyCode::Char('!')));
        assert!(
            f.value().ends_with("ω!b"),
            "the cursor stands after the paste"
        );
    }

    #[test]
    fn a_placeholder_is_typed_over_and_comes_back_when_cleared() {
        let mut f = TextField::placeholder("now");
        assert_eq!((f.value(), f.text()), ("", "now"));
        f.handle(key(KeyCode::Char('-')));
        f.insert_str("20m");
        assert_eq!(f.text(), "-20m");
        f.handle(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(f.text(), "now");
        f.set("08:00");
        assert_eq!(f.trimmed(), Some("08:00"));
    }
}
