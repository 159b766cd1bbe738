//! `myolog status` on the 10-year demo diary (`myolog demo --days 3650 --seed 7`): what a shell
//! prompt pays on every prompt. The target is under 5 ms for the whole read (opening the diary
//! without writing, today's check-in, the active flags). Run: `cargo bench --bench status`.

// Benchmarks stop where they fail: unwrap, expect and panic are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::Utc;
use myolog::cli::status;
use myolog::demo;
use myolog::patterns::Settings;
use myolog::store::{Access, Diary};

mod common;

use common::{clock, today};

fn main() {
    divan::main();
}

static DIARY: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("diary.sqlite3");
    let now = clock().now.with_timezone(&Utc);
    let mut diary = Diary::open(&path, Access::Write, now).expect("open");
    demo::generate(3650, 7, &clock())
        .write(&mut diary, now)
        .expect("write demo");
    (dir, path)
});

/// The whole of `myolog status` but parsing the arguments and printing: open the diary
/// read-only, today's check-in, the active flags by level.
#[divan::bench]
fn status_on_10_years() -> usize {
    let settings = Settings::default();
    let s = status::read(&DIARY.1, &settings, today())
        .expect("status")
        .expect("a diary");
    s.line.len()
}

/// Opening alone, the part that does not depend on the diary's length.
#[divan::bench]
fn peek_10_years() -> Diary {
    Diary::peek(&DIARY.1).expect("peek")
}
