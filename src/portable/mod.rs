//! The diary's data in formats other programs read, and back: JSON (the whole diary, every
//! field), CSV (`episodes.csv` plus the other tables beside it) and a FHIR R4 Bundle. JSON and
//! the episodes CSV come back in with `myolog import`.
//!
//! Import is all or nothing: the file is read and every record checked (with the same domain
//! validation `myolog log` uses, plus "not in the future") before the diary is opened, and the
//! first bad record refuses the whole file, named by its position (`episodes[3].pain`, `line 7`).
//!
//! Merging is by id, so importing the same file twice changes nothing and a second device's
//! export adds only what is new. When an id exists with other content:
//! - episodes and medications: the copy with the later `updated` time is kept (the diary's
//!   on a tie); an episode deleted here comes back only if the imported copy is newer than the
//!   deletion;
//! - check-ins (one per date, no id): the diary's known fields are kept, and the import fills
//!   only the fields the diary does not know;
//! - self-checks are never edited once made: the diary's copy is kept.
//!
//! Exports never carry deleted episodes, so a deletion does not travel to another diary.

pub mod csv;
pub mod fhir;
pub mod json;
mod validate;

use chrono::{DateTime, FixedOffset, NaiveDate, Timelike};

use crate::domain::InputError;

pub use validate::validate_slice;

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

    /// The domain's error, which names a command-line option, in the file's field names.
    pub fn from_input(position: impl Into<String>, e: InputError) -> Self {
        ImportError::new(position, Some(file_field(&e.field)), e.message)
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

/// The field of the export formats that a command-line option of the domain's validation
/// stands for.
pub fn file_field(option: &str) -> &str {
    match option {
        "--site" => "sites",
        "--trigger" => "triggers",
        "--relief" => "reliefs",
        "--duration" => "duration_s",
        "--lost-motion" => "lost_motion",
        "--sore-days" => "sore_days",
        "--at" => "start",
        "--sleep" => "sleep_h",
        "--caffeine" => "caffeine_mg",
        "--water" => "water_l",
        "--exercise" => "exercise_min",
        "--symptom" => "symptoms",
        "--heel-walk" => "heel_walk",
        "--on" => "stop",
        "--start" => "start",
        "NAME" => "name",
        other => other.trim_start_matches('-'),
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
