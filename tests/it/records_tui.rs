//! Every record can be fixed where it is shown (issue 12), in the terminal UI: Today's episodes
//! and the three lists of Meds & checks (medications, self-checks, past check-ins) take `e` and
//! `x`, forms open filled in and save only what they changed, a medication stops on a chosen
//! day; History searches notes, takes `calf:left` and `id:`; Enter on an evidence entry shows it
//! in History; left and right stay apart on the body map and in "Most often"; Meds & checks and
//! Patterns keep what matters at 40x15, 60x20 and 80x24.

use crate::support::tui as tui_common;

use chrono::{DateTime, NaiveDate};
use myolog::domain::{CheckIn, Episode, Kind, SiteRef, TestResult};
use myolog::patterns::charts::by_site;
use myolog::store::{Access, Diary};
use myolog::tui::{App, Tab};
use tui_common::*;

const SIZES: [(u16, u16); 3] = [(40, 15), (60, 20), (80, 24)];

fn small() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let a = app(small_diary(dir.path()));
    (dir, a)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The screen's words in order, one space between each: text wrapped over rows reads whole.
fn words(app: &App, w: u16, h: u16) -> String {
    screen(app, w, h)
        .lines()
        .map(|l| l.trim_matches('"'))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn episodes(a: &App) -> Vec<Episode> {
    a.diary().episodes(&Default::default()).unwrap()
}

#[test]
fn todays_episodes_are_a_list_that_e_and_x_act_on() {
    let (_d, mut a) = small();
    assert!(screen(&a, 80, 24).contains("> 09:55 twitch thumb:right"));
    // Down picks the earlier one; e opens it filled in, and saving changes that one.
    press(&mut a, "j");
    assert!(screen(&a, 80, 24).contains("> 08:40 twitch eyelid:left"));
    press(&mut a, "e");
    assert_eq!(
        a.form_open(),
        Some(false),
        "the form opens, nothing typed yet"
    );
    assert!(screen(&a, 80, 24).contains("2026-11-25 08:40"));
    // Saved as it opened: nothing is written, and the status says so.
    press(&mut a, "ctrl-s");
    assert!(
        a.status()
            .unwrap()
            .starts_with("Nothing was changed, so nothing was saved"),
        "{:?}",
        a.status()
    );
    // x deletes the picked one at once and says how to bring it back; u does.
    press(&mut a, "x");
    assert_eq!(
        a.status(),
        Some("Deleted the twitch at 2026-11-25 08:40; u brings it back.")
    );
    assert!(
        episodes(&a).iter().all(|e| e.note.is_none()),
        "the one with the note went"
    );
    assert!(screen(&a, 80, 24).contains("Today's episodes (1)"));
    press(&mut a, "u");
    assert_eq!(episodes(&a).len(), 7);
    // Help on Today says what its keys do there.
    press(&mut a, "?");
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("On Today") && s.contains("change the episode"),
        "{s}"
    );
    assert!(!s.contains("In lists"), "{s}");
}

#[test]
fn a_medication_is_changed_stopped_on_a_past_day_and_deleted_in_place() {
    let (_d, mut a) = small();
    keys(&mut a, "3 e");
    let s = screen(&a, 80, 24);
    assert!(s.contains("Change salbutamol"), "{s}");
    // Name, Class, Dose: the dose replaced.
    keys(&mut a, "tab tab ctrl-u");
    type_text(&mut a, "4 puffs");
    press(&mut a, "ctrl-s");
    assert_eq!(a.status(), Some("Changed salbutamol."));
    let med = a.diary().medications().unwrap().remove(0);
    assert_eq!(med.dose.as_deref(), Some("4 puffs"));
    assert_eq!(med.stop, None);
    // Stopped, its last field: a past day, not a future one.
    keys(&mut a, "e tab tab tab tab");
    type_text(&mut a, "2026-12-01");
    press(&mut a, "ctrl-s");
    assert!(
        a.form_errors()[0].contains("in the future"),
        "{:?}",
        a.form_errors()
    );
    keys(&mut a, "ctrl-u");
    type_text(&mut a, "2026-11-01");
    press(&mut a, "ctrl-s");
    assert_eq!(a.status(), Some("Stopped salbutamol on 2026-11-01."));
    let med = a.diary().medications().unwrap().remove(0);
    assert_eq!(med.stop, Some(day("2026-11-01")));
    assert!(screen(&a, 80, 24).contains("2026-11-01"));
    // x deletes it; the status line says how to bring it back, and how to stop one instead.
    press(&mut a, "x");
    let status = a.status().unwrap().to_string();
    assert!(status.starts_with("Deleted salbutamol"), "{status}");
    assert!(status.contains("u brings it back"), "{status}");
    assert!(a.diary().medications().unwrap().is_empty());
    press(&mut a, "u");
    assert_eq!(a.diary().medications().unwrap().len(), 1);
}

#[test]
fn a_self_check_is_fixed_or_deleted_instead_of_only_undone() {
    let (_d, mut a) = small();
    // The self-check is the next record after the medication.
    keys(&mut a, "3 j e");
    assert!(screen(&a, 80, 24).contains("Change the self-check of 2026-11-20"));
    // Heel walk, jar, stairs: stairs from ok to FAIL, and saved.
    keys(&mut a, "down down right ctrl-s");
    assert!(
        a.status()
            .unwrap()
            .starts_with("Changed the self-check of 2026-11-20")
    );
    let c = a.diary().self_checks().unwrap().remove(0);
    assert_eq!(
        (c.heel_walk, c.jar, c.stairs),
        (
            Some(TestResult::Ok),
            Some(TestResult::Ok),
            Some(TestResult::Fail)
        )
    );
    assert!(screen(&a, 80, 24).contains("!!! stairs FAIL"));
    assert_eq!(
        a.diary().self_checks().unwrap().len(),
        1,
        "changed, not added"
    );
    // The extra Space of the issue, undone without undo: x deletes it.
    press(&mut a, "x");
    assert_eq!(
        a.status(),
        Some("Deleted the self-check of 2026-11-20; u brings it back.")
    );
    assert!(a.diary().self_checks().unwrap().is_empty());
    press(&mut a, "u");
    assert_eq!(a.diary().self_checks().unwrap().len(), 1);
}

#[test]
fn past_checkins_are_listed_changed_and_deleted_in_meds_and_checks() {
    let (dir, mut a) = small();
    {
        let mut other =
            Diary::open(&dir.path().join("diary.sqlite3"), Access::Write, now()).unwrap();
        other
            .save_checkin(
                &CheckIn {
                    stress: Some(2),
                    ..CheckIn::empty(day("2026-11-21"))
                },
                now(),
            )
            .unwrap();
    }
    a.reload_if_changed_elsewhere();
    press(&mut a, "3");
    let s = screen(&a, 80, 24);
    assert!(s.contains("Check-ins (2)"), "{s}");
    assert!(
        s.contains("2026-11-25  sleep 5.5 h, caffeine 420 mg, stress 6/10"),
        "{s}"
    );
    assert!(s.contains("2026-11-21  stress 2/10"), "{s}");
    // Right jumps to the self-checks, again to the check-ins; Down to the older one.
    keys(&mut a, "right right j e");
    assert!(screen(&a, 80, 24).contains("Check-in of 2026-11-21"));
    // From Sleep to Caffeine.
    press(&mut a, "tab");
    type_text(&mut a, "250");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "{:?}", a.form_errors());
    let c = a.diary().checkin(day("2026-11-21")).unwrap().unwrap();
    assert_eq!((c.caffeine_mg, c.stress), (Some(250), Some(2)));
    press(&mut a, "x");
    assert_eq!(
        a.status(),
        Some("Deleted the check-in of 2026-11-21; u brings it back.")
    );
    assert_eq!(a.diary().checkin(day("2026-11-21")).unwrap(), None);
    press(&mut a, "u");
    assert_eq!(
        a.diary()
            .checkin(day("2026-11-21"))
            .unwrap()
            .unwrap()
            .caffeine_mg,
        Some(250)
    );
}

#[test]
fn the_checkin_form_keeps_a_change_made_meanwhile_to_another_field() {
    let (dir, mut a) = small();
    press(&mut a, "d");
    // While the form is open, the command line (here: a second connection) sets the stress.
    {
        let mut other =
            Diary::open(&dir.path().join("diary.sqlite3"), Access::Write, now()).unwrap();
        other
            .edit::<CheckIn, _>(day("2026-11-25"), now(), |c| {
                c.stress = Some(9);
                Ok::<(), myolog::store::StoreError>(())
            })
            .unwrap();
    }
    // The form changes the sleep only.
    keys(&mut a, "ctrl-u");
    type_text(&mut a, "8");
    press(&mut a, "ctrl-s");
    assert_eq!(a.form_open(), None, "{:?}", a.form_errors());
    let c = a.diary().checkin(day("2026-11-25")).unwrap().unwrap();
    assert_eq!(c.sleep_h, Some(8.0), "the form's change");
    assert_eq!(c.stress, Some(9), "the change made meanwhile is kept");
    assert_eq!(c.caffeine_mg, Some(420), "the rest as it was");
}

#[test]
fn history_searches_notes_and_takes_sites_with_sides_and_ids() {
    let (_d, mut a) = small();
    let filter = |a: &mut App, text: &str| {
        press(a, "/");
        press(a, "ctrl-u");
        type_text(a, text);
        press(a, "enter");
    };
    keys(&mut a, "2");
    filter(&mut a, "coffee");
    assert!(screen(&a, 80, 24).contains("History (1)"));
    assert_eq!(
        a.diary().episodes(&Default::default()).unwrap().len(),
        7,
        "a filter reads, never writes"
    );
    filter(&mut a, "THIRD Coffee");
    assert!(
        screen(&a, 80, 24).contains("History (1)"),
        "any case, a phrase"
    );
    // A trigger still finds its episodes as a word.
    filter(&mut a, "exercise");
    assert!(screen(&a, 80, 24).contains("History (1)"));
    // Sites as the list prints them, side and all.
    filter(&mut a, "calf:left");
    let s = screen(&a, 80, 24);
    assert!(s.contains("History (1)") && s.contains("cramp"), "{s}");
    assert!(!s.contains("is not a filter"), "{s}");
    filter(&mut a, "calf:right");
    assert!(screen(&a, 80, 24).contains("History (1)"));
    // And as people write them (DOMAIN.md section 6), with a kind beside.
    for typed in ["left calf", "calf left", "l calf", "cramp left calf"] {
        filter(&mut a, typed);
        let s = screen(&a, 80, 24);
        assert!(
            s.contains("History (1)") && s.contains("cramp"),
            "{typed}:\n{s}"
        );
    }
    filter(&mut a, "calf");
    assert!(screen(&a, 80, 24).contains("History (2)"));
    filter(&mut a, "calf:up");
    assert!(
        screen(&a, 80, 24).contains("! 'up' is not a side"),
        "{}",
        screen(&a, 80, 24)
    );
    press(&mut a, "esc");
    // An id, by its first characters.
    let id = episodes(&a)
        .into_iter()
        .find(|e| e.note.is_some())
        .unwrap()
        .id
        .to_string();
    filter(&mut a, &format!("id:{}", &id[..8]));
    assert!(screen(&a, 80, 24).contains("History (1)"));
    press(&mut a, "e");
    assert!(screen(&a, 80, 24).contains("after the third coffee"));
}

#[test]
fn enter_on_an_evidence_entry_shows_it_in_history() {
    let (_d, mut a) = small();
    keys(&mut a, "4 enter");
    let flag = a.patterns().selected_flag().unwrap().clone();
    assert!(flag.evidence.episode_ids.len() >= 2, "{flag:?}");
    let s = screen(&a, 80, 24);
    assert!(s.contains("Entries:"), "{s}");
    let first = flag.evidence.episode_ids[0].to_string();
    assert!(s.contains(&format!("> {}", &first[..8])), "{s}");
    // Down marks the next entry; Enter shows it in History, and only it.
    keys(&mut a, "j enter");
    let wanted = flag.evidence.episode_ids[1];
    assert_eq!(a.tab(), Tab::History);
    let s = screen(&a, 80, 24);
    assert!(s.contains("History (1)"), "{s}");
    assert!(
        s.contains(&format!("filter: id:{}", &wanted.to_string()[..8])),
        "{s}"
    );
    press(&mut a, "e");
    assert!(a.form_open().is_some());
    press(&mut a, "esc");
    // Back on Patterns the evidence is where it was, for the next entry.
    press(&mut a, "4");
    assert!(a.patterns().evidence_open());
    assert_eq!(a.patterns().marked_entry(), Some(wanted));
}

/// The columns of `site`'s cells in the body map's art, row by row.
fn art_cells(letter: char) -> Vec<(usize, usize)> {
    let art = include_str!("../../assets/body-map.txt");
    let lines: Vec<&str> = art
        .lines()
        .filter(|l| !l.starts_with('#'))
        .take_while(|l| *l != "---")
        .skip(1)
        .collect();
    lines
        .iter()
        .enumerate()
        .flat_map(|(row, l)| {
            l.chars()
                .enumerate()
                .filter(move |(_, c)| *c == letter)
                .map(move |(col, _)| (row, col))
        })
        .collect()
}

#[test]
fn a_right_calf_cramp_shades_the_right_calf_only() {
    let start = DateTime::parse_from_rfc3339("2026-11-24T03:10:00+01:00").unwrap();
    let cramp = Episode::new(
        Kind::Cramp,
        start,
        vec![SiteRef::parse("calf:right").unwrap()],
        now(),
    );
    let counts = by_site(std::slice::from_ref(&cramp));
    assert_eq!(counts.len(), 1);
    assert_eq!(counts[0].name(), "calf:right");
    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    d.add_episode(&cramp).unwrap();
    let a = app(d);
    // Today draws the body map of the last 90 days where there is room.
    let rows: Vec<Vec<char>> = screen(&a, 120, 40)
        .lines()
        .map(|l| l.trim_matches('"').chars().collect())
        .collect();
    let caption = "R front L  L back R";
    let (top, left) = rows
        .iter()
        .enumerate()
        .find_map(|(y, r)| {
            let text: String = r.iter().collect();
            text.find(caption)
                .map(|x| (y, text[..x].chars().count() - 1))
        })
        .expect("the body map's caption, which names the sides");
    // The calf is on the back figure ('v' in the art), which faces away from the viewer: its
    // left cell is the left calf.
    let cells = art_cells('v');
    assert!(!cells.is_empty());
    let middle = 15;
    for (row, col) in cells {
        // The caption's row, then the art's.
        let shown = rows[top + 1 + row][left + col];
        if col > middle {
            assert_eq!(
                shown, '%',
                "the right calf is shaded (art row {row}, col {col})"
            );
        } else {
            assert_eq!(
                shown, '.',
                "the left calf is not (art row {row}, col {col})"
            );
        }
    }
}

#[test]
fn most_often_keeps_left_and_right_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    for (at, site) in [
        ("2026-11-24T03:10:00+01:00", "calf:right"),
        ("2026-11-23T03:10:00+01:00", "calf:right"),
        ("2026-11-22T03:10:00+01:00", "calf:left"),
    ] {
        let start = DateTime::parse_from_rfc3339(at).unwrap();
        let e = Episode::new(
            Kind::Cramp,
            start,
            vec![SiteRef::parse(site).unwrap()],
            now(),
        );
        d.add_episode(&e).unwrap();
    }
    let mut a = app(d);
    // Left from Flags wraps round to Experiments, and once more to the body map.
    keys(&mut a, "4 left left");
    let s = screen(&a, 100, 30);
    let at = |label: &str| s.find(label).unwrap_or_else(|| panic!("{label}:\n{s}"));
    assert!(
        s.contains("2  calf:right") && s.contains("1  calf:left"),
        "{s}"
    );
    assert!(at("calf:right") < at("calf:left"), "most first");
}

#[test]
fn meds_and_checks_keeps_its_records_whole_at_every_size() {
    let (_d, mut a) = small();
    press(&mut a, "3");
    for (w, h) in SIZES {
        let s = screen(&a, w, h);
        for needed in [
            "Medications (1)",
            "> salbutamol",
            "2026-10-01",
            "still taking",
            "Self-checks (1)",
            "2026-11-20",
            "Check-ins (1)",
            "2026-11-25  sleep 5.5 h",
            "? help",
            "q quit",
        ] {
            assert!(s.contains(needed), "{w}x{h} lacks {needed}:\n{s}");
        }
        insta::assert_snapshot!(format!("meds_{w}x{h}"), s);
    }
    // The picked record stays in view when the list is taller than the screen.
    keys(&mut a, "G");
    for (w, h) in SIZES {
        assert!(screen(&a, w, h).contains("> 2026-11-25"), "{w}x{h}");
    }
}

#[test]
fn patterns_keeps_its_dates_details_and_hints_at_every_size() {
    let (_d, mut a) = small();
    press(&mut a, "4");
    for (w, h) in SIZES {
        let said = words(&a, w, h);
        for needed in [
            "2026-08-28 to 2026-11-25",
            "eyelid twitches not counted; worth watching.",
            "e / Enter shows the evidence and the guidance of the flag marked >.",
            "? help",
            "q quit",
        ] {
            assert!(said.contains(needed), "{w}x{h} lacks {needed}:\n{said}");
        }
        for label in [
            "Flags (1)",
            "Triggers",
            "Calendar",
            "By week",
            "By hour",
            "Body map",
        ] {
            assert!(
                said.contains(label),
                "{w}x{h} lacks the section {label}:\n{said}"
            );
        }
        insta::assert_snapshot!(format!("patterns_{w}x{h}"), screen(&a, w, h));
    }
    press(&mut a, "enter");
    // Episode ids are made afresh with each diary: the snapshot names them by their order.
    let ids: Vec<(String, String)> = episodes(&a)
        .iter()
        .rev()
        .enumerate()
        .map(|(i, e)| (e.id.to_string()[..8].to_string(), format!("<id {i:02}>")))
        .collect();
    for (w, h) in SIZES {
        let said = words(&a, w, h);
        assert!(said.contains("Evidence: Esc closes"), "{w}x{h}:\n{said}");
        assert!(
            said.contains("Esc close"),
            "{w}x{h}: the footer says how out"
        );
        assert!(
            said.contains("Entries: Down/Up mark one"),
            "{w}x{h}:\n{said}"
        );
        let mut shown = screen(&a, w, h);
        for (id, name) in &ids {
            shown = shown.replace(id.as_str(), name);
        }
        insta::assert_snapshot!(format!("patterns_evidence_{w}x{h}"), shown);
    }
}

#[test]
fn todays_banner_counts_an_old_red_flag_that_no_later_self_check_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    d.add_self_check(&myolog::domain::SelfCheck {
        id: uuid::Uuid::new_v4(),
        date: day("2026-03-01"),
        heel_walk: None,
        jar: None,
        stairs: Some(TestResult::Fail),
        symptoms: Vec::new(),
        created: now(),
        updated: now(),
    })
    .unwrap();
    let a = app(d);
    let flags = a.active_flags().expect("the red flag is still active");
    assert_eq!(flags.worst, myolog::patterns::Level::Urgent);
    assert!(words(&a, 80, 24).contains("1 active flag, most serious urgent"));
}

#[test]
fn a_word_searched_for_finds_its_notes_and_the_episodes_tagged_with_it_and_no_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    let at =
        |h: u32| DateTime::parse_from_rfc3339(&format!("2026-11-24T{h:02}:00:00+01:00")).unwrap();
    let site = || vec![SiteRef::parse("eyelid:left").unwrap()];
    let mut tagged = Episode::new(Kind::Twitch, at(8), site(), now());
    tagged.triggers = vec!["caffeine".into()];
    let mut noted = Episode::new(Kind::Twitch, at(9), site(), now());
    noted.note = Some("Third CAFFEINE drink".into());
    let mut neither = Episode::new(Kind::Twitch, at(10), site(), now());
    neither.triggers = vec!["stress".into()];
    neither.note = Some("long meeting".into());
    for e in [&tagged, &noted, &neither] {
        d.add_episode(e).unwrap();
    }
    let found = |text: &str| -> Vec<uuid::Uuid> {
        let filter = myolog::store::EpisodeFilter {
            text: Some(text.into()),
            ..Default::default()
        };
        assert_eq!(
            d.count_episodes(&filter).unwrap() as usize,
            d.episodes(&filter).unwrap().len()
        );
        d.episodes(&filter).unwrap().iter().map(|e| e.id).collect()
    };
    assert_eq!(found("caffeine"), [noted.id, tagged.id]);
    assert_eq!(found("meeting"), [neither.id]);
    assert!(found("alcohol").is_empty());
}

#[test]
fn a_note_with_capitals_beyond_ascii_is_found_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    let start = DateTime::parse_from_rfc3339("2026-11-24T09:00:00+01:00").unwrap();
    let mut e = Episode::new(
        Kind::Twitch,
        start,
        vec![SiteRef::parse("eyelid:left").unwrap()],
        now(),
    );
    e.note = Some("Ärger mit dem Chef, ÉCLAIR zum Kaffee".into());
    d.add_episode(&e).unwrap();
    for typed in [
        "Ärger", "ärger", "ÄRGER", "ÉCLAIR", "Éclair", "éclair", "chef",
    ] {
        let filter = myolog::store::EpisodeFilter {
            text: Some(typed.into()),
            ..Default::default()
        };
        assert_eq!(d.episodes(&filter).unwrap().len(), 1, "{typed}");
    }
}
