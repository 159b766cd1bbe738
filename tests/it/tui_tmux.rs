//! The real binary in a real terminal: tmux runs `myolog` on a temp diary at 100x30; the test
//! types as a user would, then checks the diary through the store and that the shell got its
//! terminal back (the UI gone, canonical mode on, exit status 0). Ignored unless asked for
//! (`--include-ignored`, as `.ci/run` does after installing tmux); without tmux they fail.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use myolog::domain::{Kind, SiteRef};
use myolog::store::{Access, Diary, EpisodeFilter};

/// One tmux server of our own (its own socket), killed when the test ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn new(name: &str) -> Tmux {
        let found = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(
            found,
            "tmux is not installed: this end-to-end test needs it (.ci/run installs it)"
        );
        Tmux {
            socket: format!("myolog-test-{name}-{}", std::process::id()),
        }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Starts `script` under `sh -c` in a detached 100x30 session.
    fn start(&self, script: &str) {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "100",
                "-y",
                "30",
            ])
            .arg(format!("sh -c '{script}'"))
            .output()
            .expect("tmux starts");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    /// Waits until the screen shows `text`, or fails after a deadline with the screen.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited 20 s for {text:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen no longer shows `text`, or fails after a deadline with the
    /// screen.
    fn wait_gone(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if !screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited 20 s for {text:?} to go; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &[&str]) {
        self.tmux(&[&["send-keys", "-t", "t"], keys].concat());
    }

    fn literal(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

/// The shell line: run myolog on `db`, then report how it ended and whether the terminal is
/// back in canonical mode; then wait so the pane can be read.
fn script(dir: &Path, db: &Path, extra_env: &str) -> String {
    format!(
        "echo $$ > {pid}; env MYOLOG_DB={db} MYOLOG_CONFIG={config} TZ=Europe/Paris {extra_env} {bin}; \
         echo EXITED:$?; stty -a | tr \" ;\" \"\\n\\n\" | grep -x -e -icanon -e icanon; sleep 60",
        pid = dir.join("shell.pid").display(),
        db = db.display(),
        config = dir.join("no-config.toml").display(),
        bin = env!("CARGO_BIN_EXE_myolog"),
    )
}

fn episodes(db: &Path) -> Vec<myolog::domain::Episode> {
    let diary = Diary::open(db, Access::Read, chrono::Utc::now()).unwrap();
    diary.episodes(&EpisodeFilter::default()).unwrap()
}

fn assert_restored(tmux: &Tmux) {
    let screen = tmux.wait_for("EXITED:");
    assert!(screen.contains("EXITED:0"), "{screen}");
    let screen = tmux.wait_for("icanon");
    assert!(
        screen.lines().any(|l| l.trim() == "icanon"),
        "the terminal is still in raw mode:\n{screen}"
    );
    assert!(
        !screen.contains("1 Today"),
        "the UI is still on screen:\n{screen}"
    );
}

#[test]
#[ignore = "needs tmux"]
fn log_a_twitch_in_the_real_terminal_and_quit() {
    let tmux = Tmux::new("log");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.sqlite3");
    tmux.start(&script(dir.path(), &db, ""));
    let first = tmux.wait_for("1 Today");
    assert!(first.contains("Welcome to myolog"), "{first}");
    tmux.keys(&["t"]);
    tmux.wait_for("Log a twitch");
    tmux.literal("calf:l");
    tmux.keys(&["C-s"]);
    let saved = tmux.wait_for("Logged the twitch");
    assert!(saved.contains("calf:left"), "{saved}");
    tmux.keys(&["q"]);
    assert_restored(&tmux);
    let logged = episodes(&db);
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].kind, Kind::Twitch);
    assert_eq!(logged[0].sites, vec![SiteRef::parse("calf:left").unwrap()]);
}

#[test]
#[ignore = "needs tmux"]
fn sigterm_restores_the_terminal() {
    let tmux = Tmux::new("term");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.sqlite3");
    tmux.start(&script(dir.path(), &db, "NO_COLOR=1"));
    tmux.wait_for("1 Today");
    let pid = myolog_pid(dir.path()).expect("myolog's process id, from /proc (needs Linux)");
    let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    assert_restored(&tmux);
}

/// myolog's process id: the only child of the shell that runs it.
fn myolog_pid(dir: &Path) -> Option<String> {
    let shell = std::fs::read_to_string(dir.join("shell.pid")).ok()?;
    let shell = shell.trim();
    let children =
        std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap_or_default();
    children.split_whitespace().next().map(str::to_string)
}

/// Saves one twitch, starts a second one without saving, then sends `signal`: the terminal
/// comes back, the saved twitch is there and the unsaved one is not, not even in part; what
/// the form held is kept as an owner-only draft, which the next "log a twitch" brings back.
fn a_signal_keeps_what_was_saved_and_writes_no_unsaved_form(signal: &str) {
    let tmux = Tmux::new(&format!("form-{}", signal.to_lowercase()));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.sqlite3");
    tmux.start(&script(dir.path(), &db, "NO_COLOR=1"));
    tmux.wait_for("1 Today");
    tmux.keys(&["t"]);
    tmux.wait_for("Log a twitch");
    tmux.literal("calf:l");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Logged the twitch");
    // A second twitch, typed but not saved.
    tmux.keys(&["t"]);
    tmux.wait_for("Log a twitch");
    tmux.literal("eyelid:r");
    tmux.wait_for("eyelid:r");
    let pid = myolog_pid(dir.path()).expect("myolog's process id, from /proc (needs Linux)");
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .status()
        .unwrap();
    assert!(status.success());
    assert_restored(&tmux);
    let logged = episodes(&db);
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(logged[0].sites, vec![SiteRef::parse("calf:left").unwrap()]);
    // Nothing half-written beside it either: the diary closed cleanly.
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("diary.sqlite3-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let drafts = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("diary.sqlite3.draft-"))
            .collect()
    };
    let kept = drafts();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let draft = &kept[0];
    let mode = std::fs::metadata(draft).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the draft is the owner's only");
    let again = Tmux::new(&format!("draft-{}", signal.to_lowercase()));
    again.start(&script(dir.path(), &db, "NO_COLOR=1"));
    again.wait_for("1 Today");
    again.keys(&["t"]);
    let screen = again.wait_for("Brought back what was typed in this form");
    assert!(screen.contains("eyelid:r"), "{screen}");
    again.keys(&["C-s"]);
    again.wait_for("Logged the twitch");
    assert_eq!(episodes(&db).len(), 2);
    assert!(drafts().is_empty(), "a draft brought back is removed");
}

#[test]
#[ignore = "needs tmux"]
fn sighup_keeps_saved_entries_and_writes_no_unsaved_form() {
    a_signal_keeps_what_was_saved_and_writes_no_unsaved_form("HUP");
}

#[test]
#[ignore = "needs tmux"]
fn sigterm_keeps_saved_entries_and_writes_no_unsaved_form() {
    a_signal_keeps_what_was_saved_and_writes_no_unsaved_form("TERM");
}

#[test]
#[ignore = "needs tmux"]
fn closing_the_terminal_window_ends_myolog_cleanly_and_keeps_a_half_typed_form() {
    let tmux = Tmux::new("window");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.sqlite3");
    tmux.start(&script(dir.path(), &db, "NO_COLOR=1"));
    tmux.wait_for("1 Today");
    tmux.keys(&["c"]);
    tmux.wait_for("Log a cramp");
    tmux.literal("calf:r");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Logged the cramp");
    // A second cramp half-typed: closing the window must not lose it either.
    tmux.keys(&["c"]);
    tmux.wait_for("Log a cramp");
    tmux.literal("foot:l");
    tmux.wait_for("foot:l");
    let pid = myolog_pid(dir.path()).expect("myolog's process id, from /proc (needs Linux)");
    // The window goes away: the terminal hangs up on everything in it, and every write to it
    // fails from then on.
    tmux.tmux(&["kill-server"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        if state.contains("State:\tZ") {
            break; // ended; only waiting to be reaped
        }
        assert!(
            Instant::now() < deadline,
            "myolog still runs after the hangup: {}",
            state.lines().take(3).collect::<Vec<_>>().join(" ")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let logged = episodes(&db);
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].kind, Kind::Cramp);
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("diary.sqlite3-"))
        .collect();
    assert!(leftovers.is_empty(), "not closed cleanly: {leftovers:?}");
    let drafts: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("diary.sqlite3.draft-"))
        .collect();
    assert_eq!(drafts.len(), 1, "the half-typed cramp is kept: {drafts:?}");
    let draft = std::fs::read_to_string(&drafts[0]).unwrap();
    assert!(draft.contains("foot:l"), "{draft}");
}

/// An interactive shell in the tmux pane, with job control, running myolog on `db`: what a
/// user has when they press Ctrl-Z. Its process id goes to `shell.pid` in `dir`.
fn interactive(tmux: &Tmux, dir: &Path, db: &Path) {
    tmux.start("exec bash --norc --noprofile -i");
    tmux.literal(&format!(
        "echo $$ > {}; clear",
        dir.join("shell.pid").display()
    ));
    tmux.keys(&["Enter"]);
    // Alone on its line: bash runs what follows `;` as soon as the job stops.
    tmux.literal(&format!(
        "env MYOLOG_DB={db} MYOLOG_CONFIG={config} TZ=Europe/Paris NO_COLOR=1 {bin}",
        db = db.display(),
        config = dir.join("no-config.toml").display(),
        bin = env!("CARGO_BIN_EXE_myolog"),
    ));
    tmux.keys(&["Enter"]);
}

/// Asks the shell whether the terminal is in canonical (cooked) mode.
fn shell_sees_canonical_mode(tmux: &Tmux, mark: &str) {
    tmux.literal(&format!(
        "stty -a | tr \" ;\" \"\\n\\n\" | grep -x -e -icanon -e icanon | sed s/^/{mark}:/"
    ));
    tmux.keys(&["Enter"]);
    // The typed line holds `{mark}:` too; only the answer holds it followed by the mode.
    let deadline = Instant::now() + Duration::from_secs(20);
    let screen = loop {
        let screen = tmux.screen();
        if screen
            .lines()
            .any(|l| l.trim().starts_with(&format!("{mark}:")) && l.contains("icanon"))
        {
            break screen;
        }
        assert!(Instant::now() < deadline, "no answer from stty:\n{screen}");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        screen.lines().any(|l| l.trim() == format!("{mark}:icanon")),
        "the terminal is still in raw mode while suspended:\n{screen}"
    );
}

#[test]
#[ignore = "needs tmux"]
fn ctrl_z_and_sigtstp_suspend_and_fg_redraws_the_whole_screen() {
    let tmux = Tmux::new("tstp");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.sqlite3");
    interactive(&tmux, dir.path(), &db);
    tmux.wait_for("1 Today");

    // Ctrl-Z, as a user presses it: the shell gets the terminal back, in cooked mode.
    tmux.keys(&["C-z"]);
    let stopped = tmux.wait_for("Stopped");
    assert!(
        !stopped.contains("1 Today"),
        "the UI is still on screen:\n{stopped}"
    );
    shell_sees_canonical_mode(&tmux, "zq1");
    // fg: the whole screen comes back, not only what changed.
    tmux.literal("fg");
    tmux.keys(&["Enter"]);
    let back = tmux.wait_for("1 Today");
    assert!(back.contains("Welcome to myolog"), "{back}");
    assert!(
        !back.contains("zq1:"),
        "the shell's lines show through:\n{back:?}"
    );

    // SIGTSTP sent from outside does the same.
    let pid = myolog_pid(dir.path()).expect("myolog's process id, from /proc (needs Linux)");
    let status = Command::new("kill").args(["-TSTP", &pid]).status().unwrap();
    assert!(status.success());
    tmux.wait_for("Stopped");
    shell_sees_canonical_mode(&tmux, "zq2");
    tmux.literal("fg");
    tmux.keys(&["Enter"]);
    let back = tmux.wait_for("1 Today");
    assert!(
        !back.contains("zq2:"),
        "the shell's lines show through:\n{back}"
    );
    // Still working: a twitch logged after the round trip is saved.
    tmux.keys(&["t"]);
    tmux.wait_for("Log a twitch");
    tmux.literal("calf:l");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Logged the twitch");
    tmux.keys(&["q"]);
    // Typed only once the UI is gone, as a person would: keys typed while it is still ending
    // are the UI's, not the shell's.
    tmux.wait_gone("1 Today");
    tmux.literal("echo EXITED:$?");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("EXITED:0");
    assert!(
        !screen.contains("1 Today"),
        "the UI is still on screen:\n{screen}"
    );
    shell_sees_canonical_mode(&tmux, "zq3");
    assert_eq!(episodes(&db).len(), 1);
}

#[test]
#[ignore = "needs tmux"]
fn sigquit_restores_the_terminal() {
    let tmux = Tmux::new("quit");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.sqlite3");
    tmux.start(&script(dir.path(), &db, "NO_COLOR=1"));
    tmux.wait_for("1 Today");
    let pid = myolog_pid(dir.path()).expect("myolog's process id, from /proc (needs Linux)");
    let status = Command::new("kill").args(["-QUIT", &pid]).status().unwrap();
    assert!(status.success());
    assert_restored(&tmux);
}

/// 4a in a real terminal: a check-in typed for a day without one, the window hung up on,
/// then the day's check-in saved from the command line; the next start names the key that
/// brings the draft back, and `d` does, into the form that now says "saved before".
#[test]
#[ignore = "needs tmux"]
fn a_checkin_draft_comes_back_after_the_command_line_saved_that_day() {
    let tmux = Tmux::new("checkin-draft");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.sqlite3");
    let env = "NO_COLOR=1 MYOLOG_NOW=2026-11-25T10:15:00Z";
    tmux.start(&script(dir.path(), &db, env));
    tmux.wait_for("1 Today");
    tmux.keys(&["d"]);
    tmux.wait_for("Check-in of 2026-11-25");
    tmux.literal("5h");
    for _ in 0..8 {
        tmux.keys(&["Tab"]);
    }
    tmux.literal("slept badly");
    tmux.wait_for("slept badly");
    let pid = myolog_pid(dir.path()).expect("myolog's process id, from /proc (needs Linux)");
    let status = Command::new("kill").args(["-HUP", &pid]).status().unwrap();
    assert!(status.success());
    assert_restored(&tmux);

    let out = Command::new(env!("CARGO_BIN_EXE_myolog"))
        .args(["checkin", "--caffeine", "200"])
        .env("MYOLOG_DB", &db)
        .env("MYOLOG_CONFIG", dir.path().join("no-config.toml"))
        .env("MYOLOG_NOW", "2026-11-25T10:15:00Z")
        .env("TZ", "Europe/Paris")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");

    let again = Tmux::new("checkin-draft-again");
    again.start(&script(dir.path(), &db, env));
    let first = again.wait_for("1 Today");
    again.keys(&["d"]);
    let screen = again.wait_for("Brought back what was typed in this form");
    assert!(screen.contains("saved before"), "{screen}");
    assert!(screen.contains("slept badly"), "{screen}");
    again.keys(&["C-s"]);
    again.wait_for("Saved the check-in of 2026-11-25");
    let diary = Diary::open(&db, Access::Read, chrono::Utc::now()).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let c = diary.checkin(day).unwrap().unwrap();
    assert_eq!(
        (c.sleep_h, c.caffeine_mg, c.note.as_deref()),
        (Some(5.0), Some(200), Some("slept badly"))
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("diary.sqlite3.draft-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // The start-up line named the key that brought it back.
    assert!(
        first.contains("the check-in of 2026-11-25: press d"),
        "{first}"
    );
}
