//! Whether a run of words in context can be the name it spells: the
//! heuristics that keep ordinary words, other people's names and sentence
//! starts out of the findings.

use super::tokens::{joins_name, Token};
use super::word_class;
use crate::lookup::IndexedForm;
use crate::text::case::{is_letter, is_upper};
use crate::text::{arabic, fold_word, Script};
use std::collections::HashSet;
use std::sync::OnceLock;

/// A word list, turned into a set on first use.
pub(super) type WordSet = OnceLock<HashSet<&'static str>>;

/// Whether `word`, in lower case, is in `list`.
pub(super) fn in_list(word: &str, set: &WordSet, list: &'static [&'static str]) -> bool {
    let set = set.get_or_init(|| list.iter().copied().collect());
    ascii_or_lower(word, |w| set.contains(w))
}

/// A one-word name listed with a capital is a name only when written with
/// one (`Тархуна`, not the herb `тархуна`), and one listed in capitals (an
/// abbreviation) only when written in capitals (`ISIS`, not the goddess
/// `Isis`; a Russian case ending aside, `ИГИЛа`). Longer names are
/// distinctive enough in any case (`government of national consensus`).
pub(super) fn capitals_agree(form: &IndexedForm, token: &Token, name: &str, words: usize) -> bool {
    let capital = |s: &str| s.chars().find(|&c| is_letter(c)).is_some_and(is_upper);
    if words > 1 || !matches!(token.script, Script::Latin | Script::Cyrillic) {
        return true;
    }
    if !capital(&form.text) {
        return true;
    }
    let listed = form.text.chars().filter(|&c| is_letter(c));
    let letters = listed.clone().count();
    let abbreviation = letters >= 2 && listed.clone().all(is_upper);
    capital(name)
        && (!abbreviation
            || name
                .chars()
                .filter(|&c| is_letter(c))
                .take(letters)
                .all(is_upper))
}

/// A Russian name of several words listed with a capital on its first
/// word, a noun (`Рассвет Ливии`), found with that word in lower case: the
/// words after it must be written as listed (`правительства национального
/// согласия` for `Правительство национального согласия`), since a name's
/// dependent words do not change with its case, while a common noun
/// followed by other words is no name (`на рассвете Ливия спала`, at dawn
/// Libya slept).
pub(super) fn lower_case_head_agrees(listed: &str, found: &str) -> bool {
    let mut listed_words = listed.split_whitespace();
    let mut found_words = found.split_whitespace();
    let (Some(listed_head), Some(found_head)) = (listed_words.next(), found_words.next()) else {
        return true;
    };
    let lower = |w: &str| w.chars().next().is_some_and(|c| !is_upper(c));
    if lower(listed_head) || !lower(found_head) || super::suggest::is_adjective(listed_head) {
        return true;
    }
    listed_words
        .map(str::to_lowercase)
        .eq(found_words.map(str::to_lowercase))
}

/// For an entry whose case is `sensitive`: every letter that is a capital
/// in the listed form is a capital in the text too, word by word and letter
/// by letter (so that a Russian case ending, which lengthens a word, or a
/// headline in capitals still agrees).
pub(super) fn case_agrees(listed: &str, found: &str) -> bool {
    let words = |s: &str| {
        s.split(|c: char| !is_letter(c))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    words(listed).iter().zip(words(found)).all(|(l, f)| {
        l.chars()
            .zip(f.chars())
            .all(|(l, f)| !is_upper(l) || is_upper(f))
    })
}

/// An Arabic word written with the article, behind any conjunction and
/// preposition, matches only a listed form that has it: `المتري` and
/// `والكوسة` are not `متري` and `كوسة`. A listed name whose first letters
/// look like clitics and the article (`كالتي`) is read the same way, so it
/// still matches itself.
pub(super) fn articles_agree(form: &IndexedForm, word_has_article: impl FnOnce() -> bool) -> bool {
    form.script != Script::Arabic
        || !word_has_article()
        || form.text.contains(' ')
        || has_arabic_article(form.text.split_whitespace().next().unwrap_or(""))
}

/// Whether an Arabic word is written with the article, behind any
/// conjunction and preposition.
pub(super) fn has_arabic_article(word: &str) -> bool {
    // Folding makes a lam of nothing but a lam: a word without one has no
    // article, and most words are answered without folding them.
    word.contains('ل') && folds_with_arabic_article(word)
}

/// [`has_arabic_article`], by folding the word.
fn folds_with_arabic_article(word: &str) -> bool {
    let w = fold_word(arabic::from_article(word));
    w.starts_with(arabic::ARTICLE) && w.chars().count() > 3
}

/// Words that stand before a surname without making it another person's:
/// titles and ranks.
pub(super) fn is_title(word: &str) -> bool {
    const TITLES: &[&str] = &[
        "general",
        "gen",
        "marshal",
        "field",
        "president",
        "prime",
        "minister",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sheikh",
        "colonel",
        "col",
        "commander",
        "chairman",
        "speaker",
        "envoy",
        "ambassador",
        "king",
        "prince",
        "leader",
        "brother",
        "senator",
        "sen",
        "mayor",
        "spokesman",
        "premier",
        "deputy",
        "lt",
        "major",
        "maj",
        "captain",
        "capt",
        "brigadier",
        "prof",
        "professor",
        "judge",
        "imam",
        "emir",
        "sultan",
        "colonel-general",
        "former",
        "маршал",
        "фельдмаршал",
        "генерал",
        "президент",
        "премьер",
        "министр",
        "глава",
        "лидер",
        "командующий",
        "спикер",
        "посол",
        "эмир",
        "король",
        "принц",
        "шейх",
        "господин",
        "полковник",
        "председатель",
        "премьер-министр",
        "представитель",
        "спецпредставитель",
        "посланник",
        "спецпосланник",
        "генсек",
        "госсекретарь",
        "депутат",
        "командир",
    ];
    static SET: WordSet = WordSet::new();
    in_list(word, &SET, TITLES)
}

/// Whether `word`, first in a Russian sentence right before a surname in
/// the nominative (`name`), may be a given name (`Серена Вильямс`), not
/// the noun, adverb or verb a sentence starts with (`Позиция Хифтера` has
/// the surname in the genitive; `Вчера Хафтар`, `Заявил Хафтар`). A
/// sentence-initial capital tells nothing, so the word is judged by what
/// it is: no word of the list of those that open sentences, no verb or
/// adverb by its ending, and a surname that ends as no oblique case does.
fn could_be_russian_given_name(word: &str, name: &Token) -> bool {
    let folded = crate::text::fold(word);
    let surname = crate::text::fold(name.text);
    folded.chars().count() >= 3
        && !word_class::opens_sentences(word)
        // Verbs (`Заявил`, `сообщила`, `считает`), adverbs (`Позже`,
        // `Официально`) and nouns of a role or origin (`Дипломат`,
        // `Ливиец`, `Посланник`, `Наблюдатель`, `Журналист`).
        && !word_class::ends_as_verb(&folded)
        && !word_class::ends_as_adverb(&folded)
        && !word_class::is_role_noun(&folded)
        // The surname in the nominative singular: oblique cases end in a
        // vowel or `-ом`, `-ем`, `-ой`, `-ей`, and those of the plural, a
        // family (`Клан Хафтаров`, `Семье Хафтарам`), in `-ов`, `-ев`,
        // `-ам`, `-ям`, `-ах`, `-ях`.
        && !surname.ends_with(|c: char| "аеиоуыюя".contains(c))
        && !["ом", "ем", "ой", "ей", "ов", "ев", "ам", "ям", "ах", "ях"]
            .iter()
            .any(|e| surname.ends_with(e))
}

/// Whether the words `first..=last` (a surname, or one word found by
/// similarity) belong to someone else's name: they follow another
/// capitalised name
/// word (`Serena Williams`) or a patronymic particle (`bin Zayed`,
/// `بن زايد`), or a capitalised name word follows them (`Leon Panetta`,
/// `Zlatan Ibrahimovic`). A name is written in one script: a word in
/// another script next to it is not part of it. Nor is a word after it that
/// starts a glossary name (`opens`, asked by the word's place, so that a
/// word broken at a line end is read whole): that is a mention of its own, and
/// judging by it keeps the answer the same once `normalize` has brought it
/// to house form. (A word before it is judged as written: first names such
/// as `Ali` start glossary names too.)
///
/// A word before it that ends at or before `after` (where the last mention
/// found ends) belongs to that mention, not to another name.
///
/// `own_name_word`: whether word `k` is a word of the bearer's own listed
/// names, which tells no other person (`رجب` of `رجب طيب أردوغان`).
///
/// `place`: whether the name looked at is a place's, which a word for a
/// town before it confirms rather than rules out (`the town of Tarkhouna`).
#[allow(clippy::too_many_arguments)]
pub(super) fn is_inside_another_name(
    text: &str,
    tokens: &[Token],
    (first, last): (usize, usize),
    after: usize,
    place: bool,
    own_name_word: &dyn Fn(usize) -> bool,
    opens: &dyn Fn(usize) -> bool,
) -> bool {
    if follows_another_name_word(text, tokens, first, after, place, own_name_word) {
        return true;
    }
    if let Some(next) = tokens.get(last + 1) {
        let gap = &text[tokens[last].end..next.start];
        if gap.chars().all(char::is_whitespace)
            && on_one_line(gap)
            && !opens(last + 1)
            && (is_name_word(text, tokens, first, next)
                || given_name_before_family_name(tokens, first, last))
        {
            return true;
        }
    }
    false
}

/// Whether `t`, next to word `first` of a name, is a capitalised word that
/// could be part of a personal name: not a title, not an ordinary word, not
/// a headline in capitals, and not a Russian sentence-initial noun
/// (`Позиция Хифтера`).
fn is_name_word(text: &str, tokens: &[Token], first: usize, t: &Token) -> bool {
    if !matches!(t.script, Script::Latin | Script::Cyrillic) || t.script != tokens[first].script {
        return false;
    }
    if t.script == Script::Cyrillic
        && is_sentence_start(text, t.start)
        && !(t.end <= tokens[first].start && could_be_russian_given_name(t.text, &tokens[first]))
    {
        return false;
    }
    let all_caps = t.text.chars().filter(|&c| is_letter(c)).all(is_upper);
    t.text.chars().next().is_some_and(is_upper)
        && !all_caps
        && !is_title(t.text)
        && !is_common_word(t.text)
}

/// The first half of [`is_inside_another_name`]: whether the word before
/// word `first` (past an article written apart) makes the name someone
/// else's, a capitalised name word (`Serena Williams`; `Ali Hassan
/// Salameh`, whose last two words come close to `Ghassan Salame`), a
/// patronymic particle, an Arabic given name, or a word for a town.
pub(super) fn follows_another_name_word(
    text: &str,
    tokens: &[Token],
    first: usize,
    after: usize,
    place: bool,
    own_name_word: &dyn Fn(usize) -> bool,
) -> bool {
    let name_word = |t: &Token| is_name_word(text, tokens, first, t);
    // An article written apart before the word (`bin Hamad al-Thani`)
    // leaves the question to the word before it.
    let before = |k: usize| {
        k.checked_sub(1)
            .filter(|&p| on_one_line(&text[tokens[p].end..tokens[k].start]))
    };
    let prev = match before(first) {
        Some(p) if is_article(tokens[p].text) && tokens[p].end > after => before(p),
        // A prefix hyphenated to the name is no first name (`Pro-Haftar`,
        // `Anti-Gaddafi`, `экс-Хафтар`).
        Some(p) if is_hyphenated_prefix(text, &tokens[p], &tokens[first]) => None,
        p => p,
    };
    // A name after a word for a town is the town's (`مدينة ليون`, `city of
    // Leon`, `город Леон`): no person's, nor anything else but a place.
    if !place && prev.is_some_and(|p| tokens[p].end > after && names_a_town(tokens, p)) {
        return true;
    }
    // Arabic has no capitals: a common given name tells another person's
    // name (`محمد صالح`, `رياض سلامة`), unless it is one of the bearer's
    // own (`محمد يونس المنفي`). The preposition `على` folds as `علي` does.
    if let Some(p) = prev.filter(|&p| {
        tokens[p].end > after
            && tokens[p].script == Script::Arabic
            && tokens[first].script == Script::Arabic
            && tokens[p].text != "على"
    }) {
        // A given name behind `و` starts a new name (`خالد حفتر وبلقاسم
        // حفتر`): the word before it is another's.
        let word_before = before(p)
            .map(|b| tokens[b].text)
            .filter(|_| !crate::text::ordinary::is_arabic_given_name_after_and(tokens[p].text));
        if crate::text::ordinary::is_arabic_given_name(tokens[p].text, word_before)
            && !own_name_word(p)
            && !word_before.is_some_and(|_| own_name_word(p - 1))
        {
            return true;
        }
    }
    if let Some(p) = prev.filter(|&p| tokens[p].end > after) {
        let prev = &tokens[p];
        let folded = fold_word(prev.text);
        // A possessive ends the words it belongs to: no first name
        // (`Egypt's el-Sisi`, `Libya's Haftar`). One of the bearer's own
        // names is none either (`Tayyip Erdogan`).
        if matches!(
            folded.as_str(),
            "bin" | "ibn" | "ben" | "بن" | "ابن" | "бин" | "ибн" | "бен"
        ) || (name_word(prev) && super::possessive_len(prev.text) == 0 && !own_name_word(p))
        {
            return true;
        }
    }
    false
}

/// Whether `word` is a prefix such as `pro` or `anti` joined to `name`
/// by a hyphen alone.
fn is_hyphenated_prefix(text: &str, word: &Token, name: &Token) -> bool {
    matches!(&text[word.end..name.start], "-" | "‐")
        && matches!(
            fold_word(word.text).as_str(),
            "pro"
                | "anti"
                | "post"
                | "pre"
                | "neo"
                | "ex"
                | "non"
                | "про"
                | "анти"
                | "пост"
                | "экс"
        )
}

/// Whether word `p` is a word for a town or city (`مدينة`, `город`), or
/// `of` after one (`city of`): a name after it is a place.
fn names_a_town(tokens: &[Token], p: usize) -> bool {
    let folded = fold_word(tokens[p].text);
    let town = |word: &str| -> bool {
        match tokens[p].script {
            // Without the article, as a noun before a name is
            // (`مدينة ليون`): `المدينة` is the city spoken of, and a name
            // after it another phrase (`حكم المدينة كالقذافي`).
            Script::Arabic => {
                crate::text::arabic::clitic_readings(word)
                    .iter()
                    .any(|&(prefix, stem)| {
                        matches!(stem, "مدينه" | "بلده" | "قريه")
                            && !word[..prefix].ends_with("ال")
                            && !word[..prefix].ends_with("لل")
                    })
            }
            Script::Cyrillic => crate::text::russian::stem(word) == "город",
            _ => matches!(word, "city" | "town" | "village"),
        }
    };
    if tokens[p].script == Script::Latin && folded == "of" {
        return p > 0 && town(&fold_word(tokens[p - 1].text));
    }
    town(&folded)
}

/// Whether an Arabic surname that is also a common given name is followed
/// by a family name (`إبراهيم الدباشي`): it is then someone's first name.
/// A family name here is a word with the article ending as a nisba does
/// (`ـي`), which no everyday word of the list is (`الليبي`).
fn given_name_before_family_name(tokens: &[Token], first: usize, last: usize) -> bool {
    let (word, next) = (&tokens[first], &tokens[last + 1]);
    if first != last || word.script != Script::Arabic || next.script != Script::Arabic {
        return false;
    }
    let folded = fold_word(next.text);
    folded.starts_with(crate::text::arabic::ARTICLE)
        && folded.ends_with('ي')
        && folded.chars().count() >= 5
        && crate::text::ordinary::is_arabic_given_name(word.text, None)
        && !crate::text::ordinary::is_ordinary_arabic_folded(&folded)
}

/// Whether `at` begins a sentence, a heading or a quotation's first word.
pub(super) fn is_sentence_start(text: &str, at: usize) -> bool {
    let breaks = ['\n', '\x0C', '\u{2029}'];
    let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() && !breaks.contains(&c));
    let before = before.trim_end_matches(['"', '\'', '«', '“', '„', '(', '[', '‘']);
    // White space before an opening quote (`left. "Al-Sarraj`).
    let before = before.trim_end_matches(|c: char| c.is_whitespace() && !breaks.contains(&c));
    match before.chars().last() {
        None => true,
        Some(c) => breaks.contains(&c) || matches!(c, '.' | '!' | '?' | ':' | '…' | '—' | '–'),
    }
}

/// Whether `gap`, between two words, joins them into one name as context
/// tells it: [`joins_name`], on one line. A word on the line before (a
/// headline, a list item, another paragraph) is no first name of a
/// surname that opens the next (`… met Erdogan` / `Hifter met Putin`). A
/// listed name broken across lines is still matched whole.
pub(super) fn on_one_line(gap: &str) -> bool {
    joins_name(gap) && !gap.contains(['\n', '\r'])
}

/// [`is_article`] behind Arabic proclitics glued to it: `وal` in
/// `وal-Watiya` (and `ـوal`, a tatweel drawn before them).
pub(super) fn is_article_behind_clitics(word: &str) -> bool {
    // Clitic letters, with a tatweel or vowel marks written on them (`فً`):
    // what folding drops.
    let rest = word.trim_start_matches(|c: char| {
        matches!(c, 'و' | 'ف' | 'ب' | 'ك' | 'ل') || arabic::normalize_char(c).is_none()
    });
    rest.len() < word.len() && is_article(rest)
}

/// Latin and Cyrillic spellings of the Arabic article that may stand as a
/// word before a name (`Az Zawiyah`, `ас-Сиси`).
pub(super) fn is_article(word: &str) -> bool {
    // Every article is two or three letters.
    // Every article starts with a, e, а or э, in either case.
    let first = word.as_bytes().first().copied().unwrap_or(0);
    if word.len() > 6 || !matches!(first, b'a' | b'e' | b'A' | b'E' | 0xD0 | 0xD1) {
        return false;
    }
    if word.chars().count() > 3 {
        return false;
    }
    // In lower case, on the stack: this is asked of many words.
    let mut buf = [0u8; 24];
    let mut len = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        if len + c.len_utf8() > buf.len() {
            return false;
        }
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    let Ok(lower) = std::str::from_utf8(&buf[..len]) else {
        return false;
    };
    matches!(
        lower,
        "al" | "el"
            | "ad"
            | "ar"
            | "as"
            | "ash"
            | "at"
            | "az"
            | "an"
            | "ed"
            | "er"
            | "es"
            | "et"
            | "ez"
            | "en"
            | "аль"
            | "эль"
            | "ад"
            | "ар"
            | "ас"
            | "аш"
            | "ат"
            | "аз"
            | "ан"
            | "эд"
            | "эр"
            | "эс"
            | "эш"
            | "эт"
            | "эз"
            | "эн"
    )
}

/// The letters of a word of a name, or none when it has a digit in it
/// (`Haftar1`, a footnote mark glued on): no name misspelt, similarity
/// would rewrite the digit away.
fn name_letters(token: &Token) -> Option<usize> {
    let mut letters = 0;
    for c in token.text.chars() {
        if Script::of_char(c).is_some() {
            letters += 1;
        } else if c.is_numeric() {
            return None;
        }
    }
    Some(letters)
}

/// A cheap filter before any similarity lookup: a name starts with a
/// capital in Latin and Cyrillic script, is more than a few letters, and
/// has no digit.
pub(super) fn could_start_name(token: &Token) -> bool {
    let Some(letters) = name_letters(token) else {
        return false;
    };
    match token.script {
        Script::Latin | Script::Cyrillic => {
            letters >= 4
                && token.text.chars().next().is_some_and(is_upper)
                && !is_common_word(token.text)
        }
        Script::Arabic => letters >= 4,
        Script::Other => false,
    }
}

/// A word too short for [`could_start_name`] that may still open a name
/// of several words it starts in the glossary (`Ali Zaydan` for `Ali
/// Zeidan`): in Latin or Cyrillic script, two letters or more, a capital,
/// no digit and no everyday word. In Arabic only a foreign given name of
/// three letters (`يان كوبيتش` for `يان كوبيش`): the short words that open
/// Arabic names (`عبد`, `بن`, `علي`, which `على`, on, folds as) are
/// everywhere, and a window from them comes close to too many names.
pub(super) fn could_open_longer_name(token: &Token) -> bool {
    match token.script {
        Script::Latin | Script::Cyrillic => {
            name_letters(token).is_some_and(|letters| letters >= 2)
                && token.text.chars().next().is_some_and(is_upper)
                && !is_common_word(token.text)
        }
        Script::Arabic => {
            name_letters(token) == Some(3)
                && !crate::text::ordinary::is_ordinary_arabic(token.text)
                && !crate::text::ordinary::is_arabic_given_name(token.text, None)
                && !matches!(
                    fold_word(token.text).as_str(),
                    "عبد" | "بن" | "ابن" | "ابو" | "بو"
                )
        }
        Script::Other => false,
    }
}

/// Whether word `i`, Latin or Cyrillic, has a word of its script after a
/// space, written with a capital: what a surname after it needs, asked of
/// the tokens before any word is folded.
pub(super) fn capital_word_after(text: &str, tokens: &[Token], i: usize) -> bool {
    let k = i + 1;
    k < tokens.len()
        && matches!(tokens[i].script, Script::Latin | Script::Cyrillic)
        && !tokens[k].protected
        && tokens[k].script == tokens[i].script
        && &text[tokens[i].end..tokens[k].start] == " "
        && could_end_name(&tokens[k])
}

/// [`capital_word_after`], or after word `i` an article hyphenated to a
/// capitalised word (`Abdulrahim el-Keib`).
pub(super) fn capital_word_or_article_after(text: &str, tokens: &[Token], i: usize) -> bool {
    capital_word_after(text, tokens, i)
        || (i + 1 < tokens.len()
            && matches!(tokens[i].script, Script::Latin | Script::Cyrillic)
            && !tokens[i + 1].protected
            && tokens[i + 1].script == tokens[i].script
            && &text[tokens[i].end..tokens[i + 1].start] == " "
            && article_before_capital(text, tokens, i + 1))
}

/// Whether word `k` is an article hyphenated to a capitalised word
/// (`el-Keib`, `аль-Киб`): a surname as English and Russian write it.
fn article_before_capital(text: &str, tokens: &[Token], k: usize) -> bool {
    tokens.get(k + 1).is_some_and(|next| {
        is_article(tokens[k].text)
            && !next.protected
            && next.script == tokens[k].script
            && matches!(&text[tokens[k].end..next.start], "-" | "\u{2010}")
            && could_end_name(next)
    })
}

pub(super) fn could_end_name(token: &Token) -> bool {
    if name_letters(token).is_none() {
        return false;
    }
    match token.script {
        Script::Latin | Script::Cyrillic => token.text.chars().next().is_some_and(is_upper),
        _ => true,
    }
}

/// Calls `f` with `word` in lower case, without allocating for short ASCII
/// words.
pub(super) fn ascii_or_lower(word: &str, f: impl Fn(&str) -> bool) -> bool {
    if word.is_ascii() && word.len() <= 32 {
        let mut buf = [0u8; 32];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).is_ok_and(&f);
    }
    f(&word.to_lowercase())
}

/// Capitalised words that start sentences and headings far more often than
/// they are names.
pub(super) fn is_common_word(word: &str) -> bool {
    const COMMON: &[&str] = &[
        "the",
        "this",
        "that",
        "these",
        "those",
        "there",
        "then",
        "they",
        "their",
        "when",
        "where",
        "while",
        "what",
        "which",
        "with",
        "within",
        "without",
        "after",
        "before",
        "during",
        "since",
        "until",
        "according",
        "against",
        "among",
        "between",
        "about",
        "above",
        "below",
        "under",
        "over",
        "from",
        "into",
        "also",
        "however",
        "meanwhile",
        "although",
        "though",
        "because",
        "despite",
        "such",
        "some",
        "many",
        "most",
        "several",
        "other",
        "another",
        "each",
        "every",
        "both",
        "either",
        "neither",
        "last",
        "first",
        "next",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "libya",
        "libyan",
        "libyans",
        "turkey",
        "turkish",
        "russia",
        "russian",
        "government",
        "national",
        "army",
        "forces",
        "council",
        "state",
        "said",
        "says",
        "will",
        "would",
        "could",
        "should",
        "have",
        "here",
        "once",
        "now",
        "even",
        "only",
        "still",
        "again",
        "more",
        "less",
        "very",
        "just",
        "like",
        "yesterday",
        "today",
        "tomorrow",
        "earlier",
        "later",
        "separately",
        "overnight",
        "and",
        "but",
        "so",
        "as",
        "in",
        "on",
        "at",
        "by",
        "for",
        "if",
        "whereas",
        "thus",
        "hence",
        "a",
        "an",
        "it",
        "its",
        "he",
        "she",
        "we",
        "his",
        "her",
        "our",
        "my",
        "your",
        "not",
        "no",
        "yes",
        "all",
        "why",
        "how",
        "who",
        "whom",
        "whose",
        "to",
        "of",
        "or",
        "nor",
        "be",
        "is",
        "are",
        "was",
        "were",
        "has",
        "had",
        "do",
        "did",
        "can",
        "may",
        "might",
        "must",
        "shall",
        "sources",
        "officials",
        "reports",
        "witnesses",
        "residents",
        "analysts",
        "diplomats",
        "если",
        "когда",
        "после",
        "также",
        "однако",
        "между",
        "этот",
        "этой",
        "этом",
        "этих",
        "того",
        "тогда",
    ];
    static SET: WordSet = WordSet::new();
    in_list(word, &SET, COMMON)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A word without a lam is answered without folding it: as
        /// folding it would answer.
        #[test]
        fn the_article_check_without_a_lam_agrees_with_folding(
            word in "[\u{600}-\u{6ff}\u{fb50}-\u{fbff}\u{fe70}-\u{feff}a-z]{0,8}|\\PC{0,8}"
        ) {
            proptest::prop_assert_eq!(has_arabic_article(&word), folds_with_arabic_article(&word));
        }
    }

    #[test]
    fn the_article_is_found_behind_clitics_and_hamza() {
        for word in ["والكوسة", "بالقذافي", "ألقذافي", "الزاوية", "للجيش"]
        {
            assert_eq!(
                has_arabic_article(word),
                folds_with_arabic_article(word),
                "{word}"
            );
        }
        assert!(has_arabic_article("والكوسة"));
        assert!(!has_arabic_article("حفتر"));
    }

    #[test]
    fn articles_are_found_in_any_case_without_allocating() {
        for word in ["al", "Al", "AL", "ash", "Аль", "ЭЗ", "ас"] {
            assert!(is_article(word), "{word}");
        }
        for word in ["all", "a", "", "Альф", "İl", "ﬁ"] {
            assert!(!is_article(word), "{word}");
        }
    }
}
