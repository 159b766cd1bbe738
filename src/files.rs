//! Files readable by their owner only, that appear whole or not at all: exports, backups, the
//! diary itself and its upgrade copies. Each is built under a hidden work name beside its own
//! (`.NAME.tmp-PID`, `.NAME.new-PID`) and takes its name only once complete, so a failure or a
//! kill midway never leaves a half-written file under the name asked for; work files a killed
//! myolog left behind are removed the next time.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Why a private file was not written. Nothing is left under the name asked for.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// A file is already there under the name asked for; it was left as it is.
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
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
        move |source| FileError::Io { context, source }
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
    let mut name = OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(format!(".{marker}-{}", std::process::id()));
    path.with_file_name(name)
}

/// Creates `path` empty and readable by its owner only; its folder too, if missing.
pub fn create_private_file(path: &Path) -> Result<()> {
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
            FileError::Exists(path.to_owned())
        } else {
            FileError::io(format!("cannot create {}", path.display()))(e)
        }
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
/// unless `overwrite`. The content goes to a private work file beside `path` that takes the
/// name only once complete. An error that `write` passes on inside an `io::Error` comes back
/// out through [`FileError::into_inner`].
pub fn write_private_with(
    path: &Path,
    overwrite: bool,
    write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
) -> Result<()> {
    let exists = || fs::symlink_metadata(path).is_ok();
    if !overwrite && exists() {
        return Err(FileError::Exists(path.to_owned()));
    }
    let temp = work_name(path, "tmp");
    // A work file of this process's id is one of ours left by a failure already reported.
    let _ = fs::remove_file(&temp);
    // The work file is ours to know about; an error names the file asked for.
    create_private_file(&temp).map_err(|e| match e {
        FileError::Io { source, .. } => {
            FileError::io(format!("cannot create {}", path.display()))(source)
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
            link_into_place(&temp, path).and_then(|()| fs::remove_file(&temp))
        });
    written.map_err(|e| {
        let _ = fs::remove_file(&temp);
        if e.kind() == io::ErrorKind::AlreadyExists {
            FileError::Exists(path.to_owned())
        } else if e.raw_os_error() == Some(28) {
            FileError::DiskFull
        } else {
            FileError::io(format!("cannot write {}", path.display()))(e)
        }
    })
}

/// Makes a new private file `dest` whole: `fill` writes it under a hidden work name (given
/// empty and owner-only), and it is linked into place only once `fill` succeeds. An existing
/// `dest` is refused.
pub fn create_whole<E: From<FileError>>(
    dest: &Path,
    fill: impl FnOnce(&Path) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    if fs::symlink_metadata(dest).is_ok() {
        return Err(FileError::Exists(dest.to_owned()).into());
    }
    let tmp = work_name(dest, "tmp");
    let _ = fs::remove_file(&tmp);
    remove_stale_work_files(dest);
    create_private_file(&tmp)?;
    if let Err(e) = fill(&tmp) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    let linked = link_into_place(&tmp, dest).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            FileError::Exists(dest.to_owned())
        } else {
            FileError::io(format!("cannot create {}", dest.display()))(e)
        }
    });
    let _ = fs::remove_file(&tmp);
    Ok(linked?)
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

/// Removes the hidden work files a killed myolog left beside `path`: named after it, ending in
/// the id of a process that no longer runs (`.diary.sqlite3.new-PID`, `.copy.sqlite3.tmp-PID`,
/// an upgrade backup's `.tmp-PID`, and their journal files). They may hold a copy of the diary,
/// so they are not left lying about.
pub fn remove_stale_work_files(path: &Path) {
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
            fs::write(tmp, "whole").map_err(FileError::io("test"))
        })
        .unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"whole");
        let again = create_whole::<FileError>(&dest, |_| Ok(()));
        assert!(matches!(again, Err(FileError::Exists(p)) if p == dest));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
