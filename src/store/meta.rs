//! What the diary knows about itself: its own id, and the first day it has an entry for.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use uuid::Uuid;

use super::checkins::parse_day;
use super::episodes::parse_uuid;
use super::{Diary, Result, StoreError};

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
}
