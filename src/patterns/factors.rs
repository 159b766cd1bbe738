//! Trigger statistics (DOMAIN.md section 5): for each factor and outcome, exposed and unexposed
//! diary days, the outcome days in each, the risk ratio and its confidence interval.
//!
//! A diary day is a date with a check-in; a day whose check-in leaves the factor's field
//! unknown is left out of that factor's rows, never counted as unexposed.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use super::Settings;
use super::calendar::{Calendar, Day};
use crate::domain::CheckIn;

pub use crate::domain::Outcome;

/// Whether `day` has the outcome.
pub(super) fn outcome_on(outcome: Outcome, day: &Day) -> bool {
    match outcome {
        Outcome::TwitchDay => day.is_twitch_day(),
        Outcome::CrampDay => day.is_cramp_day(),
        Outcome::NocturnalCrampNight => day.is_cramp_night(),
    }
}

/// A factor: its id, words for it, the outcomes it is compared on, and whether a check-in is
/// exposed (`None` when the field is unknown).
pub struct Factor {
    pub id: &'static str,
    pub label: &'static str,
    pub outcomes: &'static [Outcome],
    pub exposed: fn(&CheckIn, &Settings) -> Option<bool>,
}

const DAY_OUTCOMES: &[Outcome] = &[Outcome::TwitchDay, Outcome::CrampDay];

/// A factor compared on twitch days and cramp days.
const fn day_factor(
    id: &'static str,
    label: &'static str,
    exposed: fn(&CheckIn, &Settings) -> Option<bool>,
) -> Factor {
    Factor {
        id,
        label,
        outcomes: DAY_OUTCOMES,
        exposed,
    }
}

/// The factors of DOMAIN.md section 5, in its order.
pub const FACTORS: [Factor; 8] = [
    day_factor("caffeine_high", "high caffeine", |c, s| {
        c.caffeine_mg.map(|v| v >= s.caffeine_high_mg)
    }),
    day_factor("short_sleep", "short sleep the night before", |c, s| {
        c.sleep_h.map(|v| v < s.short_sleep_under_h)
    }),
    day_factor("high_stress", "high stress", |c, s| {
        c.stress.map(|v| v >= s.high_stress_from)
    }),
    day_factor("alcohol", "alcohol", |c, s| {
        c.alcohol.map(|v| v >= s.alcohol_from_drinks)
    }),
    day_factor("long_exercise", "long exercise", |c, s| {
        c.exercise_min.map(|v| v >= s.long_exercise_from_min)
    }),
    day_factor("low_water", "low water", |c, s| {
        c.water_l.map(|v| v < s.low_water_under_l)
    }),
    Factor {
        id: "magnesium",
        label: "magnesium taken",
        outcomes: &[
            Outcome::TwitchDay,
            Outcome::CrampDay,
            Outcome::NocturnalCrampNight,
        ],
        exposed: |c, _| c.magnesium,
    },
    Factor {
        id: "stretched_before_bed",
        label: "stretched before bed",
        outcomes: &[Outcome::NocturnalCrampNight],
        exposed: |c, _| c.stretched,
    },
];

/// Words for a factor id (the id itself when unknown).
pub fn factor_label(id: &str) -> &str {
    FACTORS.iter().find(|f| f.id == id).map_or(id, |f| f.label)
}

/// The 2x2 table of one factor and outcome, in diary days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Table {
    pub exposed: u32,
    pub exposed_outcome: u32,
    pub unexposed: u32,
    pub unexposed_outcome: u32,
}

/// A risk ratio and its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatioInterval {
    pub ratio: f64,
    pub low: f64,
    pub high: f64,
}

impl Table {
    /// The log risk ratio and its standard error, from the four cells with `correction` added
    /// to each when any is zero. `None` without both exposed and unexposed days.
    fn log_ratio(&self, correction: f64) -> Option<(f64, f64)> {
        if self.exposed == 0 || self.unexposed == 0 {
            return None;
        }
        let a = f64::from(self.exposed_outcome.min(self.exposed));
        let b = f64::from(self.exposed) - a;
        let c = f64::from(self.unexposed_outcome.min(self.unexposed));
        let d = f64::from(self.unexposed) - c;
        let (a, b, c, d) = if [a, b, c, d].contains(&0.0) {
            (
                a + correction,
                b + correction,
                c + correction,
                d + correction,
            )
        } else {
            (a, b, c, d)
        };
        let (n1, n2) = (a + b, c + d);
        let log_ratio = ((a / n1) / (c / n2)).ln();
        let se = (1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2).sqrt();
        (log_ratio.is_finite() && se.is_finite()).then_some((log_ratio, se))
    }

    /// The ratio of the outcome's proportion on exposed days to that on unexposed days, with
    /// the interval from the log risk ratio's normal approximation. When any cell is zero,
    /// `correction` is added to all four. `None` without both exposed and unexposed days.
    pub fn risk_ratio(&self, confidence: f64, correction: f64) -> Option<RatioInterval> {
        let (log_ratio, se) = self.log_ratio(correction)?;
        let z = Normal::standard().inverse_cdf(1.0 - (1.0 - confidence) / 2.0);
        let (ratio, low, high) = (
            log_ratio.exp(),
            (log_ratio - z * se).exp(),
            (log_ratio + z * se).exp(),
        );
        [ratio, low, high]
            .iter()
            .all(|v| v.is_finite())
            .then_some(RatioInterval { ratio, low, high })
    }

    /// The two-sided p-value of "no difference" (ratio 1): z = ln(ratio) / SE, from the same
    /// log risk ratio and correction as [`Table::risk_ratio`].
    pub fn p_value(&self, correction: f64) -> Option<f64> {
        let (log_ratio, se) = self.log_ratio(correction)?;
        if se <= 0.0 {
            return None;
        }
        let z = (log_ratio / se).abs();
        Some((2.0 * Normal::standard().sf(z)).min(1.0))
    }
}

/// A row stands out when its Benjamini–Hochberg adjusted p is below this (DOMAIN.md
/// section 5).
pub const STANDS_OUT_BELOW_Q: f64 = 0.10;

/// One factor and outcome compared, as `myolog patterns --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorRow {
    pub factor: String,
    pub outcome: String,
    /// 0: the outcome on the day of the check-in; 1: on the next day (caffeine on Monday,
    /// twitches on Tuesday).
    pub lag_days: u32,
    pub exposed_days: u32,
    pub exposed_outcome_days: u32,
    pub unexposed_days: u32,
    pub unexposed_outcome_days: u32,
    /// Exposed proportion over unexposed proportion; `None` without enough data.
    pub ratio: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// At least `enough_data_days` exposed and as many unexposed days.
    pub enough_data: bool,
    /// Two-sided p of "no difference"; `None` without enough data.
    pub p: Option<f64>,
    /// `p` adjusted for every comparison with enough data (Benjamini–Hochberg); `None`
    /// without enough data.
    pub q: Option<f64>,
    /// `q` below [`STANDS_OUT_BELOW_Q`]: unlikely to be one of the chance findings that many
    /// comparisons bring.
    pub stands_out: bool,
}

impl FactorRow {
    /// A same-day row from its counts; below the data threshold it keeps the counts only.
    /// `q` and `stands_out` are set across all rows by [`adjust`].
    pub fn from_table(factor: &str, outcome: Outcome, t: Table, s: &Settings) -> FactorRow {
        let enough_data = t.exposed >= s.enough_data_days && t.unexposed >= s.enough_data_days;
        let ri = enough_data
            .then(|| t.risk_ratio(s.confidence, s.zero_cell_correction))
            .flatten();
        FactorRow {
            factor: factor.to_string(),
            outcome: outcome.as_str().to_string(),
            lag_days: 0,
            exposed_days: t.exposed,
            exposed_outcome_days: t.exposed_outcome,
            unexposed_days: t.unexposed,
            unexposed_outcome_days: t.unexposed_outcome,
            ratio: ri.map(|r| r.ratio),
            ci_low: ri.map(|r| r.low),
            ci_high: ri.map(|r| r.high),
            enough_data,
            p: ri.and_then(|_| t.p_value(s.zero_cell_correction)),
            q: None,
            stands_out: false,
        }
    }

    /// The factor in words.
    pub fn label(&self) -> &str {
        factor_label(&self.factor)
    }

    /// The outcome in words, "next day" for a next-day row: "twitch day", "cramp next day".
    pub fn outcome_words(&self) -> String {
        match (Outcome::parse(&self.outcome), self.lag_days) {
            (Ok(Outcome::TwitchDay), 1) => "twitch next day".into(),
            (Ok(Outcome::CrampDay), 1) => "cramp next day".into(),
            (Ok(o), _) => o.label().into(),
            (Err(_), _) => self.outcome.clone(),
        }
    }

    /// The share of exposed days with the outcome.
    pub fn exposed_share(&self) -> Option<f64> {
        share(self.exposed_outcome_days, self.exposed_days)
    }

    /// The share of unexposed days with the outcome.
    pub fn unexposed_share(&self) -> Option<f64> {
        share(self.unexposed_outcome_days, self.unexposed_days)
    }

    /// The interval lies wholly above 1 (more likely when exposed) or wholly below it.
    pub fn interval_excludes_one(&self) -> bool {
        match (self.ci_low, self.ci_high) {
            (Some(low), Some(high)) => low > 1.0 || high < 1.0,
            _ => false,
        }
    }

    /// What may be said of the row with many comparisons made.
    pub fn standing(&self) -> Standing {
        if !self.enough_data || self.ratio.is_none() {
            Standing::NotEnoughData
        } else if self.stands_out {
            Standing::StandsOut
        } else if self.interval_excludes_one() {
            Standing::MayBeChance
        } else {
            Standing::NoClearDifference
        }
    }
}

/// What a factor row says once chance across every comparison is allowed for (DOMAIN.md
/// section 5): only rows whose adjusted q is low stand out; another row whose interval
/// excludes 1 may be one of the chance findings that many comparisons bring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    StandsOut,
    MayBeChance,
    NoClearDifference,
    NotEnoughData,
}

impl Standing {
    /// "stands out", "may be chance (30 comparisons)", "no clear difference", "not enough
    /// data yet", where `comparisons` is [`comparisons`] of the rows shown.
    pub fn words(self, comparisons: usize) -> String {
        match self {
            Standing::StandsOut => "stands out".into(),
            Standing::MayBeChance => format!(
                "may be chance ({comparisons} {})",
                if comparisons == 1 {
                    "comparison"
                } else {
                    "comparisons"
                }
            ),
            Standing::NoClearDifference => "no clear difference".into(),
            Standing::NotEnoughData => "not enough data yet".into(),
        }
    }
}

/// What every view says under the factor rows about chance across many comparisons.
pub fn chance_note(comparisons: usize) -> String {
    format!(
        "With {comparisons} comparisons, a few intervals exclude 1 by chance alone: a row stands out only when, allowing for all of them (Benjamini–Hochberg), q is under {STANDS_OUT_BELOW_Q:.2}; the others whose interval excludes 1 may be chance. \"Next day\": the factor on one day against the outcome on the day after."
    )
}

/// The reading of a row for a table: "stands out: more likely when exposed", "may be chance
/// (30 comparisons): less likely when exposed", "spans 1: no clear difference", "not enough
/// data yet".
pub fn reading(row: &FactorRow, comparisons: usize) -> String {
    let direction = match (row.ci_low, row.ci_high) {
        (Some(low), _) if low > 1.0 => "more likely when exposed",
        (_, Some(high)) if high < 1.0 => "less likely when exposed",
        _ => "no clear difference",
    };
    match row.standing() {
        s @ (Standing::StandsOut | Standing::MayBeChance) => {
            format!("{}: {direction}", s.words(comparisons))
        }
        Standing::NoClearDifference => "spans 1: no clear difference".into(),
        Standing::NotEnoughData => Standing::NotEnoughData.words(comparisons),
    }
}

/// "q 0.03", "q < 0.01", or "no q" without enough data.
pub fn q_words(q: Option<f64>) -> String {
    match q {
        Some(q) if q < 0.01 => "q < 0.01".into(),
        Some(q) => format!("q {q:.2}"),
        None => "no q".into(),
    }
}

/// How many comparisons the rows make: the rows with enough data, both lags.
pub fn comparisons(rows: &[FactorRow]) -> usize {
    rows.iter().filter(|r| r.p.is_some()).count()
}

/// A row worth naming: its interval excludes 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Notable<'a> {
    pub row: &'a FactorRow,
    pub stands_out: bool,
    /// "stands out" or "may be chance (30 comparisons)".
    pub words: String,
    /// "more likely when exposed" or "less likely when exposed".
    pub direction: &'static str,
}

/// The rows whose interval excludes 1, each with what may be said of it: those that stand out
/// first, then those that may be chance, each in table order. The one selection every view
/// (the screen, the report, the command line) shows.
pub fn notable(rows: &[FactorRow]) -> Vec<Notable<'_>> {
    let m = comparisons(rows);
    let mut found: Vec<Notable<'_>> = rows
        .iter()
        .filter(|r| r.interval_excludes_one())
        .map(|r| Notable {
            row: r,
            stands_out: r.stands_out,
            words: r.standing().words(m),
            direction: if r.ci_low.is_some_and(|low| low > 1.0) {
                "more likely when exposed"
            } else {
                "less likely when exposed"
            },
        })
        .collect();
    found.sort_by_key(|n| !n.stands_out);
    found
}

fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

/// Every factor row of DOMAIN.md section 5: each factor and outcome on the same day in its
/// order, then each factor with same-day outcomes (`twitch_day`, `cramp_day`) against the next
/// day's outcome; then q and `stands_out` across all of them.
pub fn factors(cal: &Calendar, s: &Settings) -> Vec<FactorRow> {
    let diary_days: Vec<(&CheckIn, &Day)> = cal
        .days
        .iter()
        .filter_map(|d| d.checkin.map(|c| (c, d)))
        .collect();
    // Diary days followed by a diary day: the exposure of the first, the outcome of the next.
    let next_days: Vec<(&CheckIn, &Day)> = diary_days
        .windows(2)
        .filter(|w| w[0].1.date.succ_opt() == Some(w[1].1.date))
        .map(|w| (w[0].0, w[1].1))
        .collect();
    let mut rows = Vec::new();
    for (lag, days) in [(0, &diary_days), (1, &next_days)] {
        for factor in &FACTORS {
            for &outcome in factor.outcomes {
                if lag == 1 && !DAY_OUTCOMES.contains(&outcome) {
                    continue;
                }
                let t = table(days, |c| (factor.exposed)(c, s), outcome, cal.as_of);
                let mut row = FactorRow::from_table(factor.id, outcome, t, s);
                row.lag_days = lag;
                rows.push(row);
            }
        }
    }
    adjust(&mut rows);
    rows
}

/// The 2x2 table of (check-in, day whose outcome counts) pairs.
fn table(
    days: &[(&CheckIn, &Day)],
    exposed: impl Fn(&CheckIn) -> Option<bool>,
    outcome: Outcome,
    as_of: chrono::NaiveDate,
) -> Table {
    let mut t = Table::default();
    for (checkin, day) in days {
        // The night of the as-of date is not over (it runs to 06:59 the next morning): it is
        // unknown, not a night without a cramp.
        if outcome == Outcome::NocturnalCrampNight && day.date >= as_of {
            continue;
        }
        let hit = u32::from(outcome_on(outcome, day));
        match exposed(checkin) {
            Some(true) => {
                t.exposed += 1;
                t.exposed_outcome += hit;
            }
            Some(false) => {
                t.unexposed += 1;
                t.unexposed_outcome += hit;
            }
            None => {}
        }
    }
    t
}

/// Sets `q` (Benjamini–Hochberg across every row with a p) and `stands_out` on `rows`: with m
/// such rows sorted by p ascending, q_i = min over j >= i of p_j * m / j, at most 1.
pub fn adjust(rows: &mut [FactorRow]) {
    let mut ranked: Vec<(usize, f64)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.p.map(|p| (i, p)))
        .collect();
    ranked.sort_by(|a, b| a.1.total_cmp(&b.1));
    let m = ranked.len() as f64;
    let mut running = 1.0_f64;
    for (rank, &(i, p)) in ranked.iter().enumerate().rev() {
        running = running.min(p * m / (rank + 1) as f64).min(1.0);
        rows[i].q = Some(running);
        rows[i].stands_out = running < STANDS_OUT_BELOW_Q;
    }
    for r in rows.iter_mut().filter(|r| r.p.is_none()) {
        r.q = None;
        r.stands_out = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(p: Option<f64>) -> FactorRow {
        let mut r = FactorRow::from_table(
            "alcohol",
            Outcome::TwitchDay,
            Table::default(),
            &Settings::default(),
        );
        r.p = p;
        r
    }

    #[test]
    fn benjamini_hochberg_by_hand() {
        // m = 4 rows with a p (one row has none). Sorted: 0.01, 0.02, 0.03, 0.5.
        // p*m/j: 0.04, 0.04, 0.04, 0.5; running minimum from the top: 0.04, 0.04, 0.04, 0.5.
        let mut rows = vec![
            row(Some(0.03)),
            row(None),
            row(Some(0.5)),
            row(Some(0.01)),
            row(Some(0.02)),
        ];
        adjust(&mut rows);
        let q: Vec<Option<f64>> = rows.iter().map(|r| r.q).collect();
        let close = |a: Option<f64>, b: f64| (a.unwrap() - b).abs() < 1e-12;
        assert!(close(q[0], 0.04) && close(q[3], 0.04) && close(q[4], 0.04));
        assert!(close(q[2], 0.5));
        assert_eq!(q[1], None);
        let out: Vec<bool> = rows.iter().map(|r| r.stands_out).collect();
        assert_eq!(out, [true, false, false, true, true]);

        // A later, larger p pulls an earlier one up: 0.04*3/1 = 0.12 > 0.045*3/3 = 0.045.
        let mut rows = vec![row(Some(0.04)), row(Some(0.045)), row(Some(0.045))];
        adjust(&mut rows);
        assert!(rows.iter().all(|r| (r.q.unwrap() - 0.045).abs() < 1e-12));
        assert!(rows.iter().all(|r| r.stands_out));
    }
}
