//! The translation memory: units in several languages, their index, the
//! CAT-style fuzzy match score, search, concordance and suggestions.
//!
//! Units live in the same SQLite store as the glossary (see
//! [`crate::store::Store::tm_import`]); TMX goes in and out through
//! [`crate::formats::tmx`].

pub mod concordance;
pub mod hash;
pub mod keys;
pub mod pool;
pub mod score;
pub mod search;
pub mod segment;
pub mod tabular;
pub mod unit;

pub use concordance::{concordance, Concordance};
pub use score::{score, Segment};
pub use search::{search, Match, SearchOptions};
pub use unit::{Unit, Variant};
