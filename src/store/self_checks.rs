//! Dated self-checks for the red flags.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use uuid::Uuid;

use super::checkins::parse_day;
use super::edits::Editable;
use super::episodes::parse_uuid;
use super::undo::{Entity, Kept};
use super::{Diary, Lookup, Result, StoreError, conversion, from_secs, secs};
use crate::domain::{Invalid, SelfCheck, TestResult};

impl Diary {
    pub fn add_self_check(&mut self, check: &SelfCheck) -> Result<()> {
        check.validate()?;
        let label = check.named();
        self.add_kept(
            "recording a self-check",
            check.created,
            check,
            label,
            |_| Ok(()),
        )
    }

    pub fn self_checks_since(&self, since: Option<chrono::NaiveDate>) -> Result<Vec<SelfCheck>> {
        let mut checks = self.self_checks()?;
        checks.retain(|c| since.is_none_or(|s| c.date >= s));
        Ok(checks)
    }

    /// Every self-check, oldest first.
    pub fn self_checks(&self) -> Result<Vec<SelfCheck>> {
        let mut symptoms: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT self_check_id, symptom FROM self_check_symptoms ORDER BY self_check_id, symptom")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            symptoms.entry(r.get(0)?).or_default().push(r.get(1)?);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, date, heel_walk, jar, stairs, created_utc, updated_utc FROM self_checks ORDER BY date, created_utc, id",
        )?;
        let rows = stmt.query_map([], |r| {
            let id: String = r.get(0)?;
            self_check_row(r, symptoms.remove(&id).unwrap_or_default())
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The self-check with this id (the text of its UUID).
fn load(conn: &rusqlite::Connection, id: &str) -> Result<Option<SelfCheck>> {
    use rusqlite::OptionalExtension;
    let symptoms = conn
        .prepare_cached(
            "SELECT symptom FROM self_check_symptoms WHERE self_check_id = ?1 ORDER BY symptom",
        )?
        .query_map([id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(conn
        .prepare_cached(
            "SELECT id, date, heel_walk, jar, stairs, created_utc, updated_utc FROM self_checks WHERE id = ?1",
        )?
        .query_row([id], |r| self_check_row(r, symptoms))
        .optional()?)
}

/// A self-check is kept by id, as [`Kept`] asks.
impl Kept for SelfCheck {
    const ENTITY: Entity = Entity::SelfCheck;
    type Key = Uuid;
    const TABLE: &'static str = "self_checks";
    const VALIDATE: fn(&Self) -> std::result::Result<(), Invalid> = SelfCheck::validate;

    fn key(&self) -> Uuid {
        self.id
    }

    fn load(conn: &rusqlite::Connection, id: Uuid) -> Result<Option<Self>> {
        load(conn, &id.to_string())
    }

    fn missing(id: Uuid) -> StoreError {
        Lookup::NoSelfCheck(id.to_string()).into()
    }

    fn put(tx: &Transaction<'_>, check: &Self, _: DateTime<Utc>) -> Result<()> {
        put_self_check(tx, check)
    }

    fn restamp(&mut self, now: DateTime<Utc>) {
        self.created = self.created.min(now);
        self.updated = now;
    }
}

/// An edit keeps its id and when it was made, and counts it changed then.
impl Editable for SelfCheck {
    const EDITING: &'static str = "changing a self-check";
    const DELETING: &'static str = "deleting a self-check";

    fn named(&self) -> String {
        format!("the self-check of {}", self.date)
    }

    fn settle(&mut self, before: &Self, now: DateTime<Utc>) {
        self.id = before.id;
        self.created = before.created.min(now);
        self.updated = now;
    }

    fn carry_changes(&mut self, base: &Self, edited: &Self) -> Vec<&'static str> {
        SelfCheck::carry_changes(self, base, edited)
    }
}

fn self_check_row(r: &rusqlite::Row<'_>, symptoms: Vec<String>) -> rusqlite::Result<SelfCheck> {
    let result = |i: usize| -> rusqlite::Result<Option<TestResult>> {
        let s: Option<String> = r.get(i)?;
        s.map(|s| TestResult::parse(&s).map_err(|m| conversion(i, m)))
            .transpose()
    };
    Ok(SelfCheck {
        id: parse_uuid(0, &r.get::<_, String>(0)?)?,
        date: parse_day(1, &r.get::<_, String>(1)?)?,
        heel_walk: result(2)?,
        jar: result(3)?,
        stairs: result(4)?,
        symptoms,
        created: from_secs(r.get(5)?)?,
        updated: from_secs(r.get(6)?)?,
    })
}

pub(super) fn put_self_check(tx: &Transaction<'_>, c: &SelfCheck) -> Result<()> {
    let id = c.id.to_string();
    tx.prepare_cached(
        "INSERT INTO self_checks (id, date, heel_walk, jar, stairs, created_utc, updated_utc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET date = ?2, heel_walk = ?3, jar = ?4, stairs = ?5,
             created_utc = ?6, updated_utc = ?7",
    )?
    .execute((
        &id,
        c.date.to_string(),
        c.heel_walk.map(TestResult::as_str),
        c.jar.map(TestResult::as_str),
        c.stairs.map(TestResult::as_str),
        secs(c.created),
        secs(c.updated),
    ))?;
    tx.prepare_cached("DELETE FROM self_check_symptoms WHERE self_check_id = ?1")?
        .execute([&id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO self_check_symptoms (self_check_id, symptom) VALUES (?1, ?2)",
    )?;
    for s in &c.symptoms {
        insert.execute((&id, s))?;
    }
    super::deletions::forget(tx, Entity::SelfCheck, &id)
}
