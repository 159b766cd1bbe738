//! The doctor-visit report on the 10-year demo diary (`myolog demo --days 3650`): loading the
//! model, and rendering each format from a model loaded once. Issue 5's budgets: HTML of the
//! whole diary under 2 s, PDF of the last year under 3 s; since issue 10 the whole diary's PDF
//! is one row per day (about 45 pages) and is measured too. Run: `cargo bench --bench report`.

// Benchmarks stop where they fail: unwrap, expect and panic are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::LazyLock;

use chrono::{Days, NaiveDate};
use myolog::config::Config;
use myolog::report::{self, Report};

mod common;

use common::{open, today};

fn main() {
    divan::main();
}

fn load(since: Option<NaiveDate>) -> Report {
    Report::load(&open(), since, today(), today(), &Config::default()).expect("load report")
}

static ALL: LazyLock<Report> = LazyLock::new(|| load(None));
static LAST_YEAR: LazyLock<Report> =
    LazyLock::new(|| load(today().checked_sub_days(Days::new(364))));

#[divan::bench(sample_count = 5)]
fn load_all_10_years(bencher: divan::Bencher) {
    let diary = open();
    bencher.bench_local(|| {
        Report::load(&diary, None, today(), today(), &Config::default())
            .expect("load")
            .episodes
            .len()
    });
}

#[divan::bench(sample_count = 5)]
fn markdown_all_10_years(bencher: divan::Bencher) {
    let r = &*ALL;
    bencher.bench_local(|| report::markdown(r).len());
}

#[divan::bench(sample_count = 5)]
fn html_all_10_years(bencher: divan::Bencher) {
    let r = &*ALL;
    bencher.bench_local(|| report::html(r).len());
}

#[divan::bench(sample_count = 3)]
fn pdf_all_10_years(bencher: divan::Bencher) {
    let r = &*ALL;
    bencher.bench_local(|| report::pdf(r).len());
}

#[divan::bench(sample_count = 3)]
fn pdf_last_year(bencher: divan::Bencher) {
    let r = &*LAST_YEAR;
    bencher.bench_local(|| report::pdf(r).len());
}

#[divan::bench(sample_count = 5)]
fn markdown_last_year(bencher: divan::Bencher) {
    let r = &*LAST_YEAR;
    bencher.bench_local(|| report::markdown(r).len());
}

#[divan::bench(sample_count = 5)]
fn html_last_year(bencher: divan::Bencher) {
    let r = &*LAST_YEAR;
    bencher.bench_local(|| report::html(r).len());
}
