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
    out.reserve(words.len());
    for w in words.iter() {
        while next_range < protected.len() && protected[next_range].1 <= w.start {
            next_range += 1;
        }
        let inside = protected
            .get(next_range)
            .is_some_and(|&(s, e)| s <= w.start && w.start < e);
        let token = |start: usize, end: usize, script: Script| Token {
            start,
            end,
            text: &text[start..end],
            script,
            protected: inside,
        };
        let word = &text[w.start..w.end];
        match w.mixed.then(|| glued_at(word)).flatten() {
            Some(at) => {
                let at = w.start + at;
                out.push(token(w.start, at, Script::detect(&text[w.start..at])));
                out.push(token(at, w.end, Script::detect(&text[at..w.end])));
            }
            None => out.push(token(w.start, w.end, w.script)),
        }
    }
}

/// Where a word that is two runs of letters in two scripts glued together
/// (`القذافيGovernment`, `𝔊TRIPOLI`: text pasted from a layout that lost
/// a space) is read as two words: the byte offset of the second run.
/// Marks, digits and signs go with either run. Arabic proclitics glued to
/// a name in another script (`وTarhuna`, `الـGNA`) stay with it: the
/// mention takes them in, as it does in Arabic. A word of three runs or
/// more (`Tripоli` with a Cyrillic `о`), or whose second run is one letter
/// (`Gaddafiе`), is one word.
#[cold]
fn glued_at(word: &str) -> Option<usize> {
    if word.is_ascii() {
        return None;
    }
    // Letters only: a tatweel drawn between them is none.
    let script_of = |c: char| Script::of_char(c).filter(|_| c != '\u{0640}');
    let letters = || word.chars().filter_map(script_of);
    // Arabic proclitics before a name in another script belong to the
    // name's run, with or without a glued word after it.
    let clitic = |c: &char| matches!(c, 'و' | 'ف' | 'ب' | 'ك' | 'ل' | 'ا');
    let lead = word
        .chars()
        .filter(|&c| script_of(c).is_some())
        .take_while(clitic)
        .count();
    let skip = match letters().nth(lead) {
        Some(next) if lead <= 4 && next != Script::Arabic => lead,
        _ => 0,
    };
    let (mut first, mut second) = (None, None);
    let (mut seen, mut tail) = (0, 0);
    let mut after_letter = false;
    for (at, c) in word.char_indices() {
        let script = script_of(c);
        let follows_letter = std::mem::replace(&mut after_letter, script.is_some());
        let Some(script) = script else {
            continue;
        };
        seen += 1;
        if seen <= skip {
            continue;
        }
        match (first, second) {
            (None, _) => first = Some(script),
            // Signs between the runs (`ВАЛИД'AA`) leave the word whole:
            // which run they belong to is anyone's guess.
            (Some(f), None) if script != f && !follows_letter => return None,
            (Some(f), None) if script != f => second = Some((at, script)),
            (_, Some((_, s))) if script != s => return None,
            _ => {}
        }
        tail += usize::from(second.is_some());
    }
    let (at, _) = second?;
    // One letter after a name (`Gaddafiе`) is a slip of the keyboard
    // within the word, which similarity reads as the name.
    (tail >= 2).then_some(at)
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
    fn words_of_two_scripts_glued_together_are_read_apart() {
        fn words(text: &str) -> Vec<(&str, Script)> {
            tokenize(text).iter().map(|t| (t.text, t.script)).collect()
        }
        assert_eq!(
            words("القذافيGovernment"),
            vec![("القذافي", Script::Arabic), ("Government", Script::Latin)]
        );
        assert_eq!(
            words("ѨTRIPOLI 𝔊Misrata"),
            vec![
                ("Ѩ", Script::Cyrillic),
                ("TRIPOLI", Script::Latin),
                ("𝔊", Script::Other),
                ("Misrata", Script::Latin)
            ]
        );
        assert_eq!(
            words("وBregaطرابلس"),
            vec![("وBrega", Script::Latin), ("طرابلس", Script::Arabic)]
        );
        // Clitics before a name (also with a word glued after it), signs
        // between the two runs, and one letter of another script inside a
        // word, stay.
        for word in [
            "وTarhuna",
            "وبال-Watiya",
            "الـGNA",
            "Tripоli",
            "Gaddafiе",
            "ВАЛИД'AA",
            "Мисрата",
            "طرابلس",
        ] {
            assert!(glued_at(word).is_none(), "{word}");
        }
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
