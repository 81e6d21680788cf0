//! The house form as it belongs at the spot where a mention was found.

use super::context::is_sentence_start;
use super::word_class;
use crate::text::case::{is_letter, is_lower, is_upper};
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
    let name = found.get(clitics.prefix..).unwrap_or(found);
    suggestion_in(Script::detect(name), found, listed, target, clitics)
}

/// [`suggestion`] for a `found` whose name, after its clitics, is known to
/// be in `script` ([`Script::detect`]).
pub(super) fn suggestion_in(
    script: Script,
    found: &str,
    listed: &str,
    target: &str,
    clitics: Clitics,
) -> String {
    // Arabic proclitics stay, before a name in any script (`وTarhuna`).
    let (prefix, name) = found
        .split_at_checked(clitics.prefix)
        .unwrap_or(("", found));
    let mut out = match script {
        Script::Cyrillic => with_russian_endings(name, listed, target),
        Script::Arabic => {
            arabic::abu_in_case_of(name, target).unwrap_or_else(|| target.to_string())
        }
        _ => target.to_string(),
    };
    // A headline in capitals keeps them; an abbreviation (listed in
    // capitals itself, or mostly: `HoR`) is not a headline.
    if is_all_caps(name) && !is_abbreviation(listed) {
        out = out.to_uppercase();
    }
    if prefix.is_empty() {
        out
    } else {
        with_clitics(prefix, &out)
    }
}

/// Whether a listed spelling is an abbreviation: one word in capitals, or
/// in more capitals than small letters (`GNA`, `HoR`).
pub(super) fn is_abbreviation(listed: &str) -> bool {
    let (mut upper, mut lower) = (0, 0);
    for c in listed.chars() {
        if c.is_whitespace() {
            return false;
        }
        upper += usize::from(is_upper(c) && !is_lower(c));
        lower += usize::from(is_lower(c) && !is_upper(c));
    }
    upper >= 2 && upper > lower
}

pub(super) fn is_all_caps(text: &str) -> bool {
    let mut letters = 0;
    let mut cased = false;
    for c in text.chars().filter(|&c| is_letter(c)) {
        if !is_upper(c) {
            return false;
        }
        letters += 1;
        // An uppercase letter is cased unless it is lowercase as well.
        cased |= !is_lower(c);
    }
    letters >= 2 && cased
}

/// `و` + `مصراتة` → `ومصراتة`; `ل` + `الجيش` → `للجيش` (the article's alef
/// drops after ل).
fn with_clitics(prefix: &str, target: &str) -> String {
    // A prefix read as ending in the contracted article (`لل`, `ولل`) gives
    // the article back to the target, which writes its own.
    // An article read into the prefix (a doubled one, a typo:
    // `فالالبنك`) is the name's own, and the target writes its own too.
    let prefix = match prefix.strip_suffix("لل") {
        Some(before) => format!("{before}ل"),
        None => prefix
            .strip_suffix(arabic::ARTICLE)
            .unwrap_or(prefix)
            .to_string(),
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
    // `5 + 5`, a sum written with spaces, is the word `5+5` of the name.
    let summed;
    let found = if found.contains(" +") || found.contains("+ ") {
        summed = without_spaced_plus(found);
        summed.as_str()
    } else {
        found
    };
    let starts_upper = |w: &&str| w.chars().next().is_some_and(is_upper);
    // One word for one word (most names): the ending carries straight over.
    let one_word = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
    // A name listed with hyphens written with spaces (`Бени Валида` for
    // `Бени-Валид`) is the one word it lists.
    let hyphenated;
    let found = if !one_word(found)
        && one_word(listed)
        && listed.contains('-')
        && found.split_whitespace().count() == listed.split('-').count()
    {
        hyphenated = found.split_whitespace().collect::<Vec<_>>().join("-");
        hyphenated.as_str()
    } else {
        found
    };
    if one_word(found)
        && one_word(listed)
        && one_word(target)
        && starts_upper(&listed) == starts_upper(&target)
    {
        return inflect_like(found, listed, target);
    }
    let found_words: Vec<&str> = found.split_whitespace().collect();
    let listed_words: Vec<&str> = listed.split_whitespace().collect();
    let target_words: Vec<&str> = target.split_whitespace().collect();
    let same_shape = found_words.len() == listed_words.len()
        && listed_words.len() == target_words.len()
        && listed_words
            .iter()
            .zip(&target_words)
            .all(|(l, t)| starts_upper(l) == starts_upper(t))
        && (listed_words.len() < 2 || head_noun(&listed_words) == head_noun(&target_words));
    if !same_shape {
        return by_name_words(&found_words, &listed_words, &target_words)
            .or_else(|| by_head_noun(&found_words, &listed_words, &target_words))
            .unwrap_or_else(|| target.to_string());
    }
    found_words
        .iter()
        .zip(&listed_words)
        .zip(&target_words)
        .map(|((f, l), t)| {
            let inflected = inflect_like(f, l, t);
            // An adjective of another stem (`Генерального` of `Генеральный`
            // for `Всеобщий`) takes the case its ending says.
            if inflected == *t && fold(f) != fold(l) && is_adjective(l) && is_adjective(t) {
                if let Some(case) = adjective_case(&fold(f)) {
                    return decline_adjective(t, case);
                }
            }
            inflected
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` with the spaces taken away around a plus sign between two
/// numbers (`комиссией 5 + 5` → `комиссией 5+5`).
fn without_spaced_plus(text: &str) -> String {
    let tokens = super::tokens::tokenize(text);
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for pair in tokens.windows(2) {
        let gap = &text[pair[0].end..pair[1].start];
        if gap != "+" && super::tokens::joins_numbers(pair[0].text, gap, pair[1].text) {
            out.push_str(&text[from..pair[0].end]);
            out.push('+');
            from = pair[1].start;
        }
    }
    out.push_str(&text[from..]);
    out
}

/// Whether `word` (as written) is a word of a personal name: a capital,
/// or an article and a hyphen before one (`аль-Ислам`, `ас-Сенусси`).
fn is_name_word(word: &str) -> bool {
    let starts_upper = |w: &str| w.chars().next().is_some_and(is_upper);
    starts_upper(word)
        || word
            .split_once('-')
            .is_some_and(|(article, rest)| article.chars().count() <= 3 && starts_upper(rest))
}

/// For personal names of another number of words (`Абдулхамидом Дбейбой`,
/// listed `Абдулхамид Дбейба`, for `Абдель Хамид Дбейба`; `Агилы Салаха
/// Исы` for `Агила Салех`): each word of a name declines by itself, so
/// every word of the house form takes the found case, a word also listed
/// taking its found ending as it is.
fn by_name_words(found: &[&str], listed: &[&str], target: &[&str]) -> Option<String> {
    if found.len() != listed.len()
        || listed.len() < 2
        || target.len() < 2
        || !listed.iter().chain(target).all(|w| is_name_word(w))
    {
        return None;
    }
    // The case the found words say, the last (the surname) first: a first
    // name may not decline (`Абдель`).
    // A feminine `-е` is dative or prepositional: another word's ending
    // may tell which (`Агиле Салахе`).
    let cases: Vec<(Case, bool)> = found
        .iter()
        .zip(listed)
        .filter_map(|(f, l)| {
            let (f, l) = (fold(f), fold(l));
            Some((noun_case(&f, &l)?, dative_or_prepositional(&f, &l)))
        })
        .collect();
    let (case, unsure) = cases
        .iter()
        .rev()
        .find(|&&(c, unsure)| c != Case::Nominative && !unsure)
        .or_else(|| cases.iter().rev().find(|&&(c, _)| c != Case::Nominative))
        .or(cases.last())
        .copied()?;
    if unsure && !target.iter().all(|t| ends_as_feminine(t)) {
        return None;
    }
    Some(
        target
            .iter()
            .map(|t| {
                if let Some(k) = listed.iter().position(|l| fold(l) == fold(t)) {
                    return inflect_like(found[k], listed[k], t);
                }
                // Persons are animate: a masculine name's accusative is its
                // genitive (`Хамида`).
                let ends_in_consonant = fold(t)
                    .chars()
                    .last()
                    .is_some_and(|c| !"аеёиоуыэюяь".contains(c));
                let case = match case {
                    Case::Accusative if ends_in_consonant => Case::Genitive,
                    case => case,
                };
                decline_noun(t, case).unwrap_or_else(|| t.to_string())
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Whether a nominative word is an adjective by its ending.
pub(super) fn is_adjective(word: &str) -> bool {
    let w = fold(word);
    w.chars().count() >= 4
        && ADJECTIVE_ENDINGS.iter().any(|e| w.ends_with(e))
        && !is_verbal_noun(&w)
}

/// Neuter nouns in `-ние`, `-тие` (`соглашение`, `объединение`,
/// `событие`), which end as a plural adjective does.
fn is_verbal_noun(folded: &str) -> bool {
    ["ение", "ание", "тие", "ствие"]
        .iter()
        .any(|e| folded.ends_with(e))
}

/// For forms without a word-by-word correspondence (`Болотного совета`,
/// listed `Болотный совет`, for `Совет Соляного болота`; `Большого Сирта`
/// for `залив Сидра`): the found phrase's case goes to the house form's
/// head noun, the adjectives before it agree with it, and the words after
/// it (complements in the genitive) stay as they are.
fn by_head_noun(found: &[&str], listed: &[&str], target: &[&str]) -> Option<String> {
    let listed_head = head_noun(listed);
    let found_head = if found.len() == listed.len() {
        listed_head
    } else {
        found.len().checked_sub(1)?
    };
    let (f, l) = (found.get(found_head)?, listed.get(listed_head)?);
    let target_head = head_noun(target);
    // The case: from an adjective of the found phrase when it has one (its
    // ending says it best), else from the head noun's ending.
    let by_adjective = (0..listed_head)
        .filter(|&k| k < found.len())
        .find_map(|k| adjective_case(&fold(found[k])));
    let case = match by_adjective {
        Some(case) => case,
        None => {
            let (f, l) = (fold(f), fold(l));
            // Dative or prepositional: the same ending only for a
            // feminine house form.
            if dative_or_prepositional(&f, &l) && !target.iter().all(|t| ends_as_feminine(t)) {
                return None;
            }
            noun_case(&f, &l)?
        }
    };
    Some(
        target
            .iter()
            .enumerate()
            .map(|(k, t)| match k {
                // The same noun: its ending carries straight over.
                _ if k == target_head && fold(l) == fold(t) => inflect_like(f, l, t),
                _ if k == target_head => decline_noun(t, case).unwrap_or_else(|| t.to_string()),
                _ if k < target_head => decline_adjective(t, case),
                _ => t.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// An abbreviation written out in a headline in capitals (`GNA FORCES
/// RETAKE TARHUNA`) is written out in capitals too. `start..end` is the
/// mention in `text`; `None` unless the words around it on its line (up to
/// 200 bytes each side) are all in capitals. Words `is_listed_abbreviation`
/// says are listed abbreviations are no evidence of a headline: a
/// line that lists `GNA, LNA, NOC` is written in capitals because its
/// abbreviations are.
pub(super) fn abbreviation_in_headline(
    text: &str,
    start: usize,
    end: usize,
    found: &str,
    listed: &str,
    suggestion: &str,
    is_listed_abbreviation: impl Fn(&str) -> bool,
) -> Option<String> {
    if !is_all_caps(found) || !is_abbreviation(listed) || is_all_caps(suggestion) {
        return None;
    }
    let floor = |at: usize| {
        (0..=at)
            .rev()
            .find(|&b| text.is_char_boundary(b))
            .unwrap_or(0)
    };
    let ceil = |at: usize| {
        (at..=text.len())
            .find(|&b| text.is_char_boundary(b))
            .unwrap_or(text.len())
    };
    let before = &text[floor(start.saturating_sub(200))..start];
    let before = before.rsplit('\n').next().unwrap_or(before);
    let after = &text[end..ceil((end + 200).min(text.len()))];
    let after = after.split('\n').next().unwrap_or(after);
    let mut cased = 0;
    for word in before
        .split(|c: char| !is_letter(c))
        .chain(after.split(|c: char| !is_letter(c)))
        .filter(|w| !w.is_empty())
    {
        if !word.chars().all(is_upper) {
            return None;
        }
        if !is_listed_abbreviation(word) {
            cased += word.chars().filter(|&c| !is_lower(c)).count();
        }
    }
    (cased >= 6).then(|| suggestion.to_uppercase())
}

/// The English indefinite article before `words` (`a` or `an`), by the
/// sound its first word starts with; `None` for what spelling does not
/// tell: an abbreviation alone in capitals (`NOC` is read by letters,
/// `NATO` as a word), a digit. Words in capitals of a name written out in
/// a headline (`LIBYAN NATIONAL ARMY`) are read as words.
pub(super) fn english_article_for(words: &str) -> Option<&'static str> {
    let first = words.split([' ', '-']).next()?;
    let lower = first.to_lowercase();
    let c = lower.chars().next()?;
    let abbreviation = first.chars().count() > 1 && is_all_caps(first) && !words.contains(' ');
    if !c.is_ascii_alphabetic() || abbreviation {
        return None;
    }
    // `u` and `eu` sounding as `you`, `o` as `w` (`one`).
    let consonant_sound = [
        "union", "unit", "univ", "use", "usu", "uti", "eu", "one", "once",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    Some(if "aeiou".contains(c) && !consonant_sound {
        "an"
    } else {
        "a"
    })
}

/// A Russian house form at the place of an abbreviation, which shows no
/// case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum InContext {
    /// Declined to the case the word before asks.
    Declined(String),
    /// After a verb, whose object may be in any case and which an
    /// inverted subject follows in the nominative (`помогает ПНС`,
    /// `поддерживает ПНС`, `заявило ПНС`): left in the nominative, which
    /// is only a guess.
    CaseUnknown,
}

/// A Russian house form in the case the text asks of an abbreviation
/// that shows none: `ЛНА` (listed for `Ливийская национальная армия`)
/// after `Командующий` is `Ливийской национальной армии`, after `с` is
/// `Ливийской национальной армией`. `before` is the text before the
/// mention. `None` when the found text has a case ending of its own, the
/// case is the nominative or the word before does not tell it, or the
/// house form's head noun does not decline by its ending.
pub(super) fn abbreviation_in_context(
    found: &str,
    listed: &str,
    suggestion: &str,
    before: &str,
) -> Option<InContext> {
    let first = found.split_whitespace().next()?;
    if !is_all_caps(first)
        || suggestion.split_whitespace().next().is_none_or(is_all_caps)
        || fold(found) != fold(listed)
    {
        return None;
    }
    match case_before(before)? {
        Told::Case(Case::Nominative) => None,
        Told::Case(case) => in_case(suggestion, case).map(InContext::Declined),
        Told::Unknown => Some(InContext::CaseUnknown),
    }
}

/// What the word before a mention tells of its case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Told {
    Case(Case),
    /// That it may be in any case: a verb's.
    Unknown,
}

/// The case the word right before a mention governs or makes likely: a
/// preposition's case (`для`, `от` → genitive; `к`, `по` → dative; `с`,
/// `над` → instrumental; `о`, `при` → prepositional), the likelier case
/// after one of two ([`two_case_preposition`]), the genitive after a noun
/// news puts before an organisation (`Командующий`, `главой`, `бойцы`), or
/// the case of an abbreviation the mention is joined to
/// ([`case_of_abbreviation_joined`]); else what the word is by its ending
/// ([`case_after_word`]). `None` after punctuation and after any other
/// word.
fn case_before(before: &str) -> Option<Told> {
    if let Some(case) = case_after_abbreviation(before) {
        return Some(case);
    }
    let (start, word) = word_before_at(before)?;
    // An adjective agrees with the name rather than governs it: the case
    // is the one the word before it asks (`с ливийской ЛНА`, with the
    // Libyan LNA: the instrumental of `с`).
    if ends_as_adjective(&word) && !word_class::opens_sentences(&word) {
        return case_before(&before[..start]);
    }
    preposition_case(&word)
        .or_else(|| governs_genitive(&word).then_some(Case::Genitive))
        .or_else(|| two_case_preposition(&word, &before[..start]))
        .map(Told::Case)
        .or_else(|| case_of_abbreviation_joined(&word, &before[..start]))
        .or_else(|| case_after_word(&word, &before[start..]))
}

/// The case after a word no list names, by what its ending says it is
/// (`written` as in the text, `folded` its fold): after a noun, the
/// genitive, since a noun followed by another noun phrase governs it
/// (`Армия ПНС`, `о поддержке ПНС`, `Признание ПНС`); after a verb, the
/// dative for the few verbs news uses with an organisation in it
/// ([`governs_dative`]), else any. An abbreviation before (`ИГИЛ`, four
/// capitals or fewer) is no word to tell by its ending.
fn case_after_word(folded: &str, written: &str) -> Option<Told> {
    let written = written.trim_end();
    if is_all_caps(written) && written.chars().count() <= 4 {
        return None;
    }
    if word_class::is_noun(folded) {
        Some(Told::Case(Case::Genitive))
    } else if word_class::ends_as_verb(folded) {
        Some(match governs_dative(folded) {
            true => Told::Case(Case::Dative),
            false => Told::Unknown,
        })
    } else if may_be_noun(folded) {
        // A word the endings do not tell, but a noun's may end so
        // (`Премьер-министр ПНС`, `Дрон ЛНА`, `Ополченцы ЛНА`): most
        // likely one that governs the genitive, but not surely.
        Some(Told::Unknown)
    } else {
        None
    }
}

/// Whether a (folded) Russian word ends as an adjective in `-ск-` or
/// `-н-` does in an oblique case or the plural (`ливийской`, `ливийских`,
/// `национальному`), endings no noun shares (`главой` is a noun's): the
/// nominative singular (`ливийская`) is left to the rules of the
/// nominative.
fn ends_as_adjective(folded: &str) -> bool {
    const ENDINGS: [&str; 10] = [
        "ской",
        "ского",
        "скому",
        "ским",
        "ских",
        "скую",
        "ного",
        "ному",
        "ным",
        "ных",
    ];
    folded.chars().count() >= 6 && ENDINGS.iter().any(|e| folded.ends_with(e))
}

/// Whether a (folded) Russian word of four letters or more ends as a
/// masculine noun in the nominative or a plural one does (a consonant,
/// `-ы`, or `-ки`, `-ги`, `-хи`, where spelling writes `и` for `ы`), and
/// is none of the words that open a clause or stand before
/// its subject (`что`, `Затем`, `Между тем`, `Наконец`).
fn may_be_noun(folded: &str) -> bool {
    // `-ы`, or `-и` where spelling writes `ы` so (`ячейки`, `группировки`).
    let plural = folded.ends_with('ы') || ["ки", "ги", "хи"].iter().any(|e| folded.ends_with(e));
    folded.chars().count() >= 4
        && (russian::ends_in_consonant(folded) || plural)
        && !word_class::opens_sentences(folded)
        && !word_class::ends_as_adverb(folded)
        && !word_class::heads_no_phrase(folded)
        && !opens_clause(folded)
}

/// Whether a (folded) Russian word opens a clause or stands before its
/// subject, which is in the nominative: conjunctions and particles (`что
/// ЛНА готова`, `но ПНС отказалось`, `также ЛНА`).
fn opens_clause(folded: &str) -> bool {
    matches!(
        folded,
        "что"
            | "как"
            | "но"
            | "а"
            | "и"
            | "или"
            | "когда"
            | "если"
            | "пока"
            | "хотя"
            | "поскольку"
            | "ведь"
            | "даже"
            | "лишь"
            | "также"
            | "тоже"
            | "уже"
            | "еще"
            | "именно"
            | "однако"
            | "зато"
            | "причем"
            | "притом"
            | "чем"
            | "то"
            | "это"
            | "где"
            | "куда"
            | "ни"
            | "не"
            | "ли"
            | "же"
            | "бы"
            | "вот"
            | "вон"
            | "только"
            | "сама"
            | "сам"
            | "само"
            | "сами"
            | "затем"
            | "потом"
            | "тем"
            | "всем"
            | "совсем"
            | "вдруг"
            | "опять"
            | "вновь"
            | "теперь"
            | "сейчас"
            | "между"
            | "итак"
            | "всех"
    )
}

/// Whether a (folded) Russian verb form is one of the few whose object, an
/// organisation right after it, is in the dative (`помогает ПНС`,
/// `угрожают ЛНА`, `передали ПНС`): a closed list of stems, since a verb's
/// case is no matter of its ending.
fn governs_dative(folded: &str) -> bool {
    const STEMS: &[&str] = &[
        "помог",
        "помоч",
        "помож",
        "угрожа",
        "пригрози",
        "пригрож",
        "противостоя",
        "противостои",
        "доверя",
        "довери",
        "передал",
        "передаст",
        "передад",
        "содейств",
        "препятств",
        "сопротивля",
        "подчиня",
        "помеша",
        "меша",
        "уступа",
        "уступил",
        "предоставля",
        "предоставил",
    ];
    STEMS.iter().any(|stem| folded.starts_with(stem))
}

/// The likelier case after a preposition of two (`preposition`, folded,
/// with `before` the text before it), for the organisations abbreviations
/// name: `на` and `за` the accusative (`давление на ЛНА`, `воюют за ЛНА`),
/// `в` the accusative after a verb of entering or joining (`вступили в
/// ЛНА`) and the prepositional elsewhere (`в ЛНА заявили`, `работал в
/// ННК`). `под` tells too little (`под ЛНА` is under it or taken for it).
fn two_case_preposition(preposition: &str, before: &str) -> Option<Case> {
    match preposition {
        "на" | "за" => Some(Case::Accusative),
        "в" | "во" => {
            let entering = word_before(before).is_some_and(|verb| is_verb_of_entering(&verb));
            Some(if entering {
                Case::Accusative
            } else {
                Case::Prepositional
            })
        }
        _ => None,
    }
}

/// Whether a (folded) Russian verb form is one of entering, joining or
/// sending into, after which `в` takes the accusative.
fn is_verb_of_entering(folded: &str) -> bool {
    const STEMS: &[&str] = &[
        "вошл",
        "вошел",
        "вошёл",
        "войд",
        "вход",
        "войт",
        "вступ",
        "вернул",
        "вернут",
        "возвращ",
        "перешл",
        "перешел",
        "перейт",
        "переход",
        "направил",
        "направля",
        "направлен",
        "отправил",
        "отправля",
        "отправлен",
        "включил",
        "включа",
        "включен",
        "призвал",
        "призыва",
        "записал",
        "записыва",
        "влил",
        "влива",
        "интегрир",
        "поступил",
        "поступа",
        "завербова",
        "вербова",
        "передал",
        "передава",
        "передан",
        "обратил",
        "обраща",
        "внедр",
        "превратил",
        "преобразова",
        "перевел",
        "перевёл",
        "перевод",
        "перечисл",
        "внес",
        "внёс",
        "вложил",
        "вклад",
    ];
    STEMS.iter().any(|stem| folded.starts_with(stem))
}

/// The genitive after the abbreviation of a ministry or service, the head
/// of a body's name (`МВД ПНС`, the GNA's interior ministry; `ВВС ЛНА`,
/// the LNA's air force). Not after any abbreviation: `с ИГИЛ ЛНА
/// воевала` ends one phrase and starts another.
fn case_after_abbreviation(before: &str) -> Option<Told> {
    const HEADS: [&str; 10] = [
        "МВД", "МИД", "ВВС", "ВМС", "ПВО", "ВС", "ЦБ", "ЦИК", "МЧС", "СБ",
    ];
    let (_, word) = last_word(before, is_letter)?;
    HEADS.contains(&word).then_some(Told::Case(Case::Genitive))
}

/// The case of an abbreviation joined to the mention by `и` or `или`
/// (`Представители ПНС и ЛНА`, `ДЕЛЕГАЦИИ ПНС И ЛНА`): an abbreviation
/// has no ending of its own, so the two stand in the case the word before
/// the first one asks. `word` is the word before the mention, folded, and
/// `before` the text before that word.
fn case_of_abbreviation_joined(word: &str, before: &str) -> Option<Told> {
    if !matches!(word, "и" | "или") {
        return None;
    }
    let (start, abbreviation) = last_word(before, is_letter)?;
    if !is_all_caps(abbreviation) || Script::detect(abbreviation) != Script::Cyrillic {
        return None;
    }
    case_before(&before[..start])
}

/// The last word of `before` (its characters those `in_word` takes) and
/// where it starts, when spaces come after it.
fn last_word(before: &str, in_word: impl Fn(char) -> bool) -> Option<(usize, &str)> {
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    if trimmed.len() == before.len() {
        return None;
    }
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| in_word(c))
        .last()
        .map(|(at, _)| at)?;
    Some((start, &trimmed[start..]))
}

/// The Russian word right before a mention (`before` is the text before
/// it), folded, when only spaces come between: `None` for another script
/// or a capital other than at a sentence start or in a headline in
/// capitals (a name).
fn word_before(before: &str) -> Option<String> {
    word_before_at(before).map(|(_, word)| word)
}

/// [`word_before`], with where the word starts in `before`.
fn word_before_at(before: &str) -> Option<(usize, String)> {
    let (start, word) = last_word(before, |c| is_letter(c) || c == '-')?;
    if !word
        .chars()
        .all(|c| c == '-' || Script::of_char(c) == Some(Script::Cyrillic))
    {
        return None;
    }
    let mut letters = word.chars().filter(|&c| c != '-');
    let capital = letters.next().is_some_and(is_upper);
    let all_caps = word.chars().filter(|&c| c != '-').all(is_upper);
    if (letters.any(is_upper) || capital && !is_sentence_start(before, start)) && !all_caps {
        return None;
    }
    Some((start, fold(word)))
}

/// Whether the Russian word right before a mention (`before` is the text
/// before it) is a word for a family, in any case: `клан`, `семья`,
/// `братья`, `сыновья` and the like, after which a surname in the
/// plural names the family (`клан Хафтаров`).
pub(super) fn after_family_word(before: &str) -> bool {
    const FAMILY: &[&str] = &[
        "клан",
        "клана",
        "клану",
        "кланом",
        "клане",
        "кланы",
        "кланов",
        "семья",
        "семьи",
        "семье",
        "семью",
        "семьей",
        "семей",
        "семьям",
        "семьями",
        "семьях",
        "семейство",
        "семейства",
        "семейству",
        "семейством",
        "семействе",
        "род",
        "рода",
        "роду",
        "родом",
        "роде",
        "династия",
        "династии",
        "династию",
        "династией",
        "братья",
        "братьев",
        "братьям",
        "братьями",
        "братьях",
        "сыновья",
        "сыновей",
        "сыновьям",
        "сыновьями",
        "сыновьях",
        "дочери",
        "дочерей",
        "дочерям",
        "дочерьми",
        "дочерях",
        "сестры",
        "сестер",
        "сестрам",
        "сестрами",
        "сестрах",
        "супруги",
        "супругов",
        "супругам",
        "супругами",
        "супругах",
    ];
    word_before(before).is_some_and(|word| FAMILY.contains(&word.as_str()))
}

/// The case a Russian preposition (folded) takes, when it takes one only.
fn preposition_case(word: &str) -> Option<Case> {
    Some(match word {
        "без" | "для" | "до" | "из" | "от" | "у" | "около" | "возле" | "против" | "после"
        | "среди" | "вокруг" | "кроме" | "вместо" | "ради" | "мимо" | "вдоль" | "внутри"
        | "вне" | "помимо" | "из-за" | "из-под" | "напротив" => {
            Case::Genitive
        }
        "к" | "ко" | "по" | "благодаря" | "согласно" | "вопреки" | "навстречу" => {
            Case::Dative
        }
        "с" | "со" | "над" | "перед" | "между" => Case::Instrumental,
        "о" | "об" | "обо" | "при" => Case::Prepositional,
        "через" | "про" | "сквозь" => Case::Accusative,
        _ => return None,
    })
}

/// A house form left in the nominative because a feminine `-е` did not
/// tell the dative from the prepositional (`Джебель-Нефусе` for `горы
/// Нафуса`), put in the case the preposition before it takes: `в`, `на`,
/// `о`, `при` the prepositional (`В Джебель-Нефусе` → `В горах Нафуса`),
/// `к`, `по` the dative. Not for personal names, whose words decline each
/// by itself.
pub(super) fn feminine_e_in_context(
    found: &str,
    listed: &str,
    suggestion: &str,
    before: &str,
) -> Option<String> {
    // Asked of every Russian mention: the cheap test first.
    if !found.ends_with(['е', 'Е']) {
        return None;
    }
    let (f, l) = (
        found.split_whitespace().last()?,
        listed.split_whitespace().last()?,
    );
    if !dative_or_prepositional(&fold(f), &fold(l)) {
        return None;
    }
    let words: Vec<&str> = suggestion.split_whitespace().collect();
    // Left in the nominative: no word of it ends in `-е` as found.
    if words.iter().all(|w| is_name_word(w)) || words.iter().any(|w| fold(w).ends_with('е')) {
        return None;
    }
    // `в` and `на` take the accusative too, but never with `-е`.
    let case = match word_before(before)?.as_str() {
        "в" | "во" | "на" => Case::Prepositional,
        word => match preposition_case(word)? {
            case @ (Case::Prepositional | Case::Dative) => case,
            _ => return None,
        },
    };
    in_case(suggestion, case)
}

/// Whether `folded` is, in any case, a noun that news puts before an
/// organisation's name in the genitive (`Командующий ЛНА`, `главой ННК`,
/// `бойцы ЧВК`). A list, not a guess from endings: a word it misses
/// leaves the house form in the nominative, as written out before.
fn governs_genitive(folded: &str) -> bool {
    const NOUNS: &[&str] = &[
        "командующий",
        "командование",
        "командир",
        "глава",
        "руководство",
        "руководитель",
        "представитель",
        "спикер",
        "лидер",
        "председатель",
        "член",
        "боевик",
        "боец",
        "бойцы",
        "силы",
        "войска",
        "штаб",
        "подразделение",
        "часть",
        "отряд",
        "авиация",
        "позиция",
        "сторонник",
        "противник",
        "делегация",
        "офицер",
        "генерал",
        "маршал",
        "солдат",
        "наступление",
        "удар",
        "операция",
        "база",
        "территория",
        "заявление",
        "решение",
        "контроль",
        "пресс-служба",
        "конференция",
        "пресс-конференция",
        "колонна",
        "самолёт",
        "беспилотник",
        "техника",
        "лагерь",
        "состав",
        "ряды",
        "представительство",
        "данные",
        "сотрудник",
        "пресс-секретарь",
        "источник",
        "министр",
        "министерство",
        "директор",
        "начальник",
        "эксперт",
        "специалист",
        "работник",
        "офис",
        "сайт",
        "доклад",
        "сторона",
        // `по словам`, as `по данным`.
        "слово",
    ];
    let stem = russian::stem(folded);
    NOUNS.iter().any(|n| russian::stem(&fold(n)) == stem)
}

/// A nominative house form in `case`: its head noun declined by its
/// ending, the adjectives before it agreeing, the words after it as they
/// are; `None` when the head noun does not decline by its ending.
fn in_case(target: &str, case: Case) -> Option<String> {
    let words: Vec<&str> = target.split_whitespace().collect();
    let head = head_noun(&words);
    let declined = decline_noun(words.get(head)?, case)?;
    Some(
        words
            .iter()
            .enumerate()
            .map(|(k, w)| match k {
                _ if k == head => declined.clone(),
                _ if k < head => decline_adjective(w, case),
                _ => w.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The grammatical cases an ending tells apart well enough to make an
/// adjective agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Nominative,
    Genitive,
    Dative,
    Accusative,
    Instrumental,
    Prepositional,
}

/// Nominative endings of Russian adjectives (and of adjectival names).
const ADJECTIVE_ENDINGS: [&str; 9] = ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие"];

/// The head noun of a nominative phrase: its first word that is not an
/// adjective (`Совет Соляного болота` → `Совет`, `Большой Сирт` → `Сирт`,
/// `залив Сидра` → `залив`); the last word when all are.
fn head_noun(words: &[&str]) -> usize {
    words
        .iter()
        .position(|w| !is_adjective(w))
        .unwrap_or(words.len().saturating_sub(1))
}

/// The case an inflected adjective is in, when its ending says so.
fn adjective_case(word: &str) -> Option<Case> {
    const ENDINGS: [(&str, Case); 14] = [
        ("ыми", Case::Instrumental),
        ("ими", Case::Instrumental),
        ("ого", Case::Genitive),
        ("его", Case::Genitive),
        ("ому", Case::Dative),
        ("ему", Case::Dative),
        ("ых", Case::Genitive),
        ("их", Case::Genitive),
        ("ым", Case::Instrumental),
        ("им", Case::Instrumental),
        ("ую", Case::Accusative),
        ("юю", Case::Accusative),
        ("ом", Case::Prepositional),
        ("ем", Case::Prepositional),
    ];
    ENDINGS
        .iter()
        .find(|(e, _)| word.ends_with(e) && word.chars().count() > e.chars().count() + 1)
        .map(|(_, case)| *case)
}

/// The case of a noun found as `found` whose nominative is `listed`.
fn noun_case(found: &str, listed: &str) -> Option<Case> {
    if found == listed {
        return Some(Case::Nominative);
    }
    // What the found word has after the letters it shares with its
    // nominative: `совета`/`совет` → `а`, `Ливии`/`Ливия` → `и`.
    let shared: usize = found
        .chars()
        .zip(listed.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let ending = &found[shared..];
    let feminine = listed.ends_with(['а', 'я']);
    Some(match ending {
        "" => Case::Nominative,
        "ы" | "и" if feminine => Case::Genitive,
        "а" | "я" => Case::Genitive,
        "у" | "ю" if feminine => Case::Accusative,
        "у" | "ю" => Case::Dative,
        "ом" | "ем" | "ём" | "ой" | "ей" | "ою" | "ею" => Case::Instrumental,
        "е" if feminine => Case::Dative,
        "е" => Case::Prepositional,
        _ => return None,
    })
}

/// Whether a found (folded) word is its feminine nominative `listed` with
/// `-е`, which the dative and the prepositional share (`Нефусе`).
fn dative_or_prepositional(found: &str, listed: &str) -> bool {
    listed.ends_with(['а', 'я'])
        && found.ends_with('е')
        && noun_case(found, listed) == Some(Case::Dative)
}

/// Whether a nominative word ends as a feminine noun or adjective does,
/// so that its dative and prepositional are one (`Агила`, `Ливийская`).
fn ends_as_feminine(word: &str) -> bool {
    fold(word).ends_with(['а', 'я'])
}

/// A nominative singular noun in `case`, by its ending: a hard consonant
/// (`Совет`, `залив`), `й`, `о`, `е`, `а`, `я`, `ия`. None for what the
/// ending does not tell (`ь`, which may be either gender; plurals;
/// indeclinable words). Inanimate: the accusative of a masculine noun is
/// its nominative.
fn decline_noun(word: &str, case: Case) -> Option<String> {
    let folded = fold(word);
    let last = folded.chars().last()?;
    let before = folded.chars().rev().nth(1)?;
    let velar_or_sibilant = "гкхжшчщ".contains(before);
    // `ь` may end a noun of either gender; the other vowels end plurals
    // and indeclinable words (`Триполи`, `Буэнос-Айрес` aside).
    let cyrillic = Script::of_char(last) == Some(Script::Cyrillic);
    if cyrillic && (last == 'ы' || last == 'и' && velar_or_sibilant) {
        return decline_plural(word, case);
    }
    if !cyrillic || "ьиыуюэё".contains(last) {
        return None;
    }
    // (letters of the nominative to drop, ending) by class.
    let (drop, ending) = match (last, case) {
        (_, Case::Nominative) => return Some(word.to_string()),
        ('о', Case::Accusative) | ('е', Case::Accusative) => return Some(word.to_string()),
        ('о', Case::Genitive) => (1, "а"),
        ('о', Case::Dative) => (1, "у"),
        ('о', Case::Instrumental) => (1, "ом"),
        ('о', Case::Prepositional) => (1, "е"),
        ('е', Case::Genitive) => (1, "я"),
        ('е', Case::Dative) => (1, "ю"),
        ('е', Case::Instrumental) => (1, "ем"),
        ('е', Case::Prepositional) if before == 'и' => (1, "и"),
        ('е', Case::Prepositional) => (1, "е"),
        ('я', _) if before == 'и' => match case {
            Case::Accusative => (1, "ю"),
            Case::Instrumental => (1, "ей"),
            _ => (1, "и"),
        },
        ('а' | 'я', Case::Genitive) if last == 'я' || velar_or_sibilant => (1, "и"),
        ('а', Case::Genitive) => (1, "ы"),
        ('а', Case::Dative | Case::Prepositional) => (1, "е"),
        ('я', Case::Dative | Case::Prepositional) => (1, "е"),
        ('а', Case::Accusative) => (1, "у"),
        ('я', Case::Accusative) => (1, "ю"),
        ('а', Case::Instrumental) => (1, "ой"),
        ('я', Case::Instrumental) => (1, "ей"),
        ('й', Case::Accusative) => return Some(word.to_string()),
        ('й', Case::Genitive) => (1, "я"),
        ('й', Case::Dative) => (1, "ю"),
        ('й', Case::Instrumental) => (1, "ем"),
        ('й', Case::Prepositional) => (1, "е"),
        (_, Case::Accusative) => return Some(word.to_string()),
        (_, Case::Genitive) => (0, "а"),
        (_, Case::Dative) => (0, "у"),
        (_, Case::Instrumental) => (0, "ом"),
        (_, Case::Prepositional) => (0, "е"),
    };
    let keep = word.chars().count() - drop;
    let stem: String = word.chars().take(keep).collect();
    let upper = word.chars().last().is_some_and(is_upper);
    Some(match upper {
        true => format!("{stem}{}", ending.to_uppercase()),
        false => format!("{stem}{ending}"),
    })
}

/// A common noun in the nominative plural (`горы`, `силы`) in `case`, by
/// the endings all plurals share. Not the genitive, nor the accusative,
/// which vary by gender and animacy; nor a capitalised word, which may
/// be an indeclinable name (`Триполи`).
fn decline_plural(word: &str, case: Case) -> Option<String> {
    if word.chars().next().is_some_and(is_upper) {
        return None;
    }
    let ending = match case {
        Case::Nominative => "",
        Case::Dative => "ам",
        Case::Instrumental => "ами",
        Case::Prepositional => "ах",
        Case::Genitive | Case::Accusative => return None,
    };
    let mut stem: String = word.to_string();
    if !ending.is_empty() {
        stem.pop();
    }
    Some(stem + ending)
}

/// A nominative adjective (`Соляной`, `Камышовый`, `Большая`) in `case`,
/// agreeing in gender and number with its nominative ending.
fn decline_adjective(word: &str, case: Case) -> String {
    let folded = fold(word);
    let Some(ending) = ADJECTIVE_ENDINGS.iter().find(|e| folded.ends_with(*e)) else {
        return word.to_string();
    };
    let keep = word.chars().count() - 2;
    let stem: String = word.chars().take(keep).collect();
    let last = stem
        .chars()
        .last()
        .unwrap_or(' ')
        .to_lowercase()
        .next()
        .unwrap_or(' ');
    // `и` after г к х ж ш ч щ and in soft stems; `е` for `о` in soft stems
    // and after ж ш ч щ ц, unless the ending is stressed (`Большой` →
    // `Большого`).
    let velar_or_sibilant = "гкхжшчщ".contains(last);
    let soft = ending.starts_with(['и', 'я']) && !"гкх".contains(last) || *ending == "ее";
    let i = if soft || velar_or_sibilant {
        "и"
    } else {
        "ы"
    };
    let e = if soft || ("жшчщц".contains(last) && *ending != "ой") {
        "е"
    } else {
        "о"
    };
    let new_ending = match (*ending, case) {
        (_, Case::Nominative) => return word.to_string(),
        ("ая" | "яя", Case::Accusative) => if soft { "юю" } else { "ую" }.to_string(),
        ("ая" | "яя", _) => format!("{e}й"),
        ("ые" | "ие", Case::Genitive | Case::Prepositional) => format!("{i}х"),
        ("ые" | "ие", Case::Dative) => format!("{i}м"),
        ("ые" | "ие", Case::Instrumental) => format!("{i}ми"),
        ("ые" | "ие", Case::Accusative) => return word.to_string(),
        ("ое" | "ее", Case::Accusative) => return word.to_string(),
        (_, Case::Genitive | Case::Accusative) => format!("{e}го"),
        (_, Case::Dative) => format!("{e}му"),
        (_, Case::Instrumental) => format!("{i}м"),
        (_, Case::Prepositional) => format!("{e}м"),
    };
    let upper = word.chars().skip(keep).all(is_upper);
    if upper {
        format!("{stem}{}", new_ending.to_uppercase())
    } else {
        format!("{stem}{new_ending}")
    }
}

/// Gives `target` the ending that turns `listed` into `found`. A found
/// word with letters of another script glued on has no Russian ending to
/// give.
fn inflect_like(found: &str, listed: &str, target: &str) -> String {
    let cyrillic = found
        .chars()
        .filter(|&c| is_letter(c))
        .all(|c| Script::of_char(c) == Some(Script::Cyrillic));
    if !cyrillic {
        return target.to_string();
    }
    let (f, l) = (fold(found), fold(listed));
    // A name Russian leaves as it is has no case ending to give or take
    // (`Бенгазы` is `Бенгази` misspelt, not in a case).
    if f == l || russian::is_indeclinable(listed) || russian::is_indeclinable(target) {
        return target.to_string();
    }
    // A listed word ending in a consonant takes its endings after it: a
    // found word that is the listed one with an ending added has that for
    // its ending, however the stemmer reads the listed word alone
    // (`аль-Ислама`: `аль-Ислам` alone reads as `аль-Исл` + `ам`).
    //
    // Nor has such a word an ending to replace (`Мутассим`, which the
    // stemmer would read as `Мутасс` + `им`): a found word takes the case
    // ending it has after a consonant.
    let bare = l.ends_with(|c: char| is_letter(c) && !"аеёиоуыэюяьй".contains(c));
    let added = f
        .strip_prefix(l.as_str())
        .filter(|added| bare && !added.is_empty() && *added == ending(&f));
    let (found_ending, listed_ending) = match added {
        Some(added) => (added, ""),
        None if bare => (noun_case_ending(&f), ""),
        None => (ending(&f), ending(&l)),
    };
    // A found word with no ending that is not the listed word's stem is
    // another spelling in the nominative, as the target is (`Халид` for
    // `Халифа` is not `Халиф`; `сил` for `силы` is `сил`).
    let listed_stem = &l[..l.len() - listed_ending.len().min(l.len())];
    if (found_ending.is_empty() && f != listed_stem)
        || found_ending.chars().count() > 4
        || !fold(target).ends_with(listed_ending)
    {
        return target.to_string();
    }
    let keep = target.chars().count() - listed_ending.chars().count();
    let stem: String = target.chars().take(keep).collect();
    let inflected = format!("{stem}{found_ending}");
    // The ending must read as one on the word it makes: letters a
    // misspelling adds are no ending (`АЛЬ-ВАТЫЯЁ`, for `Аль-Ватыя`, would
    // make `Аль-Ватые`, whose ending reads `ые`, and the next pass
    // `Аль-Ватыые`).
    if ending(&fold(&inflected)) != ending(&f) {
        return target.to_string();
    }
    inflected
}

/// The inflectional ending of a folded Russian word: what its stem leaves.
/// The case ending of a (folded) word found for a masculine noun whose
/// nominative ends in a consonant: the stemmer's ending when it is one
/// such a noun takes (`муатасима`: `а`; `хифтером`: `ом`), else none
/// (`муатасим`, which the stemmer reads as `муатас` + `им`).
fn noun_case_ending(word: &str) -> &str {
    let found = ending(word);
    if is_noun_case_ending(found) {
        found
    } else {
        ""
    }
}

/// Whether `ending` (of a folded word) is a case ending in the singular of
/// a masculine noun whose nominative ends in a consonant, or none: not
/// `ов`, `ин` and the like, which make other surnames (`Ибрагимов`).
pub(super) fn is_noun_case_ending(ending: &str) -> bool {
    ["", "ом", "ем", "ём", "а", "я", "у", "ю", "е"].contains(&ending)
}

fn ending(word: &str) -> &str {
    &word[russian::stem_len(word)..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_with_no_ending_keeps_the_target_whole_unless_it_is_its_stem() {
        assert_eq!(
            suggestion("Халид", "Халифа", "Халифа", Clitics::default()),
            "Халифа"
        );
        // A genitive plural has no ending: the stem is the word.
        assert_eq!(
            suggestion(
                "сил специального назначения",
                "силы специального назначения",
                "силы специального назначения",
                Clitics::default()
            ),
            "сил специального назначения"
        );
    }

    #[test]
    fn a_name_ending_in_a_consonant_has_no_ending_to_replace() {
        // `Мутассим` reads to the stemmer as `Мутасс` + `им`; a misspelt
        // form of it takes its case ending after the `м`.
        for (found, want) in [
            ("Муатасима", "Мутассима"),
            ("Муатасимом", "Мутассимом"),
            ("Муатасиму", "Мутассиму"),
            ("Муатасиме", "Мутассиме"),
            ("Муатасим", "Мутассим"),
        ] {
            assert_eq!(
                suggestion(found, "Мутассим", "Мутассим", Clitics::default()),
                want,
                "{found}"
            );
        }
        assert_eq!(
            suggestion(
                "Муатасима Каддафи",
                "Мутассим Каддафи",
                "Мутассим Каддафи",
                Clitics::default()
            ),
            "Мутассима Каддафи"
        );
    }

    #[test]
    fn russian_case_carries_over() {
        assert_eq!(
            suggestion(
                "Объединённой военной комиссией 5 + 5",
                "Объединённая военная комиссия 5+5",
                "Объединённая военная комиссия 5+5",
                Clitics::default()
            ),
            "Объединённой военной комиссией 5+5"
        );
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
    fn letters_a_misspelling_adds_are_no_case_ending() {
        // `ЯЁ` is no ending: carried over as `Е`, it made `АЛЬ-ВАТЫЕ`, which
        // reads as `Ват` + `ые` and went on to `АЛЬ-ВАТЫЫЕ`.
        assert_eq!(
            suggestion(
                "АВИАБАЗА АЛЬ-ВАТЫЯЁ",
                "авиабаза Аль-Ватыя",
                "авиабаза Аль-Ватыя",
                Clitics::default()
            ),
            "АВИАБАЗА АЛЬ-ВАТЫЯ"
        );
        // Nor is an ending that the house form would read otherwise:
        // `Аль-Ватые` reads as `Ват` + `ые` too.
        assert_eq!(
            suggestion("Аль-Ватье", "Аль-Ватья", "Аль-Ватыя", Clitics::default()),
            "Аль-Ватыя"
        );
        // A real ending carries over.
        assert_eq!(
            suggestion("Мисуратой", "Мисурата", "Мисрата", Clitics::default()),
            "Мисратой"
        );
        // Also after a listed word the stemmer alone would cut short
        // (`аль-Ислам` reads as `аль-Исл` + `ам`).
        assert_eq!(
            suggestion(
                "Сейфа аль-Ислама Каддафи",
                "Сейф аль-Ислам Каддафи",
                "Сейф аль-Ислам Каддафи",
                Clitics::default()
            ),
            "Сейфа аль-Ислама Каддафи"
        );
    }

    #[test]
    fn a_form_of_another_shape_gives_its_case_to_the_head_noun() {
        let s = |found| {
            suggestion(
                found,
                "Болотный совет",
                "Совет Соляного болота",
                Clitics::default(),
            )
        };
        assert_eq!(s("Болотного совета"), "Совета Соляного болота");
        assert_eq!(s("Болотным советом"), "Советом Соляного болота");
        let s = |found| {
            suggestion(
                found,
                "Совет камышей",
                "Камышовый совет",
                Clitics::default(),
            )
        };
        assert_eq!(s("Совета камышей"), "Камышового совета");
        assert_eq!(s("Советом камышей"), "Камышовым советом");
        assert_eq!(s("Совет камышей"), "Камышовый совет");
        let s = |found| suggestion(found, "Большой Сирт", "залив Сидра", Clitics::default());
        assert_eq!(s("Большого Сирта"), "залива Сидра");
        let s = |found| suggestion(found, "Сирт", "Большой Сирт", Clitics::default());
        assert_eq!(s("Сиртом"), "Большим Сиртом");
        assert_eq!(s("Сирта"), "Большого Сирта");
        let s = |found| suggestion(found, "Свободная Ливия", "Ливия", Clitics::default());
        assert_eq!(s("Свободной Ливии"), "Ливии");
        // Another noun takes the case by its own declension.
        let s = |found| suggestion(found, "ИГИЛ", "Исламское государство", Clitics::default());
        assert_eq!(s("ИГИЛе"), "Исламском государстве");
        assert_eq!(s("ИГИЛа"), "Исламского государства");
        assert_eq!(s("ИГИЛом"), "Исламским государством");
        let s = |found| {
            suggestion(
                found,
                "ЛНА",
                "Ливийская национальная армия",
                Clitics::default(),
            )
        };
        assert_eq!(s("ЛНА"), "Ливийская национальная армия");
    }

    #[test]
    fn a_personal_name_of_another_shape_declines_word_by_word() {
        let s =
            |found, listed| suggestion(found, listed, "Абдель Хамид Дбейба", Clitics::default());
        assert_eq!(
            s("Абдулхамидом Дбейбой", "Абдулхамид Дбейба"),
            "Абдель Хамидом Дбейбой"
        );
        assert_eq!(
            s("Абдулхамида Дбейбы", "Абдулхамид Дбейба"),
            "Абдель Хамида Дбейбы"
        );
        // Animate: the accusative of a masculine name is its genitive.
        assert_eq!(
            s("Абдулхамида Дбейбу", "Абдулхамид Дбейба"),
            "Абдель Хамида Дбейбу"
        );
        assert_eq!(
            suggestion(
                "Агилы Салаха Исы",
                "Агила Салах Иса",
                "Агила Салех",
                Clitics::default()
            ),
            "Агилы Салеха"
        );
        // An article before a capital is a name's word too.
        assert_eq!(
            suggestion(
                "Саифом Исламом",
                "Саиф Ислам",
                "Сейф аль-Ислам",
                Clitics::default()
            ),
            "Сейфом аль-Исламом"
        );
    }

    #[test]
    fn a_feminine_e_is_dative_or_prepositional_and_decides_only_a_feminine_form() {
        // Another word's ending tells the case.
        assert_eq!(
            suggestion(
                "Агиле Салахе Исе",
                "Агила Салах Иса",
                "Агила Салех",
                Clitics::default()
            ),
            "Агиле Салехе"
        );
        assert_eq!(
            suggestion(
                "Абдулхамиде Дбейбе",
                "Абдулхамид Дбейба",
                "Абдель Хамид Дбейба",
                Clitics::default()
            ),
            "Абдель Хамиде Дбейбе"
        );
        // None does: a house form whose dative and prepositional differ
        // stays as it is, unless a preposition before it tells.
        assert_eq!(
            suggestion(
                "Джебель-Нефусе",
                "Джебель-Нефуса",
                "горы Нафуса",
                Clitics::default()
            ),
            "горы Нафуса"
        );
        let nafusa = |before| {
            feminine_e_in_context("Джебель-Нефусе", "Джебель-Нефуса", "горы Нафуса", before)
        };
        assert_eq!(nafusa("Бои в ").as_deref(), Some("горах Нафуса"));
        assert_eq!(nafusa("Речь о ").as_deref(), Some("горах Нафуса"));
        assert_eq!(nafusa("Путь к ").as_deref(), Some("горам Нафуса"));
        assert_eq!(nafusa("Вчера "), None);
        assert_eq!(
            feminine_e_in_context("Мисурате", "Мисурата", "Мисрате", "в "),
            None
        );
        // An adjective in the prepositional agrees.
        assert_eq!(
            suggestion(
                "Генеральном национальном конгрессе",
                "Генеральный национальный конгресс",
                "Всеобщий национальный конгресс",
                Clitics::default()
            ),
            "Всеобщем национальном конгрессе"
        );
    }

    #[test]
    fn an_adjective_of_another_stem_takes_the_found_case() {
        let s = |found| {
            suggestion(
                found,
                "Генеральный национальный конгресс",
                "Всеобщий национальный конгресс",
                Clitics::default(),
            )
        };
        assert_eq!(
            s("Генерального национального конгресса"),
            "Всеобщего национального конгресса"
        );
        assert_eq!(
            s("Генеральным национальным конгрессом"),
            "Всеобщим национальным конгрессом"
        );
        assert_eq!(
            s("Генеральный национальный конгресс"),
            "Всеобщий национальный конгресс"
        );
        // A noun in `-ние` is no adjective: it heads its phrase.
        assert_eq!(
            suggestion(
                "Соглашения в Схирате",
                "Соглашение в Схирате",
                "Ливийское политическое соглашение",
                Clitics::default()
            ),
            "Ливийского политического соглашения"
        );
        assert_eq!(
            suggestion(
                "Джебель-Нефусой",
                "Джебель-Нефуса",
                "горы Нафуса",
                Clitics::default()
            ),
            "горами Нафуса"
        );
    }

    #[test]
    fn an_abbreviation_takes_the_case_the_word_before_asks() {
        let lna = "Ливийская национальная армия";
        let s = |before| abbreviation_in_context("ЛНА", "ЛНА", lna, before);
        let said = |case: &str| Some(InContext::Declined(case.to_string()));
        // A noun before: the genitive; a preposition: its case.
        assert_eq!(s("Командующий "), said("Ливийской национальной армии"));
        assert_eq!(s("встреча с главой "), said("Ливийской национальной армии"));
        assert_eq!(s("Переговоры с "), said("Ливийской национальной армией"));
        // An adjective agrees: the case is the word's before it.
        assert_eq!(
            s("Мы говорили с ливийской "),
            said("Ливийской национальной армией")
        );
        assert_eq!(s("Письмо к "), said("Ливийской национальной армии"));
        assert_eq!(s("Речь о "), said("Ливийской национальной армии"));
        // A preposition of two cases: the likelier one.
        assert_eq!(s("В "), said("Ливийской национальной армии"));
        assert_eq!(s("Он работал в "), said("Ливийской национальной армии"));
        assert_eq!(s("Бойцы вступили в "), said("Ливийскую национальную армию"));
        assert_eq!(s("Они воюют за "), said("Ливийскую национальную армию"));
        assert_eq!(s("Надежды на "), said("Ливийскую национальную армию"));
        assert_eq!(s("со стороны "), said("Ливийской национальной армии"));
        assert_eq!(s("Переворот в "), said("Ливийской национальной армии"));
        assert_eq!(
            s("Решение принято в "),
            said("Ливийской национальной армии")
        );
        // A hyphen after the preposition: no panic, the word as folded.
        assert_eq!(s("Бойцы в- "), said("Ливийской национальной армии"));
        // Joined to another abbreviation: the case of the first, whatever
        // asked it, in capitals too.
        assert_eq!(s("В ПНС и "), said("Ливийской национальной армии"));
        assert_eq!(s("ДЕЛЕГАЦИИ ПНС И "), said("Ливийской национальной армии"));
        assert_eq!(
            s("Представители ПНС и "),
            said("Ливийской национальной армии")
        );
        assert_eq!(
            s("Переговоры с ПНС или "),
            said("Ливийской национальной армией")
        );
        // In a headline in capitals too.
        assert_eq!(
            s("Вчера.\nКОМАНДУЮЩИЙ "),
            said("Ливийской национальной армии")
        );
        // A noun by its suffix governs the genitive.
        assert_eq!(s("По словам "), said("Ливийской национальной армии"));
        assert_eq!(s("Армия "), said("Ливийской национальной армии"));
        assert_eq!(s("Признание "), said("Ливийской национальной армии"));
        assert_eq!(
            s("заявил о поддержке "),
            said("Ливийской национальной армии")
        );
        // A verb of the dative list, also for an abbreviation joined by `и`.
        assert_eq!(s("Турция помогает "), said("Ливийской национальной армии"));
        assert_eq!(
            s("Они угрожали ПНС и "),
            said("Ливийской национальной армии")
        );
        // Another verb: its object may be in any case, or the mention its
        // subject.
        for before in [
            "Сообщила ",
            "Турция поддерживает ",
            "Об этом заявило ",
            "Пришли ПНС и ",
            // A word the endings do not tell, which may be a noun.
            "Премьер-министр ",
            "Дрон ",
            "Ополченцы ",
        ] {
            assert_eq!(s(before), Some(InContext::CaseUnknown), "{before:?}");
        }
        // The case open: the house form as it is.
        for before in [
            "",
            "Заявление. ",
            "В понедельник ",
            "Во вторник ",
            "Наконец ",
            "В частности ",
            "В апреле 2019 года ",
            "Ливийские ",
            "ИГИЛ ",
            "Затем ",
            "По словам Хафтара, ",
            "Вчера маршал Хафтар ",
            // Adverbs and adjectives, which no list of endings tells.
            "Между тем ",
            "Поэтому ",
            "Так называемая ",
            "Под ",
            // Joined to a word whose case no list tells.
            "Солдаты и ",
            "ПНС и ",
        ] {
            assert_eq!(s(before), None, "{before:?}");
        }
        // A case ending of its own, or no expansion: nothing to do here.
        assert_eq!(
            abbreviation_in_context("ЛНА", "ЛНА", "ЛНА", "Командующий "),
            None
        );
        assert_eq!(
            abbreviation_in_context("ИГИЛе", "ИГИЛ", "Исламском государстве", "Командующий "),
            None
        );
        // A name after the abbreviation declines with it.
        assert_eq!(
            abbreviation_in_context("ЧВК Вагнера", "ЧВК Вагнера", "Группа Вагнера", "бойцы "),
            Some(InContext::Declined("Группы Вагнера".to_string()))
        );
    }

    #[test]
    fn an_abbreviation_in_a_headline_in_capitals_is_written_out_in_capitals() {
        let gna = "Government of National Accord";
        let text = "GNA FORCES RETAKE TARHUNA\nThe GNA said so.";
        let at = |nth: usize| text.match_indices("GNA").nth(nth).unwrap().0;
        let listed = |w: &str| ["GNA", "LNA", "NOC"].contains(&w);
        let s = |start: usize| {
            abbreviation_in_headline(text, start, start + 3, "GNA", "GNA", gna, listed)
        };
        assert_eq!(s(at(0)).as_deref(), Some("GOVERNMENT OF NATIONAL ACCORD"));
        assert_eq!(s(at(1)), None);
        // Too few capitals around to call it a headline.
        let text = "GNA: OK";
        assert_eq!(
            abbreviation_in_headline(text, 0, 3, "GNA", "GNA", gna, listed),
            None
        );
        // Abbreviations listed in capitals make no headline together.
        let text = "GNA, LNA, NOC, LNA";
        assert_eq!(
            abbreviation_in_headline(text, 0, 3, "GNA", "GNA", gna, listed),
            None
        );
        let text = "GNA AND LNA SIGN";
        assert_eq!(
            abbreviation_in_headline(text, 0, 3, "GNA", "GNA", gna, listed).as_deref(),
            Some("GOVERNMENT OF NATIONAL ACCORD")
        );
    }

    #[test]
    fn nouns_decline_by_their_ending() {
        let d = |w, c| decline_noun(w, c).unwrap_or_default();
        assert_eq!(d("государство", Case::Prepositional), "государстве");
        assert_eq!(d("соглашение", Case::Prepositional), "соглашении");
        assert_eq!(d("Соглашение", Case::Instrumental), "Соглашением");
        assert_eq!(d("армия", Case::Genitive), "армии");
        assert_eq!(d("армия", Case::Instrumental), "армией");
        assert_eq!(d("бригада", Case::Accusative), "бригаду");
        assert_eq!(d("ОПЕРАЦИЯ", Case::Accusative), "ОПЕРАЦИЮ");
        assert_eq!(d("Совет", Case::Dative), "Совету");
        assert_eq!(d("край", Case::Genitive), "края");
        assert_eq!(d("залив", Case::Accusative), "залив");
        assert_eq!(decline_noun("область", Case::Genitive), None);
        assert_eq!(decline_noun("Триполи", Case::Genitive), None);
        assert_eq!(decline_noun("силы", Case::Genitive), None);
        // Plurals by the endings all plurals share.
        assert_eq!(d("горы", Case::Instrumental), "горами");
        assert_eq!(d("силы", Case::Dative), "силам");
        assert_eq!(d("силы", Case::Prepositional), "силах");
        assert_eq!(decline_noun("туареги", Case::Accusative), None);
        assert_eq!(decline_noun("Триполи", Case::Instrumental), None);
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
