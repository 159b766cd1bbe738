//! The self-check red flags, sensory symptoms and tongue or throat twitches.

use crate::support::patterns as common_patterns;

use common_patterns::*;
use myolog::domain::{SelfCheck, TestResult};
use myolog::patterns::Level;

const DAY: &str = "2026-05-10";

#[test]
fn a_passed_self_check_raises_nothing() {
    let f = Diary::new()
        .self_check(self_check(day(DAY)))
        .evaluate(day(DAY));
    assert!(f.flags.is_empty(), "{:?}", ids(&f));
}

#[test]
fn each_failed_strength_test_raises_red_flag_weakness() {
    let fail = Some(TestResult::Fail);
    for (name, check) in [
        (
            "heel-walk",
            SelfCheck {
                heel_walk: fail,
                ..self_check(day(DAY))
            },
        ),
        (
            "jar",
            SelfCheck {
                jar: fail,
                ..self_check(day(DAY))
            },
        ),
        (
            "stairs",
            SelfCheck {
                stairs: fail,
                ..self_check(day(DAY))
            },
        ),
    ] {
        let id = check.id;
        let f = Diary::new().self_check(check).evaluate(day(DAY));
        let fl = flag(&f, "red_flag_weakness").unwrap_or_else(|| panic!("{name}"));
        assert_eq!(fl.level, Level::Urgent);
        assert_eq!(fl.first_met, day(DAY));
        assert_eq!(fl.evidence.reported.failed_tests, [name]);
        assert_eq!(fl.evidence.self_check_ids, [id]);
        assert!(fl.active);
        assert_eq!(f.flags.len(), 1, "{:?}", ids(&f));
    }
}

#[test]
fn each_symptom_raises_its_flag() {
    for (symptom, rule, lvl) in [
        ("atrophy", "red_flag_atrophy", Level::Urgent),
        ("swallowing", "red_flag_bulbar", Level::Urgent),
        ("speech", "red_flag_bulbar", Level::Urgent),
        ("tongue", "red_flag_bulbar", Level::Urgent),
        ("foot-drop", "red_flag_foot_drop", Level::Urgent),
        ("breathing", "red_flag_breathing", Level::Urgent),
        ("numbness", "sensory_symptoms", Level::SeeDoctor),
        ("tingling", "sensory_symptoms", Level::SeeDoctor),
    ] {
        let f = Diary::new()
            .symptoms(day(DAY), &[symptom])
            .evaluate(day(DAY));
        assert_eq!(ids(&f), [rule], "{symptom}");
        let fl = flag(&f, rule).unwrap();
        assert_eq!(fl.level, lvl, "{symptom}");
        assert_eq!(fl.evidence.reported.symptoms, [symptom]);
        assert_eq!(fl.evidence.dates, [day(DAY)]);
    }
}

#[test]
fn sensory_symptoms_are_worded_as_what_was_reported_with_no_guess_at_a_cause() {
    let f = Diary::new()
        .symptoms(day(DAY), &["numbness"])
        .evaluate(day(DAY));
    let fl = flag(&f, "sensory_symptoms").unwrap();
    assert_eq!(fl.title, "Numbness or tingling reported in a self-check");
    for text in [&fl.title, &fl.detail, &fl.guidance] {
        for guess in [
            "nerve",
            "circulation",
            "motor-neuron",
            "motor neuron",
            "usually",
        ] {
            assert!(!text.contains(guess), "{guess:?} in {text}");
        }
    }
    assert!(
        fl.detail
            .starts_with("Numbness reported in a self-check on 2026-05-10")
    );
    assert!(
        fl.guidance.contains("NHS, \"Leg cramps\""),
        "{}",
        fl.guidance
    );
}

#[test]
fn tongue_and_throat_twitches_raise_red_flag_bulbar() {
    for site in ["tongue", "throat"] {
        let f = Diary::new()
            .twitch(plus(DAY, 0), &["calf:left"])
            .twitch(plus(DAY, 1), &[site])
            .evaluate(plus(DAY, 1));
        let fl = flag(&f, "red_flag_bulbar").unwrap_or_else(|| panic!("{site}"));
        assert_eq!(fl.level, Level::Urgent);
        assert_eq!(fl.first_met, plus(DAY, 1));
        assert_eq!(fl.evidence.reported.sites, [site]);
        assert_eq!(fl.evidence.episode_ids.len(), 1);
    }
    // Jaw and face are face-group sites but not bulbar red flags.
    let f = Diary::new()
        .twitch(plus(DAY, 0), &["jaw:left", "face:right"])
        .evaluate(plus(DAY, 0));
    assert!(!fired(&f, "red_flag_bulbar"));
}

#[test]
fn a_cramp_at_the_throat_is_not_a_bulbar_twitch() {
    let mut e = cramp(day(DAY), "12:00");
    e.sites = vec![myolog::domain::SiteRef::parse("throat").unwrap()];
    let f = Diary::new().episode(e).evaluate(day(DAY));
    assert!(!fired(&f, "red_flag_bulbar"));
}

#[test]
fn a_later_self_check_without_the_symptom_ends_active_but_keeps_the_flag() {
    let d = Diary::new()
        .symptoms(day(DAY), &["atrophy", "tingling"])
        .self_check(self_check(plus(DAY, 5)));
    let f = d.evaluate(plus(DAY, 5));
    let atrophy = flag(&f, "red_flag_atrophy").unwrap();
    assert!(!atrophy.active);
    assert_eq!(atrophy.first_met, day(DAY));
    assert!(!flag(&f, "sensory_symptoms").unwrap().active);
    // As of the day before the later self-check, it is still active.
    assert!(
        flag(&d.evaluate(plus(DAY, 4)), "red_flag_atrophy")
            .unwrap()
            .active
    );
}

#[test]
fn a_later_passed_test_ends_weakness_only_for_that_test() {
    let failed = SelfCheck {
        heel_walk: Some(TestResult::Fail),
        jar: Some(TestResult::Fail),
        ..self_check(day(DAY))
    };
    let heel_ok_only = SelfCheck {
        heel_walk: Some(TestResult::Ok),
        jar: None,
        stairs: None,
        ..self_check(plus(DAY, 3))
    };
    let d = Diary::new().self_check(failed).self_check(heel_ok_only);
    let f = d.evaluate(plus(DAY, 3));
    let fl = flag(&f, "red_flag_weakness").unwrap();
    assert!(fl.active, "the jar was not tried again");
    assert_eq!(fl.evidence.reported.failed_tests, ["heel-walk", "jar"]);
    let d = d.self_check(SelfCheck {
        jar: Some(TestResult::Ok),
        ..self_check(plus(DAY, 4))
    });
    assert!(
        !flag(&d.evaluate(plus(DAY, 4)), "red_flag_weakness")
            .unwrap()
            .active
    );
}

#[test]
fn a_red_flag_stays_active_until_a_later_self_check_clears_it_never_by_time_alone() {
    let d = Diary::new().symptoms(day(DAY), &["foot-drop"]);
    let f = d.evaluate(plus(DAY, 200));
    let fl = flag(&f, "red_flag_foot_drop").unwrap();
    assert!(fl.active, "200 days without a self-check do not clear it");
    assert_eq!(fl.level, Level::Urgent);
    assert_eq!(fl.last_seen, day(DAY));
    assert!(
        fl.detail.contains("no self-check since 2026-05-10"),
        "{}",
        fl.detail
    );
    // Twitches and cramps logged meanwhile change nothing.
    let busy = d
        .clone()
        .twitch(plus(DAY, 100), &["calf:left"])
        .cramp(plus(DAY, 150), "15:00");
    assert!(
        flag(&busy.evaluate(plus(DAY, 200)), "red_flag_foot_drop")
            .unwrap()
            .active
    );

    // A clean self-check on day 201 clears it; the flag stays, with when it was cleared.
    let cleared = d.self_check(self_check(plus(DAY, 201)));
    assert!(
        flag(&cleared.evaluate(plus(DAY, 200)), "red_flag_foot_drop")
            .unwrap()
            .active
    );
    let f = cleared.evaluate(plus(DAY, 201));
    let fl = flag(&f, "red_flag_foot_drop").unwrap();
    assert!(!fl.active);
    assert_eq!(fl.level, Level::Urgent);
    assert_eq!(fl.last_seen, day(DAY));
    assert_eq!(fl.first_met, day(DAY));
    let only = &fl.evidence.occurrences[0];
    assert_eq!(only.cleared, Some(plus(DAY, 201)));
    assert!(
        fl.detail
            .contains("not reported in the self-check on 2026-11-27"),
        "{}",
        fl.detail
    );
}

#[test]
fn a_self_check_that_reports_it_again_starts_a_new_occurrence() {
    let f = Diary::new()
        .symptoms(plus(DAY, 0), &["tingling"])
        .symptoms(plus(DAY, 7), &["tingling", "numbness"])
        .self_check(self_check(plus(DAY, 30)))
        .symptoms(plus(DAY, 90), &["numbness"])
        .evaluate(plus(DAY, 120));
    let fl = flag(&f, "sensory_symptoms").unwrap();
    assert!(fl.active);
    assert_eq!(fl.first_met, day(DAY));
    assert_eq!(fl.last_seen, plus(DAY, 90));
    let o = &fl.evidence.occurrences;
    assert_eq!(o.len(), 2);
    assert_eq!((o[0].first, o[0].last), (plus(DAY, 90), plus(DAY, 90)));
    assert!(o[0].active);
    assert_eq!(o[0].cleared, None);
    assert_eq!((o[1].first, o[1].last), (plus(DAY, 0), plus(DAY, 7)));
    assert_eq!(o[1].cleared, Some(plus(DAY, 30)));
    assert!(!o[1].active);
    assert_eq!(o[1].reported.symptoms, ["tingling", "numbness"]);
    assert_eq!(o[1].self_check_ids.len(), 2);
}

#[test]
fn urgent_flags_come_first_then_by_first_met() {
    let f = Diary::new()
        .symptoms(plus(DAY, 0), &["numbness"])
        .symptoms(plus(DAY, 1), &["numbness", "breathing"])
        .symptoms(plus(DAY, 2), &["numbness", "breathing", "atrophy"])
        .evaluate(plus(DAY, 2));
    assert_eq!(
        ids(&f),
        ["red_flag_breathing", "red_flag_atrophy", "sensory_symptoms"]
    );
}
