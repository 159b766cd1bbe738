//! Files that must not be lost or leak: an export never writes over the diary, its journal
//! files or a copy of it, even with --force; a backup of a damaged diary is refused, not
//! "backed up"; `myolog check` says what it found; work files a killed export left behind are
//! cleaned up; folders another user could swap files in are refused, and a second user racing
//! symlinks against exports in a shared folder gets nothing; a diary others could read is made
//! private, and one owned by another user is refused.
#![cfg(unix)]

use crate::support::cli as common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{Env, assert_refused, mode, stderr, stdout};

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Every name in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn demo(env: &Env) {
    env.ok(&["demo", "--days", "30", "--seed", "3"]);
}

/// A diary with a WAL open beside it (its -wal and -shm files exist while `_conn` lives).
fn with_open_wal(env: &Env) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    conn.execute("UPDATE checkins SET note = 'open' WHERE rowid = 1", [])
        .unwrap();
    assert!(PathBuf::from(format!("{}-wal", env.db.display())).exists());
    conn
}

#[test]
fn an_export_never_writes_over_the_diary_its_journal_files_or_its_copies() {
    let env = Env::new();
    demo(&env);
    let _open = with_open_wal(&env);
    let wal = PathBuf::from(format!("{}-wal", env.db.display()));
    let shm = PathBuf::from(format!("{}-shm", env.db.display()));
    // The same file under other names: a hard link and a symlink.
    let hard = env.path("hard-link.sqlite3");
    std::fs::hard_link(&env.db, &hard).unwrap();
    let soft = env.path("pointer.json");
    std::os::unix::fs::symlink(&env.db, &soft).unwrap();
    // Copies: a backup made with `myolog backup`, and an upgrade copy beside the diary.
    let backup = env.path("saved.sqlite3");
    env.ok(&["backup", backup.to_str().unwrap()]);
    let upgrade_copy = env.path("diary.sqlite3.v1-backup-20261101T090000Z");
    std::fs::copy(&backup, &upgrade_copy).unwrap();
    let bytes = |p: &Path| std::fs::read(p).unwrap();
    // The copies are never opened: byte for byte the same. The diary and its journal files
    // are opened by each export, and SQLite may move changes from the -wal into the diary
    // then: what they hold must stay the same, and stay SQLite's.
    let kept: Vec<(PathBuf, Vec<u8>)> = [&backup, &upgrade_copy]
        .into_iter()
        .map(|p| (p.clone(), bytes(p)))
        .collect();
    let listed = env.list(&[]);

    for target in [&env.db, &wal, &shm, &hard, &soft, &backup, &upgrade_copy] {
        for format in ["json", "csv", "md"] {
            let args = [
                "export",
                "--format",
                format,
                "--force",
                "-o",
                target.to_str().unwrap(),
            ];
            let line = assert_refused(&env.run(&args), "FILE");
            assert!(line.contains("never writes over it"), "{line}");
            assert!(line.contains(&target.display().to_string()), "{line}");
        }
    }
    for (path, before) in &kept {
        assert!(&bytes(path) == before, "{} changed", path.display());
    }
    assert_eq!(env.list(&[]), listed, "the diary's episodes changed");
    assert!(bytes(&env.db).starts_with(b"SQLite format 3\0"));
    for journal in [&wal, &shm] {
        let head = bytes(journal);
        for export in [&b"{"[..], b"id,", b"# "] {
            assert!(
                !head.starts_with(export),
                "{} was written",
                journal.display()
            );
        }
    }
    // Nor the -wal of the diary when it is not there at the moment.
    drop(_open);
    assert!(
        !wal.exists(),
        "closing the last connection folds the -wal in"
    );
    let args = ["export", "--format", "json", "-o", wal.to_str().unwrap()];
    assert_refused(&env.run(&args), "FILE");
    assert!(!wal.exists());
}

/// The page numbers of the leaves under the root page `root` of a table (one level down).
fn leaves_of(bytes: &[u8], page: usize, root: usize) -> Vec<usize> {
    let at = (root - 1) * page + if root == 1 { 100 } else { 0 };
    assert_eq!(bytes[at], 0x05, "the root is an interior table page");
    let cells = u16::from_be_bytes([bytes[at + 3], bytes[at + 4]]) as usize;
    (0..cells)
        .map(|i| {
            let ptr = u16::from_be_bytes([bytes[at + 12 + 2 * i], bytes[at + 13 + 2 * i]]) as usize;
            let cell = (root - 1) * page + ptr;
            u32::from_be_bytes(bytes[cell..cell + 4].try_into().unwrap()) as usize
        })
        .collect()
}

/// Flips the type byte of a leaf page in the middle of the episodes table, as a failing disk
/// might: SQLite has no page checksums, so only reading that page finds it.
fn damage(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let root = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'episodes'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize;
    let page = conn
        .pragma_query_value(None, "page_size", |r| r.get::<_, i64>(0))
        .unwrap() as usize;
    drop(conn);
    let mut bytes = std::fs::read(db).unwrap();
    let leaves = leaves_of(&bytes, page, root);
    assert!(leaves.len() > 2, "a demo diary spans many pages");
    bytes[(leaves[leaves.len() / 2] - 1) * page] ^= 0xff;
    std::fs::write(db, &bytes).unwrap();
}

#[test]
fn a_backup_of_a_damaged_diary_is_refused_and_leaves_nothing() {
    let env = Env::new();
    demo(&env);
    damage(&env.db);
    let before = names(env.dir.path());
    let copy = env.path("backup.sqlite3");
    let out = env.run(&["backup", copy.to_str().unwrap()]);
    let line = assert_refused(&out, "damaged");
    assert!(line.contains("integrity check"), "{line}");
    assert!(line.contains(&env.db.display().to_string()), "{line}");
    assert!(!stdout(&out).contains("Backed up"), "{}", stdout(&out));
    assert!(!copy.exists(), "a damaged copy was left under the name");
    assert_eq!(names(env.dir.path()), before, "work files left behind");

    // Into a folder of its own, nothing is left there either.
    let folder = env.path("backups");
    std::fs::create_dir(&folder).unwrap();
    let out = env.run(&["backup", folder.join("b.sqlite3").to_str().unwrap()]);
    assert_refused(&out, "damaged");
    assert!(names(&folder).is_empty(), "{:?}", names(&folder));
}

#[test]
fn check_says_a_good_diary_is_fine_and_names_what_is_wrong_with_a_damaged_one() {
    let env = Env::new();
    // No diary yet: nothing to vouch for, and none is started.
    assert_refused(&env.run(&["check"]), "no diary");
    assert!(!env.db.exists());
    demo(&env);
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.contains("ok       the file is whole"), "{said}");
    assert!(
        said.contains("ok       every link between records holds"),
        "{said}"
    );
    assert!(said.contains("ok       every record passes"), "{said}");
    assert!(said.trim_end().ends_with("No problems found."), "{said}");

    damage(&env.db);
    let out = env.run(&["check"]);
    let line = assert_refused(&out, "damaged");
    assert!(line.contains("listed above"), "{line}");
    let said = stdout(&out);
    assert!(
        said.contains("PROBLEM  not so: the file is whole"),
        "{said}"
    );
    assert!(!said.contains("No problems found"), "{said}");

    // A link between records broken underneath (a site of an episode that is not there).
    let env = Env::new();
    env.log(&["twitch", "--site", "calf"]);
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute(
            "INSERT INTO episode_sites (episode_id, position, site) VALUES ('00000000-0000-0000-0000-000000000000', 0, 'calf')",
            [],
        )
        .unwrap();
    }
    let out = env.run(&["check"]);
    assert_refused(&out, "1 problem found");
    let said = stdout(&out);
    assert!(said.contains("ok       the file is whole"), "{said}");
    assert!(
        said.contains("1 row(s) of episode_sites belong to a record missing from episodes"),
        "{said}"
    );
}

#[test]
fn work_files_a_killed_export_left_are_cleaned_up_by_the_next_one() {
    let env = Env::new();
    env.log(&["twitch", "--site", "calf"]);
    let out_dir = env.path("exports");
    std::fs::create_dir(&out_dir).unwrap();
    let dead = 999_999_999; // above any process id Linux hands out
    let alive = std::process::id(); // this test: still running
    let stale_file = format!(".diary.json.tmp-{dead}");
    let stale_dir = format!(".copy.sqlite3.tmp-{dead}-2");
    let live = format!(".diary.json.tmp-{alive}");
    std::fs::write(out_dir.join(&stale_file), vec![b'x'; 1 << 20]).unwrap();
    std::fs::create_dir(out_dir.join(&stale_dir)).unwrap();
    std::fs::write(out_dir.join(&stale_dir).join("copy.sqlite3"), "x").unwrap();
    std::fs::write(out_dir.join(&live), "x").unwrap();

    let target = out_dir.join("diary.json");
    env.ok(&["export", "--format", "json", "-o", target.to_str().unwrap()]);
    // The export's own stale work file is gone; another file's stays for its own next write.
    fn sorted(mut v: Vec<&str>) -> Vec<&str> {
        v.sort();
        v
    }
    assert_eq!(
        names(&out_dir),
        sorted(vec![&live, &stale_dir, "diary.json"])
    );
    env.ok(&["backup", out_dir.join("copy.sqlite3").to_str().unwrap()]);
    assert_eq!(
        names(&out_dir),
        sorted(vec![&live, "copy.sqlite3", "diary.json"])
    );
}

#[test]
fn a_folder_other_users_can_write_to_is_refused_unless_sticky() {
    let env = Env::new();
    env.log(&["twitch", "--site", "calf"]);
    let shared = env.path("shared");
    std::fs::create_dir(&shared).unwrap();
    set_mode(&shared, 0o777);
    for args in [
        vec!["export", "--format", "json", "-o"],
        vec!["export", "--format", "pdf", "-o"],
        vec!["backup"],
    ] {
        let target = shared.join("out");
        let mut all = args.clone();
        all.push(target.to_str().unwrap());
        let line = assert_refused(&env.run(&all), "other users can write to the folder");
        assert!(line.contains(&shared.display().to_string()), "{line}");
        assert!(names(&shared).is_empty(), "{args:?}: {:?}", names(&shared));
    }
    // A sticky folder such as /tmp: nobody can move or remove another's files, so it is fine.
    set_mode(&shared, 0o1777);
    let target = shared.join("diary.json");
    env.ok(&["export", "--format", "json", "-o", target.to_str().unwrap()]);
    assert_eq!(mode(&target), 0o600);
}

#[test]
fn a_diary_others_could_read_is_made_private_with_its_journal_files_and_the_user_told_once() {
    let env = Env::new();
    demo(&env);
    let open = with_open_wal(&env);
    let wal = PathBuf::from(format!("{}-wal", env.db.display()));
    let shm = PathBuf::from(format!("{}-shm", env.db.display()));
    for file in [&env.db, &wal, &shm] {
        set_mode(file, 0o644);
    }
    let out = env.run(&["list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("could be read by other users (mode 644)") && err.contains("mode 600"),
        "{err}"
    );
    for file in [&env.db, &wal, &shm] {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
    let again = env.run(&["list", "--json"]);
    assert_eq!(stderr(&again), "", "told once");
    drop(open);

    // A read-only diary stays read-only, for its owner only.
    set_mode(&env.db, 0o444);
    let out = env.run(&["list", "--json"]);
    assert!(stderr(&out).contains("mode 444"), "{}", stderr(&out));
    assert_eq!(mode(&env.db), 0o400);
}

/// Runs `sh -c script` as the user nobody (the tests run as root, who ignores permissions).
fn as_nobody(script: &str) -> Command {
    let mut cmd = Command::new("setpriv");
    cmd.args([
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "sh",
        "-c",
        script,
    ]);
    cmd
}

fn needs_root() {
    assert!(
        rustix::process::geteuid().is_root(),
        "this test plays a second user on the machine: it needs root (and setpriv)"
    );
}

#[test]
#[ignore = "needs root"]
fn a_diary_owned_by_another_user_is_refused_and_left_alone() {
    needs_root();
    let env = Env::new();
    env.log(&["twitch", "--site", "calf"]);
    std::os::unix::fs::chown(&env.db, Some(65534), Some(65534)).unwrap();
    let before = std::fs::read(&env.db).unwrap();
    for args in [&["list", "--json"][..], &["log", "cramp", "--site", "calf"]] {
        let line = assert_refused(&env.run(args), "belongs to another user");
        assert!(line.contains(&env.db.display().to_string()), "{line}");
    }
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
    assert_eq!(std::fs::metadata(&env.db).unwrap().uid(), 65534);
    assert_eq!(names(env.dir.path()), ["diary.sqlite3"]);
}

#[test]
#[ignore = "needs root"]
fn a_folder_owned_by_another_user_is_refused() {
    needs_root();
    let env = Env::new();
    env.log(&["twitch", "--site", "calf"]);
    let theirs = env.path("theirs");
    std::fs::create_dir(&theirs).unwrap();
    std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap();
    let target = theirs.join("diary.json");
    let line = assert_refused(
        &env.run(&["export", "--format", "json", "-o", target.to_str().unwrap()]),
        "belongs to another user",
    );
    assert!(line.contains(&theirs.display().to_string()), "{line}");
    assert!(names(&theirs).is_empty());
}

/// Outcome of one export in the race: written, or refused with a reason that says why.
fn exported(out: &Output) -> bool {
    match out.status.code() {
        Some(0) => true,
        // Refused because the attacker put something under the name, or because the folder is
        // open to everyone: that is fine, and said.
        Some(2) => {
            let err = stderr(out);
            assert!(
                err.contains("already exists") || err.contains("other users can write"),
                "{err}"
            );
            false
        }
        other => panic!("export failed ({other:?}): {}", stderr(out)),
    }
}

#[test]
#[ignore = "needs root"]
fn a_second_user_racing_symlinks_against_exports_in_a_shared_folder_gets_nothing() {
    needs_root();
    let env = Env::new();
    const SECRET: &str = "the-secret-note-7f3a";
    env.ok(&["log", "twitch", "--site", "calf", "--note", SECRET]);
    let reference = env.path("reference.json");
    env.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        reference.to_str().unwrap(),
    ]);
    let reference = std::fs::read(&reference).unwrap();
    // The victim's own private file elsewhere, which the attacker hopes to get overwritten.
    let victim = env.path("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    set_mode(&victim, 0o600);
    // Two shared folders: one like /tmp (sticky, writable by all) and one merely writable by
    // all. The test folder above them is root's: opened up to be traversed only.
    set_mode(env.dir.path(), 0o711);
    let sticky = env.path("sticky");
    let open = env.path("open");
    for (folder, mode) in [(&sticky, 0o1777), (&open, 0o777)] {
        std::fs::create_dir(folder).unwrap();
        set_mode(folder, mode);
    }
    let loot = tempfile::tempdir().unwrap();
    std::os::unix::fs::chown(loot.path(), Some(65534), Some(65534)).unwrap();

    // The attacker: plants symlinks to the victim under the work names the next processes
    // would use and under the export names, swaps any work file it sees for a symlink, and
    // copies whatever it can read.
    let script = format!(
        r#"while [ ! -e {loot}/stop ]; do
  last=$(cat /proc/sys/kernel/ns_last_pid 2>/dev/null || echo 1000)
  for dir in {sticky} {open}; do
    cd $dir || exit 1
    for n in 1 2 3 4 5 6 7 8 9 10 11 12; do
      for i in 0 1 2 3; do
        ln -s {victim} ".out-$i.json.tmp-$((last + n))" 2>/dev/null
      done
    done
    for i in 0 1; do ln -s {victim} "out-$i.json" 2>/dev/null; done
    for f in .out-*; do
      [ -e "$f" ] || [ -L "$f" ] || continue
      cat "$f" > {loot}/copy-$$ 2>/dev/null && cat {loot}/copy-$$ >> {loot}/all 2>/dev/null
      mv -f "$f" "$f.moved" 2>/dev/null && ln -s {victim} "$f" 2>/dev/null
    done
  done
done"#,
        sticky = sticky.display(),
        open = open.display(),
        victim = victim.display(),
        loot = loot.path().display(),
    );
    let mut attacker = as_nobody(&script)
        .spawn()
        .expect("run the attacker as nobody");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let mut written = 0;
    for round in 0..30 {
        let folder = if round < 20 { &sticky } else { &open };
        let target = folder.join(format!("out-{}.json", round % 4));
        let mut args = vec!["export", "--format", "json", "-o", target.to_str().unwrap()];
        if round % 2 == 0 {
            args.push("--force");
        }
        if exported(&env.run(&args)) {
            assert!(folder == &sticky, "written into a folder open to all");
            written += 1;
            let meta = std::fs::symlink_metadata(&target).unwrap();
            assert!(
                meta.file_type().is_file(),
                "{} is not a file",
                target.display()
            );
            assert_eq!(meta.uid(), 0, "{} is not root's", target.display());
            assert_eq!(meta.mode() & 0o777, 0o600);
            assert_eq!(std::fs::read(&target).unwrap(), reference);
        }
    }
    std::fs::write(loot.path().join("stop"), "").unwrap();
    let _ = attacker.wait();
    assert!(written >= 10, "only {written} of 20 exports were written");
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious", "clobbered");
    for entry in std::fs::read_dir(loot.path()).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        assert!(!text.contains(SECRET), "the attacker read the diary");
    }
    // Whatever is left in the shared folders that is not root's own private export reveals
    // nothing, and no work file of ours is left.
    for folder in [&sticky, &open] {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.uid() == 0 {
                assert!(
                    folder == &sticky,
                    "root wrote {} into the open folder",
                    path.display()
                );
                assert!(
                    !path.file_name().unwrap().to_string_lossy().starts_with('.'),
                    "work file left: {}",
                    path.display()
                );
                assert_eq!(
                    meta.mode() & 0o077,
                    0,
                    "{} readable by others",
                    path.display()
                );
            } else if meta.file_type().is_file() {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                assert!(!text.contains(SECRET), "{} holds the diary", path.display());
            }
        }
    }
}

/// The -wal, -shm and -journal names beside `db`.
fn journals(db: &Path) -> [PathBuf; 3] {
    ["-wal", "-shm", "-journal"].map(|s| PathBuf::from(format!("{}{s}", db.display())))
}

#[test]
fn an_existing_diary_in_a_folder_others_can_write_to_is_refused_as_a_new_one_is() {
    let env = Env::new();
    env.log(&["twitch", "--site", "calf"]);
    let shared = env.path("shared");
    std::fs::create_dir(&shared).unwrap();
    let db = shared.join("diary.sqlite3");
    std::fs::rename(&env.db, &db).unwrap();
    let fresh = shared.join("new.sqlite3");
    set_mode(&shared, 0o777);
    let before = std::fs::read(&db).unwrap();
    for args in [
        &["list", "--json"][..],
        &["log", "cramp", "--site", "calf"],
        &["status"],
        &["backup", env.path("copy.sqlite3").to_str().unwrap()],
    ] {
        let line = assert_refused(
            &env.run_on(&db, args),
            "other users can write to the folder",
        );
        assert!(line.contains(&db.display().to_string()), "{line}");
        assert!(line.contains("mode 777"), "{line}");
    }
    // A new diary there is refused the same way.
    let line = assert_refused(
        &env.run_on(&fresh, &["log", "twitch", "--site", "calf"]),
        "other users can write to the folder",
    );
    assert!(line.contains(&shared.display().to_string()), "{line}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert_eq!(names(&shared), ["diary.sqlite3"], "nothing made beside it");
    assert!(!env.path("copy.sqlite3").exists());

    // A sticky folder of our own: nobody can move or remove our files there. Existing and new
    // diaries alike work; so does a folder of our own that only we can write to.
    set_mode(&shared, 0o1777);
    env.ok_on(&db, &["log", "cramp", "--site", "calf"]);
    env.ok_on(&fresh, &["log", "twitch", "--site", "calf"]);
    set_mode(&shared, 0o700);
    let listed = env.ok_on(&db, &["list", "--json"]);
    assert_eq!(
        serde_json::from_str::<Vec<serde_json::Value>>(&listed)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_journal_file_that_is_not_a_plain_file_of_ours_is_refused_before_sqlite_opens_it() {
    let env = Env::new();
    env.log(&["twitch", "--site", "calf"]);
    let before = std::fs::read(&env.db).unwrap();
    let victim = env.path("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    for journal in journals(&env.db) {
        // A symlink (to a file of ours SQLite would truncate and write), a hard link to one,
        // and a folder.
        std::os::unix::fs::symlink(&victim, &journal).unwrap();
        let out = env.run(&["log", "cramp", "--site", "calf"]);
        let line = assert_refused(&out, "is a symlink");
        assert!(line.contains(&journal.display().to_string()), "{line}");
        std::fs::remove_file(&journal).unwrap();

        std::fs::hard_link(&victim, &journal).unwrap();
        let line = assert_refused(&env.run(&["list", "--json"]), "hard links");
        assert!(line.contains(&journal.display().to_string()), "{line}");
        std::fs::remove_file(&journal).unwrap();

        std::fs::create_dir(&journal).unwrap();
        assert_refused(&env.run(&["status"]), "is a folder");
        std::fs::remove_dir(&journal).unwrap();
    }
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
    assert_eq!(names(env.dir.path()), ["diary.sqlite3", "victim.txt"]);

    // A -wal and -shm of our own, even left readable by others, are SQLite's: used, and made
    // private.
    let [wal, shm, _] = journals(&env.db);
    for file in [&wal, &shm] {
        std::fs::write(file, "").unwrap();
        set_mode(file, 0o644);
    }
    env.ok(&["log", "cramp", "--site", "calf"]);
    assert_eq!(env.list(&[]).len(), 2);
    for file in [&wal, &shm] {
        if file.exists() {
            assert_eq!(mode(file), 0o600, "{}", file.display());
        }
    }
}

/// Runs myolog as the user nobody on the diary `db`, with a home of its own under `home`.
fn run_as_nobody(env: &Env, home: &Path, db: &Path, args: &[&str]) -> Output {
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_myolog"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("MYOLOG_DB", db)
        .env("MYOLOG_NOW", &env.now)
        .env("TZ", &env.tz)
        .output()
        .expect("run myolog as nobody")
}

#[test]
#[ignore = "needs root"]
fn journal_files_another_user_planted_beside_a_diary_are_refused_and_never_written() {
    needs_root();
    const SECRET: &str = "the-secret-note-51c2";
    let env = Env::new();
    // A folder like /tmp, but root's own (so root may keep a diary there): sticky, open to all.
    set_mode(env.dir.path(), 0o711);
    let shared = env.path("shared");
    std::fs::create_dir(&shared).unwrap();
    set_mode(&shared, 0o1777);
    let db = shared.join("diary.sqlite3");
    env.ok_on(&db, &["log", "twitch", "--site", "calf"]);
    let before = std::fs::read(&db).unwrap();
    // The other user makes empty -wal and -shm files that anyone may read and write, and a
    // -journal, beside it before the next write.
    let [wal, shm, journal] = journals(&db);
    let planted = as_nobody(&format!(
        "umask 0; : > '{}'; : > '{}'",
        wal.display(),
        shm.display()
    ))
    .status()
    .unwrap();
    assert!(planted.success());
    for args in [
        &["log", "cramp", "--site", "calf:left", "--note", SECRET][..],
        &["list", "--json"],
        &["status"],
    ] {
        let line = assert_refused(
            &env.run_on(&db, args),
            "belongs to another user (uid 65534)",
        );
        assert!(line.contains(&wal.display().to_string()), "{line}");
    }
    for file in [&wal, &shm] {
        assert_eq!(
            std::fs::metadata(file).unwrap().len(),
            0,
            "{} written",
            file.display()
        );
        assert_eq!(std::fs::metadata(file).unwrap().uid(), 65534);
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
    std::fs::remove_file(&wal).unwrap();
    std::fs::remove_file(&shm).unwrap();
    assert!(
        as_nobody(&format!("umask 0; : > '{}'", journal.display()))
            .status()
            .unwrap()
            .success()
    );
    let line = assert_refused(
        &env.run_on(&db, &["log", "cramp", "--site", "calf"]),
        "belongs to another user",
    );
    assert!(line.contains(&journal.display().to_string()), "{line}");
    std::fs::remove_file(&journal).unwrap();

    // With them gone, root's diary in root's own sticky folder works again.
    env.ok_on(
        &db,
        &["log", "cramp", "--site", "calf:left", "--note", SECRET],
    );
    assert!(env.ok_on(&db, &["list", "--json"]).contains(SECRET));
}

#[test]
#[ignore = "needs root"]
fn a_sticky_folder_of_another_user_such_as_tmp_is_refused_and_ones_own_folder_is_not() {
    needs_root();
    let env = Env::new();
    set_mode(env.dir.path(), 0o711);
    // Root's sticky folder, open to all, as /tmp is; and nobody's own private home.
    let tmp = env.path("tmp");
    std::fs::create_dir(&tmp).unwrap();
    set_mode(&tmp, 0o1777);
    let home = env.path("home");
    std::fs::create_dir(&home).unwrap();
    std::os::unix::fs::chown(&home, Some(65534), Some(65534)).unwrap();
    set_mode(&home, 0o700);
    let own = home.join("diary.sqlite3");
    let out = run_as_nobody(&env, &home, &own, &["log", "twitch", "--site", "calf"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // A new diary, an export and a backup in root's /tmp: refused, nothing made there.
    let in_tmp = tmp.join("diary.sqlite3");
    let refused = "belongs to another user (uid 0) and other users can write to it (mode 1777)";
    let out = run_as_nobody(&env, &home, &in_tmp, &["log", "twitch", "--site", "calf"]);
    let line = assert_refused(&out, refused);
    assert!(line.contains(&tmp.display().to_string()), "{line}");
    for args in [
        vec!["export", "--format", "json", "-o", "OUT"],
        vec!["backup", "OUT"],
    ] {
        let target = tmp.join("out");
        let args: Vec<&str> = args
            .iter()
            .map(|a| {
                if *a == "OUT" {
                    target.to_str().unwrap()
                } else {
                    a
                }
            })
            .collect();
        assert_refused(&run_as_nobody(&env, &home, &own, &args), refused);
    }
    assert!(names(&tmp).is_empty(), "{:?}", names(&tmp));

    // Nobody's existing diary, moved there: refused and left as it is.
    std::fs::rename(&own, &in_tmp).unwrap();
    let before = std::fs::read(&in_tmp).unwrap();
    for args in [&["list", "--json"][..], &["log", "cramp", "--site", "calf"]] {
        let line = assert_refused(&run_as_nobody(&env, &home, &in_tmp, args), refused);
        assert!(line.contains(&in_tmp.display().to_string()), "{line}");
    }
    assert_eq!(std::fs::read(&in_tmp).unwrap(), before);
    assert_eq!(names(&tmp), ["diary.sqlite3"]);

    // A sticky folder of nobody's own (as a shared folder they made): fine, as for root above.
    let theirs = home.join("sticky");
    std::fs::create_dir(&theirs).unwrap();
    std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap();
    set_mode(&theirs, 0o1777);
    let out = run_as_nobody(
        &env,
        &home,
        &theirs.join("d.sqlite3"),
        &["log", "cramp", "--site", "calf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}
