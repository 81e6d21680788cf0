//! The documents a batch command reads: files, directories (walked) and
//! standard input.

use crate::error::{Error, Result};
use crate::formats::{decode_owned, Encoding};
use crate::markup::Format;
use std::path::{Path, PathBuf};

/// One document to read.
#[derive(Debug, Clone)]
pub struct Input {
    /// The name to report: the path as given, or as found under a
    /// directory that was given; `-` for standard input.
    pub name: String,
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    /// The path relative to the directory it was found under (for
    /// `--out-dir`); the file name for a file given directly.
    pub relative: PathBuf,
    /// Found under a directory that was given, rather than named itself:
    /// a binary file there is skipped, a named one is an error.
    pub walked: bool,
}

/// Expands the command line's inputs: none or `-` is standard input, a
/// directory is every file below it (hidden ones skipped, sorted, symbolic
/// links to directories not followed).
pub fn collect(args: &[String]) -> Result<Vec<Input>> {
    collect_skipping(args, None)
}

/// [`collect`], but a walk never goes into the folder `skip`: the
/// `--out-dir` of a rewrite, when it lies inside an input folder, holds
/// output (an earlier run's), not input.
pub fn collect_skipping(args: &[String], skip: Option<&Path>) -> Result<Vec<Input>> {
    let skip = skip.and_then(|dir| dir.canonicalize().ok());
    if args.is_empty() {
        return Ok(vec![stdin()]);
    }
    let mut inputs = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(stdin());
            continue;
        }
        if arg.is_empty() {
            return Err(Error::usage(
                "an empty file name: give a file, a directory, or - for standard input",
            ));
        }
        let path = Path::new(arg);
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, skip.as_deref())?;
            found.sort();
            for file in found {
                let relative = file.strip_prefix(path).unwrap_or(&file).to_path_buf();
                inputs.push(Input {
                    name: file.display().to_string(),
                    path: Some(file),
                    relative,
                    walked: true,
                });
            }
        } else {
            let relative = path
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| path.to_path_buf());
            inputs.push(Input {
                name: arg.clone(),
                path: Some(path.to_path_buf()),
                relative,
                walked: false,
            });
        }
    }
    Ok(once_each(inputs))
}

/// Each document once, where it first comes: a file given twice, given
/// and found under a directory also given, or given through a symbolic
/// link beside itself, is one file (compared as [`resolved`]), and `-`
/// is standard input once. Named on the command line anywhere, a file is
/// treated as named (a binary one is an error, not a skip).
fn once_each(inputs: Vec<Input>) -> Vec<Input> {
    let mut first: std::collections::HashMap<Option<PathBuf>, usize> = Default::default();
    let mut out: Vec<Input> = Vec::with_capacity(inputs.len());
    for input in inputs {
        let key = input
            .path
            .as_deref()
            .map(|p| resolved(p).unwrap_or_else(|| p.to_path_buf()));
        match first.get(&key) {
            Some(&i) => out[i].walked &= input.walked,
            None => {
                first.insert(key, out.len());
                out.push(input);
            }
        }
    }
    out
}

impl Input {
    /// How the document is marked up: `given` by `--format`, else as its
    /// extension says; standard input is plain text.
    pub fn format(&self, given: Option<Format>) -> Format {
        given.unwrap_or_else(|| self.path.as_deref().map_or(Format::Text, Format::from_path))
    }
}

/// The file `path` names with symbolic links, `.` and `..` resolved, so
/// that two spellings of one file (`a.txt`, `./a.txt`, `../here/a.txt`, a
/// link to it) compare equal. A file that does not exist yet is its
/// resolved folder joined with its name; `None` when that folder does not
/// exist either, as such a path names no file there is.
pub fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(file) = path.canonicalize() {
        return Some(file);
    }
    let name = path.file_name()?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(folder.canonicalize().ok()?.join(name))
}

fn stdin() -> Input {
    Input {
        name: "-".to_string(),
        path: None,
        relative: PathBuf::from("stdin"),
        walked: false,
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, skip: Option<&Path>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir.display(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir.display(), e))?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry
            .file_type()
            .map_err(|e| Error::io(path.display(), e))?;
        if kind.is_dir() {
            if skip.is_some() && path.canonicalize().ok().as_deref() == skip {
                continue;
            }
            walk(&path, out, skip)?;
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            out.push(path);
        }
    }
    Ok(())
}

/// What reading a document gave.
pub enum Document {
    Text(String, Encoding),
    /// A binary file found in a directory (a NUL byte near its start):
    /// skipped, like ripgrep does.
    Binary,
}

/// Reads and decodes a document (UTF-8, with or without BOM, or UTF-16
/// with BOM). Invalid UTF-8 is an error naming the line and byte, and so
/// is a NUL byte in a file named on the command line (or standard input):
/// the user asked for that file, and a gate must not read "clean".
pub fn read(input: &Input) -> Result<Document> {
    let bytes = match &input.path {
        None => super::output::read_input("-")?,
        Some(path) => std::fs::read(path).map_err(|e| Error::io(&input.name, e))?,
    };
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if let Some(at) = bytes
        .iter()
        .take(8192)
        .position(|&b| b == 0)
        .filter(|_| !utf16)
    {
        if input.walked {
            return Ok(Document::Binary);
        }
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        return Err(Error::input(
            &input.name,
            Some(line),
            format!("a NUL byte (byte {}): a binary file, not text", at + 1),
        ));
    }
    decode_owned(&input.name, bytes).map(|(text, encoding)| Document::Text(text, encoding))
}
