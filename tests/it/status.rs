//! At the shell (issue 12): `myolog status` says in one line whether today's check-in is due,
//! the active flags by level and the running experiment's day, as text or
//! JSON; it writes nothing at all, not even a -wal or -shm beside the diary. And the
//! completions and the man page are generated from the command line itself.

use crate::support::cli as common;

use std::fs;
use std::path::Path;

use common::{Env, stderr, stdout};
use serde_json::Value;

/// The folder's file names, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn status_json(env: &Env) -> Value {
    serde_json::from_str(&env.ok(&["status", "--json"])).unwrap()
}

#[test]
fn a_due_checkin_and_no_flags() {
    let env = Env::new();
    env.log(&["twitch", "--site", "eyelid:left"]);
    assert_eq!(
        env.ok(&["status"]),
        "myolog: check-in due; no active flags\n"
    );
    let s = status_json(&env);
    assert_eq!(s["date"], "2026-11-25");
    assert_eq!(s["checkin_due"], true);
    assert_eq!(s["flags"]["urgent"], 0);
    assert_eq!(s["worst"], Value::Null);
    assert_eq!(s["active"], Value::Array(Vec::new()));
    assert_eq!(s["experiment"], Value::Null);
    assert_eq!(s["line"], "myolog: check-in due; no active flags");
}

#[test]
fn a_checkin_done_and_flags_counted_by_level() {
    let env = Env::new();
    env.ok(&["checkin", "--sleep", "7"]);
    assert_eq!(
        env.ok(&["status"]),
        "myolog: checked in today; no active flags\n"
    );
    // A failed strength test (urgent) and numbness (see a doctor), yesterday.
    env.ok(&[
        "selfcheck",
        "--date",
        "yesterday",
        "--jar",
        "fail",
        "--symptom",
        "numbness",
    ]);
    let line = env.ok(&["status"]);
    assert_eq!(
        line,
        "myolog: checked in today; !!! active flags: 1 urgent, 1 see a doctor (`myolog patterns`)\n"
    );
    let s = status_json(&env);
    assert_eq!(s["checkin_due"], false);
    assert_eq!(s["flags"]["urgent"], 1);
    assert_eq!(s["flags"]["see_doctor"], 1);
    assert_eq!(s["flags"]["notice"], 0);
    assert_eq!(s["worst"], "urgent");
    assert_eq!(s["active"][0]["id"], "red_flag_weakness");
    assert_eq!(s["active"][0]["level"], "urgent");
    assert_eq!(s["active"][1]["id"], "sensory_symptoms");
    // A self-check of a later day without them clears both: status follows the rules.
    env.ok(&["selfcheck", "--jar", "ok"]);
    assert_eq!(status_json(&env)["active"], Value::Array(Vec::new()));
}

#[test]
fn an_old_red_flag_no_later_self_check_cleared_still_counts() {
    let env = Env::new();
    // Months back: time alone never clears a red flag (DOMAIN.md section 4).
    env.ok(&["selfcheck", "--date", "2026-03-01", "--stairs", "fail"]);
    env.ok(&["checkin", "--sleep", "7"]);
    let s = status_json(&env);
    assert_eq!(s["flags"]["urgent"], 1, "{s}");
    assert_eq!(s["active"][0]["id"], "red_flag_weakness");
    let patterns: Value = serde_json::from_str(&env.ok(&["patterns", "--json"])).unwrap();
    assert_eq!(
        patterns["flags"][0]["active"], true,
        "the same as the patterns say"
    );
    env.ok(&["selfcheck", "--date", "2026-03-05", "--stairs", "ok"]);
    assert_eq!(status_json(&env)["flags"]["urgent"], 0);
}

#[test]
fn a_running_experiment_says_its_day_and_one_that_ended_says_nothing() {
    let env = Env::new();
    env.ok(&["checkin", "--caffeine", "0"]);
    env.ok(&[
        "experiment",
        "start",
        "caffeine cut",
        "--change",
        "no-caffeine",
        "--outcome",
        "twitch_day",
        "--on",
        "2026-11-21",
    ]);
    assert_eq!(
        env.ok(&["status"]),
        "myolog: checked in today; no active flags; experiment 'caffeine cut' day 5 of 14\n"
    );
    let s = status_json(&env);
    assert_eq!(s["experiment"]["name"], "caffeine cut");
    assert_eq!(s["experiment"]["change"], "no-caffeine");
    assert_eq!(s["experiment"]["day"], 5);
    assert_eq!(s["experiment"]["days"], 14);
    // Stopped today: today is the first day without the change, so none runs.
    env.ok(&["experiment", "stop"]);
    assert_eq!(
        env.ok(&["status"]),
        "myolog: checked in today; no active flags\n"
    );
    assert_eq!(status_json(&env)["experiment"], Value::Null);
}

#[test]
fn an_earlier_spell_without_a_trigger_keeps_the_level_of_one_with_a_trigger_now() {
    let env = Env::new();
    let day = |first: &str, i: u64| {
        let d = first.parse::<chrono::NaiveDate>().unwrap() + chrono::Days::new(2 * i);
        format!("{d} 10:00")
    };
    // January: twitching on 9 days over 17, no obvious trigger (see a doctor).
    for i in 0..9 {
        env.log(&[
            "twitch",
            "--site",
            "calf:left",
            "--at",
            &day("2026-01-05", i),
        ]);
    }
    // Now: the same with caffeine every day (worth watching on its own).
    for i in 0..9 {
        env.log(&[
            "twitch",
            "--site",
            "calf:left",
            "--trigger",
            "caffeine",
            "--at",
            &day("2026-11-09", i),
        ]);
    }
    let patterns: Value = serde_json::from_str(&env.ok(&["patterns", "--json"])).unwrap();
    let persistent = patterns["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "twitch_persistent")
        .unwrap();
    assert_eq!(persistent["level"], "see_doctor");
    assert_eq!(persistent["active"], true);
    // A later, milder time never lowers a rule's level: the prompt line says what patterns says.
    let s = status_json(&env);
    assert_eq!(s["flags"]["see_doctor"], 1, "{s}");
    assert_eq!(s["flags"]["notice"], 0, "{s}");
    assert_eq!(s["worst"], "see_doctor");
}

#[test]
fn a_diary_of_the_first_version_is_read_as_it_is() {
    let env = Env::new();
    let mut conn = rusqlite::Connection::open(&env.db).unwrap();
    myolog::store::migrations()
        .unwrap()
        .to_version(&mut conn, 1)
        .unwrap();
    conn.execute_batch(
        "INSERT INTO checkins (date, sleep_h, created_utc, updated_utc)
             VALUES ('2026-11-25', 7, 1764000000, 1764000000);",
    )
    .unwrap();
    drop(conn);
    let bytes = env.diary_bytes().unwrap();
    assert_eq!(
        env.ok(&["status"]),
        "myolog: checked in today; no active flags\n"
    );
    assert_eq!(status_json(&env)["experiment"], Value::Null);
    assert_eq!(
        env.diary_bytes().unwrap(),
        bytes,
        "not upgraded by a status"
    );
}

#[test]
fn status_writes_nothing_not_even_beside_the_diary() {
    let env = Env::new();
    env.log(&["cramp", "--site", "calf:right", "--duration", "15m"]);
    env.ok(&["checkin", "--stress", "3"]);
    let bytes = env.diary_bytes().unwrap();
    let names = listing(env.dir.path());
    let modified = fs::metadata(&env.db).unwrap().modified().unwrap();
    for args in [&["status"][..], &["status", "--json"]] {
        let out = env.run(args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains("see a doctor"), "{}", stdout(&out));
    }
    assert_eq!(env.diary_bytes().unwrap(), bytes, "the diary's bytes");
    assert_eq!(
        listing(env.dir.path()),
        names,
        "no -wal, -shm or other file"
    );
    assert_eq!(fs::metadata(&env.db).unwrap().modified().unwrap(), modified);
}

#[cfg(unix)]
#[test]
fn status_leaves_a_diary_others_can_read_as_it_is() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.log(&["twitch", "--site", "thumb:left"]);
    fs::set_permissions(&env.db, fs::Permissions::from_mode(0o644)).unwrap();
    env.ok(&["status"]);
    // Tightening is a write; the next command that opens the diary to change it does that.
    assert_eq!(common::mode(&env.db), 0o644);
}

#[test]
fn without_a_diary_status_prints_nothing_and_makes_none() {
    let env = Env::new();
    let out = env.run(&["status"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("no diary at"), "{}", stderr(&out));
    assert_eq!(env.ok(&["status", "--json"]), "null\n");
    assert!(!env.db.exists());
}

#[test]
fn completions_for_bash_and_zsh_name_the_commands() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let script = env.ok(&["completions", shell]);
        for command in ["checkin", "selfcheck", "status", "completions", "edit"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    assert!(
        env.ok(&["completions", "bash"])
            .contains("complete -F _myolog")
    );
    assert!(
        env.ok(&["completions", "zsh"])
            .starts_with("#compdef myolog")
    );
    common::assert_refused(&env.run(&["completions", "tcsh"]), "tcsh");
}

#[test]
fn the_man_page_is_roff_with_every_command() {
    let env = Env::new();
    let page = env.ok(&["man"]);
    assert!(page.contains(".TH myolog 1"), "{}", &page[..200]);
    for command in ["status", "checkin", "completions", "man"] {
        assert!(page.contains(command), "the man page lacks {command}");
    }
    assert!(!env.db.exists(), "no diary is made for it");
}

#[test]
fn a_self_check_that_ends_a_symptom_flag_says_so() {
    // Atrophy reported on the 20th; on the 24th only the jar is tried. The later self-check
    // reports no atrophy, so the urgent flag ends (DOMAIN.md section 4), and the command says
    // which flag it ended and how to put it back, instead of ending it without a word.
    let env = Env::new(); // 2026-11-25
    env.ok(&["selfcheck", "--date", "2026-11-20", "--symptom", "atrophy"]);
    let urgent = |env: &Env| {
        let out = env.run(&["status", "--json"]);
        let status: Value = serde_json::from_str(&stdout(&out)).unwrap();
        status["flags"]["urgent"].as_u64().unwrap()
    };
    assert_eq!(urgent(&env), 1);
    let said = env.ok(&["selfcheck", "--date", "2026-11-24", "--jar", "ok"]);
    assert_eq!(urgent(&env), 0);
    assert!(
        said.contains("reports none of the symptoms behind \"A muscle looks smaller")
            && said.contains("(urgent), so that flag is no longer active")
            && said.contains("--symptom NAME` records what is present"),
        "{said}"
    );
    // A self-check that reports it again ends nothing, and says nothing of the kind.
    let said = env.ok(&["selfcheck", "--date", "2026-11-25", "--symptom", "atrophy"]);
    assert_eq!(urgent(&env), 1);
    assert!(!said.contains("no longer active"), "{said}");
}

/// A setting the config refuses never stops an urgent self-check from being recorded: the
/// message about ended flags needs the flags, the self-check does not.
#[test]
fn a_bad_config_never_stops_a_self_check_being_saved() {
    let env = Env::new();
    std::fs::write(
        env.dir.path().join("bad.toml"),
        "[patterns]\nno_such_setting = 3\n",
    )
    .unwrap();
    let out = env
        .command()
        .env("MYOLOG_CONFIG", env.dir.path().join("bad.toml"))
        .args(["selfcheck", "--symptom", "atrophy"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("Saved the self-check"), "{out:?}");
}
