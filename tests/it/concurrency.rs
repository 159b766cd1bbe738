//! Two at once: command-line writers in a loop beside a reader never see "database is locked"
//! and every write lands; the open UI shows entries added elsewhere on its next redraw.

use crate::support::cli as common;
use crate::support::tui as tui_common;

use std::collections::HashSet;
use std::sync::atomic::AtomicBool;
use std::thread;

use common::{Env, stderr, stdout};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// Fails on anything but success, and on any mention of a busy or locked diary.
fn ran_clean(out: &std::process::Output, what: &str) {
    let err = stderr(out);
    assert!(
        out.status.success(),
        "{what} failed ({:?}): {err}",
        out.status.code()
    );
    for word in ["locked", "busy"] {
        assert!(!err.contains(word), "{what}: {err}");
    }
}

#[test]
fn two_writers_and_a_reader_at_once_lose_nothing_and_never_see_a_lock() {
    const EACH: usize = 25;
    let env = Env::new();
    env.ok(&["demo", "--days", "60", "--seed", "2"]);
    let before = env.list(&[]).len();

    let done = AtomicBool::new(false);
    let reads = thread::scope(|s| {
        let writers: Vec<_> = ["a", "b"]
            .into_iter()
            .map(|who| {
                let env = &env;
                s.spawn(move || {
                    for i in 0..EACH {
                        let note = format!("{who}-{i}");
                        let out = env.run(&[
                            "log",
                            "twitch",
                            "--site",
                            "thumb:left",
                            "--trigger",
                            "stress",
                            "--note",
                            &note,
                        ]);
                        ran_clean(&out, &note);
                        // The other writer's kind of change too: a check-in saved again.
                        if i % 5 == 0 {
                            let sleep = format!("{}", 5 + i % 4);
                            ran_clean(&env.run(&["checkin", "--sleep", &sleep]), "checkin");
                        }
                    }
                })
            })
            .collect();
        let reader = s.spawn(|| {
            let mut reads = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                for args in [&["list", "--json"][..], &["patterns", "--json"]] {
                    let out = env.run(args);
                    ran_clean(&out, &format!("{args:?}"));
                    assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok());
                    reads += 1;
                }
            }
            reads
        });
        for w in writers {
            w.join().unwrap();
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        reader.join().unwrap()
    });
    assert!(reads > 0);

    let listed = env.list(&[]);
    assert_eq!(listed.len(), before + 2 * EACH);
    let notes: HashSet<&str> = listed.iter().filter_map(|e| e["note"].as_str()).collect();
    for who in ["a", "b"] {
        for i in 0..EACH {
            assert!(notes.contains(format!("{who}-{i}").as_str()), "{who}-{i}");
        }
    }
    let check: String = common::sql(&env.db)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn the_open_ui_shows_an_entry_logged_on_the_command_line_on_its_next_redraw() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.sqlite3");
    let mut app = tui_common::app(tui_common::small_diary(dir.path()));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    let first = terminal.backend().to_string();
    assert!(first.contains("Today's episodes (2)"), "{first}");

    // The command line, while the UI is open: the real binary, the same day and zone.
    let log_elsewhere = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_myolog"))
            .env_clear()
            .env("MYOLOG_DB", &db)
            .env("MYOLOG_NOW", "2026-11-25T10:14:00+01:00")
            .env("MYOLOG_CONFIG", dir.path().join("none.toml"))
            .env("TZ", "Europe/Paris")
            .args(["log", "cramp", "--site", "hamstring:right", "--pain", "4"])
            .output()
            .unwrap();
        ran_clean(&out, "log while the UI is open");
        assert!(stdout(&out).contains("Logged a cramp"));
    };
    // The real loop: a quiet tick, the command line logs, a quiet tick, then q.
    let mut step = 0;
    myolog::tui::event_loop(
        &mut terminal,
        &mut app,
        &AtomicBool::new(false),
        || {
            step += 1;
            Ok(match step {
                1 => {
                    log_elsewhere();
                    None
                }
                2 => None,
                _ => Some(Event::Key(KeyEvent::new(
                    KeyCode::Char('q'),
                    KeyModifiers::NONE,
                ))),
            })
        },
        |_| {},
    )
    .unwrap();
    let after = terminal.backend().to_string();
    assert!(after.contains("Today's episodes (3)"), "{after}");
    assert!(after.contains("hamstring:right"), "{after}");

    // Its own saves do not count as changes from elsewhere, and nothing new means no reload.
    assert!(!app.reload_if_changed_elsewhere());
    // A second connection (another window) is seen the same way, on every screen it shows.
    tui_common::press(&mut app, "2");
    let mut other =
        myolog::store::Diary::open(&db, myolog::store::Access::Write, tui_common::now()).unwrap();
    let mut e = myolog::domain::Episode::new(
        myolog::domain::Kind::Twitch,
        chrono::DateTime::parse_from_rfc3339("2026-11-25T10:05:00+01:00").unwrap(),
        vec![myolog::domain::SiteRef::parse("tongue").unwrap()],
        tui_common::now(),
    );
    e.note = Some("from the other window".into());
    other.add_episode(&e).unwrap();
    assert!(app.reload_if_changed_elsewhere());
    let history = tui_common::screen(&app, 120, 30);
    assert!(history.contains("from the other window"), "{history}");
    assert!(!app.reload_if_changed_elsewhere());
}

#[test]
fn a_write_waits_for_another_writer_instead_of_failing() {
    let env = Env::new();
    env.log(&["twitch", "--site", "eyelid:left"]);
    // Another program holds the write lock for a while, as a long import would.
    let holder = rusqlite::Connection::open(&env.db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let waiting = thread::scope(|s| {
        let log = s.spawn(|| env.run(&["log", "cramp", "--site", "calf:left", "--pain", "5"]));
        thread::sleep(std::time::Duration::from_millis(1500));
        holder.execute_batch("COMMIT").unwrap();
        log.join().unwrap()
    });
    ran_clean(&waiting, "a log while another writer held the lock");
    assert!(started.elapsed() >= std::time::Duration::from_millis(1500));
    assert_eq!(env.list(&[]).len(), 2);
}
