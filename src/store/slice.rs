//! Loading a whole period at once, for pattern rules and reports.

use chrono::NaiveDate;

use super::episodes::Detail;
use super::pages::local_days;
use super::{Diary, Result, episodes};
use crate::domain::DiarySlice;

impl Diary {
    /// Episodes, check-ins and self-checks whose local date is from `since` to `until`
    /// inclusive (either open), and every medication, in one read transaction so they agree.
    pub fn load(&self, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<DiarySlice> {
        self.load_with(since, until, Detail::Full)
    }

    /// As [`Diary::load`], with episodes carrying only what the pattern engine and its charts
    /// read ([`Detail::Patterns`]): the same findings from a whole diary in less time.
    pub fn load_for_patterns(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<DiarySlice> {
        self.load_with(since, until, Detail::Patterns)
    }

    fn load_with(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        detail: Detail,
    ) -> Result<DiarySlice> {
        let tx = self.conn.unchecked_transaction()?;
        let filter = local_days(since, until);
        let in_period = |d: NaiveDate| since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u);
        // Short periods probe the indexes; long ones, and the whole diary without counting it
        // first, read each table once.
        let mut episodes = if since.is_some() && self.count_episodes(&filter)? < 20_000 {
            match detail {
                Detail::Full => {
                    let mut newest_first = self.episodes(&filter)?;
                    newest_first.reverse();
                    newest_first
                }
                Detail::Patterns => {
                    episodes::probe_range_lean(&self.conn, filter.since, filter.until)?
                }
            }
        } else {
            episodes::scan_range(&self.conn, filter.since, filter.until, detail)?
        };
        episodes.retain(|e| in_period(e.local_date()));
        let checkins = self.checkins(since, until)?;
        let medications = self.medications()?;
        let mut self_checks = self.self_checks()?;
        self_checks.retain(|c| in_period(c.date));
        let experiments = self.experiments_in(since, until)?;
        tx.finish()?;
        Ok(DiarySlice {
            episodes,
            checkins,
            medications,
            self_checks,
            experiments,
        })
    }
}
