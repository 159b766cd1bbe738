//! The undo journal: what a record looked like before each change made by hand.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{
    Diary, Result, StoreError, checkins, episodes, experiments, medications, secs, self_checks,
};
use crate::domain::{CheckIn, Episode, Experiment, Medication};

/// How many changes can be undone; older entries are dropped.
const KEEP: i64 = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Episode,
    CheckIn,
    Medication,
    SelfCheck,
    Experiment,
}

impl Entity {
    fn as_str(self) -> &'static str {
        match self {
            Entity::Episode => "episode",
            Entity::CheckIn => "checkin",
            Entity::Medication => "medication",
            Entity::SelfCheck => "self_check",
            Entity::Experiment => "experiment",
        }
    }
}

/// Records, inside the change's own transaction, what `key` looked like before it (`None` when
/// the change creates it).
fn record<T: Serialize>(
    tx: &Transaction<'_>,
    entity: Entity,
    key: &str,
    before: Option<&T>,
    label: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let before = before
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))?;
    tx.prepare_cached(
        "INSERT INTO undo_journal (entity, key, before, label, at_utc) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute((entity.as_str(), key, before, label, secs(now)))?;
    tx.prepare_cached(
        "DELETE FROM undo_journal WHERE seq <= (SELECT max(seq) FROM undo_journal) - ?1",
    )?
    .execute([KEEP])?;
    Ok(())
}

fn decode<T: DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| {
        StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            Box::new(e),
        ))
    })
}

/// What a change made by hand leaves for undo: the record as it was (`None` when the change
/// creates it) and the change in words ("deleting the twitch at 2026-11-25 10:00").
pub(super) struct Undo<T> {
    pub before: Option<T>,
    pub label: String,
}

impl<T> Undo<T> {
    /// Undoing a change that created the record.
    pub fn created(label: String) -> Self {
        Undo {
            before: None,
            label,
        }
    }
}

impl Diary {
    /// Makes one change by hand as one write transaction (`what` says what was refused if the
    /// diary may not be written): `write` makes it, keyed `key` in `entity`'s table, and tells
    /// what it undoes, which the undo journal keeps in the same transaction.
    pub(super) fn change<T: Serialize, R>(
        &mut self,
        what: &str,
        entity: Entity,
        key: &str,
        at: DateTime<Utc>,
        write: impl FnOnce(&Transaction<'_>) -> Result<(Undo<T>, R)>,
    ) -> Result<R> {
        let tx = self.write_tx(what)?;
        let (undo, out) = write(&tx)?;
        record(&tx, entity, key, undo.before.as_ref(), &undo.label, at)?;
        tx.commit()?;
        Ok(out)
    }

    /// Takes back the newest change made by hand. Returns what was undone, e.g. "deleting the
    /// twitch at 2026-11-25 10:00", or `None` when there is nothing left to undo.
    pub fn undo(&mut self, now: DateTime<Utc>) -> Result<Option<String>> {
        let tx = self.write_tx("undoing a change")?;
        let newest = tx
            .query_row(
                "SELECT seq, entity, key, before, label FROM undo_journal ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?, r.get::<_, String>(4)?)),
            )
            .optional()?;
        let Some((seq, entity, key, before, label)) = newest else {
            return Ok(None);
        };
        match (entity.as_str(), before) {
            ("episode", None) => episodes::soft_delete(&tx, &key, now)?,
            ("episode", Some(json)) => episodes::put_episode(&tx, &decode::<Episode>(&json)?)?,
            ("checkin", None) => checkins::remove_checkin(&tx, &key)?,
            ("checkin", Some(json)) => checkins::put_checkin(&tx, &decode::<CheckIn>(&json)?, now)?,
            ("medication", None) => medications::remove_medication(&tx, &key)?,
            ("medication", Some(json)) => {
                medications::put_medication(&tx, &decode::<Medication>(&json)?)?
            }
            ("self_check", None) => self_checks::remove_self_check(&tx, &key)?,
            ("self_check", Some(json)) => self_checks::put_self_check(&tx, &decode(&json)?)?,
            ("experiment", None) => experiments::remove_experiment(&tx, &key)?,
            ("experiment", Some(json)) => {
                experiments::put_experiment(&tx, &decode::<Experiment>(&json)?)?
            }
            (other, _) => {
                return Err(StoreError::Sqlite(rusqlite::Error::InvalidColumnName(
                    format!("undo entity {other}"),
                )));
            }
        }
        tx.execute("DELETE FROM undo_journal WHERE seq = ?1", [seq])?;
        tx.commit()?;
        Ok(Some(label))
    }
}
