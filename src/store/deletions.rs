//! What was removed from the diary, kind by kind: a check-in, medication, self-check or
//! experiment leaves its row, and this note of it (the `deletions` table), so that a merge
//! does not bring back an older copy of it; an episode is marked deleted in its own row
//! instead. The note is written in the transaction that removes the record and goes in the one
//! that brings it back (undo, redo, a newer imported copy, a new check-in of that date).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction};

use super::undo::Entity;
use super::{Result, from_secs, secs};

/// Notes that the record `key` of `entity` was removed `at`.
pub(super) fn note(
    tx: &Transaction<'_>,
    entity: Entity,
    key: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO deletions (entity, key, deleted_utc) VALUES (?1, ?2, ?3)
         ON CONFLICT (entity, key) DO UPDATE SET deleted_utc = ?3",
    )?
    .execute((entity.as_str(), key, secs(at)))?;
    Ok(())
}

/// Forgets the removal of the record `key` of `entity`: it is in the diary again.
pub(super) fn forget(tx: &Transaction<'_>, entity: Entity, key: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM deletions WHERE entity = ?1 AND key = ?2")?
        .execute((entity.as_str(), key))?;
    Ok(())
}

/// When the record `key` of `entity` was removed, if it was (and has not come back since).
pub(super) fn removed_at(
    tx: &Transaction<'_>,
    entity: Entity,
    key: &str,
) -> Result<Option<DateTime<Utc>>> {
    let at = tx
        .prepare_cached("SELECT deleted_utc FROM deletions WHERE entity = ?1 AND key = ?2")?
        .query_row((entity.as_str(), key), |r| r.get::<_, i64>(0))
        .optional()?;
    Ok(at.map(from_secs).transpose()?)
}
