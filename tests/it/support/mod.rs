//! What the tests share: one clock, and builders for the command line (`cli`), pattern diaries
//! (`patterns`), reports (`report`) and the terminal UI (`tui`).

pub mod cli;
pub mod patterns;
pub mod report;
pub mod tui;

use chrono::{DateTime, FixedOffset, Utc};

/// The one clock every test runs at unless it says otherwise: Wednesday 25 November 2026,
/// 10:15 local time. The command-line tests run in Europe/London (UTC+0 in November); the UI
/// tests in UTC+1, so that local and UTC dates differ somewhere.
pub const WALL_CLOCK: &str = "2026-11-25T10:15:00";

/// The clock in London, as `MYOLOG_NOW` takes it.
pub const NOW: &str = "2026-11-25T10:15:00Z";

/// The clock as a UTC instant in London.
pub fn now_utc() -> DateTime<Utc> {
    at_offset("+00:00").with_timezone(&Utc)
}

/// The wall clock in a zone `offset` ("+01:00") from UTC.
pub fn at_offset(offset: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{WALL_CLOCK}{offset}"))
        .unwrap_or_else(|e| panic!("bad offset {offset}: {e}"))
}
