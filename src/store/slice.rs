//! Loading a whole period at once, for pattern rules and reports.

use chrono::NaiveDate;

use super::pages::local_days;
use super::{Diary, Result, episodes};
use crate::domain::DiarySlice;

impl Diary {
    /// Episodes, check-ins and self-checks whose local date is from `since` to `until`
    /// inclusive (either open), and every medication, in one read transaction so they agree.
    pub fn load(&self, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<DiarySlice> {
        self.load_with(since, until, true, SelfChecks::InPeriod)
    }

    /// The period as [`Diary::load`] reads it without the episodes (the slice's are empty), and
    /// with every self-check up to `until` (the report shows the period's, and those behind a
    /// red flag still active): for a reader that folds the episodes one at a time
    /// ([`Diary::for_each_episode_in`]) rather than hold ten years of them.
    pub fn load_without_episodes(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<DiarySlice> {
        self.load_with(since, until, false, SelfChecks::UpToUntil)
    }

    /// `with_episodes`: whether to read the episodes (whole).
    fn load_with(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        with_episodes: bool,
        self_checks_from: SelfChecks,
    ) -> Result<DiarySlice> {
        let snapshot = self.snapshot()?;
        let filter = local_days(since, until);
        let in_period = |d: NaiveDate| since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u);
        // Short periods probe the indexes; long ones, and the whole diary without counting it
        // first, read each table once.
        let mut episodes = if !with_episodes {
            Vec::new()
        } else if since.is_some() && self.count_episodes(&filter)? < 20_000 {
            let mut newest_first = self.episodes(&filter)?;
            newest_first.reverse();
            newest_first
        } else {
            episodes::scan_range(&self.conn, filter.since, filter.until)?
        };
        episodes.retain(|e| in_period(e.local_date()));
        let checkins = self.checkins(since, until)?;
        let medications = self.medications()?;
        let mut self_checks = self.self_checks()?;
        match self_checks_from {
            SelfChecks::InPeriod => self_checks.retain(|c| in_period(c.date)),
            SelfChecks::UpToUntil => self_checks.retain(|c| until.is_none_or(|u| c.date <= u)),
        }
        let experiments = self.experiments_in(since, until)?;
        drop(snapshot);
        Ok(DiarySlice {
            episodes,
            checkins,
            medications,
            self_checks,
            experiments,
        })
    }
}

/// Which self-checks a load reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SelfChecks {
    /// Those dated in the period.
    InPeriod,
    /// Every one up to the period's end.
    UpToUntil,
}
