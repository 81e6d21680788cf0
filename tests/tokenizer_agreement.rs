//! The scanner's fast tokeniser gives the same words (and scripts) as the
//! UAX #29 tokeniser on the test corpora and on random text.

use dragoman::text::scan_tokens::{scan_words, ScanWord};
use dragoman::text::{words, Script};
use proptest::prelude::*;
use std::path::Path;

fn fast(text: &str) -> Vec<(usize, usize, Script)> {
    let mut out: Vec<ScanWord> = Vec::new();
    scan_words(text, &mut out);
    out.iter().map(|w| (w.start, w.end, w.script)).collect()
}

fn slow(text: &str) -> Vec<(usize, usize, Script)> {
    words(text)
        .map(|w| (w.start, w.end, Script::detect(w.text)))
        .collect()
}

fn fixtures() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in ["corpus", "articles"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("fixture dir") {
            let path = entry.expect("dir entry").path();
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.push((path.display().to_string(), text));
            }
        }
    }
    out
}

#[test]
fn same_words_on_the_fixtures() {
    let all = fixtures();
    assert!(all.len() >= 6);
    for (name, text) in all {
        assert_eq!(fast(&text), slow(&text), "{name}");
        // Line by line too: every line starts afresh.
        for line in text.lines() {
            assert_eq!(fast(line), slow(line), "{name}: {line}");
        }
    }
}

/// Characters the fast path handles, some it hands on, and white space.
const ALPHABET: &[&str] = &[
    "a", "Z", "é", "ß", "ğ", "ʻ", "ʿ", "ˈ", "ạ", "б", "Ё", "й", "ҷ", "ا", "ة", "ل", "ـ", "ی", "ۀ",
    "0", "7", "٣", "۵", "٫", "٬", ".", "'", "’", "‘", ":", "·", ",", ";", "،", "_", "‿", "-", "—",
    "«", "»", "“", "\"", "(", "!", "…", "؟", "؛", "\u{301}", "\u{308}", "\u{64e}", "\u{651}",
    "\u{670}", "\u{483}", "\u{ad}", "\u{200c}", "\u{200d}", "\u{200e}", "\u{feff}", "\u{a0}",
    "\u{202f}", "\u{2028}", "\u{85}", "\u{3000}", "🙂", "©", "א", "״", "ア", "中", "한", " ", " ",
    " ", "\n", "\r\n", "\t", "\u{b}", "\u{c}", "@", "/", "%", "$", "×", "\u{2044}", "\u{2024}",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn same_words_on_random_text(picks in proptest::collection::vec(0..ALPHABET.len(), 0..40)) {
        let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
        prop_assert_eq!(fast(&text), slow(&text), "{:?}", text);
    }

    #[test]
    fn same_words_on_any_text(text in "\\PC{0,40}") {
        prop_assert_eq!(fast(&text), slow(&text), "{:?}", text);
    }
}
