//! The doctor report lists experiments and their results in a short table, and its trigger
//! comparison says which rows stand out and which may be chance.

use crate::support::report::*;

use chrono::Days;
use myolog::domain::{Change, CheckIn, Experiment, Outcome};
use myolog::report::{html, markdown};

/// The caffeine cut of experiments_result.rs, in a diary file: 10 of 14 twitch days at 450 mg
/// before, 2 of 14 at 50 mg during (ratio 0.20, interval 0.05-0.75).
fn diary(dir: &std::path::Path) -> myolog::store::Diary {
    let mut d = build::Diary::new();
    for i in 0..28u64 {
        let date = day("2026-10-01") + Days::new(i);
        let during = i >= 14;
        d = d.checkin(CheckIn {
            caffeine_mg: Some(if during { 50 } else { 450 }),
            ..checkin(date)
        });
        if (!during && i < 10) || (during && i < 16) {
            d = d.twitch(date, &["eyelid:left"]);
        }
    }
    let mut diary = write(dir, &d.slice);
    let e = Experiment::new(
        "caffeine cut",
        Change::NoCaffeine,
        Outcome::TwitchDay,
        day("2026-10-15"),
        14,
        now(),
    )
    .unwrap();
    diary.start_experiment(&e).unwrap();
    diary
}

#[test]
fn the_report_lists_experiments_with_their_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let d = diary(dir.path());
    let r = report(&d, None, day("2026-11-25"));
    assert_eq!(r.summary.experiments.len(), 1);
    let md = markdown(&r);
    assert!(md.contains("### Experiments"), "{md}");
    assert!(
        md.contains("| caffeine cut | no caffeine (under 100 mg a day) | 2026-10-15 to 2026-10-28 | 10/14 twitch days | 2/14 (kept days) | 100% | 0.20 (0.05-0.75) | fewer — the interval excludes no change |"),
        "{md}"
    );
    assert!(md.contains("regression to the mean"), "{md}");
    let page = html(&r);
    assert!(page.contains("fewer — the interval excludes no change"));

    // A period that ends before it began has none; its baseline reaches before a later one.
    let before = report(&d, Some(day("2026-10-01")), day("2026-10-10"));
    assert!(before.summary.experiments.is_empty());
    let later = report(&d, Some(day("2026-10-20")), day("2026-11-25"));
    assert_eq!(later.summary.experiments[0].baseline.days, 14);
}

#[test]
fn the_trigger_comparison_says_what_stands_out_and_what_may_be_chance() {
    let dir = tempfile::tempdir().unwrap();
    let d = diary(dir.path());
    let r = report(&d, None, day("2026-11-25"));
    let md = markdown(&r);
    // Caffeine and twitch days, same day: 10/14 against 2/14, ratio 5.00. The day before:
    // the 14 pairs from a 450 mg day are followed by 10 twitch days (the 1st-9th and the
    // 14th), the 13 from a 50 mg day by 1 (the 15th). Both have p near 0.02 among the 4
    // comparisons with enough days (the cramp rows have no cramps, p 1): q < 0.10.
    let caffeine = r
        .summary
        .factors
        .iter()
        .find(|f| f.factor == "caffeine_high" && f.outcome == "twitch_day" && f.lag_days == 0)
        .unwrap();
    assert!(caffeine.stands_out, "{caffeine:?}");
    // Page one: what stands out, in the report's words.
    assert!(
        md.contains("### Trigger comparisons that stand out"),
        "{md}"
    );
    assert!(
        md.contains("| high caffeine | twitch day | 10/14 | 2/14 | 5.00 (1.33-18.81) | more often when exposed; stands out |"),
        "{md}"
    );
    assert!(
        md.contains("| high caffeine | twitch next day | 10/14 | 1/13 | 9.29 (1.37-62.83) | more often when exposed; stands out |"),
        "{md}"
    );
    assert!(md.contains("Allowing for all 4 comparisons"), "{md}");
    // Every comparison after the charts, each read the same way.
    assert!(
        md.contains("| high caffeine | cramp day | 0/14 | 0/14 | 1.00 (0.02-47.18) | spans 1: no clear difference |"),
        "{md}"
    );
}

#[test]
fn page_one_says_may_be_chance_when_nothing_stands_out() {
    // The noise diary of patterns_factors.rs (seed 6): 3 of 30 intervals exclude 1 by chance,
    // none stands out. Page one lists them under a heading that does not claim they stand out.
    let dir = tempfile::tempdir().unwrap();
    let d = write(dir.path(), &build::noise_diary(6).slice);
    let r = report(&d, None, day("2026-03-01"));
    let md = markdown(&r);
    assert!(
        md.contains("### Trigger comparisons whose interval excludes 1"),
        "{md}"
    );
    assert!(
        !md.contains("### Trigger comparisons that stand out"),
        "{md}"
    );
    let page_one: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("### Trigger comparisons"))
        .skip(1)
        .take_while(|l| !l.starts_with("###"))
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Factor"))
        .collect();
    assert_eq!(page_one.len(), 3, "{page_one:?}");
    assert!(
        page_one
            .iter()
            .all(|l| l.ends_with("; may be chance (30 comparisons) |")),
        "{page_one:?}"
    );
}
