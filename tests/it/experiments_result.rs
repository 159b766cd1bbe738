//! The result of an experiment (DOMAIN.md section 7) on diaries built day by day, with the
//! counts, ratios and intervals worked out by hand: the verdict in its plain words, too early,
//! adherence and the per-protocol counts, the days that count.

use crate::support::patterns::*;

use chrono::{DateTime, Days, NaiveDate, Utc};
use myolog::domain::{Change, CheckIn, Experiment, Outcome};
use myolog::patterns::Settings;
use myolog::patterns::experiments::{self, ExperimentResult, Verdict};

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= 1e-6 * expected.abs().max(1.0),
        "{actual} is not {expected}"
    );
}

fn made() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-15T08:00:00Z")
        .unwrap()
        .to_utc()
}

/// A 14-day experiment of `change` on `outcome` from 2026-03-15 (baseline 03-01 to 03-14).
fn experiment(change: Change, outcome: Outcome) -> Experiment {
    Experiment::new(
        "caffeine cut",
        change,
        outcome,
        day("2026-03-15"),
        14,
        made(),
    )
    .unwrap()
}

/// What each day holds: a check-in's caffeine (`None`: no check-in) and a twitch or not.
fn diary(baseline: &[(Option<u32>, bool)], during: &[(Option<u32>, bool)]) -> Diary {
    let mut d = Diary::new();
    let days = baseline
        .iter()
        .enumerate()
        .map(|(i, x)| (day("2026-03-01") + Days::new(i as u64), *x))
        .chain(
            during
                .iter()
                .enumerate()
                .map(|(i, x)| (day("2026-03-15") + Days::new(i as u64), *x)),
        );
    for (date, (caffeine, twitch)) in days {
        if let Some(mg) = caffeine {
            d = d.checkin(CheckIn {
                caffeine_mg: Some(mg),
                ..checkin(date)
            });
        }
        if twitch {
            d = d.twitch(date, &["eyelid:left"]);
        }
    }
    d
}

/// `n` days of `caffeine` mg, the first `twitches` of them twitch days.
fn days(n: usize, twitches: usize, caffeine: u32) -> Vec<(Option<u32>, bool)> {
    (0..n).map(|i| (Some(caffeine), i < twitches)).collect()
}

fn evaluate(e: &Experiment, d: &Diary, today: NaiveDate) -> ExperimentResult {
    let summary = myolog::domain::summary::SummarySlice::of(&d.slice, None, None);
    experiments::evaluate(e, &summary, today, &Settings::default())
}

#[test]
fn a_planted_effect_gives_fewer_with_the_exact_ratio_and_interval() {
    // Baseline: 14 days at 450 mg, 10 of them twitch days. The cut: 14 days at 50 mg (all
    // kept), 2 twitch days. Per protocol = as planned: (2/14) / (10/14) = 0.2; no cell is
    // zero, so SE = sqrt(1/2 - 1/14 + 1/10 - 1/14) = 0.676123 and the 95% interval is
    // 0.2 * exp(-/+ 1.959964 * 0.676123) = 0.053151 .. 0.752571: wholly below 1.
    let e = experiment(Change::NoCaffeine, Outcome::TwitchDay);
    let d = diary(&days(14, 10, 450), &days(14, 2, 50));
    let r = evaluate(&e, &d, day("2026-04-10"));
    assert_eq!((r.baseline.days, r.baseline.outcome_days), (14, 10));
    assert_eq!(
        (
            r.experiment.days,
            r.experiment.kept_days,
            r.experiment.outcome_days,
            r.experiment.kept_outcome_days
        ),
        (14, 14, 2, 2)
    );
    close(r.adherence.unwrap(), 1.0);
    let pp = r.per_protocol.unwrap();
    close(pp.ratio, 0.2);
    close(pp.ci_low, 0.053_151_156);
    close(pp.ci_high, 0.752_570_656);
    assert_eq!(r.as_planned, r.per_protocol);
    assert_eq!(r.verdict, Verdict::Fewer);
    assert_eq!(r.verdict.words(), "fewer — the interval excludes no change");
    let text = experiments::lines(&r, 0.95).join("\n");
    assert!(
        text.contains("Verdict: fewer — the interval excludes no change."),
        "{text}"
    );
    assert!(
        text.contains("ratio 0.20, 95% interval 0.05-0.75"),
        "{text}"
    );
    // The caution and the offer to repeat are always there.
    assert!(text.contains("regression to the mean"), "{text}");
    assert!(text.contains("on-off-on"), "{text}");
    assert!(text.contains("finished on 2026-03-28"), "{text}");
}

#[test]
fn a_null_change_gives_no_clear_difference_yet() {
    // 7 of 14 twitch days before and during: ratio 1, SE = sqrt(2 * (1/7 - 1/14)) = 0.377964,
    // interval exp(-/+ 0.740800) = 0.476734 .. 2.097606, which includes 1.
    let e = experiment(Change::NoCaffeine, Outcome::TwitchDay);
    let d = diary(&days(14, 7, 450), &days(14, 7, 50));
    let r = evaluate(&e, &d, day("2026-03-28"));
    let pp = r.per_protocol.unwrap();
    close(pp.ratio, 1.0);
    close(pp.ci_low, 0.476_733_924);
    close(pp.ci_high, 2.097_606_126);
    assert_eq!(r.verdict, Verdict::NoClearDifference);
    assert_eq!(
        r.verdict.words(),
        "no clear difference yet (the interval includes 1)"
    );
    let text = experiments::lines(&r, 0.95).join("\n");
    assert!(text.contains("regression to the mean"), "{text}");
    // On its last day it is still running.
    assert!(text.contains("running: day 14 of 14"), "{text}");
}

#[test]
fn five_days_in_is_too_early() {
    // As of 2026-03-19, the fifth day: 5 days with a check-in, 7 are needed.
    let e = experiment(Change::NoCaffeine, Outcome::TwitchDay);
    let d = diary(&days(14, 10, 450), &days(14, 0, 50));
    let r = evaluate(&e, &d, day("2026-03-19"));
    assert_eq!((r.experiment.days, r.experiment.kept_days), (5, 5));
    assert_eq!((r.per_protocol, r.as_planned), (None, None));
    assert_eq!(r.verdict, Verdict::TooEarly);
    assert_eq!(r.day_of(), Some((5, 14)));
    let text = experiments::lines(&r, 0.95).join("\n");
    assert!(
        text.contains(
            "Verdict: too early: 5 of its days have a check-in so far; 7 are needed on each side."
        ),
        "{text}"
    );
    // The sixth and seventh day: still too early; then a result.
    assert_eq!(
        evaluate(&e, &d, day("2026-03-20")).verdict,
        Verdict::TooEarly
    );
    assert_ne!(
        evaluate(&e, &d, day("2026-03-21")).verdict,
        Verdict::TooEarly
    );
}

#[test]
fn a_baseline_with_fewer_than_seven_check_ins_is_too_early_and_says_why() {
    // Only 6 of the 14 days before have a check-in (the others none at all).
    let mut baseline = days(6, 6, 450);
    baseline.extend((0..8).map(|_| (None, true)));
    let e = experiment(Change::NoCaffeine, Outcome::TwitchDay);
    let r = evaluate(&e, &diary(&baseline, &days(14, 0, 50)), day("2026-04-01"));
    // Days without a check-in do not count, twitches or not.
    assert_eq!((r.baseline.days, r.baseline.outcome_days), (6, 6));
    assert_eq!(r.verdict, Verdict::TooEarly);
    assert!(
        experiments::too_early_reason(&r)
            .unwrap()
            .starts_with("the 14 days before the start have 6 with a check-in")
    );
}

#[test]
fn days_not_kept_lower_adherence_and_change_the_per_protocol_counts() {
    // The cut: 10 kept days (50 mg, 1 twitch day), 3 days not kept (300 mg, all twitch days)
    // and 1 day whose check-in leaves caffeine unknown (a twitch day): not kept either.
    // Adherence 10/14 = 0.714286.
    // Per protocol, kept days only: (1/10) / (10/14) = 0.14; SE = sqrt(1 - 1/10 + 1/10 -
    // 1/14) = 0.963624; interval 0.021178 .. 0.925479: fewer.
    // As planned, every day: (5/14) / (10/14) = 0.5; SE = sqrt(1/5 - 1/14 + 1/10 - 1/14) =
    // 0.396412; interval 0.229902 .. 1.087419, which includes 1.
    let e = experiment(Change::NoCaffeine, Outcome::TwitchDay);
    let mut during = days(10, 1, 50);
    during.extend(days(3, 3, 300));
    let mut d = diary(&days(14, 10, 450), &during);
    let unknown = day("2026-03-28");
    d = d
        .checkin(CheckIn {
            stress: Some(4),
            ..checkin(unknown)
        })
        .twitch(unknown, &["calf:left"]);
    let r = evaluate(&e, &d, day("2026-04-10"));
    assert_eq!(
        (
            r.experiment.days,
            r.experiment.kept_days,
            r.experiment.outcome_days,
            r.experiment.kept_outcome_days
        ),
        (14, 10, 5, 1)
    );
    close(r.adherence.unwrap(), 10.0 / 14.0);
    let pp = r.per_protocol.unwrap();
    close(pp.ratio, 0.14);
    close(pp.ci_low, 0.021_178_232);
    close(pp.ci_high, 0.925_478_569);
    let ap = r.as_planned.unwrap();
    close(ap.ratio, 0.5);
    close(ap.ci_low, 0.229_902_178);
    close(ap.ci_high, 1.087_419_013);
    // Decided on the per-protocol interval.
    assert_eq!(r.verdict, Verdict::Fewer);
    let (not_kept, unknown_days) = r.not_kept();
    assert_eq!(
        not_kept,
        [
            day("2026-03-25"),
            day("2026-03-26"),
            day("2026-03-27"),
            day("2026-03-28")
        ]
    );
    assert_eq!(unknown_days, 1);
    let text = experiments::lines(&r, 0.95).join("\n");
    assert!(
        text.contains("Adherence: 10/14 (71%) of the days with a check-in kept the change; not kept: 2026-03-25, 2026-03-26, 2026-03-27, 2026-03-28 (1 of them left caffeine unknown)"),
        "{text}"
    );
}

#[test]
fn a_stop_ends_the_days_that_count() {
    // Stopped on 2026-03-25 (the first day without the change): 10 days count, 03-15 to
    // 03-24; the twitch days after the stop (03-25 to 03-28) do not.
    let mut e = experiment(Change::NoCaffeine, Outcome::TwitchDay);
    e.stopped = Some(day("2026-03-25"));
    let mut during = days(10, 0, 50);
    during.extend(days(4, 4, 450));
    let r = evaluate(&e, &diary(&days(14, 10, 450), &during), day("2026-04-10"));
    assert_eq!((r.experiment.days, r.experiment.outcome_days), (10, 0));
    assert!(
        r.status()
            .starts_with("stopped on 2026-03-25 (its days ran to 2026-03-24)")
    );
    // 0/10 against 10/14, corrected: (0.5/11) / (10.5/15) = 0.064935: fewer.
    close(r.per_protocol.unwrap().ratio, (0.5 / 11.0) / (10.5 / 15.0));
    assert_eq!(r.verdict, Verdict::Fewer);
}

#[test]
fn a_custom_change_is_read_from_the_check_ins_answer() {
    // Kept on 8 days (none a twitch day), not kept on 4 (all twitch days), unanswered on 2.
    let e = experiment(Change::Custom, Outcome::TwitchDay);
    let mut d = diary(&days(14, 7, 450), &[]);
    for i in 0..14u64 {
        let date = day("2026-03-15") + Days::new(i);
        let kept = match i {
            0..8 => Some(true),
            8..12 => Some(false),
            _ => None,
        };
        d = d.checkin(CheckIn {
            experiment_kept: kept,
            sleep_h: Some(7.0),
            ..checkin(date)
        });
        if kept == Some(false) {
            d = d.twitch(date, &["calf:left"]);
        }
    }
    let r = evaluate(&e, &d, day("2026-04-10"));
    assert_eq!(
        (
            r.experiment.days,
            r.experiment.kept_days,
            r.experiment.outcome_days,
            r.experiment.kept_outcome_days
        ),
        (14, 8, 4, 0)
    );
    assert_eq!(r.not_kept().1, 2);
}

#[test]
fn a_night_counts_once_it_is_over() {
    // Night cramps against stretching before bed, as of 2026-03-21 (the seventh day): the
    // night of the 21st is not over, so 6 nights count and it is too early; the next day the
    // seventh night counts. The night of the 14th (a cramp at 02:00 on the 15th) belongs to
    // the baseline.
    let e = Experiment::new(
        "stretch",
        Change::StretchBeforeBed,
        Outcome::NocturnalCrampNight,
        day("2026-03-15"),
        14,
        made(),
    )
    .unwrap();
    let mut d = Diary::new();
    for i in 0..28u64 {
        let date = day("2026-03-01") + Days::new(i);
        d = d.checkin(CheckIn {
            stretched: Some(date >= day("2026-03-15")),
            ..checkin(date)
        });
    }
    let d = d.cramp(day("2026-03-15"), "02:00");
    let r = evaluate(&e, &d, day("2026-03-21"));
    assert_eq!(r.experiment.days, 6);
    assert_eq!((r.baseline.days, r.baseline.outcome_days), (14, 1));
    assert_eq!(r.verdict, Verdict::TooEarly);
    let r = evaluate(&e, &d, day("2026-03-22"));
    assert_eq!((r.experiment.days, r.experiment.outcome_days), (7, 0));
    assert_ne!(r.verdict, Verdict::TooEarly);
}

#[test]
fn the_json_shape_is_the_one_domain_md_describes() {
    let e = experiment(Change::NoCaffeine, Outcome::TwitchDay);
    let r = evaluate(
        &e,
        &diary(&days(14, 10, 450), &days(14, 2, 50)),
        day("2026-04-10"),
    );
    let v = serde_json::to_value(&r).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "adherence",
            "as_planned",
            "baseline",
            "change",
            "end",
            "experiment",
            "id",
            "name",
            "outcome",
            "per_protocol",
            "start",
            "stopped",
            "verdict"
        ]
    );
    assert_eq!(v["change"], "no-caffeine");
    assert_eq!(v["outcome"], "twitch_day");
    assert_eq!(v["start"], "2026-03-15");
    assert_eq!(v["end"], "2026-03-28");
    assert!(v["stopped"].is_null());
    assert_eq!(
        v["baseline"],
        serde_json::json!({"days": 14, "outcome_days": 10})
    );
    assert_eq!(
        v["experiment"],
        serde_json::json!({"days": 14, "kept_days": 14, "outcome_days": 2, "kept_outcome_days": 2})
    );
    assert_eq!(v["verdict"], "fewer");
    let mut ratio_keys: Vec<&str> = v["per_protocol"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    ratio_keys.sort_unstable();
    assert_eq!(ratio_keys, ["ci_high", "ci_low", "ratio"]);
    // Too early: both comparisons null.
    let r = evaluate(
        &e,
        &diary(&days(14, 10, 450), &days(14, 2, 50)),
        day("2026-03-16"),
    );
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["per_protocol"].is_null() && v["as_planned"].is_null());
    assert_eq!(v["verdict"], "too_early");
}
