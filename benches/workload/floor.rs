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
