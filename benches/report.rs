//! The doctor-visit report on the 10-year demo diary (`myolog demo --days 3650`): loading the
//! model, and rendering each format from a model loaded once. Issue 5's budgets: HTML of the
//! whole diary under 2 s, PDF of the last year under 3 s. Run: `cargo bench --bench report`.

use std::sync::LazyLock;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Utc};
use myolog::config::Config;
use myolog::demo;
use myolog::domain::Clock;
use myolog::report::{self, Report, ReportFormat};
use myolog::store::{Access, Diary};

fn main() {
    divan::main();
}

fn clock() -> Clock<FixedOffset> {
    Clock::new(DateTime::parse_from_rfc3339("2026-11-25T12:00:00+00:00").expect("constant time"))
}

fn today() -> NaiveDate {
    clock().now.date_naive()
}

/// The 10-year demo diary, written once into a temporary file.
static DIARY: LazyLock<(tempfile::TempDir, std::path::PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("diary.sqlite3");
    let now = clock().now.with_timezone(&Utc);
    let mut diary = Diary::open(&path, Access::Write, now).expect("open");
    demo::generate(3650, 1, &clock())
        .write(&mut diary, now)
        .expect("write demo");
    (dir, path)
});

fn open() -> Diary {
    Diary::open(&DIARY.1, Access::Read, Utc::now()).expect("open demo diary")
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
fn pdf_last_year(bencher: divan::Bencher) {
    let r = &*LAST_YEAR;
    bencher.bench_local(|| report::render(r, ReportFormat::Pdf).len());
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
