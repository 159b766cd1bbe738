//! `myolog backup FILE`: a copy of the whole diary, made safely even while it is open elsewhere
//! and checked before it is kept; `myolog check`: whether the diary itself is whole.

use std::path::Path;

use super::{Context, Result, plural, say};
use crate::Error;
use crate::store::{Access, StoreError};

pub fn run(file: &Path, ctx: &Context) -> Result<()> {
    let diary = ctx.open(Access::Read)?;
    diary.backup_to(file)?;
    let [e, ch, m, s, _] = diary.counts()?.in_words().map(|(_, t)| t);
    say(format!(
        "Backed up {e}, {ch}, {m} and {s} to {}; the copy passed SQLite's integrity check.",
        file.display()
    ))
}

/// Says what each check found; a diary with problems ends with exit status 2 (the file is the
/// user's to restore, as for every damaged diary), one that is fine with 0.
pub fn check(ctx: &Context) -> Result<()> {
    // No diary is nothing to vouch for: said as the error it is.
    let Some(diary) = ctx.open_if_any()? else {
        return Err(Error::NoDiary(ctx.path().to_owned()));
    };
    let findings = diary.check()?;
    say(format!(
        "Checked the diary at {} (diary version {}):",
        ctx.path().display(),
        crate::store::latest_version()
    ))?;
    for check in &findings.checks {
        if check.problems.is_empty() {
            say(format!("  ok       {}", check.what))?;
        } else {
            say(format!("  PROBLEM  not so: {}", check.what))?;
            for problem in &check.problems {
                say(format!("           - {problem}"))?;
            }
        }
    }
    if findings.ok() {
        return say("No problems found.");
    }
    Err(Error::from(StoreError::Damaged {
        path: Some(ctx.path().to_owned()),
        detail: format!(
            "{} found, listed above",
            plural(findings.problems(), "problem", "problems")
        ),
    }))
}
