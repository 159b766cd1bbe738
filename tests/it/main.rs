//! The integration tests: one binary, so the library is linked once (matklad, "Delete Cargo
//! Integration Tests"). Each module is one capability; `support` holds the shared builders.
//!
//! Tests that need a program or a privilege the machine may lack (tmux, root, a tmpfs) are
//! `#[ignore = "needs ..."]` and fail loudly when run without it; `.ci/run` installs what they
//! need and runs them with `--include-ignored`.

// Tests stop where they fail: unwrap, expect and panic are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod bad_input;
mod clock_ahead;
mod concurrency;
mod crash;
mod demo;
mod experiments_cli;
mod experiments_portable;
mod experiments_report;
mod experiments_result;
mod experiments_store;
mod experiments_tui;
mod export_data;
mod flags_activity;
mod full_disk;
mod hostile_files;
mod hostile_input;
mod import;
mod import_csv;
mod import_merge;
mod input_natural;
mod input_note;
mod opening;
mod patterns_cli;
mod patterns_cramps;
mod patterns_factors;
mod patterns_first_met;
mod patterns_load;
mod patterns_medication;
mod patterns_persistence;
mod patterns_properties;
mod patterns_red_flags;
mod patterns_spread;
mod privacy;
mod records_cli;
mod records_tui;
mod report_determinism;
mod report_escaping;
mod report_evidence;
mod report_html;
mod report_page_one;
mod report_pdf;
mod report_print;
mod report_sections;
mod report_summary;
mod round_trips;
mod safety_edits;
mod safety_files;
mod safety_import;
mod safety_messages;
mod safety_undo;
mod status;
mod summary_store;
mod time;
mod tui_drafts;
mod tui_export;
mod tui_forms;
mod tui_keys;
mod tui_patterns;
mod tui_sizes;
mod tui_snapshots;
mod tui_tmux;
