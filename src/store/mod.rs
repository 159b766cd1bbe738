//! The only code that speaks SQL: opening a diary (checks, permissions, pragmas, backups and
//! migrations) and one module per table family.

mod bulk;
mod check;
mod checkins;
mod deletions;
mod edits;
mod episodes;
mod experiments;
mod medications;
mod merge;
mod meta;
mod pages;
mod records;
mod self_checks;
mod slice;
mod stream;
mod summary;
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

pub use crate::domain::Counts;
pub use bulk::{Bulk, BulkWriter};
pub use check::Findings;
pub use edits::{Editable, changes_anything};
pub use episodes::EpisodeFilter;
pub use merge::{MergeCounts, Merger};
pub use meta::DatedAfter;
pub use pages::{PageFrom, Snapshot};
pub use undo::{Change, Entity, Journal, KEEP, ends_undo};

use crate::domain::Invalid;
use crate::files::{self, FileError, check_folder, folder_of, remove_stale_work_files, writable};

/// `PRAGMA application_id` of a myolog diary ('myol'), set by the first migration.
pub const APPLICATION_ID: i64 = 0x6d79_6f6c;

static MIGRATIONS_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/migrations");

/// The schema's migrations, one folder per version under `migrations/`, compiled in. A folder
/// that does not make migrations is a mistake of the build (the `migrations_validate` test
/// catches it), told as [`StoreError::Build`] by whatever needed the schema.
pub fn migrations() -> Result<&'static Migrations<'static>> {
    static MIGRATIONS: LazyLock<Result<Migrations<'static>, String>> =
        LazyLock::new(|| Migrations::from_directory(&MIGRATIONS_DIR).map_err(|e| e.to_string()));
    MIGRATIONS
        .as_ref()
        .map_err(|e| StoreError::Build(format!("migrations/ is malformed: {e}")))
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS_DIR.dirs().count() as i64
}

/// Why the diary could not be opened, read or written. Each speaks of the diary; which exit
/// status it leads to is decided by [`crate::Error`].
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A record the domain refuses; nothing was written.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// No live record, or more than one, answers to what was asked for.
    #[error(transparent)]
    Lookup(#[from] Lookup),
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
    #[error("no diary at {path} yet")]
    Missing { path: PathBuf },
    /// The diary file belongs to another user: myolog neither reads nor writes it.
    #[error(
        "{path} belongs to another user (uid {owner}); myolog opens only a diary of your own (give --db the path of yours)"
    )]
    NotYours { path: PathBuf, owner: u32 },
    /// The diary's folder is one where another user could swap or plant its files (see
    /// [`crate::files`]): it is neither read nor written there.
    #[error(
        "{path}: {reason}; the diary was left as it is: move it (with any -wal and -shm beside it) to a folder of your own"
    )]
    UnsafeFolder { path: PathBuf, reason: String },
    /// A file where SQLite keeps the diary's changes (`-wal`, `-shm`, `-journal`) that is not a
    /// plain file of this user's: SQLite would read and write it as the diary's own.
    #[error(
        "{path} {reason}; the diary beside it was not opened, as SQLite would keep its changes there (remove that file if you did not make it)"
    )]
    ForeignJournal { path: PathBuf, reason: String },
    /// An upgrade of an older diary failed; it was left as it was, and the copy made before it
    /// removed.
    #[error(
        "{path} could not be upgraded from diary version {from} to {to} ({reason}); it was left as it is"
    )]
    Upgrade {
        path: PathBuf,
        from: i64,
        to: i64,
        reason: String,
    },
    #[error("{path} is read-only here: {what} needs a diary it can write to")]
    ReadOnly { path: PathBuf, what: String },
    #[error("the diary is busy (another myolog is writing to it); nothing was changed, try again")]
    Busy,
    /// A form's save would overwrite a change made elsewhere since the form opened to a field
    /// the form changed too; nothing was written.
    #[error(
        "changed elsewhere since this form opened: {}; nothing was saved",
        fields.join(", ")
    )]
    ChangedElsewhere { fields: Vec<String> },
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
    /// The diary's file, or a copy of it, could not be made.
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{context}: {source}")]
    Io { context: String, source: io::Error },
    #[error("the diary could not be read or written: {0}")]
    Sqlite(rusqlite::Error),
    #[error("the diary could not be upgraded: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// Something compiled into this myolog is broken: no user input causes it.
    #[error("this myolog was built wrong: {0}")]
    Build(String),
}

/// Why a record asked for by its id or name was not found, or not just one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Lookup {
    #[error("'{0}' is not an id; accepted: the id or its first 4 or more characters")]
    NotAnId(String),
    /// No live record of any kind has an id starting so.
    #[error("no record with id {0} (deleted ones are not editable)")]
    NoRecord(String),
    /// More than one record's id starts so: each named by its kind and full id.
    #[error("'{0}' matches more than one record ({list}); give more characters", list = .1.join(", "))]
    ManyRecords(String, Vec<String>),
    #[error("no check-in on {0}")]
    NoCheckIn(chrono::NaiveDate),
    #[error("no self-check with id {0}")]
    NoSelfCheck(String),
    /// No medication, taken or stopped, is called so.
    #[error("no medication called '{0}'")]
    NoMedicationNamed(String),
    /// More than one medication, none of them still taken, is called so: each described.
    #[error("more than one medication is called '{0}' ({list}); give the id of the one you mean", list = .1.join("; "))]
    ManyMedicationsNamed(String, Vec<String>),
    #[error("no episode with id {0} (deleted ones are not editable)")]
    NoEpisode(String),
    #[error("'{0}' matches more than one episode ({ids}, ...); give more characters", ids = .1.join(", "))]
    ManyEpisodes(String, Vec<String>),
    #[error("an episode {0} exists already")]
    EpisodeExists(String),
    #[error("no medication called '{0}' is being taken")]
    NoMedication(String),
    #[error("no medication with id {0}")]
    NoMedicationId(String),
    #[error("more than one medication called '{0}' is being taken")]
    ManyMedications(String),
}

impl StoreError {
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

    /// `what` refused because the diary at `path`, or its folder, may not be written here.
    fn read_only(path: &Path, what: &str) -> StoreError {
        let folder = folder_of(path);
        StoreError::ReadOnly {
            path: path.to_owned(),
            what: if writable(path) && !writable(folder) {
                format!(
                    "{what} (the folder {} must be writable too, for the journal files beside the diary)",
                    folder.display()
                )
            } else {
                what.to_owned()
            },
        }
    }
}

/// A store error carried through code that speaks `io::Error` (a writer's callback), to come
/// back out of [`crate::files::write_private_with`] through [`FileError::into_inner`].
impl From<StoreError> for io::Error {
    fn from(e: StoreError) -> io::Error {
        io::Error::other(e)
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
    /// The mode the diary had when opening it made it private (others could read it).
    tightened: Option<u32>,
    /// The undo journal's numbers of the changes made through this diary (see
    /// [`Diary::begin_session`]).
    own_changes: Vec<i64>,
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
    /// only for [`Access::Write`]; a file that is not a diary, one from a newer myolog, one
    /// that belongs to another user, one in a folder another user could swap its files in (the
    /// rule for every file myolog writes), or one beside a journal file that is not a plain
    /// file of this user's, is refused and left untouched; one that others may read is made
    /// private first ([`Diary::tightened`]); an older diary is copied beside itself before it
    /// is upgraded, and left as it was (the copy removed) if the upgrade fails.
    pub fn open(path: &Path, access: Access, now: DateTime<Utc>) -> Result<Diary> {
        let exists = match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(StoreError::NotADiary {
                    path: path.to_owned(),
                    reason: "is a folder, not a diary file".into(),
                });
            }
            Ok(meta) if !meta.is_file() => {
                return Err(StoreError::NotADiary {
                    path: path.to_owned(),
                    reason: format!("is {}, not a diary file", crate::files::special_file(&meta)),
                });
            }
            Ok(meta) => {
                if let Some(owner) = someone_elses(&meta) {
                    return Err(StoreError::NotYours {
                        path: path.to_owned(),
                        owner,
                    });
                }
                true
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(StoreError::io(format!("cannot read {}", path.display()))(e)),
        };
        if exists {
            safe_place(path)?;
        } else if access == Access::Write && folder_of(path).exists() {
            // As for any file myolog makes; said before anything beside it is looked at.
            check_folder(folder_of(path))?;
        }
        if exists || access == Access::Write {
            own_journals(path)?;
        }
        let mut upgrade_backup = None;
        let mut tightened = None;
        let read_only;
        let mut from_version = latest_version();
        let mut made_backup = false;
        if exists {
            tightened = make_private(path);
            let found = inspect(path)?;
            // SQLite keeps its -wal and -shm files beside the diary, so writing needs the
            // folder as well as the file.
            let folder = folder_of(path);
            let can_write = writable(path) && writable(folder);
            if !can_write && access == Access::Write {
                return Err(StoreError::read_only(path, "saving"));
            }
            read_only = !can_write;
            from_version = found.version;
            if found.version < latest_version() {
                if read_only {
                    return Err(StoreError::ReadOnly {
                        path: path.to_owned(),
                        what: format!("upgrading it from diary version {}", found.version),
                    });
                }
                let (backup, made) = backup_before_upgrade(path, found.version, now)?;
                made_backup = made;
                upgrade_backup = Some(backup);
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
        add_folded_contains(&conn)?;
        if !read_only {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            if let Err(e) = migrations()?.to_latest(&mut conn) {
                // The migrations run in one transaction: the diary is as it was, so the copy
                // made for this try goes (another try makes its own, one at a time).
                if let Some(backup) = upgrade_backup.as_ref().filter(|_| made_backup) {
                    let _ = fs::remove_file(backup);
                }
                return Err(upgrade_failed(path, from_version, e));
            }
            // An upgraded diary, or one another program wrote to, has dates to sum again.
            if summary::has_stale(&conn)? {
                let tx =
                    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                summary::rebuild_stale(&tx)?;
                tx.commit()?;
            }
        }
        Ok(Diary {
            conn,
            path: path.to_owned(),
            read_only,
            upgrade_backup,
            tightened,
            own_changes: Vec::new(),
        })
    }

    /// Opens the diary only to read, and writes nothing at all, for commands a shell prompt
    /// runs all the time (`myolog status`): no -wal or -shm file is made beside it (it is
    /// opened `immutable` unless another program has changes in a -wal file), it is neither
    /// made private nor upgraded (an older diary, or one whose per-day summary another program
    /// left behind, is copied into memory and brought up to date there, so that every read
    /// finds this version's tables and true sums). None there is [`StoreError::Missing`]; a file that is not a
    /// diary, one from a newer myolog, another user's, or one in a folder or beside journal
    /// files that [`Diary::open`] refuses is refused as it refuses it.
    pub fn peek(path: &Path) -> Result<Diary> {
        match fs::metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::Missing {
                    path: path.to_owned(),
                });
            }
            Err(e) => return Err(StoreError::io(format!("cannot read {}", path.display()))(e)),
            Ok(meta) if !meta.is_file() => {
                return Err(StoreError::NotADiary {
                    path: path.to_owned(),
                    reason: if meta.is_dir() {
                        "is a folder, not a diary file".into()
                    } else {
                        format!("is {}, not a diary file", crate::files::special_file(&meta))
                    },
                });
            }
            Ok(meta) => {
                if let Some(owner) = someone_elses(&meta) {
                    return Err(StoreError::NotYours {
                        path: path.to_owned(),
                        owner,
                    });
                }
            }
        }
        // Read only, but a -wal planted beside it would be read as the diary's changes.
        safe_place(path)?;
        own_journals(path)?;
        let found = inspect(path)?;
        let mut conn = open_read_only(path)?;
        conn.busy_timeout(Duration::from_secs(2))?;
        if found.version < latest_version() || summary::has_stale(&conn)? {
            let mut copy = Connection::open_in_memory()?;
            rusqlite::backup::Backup::new(&conn, &mut copy)?.run_to_completion(
                256,
                Duration::ZERO,
                None,
            )?;
            migrations()?.to_latest(&mut copy)?;
            let tx = copy.transaction()?;
            summary::rebuild_stale(&tx)?;
            tx.commit()?;
            conn = copy;
        }
        Ok(Diary {
            conn,
            path: path.to_owned(),
            read_only: true,
            upgrade_backup: None,
            tightened: None,
            own_changes: Vec::new(),
        })
    }

    /// The mode (such as 0o644) the diary had when this open made it readable by its owner
    /// only, with its -wal and -shm files: others could read it until then.
    pub fn tightened(&self) -> Option<u32> {
        self.tightened
    }

    /// What opening the diary did that its user should know, one line each: that it was
    /// upgraded (and where the old version is kept), that it was made private.
    pub fn notices(&self) -> Vec<String> {
        let mut notices = Vec::new();
        if let Some(backup) = &self.upgrade_backup {
            notices.push(format!(
                "upgraded the diary; the old version is kept at {}",
                backup.display()
            ));
        }
        if let Some(mode) = self.tightened {
            notices.push(format!(
                "{} could be read by other users (mode {:o}); it is now readable by you only (mode {:o}), as are the journal files beside it",
                self.path.display(),
                mode,
                mode & 0o700
            ));
        }
        notices
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
        let count = |sql: &str| -> Result<usize> {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        Ok(Counts {
            episodes: count("SELECT count(*) FROM episodes WHERE deleted_utc IS NULL")?,
            checkins: count("SELECT count(*) FROM checkins")?,
            medications: count("SELECT count(*) FROM medications")?,
            self_checks: count("SELECT count(*) FROM self_checks")?,
            experiments: count("SELECT count(*) FROM experiments")?,
        })
    }

    fn write_tx(&mut self, what: &str) -> Result<WriteTx<'_>> {
        if self.read_only {
            return Err(StoreError::read_only(&self.path, what));
        }
        Ok(WriteTx {
            tx: self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?,
            suspended: Vec::new(),
        })
    }

    /// A write transaction for many episodes at once (demo, import): as [`Diary::write_tx`],
    /// with the summary triggers on sites and triggers set aside until it commits (see
    /// [`summary::suspend_child_triggers`]).
    fn bulk_write_tx(&mut self, what: &str) -> Result<WriteTx<'_>> {
        // Each insert of a bulk write keeps a statement journal (to undo it alone should it
        // fail): in memory rather than in a temporary file, the kernel copies nothing (import
        // and demo spend about half the system time; their peak memory is unchanged).
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        let mut tx = self.write_tx(what)?;
        tx.suspended = summary::suspend_child_triggers(&tx.tx)?;
        Ok(tx)
    }
}

/// A write transaction that brings the per-day summary up to date (the dates its changes
/// touched, which the schema's triggers noted) before it commits: every write of the store goes
/// through one, so the summary never disagrees with the episodes.
pub(crate) struct WriteTx<'a> {
    tx: rusqlite::Transaction<'a>,
    /// Triggers set aside for a bulk write, to create again before committing.
    suspended: Vec<String>,
}

impl<'a> std::ops::Deref for WriteTx<'a> {
    type Target = rusqlite::Transaction<'a>;

    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl WriteTx<'_> {
    /// Rebuilds the summary of the dates changed, then commits; on any error nothing is.
    pub fn commit(self) -> Result<()> {
        summary::resume_child_triggers(&self.tx, &self.suspended)?;
        summary::rebuild_stale(&self.tx)?;
        self.tx.commit()?;
        Ok(())
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
    open_read_only_as(path, !has_live_wal(path))
}

/// Opens `path` read-only, `immutable` (no file beside it is read or made) when asked.
fn open_read_only_as(path: &Path, immutable: bool) -> Result<Connection> {
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
    if immutable {
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

/// Why writing a file at `candidate` would destroy the diary at `diary`, if it would: it is the
/// diary itself (by path or as the same file under another name), its -wal, -shm or -journal
/// file, one of its upgrade copies (`NAME.vN-backup-...` beside it), or any myolog diary, such
/// as a backup of this one. An export never writes there, even when told to replace files.
pub fn diary_file_at(diary: &Path, candidate: &Path) -> Option<&'static str> {
    let canonical = |p: &Path| -> Option<PathBuf> {
        if let Ok(c) = fs::canonicalize(p) {
            return Some(c);
        }
        // A file not there yet: its folder's real path and its own name.
        Some(fs::canonicalize(folder_of(p)).ok()?.join(p.file_name()?))
    };
    let with = |p: &Path, suffix: &str| {
        let mut s = p.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    if let (Some(real), Some(target)) = (canonical(diary), canonical(candidate)) {
        if target == real {
            return Some("is the diary itself");
        }
        for (suffix, what) in [
            (
                "-wal",
                "is the diary's -wal file (changes not yet in the diary file)",
            ),
            ("-shm", "is the diary's -shm file"),
            ("-journal", "is the diary's -journal file"),
        ] {
            if target == with(&real, suffix) {
                return Some(what);
            }
        }
        let name = real.file_name().map(|n| n.to_string_lossy().into_owned());
        let other = target.file_name().map(|n| n.to_string_lossy().into_owned());
        if let (Some(name), Some(other)) = (name, other)
            && target.parent() == real.parent()
            && other
                .strip_prefix(&format!("{name}.v"))
                .is_some_and(|rest| rest.contains("-backup-"))
        {
            return Some("is a copy of the diary made before an upgrade");
        }
    }
    if let Some(id) = files::file_id(candidate) {
        for suffix in ["", "-wal", "-shm"] {
            if files::file_id(&with(diary, suffix)) == Some(id) {
                return Some("is the diary itself, under another name");
            }
        }
    }
    if is_myolog_diary(candidate) {
        return Some("is a myolog diary (a backup?)");
    }
    None
}

/// Whether the file at `path` starts as a myolog diary does: an SQLite header with myolog's
/// application id.
fn is_myolog_diary(path: &Path) -> bool {
    use std::io::Read;
    if !fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut header = [0u8; 72];
    let read = fs::File::open(path).and_then(|mut f| f.read_exact(&mut header));
    read.is_ok()
        && &header[..16] == b"SQLite format 3\0"
        && i64::from(u32::from_be_bytes([
            header[68], header[69], header[70], header[71],
        ])) == APPLICATION_ID
}

/// The owner of a file that is not this user's (root's files are refused to others too).
fn someone_elses(meta: &fs::Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let me = rustix::process::geteuid().as_raw();
        (meta.uid() != me).then_some(meta.uid())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// `path` with `suffix` added to its name (`diary.sqlite3-wal`).
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The files SQLite opens by name beside a diary: the write-ahead log, its index, and the
/// rollback journal (a "hot" one is played back into the diary when it is opened).
const JOURNALS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// The paths a diary at `path` is found under: `path`, and what it links to when it is a
/// symlink (SQLite keeps the journal files beside the file the link points to).
fn diary_paths(path: &Path) -> Vec<PathBuf> {
    let mut paths = vec![path.to_owned()];
    if let Ok(real) = fs::canonicalize(path)
        && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
    {
        paths.push(real);
    }
    paths
}

/// Refuses an existing diary whose folder another user could swap or plant its files in, by
/// the same rule as any folder myolog writes into ([`files::check_folder`]).
fn safe_place(path: &Path) -> Result<()> {
    for diary in diary_paths(path) {
        match check_folder(folder_of(&diary)) {
            Err(FileError::UnsafeFolder { reason, .. }) => {
                return Err(StoreError::UnsafeFolder {
                    path: path.to_owned(),
                    reason,
                });
            }
            other => other?,
        }
    }
    Ok(())
}

/// Refuses a diary beside whose name a journal file is anything but a plain file of this
/// user's with no other name: one another user planted (in /tmp, say) would be read, and
/// written with the diary's changes, where they can read it; a symlink or a hard link would
/// have SQLite write through it to some other file. Asked before SQLite opens anything.
fn own_journals(path: &Path) -> Result<()> {
    for diary in diary_paths(path) {
        for suffix in JOURNALS {
            let file = beside(&diary, suffix);
            let meta = match fs::symlink_metadata(&file) {
                Ok(meta) => meta,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(StoreError::io(format!("cannot read {}", file.display()))(e)),
            };
            let reason = if meta.file_type().is_symlink() {
                "is a symlink, not a file".to_string()
            } else if meta.is_dir() {
                "is a folder, not a file".to_string()
            } else if !meta.is_file() {
                format!("is {}", crate::files::special_file(&meta))
            } else if let Some(owner) = someone_elses(&meta) {
                format!(
                    "belongs to another user (uid {owner}), who could read what is written to it"
                )
            } else if links(&meta) > 1 {
                "has other names (hard links), which SQLite would write through".to_string()
            } else {
                continue;
            };
            return Err(StoreError::ForeignJournal { path: file, reason });
        }
    }
    Ok(())
}

/// How many names the file has.
fn links(meta: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// Makes the diary, and its -wal and -shm files, readable by their owner only when group or
/// others could read or write them; returns the diary's mode before, when it did. (SQLite
/// gives new -wal and -shm files the diary's own mode, so they stay private from then on.)
/// A journal file of another user's never gets here: [`own_journals`] refused it.
fn make_private(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let me = rustix::process::geteuid().as_raw();
        let mut tightened = None;
        for suffix in ["", "-wal", "-shm"] {
            let file = beside(path, suffix);
            let Ok(meta) = fs::metadata(&file) else {
                continue;
            };
            let mode = meta.mode() & 0o7777;
            if mode & 0o077 == 0 || meta.uid() != me {
                continue;
            }
            let private = fs::Permissions::from_mode(mode & 0o700);
            if fs::set_permissions(&file, private).is_ok() && suffix.is_empty() {
                tightened = Some(mode);
            }
        }
        tightened
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// A failed upgrade in one line: what SQLite said, without the SQL of the migration.
fn upgrade_failed(path: &Path, from: i64, e: rusqlite_migration::Error) -> StoreError {
    let reason = match &e {
        rusqlite_migration::Error::RusqliteError { err, .. } => match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => return StoreError::Busy,
            Some(ErrorCode::DiskFull) => return StoreError::DiskFull,
            // SQLite's own words; the SQL of the migration they came with says nothing useful.
            _ => match err {
                rusqlite::Error::SqliteFailure(_, Some(msg))
                | rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
                other => other.to_string(),
            },
        },
        other => other.to_string(),
    };
    StoreError::Upgrade {
        path: path.to_owned(),
        from,
        to: latest_version(),
        reason: reason.lines().next().unwrap_or_default().trim().to_string(),
    }
}

/// `folded_contains(note, word)`: whether the note holds the word (given in lower case) in
/// any case, for every script (SQLite's own `lower` folds ASCII letters only), so a note's
/// "Ärger" is found when "ärger" is searched for. An ASCII note is compared as it stands,
/// without a folded copy.
fn add_folded_contains(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    use rusqlite::types::ValueRef;
    conn.create_scalar_function(
        "folded_contains",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let (ValueRef::Text(note), ValueRef::Text(word)) = (ctx.get_raw(0), ctx.get_raw(1))
            else {
                return Ok(false);
            };
            if word.is_empty() {
                return Ok(true);
            }
            if note.is_ascii() {
                return Ok(note
                    .windows(word.len())
                    .any(|w| w.eq_ignore_ascii_case(word)));
            }
            let (Ok(note), Ok(word)) = (std::str::from_utf8(note), std::str::from_utf8(word))
            else {
                return Ok(false);
            };
            Ok(note.to_lowercase().contains(word))
        },
    )?;
    Ok(())
}

/// Creates a new, fully set-up diary at `path`, all or nothing: it is built in a private
/// folder beside it and linked into place only once SQLite has written it, so a crash or a
/// kill midway never leaves an empty file that the next start would refuse as "not a diary".
/// Another myolog creating the same diary at the same moment is not an error.
fn create_diary(path: &Path) -> Result<()> {
    let built = files::create_whole(path, |tmp| -> Result<()> {
        let mut conn = Connection::open_with_flags(
            tmp,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        migrations()?.to_latest(&mut conn)?;
        conn.close().map_err(|(_, e)| e)?;
        Ok(())
    });
    match built {
        Err(StoreError::File(FileError::Exists(_))) => Ok(()),
        other => other,
    }
}

/// How many names are tried for the copy made before an upgrade when the first is taken.
const BACKUP_NAME_TRIES: u32 = 16;

/// Copies a diary about to be upgraded to a new file `<name>.v<N>-backup-<time>` beside it
/// (`...-2`, `...-3` when that name is taken); returns where, and whether this call made the
/// copy. The copy is always made new (`O_EXCL`, through [`copy_whole`], so checked whole), and
/// whatever else is under a name is left alone and never reported as the copy: a file or
/// symlink another user planted there, say. The one thing reused is a copy an earlier try of
/// this upgrade made before it was stopped (killed in the migrations, which were undone, in
/// the same second): a plain private file of ours, a myolog diary of this version, whole.
fn backup_before_upgrade(path: &Path, version: i64, now: DateTime<Utc>) -> Result<(PathBuf, bool)> {
    let mut first = path.file_name().unwrap_or_default().to_os_string();
    first.push(format!(
        ".v{version}-backup-{}",
        now.format("%Y%m%dT%H%M%SZ")
    ));
    let source = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    for n in 1..=BACKUP_NAME_TRIES {
        let mut name = first.clone();
        if n > 1 {
            name.push(format!("-{n}"));
        }
        let dest = path.with_file_name(name);
        match copy_whole(&source, &dest) {
            Err(StoreError::File(FileError::Exists(_))) if is_own_copy(&dest, version) => {
                return Ok((dest, false));
            }
            Err(StoreError::File(FileError::Exists(_))) => continue,
            copied => return copied.map(|()| (dest, true)),
        }
    }
    Err(StoreError::Upgrade {
        path: path.to_owned(),
        from: version,
        to: latest_version(),
        reason: format!(
            "the names for the copy kept before upgrading ({} and {} more) are all taken by other files",
            path.with_file_name(&first).display(),
            BACKUP_NAME_TRIES - 1
        ),
    })
}

/// Whether `dest` is a copy of a diary of `version` that this user made and nobody else could
/// have changed: a regular file (not followed if a symlink) of ours, with one name, readable
/// by us only, that passes SQLite's integrity check. It is read `immutable`, so nothing planted
/// beside it (a `-wal`) is read with it.
fn is_own_copy(dest: &Path, version: i64) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(meta) = fs::symlink_metadata(dest) else {
            return false;
        };
        if !meta.is_file()
            || someone_elses(&meta).is_some()
            || links(&meta) > 1
            || meta.mode() & 0o077 != 0
        {
            return false;
        }
    }
    let Ok(conn) = open_read_only_as(dest, true) else {
        return false;
    };
    let header = (|| -> rusqlite::Result<(i64, i64)> {
        let app: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        Ok((app, found))
    })();
    header.is_ok_and(|found| found == (APPLICATION_ID, version))
        && check::integrity(&conn, 1).is_ok_and(|problems| problems.is_empty())
}

/// Copies the database of `source` to a new private file `dest`, which appears only once the
/// copy is complete and has passed SQLite's integrity check, so neither a copy cut short by a
/// crash or a kill nor one of a damaged diary ever sits under a backup's name. An existing
/// `dest` is refused.
fn copy_whole(source: &Connection, dest: &Path) -> Result<()> {
    files::create_whole(dest, |tmp| {
        source.backup(rusqlite::MAIN_DB, tmp, None)?;
        let problems = check::integrity(&open_read_only(tmp)?, 1)?;
        match problems.first() {
            None => Ok(()),
            Some(problem) => Err(StoreError::Damaged {
                path: None,
                detail: format!(
                    "a copy of it fails SQLite's integrity check: {problem}; no copy was kept"
                ),
            }),
        }
    })
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
        migrations().unwrap().validate().unwrap();
        // One folder per version, numbered 01, 02, ... without a gap, the last the latest.
        let mut numbers: Vec<i64> = MIGRATIONS_DIR
            .dirs()
            .map(|d| {
                let name = d.path().to_string_lossy();
                name.split('-').next().unwrap().parse().unwrap()
            })
            .collect();
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=latest_version()).collect::<Vec<_>>());
    }
}
