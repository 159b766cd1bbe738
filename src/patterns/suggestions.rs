//! The triggers a day's check-in points at, which the log form offers first. The thresholds are
//! the engine's settings, so a user who changes them in the config gets suggestions that agree
//! with the flags: caffeine, poor sleep and stress are the obvious triggers of
//! `twitch_persistent` (DOMAIN.md section 4), alcohol, exercise and water the exposures of the
//! factors of section 5.

use super::{FACTORS, Settings};
use crate::domain::CheckIn;

/// A suggested trigger and the reading of the check-in behind it ("caffeine 420 mg").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub trigger: String,
    pub reason: String,
}

/// The obvious triggers a check-in shows on its own (its day's twitches may be tagged with
/// them too): the check-in half of DOMAIN.md's "obvious trigger".
pub fn obvious_in_checkin(c: &CheckIn, s: &Settings) -> Vec<Suggestion> {
    let mut out = Vec::new();
    if let Some(mg) = c.caffeine_mg.filter(|mg| *mg >= s.obvious_caffeine_mg) {
        out.push(suggestion("caffeine", format!("caffeine {mg} mg")));
    }
    if let Some(h) = c.sleep_h.filter(|h| *h < s.obvious_sleep_under_h) {
        out.push(suggestion("poor-sleep", format!("sleep {h} h")));
    }
    if let Some(level) = c.stress.filter(|v| *v >= s.obvious_stress) {
        out.push(suggestion("stress", format!("stress {level}/10")));
    }
    out
}

/// Every trigger a check-in points at, obvious ones first, each with its reading.
pub fn suggested_triggers(c: &CheckIn, s: &Settings) -> Vec<Suggestion> {
    let mut out = obvious_in_checkin(c, s);
    let exposed = |factor: &str| {
        FACTORS
            .iter()
            .find(|f| f.id == factor)
            .and_then(|f| (f.exposed)(c, s))
            .unwrap_or(false)
    };
    if let Some(n) = c.alcohol.filter(|_| exposed("alcohol")) {
        out.push(suggestion("alcohol", format!("{n} drinks")));
    }
    if let Some(m) = c.exercise_min.filter(|_| exposed("long_exercise")) {
        out.push(suggestion("exercise", format!("exercise {m} min")));
    }
    if let Some(l) = c.water_l.filter(|_| exposed("low_water")) {
        out.push(suggestion("dehydration", format!("water {l} l")));
    }
    out
}

fn suggestion(trigger: &str, reason: String) -> Suggestion {
    Suggestion {
        trigger: trigger.to_string(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn triggers(c: &CheckIn, s: &Settings) -> Vec<String> {
        suggested_triggers(c, s)
            .into_iter()
            .map(|t| t.trigger)
            .collect()
    }

    #[test]
    fn suggestions_follow_the_settings_the_flags_use() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let c = CheckIn {
            caffeine_mg: Some(350),
            sleep_h: Some(6.5),
            stress: Some(7),
            alcohol: Some(1),
            exercise_min: Some(45),
            water_l: Some(1.4),
            ..CheckIn::empty(day)
        };
        let defaults = Settings::default();
        assert_eq!(
            triggers(&c, &defaults),
            ["stress", "alcohol", "dehydration"]
        );
        let stricter = Settings {
            obvious_caffeine_mg: 300,
            obvious_sleep_under_h: 7.0,
            obvious_stress: 8,
            long_exercise_from_min: 30,
            low_water_under_l: 1.0,
            ..Settings::default()
        };
        assert_eq!(
            triggers(&c, &stricter),
            ["caffeine", "poor-sleep", "alcohol", "exercise"]
        );
        assert_eq!(
            suggested_triggers(&c, &stricter)[0].reason,
            "caffeine 350 mg"
        );
    }
}
