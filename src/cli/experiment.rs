//! `myolog experiment start|stop|list|show` (DOMAIN.md section 7): try one change for a planned
//! number of days and compare it, fairly, with as many days before it.

use chrono::NaiveDate;
use clap::Subcommand;

use super::{Context, Result, print_json, say, table};
use crate::domain::experiment::{DEFAULT_DAYS, MAX_DAYS, MIN_DAYS};
use crate::domain::{Change, Experiment, InputError, Outcome};
use crate::patterns::Settings;
use crate::patterns::experiments::{self, ExperimentResult};
use crate::store::{Access, Diary};

/// `myolog experiment --help`.
pub const LONG_ABOUT: &str = "Try one change for a planned number of days and compare it, \
    fairly, with as many days just before it: cut caffeine, stretch before bed, take \
    magnesium, sleep more.\n\n\
    Only days with a check-in count. Each day's check-in says whether the change was kept \
    (its caffeine, stretching, magnesium, sleep, water or alcohol; for a custom change the \
    check-in asks: `myolog checkin --kept` or `--not-kept`). The result compares the days \
    that kept the change with the days before (per protocol), and every day of it with the \
    days before (as planned), each as a ratio with its 95% interval; the verdict needs at \
    least 7 days with a check-in on each side. One experiment runs at a time.";

#[derive(Debug, Subcommand)]
pub enum ExperimentCommand {
    /// Start one: a change tried for N days, against the N days before
    Start {
        /// A name for it ("caffeine cut")
        name: String,
        /// no-caffeine (under 100 mg), less-caffeine (under 200 mg), stretch-before-bed,
        /// magnesium, sleep-7h, water-2l, no-alcohol, or custom (the check-in asks whether
        /// you kept it)
        #[arg(long, value_name = "CHANGE", value_parser = Change::parse)]
        change: Change,
        /// What is counted: twitch_day, cramp_day or nocturnal_cramp_night
        #[arg(long, value_name = "OUTCOME", value_parser = Outcome::parse)]
        outcome: Outcome,
        /// How many days it runs (7 to 365); the baseline is as many days before it
        #[arg(long, value_name = "N", default_value_t = DEFAULT_DAYS, value_parser = planned_days, allow_hyphen_values = true)]
        days: u32,
        /// Its first day (DAY) [default: today]
        #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
        on: Option<String>,
    },
    /// Stop the running one before its planned end
    Stop {
        /// The first day without the change (DAY); the days before it count [default: today]
        #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
        on: Option<String>,
    },
    /// Every experiment with its verdict
    List {
        /// Print JSON: an array of the objects `experiment show --json` prints
        #[arg(long)]
        json: bool,
    },
    /// One experiment in full: both periods, adherence, both comparisons and the verdict
    Show {
        /// Its name [default: the running one, or the latest]
        name: Option<String>,
        /// Print JSON: id, name, change, outcome, start, end, stopped, baseline, experiment,
        /// adherence, per_protocol, as_planned, verdict
        #[arg(long)]
        json: bool,
    },
}

fn planned_days(s: &str) -> std::result::Result<u32, String> {
    super::args::whole_number_in(
        s,
        MIN_DAYS,
        MAX_DAYS,
        " days",
        &format!(" (fewer than {MIN_DAYS} cannot tell a change from chance)"),
    )
}

pub fn run(command: ExperimentCommand, ctx: &Context) -> Result<()> {
    match command {
        ExperimentCommand::Start {
            name,
            change,
            outcome,
            days,
            on,
        } => start(&name, change, outcome, days, on.as_deref(), ctx),
        ExperimentCommand::Stop { on } => stop(on.as_deref(), ctx),
        ExperimentCommand::List { json } => list(json, ctx),
        ExperimentCommand::Show { name, json } => show(name.as_deref(), json, ctx),
    }
}

fn start(
    name: &str,
    change: Change,
    outcome: Outcome,
    days: u32,
    on: Option<&str>,
    ctx: &Context,
) -> Result<()> {
    let start = ctx.day_or_today("--on", on)?;
    let experiment =
        Experiment::new(name, change, outcome, start, days, ctx.now()).ok_or_else(|| {
            InputError::new(
                "--on",
                format!("{start} plus {days} days is past the calendar"),
            )
        })?;
    experiment.check_not_future(ctx.today())?;
    experiment.validate()?;
    let mut diary = ctx.open(Access::Write)?;
    diary.start_experiment(&experiment)?;
    let result = result_of(&diary, &experiment, ctx)?;
    let (first, last) = experiment.baseline();
    let mut text = vec![format!(
        "Started the experiment '{}' (id {}): {} from {} to {} ({days} days), counting {} against the {days} days before ({first} to {last}, {} of them with a check-in).",
        experiment.name,
        experiment.id,
        change.label(),
        experiment.start,
        experiment.end,
        outcome.counted(),
        result.baseline.days,
    )];
    text.push(match change {
        Change::Custom => "Each day's check-in asks whether you kept the change: `myolog checkin --kept` or `--not-kept`.".to_string(),
        _ => format!(
            "Each day's check-in shows whether you kept it (its {}); a day without a check-in does not count.",
            change.read_from()
        ),
    });
    if result.baseline.days < MIN_DAYS {
        text.push(format!(
            "Only {} of the days before have a check-in; a result needs {MIN_DAYS}, so it will say \"too early\" (past check-ins can still be added: `myolog checkin --date DAY ...`).",
            result.baseline.days
        ));
    }
    text.push("`myolog undo` takes it back; `myolog experiment show` shows how it goes.".into());
    say(text.join("\n"))
}

fn stop(on: Option<&str>, ctx: &Context) -> Result<()> {
    let today = ctx.today();
    let on = ctx.day_or_today("--on", on)?;
    let not_running = || -> crate::Error {
        InputError::new(
            "experiment stop",
            format!("no experiment is running on {today}; `myolog experiment list` shows them"),
        )
        .into()
    };
    let Some(mut diary) = ctx.open_if_any()? else {
        return Err(not_running());
    };
    if experiments::running(&diary.experiments()?, today).is_none() {
        return Err(not_running());
    }
    let stopped = diary.stop_experiment(today, on, ctx.now())?;
    let result = result_of(&diary, &stopped, ctx)?;
    let mut text = vec![format!(
        "Stopped the experiment '{}' on {on}; `myolog undo` takes that back.",
        stopped.name
    )];
    text.extend(experiments::lines(&result, settings()?.confidence));
    say(text.join("\n"))
}

fn list(json: bool, ctx: &Context) -> Result<()> {
    let results = match ctx.open_if_any()? {
        Some(diary) => all_results(&diary, ctx)?,
        None => Vec::new(),
    };
    if json {
        return print_json(&results);
    }
    if results.is_empty() {
        return say(
            "No experiments yet; `myolog experiment start NAME --change CHANGE --outcome OUTCOME` starts one.",
        );
    }
    let rows = results
        .iter()
        .map(|r| {
            vec![
                r.record.name.clone(),
                r.record.change.to_string(),
                r.record.outcome.to_string(),
                format!("{} to {}", r.record.start, r.record.end),
                r.status(),
                r.verdict.words().to_string(),
            ]
        })
        .collect();
    say(table::render(
        &["NAME", "CHANGE", "OUTCOME", "PLANNED", "STATUS", "VERDICT"],
        rows,
    ))
}

fn show(name: Option<&str>, json: bool, ctx: &Context) -> Result<()> {
    let not_found = |what: String| -> crate::Error {
        InputError::new(
            "NAME",
            format!("{what}; `myolog experiment list` shows them"),
        )
        .into()
    };
    let Some(diary) = ctx.open_if_any()? else {
        return Err(match name {
            Some(n) => not_found(format!("no experiment called '{}'", n.trim())),
            None => not_found("no experiment yet".into()),
        });
    };
    let all = diary.experiments()?;
    let today = ctx.today();
    let chosen = match name {
        Some(n) => all
            .iter()
            .filter(|e| e.name.trim().eq_ignore_ascii_case(n.trim()))
            .max_by_key(|e| (e.start, e.created))
            .ok_or_else(|| not_found(format!("no experiment called '{}'", n.trim())))?,
        None => experiments::running(&all, today)
            .or_else(|| all.iter().max_by_key(|e| (e.start, e.created)))
            .ok_or_else(|| not_found("no experiment yet".into()))?,
    };
    let result = result_of(&diary, chosen, ctx)?;
    if json {
        return print_json(&result);
    }
    say(experiments::lines(&result, settings()?.confidence).join("\n"))
}

fn settings() -> Result<Settings> {
    Ok(Settings::load()?)
}

fn result_of(diary: &Diary, e: &Experiment, ctx: &Context) -> Result<ExperimentResult> {
    let today = ctx.today();
    let (from, to) = experiments::window(e, today);
    let slice = diary.summary_slice(Some(from), Some(to))?;
    Ok(experiments::evaluate(e, &slice, today, &settings()?))
}

fn all_results(diary: &Diary, ctx: &Context) -> Result<Vec<ExperimentResult>> {
    results(diary, &diary.experiments()?, ctx.today())
}

fn results(diary: &Diary, list: &[Experiment], today: NaiveDate) -> Result<Vec<ExperimentResult>> {
    let settings = settings()?;
    Ok(experiments::results(list, today, &settings, |from, to| {
        diary.summary_slice(Some(from), Some(to))
    })?)
}
