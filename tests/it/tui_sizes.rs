//! Small and large terminals (issue 12): at 40x15, 60x20 and 80x24 nothing that matters is cut
//! (today's episodes, History's position and rows, Export's confirmation, a form's focused
//! field, the footer's help and quit); below the smallest size the app says so; help scrolls
//! and closes on Esc, q or ?; Ctrl-D/Ctrl-U page; the Patterns labels take clicks.

use crate::support::tui as tui_common;

use std::path::{Path, PathBuf};

use myolog::domain::{Episode, Kind, SiteRef};
use myolog::tui::{App, Period, Section, Tab};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton};
use ratatui::crossterm::event::{MouseEvent, MouseEventKind};
use tui_common::*;

const SIZES: [(u16, u16); 3] = [(40, 15), (60, 20), (80, 24)];

fn small(keys_pressed: &str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(small_diary(dir.path())).with_export_dir(dir.path());
    keys(&mut a, keys_pressed);
    (dir, a)
}

fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

/// The screen's text without the quotes of each row, the rows joined by newlines.
fn rows(app: &App, w: u16, h: u16) -> Vec<String> {
    screen(app, w, h)
        .lines()
        .map(|l| l.trim_matches('"').to_string())
        .collect()
}

/// The screen's words in order, one space between each: text wrapped over rows reads whole.
fn words(app: &App, w: u16, h: u16) -> String {
    rows(app, w, h)
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn ctrl(app: &mut App, c: char) {
    app.handle(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn click(app: &mut App, column: u16, row: u16) {
    app.handle(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

#[test]
fn today_lists_todays_episodes_at_every_size() {
    let (_d, a) = small("");
    for (w, h) in SIZES {
        let s = screen(&a, w, h);
        assert!(s.contains("09:55 twitch thumb:right"), "{w}x{h}:\n{s}");
        assert!(s.contains("08:40 twitch eyelid:left"), "{w}x{h}:\n{s}");
        assert!(!s.contains("more, all in History"), "{w}x{h}:\n{s}");
        // The banner is wrapped, never cut: its last words show.
        assert!(words(&a, w, h).contains("press 4"), "{s}");
    }
    snap("today", &a);
}

#[test]
fn history_keeps_its_position_and_every_row_at_every_size() {
    let (_d, a) = small("2 j");
    for (w, h) in SIZES {
        let s = screen(&a, w, h);
        assert!(s.contains("2 of 7"), "{w}x{h}:\n{s}");
        for (date, time) in [("2026-11-25", "08:40"), ("2026-11-15", "11:00")] {
            assert!(s.contains(&format!("{date} {time}")), "{w}x{h}:\n{s}");
        }
        // A column is whole or absent: no level cut to "p" or "pain 7".
        assert!(
            !s.contains("pain 7 ") && !s.contains(" 1 o"),
            "{w}x{h}:\n{s}"
        );
    }
    snap("history", &a);
}

/// An empty output folder named the same on every machine, for the pictures.
fn fixed_out(name: &str) -> PathBuf {
    let out = Path::new("target/tui-sizes").join(name);
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    out
}

#[test]
fn export_shows_what_it_wrote_at_every_size() {
    for (w, h) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let out = fixed_out(&format!("md-{w}x{h}"));
        let mut a = app(small_diary(dir.path())).with_export_dir(&out);
        keys(&mut a, "5 enter");
        let shown = rows(&a, w, h);
        // The whole path, even when it wraps (within it, or at the space before it).
        let text: String = shown.concat().split_whitespace().collect();
        let path = out.join("myolog-report-2026-11-25.md");
        assert!(
            text.contains(&format!("Wrote{}", path.display())),
            "{w}x{h}:\n{}",
            shown.join("\n")
        );
        // The keys and every format stay; nothing runs into the margin.
        for line in ["write", "Markdown (.md)", "FHIR (.json)"] {
            assert!(words(&a, w, h).contains(line), "{line} at {w}x{h}");
        }
        assert!(
            shown.iter().all(|r| !r.starts_with("report:")),
            "{}",
            shown.join("\n")
        );
        insta::assert_snapshot!(format!("export_written_{w}x{h}"), screen(&a, w, h));
    }
}

#[test]
fn a_form_keeps_its_focused_field_and_its_keys_at_every_size() {
    let (_d, mut a) = small("c");
    type_text(&mut a, "calf:l");
    keys(&mut a, "enter tab");
    type_text(&mut a, "11");
    press(&mut a, "ctrl-s");
    for (w, h) in SIZES {
        let s = screen(&a, w, h);
        assert!(s.contains("> Pain 0-10"), "{w}x{h}:\n{s}");
        assert!(s.contains("! 11 is out of"), "{w}x{h}:\n{s}");
        let footer = rows(&a, w, h).pop().unwrap();
        for what in ["save", "cancel", "help", "quit"] {
            assert!(footer.contains(what), "{what} at {w}x{h}: {footer}");
        }
    }
    snap("cramp_form", &a);
}

#[test]
fn the_footer_keeps_help_and_quit_on_every_screen_at_every_size() {
    for open in ["1", "2", "3", "4", "5", "4 enter", "t"] {
        let (_d, a) = small(open);
        for (w, h) in SIZES {
            let footer = rows(&a, w, h).pop().unwrap();
            assert!(
                footer.contains(" help") && footer.contains(" quit"),
                "{open} at {w}x{h}: {footer}"
            );
        }
    }
    // With a status line above it too.
    let (_d, a) = small("s left ctrl-s");
    assert!(a.status().is_some());
    for (w, h) in SIZES {
        let footer = rows(&a, w, h).pop().unwrap();
        assert!(footer.contains("? help  q quit"), "{w}x{h}: {footer}");
    }
}

#[test]
fn below_the_smallest_size_the_app_says_so_and_still_quits() {
    let (_d, mut a) = small("2");
    let s = screen(&a, 30, 10);
    assert!(
        words(&a, 30, 10).contains("myolog needs at least 40x12; this terminal is 30x10"),
        "{s}"
    );
    assert!(!s.contains("History"), "no broken screen under it:\n{s}");
    let s = screen(&a, 40, 12);
    assert!(s.contains("History (7)"), "{s}");
    screen(&a, 39, 30);
    press(&mut a, "q");
    assert!(a.should_quit());
}

#[test]
fn help_scrolls_and_closes_only_on_esc_q_or_help() {
    let (_d, mut a) = small("?");
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("Help: Down/Up scroll, Esc, q or ? closes"),
        "{s}"
    );
    // The footer says what the keys do while help is open, not "q quit" (a user pressed q and
    // expected myolog to end).
    assert!(s.contains("Esc/q/? close help"), "{s}");
    assert!(!s.contains("q quit"), "{s}");
    assert!(s.contains("lines 1-19 of 25"), "{s}");
    keys(&mut a, "j down");
    assert!(screen(&a, 80, 24).contains("lines 3-21 of 25"));
    keys(&mut a, "G");
    assert!(screen(&a, 80, 24).contains("lines 7-25 of 25"));
    keys(&mut a, "k pageup");
    assert!(screen(&a, 80, 24).contains("lines 1-19 of 25"));
    ctrl(&mut a, 'd');
    assert!(screen(&a, 80, 24).contains("lines 7-25 of 25"));
    // Keys that are not help's own do nothing, and stay in help.
    for k in ["t", "x", "2", "enter", "tab"] {
        press(&mut a, k);
        assert!(a.help_open(), "{k} left help open");
    }
    assert_eq!(a.tab(), Tab::Today);
    assert_eq!(a.form_open(), None);
    for close in ["esc", "q", "?"] {
        assert!(a.help_open());
        press(&mut a, close);
        assert!(!a.help_open(), "{close} closes help");
        assert!(!a.should_quit(), "q in help closes help, not myolog");
        press(&mut a, "?");
    }
    let (_d, mut a) = small("?");
    snap("help", &a);
    keys(&mut a, "pagedown");
    snap("help_scrolled", &a);
}

#[test]
fn the_mouse_wheel_scrolls_help() {
    let (_d, mut a) = small("?");
    screen(&a, 80, 24);
    a.handle(Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    }));
    assert!(screen(&a, 80, 24).contains("lines 4-22 of 25"));
}

#[test]
fn ctrl_d_and_ctrl_u_page_through_lists_and_ctrl_u_clears_a_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut diary = empty_diary(dir.path());
    let start = clock().now_fixed();
    let episodes: Vec<Episode> = (0..60)
        .map(|i| {
            Episode::new(
                Kind::Twitch,
                start - chrono::TimeDelta::hours(i + 1),
                vec![SiteRef::parse("calf").unwrap()],
                now(),
            )
        })
        .collect();
    diary.add_episodes_bulk(&episodes).unwrap();
    let mut a = app(diary);
    press(&mut a, "2");
    screen(&a, 80, 24);
    ctrl(&mut a, 'd');
    assert!(screen(&a, 80, 24).contains("21 of 60"));
    ctrl(&mut a, 'd');
    ctrl(&mut a, 'u');
    assert!(screen(&a, 80, 24).contains("21 of 60"));
    // In the filter line, Ctrl-U clears what was typed instead.
    press(&mut a, "/");
    type_text(&mut a, "cramp");
    ctrl(&mut a, 'u');
    type_text(&mut a, "twitch");
    press(&mut a, "enter");
    assert!(screen(&a, 80, 24).contains("History (60)"));
}

#[test]
fn the_patterns_period_and_section_labels_take_clicks() {
    let (_d, mut a) = small("4");
    let s = rows(&a, 80, 24);
    // Row 1: "Period (p)  30 days [90 days] 365 days ..."; row 2: the sections.
    let x = |row: &str, label: &str| row.find(label).unwrap() as u16 + 1;
    click(&mut a, x(&s[1], "365 days"), 1);
    assert_eq!(a.patterns().period(), Period::Last365);
    click(&mut a, x(&s[2], "Calendar"), 2);
    assert_eq!(a.patterns().section(), Section::Calendar);
    let s = rows(&a, 80, 24);
    assert!(s[1].contains("[365 days]") && s[2].contains("[Calendar]"));
    // A click between labels changes nothing.
    click(&mut a, 79, 2);
    assert_eq!(a.patterns().section(), Section::Calendar);
}

#[test]
fn the_tab_bar_shortens_and_its_clicks_follow() {
    let (_d, mut a) = small("");
    let s = rows(&a, 40, 15);
    assert!(s[0].starts_with("[1 Today] 2  3  4  5"), "{}", s[0]);
    // "5" at 40 columns.
    let x = s[0].find(" 5 ").unwrap() as u16 + 1;
    click(&mut a, x, 0);
    assert_eq!(a.tab(), Tab::Export);
}

#[test]
fn at_the_smallest_size_export_still_shows_its_keys_and_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let out = fixed_out("md-40x12");
    let mut a = app(small_diary(dir.path())).with_export_dir(&out);
    keys(&mut a, "5 down enter");
    let text = words(&a, 40, 12);
    let path = out.join("myolog-report-2026-11-25.html");
    let whole: String = text.split_whitespace().collect();
    assert!(
        whole.contains(&format!("Wrote{}", path.display())),
        "{}",
        screen(&a, 40, 12)
    );
    for what in [
        "> HTML (.html)",
        "6 formats",
        "write",
        "period",
        "help",
        "quit",
    ] {
        assert!(text.contains(what), "{what}:\n{}", screen(&a, 40, 12));
    }
}
