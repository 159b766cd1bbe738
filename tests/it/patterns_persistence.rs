//! `twitch_persistent`: a twitching spell over two weeks, its gaps, its level by the share of
//! twitch days with an obvious trigger, first_met and active.

use crate::support::patterns as common_patterns;

use chrono::NaiveDate;
use common_patterns::*;
use myolog::domain::CheckIn;
use myolog::patterns::{Level, SpellDays};

const START: &str = "2026-03-01";

fn consecutive(n: u64) -> Vec<NaiveDate> {
    (0..n).map(|i| plus(START, i)).collect()
}

#[test]
fn fourteen_consecutive_twitch_days_do_not_fire_fifteen_do() {
    let fourteen = Diary::new().twitch_days(consecutive(14));
    assert!(!fired(
        &fourteen.evaluate(plus(START, 14)),
        "twitch_persistent"
    ));

    let fifteen = Diary::new().twitch_days(consecutive(15));
    let f = fifteen.evaluate(plus(START, 14));
    let fl = flag(&f, "twitch_persistent").expect("15 days fire");
    // Met on the 15th day: last minus first is 14.
    assert_eq!(fl.first_met, plus(START, 14));
    assert_eq!(fl.evidence.spell_first, Some(day(START)));
    assert_eq!(fl.evidence.spell_last, Some(plus(START, 14)));
    assert_eq!(fl.evidence.spell.map(|s| s.twitch_days), Some(15));
    assert_eq!(fl.evidence.dates.len(), 15);
    assert_eq!(fl.evidence.episode_ids.len(), 15);
    assert!(fl.active);
}

#[test]
fn the_span_counts_not_the_number_of_twitch_days() {
    // Day 0, 3, 6, 9, 12, 14: six twitch days, 15 calendar days inclusive, no gap over 3.
    let dates = [0, 3, 6, 9, 12, 14].map(|i| plus(START, i));
    let f = Diary::new().twitch_days(dates).evaluate(plus(START, 14));
    let fl = flag(&f, "twitch_persistent").expect("spans 14 days");
    assert_eq!(fl.evidence.spell.map(|s| s.twitch_days), Some(6));
    // The same with the last day one earlier spans 13 days only.
    let dates = [0, 3, 6, 9, 12, 13].map(|i| plus(START, i));
    let f = Diary::new().twitch_days(dates).evaluate(plus(START, 20));
    assert!(!fired(&f, "twitch_persistent"));
}

#[test]
fn a_twitch_day_three_days_after_the_last_continues_the_spell_four_days_breaks_it() {
    // Days 0..=6, then day 9 (3 days after day 6), then 10..=14: one spell of 15 days.
    let mut dates: Vec<NaiveDate> = (0..=6).map(|i| plus(START, i)).collect();
    dates.extend((9..=14).map(|i| plus(START, i)));
    let f = Diary::new().twitch_days(dates).evaluate(plus(START, 14));
    assert!(fired(&f, "twitch_persistent"), "a gap of 3 keeps the spell");

    // Days 0..=6, then day 10 (4 days after day 6), then 11..=14: two short spells.
    let mut dates: Vec<NaiveDate> = (0..=6).map(|i| plus(START, i)).collect();
    dates.extend((10..=14).map(|i| plus(START, i)));
    let f = Diary::new().twitch_days(dates).evaluate(plus(START, 14));
    assert!(!fired(&f, "twitch_persistent"), "a gap of 4 breaks it");
}

#[test]
fn the_obvious_trigger_share_decides_see_doctor_or_notice() {
    // 16 twitch days; 8 tagged with an obvious trigger is exactly half: notice.
    let mut d = Diary::new();
    for i in 0..16 {
        let tags: &[&str] = if i < 8 { &["stress"] } else { &["screen-time"] };
        d = d.twitch_with(plus(START, i), &["thumb:left"], tags);
    }
    let f = d.evaluate(plus(START, 15));
    let fl = flag(&f, "twitch_persistent").unwrap();
    assert_eq!(fl.level, Level::Notice);
    assert_eq!(fl.evidence.spell.map(|s| s.obvious_trigger_days), Some(8));
    assert_eq!(fl.evidence.obvious_trigger_share, Some(0.5));

    // 7 of 16 is fewer than half: see a doctor.
    let mut d = Diary::new();
    for i in 0..16 {
        let tags: &[&str] = if i < 7 { &["caffeine"] } else { &[] };
        d = d.twitch_with(plus(START, i), &["thumb:left"], tags);
    }
    let f = d.evaluate(plus(START, 15));
    assert_eq!(level(&f, "twitch_persistent"), Some(Level::SeeDoctor));
    assert_eq!(
        flag(&f, "twitch_persistent")
            .unwrap()
            .evidence
            .spell
            .map(|s| s.obvious_trigger_days),
        Some(7)
    );
}

#[test]
fn a_checkin_can_make_a_twitch_day_obvious_at_its_thresholds() {
    // 16 untagged twitch days; days 0..=7 have a check-in exactly at a threshold (exactly
    // half), the rest a check-in just short of every threshold.
    let obvious = |i: u64| -> CheckIn {
        let date = plus(START, i);
        match i % 3 {
            0 => CheckIn {
                caffeine_mg: Some(400),
                ..checkin(date)
            },
            1 => CheckIn {
                stress: Some(7),
                ..checkin(date)
            },
            _ => CheckIn {
                sleep_h: Some(5.9),
                ..checkin(date)
            },
        }
    };
    let just_under = |i: u64| -> CheckIn {
        let date = plus(START, i);
        CheckIn {
            caffeine_mg: Some(399),
            stress: Some(6),
            sleep_h: Some(6.0),
            ..checkin(date)
        }
    };
    let mut d = Diary::new().twitch_days(consecutive(16));
    for i in 0..8 {
        d = d.checkin(obvious(i));
    }
    for i in 8..16 {
        d = d.checkin(just_under(i));
    }
    let f = d.evaluate(plus(START, 15));
    let fl = flag(&f, "twitch_persistent").unwrap();
    assert_eq!(fl.evidence.spell.map(|s| s.obvious_trigger_days), Some(8));
    assert_eq!(fl.level, Level::Notice);

    // One obvious day fewer: 7 of 16.
    let d = d.checkin(just_under(0));
    assert_eq!(
        level(&d.evaluate(plus(START, 15)), "twitch_persistent"),
        Some(Level::SeeDoctor)
    );
}

#[test]
fn eyelid_twitching_counts_for_persistence() {
    let mut d = Diary::new();
    for date in consecutive(15) {
        d = d.twitch(date, &["eyelid:left"]);
    }
    assert!(fired(&d.evaluate(plus(START, 14)), "twitch_persistent"));
}

#[test]
fn active_while_the_spell_is_unbroken_and_entries_after_as_of_are_ignored() {
    let d = Diary::new().twitch_days(consecutive(15));
    let last = plus(START, 14);
    assert!(
        flag(&d.evaluate(plus(START, 17)), "twitch_persistent")
            .unwrap()
            .active
    );
    let later = d.evaluate(plus(START, 18));
    let fl = flag(&later, "twitch_persistent").unwrap();
    assert!(!fl.active, "4 days without a twitch ends the spell");
    assert_eq!(fl.last_seen, last);

    // As of the 14th day the 15th is not seen yet.
    assert!(!fired(&d.evaluate(plus(START, 13)), "twitch_persistent"));
}

#[test]
fn first_met_is_the_first_spell_and_the_evidence_the_latest() {
    let mut dates = consecutive(15);
    dates.extend((0..20).map(|i| plus("2026-06-01", i)));
    let f = Diary::new().twitch_days(dates).evaluate(day("2026-06-20"));
    let fl = flag(&f, "twitch_persistent").unwrap();
    assert_eq!(fl.first_met, plus(START, 14));
    assert_eq!(fl.evidence.spell_first, Some(day("2026-06-01")));
    assert_eq!(fl.evidence.spell.map(|s| s.twitch_days), Some(20));
    assert_eq!(fl.evidence.occurrences.len(), 2);
}

/// DOMAIN.md section 4: 16 days of calf twitching in January with no obvious trigger, then 16
/// days of eyelid twitching in May tagged caffeine. The level is the most serious any spell
/// reached; May's milder spell never lowers it.
#[test]
fn a_later_explained_spell_never_lowers_an_earlier_unexplained_one() {
    let january = (0..16).map(|i| plus("2026-01-05", i));
    let mut d = Diary::new().twitch_days(january);
    for i in 0..16 {
        d = d.twitch_with(plus("2026-05-04", i), &["eyelid:left"], &["caffeine"]);
    }
    let f = d.evaluate(day("2026-08-01"));
    let fl = flag(&f, "twitch_persistent").unwrap();
    assert_eq!(fl.level, Level::SeeDoctor);
    assert_eq!(f.worst_level(), Some(Level::SeeDoctor));
    assert_eq!(fl.first_met, day("2026-01-19"));
    assert_eq!(fl.last_seen, day("2026-05-19"));
    assert!(!fl.active);

    // Every spell, latest first, with its own level and dates.
    let o = &fl.evidence.occurrences;
    assert_eq!(o.len(), 2);
    assert_eq!(o[0].level, Level::Notice);
    assert_eq!(
        (o[0].first, o[0].last),
        (day("2026-05-04"), day("2026-05-19"))
    );
    assert_eq!(o[0].met, day("2026-05-18"));
    assert_eq!(
        o[0].spell,
        Some(SpellDays {
            twitch_days: 16,
            obvious_trigger_days: 16
        })
    );
    assert_eq!(o[1].level, Level::SeeDoctor);
    assert_eq!(
        (o[1].first, o[1].last),
        (day("2026-01-05"), day("2026-01-20"))
    );
    assert_eq!(o[1].met, day("2026-01-19"));
    assert_eq!(
        o[1].spell,
        Some(SpellDays {
            twitch_days: 16,
            obvious_trigger_days: 0
        })
    );
    assert_eq!(o[1].dates.len(), 16);
    assert!(o.iter().all(|o| !o.active));

    // The detail names the latest spell and the one that set the level.
    assert!(
        fl.detail
            .starts_with("Twitching on 16 days from 2026-05-04 to 2026-05-19")
    );
    assert!(
        fl.detail
            .contains("Earlier, 2026-01-05 to 2026-01-20 (see a doctor)"),
        "{}",
        fl.detail
    );
    // The other evidence fields still describe the latest spell.
    assert_eq!(fl.evidence.spell_first, Some(day("2026-05-04")));
    assert_eq!(fl.evidence.spell.map(|s| s.obvious_trigger_days), Some(16));

    // In May, while the explained spell is going on, it is active but still see a doctor.
    let may = d.evaluate(day("2026-05-20"));
    let fl = flag(&may, "twitch_persistent").unwrap();
    assert!(fl.active);
    assert_eq!(fl.level, Level::SeeDoctor);
    assert_eq!(fl.last_seen, day("2026-05-20") - chrono::Days::new(1));
}

#[test]
fn a_spell_is_active_while_unbroken_and_last_seen_is_its_last_twitch_day() {
    let d = Diary::new().twitch_days(consecutive(15));
    for (as_of, active) in [(17, true), (18, false), (300, false)] {
        let f = d.evaluate(plus(START, as_of));
        let fl = flag(&f, "twitch_persistent").unwrap();
        assert_eq!(fl.active, active, "as of day {as_of}");
        assert_eq!(fl.last_seen, plus(START, 14));
        assert_eq!(fl.evidence.occurrences[0].active, active);
    }
}

#[test]
fn later_days_with_a_trigger_never_lower_a_spell_that_met_see_doctor() {
    // 15 untagged twitch days (see a doctor on the 15th), then 25 days tagged caffeine: the
    // whole spell is 15 of 40 without a trigger, yet it met see a doctor and stays there.
    let mut d = Diary::new();
    for i in 0..40 {
        let tags: &[&str] = if i < 15 { &[] } else { &["caffeine"] };
        d = d.twitch_with(plus(START, i), &["thumb:left"], tags);
    }
    let on_15th = flag(&d.evaluate(plus(START, 14)), "twitch_persistent")
        .unwrap()
        .clone();
    assert_eq!(on_15th.level, Level::SeeDoctor);
    let later = d.evaluate(plus(START, 39));
    let fl = flag(&later, "twitch_persistent").unwrap();
    assert_eq!(fl.level, Level::SeeDoctor, "{}", fl.detail);
    assert_eq!(fl.first_met, on_15th.first_met);
    assert_eq!(fl.evidence.spell.map(|s| s.obvious_trigger_days), Some(25));
    assert!(
        fl.detail
            .contains("By 2026-03-15, 0 of its first 15 twitch days had one, fewer than half"),
        "{}",
        fl.detail
    );

    // With a share of 0.4 set, the words follow the setting, not "half".
    let s = myolog::patterns::Settings {
        obvious_trigger_share: 0.4,
        ..myolog::patterns::Settings::default()
    };
    let f = myolog::patterns::evaluate(&d.slice, &s, plus(START, 39));
    let detail = &flag(&f, "twitch_persistent").unwrap().detail;
    assert!(
        detail.contains("0 of its first 15 twitch days had one, under 40%:"),
        "{detail}"
    );

    // Every other day tagged from the first (8 of the first 15), then every day: no stretch
    // from the first day of 15 days or more is ever under half, so notice throughout.
    let mut d = Diary::new();
    for i in 0..40 {
        let tags: &[&str] = if i % 2 == 0 || i >= 15 {
            &["stress"]
        } else {
            &[]
        };
        d = d.twitch_with(plus(START, i), &["thumb:left"], tags);
    }
    for as_of in [14, 20, 39] {
        let fl = flag(&d.evaluate(plus(START, as_of)), "twitch_persistent")
            .unwrap()
            .clone();
        assert_eq!(fl.level, Level::Notice, "as of day {as_of}: {}", fl.detail);
    }
    // One day fewer with a tag among the first 15 (7 of 15) is under half on the 15th.
    let mut d = Diary::new();
    for i in 0..40 {
        let tags: &[&str] = if (i % 2 == 0 && i != 14) || i >= 15 {
            &["stress"]
        } else {
            &[]
        };
        d = d.twitch_with(plus(START, i), &["thumb:left"], tags);
    }
    let fl = flag(&d.evaluate(plus(START, 39)), "twitch_persistent")
        .unwrap()
        .clone();
    assert_eq!(fl.level, Level::SeeDoctor, "{}", fl.detail);
}

#[test]
fn twitch_days_without_a_checkin_are_named_as_unknown_not_as_without_a_trigger() {
    let f = Diary::new()
        .twitch_days(consecutive(15))
        .evaluate(plus(START, 14));
    let fl = flag(&f, "twitch_persistent").unwrap();
    assert!(
        fl.detail.contains(
            "15 twitch days without one had no check-in, or one without caffeine, stress or sleep: what was not logged counts as no obvious trigger"
        ),
        "{}",
        fl.detail
    );
    // A check-in on every day with all three known, none over a threshold: nothing is
    // unknown any more; with caffeine alone, sleep and stress still are.
    for (full, said) in [(true, false), (false, true)] {
        let mut d = Diary::new().twitch_days(consecutive(15));
        for date in consecutive(15) {
            d = d.checkin(CheckIn {
                caffeine_mg: Some(100),
                stress: full.then_some(3),
                sleep_h: full.then_some(7.5),
                ..checkin(date)
            });
        }
        let f = d.evaluate(plus(START, 14));
        let fl = flag(&f, "twitch_persistent").unwrap();
        assert_eq!(fl.level, Level::SeeDoctor);
        assert_eq!(fl.detail.contains("was not logged"), said, "{}", fl.detail);
    }
}
