//! Finding every mention of a glossary entry in running text.
//!
//! [`Matcher::scan`] makes one pass over the words of a text. At each word
//! it tries the longest run of words that is a listed spelling (folded,
//! with Russian endings stemmed and Arabic clitics peeled off); failing
//! that, a word that could start a name is looked up by similarity. Every
//! mention carries the house form as it belongs at that spot.

mod abroad;
pub mod compiled;
mod context;
mod gate;
mod glued;
mod homographs;
mod ids;
mod memo;
mod pairs;
mod pieces;
mod repeated;
mod seen;
mod slots;
mod suggest;
mod tokens;
mod word_class;
mod words;

use suggest::InContext;
pub use suggest::{suggestion, Clitics};
pub use tokens::{joins_name, tokenize, Token};

use crate::glossary::{CaseRule, Entry, MatchRule};
use crate::lookup::{
    stem_key, surname_of, whole_word_stem_key, IndexedForm, LookupIndex, MatchKind, Origin,
};
use crate::text::ordinary::{
    is_arabic_particle, is_everyday_folded, is_listed_whole_folded, is_ordinary_arabic,
    written_as_listed,
};
use crate::text::{arabic, case, fold, fold_word, russian, Phonetic, Script};
use context::{
    articles_agree, capital_word_after, capital_word_or_article_after, capitals_agree, case_agrees,
    could_end_name, could_open_longer_name, could_start_name, follows_another_name_word,
    has_arabic_article, is_article, is_article_behind_clitics, is_inside_another_name,
    is_sentence_start, lower_case_head_agrees,
};
use ids::IdLists;
use memo::{Resolved, ResolvedMemo};
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use tokens::tokenize_in;
use words::{key_hash, seq_hash, FixedState, Gap, KeyWords, Words};

/// Below this, a similarity match is not worth reporting at all.
pub const FUZZY_FLOOR: f64 = 0.7;
/// A name of several words whose first word is not listed, only close to
/// one that starts listed names, is found whole from this score up: below
/// it, ordinary words before a name take the name in.
const MISSPELT_NAME: f64 = 0.85;
/// Confidence of a Russian first name and surname, each in some case, from
/// two listed spellings of one person (`Мусой Куссой`): both words are
/// the person's, as written in the glossary.
const MIXED_SPELLINGS: f64 = 0.95;
/// Confidence of a house form written with a difference that normalisation
/// removes (`مصراته` for `مصراتة`, `Al Mismari` for `al-Mismari`).
pub const ORTHOGRAPHIC: f64 = 0.99;

/// The confidence of a one-word name written without the article its
/// house form has, at a sentence start, where the capital tells nothing:
/// below `normalize`'s default, above `check`'s.
pub const ARTICLE_LEFT_OUT_AT_SENTENCE_START: f64 = 0.9;

/// The confidence of a Russian abbreviation written out in the
/// nominative where the word before it does not tell its case (a verb:
/// `поддерживает ПНС`, `заявило ПНС`): below `normalize`'s default, above
/// `check`'s.
pub const CASE_UNKNOWN: f64 = 0.9;

/// The confidence of a Russian surname alone in `-ов` or `-ев`, its
/// genitive plural, with no word for a family before it: that is how
/// Russian surnames are made too (`Леонов` is no `Леон`s), so it is
/// reported only below `check`'s threshold.
pub const PLURAL_UNSURE: f64 = 0.7;
/// Similarity candidates that cannot score this are never scored: a
/// little below [`FUZZY_FLOOR`], so that nothing whose score is reported
/// (rounded) as the floor or above is left out.
const FUZZY_BOUND: f64 = FUZZY_FLOOR - 0.001;
/// Words the similarity cache holds at most.
const SIMILAR_CACHE_LIMIT: usize = 200_000;
/// Longest run of words a similarity match is tried on.
const FUZZY_WORDS: usize = 4;

/// The most words of a listed name broken at a line end (`Вар-⏎фалли`)
/// that a window reads, each one token more than the name has words.
const BROKEN_WORDS: usize = 2;

/// One mention of an entry in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte span in the text: whole words, Arabic clitics included, an
    /// English possessive `'s` excluded.
    pub start: usize,
    pub end: usize,
    /// Index into [`Matcher::entries`].
    pub entry: usize,
    /// The glossary spelling it matched, an index into the lookup forms.
    pub form: u32,
    pub kind: MatchKind,
    /// The language the mention is written in.
    pub lang: String,
    /// The house form as it belongs at that spot.
    pub suggestion: String,
    pub confidence: f64,
    /// A surname alone, written as listed, whose rewrite holds whichever
    /// of its bearers is meant ([`LookupIndex::surname_rewrite_score`]):
    /// [`Matcher::scan`] makes it as sure as a near-certain spelling when
    /// the text names one of them in full.
    pub(crate) settled_surname: bool,
    /// Byte length of what the span takes in before the name: Arabic
    /// proclitics, or an English indefinite article that the rewrite
    /// changes (`an LNA` → `a Libyan National Army`).
    pub clitics: usize,
    /// Byte length of what the span takes in after the name: a word the
    /// rewrite ends with (`Radaa force` → `Rada Special Deterrence Force`).
    pub trailing: usize,
}

/// Options of a scan.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// Look for unlisted spellings by similarity too.
    pub fuzzy: bool,
    /// The language of the text, when known: decides which house form a
    /// Latin-script mention is brought to.
    pub lang: Option<String>,
}

/// A glossary compiled for scanning text.
///
/// It serialises (without what its scans have learnt) so that a large
/// glossary is compiled once and then read back ([`compiled`]).
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Matcher {
    index: LookupIndex,
    gate: gate::Gate,
    /// Words known not to start any name by similarity (the hashes of
    /// their folds), so that a word seen again costs one probe. Bounded:
    /// cleared when it grows past [`SIMILAR_CACHE_LIMIT`].
    #[serde(skip)]
    not_similar: std::sync::Mutex<std::collections::HashSet<u64, FixedState>>,
    /// What runs of words are by similarity, by their text. Bounded as
    /// `not_similar` is.
    #[serde(skip)]
    similar_spans: std::sync::Mutex<HashMap<Box<str>, Similar, FixedState>>,
    /// Listed spellings by the [`key_hash`] of their fold, best first.
    phrases: IdLists,
    /// Cyrillic spellings by the [`key_hash`] of their [`stem_key`] and of
    /// their [`whole_word_stem_key`].
    stems: IdLists,
    /// The [`stem_key`] of every Cyrillic spelling (empty for others).
    stem_keys: Vec<Box<str>>,
    /// The [`whole_word_stem_key`]s there are, by spelling id, in order.
    whole_word_stem_keys: Vec<(u32, Box<str>)>,
    forms_of_entry: Vec<Vec<u32>>,
    /// Every entry's house forms, by language.
    houses: Vec<Vec<House>>,
    /// The languages of house forms; [`House::lang`] is a place here.
    langs: Vec<Box<str>>,
    /// Whether each entry's case rule is [`CaseRule::Sensitive`], at hand
    /// without reading the entry.
    case_sensitive: Vec<bool>,
    /// Whether each entry is a body of a kind many countries have
    /// ([`abroad::is_generic_body`]).
    generic_bodies: Vec<bool>,
    max_words: usize,
    /// The first two key words of the listed spellings and of their stem
    /// keys: whether a window of two words or more is worth trying.
    pairs: pairs::Pairs,
    /// Every word of an Arabic listed spelling, without its article,
    /// sorted: an everyday word that is none of them, read behind any
    /// clitics, is no word of a misspelt name.
    arabic_name_words: Vec<Box<str>>,
}

/// A house form, as a mention is brought to it.
#[derive(serde::Serialize, serde::Deserialize)]
struct House {
    /// A place in [`Matcher::langs`].
    lang: u16,
    form: Box<str>,
    /// [`surname_of`] the form.
    surname: Option<Box<str>>,
}

impl Matcher {
    pub fn new(entries: Vec<Entry>) -> Matcher {
        let index = LookupIndex::build(entries);
        let mut phrases: HashMap<u64, Vec<u32>, FixedState> = HashMap::with_hasher(FixedState);
        let mut stems: HashMap<u64, Vec<u32>, FixedState> = HashMap::with_hasher(FixedState);
        let mut stem_keys: Vec<Box<str>> = vec![Box::from(""); index.forms().len()];
        let mut whole_word_stem_keys: Vec<(u32, Box<str>)> = Vec::new();
        let mut forms_of_entry = vec![Vec::new(); index.entries().len()];
        let mut max_words = 1;
        for (id, form) in index.forms().iter().enumerate() {
            let id = id as u32;
            if form.folded.is_empty() {
                continue;
            }
            max_words = max_words.max(crate::text::words(&form.text).count());
            phrases.entry(key_hash(&form.folded)).or_default().push(id);
            if form.script == Script::Cyrillic {
                let stem = stem_key(&form.folded);
                stems.entry(key_hash(&stem)).or_default().push(id);
                stem_keys[id as usize] = stem.into();
                if let Some(whole) = whole_word_stem_key(&form.folded) {
                    stems.entry(key_hash(&whole)).or_default().push(id);
                    whole_word_stem_keys.push((id, whole.into()));
                }
            }
            forms_of_entry[form.entry as usize].push(id);
        }
        let rank = |forms: &[IndexedForm], id: &u32| {
            let f = &forms[*id as usize];
            (f.origin as u8, f.bearer_rank, f.entry)
        };
        for ids in phrases.values_mut().chain(stems.values_mut()) {
            ids.sort_by_key(|id| rank(index.forms(), id));
        }
        let gate = gate::Gate::new(index.forms());
        let mut arabic_name_words: Vec<Box<str>> = index
            .forms()
            .iter()
            .filter(|form| form.script == Script::Arabic)
            .flat_map(|form| form.folded.split(' '))
            .map(|word| arabic::strip_article(word).into())
            .collect();
        arabic_name_words.sort_unstable();
        arabic_name_words.dedup();
        let pairs = pairs::Pairs::new(
            index
                .forms()
                .iter()
                .map(|form| &*form.folded)
                .chain(stem_keys.iter().map(|key| &**key))
                .chain(whole_word_stem_keys.iter().map(|(_, key)| &**key)),
        );
        let mut langs: Vec<Box<str>> = Vec::new();
        let mut lang_id = |lang: &str| match langs.iter().position(|l| **l == *lang) {
            Some(id) => id as u16,
            None => {
                langs.push(lang.into());
                (langs.len() - 1) as u16
            }
        };
        let houses: Vec<Vec<House>> = index
            .entries()
            .iter()
            .map(|entry| {
                entry
                    .terms
                    .keys()
                    .filter_map(|lang| {
                        let form = entry.house(lang)?;
                        Some(House {
                            lang: lang_id(lang),
                            form: form.into(),
                            surname: surname_of(form).map(Into::into),
                        })
                    })
                    .collect()
            })
            .collect();
        let case_sensitive = index
            .entries()
            .iter()
            .map(|entry| entry.case == CaseRule::Sensitive)
            .collect();
        let generic_bodies = (0..index.entries().len())
            .map(|entry| {
                index.entries()[entry].entry_type == "org"
                    && houses[entry]
                        .iter()
                        .find(|house| &*langs[house.lang as usize] == "en")
                        .is_some_and(|house| abroad::is_generic_body(&house.form))
            })
            .collect();
        Matcher {
            index,
            gate,
            not_similar: std::sync::Mutex::new(std::collections::HashSet::with_hasher(FixedState)),
            similar_spans: std::sync::Mutex::new(HashMap::with_hasher(FixedState)),
            phrases: IdLists::new(phrases),
            stems: IdLists::new(stems),
            stem_keys,
            whole_word_stem_keys,
            forms_of_entry,
            houses,
            langs,
            case_sensitive,
            generic_bodies,
            max_words,
            pairs,
            arabic_name_words,
        }
    }

    /// The entry's house form in `lang` ([`Entry::house`]).
    fn house(&self, entry: u32, lang: &str) -> Option<&House> {
        let lang = self.langs.iter().position(|l| **l == *lang)? as u16;
        self.houses[entry as usize].iter().find(|h| h.lang == lang)
    }

    pub fn entries(&self) -> &[Entry] {
        self.index.entries()
    }

    /// Forgets what similarity lookups have learnt about the words seen so
    /// far, so that the next scan starts as the first did (benchmarks).
    pub fn forget_similar(&self) {
        if let Ok(mut cache) = self.not_similar.lock() {
            cache.clear();
        }
        if let Ok(mut cache) = self.similar_spans.lock() {
            cache.clear();
        }
    }

    pub fn index(&self) -> &LookupIndex {
        &self.index
    }

    /// Every mention in `text`, in order, not overlapping.
    ///
    /// The text is read in blocks of about [`BLOCK`] bytes, cut at white
    /// space, so that the words held at once stay few whatever the size of
    /// the text. A block is tokenised with a few words of the text before it
    /// and after it, as many as a match or its context can reach, so that
    /// every word is judged as it would be in the whole text.
    ///
    /// A text of several megabytes is scanned on all cores, in pieces cut at
    /// sentence ends (see [`pieces`]), with the same result.
    pub fn scan(&self, text: &str, options: &ScanOptions) -> Vec<Mention> {
        let mut mentions = self.scan_in_pieces(text, options);
        self.drop_two_surnames_in_a_row(text, &mut mentions);
        self.drop_abbreviations_defined_otherwise(text, &mut mentions);
        self.drop_abbreviations_introduced(text, &mut mentions);
        self.drop_abbreviations_glossed(text, &mut mentions);
        self.drop_everyday_surnames_at_sentence_start(text, &mut mentions);
        self.doubt_plural_surnames(text, &mut mentions);
        self.settle_surnames(&mut mentions);
        mentions
    }

    /// Drops an abbreviation in brackets right after a mention of its own
    /// entry: the text introduces it (`Government of National Accord (GNA)`,
    /// `армией (ЛНА)`), and writing it out would say the name twice.
    fn drop_abbreviations_introduced(&self, text: &str, mentions: &mut Vec<Mention>) {
        let forms = self.index.forms();
        drop_pairs(mentions, |name, abbreviation| {
            let introduced = name.entry == abbreviation.entry
                && abbreviation.clitics == 0
                && suggest::is_all_caps(&forms[abbreviation.form as usize].text)
                && text[name.end..abbreviation.start].trim_start() == "("
                && text[abbreviation.end..].starts_with(')');
            (false, introduced)
        });
    }

    /// Drops every mention of an abbreviation that the text defines as
    /// another body's: `the Ghana News Agency (GNA) reported … The GNA
    /// said` names the agency both times, not the Government of National
    /// Accord. A definition is the abbreviation in brackets right after
    /// words whose initials spell it and that are no mention of the
    /// abbreviation's own entry.
    fn drop_abbreviations_defined_otherwise(&self, text: &str, mentions: &mut Vec<Mention>) {
        let forms = self.index.forms();
        let abbreviation = |m: &Mention| {
            m.clitics == 0
                && suggest::is_all_caps(&forms[m.form as usize].text)
                && suggest::is_all_caps(&text[m.start..m.end])
        };
        // The abbreviations found, each with its entry: few in any text.
        let mut found: Vec<(&str, usize)> = mentions
            .iter()
            .filter(|m| abbreviation(m))
            .map(|m| (&text[m.start..m.end], m.entry))
            .collect();
        if found.is_empty() {
            return;
        }
        found.sort_unstable();
        found.dedup();
        // For each abbreviation, whether the text defines it otherwise,
        // and whether it introduces it by its own name (then it is left
        // as it is): read where it is found in brackets, which is every
        // place it stands so (before those introduced are dropped).
        let mut otherwise = vec![false; found.len()];
        let mut own = vec![false; found.len()];
        for (i, m) in mentions.iter().enumerate() {
            if !(text[..m.start].ends_with('(')
                && text[m.end..].starts_with(')')
                && abbreviation(m))
            {
                continue;
            }
            let word = &text[m.start..m.end];
            let Some(k) = found.iter().position(|&f| f == (word, m.entry)) else {
                continue;
            };
            let at = m.start - 1;
            if mentions[..i]
                .iter()
                .rev()
                .take(2)
                .any(|n| n.entry == m.entry && n.end <= at && text[n.end..at].trim().is_empty())
            {
                own[k] = true;
            } else if initials_spell(&text[..at], word) {
                otherwise[k] = true;
            }
        }
        let defined_otherwise: Vec<(&str, usize)> = (0..found.len())
            .filter(|&k| otherwise[k] && !own[k])
            .map(|k| found[k])
            .collect();
        if !defined_otherwise.is_empty() {
            mentions.retain(|m| {
                !(abbreviation(m) && defined_otherwise.contains(&(&text[m.start..m.end], m.entry)))
            });
        }
    }

    /// Drops an abbreviation glossed in brackets right after it, by its own
    /// name or by words its rewrite writes (`LNA (Libyan National Army)`,
    /// `JMC (Joint Military Commission)`, `JMC (5+5)`): written out, it
    /// would say them twice (`5+5 Joint Military Commission (5+5)`).
    fn drop_abbreviations_glossed(&self, text: &str, mentions: &mut Vec<Mention>) {
        let forms = self.index.forms();
        mentions.retain(|m| {
            // Words taken in before it (`the 5+5 JMC`) count as clitics.
            !(suggest::is_all_caps(&forms[m.form as usize].text)
                && suggest::is_all_caps(&text[m.start + m.clitics..m.end])
                && m.suggestion != text[m.start..m.end]
                && glossed_after(&text[m.end..], &m.suggestion))
        });
    }

    /// Drops a surname alone that is an everyday word of the lists
    /// (`glossary/ordinary/en.txt`, `ru.txt`) written at a sentence start,
    /// where its capital tells nothing: `Кара за это будет суровой` is
    /// punishment, not Abdel Raouf Kara. It is a mention when the text names
    /// one of its bearers in full, as a given name or title before it
    /// (`командир Кара`, inside a sentence) makes it one anyway.
    fn drop_everyday_surnames_at_sentence_start(&self, text: &str, mentions: &mut Vec<Mention>) {
        let forms = self.index.forms();
        // Cheap tests first: this is asked of every mention.
        let everyday = |m: &Mention| {
            if m.clitics != 0 || !forms[m.form as usize].origin.is_surname() {
                return false;
            }
            let found = &text[m.start..m.end];
            let script = Script::detect(found);
            matches!(script, Script::Latin | Script::Cyrillic)
                && is_everyday_folded(script, &fold_word(found))
                && is_sentence_start(text, m.start)
        };
        if !mentions.iter().any(everyday) {
            return;
        }
        let entries = self.index.entries();
        let surnames = |entry: usize| {
            self.houses[entry]
                .iter()
                .filter_map(|house| Some((house.lang, house.surname.clone()?)))
        };
        let named: std::collections::HashSet<(u16, Box<str>)> = mentions
            .iter()
            .filter(|m| {
                !forms[m.form as usize].origin.is_surname()
                    && entries[m.entry].entry_type == "person"
            })
            .flat_map(|m| surnames(m.entry))
            .collect();
        mentions.retain(|m| !everyday(m) || surnames(m.entry).any(|s| named.contains(&s)));
    }

    /// A Russian surname alone in the genitive plural names a family after
    /// a word for one (`клан Хафтаров`, `братьев Хифтеров` → `братьев
    /// Хафтаров`), as the other plural cases do anywhere (`Хафтарам`); with
    /// no such word `-ов` and `-ев` make another surname as well (`Леонов`,
    /// no `Леон`), and its confidence falls to [`PLURAL_UNSURE`].
    fn doubt_plural_surnames(&self, text: &str, mentions: &mut [Mention]) {
        let forms = self.index.forms();
        for m in mentions.iter_mut() {
            let form = &forms[m.form as usize];
            if !form.origin.is_surname() || form.script != Script::Cyrillic || m.clitics != 0 {
                continue;
            }
            let found = fold_word(&text[m.start..m.end]);
            let plural = found
                .strip_prefix(form.folded.as_str())
                .is_some_and(|ending| matches!(ending, "ов" | "ев"));
            if plural && !suggest::after_family_word(&text[..m.start]) {
                m.confidence = m.confidence.min(PLURAL_UNSURE);
            }
        }
    }

    /// Drops two surnames alone of different persons written one after the
    /// other (`Ибрагим Дбейба`, `إبراهيم الدبيبة`): they are one person's
    /// first name and surname, someone the glossary does not hold, as
    /// `Ibrahim Dbeibah` is in English, where the capitals tell it. A first
    /// name seldom carries the article (those that do, `الساعدي`, are
    /// given names of the list), so a first surname written with it or
    /// listed with it is a mention, and so is the one after it: in a
    /// sentence that opens with the verb, subject and object stand side by
    /// side (`التقى السراج حفتر`, al-Sarraj met Haftar).
    fn drop_two_surnames_in_a_row(&self, text: &str, mentions: &mut Vec<Mention>) {
        let forms = self.index.forms();
        let alone = |m: &Mention| forms[m.form as usize].origin.is_surname() && m.trailing == 0;
        let with_article = |m: &Mention| {
            carries_article(&text[m.start + m.clitics..m.end])
                || carries_article(&forms[m.form as usize].text)
        };
        drop_pairs(mentions, |first, second| {
            let gap = &text[first.end..second.start];
            let in_a_row = alone(first)
                && alone(second)
                && !with_article(first)
                && first.entry != second.entry
                && second.clitics == 0
                && !gap.is_empty()
                && gap.chars().all(char::is_whitespace)
                && context::on_one_line(gap);
            (in_a_row, in_a_row)
        });
    }

    /// [`Matcher::scan`] with blocks of `block` bytes.
    fn scan_in_blocks(
        &self,
        text: &str,
        options: &ScanOptions,
        block_bytes: usize,
    ) -> Vec<Mention> {
        let mut mentions = Vec::new();
        let mut block = Block::default();
        let mut memo = ResolvedMemo::default();
        // Words a window and its context may reach after a word.
        let ahead = self.max_words.max(FUZZY_WORDS) + BROKEN_WORDS + 2;
        // No mention starts before this byte: the previous one ends there.
        let mut resume = 0;
        let mut start = 0;
        while start < text.len() {
            let end = boundary_after(text, start.saturating_add(block_bytes.max(1)));
            block.tokens.clear();
            block.tokens.extend_from_slice(&block.behind);
            let first = block.tokens.len();
            tokenize_in(text, start..end, &mut block.scratch, &mut block.tokens);
            let own = block.tokens.len();
            // The words after the block, which a window may take in.
            let mut next = end;
            while block.tokens.len() < own + ahead && next < text.len() {
                let to = boundary_after(text, next.saturating_add(256));
                tokenize_in(text, next..to, &mut block.scratch, &mut block.tokens);
                next = to;
            }
            block.tokens.truncate(own + ahead);
            block.words.fill(&block.tokens, &self.gate);
            let Block { tokens, words, .. } = &mut block;
            self.scan_block(
                text,
                tokens,
                words,
                first..own,
                &mut resume,
                options,
                &mut mentions,
                &mut memo,
                true,
            );
            // Two words of context before the next block.
            block.behind.clear();
            block
                .behind
                .extend_from_slice(&block.tokens[own.saturating_sub(2)..own]);
            start = end;
        }
        mentions
    }

    /// Scans the block's words `own` (the rest are context), starting no
    /// mention before byte `resume`, which it moves past each mention.
    #[allow(clippy::too_many_arguments)]
    fn scan_block(
        &self,
        text: &str,
        tokens: &[Token],
        words: &mut Words,
        own: std::ops::Range<usize>,
        resume: &mut usize,
        options: &ScanOptions,
        mentions: &mut Vec<Mention>,
        memo: &mut ResolvedMemo,
        read_glued: bool,
    ) {
        let mut i = own.start;
        while i < own.end {
            if tokens[i].protected || tokens[i].start < *resume {
                i += 1;
                continue;
            }
            // Only words that can start a listed name get the full window
            // match (and an article right before such a word: `Az Zawiyah`).
            let opens = |k: usize| words.info[k].reach > 0;
            let rejoined = |k: usize| self.opens_rejoined(text, tokens, k);
            let starts_name = opens(i) || rejoined(i);
            let before_name = !starts_name
                && i + 1 < tokens.len()
                && (opens(i + 1) || rejoined(i + 1))
                && ((is_article(tokens[i].text)
                    && article_may_precede(&tokens[i], &tokens[i + 1]))
                    || is_article_behind_clitics(tokens[i].text));
            let mut found = None;
            let mut crossed = false;
            if starts_name || before_name {
                let bounded = opens(i) && !rejoined(i);
                let longest = self.longest_window(text, tokens, words, i, bounded);
                found = self.listed_at(text, tokens, words, i, longest, *resume);
                // Of two listed names that overlap, a longer one written
                // as its house form is the mention: a shorter one starting
                // here is looked for before its first word.
                if let Some(k) = found
                    .filter(|hit| !self.as_listed(text, tokens, i, hit))
                    .and_then(|hit| {
                        self.longer_name_inside(text, tokens, words, i, hit.words, *resume)
                    })
                {
                    found = self.listed_at(text, tokens, words, i, k - i, *resume);
                    crossed = true;
                }
            }
            // An abbreviation takes no Arabic article: `An NOC` is English
            // `an` (`A National Oil Corporation`), found at the next word.
            if found.is_some_and(|hit| {
                hit.words > 1
                    && is_article(tokens[i].text)
                    && suggest::is_all_caps(&self.index.forms()[hit.form as usize].text)
            }) {
                found = None;
            }
            if options.fuzzy && !crossed {
                if let Some(longer) = found.and_then(|hit| {
                    self.full_name_after_short_form(text, tokens, words, i, hit, *resume)
                }) {
                    found = Some(longer);
                }
            }
            let mut at = i;
            // A word too short to start a name by similarity alone may
            // still open one of the names of several words it starts, as
            // a window of two words or more (`Ali Zaydan`).
            let similar = found.is_none() && !crossed && options.fuzzy;
            let shortest = if !similar {
                0
            } else if could_start_name(&tokens[i]) {
                1
            } else if words.info[i].reach > 1 && could_open_longer_name(&tokens[i]) {
                2
            } else {
                0
            };
            let before_surname =
                shortest == 1 && !starts_name && self.surname_follows(text, tokens, words, i);
            if shortest > 0
                && (starts_name || before_surname || !self.known_not_similar(words.info[i].hash))
            {
                let longest = FUZZY_WORDS.min(tokens.len() - i);
                words.ensure(text, tokens, i..i + longest);
                // A word close to one that starts listed names may start a
                // name misspelt (`Tripolli Revolutionaries Brigade`): the
                // name is taken whole when it comes close enough. Else the
                // word's rewrite alone could make a listed name that the
                // next pass finds.
                if !starts_name && self.resembles_a_name_start(tokens[i].text) {
                    found = self
                        .similar_at(text, tokens, words, i, 1, true, false, true, *resume)
                        .filter(|hit| hit.words > 1 && hit.score >= Some(MISSPELT_NAME));
                }
                if found.is_none() {
                    found = self.similar_at(
                        text,
                        tokens,
                        words,
                        i,
                        shortest,
                        starts_name,
                        before_surname,
                        false,
                        *resume,
                    );
                }
                // An article standing before the name goes with it, as it
                // does with a listed spelling (`Al- Zawiya`): else the
                // spelling put right would take it in on a second pass.
                if let Some(hit) = &mut found {
                    if hit.clitics.prefix == 0 && article_before(text, tokens, i, *resume) {
                        at = i - 1;
                        hit.words += 1;
                    }
                }
            }
            match found {
                Some(hit) => {
                    let mut n = hit.words;
                    if let Some(mut m) = self.mention(text, tokens, at, hit, options, memo) {
                        if m.start == tokens[at].start && m.clitics == 0 {
                            m.start = doubled_article_start(text, tokens, at, *resume);
                            if m.start == tokens[at].start {
                                m.start = article_agreeing_start(
                                    text,
                                    tokens,
                                    at,
                                    &m.suggestion,
                                    *resume,
                                );
                            }
                            if m.start == tokens[at].start {
                                m.start =
                                    article_apart_start(text, tokens, at, &m.suggestion, *resume);
                            }
                            if m.start == tokens[at].start && m.lang == "en" {
                                with_indefinite_article(text, tokens, at, &mut m, *resume);
                            }
                        }
                        if m.lang == "en" {
                            n += repeated::take_repeated_tail(text, tokens, at + n - 1, &mut m);
                        }
                        n += self.take_listed_completion(text, tokens, at + n - 1, &mut m);
                        if m.lang == "en" || m.lang == "ru" {
                            repeated::take_repeated_head(text, tokens, at, &mut m, *resume);
                        }
                        mentions.push(m);
                    }
                    *resume = tokens[at + n - 1].end;
                    i = at + n;
                }
                None => {
                    if read_glued && words.info[i].inner_capital {
                        self.scan_glued(text, tokens, i, resume, options, mentions, memo);
                    }
                    i += 1;
                }
            }
        }
    }

    /// Takes in the words after a mention (word `last` its last) that,
    /// written after its rewrite, make a longer listed spelling of the same
    /// entry: `Aguila Salah` is put right as `Aguila Saleh`, and `Aguila
    /// Saleh Issa` is a listed variant, so `Aguila Salah Issa` goes whole to
    /// the house form, as that variant does; else a second pass would find
    /// what the first wrote. Returns how many words it took.
    fn take_listed_completion(
        &self,
        text: &str,
        tokens: &[Token],
        last: usize,
        m: &mut Mention,
    ) -> usize {
        // Cheap tests first, at every mention: a rewrite to the house form
        // (in the text's capitals; a Russian one in another case has no
        // longer listed spelling), a word after it, and a spelling of the
        // entry with more words.
        let forms = self.index.forms();
        let own = || {
            self.forms_of_entry[m.entry]
                .iter()
                .map(|&id| &forms[id as usize])
        };
        let Some(house) = own().find(|f| f.origin == Origin::House && f.lang == m.lang) else {
            return 0;
        };
        let lower = |s: &str| {
            s.chars()
                .flat_map(char::to_lowercase)
                .collect::<Vec<char>>()
        };
        let house_words = house.folded.split(' ').count();
        if m.suggestion == text[m.start..m.end]
            || tokens.get(last + 1).is_none()
            || !own().any(|f| f.folded.split(' ').count() > house_words)
            || lower(&m.suggestion) != lower(&house.text)
        {
            return 0;
        }
        let rewrite = house.folded.as_str();
        for &id in &self.forms_of_entry[m.entry] {
            let Some(rest) = forms[id as usize]
                .folded
                .strip_prefix(rewrite)
                .and_then(|rest| rest.strip_prefix(' '))
            else {
                continue;
            };
            let wanted = rest.split(' ').count();
            let Some(after) = tokens.get(last + 1..last + 1 + wanted) else {
                continue;
            };
            let mut end = m.end;
            let written = after.iter().zip(rest.split(' ')).all(|(t, word)| {
                let ok = !t.protected
                    && tokens::joins_name(&text[end..t.start])
                    && !text[end..t.start].contains(['\n', '\r'])
                    && fold_word(t.text) == word;
                end = t.end;
                ok
            });
            if written {
                m.trailing += end - m.end;
                m.end = end;
                return wanted;
            }
        }
        0
    }

    /// The first word inside the listed name at words `i .. i + n` (not in
    /// house form) where another listed name starts that goes on past it,
    /// has more words and is written as the house form has it (`national
    /// salvation Government of National Accord`: not `National Salvation
    /// Government`, but `Government of National Accord`). A rewrite would
    /// otherwise make a name of its first words with the words before it,
    /// which the next pass would find. A variant is no reason to cut a name
    /// short (`Derna Mujahideen Shura Council in Derna`), and a name in
    /// house form is left as the first (nothing is rewritten there).
    fn longer_name_inside(
        &self,
        text: &str,
        tokens: &[Token],
        words: &mut Words,
        i: usize,
        n: usize,
        after: usize,
    ) -> Option<usize> {
        (i + 1..i + n).find(|&k| {
            if tokens[k].protected {
                return false;
            }
            let opens = words.info[k].reach > 0;
            let rejoined = self.opens_rejoined(text, tokens, k);
            if !opens && !rejoined {
                return false;
            }
            let longest = self.longest_window(text, tokens, words, k, opens && !rejoined);
            // Longer than the name at `i` (and so, starting inside it,
            // past its end).
            let shortest = n + 1;
            shortest <= longest
                && self
                    .listed_within(text, tokens, words, k, shortest..=longest, after)
                    .is_some_and(|other| self.as_listed(text, tokens, k, &other))
        })
    }

    /// Whether the listed `hit` at word `i` is written as the house form
    /// it matched, to the letter.
    fn as_listed(&self, text: &str, tokens: &[Token], i: usize, hit: &Hit) -> bool {
        let form = &self.index.forms()[hit.form as usize];
        form.origin == Origin::House
            && text[tokens[i].start..tokens[i + hit.words - 1].end] == form.text
    }

    /// Listed spellings whose fold is `key` (words with their hashes),
    /// best first.
    fn phrase_ids<'a>(&'a self, key: &'a [(u64, &'a str)]) -> impl Iterator<Item = u32> + 'a {
        let forms = self.index.forms();
        self.phrases
            .get(seq_hash(key.iter().map(|w| w.0)))
            .iter()
            .copied()
            .filter(move |&id| joined_eq(&forms[id as usize].folded, key))
    }

    /// Cyrillic spellings whose [`stem_key`] is `key`, the stems of the
    /// folded words of `words`, best first; or whose [`whole_word_stem_key`]
    /// is, when every word the listed spelling keeps whole has a case
    /// ending a noun like it takes (`Ибрагимом` is `Ибрагим`'s, but
    /// `Ибрагимов`, another surname, is not).
    fn stem_ids<'a>(
        &'a self,
        key: &'a [(u64, &'a str)],
        words: &'a [(u64, &'a str)],
    ) -> impl Iterator<Item = u32> + 'a {
        self.stems
            .get(seq_hash(key.iter().map(|w| w.0)))
            .iter()
            .copied()
            .filter(move |&id| {
                let form = &self.index.forms()[id as usize];
                russian::case_forms_agree(&form.text, &form.folded, words.iter().map(|w| w.1))
            })
            .filter(move |&id| {
                joined_eq(&self.stem_keys[id as usize], key)
                    || self
                        .whole_word_stem_keys
                        .binary_search_by_key(&id, |(id, _)| *id)
                        .is_ok_and(|at| {
                            let whole = &self.whole_word_stem_keys[at].1;
                            joined_eq(whole, key)
                                && self.stem_keys[id as usize]
                                    .split(' ')
                                    .zip(whole.split(' '))
                                    .zip(words)
                                    .all(|((stem, whole), (_, word))| {
                                        stem == whole
                                            || suggest::is_noun_case_ending(
                                                word.get(whole.len()..).unwrap_or(""),
                                            )
                                    })
                        })
            })
    }

    /// The most words from `i` that a listed spelling may span, making
    /// them ready: no window reaches past a word that cannot belong to a
    /// name with the ones before it, and, when `bounded`, none holds more
    /// key words than the longest listed spelling that starts with word
    /// `i` ([`WordInfo::reach`](words::WordInfo::reach)).
    fn longest_window(
        &self,
        text: &str,
        tokens: &[Token],
        words: &mut Words,
        i: usize,
        mut bounded: bool,
    ) -> usize {
        // A word broken at a line end is two tokens: a window may hold
        // one token more for each, up to `BROKEN_WORDS`.
        let most = (self.max_words + BROKEN_WORDS).min(tokens.len() - i);
        let reach = words.info[i].reach as usize;
        // Key words of the words so far that a longer window keeps.
        let mut kept = 0;
        // Words broken at a line end so far.
        let mut broken = 0;
        for n in 1..=most {
            let k = i + n - 1;
            if n > 1 {
                // Ready: preparing word `k - 1` read the gap after it.
                let gap = &words.gaps[k - 1];
                if tokens[k].protected || !gap.joins {
                    return n - 1;
                }
                // A hyphen at a line end or a soft hyphen may join two
                // words into one key word: stop counting.
                if !gap.plain {
                    bounded = false;
                    broken += 1;
                }
            }
            if n > self.max_words + broken.min(BROKEN_WORDS) {
                return n - 1;
            }
            // Every word stands for a key word at least: past the reach
            // before it is made ready, unless a soft hyphen in it lifts the
            // bound.
            if bounded && n > 1 && kept >= reach && words::is_plain_word(tokens[k].text) {
                return n - 1;
            }
            words.ensure_one(text, tokens, k);
            let w = words.details(k);
            // An article before the first name word leaves the first key
            // word to a later word: no bound from this one.
            bounded &= w.plain && !(n == 1 && w.drops);
            if bounded && kept + w.n_keys as usize > reach {
                return n - 1;
            }
            // A second key word that no listed spelling has after the
            // first. (An article here may leave its place to the word
            // after it, and a hyphen at a line end after it may join the
            // next word to it: no bound then.)
            if n == 2
                && bounded
                && !w.drops
                && words.gaps.get(k).is_none_or(|g| g.plain)
                && !self.pair_may_start(tokens, words, i)
            {
                return 1;
            }
            if !w.drops {
                kept += w.n_keys as usize;
            }
        }
        most
    }

    /// Whether the first key word of word `i` and the first of word
    /// `i + 1` (both ready, neither an article dropped) may start a listed
    /// spelling, read as the window match reads them: as folded, as
    /// Russian stems, or (Arabic) the first behind its proclitics.
    fn pair_may_start(&self, tokens: &[Token], words: &Words, i: usize) -> bool {
        let (first, second) = (words.details(i), words.details(i + 1));
        if first.n_keys != 1 {
            // `عبدال…`: its two key words are a pair of their own.
            return true;
        }
        let (a, b) = (&first.keys[0], &second.keys[0]);
        if self.pairs.may_start(a.hash, b.hash) {
            return true;
        }
        let folded = words.folded(i);
        match tokens[i].script {
            Script::Cyrillic => self.pairs.may_start(a.stem_hash, b.stem_hash),
            Script::Arabic => gate::clitic_prefixes(folded.as_bytes()).any(|prefix| {
                match crate::text::fold::key_words(&folded[prefix..]) {
                    // `لعبدال…`: two key words behind the clitics, a pair
                    // of their own.
                    (_, Some(_)) => true,
                    (stem, None) => self
                        .pairs
                        .may_start(words::word_hash(stem.as_bytes()), b.hash),
                }
            }),
            // A word of another script behind Arabic clitics (`وal-…`)
            // is read in ways this does not follow.
            _ => gate::starts_with_clitic(folded.as_bytes()),
        }
    }

    /// The longest run of at most `longest` words from `i` that is a listed
    /// spelling; the words must be ready. The last mention found ends at
    /// `after`.
    fn listed_at(
        &self,
        text: &str,
        tokens: &[Token],
        words: &mut Words,
        i: usize,
        longest: usize,
        after: usize,
    ) -> Option<Hit> {
        self.listed_within(text, tokens, words, i, 1..=longest, after)
    }

    /// [`Matcher::listed_at`] for runs of a number of words in `lengths`.
    fn listed_within(
        &self,
        text: &str,
        tokens: &[Token],
        words: &mut Words,
        i: usize,
        lengths: std::ops::RangeInclusive<usize>,
        after: usize,
    ) -> Option<Hit> {
        let mut key_words = KeyWords::new();
        let mut key = Key::new();
        let widest = self.windows_up_to(tokens, words, i, *lengths.end(), true);
        // Whether a spelling was turned down for the words around the
        // window rather than for the window itself.
        let context = Cell::new(false);
        // Whether the word alone turned out no name, for any words around.
        let mut no_name = false;
        for n in lengths.rev() {
            if n > widest {
                continue;
            }
            // A word found before to be no name on its own, whatever the
            // words around it, is none here either.
            let alone = n == 1;
            if alone && words.is_no_name(tokens[i].text) {
                continue;
            }
            context.set(false);
            let hit = if !words.plain(i, n) {
                self.listed_dehyphenated(text, tokens, i, n, after, &context)
            } else {
                words.key(i, n, &mut key_words);
                // `fold` is empty only for one word that folds to nothing.
                if key_words.len() == 1 && key_words[0].piece.len == 0 {
                    continue;
                }
                key.clear();
                key.extend(key_words.iter().map(|k| (k.hash, words.text(k.piece))));
                let stems = || {
                    key_words
                        .iter()
                        .map(|k| {
                            let w = words.text(k.piece);
                            (k.stem_hash, &w[..k.stem_len as usize])
                        })
                        .collect()
                };
                self.listed_key(
                    text,
                    tokens,
                    i,
                    n,
                    after,
                    words.folded(i),
                    &key,
                    stems,
                    &context,
                )
            };
            if hit.is_some() {
                return hit;
            }
            no_name = alone && !context.get();
        }
        drop(key);
        if no_name {
            words.note_no_name(tokens[i].text);
        }
        None
    }

    /// The window `i .. i + words` matched with its key, the old way: for
    /// a window with a hyphen at a line end or a soft hyphen in it, whose
    /// key may be read joined up.
    fn listed_dehyphenated(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        words: usize,
        after: usize,
        context: &Cell<bool>,
    ) -> Option<Hit> {
        let split = |key: &str| -> Vec<(u64, String)> {
            key.split(' ')
                .map(|w| (words::word_hash(w.as_bytes()), w.to_string()))
                .collect()
        };
        let span = &text[tokens[i].start..tokens[i + words - 1].end];
        // A name hyphenated at a line end (`Tar-` / `huna`) is read
        // joined up first: when that is a listed spelling, or (Russian) a
        // case form of one (`Махмуда аль-Вар-⏎фалли`).
        let dehyphenated = dehyphenate(span);
        let joined = fold(&dehyphenated);
        let listed = |key: &str| {
            let owned = split(key);
            if self.phrase_ids(&as_key(&owned)).next().is_some() {
                return true;
            }
            let stems = split(&stem_key(key));
            let found = tokens[i].script == Script::Cyrillic
                && self
                    .stem_ids(&as_key(&stems), &as_key(&owned))
                    .next()
                    .is_some();
            found
        };
        let key = if dehyphenated.len() != span.len() && listed(&joined) {
            joined
        } else if words > 1 && is_article(tokens[i].text) {
            // An article with its own hyphen at a line end (`Al-` /
            // `M-` / `uammar`) keeps it: only the name after it is joined.
            let name = tokens[i + 1].start;
            fold(&format!(
                "{}{}",
                &text[tokens[i].start..name],
                dehyphenate(&text[name..tokens[i + words - 1].end])
            ))
        } else {
            fold(span)
        };
        if key.is_empty() {
            return None;
        }
        let owned = split(&key);
        let key_ref = as_key(&owned);
        let first = fold_word(tokens[i].text);
        let stems = split(&stem_key(&key));
        self.listed_key(
            text,
            tokens,
            i,
            words,
            after,
            &first,
            &key_ref,
            || as_key(&stems),
            context,
        )
    }

    /// The window `i .. i + words` with its key (folded words with their
    /// hashes): a listed spelling, a Russian case form of one, or (Arabic)
    /// one behind proclitics. `first` is the window's first word folded,
    /// `stems` gives the key's Russian stems.
    #[allow(clippy::too_many_arguments)]
    fn listed_key<'k>(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        words: usize,
        after: usize,
        first: &str,
        key: &[(u64, &'k str)],
        stems: impl FnOnce() -> Key<'k>,
        context: &Cell<bool>,
    ) -> Option<Hit> {
        let plain = Clitics::default();
        let listed = |form| Hit {
            words,
            form,
            clitics: plain,
            score: None,
        };
        let ids = self.phrase_ids(key);
        if let Some(form) = self.pick(ids, text, tokens, i, words, after, first, plain, context) {
            return Some(listed(form));
        }
        match tokens[i].script {
            Script::Cyrillic => {
                let stems = stems();
                let ids = self.stem_ids(&stems, key);
                self.pick(ids, text, tokens, i, words, after, first, plain, context)
                    .map(listed)
            }
            // Arabic, or a word of another script behind Arabic clitics.
            _ if gate::starts_with_clitic(first.as_bytes()) => {
                self.with_clitics(text, tokens, i, words, after, first, key, context)
            }
            _ => None,
        }
    }

    /// Reads the window's first word (`first`, folded) as proclitics +
    /// word.
    #[allow(clippy::too_many_arguments)]
    fn with_clitics(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        words: usize,
        after: usize,
        first: &str,
        key: &[(u64, &str)],
        context: &Cell<bool>,
    ) -> Option<Hit> {
        let rest = if words > 1 && key.len() > 1 {
            &key[1..]
        } else {
            &[]
        };
        // An everyday word listed whole with its proclitics is no name
        // behind them, even where what follows them is (`لصالح`, in
        // favour of, is not `ل` + `صالح`, Saleh).
        if words == 1 && tokens[i].script == Script::Arabic && is_listed_whole_folded(first) {
            return None;
        }
        let mut reading = Key::new();
        for prefix in gate::clitic_prefixes(first.as_bytes()) {
            let stem = arabic::strip_article(&first[prefix..]);
            reading.clear();
            // A Latin article behind the clitics (`وal-Watiya`) leaves the
            // key, as it does before a name without them; the spelling
            // must have one too, since the article cannot be left out of
            // the mention as it is when it stands apart (`az-Zawiya`).
            // (Articles are a few Latin or Cyrillic letters: an Arabic
            // stem, the common case, is ruled out by its first byte.)
            let article = !matches!(stem.as_bytes().first(), Some(0xD8..=0xDB))
                && rest
                    .first()
                    .is_some_and(|next| crate::text::fold::is_article(stem, next.1));
            if !article {
                // `عبدال…` behind the clitics is written apart, as `fold`
                // writes it (`لعبدالله`: `ل` + `عبد` + `له`).
                let (key, more) = crate::text::fold::key_words(&first[prefix..]);
                for word in std::iter::once(key).chain(more) {
                    reading.push((words::word_hash(word.as_bytes()), word));
                }
            }
            reading.extend_from_slice(rest);
            let forms = self.index.forms();
            let mut ids = self
                .phrase_ids(&reading)
                .filter(|&id| !article || starts_with_article(&forms[id as usize].text))
                .peekable();
            if ids.peek().is_none() {
                continue;
            }
            let letters = first[..prefix].chars().count();
            let clitics = Clitics {
                prefix: byte_offset_of_letter(tokens[i].text, letters),
            };
            if let Some(form) =
                self.pick(ids, text, tokens, i, words, after, first, clitics, context)
            {
                return Some(Hit {
                    words,
                    form,
                    clitics,
                    score: None,
                });
            }
        }
        None
    }

    /// The first of `ids` (best first) that the words at `i` can stand for,
    /// the last mention found ending at `after`; `first` is word `i`
    /// folded. Sets `context` when a spelling is turned down for the words
    /// around them (a surname inside another name), not for what they are.
    #[allow(clippy::too_many_arguments)]
    fn pick(
        &self,
        mut ids: impl Iterator<Item = u32>,
        text: &str,
        tokens: &[Token],
        i: usize,
        words: usize,
        after: usize,
        first: &str,
        clitics: Clitics,
        context: &Cell<bool>,
    ) -> Option<u32> {
        let found = &text[tokens[i].start + clitics.prefix..tokens[i + words - 1].end];
        // Asked of the word once, for whichever spellings need it.
        let has_article = std::cell::OnceCell::new();
        let word_has_article = || *has_article.get_or_init(|| has_arabic_article(tokens[i].text));
        // An everyday word is a listed name only as the name is written
        // (`إلى`, to, folds as a name `ألي` would). So is an English or
        // Russian one at a sentence start, where its capital tells nothing
        // (`Сидр`, cider, is `Эс-Сидр` without its article only inside a
        // sentence).
        let ordinary = std::cell::OnceCell::new();
        let ordinary_word = || {
            *ordinary.get_or_init(|| {
                words == 1
                    && match tokens[i].script {
                        Script::Arabic => is_ordinary_arabic(tokens[i].text),
                        // Turned down for where it stands, not for what
                        // it is.
                        script => {
                            is_everyday_folded(script, first) && {
                                context.set(true);
                                is_sentence_start(text, tokens[i].start)
                            }
                        }
                    }
            })
        };
        // Words joined across a quote mark are a spelling with one in it
        // (`операция «Достоинство»`), never one without (`Ali «Zeidan»`,
        // whose rewrite would leave a quote mark unpaired).
        let across_quote = (i..i + words - 1).any(|k| {
            let (end, next) = (tokens[k].end, tokens[k + 1].start);
            // A space, the common case, tells at a glance.
            !(next == end + 1 && text.as_bytes()[end] == b' ')
                && tokens::joins_quoted(&text[end..next])
        });
        // Part of another name, or an everyday word, where it stands:
        // asked once, of the first spelling that gets this far.
        let otherwise = std::cell::OnceCell::new();
        let reads_otherwise = || {
            *otherwise.get_or_init(|| {
                context.set(true);
                homographs::reads_otherwise(text, tokens, (i, i + words - 1), first)
            })
        };
        // A person's name standing for a place abroad (`в мексиканском
        // Леоне`): asked once, of the first person's spelling.
        let abroad = std::cell::OnceCell::new();
        let placed_abroad = || {
            *abroad.get_or_init(|| {
                context.set(true);
                abroad::person_placed_abroad(text, tokens, i)
            })
        };
        // `لل` is `ل` with the article, its alef dropped: what it opens is
        // a name listed with the article (`للمدينة`), never one without
        // (`للغات`, for languages, is `ل` + `لغات`, no `غات`).
        let article_in_clitics =
            tokens[i].script == Script::Arabic && tokens[i].text[..clitics.prefix].ends_with("لل");
        // A shadda written on a word doubles a letter (`هوّن`, he played
        // down): a name the desk romanises with no letter doubled has none.
        let shadda = tokens[i].script == Script::Arabic && found.contains(arabic::SHADDA);
        ids.find(|&id| {
            let form = &self.index.forms()[id as usize];
            capitals_agree(form, &tokens[i], &tokens[i].text[clitics.prefix..], words)
                && !(shadda && self.romanised_without_doubling(form.entry))
                && (words == 1
                    || tokens[i].script != Script::Cyrillic
                    || lower_case_head_agrees(&form.text, found))
                // (A surname may be written without it, `معمر قذافي`, but
                // not behind a preposition: `لثني`, to dissuade, is no
                // `للثني`.)
                && !(tokens[i].script == Script::Arabic
                    && form.script == Script::Arabic
                    && (!form.origin.is_surname() || clitics.prefix > 0)
                    && homographs::article_left_out(&form.text, first))
                && (!across_quote || form.text.contains(tokens::is_quote_mark))
                && !(tokens[i].script == Script::Arabic
                    && found != form.text
                    && folds_from_everyday_word(&tokens[i..i + words], form))
                && !(article_in_clitics
                    && form.script == Script::Arabic
                    && !has_arabic_article(form.text.split_whitespace().next().unwrap_or("")))
                && (found == form.text
                    || !ordinary_word()
                    || written_as_listed(found, &form.text, &tokens[i].text[..clitics.prefix]))
                && self.case_rule_agrees(form.entry, &form.text, found)
                // The whole word: a reading may have taken its article for
                // a clitic (`المتري` read as `ال` + `متري`).
                && articles_agree(form, word_has_article)
                && !(matches!(form.origin, Origin::HouseSurname | Origin::VariantSurname)
                    && {
                        context.set(true);
                        is_inside_another_name(
                            text,
                            tokens,
                            (i, i + words - 1),
                            after,
                            self.is_place(form.entry),
                            &|k| self.is_own_name_word(form.entry, tokens[k].text),
                            &|k| self.opens_at(text, tokens, k),
                        )
                    })
                && !reads_otherwise()
                && !(tokens[i].script == Script::Cyrillic
                    && suggest::is_abbreviation(&form.text)
                    && {
                        context.set(true);
                        derived_from_abbreviation(text, tokens, i + words - 1)
                    })
                && !(self.may_be_abroad(form) && {
                    context.set(true);
                    abroad::names_another_country(text, tokens, (i, i + words - 1), self.is_place(form.entry))
                })
                && !(self.is_generic_body(form.entry) && {
                    context.set(true);
                    abroad::body_of_another_country(text, tokens, (i, i + words - 1))
                })
                && !(self.is_person(form.entry) && placed_abroad())
        })
    }

    /// Whether a listed spelling names a place, or is an abbreviation: what
    /// another country may have too (`Tripoli, Lebanon`; `the Russian
    /// NOC`).
    fn may_be_abroad(&self, form: &IndexedForm) -> bool {
        self.is_place(form.entry) || suggest::is_abbreviation(&form.text)
    }

    /// Whether `entry` names a person (type `person` in the glossary).
    fn is_person(&self, entry: u32) -> bool {
        self.entries()
            .get(entry as usize)
            .is_some_and(|e| e.entry_type == "person")
    }

    /// Whether `entry` is a body of a kind many countries have, by its
    /// English house form ([`abroad::is_generic_body`]).
    fn is_generic_body(&self, entry: u32) -> bool {
        self.generic_bodies
            .get(entry as usize)
            .copied()
            .unwrap_or(false)
    }

    /// Whether `entry` names a place (type `place` in the glossary).
    fn is_place(&self, entry: u32) -> bool {
        self.entries()
            .get(entry as usize)
            .is_some_and(|e| e.entry_type == "place")
    }

    /// Whether `entry`'s English house form doubles no consonant (`Hun`,
    /// not `Ghassan`): then the name has no shadda in Arabic.
    fn romanised_without_doubling(&self, entry: u32) -> bool {
        self.house(entry, "en").is_some_and(|house| {
            !house.form.as_bytes().windows(2).any(|pair| {
                pair[0] == pair[1]
                    && pair[0].is_ascii_alphabetic()
                    && !b"aeiouAEIOU".contains(&pair[0])
            })
        })
    }

    /// Whether `word` is a word of one of `entry`'s listed spellings.
    fn is_own_name_word(&self, entry: u32, word: &str) -> bool {
        let folded = fold_word(word);
        // Listed spellings fold without the Arabic article.
        let bare = crate::text::arabic::strip_article(&folded);
        let forms = self.index.forms();
        self.forms_of_entry[entry as usize].iter().any(|&id| {
            forms[id as usize]
                .folded
                .split(' ')
                .any(|w| w == folded || w == bare)
        })
    }

    /// Whether word `k` starts a listed name, read whole when a hyphen at
    /// a line end breaks it (`Ag-⏎uila`), or is an article written before
    /// one (`Al- Abdul Hamid Dbeibah`).
    fn opens_at(&self, text: &str, tokens: &[Token], k: usize) -> bool {
        let opens = |k: usize| {
            self.gate.opens(tokens[k].text, tokens[k].script)
                || self.opens_rejoined(text, tokens, k)
        };
        opens(k)
            || (is_article(tokens[k].text)
                && k + 1 < tokens.len()
                && article_may_precede(&tokens[k], &tokens[k + 1])
                && joins_name(&text[tokens[k].end..tokens[k + 1].start])
                && opens(k + 1))
    }

    /// Whether word `k` and the next, broken apart by a hyphen at a line
    /// end (or a soft hyphen, which ends word `k`, and a line break),
    /// start a listed name once rejoined.
    #[inline]
    fn opens_rejoined(&self, text: &str, tokens: &[Token], k: usize) -> bool {
        // A hyphen, a soft hyphen (C2 AD) or a line break right after the
        // word: asked of nearly every word, and seldom so.
        matches!(
            text.as_bytes().get(tokens[k].end),
            Some(b'-' | 0xC2 | b'\n' | b'\r')
        ) && k + 1 < tokens.len()
            && self.opens_rejoined_after_hyphen(text, tokens, k)
    }

    /// [`Matcher::opens_rejoined`] past its first test: word `k` is
    /// followed by a hyphen or a line break and another word.
    #[inline(never)]
    fn opens_rejoined_after_hyphen(&self, text: &str, tokens: &[Token], k: usize) -> bool {
        let gap = &text.as_bytes()[tokens[k].end..tokens[k + 1].start];
        (is_line_break_hyphen(gap) || words::soft_hyphen_breaks(tokens[k].text, gap))
            && self.gate.opens(
                &format!("{}{}", tokens[k].text, tokens[k + 1].text),
                tokens[k].script,
            )
    }

    /// Whether `found` may stand for `listed`, a spelling of `entry`, as
    /// far as the entry's case rule goes.
    fn case_rule_agrees(&self, entry: u32, listed: &str, found: &str) -> bool {
        !self.case_sensitive[entry as usize] || case_agrees(listed, found)
    }

    /// A person's admitted short form found as listed at word `i` (`Seif
    /// al-Islam`) followed by the rest of the full name in an unlisted
    /// spelling (`Kadhafi`): the full name, when the words together come
    /// close to it, rather than the short form and a surname alone.
    fn full_name_after_short_form(
        &self,
        text: &str,
        tokens: &[Token],
        words: &mut Words,
        i: usize,
        short: Hit,
        after: usize,
    ) -> Option<Hit> {
        let form = &self.index.forms()[short.form as usize];
        let next = i + short.words;
        if !matches!(form.origin, Origin::Admitted | Origin::AdmittedVariant)
            || short.clitics.prefix != 0
            || next >= tokens.len()
            || tokens[next].protected
            || !joins_name(&text[tokens[next - 1].end..tokens[next].start])
            || !could_start_name(&tokens[next])
        {
            return None;
        }
        let n = short.words + 1;
        if n > FUZZY_WORDS {
            return None;
        }
        words.ensure(text, tokens, i..i + n);
        let (longer, _) = self.best_similar_window(text, tokens, words, i, n..=n, false, after);
        // Only as sure as the parts would be rewritten (a settled surname
        // after the short form): else the parts are the better answer.
        longer.filter(|hit| {
            hit.words == n
                && hit.score >= Some(crate::lookup::score::SETTLED_SURNAME)
                && self.index.forms()[hit.form as usize].entry == form.entry
        })
    }

    /// A run of up to four words from `i` that looks like a name and is
    /// close to a glossary spelling.
    ///
    /// Runs of several words are tried only from a word that starts some
    /// listed name; elsewhere one word is tried, and a word that matched
    /// nothing is remembered. The last mention found ends at `after`.
    ///
    /// With `tail_listed` (a first word close to a listed word that starts
    /// names), a run may also end in a word in lower case when its words
    /// after the first are those of the name found, as the listed stage
    /// takes them (`Јtripoli international airport`).
    #[allow(clippy::too_many_arguments)]
    fn similar_at(
        &self,
        text: &str,
        tokens: &[Token],
        words: &Words,
        i: usize,
        shortest: usize,
        starts_name: bool,
        before_surname: bool,
        tail_listed: bool,
        after: usize,
    ) -> Option<Hit> {
        // A run of several words is tried only from a word that starts a
        // listed name, and only about as long as the names it starts: one
        // word more than the longest of them, for a name whose unlisted
        // spelling writes a word apart.
        let most = match words.info[i].reach as usize {
            _ if !starts_name => 1,
            0 => FUZZY_WORDS,
            reach => FUZZY_WORDS.min(reach + 1),
        };
        if let Some(hit) = self.mixed_spellings(text, tokens, words, i, after) {
            return Some(hit);
        }
        // A first name misspelt before a listed surname (`Муатасим
        // Каддафи`) is tried with it, since the glossary lists no first
        // name alone for the word to come close to; taken only when close
        // (`Khalid Haftar` is no `Khalifa Haftar` misspelt, at 0.81).
        if before_surname {
            let n = 2 + self.article_words_after(tokens, words, i);
            let (two, _) =
                self.best_similar_window(text, tokens, words, i, n..=n, tail_listed, after);
            if let Some(hit) = two.filter(|hit| hit.score >= Some(MISSPELT_NAME)) {
                return Some(hit);
            }
        }
        let (mut best, anywhere) =
            self.best_similar_window(text, tokens, words, i, shortest..=most, tail_listed, after);
        // A listed first name before a listed surname, the two no listed
        // name, is another person unless they come close to one (`Khalid
        // Haftar`, a son, is no `Khalifa Haftar` misspelt, at 0.81).
        if starts_name
            && best.is_some_and(|hit| hit.words == 2 && hit.score < Some(MISSPELT_NAME))
            && capital_word_after(text, tokens, i)
            && self.surname_after(tokens, words, i)
        {
            best = self
                .best_similar_window(text, tokens, words, i, shortest..=1, tail_listed, after)
                .0;
        }
        // Remembered only when nothing around the word had a say (its case
        // and the name it may stand in), so that every run and every order
        // of files gives the same matches.
        if best.is_none() && !starts_name && anywhere {
            if let Ok(mut cache) = self.not_similar.lock() {
                if cache.len() >= SIMILAR_CACHE_LIMIT {
                    cache.clear();
                }
                cache.insert(words.info[i].hash);
            }
        }
        best
    }

    /// Words `i` and `i + 1`, Russian, as a first name and a surname in
    /// some case, each a word of a listed spelling of one person but the
    /// two of different spellings (`Мусой Куссой`: `Муса` of `Муса Куса`,
    /// `Кусса` of `Мусса Кусса`), which no listed spelling's stems meet and
    /// which similarity, measured with the case endings, puts too far.
    fn mixed_spellings(
        &self,
        text: &str,
        tokens: &[Token],
        words: &Words,
        i: usize,
        after: usize,
    ) -> Option<Hit> {
        if tokens[i].script != Script::Cyrillic
            || tokens.get(i + 1)?.script != Script::Cyrillic
            || !capital_word_after(text, tokens, i)
            || !words.plain(i, 2)
        {
            return None;
        }
        let first = words.details(i);
        if first.n_keys != 1 {
            return None;
        }
        let first = &first.keys[0];
        let first_word = words.text(first.piece);
        let first_stem = &first_word[..first.stem_len as usize];
        let forms = self.index.forms();
        let persons = self.surnames_after(tokens, words, i);
        for entry in persons {
            let named = self.forms_of_entry[entry as usize].iter().find(|&&id| {
                let form = &forms[id as usize];
                let mut ws = form.folded.split(' ');
                form.script == Script::Cyrillic
                    && matches!(form.origin, Origin::House | Origin::Variant)
                    && match (ws.next(), ws.next(), ws.next()) {
                        (Some(listed), Some(_), None) => {
                            listed == first_word || russian::stem(listed) == first_stem
                        }
                        _ => false,
                    }
            });
            if let Some(&form) = named {
                let opens = |k: usize| self.opens_at(text, tokens, k);
                if is_inside_another_name(
                    text,
                    tokens,
                    (i, i + 1),
                    after,
                    false,
                    &|_| false,
                    &opens,
                ) {
                    return None;
                }
                return Some(Hit {
                    words: 2,
                    form,
                    clitics: Clitics::default(),
                    score: Some(MIXED_SPELLINGS),
                });
            }
        }
        None
    }

    /// Whether word `i`, Latin or Cyrillic, is followed after a space by a
    /// listed surname, as written or (Russian) in another case.
    fn surname_follows(&self, text: &str, tokens: &[Token], words: &mut Words, i: usize) -> bool {
        if !capital_word_or_article_after(text, tokens, i) {
            return false;
        }
        words.ensure(text, tokens, i + 1..(i + 3).min(tokens.len()));
        self.surname_after(tokens, words, i)
    }

    /// [`Matcher::surname_follows`] once word `i + 1` is ready.
    fn surname_after(&self, tokens: &[Token], words: &Words, i: usize) -> bool {
        !self.surnames_after(tokens, words, i).is_empty()
    }

    /// The persons (entry ids) whose listed surname word `i + 1` is, as
    /// written or (Russian) in another case, or with an article before it
    /// that folding drops (`el-Keib`) word `i + 2`; those words must be
    /// ready.
    fn surnames_after(
        &self,
        tokens: &[Token],
        words: &Words,
        i: usize,
    ) -> smallvec::SmallVec<[u32; 4]> {
        let k = i + 1 + self.article_words_after(tokens, words, i);
        let w = words.details(k);
        if !words.plain(k, 1) || w.n_keys == 0 {
            return smallvec::SmallVec::new();
        }
        let forms = self.index.forms();
        let word: smallvec::SmallVec<[(u64, &str); 2]> = w.keys[..w.n_keys as usize]
            .iter()
            .map(|key| (key.hash, words.text(key.piece)))
            .collect();
        let key = &w.keys[0];
        let stem = [(key.stem_hash, &word[0].1[..key.stem_len as usize])];
        let stems = (tokens[k].script == Script::Cyrillic && w.n_keys == 1)
            .then(|| self.stem_ids(&stem, &word))
            .into_iter()
            .flatten();
        self.phrase_ids(&word)
            .chain(stems)
            .filter(|&id| forms[id as usize].origin.is_surname())
            .map(|id| forms[id as usize].entry)
            .collect()
    }

    /// 1 when word `i + 1` is an article that folding drops before word
    /// `i + 2` (`Abdulrahim el-Keib`), which must then be ready; else 0.
    fn article_words_after(&self, tokens: &[Token], words: &Words, i: usize) -> usize {
        usize::from(i + 2 < tokens.len() && words.details(i + 1).drops)
    }

    /// Whether `word`, in capitals, is a listed abbreviation (`GNA`, `HoR`).
    fn is_listed_abbreviation(&self, word: &str) -> bool {
        let forms = self.index.forms();
        suggest::is_all_caps(word)
            && self
                .index
                .forms_folded_as(&fold(word))
                .iter()
                .any(|&f| suggest::is_abbreviation(&forms[f as usize].text))
    }

    /// Whether `word`, by similarity, is a listed word that starts listed
    /// names of several words.
    fn resembles_a_name_start(&self, word: &str) -> bool {
        let Similar::Form { form, .. } = self.similar_span(word) else {
            return false;
        };
        let folded = &self.index.forms()[form as usize].folded;
        !folded.contains(' ') && self.gate.reach(words::word_hash(folded.as_bytes())) > 1
    }

    /// Whether the word whose fold hashes to `hash` is known to start no
    /// name by similarity.
    fn known_not_similar(&self, hash: u64) -> bool {
        self.not_similar
            .lock()
            .is_ok_and(|cache| cache.contains(&hash))
    }

    /// The best window from word `i` by similarity, and whether the answer
    /// would be the same wherever the word stood and however it was
    /// capitalised. The last mention found ends at `after`.
    #[allow(clippy::too_many_arguments)]
    fn best_similar_window(
        &self,
        text: &str,
        tokens: &[Token],
        words: &Words,
        i: usize,
        lengths: std::ops::RangeInclusive<usize>,
        tail_listed: bool,
        after: usize,
    ) -> (Option<Hit>, bool) {
        let (shortest, max_words) = (*lengths.start(), *lengths.end());
        let mut anywhere = true;
        // A name is written in one script.
        let script = tokens[i].script;
        let longest = tokens[i..]
            .iter()
            .take(max_words)
            .take_while(|t| t.script == script)
            .count();
        // Whether each word is an everyday word (or, in English and
        // Russian, another name near a house name); the words are ready,
        // their folds at hand.
        let everyday: smallvec::SmallVec<[bool; FUZZY_WORDS]> = (i..i + longest)
            .map(|k| is_everyday_folded(script, words.folded(k)))
            .collect();
        let mut best: Option<Hit> = None;
        for n in (shortest.max(1)..=longest).rev() {
            // An article starts a name, never ends one (`Mutassim Gaddafi
            // Al-` is no name with letters added).
            let last = &tokens[i + n - 1];
            let lower_tail = tail_listed && n > 1 && !could_end_name(last);
            if !self.is_window(tokens, words, i, n)
                || (!could_end_name(last) && !lower_tail)
                || (n > 1 && is_article(last.text))
            {
                continue;
            }
            // A word broken at a line end (`A-⏎li`) goes on past the
            // window: its first part is no word to end a name with (nor,
            // read as a letter added, to rule the name out).
            if words.gaps.get(i + n - 1).is_some_and(|g| !g.plain) {
                continue;
            }
            // Everyday words are no misspelt name (`المدينة`, the city, is
            // not `المينة`; `Separate` is not `Sabratha`).
            if everyday[..n].iter().all(|&e| e) {
                continue;
            }
            // Nor is a run of Arabic words with an everyday word in it that
            // no listed spelling has (`وصلت مصادر جنوب`), whatever it comes
            // close to (the test after the lookup, known before it). Not
            // the last word, which may be a listed one with letters added
            // (ruling the name out).
            if script == Script::Arabic
                && (0..n - 1).any(|k| everyday[k] && !self.is_arabic_name_word(words.folded(i + k)))
            {
                continue;
            }
            let span = &text[tokens[i].start..tokens[i + n - 1].end];
            // A word broken at a line end is compared joined up, as
            // listed spellings are matched.
            let beaten = best.as_ref().and_then(|b| b.score);
            let (form, score) = match self.similar_span_beating(&dehyphenate(span), beaten) {
                Similar::Nothing => continue,
                Similar::Extension => return (None, anywhere),
                Similar::Form { form, score } => (form, score),
            };
            let listed = &self.index.forms()[form as usize];
            let clitics = if tokens[i].script == Script::Arabic {
                fuzzy_clitics(&tokens[i], listed)
            } else {
                Clitics::default()
            };
            if lower_tail && !tail_is_listed(&listed.folded, &tokens[i + 1..i + n]) {
                continue;
            }
            if !self.case_rule_agrees(listed.entry, &listed.text, span) {
                anywhere = false;
                continue;
            }
            // As with listed spellings, an Arabic word with the article is
            // no name listed without it (`المتري` is not `متري`), however
            // close the rest of it comes.
            if n == 1 && !articles_agree(listed, || has_arabic_article(tokens[i].text)) {
                continue;
            }
            // An everyday Arabic word is no misspelt word of a longer name
            // either (`محمد كان`, Mohammed was, is not `محمد الكاني`). The
            // English and Russian lists hold other names as well, which a
            // misspelt name may be (`Martin Kappler`).
            if n > 1
                && script == Script::Arabic
                && !everyday_words_listed(words, i..i + n, &everyday, &listed.folded)
            {
                continue;
            }
            // Nor is an everyday word that folding alone brings to a name
            // word (`على زيدان`, on Zeidan; `زواره`, his visitors).
            if script == Script::Arabic && folds_from_everyday_word(&tokens[i..i + n], listed) {
                continue;
            }
            // Nor is a nisba adjective (`ومصراتي`, "and Misratan").
            if n == 1 && script == Script::Arabic && is_nisba_reading(tokens[i].text, listed) {
                continue;
            }
            if self.is_generic_body(listed.entry)
                && abroad::body_of_another_country(text, tokens, (i, i + n - 1))
            {
                anywhere = false;
                continue;
            }
            if self.may_be_abroad(listed)
                && abroad::names_another_country(
                    text,
                    tokens,
                    (i, i + n - 1),
                    self.is_place(listed.entry),
                )
            {
                anywhere = false;
                continue;
            }
            let surname = matches!(listed.origin, Origin::HouseSurname | Origin::VariantSurname);
            // Arabic spells a surname in few ways, and those folding
            // evens out (hamza, alef, ta marbuta) are found as listed;
            // what only comes close alone is an everyday word (`الجدران`,
            // the walls, for `الجضران`). The full name still is found.
            if surname && script == Script::Arabic {
                continue;
            }
            let opens = |k: usize| self.opens_at(text, tokens, k);
            if (n == 1 || surname)
                && is_inside_another_name(
                    text,
                    tokens,
                    (i, i + n - 1),
                    after,
                    self.is_place(listed.entry),
                    &|_| false,
                    &opens,
                )
            {
                anywhere = false;
                continue;
            }
            // A person's name of several words right after a capitalised
            // name word is the end of someone else's longer name (`Ali
            // Hassan Salameh` is no `Ghassan Salame` misspelt), as a
            // surname there is (`Serena Williams`).
            if n > 1
                && matches!(script, Script::Latin | Script::Cyrillic)
                && self.is_person(listed.entry)
                && follows_another_name_word(text, tokens, i, after, false, &|_| false)
            {
                anywhere = false;
                continue;
            }
            // The best-scoring window, the longer on a tie.
            if best.is_none_or(|b| score > b.score.unwrap_or(0.0)) {
                best = Some(Hit {
                    words: n,
                    form,
                    clitics,
                    score: Some(score),
                });
            }
        }
        (best, anywhere)
    }

    /// Whether the folded Arabic word, read behind any of its clitics and
    /// without its article, is a word of some listed spelling.
    fn is_arabic_name_word(&self, folded: &str) -> bool {
        arabic::clitic_readings(folded)
            .into_iter()
            .any(|(_, stem)| {
                self.arabic_name_words
                    .binary_search_by(|word| (**word).cmp(arabic::strip_article(stem)))
                    .is_ok()
            })
    }

    /// What a run of words is by similarity, whatever stands around it:
    /// looked up once per distinct text.
    fn similar_span(&self, span: &str) -> Similar {
        self.similar_span_beating(span, None)
    }

    /// [`Matcher::similar_span`] for a window that matters only if it
    /// scores more than `beaten`, a longer window's score, or is an
    /// extension (which rules the name out): when no listed spelling is
    /// the span with letters cut, it can be none, and only forms that
    /// may score more are looked at. Such an answer of nothing is not
    /// remembered, since a lower score may still be a match.
    fn similar_span_beating(&self, span: &str, beaten: Option<f64>) -> Similar {
        if let Some(&known) = self
            .similar_spans
            .lock()
            .ok()
            .as_ref()
            .and_then(|cache| cache.get(span))
        {
            return known;
        }
        // Scores are reported to three decimals: one that beats `beaten`
        // is a thousandth more, and comes from at least half that more. A
        // lookup with a floor finds every hit above it, and may come back
        // with a lower one when it misses better ones below: such a hit
        // says nothing.
        let beaten = beaten.filter(|_| !self.index.has_listed_prefix(&fold(span)));
        let found = match beaten {
            Some(score) => match self.similar_span_uncached(span, score - 0.001) {
                found @ Similar::Form { score: s, .. } if s > score => found,
                _ => return Similar::Nothing,
            },
            None => self.similar_span_uncached(span, FUZZY_BOUND),
        };
        if let Ok(mut cache) = self.similar_spans.lock() {
            if cache.len() >= SIMILAR_CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(span.into(), found);
        }
        found
    }

    /// What `span` is by similarity among the listed spellings it may
    /// score `floor` or more with.
    fn similar_span_uncached(&self, span: &str, floor: f64) -> Similar {
        // Entries matched `exact` are never found by similarity.
        let Some(hit) = self
            .index
            .best_similar_above(span, floor, |entry| {
                self.entries()[entry].matching != MatchRule::Exact
            })
            .filter(|h| h.score >= FUZZY_FLOOR)
        else {
            return Similar::Nothing;
        };
        let Some(form) = self.forms_of_entry[hit.entry].iter().copied().find(|&f| {
            let form = &self.index.forms()[f as usize];
            form.text == hit.matched && form.lang == hit.lang
        }) else {
            return Similar::Nothing;
        };
        let folded = fold(span);
        let letters = |s: &str| s.chars().filter(|c| *c != ' ').count();
        // Spelt in another script, the name is measured by its spellings
        // in the window's, the nearest in length: a transliteration is
        // longer or shorter (`Мусе Куссе`, closest by sound to `Moussa
        // Koussa`, is measured by `Муса Куса`).
        let hit_form = &self.index.forms()[form as usize];
        let script = Script::detect(span);
        let listed = if hit_form.script == script {
            &hit_form.folded
        } else {
            self.forms_of_entry[hit.entry]
                .iter()
                .map(|&f| &self.index.forms()[f as usize])
                .filter(|f| f.script == script)
                .map(|f| &f.folded)
                .min_by_key(|f| letters(f).abs_diff(letters(&folded)))
                .unwrap_or(&hit_form.folded)
        };
        // The window must be about as long as the name (`Abugrain` for
        // `Abu Grein` is; `Tarkhouna Forces` for `Tarhuna` is not). In
        // Russian every word of a name takes its case ending, which is no
        // letter a misspelling adds: `Саддамом Хифтером` is four letters
        // longer than `Саддам Хафтар`, and as long stem for stem.
        let too_far = |found: &str, listed: &str| {
            letters(found).abs_diff(letters(listed)) > 2.max(letters(listed) / 5)
        };
        if too_far(&folded, listed)
            && (script != Script::Cyrillic || too_far(&stem_key(&folded), &stem_key(listed)))
        {
            return Similar::Nothing;
        }
        // A listed name with something added is another word:
        // `Misratan`, `Tarkhunas`.
        if is_extension_of(&folded, listed) {
            return Similar::Extension;
        }
        // Nor is a surname made of a given name and `s` (`Williams`,
        // `Stevens`) written without the `s`: that is the given name
        // (`Prince William`).
        if script == Script::Latin
            && hit_form.origin.is_surname()
            && !folded.contains(' ')
            && listed.strip_suffix('s') == Some(folded.as_str())
            && is_extension_of(listed, &folded)
        {
            return Similar::Nothing;
        }
        // Measured in the nominative, the entry's spelling nearest the
        // window may be another than the one nearest with the endings
        // (`Халифой Хафтером`: `Халифа Хифтер` with them, `Халифа Хафтар`
        // without), of the same kind (a full name, or a surname alone).
        let (form, score) = self.forms_of_entry[hit.entry]
            .iter()
            .filter(|&&f| {
                let other = &self.index.forms()[f as usize];
                other.script == Script::Cyrillic
                    && other.origin.is_surname() == hit_form.origin.is_surname()
            })
            .filter_map(|&f| {
                Some((
                    f,
                    self.in_case_of(span, &folded, &self.index.forms()[f as usize])?,
                ))
            })
            .fold(
                (form, hit.score),
                |best, next| if next.1 > best.1 { next } else { best },
            );
        Similar::Form { form, score }
    }

    /// A Russian window in a case other than the nominative, measured in
    /// the nominative: the case ending a misspelling carries is no letter
    /// it adds, nor one it changes. `Фатхи Башагхой` is read as `Фатхи
    /// Башагха`, what `Фатхи Башага` in the instrumental (`Фатхи Башагой`)
    /// tells of its endings, and scores as that does (0.88; 0.77 with the
    /// endings). `None` when the window is in the nominative, or the form
    /// takes no case from it.
    fn in_case_of(&self, span: &str, folded: &str, form: &IndexedForm) -> Option<f64> {
        if form.script != Script::Cyrillic || Script::detect(span) != Script::Cyrillic {
            return None;
        }
        let inflected = suggest::suggestion(span, &form.text, &form.text, Clitics::default());
        let inflected = fold(&inflected);
        if inflected == form.folded {
            return None;
        }
        // Word by word, the found word's ending in that case gives way to
        // the nominative's (`башагхой`: `ой` for `а`; `салахом`: `ом` for
        // none).
        let (found, listed, cased) = (
            folded.split(' ').collect::<Vec<_>>(),
            form.folded.split(' ').collect::<Vec<_>>(),
            inflected.split(' ').collect::<Vec<_>>(),
        );
        if found.len() != listed.len() || listed.len() != cased.len() {
            return None;
        }
        let mut words = Vec::with_capacity(found.len());
        for ((found, listed), cased) in found.iter().zip(&listed).zip(&cased) {
            let same = listed
                .char_indices()
                .zip(cased.chars())
                .find(|((_, a), b)| a != b)
                .map_or(listed.len().min(cased.len()), |((at, _), _)| at);
            let (nominative_ending, case_ending) = (&listed[same..], &cased[same..]);
            // Only a noun's case ending gives way: `-ть` (`Собрать`) is
            // a verb's, whatever the name would take.
            if !is_case_ending(case_ending) {
                return None;
            }
            words.push(match found.strip_suffix(case_ending) {
                Some(stem) if !case_ending.is_empty() || !nominative_ending.is_empty() => {
                    format!("{stem}{nominative_ending}")
                }
                _ => found.to_string(),
            });
        }
        let nominative = words.join(" ");
        if nominative == folded {
            return None;
        }
        use crate::lookup::score::{similarity, Spelling};
        let (found_sound, listed_sound) = (
            Phonetic::of_folded(&nominative),
            Phonetic::of_folded(&form.folded),
        );
        let found = Spelling {
            folded: &nominative,
            phonetic: &found_sound,
            script: Script::Cyrillic,
        };
        let listed = Spelling {
            folded: &form.folded,
            phonetic: &listed_sound,
            script: Script::Cyrillic,
        };
        // A surname alone is worth at most its surname score, as in the
        // lookup; to three decimals, as the lookup's scores are.
        let cap = if form.origin.is_surname() {
            self.index.surname_score(form) / crate::lookup::score::FUZZY_CEILING
        } else {
            1.0
        };
        Some((similarity(&found, &listed) * cap * 1000.0).round() / 1000.0)
    }

    /// Whether words `i .. i + words` can be one name: joined by spaces or
    /// hyphens, none protected, and not starting with a lower-case article
    /// that stands apart (`such as Sirte`).
    fn is_window(&self, tokens: &[Token], words: &Words, i: usize, n: usize) -> bool {
        self.windows_up_to(tokens, words, i, n, false) == n
    }

    /// The most words from `i`, up to `most`, that make a window
    /// ([`Matcher::is_window`]): every run of `1 ..= that many` words is
    /// one, no longer run is. Only a listed spelling's window goes on
    /// `across_quotes`. The words must be ready.
    fn windows_up_to(
        &self,
        tokens: &[Token],
        words: &Words,
        i: usize,
        most: usize,
        across_quotes: bool,
    ) -> usize {
        let joins = |gap: &Gap| gap.joins && (across_quotes || !gap.quoted);
        let mut n = 0;
        while n < most && !tokens[i + n].protected && (n == 0 || joins(&words.gaps[i + n - 1])) {
            n += 1;
        }
        if n > 1
            && is_article(tokens[i].text)
            && !article_joins(&tokens[i], &tokens[i + 1], &words.gaps[i])
        {
            n = 1;
        }
        n
    }

    #[allow(clippy::too_many_arguments)]
    fn mention(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        hit: Hit,
        options: &ScanOptions,
        memo: &mut ResolvedMemo,
    ) -> Option<Mention> {
        let first = &tokens[i];
        let last = &tokens[i + hit.words - 1];
        let form = &self.index.forms()[hit.form as usize];
        let end = match possessive_len(last.text) {
            0 => last.end + closing_quote_len(&text[last.end..], &form.text),
            possessive => last.end - possessive,
        };
        let found = &text[first.start..end];
        // Written as listed, with no clitics: nothing to carry over from
        // the text (but a Russian spelling's case, left to `resolve`).
        let as_listed = hit.clitics.prefix == 0
            && found == form.text
            && (form.origin == Origin::House || form.script != Script::Cyrillic);
        let (lang, mut suggestion) = if as_listed {
            self.resolve_as_listed(form)?
        } else {
            let resolved = memo.get_or_resolve(hit.form, hit.clitics.prefix, found, || {
                let script = found_script(found, &tokens[i..i + hit.words], hit.clitics);
                self.resolve(found, script, form, hit.clitics, options)
            })?;
            (resolved.lang.clone(), resolved.suggestion.clone())
        };
        // An abbreviation written out after a word that does not tell its
        // case is left in the nominative, a guess not to be rewritten unseen.
        let mut case_unknown = false;
        if form.script == Script::Cyrillic && hit.clitics.prefix == 0 {
            let before = &text[..first.start];
            match suggest::abbreviation_in_context(found, &form.text, &suggestion, before) {
                Some(InContext::Declined(declined)) => suggestion = declined,
                Some(InContext::CaseUnknown) => case_unknown = true,
                None => {
                    if let Some(declined) =
                        suggest::feminine_e_in_context(found, &form.text, &suggestion, before)
                    {
                        suggestion = declined;
                    }
                }
            }
        }
        if let Some(capitals) = suggest::abbreviation_in_headline(
            text,
            first.start,
            end,
            found,
            &form.text,
            &suggestion,
            |word| self.is_listed_abbreviation(word),
        ) {
            suggestion = capitals;
        }
        // A house form that starts in lower case (`al-Sarraj`, `туареги`)
        // takes a capital at the start of a sentence.
        let starts_upper = |s: &str| s.chars().next().is_some_and(case::is_upper);
        if starts_upper(found) && !starts_upper(&suggestion) && is_sentence_start(text, first.start)
        {
            let mut chars = suggestion.chars();
            if let Some(c) = chars.next() {
                suggestion = c.to_uppercase().chain(chars).collect();
            }
        }
        // Vowel marks keep a spelling as it is (`خَلِيفَة حَفْتَر`), and stay
        // on a spelling put right letter for letter (`خَلِيفَه` →
        // `خَلِيفَة`).
        if form.script == Script::Arabic {
            if arabic::is_pointed(found, &suggestion) {
                suggestion = found.to_string();
            } else if let Some(marked) = arabic::with_marks_of(found, &suggestion) {
                suggestion = marked;
            }
        }
        let joined = dehyphenate(found);
        if let Some(spaced) = spaced_as_found(&joined, &suggestion) {
            suggestion = spaced;
        }
        if same_but_for_marks(found, &suggestion, form.script) {
            suggestion = found.to_string();
        }
        let as_written = suggestion == found || suggestion == joined;
        // A word only similar to a name that comes out as the name's own
        // case form is no mention: were it one, it would have been found
        // as listed (`Тархун`, tarragon, is no case of `Тархуна`).
        if as_written && hit.score.is_some() {
            return None;
        }
        // An English possessive stays outside the mention, as the contract
        // says of spans, also after a rewrite that ends in `s` (`HoR's` →
        // `House of Representatives's`, the style of most guides for a
        // singular name).
        let admitted = matches!(form.origin, Origin::Admitted | Origin::AdmittedVariant);
        if admitted && (as_written || suggestion.is_empty()) {
            // Acceptable as written: reported with `--all`, never rewritten.
            return Some(Mention {
                start: first.start,
                end,
                entry: form.entry as usize,
                form: hit.form,
                kind: MatchKind::Admitted,
                lang,
                suggestion: found.to_string(),
                confidence: 1.0,
                settled_surname: false,
                clitics: hit.clitics.prefix,
                trailing: 0,
            });
        }
        let (kind, confidence) = if as_written {
            (MatchKind::Canonical, 1.0)
        } else {
            match (hit.score, form.origin) {
                (Some(score), _) => (MatchKind::Fuzzy, score),
                (None, Origin::Variant | Origin::AdmittedVariant) => (MatchKind::Variant, 1.0),
                (None, Origin::Forbidden) => (MatchKind::Forbidden, 1.0),
                // Written otherwise than listed in what folding evens out
                // (`Saif el-Islam` for the admitted `Saif al-Islam`).
                // A one-word name without the article its house form has,
                // capitalised only by the sentence start (`Сидр`, cider,
                // for `Эс-Сидр`), may be the everyday word: reported, not
                // rewritten.
                (None, Origin::House | Origin::Admitted)
                    if hit.words == 1
                        && form.script != Script::Arabic
                        && starts_with_article(&form.text)
                        && !starts_with_article(found)
                        && is_sentence_start(text, first.start) =>
                {
                    (MatchKind::Fuzzy, ARTICLE_LEFT_OUT_AT_SENTENCE_START)
                }
                (None, Origin::House | Origin::Admitted) => (MatchKind::Fuzzy, ORTHOGRAPHIC),
                (None, _) => (MatchKind::Fuzzy, self.index.surname_score(form)),
            }
        };
        let confidence = match case_unknown && !as_written {
            true => confidence.min(CASE_UNKNOWN),
            false => confidence,
        };
        // A word before the surname that starts a listed name of several
        // words may be a bearer's first name written in lower case (`faiz
        // al-Serraj`): once the surname alone is rewritten, the two would
        // be a listed spelling for the next pass to find. A name of one
        // word (`ЛНА Хифтер`) is no first name: the surname is settled
        // as it will be once that name is written out.
        let settled_surname = hit.score.is_none()
            && !as_written
            && form.origin.is_surname()
            && self.index.surname_rewrite_score(form) >= crate::lookup::score::SETTLED_SURNAME
            && !(i > 0
                && joins_name(&text[tokens[i - 1].end..first.start])
                && self
                    .gate
                    .reach_of_word(tokens[i - 1].text, tokens[i - 1].script)
                    > 1);
        Some(Mention {
            start: first.start,
            end,
            entry: form.entry as usize,
            form: hit.form,
            kind,
            lang,
            suggestion,
            confidence,
            settled_surname,
            clitics: hit.clitics.prefix,
            trailing: 0,
        })
    }

    /// Makes the settled surnames alone in `mentions` (all of a text's) as
    /// sure as a near-certain spelling when the text names a person of that
    /// house surname in full: `Qadhafi` after `Muammar Qadhafi` (or `Saif
    /// al-Islam Gaddafi`) is `Gaddafi`, while `Zidan` in a report on
    /// football, no Zeidan named, stays at what the surname is worth and is
    /// left to an editor.
    fn settle_surnames(&self, mentions: &mut [Mention]) {
        type Surnames<'s> = std::collections::HashSet<(u16, &'s str), FixedState>;
        let house_surname = |m: &Mention| {
            let house = self.house(m.entry as u32, &m.lang)?;
            Some((house.lang, house.surname.as_deref()?))
        };
        // The few house surnames asked about, then those of persons
        // named in full among them: the mentions are many, and most of
        // them are no person's.
        let wanted: Surnames = mentions
            .iter()
            .filter(|m| m.settled_surname)
            .filter_map(house_surname)
            .collect();
        if wanted.is_empty() {
            return;
        }
        let forms = self.index.forms();
        let entries = self.index.entries();
        let mut named = Surnames::with_hasher(FixedState);
        for m in mentions.iter() {
            if forms[m.form as usize].origin.is_surname() || entries[m.entry].entry_type != "person"
            {
                continue;
            }
            for house in &self.houses[m.entry] {
                if let Some(surname) = house.surname.as_deref() {
                    if wanted.contains(&(house.lang, surname)) {
                        named.insert((house.lang, surname));
                    }
                }
            }
        }
        for m in mentions.iter_mut().filter(|m| m.settled_surname) {
            if house_surname(m).is_some_and(|surname| named.contains(&surname)) {
                m.confidence = crate::lookup::score::SETTLED_SURNAME;
            }
        }
    }

    /// The language of a mention `found` of listed spelling `form`, and
    /// its house form as it belongs there (before any sentence capital);
    /// `None` when the entry has no house form in that language.
    /// What [`Matcher::resolve`] gives for a mention written as `form` is,
    /// with no clitics, other than in Russian: the house form in the
    /// spelling's own language (a house form and an admitted one are their own).
    fn resolve_as_listed(&self, form: &IndexedForm) -> Option<(String, String)> {
        if form.origin == Origin::House {
            return Some((form.lang.clone(), form.text.clone()));
        }
        let house = self.house(form.entry, &form.lang)?;
        let target = match form.origin {
            Origin::Admitted => &form.text,
            Origin::AdmittedVariant => self.admitted_form(form.entry, &form.lang, form.script)?,
            Origin::HouseSurname | Origin::VariantSurname => {
                house.surname.as_deref().unwrap_or(&house.form)
            }
            _ => &house.form,
        };
        // An Arabic name opened by `أبو` in another case keeps its case.
        if form.script == Script::Arabic {
            if let Some(in_case) = arabic::abu_in_case_of(&form.text, target) {
                return Some((form.lang.clone(), in_case));
            }
        }
        Some((form.lang.clone(), target.to_string()))
    }

    /// The entry's admitted form in `lang` written in `script`, if any.
    fn admitted_form(&self, entry: u32, lang: &str, script: Script) -> Option<&str> {
        let terms = self.index.entries()[entry as usize].terms.get(lang)?;
        terms
            .admitted
            .iter()
            .find(|a| Script::detect(a) == script)
            .map(String::as_str)
    }

    fn resolve(
        &self,
        found: &str,
        script: Script,
        form: &IndexedForm,
        clitics: Clitics,
        options: &ScanOptions,
    ) -> Option<Resolved> {
        let lang = if form.script == script {
            form.lang.clone()
        } else {
            match &options.lang {
                Some(l) if self.house(form.entry, l).is_some() => l.clone(),
                _ => script.default_lang().to_string(),
            }
        };
        let house = self.house(form.entry, &lang)?;
        if matches!(form.origin, Origin::Admitted | Origin::AdmittedVariant) {
            // An admitted form is acceptable as it is listed: what is
            // written otherwise is brought to it, case and clitics kept
            // (`Seif al-Islam` → `Saif al-Islam`), or, in another script,
            // to the entry's admitted form in that script (`Саифом
            // аль-Исламом`, closest to `Saif al-Islam`, → `Сейфом
            // аль-Исламом`). With none there, nothing is asked of it.
            let admitted = if form.origin == Origin::Admitted && form.script == script {
                Some(form.text.as_str())
            } else {
                self.admitted_form(form.entry, &lang, script)
            };
            let suggestion = admitted.map_or_else(String::new, |admitted| {
                let joined = dehyphenate(found);
                suggest::suggestion_in(script, &joined, admitted, admitted, clitics)
            });
            return Some(Resolved { lang, suggestion });
        }
        let target = match form.origin {
            Origin::HouseSurname | Origin::VariantSurname => {
                house.surname.as_deref().unwrap_or(&house.form)
            }
            _ => &house.form,
        };
        let listed = if form.script == script {
            form.text.as_str()
        } else {
            target
        };
        let joined = dehyphenate(found);
        let suggestion = suggest::suggestion_in(script, &joined, listed, target, clitics);
        Some(Resolved { lang, suggestion })
    }
}

/// A run's key: its key words folded, with their hashes (on the stack for
/// any name of a few words).
type Key<'a> = smallvec::SmallVec<[(u64, &'a str); 8]>;

/// The script of a mention `found` (the text of `tokens`, whose first
/// `clitics` bytes are Arabic proclitics): the one with most letters after
/// the clitics ([`Script::detect`]). When every word is in one script and
/// the found text is the words whole, that is their script: a word's
/// script is [`Script::detect`] of it, so each word has more of its
/// letters than of any other script's (or as many, and comes first), and
/// so do they all together, the text between words holding no letters.
/// The proclitics of an Arabic word found by similarity to `listed`: of
/// the word's readings, the one whose rest comes closest to the listed
/// spelling's first word, the longer prefix on a tie. A name may begin
/// with a clitic's letter (`كريستوفر`, `بنغازي`): read as `ك` + `ريستوفر`
/// its rewrite would double the letter.
fn fuzzy_clitics(token: &Token, listed: &IndexedForm) -> Clitics {
    let first = fold_word(token.text);
    let listed_first = listed.folded.split(' ').next().unwrap_or("");
    let listed_first = arabic::strip_article(listed_first);
    let closeness =
        |stem: &str| strsim::normalized_levenshtein(arabic::strip_article(stem), listed_first);
    let mut best = (0, closeness(&first));
    for (p, stem) in arabic::clitic_readings(&first) {
        // Only a prefix that leaves a word long enough to be a name, and
        // never the article alone.
        if p == 0
            || stem.chars().count() < 3
            || stem.starts_with(arabic::ARTICLE)
            || first[..p].ends_with("ال")
        {
            continue;
        }
        let close = closeness(stem);
        if close > best.1 || (close == best.1 && p > best.0) {
            best = (p, close);
        }
    }
    Clitics {
        prefix: byte_offset_of_letter(token.text, first[..best.0].chars().count()),
    }
}

/// Whether a word of `words`, Arabic words found by similarity to
/// `listed`, is an everyday word written as such, which only folding
/// evens out with the listed word beside it: a particle's final `ى` where
/// the name has `ي` (`على`, on, is no `علي`; but `بنى وليد` and `المنفى`
/// are names as Egyptian spelling writes every final `ي`), or a final
/// `ه`, the pronoun, where a name of one word has `ة` (`زواره`, his
/// visitors, is no `زوارة`; in `غسان سلامه` it is the name's letter).
fn folds_from_everyday_word(words: &[Token], listed: &IndexedForm) -> bool {
    let names = listed.text.split_whitespace();
    names.clone().count() == words.len()
        && words.iter().zip(names).any(|(word, name)| {
            let text = word.text;
            (text.ends_with('ى') && name.ends_with('ي') && is_arabic_particle(&fold_word(text)))
                || (words.len() == 1
                    && name.ends_with('ة')
                    && text
                        .strip_suffix('ه')
                        .is_some_and(|rest| rest.chars().count() >= 3 && is_ordinary_arabic(rest)))
        })
}

/// Whether the last words of `before`, on its last line, spell
/// `abbreviation` by their initials, small words such as `of` passed over
/// (`Ghana News Agency` for `GNA`, `Национальный олимпийский комитет` for
/// `НОК`).
fn initials_spell(before: &str, abbreviation: &str) -> bool {
    const SMALL_WORDS: [&str; 8] = ["of", "the", "and", "for", "in", "и", "по", "в"];
    let line = before.rsplit('\n').next().unwrap_or(before);
    let letters: Vec<char> = abbreviation.chars().flat_map(char::to_lowercase).collect();
    let mut initials = line
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty() && !SMALL_WORDS.contains(&w.to_lowercase().as_str()))
        .rev()
        .take(letters.len())
        .filter_map(|w| {
            w.chars()
                .next()
                .map(|c| c.to_lowercase().next().unwrap_or(c))
        })
        .collect::<Vec<char>>();
    initials.reverse();
    letters.len() >= 2 && initials == letters
}

fn found_script(found: &str, tokens: &[Token], clitics: Clitics) -> Script {
    let whole = clitics.prefix == 0
        && tokens
            .first()
            .is_some_and(|t| found.len() == tokens[tokens.len() - 1].end - t.start);
    let detect = || Script::detect(found.get(clitics.prefix..).unwrap_or(found));
    match tokens.first() {
        Some(first) if whole && tokens.iter().all(|t| t.script == first.script) => {
            debug_assert_eq!(first.script, detect(), "{found}");
            first.script
        }
        _ => detect(),
    }
}

/// Whether a spelling begins with a Latin or Cyrillic article word
/// (`al-Watiya`, `Az Zawiyah`).
fn starts_with_article(spelling: &str) -> bool {
    spelling
        .split(['-', ' ', '\u{2010}', '\u{2011}'])
        .next()
        .is_some_and(is_article)
}

/// Whether a name begins with the article, in any script: an Arabic one
/// behind its proclitics (`والسراج`) or a Latin or Cyrillic article word
/// (`al-Sarraj`).
fn carries_article(name: &str) -> bool {
    has_arabic_article(name.split_whitespace().next().unwrap_or("")) || starts_with_article(name)
}

/// Word `i - 1`, when there is one that is neither protected (a URL, an
/// address) nor already in a mention (before `resume`).
fn free_word_before<'t, 'a>(
    tokens: &'t [Token<'a>],
    i: usize,
    resume: usize,
) -> Option<&'t Token<'a>> {
    let word = &tokens[i.checked_sub(1)?];
    (!word.protected && word.start >= resume).then_some(word)
}

/// Whether word `i - 1` is an article standing before the name at `i` the
/// way a window of a listed spelling takes one in ([`Matcher::is_window`]):
/// joined to it by a hyphen, or written with a capital; and not already
/// in a mention (before `resume`).
fn article_before(text: &str, tokens: &[Token], i: usize, resume: usize) -> bool {
    let Some(article) = free_word_before(tokens, i, resume) else {
        return false;
    };
    let gap = Gap::of(&text[article.end..tokens[i].start]);
    is_article(article.text) && gap.joins && article_joins(article, &tokens[i], &gap)
}

/// Whether an article word goes with the `name` after it, across `gap`:
/// the name's first word is not in another script (a name is written in
/// one; `17` in `Al- 17 February Revolution` is in none) and the article is
/// joined to it by a hyphen (`al-Sarraj`) or written with a capital (`Az
/// Zawiyah`); a lower-case `as` or `at` standing apart is English.
fn article_joins(article: &Token, name: &Token, gap: &Gap) -> bool {
    !gap.quoted
        && article_may_precede(article, name)
        && (gap.hyphen || article.text.chars().next().is_some_and(char::is_uppercase))
}

/// Where a mention at `i` starts when the word before it is `al` or `el`
/// in lower case, standing apart (which English has no word for), and the
/// rewrite starts with an article of its own (`al Serraj` → `al-Sarraj`):
/// at that word, so that the rewrite replaces it rather than write `al
/// al-Sarraj`. Not before `resume`.
fn article_apart_start(
    text: &str,
    tokens: &[Token],
    i: usize,
    suggestion: &str,
    resume: usize,
) -> usize {
    let here = tokens[i].start;
    let Some(article) = free_word_before(tokens, i, resume) else {
        return here;
    };
    let rewrite_has_article = suggestion
        .split(['-', ' '])
        .next()
        .is_some_and(|first| first.len() < suggestion.len() && is_article(first));
    if !matches!(article.text, "al" | "el")
        || !rewrite_has_article
        || !matches!(&text[article.end..here], " " | "\u{A0}")
    {
        return here;
    }
    article.start
}

/// Whether `name`'s first word is in the script of `article`, or in none.
fn article_may_precede(article: &Token, name: &Token) -> bool {
    name.script == article.script || name.script == Script::Other
}

/// Where a mention starting with the article at `i` starts when the same
/// article is written before it again (a typo: `Al- Al- معمر القذافي`, `al
/// Al-Sarraj`): at the first of them, so that one rewrite drops them all
/// and a second finds nothing more to do. Not before `resume`.
fn doubled_article_start(text: &str, tokens: &[Token], i: usize, resume: usize) -> usize {
    let article = |t: &Token| t.text.to_lowercase();
    if !is_article(tokens[i].text) {
        return tokens[i].start;
    }
    let mut j = i;
    while j > 0
        && !tokens[j - 1].protected
        && tokens[j - 1].start >= resume
        && article(&tokens[j - 1]) == article(&tokens[i])
        && joins_name(&text[tokens[j - 1].end..tokens[j].start])
    {
        j -= 1;
    }
    tokens[j].start
}

/// Where a mention at `i` starts when the word before it is an article
/// assimilated to a sun letter that the name found does not start with,
/// but its house form does (`An JEBEL NAFUSA`, whose house form is `NAFUSA
/// MOUNTAINS`): at the article, so that the rewrite takes it away rather
/// than leave `An NAFUSA MOUNTAINS`, a name with its article, for a
/// second pass to find. Not before `resume`.
fn article_agreeing_start(
    text: &str,
    tokens: &[Token],
    i: usize,
    suggestion: &str,
    resume: usize,
) -> usize {
    let here = tokens[i].start;
    let Some(article) = free_word_before(tokens, i, resume) else {
        return here;
    };
    // Cheap tests first: this is asked at every mention.
    if !is_article(article.text) {
        return here;
    }
    let gap = Gap::of(&text[article.end..here]);
    if !gap.joins || !article_joins(article, &tokens[i], &gap) {
        return here;
    }
    let folded = fold_word(article.text);
    let first = |s: &str| fold_word(s.split([' ', '-']).next().unwrap_or(""));
    let agrees_with = |word: &str| fold::is_assimilated_article(&folded, &first(word));
    if agrees_with(tokens[i].text) || !agrees_with(suggestion) {
        return here;
    }
    article.start
}

/// Whether the Russian abbreviation ending at word `last` is the stem of
/// a word derived from it, a lower-case suffix hyphenated to it
/// (`ПНС-овские`, `ЛНА-шники`, `ИГИЛ-овцы`): no mention of the body, as
/// `Misratan` is none of `Misrata`.
fn derived_from_abbreviation(text: &str, tokens: &[Token], last: usize) -> bool {
    tokens.get(last + 1).is_some_and(|next| {
        matches!(&text[tokens[last].end..next.start], "-" | "\u{2010}")
            && next
                .text
                .chars()
                .next()
                .is_some_and(|c| Script::of_char(c) == Some(Script::Cyrillic) && c.is_lowercase())
    })
}

/// Whether each everyday word of an Arabic `window` of `words` (as
/// `everyday` tells, from the window's first word on), read behind any of
/// its proclitics, is a word of the listed spelling `listed` (folded),
/// articles aside.
fn everyday_words_listed(
    words: &Words,
    window: std::ops::Range<usize>,
    everyday: &[bool],
    listed: &str,
) -> bool {
    let listed_words: smallvec::SmallVec<[&str; FUZZY_WORDS]> =
        listed.split(' ').map(arabic::strip_article).collect();
    window.zip(everyday).filter(|&(_, &e)| e).all(|(k, _)| {
        arabic::clitic_readings(words.folded(k))
            .into_iter()
            .any(|(_, stem)| listed_words.contains(&arabic::strip_article(stem)))
    })
}

/// Whether an Arabic word, read behind any of its proclitics, is the
/// nisba adjective of the listed spelling `listed`.
fn is_nisba_reading(word: &str, listed: &IndexedForm) -> bool {
    let folded = fold_word(word);
    crate::text::arabic::clitic_readings(&folded)
        .iter()
        .any(|(_, rest)| crate::text::arabic::is_nisba_of(rest, &listed.folded))
}

/// Takes into mention `m`, of word `i`, the English indefinite article
/// before it when its rewrite needs the other one: `an LNA commander` →
/// `a Libyan National Army commander`, `a NOC` stays. The article's case
/// is kept (`An` → `A`). Not before `resume`.
fn with_indefinite_article(text: &str, tokens: &[Token], i: usize, m: &mut Mention, resume: usize) {
    let Some(article) = free_word_before(tokens, i, resume) else {
        return;
    };
    let written = article.text;
    if !(written.eq_ignore_ascii_case("a") || written.eq_ignore_ascii_case("an"))
        || m.suggestion == text[m.start..m.end]
    {
        return;
    }
    let gap = &text[article.end..m.start];
    if gap.is_empty() || !gap.chars().all(char::is_whitespace) {
        return;
    }
    // A capital `A` inside a sentence is a letter (`Plan A ISIS cells`),
    // unless the line is in capitals.
    let suggestion_in_capitals = m.suggestion.chars().all(|c| !c.is_lowercase());
    if written == "A" && !suggestion_in_capitals && !is_sentence_start(text, article.start) {
        return;
    }
    let Some(wanted) = suggest::english_article_for(&m.suggestion) else {
        return;
    };
    if written.eq_ignore_ascii_case(wanted) {
        return;
    }
    let wanted = match (written.chars().next(), written.chars().nth(1)) {
        (Some(c), Some(d)) if c.is_uppercase() && d.is_uppercase() => wanted.to_uppercase(),
        (Some(c), None) if c.is_uppercase() && suggestion_in_capitals => wanted.to_uppercase(),
        (Some(c), _) if c.is_uppercase() => {
            let mut cs = wanted.chars();
            cs.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(cs).collect())
        }
        _ => wanted.to_string(),
    };
    m.suggestion = format!("{wanted}{gap}{}", m.suggestion);
    m.clitics = m.start - article.start;
    m.start = article.start;
}

/// Bytes of text a block of [`Matcher::scan`] holds, about: some 2,500
/// words, whose tokens, folds and details (about 200 KB) stay in the
/// core's own cache between the passes over them, with room left for the
/// lines of the glossary's tables. (At 64 KB, a block's buffers pushed
/// each other out: twice the cache misses, measured with callgrind's
/// cache simulation.)
const BLOCK: usize = 16 * 1024;

/// The buffers of a scan, kept from block to block.
#[derive(Default)]
struct Block<'t> {
    /// The block's words, after the last words of the block before.
    tokens: Vec<Token<'t>>,
    words: Words,
    /// The last words of the block before.
    behind: Vec<Token<'t>>,
    scratch: Vec<crate::text::scan_tokens::ScanWord>,
}

/// The first ASCII white space at or after byte `at`, or the end of the
/// text: no word, URL or address crosses it, so blocks end there.
fn boundary_after(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let from = at.min(bytes.len());
    bytes[from..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == 0x0B)
        .map_or(bytes.len(), |n| from + n)
}

/// Drops mentions by pairs of neighbours: `drop(first, second)` tells
/// whether to drop each of the two.
/// Whether `after`, the text after an abbreviation, opens with brackets
/// that hold two words or more of `rewrite`, one after the other (in
/// Russian, of the same stems), and nothing else.
fn glossed_after(after: &str, rewrite: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ').unwrap_or(after).strip_prefix('(') else {
        return false;
    };
    let Some(inside) = rest.get(..rest.find(')').unwrap_or(usize::MAX).min(200)) else {
        return false;
    };
    if !rest[inside.len()..].starts_with(')') || inside.contains(['\n', '\r', '(']) {
        return false;
    }
    let key = |s: &str| -> Vec<String> {
        tokenize(s)
            .iter()
            .map(|t| match t.script {
                Script::Cyrillic => russian::stem(&fold_word(t.text)),
                _ => fold_word(t.text),
            })
            .collect()
    };
    let (inside, rewrite) = (key(inside), key(rewrite));
    inside.len() >= 2
        && inside.len() <= rewrite.len()
        && rewrite
            .windows(inside.len())
            .any(|run| run == inside.as_slice())
}

fn drop_pairs(mentions: &mut Vec<Mention>, drop: impl Fn(&Mention, &Mention) -> (bool, bool)) {
    let mut dropped = vec![false; mentions.len()];
    for k in 1..mentions.len() {
        let (first, second) = drop(&mentions[k - 1], &mentions[k]);
        dropped[k - 1] |= first;
        dropped[k] |= second;
    }
    if dropped.contains(&true) {
        let mut k = 0;
        mentions.retain(|_| {
            k += 1;
            !dropped[k - 1]
        });
    }
}

/// What a run of words is by similarity, before its context is looked at.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Similar {
    /// Close to no listed spelling (or not as long as the one it is
    /// close to).
    Nothing,
    /// A listed spelling with letters added: no name at all.
    Extension,
    Form {
        form: u32,
        score: f64,
    },
}

/// What a window matched.
#[derive(Debug, Clone, Copy)]
struct Hit {
    words: usize,
    form: u32,
    clitics: Clitics,
    /// The similarity score, for a match by similarity.
    score: Option<f64>,
}

/// Owned key words (with their hashes) as a key to look up.
fn as_key(owned: &[(u64, String)]) -> Key<'_> {
    owned.iter().map(|(h, w)| (*h, w.as_str())).collect()
}

/// Whether `joined` is the words of `key` joined by single spaces.
fn joined_eq(joined: &str, key: &[(u64, &str)]) -> bool {
    let mut rest = joined.as_bytes();
    for (n, (_, word)) in key.iter().enumerate() {
        if n > 0 {
            match rest.split_first() {
                Some((b' ', after)) => rest = after,
                _ => return false,
            }
        }
        match rest.strip_prefix(word.as_bytes()) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    rest.is_empty() && !key.is_empty()
}

/// The bytes of the quote mark that `after` (the text after a mention)
/// starts with, when the `listed` spelling ends with one: it closes the
/// quoted part of the name (`операция «Достоинство»`) and goes with it.
fn closing_quote_len(after: &str, listed: &str) -> usize {
    let is_quote = tokens::is_quote_mark;
    match (listed.chars().next_back(), after.chars().next()) {
        (Some(l), Some(a)) if is_quote(l) && is_quote(a) => a.len_utf8(),
        _ => 0,
    }
}

/// Whether the text between two words is a hyphen that breaks one word
/// across lines (a soft hyphen, U+00AD, is C2 AD; one that ends a word is
/// part of it, and the gap after it only the line break).
fn is_line_break_hyphen(gap: &[u8]) -> bool {
    matches!(
        gap,
        b"-\n" | b"-\r\n" | b"\xC2\xAD\n" | b"\xC2\xAD\r\n" | b"\xC2\xAD"
    )
}

/// `text` with words hyphenated across line ends joined up again.
/// Borrowed when there is nothing to join (most names with a hyphen are
/// written with it: `al-Mismari`).
pub(crate) fn dehyphenate(text: &str) -> Cow<'_, str> {
    // A soft hyphen is C2 AD: the bytes first.
    if memchr::memchr2(b'\n', 0xAD, text.as_bytes()).is_none() || !text.contains(['\u{00AD}', '\n'])
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace("-\r\n", "")
            .replace("-\n", "")
            .replace("\u{00AD}\r\n", "")
            .replace("\u{00AD}\n", "")
            .replace('\u{00AD}', ""),
    )
}

/// Whether `found` is `suggestion` written with combining marks: in
/// another Unicode normal form (`й` as `и` and a breve, pasted from some
/// systems), or, in Russian, with a stress mark (`Хафта́р`). Either is
/// the house form, and a rewrite would only take the marks away.
fn same_but_for_marks(found: &str, suggestion: &str, script: Script) -> bool {
    use unicode_normalization::UnicodeNormalization;
    // Combining marks U+0300..U+036F are CC 80..CD AF.
    let combining = |c: char| ('\u{300}'..='\u{36F}').contains(&c);
    if found == suggestion || !found.as_bytes().iter().any(|&b| matches!(b, 0xCC | 0xCD)) {
        return false;
    }
    if !found.contains(combining) {
        return false;
    }
    let stress = |c: &char| script == Script::Cyrillic && matches!(c, '\u{300}' | '\u{301}');
    found
        .nfd()
        .filter(|c| !stress(c))
        .nfc()
        .eq(suggestion.nfc())
}

/// `suggestion` with the white space between its words as `found` has it
/// (a line break, a no-break space), when the two have as many words and
/// `found` spaces them otherwise than with one space: a name wrapped at a
/// line end is in house form, and a rewrite keeps the line break.
fn spaced_as_found(found: &str, suggestion: &str) -> Option<String> {
    // White space other than a space is a control character or starts
    // with one of these bytes (U+0085, U+00A0; U+1680; U+2000 on; U+3000).
    let maybe = |b: &u8| matches!(b, b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
    if !found.as_bytes().iter().any(maybe) && !found.contains("  ") {
        return None;
    }
    let mut after_space = false;
    let spaced_otherwise = found.chars().any(|c| {
        let odd = c.is_whitespace() && (c != ' ' || after_space);
        after_space = c == ' ';
        odd
    });
    if !spaced_otherwise {
        return None;
    }
    let gaps: Vec<&str> = found
        .trim()
        .split(|c: char| !c.is_whitespace())
        .filter(|gap| !gap.is_empty())
        .collect();
    let words: Vec<&str> = suggestion.split(' ').collect();
    if words.len() != gaps.len() + 1 || words.iter().any(|w| w.is_empty()) {
        return None;
    }
    let mut spaced = String::with_capacity(found.len() + suggestion.len());
    for (k, word) in words.iter().enumerate() {
        if k > 0 {
            spaced.push_str(gaps[k - 1]);
        }
        spaced.push_str(word);
    }
    Some(spaced)
}

/// Whether `tail`, the words of a run after its first, are the words of
/// the listed spelling whose fold is `folded` after its first, folded.
fn tail_is_listed(folded: &str, tail: &[Token]) -> bool {
    let mut listed = folded.split(' ').skip(1);
    tail.iter()
        .all(|t| listed.next().is_some_and(|w| w == fold_word(t.text)))
        && listed.next().is_none()
}

/// Whether `found` is `listed` with letters added to its last word that
/// change how it sounds (`Misratan`, not `Misuratah`).
/// Whether a (folded) Russian ending, after the letters a name shares with
/// its nominative, is a noun's case ending (or none).
fn is_case_ending(ending: &str) -> bool {
    matches!(
        ending,
        "" | "а"
            | "я"
            | "у"
            | "ю"
            | "ы"
            | "и"
            | "е"
            | "о"
            | "ой"
            | "ей"
            | "ою"
            | "ею"
            | "ом"
            | "ем"
            | "ам"
            | "ям"
            | "ами"
            | "ями"
            | "ах"
            | "ях"
            | "ов"
            | "ев"
            | "ью"
    )
}

/// Whether `found` is `listed` with letters added, sounding otherwise
/// (`Misratan`, `Tarkhunas`). A silent `e` after a final consonant adds no
/// sound, as French spelling writes names (`Zintane`, `Ghariane`).
fn is_extension_of(found: &str, listed: &str) -> bool {
    let silent_e = found.strip_suffix('e') == Some(listed)
        && listed
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_lowercase() && !"aeiouy".contains(c));
    found.len() > listed.len()
        && found.starts_with(listed)
        && !found[listed.len()..].contains(' ')
        && !silent_e
        && Phonetic::of_folded(found).sound != Phonetic::of_folded(listed).sound
}

/// Bytes of an English possessive at the end of a word (`Haftar's`).
fn possessive_len(word: &str) -> usize {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
            return suffix.len();
        }
    }
    0
}

/// Byte offset in `word` after its first `letters` letters (combining
/// marks and tatweel do not count).
fn byte_offset_of_letter(word: &str, letters: usize) -> usize {
    let mut seen = 0;
    for (i, c) in word.char_indices() {
        if arabic::normalize_char(c).is_none() {
            continue;
        }
        if seen == letters {
            return i;
        }
        seen += 1;
    }
    word.len()
}

#[cfg(test)]
mod tests;
