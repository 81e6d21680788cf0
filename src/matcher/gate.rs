//! A cheap test, one hash per word, for whether a name can start at a word.
//!
//! The full window match folds and looks up runs of up to seven words; in
//! running text almost no word starts a glossary name, so the scanner first
//! asks the gate. A word opens the gate when its folded form, its Russian
//! stem, or (Arabic) what is left after its clitics is the first word of
//! some listed spelling.

use crate::lookup::IndexedForm;
use crate::text::{arabic, fold_word, russian, Script};
use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher};

/// First words of every listed spelling, hashed.
pub struct Gate {
    first_words: HashSet<u64, FixedState>,
}

impl Gate {
    pub fn new(forms: &[IndexedForm]) -> Gate {
        let mut first_words = HashSet::with_hasher(FixedState);
        for form in forms {
            let Some(first) = form.folded.split(' ').next().filter(|w| !w.is_empty()) else {
                continue;
            };
            first_words.insert(hash(first));
            if form.script == Script::Cyrillic {
                first_words.insert(hash(&russian::stem(first)));
            }
        }
        Gate { first_words }
    }

    /// Whether a listed spelling may start at `word`.
    pub fn opens(&self, word: &str, script: Script) -> bool {
        if word.is_ascii() {
            return self.first_words.contains(&ascii_key_hash(word));
        }
        let folded = fold_word(word);
        if self.first_words.contains(&hash(&folded)) {
            return true;
        }
        match script {
            Script::Cyrillic => self.first_words.contains(&hash(&russian::stem(&folded))),
            Script::Arabic => {
                arabic::clitic_readings(&folded)
                    .into_iter()
                    .skip(1)
                    .any(|(_, stem)| {
                        self.first_words
                            .contains(&hash(arabic::strip_article(stem)))
                    })
            }
            _ => false,
        }
    }
}

/// The hash of an ASCII word's fold, computed without building it: lower
/// case, apostrophes dropped, a possessive `'s` dropped (as
/// [`fold_word`] does).
fn ascii_key_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let end = if bytes.len() > 3 && (bytes.ends_with(b"'s") || bytes.ends_with(b"'S")) {
        bytes.len() - 2
    } else {
        bytes.len()
    };
    let mut h = FxHasher::default();
    for &b in &bytes[..end] {
        if b != b'\'' && b != b'`' {
            h.write_u8(b.to_ascii_lowercase());
        }
    }
    h.finish()
}

fn hash(s: &str) -> u64 {
    let mut h = FxHasher::default();
    for &b in s.as_bytes() {
        h.write_u8(b);
    }
    h.finish()
}

/// A small, fast, non-cryptographic hasher (the Fx hash) for keys that are
/// not attacker-chosen in any way that matters here.
#[derive(Default)]
struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u8(b);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.hash =
            (self.hash.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u64(&mut self, n: u64) {
        self.hash = (self.hash.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Keys of the gate are already hashes: hash them no further.
#[derive(Default, Clone, Copy)]
struct FixedState;

impl BuildHasher for FixedState {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_agrees_with_fold() {
        for word in ["Haftar's", "TARKHUNA", "Mu'ammar", "tripoli"] {
            assert_eq!(ascii_key_hash(word), hash(&fold_word(word)), "{word}");
        }
    }
}
