//! What the diary knows about itself: its own id, the first day it has an entry for, and the
//! entries dated after a day (a clock that was wrong when they were logged).

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use uuid::Uuid;

use super::checkins::parse_day;
use super::episodes::parse_uuid;
use super::pages::local_days_in_utc;
use super::{Diary, Result, StoreError, secs};
use crate::text::plural;

/// The entries a diary holds dated after a day: when that day is today, they were logged with
/// a clock set ahead, and every view that counts up to today leaves them out (and says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DatedAfter {
    /// Episodes, check-ins and self-checks, together.
    pub entries: u32,
    /// The earliest of their dates.
    pub first: NaiveDate,
}

impl DatedAfter {
    /// "1 entry dated after today (2027-03-01)", "3 entries dated after today (the first on
    /// 2027-03-01)", with `day` naming the day ("today").
    pub fn describe(&self, day: &str) -> String {
        let entries = plural(self.entries, "entry", "entries");
        if self.entries == 1 {
            format!("{entries} dated after {day} ({})", self.first)
        } else {
            format!("{entries} dated after {day} (the first on {})", self.first)
        }
    }

    /// "it" for one entry, "them" for more: what a sentence about them calls them.
    pub fn them(&self) -> &'static str {
        if self.entries == 1 { "it" } else { "them" }
    }
}

impl Diary {
    /// The diary's own id: a random UUID made when the diary was created, or upgraded to a
    /// version that keeps one. Backups carry it; another diary never has it.
    pub fn diary_id(&self) -> Result<Uuid> {
        let id: Option<String> = self
            .conn
            .query_row("SELECT diary_id FROM diary_meta WHERE one = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        let id = id.ok_or_else(|| StoreError::Damaged {
            path: Some(self.path.clone()),
            detail: "its own id is missing".into(),
        })?;
        Ok(parse_uuid(0, &id)?)
    }

    /// The first local date with an episode, a check-in or a self-check (medications are not
    /// counted: their start date may lie long before the diary was begun). `None` for a diary
    /// with none.
    pub fn first_entry_date(&self) -> Result<Option<NaiveDate>> {
        // The earliest local date lies within a day of the earliest instant (offsets are under
        // a day), so only the episodes of the first two days are looked at, through the index.
        let episode: Option<String> = self.conn.query_row(
            "SELECT min(date(start_utc + utc_offset_s, 'unixepoch')) FROM episodes
             WHERE deleted_utc IS NULL AND start_utc <= (
                 SELECT min(start_utc) FROM episodes WHERE deleted_utc IS NULL) + 2 * 86400",
            [],
            |r| r.get(0),
        )?;
        let checkin: Option<String> =
            self.conn
                .query_row("SELECT min(date) FROM checkins", [], |r| r.get(0))?;
        let self_check: Option<String> =
            self.conn
                .query_row("SELECT min(date) FROM self_checks", [], |r| r.get(0))?;
        let mut first: Option<NaiveDate> = None;
        for date in [episode, checkin, self_check].into_iter().flatten() {
            let date = parse_day(0, &date)?;
            first = Some(first.map_or(date, |f| f.min(date)));
        }
        Ok(first)
    }

    /// The episodes (by local date), check-ins and self-checks dated after `day`; `None` when
    /// there are none. Episodes are found through the start index.
    pub fn dated_after(&self, day: NaiveDate) -> Result<Option<DatedAfter>> {
        let after = day.succ_opt().unwrap_or(day);
        let (from, _) = local_days_in_utc(Some(after), None);
        let (episodes, first_episode): (u32, Option<String>) = self.conn.query_row(
            "SELECT count(*), min(date(start_utc + utc_offset_s, 'unixepoch')) FROM episodes
             WHERE deleted_utc IS NULL AND start_utc >= ?1
               AND date(start_utc + utc_offset_s, 'unixepoch') > ?2",
            (from.map(secs), day.to_string()),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut entries = episodes;
        let mut first = first_episode.map(|d| parse_day(1, &d)).transpose()?;
        for table in ["checkins", "self_checks"] {
            let (n, earliest): (u32, Option<String>) = self.conn.query_row(
                &format!("SELECT count(*), min(date) FROM {table} WHERE date > ?1"),
                [day.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            entries += n;
            if let Some(earliest) = earliest {
                let earliest = parse_day(1, &earliest)?;
                first = Some(first.map_or(earliest, |f| f.min(earliest)));
            }
        }
        Ok(first.map(|first| DatedAfter { entries, first }))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::domain::{Episode, Kind, SiteRef};
    use crate::store::Access;

    /// An episode counts by its local date: 22:00 at UTC-5 on the 25th is the 26th in UTC and
    /// still the 25th; 01:00 at UTC+5 on the 26th is the 25th in UTC and the 26th.
    #[test]
    fn entries_count_by_their_local_date() {
        let dir = tempfile::tempdir().unwrap();
        let now: DateTime<Utc> = "2026-11-25T10:00:00Z".parse().unwrap();
        let mut diary = Diary::open(&dir.path().join("d.sqlite3"), Access::Write, now).unwrap();
        let day: NaiveDate = "2026-11-25".parse().unwrap();
        let add = |diary: &mut Diary, start: &str| {
            let start = DateTime::parse_from_rfc3339(start).unwrap();
            let site = vec![SiteRef::parse("eyelid").unwrap()];
            diary
                .add_episode(&Episode::new(Kind::Twitch, start, site, now))
                .unwrap();
        };
        add(&mut diary, "2026-11-25T22:00:00-05:00");
        assert_eq!(diary.dated_after(day).unwrap(), None);
        add(&mut diary, "2026-11-26T01:00:00+05:00");
        let later = diary.dated_after(day).unwrap().unwrap();
        assert_eq!(
            (later.entries, later.first.to_string()),
            (1, "2026-11-26".into())
        );
        assert_eq!(
            later.describe("today"),
            "1 entry dated after today (2026-11-26)"
        );
        add(&mut diary, "2026-12-03T09:00:00Z");
        let later = diary.dated_after(day).unwrap().unwrap();
        assert_eq!(
            later.describe("today"),
            "2 entries dated after today (the first on 2026-11-26)"
        );
        assert_eq!(diary.dated_after(later.first).unwrap().unwrap().entries, 1);
    }
}
