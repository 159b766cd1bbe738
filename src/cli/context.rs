//! What every command runs with: the clock and the diary (opened the same way by all), and
//! the way out to the terminal.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, NaiveDate, Utc};

use super::{Result, table};
use crate::Error;
use crate::domain::{Clock, InputError};
use crate::store::{Access, Diary, StoreError};

/// Why a view or a report may not end after today (`--as-of`, `--until`, `--since`): the days
/// after it would count as days with nothing logged, and a flag active today would read as past.
pub const NOT_AFTER_TODAY: &str = "; accepted: today or a day before it (the days after today would count as days with nothing logged)";

pub struct Context {
    pub clock: Clock<Local>,
    path: PathBuf,
}

impl Context {
    pub fn new(clock: Clock<Local>, path: PathBuf) -> Self {
        Context { clock, path }
    }

    /// Now, as the diary stores change times.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now.to_utc()
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Parses the DAY given to `option`; today when none is.
    pub fn day_or_today(&self, option: &str, day: Option<&str>) -> Result<NaiveDate> {
        match day {
            Some(s) => self.day(option, s),
            None => Ok(self.today()),
        }
    }

    /// Parses the DAY given to `option`.
    pub fn day(&self, option: &str, day: &str) -> Result<NaiveDate> {
        Ok(self
            .clock
            .parse_day(day)
            .map_err(|m| InputError::new(option, m))?)
    }

    /// Parses the DAY given to `option`, if one is.
    pub fn optional_day(&self, option: &str, day: Option<&str>) -> Result<Option<NaiveDate>> {
        day.map(|d| self.day(option, d)).transpose()
    }

    /// Parses the `--since` value (a day or a span back from today, as "30d"), if one is.
    pub fn since(&self, since: Option<&str>) -> Result<Option<NaiveDate>> {
        Ok(since
            .map(|s| {
                self.clock
                    .parse_since(s)
                    .map_err(|m| InputError::new("--since", m))
            })
            .transpose()?)
    }

    /// Refuses a `day` given to `option` that is after today: "... is in the future" and `why`.
    pub fn not_future(&self, option: &str, day: NaiveDate, why: &str) -> Result<()> {
        if day > self.today() {
            return Err(InputError::new(option, format!("{day} is in the future{why}")).into());
        }
        Ok(())
    }

    /// Opens the diary, saying so on standard error when opening it upgraded it.
    pub fn open(&self, access: Access) -> Result<Diary, StoreError> {
        let diary = Diary::open(&self.path, access, self.now())?;
        for notice in diary.notices() {
            eprintln!("myolog: {notice}");
        }
        Ok(diary)
    }

    /// Opens a diary that must exist already, for commands that change a record in it: with
    /// none, there is nothing called `name` (given as `argument`) to change, and no empty
    /// diary is left behind.
    pub fn open_existing(&self, argument: &str, name: &str) -> Result<Diary> {
        // Access::Read never creates a diary; it opens a writable file read-write.
        self.open(Access::Read).map_err(|e| match e {
            StoreError::Missing { path } => InputError::new(
                argument,
                format!(
                    "no '{}' here: there is no diary at {} yet",
                    name.trim(),
                    path.display()
                ),
            )
            .into(),
            e => e.into(),
        })
    }

    /// Opens the diary to read; `None` when there is none yet.
    pub fn open_if_any(&self) -> Result<Option<Diary>> {
        match self.open(Access::Read) {
            Ok(d) => Ok(Some(d)),
            Err(StoreError::Missing { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Opens the diary to read; `None`, with a note on standard error, when there is none yet.
    pub fn read(&self) -> Result<Option<Diary>> {
        let diary = self.open_if_any()?;
        if diary.is_none() {
            eprintln!("myolog: {}", Error::NoDiary(self.path.clone()));
        }
        Ok(diary)
    }
}

/// A closed pipe (`myolog list | head`) ends the output quietly: not an error worth a message.
pub fn quiet_if_closed(result: Result<()>) -> Result<()> {
    match result {
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Prints text for a person: whatever a note or a name holds, no control character reaches
/// the terminal (an escape sequence in a note must not recolour or clear the screen).
/// Output that cannot be written (a full disk behind `>`) is an error; a closed pipe
/// (`myolog list | head`) is not.
pub fn say(text: impl AsRef<str>) -> Result<()> {
    quiet_if_closed(
        writeln!(std::io::stdout(), "{}", table::printable(text.as_ref())).map_err(Error::Output),
    )
}

/// Prints JSON as it is: serde_json already escapes control characters, and the text must
/// round-trip exactly.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    quiet_if_closed(written.map_err(Error::Output))
}

/// What an edit that changes nothing says: nothing saved, and nothing for undo.
pub fn unchanged(record: &str) -> String {
    format!(
        "No change: {record} already holds those values; nothing was saved, and there is nothing to undo."
    )
}
