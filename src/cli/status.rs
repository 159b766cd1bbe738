//! `myolog status [--json]`: one line for a shell prompt or a login message: whether today's
//! check-in is due, the active flags by level, and the experiment's day when one runs. A
//! prompt runs it all the time, so it reads only what the rules need to tell which flags are
//! active (the ranges [`crate::patterns::banner`] chooses, as Today's banner does), and
//! writes nothing: the diary is opened with [`Diary::peek`], which leaves no -wal or -shm file
//! and changes no mode.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Context, Result, print_json, say};
use crate::config::Config;
use crate::patterns::banner::findings_for_active;
use crate::patterns::{Level, RuleId, Settings};
use crate::store::{Diary, StoreError};

/// What `myolog status --json` prints.
#[derive(Debug, Serialize)]
struct Status {
    /// Today, as the status was worked out.
    date: NaiveDate,
    /// No check-in saved for today yet.
    checkin_due: bool,
    /// The active flags by level.
    flags: LevelCounts,
    /// The most serious level among them, `null` when none is active.
    worst: Option<Level>,
    /// Each active flag, most serious first.
    active: Vec<ActiveFlag>,
    /// The experiment running today, `null` when none is.
    experiment: Option<serde_json::Value>,
    /// The line the text form prints.
    line: String,
}

#[derive(Debug, Default, Serialize)]
struct LevelCounts {
    urgent: usize,
    see_doctor: usize,
    notice: usize,
}

#[derive(Debug, Serialize)]
struct ActiveFlag {
    id: RuleId,
    level: Level,
    title: String,
}

pub fn run(json: bool, ctx: &Context) -> Result<()> {
    let diary = match Diary::peek(ctx.path()) {
        Ok(diary) => diary,
        Err(StoreError::Missing { path }) => {
            eprintln!("myolog: {}", crate::Error::NoDiary(path));
            return if json { print_json(&()) } else { Ok(()) };
        }
        Err(e) => return Err(e.into()),
    };
    let settings = Settings::from_config(&Config::load()?)?;
    let status = status(&diary, &settings, ctx.today())?;
    if json {
        print_json(&status)
    } else {
        say(&status.line)
    }
}

fn status(diary: &Diary, settings: &Settings, today: NaiveDate) -> Result<Status> {
    let checkin_due = diary.checkin(today)?.is_none();
    let findings = findings_for_active(settings, today, &diary.medications()?, |from, until| {
        diary.load_for_patterns(Some(from), Some(until))
    })?;
    let mut flags = LevelCounts::default();
    let mut active = Vec::new();
    for flag in findings.active_flags() {
        match flag.level {
            Level::Urgent => flags.urgent += 1,
            Level::SeeDoctor => flags.see_doctor += 1,
            Level::Notice => flags.notice += 1,
        }
        active.push(ActiveFlag {
            id: flag.id,
            level: flag.level,
            title: flag.title.clone(),
        });
    }
    active.sort_by_key(|f| f.level);
    let worst = active.first().map(|f| f.level);
    // HOOK(experiments): the store has no experiments yet. Once it does, put the running
    // experiment here ({"name", "change", "day", "days"}) and say "experiment NAME day D of N"
    // in the line.
    let experiment = None;
    let mut parts = vec![if checkin_due {
        "check-in due".to_string()
    } else {
        "checked in today".to_string()
    }];
    let counted: Vec<String> = [
        (flags.urgent, Level::Urgent),
        (flags.see_doctor, Level::SeeDoctor),
        (flags.notice, Level::Notice),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, level)| format!("{n} {}", level.label()))
    .collect();
    parts.push(match (counted.is_empty(), worst) {
        (false, Some(worst)) => format!(
            "{} active flag{}: {} (`myolog patterns`)",
            worst.symbol(),
            if active.len() == 1 { "" } else { "s" },
            counted.join(", ")
        ),
        _ => "no active flags".to_string(),
    });
    Ok(Status {
        date: today,
        checkin_due,
        flags,
        worst,
        active,
        experiment,
        line: format!("myolog: {}", parts.join("; ")),
    })
}
