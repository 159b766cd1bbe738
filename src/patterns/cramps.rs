//! Cramp rules: a cramp over 10 minutes, one that leaves the muscle sore for days, and night
//! cramps on 3 or more nights within a week.

use chrono::{Days, NaiveDate};

use super::calendar::Calendar;
use super::spread::scan_windows;
use super::{Evidence, Flag, Level, RuleId, Settings, plural, sorted_dates};
use crate::domain::{Episode, format_duration};

pub fn cramp_flags(cal: &Calendar, s: &Settings) -> Vec<Flag> {
    [
        long_cramps(cal, s),
        sore_cramps(cal, s),
        frequent_nights(cal, s),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Cramps (with their dates) that meet `test`, oldest first.
fn cramps_where<'a>(
    cal: &Calendar<'a>,
    test: impl Fn(&Episode) -> bool,
) -> Vec<(NaiveDate, &'a Episode)> {
    cal.days
        .iter()
        .flat_map(|d| d.cramps.iter().map(move |&n| (d.date, n)))
        .map(|(date, n)| (date, cal.episode(n)))
        .filter(|(_, e)| test(e))
        .collect()
}

fn single_cramp_flag(
    cal: &Calendar,
    s: &Settings,
    rule: RuleId,
    level: Level,
    found: &[(NaiveDate, &Episode)],
    detail: String,
    evidence: Evidence,
) -> Option<Flag> {
    let first = found.first()?.0;
    let last = found.last()?.0;
    Some(Flag::new(
        rule,
        level,
        detail,
        first,
        cal.is_recent(last, s.active_within_days),
        Evidence {
            dates: sorted_dates(found.iter().map(|f| f.0).collect()),
            episode_ids: found.iter().map(|f| f.1.id).collect(),
            occurrences: found.len() as u32,
            last_seen: Some(last),
            ..evidence
        },
    ))
}

fn long_cramps(cal: &Calendar, s: &Settings) -> Option<Flag> {
    let found = cramps_where(cal, |e| {
        e.duration_s.is_some_and(|d| d > s.long_cramp_over_s)
    });
    let (date, longest) = found
        .iter()
        .map(|(date, e)| (*date, e.duration_s.unwrap_or(0)))
        .max_by_key(|(date, d)| (*d, *date))?;
    let detail = format!(
        "{} lasted more than {}; the longest, {}, on {date}.",
        plural(found.len() as u32, "cramp", "cramps"),
        format_duration(s.long_cramp_over_s),
        format_duration(longest),
    );
    single_cramp_flag(
        cal,
        s,
        RuleId::CrampOver10Min,
        Level::Urgent,
        &found,
        detail,
        Evidence {
            longest_s: Some(longest),
            ..Evidence::default()
        },
    )
}

fn sore_cramps(cal: &Calendar, s: &Settings) -> Option<Flag> {
    let found = cramps_where(cal, |e| e.sore_days.is_some_and(|d| d >= s.sore_min_days));
    let (date, most) = found
        .iter()
        .map(|(date, e)| (*date, e.sore_days.unwrap_or(0)))
        .max_by_key(|(date, d)| (*d, *date))?;
    let detail = format!(
        "{} left the muscle sore for {} or more; the most, {}, after the cramp on {date}.",
        plural(found.len() as u32, "cramp", "cramps"),
        plural(u32::from(s.sore_min_days), "day", "days"),
        plural(u32::from(most), "day", "days"),
    );
    single_cramp_flag(
        cal,
        s,
        RuleId::CrampSoreForDays,
        Level::SeeDoctor,
        &found,
        detail,
        Evidence {
            most_sore_days: Some(most),
            ..Evidence::default()
        },
    )
}

fn frequent_nights(cal: &Calendar, s: &Settings) -> Option<Flag> {
    let nights: Vec<(NaiveDate, u32)> = cal
        .days
        .iter()
        .filter(|d| d.is_cramp_night())
        .map(|d| (d.date, 1))
        .collect();
    let hits = scan_windows(
        &nights,
        s.nocturnal_window_days,
        0,
        |a, b| a + b,
        |n| n >= s.nocturnal_min_nights,
    )?;
    let window_end = hits.latest_end;
    let window_start = window_end
        .checked_sub_days(Days::new(u64::from(s.nocturnal_window_days) - 1))
        .unwrap_or(NaiveDate::MIN);
    let in_window: Vec<_> = cal
        .days
        .iter()
        .filter(|d| d.is_cramp_night() && d.date >= window_start && d.date <= window_end)
        .collect();
    let detail = format!(
        "Night cramps on {} within the {} nights {window_start} to {window_end}.",
        plural(in_window.len() as u32, "night", "nights"),
        s.nocturnal_window_days,
    );
    let evidence = Evidence {
        dates: in_window.iter().map(|d| d.date).collect(),
        episode_ids: in_window
            .iter()
            .filter_map(|d| d.night_cramps.first())
            .map(|&n| cal.episode(n).id)
            .collect(),
        occurrences: hits.occurrences,
        last_seen: Some(window_end),
        window_start: Some(window_start),
        window_end: Some(window_end),
        ..Evidence::default()
    };
    Some(Flag::new(
        RuleId::NocturnalCrampsFrequent,
        Level::Notice,
        detail,
        hits.first_end,
        cal.is_recent(window_end, s.active_within_days),
        evidence,
    ))
}
