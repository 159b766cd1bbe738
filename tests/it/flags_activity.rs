//! A self-check red flag stays active until a later self-check clears it, however old it is:
//! Today's banner, every period of the Patterns screen, `patterns --since` and the report of a
//! period all show one reported 200 days ago (two bugs found in review: the banner read only
//! recent days, and a period view read only that period's self-checks).

use crate::support::cli::Env;
use crate::support::report::{self as report_support, write};
use crate::support::tui::{self, press, screen};

use chrono::{Days, NaiveDate};
use myolog::domain::{Clock, SelfCheck};
use myolog::patterns::banner::ActiveFlags;
use myolog::patterns::{Level, RuleId, Settings};
use myolog::report;
use myolog::tui::{App, Period, active_flags};
use serde_json::Value;

fn today() -> NaiveDate {
    tui::clock().today()
}

/// A self-check that reports a muscle looking wasted, `back` days before today.
fn atrophy(back: u64) -> SelfCheck {
    SelfCheck {
        symptoms: vec!["atrophy".into()],
        ..report_support::self_check(today() - Days::new(back))
    }
}

/// Twitches in two places in the last week (a notice, active) and the self-checks given.
fn diary_with(dir: &std::path::Path, checks: &[SelfCheck]) -> myolog::store::Diary {
    let mut d = report_support::build::Diary::new()
        .twitch(today() - Days::new(3), &["calf:left"])
        .twitch(today() - Days::new(2), &["forearm:right"]);
    for c in checks {
        d = d.self_check(c.clone());
    }
    write(dir, &d.slice)
}

const URGENT_BANNER: &str = "!!! 2 active flags, most serious urgent (seek prompt medical review)";

#[test]
fn todays_banner_counts_a_red_flag_reported_200_days_ago_and_not_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let d = diary_with(dir.path(), &[atrophy(200)]);
    let settings = Settings::default();
    // The twitches alone make one notice active (two places); with the old self-check, the
    // red flag too, and it is the most serious.
    assert_eq!(
        active_flags(&d, &settings, today()).unwrap(),
        Some(ActiveFlags {
            count: 2,
            worst: Level::Urgent
        })
    );
    let mut a = tui::app(d);
    press(&mut a, "1");
    let s = screen(&a, 80, 24);
    assert!(s.contains(URGENT_BANNER), "{s}");
}

#[test]
fn a_later_clean_self_check_ends_it_on_the_banner() {
    let dir = tempfile::tempdir().unwrap();
    let clean = report_support::self_check(today() - Days::new(150));
    let d = diary_with(dir.path(), &[atrophy(200), clean]);
    let found = active_flags(&d, &Settings::default(), today()).unwrap();
    assert_eq!(
        found,
        Some(ActiveFlags {
            count: 1,
            worst: Level::Notice
        })
    );
    let a = tui::app(d);
    assert!(!screen(&a, 80, 24).contains("urgent"));
}

#[test]
fn every_period_of_the_patterns_screen_shows_it_active_with_its_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = tui::app(diary_with(dir.path(), &[atrophy(200)]));
    press(&mut a, "4");
    for period in [Period::Last30, Period::Last90, Period::Last365, Period::All] {
        while a.patterns().period() != period {
            press(&mut a, "p");
        }
        let flag = a
            .patterns()
            .flags()
            .iter()
            .find(|f| f.id == RuleId::RedFlagAtrophy)
            .unwrap_or_else(|| panic!("{period:?} lacks the red flag"));
        assert!(flag.active, "{period:?}");
        assert_eq!(flag.first_met, today() - Days::new(200));
        // Active flags first, the most serious first: it heads the list.
        assert_eq!(a.patterns().flags()[0].id, RuleId::RedFlagAtrophy);
    }
}

#[test]
fn patterns_since_a_month_ago_shows_the_older_red_flag_still_active() {
    let env = Env::new();
    env.ok(&[
        "log",
        "twitch",
        "--site",
        "calf:left",
        "--at",
        "2026-11-20 09:00",
    ]);
    env.ok(&["selfcheck", "--date", "2026-05-09", "--symptom", "atrophy"]);
    let json: Value =
        serde_json::from_str(&env.ok(&["patterns", "--since", "2026-10-26", "--json"])).unwrap();
    let flags = json["flags"].as_array().unwrap();
    let red = flags
        .iter()
        .find(|f| f["id"] == "red_flag_atrophy")
        .unwrap_or_else(|| panic!("no red flag in {flags:?}"));
    assert_eq!(red["active"], true);
    assert_eq!(red["level"], "urgent");
    assert_eq!(red["first_met"], "2026-05-09");
    // A clean self-check after it, even before the period, ends it.
    env.ok(&["selfcheck", "--date", "2026-06-01", "--heel-walk", "ok"]);
    let json: Value =
        serde_json::from_str(&env.ok(&["patterns", "--since", "2026-10-26", "--json"])).unwrap();
    assert!(
        json["flags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["active"] == false || f["id"] != "red_flag_atrophy")
    );
}

#[test]
fn the_report_of_the_last_month_names_the_older_red_flag_on_page_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = report_support::build::Diary::new()
        .twitch(report_support::day("2026-11-20"), &["calf:left"])
        .symptoms(report_support::day("2026-05-09"), &["atrophy"]);
    let diary = write(dir.path(), &d.slice);
    let r = report_support::report(
        &diary,
        Some(report_support::day("2026-10-26")),
        report_support::day("2026-11-25"),
    );
    let md = report::markdown(&r);
    let page_one = &md[..md.find("## Detail").unwrap_or(md.len())];
    assert!(
        page_one.contains(
            "URGENT (seek prompt medical review): A muscle looks smaller or wasted — active"
        ),
        "{page_one}"
    );
    // The self-check itself is outside the period: not in the period's own lists.
    assert!(r.self_checks.is_empty());
}

/// The clock the App is built with decides "today"; one 200 days on still shows the flag.
#[test]
fn the_banner_keeps_it_with_no_self_check_since_however_long() {
    let dir = tempfile::tempdir().unwrap();
    diary_with(dir.path(), &[atrophy(200)]);
    let later = Clock::new(tui::clock().now + chrono::TimeDelta::days(400));
    let path = dir.path().join("diary.sqlite3");
    let diary = myolog::store::Diary::open(&path, myolog::store::Access::Read, tui::now()).unwrap();
    let a = App::new(diary, later, &myolog::config::Config::default()).unwrap();
    assert_eq!(
        a.active_flags(),
        Some(ActiveFlags {
            count: 1,
            worst: Level::Urgent
        })
    );
}

/// The Patterns screen heads a flag met earlier with the day it was last seen, and its evidence
/// lists each time it was met.
#[test]
fn the_patterns_screen_says_last_seen_and_lists_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let long = |date: NaiveDate| {
        let mut c = report_support::cramp(date, "15:00");
        c.duration_s = Some(12 * 60);
        c
    };
    let d = report_support::build::Diary::new()
        .episode(long(today() - Days::new(260)))
        .episode(long(today() - Days::new(200)))
        .twitch(today() - Days::new(2), &["calf:left"]);
    let mut a = tui::app(write(dir.path(), &d.slice));
    press(&mut a, "4");
    while a.patterns().period() != Period::All {
        press(&mut a, "p");
    }
    let last = today() - Days::new(200);
    let s = screen(&a, 120, 40);
    assert!(
        s.contains(&format!(
            "!! SEE A DOCTOR: A cramp lasting more than 10 minutes (last seen {last})"
        )),
        "{s}"
    );
    let i = a
        .patterns()
        .flags()
        .iter()
        .position(|f| f.id == RuleId::CrampOver10Min)
        .unwrap();
    for _ in 0..i {
        press(&mut a, "down");
    }
    press(&mut a, "enter");
    let s = screen(&a, 120, 40);
    let first = today() - Days::new(260);
    for line in [
        "Each time it was met (2), latest first:".to_string(),
        format!("- {last}, see a doctor: A cramp on {last} lasted 12m"),
        format!("- {first}, see a doctor: A cramp on {first} lasted 12m"),
        "Source: NHS, \"Leg cramps\"".to_string(),
    ] {
        assert!(s.contains(&line), "{line:?} missing:\n{s}");
    }
}
