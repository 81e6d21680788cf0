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
    let starts_upper = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let same_shape = found_words.len() == listed_words.len()
        && listed_words.len() == target_words.len()
        && listed_words
            .iter()
            .zip(&target_words)
            .all(|(l, t)| starts_upper(l) == starts_upper(t));
    if !same_shape {
        // No word-by-word correspondence (`Большой Сирт` for `залив
        // Сидра`): the found name's case goes to the house form's head word. That is its first word when it is a
        // common noun before a name (`залив Сидра`, `город Сирт`: the name
        // stays in the genitive), else its last word.
        let (Some(f), Some(l)) = (found_words.last(), listed_words.last()) else {
            return target.to_string();
        };
        let lower_first = target_words.len() > 1
            && target_words[0]
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
        let head = if lower_first {
            0
        } else {
            target_words.len().saturating_sub(1)
        };
        return target_words
            .iter()
            .enumerate()
            .map(|(k, t)| {
                if k == head {
                    inflect_like(f, l, t)
                } else {
                    t.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
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
