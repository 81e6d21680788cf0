//! The house glossary shipped in `glossary/house.tsv` and embedded in the
//! binary: what a new database is seeded with.

use super::Entry;
use crate::error::Result;
use crate::formats::{self, Format};

/// The shipped house glossary, as TSV.
pub const HOUSE_TSV: &str = include_str!("../../glossary/house.tsv");

/// The name the embedded glossary goes by in messages.
pub const HOUSE_NAME: &str = "glossary/house.tsv (embedded)";

/// The shipped house glossary's entries.
pub fn house_entries() -> Result<Vec<Entry>> {
    Ok(formats::read_glossary(HOUSE_NAME, HOUSE_TSV.as_bytes(), Format::Tsv)?.entries)
}
