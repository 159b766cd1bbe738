//! Medications, with their start and stop dates.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, Transaction};

use super::checkins::parse_day;
use super::episodes::parse_uuid;
use super::undo::{Entity, Undo};
use super::{Diary, Lookup, Result, from_secs, secs};
use crate::domain::Medication;

const MEDICATION: Entity = Entity::Medication;

pub(super) const COLUMNS: &str =
    "id, name, class, dose, start_date, stop_date, created_utc, updated_utc";

impl Diary {
    pub fn add_medication(&mut self, med: &Medication) -> Result<()> {
        med.validate()?;
        let key = med.id.to_string();
        self.change("adding a medication", MEDICATION, &key, med.updated, |tx| {
            put_medication(tx, med)?;
            let undo = Undo::<Medication>::created(format!("adding {}", med.name));
            Ok((undo, ()))
        })
    }

    /// Records that the medication called `name` (still being taken) stopped on `day`.
    pub fn stop_medication(
        &mut self,
        name: &str,
        day: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Medication> {
        let current: Vec<Medication> = self
            .medications()?
            .into_iter()
            .filter(|m| m.stop.is_none() && m.name.eq_ignore_ascii_case(name.trim()))
            .collect();
        let before = match current.as_slice() {
            [one] => one.clone(),
            [] => return Err(Lookup::NoMedication(name.trim().to_string()).into()),
            _ => return Err(Lookup::ManyMedications(name.trim().to_string()).into()),
        };
        let stopped = Medication {
            stop: Some(day),
            updated: now,
            ..before.clone()
        };
        stopped.validate()?;
        let key = before.id.to_string();
        self.change("stopping a medication", MEDICATION, &key, now, |tx| {
            put_medication(tx, &stopped)?;
            let label = format!("stopping {}", before.name);
            let before = Some(before);
            Ok((Undo { before, label }, stopped))
        })
    }

    /// Every medication, by start date.
    pub fn medications(&self) -> Result<Vec<Medication>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM medications ORDER BY start_date, name, id"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(super) fn put_medication(tx: &Transaction<'_>, m: &Medication) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO medications (id, name, class, dose, start_date, stop_date, created_utc, updated_utc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET name = ?2, class = ?3, dose = ?4, start_date = ?5,
             stop_date = ?6, created_utc = ?7, updated_utc = ?8",
    )?
    .execute(rusqlite::params![
        m.id.to_string(),
        m.name,
        m.class,
        m.dose,
        m.start.to_string(),
        m.stop.map(|d| d.to_string()),
        secs(m.created),
        secs(m.updated),
    ])?;
    Ok(())
}

pub(super) fn remove_medication(tx: &Transaction<'_>, id: &str) -> Result<()> {
    tx.execute("DELETE FROM medications WHERE id = ?1", [id])?;
    Ok(())
}

pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<Medication> {
    let id: String = r.get(0)?;
    let start: String = r.get(4)?;
    let stop: Option<String> = r.get(5)?;
    Ok(Medication {
        id: parse_uuid(0, &id)?,
        name: r.get(1)?,
        class: r.get(2)?,
        dose: r.get(3)?,
        start: parse_day(4, &start)?,
        stop: stop.map(|s| parse_day(5, &s)).transpose()?,
        created: from_secs(r.get(6)?)?,
        updated: from_secs(r.get(7)?)?,
    })
}
