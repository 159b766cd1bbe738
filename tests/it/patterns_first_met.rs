//! `first_met`, `last_seen`, levels and activity as a user sees them through the real binary
//! (DOMAIN.md section 4): for every rule, `patterns --as-of FIRST_MET` shows the flag and the
//! day before does not; and the scenarios of issue 10, built day by day with exact dates.

use chrono::{Days, NaiveDate};
use myolog::patterns::RuleId;
use serde_json::Value;

use crate::support::cli::Env;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// `myolog patterns --json --as-of DAY`.
fn patterns(env: &Env, as_of: &str) -> Value {
    let text = env.ok(&["patterns", "--json", "--as-of", as_of]);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// The flag with this id, if shown.
fn flag<'a>(v: &'a Value, id: &str) -> Option<&'a Value> {
    v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
}

fn twitch(env: &Env, site: &str, at: &str) {
    env.log(&["twitch", "--site", site, "--at", at]);
}

fn cramp(env: &Env, at: &str, extra: &[&str]) {
    let mut args = vec!["cramp", "--site", "calf:right", "--at", at];
    args.extend_from_slice(extra);
    env.log(&args);
}

fn selfcheck(env: &Env, date: &str, extra: &[&str]) {
    let mut args = vec!["selfcheck", "--date", date];
    args.extend_from_slice(extra);
    env.ok(&args);
}

/// Builds a diary that fires `rule` and returns the day it is first met, worked out by hand.
fn scenario(env: &Env, rule: RuleId) -> &'static str {
    match rule {
        RuleId::TwitchPersistent => {
            // 1 to 15 June: last day minus first is 14.
            for d in 1..=15 {
                twitch(env, "calf:left", &format!("2026-06-{d:02} 10:00"));
            }
            "2026-06-15"
        }
        RuleId::TwitchWidespread => {
            twitch(env, "calf:left", "2026-06-01 10:00");
            twitch(env, "forearm:right", "2026-06-04 10:00");
            twitch(env, "upper-back", "2026-06-07 10:00");
            "2026-06-07"
        }
        RuleId::TwitchMultiplePlaces => {
            twitch(env, "eyelid:left", "2026-06-02 10:00");
            twitch(env, "calf:left", "2026-06-03 10:00");
            twitch(env, "forearm:right", "2026-06-09 10:00");
            "2026-06-09"
        }
        RuleId::RedFlagWeakness => {
            selfcheck(env, "2026-06-02", &["--jar", "ok"]);
            selfcheck(env, "2026-06-03", &["--jar", "fail"]);
            "2026-06-03"
        }
        RuleId::RedFlagAtrophy => {
            selfcheck(env, "2026-06-03", &["--symptom", "atrophy"]);
            "2026-06-03"
        }
        RuleId::RedFlagBulbar => {
            twitch(env, "calf:left", "2026-06-02 10:00");
            twitch(env, "tongue", "2026-06-03 08:00");
            "2026-06-03"
        }
        RuleId::RedFlagFootDrop => {
            selfcheck(env, "2026-06-03", &["--symptom", "foot-drop"]);
            "2026-06-03"
        }
        RuleId::RedFlagBreathing => {
            selfcheck(env, "2026-06-03", &["--symptom", "breathing"]);
            "2026-06-03"
        }
        RuleId::SensorySymptoms => {
            selfcheck(env, "2026-06-03", &["--symptom", "numbness"]);
            "2026-06-03"
        }
        RuleId::CrampOver10Min => {
            cramp(env, "2026-06-02 15:00", &["--duration", "10m"]);
            cramp(env, "2026-06-03 23:50", &["--duration", "11m"]);
            "2026-06-03"
        }
        RuleId::CrampSoreForDays => {
            cramp(env, "2026-06-02 15:00", &["--sore-days", "1"]);
            cramp(env, "2026-06-03 15:00", &["--sore-days", "2"]);
            "2026-06-03"
        }
        RuleId::NocturnalCrampsFrequent => {
            // The nights of the 1st, 3rd and 5th; the third cramp is at 02:30 on the 6th.
            cramp(env, "2026-06-01 22:00", &[]);
            cramp(env, "2026-06-03 23:00", &[]);
            cramp(env, "2026-06-06 02:30", &[]);
            "2026-06-06"
        }
        RuleId::MedicationOnset => {
            env.ok(&[
                "med",
                "add",
                "salbutamol",
                "--class",
                "beta-2-agonist",
                "--start",
                "2026-06-01",
            ]);
            // Nothing in the 28 days before; the third episode after the start meets it.
            twitch(env, "calf:left", "2026-06-01 10:00");
            cramp(env, "2026-06-03 15:00", &[]);
            twitch(env, "thumb:left", "2026-06-05 10:00");
            "2026-06-05"
        }
    }
}

#[test]
fn as_of_first_met_shows_every_rule_and_the_day_before_does_not() {
    for rule in RuleId::ALL {
        let env = Env::new();
        let expected = scenario(&env, rule);
        let id = rule.as_str();
        let now = patterns(&env, "2026-07-01");
        let fl = flag(&now, id).unwrap_or_else(|| panic!("{id} did not fire: {now}"));
        assert_eq!(fl["first_met"], expected, "{id}");
        let first_met = day(fl["first_met"].as_str().unwrap());
        let on = patterns(&env, &first_met.to_string());
        let shown = flag(&on, id).unwrap_or_else(|| panic!("{id} not shown as of {first_met}"));
        assert_eq!(shown["first_met"], expected, "{id}");
        let before = first_met - Days::new(1);
        assert!(
            flag(&patterns(&env, &before.to_string()), id).is_none(),
            "{id} already shown as of {before}"
        );
    }
}

/// The text view never says nothing meets a see-a-doctor threshold when a spell did.
#[test]
fn an_unexplained_january_spell_stays_see_a_doctor_after_a_caffeine_spell_in_may() {
    let env = Env::new();
    for d in 5..=20 {
        twitch(&env, "calf:left", &format!("2026-01-{d:02} 10:00"));
    }
    for d in 4..=19 {
        env.log(&[
            "twitch",
            "--site",
            "eyelid:left",
            "--at",
            &format!("2026-05-{d:02} 10:00"),
            "--trigger",
            "caffeine",
        ]);
    }
    let v = patterns(&env, "2026-08-01");
    let fl = flag(&v, "twitch_persistent").unwrap();
    assert_eq!(fl["level"], "see_doctor");
    assert_eq!(fl["first_met"], "2026-01-19");
    assert_eq!(fl["last_seen"], "2026-05-19");
    assert_eq!(fl["active"], false);
    let o = fl["evidence"]["occurrences"].as_array().unwrap();
    assert_eq!(o.len(), 2);
    assert_eq!(
        (&o[0]["level"], &o[0]["first"], &o[0]["last"]),
        (
            &Value::from("notice"),
            &Value::from("2026-05-04"),
            &Value::from("2026-05-19")
        )
    );
    assert_eq!(o[0]["obvious_trigger_days"], 16);
    assert_eq!(
        (&o[1]["level"], &o[1]["first"], &o[1]["last"]),
        (
            &Value::from("see_doctor"),
            &Value::from("2026-01-05"),
            &Value::from("2026-01-20")
        )
    );
    assert_eq!(o[1]["obvious_trigger_days"], 0);

    let text = env.ok(&["patterns", "--as-of", "2026-08-01"]);
    assert!(!text.contains("Nothing here meets"), "{text}");
    assert!(
        text.contains(
            "!! SEE A DOCTOR (book an appointment): Twitching for more than two weeks (last seen 2026-05-19)"
        ),
        "{text}"
    );
    let may = text
        .find("      - 2026-05-04 to 2026-05-19, notice:")
        .expect(&text);
    let january = text
        .find("      - 2026-01-05 to 2026-01-20, see a doctor:")
        .expect(&text);
    assert!(may < january, "latest first: {text}");
}

#[test]
fn a_new_two_place_notice_shows_though_widespread_fired_in_january() {
    let env = Env::new();
    twitch(&env, "calf:left", "2026-01-05 10:00");
    twitch(&env, "forearm:right", "2026-01-06 10:00");
    twitch(&env, "upper-back", "2026-01-07 10:00");
    twitch(&env, "calf:right", "2026-05-11 10:00");
    twitch(&env, "forearm:left", "2026-05-13 10:00");
    let june = patterns(&env, "2026-06-01");
    let two = flag(&june, "twitch_multiple_places").expect("May's two places show");
    assert_eq!(two["level"], "notice");
    assert_eq!(two["active"], true);
    assert_eq!(two["first_met"], "2026-01-06");
    assert_eq!(two["last_seen"], "2026-05-13");
    let o = two["evidence"]["occurrences"].as_array().unwrap();
    assert_eq!(o[0]["first"], "2026-05-11");
    assert_eq!(o[0]["last"], "2026-05-13");
    assert_eq!(o[0]["active"], true);
    let wide = flag(&june, "twitch_widespread").unwrap();
    assert_eq!(wide["active"], false);
    assert_eq!(wide["last_seen"], "2026-01-07");
    // Active flags first.
    assert_eq!(june["flags"][0]["id"], "twitch_multiple_places");
}

#[test]
fn a_red_flag_stays_active_with_no_later_self_check_and_a_clean_one_clears_it() {
    let env = Env::new();
    selfcheck(&env, "2026-03-02", &["--symptom", "atrophy"]);
    twitch(&env, "calf:left", "2026-06-01 10:00");
    // 200 days later, with no self-check since.
    let v = patterns(&env, "2026-09-18");
    let fl = flag(&v, "red_flag_atrophy").unwrap();
    assert_eq!(fl["active"], true);
    assert_eq!(fl["level"], "urgent");
    assert_eq!(fl["last_seen"], "2026-03-02");
    assert!(
        fl["detail"]
            .as_str()
            .unwrap()
            .contains("no self-check since 2026-03-02"),
        "{fl}"
    );
    let text = env.ok(&["patterns", "--as-of", "2026-09-18"]);
    assert!(
        text.contains(
            "!!! URGENT (seek prompt medical review): A muscle looks smaller or wasted (active)"
        ),
        "{text}"
    );

    selfcheck(&env, "2026-09-19", &["--heel-walk", "ok"]);
    let v = patterns(&env, "2026-09-19");
    let fl = flag(&v, "red_flag_atrophy").unwrap();
    assert_eq!(fl["active"], false);
    assert_eq!(fl["level"], "urgent");
    assert_eq!(fl["last_seen"], "2026-03-02");
    assert_eq!(fl["evidence"]["occurrences"][0]["cleared"], "2026-09-19");
    let text = env.ok(&["patterns", "--as-of", "2026-09-19"]);
    assert!(
        text.contains("A muscle looks smaller or wasted (last seen 2026-03-02)"),
        "{text}"
    );
}

#[test]
fn last_seen_is_the_latest_entry_behind_each_flag() {
    let env = Env::new();
    cramp(&env, "2026-06-02 15:00", &["--duration", "11m"]);
    cramp(
        &env,
        "2026-07-20 15:00",
        &["--duration", "12m", "--sore-days", "3"],
    );
    cramp(&env, "2026-08-01 15:00", &["--duration", "5m"]);
    env.ok(&[
        "med",
        "add",
        "salbutamol",
        "--class",
        "beta-2-agonist",
        "--start",
        "2026-09-01",
    ]);
    for at in ["2026-09-02 10:00", "2026-09-04 10:00", "2026-09-06 10:00"] {
        twitch(&env, "thumb:left", at);
    }
    env.ok(&["med", "stop", "salbutamol", "--on", "2026-09-20"]);
    let v = patterns(&env, "2026-10-01");
    let seen = |id: &str| flag(&v, id).unwrap()["last_seen"].clone();
    assert_eq!(seen("cramp_over_10_min"), "2026-07-20");
    assert!(!active(&v, "cramp_over_10_min"), "73 days back");
    assert_eq!(
        flag(&v, "cramp_over_10_min").unwrap()["level"],
        "see_doctor"
    );
    assert_eq!(seen("cramp_sore_for_days"), "2026-07-20");
    assert_eq!(seen("medication_onset"), "2026-09-06");
    assert!(!active(&v, "medication_onset"), "stopped on the 20th");
    assert!(active(&patterns(&env, "2026-09-19"), "medication_onset"));
    // Within 28 days of the cramp, active; the day after, not.
    assert!(active(&patterns(&env, "2026-08-17"), "cramp_sore_for_days"));
    assert!(!active(
        &patterns(&env, "2026-08-18"),
        "cramp_sore_for_days"
    ));
}

fn active(v: &Value, id: &str) -> bool {
    flag(v, id).unwrap()["active"].as_bool().unwrap()
}
