//! Episode counts are no longer the store's: every chart (Today's strip and body map, the
//! Patterns screen, the report) counts through `patterns::charts` from the episodes it loads,
//! so the three agree. `DayCount` stays only while `store/mod.rs` still names it.

use chrono::NaiveDate;

use crate::domain::Kind;

/// Live episodes of one kind on one local date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCount {
    pub date: NaiveDate,
    pub kind: Kind,
    pub episodes: u32,
}
