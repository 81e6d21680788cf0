//! Index keys of a text: its words folded by the text layer (case,
//! diacritics, Arabic orthography, `ё`), the Arabic article dropped and
//! Russian case endings stemmed, so that a variant spelling or another case
//! form of a word finds the same units.

use crate::text::fold::{fold_word_into, key_words};
use crate::text::scan_tokens::{scan_words, ScanWord};
use crate::text::{arabic, fold_word, russian, Script};

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

/// Byte spans of the words of `text`: the text layer's words (UAX #29
/// segments holding a letter or digit), by its fast tokeniser.
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut found: Vec<ScanWord> = Vec::with_capacity(24);
    scan_words(text, &mut found);
    found.into_iter().map(|w| (w.start, w.end)).collect()
}

/// The keys of `text`'s words, each once, in order of first appearance.
pub fn keys(text: &str) -> Vec<String> {
    let mut buf = String::new();
    let mut ranges = Vec::new();
    keys_into(text, &mut buf, &mut ranges);
    ranges
        .into_iter()
        .map(|(s, e)| buf[s..e].to_string())
        .collect()
}

/// [`keys`] without an allocation per key: each key is appended to `buf`
/// and its byte range there to `ranges`.
pub fn keys_into(text: &str, buf: &mut String, ranges: &mut Vec<(usize, usize)>) {
    let first = ranges.len();
    let mut spans: Vec<ScanWord> = Vec::with_capacity(24);
    scan_words(text, &mut spans);
    for w in spans {
        let start = buf.len();
        key_into(&text[w.start..w.end], buf);
        let end = buf.len();
        let new = &buf[start..end];
        if ranges[first..].iter().any(|&(s, e)| &buf[s..e] == new) {
            buf.truncate(start);
        } else {
            ranges.push((start, end));
        }
    }
}

/// [`key`], appending the key of `word` (one word as written) to `buf`.
pub fn key_into(word: &str, buf: &mut String) {
    let start = buf.len();
    fold_word_into(word, buf);
    let folded = &buf[start..];
    let (k, _) = key_words(folded);
    let kept = if k.chars().any(is_cyrillic) {
        russian::stem_len(k)
    } else {
        k.len()
    };
    if kept != folded.len() {
        // `k` is a part of `folded` (the article dropped, a stem): move it
        // to the front.
        let offset = k.as_ptr() as usize - folded.as_ptr() as usize;
        buf.replace_range(start..start + offset, "");
        buf.truncate(start + kept);
    }
}

fn is_cyrillic(c: char) -> bool {
    Script::of_char(c) == Some(Script::Cyrillic)
}

/// The keys an Arabic word may be stored under when it is written with
/// proclitics (`و`, `ف`, `ب`, `ك`, `ل`, the article): what a concordance
/// for `key` must also look up. Just `key` for other scripts.
pub fn clitic_forms(key: &str) -> Vec<String> {
    if !key.chars().any(arabic::is_arabic_letter) {
        return vec![key.to_string()];
    }
    let mut out = vec![key.to_string()];
    for conj in arabic::CONJUNCTIONS {
        for prep in arabic::PREPOSITIONS {
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
    fn keys_are_unique_and_agree_with_key() {
        let text = "Хафтаром и Хафтар встретились; al-Sarraj, AL-SARRAJ و مصراته";
        let ks = keys(text);
        let each: Vec<String> = word_spans(text)
            .into_iter()
            .map(|(s, e)| key(&text[s..e]))
            .fold(Vec::new(), |mut v, k| {
                if !v.contains(&k) {
                    v.push(k);
                }
                v
            });
        assert_eq!(ks, each);
    }

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
