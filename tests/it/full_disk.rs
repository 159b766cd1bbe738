//! A full disk: a write that finds no room says "the disk is full" (a failure of the machine,
//! exit status 1) and leaves the diary exactly as it was. Simulated with SQLite's
//! `max_page_count` everywhere, and with a real full file system (a tiny tmpfs in a private
//! mount namespace) where this machine allows one.

use crate::support::cli as common;

use std::path::Path;
use std::process::Command;

use chrono::DateTime;
use common::Env;
use myolog::domain::{Episode, Kind, SiteRef};
use myolog::store::{Access, Bulk, Diary, StoreError};

fn pages(diary: &Diary) -> i64 {
    diary
        .connection()
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .unwrap()
}

fn twitch(note: String) -> Episode {
    let mut e = Episode::new(
        Kind::Twitch,
        DateTime::parse_from_rfc3339("2026-11-25T09:00:00+00:00").unwrap(),
        vec![SiteRef::parse("calf:left").unwrap()],
        common::NOW.parse().unwrap(),
    );
    e.note = Some(note);
    e
}

fn assert_disk_full(e: StoreError) {
    assert!(matches!(e, StoreError::DiskFull), "{e:?}");
    let e = myolog::Error::from(e);
    assert_eq!(e.exit_code(), 1, "a failure of the machine");
    let text = e.to_string();
    assert!(text.contains("disk is full"), "{text}");
    assert!(text.contains("nothing was changed"), "{text}");
}

#[test]
fn a_write_with_no_room_left_says_the_disk_is_full_and_changes_nothing() {
    let env = Env::new();
    env.ok(&["demo", "--days", "30", "--seed", "4"]);
    let now = common::NOW.parse().unwrap();
    let mut diary = Diary::open(&env.db, Access::Write, now).unwrap();
    let before = diary.counts().unwrap();
    let listed_before = env.list(&[]);
    // No room for one more page.
    let full = pages(&diary);
    diary
        .connection()
        .pragma_update(None, "max_page_count", full)
        .unwrap();

    // A 1 MB note needs many new pages.
    let big = twitch("x".repeat(1 << 20));
    assert_disk_full(diary.add_episode(&big).unwrap_err());
    // A bulk write (demo, import) is all or nothing.
    let many: Vec<Episode> = (0..2000).map(|i| twitch(format!("bulk {i}"))).collect();
    let bulk = Bulk {
        episodes: &many,
        ..Bulk::default()
    };
    assert_disk_full(diary.put_bulk(bulk, now).unwrap_err());
    assert_eq!(diary.counts().unwrap(), before);
    drop(diary);

    assert_eq!(env.list(&[]), listed_before, "the diary is as it was");
    let check: String = common::sql(&env.db)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    // With room again, the same entry goes in.
    env.log(&[
        "twitch",
        "--site",
        "calf:left",
        "--note",
        "after the disk had room",
    ]);
    assert_eq!(env.list(&[]).len(), listed_before.len() + 1);
}

/// Runs `script` in a private mount namespace with a `size_kb` tmpfs mounted at `mnt`; fails
/// when this machine does not allow that (not root, no unshare).
fn in_tiny_filesystem(mnt: &Path, size_kb: u64, script: &str) -> std::process::Output {
    let probe = Command::new("unshare")
        .args(["-m", "sh", "-c"])
        .arg(format!(
            "mount -t tmpfs -o size={size_kb}k tmpfs {}",
            mnt.display()
        ))
        .output();
    assert!(
        probe.is_ok_and(|o| o.status.success()),
        "cannot mount a tiny tmpfs here: this test needs root and unshare (util-linux)"
    );
    Command::new("unshare")
        .args(["-m", "sh", "-c"])
        .arg(format!(
            "set -e; mount -t tmpfs -o size={size_kb}k tmpfs {mnt}; cd {mnt}; {script}",
            mnt = mnt.display()
        ))
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
#[ignore = "needs root and unshare (a tiny tmpfs)"]
fn the_real_binary_on_a_really_full_disk_exits_1_and_keeps_the_diary() {
    let env = Env::new();
    env.ok(&["demo", "--days", "20", "--seed", "4"]);
    let bytes = std::fs::read(&env.db).unwrap();
    let mnt = env.path("mnt");
    std::fs::create_dir(&mnt).unwrap();
    let out_dir = env.path("out");
    std::fs::create_dir(&out_dir).unwrap();
    // As long as one argument may be (Linux allows 128 KB).
    let note = "y".repeat(120_000);
    // Room for the diary, SQLite's 32 KB shared-memory file and a small write (its episode,
    // undo entry and per-day summary rows: a dozen pages of log), but not for the 120 KB the
    // note needs in the write-ahead log.
    let size_kb = bytes.len().div_ceil(4096) as u64 * 4 + 112;
    let script = format!(
        "cp {db} diary.sqlite3; \
         set +e; \
         MYOLOG_DB=$PWD/diary.sqlite3 MYOLOG_NOW={now} TZ=UTC HOME={home} {bin} log twitch --site calf --note {note} \
            >{out}/stdout 2>{out}/stderr; echo $? > {out}/status; \
         cp diary.sqlite3 {out}/after.sqlite3; ls -a > {out}/listing; \
         MYOLOG_DB=$PWD/diary.sqlite3 MYOLOG_NOW={now} TZ=UTC HOME={home} {bin} log twitch --site calf \
            >{out}/stdout2 2>&1; echo $? > {out}/status2",
        db = env.db.display(),
        now = common::NOW,
        home = env.dir.path().display(),
        bin = env!("CARGO_BIN_EXE_myolog"),
        out = out_dir.display(),
    );
    let ran = in_tiny_filesystem(&mnt, size_kb, &script);
    let read = |name: &str| std::fs::read_to_string(out_dir.join(name)).unwrap_or_default();
    assert!(
        ran.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&ran.stderr),
        read("stderr")
    );
    let err = read("stderr");
    assert_eq!(read("status").trim(), "1", "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.contains("disk is full"), "{err}");
    assert_eq!(
        std::fs::read(out_dir.join("after.sqlite3")).unwrap(),
        bytes,
        "the diary changed"
    );
    let listing = read("listing");
    assert!(
        !listing.contains("-wal") && !listing.contains("-shm"),
        "{listing}"
    );
    // Space again: the next write works without help.
    assert_eq!(read("status2").trim(), "0", "{}", read("stdout2"));
}

/// Output sent to a full disk (`> /dev/full`) is not reported as done: a script reading the
/// exit status must not take half a JSON document for the whole.
#[test]
fn output_that_cannot_be_written_exits_1() {
    let full = Path::new("/dev/full");
    assert!(full.exists(), "this test needs /dev/full (Linux)");
    let env = Env::new();
    env.ok(&["log", "twitch", "--site", "calf"]);
    for args in [
        &["list", "--json"][..],
        &["list"],
        &["patterns", "--json"],
        &["patterns"],
        &["med", "list"],
        &["sites"],
    ] {
        let out = env
            .command()
            .args(args)
            .stdout(std::fs::File::create(full).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("standard output"), "{args:?}: {err}");
    }
    // A closed pipe is not an error: `myolog list | head -1` ends quietly.
    let mut child = env
        .command()
        .args(["list", "--json"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert!(child.wait().unwrap().success());
}
