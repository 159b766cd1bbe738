//! The pattern engine on the 10-year demo diary (about 100,000 episodes): the engine alone on
//! data already loaded (target: under 20 ms), the load it needs, and both together as
//! `myolog patterns` does them (the whole process target is 100 ms). Run with
//! `cargo bench --bench patterns`.

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use myolog::domain::{Clock, DiarySlice};
use myolog::patterns::{self, Settings};
use myolog::store::{Access, Diary};

fn main() {
    divan::main();
}

fn clock() -> Clock<FixedOffset> {
    Clock::new(DateTime::parse_from_rfc3339("2026-11-25T10:15:00+01:00").unwrap())
}

fn as_of() -> NaiveDate {
    clock().today()
}

/// The demo diary, written once into a temp folder kept for the whole run.
fn demo_path() -> &'static PathBuf {
    static PATH: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &PATH
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("demo.sqlite3");
            let now = clock().now.with_timezone(&Utc);
            let mut diary = Diary::open(&path, Access::Write, now).unwrap();
            let written = myolog::demo::generate(3650, 1, &clock())
                .write(&mut diary, now)
                .unwrap();
            eprintln!("demo diary: {} episodes", written.episodes);
            (dir, path)
        })
        .1
}

fn diary() -> Diary {
    Diary::open(demo_path(), Access::Read, Utc::now()).unwrap()
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
