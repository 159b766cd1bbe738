//! The clock the UI computes "now", "today" and "-20m" from: fixed in tests, local in use.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::domain::Clock;

/// Either clock the diary core knows, so the app need not be generic over a time zone.
#[derive(Debug, Clone)]
pub enum AppClock {
    Fixed(Clock<FixedOffset>),
    Local(Clock<Local>),
}

impl From<Clock<FixedOffset>> for AppClock {
    fn from(c: Clock<FixedOffset>) -> Self {
        AppClock::Fixed(c)
    }
}

impl From<Clock<Local>> for AppClock {
    fn from(c: Clock<Local>) -> Self {
        AppClock::Local(c)
    }
}

impl AppClock {
    pub fn today(&self) -> NaiveDate {
        match self {
            AppClock::Fixed(c) => c.today(),
            AppClock::Local(c) => c.today(),
        }
    }

    pub fn now_fixed(&self) -> DateTime<FixedOffset> {
        match self {
            AppClock::Fixed(c) => c.now_fixed(),
            AppClock::Local(c) => c.now_fixed(),
        }
    }

    pub fn now_utc(&self) -> DateTime<Utc> {
        self.now_fixed().with_timezone(&Utc)
    }

    pub fn parse_when(&self, s: &str) -> Result<DateTime<FixedOffset>, String> {
        match self {
            AppClock::Fixed(c) => c.parse_when(s),
            AppClock::Local(c) => c.parse_when(s),
        }
    }

    pub fn parse_start(&self, s: &str) -> Result<DateTime<FixedOffset>, String> {
        match self {
            AppClock::Fixed(c) => c.parse_start(s),
            AppClock::Local(c) => c.parse_start(s),
        }
    }

    pub fn parse_day(&self, s: &str) -> Result<NaiveDate, String> {
        match self {
            AppClock::Fixed(c) => c.parse_day(s),
            AppClock::Local(c) => c.parse_day(s),
        }
    }

    /// The instant a local date begins (see [`Clock::start_of_day`]).
    pub fn day_start_utc(&self, day: NaiveDate) -> DateTime<Utc> {
        let start = match self {
            AppClock::Fixed(c) => c.start_of_day(day),
            AppClock::Local(c) => c.start_of_day(day),
        };
        // Only a zone without a single instant from that midnight to the next has no start.
        start.map_or_else(
            |_| Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN)),
            |t| t.with_timezone(&Utc),
        )
    }
}
