//! `myolog check`: whether the diary file is whole (SQLite's integrity check), whether every
//! link between its records holds (the foreign-key check), and whether every record still
//! passes the checks a new entry passes; and the integrity check a backup passes before it is
//! kept.

use rusqlite::{Connection, ErrorCode};

use super::{Diary, Result, StoreError};
use crate::domain::{CheckIn, Counts, Episode, Invalid, Medication, SelfCheck};

/// What `check` found: each check, in order, passed or not, in plain words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    pub checks: Vec<Finding>,
}

/// One check: what it looked at and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What holds when the check passes ("the file is whole").
    pub what: String,
    /// What is wrong, one line each; empty when the check passed.
    pub problems: Vec<String>,
}

impl Findings {
    /// Whether every check passed.
    pub fn ok(&self) -> bool {
        self.checks.iter().all(|c| c.problems.is_empty())
    }

    /// How many problems were found in all.
    pub fn problems(&self) -> usize {
        self.checks.iter().map(|c| c.problems.len()).sum()
    }

    fn add(&mut self, what: impl Into<String>, problems: Vec<String>) {
        self.checks.push(Finding {
            what: what.into(),
            problems,
        });
    }
}

/// The problems SQLite's `integrity_check` finds in the database of `conn`, at most `max` of
/// them; none when it is whole.
pub(super) fn integrity(conn: &Connection, max: u32) -> Result<Vec<String>> {
    let found = (|| -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare(&format!("PRAGMA integrity_check({max})"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    })();
    match found {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(Vec::new()),
        // One problem a line, without SQLite's "*** in database main ***" headings.
        Ok(rows) => Ok(rows
            .iter()
            .flat_map(|r| r.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .filter(|l| !(l.starts_with("***") && l.ends_with("***")))
            .map(str::to_owned)
            .collect()),
        Err(e) if is_damage(&e) => Ok(vec![format!("SQLite cannot read the file through: {e}")]),
        Err(e) => Err(e.into()),
    }
}

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

/// A check that could not run because the file is damaged is a problem found, not a failure.
fn or_damage<T>(found: Result<T>) -> Result<std::result::Result<T, String>> {
    match found {
        Ok(v) => Ok(Ok(v)),
        Err(StoreError::Damaged { detail, .. }) => Ok(Err(format!("cannot be read: {detail}"))),
        Err(e) => Err(e),
    }
}

/// At most this many problems of one kind are listed; the rest are counted.
const LISTED: usize = 10;

fn listed(mut problems: Vec<String>) -> Vec<String> {
    if problems.len() > LISTED {
        let more = problems.len() - LISTED;
        problems.truncate(LISTED);
        problems.push(format!("... and {more} more like these"));
    }
    problems
}

impl Diary {
    /// Checks the diary through (see the module); reads only.
    pub fn check(&self) -> Result<Findings> {
        let mut findings = Findings::default();
        let damage = integrity(&self.conn, 20)?;
        findings.add(
            "the file is whole (SQLite's integrity check)",
            listed(damage),
        );

        let links = or_damage(self.broken_links())?.unwrap_or_else(|e| vec![e]);
        findings.add(
            "every link between records holds (SQLite's foreign-key check)",
            listed(links),
        );

        let records = or_damage(self.invalid_records())?;
        let (what, problems) = match records {
            Ok((counts, problems)) => (
                format!("every record passes the checks a new entry passes ({counts})"),
                problems,
            ),
            Err(e) => ("every record can be read".to_string(), vec![e]),
        };
        findings.add(what, listed(problems));

        let journal = or_damage(self.unreadable_journal())?.unwrap_or_else(|e| vec![e]);
        findings.add("the undo and redo journals can be read", listed(journal));
        Ok(findings)
    }

    fn broken_links(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(2)?)))?;
        let mut counts: std::collections::BTreeMap<(String, String), usize> = Default::default();
        for row in rows {
            *counts.entry(row?).or_default() += 1;
        }
        Ok(counts
            .into_iter()
            .map(|((table, parent), n)| {
                format!("{n} row(s) of {table} belong to a record missing from {parent}")
            })
            .collect())
    }

    /// Counts of the records read, in words, and what is wrong with any of them.
    fn invalid_records(&self) -> Result<(String, Vec<String>)> {
        let mut problems = Vec::new();
        let short = |id: &uuid::Uuid| id.to_string()[..8].to_string();
        // Read one at a time: ten years of episodes held at once took 47 MB.
        let mut episodes = 0;
        self.for_each_episode_in(None, None, 1000, |e| {
            episodes += 1;
            if let Err(invalid) = Episode::validate(e) {
                problems.push(problem(
                    format!(
                        "the {} at {} (id {})",
                        e.kind,
                        e.start.format("%Y-%m-%d %H:%M"),
                        short(&e.id)
                    ),
                    invalid,
                ));
            }
            Ok::<(), super::StoreError>(())
        })?;
        let checkins = self.checkins(None, None)?;
        each_invalid(&mut problems, &checkins, CheckIn::validate, |c| {
            format!("the check-in of {}", c.date)
        });
        let medications = self.medications()?;
        each_invalid(&mut problems, &medications, Medication::validate, |m| {
            format!("the medication {} (id {})", m.name, short(&m.id))
        });
        let self_checks = self.self_checks()?;
        each_invalid(&mut problems, &self_checks, SelfCheck::validate, |s| {
            format!("the self-check of {} (id {})", s.date, short(&s.id))
        });
        let [e, ch, m, s, _] = Counts {
            episodes,
            checkins: checkins.len(),
            medications: medications.len(),
            self_checks: self_checks.len(),
            experiments: 0,
        }
        .in_words()
        .map(|(_, t)| t);
        let counts = [e, ch, m, s].join(", ");
        Ok((counts, problems))
    }

    /// Journal entries whose record cannot be read back.
    fn unreadable_journal(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        for (table, column) in [("undo_journal", "before"), ("redo_journal", "after")] {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT seq, entity, {column}, label FROM {table} WHERE {column} IS NOT NULL ORDER BY seq"
            ))?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?;
            for row in rows {
                let (seq, entity, json, label) = row?;
                let read = match entity.as_str() {
                    "episode" => serde_json::from_str::<Episode>(&json).map(drop),
                    "checkin" => serde_json::from_str::<CheckIn>(&json).map(drop),
                    "medication" => serde_json::from_str::<Medication>(&json).map(drop),
                    "self_check" => serde_json::from_str::<SelfCheck>(&json).map(drop),
                    _ => Ok(()),
                };
                if let Err(e) = read {
                    problems.push(format!(
                        "{} entry {seq} ({label}) cannot be read: {e}",
                        table.replace('_', " ")
                    ));
                }
            }
        }
        Ok(problems)
    }
}

/// What is wrong with the record `what` names, field by field.
/// Adds a [`problem`] for each of `records` that `validate` refuses, named by `what`.
fn each_invalid<T>(
    problems: &mut Vec<String>,
    records: &[T],
    validate: fn(&T) -> std::result::Result<(), Invalid>,
    what: impl Fn(&T) -> String,
) {
    for r in records {
        if let Err(invalid) = validate(r) {
            problems.push(problem(what(r), invalid));
        }
    }
}

fn problem(what: String, invalid: Invalid) -> String {
    format!("{what}: {}: {}", invalid.field.name(), invalid.message)
}
