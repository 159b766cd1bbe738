//! Every screen of the terminal UI at 80x24 and 120x40, on a fixed clock and a fixed small
//! diary, snapshotted with insta. Review changes with `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test --test tui_snapshots` and read the `.snap` diffs).

use crate::support::tui as tui_common;

use myolog::tui::App;
use tui_common::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

/// A small diary's app after `keys`.
fn small(keys_pressed: &str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(small_diary(dir.path()));
    keys(&mut a, keys_pressed);
    (dir, a)
}

#[test]
fn welcome_on_an_empty_diary() {
    let dir = tempfile::tempdir().unwrap();
    let a = app(empty_diary(dir.path()));
    snap("welcome", &a);
}

#[test]
fn today() {
    let (_d, a) = small("");
    snap("today", &a);
}

#[test]
fn log_a_twitch() {
    let (_d, mut a) = small("t");
    type_text(&mut a, "ca");
    snap("log_twitch", &a);
}

#[test]
fn log_a_cramp_with_an_error() {
    let (_d, mut a) = small("c");
    type_text(&mut a, "calf:l");
    keys(&mut a, "enter tab");
    type_text(&mut a, "11");
    keys(&mut a, "ctrl-s");
    snap("log_cramp_error", &a);
}

#[test]
fn daily_checkin() {
    let (_d, mut a) = small("d tab");
    type_text(&mut a, "+tea");
    snap("checkin", &a);
}

#[test]
fn daily_checkin_with_its_day_being_changed() {
    // Today's check-in is saved; the Day typed in names a day without one.
    let (_d, mut a) = small("d shift-tab");
    type_text(&mut a, "2026-11-23");
    snap("checkin_day_typed", &a);
}

#[test]
fn history() {
    let (_d, a) = small("2 j");
    snap("history", &a);
}

#[test]
fn history_filter() {
    let (_d, mut a) = small("2 /");
    type_text(&mut a, "cramp");
    snap("history_filter", &a);
}

#[test]
fn meds_and_checks() {
    let (_d, a) = small("3");
    snap("meds", &a);
}

#[test]
fn add_a_medication() {
    let (_d, mut a) = small("3 a");
    type_text(&mut a, "bendroflumethiazide");
    keys(&mut a, "tab right");
    snap("med_form", &a);
}

#[test]
fn self_check() {
    let (_d, a) = small("s right down down down down enter");
    snap("self_check", &a);
}

#[test]
fn help() {
    let (_d, a) = small("?");
    snap("help", &a);
}

#[test]
fn patterns_and_export_places() {
    let (_d, a) = small("4");
    snap("patterns", &a);
    let (_d, a) = small("5");
    snap("export", &a);
}

#[test]
fn quit_asks_when_a_form_has_changes() {
    let (_d, mut a) = small("t");
    type_text(&mut a, "calf");
    keys(&mut a, "enter tab tab q");
    assert!(!a.should_quit());
    snap("confirm_quit", &a);
}

#[test]
fn log_a_cramp_picking_on_the_body_map() {
    // Right walks the catalogue from its first site; the 23rd is the calf.
    let (_d, a) = small(&format!("c{}", " right".repeat(23)));
    snap("log_cramp_map", &a);
}

#[test]
fn a_red_flag_self_check_says_so_in_words() {
    let (_d, a) = small("s left ctrl-s");
    snap("self_check_saved", &a);
}

#[test]
fn patterns_with_an_urgent_flag_and_its_evidence() {
    // A failed heel walk today: an urgent flag above the notice the small diary raises.
    let (_d, a) = small("s left ctrl-s 4");
    snap("patterns_flags", &a);
    let (_d, a) = small("s left ctrl-s 4 enter");
    snap("patterns_evidence", &a);
}

#[test]
fn patterns_with_no_flag() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(empty_diary(dir.path()));
    keys(&mut a, "4");
    snap("patterns_none", &a);
}

#[test]
fn patterns_sections() {
    for (i, name) in ["triggers", "calendar", "weeks", "hours", "body_map"]
        .iter()
        .enumerate()
    {
        let (_d, a) = small(&format!("4 p p{}", " l".repeat(i + 1)));
        snap(&format!("patterns_{name}"), &a);
    }
}

#[test]
fn patterns_triggers_on_a_demo_diary() {
    // Enough check-ins for intervals: the bars around 1 show.
    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    myolog::demo::generate(200, 3, &clock())
        .write(&mut d, now())
        .unwrap();
    let mut a = app(d);
    keys(&mut a, "4 p l");
    snap("patterns_triggers_demo", &a);
}

/// History's rows of two episodes whose cells are long: sites on both sides, three triggers
/// and a note longer than its column.
fn history_of_long_cells() -> (tempfile::TempDir, App) {
    use chrono::DateTime;
    use myolog::domain::{Episode, Kind, SiteRef};
    let dir = tempfile::tempdir().unwrap();
    let mut d = small_diary(dir.path());
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    let sites = |specs: &[&str]| -> Vec<SiteRef> {
        specs.iter().map(|s| SiteRef::parse(s).unwrap()).collect()
    };
    let mut twitch = Episode::new(
        Kind::Twitch,
        at("2026-11-25T10:05:00+01:00"),
        sites(&["eyelid:left", "eyelid:right"]),
        now(),
    );
    twitch.intensity = Some(5);
    twitch.duration_s = Some(120);
    twitch.triggers = ["caffeine", "poor-sleep", "bright-lights"]
        .map(String::from)
        .into();
    twitch.note = Some("after a long day, \"worse\" at night than in the morning".into());
    d.add_episode(&twitch).unwrap();
    let mut cramp = Episode::new(
        Kind::Cramp,
        at("2026-11-25T10:00:00+01:00"),
        sites(&["thigh:left", "thigh:right"]),
        now(),
    );
    cramp.pain = Some(10);
    cramp.duration_s = Some(150);
    d.add_episode(&cramp).unwrap();
    let mut a = app(d);
    keys(&mut a, "2");
    (dir, a)
}

/// Every cell of History's table is whole or ends in `~`: at 80 columns the triggers were cut
/// to "caffeine,poor" with nothing to say so, at 120 the note too, and the sites were cut to
/// 20 columns at every width while the line had room.
#[test]
fn history_marks_every_cut_and_gives_the_sites_the_room_there_is() {
    let (_d, a) = history_of_long_cells();
    for (w, h) in SIZES {
        let s = screen(&a, w, h);
        let row = |starts: &str| -> String {
            s.lines()
                .find(|l| l.contains(starts))
                .unwrap_or_else(|| panic!("no row {starts} at {w}x{h}:\n{s}"))
                .trim_matches('"')
                .trim_end()
                .to_string()
        };
        let twitch = row("2026-11-25 10:05");
        let cramp = row("2026-11-25 10:00");
        assert!(
            twitch.contains(" eyelid:left,eyelid:right "),
            "{w}x{h}:\n{s}"
        );
        assert!(cramp.contains(" thigh:left,thigh:right "), "{w}x{h}:\n{s}");
        // A level whole, and the duration still under its heading.
        assert!(cramp.contains(" pain 10/10 "), "{w}x{h}:\n{s}");
        assert_eq!(
            cramp.find("2m30s"),
            row("LASTED").find("LASTED"),
            "{w}x{h}:\n{s}"
        );
        // The row ends in its last cell whole, or in the mark of a cut.
        assert!(
            twitch.ends_with("in the morning") || twitch.ends_with('~'),
            "{w}x{h}:\n{s}"
        );
        // The triggers whole or marked, wherever they are cut.
        let triggers = "caffeine,poor-sleep,bright-lights";
        let at = twitch.find("caffeine").unwrap();
        let shown = twitch[at..].split(' ').next().unwrap();
        assert!(
            shown == triggers
                || (shown.ends_with('~') && triggers.starts_with(&shown[..shown.len() - 1])),
            "{shown:?} at {w}x{h}:\n{s}"
        );
    }
    snap("history_long_cells", &a);
}
