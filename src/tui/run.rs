//! Running the app on a real terminal: set up, loop, and restore the terminal on every way out
//! (quit, an error, a panic, Ctrl-C, SIGTERM, SIGHUP).

use std::io::{self, IsTerminal};
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
    mut next_event: impl FnMut() -> io::Result<Option<Event>>,
    mut tick: impl FnMut(&mut App),
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    while !app.should_quit() && !stop.load(Ordering::Relaxed) {
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
        return Err(crate::domain::InputError::new(
            "myolog",
            "the diary screen needs a terminal; use a subcommand (`myolog --help`) from scripts",
        )
        .into());
    }
    let config = Config::load()?;
    let clock = system_clock()?;
    let live = std::env::var_os("MYOLOG_NOW").is_none();
    // A diary that may not be written to still opens, for looking; saving then says why not.
    let diary = match Diary::open(path, Access::Write, clock.now.to_utc()) {
        Err(StoreError::ReadOnly { .. }) => Diary::open(path, Access::Read, clock.now.to_utc())?,
        opened => opened?,
    };
    let mut app = App::new(diary, clock, &config)?.with_theme(Theme::from_env());

    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(terminal_error("listening for signals"))?;
    }

    let mut terminal = ratatui::try_init().map_err(terminal_error("setting up the terminal"))?;
    // ratatui's panic hook restores raw mode and the screen; this one, run first, also gives
    // the mouse back.
    let restore_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        restore_hook(info);
    }));
    let hung_up = Arc::clone(&stop);
    let result = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste).and_then(|()| {
        event_loop(
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
                    event::read().map(Some)
                } else {
                    Ok(None)
                }
            },
            |app| {
                if live && let Ok(clock) = system_clock() {
                    app.set_clock(clock);
                }
            },
        )
    });
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    result.map_err(terminal_error("drawing the diary"))
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
