//! `myolog import FILE`: a JSON export, one table of a CSV export (known by its header), or the
//! folder of a CSV export, merged into the diary by id. The whole file is checked before the
//! diary is opened; one bad record refuses it all, naming where it is, and the diary is left
//! exactly as it was. The file is read twice (checked, then merged in one transaction), a
//! record at a time (episodes written in batches by id), so a diary of any length imports in
//! little memory.

use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use clap::Args;

use super::{Context, Result, plural, say};
use crate::Error;
use crate::domain::InputError;
use crate::portable::csv::Table;
use crate::portable::{self, ImportError};
use crate::store::{Access, Counts, MergeCounts, Merger, StoreError};

/// `myolog import --help`: what a merge keeps, in the user's words.
pub const LONG_ABOUT: &str = "Bring in a JSON export (`myolog export --format json`), a table \
    of a CSV export (episodes.csv, checkins.csv, medications.csv, self_checks.csv or \
    experiments.csv, each known by its header), or the folder `myolog export --format csv -o \
    FOLDER/` wrote: every one of those files in it is checked, then all are merged together or \
    none is; other files there are ignored.\n\n\
    Entries are matched by id (a check-in by its date), so importing the same file twice \
    changes nothing and another device's export adds only what is new. When an entry exists \
    with other content, the copy changed last is kept whole (the diary's on a tie); an entry \
    deleted here stays deleted unless the imported copy was changed after the deletion. An \
    entry without an updated time (an older myolog's export) counts as changed when it was \
    created; a check-in without either, at the earliest start of its date in any time zone, so it fills a day the diary \
    has no check-in for but does not replace one saved later.\n\n\
    The file (or folder) is checked whole first: one bad record refuses it all, naming its \
    position and the reason, and the diary is not touched. Since the copy changed last wins, a record whose \
    created or updated time is in the future (more than 5 minutes ahead: a device with a wrong \
    clock), or that was updated before it was created, is refused.\n\n\
    A cell of the CSV that starts with ' has it taken off: myolog writes one before anything a \
    spreadsheet would run as a formula.";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A .json export, a .csv table of a CSV export, or the folder of a CSV export
    pub file: PathBuf,
}

enum Kind {
    Json,
    /// A CSV file, then the table its header names.
    Csv(Option<Table>),
}

/// Why an import stopped: a record of the file, or reading the file or the diary.
enum Failed {
    Record(ImportError),
    Other(Error),
}

impl From<ImportError> for Failed {
    fn from(e: ImportError) -> Self {
        Failed::Record(e)
    }
}

impl From<Error> for Failed {
    fn from(e: Error) -> Self {
        Failed::Other(e)
    }
}

impl From<StoreError> for Failed {
    fn from(e: StoreError) -> Self {
        Failed::Other(e.into())
    }
}

/// The most of a file read to tell JSON from CSV.
const HEAD: u64 = 64 * 1024;

pub fn run(args: ImportArgs, ctx: &Context) -> Result<()> {
    if args.file.is_dir() {
        return run_folder(&args.file, ctx);
    }
    let clock = &ctx.clock;
    let name = args.file.display().to_string();
    let unreadable = |e| unreadable(&name, "a file or folder myolog exported (json or csv)", e);
    // The file is read from the start for each pass, never held whole.
    let file = || {
        crate::files::open_regular(&args.file)
            .map(BufReader::new)
            .map_err(unreadable)
    };
    let mut head = Vec::new();
    file()?
        .take(HEAD)
        .read_to_end(&mut head)
        .map_err(unreadable)?;
    let head = match std::str::from_utf8(&head) {
        Ok(text) => text,
        // A character cut at the end of the head is no fault of the file.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()])
            .map_err(|_| InputError::new("FILE", format!("{name} is not UTF-8 text")))?,
        Err(_) => {
            return Err(InputError::new("FILE", format!("{name} is not UTF-8 text")).into());
        }
    };
    let kind = kind_of(&args.file, head).map(|k| match k {
        // When the header names no table more than another (`date,id`), the file's own name
        // decides, if it is one an export gives.
        Kind::Csv(_) => Kind::Csv(Table::of_header(head).or_else(|| {
            let file_name = args.file.file_name()?.to_str()?;
            Table::ALL.into_iter().find(|t| t.file_name() == file_name)
        })),
        k => k,
    });
    let kind = kind.ok_or_else(|| {
        InputError::new(
            "FILE",
            format!(
                "{name} is neither JSON nor CSV; accepted: a .json export, a .csv table of a CSV export, or its folder"
            ),
        )
    })?;
    // The table of a CSV file; `None` for JSON.
    let table = match kind {
        Kind::Json => None,
        Kind::Csv(table) => Some(table.ok_or_else(|| Table::unknown_header().into_input(&name))?),
    };
    let now_fixed = clock.now_fixed();
    // Reads the file through, handing each checked record to `merge` (none in the first pass).
    let read = |merge: Option<&mut Merger<'_>>| -> std::result::Result<(), Failed> {
        let mut merge = merge;
        match table {
            None => portable::json::read_records(file()?, now_fixed, |record| {
                let Some(merge) = merge.as_deref_mut() else {
                    return Ok(());
                };
                Ok(merge.record(&record)?)
            }),
            Some(table) => portable::csv::read_table(table, file()?, clock, |record| {
                match merge.as_deref_mut() {
                    Some(merge) => Ok(merge.record(&record)?),
                    None => Ok(()),
                }
            }),
        }
    };
    let failed = |e: Failed| -> Error {
        match e {
            Failed::Record(e) => e.into_input(&name).into(),
            Failed::Other(e) => e,
        }
    };
    // First the whole file is checked, keeping nothing but the ids seen, so that a bad record
    // refuses it before the diary is even opened.
    if let Kind::Json = kind {
        portable::json::check_header(file()?).map_err(|e| e.into_input(&name))?;
    }
    read(None).map_err(failed)?;
    // Then it is read again and merged record by record in one transaction, which a record
    // found wrong now after all (the file changed meanwhile) rolls back whole.
    let mut diary = ctx.open(Access::Write)?;
    let counts = diary
        .merge_with(ctx.now(), |merge| read(Some(merge)))
        .map_err(failed)?;
    say(summary(&name, &counts))
}

/// By the extension; failing that, by the first character.
fn kind_of(path: &std::path::Path, text: &str) -> Option<Kind> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    match ext.as_deref() {
        Some("json") => Some(Kind::Json),
        Some("csv") => Some(Kind::Csv(None)),
        _ => match text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .next()
        {
            Some('{') => Some(Kind::Json),
            Some(_) if text.lines().next().is_some_and(|l| l.contains(',')) => {
                Some(Kind::Csv(None))
            }
            _ => None,
        },
    }
}

/// `myolog import FOLDER`: the tables a CSV export wrote there, known by their file names, all
/// checked first, then merged in one transaction, so that one bad file brings in nothing.
fn run_folder(folder: &Path, ctx: &Context) -> Result<()> {
    let name = folder.display().to_string();
    let tables: Vec<(Table, PathBuf)> = Table::ALL
        .iter()
        .map(|&t| (t, folder.join(t.file_name())))
        .filter(|(_, path)| path.is_file())
        .collect();
    if tables.is_empty() {
        return Err(InputError::new(
            "FILE",
            format!(
                "{name} is a folder without a table of a CSV export; accepted: a .json export, a .csv file, or a folder holding {}",
                Table::all_names()
            ),
        )
        .into());
    }
    let clock = &ctx.clock;
    // Reads every file through, handing each checked record to `merge` (none in the first
    // pass); a refusal names the file it is in.
    let read = |merge: Option<&mut Merger<'_>>| -> std::result::Result<(), Error> {
        let mut merge = merge;
        for (table, path) in &tables {
            let file = crate::files::open_regular(path)
                .map(BufReader::new)
                .map_err(|e| {
                    let name = path.display().to_string();
                    unreadable(&name, "a CSV file myolog exported", e)
                })?;
            portable::csv::read_table(*table, file, clock, |record| match merge.as_deref_mut() {
                Some(merge) => Ok(merge.record(&record)?),
                None => Ok(()),
            })
            .map_err(|e| match e {
                Failed::Record(e) => e.into_input(&path.display().to_string()).into(),
                Failed::Other(e) => e,
            })?;
        }
        Ok(())
    };
    read(None)?;
    let mut diary = ctx.open(Access::Write)?;
    let counts = diary.merge_with(ctx.now(), |merge| read(Some(merge)))?;
    say(summary(&name, &counts))
}

fn summary(name: &str, counts: &MergeCounts) -> String {
    let part = |t: &Counts| {
        let items: Vec<String> = t
            .in_words()
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(_, text)| text)
            .collect();
        if items.is_empty() {
            "nothing".to_string()
        } else {
            items.join(", ")
        }
    };
    let mut text = format!("Imported {name}: added {}", part(&counts.added));
    if counts.updated.total() > 0 {
        text.push_str(&format!(
            "; updated {} (changed later in the file)",
            part(&counts.updated)
        ));
    }
    text.push_str(&format!(
        "; {} already here.",
        plural(counts.unchanged.total(), "entry", "entries")
    ));
    text
}

/// Why the file `name` to import cannot be read, in one line: one that does not exist, became a
/// folder, or is not a regular file (a pipe would be waited on for ever) is bad input that says
/// what is `accepted`; any other failure is the machine's.
fn unreadable(name: &str, accepted: &str, e: std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            InputError::new("FILE", format!("{name} does not exist")).into()
        }
        std::io::ErrorKind::IsADirectory => InputError::new(
            "FILE",
            format!("{name} became a folder while it was read; run the import again"),
        )
        .into(),
        std::io::ErrorKind::InvalidInput => {
            InputError::new("FILE", format!("{name} is {e}; accepted: {accepted}")).into()
        }
        _ => crate::files::FileError::Io {
            context: format!("cannot read {name}"),
            source: e,
        }
        .into(),
    }
}
