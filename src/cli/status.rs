//! `myolog status [--json]`: one line for a shell prompt or a login message: whether today's
//! check-in is due, the active flags by level, and the experiment's day when one runs. A
//! prompt runs it all the time, so it reads only what the rules need to tell which flags are
//! active (the ranges [`crate::patterns::banner`] chooses, as Today's banner does), and
//! writes nothing: the diary is opened with [`Diary::peek`], which leaves no -wal or -shm file
//! and changes no mode.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Context, Result, print_json, say};
use crate::config::Config;
use crate::domain::experiment::{Change, running};
use crate::patterns::banner::findings_for_active;
use crate::patterns::{Level, RuleId, Settings};
use crate::store::{DatedAfter, Diary, StoreError};

/// What `myolog status --json` prints.
#[derive(Debug, Serialize)]
pub struct Status {
    /// Today, as the status was worked out.
    pub date: NaiveDate,
    /// No check-in saved for today yet.
    pub checkin_due: bool,
    /// The active flags by level.
    pub flags: LevelCounts,
    /// The most serious level among them, `null` when none is active.
    pub worst: Option<Level>,
    /// Each active flag, most serious first.
    pub active: Vec<ActiveFlag>,
    /// The experiment running today, `null` when none is.
    pub experiment: Option<RunningExperiment>,
    /// Entries dated after today (logged while a clock was set ahead), which nothing counts;
    /// `null` when there are none.
    pub dated_after_today: Option<DatedAfter>,
    /// The line the text form prints.
    pub line: String,
}

#[derive(Debug, Default, Serialize)]
pub struct LevelCounts {
    pub urgent: usize,
    pub see_doctor: usize,
    pub notice: usize,
}

/// The experiment running today and the day it is on.
#[derive(Debug, Serialize)]
pub struct RunningExperiment {
    pub name: String,
    pub change: Change,
    /// Today is its day `day` of `days` planned.
    pub day: u32,
    pub days: u32,
}

#[derive(Debug, Serialize)]
pub struct ActiveFlag {
    pub id: RuleId,
    pub level: Level,
    pub title: String,
}

pub fn run(json: bool, ctx: &Context) -> Result<()> {
    let settings = Settings::from_config(&Config::load()?)?;
    let Some(status) = read(ctx.path(), &settings, ctx.today())? else {
        eprintln!("myolog: {}", crate::Error::NoDiary(ctx.path().to_owned()));
        return if json { print_json(&()) } else { Ok(()) };
    };
    if json {
        print_json(&status)
    } else {
        say(&status.line)
    }
}

/// The status of the diary at `path` on `today`, read without writing anything; `None` when
/// there is no diary there.
pub fn read(path: &Path, settings: &Settings, today: NaiveDate) -> Result<Option<Status>> {
    match Diary::peek(path) {
        Ok(diary) => status(&diary, settings, today).map(Some),
        Err(StoreError::Missing { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

pub(super) fn status(diary: &Diary, settings: &Settings, today: NaiveDate) -> Result<Status> {
    let checkin_due = diary.checkin(today)?.is_none();
    let (medications, self_checks) = (diary.medications()?, diary.self_checks()?);
    let findings = findings_for_active(
        settings,
        today,
        &medications,
        &self_checks,
        |from, until| diary.summary_slice(Some(from), Some(until)),
        |wanted| diary.lean_episodes(wanted),
    )?;
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
    let experiment =
        running(&diary.experiments_in(Some(today), Some(today))?, today).and_then(|e| {
            e.day_of(today).map(|(day, days)| RunningExperiment {
                name: e.name.clone(),
                change: e.change,
                day,
                days,
            })
        });
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
    if let Some(e) = &experiment {
        parts.push(format!(
            "experiment '{}' day {} of {}",
            e.name, e.day, e.days
        ));
    }
    let dated_after_today = diary.dated_after(today)?;
    if let Some(later) = dated_after_today {
        parts.push(format!("{} not counted", later.describe("today")));
    }
    Ok(Status {
        date: today,
        checkin_due,
        flags,
        worst,
        active,
        experiment,
        dated_after_today,
        line: format!("myolog: {}", parts.join("; ")),
    })
}
