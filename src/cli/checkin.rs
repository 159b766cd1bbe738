//! `myolog checkin`: save the day's check-in, or show it. While a `custom` experiment runs, the
//! check-in also says whether its change was kept (`--kept` / `--not-kept`).

use super::args::CheckinArgs;
use super::{Context, Result, say};
use crate::domain::{Change, CheckIn, Experiment, InputError};
use crate::store::{Access, Diary};

pub fn run(args: CheckinArgs, ctx: &Context) -> Result<()> {
    let (kept, kept_option) = match (args.kept, args.not_kept) {
        (true, _) => (Some(true), "--kept"),
        (_, true) => (Some(false), "--not-kept"),
        _ => (None, "--kept"),
    };
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
        experiment_kept: kept,
        note: args.note,
    };
    checkin.check_not_future(ctx.today())?;
    checkin.validate()?;
    let existing = ctx.open_if_any()?;
    let custom = match &existing {
        Some(diary) => custom_experiment(diary, &checkin)?,
        None => None,
    };
    // The answer means something only to a custom experiment running that day.
    if kept.is_some() && custom.is_none() {
        return Err(InputError::new(
            kept_option,
            format!(
                "no custom experiment runs on {}; the check-in asks only while one does (`myolog experiment start NAME --change custom ...`)",
                checkin.date
            ),
        )
        .into());
    }
    if checkin.is_empty() {
        let kept = match existing {
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
    drop(existing);
    let mut diary = ctx.open(Access::Write)?;
    let saved = diary.save_checkin(&checkin, ctx.now())?;
    let mut text = format!("Saved. {}", saved.summary());
    if let Some(e) = custom.filter(|_| saved.experiment_kept.is_none()) {
        text.push_str(&format!(
            "\nThe experiment '{}' runs on {}: did you keep its change? `myolog checkin --kept` or `--not-kept` says so.",
            e.name, saved.date
        ));
    }
    say(text)
}

/// The `custom` experiment whose days include the check-in's date, if any.
fn custom_experiment(diary: &Diary, checkin: &CheckIn) -> Result<Option<Experiment>> {
    Ok(diary
        .experiments()?
        .into_iter()
        .filter(|e| e.change == Change::Custom && e.covers(checkin.date))
        .max_by_key(|e| (e.start, e.created)))
}
