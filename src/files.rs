//! Files readable by their owner only, that appear whole or not at all: exports, backups, the
//! diary itself and its upgrade copies.
//!
//! Every file is created with `O_CREAT|O_EXCL|O_NOFOLLOW` and mode 0600 under a hidden work
//! name beside its own (`.NAME.tmp-PID`), written through the descriptor that created it, and
//! renamed or linked into place by the descriptor of its folder: never reopened by name, so
//! nobody can swap the work file for a symlink or a file of their own while it is written. A
//! file that SQLite writes by name (a backup, a new diary) is built inside a private folder
//! (`.NAME.tmp-PID/`, mode 0700) that nobody else can enter, and linked out of it once whole.
//!
//! A folder is written into only when no other user can swap files in it: one that is owned by
//! someone else (root's /tmp included, for anyone but root: others may plant files there under
//! the names about to be used), or that others may write to and is not sticky, is refused with
//! one line. A sticky folder of our own is fine: nobody can move or remove our files in it, and
//! `O_EXCL|O_NOFOLLOW` protects each file as it is made.
//!
//! A failure or a kill midway never leaves a half-written file under the name asked for; work
//! files a killed myolog left behind are removed the next time something is written beside them.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Why a private file was not written. Nothing is left under the name asked for.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// A file is already there under the name asked for; it was left as it is.
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    /// The folder is one where another user could swap or read what is written; nothing was.
    #[error("{}: {reason}; nothing was written there, choose a folder of your own", .folder.display())]
    UnsafeFolder { folder: PathBuf, reason: String },
    #[error("the disk is full; nothing was changed (free some space and try again)")]
    DiskFull,
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: io::Error,
    },
}

impl FileError {
    fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> FileError {
        let context = context.into();
        move |source| FileError::io_now(context, source)
    }

    /// An I/O failure while `context`: a full disk is said as such.
    fn io_now(context: String, source: io::Error) -> FileError {
        if source.raw_os_error() == Some(28) || source.kind() == io::ErrorKind::StorageFull {
            FileError::DiskFull
        } else {
            FileError::Io { context, source }
        }
    }

    /// The error of type `E` that a writer handed to [`write_private_with`] passed on inside an
    /// `io::Error` (reading the diary while writing an export), or this error as it is.
    pub fn into_inner<E: std::error::Error + Send + Sync + 'static>(self) -> Result<E, FileError> {
        match self {
            FileError::Io { context, source } if source.get_ref().is_some_and(|e| e.is::<E>()) => {
                match source.into_inner().map(|inner| inner.downcast::<E>()) {
                    Some(Ok(inner)) => Ok(*inner),
                    Some(Err(inner)) => Err(FileError::Io {
                        context,
                        source: io::Error::other(inner),
                    }),
                    None => Err(FileError::Io {
                        context,
                        source: io::ErrorKind::Other.into(),
                    }),
                }
            }
            other => Err(other),
        }
    }
}

pub type Result<T, E = FileError> = std::result::Result<T, E>;

/// The folder `path` is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The hidden work name beside `path` that this process builds it under: `.NAME.MARKER-PID`.
pub fn work_name(path: &Path, marker: &str) -> PathBuf {
    path.with_file_name(work_file_name(
        path.file_name().unwrap_or_default(),
        marker,
        0,
    ))
}

/// `.NAME.MARKER-PID`, or `.NAME.MARKER-PID-N` for the `n`th try when that name was taken.
fn work_file_name(name: &OsStr, marker: &str, n: u32) -> OsString {
    let mut work = OsString::from(".");
    work.push(name);
    work.push(format!(".{marker}-{}", std::process::id()));
    if n > 0 {
        work.push(format!("-{n}"));
    }
    work
}

/// How many work names are tried when the first is taken (by a file someone put there).
const WORK_NAME_TRIES: u32 = 16;

/// The name `path` ends in; a path without one (`/`, `..`) is no file to write.
fn file_name(path: &Path) -> Result<&OsStr> {
    path.file_name().ok_or_else(|| FileError::Io {
        context: format!("cannot write {}", path.display()),
        source: io::Error::new(io::ErrorKind::InvalidInput, "not a file name"),
    })
}

/// Creates `path` empty and readable by its owner only (`O_EXCL|O_NOFOLLOW`); its folder too,
/// if missing.
pub fn create_private_file(path: &Path) -> Result<()> {
    let name = file_name(path)?;
    let folder = Folder::open_or_create(folder_of(path))?;
    folder
        .create_file(name)
        .map(drop)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => FileError::Exists(path.to_owned()),
            _ => FileError::io_now(format!("cannot create {}", path.display()), e),
        })
}

/// Creates `dir` and any folders missing above it, readable by their owner only.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(FileError::io(format!(
        "cannot create the folder {}",
        dir.display()
    )))
}

/// Writes `bytes` to `path`, readable by its owner only; see [`write_private_with`].
pub fn write_private(path: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    write_private_with(path, overwrite, |out| out.write_all(bytes))
}

/// Writes what `write` writes (through a buffer) to `path`, readable by its owner only, so an
/// export of any length never has to be held in memory whole. An existing file is refused
/// unless `overwrite`. The content goes to a private work file beside `path`, written through
/// the descriptor that created it, which takes the name only once complete. A folder that is
/// not safe to write into is refused (see the module). An error that `write` passes on inside
/// an `io::Error` comes back out through [`FileError::into_inner`].
pub fn write_private_with(
    path: &Path,
    overwrite: bool,
    write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
) -> Result<()> {
    let name = file_name(path)?;
    let folder = Folder::open_or_create(folder_of(path))?;
    if !overwrite && folder.has(name) {
        return Err(FileError::Exists(path.to_owned()));
    }
    folder.remove_stale_work_files(name);
    let (work, file) = folder
        .create_work_file(name, "tmp")
        .map_err(FileError::io(format!("cannot create {}", path.display())))?;
    let mut out = io::BufWriter::with_capacity(64 * 1024, &file);
    let written = write(&mut out)
        .and_then(|()| out.into_inner().map_err(io::IntoInnerError::into_error))
        .and_then(|file| file.sync_all())
        .and_then(|()| {
            if overwrite {
                folder.rename(&work, name)
            } else {
                folder.link(&work, name)
            }
        });
    drop(file);
    folder.remove(&work);
    folder.sync();
    written.map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            FileError::Exists(path.to_owned())
        } else {
            FileError::io_now(format!("cannot write {}", path.display()), e)
        }
    })
}

/// Makes a new private file `dest` whole: `fill` writes it by name inside a private folder
/// (`.NAME.tmp-PID/`, mode 0700, beside `dest`), given empty and owner-only, for writers such
/// as SQLite that open a file by name; it is linked into place only once `fill` succeeds, and
/// the private folder, with whatever else `fill` left in it, is removed. An existing `dest` is
/// refused.
pub fn create_whole<E: From<FileError>>(
    dest: &Path,
    fill: impl FnOnce(&Path) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let name = file_name(dest)?;
    let folder = Folder::open_or_create(folder_of(dest))?;
    if folder.has(name) {
        return Err(FileError::Exists(dest.to_owned()).into());
    }
    folder.remove_stale_work_files(name);
    let work = folder
        .create_work_dir(name, "tmp")
        .map_err(FileError::io(format!("cannot create {}", dest.display())))?;
    let work_path = folder_of(dest).join(&work.name);
    let built = (|| -> std::result::Result<(), E> {
        work.folder
            .create_file(name)
            .map_err(FileError::io(format!("cannot create {}", dest.display())))?;
        fill(&work_path.join(name))?;
        work.folder
            .link_to(name, &folder, name)
            .map_err(|e| match e.kind() {
                io::ErrorKind::AlreadyExists => FileError::Exists(dest.to_owned()),
                _ => FileError::io_now(format!("cannot create {}", dest.display()), e),
            })?;
        Ok(())
    })();
    drop(work.folder);
    let _ = fs::remove_dir_all(&work_path);
    folder.sync();
    built
}

/// Gives the finished work file `tmp` the name `dest` without ever replacing a file there: a
/// hard link refuses one (`AlreadyExists`), where a rename would replace it. On a file system
/// without hard links, a rename after checking that the name is free is the next best thing.
/// `tmp` is left for the caller to remove.
pub fn link_into_place(tmp: &Path, dest: &Path) -> io::Result<()> {
    match fs::hard_link(tmp, dest) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if fs::symlink_metadata(dest).is_err() => fs::rename(tmp, dest),
        Err(_) => Err(io::ErrorKind::AlreadyExists.into()),
    }
}

/// Removes the hidden work files and folders a killed myolog left beside `path`: named after
/// it, ending in the id of a process that no longer runs (`.diary.sqlite3.new-PID`,
/// `.export.json.tmp-PID`, `.copy.sqlite3.tmp-PID/`, an upgrade backup's `.tmp-PID`, and their
/// journal files). They may hold a copy of the diary, so they are not left lying about. Only
/// this user's own are removed.
pub fn remove_stale_work_files(path: &Path) {
    let Some(name) = path.file_name() else {
        return;
    };
    let folder = folder_of(path);
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        if !is_stale_work_name(name, &entry.file_name()) {
            continue;
        }
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        if !owned_by_me(&meta) {
            continue;
        }
        let _ = if meta.is_dir() {
            fs::remove_dir_all(entry.path())
        } else {
            fs::remove_file(entry.path())
        };
    }
}

/// Whether `entry` is a work name of `name` (`.NAME.tmp-PID`, `.NAME.new-PID-N-wal`, ...)
/// left by a process that no longer runs.
fn is_stale_work_name(name: &OsStr, entry: &OsStr) -> bool {
    let (Some(name), Some(entry)) = (name.to_str(), entry.to_str()) else {
        return false;
    };
    let Some(rest) = entry.strip_prefix('.').and_then(|e| e.strip_prefix(name)) else {
        return false;
    };
    let base = ["-wal", "-shm", "-journal"]
        .iter()
        .find_map(|s| rest.strip_suffix(s))
        .unwrap_or(rest);
    let pid = [".new-", ".tmp-"].iter().find_map(|marker| {
        let (_, tail) = base.rsplit_once(marker)?;
        // PID, or PID-N for a later try.
        let pid = tail.split_once('-').map_or(tail, |(pid, n)| {
            if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() {
                pid
            } else {
                ""
            }
        });
        pid.parse::<u32>().ok()
    });
    pid.is_some_and(|pid| pid != std::process::id() && !process_alive(pid))
}

#[cfg(unix)]
fn owned_by_me(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.uid() == rustix::process::geteuid().as_raw()
}

#[cfg(not(unix))]
fn owned_by_me(_: &fs::Metadata) -> bool {
    true
}

/// The bytes of `path` when it is a regular file of this user's: `None` when there is none, or
/// when it is a symlink, not a file, or another user's (a file planted in a shared folder is
/// never read as ours). Read through the descriptor that was checked.
pub fn read_own(path: &Path) -> io::Result<Option<Vec<u8>>> {
    use rustix::fs::{Mode, OFlags};
    use std::io::Read;
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let file = match rustix::fs::open(path, flags, Mode::empty()) {
        Ok(fd) => fs::File::from(fd),
        Err(e) if e == rustix::io::Errno::NOENT || e == rustix::io::Errno::LOOP => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let meta = file.metadata()?;
    if !meta.is_file() || !owned_by_me(&meta) {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    (&file).read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

/// What a file that is not a regular one is, in words.
pub fn special_file(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// Opens `path` to read a file someone names (an import): a regular file only. A pipe, a
/// device or a socket is refused with [`io::ErrorKind::InvalidInput`] rather than opened and
/// waited on (opening a FIFO blocks until something writes to it, which may be never).
pub fn open_regular(path: &Path) -> io::Result<fs::File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let file = fs::File::from(rustix::fs::open(path, flags, Mode::empty())?);
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::ErrorKind::IsADirectory.into());
    }
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            special_file(&meta),
        ));
    }
    // Reads of a regular file never wait; the flag is taken off all the same.
    rustix::fs::fcntl_setfl(&file, OFlags::empty())?;
    Ok(file)
}

/// Whether a process with this id runs (one of another user counts: it may be a myolog).
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return true;
        };
        match rustix::process::test_kill_process(pid) {
            Ok(()) => true,
            Err(e) => e == rustix::io::Errno::PERM,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Whether this process may write to `path` (a file or a folder), asked without touching it.
pub fn writable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
    }
    #[cfg(not(unix))]
    {
        fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
    }
}

/// Refuses a folder another user could swap files in (see the module): owned by someone else,
/// or writable by group or others without being sticky.
pub fn check_folder(folder: &Path) -> Result<()> {
    let meta = fs::metadata(folder).map_err(FileError::io(format!(
        "cannot open the folder {}",
        folder.display()
    )))?;
    safe_folder(folder, &meta)
}

#[cfg(unix)]
fn safe_folder(folder: &Path, meta: &fs::Metadata) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let me = rustix::process::geteuid().as_raw();
    let refuse = |reason: String| FileError::UnsafeFolder {
        folder: folder.to_owned(),
        reason,
    };
    let mode = meta.mode() & 0o7777;
    let others = if mode & 0o002 != 0 {
        Some("other users")
    } else if mode & 0o020 != 0 {
        Some("other users of the folder's group")
    } else {
        None
    };
    // Another user's folder, root's included (unless we are root): its owner may replace what
    // is in it, and a sticky one such as /tmp lets anyone plant files under the names we are
    // about to use (a diary's -wal, an upgrade copy) before we make them.
    if meta.uid() != me {
        return Err(refuse(match others {
            Some(who) => format!(
                "the folder belongs to another user (uid {}) and {who} can write to it (mode {mode:o}), so they could plant or swap files there",
                meta.uid()
            ),
            None => format!(
                "the folder belongs to another user (uid {}), who could read or replace what is written there",
                meta.uid()
            ),
        }));
    }
    match others {
        // Sticky and ours: nobody can move or remove our files, and `O_EXCL|O_NOFOLLOW`
        // protects each file as it is made.
        Some(who) if mode & 0o1000 == 0 => Err(refuse(format!(
            "{who} can write to the folder (mode {mode:o}, not sticky), so they could swap the files there"
        ))),
        _ => Ok(()),
    }
}

#[cfg(not(unix))]
fn safe_folder(_: &Path, _: &fs::Metadata) -> Result<()> {
    Ok(())
}

/// The device and inode of the file at `path` (following symlinks), to tell whether two paths
/// are the same file.
pub fn file_id(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// A private work folder made inside a [`Folder`], and its name there.
struct WorkDir {
    name: OsString,
    folder: Folder,
}

/// A folder opened once and checked, written into through its descriptor, so that what is
/// checked is where the file goes even if the path is changed meanwhile.
struct Folder {
    #[cfg(unix)]
    fd: fs::File,
    path: PathBuf,
}

#[cfg(unix)]
impl Folder {
    /// Opens `path` (creating it and the folders above, owner-only, when missing) and checks
    /// it is safe to write into.
    fn open_or_create(path: &Path) -> Result<Folder> {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let opened = match rustix::fs::open(path, flags, Mode::empty()) {
            Err(rustix::io::Errno::NOENT) => {
                create_private_dir(path)?;
                rustix::fs::open(path, flags, Mode::empty())
            }
            other => other,
        };
        let fd = fs::File::from(opened.map_err(|e| {
            FileError::io_now(
                format!("cannot open the folder {}", path.display()),
                e.into(),
            )
        })?);
        let meta = fd.metadata().map_err(FileError::io(format!(
            "cannot open the folder {}",
            path.display()
        )))?;
        safe_folder(path, &meta)?;
        Ok(Folder {
            fd,
            path: path.to_owned(),
        })
    }

    /// Whether anything (a symlink included) has this name in the folder.
    fn has(&self, name: &OsStr) -> bool {
        use rustix::fs::AtFlags;
        rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW).is_ok()
    }

    /// Creates `name`: a new, empty, owner-only file, never one that exists or a symlink.
    fn create_file(&self, name: &OsStr) -> io::Result<fs::File> {
        use rustix::fs::{Mode, OFlags};
        let flags =
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&self.fd, name, flags, Mode::from_raw_mode(0o600))?;
        Ok(fs::File::from(fd))
    }

    /// Creates a work file for `name` under the first free work name.
    fn create_work_file(&self, name: &OsStr, marker: &str) -> io::Result<(OsString, fs::File)> {
        let mut last = io::Error::from(io::ErrorKind::AlreadyExists);
        for n in 0..WORK_NAME_TRIES {
            let work = work_file_name(name, marker, n);
            match self.create_file(&work) {
                Ok(file) => return Ok((work, file)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
                Err(e) => return Err(e),
            }
        }
        Err(last)
    }

    /// Creates a private work folder for `name` under the first free work name.
    fn create_work_dir(&self, name: &OsStr, marker: &str) -> io::Result<WorkDir> {
        use rustix::fs::{Mode, OFlags};
        let mut last = io::Error::from(io::ErrorKind::AlreadyExists);
        for n in 0..WORK_NAME_TRIES {
            let work = work_file_name(name, marker, n);
            match rustix::fs::mkdirat(&self.fd, work.as_os_str(), Mode::from_raw_mode(0o700)) {
                Ok(()) => {
                    let flags =
                        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
                    let fd = rustix::fs::openat(&self.fd, work.as_os_str(), flags, Mode::empty())?;
                    return Ok(WorkDir {
                        folder: Folder {
                            fd: fs::File::from(fd),
                            path: self.path.join(&work),
                        },
                        name: work,
                    });
                }
                Err(rustix::io::Errno::EXIST) => last = io::ErrorKind::AlreadyExists.into(),
                Err(e) => return Err(e.into()),
            }
        }
        Err(last)
    }

    /// Gives the work file `work` the name `name`, replacing what is there.
    fn rename(&self, work: &OsStr, name: &OsStr) -> io::Result<()> {
        Ok(rustix::fs::renameat(&self.fd, work, &self.fd, name)?)
    }

    /// Gives the work file `work` the name `name` too, never replacing what is there.
    fn link(&self, work: &OsStr, name: &OsStr) -> io::Result<()> {
        self.link_to(work, self, name)
    }

    /// Links `from` in this folder as `name` in `to`, never replacing what is there. On a file
    /// system without hard links, a rename once the name is seen free is the next best thing.
    fn link_to(&self, from: &OsStr, to: &Folder, name: &OsStr) -> io::Result<()> {
        use rustix::fs::AtFlags;
        match rustix::fs::linkat(&self.fd, from, &to.fd, name, AtFlags::empty()) {
            Ok(()) => Ok(()),
            Err(rustix::io::Errno::EXIST) => Err(io::ErrorKind::AlreadyExists.into()),
            Err(rustix::io::Errno::PERM | rustix::io::Errno::OPNOTSUPP) if !to.has(name) => {
                Ok(rustix::fs::renameat(&self.fd, from, &to.fd, name)?)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Removes the file `name` from the folder, if it is there.
    fn remove(&self, name: &OsStr) {
        let _ = rustix::fs::unlinkat(&self.fd, name, rustix::fs::AtFlags::empty());
    }

    /// Makes the folder's new names durable; a failure only loses that guarantee.
    fn sync(&self) {
        let _ = rustix::fs::fsync(&self.fd);
    }

    fn remove_stale_work_files(&self, name: &OsStr) {
        remove_stale_work_files(&self.path.join(name));
    }
}

/// Without descriptors for folders, the same steps by name.
#[cfg(not(unix))]
impl Folder {
    fn open_or_create(path: &Path) -> Result<Folder> {
        if !path.exists() {
            create_private_dir(path)?;
        }
        Ok(Folder {
            path: path.to_owned(),
        })
    }

    fn has(&self, name: &OsStr) -> bool {
        fs::symlink_metadata(self.path.join(name)).is_ok()
    }

    fn create_file(&self, name: &OsStr) -> io::Result<fs::File> {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.path.join(name))
    }

    fn create_work_file(&self, name: &OsStr, marker: &str) -> io::Result<(OsString, fs::File)> {
        let work = work_file_name(name, marker, 0);
        self.create_file(&work).map(|f| (work, f))
    }

    fn create_work_dir(&self, name: &OsStr, marker: &str) -> io::Result<WorkDir> {
        let work = work_file_name(name, marker, 0);
        fs::create_dir(self.path.join(&work))?;
        Ok(WorkDir {
            folder: Folder {
                path: self.path.join(&work),
            },
            name: work,
        })
    }

    fn rename(&self, work: &OsStr, name: &OsStr) -> io::Result<()> {
        fs::rename(self.path.join(work), self.path.join(name))
    }

    fn link(&self, work: &OsStr, name: &OsStr) -> io::Result<()> {
        link_into_place(&self.path.join(work), &self.path.join(name))
    }

    fn link_to(&self, from: &OsStr, to: &Folder, name: &OsStr) -> io::Result<()> {
        link_into_place(&self.path.join(from), &to.path.join(name))
    }

    fn remove(&self, name: &OsStr) {
        let _ = fs::remove_file(self.path.join(name));
    }

    fn sync(&self) {}

    fn remove_stale_work_files(&self, name: &OsStr) {
        remove_stale_work_files(&self.path.join(name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_files_of_dead_processes_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let diary = dir.path().join("diary.sqlite3");
        let dead = 999_999_999; // above any pid Linux hands out
        let own = std::process::id();
        let names = [
            format!(".diary.sqlite3.new-{dead}"),
            format!(".diary.sqlite3.new-{dead}-wal"),
            format!(".diary.sqlite3.tmp-{dead}-3"),
            format!(".diary.sqlite3.v1-backup-20261125T101500Z.tmp-{dead}"),
            format!(".diary.sqlite3.new-{own}"),
            format!(".diary.sqlite3.tmp-{dead}-x"),
            format!(".other.sqlite3.new-{dead}"),
            ".diary.sqlite3.notes".to_string(),
            "diary.sqlite3".to_string(),
        ];
        for n in &names {
            fs::write(dir.path().join(n), "x").unwrap();
        }
        // A private work folder left by a killed backup, with SQLite's journal inside.
        let folder = dir.path().join(format!(".diary.sqlite3.tmp-{dead}-1"));
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("diary.sqlite3-journal"), "x").unwrap();
        remove_stale_work_files(&diary);
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut want = names[4..].to_vec();
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
        assert!(matches!(&err, FileError::Exists(p) if *p == path), "{err}");
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

    #[cfg(unix)]
    #[test]
    fn a_work_name_taken_by_someone_else_is_left_alone_and_another_is_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        // A symlink planted under the first work name this process would use.
        let planted = work_name(&path, "tmp");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_private(&path, b"export", false).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"export");
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        assert!(planted.symlink_metadata().unwrap().is_symlink());
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_others_can_write_to_is_refused_unless_sticky() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        fs::create_dir(&shared).unwrap();
        for (mode, refused) in [
            (0o777, true),
            (0o770, true),
            (0o1777, false),
            (0o755, false),
        ] {
            fs::set_permissions(&shared, fs::Permissions::from_mode(mode)).unwrap();
            let path = shared.join(format!("out-{mode:o}.json"));
            let result = write_private(&path, b"x", false);
            assert_eq!(
                matches!(result, Err(FileError::UnsafeFolder { .. })),
                refused,
                "{mode:o}: {result:?}"
            );
            assert_eq!(path.exists(), !refused, "{mode:o}");
            let whole =
                create_whole::<FileError>(&shared.join(format!("copy-{mode:o}")), |_| Ok(()));
            assert_eq!(whole.is_err(), refused, "{mode:o}");
        }
    }

    #[test]
    fn a_streamed_write_that_fails_midway_leaves_nothing_and_says_why() {
        #[derive(Debug, thiserror::Error)]
        #[error("the source went away")]
        struct Gone;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        let failing = |out: &mut dyn io::Write| -> io::Result<()> {
            out.write_all(&[b'x'; 200_000])?;
            Err(io::Error::other(Gone))
        };
        let err = write_private_with(&path, false, failing).unwrap_err();
        assert!(matches!(err.into_inner::<Gone>(), Ok(Gone)));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "nothing left");

        // Over an existing file: the old content stays whole.
        write_private(&path, b"first", false).unwrap();
        let err = write_private_with(&path, true, failing).unwrap_err();
        assert!(matches!(err.into_inner::<Gone>(), Ok(Gone)));
        assert_eq!(fs::read(&path).unwrap(), b"first");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);

        write_private_with(&path, true, |out| out.write_all(b"second")).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
    }

    #[test]
    fn a_whole_file_appears_only_when_filled() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("copy.sqlite3");
        let failed: std::result::Result<(), FileError> =
            create_whole(&dest, |_| Err(FileError::DiskFull));
        assert!(matches!(failed, Err(FileError::DiskFull)));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "nothing left");
        create_whole::<FileError>(&dest, |tmp| {
            // The writer may leave files of its own beside the one it fills.
            fs::write(tmp.with_extension("journal"), "j").map_err(FileError::io("test"))?;
            fs::write(tmp, "whole").map_err(FileError::io("test"))
        })
        .unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"whole");
        let again = create_whole::<FileError>(&dest, |_| Ok(()));
        assert!(matches!(again, Err(FileError::Exists(p)) if p == dest));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
