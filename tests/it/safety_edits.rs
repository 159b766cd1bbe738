//! Edits at the same moment all land: each reads and writes the record inside one write
//! transaction, so a second edit works on what the first one left, field by field. The command
//! line (three `myolog edit` at once), check-ins saved at once, medications changed through two
//! diaries at once, and the UI saving a form while the command line changed another field.

use crate::support::cli as common;
use crate::support::tui as tui_common;

use std::process::{Child, Command, Stdio};
use std::thread;

use chrono::NaiveDate;
use common::{Env, assert_refused, find, stderr};
use myolog::domain::{Episode, Medication};
use myolog::store::{Access, Diary};

fn spawn(env: &Env, args: &[&str]) -> Child {
    let mut cmd: Command = env.command();
    cmd.args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn myolog")
}

fn finished(child: Child, what: &str) {
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{what} failed ({:?}): {}",
        out.status.code(),
        stderr(&out)
    );
}

#[test]
fn three_edits_of_one_cramp_at_once_keep_all_three_fields_twenty_times_over() {
    let env = Env::new();
    let id = env.log(&[
        "cramp",
        "--site",
        "calf:left",
        "--pain",
        "2",
        "--at",
        "03:10",
    ]);
    for round in 0..20u32 {
        let pain = (round % 10 + 1).to_string();
        let note = format!("round {round}");
        let duration = format!("{}m", round + 1);
        let edits = [
            vec!["edit", &id, "--pain", &pain],
            vec!["edit", &id, "--note", &note],
            vec!["edit", &id, "--duration", &duration],
        ];
        let children: Vec<Child> = edits.iter().map(|args| spawn(&env, args)).collect();
        for (child, args) in children.into_iter().zip(&edits) {
            finished(child, &format!("{args:?}"));
        }
        let episodes = env.list(&[]);
        let cramp = find(&episodes, &id);
        assert_eq!(cramp["pain"], round % 10 + 1, "round {round}: pain lost");
        assert_eq!(cramp["note"], note, "round {round}: note lost");
        assert_eq!(
            cramp["duration_s"],
            60 * (round + 1),
            "round {round}: duration lost"
        );
        // Untouched fields stay as logged.
        assert_eq!(cramp["sites"][0]["site"], "calf", "round {round}");
    }
}

#[test]
fn check_ins_saved_at_once_keep_every_field_given() {
    let env = Env::new();
    for round in 0..10u32 {
        let day = format!("2026-11-{:02}", 10 + round);
        let sleep = format!("{}", 5 + round % 4);
        let caffeine = format!("{}", 100 + round);
        let stress = format!("{}", round % 10);
        let saves = [
            vec!["checkin", "--date", &day, "--sleep", &sleep],
            vec!["checkin", "--date", &day, "--caffeine", &caffeine],
            vec!["checkin", "--date", &day, "--stress", &stress],
        ];
        let children: Vec<Child> = saves.iter().map(|args| spawn(&env, args)).collect();
        for (child, args) in children.into_iter().zip(&saves) {
            finished(child, &format!("{args:?}"));
        }
        let date = NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap();
        let diary = Diary::open(&env.db, Access::Read, crate::support::now_utc()).unwrap();
        let c = diary.checkin(date).unwrap().unwrap();
        assert_eq!(c.sleep_h, Some(f64::from(5 + round % 4)), "{day}");
        assert_eq!(c.caffeine_mg, Some(100 + round), "{day}");
        assert_eq!(c.stress, Some((round % 10) as u8), "{day}");
    }
}

#[test]
fn two_diaries_changing_one_medication_at_once_keep_both_changes() {
    let env = Env::new();
    let now = crate::support::now_utc();
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let id = uuid::Uuid::from_u128(42);
    let mut diary = Diary::open(&env.db, Access::Write, now).unwrap();
    diary
        .add_medication(&Medication {
            id,
            name: "bendroflumethiazide".into(),
            class: "thiazide-diuretic".into(),
            dose: Some("2.5 mg".into()),
            start: day("2026-09-01"),
            stop: None,
            created: now,
            updated: now,
        })
        .unwrap();
    drop(diary);
    for round in 0..20u32 {
        let dose = format!("{} mg", round + 1);
        let stop = day("2026-10-01") + chrono::Days::new(u64::from(round));
        let barrier = std::sync::Barrier::new(2);
        thread::scope(|s| {
            let (db, barrier) = (&env.db, &barrier);
            let dose = &dose;
            s.spawn(move || {
                let mut d = Diary::open(db, Access::Write, now).unwrap();
                barrier.wait();
                d.edit::<Medication, _>(id, now, |m| {
                    m.dose = Some(dose.clone());
                    Ok::<(), myolog::store::StoreError>(())
                })
                .unwrap();
            });
            s.spawn(move || {
                let mut d = Diary::open(db, Access::Write, now).unwrap();
                barrier.wait();
                d.edit::<Medication, _>(id, now, |m| {
                    m.stop = Some(stop);
                    Ok::<(), myolog::store::StoreError>(())
                })
                .unwrap();
            });
        });
        let diary = Diary::open(&env.db, Access::Read, now).unwrap();
        let meds = diary.medications().unwrap();
        assert_eq!(meds.len(), 1);
        assert_eq!(
            meds[0].dose.as_deref(),
            Some(dose.as_str()),
            "round {round}"
        );
        assert_eq!(meds[0].stop, Some(stop), "round {round}");
    }
}

/// History's newest episode (the 09:55 thumb twitch, intensity 2, no note) open in its form
/// while another program changes it with `elsewhere`; the app, and the twitch's id.
fn form_open_while_changed_elsewhere(
    dir: &std::path::Path,
    elsewhere: impl FnOnce(&mut Episode),
) -> (myolog::tui::App, uuid::Uuid) {
    let mut app = tui_common::app(tui_common::small_diary(dir));
    tui_common::keys(&mut app, "2 e");
    assert_eq!(app.form_open(), Some(false));
    let id = app
        .diary()
        .episodes(&Default::default())
        .unwrap()
        .into_iter()
        .find(|e| e.start.format("%H:%M").to_string() == "09:55")
        .unwrap()
        .id;
    Diary::open(&dir.join("diary.sqlite3"), Access::Write, tui_common::now())
        .unwrap()
        .edit::<Episode, _>(id, tui_common::now(), |e| {
            elsewhere(e);
            Ok::<(), myolog::store::StoreError>(())
        })
        .unwrap();
    (app, id)
}

#[test]
fn a_form_saved_in_the_ui_keeps_a_field_the_command_line_changed_meanwhile() {
    use tui_common::{keys, press, type_text};
    let dir = tempfile::tempdir().unwrap();
    let (mut app, id) = form_open_while_changed_elsewhere(dir.path(), |e| {
        e.note = Some("noted on the phone".into());
    });
    // The form changes the intensity only.
    keys(&mut app, "tab tab ctrl-u");
    type_text(&mut app, "4");
    press(&mut app, "ctrl-s");
    assert_eq!(app.form_open(), None, "errors: {:?}", app.form_errors());
    let saved = app.diary().episode(id).unwrap().unwrap();
    assert_eq!(saved.intensity, Some(4), "the form's change");
    assert_eq!(
        saved.note.as_deref(),
        Some("noted on the phone"),
        "the other program's change is kept"
    );
}

/// The same field changed in the form and elsewhere meanwhile: the save is refused, naming the
/// field, with nothing written (it used to put the form's value over the other without a
/// word); saving again, once told, puts the form's value in its place.
#[test]
fn a_form_that_would_overwrite_a_field_changed_elsewhere_says_so_first() {
    use tui_common::{keys, press, type_text};
    let dir = tempfile::tempdir().unwrap();
    let (mut app, id) = form_open_while_changed_elsewhere(dir.path(), |e| e.intensity = Some(5));
    // The form changes the intensity too, to 4.
    keys(&mut app, "tab tab ctrl-u");
    type_text(&mut app, "4");
    press(&mut app, "ctrl-s");
    assert_eq!(app.form_open(), Some(true), "the form and its text stay");
    let errors = app.form_errors().join(" ");
    assert!(
        errors.contains("changed elsewhere since this form opened: intensity; nothing was saved. Save again to put yours in its place"),
        "{errors}"
    );
    assert_eq!(app.diary().episode(id).unwrap().unwrap().intensity, Some(5));
    // Told, the person saves again: theirs goes in.
    press(&mut app, "ctrl-s");
    assert_eq!(app.form_open(), None, "errors: {:?}", app.form_errors());
    assert_eq!(app.diary().episode(id).unwrap().unwrap().intensity, Some(4));
}

#[test]
fn the_same_medication_still_taken_cannot_be_added_twice() {
    let env = Env::new();
    env.ok(&["med", "add", "Salbutamol", "--class", "beta-2-agonist"]);
    let line = assert_refused(
        &env.run(&["med", "add", " salbutamol ", "--class", "beta-2-agonist"]),
        "NAME",
    );
    assert!(line.contains("being taken already"), "{line}");
    assert_eq!(
        common::count(&env.db, "SELECT count(*) FROM medications"),
        1
    );
    // Once stopped, it may be started again: a new course.
    env.ok(&["med", "stop", "salbutamol", "--on", "today"]);
    env.ok(&["med", "add", "salbutamol", "--class", "beta-2-agonist"]);
    assert_eq!(
        common::count(&env.db, "SELECT count(*) FROM medications"),
        2
    );
}
