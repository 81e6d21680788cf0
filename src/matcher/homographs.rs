//! Words written as a listed name that are something else where they stand:
//! part of another name (`الدار البيضاء`, Casablanca; `Hun Sen`; `US House
//! of Representatives`), or an everyday Arabic word (`هذه الزاوية`, this
//! angle; `السنوات الخمس`, the five years).
//!
//! Or inside an everyday phrase (`سرت شائعات`, rumours spread; `هون
//! عليك`, take it easy), read as an other name is.
//!
//! The lists are `glossary/ordinary/other-names.txt`, `phrases.txt` and
//! `ar-adjectives.txt`, embedded in the binary.

use super::gate::clitic_prefixes;
use super::tokens::{tokenize, Token};
use crate::text::ordinary::{is_arabic_adjective, is_arabic_given_name, is_arabic_particle};
use crate::text::{arabic, fold_word, russian, Script};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The other names as shipped: one a line, `#` comments.
const OTHER_NAMES: &str = include_str!("../../glossary/ordinary/other-names.txt");

/// The everyday phrases as shipped, in the same form.
const EVERYDAY_PHRASES: &str = include_str!("../../glossary/ordinary/phrases.txt");

/// Arabic demonstratives, folded ([`fold_word`]): a word with the article
/// after one of them is a noun (`هذه الزاوية`, this angle), not a name.
const DEMONSTRATIVES: [&str; 12] = [
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "ذاك",
    "هولاء",
    "اوليك",
    "هذان",
    "هاتان",
    "هذين",
    "هاتين",
    "تلكم",
];

/// Arabic relative pronouns, folded, which have the article's letters but
/// are no noun with it.
const RELATIVES: [&str; 7] = [
    "الذي",
    "التي",
    "الذين",
    "اللذان",
    "اللتان",
    "اللاتي",
    "اللواتي",
];

/// Whether the words `first..=last`, found as a listed name, are part of
/// another name or an everyday Arabic word where they stand. `folded` is
/// word `first` folded.
pub(super) fn reads_otherwise(
    text: &str,
    tokens: &[Token],
    (first, last): (usize, usize),
    folded: &str,
) -> bool {
    inside_other_name(text, tokens, first, last, folded)
        || (first == last && arabic_everyday_word(text, tokens, first, folded))
        || (first < last && arabic_patronymic(text, tokens, first, folded))
}

/// Whether a name written with `بن` (`بن غازي`, Benghazi in two words)
/// follows a given name: it is then a patronymic, part of a person's name
/// (`محمد بن غازي`).
fn arabic_patronymic(text: &str, tokens: &[Token], first: usize, folded: &str) -> bool {
    if folded != "بن" || first == 0 {
        return false;
    }
    let before = &tokens[first - 1];
    before.script == Script::Arabic
        && text[before.end..tokens[first].start]
            .chars()
            .all(char::is_whitespace)
        && is_arabic_given_name(before.text, None)
}

/// One word of a listed other name.
struct NameWord {
    folded: String,
    script: Script,
}

/// An other name: its words, and the characters other than white space
/// written between each two of them.
struct OtherName {
    words: Vec<NameWord>,
    gaps: Vec<String>,
}

/// The other names, and for each folded word the names and places it has.
struct OtherNames {
    names: Vec<OtherName>,
    by_word: FxHashMap<String, Vec<(u32, u32)>>,
    /// A bit for the last bytes of each Arabic word of `by_word`
    /// ([`ending_bit`]): a word behind proclitics ends as the word does,
    /// so one whose bit is clear is none of them.
    arabic_endings: Box<[u64; 64]>,
}

/// The bit of [`OtherNames::arabic_endings`] for a word's last four bytes
/// (two Arabic letters).
fn ending_bit(word: &str) -> usize {
    let bytes = word.as_bytes();
    let tail = &bytes[bytes.len().saturating_sub(4)..];
    let mut last = [0u8; 4];
    last[4 - tail.len()..].copy_from_slice(tail);
    (u32::from_le_bytes(last).wrapping_mul(0x9E37_79B1) >> 20) as usize
}

fn other_names() -> &'static OtherNames {
    static NAMES: OnceLock<OtherNames> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = Vec::new();
        let mut by_word: FxHashMap<String, Vec<(u32, u32)>> = FxHashMap::default();
        // An other name has two words or more; an everyday phrase may be
        // one word with its clitics (`بسلامة`, safely).
        let lines = |list: &'static str, words: usize| {
            list.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .map(move |line| (line, words))
        };
        for (line, fewest) in lines(OTHER_NAMES, 2).chain(lines(EVERYDAY_PHRASES, 1)) {
            let tokens = tokenize(line);
            if tokens.len() < fewest {
                continue;
            }
            let words: Vec<NameWord> = tokens
                .iter()
                .map(|t| NameWord {
                    folded: word_key(t.text, t.script),
                    script: t.script,
                })
                .collect();
            let gaps = tokens
                .windows(2)
                .map(|pair| marks(&line[pair[0].end..pair[1].start]))
                .collect();
            for (at, word) in words.iter().enumerate() {
                by_word
                    .entry(word.folded.clone())
                    .or_default()
                    .push((names.len() as u32, at as u32));
            }
            names.push(OtherName { words, gaps });
        }
        let mut arabic_endings = Box::new([0u64; 64]);
        for word in by_word
            .keys()
            .filter(|w| Script::detect(w) == Script::Arabic)
        {
            let bit = ending_bit(word);
            arabic_endings[bit / 64] |= 1 << (bit % 64);
        }
        OtherNames {
            names,
            by_word,
            arabic_endings,
        }
    })
}

/// A word as the other names are compared: folded, a Russian word to its
/// stem (`Хун Сена` is `Хун Сен`).
fn word_key(word: &str, script: Script) -> String {
    let mut folded = fold_word(word);
    folded.truncate(key_len(&folded, script));
    folded
}

/// The bytes of a folded word that [`word_key`] keeps.
fn key_len(folded: &str, script: Script) -> usize {
    if script == Script::Cyrillic {
        russian::stem_len(folded)
    } else {
        folded.len()
    }
}

/// The characters of a gap between words other than white space.
fn marks(gap: &str) -> String {
    gap.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a word of the text is `word` of an other name: an Arabic word
/// also behind proclitics (`بالدار`).
fn word_is(token: &Token, word: &NameWord) -> bool {
    if token.script != word.script {
        return false;
    }
    let key = word_key(token.text, token.script);
    key == word.folded
        || (token.script == Script::Arabic
            && arabic::clitic_readings(&key)
                .iter()
                .skip(1)
                .any(|&(_, stem)| stem == word.folded))
}

/// Whether the gap between two words of the text may stand where the name
/// has `listed` (its marks): the same marks, or a comma or hyphen more,
/// with no paragraph break.
fn gap_agrees(gap: &str, listed: &str) -> bool {
    !gap.contains("\n\n")
        && marks(gap)
            .chars()
            .all(|c| listed.contains(c) || matches!(c, ',' | '-' | '‐' | '–' | '،'))
}

/// Whether the words `first..=last` lie inside one of the other names,
/// written whole around them.
fn inside_other_name(
    text: &str,
    tokens: &[Token],
    first: usize,
    last: usize,
    folded: &str,
) -> bool {
    let names = other_names();
    let script = tokens[first].script;
    let key = &folded[..key_len(folded, script)];
    // An Arabic word is also looked up behind its proclitics (`وسرت
    // شائعات`), when it ends as a word of the names does.
    let ending = ending_bit(key);
    let behind_clitics = (script == Script::Arabic
        && names.arabic_endings[ending / 64] & 1 << (ending % 64) != 0)
        .then(|| clitic_prefixes(key.as_bytes()).map(|prefix| &key[prefix..]))
        .into_iter()
        .flatten();
    std::iter::once(key)
        .chain(behind_clitics)
        .filter_map(|key| names.by_word.get(key))
        .flatten()
        .any(|&(name, at)| {
            let name = &names.names[name as usize];
            let (at, n) = (at as usize, name.words.len());
            let Some(start) = first.checked_sub(at) else {
                return false;
            };
            start + n > last
                && start + n <= tokens.len()
                && (0..n).all(|j| word_is(&tokens[start + j], &name.words[j]))
                && (0..n - 1).all(|j| {
                    let gap = &text[tokens[start + j].end..tokens[start + j + 1].start];
                    gap_agrees(gap, &name.gaps[j])
                })
        })
}

/// Whether the Arabic word `i`, written with the article, is an everyday
/// word by the word before it: a noun after a demonstrative (`هذه
/// الزاوية`), or an adjective or numeral of [`is_arabic_adjective`] after a
/// noun with the article (`السنوات الخمس`).
fn arabic_everyday_word(text: &str, tokens: &[Token], i: usize, folded: &str) -> bool {
    let token = &tokens[i];
    if token.script != Script::Arabic || i == 0 || !folded.starts_with(arabic::ARTICLE) {
        return false;
    }
    let before = &tokens[i - 1];
    let gap = &text[before.end..token.start];
    if before.script != Script::Arabic || !gap.chars().all(|c| c == ' ' || c == '\u{A0}') {
        return false;
    }
    let before = fold_word(before.text);
    // Behind a conjunction too (`وهذه الزاوية`, and this angle).
    let demonstrative = before.strip_prefix(['و', 'ف']).unwrap_or(&before);
    DEMONSTRATIVES.contains(&before.as_str())
        || DEMONSTRATIVES.contains(&demonstrative)
        || (is_arabic_adjective(folded) && is_definite_noun(&before))
}

/// Whether the folded Arabic `word` is written with the article, behind an
/// optional conjunction and preposition (`الزاوية`, `والزاوية`,
/// `بالزاوية`, `للزاوية`).
fn written_with_article(word: &str) -> bool {
    arabic::after_article(word).is_some_and(|stem| stem.chars().count() >= 2)
}

/// Whether a listed Arabic spelling whose first word has the article is
/// matched by a word written without it (`بيضاء`, white, for `البيضاء`;
/// `زاوية`, an angle, for `الزاوية`): an Arabic name keeps its article,
/// and the word without it is an everyday word, which a rewrite would make
/// ungrammatical (`ورقة البيضاء`). `folded` is the text's word folded.
pub(super) fn article_left_out(listed: &str, folded: &str) -> bool {
    // The word written with the article, the common case, is told first.
    !written_with_article(folded)
        && listed.starts_with(arabic::ARTICLE)
        && written_with_article(&fold_word(listed.split(' ').next().unwrap_or("")))
}

/// Whether a folded Arabic word is a definite noun: with the article,
/// behind any proclitics (`السنوات`, `والدول`, `للسنوات`), three letters or
/// more after it, and no particle or relative pronoun (`إلى` folds as
/// `الي`; `التي`); or a noun in `ة` with a possessive pronoun (`سيارته`,
/// his car; `قاعدتها`, her base).
fn is_definite_noun(folded: &str) -> bool {
    if is_arabic_particle(folded) || RELATIVES.contains(&folded) {
        return false;
    }
    arabic::after_article(folded).is_some_and(|stem| stem.chars().count() >= 3)
        || POSSESSED_TA_MARBUTA.iter().any(|ending| {
            folded
                .strip_suffix(ending)
                .is_some_and(|noun| noun.chars().count() >= 2)
        })
}

/// Endings of a noun in `ة` with a possessive pronoun, where the `ة` is
/// written `ت`.
const POSSESSED_TA_MARBUTA: [&str; 8] = ["ته", "تها", "تهم", "تهما", "تهن", "تنا", "تك", "تكم"];

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(text: &str, word: &str) -> bool {
        let tokens = tokenize(text);
        let i = tokens.iter().position(|t| t.text == word).unwrap();
        reads_otherwise(text, &tokens, (i, i), &fold_word(word))
    }

    #[test]
    fn a_word_of_an_everyday_phrase_is_not_the_glossary_name() {
        assert!(reads("سرت شائعات عن إغلاق الميناء.", "سرت"));
        // Behind a conjunction, and a phrase of one word with its clitic.
        assert!(reads("وسرت أنباء عن هدنة.", "وسرت"));
        assert!(reads("عاد الصيادون بسلامة إلى الميناء.", "بسلامة"));
        assert!(reads("قال لها: هون عليك.", "هون"));
        assert!(reads("خلال الخمس سنوات الماضية.", "الخمس"));
        assert!(reads("ركن سيارته البيضاء أمام البيت.", "البيضاء"));
        // The same words as names.
        assert!(!reads("وصل الوفد إلى سرت أمس.", "سرت"));
        assert!(!reads("التقى المبعوث سلامة بالوفد.", "سلامة"));
        assert!(!reads("وسرت هادئة منذ أسابيع.", "وسرت"));
    }

    #[test]
    fn a_name_inside_another_name_is_not_the_glossary_name() {
        assert!(reads("عقد الاجتماع في الدار البيضاء بالمغرب.", "البيضاء"));
        assert!(reads("وصل الوفد بالدار البيضاء أمس.", "البيضاء"));
        assert!(reads(
            "released under the GNU General Public License",
            "GNU"
        ));
        assert!(reads("Cambodia's Hun Sen arrived.", "Hun"));
        assert!(reads("Встреча с Хун Сеном прошла.", "Хун"));
        assert!(reads(
            "Protests in the Lebanese city of Tripoli.",
            "Tripoli"
        ));
        // (`Tripoli, Lebanon` is told by its country: `abroad`.)
        assert!(reads("وصل الوفد إلى طرابلس الشام أمس.", "طرابلس"));
        // The name behind its proclitics.
        assert!(reads("ولد الشاعر بطرابلس الشام.", "بطرابلس"));
        // The name elsewhere, or the other name cut by a sentence end.
        assert!(!reads("وصلت القوات إلى البيضاء أمس.", "البيضاء"));
        assert!(!reads("Forces reached Hun. Sen said nothing.", "Hun"));
        assert!(!reads(
            "Talks in Tripoli ended. Lebanon said nothing.",
            "Tripoli"
        ));
    }

    #[test]
    fn several_words_are_checked_whole() {
        let text = "The US House of Representatives voted.";
        let tokens = tokenize(text);
        let i = tokens.iter().position(|t| t.text == "House").unwrap();
        assert!(reads_otherwise(text, &tokens, (i, i + 2), "house"));
        let text = "The House of Representatives in Tobruk voted.";
        let tokens = tokenize(text);
        let i = tokens.iter().position(|t| t.text == "House").unwrap();
        assert!(!reads_otherwise(text, &tokens, (i, i + 2), "house"));
    }

    #[test]
    fn the_closed_lists_are_written_folded() {
        for word in DEMONSTRATIVES.iter().chain(&RELATIVES) {
            assert_eq!(fold_word(word), *word);
        }
    }

    #[test]
    fn benghazi_in_two_words_after_a_given_name_is_a_patronymic() {
        let reads_two = |text: &str| {
            let tokens = tokenize(text);
            let i = tokens.iter().position(|t| t.text == "بن").unwrap();
            reads_otherwise(text, &tokens, (i, i + 1), "بن")
        };
        assert!(reads_two("والتقى رجل الأعمال محمد بن غازي القادم من طبرق."));
        assert!(!reads_two("وصلت التعزيزات إلى بن غازي صباح الأحد."));
    }

    #[test]
    fn an_arabic_name_keeps_its_article() {
        for word in ["البيضاء", "والبيضاء", "بالبيضاء", "للزاوية", "فالزاوية"]
        {
            assert!(!article_left_out("البيضاء", &fold_word(word)), "{word}");
        }
        for word in ["بيضاء", "وخمس", "زاوية", "سدرة"] {
            assert!(article_left_out("الزاوية", &fold_word(word)), "{word}");
        }
        assert!(!article_left_out("مصراتة", &fold_word("ومصراته")));
        // Letters like the article's that are none (`ألي`).
        assert!(!article_left_out("ألي", &fold_word("ألي")));
    }

    #[test]
    fn arabic_everyday_readings_are_told_by_the_word_before() {
        assert!(reads("ينظر المحللون إلى الأزمة من هذه الزاوية.", "الزاوية"));
        assert!(reads("تضاعفت الأسعار خلال السنوات الخمس الماضية.", "الخمس"));
        assert!(reads("رفع المقاتلون الراية البيضاء.", "البيضاء"));
        assert!(reads("في الأعوام والسنوات الخمس.", "الخمس"));
        // After a preposition, an indefinite noun or a relative pronoun,
        // the name.
        assert!(!reads("وصل الوفد إلى البيضاء.", "البيضاء"));
        assert!(!reads("اشتباكات في مدينة الخمس.", "الخمس"));
        assert!(!reads("المدينة التي الخمس.", "الخمس"));
        // A place name that is no adjective after a noun with the article.
        assert!(!reads("دخلت القوات الزاوية.", "الزاوية"));
    }
}
