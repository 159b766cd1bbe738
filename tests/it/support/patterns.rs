//! Small builders for pattern tests: a diary made day by day, evaluated with the default
//! settings unless a test says otherwise.
#![allow(dead_code)]

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Utc};
use myolog::domain::{
    CheckIn, DiarySlice, Episode, Kind, Medication, SelfCheck, SiteRef, TestResult,
};
use myolog::patterns::{Findings, Flag, Level, Settings, evaluate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// `start` plus `n` days.
pub fn plus(start: &str, n: u64) -> NaiveDate {
    day(start) + Days::new(n)
}

pub fn at(date: NaiveDate, hh_mm: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{date}T{hh_mm}:00+00:00")).unwrap()
}

fn site(spec: &str) -> SiteRef {
    SiteRef::parse(spec).unwrap()
}

fn stamp() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// A diary built entry by entry.
#[derive(Debug, Clone, Default)]
pub struct Diary {
    pub slice: DiarySlice,
}

impl Diary {
    pub fn new() -> Self {
        Diary::default()
    }

    pub fn episode(mut self, e: Episode) -> Self {
        e.validate().unwrap();
        self.slice.episodes.push(e);
        self.slice.episodes.sort_by_key(|e| e.start);
        self
    }

    /// A twitch at 10:00 on `date` at these sites.
    pub fn twitch(self, date: NaiveDate, sites: &[&str]) -> Self {
        self.twitch_with(date, sites, &[])
    }

    /// A twitch at 10:00 on `date`, tagged with `triggers`.
    pub fn twitch_with(self, date: NaiveDate, sites: &[&str], triggers: &[&str]) -> Self {
        let mut e = twitch(date, sites);
        e.triggers = triggers.iter().map(|t| t.to_string()).collect();
        self.episode(e)
    }

    /// A twitch on each of `dates` at calf.
    pub fn twitch_days(self, dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        dates
            .into_iter()
            .fold(self, |d, date| d.twitch(date, &["calf:left"]))
    }

    /// A cramp at `hh_mm` on `date` at calf.
    pub fn cramp(self, date: NaiveDate, hh_mm: &str) -> Self {
        self.episode(cramp(date, hh_mm))
    }

    pub fn checkin(mut self, c: CheckIn) -> Self {
        c.validate().unwrap();
        self.slice.checkins.retain(|k| k.date != c.date);
        self.slice.checkins.push(c);
        self.slice.checkins.sort_by_key(|c| c.date);
        self
    }

    pub fn medication(mut self, class: &str, start: NaiveDate, stop: Option<NaiveDate>) -> Self {
        let m = Medication {
            id: Uuid::new_v4(),
            name: format!("a {class}"),
            class: class.into(),
            dose: None,
            start,
            stop,
            created: stamp(),
            updated: stamp(),
        };
        m.validate().unwrap();
        self.slice.medications.push(m);
        self
    }

    pub fn self_check(mut self, c: SelfCheck) -> Self {
        c.validate().unwrap();
        self.slice.self_checks.push(c);
        self.slice.self_checks.sort_by_key(|c| c.date);
        self
    }

    /// A self-check on `date` reporting `symptoms`.
    pub fn symptoms(self, date: NaiveDate, symptoms: &[&str]) -> Self {
        let mut c = self_check(date);
        c.symptoms = symptoms.iter().map(|s| s.to_string()).collect();
        self.self_check(c)
    }

    pub fn evaluate(&self, as_of: NaiveDate) -> Findings {
        evaluate(&self.slice, &Settings::default(), as_of)
    }
}

pub fn twitch(date: NaiveDate, sites: &[&str]) -> Episode {
    Episode::new(
        Kind::Twitch,
        at(date, "10:00"),
        sites.iter().map(|s| site(s)).collect(),
        stamp(),
    )
}

pub fn cramp(date: NaiveDate, hh_mm: &str) -> Episode {
    Episode::new(
        Kind::Cramp,
        at(date, hh_mm),
        vec![site("calf:right")],
        stamp(),
    )
}

/// A self-check on `date` with every strength test passed and no symptom.
pub fn self_check(date: NaiveDate) -> SelfCheck {
    SelfCheck {
        id: Uuid::new_v4(),
        date,
        heel_walk: Some(TestResult::Ok),
        jar: Some(TestResult::Ok),
        stairs: Some(TestResult::Ok),
        symptoms: Vec::new(),
        created: stamp(),
        updated: stamp(),
    }
}

pub fn checkin(date: NaiveDate) -> CheckIn {
    CheckIn::empty(date)
}

/// The flag with this DOMAIN.md id, if it fired.
pub fn flag<'a>(f: &'a Findings, id: &str) -> Option<&'a Flag> {
    f.flags.iter().find(|x| x.id.as_str() == id)
}

pub fn fired(f: &Findings, id: &str) -> bool {
    flag(f, id).is_some()
}

pub fn level(f: &Findings, id: &str) -> Option<Level> {
    flag(f, id).map(|x| x.level)
}

pub fn ids(f: &Findings) -> Vec<&'static str> {
    f.flags.iter().map(|x| x.id.as_str()).collect()
}

/// 60 diary days of pure noise: every check-in field, twitch and cramp drawn independently of
/// each other from `seed`; no effect is planted anywhere.
pub fn noise_diary(seed: u64) -> Diary {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut d = Diary::new();
    for i in 0..60u64 {
        let date = day("2026-01-01") + chrono::Days::new(i);
        d = d.checkin(CheckIn {
            caffeine_mg: Some(if rng.random_bool(0.4) { 450 } else { 150 }),
            sleep_h: Some(if rng.random_bool(0.4) { 5.5 } else { 7.5 }),
            stress: Some(if rng.random_bool(0.4) { 8 } else { 3 }),
            alcohol: Some(u32::from(rng.random_bool(0.4))),
            exercise_min: Some(if rng.random_bool(0.4) { 75 } else { 20 }),
            water_l: Some(if rng.random_bool(0.4) { 1.0 } else { 2.0 }),
            magnesium: Some(rng.random_bool(0.5)),
            stretched: Some(rng.random_bool(0.5)),
            ..checkin(date)
        });
        if rng.random_bool(0.4) {
            d = d.twitch(date, &["eyelid:left"]);
        }
        if rng.random_bool(0.3) {
            d = d.cramp(date, "15:00");
        }
        if rng.random_bool(0.2) {
            d = d.cramp(date, "23:30");
        }
    }
    d
}
