//! The counts behind every chart: episodes by day, by week, by body site and by hour, one
//! function each, so Today, the Patterns screen and the report count alike.

use std::collections::BTreeMap;
use std::ops::AddAssign;

use chrono::{Datelike, Days, NaiveDate, Timelike};

use crate::catalog::catalog;
use crate::domain::summary::{DaySummary, SiteDay, SummarySlice};
use crate::domain::{Episode, Kind};

/// Twitches and cramps (or twitch days and cramp nights: whatever a chart counts of each kind).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindCounts {
    pub twitches: u32,
    pub cramps: u32,
}

impl KindCounts {
    /// One of `kind`.
    pub fn one(kind: Kind) -> KindCounts {
        match kind {
            Kind::Twitch => KindCounts {
                twitches: 1,
                cramps: 0,
            },
            Kind::Cramp => KindCounts {
                twitches: 0,
                cramps: 1,
            },
        }
    }

    pub fn total(&self) -> u32 {
        self.twitches + self.cramps
    }
}

impl AddAssign for KindCounts {
    fn add_assign(&mut self, other: KindCounts) {
        self.twitches += other.twitches;
        self.cramps += other.cramps;
    }
}

/// Episodes per local date.
pub fn by_day(episodes: &[Episode]) -> BTreeMap<NaiveDate, KindCounts> {
    let mut days: BTreeMap<NaiveDate, KindCounts> = BTreeMap::new();
    for e in episodes {
        *days.entry(e.local_date()).or_default() += KindCounts::one(e.kind);
    }
    days
}

/// [`by_day`] from the per-day summary.
pub fn by_day_summed(days: &[DaySummary]) -> BTreeMap<NaiveDate, KindCounts> {
    days.iter()
        .map(|d| {
            let n = KindCounts {
                twitches: d.twitches,
                cramps: d.cramps,
            };
            (d.date, n)
        })
        .collect()
}

/// The Monday of the week `day` falls in.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// Counts per date summed into weeks (Monday first), every week from the one `from` falls in
/// to the one `until` falls in, oldest first; dates outside those weeks are left out.
pub fn by_week(
    days: impl IntoIterator<Item = (NaiveDate, KindCounts)>,
    from: NaiveDate,
    until: NaiveDate,
) -> Vec<(NaiveDate, KindCounts)> {
    let first = week_start(from);
    let mut weeks: BTreeMap<NaiveDate, KindCounts> = BTreeMap::new();
    let mut monday = first;
    while monday <= until {
        weeks.insert(monday, KindCounts::default());
        monday = monday + Days::new(7);
    }
    for (day, counts) in days {
        if let Some(week) = weeks.get_mut(&week_start(day)) {
            *week += counts;
        }
    }
    weeks.into_iter().collect()
}

/// Episodes at one body site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteCount {
    /// The catalogue id.
    pub site: String,
    pub counts: KindCounts,
}

/// Episodes per body site, an episode counted once at a site whatever the sides it names;
/// most first, ties in catalogue order (so the order never depends on hashing or spelling).
pub fn by_site(episodes: &[Episode]) -> Vec<SiteCount> {
    let mut counts: BTreeMap<&str, KindCounts> = BTreeMap::new();
    for e in episodes {
        for (i, s) in e.sites.iter().enumerate() {
            // Both calves in one cramp are one cramp at the calf.
            if e.sites[..i].iter().all(|earlier| earlier.site != s.site) {
                *counts.entry(&s.site).or_default() += KindCounts::one(e.kind);
            }
        }
    }
    ranked(counts)
}

/// [`by_site`] from the per-day summary's sites.
pub fn by_site_summed(sites: &[SiteDay]) -> Vec<SiteCount> {
    let mut counts: BTreeMap<&str, KindCounts> = BTreeMap::new();
    for s in sites {
        *counts.entry(&s.site).or_default() += KindCounts {
            twitches: s.twitches,
            cramps: s.cramps,
        };
    }
    ranked(counts)
}

/// Site counts most first, ties in catalogue order.
fn ranked(counts: BTreeMap<&str, KindCounts>) -> Vec<SiteCount> {
    let order = |site: &str| {
        catalog()
            .sites
            .iter()
            .position(|c| c.id == site)
            .unwrap_or(usize::MAX)
    };
    let mut ranked: Vec<SiteCount> = counts
        .into_iter()
        .map(|(site, counts)| SiteCount {
            site: site.to_string(),
            counts,
        })
        .collect();
    ranked.sort_by_cached_key(|s| (std::cmp::Reverse(s.counts.total()), order(&s.site)));
    ranked
}

/// Episodes by the local hour they started in, 0 to 23.
pub fn by_hour(episodes: &[Episode]) -> [KindCounts; 24] {
    let mut hours = [KindCounts::default(); 24];
    for e in episodes {
        hours[e.start.hour() as usize % 24] += KindCounts::one(e.kind);
    }
    hours
}

/// Every count the Patterns screen charts, for a period.
#[derive(Debug, Clone, Default)]
pub struct Charts {
    /// The first day charted: the period's start, or the first episode's day for the whole
    /// diary (`None`: no episode and no start).
    pub first: Option<NaiveDate>,
    pub days: BTreeMap<NaiveDate, KindCounts>,
    /// Oldest first.
    pub weeks: Vec<(NaiveDate, KindCounts)>,
    pub sites: Vec<SiteCount>,
    pub hours: [KindCounts; 24],
}

impl Charts {
    /// The counts of `episodes`, the period's own, starting on `since` (`None`: the whole
    /// diary) and ending on `as_of`.
    pub fn new(episodes: &[Episode], since: Option<NaiveDate>, as_of: NaiveDate) -> Charts {
        Charts::of(
            by_day(episodes),
            by_site(episodes),
            by_hour(episodes),
            since,
            as_of,
        )
    }

    /// [`Charts::new`] from the per-day summary of the period and its hour totals (twitches,
    /// cramps), which the store sums.
    pub fn summed(
        slice: &SummarySlice,
        hours: [(u32, u32); 24],
        since: Option<NaiveDate>,
        as_of: NaiveDate,
    ) -> Charts {
        let hours = hours.map(|(twitches, cramps)| KindCounts { twitches, cramps });
        let days = by_day_summed(&slice.days);
        Charts::of(days, by_site_summed(&slice.sites), hours, since, as_of)
    }

    fn of(
        days: BTreeMap<NaiveDate, KindCounts>,
        sites: Vec<SiteCount>,
        hours: [KindCounts; 24],
        since: Option<NaiveDate>,
        as_of: NaiveDate,
    ) -> Charts {
        let first = since.or_else(|| days.keys().next().copied());
        let weeks = match first {
            Some(first) => by_week(days.iter().map(|(d, n)| (*d, *n)), first, as_of),
            None => Vec::new(),
        };
        Charts {
            first,
            weeks,
            sites,
            hours,
            days,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SiteRef;
    use chrono::DateTime;

    fn episode(kind: Kind, at: &str, sites: &[&str]) -> Episode {
        let start = DateTime::parse_from_rfc3339(at).unwrap();
        let sites = sites.iter().map(|s| SiteRef::parse(s).unwrap()).collect();
        Episode::new(kind, start, sites, start.to_utc())
    }

    #[test]
    fn each_episode_counts_once_a_day_a_week_a_site_and_an_hour() {
        let episodes = [
            episode(Kind::Twitch, "2026-11-23T08:10:00+01:00", &["eyelid:left"]),
            episode(
                Kind::Cramp,
                "2026-11-24T03:10:00+01:00",
                &["calf:left", "calf:right"],
            ),
            episode(Kind::Twitch, "2026-11-24T08:30:00+01:00", &["calf:right"]),
            episode(Kind::Twitch, "2026-11-30T23:59:00+01:00", &["eyelid:right"]),
        ];
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let days = by_day(&episodes);
        assert_eq!(
            days[&day("2026-11-24")],
            KindCounts {
                twitches: 1,
                cramps: 1
            }
        );
        let weeks = by_week(days.clone(), day("2026-11-20"), day("2026-12-01"));
        let starts: Vec<NaiveDate> = weeks.iter().map(|w| w.0).collect();
        assert_eq!(
            starts,
            [day("2026-11-16"), day("2026-11-23"), day("2026-11-30")]
        );
        assert_eq!(weeks[1].1.total(), 3);
        assert_eq!(weeks[2].1.twitches, 1);
        // Both calves in one cramp count once; a tie goes to the catalogue's order (the eyelid
        // comes before the calf).
        let sites = by_site(&episodes);
        assert_eq!(sites[0].site, "eyelid");
        assert_eq!(sites[0].counts.twitches, 2);
        assert_eq!(
            sites[1],
            SiteCount {
                site: "calf".into(),
                counts: KindCounts {
                    twitches: 1,
                    cramps: 1
                }
            }
        );
        let hours = by_hour(&episodes);
        assert_eq!(hours[8].twitches, 2);
        assert_eq!(hours[3].cramps, 1);
    }
}
