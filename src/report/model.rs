//! What the report says, computed once from the diary; the renderers only lay it out.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, Timelike};
use serde::Deserialize;

use crate::catalog::catalog;
use crate::config::Config;
use crate::domain::{
    CheckIn, DiarySlice, Episode, InputError, Kind, Medication, SelfCheck, Side, TestResult,
};
use crate::patterns::charts::{self, KindCounts};
use crate::patterns::experiments::ExperimentResult;
use crate::patterns::{self, FactorRow, Findings, Flag, Notable, Settings};
use crate::store::{DatedAfter, Diary, StoreError};

/// The `[report]` section of the config file: who the report is about, if the user wants it
/// printed on it.
///
/// ```toml
/// [report]
/// name = "Alex Example"
/// birth_date = 1980-04-02
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportSettings {
    pub name: Option<String>,
    /// A TOML date or a `YYYY-MM-DD` string.
    pub birth_date: Option<toml::Value>,
}

/// The patient line of the header; both parts optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patient {
    pub name: Option<String>,
    pub birth_date: Option<NaiveDate>,
}

impl Patient {
    pub fn from_config(config: &Config) -> Result<Patient, InputError> {
        let settings: ReportSettings = config.section("report")?;
        let birth_date = match &settings.birth_date {
            None => None,
            Some(value) => {
                let text = match value {
                    toml::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                Some(
                    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
                        InputError::new(
                            "[report] birth_date",
                            format!("'{text}' is not a date; accepted: YYYY-MM-DD"),
                        )
                    })?,
                )
            }
        };
        Ok(Patient {
            name: settings.name.filter(|n| !n.trim().is_empty()),
            birth_date,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.birth_date.is_none()
    }
}

/// The whole report: header facts, the summary and the detail lists.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The first day of the period: the `since` asked for, or the first entry of the diary
    /// (also when the `since` asked for is before it).
    pub from: NaiveDate,
    /// The `since` asked for, when it is before the diary's first entry.
    pub asked_from: Option<NaiveDate>,
    pub until: NaiveDate,
    /// Whether `from` was asked for (false: "all entries", starting at the first one).
    pub since_given: bool,
    pub made_on: NaiveDate,
    pub patient: Patient,
    pub summary: Summary,
    /// The period's episodes, oldest first, when the detail lists them
    /// ([`Report::lists_every_episode`]); empty for a longer period, whose episodes are only
    /// counted.
    pub episodes: Vec<Episode>,
    /// How many episodes the period has.
    pub episode_count: usize,
    pub checkins: Vec<CheckIn>,
    /// Medications taken at some time in the period, by start date.
    pub medications: Vec<Medication>,
    /// The period's self-checks, oldest first. (The rules read older ones too: a red flag
    /// stays active until a later self-check clears it.)
    pub self_checks: Vec<SelfCheck>,
    /// The detail of a period longer than [`Report::EPISODE_ROWS_UP_TO_DAYS`]: one row per
    /// day with an episode or a note, oldest first (empty for shorter periods, whose detail
    /// lists every episode).
    pub days: Vec<DayRow>,
    /// Entries dated after the day the report was made, when the period ends that day: logged
    /// with a clock set ahead, they are in no count, and the header says so.
    pub dated_after: Option<DatedAfter>,
}

/// The first pages: what a GP asks first, then the whole period in charts and tables.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    pub twitches: KindSummary,
    pub cramps: KindSummary,
    /// Nights (by the evening's date) with a nocturnal cramp.
    pub cramp_nights: u32,
    /// The last 4 weeks against the 4 before; `None` for a period shorter than 4 weeks.
    pub trend: Option<Trend>,
    /// Each site with its side apart (left and right never merged), most episodes first, at
    /// most [`Summary::SITES`]: the most twitched and the most cramped first have half of them
    /// each.
    pub sites: Vec<SiteCount>,
    /// Sites (with side) left out for room: how many, and the most twitches and the most
    /// cramps any of them had.
    pub sites_not_shown: u32,
    pub not_shown_most: KindCounts,
    /// Every flag met in the period: active first, then the most serious.
    pub flags: Vec<Flag>,
    /// Self-checks, latest first: every one that reported something, and the latest without a
    /// problem, up to [`Summary::SELF_CHECKS`] rows in all; then, marked
    /// [`SelfCheckRow::before_period`], those from before the period behind a red flag still
    /// active at its end.
    pub self_checks: Vec<SelfCheckRow>,
    /// Self-checks without a problem left out for room (all are in the detail).
    pub self_checks_not_shown: u32,
    pub medications: Vec<MedicationRow>,
    /// The days each side of a medicine's start its rows count (the setting the rule reads).
    pub medication_window_days: u32,
    /// Reliefs tried in the period, most tried first.
    pub reliefs: Vec<ReliefRow>,
    /// Factor rows with enough data, in DOMAIN.md order.
    pub factors: Vec<FactorRow>,
    pub confidence: f64,
    pub averages: Averages,
    /// Twitch days and cramp days over the whole period.
    pub chart: Chart,
    /// The four body groups in catalogue order, each with the episodes touching it.
    pub groups: Vec<GroupCount>,
    pub times_of_day: Vec<TimeBand>,
    /// Experiments whose days meet the period, by start, each as it stood at the end of it.
    pub experiments: Vec<ExperimentResult>,
}

impl Summary {
    pub const SITES: usize = 6;
    pub const SELF_CHECKS: usize = 4;
    /// The most comparisons page one lists; the rest are with every comparison after it.
    pub const STANDING_OUT: usize = 5;

    /// The comparisons page one shows: every row whose interval excludes 1, those that stand
    /// out after allowing for every comparison first (DOMAIN.md section 5), each with what may
    /// be said of it ([`patterns::notable`], as every view says it).
    pub fn standing_out(&self) -> Vec<Notable<'_>> {
        patterns::notable(&self.factors)
    }
}

/// One kind of episode over the period.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KindSummary {
    pub count: u32,
    /// Dates with at least one.
    pub days: u32,
    /// Episodes a week over the whole period; `None` for a period under a week ([`per_week`]).
    pub per_week: Option<f64>,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// Durations in seconds, over the episodes with one.
    pub duration: Option<Spread>,
    /// Twitch intensity (1-5) or cramp pain (0-10), over the episodes with one.
    pub strength: Option<Spread>,
}

/// The middle, least and most of some numbers, and how many there were.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub median: f64,
    pub min: u32,
    pub max: u32,
    pub known: u32,
}

impl Spread {
    fn of(mut values: Vec<u32>) -> Option<Spread> {
        values.sort_unstable();
        let n = values.len();
        let (min, max) = (*values.first()?, *values.last()?);
        let median = if n % 2 == 1 {
            f64::from(values[n / 2])
        } else {
            (f64::from(values[n / 2 - 1]) + f64::from(values[n / 2])) / 2.0
        };
        Some(Spread {
            median,
            min,
            max,
            known: n as u32,
        })
    }
}

/// The last 4 weeks of the period against the 4 before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trend {
    pub last: Window,
    /// `None` when the period holds no day before the last 4 weeks; fewer than 28 days when
    /// it holds only some of the 4 weeks before.
    pub before: Option<Window>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub twitches: u32,
    pub cramps: u32,
    /// Anything was logged in it (an episode, a check-in or a self-check): without, its zeros
    /// say nothing of how the weeks went.
    pub logged: bool,
}

/// The days of the trend's windows.
pub const TREND_DAYS: u64 = 28;

/// A site with its side, as the summary counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteCount {
    pub label: String,
    /// "left", "right", "both", "side not given" for a sided site logged without one, or empty
    /// for a site without sides (tongue, neck).
    pub side: String,
    pub twitches: u32,
    pub cramps: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCount {
    pub label: String,
    pub twitches: u32,
    pub cramps: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeBand {
    pub label: &'static str,
    pub twitches: u32,
    pub cramps: u32,
}

/// A self-check as the summary shows it: each answer, with or without a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfCheckRow {
    pub date: NaiveDate,
    /// (test, "ok" / "fail") for the tests done.
    pub tests: Vec<(String, String)>,
    /// Labels of the symptoms present; empty means none of the listed ones.
    pub symptoms: Vec<String>,
    /// No test failed and no symptom was reported.
    pub all_fine: bool,
    /// The level the check meets on its own (numbness or tingling alone: see a doctor).
    pub level: Option<patterns::Level>,
    /// Dated before the period, shown because a red flag it raised is still active (no later
    /// self-check cleared it).
    pub before_period: bool,
}

/// A medication beside the episode rate in the window before and after its start.
#[derive(Debug, Clone, PartialEq)]
pub struct MedicationRow {
    pub name: String,
    pub class: String,
    pub dose: Option<String>,
    pub start: NaiveDate,
    pub stop: Option<NaiveDate>,
    /// Episodes in the days before the start that the diary covers, up to the window.
    pub before: u32,
    /// Those days: 0 when the diary began on or after the start (no day before it is known).
    pub before_days: u32,
    /// Episodes from the start, over `after_days`: the days of the window the diary covers, cut
    /// at the end of the period (0 when the diary began after the window).
    pub after: u32,
    pub after_days: u32,
}

impl MedicationRow {
    /// Episodes per week before the start; `None` when the diary covers less than a week of
    /// it ([`per_week`]).
    pub fn before_per_week(&self) -> Option<f64> {
        per_week(self.before, self.before_days)
    }

    /// Episodes per week from the start; `None` over less than a week.
    pub fn after_per_week(&self) -> Option<f64> {
        per_week(self.after, self.after_days)
    }
}

/// `count` over `days` as a weekly rate; `None` under a week, where a rate would stand for days
/// nobody logged (2 episodes in 3 days are not "4.7 a week").
pub fn per_week(count: u32, days: u32) -> Option<f64> {
    (days >= 7).then(|| f64::from(count) * 7.0 / f64::from(days))
}

/// How often a relief was tried in the period, and whether it helped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReliefRow {
    pub label: String,
    pub tried: u32,
    pub helped: u32,
    pub no_help: u32,
}

/// Check-in averages over the days each field is known.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Averages {
    pub checkin_days: u32,
    pub sleep_h: Option<f64>,
    pub sleep_days: u32,
    pub caffeine_mg: Option<f64>,
    pub caffeine_days: u32,
    pub stress: Option<f64>,
    pub stress_days: u32,
}

/// What the chart counts in: weeks for a period up to a year, months beyond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartUnit {
    #[default]
    Week,
    Month,
}

/// Twitch days and cramp days over the whole period, week by week or month by month: every
/// cramp, by day or by night, is in it (a chart of nights alone left daytime cramps out).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chart {
    pub unit: ChartUnit,
    /// Oldest first, from the one the period starts in to the one it ends in.
    pub buckets: Vec<Bucket>,
}

impl Chart {
    /// Periods up to this many days are charted by week.
    pub const WEEKS_UP_TO_DAYS: i64 = 366;

    /// The most days a bucket can hold: the top of the scale.
    pub fn top(&self) -> u32 {
        match self.unit {
            ChartUnit::Week => 7,
            ChartUnit::Month => 31,
        }
    }
}

/// One week (Monday to Sunday) or one calendar month of the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    pub start: NaiveDate,
    /// Days of it inside the period.
    pub days: u32,
    pub twitch_days: u32,
    pub cramp_days: u32,
}

/// One day of the detail of a long period.
#[derive(Debug, Clone, PartialEq)]
pub struct DayRow {
    pub date: NaiveDate,
    pub twitches: u32,
    pub cramps: u32,
    /// The day's sites in catalogue order, each with the sides logged ([`SIDE_LETTERS`]):
    /// "eyelid L R", "upper arm L", "tongue".
    pub sites: Vec<String>,
    pub strongest_twitch: Option<u8>,
    pub worst_pain: Option<u8>,
    pub sleep_h: Option<f64>,
    pub caffeine_mg: Option<u32>,
    pub stress: Option<u8>,
    /// The day's notes: each episode's with its time ("07:40 twitch: ..."), then the check-in's.
    pub notes: Vec<String>,
}

impl Report {
    /// Periods up to this many days list every episode in the detail; longer ones give one row
    /// per day, so that ten years fit in well under a hundred pages.
    pub const EPISODE_ROWS_UP_TO_DAYS: i64 = 90;

    /// Loads the period from `since` (or the first entry) to `until` and computes everything
    /// the report shows. Settings and the patient line come from `config`.
    pub fn load(
        diary: &Diary,
        since: Option<NaiveDate>,
        until: NaiveDate,
        made_on: NaiveDate,
        config: &Config,
    ) -> Result<Report, crate::Error> {
        if let Some(since) = since.filter(|s| *s > until) {
            return Err(InputError::new(
                "--since",
                format!("{since} is after the end of the period {until}"),
            )
            .into());
        }
        let settings = Settings::from_config(config)?;
        let patient = Patient::from_config(config)?;
        // One read transaction for every read below, so that a write landing meanwhile (the
        // app open beside an export) cannot make a flag and the counts beside it disagree.
        let _snapshot = diary.snapshot()?;
        let began = diary.first_entry_date()?;
        // The flags from the per-day summary of the whole diary up to `until` (a spell that
        // began before the period is judged whole; see `patterns::evaluate_period`) and the few
        // episodes their evidence names, read before the period's episodes are: the engine
        // never holds them all. Every medicine counts, as in `myolog patterns`: one stopped
        // before the period may be behind a flag met in it.
        let findings = {
            let summary = diary.summary_slice(None, Some(until))?;
            patterns::evaluate_summary_period(&summary, &settings, since, until, |wanted| {
                diary.lean_episodes(wanted)
            })?
        };
        // Every self-check up to the end: an older red flag may still be active. The episodes
        // are folded into the tallies one at a time, never held all at once.
        let slice = diary.load_without_episodes(since, Some(until))?;
        let mut tally = Tally::new(since, until);
        diary.for_each_episode_in(since, Some(until), PAGE, |e| {
            tally.add(e);
            Ok::<(), StoreError>(())
        })?;
        // The rate before a medicine's start may reach back before the period.
        let window = Days::new(u64::from(settings.medication_window_days));
        let mut around_starts = Vec::new();
        let flagged = flagged_medications(&findings.flags);
        for med in shown_medications(&slice.medications, since, until, &flagged) {
            let from = med.start.checked_sub_days(window).unwrap_or(med.start);
            let to = med
                .start
                .checked_add_days(window)
                .and_then(|d| d.pred_opt())
                .unwrap_or(med.start)
                .min(until);
            let counted = if since.is_some_and(|s| from < s) {
                diary.load(Some(from), Some(to))?.episodes
            } else {
                Vec::new()
            };
            around_starts.push((med.id, counted));
        }
        let mut report = Report::build(
            slice,
            tally,
            Period {
                since,
                until,
                made_on,
                began,
            },
            patient,
            &settings,
            &around_starts,
            Some(findings),
        );
        // A report that ends the day it is made counts nothing dated later (a report that ends
        // later counts what lies up to its end).
        if until == made_on {
            report.dated_after = diary.dated_after(until)?;
        }
        // Each experiment with its baseline, which may begin before the period.
        let experiments = diary.experiments_in(since, Some(until))?;
        report.summary.experiments =
            patterns::experiments::results(&experiments, until, &settings, |from, to| {
                diary.summary_slice(Some(from), Some(to))
            })?;
        Ok(report)
    }

    /// The report of an already loaded slice, taken as the whole diary up to `until` as far as
    /// the days it covers go (its first entry, or the first of `around_starts`, is when the
    /// diary began). `around_starts` holds, for a medicine whose before-window reaches back past
    /// the slice, the episodes of its two windows.
    pub fn from_slice(
        slice: DiarySlice,
        since: Option<NaiveDate>,
        until: NaiveDate,
        made_on: NaiveDate,
        patient: Patient,
        settings: &Settings,
        around_starts: &[(uuid::Uuid, Vec<Episode>)],
    ) -> Report {
        let around = around_starts.iter().flat_map(|(_, eps)| eps.iter());
        let mut tally = Tally::new(since, until);
        for e in &slice.episodes {
            tally.add(e);
        }
        let began = first_entry(tally.first_day, &slice.checkins, &slice.self_checks)
            .into_iter()
            .chain(around.map(Episode::local_date))
            .min();
        Report::build(
            slice,
            tally,
            Period {
                since,
                until,
                made_on,
                began,
            },
            patient,
            settings,
            around_starts,
            None,
        )
    }

    /// `tally`: the period's episodes, folded. `slice`: the rest of the period, with its
    /// episodes only when `findings` (the flags and factors of the period when already
    /// evaluated) is `None` and they are evaluated here on it.
    fn build(
        slice: DiarySlice,
        mut tally: Tally,
        period: Period,
        patient: Patient,
        settings: &Settings,
        around_starts: &[(uuid::Uuid, Vec<Episode>)],
        findings: Option<Findings>,
    ) -> Report {
        let Period {
            since,
            until,
            made_on,
            began,
        } = period;
        let DiarySlice {
            mut episodes,
            mut checkins,
            medications,
            mut self_checks,
            // Read with their baselines by `Report::load`, which may reach before the period.
            experiments: _,
        } = slice;
        // Only a slice given whole has its episodes here, for the rules (`Report::load` folds
        // them and evaluates the rules on the per-day summary). Ids are unique, so an unstable
        // sort gives the one order there is.
        episodes.sort_unstable_by_key(|e| (e.start, e.id));
        checkins.sort_by_key(|c| c.date);
        self_checks.sort_by_key(|c| (c.date, c.created, c.id));
        let in_period = |d: NaiveDate| since.is_none_or(|s| d >= s) && d <= until;
        let period_checks: Vec<SelfCheck> = self_checks
            .iter()
            .filter(|c| in_period(c.date))
            .cloned()
            .collect();
        let asked = since
            .or(first_entry(tally.first_day, &checkins, &period_checks))
            .unwrap_or(until)
            .min(until);
        // The days before the diary's first entry are not known: a period asked to begin
        // before it is counted from it, so that its rates and trends are not diluted by days
        // nobody logged, and the header says so.
        let from = match began {
            // A period wholly before the diary: nothing in it was logged, and says so.
            Some(began) if began <= until => began.max(asked),
            _ => asked,
        };
        // The rules read every self-check up to the end of the period, and every medication.
        let slice = DiarySlice {
            episodes,
            checkins,
            medications,
            self_checks,
            experiments: Vec::new(),
        };
        let findings =
            findings.unwrap_or_else(|| patterns::evaluate_period(&slice, settings, since, until));
        let DiarySlice {
            checkins,
            medications,
            self_checks,
            ..
        } = slice;
        let flagged = flagged_medications(&findings.flags);
        let mut medications: Vec<Medication> =
            shown_medications(&medications, Some(asked), until, &flagged)
                .cloned()
                .collect();
        medications.sort_by(|a, b| (a.start, &a.name, a.id).cmp(&(b.start, &b.name, b.id)));
        // The self-checks behind a red flag still active at the end, dated before the period:
        // the summary shows them too, so that the flag's evidence is in front of the doctor.
        let behind_active = behind_active_flags(&findings.flags);
        let earlier: Vec<SelfCheck> = self_checks
            .iter()
            .filter(|c| !in_period(c.date) && behind_active.contains(&c.id))
            .cloned()
            .collect();
        let self_checks = period_checks;
        // The days with a check-in or a self-check: a window without an episode on any of
        // them, nor on any other day, had nothing logged, which is not "no episodes".
        let entry_days: BTreeSet<NaiveDate> = (checkins.iter().map(|c| c.date))
            .chain(self_checks.iter().map(|c| c.date))
            .collect();

        let days = (until - from).num_days() + 1;
        let days_with = |kind: Kind| -> Vec<NaiveDate> {
            tally
                .per_day
                .iter()
                .filter(|(_, n)| match kind {
                    Kind::Twitch => n.twitches > 0,
                    Kind::Cramp => n.cramps > 0,
                })
                .map(|(d, _)| *d)
                .collect()
        };
        let (twitch_days, cramp_days) = (days_with(Kind::Twitch), days_with(Kind::Cramp));
        // A cramp before 07:00 on the first day belongs to the night before the period: that
        // night is counted (on the first day), so that a cramp the period holds is never left
        // out of its nights.
        let nights: Vec<NaiveDate> = tally
            .nights
            .range(from.pred_opt().unwrap_or(from)..=until)
            .map(|night| (*night).max(from))
            .collect();
        let (summary_checks, self_checks_not_shown) = summary_self_checks(&earlier, &self_checks);
        let (sites, sites_not_shown, not_shown_most) = sites(&tally.sites);
        let summary = Summary {
            twitches: tally.kind_summary(Kind::Twitch, days),
            cramps: tally.kind_summary(Kind::Cramp, days),
            cramp_nights: nights.len() as u32,
            trend: trend(&tally.per_day, &entry_days, from, until),
            sites,
            sites_not_shown,
            not_shown_most,
            flags: findings.flags,
            self_checks: summary_checks,
            self_checks_not_shown,
            medications: medications
                .iter()
                .map(|m| medication_row(m, &tally.per_day, around_starts, settings, until, began))
                .collect(),
            medication_window_days: settings.medication_window_days,
            reliefs: tally.reliefs(),
            factors: findings
                .factors
                .into_iter()
                .filter(|f| f.enough_data)
                .collect(),
            confidence: settings.confidence,
            averages: averages(&checkins),
            chart: chart(&twitch_days, &cramp_days, from, until),
            groups: tally.groups(),
            times_of_day: times_of_day(&tally.hours),
            experiments: Vec::new(),
        };
        let (episodes, days) = if days > Report::EPISODE_ROWS_UP_TO_DAYS {
            (Vec::new(), tally.day_rows(&checkins))
        } else {
            tally.episodes.sort_unstable_by_key(|e| (e.start, e.id));
            (tally.episodes, Vec::new())
        };
        Report {
            from,
            asked_from: (since.is_some() && asked < from).then_some(asked),
            until,
            since_given: since.is_some(),
            made_on,
            patient,
            summary,
            episodes,
            episode_count: tally.count,
            checkins,
            medications,
            self_checks,
            days,
            dated_after: None,
        }
    }

    /// Nothing at all was logged in the period.
    pub fn is_empty(&self) -> bool {
        self.episode_count == 0
            && self.checkins.is_empty()
            && self.self_checks.is_empty()
            && self.medications.is_empty()
    }

    /// The days of the period, both ends counted.
    pub fn days_in_period(&self) -> i64 {
        (self.until - self.from).num_days() + 1
    }

    /// Whether the detail lists every episode (a period up to
    /// [`Report::EPISODE_ROWS_UP_TO_DAYS`]) rather than one row per day.
    pub fn lists_every_episode(&self) -> bool {
        self.days_in_period() <= Report::EPISODE_ROWS_UP_TO_DAYS
    }

    /// "2026-08-28 to 2026-11-25 (90 days)".
    pub fn period(&self) -> String {
        let from = match self.asked_from {
            Some(asked) => format!(
                "{} (the first entry; the diary does not reach back to the {} asked for)",
                super::text::date(self.from),
                super::text::date(asked)
            ),
            None if self.since_given || self.is_empty() => super::text::date(self.from),
            None => format!("{} (the first entry)", super::text::date(self.from)),
        };
        format!(
            "{from} to {} ({})",
            super::text::date(self.until),
            super::text::plural(self.days_in_period() as u32, "day", "days")
        )
    }
}

/// The period asked for, the day the report is made, and the day the diary began.
struct Period {
    since: Option<NaiveDate>,
    until: NaiveDate,
    made_on: NaiveDate,
    /// The diary's first entry of any kind (not a medication's start): days before it are not
    /// covered, so no count is made of them.
    began: Option<NaiveDate>,
}

/// The earliest of `first_episode`, the check-ins and the self-checks.
fn first_entry(
    first_episode: Option<NaiveDate>,
    checkins: &[CheckIn],
    self_checks: &[SelfCheck],
) -> Option<NaiveDate> {
    first_episode
        .into_iter()
        .chain(checkins.iter().map(|c| c.date))
        .chain(self_checks.iter().map(|c| c.date))
        .min()
}

/// The medicines a report shows: those taken at some time from `since` (open: any time) to
/// `until`, and those in `flagged` (one stopped before the period may be behind a flag met in
/// it, and the doctor sees the medicine behind every medication flag).
fn shown_medications<'a>(
    meds: &'a [Medication],
    since: Option<NaiveDate>,
    until: NaiveDate,
    flagged: &'a BTreeSet<uuid::Uuid>,
) -> impl Iterator<Item = &'a Medication> {
    meds.iter().filter(move |m| {
        flagged.contains(&m.id)
            || (m.start <= until && since.is_none_or(|s| m.stop.is_none_or(|stop| stop >= s)))
    })
}

/// The medicines the flags of a period name.
fn flagged_medications(flags: &[Flag]) -> BTreeSet<uuid::Uuid> {
    (flags.iter())
        .filter_map(|f| f.evidence.medication.as_ref().map(|m| m.id))
        .collect()
}

/// How many episodes [`Report::load`] reads at a time from a period short enough to be read a
/// page at a time (a longer one streams).
const PAGE: u32 = 2500;

/// What the report keeps of the period's episodes, folded in one at a time in any order: a
/// long period is read once and never held. The counts page one shows, the detail's day rows,
/// and the episodes themselves only while the detail may list them.
struct Tally {
    until: NaiveDate,
    /// No episode seen, nor the start of the period, lies more than
    /// [`Report::EPISODE_ROWS_UP_TO_DAYS`] days before `until`: the detail may list them all.
    keeping: bool,
    episodes: Vec<Episode>,
    count: usize,
    first_day: Option<NaiveDate>,
    /// Episodes per local date.
    per_day: BTreeMap<NaiveDate, KindCounts>,
    /// Nights with a nocturnal cramp, by the evening's date (a cramp early on the period's
    /// first morning belongs to a night before it: the summary keeps those inside).
    nights: BTreeSet<NaiveDate>,
    twitch_values: Values,
    cramp_values: Values,
    sites: BTreeMap<(String, Option<Side>), KindCounts>,
    /// Episodes touching each body group, in catalogue order.
    groups: Vec<KindCounts>,
    /// Each relief in catalogue order: tried, helped, did not help.
    reliefs: Vec<[u32; 3]>,
    /// Episodes by the local hour they start in.
    hours: [KindCounts; 24],
    days: BTreeMap<NaiveDate, DayTally>,
}

/// The durations (seconds) and strengths (twitch intensity or cramp pain) of one kind, each
/// where known.
#[derive(Default)]
struct Values {
    durations: Vec<u32>,
    strengths: Vec<u32>,
}

/// What a [`DayRow`] shows of a day's episodes.
#[derive(Default)]
struct DayTally {
    strongest_twitch: Option<u8>,
    worst_pain: Option<u8>,
    /// Per site, which of left, right, both and no side were logged.
    sites: BTreeMap<String, [bool; 4]>,
    /// Each episode's note, with its start and id to list them in that order.
    notes: Vec<((DateTime<FixedOffset>, uuid::Uuid), String)>,
}

impl Tally {
    fn new(since: Option<NaiveDate>, until: NaiveDate) -> Tally {
        Tally {
            until,
            keeping: since.is_none_or(|s| Tally::listed(s, until)),
            episodes: Vec::new(),
            count: 0,
            first_day: None,
            per_day: BTreeMap::new(),
            nights: BTreeSet::new(),
            twitch_values: Values::default(),
            cramp_values: Values::default(),
            sites: BTreeMap::new(),
            groups: vec![KindCounts::default(); catalog().groups.len()],
            reliefs: vec![[0; 3]; catalog().reliefs.len()],
            hours: [KindCounts::default(); 24],
            days: BTreeMap::new(),
        }
    }

    /// Whether a period from `from` to `until` is short enough for the detail to list every
    /// episode.
    fn listed(from: NaiveDate, until: NaiveDate) -> bool {
        let days = (until - from.min(until)).num_days() + 1;
        days <= Report::EPISODE_ROWS_UP_TO_DAYS
    }

    fn add(&mut self, e: &Episode) {
        let date = e.local_date();
        let one = KindCounts::one(e.kind);
        self.count += 1;
        self.first_day = Some(self.first_day.map_or(date, |f| f.min(date)));
        if self.keeping && !Tally::listed(date, self.until) {
            // The period starts on or before this day: too long to list every episode.
            self.keeping = false;
            self.episodes = Vec::new();
        }
        if self.keeping {
            self.episodes.push(e.clone());
        }
        *self.per_day.entry(date).or_default() += one;
        self.nights.extend(e.night_of());
        let (values, strength) = match e.kind {
            Kind::Twitch => (&mut self.twitch_values, e.intensity),
            Kind::Cramp => (&mut self.cramp_values, e.pain),
        };
        values.durations.extend(e.duration_s);
        values.strengths.extend(strength.map(u32::from));
        for s in &e.sites {
            let key = (s.site.clone(), s.side);
            *self.sites.entry(key).or_default() += one;
        }
        for (n, g) in self.groups.iter_mut().zip(&catalog().groups) {
            if e.sites.iter().any(|s| s.group() == Some(g.id.as_str())) {
                *n += one;
            }
        }
        for use_ in &e.reliefs {
            if let Some(i) = catalog().reliefs.iter().position(|r| r.id == use_.relief) {
                let row = &mut self.reliefs[i];
                row[0] += 1;
                match use_.helped {
                    Some(true) => row[1] += 1,
                    Some(false) => row[2] += 1,
                    None => {}
                }
            }
        }
        self.hours[e.start.hour() as usize % 24] += one;
        let day = self.days.entry(date).or_default();
        match e.kind {
            Kind::Twitch => day.strongest_twitch = day.strongest_twitch.max(e.intensity),
            Kind::Cramp => day.worst_pain = day.worst_pain.max(e.pain),
        }
        for s in &e.sites {
            match day.sites.get_mut(&s.site) {
                Some(sides) => sides[side_rank(s.side) as usize] = true,
                None => {
                    let mut sides = [false; 4];
                    sides[side_rank(s.side) as usize] = true;
                    day.sites.insert(s.site.clone(), sides);
                }
            }
        }
        if let Some(note) = e.note.as_deref().map(super::text::clean)
            && !note.is_empty()
        {
            let line = format!(
                "{:02}:{:02} {}: {note}",
                e.start.hour(),
                e.start.minute(),
                e.kind.as_str()
            );
            day.notes.push(((e.start, e.id), line));
        }
    }

    fn kind_summary(&self, kind: Kind, period_days: i64) -> KindSummary {
        let of = |n: &KindCounts| match kind {
            Kind::Twitch => n.twitches,
            Kind::Cramp => n.cramps,
        };
        let dates = || {
            self.per_day
                .iter()
                .filter(move |(_, n)| of(n) > 0)
                .map(|(d, _)| *d)
        };
        let count: u32 = self.per_day.values().map(of).sum();
        let values = match kind {
            Kind::Twitch => &self.twitch_values,
            Kind::Cramp => &self.cramp_values,
        };
        KindSummary {
            count,
            days: dates().count() as u32,
            per_week: per_week(count, u32::try_from(period_days).unwrap_or(0)),
            first: dates().next(),
            last: dates().next_back(),
            duration: Spread::of(values.durations.clone()),
            strength: Spread::of(values.strengths.clone()),
        }
    }

    /// Reliefs tried, most tried first (then in catalogue order).
    fn reliefs(&self) -> Vec<ReliefRow> {
        let mut rows: Vec<ReliefRow> = catalog()
            .reliefs
            .iter()
            .zip(&self.reliefs)
            .filter(|(_, [tried, ..])| *tried > 0)
            .map(|(r, &[tried, helped, no_help])| ReliefRow {
                label: r.label.clone(),
                tried,
                helped,
                no_help,
            })
            .collect();
        // Stable: equal counts keep the catalogue's order.
        rows.sort_by_key(|r| std::cmp::Reverse(r.tried));
        rows
    }

    fn groups(&self) -> Vec<GroupCount> {
        catalog()
            .groups
            .iter()
            .zip(&self.groups)
            .map(|(g, n)| GroupCount {
                label: g.label.clone(),
                twitches: n.twitches,
                cramps: n.cramps,
            })
            .collect()
    }

    /// One row per day with an episode or a note, with that day's check-in numbers; the
    /// day's notes are its episodes' by start (then id), then the check-in's.
    fn day_rows(&mut self, checkins: &[CheckIn]) -> Vec<DayRow> {
        let checkin_of: BTreeMap<NaiveDate, &CheckIn> =
            checkins.iter().map(|c| (c.date, c)).collect();
        let mut days = std::mem::take(&mut self.days);
        let mut checkin_notes: BTreeMap<NaiveDate, String> = BTreeMap::new();
        for c in checkins {
            if let Some(note) = c.note.as_deref().map(super::text::clean)
                && !note.is_empty()
            {
                days.entry(c.date).or_default();
                checkin_notes.insert(c.date, format!("check-in: {note}"));
            }
        }
        let order = |site: &str| catalog().site_order(site);
        days.into_iter()
            .map(|(date, day)| {
                let n = self.per_day.get(&date).copied().unwrap_or_default();
                let mut sites: Vec<(String, [bool; 4])> = day.sites.into_iter().collect();
                sites.sort_by_key(|(site, _)| (order(site), site.clone()));
                let mut notes = day.notes;
                notes.sort_by_key(|(at, _)| *at);
                let notes = notes
                    .into_iter()
                    .map(|(_, note)| note)
                    .chain(checkin_notes.remove(&date))
                    .collect();
                let c = checkin_of.get(&date);
                DayRow {
                    date,
                    twitches: n.twitches,
                    cramps: n.cramps,
                    sites: sites
                        .into_iter()
                        .map(|(site, sides)| compact_site(&site, sides))
                        .collect(),
                    strongest_twitch: day.strongest_twitch,
                    worst_pain: day.worst_pain,
                    sleep_h: c.and_then(|c| c.sleep_h),
                    caffeine_mg: c.and_then(|c| c.caffeine_mg),
                    stress: c.and_then(|c| c.stress),
                    notes,
                }
            })
            .collect()
    }
}

/// Episodes with a local date from `from` to `to` (none when `to` is before `from`).
fn between(
    per_day: &BTreeMap<NaiveDate, KindCounts>,
    from: NaiveDate,
    to: NaiveDate,
) -> KindCounts {
    let mut n = KindCounts::default();
    if from <= to {
        for day in per_day.range(from..=to).map(|(_, day)| *day) {
            n += day;
        }
    }
    n
}

fn trend(
    per_day: &BTreeMap<NaiveDate, KindCounts>,
    entry_days: &BTreeSet<NaiveDate>,
    from: NaiveDate,
    until: NaiveDate,
) -> Option<Trend> {
    // The 4 weeks before may begin before the period: then the days of them in it, which
    // the report names, rather than nothing (a period of 40 days has 12 of them).
    let window = |end: NaiveDate, partial: bool| -> Option<Window> {
        let start = end.checked_sub_days(Days::new(TREND_DAYS - 1))?;
        let start = match start < from {
            true if partial && end >= from => from,
            true => return None,
            false => start,
        };
        let n = between(per_day, start, end);
        Some(Window {
            from: start,
            until: end,
            twitches: n.twitches,
            cramps: n.cramps,
            logged: n.total() > 0 || entry_days.range(start..=end).next().is_some(),
        })
    };
    let last = window(until, false)?;
    let before = last.from.pred_opt().and_then(|end| window(end, true));
    Some(Trend { last, before })
}

/// "left", "right", "both", "side not given" or "" (a site without sides).
pub fn side_words(site: &str, side: Option<Side>) -> &'static str {
    match side {
        Some(side) => side.as_str(),
        None if catalog().site(site).is_some_and(|s| s.sided) => "side not given",
        None => "",
    }
}

/// Episodes per site and side, most first (then in catalogue order), the top ones, how many
/// more there are, and the most twitches and cramps among those.
fn sites(
    counts: &BTreeMap<(String, Option<Side>), KindCounts>,
) -> (Vec<SiteCount>, u32, KindCounts) {
    let order = |site: &str| catalog().site_order(site);
    let mut all: Vec<(&(String, Option<Side>), KindCounts)> =
        counts.iter().map(|(key, n)| (key, *n)).collect();
    all.sort_by(|((sa, da), a), ((sb, db), b)| {
        (b.total(), order(sa), sa, side_rank(*da)).cmp(&(a.total(), order(sb), sb, side_rank(*db)))
    });
    // The sites most twitched and the sites most cramped each get half the rows first, so that
    // many eyelid twitches never hide where the cramps are (or the other way round); the rest
    // go by total.
    let mut keep = vec![false; all.len()];
    for count in [|n: &KindCounts| n.twitches, |n: &KindCounts| n.cramps] {
        let mut ranked: Vec<usize> = (0..all.len()).filter(|&i| count(&all[i].1) > 0).collect();
        ranked.sort_by_key(|&i| std::cmp::Reverse(count(&all[i].1)));
        for i in ranked.into_iter().take(Summary::SITES / 2) {
            keep[i] = true;
        }
    }
    for i in 0..all.len() {
        if keep.iter().filter(|k| **k).count() >= Summary::SITES {
            break;
        }
        keep[i] = true;
    }
    let more = keep.iter().filter(|k| !**k).count() as u32;
    let mut most = KindCounts::default();
    for ((_, n), _) in all.iter().zip(&keep).filter(|(_, kept)| !**kept) {
        most.twitches = most.twitches.max(n.twitches);
        most.cramps = most.cramps.max(n.cramps);
    }
    let shown = all
        .into_iter()
        .zip(keep)
        .filter_map(|(row, kept)| kept.then_some(row))
        .map(|((site, side), n)| SiteCount {
            label: super::text::site_label(site),
            side: side_words(site, *side).to_string(),
            twitches: n.twitches,
            cramps: n.cramps,
        })
        .collect();
    (shown, more, most)
}

fn side_rank(side: Option<Side>) -> u8 {
    match side {
        Some(Side::Left) => 0,
        Some(Side::Right) => 1,
        Some(Side::Both) => 2,
        None => 3,
    }
}

/// The bands of the day episodes start in (local time).
pub const TIME_BANDS: [(&str, u32, u32); 4] = [
    ("night (00-06)", 0, 6),
    ("morning (06-12)", 6, 12),
    ("afternoon (12-18)", 12, 18),
    ("evening (18-24)", 18, 24),
];

fn times_of_day(hours: &[KindCounts; 24]) -> Vec<TimeBand> {
    TIME_BANDS
        .iter()
        .map(|&(label, from, to)| {
            let mut n = KindCounts::default();
            for h in &hours[from as usize..to as usize] {
                n += *h;
            }
            TimeBand {
                label,
                twitches: n.twitches,
                cramps: n.cramps,
            }
        })
        .collect()
}

/// The chart's buckets: weeks (counted as the Patterns screen counts them) for a period up to
/// a year, calendar months beyond.
fn chart(
    twitch_days: &[NaiveDate],
    cramp_days: &[NaiveDate],
    from: NaiveDate,
    until: NaiveDate,
) -> Chart {
    let days = twitch_days
        .iter()
        .map(|d| (*d, KindCounts::one(Kind::Twitch)))
        .chain(
            cramp_days
                .iter()
                .map(|d| (*d, KindCounts::one(Kind::Cramp))),
        );
    let inside = |start: NaiveDate, end: NaiveDate| {
        ((end.min(until) - start.max(from)).num_days() + 1).max(0) as u32
    };
    let bucket = |start: NaiveDate, end: NaiveDate, n: KindCounts| Bucket {
        start,
        days: inside(start, end),
        twitch_days: n.twitches,
        cramp_days: n.cramps,
    };
    if (until - from).num_days() < Chart::WEEKS_UP_TO_DAYS {
        let buckets = charts::by_week(days, from, until)
            .into_iter()
            .map(|(monday, n)| bucket(monday, monday + Days::new(6), n))
            .collect();
        return Chart {
            unit: ChartUnit::Week,
            buckets,
        };
    }
    let mut months: BTreeMap<NaiveDate, KindCounts> = BTreeMap::new();
    let mut month = month_start(from);
    while month <= until {
        months.insert(month, KindCounts::default());
        month = next_month(month);
    }
    for (day, n) in days {
        if let Some(m) = months.get_mut(&month_start(day)) {
            *m += n;
        }
    }
    Chart {
        unit: ChartUnit::Month,
        buckets: months
            .into_iter()
            .map(|(start, n)| bucket(start, next_month(start) - Days::new(1), n))
            .collect(),
    }
}

fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn next_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(NaiveDate::MAX)
}

/// The self-checks behind the occurrences that keep a flag active.
fn behind_active_flags(flags: &[Flag]) -> std::collections::BTreeSet<uuid::Uuid> {
    flags
        .iter()
        .filter(|f| f.active)
        .flat_map(|f| &f.evidence.occurrences)
        .filter(|o| o.active)
        .flat_map(|o| o.self_check_ids.iter().copied())
        .collect()
}

/// Every self-check that reported something and the latest without a problem, latest first,
/// so the summary keeps to a page; after them, `earlier` (oldest first): those from before the
/// period behind a red flag still active, each marked so.
fn summary_self_checks(earlier: &[SelfCheck], checks: &[SelfCheck]) -> (Vec<SelfCheckRow>, u32) {
    let before = earlier.iter().rev().map(|c| SelfCheckRow {
        before_period: true,
        ..self_check_row(c)
    });
    let rows: Vec<SelfCheckRow> = checks
        .iter()
        .rev()
        .map(self_check_row)
        .chain(before)
        .collect();
    let flagged = rows.iter().filter(|r| !r.all_fine).count();
    let fine_room = Summary::SELF_CHECKS.saturating_sub(flagged);
    let fine_total = rows.len() - flagged;
    let mut fine_kept = 0;
    let kept: Vec<SelfCheckRow> = rows
        .into_iter()
        .filter(|r| {
            if r.all_fine {
                fine_kept += 1;
                fine_kept <= fine_room
            } else {
                true
            }
        })
        .collect();
    (kept, fine_total.saturating_sub(fine_room) as u32)
}

fn self_check_row(c: &SelfCheck) -> SelfCheckRow {
    let tests: Vec<(String, String)> = [
        ("heel walk", c.heel_walk),
        ("open a jar", c.jar),
        ("climb stairs", c.stairs),
    ]
    .into_iter()
    .filter_map(|(name, result)| result.map(|r| (name.to_string(), r.as_str().to_string())))
    .collect();
    let failed = [c.heel_walk, c.jar, c.stairs].contains(&Some(TestResult::Fail));
    let mut symptoms: Vec<String> = c
        .symptoms
        .iter()
        .map(|s| super::text::symptom_label(s))
        .collect();
    symptoms.sort();
    SelfCheckRow {
        date: c.date,
        before_period: false,
        all_fine: !failed && symptoms.is_empty(),
        level: patterns::self_check_level(c),
        tests,
        symptoms,
    }
}

fn medication_row(
    med: &Medication,
    per_day: &BTreeMap<NaiveDate, KindCounts>,
    around_starts: &[(uuid::Uuid, Vec<Episode>)],
    settings: &Settings,
    until: NaiveDate,
    began: Option<NaiveDate>,
) -> MedicationRow {
    let window = u64::from(settings.medication_window_days);
    // Only the days the diary covers: none before its first entry (as the rule's detail says).
    let before_days = patterns::days_covered_before(settings, med.start, began);
    let before_from = med
        .start
        .checked_sub_days(Days::new(u64::from(before_days)))
        .unwrap_or(med.start);
    let after_to = med
        .start
        .checked_add_days(Days::new(window))
        .and_then(|d| d.pred_opt())
        .unwrap_or(med.start)
        .min(until);
    // From the start, too, only the days the diary covers.
    let after_from = began.map_or(med.start, |b| b.max(med.start));
    let around = around_starts
        .iter()
        .find(|(id, _)| *id == med.id)
        .map(|(_, eps)| eps.as_slice())
        .filter(|eps| !eps.is_empty());
    let between = |from: NaiveDate, to: NaiveDate| match around {
        Some(eps) => eps
            .iter()
            .filter(|e| (from..=to).contains(&e.local_date()))
            .count() as u32,
        None => between(per_day, from, to).total(),
    };
    MedicationRow {
        name: med.name.clone(),
        class: super::text::class_label(&med.class),
        dose: med.dose.clone(),
        start: med.start,
        stop: med.stop,
        before: if before_days == 0 {
            0
        } else {
            between(before_from, med.start.pred_opt().unwrap_or(med.start))
        },
        before_days,
        after: between(after_from, after_to),
        after_days: ((after_to - after_from).num_days() + 1).max(0) as u32,
    }
}

fn averages(checkins: &[CheckIn]) -> Averages {
    fn mean(values: impl Iterator<Item = f64>) -> (Option<f64>, u32) {
        let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
        ((n > 0).then(|| sum / f64::from(n)), n)
    }
    let (sleep_h, sleep_days) = mean(checkins.iter().filter_map(|c| c.sleep_h));
    let (caffeine_mg, caffeine_days) =
        mean(checkins.iter().filter_map(|c| c.caffeine_mg.map(f64::from)));
    let (stress, stress_days) = mean(checkins.iter().filter_map(|c| c.stress.map(f64::from)));
    Averages {
        checkin_days: checkins.len() as u32,
        sleep_h,
        sleep_days,
        caffeine_mg,
        caffeine_days,
        stress,
        stress_days,
    }
}

/// The letters of [`DayRow::sites`]: left, right, both, and a sided site logged without one.
pub const SIDE_LETTERS: [&str; 4] = ["L", "R", "B", "?"];

/// A site as the day rows name it, short: its label without the explanation in brackets, and
/// the sides logged that day ("upper arm L R", "tongue").
fn compact_site(site: &str, sides: [bool; 4]) -> String {
    let label = super::text::site_label(site);
    let short = label.split(" (").next().unwrap_or(&label);
    let sided = catalog().site(site).is_some_and(|s| s.sided);
    let letters: Vec<&str> = SIDE_LETTERS
        .iter()
        .zip(sides)
        .filter(|(letter, logged)| *logged && (sided || **letter != "?"))
        .map(|(letter, _)| *letter)
        .collect();
    if letters.is_empty() {
        short.to_string()
    } else {
        format!("{short} {}", letters.join(" "))
    }
}
