//! Entries logged while a clock was set ahead lie in the future once it is put right. Nothing
//! that counts up to today counts them (a 15-minute cramp among them raises no flag), so
//! `status`, `patterns` and the report say how many there are and from when; a diary without
//! them, or a view that ends before today, says nothing of them.

use crate::support::cli as common;

use common::{Env, NOW};

#[test]
fn entries_dated_after_today_are_named_where_they_are_not_counted() {
    let mut env = Env::new();
    env.log(&["twitch", "--site", "eyelid"]);
    env.log(&["twitch", "--site", "eyelid", "--at", "00:30"]);
    assert!(!env.ok(&["status"]).contains("dated after"));

    env.now = "2027-03-01T10:00:00Z".into();
    env.log(&["cramp", "--site", "calf:left", "--duration", "15m"]);
    env.ok(&["checkin", "--sleep", "7"]);
    env.now = NOW.into();

    let status = env.ok(&["status"]);
    assert!(
        status.contains("; 2 entries dated after today (the first on 2027-03-01) not counted"),
        "{status}"
    );
    assert!(status.contains("no active flags"), "{status}");
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["status", "--json"])).unwrap();
    assert_eq!(json["dated_after_today"]["entries"], 2);
    assert_eq!(json["dated_after_today"]["first"], "2027-03-01");

    let text = env.ok(&["patterns"]);
    let second = text.lines().nth(1).unwrap_or_default();
    assert!(
        second.starts_with("2 entries dated after today (the first on 2027-03-01) not counted"),
        "{text}"
    );
    // One is a check-in, which `myolog list` does not show and `edit --at` cannot move: the
    // line names where each kind is listed and how each is corrected, and those commands do.
    assert!(
        second.contains("`myolog list`, `checkin list` and `selfcheck list` with `--since 2027-03-01` show them; `myolog edit ID` corrects an episode's --at or a self-check's --date, and `myolog delete ID` removes a check-in"),
        "{text}"
    );
    assert_eq!(env.list(&["--since", "2027-03-01"]).len(), 1);
    assert!(
        env.ok(&["checkin", "list", "--since", "2027-03-01"])
            .contains("2027-03-01")
    );
    // As of an earlier day, later entries are outside the view by choice.
    assert!(
        !env.ok(&["patterns", "--as-of", "2026-11-20"])
            .contains("dated after")
    );

    let report = env.path("r.md");
    let report_arg = report.to_str().unwrap();
    env.ok(&["export", "--format", "md", "-o", report_arg]);
    let md = std::fs::read_to_string(&report).unwrap();
    assert!(
        md.contains(
            "- **Not included:** 2 entries dated after the day the report was made (the first on 2027-03-01)"
        ),
        "{md}"
    );
    let report_until = |until: &str| {
        let args = [
            "export", "--format", "md", "--until", until, "-o", report_arg, "--force",
        ];
        env.ok(&args);
        std::fs::read_to_string(&report).unwrap()
    };
    // A report may not end after today: its days to come would count as days with nothing
    // logged. Refused with exit 2, and the report written before is left as it was.
    let refused = env.run(&[
        "export",
        "--format",
        "md",
        "--until",
        "2027-03-05",
        "-o",
        report_arg,
        "--force",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.starts_with(
            "myolog: --until: 2027-03-05 is in the future; accepted: today or a day before it"
        ),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&report).unwrap(), md);
    // A report that ends before today leaves later entries out by its period alone.
    let md = report_until("2026-11-24");
    assert!(!md.contains("Not included"), "{md}");
}

/// Today names them under the date, in the colour of an error, with the key that lists them;
/// after they are deleted (or their date corrected) the line is gone.
#[test]
fn today_names_entries_dated_after_today() {
    use crate::support::tui::{app, empty_diary, keys, now, screen};
    use myolog::domain::{Episode, Kind, SiteRef};

    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    let start = chrono::DateTime::parse_from_rfc3339("2027-03-01T10:00:00+01:00").unwrap();
    let site = vec![SiteRef::parse("calf:left").unwrap()];
    let ahead = Episode::new(Kind::Cramp, start, site, now());
    d.add_episode(&ahead).unwrap();
    let mut a = app(d);
    let shown = screen(&a, 80, 24);
    assert!(
        shown.contains("1 entry dated after today (2027-03-01): not counted here;"),
        "{shown}"
    );
    assert!(
        shown.contains("History (2) lists episodes, Meds & checks (3) check-ins and"),
        "{shown}"
    );
    // History lists it (newest first) and deleting it there takes the line away.
    keys(&mut a, "2 x");
    let shown = screen(&a, 80, 24);
    assert!(shown.contains("Deleted the cramp at 2027-03-01"), "{shown}");
    keys(&mut a, "1");
    let shown = screen(&a, 80, 24);
    assert!(!shown.contains("dated after today"), "{shown}");
}

/// The Patterns screen, which says "Nothing here meets a see-a-doctor threshold" when no flag
/// is met, names a failed test logged with a clock set ahead right under it.
#[test]
fn the_patterns_screen_names_entries_dated_after_today() {
    use crate::support::tui::{app, empty_diary, keys, now, screen};
    use myolog::domain::{SelfCheck, TestResult};

    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    let ahead = SelfCheck {
        id: uuid::Uuid::new_v4(),
        date: chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
        heel_walk: None,
        jar: None,
        stairs: Some(TestResult::Fail),
        symptoms: Vec::new(),
        created: now(),
        updated: now(),
    };
    d.add_self_check(&ahead).unwrap();
    let mut a = app(d);
    keys(&mut a, "4");
    let shown = screen(&a, 100, 30);
    assert!(
        shown.contains("Nothing here meets a see-a-doctor threshold"),
        "{shown}"
    );
    assert!(
        shown.contains("1 entry dated after today (2027-03-01): not counted here;"),
        "{shown}"
    );
}
