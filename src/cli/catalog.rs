//! `myolog sites`, `triggers` and `classes`: the catalogues, as tables.

use super::{Result, say, table};
use crate::catalog::catalog;

pub fn sites() -> Result<()> {
    print(
        &["SITE", "SIDE", "GROUP", "LABEL", "SNOMED"],
        &catalog().sites,
        |s| {
            vec![
                s.id.clone(),
                if s.sided { "left/right/both" } else { "-" }.into(),
                s.group.clone(),
                s.label.clone(),
                s.snomed_code().unwrap_or("").to_string(),
            ]
        },
    )
}

pub fn triggers() -> Result<()> {
    print(&["TRIGGER", "LABEL", "OBVIOUS"], &catalog().triggers, |t| {
        vec![
            t.id.clone(),
            t.label.clone(),
            if t.obvious { "yes" } else { "" }.into(),
        ]
    })?;
    say("Any other lowercase name (letters, digits, '-') is kept as a custom trigger.")
}

pub fn classes() -> Result<()> {
    print(
        &["CLASS", "EXAMPLES", "EVIDENCE"],
        &catalog().medication_classes,
        |c| vec![c.id.clone(), c.examples.clone(), c.evidence.clone()],
    )
}

/// One catalogue as a table, a row per entry.
fn print<T>(headers: &[&str], entries: &[T], row: impl Fn(&T) -> Vec<String>) -> Result<()> {
    say(table::render(headers, entries.iter().map(row).collect()))
}
