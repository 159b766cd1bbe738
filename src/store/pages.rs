//! Pages of episodes found from where the last page ended (keyset paging), so the next page of
//! a 100,000-episode diary costs what the first one does: an OFFSET walks every row it skips.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use rusqlite::{Row, named_params};

use std::collections::HashMap;

use super::episodes::{COLUMNS, episode_from_row, row_text, side_at};
use super::{Diary, EpisodeFilter, Result, secs};
use crate::domain::{Episode, ReliefUse, SiteRef};

/// Which way a page runs from its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFrom {
    /// Episodes after `key` in newest-first order (older ones), newest first; from the newest
    /// when there is no key.
    After,
    /// Episodes before `key` in newest-first order (newer ones), newest first; the oldest ones
    /// when there is no key.
    Before,
}

impl Diary {
    /// Up to `limit` live episodes matching `filter` (its limit and offset aside) next to `key`
    /// in the newest-first order of [`Diary::episodes`].
    pub fn episode_page(
        &self,
        filter: &EpisodeFilter,
        key: Option<&Episode>,
        from: PageFrom,
        limit: u32,
    ) -> Result<Vec<Episode>> {
        // The key narrows the start range itself, so the index seeks to it instead of walking
        // every row before it.
        let mut matching = filter.matching();
        let (bound, order) = match (from, key) {
            (PageFrom::After, Some(k)) => {
                let t = k.start.timestamp();
                matching.until = Some(matching.until.map_or(t + 1, |u| u.min(t + 1)));
                (
                    "AND (start_utc < :t OR id < :id)",
                    "start_utc DESC, id DESC",
                )
            }
            (PageFrom::Before, Some(k)) => {
                let t = k.start.timestamp();
                matching.since = Some(matching.since.map_or(t, |s| s.max(t)));
                ("AND (start_utc > :t OR id > :id)", "start_utc, id")
            }
            (PageFrom::After, None) => {
                ("AND :t IS NULL AND :id IS NULL", "start_utc DESC, id DESC")
            }
            (PageFrom::Before, None) => ("AND :t IS NULL AND :id IS NULL", "start_utc, id"),
        };
        // The rows themselves, through the start index (one table read each); then each
        // child table once for the whole page, its rows in id order.
        let sql = format!(
            "SELECT {COLUMNS} FROM episodes WHERE {} {bound} ORDER BY {order} LIMIT :limit",
            matching.sql()
        );
        let key_start = key.map(|e| e.start.timestamp());
        let key_id = key.map(|e| e.id.to_string());
        let params = matching.params(&[(":t", &key_start), (":id", &key_id), (":limit", &limit)]);
        let mut page: Vec<Episode> = self
            .conn
            .prepare_cached(&sql)?
            .query_map(&*params, episode_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        attach_children(&self.conn, &mut page)?;
        if from == PageFrom::Before {
            page.reverse();
        }
        Ok(page)
    }

    /// Calls `f` with every live episode matching `filter` (its limit and offset aside), newest
    /// first, reading `page` episodes at a time: memory stays that of one page, however long
    /// the diary.
    pub fn for_each_episode<E: From<super::StoreError>>(
        &self,
        filter: &EpisodeFilter,
        page: u32,
        f: impl FnMut(&Episode) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        self.walk(filter, PageFrom::After, page, f)
    }

    /// Walks the episodes `filter` selects a page at a time, each page from where the last one
    /// ended: newest first (`After`) or oldest first (`Before`).
    fn walk<E: From<super::StoreError>>(
        &self,
        filter: &EpisodeFilter,
        from: PageFrom,
        page: u32,
        mut f: impl FnMut(&Episode) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut key: Option<Episode> = None;
        loop {
            let mut episodes = self.episode_page(filter, key.as_ref(), from, page)?;
            if from == PageFrom::Before {
                // A page of newer episodes comes newest first; the walk goes oldest first.
                episodes.reverse();
            }
            for episode in &episodes {
                f(episode)?;
            }
            if episodes.len() < page as usize {
                return Ok(());
            }
            key = episodes.pop();
        }
    }
}

/// Reads the sites, triggers and reliefs of `page` (a few hundred episodes), each table once.
fn attach_children(conn: &rusqlite::Connection, page: &mut [Episode]) -> Result<()> {
    if page.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = page.iter().map(|e| e.id.to_string()).collect();
    let list = serde_json::to_string(&ids).map_err(|e| {
        super::StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
    })?;
    let at: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let text = |r: &Row<'_>, i: usize| row_text(r, i).map(str::to_string);
    // Hands each row of a child table (its `columns` after the episode id) to its episode.
    let mut each_row = |table: &str,
                        columns: &str,
                        add: &dyn Fn(&mut Episode, &Row<'_>) -> rusqlite::Result<()>|
     -> Result<()> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT episode_id, {columns} FROM {table}
              WHERE episode_id IN (SELECT value FROM json_each(?1)) ORDER BY episode_id, position"
        ))?;
        let mut found = stmt.query([&list])?;
        while let Some(r) = found.next()? {
            if let Some(&i) = at.get(row_text(r, 0)?) {
                add(&mut page[i], r)?;
            }
        }
        Ok(())
    };
    each_row("episode_sites", "site, side", &|e, r| {
        e.sites.push(SiteRef {
            site: text(r, 1)?,
            side: side_at(r, 2)?,
        });
        Ok(())
    })?;
    each_row("episode_triggers", "trigger", &|e, r| {
        e.triggers.push(text(r, 1)?);
        Ok(())
    })?;
    each_row("episode_reliefs", "relief, helped", &|e, r| {
        e.reliefs.push(ReliefUse {
            relief: text(r, 1)?,
            helped: r.get(2)?,
        });
        Ok(())
    })
}

/// From how many episodes an export streams them in one pass rather than page by page.
const STREAM_FROM: usize = 20_000;

/// Filter for the episodes whose local date is from `since` to `until` (either open): their
/// start in UTC within [`local_days_in_utc`], to be cut exactly on the local date, as
/// [`Diary::load`] does.
pub(super) fn local_days(since: Option<NaiveDate>, until: Option<NaiveDate>) -> EpisodeFilter {
    let (since, until) = local_days_in_utc(since, until);
    EpisodeFilter {
        since,
        until,
        ..EpisodeFilter::default()
    }
}

/// From when and before when (UTC) an episode whose local date is from `since` to `until` can
/// start: a day's margin each side, offsets being under a day. Open where the period is, or
/// where the margin would pass the calendar's end.
pub(super) fn local_days_in_utc(
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let midnight = |d: NaiveDate| Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN));
    (
        since
            .and_then(|d| d.checked_sub_days(Days::new(1)))
            .map(midnight),
        until
            .and_then(|d| d.checked_add_days(Days::new(2)))
            .map(midnight),
    )
}

/// A read transaction: everything read through the diary while it lives sees the diary as it
/// was at the first read, so an export's counts and files agree however long writing takes.
/// Taken inside another (a report read within an export's snapshot), it is that one.
pub struct Snapshot<'a>(#[allow(dead_code)] Option<rusqlite::Transaction<'a>>);

impl Diary {
    /// Starts a [`Snapshot`], or joins the read transaction already open on this diary.
    pub fn snapshot(&self) -> Result<Snapshot<'_>> {
        if self.conn.is_autocommit() {
            Ok(Snapshot(Some(self.conn.unchecked_transaction()?)))
        } else {
            Ok(Snapshot(None))
        }
    }

    /// Calls `f` with every live episode whose local date is from `since` to `until` (either
    /// open), oldest first: the episodes and order of [`Diary::load`]. A short period is read
    /// `page` at a time; a long one streams the episodes in one pass beside their sites,
    /// triggers and reliefs read ahead, each table once in its own order (a page at a time
    /// would look each episode's rows up all over those tables). Either way memory stays small
    /// however long the diary: one page, or the sites, triggers and reliefs as codes.
    pub fn for_each_episode_in<E: From<super::StoreError>>(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        page: u32,
        mut f: impl FnMut(&Episode) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let in_period = |d: NaiveDate| since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u);
        if self.count_episodes_in(since, until)? > STREAM_FROM {
            let filter = local_days(since, until);
            return super::stream::each_episode(&self.conn, filter.since, filter.until, |e| {
                if in_period(e.local_date()) {
                    f(e)
                } else {
                    Ok(())
                }
            });
        }
        self.walk(
            &local_days(since, until),
            PageFrom::Before,
            page,
            |episode| {
                if in_period(episode.local_date()) {
                    f(episode)
                } else {
                    Ok(())
                }
            },
        )
    }

    /// How many episodes [`Diary::for_each_episode_in`] gives for the same days, counted by
    /// SQLite without reading them.
    pub fn count_episodes_in(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<usize> {
        let filter = local_days(since, until);
        let mut stmt = self.conn.prepare_cached(
            "SELECT count(*) FROM episodes
             WHERE deleted_utc IS NULL
               AND start_utc >= coalesce(:since, -9223372036854775808)
               AND start_utc < coalesce(:until, 9223372036854775807)
               AND (:first IS NULL OR date(start_utc + utc_offset_s, 'unixepoch') >= :first)
               AND (:last IS NULL OR date(start_utc + utc_offset_s, 'unixepoch') <= :last)",
        )?;
        let n: i64 = stmt.query_row(
            named_params! {
                ":since": filter.since.map(secs),
                ":until": filter.until.map(secs),
                ":first": since.map(|d| d.to_string()),
                ":last": until.map(|d| d.to_string()),
            },
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeDelta, Utc};

    use super::*;
    use crate::domain::{Episode, Kind, SiteRef};
    use crate::store::Access;

    #[test]
    fn keyset_pages_match_offset_pages_even_with_equal_start_times() {
        let dir = tempfile::tempdir().unwrap();
        let now: DateTime<Utc> = "2026-11-25T10:00:00Z".parse().unwrap();
        let mut d = Diary::open(&dir.path().join("d.sqlite3"), Access::Write, now).unwrap();
        let episodes: Vec<Episode> = (0..57)
            .map(|i| {
                // Several episodes share each start time, so the id breaks the ties.
                let start = (now - TimeDelta::minutes(i / 3 * 10)).fixed_offset();
                let kind = if i % 4 == 0 {
                    Kind::Cramp
                } else {
                    Kind::Twitch
                };
                Episode::new(kind, start, vec![SiteRef::parse("calf:left").unwrap()], now)
            })
            .collect();
        d.add_episodes_bulk(&episodes).unwrap();
        for filter in [
            EpisodeFilter::default(),
            EpisodeFilter {
                kind: Some(Kind::Twitch),
                ..EpisodeFilter::default()
            },
        ] {
            let all = d.episodes(&filter).unwrap();
            let ids = |v: &[Episode]| v.iter().map(|e| e.id).collect::<Vec<_>>();
            assert_eq!(
                ids(&d.episode_page(&filter, None, PageFrom::After, 10).unwrap()),
                ids(&all[..10])
            );
            assert_eq!(
                ids(&d.episode_page(&filter, None, PageFrom::Before, 10).unwrap()),
                ids(&all[all.len() - 10..])
            );
            for at in [0, 5, 17, 30] {
                let after = d
                    .episode_page(&filter, Some(&all[at]), PageFrom::After, 7)
                    .unwrap();
                let end = (at + 8).min(all.len());
                assert_eq!(ids(&after), ids(&all[at + 1..end]), "after {at}");
                let before = d
                    .episode_page(&filter, Some(&all[at]), PageFrom::Before, 7)
                    .unwrap();
                assert_eq!(
                    ids(&before),
                    ids(&all[at.saturating_sub(7)..at]),
                    "before {at}"
                );
            }
        }
    }
}
