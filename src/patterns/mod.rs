//! The pattern engine: pure functions of (a diary slice, the settings, the as-of date) that
//! return the flags of DOMAIN.md section 4, the trigger statistics of section 5 and the tallies
//! of suspected triggers. No SQL, no terminal, no clock of its own.
//!
//! What "active" means for each rule (DOMAIN.md leaves it open):
//! - `twitch_persistent`: the latest qualifying spell is unbroken on the as-of date (its last
//!   twitch day is at most `spell_max_gap_days` before it), so it may still be going on.
//! - `medication_onset`: the medicine is still taken on the as-of date.
//! - self-check red flags: the latest self-check on or before the as-of date still reports the
//!   symptom or the failed test (a later self-check without it ends it), and it is at most
//!   `active_within_days` old. `red_flag_bulbar` is also active after a tongue or throat twitch
//!   in that time.
//! - every other rule: its latest entry (cramp, night, window end) is at most
//!   `active_within_days` before the as-of date.
//!
//! Each rule gives at most one flag (`medication_onset` one per medicine). `first_met` is the
//! first date the rule was met in the period; the evidence describes the latest time it was met
//! (for spells and windows) or every entry behind it (for single entries such as a long cramp),
//! and `occurrences` says how many times it was met.

pub mod banner;
mod calendar;
pub mod charts;
mod cramps;
mod factors;
mod medication;
mod persistence;
mod red_flags;
mod rules;
mod settings;
mod spread;
pub mod suggestions;
mod tallies;
pub mod wording;

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::DiarySlice;
use calendar::Calendar;

pub use factors::{FACTORS, Factor, FactorRow, Outcome, RatioInterval, Table, factor_label};
pub use red_flags::{self_check_advice, self_check_level};
pub use rules::{Level, RuleId};
pub use settings::{SECTION, SettingInfo, Settings};
pub use tallies::Tally;

/// The one line that goes with every view of the patterns.
pub const NOT_ADVICE: &str = "myolog shows what you logged and the guidance it meets, with its source; it does not diagnose and is not medical advice.";

/// What the engine found as of a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Findings {
    pub as_of: NaiveDate,
    /// Most serious first (urgent, see_doctor, notice), then by the date first met.
    pub flags: Vec<Flag>,
    /// One row per factor and outcome of DOMAIN.md section 5, in its order.
    pub factors: Vec<FactorRow>,
    /// Suspected triggers tagged on episodes, most often tagged first.
    pub tallies: Vec<Tally>,
}

impl Findings {
    /// The flags still active on the as-of date.
    pub fn active_flags(&self) -> impl Iterator<Item = &Flag> {
        self.flags.iter().filter(|f| f.active)
    }

    /// The most serious level among the flags, if any fired.
    pub fn worst_level(&self) -> Option<Level> {
        self.flags.iter().map(|f| f.level).min()
    }
}

/// A rule that fired, with everything behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    pub id: RuleId,
    pub level: Level,
    pub title: String,
    /// One line on why it fired, naming the entries.
    pub detail: String,
    pub first_met: NaiveDate,
    pub active: bool,
    pub evidence: Evidence,
    /// The guidance wording the rule comes from, with its source.
    pub guidance: String,
}

impl Flag {
    fn new(
        id: RuleId,
        level: Level,
        detail: String,
        first_met: NaiveDate,
        active: bool,
        evidence: Evidence,
    ) -> Flag {
        Flag {
            id,
            level,
            title: id.title().to_string(),
            detail,
            first_met,
            active,
            evidence,
            guidance: id.guidance().to_string(),
        }
    }
}

/// The entries behind a flag. `dates` and `episode_ids` are always present; the rest only for
/// the rules they belong to.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Evidence {
    /// The dates behind the flag, oldest first (for nights: the evening's date).
    pub dates: Vec<NaiveDate>,
    /// The episodes behind it; for day-based rules, the first counting episode of each day.
    pub episode_ids: Vec<Uuid>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub self_check_ids: Vec<Uuid>,
    /// How many times the rule was met in the period (spells, windows, cramps, self-checks).
    pub occurrences: u32,
    /// The latest date behind the flag.
    pub last_seen: Option<NaiveDate>,

    /// `twitch_persistent`: the spell's first and last twitch day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spell_first: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spell_last: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub twitch_days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obvious_trigger_days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obvious_trigger_share: Option<f64>,

    /// Window rules: the window's first and last day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_start: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_end: Option<NaiveDate>,
    /// Spread rules: the body groups seen in the window.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,

    /// Self-check rules: the symptoms and failed tests reported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub symptoms: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed_tests: Vec<String>,
    /// `red_flag_bulbar`: the twitch sites that raised it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sites: Vec<String>,

    /// `cramp_over_10_min`: the longest cramp, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub longest_s: Option<u32>,
    /// `cramp_sore_for_days`: the most days sore.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub most_sore_days: Option<u16>,

    /// `medication_onset`: the medicine and the two counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub medication: Option<MedicationEvidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MedicationEvidence {
    pub id: Uuid,
    pub name: String,
    pub class: String,
    pub start: NaiveDate,
    pub stop: Option<NaiveDate>,
    pub window_days: u32,
    /// Episodes in the window before the start.
    pub episodes_before: u32,
    /// Episodes in the window from the start (up to the as-of date).
    pub episodes_after: u32,
    /// What ties the class to cramps or twitches (the catalogue's evidence).
    pub class_evidence: String,
}

/// Evaluates every rule, factor and tally on the diary as it stood on `as_of` (entries after
/// it are ignored).
/// [`evaluate`] for a period that starts on `since` (`None`: the whole diary), the entries
/// loaded from that day on. `medication_onset` compares the days before a medicine's start with
/// the days after: when the period does not reach back over the whole window before the start,
/// that count would be cut short and the flag could fire on nothing, so it is left to a period
/// that holds the window (the whole diary; Today's banner reads the window whatever it is).
pub fn evaluate_period(
    diary: &DiarySlice,
    settings: &Settings,
    since: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Findings {
    let mut findings = evaluate(diary, settings, as_of);
    if let Some(since) = since {
        findings.flags.retain(|f| {
            f.evidence.medication.as_ref().is_none_or(|m| {
                m.start
                    .checked_sub_days(chrono::Days::new(u64::from(m.window_days)))
                    .is_some_and(|before_from| before_from >= since)
            })
        });
    }
    findings
}

pub fn evaluate(diary: &DiarySlice, settings: &Settings, as_of: NaiveDate) -> Findings {
    let calendar = Calendar::new(diary, as_of);
    let mut flags = Vec::new();
    flags.extend(persistence::twitch_persistent(&calendar, settings));
    flags.extend(spread::twitch_spread(&calendar, settings));
    flags.extend(red_flags::red_flags(&calendar, settings));
    flags.extend(cramps::cramp_flags(&calendar, settings));
    flags.extend(medication::medication_onset(&calendar, settings));
    flags.sort_by(|a, b| {
        (a.level, a.first_met, a.id, &a.detail).cmp(&(b.level, b.first_met, b.id, &b.detail))
    });
    Findings {
        as_of,
        flags,
        factors: factors::factors(&calendar, settings),
        tallies: tallies::tallies(&calendar),
    }
}

/// Sorted, de-duplicated dates.
fn sorted_dates(mut dates: Vec<NaiveDate>) -> Vec<NaiveDate> {
    dates.sort_unstable();
    dates.dedup();
    dates
}

/// "1 day", "3 days".
fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}
