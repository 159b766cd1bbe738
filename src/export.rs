//! Exporting, whatever the format: the files of a period of the diary, and writing them where
//! they belong. `myolog export` and the Export screen both call [`render`] then [`write`], so
//! they offer the same formats, choose the same names and refuse the same things.
//!
//! The reports (md, html, pdf) come from [`crate::report`], the data (csv, json, fhir) from
//! [`crate::portable`]; this module only picks which and where.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::Config;
use crate::domain::{DiarySlice, InputError};
use crate::portable::{self, Period};
use crate::report::{self, Report, ReportFormat};
use crate::store::{Diary, StoreError, write_private};

/// Every format `myolog export --format` and the Export screen offer; the `--format` names are
/// the variants' in lower case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
    Pdf,
    Csv,
    Json,
    Fhir,
}

impl Format {
    /// The reports first, then the data, as the Export screen lists them.
    pub const ALL: [Format; 6] = [
        Format::Md,
        Format::Html,
        Format::Pdf,
        Format::Csv,
        Format::Json,
        Format::Fhir,
    ];

    /// The `--format` name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Fhir => "fhir",
        }
    }

    /// The name a person knows it by.
    pub fn label(self) -> &'static str {
        match self {
            Format::Md => "Markdown",
            Format::Html => "HTML",
            Format::Pdf => "PDF",
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Fhir => "FHIR",
        }
    }

    /// The doctor's report formats; `None` for the data formats.
    pub fn report(self) -> Option<ReportFormat> {
        match self {
            Format::Md => Some(ReportFormat::Markdown),
            Format::Html => Some(ReportFormat::Html),
            Format::Pdf => Some(ReportFormat::Pdf),
            Format::Csv | Format::Json | Format::Fhir => None,
        }
    }

    /// The dated name the export goes by when no target is named: the file's, or for CSV the
    /// folder's that holds its four tables (`myolog-csv-2026-11-25`).
    pub fn dated_name(self, today: NaiveDate) -> String {
        match self.report() {
            Some(format) => report::default_file_name(format, today),
            None => match self {
                Format::Json => format!("myolog-{today}.json"),
                Format::Fhir => format!("myolog-fhir-{today}.json"),
                _ => format!("myolog-csv-{today}"),
            },
        }
    }
}

/// One file of an export: its name inside a folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// How many entries of each kind an export holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub episodes: usize,
    pub checkins: usize,
    pub medications: usize,
    pub self_checks: usize,
}

/// An export made but not yet written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub format: Format,
    /// The period covered; a report always ends on a day (today unless asked otherwise).
    pub period: Period,
    pub counts: Counts,
    /// The files; one, except CSV's four tables (episodes first).
    pub files: Vec<File>,
    /// For several files, the dated folder they go in when no folder is named.
    pub folder: Option<String>,
}

/// The export of the diary from `since` to `until` (either open) in `format`, made `today`.
/// `config` gives the report its settings and patient line; the data formats do not read it.
pub fn render(
    diary: &Diary,
    format: Format,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    today: NaiveDate,
    config: &Config,
) -> Result<Output, StoreError> {
    check_period(since, until)?;
    let report = |report_format: ReportFormat| -> Result<Output, StoreError> {
        let until = until.unwrap_or(today);
        let report = Report::load(diary, since, until, today, config)?;
        Ok(Output {
            format,
            period: Period {
                since,
                until: Some(until),
            },
            counts: Counts {
                episodes: report.episodes.len(),
                checkins: report.checkins.len(),
                medications: report.medications.len(),
                self_checks: report.self_checks.len(),
            },
            files: vec![File {
                name: format.dated_name(today),
                bytes: report::render(&report, report_format),
            }],
            folder: None,
        })
    };
    let period = Period { since, until };
    let data = |files: &dyn Fn(&DiarySlice) -> Vec<File>| -> Result<Output, StoreError> {
        let slice = diary.load(since, until)?;
        Ok(Output {
            format,
            period,
            counts: Counts {
                episodes: slice.episodes.len(),
                checkins: slice.checkins.len(),
                medications: slice.medications.len(),
                self_checks: slice.self_checks.len(),
            },
            files: files(&slice),
            folder: None,
        })
    };
    let one = |bytes: Vec<u8>| {
        vec![File {
            name: format.dated_name(today),
            bytes,
        }]
    };
    match format {
        Format::Md => report(ReportFormat::Markdown),
        Format::Html => report(ReportFormat::Html),
        Format::Pdf => report(ReportFormat::Pdf),
        Format::Json => data(&|slice| one(portable::json::export(slice, period, today))),
        Format::Fhir => data(&|slice| one(portable::fhir::export(slice, today))),
        Format::Csv => {
            let mut output = data(&|slice| {
                let file = |name: &str, bytes| File {
                    name: name.into(),
                    bytes,
                };
                vec![
                    file("episodes.csv", portable::csv::episodes(&slice.episodes)),
                    file("checkins.csv", portable::csv::checkins(&slice.checkins)),
                    file(
                        "medications.csv",
                        portable::csv::medications(&slice.medications),
                    ),
                    file(
                        "self_checks.csv",
                        portable::csv::self_checks(&slice.self_checks),
                    ),
                ]
            })?;
            output.folder = Some(format.dated_name(today));
            Ok(output)
        }
    }
}

/// Refuses a period that ends before it starts.
pub fn check_period(since: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<(), InputError> {
    match (since, until) {
        (Some(since), Some(until)) if since > until => Err(InputError::new(
            "--since",
            format!(
                "{since} is after --until {until}; accepted: a first day on or before the last"
            ),
        )),
        _ => Ok(()),
    }
}

/// Where an export goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// The dated name in this folder (CSV: a dated folder in it holding the four tables). What
    /// `myolog export` does without `-o`, in the current folder, and what the Export screen does.
    Dated(&'a Path),
    /// What `-o` names: a folder (one that exists, or a name ending in `/`) takes every file
    /// under its own name; anything else is the one file to write, and CSV writes only its
    /// episodes there.
    Given(&'a Path),
}

/// Why nothing (or not everything) was written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file to write exists already; nothing at all was written.
    #[error("{} already exists; use --force to replace it", .0.display())]
    Exists(PathBuf),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<WriteError> for StoreError {
    fn from(e: WriteError) -> StoreError {
        match e {
            WriteError::Exists(_) => InputError::new("FILE", e.to_string()).into(),
            WriteError::Store(e) => e,
        }
    }
}

/// The paths `output` would be written to at `target`, in the order of its files.
pub fn paths(output: &Output, target: Target) -> Vec<PathBuf> {
    match target {
        Target::Dated(dir) => {
            let dir = match &output.folder {
                Some(folder) => dir.join(folder),
                None => dir.to_owned(),
            };
            output.files.iter().map(|f| dir.join(&f.name)).collect()
        }
        Target::Given(path) if is_folder(path) => {
            output.files.iter().map(|f| path.join(&f.name)).collect()
        }
        Target::Given(path) => vec![path.to_owned()],
    }
}

/// Writes `output` at `target`, every file owner-only (folders made for it too), and returns
/// the paths written. Without `force`, one file that exists already refuses them all before any
/// is written, so a second export never leaves half of itself beside the first.
pub fn write(output: &Output, target: Target, force: bool) -> Result<Vec<PathBuf>, WriteError> {
    let paths = paths(output, target);
    if !force && let Some(existing) = paths.iter().find(|p| p.symlink_metadata().is_ok()) {
        return Err(WriteError::Exists(existing.clone()));
    }
    for (path, file) in paths.iter().zip(&output.files) {
        write_private(path, &file.bytes, force)?;
    }
    Ok(paths)
}

/// Whether `-o` names a folder: one that exists, or a name ending in the path separator.
pub fn is_folder(path: &Path) -> bool {
    path.is_dir()
        || path
            .as_os_str()
            .to_string_lossy()
            .ends_with(std::path::MAIN_SEPARATOR)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn output(format: Format, names: &[&str], folder: Option<&str>) -> Output {
        Output {
            format,
            period: Period::default(),
            counts: Counts::default(),
            files: names
                .iter()
                .map(|n| File {
                    name: (*n).into(),
                    bytes: n.as_bytes().to_vec(),
                })
                .collect(),
            folder: folder.map(str::to_owned),
        }
    }

    fn csv() -> Output {
        output(
            Format::Csv,
            &[
                "episodes.csv",
                "checkins.csv",
                "medications.csv",
                "self_checks.csv",
            ],
            Some("myolog-csv-2026-11-25"),
        )
    }

    #[test]
    fn the_command_line_and_the_screen_share_these_dated_names() {
        let today = day("2026-11-25");
        let names: Vec<String> = Format::ALL.iter().map(|f| f.dated_name(today)).collect();
        assert_eq!(
            names,
            [
                "myolog-report-2026-11-25.md",
                "myolog-report-2026-11-25.html",
                "myolog-report-2026-11-25.pdf",
                "myolog-csv-2026-11-25",
                "myolog-2026-11-25.json",
                "myolog-fhir-2026-11-25.json",
            ]
        );
        for format in Format::ALL {
            assert_eq!(
                format.report().is_some(),
                matches!(format, Format::Md | Format::Html | Format::Pdf)
            );
        }
    }

    #[test]
    fn paths_follow_the_target() {
        let json = output(Format::Json, &["myolog-2026-11-25.json"], None);
        let dir = Path::new("out");
        assert_eq!(
            paths(&json, Target::Dated(dir)),
            [dir.join("myolog-2026-11-25.json")]
        );
        assert_eq!(
            paths(&csv(), Target::Dated(dir)),
            ["episodes", "checkins", "medications", "self_checks"]
                .map(|t| dir.join("myolog-csv-2026-11-25").join(format!("{t}.csv")))
        );
        // -o with a folder: every table under its own name, no dated folder.
        let folder = Path::new("exports/");
        assert_eq!(
            paths(&csv(), Target::Given(folder))[1],
            folder.join("checkins.csv")
        );
        // -o with a file: only the episodes.
        let file = Path::new("e.csv");
        assert_eq!(paths(&csv(), Target::Given(file)), [file]);
    }

    #[test]
    fn one_file_in_the_way_refuses_all_before_any_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("myolog-csv-2026-11-25");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("self_checks.csv"), "mine").unwrap();
        let err = write(&csv(), Target::Dated(dir.path()), false).unwrap_err();
        assert!(
            matches!(&err, WriteError::Exists(p) if p.ends_with("self_checks.csv")),
            "{err}"
        );
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
        let as_input = StoreError::from(err);
        assert_eq!(as_input.exit_code(), 2);
        assert!(as_input.to_string().contains("--force"), "{as_input}");

        let written = write(&csv(), Target::Dated(dir.path()), true).unwrap();
        assert_eq!(written.len(), 4);
        assert_eq!(
            std::fs::read(folder.join("self_checks.csv")).unwrap(),
            b"self_checks.csv"
        );
    }
}
