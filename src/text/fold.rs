//! The script-preserving match key of a written form.

use super::{arabic, russian, tokenize::words, Script};
use unicode_normalization::{
    char::decompose_canonical, is_nfc_quick, IsNormalized, UnicodeNormalization,
};

/// Characters that are apostrophes or quote-like marks inside names
/// (`Mu'ammar`, `Mu’ammar`, `Muʿammar`): they are dropped.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | '`' | '´' | 'ʹ' | 'ʻ' | 'ʼ' | 'ʽ' | 'ʾ' | 'ʿ' | '′' | 'ˈ'
    )
}

/// Where a fold writes: a `String`, or a buffer of UTF-8 bytes (the
/// matcher's arena of folded words), which folds plain words in place.
pub trait FoldOut {
    fn push_char(&mut self, c: char);
    /// Appends [`fold_plain_word`] of `word`; false, with nothing
    /// appended, for a word that is not plain.
    fn push_plain(&mut self, word: &str) -> bool;
}

impl FoldOut for String {
    fn push_char(&mut self, c: char) {
        self.push(c);
    }

    fn push_plain(&mut self, word: &str) -> bool {
        let start = self.len();
        let bytes = word.as_bytes();
        // A plain word never grows.
        self.reserve(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let folded = if b < 0x80 {
                i += 1;
                fold_plain_ascii(b).map(char::from)
            } else {
                // A lead byte other than ASCII has a byte after it.
                i += 2;
                match fold_plain_pair(b, bytes[i - 1]) {
                    OTHER => None,
                    DROP => continue,
                    // Five bits of the lead byte, six of the other.
                    pair => char::from_u32(u32::from(pair & 0x1F00) >> 2 | u32::from(pair & 0x3F)),
                }
            };
            match folded {
                Some(c) => self.push(c),
                None => {
                    self.truncate(start);
                    return false;
                }
            }
        }
        true
    }
}

impl FoldOut for Vec<u8> {
    fn push_char(&mut self, c: char) {
        self.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }

    /// Copies the word, then folds the copy in place.
    fn push_plain(&mut self, word: &str) -> bool {
        let start = self.len();
        self.extend_from_slice(word.as_bytes());
        let buf = &mut self[start..];
        let (mut read, mut write) = (0, 0);
        while read < buf.len() {
            let b = buf[read];
            if b < 0x80 {
                let Some(folded) = fold_plain_ascii(b) else {
                    break;
                };
                buf[write] = folded;
                read += 1;
                write += 1;
                continue;
            }
            // A lead byte other than ASCII has a byte after it.
            match fold_plain_pair(b, buf[read + 1]) {
                OTHER => break,
                DROP => {}
                pair => {
                    [buf[write], buf[write + 1]] = pair.to_be_bytes();
                    write += 2;
                }
            }
            read += 2;
        }
        let plain = read == buf.len();
        self.truncate(if plain { start + write } else { start });
        plain
    }
}

/// [`fold_plain_word`] of an ASCII byte: `None` for any but a letter or
/// digit.
#[inline(always)]
fn fold_plain_ascii(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b + 0x20),
        b'a'..=b'z' | b'0'..=b'9' => Some(b),
        _ => None,
    }
}

/// [`fold_plain_pair`] of a character no plain word has.
const OTHER: u16 = 0;
/// [`fold_plain_pair`] of a character folding drops.
const DROP: u16 = 1;

/// [`fold_plain_word`] of the two-byte character `b`, `next`: the two
/// bytes it folds to (big-endian), [`DROP`] or [`OTHER`].
#[inline(always)]
fn fold_plain_pair(b: u8, next: u8) -> u16 {
    // Every lead byte a plain word has is D0, D1, D8 or D9.
    if b & 0xF6 != 0xD0 {
        return OTHER;
    }
    PAIRS[pair_slot(b, next)]
}

/// The place of a character led by D0, D1, D8 or D9 in [`PAIRS`].
const fn pair_slot(b: u8, next: u8) -> usize {
    ((((b >> 2) & 2) | (b & 1)) as usize) << 6 | (next & 0x3F) as usize
}

/// [`fold_plain_pair_of`] of every character led by D0, D1, D8 or D9.
static PAIRS: [u16; 256] = {
    let mut table = [OTHER; 256];
    let leads = [0xD0, 0xD1, 0xD8, 0xD9];
    let mut l = 0;
    while l < leads.len() {
        let mut next = 0x80;
        while next < 0xC0 {
            table[pair_slot(leads[l], next)] = fold_plain_pair_of(leads[l], next);
            next += 1;
        }
        l += 1;
    }
    table
};

/// How a plain word folds the two-byte character `b`, `next`.
const fn fold_plain_pair_of(b: u8, next: u8) -> u16 {
    let [lead, next] = match (b, next) {
        // Russian: а..п and р..я stay, А..П and Р..Я go to lower case,
        // Ё and ё are е.
        (0xD0, 0xB0..=0xBF) | (0xD1, 0x80..=0x8F) => [b, next],
        (0xD0, 0x90..=0x9F) => [0xD0, next + 0x20],
        (0xD0, 0xA0..=0xAF) => [0xD1, next - 0x20],
        (0xD0, 0x81) | (0xD1, 0x91) => [0xD0, 0xB5],
        // Arabic (see `arabic::normalize_char`): آ أ إ → ا, ؤ → و,
        // ئ → ي, ة → ه, ى → ي; tatweel and the tashkeel that never
        // compose with a letter are dropped.
        (0xD8, 0xA2 | 0xA3 | 0xA5) => [0xD8, 0xA7],
        (0xD8, 0xA4) => [0xD9, 0x88],
        (0xD8, 0xA6) | (0xD9, 0x89) => [0xD9, 0x8A],
        (0xD8, 0xA9) => [0xD9, 0x87],
        (0xD8, 0xA1..=0xBA) | (0xD9, 0x81..=0x8A) => [b, next],
        (0xD9, 0x80 | 0x8B..=0x92) => return DROP,
        _ => return OTHER,
    };
    u16::from_be_bytes([lead, next])
}

/// Folds one Latin letter to lower-case ASCII where it has an obvious base
/// letter (`é` → `e`, `ş` → `s`, `ß` → `ss`).
fn push_latin_folded(c: char, out: &mut impl FoldOut) {
    let folded = match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ł' | 'Ł' => "l",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        _ => {
            let mut base = None;
            decompose_canonical(c, |d| {
                if base.is_none() {
                    base = Some(d);
                }
            });
            base.unwrap_or(c)
                .to_lowercase()
                .for_each(|c| out.push_char(c));
            return;
        }
    };
    folded.chars().for_each(|c| out.push_char(c));
}

/// The soft hyphen (U+00AD): an invisible break point that text pasted
/// from web pages carries inside words (`Tar\u{AD}khuna`). Folding drops
/// it, as it does apostrophes.
pub const SOFT_HYPHEN: char = '\u{AD}';

/// Folds a single word: NFC, lower case, Latin diacritics, apostrophes,
/// soft hyphens, Arabic orthography and `ё`. An English possessive `'s` is
/// dropped. Articles are left to [`fold`], which sees the neighbouring
/// words.
pub fn fold_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_word_into(word, &mut out);
    out
}

/// [`fold_word`], appending to `out`.
pub fn fold_word_into(word: &str, out: &mut impl FoldOut) {
    if !fold_plain_word(word, out) {
        fold_general(word, out);
    }
}

/// [`fold_word_into`] of any word: what [`fold_plain_word`] must agree with
/// where it takes a word. A soft hyphen (which no plain word has) is
/// dropped before composing, so that it keeps no mark from its letter.
fn fold_general(word: &str, out: &mut impl FoldOut) {
    let word = strip_possessive(word);
    let chars = || word.chars().filter(|&c| c != SOFT_HYPHEN);
    // Most words are already NFC: skip the composing pass for them.
    if is_nfc_quick(chars()) == IsNormalized::Yes {
        fold_chars(chars(), out);
    } else {
        fold_chars(chars().nfc(), out);
    }
}

/// [`fold_word_into`] for the common case of a word made only of ASCII
/// letters and digits, Russian letters, or Arabic letters with tashkeel and
/// tatweel: none of these compose under NFC or carry an apostrophe, so
/// each character folds on its own. Returns false, with `out` unchanged,
/// for any other word.
fn fold_plain_word(word: &str, out: &mut impl FoldOut) -> bool {
    out.push_plain(word)
}

fn fold_chars(chars: impl Iterator<Item = char>, out: &mut impl FoldOut) {
    for c in chars {
        if is_apostrophe(c) {
            continue;
        }
        match Script::of_char(c) {
            Some(Script::Latin) => push_latin_folded(c, out),
            Some(Script::Arabic) => {
                if let Some(n) = arabic::normalize_char(c) {
                    out.push_char(n);
                }
            }
            Some(Script::Cyrillic) => {
                out.push_char(russian::lowercase(russian::normalize_char(c)));
            }
            _ if is_combining_mark(c) => {}
            _ => c.to_lowercase().for_each(|c| out.push_char(c)),
        }
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        || ('\u{064B}'..='\u{065F}').contains(&c)
}

/// `Haftar's` / `Haftar’s` → `Haftar`.
fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= 2
                && stem
                    .chars()
                    .all(|c| !matches!(Script::of_char(c), Some(Script::Arabic | Script::Cyrillic)))
            {
                return stem;
            }
        }
    }
    word
}

/// Latin spellings of the Arabic article before a sun letter, which
/// assimilates it: `ad-Dawa`, `as-Sidra`, `ash-Shati`, `Az Zawiyah`,
/// `Es Sider`. Only an article when the next word starts with the same
/// consonant(s).
pub fn is_assimilated_article(word: &str, next: &str) -> bool {
    if let Some(cons) = word.strip_prefix('a').or_else(|| word.strip_prefix('e')) {
        return matches!(cons, "d" | "dh" | "n" | "r" | "s" | "sh" | "t" | "th" | "z")
            && next.starts_with(cons);
    }
    // Russian writes the same: `ас-Сиси`, `аш-Шатт`, `эз-Завия`.
    if let Some(cons) = word.strip_prefix('а').or_else(|| word.strip_prefix('э')) {
        return matches!(cons, "д" | "н" | "р" | "с" | "ш" | "т" | "з") && next.starts_with(cons);
    }
    false
}

/// Whether folded `word`, followed by folded `next`, is the Arabic article
/// written as a word of its own: `al`, `el`, `аль`, `эль`, or assimilated
/// to the next word's first consonant.
pub fn is_article(word: &str, next: &str) -> bool {
    matches!(word, "al" | "el" | "аль" | "эль") || is_assimilated_article(word, next)
}

/// Folds a word sequence to its match key: every word folded with
/// [`fold_word`], the Arabic article (`al-`, `el-`, `Al`, assimilated
/// `az-`, joined `ال`) removed, `عبدال…` written apart, words joined by
/// single spaces. Empty when `text` has no words.
///
/// Spelling choices an editor may want to correct (`Abdel` for `Abdul`)
/// are *not* folded away: they are the phonetic layer's to forgive.
pub fn fold(text: &str) -> String {
    let folded: Vec<String> = words(text).map(|w| fold_word(w.text)).collect();
    let mut out: Vec<String> = Vec::with_capacity(folded.len());
    for (i, word) in folded.iter().enumerate() {
        let next = folded.get(i + 1).map(String::as_str);
        if let Some(next) = next {
            if is_article(word, next) {
                continue;
            }
        }
        let (key, more) = key_words(word);
        out.push(key.to_string());
        out.extend(more.map(str::to_string));
    }
    out.join(" ")
}

/// The key words [`fold`] makes of a folded word it keeps: `عبدال…`
/// written apart (`عبد` and the rest, both slices of `word`), else the
/// word with the Arabic article stripped.
pub fn key_words(word: &str) -> (&str, Option<&str>) {
    match word
        .strip_prefix("عبدال")
        .filter(|r| r.chars().count() >= 2)
    {
        Some(rest) => (&word[.."عبد".len()], Some(rest)),
        None => (arabic::strip_article(word), None),
    }
}

/// [`fold`] of a text that is one word made of Latin, Cyrillic or Arabic
/// letters only, which UAX #29 keeps whole: no need to segment it.
/// Other texts are folded by [`fold`].
pub fn fold_simple(text: &str) -> String {
    let simple = !text.is_empty()
        && text.chars().all(|c| {
            matches!(c as u32,
                0x41..=0x5A | 0x61..=0x7A | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F
                | 0x400..=0x481 | 0x48A..=0x52F | 0x621..=0x63A | 0x641..=0x64A | 0x671..=0x6D3)
        });
    if !simple {
        return fold(text);
    }
    let word = fold_word(text);
    match key_words(&word) {
        (key, None) if key.len() == word.len() => word,
        (key, None) => key.to_string(),
        (key, Some(more)) => format!("{key} {more}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_diacritics_and_apostrophes() {
        assert_eq!(fold("Mu'ammar"), "muammar");
        assert_eq!(fold("Mu’ammar"), fold("Muammar"));
        assert_eq!(fold("Muʿammar al-Qadhdhāfī"), "muammar qadhdhafi");
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("SALAMÉ"), "salame");
        assert_eq!(fold("Kubiš"), "kubis");
    }

    #[test]
    fn articles_unify() {
        let expected = fold("Mismari");
        for spelling in [
            "al-Mismari",
            "Al Mismari",
            "el-Mismari",
            "AL-MISMARI",
            "al Mismari",
        ] {
            assert_eq!(fold(spelling), expected, "{spelling}");
        }
        assert_eq!(fold("Az Zawiyah"), "zawiyah");
        assert_eq!(fold("ash-Shati"), "shati");
        assert_eq!(fold("Es Sider"), "sider");
        assert_eq!(fold("ас-Сиси"), "сиси");
        assert_eq!(fold("Ахмед аль-Мисмари"), "ахмед мисмари");
        assert_eq!(fold("Эз-Завия"), "завия");
        // Not an article: the next word does not start with the consonant.
        assert_eq!(fold("as Tripoli"), "as tripoli");
        // A lone "al" is a word.
        assert_eq!(fold("Al"), "al");
    }

    #[test]
    fn arabic_abd_written_apart() {
        assert_eq!(fold("عبد الحميد الدبيبة"), fold("عبدالحميد الدبيبه"));
        // Latin spelling choices stay distinct: an editor may correct them.
        assert_ne!(fold("Abdul Hamid"), fold("Abdel Hamid"));
    }

    #[test]
    fn hyphens_and_spacing() {
        assert_eq!(fold("Saif al-Islam"), fold("Saif Al Islam"));
        assert_eq!(fold("  Bani   Walid "), "bani walid");
        assert_eq!(fold("Bani-Walid"), "bani walid");
    }

    #[test]
    fn soft_hyphens_dropped() {
        // Text pasted from web pages carries invisible break points.
        assert_eq!(fold_word("Tar\u{AD}khuna"), "tarkhuna");
        assert_eq!(fold("Mis\u{AD}u\u{AD}rata"), fold("Misurata"));
        assert_eq!(fold("Мису\u{AD}рату"), "мисурату");
        assert_eq!(fold("مصرا\u{AD}تة"), fold("مصراتة"));
        assert_eq!(fold("Haf\u{AD}tar's"), "haftar");
        // Between a letter and its mark, it keeps neither from composing.
        assert_eq!(fold_word("Sala\u{AD}me\u{AD}\u{301}"), "salame");
        assert_eq!(fold_word("\u{AD}"), "");
        let mut bytes = Vec::new();
        fold_word_into("Mis\u{AD}rata", &mut bytes);
        assert_eq!(bytes, b"misrata");
    }

    #[test]
    fn possessive_dropped() {
        assert_eq!(fold("Haftar's"), "haftar");
        assert_eq!(fold("Haftar’s"), "haftar");
    }

    #[test]
    fn arabic_orthography() {
        assert_eq!(fold("مصراتة"), fold("مصراته"));
        assert_eq!(fold("أجدابيا"), fold("اجدابيا"));
        assert_eq!(fold("الزاوية"), fold("زاويه"));
        assert_eq!(fold("مُعَمَّر القَذّافي"), "معمر قذافي");
    }

    #[test]
    fn cyrillic() {
        assert_eq!(fold("Хафтар"), "хафтар");
        assert_eq!(fold("Ёлкин"), "елкин");
        // й keeps its identity (it carries case endings).
        assert_eq!(fold("Тархуной"), "тархуной");
    }

    #[test]
    fn simple_words_fold_as_fold_does() {
        for text in [
            "Haftar",
            "ХАФТАРОМ",
            "Érdoğan",
            "عبدالحميد",
            "الزاوية",
            "ومصراتة",
            "Хафтар's",
            "al-Mismari",
            "Mu'ammar",
            "",
            "a b",
            "ال",
            "عبدال",
            "ё",
        ] {
            assert_eq!(fold_simple(text), fold(text), "{text}");
        }
    }

    #[test]
    fn plain_words_fold_as_the_general_path_does() {
        for word in [
            "Haftar",
            "TARHUNA",
            "2011",
            "ХАФТАРОМ",
            "Ёлкин",
            "ёж",
            "مُعَمَّر",
            "طـــرابلس",
            "أجدابيا",
            "مصراتة",
            "مصطفى",
            "ومصراته",
            "x9",
        ] {
            let mut fast = String::new();
            assert!(fold_plain_word(word, &mut fast), "{word}");
            assert_eq!(fast, general(word), "{word}");
        }
        // Words that need the general path are left to it.
        for word in [
            "Haftar's",
            "Salamé",
            "e\u{301}",
            "و\u{654}",
            "Ђ",
            "ک",
            "Tar\u{AD}huna",
        ] {
            let mut out = String::from("kept");
            assert!(!fold_plain_word(word, &mut out), "{word}");
            assert_eq!(out, "kept");
        }
    }

    /// The general path alone: what [`fold_plain_word`] must agree with.
    fn general(word: &str) -> String {
        let mut out = String::new();
        fold_general(word, &mut out);
        out
    }

    /// Characters the plain path takes, some it leaves to the general one,
    /// and the boundaries of the ranges it maps.
    const LETTERS: &[char] = &[
        'a', 'z', 'A', 'Z', '0', '9', '\'', '_', 'é', 'ß', 'Ѐ', 'Ё', 'Ѕ', 'Џ', 'А', 'П', 'Р', 'Я',
        'а', 'п', 'р', 'я', 'ѐ', 'ё', 'ѕ', 'џ', 'Ѡ', 'ء', 'آ', 'أ', 'ؤ', 'إ', 'ئ', 'ا', 'ة', 'غ',
        'ػ', 'ـ', 'ف', 'ى', 'ي', '\u{64b}', '\u{652}', '\u{653}', '\u{654}', '\u{670}', 'ک', '٣',
        '،', 'ア', '\u{AD}',
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn plain_path_agrees_with_the_general_one(
            picks in proptest::collection::vec(0..LETTERS.len(), 0..12)
        ) {
            let word: String = picks.iter().map(|&i| LETTERS[i]).collect();
            let mut fast = String::from("x");
            if fold_plain_word(&word, &mut fast) {
                proptest::prop_assert_eq!(&fast[1..], general(&word), "{:?}", word);
            } else {
                proptest::prop_assert_eq!(fast, "x");
            }
            let mut bytes = b"x".to_vec();
            fold_word_into(&word, &mut bytes);
            let folded = fold_word(&word);
            proptest::prop_assert_eq!(&bytes[1..], folded.as_bytes(), "{:?}", word);
        }
    }

    #[test]
    fn nothing_to_fold() {
        assert_eq!(fold(""), "");
        assert_eq!(fold(" -- «» "), "");
    }
}
