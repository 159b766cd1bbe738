//! `myolog experiment start|stop|list|show` and `checkin --kept` through the real binary: what
//! a user sees, the JSON scripts read, one line and exit 2 for bad input with nothing written,
//! and undo.

use crate::support::cli::*;

use chrono::{DateTime, Days, NaiveDate};
use myolog::domain::{CheckIn, Episode, Kind, SiteRef};
use myolog::store::{Access, Bulk, Diary};
use serde_json::Value;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Check-ins from `first` for each of `caffeine` (mg), and a twitch on the days marked.
fn fill(env: &Env, first: &str, days: &[(u32, bool)]) {
    let now = DateTime::parse_from_rfc3339(NOW).unwrap().to_utc();
    let mut diary = Diary::open(&env.db, Access::Write, now).unwrap();
    let mut checkins = Vec::new();
    let mut episodes = Vec::new();
    for (i, &(mg, twitch)) in days.iter().enumerate() {
        let date = day(first) + Days::new(i as u64);
        checkins.push(CheckIn {
            caffeine_mg: Some(mg),
            ..CheckIn::empty(date)
        });
        if twitch {
            let at = DateTime::parse_from_rfc3339(&format!("{date}T10:00:00+00:00")).unwrap();
            episodes.push(Episode::new(
                Kind::Twitch,
                at,
                vec![SiteRef::parse("eyelid:left").unwrap()],
                now,
            ));
        }
    }
    diary
        .put_bulk(
            Bulk {
                checkins: &checkins,
                episodes: &episodes,
                ..Bulk::default()
            },
            now,
        )
        .unwrap();
}

/// `n` days of `mg`, the first `twitches` of them twitch days.
fn days(n: usize, twitches: usize, mg: u32) -> Vec<(u32, bool)> {
    (0..n).map(|i| (mg, i < twitches)).collect()
}

fn json(env: &Env, args: &[&str]) -> Value {
    serde_json::from_str(&env.ok(args)).unwrap()
}

#[test]
fn a_finished_caffeine_cut_shows_fewer_in_text_and_json() {
    let env = Env::new();
    // Baseline 2026-10-28 to 11-10: 10 of 14 twitch days at 450 mg; the cut from 11-11 to
    // 11-24 at 50 mg: 2 of 14. (2/14) / (10/14) = 0.2, interval 0.053-0.753 (worked out in
    // experiments_result.rs).
    let mut all = days(14, 10, 450);
    all.extend(days(14, 2, 50));
    fill(&env, "2026-10-28", &all);
    let started = env.ok(&[
        "experiment",
        "start",
        "caffeine cut",
        "--change",
        "no-caffeine",
        "--outcome",
        "twitch_day",
        "--on",
        "2026-11-11",
    ]);
    assert!(
        started.contains("from 2026-11-11 to 2026-11-24 (14 days), counting twitch days against the 14 days before (2026-10-28 to 2026-11-10, 14 of them with a check-in)"),
        "{started}"
    );
    assert!(id_in(&started).is_some(), "{started}");

    let v = json(&env, &["experiment", "show", "caffeine cut", "--json"]);
    assert_eq!(v["name"], "caffeine cut");
    assert_eq!(v["change"], "no-caffeine");
    assert_eq!(v["start"], "2026-11-11");
    assert_eq!(v["end"], "2026-11-24");
    assert!(v["stopped"].is_null());
    assert_eq!(v["baseline"]["days"], 14);
    assert_eq!(v["baseline"]["outcome_days"], 10);
    assert_eq!(v["experiment"]["kept_days"], 14);
    assert_eq!(v["experiment"]["kept_outcome_days"], 2);
    assert_eq!(v["adherence"], 1.0);
    let ratio = v["per_protocol"]["ratio"].as_f64().unwrap();
    assert!((ratio - 0.2).abs() < 1e-9, "{ratio}");
    let high = v["per_protocol"]["ci_high"].as_f64().unwrap();
    assert!((high - 0.752_570_656).abs() < 1e-6, "{high}");
    assert_eq!(v["verdict"], "fewer");

    // list --json is an array of the same objects.
    let list = json(&env, &["experiment", "list", "--json"]);
    assert_eq!(list, Value::Array(vec![v]));

    // Without a name, show takes the latest; its text gives the verdict and the caution.
    let text = env.ok(&["experiment", "show"]);
    assert!(
        text.contains("Verdict: fewer — the interval excludes no change."),
        "{text}"
    );
    assert!(text.contains("regression to the mean"), "{text}");
    assert!(text.contains("finished on 2026-11-24"), "{text}");
    let listed = env.ok(&["experiment", "list"]);
    assert!(listed.contains("caffeine cut"), "{listed}");
    assert!(
        listed.contains("fewer — the interval excludes no change"),
        "{listed}"
    );
}

#[test]
fn bad_input_gets_one_line_exit_2_and_nothing_written() {
    let env = Env::new();
    let start = |extra: &[&str]| {
        let mut args = vec![
            "experiment",
            "start",
            "cut",
            "--change",
            "no-caffeine",
            "--outcome",
            "twitch_day",
        ];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    // Refused before any diary is made.
    let line = assert_refused(
        &env.run(&[
            "experiment",
            "start",
            "cut",
            "--change",
            "sleep-8h",
            "--outcome",
            "twitch_day",
        ]),
        "--change",
    );
    assert!(line.contains("unknown change 'sleep-8h'"), "{line}");
    assert!(line.contains("no-caffeine, less-caffeine"), "{line}");
    let line = assert_refused(&start(&["--days", "3"]), "--days");
    assert!(line.contains("accepted: 7 to 365 days"), "{line}");
    let line = assert_refused(
        &env.run(&[
            "experiment",
            "start",
            "cut",
            "--change",
            "magnesium",
            "--outcome",
            "twitch-days",
        ]),
        "--outcome",
    );
    assert!(
        line.contains("twitch_day, cramp_day, nocturnal_cramp_night"),
        "{line}"
    );
    assert_refused(&start(&["--on", "2026-11-26"]), "in the future");
    assert!(env.diary_bytes().is_none(), "nothing written");
    assert_refused(
        &env.run(&["experiment", "stop"]),
        "no experiment is running",
    );
    assert_refused(&env.run(&["experiment", "show", "cut"]), "NAME");
    assert!(env.diary_bytes().is_none(), "nothing written");

    // One at a time: a second experiment while one runs is refused, naming it.
    env.ok(&[
        "experiment",
        "start",
        "cut",
        "--change",
        "no-caffeine",
        "--outcome",
        "twitch_day",
        "--on",
        "2026-11-20",
    ]);
    let before = env.diary_bytes().unwrap();
    let out = env.run(&[
        "experiment",
        "start",
        "stretch",
        "--change",
        "stretch-before-bed",
        "--outcome",
        "nocturnal_cramp_night",
    ]);
    let line = assert_refused(&out, "--on");
    assert!(
        line.contains("meet those of 'cut' (2026-11-20 to 2026-12-03)"),
        "{line}"
    );
    assert!(line.contains("one experiment runs at a time"), "{line}");
    // The same name twice, even once the first is over.
    let line = assert_refused(&start(&["--on", "2026-10-01", "--days", "7"]), "NAME");
    assert!(
        line.contains("'cut' names the experiment of 2026-11-20 already"),
        "{line}"
    );
    // --kept means nothing without a custom experiment running that day.
    let line = assert_refused(&env.run(&["checkin", "--kept"]), "--kept");
    assert!(
        line.contains("no custom experiment runs on 2026-11-25"),
        "{line}"
    );
    assert_eq!(env.diary_bytes().unwrap(), before, "nothing written");
}

#[test]
fn start_and_stop_are_undone_and_a_stop_ends_its_days() {
    let env = Env::new();
    fill(&env, "2026-11-05", &days(21, 5, 450));
    env.ok(&[
        "experiment",
        "start",
        "cut",
        "--change",
        "no-caffeine",
        "--outcome",
        "twitch_day",
        "--on",
        "2026-11-19",
    ]);
    let shown = env.ok(&["experiment", "show"]);
    assert!(shown.contains("running: day 7 of 14"), "{shown}");
    let stopped = env.ok(&["experiment", "stop", "--on", "2026-11-23"]);
    assert!(
        stopped.contains("Stopped the experiment 'cut' on 2026-11-23"),
        "{stopped}"
    );
    assert!(
        stopped.contains("stopped on 2026-11-23 (its days ran to 2026-11-22)"),
        "{stopped}"
    );
    let v = json(&env, &["experiment", "show", "--json"]);
    assert_eq!(v["stopped"], "2026-11-23");
    // 2026-11-19 to 11-22: four days with a check-in.
    assert_eq!(v["experiment"]["days"], 4);
    assert_eq!(v["verdict"], "too_early");
    // Nothing runs now: a new one may start today.
    assert_refused(
        &env.run(&["experiment", "stop"]),
        "no experiment is running",
    );

    assert!(
        env.ok(&["undo"])
            .starts_with("Undone: stopping the experiment cut.")
    );
    let v = json(&env, &["experiment", "show", "--json"]);
    assert!(v["stopped"].is_null());
    assert!(
        env.ok(&["undo"])
            .starts_with("Undone: starting the experiment cut.")
    );
    assert_eq!(
        json(&env, &["experiment", "list", "--json"]),
        Value::Array(vec![])
    );
}

#[test]
fn a_custom_experiment_asks_in_the_check_in() {
    let env = Env::new();
    env.ok(&[
        "experiment",
        "start",
        "screens off at nine",
        "--change",
        "custom",
        "--outcome",
        "twitch_day",
        "--on",
        "2026-11-24",
    ]);
    // A check-in without the answer is reminded of the question.
    let saved = env.ok(&["checkin", "--sleep", "7"]);
    assert!(
        saved.contains(
            "The experiment 'screens off at nine' runs on 2026-11-25: did you keep its change?"
        ),
        "{saved}"
    );
    let saved = env.ok(&["checkin", "--not-kept"]);
    assert!(saved.contains("experiment change kept no"), "{saved}");
    let saved = env.ok(&["checkin", "--date", "yesterday", "--kept"]);
    assert!(saved.contains("experiment change kept yes"), "{saved}");
    let v = json(&env, &["experiment", "show", "--json"]);
    assert_eq!(v["experiment"]["days"], 2);
    assert_eq!(v["experiment"]["kept_days"], 1);
    assert_eq!(v["adherence"], 0.5);
    assert_refused(&env.run(&["checkin", "--kept", "--not-kept"]), "--kept");
    // Before the experiment, the question means nothing.
    assert_refused(
        &env.run(&["checkin", "--date", "2026-11-20", "--kept"]),
        "no custom experiment runs on 2026-11-20",
    );
}
