//! Undo and redo, as a user meets them: `myolog undo` / `myolog redo` name what each took back
//! or brought back; in the UI `u` takes back this session's changes at once, but names an older
//! change and needs `y`, so pressing `u` again and again never walks the diary back unawares;
//! Ctrl-R redoes; a new change after an undo ends what can be redone; the journal says when
//! older changes can no longer be undone; and a record brought back never brings back a change
//! time in the future.

use crate::support::cli as common;
use crate::support::tui as tui_common;

use common::{Env, assert_ok, assert_refused, count, find, stdout};
use myolog::domain::{Episode, Kind, SiteRef};
use myolog::store::{Access, Diary, EpisodeFilter};
use myolog::tui::App;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_common::{keys, press, type_text};

#[test]
fn undo_and_redo_on_the_command_line_walk_back_and_forth_naming_each_change() {
    let env = Env::new();
    let id = env.log(&[
        "cramp",
        "--site",
        "calf:left",
        "--pain",
        "7",
        "--at",
        "03:10",
    ]);
    env.ok(&["edit", &id, "--pain", "4"]);
    env.ok(&["delete", &id]);
    assert!(env.list(&[]).is_empty());

    let said = env.ok(&["undo"]);
    assert!(
        said.contains("Undone: deleting the cramp at 2026-11-25 03:10"),
        "{said}"
    );
    assert!(said.contains("`myolog redo` brings it back"), "{said}");
    assert!(said.contains("2 more changes can be undone"), "{said}");
    assert_eq!(find(&env.list(&[]), &id)["pain"], 4);
    let said = env.ok(&["undo"]);
    assert!(said.contains("Undone: editing the cramp"), "{said}");
    assert_eq!(find(&env.list(&[]), &id)["pain"], 7);
    let said = env.ok(&["undo"]);
    assert!(said.contains("Undone: logging the cramp"), "{said}");
    assert!(env.list(&[]).is_empty());
    assert_eq!(env.ok(&["undo"]).trim(), "Nothing to undo.");

    // Redo brings each back, oldest undo last.
    let said = env.ok(&["redo"]);
    assert!(said.contains("Redone: logging the cramp"), "{said}");
    assert!(
        said.contains("2 more undone changes can be redone"),
        "{said}"
    );
    assert_eq!(find(&env.list(&[]), &id)["pain"], 7);
    let said = env.ok(&["redo"]);
    assert!(said.contains("Redone: editing the cramp"), "{said}");
    assert_eq!(find(&env.list(&[]), &id)["pain"], 4);
    // Undo and redo again in the middle: the same change back and forth.
    assert!(env.ok(&["undo"]).contains("Undone: editing the cramp"));
    assert!(env.ok(&["redo"]).contains("Redone: editing the cramp"));
    assert_eq!(find(&env.list(&[]), &id)["pain"], 4);

    // A new change after an undo ends what can be redone: the deletion stays undone.
    env.ok(&["edit", &id, "--note", "kept"]);
    let said = env.ok(&["redo"]);
    assert!(said.starts_with("Nothing to redo"), "{said}");
    let cramp = find(&env.list(&[]), &id).clone();
    assert_eq!(cramp["pain"], 4);
    assert_eq!(cramp["note"], "kept");
}

/// A check-in saved twice on one day: undo names the second as a change and the first as the
/// day's save, where both used to read "the check-in of 2026-11-25".
#[test]
fn undo_of_a_checkin_says_whether_it_was_the_days_save_or_a_change() {
    let env = Env::new();
    env.ok(&["checkin", "--sleep", "7"]);
    env.ok(&["checkin", "--caffeine", "100"]);
    let said = env.ok(&["undo"]);
    assert!(
        said.contains("Undone: changing the check-in of 2026-11-25"),
        "{said}"
    );
    let said = env.ok(&["undo"]);
    assert!(
        said.contains("Undone: saving the check-in of 2026-11-25"),
        "{said}"
    );
    let said = env.ok(&["redo"]);
    assert!(
        said.contains("Redone: saving the check-in of 2026-11-25"),
        "{said}"
    );
}

#[test]
fn an_import_ends_what_can_be_redone() {
    let env = Env::new();
    let id = env.log(&["twitch", "--site", "eyelid:left", "--at", "08:00"]);
    let file = env.path("diary.json");
    env.ok(&["export", "--format", "json", "-o", file.to_str().unwrap()]);
    env.ok(&["edit", &id, "--intensity", "3"]);
    env.ok(&["undo"]);
    env.ok(&["import", file.to_str().unwrap()]);
    assert!(env.ok(&["redo"]).starts_with("Nothing to redo"));
}

/// An entry naming its record by something that is no key of that kind (a damaged file, or
/// one changed by hand) is refused as damage, and nothing is undone.
#[test]
fn an_entry_whose_key_is_no_key_of_its_kind_is_refused_as_damage() {
    let env = Env::new();
    env.ok(&["checkin", "--sleep", "7"]);
    rusqlite::Connection::open(&env.db)
        .unwrap()
        .execute(
            "INSERT INTO undo_journal (seq, entity, key, before, label, at_utc)
             VALUES (1000, 'checkin', 'not a date', NULL, 'the check-in of no day', 1764000000)",
            [],
        )
        .unwrap();
    let said = assert_refused(&env.run(&["undo"]), "'not a date'");
    assert!(said.contains("the diary is damaged"), "{said}");
    assert_eq!(
        count(
            &env.db,
            "SELECT count(*) FROM undo_journal WHERE seq = 1000"
        ),
        1
    );
}

#[test]
fn the_journal_says_when_older_changes_can_no_longer_be_undone() {
    let env = Env::new();
    let now = crate::support::now_utc();
    let mut diary = Diary::open(&env.db, Access::Write, now).unwrap();
    let keep = myolog::store::KEEP as usize;
    for i in 0..keep + 5 {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-01T08:00:00+00:00").unwrap()
            + chrono::TimeDelta::minutes(i as i64);
        let e = Episode::new(
            Kind::Twitch,
            at,
            vec![SiteRef::parse("thumb:left").unwrap()],
            now,
        );
        diary.add_episode(&e).unwrap();
    }
    let journal = diary.journal().unwrap();
    assert_eq!(journal.undo, keep);
    assert!(journal.dropped);
    for _ in 0..keep - 1 {
        assert!(diary.undo(now).unwrap().is_some());
    }
    drop(diary);
    let said = env.ok(&["undo"]);
    assert!(
        said.contains("0 more changes can be undone; older ones can no longer be undone"),
        "{said}"
    );
    let said = env.ok(&["undo"]);
    assert!(
        said.starts_with("Nothing more to undo: older changes can no longer be taken back (only the last 200 are kept"),
        "{said}"
    );
    // The five oldest, beyond the journal, are still there.
    assert_eq!(env.list(&[]).len(), 5);
}

#[test]
fn a_copy_with_change_times_in_the_future_never_comes_back_with_them() {
    let env = Env::new();
    let id = env.log(&["twitch", "--site", "calf:right", "--at", "07:00"]);
    // A copy from a phone whose clock ran decades ahead, already in an old diary.
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        let future = chrono::DateTime::parse_from_rfc3339("2099-01-01T00:00:00Z")
            .unwrap()
            .timestamp();
        conn.execute(
            "UPDATE episodes SET updated_utc = ?1, note = 'from 2099' WHERE id = ?2",
            (future, &id),
        )
        .unwrap();
    }
    env.ok(&["edit", &id, "--note", "corrected"]);
    env.ok(&["undo"]);
    let back = find(&env.list(&[]), &id).clone();
    assert_eq!(back["note"], "from 2099", "undo brings the content back");
    assert_eq!(
        back["updated"], "2026-11-25T10:15:00Z",
        "but as changed now, not in 2099"
    );
    env.ok(&["redo"]);
    let again = find(&env.list(&[]), &id).clone();
    assert_eq!(again["note"], "corrected");
    assert_eq!(again["updated"], "2026-11-25T10:15:00Z");
}

fn ctrl(app: &mut App, c: char) {
    app.handle(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn episodes(app: &App) -> Vec<Episode> {
    app.diary().episodes(&EpisodeFilter::default()).unwrap()
}

fn status(app: &App) -> String {
    app.status().unwrap_or_default().to_string()
}

/// The small diary's self-check (its newest change, made before the UI opened) is there.
fn self_checks(app: &App) -> usize {
    app.diary().self_checks().unwrap().len()
}

#[test]
fn u_takes_back_this_sessions_changes_at_once_and_asks_before_an_older_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_common::app(tui_common::small_diary(dir.path()));
    let before = episodes(&app).len();

    // A twitch logged in this session: u takes it back without a question.
    press(&mut app, "t");
    type_text(&mut app, "calf:l");
    press(&mut app, "ctrl-s");
    assert_eq!(app.form_open(), None, "errors: {:?}", app.form_errors());
    assert_eq!(episodes(&app).len(), before + 1);
    press(&mut app, "u");
    assert_eq!(episodes(&app).len(), before);
    let said = status(&app);
    assert!(said.starts_with("Undone: logging the twitch"), "{said}");
    assert!(said.contains("Ctrl-R brings it back"), "{said}");

    // The next change back was made before the UI opened: named, and nothing undone yet.
    press(&mut app, "u");
    let asked = status(&app);
    assert!(
        asked.contains("the self-check of 2026-11-20") && asked.contains("not in this session"),
        "{asked}"
    );
    assert!(asked.contains("Press y"), "{asked}");
    // The question is on the screen, where the user looks.
    let drawn = tui_common::screen(&app, 120, 40);
    assert!(
        drawn.contains("Undo the self-check of 2026-11-20"),
        "{drawn}"
    );
    assert_eq!(self_checks(&app), 1, "asking changes nothing");
    // Any other key keeps it.
    press(&mut app, "n");
    assert_eq!(self_checks(&app), 1);
    assert!(
        status(&app).contains("nothing was undone"),
        "{}",
        status(&app)
    );

    // y takes it back.
    keys(&mut app, "u y");
    assert_eq!(self_checks(&app), 0);
    assert!(
        status(&app).starts_with("Undone: the self-check of 2026-11-20"),
        "{}",
        status(&app)
    );

    // Ctrl-R brings back what undo took, newest first: the self-check, then the twitch.
    ctrl(&mut app, 'r');
    assert_eq!(self_checks(&app), 1);
    assert!(
        status(&app).starts_with("Redone: the self-check of 2026-11-20"),
        "{}",
        status(&app)
    );
    ctrl(&mut app, 'r');
    assert_eq!(episodes(&app).len(), before + 1);
    assert!(
        status(&app).starts_with("Redone: logging the twitch"),
        "{}",
        status(&app)
    );
    ctrl(&mut app, 'r');
    assert!(
        status(&app).starts_with("Nothing to redo"),
        "{}",
        status(&app)
    );

    // Redone in this session, the twitch is this session's to undo again.
    press(&mut app, "u");
    assert_eq!(episodes(&app).len(), before);
    assert!(status(&app).starts_with("Undone: logging the twitch"));
}

#[test]
fn pressing_u_again_and_again_never_walks_the_diary_back_past_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_common::app(tui_common::small_diary(dir.path()));
    let counts = |app: &App| app.diary().counts().unwrap();
    let before = counts(&app);
    for _ in 0..20 {
        press(&mut app, "u");
    }
    assert_eq!(counts(&app), before, "twenty u's undid something unasked");
    // The diary screen asks each time, naming the change.
    assert!(
        status(&app).contains("the self-check of 2026-11-20")
            || status(&app).contains("nothing was undone"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_change_after_an_undo_in_the_ui_ends_what_can_be_redone() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_common::app(tui_common::small_diary(dir.path()));
    press(&mut app, "t");
    type_text(&mut app, "calf:l");
    press(&mut app, "ctrl-s");
    press(&mut app, "u");
    // Another twitch, then Ctrl-R: the first one stays undone.
    press(&mut app, "t");
    type_text(&mut app, "thumb:r");
    press(&mut app, "ctrl-s");
    let after = episodes(&app).len();
    ctrl(&mut app, 'r');
    assert!(
        status(&app).starts_with("Nothing to redo"),
        "{}",
        status(&app)
    );
    assert_eq!(episodes(&app).len(), after);
}

#[test]
fn an_undo_asked_about_is_not_done_if_the_diary_changed_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_common::app(tui_common::small_diary(dir.path()));
    press(&mut app, "u");
    assert!(status(&app).contains("Press y"), "{}", status(&app));
    // Before the answer, the command line logs a cramp: y must not undo that one unasked.
    let mut elsewhere = Diary::open(
        &dir.path().join("diary.sqlite3"),
        Access::Write,
        tui_common::now(),
    )
    .unwrap();
    let cramp = Episode::new(
        Kind::Cramp,
        tui_common::clock().now_fixed(),
        vec![SiteRef::parse("calf:left").unwrap()],
        tui_common::now(),
    );
    elsewhere.add_episode(&cramp).unwrap();
    press(&mut app, "y");
    assert!(
        status(&app).contains("changed meanwhile"),
        "{}",
        status(&app)
    );
    assert!(app.diary().episode(cramp.id).unwrap().is_some());
    assert_eq!(self_checks(&app), 1);
}

#[test]
fn undo_never_reaches_past_an_import_that_changed_something() {
    // An edit, then an import of a newer copy of the same cramp (the phone's pain and note):
    // undo used to take back the edit by putting the cramp back as it was before it, wiping
    // what the import brought.
    let env = Env::new();
    let id = env.log(&["cramp", "--site", "calf:left", "--pain", "7"]);
    env.ok(&["edit", &id, "--note", "my edit"]);
    let copy = env.path("copy.json");
    env.ok(&["export", "--format", "json", "-o", copy.to_str().unwrap()]);
    let mut data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&copy).unwrap()).unwrap();
    let cramp = &mut data["episodes"][0];
    cramp["pain"] = 9.into();
    cramp["note"] = "phone note".into();
    cramp["updated"] = "2026-11-25T10:20:00Z".into();
    std::fs::write(&copy, serde_json::to_vec(&data).unwrap()).unwrap();
    let later = |args: &[&str]| {
        let out = env
            .command()
            .env("MYOLOG_NOW", "2026-11-25T10:30:00Z")
            .args(args)
            .output()
            .unwrap();
        assert_ok(&out, args);
        stdout(&out)
    };
    later(&["import", copy.to_str().unwrap()]);
    let said = later(&["undo"]);
    assert!(
        said.starts_with("Nothing more to undo: older changes"),
        "{said}"
    );
    let listed = env.list(&[]);
    let kept = common::find(&listed, &id);
    assert_eq!(
        (kept["pain"].as_i64(), kept["note"].as_str()),
        (Some(9), Some("phone note"))
    );

    // An import that brings nothing new leaves undo as it was.
    let env = Env::new();
    let id = env.log(&["twitch", "--site", "calf"]);
    let copy = env.path("same.json");
    env.ok(&["export", "--format", "json", "-o", copy.to_str().unwrap()]);
    env.ok(&["delete", &id]);
    env.ok(&["import", copy.to_str().unwrap()]);
    assert!(env.ok(&["undo"]).starts_with("Undone: deleting the twitch"));
    assert_eq!(env.list(&[]).len(), 1);
}

/// A form saved as it was opened, or an edit to the values already there, changes nothing: it
/// used to say "Changed ..." and take an undo step, so the next `u` undid nothing and the
/// person's real last change needed a second press.
#[test]
fn a_save_that_changes_nothing_says_so_and_takes_no_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_common::app(tui_common::small_diary(dir.path()));
    press(&mut app, "t");
    type_text(&mut app, "calf:l");
    press(&mut app, "ctrl-s");
    let logged = episodes(&app);
    // Today lists it first; e opens it, Ctrl-S saves it as it is.
    keys(&mut app, "2 g e");
    assert!(app.form_open().is_some());
    press(&mut app, "ctrl-s");
    assert_eq!(app.form_open(), None, "errors: {:?}", app.form_errors());
    let said = status(&app);
    assert!(
        said.starts_with("Nothing was changed, so nothing was saved"),
        "{said}"
    );
    assert_eq!(
        episodes(&app),
        logged,
        "nothing written, not even a change time"
    );
    press(&mut app, "u");
    let said = status(&app);
    assert!(said.starts_with("Undone: logging the twitch"), "{said}");

    // The command line: the same pain again is no change, and undo takes back the real one.
    let env = Env::new();
    let id = env.log(&["cramp", "--site", "calf:left", "--pain", "7"]);
    env.ok(&["edit", &id, "--pain", "4"]);
    let said = env.ok(&["edit", &id, "--pain", "4"]);
    assert!(
        said.starts_with(
            "No change: the cramp at 2026-11-25 10:15 already holds those values; nothing was saved"
        ),
        "{said}"
    );
    assert!(env.ok(&["undo"]).contains("Undone: editing the cramp"));
    assert_eq!(find(&env.list(&[]), &id)["pain"], 7);
}
