//! `twitch_widespread` and `twitch_multiple_places`: twitches in several body groups within
//! any window of `spread_window_days` days (eyelid twitches do not count). Multiple places is
//! only shown when widespread does not fire.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::calendar::{Calendar, Day, group_names, spread_bits};
use super::{Evidence, Flag, Level, RuleId, Settings};

/// Where a window rule was met: the first and latest qualifying window ends, and how many
/// separate times (windows that do not overlap the previous qualifying one start a new time).
pub struct WindowHits {
    pub first_end: NaiveDate,
    pub latest_end: NaiveDate,
    pub occurrences: u32,
}

/// Scans windows of `window` days ending on each of `days` (sorted by date), where `value`
/// gives what a day adds and `enough` says whether a window's total qualifies.
pub fn scan_windows<T: Copy>(
    days: &[(NaiveDate, T)],
    window: u32,
    empty: T,
    add: impl Fn(T, T) -> T,
    enough: impl Fn(T) -> bool,
) -> Option<WindowHits> {
    let span = i64::from(window) - 1;
    let mut hits: Option<WindowHits> = None;
    let mut from = 0;
    for end in 0..days.len() {
        let end_date = days[end].0;
        while (end_date - days[from].0).num_days() > span {
            from += 1;
        }
        let total = days[from..=end]
            .iter()
            .fold(empty, |acc, &(_, v)| add(acc, v));
        if !enough(total) {
            continue;
        }
        match &mut hits {
            None => {
                hits = Some(WindowHits {
                    first_end: end_date,
                    latest_end: end_date,
                    occurrences: 1,
                })
            }
            Some(h) => {
                if (end_date - h.latest_end).num_days() > span {
                    h.occurrences += 1;
                }
                h.latest_end = end_date;
            }
        }
    }
    hits
}

pub fn twitch_spread(cal: &Calendar, s: &Settings) -> Option<Flag> {
    let days: Vec<&Day> = cal.days.iter().filter(|d| d.spread_groups != 0).collect();
    let masks: Vec<(NaiveDate, u32)> = days.iter().map(|d| (d.date, d.spread_groups)).collect();
    let scan = |min_groups: u32| {
        scan_windows(
            &masks,
            s.spread_window_days,
            0,
            |a, b| a | b,
            |m| m.count_ones() >= min_groups,
        )
    };
    let (rule, hits) = match scan(s.widespread_min_groups) {
        Some(hits) => (RuleId::TwitchWidespread, hits),
        None => (
            RuleId::TwitchMultiplePlaces,
            scan(s.multiple_places_min_groups)?,
        ),
    };
    let window_end = hits.latest_end;
    let window_start = window_end
        .checked_sub_days(chrono::Days::new(u64::from(s.spread_window_days) - 1))
        .unwrap_or(NaiveDate::MIN);
    let in_window: Vec<&Day> = days
        .iter()
        .filter(|d| d.date >= window_start && d.date <= window_end)
        .copied()
        .collect();
    let mask = in_window.iter().fold(0, |m, d| m | d.spread_groups);
    // One episode per day and group: the first twitch that brought that group that day.
    let mut episode_ids = Vec::new();
    let mut seen = HashSet::new();
    for d in &in_window {
        for &n in &d.twitches {
            let bits = spread_bits(cal.episode(n));
            let brings_new = (0..32)
                .filter(|g| bits & (1 << g) != 0)
                .fold(false, |any, g| seen.insert((d.date, g)) | any);
            if brings_new {
                episode_ids.push(cal.episode(n).id);
            }
        }
    }
    let groups = group_names(mask);
    let (level, what) = match rule {
        RuleId::TwitchWidespread => (
            Level::SeeDoctor,
            "ask about blood tests: electrolytes, kidney function, vitamin D, thyroid",
        ),
        _ => (Level::Notice, "worth watching"),
    };
    let detail = format!(
        "Twitches in {} body regions ({}) within the {} days {window_start} to {window_end}, eyelid twitches not counted; {what}.",
        groups.len(),
        groups.join(", "),
        s.spread_window_days,
    );
    let evidence = Evidence {
        dates: in_window.iter().map(|d| d.date).collect(),
        episode_ids,
        occurrences: hits.occurrences,
        last_seen: in_window.last().map(|d| d.date),
        window_start: Some(window_start),
        window_end: Some(window_end),
        groups,
        ..Evidence::default()
    };
    Some(Flag::new(
        rule,
        level,
        detail,
        hits.first_end,
        cal.is_recent(window_end, s.active_within_days),
        evidence,
    ))
}
