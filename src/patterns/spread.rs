//! `twitch_widespread` and `twitch_multiple_places`: twitches in several body groups within
//! any window of `spread_window_days` days (eyelid twitches do not count).
//!
//! The windows looked at are the days up to each day with a counted twitch (a window that only
//! loses its oldest day adds nothing new). A window in which `twitch_widespread` is met does not
//! count towards `twitch_multiple_places`, so an old widespread flag never hides a new
//! two-place one, and a widespread window is not also called two places.

use chrono::NaiveDate;
use uuid::Uuid;

use super::calendar::{Calendar, Day, group_names, runs_within};
use super::{Evidence, Flag, Level, Occurrence, Reported, RuleId, Settings};

/// A window that met a rule: the day it ends on, and the first and last index of the scanned
/// days it holds.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub end: NaiveDate,
    pub from: usize,
    pub to: usize,
}

/// The windows of `window` days ending on each of `days` (sorted by date) whose total
/// `qualifies`, where `add` sums what the days hold.
pub fn qualifying_windows<T: Copy>(
    days: &[(NaiveDate, T)],
    window: u32,
    empty: T,
    add: impl Fn(T, T) -> T,
    qualifies: impl Fn(T) -> bool,
) -> Vec<Window> {
    let span = i64::from(window) - 1;
    let mut found = Vec::new();
    let mut from = 0;
    for to in 0..days.len() {
        let end = days[to].0;
        while (end - days[from].0).num_days() > span {
            from += 1;
        }
        let total = days[from..=to]
            .iter()
            .fold(empty, |acc, &(_, v)| add(acc, v));
        if qualifies(total) {
            found.push(Window { end, from, to });
        }
    }
    found
}

/// Qualifying windows in runs, one run per occurrence: a window that overlaps the previous one
/// continues its run; one that does not starts a new one.
pub fn runs(windows: &[Window], window: u32) -> Vec<&[Window]> {
    runs_within(windows, i64::from(window) - 1, |w| w.end)
}

/// The first day of the window of `window` days ending on `end`.
pub fn window_start(end: NaiveDate, window: u32) -> NaiveDate {
    end.checked_sub_days(chrono::Days::new(u64::from(window).saturating_sub(1)))
        .unwrap_or(NaiveDate::MIN)
}

pub fn twitch_spread(cal: &Calendar, s: &Settings) -> Vec<Flag> {
    let days: Vec<&Day> = cal.days.iter().filter(|d| d.spread_groups != 0).collect();
    let masks: Vec<(NaiveDate, u32)> = days.iter().map(|d| (d.date, d.spread_groups)).collect();
    let wide = s.widespread_min_groups;
    let multi = s.multiple_places_min_groups;
    let windows = |qualifies: &dyn Fn(u32) -> bool| {
        qualifying_windows(&masks, s.spread_window_days, 0, |a, b| a | b, qualifies)
    };
    [
        (
            RuleId::TwitchWidespread,
            windows(&|m: u32| m.count_ones() >= wide),
        ),
        (
            RuleId::TwitchMultiplePlaces,
            windows(&|m: u32| m.count_ones() >= multi && m.count_ones() < wide),
        ),
    ]
    .into_iter()
    .filter_map(|(rule, found)| spread_flag(cal, s, rule, &days, &found))
    .collect()
}

fn spread_flag(
    cal: &Calendar,
    s: &Settings,
    rule: RuleId,
    days: &[&Day],
    windows: &[Window],
) -> Option<Flag> {
    let (level, min_groups, what) = match rule {
        RuleId::TwitchWidespread => (
            Level::SeeDoctor,
            format!("{} or more", s.widespread_min_groups),
            "ask about blood tests of salts, kidney function, vitamin D and thyroid",
        ),
        _ => (
            Level::Notice,
            s.multiple_places_min_groups.to_string(),
            "worth watching",
        ),
    };
    let occurrences: Vec<Occurrence> = runs(windows, s.spread_window_days)
        .into_iter()
        .map(|run| {
            let held = &days[run[0].from..=run[run.len() - 1].to];
            let (first, last) = (held[0].date, run[run.len() - 1].end);
            let groups = group_names(held.iter().fold(0, |m, d| m | d.spread_groups));
            Occurrence {
                active: cal.is_recent(last, s.active_within_days),
                detail: format!(
                    "Twitches in {min_groups} body regions ({}) within {} days, from {first} to {last}{}; eyelid twitches not counted; {what}.",
                    windows_regions(days, run),
                    s.spread_window_days,
                    if run.len() > 1 {
                        format!(" ({} windows)", run.len())
                    } else {
                        String::new()
                    },
                ),
                dates: held.iter().map(|d| d.date).collect(),
                episode_ids: bringing_groups(held),
                reported: Reported {
                    groups,
                    ..Reported::default()
                },
                ..Occurrence::new(level, first, last, run[0].end)
            }
        })
        .collect();
    let latest = windows.last()?;
    let held = &days[latest.from..=latest.to];
    let evidence = Evidence {
        dates: held.iter().map(|d| d.date).collect(),
        episode_ids: bringing_groups(held),
        window_start: Some(window_start(latest.end, s.spread_window_days)),
        window_end: Some(latest.end),
        reported: Reported {
            groups: group_names(held.iter().fold(0, |m, d| m | d.spread_groups)),
            ..Reported::default()
        },
        ..Evidence::default()
    };
    Flag::from_occurrences(rule, occurrences, evidence)
}

/// The body regions of each window of a run, each set once, in the order first met: "arms,
/// legs", or "arms, legs; then trunk, legs" when the windows held different ones. (The run's
/// days together may hold more regions than any one window did: those never met the rule
/// together.)
fn windows_regions(days: &[&Day], run: &[Window]) -> String {
    let mut sets: Vec<u32> = Vec::new();
    for w in run {
        let set = days[w.from..=w.to]
            .iter()
            .fold(0, |m, d| m | d.spread_groups);
        if !sets.contains(&set) {
            sets.push(set);
        }
    }
    sets.into_iter()
        .map(|set| group_names(set).join(", "))
        .collect::<Vec<_>>()
        .join("; then ")
}

/// One episode per day and group: the first twitch that brought that group that day.
fn bringing_groups(days: &[&Day]) -> Vec<Uuid> {
    days.iter()
        .flat_map(|d| d.group_firsts.iter().copied())
        .collect()
}
