//! The rest of the diary: daily check-ins, medications and self-checks.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{CheckInField, Invalid, MedicationField, SelfCheckField, check_note, check_range};
use crate::catalog::catalog;
use crate::text::one_line;

/// Caffeine is read with the other quantities; its old home keeps the name working.
pub use super::quantities::parse_caffeine;

/// Accepted ranges of the check-in fields; the schema's CHECK constraints say the same.
pub const SLEEP_MAX_H: f64 = 24.0;
pub const CAFFEINE_MAX_MG: u32 = 5000;
pub const STRESS_MAX: u8 = 10;
pub const WATER_MAX_L: f64 = 20.0;
pub const ALCOHOL_MAX: u32 = 100;
pub const EXERCISE_MAX_MIN: u32 = 1440;

/// The namespace of check-in ids: a check-in's id is the UUIDv5 of its date in it.
pub const CHECKIN_ID_NAMESPACE: Uuid = Uuid::from_u128(0x3b7c_2f0e_9a41_5d6b_8e2f_c4a1_0d97_5e13);

/// The id of the check-in of `date`. A diary keeps one check-in per date, so the date is what
/// a check-in is: its id is derived from it (a UUIDv5), the same in every diary, which is what
/// makes two diaries' check-ins of a date merge as one record rather than clash as two.
pub fn checkin_id(date: NaiveDate) -> Uuid {
    Uuid::new_v5(&CHECKIN_ID_NAMESPACE, date.to_string().as_bytes())
}

/// The daily check-in: at most one per local date. Every field may be unknown, which is never
/// the same as zero. Written out (JSON exports, `checkin list --json`) it carries its `id`
/// ([`checkin_id`]) and when it was made and last changed; read back, an `id` may be left out,
/// but one given must be its date's.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(into = "CheckInRecord", try_from = "CheckInRecord")]
pub struct CheckIn {
    pub date: NaiveDate,
    /// Hours slept the night before.
    pub sleep_h: Option<f64>,
    pub caffeine_mg: Option<u32>,
    pub stress: Option<u8>,
    pub water_l: Option<f64>,
    pub alcohol: Option<u32>,
    pub exercise_min: Option<u32>,
    pub magnesium: Option<bool>,
    pub stretched: Option<bool>,
    /// Whether the change of the `custom` experiment running that day was kept (the check-in
    /// asks only while one runs).
    pub experiment_kept: Option<bool>,
    pub note: Option<String>,
    /// When the diary first kept a check-in of its date, and when it last changed it (a merge
    /// keeps the copy changed last). `None` on one not saved yet: the store stamps both.
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

/// A check-in as it is written and read: its fields with its id first.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckInRecord {
    #[serde(default)]
    id: Option<Uuid>,
    date: NaiveDate,
    sleep_h: Option<f64>,
    caffeine_mg: Option<u32>,
    stress: Option<u8>,
    water_l: Option<f64>,
    alcohol: Option<u32>,
    exercise_min: Option<u32>,
    magnesium: Option<bool>,
    stretched: Option<bool>,
    /// Diaries written before experiments have none.
    #[serde(default)]
    experiment_kept: Option<bool>,
    note: Option<String>,
    /// Exports written before check-ins carried their times have neither (see
    /// [`CheckIn::fill_times`]).
    #[serde(default)]
    created: Option<DateTime<Utc>>,
    #[serde(default)]
    updated: Option<DateTime<Utc>>,
}

impl From<CheckIn> for CheckInRecord {
    fn from(c: CheckIn) -> Self {
        CheckInRecord {
            id: Some(c.id()),
            date: c.date,
            sleep_h: c.sleep_h,
            caffeine_mg: c.caffeine_mg,
            stress: c.stress,
            water_l: c.water_l,
            alcohol: c.alcohol,
            exercise_min: c.exercise_min,
            magnesium: c.magnesium,
            stretched: c.stretched,
            experiment_kept: c.experiment_kept,
            note: c.note,
            created: c.created,
            updated: c.updated,
        }
    }
}

impl TryFrom<CheckInRecord> for CheckIn {
    type Error = String;

    fn try_from(r: CheckInRecord) -> Result<Self, String> {
        let expected = checkin_id(r.date);
        if let Some(id) = r.id
            && id != expected
        {
            return Err(format!(
                "id {id} is not the id of a check-in of {} ({expected}); a check-in's id comes from its date",
                r.date
            ));
        }
        Ok(CheckIn {
            date: r.date,
            sleep_h: r.sleep_h,
            caffeine_mg: r.caffeine_mg,
            stress: r.stress,
            water_l: r.water_l,
            alcohol: r.alcohol,
            exercise_min: r.exercise_min,
            magnesium: r.magnesium,
            stretched: r.stretched,
            experiment_kept: r.experiment_kept,
            note: r.note,
            created: r.created,
            updated: r.updated,
        })
    }
}

impl CheckIn {
    /// Its id: the same for every check-in of its date, in every diary ([`checkin_id`]).
    pub fn id(&self) -> Uuid {
        checkin_id(self.date)
    }

    /// Copies onto `self` every field in which `edited` differs from `base` (its date aside):
    /// what a form opened on `base` changed, put onto the check-in as it is now. Returns the
    /// fields among those changed meanwhile elsewhere.
    pub fn carry_changes(&mut self, base: &CheckIn, edited: &CheckIn) -> Vec<&'static str> {
        super::carry_changes!(self, base, edited;
            sleep_h, caffeine_mg, stress, water_l, alcohol, exercise_min, magnesium, stretched,
            experiment_kept, note
        )
    }

    pub fn empty(date: NaiveDate) -> Self {
        CheckIn {
            date,
            ..CheckIn::default()
        }
    }

    /// Takes every field `newer` knows; keeps the rest.
    pub fn merge(&mut self, newer: &CheckIn) {
        fn take<T: Clone>(old: &mut Option<T>, new: &Option<T>) {
            if new.is_some() {
                old.clone_from(new);
            }
        }
        take(&mut self.sleep_h, &newer.sleep_h);
        take(&mut self.caffeine_mg, &newer.caffeine_mg);
        take(&mut self.stress, &newer.stress);
        take(&mut self.water_l, &newer.water_l);
        take(&mut self.alcohol, &newer.alcohol);
        take(&mut self.exercise_min, &newer.exercise_min);
        take(&mut self.magnesium, &newer.magnesium);
        take(&mut self.stretched, &newer.stretched);
        take(&mut self.experiment_kept, &newer.experiment_kept);
        take(&mut self.note, &newer.note);
    }

    /// Whether it knows nothing (when it was kept aside).
    pub fn is_empty(&self) -> bool {
        CheckIn {
            created: None,
            updated: None,
            ..self.clone()
        } == CheckIn::empty(self.date)
    }

    /// Its change times as an import takes them: a missing `updated` is its `created`, and one
    /// that gives neither (an export of a myolog from before check-ins carried them) counts as
    /// made and changed at the earliest start of its date ([`made_on`]): older than one saved on
    /// that day or later, which it therefore never replaces, while it still fills a date the
    /// diary has none for; and the same each time the file is read, so a second import of it
    /// changes nothing.
    pub fn fill_times(&mut self, now: DateTime<Utc>) {
        let start = made_on(self.date, now);
        let created = self
            .created
            .unwrap_or_else(|| self.updated.map_or(start, |u| u.min(start)));
        self.created = Some(created);
        self.updated = Some(self.updated.unwrap_or(created));
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        use CheckInField as F;
        for (field, v, max) in [
            (F::Sleep, self.sleep_h, SLEEP_MAX_H),
            (F::Water, self.water_l, WATER_MAX_L),
        ] {
            if let Some(v) = v
                && !v.is_finite()
            {
                return Err(Invalid::new(field, format!("{v} is not a number")));
            }
            check_range(field, v, 0.0, max, "a number")?;
        }
        check_range(F::Caffeine, self.caffeine_mg, 0, CAFFEINE_MAX_MG, "mg")?;
        check_range(F::Stress, self.stress, 0, STRESS_MAX, "a whole number")?;
        check_range(F::Alcohol, self.alcohol, 0, ALCOHOL_MAX, "drinks")?;
        check_range(
            F::Exercise,
            self.exercise_min,
            0,
            EXERCISE_MAX_MIN,
            "minutes",
        )?;
        check_note(F::Note, &self.note)
    }

    /// Refuses a check-in for a day after `today`.
    pub fn check_not_future(&self, today: NaiveDate) -> Result<(), Invalid> {
        day_not_future(self.date, today, "a check-in")
            .map_err(|m| Invalid::new(CheckInField::Date, m))
    }

    /// The values known ("sleep 7 h", "caffeine 190 mg", ...) and the names of the fields
    /// still unknown, in the fields' order.
    fn known_and_unknown(&self) -> (Vec<String>, Vec<&'static str>) {
        let mut known = Vec::new();
        let mut unknown = Vec::new();
        let mut field = |name: &'static str, value: Option<String>| match value {
            Some(v) => known.push(v),
            None => unknown.push(name),
        };
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        field("sleep", self.sleep_h.map(|v| format!("sleep {v} h")));
        field(
            "caffeine",
            self.caffeine_mg.map(|v| format!("caffeine {v} mg")),
        );
        field("stress", self.stress.map(|v| format!("stress {v}/10")));
        field("water", self.water_l.map(|v| format!("water {v} l")));
        field("alcohol", self.alcohol.map(|v| format!("{v} drinks")));
        field(
            "exercise",
            self.exercise_min.map(|v| format!("exercise {v} min")),
        );
        field(
            "magnesium",
            self.magnesium.map(|v| format!("magnesium {}", yes_no(v))),
        );
        field(
            "stretched",
            self.stretched
                .map(|v| format!("stretched before bed {}", yes_no(v))),
        );
        // Asked only while a custom experiment runs: unknown is not worth naming.
        if let Some(kept) = self.experiment_kept {
            known.push(format!("experiment change kept {}", yes_no(kept)));
        }
        (known, unknown)
    }

    /// The check-in in one line, naming the fields still unknown.
    pub fn summary(&self) -> String {
        let (known, unknown) = self.known_and_unknown();
        let mut text = format!(
            "Check-in for {}: {}",
            self.date,
            if known.is_empty() {
                "nothing yet".into()
            } else {
                known.join(", ")
            }
        );
        if !unknown.is_empty() {
            text.push_str(&format!(" (unknown: {})", unknown.join(", ")));
        }
        if let Some(note) = &self.note {
            text.push_str(&format!("; note: {}", one_line(note, 60)));
        }
        text
    }

    /// The values known and the note, in one line, for a list: "sleep 7 h, stress 6/10; note:
    /// ...".
    pub fn brief(&self) -> String {
        let (known, _) = self.known_and_unknown();
        let mut text = if known.is_empty() {
            "nothing known".to_string()
        } else {
            known.join(", ")
        };
        if let Some(note) = &self.note {
            text.push_str(&format!("; note: {}", one_line(note, 60)));
        }
        text
    }
}

/// When a record dated `day` was made, for an imported one that does not say: the earliest
/// instant that is `day` anywhere (its midnight at UTC+14, 14 hours before UTC's), so that it is
/// older than any record saved on that day or later in any time zone (in Tokyo a check-in saved
/// at 08:00 on the 25th was saved at 23:00 UTC on the 24th); never after `now`.
pub fn made_on(day: NaiveDate, now: DateTime<Utc>) -> DateTime<Utc> {
    let earliest = chrono::TimeDelta::hours(14);
    (day.and_time(chrono::NaiveTime::MIN).and_utc() - earliest).min(now)
}

/// "… is in the future; a check-in is for today or a past day", for a day after `today`.
fn day_not_future(day: NaiveDate, today: NaiveDate, what: &str) -> Result<(), String> {
    if day > today {
        return Err(format!(
            "{day} is in the future; {what} is for today or a past day"
        ));
    }
    Ok(())
}

/// A medication taken, from its start date to its stop date (still taken when none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Medication {
    pub id: Uuid,
    pub name: String,
    /// A class id of the catalogue (`beta-2-agonist`, `thiazide-diuretic`, ... `other`).
    pub class: String,
    pub dose: Option<String>,
    pub start: NaiveDate,
    pub stop: Option<NaiveDate>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

impl Medication {
    pub fn validate(&self) -> Result<(), Invalid> {
        use MedicationField as F;
        if self.name.trim().is_empty() {
            return Err(Invalid::new(F::Name, "a medication needs a name"));
        }
        if self.name.len() > 200 {
            return Err(Invalid::new(F::Name, "accepted: up to 200 characters"));
        }
        if catalog().medication_class(&self.class).is_none() {
            return Err(Invalid::new(F::Class, unknown_class(&self.class)));
        }
        if let Some(stop) = self.stop
            && stop < self.start
        {
            return Err(Invalid::new(
                F::Stop,
                format!("{stop} is before the start date {}", self.start),
            ));
        }
        check_note(F::Dose, &self.dose)
    }

    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.start <= day && self.stop.is_none_or(|stop| day < stop)
    }

    /// Copies onto `self` every field in which `edited` differs from `base`: what a form opened
    /// on `base` changed, put onto the medication as it is now. Returns the fields among those
    /// changed meanwhile elsewhere.
    pub fn carry_changes(&mut self, base: &Medication, edited: &Medication) -> Vec<&'static str> {
        super::carry_changes!(self, base, edited; name, class, dose, start, stop)
    }
}

pub fn unknown_class(class: &str) -> String {
    let known: Vec<&str> = catalog()
        .medication_classes
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    format!("unknown class '{class}'; accepted: {}", known.join(", "))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TestResult {
    Ok,
    Fail,
}

impl TestResult {
    pub fn parse(s: &str) -> Result<TestResult, String> {
        match s.trim().to_lowercase().as_str() {
            "ok" | "pass" => Ok(TestResult::Ok),
            "fail" | "failed" => Ok(TestResult::Fail),
            other => Err(format!("'{other}' is not a result; accepted: ok, fail")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TestResult::Ok => "ok",
            TestResult::Fail => "fail",
        }
    }
}

/// A dated self-check for the red flags: three strength tests and the symptoms present. Read
/// back without an `updated` time (an export, or an undo entry, of a myolog from before
/// self-checks were edited), it was last changed when it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "SelfCheckRecord")]
pub struct SelfCheck {
    pub id: Uuid,
    pub date: NaiveDate,
    pub heel_walk: Option<TestResult>,
    pub jar: Option<TestResult>,
    pub stairs: Option<TestResult>,
    /// Symptom ids of the catalogue that were present; the others were absent.
    pub symptoms: Vec<String>,
    pub created: DateTime<Utc>,
    /// When it was last changed (a merge keeps the copy changed last).
    pub updated: DateTime<Utc>,
}

/// A self-check as it is read: `updated` may be left out.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SelfCheckRecord {
    id: Uuid,
    date: NaiveDate,
    heel_walk: Option<TestResult>,
    jar: Option<TestResult>,
    stairs: Option<TestResult>,
    symptoms: Vec<String>,
    created: DateTime<Utc>,
    #[serde(default)]
    updated: Option<DateTime<Utc>>,
}

impl From<SelfCheckRecord> for SelfCheck {
    fn from(r: SelfCheckRecord) -> Self {
        SelfCheck {
            id: r.id,
            date: r.date,
            heel_walk: r.heel_walk,
            jar: r.jar,
            stairs: r.stairs,
            symptoms: r.symptoms,
            created: r.created,
            updated: r.updated.unwrap_or(r.created),
        }
    }
}

impl SelfCheck {
    pub fn validate(&self) -> Result<(), Invalid> {
        use SelfCheckField as F;
        let mut seen = std::collections::HashSet::new();
        for s in &self.symptoms {
            if catalog().symptom(s).is_none() {
                return Err(Invalid::new(F::Symptoms, unknown_symptom(s)));
            }
            if !seen.insert(s) {
                return Err(Invalid::new(F::Symptoms, format!("{s} is given twice")));
            }
        }
        if self.is_empty() {
            return Err(Invalid::new(
                F::Results,
                "nothing to record; give a strength test's result (ok or fail) or a symptom present",
            ));
        }
        Ok(())
    }

    /// Whether it records nothing: no test result and no symptom.
    pub fn is_empty(&self) -> bool {
        self.heel_walk.is_none()
            && self.jar.is_none()
            && self.stairs.is_none()
            && self.symptoms.is_empty()
    }

    /// Refuses a self-check for a day after `today`.
    pub fn check_not_future(&self, today: NaiveDate) -> Result<(), Invalid> {
        day_not_future(self.date, today, "a self-check")
            .map_err(|m| Invalid::new(SelfCheckField::Date, m))
    }

    /// Copies onto `self` every field in which `edited` differs from `base`: what a form opened
    /// on `base` changed, put onto the self-check as it is now. Returns the fields among those
    /// changed meanwhile elsewhere.
    pub fn carry_changes(&mut self, base: &SelfCheck, edited: &SelfCheck) -> Vec<&'static str> {
        super::carry_changes!(self, base, edited; date, heel_walk, jar, stairs, symptoms)
    }

    /// What it found, what matters first: the tests that failed and the symptoms present, then
    /// the tests passed ("stairs FAIL, tingling; heel walk ok, jar ok"); tests not done are
    /// left out.
    pub fn summary(&self) -> String {
        let tests = [
            ("heel walk", self.heel_walk),
            ("jar", self.jar),
            ("stairs", self.stairs),
        ];
        let mut found: Vec<String> = tests
            .iter()
            .filter(|(_, r)| *r == Some(TestResult::Fail))
            .map(|(name, _)| format!("{name} FAIL"))
            .collect();
        found.extend(self.symptoms.iter().cloned());
        let passed: Vec<String> = tests
            .iter()
            .filter(|(_, r)| *r == Some(TestResult::Ok))
            .map(|(name, _)| format!("{name} ok"))
            .collect();
        match (found.is_empty(), passed.is_empty()) {
            (true, true) => "nothing recorded".into(),
            (true, false) => format!("{}; no symptoms", passed.join(", ")),
            (false, true) => found.join(", "),
            (false, false) => format!("{}; {}", found.join(", "), passed.join(", ")),
        }
    }
}

pub fn unknown_symptom(name: &str) -> String {
    let known: Vec<&str> = catalog().symptoms.iter().map(|s| s.id.as_str()).collect();
    format!("unknown symptom '{name}'; accepted: {}", known.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn merging_a_checkin_keeps_what_the_newer_one_does_not_know() {
        let mut old = CheckIn {
            sleep_h: Some(7.5),
            caffeine_mg: Some(190),
            ..CheckIn::empty(day("2026-01-02"))
        };
        old.merge(&CheckIn {
            caffeine_mg: Some(400),
            stress: Some(6),
            ..CheckIn::empty(day("2026-01-02"))
        });
        assert_eq!(old.sleep_h, Some(7.5));
        assert_eq!(old.caffeine_mg, Some(400));
        assert_eq!(old.stress, Some(6));
        assert_eq!(old.water_l, None);
    }

    #[test]
    fn caffeine_as_mg_or_servings() {
        for (caffeine, mg) in [
            ("250", 250),
            ("coffee", 95),
            ("2coffee+tea", 237),
            ("2x espresso, cola", 160),
            ("energy-drink+100mg", 180),
        ] {
            assert_eq!(parse_caffeine(caffeine), Ok(mg), "{caffeine}");
        }
        assert!(
            parse_caffeine("beer")
                .unwrap_err()
                .contains("coffee, espresso")
        );
        assert!(parse_caffeine("9999").unwrap_err().contains("out of range"));
        assert!(parse_caffeine("coffee+").is_err());
    }

    #[test]
    fn checkin_ranges() {
        let c = CheckIn {
            stress: Some(11),
            ..CheckIn::empty(day("2026-01-02"))
        };
        assert_eq!(c.validate().unwrap_err().field, CheckInField::Stress.into());
        let c = CheckIn {
            sleep_h: Some(f64::NAN),
            ..CheckIn::empty(day("2026-01-02"))
        };
        assert_eq!(c.validate().unwrap_err().field, CheckInField::Sleep.into());
    }

    #[test]
    fn medication_is_active_from_start_until_stop() {
        let m = Medication {
            id: Uuid::nil(),
            name: "salbutamol".into(),
            class: "beta-2-agonist".into(),
            dose: None,
            start: day("2026-01-10"),
            stop: Some(day("2026-02-01")),
            created: Utc::now(),
            updated: Utc::now(),
        };
        assert!(m.validate().is_ok());
        assert!(!m.active_on(day("2026-01-09")));
        assert!(m.active_on(day("2026-01-10")));
        assert!(!m.active_on(day("2026-02-01")));
        let bad = Medication {
            class: "vitamin".into(),
            ..m
        };
        assert!(
            bad.validate()
                .unwrap_err()
                .message
                .contains("beta-2-agonist")
        );
    }
}
