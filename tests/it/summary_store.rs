//! The per-day summary the store keeps beside the episodes (issue 13): after any sequence of
//! writes, edits, deletes, undos, imports and bulk writes it equals a recount from the
//! episodes; a diary of the version before it is filled on upgrade; a change another program
//! made is counted too; and the pattern engine and the charts read from it exactly what they
//! read from every episode.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, Utc};
use myolog::catalog::catalog;
use myolog::domain::summary::Summary;
use myolog::domain::{DiarySlice, Episode, Kind, ReliefUse, Side, SiteRef};
use myolog::patterns::charts::Charts;
use myolog::patterns::{self, Settings};
use myolog::store::{Access, Diary};
use proptest::prelude::*;
use proptest::sample::subsequence;
use rusqlite::Connection;
use uuid::Uuid;

use crate::support::tui::{clock, now};

fn today() -> NaiveDate {
    clock().today()
}

const FIRST: &str = "2026-03-27";

fn first() -> NaiveDate {
    FIRST.parse().unwrap()
}

fn stamp() -> DateTime<Utc> {
    "2026-04-20T00:00:00Z".parse().unwrap()
}

/// Live episodes as the store reads them back.
fn live(d: &Diary) -> Vec<Episode> {
    d.load(None, None).unwrap().episodes
}

/// The summary the store keeps, all noted dates rebuilt, equals a recount from the episodes.
fn assert_summary_is_a_recount(d: &Diary) {
    let stale: i64 = d
        .connection()
        .query_row("SELECT count(*) FROM day_summary_stale", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stale, 0, "every date a write noted was summed again");
    // A bulk write sets the triggers on sites and triggers aside: they are back.
    let triggers: i64 = d
        .connection()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'day_summary_%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(triggers, 9);
    let kept = d.summary(None, None).unwrap();
    let recount = Summary::recount(&live(d));
    assert_eq!(kept, recount);
}

fn sites() -> impl Strategy<Value = Vec<SiteRef>> {
    // Sided and unsided sites of every group, the eyelid and the bulbar ones among them.
    let ids = [
        "eyelid",
        "tongue",
        "calf",
        "thigh",
        "thumb",
        "upper-arm",
        "abdomen",
        "face",
    ];
    (
        subsequence(ids.to_vec(), 1..=3),
        prop::collection::vec(0..4u8, 3),
        any::<bool>(),
    )
        .prop_map(|(picked, sides, both_calves)| {
            let mut sites: Vec<SiteRef> = picked
                .into_iter()
                .zip(sides)
                .map(|(id, side)| {
                    let info = catalog().site(id).unwrap();
                    SiteRef {
                        site: id.to_string(),
                        side: [None, Some(Side::Left), Some(Side::Right), Some(Side::Both)]
                            [side as usize]
                            .filter(|_| info.sided),
                    }
                })
                .collect();
            // Both calves, left and right apart: one episode at the calf.
            if both_calves {
                sites.retain(|s| s.site != "calf");
                sites.push(SiteRef::parse("calf:left").unwrap());
                sites.push(SiteRef::parse("calf:right").unwrap());
            }
            sites
        })
}

/// An episode within a fortnight, at any hour and offset (so local dates and nights straddle
/// UTC days), with an id from a small set so edits and imports meet existing ones.
fn episode() -> impl Strategy<Value = Episode> {
    (
        0..12u128,
        any::<bool>(),
        0..14u64,
        0..86_400u32,
        -12 * 3600..=14 * 3600i32,
        sites(),
        prop::option::of(0..=1800u32),
        prop::option::of(0..=5u16),
        subsequence(vec!["caffeine", "stress", "exercise", "late-gaming"], 0..=2),
    )
        .prop_map(
            |(id, twitch, day, secs, offset, sites, duration, sore, triggers)| {
                let offset = FixedOffset::east_opt(offset).unwrap();
                let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap();
                let date = first() + Days::new(day);
                let start = date.and_time(time).and_local_timezone(offset).unwrap();
                let kind = if twitch { Kind::Twitch } else { Kind::Cramp };
                let mut e = Episode::new(kind, start, sites, stamp());
                e.id = Uuid::from_u128(0x4000_8000_0000_0000_0000_0000_0000_0000 | id);
                e.duration_s = duration;
                e.triggers = triggers.into_iter().map(str::to_string).collect();
                if kind == Kind::Cramp {
                    e.sore_days = sore;
                    e.reliefs = vec![ReliefUse::parse("stretch:helped").unwrap()];
                }
                e
            },
        )
}

#[derive(Debug, Clone)]
enum Op {
    Log(Episode),
    /// An edit of whichever live episode this picks, to these values.
    Edit(usize, Episode),
    Delete(usize),
    Undo,
    Import(Vec<Episode>),
    Bulk(Vec<Episode>),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => episode().prop_map(Op::Log),
        2 => (any::<usize>(), episode()).prop_map(|(i, e)| Op::Edit(i, e)),
        2 => any::<usize>().prop_map(Op::Delete),
        2 => Just(Op::Undo),
        1 => prop::collection::vec(episode(), 1..6).prop_map(Op::Import),
        1 => prop::collection::vec(episode(), 1..6).prop_map(Op::Bulk),
    ]
}

/// Carries out one operation the way the command line and the UI do; refusals (an id that
/// exists, nothing to undo) are part of the sequence too.
fn apply(d: &mut Diary, op: Op, n: usize) {
    let at = stamp() + chrono::TimeDelta::seconds(n as i64);
    match op {
        Op::Log(e) => {
            let _ = d.add_episode(&e);
        }
        Op::Edit(i, e) => {
            let all = live(d);
            if !all.is_empty() {
                // An edit keeps what the episode is (its kind); everything the summary sums
                // (day, sites, duration, soreness, triggers) may change.
                let mut edited = all[i % all.len()].clone();
                edited.start = e.start;
                edited.sites = e.sites;
                edited.duration_s = e.duration_s;
                edited.triggers = e.triggers;
                if edited.kind == Kind::Cramp {
                    edited.sore_days = e.sore_days;
                }
                edited.updated = at;
                d.update_episode(&edited).unwrap();
            }
        }
        Op::Delete(i) => {
            let all = live(d);
            if !all.is_empty() {
                d.delete::<Episode>(all[i % all.len()].id, at).unwrap();
            }
        }
        Op::Undo => {
            d.undo(at).unwrap();
        }
        Op::Import(mut episodes) => {
            for e in &mut episodes {
                e.updated = at;
            }
            episodes.dedup_by_key(|e| e.id);
            let slice = DiarySlice {
                episodes,
                ..DiarySlice::default()
            };
            d.merge(slice, at).unwrap();
        }
        Op::Bulk(mut episodes) => {
            // Fresh ids, as the demo writes them.
            for e in &mut episodes {
                e.id = Uuid::new_v4();
            }
            let bulk = myolog::store::Bulk {
                episodes: &episodes,
                ..myolog::store::Bulk::default()
            };
            d.put_bulk(bulk, at).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_summary_equals_a_recount_after_any_writes(ops in prop::collection::vec(op(), 1..24)) {
        let dir = tempfile::tempdir().unwrap();
        let mut d = Diary::open(&dir.path().join("d.sqlite3"), Access::Write, stamp()).unwrap();
        for (n, op) in ops.into_iter().enumerate() {
            apply(&mut d, op, n);
            assert_summary_is_a_recount(&d);
        }
    }
}

/// A diary of the version just before the summary's (the schema every diary had before it),
/// built with SQL: episodes at late and early
/// hours with offsets that put their local date on another UTC day, one deleted, two calves
/// in one cramp.
fn previous_version_diary(path: &std::path::Path) {
    let mut conn = Connection::open(path).unwrap();
    myolog::store::migrations()
        .unwrap()
        .to_version(
            &mut conn,
            usize::try_from(myolog::store::latest_version() - 1).unwrap(),
        )
        .unwrap();
    conn.execute_batch(
        "INSERT INTO episodes (id, kind, start_utc, utc_offset_s, duration_s, sore_days,
             created_utc, updated_utc)
         VALUES ('11111111-2222-4333-8444-555555555555', 'cramp', 1763953800, 36000, 900, 3,
             1763953900, 1763953900);
         INSERT INTO episode_sites VALUES ('11111111-2222-4333-8444-555555555555', 0, 'calf', 'left');
         INSERT INTO episode_sites VALUES ('11111111-2222-4333-8444-555555555555', 1, 'calf', 'right');
         INSERT INTO episode_triggers VALUES ('11111111-2222-4333-8444-555555555555', 0, 'exercise');
         INSERT INTO episodes (id, kind, start_utc, utc_offset_s, created_utc, updated_utc)
         VALUES ('66666666-7777-4888-8999-aaaaaaaaaaaa', 'twitch', 1763938800, -18000,
             1763938800, 1763938800);
         INSERT INTO episode_sites VALUES ('66666666-7777-4888-8999-aaaaaaaaaaaa', 0, 'tongue', NULL);
         INSERT INTO episode_triggers VALUES ('66666666-7777-4888-8999-aaaaaaaaaaaa', 0, 'stress');
         INSERT INTO episodes (id, kind, start_utc, utc_offset_s, created_utc, updated_utc,
             deleted_utc)
         VALUES ('77777777-7777-4888-8999-aaaaaaaaaaaa', 'twitch', 1763938800, 0,
             1763938800, 1763938800, 1763938900);
         INSERT INTO episode_sites VALUES ('77777777-7777-4888-8999-aaaaaaaaaaaa', 0, 'thumb', 'left');",
    )
    .unwrap();
}

#[test]
fn upgrading_a_previous_version_diary_fills_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.sqlite3");
    previous_version_diary(&path);
    let d = Diary::open(&path, Access::Write, now()).unwrap();
    assert!(d.upgrade_backup().is_some());
    let version: i64 = d
        .connection()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, myolog::store::latest_version());
    assert_summary_is_a_recount(&d);
    // What the rows say, by hand: the cramp at 10:30 local on the 24th (00:30 UTC), two
    // calves counted once at the calf and apart by side; the twitch at 18:00 local on the
    // 23rd (23:00 UTC on the 23rd); the deleted one nowhere.
    let summary = d.summary(None, None).unwrap();
    let dates: Vec<String> = summary.days.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(dates, ["2025-11-23", "2025-11-24"]);
    assert_eq!(summary.days[1].cramps, 1);
    assert_eq!(summary.days[1].longest_cramp_s, Some(900));
    assert_eq!(summary.days[1].most_sore_days, Some(3));
    let calf: Vec<_> = summary.sites.iter().filter(|s| s.site == "calf").collect();
    assert_eq!((calf.len(), calf[0].cramps), (1, 1));
    assert_eq!(summary.sides.iter().filter(|s| s.site == "calf").count(), 2);
    assert!(summary.sites.iter().all(|s| s.site != "thumb"));
    assert_eq!(summary.hours[0].hour, 18);
}

#[test]
fn a_change_another_program_made_is_counted_even_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.sqlite3");
    previous_version_diary(&path);
    drop(Diary::open(&path, Access::Write, now()).unwrap());
    // Another program (sqlite3, an older sync tool) moves a twitch to another site, deletes a
    // cramp and adds a twitch.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "UPDATE episode_sites SET site = 'thumb', side = 'left'
          WHERE episode_id = '66666666-7777-4888-8999-aaaaaaaaaaaa';
         DELETE FROM episodes WHERE id = '11111111-2222-4333-8444-555555555555';
         INSERT INTO episodes (id, kind, start_utc, utc_offset_s, created_utc, updated_utc)
         VALUES ('88888888-7777-4888-8999-aaaaaaaaaaaa', 'twitch', 1763938800, 0,
             1763938800, 1763938800);
         INSERT INTO episode_sites VALUES ('88888888-7777-4888-8999-aaaaaaaaaaaa', 0, 'calf', 'left');",
    )
    .unwrap();
    drop(conn);
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o400)).unwrap();
    let read_only = Diary::open(&path, Access::Read, now()).unwrap();
    let recount = Summary::recount(&live(&read_only));
    assert!(recount.sites.iter().any(|s| s.site == "thumb"));
    assert_eq!(read_only.summary(None, None).unwrap(), recount);
    assert_eq!(
        read_only.summary_slice(None, None).unwrap().days,
        recount.days
    );
    drop(read_only);
    // Opened to write, it sums those dates again for good.
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let d = Diary::open(&path, Access::Write, now()).unwrap();
    assert_summary_is_a_recount(&d);
}

/// A demo diary on disk, for the identical-results checks.
fn demo_diary(dir: &std::path::Path, days: u32, seed: u64) -> Diary {
    let mut d = Diary::open(&dir.join("d.sqlite3"), Access::Write, now()).unwrap();
    myolog::demo::generate(days, seed, &clock())
        .write(&mut d, now())
        .unwrap();
    d
}

#[test]
fn the_engine_finds_the_same_from_the_summary_as_from_every_episode() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo_diary(dir.path(), 500, 7);
    assert_summary_is_a_recount(&d);
    let settings = Settings::default();
    // Narrow thresholds make the rules that name single cramps fire often.
    let narrow = Settings {
        long_cramp_over_s: 60,
        sore_min_days: 1,
        ..Settings::default()
    };
    let mut compared = 0;
    for back in (0..480).step_by(37) {
        let as_of = today() - Days::new(back);
        for since in [
            None,
            Some(as_of - Days::new(29)),
            Some(as_of - Days::new(364)),
        ] {
            let mut slice = d.load(since, Some(as_of)).unwrap();
            let summary = d.summary_slice(since, Some(as_of)).unwrap();
            // Every self-check up to the end on both sides, as the engine is given them (the
            // earliest is where the diary began, which medication_onset's detail names).
            slice.self_checks = summary.self_checks.clone();
            for s in [&settings, &narrow] {
                let from_episodes = patterns::evaluate_period(&slice, s, since, as_of);
                let from_summary =
                    patterns::evaluate_summary_period(&summary, s, since, as_of, |wanted| {
                        d.lean_episodes(wanted)
                    })
                    .unwrap();
                assert_eq!(
                    from_summary, from_episodes,
                    "as of {as_of}, since {since:?}"
                );
                compared += from_episodes.flags.len();
            }
            // The charts do not depend on the rules' settings.
            let charts = Charts::new(&slice.episodes, since, as_of);
            let hours = d.hour_totals(since, Some(as_of)).unwrap();
            let sides = d.side_totals(since, Some(as_of)).unwrap();
            let summed = Charts::summed(&summary, &sides, hours, since, as_of);
            assert_eq!(summed.first, charts.first);
            assert_eq!(summed.days, charts.days);
            assert_eq!(summed.weeks, charts.weeks);
            assert_eq!(summed.sites, charts.sites);
            assert_eq!(summed.hours, charts.hours);
        }
    }
    assert!(
        compared > 50,
        "the demo raises flags to compare: {compared}"
    );
}
