//! `twitch_persistent`: a twitching spell lasting more than two weeks.
//!
//! A spell is a run of twitch days, each at most `spell_max_gap_days` after the previous one.
//! It fires when the spell's last day minus its first is at least `persistent_min_span_days`
//! (15 calendar days inclusive by default: 14 consecutive days do not fire).

use super::calendar::{Calendar, Day};
use super::{Evidence, Flag, Level, RuleId, Settings, plural};

/// Whether a twitch day had an obvious trigger: a twitch tagged caffeine, stress or poor sleep,
/// or that day's check-in with high caffeine, high stress or short sleep.
pub fn had_obvious_trigger(day: &Day, s: &Settings) -> bool {
    day.obvious_tag
        || day.checkin.is_some_and(|c| {
            c.caffeine_mg.is_some_and(|v| v >= s.obvious_caffeine_mg)
                || c.stress.is_some_and(|v| v >= s.obvious_stress)
                || c.sleep_h.is_some_and(|v| v < s.obvious_sleep_under_h)
        })
}

pub fn twitch_persistent(cal: &Calendar, s: &Settings) -> Option<Flag> {
    let days: Vec<&Day> = cal.twitch_days().collect();
    let gap = i64::from(s.spell_max_gap_days);
    let span = i64::from(s.persistent_min_span_days);
    let mut spells: Vec<&[&Day]> = Vec::new();
    let mut start = 0;
    for i in 1..=days.len() {
        if i == days.len() || (days[i].date - days[i - 1].date).num_days() > gap {
            if i > start {
                spells.push(&days[start..i]);
            }
            start = i;
        }
    }
    let qualifying: Vec<&[&Day]> = spells
        .into_iter()
        .filter(|spell| (spell[spell.len() - 1].date - spell[0].date).num_days() >= span)
        .collect();
    let first = qualifying.first()?;
    let first_met = first
        .iter()
        .find(|d| (d.date - first[0].date).num_days() >= span)
        .map(|d| d.date)?;
    let latest = qualifying.last()?;
    let (spell_first, spell_last) = (latest[0].date, latest[latest.len() - 1].date);
    let twitch_days = latest.len() as u32;
    let obvious = latest.iter().filter(|d| had_obvious_trigger(d, s)).count() as u32;
    let share = f64::from(obvious) / f64::from(twitch_days);
    // "Fewer than half": exactly half is notice.
    let level = if f64::from(obvious) < s.obvious_trigger_share * f64::from(twitch_days) {
        Level::SeeDoctor
    } else {
        Level::Notice
    };
    let active = (cal.as_of - spell_last).num_days() <= gap;
    let detail = format!(
        "Twitching on {} from {spell_first} to {spell_last} ({} in all, no gap over {}); {obvious} of them ({:.0}%) had an obvious trigger (caffeine, stress or poor sleep).",
        plural(twitch_days, "day", "days"),
        plural(
            (spell_last - spell_first).num_days() as u32 + 1,
            "calendar day",
            "calendar days"
        ),
        plural(s.spell_max_gap_days, "day", "days"),
        share * 100.0,
    );
    let evidence = Evidence {
        dates: latest.iter().map(|d| d.date).collect(),
        episode_ids: latest
            .iter()
            .filter_map(|d| d.twitches.first())
            .map(|&n| cal.episode(n).id)
            .collect(),
        occurrences: qualifying.len() as u32,
        last_seen: Some(spell_last),
        spell_first: Some(spell_first),
        spell_last: Some(spell_last),
        twitch_days: Some(twitch_days),
        obvious_trigger_days: Some(obvious),
        obvious_trigger_share: Some(share),
        ..Evidence::default()
    };
    Some(Flag::new(
        RuleId::TwitchPersistent,
        level,
        detail,
        first_met,
        active,
        evidence,
    ))
}
