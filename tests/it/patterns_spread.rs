//! `twitch_widespread` and `twitch_multiple_places`: body groups within any 7-day window,
//! eyelid twitches not counted, and multiple places only when widespread does not fire.

use crate::support::patterns as common_patterns;

use common_patterns::*;
use myolog::patterns::Level;

const START: &str = "2026-04-01";

#[test]
fn eyelid_and_calf_is_not_widespread_nor_multiple_places() {
    let f = Diary::new()
        .twitch(plus(START, 0), &["eyelid:left"])
        .twitch(plus(START, 1), &["calf:left"])
        .evaluate(plus(START, 2));
    assert!(!fired(&f, "twitch_widespread"));
    assert!(!fired(&f, "twitch_multiple_places"), "{:?}", ids(&f));
}

#[test]
fn calf_forearm_and_upper_back_within_seven_days_is_widespread() {
    // Day 0, 3 and 6: the window from day 0 to day 6 is 7 days.
    let f = Diary::new()
        .twitch(plus(START, 0), &["calf:left"])
        .twitch(plus(START, 3), &["forearm:right"])
        .twitch(plus(START, 6), &["upper-back"])
        .evaluate(plus(START, 6));
    let fl = flag(&f, "twitch_widespread").expect("3 groups in 7 days");
    assert_eq!(fl.level, Level::SeeDoctor);
    assert_eq!(fl.first_met, plus(START, 6));
    assert_eq!(fl.evidence.window_start, Some(plus(START, 0)));
    assert_eq!(fl.evidence.window_end, Some(plus(START, 6)));
    assert_eq!(fl.evidence.groups, ["arms", "trunk", "legs"]);
    assert_eq!(fl.evidence.dates.len(), 3);
    assert_eq!(fl.evidence.episode_ids.len(), 3);
    assert!(fl.detail.contains("blood tests"), "{}", fl.detail);
    assert!(fl.guidance.contains("electrolytes"));
    assert!(!fired(&f, "twitch_multiple_places"));
}

#[test]
fn the_same_three_over_eight_days_is_not_widespread_but_two_places() {
    // Day 0, 3 and 7: no 7-day window holds all three.
    let f = Diary::new()
        .twitch(plus(START, 0), &["calf:left"])
        .twitch(plus(START, 3), &["forearm:right"])
        .twitch(plus(START, 7), &["upper-back"])
        .evaluate(plus(START, 7));
    assert!(!fired(&f, "twitch_widespread"));
    let fl = flag(&f, "twitch_multiple_places").expect("two groups in a week");
    assert_eq!(fl.level, Level::Notice);
    // Calf (day 0) and forearm (day 3) first made two groups.
    assert_eq!(fl.first_met, plus(START, 3));
}

#[test]
fn two_groups_give_multiple_places_only_when_widespread_does_not_fire() {
    let two = Diary::new()
        .twitch(plus(START, 0), &["thumb:left"])
        .twitch(plus(START, 2), &["thigh:right"]);
    let f = two.evaluate(plus(START, 2));
    assert!(fired(&f, "twitch_multiple_places"));
    assert_eq!(
        flag(&f, "twitch_multiple_places").unwrap().evidence.groups,
        ["arms", "legs"]
    );

    // A third group later on makes it widespread, and the two-place flag gives way.
    let three = two.twitch(plus(START, 30), &["thumb:left", "abdomen", "calf:both"]);
    let f = three.evaluate(plus(START, 30));
    assert!(fired(&f, "twitch_widespread"));
    assert!(!fired(&f, "twitch_multiple_places"), "{:?}", ids(&f));
}

#[test]
fn eyelid_does_not_count_as_a_group_but_other_face_sites_do() {
    let with_eyelid = Diary::new()
        .twitch(plus(START, 0), &["eyelid:left"])
        .twitch(plus(START, 1), &["forearm:left"])
        .twitch(plus(START, 2), &["calf:left"])
        .evaluate(plus(START, 2));
    assert!(!fired(&with_eyelid, "twitch_widespread"));
    assert!(fired(&with_eyelid, "twitch_multiple_places"));

    let with_cheek = Diary::new()
        .twitch(plus(START, 0), &["face:left"])
        .twitch(plus(START, 1), &["forearm:left"])
        .twitch(plus(START, 2), &["calf:left"])
        .evaluate(plus(START, 2));
    assert!(fired(&with_cheek, "twitch_widespread"));
}

#[test]
fn one_twitch_on_several_sites_counts_each_group() {
    let f = Diary::new()
        .twitch(plus(START, 0), &["calf:left", "hand:right", "chest"])
        .evaluate(plus(START, 0));
    let fl = flag(&f, "twitch_widespread").unwrap();
    assert_eq!(fl.first_met, plus(START, 0));
    assert_eq!(fl.evidence.episode_ids.len(), 1);
}

#[test]
fn cramps_do_not_count_towards_spread() {
    let f = Diary::new()
        .twitch(plus(START, 0), &["calf:left"])
        .cramp(plus(START, 1), "12:00")
        .episode(cramp_at(plus(START, 2), "upper-back"))
        .evaluate(plus(START, 3));
    assert!(!fired(&f, "twitch_multiple_places"));
}

fn cramp_at(date: chrono::NaiveDate, site: &str) -> myolog::domain::Episode {
    let mut e = cramp(date, "12:00");
    e.sites = vec![myolog::domain::SiteRef::parse(site).unwrap()];
    e
}

#[test]
fn active_while_the_latest_window_is_recent() {
    let d = Diary::new()
        .twitch(plus(START, 0), &["calf:left"])
        .twitch(plus(START, 1), &["forearm:right"])
        .twitch(plus(START, 2), &["upper-back"]);
    assert!(
        flag(&d.evaluate(plus(START, 30)), "twitch_widespread")
            .unwrap()
            .active
    );
    assert!(
        !flag(&d.evaluate(plus(START, 31)), "twitch_widespread")
            .unwrap()
            .active
    );
}
