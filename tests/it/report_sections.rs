//! The report holds every section of DOMAIN.md section 8, in order, in Markdown, HTML and PDF.

use crate::support::report as common_report;

use common_report::*;
use myolog::format::Format;
use myolog::report;

/// Each needle's first position, which must rise.
fn assert_in_order(text: &str, needles: &[&str]) {
    let mut last = 0;
    for n in needles {
        let at = text[last..]
            .find(n)
            .unwrap_or_else(|| panic!("{n:?} missing after byte {last}"));
        last += at + n.len();
    }
}

#[test]
#[ignore = "needs pdftotext (poppler-utils)"]
fn markdown_and_html_hold_every_section_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &scenario().slice);
    let r = report(&diary, Some(day("2026-11-01")), day("2026-11-25"));
    let md = report::markdown(&r);
    if std::env::var_os("REPORT_DUMP").is_some() {
        std::fs::write("/tmp/rpt/scenario.md", &md).unwrap();
        std::fs::write("/tmp/rpt/scenario.html", report::html(&r)).unwrap();
        std::fs::write("/tmp/rpt/scenario.pdf", report::pdf(&r)).unwrap();
    }
    let sections = [
        "Symptom diary — muscle twitching and cramps",
        "2026-11-01 to 2026-11-25",
        "Made on",
        "not a diagnosis",
        "Summary",
        "At a glance",
        "Where: each site and side",
        "Guidance met",
        "Red-flag self-checks, latest first",
        "Medications",
        "What was tried, and whether it helped",
        "Trigger comparisons that stand out",
        "The whole period",
        "Twitch days and cramp days per week",
        "Body regions",
        "Time of day",
        "Check-in averages",
        "Possible triggers compared",
        "Guidance met, in detail",
        "Detail",
        "Episodes (",
        "Check-ins (",
        "Medications (",
        "Self-checks (",
    ];
    assert_in_order(&md, &sections);
    let html = report::html(&r);
    assert_in_order(&html, &sections);
    // The PDF's text, page after page, in the same order.
    let pdf = report::render(&r, Format::Pdf).unwrap();
    let text = pdf_pages(&pdf).join(" ");
    assert_in_order(&text, &sections);
}
