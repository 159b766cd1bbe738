//! A health diary is private: every file myolog creates is readable by its owner only, and so
//! is any folder it creates for one.
#![cfg(unix)]

mod common;

use common::{Env, mode};

#[test]
fn a_new_diary_and_its_new_folders_are_private() {
    let env = Env::new();
    let nested = env.path("health").join("diaries").join("me.sqlite3");
    let db = nested.to_str().unwrap();
    env.ok(&["--db", db, "log", "twitch", "--site", "eyelid:left"]);
    assert_eq!(mode(&nested), 0o600);
    assert_eq!(mode(&env.path("health").join("diaries")), 0o700);
    assert_eq!(mode(&env.path("health")), 0o700);
    // Nothing else the diary left behind is readable by others either.
    for entry in std::fs::read_dir(env.path("health").join("diaries")).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
}

#[test]
fn a_diary_started_by_any_command_is_private() {
    for args in [
        &["checkin", "--sleep", "7"][..],
        &["med", "add", "salbutamol", "--class", "beta-2-agonist"],
        &["selfcheck", "--jar", "ok"],
        &["demo", "--days", "3"],
    ] {
        let env = Env::new();
        env.ok(args);
        assert_eq!(mode(&env.db), 0o600, "{args:?}");
    }
}

#[test]
fn a_backup_is_private() {
    let env = Env::new();
    env.log(&["cramp", "--site", "calf:left", "--pain", "6"]);
    let copy = env.path("backup.sqlite3");
    env.ok(&["backup", copy.to_str().unwrap()]);
    assert_eq!(mode(&copy), 0o600);
    // Into a folder that does not exist yet: made private too.
    let deep = env.path("backups").join("2026").join("copy.sqlite3");
    env.ok(&["backup", deep.to_str().unwrap()]);
    assert_eq!(mode(&deep), 0o600);
    assert_eq!(mode(&env.path("backups")), 0o700);
    assert_eq!(mode(&env.path("backups").join("2026")), 0o700);
}

#[test]
fn the_backup_made_before_an_upgrade_is_private() {
    let env = Env::new();
    {
        let mut conn = rusqlite::Connection::open(&env.db).unwrap();
        myolog::store::migrations()
            .to_version(&mut conn, 1)
            .unwrap();
    }
    // Even when the old diary itself was left readable by others.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.ok(&["list"]);
    let backups: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".v1-backup-"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(mode(&backups[0]), 0o600);
}
