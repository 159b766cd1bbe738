//! The pattern engine on the 10-year demo diary (about 100,000 episodes): the engine alone on
//! the per-day summary already read (target: under 20 ms), the read it needs, and both
//! together as `myolog patterns` does them (the whole process target is 100 ms); beside them,
//! the engine on every episode held in memory, as a report computes it. Run with
//! `cargo bench --bench patterns`.

// Benchmarks stop where they fail: unwrap, expect and panic are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::OnceLock;

use chrono::{NaiveDate, Utc};
use myolog::domain::DiarySlice;
use myolog::domain::summary::SummarySlice;
use myolog::patterns::{self, Settings};
use myolog::store::{Access, Diary};

mod common;

use common::{clock, path};

fn main() {
    divan::main();
}

fn as_of() -> NaiveDate {
    clock().today()
}

fn diary() -> Diary {
    Diary::open(path(), Access::Read, Utc::now()).unwrap()
}

fn whole_summary() -> &'static SummarySlice {
    static SLICE: OnceLock<SummarySlice> = OnceLock::new();
    SLICE.get_or_init(|| diary().summary_slice(None, Some(as_of())).unwrap())
}

fn whole_slice() -> &'static DiarySlice {
    static SLICE: OnceLock<DiarySlice> = OnceLock::new();
    SLICE.get_or_init(|| diary().load(None, Some(as_of())).unwrap())
}

#[divan::bench]
fn engine_whole_diary(bencher: divan::Bencher) {
    let slice = whole_summary();
    let settings = Settings::default();
    let d = diary();
    let episodes = d
        .lean_episodes(&patterns::wanted(slice, &settings, as_of()))
        .unwrap();
    bencher.bench(|| patterns::evaluate_summary(slice, &episodes, &settings, as_of()));
}

/// The engine on every episode in memory: it sums them by day first, as a report does.
#[divan::bench]
fn engine_whole_diary_in_memory(bencher: divan::Bencher) {
    let slice = whole_slice();
    let settings = Settings::default();
    bencher.bench(|| patterns::evaluate(slice, &settings, as_of()));
}

#[divan::bench]
fn read_whole_summary(bencher: divan::Bencher) {
    let d = diary();
    bencher.bench_local(|| d.summary_slice(None, Some(as_of())).unwrap());
}

#[divan::bench]
fn read_and_evaluate_whole_diary(bencher: divan::Bencher) {
    let d = diary();
    let settings = Settings::default();
    bencher.bench_local(|| {
        let slice = d.summary_slice(None, Some(as_of())).unwrap();
        patterns::evaluate_summary_period(&slice, &settings, None, as_of(), |wanted| {
            d.lean_episodes(wanted)
        })
        .unwrap()
    });
}

/// What Today's banner reads: the last weeks and the days around a medicine's start.
#[divan::bench]
fn active_flags_for_the_banner(bencher: divan::Bencher) {
    let d = diary();
    let settings = Settings::default();
    bencher.bench_local(|| myolog::tui::active_flags(&d, &settings, as_of()).unwrap());
}
