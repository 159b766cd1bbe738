//! The terminal UI on the 10-year demo diary (about 100,000 episodes): a key handled and the
//! screen drawn, for each screen (target: under 5 ms), and the first frame from opening the
//! diary (target: under 50 ms). Run with `cargo bench --bench tui`.

// Benchmarks stop where they fail: unwrap, expect and panic are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Utc;
use myolog::config::Config;
use myolog::store::{Access, Diary};
use myolog::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

mod common;

use common::{clock, path};

fn main() {
    divan::main();
}

fn app() -> App {
    let diary = Diary::open(path(), Access::Write, Utc::now()).unwrap();
    App::new(diary, clock(), &Config::default()).unwrap()
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn special(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Puts the app on a screen, then measures one key handled plus one frame drawn at 120x40.
fn key_and_frame(bencher: divan::Bencher, setup: &[Event], keys: &[Event]) {
    let mut app = app();
    for e in setup {
        app.handle(e.clone());
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    let mut i = 0;
    bencher.bench_local(|| {
        app.handle(keys[i % keys.len()].clone());
        i += 1;
        terminal.draw(|f| app.draw(f)).unwrap();
    });
}

#[divan::bench]
fn today(bencher: divan::Bencher) {
    key_and_frame(bencher, &[], &[key('1')]);
}

#[divan::bench]
fn history_scroll(bencher: divan::Bencher) {
    key_and_frame(bencher, &[key('2')], &[key('j')]);
}

#[divan::bench]
fn history_page_down(bencher: divan::Bencher) {
    key_and_frame(bencher, &[key('2')], &[special(KeyCode::PageDown)]);
}

#[divan::bench]
fn history_jump_oldest_newest(bencher: divan::Bencher) {
    key_and_frame(bencher, &[key('2')], &[key('G'), key('g')]);
}

#[divan::bench]
fn meds(bencher: divan::Bencher) {
    key_and_frame(bencher, &[key('3')], &[key('j')]);
}

#[divan::bench]
fn patterns_flags(bencher: divan::Bencher) {
    key_and_frame(bencher, &[key('4')], &[key('j'), key('k')]);
}

#[divan::bench]
fn patterns_calendar_scroll(bencher: divan::Bencher) {
    key_and_frame(
        bencher,
        &[key('4'), key('p'), key('l'), key('l')],
        &[key('j'), key('k')],
    );
}

/// The period keys, between the last 30 and 90 days: each recomputes the findings.
#[divan::bench]
fn patterns_period_30_days(bencher: divan::Bencher) {
    key_and_frame(
        bencher,
        &[key('4'), key('p'), key('p'), key('p')],
        &[key('p'), key('P')],
    );
}

#[divan::bench]
fn export_place(bencher: divan::Bencher) {
    key_and_frame(bencher, &[key('5')], &[key('5')]);
}

#[divan::bench]
fn log_form_typing(bencher: divan::Bencher) {
    key_and_frame(
        bencher,
        &[key('t')],
        &[key('c'), special(KeyCode::Backspace)],
    );
}

#[divan::bench]
fn checkin_form_typing(bencher: divan::Bencher) {
    key_and_frame(
        bencher,
        &[key('d'), special(KeyCode::Tab)],
        &[key('+'), special(KeyCode::Backspace)],
    );
}

#[divan::bench]
fn self_check_form(bencher: divan::Bencher) {
    key_and_frame(bencher, &[key('s')], &[special(KeyCode::Right)]);
}

#[divan::bench]
fn help(bencher: divan::Bencher) {
    key_and_frame(bencher, &[], &[key('?')]);
}

/// Opening the diary, loading the start screen and drawing the first frame at 100x30.
#[divan::bench]
fn first_frame(bencher: divan::Bencher) {
    path();
    bencher.bench_local(|| {
        let diary = Diary::open(path(), Access::Write, Utc::now()).unwrap();
        let app = App::new(diary, clock(), &Config::default()).unwrap();
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        terminal.draw(|f| app.draw(f)).unwrap();
    });
}
