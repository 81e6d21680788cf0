//! Ordinary words: everyday vocabulary that is never a misspelt name.
//!
//! Arabic has no capitals to tell a name from a word, and a large glossary
//! holds names a letter away from the commonest words of the language
//! (`إلى` "to" folds as a name `ألي` does; `المدينة` "the city" is one
//! letter from a name `المينة`). A word in the list, as written in a text,
//! is taken for a listed name only when it is written exactly as that
//! spelling is listed, and never for one by similarity. The list is
//! `glossary/ordinary/ar.txt`, embedded in the binary.

use super::{arabic, fold_word};
use std::collections::HashSet;
use std::sync::OnceLock;

/// The Arabic list as shipped: one word a line, `#` comments.
const ARABIC: &str = include_str!("../../glossary/ordinary/ar.txt");

/// Letters a word must keep, once a preposition is peeled off, to be
/// looked for in the list: shorter stems (`مال` in `كمال`) are too often
/// part of a name. Behind a conjunction (`وإلى`) three will do.
const MIN_STEM_LETTERS: usize = 4;

fn arabic_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        ARABIC
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(|word| arabic::strip_article(&fold_word(word)).to_string())
            .collect()
    })
}

/// Whether the Arabic `word` (as written, or folded) is an ordinary word:
/// in the list itself, or behind proclitics and the article (`والقوات`).
pub fn is_ordinary_arabic(word: &str) -> bool {
    let folded = fold_word(word);
    let words = arabic_words();
    arabic::clitic_readings(&folded)
        .into_iter()
        .any(|(prefix, stem)| {
            let stem = arabic::strip_article(stem);
            let letters = stem.chars().count();
            let long_enough = prefix == 0
                || letters >= MIN_STEM_LETTERS
                || (letters >= MIN_STEM_LETTERS - 1 && folded.starts_with(['و', 'ف']));
            long_enough && words.contains(stem)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_words_are_ordinary_behind_clitics_and_article() {
        for word in [
            "إلى",
            "الى",
            "وإلى",
            "قالت",
            "المدينة",
            "والمدينة",
            "بالمدينة",
            "مصادر",
            "القوات",
        ] {
            assert!(is_ordinary_arabic(word), "{word}");
        }
    }

    #[test]
    fn names_are_not_ordinary() {
        for word in [
            "طرابلس",
            "مصراتة",
            "حفتر",
            "وبطرابلس",
            "كمال",
            "الزاوية",
            "ترهونة",
        ] {
            assert!(!is_ordinary_arabic(word), "{word}");
        }
    }

    #[test]
    fn the_shipped_list_is_clean() {
        for (n, line) in ARABIC.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            assert!(
                !line.contains(char::is_whitespace),
                "ar.txt:{}: one word a line",
                n + 1
            );
            assert!(
                crate::text::Script::detect(line) == crate::text::Script::Arabic,
                "ar.txt:{}: not an Arabic word: {line}",
                n + 1
            );
        }
    }
}
