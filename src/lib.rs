//! dragoman: a multilingual (English, Arabic, Russian) glossary and
//! house-style tool for translation desks.
//!
//! The library is layered; the `dragoman` command line is a thin shell over
//! it:
//!
//! - [`text`]: normalisation, scripts, tokens and the cross-script phonetic
//!   key every other layer matches with;
//! - [`glossary`]: entries, their validation, and the embedded house glossary;
//! - [`config`]: `dragoman.toml` settings and the glossary layers over the
//!   database;
//! - [`formats`]: glossary interchange (TSV, CSV, JSON, TBX);
//! - [`store`]: the SQLite database and its migrations;
//! - [`lookup`]: the compiled lookup index and its calibrated scores;
//! - [`lang`]: language tags as they are compared;
//! - [`tm`]: the translation memory: units, fuzzy match score, search;
//! - [`markup`]: the prose of HTML and Markdown articles, for `check` and
//!   `normalize`;
//! - [`cli`]: argument parsing and output.
//!
//! ```
//! use dragoman::{glossary::house::house_entries, lookup::LookupIndex};
//!
//! let index = LookupIndex::build(house_entries().unwrap());
//! let hits = index.lookup("Хафтаром", None, 1);
//! assert_eq!(index.entries()[hits[0].entry].id, "khalifa-haftar");
//! ```

pub mod cli;
pub mod config;
pub mod error;
pub mod formats;
pub mod glossary;
pub mod house_style;
pub mod lang;
pub mod lookup;
pub mod markup;
pub mod matcher;
mod prefetch;
pub mod store;
pub mod text;
pub mod tm;
