//! Words shared by the renderers (labels, counts, dates), and escaping of the user's own text.

use chrono::NaiveDate;

use crate::catalog::catalog;

/// Text a user typed, with control characters other than newlines dropped and Windows line
/// ends made plain, so no renderer has to think about them.
pub fn clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| *c == '\n' || !c.is_control())
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

/// The line under the summary's self-checks when fine ones were left out for room.
pub fn self_checks_not_shown(n: u32) -> Option<String> {
    (n > 0).then(|| {
        format!(
            "{} earlier, all fine, {} in the detail.",
            plural(n, "self-check", "self-checks"),
            if n == 1 { "is" } else { "are" }
        )
    })
}

pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// "1 day", "3 days".
pub fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

pub fn site_label(id: &str) -> String {
    catalog()
        .site(id)
        .map_or_else(|| id.to_string(), |s| s.label.clone())
}

pub fn class_label(id: &str) -> String {
    catalog()
        .medication_class(id)
        .map_or_else(|| id.to_string(), |c| c.label.clone())
}

pub fn symptom_label(id: &str) -> String {
    catalog()
        .symptom(id)
        .map_or_else(|| id.to_string(), |s| s.label.clone())
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
