//! `myolog checkin`: save the day's check-in, or show it.

use super::args::CheckinArgs;
use super::{Context, Result, say};
use crate::domain::CheckIn;
use crate::store::Access;

pub fn run(args: CheckinArgs, ctx: &Context) -> Result<()> {
    let checkin = CheckIn {
        date: ctx.day_or_today("--date", args.date.as_deref())?,
        sleep_h: args.sleep,
        caffeine_mg: args.caffeine,
        stress: args.stress,
        water_l: args.water,
        alcohol: args.alcohol,
        exercise_min: args.exercise,
        magnesium: args.magnesium,
        stretched: args.stretched,
        note: args.note,
    };
    checkin.check_not_future(ctx.today())?;
    checkin.validate()?;
    if checkin.is_empty() {
        let kept = match ctx.open_if_any()? {
            Some(diary) => diary.checkin(checkin.date)?,
            None => None,
        };
        return match kept {
            Some(c) => say(c.summary()),
            None => say(format!(
                "No check-in for {} yet; give --sleep, --caffeine, --stress ... to save one.",
                checkin.date
            )),
        };
    }
    let mut diary = ctx.open(Access::Write)?;
    let saved = diary.save_checkin(&checkin, ctx.now())?;
    say(format!("Saved. {}", saved.summary()))
}
