//! `myolog demo`: fill an empty diary with a realistic synthetic one.

use super::args::DemoArgs;
use super::{Context, Result, say};
use crate::domain::InputError;
use crate::store::Access;

pub fn run(args: DemoArgs, ctx: &Context) -> Result<()> {
    let mut diary = ctx.open(Access::Write)?;
    if !diary.counts()?.is_empty() {
        return Err(InputError::new(
            "demo",
            format!(
                "{} already has entries; demo only fills an empty diary (pick a new file with --db)",
                ctx.path().display()
            ),
        )
        .into());
    }
    let started = std::time::Instant::now();
    let written = crate::demo::write(args.days, args.seed, &ctx.clock, &mut diary, ctx.now())?;
    let [e, ch, m, s, x] = written.in_words().map(|(_, t)| t);
    say(format!(
        "Wrote a {}-day demo diary to {}: {e}, {ch}, {m}, {s}, {x} ({:.1} s).",
        args.days,
        ctx.path().display(),
        started.elapsed().as_secs_f64()
    ))
}
