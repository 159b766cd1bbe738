//! Experiments in the terminal UI: the Patterns screen's section (the two periods as a day
//! strip, the verdict, adherence) at both sizes, Today's "experiment day N of M", and the
//! check-in form's question while a custom experiment runs.

use crate::support::tui::*;

use chrono::NaiveDate;
use myolog::domain::{Change, Experiment, Outcome};
use myolog::store::Diary;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn start(diary: &mut Diary, name: &str, change: Change, on: &str, days: u32) {
    let e = Experiment::new(name, change, Outcome::TwitchDay, day(on), days, now()).unwrap();
    diary.start_experiment(&e).unwrap();
}

#[test]
fn the_experiments_section_shows_both_periods_the_verdict_and_adherence() {
    // The demo's caffeine cut: 28 days to a week ago, after 28 days of heavy coffee.
    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    myolog::demo::generate(200, 3, &clock())
        .write(&mut d, now())
        .unwrap();
    let mut a = app(d);
    // Left from Flags wraps round to Experiments.
    keys(&mut a, "4 h");
    for (w, h) in [(80, 24), (120, 40)] {
        let shown = screen(&a, w, h);
        assert!(shown.contains("[Experiments]"), "{shown}");
        // The verdict and adherence come first, on screen at either size.
        assert!(
            shown.contains("Verdict: fewer — the interval excludes no change."),
            "{shown}"
        );
        assert!(shown.contains("Adherence: 23/25 (92%)"), "{shown}");
        insta::assert_snapshot!(format!("experiments_section_{w}x{h}"), shown);
    }
    // The counts, the caution and the offer to repeat are further down at 80x24.
    screen(&a, 80, 24);
    for _ in 0..3 {
        press(&mut a, "pagedown");
    }
    let rest = screen(&a, 80, 24);
    assert!(rest.contains("regression to the mean"), "{rest}");
    assert!(rest.contains("on-off-on"), "{rest}");
}

#[test]
fn a_period_without_experiments_says_how_to_start_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(small_diary(dir.path()));
    keys(&mut a, "4 h");
    let shown = screen(&a, 80, 24);
    assert!(shown.contains("No experiment in this period."), "{shown}");
    assert!(shown.contains("myolog experiment start"), "{shown}");
}

#[test]
fn today_shows_the_experiment_day_while_one_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = small_diary(dir.path());
    start(&mut d, "caffeine cut", Change::NoCaffeine, "2026-11-21", 14);
    let a = app(d);
    let wide = screen(&a, 120, 40);
    assert!(
        wide.contains("experiment day 5 of 14: caffeine cut"),
        "{wide}"
    );
    let narrow = screen(&a, 80, 24);
    assert!(narrow.contains("experiment day 5 of 14"), "{narrow}");
    // The smallest screen: on a line of its own under the short date.
    let small = screen(&a, 40, 15);
    assert!(small.contains("experiment day 5 of 14"), "{small}");

    // Once it is over, Today says nothing of it.
    let dir = tempfile::tempdir().unwrap();
    let mut d = small_diary(dir.path());
    start(&mut d, "old cut", Change::NoCaffeine, "2026-11-01", 14);
    let a = app(d);
    assert!(!screen(&a, 120, 40).contains("experiment day"));
}

#[test]
fn the_check_in_asks_whether_a_custom_change_was_kept_only_while_one_runs() {
    // No custom experiment: no question.
    let dir = tempfile::tempdir().unwrap();
    let mut d = small_diary(dir.path());
    start(&mut d, "cut", Change::NoCaffeine, "2026-11-21", 14);
    let mut a = app(d);
    press(&mut a, "d");
    assert!(!screen(&a, 120, 40).contains("Kept change"));

    // A custom one: the question, on its own row before the note; Space answers yes.
    let dir = tempfile::tempdir().unwrap();
    let mut d = small_diary(dir.path());
    start(
        &mut d,
        "screens off at nine",
        Change::Custom,
        "2026-11-21",
        14,
    );
    let mut a = app(d);
    press(&mut a, "d");
    let form = screen(&a, 120, 40);
    assert!(form.contains("Kept change"), "{form}");
    // Sleep is focused; Magnesium, Stretched, then the question.
    keys(&mut a, "tab tab tab tab tab tab tab tab");
    let focused = screen(&a, 120, 40);
    assert!(
        focused.contains("experiment 'screens off at nine': kept its change today?"),
        "{focused}"
    );
    keys(&mut a, "space ctrl-s");
    let saved = a.diary().checkin(day("2026-11-25")).unwrap().unwrap();
    assert_eq!(saved.experiment_kept, Some(true));
    // What the day's check-in held is kept.
    assert_eq!(saved.caffeine_mg, Some(420));
}

#[test]
fn the_kept_question_comes_and_goes_with_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = small_diary(dir.path());
    start(
        &mut d,
        "screens off at nine",
        Change::Custom,
        "2026-11-21",
        14,
    );
    let mut a = app(d);
    press(&mut a, "d");
    assert!(screen(&a, 120, 40).contains("Kept change"));
    // The Day moved to before the experiment: the question goes.
    keys(&mut a, "shift-tab");
    type_text(&mut a, "2026-11-10");
    press(&mut a, "tab");
    let before = screen(&a, 120, 40);
    assert!(before.contains("Check-in of 2026-11-10"), "{before}");
    assert!(!before.contains("Kept change"), "{before}");
    // And back to a day of it: the question comes back, and its answer is saved on that day.
    keys(&mut a, "shift-tab ctrl-u");
    type_text(&mut a, "2026-11-22");
    press(&mut a, "tab");
    let during = screen(&a, 120, 40);
    assert!(during.contains("Check-in of 2026-11-22"), "{during}");
    assert!(during.contains("Kept change"), "{during}");
    keys(&mut a, "tab tab tab tab tab tab tab tab space ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let saved = a.diary().checkin(day("2026-11-22")).unwrap().unwrap();
    assert_eq!(saved.experiment_kept, Some(true));

    // Stopped before that day: the question goes, but a stored answer is not erased by an
    // edit that moved the Day away and back.
    let dir = tempfile::tempdir().unwrap();
    let mut d = small_diary(dir.path());
    start(
        &mut d,
        "screens off at nine",
        Change::Custom,
        "2026-11-20",
        14,
    );
    let kept = myolog::domain::CheckIn {
        experiment_kept: Some(true),
        ..myolog::domain::CheckIn::empty(day("2026-11-22"))
    };
    d.save_checkin(&kept, now()).unwrap();
    d.stop_experiment(day("2026-11-25"), day("2026-11-22"), now())
        .unwrap();
    let mut a = app(d);
    keys(&mut a, "d shift-tab");
    type_text(&mut a, "2026-11-22");
    press(&mut a, "tab");
    assert!(!screen(&a, 120, 40).contains("Kept change"));
    keys(&mut a, "shift-tab ctrl-u");
    type_text(&mut a, "2026-11-20");
    keys(&mut a, "tab shift-tab ctrl-u");
    type_text(&mut a, "2026-11-22");
    keys(&mut a, "tab tab");
    type_text(&mut a, "100");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let saved = a.diary().checkin(day("2026-11-22")).unwrap().unwrap();
    assert_eq!(saved.caffeine_mg, Some(100));
    assert_eq!(saved.experiment_kept, Some(true), "the stored answer stays");
}

#[test]
fn a_check_in_on_a_baseline_day_before_the_period_updates_the_experiment_shown() {
    // The baseline (2026-10-18 to 2026-10-31) begins before the 30-day period (from
    // 2026-10-27): a check-in saved on 2026-10-20 still changes what the section shows.
    let dir = tempfile::tempdir().unwrap();
    let mut d = small_diary(dir.path());
    start(&mut d, "cut", Change::NoCaffeine, "2026-11-01", 14);
    let mut a = app(d);
    keys(&mut a, "4 p p p h");
    let before = screen(&a, 120, 40);
    assert!(before.contains("[30 days]"), "{before}");
    assert!(before.contains("[Experiments]"), "{before}");
    let baseline_line = |s: &str| {
        s.lines()
            .find(|l| l.contains("Before (2026-10-18 to 2026-10-31)"))
            .unwrap_or_else(|| panic!("{s}"))
            .to_string()
    };
    assert!(
        baseline_line(&before).contains("twitch days 0/0 of the days with a check-in"),
        "{before}"
    );
    keys(&mut a, "d shift-tab");
    type_text(&mut a, "2026-10-20");
    press(&mut a, "tab");
    type_text(&mut a, "7");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let after = screen(&a, 120, 40);
    assert!(
        baseline_line(&after).contains("twitch days 0/1 (0%) of the days with a check-in"),
        "the section was not read again:\n{after}"
    );
}
