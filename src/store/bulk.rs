//! Many records of every kind written as one transaction, so a crash or a kill midway leaves
//! the diary as it was before, never half-filled (for `demo` and `import`).

use chrono::{DateTime, Utc};

use rusqlite::Transaction;

use super::undo::Kept;
use super::{Counts, Diary, Result, StoreError};
use crate::domain::{CheckIn, Episode, Experiment, Medication, Record, SelfCheck};

/// What one bulk write holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bulk<'a> {
    pub checkins: &'a [CheckIn],
    pub medications: &'a [Medication],
    pub self_checks: &'a [SelfCheck],
    pub episodes: &'a [Episode],
    pub experiments: &'a [Experiment],
}

/// Checks and writes `record`, replacing one with the same key.
fn put_one<T: Kept>(tx: &Transaction<'_>, record: &T, now: DateTime<Utc>) -> Result<()> {
    record.check()?;
    T::put(tx, record, now)
}

/// Checks and writes each of `records`, in order.
fn put_all<T: Kept>(tx: &Transaction<'_>, records: &[T], now: DateTime<Utc>) -> Result<()> {
    records.iter().try_for_each(|r| put_one(tx, r, now))
}

impl Diary {
    /// Writes everything in `bulk` in one transaction, without undo entries (and ending what
    /// could be undone before it: see `undo::forget_history`): check-ins replace
    /// those of the same dates, medications, self-checks and experiments those with the same ids. Returns
    /// how many of each were written; on any error nothing is.
    pub fn put_bulk(&mut self, bulk: Bulk<'_>, now: DateTime<Utc>) -> Result<Counts> {
        let tx = self.bulk_write_tx("adding entries")?;
        super::undo::forget_history(&tx)?;
        put_all(&tx, bulk.checkins, now)?;
        put_all(&tx, bulk.medications, now)?;
        put_all(&tx, bulk.self_checks, now)?;
        put_all(&tx, bulk.episodes, now)?;
        put_all(&tx, bulk.experiments, now)?;
        tx.commit()?;
        Ok(Counts {
            episodes: bulk.episodes.len(),
            checkins: bulk.checkins.len(),
            medications: bulk.medications.len(),
            self_checks: bulk.self_checks.len(),
            experiments: bulk.experiments.len(),
        })
    }

    /// Writes what `fill` hands the [`BulkWriter`] one record at a time (as it is made), in
    /// one transaction and without undo entries, as [`Diary::put_bulk`] does: committed when
    /// `fill` succeeds, rolled back whole at its first error.
    pub fn put_bulk_with<E: From<StoreError>>(
        &mut self,
        now: DateTime<Utc>,
        fill: impl FnOnce(&mut BulkWriter<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let tx = self.bulk_write_tx("adding entries")?;
        super::undo::forget_history(&tx)?;
        fill(&mut BulkWriter { tx: &tx, now })?;
        tx.commit()?;
        Ok(())
    }
}

/// Takes records into an open bulk transaction.
pub struct BulkWriter<'a> {
    tx: &'a Transaction<'a>,
    now: DateTime<Utc>,
}

impl BulkWriter<'_> {
    /// Writes one record, replacing as [`Diary::put_bulk`] does.
    pub fn record(&mut self, record: &Record) -> Result<()> {
        let (tx, now) = (self.tx, self.now);
        match record {
            Record::Episode(e) => put_one(tx, e, now),
            Record::CheckIn(c) => put_one(tx, c, now),
            Record::Medication(m) => put_one(tx, m, now),
            Record::SelfCheck(s) => put_one(tx, s, now),
            Record::Experiment(e) => put_one(tx, e, now),
        }
    }
}
