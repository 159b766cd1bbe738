//! Cramp rules: over 10 minutes, sore for days, and night cramps on 3 nights in 7.

use crate::support::patterns as common_patterns;

use chrono::NaiveDate;
use common_patterns::*;
use myolog::patterns::Level;

const DAY: &str = "2026-06-01";

fn with_duration(date: NaiveDate, seconds: u32) -> Diary {
    let mut e = cramp(date, "15:00");
    e.duration_s = Some(seconds);
    Diary::new().episode(e)
}

fn with_soreness(date: NaiveDate, days: u16) -> Diary {
    let mut e = cramp(date, "15:00");
    e.sore_days = Some(days);
    Diary::new().episode(e)
}

#[test]
fn a_ten_minute_cramp_does_not_fire_ten_minutes_and_a_second_does() {
    let f = with_duration(day(DAY), 600).evaluate(day(DAY));
    assert!(!fired(&f, "cramp_over_10_min"));
    let f = with_duration(day(DAY), 601).evaluate(day(DAY));
    let fl = flag(&f, "cramp_over_10_min").expect("10 min 1 s");
    // Current NHS "Leg cramps": non-urgent, see a GP.
    assert_eq!(fl.level, Level::SeeDoctor);
    assert_eq!(fl.first_met, day(DAY));
    assert_eq!(fl.evidence.longest_s, Some(601));
    assert_eq!(fl.evidence.episode_ids.len(), 1);
    assert!(
        fl.guidance.contains("NHS, \"Leg cramps\""),
        "{}",
        fl.guidance
    );
    assert!(fl.guidance.contains("non-urgent"), "{}", fl.guidance);
    assert!(
        !fl.guidance.contains("urgent appointment"),
        "{}",
        fl.guidance
    );
    // An eleven-minute one, as the issue puts it.
    assert!(fired(
        &with_duration(day(DAY), 660).evaluate(day(DAY)),
        "cramp_over_10_min"
    ));
}

#[test]
fn a_cramp_of_unknown_duration_and_a_long_twitch_do_not_fire() {
    let f = Diary::new().cramp(day(DAY), "15:00").evaluate(day(DAY));
    assert!(f.flags.is_empty());
    let mut t = twitch(day(DAY), &["calf:left"]);
    t.duration_s = Some(3600);
    let f = Diary::new().episode(t).evaluate(day(DAY));
    assert!(!fired(&f, "cramp_over_10_min"));
}

#[test]
fn sore_for_one_day_does_not_fire_two_days_does() {
    assert!(!fired(
        &with_soreness(day(DAY), 1).evaluate(day(DAY)),
        "cramp_sore_for_days"
    ));
    let f = with_soreness(day(DAY), 2).evaluate(day(DAY));
    let fl = flag(&f, "cramp_sore_for_days").expect("2 days sore");
    assert_eq!(fl.level, Level::SeeDoctor);
    assert_eq!(fl.evidence.most_sore_days, Some(2));
}

#[test]
fn night_cramps_on_two_nights_in_seven_do_not_fire_three_do() {
    let two = Diary::new()
        .cramp(plus(DAY, 0), "23:00")
        .cramp(plus(DAY, 3), "22:00");
    assert!(!fired(
        &two.evaluate(plus(DAY, 10)),
        "nocturnal_cramps_frequent"
    ));

    // The third night is the night of day 6 (within day 0..=6).
    let three = two.clone().cramp(plus(DAY, 6), "21:00");
    let f = three.evaluate(plus(DAY, 6));
    let fl = flag(&f, "nocturnal_cramps_frequent").expect("3 nights in 7");
    assert_eq!(fl.level, Level::Notice);
    assert_eq!(fl.first_met, plus(DAY, 6));
    assert_eq!(
        fl.evidence.dates,
        [plus(DAY, 0), plus(DAY, 3), plus(DAY, 6)]
    );
    assert_eq!(fl.evidence.window_start, Some(plus(DAY, 0)));
    assert_eq!(fl.evidence.window_end, Some(plus(DAY, 6)));

    // The night of day 7 is outside the 7 nights from day 0.
    let spread = two.cramp(plus(DAY, 7), "21:00");
    assert!(!fired(
        &spread.evaluate(plus(DAY, 7)),
        "nocturnal_cramps_frequent"
    ));
}

#[test]
fn a_cramp_at_three_in_the_morning_belongs_to_the_night_before() {
    // 22:00 on the 4th and 03:10 on the 5th are the same night: the night of the 4th.
    let same_night = Diary::new()
        .cramp(day("2026-06-04"), "22:00")
        .cramp(day("2026-06-05"), "03:10")
        .cramp(day("2026-06-06"), "23:00");
    assert!(!fired(
        &same_night.evaluate(day("2026-06-08")),
        "nocturnal_cramps_frequent"
    ));

    // 03:10 on the 5th plus the nights of the 5th and 10th: nights 4, 5 and 10 span 7 nights.
    let d = Diary::new()
        .cramp(day("2026-06-05"), "03:10")
        .cramp(day("2026-06-05"), "22:30")
        .cramp(day("2026-06-10"), "23:00");
    let f = d.evaluate(day("2026-06-10"));
    let fl = flag(&f, "nocturnal_cramps_frequent").expect("nights of the 4th, 5th and 10th");
    assert_eq!(fl.evidence.dates[0], day("2026-06-04"));
    // Moved to the night of the 11th instead, the window is 8 nights.
    let d = Diary::new()
        .cramp(day("2026-06-05"), "03:10")
        .cramp(day("2026-06-05"), "22:30")
        .cramp(day("2026-06-11"), "23:00");
    assert!(!fired(
        &d.evaluate(day("2026-06-11")),
        "nocturnal_cramps_frequent"
    ));
}

#[test]
fn daytime_cramps_are_not_night_cramps() {
    let f = Diary::new()
        .cramp(plus(DAY, 0), "07:00")
        .cramp(plus(DAY, 1), "12:00")
        .cramp(plus(DAY, 2), "20:59")
        .evaluate(plus(DAY, 2));
    assert!(!fired(&f, "nocturnal_cramps_frequent"));
    let f = Diary::new()
        .cramp(plus(DAY, 0), "06:59")
        .cramp(plus(DAY, 1), "06:59")
        .cramp(plus(DAY, 2), "21:00")
        .evaluate(plus(DAY, 2));
    assert!(fired(&f, "nocturnal_cramps_frequent"));
}

#[test]
fn several_long_cramps_make_one_flag_with_every_entry() {
    let mut d = Diary::new();
    for (i, secs) in [(0, 700), (10, 900), (40, 650)] {
        let mut e = cramp(plus(DAY, i), "15:00");
        e.duration_s = Some(secs);
        d = d.episode(e);
    }
    let f = d.evaluate(plus(DAY, 40));
    let fl = flag(&f, "cramp_over_10_min").unwrap();
    assert_eq!(fl.first_met, day(DAY));
    assert_eq!(fl.evidence.occurrences.len(), 3);
    assert_eq!(fl.evidence.longest_s, Some(900));
    assert_eq!(fl.evidence.episode_ids.len(), 3);
    assert!(fl.active);
    assert!(
        !flag(&d.evaluate(plus(DAY, 69)), "cramp_over_10_min")
            .unwrap()
            .active
    );
}

/// DOMAIN.md section 4: a night cramp at 02:30 on the 6th that completes a third night makes
/// the flag first met on the 6th, though the night is the 5th's.
#[test]
fn a_third_night_completed_after_midnight_is_first_met_that_morning() {
    let d = Diary::new()
        .cramp(day("2026-06-01"), "22:00")
        .cramp(day("2026-06-03"), "23:00")
        .cramp(day("2026-06-06"), "02:30");
    assert!(!fired(
        &d.evaluate(day("2026-06-05")),
        "nocturnal_cramps_frequent"
    ));
    let f = d.evaluate(day("2026-06-06"));
    let fl = flag(&f, "nocturnal_cramps_frequent").unwrap();
    assert_eq!(fl.first_met, day("2026-06-06"));
    assert_eq!(fl.last_seen, day("2026-06-06"));
    assert_eq!(
        fl.evidence.dates,
        [day("2026-06-01"), day("2026-06-03"), day("2026-06-05")]
    );
    let o = &fl.evidence.occurrences;
    assert_eq!(o.len(), 1);
    assert_eq!(
        (o[0].first, o[0].last, o[0].met),
        (day("2026-06-01"), day("2026-06-06"), day("2026-06-06"))
    );

    // Active while its latest cramp is at most 28 days back.
    let later = |n: u64| {
        flag(
            &d.evaluate(day("2026-06-06") + chrono::Days::new(n)),
            "nocturnal_cramps_frequent",
        )
        .unwrap()
        .clone()
    };
    assert!(later(28).active);
    let gone = later(29);
    assert!(!gone.active);
    assert_eq!(gone.last_seen, day("2026-06-06"));

    // An evening cramp on the 5th instead: the third night is known that evening.
    let evening = Diary::new()
        .cramp(day("2026-06-01"), "22:00")
        .cramp(day("2026-06-03"), "23:00")
        .cramp(day("2026-06-05"), "23:40");
    let f = evening.evaluate(day("2026-06-05"));
    assert_eq!(
        flag(&f, "nocturnal_cramps_frequent").unwrap().first_met,
        day("2026-06-05")
    );
}

#[test]
fn long_cramps_are_each_an_occurrence_and_see_a_doctor() {
    let mut d = Diary::new();
    for (i, secs) in [(0, 700), (40, 900)] {
        let mut e = cramp(plus(DAY, i), "15:00");
        e.duration_s = Some(secs);
        d = d.episode(e);
    }
    let f = d.evaluate(plus(DAY, 50));
    let fl = flag(&f, "cramp_over_10_min").unwrap();
    assert_eq!(fl.level, Level::SeeDoctor);
    assert_eq!(fl.first_met, day(DAY));
    assert_eq!(fl.last_seen, plus(DAY, 40));
    let o = &fl.evidence.occurrences;
    assert_eq!(o.len(), 2);
    assert_eq!((o[0].first, o[0].duration_s), (plus(DAY, 40), Some(900)));
    assert!(o[0].active);
    assert_eq!((o[1].first, o[1].duration_s), (day(DAY), Some(700)));
    assert!(!o[1].active);
    assert!(o.iter().all(|o| o.level == Level::SeeDoctor));
}
