//! What the benches share: a fixed clock and the 10-year demo diary (`myolog demo --days 3650
//! --seed 7`, about 108,000 episodes; `MYOLOG_BENCH_SEED=1` for the seed scripts/bench also
//! publishes), written once per bench run into a temporary file.
#![allow(dead_code)] // each bench uses a different part of this

use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use myolog::demo;
use myolog::domain::Clock;
use myolog::store::{Access, Diary};

pub fn clock() -> Clock<FixedOffset> {
    Clock::new(DateTime::parse_from_rfc3339("2026-11-25T12:00:00+00:00").expect("constant time"))
}

pub fn today() -> NaiveDate {
    clock().today()
}

static DIARY: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("diary.sqlite3");
    let now = clock().now.with_timezone(&Utc);
    let mut diary = Diary::open(&path, Access::Write, now).expect("open");
    demo::generate(3650, seed(), &clock())
        .write(&mut diary, now)
        .expect("write demo");
    (dir, path)
});

/// The demo's seed: 7 unless `MYOLOG_BENCH_SEED` says otherwise.
pub fn seed() -> u64 {
    std::env::var("MYOLOG_BENCH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7)
}

/// Where the demo diary is.
pub fn path() -> &'static PathBuf {
    &DIARY.1
}

/// The demo diary, opened for reading.
pub fn open() -> Diary {
    Diary::open(path(), Access::Read, Utc::now()).expect("open demo diary")
}
