//! What the summary says: an empty period, a flag with its level, the medication rates
//! before and after a start (checked by hand), the patient line from the config file.

use crate::support::report as common_report;

use common_report::*;
use myolog::config::Config;
use myolog::domain::{SelfCheck, TestResult};
use myolog::patterns;
use myolog::report::{self, Report};

#[test]
#[ignore = "needs pdftotext (poppler-utils)"]
fn an_empty_period_gives_a_short_valid_report_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &build::Diary::new().slice);
    let r = report(&diary, Some(day("2026-10-27")), day("2026-11-25"));
    assert!(r.is_empty());
    let md = report::markdown(&r);
    assert!(md.starts_with("# Symptom diary — muscle twitching and cramps"));
    assert!(md.contains("2026-10-27 to 2026-11-25 (30 days)"));
    assert!(md.contains("Nothing was logged in this period"));
    assert!(!md.contains("## Detail"));
    let html = report::html(&r);
    assert!(html.contains("Nothing was logged in this period"));
    assert!(html.ends_with("</html>\n"));
    let pages = pdf_pages(&report::pdf(&r));
    assert_eq!(pages.len(), 1);
    assert!(pages[0].contains("Nothing was logged"));
    // "All entries" of an empty diary is the end date alone.
    let all = report(&diary, None, day("2026-11-25"));
    assert!(report::markdown(&all).contains("2026-11-25 to 2026-11-25 (1 day)"));
}

/// A strength test failed before the period and nothing logged in it: the red flag is still
/// in force at the period's end, so the report shows it under "Guidance met" beside "Nothing
/// was logged", never the empty report alone. Once a later self-check clears it before the
/// period, the report is the short empty one again.
#[test]
fn an_empty_period_still_shows_a_flag_in_force_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let failed = SelfCheck {
        jar: Some(TestResult::Fail),
        ..self_check(day("2026-11-01"))
    };
    let diary = write(
        dir.path(),
        &build::Diary::new().self_check(failed.clone()).slice,
    );
    let r = report(&diary, Some(day("2026-11-15")), day("2026-11-25"));
    assert!(r.is_empty());
    for text in [report::markdown(&r), report::html(&r)] {
        assert!(text.contains("Nothing was logged in this period"), "{text}");
        assert!(text.contains("Guidance met"), "{text}");
        assert!(text.contains("A strength test failed"), "{text}");
        assert!(text.contains("no self-check since"), "{text}");
    }
    let cleared = tempfile::tempdir().unwrap();
    let d = build::Diary::new()
        .self_check(failed)
        .self_check(self_check(day("2026-11-10")));
    let diary = write(cleared.path(), &d.slice);
    let r = report(&diary, Some(day("2026-11-15")), day("2026-11-25"));
    let md = report::markdown(&r);
    assert!(md.contains("Nothing was logged in this period"), "{md}");
    assert!(!md.contains("Guidance met"), "{md}");
}

/// A period asked to begin before the diary's first entry is counted from that entry: the
/// days before it are not known, so they neither dilute the weekly rate nor count as "the 4
/// weeks before" with nothing in them, and the header says what was asked for. The boundary:
/// a period asked from the first entry's own day says nothing of it.
#[test]
fn a_period_asked_from_before_the_diary_began_counts_from_its_first_entry() {
    let dir = tempfile::tempdir().unwrap();
    let d = build::Diary::new()
        .twitch(day("2026-11-01"), &["calf"])
        .twitch(day("2026-11-20"), &["calf"]);
    let diary = write(dir.path(), &d.slice);
    let r = report(&diary, Some(day("2026-01-01")), day("2026-11-25"));
    assert_eq!(r.from, day("2026-11-01"));
    assert_eq!(r.asked_from, Some(day("2026-01-01")));
    let per_week = r.summary.twitches.per_week.unwrap();
    assert!((per_week - 2.0 * 7.0 / 25.0).abs() < 1e-9, "{per_week}");
    let md = report::markdown(&r);
    assert!(
        md.contains("2026-11-01 (the first entry; the diary does not reach back to the 2026-01-01 asked for) to 2026-11-25 (25 days)"),
        "{md}"
    );
    assert!(
        md.contains("| Last 4 weeks | the period is shorter than 28 days |"),
        "no day before the diary is counted: {md}"
    );
    // A period wholly before the diary is its own days, with nothing logged in them.
    let before = report(&diary, Some(day("2026-10-01")), day("2026-10-10"));
    assert_eq!((before.from, before.asked_from), (day("2026-10-01"), None));
    let md = report::markdown(&before);
    assert!(md.contains("2026-10-01 to 2026-10-10 (10 days)"), "{md}");
    assert!(md.contains("Nothing was logged in this period"), "{md}");
    let same_day = report(&diary, Some(day("2026-11-01")), day("2026-11-25"));
    assert_eq!(same_day.asked_from, None);
    assert!(report::markdown(&same_day).contains("2026-11-01 to 2026-11-25 (25 days)"));
}

/// A night cramp at 03:00 on the period's first day belongs to the night before (DOMAIN.md
/// section 1), but the period holds it: it is counted among the period's nights, never "1
/// cramp (0 nights with a night cramp)"; the chart counts days with a cramp, by day or by
/// night, so that no cramp the period holds is missing from it.
#[test]
fn a_night_cramp_early_on_the_first_day_counts_among_the_periods_nights() {
    let dir = tempfile::tempdir().unwrap();
    let d = build::Diary::new()
        .cramp(day("2026-11-02"), "03:00")
        .cramp(day("2026-11-20"), "23:30")
        .cramp(day("2026-11-21"), "02:00");
    let diary = write(dir.path(), &d.slice);
    // 2026-11-02 is a Monday: the night of the 1st is in the week before the chart's first.
    let r = report(&diary, Some(day("2026-11-02")), day("2026-11-25"));
    assert_eq!(r.summary.cramps.count, 3);
    assert_eq!(r.summary.cramp_nights, 2, "{:?}", r.summary);
    let charted: u32 = r.summary.chart.buckets.iter().map(|b| b.cramp_days).sum();
    assert_eq!(charted, 3, "three days with a cramp");
    let md = report::markdown(&r);
    assert!(
        md.contains("3 cramps (2 nights with a night cramp)"),
        "{md}"
    );
    // A period that starts a day later holds neither the cramp nor its night.
    let later = report(&diary, Some(day("2026-11-03")), day("2026-11-25"));
    assert_eq!(later.summary.cramps.count, 2);
    assert_eq!(later.summary.cramp_nights, 1);
}

/// Three weeks of daily twitching, reported for the last 14 days: the spell is judged whole,
/// so the report says the guidance is met (the Today banner and `status` say so too), with
/// the day it was first met; the period's own tables still count only its days.
#[test]
fn a_spell_that_began_before_the_period_is_met_in_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let days = (0..22).map(|i| day("2026-11-04") + chrono::Days::new(i));
    let diary = write(dir.path(), &build::Diary::new().twitch_days(days).slice);
    let r = report(&diary, Some(day("2026-11-12")), day("2026-11-25"));
    assert_eq!(r.summary.twitches.count, 14);
    let ids: Vec<&str> = r.summary.flags.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["twitch_persistent"]);
    assert!(r.summary.flags[0].active);
    let md = report::markdown(&r);
    assert!(
        md.contains("Twitching for more than two weeks — active**  \n  First met 2026-11-18."),
        "{md}"
    );
    assert!(!md.contains("No rule was met in this period"), "{md}");
}

/// Weeks in which nothing at all was logged say so instead of "0": a diary left for two
/// months does not tell the doctor the twitching stopped. One check-in is enough for the zeros
/// to be counts.
#[test]
fn weeks_with_nothing_logged_are_not_zero_episodes() {
    let dir = tempfile::tempdir().unwrap();
    let days = (0..41).map(|i| day("2026-08-23") + chrono::Days::new(i));
    let d = build::Diary::new().twitch_days(days);
    let diary = write(dir.path(), &d.slice);
    let md = report::markdown(&report(&diary, None, day("2026-12-01")));
    let nothing = "nothing logged: no episode, check-in or self-check |  |";
    assert!(
        md.contains(&format!(
            "| Last 4 weeks (2026-11-04 to 2026-12-01) | {nothing}"
        )),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "| The 4 weeks before (2026-10-07 to 2026-11-03) | {nothing}"
        )),
        "{md}"
    );
    let dir = tempfile::tempdir().unwrap();
    let checked_in = d.checkin(myolog::domain::CheckIn {
        sleep_h: Some(7.0),
        ..myolog::domain::CheckIn::empty(day("2026-11-20"))
    });
    let diary = write(dir.path(), &checked_in.slice);
    let md = report::markdown(&report(&diary, None, day("2026-12-01")));
    assert!(
        md.contains("| Last 4 weeks (2026-11-04 to 2026-12-01) | 0 | 0 |"),
        "{md}"
    );
    // The weeks before (the spell ended on 2026-10-02) still had nothing logged.
    assert!(
        md.contains(&format!(
            "| The 4 weeks before (2026-10-07 to 2026-11-03) | {nothing}"
        )),
        "{md}"
    );
}

/// A medicine stopped before the period can still be behind a flag met in it: the report's
/// checks read every medicine, as `myolog patterns` does, and list the one behind the flag.
#[test]
fn a_medication_flag_met_in_the_period_names_its_medicine() {
    let mut d = build::Diary::new()
        .twitch(day("2026-09-01"), &["calf:left"])
        .medication("beta-2-agonist", day("2026-10-01"), Some(day("2026-10-03")));
    for date in [
        "2026-10-02",
        "2026-10-05",
        "2026-10-12",
        "2026-10-14",
        "2026-10-16",
        "2026-10-18",
    ] {
        d = d.twitch(day(date), &["calf:left"]);
    }
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &d.slice);
    let whole = patterns::evaluate(
        &diary.load(None, Some(day("2026-11-25"))).unwrap(),
        &Default::default(),
        day("2026-11-25"),
    );
    assert!(
        whole
            .flags
            .iter()
            .any(|f| f.id.as_str() == "medication_onset"),
        "{whole:?}"
    );
    let r = report(&diary, Some(day("2026-10-10")), day("2026-11-25"));
    let ids: Vec<&str> = r.summary.flags.iter().map(|f| f.id.as_str()).collect();
    assert!(ids.contains(&"medication_onset"), "{ids:?}");
    let md = report::markdown(&r);
    assert!(!md.contains("No rule was met in this period"), "{md}");
    assert!(md.contains("| a beta-2-agonist |"), "{md}");
    // Its counts are read around its start, before the period too: six from the start, not
    // the four the period holds.
    assert!(
        md.contains("| 0 in 28 days (0 a week) | 6 in 28 days (1.5 a week) |"),
        "{md}"
    );
}

/// "How often" is a weekly rate only over a week or more: one twitch in a 6-day period is not
/// "1.2 a week", a figure no week of the diary shows; at 7 days it is 1 a week.
#[test]
fn a_weekly_rate_needs_a_week() {
    let dir = tempfile::tempdir().unwrap();
    // A check-in on the 19th: the diary covers every day of both periods.
    let d = build::Diary::new()
        .checkin(checkin(day("2026-11-19")))
        .twitch(day("2026-11-22"), &["eyelid"])
        .cramp(day("2026-11-23"), "15:00");
    let diary = write(dir.path(), &d.slice);
    let row = |since: &str| {
        let md = report::markdown(&report(&diary, Some(day(since)), day("2026-11-25")));
        let row = md
            .lines()
            .find(|l| l.starts_with("| How often"))
            .map(str::to_string);
        row.unwrap_or_else(|| panic!("no How often row: {md}"))
    };
    assert_eq!(
        row("2026-11-20"),
        "| How often, over the whole period | the period is shorter than a week |  |"
    );
    assert_eq!(
        row("2026-11-19"),
        "| How often, over the whole period | 1 a week | 1 a week |"
    );
}

#[test]
fn a_flag_that_fires_is_in_the_summary_with_its_level_and_first_date() {
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &scenario().slice);
    let r = report(&diary, Some(day("2026-11-01")), day("2026-11-25"));
    let md = report::markdown(&r);
    let summary = &md[..md.find("## Detail").unwrap()];
    let page_one = &md[..md.find("## The whole period").unwrap()];
    // Each flag: its level with what it asks, active or not, when first met and its source.
    assert!(page_one.contains(
        "- **SEE A DOCTOR (book an appointment): A cramp lasting more than 10 minutes — active**  \n  First met 2026-11-10. Source: NHS, \"Leg cramps\"."
    ), "{page_one}");
    assert!(summary.contains("See a GP if a cramp lasts longer than 10 minutes"));
    assert!(page_one.contains(
        "- **SEE A DOCTOR (book an appointment): Twitching in several body regions at once — active**"
    ), "{page_one}");
    let html = report::html(&r);
    assert!(html.contains("<li class=\"see-doctor\"><strong>SEE A DOCTOR (book an appointment): A cramp lasting more than 10 minutes — active</strong><br><span>First met <span class=\"date\">2026-11-10</span>. Source: NHS, &quot;Leg cramps&quot;.</span>"), "{html}");
    // Self-checks without a problem are listed too, dated, latest first.
    assert!(
        page_one.contains(
            "| 2026-11-02 | heel walk ok, open a jar ok, climb stairs ok | none reported | no problem noticed |"
        )
    );
    // Tingling alone is DOMAIN.md's sensory_symptoms: see a doctor, not a red flag.
    assert!(page_one.contains(
        "| 2026-11-14 | heel walk ok, open a jar ok, climb stairs ok | tingling | see a doctor |"
    ));
    assert!(page_one.find("2026-11-14").unwrap() < page_one.find("| 2026-11-02").unwrap());
    // A period without the long cramp has no such flag.
    let before = report(&diary, Some(day("2026-11-01")), day("2026-11-08"));
    assert!(!report::markdown(&before).contains("A cramp lasting more than 10 minutes"));
}

#[test]
fn medication_rates_before_and_after_its_start_by_hand() {
    // Started 2026-06-15; the 28-day windows are 05-18..06-14 and 06-15..07-12.
    let mut d = build::Diary::new().medication(
        "thiazide-diuretic",
        day("2026-06-15"),
        Some(day("2026-08-01")),
    );
    for date in [
        "2026-05-10", // before the before-window: not counted
        "2026-05-20", // before the period, inside the window: counted
        "2026-06-01",
        "2026-06-10",
        "2026-06-15",
        "2026-06-16",
        "2026-06-20",
        "2026-07-01",
        "2026-07-12",
        "2026-07-13", // after the after-window
    ] {
        d = d.twitch(day(date), &["calf:left"]);
    }
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &d.slice);
    let r = report(&diary, Some(day("2026-06-01")), day("2026-08-31"));
    let m = &r.summary.medications[0];
    assert_eq!((m.before, m.before_days), (3, 28));
    assert_eq!((m.after, m.after_days), (5, 28));
    assert_eq!(m.before_per_week(), Some(0.75));
    assert_eq!(m.after_per_week(), Some(1.25));
    assert_eq!(m.class, "thiazide diuretic");
    let md = report::markdown(&r);
    assert!(
        md.contains("| a thiazide-diuretic | thiazide diuretic |  | 2026-06-15 | 2026-08-01 | 3 in 28 days (0.8 a week) | 5 in 28 days (1.2 a week) |"),
        "{md}"
    );
    // A period ending part-way through the after-window counts only the days seen.
    let short = report(&diary, Some(day("2026-06-01")), day("2026-06-21"));
    let m = &short.summary.medications[0];
    assert_eq!((m.after, m.after_days), (3, 7));
    assert_eq!(m.after_per_week(), Some(3.0));
    // Under a week after the start there is a count and no weekly rate.
    let shorter = report(&diary, Some(day("2026-06-01")), day("2026-06-20"));
    let m = &shorter.summary.medications[0];
    assert_eq!((m.after, m.after_days, m.after_per_week()), (3, 6, None));
    assert!(
        report::markdown(&shorter).contains("| 3 in 28 days (0.8 a week) | 3 in 6 days |"),
        "{}",
        report::markdown(&shorter)
    );
}

#[test]
fn the_medications_note_says_the_window_is_counted_not_the_rest_of_the_period() {
    // Started 2026-06-15 and taken to the end of a period of three months: the rows count the
    // 28 days from the start (06-15 to 07-12), not the 78 to the period's end; before it, the
    // 26 days from the diary's first entry (05-20).
    let mut d = build::Diary::new().medication("thiazide-diuretic", day("2026-06-15"), None);
    for date in [
        "2026-05-20",
        "2026-06-15",
        "2026-07-12",
        "2026-07-13",
        "2026-08-30",
    ] {
        d = d.twitch(day(date), &["calf:left"]);
    }
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &d.slice);
    let r = report(&diary, Some(day("2026-06-01")), day("2026-08-31"));
    let md = md_words(&report::markdown(&r));
    assert!(
        md.contains("Episodes in the 28 days before each start, and in the 28 from it (the start day and the 27 days after it, none after the end of the period); each cell counts only the days of those that the diary covers."),
        "{md}"
    );
    assert!(
        md.contains("1 in 26 days (0.3 a week) 2 in 28 days (0.5 a week)"),
        "{md}"
    );
    assert!(!md.contains("to the end of the period"), "{md}");
    // The window is a setting: the note follows it, down to one day.
    let r = report_with(
        &diary,
        Some(day("2026-06-01")),
        day("2026-08-31"),
        day("2026-11-25"),
        "[patterns]\nmedication_window_days = 14\n",
    );
    let md = md_words(&report::markdown(&r));
    assert!(
        md.contains("Episodes in the 14 days before each start, and in the 14 from it (the start day and the 13 days after it,"),
        "{md}"
    );
    let r = report_with(
        &diary,
        Some(day("2026-06-01")),
        day("2026-08-31"),
        day("2026-11-25"),
        "[patterns]\nmedication_window_days = 1\n",
    );
    let md = md_words(&report::markdown(&r));
    assert!(
        md.contains(
            "Episodes in the 1 day before each start, and in the 1 from it (the start day alone,"
        ),
        "{md}"
    );
}

#[test]
fn the_patient_line_comes_from_the_report_section() {
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &scenario().slice);
    let r = report_with(
        &diary,
        None,
        day("2026-11-25"),
        day("2026-11-25"),
        "[report]\nname = \"Alex <Example>\"\nbirth_date = \"1980-04-02\"\n",
    );
    let md = report::markdown(&r);
    assert!(md.contains("- **Name:** Alex \\<Example\\>"));
    assert!(md.contains("- **Date of birth:** 1980-04-02"));
    // Without `since`, the period starts at the first entry and says so.
    assert!(
        md.contains("2026-11-01 (the first entry) to 2026-11-25"),
        "{md}"
    );
    let html = report::html(&r);
    assert!(html.contains("<dt>Name</dt><dd>Alex &lt;Example&gt;</dd>"));

    let bad = Config::parse("[report]\nbirth_date = \"April\"\n", None).unwrap();
    let err = Report::load(&diary, None, day("2026-11-25"), day("2026-11-25"), &bad).unwrap_err();
    assert!(err.to_string().contains("birth_date"), "{err}");
    let unknown = Config::parse("[report]\nnmae = \"x\"\n", None).unwrap();
    assert!(Report::load(&diary, None, day("2026-11-25"), day("2026-11-25"), &unknown).is_err());
}

#[test]
fn the_summary_keeps_red_flag_self_checks_and_the_latest_fine_ones() {
    let mut d = build::Diary::new();
    for i in 0..9u64 {
        d = d.self_check(self_check(plus("2026-01-05", i * 7)));
    }
    d = d.symptoms(day("2026-01-06"), &["atrophy"]);
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &d.slice);
    let r = report(&diary, Some(day("2026-01-01")), day("2026-03-31"));
    let shown: Vec<String> = r
        .summary
        .self_checks
        .iter()
        .map(|c| c.date.to_string())
        .collect();
    // Latest first: the latest three without a problem and the red flag of 01-06; six earlier
    // ones without a problem left out.
    assert_eq!(
        shown,
        ["2026-03-02", "2026-02-23", "2026-02-16", "2026-01-06"]
    );
    assert_eq!(r.summary.self_checks_not_shown, 6);
    let md = report::markdown(&r);
    assert!(md.contains("6 self-checks earlier, each with no problem noticed, are in the detail."));
    assert!(md.contains(
        "| 2026-01-06 | heel walk ok, open a jar ok, climb stairs ok | muscle wasting | red flag: seek prompt medical review |"
    ));
    assert_eq!(r.self_checks.len(), 10, "the detail has them all");
}

/// The app open beside an export: what another program writes while the report is read is in
/// neither its flags nor its counts, and the next report has both. (A report reads the summary
/// for its flags and every episode for its counts; read at two moments, a flag could name a
/// region the counts beside it do not show.)
#[test]
fn a_report_read_in_one_snapshot_shows_one_moment_in_its_flags_and_counts() {
    use myolog::patterns::RuleId;
    use myolog::store::{Access, Diary};
    let dir = tempfile::tempdir().unwrap();
    let slice = build::Diary::new()
        .twitch(day("2026-11-20"), &["calf:left"])
        .slice;
    let diary = write(dir.path(), &slice);
    let widespread = |r: &Report| {
        r.summary
            .flags
            .iter()
            .any(|f| f.id == RuleId::TwitchWidespread)
    };

    let snapshot = diary.snapshot().unwrap();
    let before = report(&diary, None, day("2026-11-25"));
    let mut app = Diary::open(&dir.path().join("diary.sqlite3"), Access::Write, now()).unwrap();
    app.add_episode(&twitch(day("2026-11-21"), &["thumb:right"]))
        .unwrap();
    app.add_episode(&twitch(day("2026-11-22"), &["upper-back"]))
        .unwrap();
    let during = report(&diary, None, day("2026-11-25"));
    assert_eq!(during.episode_count, 1);
    assert_eq!(during.summary.twitches.count, before.summary.twitches.count);
    assert!(!widespread(&before) && !widespread(&during));

    drop(snapshot);
    let after = report(&diary, None, day("2026-11-25"));
    assert_eq!(after.episode_count, 3);
    assert!(widespread(&after), "{:?}", after.summary.flags);
}

/// A diary of October: a 12-minute cramp on the 20th, twitching every day from the 10th to
/// the 30th, and a cramp on 5 September that left the calf sore for 3 days.
fn october() -> build::Diary {
    let mut long = cramp(day("2026-10-20"), "15:00");
    long.duration_s = Some(12 * 60);
    let mut sore = cramp(day("2026-09-05"), "15:00");
    sore.sore_days = Some(3);
    build::Diary::new()
        .episode(long)
        .episode(sore)
        .twitch_days((0..21).map(|i| plus("2026-10-10", i)))
}

#[test]
fn a_report_of_a_past_period_gives_each_flags_status_as_of_the_periods_end() {
    let dir = tempfile::tempdir().unwrap();
    let diary = write(dir.path(), &october().slice);
    let october_made_on = |made_on: &str| {
        report_with(
            &diary,
            Some(day("2026-10-01")),
            day("2026-10-31"),
            day(made_on),
            "",
        )
    };
    let active = "SEE A DOCTOR (book an appointment): A cramp lasting more than 10 minutes — active on 2026-10-31, the end of the period";
    let spell = "SEE A DOCTOR (book an appointment): Twitching for more than two weeks — active on 2026-10-31, the end of the period";
    let past = "Past (see a doctor when met): A cramp that left the muscle sore for days — last seen 2026-09-05";
    let order = "Each flag as of 2026-10-31, the end of the period, not as of the day this report was made: those active on that day first, then those met earlier and no longer active by then, each with its source; why each was met follows the charts.";
    let detail = "Each flag as of 2026-10-31, the end of the period: \"active\" and \"still\" below speak of that day, not of the day this report was made.";
    let r = october_made_on("2026-11-30");
    for (format, text) in [
        ("Markdown", md_words(&report::markdown(&r))),
        ("HTML", html_words(&report::html(&r))),
    ] {
        for said in [active, spell, past, order, detail, "still unbroken"] {
            assert!(text.contains(said), "{format} lacks {said:?}:\n{text}");
        }
        for untrue in ["— active First", "not active now"] {
            assert!(!text.contains(untrue), "{format} says {untrue:?}:\n{text}");
        }
        // The detail's note comes before the first flag's detail.
        let part = text.find("Guidance met, in detail").unwrap();
        assert!(
            text[part..].find(detail) < text[part..].find(active),
            "{format}"
        );
    }
    // Made the day after the period: still as of its end.
    let md = md_words(&report::markdown(&october_made_on("2026-11-01")));
    assert!(md.contains(active) && md.contains(detail), "{md}");
    // Made on its last day: its end is today, and "now" is true.
    let md = md_words(&report::markdown(&october_made_on("2026-10-31")));
    assert!(
        md.contains("A cramp lasting more than 10 minutes — active First met 2026-10-20."),
        "{md}"
    );
    assert!(md.contains("Active flags first, then those met earlier and not active now"));
    assert!(!md.contains("the end of the period"), "{md}");
}

/// Cramps by day are in the chart too: three cramps at 10:00 used to leave it empty, as it
/// counted nights with a night cramp only.
#[test]
fn daytime_cramps_are_in_the_chart() {
    let dir = tempfile::tempdir().unwrap();
    let d = build::Diary::new()
        .cramp(day("2026-11-10"), "10:00")
        .cramp(day("2026-11-12"), "10:00")
        .cramp(day("2026-11-20"), "10:00");
    let diary = write(dir.path(), &d.slice);
    let r = report(&diary, Some(day("2026-10-27")), day("2026-11-25"));
    assert_eq!(r.summary.cramp_nights, 0);
    let charted: Vec<u32> = r
        .summary
        .chart
        .buckets
        .iter()
        .map(|b| b.cramp_days)
        .collect();
    assert_eq!(charted.iter().sum::<u32>(), 3, "{charted:?}");
    let md = report::markdown(&r);
    assert!(md.contains("cramp days    "), "{md}");
    assert!(
        md.contains("a cramp counts on the day it began, by day or by night"),
        "{md}"
    );
}

/// Where: the sites most cramped keep rows of their own beside the sites most twitched. Seven
/// sites twitching often used to push the one cramped site (foot) off page one.
#[test]
fn the_most_cramped_sites_are_listed_beside_the_most_twitched() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = build::Diary::new();
    let sites = [
        "eyelid:left",
        "eyelid:right",
        "thumb:left",
        "thumb:right",
        "bicep:left",
        "bicep:right",
        "calf:left",
    ];
    for (i, site) in sites.iter().enumerate() {
        for n in 0..(10 + i as u64) {
            d = d.twitch(plus("2026-11-01", n), &[site]);
        }
    }
    let mut foot = build::cramp(day("2026-11-05"), "10:00");
    foot.sites = vec![myolog::domain::SiteRef::parse("foot:right").unwrap()];
    d = d.episode(foot);
    let diary = write(dir.path(), &d.slice);
    let r = report(&diary, Some(day("2026-11-01")), day("2026-11-25"));
    let shown: Vec<(String, String, u32)> = r
        .summary
        .sites
        .iter()
        .map(|s| (s.label.clone(), s.side.clone(), s.cramps))
        .collect();
    assert_eq!(shown.len(), 6, "{shown:?}");
    assert!(
        shown
            .iter()
            .any(|(label, side, cramps)| label.contains("oot") && side == "right" && *cramps == 1),
        "{shown:?}"
    );
    // The five most twitched stay (calf 16 days, bicep 15 and 14, thumb 13 and 12); the two
    // least twitched eyelids are the rows left out.
    assert_eq!(r.summary.sites_not_shown, 2);
    assert!(
        !shown.iter().any(|(label, _, _)| label.contains("yelid")),
        "{shown:?}"
    );
    // The line under the table says what the rows left out hold, never that they are fewer
    // than every row shown (the foot's one cramp is fewer than the eyelids' 11 twitches).
    let md = report::markdown(&r);
    assert!(
        md.contains(
            "And 2 more sites, with at most 11 twitches and 0 cramps each (the detail names them)."
        ),
        "{md}"
    );
}

/// A period of 29 to 55 days holds part of the 4 weeks before its last 4: those days are
/// counted and named, where the row used to say only that the period does not reach back 8
/// weeks and hid them.
#[test]
fn the_four_weeks_before_show_the_part_of_them_the_period_holds() {
    let dir = tempfile::tempdir().unwrap();
    let d = build::Diary::new()
        .twitch(day("2026-10-17"), &["calf:left"])
        .twitch(day("2026-10-20"), &["calf:left"])
        .twitch(day("2026-11-20"), &["calf:left"]);
    let diary = write(dir.path(), &d.slice);
    // 40 days: 2026-10-17 to 2026-11-25; the last 4 weeks from 2026-10-29, the 12 days before
    // them in the period.
    let r = report(&diary, Some(day("2026-10-17")), day("2026-11-25"));
    let before = r.summary.trend.unwrap().before.unwrap();
    assert_eq!(
        (before.from, before.until),
        (day("2026-10-17"), day("2026-10-28"))
    );
    assert_eq!(before.twitches, 2);
    let md = report::markdown(&r);
    assert!(
        md.contains(
            "The 4 weeks before (2026-10-17 to 2026-10-28: only 12 days of them in the period)"
        ),
        "{md}"
    );
    // 28 days: nothing before the last 4 weeks.
    let r = report(&diary, Some(day("2026-10-29")), day("2026-11-25"));
    assert_eq!(r.summary.trend.unwrap().before, None);
    assert!(report::markdown(&r).contains("the period begins with the last 4 weeks"));
    // 29 days: one day of them.
    let r = report(&diary, Some(day("2026-10-28")), day("2026-11-25"));
    let before = r.summary.trend.unwrap().before.unwrap();
    assert_eq!(
        (before.from, before.until),
        (day("2026-10-28"), day("2026-10-28"))
    );
    let md = report::markdown(&r);
    assert!(
        md.contains("2026-10-28 to 2026-10-28: only 1 day of them in the period"),
        "{md}"
    );
}
