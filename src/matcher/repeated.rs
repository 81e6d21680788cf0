//! Words next to a mention that its rewrite would write again: `Radaa
//! force` → `Rada Special Deterrence Force`, not `… Force force`; `в горах
//! Джебель-Нефуса` → `в горах Нафуса`, not `в горах гор Нафуса`. Such words
//! go into the mention, so that the rewrite replaces them.

use super::tokens::{joins_name, Token};
use super::Mention;
use crate::text::{fold_word, russian, Script};

/// Whether two words are the same but for case.
fn same(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Whether `gap`, between two words, is white space within a name.
fn joins(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(char::is_whitespace) && joins_name(gap)
}

/// Takes the English words after a mention (word `last` its last) into it
/// when the rewrite ends with them (`Radaa Special Deterrence Force`,
/// `Radaa force`), the last also in the plural (`Radaa forces`). Returns
/// how many it took.
pub(super) fn take_repeated_tail(
    text: &str,
    tokens: &[Token],
    last: usize,
    m: &mut Mention,
) -> usize {
    let found = &text[m.start..m.end];
    if m.suggestion == found {
        return 0;
    }
    // Cheap test first, at every English mention: the next word must be
    // one of the rewrite's, give or take a plural ending.
    let Some(next) = tokens.get(last + 1) else {
        return 0;
    };
    let near = |word: &str| {
        let (a, b) = (word.len(), next.text.len());
        (a == b || a + 1 == b || a + 2 == b)
            && word
                .bytes()
                .next()
                .zip(next.text.bytes().next())
                .is_some_and(|(x, y)| x.eq_ignore_ascii_case(&y))
    };
    if !m.suggestion.split_whitespace().any(near) {
        return 0;
    }
    let wanted: Vec<&str> = m.suggestion.split_whitespace().collect();
    let found_last = found.rsplit(char::is_whitespace).next().unwrap_or("");
    let plural_of = |written: &str, word: &str| {
        ["", "s", "es"].iter().any(|plural| {
            written.len() == word.len() + plural.len()
                && written.is_char_boundary(word.len())
                && written[word.len()..].eq_ignore_ascii_case(plural)
                && same(&written[..word.len()], word)
        })
    };
    // The longest tail of the rewrite that the text goes on with.
    for n in (1..wanted.len()).rev() {
        let tail = &wanted[wanted.len() - n..];
        let Some(after) = tokens.get(last + 1..last + 1 + n) else {
            continue;
        };
        let mut end = m.end;
        let written = after.iter().zip(tail).enumerate().all(|(k, (t, word))| {
            let ok = !t.protected
                && t.script == Script::Latin
                && joins(&text[end..t.start])
                && if k + 1 == n {
                    plural_of(t.text, word)
                } else {
                    same(t.text, word)
                };
            end = t.end;
            ok
        });
        // A name written with its generic word already is left as it is
        // (`Rada Force force`).
        if written && !same(found_last, tail[0]) {
            m.trailing = end - m.end;
            m.end = end;
            return n;
        }
    }
    0
}

/// Takes the Russian word before a mention (word `first` its first) into it
/// when the rewrite starts with that word in any case (`в горах
/// Джебель-Нефуса` → `в горах Нафуса`; `залив Большой Сирт` → `залив
/// Сидра`): the word stays as written, in its case, and the rest of the
/// rewrite follows it. Not before `resume`, where the last mention ends.
pub(super) fn take_repeated_head(
    text: &str,
    tokens: &[Token],
    first: usize,
    m: &mut Mention,
    resume: usize,
) {
    let Some(before) = first.checked_sub(1).map(|k| &tokens[k]) else {
        return;
    };
    let found = &text[m.start..m.end];
    if before.protected
        || before.start < resume
        || before.script != Script::Cyrillic
        || m.suggestion == found
        || !joins(&text[before.end..m.start])
    {
        return;
    }
    let Some((head, rest)) = m.suggestion.split_once(' ') else {
        return;
    };
    // Cheap test first, at every Russian mention: the two words begin
    // alike.
    fn start(word: &str) -> impl Iterator<Item = char> + '_ {
        word.chars().take(2).flat_map(char::to_lowercase)
    }
    if before.text.len() < 4 || !start(before.text).eq(start(head)) {
        return;
    }
    let stem = |word: &str| russian::stem(&fold_word(word));
    let found_head = found.split([' ', '-']).next().unwrap_or("");
    if stem(before.text) != stem(head) || stem(found_head) == stem(head) {
        return;
    }
    m.suggestion = format!("{} {rest}", before.text);
    m.clitics += m.start - before.start;
    m.start = before.start;
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn mention(text: &str, found: &str, suggestion: &str) -> (Vec<Token<'static>>, Mention) {
        let text: &'static str = Box::leak(text.to_string().into_boxed_str());
        let start = text.find(found).unwrap();
        let m = Mention {
            start,
            end: start + found.len(),
            entry: 0,
            form: 0,
            kind: crate::lookup::MatchKind::Variant,
            lang: "en".into(),
            suggestion: suggestion.into(),
            confidence: 1.0,
            settled_surname: false,
            clitics: 0,
            trailing: 0,
        };
        (tokenize(text), m)
    }

    fn tail(text: &str, found: &str, suggestion: &str) -> String {
        let (tokens, mut m) = mention(text, found, suggestion);
        let last = tokens.iter().position(|t| t.end == m.end).unwrap();
        take_repeated_tail(text, &tokens, last, &mut m);
        text[m.start..m.end].to_string()
    }

    fn head(text: &str, found: &str, suggestion: &str) -> (String, String) {
        let (tokens, mut m) = mention(text, found, suggestion);
        let first = tokens.iter().position(|t| t.start == m.start).unwrap();
        take_repeated_head(text, &tokens, first, &mut m, 0);
        (text[m.start..m.end].to_string(), m.suggestion)
    }

    const RADA: &str = "Rada Special Deterrence Force";

    #[test]
    fn the_words_a_rewrite_ends_with_are_taken_after_it() {
        assert_eq!(tail("the Radaa force left", "Radaa", RADA), "Radaa force");
        assert_eq!(tail("two Radaa forces left", "Radaa", RADA), "Radaa forces");
        assert_eq!(
            tail("the Radaa Special Deterrence Force left", "Radaa", RADA),
            "Radaa Special Deterrence Force"
        );
        // Not another word, not across a sentence end.
        assert_eq!(tail("the Radaa forced it", "Radaa", RADA), "Radaa");
        assert_eq!(tail("the Radaa. Force was used", "Radaa", RADA), "Radaa");
        assert_eq!(tail("the Radaa force", "Radaa", "Radaa"), "Radaa");
    }

    #[test]
    fn the_russian_word_a_rewrite_starts_with_is_taken_before_it() {
        assert_eq!(
            head(
                "Бои шли в горах Джебель-Нефуса.",
                "Джебель-Нефуса",
                "гор Нафуса"
            ),
            ("горах Джебель-Нефуса".into(), "горах Нафуса".into())
        );
        assert_eq!(
            head(
                "Танкер прошёл залив Большой Сирт.",
                "Большой Сирт",
                "залив Сидра"
            ),
            ("залив Большой Сирт".into(), "залив Сидра".into())
        );
        // Another word before it stays outside.
        assert_eq!(
            head("Бои шли у Джебель-Нефусы.", "Джебель-Нефусы", "гор Нафуса"),
            ("Джебель-Нефусы".into(), "гор Нафуса".into())
        );
    }
}
