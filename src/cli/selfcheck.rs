//! `myolog selfcheck`: the strength tests and symptoms of a day, and what they call for.

use uuid::Uuid;

use super::args::SelfcheckArgs;
use super::{Context, Result, say};
use crate::domain::SelfCheck;
use crate::patterns::{self_check_advice, self_check_level};
use crate::store::Access;

pub fn run(args: SelfcheckArgs, ctx: &Context) -> Result<()> {
    let check = SelfCheck {
        id: Uuid::new_v4(),
        date: ctx.day_or_today("--date", args.date.as_deref())?,
        heel_walk: args.heel_walk,
        jar: args.jar,
        stairs: args.stairs,
        symptoms: args.symptoms,
        created: ctx.now(),
    };
    check.check_not_future(ctx.today())?;
    check.validate()?;
    let mut diary = ctx.open(Access::Write)?;
    diary.add_self_check(&check)?;
    say(format!("Saved the self-check of {}.", check.date))?;
    if let Some(level) = self_check_level(&check) {
        say(format!(
            "{} (myolog shows guidance; it is not medical advice.)",
            self_check_advice(level)
        ))?;
    }
    Ok(())
}
