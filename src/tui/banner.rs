//! Today's flag banner: the active flags, read from the diary as far back as the rules need
//! ([`crate::patterns::banner`] says how far), and the line that counts them.

use chrono::NaiveDate;

use super::keymap::Keymap;
use crate::domain::DiarySlice;
use crate::patterns::banner::{self, ActiveFlags};
use crate::patterns::{Level, Settings};
use crate::store::{Diary, StoreError};

/// The flags active on `as_of`, as the whole diary would show them.
pub fn active_flags(
    diary: &Diary,
    settings: &Settings,
    as_of: NaiveDate,
) -> Result<Option<ActiveFlags>, StoreError> {
    let (medications, self_checks) = (diary.medications()?, diary.self_checks()?);
    banner::active_flags(
        settings,
        as_of,
        &medications,
        &self_checks,
        |from, until| diary.load_for_patterns(Some(from), Some(until)),
    )
}

/// [`active_flags`], reading what it needs from `recent` (the diary from `recent_from` to
/// `as_of`, loaded for the patterns, so with every self-check up to `as_of`) when it lies in
/// it: Today has the last 90 days in hand.
pub fn active_flags_with(
    diary: &Diary,
    settings: &Settings,
    as_of: NaiveDate,
    recent: &DiarySlice,
    recent_from: NaiveDate,
) -> Result<Option<ActiveFlags>, StoreError> {
    // Every self-check, however old: a red flag stays active until a later one clears it.
    let self_checks = diary.self_checks()?;
    banner::active_flags(
        settings,
        as_of,
        &recent.medications,
        &self_checks,
        |from, until| {
            if from < recent_from || until > as_of {
                return diary.load_for_patterns(Some(from), Some(until));
            }
            let within = |d: NaiveDate| (from..=until).contains(&d);
            Ok(DiarySlice {
                episodes: (recent.episodes.iter())
                    .filter(|e| within(e.local_date()))
                    .cloned()
                    .collect(),
                checkins: (recent.checkins.iter())
                    .filter(|c| within(c.date))
                    .cloned()
                    .collect(),
                medications: recent.medications.clone(),
                self_checks: (recent.self_checks.iter())
                    .filter(|c| within(c.date))
                    .cloned()
                    .collect(),
                // The banner's rules read no experiment.
                experiments: Vec::new(),
            })
        },
    )
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
