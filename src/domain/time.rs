//! The WHEN, DAY and DUR forms of DOMAIN.md section 6, read in the local time zone.
//!
//! Everything is computed from an injected "now", so tests are deterministic. Local times that
//! do not exist (clocks went forward) or happened twice (clocks went back) are refused with a
//! message that says so, rather than shifted silently.

use chrono::{
    DateTime, Days, FixedOffset, Local, LocalResult, NaiveDate, NaiveDateTime, NaiveTime,
    TimeDelta, TimeZone, Timelike,
};

use super::{EpisodeField, InputError, Invalid};

/// The clock every "now", "today" and "-2h" is computed from.
#[derive(Debug, Clone)]
pub struct Clock<Tz: TimeZone> {
    pub now: DateTime<Tz>,
}

impl<Tz: TimeZone> Clock<Tz>
where
    Tz::Offset: Copy,
{
    pub fn new(now: DateTime<Tz>) -> Self {
        Clock { now }
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// The instant as the diary stores it: UTC plus the offset in force.
    pub fn now_fixed(&self) -> DateTime<FixedOffset> {
        self.now.fixed_offset()
    }

    /// Parses WHEN: `now`, `today`, `yesterday`, `HH:MM`, `yesterday HH:MM`, `YYYY-MM-DD`,
    /// `YYYY-MM-DD HH:MM`, RFC 3339, or relative `-2h`, `-30m`, `-3d`, `-1h30m` (the minus
    /// may be left out: `30d` is thirty days ago). Nothing before [`EARLIEST_YEAR`].
    pub fn parse_when(&self, input: &str) -> Result<DateTime<FixedOffset>, String> {
        let t = self.parse_any_when(input)?;
        not_too_early(t.date_naive(), input.trim())?;
        Ok(t)
    }

    /// Parses an episode's start: a WHEN with a time of day. A day alone (`2026-11-02`,
    /// `yesterday`, `today`) is refused rather than read as midnight: a time would be made up,
    /// and a cramp's time says whether it was a night cramp (21:00 to 06:59).
    pub fn parse_start(&self, input: &str) -> Result<DateTime<FixedOffset>, String> {
        let s = input.trim();
        let lower = s.to_lowercase();
        let example = match lower.as_str() {
            "today" => Some("HH:MM (today)".to_string()),
            "yesterday" => Some("'yesterday HH:MM'".to_string()),
            _ if looks_like_date(s) => Some(format!("'{s} HH:MM'")),
            _ => None,
        };
        if let Some(example) = example {
            // A date that does not exist keeps its own message.
            self.parse_when(s)?;
            return Err(format!(
                "'{s}' is a day without a time of day; an episode needs one, since a cramp from 21:00 to 06:59 is a night cramp: give {example}, or now, -2h"
            ));
        }
        // What a start may be: the day-only forms are left out of what is accepted.
        self.parse_when(s)
            .map_err(|e| e.replace(WHEN_FORMS, START_FORMS))
    }

    fn parse_any_when(&self, input: &str) -> Result<DateTime<FixedOffset>, String> {
        let s = input.trim();
        let lower = s.to_lowercase();
        match lower.as_str() {
            "" => return Err(WHEN_FORMS.to_string()),
            "now" => return Ok(self.now_fixed()),
            "today" => return self.local(self.today().and_time(NaiveTime::MIN), s),
            "yesterday" => return self.local(self.yesterday()?.and_time(NaiveTime::MIN), s),
            _ => {}
        }
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Ok(t);
        }
        if let Some(rest) = lower.strip_prefix("yesterday") {
            let time = parse_hhmm(rest.trim())
                .ok_or_else(|| format!("'{s}' is not a time; {WHEN_FORMS}"))?;
            return self.local(self.yesterday()?.and_time(time), s);
        }
        if let Some(time) = parse_hhmm(s) {
            return self.local(self.today().and_time(time), s);
        }
        for format in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
            if let Ok(naive) = NaiveDateTime::parse_from_str(s, format) {
                return self.local(naive, s);
            }
        }
        if looks_like_date(s) {
            let day = parse_date(s)?;
            return self.local(day.and_time(NaiveTime::MIN), s);
        }
        let relative = lower.strip_prefix('-').unwrap_or(&lower);
        if let Some(days) = days_back(&lower) {
            let day = self
                .today()
                .checked_sub_days(Days::new(days))
                .ok_or_else(|| format!("'{s}' is too far back"))?;
            let naive = day.and_time(self.now.naive_local().time());
            // Same wall-clock time that many days ago; across a clock change, the exact span.
            return match self.now.timezone().from_local_datetime(&naive) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.fixed_offset()),
                LocalResult::None => Ok((self.now - TimeDelta::days(days as i64)).fixed_offset()),
            };
        }
        if let Ok(span) = parse_duration(relative) {
            // Subtracted in the zone, so the offset is the one in force then, not now.
            return Ok((self.now - TimeDelta::seconds(i64::from(span))).fixed_offset());
        }
        Err(format!("'{s}' is not a time; {WHEN_FORMS}"))
    }

    /// Parses DAY: `today`, `yesterday`, `YYYY-MM-DD`, or `-3d` (three days ago; as in WHEN the
    /// minus may be left out). Nothing before [`EARLIEST_YEAR`].
    pub fn parse_day(&self, input: &str) -> Result<NaiveDate, String> {
        let day = self.parse_any_day(input)?;
        not_too_early(day, input.trim())?;
        Ok(day)
    }

    /// Parses the DAY a period starts on (`--since`): as [`Clock::parse_day`], except that a
    /// number of days means the last that many days, today included, so `--since 90d` is a
    /// period of 90 days as the screens' "last 90 days" is (and not 91).
    pub fn parse_since(&self, input: &str) -> Result<NaiveDate, String> {
        let s = input.trim();
        match days_back(s) {
            Some(days) if days > 0 => self.parse_day(&format!("{}d", days - 1)),
            _ => self.parse_day(s),
        }
    }

    fn parse_any_day(&self, input: &str) -> Result<NaiveDate, String> {
        let s = input.trim();
        match s.to_lowercase().as_str() {
            "today" => return Ok(self.today()),
            "yesterday" => return self.yesterday(),
            _ => {}
        }
        if let Some(days) = days_back(s) {
            return self
                .today()
                .checked_sub_days(Days::new(days))
                .ok_or_else(|| format!("'{s}' is too far back"));
        }
        if looks_like_date(s) {
            return parse_date(s);
        }
        Err(format!("'{s}' is not a day; {DAY_FORMS}"))
    }

    /// The first instant of a local date: its midnight, or the first minute after a clock
    /// change that skipped midnight. Days are not always 24 hours long.
    pub fn start_of_day(&self, day: NaiveDate) -> Result<DateTime<FixedOffset>, String> {
        let tz = self.now.timezone();
        (0..=24 * 60)
            .find_map(|minute| {
                let naive = day.and_time(NaiveTime::MIN) + TimeDelta::minutes(minute);
                tz.from_local_datetime(&naive).earliest()
            })
            .map(|t| t.fixed_offset())
            .ok_or_else(|| format!("{day} has no start in the local time zone"))
    }

    fn yesterday(&self) -> Result<NaiveDate, String> {
        self.today()
            .pred_opt()
            .ok_or_else(|| "yesterday is out of range".to_string())
    }

    /// A local wall-clock time as an instant, refusing gaps and overlaps.
    fn local(&self, naive: NaiveDateTime, input: &str) -> Result<DateTime<FixedOffset>, String> {
        match self.now.timezone().from_local_datetime(&naive) {
            LocalResult::Single(t) => Ok(t.fixed_offset()),
            LocalResult::None => Err(format!(
                "{input} does not exist in the local time zone (the clocks went forward then); \
                 give a time after the change"
            )),
            LocalResult::Ambiguous(a, b) => {
                let (a, b) = (a.fixed_offset(), b.fixed_offset());
                Err(format!(
                    "{input} happened twice in the local time zone (the clocks went back); \
                     say which with its offset: {} or {}",
                    a.to_rfc3339(),
                    b.to_rfc3339()
                ))
            }
        }
    }
}

pub const WHEN_FORMS: &str = "accepted: now, today, yesterday, HH:MM, 'yesterday HH:MM', \
     YYYY-MM-DD, 'YYYY-MM-DD HH:MM', RFC 3339, or -2h, -30m, -3d";
/// What an episode's start accepts: WHEN with a time of day.
pub const START_FORMS: &str = "accepted: now, HH:MM, 'yesterday HH:MM', 'YYYY-MM-DD HH:MM', \
     RFC 3339, or -2h, -30m, -3d";
pub const DAY_FORMS: &str = "accepted: today, yesterday, YYYY-MM-DD, or -3d";
pub const DUR_FORMS: &str = "accepted: 45s, 3m, 1h30m or a number of seconds, up to 24h";

/// The earliest year a date in the diary may have: nobody alive logged a twitch before it,
/// and years before 1 do not survive the formats others read (FHIR, CSV in a spreadsheet).
pub const EARLIEST_YEAR: i32 = 1900;

/// Refuses a date before [`EARLIEST_YEAR`], quoting the input that gave it.
pub fn not_too_early(date: NaiveDate, input: &str) -> Result<(), String> {
    use chrono::Datelike;
    if date.year() < EARLIEST_YEAR {
        return Err(format!(
            "'{input}' is {date}, before {EARLIEST_YEAR}; accepted: dates from {EARLIEST_YEAR}-01-01 on"
        ));
    }
    Ok(())
}

/// How far ahead of now a start time may be (a clock a little fast is no reason to refuse).
pub const FUTURE_SLACK_MIN: i64 = 5;

/// Refuses an episode start in the future.
pub fn check_not_future(
    start: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> Result<(), Invalid> {
    if start > now + TimeDelta::minutes(FUTURE_SLACK_MIN) {
        return Err(Invalid::new(
            EpisodeField::Start,
            format!("{} is in the future", start.format("%Y-%m-%d %H:%M")),
        ));
    }
    Ok(())
}

/// The clock of this machine, in the local time zone (`TZ`), to the second; or the time
/// `MYOLOG_NOW` gives (RFC 3339), so tests and demos are repeatable.
pub fn system_clock() -> Result<Clock<Local>, InputError> {
    let now = match std::env::var("MYOLOG_NOW") {
        Ok(s) => DateTime::parse_from_rfc3339(&s)
            .map_err(|_| InputError::new("MYOLOG_NOW", format!("'{s}' is not an RFC 3339 time")))?
            .with_timezone(&Local),
        Err(_) => Local::now(),
    };
    Ok(Clock::new(now.with_nanosecond(0).unwrap_or(now)))
}

/// The longest duration an episode may have.
pub const MAX_DURATION_S: u32 = 24 * 3600;

/// `3d` or `-3d`: that many days back. Only digits before the `d`: `+5d` reads as days ahead
/// to a person, and a number parser that took its `+` made it five days back.
fn days_back(s: &str) -> Option<u64> {
    let n = s.strip_suffix('d')?;
    let n = n.strip_prefix('-').unwrap_or(n);
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok()
}

fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    let (h, m) = s.split_once(':')?;
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if h.is_empty() || h.len() > 2 || m.len() != 2 || !digits(h) || !digits(m) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-'
}

/// `YYYY-MM-DD`, with a message that tells a malformed date from one that does not exist.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        if looks_like_date(s)
            && s.bytes()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        {
            format!("{s} is not a date that exists")
        } else {
            format!("'{s}' is not a date; accepted: YYYY-MM-DD")
        }
    })
}

/// Parses DUR: `45s`, `3m`, `1h30m`, `2h`, or a plain number of seconds; at most 24 hours.
pub fn parse_duration(input: &str) -> Result<u32, String> {
    let s = input.trim().to_lowercase();
    let bad = || format!("'{}' is not a duration; {DUR_FORMS}", input.trim());
    if s.is_empty() {
        return Err(bad());
    }
    let total: u64 = if s.bytes().all(|c| c.is_ascii_digit()) {
        s.parse().map_err(|_| bad())?
    } else {
        let mut total = 0u64;
        let mut number = String::new();
        let mut last_rank = 0;
        for c in s.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let (rank, unit) = match c {
                'h' => (1, 3600),
                'm' => (2, 60),
                's' => (3, 1),
                _ => return Err(bad()),
            };
            // Units must come in order, once each: 1h30m, not 30m1h or 1h1h.
            if number.is_empty() || rank <= last_rank || number.len() > 6 {
                return Err(bad());
            }
            last_rank = rank;
            total += number.parse::<u64>().map_err(|_| bad())? * unit;
            number.clear();
        }
        if !number.is_empty() {
            return Err(bad());
        }
        total
    };
    if total > u64::from(MAX_DURATION_S) {
        return Err(format!(
            "'{}' is longer than 24h; {DUR_FORMS}",
            input.trim()
        ));
    }
    Ok(total as u32)
}

/// A duration the way a person reads it: `45s`, `3m`, `1h30m`.
pub fn format_duration(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> Clock<FixedOffset> {
        let now = DateTime::parse_from_rfc3339("2026-11-25T10:15:00+01:00").unwrap();
        Clock::new(now)
    }

    #[test]
    fn a_period_of_n_days_since_nd_holds_n_days_today_included() {
        let c = clock();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // The 90 days ending on 2026-11-25 start on 2026-08-28.
        assert_eq!(c.parse_since("90d"), Ok(day("2026-08-28")));
        assert_eq!(c.parse_since("-90d"), Ok(day("2026-08-28")));
        assert_eq!(c.parse_since("1d"), Ok(day("2026-11-25")));
        // Other forms are the day they name; a day ago stays a day ago for --as-of.
        assert_eq!(c.parse_since("0d"), Ok(day("2026-11-25")));
        assert_eq!(c.parse_since("2026-08-01"), Ok(day("2026-08-01")));
        assert_eq!(c.parse_day("90d"), Ok(day("2026-08-27")));
    }

    #[test]
    fn when_forms() {
        let c = clock();
        for (when, at) in [
            ("now", "2026-11-25T10:15:00+01:00"),
            ("08:05", "2026-11-25T08:05:00+01:00"),
            ("yesterday 23:10", "2026-11-24T23:10:00+01:00"),
            ("2026-02-03", "2026-02-03T00:00:00+01:00"),
            ("2026-02-03 07:45", "2026-02-03T07:45:00+01:00"),
            ("2026-02-03T07:45:00Z", "2026-02-03T07:45:00+00:00"),
            ("-2h", "2026-11-25T08:15:00+01:00"),
            ("-30m", "2026-11-25T09:45:00+01:00"),
            ("-1h30m", "2026-11-25T08:45:00+01:00"),
            ("-3d", "2026-11-22T10:15:00+01:00"),
            ("30d", "2026-10-26T10:15:00+01:00"),
            ("today", "2026-11-25T00:00:00+01:00"),
        ] {
            assert_eq!(c.parse_when(when).unwrap().to_rfc3339(), at, "{when}");
        }
    }

    /// An episode's start needs a time of day: a day alone is refused, naming the form that
    /// would do; a day and a time, or a time alone, are read as `parse_when` reads them.
    #[test]
    fn a_start_needs_a_time_of_day() {
        let c = clock();
        for (day, example) in [
            ("2026-11-02", "'2026-11-02 HH:MM'"),
            ("yesterday", "'yesterday HH:MM'"),
            ("Today", "HH:MM (today)"),
        ] {
            let err = c.parse_start(day).unwrap_err();
            assert!(err.contains("without a time of day"), "{day}: {err}");
            assert!(err.contains(example), "{day}: {err}");
        }
        assert!(
            c.parse_start("2026-02-30")
                .unwrap_err()
                .contains("not a date that exists")
        );
        for when in ["2026-11-02 00:00", "00:00", "yesterday 03:10", "-3d", "now"] {
            assert_eq!(c.parse_start(when), c.parse_when(when), "{when}");
        }
    }

    #[test]
    fn bad_when_says_what_is_accepted() {
        let c = clock();
        for bad in [
            "",
            "soon",
            "25:00",
            "yesterday 25:00",
            "2026-02-30",
            "2026-13-01 10:00",
            "yesterday 7",
        ] {
            let err = c.parse_when(bad).unwrap_err();
            assert!(
                err.contains("accepted") || err.contains("not a date that exists"),
                "{bad}: {err}"
            );
        }
        assert!(
            c.parse_when("2026-02-30")
                .unwrap_err()
                .contains("not a date that exists")
        );
        // Each refusal names what was given, and a start's names only forms with a time.
        let err = c.parse_when("yesterday 25:00").unwrap_err();
        assert!(err.starts_with("'yesterday 25:00' is not a time;"), "{err}");
        let err = c.parse_start("soon").unwrap_err();
        assert!(
            err.starts_with("'soon' is not a time; accepted: now, HH:MM,"),
            "{err}"
        );
        assert!(!err.contains("YYYY-MM-DD,"), "{err}");
    }

    #[test]
    fn day_forms() {
        let c = clock();
        assert_eq!(c.parse_day("today").unwrap().to_string(), "2026-11-25");
        assert_eq!(c.parse_day("yesterday").unwrap().to_string(), "2026-11-24");
        assert_eq!(c.parse_day("-7d").unwrap().to_string(), "2026-11-18");
        assert_eq!(c.parse_day("30d").unwrap().to_string(), "2026-10-26");
        assert_eq!(c.parse_day("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert!(
            c.parse_day("2025-02-29")
                .unwrap_err()
                .contains("not a date that exists")
        );
        assert!(
            c.parse_day("tomorrow-ish")
                .unwrap_err()
                .contains("accepted")
        );
    }

    #[test]
    fn durations() {
        for (dur, seconds) in [
            ("45s", 45),
            ("3m", 180),
            ("1h30m", 5400),
            ("90", 90),
            ("24h", 86400),
        ] {
            assert_eq!(parse_duration(dur), Ok(seconds), "{dur}");
        }
        for bad in ["", "3x", "m", "30m1h", "1h1h", "-5", "25h", "1.5m"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(format_duration(5400), "1h30m");
        assert_eq!(format_duration(45), "45s");
        assert_eq!(format_duration(0), "0s");
    }

    /// A zone with one stretch of summer time, `from` to `to` (UTC), as tzdata would give it.
    #[derive(Debug, Clone, Copy)]
    struct Zone {
        winter_s: i32,
        summer_s: i32,
        from: NaiveDateTime,
        to: NaiveDateTime,
    }

    #[derive(Debug, Clone, Copy)]
    struct ZoneOffset(Zone, FixedOffset);

    impl chrono::Offset for ZoneOffset {
        fn fix(&self) -> FixedOffset {
            self.1
        }
    }

    impl TimeZone for Zone {
        type Offset = ZoneOffset;

        fn from_offset(offset: &ZoneOffset) -> Zone {
            offset.0
        }

        fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
            self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
        }

        fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
            // Each offset that, taken off the wall clock, lands on an instant where it is in force;
            // summer first, so the earlier instant comes first.
            let fits: Vec<ZoneOffset> = [self.summer_s, self.winter_s]
                .into_iter()
                .map(|s| FixedOffset::east_opt(s).unwrap())
                .filter(|o| {
                    let utc = *local - TimeDelta::seconds(o.local_minus_utc().into());
                    self.offset_from_utc_datetime(&utc).1 == *o
                })
                .map(|o| ZoneOffset(*self, o))
                .collect();
            match (fits.first(), fits.get(1)) {
                (Some(a), Some(b)) => LocalResult::Ambiguous(*a, *b),
                (Some(a), None) => LocalResult::Single(*a),
                _ => LocalResult::None,
            }
        }

        fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
            self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
        }

        fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
            let summer = (self.from..self.to).contains(utc);
            let s = if summer { self.summer_s } else { self.winter_s };
            ZoneOffset(*self, FixedOffset::east_opt(s).unwrap())
        }
    }

    fn utc(s: &str) -> NaiveDateTime {
        DateTime::parse_from_rfc3339(s).unwrap().naive_utc()
    }

    /// Europe/London in 2026: BST from 01:00 GMT on 29 March to 01:00 GMT on 25 October.
    fn london() -> Clock<Zone> {
        let zone = Zone {
            winter_s: 0,
            summer_s: 3600,
            from: utc("2026-03-29T01:00:00Z"),
            to: utc("2026-10-25T01:00:00Z"),
        };
        Clock::new(zone.from_utc_datetime(&utc("2026-06-01T12:00:00Z")))
    }

    #[test]
    fn a_day_starts_at_its_first_instant_across_clock_changes() {
        let c = london();
        let start = |d: &str| c.start_of_day(parse_date(d).unwrap()).unwrap();
        let hours = |d: &str, next: &str| (start(next) - start(d)).num_hours();
        // Midnight exists on both change days in London (the clocks change at 01:00 GMT).
        for (day, first) in [
            ("2026-03-29", "2026-03-29T00:00:00+00:00"),
            ("2026-03-30", "2026-03-30T00:00:00+01:00"),
            ("2026-10-25", "2026-10-25T00:00:00+01:00"),
            ("2026-10-26", "2026-10-26T00:00:00+00:00"),
        ] {
            assert_eq!(start(day).to_rfc3339(), first);
        }
        // Spring forward: 29 March has 23 hours; autumn's 25 October has 25.
        assert_eq!(hours("2026-03-29", "2026-03-30"), 23);
        assert_eq!(hours("2026-10-25", "2026-10-26"), 25);
        assert_eq!(hours("2026-06-01", "2026-06-02"), 24);
        // Where the clocks go forward at midnight (Chile, Lebanon), the day starts at 01:00:
        // neither at a midnight that never happened nor at UTC's.
        let zone = Zone {
            winter_s: -4 * 3600,
            summer_s: -3 * 3600,
            from: utc("2026-09-06T04:00:00Z"),
            to: utc("2027-04-04T03:00:00Z"),
        };
        let c = Clock::new(zone.from_utc_datetime(&utc("2026-09-10T12:00:00Z")));
        let day = parse_date("2026-09-06").unwrap();
        assert_eq!(
            c.start_of_day(day).unwrap().to_rfc3339(),
            "2026-09-06T01:00:00-03:00"
        );
    }
}
