//! `myolog sites`, `triggers` and `classes`: the catalogues, as tables.

use super::{Result, say, table};
use crate::catalog::catalog;

pub fn sites() -> Result<()> {
    let rows = catalog()
        .sites
        .iter()
        .map(|s| {
            vec![
                s.id.clone(),
                if s.sided {
                    "left/right/both".into()
                } else {
                    "-".into()
                },
                s.group.clone(),
                s.label.clone(),
                s.snomed_code().unwrap_or("").to_string(),
            ]
        })
        .collect();
    say(table::render(
        &["SITE", "SIDE", "GROUP", "LABEL", "SNOMED"],
        rows,
    ))
}

pub fn triggers() -> Result<()> {
    let rows = catalog()
        .triggers
        .iter()
        .map(|t| {
            vec![
                t.id.clone(),
                t.label.clone(),
                if t.obvious {
                    "yes".into()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    say(table::render(&["TRIGGER", "LABEL", "OBVIOUS"], rows))?;
    say("Any other lowercase name (letters, digits, '-') is kept as a custom trigger.")
}

pub fn classes() -> Result<()> {
    let rows = catalog()
        .medication_classes
        .iter()
        .map(|c| vec![c.id.clone(), c.examples.clone(), c.evidence.clone()])
        .collect();
    say(table::render(&["CLASS", "EXAMPLES", "EVIDENCE"], rows))
}
