//! A cheap test, one hash per word, for whether a name can start at a word.
//!
//! The full window match folds and looks up runs of up to seven words; in
//! running text almost no word starts a glossary name, so the scanner first
//! asks the gate. A word opens the gate when its folded form, its Russian
//! stem, or (Arabic) what is left after its clitics is the first word of
//! some listed spelling.

use super::words::{word_hash, FixedState};
use crate::lookup::IndexedForm;
use crate::text::{arabic, fold_word, russian, Script};
use std::collections::HashMap;

/// First words of every listed spelling, hashed.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Gate {
    /// For each first word (and Russian stem of one): the most words a
    /// listed spelling starting with it has, as [`fold`] counts them.
    ///
    /// [`fold`]: crate::text::fold
    first_words: HashMap<u64, u8, FixedState>,
    /// One bit per hash of [`Gate::first_words`], by the hash's top bits:
    /// a word whose bit is clear is answered from this small table alone,
    /// which stays in cache when the map does not.
    bits: Vec<u64>,
    /// A hash's bit is its top bits: the hash shifted right by this.
    shift: u32,
}

/// log2 of the most bits [`Gate::bits`] has (1 MiB).
const MAX_BITS_LOG2: u32 = 23;

impl Gate {
    pub fn new(forms: &[IndexedForm]) -> Gate {
        let mut first_words: HashMap<u64, u8, FixedState> = HashMap::with_hasher(FixedState);
        let mut offer = |h: u64, words: u8| {
            let reach = first_words.entry(h).or_default();
            *reach = (*reach).max(words);
        };
        for form in forms {
            let Some(first) = form.folded.split(' ').next().filter(|w| !w.is_empty()) else {
                continue;
            };
            let words = form.folded.split(' ').count().min(u8::MAX as usize) as u8;
            offer(hash(first), words);
            if form.script == Script::Cyrillic {
                offer(hash(&first[..russian::stem_len(first)]), words);
            }
        }
        // About sixteen bits a word: one word in sixteen or so that starts
        // no name gets past the bits to the map.
        let log2 = (first_words.len().max(1) * 16)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(12, MAX_BITS_LOG2);
        let mut bits = vec![0u64; 1 << (log2 - 6)];
        let shift = 64 - log2;
        for &h in first_words.keys() {
            let b = (h >> shift) as usize;
            bits[b / 64] |= 1 << (b % 64);
        }
        Gate {
            first_words,
            bits,
            shift,
        }
    }

    /// Whether a listed spelling may start at `word`.
    pub fn opens(&self, word: &str, script: Script) -> bool {
        let folded = fold_word(word);
        if self.contains(hash(&folded)) {
            return true;
        }
        match script {
            Script::Cyrillic => self.contains(hash(&folded[..russian::stem_len(&folded)])),
            Script::Arabic => self.reach_arabic(&folded) > 0,
            _ => false,
        }
    }

    /// Whether `hash` is the hash of the first word of some listed
    /// spelling (or its Russian stem).
    pub fn contains(&self, hash: u64) -> bool {
        self.reach(hash) > 0
    }

    /// The most words of a listed spelling whose first word (or its
    /// Russian stem) hashes to `hash`; 0 for none.
    pub fn reach(&self, hash: u64) -> u8 {
        let b = (hash >> self.shift) as usize;
        if self.bits[b / 64] & (1 << (b % 64)) == 0 {
            return 0;
        }
        self.first_words.get(&hash).copied().unwrap_or(0)
    }

    /// [`Gate::reach`] of a folded Arabic word read as proclitics + word,
    /// the most of its readings.
    pub fn reach_arabic(&self, folded: &str) -> u8 {
        clitic_prefixes(folded)
            .map(|prefix| self.reach(hash(arabic::strip_article(&folded[prefix..]))))
            .max()
            .unwrap_or(0)
    }
}

/// The byte lengths of the proclitic prefixes of `word`, shortest first:
/// the readings [`arabic::clitic_readings`] gives after the first, without
/// building them.
pub fn clitic_prefixes(word: &str) -> impl Iterator<Item = usize> {
    // Every proclitic letter takes two bytes, and a prefix is at most a
    // conjunction, a preposition and the article: eight bytes.
    const WAW: &[u8] = "و".as_bytes();
    const FA: &[u8] = "ف".as_bytes();
    const BA: &[u8] = "ب".as_bytes();
    const KAF: &[u8] = "ك".as_bytes();
    const LAM: &[u8] = "ل".as_bytes();
    const ALEF: &[u8] = "ا".as_bytes();
    let bytes = word.as_bytes();
    let at = |i: usize, letter: &[u8]| bytes.get(i..i + 2) == Some(letter);
    let mut lengths = 0u32;
    if [WAW, FA, BA, KAF, LAM, ALEF].iter().any(|l| at(0, l)) {
        // A stem after the prefix must have two letters at least.
        let mut offer = |prefix: usize| {
            if prefix > 0
                && word
                    .get(prefix..)
                    .is_some_and(|s| s.chars().nth(1).is_some())
            {
                lengths |= 1 << prefix;
            }
        };
        for conj in [None, Some(WAW), Some(FA)] {
            let after_conj = match conj {
                None => 0,
                Some(l) if at(0, l) => 2,
                Some(_) => continue,
            };
            for prep in [None, Some(BA), Some(KAF), Some(LAM)] {
                let after_prep = match prep {
                    None => after_conj,
                    Some(l) if at(after_conj, l) => after_conj + 2,
                    Some(_) => continue,
                };
                offer(after_prep);
                if at(after_prep, ALEF) && at(after_prep + 2, LAM) {
                    offer(after_prep + 4);
                }
                // ل + ال is written لل: the article's alef drops.
                if prep == Some(LAM) && at(after_prep, LAM) {
                    offer(after_prep + 2);
                }
            }
        }
    }
    (1..32).filter(move |p| lengths & (1 << p) != 0)
}

fn hash(s: &str) -> u64 {
    word_hash(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::arabic::clitic_readings;

    #[test]
    fn clitic_prefixes_are_the_readings() {
        // Every word of up to five letters over the clitic letters and two
        // others.
        let letters = ['و', 'ف', 'ب', 'ك', 'ل', 'ا', 'م', 'ه'];
        let mut words = vec![String::new()];
        for _ in 0..5 {
            let mut longer = Vec::new();
            for w in &words {
                for c in letters {
                    longer.push(format!("{w}{c}"));
                }
            }
            words.extend(longer);
            words.dedup();
        }
        words.sort();
        words.dedup();
        for word in &words {
            let readings: Vec<usize> = clitic_readings(word)
                .into_iter()
                .skip(1)
                .map(|r| r.0)
                .collect();
            let prefixes: Vec<usize> = clitic_prefixes(word).collect();
            assert_eq!(prefixes, readings, "{word}");
        }
    }

    #[test]
    fn arabic_readings_start_with_a_clitic_letter() {
        for word in [
            "وبطرابلس",
            "للجيش",
            "الزاوية",
            "فمصراته",
            "كالقذافي",
            "حفتر",
            "بن",
        ] {
            let any = clitic_readings(word).len() > 1;
            assert!(
                !any || word.starts_with(['و', 'ف', 'ب', 'ك', 'ل', 'ا']),
                "{word}"
            );
        }
    }
}
