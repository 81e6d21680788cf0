//! The words of a text as the matcher sees them.

use crate::text::scan_tokens::{scan_words_in, ScanWord};
use crate::text::Script;

/// One word with what the matcher needs to know about it.
#[derive(Debug, Clone, Copy)]
pub struct Token<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
    pub script: Script,
    /// Inside a URL, an e-mail address or an @handle: never matched.
    pub protected: bool,
}

/// Tokenises `text`, marking words that belong to URLs, e-mail addresses
/// and @handles.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    tokenize_in(text, 0..text.len(), &mut Vec::new(), &mut tokens);
    tokens
}

/// Appends the tokens of `text[range]` to `out`, as [`tokenize`] finds them
/// in the whole text: the range starts and ends at ASCII white space (or
/// the ends of the text), which no word, URL or address crosses. `words`
/// is scratch space.
pub fn tokenize_in<'t>(
    text: &'t str,
    range: std::ops::Range<usize>,
    words: &mut Vec<ScanWord>,
    out: &mut Vec<Token<'t>>,
) {
    let protected = protected_ranges(text, range.clone());
    let mut next_range = 0;
    words.clear();
    scan_words_in(text, range, words);
    out.extend(words.iter().map(|w| {
        while next_range < protected.len() && protected[next_range].1 <= w.start {
            next_range += 1;
        }
        let inside = protected
            .get(next_range)
            .is_some_and(|&(s, e)| s <= w.start && w.start < e);
        Token {
            start: w.start,
            end: w.end,
            text: &text[w.start..w.end],
            script: w.script,
            protected: inside,
        }
    }));
}

/// Byte ranges of whitespace-delimited chunks that are URLs, e-mail
/// addresses or @handles.
fn protected_ranges(text: &str, range: std::ops::Range<usize>) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let offset = range.start;
    let text = &text[range];
    // Every protected chunk holds one of these.
    if !text.contains('@') && !text.contains("://") && !text.contains("www.") {
        return ranges;
    }
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                let chunk = &text[s..i];
                if is_protected(chunk) {
                    ranges.push((offset + s, offset + i));
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    ranges
}

fn is_protected(chunk: &str) -> bool {
    let trimmed = chunk.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@');
    chunk.contains("://")
        || trimmed.starts_with("www.")
        || trimmed.starts_with('@')
        || (chunk.contains('@') && chunk.contains('.'))
}

/// Whether the text between two tokens lets them belong to one name:
/// spaces, a line break, a hyphen (`al-Mismari`, a name hyphenated at a
/// line end).
pub fn joins_name(gap: &str) -> bool {
    !gap.is_empty()
        && gap.chars().count() <= 4
        && gap
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_emails_and_handles_are_protected() {
        let text =
            "See https://example.org/Tarkhuna or desk@tarkhuna.ly and @Tarkhuna, not Tarkhuna.";
        let toks = tokenize(text);
        let open: Vec<&str> = toks
            .iter()
            .filter(|t| !t.protected)
            .map(|t| t.text)
            .collect();
        assert_eq!(open, vec!["See", "or", "and", "not", "Tarkhuna"]);
    }

    #[test]
    fn names_join_over_spaces_and_hyphens_only() {
        assert!(joins_name(" "));
        assert!(joins_name("-"));
        assert!(joins_name("-\n"));
        assert!(!joins_name(", "));
        assert!(!joins_name(""));
        assert!(!joins_name(". "));
    }
}
