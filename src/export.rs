//! Exporting, whatever the format: the files of a period of the diary, and writing them where
//! they belong. `myolog export` and the Export screen both call [`render`] then [`write`], so
//! they offer the same formats, choose the same names and refuse the same things.
//!
//! The reports (md, html, pdf) come from [`crate::report`], the data (csv, json, fhir) from
//! [`crate::portable`]; this module only picks which and where. The data formats are streamed:
//! [`render`] only counts, and [`write`] reads the episodes a page at a time straight into each
//! file, so an export of any length needs the memory of one page.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::Error;
use crate::config::Config;
pub use crate::domain::Counts;
use crate::domain::{DiarySlice, InputError};
use crate::files::{FileError, write_private_with};
pub use crate::format::Format;
use crate::portable::{self, EpisodeSink, Period};
use crate::report::{self, Report};
use crate::store::{Diary, Snapshot, StoreError};

/// One file of an export: its name inside a folder, and its content.
pub struct File<'a> {
    pub name: String,
    pub content: Content<'a>,
}

/// What goes in a file: bytes made already (a small table), or a writer: one that reads the
/// diary a page at a time as it writes, or that lays a report out as it writes, so no export
/// holds the whole file in memory.
pub enum Content<'a> {
    Bytes(Vec<u8>),
    Stream(Box<Writer<'a>>),
}

/// What writes a streamed file.
pub type Writer<'a> = dyn Fn(&mut dyn io::Write) -> io::Result<()> + 'a;

impl Content<'_> {
    /// Writes the content to `out`.
    pub fn write_to(&self, out: &mut dyn io::Write) -> io::Result<()> {
        match self {
            Content::Bytes(bytes) => out.write_all(bytes),
            Content::Stream(write) => write(out),
        }
    }

    /// The whole content in memory (for tests and small exports).
    pub fn to_vec(&self) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.write_to(&mut bytes)?;
        Ok(bytes)
    }
}

/// An export made but not yet written: for the data formats, written from the diary it was
/// made from, as that diary was when it was made.
pub struct Output<'a> {
    pub format: Format,
    /// The period covered; a report always ends on a day (today unless asked otherwise).
    pub period: Period,
    pub counts: Counts,
    /// The files; one, except CSV's tables (episodes first).
    pub files: Vec<File<'a>>,
    /// For several files, the dated folder they go in when no folder is named.
    pub folder: Option<String>,
    /// Keeps the diary as it was counted until the files are written.
    _snapshot: Option<Snapshot<'a>>,
    /// The diary it was made from, which [`write`] never writes over.
    source: Option<PathBuf>,
}

/// Episodes read from the diary per page while streaming a data export (in unit tests, few: a
/// small diary then crosses many pages).
const PAGE: u32 = if cfg!(test) { 100 } else { 2500 };

/// How an export is made, beyond its format and period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The moment it is made: the FHIR Bundle's `timestamp` (none: left out).
    pub made_at: Option<DateTime<FixedOffset>>,
    /// CSV for Excel: each file begins with a UTF-8 byte-order mark, which Excel needs to read
    /// the text as UTF-8 (other programs do without it).
    pub excel: bool,
}

/// The export of the diary from `since` to `until` (either open) in `format`, made `today`
/// as `options` say. `config` gives the report its settings and patient line, and FHIR its Patient's name and
/// birth date; CSV and JSON do not read it. A report's model is loaded here and its file laid
/// out while [`write`] writes it; the data are only counted here, and read while [`write`]
/// writes them.
pub fn render<'a>(
    diary: &'a Diary,
    format: Format,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    today: NaiveDate,
    config: &Config,
    options: Options,
) -> Result<Output<'a>, Error> {
    check_period(since, until)?;
    if format.is_report() {
        let until = until.unwrap_or(today);
        let report = Report::load(diary, since, until, today, config)?;
        return Ok(Output {
            format,
            period: Period {
                since,
                until: Some(until),
            },
            counts: Counts {
                episodes: report.episode_count,
                checkins: report.checkins.len(),
                medications: report.medications.len(),
                self_checks: report.self_checks.len(),
                experiments: report.summary.experiments.len(),
            },
            files: vec![File {
                name: format.dated_name(today),
                // Written as it is made: a report of the whole diary is megabytes of text.
                content: Content::Stream(Box::new(move |out| report::write(&report, format, out))),
            }],
            folder: None,
            _snapshot: None,
            source: Some(diary.path().to_owned()),
        });
    }
    let period = Period { since, until };
    // Everything read from here to the last file written is the diary at one moment.
    let snapshot = diary.snapshot()?;
    // The other tables are a few thousand rows at most; the episodes are read as written.
    let in_period = |d: NaiveDate| since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u);
    let mut rest = DiarySlice {
        episodes: Vec::new(),
        checkins: diary.checkins(since, until)?,
        medications: diary.medications()?,
        self_checks: diary.self_checks()?,
        experiments: diary.experiments_in(since, until)?,
    };
    rest.self_checks.retain(|c| in_period(c.date));
    let counts = Counts {
        episodes: diary.count_episodes_in(since, until)?,
        experiments: if format.carries_experiments() {
            rest.experiments.len()
        } else {
            0
        },
        ..rest.counts()
    };
    let episodes = move |sink: &mut EpisodeSink<'_>| -> io::Result<()> {
        diary.for_each_episode_in(since, until, PAGE, |e| sink(e))
    };
    let stream = |name: String, content: Content<'a>| File { name, content };
    let files = match format {
        Format::Json => vec![stream(
            format.dated_name(today),
            Content::Stream(Box::new(move |out| {
                portable::json::write(out, &rest, &episodes, period, today)
            })),
        )],
        Format::Fhir => {
            let patient = report::Patient::from_config(config)?;
            let header = portable::fhir::Header {
                name: patient.name,
                birth_date: patient.birth_date,
                made_at: options.made_at,
                ..portable::fhir::Header::new(diary.diary_id()?, today)
            };
            vec![stream(
                format.dated_name(today),
                Content::Stream(Box::new(move |out| {
                    portable::fhir::write(out, &rest, &episodes, &header)
                })),
            )]
        }
        _ => {
            let bom: &[u8] = if options.excel {
                portable::csv::EXCEL_BOM
            } else {
                b""
            };
            let table = |name: &str, bytes: Vec<u8>| File {
                name: name.into(),
                content: Content::Bytes([bom, &bytes].concat()),
            };
            vec![
                stream(
                    "episodes.csv".into(),
                    Content::Stream(Box::new(move |out| {
                        out.write_all(bom)?;
                        portable::csv::write_episodes(out, &episodes)
                    })),
                ),
                table("checkins.csv", portable::csv::checkins(&rest.checkins)),
                table(
                    "medications.csv",
                    portable::csv::medications(&rest.medications),
                ),
                table(
                    "self_checks.csv",
                    portable::csv::self_checks(&rest.self_checks),
                ),
                table(
                    "experiments.csv",
                    portable::csv::experiments(&rest.experiments),
                ),
            ]
        }
    };
    Ok(Output {
        format,
        period,
        counts,
        files,
        folder: (format == Format::Csv).then(|| format.dated_name(today)),
        _snapshot: Some(snapshot),
        source: Some(diary.path().to_owned()),
    })
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
    /// The dated name in this folder (CSV: a dated folder in it holding the tables). What
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
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    /// Reading the diary, or writing a file, failed.
    #[error(transparent)]
    Failed(#[from] Error),
}

impl From<StoreError> for WriteError {
    fn from(e: StoreError) -> WriteError {
        WriteError::Failed(e.into())
    }
}

/// A diary read that failed while a file was written comes out as itself.
impl From<FileError> for WriteError {
    fn from(e: FileError) -> WriteError {
        match e.into_inner::<StoreError>() {
            Ok(store) => store.into(),
            Err(FileError::Exists(path)) => WriteError::Exists(path),
            Err(e) => WriteError::Failed(Error::File(e)),
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
    // The diary, its journal files and its copies are never written over, even when asked to
    // replace files: the export would destroy what it was made from.
    if let Some(diary) = &output.source {
        for path in &paths {
            if let Some(why) = crate::store::diary_file_at(diary, path) {
                return Err(WriteError::Failed(
                    InputError::new(
                        "FILE",
                        format!(
                            "{} {why}; an export never writes over it, even with --force: choose another name",
                            path.display()
                        ),
                    )
                    .into(),
                ));
            }
        }
    }
    if !force && let Some(existing) = paths.iter().find(|p| p.symlink_metadata().is_ok()) {
        return Err(WriteError::Exists(existing.clone()));
    }
    for (path, file) in paths.iter().zip(&output.files) {
        write_private_with(path, force, |out| file.content.write_to(out))?;
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

    fn output(format: Format, names: &[&str], folder: Option<&str>) -> Output<'static> {
        Output {
            format,
            period: Period::default(),
            counts: Counts::default(),
            files: names
                .iter()
                .map(|n| File {
                    name: (*n).into(),
                    content: Content::Bytes(n.as_bytes().to_vec()),
                })
                .collect(),
            folder: folder.map(str::to_owned),
            _snapshot: None,
            source: None,
        }
    }

    fn csv() -> Output<'static> {
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
                format.is_report(),
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
    fn streamed_data_exports_are_the_bytes_of_the_whole_slice_in_memory() {
        use crate::domain::Clock;
        use crate::store::Access;
        let dir = tempfile::tempdir().unwrap();
        // An offset far from UTC, so the local days differ from the UTC ones at the edges.
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+05:30").unwrap();
        let utc = now.with_timezone(&chrono::Utc);
        let mut diary = Diary::open(&dir.path().join("d.sqlite3"), Access::Write, utc).unwrap();
        // Many pages of episodes.
        let written = crate::demo::generate(90, 7, &Clock::new(now))
            .write(&mut diary, utc)
            .unwrap();
        assert!(
            written.episodes > 20 * PAGE as usize,
            "{}",
            written.episodes
        );
        let today = now.date_naive();
        let config = Config::default();
        for (run, (since, until)) in [
            (None, None),
            (Some(day("2026-09-14")), Some(day("2026-10-31"))),
            (None, Some(day("2026-10-02"))),
        ]
        .into_iter()
        .enumerate()
        {
            let slice = diary.load(since, until).unwrap();
            let period = Period { since, until };
            let whole = [
                (
                    Format::Json,
                    vec![portable::json::export(&slice, period, today)],
                ),
                (
                    Format::Fhir,
                    vec![portable::fhir::export(
                        &slice,
                        &portable::fhir::Header::new(diary.diary_id().unwrap(), today),
                    )],
                ),
                (
                    Format::Csv,
                    vec![
                        portable::csv::episodes(&slice.episodes),
                        portable::csv::checkins(&slice.checkins),
                        portable::csv::medications(&slice.medications),
                        portable::csv::self_checks(&slice.self_checks),
                        portable::csv::experiments(&slice.experiments),
                    ],
                ),
            ];
            for (format, expected) in whole {
                let output = render(
                    &diary,
                    format,
                    since,
                    until,
                    today,
                    &config,
                    Options::default(),
                )
                .unwrap();
                assert_eq!(
                    output.counts,
                    Counts {
                        experiments: if format.carries_experiments() {
                            slice.experiments.len()
                        } else {
                            0
                        },
                        ..slice.counts()
                    },
                    "{format:?} {since:?} {until:?}"
                );
                let streamed: Vec<Vec<u8>> = output
                    .files
                    .iter()
                    .map(|f| f.content.to_vec().unwrap())
                    .collect();
                assert!(
                    streamed == expected,
                    "{format:?} {since:?} {until:?} differs"
                );
                // And through the private file too.
                let out = dir.path().join(format!("{}-{run}", format.name()));
                let paths = write(&output, Target::Given(&out.join("")), false).unwrap();
                assert_eq!(std::fs::read(&paths[0]).unwrap(), expected[0]);
            }
        }
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

        let written = write(&csv(), Target::Dated(dir.path()), true).unwrap();
        assert_eq!(written.len(), 4);
        assert_eq!(
            std::fs::read(folder.join("self_checks.csv")).unwrap(),
            b"self_checks.csv"
        );
    }
}
