//! The pattern engine: pure functions of (a diary slice, the settings, the as-of date) that
//! return the flags of DOMAIN.md section 4, the trigger statistics of section 5 and the tallies
//! of suspected triggers. No SQL, no terminal, no clock of its own.
//!
//! Each rule gives at most one flag (`medication_onset` one per medicine), built from every
//! [`Occurrence`] of the rule in the period: a spell, a run of overlapping windows, a cramp, a
//! run of self-checks that reported it, the days after a medicine's start. Then:
//! - `level` is the most serious level any occurrence reached (a later, milder one never
//!   lowers it);
//! - `first_met` is the first as-of date on which the rule holds: evaluated as of that date the
//!   flag shows, as of the day before it does not (every rule only ever gains occurrences as
//!   the as-of date moves on, so this is the earliest occurrence's `met`);
//! - `last_seen` is the date of the latest entry behind the flag;
//! - `active` (DOMAIN.md section 4): a twitching spell while unbroken (its last twitch day at
//!   most `spell_max_gap_days` back); a self-check red flag or `sensory_symptoms` until a later
//!   self-check no longer reports it (time alone never clears it); `medication_onset` while the
//!   medicine is taken; every other rule while `last_seen` is at most `active_within_days` back.
//!
//! The evidence lists every occurrence, latest first; its other fields describe the latest
//! time the rule was met (spells and windows) or every entry behind it (single entries such as
//! a long cramp, and self-checks).

pub mod banner;
mod calendar;
pub mod charts;
mod cramps;
pub mod experiments;
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
use crate::domain::summary::{DayEpisodes, LeanEpisode, SummarySlice, lean_episodes_on};
use calendar::Calendar;
pub use calendar::wanted;

pub use factors::{
    FACTORS, Factor, FactorRow, Notable, Outcome, RatioInterval, STANDS_OUT_BELOW_Q, Standing,
    Table, chance_note, comparisons, factor_label, notable, q_words, reading,
};
pub use medication::days_covered_before;
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
    /// Active flags first, then most serious first (urgent, see_doctor, notice), then by the
    /// date first met.
    pub flags: Vec<Flag>,
    /// One row per factor and outcome of DOMAIN.md section 5, in its order, then the next-day
    /// rows (`lag_days` 1).
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
    /// The first as-of date on which the rule holds.
    pub first_met: NaiveDate,
    /// The date of the latest entry behind the flag.
    pub last_seen: NaiveDate,
    pub active: bool,
    pub evidence: Evidence,
    /// The guidance wording the rule comes from, with its source.
    pub guidance: String,
}

impl Flag {
    /// The flag of a rule met by `occurrences` (any order; none: no flag). Its level, dates and
    /// activity come from them; `detail` is the latest occurrence's, with the one that set the
    /// level when that is an earlier one.
    fn from_occurrences(
        id: RuleId,
        mut occurrences: Vec<Occurrence>,
        evidence: Evidence,
    ) -> Option<Flag> {
        occurrences.sort_by_key(|o| std::cmp::Reverse((o.last, o.met, o.first)));
        let latest = occurrences.first()?;
        let level = occurrences.iter().map(|o| o.level).min()?;
        let first_met = occurrences.iter().map(|o| o.met).min()?;
        let last_seen = latest.last;
        let active = occurrences.iter().any(|o| o.active);
        let mut detail = latest.detail.clone();
        if let Some(serious) = occurrences
            .iter()
            .find(|o| o.level == level)
            .filter(|_| latest.level != level)
        {
            detail.push_str(&format!(
                " Earlier, {} to {} ({}): {}",
                serious.first,
                serious.last,
                serious.level.label(),
                serious.detail
            ));
        }
        if occurrences.len() > 1 {
            detail.push_str(&format!(
                " Met {} times; the evidence lists each.",
                occurrences.len()
            ));
        }
        Some(Flag {
            id,
            level,
            title: id.title().to_string(),
            detail,
            first_met,
            last_seen,
            active,
            evidence: Evidence {
                occurrences,
                ..evidence
            },
            guidance: id.guidance().to_string(),
        })
    }
}

impl Flag {
    /// The flag as the period from `since` sees it: the occurrences met or seen in the period,
    /// still active at its end, cleared in it, or in force on its first day (`in_force`: the
    /// first and met dates of the occurrences active then, each medicine or spell its own).
    /// Its level and dates come from those; a line says how often it was met before. `None`
    /// when no occurrence belongs to the period. Its first-met date stays the rule's first
    /// over the whole diary: a report of one month still says since when.
    fn within(self, since: NaiveDate, in_force: &[(NaiveDate, NaiveDate)]) -> Option<Flag> {
        let Flag {
            id, mut evidence, ..
        } = self;
        let all = std::mem::take(&mut evidence.occurrences);
        // "Since when" is the rule's own first day (DOMAIN.md section 4), whatever the period.
        let first_met = all.iter().map(|o| o.met).min();
        let (kept, before): (Vec<Occurrence>, Vec<Occurrence>) = all.into_iter().partition(|o| {
            o.last >= since
                || o.active
                || o.cleared.is_some_and(|c| c >= since)
                || in_force.contains(&(o.first, o.met))
        });
        // Evidence of every occurrence is gathered again from those kept; evidence of the
        // latest stays, as the latest is kept.
        if !before.is_empty() && id.gathers_every_occurrence() {
            evidence.regather(&kept);
        }
        evidence.met_before_period = u32::try_from(before.len()).unwrap_or(u32::MAX);
        let mut flag = Flag::from_occurrences(id, kept, evidence)?;
        flag.first_met = first_met.map_or(flag.first_met, |f| f.min(flag.first_met));
        if let (Some(first), Some(worst)) = (
            before.iter().map(|o| o.met).min(),
            before.iter().map(|o| o.level).min(),
        ) {
            flag.detail.push_str(&format!(
                " Before this period it was met {}, first on {first} (at most {}); `myolog patterns` shows the whole diary.",
                plural(before.len() as u32, "more time", "more times"),
                worst.label(),
            ));
        }
        Some(flag)
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Evidence {
    /// The entries of `kept` alone, for a rule whose evidence gathers every occurrence's: their
    /// dates, episodes and self-checks, what they reported (in the order the rule listed it),
    /// the longest cramp and the most days sore among them.
    fn regather(&mut self, kept: &[Occurrence]) {
        self.dates = sorted_dates(kept.iter().flat_map(|o| o.dates.iter().copied()).collect());
        self.episode_ids = kept
            .iter()
            .flat_map(|o| o.episode_ids.iter().copied())
            .collect();
        self.self_check_ids = kept
            .iter()
            .flat_map(|o| o.self_check_ids.iter().copied())
            .collect();
        let keep = |list: &mut Vec<String>, of: fn(&Reported) -> &Vec<String>| {
            list.retain(|x| kept.iter().any(|o| of(&o.reported).contains(x)));
        };
        keep(&mut self.reported.groups, |r| &r.groups);
        keep(&mut self.reported.symptoms, |r| &r.symptoms);
        keep(&mut self.reported.failed_tests, |r| &r.failed_tests);
        keep(&mut self.reported.sites, |r| &r.sites);
        if self.longest_s.is_some() {
            self.longest_s = kept.iter().filter_map(|o| o.duration_s).max();
        }
        if self.most_sore_days.is_some() {
            self.most_sore_days = kept.iter().filter_map(|o| o.sore_days).max();
        }
    }
}

/// One time a rule was met, with its own level and dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Occurrence {
    pub level: Level,
    /// The dates of its first and latest entries.
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The as-of date on which it first met the rule.
    pub met: NaiveDate,
    /// Whether it keeps the flag active on the as-of date.
    pub active: bool,
    /// Self-check rules: the date of the later self-check that no longer reported it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cleared: Option<NaiveDate>,
    /// One line on it, naming its entries.
    pub detail: String,
    /// The dates behind it, oldest first (for nights: the evening's date).
    pub dates: Vec<NaiveDate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub episode_ids: Vec<Uuid>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub self_check_ids: Vec<Uuid>,

    /// `twitch_persistent`: the spell's twitch days and how many had an obvious trigger
    /// (which decide its level).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub spell: Option<SpellDays>,
    /// The body groups seen in its windows, or the symptoms, failed tests or sites reported.
    #[serde(flatten)]
    pub reported: Reported,
    /// Cramp rules: the cramp's duration in seconds, and the days it left the muscle sore.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sore_days: Option<u16>,
}

impl Occurrence {
    /// An occurrence of entries from `first` to `last`, met on `met`, not cleared.
    fn new(level: Level, first: NaiveDate, last: NaiveDate, met: NaiveDate) -> Occurrence {
        Occurrence {
            level,
            first,
            last,
            met,
            active: false,
            cleared: None,
            detail: String::new(),
            dates: Vec::new(),
            episode_ids: Vec::new(),
            self_check_ids: Vec::new(),
            spell: None,
            reported: Reported::default(),
            duration_s: None,
            sore_days: None,
        }
    }
}

/// A twitching spell's days: how many had a twitch, and how many of those an obvious trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SpellDays {
    pub twitch_days: u32,
    pub obvious_trigger_days: u32,
}

impl SpellDays {
    /// The share of the twitch days with an obvious trigger.
    pub fn obvious_trigger_share(self) -> f64 {
        f64::from(self.obvious_trigger_days) / f64::from(self.twitch_days)
    }
}

/// What the entries behind a flag or an occurrence named, for the rules that look at it; each
/// list is left out of the JSON when empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reported {
    /// Spread rules: the body groups seen.
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
}

/// The entries behind a flag. `dates`, `episode_ids` and `occurrences` are always present; the
/// rest only for the rules they belong to. For spells and windows the fields other than
/// `occurrences` describe the latest occurrence; for single entries and self-checks, all of them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Evidence {
    /// The dates behind the flag, oldest first (for nights: the evening's date).
    pub dates: Vec<NaiveDate>,
    /// The episodes behind it; for day-based rules, the first counting episode of each day.
    pub episode_ids: Vec<Uuid>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub self_check_ids: Vec<Uuid>,
    /// Every time the rule was met in the period, latest first, each with its own level and
    /// dates.
    pub occurrences: Vec<Occurrence>,
    /// A period's flag: how many more times the rule was met before the period.
    #[serde(skip_serializing_if = "is_zero")]
    pub met_before_period: u32,

    /// `twitch_persistent`: the spell's first and last twitch day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spell_first: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spell_last: Option<NaiveDate>,
    /// Its twitch days and how many had an obvious trigger, and their share.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub spell: Option<SpellDays>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obvious_trigger_share: Option<f64>,

    /// Window rules: the window's first and last day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_start: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_end: Option<NaiveDate>,
    /// The body groups seen in the window (spread rules), or every symptom, failed test or
    /// site reported (self-check rules, `red_flag_bulbar`).
    #[serde(flatten)]
    pub reported: Reported,

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

/// [`evaluate`] for the period from `since` (`None`: the whole diary) to `as_of`, `diary`
/// holding the whole diary up to `as_of`: see [`in_period`].
pub fn evaluate_period(
    diary: &DiarySlice,
    settings: &Settings,
    since: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Findings {
    let whole = SummarySlice::of(diary, None, Some(as_of));
    let episodes = lean_episodes_on(&diary.episodes, &wanted(&whole, settings, as_of));
    in_period(&whole, &episodes, settings, since, as_of)
}

/// [`evaluate_period`] on `whole`, the per-day summary of the whole diary up to `as_of` (as
/// the store reads it), reading the episodes the evidence names through `episodes_on`.
pub fn evaluate_summary_period<E>(
    whole: &SummarySlice,
    settings: &Settings,
    since: Option<NaiveDate>,
    as_of: NaiveDate,
    episodes_on: impl FnOnce(&[DayEpisodes]) -> Result<Vec<LeanEpisode>, E>,
) -> Result<Findings, E> {
    let episodes = episodes_on(&wanted(whole, settings, as_of))?;
    Ok(in_period(whole, &episodes, settings, since, as_of))
}

/// The findings of the period from `since` to `as_of`. The rules read the whole diary, so that
/// a spell, a window or a run of nights that began before the period is judged whole (three
/// weeks of daily twitching are not "14 days, no flag" in a report of the last 14 days), and
/// an occurrence's first date is the day it was first met, not the period's first day. Each
/// flag keeps the occurrences that belong to the period ([`Flag::within`]): its level is the
/// most serious any of those reached (DOMAIN.md section 4), and its detail says what came
/// before. The factors and the tallies compare the period's own days.
fn in_period(
    whole: &SummarySlice,
    episodes: &[LeanEpisode],
    settings: &Settings,
    since: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Findings {
    let Some(since) = since else {
        return evaluate_summary(whole, episodes, settings, as_of);
    };
    // In force on the period's first day: a red flag that a self-check in the period cleared
    // was still in force until then. Each occurrence is known by its first and met dates,
    // which a later as-of date does not move.
    // A flag is its rule and, for a medication rule (one flag a medicine), its medicine: two
    // medicines started days apart may share an occurrence's dates.
    let whose = |flag: &Flag| (flag.id, flag.evidence.medication.as_ref().map(|m| m.id));
    let at_start: Vec<_> = flags(&Calendar::new(whole, episodes, since), settings)
        .into_iter()
        .flat_map(|flag| {
            let key = whose(&flag);
            let active = flag.evidence.occurrences.into_iter().filter(|o| o.active);
            active.map(move |o| (key, (o.first, o.met)))
        })
        .collect();
    let flags = flags(&Calendar::new(whole, episodes, as_of), settings)
        .into_iter()
        .filter_map(|flag| {
            let key = whose(&flag);
            let in_force: Vec<_> = at_start
                .iter()
                .filter(|(of, _)| *of == key)
                .map(|(_, dates)| *dates)
                .collect();
            flag.within(since, &in_force)
        })
        .collect();
    let period = whole.from(since);
    let calendar = Calendar::new(&period, episodes, as_of);
    Findings {
        as_of,
        flags,
        factors: factors::factors(&calendar, settings),
        tallies: tallies::tallies(&calendar),
    }
}

/// Evaluates every rule, factor and tally on the diary as it stood on `as_of` (entries after
/// it are ignored). The episodes are summed by day here, as the store sums them, so a diary in
/// memory and one on disk give the same findings.
pub fn evaluate(diary: &DiarySlice, settings: &Settings, as_of: NaiveDate) -> Findings {
    let slice = SummarySlice::of(diary, None, Some(as_of));
    let episodes = lean_episodes_on(&diary.episodes, &wanted(&slice, settings, as_of));
    evaluate_summary(&slice, &episodes, settings, as_of)
}

/// Evaluates every rule, factor and tally on the per-day summary `slice` as of `as_of`, with
/// `episodes`: those [`wanted`] asks for (more do no harm).
pub fn evaluate_summary(
    slice: &SummarySlice,
    episodes: &[LeanEpisode],
    settings: &Settings,
    as_of: NaiveDate,
) -> Findings {
    let calendar = Calendar::new(slice, episodes, as_of);
    Findings {
        as_of,
        flags: flags(&calendar, settings),
        factors: factors::factors(&calendar, settings),
        tallies: tallies::tallies(&calendar),
    }
}

/// Every rule's flag on `calendar`: active first, then the most serious, then by the day first
/// met.
fn flags(calendar: &Calendar<'_>, settings: &Settings) -> Vec<Flag> {
    let mut flags = Vec::new();
    flags.extend(persistence::twitch_persistent(calendar, settings));
    flags.extend(spread::twitch_spread(calendar, settings));
    flags.extend(red_flags::red_flags(calendar, settings));
    flags.extend(cramps::cramp_flags(calendar, settings));
    flags.extend(medication::medication_onset(calendar, settings));
    flags.sort_by(|a, b| {
        (!a.active, a.level, a.first_met, a.id, &a.detail).cmp(&(
            !b.active,
            b.level,
            b.first_met,
            b.id,
            &b.detail,
        ))
    });
    flags
}

/// Sorted, de-duplicated dates.
fn sorted_dates(mut dates: Vec<NaiveDate>) -> Vec<NaiveDate> {
    dates.sort_unstable();
    dates.dedup();
    dates
}

use crate::text::plural;
