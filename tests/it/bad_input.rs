//! Bad input of every kind: exit status 2, one line on stderr naming the option, and nothing
//! written: the diary byte-for-byte as it was, or no diary at all when there was none.

use crate::support::cli as common;

use common::{Env, assert_refused, stdout};

/// Runs `args` (where `{id}` stands for a live episode's id) on a diary with entries and on a
/// path with no diary; both must be refused, the first naming `names`, and neither may write.
/// Returns the message for the diary with entries.
fn refused(args: &[&str], names: &str) -> String {
    // No diary yet: nothing may be created, not even the folder's files.
    let fresh = Env::new();
    let out = fresh.run(args);
    assert_eq!(out.status.code(), Some(2), "{args:?} on no diary: {out:?}");
    assert_eq!(common::stderr(&out).lines().count(), 1, "{args:?}: {out:?}");
    let left: Vec<_> = std::fs::read_dir(fresh.dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{args:?} left files behind: {left:?}");

    // A diary with entries: refused and untouched.
    let env = Env::new();
    let id = env.log(&[
        "cramp",
        "--site",
        "calf:left",
        "--at",
        "03:10",
        "--pain",
        "6",
    ]);
    env.ok(&["checkin", "--sleep", "7"]);
    let listed = env.list(&[]);
    let before = env.diary_bytes().expect("diary exists");
    let args: Vec<String> = args.iter().map(|a| a.replace("{id}", &id)).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = env.run(&args);
    let line = assert_refused(&out, names);
    assert!(line.starts_with("myolog: "), "{line}");
    assert!(
        stdout(&out).is_empty(),
        "{args:?} printed {:?}",
        stdout(&out)
    );
    assert!(
        env.diary_bytes().expect("still there") == before,
        "{args:?} changed the diary"
    );
    assert_eq!(env.list(&[]), listed);
    line
}

/// A usage error points at the help of the command typed, where the option is described; a
/// value that happens to be a command's name ("list" as a note) does not change which.
#[test]
fn a_usage_error_points_at_its_commands_help() {
    let line = refused(&["log", "cramp", "--pain", "11"], "--pain");
    assert!(line.ends_with("(see `myolog log --help`)"), "{line}");
    let line = refused(
        &["med", "add", "x", "--class", "statin", "--dose"],
        "--dose",
    );
    assert!(line.ends_with("(see `myolog med add --help`)"), "{line}");
    let line = refused(&["log", "list", "--note", "list"], "twitch");
    assert!(line.ends_with("(see `myolog log --help`)"), "{line}");
    let line = refused(&["--frobnicate"], "--frobnicate");
    assert!(line.ends_with("(see `myolog --help`)"), "{line}");
    // A value that is a command's name is a value: `--db list` names no command.
    let env = crate::support::cli::Env::new();
    let db = env.path("list");
    let out = env.run(&[
        "--db",
        db.to_str().unwrap(),
        "log",
        "twitch",
        "--pain",
        "99",
    ]);
    let err = crate::support::cli::stderr(&out);
    assert!(
        err.trim_end().ends_with("(see `myolog log --help`)"),
        "{err}"
    );
}

#[test]
fn an_unknown_site_lists_the_closest_ids() {
    let line = refused(&["log", "twitch", "--site", "calff"], "--site");
    assert!(line.contains("unknown site 'calff'"), "{line}");
    assert!(line.contains("closest: calf"), "{line}");
    let line = refused(&["log", "twitch", "--site", "eyelit:left"], "--site");
    assert!(line.contains("closest: eyelid"), "{line}");
}

#[test]
fn a_side_on_a_site_without_sides_is_refused() {
    let line = refused(&["log", "twitch", "--site", "tongue:left"], "--site");
    assert!(line.contains("tongue has no side"), "{line}");
    let line = refused(&["log", "twitch", "--site", "calf:up"], "--site");
    assert!(line.contains("left, right, both"), "{line}");
}

#[test]
fn severities_out_of_range_or_on_the_wrong_kind_are_refused() {
    let line = refused(
        &["log", "cramp", "--site", "calf", "--pain", "11"],
        "--pain",
    );
    assert!(line.contains("0 to 10"), "{line}");
    let line = refused(
        &["log", "twitch", "--site", "calf", "--intensity", "0"],
        "--intensity",
    );
    assert!(line.contains("1 to 5"), "{line}");
    let line = refused(
        &["log", "twitch", "--site", "calf", "--pain", "3"],
        "--pain",
    );
    assert!(line.contains("cramp only"), "{line}");
    let line = refused(
        &["log", "cramp", "--site", "calf", "--intensity", "2"],
        "--intensity",
    );
    assert!(line.contains("twitch only"), "{line}");
    refused(
        &["log", "twitch", "--site", "calf", "--sore-days", "1"],
        "--sore-days",
    );
}

#[test]
fn dates_and_times_that_do_not_exist_or_do_not_parse_are_refused() {
    let line = refused(
        &["checkin", "--date", "2026-02-30", "--sleep", "7"],
        "--date",
    );
    assert!(
        line.contains("2026-02-30 is not a date that exists"),
        "{line}"
    );
    let line = refused(
        &["log", "twitch", "--site", "calf", "--at", "2026-02-30"],
        "--at",
    );
    assert!(line.contains("not a date that exists"), "{line}");
    let line = refused(
        &["selfcheck", "--date", "2026-13-01", "--jar", "ok"],
        "--date",
    );
    assert!(
        line.contains("does not exist") || line.contains("not a date"),
        "{line}"
    );
    for bad in ["half past nine", "25:00", "yesterday 7", "2026-11-24 9"] {
        let line = refused(&["log", "twitch", "--site", "calf", "--at", bad], "--at");
        assert!(line.contains("accepted"), "{bad}: {line}");
    }
    let line = refused(&["list", "--since", "last week"], "--since");
    assert!(line.contains("accepted"), "{line}");
}

#[test]
fn durations_over_a_day_or_malformed_are_refused() {
    let line = refused(
        &["log", "cramp", "--site", "calf", "--duration", "25h"],
        "--duration",
    );
    assert!(line.contains("24h"), "{line}");
    refused(
        &["log", "cramp", "--site", "calf", "--duration", "86401"],
        "--duration",
    );
    refused(
        &["log", "cramp", "--site", "calf", "--duration", "3x"],
        "--duration",
    );
}

#[test]
fn unknown_reliefs_classes_and_symptoms_are_refused_with_what_is_accepted() {
    let line = refused(
        &["log", "cramp", "--site", "calf", "--relief", "yoga"],
        "--relief",
    );
    assert!(
        line.contains("stretch, heat, cold, massage, walking, other"),
        "{line}"
    );
    let line = refused(
        &["log", "cramp", "--site", "calf", "--relief", "heat:maybe"],
        "--relief",
    );
    assert!(line.contains("helped, no-help"), "{line}");
    let line = refused(
        &["med", "add", "magnesium", "--class", "vitamin"],
        "--class",
    );
    assert!(
        line.contains("beta-2-agonist") && line.contains("statin"),
        "{line}"
    );
    let line = refused(&["selfcheck", "--symptom", "dizzy"], "--symptom");
    assert!(
        line.contains("atrophy") && line.contains("foot-drop"),
        "{line}"
    );
    refused(&["selfcheck", "--heel-walk", "wobbly"], "--heel-walk");
    refused(&["checkin", "--caffeine", "beer"], "--caffeine");
    refused(&["checkin", "--stress", "11"], "--stress");
}

#[test]
fn the_future_is_refused() {
    // MYOLOG_NOW is 2026-11-25 10:15 in London.
    let line = refused(
        &["log", "twitch", "--site", "calf", "--at", "12:00"],
        "--at",
    );
    assert!(line.contains("future"), "{line}");
    refused(
        &[
            "log",
            "twitch",
            "--site",
            "calf",
            "--at",
            "2026-12-01 08:00",
        ],
        "--at",
    );
    let line = refused(
        &["checkin", "--date", "2026-11-26", "--sleep", "7"],
        "--date",
    );
    assert!(line.contains("future"), "{line}");
    let line = refused(
        &["selfcheck", "--date", "2026-11-26", "--jar", "ok"],
        "--date",
    );
    assert!(line.contains("future"), "{line}");
    refused(&["edit", "{id}", "--at", "23:00"], "--at");
    // A view or a report may end today, not later: the days to come would count as days with
    // nothing logged, and a flag active today would read as past.
    for (args, option) in [
        (&["patterns", "--as-of", "2026-11-26"][..], "--as-of"),
        (&["patterns", "--since", "2026-11-26"][..], "--since"),
        (
            &["export", "--format", "md", "--until", "2026-11-26"][..],
            "--until",
        ),
        (
            &["export", "--format", "csv", "--since", "2026-11-26"][..],
            "--since",
        ),
    ] {
        let line = refused(args, option);
        assert!(line.contains("2026-11-26 is in the future"), "{line}");
    }
    let env = Env::new();
    env.ok(&["patterns", "--as-of", "2026-11-25"]);
}

#[test]
fn unknown_ids_are_refused() {
    let line = refused(&["edit", "deadbeef", "--pain", "3"], "ID");
    assert!(line.contains("deadbeef"), "{line}");
    refused(&["delete", "deadbeef"], "ID");
    let line = refused(&["delete", "xyz"], "ID");
    assert!(line.contains("first 4 or more characters"), "{line}");
    refused(&["med", "stop", "salbutamol"], "salbutamol");
}

#[test]
fn edits_that_break_the_rules_are_refused() {
    refused(&["edit", "{id}", "--intensity", "3"], "--intensity");
    refused(&["edit", "{id}", "--site", "tongue:left"], "--site");
    refused(&["edit", "{id}", "--pain", "11"], "--pain");
    refused(&["edit", "{id}"], "nothing to change");
}

#[test]
fn a_missing_site_is_refused() {
    let line = refused(&["log", "cramp", "--pain", "5"], "--site");
    assert!(line.contains("myolog sites"), "{line}");
    refused(&["log", "spasm", "--site", "calf"], "spasm");
}

#[test]
fn more_than_thirty_two_triggers_for_one_episode_are_refused() {
    let names: Vec<String> = (0..33).map(|i| format!("cause{i}")).collect();
    let mut args = vec!["log", "twitch", "--site", "calf"];
    for name in &names {
        args.extend(["--trigger", name.as_str()]);
    }
    let line = refused(&args, "--trigger");
    assert!(line.contains("33 triggers; accepted: at most 32"), "{line}");
    // Thirty-two are taken.
    let env = Env::new();
    env.log(&args[1..args.len() - 2]);
    assert_eq!(env.list(&[])[0]["triggers"].as_array().unwrap().len(), 32);
}

/// A negative number is a whole number out of range, and is said so, with the option's own
/// message (DOMAIN.md section 9), never "not a whole number" or clap's "unexpected argument".
#[test]
fn a_negative_number_is_out_of_range_in_the_options_own_words() {
    for (args, names, says) in [
        (
            &["log", "twitch", "--site", "calf", "--intensity", "-1"][..],
            "--intensity",
            "-1 is out of range; accepted: 1 to 5",
        ),
        (
            &["log", "cramp", "--site", "calf", "--pain", "-1"][..],
            "--pain",
            "-1 is out of range; accepted: 0 to 10",
        ),
        (
            &["checkin", "--stress", "-1"][..],
            "--stress",
            "-1 is out of range; accepted: 0 to 10",
        ),
        (
            &[
                "experiment",
                "start",
                "less coffee",
                "--change",
                "no-caffeine",
                "--outcome",
                "twitch_day",
                "--days",
                "-14",
            ][..],
            "--days",
            "-14 is out of range; accepted: 7 to 365 days",
        ),
        (
            &["log", "twitch", "--site", "calf", "--intensity", "two"][..],
            "--intensity",
            "'two' is not a whole number; accepted: 1 to 5",
        ),
    ] {
        let line = refused(args, names);
        assert!(line.contains(says), "{args:?}: {line}");
    }
}

/// A medicine started after today would be listed as taken now: refused, as `med edit` does.
#[test]
fn a_medication_cannot_start_in_the_future() {
    let line = refused(
        &[
            "med",
            "add",
            "x",
            "--class",
            "statin",
            "--start",
            "2027-01-01",
        ],
        "--start",
    );
    assert!(line.contains("2027-01-01 is in the future"), "{line}");
}
