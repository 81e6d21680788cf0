//! The house form as it belongs at the spot where a mention was found.

use crate::text::fold::fold_simple as fold;
use crate::text::{arabic, russian, Script};

/// How the mention's first word was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clitics {
    /// Bytes of the found text that are Arabic proclitics (conjunction,
    /// preposition), not part of the name.
    pub prefix: usize,
}

/// Builds the suggestion for a mention.
///
/// `found` is the text as found, `listed` the glossary spelling it matched
/// (or came closest to), `target` the house form to bring it to. The result
/// keeps the found text's Arabic clitic prefixes, Russian case endings and
/// all-capitals (headline) style.
pub fn suggestion(found: &str, listed: &str, target: &str, clitics: Clitics) -> String {
    let script = Script::detect(found);
    let mut out = match script {
        Script::Arabic => with_clitics(&found[..clitics.prefix], target),
        Script::Cyrillic => with_russian_endings(found, listed, target),
        _ => target.to_string(),
    };
    // A headline in capitals keeps them; an abbreviation (listed in
    // capitals itself) is not a headline.
    if is_all_caps(found) && !is_all_caps(listed) {
        out = out.to_uppercase();
    }
    out
}

fn is_all_caps(text: &str) -> bool {
    let mut letters = 0;
    let mut cased = false;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
        cased |= c.is_lowercase() != c.is_uppercase();
    }
    letters >= 2 && cased
}

/// `و` + `مصراتة` → `ومصراتة`; `ل` + `الجيش` → `للجيش` (the article's alef
/// drops after ل).
fn with_clitics(prefix: &str, target: &str) -> String {
    // A prefix read as ending in the contracted article (`لل`, `ولل`) gives
    // the article back to the target, which writes its own.
    let prefix = match prefix.strip_suffix("لل") {
        Some(before) => format!("{before}ل"),
        None => prefix.to_string(),
    };
    if prefix.ends_with('ل') {
        if let Some(rest) = target.strip_prefix(arabic::ARTICLE) {
            return format!("{prefix}ل{rest}");
        }
    }
    format!("{prefix}{target}")
}

/// Carries the case ending of each found word over to the house form:
/// `Хифтером` (listed `Хифтер`) → `Хафтаром`; `Правительством национального
/// консенсуса` (listed `Правительство национального консенсуса`) →
/// `Правительством национального согласия`. Words as listed stay as the
/// house form has them.
fn with_russian_endings(found: &str, listed: &str, target: &str) -> String {
    let found_words: Vec<&str> = found.split_whitespace().collect();
    let listed_words: Vec<&str> = listed.split_whitespace().collect();
    let target_words: Vec<&str> = target.split_whitespace().collect();
    if found_words.len() != listed_words.len() || listed_words.len() != target_words.len() {
        // No word-by-word correspondence: inflect the last word only.
        if let (Some(f), Some(l), Some(t)) =
            (found_words.last(), listed_words.last(), target_words.last())
        {
            let mut words: Vec<String> = target_words[..target_words.len() - 1]
                .iter()
                .map(|w| w.to_string())
                .collect();
            words.push(inflect_like(f, l, t));
            return words.join(" ");
        }
        return target.to_string();
    }
    found_words
        .iter()
        .zip(&listed_words)
        .zip(&target_words)
        .map(|((f, l), t)| inflect_like(f, l, t))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Gives `target` the ending that turns `listed` into `found`.
fn inflect_like(found: &str, listed: &str, target: &str) -> String {
    let (f, l) = (fold(found), fold(listed));
    if f == l {
        return target.to_string();
    }
    let found_ending = ending(&f);
    let listed_ending = ending(&l);
    let t = fold(target);
    if found_ending.chars().count() > 4 || !t.ends_with(&listed_ending) {
        return target.to_string();
    }
    let keep = target.chars().count() - listed_ending.chars().count();
    let stem: String = target.chars().take(keep).collect();
    format!("{stem}{found_ending}")
}

/// The inflectional ending of a folded Russian word: what its stem leaves.
fn ending(word: &str) -> String {
    let stem = russian::stem(word);
    word.strip_prefix(stem.as_str()).unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_case_carries_over() {
        assert_eq!(
            suggestion("Хифтером", "Хифтер", "Хафтар", Clitics::default()),
            "Хафтаром"
        );
        assert_eq!(
            suggestion("Мисураты", "Мисурата", "Мисрата", Clitics::default()),
            "Мисраты"
        );
        assert_eq!(
            suggestion(
                "Правительством национального консенсуса",
                "Правительство национального консенсуса",
                "Правительство национального согласия",
                Clitics::default()
            ),
            "Правительством национального согласия"
        );
        assert_eq!(
            suggestion("Тархуной", "Тархуна", "Тархуна", Clitics::default()),
            "Тархуной"
        );
        // Indeclinable: unchanged.
        assert_eq!(
            suggestion("Триполи", "Триполи", "Триполи", Clitics::default()),
            "Триполи"
        );
    }

    #[test]
    fn arabic_clitics_are_kept() {
        let found = "ومصراته";
        let prefix = "و".len();
        assert_eq!(
            suggestion(found, "مصراتة", "مصراتة", Clitics { prefix }),
            "ومصراتة"
        );
        assert_eq!(
            suggestion("للجيش", "الجيش", "الجيش", Clitics { prefix: "ل".len() }),
            "للجيش"
        );
        assert_eq!(
            suggestion(
                "وبطرابلس",
                "طرابلس",
                "طرابلس",
                Clitics {
                    prefix: "وب".len()
                }
            ),
            "وبطرابلس"
        );
    }

    #[test]
    fn headline_capitals_are_kept() {
        assert_eq!(
            suggestion("TARKHUNA", "Tarkhuna", "Tarhuna", Clitics::default()),
            "TARHUNA"
        );
        assert_eq!(
            suggestion("Tarkhuna", "Tarkhuna", "Tarhuna", Clitics::default()),
            "Tarhuna"
        );
        assert_eq!(
            suggestion("tarkhuna", "Tarkhuna", "Tarhuna", Clitics::default()),
            "Tarhuna"
        );
    }
}
