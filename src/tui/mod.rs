//! The terminal UI: `myolog` with no subcommand.
//!
//! Elm-shaped: [`App`] holds one sub-state per screen, keys become an [`Action`] through the
//! [`keymap::Keymap`], `update` changes the state (and is the only place that reads or writes the
//! diary), and `draw` only reads. [`run`] drives it on a real terminal; tests drive the same
//! `App` with events and render it on ratatui's `TestBackend`.

mod action;
mod app;
mod banner;
mod checkin_form;
mod clock;
mod episodes;
mod export;
mod fit;
mod form;
mod help;
mod history;
pub mod keymap;
mod log_form;
mod meds;
mod patterns;
mod period;
pub mod run;
mod select;
mod theme;
mod today;
mod welcome;
pub mod widgets;

pub use action::{Action, Tab};
pub use app::{App, FormQuestion};
pub use banner::active_flags;
pub use clock::AppClock;
pub use patterns::{Patterns, Section};
pub use period::Period;
pub use run::{event_loop, event_loop_with, main};
