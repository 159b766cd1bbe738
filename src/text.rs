//! Text from the diary made safe to show on one line: notes and names may hold anything.

use std::borrow::Cow;
use std::fmt::Display;

/// "1 day", "3 days": a count with the word that goes with it.
pub fn plural<N: Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    let word = if n == N::from(1) { one } else { many };
    format!("{n} {word}")
}

/// Text safe to print to a terminal: control characters (escape sequences, bells, carriage
/// returns) become U+FFFD, tabs a space, and bidirectional overrides and isolates, which could
/// reorder what is shown around them, are dropped. Newlines stay.
pub fn printable(text: &str) -> Cow<'_, str> {
    let hidden = bidi_control;
    if !text
        .chars()
        .any(|c| (c.is_control() && c != '\n') || hidden(c))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|&c| !hidden(c))
            .map(|c| match c {
                '\n' => '\n',
                '\t' => ' ',
                c if c.is_control() => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// A bidirectional embedding, override or isolate (U+202A-U+202E, U+2066-U+2069): invisible,
/// it reorders what is shown around it, so text from the diary never keeps one.
pub(crate) fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A cell's text on one line and printable, so a row stays one row.
pub(crate) fn one_line_cell(text: &str) -> String {
    printable(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

/// Text on one line, cut to `max` characters with an ellipsis.
pub fn one_line(text: &str, max: usize) -> String {
    let flat = one_line_cell(text);
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
