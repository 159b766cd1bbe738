//! The diary indexed by local date, built once per evaluation from the per-day summary (one row
//! a day, not every episode), so every rule walks days. The few episodes a rule's evidence
//! names come apart, as [`wanted`] asks for them. Only entries on or before the as-of date are
//! kept: evaluating as of a past day sees the diary as it stood then.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use foldhash::fast::FixedState;
use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use uuid::Uuid;

use super::Settings;
use crate::catalog::catalog;
use crate::domain::summary::{DayEpisodes, First, LeanEpisode, SummarySlice, TriggerDay};
use crate::domain::{CheckIn, Kind, Medication, SelfCheck};

/// Twitches at this site do not count towards spread (DOMAIN.md section 4: eyelid twitching is
/// usually stress, sleep and caffeine).
const SPREAD_IGNORED_SITE: &str = "eyelid";
/// A twitch at one of these sites raises `red_flag_bulbar`.
pub const BULBAR_TWITCH_SITES: [&str; 2] = ["tongue", "throat"];

/// What one local date holds.
#[derive(Debug, Clone)]
pub struct Day<'a> {
    pub date: NaiveDate,
    pub checkin: Option<&'a CheckIn>,
    /// Twitches and cramps that started on this date.
    pub twitches: u32,
    pub cramps: u32,
    /// The first twitch of the day.
    pub first_twitch: Option<Uuid>,
    /// Nocturnal cramps belonging to the night of this date (some start the next morning).
    pub night_cramps: u32,
    /// The night's first cramp, and the dates of its first and latest cramps.
    pub night: Option<Night>,
    /// Body groups (bits in catalogue order) with a twitch that counts towards spread.
    pub spread_groups: u32,
    /// The first twitch of each of those groups, in start order, each once.
    pub group_firsts: Vec<Uuid>,
    /// A twitch this day was tagged with an obvious trigger.
    pub obvious_tag: bool,
    /// The longest of the day's cramps, and the most days one left the muscle sore.
    pub longest_cramp_s: Option<u32>,
    pub most_sore_days: Option<u16>,
}

/// A night with a nocturnal cramp.
#[derive(Debug, Clone, Copy)]
pub struct Night {
    pub first: First,
    pub seen_from: NaiveDate,
    pub seen_until: NaiveDate,
}

impl Day<'_> {
    fn new(date: NaiveDate) -> Self {
        Day {
            date,
            checkin: None,
            twitches: 0,
            cramps: 0,
            first_twitch: None,
            night_cramps: 0,
            night: None,
            spread_groups: 0,
            group_firsts: Vec::new(),
            obvious_tag: false,
            longest_cramp_s: None,
            most_sore_days: None,
        }
    }

    pub fn is_twitch_day(&self) -> bool {
        self.twitches > 0
    }

    pub fn is_cramp_day(&self) -> bool {
        self.cramps > 0
    }

    pub fn is_cramp_night(&self) -> bool {
        self.night_cramps > 0
    }

    /// Episodes of both kinds.
    pub fn episodes(&self) -> u32 {
        self.twitches + self.cramps
    }

    /// Adds `n` nocturnal cramps seen on `seen`, the first of them `first`.
    fn add_night(&mut self, n: u32, first: Option<First>, seen: NaiveDate) {
        let Some(first) = first.filter(|_| n > 0) else {
            return;
        };
        self.night_cramps += n;
        self.night = Some(match self.night {
            None => Night {
                first,
                seen_from: seen,
                seen_until: seen,
            },
            Some(night) => Night {
                first: night.first.min(first),
                seen_from: night.seen_from.min(seen),
                seen_until: night.seen_until.max(seen),
            },
        });
    }
}

/// The diary as of a date, by day.
#[derive(Debug)]
pub struct Calendar<'a> {
    pub as_of: NaiveDate,
    /// Every date with an episode, a nocturnal cramp night or a check-in, oldest first.
    pub days: Vec<Day<'a>>,
    /// Self-checks on or before the as-of date, oldest first.
    pub self_checks: Vec<&'a SelfCheck>,
    pub medications: &'a [Medication],
    /// Episodes tagged with each suspected trigger, day by day, up to the as-of date.
    pub triggers: Vec<&'a TriggerDay>,
    /// The episodes [`wanted`] asked for, on or before the as-of date, by start then id.
    pub episodes: Vec<&'a LeanEpisode>,
}

/// Site id -> (spread group bit, if it counts towards spread).
/// (Looked up once per site of every twitch: a fast hash rather than the DoS-proof default.)
fn site_groups() -> &'static HashMap<&'static str, Option<u32>, FixedState> {
    static MAP: OnceLock<HashMap<&'static str, Option<u32>, FixedState>> = OnceLock::new();
    MAP.get_or_init(|| {
        let cat = catalog();
        cat.sites
            .iter()
            .map(|s| {
                let bit = cat
                    .groups
                    .iter()
                    .position(|g| g.id == s.group)
                    .filter(|_| s.id != SPREAD_IGNORED_SITE)
                    .and_then(|i| 1u32.checked_shl(i as u32));
                (s.id.as_str(), bit)
            })
            .collect()
    })
}

/// `items`, in date order, cut into runs: an item at most `gap` days after the one before it
/// continues that one's run.
pub fn runs_within<T>(items: &[T], gap: i64, date: impl Fn(&T) -> NaiveDate) -> Vec<&[T]> {
    items
        .chunk_by(|a, b| (date(b) - date(a)).num_days() <= gap)
        .collect()
}

/// The catalogue group ids of a bit set, in catalogue order.
pub fn group_names(bits: u32) -> Vec<String> {
    catalog()
        .groups
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < 32 && bits & (1 << i) != 0)
        .map(|(_, g)| g.id.clone())
        .collect()
}

/// The spread group bit of a site (none for the eyelid and unknown sites).
fn spread_bit(site: &str) -> Option<u32> {
    site_groups().get(site).copied().flatten()
}

fn is_obvious_trigger(id: &str) -> bool {
    // The few obvious ones, rather than the whole catalogue, for every trigger of every twitch.
    static OBVIOUS: OnceLock<Vec<&'static str>> = OnceLock::new();
    OBVIOUS
        .get_or_init(|| {
            catalog()
                .triggers
                .iter()
                .filter(|t| t.obvious)
                .map(|t| t.id.as_str())
                .collect()
        })
        .contains(&id)
}

impl<'a> Calendar<'a> {
    /// The calendar of `slice` as of `as_of`, with `episodes` (those [`wanted`] asked for).
    pub fn new(slice: &'a SummarySlice, episodes: &'a [LeanEpisode], as_of: NaiveDate) -> Self {
        let mut self_checks: Vec<&SelfCheck> = slice
            .self_checks
            .iter()
            .filter(|c| c.date <= as_of)
            .collect();
        self_checks.sort_by_key(|c| (c.date, c.created));

        let mut index: HashMap<NaiveDate, usize, FixedState> = HashMap::default();
        let mut days: Vec<Day> = Vec::new();
        let mut day_of = |date: NaiveDate, days: &mut Vec<Day<'a>>| -> usize {
            *index.entry(date).or_insert_with(|| {
                days.push(Day::new(date));
                days.len() - 1
            })
        };
        for checkin in slice.checkins.iter().filter(|c| c.date <= as_of) {
            let i = day_of(checkin.date, &mut days);
            days[i].checkin = Some(checkin);
        }
        for d in slice.days.iter().filter(|d| d.date <= as_of) {
            let i = day_of(d.date, &mut days);
            let day = &mut days[i];
            day.twitches = d.twitches;
            day.cramps = d.cramps;
            day.first_twitch = d.first_twitch;
            day.longest_cramp_s = d.longest_cramp_s;
            day.most_sore_days = d.most_sore_days;
            day.add_night(d.evening_cramps, d.first_evening_cramp, d.date);
            if d.morning_cramps > 0
                && let Some(night) = d.date.pred_opt()
            {
                let i = day_of(night, &mut days);
                days[i].add_night(d.morning_cramps, d.first_morning_cramp, d.date);
            }
        }
        // Spread: each group's first twitch of the day, from the first twitch at each site.
        let mut firsts: BTreeMap<(NaiveDate, u32), First> = BTreeMap::new();
        for s in slice
            .sites
            .iter()
            .filter(|s| s.date <= as_of && s.twitches > 0)
        {
            let (Some(bit), Some(first)) = (spread_bit(&s.site), s.first_twitch) else {
                continue;
            };
            let slot = firsts.entry((s.date, bit)).or_insert(first);
            *slot = (*slot).min(first);
        }
        let mut by_day: BTreeMap<NaiveDate, (u32, BTreeSet<First>)> = BTreeMap::new();
        for ((date, bit), first) in firsts {
            let (bits, ids) = by_day.entry(date).or_default();
            *bits |= bit;
            ids.insert(first);
        }
        for (date, (bits, ids)) in by_day {
            let i = day_of(date, &mut days);
            days[i].spread_groups = bits;
            days[i].group_firsts = ids.into_iter().map(|f| f.id).collect();
        }
        let triggers: Vec<&TriggerDay> =
            slice.triggers.iter().filter(|t| t.date <= as_of).collect();
        for t in &triggers {
            if t.twitches > 0 && is_obvious_trigger(&t.trigger) {
                let i = day_of(t.date, &mut days);
                days[i].obvious_tag = true;
            }
        }
        days.sort_by_key(|d| d.date);
        let mut episodes: Vec<&LeanEpisode> = episodes
            .iter()
            .filter(|e| e.local_date() <= as_of)
            .collect();
        episodes.sort_by_key(|e| e.first());
        Calendar {
            as_of,
            days,
            self_checks,
            medications: &slice.medications,
            triggers,
            episodes,
        }
    }

    pub fn twitch_days(&self) -> impl Iterator<Item = &Day<'a>> {
        self.days.iter().filter(|d| d.is_twitch_day())
    }

    /// The day of `date`, if it holds anything.
    pub fn day(&self, date: NaiveDate) -> Option<&Day<'a>> {
        self.days
            .binary_search_by_key(&date, |d| d.date)
            .ok()
            .map(|i| &self.days[i])
    }

    /// The episodes asked for of `date` (of `kind`), by start then id.
    pub fn episodes_on(
        &self,
        date: NaiveDate,
        kind: Option<Kind>,
    ) -> impl Iterator<Item = &'a LeanEpisode> + '_ {
        self.episodes
            .iter()
            .copied()
            .filter(move |e| e.local_date() == date && kind.is_none_or(|k| k == e.kind))
    }

    /// Whether `date` is at most `days` before the as-of date.
    pub fn is_recent(&self, date: NaiveDate, days: u32) -> bool {
        (self.as_of - date).num_days() <= i64::from(days)
    }
}

/// The episodes the rules' evidence will name, as of `as_of`: the cramps of days with a cramp
/// over the long-cramp or soreness thresholds, the twitches of days with a tongue or throat
/// twitch, and every episode of the days after the start of a medicine `medication_onset`
/// looks at. Everything else the rules read is in the summary.
pub fn wanted(slice: &SummarySlice, s: &Settings, as_of: NaiveDate) -> Vec<DayEpisodes> {
    let mut wanted = BTreeSet::new();
    let days = || slice.days.iter().filter(|d| d.date <= as_of);
    for d in days() {
        let long = d.longest_cramp_s.is_some_and(|v| v > s.long_cramp_over_s);
        let sore = d.most_sore_days.is_some_and(|v| v >= s.sore_min_days);
        if long || sore {
            wanted.insert(DayEpisodes {
                date: d.date,
                kind: Some(Kind::Cramp),
            });
        }
    }
    for site in slice
        .sites
        .iter()
        .filter(|x| x.date <= as_of && x.twitches > 0)
    {
        if BULBAR_TWITCH_SITES.contains(&site.site.as_str()) {
            wanted.insert(DayEpisodes {
                date: site.date,
                kind: Some(Kind::Twitch),
            });
        }
    }
    let window = Days::new(u64::from(s.medication_window_days));
    for med in slice.medications.iter().filter(|m| m.start <= as_of) {
        if !catalog()
            .medication_class(&med.class)
            .is_some_and(|c| c.flagged)
        {
            continue;
        }
        let until = med
            .start
            .checked_add_days(window)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
            .min(as_of);
        for d in days().filter(|d| d.date >= med.start && d.date <= until) {
            wanted.insert(DayEpisodes {
                date: d.date,
                kind: None,
            });
        }
    }
    // A date asked for whole needs no narrower ask beside it.
    let whole: BTreeSet<NaiveDate> = wanted
        .iter()
        .filter(|w| w.kind.is_none())
        .map(|w| w.date)
        .collect();
    wanted
        .into_iter()
        .filter(|w| w.kind.is_none() || !whole.contains(&w.date))
        .collect()
}
