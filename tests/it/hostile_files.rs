//! Files that are not what a diary should be: cut short, damaged inside, from a newer myolog
//! while in WAL mode, read-only, or in a folder myolog may not write to. Each gets one clear line
//! and the right exit status, and nothing in the folder changes: no byte of the diary, and no
//! -wal, -shm or backup file left beside it. (Empty files, text files, other apps' databases,
//! folders and newer diaries in rollback mode are in tests/opening.rs.)
#![cfg(unix)]

use crate::support::cli as common;

use std::path::Path;
use std::process::{Command, Output};

use common::{Env, assert_ok, stderr, stdout};

/// Every file under the folder with a hash of its bytes, sorted: equal before and after means
/// untouched.
fn snapshot(dir: &Path) -> Vec<(String, u64)> {
    use std::hash::{Hash, Hasher};
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.push((format!("{}/", path.display()), 0));
            files.extend(snapshot(&path));
        } else {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::fs::read(&path).unwrap().hash(&mut h);
            files.push((path.display().to_string(), h.finish()));
        }
    }
    files.sort();
    files
}

/// A read-write connection for looking underneath: unlike a read-only one, closing it leaves
/// no -wal or -shm file behind.
fn look(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(db).unwrap()
}

fn names(files: &[(String, u64)]) -> Vec<&str> {
    files.iter().map(|(n, _)| n.as_str()).collect()
}

/// A 30-day demo diary, closed, so only the diary file is in the folder.
fn demo(env: &Env) {
    env.ok(&["demo", "--days", "30", "--seed", "3"]);
    assert_eq!(
        names(&snapshot(env.dir.path())),
        [env.db.display().to_string()],
        "the demo left journal files behind"
    );
}

/// Runs each command, which must fail with `status` and one line naming the diary and
/// containing `says`; the folder must be exactly as it was.
fn refused_untouched(env: &Env, run: &dyn Fn(&[&str]) -> Output, says: &str, status: i32) {
    let before = snapshot(env.dir.path());
    let copy = env.path("copy.sqlite3");
    for args in [
        &["list", "--json"][..],
        &["patterns", "--json"],
        &["log", "twitch", "--site", "calf"],
        &["checkin", "--sleep", "7"],
        &["backup", copy.to_str().unwrap()],
    ] {
        let out = run(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(status), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line, got {err:?}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(
            err.contains(&env.db.display().to_string()),
            "{args:?} names the diary: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(
            snapshot(env.dir.path()),
            before,
            "{args:?} changed the folder"
        );
    }
}

fn page_size(db: &Path) -> usize {
    look(db)
        .pragma_query_value(None, "page_size", |r| r.get::<_, i64>(0))
        .unwrap() as usize
}

#[test]
fn a_diary_cut_short_is_refused_untouched() {
    for cut in ["half the pages", "mid-page"] {
        let env = Env::new();
        demo(&env);
        let bytes = env.diary_bytes().unwrap();
        let page = page_size(&env.db);
        let len = match cut {
            "half the pages" => (bytes.len() / page / 2) * page,
            _ => bytes.len() / 2 + 123,
        };
        std::fs::write(&env.db, &bytes[..len]).unwrap();
        refused_untouched(&env, &|args| env.run(args), "damaged", 2);
    }
}

/// The page numbers of the leaves under the root of table `name` (one level down).
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

#[test]
fn a_diary_with_a_flipped_byte_in_the_middle_says_it_is_damaged_and_is_left_alone() {
    let env = Env::new();
    demo(&env);
    let root: usize = look(&env.db)
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'episodes'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize;
    let mut bytes = env.diary_bytes().unwrap();
    let page = page_size(&env.db);
    // One byte in the middle of the episode table: the type of a leaf page in the middle.
    let leaves = leaves_of(&bytes, page, root);
    assert!(leaves.len() > 2, "a demo diary spans many pages");
    let victim = leaves[leaves.len() / 2];
    bytes[(victim - 1) * page] ^= 0xff;
    std::fs::write(&env.db, &bytes).unwrap();
    let before = snapshot(env.dir.path());

    // `patterns` reads the per-day summary and a few episodes, not the damaged page: it may
    // not meet the damage, and must leave the diary alone either way.
    let out = env.run(&["patterns", "--json"]);
    if !out.status.success() {
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
    }
    assert_eq!(snapshot(env.dir.path()), before, "patterns changed it");
    for args in [&["list", "--json"][..], &["list"]] {
        let out = env.run(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err:?}");
        assert!(err.contains("damaged"), "{err}");
        assert!(err.contains("restore it from a backup"), "{err}");
        assert!(err.contains(&env.db.display().to_string()), "{err}");
        assert_eq!(snapshot(env.dir.path()), before, "{args:?} changed it");
    }
    // SQLite has no page checksums: a write whose pages miss the damage goes through (and the
    // damage is still reported on the next read); one that meets it changes nothing.
    let out = env.run(&["log", "twitch", "--site", "calf"]);
    if !out.status.success() {
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
        assert_eq!(snapshot(env.dir.path()), before);
    }
    let out = env.run(&["list", "--json"]);
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
    assert!(
        !names(&snapshot(env.dir.path()))
            .iter()
            .any(|n| n.ends_with("-wal") || n.ends_with("-shm")),
        "journal files left beside a damaged diary"
    );
}

#[test]
fn a_newer_diary_in_wal_mode_is_refused_without_leaving_journal_files() {
    let env = Env::new();
    demo(&env);
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        assert_eq!(
            conn.pragma_query_value(None, "journal_mode", |r| r.get::<_, String>(0))
                .unwrap(),
            "wal"
        );
        // One past what this build writes.
        conn.pragma_update(None, "user_version", myolog::store::latest_version() + 1)
            .unwrap();
    }
    refused_untouched(&env, &|args| env.run(args), "newer myolog", 2);
}

/// Runs myolog with these arguments.
type Runner<'a> = Box<dyn Fn(&[&str]) -> Output + 'a>;

/// Runs myolog as an ordinary user, so file permissions are enforced: as itself when not
/// root; as `nobody` via setpriv when root (root ignores permissions); fails when neither is
/// possible.
fn ordinary_user(env: &Env) -> Runner<'_> {
    if !rustix::process::geteuid().is_root() {
        return Box::new(|args: &[&str]| env.run(args));
    }
    let nobody = 65534;
    let bin = env!("CARGO_BIN_EXE_myolog");
    let runs = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", bin])
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        runs,
        "running as root, which ignores file permissions, and cannot run myolog as another \
         user (setpriv from util-linux missing, or the binary not reachable by nobody)"
    );
    chown_all(env.dir.path(), nobody);
    Box::new(move |args: &[&str]| {
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin])
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", env.dir.path())
            .env("XDG_DATA_HOME", env.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
            .env("MYOLOG_DB", &env.db)
            .env("MYOLOG_NOW", &env.now)
            .env("TZ", &env.tz);
        cmd.output().expect("run myolog as nobody")
    })
}

fn chown_all(path: &Path, uid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(uid)).unwrap();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            chown_all(&entry.unwrap().path(), uid);
        }
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Viewing works; saving is refused naming the diary; the folder is untouched throughout.
fn viewable_not_writable(env: &Env, run: &dyn Fn(&[&str]) -> Output, says: &str) {
    let before = snapshot(env.dir.path());
    let listed = run(&["list", "--json"]);
    assert_ok(&listed, &["list", "--json"]);
    let episodes: Vec<serde_json::Value> = serde_json::from_slice(&listed.stdout).unwrap();
    assert!(!episodes.is_empty());
    let patterns = run(&["patterns", "--json"]);
    assert_ok(&patterns, &["patterns", "--json"]);
    assert!(stdout(&patterns).contains("\"factors\""));
    assert_ok(&run(&["med", "list"]), &["med", "list"]);
    // Exporting is reading too: the report and the data go to a folder that can be written.
    let elsewhere = tempfile::tempdir().unwrap();
    let euid = rustix::process::geteuid().as_raw();
    chown_all(elsewhere.path(), if euid == 0 { 65534 } else { euid });
    for (format, name) in [("pdf", "report.pdf"), ("json", "diary.json")] {
        let target = elsewhere.path().join(name);
        let args = ["export", "--format", format, "-o", target.to_str().unwrap()];
        assert_ok(&run(&args), &args);
        assert!(std::fs::metadata(&target).unwrap().len() > 0, "{format}");
    }
    assert_eq!(
        snapshot(env.dir.path()),
        before,
        "viewing changed the folder"
    );

    for args in [
        &["log", "twitch", "--site", "calf"][..],
        &["checkin", "--sleep", "7"],
        &["undo"],
    ] {
        let out = run(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err:?}");
        assert!(err.contains("read-only"), "{args:?}: {err}");
        if args[0] != "undo" {
            assert!(err.contains(says), "{args:?}: {err}");
        }
        assert!(err.contains(&env.db.display().to_string()), "{err}");
        assert_eq!(snapshot(env.dir.path()), before, "{args:?} changed it");
    }
}

#[test]
fn a_read_only_diary_opens_for_viewing_and_nothing_is_left_beside_it() {
    let env = Env::new();
    demo(&env);
    set_mode(&env.db, 0o400);
    let run = ordinary_user(&env);
    viewable_not_writable(&env, &*run, "saving");
}

#[test]
fn a_diary_in_a_folder_without_write_permission_opens_for_viewing() {
    let env = Env::new();
    let folder = env.path("locked");
    let db = folder.join("diary.sqlite3");
    env.ok(&["--db", db.to_str().unwrap(), "demo", "--days", "30"]);
    let env = Env { db, ..env };
    let run = ordinary_user(&env);
    set_mode(&folder, 0o500);
    viewable_not_writable(&env, &*run, "folder");
    set_mode(&folder, 0o700);
}

/// `import` of a named pipe used to wait for a writer for ever: a pipe (or any file that is
/// not a regular one) is refused at once, with exit 2 and nothing written.
#[test]
fn a_pipe_given_to_import_is_refused_at_once() {
    let env = Env::new();
    let pipe = env.path("phone.json");
    let made = Command::new("mkfifo").arg(&pipe).status().unwrap();
    assert!(made.success(), "mkfifo (coreutils) makes the pipe");
    let mut child = env
        .command()
        .args(["import", pipe.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("import still waits on the pipe after 20 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = stderr(&out);
    assert!(
        said.contains("phone.json is a named pipe (FIFO); accepted:"),
        "{said}"
    );
    assert!(env.diary_bytes().is_none(), "no diary was made");
}
