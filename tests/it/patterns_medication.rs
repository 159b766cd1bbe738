//! `medication_onset`: at least 3 episodes, and at least twice the count of the 28 days
//! before, in the 28 days from a flagged medicine's start.

use crate::support::patterns as common_patterns;

use chrono::NaiveDate;
use common_patterns::*;
use myolog::patterns::Level;

const START: &str = "2026-07-01";

fn start() -> NaiveDate {
    day(START)
}

/// Twitches on days `offsets` from the start (negative: before it).
fn episodes(d: Diary, offsets: &[i64]) -> Diary {
    offsets.iter().fold(d, |d, &o| {
        let date = start() + chrono::TimeDelta::days(o);
        d.twitch(date, &["thumb:left"])
    })
}

fn on(class: &str) -> Diary {
    Diary::new().medication(class, start(), None)
}

#[test]
fn three_episodes_after_and_none_before_fire_two_do_not() {
    let d = episodes(on("beta-2-agonist"), &[0, 5, 9]);
    let f = d.evaluate(start() + chrono::Days::new(27));
    let fl = flag(&f, "medication_onset").expect("3 after, 0 before");
    assert_eq!(fl.level, Level::SeeDoctor);
    assert_eq!(fl.first_met, start() + chrono::Days::new(9));
    let m = fl.evidence.medication.as_ref().unwrap();
    assert_eq!((m.episodes_before, m.episodes_after), (0, 3));
    assert_eq!(m.class, "beta-2-agonist");
    assert_eq!(fl.evidence.episode_ids.len(), 3);
    assert!(fl.guidance.contains("never stop a medicine on your own"));
    assert!(fl.active);

    let d = episodes(on("beta-2-agonist"), &[0, 5]);
    assert!(!fired(
        &d.evaluate(start() + chrono::Days::new(27)),
        "medication_onset"
    ));
}

#[test]
fn exactly_twice_the_count_before_fires_one_less_does_not() {
    let before = [-20, -3];
    let twice = episodes(on("thiazide-diuretic"), &before);
    let twice = episodes(twice, &[1, 2, 3, 4]);
    let f = twice.evaluate(start() + chrono::Days::new(27));
    let fl = flag(&f, "medication_onset").expect("4 after, 2 before");
    assert_eq!(fl.first_met, start() + chrono::Days::new(4));
    let m = fl.evidence.medication.as_ref().unwrap();
    assert_eq!((m.episodes_before, m.episodes_after), (2, 4));

    let less = episodes(on("thiazide-diuretic"), &before);
    let less = episodes(less, &[1, 2, 3]);
    assert!(!fired(
        &less.evaluate(start() + chrono::Days::new(27)),
        "medication_onset"
    ));
}

#[test]
fn the_windows_are_28_days_each_side_of_the_start() {
    // Day 27 after is inside, day 28 is not.
    let inside = episodes(on("statin"), &[0, 1, 27]);
    assert!(fired(
        &inside.evaluate(start() + chrono::Days::new(40)),
        "medication_onset"
    ));
    let outside = episodes(on("statin"), &[0, 1, 28]);
    assert!(!fired(
        &outside.evaluate(start() + chrono::Days::new(40)),
        "medication_onset"
    ));

    // 28 days before counts against it, 29 days before does not.
    let counted = episodes(on("statin"), &[-28, -28, 0, 1, 2]);
    assert!(
        !fired(
            &counted.evaluate(start() + chrono::Days::new(40)),
            "medication_onset"
        ),
        "3 after is less than twice 2"
    );
    let not_counted = episodes(on("statin"), &[-29, -29, 0, 1, 2]);
    assert!(fired(
        &not_counted.evaluate(start() + chrono::Days::new(40)),
        "medication_onset"
    ));
}

#[test]
fn cramps_count_as_episodes_too() {
    let d = on("loop-diuretic")
        .cramp(start(), "23:00")
        .cramp(start() + chrono::Days::new(2), "02:00")
        .twitch(start() + chrono::Days::new(3), &["calf:left"]);
    assert!(fired(
        &d.evaluate(start() + chrono::Days::new(3)),
        "medication_onset"
    ));
}

#[test]
fn an_unflagged_class_never_fires() {
    let d = episodes(on("other"), &[0, 1, 2, 3, 4, 5, 6, 7]);
    assert!(!fired(
        &d.evaluate(start() + chrono::Days::new(27)),
        "medication_onset"
    ));
}

#[test]
fn every_flagged_class_fires() {
    for class in [
        "thiazide-diuretic",
        "loop-diuretic",
        "potassium-sparing-diuretic",
        "beta-2-agonist",
        "statin",
        "calcium-channel-blocker",
        "arb",
        "beta-blocker",
        "stimulant",
        "lithium",
        "anticholinesterase",
    ] {
        let d = episodes(on(class), &[0, 1, 2]);
        assert!(
            fired(
                &d.evaluate(start() + chrono::Days::new(2)),
                "medication_onset"
            ),
            "{class}"
        );
    }
}

#[test]
fn active_while_the_medicine_is_taken() {
    let stopped = episodes(
        Diary::new().medication("stimulant", start(), Some(start() + chrono::Days::new(10))),
        &[0, 1, 2],
    );
    let f = stopped.evaluate(start() + chrono::Days::new(9));
    assert!(flag(&f, "medication_onset").unwrap().active);
    let f = stopped.evaluate(start() + chrono::Days::new(10));
    assert!(!flag(&f, "medication_onset").unwrap().active);
}

#[test]
fn as_of_before_the_start_or_before_enough_episodes_does_not_fire() {
    let d = episodes(on("lithium"), &[0, 1, 2]);
    assert!(!fired(
        &d.evaluate(start() - chrono::Days::new(1)),
        "medication_onset"
    ));
    assert!(!fired(
        &d.evaluate(start() + chrono::Days::new(1)),
        "medication_onset"
    ));
    assert!(fired(
        &d.evaluate(start() + chrono::Days::new(2)),
        "medication_onset"
    ));
}

#[test]
fn two_medicines_give_two_flags() {
    let d = Diary::new()
        .medication("statin", start(), None)
        .medication("arb", start(), None);
    let d = episodes(d, &[0, 1, 2]);
    let f = d.evaluate(start() + chrono::Days::new(2));
    assert_eq!(ids(&f), ["medication_onset", "medication_onset"]);
}

/// The detail of the `medication_onset` flag of `d` as of 27 days after the start.
fn detail(d: &Diary) -> String {
    let f = d.evaluate(start() + chrono::Days::new(27));
    flag(&f, "medication_onset")
        .expect("3 after, 0 before")
        .detail
        .clone()
}

#[test]
fn a_diary_begun_after_the_start_says_the_days_before_are_not_in_it() {
    // The first entry of any kind is the 9th day after the start.
    let d = episodes(on("thiazide-diuretic"), &[9, 11, 19]);
    let fl = detail(&d);
    assert!(
        fl.contains("3 episodes from then to 2026-07-28, against 0 logged in the 28 days before; the diary began on 2026-07-10, after the start, so those days are not in it."),
        "{fl}"
    );
    // Begun on the start day: none of the days before is in it either.
    let d = episodes(on("thiazide-diuretic"), &[0, 11, 19]);
    let fl = detail(&d);
    assert!(
        fl.contains("against 0 logged in the 28 days before; the diary began on 2026-07-01, the day of the start, so those days are not in it."),
        "{fl}"
    );
    // The rule still fires (DOMAIN.md section 4): it asks the prescriber.
    assert_eq!(
        flag(
            &d.evaluate(start() + chrono::Days::new(27)),
            "medication_onset"
        )
        .map(|f| f.level),
        Some(Level::SeeDoctor)
    );
}

#[test]
fn a_diary_begun_inside_the_window_before_says_how_many_of_its_days_it_covers() {
    // An episode 21 days before the start: 21 of the 28 days are covered.
    let d = episodes(on("thiazide-diuretic"), &[-21, 9, 11, 19]);
    let fl = detail(&d);
    assert!(
        fl.contains("against 1 logged in the 28 days before; the diary began on 2026-06-10, so it covers 21 of those 28 days."),
        "{fl}"
    );
    // The day before the start alone: 1 of 28.
    let d = episodes(on("thiazide-diuretic"), &[-1, 9, 11, 19]);
    assert!(detail(&d).contains("it covers 1 of those 28 days."));
    // 27 days back: 27 of 28; 28 days back, the first day of the window: all of them, said
    // as before.
    let d = episodes(on("thiazide-diuretic"), &[-27, 9, 11, 19]);
    assert!(detail(&d).contains("it covers 27 of those 28 days."));
    let d = episodes(on("thiazide-diuretic"), &[-28, 9, 11, 19]);
    let fl = detail(&d);
    assert!(
        fl.contains("3 episodes from then to 2026-07-28, against 1 in the 28 days before. "),
        "{fl}"
    );
}

#[test]
fn a_check_in_or_a_self_check_is_where_the_diary_began_and_a_night_alone_is_not() {
    let quiet = |d: Diary| episodes(d, &[9, 11, 19]);
    // A check-in 10 days before the start covers 10 days with no episode in them.
    let d = quiet(on("statin").checkin(checkin(start() - chrono::Days::new(10))));
    let fl = detail(&d);
    assert!(
        fl.contains("against 0 logged in the 28 days before; the diary began on 2026-06-21, so it covers 10 of those 28 days."),
        "{fl}"
    );
    // A self-check 5 days before.
    let d = quiet(on("statin").self_check(self_check(start() - chrono::Days::new(5))));
    assert!(detail(&d).contains("it covers 5 of those 28 days."));
    // A cramp at 02:00 five days before belongs to the night before, but the diary began on
    // the day it was logged.
    let d = quiet(on("statin").cramp(start() - chrono::Days::new(5), "02:00"));
    let fl = detail(&d);
    assert!(
        fl.contains("against 1 logged in the 28 days before; the diary began on 2026-06-26, so it covers 5 of those 28 days."),
        "{fl}"
    );
}
