//! `myolog selfcheck`: the strength tests and symptoms of a day, and what they call for;
//! `selfcheck list`: every self-check with its id.

use uuid::Uuid;

use super::args::{RecordListArgs, SelfcheckArgs, SelfcheckCommand};
use super::status::ActiveFlag;
use super::{Context, Result, records, say, table};
use crate::config::Config;
use crate::domain::SelfCheck;
use crate::patterns::{Level, Settings, self_check_advice, self_check_level};
use crate::store::Access;

pub fn run(args: SelfcheckArgs, ctx: &Context) -> Result<()> {
    if let Some(SelfcheckCommand::List(list_args)) = args.command {
        return list(list_args, ctx);
    }
    let now = ctx.now();
    let check = SelfCheck {
        id: Uuid::new_v4(),
        date: ctx.day_or_today("--date", args.date.as_deref())?,
        heel_walk: args.heel_walk,
        jar: args.jar,
        stairs: args.stairs,
        symptoms: args.symptoms,
        created: now,
        updated: now,
    };
    check.check_not_future(ctx.today())?;
    check.validate()?;
    let mut diary = ctx.open(Access::Write)?;
    // What the flags were and are is told after the save; nothing in working it out (a bad
    // setting in the config, say) may stop the self-check from being recorded.
    let settings = Config::load()
        .ok()
        .and_then(|c| Settings::from_config(&c).ok());
    let symptom_flags = |diary: &_| -> Option<Vec<ActiveFlag>> {
        let status = super::status::status(diary, settings.as_ref()?, ctx.today()).ok()?;
        Some(
            status
                .active
                .into_iter()
                .filter(|f| f.id.is_symptom_flag())
                .collect(),
        )
    };
    let before = symptom_flags(&diary);
    diary.add_self_check(&check)?;
    say(format!(
        "Saved the self-check of {} (id {}).",
        check.date, check.id
    ))?;
    // A flag from a symptom ends when a later self-check no longer reports it (DOMAIN.md
    // section 4). On the command line a self-check that names no symptom says none is present,
    // which a person who only tried the jar may not have meant: say which flag it ended, and
    // how to put it back, rather than end an urgent flag without a word.
    // Both known, or nothing is said: a flag is never said to have ended for want of a reading.
    let (before, after) = match (before, symptom_flags(&diary)) {
        (Some(before), Some(after)) => (before, after),
        _ => (Vec::new(), Vec::new()),
    };
    for ended in before
        .iter()
        .filter(|f| !after.iter().any(|a| a.id == f.id))
    {
        say(format!(
            "This self-check reports none of the symptoms behind \"{}\" ({}), so that flag is no longer active. If you did not check for them, `myolog edit {} --symptom NAME` records what is present.",
            ended.title,
            ended.level.label(),
            table::short_id(&check.id),
        ))?;
    }
    advise(&check)
}

/// What a self-check calls for, when it calls for anything.
pub fn advise(check: &SelfCheck) -> Result<()> {
    if let Some(level) = self_check_level(check) {
        say(format!(
            "{} (myolog shows guidance; it is not medical advice.)",
            self_check_advice(level)
        ))?;
    }
    Ok(())
}

/// `myolog selfcheck list [--since DAY] [--json]`: newest first.
fn list(args: RecordListArgs, ctx: &Context) -> Result<()> {
    records::list(
        args,
        ctx,
        |diary, since| diary.self_checks_since(since),
        records::Listing {
            plural: "self-checks",
            first: "`myolog selfcheck --heel-walk ok ...` records one.",
            headers: &["ID", "DATE", "CALLS FOR", "FOUND"],
            row: |c: &SelfCheck| {
                let level = self_check_level(c).map_or("", Level::label);
                vec![
                    table::short_id(&c.id),
                    c.date.to_string(),
                    level.to_string(),
                    c.summary(),
                ]
            },
        },
    )
}
