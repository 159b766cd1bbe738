//! The active flags for Today's banner: how many and the most serious level, found from only as
//! much of the diary as the rules need to tell whether they are active. The rules know how far
//! back that is, so the ranges are chosen here; the caller reads them (from the store) through
//! the function it passes in.

use chrono::{Days, NaiveDate};

use super::{Findings, Level, RuleId, Settings};
use crate::catalog::catalog;
use crate::domain::summary::{DayEpisodes, LeanEpisode, SummarySlice};
use crate::domain::{Medication, SelfCheck};

/// How many flags are active on the as-of date, and the most serious of their levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActiveFlags {
    pub count: usize,
    pub worst: Level,
}

impl ActiveFlags {
    /// The active flags of `findings`; `None` when none is active.
    pub fn of(findings: &Findings) -> Option<ActiveFlags> {
        let worst = findings.active_flags().map(|f| f.level).min()?;
        Some(ActiveFlags {
            count: findings.active_flags().count(),
            worst,
        })
    }
}

/// The flags active on `as_of`. `read(from, until)` gives the summary of the diary's dates from
/// `from` to `until` (inclusive), `episodes_on` the episodes the evidence names (see
/// [`super::wanted`]); `medications` and `self_checks` are all of the diary's: a red flag a
/// self-check reported stays active until a later self-check no longer reports it, however
/// long ago it was (self-checks are few; reading them all is cheap).
///
/// Every rule but two looks back at most `active_within_days` plus its window.
/// `medication_onset` needs the days around the start of a medicine still taken: those are read
/// as a second range (the days between cannot change that flag, nor make any other flag
/// active). `twitch_persistent` needs the whole of a spell still going on (its level depends on
/// all its days), so the recent range reaches back until the spell's first day stays put. (One
/// difference from reading the whole diary remains, by the rule's design:
/// `twitch_multiple_places` is not shown when `twitch_widespread` fired earlier in the period,
/// and that earlier time may lie outside these ranges.)
pub fn active_flags<E>(
    s: &Settings,
    as_of: NaiveDate,
    medications: &[Medication],
    self_checks: &[SelfCheck],
    read: impl FnMut(NaiveDate, NaiveDate) -> Result<SummarySlice, E>,
    episodes_on: impl FnMut(&[DayEpisodes]) -> Result<Vec<LeanEpisode>, E>,
) -> Result<Option<ActiveFlags>, E> {
    Ok(ActiveFlags::of(&findings_for_active(
        s,
        as_of,
        medications,
        self_checks,
        read,
        episodes_on,
    )?))
}

/// The findings [`active_flags`] counts, read the same way: its active flags are those the
/// whole diary would show as active on `as_of` (flags no longer active may be missing).
pub fn findings_for_active<E>(
    s: &Settings,
    as_of: NaiveDate,
    medications: &[Medication],
    self_checks: &[SelfCheck],
    mut read: impl FnMut(NaiveDate, NaiveDate) -> Result<SummarySlice, E>,
    mut episodes_on: impl FnMut(&[DayEpisodes]) -> Result<Vec<LeanEpisode>, E>,
) -> Result<Findings, E> {
    let window = s.spread_window_days.max(s.nocturnal_window_days);
    let reach = u64::from(
        (s.active_within_days + window + 2)
            .max(s.persistent_min_span_days + 2 * s.spell_max_gap_days + 2),
    );
    let mut since = as_of
        .checked_sub_days(Days::new(reach))
        .unwrap_or(NaiveDate::MIN);
    let around_starts = medication_windows(s, as_of, medications);
    let mut previous_first = None;
    loop {
        let mut slice = SummarySlice::default();
        let (earlier, recent_from) = ranges(&around_starts, since);
        for (from, until) in earlier {
            slice.extend(read(from, until)?);
        }
        slice.extend(read(recent_from, as_of)?);
        let findings = evaluate(slice, s, as_of, self_checks, &mut episodes_on)?;
        // A spell still going on that starts at the edge of the range may reach further back:
        // widen until its first day stays put.
        let spell_first = findings
            .active_flags()
            .find(|f| f.id == RuleId::TwitchPersistent)
            .and_then(|f| f.evidence.spell_first);
        let at_edge = spell_first
            .is_some_and(|first| (first - since).num_days() <= i64::from(s.spell_max_gap_days));
        if !at_edge || spell_first == previous_first || since == NaiveDate::MIN {
            return raise_levels(findings, s, as_of, since, self_checks, read, episodes_on);
        }
        previous_first = spell_first;
        let span = (as_of - since).num_days().max(1) as u64;
        since = since
            .checked_sub_days(Days::new(span))
            .unwrap_or(NaiveDate::MIN);
    }
}

/// The findings of `slice` on `as_of`, with every self-check up to then (a red flag lasts until
/// a later self-check clears it) and the episodes the evidence names.
fn evaluate<E>(
    mut slice: SummarySlice,
    s: &Settings,
    as_of: NaiveDate,
    self_checks: &[SelfCheck],
    episodes_on: &mut impl FnMut(&[DayEpisodes]) -> Result<Vec<LeanEpisode>, E>,
) -> Result<Findings, E> {
    slice.self_checks = (self_checks.iter())
        .filter(|c| c.date <= as_of)
        .cloned()
        .collect();
    let episodes = episodes_on(&super::wanted(&slice, s, as_of))?;
    Ok(super::evaluate_summary(&slice, &episodes, s, as_of))
}

/// The rules whose level depends on the occurrence (twitching that persists with an obvious
/// trigger is worth watching, without one it is a see-a-doctor matter): a rule's level is the
/// highest of every occurrence (DOMAIN.md section 4), and an earlier one may lie before the
/// recent range read.
const LEVEL_VARIES: [RuleId; 1] = [RuleId::TwitchPersistent];

/// `findings` with each active flag of a [`LEVEL_VARIES`] rule below the highest level at the
/// level the whole diary up to `as_of` gives it, read only when such a flag is active and the
/// diary reaches back before `since`.
fn raise_levels<E>(
    mut findings: Findings,
    s: &Settings,
    as_of: NaiveDate,
    since: NaiveDate,
    self_checks: &[SelfCheck],
    mut read: impl FnMut(NaiveDate, NaiveDate) -> Result<SummarySlice, E>,
    mut episodes_on: impl FnMut(&[DayEpisodes]) -> Result<Vec<LeanEpisode>, E>,
) -> Result<Findings, E> {
    let below = |f: &super::Flag| LEVEL_VARIES.contains(&f.id) && f.level != Level::Urgent;
    if since == NaiveDate::MIN || !findings.active_flags().any(below) {
        return Ok(findings);
    }
    let all = evaluate(
        read(NaiveDate::MIN, as_of)?,
        s,
        as_of,
        self_checks,
        &mut episodes_on,
    )?;
    for flag in findings.flags.iter_mut().filter(|f| f.active && below(f)) {
        if let Some(earlier) = all.flags.iter().find(|f| f.id == flag.id) {
            flag.level = flag.level.min(earlier.level);
        }
    }
    Ok(findings)
}

/// The days around the start of each medicine still taken on `as_of` whose class
/// `medication_onset` names, sorted.
fn medication_windows(
    s: &Settings,
    as_of: NaiveDate,
    medications: &[Medication],
) -> Vec<(NaiveDate, NaiveDate)> {
    let window = Days::new(u64::from(s.medication_window_days));
    let mut windows: Vec<(NaiveDate, NaiveDate)> = medications
        .iter()
        .filter(|m| m.start <= as_of && m.active_on(as_of))
        .filter(|m| {
            catalog()
                .medication_class(&m.class)
                .is_some_and(|c| c.flagged)
        })
        .map(|m| {
            (
                m.start.checked_sub_days(window).unwrap_or(NaiveDate::MIN),
                m.start.checked_add_days(window).unwrap_or(NaiveDate::MAX),
            )
        })
        .collect();
    windows.sort();
    windows
}

/// The ranges to read for the recent days from `since` and the earlier `windows` (sorted):
/// windows that reach the recent range join it (moving its start back), the others are merged
/// where they overlap and cut to end before it. Returns the earlier ranges, oldest first, and
/// the first day of the recent range.
fn ranges(
    windows: &[(NaiveDate, NaiveDate)],
    since: NaiveDate,
) -> (Vec<(NaiveDate, NaiveDate)>, NaiveDate) {
    let next = |d: NaiveDate| d.succ_opt().unwrap_or(d);
    let mut since = since;
    let mut earlier: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for &(from, until) in windows.iter().rev() {
        if next(until) >= since {
            since = since.min(from);
        } else {
            earlier.push((from, until));
        }
    }
    earlier.reverse();
    let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for (from, until) in earlier {
        match merged.last_mut() {
            Some(last) if from <= next(last.1) => last.1 = last.1.max(until),
            _ => merged.push((from, until)),
        }
    }
    let before_since = since.pred_opt().unwrap_or(since);
    let earlier = merged
        .into_iter()
        .filter(|r| r.0 < since)
        .map(|(from, until)| (from, until.min(before_since)))
        .collect();
    (earlier, since)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_join_the_recent_range_or_are_read_apart_merged() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let span = |from: &str, until: &str| (day(from), day(until));
        let windows = [
            span("2026-01-01", "2026-02-10"),
            span("2026-02-01", "2026-03-01"),
            span("2026-06-01", "2026-07-02"),
            span("2026-10-10", "2026-11-20"),
        ];
        // The last window reaches the recent days and joins them; the first two overlap.
        let earlier = vec![
            span("2026-01-01", "2026-03-01"),
            span("2026-06-01", "2026-07-02"),
        ];
        let expected = (earlier, day("2026-10-10"));
        assert_eq!(ranges(&windows, day("2026-10-20")), expected);
        // A window that ends the day before the recent days joins them too.
        let expected = (vec![span("2026-01-01", "2026-03-01")], day("2026-06-01"));
        assert_eq!(ranges(&windows, day("2026-07-03")), expected);
    }
}
