//! `myolog patterns` and `myolog config` through the real binary, with a fixed clock and zone.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const NOW: &str = "2026-03-20T12:00:00Z";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("diary.sqlite3")
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_myolog"))
            .args(args)
            .env("MYOLOG_DB", self.db())
            .env("MYOLOG_CONFIG", self.config())
            .env("MYOLOG_NOW", NOW)
            .env("TZ", "UTC")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Twitches at calf on each day of March from `from` to `to`.
    fn twitch_days(&self, from: u32, to: u32) {
        for d in from..=to {
            self.ok(&[
                "log",
                "twitch",
                "--site",
                "calf:left",
                "--at",
                &format!("2026-03-{d:02} 10:00"),
            ]);
        }
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

fn flag_ids(v: &Value) -> Vec<&str> {
    v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect()
}

/// `patterns` run with `args` (which include `--json`): the flag `id`, which must be there.
fn flag_of(env: &Env, args: &[&str], id: &str) -> Value {
    let v = env.json(args);
    let flags = v["flags"].as_array().unwrap();
    let found = flags.iter().find(|f| f["id"] == id);
    found.unwrap_or_else(|| panic!("no {id} in {v}")).clone()
}

fn exists(path: &Path) -> bool {
    path.exists()
}

#[test]
fn json_is_the_object_domain_md_describes() {
    let env = Env::new();
    env.twitch_days(1, 15);
    env.ok(&["checkin", "--date", "2026-03-02", "--caffeine", "450"]);
    let v = env.json(&["patterns", "--json"]);
    assert_eq!(keys(&v), ["as_of", "factors", "flags", "tallies"]);
    assert_eq!(v["as_of"], "2026-03-20");
    assert_eq!(flag_ids(&v), ["twitch_persistent"]);
    let flag = &v["flags"][0];
    for key in [
        "id",
        "level",
        "title",
        "detail",
        "first_met",
        "last_seen",
        "active",
        "evidence",
    ] {
        assert!(flag.get(key).is_some(), "flag has no {key}");
    }
    assert_eq!(flag["level"], "see_doctor");
    assert_eq!(flag["first_met"], "2026-03-15");
    assert_eq!(flag["last_seen"], "2026-03-15");
    assert_eq!(flag["active"], false, "5 days without a twitch by the 20th");
    let occurrences = flag["evidence"]["occurrences"].as_array().unwrap();
    assert_eq!(occurrences.len(), 1);
    assert_eq!(
        keys(&occurrences[0]),
        [
            "active",
            "dates",
            "detail",
            "episode_ids",
            "first",
            "last",
            "level",
            "met",
            "obvious_trigger_days",
            "twitch_days"
        ]
    );
    assert_eq!(occurrences[0]["level"], "see_doctor");
    assert_eq!(occurrences[0]["first"], "2026-03-01");
    assert_eq!(occurrences[0]["last"], "2026-03-15");
    assert_eq!(occurrences[0]["met"], "2026-03-15");
    assert_eq!(flag["evidence"]["spell_first"], "2026-03-01");
    assert_eq!(flag["evidence"]["twitch_days"], 15);
    assert_eq!(flag["evidence"]["obvious_trigger_days"], 1);
    assert_eq!(flag["evidence"]["dates"].as_array().unwrap().len(), 15);
    assert_eq!(
        flag["evidence"]["episode_ids"].as_array().unwrap().len(),
        15
    );

    let factors = v["factors"].as_array().unwrap();
    // 16 same-day rows, then 14 next-day rows (the factors with twitch_day and cramp_day).
    assert_eq!(factors.len(), 30);
    assert_eq!(
        keys(&factors[0]),
        [
            "ci_high",
            "ci_low",
            "enough_data",
            "exposed_days",
            "exposed_outcome_days",
            "factor",
            "lag_days",
            "outcome",
            "p",
            "q",
            "ratio",
            "stands_out",
            "unexposed_days",
            "unexposed_outcome_days"
        ]
    );
    assert_eq!(factors[0]["factor"], "caffeine_high");
    assert_eq!(factors[0]["lag_days"], 0);
    assert_eq!(factors[0]["exposed_days"], 1);
    assert_eq!(factors[0]["enough_data"], false);
    assert!(factors[0]["ratio"].is_null());
    assert!(factors[0]["p"].is_null() && factors[0]["q"].is_null());
    assert_eq!(factors[0]["stands_out"], false);
    assert_eq!(factors[16]["factor"], "caffeine_high");
    assert_eq!(factors[16]["lag_days"], 1);
    assert!(v["tallies"].as_array().unwrap().is_empty());
}

#[test]
fn as_of_sees_the_diary_as_it_stood_then() {
    let env = Env::new();
    env.twitch_days(1, 15);
    let v = env.json(&["patterns", "--json", "--as-of", "2026-03-14"]);
    assert_eq!(v["as_of"], "2026-03-14");
    assert!(flag_ids(&v).is_empty());
    let v = env.json(&["patterns", "--json", "--as-of", "2026-03-15"]);
    assert_eq!(flag_ids(&v), ["twitch_persistent"]);
    assert_eq!(v["flags"][0]["active"], true);
}

/// A period never cuts a spell short: the rules read the whole diary, so the 15-day spell is
/// met as of its 15th day whatever `--since` says, with the day it was first met; a period
/// that starts after its last day, when it is no longer active, has no flag.
#[test]
fn since_shows_the_flags_met_in_the_period_judged_on_the_whole_diary() {
    let env = Env::new();
    env.twitch_days(1, 15);
    for since in ["2026-03-02", "2026-03-15"] {
        let v = env.json(&[
            "patterns",
            "--json",
            "--as-of",
            "2026-03-15",
            "--since",
            since,
        ]);
        assert_eq!(flag_ids(&v), ["twitch_persistent"], "--since {since}");
        assert_eq!(v["flags"][0]["first_met"], "2026-03-15");
        assert_eq!(v["flags"][0]["evidence"]["spell_first"], "2026-03-01");
    }
    let text = env.ok(&["patterns", "--as-of", "2026-03-15", "--since", "2026-03-10"]);
    assert!(text.contains("Twitching for more than two weeks"), "{text}");
    let ten_days_on = |since: &str| {
        env.json(&[
            "patterns",
            "--json",
            "--as-of",
            "2026-03-20",
            "--since",
            since,
        ])
    };
    let v = ten_days_on("2026-03-19");
    assert!(flag_ids(&v).is_empty(), "{v}");
    // Still in force on the period's first day (its last twitch 3 days before): kept.
    let v = ten_days_on("2026-03-18");
    assert_eq!(flag_ids(&v), ["twitch_persistent"], "{v}");
    assert_eq!(v["flags"][0]["active"], false);
}

/// A period's flag has the level its occurrences in the period reached (DOMAIN.md section 4):
/// an unexplained spell in January does not make March's stress-tagged spell "see a doctor" in
/// a report of March, which says instead that the flag was met before, and at what level.
#[test]
fn a_periods_level_comes_from_what_happened_in_it() {
    let env = Env::new();
    for month in [1, 3] {
        for d in 1..=16 {
            let at = format!("2026-{month:02}-{d:02} 10:00");
            let mut args = vec!["log", "twitch", "--site", "thumb:left", "--at", &at];
            if month == 3 {
                args.extend(["--trigger", "stress"]);
            }
            env.ok(&args);
        }
    }
    let as_of = ["--as-of", "2026-03-20"];
    let whole = env.json(&["patterns", "--json", as_of[0], as_of[1]]);
    assert_eq!(whole["flags"][0]["level"], "see_doctor", "the whole diary");
    let march = env.json(&[
        "patterns",
        "--json",
        as_of[0],
        as_of[1],
        "--since",
        "2026-03-01",
    ]);
    let flag = &march["flags"][0];
    assert_eq!(flag["id"], "twitch_persistent");
    assert_eq!(flag["level"], "notice", "{flag}");
    // "Since when" stays the rule's own first day (DOMAIN.md section 4): a report of March
    // says the flag was first met in January, and that March met it once.
    assert_eq!(flag["first_met"], "2026-01-15");
    let occurrences = flag["evidence"]["occurrences"].as_array().unwrap();
    assert_eq!(occurrences.len(), 1);
    assert_eq!(occurrences[0]["met"], "2026-03-15");
    assert_eq!(flag["evidence"]["met_before_period"], 1);
    let text = env.ok(&["patterns", as_of[0], as_of[1], "--since", "2026-03-01"]);
    assert!(
        text.contains("last seen 2026-03-16, not active now; first met 2026-01-15; met once in this period, once before"),
        "{text}"
    );
    let detail = flag["detail"].as_str().unwrap();
    assert!(
        detail.contains(
            "Before this period it was met 1 more time, first on 2026-01-15 (at most see a doctor)"
        ),
        "{detail}"
    );
    // A period from the last days of January's spell holds it (a spell is in force until 3
    // days after its last twitch day): see a doctor, with both spells.
    let from =
        |since: &str| env.json(&["patterns", "--json", as_of[0], as_of[1], "--since", since]);
    let jan = from("2026-01-19");
    assert_eq!(jan["flags"][0]["level"], "see_doctor");
    assert_eq!(
        jan["flags"][0]["evidence"]["occurrences"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // A period from the day after that does not: notice.
    assert_eq!(from("2026-01-20")["flags"][0]["level"], "notice");
}

/// A red flag in force when the period began, cleared by a self-check in it, is shown (no
/// longer active): for ten days of the period it was an urgent matter.
#[test]
fn a_red_flag_cleared_in_the_period_is_shown_for_it() {
    let env = Env::new();
    let check = |date: &str, heel_walk: &str| {
        env.ok(&[
            "selfcheck",
            "--date",
            date,
            "--heel-walk",
            heel_walk,
            "--jar",
            "ok",
            "--stairs",
            "ok",
        ])
    };
    check("2026-02-01", "fail");
    check("2026-02-20", "ok");
    let v = env.json(&["patterns", "--json", "--since", "2026-02-10"]);
    assert_eq!(flag_ids(&v), ["red_flag_weakness"], "{v}");
    assert_eq!(v["flags"][0]["active"], false);
    // A period that begins after it was cleared has no flag.
    let v = env.json(&["patterns", "--json", "--since", "2026-02-21"]);
    assert!(flag_ids(&v).is_empty(), "{v}");
}

#[test]
fn the_text_report_puts_active_flags_first_then_the_most_serious_and_exits_0() {
    let env = Env::new();
    env.twitch_days(1, 15);
    env.ok(&[
        "log",
        "cramp",
        "--site",
        "calf:right",
        "--at",
        "2026-03-19 03:10",
        "--duration",
        "601",
        "--trigger",
        "exercise",
    ]);
    env.ok(&[
        "selfcheck",
        "--date",
        "2026-03-02",
        "--symptom",
        "foot-drop",
    ]);
    let out = env.run(&["patterns"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    // Foot drop: urgent and active (no self-check since); the long cramp: active; the spell
    // ended on the 15th: last seen then.
    let urgent = text
        .find(
            "!!! URGENT (seek prompt medical review): Tripping or a lead leg (foot drop) (active)",
        )
        .expect(&text);
    let cramp = text
        .find(
            "!! SEE A DOCTOR (book an appointment): A cramp lasting more than 10 minutes (active)",
        )
        .expect(&text);
    let spell = text
        .find("!! SEE A DOCTOR (book an appointment): Twitching for more than two weeks (last seen 2026-03-15)")
        .expect(&text);
    assert!(urgent < cramp && cramp < spell, "{text}");
    assert!(text.contains("no self-check since 2026-03-02"), "{text}");
    assert!(text.contains("last seen 2026-03-15, not active now; first met 2026-03-15"));
    assert!(text.contains("Guidance: See a GP if a cramp lasts longer than 10 minutes"));
    assert!(text.contains("Why: "));
    assert!(text.contains("not medical advice"));
    assert!(text.contains("not proof of cause"));
    assert!(text.contains("not enough data yet"));
    assert!(text.contains("TRIGGER TALLIES"));
    assert!(text.contains("exercise"));
    assert!(!text.contains("Nothing here meets"));
}

#[test]
fn no_flag_says_only_that_nothing_meets_a_threshold() {
    let env = Env::new();
    env.twitch_days(1, 3);
    let text = env.ok(&["patterns"]);
    assert!(text.contains("Nothing here meets a see-a-doctor threshold."));
    assert!(!text.to_lowercase().contains("healthy"));
    assert!(!text.to_lowercase().contains("nothing to worry"));
}

#[test]
fn a_missing_diary_is_said_and_the_report_is_empty() {
    let env = Env::new();
    let out = env.run(&["patterns", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no diary at"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(flag_ids(&v).is_empty());
    assert!(!exists(&env.db()), "reading never creates a diary");
}

#[test]
fn bad_days_are_refused_with_exit_2() {
    let env = Env::new();
    for (args, field) in [
        (vec!["patterns", "--as-of", "2026-02-30"], "--as-of"),
        (vec!["patterns", "--since", "soon"], "--since"),
        (
            vec!["patterns", "--since", "2026-03-10", "--as-of", "2026-03-01"],
            "--since",
        ),
    ] {
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(field), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn config_shows_every_setting_and_where_it_came_from() {
    let env = Env::new();
    let text = env.ok(&["config"]);
    assert!(text.contains(&env.config().display().to_string()));
    assert!(text.contains("every setting is its default"));
    assert!(text.contains("[patterns]"));
    // SETTING, VALUE and FROM of a setting's row.
    let row = |text: &str, key: &str| -> String {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(key))
            .unwrap_or_else(|| panic!("no {key} in {text}"));
        let words: Vec<&str> = line.split_whitespace().take(5).collect();
        words.join(" ")
    };
    assert!(
        row(&text, "persistent_min_span_days").starts_with("persistent_min_span_days 14 default")
    );
    assert!(row(&text, "confidence").starts_with("confidence 0.95 default"));
    for info in myolog::patterns::Settings::default().describe() {
        assert!(row(&text, info.key).contains(" default"), "{}", info.key);
    }

    std::fs::write(env.config(), "[patterns]\npersistent_min_span_days = 20\n").unwrap();
    let text = env.ok(&["config"]);
    assert_eq!(
        row(&text, "persistent_min_span_days"),
        "persistent_min_span_days 20 file (default 14)"
    );
    assert!(row(&text, "spell_max_gap_days").starts_with("spell_max_gap_days 3 default"));

    // The engine honours it: 15 days no longer fire.
    env.twitch_days(1, 15);
    let v = env.json(&["patterns", "--json"]);
    assert!(flag_ids(&v).is_empty());
}

#[test]
fn a_misspelt_setting_is_refused_with_exit_2() {
    let env = Env::new();
    std::fs::write(env.config(), "[patterns]\npersistent_days = 20\n").unwrap();
    for args in [&["config"][..], &["patterns"]] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("persistent_days"), "{err}");
    }
}

/// A steady twitch a day, and a flagged medicine started 10 days ago: over the whole diary its
/// 28 days before match the days after, so `medication_onset` stays quiet. A 14-day period must
/// not count only the days of the window it holds and fire on nothing.
#[test]
fn a_short_period_does_not_cut_short_the_days_before_a_medicine() {
    let env = Env::new();
    for day in 0..70u64 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 9).unwrap() + chrono::Days::new(day);
        env.ok(&[
            "log",
            "twitch",
            "--site",
            "calf:left",
            "--at",
            &format!("{date} 10:00"),
        ]);
    }
    env.ok(&[
        "med",
        "add",
        "salbutamol",
        "--class",
        "beta-2-agonist",
        "--start",
        "2026-03-10",
    ]);
    let whole = env.json(&["patterns", "--json"]);
    assert!(!flag_ids(&whole).contains(&"medication_onset"), "{whole}");
    let short = env.json(&["patterns", "--json", "--since", "2026-03-06"]);
    assert!(!flag_ids(&short).contains(&"medication_onset"), "{short}");

    // Where the rule does hold, the whole diary still shows it: nothing before, six after.
    let quiet = Env::new();
    quiet.ok(&[
        "med",
        "add",
        "salbutamol",
        "--class",
        "beta-2-agonist",
        "--start",
        "2026-03-10",
    ]);
    quiet.twitch_days(10, 15);
    let fired = quiet.json(&["patterns", "--json"]);
    assert!(flag_ids(&fired).contains(&"medication_onset"), "{fired}");
}

/// Two flagged medicines: one started and stopped in December, one started in February and
/// still taken. A period from March 1 holds the second (in force on its first day) and not the
/// first, which the period never saw; the day it stopped (the first without it) is the
/// boundary.
#[test]
fn a_period_keeps_only_the_medicines_in_force_in_it() {
    let env = Env::new();
    let med = |name: &str, class: &str, start: &str| {
        env.ok(&["med", "add", name, "--class", class, "--start", start]);
    };
    let cramps = |month_day: &str| {
        for d in 2..=5 {
            let at = format!("{month_day}-{d:02} 10:00");
            env.ok(&["log", "cramp", "--site", "calf:left", "--at", &at]);
        }
    };
    med("salbutamol", "beta-2-agonist", "2025-12-01");
    cramps("2025-12");
    env.ok(&["med", "stop", "salbutamol", "--on", "2026-01-10"]);
    med("bendroflumethiazide", "thiazide-diuretic", "2026-02-01");
    cramps("2026-02");
    let medicines = |since: &str| -> Vec<String> {
        let v = env.json(&["patterns", "--json", "--since", since]);
        let flags = v["flags"].as_array().unwrap();
        flags
            .iter()
            .filter(|f| f["id"] == "medication_onset")
            .map(|f| f["evidence"]["medication"]["name"].as_str().unwrap().into())
            .collect()
    };
    assert_eq!(medicines("2026-03-01"), ["bendroflumethiazide"]);
    assert_eq!(
        medicines("2026-01-10"),
        ["bendroflumethiazide"],
        "stopped on the 10th"
    );
    let mut both = medicines("2026-01-09");
    both.sort();
    assert_eq!(
        both,
        ["bendroflumethiazide", "salbutamol"],
        "taken on the 9th"
    );

    // Two medicines started two days apart share the cramps after their starts, so their
    // occurrences share dates; the one stopped before the period is still not in it.
    let env = Env::new();
    env.ok(&[
        "med",
        "add",
        "hydro",
        "--class",
        "thiazide-diuretic",
        "--start",
        "2026-01-01",
    ]);
    env.ok(&[
        "med",
        "add",
        "salb",
        "--class",
        "beta-2-agonist",
        "--start",
        "2026-01-03",
    ]);
    for d in 5..=7 {
        let at = format!("2026-01-{d:02} 10:00");
        env.ok(&["log", "cramp", "--site", "calf:left", "--at", &at]);
    }
    env.ok(&["med", "stop", "hydro", "--on", "2026-02-01"]);
    let v = env.json(&["patterns", "--json", "--since", "2026-03-01"]);
    let named: Vec<&str> = v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["id"] == "medication_onset")
        .map(|f| f["evidence"]["medication"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(named, ["salb"], "{v}");
}

/// A period's flag shows the evidence of the period: the longest cramp and the dates are those
/// of the cramps in it, not a longer one before it.
#[test]
fn a_periods_evidence_is_of_the_cramps_in_it() {
    let env = Env::new();
    for (at, minutes) in [("2026-01-10 03:00", "25m"), ("2026-03-05 03:00", "12m")] {
        env.ok(&[
            "log",
            "cramp",
            "--site",
            "calf:left",
            "--at",
            at,
            "--duration",
            minutes,
        ]);
    }
    let whole = flag_of(&env, &["patterns", "--json"], "cramp_over_10_min");
    assert_eq!(whole["evidence"]["longest_s"], 1500);
    assert_eq!(whole["evidence"]["dates"].as_array().unwrap().len(), 2);
    let march = flag_of(
        &env,
        &["patterns", "--json", "--since", "2026-03-01"],
        "cramp_over_10_min",
    );
    assert_eq!(march["evidence"]["longest_s"], 720, "{march}");
    assert_eq!(
        march["evidence"]["dates"],
        serde_json::json!(["2026-03-05"])
    );
    assert_eq!(
        march["evidence"]["episode_ids"].as_array().unwrap().len(),
        1
    );
    let detail = march["detail"].as_str().unwrap();
    assert!(
        detail.contains("Before this period it was met 1 more time, first on 2026-01-10"),
        "{detail}"
    );
    assert!(!detail.contains("in all"), "{detail}");
}

/// A red flag's evidence in a period names what was reported in it: swallowing in January
/// (cleared in February) is not among the symptoms of a period from March, where only the
/// tongue was reported.
#[test]
fn a_periods_red_flag_names_only_what_was_reported_in_it() {
    let env = Env::new();
    env.ok(&[
        "selfcheck",
        "--date",
        "2026-01-10",
        "--symptom",
        "swallowing",
    ]);
    env.ok(&["selfcheck", "--date", "2026-02-01", "--jar", "ok"]);
    env.ok(&["selfcheck", "--date", "2026-03-05", "--symptom", "tongue"]);
    let bulbar = |args: &[&str]| flag_of(&env, args, "red_flag_bulbar");
    let whole = bulbar(&["patterns", "--json"]);
    assert_eq!(
        whole["evidence"]["symptoms"],
        serde_json::json!(["swallowing", "tongue"])
    );
    assert_eq!(
        whole["evidence"]["self_check_ids"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let march = bulbar(&["patterns", "--json", "--since", "2026-03-01"]);
    assert_eq!(
        march["evidence"]["symptoms"],
        serde_json::json!(["tongue"]),
        "{march}"
    );
    assert_eq!(
        march["evidence"]["dates"],
        serde_json::json!(["2026-03-05"])
    );
    assert_eq!(
        march["evidence"]["self_check_ids"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // A period from the day the clearing self-check was made still holds January's run.
    let feb = bulbar(&["patterns", "--json", "--since", "2026-02-01"]);
    assert_eq!(
        feb["evidence"]["symptoms"],
        serde_json::json!(["swallowing", "tongue"])
    );
}
