//! What `myolog import` keeps when a record is in the diary and in the file, for every kind of
//! record, run as the real binary: the copy changed last wins whole (the diary's on a tie), a
//! record deleted here comes back only when the imported copy was changed after the deletion,
//! and an export of an older myolog (without `updated` times) still imports.

use crate::support::cli as common;

use std::fs;
use std::path::Path;

use common::{Env, assert_ok, count, stdout};
use serde_json::Value;

/// Earlier moments than the clock every command gets ([`common::NOW`], 2026-11-25 10:15 UTC).
const T1: &str = "2026-11-20T09:00:00Z";
const T2: &str = "2026-11-21T09:00:00Z";
const T3: &str = "2026-11-22T09:00:00Z";
const T4: &str = "2026-11-23T09:00:00Z";

/// Runs `myolog ARGS` on `db` with the clock at `now`, which must succeed; returns stdout.
fn at(env: &Env, db: &Path, now: &str, args: &[&str]) -> String {
    let out = env
        .command()
        .env("MYOLOG_DB", db)
        .env("MYOLOG_NOW", now)
        .args(args)
        .output()
        .unwrap();
    assert_ok(&out, args);
    stdout(&out)
}

fn import(env: &Env, db: &Path, file: &Path) -> String {
    env.ok_on(db, &["import", file.to_str().unwrap()])
}

fn json(env: &Env, db: &Path, args: &[&str]) -> Vec<Value> {
    match serde_json::from_str(&env.ok_on(db, args)).unwrap() {
        Value::Array(items) => items,
        other => panic!("not an array: {other}"),
    }
}

fn checkins(env: &Env, db: &Path) -> Vec<Value> {
    json(env, db, &["checkin", "list", "--json"])
}

fn self_checks(env: &Env, db: &Path) -> Vec<Value> {
    json(env, db, &["selfcheck", "list", "--json"])
}

fn medications(env: &Env, db: &Path) -> Vec<Value> {
    json(env, db, &["med", "list", "--json"])
}

/// How many urgent flags are active now.
fn urgent_flags(env: &Env, db: &Path) -> i64 {
    let status: Value = serde_json::from_str(&env.ok_on(db, &["status", "--json"])).unwrap();
    status["flags"]["urgent"].as_i64().unwrap()
}

#[test]
fn a_newer_export_carries_a_corrected_checkin_whole() {
    let env = Env::new();
    at(
        &env,
        &env.db,
        T1,
        &["checkin", "--date", "2026-11-01", "--sleep", "7"],
    );
    let old = env.export_json(&env.db, "old.json");
    at(
        &env,
        &env.db,
        T2,
        &[
            "checkin",
            "--date",
            "2026-11-01",
            "--sleep",
            "5",
            "--caffeine",
            "200",
        ],
    );
    let new = env.export_json(&env.db, "new.json");

    let fresh = env.path("fresh.sqlite3");
    import(&env, &fresh, &old);
    let said = import(&env, &fresh, &new);
    assert!(said.contains("updated 1 check-in"), "{said}");
    let kept = checkins(&env, &fresh);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["sleep_h"], 5.0, "the copy changed last wins");
    assert_eq!(kept[0]["caffeine_mg"], 200);
    assert_eq!(kept[0]["updated"], T2);

    // The older export again changes nothing: the newer copy stays whole, not a mix.
    let said = import(&env, &fresh, &old);
    assert!(said.contains("added nothing"), "{said}");
    assert!(!said.contains("updated"), "{said}");
    let kept = checkins(&env, &fresh);
    assert_eq!(
        (&kept[0]["sleep_h"], &kept[0]["caffeine_mg"]),
        (&5.0.into(), &200.into())
    );
}

#[test]
fn an_edited_self_check_travels_in_a_newer_export() {
    let env = Env::new();
    let said = at(
        &env,
        &env.db,
        T1,
        &["selfcheck", "--date", "2026-11-01", "--jar", "ok"],
    );
    let id = common::id_in(&said).unwrap();
    let old = env.export_json(&env.db, "old.json");
    at(&env, &env.db, T2, &["edit", &id, "--jar", "fail"]);
    let new = env.export_json(&env.db, "new.json");

    let fresh = env.path("fresh.sqlite3");
    import(&env, &fresh, &old);
    assert_eq!(urgent_flags(&env, &fresh), 0);
    let said = import(&env, &fresh, &new);
    assert!(said.contains("updated 1 self-check"), "{said}");
    let kept = self_checks(&env, &fresh);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["id"], id.as_str());
    assert_eq!(kept[0]["jar"], "fail");
    assert_eq!(
        urgent_flags(&env, &fresh),
        1,
        "the failed test is a red flag"
    );
    let doc: Value = serde_json::from_str(&fs::read_to_string(&new).unwrap()).unwrap();
    assert_eq!(doc["self_checks"][0]["created"], T1);
    assert_eq!(doc["self_checks"][0]["updated"], T2, "the edit's time");

    // Back the other way, the diary that made the edit keeps it.
    let said = import(&env, &env.db, &old);
    assert!(said.contains("added nothing"), "{said}");
    assert_eq!(self_checks(&env, &env.db)[0]["jar"], "fail");
}

/// A diary with a check-in, a failed strength test, a medication and an experiment, all made
/// at [`T1`].
fn one_of_each(env: &Env) {
    at(
        env,
        &env.db,
        T1,
        &["checkin", "--date", "2026-11-01", "--sleep", "7"],
    );
    at(
        env,
        &env.db,
        T1,
        &["selfcheck", "--date", "2026-11-01", "--stairs", "fail"],
    );
    at(
        env,
        &env.db,
        T1,
        &[
            "med",
            "add",
            "salbutamol",
            "--class",
            "beta-2-agonist",
            "--start",
            "2026-10-01",
        ],
    );
}

fn id_of(items: &[Value]) -> String {
    items[0]["id"].as_str().unwrap().to_string()
}

#[test]
fn records_deleted_here_stay_deleted_when_an_older_export_is_imported() {
    let env = Env::new();
    one_of_each(&env);
    at(
        &env,
        &env.db,
        T1,
        &[
            "experiment",
            "start",
            "caffeine cut",
            "--change",
            "no-caffeine",
            "--outcome",
            "twitch_day",
            "--on",
            "2026-11-10",
        ],
    );
    let old = env.export_json(&env.db, "old.json");
    assert_eq!(count(&env.db, "SELECT count(*) FROM experiments"), 1);

    // Undoing its start takes the experiment away; the others are deleted by id.
    let undone = at(&env, &env.db, T2, &["undo"]);
    assert!(undone.contains("experiment"), "{undone}");
    for id in [
        id_of(&checkins(&env, &env.db)),
        id_of(&self_checks(&env, &env.db)),
        id_of(&medications(&env, &env.db)),
    ] {
        at(&env, &env.db, T2, &["delete", &id]);
    }
    assert_eq!(urgent_flags(&env, &env.db), 0);

    let said = import(&env, &env.db, &old);
    assert!(said.contains("added nothing"), "{said}");
    assert!(!said.contains("updated"), "{said}");
    assert!(checkins(&env, &env.db).is_empty());
    assert!(self_checks(&env, &env.db).is_empty());
    assert!(medications(&env, &env.db).is_empty());
    assert_eq!(count(&env.db, "SELECT count(*) FROM experiments"), 0);
    assert_eq!(urgent_flags(&env, &env.db), 0, "no red flag comes back");

    // Undo of the deletions still brings each back, and redo takes it away again.
    at(&env, &env.db, T3, &["undo"]);
    assert_eq!(medications(&env, &env.db).len(), 1);
    at(&env, &env.db, T3, &["redo"]);
    assert!(medications(&env, &env.db).is_empty());
}

#[test]
fn a_deleted_record_comes_back_only_from_a_copy_changed_after_the_deletion() {
    let env = Env::new();
    one_of_each(&env);
    let base = env.export_json(&env.db, "base.json");
    let phone = env.path("phone.sqlite3");
    at(&env, &phone, T1, &["import", base.to_str().unwrap()]);
    let check_id = id_of(&self_checks(&env, &phone));

    // The phone changes each record before the deletion, and again after it.
    let change_on_phone = |now: &str, sleep: &str, dose: &str, jar: &str| {
        at(
            &env,
            &phone,
            now,
            &["checkin", "--date", "2026-11-01", "--sleep", sleep],
        );
        at(
            &env,
            &phone,
            now,
            &["med", "edit", "salbutamol", "--dose", dose],
        );
        at(&env, &phone, now, &["edit", &check_id, "--jar", jar]);
    };
    change_on_phone(T2, "6", "1 puff", "ok");
    let before = env.export_json(&phone, "before.json");
    for id in [
        id_of(&checkins(&env, &env.db)),
        id_of(&self_checks(&env, &env.db)),
        id_of(&medications(&env, &env.db)),
    ] {
        at(&env, &env.db, T3, &["delete", &id]);
    }
    change_on_phone(T4, "8", "2 puffs", "fail");
    let after = env.export_json(&phone, "after.json");

    let said = import(&env, &env.db, &before);
    assert!(said.contains("added nothing"), "{said}");
    assert!(!said.contains("updated"), "{said}");
    assert!(checkins(&env, &env.db).is_empty());
    assert!(self_checks(&env, &env.db).is_empty());
    assert!(medications(&env, &env.db).is_empty());

    let said = import(&env, &env.db, &after);
    assert!(
        said.contains("updated 1 check-in, 1 medication, 1 self-check"),
        "{said}"
    );
    assert_eq!(checkins(&env, &env.db)[0]["sleep_h"], 8.0);
    assert_eq!(medications(&env, &env.db)[0]["dose"], "2 puffs");
    assert_eq!(self_checks(&env, &env.db)[0]["jar"], "fail");
    // Back, it is an ordinary record again: the older copy does not replace it.
    let said = import(&env, &env.db, &before);
    assert!(said.contains("added nothing"), "{said}");
    assert_eq!(checkins(&env, &env.db)[0]["sleep_h"], 8.0);
}

#[test]
fn a_copy_changed_at_the_same_moment_keeps_the_diarys() {
    let env = Env::new();
    let other = env.path("other.sqlite3");
    at(
        &env,
        &env.db,
        T1,
        &["checkin", "--date", "2026-11-01", "--sleep", "7"],
    );
    at(
        &env,
        &other,
        T1,
        &["checkin", "--date", "2026-11-01", "--sleep", "5"],
    );
    let said = at(
        &env,
        &env.db,
        T1,
        &["med", "add", "salbutamol", "--class", "beta-2-agonist"],
    );
    let med = common::id_in(&said).unwrap();
    let said = at(&env, &env.db, T1, &["selfcheck", "--jar", "ok"]);
    let check = common::id_in(&said).unwrap();
    let mine = env.export_json(&env.db, "mine.json");
    let import_into_other = || import(&env, &other, &mine);
    import_into_other();
    // The other diary changes them at the very second the first diary's copies were changed.
    at(
        &env,
        &other,
        T1,
        &["med", "edit", &med, "--dose", "9 puffs"],
    );
    at(&env, &other, T1, &["edit", &check, "--jar", "fail"]);
    assert_eq!(
        checkins(&env, &other)[0]["sleep_h"],
        5.0,
        "a tie keeps the diary's"
    );

    let said = import_into_other();
    assert!(said.contains("added nothing"), "{said}");
    assert!(!said.contains("updated"), "{said}");
    assert_eq!(checkins(&env, &other)[0]["sleep_h"], 5.0);
    assert_eq!(medications(&env, &other)[0]["dose"], "9 puffs");
    assert_eq!(self_checks(&env, &other)[0]["jar"], "fail");
}

/// `doc` without the fields an older myolog did not write: a check-in's `created` and
/// `updated`, a self-check's `updated`.
fn as_older_myolog_wrote(doc: &mut Value) {
    for c in doc["checkins"].as_array_mut().unwrap() {
        let c = c.as_object_mut().unwrap();
        assert!(c.remove("created").is_some() && c.remove("updated").is_some());
    }
    for s in doc["self_checks"].as_array_mut().unwrap() {
        assert!(s.as_object_mut().unwrap().remove("updated").is_some());
    }
}

/// A check-in and a self-check of 2026-11-01 saved at `now`, exported as JSON: the file's
/// document, to spoil or to strip as a test needs.
fn checkin_and_self_check_exported(env: &Env, now: &str) -> Value {
    at(
        env,
        &env.db,
        now,
        &["checkin", "--date", "2026-11-01", "--sleep", "7"],
    );
    at(
        env,
        &env.db,
        now,
        &["selfcheck", "--date", "2026-11-01", "--jar", "ok"],
    );
    let file = env.export_json(&env.db, "saved.json");
    serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap()
}

#[test]
fn an_export_without_updated_times_still_imports() {
    let env = Env::new();
    let mut doc = checkin_and_self_check_exported(&env, T2);
    as_older_myolog_wrote(&mut doc);
    let old = env.path("old.json");
    fs::write(&old, serde_json::to_string_pretty(&doc).unwrap()).unwrap();

    // Into a new diary: a self-check was last changed when it was made; a check-in, which
    // carried no times at all, at the earliest start of its date in any time zone.
    let fresh = env.path("fresh.sqlite3");
    let said = import(&env, &fresh, &old);
    assert!(said.contains("added 1 check-in, 1 self-check"), "{said}");
    let check = &self_checks(&env, &fresh)[0];
    assert_eq!(
        (&check["created"], &check["updated"]),
        (&T2.into(), &T2.into())
    );
    let checkin = &checkins(&env, &fresh)[0];
    assert_eq!(checkin["sleep_h"], 7.0);
    // The earliest instant that is 2026-11-01 anywhere: its midnight at UTC+14.
    assert_eq!(checkin["updated"], "2026-10-31T10:00:00Z");
    // A second time, nothing changes.
    let said = import(&env, &fresh, &old);
    assert!(said.contains("added nothing"), "{said}");

    // In Tokyo a check-in saved at 08:00 on the 1st was saved at 23:00 UTC on the 31st: the
    // file's timeless copy must not count as newer and replace it (reviewer).
    let tokyo = env.path("tokyo.sqlite3");
    let out = env
        .command()
        .env("MYOLOG_DB", &tokyo)
        .env("MYOLOG_NOW", "2026-10-31T23:00:00Z")
        .env("TZ", "Asia/Tokyo")
        .args([
            "checkin",
            "--date",
            "2026-11-01",
            "--sleep",
            "5",
            "--note",
            "woke twice",
        ])
        .output()
        .unwrap();
    assert_ok(&out, &["checkin"]);
    let said = import(&env, &tokyo, &old);
    assert!(!said.contains("updated 1 check-in"), "{said}");
    let kept = &checkins(&env, &tokyo)[0];
    assert_eq!(
        (&kept["sleep_h"], &kept["note"]),
        (&5.0.into(), &"woke twice".into())
    );

    // Into a diary whose check-in of that date was saved since: the diary's stays.
    at(
        &env,
        &fresh,
        T3,
        &["checkin", "--date", "2026-11-01", "--sleep", "4"],
    );
    let said = import(&env, &fresh, &old);
    assert!(!said.contains("updated"), "{said}");
    assert_eq!(checkins(&env, &fresh)[0]["sleep_h"], 4.0);

    // The CSV tables of an older myolog, without the new columns, import too.
    let folder = env.path("csv");
    let arg = format!("{}/", folder.display());
    env.ok(&["export", "--format", "csv", "-o", &arg]);
    for (table, dropped) in [("checkins.csv", 2), ("self_checks.csv", 1)] {
        let path = folder.join(table);
        let text = fs::read_to_string(&path).unwrap();
        let older: Vec<String> = text
            .lines()
            .map(|line| {
                let cells: Vec<&str> = line.split(',').collect();
                cells[..cells.len() - dropped].join(",")
            })
            .collect();
        fs::write(&path, older.join("\n") + "\n").unwrap();
    }
    let from_csv = env.path("from-csv.sqlite3");
    let said = env.ok_on(&from_csv, &["import", folder.to_str().unwrap()]);
    assert!(said.contains("1 check-in"), "{said}");
    assert!(said.contains("1 self-check"), "{said}");
    let check = &self_checks(&env, &from_csv)[0];
    assert_eq!(check["updated"], check["created"]);
    assert_eq!(
        checkins(&env, &from_csv)[0]["updated"],
        "2026-10-31T10:00:00Z"
    );
}

#[test]
fn an_updated_time_in_the_future_or_before_created_is_refused_naming_the_record() {
    let env = Env::new();
    let good = checkin_and_self_check_exported(&env, T1);
    let fresh = env.path("fresh.sqlite3");
    for (table, field, time, said) in [
        (
            "checkins",
            "updated",
            "2099-01-01T00:00:00Z",
            "is in the future",
        ),
        (
            "checkins",
            "created",
            "2099-01-01T00:00:00Z",
            "is in the future",
        ),
        (
            "checkins",
            "updated",
            "2026-11-19T00:00:00Z",
            "is before created",
        ),
        (
            "self_checks",
            "updated",
            "2099-01-01T00:00:00Z",
            "is in the future",
        ),
        (
            "self_checks",
            "updated",
            "2026-11-19T00:00:00Z",
            "is before created",
        ),
    ] {
        let mut doc = good.clone();
        doc[table][0][field] = time.into();
        let bad = env.path("bad.json");
        fs::write(&bad, doc.to_string()).unwrap();
        let out = env.run_on(&fresh, &["import", bad.to_str().unwrap()]);
        let line = common::assert_refused(&out, &format!("{table}[0]"));
        assert!(line.contains(said), "{table}.{field} {time}: {line}");
    }
    assert!(!fresh.exists() || checkins(&env, &fresh).is_empty());
}

/// A clock put back an hour between two saves: the self-check's edit used to fail on the
/// table's check (changed before it was made), and the check-in was kept changed before it was
/// made, so myolog refused its own export. Both save, and the export imports.
#[test]
fn a_clock_put_back_between_two_saves_keeps_edits_and_exports_importable() {
    let env = Env::new();
    let said = at(
        &env,
        &env.db,
        "2026-11-25T10:00:00Z",
        &["selfcheck", "--jar", "ok"],
    );
    let id = said
        .split("id ")
        .nth(1)
        .and_then(|rest| rest.get(..36))
        .unwrap_or_else(|| panic!("no id in {said}"))
        .to_string();
    at(
        &env,
        &env.db,
        "2026-11-25T10:00:00Z",
        &["checkin", "--sleep", "7"],
    );
    let back = "2026-11-25T09:00:00Z";
    at(&env, &env.db, back, &["edit", &id, "--heel-walk", "fail"]);
    at(&env, &env.db, back, &["checkin", "--sleep", "6"]);
    let check = &self_checks(&env, &env.db)[0];
    assert_eq!(check["heel_walk"], "fail");
    assert_eq!(check["created"], back);
    let checkin = &checkins(&env, &env.db)[0];
    assert_eq!(
        (&checkin["created"], &checkin["updated"]),
        (&back.into(), &back.into())
    );
    let file = env.path("back.json");
    at(
        &env,
        &env.db,
        back,
        &["export", "--format", "json", "-o", file.to_str().unwrap()],
    );
    let fresh = env.path("fresh.sqlite3");
    let said = at(&env, &fresh, back, &["import", file.to_str().unwrap()]);
    assert!(said.contains("added 1 check-in, 1 self-check"), "{said}");
}

/// The same check-in saved in two diaries an hour apart: importing the later one changes no
/// field, so it is no change. It used to count as "updated 1 check-in" and end undo for nothing.
#[test]
fn the_same_checkin_saved_at_another_time_is_no_change_and_undo_still_reaches_back() {
    let env = Env::new();
    at(
        &env,
        &env.db,
        "2026-11-25T10:00:00Z",
        &["checkin", "--sleep", "7"],
    );
    let other = env.path("other.sqlite3");
    at(
        &env,
        &other,
        "2026-11-25T11:00:00Z",
        &["checkin", "--sleep", "7"],
    );
    let file = env.path("other.json");
    let path = file.to_str().unwrap();
    let noon = "2026-11-25T12:00:00Z";
    at(
        &env,
        &other,
        noon,
        &["export", "--format", "json", "-o", path],
    );
    let said = at(&env, &env.db, noon, &["import", path]);
    assert!(
        said.contains("added nothing; 1 entry already here"),
        "{said}"
    );
    let said = at(&env, &env.db, noon, &["undo"]);
    assert!(
        said.contains("Undone: saving the check-in of 2026-11-25"),
        "{said}"
    );
}
