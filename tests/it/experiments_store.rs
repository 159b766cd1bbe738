//! Experiments in the diary file: the upgrade that adds them keeps what can be undone, the
//! database itself refuses an experiment the domain would refuse, and the demo plants one.

use crate::support::cli::*;

use rusqlite::Connection;

/// A diary one version before this build's, with an episode logged by hand (so the undo
/// journal holds its entry), built with SQL.
fn previous_version_diary(path: &std::path::Path) {
    let mut conn = Connection::open(path).unwrap();
    let previous = myolog::store::latest_version() - 1;
    myolog::store::migrations()
        .unwrap()
        .to_version(&mut conn, usize::try_from(previous).unwrap())
        .unwrap();
    conn.execute_batch(
        "INSERT INTO episodes (id, kind, start_utc, utc_offset_s, intensity, created_utc, updated_utc)
         VALUES ('66666666-7777-4888-8999-aaaaaaaaaaaa', 'twitch', 1764000000, 0, 2,
             1764000000, 1764000000);
         INSERT INTO episode_sites VALUES ('66666666-7777-4888-8999-aaaaaaaaaaaa', 0, 'thumb', 'left');
         INSERT INTO undo_journal (entity, key, before, label, at_utc)
             VALUES ('episode', '66666666-7777-4888-8999-aaaaaaaaaaaa', NULL,
                 'logging the twitch at 2025-11-24 16:00', 1764000000);",
    )
    .unwrap();
}

#[test]
fn the_upgrade_keeps_what_can_be_undone_and_experiments_are_undone_too() {
    let env = Env::new();
    previous_version_diary(&env.db);
    env.ok(&[
        "experiment",
        "start",
        "cut",
        "--change",
        "no-caffeine",
        "--outcome",
        "twitch_day",
    ]);
    assert!(
        env.ok(&["undo"])
            .starts_with("Undone: starting the experiment cut.")
    );
    // The entry made before the upgrade is still there to undo, and redo brings back both.
    assert!(
        env.ok(&["undo"])
            .starts_with("Undone: logging the twitch at 2025-11-24 16:00.")
    );
    assert!(env.list(&[]).is_empty());
    assert!(env.ok(&["undo"]).starts_with("Nothing to undo"));
    env.ok(&["redo"]);
    assert_eq!(env.list(&[]).len(), 1);
    assert!(
        env.ok(&["redo"])
            .starts_with("Redone: starting the experiment cut.")
    );
    assert!(env.ok(&["experiment", "show"]).contains("cut: no caffeine"));
}

#[test]
fn the_database_refuses_an_experiment_the_domain_refuses() {
    let env = Env::new();
    env.ok(&["checkin", "--sleep", "7"]);
    let conn = Connection::open(&env.db).unwrap();
    let insert = |change: &str, start: &str, end: &str, stopped: Option<&str>| {
        conn.execute(
            "INSERT INTO experiments (id, name, change, outcome, start_date, end_date,
                 stopped_date, created_utc, updated_utc)
             VALUES (lower(hex(randomblob(18))), 'x', ?1, 'twitch_day', ?2, ?3, ?4, 0, 0)",
            (change, start, end, stopped),
        )
    };
    // Ids of 36 characters, as the diary's are: the row below is accepted.
    let ok = insert("no-caffeine", "2026-11-01", "2026-11-07", None);
    assert!(ok.is_ok(), "{ok:?}");
    for (change, start, end, stopped, why) in [
        (
            "sleep-8h",
            "2026-11-01",
            "2026-11-14",
            None,
            "unknown change",
        ),
        ("magnesium", "2026-11-01", "2026-11-06", None, "six days"),
        ("magnesium", "2026-11-01", "2027-11-01", None, "366 days"),
        (
            "magnesium",
            "2026-11-01",
            "2026-11-14",
            Some("2026-10-31"),
            "stopped before its start",
        ),
        ("magnesium", "2026-11-31", "2026-12-14", None, "no such day"),
    ] {
        assert!(insert(change, start, end, stopped).is_err(), "{why}");
    }
    let kept = conn.execute(
        "UPDATE checkins SET experiment_kept = 2 WHERE date = '2026-11-25'",
        [],
    );
    assert!(kept.is_err(), "a yes/no is 0 or 1");
}

#[test]
fn the_demo_plants_a_caffeine_cut_that_shows_fewer_twitch_days() {
    let env = Env::new();
    env.ok(&["demo", "--days", "365", "--seed", "1"]);
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["experiment", "show", "--json"])).unwrap();
    assert_eq!(v["name"], "caffeine cut");
    assert_eq!(v["change"], "no-caffeine");
    assert_eq!(v["outcome"], "twitch_day");
    // Four weeks ending a week before today, after four weeks of heavy coffee.
    assert_eq!(v["start"], "2026-10-22");
    assert_eq!(v["end"], "2026-11-18");
    assert!(v["adherence"].as_f64().unwrap() >= 0.8, "{v}");
    // The effect is real (twitch days twice as likely at 400 mg or more), and these days show
    // it: the kept days' interval lies below 1.
    assert_eq!(v["verdict"], "fewer", "{v}");
    assert!(v["per_protocol"]["ci_high"].as_f64().unwrap() < 1.0, "{v}");
    // Kept days are the check-ins under 100 mg, and most baseline days are heavy.
    let conn = sql(&env.db);
    let count = |q: &str| -> i64 { conn.query_row(q, [], |r| r.get(0)).unwrap() };
    let kept = count(
        "SELECT count(*) FROM checkins WHERE date BETWEEN '2026-10-22' AND '2026-11-18'
             AND caffeine_mg < 100",
    );
    assert_eq!(kept, v["experiment"]["kept_days"].as_i64().unwrap());
    let heavy = count(
        "SELECT count(*) FROM checkins WHERE date BETWEEN '2026-09-24' AND '2026-10-21'
             AND caffeine_mg >= 400",
    );
    assert!(
        heavy * 10 >= v["baseline"]["days"].as_i64().unwrap() * 7,
        "{heavy}"
    );
}
