//! The diary core on the 10-year demo diary (`myolog demo --days 3650`): generating it,
//! writing it, and the reads every command makes. Run: `cargo bench --bench store`.
//! Whole-command timings against sqlite3 and jrnl are in `scripts/bench`.

// Benchmarks stop where they fail: unwrap, expect and panic are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{TimeDelta, Utc};
use myolog::demo;
use myolog::store::{Access, Diary, EpisodeFilter};

mod common;

use common::{clock, open};

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 5)]
fn generate_10_years() -> usize {
    demo::generate(3650, 1, &clock()).episodes.len()
}

#[divan::bench(sample_count = 3)]
fn write_10_years(bencher: divan::Bencher) {
    let generated = demo::generate(3650, 1, &clock());
    bencher
        .with_inputs(|| tempfile::tempdir().expect("temp dir"))
        .bench_values(|dir| {
            let now = clock().now.with_timezone(&Utc);
            let mut diary =
                Diary::open(&dir.path().join("d.sqlite3"), Access::Write, now).expect("open");
            generated.write(&mut diary, now).expect("write");
        });
}

#[divan::bench]
fn open_existing_diary() -> Diary {
    open()
}

#[divan::bench]
fn list_last_30_days(bencher: divan::Bencher) {
    let diary = open();
    let since = clock().now.with_timezone(&Utc) - TimeDelta::days(30);
    let filter = EpisodeFilter {
        since: Some(since),
        ..EpisodeFilter::default()
    };
    bencher.bench_local(|| diary.episodes(&filter).expect("list").len());
}

#[divan::bench]
fn history_page_deep_in_the_past(bencher: divan::Bencher) {
    let diary = open();
    let filter = EpisodeFilter {
        limit: Some(50),
        offset: 90_000,
        ..EpisodeFilter::default()
    };
    bencher.bench_local(|| diary.episodes(&filter).expect("page").len());
}

#[divan::bench(sample_count = 10)]
fn load_everything(bencher: divan::Bencher) {
    let diary = open();
    bencher.bench_local(|| diary.load(None, None).expect("load").episodes.len());
}
