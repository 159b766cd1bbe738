//! The only code that speaks SQL: opening a diary (checks, permissions, pragmas, backups and
//! migrations) and one module per table family.

mod bulk;
mod checkins;
mod episodes;
mod medications;
mod merge;
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

pub use bulk::{Bulk, BulkWriter};
pub use episodes::{Detail, EpisodeFilter};
pub use merge::{MergeCounts, Merger, Tally};
pub use pages::{PageFrom, Snapshot};
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
    #[error("the disk is full; nothing was changed (free some space and try again)")]
    DiskFull,
    #[error(
        "{}the diary is damaged ({detail}); nothing was changed: restore it from a backup copy if you have one",
        path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default()
    )]
    Damaged {
        path: Option<PathBuf>,
        detail: String,
    },
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
            | StoreError::Damaged { .. }
            | StoreError::NotFound { .. } => 2,
            _ => 1,
        }
    }

    /// Names the diary in errors that SQLite raised without knowing which file it was.
    pub fn in_diary(self, diary: &Path) -> StoreError {
        match self {
            StoreError::ReadOnly { path, what } if path.as_os_str().is_empty() => {
                StoreError::ReadOnly {
                    path: diary.to_owned(),
                    what,
                }
            }
            StoreError::Damaged { path: None, detail } => StoreError::Damaged {
                path: Some(diary.to_owned()),
                detail,
            },
            e => e,
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
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Damaged {
                path: None,
                detail: "SQLite found a malformed page".into(),
            },
            // Text that is not UTF-8 in a column myolog only ever writes UTF-8 to.
            _ if matches!(e, rusqlite::Error::Utf8Error(..)) => StoreError::Damaged {
                path: None,
                detail: "a text field holds bytes that are not text".into(),
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
            // SQLite keeps its -wal and -shm files beside the diary, so writing needs the
            // folder as well as the file.
            let folder = folder_of(path);
            let can_write = writable(path) && writable(folder);
            if !can_write && access == Access::Write {
                return Err(StoreError::ReadOnly {
                    path: path.to_owned(),
                    what: if writable(path) {
                        format!(
                            "saving (the folder {} must be writable too, for the journal files beside the diary)",
                            folder.display()
                        )
                    } else {
                        "saving".into()
                    },
                });
            }
            read_only = !can_write;
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
            create_diary(path)?;
            read_only = false;
        }
        if !read_only {
            remove_stale_work_files(path);
        }
        let mut conn = if read_only {
            open_read_only(path)?
        } else {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?
        };
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
        copy_whole(&self.conn, dest)
    }

    /// A number that changes whenever another connection (another myolog, the command line
    /// while the UI is open) commits a change to the diary; this connection's own writes leave
    /// it alone.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
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
            let folder = folder_of(&self.path);
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                what: if writable(&self.path) && !writable(folder) {
                    format!(
                        "{what} (the folder {} must be writable too, for the journal files beside the diary)",
                        folder.display()
                    )
                } else {
                    what.to_owned()
                },
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

/// Whether this process may write to `path` (a file or a folder), asked without touching it.
fn writable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: `c` is a valid NUL-terminated string that outlives the call.
        unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
    }
    #[cfg(not(unix))]
    {
        fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Whether SQLite has committed changes in the -wal file beside `path` not yet copied back.
fn has_live_wal(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0)
}

/// Opens `path` read-only without leaving anything beside it. With no live -wal file the
/// diary is opened `immutable`, so SQLite creates no -wal or -shm file (which it otherwise
/// does even for reading, and cannot clean up when the folder or the file is read-only).
fn open_read_only(path: &Path) -> Result<Connection> {
    let mut uri = String::from("file:");
    for b in path.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(*b))
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?mode=ro");
    if !has_live_wal(path) {
        uri.push_str("&immutable=1");
    }
    Ok(Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?)
}

/// The SQLite header's page size and page count, when the file starts like a database.
fn header_size(path: &Path) -> Option<(u64, u64)> {
    use std::io::Read;
    let mut header = [0u8; 100];
    fs::File::open(path).ok()?.read_exact(&mut header).ok()?;
    if &header[..16] != b"SQLite format 3\0" {
        return None;
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    // The page count is only valid when the change counter matches "version valid for".
    (header[24..28] == header[92..96]).then_some((page_size, pages))
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
    // A file cut short (a copy that stopped midway) is caught before SQLite reads past its end.
    if let Some((page_size, pages)) = header_size(path)
        && !has_live_wal(path)
        && page_size > 0
        && (len % page_size != 0 || len < page_size * pages)
    {
        return Err(not_a_diary(
            "is damaged (the file is shorter than its own header says: cut short while copying?); restore it from a backup",
        ));
    }
    let conn = open_read_only(path)?;
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

/// Writes `bytes` to `path`, readable by its owner only; see [`write_private_with`].
pub fn write_private(path: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    write_private_with(path, overwrite, |out| out.write_all(bytes))
}

/// Writes what `write` writes (through a buffer) to `path`, readable by its owner only, so an
/// export of any length never has to be held in memory whole. An existing file is refused
/// unless `overwrite`. The content goes to a private temporary file beside `path` that takes
/// the name only once complete, so a failure midway (or a kill) never leaves a half-written
/// file under the name asked for. A [`StoreError`] that `write` passes on as an `io::Error`
/// (see `From<StoreError> for io::Error`) comes back out as itself.
pub fn write_private_with(
    path: &Path,
    overwrite: bool,
    write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
) -> Result<()> {
    let exists = || fs::symlink_metadata(path).is_ok();
    let refuse = || {
        StoreError::Input(InputError::new(
            "FILE",
            format!(
                "{} already exists; use --force to replace it",
                path.display()
            ),
        ))
    };
    if !overwrite && exists() {
        return Err(refuse());
    }
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(format!(".tmp-{}", std::process::id()));
    let temp = path.with_file_name(name);
    // A work file of this process's id is one of ours left by a failure already reported.
    let _ = fs::remove_file(&temp);
    // The work file is ours to know about; an error names the file asked for.
    create_private_file(&temp).map_err(|e| match e {
        StoreError::Io { source, .. } => {
            StoreError::io(format!("cannot create {}", path.display()))(source)
        }
        e => e,
    })?;
    let written = fs::OpenOptions::new()
        .write(true)
        .open(&temp)
        .and_then(|file| {
            let mut out = io::BufWriter::with_capacity(64 * 1024, file);
            write(&mut out)?;
            let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.sync_all()
        })
        .and_then(|()| {
            if overwrite {
                return fs::rename(&temp, path);
            }
            // Linking refuses a file that appeared meanwhile, where a rename would replace it.
            match fs::hard_link(&temp, path) {
                Ok(()) => fs::remove_file(&temp),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
                // A file system without hard links: the name was free a moment ago.
                Err(_) if !exists() => fs::rename(&temp, path),
                Err(_) => Err(io::ErrorKind::AlreadyExists.into()),
            }
        });
    written.map_err(|e| {
        let _ = fs::remove_file(&temp);
        if e.get_ref().is_some_and(|inner| inner.is::<StoreError>()) {
            let inner = e.into_inner().map(|inner| inner.downcast::<StoreError>());
            if let Some(Ok(store)) = inner {
                return *store;
            }
            return StoreError::io(format!("cannot write {}", path.display()))(
                io::ErrorKind::Other.into(),
            );
        }
        if e.kind() == io::ErrorKind::AlreadyExists {
            refuse()
        } else if e.raw_os_error() == Some(28) {
            StoreError::DiskFull
        } else {
            StoreError::io(format!("cannot write {}", path.display()))(e)
        }
    })
}

/// A store error carried through code that speaks `io::Error` (a writer's callback), to come
/// back out of [`write_private_with`] as itself.
impl From<StoreError> for io::Error {
    fn from(e: StoreError) -> io::Error {
        io::Error::other(e)
    }
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

/// Removes the hidden work files a killed myolog left beside `path`: named after it, ending in
/// the id of a process that no longer runs (`.diary.sqlite3.new-PID`, `.copy.sqlite3.tmp-PID`,
/// an upgrade backup's `.tmp-PID`, and their journal files). They may hold a copy of the diary,
/// so they are not left lying about.
fn remove_stale_work_files(path: &Path) {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let prefix = format!(".{name}");
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str().filter(|f| f.starts_with(&prefix)) else {
            continue;
        };
        let base = ["-wal", "-shm", "-journal"]
            .iter()
            .find_map(|s| file.strip_suffix(s))
            .unwrap_or(file);
        let pid = [".new-", ".tmp-"].iter().find_map(|marker| {
            let (_, pid) = base.rsplit_once(marker)?;
            pid.parse::<u32>().ok()
        });
        if let Some(pid) = pid
            && pid != std::process::id()
            && !process_alive(pid)
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 only asks whether the process exists.
        let exists = unsafe { libc::kill(pid, 0) } == 0;
        exists || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Creates a new, fully set-up diary at `path`, all or nothing: it is built under a hidden
/// name beside it and linked into place only once SQLite has written it, so a crash or a kill
/// midway never leaves an empty file that the next start would refuse as "not a diary".
/// Another myolog creating the same diary at the same moment is not an error.
fn create_diary(path: &Path) -> Result<()> {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(format!(".new-{}", std::process::id()));
    let tmp = path.with_file_name(name);
    let remove_tmp = || {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = tmp.as_os_str().to_owned();
            p.push(suffix);
            let _ = fs::remove_file(PathBuf::from(p));
        }
    };
    remove_tmp();
    remove_stale_work_files(path);
    create_private_file(&tmp)?;
    let built = (|| -> Result<()> {
        let mut conn = Connection::open_with_flags(
            &tmp,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        migrations().to_latest(&mut conn)?;
        conn.close().map_err(|(_, e)| e)?;
        Ok(())
    })();
    if let Err(e) = built {
        remove_tmp();
        return Err(e);
    }
    // A hard link never replaces an existing file; where links are not supported, a rename
    // after checking is the next best thing.
    let linked = match fs::hard_link(&tmp, path) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(_) if !path.exists() => fs::rename(&tmp, path),
        other => other,
    };
    remove_tmp();
    linked.map_err(StoreError::io(format!("cannot create {}", path.display())))
}

/// Copies a diary about to be upgraded to `<name>.v<N>-backup-<time>` beside it.
fn backup_before_upgrade(path: &Path, version: i64, now: DateTime<Utc>) -> Result<PathBuf> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(
        ".v{version}-backup-{}",
        now.format("%Y%m%dT%H%M%SZ")
    ));
    let dest = path.with_file_name(name);
    // Only ever linked into place whole (below), so one already there is the same copy, made
    // by an upgrade that was stopped before it finished.
    if dest.exists() {
        return Ok(dest);
    }
    let source = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    match copy_whole(&source, &dest) {
        Err(StoreError::Input(_)) if dest.exists() => Ok(dest),
        copied => copied.map(|()| dest),
    }
}

/// Copies the database of `source` to a new private file `dest`, which appears only once the
/// copy is complete (built under a hidden name, then hard-linked into place), so a copy cut
/// short by a crash or a kill never sits under a backup's name. An existing `dest` is refused.
fn copy_whole(source: &Connection, dest: &Path) -> Result<()> {
    if fs::symlink_metadata(dest).is_ok() {
        return Err(StoreError::Input(InputError::new(
            "FILE",
            format!("{} already exists; choose a new name", dest.display()),
        )));
    }
    let mut name = std::ffi::OsString::from(".");
    name.push(dest.file_name().unwrap_or_default());
    name.push(format!(".tmp-{}", std::process::id()));
    let tmp = dest.with_file_name(name);
    let _ = fs::remove_file(&tmp);
    remove_stale_work_files(dest);
    create_private_file(&tmp)?;
    if let Err(e) = source.backup(rusqlite::MAIN_DB, &tmp, None) {
        let _ = fs::remove_file(&tmp);
        return Err(e.into());
    }
    let linked = match fs::hard_link(&tmp, dest) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(StoreError::Input(InputError::new(
                "FILE",
                format!("{} already exists; choose a new name", dest.display()),
            )))
        }
        Err(_) if !dest.exists() => fs::rename(&tmp, dest)
            .map_err(StoreError::io(format!("cannot create {}", dest.display()))),
        Err(e) => Err(StoreError::io(format!("cannot create {}", dest.display()))(
            e,
        )),
        Ok(()) => Ok(()),
    };
    let _ = fs::remove_file(&tmp);
    linked
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

    #[test]
    fn work_files_of_dead_processes_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let diary = dir.path().join("diary.sqlite3");
        let dead = 999_999_999; // above any pid Linux hands out
        let own = std::process::id();
        let names = [
            format!(".diary.sqlite3.new-{dead}"),
            format!(".diary.sqlite3.new-{dead}-wal"),
            format!(".diary.sqlite3.v1-backup-20261125T101500Z.tmp-{dead}"),
            format!(".diary.sqlite3.new-{own}"),
            format!(".other.sqlite3.new-{dead}"),
            ".diary.sqlite3.notes".to_string(),
            "diary.sqlite3".to_string(),
        ];
        for n in &names {
            fs::write(dir.path().join(n), "x").unwrap();
        }
        remove_stale_work_files(&diary);
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut want = names[3..].to_vec();
        want.sort();
        assert_eq!(left, want);
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

    #[test]
    fn a_streamed_write_that_fails_midway_leaves_nothing_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        let failing = |out: &mut dyn io::Write| -> io::Result<()> {
            out.write_all(&[b'x'; 200_000])?;
            Err(StoreError::Busy.into())
        };
        let err = write_private_with(&path, false, failing).unwrap_err();
        assert!(matches!(err, StoreError::Busy), "{err}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "nothing left");

        // Over an existing file: the old content stays whole.
        write_private(&path, b"first", false).unwrap();
        let err = write_private_with(&path, true, failing).unwrap_err();
        assert!(matches!(err, StoreError::Busy), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"first");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);

        write_private_with(&path, true, |out| out.write_all(b"second")).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
    }
}
