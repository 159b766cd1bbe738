//! Experiments travel with the diary: JSON and CSV exports carry them, `myolog import` brings
//! them back, merged by id like every other record (the copy changed last wins), and a bad one
//! refuses the file.

use crate::support::cli::*;

use serde_json::Value;

fn json(env: &Env, args: &[&str]) -> Value {
    serde_json::from_str(&env.ok(args)).unwrap()
}

/// A diary with a stopped caffeine cut, a custom experiment running, and a check-in that
/// answers its question.
fn diary_with_experiments() -> Env {
    // Made as a person would, on the days it happened: started on 2026-10-01, stopped on
    // 2026-10-09 (so `updated` is after `created`), a custom one started on 2026-11-20.
    let mut env = Env::at("2026-10-01T08:00:00Z", "Europe/London");
    env.ok(&[
        "experiment",
        "start",
        "caffeine cut",
        "--change",
        "no-caffeine",
        "--outcome",
        "twitch_day",
    ]);
    env.now = "2026-10-09T20:00:00Z".into();
    env.ok(&["checkin", "--date", "2026-10-05", "--caffeine", "60"]);
    env.ok(&["experiment", "stop"]);
    env.now = "2026-11-20T08:00:00Z".into();
    env.ok(&[
        "experiment",
        "start",
        "screens off at nine",
        "--change",
        "custom",
        "--outcome",
        "cramp_day",
        "--days",
        "21",
    ]);
    env.now = NOW.into();
    env.ok(&["checkin", "--kept", "--sleep", "7"]);
    env
}

fn experiments(env: &Env) -> Value {
    json(env, &["experiment", "list", "--json"])
}

/// The experiment records as the diary keeps them (created and updated too), as JSON exports
/// them.
fn records(env: &Env) -> Value {
    let file = env.path("records.json");
    let _ = std::fs::remove_file(&file);
    env.ok(&["export", "--format", "json", "-o", file.to_str().unwrap()]);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    doc["experiments"].clone()
}

#[test]
fn json_carries_experiments_and_the_kept_answer_and_a_second_import_changes_nothing() {
    let env = diary_with_experiments();
    let file = env.path("all.json");
    let said = env.ok(&["export", "--format", "json", "-o", file.to_str().unwrap()]);
    assert!(said.contains(" and 2 experiments as json"), "{said}");
    // A FHIR bundle has no resource for an experiment: its line names none.
    let fhir = env.path("all.fhir.json");
    let said = env.ok(&["export", "--format", "fhir", "-o", fhir.to_str().unwrap()]);
    assert!(said.contains("self-checks as fhir"), "{said}");
    assert!(!said.contains("experiment"), "{said}");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let exported = doc["experiments"].as_array().unwrap();
    assert_eq!(exported.len(), 2);
    let mut keys: Vec<&str> = exported[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "change", "created", "end", "id", "name", "outcome", "start", "stopped", "updated"
        ]
    );
    assert_eq!(exported[0]["stopped"], "2026-10-09");
    assert_eq!(exported[1]["change"], "custom");
    let today = doc["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["date"] == "2026-11-25")
        .unwrap();
    assert_eq!(today["experiment_kept"], true);

    let other = Env::new();
    let said = other.ok(&["import", file.to_str().unwrap()]);
    assert!(said.contains("2 experiments"), "{said}");
    assert_eq!(records(&other), records(&env));
    assert_eq!(experiments(&other), experiments(&env));
    assert!(
        other
            .ok(&["checkin"])
            .contains("experiment change kept yes")
    );
    let again = other.ok(&["import", file.to_str().unwrap()]);
    assert!(again.contains("added nothing"), "{again}");
    assert_eq!(experiments(&other), experiments(&env));
}

#[test]
fn merging_keeps_the_copy_changed_last() {
    let env = Env::new();
    env.ok(&[
        "experiment",
        "start",
        "cut",
        "--change",
        "less-caffeine",
        "--outcome",
        "twitch_day",
        "--on",
        "2026-11-20",
    ]);
    let running = env.path("running.json");
    env.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        running.to_str().unwrap(),
    ]);

    // Another device imports it, then stops it: its copy is newer.
    let later = Env::at("2026-11-25T18:00:00Z", "Europe/London");
    later.ok(&["import", running.to_str().unwrap()]);
    later.ok(&["experiment", "stop"]);
    let stopped = later.path("stopped.json");
    later.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        stopped.to_str().unwrap(),
    ]);

    // The newer copy updates this diary; the older one then changes nothing back.
    let merged = Env::at("2026-11-25T19:00:00Z", "Europe/London");
    std::fs::copy(&env.db, &merged.db).unwrap();
    let said = merged.ok(&["import", stopped.to_str().unwrap()]);
    assert!(said.contains("updated 1 experiment"), "{said}");
    assert_eq!(experiments(&merged)[0]["stopped"], "2026-11-25");
    merged.ok(&["import", running.to_str().unwrap()]);
    assert_eq!(experiments(&merged)[0]["stopped"], "2026-11-25");
    assert_eq!(experiments(&merged).as_array().unwrap().len(), 1);
}

#[test]
fn csv_carries_experiments_and_imports_them_back_by_id() {
    let env = diary_with_experiments();
    let folder = env.path("csv");
    let arg = format!("{}/", folder.display());
    env.ok(&["export", "--format", "csv", "-o", &arg]);
    let table = std::fs::read_to_string(folder.join("experiments.csv")).unwrap();
    let header = table.lines().next().unwrap();
    assert_eq!(
        header,
        "id,name,change,outcome,start,end,stopped,created,updated"
    );
    assert!(
        table.contains(",caffeine cut,no-caffeine,twitch_day,2026-10-01,2026-10-14,2026-10-09,"),
        "{table}"
    );
    let checkins = std::fs::read_to_string(folder.join("checkins.csv")).unwrap();
    assert!(
        checkins
            .lines()
            .next()
            .unwrap()
            .ends_with(",experiment_kept,id,created,updated")
    );

    let other = Env::new();
    let file = folder.join("experiments.csv");
    let said = other.ok(&["import", file.to_str().unwrap()]);
    assert!(said.contains("added 2 experiments"), "{said}");
    // The records whole: ids, dates, the stop, and the created and updated times.
    assert_eq!(records(&other), records(&env));
    let again = other.ok(&["import", file.to_str().unwrap()]);
    assert!(again.contains("2 entries already here"), "{again}");
    assert_eq!(records(&other), records(&env));
}

#[test]
fn a_bad_experiment_refuses_the_whole_file_naming_it() {
    let env = Env::new();
    let bad = env.path("bad.csv");
    std::fs::write(
        &bad,
        "name,change,outcome,start,end\n\
         cut,no-caffeine,twitch_day,2026-10-01,2026-10-14\n\
         short,no-caffeine,twitch_day,2026-11-01,2026-11-03\n",
    )
    .unwrap();
    let line = assert_refused(&env.run(&["import", bad.to_str().unwrap()]), "line 3, end");
    assert!(line.contains("accepted: 7 to 365 days"), "{line}");
    assert!(env.diary_bytes().is_none(), "nothing written");

    let unknown = env.path("unknown.csv");
    std::fs::write(
        &unknown,
        "name,change,outcome,start,end\ncut,sleep-8h,twitch_day,2026-10-01,2026-10-14\n",
    )
    .unwrap();
    let line = assert_refused(
        &env.run(&["import", unknown.to_str().unwrap()]),
        "line 2, change",
    );
    assert!(line.contains("unknown change 'sleep-8h'"), "{line}");

    let json = env.path("bad.json");
    std::fs::write(
        &json,
        r#"{"format": "myolog-diary", "format_version": 1, "experiments": [
            {"id": "6c1d8f7e-0000-4000-8000-000000000001", "name": "later", "change": "magnesium",
             "outcome": "cramp_day", "start": "2026-12-01", "end": "2026-12-14", "stopped": null,
             "created": "2026-11-25T10:00:00Z", "updated": "2026-11-25T10:00:00Z"}]}"#,
    )
    .unwrap();
    let line = assert_refused(
        &env.run(&["import", json.to_str().unwrap()]),
        "experiments[0].start",
    );
    assert!(line.contains("in the future"), "{line}");
    assert!(env.diary_bytes().is_none(), "nothing written");
}

#[test]
fn a_name_a_spreadsheet_would_run_comes_back_exactly() {
    let env = Env::new();
    env.ok(&[
        "experiment",
        "start",
        "=1+1 cut",
        "--change",
        "no-alcohol",
        "--outcome",
        "cramp_day",
    ]);
    let folder = env.path("csv");
    let arg = format!("{}/", folder.display());
    env.ok(&["export", "--format", "csv", "-o", &arg]);
    let table = std::fs::read_to_string(folder.join("experiments.csv")).unwrap();
    assert!(table.contains(",'=1+1 cut,no-alcohol,"), "{table}");
    let other = Env::new();
    other.ok(&["import", folder.join("experiments.csv").to_str().unwrap()]);
    assert_eq!(experiments(&other)[0]["name"], "=1+1 cut");
}
