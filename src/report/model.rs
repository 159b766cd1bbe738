//! What the report says, computed once from the diary; the renderers only lay it out.

use chrono::{Days, NaiveDate};
use serde::Deserialize;

use crate::catalog::catalog;
use crate::config::Config;
use crate::domain::{
    CheckIn, DiarySlice, Episode, InputError, Kind, Medication, SelfCheck, TestResult,
};
use crate::patterns::charts::{self, KindCounts};
use crate::patterns::{self, FactorRow, Flag, Settings};
use crate::store::Diary;

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
    /// The first day of the period: the `since` asked for, or the first entry of the diary.
    pub from: NaiveDate,
    pub until: NaiveDate,
    /// Whether `from` was asked for (false: "all entries", starting at the first one).
    pub since_given: bool,
    pub made_on: NaiveDate,
    pub patient: Patient,
    pub summary: Summary,
    /// Oldest first.
    pub episodes: Vec<Episode>,
    pub checkins: Vec<CheckIn>,
    /// Medications taken at some time in the period, by start date.
    pub medications: Vec<Medication>,
    pub self_checks: Vec<SelfCheck>,
}

/// The one-page summary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    pub twitches: u32,
    pub cramps: u32,
    pub twitch_days: u32,
    /// Nights (by the evening's date) with a nocturnal cramp.
    pub cramp_nights: u32,
    /// The chart: the last [`Summary::CHART_WEEKS`] weeks of the period at most.
    pub weeks: Vec<WeekCount>,
    /// How many weeks the period has in all (more than the chart shows when long).
    pub weeks_in_period: u32,
    /// The four body groups in catalogue order, each with the episodes touching it.
    pub groups: Vec<GroupCount>,
    /// The most frequent sites, most first.
    pub top_sites: Vec<SiteCount>,
    pub times_of_day: Vec<TimeBand>,
    /// Every flag met in the period, most serious first.
    pub flags: Vec<Flag>,
    /// Self-checks, oldest first, with the fine results too: every one with a red flag, and
    /// the latest fine ones up to [`Summary::SELF_CHECKS`] rows in all.
    pub self_checks: Vec<SelfCheckRow>,
    /// Fine self-checks left out of the summary for room (all are in the detail).
    pub self_checks_not_shown: u32,
    pub medications: Vec<MedicationRow>,
    /// Factor rows with enough data, in DOMAIN.md order.
    pub factors: Vec<FactorRow>,
    pub confidence: f64,
    pub averages: Averages,
}

impl Summary {
    pub const CHART_WEEKS: usize = 26;
    pub const TOP_SITES: usize = 6;
    pub const SELF_CHECKS: usize = 6;
}

/// One week of the chart (Monday to Sunday, cut to the period).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekCount {
    pub start: NaiveDate,
    /// Days of this week inside the period (1-7).
    pub days: u32,
    pub twitch_days: u32,
    pub cramp_nights: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCount {
    pub label: String,
    pub twitches: u32,
    pub cramps: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteCount {
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

/// A self-check as the summary shows it: each answer, fine or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfCheckRow {
    pub date: NaiveDate,
    /// (test, "ok" / "fail") for the tests done.
    pub tests: Vec<(String, String)>,
    /// Labels of the symptoms present; empty means none of the listed ones.
    pub symptoms: Vec<String>,
    pub all_fine: bool,
    /// The level the check meets on its own (numbness or tingling alone: see a doctor).
    pub level: Option<patterns::Level>,
}

/// A medication beside the episode rate in the window before and after its start.
#[derive(Debug, Clone, PartialEq)]
pub struct MedicationRow {
    pub name: String,
    pub class: String,
    pub dose: Option<String>,
    pub start: NaiveDate,
    pub stop: Option<NaiveDate>,
    /// Episodes in the `window_days` before the start.
    pub before: u32,
    pub before_days: u32,
    /// Episodes from the start, over `after_days` (the window, cut at the end of the period).
    pub after: u32,
    pub after_days: u32,
}

impl MedicationRow {
    /// Episodes per week before the start.
    pub fn before_per_week(&self) -> Option<f64> {
        per_week(self.before, self.before_days)
    }

    /// Episodes per week from the start.
    pub fn after_per_week(&self) -> Option<f64> {
        per_week(self.after, self.after_days)
    }
}

fn per_week(count: u32, days: u32) -> Option<f64> {
    (days > 0).then(|| f64::from(count) * 7.0 / f64::from(days))
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

impl Report {
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
        let slice = diary.load(since, Some(until))?;
        // The rate before a medicine's start may reach back before the period.
        let window = Days::new(u64::from(settings.medication_window_days));
        let mut around_starts = Vec::new();
        for med in in_period(&slice.medications, since, until) {
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
        Ok(Report::from_slice(
            slice,
            since,
            until,
            made_on,
            patient,
            &settings,
            &around_starts,
        ))
    }

    /// The report of an already loaded slice. `around_starts` holds, for a medicine whose
    /// before-window reaches back past the slice, the episodes of its two windows.
    pub fn from_slice(
        slice: DiarySlice,
        since: Option<NaiveDate>,
        until: NaiveDate,
        made_on: NaiveDate,
        patient: Patient,
        settings: &Settings,
        around_starts: &[(uuid::Uuid, Vec<Episode>)],
    ) -> Report {
        let DiarySlice {
            mut episodes,
            mut checkins,
            medications,
            mut self_checks,
        } = slice;
        // Ids are unique, so an unstable sort gives the one order there is, without a stable
        // sort's buffer of half the episodes (9 MB for a 10-year diary).
        episodes.sort_unstable_by_key(|e| (e.start, e.id));
        checkins.sort_by_key(|c| c.date);
        self_checks.sort_by_key(|c| (c.date, c.created, c.id));
        let first_entry = episodes
            .iter()
            .map(Episode::local_date)
            .chain(checkins.iter().map(|c| c.date))
            .chain(self_checks.iter().map(|c| c.date))
            .min();
        let from = since.or(first_entry).unwrap_or(until).min(until);
        let mut medications: Vec<Medication> = in_period(&medications, Some(from), until)
            .cloned()
            .collect();
        medications.sort_by(|a, b| (a.start, &a.name, a.id).cmp(&(b.start, &b.name, b.id)));

        let slice = DiarySlice {
            episodes,
            checkins,
            medications,
            self_checks,
        };
        let findings = patterns::evaluate_period(&slice, settings, since, until);
        let summary = Summary {
            twitches: count(&slice.episodes, Kind::Twitch),
            cramps: count(&slice.episodes, Kind::Cramp),
            twitch_days: twitch_days(&slice.episodes).len() as u32,
            cramp_nights: cramp_nights(&slice.episodes).len() as u32,
            weeks: Vec::new(),
            weeks_in_period: 0,
            groups: groups(&slice.episodes),
            top_sites: top_sites(&slice.episodes),
            times_of_day: times_of_day(&slice.episodes),
            flags: findings.flags,
            self_checks: Vec::new(),
            self_checks_not_shown: 0,
            medications: slice
                .medications
                .iter()
                .map(|m| medication_row(m, &slice.episodes, around_starts, settings, until))
                .collect(),
            factors: findings
                .factors
                .into_iter()
                .filter(|f| f.enough_data)
                .collect(),
            confidence: settings.confidence,
            averages: averages(&slice.checkins),
        };
        let (weeks, weeks_in_period) = weeks(&slice.episodes, from, until);
        let (self_checks, self_checks_not_shown) = summary_self_checks(&slice.self_checks);
        Report {
            from,
            until,
            since_given: since.is_some(),
            made_on,
            patient,
            summary: Summary {
                weeks,
                weeks_in_period,
                self_checks,
                self_checks_not_shown,
                ..summary
            },
            episodes: slice.episodes,
            checkins: slice.checkins,
            medications: slice.medications,
            self_checks: slice.self_checks,
        }
    }

    /// Nothing at all was logged in the period.
    pub fn is_empty(&self) -> bool {
        self.episodes.is_empty()
            && self.checkins.is_empty()
            && self.self_checks.is_empty()
            && self.medications.is_empty()
    }

    /// "2026-08-28 to 2026-11-25 (90 days)".
    pub fn period(&self) -> String {
        let days = (self.until - self.from).num_days() + 1;
        let from = if self.since_given || self.is_empty() {
            super::text::date(self.from)
        } else {
            format!("{} (the first entry)", super::text::date(self.from))
        };
        format!(
            "{from} to {} ({})",
            super::text::date(self.until),
            super::text::plural(days as u32, "day", "days")
        )
    }
}

fn in_period(
    meds: &[Medication],
    since: Option<NaiveDate>,
    until: NaiveDate,
) -> impl Iterator<Item = &Medication> {
    meds.iter().filter(move |m| {
        m.start <= until && since.is_none_or(|s| m.stop.is_none_or(|stop| stop >= s))
    })
}

fn count(episodes: &[Episode], kind: Kind) -> u32 {
    episodes.iter().filter(|e| e.kind == kind).count() as u32
}

fn twitch_days(episodes: &[Episode]) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = episodes
        .iter()
        .filter(|e| e.kind == Kind::Twitch)
        .map(Episode::local_date)
        .collect();
    days.dedup();
    days.sort_unstable();
    days.dedup();
    days
}

fn cramp_nights(episodes: &[Episode]) -> Vec<NaiveDate> {
    let mut nights: Vec<NaiveDate> = episodes.iter().filter_map(Episode::night_of).collect();
    nights.sort_unstable();
    nights.dedup();
    nights
}

/// The weeks of the period (the last `CHART_WEEKS` of them), and how many there are in all.
fn weeks(episodes: &[Episode], from: NaiveDate, until: NaiveDate) -> (Vec<WeekCount>, u32) {
    let twitch_days = twitch_days(episodes)
        .into_iter()
        .map(|d| (d, KindCounts::one(Kind::Twitch)));
    let cramp_nights = cramp_nights(episodes)
        .into_iter()
        .filter(|n| *n >= from)
        .map(|n| (n, KindCounts::one(Kind::Cramp)));
    let all = charts::by_week(twitch_days.chain(cramp_nights), from, until);
    let total = all.len();
    let shown = all
        .into_iter()
        .skip(total.saturating_sub(Summary::CHART_WEEKS))
        .map(|(start, n)| WeekCount {
            start,
            days: (0..7)
                .filter_map(|i| start.checked_add_days(Days::new(i)))
                .filter(|d| *d >= from && *d <= until)
                .count() as u32,
            twitch_days: n.twitches,
            cramp_nights: n.cramps,
        })
        .collect();
    (shown, total as u32)
}

fn groups(episodes: &[Episode]) -> Vec<GroupCount> {
    catalog()
        .groups
        .iter()
        .map(|g| {
            let touching = |kind: Kind| {
                episodes
                    .iter()
                    .filter(|e| {
                        e.kind == kind && e.sites.iter().any(|s| s.group() == Some(g.id.as_str()))
                    })
                    .count() as u32
            };
            GroupCount {
                label: g.label.clone(),
                twitches: touching(Kind::Twitch),
                cramps: touching(Kind::Cramp),
            }
        })
        .collect()
}

fn top_sites(episodes: &[Episode]) -> Vec<SiteCount> {
    charts::by_site(episodes)
        .into_iter()
        .filter_map(|s| {
            catalog().site(&s.site)?;
            // Left and right apart: "calf (left)", "calf (right)".
            Some(SiteCount {
                label: s.label(),
                twitches: s.counts.twitches,
                cramps: s.counts.cramps,
            })
        })
        .take(Summary::TOP_SITES)
        .collect()
}

/// The bands of the day episodes start in (local time).
pub const TIME_BANDS: [(&str, u32, u32); 4] = [
    ("night (00-06)", 0, 6),
    ("morning (06-12)", 6, 12),
    ("afternoon (12-18)", 12, 18),
    ("evening (18-24)", 18, 24),
];

fn times_of_day(episodes: &[Episode]) -> Vec<TimeBand> {
    let hours = charts::by_hour(episodes);
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

/// Every self-check with a red flag and the latest fine ones, so the summary keeps to a page.
fn summary_self_checks(checks: &[SelfCheck]) -> (Vec<SelfCheckRow>, u32) {
    let rows: Vec<SelfCheckRow> = checks.iter().map(self_check_row).collect();
    let flagged = rows.iter().filter(|r| !r.all_fine).count();
    let fine_room = Summary::SELF_CHECKS.saturating_sub(flagged);
    let fine_total = rows.len() - flagged;
    let skip_fine = fine_total.saturating_sub(fine_room);
    let mut fine_seen = 0;
    let kept: Vec<SelfCheckRow> = rows
        .into_iter()
        .filter(|r| {
            if r.all_fine {
                fine_seen += 1;
                fine_seen > skip_fine
            } else {
                true
            }
        })
        .collect();
    (kept, skip_fine as u32)
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
        all_fine: !failed && symptoms.is_empty(),
        level: patterns::self_check_level(c),
        tests,
        symptoms,
    }
}

fn medication_row(
    med: &Medication,
    episodes: &[Episode],
    around_starts: &[(uuid::Uuid, Vec<Episode>)],
    settings: &Settings,
    until: NaiveDate,
) -> MedicationRow {
    let window = u64::from(settings.medication_window_days);
    let before_from = med
        .start
        .checked_sub_days(Days::new(window))
        .unwrap_or(med.start);
    let after_to = med
        .start
        .checked_add_days(Days::new(window))
        .and_then(|d| d.pred_opt())
        .unwrap_or(med.start)
        .min(until);
    let source = around_starts
        .iter()
        .find(|(id, _)| *id == med.id)
        .map(|(_, eps)| eps.as_slice())
        .filter(|eps| !eps.is_empty())
        .unwrap_or(episodes);
    let between = |from: NaiveDate, to: NaiveDate| {
        source
            .iter()
            .filter(|e| (from..=to).contains(&e.local_date()))
            .count() as u32
    };
    let before_to = med.start.pred_opt().unwrap_or(med.start);
    MedicationRow {
        name: med.name.clone(),
        class: super::text::class_label(&med.class),
        dose: med.dose.clone(),
        start: med.start,
        stop: med.stop,
        before: between(before_from, before_to),
        before_days: (med.start - before_from).num_days() as u32,
        after: between(med.start, after_to),
        after_days: ((after_to - med.start).num_days() + 1).max(0) as u32,
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
