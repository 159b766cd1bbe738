//! The whole diary as one JSON document, and back.
//!
//! ```json
//! { "format": "myolog-diary", "format_version": 1, "schema_version": 2,
//!   "exported_on": "2026-11-25", "period": { "since": null, "until": null },
//!   "episodes": [...], "checkins": [...], "medications": [...], "self_checks": [...],
//!   "experiments": [...] }
//! ```
//!
//! `experiments` (DOMAIN.md section 7) holds the records as the diary keeps them: `id`, `name`,
//! `change`, `outcome`, `start`, `end` (the planned last day), `stopped`, `created`, `updated`;
//! an export without it (an older myolog's) reads as none.
//!
//! Records are the domain types as `myolog list --json` prints them: every field, unknown ones
//! as `null`. Times are RFC 3339 (starts with the local offset in force, `created`/`updated` in
//! UTC), dates `YYYY-MM-DD`. A reader refuses a newer `format_version` or `schema_version`
//! rather than guessing.

use std::cell::RefCell;
use std::fmt;
use std::io::{self, BufRead, Read, Write};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::{Deserialize, Serialize};

use super::{Checker, Episodes, ImportError, Period, Record, Seq, episodes_of, write_pretty};
use crate::domain::{CheckIn, DiarySlice, Episode, Experiment, Medication, SelfCheck};

/// The `format` of a myolog JSON export.
pub const FORMAT: &str = "myolog-diary";
/// The version of that format this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    format_version: u32,
    schema_version: i64,
    exported_on: NaiveDate,
    period: Period,
    episodes: Seq<'a, Episode>,
    checkins: &'a [CheckIn],
    medications: &'a [Medication],
    self_checks: &'a [SelfCheck],
    experiments: &'a [Experiment],
}

/// The fields of an export, as the records pass reads them: the header fields are checked
/// apart, by [`Header`], first.
const FIELDS: &[&str] = &[
    "format",
    "format_version",
    "schema_version",
    "exported_on",
    "period",
    "episodes",
    "checkins",
    "medications",
    "self_checks",
    "experiments",
];

/// Only what tells a myolog export from anything else; the rest of the document is skipped.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    format_version: Option<serde_json::Value>,
    schema_version: Option<serde_json::Value>,
}

/// The diary slice as a JSON export (pretty, ending in a newline). The same slice gives the
/// same bytes.
pub fn export(slice: &DiarySlice, period: Period, exported_on: NaiveDate) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Plain data with string keys into memory: writing it cannot fail.
    let _ = write(
        &mut bytes,
        slice,
        &episodes_of(&slice.episodes),
        period,
        exported_on,
    );
    bytes
}

/// Writes the JSON export of [`export`] to `out` as it goes: the episodes as `episodes` gives
/// them (`rest.episodes` is not read), the other tables from `rest`. The bytes are those of
/// [`export`] for a slice holding the same episodes.
pub fn write(
    out: &mut dyn Write,
    rest: &DiarySlice,
    episodes: Episodes,
    period: Period,
    exported_on: NaiveDate,
) -> io::Result<()> {
    let failed = RefCell::new(None);
    let doc = Document {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        schema_version: crate::store::latest_version(),
        exported_on,
        period,
        episodes: Seq {
            each: &|sink| episodes(sink),
            failed: &failed,
        },
        checkins: &rest.checkins,
        medications: &rest.medications,
        self_checks: &rest.self_checks,
        experiments: &rest.experiments,
    };
    write_pretty(out, &doc, &failed)
}

/// Reads a JSON export, tidied and checked record by record; nothing in the future of `now`.
pub fn import(text: &str, now: DateTime<FixedOffset>) -> Result<DiarySlice, ImportError> {
    check_header(text.as_bytes())?;
    let mut slice = DiarySlice::default();
    read_records(text.as_bytes(), now, |record| {
        slice.push(record);
        Ok::<(), ImportError>(())
    })?;
    Ok(slice)
}

/// Checks that `reader` holds a myolog export this build reads, by its `format`,
/// `format_version` and `schema_version`; the rest is read through without being kept.
pub fn check_header(mut reader: impl BufRead) -> Result<(), ImportError> {
    let not_ours = || {
        ImportError::new(
            "format",
            None,
            format!(
                "this is not a myolog export; accepted: a JSON file with \"format\": \"{FORMAT}\" as `myolog export --format json` writes"
            ),
        )
    };
    skip_byte_order_mark(&mut reader);
    // Only an object can be an export; anything else is not worth reading through.
    if first_byte(&mut reader) != Some(b'{') {
        return Err(not_ours());
    }
    let header: Header = parse(reader)?;
    match header.format {
        Some(serde_json::Value::String(f)) if f == FORMAT => {}
        _ => return Err(not_ours()),
    }
    let version = header.format_version.as_ref().and_then(|v| v.as_u64());
    match version {
        Some(v) if (1..=u64::from(FORMAT_VERSION)).contains(&v) => {}
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(ImportError::new(
                "format_version",
                None,
                format!(
                    "{v} was written by a newer myolog; this one reads format version {FORMAT_VERSION}"
                ),
            ));
        }
        _ => {
            return Err(ImportError::new(
                "format_version",
                None,
                format!(
                    "{} is not a format version; accepted: 1 to {FORMAT_VERSION}",
                    header
                        .format_version
                        .map_or("nothing".into(), |v| v.to_string())
                ),
            ));
        }
    }
    let latest = crate::store::latest_version();
    match header.schema_version.as_ref().map(|v| v.as_i64()) {
        None | Some(Some(1..)) => {}
        Some(_) => {
            return Err(ImportError::new(
                "schema_version",
                None,
                format!("accepted: a whole number from 1 to {latest}"),
            ));
        }
    }
    if let Some(v) = header.schema_version.and_then(|v| v.as_i64())
        && v > latest
    {
        return Err(ImportError::new(
            "schema_version",
            None,
            format!("{v} comes from a newer myolog; this one reads diaries up to version {latest}"),
        ));
    }
    Ok(())
}

/// Consumes a UTF-8 byte order mark at the start of `reader`, if there is one: editors on
/// Windows write one, and it is no part of the JSON (which the parser would refuse).
fn skip_byte_order_mark(reader: &mut impl BufRead) {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    if reader.fill_buf().is_ok_and(|b| b.starts_with(BOM)) {
        reader.consume(BOM.len());
    }
}

/// The first byte of `reader` past white space, without consuming it.
fn first_byte(reader: &mut impl BufRead) -> Option<u8> {
    loop {
        let buf = reader.fill_buf().ok()?;
        match buf.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(&b) => return Some(b),
            None if buf.is_empty() => return None,
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// Reads the records of a JSON export whose header [`check_header`] passed, handing each to
/// `sink`, tidied and checked (nothing in the future of `now`), in the order of the file, and
/// stopping at the first that is wrong or that `sink` refuses. Only one record is held at a
/// time, so a diary of any length imports in little memory.
pub fn read_records<E: From<ImportError>>(
    reader: impl Read,
    now: DateTime<FixedOffset>,
    mut sink: impl FnMut(Record) -> Result<(), E>,
) -> Result<(), E> {
    let mut reading = Reading {
        checker: Checker::new(now),
        sink: &mut sink,
        failed: None,
    };
    let mut reader = io::BufReader::new(reader);
    skip_byte_order_mark(&mut reader);
    let mut de = serde_json::Deserializer::from_reader(reader);
    let mut track = serde_path_to_error::Track::new();
    let read = Incoming(&mut reading)
        .deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track));
    if let Some(e) = reading.failed {
        return Err(e);
    }
    read.map_err(|e| json_error(&track.path().to_string(), &e))?;
    de.end().map_err(|e| json_error(".", &e))?;
    Ok(())
}

/// What the records pass carries along: the checks so far, where records go, and why it
/// stopped when a record was refused.
struct Reading<'s, E> {
    checker: Checker,
    sink: &'s mut dyn FnMut(Record) -> Result<(), E>,
    failed: Option<E>,
}

/// The export's object, read field by field, its tables record by record.
struct Incoming<'r, 's, E>(&'r mut Reading<'s, E>);

impl<'de, E: From<ImportError>> DeserializeSeed<'de> for Incoming<'_, '_, E> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_struct("Incoming", FIELDS, self)
    }
}

impl<'de, E: From<ImportError>> Visitor<'de> for Incoming<'_, '_, E> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct Incoming")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: Vec<&'static str> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let Some(&field) = FIELDS.iter().find(|f| **f == key) else {
                return Err(A::Error::unknown_field(&key, FIELDS));
            };
            if seen.contains(&field) {
                return Err(A::Error::duplicate_field(field));
            }
            seen.push(field);
            let reading = &mut *self.0;
            match field {
                "exported_on" => drop(map.next_value::<Option<NaiveDate>>()?),
                "period" => drop(map.next_value::<Period>()?),
                "episodes" => map.next_value_seed(Table::new(reading, field, Record::Episode))?,
                "checkins" => map.next_value_seed(Table::new(reading, field, Record::CheckIn))?,
                "medications" => {
                    map.next_value_seed(Table::new(reading, field, Record::Medication))?
                }
                "self_checks" => {
                    map.next_value_seed(Table::new(reading, field, Record::SelfCheck))?
                }
                "experiments" => {
                    map.next_value_seed(Table::new(reading, field, Record::Experiment))?
                }
                _ => drop(map.next_value::<IgnoredAny>()?),
            }
        }
        for required in ["format", "format_version"] {
            if !seen.contains(&required) {
                return Err(A::Error::missing_field(required));
            }
        }
        Ok(())
    }
}

/// One table of the export, read a record at a time into the sink.
struct Table<'r, 's, E, T> {
    reading: &'r mut Reading<'s, E>,
    name: &'static str,
    wrap: fn(T) -> Record,
}

impl<'r, 's, E, T> Table<'r, 's, E, T> {
    fn new(reading: &'r mut Reading<'s, E>, name: &'static str, wrap: fn(T) -> Record) -> Self {
        Table {
            reading,
            name,
            wrap,
        }
    }
}

impl<'de, E: From<ImportError>, T: Deserialize<'de>> DeserializeSeed<'de> for Table<'_, '_, E, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, E: From<ImportError>, T: Deserialize<'de>> Visitor<'de> for Table<'_, '_, E, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(item) = seq.next_element::<T>()? {
            let mut record = (self.wrap)(item);
            let reading = &mut *self.reading;
            let done = reading
                .checker
                .record(&mut record, i, &|table, i| format!("{table}[{i}]"))
                .map_err(E::from)
                .and_then(|()| (reading.sink)(record));
            if let Err(e) = done {
                reading.failed = Some(e);
                return Err(A::Error::custom(format!("{} stopped", self.name)));
            }
            i += 1;
        }
        Ok(())
    }
}

/// Deserialises, naming the record and field of a wrong value (`episodes[3].pain`) or the
/// line and column where the text stops being JSON.
fn parse<T: serde::de::DeserializeOwned>(reader: impl Read) -> Result<T, ImportError> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| json_error(&e.path().to_string(), e.inner()))?;
    // Anything after the document is as wrong as a missing end.
    de.end().map_err(|e| json_error(".", &e))?;
    Ok(value)
}

fn json_error(path: &str, inner: &serde_json::Error) -> ImportError {
    let reason = without_location(inner);
    let broken = inner.is_syntax() || inner.is_eof();
    if broken || path == "." {
        return ImportError::new(
            format!("line {} column {}", inner.line(), inner.column()),
            None,
            if broken {
                format!("not valid JSON: {reason}")
            } else {
                reason
            },
        );
    }
    // "episodes[3].pain" -> position "episodes[3]", field "pain".
    let reason = in_plain_words(&reason);
    match path.split_once("].") {
        Some((record, field)) => ImportError::new(format!("{record}]"), Some(field), reason),
        None => ImportError::new(path, None, reason),
    }
}

/// serde's and chrono's words for a value of the wrong kind, in the words of the rest of
/// myolog: what is wrong, and what is accepted.
fn in_plain_words(reason: &str) -> String {
    const TIME: &str = "accepted: an RFC 3339 date and time (2026-11-25T07:40:00Z)";
    match reason {
        "input is out of range" => return format!("not a date and time that exists; {TIME}"),
        "input contains invalid characters"
        | "premature end of input"
        | "input is not enough for unique date and time"
        | "trailing input" => {
            return format!("not a date and time; {TIME}");
        }
        _ => {}
    }
    // "invalid value: integer `-5`, expected u32": the type's bounds are not the field's (a
    // pain of 300 and one of 11 must not be told different ranges), so the help is named.
    if let Some(rest) = reason.strip_prefix("invalid value: integer `")
        && let Some((value, expected)) = rest.split_once("`, expected ")
        && matches!(expected, "u8" | "u16" | "u32" | "u64")
    {
        return format!(
            "{value} is out of range; accepted: a whole number in the field's own range (`myolog log --help` and `myolog checkin --help` give each)"
        );
    }
    reason.to_string()
}

/// serde_json's message without its " at line L column C" (the position is given apart).
fn without_location(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}
