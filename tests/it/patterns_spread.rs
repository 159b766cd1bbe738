//! `twitch_widespread` and `twitch_multiple_places`: body groups within any 7-day window,
//! eyelid twitches not counted, and two places counted only in windows that are not widespread.

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
    assert_eq!(fl.evidence.reported.groups, ["arms", "trunk", "legs"]);
    assert_eq!(fl.evidence.dates.len(), 3);
    assert_eq!(fl.evidence.episode_ids.len(), 3);
    assert!(
        fl.detail
            .contains("blood tests of salts, kidney function, vitamin D and thyroid"),
        "{}",
        fl.detail
    );
    assert!(
        fl.guidance.contains("blood tests of salts"),
        "{}",
        fl.guidance
    );
    assert!(!fl.guidance.contains("metabolic panel"));
    // The window of day 3 held calf and forearm only: two places, as `--as-of` day 3 showed;
    // it stays a notice of its own (met on day 3), the widespread window is not counted again.
    let two = flag(&f, "twitch_multiple_places").expect("two places on day 3");
    assert_eq!(two.first_met, plus(START, 3));
    assert_eq!(two.last_seen, plus(START, 3));
    assert_eq!(two.evidence.reported.groups, ["arms", "legs"]);
    assert_eq!(ids(&f), ["twitch_widespread", "twitch_multiple_places"]);
}

#[test]
fn three_groups_on_one_day_are_widespread_and_not_two_places() {
    let f = Diary::new()
        .twitch(plus(START, 0), &["calf:left", "hand:right", "chest"])
        .twitch(plus(START, 2), &["calf:left", "hand:right"])
        .evaluate(plus(START, 2));
    assert_eq!(ids(&f), ["twitch_widespread"]);
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
fn an_old_widespread_flag_never_hides_a_new_two_place_one() {
    // DOMAIN.md section 4: widespread in January, calf and forearm twitches in May.
    let d = Diary::new()
        .twitch(day("2026-01-05"), &["calf:left"])
        .twitch(day("2026-01-06"), &["forearm:right", "upper-back"])
        .twitch(day("2026-05-11"), &["calf:right"])
        .twitch(day("2026-05-13"), &["forearm:left"]);
    let june = d.evaluate(day("2026-06-01"));
    let two = flag(&june, "twitch_multiple_places").expect("May's two places show");
    assert_eq!(two.level, Level::Notice);
    assert!(two.active, "19 days after the forearm twitch");
    assert_eq!(two.first_met, day("2026-05-13"));
    assert_eq!(two.last_seen, day("2026-05-13"));
    assert_eq!(two.evidence.reported.groups, ["arms", "legs"]);
    assert_eq!(two.evidence.occurrences.len(), 1);
    let wide = flag(&june, "twitch_widespread").expect("January's flag is still shown");
    assert!(!wide.active);
    assert_eq!(wide.last_seen, day("2026-01-06"));
    // Active first: the notice comes before January's see-a-doctor flag.
    assert_eq!(ids(&june), ["twitch_multiple_places", "twitch_widespread"]);
    // The day before the forearm twitch, only January's flag.
    assert_eq!(ids(&d.evaluate(day("2026-05-12"))), ["twitch_widespread"]);

    // Two places in April, widespread a month later: both shown, each with its own dates.
    let f = Diary::new()
        .twitch(plus(START, 0), &["thumb:left"])
        .twitch(plus(START, 2), &["thigh:right"])
        .twitch(plus(START, 30), &["thumb:left", "abdomen", "calf:both"])
        .evaluate(plus(START, 30));
    assert_eq!(
        flag(&f, "twitch_multiple_places")
            .unwrap()
            .evidence
            .reported
            .groups,
        ["arms", "legs"]
    );
    assert_eq!(
        flag(&f, "twitch_multiple_places").unwrap().last_seen,
        plus(START, 2)
    );
    assert_eq!(
        flag(&f, "twitch_widespread").unwrap().first_met,
        plus(START, 30)
    );
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

#[test]
fn two_places_names_the_regions_of_each_window_not_the_run_together() {
    // Thumb on day 0 and calf on day 3: arms and legs within 7 days. Upper back on day 9: the
    // window of days 3 to 9 holds legs and trunk, a second two-place window in the same run;
    // no window ever held arms, trunk and legs.
    let d = Diary::new()
        .twitch(plus(START, 0), &["thumb:left"])
        .twitch(plus(START, 3), &["calf:left"])
        .twitch(plus(START, 9), &["upper-back"]);
    let f = d.evaluate(plus(START, 9));
    assert!(!fired(&f, "twitch_widespread"));
    let fl = flag(&f, "twitch_multiple_places").expect("two places");
    assert!(
        fl.detail.starts_with(
            "Twitches in 2 body regions (arms, legs; then trunk, legs) within 7 days, from 2026-04-01 to 2026-04-10 (2 windows);"
        ),
        "{}",
        fl.detail
    );
    // The latest window's regions, in the evidence.
    assert_eq!(fl.evidence.reported.groups, ["trunk", "legs"]);
    // As of day 8 only the first window had met it; with the upper back on day 10 instead (7
    // days after the calf, outside its window) the third region meets nothing. Either way the
    // detail names the one window.
    let later = Diary::new()
        .twitch(plus(START, 0), &["thumb:left"])
        .twitch(plus(START, 3), &["calf:left"])
        .twitch(plus(START, 10), &["upper-back"])
        .evaluate(plus(START, 10));
    for f in [d.evaluate(plus(START, 8)), later] {
        let fl = flag(&f, "twitch_multiple_places").expect("two places");
        assert!(
            fl.detail.starts_with(
                "Twitches in 2 body regions (arms, legs) within 7 days, from 2026-04-01 to 2026-04-04;"
            ),
            "{}",
            fl.detail
        );
    }
}

#[test]
fn widespread_names_the_regions_of_each_window_too() {
    // Face, arms and legs in the window of days 0 to 6; arms, legs and trunk in that of days
    // 3 to 9: never all four in 7 days.
    let f = Diary::new()
        .twitch(plus(START, 0), &["jaw"])
        .twitch(plus(START, 3), &["thumb:left"])
        .twitch(plus(START, 6), &["calf:left"])
        .twitch(plus(START, 9), &["upper-back"])
        .evaluate(plus(START, 9));
    let fl = flag(&f, "twitch_widespread").expect("three regions");
    assert!(
        fl.detail.starts_with(
            "Twitches in 3 or more body regions (face, arms, legs; then arms, trunk, legs) within 7 days, from 2026-04-01 to 2026-04-10 (2 windows);"
        ),
        "{}",
        fl.detail
    );
}
