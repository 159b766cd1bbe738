//! The result of an experiment (DOMAIN.md section 7): the outcome on the days of the change
//! against the same number of days just before it, by section 5's method (the risk ratio of
//! [`Table`], its interval and zero-cell correction from the settings).
//!
//! - A day counts only when it has a check-in, and only up to the planned end, the stop or the
//!   evaluation day, whichever comes first; for `nocturnal_cramp_night` a day counts once its
//!   night is over (before the evaluation day).
//! - A day of the change is kept when its check-in shows the change (`Change::kept`); a day
//!   whose check-in leaves that field unknown is not kept.
//! - Per protocol compares kept days with the baseline, as planned every day of the change;
//!   each needs at least [`MIN_DAYS`] days on both sides, else it is `None`. The verdict is
//!   decided on the per-protocol interval: "too early" without one.
//!
//! Pure: the diary slice is loaded by the caller ([`window`] says which days; [`results`]
//! takes the loader).

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::Settings;
use super::calendar::{Calendar, Day};
use super::factors::{Table, outcome_on};
use super::wording::proportion_in_words;
use crate::domain::experiment::MIN_DAYS;
pub use crate::domain::experiment::running;
use crate::domain::summary::SummarySlice;
use crate::domain::{Experiment, Outcome};

/// The baseline's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Baseline {
    /// Days with a check-in.
    pub days: u32,
    /// Of those, days with the outcome.
    pub outcome_days: u32,
}

/// The counts of the days of the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct During {
    /// Days with a check-in.
    pub days: u32,
    /// Of those, days whose check-in shows the change kept.
    pub kept_days: u32,
    pub outcome_days: u32,
    pub kept_outcome_days: u32,
}

/// A risk ratio of the days of the change against the baseline, with its interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ratio {
    pub ratio: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// What the experiment shows, decided on the per-protocol interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The interval lies wholly below 1.
    Fewer,
    /// The interval lies wholly above 1.
    More,
    /// The interval includes 1.
    NoClearDifference,
    /// Fewer than [`MIN_DAYS`] days on either side.
    TooEarly,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Fewer => "fewer",
            Verdict::More => "more",
            Verdict::NoClearDifference => "no_clear_difference",
            Verdict::TooEarly => "too_early",
        }
    }

    /// The verdict in the plain words of DOMAIN.md section 7.
    pub fn words(self) -> &'static str {
        match self {
            Verdict::Fewer => "fewer — the interval excludes no change",
            Verdict::More => "more — the interval excludes no change",
            Verdict::NoClearDifference => "no clear difference yet (the interval includes 1)",
            Verdict::TooEarly => "too early",
        }
    }
}

/// One day of the two periods, for the day strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodDay {
    pub date: NaiveDate,
    /// A day of the change (else of the baseline).
    pub during: bool,
    pub checkin: bool,
    /// What the check-in says of the change (days of the change only).
    pub kept: Option<bool>,
    /// The day (or its night) had the outcome.
    pub outcome: bool,
    /// The day can count: not past the planned end, the stop or the evaluation.
    pub in_range: bool,
    /// The day counts: in range, with a check-in.
    pub counted: bool,
}

/// An experiment and its result, as `myolog experiment show --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExperimentResult {
    /// The experiment as the diary keeps it; the JSON prints its plan at the top level.
    #[serde(flatten, serialize_with = "plan")]
    pub record: Experiment,
    pub baseline: Baseline,
    pub experiment: During,
    /// Kept days over days of the change with a check-in; `None` without any.
    pub adherence: Option<f64>,
    pub per_protocol: Option<Ratio>,
    pub as_planned: Option<Ratio>,
    pub verdict: Verdict,
    /// The day it was evaluated on.
    #[serde(skip)]
    pub as_of: NaiveDate,
    /// Every date of the baseline and of the change up to the planned end, oldest first.
    #[serde(skip)]
    pub days: Vec<PeriodDay>,
}

/// What `myolog experiment show --json` prints of the experiment itself: all but the times the
/// diary made and last changed it.
fn plan<S: serde::Serializer>(e: &Experiment, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut plan = s.serialize_struct("Experiment", 7)?;
    plan.serialize_field("id", &e.id)?;
    plan.serialize_field("name", &e.name)?;
    plan.serialize_field("change", &e.change)?;
    plan.serialize_field("outcome", &e.outcome)?;
    plan.serialize_field("start", &e.start)?;
    plan.serialize_field("end", &e.end)?;
    plan.serialize_field("stopped", &e.stopped)?;
    plan.end()
}

impl ExperimentResult {
    /// The days of the change whose check-in did not show it kept, and how many of them left
    /// it unknown.
    pub fn not_kept(&self) -> (Vec<NaiveDate>, u32) {
        let missed: Vec<&PeriodDay> = self
            .days
            .iter()
            .filter(|d| d.during && d.counted && d.kept != Some(true))
            .collect();
        let unknown = missed.iter().filter(|d| d.kept.is_none()).count() as u32;
        (missed.iter().map(|d| d.date).collect(), unknown)
    }

    /// "day 5 of 14" while it runs on its evaluation day.
    pub fn day_of(&self) -> Option<(u32, u32)> {
        self.record.day_of(self.as_of)
    }

    /// Where it stands: running, finished or stopped.
    pub fn status(&self) -> String {
        let e = &self.record;
        if let Some(stop) = e.stopped {
            return match stop.pred_opt().filter(|last| *last >= e.start) {
                Some(last) => format!("stopped on {stop} (its days ran to {last})"),
                None => format!("stopped on {stop}, its first day"),
            };
        }
        match self.day_of() {
            Some((n, of)) => format!("running: day {n} of {of}"),
            None if self.as_of < e.start => format!("starts on {}", e.start),
            None => format!("finished on {}", e.end),
        }
    }
}

/// The first and last day of the diary an evaluation on `today` reads: the baseline, the days
/// of the change and the night after the last of them.
pub fn window(e: &Experiment, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let last = e
        .last_day()
        .checked_add_days(Days::new(1))
        .unwrap_or(NaiveDate::MAX)
        .min(today);
    (e.baseline().0, last.max(e.start))
}

/// Every experiment's result on `today`, each from the days [`window`] names, read by `load`
/// (first and last day, inclusive).
pub fn results<E>(
    experiments: &[Experiment],
    today: NaiveDate,
    settings: &Settings,
    mut load: impl FnMut(NaiveDate, NaiveDate) -> Result<SummarySlice, E>,
) -> Result<Vec<ExperimentResult>, E> {
    experiments
        .iter()
        .map(|e| {
            let (first, last) = window(e, today);
            Ok(evaluate(e, &load(first, last)?, today, settings))
        })
        .collect()
}

/// The result of `e` on `today` from the per-day summary `diary`, which holds at least the
/// days [`window`] names (the outcomes are counts of a day, so no episode is needed).
pub fn evaluate(
    e: &Experiment,
    diary: &SummarySlice,
    today: NaiveDate,
    settings: &Settings,
) -> ExperimentResult {
    let cal = Calendar::new(diary, &[], today);
    let day = |date: NaiveDate| -> Option<&Day> {
        cal.days
            .binary_search_by_key(&date, |d| d.date)
            .ok()
            .map(|i| &cal.days[i])
    };
    // The last day that can count: a night counts once it is over.
    let counted_until = match e.outcome {
        Outcome::NocturnalCrampNight => today.pred_opt().unwrap_or(today),
        Outcome::TwitchDay | Outcome::CrampDay => today,
    };
    let (baseline_from, _) = e.baseline();
    let mut days = Vec::new();
    let mut baseline = Baseline::default();
    let mut during = During::default();
    for date in baseline_from.iter_days().take_while(|d| *d <= e.end) {
        let found = day(date);
        let checkin = found.and_then(|d| d.checkin);
        let outcome = found.is_some_and(|d| outcome_on(e.outcome, d));
        let is_during = date >= e.start;
        let kept = checkin.filter(|_| is_during).and_then(|c| e.change.kept(c));
        let in_range = date <= counted_until && (!is_during || date <= e.last_day());
        let counted = in_range && checkin.is_some();
        if counted {
            let hit = u32::from(outcome);
            if is_during {
                during.days += 1;
                during.outcome_days += hit;
                if kept == Some(true) {
                    during.kept_days += 1;
                    during.kept_outcome_days += hit;
                }
            } else {
                baseline.days += 1;
                baseline.outcome_days += hit;
            }
        }
        days.push(PeriodDay {
            date,
            during: is_during,
            checkin: checkin.is_some(),
            kept,
            outcome,
            in_range,
            counted,
        });
    }
    let compare = |days: u32, outcome_days: u32| -> Option<Ratio> {
        if days < MIN_DAYS || baseline.days < MIN_DAYS {
            return None;
        }
        let t = Table {
            exposed: days,
            exposed_outcome: outcome_days,
            unexposed: baseline.days,
            unexposed_outcome: baseline.outcome_days,
        };
        t.risk_ratio(settings.confidence, settings.zero_cell_correction)
            .map(|r| Ratio {
                ratio: r.ratio,
                ci_low: r.low,
                ci_high: r.high,
            })
    };
    let per_protocol = compare(during.kept_days, during.kept_outcome_days);
    let as_planned = compare(during.days, during.outcome_days);
    let verdict = match per_protocol {
        None => Verdict::TooEarly,
        Some(r) if r.ci_high < 1.0 => Verdict::Fewer,
        Some(r) if r.ci_low > 1.0 => Verdict::More,
        Some(_) => Verdict::NoClearDifference,
    };
    ExperimentResult {
        record: e.clone(),
        baseline,
        experiment: during,
        adherence: (during.days > 0).then(|| f64::from(during.kept_days) / f64::from(during.days)),
        per_protocol,
        as_planned,
        verdict,
        as_of: today,
        days,
    }
}

/// What every result says beside its verdict: the caution of DOMAIN.md section 7.
pub const CAUTION: &str = "People often start an experiment when their symptoms are at their worst, so some improvement is expected anyway (regression to the mean).";

/// The offer to repeat the experiment, the strongest test one person can run.
pub fn repeat_offer(r: &ExperimentResult) -> String {
    format!(
        "To be surer, repeat it: go back to your usual habits for {n} days, then start the change again (on-off-on is the strongest test): `myolog experiment start \"{name} again\" --change {change} --outcome {outcome} --days {n}`.",
        n = r.record.days(),
        name = r.record.name,
        change = r.record.change,
        outcome = r.record.outcome,
    )
}

/// "ratio 0.39, 95% interval 0.16-0.93", or why there is none.
fn ratio_words(r: Option<Ratio>, confidence: f64) -> String {
    match r {
        Some(r) => format!(
            "ratio {:.2}, {:.0}% interval {:.2}-{:.2}",
            r.ratio,
            confidence * 100.0,
            r.ci_low,
            r.ci_high
        ),
        None => format!("none yet ({MIN_DAYS} days with a check-in are needed on each side)"),
    }
}

/// Why a result is too early, in a line: which side lacks days.
pub fn too_early_reason(r: &ExperimentResult) -> Option<String> {
    if r.verdict != Verdict::TooEarly {
        return None;
    }
    let mut missing = Vec::new();
    if r.baseline.days < MIN_DAYS {
        missing.push(format!(
            "the {} days before the start have {} with a check-in",
            r.record.days(),
            r.baseline.days
        ));
    }
    if r.experiment.kept_days < MIN_DAYS {
        missing.push(if r.experiment.days >= MIN_DAYS {
            format!(
                "only {} of its {} days with a check-in kept the change",
                r.experiment.kept_days, r.experiment.days
            )
        } else {
            format!("{} of its days have a check-in so far", r.experiment.days)
        });
    }
    Some(format!(
        "{}; {MIN_DAYS} are needed on each side",
        missing.join(" and ")
    ))
}

/// The result in words, line by line: what `myolog experiment show` prints and the Patterns
/// screen shows, each in its own order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    /// "caffeine cut: no caffeine (under 100 mg a day), counting twitch days".
    pub heading: String,
    /// Its planned days and where it stands.
    pub status: String,
    pub before: String,
    pub during: String,
    pub adherence: String,
    pub per_protocol: String,
    pub as_planned: String,
    /// "Verdict: ...", with why when too early.
    pub verdict: String,
    pub caution: &'static str,
    pub repeat: String,
}

impl Description {
    /// Every line, in the order the command line prints them.
    pub fn lines(&self) -> Vec<String> {
        vec![
            self.heading.clone(),
            self.status.clone(),
            self.before.clone(),
            self.during.clone(),
            self.adherence.clone(),
            self.per_protocol.clone(),
            self.as_planned.clone(),
            self.verdict.clone(),
            self.caution.to_string(),
            self.repeat.clone(),
        ]
    }
}

/// The result in lines of plain text, as `myolog experiment show` prints it: the two periods,
/// adherence, both comparisons, the verdict, the caution and the offer to repeat.
pub fn lines(r: &ExperimentResult, confidence: f64) -> Vec<String> {
    describe(r, confidence).lines()
}

/// The result in words.
pub fn describe(r: &ExperimentResult, confidence: f64) -> Description {
    let e = &r.record;
    let (baseline_from, baseline_to) = e.baseline();
    let counted = e.outcome.counted();
    let (missed, unknown) = r.not_kept();
    let mut adherence = format!(
        "Adherence: {} of the days with a check-in kept the change",
        proportion_in_words(r.experiment.kept_days, r.experiment.days)
    );
    if !missed.is_empty() {
        adherence.push_str(&format!(
            "; not kept: {}",
            super::wording::listed(&missed, 6)
        ));
        let field = e.change.read_from();
        if unknown as usize == missed.len() {
            adherence.push_str(&format!(" ({field} left unknown)"));
        } else if unknown > 0 {
            adherence.push_str(&format!(" ({unknown} of them left {field} unknown)"));
        }
    }
    let mut verdict = format!("Verdict: {}", r.verdict.words());
    if let Some(reason) = too_early_reason(r) {
        verdict.push_str(&format!(": {reason}"));
    }
    verdict.push('.');
    Description {
        heading: format!("{}: {}, counting {counted}", e.name, e.change.label()),
        status: format!(
            "{} to {} ({} days planned); {}",
            e.start,
            e.end,
            e.days(),
            r.status()
        ),
        before: format!(
            "Before ({baseline_from} to {baseline_to}): {counted} {} of the days with a check-in",
            proportion_in_words(r.baseline.outcome_days, r.baseline.days)
        ),
        during: format!(
            "During: {counted} {} of the kept days; {} of all days with a check-in",
            proportion_in_words(r.experiment.kept_outcome_days, r.experiment.kept_days),
            proportion_in_words(r.experiment.outcome_days, r.experiment.days)
        ),
        adherence,
        per_protocol: format!(
            "Per protocol (kept days only): {}",
            ratio_words(r.per_protocol, confidence)
        ),
        as_planned: format!(
            "As planned (every day of it): {}",
            ratio_words(r.as_planned, confidence)
        ),
        verdict,
        caution: CAUTION,
        repeat: repeat_offer(r),
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::domain::Change;

    #[test]
    fn the_json_prints_the_plan_first_without_the_diarys_times() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let made = DateTime::parse_from_rfc3339("2026-11-10T08:00:00Z")
            .unwrap()
            .to_utc();
        let e = Experiment::new(
            "caffeine cut",
            Change::NoCaffeine,
            Outcome::TwitchDay,
            day("2026-11-10"),
            14,
            made,
        )
        .unwrap();
        let r = evaluate(
            &e,
            &SummarySlice::default(),
            day("2026-11-12"),
            &Settings::default(),
        );
        let json = serde_json::to_string(&r).unwrap();
        let plan = format!(
            r#"{{"id":"{}","name":"caffeine cut","change":"no-caffeine","outcome":"twitch_day","start":"2026-11-10","end":"2026-11-23","stopped":null,"baseline":{{"#,
            e.id
        );
        assert!(json.starts_with(&plan), "{json}");
        assert!(
            !json.contains("created") && !json.contains("updated"),
            "{json}"
        );
    }
}
