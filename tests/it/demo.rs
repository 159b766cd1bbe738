//! `myolog demo`: the same seed and clock make the same diary, another seed another, it never
//! writes into a diary that has entries, and the effects it plants are really in the data.

use crate::support::cli as common;

use std::collections::HashSet;

use common::{Env, assert_refused};

#[test]
fn the_same_seed_makes_the_same_diary() {
    let a = Env::new();
    let b = Env::new();
    let c = Env::new();
    a.ok(&["demo", "--days", "200", "--seed", "7"]);
    b.ok(&["demo", "--days", "200", "--seed", "7"]);
    c.ok(&["demo", "--days", "200", "--seed", "8"]);
    let listed = a.ok(&["list", "--json"]);
    let episodes: Vec<serde_json::Value> = serde_json::from_str(&listed).unwrap();
    assert!(
        episodes.len() > 1000,
        "a believable diary: {}",
        episodes.len()
    );
    assert_eq!(listed, b.ok(&["list", "--json"]));
    assert_ne!(listed, c.ok(&["list", "--json"]));
    assert_eq!(
        a.ok(&["med", "list", "--json"]),
        b.ok(&["med", "list", "--json"])
    );
    // Check-ins too, row for row.
    let rows = |env: &Env| -> Vec<String> {
        let conn = common::sql(&env.db);
        let mut stmt = conn
            .prepare(
                "SELECT date, sleep_h, caffeine_mg, stress, water_l FROM checkins ORDER BY date",
            )
            .unwrap();
        stmt.query_map([], |r| {
            Ok(format!(
                "{}|{:?}|{:?}|{:?}|{:?}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<f64>>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<f64>>(4)?
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let checkins = rows(&a);
    assert!(checkins.len() > 150, "{}", checkins.len());
    assert_eq!(checkins, rows(&b));
    assert_ne!(checkins, rows(&c));
    // The whole diary ends today and nothing is in the future.
    assert_eq!(checkins.last().unwrap()[..10], *"2026-11-25");
    let newest = episodes[0]["start"].as_str().unwrap();
    assert!(newest <= "2026-11-25T10:15:00Z", "{newest}");
}

#[test]
fn demo_refuses_a_diary_with_entries_and_writes_nothing() {
    let env = Env::new();
    env.ok(&["checkin", "--sleep", "7"]);
    let before = env.diary_bytes().unwrap();
    let out = env.run(&["demo", "--days", "30"]);
    let line = assert_refused(&out, "already has entries");
    assert!(line.contains(&env.db.display().to_string()), "{line}");
    assert_eq!(env.diary_bytes().unwrap(), before);
    assert!(env.list(&[]).is_empty());
}

/// Twitch-day proportions on exposed and unexposed check-in days.
struct Split {
    exposed: (u32, u32),
    unexposed: (u32, u32),
}

impl Split {
    fn ratio(&self) -> f64 {
        let p = |(days, hits): (u32, u32)| f64::from(hits) / f64::from(days);
        p(self.exposed) / p(self.unexposed)
    }
}

#[test]
fn twitch_days_follow_high_caffeine_and_short_sleep() {
    // Three years of the demo as `myolog demo` makes them (the same generator writes them; the
    // test above shows what lands in the diary), looked at in memory.
    let demo = myolog::demo::generate(1100, 7, &crate::support::tui::clock());
    let twitch_days: HashSet<String> = demo
        .episodes
        .iter()
        .filter(|e| e.kind == myolog::domain::Kind::Twitch)
        .map(|e| e.local_date().to_string())
        .collect();
    let checkins = demo.checkins;
    assert!(checkins.len() > 900, "{}", checkins.len());

    let split = |exposed: &dyn Fn(&myolog::domain::CheckIn) -> Option<bool>| {
        let mut s = Split {
            exposed: (0, 0),
            unexposed: (0, 0),
        };
        for c in &checkins {
            let Some(is_exposed) = exposed(c) else {
                continue; // unknown is neither
            };
            let cell = if is_exposed {
                &mut s.exposed
            } else {
                &mut s.unexposed
            };
            cell.0 += 1;
            cell.1 += u32::from(twitch_days.contains(&c.date.to_string()));
        }
        s
    };
    let caffeine = split(&|c| c.caffeine_mg.map(|mg| mg >= 400));
    let sleep = split(&|c| c.sleep_h.map(|h| h < 6.0));
    assert!(caffeine.exposed.0 >= 30, "enough high-caffeine days");
    assert!(sleep.exposed.0 >= 30, "enough short-sleep days");
    assert!(
        caffeine.ratio() > 1.4,
        "caffeine ratio {:.2}",
        caffeine.ratio()
    );
    assert!(
        sleep.ratio() > 1.3,
        "short-sleep ratio {:.2}",
        sleep.ratio()
    );
    // A factor with no planted effect on twitches shows none: the comparison can tell.
    let magnesium = split(&|c| c.magnesium);
    assert!(
        (0.8..1.25).contains(&magnesium.ratio()),
        "magnesium ratio {:.2}",
        magnesium.ratio()
    );
}
