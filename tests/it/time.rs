//! Local time: `TZ` is honoured, entries across clock changes keep their true instants and
//! land on the right local dates, times that never happened or happened twice are refused, and
//! relative times count from the injected clock.

use crate::support::cli as common;

use chrono::NaiveDate;
use common::{Env, assert_refused, ids};

fn starts(env: &Env, extra: &[&str]) -> Vec<String> {
    env.list(extra)
        .iter()
        .map(|e| e["start"].as_str().unwrap().to_string())
        .collect()
}

/// Local dates of the episodes as the library sees them, for one day.
fn on_day(env: &Env, day: &str) -> Vec<String> {
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let diary =
        myolog::store::Diary::open(&env.db, myolog::store::Access::Read, chrono::Utc::now())
            .unwrap();
    let slice = diary.load(Some(day), Some(day)).unwrap();
    slice
        .episodes
        .iter()
        .map(|e| e.start.to_rfc3339())
        .collect()
}

#[test]
fn london_spring_forward_keeps_instants_and_local_dates() {
    let env = Env::at("2026-04-02T12:00:00+01:00", "Europe/London");
    let before = env.log(&["twitch", "--site", "eyelid", "--at", "2026-03-28 23:30"]);
    let early = env.log(&["twitch", "--site", "eyelid", "--at", "2026-03-29 00:30"]);
    let after = env.log(&["twitch", "--site", "eyelid", "--at", "2026-03-29 03:00"]);
    let next = env.log(&["twitch", "--site", "eyelid", "--at", "2026-03-30 00:30"]);
    assert_eq!(
        starts(&env, &[]),
        [
            "2026-03-30T00:30:00+01:00",
            "2026-03-29T03:00:00+01:00",
            "2026-03-29T00:30:00Z",
            "2026-03-28T23:30:00Z",
        ]
    );
    // 00:30 GMT and 03:00 BST on the 29th are 90 minutes apart, not 150.
    let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    assert_eq!(
        (t("2026-03-29T03:00:00+01:00") - t("2026-03-29T00:30:00Z")).num_minutes(),
        90
    );
    // The 29th is 23 hours long: a whole-day list takes exactly its two entries.
    assert_eq!(
        ids(&env.list(&["--since", "2026-03-29", "--until", "2026-03-29"])),
        [after.as_str(), early.as_str()]
    );
    assert_eq!(
        ids(&env.list(&["--since", "2026-03-30", "--until", "2026-03-30"])),
        [next.as_str()]
    );
    assert_eq!(
        ids(&env.list(&["--until", "2026-03-28"])),
        [before.as_str()]
    );
    assert_eq!(
        on_day(&env, "2026-03-29"),
        ["2026-03-29T00:30:00+00:00", "2026-03-29T03:00:00+01:00"]
    );
    assert_eq!(on_day(&env, "2026-03-30"), ["2026-03-30T00:30:00+01:00"]);
    // The table shows the local date and time of each.
    let table = env.ok(&["list"]);
    assert!(table.contains("2026-03-30  00:30"), "{table}");
    assert!(table.contains("2026-03-29  03:00"), "{table}");
}

#[test]
fn london_fall_back_keeps_instants_and_local_dates() {
    let env = Env::at("2026-10-28T12:00:00Z", "Europe/London");
    let a = env.log(&["cramp", "--site", "calf", "--at", "2026-10-24 23:30"]);
    let b = env.log(&["cramp", "--site", "calf", "--at", "2026-10-25 00:30"]);
    let c = env.log(&["cramp", "--site", "calf", "--at", "2026-10-25 03:00"]);
    let d = env.log(&["cramp", "--site", "calf", "--at", "2026-10-25 23:30"]);
    // Both readings of 01:30 can be given explicitly with their offsets: an hour apart.
    let e = env.log(&[
        "cramp",
        "--site",
        "calf",
        "--at",
        "2026-10-25T01:30:00+01:00",
    ]);
    let f = env.log(&[
        "cramp",
        "--site",
        "calf",
        "--at",
        "2026-10-25T01:30:00+00:00",
    ]);
    assert_eq!(
        starts(&env, &[]),
        [
            "2026-10-25T23:30:00Z",
            "2026-10-25T03:00:00Z",
            "2026-10-25T01:30:00Z",
            "2026-10-25T01:30:00+01:00",
            "2026-10-25T00:30:00+01:00",
            "2026-10-24T23:30:00+01:00",
        ]
    );
    // The 25th is 25 hours long: a whole-day list takes all five of its entries.
    assert_eq!(
        ids(&env.list(&["--since", "2026-10-25", "--until", "2026-10-25"])),
        [d.as_str(), c.as_str(), f.as_str(), e.as_str(), b.as_str()]
    );
    assert_eq!(ids(&env.list(&["--until", "2026-10-24"])), [a.as_str()]);
    assert_eq!(on_day(&env, "2026-10-25").len(), 5);
    assert_eq!(on_day(&env, "2026-10-24"), ["2026-10-24T23:30:00+01:00"]);
}

#[test]
fn a_time_in_the_spring_forward_gap_is_refused() {
    let env = Env::at("2026-04-02T12:00:00+01:00", "Europe/London");
    let out = env.run(&[
        "log",
        "twitch",
        "--site",
        "calf",
        "--at",
        "2026-03-29 01:30",
    ]);
    let line = assert_refused(&out, "--at");
    assert!(line.contains("does not exist"), "{line}");
    assert!(!env.db.exists());
}

#[test]
fn a_time_in_the_fall_back_overlap_offers_both_offsets() {
    let env = Env::at("2026-10-28T12:00:00Z", "Europe/London");
    let out = env.run(&["log", "cramp", "--site", "calf", "--at", "2026-10-25 01:30"]);
    let line = assert_refused(&out, "--at");
    assert!(line.contains("2026-10-25T01:30:00+01:00"), "{line}");
    assert!(line.contains("2026-10-25T01:30:00+00:00"), "{line}");
    assert!(!env.db.exists());
}

#[test]
fn new_york_clock_changes() {
    let env = Env::at("2026-11-05T12:00:00-05:00", "America/New_York");
    let out = env.run(&[
        "log",
        "twitch",
        "--site",
        "thumb",
        "--at",
        "2026-03-08 02:30",
    ]);
    assert!(assert_refused(&out, "--at").contains("does not exist"));
    let out = env.run(&[
        "log",
        "twitch",
        "--site",
        "thumb",
        "--at",
        "2026-11-01 01:30",
    ]);
    let line = assert_refused(&out, "--at");
    assert!(
        line.contains("2026-11-01T01:30:00-04:00") && line.contains("2026-11-01T01:30:00-05:00"),
        "{line}"
    );
    let summer = env.log(&["twitch", "--site", "thumb", "--at", "2026-03-08 03:30"]);
    let edt = env.log(&["twitch", "--site", "thumb", "--at", "2026-10-31 22:00"]);
    let est = env.log(&["twitch", "--site", "thumb", "--at", "2026-11-01 23:30"]);
    assert_eq!(
        starts(&env, &[]),
        [
            "2026-11-01T23:30:00-05:00",
            "2026-10-31T22:00:00-04:00",
            "2026-03-08T03:30:00-04:00",
        ]
    );
    assert_eq!(
        ids(&env.list(&["--since", "2026-11-01", "--until", "2026-11-01"])),
        [est.as_str()]
    );
    assert_eq!(
        ids(&env.list(&["--since", "2026-10-31", "--until", "2026-10-31"])),
        [edt.as_str()]
    );
    assert_eq!(
        ids(&env.list(&["--since", "2026-03-08", "--until", "2026-03-08"])),
        [summer.as_str()]
    );
}

#[test]
fn the_same_local_time_is_a_different_instant_in_another_zone() {
    let london = Env::new();
    let york = Env::at(common::NOW, "America/New_York");
    london.log(&["twitch", "--site", "eyelid", "--at", "2026-11-20 09:00"]);
    york.log(&["twitch", "--site", "eyelid", "--at", "2026-11-20 09:00"]);
    assert_eq!(starts(&london, &[]), ["2026-11-20T09:00:00Z"]);
    assert_eq!(starts(&york, &[]), ["2026-11-20T09:00:00-05:00"]);
    // "now" is one instant, shown in each zone.
    london.log(&["twitch", "--site", "eyelid"]);
    york.log(&["twitch", "--site", "eyelid"]);
    assert_eq!(starts(&london, &[])[0], "2026-11-25T10:15:00Z");
    assert_eq!(starts(&york, &[])[0], "2026-11-25T05:15:00-05:00");
    // 08:00 today has happened in London but not yet in New York (05:15 there).
    london.log(&["twitch", "--site", "eyelid", "--at", "08:00"]);
    let out = york.run(&["log", "twitch", "--site", "eyelid", "--at", "08:00"]);
    assert!(assert_refused(&out, "--at").contains("future"));
    // The same diary read under another TZ keeps the instants as logged.
    let out = london.run_tz("Asia/Tokyo", &["list", "--json"]);
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[0]["start"], "2026-11-25T10:15:00Z");
    assert_eq!(listed[1]["start"], "2026-11-25T08:00:00Z");
}

#[test]
fn relative_times_count_from_the_injected_clock() {
    let env = Env::new(); // 2026-11-25 10:15 in London (GMT)
    for (when, expected) in [
        ("-3d", "2026-11-22T10:15:00Z"),
        ("yesterday 23:10", "2026-11-24T23:10:00Z"),
        ("08:05", "2026-11-25T08:05:00Z"),
        ("-2h", "2026-11-25T08:15:00Z"),
        ("-30m", "2026-11-25T09:45:00Z"),
        ("now", "2026-11-25T10:15:00Z"),
        ("2026-11-01 00:00", "2026-11-01T00:00:00Z"),
    ] {
        let id = env.log(&["twitch", "--site", "calf", "--at", when]);
        let listed = env.list(&[]);
        assert_eq!(common::find(&listed, &id)["start"], expected, "{when}");
    }
}

/// Three cramps logged by day alone used to be put at 00:00, nocturnal by DOMAIN.md section 1,
/// so they raised "frequent night cramps" for nights nobody reported. A start needs a time of
/// day, on the command line and in the form; the same cramps with their times raise nothing.
#[test]
fn an_episode_logged_by_day_alone_is_asked_for_its_time() {
    let env = Env::new();
    for (when, example) in [
        ("2026-11-02", "give '2026-11-02 HH:MM'"),
        ("yesterday", "give 'yesterday HH:MM'"),
        ("today", "give HH:MM (today)"),
    ] {
        let line = assert_refused(
            &env.run(&["log", "cramp", "--site", "calf:left", "--at", when]),
            "--at",
        );
        assert!(line.contains("is a day without a time of day"), "{line}");
        assert!(line.contains(example), "{line}");
    }
    assert!(env.list(&[]).is_empty(), "nothing was logged");
    let id = env.log(&["cramp", "--site", "calf:left", "--at", "2026-11-02 15:00"]);
    assert_refused(&env.run(&["edit", &id, "--at", "2026-11-03"]), "--at");
    for day in ["2026-11-04", "2026-11-06"] {
        env.log(&[
            "cramp",
            "--site",
            "calf:left",
            "--at",
            &format!("{day} 15:00"),
        ]);
    }
    let patterns = env.ok(&["patterns", "--json"]);
    assert!(
        !patterns.contains("nocturnal_cramps_frequent"),
        "{patterns}"
    );
}

#[test]
fn a_plus_sign_is_refused_not_read_as_days_back() {
    // "+5d" reads as five days ahead to a person; it used to log five days back.
    let env = Env::new();
    for (args, names) in [
        (
            &["log", "twitch", "--site", "calf", "--at", "+5d"][..],
            "--at",
        ),
        (
            &["log", "twitch", "--site", "calf", "--at", "+1:30"][..],
            "--at",
        ),
        (&["checkin", "--date", "+3d", "--stress", "2"][..], "--date"),
        (&["patterns", "--since", "+30d"][..], "--since"),
    ] {
        assert_refused(&env.run(args), names);
    }
    assert!(env.list(&[]).is_empty(), "nothing was logged");
    // The forms people mean still work, with and without the minus.
    for when in ["5d", "-5d"] {
        let id = env.log(&["twitch", "--site", "calf", "--at", when]);
        assert_eq!(
            common::find(&env.list(&[]), &id)["start"],
            "2026-11-20T10:15:00Z"
        );
    }
}

#[test]
fn relative_times_across_a_clock_change() {
    // Three days before a BST noon is a GMT noon (71 hours); two hours is two real hours.
    let env = Env::at("2026-03-30T12:00:00+01:00", "Europe/London");
    env.log(&["twitch", "--site", "calf", "--at", "-3d"]);
    assert_eq!(starts(&env, &[]), ["2026-03-27T12:00:00Z"]);
    let env = Env::at("2026-03-29T03:30:00+01:00", "Europe/London");
    // Two real hours before 03:30 BST is 00:30 GMT, shown with the offset in force then.
    env.log(&["twitch", "--site", "calf", "--at", "-2h"]);
    assert_eq!(starts(&env, &[]), ["2026-03-29T00:30:00Z"]);
    env.log(&["twitch", "--site", "calf", "--at", "-2h30m"]);
    assert_eq!(starts(&env, &[])[1], "2026-03-29T00:00:00Z");
    env.log(&["twitch", "--site", "calf", "--at", "yesterday 23:10"]);
    assert_eq!(starts(&env, &[])[2], "2026-03-28T23:10:00Z");
}

/// A bare number of seconds is a DUR (DOMAIN.md section 6), which a person meaning minutes may
/// not know: `log` says how it read the duration, so "--duration 15" shows as 15 s at once.
#[test]
fn log_says_how_it_read_a_duration() {
    let env = Env::new();
    for (given, read) in [
        ("15", "lasting 15s"),
        ("15m", "lasting 15m"),
        ("1h30m", "lasting 1h30m"),
    ] {
        let out = env.run(&["log", "cramp", "--site", "calf:left", "--duration", given]);
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            said.contains(&format!(" on calf:left, {read} (id ")),
            "{said}"
        );
    }
    let out = env.run(&["log", "twitch", "--site", "eyelid"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("lasting"));
}
