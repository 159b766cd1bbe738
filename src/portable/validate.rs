//! The checks every imported record passes before the diary is opened: the domain's own
//! validation (the one `myolog log` uses), nothing in the future, no id twice in one file, and
//! the same tidying the command line does (whole seconds, blank notes dropped, site aliases).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use uuid::Uuid;

use super::{ImportError, Record, whole_seconds};
use crate::catalog::catalog;
use crate::domain::{
    CheckIn, DiarySlice, Episode, EpisodeField, Invalid, Medication, SelfCheck, SiteRef,
    check_not_future, clean_note,
};

/// Tidies and checks a whole imported diary; `position(table, index)` names a record in the
/// file (`episodes[3]`, `line 7`).
pub fn validate_slice(
    slice: &mut DiarySlice,
    now: DateTime<FixedOffset>,
    position: impl Fn(&str, usize) -> String,
) -> Result<(), ImportError> {
    let mut checker = Checker::new(now);
    for (i, e) in slice.episodes.iter_mut().enumerate() {
        checker.episode(e, i, &position)?;
    }
    for (i, c) in slice.checkins.iter_mut().enumerate() {
        checker.checkin(c, i, &position)?;
    }
    for (i, m) in slice.medications.iter_mut().enumerate() {
        checker.medication(m, i, &position)?;
    }
    for (i, s) in slice.self_checks.iter_mut().enumerate() {
        checker.self_check(s, i, &position)?;
    }
    Ok(())
}

/// Tidies and checks imported records one at a time, as a file is read, remembering only the
/// ids (and check-in dates) seen so far so that one given twice is refused.
pub struct Checker {
    now: DateTime<FixedOffset>,
    episodes: HashMap<Uuid, usize>,
    checkins: HashMap<NaiveDate, usize>,
    medications: HashMap<Uuid, usize>,
    self_checks: HashMap<Uuid, usize>,
}

/// Names a record in the file from its table and index (`episodes[3]`, `line 7`).
pub type Position<'a> = dyn Fn(&str, usize) -> String + 'a;

impl Checker {
    pub fn new(now: DateTime<FixedOffset>) -> Self {
        Checker {
            now,
            episodes: HashMap::new(),
            checkins: HashMap::new(),
            medications: HashMap::new(),
            self_checks: HashMap::new(),
        }
    }

    /// Tidies and checks `record`, the `i`th of its table.
    pub fn record(
        &mut self,
        record: &mut Record,
        i: usize,
        position: &Position,
    ) -> Result<(), ImportError> {
        match record {
            Record::Episode(e) => self.episode(e, i, position),
            Record::CheckIn(c) => self.checkin(c, i, position),
            Record::Medication(m) => self.medication(m, i, position),
            Record::SelfCheck(s) => self.self_check(s, i, position),
        }
    }

    pub fn episode(
        &mut self,
        e: &mut Episode,
        i: usize,
        position: &Position,
    ) -> Result<(), ImportError> {
        let at = || position("episodes", i);
        episode(e, self.now).map_err(|err| ImportError::from_invalid(at(), err))?;
        if let Some(first) = self.episodes.insert(e.id, i) {
            return Err(twice(at(), "id", &e.id, &position("episodes", first)));
        }
        Ok(())
    }

    pub fn checkin(
        &mut self,
        c: &mut CheckIn,
        i: usize,
        position: &Position,
    ) -> Result<(), ImportError> {
        let at = || position("checkins", i);
        checkin(c, self.now).map_err(|err| ImportError::from_invalid(at(), err))?;
        if let Some(first) = self.checkins.insert(c.date, i) {
            return Err(twice(at(), "date", &c.date, &position("checkins", first)));
        }
        Ok(())
    }

    pub fn medication(
        &mut self,
        m: &mut Medication,
        i: usize,
        position: &Position,
    ) -> Result<(), ImportError> {
        let at = || position("medications", i);
        medication(m).map_err(|err| ImportError::from_invalid(at(), err))?;
        if let Some(first) = self.medications.insert(m.id, i) {
            return Err(twice(at(), "id", &m.id, &position("medications", first)));
        }
        Ok(())
    }

    pub fn self_check(
        &mut self,
        s: &mut SelfCheck,
        i: usize,
        position: &Position,
    ) -> Result<(), ImportError> {
        let at = || position("self_checks", i);
        self_check(s, self.now).map_err(|err| ImportError::from_invalid(at(), err))?;
        if let Some(first) = self.self_checks.insert(s.id, i) {
            return Err(twice(at(), "id", &s.id, &position("self_checks", first)));
        }
        Ok(())
    }
}

fn twice(at: String, field: &str, value: &dyn std::fmt::Display, first: &str) -> ImportError {
    ImportError::new(
        at,
        Some(field),
        format!("{value} appears twice in the file (also at {first}); accepted: each once"),
    )
}

/// Tidies and checks one episode as `myolog log` would.
pub fn episode(e: &mut Episode, now: DateTime<FixedOffset>) -> Result<(), Invalid> {
    e.start = whole_seconds(e.start);
    e.created = whole_seconds(e.created);
    e.updated = whole_seconds(e.updated);
    e.note = clean_note(e.note.take());
    for site in &mut e.sites {
        if catalog().site(&site.site).is_none() {
            // An alias (`bicep`) becomes its id; an unknown name gets the closest ones.
            let found =
                SiteRef::parse(&site.site).map_err(|m| Invalid::new(EpisodeField::Sites, m))?;
            site.site = found.site;
        }
    }
    check_not_future(e.start, now)?;
    e.validate()
}

fn checkin(c: &mut CheckIn, now: DateTime<FixedOffset>) -> Result<(), Invalid> {
    c.note = clean_note(c.note.take());
    c.check_not_future(now.date_naive())?;
    c.validate()
}

fn medication(m: &mut Medication) -> Result<(), Invalid> {
    m.name = m.name.trim().to_string();
    m.dose = clean_note(m.dose.take());
    m.created = whole_seconds(m.created);
    m.updated = whole_seconds(m.updated);
    m.validate()
}

fn self_check(s: &mut SelfCheck, now: DateTime<FixedOffset>) -> Result<(), Invalid> {
    s.created = whole_seconds(s.created);
    // The diary keeps symptoms as a set and reads them back in id order.
    s.symptoms.sort();
    s.check_not_future(now.date_naive())?;
    s.validate()
}
