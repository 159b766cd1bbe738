//! The user's own words (notes, medication names and doses) come through Markdown and HTML as
//! text: a note with `<script>`, quotes, a newline, a pipe or a comma cannot add markup, break
//! a table row or run anything.

use crate::support::report as common_report;

use common_report::*;
use myolog::domain::{CheckIn, Medication};
use myolog::report;

const HOSTILE: &str = "<script>alert(\"hi\")</script> it's | a pipe, a comma\nsecond line & [link](javascript:x) *bold* <img src=x onerror=y>";

fn hostile_report() -> myolog::report::Report {
    let mut d = build::Diary::new();
    let mut e = twitch(day("2026-11-20"), &["calf:left"]);
    e.note = Some(HOSTILE.into());
    e.triggers = vec!["my-own-trigger".into()];
    d = d.episode(e).checkin(CheckIn {
        note: Some(HOSTILE.into()),
        ..checkin(day("2026-11-20"))
    });
    d.slice.medications.push(Medication {
        id: uuid::Uuid::new_v4(),
        name: "<b>\"Pills\" | x</b>".into(),
        class: "other".into(),
        dose: Some("1 | 2 <i>".into()),
        start: day("2026-11-01"),
        stop: None,
        created: now(),
        updated: now(),
    });
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &d.slice);
    report(&diary, Some(day("2026-11-01")), day("2026-11-25"))
}

#[test]
fn html_shows_hostile_text_as_text() {
    let html = report::html(&hostile_report());
    for raw in ["<script", "<img", "<b>", "<i>", "onerror=y>"] {
        assert!(!html.contains(raw), "raw {raw:?} in the HTML");
    }
    assert!(html.contains(
        "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; it&#39;s | a pipe, a comma<br>second line &amp; [link](javascript:x) *bold* &lt;img src=x onerror=y&gt;"
    ));
    assert!(html.contains("&lt;b&gt;&quot;Pills&quot; | x&lt;/b&gt;"));
    assert!(html.contains("my-own-trigger"));
}

/// The `|` that end Markdown table cells: those not escaped with a backslash.
fn cell_bars(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => n += 1,
            _ => escaped = false,
        }
    }
    n
}

#[test]
fn markdown_shows_hostile_text_as_text() {
    let md = report::markdown(&hostile_report());
    // Only an escaped `\<` may stand before user text's tag names.
    let unescaped = md.replace("\\<", "");
    for raw in ["<script", "<img", "<b>", "<i>"] {
        assert!(!unescaped.contains(raw), "raw {raw:?} in the Markdown");
    }
    assert!(md.contains(
        "\\<script\\>alert(\"hi\")\\</script\\> it's \\| a pipe, a comma<br>second line \\& \\[link\\](javascript:x) \\*bold\\* \\<img src=x onerror=y\\>"
    ));
    // Every table row keeps its number of cells: the note's pipe and newline stay inside.
    let episode_row = md
        .lines()
        .find(|l| l.starts_with("| 2026-11-20 | 10:00 | twitch"))
        .expect("the episode row");
    assert_eq!(cell_bars(episode_row), 11, "{episode_row}");
    let checkin_row = md
        .lines()
        .find(|l| l.starts_with("| 2026-11-20 |") && !l.contains("twitch"))
        .expect("the check-in row");
    assert_eq!(cell_bars(checkin_row), 11, "{checkin_row}");
    let med_rows: Vec<&str> = md.lines().filter(|l| l.contains("Pills")).collect();
    assert_eq!(med_rows.len(), 2, "summary and detail");
    assert_eq!(cell_bars(med_rows[0]), 8, "{}", med_rows[0]);
    assert_eq!(cell_bars(med_rows[1]), 6, "{}", med_rows[1]);
}

#[test]
#[ignore = "needs pdftotext (poppler-utils)"]
fn the_pdf_carries_the_note_as_plain_text() {
    let bytes = report::pdf(&hostile_report());
    let text = pdf_pages(&bytes).join(" ");
    assert!(text.contains("<script>alert(\"hi\")</script>"), "{text}");
}

mod any_note {
    use super::*;
    use myolog::report::Report;
    use proptest::prelude::*;

    fn with_note(note: &str) -> Report {
        let mut e = twitch(day("2026-11-20"), &["calf:left"]);
        e.note = Some(note.to_string());
        november(build::Diary::new().episode(e))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the note, the Markdown row keeps its cells and the HTML cell holds no tag
        /// but the line breaks it is given.
        #[test]
        fn any_note_stays_inside_its_cell(note in "[ -~\n\r\t<>|&\"'\\\\`*_\\[\\]#!~é—]{0,60}") {
            let r = with_note(&note);
            let md = report::markdown(&r);
            let row = md
                .lines()
                .find(|l| l.starts_with("| 2026-11-20 | 10:00 | twitch"))
                .expect("the episode row");
            prop_assert_eq!(cell_bars(row), 11, "{}", row);
            let html = report::html(&r);
            let start = html.find("<td class=\"date\">2026-11-20</td>").expect("the html row");
            let row_end = start + html[start..].find("</tr>").expect("row end");
            let cells = &html[start..row_end];
            let note_cell = cells
                .rsplit("<td class=\"wide\">")
                .next()
                .unwrap()
                .trim_end_matches("</td>");
            // Line breaks, and a date kept on one line, are the only markup.
            let bare = note_cell
                .replace("<br>", "")
                .replace("<span class=\"date\">", "")
                .replace("</span>", "");
            prop_assert!(!bare.contains('<'), "{}", note_cell);
            prop_assert!(!bare.contains('>'), "{}", note_cell);
        }
    }
}

/// A right-to-left override in a note (U+202E, as a hostile import file might carry) would make
/// a browser or a viewer show the rest of the line backwards: "pain 2" could read as another
/// number. No report keeps one, nor any other bidirectional embedding or isolate.
#[test]
fn a_bidi_override_in_a_note_reaches_no_report() {
    let mut e = twitch(day("2026-11-20"), &["calf:left"]);
    e.note = Some("pain 2 \u{202e}01 after\u{202c} \u{2067}isolated\u{2069} end".into());
    let d = build::Diary::new().episode(e);
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &d.slice);
    let r = report(&diary, Some(day("2026-11-01")), day("2026-11-25"));
    let md = report::markdown(&r);
    let html = report::html(&r);
    for (name, text) in [("markdown", &md), ("html", &html)] {
        let hidden: Vec<char> = text
            .chars()
            .filter(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
            .collect();
        assert!(hidden.is_empty(), "{name} keeps {hidden:?}");
        assert!(text.contains("pain 2 01 after isolated end"), "{name}");
    }
}
