//! The text layer: everything dragoman knows about how names are written.
//!
//! Three levels of key are derived from a written form, each more forgiving
//! than the last:
//!
//! 1. [`fold`]: script-preserving normal form (NFC, case, Latin diacritics,
//!    apostrophes, soft hyphens, hyphens, articles, Arabic orthography,
//!    `ё`). Two spellings with the same fold are the *same* spelling for
//!    house-style purposes.
//! 2. [`phonetic::Phonetic::sound`]: a Latin rendering of the fold with
//!    romanisation differences (q/g/k, kh/h, dh/th/d, doubled letters, vowel
//!    spellings) collapsed into classes, vowels kept.
//! 3. [`phonetic::Phonetic::skeleton`]: the sound without vowels, which lets a
//!    Latin spelling meet its Arabic or Russian original.

pub mod arabic;
pub mod case;
pub mod fold;
pub mod ordinary;
pub mod phonetic;
pub mod russian;
pub mod scan_tokens;
pub mod script;
pub mod tokenize;

pub use fold::{fold, fold_word};
pub use phonetic::Phonetic;
pub use script::Script;
pub use tokenize::{words, Word};
