//! `myolog demo`: a believable synthetic diary with effects planted in it, so the pattern view
//! has something true to find, and the benchmarks a realistic load.
//!
//! The person in it twitches often (each burst is logged, about 27 episodes a day over the
//! years) and gets night cramps now and then. Twitch days are about twice as likely after 400 mg
//! of caffeine, and more likely after short sleep and on stressful days; cramp nights follow long
//! exercise and low water, are rarer after stretching before bed, and rise after an asthma
//! inhaler (a beta-2 agonist) is started part-way through. The same seed and clock give the same
//! diary.
//!
//! In a diary of 90 days or more the person also ran an experiment (DOMAIN.md section 7): after
//! four weeks of heavy coffee they cut caffeine under 100 mg for four weeks, ending a week ago,
//! keeping to it on about nine days in ten. The twitch-day chance really halves on kept days
//! (the caffeine effect above, nothing added), so the Experiments section has a true change to
//! show; what it concludes is whatever these days give.

use chrono::{
    DateTime, Datelike, Days, FixedOffset, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Poisson, StandardNormal};
use uuid::Uuid;

use crate::domain::{
    Change, CheckIn, Clock, Counts, DiarySlice, Episode, Experiment, Kind, Medication, Outcome,
    ReliefUse, SelfCheck, Side, SiteRef, TestResult,
};
use crate::portable::Record;
use crate::store::{Bulk, Diary, Result};

/// The planted effects, as multipliers of the daily chance.
pub const TWITCH_DAY_BASE: f64 = 0.30;
pub const TWITCH_CAFFEINE: f64 = 2.0;
pub const TWITCH_SHORT_SLEEP: f64 = 1.5;
pub const TWITCH_STRESS: f64 = 1.4;
/// Mean twitch bursts logged on a twitch day.
pub const BURSTS_PER_TWITCH_DAY: f64 = 82.0;
pub const CRAMP_NIGHT_BASE: f64 = 0.08;
/// The planted experiment: its length (and its baseline's), and how many days before today it
/// ended.
pub const EXPERIMENT_DAYS: u32 = 28;
pub const EXPERIMENT_ENDED_DAYS_AGO: u64 = 7;
/// The share of its days on which the cut was kept.
pub const EXPERIMENT_ADHERENCE: f64 = 0.9;

/// A generated diary, ready to write: a diary's records held in memory.
pub type Demo = DiarySlice;

impl Demo {
    /// Writes everything in one transaction.
    pub fn write(&self, diary: &mut Diary, now: DateTime<Utc>) -> Result<Counts> {
        // One transaction: a demo killed midway leaves the diary empty, so it can be run again.
        let bulk = Bulk {
            checkins: &self.checkins,
            medications: &self.medications,
            self_checks: &self.self_checks,
            episodes: &self.episodes,
            experiments: &self.experiments,
        };
        diary.put_bulk(bulk, now)?;
        Ok(self.counts())
    }
}

/// The hidden truth of one day, whether or not its check-in was kept.
struct Day {
    caffeine_mg: u32,
    sleep_h: f64,
    stress: u8,
    water_l: f64,
    alcohol: u32,
    exercise_min: u32,
    magnesium: bool,
    stretched: bool,
}

/// `days` days of diary ending today on `clock`, from `seed`, in memory.
pub fn generate<Tz: TimeZone>(days: u32, seed: u64, clock: &Clock<Tz>) -> Demo
where
    Tz::Offset: Copy,
{
    let mut demo = Demo::default();
    let made: std::result::Result<(), std::convert::Infallible> =
        generate_into(days, seed, clock, |record| {
            match record {
                Record::Episode(e) => demo.episodes.push(e),
                Record::CheckIn(c) => demo.checkins.push(c),
                Record::Medication(m) => demo.medications.push(m),
                Record::SelfCheck(s) => demo.self_checks.push(s),
                Record::Experiment(e) => demo.experiments.push(e),
            }
            Ok(())
        });
    let Ok(()) = made;
    demo
}

/// Writes `days` days of diary ending today on `clock`, from `seed`, to `diary` in one
/// transaction as they are made, a day at a time, so ten years need no more memory than a
/// day: the diary [`generate`] then [`Demo::write`] would write.
pub fn write<Tz: TimeZone>(
    days: u32,
    seed: u64,
    clock: &Clock<Tz>,
    diary: &mut Diary,
    now: DateTime<Utc>,
) -> Result<Counts>
where
    Tz::Offset: Copy,
{
    diary.put_bulk_with(now, |put| {
        generate_into(days, seed, clock, |r| put.record(&r))
    })?;
    diary.counts()
}

/// Hands every record of the demo diary to `sink` as it is made: the medication and the
/// experiment first, then day by day its check-in, self-check and episodes, the episodes
/// oldest first overall.
pub fn generate_into<Tz: TimeZone, E>(
    days: u32,
    seed: u64,
    clock: &Clock<Tz>,
    mut sink: impl FnMut(Record) -> std::result::Result<(), E>,
) -> std::result::Result<(), E>
where
    Tz::Offset: Copy,
{
    let mut rng = StdRng::seed_from_u64(seed);
    let today = clock.today();
    let first = today
        .checked_sub_days(Days::new(u64::from(days.saturating_sub(1))))
        .unwrap_or(today);
    let tz = clock.now.timezone();
    let now = clock.now_fixed();
    let stamp = |t: DateTime<FixedOffset>| t.with_timezone(&Utc);

    let inhaler_start = (days >= 60).then(|| first + Days::new(u64::from(days) * 6 / 10));
    let mut medications = Vec::new();
    if let Some(start) = inhaler_start {
        let at = local(
            &tz,
            start,
            NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
        )
        .unwrap_or(now);
        medications.push(Medication {
            id: uuid(&mut rng),
            name: "salbutamol inhaler".into(),
            class: "beta-2-agonist".into(),
            dose: Some("100 mcg, two puffs as needed".into()),
            start,
            stop: None,
            created: stamp(at),
            updated: stamp(at),
        });
    }

    for m in medications {
        sink(Record::Medication(m))?;
    }
    // The experiment draws from its own stream, so the diary up to its baseline stays what the
    // seed made before it was planted (its days' caffeine, and so their twitches, differ).
    let mut cut_rng = StdRng::seed_from_u64(seed ^ 0x0ca1_feed);
    let experiment = planted_experiment(&mut cut_rng, days, first, today, &tz, now);
    if let Some(e) = &experiment {
        sink(Record::Experiment(e.clone()))?;
    }
    // A day's episodes, sorted before they go: a night's cramps end by 06:00 the next morning,
    // before the next day's first twitch (07:00), so each day's batch follows the last.
    let mut episodes = Vec::new();
    let mut stress_level: f64 = 4.0;
    let sleep_dist = Bell { mean: 7.0, sd: 1.1 };
    let water_dist = Bell { mean: 1.9, sd: 0.5 };

    let mut date = first;
    while date <= today {
        let weekend = date.weekday().number_from_monday() >= 6;
        // Stress drifts from day to day rather than jumping.
        stress_level = (stress_level + rng.random_range(-1.5..1.5) + (4.0 - stress_level) * 0.15)
            .clamp(0.0, 10.0);
        let servings = if rng.random_bool(0.12) {
            rng.random_range(4..=6)
        } else {
            rng.random_range(0..=3)
        };
        let caffeine_mg = (0..servings)
            .map(|_| if rng.random_bool(0.6) { 95 } else { 47 })
            .sum();
        let mut day = Day {
            caffeine_mg,
            sleep_h: (sleep_dist.sample(&mut rng) * 2.0_f64)
                .round()
                .clamp(6.0, 20.0)
                / 2.0,
            stress: stress_level.round() as u8,
            water_l: (water_dist.sample(&mut rng) * 10.0_f64)
                .round()
                .clamp(3.0, 40.0)
                / 10.0,
            alcohol: if weekend && rng.random_bool(0.5) {
                rng.random_range(1..=3)
            } else {
                u32::from(rng.random_bool(0.08))
            },
            exercise_min: if rng.random_bool(0.35) {
                rng.random_range(20..=100)
            } else {
                0
            },
            magnesium: rng.random_bool(0.3),
            stretched: rng.random_bool(0.35),
        };
        if let Some(e) = &experiment {
            day.caffeine_mg = planted_caffeine(&mut cut_rng, e, date, day.caffeine_mg);
        }
        if rng.random_bool(0.9) {
            sink(Record::CheckIn(checkin_of(&mut rng, date, &day)))?;
        }

        let mut p_twitch = TWITCH_DAY_BASE;
        if day.caffeine_mg >= 400 {
            p_twitch *= TWITCH_CAFFEINE;
        }
        if day.sleep_h < 6.0 {
            p_twitch *= TWITCH_SHORT_SLEEP;
        }
        if day.stress >= 7 {
            p_twitch *= TWITCH_STRESS;
        }
        if rng.random_bool(p_twitch.min(0.95)) {
            let bursts = Poisson::new(BURSTS_PER_TWITCH_DAY)
                .map(|p| p.sample(&mut rng) as u32)
                .unwrap_or(1)
                .max(1);
            for _ in 0..bursts {
                let time = NaiveTime::from_num_seconds_from_midnight_opt(
                    rng.random_range(7 * 3600..23 * 3600),
                    0,
                )
                .unwrap_or_default();
                let Some(start) = local(&tz, date, time).filter(|t| *t <= now) else {
                    continue;
                };
                episodes.push(twitch(&mut rng, start, &day));
            }
        }

        let mut p_cramp = CRAMP_NIGHT_BASE;
        if day.exercise_min >= 60 {
            p_cramp *= 1.8;
        }
        if day.water_l < 1.5 {
            p_cramp *= 1.5;
        }
        if day.stretched {
            p_cramp *= 0.6;
        }
        if inhaler_start.is_some_and(|s| date >= s) {
            p_cramp *= 2.0;
        }
        if rng.random_bool(p_cramp.min(0.9)) {
            let count = if rng.random_bool(0.2) { 2 } else { 1 };
            for _ in 0..count {
                // From 22:00 to 05:59, the night of `date`.
                let minutes = rng.random_range(0..8 * 60);
                let (day_of, minute) = if minutes < 120 {
                    (date, 22 * 60 + minutes)
                } else {
                    (date + Days::new(1), minutes - 120)
                };
                let time = NaiveTime::from_num_seconds_from_midnight_opt(minute * 60, 0)
                    .unwrap_or_default();
                let Some(start) = local(&tz, day_of, time).filter(|t| *t <= now) else {
                    continue;
                };
                episodes.push(cramp(&mut rng, start));
            }
        }

        if (date - first).num_days() % 60 == 30 {
            let checked = stamp(
                local(
                    &tz,
                    date,
                    NaiveTime::from_hms_opt(20, 0, 0).unwrap_or_default(),
                )
                .unwrap_or(now),
            );
            sink(Record::SelfCheck(SelfCheck {
                id: uuid(&mut rng),
                date,
                heel_walk: Some(TestResult::Ok),
                jar: Some(TestResult::Ok),
                stairs: Some(TestResult::Ok),
                symptoms: Vec::new(),
                created: checked,
                updated: checked,
            }))?;
        }
        episodes.sort_by_key(|e: &Episode| e.start);
        for e in episodes.drain(..) {
            sink(Record::Episode(e))?;
        }
        date = date + Days::new(1);
    }
    Ok(())
}

/// The caffeine cut, in a diary long enough to hold it and its baseline: 28 days under 100 mg
/// ending a week before today, after 28 days of heavy coffee.
fn planted_experiment<Tz: TimeZone>(
    rng: &mut StdRng,
    days: u32,
    first: NaiveDate,
    today: NaiveDate,
    tz: &Tz,
    now: DateTime<FixedOffset>,
) -> Option<Experiment>
where
    Tz::Offset: Copy,
{
    if days < 90 {
        return None;
    }
    let end = today.checked_sub_days(Days::new(EXPERIMENT_ENDED_DAYS_AGO))?;
    let start = end.checked_sub_days(Days::new(u64::from(EXPERIMENT_DAYS - 1)))?;
    let at = local(
        tz,
        start,
        NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
    )
    .unwrap_or(now)
    .with_timezone(&Utc);
    let mut e = Experiment::new(
        "caffeine cut",
        Change::NoCaffeine,
        Outcome::TwitchDay,
        start,
        EXPERIMENT_DAYS,
        at,
    )?;
    e.id = uuid(rng);
    (e.baseline().0 >= first).then_some(e)
}

/// The day's caffeine around the planted experiment: heavy on most baseline days (why the cut
/// was tried), under 100 mg on the days the cut was kept, the usual otherwise.
fn planted_caffeine(rng: &mut StdRng, e: &Experiment, date: NaiveDate, usual: u32) -> u32 {
    let (baseline_from, _) = e.baseline();
    if (baseline_from..e.start).contains(&date) {
        if rng.random_bool(0.85) {
            // Five to seven coffees.
            95 * rng.random_range(5..=7)
        } else {
            usual
        }
    } else if e.covers(date) && rng.random_bool(EXPERIMENT_ADHERENCE) {
        // Nothing, a tea, an espresso or one coffee.
        [0, 47, 63, 95][rng.random_range(0..4)]
    } else {
        usual
    }
}

fn checkin_of(rng: &mut StdRng, date: NaiveDate, day: &Day) -> CheckIn {
    // Now and then a field is left out, as people do.
    let mut known = || rng.random_bool(0.95);
    CheckIn {
        date,
        sleep_h: known().then_some(day.sleep_h),
        caffeine_mg: known().then_some(day.caffeine_mg),
        stress: known().then_some(day.stress),
        water_l: known().then_some(day.water_l),
        alcohol: known().then_some(day.alcohol),
        exercise_min: known().then_some(day.exercise_min),
        magnesium: known().then_some(day.magnesium),
        stretched: known().then_some(day.stretched),
        experiment_kept: None,
        note: None,
        created: None,
        updated: None,
    }
}

fn twitch(rng: &mut StdRng, start: DateTime<FixedOffset>, day: &Day) -> Episode {
    const SITES: [(&str, u32); 10] = [
        ("eyelid", 50),
        ("calf", 14),
        ("thumb", 8),
        ("upper-arm", 8),
        ("thigh", 6),
        ("face", 4),
        ("foot", 4),
        ("forearm", 3),
        ("upper-back", 2),
        ("abdomen", 1),
    ];
    let site = weighted(rng, &SITES);
    let created = start.with_timezone(&Utc);
    let mut e = Episode::new(Kind::Twitch, start, vec![site_ref(rng, site)], created);
    e.id = uuid(rng);
    e.duration_s = Some(rng.random_range(5..=240));
    e.intensity = Some(weighted(rng, &[(1, 35), (2, 30), (3, 20), (4, 10), (5, 5)]));
    e.visible = Some(rng.random_bool(0.3));
    let mut tag = |rng: &mut StdRng, cond: bool, name: &str| {
        if cond && rng.random_bool(0.4) {
            e.triggers.push(name.to_string());
        }
    };
    tag(rng, day.caffeine_mg >= 300, "caffeine");
    tag(rng, day.sleep_h < 6.5, "poor-sleep");
    tag(rng, day.stress >= 6, "stress");
    tag(rng, true, "screen-time");
    e
}

fn cramp(rng: &mut StdRng, start: DateTime<FixedOffset>) -> Episode {
    let site = weighted(
        rng,
        &[
            ("calf", 60),
            ("foot", 20),
            ("hamstring", 10),
            ("thigh", 7),
            ("toes", 3),
        ],
    );
    let created = start.with_timezone(&Utc);
    let mut e = Episode::new(Kind::Cramp, start, vec![site_ref(rng, site)], created);
    e.id = uuid(rng);
    e.duration_s = Some(if rng.random_bool(0.01) {
        rng.random_range(660..=900)
    } else {
        rng.random_range(20..=480)
    });
    e.pain = Some(rng.random_range(3..=9));
    e.hardening = Some(rng.random_bool(0.8));
    e.lost_motion = Some(rng.random_bool(0.6));
    e.sore_days = Some(weighted(rng, &[(0, 70), (1, 26), (2, 3), (3, 1)]));
    let relief = weighted(
        rng,
        &[
            ("stretch", 60),
            ("walking", 20),
            ("massage", 15),
            ("heat", 5),
        ],
    );
    e.reliefs.push(ReliefUse {
        relief: relief.into(),
        helped: Some(rng.random_bool(if relief == "stretch" { 0.8 } else { 0.5 })),
    });
    if rng.random_bool(0.3) {
        e.triggers.push("exercise".into());
    }
    e
}

fn site_ref(rng: &mut StdRng, site: &str) -> SiteRef {
    SiteRef {
        site: site.to_string(),
        side: match site {
            "upper-back" | "abdomen" => None,
            _ => Some(if rng.random_bool(0.5) {
                Side::Left
            } else {
                Side::Right
            }),
        },
    }
}

fn weighted<T: Copy>(rng: &mut StdRng, choices: &[(T, u32)]) -> T {
    let total: u32 = choices.iter().map(|c| c.1).sum();
    let mut pick = rng.random_range(0..total.max(1));
    for &(value, weight) in choices {
        if pick < weight {
            return value;
        }
        pick -= weight;
    }
    choices[0].0
}

/// A normal distribution of a constant mean and spread: what `rand_distr::Normal` samples,
/// without its check of parameters that, being constants here, are known to be valid.
struct Bell {
    mean: f64,
    sd: f64,
}

impl Bell {
    fn sample(&self, rng: &mut StdRng) -> f64 {
        self.mean + self.sd * rng.sample::<f64, _>(StandardNormal)
    }
}

fn uuid(rng: &mut StdRng) -> Uuid {
    uuid::Builder::from_random_bytes(rng.random()).into_uuid()
}

/// A local wall-clock time; a time skipped by a clock change is left out, and one that happened
/// twice is taken the first time.
fn local<Tz: TimeZone>(tz: &Tz, date: NaiveDate, time: NaiveTime) -> Option<DateTime<FixedOffset>> {
    match tz.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.fixed_offset()),
        LocalResult::None => None,
    }
}

#[cfg(test)]
mod streamed {
    use super::*;
    use crate::store::Access;

    #[test]
    fn writing_as_made_gives_the_diary_made_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let now = DateTime::parse_from_rfc3339("2026-11-25T10:00:00-08:00").unwrap();
        let clock = Clock::new(now);
        let utc = now.to_utc();
        let open = |name: &str| Diary::open(&dir.path().join(name), Access::Write, utc).unwrap();
        let mut whole = open("whole.sqlite3");
        let demo = generate(120, 3, &clock);
        let written = demo.write(&mut whole, utc).unwrap();
        let mut streamed = open("streamed.sqlite3");
        assert_eq!(write(120, 3, &clock, &mut streamed, utc).unwrap(), written);
        assert!(whole.load(None, None).unwrap() == streamed.load(None, None).unwrap());
        // Oldest first, as before.
        assert!(demo.episodes.is_sorted_by_key(|e| e.start));
    }
}
