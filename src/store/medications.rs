//! Medications, with their start and stop dates.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};
use uuid::Uuid;

use super::checkins::parse_day;
use super::edits::Editable;
use super::episodes::parse_uuid;
use super::undo::{Entity, Kept};
use super::{Diary, Lookup, Result, StoreError, from_secs, secs};
use crate::domain::{Invalid, Medication, MedicationField};

pub(super) const COLUMNS: &str =
    "id, name, class, dose, start_date, stop_date, created_utc, updated_utc";

impl Diary {
    /// Adds a medication. One still being taken under the same name (in any case) is refused:
    /// the same medicine twice would count twice in the pattern rules.
    pub fn add_medication(&mut self, med: &Medication) -> Result<()> {
        med.validate()?;
        let label = format!("adding {}", med.named());
        self.add_kept("adding a medication", med.updated, med, label, |tx| {
            if med.stop.is_none()
                && let Some(taken) = taken_named(tx, &med.name)?.first()
            {
                return Err(Invalid::new(
                    MedicationField::Name,
                    format!(
                        "{} is being taken already (since {}); stop it first, or give the new one another name",
                        taken.name, taken.start
                    ),
                )
                .into());
            }
            Ok(())
        })
    }

    /// Records that the medication called `name` (still being taken) stopped on `day`.
    pub fn stop_medication(
        &mut self,
        name: &str,
        day: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Medication> {
        let name = name.trim();
        let id = match taken_named(&self.conn, name)?.as_slice() {
            [one] => one.id,
            [] => return Err(Lookup::NoMedication(name.to_string()).into()),
            _ => return Err(Lookup::ManyMedications(name.to_string()).into()),
        };
        // Read again inside the write: it may have been stopped meanwhile.
        self.edit::<Medication, StoreError>(id, now, |m| {
            // Stopped by another myolog meanwhile: it is no longer one being taken.
            if m.stop.is_some() {
                return Err(Lookup::NoMedication(name.to_string()).into());
            }
            m.stop = Some(day);
            Ok(())
        })
    }

    /// The medication called `name` (in any case), taken now or stopped: the one still taken
    /// when there are several, else the only one. Several stopped ones (or none) are refused,
    /// each described. A name no medication has may be the first 4 or more characters of one's
    /// id.
    pub fn find_medication(&self, name: &str) -> Result<Medication> {
        let wanted = name.trim().to_lowercase();
        let named: Vec<Medication> = self
            .medications()?
            .into_iter()
            .filter(|m| m.name.trim().to_lowercase() == wanted)
            .collect();
        if let Some(taken) = named.iter().find(|m| m.stop.is_none()) {
            return Ok(taken.clone());
        }
        match named.as_slice() {
            [one] => Ok(one.clone()),
            [] => {
                if let Ok(prefix) = super::records::id_prefix(name) {
                    let mut stmt = self.conn.prepare_cached(&format!(
                        "SELECT {COLUMNS} FROM medications WHERE id >= ?1 AND id < ?1 || '~' LIMIT 2"
                    ))?;
                    let found: Vec<Medication> = stmt
                        .query_map([&prefix], from_row)?
                        .collect::<rusqlite::Result<_>>()?;
                    if let [one] = found.as_slice() {
                        return Ok(one.clone());
                    }
                }
                Err(Lookup::NoMedicationNamed(name.trim().to_string()).into())
            }
            many => Err(Lookup::ManyMedicationsNamed(
                name.trim().to_string(),
                many.iter()
                    .map(|m| {
                        format!(
                            "from {}{}, id {}",
                            m.start,
                            m.stop.map(|s| format!(" to {s}")).unwrap_or_default(),
                            m.id
                        )
                    })
                    .collect(),
            )
            .into()),
        }
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

/// The medications called `name` (in any case, spaces around it aside) still being taken.
fn taken_named(conn: &Connection, name: &str) -> Result<Vec<Medication>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM medications WHERE stop_date IS NULL ORDER BY start_date, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    let all: Vec<Medication> = rows.collect::<rusqlite::Result<_>>()?;
    // Compared in Rust: SQLite's lower() knows only ASCII.
    let wanted = name.trim().to_lowercase();
    Ok(all
        .into_iter()
        .filter(|m| m.name.trim().to_lowercase() == wanted)
        .collect())
}

/// A medication is kept by id, as [`Kept`] asks.
impl Kept for Medication {
    const ENTITY: Entity = Entity::Medication;
    type Key = Uuid;
    const TABLE: &'static str = "medications";
    const VALIDATE: fn(&Self) -> std::result::Result<(), Invalid> = Medication::validate;

    fn key(&self) -> Uuid {
        self.id
    }

    fn load(conn: &Connection, id: Uuid) -> Result<Option<Self>> {
        load(conn, &id)
    }

    fn missing(id: Uuid) -> StoreError {
        Lookup::NoMedicationId(id.to_string()).into()
    }

    fn put(tx: &Transaction<'_>, med: &Self, _: DateTime<Utc>) -> Result<()> {
        put_medication(tx, med)
    }

    fn restamp(&mut self, now: DateTime<Utc>) {
        self.created = self.created.min(now);
        self.updated = now;
    }
}

impl Editable for Medication {
    const EDITING: &'static str = "changing a medication";
    const DELETING: &'static str = "deleting a medication";

    fn named(&self) -> String {
        self.name.clone()
    }

    fn settle(&mut self, before: &Self, now: DateTime<Utc>) {
        self.id = before.id;
        self.created = before.created.min(now);
        self.updated = now;
    }

    /// One still being taken under the same name is refused, as [`Diary::add_medication`] does.
    fn admit(&self, tx: &Transaction<'_>) -> Result<()> {
        if self.stop.is_none()
            && let Some(taken) = taken_named(tx, &self.name)?
                .iter()
                .find(|m| m.id != self.id)
        {
            return Err(Invalid::new(
                MedicationField::Name,
                format!(
                    "{} is being taken already (since {}); stop that one first, or give this one another name",
                    taken.name, taken.start
                ),
            )
            .into());
        }
        Ok(())
    }

    fn edited(before: &Self, after: &Self) -> String {
        match (before.stop, after.stop) {
            (None, Some(_)) => format!("stopping {}", before.named()),
            _ => format!("changing {}", before.named()),
        }
    }

    fn carry_changes(&mut self, base: &Self, edited: &Self) -> Vec<&'static str> {
        Medication::carry_changes(self, base, edited)
    }
}

fn load(conn: &Connection, id: &Uuid) -> Result<Option<Medication>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM medications WHERE id = ?1"))?
        .query_row([id.to_string()], from_row)
        .optional()?)
}

pub(super) fn put_medication(tx: &Transaction<'_>, m: &Medication) -> Result<()> {
    let id = m.id.to_string();
    tx.prepare_cached(
        "INSERT INTO medications (id, name, class, dose, start_date, stop_date, created_utc, updated_utc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET name = ?2, class = ?3, dose = ?4, start_date = ?5,
             stop_date = ?6, created_utc = ?7, updated_utc = ?8",
    )?
    .execute(rusqlite::params![
        &id,
        m.name,
        m.class,
        m.dose,
        m.start.to_string(),
        m.stop.map(|d| d.to_string()),
        secs(m.created),
        secs(m.updated),
    ])?;
    super::deletions::forget(tx, Entity::Medication, &id)
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
