//! Words next to a mention that its rewrite would write again: `Radaa
//! force` → `Rada Special Deterrence Force`, not `… Force force`; `в горах
//! Джебель-Нефуса` → `в горах Нафуса`, not `в горах гор Нафуса`. Such words
//! go into the mention, so that the rewrite replaces them.

use super::tokens::{is_spaced_plus, joins_name, joins_numbers, tokenize, Token};
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

/// Takes the words before a mention (word `first` its first) into it when
/// the rewrite starts with them, so that it does not write them twice: in
/// English the same words but for case (`the Libyan LNA` → `the Libyan
/// National Army`, `the 5+5 JMC` → `the 5+5 Joint Military Commission`),
/// which the rewrite then writes as the house form has them; in Russian
/// words of the same stem in any case (`в горах Джебель-Нефуса` → `в горах
/// Нафуса`; `залив Большой Сирт` → `залив Сидра`; `Ливийская ЛНА` →
/// `Ливийская национальная армия`), which stay as written, in their case,
/// with the rest of the rewrite after them. The most words the rewrite
/// starts with, all but its last; not before `resume`, where the last
/// mention ends, nor when the name found starts with those words already.
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
    let script = tokens[first].script;
    // Nothing taken in before the name already (clitics, an article).
    if m.clitics != 0
        || m.start != tokens[first].start
        || before.protected
        || before.start < resume
        || !matches!(script, Script::Latin | Script::Cyrillic)
        || m.suggestion == found
        || !joins(&text[before.end..m.start])
    {
        return;
    }
    // Cheap test first, at every mention: the word before and the
    // rewrite's first word begin alike.
    fn start(word: &str) -> impl Iterator<Item = char> + '_ {
        word.chars()
            .take_while(|c| c.is_alphanumeric())
            .take(2)
            .flat_map(char::to_lowercase)
    }
    if !start(before.text).eq(start(&m.suggestion)) {
        return;
    }
    let stem = |word: &str| russian::stem(&fold_word(word));
    let alike = |written: &Token, word: &Token| {
        written.script == word.script
            && match written.script {
                Script::Cyrillic => {
                    written.text.len() >= 4 && stem(written.text) == stem(word.text)
                }
                Script::Arabic => false,
                _ => same(written.text, word.text),
            }
    };
    let wanted = tokenize(&m.suggestion);
    // A name written with those words already is left as it is.
    if wanted.len() < 2 || alike(&tokens[first], &wanted[0]) {
        return;
    }
    // The longest run of the rewrite's first words, up to a space in it,
    // that the text writes right before the mention.
    let taken = (1..wanted.len()).rev().find(|&n| {
        let gap = &m.suggestion[wanted[n - 1].end..wanted[n].start];
        if !joins(gap) || n > first {
            return false;
        }
        let written = &tokens[first - n..first];
        written[0].start >= resume
            && written
                .iter()
                .zip(&wanted[..n])
                .all(|(t, w)| !t.protected && alike(t, w))
            && written
                .windows(2)
                .zip(wanted[..n].windows(2))
                .all(|(t, w)| {
                    let (t_gap, w_gap) = (
                        &text[t[0].end..t[1].start],
                        &m.suggestion[w[0].end..w[1].start],
                    );
                    t_gap == w_gap
                        || joins(t_gap) && joins(w_gap)
                        || sum_alike(&t[0], t_gap, &t[1], w_gap)
                })
    });
    let Some(n) = taken else {
        return;
    };
    let head_start = tokens[first - n].start;
    if script == Script::Cyrillic {
        // An adjective heading the name agrees with the words after it: the
        // rewrite, in the case the context asks, stands as it is when the
        // text's adjective is in that case (`с ливийской ЛНА` → `с
        // Ливийской национальной армией`). In another case or number
        // (`Ливийские ЛНА и ПНС`), the words after it would not agree: the
        // rewrite is left to an editor.
        if is_russian_adjective(&wanted[0].text.to_lowercase()) {
            let agree = tokens[first - n..first]
                .iter()
                .zip(&wanted[..n])
                .all(|(t, w)| fold_word(t.text) == fold_word(w.text));
            if !agree {
                m.confidence = m.confidence.min(super::CASE_UNKNOWN);
                return;
            }
        } else {
            // A noun heading it keeps its case, and the rest, a genitive,
            // follows (`в горах Нафуса`).
            let rest = &m.suggestion[wanted[n - 1].end..];
            m.suggestion = format!("{}{rest}", &text[head_start..before.end]);
        }
    }
    m.clitics += m.start - head_start;
    m.start = head_start;
}

/// Whether two numbers written with `t_gap` between them are the two of
/// a rewrite that writes them with a plus sign (`w_gap`): a plus with
/// spaces around it, or a space where the plus was lost, is that sign
/// (`the 5 + 5 JMC` and `the 5 5 JMC` → `the 5+5 Joint Military
/// Commission`, never `the 5 + 5 5+5 …`), as the listed stage reads
/// `5 + 5 Joint Military Commission` as the name.
fn sum_alike(before: &Token, t_gap: &str, after: &Token, w_gap: &str) -> bool {
    is_spaced_plus(w_gap)
        && (joins_numbers(before.text, t_gap, after.text)
            || joins(t_gap)
                && before
                    .text
                    .bytes()
                    .next_back()
                    .is_some_and(|b| b.is_ascii_digit())
                && after
                    .text
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_digit()))
}

/// Whether a lower-case Russian word ends as an adjective does
/// (`ливийская`, `ливийской`, `национальные`).
fn is_russian_adjective(word: &str) -> bool {
    const ENDINGS: [&str; 16] = [
        "ая", "яя", "ый", "ий", "ой", "ое", "ее", "ые", "ие", "ую", "юю", "ого", "его", "ому",
        "ых", "их",
    ];
    word.chars().count() >= 5 && ENDINGS.iter().any(|e| word.ends_with(e))
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

    #[test]
    fn the_english_words_a_rewrite_starts_with_are_taken_before_it() {
        const LNA: &str = "Libyan National Army";
        const JMC: &str = "5+5 Joint Military Commission";
        assert_eq!(
            head("The Libyan LNA met.", "LNA", LNA),
            ("Libyan LNA".into(), LNA.into())
        );
        // In any case, written as the house form has it.
        assert_eq!(
            head("the libyan LNA met", "LNA", LNA),
            ("libyan LNA".into(), LNA.into())
        );
        // Several words, joined as the rewrite joins them.
        assert_eq!(
            head("The 5+5 JMC met.", "JMC", JMC),
            ("5+5 JMC".into(), JMC.into())
        );
        // A plus with spaces around it, or lost, is the rewrite's.
        assert_eq!(
            head("The 5 + 5 JMC met.", "JMC", JMC),
            ("5 + 5 JMC".into(), JMC.into())
        );
        assert_eq!(
            head("The 5 5 JMC met.", "JMC", JMC),
            ("5 5 JMC".into(), JMC.into())
        );
        // One number is not the two.
        assert_eq!(
            head("The 5 JMC officers met.", "JMC", JMC),
            ("JMC".into(), JMC.into())
        );
        assert_eq!(
            head("The 4 + 5 JMC met.", "JMC", JMC),
            ("JMC".into(), JMC.into())
        );
        // A word the rewrite does not start with, or one across a
        // sentence end, stays outside; so does the whole rewrite.
        assert_eq!(
            head(
                "The Libyan GNA met.",
                "GNA",
                "Government of National Accord"
            ),
            ("GNA".into(), "Government of National Accord".into())
        );
        assert_eq!(
            head("in Libyan. LNA met", "LNA", LNA),
            ("LNA".into(), LNA.into())
        );
        assert_eq!(
            head(
                "the Libyan Libyan National Army",
                "Libyan National Army",
                LNA
            ),
            ("Libyan National Army".into(), LNA.into())
        );
    }
}
