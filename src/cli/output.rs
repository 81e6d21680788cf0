//! Writing to the terminal and to files.

use crate::error::{Error, Result};
use crate::text::Script;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// ANSI styling, on only for a terminal and never when `NO_COLOR` is set.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    enabled: bool,
}

impl Style {
    pub fn for_stdout() -> Style {
        Style::if_terminal(std::io::stdout().is_terminal())
    }

    /// Styling for what goes to stderr (prompts, an interactive review).
    pub fn for_stderr() -> Style {
        Style::if_terminal(std::io::stderr().is_terminal())
    }

    fn if_terminal(terminal: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            enabled: !no_color && terminal,
        }
    }

    /// No styling at all.
    pub fn plain() -> Style {
        Style { enabled: false }
    }

    /// Whether text is styled (else callers mark things another way).
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
    pub fn green(&self, text: &str) -> String {
        self.paint("32", text)
    }
    pub fn yellow(&self, text: &str) -> String {
        self.paint("33", text)
    }
    pub fn red(&self, text: &str) -> String {
        self.paint("31", text)
    }
}

/// Wraps right-to-left text in Unicode directional isolates, so that an
/// Arabic form keeps its own order and does not reorder the rest of the line
/// in a bidi-aware terminal. Output to a pipe or file is left plain: the
/// isolates are invisible, and would travel with a form copied from it.
pub fn isolate(text: &str) -> String {
    static ON_TERMINAL: std::sync::LazyLock<bool> =
        std::sync::LazyLock::new(|| std::io::IsTerminal::is_terminal(&std::io::stdout()));
    if *ON_TERMINAL && Script::detect(text) == Script::Arabic {
        format!("\u{2068}{text}\u{2069}")
    } else {
        text.to_string()
    }
}

/// Writes to stdout, treating a closed pipe (`| head`) as success.
pub fn print(text: &str) -> Result<()> {
    print_with(|out| out.write_all(text.as_bytes()))
}

/// Writes to stdout with `write`, buffered, treating a closed pipe as
/// success.
pub fn print_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("stdout", e)),
    }
}

/// Writes a file atomically: to a temporary file beside it, then renamed
/// over it, so a reader never sees half a file and a failure leaves the old
/// one intact.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    write_atomically_like(path, None, contents)
}

/// Writes a file atomically like [`write_atomically`], giving it the
/// permissions of `like` (the file it replaces or was made from) when there
/// is one.
///
/// - A symbolic link is followed: the file it points to is replaced and the
///   link stays a link (as a shell's `>` would write through it), also when
///   that file does not exist yet.
/// - The contents are flushed to disk before the rename, and the folder
///   after it, so that after a power cut the target is the old file or the
///   new one.
/// - The temporary file is `.NAME.dragoman-PID.tmp` beside the target
///   (hidden, so batches skip it). A process killed before the rename leaves
///   it behind; the next write into that folder removes the ones whose
///   process is gone ([`remove_stale_temporaries`]).
pub fn write_atomically_like(path: &Path, like: Option<&Path>, contents: &[u8]) -> Result<()> {
    write_atomically_with(path, like, |out| out.write_all(contents))
}

/// [`write_atomically_like`], the contents written by `write` (buffered)
/// rather than given whole.
pub fn write_atomically_with(
    path: &Path,
    like: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is
    // written into: renaming a file over it would replace the device node
    // itself.
    let target = follow_links(path)?;
    if std::fs::metadata(&target).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .map_err(|e| Error::io(target.display(), e))?;
        let mut out = std::io::BufWriter::new(file);
        return write(&mut out)
            .and_then(|()| out.flush())
            .map_err(|e| Error::io(target.display(), e));
    }
    stage(path, like, write)?.commit()
}

/// A file written in full beside the one it will replace, not yet renamed
/// over it: a batch stages every output first and renames them only once
/// all are written, so a failure leaves every file as it was. Dropped
/// uncommitted, the temporary file is removed.
pub struct Staged {
    /// Closed once written: a batch of thousands of files holds no
    /// descriptor per file.
    temporary: tempfile::TempPath,
    path: PathBuf,
}

impl Staged {
    /// Renames the staged file over its destination.
    pub fn commit(self) -> Result<()> {
        let dir = match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        self.temporary
            .persist(&self.path)
            .map_err(|e| Error::io(self.path.display(), e.error))?;
        sync_dir(&dir).map_err(|e| Error::io(dir.display(), e))
    }
}

/// The first half of [`write_atomically_with`]: the content written and
/// synced to a temporary file beside `path`, with `like`'s permissions.
pub fn stage(
    path: &Path,
    like: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Staged> {
    let path = &follow_links(path)?;
    if path.is_dir() {
        return Err(Error::usage(format!(
            "{}: a folder is in the way of the file to write: move it or write elsewhere",
            path.display()
        )));
    }
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(Error::usage(format!(
            "{}: not a regular file (a device or a pipe): a file cannot be put in its place",
            path.display()
        )));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Some(name) = path.file_name() else {
        return Err(Error::usage(format!(
            "{}: not a file name to write to",
            path.display()
        )));
    };
    remove_stale_temporaries(dir);
    let temporary = temporary_name(&name.to_string_lossy(), std::process::id());
    // Ours from an earlier write that failed before its rename.
    let _ = std::fs::remove_file(dir.join(&temporary));
    let mut tmp = tempfile::Builder::new()
        .prefix(&temporary)
        .rand_bytes(0)
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir.display(), e))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
    write(&mut out)
        .and_then(|_| out.flush())
        .map_err(|e| Error::io(path.display(), e))?;
    drop(out);
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(path.display(), e))?;
    let permissions = like
        .or(Some(path))
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| m.permissions());
    // A new file gets ordinary permissions, not the temporary file's
    // private ones.
    #[cfg(unix)]
    let permissions = permissions.or_else(|| {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o644))
    });
    if let Some(permissions) = permissions {
        std::fs::set_permissions(tmp.path(), permissions)
            .map_err(|e| Error::io(path.display(), e))?;
    }
    Ok(Staged {
        temporary: tmp.into_temp_path(),
        path: path.clone(),
    })
}

/// Symbolic links are followed this many times at most, as the kernel
/// does.
const MAX_LINKS: usize = 40;

/// The file `path` names once symbolic links are followed (the last one may
/// point to a file that does not exist yet); `path` itself when it is not a
/// link.
fn follow_links(path: &Path) -> Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&path).map_err(|e| Error::io(path.display(), e))?;
                path = match path.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(Error::usage(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

const TEMPORARY_TAG: &str = ".dragoman-";
const TEMPORARY_SUFFIX: &str = ".tmp";

/// `.NAME.dragoman-PID.tmp`; a long `NAME` is cut (on a character
/// boundary) so that the whole stays within the usual 255-byte limit.
fn temporary_name(name: &str, pid: u32) -> String {
    let mut cut = name.len().min(200);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!(".{}{TEMPORARY_TAG}{pid}{TEMPORARY_SUFFIX}", &name[..cut])
}

/// The process id in a temporary file's name, if it is one of ours.
fn temporary_pid(file_name: &str) -> Option<u32> {
    let rest = file_name
        .strip_prefix('.')?
        .strip_suffix(TEMPORARY_SUFFIX)?;
    let (_, pid) = rest.rsplit_once(TEMPORARY_TAG)?;
    pid.parse().ok()
}

/// Removes the temporary files in `dir` that a killed dragoman left behind:
/// those named by [`temporary_name`] whose process is no longer running.
/// Each folder is looked at once per process. Best effort: a file that
/// cannot be removed is left (on systems without `/proc`, all are).
pub fn remove_stale_temporaries(dir: &Path) {
    static SWEPT: std::sync::Mutex<BTreeSet<PathBuf>> = std::sync::Mutex::new(BTreeSet::new());
    let proc_fs = Path::new("/proc/self");
    if !proc_fs.exists() {
        return;
    }
    let key = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    {
        let mut swept = SWEPT.lock().unwrap_or_else(|e| e.into_inner());
        if !swept.insert(key) {
            return;
        }
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = temporary_pid(&name.to_string_lossy()) else {
            continue;
        };
        let running = Path::new("/proc").join(pid.to_string()).exists();
        if !running && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Flushes a folder's entries (a rename into it) to disk.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Reads a file the user named, or stdin for `-`.
pub fn read_input(name: &str) -> Result<Vec<u8>> {
    if name == "-" {
        return read_stdin().map_err(|e| Error::io("-", e));
    }
    std::fs::read(name).map_err(|e| Error::io(name, e))
}

/// Standard input, held once in memory however long it is.
///
/// A buffer grown as it fills is copied at every growth by the allocator
/// (mimalloc does not remap large blocks as glibc does), so a 2 GiB text
/// would take three times that. A file given as stdin (`< article.txt`) is
/// read into a buffer of its size; a pipe longer than [`IN_MEMORY`] goes
/// to a temporary file, read back at its size.
pub fn read_stdin() -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut stdin = std::io::stdin().lock();
    if let Some(len) = stdin_file_len() {
        let mut buf = Vec::with_capacity(len.saturating_add(1));
        stdin.read_to_end(&mut buf)?;
        return Ok(buf);
    }
    // Room for all that is read in memory at once (its pages are taken as
    // they fill), so that it is never copied.
    let mut buf = Vec::with_capacity(IN_MEMORY as usize + 1);
    (&mut stdin).take(IN_MEMORY).read_to_end(&mut buf)?;
    if (buf.len() as u64) < IN_MEMORY {
        return Ok(buf);
    }
    let mut spool = tempfile::tempfile()?;
    spool.write_all(&buf)?;
    drop(buf);
    std::io::copy(&mut stdin, &mut spool)?;
    let len = spool.metadata()?.len();
    let mut whole = Vec::with_capacity(usize::try_from(len).unwrap_or(usize::MAX));
    std::io::Seek::rewind(&mut spool)?;
    spool.read_to_end(&mut whole)?;
    Ok(whole)
}

/// Bytes of a piped stdin read straight into memory before the rest goes
/// to a temporary file.
const IN_MEMORY: u64 = 64 << 20;

/// The size of stdin when it is a regular file.
fn stdin_file_len() -> Option<usize> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
        let meta = std::fs::File::from(fd).metadata().ok()?;
        meta.is_file()
            .then(|| usize::try_from(meta.len()).ok())
            .flatten()
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_carry_their_process_and_stay_short() {
        let name = temporary_name("report.txt", 4242);
        assert_eq!(name, ".report.txt.dragoman-4242.tmp");
        assert_eq!(temporary_pid(&name), Some(4242));
        let long = "ж".repeat(200);
        let name = temporary_name(&long, u32::MAX);
        assert!(name.len() <= 255, "{} bytes", name.len());
        assert_eq!(temporary_pid(&name), Some(u32::MAX));
        for other in [".report.txt", "report.dragoman-1.tmp", ".a.dragoman-x.tmp"] {
            assert_eq!(temporary_pid(other), None, "{other}");
        }
    }

    #[test]
    fn a_write_replaces_the_file_and_leaves_only_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.txt"]);
    }
}
