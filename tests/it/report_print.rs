//! The HTML report printed as a browser prints it (headless Chromium, then `pdftotext
//! -layout`), on A4 and on Letter: every date stays on one line (a browser once broke them into
//! "202/6-/09-/02"), and no heading is left at the foot of a page without what it heads.
//! `.ci/run` installs chromium and poppler-utils when missing.

use crate::support::report::{self as common_report, html_words};

use std::path::Path;
use std::process::Command;

use chrono::TimeDelta;
use common_report::*;
use myolog::report;

/// Each `YYYY-MM-DD` in `text`, as it stands (no digit either side).
fn dates(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(9))
        .filter(|&i| {
            b[i..i + 10].iter().enumerate().all(|(k, c)| match k {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            }) && (i == 0 || !b[i - 1].is_ascii_digit())
                && b.get(i + 10).is_none_or(|c| !c.is_ascii_digit())
        })
        .map(|i| &text[i..i + 10])
        .collect()
}

/// Whether `line` ends with `2026-` or `2026-09-`: the start of a date cut off.
fn ends_in_part_of_a_date(line: &str) -> bool {
    let end = line.trim_end().as_bytes();
    let shape = |pattern: &[u8]| {
        end.len() >= pattern.len()
            && end[end.len() - pattern.len()..]
                .iter()
                .zip(pattern)
                .all(|(c, p)| {
                    if *p == b'9' {
                        c.is_ascii_digit()
                    } else {
                        c == p
                    }
                })
    };
    shape(b"9999-") || shape(b"9999-99-")
}

/// The words a printed page shows: the body without the tooltips (`<title>`) of the chart.
fn printed_words(html: &str) -> String {
    let mut rest = html;
    let mut kept = String::new();
    while let Some(start) = rest.find("<title") {
        kept.push_str(&rest[..start]);
        let end = rest[start..]
            .find("</title>")
            .map_or(rest.len(), |e| start + e + 8);
        rest = &rest[end..];
    }
    kept.push_str(rest);
    html_words(&kept)
}

/// The headings of the report: a page must never end with one.
fn headings(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in ["<h2>", "<h3>"] {
        let mut rest = html;
        while let Some(start) = rest.find(tag) {
            let text = &rest[start + 4..];
            let end = text.find("</h").unwrap();
            found.push(text[..end].trim().to_string());
            rest = &text[end..];
        }
    }
    found
}

/// `html` printed by headless Chromium on `paper`, as `pdftotext -layout` reads it back.
fn print(dir: &Path, name: &str, html: &str, paper: &str) -> String {
    let page = dir.join(format!("{name}-{paper}.html"));
    let sized = html.replacen(
        "</head>",
        &format!("<style>@page {{ size: {paper}; }}</style>\n</head>"),
        1,
    );
    std::fs::write(&page, sized).unwrap();
    let pdf = dir.join(format!("{name}-{paper}.pdf"));
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.join("chromium").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs (apt package chromium; .ci/run installs it)");
    assert!(
        pdf.exists(),
        "chromium printed nothing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt package poppler-utils; .ci/run installs it)");
    assert!(text.status.success());
    String::from_utf8(text.stdout).unwrap()
}

#[test]
#[ignore = "needs chromium and pdftotext (poppler-utils)"]
fn printed_from_a_browser_every_date_stays_on_one_line_on_a4_and_letter() {
    let dir = tempfile::tempdir().unwrap();
    let mut diary = myolog::store::Diary::open(
        &dir.path().join("diary.sqlite3"),
        myolog::store::Access::Write,
        now(),
    )
    .unwrap();
    let clock = myolog::domain::Clock::new(now().fixed_offset() - TimeDelta::hours(1));
    myolog::demo::generate(200, 7, &clock)
        .write(&mut diary, now())
        .unwrap();
    // A month (a row per episode, with its date and time) and the whole diary (a row per day).
    for (name, since) in [("month", Some(day("2026-10-27"))), ("all", None)] {
        let r = report(&diary, since, day("2026-11-25"));
        let html = report::html(&r);
        let shown = printed_words(&html);
        let expected = dates(&shown).len();
        assert!(expected > 50, "{name}: only {expected} dates");
        for paper in ["A4", "letter"] {
            let printed = print(dir.path(), name, &html, paper);
            assert_eq!(
                dates(&printed).len(),
                expected,
                "{name} on {paper}: a date was broken across lines"
            );
            // Nothing that looks like the start of a date ends a line.
            for line in printed.lines() {
                assert!(!ends_in_part_of_a_date(line), "{name} on {paper}: {line:?}");
            }
            // No page ends with a heading.
            let heads = headings(&html);
            for (n, page) in printed.split('\u{c}').enumerate() {
                let Some(last) = page.lines().rev().find(|l| !l.trim().is_empty()) else {
                    continue;
                };
                assert!(
                    !heads.iter().any(|h| last.trim() == h),
                    "{name} on {paper}: page {} ends with the heading {last:?}",
                    n + 1
                );
            }
        }
    }
}
