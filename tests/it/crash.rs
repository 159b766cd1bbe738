//! Crash safety: the real binary is killed with SIGKILL at random (seeded) moments while it
//! writes, many times. Every command that said it saved has its rows, whole; a killed command
//! left all of its rows or none; `PRAGMA integrity_check` is ok; and the next start works
//! without help. Set MYOLOG_CRASH_SEED to replay a run.
#![cfg(unix)]

use crate::support::cli as common;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use common::{Env, stdout};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn rng(test: u64) -> StdRng {
    let seed = std::env::var("MYOLOG_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_125);
    eprintln!("crash seed {seed} (MYOLOG_CRASH_SEED replays it)");
    StdRng::seed_from_u64(seed ^ test)
}

fn spawn(env: &Env, args: &[&str]) -> Child {
    env.command()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start myolog")
}

/// Lets the command run for `after`, then kills it with SIGKILL (if it is still running).
fn kill_after(mut child: Child, after: Duration) -> Output {
    std::thread::sleep(after);
    let _ = child.kill();
    child.wait_with_output().expect("wait for myolog")
}

/// A random moment within a little more than the command takes when left alone.
fn moment(rng: &mut StdRng, typical: Duration) -> Duration {
    let max = typical.as_micros() as u64 * 12 / 10 + 1;
    Duration::from_micros(rng.random_range(0..max))
}

fn integrity_ok(db: &Path) {
    if !db.exists() {
        return;
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "{}", db.display());
    let fk: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(fk.is_empty(), "rows pointing at nothing: {fk:?}");
}

/// Live rows per table, the undo journal aside.
fn rows(db: &Path) -> HashMap<&'static str, i64> {
    if !db.exists() {
        return HashMap::new();
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    [
        "episodes",
        "episode_sites",
        "episode_triggers",
        "episode_reliefs",
        "checkins",
        "medications",
        "self_checks",
        "self_check_symptoms",
    ]
    .into_iter()
    .map(|t| {
        let n = conn
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap();
        (t, n)
    })
    .collect()
}

/// The next start, with no help: a reading command and a writing one both work.
fn next_start_works(env: &Env) {
    let out = env.run(&["list", "--json"]);
    assert!(
        out.status.success(),
        "list after a crash: {}",
        common::stderr(&out)
    );
}

#[test]
fn demo_killed_at_random_moments_leaves_all_or_nothing() {
    let mut rng = rng(1);
    let args = ["demo", "--days", "40", "--seed", "5"];
    let whole = Env::new();
    let started = Instant::now();
    whole.ok(&args);
    let typical = started.elapsed();
    let full = rows(&whole.db);
    assert!(full["episodes"] > 500, "{full:?}");

    let (mut saved, mut empty) = (0, 0);
    for round in 0..25 {
        let env = Env::new();
        let out = kill_after(spawn(&env, &args), moment(&mut rng, typical));
        let reported = out.status.success() && stdout(&out).contains("Wrote a 40-day demo");
        next_start_works(&env);
        integrity_ok(&env.db);
        let found = rows(&env.db);
        let nothing = found.values().all(|&n| n == 0);
        if reported {
            assert_eq!(found, full, "round {round}: demo said it wrote it all");
            saved += 1;
        } else {
            assert!(
                nothing || found == full,
                "round {round}: a killed demo left part of itself: {found:?}"
            );
            if nothing {
                empty += 1;
                // And it can simply be run again.
                env.ok(&args);
                assert_eq!(rows(&env.db), full, "round {round}: the rerun");
            }
        }
    }
    eprintln!("demo: {saved} finished before the kill, {empty} left nothing");
}

#[test]
fn import_killed_at_random_moments_leaves_all_or_nothing() {
    let mut rng = rng(5);
    // A diary with something already in it, and another device's export to bring in.
    let source = Env::new();
    source.ok(&["demo", "--days", "20", "--seed", "6"]);
    let file = source.path("other-device.json");
    source.ok(&["export", "--format", "json", "-o", file.to_str().unwrap()]);
    let file = file.to_str().unwrap().to_string();
    let prepare = |env: &Env| {
        env.ok(&["log", "twitch", "--site", "eyelid:left", "--at", "-2h"]);
        env.ok(&["checkin", "--sleep", "7", "--stress", "3"]);
    };

    let whole = Env::new();
    prepare(&whole);
    let before = rows(&whole.db);
    let started = Instant::now();
    whole.ok(&["import", &file]);
    let typical = started.elapsed();
    let full = rows(&whole.db);
    assert!(full["episodes"] > before["episodes"] + 500, "{full:?}");

    let (mut saved, mut untouched) = (0, 0);
    for round in 0..20 {
        let env = Env::new();
        prepare(&env);
        let out = kill_after(spawn(&env, &["import", &file]), moment(&mut rng, typical));
        let reported = out.status.success() && stdout(&out).contains("Imported");
        next_start_works(&env);
        integrity_ok(&env.db);
        let found = rows(&env.db);
        if reported {
            assert_eq!(
                found, full,
                "round {round}: import said it brought it all in"
            );
            saved += 1;
        } else {
            assert!(
                found == before || found == full,
                "round {round}: a killed import left part of the file: {found:?}"
            );
            if found == before {
                untouched += 1;
                // Run again, it brings the file in whole.
                env.ok(&["import", &file]);
                assert_eq!(rows(&env.db), full, "round {round}: the rerun");
            }
        }
    }
    eprintln!("import: {saved} finished before the kill, {untouched} left the diary as it was");
}

#[test]
fn log_commands_killed_at_random_moments_lose_nothing_they_reported() {
    let mut rng = rng(2);
    let env = Env::new();
    env.log(&["twitch", "--site", "eyelid:left"]);
    let started = Instant::now();
    env.log(&["twitch", "--site", "eyelid:left"]);
    let typical = started.elapsed();

    let mut reported = Vec::new();
    let mut killed = Vec::new();
    for i in 0..60 {
        let note = format!("crash-{i}");
        let args = [
            "log",
            "cramp",
            "--site",
            "calf:left",
            "--site",
            "foot",
            "--trigger",
            "exercise",
            "--relief",
            "stretch:helped",
            "--pain",
            "6",
            "--note",
            &note,
        ];
        let child = spawn(&env, &args);
        let out = if rng.random_bool(0.6) {
            kill_after(child, moment(&mut rng, typical))
        } else {
            child.wait_with_output().unwrap()
        };
        if out.status.success() && stdout(&out).contains("Logged a cramp") {
            reported.push(note);
        } else {
            assert!(
                out.status.code().is_none(),
                "{note} failed on its own: {}",
                common::stderr(&out)
            );
            killed.push(note);
        }
    }
    next_start_works(&env);
    integrity_ok(&env.db);
    let listed = env.list(&[]);
    let mut seen = HashMap::new();
    for e in &listed {
        if let Some(note) = e["note"].as_str() {
            *seen.entry(note.to_string()).or_insert(0) += 1;
            // Whole: every part of the episode, not just its row.
            assert_eq!(e["sites"].as_array().unwrap().len(), 2, "{e}");
            assert_eq!(e["triggers"], serde_json::json!(["exercise"]), "{e}");
            assert_eq!(e["reliefs"].as_array().unwrap().len(), 1, "{e}");
        }
    }
    for note in &reported {
        assert_eq!(seen.get(note), Some(&1), "{note} was reported saved");
    }
    for note in &killed {
        assert!(seen.get(note).copied().unwrap_or(0) <= 1, "{note} twice");
    }
    assert!(!reported.is_empty() && !killed.is_empty());
    eprintln!(
        "log: {} reported, {} killed ({} of those had committed)",
        reported.len(),
        killed.len(),
        killed.iter().filter(|n| seen.contains_key(*n)).count()
    );
    // Undo still works on what is there.
    env.ok(&["undo"]);
}

#[test]
fn the_first_log_killed_while_it_creates_the_diary_never_blocks_the_next() {
    let mut rng = rng(3);
    let args = ["log", "twitch", "--site", "thumb:right"];
    let probe = Env::new();
    let started = Instant::now();
    probe.log(&args[1..]);
    let typical = started.elapsed();
    for round in 0..20 {
        let env = Env::new();
        let out = kill_after(spawn(&env, &args), moment(&mut rng, typical));
        let reported = out.status.success();
        integrity_ok(&env.db);
        next_start_works(&env);
        let before = env.list(&[]).len();
        // A killed log may have committed before it could say so.
        assert!(before <= 1, "round {round}");
        assert!(
            !reported || before == 1,
            "round {round}: reported but missing"
        );
        env.log(&args[1..]);
        assert_eq!(env.list(&[]).len(), before + 1, "round {round}");
        // Nothing but the diary and its journal files is left in the folder.
        for entry in std::fs::read_dir(env.dir.path()).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(name.starts_with("diary.sqlite3"), "round {round}: {name}");
        }
    }
}

/// A version-1 diary (as the first release wrote it) with 5,000 twitches, built with SQL.
fn version_1_diary(path: &Path) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    myolog::store::migrations()
        .unwrap()
        .to_version(&mut conn, 1)
        .unwrap();
    conn.execute_batch(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 4999)
         INSERT INTO episodes (id, kind, start_utc, utc_offset_s, intensity, note, created_utc,
             updated_utc)
         SELECT printf('%08x-0000-4000-8000-%012x', i, i), 'twitch', 1700000000 + i * 600, 0,
             1 + i % 5, 'old entry ' || i, 1700000000, 1700000000 FROM n;
         INSERT INTO episode_sites SELECT id, 0, 'calf', 'left' FROM episodes;",
    )
    .unwrap();
}

fn user_version(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

/// Files in the folder whose names start with `prefix` (hidden work files aside).
fn visible(env: &Env, prefix: &str) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect()
}

#[test]
fn an_upgrade_or_a_backup_killed_midway_leaves_no_half_copy_under_a_backups_name() {
    let mut rng = rng(4);
    let template = Env::new();
    version_1_diary(&template.db);
    let old = std::fs::read(&template.db).unwrap();
    let started = Instant::now();
    template.ok(&["med", "list"]);
    let typical = started.elapsed();
    let latest = myolog::store::latest_version();

    for round in 0..12 {
        let env = Env::new();
        std::fs::write(&env.db, &old).unwrap();
        let _ = kill_after(spawn(&env, &["med", "list"]), moment(&mut rng, typical));
        // The next start upgrades (or has) the diary, without help, and keeps one whole copy
        // of the old version.
        next_start_works(&env);
        integrity_ok(&env.db);
        assert_eq!(user_version(&env.db), latest, "round {round}");
        assert_eq!(rows(&env.db)["episodes"], 5_000, "round {round}");
        let backups = visible(&env, "diary.sqlite3.v1-backup-");
        // Work files the killed one left (a hidden half copy) are gone after the next start.
        assert_eq!(
            visible(&env, ".diary.sqlite3"),
            Vec::<std::path::PathBuf>::new()
        );
        assert_eq!(backups.len(), 1, "round {round}: {backups:?}");
        integrity_ok(&backups[0]);
        assert_eq!(user_version(&backups[0]), 1, "round {round}");
        assert_eq!(rows(&backups[0])["episodes"], 5_000, "round {round}");

        // `myolog backup`, killed: the copy is whole or absent, and the name is free again.
        let copy = env.path("copy.sqlite3");
        let _ = kill_after(
            spawn(&env, &["backup", copy.to_str().unwrap()]),
            moment(&mut rng, typical),
        );
        if copy.exists() {
            integrity_ok(&copy);
            assert_eq!(
                rows(&copy)["episodes"],
                5_000,
                "round {round}: a half backup"
            );
        } else {
            env.ok(&["backup", copy.to_str().unwrap()]);
            assert_eq!(rows(&copy)["episodes"], 5_000, "round {round}");
        }
    }
}
