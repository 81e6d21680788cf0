//! Index keys of a text: its words folded by the text layer (case,
//! diacritics, Arabic orthography, `ё`), the Arabic article dropped and
//! Russian case endings stemmed, so that a variant spelling or another case
//! form of a word finds the same units.

use crate::text::{arabic, fold::key_words, fold_word, russian, words, Script};

/// The index key of one word as written.
pub fn key(word: &str) -> String {
    let folded = fold_word(word);
    let (k, _) = key_words(&folded);
    if k.chars()
        .any(|c| Script::of_char(c) == Some(Script::Cyrillic))
    {
        russian::stem(k)
    } else {
        k.to_string()
    }
}

/// The keys of `text`'s words, each once, in order of first appearance.
pub fn keys(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words(text) {
        let k = key(w.text);
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// The keys an Arabic word may be stored under when it is written with
/// proclitics (`و`, `ف`, `ب`, `ك`, `ل`, the article): what a concordance
/// for `key` must also look up. Just `key` for other scripts.
pub fn clitic_forms(key: &str) -> Vec<String> {
    if !key.chars().any(arabic::is_arabic_letter) {
        return vec![key.to_string()];
    }
    let mut out = vec![key.to_string()];
    for conj in ["", "و", "ف"] {
        for prep in ["", "ب", "ك", "ل"] {
            for article in ["", "ال"] {
                let article = if prep == "ل" && !article.is_empty() {
                    "ل"
                } else {
                    article
                };
                let form = format!("{conj}{prep}{article}{key}");
                if !out.contains(&form) {
                    out.push(form);
                }
            }
        }
    }
    out
}

/// Whether a word as written is an occurrence of the key `wanted` (its own
/// key, or, in Arabic, its key with proclitics peeled off).
pub fn word_matches(word: &str, wanted: &str) -> bool {
    let k = key(word);
    if k == wanted {
        return true;
    }
    if !k.chars().any(arabic::is_arabic_letter) {
        return false;
    }
    arabic::clitic_readings(&k)
        .into_iter()
        .any(|(_, stem)| arabic::strip_article(stem) == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_share_a_key() {
        assert_eq!(key("Хафтаром"), key("Хафтар"));
        assert_eq!(key("ЁЛКА"), key("елка"));
        assert_eq!(key("مصراته"), key("مصراتة"));
        assert_eq!(key("Tripoli"), key("TRIPOLI"));
    }

    #[test]
    fn arabic_proclitics_match() {
        let k = key("طرابلس");
        assert!(word_matches("وبطرابلس", &k));
        assert!(clitic_forms(&k).contains(&"بطرابلس".to_string()));
        assert!(!word_matches("Tripoli", &k));
    }
}
