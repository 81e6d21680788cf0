//! Writing to the terminal and to files.

use crate::error::{Error, Result};
use crate::text::Script;
use std::io::{IsTerminal, Write};
use std::path::Path;

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
/// in a bidi-aware terminal.
pub fn isolate(text: &str) -> String {
    if Script::detect(text) == Script::Arabic {
        format!("\u{2068}{text}\u{2069}")
    } else {
        text.to_string()
    }
}

/// Writes to stdout, treating a closed pipe (`| head`) as success.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
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
pub fn write_atomically_like(path: &Path, like: Option<&Path>, contents: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir.display(), e))?;
    tmp.write_all(contents)
        .map_err(|e| Error::io(path.display(), e))?;
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
    tmp.persist(path)
        .map_err(|e| Error::io(path.display(), e.error))?;
    Ok(())
}

/// Reads a file the user named, or stdin for `-`.
pub fn read_input(name: &str) -> Result<Vec<u8>> {
    if name == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf)
            .map_err(|e| Error::io("-", e))?;
        return Ok(buf);
    }
    std::fs::read(name).map_err(|e| Error::io(name, e))
}
