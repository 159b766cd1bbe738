//! `myolog export`: the diary, or a period of it, as files for a doctor or another program.
//! The diary is only read (a read-only diary exports too); every file is written owner-only and
//! never over an existing one without `--force`; bad input writes nothing.

use super::context::NOT_AFTER_TODAY;
use std::path::PathBuf;

use clap::Args;

use super::{Context, Result, say};
use crate::config::Config;
use crate::domain::InputError;
use crate::export::{self, Format, Target, WriteError};
use crate::portable::Period;
use crate::store::Access;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// md, html or pdf: the report for a doctor; csv, json or fhir: the data for other programs
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Format,
    /// The first day to include (DAY) [default: the diary's first]
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// The last day to include (DAY) [default: the diary's last]
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// The file to write, or a folder to write into (csv then writes episodes.csv,
    /// checkins.csv, medications.csv, self_checks.csv and experiments.csv there) [default: a
    /// dated name in the current folder; for csv a dated folder holding those files]
    #[arg(short = 'o', long = "output", value_name = "FILE_OR_FOLDER")]
    pub output: Option<PathBuf>,
    /// Replace files that exist already
    #[arg(long)]
    pub force: bool,
    /// CSV for Excel: begin each file with a UTF-8 byte-order mark, without which Excel
    /// misreads accented letters (other programs read the files as they are)
    #[arg(long)]
    pub excel: bool,
}

/// What `myolog export --help` says after the options: what the CSV columns hold.
pub const AFTER_HELP: &str = "\
CSV files (UTF-8, one header row, comma-separated, quoted where a cell holds a comma, quote or
line break):
  Dates are YYYY-MM-DD (a check-in's date, a medication's start and stop, a self-check's date).
  An episode's start is RFC 3339 with the local offset in force (2026-11-25T07:40:00+00:00);
  created and updated are RFC 3339 in UTC (...Z). duration_s is in seconds.
  Yes/no columns (visible, hardening, lost_motion, magnesium, stretched) hold yes or no;
  heel_walk, jar and stairs hold ok or fail.
  An empty cell is unknown, never no or zero.
  Lists (sites, triggers, reliefs, symptoms) are joined by '; '; a site is ID or ID:SIDE, a
  relief NAME, NAME:helped or NAME:no-help.
  Add --excel for the byte-order mark Excel needs to show accented letters right.";

pub fn run(args: ExportArgs, ctx: &Context) -> Result<()> {
    let since = ctx.since(args.since.as_deref())?;
    let until = ctx.optional_day("--until", args.until.as_deref())?;
    for (option, day) in [("--since", since), ("--until", until)] {
        if let Some(day) = day {
            ctx.not_future(option, day, NOT_AFTER_TODAY)?;
        }
    }
    export::check_period(since, until)?;
    let format = args.format;
    if args.excel && format != Format::Csv {
        return Err(InputError::new(
            "--excel",
            format!(
                "is for --format csv only (not {}): it marks the CSV files as UTF-8 for Excel",
                format.name()
            ),
        )
        .into());
    }
    // Only the report and FHIR's Patient read the config, so a config in trouble does not stop
    // a CSV or JSON export.
    let config = if format.is_report() || format == Format::Fhir {
        Config::load()?
    } else {
        Config::default()
    };
    let diary = ctx.open(Access::Read)?;
    let options = export::Options {
        made_at: Some(ctx.clock.now_fixed()),
        excel: args.excel,
    };
    let output = export::render(&diary, format, since, until, ctx.today(), &config, options)?;
    let here = PathBuf::from("");
    let target = match &args.output {
        Some(path) => Target::Given(path),
        None => Target::Dated(&here),
    };
    let written = export::write(&output, target, args.force).map_err(|e| match e {
        WriteError::Exists(path) => InputError::new(
            "FILE",
            format!(
                "{} already exists; use --force to replace it",
                path.display()
            ),
        )
        .into(),
        WriteError::Failed(e) => e,
    })?;
    // `-o FILE` for CSV writes its first table alone, the episodes.
    let episodes_only = written.len() < output.files.len();
    let written: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    let c = output.counts;
    say(if format.is_report() {
        format!(
            "Wrote the report{} as {} to {}.",
            period_text(output.period),
            format.name(),
            written.join(", ")
        )
    } else if episodes_only {
        let [(_, e), ..] = c.in_words();
        format!(
            "Exported {e}{} as {} to {} (the episodes table only: -o names one file; give a folder to -o for the check-ins, medications, self-checks and experiments too).",
            period_text(output.period),
            format.name(),
            written.join(", ")
        )
    } else {
        let [e, ch, m, s, x] = c.in_words().map(|(_, t)| t);
        let tables = if format.carries_experiments() {
            format!("{e}, {ch}, {m}, {s} and {x}")
        } else {
            format!("{e}, {ch}, {m} and {s}")
        };
        format!(
            "Exported {tables}{} as {} to {}.",
            period_text(output.period),
            format.name(),
            written.join(", ")
        )
    })
}

fn period_text(period: Period) -> String {
    match (period.since, period.until) {
        (None, None) => String::new(),
        (Some(s), None) => format!(" from {s}"),
        (None, Some(u)) => format!(" up to {u}"),
        (Some(s), Some(u)) => format!(" from {s} to {u}"),
    }
}
