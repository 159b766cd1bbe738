//! `myolog export`: the diary, or a period of it, as files for a doctor or another program.
//! The diary is only read (a read-only diary exports too); every file is written owner-only and
//! never over an existing one without `--force`; bad input writes nothing.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};
use clap::{Args, ValueEnum};

use super::{Result, plural, say};
use crate::config::Config;
use crate::domain::{Clock, DiarySlice, InputError};
use crate::portable::{self, Period};
use crate::report::{self, Report, ReportFormat};
use crate::store::{Access, Diary, write_private};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// md, html or pdf: the report for a doctor; csv, json or fhir: the data for other programs
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: ExportFormat,
    /// The first day to include (DAY) [default: the diary's first]
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// The last day to include (DAY) [default: the diary's last]
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// The file to write, or a folder to write into (csv then writes episodes.csv,
    /// checkins.csv, medications.csv and self_checks.csv there) [default: a dated name in the
    /// current folder]
    #[arg(short = 'o', long = "output", value_name = "FILE_OR_FOLDER")]
    pub output: Option<PathBuf>,
    /// Replace files that exist already
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Html,
    Pdf,
    Csv,
    Json,
    Fhir,
}

impl ExportFormat {
    /// The doctor's report formats, made by `myolog::report`.
    fn report(self) -> Option<ReportFormat> {
        match self {
            ExportFormat::Md => Some(ReportFormat::Markdown),
            ExportFormat::Html => Some(ReportFormat::Html),
            ExportFormat::Pdf => Some(ReportFormat::Pdf),
            ExportFormat::Csv | ExportFormat::Json | ExportFormat::Fhir => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Md => "md",
            ExportFormat::Html => "html",
            ExportFormat::Pdf => "pdf",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Fhir => "fhir",
        }
    }
}

/// One file to write: its name inside a folder given with `-o`, and its bytes.
struct Output {
    name: String,
    bytes: Vec<u8>,
}

pub fn run(
    args: ExportArgs,
    clock: &Clock<Local>,
    open: impl Fn(Access) -> Result<Diary>,
) -> Result<()> {
    let day = |field: &str, s: &str| clock.parse_day(s).map_err(|m| InputError::new(field, m));
    let period = Period {
        since: args
            .since
            .as_deref()
            .map(|s| day("--since", s))
            .transpose()?,
        until: args
            .until
            .as_deref()
            .map(|s| day("--until", s))
            .transpose()?,
    };
    if let (Some(since), Some(until)) = (period.since, period.until)
        && since > until
    {
        return Err(InputError::new(
            "--since",
            format!(
                "{since} is after --until {until}; accepted: a first day on or before the last"
            ),
        )
        .into());
    }
    let today = clock.today();
    let diary = open(Access::Read)?;
    if let Some(format) = args.format.report() {
        let config = Config::load()?;
        let until = period.until.unwrap_or(today);
        let report = Report::load(&diary, period.since, until, today, &config)?;
        let bytes = report::render(&report, format);
        let name = report::default_file_name(format, today);
        let path = match args.output {
            Some(path) if is_folder(&path) => path.join(name),
            Some(path) => path,
            None => PathBuf::from(name),
        };
        write_private(&path, &bytes, args.force)?;
        say(format!(
            "Wrote the report{} as {} to {}.",
            period_text(Period {
                since: period.since,
                until: Some(until)
            }),
            args.format.as_str(),
            path.display()
        ));
        return Ok(());
    }
    let slice = diary.load(period.since, period.until)?;
    let (outputs, default_name) = render(args.format, &slice, period, today)?;
    let targets = targets(args.output.as_deref(), &outputs, &default_name);
    // Refuse before writing anything, so a second file that exists leaves no first one behind.
    if !args.force
        && let Some(existing) = targets
            .iter()
            .find(|p| std::fs::symlink_metadata(p).is_ok())
    {
        return Err(InputError::new(
            "FILE",
            format!(
                "{} already exists; use --force to replace it",
                existing.display()
            ),
        )
        .into());
    }
    for (path, output) in targets.iter().zip(&outputs) {
        write_private(path, &output.bytes, args.force)?;
    }
    let written: Vec<String> = targets.iter().map(|p| p.display().to_string()).collect();
    say(format!(
        "Exported {}, {}, {} and {}{} as {} to {}.",
        plural(slice.episodes.len(), "episode", "episodes"),
        plural(slice.checkins.len(), "check-in", "check-ins"),
        plural(slice.medications.len(), "medication", "medications"),
        plural(slice.self_checks.len(), "self-check", "self-checks"),
        period_text(period),
        args.format.as_str(),
        written.join(", ")
    ));
    Ok(())
}

/// The files of a format, and the dated name the first one gets without `-o`.
fn render(
    format: ExportFormat,
    slice: &DiarySlice,
    period: Period,
    today: NaiveDate,
) -> Result<(Vec<Output>, String)> {
    let one = |name: String, bytes: Vec<u8>| {
        (
            vec![Output {
                name: name.clone(),
                bytes,
            }],
            name,
        )
    };
    Ok(match format {
        ExportFormat::Json => one(
            format!("myolog-{today}.json"),
            portable::json::export(slice, period, today),
        ),
        ExportFormat::Fhir => one(
            format!("myolog-fhir-{today}.json"),
            portable::fhir::export(slice, today),
        ),
        ExportFormat::Csv => (
            vec![
                Output {
                    name: "episodes.csv".into(),
                    bytes: portable::csv::episodes(&slice.episodes),
                },
                Output {
                    name: "checkins.csv".into(),
                    bytes: portable::csv::checkins(&slice.checkins),
                },
                Output {
                    name: "medications.csv".into(),
                    bytes: portable::csv::medications(&slice.medications),
                },
                Output {
                    name: "self_checks.csv".into(),
                    bytes: portable::csv::self_checks(&slice.self_checks),
                },
            ],
            format!("myolog-episodes-{today}.csv"),
        ),
        ExportFormat::Md | ExportFormat::Html | ExportFormat::Pdf => {
            unreachable!("the report formats are written by `run` before the data formats")
        }
    })
}

/// Where each output goes: into a folder named by `-o` (one that exists, or a name ending in
/// `/`) under its own name; else only the first output, to the file named by `-o` or to its
/// dated name in the current folder.
fn targets(output: Option<&Path>, outputs: &[Output], default_name: &str) -> Vec<PathBuf> {
    match output {
        Some(path) if is_folder(path) => outputs.iter().map(|o| path.join(&o.name)).collect(),
        Some(path) => vec![path.to_owned()],
        None => vec![PathBuf::from(default_name)],
    }
}

fn is_folder(path: &Path) -> bool {
    path.is_dir()
        || path
            .as_os_str()
            .to_string_lossy()
            .ends_with(std::path::MAIN_SEPARATOR)
}

fn period_text(period: Period) -> String {
    match (period.since, period.until) {
        (None, None) => String::new(),
        (Some(s), None) => format!(" from {s}"),
        (None, Some(u)) => format!(" up to {u}"),
        (Some(s), Some(u)) => format!(" from {s} to {u}"),
    }
}
