//! The periods the Patterns and Export screens look at, ending today: the last 30, 90 or 365
//! days, or the whole diary.

use chrono::{Days, NaiveDate};

use super::select;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Last30,
    Last90,
    Last365,
    All,
}

impl Period {
    pub const ALL: [Period; 4] = [Period::Last30, Period::Last90, Period::Last365, Period::All];

    /// The period in a word or two, for the selectors.
    pub fn short_label(self) -> &'static str {
        match self {
            Period::Last30 => "30 days",
            Period::Last90 => "90 days",
            Period::Last365 => "365 days",
            Period::All => "all",
        }
    }

    /// The first day of the period ending on `as_of`; `None` for the whole diary.
    pub fn since(self, as_of: NaiveDate) -> Option<NaiveDate> {
        let days = match self {
            Period::Last30 => 30,
            Period::Last90 => 90,
            Period::Last365 => 365,
            Period::All => return None,
        };
        as_of.checked_sub_days(Days::new(days - 1))
    }

    /// The next period (the previous one when not `forward`), round from the end.
    pub fn step(self, forward: bool) -> Period {
        select::step(&Period::ALL, self, forward)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_step_round_and_end_on_the_as_of_date() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(
            Period::Last30.since(d),
            NaiveDate::from_ymd_opt(2026, 10, 27)
        );
        assert_eq!(Period::All.since(d), None);
        assert_eq!(Period::All.step(true), Period::Last30);
        assert_eq!(Period::Last30.step(false), Period::All);
    }
}
