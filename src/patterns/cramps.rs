//! Cramp rules: a cramp over 10 minutes, one that leaves the muscle sore for days, and night
//! cramps on 3 or more nights within a week.
//!
//! A night is known from its first cramp: a night whose only cramp came at 02:30 on the 6th is
//! the 5th's, but it is seen as of the 6th, so a flag it completes is first met on the 6th.

use chrono::NaiveDate;

use super::calendar::Calendar;
use super::spread::{qualifying_windows, runs, window_start};
use super::{Evidence, Flag, Level, Occurrence, RuleId, Settings, plural, sorted_dates};
use crate::domain::summary::LeanEpisode;
use crate::domain::{Kind, format_duration};

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

/// Cramps that `measure` gives a value for, with their dates and values, day by day in start
/// order. The cramps of a day whose longest or sorest cramp meets a rule are among the
/// episodes asked for.
fn cramps_where<'a, T>(
    cal: &Calendar<'a>,
    measure: impl Fn(&LeanEpisode) -> Option<T>,
) -> Vec<(NaiveDate, &'a LeanEpisode, T)> {
    let mut found: Vec<(NaiveDate, &LeanEpisode, T)> = cal
        .episodes
        .iter()
        .filter(|e| e.kind == Kind::Cramp)
        .filter_map(|e| Some((e.local_date(), *e, measure(e)?)))
        .collect();
    found.sort_by_key(|(date, e, _)| (*date, e.first()));
    found
}

/// A rule met by single cramps, those `measure` (a duration, days sore) gives a value for (the
/// cramps that meet the rule): one occurrence per cramp, met on its date. `evidence` is handed
/// the greatest value; `several`, when more than one cramp met it, the number of cramps, the
/// greatest value and its date (the latest of equals) and the date last seen, for the flag's
/// detail.
fn single_cramp_flag<T: Copy + Ord>(
    cal: &Calendar,
    s: &Settings,
    rule: RuleId,
    measure: impl Fn(&LeanEpisode) -> Option<T>,
    occurrence: impl Fn(NaiveDate, T) -> Occurrence,
    evidence: impl FnOnce(T) -> Evidence,
    several: impl FnOnce(u32, T, NaiveDate, NaiveDate) -> String,
) -> Option<Flag> {
    let found = cramps_where(cal, measure);
    let (date, most) = found
        .iter()
        .map(|&(date, _, m)| (date, m))
        .max_by_key(|&(date, m)| (m, date))?;
    let occurrences = found
        .iter()
        .map(|&(date, e, m)| Occurrence {
            active: cal.is_recent(date, s.active_within_days),
            dates: vec![date],
            episode_ids: vec![e.id],
            ..occurrence(date, m)
        })
        .collect();
    let mut flag = Flag::from_occurrences(
        rule,
        occurrences,
        Evidence {
            dates: sorted_dates(found.iter().map(|f| f.0).collect()),
            episode_ids: found.iter().map(|f| f.1.id).collect(),
            ..evidence(most)
        },
    )?;
    if found.len() > 1 {
        flag.detail = several(found.len() as u32, most, date, flag.last_seen);
    }
    Some(flag)
}

fn long_cramps(cal: &Calendar, s: &Settings) -> Option<Flag> {
    single_cramp_flag(
        cal,
        s,
        RuleId::CrampOver10Min,
        |e| e.duration_s.filter(|&d| d > s.long_cramp_over_s),
        |date, d| Occurrence {
            detail: format!(
                "A cramp on {date} lasted {}, more than {}.",
                format_duration(d),
                format_duration(s.long_cramp_over_s)
            ),
            duration_s: Some(d),
            ..Occurrence::new(Level::SeeDoctor, date, date, date)
        },
        |longest| Evidence {
            longest_s: Some(longest),
            ..Evidence::default()
        },
        |n, longest, date, last_seen| {
            format!(
                "{} lasted more than {}; the longest, {}, on {date}; the latest on {last_seen}.",
                plural(n, "cramp", "cramps"),
                format_duration(s.long_cramp_over_s),
                format_duration(longest),
            )
        },
    )
}

fn sore_cramps(cal: &Calendar, s: &Settings) -> Option<Flag> {
    single_cramp_flag(
        cal,
        s,
        RuleId::CrampSoreForDays,
        |e| e.sore_days.filter(|&d| d >= s.sore_min_days),
        |date, d| Occurrence {
            detail: format!(
                "A cramp on {date} left the muscle sore for {}.",
                plural(u32::from(d), "day", "days")
            ),
            sore_days: Some(d),
            ..Occurrence::new(Level::SeeDoctor, date, date, date)
        },
        |most| Evidence {
            most_sore_days: Some(most),
            ..Evidence::default()
        },
        |n, most, date, last_seen| {
            format!(
                "{} left the muscle sore for {} or more; the most, {}, after the cramp on {date}; the latest on {last_seen}.",
                plural(n, "cramp", "cramps"),
                plural(u32::from(s.sore_min_days), "day", "days"),
                plural(u32::from(most), "day", "days"),
            )
        },
    )
}

/// A night with a cramp: the evening's date, and the dates of its first and latest cramps.
#[derive(Clone, Copy)]
struct Night {
    date: NaiveDate,
    seen_from: NaiveDate,
    seen_until: NaiveDate,
}

fn frequent_nights(cal: &Calendar, s: &Settings) -> Option<Flag> {
    let nights: Vec<Night> = cal
        .days
        .iter()
        .filter_map(|d| {
            let night = d.night?;
            Some(Night {
                date: d.date,
                seen_from: night.seen_from,
                seen_until: night.seen_until,
            })
        })
        .collect();
    let counts: Vec<(NaiveDate, u32)> = nights.iter().map(|n| (n.date, 1)).collect();
    let windows = qualifying_windows(
        &counts,
        s.nocturnal_window_days,
        0,
        |a, b| a + b,
        |n| n >= s.nocturnal_min_nights,
    );
    // The as-of date from which a window holds enough nights: its nights are seen from their
    // first cramp, so the day the last of the first `nocturnal_min_nights` of them was seen.
    let met = |w: &super::spread::Window| {
        let mut seen: Vec<NaiveDate> = nights[w.from..=w.to].iter().map(|n| n.seen_from).collect();
        seen.sort_unstable();
        let k = (s.nocturnal_min_nights as usize).clamp(1, seen.len());
        seen[k - 1]
    };
    let level = Level::Notice;
    let occurrences: Vec<Occurrence> = runs(&windows, s.nocturnal_window_days)
        .into_iter()
        .filter_map(|run| {
            let held = &nights[run.first()?.from..=run.last()?.to];
            let first = held.iter().map(|n| n.seen_from).min()?;
            let last = held.iter().map(|n| n.seen_until).max()?;
            let (from, until) = (held.first()?.date, held.last()?.date);
            Some(Occurrence {
                active: cal.is_recent(last, s.active_within_days),
                detail: format!(
                    "Night cramps on {} from the night of {from} to the night of {until}, {} or more within {} nights.",
                    plural(held.len() as u32, "night", "nights"),
                    s.nocturnal_min_nights,
                    s.nocturnal_window_days,
                ),
                dates: held.iter().map(|n| n.date).collect(),
                episode_ids: night_episodes(cal, held),
                ..Occurrence::new(level, first, last, run.iter().map(met).min()?)
            })
        })
        .collect();
    let latest = windows.last()?;
    let window_start = window_start(latest.end, s.nocturnal_window_days);
    let held = &nights[latest.from..=latest.to];
    let mut flag = Flag::from_occurrences(
        RuleId::NocturnalCrampsFrequent,
        occurrences,
        Evidence {
            dates: held.iter().map(|n| n.date).collect(),
            episode_ids: night_episodes(cal, held),
            window_start: Some(window_start),
            window_end: Some(latest.end),
            ..Evidence::default()
        },
    )?;
    let latest_detail = format!(
        "Night cramps on {} within the {} nights {window_start} to {}.",
        plural(held.len() as u32, "night", "nights"),
        s.nocturnal_window_days,
        latest.end,
    );
    flag.detail = match flag.evidence.occurrences.len() {
        1 => latest_detail,
        n => format!("{latest_detail} Met {n} times; the evidence lists each."),
    };
    Some(flag)
}

/// The first cramp of each night.
fn night_episodes(cal: &Calendar, nights: &[Night]) -> Vec<uuid::Uuid> {
    nights
        .iter()
        .filter_map(|n| cal.day(n.date)?.night)
        .map(|night| night.first.id)
        .collect()
}
