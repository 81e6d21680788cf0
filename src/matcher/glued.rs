//! Names glued to a word of their own script (`HaftarGovernment`,
//! `ХафтарПравительство`: text pasted from a layout that lost a space),
//! read apart when nothing is found from the whole word. Words of two
//! scripts glued together are read apart earlier, by the tokeniser
//! ([`glued_at`](super::tokens)).

use super::memo::ResolvedMemo;
use super::tokens::{tokenize, Token};
use super::words::Words;
use super::{starts_with_article, Matcher, Mention, ScanOptions, FUZZY_WORDS};
use crate::text::Script;

impl Matcher {
    /// Word `i`, from which nothing was found, read as two words where a
    /// name in its own script is glued to it ([`glued_name_at`]):
    /// the name is looked for from where it starts, with the first part
    /// before it as context.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn scan_glued(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        resume: &mut usize,
        options: &ScanOptions,
        mentions: &mut Vec<Mention>,
        memo: &mut ResolvedMemo,
    ) {
        let t = &tokens[i];
        if t.protected || !matches!(t.script, Script::Latin | Script::Cyrillic) {
            return;
        }
        let Some(at) = glued_name_at(t.text, |w| self.gate.opens(w, t.script)) else {
            return;
        };
        let (head, tail) = t.text.split_at(at);
        let ahead = self.max_words.max(FUZZY_WORDS) + 2;
        let mut apart = Vec::with_capacity(ahead + 2);
        apart.push(Token {
            end: t.start + at,
            text: head,
            script: Script::detect(head),
            ..*t
        });
        apart.push(Token {
            start: t.start + at,
            text: tail,
            script: Script::detect(tail),
            ..*t
        });
        apart.extend_from_slice(&tokens[i + 1..(i + 1 + ahead).min(tokens.len())]);
        let mut words = Words::for_a_few();
        words.fill(&apart, &self.gate);
        let (found_before, resume_before) = (mentions.len(), *resume);
        self.scan_block(
            text,
            &apart,
            &mut words,
            1..2,
            resume,
            options,
            mentions,
            memo,
            false,
        );
        // The capital that tells the two words apart must outlive the
        // rewrite, in the same script, and no article may come between
        // (`GhawilWatiyah` → `Ghawilal-Watiya` or `GhawilAl-Watiya`, and
        // `KaraMustafa` → `KaraМустафа`, would read otherwise the next
        // time).
        let starts_upper = |s: &str| {
            s.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() && Script::of_char(c) == Some(t.script))
        };
        if mentions[found_before..].iter().any(|m| {
            !starts_upper(&m.suggestion)
                || !starts_upper(&text[m.start..])
                || starts_with_article(&m.suggestion)
                || !self.rewrite_reads_the_same(text, tokens, i, m, options)
        }) {
            mentions.truncate(found_before);
            *resume = resume_before;
        }
    }

    /// Whether the text around word `i`, once mention `m` glued to it is
    /// rewritten, still reads as that mention and no name from before it
    /// runs into it: the words before the glued word and the rewrite may
    /// make another name (`Nati-⏎onal AccordGNA` → `National
    /// AccordGovernment…`, read the next time as `National Accord
    /// Government`). The words around are read as a scan would, without
    /// reading glued words apart (which would find the rewrite again).
    fn rewrite_reads_the_same(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        m: &Mention,
        options: &ScanOptions,
    ) -> bool {
        let reach = self.max_words.max(FUZZY_WORDS) + 2;
        let from = tokens[i.saturating_sub(reach)].start;
        let last = tokens[i..].iter().take_while(|t| t.start < m.end).count() + i;
        let to = tokens[(last + reach).min(tokens.len()) - 1].end.max(m.end);
        let rewritten = format!(
            "{}{}{}",
            &text[from..m.start],
            m.suggestion,
            &text[m.end..to]
        );
        let (start, end) = (m.start - from, m.start - from + m.suggestion.len());
        let tokens = tokenize(&rewritten);
        let mut words = Words::for_a_few();
        words.fill(&tokens, &self.gate);
        let mut read = Vec::new();
        self.scan_block(
            &rewritten,
            &tokens,
            &mut words,
            0..tokens.len(),
            &mut 0,
            options,
            &mut read,
            &mut ResolvedMemo::default(),
            false,
        );
        // What starts inside the rewrite is judged when the scan gets
        // there (the words after it may yet be rewritten themselves).
        read.iter()
            .filter(|r| r.start <= start && start < r.end)
            .all(|r| r.start == start && r.end == end)
    }
}

/// Where a word of one script glued to a name in the same script
/// (`HaftarGovernment`, `ХафтарПравительство`: text pasted from a layout
/// that lost a space) may be read as two: the first place where a
/// lower-case letter meets a capital, with four letters or more before it
/// (an article glued to a name, `AlSarraj`, `AleAwuji`, is the name
/// misspelt, for similarity to find whole) and two or more after it, and
/// the rest `opens` a listed name while the whole word does not. The matcher reads a word apart only when it found nothing from
/// the whole of it: a name's words with the space between them lost
/// (`TannaeIksha`) are found whole by similarity, and names written with
/// an inner capital (`McDonald`) whole as listed.
fn glued_name_at(word: &str, opens: impl Fn(&str) -> bool) -> Option<usize> {
    let mut letters = 0;
    let mut prev_lower = false;
    for (at, c) in word.char_indices() {
        if c.is_uppercase() && prev_lower && letters >= 4 {
            let rest = &word[at..];
            if rest.chars().filter(|c| c.is_alphabetic()).count() >= 2 && opens(rest) {
                return (!opens(word)).then_some(at);
            }
        }
        prev_lower = c.is_lowercase();
        letters += usize::from(c.is_alphabetic());
    }
    None
}

/// Whether a Latin or Cyrillic capital comes after the fourth byte of
/// `word`, where [`glued_name_at`] may read it apart (a quick test,
/// asked once per distinct word of a scan).
pub(super) fn has_inner_capital(word: &[u8]) -> bool {
    (4..word.len()).any(|i| {
        word[i].is_ascii_uppercase()
            || (word[i - 1] == 0xD0 && matches!(word[i], 0x81 | 0x90..=0xAF))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_glued_to_a_word_of_its_own_script_may_be_read_apart() {
        let opens = |w: &str| ["Government", "Правительство", "McDonald"].contains(&w);
        assert_eq!(glued_name_at("HaftarGovernment", opens), Some(6));
        assert_eq!(
            glued_name_at("ХафтарПравительство", opens),
            Some("Хафтар".len())
        );
        // A name written with an inner capital, a rest that starts no name,
        // an article before it, no inner capital.
        for word in ["McDonald", "WhatsApp", "AlGovernment", "Government"] {
            assert_eq!(glued_name_at(word, opens), None, "{word}");
        }
    }
}
