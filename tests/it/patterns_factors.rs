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
    // Then "yesterday counts too": every factor with same-day outcomes against the next day's.
    let same_day = expected.len();
    for factor in [
        "caffeine_high",
        "short_sleep",
        "high_stress",
        "alcohol",
        "long_exercise",
        "low_water",
        "magnesium",
    ] {
        expected.push((factor, "twitch_day"));
        expected.push((factor, "cramp_day"));
    }
    assert_eq!(rows, expected);
    let lags: Vec<u32> = f.factors.iter().map(|r| r.lag_days).collect();
    assert_eq!(lags[..same_day], [0; 16]);
    assert_eq!(lags[same_day..], [1; 14]);
    // No row has enough data: no p, no q, nothing stands out.
    assert!(
        f.factors
            .iter()
            .all(|r| !r.enough_data && r.p.is_none() && r.q.is_none() && !r.stands_out)
    );
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
    // Evaluated the morning after, so the night of the 2nd is over and counts too.
    let f = Diary::new()
        .checkin(at)
        .checkin(short)
        .evaluate(day("2026-01-03"));
    for r in &f.factors {
        // Same day: one day each side. The day before: one pair of days, the first exposed.
        let expected = if r.lag_days == 0 { (1, 1) } else { (1, 0) };
        assert_eq!(
            (r.exposed_days, r.unexposed_days),
            expected,
            "{} {} {}",
            r.factor,
            r.outcome,
            r.lag_days
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

#[test]
fn in_pure_noise_some_intervals_exclude_one_but_nothing_stands_out() {
    // Seed 6: of the 30 rows (all with enough data), 3 have a 95% interval that excludes 1 by
    // chance alone, the thing section 5 warns of. Allowing for all 30 comparisons, none of
    // them stands out, and each is worded "may be chance (30 comparisons)".
    let f = noise_diary(6).evaluate(day("2026-03-01"));
    assert_eq!(myolog::patterns::comparisons(&f.factors), 30);
    let excluding: Vec<&FactorRow> = f
        .factors
        .iter()
        .filter(|r| r.interval_excludes_one())
        .collect();
    assert_eq!(excluding.len(), 3, "{excluding:#?}");
    assert!(f.factors.iter().all(|r| !r.stands_out), "{:#?}", f.factors);
    for r in &excluding {
        // Each one alone would pass at the 5% level, which is why it must not be trusted.
        assert!(r.p.unwrap() < 0.05, "{r:?}");
        assert!(r.q.unwrap() >= 0.10, "{r:?}");
    }
    let notable = myolog::patterns::notable(&f.factors);
    assert_eq!(notable.len(), 3);
    assert!(
        notable
            .iter()
            .all(|n| !n.stands_out && n.words == "may be chance (30 comparisons)")
    );
}

#[test]
fn a_p_value_by_hand_from_the_same_log_ratio() {
    // Exposed 6 of 10, unexposed 3 of 12 (as above): ln 2.4 = 0.875469, SE 0.562731, so
    // z = 1.555748 and the two-sided p = erfc(z / sqrt 2) = 0.119768.
    let t = Table {
        exposed: 10,
        exposed_outcome: 6,
        unexposed: 12,
        unexposed_outcome: 3,
    };
    close(t.p_value(0.5).unwrap(), 0.119_767_844);
    // With a zero cell the same 0.5 correction: 20 of 20 against 0 of 19 becomes 20.5/21
    // against 0.5/20, ratio 39.047619, SE 1.396840, z = 2.623614, p = 0.008700.
    let t = Table {
        exposed: 20,
        exposed_outcome: 20,
        unexposed: 19,
        unexposed_outcome: 0,
    };
    close(t.p_value(0.5).unwrap(), 0.008_699_987);
    // No difference at all: p is 1.
    let t = Table {
        exposed: 20,
        exposed_outcome: 10,
        unexposed: 20,
        unexposed_outcome: 10,
    };
    close(t.p_value(0.5).unwrap(), 1.0);
}

#[test]
fn a_planted_caffeine_effect_stands_out() {
    // The 600-day diary above: twitch days three times as likely after 400 mg of caffeine.
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
    let caffeine = f
        .factors
        .iter()
        .find(|r| r.factor == "caffeine_high" && r.outcome == "twitch_day" && r.lag_days == 0)
        .unwrap();
    assert!(caffeine.stands_out, "{caffeine:?}");
    assert!(caffeine.q.unwrap() < 0.001, "{caffeine:?}");
    // Stress was drawn apart from twitches: it does not stand out.
    let stress = row(&f, "high_stress", "twitch_day");
    assert!(!stress.stands_out, "{stress:?}");
    // Every view names it first, in the same words.
    let notable = myolog::patterns::notable(&f.factors);
    assert_eq!(notable[0].row, caffeine);
    assert!(notable[0].stands_out);
    assert_eq!(notable[0].words, "stands out");
    assert_eq!(notable[0].direction, "more likely when exposed");
}

#[test]
fn the_day_before_finds_an_effect_planted_on_the_next_day_only() {
    // 40 days in a four-day cycle: caffeine high on days 1-2 of each cycle, and twitches on
    // the day after each high day (days 2-3). Same day: exposed days 1,2 twitch on day 2 only,
    // unexposed days 3,4 on day 3 only: 10/20 against 10/20, ratio 1 (interval 0.54-1.86).
    // The day before: each of the 39 pairs of days with check-ins; the 20 exposed first days
    // are all followed by a twitch day (20/20), the 19 unexposed never (0/19). With the 0.5
    // correction: ratio 39.047619, interval 2.526983-603.374227, p 0.008700; 4 rows have
    // enough data (caffeine on twitch and cramp days, both lags; no cramps: p 1), so
    // q = 0.008700 * 4 / 1 = 0.034800 < 0.10: it stands out.
    let mut d = Diary::new();
    for i in 0..40u64 {
        let date = day("2026-01-01") + chrono::Days::new(i);
        d = d.checkin(CheckIn {
            caffeine_mg: Some(if i % 4 < 2 { 450 } else { 100 }),
            ..checkin(date)
        });
        if i % 4 == 1 || i % 4 == 2 {
            d = d.twitch(date, &["thumb:left"]);
        }
    }
    let f = d.evaluate(day("2026-02-09"));
    let same = row(&f, "caffeine_high", "twitch_day");
    assert_eq!(same.lag_days, 0);
    assert_eq!(
        (
            same.exposed_outcome_days,
            same.exposed_days,
            same.unexposed_outcome_days,
            same.unexposed_days
        ),
        (10, 20, 10, 20)
    );
    close(same.ratio.unwrap(), 1.0);
    close(same.ci_low.unwrap(), 0.538_054_710);
    close(same.ci_high.unwrap(), 1.858_547_061);
    assert!(!same.stands_out);
    let next = f
        .factors
        .iter()
        .find(|r| r.factor == "caffeine_high" && r.outcome == "twitch_day" && r.lag_days == 1)
        .unwrap();
    assert_eq!(
        (
            next.exposed_outcome_days,
            next.exposed_days,
            next.unexposed_outcome_days,
            next.unexposed_days
        ),
        (20, 20, 0, 19)
    );
    close(next.ratio.unwrap(), 39.047_619_048);
    close(next.ci_low.unwrap(), 2.526_983_232);
    close(next.ci_high.unwrap(), 603.374_226_518);
    close(next.p.unwrap(), 0.008_699_987);
    close(next.q.unwrap(), 0.034_799_948);
    assert!(next.stands_out);
    assert_eq!(
        (next.label(), next.outcome_words().as_str()),
        ("high caffeine", "twitch next day")
    );
    assert_eq!(myolog::patterns::comparisons(&f.factors), 4);
}

#[test]
fn a_day_counts_the_day_before_only_when_both_dates_have_a_check_in() {
    // Check-ins on the 1st, 2nd and 4th (none on the 3rd); high caffeine every day and a
    // twitch on the 3rd and 4th. Pairs: (1st, 2nd) only: the 2nd has no twitch. The 3rd's
    // twitch counts for no pair, and neither does the 2nd's caffeine.
    let mut d = Diary::new();
    for date in ["2026-01-01", "2026-01-02", "2026-01-04"] {
        d = d.checkin(CheckIn {
            caffeine_mg: Some(450),
            ..checkin(day(date))
        });
    }
    let d = d
        .twitch(day("2026-01-03"), &["thumb:left"])
        .twitch(day("2026-01-04"), &["thumb:left"]);
    let f = d.evaluate(day("2026-01-04"));
    let next = f
        .factors
        .iter()
        .find(|r| r.factor == "caffeine_high" && r.outcome == "twitch_day" && r.lag_days == 1)
        .unwrap();
    assert_eq!((next.exposed_days, next.exposed_outcome_days), (1, 0));
    assert_eq!(next.unexposed_days, 0);
}

/// The night of the as-of date is not over (it runs to 06:59 the next morning), so it is left
/// out of the night rows rather than counted as a night without a cramp; once the next day
/// comes, it counts.
#[test]
fn tonight_is_not_yet_a_night_without_a_cramp() {
    let mut d = Diary::new();
    for n in 0..12 {
        let date = plus("2026-01-01", n);
        d = d.checkin(CheckIn {
            magnesium: Some(n % 2 == 0),
            ..checkin(date)
        });
    }
    let row = |f: &Findings| -> (u32, u32) {
        let r = row(f, "magnesium", "nocturnal_cramp_night");
        (r.exposed_days, r.unexposed_days)
    };
    // 12 check-ins, 2026-01-01 to 01-12; the 12th (unexposed) night is still going on.
    assert_eq!(row(&d.clone().evaluate(day("2026-01-12"))), (6, 5));
    assert_eq!(row(&d.evaluate(day("2026-01-13"))), (6, 6));
}
