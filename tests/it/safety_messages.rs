//! Messages that were wrong, each as the user meets it: a negative number gets its option's
//! own message (and a note that starts with '-' is a note); `patterns --as-of -30d` works as
//! DAY does elsewhere; dates before 1900 are refused wherever a date or time is read; a FIFO is
//! not "an empty file"; a failed upgrade is one line and leaves no copy behind; an empty
//! MYOLOG_DB is named; and the terminal message has one "myolog:".
#![cfg(unix)]

use crate::support::cli as common;

use std::process::Stdio;

use common::{Env, assert_refused, stderr, stdout};

#[test]
fn a_negative_number_gets_its_options_own_message() {
    let env = Env::new();
    for (args, option) in [
        (
            &["log", "twitch", "--site", "calf", "--intensity", "-1"][..],
            "--intensity",
        ),
        (
            &["log", "cramp", "--site", "calf", "--pain", "-3"],
            "--pain",
        ),
        (
            &["log", "cramp", "--site", "calf", "--sore-days", "-1"],
            "--sore-days",
        ),
        (
            &["log", "cramp", "--site", "calf", "--duration", "-3m"],
            "--duration",
        ),
        (&["checkin", "--sleep", "-1"], "--sleep"),
        (&["checkin", "--caffeine", "-100"], "--caffeine"),
        (&["checkin", "--stress", "-2"], "--stress"),
        (&["checkin", "--water", "-0.5"], "--water"),
        (&["checkin", "--alcohol", "-1"], "--alcohol"),
        (&["checkin", "--exercise", "-5"], "--exercise"),
        (&["demo", "--days", "-3"], "--days"),
    ] {
        let line = assert_refused(&env.run(args), option);
        assert!(!line.contains("unexpected argument"), "{args:?}: {line}");
        assert!(
            line.contains("accepted") || line.contains("not a"),
            "{args:?}: {line}"
        );
        assert!(!env.db.exists(), "{args:?} started a diary");
    }
}

#[test]
fn a_note_that_starts_with_a_minus_is_a_note() {
    let env = Env::new();
    let id = env.log(&["twitch", "--site", "calf", "--note", "-2 degrees outside"]);
    assert_eq!(
        common::find(&env.list(&[]), &id)["note"],
        "-2 degrees outside"
    );
    let said = env.ok(&["checkin", "--sleep", "7", "--note", "-1 coffee today"]);
    assert!(said.contains("Saved"), "{said}");
    let note: String = common::sql(&env.db)
        .query_row("SELECT note FROM checkins", [], |r| r.get(0))
        .unwrap();
    assert_eq!(note, "-1 coffee today");
}

#[test]
fn patterns_takes_a_relative_day_as_every_day_option_does() {
    let env = Env::new();
    env.log(&["twitch", "--site", "calf", "--at", "2026-10-01 09:00"]);
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["patterns", "--as-of", "-30d", "--json"])).unwrap();
    assert_eq!(json["as_of"], "2026-10-26");
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["patterns", "--since", "-60d", "--as-of", "-1d", "--json"]))
            .unwrap();
    assert_eq!(json["as_of"], "2026-11-24");
}

#[test]
fn dates_before_1900_are_refused_wherever_a_date_or_time_is_read() {
    let env = Env::new();
    for (args, option) in [
        (
            &["log", "twitch", "--site", "calf", "--at", "-1000000d"][..],
            "--at",
        ),
        (
            &["log", "twitch", "--site", "calf", "--at", "0000-01-01"],
            "--at",
        ),
        (
            &[
                "log",
                "twitch",
                "--site",
                "calf",
                "--at",
                "1899-12-31 23:59",
            ],
            "--at",
        ),
        (
            &[
                "log",
                "twitch",
                "--site",
                "calf",
                "--at",
                "1850-06-01T10:00:00Z",
            ],
            "--at",
        ),
        (
            &["checkin", "--date", "1899-12-31", "--sleep", "7"],
            "--date",
        ),
        (
            &["selfcheck", "--date", "1800-01-01", "--jar", "ok"],
            "--date",
        ),
        (
            &[
                "med",
                "add",
                "x",
                "--class",
                "other",
                "--start",
                "1850-01-01",
            ],
            "--start",
        ),
        (&["list", "--since", "1899-01-01"], "--since"),
        (
            &["export", "--format", "json", "--since", "0001-01-01"],
            "--since",
        ),
        (&["patterns", "--as-of", "1899-12-31"], "--as-of"),
    ] {
        let line = assert_refused(&env.run(args), option);
        assert!(line.contains("before 1900"), "{args:?}: {line}");
        assert!(!env.db.exists(), "{args:?} wrote a diary");
    }
    // 1900 itself is fine.
    env.log(&["twitch", "--site", "calf", "--at", "1900-01-01 12:00"]);
}

#[test]
fn a_fifo_as_the_diary_is_named_for_what_it_is() {
    let env = Env::new();
    let fifo = env.path("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for args in [&["list"][..], &["log", "twitch", "--site", "calf"]] {
        let out = env
            .command()
            .env("MYOLOG_DB", &fifo)
            .args(args)
            .output()
            .unwrap();
        let line = assert_refused(&out, "named pipe");
        assert!(!line.contains("empty file"), "{line}");
    }
}

#[test]
fn a_failed_upgrade_is_one_line_and_leaves_no_copy_behind() {
    let env = Env::new();
    env.log(&["twitch", "--site", "calf"]);
    // A diary that says version 1 but already holds version 2's table: the upgrade fails.
    rusqlite::Connection::open(&env.db)
        .unwrap()
        .pragma_update(None, "user_version", 1)
        .unwrap();
    let before = std::fs::read(&env.db).unwrap();
    for attempt in 0..2 {
        let out = env.run(&["list"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "attempt {attempt}: {err}");
        assert_eq!(err.lines().count(), 1, "attempt {attempt}: {err}");
        assert!(
            err.contains("could not be upgraded from diary version 1")
                && err.contains("it was left as it is"),
            "{err}"
        );
        assert!(!err.contains("CREATE TABLE"), "{err}");
        let files: Vec<String> = std::fs::read_dir(env.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(files, ["diary.sqlite3"], "attempt {attempt}");
        assert_eq!(std::fs::read(&env.db).unwrap(), before);
    }
}

#[test]
fn an_empty_myolog_db_is_named_as_the_variable() {
    let env = Env::new();
    let out = env
        .command()
        .env("MYOLOG_DB", "")
        .args(["list"])
        .output()
        .unwrap();
    let line = assert_refused(&out, "MYOLOG_DB");
    assert!(!line.contains("--db"), "{line}");
    // With --db given, the empty variable does not matter.
    let db = env.path("given.sqlite3");
    let out = env
        .command()
        .env("MYOLOG_DB", "")
        .args([
            "--db",
            db.to_str().unwrap(),
            "log",
            "twitch",
            "--site",
            "calf",
        ])
        .output()
        .unwrap();
    common::assert_ok(&out, &["--db", "log"]);
    assert!(db.exists());
}

#[test]
fn without_a_terminal_the_diary_screen_says_so_once() {
    let env = Env::new();
    let out = env
        .command()
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    let line = assert_refused(&out, "the diary screen needs a terminal");
    assert!(line.starts_with("myolog: the diary screen"), "{line}");
    assert_eq!(line.matches("myolog:").count(), 1, "{line}");
    assert!(stdout(&out).is_empty());
}
