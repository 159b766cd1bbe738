//! `twitch_persistent`: a twitching spell lasting more than two weeks.
//!
//! A spell is a run of twitch days, each at most `spell_max_gap_days` after the previous one.
//! It fires when the spell's last day minus its first is at least `persistent_min_span_days`
//! (15 calendar days inclusive by default: 14 consecutive days do not fire).

use super::calendar::{Calendar, Day, runs_within};
use super::{Evidence, Flag, Level, Occurrence, RuleId, Settings, SpellDays, plural};

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
    let qualifying: Vec<&[&Day]> = runs_within(&days, gap, |d| d.date)
        .into_iter()
        .filter(|spell| (spell[spell.len() - 1].date - spell[0].date).num_days() >= span)
        .collect();
    let occurrences: Vec<Occurrence> = qualifying
        .iter()
        .map(|spell| spell_occurrence(cal, s, spell))
        .collect();
    let now = occurrences.last()?;
    let evidence = Evidence {
        dates: now.dates.clone(),
        episode_ids: now.episode_ids.clone(),
        spell_first: Some(now.first),
        spell_last: Some(now.last),
        spell: now.spell,
        obvious_trigger_share: now.spell.map(SpellDays::obvious_trigger_share),
        ..Evidence::default()
    };
    Flag::from_occurrences(RuleId::TwitchPersistent, occurrences, evidence)
}

/// One spell that lasted long enough, met on the first day its span reached
/// `persistent_min_span_days`. Its level is the most serious it reached on any day from then
/// on: fewer than half of its twitch days so far with an obvious trigger makes it see-a-doctor,
/// and later days with a trigger never lower that (DOMAIN.md section 4: a milder later part
/// never lowers a level), so `patterns --as-of` a later day never shows it milder.
fn spell_occurrence(cal: &Calendar, s: &Settings, spell: &[&Day]) -> Occurrence {
    let (first, last) = (spell[0].date, spell[spell.len() - 1].date);
    let long_enough =
        |d: &Day| (d.date - first).num_days() >= i64::from(s.persistent_min_span_days);
    // "Fewer than half": exactly half is notice.
    let too_few =
        |obvious: u32, days: u32| f64::from(obvious) < s.obvious_trigger_share * f64::from(days);
    let met = spell
        .iter()
        .find(|d| long_enough(d))
        .map_or(last, |d| d.date);
    // The first day on which the spell so far had too few days with an obvious trigger.
    let mut obvious = 0u32;
    let mut see_doctor_on = None;
    for (n, day) in spell.iter().enumerate() {
        obvious += u32::from(had_obvious_trigger(day, s));
        if see_doctor_on.is_none() && long_enough(day) && too_few(obvious, n as u32 + 1) {
            see_doctor_on = Some((day.date, obvious, n as u32 + 1));
        }
    }
    let twitch_days = spell.len() as u32;
    let days = SpellDays {
        twitch_days,
        obvious_trigger_days: obvious,
    };
    let level = if see_doctor_on.is_some() {
        Level::SeeDoctor
    } else {
        Level::Notice
    };
    let unbroken = (cal.as_of - last).num_days() <= i64::from(s.spell_max_gap_days);
    let mut detail = format!(
        "Twitching on {} from {first} to {last} ({} in all, no gap over {}{}); {obvious} of them ({:.0}%) had an obvious trigger (caffeine, stress or poor sleep).",
        plural(twitch_days, "day", "days"),
        plural(
            (last - first).num_days() as u32 + 1,
            "calendar day",
            "calendar days"
        ),
        plural(s.spell_max_gap_days, "day", "days"),
        if unbroken { ", still unbroken" } else { "" },
        days.obvious_trigger_share() * 100.0,
    );
    if let Some((on, obvious_then, days_then)) = see_doctor_on
        && !too_few(obvious, twitch_days)
    {
        detail.push_str(&format!(
            " By {on}, {obvious_then} of its first {days_then} twitch days had one, {}: it met see-a-doctor then, and the later days with a trigger do not undo that.",
            too_few_words(s)
        ));
    }
    // Days without an obvious trigger whose check-in leaves some of caffeine, stress and
    // sleep unknown (or that have none): the share counts them as days without one.
    let unknown = spell
        .iter()
        .filter(|d| {
            !had_obvious_trigger(d, s)
                && d.checkin.is_none_or(|c| {
                    c.caffeine_mg.is_none() || c.stress.is_none() || c.sleep_h.is_none()
                })
        })
        .count() as u32;
    if unknown > 0 {
        detail.push_str(&format!(
            " {} without one had no check-in, or one without caffeine, stress or sleep: what was not logged counts as no obvious trigger.",
            plural(unknown, "twitch day", "twitch days")
        ));
    }
    Occurrence {
        active: unbroken,
        detail,
        dates: spell.iter().map(|d| d.date).collect(),
        episode_ids: spell.iter().filter_map(|d| d.first_twitch).collect(),
        spell: Some(days),
        ..Occurrence::new(level, first, last, met)
    }
}

/// What "too few days with an obvious trigger" is, in words: "fewer than half" at the default
/// share, "under 40%" when the setting says so.
fn too_few_words(s: &Settings) -> String {
    if s.obvious_trigger_share == 0.5 {
        "fewer than half".to_string()
    } else {
        format!("under {:.0}%", s.obvious_trigger_share * 100.0)
    }
}
