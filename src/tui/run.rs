//! Running the app on a real terminal: set up, loop, and restore the terminal on every way out
//! (quit, an error, a panic, Ctrl-C, SIGTERM, SIGHUP, SIGQUIT), and while suspended (Ctrl-Z or
//! SIGTSTP: the shell gets its terminal back, and `fg` brings the screen back whole).

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;

use super::app::App;
use super::theme::Theme;
use crate::Error;
use crate::config::Config;
use crate::domain::system_clock;
use crate::store::{Access, Diary, StoreError};

/// Draws, waits for an event, hands it to the app; until the app quits or `stop` is set.
/// Generic over the backend, so tests run the very same loop on a `TestBackend`.
/// `next_event` returns `None` when nothing happened within its own timeout.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    stop: &AtomicBool,
    next_event: impl FnMut() -> io::Result<Option<Event>>,
    tick: impl FnMut(&mut App),
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    event_loop_with(terminal, app, stop, next_event, tick, |_| Ok(()))
}

/// [`event_loop`], with `before_draw` given the terminal before every frame: the real terminal
/// suspends there when asked to, and forces a whole redraw after it was stopped.
pub fn event_loop_with<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    stop: &AtomicBool,
    mut next_event: impl FnMut() -> io::Result<Option<Event>>,
    mut tick: impl FnMut(&mut App),
    mut before_draw: impl FnMut(&mut Terminal<B>) -> io::Result<()>,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    while !app.should_quit() && !stop.load(Ordering::Relaxed) {
        before_draw(terminal)?;
        // Entries logged elsewhere (the command line, another window) show up within a tick.
        app.reload_if_changed_elsewhere();
        // ratatui sends only the cells that changed, so an idle redraw writes nothing.
        terminal
            .draw(|frame| app.draw(frame))
            .map_err(io::Error::other)?;
        // Slow work a key asked for (a long export) runs after the frame that says so.
        if app.run_pending() {
            continue;
        }
        let event = next_event()?;
        // The clock moves on whether or not a key came (a UI left open past midnight).
        tick(app);
        if let Some(event) = event {
            if let Event::Resize(..) = event {
                terminal.autoresize().map_err(io::Error::other)?;
            }
            app.handle(event);
        }
    }
    Ok(())
}

/// `myolog` with no subcommand: opens the diary at `path` in the terminal UI.
pub fn main(path: &Path) -> Result<(), Error> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Error::NoTerminal);
    }
    let config = Config::load()?;
    let clock = system_clock()?;
    let live = std::env::var_os("MYOLOG_NOW").is_none();
    // A diary that may not be written to still opens, for looking; saving then says why not.
    let diary = match Diary::open(path, Access::Write, clock.now.to_utc()) {
        Err(StoreError::ReadOnly { .. }) => Diary::open(path, Access::Read, clock.now.to_utc())?,
        opened => opened?,
    };
    // Said before the screen takes the terminal, so it stays readable after.
    for notice in diary.notices() {
        eprintln!("myolog: {notice}");
    }
    let mut app = App::new(diary, clock, &config)?.with_theme(Theme::from_env());

    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(terminal_error("listening for signals"))?;
    }
    // Ctrl-Z (a key in raw mode, or SIGTSTP sent by the shell or `kill`) suspends; SIGCONT,
    // after any stop, asks for a whole redraw, since the shell drew over the screen.
    let suspend = Arc::new(AtomicBool::new(false));
    let resumed = Arc::new(AtomicBool::new(false));
    for (signal, flag) in [
        (signal_hook::consts::SIGTSTP, &suspend),
        (signal_hook::consts::SIGCONT, &resumed),
    ] {
        signal_hook::flag::register(signal, Arc::clone(flag))
            .map_err(terminal_error("listening for signals"))?;
    }

    let before = std::panic::take_hook();
    let mut terminal = ratatui::try_init().map_err(terminal_error("setting up the terminal"))?;
    // In place of ratatui's panic hook, whose restore panics again on a terminal that is gone
    // (and so aborts): give the mouse back, restore raw mode and the screen, then report the
    // panic as before.
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        let _ = ratatui::try_restore();
        before(info);
    }));
    let hung_up = Arc::clone(&stop);
    let ctrl_z = Arc::clone(&suspend);
    let result = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste).and_then(|()| {
        event_loop_with(
            &mut terminal,
            &mut app,
            &stop,
            || {
                // A window closed under us: stop as for SIGHUP, which may never come.
                if terminal_gone(Duration::ZERO)? {
                    hung_up.store(true, Ordering::Relaxed);
                    return Ok(None);
                }
                if !event::poll(Duration::ZERO)? && terminal_gone(Duration::from_millis(250))? {
                    hung_up.store(true, Ordering::Relaxed);
                    return Ok(None);
                }
                if event::poll(Duration::ZERO)? {
                    let event = event::read()?;
                    if is_ctrl_z(&event) {
                        ctrl_z.store(true, Ordering::Relaxed);
                        return Ok(None);
                    }
                    Ok(Some(event))
                } else {
                    Ok(None)
                }
            },
            |app| {
                if live && let Ok(clock) = system_clock() {
                    app.set_clock(clock);
                }
            },
            |terminal| {
                if suspend.swap(false, Ordering::Relaxed) {
                    suspend_until_resumed()?;
                    resumed.store(true, Ordering::Relaxed);
                }
                if resumed.swap(false, Ordering::Relaxed) {
                    terminal.clear()?;
                }
                Ok(())
            },
        )
    });
    // Stopped by a signal, nobody can be asked about a form that holds changes: keep them,
    // first of all, since a window closed under us may fail every write to the terminal.
    // The same when the loop failed (a terminal that fails a draw before its hangup arrives).
    let kept = (stop.load(Ordering::Relaxed) || result.is_err()).then(|| app.keep_draft());
    // Restored without `ratatui::restore`, which prints its failure with `eprintln!`: on a
    // hung-up terminal that panics, and the panic hook's second restore aborts.
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    let _ = ratatui::try_restore();
    // The terminal may be gone: what cannot be said is not a failure.
    let mut stderr = io::stderr();
    match kept {
        Some(Ok(true)) => {
            let _ = writeln!(
                stderr,
                "myolog: stopped while a form held changes; what was typed in it is kept as a draft, and the next start of myolog says which keys bring it back (choices and ticks are not kept)"
            );
        }
        Some(Err(e)) => {
            let _ = writeln!(
                stderr,
                "myolog: stopped while a form held changes, which could not be kept: {e}"
            );
        }
        Some(Ok(false)) | None => {}
    }
    result.map_err(terminal_error("drawing the diary"))
}

/// Whether `event` is Ctrl-Z, which suspends a full-screen program (raw mode makes it a key).
fn is_ctrl_z(event: &Event) -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
    matches!(event, Event::Key(key) if key.kind == KeyEventKind::Press
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('z' | 'Z')))
}

/// Gives the shell its terminal back (cooked mode, the main screen, no mouse), stops this
/// process as SIGTSTP would, and once continued (`fg`) takes the terminal again; the caller
/// then redraws the whole screen.
#[cfg(unix)]
fn suspend_until_resumed() -> io::Result<()> {
    use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::try_restore()?;
    // SIGTSTP itself is caught (to get here); SIGSTOP stops as its default would.
    rustix::process::kill_process(rustix::process::getpid(), rustix::process::Signal::STOP)?;
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

#[cfg(not(unix))]
fn suspend_until_resumed() -> io::Result<()> {
    Ok(())
}

/// Waits up to `timeout` for input on the terminal; true when the terminal has hung up (its
/// window closed). crossterm reads a hung-up terminal in a busy loop that never returns (the
/// end of file is not an event to it), so the waiting is done here and crossterm is asked only
/// when the terminal is still there. A signal ends the wait early, as input does.
#[cfg(unix)]
fn terminal_gone(timeout: Duration) -> io::Result<bool> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec::try_from(timeout).ok();
    match poll(&mut fds, timeout.as_ref()) {
        Ok(ready) => Ok(ready > 0
            && fds[0]
                .revents()
                .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)),
        Err(rustix::io::Errno::INTR) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(unix))]
fn terminal_gone(timeout: Duration) -> io::Result<bool> {
    event::poll(timeout).map(|_| false)
}

fn terminal_error(context: &'static str) -> impl Fn(io::Error) -> Error {
    move |source| Error::Terminal { context, source }
}
