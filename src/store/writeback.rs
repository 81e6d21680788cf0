//! Early write-back of the database's files during a large import.
//!
//! An import writes hundreds of megabytes of pages, which the kernel keeps
//! in its cache until an `fsync` writes them all while dragoman waits: the
//! commit's, for the first import into an empty memory (written through
//! the rollback journal), or the checkpoint's after an import into the
//! write-ahead log (a fifth of a second for a million units). A helper
//! thread asks for them to be written every [`EVERY`] while the import
//! goes on, so that the `fsync` finds little left to write.
//!
//! The helper syncs SQLite's own descriptors of the database file and its
//! log, found among the process's open descriptors by path, device and
//! inode: it never opens either file itself, since closing any descriptor
//! of a file drops every POSIX lock the process holds on it, SQLite's write
//! lock among them. Before each sync it checks that the descriptor still
//! refers to the same file, and stops when it does not. Syncing more often
//! than SQLite does changes nothing of what a crash leaves. Linux only;
//! elsewhere nothing is done.

use std::path::Path;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the helper asks for the files' pages to be written.
const EVERY: Duration = Duration::from_millis(200);

/// A running helper; stopped (and waited for) by [`WriteBack::stop`] or
/// when dropped.
pub(super) struct WriteBack {
    stop: Option<mpsc::Sender<()>>,
    helper: Option<JoinHandle<()>>,
}

impl WriteBack {
    /// Starts writing back the database file at `path` and its
    /// write-ahead log, those of them open in this process; a helper that
    /// does nothing when neither is. Start and stop it while the
    /// connection is open (inside an import's transaction, around a
    /// checkpoint), so that SQLite holds its descriptors open meanwhile;
    /// the helper checks them before each sync all the same.
    pub(super) fn start(path: Option<&Path>) -> WriteBack {
        let open: Vec<Open> = path.map_or_else(Vec::new, |path| {
            let mut log = path.as_os_str().to_owned();
            log.push("-wal");
            [path, Path::new(&log)]
                .into_iter()
                .filter_map(Open::find)
                .collect()
        });
        if open.is_empty() {
            return WriteBack::idle();
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let helper = std::thread::Builder::new()
            .name("dragoman-writeback".into())
            .spawn(move || {
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(EVERY) {
                    for file in &open {
                        if !file.still_open() {
                            return;
                        }
                        file.sync_data();
                    }
                }
            });
        match helper {
            Ok(helper) => WriteBack {
                stop: Some(stop),
                helper: Some(helper),
            },
            Err(_) => WriteBack::idle(),
        }
    }

    fn idle() -> WriteBack {
        WriteBack {
            stop: None,
            helper: None,
        }
    }

    /// Stops the helper and waits for it: call before the transaction
    /// ends.
    pub(super) fn stop(&mut self) {
        drop(self.stop.take());
        if let Some(helper) = self.helper.take() {
            let _ = helper.join();
        }
    }
}

impl Drop for WriteBack {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A descriptor open in this process on a file, with the file's device
/// and inode.
struct Open {
    fd: i32,
    dev: u64,
    ino: u64,
}

#[cfg(target_os = "linux")]
impl Open {
    /// A descriptor open in this process on the file at `path`, looked up
    /// without opening the file: by the path each descriptor was opened
    /// at (which reads no other file system), then by device and inode.
    fn find(path: &Path) -> Option<Open> {
        use std::os::unix::fs::MetadataExt;
        let file = std::fs::metadata(path).ok()?;
        let path = std::fs::canonicalize(path).ok()?;
        std::fs::read_dir("/proc/self/fd").ok()?.find_map(|entry| {
            let entry = entry.ok()?;
            if std::fs::read_link(entry.path()).ok()? != path {
                return None;
            }
            let fd: i32 = entry.file_name().to_str()?.parse().ok()?;
            let open = Open {
                fd,
                dev: file.dev(),
                ino: file.ino(),
            };
            open.still_open().then_some(open)
        })
    }

    /// Whether the descriptor still refers to the file.
    fn still_open(&self) -> bool {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(format!("/proc/self/fd/{}", self.fd))
            .is_ok_and(|m| m.is_file() && m.dev() == self.dev && m.ino() == self.ino)
    }

    /// Asks for the file's written pages to be on disk (`fdatasync`).
    fn sync_data(&self) {
        // SAFETY: a system call on a descriptor number, which neither
        // takes nor closes it; at worst (the descriptor closed since it
        // was checked) it fails, or syncs another file.
        unsafe {
            libc::fdatasync(self.fd);
        }
    }
}

#[cfg(not(target_os = "linux"))]
impl Open {
    fn find(_path: &Path) -> Option<Open> {
        None
    }

    fn still_open(&self) -> bool {
        false
    }

    fn sync_data(&self) {}
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::os::fd::AsRawFd;

    #[test]
    fn the_helper_finds_the_descriptor_open_on_the_file_and_stops() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory.db");
        std::fs::write(&path, b"pages").unwrap();
        // Nothing holds the file open: nothing to sync through.
        assert!(Open::find(&path).is_none());
        assert!(WriteBack::start(Some(&path)).helper.is_none());
        assert!(WriteBack::start(None).helper.is_none());

        let file = std::fs::File::open(&path).unwrap();
        let open = Open::find(&path).expect("the descriptor is found");
        assert_eq!(open.fd, file.as_raw_fd());
        assert!(open.still_open());
        let mut helper = WriteBack::start(Some(&path));
        assert!(helper.helper.is_some());
        std::thread::sleep(EVERY * 2);
        helper.stop();
        assert!(helper.helper.is_none());
        // The descriptor was never closed by the helper.
        assert!(Open::find(&path).is_some_and(|open| open.fd == file.as_raw_fd()));
        drop(file);
        assert!(!open.still_open());
    }

    #[test]
    fn the_log_is_synced_too_when_it_is_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory.db");
        let log = dir.path().join("memory.db-wal");
        std::fs::write(&log, b"log").unwrap();
        // Only the log is open.
        let file = std::fs::File::open(&log).unwrap();
        std::fs::write(&path, b"pages").unwrap();
        assert!(Open::find(&path).is_none());
        assert_eq!(Open::find(&log).map(|open| open.fd), Some(file.as_raw_fd()));
        let mut helper = WriteBack::start(Some(&path));
        assert!(helper.helper.is_some());
        helper.stop();
    }
}
