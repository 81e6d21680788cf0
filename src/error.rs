//! Errors, and the exit codes they map to.

use std::fmt;

/// Where in the user's input a problem is: the file as the user named it,
/// and the 1-based line when one is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: Option<u64>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.file, line),
            None => write!(f, "{}", self.file),
        }
    }
}

/// Everything that can go wrong. `Input` and `Usage` are the user's to fix
/// (exit code 2); the rest are dragoman's or the system's (exit code 3).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem in an input file: names the file, the line and the problem.
    #[error("{at}: {message}")]
    Input { at: Location, message: String },
    /// A request that cannot be carried out as asked (unknown id, bad flag
    /// value, conflicting options).
    #[error("{0}")]
    Usage(String),
    /// The database could not be used.
    #[error("database {path}: {message}")]
    Database { path: String, message: String },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

impl Error {
    pub fn input(file: &str, line: Option<u64>, message: impl Into<String>) -> Error {
        Error::Input {
            at: Location {
                file: file.to_string(),
                line,
            },
            message: message.into(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Error {
        Error::Usage(message.into())
    }

    pub fn io(path: impl fmt::Display, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_string(),
            source,
        }
    }

    /// The process exit code for this error, as the contract fixes it.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input { .. } | Error::Usage(_) => 2,
            // A file the user named that cannot be read is the user's to fix.
            Error::Io { source, .. } if is_users_to_fix(source) => 2,
            Error::Io { .. } | Error::Database { .. } => 3,
        }
    }
}

fn is_users_to_fix(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        NotFound | PermissionDenied | IsADirectory | InvalidData | AlreadyExists | NotADirectory
    )
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> u64 {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        + 1
}
