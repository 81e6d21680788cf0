//! The words of a text as the matcher sees them.

use crate::text::scan_tokens::{scan_words_in, ScanWord};
use crate::text::{arabic, Script};

/// One word with what the matcher needs to know about it.
#[derive(Debug, Clone, Copy)]
pub struct Token<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
    pub script: Script,
    /// Inside a URL, an e-mail address, an @handle or a #hashtag: never
    /// matched.
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
    let bytes = text.as_bytes();
    for w in words.iter() {
        let trimmed;
        let w = if bytes[w.start] == b'_'
            || bytes[w.end - 1] == b'_'
            || may_end_in_format_mark(bytes, w.end)
        {
            trimmed = without_trailing_format_marks(text, &without_edge_underscores(text, w));
            &trimmed
        } else {
            w
        };
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
        let cuts = if w.mixed {
            glued_at(&text[w.start..w.end])
        } else {
            Vec::new()
        };
        if cuts.is_empty() {
            out.push(token(w.start, w.end, w.script));
            continue;
        }
        let mut from = w.start;
        for to in cuts.into_iter().map(|at| w.start + at).chain([w.end]) {
            out.push(token(from, to, Script::detect(&text[from..to])));
            from = to;
        }
    }
}

/// `w` without the underscores at its ends, which UAX #29 counts as part
/// of a word (`_Misurata_`, emphasis in plain text; `Dbeibah_`): a name
/// inside is found, and a rewrite keeps them. Underscores inside a word
/// (`Misurata_report`, an identifier) keep it whole.
#[cold]
fn without_edge_underscores(text: &str, w: &ScanWord) -> ScanWord {
    let word = &text[w.start..w.end];
    let core = word.trim_matches('_');
    if core.is_empty() {
        return *w;
    }
    let start = w.start + (word.len() - word.trim_start_matches('_').len());
    ScanWord {
        start,
        end: start + core.len(),
        ..*w
    }
}

/// Whether the word ending at byte `end` may end in a format mark (a
/// direction mark, a joiner): the byte test before decoding.
#[inline]
fn may_end_in_format_mark(bytes: &[u8], end: usize) -> bool {
    end >= 3 && matches!(bytes[end - 3], 0xE2 | 0xEF)
        || end >= 2 && bytes[end - 2] == 0xD8 && bytes[end - 1] == 0x9C
}

/// Whether `c` is an invisible mark UAX #29 keeps in the word before it
/// that is no part of a name: a direction mark or embedding, a joiner, a
/// word joiner, a byte-order mark.
fn is_format_mark(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200C}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// `w` without the format marks at its end (`Tripoli` and a left-to-right
/// mark after it in right-to-left text): a name inside is found, and a
/// rewrite keeps them.
#[cold]
fn without_trailing_format_marks(text: &str, w: &ScanWord) -> ScanWord {
    let word = &text[w.start..w.end];
    let core = word.trim_end_matches(is_format_mark);
    if core.is_empty() {
        return *w;
    }
    ScanWord {
        end: w.start + core.len(),
        ..*w
    }
}

/// A run of letters of one script in a word (signs and marks inside it
/// included).
struct Run {
    script: Script,
    start: usize,
    letters: usize,
    /// Whether its first letter comes right after the last of the run
    /// before, with no sign between.
    touches: bool,
    /// Whether every letter is one an Arabic proclitic is written with.
    clitic_letters: bool,
}

/// Where a word made of words of different scripts glued together
/// (`القذافيGovernment`, `ѠҡTRIPOLI`: text pasted from a layout that lost
/// a space) is read as several: the byte offsets where a run of letters
/// of one script meets a run of another, each of two letters or more (or
/// of a script other than the three, `𝔊TRIPOLI`).
///
/// The rule looks no further than the two runs at each meeting point, so
/// that a rewrite elsewhere in the word (`Da-⏎rnahЭль` → `DernaЭль`) never
/// changes how the rest is read. One Latin, Cyrillic or Arabic letter
/// (`Tripоli` with a Cyrillic `о`, `Gaddafiе`) stays in its word, for
/// similarity to judge, and so do signs between two runs (`ВАЛИД'AA`):
/// which side they belong to is anyone's guess. Arabic proclitics glued
/// to a name in another script (`وTarhuna`, `الـGNA`) stay with it: the
/// mention takes them in, as it does in Arabic.
#[cold]
fn glued_at(word: &str) -> Vec<usize> {
    let mut runs: Vec<Run> = Vec::new();
    let mut after_letter = false;
    for (at, c) in word.char_indices() {
        // A tatweel drawn between letters is none.
        let script = Script::of_char(c).filter(|_| c != '\u{0640}');
        let touches = std::mem::replace(&mut after_letter, script.is_some());
        let Some(script) = script else {
            continue;
        };
        let clitic = arabic::is_proclitic_letter(c);
        match runs.last_mut() {
            Some(run) if run.script == script => {
                run.letters += 1;
                run.clitic_letters &= clitic;
            }
            _ => runs.push(Run {
                script,
                start: at,
                letters: 1,
                touches,
                clitic_letters: clitic,
            }),
        }
    }
    // A run that may stand as a word of its own: two letters or more, or
    // a letter of none of the three scripts (`𝔊TRIPOLI`), no look-alike of
    // a Latin, Cyrillic or Arabic one.
    let word_like = |run: &Run| run.letters >= 2 || run.script == Script::Other;
    let proclitics = |i: usize, run: &Run| {
        i == 0 && run.script == Script::Arabic && run.clitic_letters && run.letters <= 4
    };
    runs.windows(2)
        .enumerate()
        .filter(|(i, pair)| {
            let [before, after] = pair else {
                return false;
            };
            after.touches && word_like(before) && word_like(after) && !proclitics(*i, before)
        })
        .map(|(_, pair)| pair[1].start)
        .collect()
}

/// Byte ranges of whitespace-delimited chunks that are URLs, e-mail
/// addresses or @handles.
fn protected_ranges(text: &str, range: std::ops::Range<usize>) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let offset = range.start;
    let text = &text[range];
    // Every protected chunk holds one of these.
    if memchr::memchr2(b'@', b'#', text.as_bytes()).is_none()
        && !text.contains("://")
        && !text.contains("www.")
    {
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
                } else {
                    ranges.extend(
                        hashtags(chunk).map(|(from, to)| (offset + s + from, offset + s + to)),
                    );
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    ranges
}

/// Whether a chunk of text between white space is a URL, an e-mail
/// address or an @handle: identifiers that a rewrite would break.
fn is_protected(chunk: &str) -> bool {
    let trimmed = chunk.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@');
    chunk.contains("://")
        || trimmed.starts_with("www.")
        || trimmed.starts_with('@')
        || (chunk.contains('@') && chunk.contains('.'))
}

/// The #hashtags in a chunk, as byte ranges: a `#` that no letter, digit
/// or `&` comes right before (`&#8220;` is a character reference), and
/// the letters, digits and underscores after it. A hashtag rewritten
/// files the post under another feed; the words after it
/// (`#Tarkhuna,Tarkhuna`) are text.
fn hashtags(chunk: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    chunk.match_indices('#').filter_map(move |(at, _)| {
        let before = chunk[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '&') {
            return None;
        }
        let tag = &chunk[at + 1..];
        let len: usize = tag
            .chars()
            // Arabic vowel marks and the tatweel belong to the word.
            .take_while(|&c| {
                c.is_alphanumeric()
                    || matches!(c, '_' | '\u{640}' | '\u{64B}'..='\u{652}' | '\u{670}')
            })
            .map(char::len_utf8)
            .sum();
        (len > 0).then_some((at, at + 1 + len))
    })
}

/// Whether the text between two tokens lets them belong to one name:
/// spaces, a line break, a hyphen (`al-Mismari`, a name hyphenated at a
/// line end), or a plus sign alone (`5+5 Joint Military Commission`).
/// A blank line (or a paragraph separator) ends a paragraph, and a name
/// with it.
pub fn joins_name(gap: &str) -> bool {
    if gap == " " {
        return true;
    }
    gap == "+"
        || !gap.is_empty()
            && gap.chars().count() <= 4
            && gap.chars().all(|c| {
                c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}')
            })
            && !(gap.contains(['\n', '\r', '\x0C', '\u{2029}'])
                && (ends_paragraph(gap) || opens_list_item(gap)))
}

/// Whether `gap` holds a hyphen or dash after its last line break: a list
/// item's bullet (`Khalifa⏎- Hifter`), where a name hyphenated at a line
/// end has its hyphen before the break.
fn opens_list_item(gap: &str) -> bool {
    gap.rfind(['\n', '\r'])
        .is_some_and(|at| gap[at..].contains(['-', '\u{2010}', '\u{2011}']))
}

/// Whether white space `gap` holds a paragraph's end: two line breaks
/// (`\n\n`, `\r\n\r\n`, `\r\r`), a page break (form feed) or a
/// paragraph separator.
pub fn ends_paragraph(gap: &str) -> bool {
    let breaks = |b: u8| gap.bytes().filter(|&x| x == b).count();
    breaks(b'\n') >= 2 || breaks(b'\r') >= 2 || gap.contains(['\x0C', '\u{2029}'])
}

/// Whether a plus sign with a space on each side (`gap`) joins the words
/// `before` and `after` into one name: between two numbers, as a sum is
/// written (`5 + 5 Joint Military Commission`); between words it joins
/// two names (`Haftar + Sarraj`), which stay two.
pub fn joins_numbers(before: &str, gap: &str, after: &str) -> bool {
    is_spaced_plus(gap)
        && before
            .bytes()
            .next_back()
            .is_some_and(|b| b.is_ascii_digit())
        && after.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

/// Whether `gap` is a plus sign with one space (or none) on each side.
pub fn is_spaced_plus(gap: &str) -> bool {
    let inner = gap.strip_prefix(' ').unwrap_or(gap);
    let inner = inner.strip_suffix(' ').unwrap_or(inner);
    inner == "+"
}

/// Whether the text between two tokens is white space with one double
/// quote mark in it, as inside a listed name with a quoted part
/// (`операция «Достоинство»`): it joins the words of a listed spelling,
/// never those of a window looked up by similarity.
pub fn joins_quoted(gap: &str) -> bool {
    let mut quotes = 0;
    let mut chars = 0;
    for c in gap.chars() {
        chars += 1;
        if is_quote_mark(c) {
            quotes += 1;
        } else if !c.is_whitespace() {
            return false;
        }
    }
    quotes == 1 && chars <= 4
}

/// A double quote mark, as quoted parts of names are written in English
/// and Russian.
pub fn is_quote_mark(c: char) -> bool {
    matches!(c, '«' | '»' | '“' | '”' | '„' | '"')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_emails_and_handles_are_protected() {
        let text =
            "See https://example.org/Tarkhuna or desk@tarkhuna.ly and @Tarkhuna, #Tarkhuna,Misrata &#8220;Tarkhuna.";
        let toks = tokenize(text);
        let open: Vec<&str> = toks
            .iter()
            .filter(|t| !t.protected)
            .map(|t| t.text)
            .collect();
        assert_eq!(
            open,
            vec!["See", "or", "and", "Misrata", "8220", "Tarkhuna"]
        );
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
            words("ѠҡTRIPOLI 𝔊Misrata ٱDernaЭль"),
            vec![
                ("Ѡҡ", Script::Cyrillic),
                ("TRIPOLI", Script::Latin),
                ("𝔊", Script::Other),
                ("Misrata", Script::Latin),
                ("ٱDerna", Script::Latin),
                ("Эль", Script::Cyrillic)
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
            assert!(glued_at(word).is_empty(), "{word}");
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
        assert!(joins_name("+"));
        assert!(!joins_name(" «"));
        assert!(joins_quoted(" «"));
        assert!(joins_quoted("» "));
        assert!(joins_quoted(" \""));
        assert!(!joins_quoted(" "));
        assert!(!joins_quoted(" «« "));
        assert!(!joins_quoted(", «"));
        assert!(!joins_name(" + "));
        assert!(joins_numbers("5", " + ", "5"));
        assert!(joins_numbers("5", "+ ", "5"));
        assert!(!joins_numbers("Haftar", " + ", "Sarraj"));
        assert!(!joins_numbers("5", " +  ", "5"));
        assert!(!joins_numbers("5", " ++ ", "5"));
    }
}
