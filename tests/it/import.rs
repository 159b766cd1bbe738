//! `myolog import FILE`, run as the real binary on temp diaries: round trips, merging by id,
//! and bad files refused whole with their position named and the diary untouched. Plus a
//! property test that no text makes the readers panic.

use crate::support::cli as common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Env, assert_ok, assert_refused, count, stdout};
use serde_json::Value;

/// A small diary with something of every kind.
fn diary() -> Env {
    let env = Env::new();
    env.log(&[
        "twitch",
        "--site",
        "eyelid:left",
        "--at",
        "2026-11-20 08:00",
        "--intensity",
        "2",
        "--note",
        "a note, with \"quotes\"\nand a line break",
    ]);
    env.log(&[
        "cramp",
        "--site",
        "calf:right",
        "--at",
        "2026-11-22 03:10",
        "--pain",
        "7",
        "--relief",
        "stretch:helped",
    ]);
    env.ok(&[
        "checkin",
        "--date",
        "2026-11-22",
        "--sleep",
        "6.5",
        "--stress",
        "4",
    ]);
    env.ok(&[
        "med",
        "add",
        "bendroflumethiazide",
        "--class",
        "thiazide-diuretic",
        "--start",
        "2026-09-01",
    ]);
    env.ok(&["selfcheck", "--date", "2026-11-21", "--stairs", "ok"]);
    env
}

fn episodes(db: &Path) -> i64 {
    count(
        db,
        "SELECT count(*) FROM episodes WHERE deleted_utc IS NULL",
    )
}

/// The diary file and its write-ahead log, to show nothing at all was written.
fn snapshot(db: &Path) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    (fs::read(db).ok(), fs::read(PathBuf::from(wal)).ok())
}

#[test]
fn json_round_trip_gives_identical_bytes() {
    let env = diary();
    let first = env.export_json(&env.db, "first.json");
    let fresh = env.path("fresh.sqlite3");
    let said = env.ok_on(&fresh, &["import", first.to_str().unwrap()]);
    assert!(said.contains("added 2 episodes"), "{said}");
    let second = env.export_json(&fresh, "second.json");
    assert_eq!(fs::read(first).unwrap(), fs::read(second).unwrap());
}

#[test]
fn csv_round_trip_gives_identical_bytes() {
    let env = diary();
    let first = env.path("first.csv");
    env.ok(&["export", "--format", "csv", "-o", first.to_str().unwrap()]);
    let fresh = env.path("fresh.sqlite3");
    env.ok_on(&fresh, &["import", first.to_str().unwrap()]);
    let second = env.path("second.csv");
    env.ok_on(
        &fresh,
        &["export", "--format", "csv", "-o", second.to_str().unwrap()],
    );
    assert_eq!(fs::read(first).unwrap(), fs::read(second).unwrap());
}

#[test]
fn importing_twice_adds_nothing_the_second_time() {
    let env = diary();
    let file = env.export_json(&env.db, "d.json");
    let other = env.path("other.sqlite3");
    env.ok_on(&other, &["import", file.to_str().unwrap()]);
    let before = env.export_json(&other, "before.json");
    let said = env.ok_on(&other, &["import", file.to_str().unwrap()]);
    assert!(said.contains("added nothing"), "{said}");
    assert_eq!(episodes(&other), 2);
    assert_eq!(count(&other, "SELECT count(*) FROM checkins"), 1);
    assert_eq!(count(&other, "SELECT count(*) FROM medications"), 1);
    assert_eq!(count(&other, "SELECT count(*) FROM self_checks"), 1);
    let after = env.export_json(&other, "after.json");
    assert_eq!(fs::read(before).unwrap(), fs::read(after).unwrap());

    // Importing a diary's own export into itself changes nothing either.
    let said = env.ok(&["import", file.to_str().unwrap()]);
    assert!(said.contains("added nothing"), "{said}");
}

#[test]
fn two_diaries_with_overlapping_entries_merge_without_duplicates() {
    let env = diary();
    let phone = env.path("phone.sqlite3");
    let shared = env.export_json(&env.db, "shared.json");
    env.ok_on(&phone, &["import", shared.to_str().unwrap()]);

    // Later, on the phone: a new twitch, an edit of the cramp, and more of a check-in.
    let later = "2026-11-25T12:00:00Z";
    let run_later = |args: &[&str]| {
        let out = env
            .command()
            .env("MYOLOG_DB", &phone)
            .env("MYOLOG_NOW", later)
            .args(args)
            .output()
            .unwrap();
        assert_ok(&out, args);
        stdout(&out)
    };
    let said = run_later(&["log", "twitch", "--site", "thumb:right", "--at", "10:00"]);
    let new_id = common::id_in(&said).unwrap();
    let cramp = env.list(&["--kind", "cramp"]);
    let cramp_id = cramp[0]["id"].as_str().unwrap().to_string();
    run_later(&["edit", &cramp_id[..8], "--pain", "9"]);
    run_later(&[
        "checkin",
        "--date",
        "2026-11-22",
        "--sleep",
        "8",
        "--water",
        "1.2",
    ]);
    // And on the laptop, a check-in the phone never saw.
    env.ok(&["checkin", "--date", "2026-11-24", "--caffeine", "200"]);

    let from_phone = env.export_json(&phone, "phone.json");
    // Imported once the laptop's clock has passed the phone's changes: a change time still in
    // the future would be refused.
    let import = ["import", from_phone.to_str().unwrap()];
    let out = env
        .command()
        .env("MYOLOG_NOW", "2026-11-25T12:30:00Z")
        .args(import)
        .output()
        .unwrap();
    assert_ok(&out, &import);
    let said = stdout(&out);
    assert!(said.contains("added 1 episode"), "{said}");
    assert!(said.contains("updated 1 episode, 1 check-in"), "{said}");

    let all = env.list(&[]);
    assert_eq!(all.len(), 3, "no duplicates");
    assert_eq!(
        common::find(&all, &cramp_id)["pain"],
        9,
        "the newer edit won"
    );
    common::find(&all, &new_id);
    // The phone changed the check-in last: its copy is kept whole (sleep 8, water 1.2), never a
    // mix with the laptop's older one.
    let sleep: f64 = common::sql(&env.db)
        .query_row(
            "SELECT sleep_h FROM checkins WHERE date = '2026-11-22'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let water: f64 = common::sql(&env.db)
        .query_row(
            "SELECT water_l FROM checkins WHERE date = '2026-11-22'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!((sleep, water), (8.0, 1.2));
    assert_eq!(count(&env.db, "SELECT count(*) FROM checkins"), 2);

    // The other way round, the phone ends with the same episodes.
    let from_laptop = env.export_json(&env.db, "laptop.json");
    run_later(&["import", from_laptop.to_str().unwrap()]);
    assert_eq!(episodes(&phone), 3);
    assert_eq!(count(&phone, "SELECT count(*) FROM checkins"), 2);
}

#[test]
fn local_times_keep_their_offset_across_time_zones() {
    let env = Env::at("2026-07-01T12:00:00Z", "America/New_York");
    env.log(&["twitch", "--site", "calf:left", "--at", "2026-06-30 23:30"]);
    let file = env.export_json(&env.db, "ny.json");
    let london = env.path("london.sqlite3");
    let out = env
        .command()
        .env("MYOLOG_DB", &london)
        .env("TZ", "Europe/London")
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_ok(&out, &["import"]);
    let back = env.export_json(&london, "back.json");
    let doc: Value = serde_json::from_slice(&fs::read(back).unwrap()).unwrap();
    assert_eq!(doc["episodes"][0]["start"], "2026-06-30T23:30:00-04:00");
}

#[test]
fn an_old_export_does_not_bring_back_a_deleted_episode() {
    let env = diary();
    let file = env.export_json(&env.db, "old.json");
    let twitch = env.list(&["--kind", "twitch"]);
    let id = twitch[0]["id"].as_str().unwrap();
    env.ok(&["delete", &id[..8]]);
    let said = env.ok(&["import", file.to_str().unwrap()]);
    assert!(said.contains("added nothing"), "{said}");
    assert_eq!(episodes(&env.db), 1);
}

#[test]
fn a_hand_made_csv_without_ids_imports_once() {
    let env = Env::new();
    let file = env.path("mine.csv");
    fs::write(
        &file,
        "kind,start,sites,pain,note\n\
         cramp,2026-11-20 23:30,calf:left; foot:left,6,\"woke me, again\"\n\
         twitch,2026-11-21T09:00:00+00:00,bicep:right,,\n",
    )
    .unwrap();
    env.ok(&["import", file.to_str().unwrap()]);
    env.ok(&["import", file.to_str().unwrap()]);
    let all = env.list(&[]);
    assert_eq!(all.len(), 2);
    let twitch = all.iter().find(|e| e["kind"] == "twitch").unwrap();
    assert_eq!(
        twitch["sites"][0]["site"], "upper-arm",
        "aliases are resolved"
    );
    let cramp = all.iter().find(|e| e["kind"] == "cramp").unwrap();
    assert_eq!(cramp["note"], "woke me, again");
    assert_eq!(cramp["sites"].as_array().unwrap().len(), 2);
}

#[test]
fn two_alike_rows_without_ids_are_two_episodes_and_still_import_once() {
    let env = Env::new();
    let file = env.path("alike.csv");
    // Two eyelid twitches logged in the same minute: two episodes, not one given twice.
    fs::write(
        &file,
        "kind,start,sites\n\
         twitch,2026-11-21 09:00,eyelid:left\n\
         twitch,2026-11-21 09:00,eyelid:left\n\
         twitch,2026-11-21 09:05,eyelid:left\n",
    )
    .unwrap();
    env.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(env.list(&[]).len(), 3);
    env.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(env.list(&[]).len(), 3, "the second import finds all three");
}

/// Writes `content` to `name`, imports it into the diary, and checks it is refused naming
/// `names` with the diary byte for byte as it was. Returns the error line.
fn refused(env: &Env, name: &str, content: &str, names: &str) -> String {
    let file = env.path(name);
    fs::write(&file, content).unwrap();
    let counted = episodes(&env.db);
    let before = snapshot(&env.db);
    let out = env.run(&["import", file.to_str().unwrap()]);
    let line = assert_refused(&out, names);
    assert!(line.contains(name), "the file is named: {line}");
    assert!(
        snapshot(&env.db) == before,
        "{name}: the diary is untouched"
    );
    assert_eq!(episodes(&env.db), counted);
    line
}

/// The JSON export of a fresh diary with two episodes and one check-in, as a value to spoil.
fn good_export(env: &Env) -> Value {
    let other = env.path("source.sqlite3");
    for args in [
        [
            "log",
            "twitch",
            "--site",
            "thumb:left",
            "--at",
            "2026-11-10 10:00",
        ],
        [
            "log",
            "cramp",
            "--site",
            "calf:left",
            "--at",
            "2026-11-11 02:00",
        ],
    ] {
        env.ok_on(&other, &args);
    }
    let path = env.export_json(&other, "good.json");
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

#[test]
fn bad_json_is_refused_whole_with_its_position() {
    let env = diary();
    let good = good_export(&env);
    let text = serde_json::to_string_pretty(&good).unwrap();

    let line = refused(&env, "truncated.json", &text[..text.len() / 2], "line ");
    assert!(line.contains("not valid JSON"), "{line}");

    let mut v = good.clone();
    v["episodes"][1]["pain"] = Value::from("seven");
    let line = refused(&env, "types.json", &v.to_string(), "episodes[1].pain");
    assert!(line.contains("invalid type"), "{line}");

    let mut v = good.clone();
    v["episodes"][1]["pain"] = Value::from(11);
    let line = refused(&env, "pain.json", &v.to_string(), "episodes[1].pain");
    assert!(line.contains("0 to 10"), "{line}");

    // serde's and chrono's words are put in myolog's: what is wrong and what is accepted.
    let mut v = good.clone();
    v["episodes"][1]["duration_s"] = Value::from(-5);
    let line = refused(&env, "minus.json", &v.to_string(), "episodes[1].duration_s");
    assert!(
        line.ends_with("-5 is out of range; accepted: a whole number in the field's own range (`myolog log --help` and `myolog checkin --help` give each)"),
        "{line}"
    );
    // A pain of 300 is not told a range a pain of 11 is not.
    let mut v = good.clone();
    v["episodes"][1]["pain"] = Value::from(300);
    let line = refused(&env, "pain300.json", &v.to_string(), "episodes[1].pain");
    assert!(!line.contains("255"), "{line}");
    assert!(line.contains("300 is out of range"), "{line}");
    let mut v = good.clone();
    v["episodes"][1]["start"] = Value::from("2026-02-30T02:00:00Z");
    let line = refused(&env, "feb30.json", &v.to_string(), "episodes[1].start");
    assert!(
        line.ends_with("not a date and time that exists; accepted: an RFC 3339 date and time (2026-11-25T07:40:00Z)"),
        "{line}"
    );
    let mut v = good.clone();
    v["episodes"][1]["start"] = Value::from("2026-02-03");
    let line = refused(&env, "day.json", &v.to_string(), "episodes[1].start");
    assert!(line.contains("not a date and time;"), "{line}");

    let mut v = good.clone();
    v["episodes"][0]["sites"][0]["site"] = Value::from("thumbb");
    let line = refused(&env, "site.json", &v.to_string(), "episodes[0].sites");
    assert!(line.contains("closest: thumb"), "{line}");

    let mut v = good.clone();
    v["episodes"][1]["start"] = Value::from("2027-01-01T02:00:00Z");
    let line = refused(&env, "future.json", &v.to_string(), "episodes[1].start");
    assert!(line.contains("in the future"), "{line}");

    let mut v = good.clone();
    v["checkins"] = serde_json::json!([{"date": "2026-12-01", "sleep_h": 7.0}]);
    refused(
        &env,
        "future-checkin.json",
        &v.to_string(),
        "checkins[0].date",
    );

    let mut v = good.clone();
    v["format_version"] = Value::from(2);
    let line = refused(&env, "version.json", &v.to_string(), "format_version");
    assert!(line.contains("newer myolog"), "{line}");

    let mut v = good.clone();
    v["schema_version"] = Value::from(99);
    let line = refused(&env, "schema.json", &v.to_string(), "schema_version");
    assert!(line.contains("newer myolog"), "{line}");

    let mut v = good.clone();
    let first = v["episodes"][0].clone();
    v["episodes"].as_array_mut().unwrap().push(first);
    refused(&env, "twice.json", &v.to_string(), "episodes[2].id");

    refused(&env, "other.json", r#"{"name": "not a diary"}"#, "format");
    refused(&env, "array.json", "[1, 2, 3]", "format");
    refused(&env, "empty.json", "", "format");
}

#[test]
fn a_bad_csv_line_is_refused_whole_naming_the_line() {
    let env = diary();
    let header = "kind,start,sites,pain,intensity";
    let good = "cramp,2026-11-20T23:30:00+00:00,calf:left,6,";
    for (name, row, names, says) in [
        (
            "pain.csv",
            "cramp,2026-11-21T01:00:00+00:00,calf:left,11,",
            "line 3, pain",
            "0 to 10",
        ),
        (
            "site.csv",
            "twitch,2026-11-21T01:00:00+00:00,calff,,2",
            "line 3, sites",
            "closest: calf",
        ),
        (
            "future.csv",
            "twitch,2027-11-21T01:00:00+00:00,calf,,2",
            "line 3, start",
            "future",
        ),
        (
            "kind.csv",
            "spasm,2026-11-21T01:00:00+00:00,calf,,2",
            "line 3, kind",
            "twitch, cramp",
        ),
        (
            "cells.csv",
            "twitch,2026-11-21T01:00:00+00:00",
            "line 3",
            "cells",
        ),
        (
            "type.csv",
            "cramp,2026-11-21T01:00:00+00:00,calf,lots,",
            "line 3, pain",
            "whole number",
        ),
    ] {
        let line = refused(&env, name, &format!("{header}\n{good}\n{row}\n"), names);
        assert!(line.contains(says), "{line}");
    }
    // A note with a line break moves the following lines down; the position follows the file.
    let multi = format!(
        "{header},note\n{good},\"two\nlines\"\ncramp,2026-11-21T01:00:00+00:00,calf:left,12,,\n"
    );
    refused(&env, "multi.csv", &multi, "line 4, pain");
    refused(&env, "header.csv", "kind,start,sites,colour\n", "line 1");
    refused(&env, "missing.csv", "kind,start\n", "line 1");
}

#[test]
fn a_file_that_is_missing_or_neither_format_is_refused() {
    let env = diary();
    assert_refused(
        &env.run(&["import", "/no/such/file.json"]),
        "does not exist",
    );
    let file = env.path("notes.txt");
    fs::write(&file, "just some words").unwrap();
    assert_refused(
        &env.run(&["import", file.to_str().unwrap()]),
        "neither JSON nor CSV",
    );
}

mod never_panics {
    use chrono::{DateTime, FixedOffset};
    use myolog::domain::Clock;
    use myolog::portable::{csv, json};
    use proptest::prelude::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-25T10:15:00+00:00").unwrap()
    }

    /// Text that starts like an export or a CSV, so the readers get past their first checks.
    fn near_miss() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "\\{\"format\":\"myolog-diary\",\"format_version\":1,\"episodes\":\\[.{0,200}",
            "id,kind,start,sites,pain,note\n.{0,200}",
            "kind,start,sites\n(twitch|cramp),[-0-9T:+ ]{0,30},[a-z:; -]{0,20}\n",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_json_reader_answers_a_value_or_a_clear_error(text in near_miss()) {
            if let Err(e) = json::import(&text, now()) {
                prop_assert!(!e.reason.is_empty());
                prop_assert!(!e.position.is_empty());
            }
        }

        #[test]
        fn the_csv_reader_answers_a_value_or_a_clear_error(text in near_miss()) {
            if let Err(e) = csv::import(&text, &Clock::new(now())) {
                prop_assert!(!e.reason.is_empty());
                prop_assert!(!e.position.is_empty());
            }
        }
    }
}

mod round_trips {
    use chrono::{DateTime, FixedOffset, TimeZone, Utc};
    use myolog::catalog::catalog;
    use myolog::domain::{Clock, DiarySlice, Episode, Kind, ReliefUse, Side, SiteRef};
    use myolog::portable::{Period, csv, json};
    use proptest::prelude::*;
    use proptest::sample::subsequence;
    use uuid::Uuid;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-25T10:15:00+00:00").unwrap()
    }

    /// A valid episode of any shape the domain allows, at whole seconds.
    fn episode() -> impl Strategy<Value = Episode> {
        let site_ids: Vec<usize> = (0..catalog().sites.len()).collect();
        let relief_ids: Vec<usize> = (0..catalog().reliefs.len()).collect();
        let trigger_ids: Vec<usize> = (0..catalog().triggers.len()).collect();
        (
            any::<bool>(),
            1_500_000_000i64..1_790_000_000,
            (-48i32..=56).prop_map(|q| q * 15 * 60),
            proptest::option::of(0u32..=86_400),
            subsequence(site_ids, 1..4),
            proptest::collection::vec(0u8..4, 3),
            subsequence(relief_ids, 0..3),
            proptest::collection::vec(proptest::option::of(any::<bool>()), 3),
            subsequence(trigger_ids, 0..3),
            proptest::option::of("[a-z][a-z0-9-]{0,10}"),
            proptest::option::of(any::<String>()),
            (
                any::<u32>(),
                0u8..=10,
                0u16..=60,
                any::<[Option<bool>; 3]>(),
            ),
        )
            .prop_map(
                |(
                    twitch,
                    secs,
                    offset,
                    duration_s,
                    sites,
                    sides,
                    reliefs,
                    helped,
                    triggers,
                    custom,
                    note,
                    (level, pain, sore, flags),
                )| {
                    let offset = FixedOffset::east_opt(offset).unwrap();
                    let start = offset.timestamp_opt(secs, 0).unwrap();
                    let created = Utc.timestamp_opt(secs + 60, 0).unwrap();
                    let sites = sites
                        .iter()
                        .zip(&sides)
                        .map(|(&i, &side)| {
                            let info = &catalog().sites[i];
                            let side =
                                [None, Some(Side::Left), Some(Side::Right), Some(Side::Both)]
                                    [usize::from(side)];
                            SiteRef {
                                site: info.id.clone(),
                                side: if info.sided { side } else { None },
                            }
                        })
                        .collect();
                    let mut triggers: Vec<String> = triggers
                        .iter()
                        .map(|&i| catalog().triggers[i].id.clone())
                        .collect();
                    if let Some(custom) = custom.filter(|c| !triggers.contains(c)) {
                        triggers.push(custom);
                    }
                    let kind = if twitch { Kind::Twitch } else { Kind::Cramp };
                    let cramp = kind == Kind::Cramp;
                    Episode {
                        id: Uuid::from_u128(
                            u128::from(secs.unsigned_abs()) << 20 | u128::from(level),
                        ),
                        kind,
                        start,
                        duration_s,
                        sites,
                        intensity: (!cramp && level % 2 == 0).then_some(1 + (level % 5) as u8),
                        visible: if cramp { None } else { flags[0] },
                        pain: cramp.then_some(pain),
                        hardening: if cramp { flags[1] } else { None },
                        lost_motion: if cramp { flags[2] } else { None },
                        reliefs: reliefs
                            .iter()
                            .zip(&helped)
                            .map(|(&i, &helped)| ReliefUse {
                                relief: catalog().reliefs[i].id.clone(),
                                helped,
                            })
                            .collect(),
                        sore_days: (cramp && level % 3 == 0).then_some(sore),
                        triggers,
                        note: note.filter(|n| !n.trim().is_empty()),
                        created,
                        updated: created,
                    }
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn json_gives_back_every_field(episodes in proptest::collection::vec(episode(), 0..6)) {
            let mut episodes = episodes;
            episodes.sort_by_key(|e| e.id);
            episodes.dedup_by_key(|e| e.id);
            let slice = DiarySlice { episodes, ..DiarySlice::default() };
            let bytes = json::export(&slice, Period::default(), now().date_naive());
            let back = json::import(std::str::from_utf8(&bytes).unwrap(), now()).unwrap();
            prop_assert_eq!(back, slice);
        }

        #[test]
        fn csv_gives_back_every_field(episodes in proptest::collection::vec(episode(), 0..6)) {
            let mut episodes = episodes;
            episodes.sort_by_key(|e| e.id);
            episodes.dedup_by_key(|e| e.id);
            let bytes = csv::episodes(&episodes);
            let back = csv::import(std::str::from_utf8(&bytes).unwrap(), &Clock::new(now())).unwrap();
            prop_assert_eq!(back, episodes);
        }
    }
}
