//! Experiments (DOMAIN.md section 7): one deliberate change tried for a planned number of days,
//! compared with as many days before it. What the change is, what is counted, and when it ran.
//! The comparison itself is pure pattern code (`patterns::experiments`).

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{CheckIn, ExperimentField, Invalid};

/// What is counted on a diary day, in a factor comparison (DOMAIN.md section 5) and in an
/// experiment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The date has at least one twitch.
    TwitchDay,
    /// The date has at least one cramp.
    CrampDay,
    /// The night of the date (21:00 to 06:59 next morning) has a nocturnal cramp.
    NocturnalCrampNight,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [
        Outcome::TwitchDay,
        Outcome::CrampDay,
        Outcome::NocturnalCrampNight,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::TwitchDay => "twitch_day",
            Outcome::CrampDay => "cramp_day",
            Outcome::NocturnalCrampNight => "nocturnal_cramp_night",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::TwitchDay => "twitch day",
            Outcome::CrampDay => "cramp day",
            Outcome::NocturnalCrampNight => "night cramp",
        }
    }

    /// The outcome as counted over days: "twitch days", "cramp days", "nights with a cramp".
    pub fn counted(self) -> &'static str {
        match self {
            Outcome::TwitchDay => "twitch days",
            Outcome::CrampDay => "cramp days",
            Outcome::NocturnalCrampNight => "nights with a night cramp",
        }
    }

    /// Reads an outcome id (`twitch_day`; `twitch-day` too).
    pub fn parse(s: &str) -> Result<Outcome, String> {
        let id = s.trim().to_lowercase().replace('-', "_");
        Outcome::ALL
            .into_iter()
            .find(|o| o.as_str() == id)
            .ok_or_else(|| {
                format!(
                    "unknown outcome '{}'; accepted: twitch_day, cramp_day, nocturnal_cramp_night",
                    s.trim()
                )
            })
    }
}

super::display_as!(Outcome, as_str);

/// Caffeine under this (mg) keeps `no-caffeine`.
pub const NO_CAFFEINE_UNDER_MG: u32 = 100;
/// Caffeine under this (mg) keeps `less-caffeine`.
pub const LESS_CAFFEINE_UNDER_MG: u32 = 200;
/// Sleep of at least this (hours) keeps `sleep-7h`.
pub const SLEEP_FROM_H: f64 = 7.0;
/// Water of at least this (litres) keeps `water-2l`.
pub const WATER_FROM_L: f64 = 2.0;

/// The change an experiment tries. Whether a day kept it is read from that day's check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Change {
    #[serde(rename = "no-caffeine")]
    NoCaffeine,
    #[serde(rename = "less-caffeine")]
    LessCaffeine,
    #[serde(rename = "stretch-before-bed")]
    StretchBeforeBed,
    #[serde(rename = "magnesium")]
    Magnesium,
    #[serde(rename = "sleep-7h")]
    Sleep7h,
    #[serde(rename = "water-2l")]
    Water2l,
    #[serde(rename = "no-alcohol")]
    NoAlcohol,
    /// The user's own change: the check-in asks whether it was kept.
    #[serde(rename = "custom")]
    Custom,
}

impl Change {
    pub const ALL: [Change; 8] = [
        Change::NoCaffeine,
        Change::LessCaffeine,
        Change::StretchBeforeBed,
        Change::Magnesium,
        Change::Sleep7h,
        Change::Water2l,
        Change::NoAlcohol,
        Change::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Change::NoCaffeine => "no-caffeine",
            Change::LessCaffeine => "less-caffeine",
            Change::StretchBeforeBed => "stretch-before-bed",
            Change::Magnesium => "magnesium",
            Change::Sleep7h => "sleep-7h",
            Change::Water2l => "water-2l",
            Change::NoAlcohol => "no-alcohol",
            Change::Custom => "custom",
        }
    }

    /// The change in words, with the line a day must keep.
    pub fn label(self) -> String {
        match self {
            Change::NoCaffeine => format!("no caffeine (under {NO_CAFFEINE_UNDER_MG} mg a day)"),
            Change::LessCaffeine => {
                format!("less caffeine (under {LESS_CAFFEINE_UNDER_MG} mg a day)")
            }
            Change::StretchBeforeBed => "stretching before bed".into(),
            Change::Magnesium => "magnesium every day".into(),
            Change::Sleep7h => format!("sleep of {SLEEP_FROM_H} hours or more"),
            Change::Water2l => format!("{WATER_FROM_L} litres of water or more a day"),
            Change::NoAlcohol => "no alcohol".into(),
            Change::Custom => "a change of your own (the check-in asks whether you kept it)".into(),
        }
    }

    /// Reads a change id.
    pub fn parse(s: &str) -> Result<Change, String> {
        let id = s.trim().to_lowercase();
        Change::ALL
            .into_iter()
            .find(|c| c.as_str() == id)
            .ok_or_else(|| {
                let known: Vec<&str> = Change::ALL.iter().map(|c| c.as_str()).collect();
                format!(
                    "unknown change '{}'; accepted: {}",
                    s.trim(),
                    known.join(", ")
                )
            })
    }

    /// Whether the day of `checkin` kept the change; `None` when the check-in does not say
    /// (the field it reads is unknown).
    pub fn kept(self, c: &CheckIn) -> Option<bool> {
        match self {
            Change::NoCaffeine => c.caffeine_mg.map(|mg| mg < NO_CAFFEINE_UNDER_MG),
            Change::LessCaffeine => c.caffeine_mg.map(|mg| mg < LESS_CAFFEINE_UNDER_MG),
            Change::StretchBeforeBed => c.stretched,
            Change::Magnesium => c.magnesium,
            Change::Sleep7h => c.sleep_h.map(|h| h >= SLEEP_FROM_H),
            Change::Water2l => c.water_l.map(|l| l >= WATER_FROM_L),
            Change::NoAlcohol => c.alcohol.map(|n| n == 0),
            Change::Custom => c.experiment_kept,
        }
    }

    /// The check-in field a day's adherence is read from, in words.
    pub fn read_from(self) -> &'static str {
        match self {
            Change::NoCaffeine | Change::LessCaffeine => "caffeine",
            Change::StretchBeforeBed => "stretched before bed",
            Change::Magnesium => "magnesium",
            Change::Sleep7h => "sleep",
            Change::Water2l => "water",
            Change::NoAlcohol => "alcohol",
            Change::Custom => "kept the change",
        }
    }
}

super::display_as!(Change, as_str);

/// The shortest experiment, in days; also the fewest days with a check-in on either side for
/// a result.
pub const MIN_DAYS: u32 = 7;
/// The planned length when none is given.
pub const DEFAULT_DAYS: u32 = 14;
/// The longest experiment, in days.
pub const MAX_DAYS: u32 = 365;
/// The longest experiment name, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// An experiment: a change tried from `start` to `end` (the planned last day), unless stopped
/// earlier. The baseline is as many days just before `start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experiment {
    pub id: Uuid,
    pub name: String,
    pub change: Change,
    pub outcome: Outcome,
    /// The first day of the change.
    pub start: NaiveDate,
    /// The planned last day.
    pub end: NaiveDate,
    /// The first day without the change, when it was stopped before the planned end (the
    /// days before it count; it does not).
    pub stopped: Option<NaiveDate>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

impl Experiment {
    /// A new experiment of `days` days from `start`, made `now`; `None` when the end would be
    /// past the calendar.
    pub fn new(
        name: &str,
        change: Change,
        outcome: Outcome,
        start: NaiveDate,
        days: u32,
        now: DateTime<Utc>,
    ) -> Option<Experiment> {
        Some(Experiment {
            id: Uuid::new_v4(),
            name: name.trim().to_string(),
            change,
            outcome,
            start,
            end: start.checked_add_days(Days::new(u64::from(days.max(1) - 1)))?,
            stopped: None,
            created: now,
            updated: now,
        })
    }

    /// The planned number of days, which is also the length of the baseline.
    pub fn days(&self) -> u32 {
        u32::try_from((self.end - self.start).num_days() + 1).unwrap_or(0)
    }

    /// The first and last day of the baseline: the planned number of days just before the
    /// start.
    pub fn baseline(&self) -> (NaiveDate, NaiveDate) {
        let days = Days::new(u64::from(self.days()));
        let first = self.start.checked_sub_days(days).unwrap_or(NaiveDate::MIN);
        (first, self.start.pred_opt().unwrap_or(NaiveDate::MIN))
    }

    /// The last day of the change: the planned end, or the day before the stop. Before the
    /// start when it was stopped on its first day.
    pub fn last_day(&self) -> NaiveDate {
        match self.stopped {
            Some(stop) => stop.pred_opt().unwrap_or(NaiveDate::MIN).min(self.end),
            None => self.end,
        }
    }

    /// Whether `day` is one of its days.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.last_day()
    }

    /// Whether its days and `other`'s have a day in common.
    pub fn overlaps(&self, other: &Experiment) -> bool {
        self.start <= other.last_day() && other.start <= self.last_day()
    }

    /// "day 5 of 14" while `today` is one of its days.
    pub fn day_of(&self, today: NaiveDate) -> Option<(u32, u32)> {
        self.covers(today).then(|| {
            let n = u32::try_from((today - self.start).num_days() + 1).unwrap_or(0);
            (n, self.days())
        })
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        use ExperimentField as F;
        let name = self.name.trim();
        if name.is_empty() {
            return Err(Invalid::new(F::Name, "an experiment needs a name"));
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(Invalid::new(
                F::Name,
                format!("accepted: up to {MAX_NAME_CHARS} characters"),
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(Invalid::new(
                F::Name,
                "accepted: a name on one line, without control characters",
            ));
        }
        let days = (self.end - self.start).num_days() + 1;
        if !(i64::from(MIN_DAYS)..=i64::from(MAX_DAYS)).contains(&days) {
            return Err(Invalid::new(
                F::Days,
                format!(
                    "{days} is out of range; accepted: {MIN_DAYS} to {MAX_DAYS} days (fewer than {MIN_DAYS} cannot tell a change from chance)"
                ),
            ));
        }
        if let Some(stop) = self.stopped
            && !(self.start <= stop && stop <= self.end)
        {
            return Err(Invalid::new(
                F::Stopped,
                format!(
                    "{stop} is outside the experiment; accepted: a day from its start {} to its planned end {}",
                    self.start, self.end
                ),
            ));
        }
        Ok(())
    }

    /// Refuses a start after `today`.
    pub fn check_not_future(&self, today: NaiveDate) -> Result<(), Invalid> {
        if self.start > today {
            return Err(Invalid::new(
                ExperimentField::Start,
                format!(
                    "{} is in the future; an experiment starts today or on a past day",
                    self.start
                ),
            ));
        }
        Ok(())
    }
}

/// The experiment whose days include `today`; the latest started when an import brought in
/// two that overlap.
pub fn running(experiments: &[Experiment], today: NaiveDate) -> Option<&Experiment> {
    experiments
        .iter()
        .filter(|e| e.covers(today))
        .max_by_key(|e| (e.start, e.created))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn experiment(start: &str, days: u32) -> Experiment {
        let now = DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
            .unwrap()
            .to_utc();
        Experiment::new(
            "caffeine cut",
            Change::NoCaffeine,
            Outcome::TwitchDay,
            day(start),
            days,
            now,
        )
        .unwrap()
    }

    #[test]
    fn its_days_its_baseline_and_a_stop() {
        let mut e = experiment("2026-11-10", 14);
        assert_eq!(e.end, day("2026-11-23"));
        assert_eq!(e.days(), 14);
        assert_eq!(e.baseline(), (day("2026-10-27"), day("2026-11-09")));
        assert_eq!(e.day_of(day("2026-11-14")), Some((5, 14)));
        assert_eq!(e.day_of(day("2026-11-24")), None);
        e.stopped = Some(day("2026-11-15"));
        assert_eq!(e.last_day(), day("2026-11-14"));
        assert!(e.covers(day("2026-11-14")) && !e.covers(day("2026-11-15")));
        assert!(e.validate().is_ok());
        e.stopped = Some(day("2026-11-09"));
        assert_eq!(
            e.validate().unwrap_err().field,
            ExperimentField::Stopped.into()
        );
    }

    #[test]
    fn fewer_than_seven_days_or_a_blank_name_are_refused() {
        let short = experiment("2026-11-10", 6);
        assert_eq!(
            short.validate().unwrap_err().field,
            ExperimentField::Days.into()
        );
        assert!(experiment("2026-11-10", 7).validate().is_ok());
        let blank = Experiment {
            name: "  ".into(),
            ..experiment("2026-11-10", 14)
        };
        assert_eq!(
            blank.validate().unwrap_err().field,
            ExperimentField::Name.into()
        );
    }

    #[test]
    fn adherence_is_read_from_the_field_of_the_change() {
        let c = CheckIn {
            caffeine_mg: Some(150),
            sleep_h: Some(7.0),
            ..CheckIn::empty(day("2026-11-10"))
        };
        assert_eq!(Change::NoCaffeine.kept(&c), Some(false));
        assert_eq!(Change::LessCaffeine.kept(&c), Some(true));
        assert_eq!(Change::Sleep7h.kept(&c), Some(true));
        assert_eq!(Change::Water2l.kept(&c), None);
        assert_eq!(Change::Custom.kept(&c), None);
        assert!(
            Change::parse("sleep-8h")
                .unwrap_err()
                .contains("no-caffeine")
        );
        assert_eq!(Outcome::parse("cramp-day"), Ok(Outcome::CrampDay));
    }
}
