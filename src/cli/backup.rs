//! `myolog backup FILE`: a copy of the whole diary, made safely even while it is open elsewhere.

use std::path::Path;

use super::{Context, Result, say};
use crate::store::Access;

pub fn run(file: &Path, ctx: &Context) -> Result<()> {
    let diary = ctx.open(Access::Read)?;
    diary.backup_to(file)?;
    let c = diary.counts()?;
    say(format!(
        "Backed up {} episodes, {} check-ins, {} medications and {} self-checks to {}.",
        c.episodes,
        c.checkins,
        c.medications,
        c.self_checks,
        file.display()
    ))
}
