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
        assert_eq!(fl.evidence.failed_tests, [name]);
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
        assert_eq!(fl.evidence.symptoms, [symptom]);
        assert_eq!(fl.evidence.dates, [day(DAY)]);
    }
}

#[test]
fn sensory_symptoms_are_labelled_as_not_the_motor_neuron_pattern() {
    let f = Diary::new()
        .symptoms(day(DAY), &["numbness"])
        .evaluate(day(DAY));
    let fl = flag(&f, "sensory_symptoms").unwrap();
    assert!(fl.title.contains("nerve or circulation"), "{}", fl.title);
    assert!(fl.title.contains("not the motor-neuron pattern"));
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
        assert_eq!(fl.evidence.sites, [site]);
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
    assert_eq!(fl.evidence.failed_tests, ["heel-walk", "jar"]);
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
fn red_flags_stay_shown_but_stop_being_active_after_the_active_window() {
    let d = Diary::new().symptoms(day(DAY), &["foot-drop"]);
    assert!(
        flag(&d.evaluate(plus(DAY, 28)), "red_flag_foot_drop")
            .unwrap()
            .active
    );
    let f = d.evaluate(plus(DAY, 29));
    let fl = flag(&f, "red_flag_foot_drop").unwrap();
    assert!(!fl.active);
    assert_eq!(fl.level, Level::Urgent);
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
