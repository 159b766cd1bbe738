//! Words shared by the renderers (labels, counts, dates), and escaping of the user's own text.

use chrono::{NaiveDate, Timelike};

use crate::catalog::catalog;
use crate::domain::{Episode, Kind, ReliefUse, format_duration};

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

/// The columns of the episode table, in order.
pub const EPISODE_COLUMNS: [&str; 10] = [
    "Date",
    "Time",
    "Kind",
    "Sites",
    "Intensity / pain",
    "Duration",
    "Triggers",
    "Relief",
    "Sore after",
    "Note",
];

/// One episode as the ten cells of the episode table, unescaped.
pub fn episode_cells(e: &Episode) -> [String; 10] {
    let strength = match e.kind {
        Kind::Twitch => e.intensity.map(|i| format!("{i}/5")),
        Kind::Cramp => e.pain.map(|p| format!("pain {p}/10")),
    };
    let mut extras = Vec::new();
    if e.visible == Some(true) {
        extras.push("visible");
    }
    if e.hardening == Some(true) {
        extras.push("hard");
    }
    if e.lost_motion == Some(true) {
        extras.push("lost motion");
    }
    let strength = match (strength, extras.is_empty()) {
        (Some(s), true) => s,
        (Some(s), false) => format!("{s}, {}", extras.join(", ")),
        (None, false) => extras.join(", "),
        (None, true) => String::new(),
    };
    [
        date(e.local_date()),
        format!("{:02}:{:02}", e.start.hour(), e.start.minute()),
        e.kind.as_str().to_string(),
        e.sites
            .iter()
            .map(|s| match s.side {
                Some(side) => format!("{} ({})", site_label(&s.site), side.as_str()),
                None => site_label(&s.site),
            })
            .collect::<Vec<_>>()
            .join(", "),
        strength,
        e.duration_s.map(format_duration).unwrap_or_default(),
        e.triggers.join(", "),
        e.reliefs.iter().map(relief).collect::<Vec<_>>().join(", "),
        e.sore_days
            .map(|d| plural(u32::from(d), "day", "days"))
            .unwrap_or_default(),
        e.note.as_deref().map(clean).unwrap_or_default(),
    ]
}

fn relief(r: &ReliefUse) -> String {
    match r.helped {
        Some(true) => format!("{} (helped)", r.relief),
        Some(false) => format!("{} (no help)", r.relief),
        None => r.relief.clone(),
    }
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
