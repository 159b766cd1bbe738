//! The checks every imported record passes before the diary is opened: the domain's own
//! validation (the one `myolog log` uses), nothing in the future, no id twice in one file, and
//! the same tidying the command line does (whole seconds, blank notes dropped, site aliases).

use std::collections::HashMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta, Utc};
use uuid::Uuid;

use super::{ImportError, Record, whole_seconds};
use crate::catalog::catalog;
use crate::domain::time::{EARLIEST_YEAR, FUTURE_SLACK_MIN};
use crate::domain::{
    CheckIn, Episode, EpisodeField, Experiment, Invalid, Medication, SelfCheck, SiteRef,
    check_not_future, clean_note,
};

/// Tidies and checks imported records one at a time, as a file is read, remembering only the
/// ids (and check-in dates) seen so far so that one given twice is refused.
pub struct Checker {
    now: DateTime<FixedOffset>,
    episodes: HashMap<Uuid, usize>,
    checkins: HashMap<NaiveDate, usize>,
    medications: HashMap<Uuid, usize>,
    self_checks: HashMap<Uuid, usize>,
    experiments: HashMap<Uuid, usize>,
}

/// Names a record in the file from its table and index (`episodes[3]`, `line 7`).
pub type Position<'a> = dyn Fn(&str, usize) -> String + 'a;

/// A record passed, or where it is and why it is refused.
pub type Checked = Result<(), ImportError>;

impl Checker {
    pub fn new(now: DateTime<FixedOffset>) -> Self {
        Checker {
            now,
            episodes: HashMap::new(),
            checkins: HashMap::new(),
            medications: HashMap::new(),
            self_checks: HashMap::new(),
            experiments: HashMap::new(),
        }
    }

    /// Tidies and checks `record`, the `i`th of its table.
    pub fn record(&mut self, record: &mut Record, i: usize, position: &Position) -> Checked {
        let now = self.now;
        let table = match record {
            Record::Episode(_) => "episodes",
            Record::CheckIn(_) => "checkins",
            Record::Medication(_) => "medications",
            Record::SelfCheck(_) => "self_checks",
            Record::Experiment(_) => "experiments",
        };
        match record {
            Record::Episode(e) => return self.episode(e, i, position),
            Record::CheckIn(c) => {
                let (checked, key) = (checkin(c, now), ("checkins", "date", c.date));
                once(&mut self.checkins, key, i, position, checked)
            }
            Record::Medication(m) => {
                let (checked, key) = (medication(m), ("medications", "id", m.id));
                once(&mut self.medications, key, i, position, checked)
            }
            Record::SelfCheck(s) => {
                let (checked, key) = (self_check(s, now), ("self_checks", "id", s.id));
                once(&mut self.self_checks, key, i, position, checked)
            }
            Record::Experiment(e) => {
                let (checked, key) = (experiment(e, now), ("experiments", "id", e.id));
                once(&mut self.experiments, key, i, position, checked)
            }
        }?;
        check_times(record_times(record), now)
            .map_err(|reason| ImportError::new(position(table, i), None, reason))
    }

    /// Tidies and checks `e`, the `i`th episode.
    pub fn episode(&mut self, e: &mut Episode, i: usize, position: &Position) -> Checked {
        let (checked, key) = (episode(e, self.now), ("episodes", "id", e.id));
        once(&mut self.episodes, key, i, position, checked)?;
        check_times(episode_times(e), self.now)
            .map_err(|reason| ImportError::new(position("episodes", i), None, reason))
    }
}

/// The `i`th record of `table` is `checked`, and its `key` (its `field`) not `seen` before.
fn once<K: Eq + std::hash::Hash + std::fmt::Display + Copy>(
    seen: &mut HashMap<K, usize>,
    (table, field, key): (&str, &str, K),
    i: usize,
    position: &Position,
    checked: Result<(), Invalid>,
) -> Checked {
    let at = || position(table, i);
    checked.map_err(|err| ImportError::from_invalid(at(), err))?;
    match seen.insert(key, i) {
        Some(first) => Err(ImportError::new(
            at(),
            Some(field),
            format!(
                "{key} appears twice in the file (also at {}); accepted: each once",
                position(table, first)
            ),
        )),
        None => Ok(()),
    }
}

/// How far ahead of now an imported `created` or `updated` time may be: a clock a few minutes
/// fast (a phone not yet synchronised) is no reason to refuse a file, but a time further ahead
/// would make its copy win every later merge. The same slack as for start times.
const FUTURE_SLACK: TimeDelta = TimeDelta::minutes(FUTURE_SLACK_MIN);

/// A record's change times and dates, as [`check_times`] reads them.
struct Times {
    created: Option<DateTime<Utc>>,
    updated: Option<DateTime<Utc>>,
    dates: Vec<(&'static str, NaiveDate)>,
}

fn episode_times(e: &Episode) -> Times {
    Times {
        created: Some(e.created),
        updated: Some(e.updated),
        dates: vec![("start", e.start.date_naive())],
    }
}

fn record_times(record: &Record) -> Times {
    match record {
        Record::Episode(e) => episode_times(e),
        Record::Medication(m) => Times {
            created: Some(m.created),
            updated: Some(m.updated),
            dates: [Some(("start", m.start)), m.stop.map(|d| ("stop", d))]
                .into_iter()
                .flatten()
                .collect(),
        },
        Record::SelfCheck(s) => Times {
            created: Some(s.created),
            updated: Some(s.updated),
            dates: vec![("date", s.date)],
        },
        Record::CheckIn(c) => Times {
            created: c.created,
            updated: c.updated,
            dates: vec![("date", c.date)],
        },
        Record::Experiment(e) => Times {
            created: Some(e.created),
            updated: Some(e.updated),
            dates: [Some(("start", e.start)), Some(("end", e.end))]
                .into_iter()
                .chain([e.stopped.map(|d| ("stopped", d))])
                .flatten()
                .collect(),
        },
    }
}

/// Refuses a record whose change times cannot be true: `created` or `updated` in the future
/// (beyond a small slack), `updated` before `created`, or any date before 1900 (which other
/// formats cannot carry). A merge keeps the copy changed last, so one false time would
/// overwrite every later correction.
fn check_times(times: Times, now: DateTime<FixedOffset>) -> Result<(), String> {
    let utc = |t: &DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let latest = now.with_timezone(&Utc) + FUTURE_SLACK;
    for (name, time) in [("created", times.created), ("updated", times.updated)] {
        if let Some(t) = time {
            if t > latest {
                return Err(format!("{name} {} is in the future", utc(&t)));
            }
            if t.year() < EARLIEST_YEAR {
                return Err(format!(
                    "{name} {} is before {EARLIEST_YEAR}; accepted: times from {EARLIEST_YEAR} on",
                    utc(&t)
                ));
            }
        }
    }
    if let (Some(created), Some(updated)) = (times.created, times.updated)
        && updated < created
    {
        return Err(format!(
            "updated {} is before created {}; accepted: a record changed after it was made",
            utc(&updated),
            utc(&created)
        ));
    }
    for (name, date) in times.dates {
        if date.year() < EARLIEST_YEAR {
            return Err(format!(
                "{name} {date} is before {EARLIEST_YEAR}; accepted: dates from {EARLIEST_YEAR}-01-01 on"
            ));
        }
    }
    Ok(())
}

/// Tidies and checks one episode as `myolog log` would.
pub fn episode(e: &mut Episode, now: DateTime<FixedOffset>) -> Result<(), Invalid> {
    e.start = whole_seconds(e.start);
    e.created = whole_seconds(e.created);
    e.updated = whole_seconds(e.updated);
    e.note = clean_note(e.note.take());
    for site in &mut e.sites {
        if catalog().site(&site.site).is_none() {
            // An alias (`bicep`) becomes its id; an unknown name gets the closest ones.
            let found =
                SiteRef::parse(&site.site).map_err(|m| Invalid::new(EpisodeField::Sites, m))?;
            site.site = found.site;
        }
    }
    check_not_future(e.start, now)?;
    e.validate()
}

fn checkin(c: &mut CheckIn, now: DateTime<FixedOffset>) -> Result<(), Invalid> {
    c.note = clean_note(c.note.take());
    c.created = c.created.map(whole_seconds);
    c.updated = c.updated.map(whole_seconds);
    c.fill_times(now.to_utc());
    c.check_not_future(now.date_naive())?;
    c.validate()
}

fn medication(m: &mut Medication) -> Result<(), Invalid> {
    m.name = m.name.trim().to_string();
    m.dose = clean_note(m.dose.take());
    m.created = whole_seconds(m.created);
    m.updated = whole_seconds(m.updated);
    m.validate()
}

fn self_check(s: &mut SelfCheck, now: DateTime<FixedOffset>) -> Result<(), Invalid> {
    s.created = whole_seconds(s.created);
    s.updated = whole_seconds(s.updated);
    // The diary keeps symptoms as a set and reads them back in id order.
    s.symptoms.sort();
    s.check_not_future(now.date_naive())?;
    s.validate()
}

/// Tidies and checks one experiment as `myolog experiment start` would.
pub fn experiment(e: &mut Experiment, now: DateTime<FixedOffset>) -> Result<(), Invalid> {
    e.name = e.name.trim().to_string();
    e.created = whole_seconds(e.created);
    e.updated = whole_seconds(e.updated);
    e.check_not_future(now.date_naive())?;
    e.validate()
}
