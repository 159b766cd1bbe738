//! Every number of DOMAIN.md sections 4 and 5, with its default, read from the `[patterns]`
//! section of `config.toml`. One list below defines the fields, their defaults and their help,
//! so `myolog config` can never drift from what the engine uses.

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::domain::InputError;

/// The config file section these settings live in.
pub const SECTION: &str = "patterns";

/// One setting as `myolog config` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SettingInfo {
    pub key: &'static str,
    pub value: String,
    pub default: String,
    pub help: &'static str,
}

macro_rules! settings {
    ($( $(#[doc = $doc:literal])+ $key:ident: $ty:ty = $default:expr, )+) => {
        /// The thresholds and windows of the pattern rules and trigger statistics. `Default` is
        /// DOMAIN.md; `config.toml` `[patterns]` may change any of them.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct Settings {
            $( $(#[doc = $doc])+ pub $key: $ty, )+
        }

        impl Default for Settings {
            fn default() -> Self {
                Settings { $( $key: $default, )+ }
            }
        }

        impl Settings {
            /// Every setting in order, with its value here and its default.
            pub fn describe(&self) -> Vec<SettingInfo> {
                let defaults = Settings::default();
                vec![$(
                    SettingInfo {
                        key: stringify!($key),
                        value: self.$key.to_string(),
                        default: defaults.$key.to_string(),
                        help: concat!($($doc),+).trim_start(),
                    },
                )+]
            }
        }
    };
}

settings! {
    /// A twitch day at most this many days after the previous one continues a twitching spell.
    spell_max_gap_days: u32 = 3,
    /// twitch_persistent: a spell whose last day minus first day is at least this many days.
    persistent_min_span_days: u32 = 14,
    /// twitch_persistent is see_doctor when fewer than this share of the spell's twitch days
    /// had an obvious trigger, else notice.
    obvious_trigger_share: f64 = 0.5,
    /// Obvious trigger: that day's check-in has at least this much caffeine (mg).
    obvious_caffeine_mg: u32 = 400,
    /// Obvious trigger: that day's check-in has stress at least this (0-10).
    obvious_stress: u8 = 7,
    /// Obvious trigger: that day's check-in has sleep under this many hours.
    obvious_sleep_under_h: f64 = 6.0,
    /// twitch_widespread and twitch_multiple_places look at any window of this many days.
    spread_window_days: u32 = 7,
    /// twitch_widespread: twitches in at least this many body groups in one window.
    widespread_min_groups: u32 = 3,
    /// twitch_multiple_places: twitches in at least this many body groups in one window.
    multiple_places_min_groups: u32 = 2,
    /// cramp_over_10_min: a cramp lasting more than this many seconds.
    long_cramp_over_s: u32 = 600,
    /// cramp_sore_for_days: a cramp that left the muscle sore at least this many days.
    sore_min_days: u16 = 2,
    /// nocturnal_cramps_frequent: nocturnal cramps on at least this many nights in one window.
    nocturnal_min_nights: u32 = 3,
    /// nocturnal_cramps_frequent looks at any window of this many nights.
    nocturnal_window_days: u32 = 7,
    /// medication_onset compares this many days from the start date with as many before it.
    medication_window_days: u32 = 28,
    /// medication_onset: at least this many episodes in the days after the start.
    medication_min_episodes: u32 = 3,
    /// medication_onset: at least this many times the episode count of the days before.
    medication_ratio: f64 = 2.0,
    /// A flag is active when its latest entry is at most this many days before the as-of date
    /// (a twitching spell: while it is unbroken; medication_onset: while the medicine is taken;
    /// a self-check red flag or sensory_symptoms: until a later self-check no longer reports it).
    active_within_days: u32 = 28,
    /// Factor caffeine_high: caffeine at least this many mg.
    caffeine_high_mg: u32 = 400,
    /// Factor short_sleep: sleep the night before under this many hours.
    short_sleep_under_h: f64 = 6.0,
    /// Factor high_stress: stress at least this (0-10).
    high_stress_from: u8 = 7,
    /// Factor alcohol: at least this many drinks.
    alcohol_from_drinks: u32 = 1,
    /// Factor long_exercise: at least this many minutes of exercise.
    long_exercise_from_min: u32 = 60,
    /// Factor low_water: under this many litres of water.
    low_water_under_l: f64 = 1.5,
    /// A factor row has enough data with at least this many exposed and as many unexposed days.
    enough_data_days: u32 = 5,
    /// The confidence level of the interval for each risk ratio.
    confidence: f64 = 0.95,
    /// Added to every cell of a factor's 2x2 table when one cell is zero.
    zero_cell_correction: f64 = 0.5,
}

impl Settings {
    /// The `[patterns]` section of `config`, checked; no section means every default.
    pub fn from_config(config: &Config) -> Result<Settings, InputError> {
        let settings: Settings = config.section(SECTION)?;
        settings.validate().map_err(|(key, message)| {
            let field = match &config.path {
                Some(p) => format!("{} [{SECTION}] {key}", p.display()),
                None => format!("config [{SECTION}] {key}"),
            };
            InputError::new(field, message)
        })?;
        Ok(settings)
    }

    /// The settings of the config file at its usual place.
    pub fn load() -> Result<Settings, InputError> {
        Settings::from_config(&Config::load()?)
    }

    /// Refuses values no rule can work with, naming the key.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        let at_least_one = [
            ("spread_window_days", self.spread_window_days),
            ("widespread_min_groups", self.widespread_min_groups),
            (
                "multiple_places_min_groups",
                self.multiple_places_min_groups,
            ),
            ("nocturnal_min_nights", self.nocturnal_min_nights),
            ("nocturnal_window_days", self.nocturnal_window_days),
            ("medication_window_days", self.medication_window_days),
        ];
        for (key, v) in at_least_one {
            if v == 0 {
                return Err((key, "is 0; accepted: a whole number from 1".into()));
            }
        }
        let non_negative = [
            ("obvious_sleep_under_h", self.obvious_sleep_under_h),
            ("medication_ratio", self.medication_ratio),
            ("short_sleep_under_h", self.short_sleep_under_h),
            ("low_water_under_l", self.low_water_under_l),
        ];
        for (key, v) in non_negative {
            if !(v.is_finite() && v >= 0.0) {
                return Err((key, format!("is {v}; accepted: a number from 0")));
            }
        }
        if !(0.0..=1.0).contains(&self.obvious_trigger_share) {
            return Err((
                "obvious_trigger_share",
                format!(
                    "is {}; accepted: a share from 0 to 1",
                    self.obvious_trigger_share
                ),
            ));
        }
        if !(self.confidence > 0.0 && self.confidence < 1.0) {
            return Err((
                "confidence",
                format!(
                    "is {}; accepted: a level between 0 and 1, such as 0.95",
                    self.confidence
                ),
            ));
        }
        if !(self.zero_cell_correction > 0.0 && self.zero_cell_correction <= 10.0) {
            return Err((
                "zero_cell_correction",
                format!(
                    "is {}; accepted: a number above 0 and up to 10",
                    self.zero_cell_correction
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_domain_numbers() {
        let s = Settings::default();
        assert_eq!(s.persistent_min_span_days, 14);
        assert_eq!(s.spell_max_gap_days, 3);
        assert_eq!(s.long_cramp_over_s, 600);
        assert_eq!(s.medication_window_days, 28);
        assert_eq!(s.confidence, 0.95);
        assert!(s.validate().is_ok());
    }

    #[test]
    fn every_field_is_described_and_read_from_the_file() {
        let described = Settings::default().describe();
        let serialized = toml::Table::try_from(Settings::default()).unwrap();
        assert_eq!(described.len(), serialized.len());
        for info in &described {
            assert!(serialized.contains_key(info.key), "{}", info.key);
            assert!(!info.help.is_empty(), "{}", info.key);
        }
        let config = Config::parse(
            "[patterns]\npersistent_min_span_days = 21\nconfidence = 0.9\n",
            None,
        )
        .unwrap();
        let s = Settings::from_config(&config).unwrap();
        assert_eq!(s.persistent_min_span_days, 21);
        assert_eq!(s.confidence, 0.9);
        assert_eq!(s.spell_max_gap_days, 3);
    }

    #[test]
    fn misspelt_or_impossible_values_are_refused() {
        let bad = Config::parse("[patterns]\npersistent_days = 21\n", None).unwrap();
        assert!(
            Settings::from_config(&bad)
                .unwrap_err()
                .message
                .contains("persistent_days")
        );
        let bad = Config::parse("[patterns]\nconfidence = 1.5\n", None).unwrap();
        let err = Settings::from_config(&bad).unwrap_err();
        assert!(err.field.ends_with("confidence"), "{}", err.field);
        let bad = Config::parse("[patterns]\nspread_window_days = 0\n", None).unwrap();
        assert!(Settings::from_config(&bad).is_err());
    }
}
