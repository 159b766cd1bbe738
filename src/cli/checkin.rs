//! `myolog checkin`: save the day's check-in, or show it; `checkin list`: every check-in with
//! its id. While a `custom` experiment runs, the check-in also says whether its change was kept
//! (`--kept` / `--not-kept`).

use super::args::{CheckinArgs, CheckinCommand, CheckinFields, RecordListArgs, set_given};
use super::{Context, Result, records, say, table};
use crate::domain::{Change, CheckIn, Experiment, InputError};
use crate::store::{Access, Diary};

pub fn run(args: CheckinArgs, ctx: &Context) -> Result<()> {
    if let Some(CheckinCommand::List(list_args)) = args.command {
        return list(list_args, ctx);
    }
    let (kept, kept_option) = match (args.kept, args.not_kept) {
        (true, _) => (Some(true), "--kept"),
        (_, true) => (Some(false), "--not-kept"),
        _ => (None, "--kept"),
    };
    let mut checkin = CheckIn {
        note: args.note.clone(),
        experiment_kept: kept,
        ..CheckIn::empty(ctx.day_or_today("--date", args.date.as_deref())?)
    };
    apply(&args.fields, &mut checkin);
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

/// Copies the fields given onto a check-in; the others stay as they are.
pub fn apply(fields: &CheckinFields, c: &mut CheckIn) {
    set_given(&mut c.sleep_h, fields.sleep);
    set_given(&mut c.caffeine_mg, fields.caffeine);
    set_given(&mut c.stress, fields.stress);
    set_given(&mut c.water_l, fields.water);
    set_given(&mut c.alcohol, fields.alcohol);
    set_given(&mut c.exercise_min, fields.exercise);
    set_given(&mut c.magnesium, fields.magnesium);
    set_given(&mut c.stretched, fields.stretched);
}

/// `myolog checkin list [--since DAY] [--json]`: newest first.
fn list(args: RecordListArgs, ctx: &Context) -> Result<()> {
    records::list(
        args,
        ctx,
        |diary, since| diary.checkins(since, None),
        records::Listing {
            plural: "check-ins",
            first: "`myolog checkin --sleep 7 ...` saves today's.",
            headers: &["ID", "DATE", "CHECK-IN"],
            row: |c: &CheckIn| {
                let summary = c.summary();
                let values = summary
                    .split_once(": ")
                    .map_or(summary.as_str(), |(_, rest)| rest);
                vec![
                    table::short_id(&c.id()),
                    c.date.to_string(),
                    values.to_string(),
                ]
            },
        },
    )
}
