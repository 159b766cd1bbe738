//! Key sequences through the app's event handling, as a user types them, with the diary
//! checked through the store afterwards.

use crate::support::tui as tui_common;

use chrono::NaiveDate;
use myolog::config::Config;
use myolog::domain::{Kind, ReliefUse, SiteRef};
use myolog::store::EpisodeFilter;
use myolog::tui::{App, Tab};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseEvent, MouseEventKind,
};
use tui_common::*;

fn small() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    // Keys that reach the Export screen write there, never into the checkout.
    let a = app(small_diary(dir.path())).with_export_dir(dir.path());
    (dir, a)
}

fn all_episodes(app: &App) -> Vec<myolog::domain::Episode> {
    app.diary().episodes(&EpisodeFilter::default()).unwrap()
}

/// The cramp the test logged: small_diary's own have no note.
fn cramp_with_a_note(app: &App) -> myolog::domain::Episode {
    all_episodes(app)
        .into_iter()
        .find(|e| e.kind == Kind::Cramp && e.note.is_some())
        .unwrap()
}

fn today() -> NaiveDate {
    clock().today()
}

#[test]
fn log_a_twitch_in_a_few_keys() {
    let (_d, mut a) = small();
    let before = all_episodes(&a).len();
    press(&mut a, "t");
    assert_eq!(a.form_open(), Some(false));
    type_text(&mut a, "eyel:l");
    keys(&mut a, "enter tab");
    type_text(&mut a, "3");
    keys(&mut a, "tab enter tab");
    type_text(&mut a, "2m");
    // The first trigger is the one today's check-in suggests (caffeine 420 mg).
    keys(&mut a, "tab enter ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    assert!(
        a.status().unwrap().starts_with("Logged the twitch"),
        "{:?}",
        a.status()
    );
    let episodes = all_episodes(&a);
    assert_eq!(episodes.len(), before + 1);
    let e = &episodes[0];
    assert_eq!(e.kind, Kind::Twitch);
    assert_eq!(e.start, clock().now_fixed());
    assert_eq!(e.sites, vec![SiteRef::parse("eyelid:left").unwrap()]);
    assert_eq!(e.intensity, Some(3));
    assert_eq!(e.visible, Some(true));
    assert_eq!(e.duration_s, Some(120));
    assert_eq!(e.triggers, vec!["caffeine".to_string()]);
    // Today's list shows it at once.
    assert!(screen(&a, 80, 24).contains("Today's episodes (3)"));
}

#[test]
fn the_shortest_log_is_a_key_a_site_and_save() {
    let (_d, mut a) = small();
    press(&mut a, "t");
    type_text(&mut a, "calf");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let e = &all_episodes(&a)[0];
    assert_eq!(e.sites, vec![SiteRef::parse("calf").unwrap()]);
    assert_eq!(e.intensity, None, "a field left alone stays unknown");
}

/// A day alone in When is not read as midnight (a night cramp nobody had): the form stays
/// open with the reason under When, nothing is saved, and a time added saves it.
#[test]
fn a_cramp_logged_by_day_alone_is_asked_for_its_time() {
    let (_d, mut a) = small();
    let before = all_episodes(&a).len();
    press(&mut a, "c");
    keys(&mut a, "shift-tab ctrl-u");
    type_text(&mut a, "2026-11-20");
    press(&mut a, "tab");
    type_text(&mut a, "calf:r");
    press(&mut a, "ctrl-s");
    assert!(a.form_open().is_some());
    let errors = format!("{:?}", a.form_errors());
    assert!(
        errors.contains("is a day without a time of day"),
        "{errors}"
    );
    assert_eq!(all_episodes(&a).len(), before, "nothing saved");
    // The focus is on When, the field at fault.
    press(&mut a, "ctrl-u");
    type_text(&mut a, "2026-11-20 15:00");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let logged = all_episodes(&a);
    assert_eq!(logged.len(), before + 1);
    assert!(
        logged
            .iter()
            .any(|e| e.start.to_rfc3339() == "2026-11-20T15:00:00+01:00"),
        "{logged:?}"
    );
}

#[test]
fn log_a_cramp_with_every_field() {
    let (_d, mut a) = small();
    press(&mut a, "c");
    keys(&mut a, "shift-tab ctrl-u");
    type_text(&mut a, "yesterday 23:10");
    press(&mut a, "tab");
    type_text(&mut a, "calf:r, hamstring:r");
    keys(&mut a, "enter tab");
    type_text(&mut a, "7");
    keys(&mut a, "tab enter tab enter enter tab");
    type_text(&mut a, "3m");
    press(&mut a, "tab");
    type_text(&mut a, "2");
    // Triggers: move right to the third chip (stress) and toggle it.
    keys(&mut a, "tab right right enter tab");
    type_text(&mut a, "late gaming");
    // Reliefs: stretch helped, then heat tried.
    keys(&mut a, "tab enter enter right enter tab");
    type_text(&mut a, "woke me up");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let cramp = cramp_with_a_note(&a);
    assert_eq!(cramp.start.to_rfc3339(), "2026-11-24T23:10:00+01:00");
    assert_eq!(
        cramp.sites,
        vec![
            SiteRef::parse("calf:right").unwrap(),
            SiteRef::parse("hamstring:right").unwrap()
        ]
    );
    assert_eq!(cramp.pain, Some(7));
    assert_eq!(cramp.hardening, Some(true));
    assert_eq!(cramp.lost_motion, Some(false));
    assert_eq!(cramp.duration_s, Some(180));
    assert_eq!(cramp.sore_days, Some(2));
    assert_eq!(
        cramp.triggers,
        vec!["stress".to_string(), "late-gaming".to_string()]
    );
    assert_eq!(
        cramp.reliefs,
        vec![
            ReliefUse::parse("stretch:helped").unwrap(),
            ReliefUse::parse("heat").unwrap()
        ]
    );
    assert_eq!(cramp.note.as_deref(), Some("woke me up"));
}

#[test]
fn a_long_pasted_note_is_saved_whole() {
    // 5,237 bytes pasted into the Note field (the last, nine tabs after the site): every one
    // of them is saved, as `--note -` saves them; it used to stop at 4,096 without a word.
    let (_d, mut a) = small();
    press(&mut a, "c");
    type_text(&mut a, "calf:r");
    keys(&mut a, "enter tab tab tab tab tab tab tab tab tab");
    let note = "calf woke me at three, hard as a rock; ".repeat(134);
    assert_eq!(note.len(), 5226);
    a.handle(Event::Paste(format!("{note}end\nof note")));
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let cramp = cramp_with_a_note(&a);
    let saved = cramp.note.unwrap();
    assert_eq!(saved.len(), 5237, "{}", &saved[saved.len() - 40..]);
    assert_eq!(saved, format!("{note}end of note"));
}

#[test]
fn a_draft_comes_back_only_into_the_form_it_was_kept_from() {
    let (d, mut a) = small();
    press(&mut a, "t");
    type_text(&mut a, "calf:l");
    assert!(a.keep_draft().unwrap());
    let reopen = || {
        let path = d.path().join("diary.sqlite3");
        let diary = myolog::store::Diary::open(&path, myolog::store::Access::Write, now()).unwrap();
        app(diary)
    };
    let mut b = reopen();
    assert!(
        b.status().unwrap().contains(
            "Kept when myolog was stopped, what was typed in: the twitch being logged: press t."
        ),
        "{:?}",
        b.status()
    );
    // A cramp form is another form: it opens empty, and the draft waits.
    press(&mut b, "c");
    assert_eq!(b.form_open(), Some(false));
    keys(&mut b, "esc");
    press(&mut b, "t");
    assert_eq!(b.form_open(), Some(true), "the twitch form holds the draft");
    assert!(
        b.status()
            .unwrap()
            .starts_with("Brought back what was typed in this form")
    );
    press(&mut b, "ctrl-s");
    assert_eq!(b.form_open(), None, "errors: {:?}", b.form_errors());
    assert_eq!(
        all_episodes(&b)[0].sites,
        vec![SiteRef::parse("calf:left").unwrap()]
    );
    // Once brought back, it is gone: the next twitch form opens empty.
    press(&mut b, "t");
    assert_eq!(b.form_open(), Some(false));
    // A form with nothing typed keeps no draft.
    assert!(!b.keep_draft().unwrap());
}

/// Two windows stopped at once (a logout) each keep their own form's draft; a draft that is a
/// symlink (planted, or swapped in) is never read.
#[test]
fn two_windows_stopped_at_once_keep_both_drafts_and_a_symlink_is_no_draft() {
    let (d, mut a) = small();
    let path = d.path().join("diary.sqlite3");
    let open = || myolog::store::Diary::open(&path, myolog::store::Access::Write, now()).unwrap();
    let mut b = app(open());
    press(&mut a, "t");
    type_text(&mut a, "calf:l");
    press(&mut b, "c");
    type_text(&mut b, "foot:r");
    assert!(a.keep_draft().unwrap());
    assert!(b.keep_draft().unwrap());
    let c = app(open());
    let waiting = c.status().unwrap().to_string();
    assert!(
        waiting.contains("the twitch being logged: press t")
            && waiting.contains("the cramp being logged: press c"),
        "{waiting}"
    );
    // The cramp's draft swapped for a symlink to a copy of it: the cramp form opens empty.
    let drafts: Vec<std::path::PathBuf> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("diary.sqlite3.draft-"))
        .collect();
    assert_eq!(drafts.len(), 2);
    let cramp = drafts
        .iter()
        .find(|p| std::fs::read_to_string(p).unwrap().contains("Log a cramp"))
        .unwrap();
    let copy = d.path().join("copy.json");
    std::fs::rename(cramp, &copy).unwrap();
    std::os::unix::fs::symlink(&copy, cramp).unwrap();
    let mut c = app(open());
    press(&mut c, "c");
    assert_eq!(c.form_open(), Some(false), "{:?}", c.status());
    keys(&mut c, "esc t");
    assert_eq!(c.form_open(), Some(true), "the twitch's draft comes back");
}

/// A draft of an edit keeps only the fields typed in, with what they held: brought back into
/// the same record's form it leaves a field changed elsewhere since alone when the draft did
/// not touch it, and never goes into another record's form of the same title.
#[test]
fn a_draft_of_an_edit_brings_back_only_what_was_typed_into_the_same_record() {
    let (d, mut a) = small();
    let path = d.path().join("diary.sqlite3");
    let open = || myolog::store::Diary::open(&path, myolog::store::Access::Write, now()).unwrap();
    // A twin of the newest twitch (09:55 thumb), the same minute: its form has the same title.
    let newest = all_episodes(&a)[0].clone();
    let twin = myolog::domain::Episode {
        id: uuid::Uuid::new_v4(),
        ..newest.clone()
    };
    open().add_episode(&twin).unwrap();
    // History's first row: its intensity typed as 4, then the UI is stopped.
    keys(&mut a, "2 e tab tab ctrl-u");
    type_text(&mut a, "4");
    assert!(a.keep_draft().unwrap());
    let kept_for = |b: &App| b.status().is_some_and(|s| s.starts_with("Brought back"));
    // Meanwhile both twitches get a note elsewhere.
    for id in [newest.id, twin.id] {
        open()
            .edit::<myolog::domain::Episode, _>(id, now(), |e| {
                e.note = Some("B".into());
                Ok::<(), myolog::store::StoreError>(())
            })
            .unwrap();
    }
    let mut b = app(open());
    // The second row is the other twitch: same title, another record: no draft.
    keys(&mut b, "2 j e");
    assert!(!kept_for(&b), "{:?}", b.status());
    assert_eq!(b.form_open(), Some(false));
    keys(&mut b, "esc k e");
    assert!(kept_for(&b), "{:?}", b.status());
    press(&mut b, "ctrl-s");
    assert_eq!(b.form_open(), None, "errors: {:?}", b.form_errors());
    let saved: Vec<_> = all_episodes(&b)
        .into_iter()
        .filter(|e| e.id == newest.id || e.id == twin.id)
        .map(|e| (e.intensity, e.note))
        .collect();
    // One of them has the draft's intensity; both keep the note written elsewhere.
    assert!(saved.contains(&(Some(4), Some("B".into()))), "{saved:?}");
    assert!(
        saved.contains(&(newest.intensity, Some("B".into()))),
        "{saved:?}"
    );
}

#[test]
fn a_daily_checkin_is_prefilled_and_takes_servings() {
    let (_d, mut a) = small();
    press(&mut a, "d");
    // Sleep is prefilled with 5.5 from this morning's check-in.
    assert!(screen(&a, 80, 24).contains("5.5"));
    press(&mut a, "ctrl-u");
    type_text(&mut a, "7");
    keys(&mut a, "tab ctrl-u");
    type_text(&mut a, "2coffee+tea");
    keys(&mut a, "tab tab");
    type_text(&mut a, "1.5");
    keys(&mut a, "tab tab tab enter ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let c = a.diary().checkin(today()).unwrap().unwrap();
    assert_eq!(c.sleep_h, Some(7.0));
    assert_eq!(c.caffeine_mg, Some(237));
    assert_eq!(c.stress, Some(6), "a field not touched keeps its value");
    assert_eq!(c.water_l, Some(1.5));
    assert_eq!(c.alcohol, None, "a blank field stays unknown");
    assert_eq!(c.magnesium, Some(true));
}

#[test]
fn clearing_a_checkin_field_makes_it_unknown_again() {
    let (_d, mut a) = small();
    // A mistyped caffeine, cleared in the prefilled form: unknown, not kept.
    press(&mut a, "d");
    keys(&mut a, "tab ctrl-u ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let c = a.diary().checkin(today()).unwrap().unwrap();
    assert_eq!(c.caffeine_mg, None);
    assert_eq!(c.sleep_h, Some(5.5), "the fields left as shown are kept");
    assert_eq!(c.stress, Some(6));
    // And undo brings the value back.
    keys(&mut a, "esc");
    press(&mut a, "2");
    press(&mut a, "u");
    assert_eq!(
        a.diary().checkin(today()).unwrap().unwrap().caffeine_mg,
        Some(420)
    );
}

#[test]
fn edit_delete_and_undo_in_history() {
    let (_d, mut a) = small();
    press(&mut a, "2");
    assert_eq!(a.tab(), Tab::History);
    // The newest episode: the 09:55 thumb twitch, intensity 2.
    press(&mut a, "e");
    assert_eq!(a.form_open(), Some(false));
    keys(&mut a, "tab tab ctrl-u");
    type_text(&mut a, "4");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let newest = all_episodes(&a)[0].clone();
    assert_eq!(newest.intensity, Some(4));
    assert_eq!(newest.sites, vec![SiteRef::parse("thumb:right").unwrap()]);
    assert_eq!(all_episodes(&a).len(), 7, "editing adds nothing");

    press(&mut a, "x");
    assert_eq!(all_episodes(&a).len(), 6);
    assert!(a.diary().episode(newest.id).unwrap().is_none());
    assert!(a.status().unwrap().contains("u brings it back"));
    assert!(screen(&a, 80, 24).contains("History (6)"));

    press(&mut a, "u");
    assert_eq!(all_episodes(&a).len(), 7);
    assert_eq!(
        a.diary().episode(newest.id).unwrap().unwrap().intensity,
        Some(4)
    );
    press(&mut a, "u");
    assert_eq!(
        a.diary().episode(newest.id).unwrap().unwrap().intensity,
        Some(2),
        "the second undo takes back the edit"
    );
}

#[test]
fn below_the_smallest_size_keys_never_reach_the_hidden_screen() {
    // History drawn at 30x8 shows only "needs at least ...": `x` deletes nothing unseen.
    let (_d, mut a) = small();
    press(&mut a, "2");
    let before = all_episodes(&a).len();
    assert!(screen(&a, 30, 8).contains("myolog needs at least"));
    keys(&mut a, "x u e");
    assert_eq!(all_episodes(&a).len(), before, "nothing deleted or undone");
    assert_eq!(a.form_open(), None, "no form opened");
    // Bigger again, the same keys work.
    screen(&a, 80, 24);
    press(&mut a, "x");
    assert_eq!(all_episodes(&a).len(), before - 1);

    // A form with text typed: `q` at 30x8 asks (it used to go into the field), y quits.
    let (_d, mut a) = small();
    press(&mut a, "t");
    type_text(&mut a, "calf");
    assert!(screen(&a, 30, 8).contains("press q to quit"));
    press(&mut a, "q");
    assert!(!a.should_quit());
    let asked = screen(&a, 30, 8);
    assert!(
        asked.contains("form holds") && asked.contains("y to quit without saving"),
        "{asked}"
    );
    press(&mut a, "n");
    assert!(!a.should_quit());
    screen(&a, 80, 24);
    assert_eq!(a.form_open(), Some(true), "the form and its text are kept");
    press(&mut a, "ctrl-s");
    assert_eq!(
        all_episodes(&a)[0].sites,
        vec![SiteRef::parse("calf").unwrap()]
    );
    // With nothing typed, `q` at that size quits at once.
    let (_d, mut a) = small();
    screen(&a, 30, 8);
    press(&mut a, "q");
    assert!(a.should_quit());
}

#[test]
fn moving_down_picks_the_row_that_edit_and_delete_act_on() {
    let (_d, mut a) = small();
    keys(&mut a, "2 j j x");
    let left: Vec<_> = all_episodes(&a);
    assert_eq!(left.len(), 6);
    assert!(
        !left
            .iter()
            .any(|e| e.kind == Kind::Cramp && e.pain == Some(7)),
        "the third row, the 03:10 cramp, was deleted"
    );
    keys(&mut a, "G");
    assert!(screen(&a, 80, 24).contains("6 of 6"));
    keys(&mut a, "g");
    assert!(screen(&a, 80, 24).contains("1 of 6"));
}

#[test]
fn invalid_input_is_shown_inline_and_nothing_is_saved() {
    let (_d, mut a) = small();
    let before = all_episodes(&a).len();

    // No site at all.
    keys(&mut a, "t ctrl-s");
    assert_eq!(a.form_open(), Some(false));
    assert!(
        a.form_errors()[0].contains("at least one body site"),
        "{:?}",
        a.form_errors()
    );
    press(&mut a, "esc");

    // A pain of 11.
    press(&mut a, "c");
    type_text(&mut a, "calf");
    keys(&mut a, "enter tab");
    type_text(&mut a, "11");
    press(&mut a, "ctrl-s");
    assert!(a.form_open().is_some());
    assert!(
        a.form_errors()[0].contains("0 to 10"),
        "{:?}",
        a.form_errors()
    );
    assert!(screen(&a, 80, 24).contains("! 11 is out of range"));

    // A time that is not one, and one in the future.
    keys(&mut a, "shift-tab shift-tab ctrl-u");
    type_text(&mut a, "tomorrow-ish");
    press(&mut a, "ctrl-s");
    assert!(
        a.form_errors().iter().any(|e| e.contains("accepted: now")),
        "{:?}",
        a.form_errors()
    );
    press(&mut a, "ctrl-u");
    type_text(&mut a, "23:59");
    press(&mut a, "ctrl-s");
    assert!(
        a.form_errors().iter().any(|e| e.contains("in the future")),
        "{:?}",
        a.form_errors()
    );
    // Esc asks first: something was typed.
    keys(&mut a, "esc y");

    // An unknown site names the close ones.
    press(&mut a, "t");
    type_text(&mut a, "zzz");
    press(&mut a, "enter");
    assert!(
        a.form_errors()[0].contains("unknown site"),
        "{:?}",
        a.form_errors()
    );
    keys(&mut a, "esc y");

    // A check-in with stress 12 and caffeine as "beer".
    press(&mut a, "d");
    press(&mut a, "tab");
    type_text(&mut a, "beer");
    press(&mut a, "ctrl-s");
    assert!(
        a.form_errors().iter().any(|e| e.contains("coffee")),
        "{:?}",
        a.form_errors()
    );
    keys(&mut a, "esc y");

    assert_eq!(all_episodes(&a).len(), before);
    let c = a.diary().checkin(today()).unwrap().unwrap();
    assert_eq!(c.caffeine_mg, Some(420));
}

#[test]
fn quitting_asks_only_when_a_form_has_changes() {
    let (_d, mut a) = small();
    keys(&mut a, "t esc q");
    assert!(a.should_quit(), "nothing typed: q quits at once");

    let (_d, mut a) = small();
    press(&mut a, "t");
    type_text(&mut a, "q");
    assert!(!a.should_quit(), "q in a text field is a letter");
    keys(&mut a, "tab tab q");
    assert!(!a.should_quit());
    assert!(screen(&a, 80, 24).contains("Quit anyway?"));
    press(&mut a, "n");
    assert!(!a.should_quit());
    assert_eq!(
        a.form_open(),
        Some(true),
        "the form and its text are still there"
    );
    keys(&mut a, "q y");
    assert!(a.should_quit());

    let (_d, mut a) = small();
    press(&mut a, "ctrl-c");
    assert!(a.should_quit());
}

#[test]
fn filter_history_by_kind_site_and_date() {
    let (_d, mut a) = small();
    keys(&mut a, "2 /");
    type_text(&mut a, "cramp");
    press(&mut a, "enter");
    assert!(screen(&a, 80, 24).contains("History (2)"));
    press(&mut a, "/");
    keys(&mut a, "ctrl-u");
    type_text(&mut a, "eyelid since:2026-11-24");
    press(&mut a, "enter");
    assert!(screen(&a, 80, 24).contains("History (1)"));
    press(&mut a, "/");
    keys(&mut a, "ctrl-u");
    type_text(&mut a, "since:soon");
    press(&mut a, "enter");
    assert!(screen(&a, 80, 24).contains("! 'soon' is not a day"));
    keys(&mut a, "esc");
    press(&mut a, "/");
    keys(&mut a, "ctrl-u enter");
    assert!(screen(&a, 80, 24).contains("History (7)"));
}

#[test]
fn add_and_stop_a_medication_and_record_a_self_check() {
    let (_d, mut a) = small();
    keys(&mut a, "3 a");
    type_text(&mut a, "furosemide");
    // From "other", Right twice: through the catalogue's first classes.
    keys(&mut a, "tab right right tab");
    type_text(&mut a, "40 mg");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let meds = a.diary().medications().unwrap();
    let f = meds.iter().find(|m| m.name == "furosemide").unwrap();
    assert_eq!(f.class, "loop-diuretic");
    assert_eq!(f.dose.as_deref(), Some("40 mg"));
    assert_eq!(f.start, today());
    // The list shows those still taken, newest first: furosemide is picked. Its form records
    // the stop, in its last field.
    press(&mut a, "e");
    keys(&mut a, "tab tab tab tab");
    type_text(&mut a, "today");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let f = a
        .diary()
        .medications()
        .unwrap()
        .into_iter()
        .find(|m| m.name == "furosemide")
        .unwrap();
    assert_eq!(f.stop, Some(today()));

    // Self-check: heel walk fails, tingling present.
    keys(
        &mut a,
        "s right right down down down down down enter ctrl-s",
    );
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    assert!(a.status().unwrap().contains("red flag"), "{:?}", a.status());
    let checks = a.diary().self_checks().unwrap();
    let c = checks.iter().find(|c| c.date == today()).unwrap();
    assert_eq!(c.heel_walk, Some(myolog::domain::TestResult::Fail));
    assert_eq!(c.symptoms, vec!["tingling".to_string()]);

    // An empty self-check is refused inline.
    keys(&mut a, "s ctrl-s");
    assert!(
        a.form_errors()[0].contains("nothing to record"),
        "{:?}",
        a.form_errors()
    );
}

#[test]
fn only_key_presses_count_and_odd_events_do_no_harm() {
    let (_d, mut a) = small();
    let release = KeyEvent {
        code: KeyCode::Char('t'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    };
    a.handle(Event::Key(release));
    assert_eq!(a.form_open(), None);
    a.handle(Event::Resize(10, 3));
    a.handle(Event::Paste("pasted\nwith a line break".into()));
    a.handle(Event::FocusLost);
    // Paste goes into the focused text field, on one line.
    press(&mut a, "t");
    a.handle(Event::Paste("calf\n".into()));
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    // Every screen draws at odd sizes, even tiny ones.
    for k in ["1", "2", "3", "4", "5", "t", "c", "d", "s", "?"] {
        let (_d, mut a) = small();
        press(&mut a, k);
        for (w, h) in [(1, 1), (10, 3), (20, 8), (40, 10), (200, 60)] {
            screen(&a, w, h);
        }
    }
}

#[test]
fn the_mouse_scrolls_and_clicks() {
    let (_d, mut a) = small();
    press(&mut a, "2");
    screen(&a, 80, 24);
    let mouse = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    a.handle(mouse(MouseEventKind::ScrollDown, 10, 10));
    assert!(screen(&a, 80, 24).contains("4 of 7"));
    // A click on the third row of the table (rows start under the title and header).
    a.handle(mouse(
        MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left),
        10,
        5,
    ));
    assert!(screen(&a, 80, 24).contains("3 of 7"));
    // A click on "3 Meds & checks" in the tab bar.
    a.handle(mouse(
        MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left),
        35,
        0,
    ));
    assert_eq!(a.tab(), Tab::Meds);
}

#[test]
fn a_click_picks_a_patterns_section_on_either_row_of_a_narrow_bar() {
    let (_d, mut a) = small();
    press(&mut a, "4");
    let s = screen(&a, 40, 15);
    let lines: Vec<&str> = s.lines().collect();
    // Each label is found where it is drawn, on whichever row the width put it.
    for (label, section) in [("Experiments", "No experiment"), ("Calendar", "Mon")] {
        let (row, column) = lines
            .iter()
            .enumerate()
            .find_map(|(r, l)| l.find(label).map(|c| (r, c)))
            .unwrap_or_else(|| panic!("{label} not drawn:\n{s}"));
        // The screen's lines are quoted: one column for the quote.
        let (row, column) = (row as u16, column as u16 - 1);
        a.handle(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }));
        let after = screen(&a, 40, 15);
        assert!(after.contains(&format!("[{label}")), "{label}:\n{after}");
        assert!(after.contains(section), "{label}:\n{after}");
    }
}

#[test]
fn keys_can_be_rebound_in_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::parse("[keys]\nnew_twitch = \"w\"\nsave = \"ctrl-w\"\n", None).unwrap();
    let mut a = App::new(small_diary(dir.path()), clock(), &config).unwrap();
    press(&mut a, "t");
    assert_eq!(a.form_open(), None, "t is no longer bound");
    press(&mut a, "w");
    assert_eq!(a.form_open(), Some(false));
    type_text(&mut a, "calf");
    a.handle(Event::Key(KeyEvent::new(
        KeyCode::Char('w'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(a.form_open(), None);
    press(&mut a, "1");
    assert!(
        screen(&a, 80, 24).contains("w twitch"),
        "hints follow the bindings"
    );
}

#[test]
fn an_empty_diary_opens_on_the_welcome_and_logging_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(empty_diary(dir.path()));
    assert!(screen(&a, 80, 24).contains("Welcome to myolog"));
    press(&mut a, "t");
    type_text(&mut a, "eyelid:r");
    press(&mut a, "ctrl-s");
    let s = screen(&a, 80, 24);
    assert!(!s.contains("Welcome"), "{s}");
    assert!(s.contains("Today's episodes (1)"));
}

#[test]
fn history_pages_through_a_long_diary_and_lands_on_the_right_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut diary = empty_diary(dir.path());
    let start = clock().now_fixed();
    let episodes: Vec<_> = (0..1500)
        .map(|i| {
            myolog::domain::Episode::new(
                if i % 5 == 0 {
                    Kind::Cramp
                } else {
                    Kind::Twitch
                },
                start - chrono::TimeDelta::minutes(37 * i),
                vec![SiteRef::parse("calf:left").unwrap()],
                now(),
            )
        })
        .collect();
    diary.add_episodes_bulk(&episodes).unwrap();
    let all = diary.episodes(&EpisodeFilter::default()).unwrap();
    let mut a = app(diary);
    press(&mut a, "2");
    screen(&a, 80, 24);
    let opened = |a: &mut App| {
        press(a, "e");
        let s = screen(a, 80, 24);
        press(a, "esc");
        s
    };
    let title = |i: usize| {
        format!(
            "Change the {} of {}",
            all[i].kind,
            all[i].start.format("%Y-%m-%d %H:%M")
        )
    };
    for _ in 0..45 {
        press(&mut a, "pagedown");
    }
    for _ in 0..7 {
        press(&mut a, "j");
    }
    // 45 pages of 20 rows (80x24 shows 20) and 7 rows down.
    let at = 45 * 20 + 7;
    assert!(screen(&a, 80, 24).contains(&format!("{} of 1500", at + 1)));
    assert!(opened(&mut a).contains(&title(at)));
    keys(&mut a, "G k k k");
    assert!(opened(&mut a).contains(&title(1496)));
    for _ in 0..30 {
        press(&mut a, "pageup");
    }
    assert!(opened(&mut a).contains(&title(1496 - 600)));
    keys(&mut a, "g");
    assert!(opened(&mut a).contains(&title(0)));
}

#[test]
fn a_site_can_be_picked_by_walking_the_body_map() {
    let (_d, mut a) = small();
    // Right starts at the catalogue's first site (eyelid), then face, then jaw.
    keys(&mut a, "t right right right");
    assert!(screen(&a, 120, 40).contains("[jaw]"));
    keys(&mut a, "enter left enter ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    assert_eq!(
        all_episodes(&a)[0].sites,
        vec![
            SiteRef::parse("jaw").unwrap(),
            SiteRef::parse("face").unwrap()
        ]
    );
}

/// Thousands of keys, pastes, clicks and resizes in a seeded random order, drawing at random
/// sizes after each: nothing may panic, and the diary must still open afterwards.
#[test]
fn random_input_never_crashes_the_app() {
    let (dir, mut a) = small();
    let mut seed: u64 = 0x5eed_1234_abcd;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let keys_list = [
        "t",
        "c",
        "d",
        "s",
        "a",
        "1",
        "2",
        "3",
        "4",
        "5",
        "?",
        "j",
        "k",
        "G",
        "g",
        "e",
        "x",
        "u",
        "/",
        "tab",
        "shift-tab",
        "enter",
        "esc",
        "space",
        "up",
        "down",
        "left",
        "right",
        "pagedown",
        "pageup",
        "backspace",
        "ctrl-s",
        "ctrl-u",
        "7",
        ":",
        "l",
        "z",
        "-",
        "q",
        "n",
    ];
    let sizes = [(80, 24), (120, 40), (20, 5), (1, 1), (200, 60), (33, 12)];
    for step in 0..3000 {
        match next(20) {
            0 => a.handle(Event::Paste("calf:l, 2coffee\tthigh\n".into())),
            1 => {
                let (w, h) = sizes[next(sizes.len())];
                a.handle(Event::Resize(w, h));
            }
            2 => a.handle(Event::Mouse(MouseEvent {
                kind: [
                    MouseEventKind::ScrollDown,
                    MouseEventKind::ScrollUp,
                    MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left),
                ][next(3)],
                column: next(120) as u16,
                row: next(40) as u16,
                modifiers: KeyModifiers::NONE,
            })),
            _ => press(&mut a, keys_list[next(keys_list.len())]),
        }
        if a.should_quit() {
            // Start again on the same diary.
            let diary = myolog::store::Diary::open(
                &dir.path().join("diary.sqlite3"),
                myolog::store::Access::Write,
                now(),
            )
            .unwrap();
            a = app(diary).with_export_dir(dir.path());
        }
        if step % 3 == 0 {
            let (w, h) = sizes[next(sizes.len())];
            screen(&a, w, h);
        }
    }
    assert!(a.diary().counts().is_ok());
}

#[test]
fn an_edit_keeps_what_the_form_does_not_show() {
    let dir = tempfile::tempdir().unwrap();
    let mut diary = empty_diary(dir.path());
    // Logged on the command line: seconds in the start, a relief on a twitch.
    let mut e = myolog::domain::Episode::new(
        Kind::Twitch,
        chrono::DateTime::parse_from_rfc3339("2026-11-25T09:00:42+01:00").unwrap(),
        vec![SiteRef::parse("eyelid:left").unwrap()],
        now(),
    );
    e.reliefs = vec![ReliefUse::parse("massage").unwrap()];
    diary.add_episode(&e).unwrap();
    let mut a = app(diary);
    keys(&mut a, "2 e tab tab");
    type_text(&mut a, "2");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "errors: {:?}", a.form_errors());
    let after = a.diary().episode(e.id).unwrap().unwrap();
    assert_eq!(after.intensity, Some(2));
    assert_eq!(after.start, e.start);
    assert_eq!(after.reliefs, e.reliefs);
    assert_eq!(after.created, e.created);
}

#[test]
fn the_run_loop_drives_the_app_on_a_test_backend() {
    use std::sync::atomic::AtomicBool;
    let (_d, mut a) = small();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let key = |c: char, m: KeyModifiers| Some(Event::Key(KeyEvent::new(KeyCode::Char(c), m)));
    let mut script: std::collections::VecDeque<Option<Event>> = [
        key('t', KeyModifiers::NONE),
        None,
        key('c', KeyModifiers::NONE),
        key('a', KeyModifiers::NONE),
        key('l', KeyModifiers::NONE),
        key('f', KeyModifiers::NONE),
        Some(Event::Resize(100, 30)),
        key('s', KeyModifiers::CONTROL),
        key('q', KeyModifiers::NONE),
    ]
    .into();
    let mut ticks = 0;
    myolog::tui::event_loop(
        &mut terminal,
        &mut a,
        &AtomicBool::new(false),
        || Ok(script.pop_front().expect("the loop stops at q")),
        |_| ticks += 1,
    )
    .unwrap();
    assert!(a.should_quit());
    assert_eq!(
        ticks, 9,
        "the clock is offered a tick for every event and every timeout"
    );
    assert_eq!(
        all_episodes(&a)[0].sites,
        vec![SiteRef::parse("calf").unwrap()]
    );
    let last = terminal.backend().to_string();
    assert!(last.contains("Logged the twitch"), "{last}");
}
