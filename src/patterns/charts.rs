//! The counts behind every chart: episodes by day, by week, by body site and by hour, one
//! function each, so Today, the Patterns screen and the report count alike.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate, Timelike};

use crate::catalog::catalog;
pub use crate::domain::summary::KindCounts;
use crate::domain::summary::{DaySummary, SideTotal, SummarySlice};
use crate::domain::{Episode, Side};

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

/// Episodes at one body site, on one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteCount {
    /// The catalogue id.
    pub site: String,
    /// The side the episodes named (`None`: none was named, or the site has no sides).
    pub side: Option<Side>,
    pub counts: KindCounts,
}

impl SiteCount {
    /// The site as the command line and the lists write it: `calf:left`, `tongue`.
    pub fn name(&self) -> String {
        match self.side {
            Some(side) => format!("{}:{}", self.site, side.as_str()),
            None => self.site.clone(),
        }
    }

    /// The site in words, for a report: "calf (left)", "tongue".
    pub fn label(&self) -> String {
        let label = catalog()
            .site(&self.site)
            .map_or_else(|| self.site.clone(), |s| s.label.clone());
        match self.side {
            Some(side) => format!("{label} ({})", side.as_str()),
            None => label,
        }
    }

    /// Whether these episodes were on `side` of the site: their own side, both sides, or
    /// somewhere on it when they named no side. A body map shades each side's cells with the
    /// counts that touch it, so a right-calf cramp never shades the left calf.
    pub fn touches(&self, side: Side) -> bool {
        match self.side {
            None | Some(Side::Both) => true,
            Some(own) => own == side,
        }
    }
}

/// The order sides are listed in: none named, left, right, both.
fn side_order(side: Option<Side>) -> u8 {
    match side {
        None => 0,
        Some(Side::Left) => 1,
        Some(Side::Right) => 2,
        Some(Side::Both) => 3,
    }
}

/// Episodes per body site and side, left and right apart (`calf:left`, `calf:right`,
/// `calf:both` and a bare `calf` are four counts): an episode counts once for each site and
/// side it names. Most first; ties in catalogue order, then left before right, so the order
/// never depends on hashing or spelling.
pub fn by_site(episodes: &[Episode]) -> Vec<SiteCount> {
    let mut counts: BTreeMap<(&str, u8), (Option<Side>, KindCounts)> = BTreeMap::new();
    for e in episodes {
        for (i, s) in e.sites.iter().enumerate() {
            // The same site and side named twice in one episode is one episode there.
            if e.sites[..i]
                .iter()
                .all(|earlier| earlier.site != s.site || earlier.side != s.side)
            {
                let entry = counts
                    .entry((&s.site, side_order(s.side)))
                    .or_insert((s.side, KindCounts::default()));
                entry.1 += KindCounts::one(e.kind);
            }
        }
    }
    ranked(counts)
}

/// [`by_site`] from the summary's totals of each site and side.
pub fn by_site_summed(totals: &[SideTotal]) -> Vec<SiteCount> {
    let mut counts: BTreeMap<(&str, u8), (Option<Side>, KindCounts)> = BTreeMap::new();
    for t in totals {
        counts
            .entry((&t.site, side_order(t.side)))
            .or_insert((t.side, KindCounts::default()))
            .1 += KindCounts {
            twitches: t.twitches,
            cramps: t.cramps,
        };
    }
    ranked(counts)
}

/// Site counts most first, ties in catalogue order.
fn ranked(counts: BTreeMap<(&str, u8), (Option<Side>, KindCounts)>) -> Vec<SiteCount> {
    let order = |site: &str| catalog().site_order(site);
    let mut ranked: Vec<SiteCount> = counts
        .into_iter()
        .map(|((site, _), (side, counts))| SiteCount {
            site: site.to_string(),
            side,
            counts,
        })
        .collect();
    ranked.sort_by_cached_key(|s| {
        (
            std::cmp::Reverse(s.counts.total()),
            order(&s.site),
            side_order(s.side),
        )
    });
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

    /// [`Charts::new`] from the per-day summary of the period and its site and hour totals,
    /// which the store sums.
    pub fn summed(
        slice: &SummarySlice,
        sides: &[SideTotal],
        hours: [(u32, u32); 24],
        since: Option<NaiveDate>,
        as_of: NaiveDate,
    ) -> Charts {
        let hours = hours.map(|(twitches, cramps)| KindCounts { twitches, cramps });
        let days = by_day_summed(&slice.days);
        Charts::of(days, by_site_summed(sides), hours, since, as_of)
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
    use crate::domain::{Kind, SiteRef};
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
        // Left and right apart: the cramp in both calves counts once on each side, with the
        // twitch in the right calf; a tie goes to the catalogue's order (the eyelid comes before
        // the calf), then left before right.
        let sites = by_site(&episodes);
        let named: Vec<(String, u32)> =
            sites.iter().map(|s| (s.name(), s.counts.total())).collect();
        assert_eq!(
            named,
            [
                ("calf:right".to_string(), 2),
                ("eyelid:left".to_string(), 1),
                ("eyelid:right".to_string(), 1),
                ("calf:left".to_string(), 1),
            ]
        );
        assert_eq!(
            sites[0],
            SiteCount {
                site: "calf".into(),
                side: Some(Side::Right),
                counts: KindCounts {
                    twitches: 1,
                    cramps: 1
                }
            }
        );
        assert_eq!(sites[0].label(), "calf (right)");
        assert!(sites[0].touches(Side::Right) && !sites[0].touches(Side::Left));
        let hours = by_hour(&episodes);
        assert_eq!(hours[8].twitches, 2);
        assert_eq!(hours[3].cramps, 1);
    }
}
