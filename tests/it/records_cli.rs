//! Every record can be listed, changed and deleted from the command line (issue 12): check-in
//! and self-check lists with ids, `med edit`, `med delete`, `med stop --on` a past day,
//! `edit ID` / `delete ID` for any kind by the first characters of its id, an ambiguous prefix
//! named as such, and every change undone and redone through the journal. Check-in ids are
//! their dates' and travel in exports.

use crate::support::cli as common;

use chrono::{DateTime, NaiveDate, Utc};
use common::{Env, assert_refused};
use myolog::domain::{CheckIn, Episode, Kind, Medication, SiteRef, checkin_id};
use myolog::store::{Access, Diary};
use serde_json::Value;
use uuid::Uuid;

fn json(env: &Env, args: &[&str]) -> Value {
    serde_json::from_str(&env.ok(args)).unwrap()
}

/// The first record of a `... list --json` answer.
fn first(env: &Env, args: &[&str]) -> Value {
    json(env, args)[0].clone()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn checkin_list_shows_ids_newest_first_as_text_and_json() {
    let env = Env::new();
    env.ok(&["checkin", "--date", "2026-11-23", "--sleep", "6h30"]);
    env.ok(&["checkin", "--stress", "7", "--note", "long day"]);
    let text = env.ok(&["checkin", "list"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["ID", "DATE", "CHECK-IN"]
    );
    let today = checkin_id(day("2026-11-25")).to_string();
    assert!(lines[1].starts_with(&today[..8]), "{text}");
    assert!(
        lines[1].contains("2026-11-25") && lines[1].contains("stress 7/10"),
        "{text}"
    );
    assert!(lines[1].contains("note: long day"), "{text}");
    assert!(
        lines[2].contains("2026-11-23") && lines[2].contains("sleep 6.5 h"),
        "{text}"
    );
    let listed = json(&env, &["checkin", "list", "--json"]);
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["id"], today);
    assert_eq!(listed[0]["date"], "2026-11-25");
    assert_eq!(listed[0]["stress"], 7);
    assert_eq!(
        listed[0]["sleep_h"],
        Value::Null,
        "unknown stays null, never 0"
    );
    assert_eq!(listed[1]["sleep_h"], 6.5);
    // --since keeps the later days only.
    let since = json(
        &env,
        &["checkin", "list", "--since", "2026-11-24", "--json"],
    );
    assert_eq!(since.as_array().unwrap().len(), 1);
    assert!(
        env.ok(&["checkin", "list", "--since", "today"])
            .contains("2026-11-25")
    );
}

#[test]
fn a_checkin_has_the_same_id_in_every_diary_and_exports_carry_it() {
    let a = Env::new();
    let b = Env::new();
    a.ok(&["checkin", "--date", "2026-11-20", "--sleep", "7"]);
    // Made an hour before a's, so a's copy is the one changed last.
    let earlier = b
        .command()
        .env("MYOLOG_NOW", "2026-11-25T09:15:00Z")
        .args(["checkin", "--date", "2026-11-20", "--caffeine", "300"])
        .output()
        .unwrap();
    assert!(earlier.status.success());
    let id_a = first(&a, &["checkin", "list", "--json"])["id"].clone();
    let id_b = first(&b, &["checkin", "list", "--json"])["id"].clone();
    assert_eq!(
        id_a, id_b,
        "the same date is the same check-in in any diary"
    );
    // The JSON export carries it, and a merge keeps one check-in of that date: the copy
    // changed last, whole.
    let file = a.path("a.json");
    a.ok(&["export", "--format", "json", "-o", file.to_str().unwrap()]);
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(exported["checkins"][0]["id"], id_a);
    b.ok(&["import", file.to_str().unwrap()]);
    let merged = json(&b, &["checkin", "list", "--json"]);
    assert_eq!(merged.as_array().unwrap().len(), 1);
    assert_eq!(merged[0]["id"], id_a);
    assert_eq!(merged[0]["sleep_h"], 7.0);
    assert_eq!(
        merged[0]["caffeine_mg"],
        Value::Null,
        "not a mix of the two copies"
    );
    // The CSV export has the id after the columns that were there before it.
    let csv_dir = a.path("csv");
    let folder = format!("{}/", csv_dir.display());
    a.ok(&["export", "--format", "csv", "-o", &folder]);
    let checkins = std::fs::read_to_string(csv_dir.join("checkins.csv")).unwrap();
    let mut rows = checkins.lines();
    assert!(
        rows.next()
            .unwrap()
            .ends_with(",experiment_kept,id,created,updated")
    );
    let row: Vec<&str> = rows.next().unwrap().split(',').collect();
    assert_eq!(row[row.len() - 3], id_a.as_str().unwrap());
    // An id that is not its date's is refused, naming the record, and nothing is written.
    let mut wrong = exported.clone();
    wrong["checkins"][0]["id"] = Value::from(Uuid::nil().to_string());
    let wrong_file = b.path("wrong.json");
    std::fs::write(&wrong_file, serde_json::to_string(&wrong).unwrap()).unwrap();
    let before = b.diary_bytes();
    let line = assert_refused(
        &b.run(&["import", wrong_file.to_str().unwrap()]),
        "checkins[0]",
    );
    assert!(line.contains("comes from its date"), "{line}");
    assert_eq!(b.diary_bytes(), before);
}

#[test]
fn selfcheck_list_names_what_each_calls_for() {
    let env = Env::new();
    env.ok(&[
        "selfcheck",
        "--date",
        "2026-11-20",
        "--heel-walk",
        "ok",
        "--jar",
        "ok",
    ]);
    env.ok(&["selfcheck", "--stairs", "fail", "--symptom", "tingling"]);
    let text = env.ok(&["selfcheck", "list"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("ID") && lines[0].contains("CALLS FOR"),
        "{text}"
    );
    assert!(
        lines[1].contains("2026-11-25") && lines[1].contains("urgent"),
        "{text}"
    );
    assert!(lines[1].contains("stairs FAIL, tingling"), "{text}");
    assert!(
        lines[2].contains("heel walk ok, jar ok; no symptoms"),
        "{text}"
    );
    let listed = json(&env, &["selfcheck", "list", "--json"]);
    assert_eq!(listed[0]["stairs"], "fail");
    assert_eq!(listed[0]["symptoms"][0], "tingling");
    assert_eq!(listed[1]["heel_walk"], "ok");
    let id = listed[0]["id"].as_str().unwrap();
    assert!(lines[1].starts_with(&id[..8]));
}

#[test]
fn edit_and_delete_reach_every_kind_by_the_first_characters_of_its_id() {
    let env = Env::new();
    let episode = env.log(&["twitch", "--site", "calf:right", "--intensity", "2"]);
    env.ok(&["checkin", "--sleep", "6"]);
    env.ok(&[
        "med",
        "add",
        "salbutamol",
        "--class",
        "beta-2-agonist",
        "--start",
        "2026-10-01",
    ]);
    env.ok(&["selfcheck", "--stairs", "fail"]);
    let checkin = first(&env, &["checkin", "list", "--json"])["id"]
        .as_str()
        .unwrap()
        .to_string();
    let med = first(&env, &["med", "list", "--json"])["id"]
        .as_str()
        .unwrap()
        .to_string();
    let check = first(&env, &["selfcheck", "list", "--json"])["id"]
        .as_str()
        .unwrap()
        .to_string();

    // Each by its first 8 characters, with its own options.
    env.ok(&[
        "edit",
        &episode[..8],
        "--intensity",
        "4",
        "--note",
        "after a run",
    ]);
    let e = &env.list(&[])[0];
    assert_eq!(
        (e["intensity"].as_u64(), e["note"].as_str()),
        (Some(4), Some("after a run"))
    );
    let said = env.ok(&["edit", &checkin[..8], "--stress", "5", "--note", "calm"]);
    assert!(said.contains("stress 5/10"), "{said}");
    let c = first(&env, &["checkin", "list", "--json"]);
    assert_eq!(
        (c["sleep_h"].as_f64(), c["stress"].as_u64()),
        (Some(6.0), Some(5))
    );
    assert_eq!(c["note"], "calm");
    env.ok(&["edit", &med[..8], "--dose", "2 puffs", "--name", "Ventolin"]);
    let m = first(&env, &["med", "list", "--json"]);
    assert_eq!(
        (m["name"].as_str(), m["dose"].as_str()),
        (Some("Ventolin"), Some("2 puffs"))
    );
    // The extra Space of the issue: a stairs test recorded as failed is fixed in place.
    let said = env.ok(&["edit", &check[..8], "--stairs", "ok"]);
    assert!(said.contains("stairs ok"), "{said}");
    assert_eq!(
        first(&env, &["selfcheck", "list", "--json"])["stairs"],
        "ok"
    );
    env.ok(&["edit", &check[..8], "--stairs", "none", "--jar", "ok"]);
    let s = first(&env, &["selfcheck", "list", "--json"]);
    assert_eq!(
        (s["stairs"].clone(), s["jar"].clone()),
        (Value::Null, Value::from("ok"))
    );

    // Deleting each; undo brings each back, newest first, and redo takes it again.
    for (id, list) in [
        (&check, ["selfcheck", "list", "--json"]),
        (&med, ["med", "list", "--json"]),
        (&checkin, ["checkin", "list", "--json"]),
    ] {
        let said = env.ok(&["delete", &id[..6]]);
        assert!(said.contains("`myolog undo` brings it back"), "{said}");
        assert_eq!(json(&env, &list), Value::Array(Vec::new()), "{said}");
    }
    env.ok(&["delete", &episode[..6]]);
    assert!(env.list(&[]).is_empty());
    for list in [
        &["list", "--json"][..],
        &["checkin", "list", "--json"],
        &["med", "list", "--json"],
        &["selfcheck", "list", "--json"],
    ] {
        let said = env.ok(&["undo"]);
        assert!(said.starts_with("Undone: deleting"), "{said}");
        assert_eq!(json(&env, list).as_array().unwrap().len(), 1, "{list:?}");
    }
    assert_eq!(first(&env, &["checkin", "list", "--json"])["note"], "calm");
    let said = env.ok(&["redo"]);
    assert!(
        said.contains("Redone: deleting the self-check of 2026-11-25"),
        "{said}"
    );
    assert_eq!(
        json(&env, &["selfcheck", "list", "--json"]),
        Value::Array(Vec::new())
    );
}

#[test]
fn an_option_of_another_kind_is_refused_naming_the_kind_found() {
    let env = Env::new();
    env.ok(&["checkin", "--sleep", "6"]);
    let checkin = first(&env, &["checkin", "list", "--json"])["id"]
        .as_str()
        .unwrap()
        .to_string();
    let before = env.diary_bytes();
    let line = assert_refused(&env.run(&["edit", &checkin[..8], "--pain", "3"]), "--pain");
    assert!(line.contains("is the check-in of 2026-11-25"), "{line}");
    assert!(line.contains("--sleep"), "says what it takes: {line}");
    assert_refused(&env.run(&["edit", &checkin[..8]]), "nothing to change");
    assert_refused(
        &env.run(&["edit", "zz", "--sleep", "7"]),
        "'zz' is not an id",
    );
    assert_refused(
        &env.run(&["delete", "0000aaaa"]),
        "no record with id 0000aaaa",
    );
    assert_eq!(env.diary_bytes(), before, "nothing written");
}

/// A diary whose records' ids were chosen: an episode and a medication sharing "abcd".
fn diary_with_chosen_ids(env: &Env) {
    let now: DateTime<Utc> = "2026-11-25T10:00:00Z".parse().unwrap();
    let mut diary = Diary::open(&env.db, Access::Write, now).unwrap();
    let start = DateTime::parse_from_rfc3339("2026-11-24T08:00:00+00:00").unwrap();
    let mut e = Episode::new(
        Kind::Twitch,
        start,
        vec![SiteRef::parse("eyelid:left").unwrap()],
        now,
    );
    e.id = Uuid::parse_str("abcd0000-0000-4000-8000-000000000001").unwrap();
    diary.add_episode(&e).unwrap();
    diary
        .add_medication(&Medication {
            id: Uuid::parse_str("abcd1111-0000-4000-8000-000000000002").unwrap(),
            name: "atenolol".into(),
            class: "beta-blocker".into(),
            dose: None,
            start: day("2026-09-01"),
            stop: None,
            created: now,
            updated: now,
        })
        .unwrap();
    diary
        .save_checkin(
            &CheckIn {
                sleep_h: Some(7.0),
                ..CheckIn::empty(day("2026-11-24"))
            },
            now,
        )
        .unwrap();
}

#[test]
fn a_prefix_of_more_than_one_record_is_named_as_ambiguous() {
    let env = Env::new();
    diary_with_chosen_ids(&env);
    let line = assert_refused(
        &env.run(&["delete", "abcd"]),
        "matches more than one record",
    );
    assert!(
        line.contains("episode abcd0000-") && line.contains("medication abcd1111-"),
        "{line}"
    );
    // One more character tells them apart.
    let said = env.ok(&["delete", "abcd1"]);
    assert!(said.contains("Deleted the medication atenolol"), "{said}");
    assert_eq!(env.list(&[]).len(), 1);
}

#[test]
fn med_edit_stop_on_a_past_day_and_delete() {
    let env = Env::new();
    env.ok(&[
        "med",
        "add",
        "bendroflumethiazide",
        "--class",
        "thiazide-diuretic",
        "--start",
        "2026-09-01",
    ]);
    let said = env.ok(&[
        "med",
        "edit",
        "Bendroflumethiazide",
        "--dose",
        "2.5 mg",
        "--start",
        "2026-08-15",
    ]);
    assert!(said.contains("2.5 mg, from 2026-08-15"), "{said}");
    // A stop on a past day; not before the start, not in the future.
    let line = assert_refused(
        &env.run(&["med", "stop", "bendroflumethiazide", "--on", "2026-08-01"]),
        "--on",
    );
    assert!(line.contains("before the start date 2026-08-15"), "{line}");
    assert_refused(
        &env.run(&["med", "stop", "bendroflumethiazide", "--on", "2026-12-01"]),
        "in the future",
    );
    env.ok(&["med", "stop", "bendroflumethiazide", "--on", "2026-11-01"]);
    let m = first(&env, &["med", "list", "--json"]);
    assert_eq!(m["stop"], "2026-11-01");
    // A stopped one is still found by name, to fix or delete.
    env.ok(&[
        "med",
        "edit",
        "bendroflumethiazide",
        "--class",
        "loop-diuretic",
    ]);
    assert_eq!(
        first(&env, &["med", "list", "--json"])["class"],
        "loop-diuretic"
    );
    assert_refused(
        &env.run(&["med", "edit", "aspirin", "--dose", "1"]),
        "no medication called 'aspirin'",
    );
    env.ok(&["med", "delete", "bendroflumethiazide"]);
    assert_eq!(
        json(&env, &["med", "list", "--json"]),
        Value::Array(Vec::new())
    );
    assert!(env.ok(&["undo"]).contains("deleting bendroflumethiazide"));
    assert_eq!(
        first(&env, &["med", "list", "--json"])["stop"],
        "2026-11-01"
    );
    // Renaming onto a medicine still taken is refused, as adding it twice is.
    env.ok(&["med", "add", "salbutamol", "--class", "beta-2-agonist"]);
    env.ok(&["med", "add", "ventolin", "--class", "beta-2-agonist"]);
    assert_refused(
        &env.run(&["med", "edit", "ventolin", "--name", "Salbutamol"]),
        "being taken already",
    );
}

#[test]
fn list_takes_a_site_with_its_side() {
    let env = Env::new();
    env.log(&["cramp", "--site", "calf:left"]);
    let right = env.log(&["cramp", "--site", "calf:right"]);
    env.log(&["cramp", "--site", "calf:both"]);
    let listed = env.list(&["--site", "calf:right"]);
    let ids: Vec<&str> = listed.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2, "the right calf, and both calves");
    assert!(ids.contains(&right.as_str()));
    assert_eq!(env.list(&["--site", "calf"]).len(), 3);
    assert_eq!(env.list(&["--site", "calf:both"]).len(), 1);
}

/// `list` prints a short list from one reading and a list longer than a page (1000 episodes)
/// from two; either way every episode is there once, newest first as in `--json`, under
/// columns that line up with the header.
#[test]
fn list_shows_every_episode_aligned_whether_it_fits_a_page_or_not() {
    let env = Env::new();
    env.ok(&["demo", "--days", "90", "--seed", "3"]);
    for args in [&["list"][..], &["list", "--since", "7d"]] {
        let mut with_json = args.to_vec();
        with_json.push("--json");
        let listed: Vec<Value> = serde_json::from_str(&env.ok(&with_json)).unwrap();
        let table = env.ok(args);
        let mut lines = table.lines();
        let header = lines.next().unwrap();
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), listed.len(), "{args:?}");
        if args.len() == 1 {
            assert!(
                rows.len() > 1000,
                "the whole diary is longer than a page: {}",
                rows.len()
            );
        } else {
            assert!(
                (1..1000).contains(&rows.len()),
                "a week fits a page: {}",
                rows.len()
            );
        }
        for (row, e) in rows.iter().zip(&listed) {
            let id = e["id"].as_str().unwrap();
            assert!(id.starts_with(&row[..8]), "{args:?}: {row} is not {id}");
        }
        for column in ["DATE", "TIME", "KIND", "SITES"] {
            let at = header.find(column).unwrap();
            assert!(
                rows.iter()
                    .all(|r| r[..at].ends_with("  ") && !r[at..].starts_with(' ')),
                "{args:?}: {column} does not line up"
            );
        }
    }
}
