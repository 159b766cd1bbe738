//! The diary's data in formats other programs read, and back: JSON (the whole diary, every
//! field), CSV (`episodes.csv` plus the other tables beside it) and a FHIR R4 Bundle. JSON and
//! every CSV table (one file, or the folder of a CSV export) come back in with `myolog import`.
//!
//! Import is all or nothing: the file is read and every record checked (with the same domain
//! validation `myolog log` uses, plus "not in the future") before the diary is opened, and the
//! first bad record refuses the whole file, named by its position (`episodes[3].pain`, `line 7`).
//! Because the copy changed last wins a merge, change times are checked too: a `created` or
//! `updated` in the future (beyond 5 minutes' slack) or an `updated` before `created` is
//! refused (`episodes[3]: updated 2099-01-01T00:00:00Z is in the future`), as is any date
//! before 1900.
//!
//! Merging is by id, so importing the same file twice changes nothing and a second device's
//! export adds only what is new. When an id exists with other content, whatever the kind of
//! record (a check-in's id is its date's, so the same in every diary), the copy with the later
//! `updated` time is kept whole (the diary's on a tie); a record deleted here comes back only
//! if the imported copy is newer than the deletion. A record without `updated` (an older
//! myolog's export) was last changed when it was `created`; a check-in without either counts
//! as changed at the earliest start of its date in any time zone (`src/store/merge.rs` has the
//! rules).
//!
//! Exports never carry deleted records, so a deletion does not travel to another diary.

pub mod csv;
pub mod fhir;
pub mod json;
pub mod validate;

use std::cell::RefCell;
use std::io::{self, Write};

use chrono::{DateTime, FixedOffset, NaiveDate, Timelike};

use crate::domain::{Episode, InputError, Invalid};

/// One record of an imported file, checked and tidied, as the file is read.
pub use crate::domain::Record;
pub use validate::Checker;

/// A record the import refuses: where it is in the file, which field, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{position}{}: {reason}", field_suffix(.position, .field))]
pub struct ImportError {
    /// `episodes[3]`, `line 7`, or `line 2 column 14` for a file that is not valid at all.
    pub position: String,
    /// The field in the file's own words (`pain`, `sites`), when one is to blame.
    pub field: Option<String>,
    pub reason: String,
}

/// `episodes[3].pain` for a record of a JSON array, `line 7, pain` for a CSV line.
fn field_suffix(position: &str, field: &Option<String>) -> String {
    match field {
        Some(f) if position.ends_with(']') => format!(".{f}"),
        Some(f) => format!(", {f}"),
        None => String::new(),
    }
}

impl ImportError {
    pub fn new(
        position: impl Into<String>,
        field: Option<&str>,
        reason: impl Into<String>,
    ) -> Self {
        ImportError {
            position: position.into(),
            field: field.map(str::to_owned),
            reason: reason.into(),
        }
    }

    /// The domain's refusal of a record at `position`, by the file's name for the field.
    pub fn from_invalid(position: impl Into<String>, e: Invalid) -> Self {
        ImportError::new(position, Some(e.field.name()), e.message)
    }

    /// The one-line error the command line prints, naming the file.
    pub fn into_input(self, file: &str) -> InputError {
        InputError::new(
            format!(
                "{file}: {}{}",
                self.position,
                field_suffix(&self.position, &self.field)
            ),
            self.reason,
        )
    }
}

/// The period an export covers, either end open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// The diary keeps whole seconds; an imported time is cut to them so that a merge compares
/// like with like.
pub(crate) fn whole_seconds<Tz: chrono::TimeZone>(t: DateTime<Tz>) -> DateTime<Tz> {
    t.with_nanosecond(0).unwrap_or_else(|| t.clone())
}

/// A start time in RFC 3339 with its offset, as every format here writes it.
pub(crate) fn rfc3339(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Where the episodes of a streamed export come from: called once with a sink that takes each
/// episode in turn, oldest first, and stops at the sink's first error. A diary reads them a page
/// at a time ([`crate::store::Diary::for_each_episode_in`]); [`episodes_of`] serves a slice.
pub type Episodes<'a> = &'a dyn Fn(&mut EpisodeSink<'_>) -> io::Result<()>;

/// What [`Episodes`] hands each episode to.
pub type EpisodeSink<'a> = dyn FnMut(&Episode) -> io::Result<()> + 'a;

/// The episodes of a slice in memory, as an [`Episodes`] source.
pub fn episodes_of(episodes: &[Episode]) -> impl Fn(&mut EpisodeSink<'_>) -> io::Result<()> + '_ {
    move |sink| episodes.iter().try_for_each(&mut *sink)
}

/// What produces the elements of a [`Seq`], handing each to the sink it is given.
pub(crate) type Source<'a, T> = dyn Fn(&mut dyn FnMut(&T) -> io::Result<()>) -> io::Result<()> + 'a;

/// A JSON array whose elements are serialised as `each` produces them, never gathered: what
/// makes a streamed export the same bytes as one serialised whole. An error of `each` (reading
/// the diary) is kept in `failed` for the caller, since a serializer only carries text.
pub(crate) struct Seq<'a, T> {
    pub each: &'a Source<'a, T>,
    pub failed: &'a RefCell<Option<io::Error>>,
}

impl<T: serde::Serialize> serde::Serialize for Seq<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(None)?;
        let mut written = Ok(());
        let read = (self.each)(&mut |item| {
            seq.serialize_element(item).map_err(|e| {
                written = Err(e);
                io::Error::other("the export stopped")
            })
        });
        written?;
        if let Err(e) = read {
            let message = e.to_string();
            *self.failed.borrow_mut() = Some(e);
            return Err(S::Error::custom(message));
        }
        seq.end()
    }
}

/// Writes `value` as pretty JSON ending in a newline: the bytes of `serde_json::to_vec_pretty`,
/// with the error of a [`Seq`] inside it, or the writer's, given back as it was.
pub(crate) fn write_pretty(
    out: &mut dyn io::Write,
    value: &impl serde::Serialize,
    failed: &RefCell<Option<io::Error>>,
) -> io::Result<()> {
    // The pretty writer makes a call for every token (a key, a quote, an indent): a buffer it
    // reaches without going through `dyn Write` makes each a copy, not a call.
    let mut buffered = io::BufWriter::with_capacity(256 * 1024, &mut *out);
    match serde_json::to_writer_pretty(&mut buffered, value) {
        Ok(()) => {
            buffered.write_all(b"\n")?;
            buffered.flush()
        }
        Err(e) => Err(failed.borrow_mut().take().unwrap_or_else(|| e.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DiarySlice, Kind, SiteRef};

    #[test]
    fn a_source_that_fails_midway_gives_its_own_error_back() {
        let now = DateTime::parse_from_rfc3339("2026-11-25T10:00:00+01:00").unwrap();
        let episode = Episode::new(
            Kind::Twitch,
            now,
            vec![SiteRef::parse("calf:left").unwrap()],
            now.to_utc(),
        );
        let failing = |sink: &mut EpisodeSink<'_>| -> io::Result<()> {
            sink(&episode)?;
            Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the diary went away",
            ))
        };
        let rest = DiarySlice::default();
        let day = now.date_naive();
        let said = |e: io::Error| (e.kind(), e.to_string());
        let expected = (io::ErrorKind::TimedOut, "the diary went away".to_string());
        let mut out = Vec::new();
        let json = json::write(&mut out, &rest, &failing, Period::default(), day);
        assert_eq!(said(json.unwrap_err()), expected);
        let header = fhir::Header::new(uuid::Uuid::nil(), day);
        let fhir = fhir::write(&mut out, &rest, &failing, &header);
        assert_eq!(said(fhir.unwrap_err()), expected);
        let csv = csv::write_episodes(&mut out, &failing);
        assert_eq!(said(csv.unwrap_err()), expected);
    }
}
