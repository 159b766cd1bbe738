//! The HTML report is one self-contained file: inline CSS and SVG, no scripts, nothing fetched.

use crate::support::report as common_report;

use common_report::*;
use myolog::report;

#[test]
fn html_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &scenario().slice);
    let html = report::html(&report(&diary, Some(day("2026-11-01")), day("2026-11-25")));
    assert!(html.starts_with("<!DOCTYPE html>"));
    let lower = html.to_lowercase();
    for banned in [
        "<script",
        "http://",
        "https://",
        "//cdn",
        "src=",
        "href=",
        "@import",
        "url(",
        "<link",
        "<iframe",
        "<object",
        "<embed",
        "javascript:",
    ] {
        assert!(!lower.contains(banned), "the HTML contains {banned:?}");
    }
    assert!(html.contains("<style>"));
    assert!(html.contains("<svg class=\"chart\""));
    assert!(html.contains("<rect"), "the chart has bars");
    assert!(html.contains("@page"), "print styles");
    assert!(
        html.contains("break-before: page"),
        "the detail starts a page"
    );
    assert_eq!(
        html.matches("<table").count(),
        html.matches("</table>").count()
    );
    assert_eq!(html.matches("<tr>").count(), html.matches("</tr>").count());
}
