//! The PDF: a valid file that poppler (the reader behind many viewers) reads back, whose text
//! holds the summary, on A4 pages with the summary on page 1 and the detail after it, in the
//! embedded DejaVu fonts.

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

#[test]
#[ignore = "needs pdftotext (poppler-utils)"]
fn the_pdf_parses_back_and_its_text_holds_the_summary() {
    let bytes = scenario_pdf();
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = pdf_pages(&bytes);
    assert!(pages.len() >= 2, "summary and detail on their own pages");
    let first = &pages[0];
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
    let rest = pages[1..].join(" ");
    assert!(rest.starts_with("The whole period"), "{rest}");
    let detail = &rest[rest.find("Detail Episodes").expect("the detail")..];
    assert!(detail.contains("pain 8/10"));
}

#[test]
#[ignore = "needs pdfinfo, pdffonts and pdfimages (poppler-utils)"]
fn the_pdf_is_a4_with_the_font_embedded_and_no_images() {
    let bytes = scenario_pdf();
    let info = poppler("pdfinfo", &["-f", "1", "-l", "9999"], &bytes);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo counts the pages");
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size: "))
        .collect();
    assert!(pages >= 2, "{info}");
    assert_eq!(sizes.len(), pages, "{info}");
    for size in sizes {
        assert!(size.ends_with("595.28 x 841.89 pts (A4)"), "{size}");
    }
    // name, type, encoding, embedded, subset, ToUnicode: each face once, embedded, glyphs
    // shown by id (Identity-H) and mapped back to characters, so text can be copied.
    let fonts = poppler("pdffonts", &[], &bytes);
    let rows: Vec<Vec<&str>> = fonts
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    let mut names: Vec<&str> = rows
        .iter()
        .map(|r| r[0].split_once('+').map_or(r[0], |(_, name)| name))
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["DejaVuSans", "DejaVuSans-Bold"], "{fonts}");
    for row in &rows {
        assert_eq!(
            row[1..7],
            ["CID", "TrueType", "Identity-H", "yes", "yes", "yes"],
            "{fonts}"
        );
    }
    let images = poppler("pdfimages", &["-list"], &bytes);
    assert_eq!(
        images.lines().count(),
        2,
        "the chart is drawn, not pasted: {images}"
    );
}

#[test]
#[ignore = "needs pdftotext (poppler-utils)"]
fn characters_the_font_lacks_do_not_swallow_the_rest_of_the_line() {
    let mut e = twitch(day("2026-11-20"), &["calf:left"]);
    e.note = Some("before 漢字 after é ß".into());
    let r = november(build::Diary::new().episode(e));
    let text = pdf_pages(&report::pdf(&r)).join("\n");
    assert!(text.contains("before"), "{text}");
    assert!(text.contains("after é ß"), "{text}");
}

/// Hebrew and Arabic are drawn right to left, as they read: a reader taking the text in its
/// reading order (poppler here, as a viewer's copy and search do) gives them back in the order
/// they were typed, between the Latin words around them. Drawn in typing order, left to right,
/// each word came back reversed.
#[test]
#[ignore = "needs pdftotext (poppler-utils)"]
fn right_to_left_words_are_drawn_as_they_read_and_copied_as_typed() {
    let mut e = twitch(day("2026-11-20"), &["calf:left"]);
    e.note = Some("alpha שלום עולם omega".into());
    let mut f = twitch(day("2026-11-21"), &["calf:left"]);
    f.note = Some("تشنج عضلي".into());
    let bytes = report::pdf(&november(build::Diary::new().episode(e).episode(f)));
    // Without the embedding marks the reader puts around a right-to-left run.
    let text: String = poppler("pdftotext", &["-enc", "UTF-8"], &bytes)
        .chars()
        .filter(|c| !('\u{202a}'..='\u{202e}').contains(c))
        .collect();
    let text = squash(&text);
    let at = |word: &str| {
        text.find(word)
            .unwrap_or_else(|| panic!("{word} in {text}"))
    };
    assert!(
        at("alpha") < at("שלום עולם") && at("שלום עולם") < at("omega"),
        "{text}"
    );
    assert!(text.contains("تشنج عضلي"), "{text}");
}

#[test]
#[ignore = "needs pdftotext (poppler-utils)"]
fn a_note_longer_than_a_page_goes_on_over_the_next_pages_above_the_footer() {
    // 2000 numbered words: far more than one page of the Note column holds.
    let note: Vec<String> = (1..=2000).map(|i| format!("w{i:04}")).collect();
    let mut e = twitch(day("2026-11-20"), &["calf:left"]);
    e.note = Some(note.join(" "));
    let bytes = report::pdf(&november(build::Diary::new().episode(e)));
    // Only what lies above the footer: 788 pt down from the top of an 842 pt page.
    let shown = poppler(
        "pdftotext",
        &[
            "-raw", "-enc", "UTF-8", "-x", "0", "-y", "0", "-W", "596", "-H", "788",
        ],
        &bytes,
    );
    let words: Vec<&str> = shown
        .split_whitespace()
        .filter(|w| {
            w.strip_prefix('w')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    let missing = note.iter().find(|w| !words.contains(&w.as_str()));
    assert_eq!(
        missing,
        None,
        "{} of the note's {} words are on the pages, above the footers",
        words.len(),
        note.len()
    );
    assert!(words == note, "the note's words in order");
}

#[test]
#[ignore = "needs pdftotext (poppler-utils)"]
fn a_row_that_goes_on_over_a_page_names_its_date_and_time_again() {
    let note: Vec<String> = (1..=2000).map(|i| format!("w{i:04}")).collect();
    let mut e = twitch(day("2026-11-20"), &["calf:left"]);
    e.note = Some(note.join(" "));
    let pages = pdf_pages(&report::pdf(&november(build::Diary::new().episode(e))));
    let with_note: Vec<&String> = pages
        .iter()
        .filter(|p| p.split_whitespace().any(|w| note.iter().any(|n| n == w)))
        .collect();
    assert!(with_note.len() >= 2, "the note is longer than a page");
    for page in with_note {
        assert!(
            page.contains("2026-11-20 10:00"),
            "a page of the note that does not say whose it is: {page}"
        );
    }
}

#[test]
#[ignore = "needs pdftotext (poppler-utils)"]
fn long_notes_do_not_squeeze_the_other_columns_into_broken_words() {
    use myolog::domain::ReliefUse;
    let long = "Woke up with it again, lasted through breakfast; stretching against the wall \
                helped a little but it came back when I walked the dog and again at night. "
        .repeat(3);
    let mut d = build::Diary::new();
    for i in 0..8u64 {
        let mut e = twitch(plus("2026-11-10", i), &["hamstring:right"]);
        e.reliefs = vec![ReliefUse::parse("stretch:helped").unwrap()];
        e.note = (i % 4 == 0).then(|| long.clone());
        d = d.episode(e);
    }
    let pages = pdf_pages(&report::pdf(&november(d)));
    let detail = pages.join(" ");
    let detail = &detail[detail.find("Detail Episodes").expect("the detail")..];
    let words: Vec<&str> = detail.split_whitespace().collect();
    let count = |w: &str| words.iter().filter(|&&x| x == w).count();
    assert_eq!(count("hamstring"), 8, "{detail}");
    assert_eq!(count("(helped)"), 8, "{detail}");
}

#[test]
fn two_different_reports_made_the_same_day_have_different_file_ids() {
    let id = |bytes: &[u8]| {
        let at = bytes
            .windows(4)
            .rposition(|w| w == b"/ID ")
            .expect("the trailer names the file");
        let end = at + bytes[at..].iter().position(|&b| b == b']').unwrap();
        String::from_utf8_lossy(&bytes[at..end]).into_owned()
    };
    let a = november(build::Diary::new().twitch(day("2026-11-20"), &["calf:left"]));
    let b = november(build::Diary::new().twitch(day("2026-11-21"), &["eyelid:right"]));
    let (pa, pb) = (report::pdf(&a), report::pdf(&b));
    assert_eq!(
        id(&pa),
        id(&report::pdf(&a)),
        "the same report, the same id"
    );
    assert_ne!(
        id(&pa),
        id(&pb),
        "a reader that remembers a file by its id (pdf.js keeps the page and zoom) \
         must not take one report for another"
    );
}
