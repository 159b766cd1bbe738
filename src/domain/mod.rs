//! Plain types and their parsing and validation: no SQL, no terminal.

/// Copies onto `$now` each named field in which `$edited` differs from `$base`: what a form
/// opened on `$base` changed, put onto the record as it is now (a change made meanwhile
/// elsewhere to another field is kept).
/// Copies onto `$now` each field in which `$edited` differs from `$base`; returns the names of
/// those that `$now` holds a third value in (changed elsewhere since `$base` was read).
macro_rules! carry_changes {
    ($now:expr, $base:expr, $edited:expr; $($field:ident),* $(,)?) => {{
        let mut clashes: Vec<&'static str> = Vec::new();
        $(
            if $edited.$field != $base.$field {
                if $now.$field != $base.$field && $now.$field != $edited.$field {
                    clashes.push(stringify!($field));
                }
                $now.$field = $edited.$field.clone();
            }
        )*
        clashes
    }};
}
pub(crate) use carry_changes;

/// Shows `$type` as the words its method `$words` gives (`as_str`, `label`, `name`).
macro_rules! display_as {
    ($type:ty, $words:ident) => {
        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.$words())
            }
        }
    };
}
pub(crate) use display_as;

pub mod episode;
pub mod experiment;
pub mod fields;
pub mod quantities;
pub mod records;
pub mod summary;
pub mod time;

pub use episode::{Episode, Kind, ReliefUse, Side, SiteRef};
pub use experiment::{Change, Experiment, Outcome};
pub use fields::{
    CheckInField, EpisodeField, ExperimentField, Field, Invalid, MedicationField, SelfCheckField,
};
pub use quantities::{parse_caffeine, parse_exercise, parse_sleep, parse_water};
pub use records::{CheckIn, Medication, SelfCheck, TestResult, checkin_id, made_on};
pub use time::{
    Clock, check_not_future, format_duration, parse_date, parse_duration, system_clock,
};

/// Input the diary will not accept, named by where it came in (an option, a file, a setting).
/// A value of a record is refused with [`Invalid`], named by its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct InputError {
    pub field: String,
    pub message: String,
}

impl InputError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Checks that an optional number lies in an inclusive range, naming the field if not.
pub(crate) fn check_range<T: PartialOrd + std::fmt::Display + Copy>(
    field: impl Into<Field>,
    value: Option<T>,
    low: T,
    high: T,
    what: &str,
) -> Result<(), Invalid> {
    match value {
        Some(v) if !(low..=high).contains(&v) => Err(Invalid::new(
            field,
            format!("{v} is out of range; accepted: {what} from {low} to {high}"),
        )),
        _ => Ok(()),
    }
}

/// The longest free-text note, in bytes: long enough for anything a person types.
pub const MAX_NOTE_BYTES: usize = 4 * 1024 * 1024;

pub(crate) fn check_note(field: impl Into<Field>, note: &Option<String>) -> Result<(), Invalid> {
    match note {
        Some(n) if n.len() > MAX_NOTE_BYTES => Err(Invalid::new(
            field,
            format!("is {} bytes; accepted: up to {MAX_NOTE_BYTES}", n.len()),
        )),
        _ => Ok(()),
    }
}

/// An empty or blank note is no note.
pub fn clean_note(note: Option<String>) -> Option<String> {
    note.filter(|n| !n.trim().is_empty())
}

/// One record of any kind, as a file is read or a diary is filled.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Episode(Episode),
    CheckIn(CheckIn),
    Medication(Medication),
    SelfCheck(SelfCheck),
    Experiment(Experiment),
}

/// Everything the diary holds for a period, as plain values: what pattern rules and reports
/// are computed from.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DiarySlice {
    /// Live episodes, oldest first.
    pub episodes: Vec<Episode>,
    /// Check-ins, by date.
    pub checkins: Vec<CheckIn>,
    /// Every medication (whatever the period: start dates before it still matter).
    pub medications: Vec<Medication>,
    /// Self-checks, by date.
    pub self_checks: Vec<SelfCheck>,
    /// Experiments whose days meet the period, by start.
    #[serde(default)]
    pub experiments: Vec<Experiment>,
}

impl DiarySlice {
    /// Adds `record` to the end of its table.
    pub fn push(&mut self, record: Record) {
        match record {
            Record::Episode(e) => self.episodes.push(e),
            Record::CheckIn(c) => self.checkins.push(c),
            Record::Medication(m) => self.medications.push(m),
            Record::SelfCheck(s) => self.self_checks.push(s),
            Record::Experiment(e) => self.experiments.push(e),
        }
    }

    /// Every record it holds, table by table in the order [`DiarySlice::push`] keeps them:
    /// episodes, check-ins, medications, self-checks, experiments.
    pub fn into_records(self) -> impl Iterator<Item = Record> {
        let episodes = self.episodes.into_iter().map(Record::Episode);
        let checkins = self.checkins.into_iter().map(Record::CheckIn);
        let medications = self.medications.into_iter().map(Record::Medication);
        let self_checks = self.self_checks.into_iter().map(Record::SelfCheck);
        let experiments = self.experiments.into_iter().map(Record::Experiment);
        (episodes.chain(checkins).chain(medications)).chain(self_checks.chain(experiments))
    }

    /// How many records of each kind it holds.
    pub fn counts(&self) -> Counts {
        Counts {
            episodes: self.episodes.len(),
            checkins: self.checkins.len(),
            medications: self.medications.len(),
            self_checks: self.self_checks.len(),
            experiments: self.experiments.len(),
        }
    }
}

/// A number per kind of record: what a diary holds, an export carries, an import or the demo
/// wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub episodes: usize,
    pub checkins: usize,
    pub medications: usize,
    pub self_checks: usize,
    pub experiments: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.episodes + self.checkins + self.medications + self.self_checks + self.experiments
    }

    pub fn is_empty(&self) -> bool {
        *self == Counts::default()
    }

    /// Each count with its word ("3 episodes"): episodes, check-ins, medications, self-checks
    /// and experiments.
    pub fn in_words(&self) -> [(usize, String); 5] {
        [
            (self.episodes, "episode", "episodes"),
            (self.checkins, "check-in", "check-ins"),
            (self.medications, "medication", "medications"),
            (self.self_checks, "self-check", "self-checks"),
            (self.experiments, "experiment", "experiments"),
        ]
        .map(|(n, one, many)| (n, crate::text::plural(n, one, many)))
    }
}
