//! `myolog export`: the diary, or a period of it, as files for a doctor or another program.
//! The diary is only read (a read-only diary exports too); every file is written owner-only and
//! never over an existing one without `--force`; bad input writes nothing.

use std::path::PathBuf;

use clap::Args;

use super::{Context, Result, per_table, say};
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
}

pub fn run(args: ExportArgs, ctx: &Context) -> Result<()> {
    let day = |option: &str, s: Option<&str>| s.map(|s| ctx.day(option, s)).transpose();
    let since = day("--since", args.since.as_deref())?;
    let until = day("--until", args.until.as_deref())?;
    export::check_period(since, until)?;
    let format = args.format;
    // Only the report reads the config, so a config in trouble does not stop a data export.
    let config = if format.is_report() {
        Config::load()?
    } else {
        Config::default()
    };
    let diary = ctx.open(Access::Read)?;
    let output = export::render(&diary, format, since, until, ctx.today(), &config)?;
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
        let [(_, e), ..] = per_table(c.episodes, 0, 0, 0);
        format!(
            "Exported {e}{} as {} to {} (the episodes table only: -o names one file; give a folder to -o for the check-ins, medications and self-checks too).",
            period_text(output.period),
            format.name(),
            written.join(", ")
        )
    } else {
        let [e, c, m, s] =
            per_table(c.episodes, c.checkins, c.medications, c.self_checks).map(|(_, t)| t);
        format!(
            "Exported {e}, {c}, {m} and {s}{} as {} to {}.",
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
