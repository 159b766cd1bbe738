//! The per-day summary of the episodes: what the live episodes of each local date add up to.
//! The store keeps it beside the episodes (rebuilt in the same transaction as every write), and
//! the pattern engine, the charts and Today's banner read it instead of every episode. Here are
//! its plain types and [`Summary::recount`], the one function that computes it from episodes:
//! the store rebuilds its rows with it, and a diary held in memory is summed with it too.

use std::collections::BTreeMap;
use std::ops::AddAssign;

use chrono::{DateTime, FixedOffset, NaiveDate, Timelike};
use uuid::Uuid;

use super::{CheckIn, DiarySlice, Episode, Kind, Medication, SelfCheck, Side};

/// The first of some episodes, by start (Unix seconds) and then id: the order the pattern
/// engine walks episodes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct First {
    pub start_utc: i64,
    pub id: Uuid,
}

impl First {
    pub fn of(episode: &Episode) -> First {
        First {
            start_utc: episode.start.timestamp(),
            id: episode.id,
        }
    }

    /// The earlier of `self` and `other`.
    fn keep_first(slot: &mut Option<First>, other: First) {
        if slot.is_none_or(|f| other < f) {
            *slot = Some(other);
        }
    }
}

/// Twitches and cramps (or twitch days and cramp nights: whatever a chart counts of each kind).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindCounts {
    pub twitches: u32,
    pub cramps: u32,
}

impl KindCounts {
    /// One of `kind`.
    pub fn one(kind: Kind) -> KindCounts {
        let mut n = KindCounts::default();
        n.add(kind);
        n
    }

    /// Counts one more of `kind`.
    pub fn add(&mut self, kind: Kind) {
        match kind {
            Kind::Twitch => self.twitches += 1,
            Kind::Cramp => self.cramps += 1,
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

/// One local date's live episodes, summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaySummary {
    pub date: NaiveDate,
    pub twitches: u32,
    pub cramps: u32,
    /// The day's first twitch.
    pub first_twitch: Option<Uuid>,
    /// Nocturnal cramps that started from 21:00: they belong to the night of this date.
    pub evening_cramps: u32,
    pub first_evening_cramp: Option<First>,
    /// Nocturnal cramps that started before 07:00: they belong to the night of the day before.
    pub morning_cramps: u32,
    pub first_morning_cramp: Option<First>,
    /// The longest duration of the day's cramps, of those with one.
    pub longest_cramp_s: Option<u32>,
    /// The most days sore after the day's cramps, of those with a number.
    pub most_sore_days: Option<u16>,
}

/// One date's episodes at one body site: each counted once whatever sides it names, with the
/// first twitch there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteDay {
    pub date: NaiveDate,
    pub site: String,
    pub twitches: u32,
    pub cramps: u32,
    pub first_twitch: Option<First>,
}

/// One date's episodes at one site and side (`None`: a site without one); left and right apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideDay {
    pub date: NaiveDate,
    pub site: String,
    pub side: Option<Side>,
    pub twitches: u32,
    pub cramps: u32,
}

/// A period's episodes at one site and side, summed from its dates' [`SideDay`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideTotal {
    pub site: String,
    pub side: Option<Side>,
    pub twitches: u32,
    pub cramps: u32,
}

/// One date's episodes tagged with one suspected trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerDay {
    pub date: NaiveDate,
    pub trigger: String,
    pub twitches: u32,
    pub cramps: u32,
}

/// One date's episodes that started in one local hour (0-23).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HourDay {
    pub date: NaiveDate,
    pub hour: u8,
    pub twitches: u32,
    pub cramps: u32,
}

/// The whole summary of some dates, table by table, each in the order of its key (date, then
/// site, side, trigger or hour); dates without a live episode have no rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub days: Vec<DaySummary>,
    pub sites: Vec<SiteDay>,
    pub sides: Vec<SideDay>,
    pub triggers: Vec<TriggerDay>,
    pub hours: Vec<HourDay>,
}

impl Summary {
    /// Sums `episodes` (live ones, in any order) by local date.
    pub fn recount<'a>(episodes: impl IntoIterator<Item = &'a Episode>) -> Summary {
        #[derive(Default)]
        struct Day<'a> {
            kinds: KindCounts,
            first_twitch: Option<First>,
            evening: u32,
            first_evening: Option<First>,
            morning: u32,
            first_morning: Option<First>,
            longest: Option<u32>,
            most_sore: Option<u16>,
            sites: BTreeMap<&'a str, (KindCounts, Option<First>)>,
            sides: BTreeMap<(&'a str, &'static str), (Option<Side>, KindCounts)>,
            triggers: BTreeMap<&'a str, KindCounts>,
            hours: BTreeMap<u8, KindCounts>,
        }
        let mut days: BTreeMap<NaiveDate, Day<'a>> = BTreeMap::new();
        for e in episodes {
            let day = days.entry(e.local_date()).or_default();
            let first = First::of(e);
            let hour = e.start.hour() as u8;
            day.kinds.add(e.kind);
            match e.kind {
                Kind::Twitch => First::keep_first(&mut day.first_twitch, first),
                Kind::Cramp => {
                    if hour >= 21 {
                        day.evening += 1;
                        First::keep_first(&mut day.first_evening, first);
                    } else if hour < 7 {
                        day.morning += 1;
                        First::keep_first(&mut day.first_morning, first);
                    }
                    day.longest = day.longest.max(e.duration_s);
                    day.most_sore = day.most_sore.max(e.sore_days);
                }
            }
            for (i, s) in e.sites.iter().enumerate() {
                // Both calves in one cramp are one cramp at the calf.
                if e.sites[..i].iter().all(|earlier| earlier.site != s.site) {
                    let (n, first_twitch) = day.sites.entry(&s.site).or_default();
                    n.add(e.kind);
                    if e.kind == Kind::Twitch {
                        First::keep_first(first_twitch, first);
                    }
                }
                day.sides
                    .entry((&s.site, side_key(s.side)))
                    .or_insert((s.side, KindCounts::default()))
                    .1
                    .add(e.kind);
            }
            for t in &e.triggers {
                day.triggers.entry(t).or_default().add(e.kind);
            }
            day.hours.entry(hour).or_default().add(e.kind);
        }
        let mut summary = Summary::default();
        for (date, day) in days {
            summary.days.push(DaySummary {
                date,
                twitches: day.kinds.twitches,
                cramps: day.kinds.cramps,
                first_twitch: day.first_twitch.map(|f| f.id),
                evening_cramps: day.evening,
                first_evening_cramp: day.first_evening,
                morning_cramps: day.morning,
                first_morning_cramp: day.first_morning,
                longest_cramp_s: day.longest,
                most_sore_days: day.most_sore,
            });
            for (site, (n, first_twitch)) in day.sites {
                summary.sites.push(SiteDay {
                    date,
                    site: site.to_string(),
                    twitches: n.twitches,
                    cramps: n.cramps,
                    first_twitch,
                });
            }
            for ((site, _), (side, n)) in day.sides {
                summary.sides.push(SideDay {
                    date,
                    site: site.to_string(),
                    side,
                    twitches: n.twitches,
                    cramps: n.cramps,
                });
            }
            for (trigger, n) in day.triggers {
                summary.triggers.push(TriggerDay {
                    date,
                    trigger: trigger.to_string(),
                    twitches: n.twitches,
                    cramps: n.cramps,
                });
            }
            for (hour, n) in day.hours {
                summary.hours.push(HourDay {
                    date,
                    hour,
                    twitches: n.twitches,
                    cramps: n.cramps,
                });
            }
        }
        summary
    }
}

/// Sides sort as the store keeps them: none first, then by name.
pub fn side_key(side: Option<Side>) -> &'static str {
    side.map_or("", Side::as_str)
}

/// What the pattern engine reads of an episode its evidence names: its own type, so nothing
/// else of an episode is read where it is not needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeanEpisode {
    pub id: Uuid,
    pub kind: Kind,
    pub start: DateTime<FixedOffset>,
    pub duration_s: Option<u32>,
    pub sore_days: Option<u16>,
    /// Site ids, in the order logged.
    pub sites: Vec<String>,
}

impl LeanEpisode {
    pub fn of(e: &Episode) -> LeanEpisode {
        LeanEpisode {
            id: e.id,
            kind: e.kind,
            start: e.start,
            duration_s: e.duration_s,
            sore_days: e.sore_days,
            sites: e.sites.iter().map(|s| s.site.clone()).collect(),
        }
    }

    pub fn local_date(&self) -> NaiveDate {
        self.start.date_naive()
    }

    /// The engine's order: by start, then id.
    pub fn first(&self) -> First {
        First {
            start_utc: self.start.timestamp(),
            id: self.id,
        }
    }
}

/// The episodes of one local date the engine asks for: every one, or those of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayEpisodes {
    pub date: NaiveDate,
    pub kind: Option<Kind>,
}

impl DayEpisodes {
    pub fn holds(&self, e: &LeanEpisode) -> bool {
        e.local_date() == self.date && self.kind.is_none_or(|k| k == e.kind)
    }
}

/// Everything the pattern engine reads of a period: the summary tables it needs (the days,
/// their sites and their triggers) and the other records as they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummarySlice {
    /// Oldest first.
    pub days: Vec<DaySummary>,
    /// By date, then site.
    pub sites: Vec<SiteDay>,
    /// By date, then trigger.
    pub triggers: Vec<TriggerDay>,
    /// By date.
    pub checkins: Vec<CheckIn>,
    /// Every medication (whatever the period: start dates before it still matter).
    pub medications: Vec<Medication>,
    /// By date.
    pub self_checks: Vec<SelfCheck>,
}

impl SummarySlice {
    /// The summary of a diary held in memory, its entries from `since` to `until` (either
    /// open) and every self-check up to `until`, as the store would read it.
    pub fn of(slice: &DiarySlice, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Self {
        let within = |d: NaiveDate| since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u);
        let summary = Summary::recount(slice.episodes.iter().filter(|e| within(e.local_date())));
        SummarySlice {
            days: summary.days,
            sites: summary.sites,
            triggers: summary.triggers,
            checkins: (slice.checkins.iter())
                .filter(|c| within(c.date))
                .cloned()
                .collect(),
            medications: slice.medications.clone(),
            self_checks: (slice.self_checks.iter())
                .filter(|c| until.is_none_or(|u| c.date <= u))
                .cloned()
                .collect(),
        }
    }

    /// The part of it from `since` on: its days, sites, triggers and
    /// check-ins from then, with every medication and self-check as they are (a red flag of an
    /// older self-check may still be active).
    pub fn from(&self, since: NaiveDate) -> SummarySlice {
        SummarySlice {
            days: self
                .days
                .iter()
                .filter(|d| d.date >= since)
                .cloned()
                .collect(),
            sites: self
                .sites
                .iter()
                .filter(|s| s.date >= since)
                .cloned()
                .collect(),
            triggers: (self.triggers.iter())
                .filter(|t| t.date >= since)
                .cloned()
                .collect(),
            checkins: (self.checkins.iter())
                .filter(|c| c.date >= since)
                .cloned()
                .collect(),
            medications: self.medications.clone(),
            self_checks: self.self_checks.clone(),
        }
    }

    /// Adds the entries of `other` (from other dates).
    pub fn extend(&mut self, other: SummarySlice) {
        self.days.extend(other.days);
        self.sites.extend(other.sites);
        self.triggers.extend(other.triggers);
        self.checkins.extend(other.checkins);
        self.self_checks.extend(other.self_checks);
        self.medications = other.medications;
    }
}

/// The lean episodes of `episodes` that `wanted` asks for, by start then id.
pub fn lean_episodes_on(episodes: &[Episode], wanted: &[DayEpisodes]) -> Vec<LeanEpisode> {
    let wanted: std::collections::BTreeSet<DayEpisodes> = wanted.iter().copied().collect();
    let asked = |date: NaiveDate, kind: Kind| {
        wanted.contains(&DayEpisodes { date, kind: None })
            || wanted.contains(&DayEpisodes {
                date,
                kind: Some(kind),
            })
    };
    let mut found: Vec<LeanEpisode> = episodes
        .iter()
        .filter(|e| asked(e.local_date(), e.kind))
        .map(LeanEpisode::of)
        .collect();
    found.sort_by_key(LeanEpisode::first);
    found
}
