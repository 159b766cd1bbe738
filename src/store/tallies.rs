//! Counts for the screens: episodes per local day and kind, and per body site, counted by SQL
//! so a ten-year diary costs no more to summarise than a new one.

use chrono::{DateTime, NaiveDate, Utc};

use super::{Diary, Result, secs};
use crate::domain::Kind;

/// Live episodes of one kind on one local date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCount {
    pub date: NaiveDate,
    pub kind: Kind,
    pub episodes: u32,
}

impl Diary {
    /// Live episodes per local start date and kind, for episodes that started from `since` to
    /// before `until` (UTC instants; widen by a day to be sure of whole local days).
    pub fn day_counts(&self, since: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<DayCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT date(start_utc + utc_offset_s, 'unixepoch') AS day, kind, count(*)
             FROM episodes
             WHERE deleted_utc IS NULL AND start_utc >= ?1 AND start_utc < ?2
             GROUP BY day, kind ORDER BY day, kind",
        )?;
        let rows = stmt.query_map((secs(since), secs(until)), |r| {
            let day: String = r.get(0)?;
            let kind: String = r.get(1)?;
            let n: i64 = r.get(2)?;
            Ok((day, kind, n))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (day, kind, n) = row?;
            let date = super::checkins::parse_day(0, &day)?;
            let kind = Kind::parse(&kind).map_err(|m| super::conversion(1, m))?;
            out.push(DayCount {
                date,
                kind,
                episodes: u32::try_from(n).unwrap_or(u32::MAX),
            });
        }
        Ok(out)
    }

    /// How many live episodes name each body site (by site id), for episodes that started at or
    /// after `since` (all of them when `None`).
    pub fn site_counts(&self, since: Option<DateTime<Utc>>) -> Result<Vec<(String, u32)>> {
        let mut stmt = self.conn.prepare_cached(
            // CROSS JOIN keeps the episodes (by their start index) as the outer loop, so
            // only the period's episodes are visited.
            "SELECT s.site, count(*) FROM episodes e CROSS JOIN episode_sites s ON s.episode_id = e.id
             WHERE e.deleted_utc IS NULL AND e.start_utc >= coalesce(?1, -9223372036854775808)
             GROUP BY s.site ORDER BY s.site",
        )?;
        let rows = stmt.query_map([since.map(secs)], |r| {
            let n: i64 = r.get(1)?;
            Ok((r.get::<_, String>(0)?, u32::try_from(n).unwrap_or(u32::MAX)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
