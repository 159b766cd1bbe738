//! Trigger statistics checked against values worked out by hand, on a planted effect, with
//! unknown fields and days without a check-in left out; and the tallies, kept apart.

use crate::support::patterns as common_patterns;

use chrono::NaiveDate;
use common_patterns::*;
use myolog::domain::CheckIn;
use myolog::patterns::{FactorRow, Findings, Settings, Table};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= 1e-6 * expected.abs().max(1.0),
        "{actual} is not {expected}"
    );
}

fn row<'a>(f: &'a Findings, factor: &str, outcome: &str) -> &'a FactorRow {
    f.factors
        .iter()
        .find(|r| r.factor == factor && r.outcome == outcome)
        .unwrap_or_else(|| panic!("no row {factor} {outcome}"))
}

#[test]
fn a_small_table_by_hand() {
    // Exposed 6 of 10, unexposed 3 of 12: ratio 0.6 / 0.25 = 2.4.
    // SE of log RR = sqrt(1/6 - 1/10 + 1/3 - 1/12) = sqrt(0.316667) = 0.562731;
    // z = 1.959964; 2.4 * exp(-/+ 1.102933) = 0.796551 .. 7.231179.
    let t = Table {
        exposed: 10,
        exposed_outcome: 6,
        unexposed: 12,
        unexposed_outcome: 3,
    };
    let r = t.risk_ratio(0.95, 0.5).unwrap();
    close(r.ratio, 2.4);
    close(r.low, 0.796_550_614);
    close(r.high, 7.231_178_908);
}

#[test]
fn a_zero_cell_adds_a_half_to_every_cell() {
    // Exposed 0 of 8, unexposed 4 of 10. Cells become 0.5, 8.5, 4.5, 6.5 (n 9 and 11):
    // ratio (0.5/9) / (4.5/11) = 0.135802; SE = sqrt(1/0.5 - 1/9 + 1/4.5 - 1/11) = 1.421338;
    // interval 0.135802 * exp(-/+ 2.785771) = 0.008376 .. 2.201673.
    let t = Table {
        exposed: 8,
        exposed_outcome: 0,
        unexposed: 10,
        unexposed_outcome: 4,
    };
    let r = t.risk_ratio(0.95, 0.5).unwrap();
    close(r.ratio, 0.135_802_469);
    close(r.low, 0.008_376_498);
    close(r.high, 2.201_673_211);

    // Every exposed day with the outcome (5 of 5) against 2 of 10: cells 5.5, 0.5, 2.5, 8.5;
    // ratio (5.5/6) / (2.5/11) = 4.033333; interval 1.321206 .. 12.312826.
    let t = Table {
        exposed: 5,
        exposed_outcome: 5,
        unexposed: 10,
        unexposed_outcome: 2,
    };
    let r = t.risk_ratio(0.95, 0.5).unwrap();
    close(r.ratio, 4.033_333_333);
    close(r.low, 1.321_205_812);
    close(r.high, 12.312_826_384);

    assert!(Table::default().risk_ratio(0.95, 0.5).is_none());
}

/// Diary days from `first`: each (exposed, outcome) pair a day with a check-in.
fn caffeine_diary(first: NaiveDate, days: &[(bool, bool)]) -> Diary {
    let mut d = Diary::new();
    for (i, &(exposed, twitch)) in days.iter().enumerate() {
        let date = first + chrono::Days::new(i as u64);
        d = d.checkin(CheckIn {
            caffeine_mg: Some(if exposed { 400 } else { 399 }),
            ..checkin(date)
        });
        if twitch {
            d = d.twitch(date, &["eyelid:left"]);
        }
    }
    d
}

fn table(exposed: (u32, u32), unexposed: (u32, u32)) -> Vec<(bool, bool)> {
    let mut days = Vec::new();
    for (flag, (n, hits)) in [(true, exposed), (false, unexposed)] {
        days.extend((0..n).map(|i| (flag, i < hits)));
    }
    days
}

#[test]
fn the_engine_counts_diary_days_and_matches_the_hand_values() {
    let first = day("2026-01-01");
    let d = caffeine_diary(first, &table((10, 6), (12, 3)));
    // Left out: a twitch day with no check-in, and a check-in that leaves caffeine unknown.
    let d = d
        .twitch(day("2026-03-01"), &["calf:left"])
        .twitch(day("2026-03-02"), &["calf:left"])
        .checkin(CheckIn {
            stress: Some(2),
            ..checkin(day("2026-03-02"))
        });
    let f = d.evaluate(day("2026-03-31"));
    let r = row(&f, "caffeine_high", "twitch_day");
    assert_eq!(
        (
            r.exposed_days,
            r.exposed_outcome_days,
            r.unexposed_days,
            r.unexposed_outcome_days
        ),
        (10, 6, 12, 3)
    );
    assert!(r.enough_data);
    close(r.ratio.unwrap(), 2.4);
    close(r.ci_low.unwrap(), 0.796_550_614);
    close(r.ci_high.unwrap(), 7.231_178_908);
    close(r.exposed_share().unwrap(), 0.6);
    close(r.unexposed_share().unwrap(), 0.25);

    // Stress is known on one day only: counted there, nowhere else.
    let s = row(&f, "high_stress", "twitch_day");
    assert_eq!((s.exposed_days, s.unexposed_days), (0, 1));
    assert_eq!(s.unexposed_outcome_days, 1);
    assert!(!s.enough_data);
    assert_eq!(s.ratio, None);
}

#[test]
fn enough_data_needs_five_exposed_and_five_unexposed_days() {
    let first = day("2026-01-01");
    let f = caffeine_diary(first, &table((4, 2), (20, 5))).evaluate(day("2026-02-28"));
    let r = row(&f, "caffeine_high", "twitch_day");
    assert!(!r.enough_data);
    assert_eq!((r.ratio, r.ci_low, r.ci_high), (None, None, None));
    assert_eq!((r.exposed_days, r.exposed_outcome_days), (4, 2));

    let f = caffeine_diary(first, &table((5, 2), (20, 5))).evaluate(day("2026-02-28"));
    assert!(row(&f, "caffeine_high", "twitch_day").enough_data);
    let f = caffeine_diary(first, &table((20, 2), (4, 1))).evaluate(day("2026-02-28"));
    assert!(!row(&f, "caffeine_high", "twitch_day").enough_data);
}

#[test]
fn every_factor_and_outcome_of_the_domain_has_a_row_in_order() {
    let f = Diary::new().evaluate(day("2026-01-01"));
    let rows: Vec<(&str, &str)> = f
        .factors
        .iter()
        .map(|r| (r.factor.as_str(), r.outcome.as_str()))
        .collect();
    let mut expected = Vec::new();
    for factor in [
        "caffeine_high",
        "short_sleep",
        "high_stress",
        "alcohol",
        "long_exercise",
        "low_water",
    ] {
        expected.push((factor, "twitch_day"));
        expected.push((factor, "cramp_day"));
    }
    expected.extend([
        ("magnesium", "twitch_day"),
        ("magnesium", "cramp_day"),
        ("magnesium", "nocturnal_cramp_night"),
        ("stretched_before_bed", "nocturnal_cramp_night"),
    ]);
    assert_eq!(rows, expected);
    assert!(f.factors.iter().all(|r| !r.enough_data));
}

#[test]
fn each_factor_reads_its_own_field_at_its_threshold() {
    // One check-in exactly at every exposure threshold, one just short of each.
    let at = CheckIn {
        caffeine_mg: Some(400),
        sleep_h: Some(5.5),
        stress: Some(7),
        alcohol: Some(1),
        exercise_min: Some(60),
        water_l: Some(1.4),
        magnesium: Some(true),
        stretched: Some(true),
        ..checkin(day("2026-01-01"))
    };
    let short = CheckIn {
        caffeine_mg: Some(399),
        sleep_h: Some(6.0),
        stress: Some(6),
        alcohol: Some(0),
        exercise_min: Some(59),
        water_l: Some(1.5),
        magnesium: Some(false),
        stretched: Some(false),
        ..checkin(day("2026-01-02"))
    };
    let f = Diary::new()
        .checkin(at)
        .checkin(short)
        .evaluate(day("2026-01-02"));
    for r in &f.factors {
        assert_eq!(
            (r.exposed_days, r.unexposed_days),
            (1, 1),
            "{} {}",
            r.factor,
            r.outcome
        );
    }
}

#[test]
fn stretching_is_compared_with_the_cramps_of_that_night() {
    let mut d = Diary::new();
    for i in 0..10u64 {
        let date = day("2026-02-01") + chrono::Days::new(i);
        let stretched = i % 2 == 0;
        d = d.checkin(CheckIn {
            stretched: Some(stretched),
            ..checkin(date)
        });
        if !stretched {
            // 02:00 the next morning belongs to the night of `date`.
            d = d.cramp(date + chrono::Days::new(1), "02:00");
        }
    }
    let f = d.evaluate(day("2026-02-11"));
    let r = row(&f, "stretched_before_bed", "nocturnal_cramp_night");
    assert_eq!((r.exposed_days, r.exposed_outcome_days), (5, 0));
    assert_eq!((r.unexposed_days, r.unexposed_outcome_days), (5, 5));
    // Zero cells corrected to 0.5, 5.5, 5.5, 0.5: ratio (0.5/6) / (5.5/6) = 0.090909;
    // SE = sqrt(1/0.5 - 1/6 + 1/5.5 - 1/6) = 1.359590; so 5 days each side still span 1.
    close(r.ratio.unwrap(), 0.5 / 5.5);
    close(r.ci_low.unwrap(), 0.006_328_813);
    close(r.ci_high.unwrap(), 1.305_847_264);
}

#[test]
fn a_planted_effect_shows_and_an_unrelated_factor_spans_one() {
    // 600 diary days; high caffeine on about a quarter; a twitch day three times as likely on
    // those (0.6 against 0.2); stress drawn independently of both.
    let mut rng = StdRng::seed_from_u64(7);
    let mut d = Diary::new();
    for i in 0..600u64 {
        let date = day("2024-01-01") + chrono::Days::new(i);
        let high = rng.random_bool(0.25);
        let twitch = rng.random_bool(if high { 0.6 } else { 0.2 });
        d = d.checkin(CheckIn {
            caffeine_mg: Some(if high { 450 } else { 150 }),
            stress: Some(if rng.random_bool(0.3) { 8 } else { 3 }),
            ..checkin(date)
        });
        if twitch {
            d = d.twitch(date, &["eyelid:right"]);
        }
    }
    let f = d.evaluate(day("2025-12-31"));
    let caffeine = row(&f, "caffeine_high", "twitch_day");
    assert!(caffeine.enough_data);
    assert!(caffeine.ci_low.unwrap() > 1.0, "{caffeine:?}");
    let ratio = caffeine.ratio.unwrap();
    assert!((2.0..4.5).contains(&ratio), "{ratio}");
    let stress = row(&f, "high_stress", "twitch_day");
    assert!(
        stress.ci_low.unwrap() < 1.0 && stress.ci_high.unwrap() > 1.0,
        "{stress:?}"
    );
    assert!(!stress.interval_excludes_one());
}

#[test]
fn the_confidence_level_is_a_setting() {
    let d = caffeine_diary(day("2026-01-01"), &table((10, 6), (12, 3)));
    let narrow = Settings {
        confidence: 0.5,
        ..Settings::default()
    };
    let f = myolog::patterns::evaluate(&d.slice, &narrow, day("2026-02-28"));
    let r = row(&f, "caffeine_high", "twitch_day");
    // z(0.75) = 0.674490; 2.4 * exp(-/+ 0.674490 * 0.562731) = 1.6434 .. 3.5050.
    close(
        r.ci_low.unwrap(),
        2.4 * (-0.674_489_750 * 0.562_731_434_f64).exp(),
    );
    close(
        r.ci_high.unwrap(),
        2.4 * (0.674_489_750 * 0.562_731_434_f64).exp(),
    );
}

#[test]
fn tallies_count_tagged_triggers_apart_from_the_statistics() {
    let mut d = Diary::new();
    for (date, tags) in [
        ("2026-01-01", &["caffeine", "stress"][..]),
        ("2026-01-02", &["caffeine"]),
        ("2026-01-03", &["late-gaming"]),
    ] {
        d = d.twitch_with(day(date), &["eyelid:left"], tags);
    }
    let mut c = cramp(day("2026-01-04"), "23:00");
    c.triggers = vec!["stress".into()];
    let f = d.episode(c).evaluate(day("2026-01-05"));
    let got: Vec<(&str, u32, u32, u32, bool)> = f
        .tallies
        .iter()
        .map(|t| {
            (
                t.trigger.as_str(),
                t.episodes,
                t.twitches,
                t.cramps,
                t.custom,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("caffeine", 2, 2, 0, false),
            ("stress", 2, 1, 1, false),
            ("late-gaming", 1, 1, 0, true),
        ]
    );
    // Tags do not enter the factor comparison: no check-ins, no diary days.
    assert!(
        f.factors
            .iter()
            .all(|r| r.exposed_days + r.unexposed_days == 0)
    );
}
