//! The PDF: a valid file that parses back, whose text holds the summary, on A4 pages with the
//! summary on page 1 and the detail after it.

use crate::support::report as common_report;

use common_report::*;
use myolog::report;

fn scenario_pdf() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &scenario().slice);
    let r = report_with(
        &diary,
        Some(day("2026-11-01")),
        day("2026-11-25"),
        day("2026-11-25"),
        "[report]\nname = \"Alex Example\"\nbirth_date = 1980-04-02\n",
    );
    report::pdf(&r)
}

/// The text of each page, as lopdf extracts it through the font's ToUnicode map.
fn page_texts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    let pages = doc.get_pages();
    pages
        .keys()
        .map(|n| doc.extract_text(&[*n]).expect("text extracts"))
        .collect()
}

#[test]
fn the_pdf_parses_back_and_its_text_holds_the_summary() {
    let bytes = scenario_pdf();
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = page_texts(&bytes);
    assert!(pages.len() >= 2, "summary and detail on their own pages");
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = squash(&pages[0]);
    println!("{first}");
    for needle in [
        "Symptom diary — muscle twitching and cramps",
        "Period: 2026-11-01 to 2026-11-25",
        "Made on: 2026-11-25",
        "Name: Alex Example",
        "Date of birth: 1980-04-02",
        "not a diagnosis",
        "Summary",
        "SEE A DOCTOR (book an appointment): A cramp lasting more than 10 minutes — active",
        "First met 2026-11-10. Source: NHS, \"Leg cramps\".",
        "Red-flag self-checks, latest first",
        "no problem noticed",
        "beta-2 agonist inhaler",
        "3 in 7 days (3 a week)",
        "Trigger comparisons that stand out",
    ] {
        assert!(first.contains(needle), "page 1 lacks {needle:?}:\n{first}");
    }
    assert!(
        !first.contains("The whole period"),
        "the charts start on a new page"
    );
    let rest = squash(&pages[1..].join("\n"));
    assert!(rest.starts_with("The whole period"), "{rest}");
    let detail = &rest[rest.find("Detail Episodes").expect("the detail")..];
    assert!(detail.contains("pain 8/10"));
}

#[test]
fn the_pdf_is_a4_with_the_font_embedded_and_no_images() {
    let bytes = scenario_pdf();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    for (_, page) in doc.get_pages() {
        let dict = doc.get_dictionary(page).unwrap();
        let media: Vec<f32> = dict
            .get(b"MediaBox")
            .and_then(|m| m.as_array())
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect();
        assert!(
            (media[2] - 595.28).abs() < 0.5 && (media[3] - 841.89).abs() < 0.5,
            "{media:?}"
        );
    }
    let mut font_files = 0;
    for object in doc.objects.values() {
        if let Ok(dict) = object
            .as_dict()
            .or_else(|_| object.as_stream().map(|s| &s.dict))
        {
            let subtype = dict.get(b"Subtype").and_then(|s| s.as_name()).ok();
            assert_ne!(
                subtype,
                Some(&b"Image"[..]),
                "the chart is drawn, not pasted"
            );
            if dict.has(b"FontFile2") {
                font_files += 1;
            }
        }
    }
    assert_eq!(
        font_files, 2,
        "DejaVu Sans and DejaVu Sans Bold are embedded"
    );
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/DejaVuSans-Bold"));
    assert!(raw.contains("/DejaVuSans"));
    assert!(
        raw.contains("/ToUnicode"),
        "text can be selected and copied"
    );
}

#[test]
fn characters_the_font_lacks_do_not_swallow_the_rest_of_the_line() {
    use myolog::patterns::Settings;
    use myolog::report::{Patient, Report};
    let mut e = twitch(day("2026-11-20"), &["calf:left"]);
    e.note = Some("before 漢字 after é ß".into());
    let d = build::Diary::new().episode(e);
    let r = Report::from_slice(
        d.slice,
        Some(day("2026-11-01")),
        day("2026-11-25"),
        day("2026-11-25"),
        Patient::default(),
        &Settings::default(),
        &[],
    );
    let text = page_texts(&report::pdf(&r)).join("\n");
    assert!(text.contains("before"), "{text}");
    assert!(text.contains("after é ß"), "{text}");
}
