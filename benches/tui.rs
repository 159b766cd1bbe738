//! The terminal UI on the 10-year demo diary (about 100,000 episodes): a key handled and the
//! screen drawn, for each screen (target: under 5 ms); the changes of issue 13, each a key
//! handled plus a frame drawn (saving an episode, deleting, undoing, the History filter
//! `cramp calf`: under 50 ms each; the Patterns period of 365 days under 50 ms, all under
//! 100 ms); and the first frame from opening the diary (target: under 30 ms). Run with
//! `cargo bench --bench tui`.

// Benchmarks stop where they fail: unwrap, expect and panic are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Utc;
use myolog::config::Config;
use myolog::store::{Access, Diary};
use myolog::tui::App;
use myolog::tui::Period;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::cell::RefCell;

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

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle(key(c));
    }
}

/// Puts the app on a screen, then, sample by sample, readies it with `ready` (not timed) and
/// times `keys` handled plus one frame drawn at 120x40: for changes that cannot repeat on
/// their own (a delete needs something to delete).
fn readied_key_and_frame(
    bencher: divan::Bencher,
    setup: &[Event],
    ready: impl Fn(&mut App),
    keys: &[Event],
) {
    let mut app = app();
    for e in setup {
        app.handle(e.clone());
    }
    let terminal = RefCell::new(Terminal::new(TestBackend::new(120, 40)).unwrap());
    terminal.borrow_mut().draw(|f| app.draw(f)).unwrap();
    let app = RefCell::new(app);
    bencher
        .with_inputs(|| ready(&mut app.borrow_mut()))
        .bench_local_values(|()| {
            let mut app = app.borrow_mut();
            for k in keys {
                app.handle(k.clone());
            }
            terminal.borrow_mut().draw(|f| app.draw(f)).unwrap();
        });
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

/// Saving a twitch from the log form on Today (the form opened and its site typed beforehand).
#[divan::bench(sample_size = 1, sample_count = 60)]
fn save_an_episode(bencher: divan::Bencher) {
    readied_key_and_frame(
        bencher,
        &[],
        |app| {
            app.handle(key('t'));
            typed(app, "eyel:l");
            app.handle(special(KeyCode::Enter));
        },
        &[ctrl('s')],
    );
}

/// Deleting the selected episode in History (the last one deleted brought back beforehand).
#[divan::bench(sample_size = 1, sample_count = 60)]
fn delete_an_episode(bencher: divan::Bencher) {
    readied_key_and_frame(
        bencher,
        &[key('2')],
        |app| app.handle(key('u')),
        &[key('x')],
    );
}

/// Undoing a delete in History (the delete made beforehand).
#[divan::bench(sample_size = 1, sample_count = 60)]
fn undo_a_delete(bencher: divan::Bencher) {
    readied_key_and_frame(
        bencher,
        &[key('2')],
        |app| app.handle(key('x')),
        &[key('u')],
    );
}

/// Enter on the History filter `filter` (typed beforehand).
fn history_filter(bencher: divan::Bencher, filter: &str) {
    readied_key_and_frame(
        bencher,
        &[key('2')],
        |app| {
            app.handle(key('/'));
            app.handle(ctrl('u'));
            typed(app, filter);
        },
        &[special(KeyCode::Enter)],
    );
}

/// Enter on the History filter `cramp calf`.
#[divan::bench(sample_size = 1, sample_count = 60)]
fn history_filter_cramp_calf(bencher: divan::Bencher) {
    history_filter(bencher, "cramp calf");
}

/// Enter on the History filter `note:ärger`: a word looked for in every episode's note (the
/// demo has none, so every episode of ten years is read) and trigger names.
#[divan::bench(sample_size = 1, sample_count = 60)]
fn history_filter_note_word(bencher: divan::Bencher) {
    history_filter(bencher, "note:ärger");
}

/// Steps the Patterns period round until `want` is next.
fn period_before(app: &mut App, want: Period) {
    while app.patterns().period().step(true) != want {
        app.handle(key('p'));
    }
}

/// The period key landing on the last 365 days: the findings and charts computed again.
#[divan::bench(sample_size = 1, sample_count = 40)]
fn patterns_period_365_days(bencher: divan::Bencher) {
    readied_key_and_frame(
        bencher,
        &[key('4')],
        |app| period_before(app, Period::Last365),
        &[key('p')],
    );
}

/// The period key landing on the whole diary.
#[divan::bench(sample_size = 1, sample_count = 40)]
fn patterns_period_all(bencher: divan::Bencher) {
    readied_key_and_frame(
        bencher,
        &[key('4')],
        |app| period_before(app, Period::All),
        &[key('p')],
    );
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
