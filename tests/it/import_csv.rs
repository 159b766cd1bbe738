//! `myolog import` of CSV: every table `export --format csv` writes comes back, alone (known by
//! its header) or as the export's folder (all or nothing), checked as the JSON import checks the
//! same records.

use crate::support::cli as common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Env, assert_refused, sql, stdout};
use serde_json::Value;

/// The note of the check-in the tests add: a comma, quotes, a line break and a leading `=`
/// that a spreadsheet would run.
const NOTE: &str = "=1+1, \"quoted\"\nsecond line";

/// A 40-day demo diary plus a medication, a self-check with a symptom and a failed test, an
/// experiment, and a check-in with a [`NOTE`].
fn diary() -> Env {
    let env = Env::new();
    env.ok(&["demo", "--days", "40", "--seed", "3"]);
    env.ok(&[
        "med",
        "add",
        "salbutamol",
        "--class",
        "beta-2-agonist",
        "--dose",
        "-2 puffs, when needed",
        "--start",
        "2026-10-01",
    ]);
    env.ok(&[
        "selfcheck",
        "--date",
        "2026-11-24",
        "--jar",
        "fail",
        "--symptom",
        "tingling",
    ]);
    env.ok(&["checkin", "--date", "2026-11-24", "--note", NOTE]);
    env.ok(&[
        "experiment",
        "start",
        "stretching",
        "--change",
        "stretch-before-bed",
        "--outcome",
        "cramp_day",
        "--on",
        "2026-11-20",
    ]);
    env
}

/// `export --format csv -o FOLDER/` of `db`, plus `extra` flags.
fn export_csv(env: &Env, db: &Path, folder: &str, extra: &[&str]) -> PathBuf {
    let path = env.path(folder);
    let target = format!("{}/", path.display());
    let mut args = vec!["export", "--format", "csv", "-o", &target];
    args.extend_from_slice(extra);
    env.ok_on(db, &args);
    path
}

/// The diary's JSON export without the export's own header fields (the date it was written).
fn records(env: &Env, db: &Path) -> Value {
    let path = env.path("records.json");
    let _ = fs::remove_file(&path);
    env.ok_on(
        db,
        &["export", "--format", "json", "-o", path.to_str().unwrap()],
    );
    let mut v: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    let tables = [
        "episodes",
        "checkins",
        "medications",
        "self_checks",
        "experiments",
    ];
    v.as_object_mut()
        .unwrap()
        .retain(|k, _| tables.contains(&k.as_str()));
    v
}

/// Every row of every table of the diary file, to show an import changed nothing.
fn rows(db: &Path) -> Vec<String> {
    let conn = sql(db);
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut all = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = stmt.column_count();
        let mut found: Vec<String> = stmt
            .query_map([], |r| {
                let cells = (0..n)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(format!("{table}: {cells:?}"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        found.sort();
        all.extend(found);
    }
    all
}

fn count(v: &Value, table: &str) -> usize {
    v[table].as_array().unwrap().len()
}

#[test]
fn a_csv_export_folder_imports_into_the_same_diary() {
    let env = diary();
    let mine = records(&env, &env.db);
    let checkin = mine["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["date"] == "2026-11-24")
        .unwrap();
    assert_eq!(checkin["note"], NOTE, "the note to carry is in the diary");
    assert_eq!(count(&mine, "experiments"), 1);
    let folder = export_csv(&env, &env.db, "out", &[]);
    // What else is in the folder is no table and is left out.
    fs::write(folder.join("notes.txt"), "not a table, a,b").unwrap();
    fs::write(folder.join("other.csv"), "foo,bar\n1,2\n").unwrap();

    let fresh = env.path("fresh.sqlite3");
    let said = env.ok_on(&fresh, &["import", folder.to_str().unwrap()]);
    let added = format!(
        "added {} episodes, {} check-ins, 1 medication, {} self-checks, 1 experiment;",
        count(&mine, "episodes"),
        count(&mine, "checkins"),
        count(&mine, "self_checks"),
    );
    assert!(said.contains(&added), "{said}\nexpected {added}");
    assert_eq!(records(&env, &fresh), mine);
}

#[test]
fn importing_the_folder_again_adds_nothing() {
    let env = diary();
    let folder = export_csv(&env, &env.db, "out", &[]);
    let before = rows(&env.db);
    let said = env.ok(&["import", folder.to_str().unwrap()]);
    assert!(said.contains("added nothing"), "{said}");
    assert!(!said.contains("updated"), "{said}");
    // The files Excel is given, with a byte-order mark each, are the same records.
    let excel = export_csv(&env, &env.db, "excel", &["--excel"]);
    let said = env.ok(&["import", excel.to_str().unwrap()]);
    assert!(said.contains("added nothing"), "{said}");
    assert_eq!(rows(&env.db), before);
}

#[test]
fn each_table_file_alone_imports_its_records() {
    let env = diary();
    let mine = records(&env, &env.db);
    let folder = export_csv(&env, &env.db, "out", &[]);
    for (file, table, added) in [
        ("checkins.csv", "checkins", "check-ins"),
        ("medications.csv", "medications", "1 medication"),
        ("self_checks.csv", "self_checks", "self-checks"),
        ("experiments.csv", "experiments", "1 experiment"),
        ("episodes.csv", "episodes", "episodes"),
    ] {
        // Copied under another name: a lone file is known by its header.
        let alone = env.path(&format!("my {table}.csv"));
        fs::copy(folder.join(file), &alone).unwrap();
        let fresh = env.path(&format!("{table}.sqlite3"));
        let said = env.ok_on(&fresh, &["import", alone.to_str().unwrap()]);
        assert!(said.contains(added), "{file}: {said}");
        let theirs = records(&env, &fresh);
        assert_eq!(theirs[table], mine[table], "{file}");
        for other in [
            "episodes",
            "checkins",
            "medications",
            "self_checks",
            "experiments",
        ] {
            if other != table {
                assert_eq!(count(&theirs, other), 0, "{file} brought in {other}");
            }
        }
    }
}

/// Imports `content` as `folder/file` into the diary, which must refuse it naming `names` and
/// change nothing; returns the line.
fn refused(env: &Env, file: &str, content: &str, names: &str) -> String {
    let path = env.path(&format!("bad/{file}"));
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, content).unwrap();
    let before = rows(&env.db);
    let line = assert_refused(&env.run(&["import", path.to_str().unwrap()]), names);
    assert!(
        line.contains(&format!("bad/{file}")),
        "names the file: {line}"
    );
    assert_eq!(rows(&env.db), before, "{file}: the diary is unchanged");
    line
}

#[test]
fn a_bad_cell_refuses_the_file_naming_line_column_and_what_is_accepted() {
    let env = diary();
    let line = refused(
        &env,
        "checkins.csv",
        "date,stress,note\n2026-11-01,4,\n2026-11-02,11,fine\n",
        "line 3, stress",
    );
    assert!(line.contains("0 to 10"), "{line}");
    let line = refused(
        &env,
        "medications.csv",
        "id,name,class,dose,start,stop,created,updated\n\
         ,magnesium,other,,2026-10-01,,,\n\
         ,wonder pill,wonder-class,,2026-10-01,,,\n",
        "line 3, class",
    );
    assert!(line.contains("accepted: thiazide-diuretic"), "{line}");
    let line = refused(
        &env,
        "self_checks.csv",
        "id,date,heel_walk,jar,stairs,symptoms,created\n,2026-11-20,ok,maybe,,,\n",
        "line 2, jar",
    );
    assert!(line.contains("accepted: ok, fail"), "{line}");
    // A start time the file cannot hold is said in the file's terms, not the command line's
    // "-2h" and "yesterday".
    let line = refused(
        &env,
        "episodes.csv",
        "kind,start,sites\ntwitch,2026-11-01 25:00,calf\n",
        "line 2, start",
    );
    assert!(
        line.contains("accepted: RFC 3339 (2026-11-25T07:40:00+00:00) or a local YYYY-MM-DD HH:MM"),
        "{line}"
    );
    assert!(!line.contains("-2h"), "{line}");
    // The id of a check-in is its date's: another is refused, not taken as a second record.
    // (`date,id` could head self-checks too: the file's name decides.)
    refused(
        &env,
        "checkins.csv",
        "date,id\n2026-11-02,00000000-0000-0000-0000-000000000001\n",
        "line 2, id",
    );
}

#[test]
fn a_header_of_no_table_and_a_folder_of_none_are_refused_in_one_line() {
    let env = diary();
    let line = refused(&env, "mine.csv", "when,what\n2026-11-20,cramp\n", "line 1");
    for table in [
        "episodes.csv",
        "checkins.csv",
        "medications.csv",
        "self_checks.csv",
        "experiments.csv",
    ] {
        assert!(line.contains(table), "{line}");
    }
    // A header that reads as check-ins, with one column misspelt, names the column.
    let line = refused(
        &env,
        "typo.csv",
        "date,sleep_h,stres\n2026-11-20,7,4\n",
        "line 1",
    );
    assert!(
        line.contains("'stres' is not a column of checkins.csv"),
        "{line}"
    );
    // One that could be either table, under a name of neither, is no table.
    refused(
        &env,
        "dates.csv",
        "date,id\n2026-11-20,\n",
        "accepted: the header of",
    );

    let empty = env.path("empty");
    fs::create_dir(&empty).unwrap();
    fs::write(empty.join("readme.txt"), "nothing here").unwrap();
    let before = rows(&env.db);
    let line = assert_refused(&env.run(&["import", empty.to_str().unwrap()]), "empty");
    assert!(line.contains("self_checks.csv"), "{line}");
    assert_eq!(rows(&env.db), before);
}

#[test]
fn a_folder_with_one_bad_file_imports_nothing_from_the_others() {
    let env = diary();
    let folder = export_csv(&env, &env.db, "out", &[]);
    // The last table read with rows in it: every other file was already found good.
    let mut checks = fs::read_to_string(folder.join("self_checks.csv")).unwrap();
    checks.push_str(",2026-11-21,ok,maybe,,,,\n");
    fs::write(folder.join("self_checks.csv"), &checks).unwrap();
    let at = checks.lines().count();

    let target = env.path("target.sqlite3");
    env.ok_on(
        &target,
        &[
            "log",
            "twitch",
            "--site",
            "calf:left",
            "--at",
            "2026-11-20 08:00",
        ],
    );
    let before = rows(&target);
    let out = env.run_on(&target, &["import", folder.to_str().unwrap()]);
    let line = assert_refused(&out, &format!("self_checks.csv: line {at}, jar"));
    assert!(line.contains("accepted: ok, fail"), "{line}");
    assert_eq!(rows(&target), before, "nothing came in");
}

mod never_panics {
    use chrono::DateTime;
    use myolog::domain::Clock;
    use myolog::portable::ImportError;
    use myolog::portable::csv::{Table, read_table};
    use proptest::prelude::*;

    /// Text that starts like one of the three tables read here, so rows get read.
    fn near_miss() -> impl Strategy<Value = String> {
        prop_oneof![
            "date,sleep_h,caffeine_mg,stress,water_l,note,id\n[-0-9.,a-z' ]{0,80}\n.{0,60}",
            "id,name,class,dose,start,stop,created,updated\n[-0-9.,a-zT:Z' ]{0,80}\n",
            "id,date,heel_walk,jar,stairs,symptoms,created\n[-0-9,a-z;:TZ' ]{0,80}\n",
            any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn each_table_reader_answers_records_or_a_clear_error(text in near_miss()) {
            let now = DateTime::parse_from_rfc3339("2026-11-25T10:15:00+00:00").unwrap();
            let clock = Clock::new(now);
            for table in [Table::CheckIns, Table::Medications, Table::SelfChecks] {
                let read = read_table(table, text.as_bytes(), &clock, |_| Ok::<(), ImportError>(()));
                if let Err(e) = read {
                    prop_assert!(!e.reason.is_empty());
                    prop_assert!(e.position.starts_with("line "), "{}", e.position);
                }
            }
        }
    }
}

/// East of UTC, today's local date begins before UTC's clock reaches it: a table typed by hand,
/// without `created` times, dated today, is today's, not the future's.
#[test]
fn rows_dated_today_without_times_import_east_of_utc() {
    // 12:00 UTC is already 1 December in Auckland.
    let env = Env::at("2026-11-30T12:00:00Z", "Pacific/Auckland");
    let write = |name: &str, text: &str| {
        let path = env.path(name);
        fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let meds = write(
        "meds.csv",
        "name,class,start\nsalbutamol,beta-2-agonist,2026-12-01\n",
    );
    let checks = write("checks.csv", "date,jar,heel_walk\n2026-12-01,fail,ok\n");
    let experiments = write(
        "experiments.csv",
        "name,change,outcome,start,end\nless coffee,less-caffeine,twitch_day,2026-12-01,2026-12-14\n",
    );
    for file in [&meds, &checks, &experiments] {
        let said = env.ok(&["import", file]);
        assert!(said.contains("added 1 "), "{file}: {said}");
    }
    // A day that has not begun anywhere is still the future.
    let tomorrow = write("later.csv", "date,jar\n2026-12-02,fail\n");
    let out = env.run(&["import", &tomorrow]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
}
