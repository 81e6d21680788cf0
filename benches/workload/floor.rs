//! The floor a scanner is measured against: one aho-corasick pass over
//! every listed spelling, leftmost-longest and ASCII case-insensitive.

use aho_corasick::{AhoCorasick, MatchKind};
use dragoman::glossary::Entry;

/// An automaton over every house form and variant of `entries`.
pub fn listed_forms_automaton(entries: &[Entry]) -> AhoCorasick {
    let patterns: Vec<&str> = entries
        .iter()
        .flat_map(|e| e.terms.values())
        .flat_map(|t| t.house.iter().chain(&t.variants))
        .map(String::as_str)
        .collect();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&patterns)
        .expect("patterns build")
}

/// How the second floor folds a word before hashing it.
#[derive(Clone, Copy, Debug)]
pub enum Fold {
    /// ASCII letters lower-cased, every other byte as it is: the cheapest
    /// fold there is (`ХАФТАР` is not `Хафтар`).
    Ascii,
    /// Every letter lower-cased by Unicode's rules, character by
    /// character: the least a scanner that reads Russian must do.
    Lower,
}

/// The first words of every house form and variant of `entries`, folded
/// and hashed as [`word_hash`] does a word of the text.
pub fn listed_first_words(entries: &[Entry], fold: Fold) -> rustc_hash::FxHashSet<u64> {
    entries
        .iter()
        .flat_map(|e| e.terms.values())
        .flat_map(|t| t.house.iter().chain(&t.variants))
        .filter_map(|spelling| spelling.split_whitespace().next())
        .map(|word| word_hash(word, fold))
        .collect()
}

/// A word's hash after `fold`, with no allocation.
pub fn word_hash(word: &str, fold: Fold) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    match fold {
        Fold::Ascii => {
            let mut chunks = word.as_bytes().chunks_exact(8);
            for chunk in &mut chunks {
                let mut eight = [0u8; 8];
                eight.copy_from_slice(chunk);
                eight.make_ascii_lowercase();
                hasher.write_u64(u64::from_le_bytes(eight));
            }
            for &b in chunks.remainder() {
                hasher.write_u8(b.to_ascii_lowercase());
            }
        }
        Fold::Lower => {
            for c in word.chars().flat_map(char::to_lowercase) {
                hasher.write_u32(u32::from(c));
            }
        }
    }
    hasher.finish()
}

/// The second floor, the design the scan issue names as the fast end of
/// the range: dragoman's tokeniser (UAX #29 words) and one hash probe a
/// word for listed first words. No windows, no Russian case forms, no
/// Arabic clitics or letter variants: what any scanner that reads words
/// pays before it matches anything. Returns the words whose first word is
/// listed.
pub fn tokenise_and_probe(
    first_words: &rustc_hash::FxHashSet<u64>,
    fold: Fold,
    text: &str,
) -> usize {
    let mut words = Vec::new();
    dragoman::text::scan_tokens::scan_words(text, &mut words);
    words
        .iter()
        .filter(|w| first_words.contains(&word_hash(&text[w.start..w.end], fold)))
        .count()
}
