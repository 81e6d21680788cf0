//! Early write-back of a long import's pages.
//!
//! SQLite writes an import's pages into the operating system's cache as its
//! page cache fills, and the commit then waits for `fsync` to put every
//! one of them on disk: for a million units, a third of a second at the
//! end, with nothing else left to do. Flushing what has been written so
//! far, every [`EVERY`] on a thread of its own, lets the disk work while
//! the import still reads and prepares units; the commit's own `fsync`
//! then finds little left. It only ever flushes more often than needed:
//! what is durable, and when, stays SQLite's business.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// How often the files are flushed.
const EVERY: Duration = Duration::from_millis(400);

/// The files an import into the database `db` writes pages to: the file
/// itself and its write-ahead log.
pub(super) fn files_of(db: &Path) -> Vec<PathBuf> {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    vec![db.to_path_buf(), PathBuf::from(wal)]
}

/// Flushes `files` every [`EVERY`] until `stop` is sent to or dropped.
/// Best effort: a file that cannot be opened or flushed is left alone.
pub(super) fn flush_until(files: &[PathBuf], stop: Receiver<()>) {
    let mut open: Vec<Option<File>> = files.iter().map(|_| None).collect();
    while let Err(RecvTimeoutError::Timeout) = stop.recv_timeout(EVERY) {
        for (path, file) in files.iter().zip(&mut open) {
            if file.is_none() {
                // The log may appear only once the import writes.
                *file = File::open(path).ok();
            }
            if let Some(file) = file {
                let _ = file.sync_data();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn flushes_what_exists_and_stops_when_told() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("memory.db");
        std::fs::write(&db, b"pages").unwrap();
        let files = files_of(&db);
        assert_eq!(files[1], dir.path().join("memory.db-wal"));
        let (stop, stops) = mpsc::channel();
        let flushing = std::thread::spawn(move || flush_until(&files, stops));
        std::thread::sleep(EVERY + EVERY / 2);
        drop(stop);
        flushing.join().unwrap();
        assert_eq!(std::fs::read(&db).unwrap(), b"pages");
    }
}
