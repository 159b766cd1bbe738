//! The red flags of a self-check (a failed strength test; atrophy, bulbar, foot-drop and
//! breathing symptoms), sensory symptoms, and tongue or throat twitches.

use chrono::NaiveDate;

use super::calendar::{BULBAR_TWITCH_SITES, Calendar};
use super::{Evidence, Flag, Level, RuleId, Settings, plural, sorted_dates};
use crate::domain::{SelfCheck, TestResult};

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

/// What to do about a self-check at that level, in the guidance's words.
pub fn self_check_advice(level: Level) -> &'static str {
    match level {
        Level::Urgent => {
            "A failed strength test or a red-flag symptom is a red flag in NHS and NICE guidance: \
             arrange a prompt medical review."
        }
        _ => {
            "Numbness or tingling is worth booking an appointment for; it is usually a nerve or \
             circulation matter, not the motor-neuron pattern."
        }
    }
}

/// The strength tests of a self-check, by catalogue id.
fn tests(check: &SelfCheck) -> [(&'static str, Option<TestResult>); 3] {
    [
        ("heel-walk", check.heel_walk),
        ("jar", check.jar),
        ("stairs", check.stairs),
    ]
}

pub fn red_flags(cal: &Calendar, s: &Settings) -> Vec<Flag> {
    let mut flags: Vec<Flag> = weakness(cal, s).into_iter().collect();
    for (rule, level, symptoms) in SYMPTOM_RULES {
        flags.extend(symptom_flag(cal, s, rule, level, symptoms));
    }
    flags
}

fn weakness(cal: &Calendar, s: &Settings) -> Option<Flag> {
    let failing: Vec<&SelfCheck> = cal
        .self_checks
        .iter()
        .copied()
        .filter(|c| tests(c).iter().any(|(_, r)| *r == Some(TestResult::Fail)))
        .collect();
    let first = failing.first()?;
    let latest = failing.last()?;
    let mut failed_tests = Vec::new();
    for (name, _) in tests(first) {
        let failed = failing
            .iter()
            .any(|c| tests(c).contains(&(name, Some(TestResult::Fail))));
        if failed {
            failed_tests.push(name.to_string());
        }
    }
    // Still failing: the latest self-check that tried a test failed it, recently.
    let active = (0..3).any(|i| {
        cal.self_checks
            .iter()
            .rev()
            .find_map(|c| tests(c)[i].1.map(|r| (c.date, r)))
            .is_some_and(|(date, r)| {
                r == TestResult::Fail && cal.is_recent(date, s.active_within_days)
            })
    });
    let latest_failed: Vec<&str> = tests(latest)
        .iter()
        .filter(|(_, r)| *r == Some(TestResult::Fail))
        .map(|(n, _)| *n)
        .collect();
    let detail = format!(
        "{} with a failed strength test; the latest, on {}, failed: {}.",
        plural(failing.len() as u32, "self-check", "self-checks"),
        latest.date,
        latest_failed.join(", ")
    );
    let evidence = Evidence {
        dates: sorted_dates(failing.iter().map(|c| c.date).collect()),
        self_check_ids: failing.iter().map(|c| c.id).collect(),
        occurrences: failing.len() as u32,
        last_seen: Some(latest.date),
        failed_tests,
        ..Evidence::default()
    };
    Some(Flag::new(
        RuleId::RedFlagWeakness,
        Level::Urgent,
        detail,
        first.date,
        active,
        evidence,
    ))
}

fn symptom_flag(
    cal: &Calendar,
    s: &Settings,
    rule: RuleId,
    level: Level,
    symptoms: &[&str],
) -> Option<Flag> {
    let reports = |c: &SelfCheck| c.symptoms.iter().any(|x| symptoms.contains(&x.as_str()));
    let checks: Vec<&SelfCheck> = cal
        .self_checks
        .iter()
        .copied()
        .filter(|c| reports(c))
        .collect();
    // Tongue and throat twitches: (date, episode index, site).
    let mut twitches: Vec<(NaiveDate, u32, &str)> = Vec::new();
    if rule == RuleId::RedFlagBulbar {
        for day in cal.twitch_days() {
            for &n in &day.twitches {
                if let Some(site) = cal
                    .episode(n)
                    .sites
                    .iter()
                    .find(|x| BULBAR_TWITCH_SITES.contains(&x.site.as_str()))
                {
                    twitches.push((day.date, n, site.site.as_str()));
                }
            }
        }
    }
    if checks.is_empty() && twitches.is_empty() {
        return None;
    }
    let dates = sorted_dates(
        checks
            .iter()
            .map(|c| c.date)
            .chain(twitches.iter().map(|t| t.0))
            .collect(),
    );
    let first_met = *dates.first()?;
    let last_seen = *dates.last()?;
    let still_reported = cal
        .self_checks
        .last()
        .is_some_and(|c| reports(c) && cal.is_recent(c.date, s.active_within_days));
    let recent_twitch = twitches
        .last()
        .is_some_and(|t| cal.is_recent(t.0, s.active_within_days));
    let seen_symptoms: Vec<String> = symptoms
        .iter()
        .filter(|x| checks.iter().any(|c| c.symptoms.iter().any(|y| y == *x)))
        .map(|x| x.to_string())
        .collect();
    let mut sites: Vec<String> = Vec::new();
    for (_, _, site) in &twitches {
        if !sites.iter().any(|x| x == site) {
            sites.push(site.to_string());
        }
    }
    let mut why = Vec::new();
    if let Some(latest) = checks.last() {
        why.push(format!(
            "{} {} (the latest on {})",
            seen_symptoms.join(", "),
            if checks.len() == 1 {
                "reported in a self-check".to_string()
            } else {
                format!("reported in {} self-checks", checks.len())
            },
            latest.date
        ));
    }
    if let Some(latest) = twitches.last() {
        why.push(format!(
            "{} at {} (the latest on {})",
            plural(twitches.len() as u32, "twitch", "twitches"),
            sites.join(" or "),
            latest.0
        ));
    }
    let mut detail = why.join("; ");
    detail.push('.');
    let evidence = Evidence {
        dates,
        episode_ids: twitches.iter().map(|t| cal.episode(t.1).id).collect(),
        self_check_ids: checks.iter().map(|c| c.id).collect(),
        occurrences: (checks.len() + twitches.len()) as u32,
        last_seen: Some(last_seen),
        symptoms: seen_symptoms,
        sites,
        ..Evidence::default()
    };
    Some(Flag::new(
        rule,
        level,
        capitalise(&detail),
        first_met,
        still_reported || recent_twitch,
        evidence,
    ))
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
