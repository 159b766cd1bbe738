//! Merging an imported diary into this one, by id, in one transaction.
//!
//! The rules (the same as `src/portable/mod.rs` and `myolog import --help` give), the same for
//! every kind of record:
//! - a record whose id is new is added; one whose id exists with the same content is left
//!   alone; with different content, the copy with the later `updated` time is kept whole (on a
//!   tie, the diary's). A check-in's id is its date's, so two diaries' check-ins of a date are
//!   one record: the copy changed last is kept, never a mix of the two;
//! - a record deleted here comes back only when the imported copy was changed after the
//!   deletion, so an old export never undoes a deletion (an episode is marked deleted in its
//!   row; the other kinds leave a note in `deletions`, see `deletions.rs`); undoing an
//!   addition counts as deleting it;
//! - a record without an `updated` time (an export of an older myolog) was last changed when
//!   it was made: a self-check's `updated` is its `created`; a check-in, which had neither,
//!   counts as made and changed at the earliest instant of its date in any time zone, so it
//!   fills a date the diary has no check-in for and loses to one saved on that day or later
//!   ([`CheckIn::fill_times`]). Times in the future, or `updated` before `created`, were
//!   refused before the merge began (`portable::validate`).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction};
use uuid::Uuid;

use super::checkins::put_checkin;
use super::deletions;
use super::episodes::{COLUMNS, children_of, episode_from_row, put_episode};
use super::undo::{Entity, Kept};
use super::{Diary, Result, StoreError, from_secs};
use crate::domain::{
    CheckIn, Counts, DiarySlice, Episode, Experiment, Medication, Record, SelfCheck,
};

/// What an import did, table by table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeCounts {
    pub added: Counts,
    pub updated: Counts,
    pub unchanged: Counts,
}

#[derive(Clone, Copy)]
enum Outcome {
    Added,
    Updated,
    Unchanged,
}

impl Diary {
    /// Merges `incoming` into the diary by id (see the module's rules), all or nothing. Every
    /// record is validated again here, as `log` and `checkin` validate theirs.
    pub fn merge(&mut self, incoming: DiarySlice, now: DateTime<Utc>) -> Result<MergeCounts> {
        self.merge_with(now, |merge| {
            incoming
                .into_records()
                .try_for_each(|record| merge.record(&record))
        })
    }

    /// Merges what `fill` hands the [`Merger`] one record at a time (as a file is read) into
    /// the diary, in one transaction: committed when `fill` succeeds, rolled back, leaving the
    /// diary as it was, at its first error.
    pub fn merge_with<E: From<StoreError>>(
        &mut self,
        now: DateTime<Utc>,
        fill: impl FnOnce(&mut Merger<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<MergeCounts, E> {
        let tx = self.bulk_write_tx("importing")?;
        // What undo took back may have been changed by the import: it is not brought back.
        super::undo::forget_redo(&tx)?;
        let mut merger = Merger {
            tx: &tx,
            now,
            counts: MergeCounts::default(),
            episodes: Vec::new(),
            held: 0,
        };
        fill(&mut merger)?;
        merger.flush()?;
        let counts = merger.counts;
        // What undo would put back may have been changed by the import: an import that
        // changed anything ends what can be undone too.
        if counts.added.total() + counts.updated.total() > 0 {
            super::undo::forget_history(&tx)?;
        }
        tx.commit()?;
        Ok(counts)
    }
}

/// Takes imported records into an open import transaction, by the module's rules.
pub struct Merger<'a> {
    tx: &'a Transaction<'a>,
    now: DateTime<Utc>,
    counts: MergeCounts,
    /// Episodes taken but not yet written: see [`Merger::episode`].
    episodes: Vec<Episode>,
    /// About the bytes `episodes` hold ([`held_bytes`]).
    held: usize,
}

/// How many episodes [`Merger`] holds before it writes them, in order of id ...
const EPISODE_BATCH: usize = 16384;
/// ... or how many bytes they hold (about 5 MB for that many ordinary ones): episodes with long
/// notes or many triggers are written sooner, so memory stays small whatever the file holds.
const BATCH_BYTES: usize = 6 << 20;

/// About what an episode holds in memory: its struct, and each text with its own allocation.
fn held_bytes(e: &Episode) -> usize {
    const EACH: usize = 48;
    std::mem::size_of::<Episode>()
        + e.note.as_ref().map_or(0, |n| n.len() + EACH)
        + e.sites.iter().map(|s| s.site.len() + EACH).sum::<usize>()
        + e.triggers.iter().map(|t| t.len() + EACH).sum::<usize>()
        + e.reliefs
            .iter()
            .map(|r| r.relief.len() + EACH)
            .sum::<usize>()
}

impl Merger<'_> {
    /// Takes one record of any kind.
    pub fn record(&mut self, record: &Record) -> Result<()> {
        match record {
            Record::Episode(e) => self.episode(e),
            Record::CheckIn(c) => self.checkin(c),
            Record::Medication(m) => self.medication(m),
            Record::SelfCheck(s) => self.self_check(s),
            Record::Experiment(e) => self.experiment(e),
        }
    }

    pub fn experiment(&mut self, e: &Experiment) -> Result<()> {
        e.validate()?;
        let merged = merge_by_id(self.tx, e, self.now, |e| [&mut e.created, &mut e.updated])?;
        self.count(merged, |t| &mut t.experiments)
    }

    /// Takes one episode: checked now, written with the next batch. An export lists episodes
    /// by time, so their ids come in no order; written as they come, each would land on a page
    /// of the id index (and of the sites, triggers and reliefs keyed by it) far from the last,
    /// and a ten-year import spent most of its time moving those pages between SQLite's small
    /// cache and the disk. A batch written in order of id walks those indexes once, and still
    /// touches only a few weeks of the time index. Episodes never depend on other records, and
    /// the sort is stable (two copies of one id keep their order), so the outcome is the same.
    pub fn episode(&mut self, e: &Episode) -> Result<()> {
        e.validate()?;
        self.held += held_bytes(e);
        self.episodes.push(e.clone());
        if self.episodes.len() >= EPISODE_BATCH || self.held >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the episodes taken so far, in order of id.
    fn flush(&mut self) -> Result<()> {
        let mut batch = std::mem::take(&mut self.episodes);
        self.held = 0;
        // A UUID orders as its text does (lowercase hex), the order of the id index.
        batch.sort_by_key(|e| e.id);
        for e in &batch {
            let outcome = merge_episode(self.tx, e)?;
            self.count(outcome, |t| &mut t.episodes)?;
        }
        batch.clear();
        self.episodes = batch;
        Ok(())
    }

    pub fn checkin(&mut self, c: &CheckIn) -> Result<()> {
        c.validate()?;
        // An import's checker has filled them already; a slice handed in directly may not.
        let mut c = c.clone();
        c.fill_times(self.now);
        self.count(merge_checkin(self.tx, &c, self.now)?, |t| &mut t.checkins)
    }

    pub fn medication(&mut self, m: &Medication) -> Result<()> {
        m.validate()?;
        let merged = merge_by_id(self.tx, m, self.now, |m| [&mut m.created, &mut m.updated])?;
        self.count(merged, |t| &mut t.medications)
    }

    pub fn self_check(&mut self, s: &SelfCheck) -> Result<()> {
        s.validate()?;
        let merged = merge_by_id(self.tx, s, self.now, |s| [&mut s.created, &mut s.updated])?;
        self.count(merged, |t| &mut t.self_checks)
    }

    /// Counts a record's outcome in its table's tally.
    fn count(&mut self, outcome: Outcome, table: impl Fn(&mut Counts) -> &mut usize) -> Result<()> {
        let tally = match outcome {
            Outcome::Added => &mut self.counts.added,
            Outcome::Updated => &mut self.counts.updated,
            Outcome::Unchanged => &mut self.counts.unchanged,
        };
        *table(tally) += 1;
        Ok(())
    }
}

fn merge_episode(tx: &Transaction<'_>, incoming: &Episode) -> Result<Outcome> {
    let key = incoming.id.to_string();
    let found = tx
        .prepare_cached(&format!(
            "SELECT {COLUMNS}, deleted_utc FROM episodes WHERE id = ?1"
        ))?
        .query_row([&key], |r| {
            Ok((episode_from_row(r)?, r.get::<_, Option<i64>>(14)?))
        })
        .optional()?;
    let Some((mut existing, deleted)) = found else {
        put_episode(tx, incoming)?;
        return Ok(Outcome::Added);
    };
    if let Some(deleted) = deleted {
        if incoming.updated > from_secs(deleted)? {
            put_episode(tx, incoming)?;
            return Ok(Outcome::Updated);
        }
        return Ok(Outcome::Unchanged);
    }
    children_of(tx, &mut existing)?;
    if existing == *incoming || incoming.updated <= existing.updated {
        return Ok(Outcome::Unchanged);
    }
    put_episode(tx, incoming)?;
    Ok(Outcome::Updated)
}

/// A record the diary does not hold, `key` of `entity`, changed last at `updated`: added by
/// `put`, unless it was removed here and the imported copy was not changed after that (an old
/// export never undoes a deletion), as for an episode marked deleted.
fn absent(
    tx: &Transaction<'_>,
    entity: Entity,
    key: &str,
    updated: DateTime<Utc>,
    put: impl FnOnce() -> Result<()>,
) -> Result<Outcome> {
    match deletions::removed_at(tx, entity, key)? {
        None => {
            put()?;
            Ok(Outcome::Added)
        }
        Some(removed) if updated > removed => {
            put()?;
            Ok(Outcome::Updated)
        }
        Some(_) => Ok(Outcome::Unchanged),
    }
}

/// Whether the diary's copy holds what the imported one does, whatever their change times
/// (`times` gives the copy those of the imported one): the same content changed at another time
/// is no change, and counting it one would end undo for nothing.
fn same_content<T: Clone + PartialEq>(existing: &T, incoming: &T, times: fn(&mut T, &T)) -> bool {
    let mut copy = existing.clone();
    times(&mut copy, incoming);
    copy == *incoming
}

/// A record the diary holds as `existing` (changed last at `kept`): replaced by `put` with the
/// imported copy only when that differs and was changed later (the diary's on a tie).
fn present(
    same: bool,
    kept: DateTime<Utc>,
    updated: DateTime<Utc>,
    put: impl FnOnce() -> Result<()>,
) -> Result<Outcome> {
    if same || updated <= kept {
        return Ok(Outcome::Unchanged);
    }
    put()?;
    Ok(Outcome::Updated)
}

/// A check-in is merged whole by its date, as the records kept by id are: the copy changed
/// last is kept, never a mix of the two. `incoming` has its times ([`CheckIn::fill_times`]).
fn merge_checkin(tx: &Transaction<'_>, incoming: &CheckIn, now: DateTime<Utc>) -> Result<Outcome> {
    let updated = incoming.updated.unwrap_or(now);
    let put = || put_checkin(tx, incoming, now);
    match super::checkins::load(tx, incoming.date)? {
        None => absent(
            tx,
            Entity::CheckIn,
            &incoming.date.to_string(),
            updated,
            put,
        ),
        Some(existing) => {
            let kept = existing.updated.unwrap_or(now);
            let same = same_content(&existing, incoming, |e, i| {
                (e.created, e.updated) = (i.created, i.updated);
            });
            present(same, kept, updated, put)
        }
    }
}

/// Merges a record kept by id whose change times `times` reaches (created, updated): added
/// when new (unless deleted here since), replaced whole when the imported copy holds something
/// else and was changed later. Self-checks, medications and experiments.
fn merge_by_id<T: Kept<Key = Uuid> + PartialEq>(
    tx: &Transaction<'_>,
    incoming: &T,
    now: DateTime<Utc>,
    times: fn(&mut T) -> [&mut DateTime<Utc>; 2],
) -> Result<Outcome> {
    let key = incoming.key();
    let updated = |r: &T| *times(&mut r.clone())[1];
    // The same content changed at another time is no change.
    let content = |r: &T| {
        let mut r = r.clone();
        for t in times(&mut r) {
            *t = DateTime::UNIX_EPOCH;
        }
        r
    };
    let put = || T::put(tx, incoming, now);
    match T::load(tx, key)? {
        None => absent(tx, T::ENTITY, &key.to_string(), updated(incoming), put),
        Some(existing) => present(
            content(&existing) == content(incoming),
            updated(&existing),
            updated(incoming),
            put,
        ),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use uuid::Uuid;

    use super::*;
    use crate::domain::TestResult;
    use crate::store::Access;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn med(dose: &str, updated: &str) -> Medication {
        Medication {
            id: Uuid::from_u128(7),
            name: "salbutamol".into(),
            class: "beta-2-agonist".into(),
            dose: Some(dose.into()),
            start: day("2026-01-10"),
            stop: None,
            created: at("2026-01-10T09:00:00Z"),
            updated: at(updated),
        }
    }

    fn only(meds: Vec<Medication>) -> DiarySlice {
        DiarySlice {
            medications: meds,
            ..DiarySlice::default()
        }
    }

    #[test]
    fn the_copy_changed_last_wins_and_a_tie_keeps_the_diary() {
        let dir = tempfile::tempdir().unwrap();
        let now = at("2026-11-25T10:00:00Z");
        let mut diary = Diary::open(&dir.path().join("d.sqlite3"), Access::Write, now).unwrap();
        let first = diary.merge(only(vec![med("1 puff", "2026-02-01T00:00:00Z")]), now);
        assert_eq!(first.unwrap().added.medications, 1);

        let tie = diary.merge(only(vec![med("9 puffs", "2026-02-01T00:00:00Z")]), now);
        assert_eq!(tie.unwrap().unchanged.medications, 1);
        let older = diary.merge(only(vec![med("9 puffs", "2026-01-15T00:00:00Z")]), now);
        assert_eq!(older.unwrap().unchanged.medications, 1);
        assert_eq!(
            diary.medications().unwrap()[0].dose.as_deref(),
            Some("1 puff")
        );

        let newer = diary.merge(only(vec![med("2 puffs", "2026-03-01T00:00:00Z")]), now);
        assert_eq!(newer.unwrap().updated.medications, 1);
        assert_eq!(
            diary.medications().unwrap()[0].dose.as_deref(),
            Some("2 puffs")
        );
    }

    #[test]
    fn a_self_check_changed_later_wins_and_a_tie_keeps_the_diary() {
        let dir = tempfile::tempdir().unwrap();
        let now = at("2026-11-25T10:00:00Z");
        let mut diary = Diary::open(&dir.path().join("d.sqlite3"), Access::Write, now).unwrap();
        let check = |result, updated: &str| SelfCheck {
            id: Uuid::from_u128(9),
            date: day("2026-11-20"),
            heel_walk: Some(result),
            jar: None,
            stairs: None,
            symptoms: Vec::new(),
            created: at("2026-11-20T09:00:00Z"),
            updated: at(updated),
        };
        let slice = |c| DiarySlice {
            self_checks: vec![c],
            ..DiarySlice::default()
        };
        diary
            .merge(slice(check(TestResult::Ok, "2026-11-20T09:00:00Z")), now)
            .unwrap();
        let tie = diary
            .merge(slice(check(TestResult::Fail, "2026-11-20T09:00:00Z")), now)
            .unwrap();
        assert_eq!(tie.unchanged.self_checks, 1);
        assert_eq!(
            diary.self_checks().unwrap()[0].heel_walk,
            Some(TestResult::Ok)
        );
        let newer = diary
            .merge(slice(check(TestResult::Fail, "2026-11-21T09:00:00Z")), now)
            .unwrap();
        assert_eq!(newer.updated.self_checks, 1);
        assert_eq!(
            diary.self_checks().unwrap()[0].heel_walk,
            Some(TestResult::Fail)
        );
    }

    #[test]
    fn episodes_written_in_batches_by_id_are_all_there_and_a_second_copy_still_wins_by_time() {
        use crate::domain::{Kind, SiteRef};
        let dir = tempfile::tempdir().unwrap();
        let now = at("2026-11-25T10:00:00Z");
        let mut diary = Diary::open(&dir.path().join("d.sqlite3"), Access::Write, now).unwrap();
        // Long notes fill a batch after a few episodes, so this import is written in several.
        let long = "calf ".repeat(BATCH_BYTES / 5 / 3 + 1);
        let episode = |n: u32, note: &str, updated: &str| {
            let start = at("2026-11-01T08:00:00Z") + chrono::Duration::hours(i64::from(n));
            let mut e = Episode::new(
                Kind::Twitch,
                start.fixed_offset(),
                vec![SiteRef::parse("calf:left").unwrap()],
                at(updated),
            );
            e.id = Uuid::from_u128(u128::from(1000 - n));
            e.note = Some(note.to_string());
            e
        };
        let mut episodes: Vec<Episode> = (0..12)
            .map(|n| episode(n, &long, "2026-11-20T00:00:00Z"))
            .collect();
        // The same episode twice in one file: the copy changed later wins, as one at a time.
        episodes.push(episode(20, "first copy", "2026-11-20T00:00:00Z"));
        episodes.push(episode(20, "changed later", "2026-11-21T00:00:00Z"));
        let counts = diary
            .merge(
                DiarySlice {
                    episodes,
                    ..DiarySlice::default()
                },
                now,
            )
            .unwrap();
        assert_eq!(counts.added.episodes, 13);
        assert_eq!(counts.updated.episodes, 1);
        let stored = diary.load(None, None).unwrap().episodes;
        assert_eq!(stored.len(), 13);
        assert_eq!(
            stored
                .iter()
                .filter(|e| e.note.as_deref() == Some(&*long))
                .count(),
            12
        );
        let twice = stored
            .iter()
            .find(|e| e.id == Uuid::from_u128(980))
            .unwrap();
        assert_eq!(twice.note.as_deref(), Some("changed later"));
    }

    #[test]
    fn a_merge_that_stops_midway_leaves_the_diary_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let now = at("2026-11-25T10:00:00Z");
        let mut diary = Diary::open(&dir.path().join("d.sqlite3"), Access::Write, now).unwrap();
        let stopped = diary.merge_with(now, |merge| {
            merge.medication(&med("1 puff", "2026-02-01T00:00:00Z"))?;
            Err(StoreError::Busy)
        });
        assert!(matches!(stopped, Err(StoreError::Busy)));
        assert!(diary.medications().unwrap().is_empty());

        let counts = diary
            .merge_with(now, |merge| {
                merge.medication(&med("1 puff", "2026-02-01T00:00:00Z"))
            })
            .unwrap();
        assert_eq!(counts.added.medications, 1);
        assert_eq!(diary.medications().unwrap().len(), 1);
    }
}
