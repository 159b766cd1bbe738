//! Words shared by the renderers (labels, counts, dates), and escaping of the user's own text.

use chrono::NaiveDate;

use crate::catalog::catalog;

/// Text a user typed, with control characters other than newlines dropped, bidirectional
/// overrides and isolates too (they would reorder what a doctor reads around them), and
/// Windows line ends made plain, so no renderer has to think about them.
pub fn clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|&c| c == '\n' || !(c.is_control() || crate::text::bidi_control(c)))
        .collect::<String>()
        .trim()
        .to_string()
}

/// HTML text: the five special characters as entities, newlines as line breaks.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// HTML text as [`html_escape`] gives it, with each date (`2026-11-25`) kept on one line: a
/// printed page never breaks a date across lines, whatever the column's width.
pub fn html_escape_dates(s: &str) -> String {
    let text = html_escape(s);
    let bytes = text.as_bytes();
    let is_date = |i: usize| {
        bytes.len() >= i + 10
            && bytes[i..i + 10].iter().enumerate().all(|(k, b)| match k {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            })
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit())
    };
    let mut out = String::with_capacity(text.len() + 32);
    let mut i = 0;
    let mut last = 0;
    while i < bytes.len() {
        if is_date(i) {
            out.push_str(&text[last..i]);
            out.push_str("<span class=\"date\">");
            out.push_str(&text[i..i + 10]);
            out.push_str("</span>");
            i += 10;
            last = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Markdown text that reads as the same text: every character that could start inline markup,
/// a link, raw HTML or an entity, or end a table cell, is backslash-escaped (CommonMark escapes
/// any ASCII punctuation), and newlines become `<br>`, so user text never starts a line and
/// block markers (`-`, `1.`, `=`) have no effect.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in clean(s).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub use crate::text::plural;

/// The catalogue's words for `id`, or `id` itself when the catalogue has none.
fn or_id(id: &str, label: Option<&String>) -> String {
    label.map_or_else(|| id.to_string(), String::clone)
}

pub fn site_label(id: &str) -> String {
    or_id(id, catalog().site(id).map(|s| &s.label))
}

pub fn class_label(id: &str) -> String {
    or_id(id, catalog().medication_class(id).map(|c| &c.label))
}

pub fn relief_label(id: &str) -> String {
    or_id(id, catalog().relief(id).map(|r| &r.label))
}

pub fn symptom_label(id: &str) -> String {
    or_id(id, catalog().symptom(id).map(|s| &s.label))
}

/// A number with one decimal, without a trailing ".0" for whole numbers.
pub fn number(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}

pub fn yes_no(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_html_text_are_kept_whole() {
        assert_eq!(
            html_escape_dates("from 2026-11-03 to 2026-11-25 & <b>"),
            "from <span class=\"date\">2026-11-03</span> to <span class=\"date\">2026-11-25</span> &amp; &lt;b&gt;"
        );
        // Not a date: more digits either side, or another shape.
        assert_eq!(html_escape_dates("12026-11-03"), "12026-11-03");
        assert_eq!(html_escape_dates("2026-11-031"), "2026-11-031");
        assert_eq!(html_escape_dates("2026-1-03 é"), "2026-1-03 é");
    }
}
