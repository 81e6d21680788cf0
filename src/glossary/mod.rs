//! The glossary (termbase): entries with a house form and variant spellings
//! per language.

mod entry;
mod generated;
pub mod house;
pub mod validate;

pub use entry::{
    is_valid_id, is_valid_lang, lang_order, sorted_langs, tidy, CaseRule, Entry, MatchRule, Status,
    Terms,
};
pub use generated::place_generated;
pub use validate::{everyday_spellings, validate, Conflict, ConflictKind, EverydaySpelling};
