//! Drafts (DOMAIN.md section 9): what was typed in a form when a signal stopped the UI comes
//! back into the form about the same thing (the same record, the same check-in day, a new
//! record of the same kind), whatever its title says now, and the status line says which keys
//! bring each back.

use crate::support::tui::*;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use myolog::config::Config;
use myolog::domain::{CheckIn, Clock, Episode};
use myolog::store::{Access, Diary, EpisodeFilter, StoreError};
use myolog::tui::App;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The UI on the diary in `dir` at the wall clock `now`.
fn app_at(dir: &std::path::Path, now: &str) -> App {
    let now = at(now);
    let diary = Diary::open(&dir.join("diary.sqlite3"), Access::Write, now.to_utc()).unwrap();
    App::new(diary, Clock::new(now), &Config::default()).unwrap()
}

/// The UI on the diary in `dir` at the tests' clock.
fn reopen(dir: &std::path::Path) -> App {
    app(Diary::open(&dir.join("diary.sqlite3"), Access::Write, now()).unwrap())
}

fn drafts(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("diary.sqlite3.draft-"))
        .collect();
    found.sort();
    found
}

fn brought_back(a: &App) -> bool {
    a.status().is_some_and(|s| {
        s.starts_with("Brought back what was typed in this form when myolog was stopped")
    })
}

/// 4a: a check-in typed for a day that had none, the UI stopped, then the day's check-in
/// saved from the command line: the form now says "saved before", and the draft still comes
/// back into it, onto what was saved elsewhere.
#[test]
fn a_checkin_draft_comes_back_after_the_day_was_saved_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(empty_diary(dir.path()));
    press(&mut a, "d");
    type_text(&mut a, "5h");
    keys(&mut a, "tab tab tab tab tab tab tab tab");
    type_text(&mut a, "slept badly");
    assert!(a.keep_draft().unwrap());
    drop(a);
    let today = clock().today();
    let mut diary = Diary::open(&dir.path().join("diary.sqlite3"), Access::Write, now()).unwrap();
    diary
        .save_checkin(
            &CheckIn {
                caffeine_mg: Some(200),
                ..CheckIn::empty(today)
            },
            now(),
        )
        .unwrap();
    drop(diary);

    let mut b = reopen(dir.path());
    let waiting = b.status().unwrap_or_default().to_string();
    press(&mut b, "d");
    assert!(brought_back(&b), "{:?}", b.status());
    let s = screen(&b, 100, 30);
    assert!(s.contains("saved before"), "{s}");
    assert!(s.contains("slept badly"), "{s}");
    press(&mut b, "ctrl-s");
    assert_eq!(b.form_open(), None, "errors: {:?}", b.form_errors());
    let c = b.diary().checkin(today).unwrap().unwrap();
    assert_eq!(c.sleep_h, Some(5.0));
    assert_eq!(c.caffeine_mg, Some(200), "what was saved elsewhere stays");
    assert_eq!(c.note.as_deref(), Some("slept badly"));
    assert!(
        drafts(dir.path()).is_empty(),
        "a draft brought back is removed"
    );
    // The start-up line named the key that brought it back.
    assert!(
        waiting.contains(&format!("the check-in of {today}: press d")),
        "{waiting}"
    );
}

/// 4b: an edit's draft belongs to its episode, not to the time in the form's title: after
/// the episode's time changed elsewhere, its form still brings the draft back, and its twin
/// (the same time as it had, another record) does not take it.
#[test]
fn an_edit_draft_follows_its_episode_after_its_time_changed_and_no_twin_takes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(small_diary(dir.path()));
    let open = || Diary::open(&dir.path().join("diary.sqlite3"), Access::Write, now()).unwrap();
    let all = |a: &App| a.diary().episodes(&EpisodeFilter::default()).unwrap();
    // A twin of the newest twitch (09:55 thumb): the same minute, another record.
    let newest = all(&a)[0].clone();
    let twin = Episode {
        id: uuid::Uuid::new_v4(),
        ..newest.clone()
    };
    open().add_episode(&twin).unwrap();
    // History's first row, its note typed (Note is the twitch form's eighth row).
    keys(&mut a, "2 e tab tab tab tab tab tab tab");
    type_text(&mut a, "after a long call");
    assert!(a.keep_draft().unwrap());
    drop(a);
    let kept = drafts(dir.path());
    assert_eq!(kept.len(), 1, "{kept:?}");
    let text = std::fs::read_to_string(&kept[0]).unwrap();
    let (drafted, other) = if text.contains(&newest.id.to_string()) {
        (newest.id, twin.id)
    } else {
        (twin.id, newest.id)
    };
    // Its time moved an hour earlier elsewhere (`myolog edit ID --at`): now 08:55.
    open()
        .edit::<Episode, _>(drafted, now(), |e| {
            e.start -= TimeDelta::hours(1);
            Ok::<(), StoreError>(())
        })
        .unwrap();

    let mut b = reopen(dir.path());
    let waiting = b.status().unwrap_or_default().to_string();
    // History's first row is the twin now (09:55): its form opens empty.
    keys(&mut b, "2 e");
    assert!(!brought_back(&b), "{:?}", b.status());
    assert_eq!(b.form_open(), Some(false));
    assert!(screen(&b, 100, 30).contains("Change the twitch of 2026-11-25 09:55"));
    // The second row is the episode the draft was kept for, at its new time.
    keys(&mut b, "esc j e");
    assert!(brought_back(&b), "{:?}", b.status());
    let s = screen(&b, 100, 30);
    assert!(s.contains("Change the twitch of 2026-11-25 08:55"), "{s}");
    press(&mut b, "ctrl-s");
    assert_eq!(b.form_open(), None, "errors: {:?}", b.form_errors());
    let saved = b.diary().episode(drafted).unwrap().unwrap();
    assert_eq!(saved.note.as_deref(), Some("after a long call"));
    assert_eq!(
        saved.start.format("%H:%M").to_string(),
        "08:55",
        "the time changed elsewhere stays: the draft did not touch it"
    );
    assert_eq!(b.diary().episode(other).unwrap().unwrap().note, None);
    assert!(
        waiting.contains(
            "your changes to the twitch at 2026-11-25 08:55: press 2 for History, pick it and press e"
        ),
        "{waiting}"
    );
}

/// 4c: a check-in typed at 23:50 and kept; the next morning the check-in form opens on the
/// new day, and setting its Day to yesterday brings the draft back (nothing typed is replaced).
#[test]
fn setting_the_day_brings_back_that_days_checkin_draft() {
    let dir = tempfile::tempdir().unwrap();
    drop(small_diary(dir.path()));
    let mut a = app_at(dir.path(), "2026-11-25T23:50:00+01:00");
    press(&mut a, "d");
    press(&mut a, "ctrl-u");
    type_text(&mut a, "7");
    assert!(a.keep_draft().unwrap());
    drop(a);

    let mut b = app_at(dir.path(), "2026-11-26T08:00:00+01:00");
    let waiting = b.status().unwrap_or_default().to_string();
    press(&mut b, "d");
    assert!(!brought_back(&b), "today's form is another day's");
    keys(&mut b, "shift-tab");
    type_text(&mut b, "yesterday");
    press(&mut b, "tab");
    assert_eq!(b.question(), None);
    assert!(brought_back(&b), "{:?}", b.status());
    let s = screen(&b, 100, 30);
    assert!(s.contains("Check-in of 2026-11-25"), "{s}");
    press(&mut b, "ctrl-s");
    assert_eq!(b.form_open(), None, "errors: {:?}", b.form_errors());
    let c = b.diary().checkin(day("2026-11-25")).unwrap().unwrap();
    assert_eq!(c.sleep_h, Some(7.0));
    assert_eq!(
        c.caffeine_mg,
        Some(420),
        "a field not typed in keeps its value"
    );
    assert!(b.diary().checkin(day("2026-11-26")).unwrap().is_none());
    assert!(drafts(dir.path()).is_empty());
    assert!(
        waiting.contains("the check-in of 2026-11-25: press d and set Day to 2026-11-25"),
        "{waiting}"
    );
}

/// Setting the Day to a day whose draft waits, with something typed already: it asks before
/// the draft replaces what was typed; `n` keeps both (the draft waits), `y` brings it back.
#[test]
fn a_draft_of_the_day_asks_before_replacing_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(small_diary(dir.path()));
    // A check-in of 2026-11-23, a day with none saved, typed and kept.
    press(&mut a, "d");
    press(&mut a, "shift-tab");
    type_text(&mut a, "2026-11-23");
    press(&mut a, "tab");
    type_text(&mut a, "8");
    assert!(a.keep_draft().unwrap());
    drop(a);

    let mut b = reopen(dir.path());
    let waiting = b.status().unwrap_or_default().to_string();
    press(&mut b, "d");
    press(&mut b, "ctrl-u");
    type_text(&mut b, "6");
    press(&mut b, "shift-tab");
    type_text(&mut b, "2026-11-23");
    press(&mut b, "tab");
    let s = screen(&b, 100, 30);
    assert!(b.question().is_some(), "{s}");
    assert!(
        s.contains("A draft of the check-in of 2026-11-23 was kept when"),
        "{s}"
    );
    press(&mut b, "n");
    let s = screen(&b, 100, 30);
    assert!(s.contains("Check-in of 2026-11-25"), "{s}");
    assert!(s.contains("Sleep (h)      6"), "{s}");
    assert_eq!(drafts(dir.path()).len(), 1, "the draft still waits");
    press(&mut b, "shift-tab");
    type_text(&mut b, "2026-11-23");
    keys(&mut b, "tab y");
    assert!(brought_back(&b), "{:?}", b.status());
    let s = screen(&b, 100, 30);
    assert!(s.contains("Check-in of 2026-11-23"), "{s}");
    assert!(s.contains("Sleep (h)      8"), "{s}");
    press(&mut b, "ctrl-s");
    assert_eq!(b.form_open(), None, "errors: {:?}", b.form_errors());
    let c = b.diary().checkin(day("2026-11-23")).unwrap().unwrap();
    assert_eq!(c.sleep_h, Some(8.0));
    let today = b.diary().checkin(day("2026-11-25")).unwrap().unwrap();
    assert_eq!(
        today.sleep_h,
        Some(5.5),
        "what was typed for today was dropped"
    );
    assert!(
        waiting.contains("the check-in of 2026-11-23: press d and set Day to 2026-11-23"),
        "{waiting}"
    );
}

/// The start-up status line names, for each draft, the keys that bring it back, and those
/// keys do; a draft whose record was deleted since is named with the file that keeps it.
#[test]
fn the_status_line_names_the_keys_that_bring_each_draft_back() {
    let dir = tempfile::tempdir().unwrap();
    drop(small_diary(dir.path()));
    // A new twitch, History's first episode's note, and the medication's dose, each typed in
    // a window of its own and kept.
    let mut a = reopen(dir.path());
    press(&mut a, "t");
    type_text(&mut a, "calf:l");
    assert!(a.keep_draft().unwrap());
    let mut b = reopen(dir.path());
    keys(&mut b, "2 e tab tab tab tab tab tab tab");
    type_text(&mut b, "after a long call");
    assert!(b.keep_draft().unwrap());
    let mut c = reopen(dir.path());
    keys(&mut c, "3 e tab tab ctrl-u");
    type_text(&mut c, "1 puff");
    assert!(c.keep_draft().unwrap());
    // History's second episode (the 08:40 twitch): typed in, kept, then deleted.
    let mut d = reopen(dir.path());
    keys(&mut d, "2 j e tab tab tab tab tab tab tab");
    type_text(&mut d, "gone");
    assert!(d.keep_draft().unwrap());
    let deleted = d.diary().episodes(&EpisodeFilter::default()).unwrap()[1].clone();
    assert_eq!(deleted.start.format("%H:%M").to_string(), "08:40");
    drop((a, b, c, d));
    let mut diary = Diary::open(&dir.path().join("diary.sqlite3"), Access::Write, now()).unwrap();
    diary.delete::<Episode>(deleted.id, now()).unwrap();
    drop(diary);
    let before = drafts(dir.path());
    assert_eq!(before.len(), 4, "{before:?}");

    let mut e = reopen(dir.path());
    let waiting = e.status().unwrap_or_default().to_string();
    for named in [
        "the twitch being logged: press t",
        "your changes to the twitch at 2026-11-25 09:55: press 2 for History, pick it and press e",
        "your changes to salbutamol: press 3, pick it and press e",
        "\"Change the twitch of 2026-11-25 08:40\", whose episode was deleted since: kept as the file ",
    ] {
        assert!(waiting.contains(named), "{named:?} in {waiting}");
    }
    let file = before
        .iter()
        .find(|p| waiting.contains(&p.display().to_string()))
        .expect("the deleted episode's draft is named by its path");
    assert!(std::fs::read_to_string(file).unwrap().contains("gone"));
    // The keys named bring each back.
    press(&mut e, "t");
    assert!(brought_back(&e), "{:?}", e.status());
    keys(&mut e, "esc y 2 e");
    assert!(brought_back(&e), "{:?}", e.status());
    assert!(screen(&e, 100, 30).contains("after a long call"));
    keys(&mut e, "esc y 3 e");
    assert!(brought_back(&e), "{:?}", e.status());
    assert!(screen(&e, 100, 30).contains("1 puff"));
    keys(&mut e, "esc y");
    assert_eq!(
        drafts(dir.path()),
        vec![file.clone()],
        "only the file named stays"
    );
}

/// A draft kept by the previous version, under its form's title (one that said "saved
/// before"), is moved under its subject and named with its keys, which bring it back.
#[test]
fn a_draft_kept_under_its_title_by_the_previous_version_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    drop(small_diary(dir.path()));
    let old = dir
        .path()
        .join("diary.sqlite3.draft-5b1f7a0e-0d3c-5f55-9d4b-1c2a3e4f5a6b");
    let mut typed = vec![serde_json::Value::Null; 10];
    typed[1] = serde_json::json!(["5.5", "7"]);
    let draft = serde_json::json!({
        "form": "Check-in of 2026-11-25 (saved before; saving updates it)",
        "record": null,
        "kept": "2026-11-25T08:00:00Z",
        "typed": typed,
    });
    std::fs::write(&old, serde_json::to_vec(&draft).unwrap()).unwrap();

    let mut a = reopen(dir.path());
    let waiting = a.status().unwrap_or_default().to_string();
    press(&mut a, "d");
    assert!(brought_back(&a), "{:?}", a.status());
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let c = a.diary().checkin(day("2026-11-25")).unwrap().unwrap();
    assert_eq!(c.sleep_h, Some(7.0));
    assert!(drafts(dir.path()).is_empty());
    assert!(!old.exists(), "moved under its subject, then brought back");
    assert!(
        waiting.contains("the check-in of 2026-11-25: press d"),
        "{waiting}"
    );
}
