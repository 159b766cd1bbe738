//! `medication_onset`: a medicine of a flagged class started, and in the window from its start
//! the diary has at least `medication_min_episodes` episodes and at least `medication_ratio`
//! times the count of the same number of days before it.
//!
//! The window after is the start date and the days following it (28 days in all by default);
//! the window before is the 28 days up to the day before the start. Episodes of both kinds
//! count. Only days up to the as-of date are seen, so the rule can be met part-way through the
//! window: `first_met` is the day the counts first met it.
//!
//! The rule compares what was logged, but the detail says how many of the days before the
//! start the diary covers (DOMAIN.md section 8): "0 in the 28 days before" from a diary begun
//! after the start would read as 28 quiet days nobody logged.

use chrono::{Days, NaiveDate};

use super::calendar::Calendar;
use super::{
    Evidence, Flag, Level, MedicationEvidence, Occurrence, RuleId, Settings, sorted_dates,
};
use crate::catalog::catalog;
use crate::domain::Medication;

pub fn medication_onset(cal: &Calendar, s: &Settings) -> Vec<Flag> {
    cal.medications
        .iter()
        .filter(|m| m.start <= cal.as_of)
        .filter_map(|m| onset(cal, s, m))
        .collect()
}

fn onset(cal: &Calendar, s: &Settings, med: &Medication) -> Option<Flag> {
    let class = catalog().medication_class(&med.class)?;
    if !class.flagged {
        return None;
    }
    let window = Days::new(u64::from(s.medication_window_days));
    let before_from = med.start.checked_sub_days(window).unwrap_or(NaiveDate::MIN);
    let after_until = med
        .start
        .checked_add_days(window)
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX);
    let count = |d: &super::calendar::Day| d.episodes();
    let before: u32 = cal
        .days
        .iter()
        .filter(|d| d.date >= before_from && d.date < med.start)
        .map(count)
        .sum();
    let after_days: Vec<_> = cal
        .days
        .iter()
        .filter(|d| d.date >= med.start && d.date <= after_until && count(d) > 0)
        .collect();
    let mut running = 0;
    let mut met_at = None;
    for (i, d) in after_days.iter().enumerate() {
        running += count(d);
        if running >= s.medication_min_episodes
            && f64::from(running) >= s.medication_ratio * f64::from(before)
        {
            met_at = Some(i);
            break;
        }
    }
    let met_at = met_at?;
    let after: u32 = after_days.iter().map(|d| count(d)).sum();
    let behind = &after_days[..=met_at];
    let first_met = behind.last()?.date;
    let mut episode_ids = Vec::new();
    for d in behind {
        episode_ids.extend(cal.episodes_on(d.date, None).map(|e| e.id));
    }
    let seen_until = after_until.min(cal.as_of);
    let detail = format!(
        "{} ({}) started {}: {after} episodes from then to {seen_until}, {}. {}",
        med.name,
        class.label,
        med.start,
        against(before, med.start, s, began(cal)),
        class.evidence,
    );
    let (first, last) = (after_days.first()?.date, after_days.last()?.date);
    let dates = sorted_dates(behind.iter().map(|d| d.date).collect());
    let detail = detail.trim_end().to_string();
    let occurrence = Occurrence {
        // A medication rule is active while the medicine is taken.
        active: med.active_on(cal.as_of),
        detail: detail.clone(),
        dates: dates.clone(),
        episode_ids: episode_ids.clone(),
        ..Occurrence::new(Level::SeeDoctor, first, last, first_met)
    };
    let evidence = Evidence {
        dates,
        episode_ids,
        medication: Some(MedicationEvidence {
            id: med.id,
            name: med.name.clone(),
            class: med.class.clone(),
            start: med.start,
            stop: med.stop,
            window_days: s.medication_window_days,
            episodes_before: before,
            episodes_after: after,
            class_evidence: class.evidence.clone(),
        }),
        ..Evidence::default()
    };
    Flag::from_occurrences(RuleId::MedicationOnset, vec![occurrence], evidence)
}

/// How many of the `medication_window_days` days before a medicine's `start` the diary covers,
/// having begun (its first episode, check-in or self-check) on `began`: none when it began on
/// or after the start, or has no entry. The rule's detail and the report's medications table
/// both count the days before a start this way.
pub fn days_covered_before(s: &Settings, start: NaiveDate, began: Option<NaiveDate>) -> u32 {
    began.map_or(0, |began| {
        (start - began)
            .num_days()
            .clamp(0, i64::from(s.medication_window_days)) as u32
    })
}

/// "against 2 in the 28 days before", saying how many of those days the diary covers when it
/// began after the first of them.
fn against(before: u32, start: NaiveDate, s: &Settings, began: Option<NaiveDate>) -> String {
    let window = s.medication_window_days;
    let covered = days_covered_before(s, start, began);
    let Some(began) = began.filter(|_| covered < window) else {
        return format!("against {before} in the {window} days before");
    };
    let why = if covered > 0 {
        format!("so it covers {covered} of those {window} days")
    } else if began == start {
        "the day of the start, so those days are not in it".to_string()
    } else {
        "after the start, so those days are not in it".to_string()
    };
    format!(
        "against {before} logged in the {window} days before; the diary began on {began}, {why}"
    )
}

/// The date of the diary's first entry as the calendar holds it: its first day with an episode
/// or a check-in (a night's day kept only for a cramp the next morning is not one), or its
/// first self-check. The calendar reaches back to the diary's start for every caller that
/// shows the detail (Today's banner reads less, and counts flags only).
fn began(cal: &Calendar) -> Option<NaiveDate> {
    let day = (cal.days.iter())
        .find(|d| d.episodes() > 0 || d.checkin.is_some())
        .map(|d| d.date);
    let check = cal.self_checks.first().map(|c| c.date);
    day.into_iter().chain(check).min()
}
