//! The same diary and period give the same bytes; another made-on date changes only the
//! made-on line.

use crate::support::report as common_report;

use common_report::*;
use myolog::format::Format;
use myolog::report;

fn diary() -> (tempfile::TempDir, myolog::store::Diary) {
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &scenario().slice);
    (dir, diary)
}

#[test]
fn same_made_on_gives_identical_bytes() {
    let (_dir, diary) = diary();
    let load = || {
        report_with(
            &diary,
            Some(day("2026-11-01")),
            day("2026-11-25"),
            day("2026-11-25"),
            "",
        )
    };
    let (a, b) = (load(), load());
    for format in Format::REPORTS {
        assert_eq!(
            report::render(&a, format),
            report::render(&b, format),
            "{format:?} differs between two renders"
        );
    }
    // The data formats are not a report.
    assert_eq!(report::render(&a, Format::Csv), None);
    // And rendering twice from one model: nothing is numbered or named by a counter that lives on.
    assert_eq!(report::pdf(&a), report::pdf(&a));
}

#[test]
fn another_made_on_changes_only_the_made_on_line() {
    let (_dir, diary) = diary();
    let made = |on: &str| {
        report_with(
            &diary,
            Some(day("2026-11-01")),
            day("2026-11-25"),
            day(on),
            "",
        )
    };
    // Both made after the period's end, so both give each flag's status as of its end (a
    // report made on its last day says "now": report_summary checks that wording).
    let (a, b) = (made("2026-11-26"), made("2026-12-01"));
    for format in [Format::Md, Format::Html] {
        let (ta, tb) = (
            String::from_utf8(report::render(&a, format).unwrap()).unwrap(),
            String::from_utf8(report::render(&b, format).unwrap()).unwrap(),
        );
        let (la, lb): (Vec<&str>, Vec<&str>) = (ta.lines().collect(), tb.lines().collect());
        assert_eq!(la.len(), lb.len());
        let differing: Vec<(&str, &str)> = la
            .iter()
            .zip(&lb)
            .filter(|(x, y)| x != y)
            .map(|(x, y)| (*x, *y))
            .collect();
        assert_eq!(differing.len(), 1, "{format:?}: {differing:?}");
        assert!(differing[0].0.contains("Made on") && differing[0].0.contains("2026-11-26"));
        assert!(differing[0].1.contains("2026-12-01"));
    }
    assert_ne!(report::pdf(&a), report::pdf(&b));
}

#[test]
fn dated_file_names() {
    assert_eq!(
        Format::Md.dated_name(day("2026-11-25")),
        "myolog-report-2026-11-25.md"
    );
    assert_eq!(
        Format::Html.dated_name(day("2026-11-25")),
        "myolog-report-2026-11-25.html"
    );
    assert_eq!(
        Format::Pdf.dated_name(day("2027-01-02")),
        "myolog-report-2027-01-02.pdf"
    );
    assert_eq!(Format::parse("MD"), Some(Format::Md));
    assert_eq!(Format::parse("markdown"), Some(Format::Md));
    assert_eq!(Format::parse("csv"), Some(Format::Csv));
    assert!(!Format::Csv.is_report());
    assert_eq!(Format::parse("docx"), None);
}
