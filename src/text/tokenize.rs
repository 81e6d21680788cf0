//! Word tokenisation (Unicode UAX #29) that keeps byte offsets into the
//! original text, so that anything found in a token can be reported at the
//! exact bytes it came from.

use unicode_segmentation::UnicodeSegmentation;

/// One word of the input, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
}

/// The words of `text` in order: UAX #29 word segments that contain a letter
/// or digit. Punctuation, spaces and symbols between them are skipped.
/// Apostrophes inside a word (`Mu'ammar`, `Haftar’s`) keep it whole; hyphens
/// split (`al-Mismari` is `al`, `Mismari`).
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(is_word_char))
        .map(|(start, w)| Word {
            start,
            end: start + w.len(),
            text: w,
        })
}

/// Letters and digits, decided cheaply for the scripts dragoman reads.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    super::Script::of_char(c).is_some() || c.is_numeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).map(|w| w.text).collect()
    }

    #[test]
    fn keeps_offsets_into_the_original() {
        let s = "«Хафтар» и al-Mismari: وبطرابلس";
        for w in words(s) {
            assert_eq!(&s[w.start..w.end], w.text);
        }
        assert_eq!(texts(s), vec!["Хафтар", "и", "al", "Mismari", "وبطرابلس"]);
    }

    #[test]
    fn apostrophes_stay_inside_words() {
        assert_eq!(
            texts("Mu'ammar Haftar’s men"),
            vec!["Mu'ammar", "Haftar’s", "men"]
        );
    }
}
