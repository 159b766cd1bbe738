//! Today's flag banner: the active flags, read from the diary as far back as the rules need
//! ([`crate::patterns::banner`] says how far), and the line that counts them.

use std::ops::RangeInclusive;

use chrono::NaiveDate;

use super::keymap::Keymap;
use crate::domain::summary::SummarySlice;
use crate::patterns::banner::{self, ActiveFlags};
use crate::patterns::{Level, Settings};
use crate::store::{Diary, StoreError};

/// The flags active on `as_of`, as the whole diary would show them.
pub fn active_flags(
    diary: &Diary,
    settings: &Settings,
    as_of: NaiveDate,
) -> Result<Option<ActiveFlags>, StoreError> {
    banner::active_flags(
        settings,
        as_of,
        &diary.medications()?,
        &diary.self_checks()?,
        |from, until| diary.summary_slice(Some(from), Some(until)),
        |wanted| diary.lean_episodes(wanted),
    )
}

/// [`active_flags`], reading what it needs from `recent` (the summary of the diary from
/// `recent_from` to `as_of`, with every self-check up to `as_of`) when it lies in it: Today
/// has the last 90 days in hand.
pub fn active_flags_with(
    diary: &Diary,
    settings: &Settings,
    as_of: NaiveDate,
    recent: &SummarySlice,
    recent_from: NaiveDate,
) -> Result<Option<ActiveFlags>, StoreError> {
    banner::active_flags(
        settings,
        as_of,
        &recent.medications,
        &recent.self_checks,
        |from, until| {
            if from < recent_from || until > as_of {
                return diary.summary_slice(Some(from), Some(until));
            }
            let period = from..=until;
            Ok(SummarySlice {
                days: dated_in(&recent.days, |d| d.date, &period),
                sites: dated_in(&recent.sites, |d| d.date, &period),
                triggers: dated_in(&recent.triggers, |d| d.date, &period),
                checkins: dated_in(&recent.checkins, |c| c.date, &period),
                medications: recent.medications.clone(),
                // The banner is given every self-check apart.
                self_checks: Vec::new(),
            })
        },
        |wanted| diary.lean_episodes(wanted),
    )
}

/// The rows of `rows` whose `date` lies in `days`.
fn dated_in<T: Clone>(
    rows: &[T],
    date: fn(&T) -> NaiveDate,
    days: &RangeInclusive<NaiveDate>,
) -> Vec<T> {
    rows.iter()
        .filter(|r| days.contains(&date(r)))
        .cloned()
        .collect()
}

/// "!!! 2 active flags, most serious urgent (seek prompt medical review) - press 4"; it fits in
/// 80 columns.
pub fn line(flags: ActiveFlags, keys: &Keymap) -> String {
    let s = if flags.count == 1 { "" } else { "s" };
    let key = keys.first_key("patterns");
    if flags.worst == Level::Notice {
        format!(
            "{} {} active notice{s}: worth watching, below a see-a-doctor threshold - press {key}",
            flags.worst.symbol(),
            flags.count,
        )
    } else {
        format!(
            "{} {} active flag{s}, most serious {} ({}) - press {key}",
            flags.worst.symbol(),
            flags.count,
            flags.worst.label(),
            flags.worst.meaning(),
        )
    }
}
