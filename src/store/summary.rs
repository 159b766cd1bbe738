//! The per-day summary (migrations/06-day-summary): what the live episodes of each local date
//! add up to, kept in the same transaction as every write.
//!
//! SQL triggers note every date a change touches, whatever wrote it (log, edit, delete, undo,
//! import, demo, or a future path); [`rebuild_stale`] sums those dates again from their
//! episodes with [`Summary::recount`] just before a write transaction commits ([`WriteTx`]),
//! and when a diary opens with dates still noted (an upgrade, or a change made by another
//! program). Rebuilding per transaction rather than per row keeps a bulk write as fast as it
//! was: the demo's 100,000 episodes rebuild 1,600 dates once, where a trigger that recounted
//! its date on every row would recount each one for every site and trigger written.
//!
//! [`WriteTx`]: super::WriteTx

use std::collections::BTreeSet;

use chrono::{Days, FixedOffset, NaiveDate};
use rusqlite::{Connection, Row};
use uuid::Uuid;

use super::episodes::{Matching, parse_uuid, probe_range_lean, row_text};
use super::pages::local_days_in_utc;
use super::{Diary, Result, conversion};
use crate::domain::summary::{
    DayEpisodes, DaySummary, First, HourDay, LeanEpisode, SideDay, SideTotal, SiteDay, Summary,
    SummarySlice, TriggerDay, side_key,
};
use crate::domain::{Episode, Kind, Side};

/// Above this many stale dates a rebuild reads the whole episodes table once rather than
/// probing each date (about the point where the two cost the same).
const PROBE_AT_MOST: usize = 200;

/// The tables of the summary, each keyed by date first.
const TABLES: [&str; 5] = [
    "day_summary",
    "day_sites",
    "day_sides",
    "day_triggers",
    "day_hours",
];

/// The dates the triggers noted since the last rebuild.
fn stale_dates(conn: &Connection) -> Result<Vec<NaiveDate>> {
    let mut stmt = conn.prepare_cached("SELECT date FROM day_summary_stale ORDER BY date")?;
    let rows = stmt.query_map([], |r| date_at(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sums the stale dates again from their episodes, inside the caller's write transaction.
pub(super) fn rebuild_stale(conn: &Connection) -> Result<()> {
    let stale = stale_dates(conn)?;
    if stale.is_empty() {
        return Ok(());
    }
    for table in TABLES {
        conn.prepare_cached(&format!(
            "DELETE FROM {table} WHERE date IN (SELECT date FROM day_summary_stale)"
        ))?
        .execute([])?;
    }
    recount_dates(conn, &stale, |fresh| insert(conn, &fresh))?;
    conn.prepare_cached("DELETE FROM day_summary_stale")?
        .execute([])?;
    Ok(())
}

/// Sets aside, inside a bulk write's transaction, the summary triggers on an episode's sites
/// and triggers, returning their SQL to create them again before it commits. Every bulk path
/// writes an episode's own row before its sites and triggers, and the episode's triggers note
/// its dates; the triggers on the child tables (there for a change to them alone) would add
/// nothing, yet their presence makes SQLite keep a statement journal for every child row
/// written: an import of the 10-year diary took 9.5 s with them and 6.7 s without (6.2 s
/// before the summary). The schema change is part of the transaction: rolled back, the
/// triggers were never gone.
pub(super) fn suspend_child_triggers(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, sql FROM sqlite_master
          WHERE type = 'trigger' AND tbl_name IN ('episode_sites', 'episode_triggers')
            AND name LIKE 'day_summary_%' ORDER BY name",
    )?;
    let found: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    let mut sql = Vec::new();
    for (name, create) in found {
        // Names come from the schema itself, and are quoted as identifiers.
        conn.execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))?;
        sql.push(create);
    }
    Ok(sql)
}

/// Creates again the triggers [`suspend_child_triggers`] set aside.
pub(super) fn resume_child_triggers(conn: &Connection, sql: &[String]) -> Result<()> {
    for create in sql {
        conn.execute_batch(create)?;
    }
    Ok(())
}

/// Whether any date waits for a rebuild (a diary just upgraded, or changed by another program).
pub(super) fn has_stale(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM day_summary_stale LIMIT 1")?
        .exists([])?)
}

/// Sums `dates` (sorted) from their live episodes, handing `sink` the summary of a run of
/// dates at a time, oldest first. A few dates are read through the start index; many (an
/// upgrade, a demo, an import) in one streaming pass over the diary, a few thousand episodes
/// in memory at a time.
fn recount_dates(
    conn: &Connection,
    dates: &[NaiveDate],
    mut sink: impl FnMut(Summary) -> Result<()>,
) -> Result<()> {
    if dates.len() <= PROBE_AT_MOST {
        let mut found = Vec::new();
        for &date in dates {
            let (since, until) = local_days_in_utc(Some(date), Some(date));
            let near = probe_range_lean(conn, since, until)?;
            found.extend(near.into_iter().filter(|e| e.local_date() == date));
        }
        return sink(Summary::recount(&found));
    }
    let wanted: BTreeSet<NaiveDate> = dates.iter().copied().collect();
    let mut held: Vec<Episode> = Vec::new();
    // Episodes come by start; none started two days after a date's midnight (UTC) falls on
    // that date, so the dates before then are complete and can be summed and let go.
    let mut flush = |held: &mut Vec<Episode>, before: Option<NaiveDate>| -> Result<()> {
        let (done, rest): (Vec<Episode>, Vec<Episode>) = std::mem::take(held)
            .into_iter()
            .partition(|e| before.is_none_or(|b| e.local_date() < b));
        *held = rest;
        if done.is_empty() {
            return Ok(());
        }
        sink(Summary::recount(&done))
    };
    super::stream::each_episode(conn, None, None, |e| -> Result<()> {
        if !wanted.contains(&e.local_date()) {
            return Ok(());
        }
        if held.len() >= 4096 {
            let utc_day = e.start.naive_utc().date();
            flush(&mut held, utc_day.checked_sub_days(Days::new(1)))?;
        }
        held.push(e.clone());
        Ok(())
    })?;
    flush(&mut held, None)
}

fn insert(conn: &Connection, s: &Summary) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO day_summary (date, twitches, cramps, first_twitch, evening_cramps,
             first_evening_cramp, first_evening_cramp_start, morning_cramps, first_morning_cramp,
             first_morning_cramp_start, longest_cramp_s, most_sore_days)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for d in &s.days {
        stmt.execute(rusqlite::params![
            d.date.to_string(),
            d.twitches,
            d.cramps,
            d.first_twitch.map(|id| id.to_string()),
            d.evening_cramps,
            d.first_evening_cramp.map(|f| f.id.to_string()),
            d.first_evening_cramp.map(|f| f.start_utc),
            d.morning_cramps,
            d.first_morning_cramp.map(|f| f.id.to_string()),
            d.first_morning_cramp.map(|f| f.start_utc),
            d.longest_cramp_s,
            d.most_sore_days,
        ])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO day_sites (date, site, twitches, cramps, first_twitch, first_twitch_start)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for r in &s.sites {
        stmt.execute(rusqlite::params![
            r.date.to_string(),
            r.site,
            r.twitches,
            r.cramps,
            r.first_twitch.map(|f| f.id.to_string()),
            r.first_twitch.map(|f| f.start_utc),
        ])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO day_sides (date, site, side, twitches, cramps) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for r in &s.sides {
        stmt.execute(rusqlite::params![
            r.date.to_string(),
            r.site,
            side_key(r.side),
            r.twitches,
            r.cramps
        ])?;
    }
    insert_counts(
        conn,
        "INSERT INTO day_triggers (date, trigger, twitches, cramps) VALUES (?1, ?2, ?3, ?4)",
        s.triggers
            .iter()
            .map(|r| (r.date, &r.trigger, r.twitches, r.cramps)),
    )?;
    insert_counts(
        conn,
        "INSERT INTO day_hours (date, hour, twitches, cramps) VALUES (?1, ?2, ?3, ?4)",
        s.hours
            .iter()
            .map(|r| (r.date, r.hour, r.twitches, r.cramps)),
    )
}

/// Inserts with `sql` the rows of a table that counts a date's episodes by one more key (a
/// trigger, an hour): (date, key, twitches, cramps).
fn insert_counts<K: rusqlite::ToSql>(
    conn: &Connection,
    sql: &str,
    rows: impl Iterator<Item = (NaiveDate, K, u32, u32)>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    for (date, key, twitches, cramps) in rows {
        stmt.execute(rusqlite::params![date.to_string(), key, twitches, cramps])?;
    }
    Ok(())
}

/// How many live episodes `matching` selects, counted from the summary when it can be (a
/// kind, a site, a trigger or none, with no start bounds, and no date waiting for a rebuild):
/// the whole diary's count in a few thousand summary rows rather than 100,000 index entries.
pub(super) fn count(conn: &Connection, matching: &Matching<'_>) -> Result<Option<u64>> {
    let Some((kind, site, trigger)) = matching.by_kind_site_trigger() else {
        return Ok(None);
    };
    let column = match kind {
        Some("twitch") => "twitches",
        Some("cramp") => "cramps",
        Some(_) => return Ok(None),
        None => "twitches + cramps",
    };
    let (sql, key) = match (site, trigger) {
        (None, None) => (format!("SELECT sum({column}) FROM day_summary"), None),
        (Some(site), None) => (
            format!("SELECT sum({column}) FROM day_sites WHERE site = ?1"),
            Some(site),
        ),
        (None, Some(trigger)) => (
            format!("SELECT sum({column}) FROM day_triggers WHERE trigger = ?1"),
            Some(trigger),
        ),
        (Some(_), Some(_)) => return Ok(None),
    };
    if has_stale(conn)? {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let n: Option<i64> = match key {
        Some(key) => stmt.query_row([key], |r| r.get(0))?,
        None => stmt.query_row([], |r| r.get(0))?,
    };
    Ok(Some(n.unwrap_or(0).max(0) as u64))
}

/// Replaces the rows of the `gone` dates (those summed afresh) with `fresh`, keeping `rows`
/// in the order of their key.
fn renew<T, K: Ord>(
    rows: &mut Vec<T>,
    fresh: Vec<T>,
    gone: &BTreeSet<NaiveDate>,
    date: impl Fn(&T) -> NaiveDate,
    key: impl FnMut(&T) -> K,
) {
    rows.retain(|r| !gone.contains(&date(r)));
    rows.extend(fresh);
    rows.sort_by_key(key);
}

/// The date in column `i`, read without copying the text.
fn date_at(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let text = row_text(r, i)?;
    text.parse::<NaiveDate>()
        .map_err(|e| conversion(i, format!("{text}: {e}")))
}

/// Rows come date by date: the date of the last row, reused while the text is the same.
#[derive(Default)]
struct Dates {
    last: Option<(String, NaiveDate)>,
}

impl Dates {
    fn at(&mut self, r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
        let text = row_text(r, i)?;
        if let Some((t, d)) = &self.last
            && t == text
        {
            return Ok(*d);
        }
        let d = date_at(r, i)?;
        self.last = Some((text.to_string(), d));
        Ok(d)
    }
}

fn uuid_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<Uuid>> {
    match r
        .get_ref(i)?
        .as_str_or_null()
        .map_err(|e| conversion(i, e.to_string()))?
    {
        Some(text) => parse_uuid(i, text).map(Some),
        None => Ok(None),
    }
}

/// The first (id, start) in columns `i` and `i + 1`.
fn first_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<First>> {
    let id = uuid_at(r, i)?;
    let start: Option<i64> = r.get(i + 1)?;
    Ok(id.zip(start).map(|(id, start_utc)| First { start_utc, id }))
}

/// The bounds of a date range as the text the tables hold (either open).
fn bounds(since: Option<NaiveDate>, until: Option<NaiveDate>) -> (String, String) {
    (
        since.map_or_else(String::new, |d| d.to_string()),
        until.map_or_else(|| "9999-99-99".into(), |d| d.to_string()),
    )
}

const IN_RANGE: &str = "date >= ?1 AND date <= ?2";

impl Diary {
    /// What the pattern engine reads of the dates from `since` to `until` (either open): the
    /// summary of each date with episodes, its sites and its triggers, the check-ins of those
    /// dates, every self-check up to `until` and every medication, in one read transaction so
    /// they agree.
    pub fn summary_slice(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<SummarySlice> {
        let snapshot = self.snapshot()?;
        let summary = self.read_summary(since, until, false)?;
        let checkins = self.checkins(since, until)?;
        let medications = self.medications()?;
        // Every self-check up to `until`, however old: a red flag stays active until a later
        // self-check clears it, so one from before the period may still be active in it.
        let mut self_checks = self.self_checks()?;
        self_checks.retain(|c| until.is_none_or(|u| c.date <= u));
        drop(snapshot);
        Ok(SummarySlice {
            days: summary.days,
            sites: summary.sites,
            triggers: summary.triggers,
            checkins,
            medications,
            self_checks,
        })
    }

    /// The whole summary of the dates from `since` to `until` (either open), every table.
    pub fn summary(&self, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<Summary> {
        let snapshot = self.snapshot()?;
        let summary = self.read_summary(since, until, true)?;
        drop(snapshot);
        Ok(summary)
    }

    /// The summary's tables for the dates from `since` to `until`: the days, sites and
    /// triggers, and with `all` the sides and hours too.
    fn read_summary(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        all: bool,
    ) -> Result<Summary> {
        let (from, to) = bounds(since, until);
        let mut dates = Dates::default();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT date, twitches, cramps, first_twitch, evening_cramps, first_evening_cramp,
                 first_evening_cramp_start, morning_cramps, first_morning_cramp,
                 first_morning_cramp_start, longest_cramp_s, most_sore_days
               FROM day_summary WHERE {IN_RANGE} ORDER BY date"
        ))?;
        let days: Vec<DaySummary> = stmt
            .query_map((&from, &to), |r| {
                Ok(DaySummary {
                    date: date_at(r, 0)?,
                    twitches: r.get(1)?,
                    cramps: r.get(2)?,
                    first_twitch: uuid_at(r, 3)?,
                    evening_cramps: r.get(4)?,
                    first_evening_cramp: first_at(r, 5)?,
                    morning_cramps: r.get(7)?,
                    first_morning_cramp: first_at(r, 8)?,
                    longest_cramp_s: r.get(10)?,
                    most_sore_days: r.get(11)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT date, site, twitches, cramps, first_twitch, first_twitch_start
               FROM day_sites WHERE {IN_RANGE} ORDER BY date, site"
        ))?;
        let sites: Vec<SiteDay> = stmt
            .query_map((&from, &to), |r| {
                Ok(SiteDay {
                    date: dates.at(r, 0)?,
                    site: r.get(1)?,
                    twitches: r.get(2)?,
                    cramps: r.get(3)?,
                    first_twitch: first_at(r, 4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT date, trigger, twitches, cramps FROM day_triggers WHERE {IN_RANGE} ORDER BY date, trigger"
        ))?;
        let triggers: Vec<TriggerDay> = stmt
            .query_map((&from, &to), |r| {
                Ok(TriggerDay {
                    date: dates.at(r, 0)?,
                    trigger: r.get(1)?,
                    twitches: r.get(2)?,
                    cramps: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut summary = Summary {
            days,
            sites,
            sides: Vec::new(),
            triggers,
            hours: Vec::new(),
        };
        if all {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT date, site, side, twitches, cramps FROM day_sides WHERE {IN_RANGE} ORDER BY date, site, side"
            ))?;
            summary.sides = stmt
                .query_map((&from, &to), |r| {
                    Ok(SideDay {
                        date: dates.at(r, 0)?,
                        site: r.get(1)?,
                        side: side_at(r, 2)?,
                        twitches: r.get(3)?,
                        cramps: r.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT date, hour, twitches, cramps FROM day_hours WHERE {IN_RANGE} ORDER BY date, hour"
            ))?;
            summary.hours = stmt
                .query_map((&from, &to), |r| {
                    Ok(HourDay {
                        date: dates.at(r, 0)?,
                        hour: r.get(1)?,
                        twitches: r.get(2)?,
                        cramps: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        // Dates another program changed since the last write here are summed afresh (a
        // read-only diary cannot be rebuilt in place).
        let in_period =
            |d: &NaiveDate| since.is_none_or(|s| *d >= s) && until.is_none_or(|u| *d <= u);
        let stale: Vec<NaiveDate> = stale_dates(&self.conn)?
            .into_iter()
            .filter(in_period)
            .collect();
        if !stale.is_empty() {
            let mut fresh = Summary::default();
            recount_dates(&self.conn, &stale, |part| {
                fresh.days.extend(part.days);
                fresh.sites.extend(part.sites);
                fresh.sides.extend(part.sides);
                fresh.triggers.extend(part.triggers);
                fresh.hours.extend(part.hours);
                Ok(())
            })?;
            let gone: BTreeSet<NaiveDate> = stale.into_iter().collect();
            renew(&mut summary.days, fresh.days, &gone, |d| d.date, |d| d.date);
            renew(
                &mut summary.sites,
                fresh.sites,
                &gone,
                |d| d.date,
                |d| (d.date, d.site.clone()),
            );
            renew(
                &mut summary.triggers,
                fresh.triggers,
                &gone,
                |d| d.date,
                |d| (d.date, d.trigger.clone()),
            );
            if all {
                renew(
                    &mut summary.sides,
                    fresh.sides,
                    &gone,
                    |d| d.date,
                    |d| (d.date, d.site.clone(), side_key(d.side)),
                );
                renew(
                    &mut summary.hours,
                    fresh.hours,
                    &gone,
                    |d| d.date,
                    |d| (d.date, d.hour),
                );
            }
        }
        Ok(summary)
    }

    /// Episodes at each site and side (left and right apart, an episode once at a site and
    /// side however often it names them), over the dates from `since` to `until` (either
    /// open), summed by SQLite from the summary.
    pub fn side_totals(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<Vec<SideTotal>> {
        let (from, to) = bounds(since, until);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT site, side, sum(twitches), sum(cramps) FROM day_sides WHERE {IN_RANGE}
              GROUP BY site, side"
        ))?;
        let totals = stmt
            .query_map((&from, &to), |r| {
                Ok(SideTotal {
                    site: r.get(0)?,
                    side: side_at(r, 1)?,
                    twitches: r.get(2)?,
                    cramps: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(totals)
    }

    /// Episodes by the local hour they started in (twitches, cramps), over the dates from
    /// `since` to `until` (either open), summed by SQLite from the summary.
    pub fn hour_totals(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<[(u32, u32); 24]> {
        let (from, to) = bounds(since, until);
        let mut hours = [(0, 0); 24];
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT hour, sum(twitches), sum(cramps) FROM day_hours WHERE {IN_RANGE} GROUP BY hour"
        ))?;
        let mut rows = stmt.query((&from, &to))?;
        while let Some(r) = rows.next()? {
            let hour: u8 = r.get(0)?;
            if let Some(h) = hours.get_mut(usize::from(hour)) {
                *h = (r.get(1)?, r.get(2)?);
            }
        }
        if has_stale(&self.conn)? {
            // Rare (another program wrote since): count those hours from the whole summary.
            let summary = self.read_summary(since, until, true)?;
            hours = [(0, 0); 24];
            for h in summary.hours {
                if let Some(slot) = hours.get_mut(usize::from(h.hour)) {
                    slot.0 += h.twitches;
                    slot.1 += h.cramps;
                }
            }
        }
        Ok(hours)
    }

    /// The live episodes `wanted` asks for (every one of a date, or those of one kind), as the
    /// pattern engine reads them, by start then id.
    pub fn lean_episodes(&self, wanted: &[DayEpisodes]) -> Result<Vec<LeanEpisode>> {
        let mut found = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.kind, e.start_utc, e.utc_offset_s, e.duration_s, e.sore_days, s.site
               FROM episodes e JOIN episode_sites s ON s.episode_id = e.id
              WHERE e.deleted_utc IS NULL AND e.start_utc >= ?1 AND e.start_utc < ?2
                AND (?3 IS NULL OR e.kind = ?3)
              ORDER BY e.start_utc, e.id, s.position",
        )?;
        let days: BTreeSet<DayEpisodes> = wanted.iter().copied().collect();
        for w in &days {
            // A date asked for whole needs no second, narrower read.
            if w.kind.is_some()
                && days.contains(&DayEpisodes {
                    date: w.date,
                    kind: None,
                })
            {
                continue;
            }
            let (since, until) = local_days_in_utc(Some(w.date), Some(w.date));
            let mut rows = stmt.query((
                since.map_or(i64::MIN, |t| t.timestamp()),
                until.map_or(i64::MAX, |t| t.timestamp()),
                w.kind.map(Kind::as_str),
            ))?;
            let mut last: Option<LeanEpisode> = None;
            while let Some(r) = rows.next()? {
                let id = parse_uuid(0, row_text(r, 0)?)?;
                let site: String = r.get(6)?;
                if let Some(e) = last.as_mut().filter(|e| e.id == id) {
                    e.sites.push(site);
                    continue;
                }
                found.extend(last.take().filter(|e| e.local_date() == w.date));
                let offset: i32 = r.get(3)?;
                let offset = FixedOffset::east_opt(offset)
                    .ok_or_else(|| conversion(3, "bad offset".into()))?;
                last = Some(LeanEpisode {
                    id,
                    kind: Kind::parse(row_text(r, 1)?).map_err(|m| conversion(1, m))?,
                    start: super::from_secs(r.get(2)?)?.with_timezone(&offset),
                    duration_s: r.get(4)?,
                    sore_days: r.get(5)?,
                    sites: vec![site],
                });
            }
            found.extend(last.take().filter(|e| e.local_date() == w.date));
        }
        found.sort_by_key(LeanEpisode::first);
        Ok(found)
    }
}

/// The side in column `i`, kept as [`side_key`] writes it (empty: none).
fn side_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<Side>> {
    match row_text(r, i)? {
        "" => Ok(None),
        s => Side::parse(s).map(Some).map_err(|m| conversion(i, m)),
    }
}
