//! Ordinary words: everyday vocabulary that is never a misspelt name.
//!
//! Arabic has no capitals to tell a name from a word, and a large glossary
//! holds names a letter away from the commonest words of the language
//! (`إلى` "to" folds as a name `ألي` does; `المدينة` "the city" is one
//! letter from a name `المينة`). A word in the list, as written in a text,
//! is taken for a listed name only when it is written as that spelling is
//! listed, and never for one by similarity. The lists are
//! `glossary/ordinary/ar.txt` and `ar-particles.txt`, embedded in the
//! binary.
//!
//! English and Russian tell a name by its capital, but a capitalised word
//! may still be an everyday word at a sentence start (`Separate`, which
//! sounds as `Sabratha` does) or someone else's name (`Gabriel`, not
//! `Jibril`). `en.txt` and `ru.txt` list such words that come within a
//! letter or a sound of a house name: never taken for one by similarity.

use super::{arabic, fold_word, Script};
use std::collections::HashSet;
use std::sync::OnceLock;

/// The Arabic list as shipped: one word a line, `#` comments.
const ARABIC: &str = include_str!("../../glossary/ordinary/ar.txt");

/// Arabic particles (prepositions and other closed-class words), everyday
/// even as a short stem behind a conjunction: same format.
const ARABIC_PARTICLES: &str = include_str!("../../glossary/ordinary/ar-particles.txt");

/// Common Arabic given names: same format.
const ARABIC_GIVEN_NAMES: &str = include_str!("../../glossary/ordinary/ar-given-names.txt");

/// Glossary names with the article that are also everyday adjectives or
/// numerals: same format.
const ARABIC_ADJECTIVES: &str = include_str!("../../glossary/ordinary/ar-adjectives.txt");

/// Everyday English words and other names near house names: same format.
const ENGLISH: &str = include_str!("../../glossary/ordinary/en.txt");

/// Everyday Russian words (each case form listed) and other names near
/// house names: same format.
const RUSSIAN: &str = include_str!("../../glossary/ordinary/ru.txt");

/// Letters a word must keep, once proclitics are peeled off, to be looked
/// for in the list: shorter stems are too often part of a name (`فيصل` is
/// `ف` + `يصل`, `كمال` is `ك` + `مال`).
const MIN_STEM_LETTERS: usize = 4;

/// The list's words folded, each also without its article when written
/// with one (`المدينة` gives `المدينه` and `مدينه`; `إليه` only `اليه`).
fn arabic_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| folded_list(ARABIC))
}

/// The particles' list folded, as [`arabic_words`].
fn arabic_particles() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| folded_list(ARABIC_PARTICLES))
}

fn folded_list(list: &str) -> HashSet<String> {
    let mut words = HashSet::new();
    for word in list
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
    {
        let folded = fold_word(word);
        if word.starts_with(arabic::ARTICLE) {
            words.insert(arabic::strip_article(&folded).to_string());
        }
        words.insert(folded);
    }
    words
}

/// Whether the Arabic `word` (as written, or folded) is an ordinary word:
/// in the list itself, or behind proclitics and the article (`والقوات`)
/// with four letters or more left, or a particle behind a conjunction
/// alone (`وإلى`), however short.
pub fn is_ordinary_arabic(word: &str) -> bool {
    is_ordinary_arabic_folded(&fold_word(word))
}

/// [`is_ordinary_arabic`] of a word already folded ([`fold_word`]).
pub fn is_ordinary_arabic_folded(folded: &str) -> bool {
    let words = arabic_words();
    words.contains(folded)
        || arabic::clitic_readings(folded)
            .into_iter()
            .skip(1)
            .any(|(prefix, stem)| {
                let conjunction_alone = matches!(&folded[..prefix], "و" | "ف");
                (conjunction_alone && arabic_particles().contains(stem)) || {
                    let stem = arabic::strip_article(stem);
                    stem.chars().count() >= MIN_STEM_LETTERS && words.contains(stem)
                }
            })
}

/// Whether a folded word of `script` ([`fold_word`]) is never a misspelt
/// name: an everyday Arabic word ([`is_ordinary_arabic_folded`]), or an
/// English or Russian word of `en.txt` or `ru.txt`, as written there.
pub fn is_everyday_folded(script: Script, folded: &str) -> bool {
    static ENGLISH_WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    static RUSSIAN_WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    match script {
        Script::Arabic => is_ordinary_arabic_folded(folded),
        Script::Latin => ENGLISH_WORDS
            .get_or_init(|| folded_list(ENGLISH))
            .contains(folded),
        Script::Cyrillic => RUSSIAN_WORDS
            .get_or_init(|| folded_list(RUSSIAN))
            .contains(folded),
        _ => false,
    }
}

/// Whether a folded Arabic word is a particle of the list (`إلى`, `على`).
pub fn is_arabic_particle(folded: &str) -> bool {
    arabic_particles().contains(folded)
}

/// Whether a folded Arabic word, with its article, is a glossary name that
/// is also an everyday adjective or numeral (`البيضاء`, white; `الخمس`,
/// five).
pub fn is_arabic_adjective(folded: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS
        .get_or_init(|| folded_list(ARABIC_ADJECTIVES))
        .contains(folded)
}

fn arabic_given_names() -> &'static HashSet<String> {
    static NAMES: OnceLock<HashSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| folded_list(ARABIC_GIVEN_NAMES))
}

/// Whether a folded word is a given name of `names` behind the conjunction
/// `و` or `ف` (`وبلقاسم`, and Belqasim), and no given name as it stands.
/// A particle is none behind one either: `وعلى` (and on) folds as `و` +
/// `علي` (Ali) does.
fn is_given_name_behind_conjunction(names: &HashSet<String>, folded: &str) -> bool {
    !names.contains(folded)
        && folded.strip_prefix(['و', 'ف']).is_some_and(|rest| {
            rest.chars().count() >= 3 && names.contains(rest) && !is_arabic_particle(rest)
        })
}

/// Whether the Arabic `word` (as written) is a common given name behind a
/// conjunction (`وبلقاسم`): it starts a new name, whatever stands before.
pub fn is_arabic_given_name_after_and(word: &str) -> bool {
    is_given_name_behind_conjunction(arabic_given_names(), &fold_word(word))
}

/// Whether the Arabic `word` (as written) is a common given name, or the
/// second word of a compound one: `الله` of `عبد الله` when `before` (the
/// word before it, if any) is `عبد` or `أبو`, or `الدين` after a word
/// (`زين الدين`).
pub fn is_arabic_given_name(word: &str, before: Option<&str>) -> bool {
    let names = arabic_given_names();
    let folded = fold_word(word);
    names.contains(&folded)
        || is_given_name_behind_conjunction(names, &folded)
        // `زين الدين`, `نور الدين`, `صلاح الدين`.
        || (folded == "الدين" && before.is_some())
        || before.is_some_and(|b| matches!(fold_word(b).as_str(), "عبد" | "ابو" | "بو"))
}

/// Whether the Arabic `word` is on the list of everyday words as it
/// stands, proclitics and all (`لصالح`, in favour of, is listed whole):
/// then it is an everyday word whatever name its stem may be.
pub fn is_listed_whole(word: &str) -> bool {
    is_listed_whole_folded(&fold_word(word))
}

/// [`is_listed_whole`] of a word already folded ([`fold_word`]).
pub fn is_listed_whole_folded(folded: &str) -> bool {
    arabic_words().contains(folded)
}

/// Whether `found`, a word of a text after its `clitics`, is `listed` as
/// written: only vowel marks and tatweel may differ (`ألِي` is `ألي`;
/// `إلى` is not), and a listed article may have gone into a clitic `ل`
/// (`للمدينة`: `لل` + `مدينة` for `المدينة`).
pub fn written_as_listed(found: &str, listed: &str, clitics: &str) -> bool {
    let letters = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|&c| !matches!(c, '\u{64B}'..='\u{652}' | '\u{670}' | '\u{640}'))
            .collect()
    };
    let found = letters(found);
    let listed = letters(listed);
    found == listed
        || (clitics.ends_with('ل') && listed.starts_with(&['ا', 'ل']) && found == listed[2..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_are_known_in_any_spelling_and_compounds_by_their_first_word() {
        assert!(is_arabic_given_name("محمد", None));
        assert!(is_arabic_given_name("اسامه", None));
        assert!(is_arabic_given_name("رياض", Some("قال")));
        assert!(is_arabic_given_name("وبلقاسم", None));
        assert!(!is_arabic_given_name_after_and("وعلى"));
        assert!(is_arabic_given_name("الله", Some("عبد")));
        assert!(is_arabic_given_name("بكر", Some("أبو")));
        assert!(is_arabic_given_name("الدين", Some("زين")));
        assert!(!is_arabic_given_name("الله", None));
        assert!(!is_arabic_given_name("قال", None));
    }

    #[test]
    fn everyday_words_are_ordinary_behind_clitics_and_article() {
        for word in [
            "إلى",
            "الى",
            "قالت",
            "وقال",
            "المدينة",
            "مدينة",
            "والمدينة",
            "بالمدينة",
            "مصادر",
            "القوات",
            "إليه",
            "اليه",
            // Particles behind a conjunction, however short.
            "وإلى",
            "فإلى",
            "وعلى",
            "وبعد",
            "ومن",
        ] {
            assert!(is_ordinary_arabic(word), "{word}");
        }
    }

    #[test]
    fn a_word_is_listed_whole_only_as_it_stands_on_the_list() {
        // `لصالح` (in favour of) is on the list with its `ل`; `صالح` alone
        // and behind another prefix is not.
        assert!(is_listed_whole("لصالح"));
        assert!(is_listed_whole("لِصالح"));
        assert!(!is_listed_whole("صالح"));
        assert!(!is_listed_whole("وصالح"));
        // Found through a reading, not listed whole.
        assert!(is_ordinary_arabic("والمدينة"));
        assert!(!is_listed_whole("والمدينة"));
    }

    #[test]
    fn names_are_not_ordinary() {
        // `فيصل` reads as `ف` + `يصل` (arrives), `فادي` as `ف` + `أدى`, `بقال`
        // as `ب` + `قال`: too short a stem to count.
        for word in [
            "طرابلس",
            "مصراتة",
            "حفتر",
            "وبطرابلس",
            "الزاوية",
            "ترهونة",
            "فيصل",
            "فادي",
            "بقال",
            "يه",
            // A particle behind a preposition is no everyday reading, nor
            // a short stem that is no particle behind a conjunction.
            "بعلى",
            "وائل",
            "فهد",
            "وعد",
        ] {
            assert!(!is_ordinary_arabic(word), "{word}");
        }
    }

    #[test]
    fn as_written_allows_vowel_marks_and_a_contracted_article_only() {
        assert!(written_as_listed("ألي", "ألي", ""));
        assert!(written_as_listed("ألِـي", "ألي", "و"));
        assert!(!written_as_listed("إلى", "ألي", ""));
        assert!(written_as_listed("مدينة", "المدينة", "لل"));
        assert!(!written_as_listed("مدينة", "المدينة", ""));
        assert!(!written_as_listed("مدينه", "المدينة", "لل"));
    }

    proptest::proptest! {
        /// Any text at all is answered, without a panic: Arabic letters,
        /// marks, tatweel and clitic letters in any order, or anything.
        #[test]
        fn any_word_is_answered(
            word in "[\u{621}-\u{652}\u{640}\u{670}ﻻ]{0,12}|\\PC{0,12}",
            listed in "[\u{621}-\u{652}\u{640}]{0,6}|\\PC{0,6}",
            clitics in "[وفبكل]{0,3}",
        ) {
            let _ = is_ordinary_arabic(&word);
            let _ = written_as_listed(&word, &listed, &clitics);
            proptest::prop_assert!(written_as_listed(&word, &word, &clitics));
        }
    }

    #[test]
    fn the_shipped_lists_are_clean() {
        for (file, list, script) in [
            ("ar.txt", ARABIC, Script::Arabic),
            ("en.txt", ENGLISH, Script::Latin),
            ("ru.txt", RUSSIAN, Script::Cyrillic),
        ] {
            for (n, line) in list.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                assert!(
                    !line.contains(char::is_whitespace),
                    "{file}:{}: one word a line",
                    n + 1
                );
                assert!(
                    Script::detect(line) == script,
                    "{file}:{}: not a word of the list's script: {line}",
                    n + 1
                );
            }
        }
    }

    #[test]
    fn everyday_english_and_russian_words_are_known_in_any_case() {
        for (script, word) in [
            (Script::Latin, "Separate"),
            (Script::Latin, "COBBLER"),
            (Script::Latin, "Gabriel's"),
            (Script::Latin, "Praça"),
            (Script::Cyrillic, "Введён"),
            (Script::Cyrillic, "мерзкого"),
            (Script::Arabic, "والمدينة"),
        ] {
            assert!(is_everyday_folded(script, &fold_word(word)), "{word}");
        }
        for (script, word) in [
            (Script::Latin, "Sabratha"),
            (Script::Latin, "Kobler"),
            (Script::Cyrillic, "Уаддан"),
            (Script::Cyrillic, "Мурзука"),
            (Script::Arabic, "طرابلس"),
        ] {
            assert!(!is_everyday_folded(script, &fold_word(word)), "{word}");
        }
    }
}
