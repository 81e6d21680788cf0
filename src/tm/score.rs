//! The CAT-style fuzzy match score between two segments.
//!
//! Like the match percentage of CAT tools: `1.0` only for identical
//! segments (same text, same whitespace, same inline tags); otherwise one
//! minus the word-level edit distance over the longer segment's word count,
//! less small penalties for differences that the word comparison forgives
//! or does not see:
//!
//! | difference | penalty |
//! |---|---|
//! | a word differing only in case, diacritics or spelling normalisation (`ё`, hamza) | 0.02 each |
//! | a number changed (on top of the word edit) | 0.03 each |
//! | a number added, dropped or replaced by a word | 0.05 each |
//! | punctuation | 0.02 |
//! | whitespace | 0.01 |
//! | inline tags (`bpt`, `ph`, …) added, dropped or reordered | 0.02 each, at most 0.1 |
//!
//! Segments are compared in NFC, and digits in Arabic-Indic or Persian
//! script are the same digits as ASCII (`٣` is `3`, no penalty). The
//! result is rounded to two decimals (a whole percentage) and held below
//! `1.0` for segments that are not identical.

use super::keys::word_spans;
use super::unit::Variant;
use crate::text::fold_word;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

const CASE: f64 = 0.02;
const NUMBER: f64 = 0.05;
const NUMBER_CHANGED: f64 = 0.03;
const PUNCTUATION: f64 = 0.02;
const WHITESPACE: f64 = 0.01;
const TAG: f64 = 0.02;
const TAGS_MAX: f64 = 0.1;
/// Longest segment, in words, compared word by word; beyond it the rest is
/// compared as one block (equal or not).
const MAX_WORDS: usize = 400;

/// One word of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the segment's text.
    pub start: usize,
    pub end: usize,
    pub folded: String,
    pub number: bool,
}

/// A segment prepared for scoring: its plain text, words and inline tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub tokens: Vec<Token>,
    /// Names of the inline elements, in order.
    pub tags: Vec<String>,
}

impl Segment {
    /// A segment of plain text, read in NFC: a text and its canonical
    /// decomposition (`й` as `и` + U+0306) are the same segment.
    pub fn plain(text: &str) -> Segment {
        let text: Cow<str> = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(text.nfc().collect())
        };
        let text = text.as_ref();
        let tokens = word_spans(text)
            .into_iter()
            .take(MAX_WORDS)
            .map(|(start, end)| {
                let w = &text[start..end];
                Token {
                    start,
                    end,
                    folded: fold_word(&ascii_digits(w)),
                    number: w.chars().any(|c| ascii_digit(c).is_some())
                        && w.chars().all(|c| c.is_numeric() || ".,".contains(c)),
                }
            })
            .collect();
        Segment {
            text: text.to_string(),
            tokens,
            tags: Vec::new(),
        }
    }

    /// A stored variant's segment, its inline tags included.
    pub fn of_variant(variant: &Variant) -> Segment {
        let mut segment = Segment::plain(&variant.text);
        if variant.has_markup() {
            segment.tags = inline_tags(&variant.seg);
        }
        segment
    }

    fn word(&self, i: usize) -> &str {
        &self.text[self.tokens[i].start..self.tokens[i].end]
    }
}

/// The ASCII digit a decimal digit stands for: ASCII, Arabic-Indic
/// (U+0660–U+0669) or Persian (U+06F0–U+06F9).
fn ascii_digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => return Some(c),
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        _ => return None,
    };
    char::from_digit(c as u32 - zero, 10)
}

/// `word` with its Arabic-Indic and Persian digits written in ASCII, so
/// that `٣` and `3` are the same number.
fn ascii_digits(word: &str) -> Cow<'_, str> {
    // U+0660..U+0669 are D9 A0..A9, U+06F0..U+06F9 DB B0..B9: the bytes
    // first, so that the words of most segments are not copied.
    let eastern = word
        .as_bytes()
        .windows(2)
        .any(|w| matches!(w, [0xD9, 0xA0..=0xA9] | [0xDB, 0xB0..=0xB9]));
    if !eastern {
        return Cow::Borrowed(word);
    }
    Cow::Owned(word.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect())
}

/// The element names of a segment's inline markup, in document order.
fn inline_tags(seg: &str) -> Vec<String> {
    let mut reader = Reader::from_str(seg);
    let mut tags = Vec::new();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) => {
                tags.push(String::from_utf8_lossy(e.local_name().as_ref()).into_owned())
            }
            Event::Eof => break,
            _ => {}
        }
    }
    tags
}

/// The fuzzy match score of segment `a` against segment `b`, in 0..1
/// (symmetric).
pub fn score(a: &Segment, b: &Segment) -> f64 {
    if a.text == b.text && a.tags == b.tags {
        return 1.0;
    }
    let (n, m) = (a.tokens.len(), b.tokens.len());
    let longest = n.max(m);
    let mut penalty = 0.0;
    let base = if longest == 0 {
        // No words at all: only punctuation or symbols, and they differ.
        0.5
    } else {
        let alignment = align(a, b);
        penalty += CASE * alignment.case as f64
            + NUMBER * alignment.numbers as f64
            + NUMBER_CHANGED * alignment.numbers_changed as f64;
        1.0 - alignment.distance as f64 / longest as f64
    };
    if punctuation(a) != punctuation(b) {
        penalty += PUNCTUATION;
    }
    if whitespace(&a.text) != whitespace(&b.text) {
        penalty += WHITESPACE;
    }
    if a.tags != b.tags {
        penalty += (TAG * edit_distance(&a.tags, &b.tags) as f64).min(TAGS_MAX);
    }
    let s = ((base - penalty).max(0.0) * 100.0).round() / 100.0;
    s.min(0.99)
}

struct Alignment {
    distance: usize,
    /// Aligned word pairs equal only once folded.
    case: usize,
    /// Numbers inserted, deleted or replaced by a word.
    numbers: usize,
    /// Numbers replaced by other numbers.
    numbers_changed: usize,
}

/// Word-level edit distance between `a` and `b` (words equal when their
/// folds are), with what the best alignment says about case and numbers.
fn align(a: &Segment, b: &Segment) -> Alignment {
    let (n, m) = (a.tokens.len(), b.tokens.len());
    let w = m + 1;
    let mut d = vec![0u32; (n + 1) * w];
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j as u32;
    }
    for i in 1..=n {
        d[i * w] = i as u32;
        for j in 1..=m {
            let same = a.tokens[i - 1].folded == b.tokens[j - 1].folded;
            let sub = d[(i - 1) * w + j - 1] + u32::from(!same);
            let del = d[(i - 1) * w + j] + 1;
            let ins = d[i * w + j - 1] + 1;
            d[i * w + j] = sub.min(del).min(ins);
        }
    }
    let mut alignment = Alignment {
        distance: d[n * w + m] as usize,
        case: 0,
        numbers: 0,
        numbers_changed: 0,
    };
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        if i > 0 && j > 0 {
            let same = a.tokens[i - 1].folded == b.tokens[j - 1].folded;
            if d[i * w + j] == d[(i - 1) * w + j - 1] + u32::from(!same) {
                // Digits in another script are no difference of spelling.
                if same && ascii_digits(a.word(i - 1)) != ascii_digits(b.word(j - 1)) {
                    alignment.case += 1;
                }
                let (x, y) = (a.tokens[i - 1].number, b.tokens[j - 1].number);
                if !same && x && y {
                    alignment.numbers_changed += 1;
                } else if !same && (x || y) {
                    alignment.numbers += 1;
                }
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if i > 0 && d[i * w + j] == d[(i - 1) * w + j] + 1 {
            alignment.numbers += usize::from(a.tokens[i - 1].number);
            i -= 1;
        } else {
            alignment.numbers += usize::from(b.tokens[j - 1].number);
            j -= 1;
        }
    }
    alignment
}

/// What stands between the words, white space left out.
fn punctuation(segment: &Segment) -> String {
    let text = &segment.text;
    let mut out = String::new();
    let mut in_word = 0;
    for t in &segment.tokens {
        out.extend(
            text[in_word..t.start]
                .chars()
                .filter(|c| !c.is_whitespace()),
        );
        in_word = t.end;
    }
    out.extend(text[in_word..].chars().filter(|c| !c.is_whitespace()));
    out
}

/// The whitespace of `text` as a sequence of runs, so that a doubled space
/// or a trailing newline counts as a difference.
fn whitespace(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect()
}

fn edit_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(row[j] + 1);
        }
        prev = row;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(a: &str, b: &str) -> f64 {
        score(&Segment::plain(a), &Segment::plain(b))
    }

    #[test]
    fn identical_only_is_one() {
        assert_eq!(
            s("Talks resumed on Monday.", "Talks resumed on Monday."),
            1.0
        );
        assert!(s("Talks resumed on Monday.", "Talks resumed on Monday. ") < 1.0);
        assert!(s("Talks resumed on Monday.", "talks resumed on Monday.") < 1.0);
        assert!(s("Talks resumed on Monday.", "Talks resumed on Monday!") < 1.0);
    }

    #[test]
    fn small_differences_cost_little() {
        assert_eq!(
            s("Talks resumed on Monday.", "talks resumed on Monday."),
            0.98
        );
        assert_eq!(
            s("Talks resumed on Monday.", "Talks resumed on Monday!"),
            0.98
        );
        assert_eq!(
            s("Talks resumed on Monday.", "Talks resumed on Tuesday."),
            0.75
        );
        assert_eq!(
            s("Переговоры шли в Триполи.", "Переговоры шли в Тобруке."),
            0.75
        );
    }

    /// A text in NFD is the same segment as in NFC.
    #[test]
    fn decomposed_text_is_identical() {
        let nfc = "Май выдался жаркий.";
        let nfd = "Ма\u{438}\u{306} выдался жаркий.";
        assert_ne!(nfc, nfd);
        assert_eq!(s(nfd, nfc), 1.0);
    }

    /// Arabic-Indic and Persian digits are the same digits as ASCII: only
    /// not identical text.
    #[test]
    fn arabic_indic_digits_are_the_same_numbers() {
        assert_eq!(s("لمدة ٣ أيام", "لمدة 3 أيام"), 0.99);
        assert_eq!(s("لمدة ۱۲ يوما", "لمدة 12 يوما"), 0.99);
        assert!(s("لمدة ٣ أيام", "لمدة 4 أيام") < 0.9);
    }

    #[test]
    fn numbers_cost_more_than_words() {
        let word = s("Five people died on Monday.", "Five people died on Sunday.");
        let number = s("5 people died on Monday.", "7 people died on Monday.");
        assert!(number < word, "{number} < {word}");
    }

    #[test]
    fn tags_cost_a_little() {
        let plain = Segment::plain("Click here now");
        let tagged = Segment::of_variant(&Variant {
            lang: "en".into(),
            seg: "Click <bpt i=\"1\">&lt;b&gt;</bpt>here<ept i=\"1\">&lt;/b&gt;</ept> now".into(),
            text: "Click here now".into(),
            ..Variant::default()
        });
        assert_eq!(score(&plain, &tagged), 0.96);
        assert_eq!(score(&tagged, &tagged), 1.0);
    }
}
