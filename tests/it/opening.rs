//! Opening a diary: the migrations are valid, an old diary is upgraded with a backup beside it,
//! and anything that is not a diary of this myolog is refused and left exactly as it was.

use crate::support::cli as common;

use std::path::{Path, PathBuf};

use common::{Env, assert_refused, count, mode, stderr};
use rusqlite::Connection;
use serde_json::json;

#[test]
fn migrations_are_valid() {
    let validated = myolog::store::migrations().unwrap().validate();
    assert!(validated.is_ok(), "{validated:?}");
    // Every folder under migrations/ is a version this build writes.
    let folders = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .count() as i64;
    assert_eq!(myolog::store::latest_version(), folders);
}

/// A diary as the first release wrote it, with one of everything, built with SQL.
fn version_1_diary(path: &Path) {
    let mut conn = Connection::open(path).unwrap();
    myolog::store::migrations()
        .unwrap()
        .to_version(&mut conn, 1)
        .unwrap();
    conn.execute_batch(
        "INSERT INTO episodes (id, kind, start_utc, utc_offset_s, duration_s, pain, hardening,
             lost_motion, sore_days, note, created_utc, updated_utc)
         VALUES ('11111111-2222-4333-8444-555555555555', 'cramp', 1763953800, 0, 120, 7, 1, 0, 2,
             'old night cramp', 1763953900, 1763953900);
         INSERT INTO episode_sites VALUES ('11111111-2222-4333-8444-555555555555', 0, 'calf', 'left');
         INSERT INTO episode_sites VALUES ('11111111-2222-4333-8444-555555555555', 1, 'foot', NULL);
         INSERT INTO episode_triggers VALUES ('11111111-2222-4333-8444-555555555555', 0, 'exercise');
         INSERT INTO episode_reliefs VALUES ('11111111-2222-4333-8444-555555555555', 0, 'stretch', 1);
         INSERT INTO episodes (id, kind, start_utc, utc_offset_s, intensity, visible,
             created_utc, updated_utc)
         VALUES ('66666666-7777-4888-8999-aaaaaaaaaaaa', 'twitch', 1751360400, 3600, 2, 0,
             1751360400, 1751360400);
         INSERT INTO episode_sites VALUES ('66666666-7777-4888-8999-aaaaaaaaaaaa', 0, 'eyelid', 'right');
         INSERT INTO checkins (date, sleep_h, caffeine_mg, created_utc, updated_utc)
             VALUES ('2025-11-24', 5.5, 380, 1763953900, 1763953900);
         INSERT INTO medications (id, name, class, start_date, created_utc, updated_utc)
             VALUES ('bbbbbbbb-cccc-4ddd-8eee-ffffffffffff', 'salbutamol', 'beta-2-agonist',
                 '2025-10-01', 1763953900, 1763953900);",
    )
    .unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
}

fn user_version(path: &Path) -> i64 {
    common::sql(path)
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

fn upgrade_backups(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("diary.sqlite3.v1-backup-")
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_version_1_diary_is_upgraded_with_a_backup_of_the_old_one() {
    let env = Env::new();
    version_1_diary(&env.db);
    let old_bytes = env.diary_bytes().unwrap();

    let out = env.run(&["list", "--json"]);
    common::assert_ok(&out, &["list", "--json"]);
    assert!(
        stderr(&out).contains("upgraded the diary"),
        "{}",
        stderr(&out)
    );
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.len(), 2);
    let cramp = &listed[0];
    assert_eq!(cramp["id"], "11111111-2222-4333-8444-555555555555");
    assert_eq!(cramp["start"], "2025-11-24T03:10:00Z");
    assert_eq!(cramp["duration_s"], 120);
    assert_eq!(
        cramp["sites"],
        json!([{"site": "calf", "side": "left"}, {"site": "foot", "side": null}])
    );
    assert_eq!(cramp["pain"], 7);
    assert_eq!(cramp["hardening"], true);
    assert_eq!(cramp["lost_motion"], false);
    assert_eq!(cramp["sore_days"], 2);
    assert_eq!(cramp["triggers"], json!(["exercise"]));
    assert_eq!(
        cramp["reliefs"],
        json!([{"relief": "stretch", "helped": true}])
    );
    assert_eq!(cramp["note"], "old night cramp");
    assert_eq!(listed[1]["start"], "2025-07-01T10:00:00+01:00");
    assert_eq!(listed[1]["intensity"], 2);
    assert_eq!(count(&env.db, "SELECT count(*) FROM checkins"), 1);
    assert_eq!(
        env.ok(&["checkin", "--date", "2025-11-24"]).trim(),
        "Check-in for 2025-11-24: sleep 5.5 h, caffeine 380 mg (unknown: stress, water, alcohol, exercise, magnesium, stretched)"
    );
    assert!(env.ok(&["med", "list"]).contains("salbutamol"));
    assert_eq!(user_version(&env.db), myolog::store::latest_version());

    // The backup beside it: the old version, whole, and private.
    let backups = upgrade_backups(env.dir.path());
    assert_eq!(backups.len(), 1, "{backups:?}");
    let backup = &backups[0];
    assert_eq!(
        backup.file_name().unwrap(),
        "diary.sqlite3.v1-backup-20261125T101500Z"
    );
    assert_eq!(mode(backup), 0o600);
    assert_eq!(user_version(backup), 1);
    assert_eq!(count(backup, "SELECT count(*) FROM episodes"), 2);
    assert_eq!(count(backup, "SELECT count(*) FROM episode_sites"), 3);
    assert_eq!(
        count(
            backup,
            "SELECT count(*) FROM sqlite_master WHERE name = 'undo_journal'"
        ),
        0
    );
    // Byte-identical content as a database: every table's rows are the same as before.
    let old = env.path("old-copy.sqlite3");
    std::fs::write(&old, &old_bytes).unwrap();
    for table in [
        "episodes",
        "episode_sites",
        "episode_triggers",
        "checkins",
        "medications",
    ] {
        // The old columns: an upgrade may add columns (unknown in old rows), never change these.
        let columns: Vec<String> = {
            let conn = common::sql(&old);
            let mut stmt = conn
                .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
                .unwrap();
            stmt.query_map([table], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let rows = |p: &Path| -> Vec<String> {
            let conn = common::sql(p);
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT {} FROM {table} ORDER BY 1, 2",
                    columns.join(", ")
                ))
                .unwrap();
            let n = stmt.column_count();
            stmt.query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect()
        };
        assert_eq!(rows(backup), rows(&old), "{table}");
        assert_eq!(rows(&env.db), rows(&old), "{table} after the upgrade");
    }

    // Opened again: no second upgrade, no second backup.
    let out = env.run(&["list"]);
    assert!(!stderr(&out).contains("upgraded"), "{}", stderr(&out));
    assert_eq!(upgrade_backups(env.dir.path()).len(), 1);
    // And it takes new entries.
    env.log(&["twitch", "--site", "thumb:left"]);
    assert_eq!(env.list(&[]).len(), 3);
}

#[test]
fn a_version_6_diary_is_upgraded_to_self_checks_with_update_times_and_a_backup() {
    let env = Env::new();
    {
        let mut conn = Connection::open(&env.db).unwrap();
        myolog::store::migrations()
            .unwrap()
            .to_version(&mut conn, 6)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO self_checks (id, date, heel_walk, jar, stairs, created_utc)
                 VALUES ('22222222-3333-4444-8555-666666666666', '2026-11-01', NULL, 'ok', NULL,
                     1793527200);
             INSERT INTO self_check_symptoms VALUES ('22222222-3333-4444-8555-666666666666', 'tingling');",
        )
        .unwrap();
    }
    let out = env.run(&["selfcheck", "list", "--json"]);
    common::assert_ok(&out, &["selfcheck", "list", "--json"]);
    assert!(
        stderr(&out).contains("upgraded the diary"),
        "{}",
        stderr(&out)
    );
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    // Made before self-checks kept an update time: last changed when it was made.
    assert_eq!(listed[0]["created"], "2026-11-01T10:00:00Z");
    assert_eq!(listed[0]["updated"], "2026-11-01T10:00:00Z");
    assert_eq!(listed[0]["symptoms"], json!(["tingling"]));
    assert_eq!(user_version(&env.db), myolog::store::latest_version());
    let backup = env.path("diary.sqlite3.v6-backup-20261125T101500Z");
    assert_eq!(user_version(&backup), 6);
    assert_eq!(
        count(&backup, "SELECT count(*) FROM self_check_symptoms"),
        1
    );
    assert_eq!(mode(&backup), 0o600);

    // The database itself refuses an update time before the creation, or a removal note of
    // an unknown kind or key.
    let conn = Connection::open(&env.db).unwrap();
    for bad in [
        "UPDATE self_checks SET updated_utc = created_utc - 1",
        "INSERT INTO deletions VALUES ('episode', '22222222-3333-4444-8555-666666666666', 0)",
        "INSERT INTO deletions VALUES ('checkin', '2026-13-01', 0)",
        "INSERT INTO deletions VALUES ('medication', 'short', 0)",
    ] {
        assert!(conn.execute(bad, []).is_err(), "{bad}");
    }
    drop(conn);
    // Deleting it notes the deletion.
    env.ok(&["delete", "22222222"]);
    assert_eq!(
        count(
            &env.db,
            "SELECT count(*) FROM deletions WHERE entity = 'self_check'"
        ),
        1
    );
}

/// `thing` at the diary path is refused by a reading and a writing command, untouched.
fn refused_untouched(env: &Env, reason: &str) {
    let snapshot = || -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = walk(env.dir.path());
        files.sort();
        files
    };
    let before = snapshot();
    for args in [
        &["list", "--json"][..],
        &["log", "twitch", "--site", "calf"],
        &["checkin", "--sleep", "7"],
        &["backup", env.path("copy.sqlite3").to_str().unwrap()],
    ] {
        let out = env.run(args);
        let line = assert_refused(&out, reason);
        assert!(
            line.contains(&env.db.display().to_string()),
            "names the file: {line}"
        );
        assert_eq!(snapshot(), before, "{args:?} touched something");
    }
}

/// Every file under `dir` with its bytes (folders by name only).
fn walk(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.push((format!("{}/", path.display()), Vec::new()));
            out.extend(walk(&path));
        } else {
            out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    out
}

#[test]
fn a_text_file_is_refused_untouched() {
    let env = Env::new();
    std::fs::write(&env.db, "Dear diary,\ntoday my eyelid twitched.\n").unwrap();
    refused_untouched(&env, "not an SQLite database");
}

#[test]
fn an_empty_file_is_refused_untouched() {
    let env = Env::new();
    std::fs::write(&env.db, "").unwrap();
    refused_untouched(&env, "empty file");
}

#[test]
fn another_apps_database_is_refused_untouched() {
    let env = Env::new();
    let conn = Connection::open(&env.db).unwrap();
    conn.execute_batch(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
         INSERT INTO notes (body) VALUES ('buy milk');
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    refused_untouched(&env, "not a myolog diary");
}

#[test]
fn a_folder_is_refused_untouched() {
    let env = Env::new();
    std::fs::create_dir(&env.db).unwrap();
    std::fs::write(env.db.join("keep.txt"), "mine").unwrap();
    refused_untouched(&env, "folder");
}

#[test]
fn a_diary_from_a_newer_myolog_is_refused_untouched() {
    let env = Env::new();
    env.log(&["twitch", "--site", "eyelid:left"]);
    let conn = Connection::open(&env.db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    refused_untouched(&env, "newer myolog");
    let out = env.run(&["list"]);
    assert!(stderr(&out).contains("version 99"), "{}", stderr(&out));
}

/// The name of the copy kept before upgrading the test's diary at the test clock: `-N` added for
/// the `n`th name tried.
fn backup_name(n: u32) -> String {
    let first = "diary.sqlite3.v1-backup-20261125T101500Z";
    if n > 1 {
        format!("{first}-{n}")
    } else {
        first.to_string()
    }
}

/// Where the upgrade notice on stderr says the old version is kept.
fn kept_at(err: &str) -> PathBuf {
    let at = err
        .lines()
        .find_map(|l| l.split("the old version is kept at ").nth(1))
        .unwrap_or_else(|| panic!("no upgrade notice in {err:?}"));
    PathBuf::from(at.trim())
}

/// The copy named is a whole, private copy of the test's version-1 diary, made by this user.
#[cfg(unix)]
fn a_true_copy(backup: &Path) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::symlink_metadata(backup).unwrap();
    assert!(meta.is_file(), "{}", backup.display());
    assert_eq!(meta.uid(), rustix::process::geteuid().as_raw());
    assert_eq!(mode(backup), 0o600);
    assert_eq!(user_version(backup), 1);
    assert_eq!(count(backup, "SELECT count(*) FROM episodes"), 2);
    let check: String = common::sql(backup)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[cfg(unix)]
#[test]
fn files_under_the_upgrade_copys_name_are_never_taken_for_it_nor_stop_the_upgrade() {
    // A text file and a dangling symlink under the names the copy would get (as someone could
    // plant in a shared folder, knowing the time): neither is reported as the copy, neither is
    // written through, and the upgrade goes on with a copy of its own under the next name.
    for planted in [["text", "symlink"], ["symlink", "text"]] {
        let env = Env::new();
        version_1_diary(&env.db);
        let elsewhere = env.path("elsewhere");
        for (n, kind) in planted.iter().enumerate() {
            let path = env.path(&backup_name(n as u32 + 1));
            match *kind {
                "text" => std::fs::write(&path, "not your backup\n").unwrap(),
                _ => std::os::unix::fs::symlink(&elsewhere, &path).unwrap(),
            }
        }
        let out = env.run(&["log", "twitch", "--site", "calf"]);
        common::assert_ok(&out, &["log"]);
        let kept = kept_at(&stderr(&out));
        assert_eq!(kept, env.path(&backup_name(3)), "{planted:?}");
        a_true_copy(&kept);
        assert_eq!(user_version(&env.db), myolog::store::latest_version());
        assert!(!elsewhere.exists(), "written through the symlink");
        for (n, kind) in planted.iter().enumerate() {
            let path = env.path(&backup_name(n as u32 + 1));
            let meta = std::fs::symlink_metadata(&path).unwrap();
            match *kind {
                "text" => assert_eq!(std::fs::read(&path).unwrap(), b"not your backup\n"),
                _ => assert!(meta.file_type().is_symlink()),
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn a_whole_copy_left_by_an_upgrade_stopped_midway_is_kept_and_not_made_twice() {
    // An upgrade killed after its copy was in place but before the migrations committed leaves
    // the diary as it was and the copy beside it: the next try, in the same second, keeps that
    // copy rather than making a second.
    let env = Env::new();
    version_1_diary(&env.db);
    let left = env.path(&backup_name(1));
    {
        let source = Connection::open(&env.db).unwrap();
        source.backup(rusqlite::MAIN_DB, &left, None).unwrap();
    }
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&left, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = env.run(&["list", "--json"]);
    common::assert_ok(&out, &["list", "--json"]);
    assert_eq!(kept_at(&stderr(&out)), left);
    a_true_copy(&left);
    assert_eq!(upgrade_backups(env.dir.path()), [left]);
}

#[cfg(unix)]
#[test]
#[ignore = "needs root"]
fn copies_another_user_planted_under_the_upgrade_copys_name_are_left_alone() {
    assert!(
        rustix::process::geteuid().is_root(),
        "this test plays a second user on the machine: it needs root (and setpriv)"
    );
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let env = Env::new();
    // Root's own folder like /tmp (sticky, open to all), where root may keep a diary.
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o711)).unwrap();
    let shared = env.path("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
    let db = shared.join("diary.sqlite3");
    version_1_diary(&db);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    // The other user plants: a copy of a real v1 myolog diary of theirs (a whole one, but not
    // ours), then a text file, then a dangling symlink, under the next names.
    let theirs = env.path("theirs.sqlite3");
    version_1_diary(&theirs);
    std::fs::set_permissions(&theirs, std::fs::Permissions::from_mode(0o644)).unwrap();
    let at = |n| shared.join(backup_name(n));
    let script = format!(
        "cp '{theirs}' '{one}' && chmod 600 '{one}' && echo 'not your backup' > '{two}' && ln -s '{nowhere}' '{three}'",
        theirs = theirs.display(),
        one = at(1).display(),
        two = at(2).display(),
        three = at(3).display(),
        nowhere = shared.join("nowhere").display(),
    );
    let planted = std::process::Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "sh",
            "-c",
            &script,
        ])
        .status()
        .unwrap();
    assert!(planted.success());
    let out = env.run_on(&db, &["log", "twitch", "--site", "calf"]);
    common::assert_ok(&out, &["log"]);
    let kept = kept_at(&stderr(&out));
    assert_eq!(kept, at(4));
    a_true_copy(&kept);
    for n in 1..=3 {
        assert_eq!(std::fs::symlink_metadata(at(n)).unwrap().uid(), 65534);
    }
    assert!(!shared.join("nowhere").exists());
}
