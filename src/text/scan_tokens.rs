//! A fast word tokeniser for the scanner, giving the same words as
//! [`words`](super::words) (UAX #29 word segments that contain a letter or
//! digit).
//!
//! Text is cut at ASCII white space, where UAX #29 always breaks. A chunk
//! made only of characters whose word-break class is known here (ASCII,
//! Latin, Cyrillic and Arabic letters and marks, digits, the usual
//! punctuation) is segmented by the UAX #29 rules that can apply to those
//! classes; any other chunk is handed to the full segmenter.

use super::Script;
use unicode_segmentation::UnicodeSegmentation;

/// One word of the text: its byte span and its script
/// ([`Script::detect`] of its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanWord {
    pub start: usize,
    pub end: usize,
    pub script: Script,
    /// Whether it holds letters of more than one script.
    pub mixed: bool,
}

/// Whether letter counts by script name more than one script.
#[inline]
fn mixed(counts: &[u32; 4]) -> bool {
    let scripts: u32 = counts.iter().map(|&n| u32::from(n > 0)).sum();
    scripts > 1
}

/// UAX #29 word-break classes of the characters handled here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ALetter.
    Letter,
    Numeric,
    MidLetter,
    /// MidNumLet and Single_Quote (which acts as MidNumLet outside Hebrew).
    MidNumLet,
    MidNum,
    ExtendNumLet,
    /// Extend, Format and ZWJ: ignored after any other character (WB4).
    Extend,
    /// Breaks before and after (WB999).
    Other,
    /// ASCII white space: always a break.
    Space,
    /// Not handled here: the chunk goes to the full segmenter.
    Unknown,
}

const fn ascii_class(b: u8) -> Class {
    match b {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => Class::Space,
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Numeric,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidNumLet,
        b',' | b';' => Class::MidNum,
        b'_' => Class::ExtendNumLet,
        _ => Class::Other,
    }
}

static ASCII: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = ascii_class(b as u8);
        b += 1;
    }
    table
};

fn class_of(c: char) -> Class {
    let n = c as u32;
    if n < 0x80 {
        return ASCII[n as usize];
    }
    match n {
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2D7 | 0x2DE..=0x2FF => Class::Letter,
        0x3F7..=0x481 | 0x48A..=0x52F => Class::Letter,
        0x620..=0x64A
        | 0x66E..=0x66F
        | 0x671..=0x6D3
        | 0x6D5
        | 0x6E5..=0x6E6
        | 0x6EE..=0x6EF
        | 0x6FA..=0x6FC
        | 0x6FF => Class::Letter,
        0x1E00..=0x1EFF => Class::Letter,
        0x300..=0x36F
        | 0x483..=0x489
        | 0x610..=0x61A
        | 0x64B..=0x65F
        | 0x670
        | 0x6D6..=0x6DC
        | 0x6DF..=0x6E4
        | 0x6E7..=0x6E8
        | 0x6EA..=0x6ED
        | 0xAD
        | 0x61C
        | 0x200C..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x2064 => Class::Extend,
        0x660..=0x669 | 0x66B | 0x6F0..=0x6F9 => Class::Numeric,
        0xB7 | 0x2027 => Class::MidLetter,
        0x2018 | 0x2019 | 0x2024 => Class::MidNumLet,
        0x60C | 0x60D | 0x66C | 0x2044 => Class::MidNum,
        0x203F | 0x2040 => Class::ExtendNumLet,
        0xA0..=0xA8
        | 0xAB..=0xAC
        | 0xAF..=0xB4
        | 0xB6
        | 0xB9
        | 0xBB..=0xBF
        | 0xD7
        | 0xF7
        | 0x2010..=0x2017
        | 0x201A..=0x2023
        | 0x2025..=0x2026
        | 0x2030..=0x203B
        | 0x61B
        | 0x61E..=0x61F
        | 0x66A
        | 0x6D4 => Class::Other,
        _ => Class::Unknown,
    }
}

/// Letters and digits, as [`words`](super::words) decides them.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    Script::of_char(c).is_some() || c.is_numeric()
}

/// One character (with its attached marks) as the rules see it.
#[derive(Clone, Copy)]
struct Unit {
    class: Class,
    start: usize,
    end: usize,
}

/// Appends the words of `text` to `out`, in order.
pub fn scan_words(text: &str, out: &mut Vec<ScanWord>) {
    scan_words_in(text, 0..text.len(), out);
}

/// Appends the words of `text[range]` to `out`, in order, with their
/// offsets into `text`. The range must start and end at ASCII white space
/// (or the ends of the text), where words always break: the words found
/// are then exactly those of the whole text inside the range.
pub fn scan_words_in(text: &str, range: std::ops::Range<usize>, out: &mut Vec<ScanWord>) {
    // Whole characters: the range ends at white space.
    let bytes = &text.as_bytes()[..range.end];
    // Only words the fast paths leave to the rules need it: most texts
    // (and most segments of a memory) never allocate it.
    let mut units: Vec<Unit> = Vec::new();
    let mut i = range.start;
    while i < bytes.len() {
        // Skip white space.
        if LEAD[usize::from(bytes[i])] == Lead::Space {
            i += 1;
            continue;
        }
        let chunk_start = i;
        if let Some((word, chunk_end)) = plain_word(bytes, chunk_start) {
            if let Some(word) = word {
                out.push(word);
            }
            i = chunk_end;
            continue;
        }
        let chunk_end = bytes[i..]
            .iter()
            .position(|&b| b < 0x80 && ASCII[b as usize] == Class::Space)
            .map_or(bytes.len(), |n| i + n);
        if let Some(word) = single_word(text, chunk_start, chunk_end) {
            out.extend(word);
            i = chunk_end;
            continue;
        }
        units.clear();
        let mut known = true;
        while i < bytes.len() {
            let b = bytes[i];
            let (class, len) = if b < 0x80 {
                (ASCII[b as usize], 1)
            } else {
                let c = text[i..].chars().next().unwrap_or('\0');
                (class_of(c), c.len_utf8())
            };
            if class == Class::Space {
                break;
            }
            match class {
                Class::Unknown => known = false,
                Class::Extend => match units.last_mut() {
                    Some(last) => last.end = i + len,
                    // A mark right after white space: leave it to the full
                    // segmenter.
                    None => known = false,
                },
                _ => units.push(Unit {
                    class,
                    start: i,
                    end: i + len,
                }),
            }
            i += len;
        }
        let chunk_end = i;
        if known {
            segment(text, &units, out);
        } else {
            // Include the white space before the chunk, where a mark at
            // its start may attach (WB3d, WB4), so that the segmenter
            // sees the same context as in the whole text. UAX #29 breaks
            // before a run of white space.
            let mut from = chunk_start;
            while let Some(c) = text[..from]
                .chars()
                .next_back()
                .filter(|c| c.is_whitespace())
            {
                from -= c.len_utf8();
            }
            fallback(text, from, chunk_end, out);
        }
    }
}

/// What a byte starts, for [`plain_word`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// An ASCII letter or digit.
    Alnum,
    /// D0 or D1: a letter of U+0400..U+047F (Cyrillic).
    Cyrillic,
    /// D8 or D9: U+0600..U+067F, Arabic letters, tashkeel and punctuation.
    Arabic,
    /// ASCII punctuation that never joins a word at its edge.
    Edge,
    /// ASCII white space: the chunk ends.
    Space,
    /// Anything else: the chunk is left to the rules.
    Other,
}

/// [`Lead`] of every byte.
static LEAD: [Lead; 256] = {
    let mut table = [Lead::Other; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match ASCII[b] {
            Class::Space => Lead::Space,
            Class::Letter | Class::Numeric => Lead::Alnum,
            Class::ExtendNumLet => Lead::Other,
            _ => Lead::Edge,
        };
        b += 1;
    }
    table[0xD0] = Lead::Cyrillic;
    table[0xD1] = Lead::Cyrillic;
    table[0xD8] = Lead::Arabic;
    table[0xD9] = Lead::Arabic;
    table
};

/// What the character at `bytes[i]` is to [`plain_word`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Plain {
    /// A letter or digit (or, after one, an Arabic mark): the word goes on.
    Word,
    /// Punctuation that never joins a word at its edge (two bytes for
    /// the Arabic comma).
    Edge(usize),
    Space,
    /// A mark with no letter before it, or anything else.
    Other,
}

/// The class of the character at `bytes[i]` outside a word; `bytes` holds
/// whole characters.
#[inline(always)]
fn plain_class(bytes: &[u8], i: usize) -> Plain {
    match LEAD[usize::from(bytes[i])] {
        Lead::Alnum | Lead::Cyrillic => Plain::Word,
        Lead::Arabic => match (bytes[i], bytes[i + 1]) {
            // U+060C Arabic comma.
            (0xD8, 0x8C) => Plain::Edge(2),
            (0xD8, 0xA0..=0xBF) | (0xD9, 0x80..=0x8A) => Plain::Word,
            _ => Plain::Other,
        },
        Lead::Edge => Plain::Edge(1),
        Lead::Space => Plain::Space,
        Lead::Other => Plain::Other,
    }
}

/// Each byte of a word of eight.
const BYTES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x80 * BYTES;

/// The eight bytes at `bytes[i..]`, if there are so many.
#[inline(always)]
fn eight(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// The high bit of each byte of `x` (bytes below 0x80) that is at least
/// `lo`.
#[inline(always)]
fn at_least(x: u64, lo: u8) -> u64 {
    x.wrapping_add(u64::from(0x80 - lo) * BYTES) & HIGH_BITS
}

/// The high bit of each byte of `w` that is an ASCII letter or digit.
#[inline(always)]
fn ascii_alnum(w: u64) -> u64 {
    // Bytes of 0x80 and up are neither; below it, no sum carries into
    // the next byte.
    let ascii = !w & HIGH_BITS;
    let x = w & !HIGH_BITS;
    let folded = x | (0x20 * BYTES);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
    (letter | digit) & ascii
}

/// The end of the run of ASCII letters and digits from `i`, and how many
/// of them are letters: eight bytes at a time, so that the end of a short
/// word is found without a branch on each byte.
#[inline(always)]
fn ascii_alnum_run(bytes: &[u8], mut i: usize) -> (usize, u32) {
    let mut letters = 0;
    while let Some(w) = eight(bytes, i) {
        let alnum = ascii_alnum(w);
        // Letters have bit 6 set, digits do not.
        let letter_bits = w & (alnum >> 1);
        if alnum == HIGH_BITS {
            letters += letter_bits.count_ones();
            i += 8;
            continue;
        }
        let run = (!alnum & HIGH_BITS).trailing_zeros() / 8;
        let in_run = (1u64 << (8 * run)).wrapping_sub(1);
        letters += (letter_bits & in_run).count_ones();
        return (i + run as usize, letters);
    }
    while let Some(&b) = bytes
        .get(i)
        .filter(|&&b| LEAD[usize::from(b)] == Lead::Alnum)
    {
        letters += u32::from(b >> 6);
        i += 1;
    }
    (i, letters)
}

/// The end of the run of Russian letters (U+0400..U+047F, lead bytes D0
/// and D1) from `i`, four letters at a time. `bytes` holds whole
/// characters, so a lead byte has its second byte after it.
#[inline(always)]
fn cyrillic_run(bytes: &[u8], mut i: usize) -> usize {
    const LEADS: u64 = 0x00FE_00FE_00FE_00FE;
    const CYRILLIC: u64 = 0x00D0_00D0_00D0_00D0;
    while let Some(w) = eight(bytes, i) {
        let off = (w & LEADS) ^ CYRILLIC;
        if off == 0 {
            i += 8;
            continue;
        }
        return i + 2 * (off.trailing_zeros() / 16) as usize;
    }
    while bytes.get(i).is_some_and(|&b| b & 0xFE == 0xD0) {
        i += 2;
    }
    i
}

/// The commonest chunk, read byte by byte from `start` to the next ASCII
/// white space: punctuation, then one run of ASCII letters and digits,
/// Russian letters or Arabic letters and tashkeel, then punctuation.
/// Gives the word (none for punctuation alone) and where the chunk ends;
/// `None` leaves the chunk to [`single_word`] and the rules. `bytes` holds
/// whole characters.
#[inline]
fn plain_word(bytes: &[u8], start: usize) -> Option<(Option<ScanWord>, usize)> {
    let mut i = start;
    // Leading punctuation.
    loop {
        if i == bytes.len() {
            return Some((None, i));
        }
        match plain_class(bytes, i) {
            Plain::Edge(len) => i += len,
            Plain::Space => return Some((None, i)),
            Plain::Word => break,
            Plain::Other => return None,
        }
    }
    let word_start = i;
    let mut counts = [0u32; 4];
    // Runs of one script, each in a loop of its own.
    while i < bytes.len() {
        match LEAD[usize::from(bytes[i])] {
            Lead::Alnum => {
                let (end, letters) = ascii_alnum_run(bytes, i);
                i = end;
                counts[Script::Latin as usize] += letters;
            }
            Lead::Cyrillic => {
                let run = i;
                i = cyrillic_run(bytes, i);
                counts[Script::Cyrillic as usize] += (i - run) as u32 / 2;
            }
            Lead::Arabic => {
                let run = i;
                let mut letters = 0;
                while let Some(&b) = bytes
                    .get(i)
                    .filter(|&&b| LEAD[usize::from(b)] == Lead::Arabic)
                {
                    match (b, bytes[i + 1]) {
                        // Letters, tatweel among them.
                        (0xD8, 0xA0..=0xBF) | (0xD9, 0x80..=0x8A) => letters += 1,
                        // Tashkeel.
                        (0xD9, 0x8B..=0x9F) => {}
                        _ => break,
                    }
                    i += 2;
                }
                if i == run {
                    // Arabic punctuation or another sign.
                    break;
                }
                counts[Script::Arabic as usize] += letters;
            }
            Lead::Edge | Lead::Space => break,
            Lead::Other => return None,
        }
    }
    let word_end = i;
    // Trailing punctuation only.
    while i < bytes.len() {
        match plain_class(bytes, i) {
            Plain::Edge(len) => i += len,
            Plain::Space => break,
            _ => return None,
        }
    }
    let word = ScanWord {
        start: word_start,
        end: word_end,
        script: Script::from_counts(&counts),
        mixed: mixed(&counts),
    };
    Some((Some(word), i))
}

/// The common chunk, decided without segmenting it: one run of letters,
/// digits and marks, with punctuation that cannot join it (quotes,
/// brackets, a comma or full stop) before and after. `Some(None)` is a
/// chunk of punctuation alone; `None` leaves the chunk to the rules.
fn single_word(text: &str, start: usize, end: usize) -> Option<Option<ScanWord>> {
    let chunk = &text[start..end];
    let edge = |c: char| {
        matches!(
            class_of(c),
            Class::Other | Class::MidLetter | Class::MidNumLet | Class::MidNum
        ) && !is_word_char(c)
    };
    let core = chunk.trim_start_matches(edge);
    let lead = chunk.len() - core.len();
    let core = core.trim_end_matches(edge);
    if core.is_empty() {
        return if chunk.chars().all(edge) {
            Some(None)
        } else {
            None
        };
    }
    let mut counts = [0u32; 4];
    let mut first = true;
    let mut has_word_char = false;
    for c in core.chars() {
        match class_of(c) {
            Class::Letter | Class::Numeric => {}
            Class::Extend if !first => {}
            _ => return None,
        }
        first = false;
        if let Some(s) = Script::of_char(c) {
            counts[s as usize] += 1;
            has_word_char = true;
        } else if !has_word_char {
            has_word_char = is_word_char(c);
        }
    }
    if !has_word_char {
        return None;
    }
    Some(Some(ScanWord {
        start: start + lead,
        end: start + lead + core.len(),
        script: Script::from_counts(&counts),
        mixed: mixed(&counts),
    }))
}

fn fallback(text: &str, from: usize, to: usize, out: &mut Vec<ScanWord>) {
    for (s, w) in text[from..to].split_word_bound_indices() {
        if w.chars().any(is_word_char) {
            let mut counts = [0u32; 4];
            for script in w.chars().filter_map(Script::of_char) {
                counts[script as usize] += 1;
            }
            out.push(ScanWord {
                start: from + s,
                end: from + s + w.len(),
                script: Script::detect(w),
                mixed: mixed(&counts),
            });
        }
    }
}

/// Whether UAX #29 keeps units `j` and `j + 1` together.
fn joins(units: &[Unit], j: usize) -> bool {
    use Class::*;
    let a = units[j].class;
    let b = units[j + 1].class;
    let before = j.checked_sub(1).map(|k| units[k].class);
    let after = units.get(j + 2).map(|u| u.class);
    match (a, b) {
        // WB5, WB8, WB9, WB10
        (Letter | Numeric, Letter | Numeric) => true,
        // WB6
        (Letter, MidLetter | MidNumLet) => after == Some(Letter),
        // WB7
        (MidLetter | MidNumLet, Letter) => before == Some(Letter),
        // WB12
        (Numeric, MidNum | MidNumLet) => after == Some(Numeric),
        // WB11
        (MidNum | MidNumLet, Numeric) => before == Some(Numeric),
        // WB13a
        (Letter | Numeric | ExtendNumLet, ExtendNumLet) => true,
        // WB13b
        (ExtendNumLet, Letter | Numeric) => true,
        _ => false,
    }
}

fn segment(text: &str, units: &[Unit], out: &mut Vec<ScanWord>) {
    let mut first = 0;
    for j in 0..units.len() {
        if j + 1 < units.len() && joins(units, j) {
            continue;
        }
        let (start, end) = (units[first].start, units[j].end);
        first = j + 1;
        let word = &text[start..end];
        let mut counts = [0u32; 4];
        let mut has_word_char = false;
        if word.is_ascii() {
            for &b in word.as_bytes() {
                if b.is_ascii_alphabetic() {
                    counts[0] += 1;
                    has_word_char = true;
                } else if b.is_ascii_digit() {
                    has_word_char = true;
                }
            }
        } else {
            for c in word.chars() {
                if let Some(s) = Script::of_char(c) {
                    counts[s as usize] += 1;
                    has_word_char = true;
                } else if !has_word_char && is_word_char(c) {
                    has_word_char = true;
                }
            }
        }
        if has_word_char {
            out.push(ScanWord {
                start,
                end,
                script: Script::from_counts(&counts),
                mixed: mixed(&counts),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;
    use proptest::prelude::*;

    /// The runs as a byte at a time finds them.
    fn ascii_alnum_run_bytewise(bytes: &[u8], mut i: usize) -> (usize, u32) {
        let mut letters = 0;
        while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_alphanumeric()) {
            letters += u32::from(b.is_ascii_alphabetic());
            i += 1;
        }
        (i, letters)
    }

    fn cyrillic_run_bytewise(bytes: &[u8], mut i: usize) -> usize {
        while bytes.get(i).is_some_and(|&b| b & 0xFE == 0xD0) {
            i += 2;
        }
        i
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Every byte value, at every offset from the end of the text.
        #[test]
        fn ascii_runs_agree_with_a_byte_at_a_time(
            bytes in proptest::collection::vec(
                prop_oneof![any::<u8>(), proptest::sample::select(b"aZz09AM_@[`{/:".to_vec())],
                0..40,
            ),
            from in 0usize..40,
        ) {
            let from = from.min(bytes.len());
            prop_assert_eq!(ascii_alnum_run(&bytes, from), ascii_alnum_run_bytewise(&bytes, from));
        }

        #[test]
        fn cyrillic_runs_agree_with_a_byte_at_a_time(
            letters in proptest::collection::vec(
                prop_oneof![
                    Just("ж"), Just("Ё"), Just("я"), Just("ѿ"), Just("a"), Just(" "),
                    Just("ҷ"), Just("é"), Just("ب"), Just("\u{483}"),
                ],
                0..24,
            ),
        ) {
            let text: String = letters.concat();
            let bytes = text.as_bytes();
            for from in (0..=bytes.len()).filter(|&at| text.is_char_boundary(at)) {
                prop_assert_eq!(cyrillic_run(bytes, from), cyrillic_run_bytewise(bytes, from));
            }
        }
    }

    type Spans = Vec<(usize, usize, Script)>;

    fn both(text: &str) -> (Spans, Spans) {
        let mut fast = Vec::new();
        scan_words(text, &mut fast);
        let fast = fast.iter().map(|w| (w.start, w.end, w.script)).collect();
        let slow = words(text)
            .map(|w| (w.start, w.end, Script::detect(w.text)))
            .collect();
        (fast, slow)
    }

    #[test]
    fn agrees_on_tricky_text() {
        for text in [
            "Mu'ammar Haftar’s men: al-Mismari, 3.5 km; a.b a:b 1,000 x_y _ __a",
            "«Хафтар» и al-Mismari: وبطرابلس ، ٣٫٥ لـ مُعَمَّر",
            "e\u{301}lan \u{301}x Tar\u{ad}huna Tar-\nhuna a\u{200d}b ab\u{200c}",
            "http://x.org/Tarhuna a@b.c @handle 2011 ʻUmar Muʿammar",
            "\u{feff}start \u{a0}nbsp\u{a0}word — “quoted” … ‹x›",
            "a.'b a'.b 1.'2 'a' .a. a. .5 5. _1_ a_ _a a__b",
            "\u{301}\u{301} \n\u{301}a x\u{2028}y \u{85}z",
        ] {
            let (fast, slow) = both(text);
            assert_eq!(fast, slow, "{text:?}");
        }
    }
}
