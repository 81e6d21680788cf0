//! Interchange formats: glossaries as the contract TSV, CSV, JSON and TBX;
//! translation memories as TMX ([`tmx`]); XLIFF for pre-translation ([`xliff`]).
//!
//! Every reader takes the raw bytes and the name the user gave the file, and
//! either returns all entries or an [`Error::Input`] naming the file, the
//! line and the problem: never a partial result.

mod decode;
pub mod inline;
mod json;
mod tabular;
mod tbx;
pub mod tmx;
pub mod xliff;

pub use decode::{decode_owned, decode_text, decode_with_encoding, Encoding};

use crate::error::{Error, Result};
use crate::glossary::Entry;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::str::FromStr;

/// A glossary interchange format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tsv,
    Csv,
    Json,
    Tbx,
}

impl Format {
    pub const NAMES: &'static str = "tsv, csv, json or tbx";

    /// The format a file name implies, if its extension says.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "tsv" | "tab" | "txt" => Some(Format::Tsv),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "tbx" | "xml" => Some(Format::Tbx),
            _ => None,
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "tsv" => Ok(Format::Tsv),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "tbx" => Ok(Format::Tbx),
            other => Err(format!("unknown format {other:?}: use {}", Format::NAMES)),
        }
    }
}

/// One entry as a reader found it.
pub(crate) struct Located {
    pub entry: Entry,
    /// The line the entry starts on, when the format has lines to speak of.
    pub line: Option<u64>,
    /// The file gave no usable id: dragoman made this one up.
    pub generated_id: bool,
}

/// A glossary as read from a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadGlossary {
    pub entries: Vec<Entry>,
    /// Ids dragoman made up because the file gave none it could use (TBX
    /// from some tools): they say nothing about which stored entry an entry
    /// is, so an import must not let them replace one (see
    /// [`crate::glossary::place_generated`]).
    pub generated_ids: HashSet<String>,
}

/// Reads a glossary. `name` is the file as the user named it, for messages.
/// Every entry is checked ([`Entry::check`]) and ids must be unique.
pub fn read_glossary(name: &str, bytes: &[u8], format: Format) -> Result<ReadGlossary> {
    check_start(name, bytes, format)?;
    let text = decode_text(name, bytes)?;
    let located = match format {
        Format::Tsv => tabular::read(name, &text, b'\t')?,
        Format::Csv => tabular::read(name, &text, b',')?,
        Format::Json => json::read(name, &text)?,
        Format::Tbx => tbx::read(name, &text)?,
    };
    let mut first_line: HashMap<String, Option<u64>> = HashMap::new();
    let mut read = ReadGlossary::default();
    for Located {
        entry,
        line,
        generated_id,
    } in located
    {
        entry
            .check()
            .map_err(|message| Error::input(name, line, message))?;
        if let Some(first) = first_line.get(&entry.id) {
            let first = first
                .map(|l| format!(" (first on line {l})"))
                .unwrap_or_default();
            return Err(Error::input(
                name,
                line,
                format!("duplicate id {:?}{first}", entry.id),
            ));
        }
        first_line.insert(entry.id.clone(), line);
        if generated_id {
            read.generated_ids.insert(entry.id.clone());
        }
        read.entries.push(entry);
    }
    Ok(read)
}

/// Refuses a file that cannot be a glossary in `format` by how `head` (its
/// first bytes) starts: TBX must start with `<`, JSON with `[`. The whole
/// file need not be read, let alone held, to tell.
pub fn check_start(name: &str, head: &[u8], format: Format) -> Result<()> {
    let (expected, what) = match format {
        Format::Tbx => (b'<', "not a TBX file"),
        Format::Json => (b'[', "not a JSON glossary (an array of entries)"),
        Format::Tsv | Format::Csv => return Ok(()),
    };
    match wrong_start(head, expected) {
        Some((line, found)) => Err(Error::input(
            name,
            Some(line),
            format!("{what}: it starts with {found}, not `{}`", expected as char),
        )),
        None => Ok(()),
    }
}

/// The first byte of content of `head` (after a UTF-8 byte-order mark and
/// white space), described for a message, with its line, when it is not
/// `expected`. `None` when it is, or `head` is blank or UTF-16 (left to
/// the reader itself).
pub(crate) fn wrong_start(head: &[u8], expected: u8) -> Option<(u64, String)> {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return None;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let at = head
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))?;
    let found = head[at];
    if found == expected {
        return None;
    }
    let line = head[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let found = if found.is_ascii_graphic() {
        format!("`{}`", found as char)
    } else {
        format!("byte 0x{found:02X}")
    };
    Some((line, found))
}

/// Writes a glossary; entries are written in the order given.
pub fn write_glossary(
    entries: &[Entry],
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Tsv => tabular::write(entries, b'\t', out),
        Format::Csv => tabular::write(entries, b',', out),
        Format::Json => json::write(entries, out),
        Format::Tbx => tbx::write(entries, out),
    }
}
