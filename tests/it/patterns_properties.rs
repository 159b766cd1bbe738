//! Properties over arbitrary diaries that the domain validation accepts: the engine never
//! panics (whatever the valid settings and as-of date), and a check-in on a day far from every
//! entry, with no exposure, never changes a flag.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, Utc};
use myolog::catalog::catalog;
use myolog::domain::{
    CheckIn, DiarySlice, Episode, Kind, Medication, ReliefUse, SelfCheck, Side, SiteRef, TestResult,
};
use myolog::patterns::{Settings, evaluate};
use proptest::prelude::*;
use proptest::sample::subsequence;
use uuid::Uuid;

const FIRST: &str = "2025-01-01";
const SPAN_DAYS: u64 = 120;

fn first() -> NaiveDate {
    NaiveDate::parse_from_str(FIRST, "%Y-%m-%d").unwrap()
}

fn stamp() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn date_in_span() -> impl Strategy<Value = NaiveDate> {
    (0..SPAN_DAYS).prop_map(|d| first() + Days::new(d))
}

fn sites() -> impl Strategy<Value = Vec<SiteRef>> {
    let n = catalog().sites.len();
    (
        subsequence((0..n).collect::<Vec<_>>(), 1..=3),
        prop::collection::vec(prop::option::of(0..3u8), 3),
    )
        .prop_map(|(picked, sides)| {
            picked
                .into_iter()
                .zip(sides)
                .map(|(i, side)| {
                    let info = &catalog().sites[i];
                    SiteRef {
                        site: info.id.clone(),
                        side: if info.sided {
                            side.map(|s| [Side::Left, Side::Right, Side::Both][s as usize])
                        } else {
                            None
                        },
                    }
                })
                .collect()
        })
}

fn triggers() -> impl Strategy<Value = Vec<String>> {
    let mut names: Vec<String> = catalog().triggers.iter().map(|t| t.id.clone()).collect();
    names.push("late-gaming".into());
    subsequence(names, 0..=3)
}

fn episode() -> impl Strategy<Value = Episode> {
    (
        any::<bool>(),
        date_in_span(),
        0..86_400u32,
        -12 * 3600..=14 * 3600i32,
        sites(),
        prop::option::of(0..=myolog::domain::time::MAX_DURATION_S),
        prop::option::of(0..=10u8),
        prop::option::of(0..=60u16),
        triggers(),
        prop::option::of(any::<bool>()),
    )
        .prop_map(
            |(twitch, date, secs, offset, sites, duration, level, sore, triggers, yes)| {
                let offset = FixedOffset::east_opt(offset).unwrap();
                let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap();
                let start = date.and_time(time).and_local_timezone(offset).unwrap();
                let kind = if twitch { Kind::Twitch } else { Kind::Cramp };
                let mut e = Episode::new(kind, start, sites, stamp());
                e.duration_s = duration;
                e.triggers = triggers;
                match kind {
                    Kind::Twitch => {
                        e.intensity = level.map(|l| l % 5 + 1);
                        e.visible = yes;
                    }
                    Kind::Cramp => {
                        e.pain = level;
                        e.hardening = yes;
                        e.lost_motion = yes.map(|y| !y);
                        e.sore_days = sore;
                        e.reliefs = vec![ReliefUse {
                            relief: "stretch".into(),
                            helped: yes,
                        }];
                    }
                }
                e
            },
        )
}

fn checkin_on(date: NaiveDate) -> impl Strategy<Value = CheckIn> {
    (
        prop::option::of(0.0..=24.0f64),
        prop::option::of(0..=5000u32),
        prop::option::of(0..=10u8),
        prop::option::of(0.0..=20.0f64),
        prop::option::of(0..=100u32),
        prop::option::of(0..=1440u32),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
    )
        .prop_map(
            move |(sleep_h, caffeine_mg, stress, water_l, alcohol, exercise_min, mg, st)| CheckIn {
                date,
                sleep_h,
                caffeine_mg,
                stress,
                water_l,
                alcohol,
                exercise_min,
                magnesium: mg,
                stretched: st,
                experiment_kept: None,
                note: None,
                created: None,
                updated: None,
            },
        )
}

fn medication() -> impl Strategy<Value = Medication> {
    let classes: Vec<String> = catalog()
        .medication_classes
        .iter()
        .map(|c| c.id.clone())
        .collect();
    (
        prop::sample::select(classes),
        date_in_span(),
        prop::option::of(0..200u64),
    )
        .prop_map(|(class, start, stop)| Medication {
            id: Uuid::new_v4(),
            name: class.clone(),
            class,
            dose: None,
            start,
            stop: stop.map(|d| start + Days::new(d)),
            created: stamp(),
            updated: stamp(),
        })
}

fn self_check() -> impl Strategy<Value = SelfCheck> {
    let result = || {
        prop::option::of(
            prop::bool::ANY.prop_map(|ok| if ok { TestResult::Ok } else { TestResult::Fail }),
        )
    };
    let symptoms: Vec<String> = catalog().symptoms.iter().map(|s| s.id.clone()).collect();
    (
        date_in_span(),
        result(),
        result(),
        result(),
        subsequence(symptoms, 0..=3),
    )
        .prop_map(|(date, heel_walk, jar, stairs, symptoms)| SelfCheck {
            id: Uuid::new_v4(),
            date,
            heel_walk,
            jar,
            stairs,
            symptoms,
            created: stamp(),
            updated: stamp(),
        })
}

/// A diary of valid entries: what fails the domain validation is dropped.
fn diary() -> impl Strategy<Value = DiarySlice> {
    (
        prop::collection::vec(episode(), 0..150),
        prop::collection::btree_set(0..SPAN_DAYS, 0..60),
        prop::collection::vec(medication(), 0..3),
        prop::collection::vec(self_check(), 0..4),
    )
        .prop_flat_map(|(mut episodes, checkin_days, medications, self_checks)| {
            episodes.retain(|e| e.validate().is_ok());
            episodes.sort_by_key(|e| e.start);
            let checkins: Vec<_> = checkin_days
                .into_iter()
                .map(|d| checkin_on(first() + Days::new(d)))
                .collect();
            (
                Just(episodes),
                checkins,
                Just(medications),
                Just(self_checks),
            )
        })
        .prop_map(|(episodes, checkins, medications, mut self_checks)| {
            self_checks.retain(|c| c.validate().is_ok());
            let checkins = checkins
                .into_iter()
                .filter(|c: &CheckIn| c.validate().is_ok())
                .collect();
            DiarySlice {
                episodes,
                checkins,
                medications: medications
                    .into_iter()
                    .filter(|m| m.validate().is_ok())
                    .collect(),
                self_checks,
                experiments: Vec::new(),
            }
        })
}

/// Settings that pass their own validation, from small to extreme.
fn settings() -> impl Strategy<Value = Settings> {
    (
        (0..=40u32, 0..=60u32, 0.0..=1.0f64, 1..=u32::MAX),
        (1..=30u32, 1..=6u32, 1..=6u32, 0..=u32::MAX),
        (1..=10u32, 1..=30u32, 1..=u32::MAX, 0..=10u32),
        (0.0..=10.0f64, 0..=u32::MAX, 0..=20u32, 0.01..=0.999f64),
        0.01..=10.0f64,
    )
        .prop_map(
            |(
                (gap, span, share, spread),
                (nwin, wide, multi, long),
                (nights, medwin, _big, medmin),
                (ratio, active, enough, conf),
                corr,
            )| {
                let s = Settings {
                    spell_max_gap_days: gap,
                    persistent_min_span_days: span,
                    obvious_trigger_share: share,
                    spread_window_days: spread,
                    widespread_min_groups: wide,
                    multiple_places_min_groups: multi,
                    long_cramp_over_s: long,
                    nocturnal_min_nights: nights,
                    nocturnal_window_days: nwin,
                    medication_window_days: medwin,
                    medication_min_episodes: medmin,
                    medication_ratio: ratio,
                    active_within_days: active,
                    enough_data_days: enough,
                    confidence: conf,
                    zero_cell_correction: corr,
                    ..Settings::default()
                };
                assert!(s.validate().is_ok());
                s
            },
        )
}

fn as_of() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        4 => (0..SPAN_DAYS + 60).prop_map(|d| first() + Days::new(d)),
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_engine_never_panics(d in diary(), s in settings(), as_of in as_of()) {
        let findings = evaluate(&d, &s, as_of);
        for flag in &findings.flags {
            prop_assert!(flag.first_met <= flag.last_seen && flag.last_seen <= as_of);
            prop_assert!(!flag.evidence.dates.is_empty());
            prop_assert!(flag.evidence.dates.iter().all(|d| *d <= as_of));
            // The flag is what its occurrences say: the most serious level, the first met,
            // the latest seen, active when one is; listed latest first.
            let occurrences = &flag.evidence.occurrences;
            prop_assert!(!occurrences.is_empty());
            prop_assert_eq!(Some(flag.level), occurrences.iter().map(|o| o.level).min());
            prop_assert_eq!(Some(flag.first_met), occurrences.iter().map(|o| o.met).min());
            prop_assert_eq!(flag.last_seen, occurrences[0].last);
            prop_assert_eq!(flag.active, occurrences.iter().any(|o| o.active));
            for o in occurrences {
                prop_assert!(o.first <= o.last && o.met <= as_of && o.last <= as_of);
            }
            for pair in occurrences.windows(2) {
                prop_assert!(pair[0].last >= pair[1].last);
            }
        }
        for pair in findings.flags.windows(2) {
            let key = |f: &myolog::patterns::Flag| (!f.active, f.level, f.first_met);
            prop_assert!(key(&pair[0]) <= key(&pair[1]));
        }
        for row in &findings.factors {
            prop_assert!(row.exposed_outcome_days <= row.exposed_days);
            prop_assert!(row.unexposed_outcome_days <= row.unexposed_days);
            if let (Some(low), Some(r), Some(high)) = (row.ci_low, row.ratio, row.ci_high) {
                prop_assert!(low <= r && r <= high);
            }
        }
        prop_assert!(serde_json::to_string(&findings).is_ok());
    }

    /// DOMAIN.md section 4: `first_met` is the first as-of date on which the rule holds.
    #[test]
    fn as_of_first_met_shows_each_flag_and_the_day_before_does_not(
        d in diary(),
        s in settings(),
        as_of_offset in 0..SPAN_DAYS + 60,
    ) {
        let as_of = first() + Days::new(as_of_offset);
        let key = |f: &myolog::patterns::Flag| {
            (f.id, f.evidence.medication.as_ref().map(|m| m.id))
        };
        for flag in evaluate(&d, &s, as_of).flags {
            let shown = |day: NaiveDate| evaluate(&d, &s, day).flags.iter().any(|f| key(f) == key(&flag));
            prop_assert!(shown(flag.first_met), "{} as of {}", flag.id, flag.first_met);
            let before = flag.first_met.pred_opt().unwrap();
            prop_assert!(!shown(before), "{} already as of {}", flag.id, before);
        }
    }

    #[test]
    fn an_unrelated_checkin_never_changes_a_flag(
        d in diary(),
        days_before in 60..400u64,
        sleep in 6.0..=24.0f64,
        caffeine in 0..400u32,
        stress in 0..7u8,
        as_of_offset in 0..SPAN_DAYS + 60,
    ) {
        let as_of = first() + Days::new(as_of_offset);
        let before = evaluate(&d, &Settings::default(), as_of);
        let mut more = d.clone();
        // Long before every entry (entries start on FIRST), and no exposure.
        more.checkins.insert(0, CheckIn {
            sleep_h: Some(sleep),
            caffeine_mg: Some(caffeine),
            stress: Some(stress),
            water_l: Some(2.0),
            alcohol: Some(0),
            exercise_min: Some(0),
            magnesium: Some(false),
            stretched: Some(false),
            ..CheckIn::empty(first() - Days::new(days_before))
        });
        let after = evaluate(&more, &Settings::default(), as_of);
        prop_assert_eq!(
            without_coverage(before.flags),
            without_coverage(after.flags)
        );
    }
}

/// `flags` without `medication_onset`'s detail: a check-in before every entry is where the diary
/// began, so that detail rightly says it now covers the days before a start.
fn without_coverage(mut flags: Vec<myolog::patterns::Flag>) -> Vec<myolog::patterns::Flag> {
    for f in flags
        .iter_mut()
        .filter(|f| f.id == myolog::patterns::RuleId::MedicationOnset)
    {
        f.detail.clear();
        for o in &mut f.evidence.occurrences {
            o.detail.clear();
        }
    }
    flags
}
