//! The undo journal, and redo: what a record looked like before each change made by hand, and
//! what undo took back.
//!
//! - `undo` takes back the newest change: the record goes back to how it was before it, and the
//!   record as the change had left it goes onto the redo journal.
//! - `redo` brings back the newest change undo took, which becomes the newest change to undo.
//! - A new change made by hand (not a redo), or an import, empties the redo journal: what was
//!   undone is then gone for good, as in every editor, since bringing it back could overwrite
//!   the newer change.
//! - An import that changes anything, and a demo, keep no undo entries and empty the undo
//!   journal too: undo never reaches past them to put back an older state over what they wrote.
//! - Only the newest [`KEEP`] changes are kept; the journal counts the ones it dropped, so that
//!   "nothing to undo" can say that older changes exist but can no longer be taken back.
//! - Entries are numbered once and never again ([`Change::seq`]), and a diary remembers the
//!   numbers of the changes made through it since it was opened (or since
//!   [`Diary::begin_session`]): the UI takes back its own changes without asking and names an
//!   older one first.
//! - A record brought back by undo or redo counts as changed now (its `updated` time is the time
//!   of the undo), so a merge with another copy keeps it, and a copy whose times were in the
//!   future never comes back with them.

use std::fmt::Display;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Diary, Result, StoreError, from_secs, secs};
use crate::domain::{CheckIn, Episode, Experiment, Invalid, Medication, SelfCheck};

/// How many changes can be undone; older entries are dropped.
pub const KEEP: i64 = 200;

/// Why older changes can no longer be undone, as every view says it.
pub fn ends_undo() -> String {
    format!(
        "older changes can no longer be taken back (only the last {KEEP} are kept, and an import or a demo ends what can be undone)"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Episode,
    CheckIn,
    Medication,
    SelfCheck,
    Experiment,
}

impl Entity {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Entity::Episode => "episode",
            Entity::CheckIn => "checkin",
            Entity::Medication => "medication",
            Entity::SelfCheck => "self_check",
            Entity::Experiment => "experiment",
        }
    }

    fn parse(s: &str) -> Result<Entity> {
        Ok(match s {
            "episode" => Entity::Episode,
            "checkin" => Entity::CheckIn,
            "medication" => Entity::Medication,
            "self_check" => Entity::SelfCheck,
            "experiment" => Entity::Experiment,
            other => {
                return Err(StoreError::Damaged {
                    path: None,
                    detail: format!("the undo journal names an unknown kind of record '{other}'"),
                });
            }
        })
    }
}

/// A change that undo (or redo) would take back (or bring back) next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its number in the journal: never given to another change.
    pub seq: i64,
    /// The change in words: "editing the twitch at 2026-11-25 10:00", "the check-in of ...".
    pub label: String,
    /// When it was made (for redo: when it was undone).
    pub at: DateTime<Utc>,
    /// Whether it was made through this diary since it was opened (or since
    /// [`Diary::begin_session`]): the UI's own change.
    pub made_here: bool,
}

/// What the journals hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Journal {
    /// Changes that can be undone.
    pub undo: usize,
    /// Changes undone that can be brought back.
    pub redo: usize,
    /// Whether older changes were made that can no longer be undone (only the newest
    /// [`KEEP`] are kept).
    pub dropped: bool,
}

/// What a change made by hand leaves for undo: the record as it was (`None` when the change
/// creates it) and the change in words ("deleting the twitch at 2026-11-25 10:00").
pub(super) struct Undo<T> {
    pub before: Option<T>,
    pub label: String,
    /// The change changed nothing: nothing is journaled, and what can be redone stays.
    pub nothing: bool,
}

impl<T> Undo<T> {
    /// Undoing a change that created the record.
    pub fn created(label: String) -> Self {
        Undo {
            before: None,
            label,
            nothing: false,
        }
    }

    /// A change that changed nothing (a form saved as it was opened): nothing to undo.
    pub fn nothing() -> Self {
        Undo {
            before: None,
            label: String::new(),
            nothing: true,
        }
    }

    /// Undoing a change or a removal: `before` is put back.
    pub fn restoring(before: T, label: String) -> Self {
        Undo {
            before: Some(before),
            label,
            nothing: false,
        }
    }
}

/// A kind of record the journals keep, under its key: what undo and redo read and write.
/// Public only within the store (its module is private), so the store's own kinds are the only
/// ones, and a public trait that asks for it is sealed.
pub trait Kept: Serialize + DeserializeOwned + Clone {
    const ENTITY: Entity;

    /// What finds it: an id, or a check-in's date. The journals keep it as text.
    type Key: Copy + Display + FromStr;

    /// Its table, and the column of its key there.
    const TABLE: &'static str;
    const KEY_COLUMN: &'static str = "id";

    fn key(&self) -> Self::Key;

    /// The live record `key`, if there is one.
    fn load(conn: &rusqlite::Connection, key: Self::Key) -> Result<Option<Self>>;

    /// The error for a `key` with no live record.
    fn missing(key: Self::Key) -> StoreError;

    /// The live record `key`, which must be there.
    fn existing(conn: &rusqlite::Connection, key: Self::Key) -> Result<Self> {
        Self::load(conn, key)?.ok_or_else(|| Self::missing(key))
    }

    /// Removes the record `key`: deletes its row and notes when, so that a merge does not
    /// bring back an older copy (an episode is marked deleted `now` instead).
    fn remove(tx: &Transaction<'_>, key: Self::Key, now: DateTime<Utc>) -> Result<()> {
        let key = key.to_string();
        tx.execute(
            &format!(
                "DELETE FROM {} WHERE {} = ?1",
                Self::TABLE,
                Self::KEY_COLUMN
            ),
            [&key],
        )?;
        super::deletions::note(tx, Self::ENTITY, &key, now)
    }

    /// Inserts or replaces `record` with the times it carries (a check-in not saved yet
    /// counts as made and changed `now`); a record removed before is no longer noted as
    /// removed.
    fn put(tx: &Transaction<'_>, record: &Self, now: DateTime<Utc>) -> Result<()>;

    /// The record as undo or redo brings it back `now`: changed then, and made no later.
    fn restamp(&mut self, now: DateTime<Utc>);

    /// The domain's own checks of the record.
    const VALIDATE: fn(&Self) -> std::result::Result<(), Invalid>;

    /// The domain's own checks of the record ([`Kept::VALIDATE`]).
    fn check(&self) -> Result<()> {
        Ok(Self::VALIDATE(self)?)
    }
}

fn encode<T: Serialize>(value: Option<&T>) -> Result<Option<String>> {
    value
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))
}

fn decode<T: DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| StoreError::Damaged {
        path: None,
        detail: format!("an entry of the undo journal cannot be read: {e}"),
    })
}

/// Adds an undo entry inside the change's own transaction, keeping only the newest [`KEEP`];
/// returns its number.
fn record(
    tx: &Transaction<'_>,
    entity: Entity,
    key: &str,
    before: Option<String>,
    label: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    // The next number is past every number given so far, even those of entries undone since.
    let seq: i64 = tx.query_row(
        "SELECT max(coalesce((SELECT next_seq FROM journal_state WHERE id = 1), 1),
                    coalesce((SELECT max(seq) FROM undo_journal), 0) + 1)",
        [],
        |r| r.get(0),
    )?;
    tx.prepare_cached(
        "INSERT INTO undo_journal (seq, entity, key, before, label, at_utc) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute((seq, entity.as_str(), key, before, label, secs(now)))?;
    let dropped = tx
        .prepare_cached(
            "DELETE FROM undo_journal WHERE seq NOT IN
                 (SELECT seq FROM undo_journal ORDER BY seq DESC LIMIT ?1)",
        )?
        .execute([KEEP])?;
    tx.prepare_cached(
        "INSERT INTO journal_state (id, next_seq, dropped) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET next_seq = ?1, dropped = dropped + ?2",
    )?
    .execute((seq + 1, dropped as i64))?;
    Ok(seq)
}

/// Empties the redo journal: a change made since makes what was undone unsafe to bring back.
pub(super) fn forget_redo(tx: &Transaction<'_>) -> Result<()> {
    tx.prepare_cached("DELETE FROM redo_journal")?.execute([])?;
    Ok(())
}

/// Empties both journals after a write that keeps no undo entry of its own (an import that
/// changed something, a demo): undo would otherwise reach past it and put back a record as it
/// was before an older change, over what the import brought (an edit undone after an import
/// of a newer copy wiped the copy's pain and note). The dropped entries are counted, so that
/// "nothing to undo" says older changes exist but can no longer be taken back.
pub(super) fn forget_history(tx: &Transaction<'_>) -> Result<()> {
    forget_redo(tx)?;
    let dropped = tx.execute("DELETE FROM undo_journal", [])?;
    if dropped > 0 {
        tx.execute(
            "UPDATE journal_state SET dropped = dropped + ?1 WHERE id = 1",
            [dropped as i64],
        )?;
    }
    Ok(())
}

/// The key of a kind of record that an entry of the journal keeps as `text`.
fn key_of<T: Kept>(text: &str) -> Result<T::Key> {
    text.parse().map_err(|_| StoreError::Damaged {
        path: None,
        detail: format!(
            "the undo journal names a record of the kind '{}' by '{text}', which is not a key of one",
            T::ENTITY.as_str()
        ),
    })
}

/// The record `key` of `entity` as it is now, as the journal keeps it; `None` when there is no
/// such live record.
fn current(tx: &Transaction<'_>, entity: Entity, key: &str) -> Result<Option<String>> {
    fn of<T: Kept>(tx: &Transaction<'_>, key: &str) -> Result<Option<String>> {
        encode(T::load(tx, key_of::<T>(key)?)?.as_ref())
    }
    match entity {
        Entity::Episode => of::<Episode>(tx, key),
        Entity::CheckIn => of::<CheckIn>(tx, key),
        Entity::Medication => of::<Medication>(tx, key),
        Entity::SelfCheck => of::<SelfCheck>(tx, key),
        Entity::Experiment => of::<Experiment>(tx, key),
    }
}

/// Puts the record `key` of `entity` back as `state` says (`None`: removes it, an episode by
/// marking it deleted), as changed `now`.
fn restore(
    tx: &Transaction<'_>,
    entity: Entity,
    key: &str,
    state: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    fn put_back<T: Kept>(
        tx: &Transaction<'_>,
        key: &str,
        state: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        match state {
            None => T::remove(tx, key_of::<T>(key)?, now),
            Some(json) => {
                let mut record: T = decode(json)?;
                record.restamp(now);
                T::put(tx, &record, now)
            }
        }
    }
    match entity {
        Entity::Episode => put_back::<Episode>(tx, key, state, now),
        Entity::CheckIn => put_back::<CheckIn>(tx, key, state, now),
        Entity::Medication => put_back::<Medication>(tx, key, state, now),
        Entity::SelfCheck => put_back::<SelfCheck>(tx, key, state, now),
        Entity::Experiment => put_back::<Experiment>(tx, key, state, now),
    }
}

/// One entry of a journal.
struct Entry {
    seq: i64,
    entity: Entity,
    key: String,
    state: Option<String>,
    label: String,
    at: DateTime<Utc>,
}

/// The newest entry of `table` (`undo_journal` or `redo_journal`, whose state column is
/// `column`).
fn newest(conn: &rusqlite::Connection, table: &str, column: &str) -> Result<Option<Entry>> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT seq, entity, key, {column}, label, at_utc FROM {table} ORDER BY seq DESC LIMIT 1"
        ))?
        .query_row([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })
        .optional()?;
    row.map(|(seq, entity, key, state, label, at)| {
        Ok(Entry {
            seq,
            entity: Entity::parse(&entity)?,
            key,
            state,
            label,
            at: from_secs(at)?,
        })
    })
    .transpose()
}

impl Diary {
    /// Makes one change by hand as one write transaction (`what` says what was refused if the
    /// diary may not be written): `write` makes it to the record `key` of kind `T`, and tells
    /// what it undoes, which the undo journal keeps in the same transaction. A change made by
    /// hand empties the redo journal.
    pub(super) fn change<T: Kept, R, E: From<StoreError>>(
        &mut self,
        what: &str,
        key: T::Key,
        at: DateTime<Utc>,
        write: impl FnOnce(&Transaction<'_>) -> std::result::Result<(Undo<T>, R), E>,
    ) -> std::result::Result<R, E> {
        let tx = self.write_tx(what)?;
        let (undo, out) = write(&tx)?;
        if undo.nothing {
            return Ok(out);
        }
        let before = encode(undo.before.as_ref())?;
        let seq = record(&tx, T::ENTITY, &key.to_string(), before, &undo.label, at)?;
        forget_redo(&tx)?;
        tx.commit()?;
        self.own_changes.push(seq);
        Ok(out)
    }

    /// Adds `record` by hand at `at`, as [`Diary::change`] does: `check` may refuse it first
    /// (a name taken, days that meet another's); `label` names the addition for undo, which
    /// takes it away.
    pub(super) fn add_kept<T: Kept>(
        &mut self,
        what: &str,
        at: DateTime<Utc>,
        record: &T,
        label: String,
        check: impl FnOnce(&Transaction<'_>) -> Result<()>,
    ) -> Result<()> {
        self.change(what, record.key(), at, |tx| {
            check(tx)?;
            T::put(tx, record, at)?;
            Ok((Undo::<T>::created(label), ()))
        })
    }

    /// From now on, only changes made through this diary count as [`Change::made_here`]: the
    /// UI calls it when it opens, so that what was written before is not its own.
    pub fn begin_session(&mut self) {
        self.own_changes.clear();
    }

    /// The change `undo` would take back next.
    pub fn next_undo(&self) -> Result<Option<Change>> {
        Ok(newest(&self.conn, "undo_journal", "before")?.map(|e| self.described(&e)))
    }

    /// The change `redo` would bring back next.
    pub fn next_redo(&self) -> Result<Option<Change>> {
        Ok(
            newest(&self.conn, "redo_journal", "after")?.map(|e| Change {
                made_here: false,
                ..self.described(&e)
            }),
        )
    }

    fn described(&self, e: &Entry) -> Change {
        Change {
            seq: e.seq,
            label: e.label.clone(),
            at: e.at,
            made_here: self.own_changes.contains(&e.seq),
        }
    }

    /// How many changes can be undone and redone, and whether older ones were dropped.
    pub fn journal(&self) -> Result<Journal> {
        let count = |sql: &str| -> Result<usize> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
        };
        Ok(Journal {
            undo: count("SELECT count(*) FROM undo_journal")?,
            redo: count("SELECT count(*) FROM redo_journal")?,
            dropped: count("SELECT coalesce((SELECT dropped FROM journal_state WHERE id = 1), 0)")?
                > 0,
        })
    }

    /// Takes back the newest change made by hand. Returns what was undone, e.g. "deleting the
    /// twitch at 2026-11-25 10:00", or `None` when there is nothing left to undo.
    pub fn undo(&mut self, now: DateTime<Utc>) -> Result<Option<String>> {
        self.undo_step(None, now)
    }

    /// Takes back the change numbered `seq` if it is still the newest (the UI asked about it
    /// by name); `None`, with nothing changed, when it is not (the diary was changed meanwhile).
    pub fn undo_change(&mut self, seq: i64, now: DateTime<Utc>) -> Result<Option<String>> {
        self.undo_step(Some(seq), now)
    }

    fn undo_step(&mut self, seq: Option<i64>, now: DateTime<Utc>) -> Result<Option<String>> {
        let tx = self.write_tx("undoing a change")?;
        let Some(entry) = newest(&tx, "undo_journal", "before")? else {
            return Ok(None);
        };
        if seq.is_some_and(|s| s != entry.seq) {
            return Ok(None);
        }
        let after = current(&tx, entry.entity, &entry.key)?;
        restore(&tx, entry.entity, &entry.key, entry.state.as_deref(), now)?;
        tx.execute("DELETE FROM undo_journal WHERE seq = ?1", [entry.seq])?;
        tx.prepare_cached(
            "INSERT INTO redo_journal (entity, key, after, label, at_utc) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute((
            entry.entity.as_str(),
            &entry.key,
            after,
            &entry.label,
            secs(now),
        ))?;
        tx.commit()?;
        self.own_changes.retain(|s| *s != entry.seq);
        Ok(Some(entry.label))
    }

    /// Brings back the newest change undo took; it becomes the newest change to undo. Returns
    /// what was redone, or `None` when undo has taken nothing back since the last change.
    pub fn redo(&mut self, now: DateTime<Utc>) -> Result<Option<String>> {
        let tx = self.write_tx("redoing a change")?;
        let Some(entry) = newest(&tx, "redo_journal", "after")? else {
            return Ok(None);
        };
        let before = current(&tx, entry.entity, &entry.key)?;
        restore(&tx, entry.entity, &entry.key, entry.state.as_deref(), now)?;
        tx.execute("DELETE FROM redo_journal WHERE seq = ?1", [entry.seq])?;
        let seq = record(&tx, entry.entity, &entry.key, before, &entry.label, now)?;
        tx.commit()?;
        self.own_changes.push(seq);
        Ok(Some(entry.label))
    }
}
