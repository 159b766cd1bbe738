//! myolog: a diary of muscle twitches and cramps, with pattern checks and doctor-ready exports.
//! The binary is a thin shell over this library, so tests drive the same code a user does.

pub mod catalog;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
mod error;
pub mod export;
pub mod files;
pub mod format;
pub mod patterns;
pub mod portable;
pub mod report;
pub mod store;
pub mod text;
pub mod tui;

pub use error::Error;
