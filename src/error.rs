//! The one error a run of myolog ends with, whichever layer raised it, and the exit status it
//! means: 2 for input the user can change (nothing was written), 1 for a failure of the machine
//! (nothing was lost).

use std::io;
use std::path::{Path, PathBuf};

use crate::domain::InputError;
use crate::files::FileError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value, an option, a file named or a setting that is not accepted, named as the user
    /// gave it (`--pain`, `FILE`, `[patterns] window_days`).
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Store(StoreError),
    /// There is no diary to read yet.
    #[error(
        "no diary at {} yet; `myolog log ...` or `myolog checkin ...` starts one",
        .0.display()
    )]
    NoDiary(PathBuf),
    #[error(transparent)]
    File(FileError),
    /// Standard output could not be written (a full disk behind `>`); a closed pipe is not an
    /// error (see `cli`).
    #[error("cannot write to standard output: {0}")]
    Output(#[source] io::Error),
    /// The diary screen was asked for without a terminal to draw it on.
    #[error("the diary screen needs a terminal; use a subcommand (`myolog --help`) from scripts")]
    NoTerminal,
    #[error("the terminal failed while {context}: {source}")]
    Terminal {
        context: &'static str,
        #[source]
        source: io::Error,
    },
}

impl Error {
    /// 2 for anything the user can fix by giving other input, 1 for failures of the machine.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) | Error::NoDiary(_) | Error::NoTerminal => 2,
            Error::Store(e) => match e {
                StoreError::Invalid(_)
                | StoreError::Lookup(_)
                | StoreError::NotADiary { .. }
                | StoreError::NewerSchema { .. }
                | StoreError::Missing { .. }
                | StoreError::ReadOnly { .. }
                | StoreError::Damaged { .. }
                | StoreError::NotYours { .. }
                | StoreError::UnsafeFolder { .. }
                | StoreError::ForeignJournal { .. }
                | StoreError::File(FileError::Exists(_) | FileError::UnsafeFolder { .. }) => 2,
                StoreError::Busy
                | StoreError::ChangedElsewhere { .. }
                | StoreError::DiskFull
                | StoreError::File(_)
                | StoreError::Io { .. }
                | StoreError::Sqlite(_)
                | StoreError::Migration(_)
                | StoreError::Upgrade { .. }
                | StoreError::Build(_) => 1,
            },
            Error::File(FileError::Exists(_) | FileError::UnsafeFolder { .. }) => 2,
            Error::File(_) | Error::Output(_) | Error::Terminal { .. } => 1,
        }
    }

    /// Names the diary in errors that SQLite raised without knowing which file it was.
    pub fn in_diary(self, diary: &Path) -> Error {
        match self {
            Error::Store(e) => Error::Store(e.in_diary(diary)),
            e => e,
        }
    }
}

/// A record the domain refuses, or a lookup that found nothing, is input the user named on the
/// command line: it is told in the command line's words (`--pain`, `ID`).
impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        match e {
            StoreError::Invalid(invalid) => Error::Input(crate::cli::named(invalid)),
            StoreError::Lookup(lookup) => Error::Input(crate::cli::lookup(lookup)),
            StoreError::Missing { path } => Error::NoDiary(path),
            StoreError::File(e) => Error::from(e),
            e => Error::Store(e),
        }
    }
}

/// A file in the way is input too: the user names another.
impl From<FileError> for Error {
    fn from(e: FileError) -> Error {
        match e {
            FileError::Exists(path) => Error::Input(InputError::new(
                "FILE",
                format!("{} already exists; choose a new name", path.display()),
            )),
            e => Error::File(e),
        }
    }
}

impl From<crate::domain::Invalid> for Error {
    fn from(e: crate::domain::Invalid) -> Error {
        Error::Input(crate::cli::named(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EpisodeField, Invalid};

    #[test]
    fn input_is_two_and_the_machine_is_one() {
        let invalid = Error::from(StoreError::Invalid(Invalid::new(EpisodeField::Pain, "no")));
        assert_eq!(invalid.to_string(), "--pain: no");
        assert_eq!(invalid.exit_code(), 2);
        let exists = Error::from(FileError::Exists("b.sqlite3".into()));
        assert_eq!(exists.exit_code(), 2);
        assert!(exists.to_string().contains("choose a new name"), "{exists}");
        assert_eq!(Error::from(StoreError::Busy).exit_code(), 1);
        assert_eq!(Error::from(FileError::DiskFull).exit_code(), 1);
        let closed = Error::Output(io::ErrorKind::StorageFull.into());
        assert_eq!(closed.exit_code(), 1);
    }
}
