//! Data export and import on the 10-year demo diary (`myolog demo --days 3650`): the targets of
//! issue 5 are CSV and JSON export under 1 s and import of the full JSON under 5 s.
//! Run: `cargo bench --bench export`.

// Benchmarks stop where they fail: unwrap, expect and panic are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::LazyLock;

use chrono::Utc;
use myolog::domain::DiarySlice;
use myolog::portable::{self, Period};
use myolog::store::{Access, Diary};

mod common;

use common::{clock, path, today};

fn main() {
    divan::main();
}

/// Its full JSON export, made once.
static JSON: LazyLock<String> = LazyLock::new(|| {
    let bytes = portable::json::export(&load(), Period::default(), today());
    String::from_utf8(bytes).expect("JSON is UTF-8")
});

fn load() -> DiarySlice {
    Diary::open(path(), Access::Read, Utc::now())
        .expect("open demo diary")
        .load(None, None)
        .expect("load")
}

/// Reading the diary and writing the JSON, as `myolog export --format json` does.
#[divan::bench(sample_count = 5)]
fn json_export_10_years() -> usize {
    portable::json::export(&load(), Period::default(), today()).len()
}

#[divan::bench(sample_count = 5)]
fn csv_export_10_years() -> usize {
    portable::csv::episodes(&load().episodes).len()
}

#[divan::bench(sample_count = 5)]
fn fhir_export_10_years() -> usize {
    let header = portable::fhir::Header::new(uuid::Uuid::nil(), today());
    portable::fhir::export(&load(), &header).len()
}

/// Parsing and checking the full JSON, then merging it into a fresh diary in one transaction,
/// as `myolog import` does.
#[divan::bench(sample_count = 3)]
fn json_import_10_years(bencher: divan::Bencher) {
    let text: &str = &JSON;
    bencher
        .with_inputs(|| tempfile::tempdir().expect("temp dir"))
        .bench_values(|dir| {
            let now = clock().now;
            let slice = portable::json::import(text, now).expect("valid export");
            let mut diary = Diary::open(
                &dir.path().join("d.sqlite3"),
                Access::Write,
                now.with_timezone(&Utc),
            )
            .expect("open");
            diary
                .merge(slice, now.with_timezone(&Utc))
                .expect("merge")
                .added
                .episodes
        });
}

/// Importing the same file again: every record is compared and nothing is written.
#[divan::bench(sample_count = 3)]
fn json_reimport_10_years(bencher: divan::Bencher) {
    let text: &str = &JSON;
    let dir = tempfile::tempdir().expect("temp dir");
    let now = clock().now;
    let path = dir.path().join("d.sqlite3");
    let mut diary = Diary::open(&path, Access::Write, now.with_timezone(&Utc)).expect("open");
    let slice = portable::json::import(text, now).expect("valid export");
    diary.merge(slice, now.with_timezone(&Utc)).expect("merge");
    bencher.bench_local(|| {
        let slice = portable::json::import(text, now).expect("valid export");
        diary
            .merge(slice, now.with_timezone(&Utc))
            .expect("merge")
            .unchanged
            .episodes
    });
}
