//! The only code that speaks SQL: opening a diary (checks, permissions, pragmas, backups and
//! migrations) and one module per table family.

mod checkins;
mod episodes;
mod medications;
mod pages;
mod self_checks;
mod slice;
mod tallies;
mod undo;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use chrono::{DateTime, Utc};
use include_dir::{Dir, include_dir};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use rusqlite_migration::Migrations;

pub use episodes::{Detail, EpisodeFilter};
pub use pages::PageFrom;
pub use tallies::DayCount;
pub use undo::Entity;

use crate::domain::InputError;

/// `PRAGMA application_id` of a myolog diary ('myol'), set by the first migration.
pub const APPLICATION_ID: i64 = 0x6d79_6f6c;

static MIGRATIONS_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/migrations");

/// The schema's migrations, one folder per version under `migrations/`.
pub fn migrations() -> &'static Migrations<'static> {
    static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
        Migrations::from_directory(&MIGRATIONS_DIR)
            .unwrap_or_else(|e| panic!("migrations/ is malformed: {e}"))
    });
    &MIGRATIONS
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS_DIR.dirs().count() as i64
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("{path}: {reason}")]
    NotADiary { path: PathBuf, reason: String },
    #[error(
        "{path} was written by a newer myolog (diary version {found}; this one reads up to {known}); it was left as it is"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("no diary at {path} yet; `myolog log ...` or `myolog checkin ...` starts one")]
    Missing { path: PathBuf },
    #[error("{path} is read-only here: {what} needs a diary it can write to")]
    ReadOnly { path: PathBuf, what: String },
    #[error("{what}: {message}")]
    NotFound { what: String, message: String },
    #[error("the diary is busy (another myolog is writing to it); nothing was changed, try again")]
    Busy,
    #[error("the disk is full; nothing was changed")]
    DiskFull,
    #[error("{context}: {source}")]
    Io { context: String, source: io::Error },
    #[error("the diary could not be read or written: {0}")]
    Sqlite(rusqlite::Error),
    #[error("the diary could not be upgraded: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

impl StoreError {
    /// 2 for anything the user can fix by giving other input, 1 for failures of the machine.
    pub fn exit_code(&self) -> i32 {
        match self {
            StoreError::Input(_)
            | StoreError::NotADiary { .. }
            | StoreError::NewerSchema { .. }
            | StoreError::Missing { .. }
            | StoreError::ReadOnly { .. }
            | StoreError::NotFound { .. } => 2,
            _ => 1,
        }
    }

    fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> StoreError {
        let context = context.into();
        move |source| StoreError::Io { context, source }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
                path: PathBuf::new(),
                what: "this change".into(),
            },
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How a diary is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// For commands that write: create the diary if there is none.
    Write,
    /// For commands that only read: never create; open read-only when the file is.
    Read,
}

/// An open diary.
pub struct Diary {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    /// Where the diary was copied before it was upgraded, if it was.
    upgrade_backup: Option<PathBuf>,
}

impl std::fmt::Debug for Diary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Diary")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// What an existing file turned out to be.
struct Inspection {
    version: i64,
}

impl Diary {
    /// Opens the diary at `path`. A new diary is created (mode 0600, in a folder created 0700)
    /// only for [`Access::Write`]; a file that is not a diary, or one from a newer myolog, is
    /// refused and left untouched; an older diary is copied beside itself before it is upgraded.
    pub fn open(path: &Path, access: Access, now: DateTime<Utc>) -> Result<Diary> {
        let exists = match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(StoreError::NotADiary {
                    path: path.to_owned(),
                    reason: "is a folder, not a diary file".into(),
                });
            }
            Ok(_) => true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(StoreError::io(format!("cannot read {}", path.display()))(e)),
        };
        let mut upgrade_backup = None;
        let read_only;
        if exists {
            let found = inspect(path)?;
            read_only = access == Access::Read && !writable(path);
            if found.version < latest_version() {
                if read_only {
                    return Err(StoreError::ReadOnly {
                        path: path.to_owned(),
                        what: format!("upgrading it from diary version {}", found.version),
                    });
                }
                upgrade_backup = Some(backup_before_upgrade(path, found.version, now)?);
            }
        } else {
            if access == Access::Read {
                return Err(StoreError::Missing {
                    path: path.to_owned(),
                });
            }
            create_private_file(path)?;
            read_only = false;
        }
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let mut conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if !read_only {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            migrations().to_latest(&mut conn)?;
        }
        Ok(Diary {
            conn,
            path: path.to_owned(),
            read_only,
            upgrade_backup,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Where the diary was copied before this open upgraded it.
    pub fn upgrade_backup(&self) -> Option<&Path> {
        self.upgrade_backup.as_deref()
    }

    /// The connection, for tests and benchmarks that look underneath.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Copies the whole diary to a new file `dest` (mode 0600) with SQLite's online backup,
    /// which is safe while other programs have the diary open. An existing file is never
    /// overwritten.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        create_private_file(dest)?;
        let result = self.conn.backup(rusqlite::MAIN_DB, dest, None);
        if let Err(e) = result {
            let _ = fs::remove_file(dest);
            return Err(e.into());
        }
        Ok(())
    }

    /// How many live records each table holds: episodes, check-ins, medications, self-checks.
    pub fn counts(&self) -> Result<Counts> {
        let count = |sql: &str| self.conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        Ok(Counts {
            episodes: count("SELECT count(*) FROM episodes WHERE deleted_utc IS NULL")?,
            checkins: count("SELECT count(*) FROM checkins")?,
            medications: count("SELECT count(*) FROM medications")?,
            self_checks: count("SELECT count(*) FROM self_checks")?,
        })
    }

    fn write_tx(&mut self, what: &str) -> Result<rusqlite::Transaction<'_>> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                what: what.to_owned(),
            });
        }
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub episodes: i64,
    pub checkins: i64,
    pub medications: i64,
    pub self_checks: i64,
}

impl Counts {
    pub fn is_empty(&self) -> bool {
        *self == Counts::default()
    }
}

fn writable(path: &Path) -> bool {
    fs::OpenOptions::new().write(true).open(path).is_ok()
}

/// Looks at an existing file without writing to it: is it a myolog diary, and which version?
fn inspect(path: &Path) -> Result<Inspection> {
    let not_a_diary = |reason: &str| StoreError::NotADiary {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    let len = fs::metadata(path)
        .map_err(StoreError::io(format!("cannot read {}", path.display())))?
        .len();
    if len == 0 {
        return Err(not_a_diary("is an empty file, not a myolog diary"));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let header = (|| -> rusqlite::Result<(i64, i64)> {
        let app: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        Ok((app, version))
    })();
    let (app, version) = match header {
        Ok(found) => found,
        Err(e) => {
            return Err(match e.sqlite_error_code() {
                Some(ErrorCode::NotADatabase) => {
                    not_a_diary("is not an SQLite database, so not a myolog diary")
                }
                Some(ErrorCode::DatabaseCorrupt) => {
                    not_a_diary("is damaged (the database is malformed); restore it from a backup")
                }
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
                _ => StoreError::Sqlite(e),
            });
        }
    };
    if app != APPLICATION_ID {
        return Err(not_a_diary("is an SQLite database, but not a myolog diary"));
    }
    if version > latest_version() {
        return Err(StoreError::NewerSchema {
            path: path.to_owned(),
            found: version,
            known: latest_version(),
        });
    }
    Ok(Inspection { version })
}

/// Creates `path` empty and readable by its owner only; its folder too, if missing.
fn create_private_file(path: &Path) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dir(parent)?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            StoreError::Input(InputError::new(
                "FILE",
                format!("{} already exists; choose a new name", path.display()),
            ))
        } else {
            StoreError::io(format!("cannot create {}", path.display()))(e)
        }
    })
}

/// Writes `bytes` to `path`, readable by its owner only. An existing file is refused unless
/// `overwrite`; then the new content goes to a private temporary file beside it that is renamed
/// over the old one, so a failure midway never leaves a half-written file under the name asked for.
pub fn write_private(path: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    use std::io::Write;
    let exists = fs::symlink_metadata(path).is_ok();
    if exists && !overwrite {
        return Err(StoreError::Input(InputError::new(
            "FILE",
            format!(
                "{} already exists; use --force to replace it",
                path.display()
            ),
        )));
    }
    let target = if exists {
        let mut name = std::ffi::OsString::from(".");
        name.push(path.file_name().unwrap_or_default());
        name.push(format!(".tmp-{}", std::process::id()));
        path.with_file_name(name)
    } else {
        path.to_owned()
    };
    create_private_file(&target)?;
    let written = fs::OpenOptions::new()
        .write(true)
        .open(&target)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|()| {
            if exists {
                fs::rename(&target, path)
            } else {
                Ok(())
            }
        });
    written.map_err(|e| {
        let _ = fs::remove_file(&target);
        if e.raw_os_error() == Some(28) {
            StoreError::DiskFull
        } else {
            StoreError::io(format!("cannot write {}", path.display()))(e)
        }
    })
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(StoreError::io(format!(
        "cannot create the folder {}",
        dir.display()
    )))
}

/// Copies a diary about to be upgraded to `<name>.v<N>-backup-<time>` beside it.
fn backup_before_upgrade(path: &Path, version: i64, now: DateTime<Utc>) -> Result<PathBuf> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(
        ".v{version}-backup-{}",
        now.format("%Y%m%dT%H%M%SZ")
    ));
    let dest = path.with_file_name(name);
    let source = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    create_private_file(&dest)?;
    if let Err(e) = source.backup(rusqlite::MAIN_DB, &dest, None) {
        let _ = fs::remove_file(&dest);
        return Err(e.into());
    }
    Ok(dest)
}

/// Unix seconds of an instant.
fn secs(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

fn from_secs(s: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp(s, 0).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Integer,
            "time out of range".into(),
        )
    })
}

fn conversion(column: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, message.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_validate() {
        migrations().validate().unwrap();
        assert_eq!(latest_version(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn write_private_refuses_to_replace_unless_asked_and_stays_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        write_private(&path, b"first", false).unwrap();
        let err = write_private(&path, b"second", false).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"first");

        // A file the user had opened up to others comes back owner-only when replaced.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&path, b"second", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }
}
