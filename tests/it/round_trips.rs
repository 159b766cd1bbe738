//! Round trips through the real binary: what `log`, `checkin`, `med`, `selfcheck`, `edit`,
//! `delete`, `undo` and `backup` write is what `list --json` (or the diary) gives back.

use crate::support::cli as common;

use common::{Env, assert_refused, count, find, ids, stdout};
use serde_json::json;

#[test]
fn a_cramp_with_every_option_comes_back_whole() {
    let env = Env::new();
    let id = env.log(&[
        "cramp",
        "--site",
        "calf:left",
        "--site",
        "foot:both",
        "--site",
        "lower-back",
        "--at",
        "yesterday 03:10",
        "--duration",
        "1h30m",
        "--pain",
        "7",
        "--hardening",
        "--lost-motion",
        "--relief",
        "stretch:helped",
        "--relief",
        "heat:no-help",
        "--relief",
        "walking",
        "--sore-days",
        "2",
        "--trigger",
        "exercise",
        "--trigger",
        "late night gaming",
        "--note",
        "woke me up, had to stand",
    ]);
    let listed = env.list(&[]);
    assert_eq!(listed.len(), 1);
    let e = &listed[0];
    assert_eq!(e["id"], id.as_str());
    assert_eq!(e["kind"], "cramp");
    assert_eq!(e["start"], "2026-11-24T03:10:00Z");
    assert_eq!(e["duration_s"], 5400);
    assert_eq!(
        e["sites"],
        json!([
            {"site": "calf", "side": "left"},
            {"site": "foot", "side": "both"},
            {"site": "lower-back", "side": null}
        ])
    );
    assert_eq!(e["pain"], 7);
    assert_eq!(e["hardening"], true);
    assert_eq!(e["lost_motion"], true);
    assert_eq!(
        e["reliefs"],
        json!([
            {"relief": "stretch", "helped": true},
            {"relief": "heat", "helped": false},
            {"relief": "walking", "helped": null}
        ])
    );
    assert_eq!(e["sore_days"], 2);
    assert_eq!(e["triggers"], json!(["exercise", "late-night-gaming"]));
    assert_eq!(e["note"], "woke me up, had to stand");
    assert_eq!(e["intensity"], json!(null));
    assert_eq!(e["visible"], json!(null));
}

#[test]
fn a_twitch_with_every_option_comes_back_whole_with_its_offset() {
    // A summer "now" in London, so the offset in force is +01:00 and must be kept.
    let env = Env::at("2026-07-10T12:00:00+01:00", "Europe/London");
    let id = env.log(&[
        "twitch",
        "--site",
        "eyelid:left",
        "--site",
        "tongue",
        "--at",
        "2026-07-09 08:05",
        "--duration",
        "45s",
        "--intensity",
        "3",
        "--visible",
        "--trigger",
        "caffeine",
        "--trigger",
        "poor-sleep",
        "--note",
        "after 3 coffees",
    ]);
    let listed = env.list(&[]);
    let e = find(&listed, &id);
    assert_eq!(e["kind"], "twitch");
    assert_eq!(e["start"], "2026-07-09T08:05:00+01:00");
    assert_eq!(e["duration_s"], 45);
    assert_eq!(
        e["sites"],
        json!([{"site": "eyelid", "side": "left"}, {"site": "tongue", "side": null}])
    );
    assert_eq!(e["intensity"], 3);
    assert_eq!(e["visible"], true);
    assert_eq!(e["triggers"], json!(["caffeine", "poor-sleep"]));
    assert_eq!(e["note"], "after 3 coffees");
    assert_eq!(e["pain"], json!(null));
    assert_eq!(e["sore_days"], json!(null));
    assert_eq!(e["reliefs"], json!([]));

    // Without --at it starts now; an explicit "no" is kept as false, not unknown.
    let id = env.log(&["twitch", "--site", "bicep:r", "--visible", "no"]);
    let listed = env.list(&[]);
    let e = find(&listed, &id);
    assert_eq!(e["start"], "2026-07-10T12:00:00+01:00");
    assert_eq!(e["visible"], false);
    assert_eq!(e["sites"], json!([{"site": "upper-arm", "side": "right"}]));
}

/// A small diary for the filter tests: (what, when).
fn filter_diary(env: &Env) -> [String; 4] {
    [
        env.log(&[
            "twitch",
            "--site",
            "eyelid:left",
            "--at",
            "2026-11-20 09:00",
            "--trigger",
            "caffeine",
        ]),
        env.log(&[
            "cramp",
            "--site",
            "calf:right",
            "--at",
            "2026-11-21 23:30",
            "--pain",
            "6",
        ]),
        env.log(&[
            "twitch",
            "--site",
            "calf:left",
            "--at",
            "2026-11-22 00:00",
            "--trigger",
            "stress",
        ]),
        env.log(&[
            "cramp",
            "--site",
            "foot",
            "--at",
            "2026-11-23 14:00",
            "--trigger",
            "stress",
        ]),
    ]
}

#[test]
fn list_filters_by_time_kind_site_and_trigger() {
    let env = Env::new();
    let [t20, c21, t22, c23] = filter_diary(&env);

    // Newest first, everything.
    assert_eq!(
        ids(&env.list(&[])),
        [c23.as_str(), t22.as_str(), c21.as_str(), t20.as_str()]
    );
    // --since is inclusive; --until a bare date takes in that whole day.
    assert_eq!(
        ids(&env.list(&["--since", "2026-11-21", "--until", "2026-11-21"])),
        [c21.as_str()]
    );
    assert_eq!(
        ids(&env.list(&["--until", "2026-11-22"])),
        [t22.as_str(), c21.as_str(), t20.as_str()]
    );
    // --until a time is exclusive of that instant.
    assert_eq!(
        ids(&env.list(&["--until", "2026-11-22 00:00"])),
        [c21.as_str(), t20.as_str()]
    );
    assert_eq!(
        ids(&env.list(&["--since", "2026-11-22 00:00"])),
        [c23.as_str(), t22.as_str()]
    );
    // Relative to MYOLOG_NOW (2026-11-25 10:15): -3d is 2026-11-22 10:15.
    assert_eq!(ids(&env.list(&["--since", "-3d"])), [c23.as_str()]);
    assert_eq!(
        ids(&env.list(&["--since", "-4d"])),
        [c23.as_str(), t22.as_str(), c21.as_str()]
    );
    assert_eq!(
        ids(&env.list(&["--kind", "cramp"])),
        [c23.as_str(), c21.as_str()]
    );
    assert_eq!(
        ids(&env.list(&["--kind", "twitch"])),
        [t22.as_str(), t20.as_str()]
    );
    // A site matches whatever side was logged.
    assert_eq!(
        ids(&env.list(&["--site", "calf"])),
        [t22.as_str(), c21.as_str()]
    );
    assert_eq!(
        ids(&env.list(&["--trigger", "stress"])),
        [c23.as_str(), t22.as_str()]
    );
    assert_eq!(
        ids(&env.list(&["--trigger", "stress", "--kind", "twitch"])),
        [t22.as_str()]
    );
    assert!(env.list(&["--site", "tongue"]).is_empty());
}

#[test]
fn list_prints_a_readable_table() {
    let env = Env::new();
    let [_, c21, _, _] = filter_diary(&env);
    let id = env.log(&[
        "cramp",
        "--site",
        "hamstring:left",
        "--at",
        "2026-11-24 03:10",
        "--pain",
        "7",
        "--duration",
        "2m",
        "--note",
        "after a long run",
    ]);
    let table = env.ok(&["list", "--since", "2026-11-21"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("ID"), "{table}");
    for header in [
        "DATE", "TIME", "KIND", "SITES", "SEVERITY", "DURATION", "TRIGGERS", "NOTE",
    ] {
        assert!(lines[0].contains(header), "{header} missing: {table}");
    }
    assert_eq!(lines.len(), 5, "{table}");
    let newest: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(
        newest,
        [
            &id[..8],
            "2026-11-24",
            "03:10",
            "cramp",
            "hamstring:left",
            "pain",
            "7/10",
            "2m",
            "after",
            "a",
            "long",
            "run"
        ]
    );
    assert!(lines[4].starts_with(&c21[..8]), "{table}");
    // Columns line up: every row's DATE starts under the header's.
    let at = lines[0].find("DATE").unwrap();
    for line in &lines[1..] {
        assert_eq!(&line[at..at + 4], "2026", "{table}");
    }
    let empty = env.ok(&["list", "--kind", "twitch", "--since", "2026-11-24"]);
    assert_eq!(empty.trim(), "No episodes in this period.");
}

/// The check-in of a date, as the diary keeps it (via the library).
fn checkin(env: &Env, date: &str) -> Option<myolog::domain::CheckIn> {
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let diary =
        myolog::store::Diary::open(&env.db, myolog::store::Access::Read, chrono::Utc::now())
            .unwrap();
    diary.checkin(day).unwrap()
}

#[test]
fn a_second_checkin_the_same_day_updates_the_first() {
    let env = Env::new();
    let first = env.ok(&[
        "checkin",
        "--sleep",
        "5.5",
        "--caffeine",
        "2coffee+tea",
        "--stress",
        "7",
        "--water",
        "1.2",
        "--magnesium",
        "--note",
        "bad night",
    ]);
    assert!(first.contains("caffeine 237 mg"), "{first}");
    let c = checkin(&env, "2026-11-25").expect("saved");
    assert_eq!(c.sleep_h, Some(5.5));
    assert_eq!(c.caffeine_mg, Some(237));
    assert_eq!(c.stress, Some(7));
    assert_eq!(c.water_l, Some(1.2));
    assert_eq!(c.magnesium, Some(true));
    // Left out is unknown, never zero.
    assert_eq!(c.alcohol, None);
    assert_eq!(c.exercise_min, None);
    assert_eq!(c.stretched, None);

    let second = env.ok(&[
        "checkin",
        "--caffeine",
        "400",
        "--alcohol",
        "2",
        "--exercise",
        "45",
        "--stretched",
        "--magnesium",
        "no",
    ]);
    assert!(second.contains("sleep 5.5 h"), "{second}");
    let c = checkin(&env, "2026-11-25").expect("saved");
    assert_eq!(c.sleep_h, Some(5.5), "kept");
    assert_eq!(c.stress, Some(7), "kept");
    assert_eq!(c.water_l, Some(1.2), "kept");
    assert_eq!(c.note.as_deref(), Some("bad night"), "kept");
    assert_eq!(c.caffeine_mg, Some(400), "replaced");
    assert_eq!(c.magnesium, Some(false), "replaced");
    assert_eq!(c.alcohol, Some(2));
    assert_eq!(c.exercise_min, Some(45));
    assert_eq!(c.stretched, Some(true));
    assert_eq!(count(&env.db, "SELECT count(*) FROM checkins"), 1);

    // Another day is its own row; `checkin` alone shows the day's check-in.
    env.ok(&["checkin", "--date", "yesterday", "--sleep", "8"]);
    assert_eq!(count(&env.db, "SELECT count(*) FROM checkins"), 2);
    assert_eq!(checkin(&env, "2026-11-24").unwrap().sleep_h, Some(8.0));
    let shown = env.ok(&["checkin", "--date", "2026-11-24"]);
    assert!(
        shown.contains("sleep 8 h") && shown.contains("unknown: caffeine"),
        "{shown}"
    );
}

#[test]
fn medications_are_added_stopped_and_listed() {
    let env = Env::new();
    env.ok(&[
        "med",
        "add",
        "salbutamol",
        "--class",
        "beta-2-agonist",
        "--start",
        "2026-10-01",
        "--dose",
        "100 mcg as needed",
    ]);
    env.ok(&["med", "add", "atorvastatin", "--class", "statin"]);
    env.ok(&["med", "stop", "salbutamol", "--on", "yesterday"]);
    let meds: serde_json::Value =
        serde_json::from_str(&env.ok(&["med", "list", "--json"])).unwrap();
    let meds = meds.as_array().unwrap();
    assert_eq!(meds.len(), 2);
    assert_eq!(meds[0]["name"], "salbutamol");
    assert_eq!(meds[0]["class"], "beta-2-agonist");
    assert_eq!(meds[0]["dose"], "100 mcg as needed");
    assert_eq!(meds[0]["start"], "2026-10-01");
    assert_eq!(meds[0]["stop"], "2026-11-24");
    assert_eq!(meds[1]["name"], "atorvastatin");
    assert_eq!(meds[1]["start"], "2026-11-25");
    assert_eq!(meds[1]["stop"], json!(null));
    let table = env.ok(&["med", "list"]);
    assert!(table.contains("still taking"), "{table}");
    // Stopping one that is not being taken is refused.
    let out = env.run(&["med", "stop", "salbutamol"]);
    assert_refused(&out, "salbutamol");
}

#[test]
fn a_selfcheck_is_kept_with_its_results_and_symptoms() {
    let env = Env::new();
    let out = env.ok(&[
        "selfcheck",
        "--date",
        "yesterday",
        "--heel-walk",
        "ok",
        "--jar",
        "fail",
        "--stairs",
        "ok",
        "--symptom",
        "tingling",
        "--symptom",
        "foot-drop",
    ]);
    assert!(
        out.contains("red flag"),
        "a failed test is pointed out: {out}"
    );
    let quiet = env.ok(&["selfcheck", "--heel-walk", "ok"]);
    assert!(!quiet.contains("red flag"), "{quiet}");
    // Tingling alone is a see-a-doctor matter (a nerve or circulation one), not a red flag.
    let sensory = env.ok(&["selfcheck", "--symptom", "tingling"]);
    assert!(!sensory.contains("red flag"), "{sensory}");
    assert!(sensory.contains("booking an appointment"), "{sensory}");

    let diary =
        myolog::store::Diary::open(&env.db, myolog::store::Access::Read, chrono::Utc::now())
            .unwrap();
    let checks = diary.self_checks().unwrap();
    assert_eq!(checks.len(), 3);
    use myolog::domain::TestResult::{Fail, Ok};
    assert_eq!(checks[0].date.to_string(), "2026-11-24");
    assert_eq!(
        (checks[0].heel_walk, checks[0].jar, checks[0].stairs),
        (Some(Ok), Some(Fail), Some(Ok))
    );
    let mut symptoms = checks[0].symptoms.clone();
    symptoms.sort();
    assert_eq!(symptoms, ["foot-drop", "tingling"]);
    assert_eq!(checks[1].date.to_string(), "2026-11-25");
    assert_eq!(checks[1].jar, None);
}

#[test]
fn edit_changes_only_what_is_given_and_undo_restores_it() {
    let env = Env::new();
    let id = env.log(&[
        "cramp",
        "--site",
        "calf:left",
        "--at",
        "2026-11-24 03:10",
        "--duration",
        "2m",
        "--pain",
        "7",
        "--hardening",
        "--relief",
        "stretch:helped",
        "--trigger",
        "exercise",
        "--note",
        "night",
    ]);
    let before = env.list(&[]).remove(0);
    env.ok(&["edit", &id[..6], "--pain", "4", "--sore-days", "1"]);
    let after = env.list(&[]).remove(0);
    assert_eq!(after["pain"], 4);
    assert_eq!(after["sore_days"], 1);
    for field in [
        "id",
        "kind",
        "start",
        "duration_s",
        "sites",
        "hardening",
        "reliefs",
        "triggers",
        "note",
        "created",
    ] {
        assert_eq!(after[field], before[field], "{field} changed");
    }
    // Another edit: time, sites and note.
    env.ok(&[
        "edit",
        &id,
        "--at",
        "2026-11-24 02:50",
        "--site",
        "hamstring:right",
        "--note",
        "",
    ]);
    let edited = env.list(&[]).remove(0);
    assert_eq!(edited["start"], "2026-11-24T02:50:00Z");
    assert_eq!(
        edited["sites"],
        json!([{"site": "hamstring", "side": "right"}])
    );
    assert_eq!(edited["note"], json!(null), "an empty note removes it");
    assert_eq!(edited["pain"], 4);

    let undone = env.ok(&["undo"]);
    assert!(undone.starts_with("Undone"), "{undone}");
    let back = env.list(&[]).remove(0);
    assert_eq!(back["start"], after["start"]);
    assert_eq!(back["sites"], after["sites"]);
    assert_eq!(back["note"], "night");
    env.ok(&["undo"]);
    let original = env.list(&[]).remove(0);
    assert_eq!(original["pain"], 7);
    assert_eq!(original["sore_days"], json!(null));
    assert_eq!(original, before);
}

#[test]
fn delete_is_soft_and_undo_brings_it_back() {
    let env = Env::new();
    let keep = env.log(&["twitch", "--site", "thumb:left", "--at", "08:00"]);
    let id = env.log(&[
        "twitch",
        "--site",
        "eyelid:right",
        "--at",
        "09:00",
        "--intensity",
        "2",
    ]);
    let before = env.list(&[]);
    env.ok(&["delete", &id[..8]]);
    assert_eq!(ids(&env.list(&[])), [keep.as_str()]);
    // Soft: the row is still in the file.
    assert_eq!(count(&env.db, "SELECT count(*) FROM episodes"), 2);
    // A deleted episode cannot be edited or deleted again.
    assert_refused(&env.run(&["edit", &id, "--intensity", "3"]), "ID");
    assert_refused(&env.run(&["delete", &id]), "ID");
    let said = env.ok(&["undo"]);
    assert!(said.contains("deleting the twitch"), "{said}");
    assert_eq!(env.list(&[]), before);
}

#[test]
fn undo_of_a_log_removes_it_and_an_empty_journal_says_so() {
    let env = Env::new();
    let id = env.log(&["cramp", "--site", "calf:right", "--pain", "5"]);
    assert_eq!(ids(&env.list(&[])), [id.as_str()]);
    let said = env.ok(&["undo"]);
    assert!(said.contains("logging the cramp"), "{said}");
    assert!(env.list(&[]).is_empty());
    assert_eq!(env.ok(&["undo"]).trim(), "Nothing to undo.");

    // With no diary at all there is nothing to undo either, and none is created.
    let fresh = Env::new();
    assert_eq!(fresh.ok(&["undo"]).trim(), "Nothing to undo.");
    assert!(!fresh.db.exists());
}

#[test]
fn backup_opens_as_a_diary_with_the_same_rows_and_never_overwrites() {
    let env = Env::new();
    env.log(&[
        "cramp",
        "--site",
        "calf:left",
        "--at",
        "yesterday 03:10",
        "--pain",
        "7",
        "--relief",
        "stretch:helped",
    ]);
    env.log(&[
        "twitch",
        "--site",
        "eyelid:left",
        "--intensity",
        "2",
        "--trigger",
        "caffeine",
    ]);
    env.ok(&["checkin", "--sleep", "6", "--caffeine", "coffee"]);
    env.ok(&["med", "add", "salbutamol", "--class", "beta-2-agonist"]);
    let copy = env.path("copy.sqlite3");
    let said = env.ok(&["backup", copy.to_str().unwrap()]);
    assert!(
        said.contains("2 episodes, 1 check-in, 1 medication "),
        "{said}"
    );

    let db = copy.to_str().unwrap();
    assert_eq!(env.list(&["--db", db]), env.list(&[]));
    assert_eq!(
        env.ok(&["--db", db, "med", "list", "--json"]),
        env.ok(&["med", "list", "--json"])
    );
    assert_eq!(count(&copy, "SELECT count(*) FROM checkins"), 1);

    // An existing file is refused and left as it was.
    let before = std::fs::read(&copy).unwrap();
    let out = env.run(&["backup", db]);
    let line = assert_refused(&out, "already exists");
    assert!(line.contains("copy.sqlite3"), "{line}");
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    assert!(stdout(&out).is_empty());
}
