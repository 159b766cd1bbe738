//! What the terminal UI tests share: a fixed clock, a small fixed diary, and ways to press keys
//! and look at the screen.
#![allow(dead_code)]

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use myolog::config::Config;
use myolog::domain::{
    CheckIn, Clock, Episode, Kind, Medication, ReliefUse, SelfCheck, SiteRef, TestResult,
};
use myolog::store::{Access, Diary};
use myolog::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The tests' one clock, in UTC+1.
pub fn clock() -> Clock<FixedOffset> {
    Clock::new(super::at_offset("+01:00"))
}

pub fn now() -> DateTime<Utc> {
    clock().now.with_timezone(&Utc)
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn sites(specs: &[&str]) -> Vec<SiteRef> {
    specs.iter().map(|s| SiteRef::parse(s).unwrap()).collect()
}

/// An empty diary file in `dir`.
pub fn empty_diary(dir: &Path) -> Diary {
    Diary::open(&dir.join("diary.sqlite3"), Access::Write, now()).unwrap()
}

/// A small diary: a few twitches and cramps over two weeks, today's check-in, a medication
/// and a self-check.
pub fn small_diary(dir: &Path) -> Diary {
    let mut d = empty_diary(dir);
    let twitch = |start: &str, site: &[&str], intensity: u8, triggers: &[&str]| {
        let mut e = Episode::new(Kind::Twitch, at(start), sites(site), now());
        e.intensity = Some(intensity);
        e.triggers = triggers.iter().map(|t| t.to_string()).collect();
        e
    };
    let mut episodes = vec![
        twitch(
            "2026-11-25T08:40:00+01:00",
            &["eyelid:left"],
            3,
            &["caffeine"],
        ),
        twitch("2026-11-25T09:55:00+01:00", &["thumb:right"], 2, &[]),
        twitch(
            "2026-11-23T21:05:00+01:00",
            &["eyelid:left"],
            2,
            &["screen-time"],
        ),
        twitch(
            "2026-11-20T14:30:00+01:00",
            &["calf:right"],
            4,
            &["exercise"],
        ),
        twitch("2026-11-15T11:00:00+01:00", &["upper-arm:left"], 1, &[]),
    ];
    episodes[0].duration_s = Some(120);
    episodes[0].note = Some("after the third coffee".into());
    let mut cramp = Episode::new(
        Kind::Cramp,
        at("2026-11-24T03:10:00+01:00"),
        sites(&["calf:left"]),
        now(),
    );
    cramp.pain = Some(7);
    cramp.hardening = Some(true);
    cramp.lost_motion = Some(true);
    cramp.duration_s = Some(150);
    cramp.sore_days = Some(1);
    cramp.reliefs = vec![ReliefUse::parse("stretch:helped").unwrap()];
    episodes.push(cramp);
    let mut cramp2 = Episode::new(
        Kind::Cramp,
        at("2026-11-18T23:40:00+01:00"),
        sites(&["foot:right", "toes:right"]),
        now(),
    );
    cramp2.pain = Some(5);
    episodes.push(cramp2);
    for e in &episodes {
        d.add_episode(e).unwrap();
    }
    d.save_checkin(
        &CheckIn {
            sleep_h: Some(5.5),
            caffeine_mg: Some(420),
            stress: Some(6),
            ..CheckIn::empty(day("2026-11-25"))
        },
        now(),
    )
    .unwrap();
    d.add_medication(&Medication {
        id: uuid::Uuid::nil(),
        name: "salbutamol".into(),
        class: "beta-2-agonist".into(),
        dose: Some("2 puffs".into()),
        start: day("2026-10-01"),
        stop: None,
        created: now(),
        updated: now(),
    })
    .unwrap();
    d.add_self_check(&SelfCheck {
        id: uuid::Uuid::nil(),
        date: day("2026-11-20"),
        heel_walk: Some(TestResult::Ok),
        jar: Some(TestResult::Ok),
        stairs: Some(TestResult::Ok),
        symptoms: Vec::new(),
        created: now(),
        updated: now(),
    })
    .unwrap();
    d
}

pub fn app(diary: Diary) -> App {
    App::new(diary, clock(), &Config::default()).unwrap()
}

/// Presses one key: a character, or a name such as "tab", "shift-tab", "enter", "esc",
/// "ctrl-s", "down", "up", "backspace", "pagedown".
pub fn press(app: &mut App, key: &str) {
    let (code, modifiers) = match key {
        "tab" => (KeyCode::Tab, KeyModifiers::NONE),
        "shift-tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "space" => (KeyCode::Char(' '), KeyModifiers::NONE),
        "up" => (KeyCode::Up, KeyModifiers::NONE),
        "down" => (KeyCode::Down, KeyModifiers::NONE),
        "left" => (KeyCode::Left, KeyModifiers::NONE),
        "right" => (KeyCode::Right, KeyModifiers::NONE),
        "pagedown" => (KeyCode::PageDown, KeyModifiers::NONE),
        "pageup" => (KeyCode::PageUp, KeyModifiers::NONE),
        "backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
        "ctrl-s" => (KeyCode::Char('s'), KeyModifiers::CONTROL),
        "ctrl-c" => (KeyCode::Char('c'), KeyModifiers::CONTROL),
        "ctrl-u" => (KeyCode::Char('u'), KeyModifiers::CONTROL),
        c if c.chars().count() == 1 => {
            let c = c.chars().next().unwrap();
            let m = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            (KeyCode::Char(c), m)
        }
        other => panic!("no such test key {other}"),
    };
    app.handle(Event::Key(KeyEvent::new(code, modifiers)));
    // As the run loop does once the next frame is drawn.
    app.run_pending();
}

/// Presses each key of a space-separated list: `keys(&mut app, "t tab tab ctrl-s")`.
pub fn keys(app: &mut App, list: &str) {
    for k in list.split_whitespace() {
        press(app, k);
    }
}

/// Types text character by character.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = if c == ' ' {
            KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE)
        } else {
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
        };
        app.handle(Event::Key(key));
    }
}

/// The screen as text, one quoted line per row (ratatui's TestBackend view).
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    terminal.backend().to_string()
}
