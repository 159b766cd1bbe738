//! Daily check-ins: one per local date.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};

use super::edits::{Editable, changed_elsewhere};
use super::undo::{Entity, Kept, Undo};
use super::{Diary, Lookup, Result, StoreError, conversion, from_secs, secs};
use crate::domain::{CheckIn, Invalid};

const COLUMNS: &str = "date, sleep_h, caffeine_mg, stress, water_l, alcohol, exercise_min, magnesium, stretched, note, experiment_kept, created_utc, updated_utc";

impl Diary {
    /// Saves a check-in, merged into the one already kept for its date (the fields it knows
    /// replace the old ones; `myolog checkin --sleep 7` changes the sleep alone). Returns the
    /// check-in as now kept.
    pub fn save_checkin(&mut self, checkin: &CheckIn, now: DateTime<Utc>) -> Result<CheckIn> {
        self.write_checkin(checkin, true, now)
    }

    /// Saves a check-in whole, in place of the one kept for its date: a field it leaves
    /// unknown becomes unknown (the form, prefilled with the day's check-in, clears a field
    /// this way).
    pub fn replace_checkin(&mut self, checkin: &CheckIn, now: DateTime<Utc>) -> Result<CheckIn> {
        self.write_checkin(checkin, false, now)
    }

    fn write_checkin(
        &mut self,
        checkin: &CheckIn,
        merge: bool,
        now: DateTime<Utc>,
    ) -> Result<CheckIn> {
        checkin.validate()?;
        self.save_day(checkin.date, now, |before| {
            Ok(match (before, merge) {
                (Some(before), true) => {
                    let mut merged = before.clone();
                    merged.merge(checkin);
                    merged
                }
                _ => checkin.clone(),
            })
        })
    }

    /// Saves the check-in of `date` that `kept` makes of the one kept now (if any), in one
    /// write transaction; `myolog undo` restores the old one. Returns it as now kept.
    fn save_day(
        &mut self,
        date: NaiveDate,
        now: DateTime<Utc>,
        kept: impl FnOnce(Option<&CheckIn>) -> Result<CheckIn>,
    ) -> Result<CheckIn> {
        self.change("saving a check-in", date, now, |tx| {
            let before = load(tx, date)?;
            let mut kept = kept(before.as_ref())?;
            // A clock put back since the first save must not leave it changed before it was
            // made (refused by a merge, and by the table's check).
            let created = before.as_ref().and_then(|b| b.created).unwrap_or(now);
            kept.created = Some(created.min(now));
            kept.updated = Some(now);
            put_checkin(tx, &kept, now)?;
            // What undo and redo name: the day's first save, or a change to what was kept.
            let label = match before {
                None => format!("saving {}", kept.named()),
                Some(_) => format!("changing {}", kept.named()),
            };
            Ok((
                Undo {
                    before,
                    label,
                    nothing: false,
                },
                kept,
            ))
        })
    }

    pub fn checkin(&self, date: NaiveDate) -> Result<Option<CheckIn>> {
        load(&self.conn, date)
    }

    /// Check-ins from `since` to `until` inclusive (either open), oldest first.
    pub fn checkins(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<Vec<CheckIn>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM checkins WHERE date >= coalesce(?1, '') AND date <= coalesce(?2, '9999') ORDER BY date"
        ))?;
        let rows = stmt.query_map(
            (since.map(|d| d.to_string()), until.map(|d| d.to_string())),
            from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Inserts or replaces the check-in of a date, with the times it carries (one without them,
/// never saved, counts as made and changed `now`).
pub(super) fn put_checkin(tx: &Transaction<'_>, c: &CheckIn, now: DateTime<Utc>) -> Result<()> {
    let created = c.created.unwrap_or(now);
    let updated = c.updated.unwrap_or(now);
    let date = c.date.to_string();
    tx.prepare_cached(
        "INSERT INTO checkins (date, sleep_h, caffeine_mg, stress, water_l, alcohol, exercise_min,
             magnesium, stretched, note, created_utc, updated_utc, experiment_kept)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (date) DO UPDATE SET sleep_h = ?2, caffeine_mg = ?3, stress = ?4, water_l = ?5,
             alcohol = ?6, exercise_min = ?7, magnesium = ?8, stretched = ?9, note = ?10,
             created_utc = ?11, updated_utc = ?12, experiment_kept = ?13",
    )?
    .execute(rusqlite::params![
        &date,
        c.sleep_h,
        c.caffeine_mg,
        c.stress,
        c.water_l,
        c.alcohol,
        c.exercise_min,
        c.magnesium,
        c.stretched,
        c.note,
        secs(created),
        secs(updated),
        c.experiment_kept,
    ])?;
    super::deletions::forget(tx, Entity::CheckIn, &date)
}

impl Kept for CheckIn {
    const ENTITY: Entity = Entity::CheckIn;
    type Key = NaiveDate;
    const TABLE: &'static str = "checkins";
    const KEY_COLUMN: &'static str = "date";
    const VALIDATE: fn(&Self) -> std::result::Result<(), Invalid> = CheckIn::validate;

    fn key(&self) -> NaiveDate {
        self.date
    }

    fn load(conn: &Connection, date: NaiveDate) -> Result<Option<Self>> {
        load(conn, date)
    }

    fn missing(date: NaiveDate) -> StoreError {
        Lookup::NoCheckIn(date).into()
    }

    fn put(tx: &Transaction<'_>, checkin: &Self, now: DateTime<Utc>) -> Result<()> {
        put_checkin(tx, checkin, now)
    }

    fn restamp(&mut self, now: DateTime<Utc>) {
        self.created = Some(self.created.map_or(now, |c| c.min(now)));
        self.updated = Some(now);
    }
}

/// A check-in is found by its date, which an edit keeps.
impl Editable for CheckIn {
    const EDITING: &'static str = "changing a check-in";
    const DELETING: &'static str = "deleting a check-in";

    fn named(&self) -> String {
        format!("the check-in of {}", self.date)
    }

    fn settle(&mut self, before: &Self, now: DateTime<Utc>) {
        self.date = before.date;
        self.created = Some(before.created.map_or(now, |c| c.min(now)));
        self.updated = Some(now);
    }

    fn carry_changes(&mut self, base: &Self, edited: &Self) -> Vec<&'static str> {
        CheckIn::carry_changes(self, base, edited)
    }

    /// The form's changes are written onto the check-in of `edited`'s date as it is now, or
    /// onto an empty one when that day has none (the form shows an empty day as one to fill).
    fn save_edit(
        diary: &mut Diary,
        base: &Self,
        edited: &Self,
        now: DateTime<Utc>,
        told: &[String],
    ) -> Result<Self> {
        edited.validate()?;
        if base.date == edited.date && !super::edits::changes_anything(base, edited) {
            return diary
                .checkin(edited.date)
                .map(|kept| kept.unwrap_or_else(|| CheckIn::empty(edited.date)));
        }
        diary.save_day(edited.date, now, |before| {
            let mut kept = before
                .cloned()
                .unwrap_or_else(|| CheckIn::empty(edited.date));
            // A form moved to another day carries everything it shows there.
            let base = if base.date == edited.date {
                base.clone()
            } else {
                CheckIn::empty(edited.date)
            };
            let clashes = kept.carry_changes(&base, edited);
            changed_elsewhere(clashes, told)?;
            kept.validate()?;
            Ok(kept)
        })
    }
}

pub(super) fn load(conn: &Connection, date: NaiveDate) -> Result<Option<CheckIn>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM checkins WHERE date = ?1"))?
        .query_row([date.to_string()], from_row)
        .optional()?)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<CheckIn> {
    let date: String = r.get(0)?;
    Ok(CheckIn {
        date: parse_day(0, &date)?,
        sleep_h: r.get(1)?,
        caffeine_mg: r.get(2)?,
        stress: r.get(3)?,
        water_l: r.get(4)?,
        alcohol: r.get(5)?,
        exercise_min: r.get(6)?,
        magnesium: r.get(7)?,
        stretched: r.get(8)?,
        note: r.get(9)?,
        experiment_kept: r.get(10)?,
        created: Some(from_secs(r.get(11)?)?),
        updated: Some(from_secs(r.get(12)?)?),
    })
}

pub(super) fn parse_day(column: usize, s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| conversion(column, e.to_string()))
}
