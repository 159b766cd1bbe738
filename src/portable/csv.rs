//! CSV files for spreadsheets: `episodes.csv` and, beside it, `checkins.csv`, `medications.csv`,
//! `self_checks.csv` and `experiments.csv`. `myolog import` reads each back: a lone file known by
//! the table its header names most ([`Table::of_header`]), the folder of an export by its files'
//! names.
//!
//! The columns are stable: new ones may be added at the end, none renamed or reordered.
//! `episodes.csv`, one row per episode, oldest first:
//!
//! | column | content |
//! |---|---|
//! | `id` | the episode's UUID |
//! | `kind` | `twitch` or `cramp` |
//! | `start` | RFC 3339 with the local offset in force (`2026-11-25T07:40:00+00:00`) |
//! | `duration_s` | seconds, empty when unknown |
//! | `sites` | `ID` or `ID:SIDE`, several joined by `; ` (`calf:left; thigh:left`) |
//! | `intensity` | twitch, 1-5 |
//! | `visible` | twitch, `yes` / `no` |
//! | `pain` | cramp, 0-10 |
//! | `hardening`, `lost_motion` | cramp, `yes` / `no` |
//! | `reliefs` | `NAME` or `NAME:helped` / `NAME:no-help`, joined by `; ` |
//! | `sore_days` | cramp, days sore afterwards |
//! | `triggers` | trigger ids, joined by `; ` |
//! | `note` | free text (quoted when it holds a comma, quote or line break) |
//! | `created`, `updated` | RFC 3339 in UTC |
//!
//! A cell that a spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return) is written with a `'` in front, which spreadsheets take as "this is
//! text" and do not show; so is a cell that itself starts with `'`, so that `myolog import`,
//! which takes one leading `'` off every cell, gives every note back exactly (`'tis` is written
//! `''tis`).
//!
//! An empty cell is unknown. On import, only `kind`, `start` and `sites` are required; columns
//! may come in any order; `start` may also be a local `YYYY-MM-DD HH:MM`; a row without an `id`
//! gets one derived from its kind, start and sites, so importing it again matches it; missing
//! `created` and `updated` are taken as the start.
//!
//! `checkins.csv`, one row per day with a check-in: `date` (`YYYY-MM-DD`), `sleep_h` (hours,
//! `6.5`), `caffeine_mg`, `stress` (0-10), `water_l` (litres), `alcohol` (drinks),
//! `exercise_min`, `magnesium` and `stretched` (`yes` / `no`), `note`, `experiment_kept`
//! (`yes` / `no`, asked while a custom experiment runs), `id` (the date's own,
//! [`crate::domain::checkin_id`]), `created`, `updated`. On import only `date` is required; an
//! `id` other than the date's is refused; a missing `updated` is `created`, and a row with
//! neither (an older myolog's export) counts as made and changed at the earliest start of its date
//! in any time zone
//! ([`CheckIn::fill_times`]).
//!
//! `medications.csv`: `id`, `name`, `class` (a class id of the catalogue), `dose`, `start`,
//! `stop` (dates; `stop` empty while taken), `created`, `updated`. On import `name`, `class` and
//! `start` are required; a row without an `id` gets one derived from its name and start, and
//! missing `created` and `updated` are taken as the start day's midnight UTC.
//!
//! `self_checks.csv`: `id`, `date`, `heel_walk`, `jar`, `stairs` (`ok` / `fail`, empty when not
//! done), `symptoms` (symptom ids present, joined by `; `), `created`, `updated`. On import only
//! `date` is required (and a result or a symptom); a row without an `id` gets one derived from
//! its date and findings, a missing `created` is the date's midnight UTC, and a missing
//! `updated` (an older myolog's export) is `created`.
//!
//! `experiments.csv` (DOMAIN.md section 7): `id`, `name`, `change`, `outcome`, `start`, `end`
//! (the planned last day), `stopped` (the first day without the change, empty when not
//! stopped), `created`, `updated`. On import `name`, `change`, `outcome`, `start` and `end`
//! are required; a row without an `id` gets one derived from its name and start.
//!
//! Every table is read back as the JSON import reads the same records: tidied, checked by the
//! domain's validation, nothing in the future, no id (or check-in date) twice in a file; a
//! refusal names the line, as a text editor counts them, and the column.

use std::io::{self, Write};

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use uuid::Uuid;

use super::{Checker, Episodes, ImportError, episodes_of, rfc3339};
use crate::domain::episode::parse_trigger;
use crate::domain::{
    Change, CheckIn, Clock, Episode, Experiment, Kind, Medication, Outcome, ReliefUse, SelfCheck,
    SiteRef, TestResult, made_on, parse_duration,
};

/// The columns of `episodes.csv`, in order.
pub const EPISODE_COLUMNS: [&str; 16] = [
    "id",
    "kind",
    "start",
    "duration_s",
    "sites",
    "intensity",
    "visible",
    "pain",
    "hardening",
    "lost_motion",
    "reliefs",
    "sore_days",
    "triggers",
    "note",
    "created",
    "updated",
];

/// `experiment_kept` and `id` came last, so the columns before them keep their places. A
/// check-in's id is its date's ([`crate::domain::checkin_id`]).
pub const CHECKIN_COLUMNS: [&str; 14] = [
    "date",
    "sleep_h",
    "caffeine_mg",
    "stress",
    "water_l",
    "alcohol",
    "exercise_min",
    "magnesium",
    "stretched",
    "note",
    "experiment_kept",
    "id",
    "created",
    "updated",
];

pub const MEDICATION_COLUMNS: [&str; 8] = [
    "id", "name", "class", "dose", "start", "stop", "created", "updated",
];

pub const SELF_CHECK_COLUMNS: [&str; 8] = [
    "id",
    "date",
    "heel_walk",
    "jar",
    "stairs",
    "symptoms",
    "created",
    "updated",
];

/// The UTF-8 byte-order mark that `myolog export --format csv --excel` puts first in each file:
/// Excel needs it to read the text as UTF-8, other programs do without it (import takes it off).
pub const EXCEL_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Joins list cells; import splits on `;` and trims.
const JOIN: &str = "; ";

/// The namespace of ids derived for CSV rows that have none.
const ROW_ID_NAMESPACE: Uuid = Uuid::from_u128(0xf910bad8_f713_4e48_8dd6_3572568057fc);

fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail, and every row has the header's length.
    let _ = out.write_record(header);
    for row in rows {
        let _ = out.write_record(row.into_iter().map(as_text));
    }
    out.into_inner().unwrap_or_default()
}

/// What marks a cell as text to a spreadsheet, and what import takes off.
const TEXT_MARK: char = '\'';

/// A cell as written: with [`TEXT_MARK`] in front when a spreadsheet would run it as a formula
/// (OWASP's list: `=`, `+`, `-`, `@`, tab, carriage return), or when it starts with the mark
/// itself, so that import, taking one mark off, gives back exactly what was written.
fn as_text(mut cell: String) -> String {
    if let Some('=' | '+' | '-' | '@' | '\t' | '\r' | TEXT_MARK) = cell.chars().next() {
        cell.insert(0, TEXT_MARK);
    }
    cell
}

/// A cell as read: without the one [`TEXT_MARK`] that [`as_text`] put in front.
fn from_text(cell: &str) -> &str {
    cell.strip_prefix(TEXT_MARK).unwrap_or(cell)
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn yes_no(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    }
}

fn utc(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn joined<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(JOIN)
}

pub fn episodes(episodes: &[Episode]) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_episodes(&mut bytes, &episodes_of(episodes));
    bytes
}

/// Writes `episodes.csv` to `out` row by row as `episodes` gives them: the bytes of
/// [`episodes`] for the same episodes.
pub fn write_episodes(out: &mut dyn Write, episodes: Episodes) -> io::Result<()> {
    let mut table = ::csv::Writer::from_writer(out);
    table.write_record(EPISODE_COLUMNS)?;
    episodes(&mut |e| Ok(table.write_record(episode_row(e).into_iter().map(as_text))?))?;
    table.flush()
}

fn episode_row(e: &Episode) -> Vec<String> {
    vec![
        e.id.to_string(),
        e.kind.to_string(),
        rfc3339(&e.start),
        opt(e.duration_s),
        joined(&e.sites),
        opt(e.intensity),
        yes_no(e.visible),
        opt(e.pain),
        yes_no(e.hardening),
        yes_no(e.lost_motion),
        joined(&e.reliefs),
        opt(e.sore_days),
        joined(&e.triggers),
        e.note.clone().unwrap_or_default(),
        utc(&e.created),
        utc(&e.updated),
    ]
}

pub fn checkins(checkins: &[CheckIn]) -> Vec<u8> {
    table(
        &CHECKIN_COLUMNS,
        checkins.iter().map(|c| {
            vec![
                c.date.to_string(),
                opt(c.sleep_h),
                opt(c.caffeine_mg),
                opt(c.stress),
                opt(c.water_l),
                opt(c.alcohol),
                opt(c.exercise_min),
                yes_no(c.magnesium),
                yes_no(c.stretched),
                c.note.clone().unwrap_or_default(),
                yes_no(c.experiment_kept),
                c.id().to_string(),
                opt(c.created.as_ref().map(utc)),
                opt(c.updated.as_ref().map(utc)),
            ]
        }),
    )
}

pub fn medications(meds: &[Medication]) -> Vec<u8> {
    table(
        &MEDICATION_COLUMNS,
        meds.iter().map(|m| {
            vec![
                m.id.to_string(),
                m.name.clone(),
                m.class.clone(),
                m.dose.clone().unwrap_or_default(),
                m.start.to_string(),
                opt(m.stop),
                utc(&m.created),
                utc(&m.updated),
            ]
        }),
    )
}

pub fn self_checks(checks: &[SelfCheck]) -> Vec<u8> {
    table(
        &SELF_CHECK_COLUMNS,
        checks.iter().map(|c| {
            vec![
                c.id.to_string(),
                c.date.to_string(),
                opt(c.heel_walk.map(TestResult::as_str)),
                opt(c.jar.map(TestResult::as_str)),
                opt(c.stairs.map(TestResult::as_str)),
                joined(&c.symptoms),
                utc(&c.created),
                utc(&c.updated),
            ]
        }),
    )
}

/// Reads episodes in the `episodes.csv` layout, tidied and checked row by row (nothing in the
/// future of the clock's now). Errors name the line, as a text editor counts them.
pub fn import<Tz: TimeZone>(text: &str, clock: &Clock<Tz>) -> Result<Vec<Episode>, ImportError>
where
    Tz::Offset: Copy,
{
    let mut episodes = Vec::new();
    read(text.as_bytes(), clock, |e| {
        episodes.push(e);
        Ok::<(), ImportError>(())
    })?;
    Ok(episodes)
}

/// Reads episodes in the `episodes.csv` layout from `reader` as [`import`] does, handing each,
/// tidied and checked, to `sink` in the order of the file and stopping at the first that is
/// wrong or that `sink` refuses. Only one row is held at a time.
pub fn read<Tz: TimeZone, E: From<ImportError>>(
    reader: impl io::Read,
    clock: &Clock<Tz>,
    mut sink: impl FnMut(Episode) -> Result<(), E>,
) -> Result<(), E>
where
    Tz::Offset: Copy,
{
    let sheet = Sheet::open(
        reader,
        "episodes.csv",
        &EPISODE_COLUMNS,
        &["kind", "start", "sites"],
    )?;
    let mut checker = Checker::new(clock.now_fixed());
    let mut same_rows = std::collections::HashMap::new();
    sheet.each(|line, cells| {
        // The note keeps its own spacing.
        let note = cells
            .raw("note")
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned);
        let mut episode = row(cells, note, clock, &mut same_rows).map_err(|(field, reason)| {
            ImportError::new(format!("line {line}"), Some(field), reason)
        })?;
        checker.episode(&mut episode, line, &|_, line| format!("line {line}"))?;
        sink(episode)
    })
}

/// A CSV file being read: a byte order mark skipped, its header checked against the layout's
/// `names` (each known, none twice, the `required` ones there), then its rows one at a time.
struct Sheet<R: io::Read> {
    reader: ::csv::Reader<io::BufReader<R>>,
    names: &'static [&'static str],
    /// For each of `names`, the file's column holding it.
    columns: Vec<Option<usize>>,
}

impl<R: io::Read> Sheet<R> {
    fn open(
        reader: R,
        file: &str,
        names: &'static [&'static str],
        required: &[&str],
    ) -> Result<Self, ImportError> {
        let mut reader = io::BufReader::new(reader);
        // A byte order mark (spreadsheets write one) is not part of the first column's name.
        if io::BufRead::fill_buf(&mut reader).is_ok_and(|b| b.starts_with("\u{feff}".as_bytes())) {
            io::BufRead::consume(&mut reader, 3);
        }
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(reader);
        let header = reader.headers().map_err(csv_error)?.clone();
        let mut columns = vec![None; names.len()];
        for (i, name) in header.iter().enumerate() {
            let name = name.trim();
            let Some(slot) = names.iter().position(|c| *c == name) else {
                return Err(ImportError::new(
                    "line 1",
                    None,
                    format!(
                        "'{name}' is not a column of {file}; accepted: {}",
                        names.join(", ")
                    ),
                ));
            };
            if columns[slot].replace(i).is_some() {
                return Err(ImportError::new(
                    "line 1",
                    None,
                    format!("the column '{name}' appears twice"),
                ));
            }
        }
        let sheet = Sheet {
            reader,
            names,
            columns,
        };
        if let Some(missing) = required.iter().find(|n| sheet.column(n).is_none()) {
            let needed = match required.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => required.join(", "),
            };
            return Err(ImportError::new(
                "line 1",
                None,
                format!("the header has no '{missing}' column; {file} needs at least {needed}"),
            ));
        }
        Ok(sheet)
    }

    fn column(&self, name: &str) -> Option<usize> {
        column_of(self.names, &self.columns, name)
    }

    /// Hands each row to `f` with its line (the checker knows a row by its line), stopping at
    /// the first error.
    fn each<E: From<ImportError>>(
        self,
        mut f: impl FnMut(usize, &Row) -> Result<(), E>,
    ) -> Result<(), E> {
        let Sheet {
            mut reader,
            names,
            columns,
        } = self;
        let mut record = ::csv::StringRecord::new();
        while reader.read_record(&mut record).map_err(csv_error)? {
            let line = record.position().map_or(0, |p| p.line());
            let row = Row {
                names,
                columns: &columns,
                record: &record,
            };
            f(usize::try_from(line).unwrap_or(usize::MAX), &row)?;
        }
        Ok(())
    }
}

fn column_of(names: &[&str], columns: &[Option<usize>], name: &str) -> Option<usize> {
    names
        .iter()
        .position(|c| *c == name)
        .and_then(|slot| columns[slot])
}

/// One row of a [`Sheet`], read by column name.
struct Row<'a> {
    names: &'static [&'static str],
    columns: &'a [Option<usize>],
    record: &'a ::csv::StringRecord,
}

impl Row<'_> {
    /// The cell as written, without the `'` that keeps a spreadsheet from running it.
    fn raw(&self, name: &str) -> Option<&str> {
        column_of(self.names, self.columns, name)
            .and_then(|i| self.record.get(i))
            .map(from_text)
    }

    /// The cell trimmed; `None` when it is empty or the column is missing.
    fn cell(&self, name: &str) -> Option<&str> {
        column_of(self.names, self.columns, name)
            .and_then(|i| self.record.get(i))
            .map(|s| from_text(s.trim()))
            .filter(|s| !s.is_empty())
    }

    fn need(&self, name: &'static str) -> Result<&str, RowError> {
        self.cell(name)
            .ok_or((name, "is empty; a value is needed".to_string()))
    }

    /// The `id` column: `None` when empty, for a new `what`.
    fn id(&self, what: &str) -> Result<Option<Uuid>, RowError> {
        self.cell("id")
            .map(|s| {
                Uuid::parse_str(s).map_err(|_| {
                    (
                        "id",
                        format!(
                            "'{s}' is not a UUID; accepted: a UUID, or an empty cell for a new {what}"
                        ),
                    )
                })
            })
            .transpose()
    }

    fn number<T: std::str::FromStr>(
        &self,
        name: &'static str,
        accepted: &str,
    ) -> Result<Option<T>, RowError> {
        self.cell(name)
            .map(|s| {
                crate::domain::quantities::whole_number::<T>(s, accepted).map_err(|m| (name, m))
            })
            .transpose()
    }

    fn flag(&self, name: &'static str) -> Result<Option<bool>, RowError> {
        self.cell(name)
            .map(|s| match s.to_lowercase().as_str() {
                "yes" | "y" | "true" | "1" => Ok(true),
                "no" | "n" | "false" | "0" => Ok(false),
                _ => Err((
                    name,
                    format!("'{s}' is not yes or no; accepted: yes, no, or empty"),
                )),
            })
            .transpose()
    }

    /// A time in UTC, such as `created`.
    fn time(&self, name: &'static str) -> Result<Option<DateTime<Utc>>, RowError> {
        self.cell(name)
            .map(|s| {
                DateTime::parse_from_rfc3339(s)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|_| {
                        (
                            name,
                            format!(
                                "'{s}' is not a time; accepted: RFC 3339, e.g. 2026-11-25T10:15:00Z"
                            ),
                        )
                    })
            })
            .transpose()
    }
}

fn csv_error(e: ::csv::Error) -> ImportError {
    // Without a line (the file could not be read on), the error is the file's, whichever
    // table it holds.
    let position = e.position().map_or_else(
        || "while reading".to_string(),
        |p| format!("line {}", p.line()),
    );
    let reason = match e.kind() {
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("has {len} cells; accepted: {expected_len}, one per column of the header"),
        ::csv::ErrorKind::Utf8 { .. } => "is not UTF-8 text".to_string(),
        _ => e.to_string(),
    };
    ImportError::new(position, None, reason)
}

type RowError = (&'static str, String);

/// One row as an episode; the error names the column. A row without an id gets one made from its kind, start and sites, so
/// importing the same file again finds it; `same_rows` counts rows alike in those so far, and
/// the second and later of them (two eyelid twitches in one minute) get ids of their own.
fn row<Tz: TimeZone>(
    cells: &Row,
    note: Option<String>,
    clock: &Clock<Tz>,
    same_rows: &mut std::collections::HashMap<String, u32>,
) -> Result<Episode, RowError>
where
    Tz::Offset: Copy,
{
    let kind = Kind::parse(cells.need("kind")?).map_err(|m| ("kind", m))?;
    let start = start_time(cells.need("start")?, clock).map_err(|m| ("start", m))?;
    let sites = list(cells.need("sites")?)
        .map(SiteRef::parse)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|m| ("sites", m))?;
    let id = match cells.id("episode")? {
        Some(id) => id,
        None => derived_id(
            format!("{kind}|{}|{}", rfc3339(&start), joined(&sites)),
            same_rows,
        ),
    };
    let created = cells.time("created")?.unwrap_or(start.with_timezone(&Utc));
    let updated = cells.time("updated")?.unwrap_or(created);
    Ok(Episode {
        id,
        kind,
        start,
        duration_s: cells
            .cell("duration_s")
            .map(parse_duration)
            .transpose()
            .map_err(|m| ("duration_s", m))?,
        sites,
        intensity: cells.number("intensity", "1 to 5")?,
        visible: cells.flag("visible")?,
        pain: cells.number("pain", "0 to 10")?,
        hardening: cells.flag("hardening")?,
        lost_motion: cells.flag("lost_motion")?,
        reliefs: cells
            .cell("reliefs")
            .map(|s| list(s).map(ReliefUse::parse).collect::<Result<Vec<_>, _>>())
            .transpose()
            .map_err(|m| ("reliefs", m))?
            .unwrap_or_default(),
        sore_days: cells.number("sore_days", "0 to 60")?,
        triggers: cells
            .cell("triggers")
            .map(|s| list(s).map(parse_trigger).collect::<Result<Vec<_>, _>>())
            .transpose()
            .map_err(|m| ("triggers", m))?
            .unwrap_or_default(),
        note,
        created,
        updated,
    })
}

fn list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// RFC 3339, or a local `YYYY-MM-DD HH:MM` read in the clock's time zone.
fn start_time<Tz: TimeZone>(s: &str, clock: &Clock<Tz>) -> Result<DateTime<FixedOffset>, String>
where
    Tz::Offset: Copy,
{
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t);
    }
    let accepted = || {
        format!(
            "'{s}' is not a start time; accepted: RFC 3339 (2026-11-25T07:40:00+00:00) or a local YYYY-MM-DD HH:MM"
        )
    };
    let b = s.as_bytes();
    if b.len() >= 16 && b[4] == b'-' && b[7] == b'-' {
        // A local time that never happened or happened twice keeps its own message; any other
        // refusal names what a file may hold, not the command line's "-2h" and "yesterday".
        return clock.parse_when(s).map_err(|e| {
            if e.contains("is not a time") {
                accepted()
            } else {
                e
            }
        });
    }
    Err(accepted())
}

/// The columns of `experiments.csv`, in order.
pub const EXPERIMENT_COLUMNS: [&str; 9] = [
    "id", "name", "change", "outcome", "start", "end", "stopped", "created", "updated",
];

pub fn experiments(experiments: &[Experiment]) -> Vec<u8> {
    table(
        &EXPERIMENT_COLUMNS,
        experiments.iter().map(|e| {
            vec![
                e.id.to_string(),
                e.name.clone(),
                e.change.to_string(),
                e.outcome.to_string(),
                e.start.to_string(),
                e.end.to_string(),
                opt(e.stopped),
                utc(&e.created),
                utc(&e.updated),
            ]
        }),
    )
}

/// Reads experiments in the `experiments.csv` layout from `reader`, handing each, tidied and
/// checked as `myolog experiment start` checks it (nothing starting after `now`), to `sink` in
/// the order of the file, and stopping at the first that is wrong or that `sink` refuses.
pub fn read_experiments<E: From<ImportError>>(
    reader: impl io::Read,
    now: DateTime<FixedOffset>,
    mut sink: impl FnMut(Experiment) -> Result<(), E>,
) -> Result<(), E> {
    let sheet = Sheet::open(
        reader,
        "experiments.csv",
        &EXPERIMENT_COLUMNS,
        &["name", "change", "outcome", "start", "end"],
    )?;
    let mut checker = Checker::new(now);
    sheet.each(|line, cells| {
        let experiment = experiment_row(cells, now.to_utc()).map_err(|(field, reason)| {
            ImportError::new(format!("line {line}"), Some(field), reason)
        })?;
        let mut checked = crate::domain::Record::Experiment(experiment);
        checker.record(&mut checked, line, &|_, line| format!("line {line}"))?;
        if let crate::domain::Record::Experiment(e) = checked {
            sink(e)?;
        }
        Ok(())
    })
}

/// One row of `experiments.csv` as an experiment; the error names the column.
fn experiment_row(cells: &Row, now: DateTime<Utc>) -> Result<Experiment, RowError> {
    let name = cells.need("name")?.to_string();
    let change = Change::parse(cells.need("change")?).map_err(|m| ("change", m))?;
    let outcome = Outcome::parse(cells.need("outcome")?).map_err(|m| ("outcome", m))?;
    let start = cells.need_date("start")?;
    let end = cells.need_date("end")?;
    let stopped = cells.date("stopped")?;
    let id = cells.id("experiment")?.unwrap_or_else(|| {
        Uuid::new_v5(
            &ROW_ID_NAMESPACE,
            format!("experiment|{name}|{start}").as_bytes(),
        )
    });
    let created = cells.time("created")?.unwrap_or(made_on(start, now));
    let updated = cells.time("updated")?.unwrap_or(created);
    Ok(Experiment {
        id,
        name,
        change,
        outcome,
        start,
        end,
        stopped,
        created,
        updated,
    })
}

/// The tables of a CSV export, each with its file's name and columns; `myolog import` reads each
/// back, knowing a lone file by its header ([`Table::of_header`]) and a file in an export's
/// folder by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Episodes,
    CheckIns,
    Medications,
    SelfChecks,
    Experiments,
}

impl Table {
    /// In the order an import of a folder reads them.
    pub const ALL: [Table; 5] = [
        Table::Episodes,
        Table::CheckIns,
        Table::Medications,
        Table::SelfChecks,
        Table::Experiments,
    ];

    /// The name `myolog export --format csv` gives its file.
    pub fn file_name(self) -> &'static str {
        match self {
            Table::Episodes => "episodes.csv",
            Table::CheckIns => "checkins.csv",
            Table::Medications => "medications.csv",
            Table::SelfChecks => "self_checks.csv",
            Table::Experiments => "experiments.csv",
        }
    }

    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Episodes => &EPISODE_COLUMNS,
            Table::CheckIns => &CHECKIN_COLUMNS,
            Table::Medications => &MEDICATION_COLUMNS,
            Table::SelfChecks => &SELF_CHECK_COLUMNS,
            Table::Experiments => &EXPERIMENT_COLUMNS,
        }
    }

    /// "episodes.csv, checkins.csv, ... or experiments.csv", for a message.
    pub fn all_names() -> String {
        let names: Vec<&str> = Table::ALL.iter().map(|t| t.file_name()).collect();
        match names.split_last() {
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    /// The table whose columns the header of `head` (the start of a CSV file) names most: so a
    /// header with a typo still finds its table, and the error then names the column. `None`
    /// when no table is named more than every other (a header of `date` alone could be a
    /// check-in's or a self-check's).
    pub fn of_header(head: &str) -> Option<Table> {
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(head.trim_start_matches('\u{feff}').as_bytes());
        let header = reader.records().next()?.ok()?;
        let names: Vec<&str> = header.iter().map(str::trim).collect();
        let mut scores: Vec<(usize, Table)> = Table::ALL
            .iter()
            .map(|&t| (names.iter().filter(|n| t.columns().contains(n)).count(), t))
            .collect();
        scores.sort_by_key(|s| std::cmp::Reverse(s.0));
        match scores.as_slice() {
            [(best, table), (next, _), ..] if *best > 0 && best > next => Some(*table),
            _ => None,
        }
    }

    /// The refusal of a CSV file whose header names no table.
    pub fn unknown_header() -> ImportError {
        ImportError::new(
            "line 1",
            None,
            format!(
                "the header is not that of a table myolog reads back; accepted: the header of {} (as `myolog export --format csv` writes them)",
                Table::all_names()
            ),
        )
    }
}

/// Reads the records of `table` from `reader`, a file in that table's layout, handing each,
/// tidied and checked as the JSON import checks the same record (nothing in the future, the
/// domain's validation, no id twice), to `sink` in the order of the file, and stopping at the
/// first that is wrong or that `sink` refuses. Only one row is held at a time.
pub fn read_table<Tz: TimeZone, E: From<ImportError>>(
    table: Table,
    reader: impl io::Read,
    clock: &Clock<Tz>,
    mut sink: impl FnMut(crate::domain::Record) -> Result<(), E>,
) -> Result<(), E>
where
    Tz::Offset: Copy,
{
    use crate::domain::Record;
    let now = clock.now_fixed();
    let (required, parse): (&[&str], RowParser) = match table {
        Table::Episodes => {
            return read(reader, clock, |e| sink(Record::Episode(e)));
        }
        Table::Experiments => {
            return read_experiments(reader, now, |e| sink(Record::Experiment(e)));
        }
        Table::CheckIns => (&["date"], checkin_row),
        Table::Medications => (&["name", "class", "start"], medication_row),
        Table::SelfChecks => (&["date"], self_check_row),
    };
    let sheet = Sheet::open(reader, table.file_name(), table.columns(), required)?;
    let mut checker = Checker::new(now);
    let mut same_rows = std::collections::HashMap::new();
    sheet.each(|line, cells| {
        let mut record =
            parse(cells, &mut same_rows, now.to_utc()).map_err(|(field, reason)| {
                ImportError::new(format!("line {line}"), Some(field), reason)
            })?;
        checker.record(&mut record, line, &|_, line| format!("line {line}"))?;
        sink(record)
    })
}

/// Makes one row into a record; `same_rows` counts rows without an id that are alike so far, so
/// that each gets an id of its own.
type RowParser = fn(
    &Row,
    &mut std::collections::HashMap<String, u32>,
    DateTime<Utc>,
) -> Result<crate::domain::Record, RowError>;

/// An id for a row that has none, the same each time the file is read: from `key`, and from how
/// many rows before it had the same `key`.
fn derived_id(mut key: String, same_rows: &mut std::collections::HashMap<String, u32>) -> Uuid {
    let seen = same_rows.entry(key.clone()).or_insert(0);
    *seen += 1;
    if *seen > 1 {
        key.push_str(&format!("|{seen}"));
    }
    Uuid::new_v5(&ROW_ID_NAMESPACE, key.as_bytes())
}

impl Row<'_> {
    fn date(&self, name: &'static str) -> Result<Option<chrono::NaiveDate>, RowError> {
        self.cell(name)
            .map(|s| crate::domain::parse_date(s).map_err(|m| (name, m)))
            .transpose()
    }

    fn need_date(&self, name: &'static str) -> Result<chrono::NaiveDate, RowError> {
        self.date(name)?
            .ok_or((name, "is empty; a value is needed".to_string()))
    }

    /// A number that may have a fractional part (`6.5`).
    fn decimal(&self, name: &'static str, accepted: &str) -> Result<Option<f64>, RowError> {
        self.cell(name)
            .map(|s| {
                s.parse::<f64>()
                    .map_err(|_| (name, format!("'{s}' is not a number; accepted: {accepted}")))
            })
            .transpose()
    }

    /// Free text as written, its own spacing kept; `None` when blank.
    fn text(&self, name: &str) -> Option<String> {
        self.raw(name)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned)
    }

    fn result(&self, name: &'static str) -> Result<Option<TestResult>, RowError> {
        self.cell(name)
            .map(|s| TestResult::parse(s).map_err(|m| (name, m)))
            .transpose()
    }
}

/// One row of `checkins.csv`. Its id, when given, must be its date's.
fn checkin_row(
    cells: &Row,
    _: &mut std::collections::HashMap<String, u32>,
    _: DateTime<Utc>,
) -> Result<crate::domain::Record, RowError> {
    let date = cells.need_date("date")?;
    if let Some(id) = cells.id("check-in")? {
        let expected = crate::domain::checkin_id(date);
        if id != expected {
            return Err((
                "id",
                format!(
                    "{id} is not the id of a check-in of {date}; accepted: {expected} (a check-in's id comes from its date), or an empty cell"
                ),
            ));
        }
    }
    Ok(crate::domain::Record::CheckIn(CheckIn {
        date,
        sleep_h: cells.decimal("sleep_h", "hours, such as 7 or 6.5")?,
        caffeine_mg: cells.number("caffeine_mg", "mg, a whole number")?,
        stress: cells.number("stress", "0 to 10")?,
        water_l: cells.decimal("water_l", "litres, such as 2 or 1.5")?,
        alcohol: cells.number("alcohol", "drinks, a whole number")?,
        exercise_min: cells.number("exercise_min", "minutes, a whole number")?,
        magnesium: cells.flag("magnesium")?,
        stretched: cells.flag("stretched")?,
        experiment_kept: cells.flag("experiment_kept")?,
        note: cells.text("note"),
        // The checker fills missing times (`CheckIn::fill_times`).
        created: cells.time("created")?,
        updated: cells.time("updated")?,
    }))
}

/// One row of `medications.csv`; without an id it gets one from its name and start.
fn medication_row(
    cells: &Row,
    same_rows: &mut std::collections::HashMap<String, u32>,
    now: DateTime<Utc>,
) -> Result<crate::domain::Record, RowError> {
    let name = cells.need("name")?.to_string();
    let class = cells.need("class")?.to_string();
    let start = cells.need_date("start")?;
    let id = match cells.id("medication")? {
        Some(id) => id,
        None => derived_id(format!("medication|{name}|{start}"), same_rows),
    };
    let created = cells.time("created")?.unwrap_or(made_on(start, now));
    let updated = cells.time("updated")?.unwrap_or(created);
    Ok(crate::domain::Record::Medication(Medication {
        id,
        name,
        class,
        dose: cells.text("dose"),
        start,
        stop: cells.date("stop")?,
        created,
        updated,
    }))
}

/// One row of `self_checks.csv`; without an id it gets one from its date and results.
fn self_check_row(
    cells: &Row,
    same_rows: &mut std::collections::HashMap<String, u32>,
    now: DateTime<Utc>,
) -> Result<crate::domain::Record, RowError> {
    let date = cells.need_date("date")?;
    let heel_walk = cells.result("heel_walk")?;
    let jar = cells.result("jar")?;
    let stairs = cells.result("stairs")?;
    let symptoms: Vec<String> = cells
        .cell("symptoms")
        .map(|s| list(s).map(str::to_owned).collect())
        .unwrap_or_default();
    let id = match cells.id("self-check")? {
        Some(id) => id,
        None => {
            let result = |r: Option<TestResult>| opt(r.map(TestResult::as_str));
            let key = format!(
                "self_check|{date}|{}|{}|{}|{}",
                result(heel_walk),
                result(jar),
                result(stairs),
                joined(&symptoms)
            );
            derived_id(key, same_rows)
        }
    };
    let created = cells.time("created")?.unwrap_or(made_on(date, now));
    let updated = cells.time("updated")?.unwrap_or(created);
    Ok(crate::domain::Record::SelfCheck(SelfCheck {
        id,
        date,
        heel_walk,
        jar,
        stairs,
        symptoms,
        created,
        updated,
    }))
}
