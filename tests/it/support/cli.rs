//! Shared helpers: run the real `myolog` binary on a temp diary with a fixed clock and time zone.
#![allow(dead_code)] // each test file uses a different part of this

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

pub use super::NOW;

/// A temp folder with a diary path in it, plus the clock and time zone every command gets.
pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
    pub now: String,
    pub tz: String,
}

impl Env {
    pub fn new() -> Env {
        Env::at(NOW, "Europe/London")
    }

    pub fn at(now: &str, tz: &str) -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("diary.sqlite3");
        Env {
            dir,
            db,
            now: now.to_string(),
            tz: tz.to_string(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The command, with the diary, clock and zone set and nothing taken from the caller's
    /// environment that could change the outcome.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_myolog"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("MYOLOG_DB", &self.db)
            .env("MYOLOG_NOW", &self.now)
            .env("TZ", &self.tz);
        cmd
    }

    /// Runs `myolog ARGS` and returns what happened, whatever it was.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("run myolog")
    }

    /// Runs with another time zone.
    pub fn run_tz(&self, tz: &str, args: &[&str]) -> Output {
        self.command()
            .env("TZ", tz)
            .args(args)
            .output()
            .expect("run myolog")
    }

    /// Runs `myolog ARGS` on another diary file (in this one's folder, say), with this clock
    /// and zone.
    pub fn run_on(&self, db: &Path, args: &[&str]) -> Output {
        self.command()
            .env("MYOLOG_DB", db)
            .args(args)
            .output()
            .expect("run myolog")
    }

    /// As [`Env::run_on`], which must succeed; returns stdout.
    pub fn ok_on(&self, db: &Path, args: &[&str]) -> String {
        let out = self.run_on(db, args);
        assert_ok(&out, args);
        stdout(&out)
    }

    /// Exports the diary `db` as JSON to `name` in the test's folder; returns its path.
    pub fn export_json(&self, db: &Path, name: &str) -> PathBuf {
        let path = self.path(name);
        let out = path.to_str().expect("a UTF-8 path");
        self.ok_on(db, &["export", "--format", "json", "-o", out]);
        path
    }

    /// Runs `myolog ARGS`, which must succeed; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_ok(&out, args);
        stdout(&out)
    }

    /// `myolog list --json EXTRA...` as parsed JSON episodes.
    pub fn list(&self, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["list", "--json"];
        args.extend_from_slice(extra);
        let text = self.ok(&args);
        match serde_json::from_str::<Value>(&text) {
            Ok(Value::Array(items)) => items,
            other => panic!("list --json is not an array: {other:?}\n{text}"),
        }
    }

    /// Logs an episode and returns its id.
    pub fn log(&self, args: &[&str]) -> String {
        let mut all = vec!["log"];
        all.extend_from_slice(args);
        let text = self.ok(&all);
        id_in(&text).unwrap_or_else(|| panic!("no id in {text:?}"))
    }

    pub fn diary_bytes(&self) -> Option<Vec<u8>> {
        std::fs::read(&self.db).ok()
    }
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn assert_ok(out: &Output, args: &[&str]) {
    assert!(
        out.status.success(),
        "myolog {args:?} failed ({:?})\nstdout: {}\nstderr: {}",
        out.status.code(),
        stdout(out),
        stderr(out)
    );
}

/// Bad input: exit status 2 and exactly one line on stderr, which mentions `names`.
/// Returns that line.
pub fn assert_refused(out: &Output, names: &str) -> String {
    let err = stderr(out);
    assert_eq!(
        out.status.code(),
        Some(2),
        "expected exit 2\nstdout: {}\nstderr: {err}",
        stdout(out)
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line on stderr, got {err:?}");
    assert!(
        lines[0].contains(names),
        "stderr does not name {names:?}: {err:?}"
    );
    lines[0].to_string()
}

/// The UUID in "... (id 0123abcd-...)".
pub fn id_in(text: &str) -> Option<String> {
    let start = text.find("(id ")? + 4;
    let id: String = text[start..].chars().take(36).collect();
    (id.len() == 36).then_some(id)
}

#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

/// Episode ids in a `list --json` answer, in its order.
pub fn ids(episodes: &[Value]) -> Vec<String> {
    episodes
        .iter()
        .map(|e| e["id"].as_str().expect("id").to_string())
        .collect()
}

/// The single episode with this id.
pub fn find<'a>(episodes: &'a [Value], id: &str) -> &'a Value {
    episodes
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("episode {id} not listed"))
}

/// Opens a diary file directly, to look underneath the command line.
pub fn sql(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open diary with rusqlite")
}

pub fn count(path: &Path, query: &str) -> i64 {
    sql(path)
        .query_row(query, [], |r| r.get(0))
        .expect("count query")
}
