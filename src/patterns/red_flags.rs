//! The red flags of a self-check (a failed strength test; atrophy, bulbar, foot-drop and
//! breathing symptoms), sensory symptoms, and tongue or throat twitches.

use chrono::NaiveDate;

use super::calendar::{BULBAR_TWITCH_SITES, Calendar, runs_within};
use super::{Evidence, Flag, Level, Occurrence, Reported, RuleId, Settings, plural, sorted_dates};
use crate::domain::summary::LeanEpisode;
use crate::domain::{Kind, SelfCheck, TestResult};

/// Each symptom rule, its level and the self-check symptom ids that raise it.
const SYMPTOM_RULES: [(RuleId, Level, &[&str]); 5] = [
    (RuleId::RedFlagAtrophy, Level::Urgent, &["atrophy"]),
    (
        RuleId::RedFlagBulbar,
        Level::Urgent,
        &["swallowing", "speech", "tongue"],
    ),
    (RuleId::RedFlagFootDrop, Level::Urgent, &["foot-drop"]),
    (RuleId::RedFlagBreathing, Level::Urgent, &["breathing"]),
    (
        RuleId::SensorySymptoms,
        Level::SeeDoctor,
        &["numbness", "tingling"],
    ),
];

/// The most serious level one self-check meets on its own: `Urgent` for a failed strength test
/// or a red-flag symptom, `SeeDoctor` for numbness or tingling alone, `None` when all was fine.
pub fn self_check_level(check: &SelfCheck) -> Option<Level> {
    let failed = tests(check)
        .iter()
        .any(|(_, r)| *r == Some(TestResult::Fail));
    let symptoms = SYMPTOM_RULES
        .iter()
        .filter(|(_, _, ids)| check.symptoms.iter().any(|s| ids.contains(&s.as_str())))
        .map(|(_, level, _)| *level);
    failed
        .then_some(Level::Urgent)
        .into_iter()
        .chain(symptoms)
        .min()
}

/// What to do about a self-check at that level, in the guidance's words, with its source.
pub fn self_check_advice(level: Level) -> &'static str {
    match level {
        Level::Urgent => {
            "A failed strength test or a red-flag symptom is a red flag (NICE NG42; MND \
             Association red-flag tool): arrange a prompt medical review."
        }
        _ => {
            "Numbness or tingling is worth booking an appointment for (NHS, \"Leg cramps\": see \
             a GP for numbness with cramps); say where and when you felt it."
        }
    }
}

/// The strength tests of a self-check, by catalogue id.
fn tests(check: &SelfCheck) -> [(&'static str, Option<TestResult>); 3] {
    let [heel, jar, stairs] = TEST_NAMES;
    [
        (heel, check.heel_walk),
        (jar, check.jar),
        (stairs, check.stairs),
    ]
}

const TEST_NAMES: [&str; 3] = ["heel-walk", "jar", "stairs"];

pub fn red_flags(cal: &Calendar, s: &Settings) -> Vec<Flag> {
    let mut flags: Vec<Flag> = weakness(cal).into_iter().collect();
    for (rule, level, symptoms) in SYMPTOM_RULES {
        flags.extend(symptom_flag(cal, s, rule, level, symptoms));
    }
    flags
}

/// Self-checks that reported a rule, run by run: a run starts with a self-check that reports
/// it and ends at a later one that no longer does (time alone never ends it).
struct Run {
    checks: Vec<(NaiveDate, uuid::Uuid)>,
    /// What was reported, in order of first report: failed tests or symptoms.
    reported: Vec<String>,
    tests: bool,
    cleared: Option<NaiveDate>,
}

impl Run {
    fn new(tests: bool) -> Run {
        Run {
            checks: Vec::new(),
            reported: Vec::new(),
            tests,
            cleared: None,
        }
    }

    fn add(&mut self, check: &SelfCheck, reported: impl IntoIterator<Item = String>) {
        self.checks.push((check.date, check.id));
        for r in reported {
            if !self.reported.contains(&r) {
                self.reported.push(r);
            }
        }
    }

    /// The occurrence, described with `what` ("atrophy reported", "jar failed"), `ended` (what
    /// the self-check that cleared it showed) and, while it is not cleared, `still` (why it is
    /// still active).
    fn occurrence(&self, level: Level, what: &str, ended: &str, still: &str) -> Option<Occurrence> {
        let (first, _) = *self.checks.first()?;
        let (last, _) = *self.checks.last()?;
        let mut detail = if self.checks.len() == 1 {
            format!("{what} in a self-check on {first}")
        } else {
            format!(
                "{what} in {} from {first} to {last}",
                plural(self.checks.len() as u32, "self-check", "self-checks")
            )
        };
        match self.cleared {
            Some(date) => detail.push_str(&format!("; {ended} in the self-check on {date}.")),
            None => detail.push_str(&format!("; {still}.")),
        }
        Some(Occurrence {
            active: self.cleared.is_none(),
            cleared: self.cleared,
            detail: capitalise(&detail),
            dates: sorted_dates(self.checks.iter().map(|c| c.0).collect()),
            self_check_ids: self.checks.iter().map(|c| c.1).collect(),
            reported: if self.tests {
                Reported {
                    failed_tests: self.reported.clone(),
                    ..Reported::default()
                }
            } else {
                Reported {
                    symptoms: self.reported.clone(),
                    ..Reported::default()
                }
            },
            ..Occurrence::new(level, first, last, first)
        })
    }
}

fn weakness(cal: &Calendar) -> Option<Flag> {
    let fail = Some(TestResult::Fail);
    let mut runs: Vec<Run> = Vec::new();
    let mut open: Option<Run> = None;
    // Each test failing in the latest self-check that tried it.
    let mut failing = [false; 3];
    for &c in &cal.self_checks {
        let results = tests(c);
        for (i, (_, r)) in results.iter().enumerate() {
            if let Some(r) = r {
                failing[i] = *r == TestResult::Fail;
            }
        }
        let failed: Vec<String> = results
            .iter()
            .filter(|(_, r)| *r == fail)
            .map(|(n, _)| n.to_string())
            .collect();
        if !failed.is_empty() {
            open.get_or_insert_with(|| Run::new(true)).add(c, failed);
        } else if !failing.contains(&true)
            && let Some(mut run) = open.take()
        {
            run.cleared = Some(c.date);
            runs.push(run);
        }
    }
    let latest_check = cal.self_checks.last().map(|c| c.date);
    let mut occurrences: Vec<Occurrence> = runs
        .iter()
        .filter_map(|r| r.occurrence(Level::Urgent, &failed_what(r), PASSED, ""))
        .collect();
    if let Some(run) = &open {
        let last = run.checks.last()?.0;
        let still: Vec<&str> = TEST_NAMES
            .iter()
            .zip(failing)
            .filter(|(_, f)| *f)
            .map(|(n, _)| *n)
            .collect();
        let still = if latest_check == Some(last) {
            format!("no self-check since {last}")
        } else {
            format!("{} not tried again since {last}", still.join(", "))
        };
        occurrences.extend(run.occurrence(Level::Urgent, &failed_what(run), PASSED, &still));
    }
    let all: Vec<&Run> = runs.iter().chain(&open).collect();
    let mut failed_tests = Vec::new();
    for name in TEST_NAMES {
        if all.iter().any(|r| r.reported.iter().any(|x| x == name)) {
            failed_tests.push(name.to_string());
        }
    }
    let checks: Vec<(NaiveDate, uuid::Uuid)> =
        all.iter().flat_map(|r| r.checks.iter().copied()).collect();
    let evidence = Evidence {
        dates: sorted_dates(checks.iter().map(|c| c.0).collect()),
        self_check_ids: checks.iter().map(|c| c.1).collect(),
        reported: Reported {
            failed_tests,
            ..Reported::default()
        },
        ..Evidence::default()
    };
    Flag::from_occurrences(RuleId::RedFlagWeakness, occurrences, evidence)
}

/// How a self-check that clears a run is described.
const PASSED: &str = "every failed test passed again";
const NOT_REPORTED: &str = "not reported";

/// "heel-walk, jar failed".
fn failed_what(run: &Run) -> String {
    format!("{} failed", run.reported.join(", "))
}

fn symptom_flag(
    cal: &Calendar,
    s: &Settings,
    rule: RuleId,
    level: Level,
    symptoms: &[&str],
) -> Option<Flag> {
    let reported = |c: &SelfCheck| -> Vec<String> {
        symptoms
            .iter()
            .filter(|x| c.symptoms.iter().any(|y| y == *x))
            .map(|x| x.to_string())
            .collect()
    };
    let mut runs: Vec<Run> = Vec::new();
    let mut open: Option<Run> = None;
    for &c in &cal.self_checks {
        let found = reported(c);
        if !found.is_empty() {
            open.get_or_insert_with(|| Run::new(false)).add(c, found);
        } else if let Some(mut run) = open.take() {
            run.cleared = Some(c.date);
            runs.push(run);
        }
    }
    let what = |run: &Run| format!("{} reported", run.reported.join(", "));
    let mut occurrences: Vec<Occurrence> = runs
        .iter()
        .filter_map(|r| r.occurrence(level, &what(r), NOT_REPORTED, ""))
        .collect();
    if let Some(run) = &open {
        // Still reported in the latest self-check: nothing later has said otherwise.
        let last = run.checks.last()?.0;
        occurrences.extend(run.occurrence(
            level,
            &what(run),
            NOT_REPORTED,
            &format!("no self-check since {last}"),
        ));
    }
    // Tongue and throat twitches: (date, episode, site), day by day in start order.
    let mut twitches: Vec<(NaiveDate, &LeanEpisode, &str)> = Vec::new();
    if rule == RuleId::RedFlagBulbar {
        for e in cal.episodes.iter().filter(|e| e.kind == Kind::Twitch) {
            if let Some(site) = e
                .sites
                .iter()
                .find(|x| BULBAR_TWITCH_SITES.contains(&x.as_str()))
            {
                twitches.push((e.local_date(), e, site.as_str()));
            }
        }
        twitches.sort_by_key(|t| (t.0, t.1.first()));
    }
    occurrences.extend(twitch_occurrences(cal, s, level, &twitches));
    let all: Vec<&Run> = runs.iter().chain(&open).collect();
    let checks: Vec<(NaiveDate, uuid::Uuid)> =
        all.iter().flat_map(|r| r.checks.iter().copied()).collect();
    let seen_symptoms: Vec<String> = symptoms
        .iter()
        .filter(|x| all.iter().any(|r| r.reported.iter().any(|y| y == *x)))
        .map(|x| x.to_string())
        .collect();
    let evidence = Evidence {
        dates: sorted_dates(
            checks
                .iter()
                .map(|c| c.0)
                .chain(twitches.iter().map(|t| t.0))
                .collect(),
        ),
        episode_ids: twitches.iter().map(|t| t.1.id).collect(),
        self_check_ids: checks.iter().map(|c| c.1).collect(),
        reported: Reported {
            symptoms: seen_symptoms,
            sites: distinct(twitches.iter().map(|t| t.2)),
            ..Reported::default()
        },
        ..Evidence::default()
    };
    Flag::from_occurrences(rule, occurrences, evidence)
}

/// Tongue or throat twitches as occurrences: a twitch within `active_within_days` of the
/// previous one continues its occurrence, which stays active that long after its latest twitch.
fn twitch_occurrences(
    cal: &Calendar,
    s: &Settings,
    level: Level,
    twitches: &[(NaiveDate, &LeanEpisode, &str)],
) -> Vec<Occurrence> {
    let mut found = Vec::new();
    let gap = i64::from(s.active_within_days);
    for run in runs_within(twitches, gap, |t| t.0) {
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            continue;
        };
        let sites = distinct(run.iter().map(|t| t.2));
        let detail = if run.len() == 1 {
            format!("A twitch at {} on {}.", sites.join(" or "), first.0)
        } else {
            format!(
                "{} at {} from {} to {}.",
                plural(run.len() as u32, "twitch", "twitches"),
                sites.join(" or "),
                first.0,
                last.0
            )
        };
        found.push(Occurrence {
            active: cal.is_recent(last.0, s.active_within_days),
            detail,
            dates: sorted_dates(run.iter().map(|t| t.0).collect()),
            episode_ids: run.iter().map(|t| t.1.id).collect(),
            reported: Reported {
                sites,
                ..Reported::default()
            },
            ..Occurrence::new(level, first.0, last.0, first.0)
        });
    }
    found
}

/// The distinct items, in order of first appearance.
fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.iter().any(|x| x == item) {
            out.push(item.to_string());
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
