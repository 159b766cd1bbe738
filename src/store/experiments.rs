//! Experiments (DOMAIN.md section 7): one at a time. Starting and stopping are changes made by
//! hand, each one write transaction that checks the other experiments inside it, with an undo
//! entry.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};
use uuid::Uuid;

use super::checkins::parse_day;
use super::episodes::parse_uuid;
use super::undo::{Entity, Kept, Undo};
use super::{Diary, Lookup, Result, conversion, from_secs, secs};
use crate::domain::experiment::running;
use crate::domain::{Change, Experiment, ExperimentField, Invalid, Outcome};

pub(super) const COLUMNS: &str =
    "id, name, change, outcome, start_date, end_date, stopped_date, created_utc, updated_utc";

impl Diary {
    /// Starts `e`. Refused, naming the field, when its name is another experiment's already or
    /// its days meet those of another (one experiment runs at a time).
    pub fn start_experiment(&mut self, e: &Experiment) -> Result<()> {
        e.validate()?;
        let label = format!("starting the experiment {}", e.name);
        self.add_kept("starting an experiment", e.updated, e, label, |tx| {
            for other in all(tx)?.iter().filter(|o| o.id != e.id) {
                if other.name.trim().eq_ignore_ascii_case(e.name.trim()) {
                    return Err(Invalid::new(
                        ExperimentField::Name,
                        format!(
                            "'{}' names the experiment of {} already; accepted: a new name, such as '{} 2'",
                            e.name.trim(),
                            other.start,
                            e.name.trim()
                        ),
                    )
                    .into());
                }
                if other.overlaps(e) {
                    return Err(Invalid::new(
                        ExperimentField::Start,
                        format!(
                            "its days ({} to {}) meet those of '{}' ({} to {}); one experiment runs at a time: `myolog experiment stop` ends a running one",
                            e.start,
                            e.end,
                            other.name,
                            other.start,
                            other.last_day()
                        ),
                    )
                    .into());
                }
            }
            Ok(())
        })
    }

    /// Stops the experiment running on `today`, its change last kept the day before `on` (from
    /// its start to `today`). Returns it as now kept.
    pub fn stop_experiment(
        &mut self,
        today: NaiveDate,
        on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Experiment> {
        let not_running = || -> super::StoreError {
            Invalid::new(
                ExperimentField::Stopped,
                format!("no experiment is running on {today}; `myolog experiment list` shows them"),
            )
            .into()
        };
        let id = running(&all(&self.conn)?, today)
            .ok_or_else(not_running)?
            .id;
        self.change("stopping an experiment", id, now, |tx| {
            // Read again inside the transaction: another myolog may have stopped it meanwhile.
            let before = load(tx, &id.to_string())?
                .filter(|e| e.covers(today))
                .ok_or_else(not_running)?;
            if on > today {
                return Err(Invalid::new(
                    ExperimentField::Stopped,
                    format!(
                        "{on} is in the future; accepted: a day from its start {} to today",
                        before.start
                    ),
                )
                .into());
            }
            let stopped = Experiment {
                stopped: Some(on),
                created: before.created.min(now),
                updated: now,
                ..before.clone()
            };
            stopped.validate()?;
            put_experiment(tx, &stopped)?;
            let label = format!("stopping the experiment {}", before.name);
            Ok((Undo::restoring(before, label), stopped))
        })
    }

    /// Every experiment, by start.
    pub fn experiments(&self) -> Result<Vec<Experiment>> {
        all(&self.conn)
    }

    /// The experiments whose days meet `since` to `until` (either open), by start.
    pub fn experiments_in(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<Vec<Experiment>> {
        let mut found = all(&self.conn)?;
        found.retain(|e| {
            since.is_none_or(|s| e.last_day().max(e.start) >= s)
                && until.is_none_or(|u| e.start <= u)
        });
        Ok(found)
    }
}

/// An experiment is kept by id, as [`Kept`] asks.
impl Kept for Experiment {
    const ENTITY: Entity = Entity::Experiment;
    type Key = Uuid;
    const TABLE: &'static str = "experiments";
    const VALIDATE: fn(&Self) -> std::result::Result<(), Invalid> = Experiment::validate;

    fn key(&self) -> Uuid {
        self.id
    }

    fn load(conn: &Connection, id: Uuid) -> Result<Option<Self>> {
        load(conn, &id.to_string())
    }

    fn missing(id: Uuid) -> super::StoreError {
        Lookup::NoRecord(id.to_string()).into()
    }

    fn put(tx: &Transaction<'_>, e: &Self, _: DateTime<Utc>) -> Result<()> {
        put_experiment(tx, e)
    }

    fn restamp(&mut self, now: DateTime<Utc>) {
        self.created = self.created.min(now);
        self.updated = now;
    }
}

pub(super) fn all(conn: &Connection) -> Result<Vec<Experiment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM experiments ORDER BY start_date, created_utc, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn load(conn: &Connection, id: &str) -> Result<Option<Experiment>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM experiments WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

pub(super) fn put_experiment(tx: &Transaction<'_>, e: &Experiment) -> Result<()> {
    let id = e.id.to_string();
    tx.prepare_cached(
        "INSERT INTO experiments (id, name, change, outcome, start_date, end_date, stopped_date,
             created_utc, updated_utc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET name = ?2, change = ?3, outcome = ?4, start_date = ?5,
             end_date = ?6, stopped_date = ?7, created_utc = ?8, updated_utc = ?9",
    )?
    .execute(rusqlite::params![
        &id,
        e.name,
        e.change.as_str(),
        e.outcome.as_str(),
        e.start.to_string(),
        e.end.to_string(),
        e.stopped.map(|d| d.to_string()),
        secs(e.created),
        secs(e.updated),
    ])?;
    super::deletions::forget(tx, Entity::Experiment, &id)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Experiment> {
    let id: String = r.get(0)?;
    let change: String = r.get(2)?;
    let outcome: String = r.get(3)?;
    let start: String = r.get(4)?;
    let end: String = r.get(5)?;
    let stopped: Option<String> = r.get(6)?;
    Ok(Experiment {
        id: parse_uuid(0, &id)?,
        name: r.get(1)?,
        change: Change::parse(&change).map_err(|m| conversion(2, m))?,
        outcome: Outcome::parse(&outcome).map_err(|m| conversion(3, m))?,
        start: parse_day(4, &start)?,
        end: parse_day(5, &end)?,
        stopped: stopped.map(|s| parse_day(6, &s)).transpose()?,
        created: from_secs(r.get(7)?)?,
        updated: from_secs(r.get(8)?)?,
    })
}
