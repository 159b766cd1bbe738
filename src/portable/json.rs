//! The whole diary as one JSON document, and back.
//!
//! ```json
//! { "format": "myolog-diary", "format_version": 1, "schema_version": 2,
//!   "exported_on": "2026-11-25", "period": { "since": null, "until": null },
//!   "episodes": [...], "checkins": [...], "medications": [...], "self_checks": [...] }
//! ```
//!
//! Records are the domain types as `myolog list --json` prints them: every field, unknown ones
//! as `null`. Times are RFC 3339 (starts with the local offset in force, `created`/`updated` in
//! UTC), dates `YYYY-MM-DD`. A reader refuses a newer `format_version` or `schema_version`
//! rather than guessing.

use std::cell::RefCell;
use std::io::{self, Write};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use super::{Episodes, ImportError, Period, Seq, episodes_of, validate_slice, write_pretty};
use crate::domain::{CheckIn, DiarySlice, Episode, Medication, SelfCheck};

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
}

/// The records of an export; the header fields are checked apart, by [`Header`], first.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Incoming {
    #[serde(rename = "format")]
    _format: IgnoredAny,
    #[serde(rename = "format_version")]
    _format_version: IgnoredAny,
    #[serde(rename = "schema_version", default)]
    _schema_version: Option<IgnoredAny>,
    #[serde(rename = "exported_on", default)]
    _exported_on: Option<NaiveDate>,
    #[serde(rename = "period", default)]
    _period: Period,
    #[serde(default)]
    episodes: Vec<Episode>,
    #[serde(default)]
    checkins: Vec<CheckIn>,
    #[serde(default)]
    medications: Vec<Medication>,
    #[serde(default)]
    self_checks: Vec<SelfCheck>,
}

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
    };
    write_pretty(out, &doc, &failed)
}

/// Reads a JSON export, tidied and checked record by record; nothing in the future of `now`.
pub fn import(text: &str, now: DateTime<FixedOffset>) -> Result<DiarySlice, ImportError> {
    let not_ours = || {
        ImportError::new(
            "format",
            None,
            format!(
                "this is not a myolog export; accepted: a JSON file with \"format\": \"{FORMAT}\" as `myolog export --format json` writes"
            ),
        )
    };
    // Only an object can be an export; anything else is not worth reading through.
    if !text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        return Err(not_ours());
    }
    let header: Header = parse(text)?;
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
    let incoming: Incoming = parse(text)?;
    let mut slice = DiarySlice {
        episodes: incoming.episodes,
        checkins: incoming.checkins,
        medications: incoming.medications,
        self_checks: incoming.self_checks,
    };
    validate_slice(&mut slice, now, |table, i| format!("{table}[{i}]"))?;
    Ok(slice)
}

/// Deserialises, naming the record and field of a wrong value (`episodes[3].pain`) or the
/// line and column where the text stops being JSON.
fn parse<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, ImportError> {
    let mut de = serde_json::Deserializer::from_str(text);
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
    match path.split_once("].") {
        Some((record, field)) => ImportError::new(format!("{record}]"), Some(field), reason),
        None => ImportError::new(path, None, reason),
    }
}

/// serde_json's message without its " at line L column C" (the position is given apart).
fn without_location(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}
