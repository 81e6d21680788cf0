//! Early write-back of the database file during a large import.
//!
//! An import writes hundreds of megabytes of pages, which the kernel keeps
//! in its cache until the commit's `fsync` writes them all while the import
//! waits (a fifth of a second for a million units). A helper thread asks
//! for them to be written every [`EVERY`] while the import goes on, so that
//! the commit finds little left to write.
//!
//! The helper syncs SQLite's own descriptor of the file, found by the
//! file's device and inode among the process's open descriptors: it never
//! opens the database file itself, since closing any descriptor of a file
//! drops every POSIX lock the process holds on it, SQLite's write lock
//! among them. Syncing more often than SQLite does changes nothing of what
//! a crash leaves behind. Linux only; elsewhere nothing is done.

use std::path::Path;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the helper asks for the file's pages to be written.
const EVERY: Duration = Duration::from_millis(200);

/// A running helper; stopped (and waited for) by [`WriteBack::stop`] or
/// when dropped.
pub(super) struct WriteBack {
    stop: Option<mpsc::Sender<()>>,
    helper: Option<JoinHandle<()>>,
}

impl WriteBack {
    /// Starts writing back the database file at `path`, when a descriptor
    /// of it is open in this process; else a helper that does nothing.
    pub fn start(path: Option<&Path>) -> WriteBack {
        let Some(fd) = path.and_then(open_descriptor_of) else {
            return WriteBack {
                stop: None,
                helper: None,
            };
        };
        let (stop, stopped) = mpsc::channel::<()>();
        let helper = std::thread::Builder::new()
            .name("dragoman-writeback".into())
            .spawn(move || {
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(EVERY) {
                    sync_data(fd);
                }
            })
            .ok();
        WriteBack {
            stop: helper.as_ref().map(|_| stop),
            helper,
        }
    }

    /// Stops the helper and waits for it: call before the transaction
    /// ends, while the descriptor is surely SQLite's still.
    pub fn stop(&mut self) {
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

/// A descriptor open in this process on the file at `path` (by device and
/// inode), looked up without opening the file.
#[cfg(target_os = "linux")]
fn open_descriptor_of(path: &Path) -> Option<i32> {
    use std::os::unix::fs::MetadataExt;
    let file = std::fs::metadata(path).ok()?;
    std::fs::read_dir("/proc/self/fd").ok()?.find_map(|entry| {
        let entry = entry.ok()?;
        let fd: i32 = entry.file_name().to_str()?.parse().ok()?;
        // Follows the link: the open file's own metadata.
        let open = std::fs::metadata(entry.path()).ok()?;
        (open.is_file() && open.dev() == file.dev() && open.ino() == file.ino()).then_some(fd)
    })
}

#[cfg(not(target_os = "linux"))]
fn open_descriptor_of(_path: &Path) -> Option<i32> {
    None
}

/// `fdatasync` on a descriptor this code does not own (never closed here).
#[cfg(target_os = "linux")]
fn sync_data(fd: i32) {
    use std::os::fd::FromRawFd;
    // SAFETY: `fd` was open on the database file when the helper started,
    // and SQLite keeps it open until the transaction ends, after the
    // helper stopped; `ManuallyDrop` keeps it from being closed here.
    let file = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(fd) });
    let _ = file.sync_data();
}

#[cfg(not(target_os = "linux"))]
fn sync_data(_fd: i32) {}

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
        assert_eq!(open_descriptor_of(&path), None);
        assert!(WriteBack::start(Some(&path)).helper.is_none());
        assert!(WriteBack::start(None).helper.is_none());

        let file = std::fs::File::open(&path).unwrap();
        assert_eq!(open_descriptor_of(&path), Some(file.as_raw_fd()));
        let mut helper = WriteBack::start(Some(&path));
        assert!(helper.helper.is_some());
        std::thread::sleep(EVERY * 2);
        helper.stop();
        assert!(helper.helper.is_none());
        // The descriptor was never closed by the helper.
        assert_eq!(open_descriptor_of(&path), Some(file.as_raw_fd()));
    }
}
