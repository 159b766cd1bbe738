//! Report tests: diaries built with the pattern tests' builders, written into a real diary
//! file, and a report loaded from it the way the exporter does.
#![allow(dead_code)]

pub use super::patterns as build;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use myolog::config::Config;
use myolog::domain::DiarySlice;
use myolog::report::Report;
use myolog::store::{Access, Diary};

#[allow(unused_imports)]
pub use build::{at, checkin, cramp, day, plus, self_check, twitch};

pub fn now() -> DateTime<Utc> {
    super::now_utc()
}

/// Writes every entry of `slice` into a new diary file in `dir`.
pub fn write(dir: &Path, slice: &DiarySlice) -> Diary {
    let mut d = Diary::open(&dir.join("diary.sqlite3"), Access::Write, now()).unwrap();
    for e in &slice.episodes {
        d.add_episode(e).unwrap();
    }
    for c in &slice.checkins {
        d.save_checkin(c, now()).unwrap();
    }
    for m in &slice.medications {
        d.add_medication(m).unwrap();
    }
    for c in &slice.self_checks {
        d.add_self_check(c).unwrap();
    }
    d
}

/// The report of `diary` from `since` to `until`, made on `made_on`, with `config` text.
pub fn report_with(
    diary: &Diary,
    since: Option<NaiveDate>,
    until: NaiveDate,
    made_on: NaiveDate,
    config: &str,
) -> Report {
    let config = Config::parse(config, None).unwrap();
    Report::load(diary, since, until, made_on, &config).unwrap()
}

/// The report of `d` over November 2026, made on its 25th, from the diary as built (no file).
pub fn november(d: build::Diary) -> Report {
    Report::from_slice(
        d.slice,
        Some(day("2026-11-01")),
        day("2026-11-25"),
        day("2026-11-25"),
        myolog::report::Patient::default(),
        &myolog::patterns::Settings::default(),
        &[],
    )
}

pub fn report(diary: &Diary, since: Option<NaiveDate>, until: NaiveDate) -> Report {
    report_with(diary, since, until, day("2026-11-25"), "")
}

/// A small diary with something in every section: twitches in three body groups (so
/// `twitch_widespread` fires), a long night cramp, check-ins, a medication and two self-checks
/// (one fine, one not).
pub fn scenario() -> build::Diary {
    let mut d = build::Diary::new();
    for i in 0..10u64 {
        let date = plus("2026-11-01", i * 2);
        d = d.checkin(myolog::domain::CheckIn {
            sleep_h: Some(if i % 2 == 0 { 5.0 } else { 7.5 }),
            caffeine_mg: Some(if i % 3 == 0 { 450 } else { 100 }),
            stress: Some((i % 10) as u8),
            ..checkin(date)
        });
    }
    let mut long = cramp(day("2026-11-10"), "03:10");
    long.duration_s = Some(15 * 60);
    long.pain = Some(8);
    long.sore_days = Some(3);
    d.twitch(day("2026-11-03"), &["calf:left"])
        .twitch(day("2026-11-04"), &["thumb:right"])
        .twitch_with(day("2026-11-05"), &["upper-back"], &["stress"])
        .twitch(day("2026-11-12"), &["eyelid:left"])
        .episode(long)
        .cramp(day("2026-11-15"), "23:30")
        .medication("beta-2-agonist", day("2026-11-08"), None)
        .self_check(self_check(day("2026-11-02")))
        .symptoms(day("2026-11-14"), &["tingling"])
}

/// Markdown as the words it shows: no markup, list marks, escapes or table rules.
pub fn md_words(md: &str) -> String {
    let md: String = md
        .lines()
        .map(|l| l.trim_start().strip_prefix("- ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let mut text = String::new();
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    text.push(next);
                }
            }
            '*' | '|' | '#' => text.push(' '),
            c => text.push(c),
        }
    }
    let text = text
        .replace("<br>", " ")
        .replace("---", " ")
        .replace("--:", " ");
    squash(&text)
}

/// HTML as the words it shows: no tags (those inside a line, such as a date's span, leave no
/// space), entities read.
pub fn html_words(html: &str) -> String {
    let body = &html[html.find("<body>").unwrap()..];
    let mut text = String::new();
    let mut tag: Option<String> = None;
    for c in body.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(name), '>') => {
                let inline = ["span", "/span", "strong", "/strong"]
                    .iter()
                    .any(|t| name.split(' ').next() == Some(t));
                if !inline {
                    text.push(' ');
                }
                tag = None;
            }
            (Some(name), c) => name.push(c),
            (None, c) => text.push(c),
        }
    }
    squash(
        &text
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of each page of a PDF, in the order its content streams show it, as poppler's
/// `pdftotext -raw` reads it through the fonts' ToUnicode maps.
pub fn pdf_pages(bytes: &[u8]) -> Vec<String> {
    let text = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], bytes);
    // Each page ends with a form feed.
    let mut pages: Vec<String> = text.split('\u{c}').map(squash).collect();
    assert_eq!(
        pages.pop().as_deref(),
        Some(""),
        "the text ends with a page"
    );
    pages
}

/// What poppler's `program` (pdftotext, pdfinfo, pdffonts, pdfimages) prints for the PDF
/// `bytes`, run as `program ARGS FILE` with a `-` after for pdftotext (to standard output).
pub fn poppler(program: &str, args: &[&str], bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, bytes).unwrap();
    let mut command = std::process::Command::new(program);
    command.args(args).arg(&file);
    if program == "pdftotext" {
        command.arg("-");
    }
    let out = command.output().unwrap_or_else(|e| {
        panic!("{program} runs (apt package poppler-utils; .ci/run installs it): {e}")
    });
    assert!(
        out.status.success(),
        "{program} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
