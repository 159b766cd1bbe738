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

/// What is counted on a diary day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The date has at least one twitch.
    TwitchDay,
    /// The date has at least one cramp.
    CrampDay,
    /// The night of the date (21:00 to 06:59 next morning) has a nocturnal cramp.
    NocturnalCrampNight,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::TwitchDay => "twitch_day",
            Outcome::CrampDay => "cramp_day",
            Outcome::NocturnalCrampNight => "nocturnal_cramp_night",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::TwitchDay => "twitch day",
            Outcome::CrampDay => "cramp day",
            Outcome::NocturnalCrampNight => "night cramp",
        }
    }

    fn on(self, day: &Day) -> bool {
        match self {
            Outcome::TwitchDay => day.is_twitch_day(),
            Outcome::CrampDay => day.is_cramp_day(),
            Outcome::NocturnalCrampNight => day.is_cramp_night(),
        }
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

/// The factors of DOMAIN.md section 5, in its order.
pub const FACTORS: [Factor; 8] = [
    Factor {
        id: "caffeine_high",
        label: "high caffeine",
        outcomes: DAY_OUTCOMES,
        exposed: |c, s| c.caffeine_mg.map(|v| v >= s.caffeine_high_mg),
    },
    Factor {
        id: "short_sleep",
        label: "short sleep the night before",
        outcomes: DAY_OUTCOMES,
        exposed: |c, s| c.sleep_h.map(|v| v < s.short_sleep_under_h),
    },
    Factor {
        id: "high_stress",
        label: "high stress",
        outcomes: DAY_OUTCOMES,
        exposed: |c, s| c.stress.map(|v| v >= s.high_stress_from),
    },
    Factor {
        id: "alcohol",
        label: "alcohol",
        outcomes: DAY_OUTCOMES,
        exposed: |c, s| c.alcohol.map(|v| v >= s.alcohol_from_drinks),
    },
    Factor {
        id: "long_exercise",
        label: "long exercise",
        outcomes: DAY_OUTCOMES,
        exposed: |c, s| c.exercise_min.map(|v| v >= s.long_exercise_from_min),
    },
    Factor {
        id: "low_water",
        label: "low water",
        outcomes: DAY_OUTCOMES,
        exposed: |c, s| c.water_l.map(|v| v < s.low_water_under_l),
    },
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
    /// The ratio of the outcome's proportion on exposed days to that on unexposed days, with
    /// the interval from the log risk ratio's normal approximation. When any cell is zero,
    /// `correction` is added to all four. `None` without both exposed and unexposed days.
    pub fn risk_ratio(&self, confidence: f64, correction: f64) -> Option<RatioInterval> {
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
        let ratio = (a / n1) / (c / n2);
        let se = (1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2).sqrt();
        let z = Normal::standard().inverse_cdf(1.0 - (1.0 - confidence) / 2.0);
        let (low, high) = ((ratio.ln() - z * se).exp(), (ratio.ln() + z * se).exp());
        [ratio, low, high]
            .iter()
            .all(|v| v.is_finite())
            .then_some(RatioInterval { ratio, low, high })
    }
}

/// One factor and outcome compared, as `myolog patterns --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorRow {
    pub factor: String,
    pub outcome: String,
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
}

impl FactorRow {
    /// A row from its counts; below the data threshold it keeps the counts only.
    pub fn from_table(factor: &str, outcome: Outcome, t: Table, s: &Settings) -> FactorRow {
        let enough_data = t.exposed >= s.enough_data_days && t.unexposed >= s.enough_data_days;
        let ri = enough_data
            .then(|| t.risk_ratio(s.confidence, s.zero_cell_correction))
            .flatten();
        FactorRow {
            factor: factor.to_string(),
            outcome: outcome.as_str().to_string(),
            exposed_days: t.exposed,
            exposed_outcome_days: t.exposed_outcome,
            unexposed_days: t.unexposed,
            unexposed_outcome_days: t.unexposed_outcome,
            ratio: ri.map(|r| r.ratio),
            ci_low: ri.map(|r| r.low),
            ci_high: ri.map(|r| r.high),
            enough_data,
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
}

fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

pub fn factors(cal: &Calendar, s: &Settings) -> Vec<FactorRow> {
    let diary_days: Vec<(&CheckIn, &Day)> = cal
        .days
        .iter()
        .filter_map(|d| d.checkin.map(|c| (c, d)))
        .collect();
    let mut rows = Vec::new();
    for factor in &FACTORS {
        for &outcome in factor.outcomes {
            let mut t = Table::default();
            for (checkin, day) in &diary_days {
                let hit = u32::from(outcome.on(day));
                match (factor.exposed)(checkin, s) {
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
            rows.push(FactorRow::from_table(factor.id, outcome, t, s));
        }
    }
    rows
}
