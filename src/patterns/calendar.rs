//! The diary indexed by local date, built once per evaluation so every rule walks days rather
//! than re-scanning episodes. Only entries on or before the as-of date are kept: evaluating as
//! of a past day sees the diary as it stood then.

use std::collections::HashMap;

use foldhash::fast::FixedState;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::catalog::catalog;
use crate::domain::{CheckIn, DiarySlice, Episode, Kind, SelfCheck};

/// Twitches at this site do not count towards spread (DOMAIN.md section 4: eyelid twitching is
/// usually stress, sleep and caffeine).
const SPREAD_IGNORED_SITE: &str = "eyelid";
/// A twitch at one of these sites raises `red_flag_bulbar`.
pub const BULBAR_TWITCH_SITES: [&str; 2] = ["tongue", "throat"];

/// What one local date holds. Episode references are indexes into [`Calendar::episodes`].
#[derive(Debug, Clone)]
pub struct Day<'a> {
    pub date: NaiveDate,
    pub checkin: Option<&'a CheckIn>,
    /// Twitches that started on this date, in start order.
    pub twitches: Vec<u32>,
    /// Cramps that started on this date, in start order.
    pub cramps: Vec<u32>,
    /// Nocturnal cramps belonging to the night of this date (some start the next morning).
    pub night_cramps: Vec<u32>,
    /// Body groups (bits in catalogue order) with a twitch that counts towards spread.
    pub spread_groups: u32,
    /// A twitch this day was tagged with an obvious trigger.
    pub obvious_tag: bool,
}

impl Day<'_> {
    fn new(date: NaiveDate) -> Self {
        Day {
            date,
            checkin: None,
            twitches: Vec::new(),
            cramps: Vec::new(),
            night_cramps: Vec::new(),
            spread_groups: 0,
            obvious_tag: false,
        }
    }

    pub fn is_twitch_day(&self) -> bool {
        !self.twitches.is_empty()
    }

    pub fn is_cramp_day(&self) -> bool {
        !self.cramps.is_empty()
    }

    pub fn is_cramp_night(&self) -> bool {
        !self.night_cramps.is_empty()
    }
}

/// The diary as of a date, by day.
#[derive(Debug)]
pub struct Calendar<'a> {
    pub as_of: NaiveDate,
    /// Episodes on or before the as-of date, oldest first.
    pub episodes: Vec<&'a Episode>,
    /// Every date with an episode, a nocturnal cramp night or a check-in, oldest first.
    pub days: Vec<Day<'a>>,
    /// Self-checks on or before the as-of date, oldest first.
    pub self_checks: Vec<&'a SelfCheck>,
    /// The slice itself, for what is not indexed by day (medications).
    pub slice: &'a DiarySlice,
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

/// The spread groups one twitch counts in.
pub fn spread_bits(episode: &Episode) -> u32 {
    let groups = site_groups();
    episode
        .sites
        .iter()
        .filter_map(|s| groups.get(s.site.as_str()).copied().flatten())
        .fold(0, |acc, bit| acc | bit)
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
    pub fn new(slice: &'a DiarySlice, as_of: NaiveDate) -> Self {
        let mut episodes: Vec<&Episode> = slice
            .episodes
            .iter()
            .filter(|e| e.local_date() <= as_of)
            .collect();
        // The store gives them oldest first already; a stable sort keeps that cheap.
        episodes.sort_by_key(|e| e.start);
        let mut self_checks: Vec<&SelfCheck> = slice
            .self_checks
            .iter()
            .filter(|c| c.date <= as_of)
            .collect();
        self_checks.sort_by_key(|c| (c.date, c.created));

        let mut index: HashMap<NaiveDate, usize, FixedState> = HashMap::default();
        let mut days: Vec<Day> = Vec::new();
        // Episodes come in time order, many a day: the last day found usually is the one.
        let mut last: Option<(NaiveDate, usize)> = None;
        let mut day_of = |date: NaiveDate, days: &mut Vec<Day<'a>>| -> usize {
            if let Some((d, i)) = last
                && d == date
            {
                return i;
            }
            let i = *index.entry(date).or_insert_with(|| {
                days.push(Day::new(date));
                days.len() - 1
            });
            last = Some((date, i));
            i
        };
        for checkin in slice.checkins.iter().filter(|c| c.date <= as_of) {
            let i = day_of(checkin.date, &mut days);
            days[i].checkin = Some(checkin);
        }
        for (n, e) in episodes.iter().enumerate() {
            let n = n as u32;
            let i = day_of(e.local_date(), &mut days);
            let day = &mut days[i];
            match e.kind {
                Kind::Twitch => {
                    day.twitches.push(n);
                    day.spread_groups |= spread_bits(e);
                    day.obvious_tag |= e.triggers.iter().any(|t| is_obvious_trigger(t));
                }
                Kind::Cramp => {
                    day.cramps.push(n);
                    if let Some(night) = e.night_of() {
                        let i = day_of(night, &mut days);
                        days[i].night_cramps.push(n);
                    }
                }
            }
        }
        days.sort_by_key(|d| d.date);
        Calendar {
            as_of,
            episodes,
            days,
            self_checks,
            slice,
        }
    }

    pub fn episode(&self, n: u32) -> &'a Episode {
        self.episodes[n as usize]
    }

    pub fn twitch_days(&self) -> impl Iterator<Item = &Day<'a>> {
        self.days.iter().filter(|d| d.is_twitch_day())
    }

    /// Whether `date` is at most `days` before the as-of date.
    pub fn is_recent(&self, date: NaiveDate, days: u32) -> bool {
        (self.as_of - date).num_days() <= i64::from(days)
    }
}
