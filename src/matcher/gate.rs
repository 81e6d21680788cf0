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
use std::collections::HashSet;

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
        let folded = fold_word(word);
        if self.first_words.contains(&hash(&folded)) {
            return true;
        }
        match script {
            Script::Cyrillic => self.first_words.contains(&hash(&russian::stem(&folded))),
            Script::Arabic => self.opens_arabic(&folded),
            _ => false,
        }
    }

    /// Whether `hash` is the hash of the first word of some listed
    /// spelling (or its Russian stem).
    pub fn contains(&self, hash: u64) -> bool {
        self.first_words.contains(&hash)
    }

    /// Whether a folded Arabic word, read as proclitics + word, starts a
    /// listed spelling.
    pub fn opens_arabic(&self, folded: &str) -> bool {
        clitic_prefixes(folded).any(|prefix| {
            self.first_words
                .contains(&hash(arabic::strip_article(&folded[prefix..])))
        })
    }
}

/// The byte lengths of the proclitic prefixes of `word`, shortest first:
/// the readings [`arabic::clitic_readings`] gives after the first, without
/// building them.
pub fn clitic_prefixes(word: &str) -> impl Iterator<Item = usize> {
    // Every proclitic letter takes two bytes, and a prefix is at most a
    // conjunction, a preposition and the article: eight bytes.
    let mut lengths = 0u32;
    if word.starts_with(['و', 'ف', 'ب', 'ك', 'ل', 'ا']) {
        for conj in ["", "و", "ف"] {
            let Some(after_conj) = word.strip_prefix(conj) else {
                continue;
            };
            for prep in ["", "ب", "ك", "ل"] {
                let Some(after_prep) = after_conj.strip_prefix(prep) else {
                    continue;
                };
                let mut offer = |stem: &str| {
                    let prefix = word.len() - stem.len();
                    if prefix > 0 && stem.chars().nth(1).is_some() {
                        lengths |= 1 << prefix;
                    }
                };
                offer(after_prep);
                if let Some(s) = after_prep.strip_prefix(arabic::ARTICLE) {
                    offer(s);
                }
                // ل + ال is written لل: the article's alef drops.
                if prep == "ل" {
                    if let Some(s) = after_prep.strip_prefix('ل') {
                        offer(s);
                    }
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
