//! The Patterns screen and Today's flag banner, driven by keys as a user types them: the period
//! selector recomputes, Enter and Esc open and close a flag's evidence, a change to the diary
//! shows at once, and the banner counts what the whole diary says is active.

use crate::support::tui as tui_common;

use chrono::{DateTime, Days, NaiveDate};
use myolog::domain::{Episode, Kind, SiteRef};
use myolog::patterns::banner::ActiveFlags;
use myolog::patterns::{self, Level, RuleId, Settings};
use myolog::store::Diary;
use myolog::tui::{App, Period, Section, Tab, active_flags};
use tui_common::*;

fn today() -> NaiveDate {
    clock().today()
}

/// The small diary plus a 12-minute cramp on 1 June, outside the last 90 days.
fn with_an_old_long_cramp(dir: &std::path::Path) -> Diary {
    let mut d = small_diary(dir);
    let mut cramp = Episode::new(
        Kind::Cramp,
        DateTime::parse_from_rfc3339("2026-06-01T23:30:00+02:00").unwrap(),
        vec![SiteRef::parse("calf:left").unwrap()],
        now(),
    );
    cramp.duration_s = Some(12 * 60);
    d.add_episode(&cramp).unwrap();
    d
}

fn flag_ids(a: &App) -> Vec<RuleId> {
    a.patterns().flags().iter().map(|f| f.id).collect()
}

#[test]
fn the_period_selector_recomputes_the_findings() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(with_an_old_long_cramp(dir.path()));
    press(&mut a, "4");
    assert_eq!(a.tab(), Tab::Patterns);
    assert_eq!(a.patterns().period(), Period::Last90);
    assert_eq!(flag_ids(&a), vec![RuleId::TwitchMultiplePlaces]);
    assert!(screen(&a, 80, 24).contains("[90 days]"));

    press(&mut a, "p");
    assert_eq!(a.patterns().period(), Period::Last365);
    // The June cramp is in the last 365 days: shown, after the active flag, as it is no
    // longer active.
    assert_eq!(
        flag_ids(&a),
        vec![RuleId::TwitchMultiplePlaces, RuleId::CrampOver10Min]
    );
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("[365 days]") && s.contains("2025-11-26 to 2026-11-25"),
        "{s}"
    );
    assert!(
        s.contains("!! SEE A DOCTOR: A cramp lasting more than 10 minutes (last seen 2026-06-01)")
    );

    press(&mut a, "p");
    assert_eq!(a.patterns().period(), Period::All);
    assert_eq!(flag_ids(&a).len(), 2);
    press(&mut a, "p");
    assert_eq!(a.patterns().period(), Period::Last30);
    assert_eq!(flag_ids(&a), vec![RuleId::TwitchMultiplePlaces]);
    // P goes back.
    press(&mut a, "P");
    assert_eq!(a.patterns().period(), Period::All);
    assert!(screen(&a, 120, 40).contains("[all]"));
}

#[test]
fn enter_opens_a_flags_evidence_and_esc_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(with_an_old_long_cramp(dir.path()));
    keys(&mut a, "4 p");
    // The first flag is marked; Down marks the next one.
    assert_eq!(
        a.patterns().selected_flag().map(|f| f.id),
        Some(RuleId::TwitchMultiplePlaces)
    );
    press(&mut a, "j");
    assert_eq!(
        a.patterns().selected_flag().map(|f| f.id),
        Some(RuleId::CrampOver10Min)
    );
    keys(&mut a, "k j");
    press(&mut a, "enter");
    assert!(a.patterns().evidence_open());
    let s = screen(&a, 80, 24);
    assert!(s.contains("Evidence: Esc closes"), "{s}");
    assert!(
        s.contains("Status: last seen 2026-06-01, not active now; first met 2026-06-01"),
        "{s}"
    );
    assert!(s.contains("Dates: 2026-06-01"), "{s}");
    assert!(
        s.contains("Guidance: See a GP if a cramp lasts longer"),
        "{s}"
    );
    assert!(s.contains("Esc close"), "the footer says how out: {s}");
    // Section keys do nothing while it is open; Esc closes it.
    press(&mut a, "right");
    assert_eq!(a.patterns().section(), Section::Flags);
    press(&mut a, "esc");
    assert!(!a.patterns().evidence_open());
    assert!(!screen(&a, 80, 24).contains("Evidence:"));
    // Enter does nothing away from the flags.
    keys(&mut a, "right enter");
    assert_eq!(a.patterns().section(), Section::Triggers);
    assert!(!a.patterns().evidence_open());
}

#[test]
fn no_flag_says_so_plainly_and_no_more() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(empty_diary(dir.path()));
    press(&mut a, "4");
    assert!(a.patterns().flags().is_empty());
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("Nothing here meets a see-a-doctor threshold."),
        "{s}"
    );
    assert!(!s.contains("Enter shows the evidence"));
    // Enter has nothing to open.
    press(&mut a, "enter");
    assert!(!a.patterns().evidence_open());
    assert_eq!(a.active_flags(), None);
}

#[test]
fn sections_scroll_and_wrap_round() {
    let (_d, mut a) = {
        let dir = tempfile::tempdir().unwrap();
        let a = app(small_diary(dir.path()));
        (dir, a)
    };
    keys(&mut a, "4 l");
    assert_eq!(a.patterns().section(), Section::Triggers);
    let before = screen(&a, 80, 24);
    assert!(before.contains("lines 1-"), "{before}");
    keys(&mut a, "pagedown");
    let after = screen(&a, 80, 24);
    assert_ne!(before, after);
    // Thirty rows (both lags) and their notes: the tallies are a few pages down.
    for _ in 0..4 {
        press(&mut a, "pagedown");
    }
    let end = screen(&a, 80, 24);
    assert!(end.contains("Trigger tallies"), "{end}");
    // Left from Flags wraps round to the last section, Experiments, then Where.
    keys(&mut a, "h h");
    assert_eq!(a.patterns().section(), Section::Experiments);
    keys(&mut a, "h");
    assert_eq!(a.patterns().section(), Section::Where);
    assert!(screen(&a, 80, 24).contains("Episodes by site"));
}

#[test]
fn a_change_to_the_diary_shows_on_patterns_and_in_todays_banner() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(small_diary(dir.path()));
    assert_eq!(
        a.active_flags(),
        Some(ActiveFlags {
            count: 1,
            worst: Level::Notice
        })
    );
    assert!(
        screen(&a, 80, 24).contains(
            "! 1 active notice: worth watching, below a see-a-doctor threshold - press 4"
        )
    );
    press(&mut a, "4");
    // A failed heel walk, saved from the Patterns screen.
    keys(&mut a, "s left ctrl-s");
    assert_eq!(flag_ids(&a)[0], RuleId::RedFlagWeakness);
    assert_eq!(
        a.active_flags(),
        Some(ActiveFlags {
            count: 2,
            worst: Level::Urgent
        })
    );
    press(&mut a, "1");
    assert!(screen(&a, 80, 24).contains(
        "!!! 2 active flags, most serious urgent (seek prompt medical review) - press 4"
    ));
}

/// The banner reads only the ranges the rules need; what it counts must be what the whole
/// diary says is active, on any day.
#[test]
fn the_banner_agrees_with_the_whole_diary() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    myolog::demo::generate(500, 7, &clock())
        .write(&mut d, now())
        .unwrap();
    let settings = Settings::default();
    let mut checked = 0;
    for back in (0..420).step_by(29) {
        let as_of = today() - Days::new(back);
        let whole = patterns::evaluate(&d.load(None, Some(as_of)).unwrap(), &settings, as_of);
        let active: Vec<_> = whole.active_flags().collect();
        let expected = active
            .iter()
            .map(|f| f.level)
            .min()
            .map(|worst| ActiveFlags {
                count: active.len(),
                worst,
            });
        assert_eq!(
            active_flags(&d, &settings, as_of).unwrap(),
            expected,
            "as of {as_of}"
        );
        // Today's banner, which reads what it can from the 90 days it loads for its charts.
        let then = myolog::domain::Clock::new(clock().now - chrono::TimeDelta::days(back as i64));
        let path = dir.path().join("diary.sqlite3");
        let diary = Diary::open(&path, myolog::store::Access::Read, now()).unwrap();
        let a = App::new(diary, then, &myolog::config::Config::default()).unwrap();
        assert_eq!(a.active_flags(), expected, "Today as of {as_of}");
        checked += usize::from(expected.is_some());
    }
    assert!(checked > 5, "the demo diary should raise flags");
}

#[test]
fn every_section_draws_at_any_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(with_an_old_long_cramp(dir.path()));
    keys(&mut a, "4 p p");
    let mut seen = std::collections::BTreeSet::new();
    for step in 0..7 {
        for (w, h) in [(1, 1), (5, 3), (12, 6), (30, 8), (45, 12), (200, 60)] {
            let text = screen(&a, w, h);
            // Every size draws without a panic; a large one shows the section it is on.
            if w == 200 {
                let title = a.patterns().section().title();
                assert!(
                    text.contains(title),
                    "{title:?} missing at {w}x{h}:\n{text}"
                );
                seen.insert(title);
            }
        }
        if step == 0 {
            press(&mut a, "enter");
            assert!(
                a.patterns().evidence_open(),
                "Enter opens the flag's evidence"
            );
            for (w, h) in [(1, 1), (5, 3), (30, 8)] {
                screen(&a, w, h);
            }
            // Keys reach the screen only at a size that shows it.
            screen(&a, 80, 24);
            press(&mut a, "esc");
            assert!(!a.patterns().evidence_open(), "Esc closes the evidence");
        }
        keys(&mut a, "l G");
    }
    assert!(
        seen.len() >= 6,
        "Right walks through every section: {seen:?}"
    );
}

/// A spell longer than the banner's first look: its level depends on all its days, so the
/// banner reads back to its start.
#[test]
fn the_banner_reads_a_long_spell_from_its_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    let days = 120;
    let episodes: Vec<Episode> = (0..days)
        .map(|back| {
            let start =
                clock().now_fixed() - chrono::TimeDelta::days(back) - chrono::TimeDelta::hours(1);
            let mut e = Episode::new(
                Kind::Twitch,
                start,
                vec![SiteRef::parse("calf:left").unwrap()],
                now(),
            );
            // The older two thirds of the spell had an obvious trigger, the last weeks none.
            if back >= 40 {
                e.triggers = vec!["caffeine".into()];
            }
            e
        })
        .collect();
    d.add_episodes_bulk(&episodes).unwrap();
    let settings = Settings::default();
    let whole = patterns::evaluate(&d.load(None, Some(today())).unwrap(), &settings, today());
    let spell = whole
        .flags
        .iter()
        .find(|f| f.id == RuleId::TwitchPersistent)
        .unwrap();
    assert_eq!(spell.level, Level::Notice, "80 of 120 days had a trigger");
    assert!(spell.active);
    // The last five weeks alone would read as a spell without triggers.
    let recent = d
        .load(Some(today() - Days::new(37)), Some(today()))
        .unwrap();
    let short = patterns::evaluate(&recent, &settings, today());
    assert_eq!(short.worst_level(), Some(Level::SeeDoctor));
    assert_eq!(
        active_flags(&d, &settings, today()).unwrap(),
        Some(ActiveFlags {
            count: 1,
            worst: Level::Notice
        })
    );
}

/// The period, section and replace keys are bindings like any other: rebound in the config,
/// the new keys work, the old ones do nothing, and the hints name the new ones.
#[test]
fn the_period_section_and_replace_keys_can_be_rebound() {
    let dir = tempfile::tempdir().unwrap();
    let config = myolog::config::Config::parse(
        "[keys]\nnext_period = \"n\"\nright = \"]\"\nreplace = \"R\"\n",
        None,
    )
    .unwrap();
    let mut a = App::new(with_an_old_long_cramp(dir.path()), clock(), &config)
        .unwrap()
        .with_export_dir(dir.path());
    keys(&mut a, "4 p");
    assert_eq!(
        a.patterns().period(),
        Period::Last90,
        "p is no longer bound"
    );
    press(&mut a, "n");
    assert_eq!(a.patterns().period(), Period::Last365);
    press(&mut a, "P");
    assert_eq!(
        a.patterns().period(),
        Period::Last90,
        "P was left as it was"
    );
    keys(&mut a, "l right");
    assert_eq!(a.patterns().section(), Section::Flags);
    press(&mut a, "]");
    assert_eq!(a.patterns().section(), Section::Triggers);
    press(&mut a, "h");
    assert_eq!(a.patterns().section(), Section::Flags);
    let s = screen(&a, 80, 24);
    assert!(s.contains("Period (n)") && s.contains("n period"), "{s}");
    assert!(s.contains("<-/] section"), "{s}");

    // Export: the period follows `]` too, and R replaces a refused file.
    keys(&mut a, "5 ] enter");
    let path = dir.path().join("myolog-report-2026-11-25.md");
    std::fs::write(&path, "mine").unwrap();
    press(&mut a, "enter");
    assert!(screen(&a, 120, 40).contains("or press R to replace it"));
    press(&mut a, "r");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    press(&mut a, "R");
    assert_ne!(std::fs::read_to_string(&path).unwrap(), "mine");
    assert!(screen(&a, 120, 40).contains("2026-08-28 to 2026-11-25"));
}

#[test]
fn a_medicine_flags_evidence_leaves_the_days_before_its_start_to_why() {
    // A thiazide started on 2026-10-01, and the diary's first entries are three cramps after
    // it: the 28 days before are not in the diary, and the evidence must not count them as 0.
    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    d.add_medication(&myolog::domain::Medication {
        id: uuid::Uuid::new_v4(),
        name: "bendro".into(),
        class: "thiazide-diuretic".into(),
        dose: None,
        start: "2026-10-01".parse().unwrap(),
        stop: None,
        created: now(),
        updated: now(),
    })
    .unwrap();
    for date in ["2026-10-10", "2026-10-12", "2026-10-20"] {
        let at = DateTime::parse_from_rfc3339(&format!("{date}T10:00:00+01:00")).unwrap();
        let cramp = Episode::new(
            Kind::Cramp,
            at,
            vec![SiteRef::parse("calf:left").unwrap()],
            now(),
        );
        d.add_episode(&cramp).unwrap();
    }
    let mut a = app(d);
    keys(&mut a, "4 enter");
    assert_eq!(flag_ids(&a), vec![RuleId::MedicationOnset]);
    let s = screen(&a, 240, 30);
    assert!(
        s.contains("logged in the 28 days before; the diary began on 2026-10-10, after the start, so those days are"),
        "{s}"
    );
    assert!(
        s.contains("Medicine: bendro (thiazide-diuretic) from 2026-10-01; the counts around its start are under Why"),
        "{s}"
    );
    assert!(!s.contains("0 in the 28 days before"), "{s}");
}
