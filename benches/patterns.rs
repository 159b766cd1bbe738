//! The pattern engine on the 10-year demo diary (about 100,000 episodes): the engine alone on
//! data already loaded (target: under 20 ms), the load it needs, and both together as
//! `myolog patterns` does them (the whole process target is 100 ms). Run with
//! `cargo bench --bench patterns`.

// Benchmarks stop where they fail: unwrap, expect and panic are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::OnceLock;

use chrono::{NaiveDate, Utc};
use myolog::domain::DiarySlice;
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

fn whole_slice() -> &'static DiarySlice {
    static SLICE: OnceLock<DiarySlice> = OnceLock::new();
    SLICE.get_or_init(|| diary().load_for_patterns(None, Some(as_of())).unwrap())
}

#[divan::bench]
fn engine_whole_diary(bencher: divan::Bencher) {
    let slice = whole_slice();
    let settings = Settings::default();
    bencher.bench(|| patterns::evaluate(slice, &settings, as_of()));
}

#[divan::bench]
fn load_whole_diary(bencher: divan::Bencher) {
    let d = diary();
    bencher.bench_local(|| d.load_for_patterns(None, Some(as_of())).unwrap());
}

#[divan::bench]
fn load_and_evaluate_whole_diary(bencher: divan::Bencher) {
    let d = diary();
    let settings = Settings::default();
    bencher.bench_local(|| {
        let slice = d.load_for_patterns(None, Some(as_of())).unwrap();
        patterns::evaluate(&slice, &settings, as_of())
    });
}

/// What Today's banner reads: the last weeks and the days around a medicine's start.
#[divan::bench]
fn active_flags_for_the_banner(bencher: divan::Bencher) {
    let d = diary();
    let settings = Settings::default();
    bencher.bench_local(|| myolog::tui::active_flags(&d, &settings, as_of()).unwrap());
}
