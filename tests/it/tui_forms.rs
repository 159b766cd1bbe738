//! The forms as a person types into them (issue 12 and the form items of issue 9): defaults
//! typed over, the focus on the first bad field, errors that go once fixed, Tab completing a
//! site, Esc asking before anything typed is dropped, and a check-in's Day changed. Each test
//! checks what lands in the diary, or that nothing does.

use crate::support::tui as tui_common;

use chrono::{NaiveDate, TimeDelta};
use myolog::domain::{CheckIn, Episode, Kind, SiteRef};
use myolog::store::EpisodeFilter;
use myolog::tui::{App, FormQuestion};
use tui_common::*;

fn small() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let a = app(small_diary(dir.path()));
    (dir, a)
}

fn newest(app: &App) -> Episode {
    app.diary().episodes(&EpisodeFilter::default()).unwrap()[0].clone()
}

fn count(app: &App) -> usize {
    app.diary()
        .episodes(&EpisodeFilter::default())
        .unwrap()
        .len()
}

fn today() -> NaiveDate {
    clock().today()
}

fn yesterday() -> NaiveDate {
    today().pred_opt().unwrap()
}

/// The row the focus marker `>` is on, in a form drawn at 80x24.
fn focused_row(app: &App) -> String {
    screen(app, 80, 24)
        .lines()
        .find(|l| l.starts_with("\"│> "))
        .unwrap_or_else(|| panic!("no focused row:\n{}", screen(app, 80, 24)))
        .to_string()
}

#[test]
fn the_first_key_replaces_the_when_placeholder() {
    let (_d, mut a) = small();
    press(&mut a, "c");
    type_text(&mut a, "calf:l");
    keys(&mut a, "enter shift-tab");
    assert!(
        focused_row(&a).contains("When           now"),
        "the default shows"
    );
    type_text(&mut a, "-20m");
    assert!(
        focused_row(&a).contains("When           -20m "),
        "{}",
        focused_row(&a)
    );
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let start = clock().now_fixed() - TimeDelta::minutes(20);
    let cramps: Vec<Episode> = (a.diary().episodes(&EpisodeFilter::default()).unwrap())
        .into_iter()
        .filter(|e| e.kind == Kind::Cramp && e.start == start)
        .collect();
    assert_eq!(cramps.len(), 1, "a cramp 20 minutes ago, not 'now-20m'");
}

#[test]
fn a_when_left_alone_saves_as_now_and_cleared_shows_the_default_again() {
    let (_d, mut a) = small();
    press(&mut a, "t");
    type_text(&mut a, "calf");
    keys(&mut a, "enter shift-tab");
    type_text(&mut a, "08:00");
    // Ctrl-U clears what was typed: the default is back, and saves as now.
    press(&mut a, "ctrl-u");
    assert!(focused_row(&a).contains("When           now"));
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    assert_eq!(newest(&a).start, clock().now_fixed());
}

#[test]
fn the_first_key_replaces_the_started_placeholder() {
    let (_d, mut a) = small();
    keys(&mut a, "3 a");
    type_text(&mut a, "furosemide");
    keys(&mut a, "tab tab tab");
    assert!(focused_row(&a).contains("Started        today"));
    type_text(&mut a, "2026-10-01");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let meds = a.diary().medications().unwrap();
    let f = meds.iter().find(|m| m.name == "furosemide").unwrap();
    assert_eq!(f.start, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
}

#[test]
fn a_failed_save_puts_the_focus_on_the_first_bad_field() {
    let (_d, mut a) = small();
    press(&mut a, "t");
    type_text(&mut a, "calf");
    keys(&mut a, "enter tab");
    type_text(&mut a, "9");
    // Visible, then How long.
    keys(&mut a, "tab tab");
    type_text(&mut a, "zz");
    // The focus is on the note, far below, when saving.
    keys(&mut a, "tab tab tab ctrl-s");
    assert_eq!(a.form_errors().len(), 2, "{:?}", a.form_errors());
    assert!(focused_row(&a).contains("Intensity"), "{}", focused_row(&a));
    // What is typed now goes into that field: the first error is fixed where it is.
    press(&mut a, "ctrl-u");
    type_text(&mut a, "3");
    press(&mut a, "ctrl-s");
    assert!(focused_row(&a).contains("How long"), "{}", focused_row(&a));
    press(&mut a, "ctrl-u");
    type_text(&mut a, "2m");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let e = newest(&a);
    assert_eq!((e.intensity, e.duration_s), (Some(3), Some(120)));
}

#[test]
fn an_error_goes_once_its_field_is_edited_and_the_others_stay() {
    let (_d, mut a) = small();
    press(&mut a, "c");
    type_text(&mut a, "calf");
    keys(&mut a, "enter tab");
    type_text(&mut a, "11");
    keys(&mut a, "tab tab tab");
    type_text(&mut a, "soon");
    press(&mut a, "ctrl-s");
    let errors = a.form_errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(screen(&a, 80, 24).contains("! 11 is out of range"));
    // The focus went to Pain; one Backspace edits it, and its error goes.
    press(&mut a, "backspace");
    let errors = a.form_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("'soon' is not a duration"), "{errors:?}");
    assert!(!screen(&a, 80, 24).contains("out of range"));
    // Moving about is not editing: the other error stays until its field changes.
    keys(&mut a, "tab tab tab");
    assert_eq!(a.form_errors().len(), 1);
    press(&mut a, "ctrl-u");
    assert!(a.form_errors().is_empty());
    assert_eq!(count(&a), 7, "nothing saved");
}

#[test]
fn tab_in_where_completes_a_site_as_enter_does() {
    let (_d, mut a) = small();
    press(&mut a, "t");
    type_text(&mut a, "eye");
    press(&mut a, "tab");
    assert!(screen(&a, 80, 24).contains("[eyelid]"), "Tab added it");
    type_text(&mut a, "2");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let e = newest(&a);
    assert_eq!(e.sites, vec![SiteRef::parse("eyelid").unwrap()]);
    assert_eq!(e.intensity, Some(2), "the focus moved on to Intensity");
}

#[test]
fn tab_completes_the_one_match_of_a_partial_name_with_its_side() {
    let (_d, mut a) = small();
    press(&mut a, "t");
    type_text(&mut a, "left hamst");
    press(&mut a, "tab");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    assert_eq!(
        newest(&a).sites,
        vec![SiteRef::parse("hamstring:left").unwrap()]
    );
}

#[test]
fn tab_stays_in_where_when_several_sites_match() {
    let (_d, mut a) = small();
    press(&mut a, "t");
    type_text(&mut a, "th");
    press(&mut a, "tab");
    let errors = a.form_errors();
    assert!(errors[0].contains("'th' could be"), "{errors:?}");
    assert!(errors[0].contains("thumb") && errors[0].contains("thigh"));
    assert!(focused_row(&a).contains("Where"), "the focus stayed");
    // Saving does not guess either.
    press(&mut a, "ctrl-s");
    assert!(a.form_open().is_some());
    type_text(&mut a, "u");
    keys(&mut a, "tab ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    assert_eq!(newest(&a).sites, vec![SiteRef::parse("thumb").unwrap()]);
}

#[test]
fn an_unknown_site_in_the_ui_says_what_to_press_not_what_to_run() {
    let (_d, mut a) = small();
    press(&mut a, "t");
    type_text(&mut a, "qqq");
    press(&mut a, "tab");
    let errors = a.form_errors();
    assert!(errors[0].contains("unknown site 'qqq'"), "{errors:?}");
    assert!(!errors[0].contains("myolog sites"), "{errors:?}");
    assert!(errors[0].contains("Ctrl-U clears it"), "{errors:?}");
}

/// Opens each form, types something, presses Esc: it asks; `n` and Esc keep the form and what
/// was typed; `y` discards it with nothing saved.
#[test]
fn esc_on_a_form_with_something_typed_asks_the_same_for_every_form() {
    for (open, typed, question) in [
        ("t", "calf", "Discard the twitch you typed?"),
        ("c", "calf", "Discard the cramp you typed?"),
        (
            "d",
            "8",
            "Discard your changes to the check-in of 2026-11-25?",
        ),
        ("3 a", "ibuprofen", "Discard the medication you typed?"),
        ("s", " ", "Discard the self-check you marked?"),
    ] {
        let (_d, mut a) = small();
        let meds = a.diary().medications().unwrap().len();
        let checkin = a.diary().checkin(today()).unwrap();
        keys(&mut a, open);
        if typed == " " {
            press(&mut a, "space");
        } else {
            type_text(&mut a, typed);
        }
        press(&mut a, "esc");
        assert_eq!(
            a.question(),
            Some(FormQuestion::Discard),
            "{open}: Esc asks"
        );
        let s = screen(&a, 80, 24);
        assert!(s.contains(question), "{open}:\n{s}");
        assert!(
            s.contains("y discards, n/Esc keeps editing"),
            "{open}:\n{s}"
        );
        // Other keys wait for an answer.
        press(&mut a, "x");
        assert!(a.question().is_some(), "{open}");
        press(&mut a, "n");
        assert_eq!(a.form_open(), Some(true), "{open}: n keeps editing");
        if typed != " " {
            assert!(
                screen(&a, 80, 24).contains(typed),
                "{open}: the text is still there"
            );
        }
        keys(&mut a, "esc esc");
        assert_eq!(a.form_open(), Some(true), "{open}: Esc answers no");
        keys(&mut a, "esc y");
        assert_eq!(a.form_open(), None, "{open}: y discards");
        assert!(a.status().unwrap().contains("nothing was saved"));
        assert_eq!(count(&a), 7, "{open}");
        assert_eq!(a.diary().medications().unwrap().len(), meds, "{open}");
        assert_eq!(a.diary().checkin(today()).unwrap(), checkin, "{open}");
        assert_eq!(a.diary().self_checks().unwrap().len(), 1, "{open}");
    }
}

#[test]
fn esc_on_a_form_with_nothing_typed_closes_at_once() {
    for open in ["t", "c", "d", "3 a", "s", "2 e"] {
        let (_d, mut a) = small();
        keys(&mut a, open);
        assert_eq!(a.form_open(), Some(false), "{open}");
        // Moving about and looking is not typing.
        keys(&mut a, "tab tab shift-tab");
        press(&mut a, "esc");
        assert_eq!(a.question(), None, "{open}");
        assert_eq!(a.form_open(), None, "{open}: closed at once");
    }
}

#[test]
fn ctrl_c_still_gets_out_while_esc_asks() {
    let (_d, mut a) = small();
    press(&mut a, "t");
    type_text(&mut a, "calf");
    press(&mut a, "esc");
    keys(&mut a, "ctrl-c ctrl-c");
    assert!(a.should_quit());
}

/// A diary with a check-in yesterday as well as today.
fn with_yesterday() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut d = small_diary(dir.path());
    d.save_checkin(
        &CheckIn {
            sleep_h: Some(9.0),
            water_l: Some(2.0),
            ..CheckIn::empty(yesterday())
        },
        now(),
    )
    .unwrap();
    (dir, app(d))
}

#[test]
fn changing_the_day_with_nothing_typed_shows_that_days_checkin() {
    let (_d, mut a) = with_yesterday();
    keys(&mut a, "d shift-tab");
    type_text(&mut a, "yesterday");
    press(&mut a, "tab");
    assert_eq!(a.question(), None, "nothing typed: nothing to ask");
    let s = screen(&a, 80, 24);
    assert!(s.contains(&format!("Check-in of {}", yesterday())), "{s}");
    assert!(focused_row(&a).contains("Sleep (h)      9"), "{s}");
    // Changing a value and saving changes yesterday's check-in only.
    press(&mut a, "ctrl-u");
    type_text(&mut a, "8");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let y = a.diary().checkin(yesterday()).unwrap().unwrap();
    assert_eq!((y.sleep_h, y.water_l), (Some(8.0), Some(2.0)));
    assert_eq!(
        a.diary().checkin(today()).unwrap().unwrap().sleep_h,
        Some(5.5)
    );
}

#[test]
fn changing_the_day_after_typing_asks_before_replacing_what_was_typed() {
    let (_d, mut a) = with_yesterday();
    press(&mut a, "d");
    press(&mut a, "ctrl-u");
    type_text(&mut a, "6h30");
    press(&mut a, "shift-tab");
    type_text(&mut a, "yesterday");
    press(&mut a, "tab");
    let s = screen(&a, 80, 24);
    assert_eq!(
        a.question(),
        Some(FormQuestion::ReplaceDay(yesterday())),
        "{s}"
    );
    assert!(
        s.contains(&format!("{} has a check-in saved", yesterday())),
        "{s}"
    );
    // n: what was typed stays, for the day it was typed for.
    press(&mut a, "n");
    let s = screen(&a, 80, 24);
    assert!(s.contains("6h30"), "{s}");
    assert!(s.contains("Check-in of 2026-11-25"), "{s}");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    assert_eq!(
        a.diary().checkin(today()).unwrap().unwrap().sleep_h,
        Some(6.5)
    );
    assert_eq!(
        a.diary().checkin(yesterday()).unwrap().unwrap().sleep_h,
        Some(9.0),
        "yesterday's check-in as it was"
    );
}

#[test]
fn answering_yes_shows_the_other_days_checkin_in_place_of_what_was_typed() {
    let (_d, mut a) = with_yesterday();
    press(&mut a, "d");
    press(&mut a, "ctrl-u");
    type_text(&mut a, "3");
    press(&mut a, "shift-tab");
    type_text(&mut a, "yesterday");
    keys(&mut a, "tab y");
    let s = screen(&a, 80, 24);
    assert!(s.contains(&format!("Check-in of {}", yesterday())), "{s}");
    assert!(focused_row(&a).contains("Sleep (h)      9"), "{s}");
    keys(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    assert_eq!(
        a.diary().checkin(today()).unwrap().unwrap().sleep_h,
        Some(5.5),
        "what was typed for today was never saved"
    );
}

#[test]
fn saving_straight_from_a_changed_day_asks_too() {
    let (_d, mut a) = with_yesterday();
    press(&mut a, "d");
    press(&mut a, "ctrl-u");
    type_text(&mut a, "4");
    press(&mut a, "shift-tab");
    type_text(&mut a, "yesterday");
    // Ctrl-S while still on the Day: the same question, and nothing written yet.
    press(&mut a, "ctrl-s");
    assert_eq!(a.question(), Some(FormQuestion::ReplaceDay(yesterday())));
    assert_eq!(
        a.diary().checkin(yesterday()).unwrap().unwrap().sleep_h,
        Some(9.0)
    );
}

#[test]
fn what_was_typed_moves_to_a_day_that_has_no_checkin() {
    let (_d, mut a) = small();
    let two_days_ago = today() - chrono::Days::new(2);
    press(&mut a, "d");
    press(&mut a, "ctrl-u");
    type_text(&mut a, "7:30");
    press(&mut a, "shift-tab");
    type_text(&mut a, &two_days_ago.to_string());
    press(&mut a, "tab");
    assert_eq!(a.question(), None, "nothing there to replace");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let moved = a.diary().checkin(two_days_ago).unwrap().unwrap();
    assert_eq!(moved.sleep_h, Some(7.5));
    assert_eq!(
        a.diary().checkin(today()).unwrap().unwrap().sleep_h,
        Some(5.5),
        "today's check-in as it was"
    );
}

// What the log form read is shown before it is saved, and its suggestions are the day's.

/// A bare number in How long is seconds (DOMAIN.md section 6), which a person meaning minutes
/// would not guess: the row says how each value was read, as the check-in's rows do (after
/// the cursor's cell).
#[test]
fn how_long_shows_how_its_value_was_read() {
    let (_d, mut a) = small();
    press(&mut a, "c");
    type_text(&mut a, "calf:r");
    press(&mut a, "tab");
    type_text(&mut a, "7");
    keys(&mut a, "tab tab tab");
    type_text(&mut a, "15");
    assert!(
        focused_row(&a).contains("15   = 15 s"),
        "{}",
        focused_row(&a)
    );
    let s = screen(&a, 80, 24);
    assert!(s.contains("a bare number is seconds"), "{s}");
    press(&mut a, "ctrl-u");
    type_text(&mut a, "1h30m");
    assert!(
        focused_row(&a).contains("1h30m   = 1 h 30 min"),
        "{}",
        focused_row(&a)
    );
    press(&mut a, "ctrl-u");
    type_text(&mut a, "15m");
    assert!(
        focused_row(&a).contains("15m   = 15 min"),
        "{}",
        focused_row(&a)
    );
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    assert_eq!(newest(&a).duration_s, Some(900));
}

/// small_diary's, with a stressful day two days ago besides today's check-in.
fn with_stress_two_days_ago() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut d = small_diary(dir.path());
    d.save_checkin(
        &CheckIn {
            stress: Some(8),
            ..CheckIn::empty(today() - chrono::Days::new(2))
        },
        now(),
    )
    .unwrap();
    (dir, app(d))
}

/// Moves the focus up to When, puts `when` in it and Tabs back to Where.
fn retype_when(app: &mut App, when: &str) {
    keys(app, "shift-tab ctrl-u");
    type_text(app, when);
    press(app, "tab");
}

#[test]
fn trigger_suggestions_come_from_the_checkin_of_the_day_when_names() {
    let (_d, mut a) = with_stress_two_days_ago();
    press(&mut a, "t");
    let s = screen(&a, 80, 40);
    assert!(
        s.contains("* suggested by today's check-in: caffeine 420 mg, sleep 5.5 h"),
        "{s}"
    );
    // Yesterday has no check-in: nothing is suggested.
    retype_when(&mut a, "yesterday 21:30");
    let s = screen(&a, 80, 40);
    assert!(!s.contains("suggested by"), "{s}");
    assert!(
        !s.contains("caffeine*") && !s.contains("poor-sleep*"),
        "{s}"
    );
    // Two days ago, the stress of that day's check-in, and the day named.
    let two_days_ago = today() - chrono::Days::new(2);
    retype_when(&mut a, &format!("{two_days_ago} 21:30"));
    let s = screen(&a, 80, 40);
    assert!(
        s.contains(&format!(
            "* suggested by the check-in of {two_days_ago}: stress 8/10"
        )),
        "{s}"
    );
    assert!(s.contains("stress*") && !s.contains("caffeine*"), "{s}");
    // A When that does not read names no day.
    retype_when(&mut a, "zz");
    assert!(!screen(&a, 80, 40).contains("suggested by"));
    // Back to two days ago: the first chip is the suggested one, and it is what is saved.
    retype_when(&mut a, &format!("{two_days_ago} 21:30"));
    type_text(&mut a, "calf");
    keys(&mut a, "enter tab tab tab tab enter ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let logged = a.diary().episodes(&EpisodeFilter::default()).unwrap();
    let e = logged
        .iter()
        .find(|e| e.start.to_rfc3339() == format!("{two_days_ago}T21:30:00+01:00"))
        .unwrap_or_else(|| panic!("{logged:?}"));
    assert_eq!(e.triggers, vec!["stress".to_string()]);
}

/// Custom triggers are lowercase names (DOMAIN.md section 3): the row shows the names as they
/// will be kept, so "Bright-Lights" is not changed unseen.
#[test]
fn other_triggers_show_the_names_as_they_will_be_kept() {
    let (_d, mut a) = small();
    press(&mut a, "t");
    type_text(&mut a, "calf");
    keys(&mut a, "enter tab tab tab tab tab");
    type_text(&mut a, "late-gaming");
    assert!(!focused_row(&a).contains(" = "), "{}", focused_row(&a));
    assert!(screen(&a, 80, 24).contains("your own lowercase names, with commas"));
    type_text(&mut a, ", Bright Lights");
    assert!(
        focused_row(&a).contains("late-gaming, Bright Lights   = late-gaming, bright-lights"),
        "{}",
        focused_row(&a)
    );
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    assert_eq!(
        newest(&a).triggers,
        vec!["late-gaming".to_string(), "bright-lights".to_string()]
    );
}

/// The form's title as drawn at 80x24 and at 120x40 (the same at both, or the test says so).
fn form_title(app: &App) -> String {
    let at = |w, h| {
        let s = screen(app, w, h);
        let line = s
            .lines()
            .find(|l| l.contains("┌ Check-in of"))
            .unwrap_or_else(|| panic!("no check-in form at {w}x{h}:\n{s}"))
            .to_string();
        let start = line.find("Check-in of").unwrap();
        let end = line[start..].find(" ─").unwrap() + start;
        line[start..end].to_string()
    };
    let (small, large) = (at(80, 24), at(120, 40));
    assert_eq!(small, large, "the titles at 80x24 and 120x40");
    small
}

#[test]
fn the_title_follows_the_day_as_soon_as_it_reads_as_one() {
    let (_d, mut a) = with_yesterday();
    let saved = |day: NaiveDate| format!("Check-in of {day} (saved before; saving updates it)");
    press(&mut a, "d");
    assert_eq!(form_title(&a), saved(today()));
    // Typed in the Day, still focused: a day without a check-in.
    press(&mut a, "shift-tab");
    type_text(&mut a, "2026-11-23");
    assert_eq!(form_title(&a), "Check-in of 2026-11-23");
    // A day with one.
    press(&mut a, "ctrl-u");
    type_text(&mut a, "yesterday");
    assert_eq!(form_title(&a), saved(yesterday()));
    // Cleared, the Day stands for today again.
    press(&mut a, "ctrl-u");
    assert_eq!(form_title(&a), saved(today()));
    // A day after today cannot be saved: the title stays on the day shown.
    type_text(&mut a, "2026-11-30");
    assert_eq!(form_title(&a), saved(today()));
    // Pasted.
    press(&mut a, "ctrl-u");
    a.handle(ratatui::crossterm::event::Event::Paste("2026-11-23".into()));
    assert_eq!(form_title(&a), "Check-in of 2026-11-23");
    // Followed once the focus leaves the Day: the same title, and that is the day saved.
    press(&mut a, "tab");
    assert_eq!(form_title(&a), "Check-in of 2026-11-23");
    type_text(&mut a, "7");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert_eq!(a.diary().checkin(day).unwrap().unwrap().sleep_h, Some(7.0));
}

/// With something typed for today, the Day changed to a day with a check-in: the title says
/// so while the Day is typed in; `n` keeps what was typed for today, and the title its day.
#[test]
fn the_title_goes_back_to_the_day_kept_when_the_new_day_is_refused() {
    let (_d, mut a) = with_yesterday();
    press(&mut a, "d");
    press(&mut a, "ctrl-u");
    type_text(&mut a, "6");
    press(&mut a, "shift-tab");
    type_text(&mut a, "yesterday");
    assert_eq!(
        form_title(&a),
        format!(
            "Check-in of {} (saved before; saving updates it)",
            yesterday()
        )
    );
    press(&mut a, "tab");
    assert_eq!(a.question(), Some(FormQuestion::ReplaceDay(yesterday())));
    press(&mut a, "n");
    assert_eq!(
        form_title(&a),
        format!("Check-in of {} (saved before; saving updates it)", today())
    );
}
