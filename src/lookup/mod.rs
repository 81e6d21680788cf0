//! Looking a term up: any script, any spelling, any case form.
//!
//! [`LookupIndex::build`] compiles a glossary into hash maps of folded forms
//! (exact spellings, Russian stems), a [`DeleteIndex`] over phonetic
//! skeletons (unlisted spellings) and a [`LetterIndex`] over letters
//! (typing slips). [`LookupIndex::lookup`] never scans the glossary: it
//! looks the query's keys up and rescores the few candidates.

mod deletes;
mod keys;
mod letters;
mod osa;
mod reach;
pub mod score;

pub use deletes::{DeleteIndex, Shared};
pub use letters::LetterIndex;

use crate::glossary::Entry;
use crate::prefetch::prefetch;
use crate::text::{arabic, fold, russian, words, Phonetic, Script};
use keys::KeyArena;
use reach::Reach;
use rustc_hash::FxBuildHasher;
use score::Prepared;
use serde::Serialize;
use std::collections::HashMap;

/// How a query matched an entry (the contract's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The query is a house form (possibly inflected or with clitics).
    Canonical,
    /// The query is a listed variant (possibly inflected or with clitics).
    Variant,
    /// The query is an admitted form: acceptable, never rewritten.
    Admitted,
    /// The query is a forbidden form: an error wherever it appears.
    Forbidden,
    /// None of those: found by similarity, or a surname alone.
    Fuzzy,
}

impl MatchKind {
    /// The severity of a finding of this kind (the contract's
    /// House-style rules).
    pub fn severity(self) -> Severity {
        match self {
            MatchKind::Forbidden => Severity::Error,
            MatchKind::Variant | MatchKind::Fuzzy => Severity::Warning,
            MatchKind::Canonical | MatchKind::Admitted => Severity::Info,
        }
    }
}

/// How much a finding matters: `check --severity` reports one level and
/// those above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// In house form, or an admitted form: reported only with `--all`.
    Info,
    /// Off house style: a variant or an unlisted spelling.
    Warning,
    /// A forbidden form.
    Error,
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Severity, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity {other:?}: use error, warning or info"
            )),
        }
    }
}

/// Where an indexed spelling comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    House,
    Variant,
    Forbidden,
    Admitted,
    /// The last name of a person's house form (`Haftar`).
    HouseSurname,
    /// The last name of a person's listed variant (`Hifter`).
    VariantSurname,
    /// An admitted short form as a listed variant spells it: the variant
    /// without the words the house form adds to the admitted form (`Seif
    /// al-Islam`, from `Seif al-Islam Qaddafi`, for `Saif al-Islam`).
    AdmittedVariant,
}

impl Origin {
    /// A person's surname, of the house form or of a variant.
    pub fn is_surname(self) -> bool {
        matches!(self, Origin::HouseSurname | Origin::VariantSurname)
    }

    fn kind(self) -> MatchKind {
        match self {
            Origin::House => MatchKind::Canonical,
            Origin::Variant | Origin::AdmittedVariant => MatchKind::Variant,
            Origin::Admitted => MatchKind::Admitted,
            Origin::Forbidden => MatchKind::Forbidden,
            Origin::HouseSurname | Origin::VariantSurname => MatchKind::Fuzzy,
        }
    }
}

/// One spelling the index knows.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct IndexedForm {
    pub entry: u32,
    pub lang: String,
    pub text: String,
    /// The text folded ([`fold`]).
    pub folded: String,
    pub origin: Origin,
    pub script: Script,
    pub phonetic: Phonetic,
    /// For surnames: 0 for the person a surname alone refers to (the first
    /// in glossary order who bears it), 1 and up for the others.
    pub bearer_rank: u32,
    /// For surnames: how many persons bear it.
    pub bearers: u32,
    /// For surnames: another person's listed name starts with this word
    /// (`Salah`, Aguila Saleh's surname in a variant, starts `Salah
    /// Badi`), so that alone it may well mean them.
    pub starts_another_name: bool,
    /// For surnames: every bearer's house surname in this language is the
    /// same (`Qadhafi` is `Gaddafi` whichever Gaddafi is meant), so that
    /// rewriting it holds even when the bearer is uncertain.
    pub one_house_spelling: bool,
}

/// One result of a lookup.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into [`LookupIndex::entries`].
    pub entry: usize,
    pub score: f64,
    pub kind: MatchKind,
    /// The glossary spelling that matched.
    pub matched: String,
    /// The language of that spelling.
    pub lang: String,
}

/// Hits scoring below this are noise and never reported.
pub const MIN_SCORE: f64 = 0.5;

/// How many forms ahead a retrieval asks for what it will read of them
/// ([`prefetch`]): a large glossary's tables outgrow the cache, and reads
/// asked for together wait for memory together.
const AHEAD: usize = 8;

/// A compiled glossary, ready for lookups.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct LookupIndex {
    entries: Vec<Entry>,
    forms: Vec<IndexedForm>,
    exact: HashMap<String, Vec<u32>, FxBuildHasher>,
    stems: HashMap<String, Vec<u32>, FxBuildHasher>,
    deletes: DeleteIndex,
    letters: LetterIndex,
    /// The comparison keys of every form.
    keys: KeyArena,
    /// For each entry, the scripts its spellings are in (bit per [`Script`]).
    scripts: Vec<u8>,
    /// For each form, the [`letters::letter_sketch`] of its letters without
    /// word breaks.
    sketches: Vec<u64>,
}

/// A cross-script match between unvocalised Arabic and a vocalised
/// spelling is worth this much less when the entry has spellings in the
/// query's own script: those say better whether the name is the one typed.
pub const ELSEWHERE: f64 = 0.85;

fn script_bit(script: Script) -> u8 {
    1 << script as u8
}

/// [`ELSEWHERE`] when a form in `f_script` is compared with a query in
/// `script` across unvocalised Arabic and the form's entry has spellings
/// in the query's own script (`entry_scripts`, a bit per script); 1
/// otherwise.
fn elsewhere(script: Script, f_script: Script, entry_scripts: u8) -> f64 {
    if (f_script == Script::Arabic) != (script == Script::Arabic)
        && entry_scripts & script_bit(script) != 0
    {
        ELSEWHERE
    } else {
        1.0
    }
}

/// Russian stem key of a folded Cyrillic form: every word stemmed.
pub fn stem_key(folded: &str) -> String {
    folded
        .split(' ')
        .map(russian::stem)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The other stem key of a listed Cyrillic form whose words include one
/// that ends in a consonant and yet reads as stem + ending (`ибрагим` as
/// `ибраг` + `им`, `аль-ислам` as `аль-исл` + `ам`): such a word, in the
/// nominative as listed, has no ending, and its case forms are it with
/// one added (`ибрагимом` stems to `ибрагим`). The key keeps those words
/// whole; `None` when it is [`stem_key`].
pub fn whole_word_stem_key(folded: &str) -> Option<String> {
    let mut differs = false;
    let words: Vec<&str> = folded
        .split(' ')
        .map(|word| {
            let stem = &word[..russian::stem_len(word)];
            if stem.len() < word.len() && russian::ends_in_consonant(word) {
                differs = true;
                word
            } else {
                stem
            }
        })
        .collect();
    differs.then(|| words.join(" "))
}

/// What a surname alone is worth: less when several persons bear it,
/// least for those who are not its primary bearer and when it also starts
/// another person's name.
fn surname_score(form: &IndexedForm) -> f64 {
    if form.starts_another_name {
        return score::SHARED_SURNAME;
    }
    let primary = match form.origin {
        Origin::VariantSurname => score::VARIANT_SURNAME,
        _ => score::SURNAME,
    };
    match form.bearer_rank {
        0 if form.bearers > 1 => score::PRIMARY_SHARED_SURNAME.min(primary),
        0 => primary,
        _ => score::SHARED_SURNAME,
    }
}

/// A person's surname as written in `form`: the last word, with an article
/// or `Abu` written before it (`al-Sarraj`, `Al Mismari`, `أبو سهمين`), and
/// `Abdul` before those, whose name is the two together (`Abdul Jalil`,
/// `Abd al-Jalil`, `عبد الجليل`). None for one-word forms.
pub fn surname_of(form: &str) -> Option<&str> {
    let ws: Vec<_> = words(form).collect();
    if ws.len() < 2 {
        return None;
    }
    let last = ws[ws.len() - 1];
    let mut first = ws.len() - 1;
    if ws.len() >= 3 {
        let before = fold(ws[first - 1].text);
        let is_abu = matches!(before.as_str(), "abu" | "abou" | "абу" | "ابو");
        if is_abu || crate::text::fold::is_article(&before, &fold(last.text)) {
            first -= 1;
        }
    }
    // A given name stays before it.
    if first >= 2 && is_abd(&fold(ws[first - 1].text)) {
        first -= 1;
    }
    Some(&form[ws[first].start..last.end])
}

/// Whether a folded word is `Abd` ("servant of"), which makes one name with
/// the word after it (`Abdul Jalil`, `عبد الجليل`).
fn is_abd(folded: &str) -> bool {
    matches!(
        folded,
        "abd" | "abdul" | "abdel" | "abdal" | "абд" | "абдуль" | "абдул" | "абдель" | "عبد"
    )
}

/// The admitted short forms of `terms` as its listed variants spell them.
/// An admitted form that is the house form's first words (`Saif al-Islam`
/// of `Saif al-Islam Gaddafi`) is spelt otherwise in a variant that ends
/// in the house form's other words, spelt alike or sounding alike (`Seif
/// al-Islam Qaddafi`): its words before them (`Seif al-Islam`), as many as
/// the admitted form has.
fn admitted_variants(terms: &crate::glossary::Terms) -> Vec<String> {
    let Some(house) = terms.house.as_deref() else {
        return Vec::new();
    };
    let folded = |ws: &[crate::text::Word]| {
        ws.iter()
            .map(|w| fold(w.text))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let sound = |ws: &[crate::text::Word]| Phonetic::of_folded(&folded(ws)).compact_skeleton();
    let house_words: Vec<_> = words(house).collect();
    let mut found = Vec::new();
    for admitted in &terms.admitted {
        let admitted_words: Vec<_> = words(admitted).collect();
        let n = admitted_words.len();
        if n == 0 || n >= house_words.len() || folded(&admitted_words) != folded(&house_words[..n])
        {
            continue;
        }
        let rest = &house_words[n..];
        let rest_sound = sound(rest);
        for variant in &terms.variants {
            let variant_words: Vec<_> = words(variant).collect();
            if variant_words.len() != n + rest.len() || sound(&variant_words[n..]) != rest_sound {
                continue;
            }
            let head = variant[..variant_words[n - 1].end].trim();
            if fold(head) != fold(admitted) && !found.iter().any(|f| f == head) {
                found.push(head.to_string());
            }
        }
    }
    found
}

impl LookupIndex {
    /// Compiles `entries`. Persons also get their surnames indexed, so that
    /// `Haftar` alone finds Khalifa Haftar.
    pub fn build(entries: Vec<Entry>) -> LookupIndex {
        let mut forms: Vec<IndexedForm> = Vec::new();
        let push =
            |forms: &mut Vec<IndexedForm>, entry: usize, lang: &str, text: &str, origin: Origin| {
                let folded = fold(text);
                forms.push(IndexedForm {
                    entry: entry as u32,
                    lang: lang.to_string(),
                    text: text.to_string(),
                    phonetic: Phonetic::of_folded(&folded),
                    folded,
                    origin,
                    script: Script::detect(text),
                    bearer_rank: 0,
                    bearers: 1,
                    starts_another_name: false,
                    one_house_spelling: false,
                });
            };
        for (i, entry) in entries.iter().enumerate() {
            for (lang, terms) in &entry.terms {
                if let Some(house) = &terms.house {
                    push(&mut forms, i, lang, house, Origin::House);
                }
                for variant in &terms.variants {
                    push(&mut forms, i, lang, variant, Origin::Variant);
                }
                for forbidden in &terms.forbidden {
                    push(&mut forms, i, lang, forbidden, Origin::Forbidden);
                }
                for admitted in &terms.admitted {
                    push(&mut forms, i, lang, admitted, Origin::Admitted);
                }
            }
        }
        let full_forms: std::collections::HashSet<String> =
            forms.iter().map(|f| fold(&f.text)).collect();
        for (i, entry) in entries.iter().enumerate() {
            for (lang, terms) in &entry.terms {
                for spelling in admitted_variants(terms) {
                    if !full_forms.contains(&fold(&spelling)) {
                        push(&mut forms, i, lang, &spelling, Origin::AdmittedVariant);
                    }
                }
            }
        }
        // Who bears a surname is decided by its sound, not its spelling:
        // `Khaftar`, `Hifter`, `Хафтар` and `حفتر` are one surname.
        let identity = |surname: &str| Phonetic::of_folded(&fold(surname)).compact_skeleton();
        let persons = || {
            entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.entry_type == "person")
        };
        let mut surnames: Vec<(usize, String, String, Origin)> = Vec::new();
        for (i, entry) in persons() {
            for (lang, terms) in &entry.terms {
                let house = terms.house.as_deref();
                let house_words = house.map_or(0, |h| words(h).count());
                let house_surname = house.and_then(surname_of).map(identity);
                let named = terms.house.iter().map(|f| (f, Origin::HouseSurname));
                for (form, origin) in
                    named.chain(terms.variants.iter().map(|f| (f, Origin::VariantSurname)))
                {
                    let Some(surname) = surname_of(form) else {
                        continue;
                    };
                    let key = fold(surname);
                    // A surname that is another entry's full name, or too
                    // short to carry a name, is not indexed.
                    if key.chars().count() < 3 || full_forms.contains(&key) {
                        continue;
                    }
                    // A variant longer than the house form may end in a name
                    // the house form leaves out (`Aguila Saleh Issa`): its
                    // last word is a surname only when it sounds as the
                    // house surname does.
                    if origin == Origin::VariantSurname
                        && words(form).count() > house_words
                        && house_surname.as_deref() != Some(identity(surname).as_str())
                    {
                        continue;
                    }
                    surnames.push((i, lang.clone(), surname.to_string(), origin));
                }
            }
        }
        let mut sharing: HashMap<String, Vec<usize>> = HashMap::new();
        for (entry, _, surname, _) in &surnames {
            let owners = sharing.entry(identity(surname)).or_default();
            if !owners.contains(entry) {
                owners.push(*entry);
            }
        }
        // The first words of persons' listed names, with whose they are.
        let mut first_words: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, entry) in persons() {
            for terms in entry.terms.values() {
                for form in terms.house.iter().chain(&terms.variants) {
                    let mut ws = words(form);
                    if let (Some(first), Some(_)) = (ws.next(), ws.next()) {
                        first_words.entry(fold(first.text)).or_default().push(i);
                    }
                }
            }
        }
        let house_surname = |entry: usize, lang: &str| {
            let house = entries[entry].terms.get(lang)?.house.as_deref()?;
            surname_of(house).map(fold)
        };
        let mut seen = std::collections::HashSet::new();
        for (entry, lang, surname, origin) in surnames {
            let key = fold(&surname);
            if !seen.insert((entry, key.clone(), lang.clone())) {
                continue;
            }
            let owners = &sharing[&identity(&surname)];
            let starts_another_name = first_words
                .get(&key)
                .is_some_and(|named| named.iter().any(|e| !owners.contains(e)));
            let spelling = house_surname(entry, &lang);
            let one_house_spelling =
                spelling.is_some() && owners.iter().all(|&e| house_surname(e, &lang) == spelling);
            push(&mut forms, entry, &lang, &surname, origin);
            let form = forms.last_mut().expect("just pushed");
            form.bearer_rank = owners.iter().position(|&e| e == entry).unwrap_or(0) as u32;
            form.bearers = owners.len() as u32;
            form.starts_another_name = starts_another_name;
            form.one_house_spelling = one_house_spelling;
        }

        // Arabic names opened by `أبو` in their other cases (`أبي سهمين`),
        // surnames too, as listed as the spelling they decline.
        for k in 0..forms.len() {
            if forms[k].script != Script::Arabic {
                continue;
            }
            for spelling in arabic::abu_case_forms(&forms[k].text) {
                let mut form = forms[k].clone();
                form.folded = fold(&spelling);
                form.phonetic = Phonetic::of_folded(&form.folded);
                form.text = spelling;
                forms.push(form);
            }
        }
        let mut exact: HashMap<String, Vec<u32>, FxBuildHasher> = HashMap::default();
        let mut stems: HashMap<String, Vec<u32>, FxBuildHasher> = HashMap::default();
        for (i, form) in forms.iter().enumerate() {
            let folded = form.folded.clone();
            if form.script == Script::Cyrillic {
                stems.entry(stem_key(&folded)).or_default().push(i as u32);
            }
            exact.entry(folded).or_default().push(i as u32);
        }
        let mut keys = KeyArena::default();
        let mut scripts = vec![0u8; entries.len()];
        for form in &forms {
            // Only articles (and Arabic's joined ones) make the letters as
            // written differ from the fold, and they take words away.
            let lite = if form.script != Script::Arabic
                && words(&form.text).count() == form.folded.split(' ').count()
            {
                form.folded.clone()
            } else {
                keys::fold_letters(&form.text)
            };
            // A surname alone is worth at most its surname score, reached
            // by a perfect match.
            let cap = match form.origin {
                Origin::House
                | Origin::Variant
                | Origin::Admitted
                | Origin::AdmittedVariant
                | Origin::Forbidden => 1.0,
                _ => surname_score(form) / score::FUZZY_CEILING,
            };
            keys.push(
                (&form.folded, &lite),
                &form.phonetic,
                form.script,
                form.entry,
                cap,
            );
            scripts[form.entry as usize] |= script_bit(form.script);
        }
        keys.shrink_to_fit();
        let skeletons: Vec<String> = forms
            .iter()
            .map(|f| f.phonetic.compact_skeleton())
            .collect();
        // Each form is filed with its shape, so that a lookup sets aside
        // the forms that cannot score enough without visiting them.
        let tag = |form: u32| keys.tag(form, scripts[keys.entry(form) as usize]);
        let deletes = DeleteIndex::build_tagged(
            skeletons
                .iter()
                .enumerate()
                .map(|(i, k)| (i as u32, k.as_str(), tag(i as u32))),
        );
        drop(skeletons);
        let sketches = (0..forms.len() as u32)
            .map(|i| {
                let letters = keys.get(i).letters;
                let squeezed: Vec<u8> = letters.iter().copied().filter(|&c| c != b' ').collect();
                letters::letter_sketch(&squeezed)
            })
            .collect();
        let letters = LetterIndex::build_tagged((0..forms.len() as u32).flat_map(|i| {
            let key = keys.get(i);
            let tag = tag(i);
            std::iter::once((i, key.letters, tag))
                .chain((!key.lite.is_empty()).then_some((i, key.lite, tag)))
        }));
        LookupIndex {
            entries,
            forms,
            exact,
            stems,
            deletes,
            letters,
            keys,
            scripts,
            sketches,
        }
    }

    /// What a surname alone is worth: less when several persons bear it,
    /// least for those who are not its primary bearer and when it also
    /// starts another person's name.
    pub fn surname_score(&self, form: &IndexedForm) -> f64 {
        surname_score(form)
    }

    /// How sure the house surname is as the rewrite of surname `form`
    /// found alone, as listed, in a text that names one of its bearers in
    /// full: as sure as a near-certain spelling when every bearer writes
    /// it alike in house style and it starts no other person's name,
    /// whoever of them is meant; otherwise what the surname is worth
    /// ([`LookupIndex::surname_score`]).
    pub fn surname_rewrite_score(&self, form: &IndexedForm) -> f64 {
        if form.one_house_spelling && !form.starts_another_name {
            score::SETTLED_SURNAME
        } else {
            surname_score(form)
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every spelling indexed (forms and derived surnames), by form id.
    pub fn forms(&self) -> &[IndexedForm] {
        &self.forms
    }

    /// The spellings that fold to `folded`, by form id.
    pub fn forms_folded_as(&self, folded: &str) -> &[u32] {
        self.exact.get(folded).map_or(&[], Vec::as_slice)
    }

    /// Whether some spelling folds to `folded` with letters cut from the
    /// end of its last word (`folded` is `misratan`, `misrata` is listed):
    /// the only spellings of which a term may be an extension.
    pub fn has_listed_prefix(&self, folded: &str) -> bool {
        let last_word = folded.rfind(' ').map_or(0, |space| space + 1);
        folded
            .char_indices()
            .map(|(at, _)| at)
            .filter(|&at| at > last_word)
            .any(|at| self.exact.contains_key(&folded[..at]))
    }

    /// Number of spellings indexed (forms and derived surnames).
    pub fn spellings(&self) -> usize {
        self.forms.len()
    }

    /// The entries `term` may refer to, best first, at most `limit`.
    ///
    /// `lang` is the language `term` is written in (guessed from its script
    /// when `None`); it never filters, only breaks ties in favour of
    /// spellings in that language.
    pub fn lookup(&self, term: &str, lang: Option<&str>, limit: usize) -> Vec<Hit> {
        self.lookup_above(term, lang, limit, 0.0)
    }

    /// [`LookupIndex::lookup`] for a caller that wants only hits scoring
    /// `floor` or more: a similarity candidate that cannot reach `floor`
    /// by what the indexes file with it (its key lengths, the deletes it
    /// shares with the query, its letter counts) is never
    /// scored. The hits at or above `floor` are those `lookup` gives, in
    /// the same order; fewer hits below it may come back.
    pub fn lookup_above(
        &self,
        term: &str,
        lang: Option<&str>,
        limit: usize,
        floor: f64,
    ) -> Vec<Hit> {
        if limit == 0 {
            return Vec::new();
        }
        let Some(found) = self.gather(term, lang, floor, Wanted::Every) else {
            return Vec::new();
        };
        let mut ranked: Vec<Candidate> = found.best.values().copied().collect();
        ranked.sort_by_cached_key(|c| self.rank(c, found.script));
        ranked.truncate(limit);
        ranked.iter().map(|c| self.hit(c)).collect()
    }

    /// The best hit by similarity alone (kind [`MatchKind::Fuzzy`]) for
    /// `term` among the entries `eligible` accepts, scoring `floor` or
    /// more: of the hits [`LookupIndex::lookup_above`] gives, the first
    /// such.
    ///
    /// Found with less work: once an eligible hit is found, a reading of
    /// the query tried after it retrieves only the candidates that may
    /// score as much (a scan asks for the best name a word may be, never
    /// for the others).
    pub fn best_similar_above(
        &self,
        term: &str,
        floor: f64,
        eligible: impl Fn(usize) -> bool,
    ) -> Option<Hit> {
        let answers = |c: &Candidate| {
            c.kind == MatchKind::Fuzzy && eligible(self.keys.get(c.form).entry as usize)
        };
        let found = self.gather(term, None, floor, Wanted::Best(&answers))?;
        let best = found
            .best
            .values()
            .filter(|c| answers(c))
            .min_by_key(|c| self.rank(c, found.script))?;
        Some(self.hit(best))
    }

    /// Every entry's best candidate for `term` (in `lang`, guessed from
    /// its script when `None`), leaving out by their bounds the similarity
    /// candidates that cannot score `floor`, nor, when only the `wanted`
    /// best answer matters, those that cannot rank with the best answer
    /// found so far. None when `term` has no letters.
    fn gather(
        &self,
        term: &str,
        lang: Option<&str>,
        floor: f64,
        wanted: Wanted,
    ) -> Option<Gathered> {
        let folded = fold(term);
        if folded.is_empty() {
            return None;
        }
        let script = Script::detect(term);
        let lang = lang.unwrap_or(script.default_lang());
        // Best candidate per entry, as (score, kind, form); hits are built
        // at the end so that rescoring clones nothing.
        let mut best = Best::default();
        // Whether the candidate became its entry's best.
        let offer = |best: &mut Best, new: Candidate| {
            let entry = self.keys.get(new.form).entry;
            match best.get(&entry) {
                Some(old) if !self.better(&new, old, lang, script) => false,
                _ => {
                    best.insert(entry, new);
                    true
                }
            }
        };
        // A candidate ranks with the best answer when its score, as
        // reported (to three decimals), is as high: a tie goes by kind,
        // origin and script.
        let rank_with = |c: &Candidate| reported(c.score) - 0.0005 - 1e-9;

        // Readings of the query: as written, and with its grammar taken off.
        let mut readings: Vec<(String, f64)> = vec![(folded.clone(), 1.0)];
        match script {
            Script::Arabic => {
                let (first, rest) = folded.split_once(' ').unwrap_or((&folded, ""));
                for (_, stem) in arabic::clitic_readings(first).into_iter().skip(1) {
                    let stem = arabic::strip_article(stem);
                    let reading = if rest.is_empty() {
                        stem.to_string()
                    } else {
                        format!("{stem} {rest}")
                    };
                    readings.push((reading, score::INFLECTED));
                }
            }
            Script::Cyrillic => readings.push((stem_key(&folded), score::INFLECTED)),
            _ => {}
        }

        let mut exact_as_written = false;
        for (i, (reading, factor)) in readings.iter().enumerate() {
            let map = if script == Script::Cyrillic && i > 0 {
                &self.stems
            } else {
                &self.exact
            };
            for &form_id in map.get(reading).into_iter().flatten() {
                let form = &self.forms[form_id as usize];
                // A name Russian leaves as it is has no case forms
                // (`Триполя` is no `Триполи`).
                if i > 0 && !russian::case_forms_agree(&form.text, &form.folded, folded.split(' '))
                {
                    continue;
                }
                let base = match form.origin {
                    Origin::House
                    | Origin::Variant
                    | Origin::Admitted
                    | Origin::AdmittedVariant
                    | Origin::Forbidden => {
                        exact_as_written |= i == 0;
                        score::EXACT
                    }
                    _ => self.surname_score(form),
                };
                let factor = if base < score::EXACT { 1.0 } else { *factor };
                offer(
                    &mut best,
                    Candidate {
                        score: base * factor,
                        kind: form.origin.kind(),
                        form: form_id,
                        reading: None,
                    },
                );
            }
        }

        // A house form or listed variant as written needs no similarity
        // search: nothing fuzzy could outrank it.
        if !exact_as_written {
            SCRATCH.with_borrow_mut(|scratch| {
                for (i, (reading, factor)) in readings.iter().enumerate() {
                    // A reading already looked up, worth as much or more.
                    if readings[..i].iter().any(|(earlier, _)| earlier == reading) {
                        continue;
                    }
                    let phonetic = Phonetic::of_folded(reading);
                    let mut query = Prepared::new(reading, &phonetic, script);
                    if i == 0 {
                        query = query.with_lite(&keys::fold_letters(term));
                    }
                    // What a candidate must be able to score to matter.
                    let mut beat = match wanted {
                        Wanted::Every => floor,
                        Wanted::Best(answers) => best
                            .values()
                            .filter(|c| answers(c))
                            .map(rank_with)
                            .fold(floor, f64::max),
                    };
                    let reach = Reach::new(&query, *factor, beat);
                    self.retrieve(&query, &phonetic, &reach, scratch);
                    // For the best answer alone, the candidates likeliest
                    // to score most come first, and once the rest cannot
                    // rank with the best so far, they are left unscored.
                    let best_first = matches!(wanted, Wanted::Best(_));
                    let order = &mut scratch.retrieved;
                    if best_first {
                        order.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                    } else {
                        order.sort_unstable_by_key(|&(_, form)| form);
                    }
                    for k in 0..order.len() {
                        let (bound, form_id) = order[k];
                        if best_first && bound < beat {
                            break;
                        }
                        if let Some(&(_, ahead)) = order.get(k + AHEAD) {
                            self.keys.prefetch_span(ahead);
                        }
                        if let Some(&(_, ahead)) = order.get(k + AHEAD / 2) {
                            self.keys.prefetch_keys(ahead);
                        }
                        let key = self.keys.get(form_id);
                        let s = score::similarity_to(&query, &key)
                            * factor
                            * key.cap
                            * elsewhere(script, key.script, self.scripts[key.entry as usize]);
                        if s < MIN_SCORE {
                            continue;
                        }
                        let new = Candidate {
                            score: s,
                            kind: MatchKind::Fuzzy,
                            form: form_id,
                            reading: Some(i as u8),
                        };
                        if offer(&mut best, new) {
                            if let Wanted::Best(answers) = wanted {
                                if answers(&new) {
                                    beat = beat.max(rank_with(&new));
                                }
                            }
                        }
                    }
                }
            });
        }
        Some(Gathered { best, script })
    }

    /// Where a candidate ranks: best score as reported (to three decimals)
    /// first; between equals, the stronger kind of match, then a match
    /// with a house form over one with a variant or a surname, then one in
    /// the query's `script`, then glossary order.
    fn rank(&self, c: &Candidate, script: Script) -> (i64, MatchKind, u8, bool, u32) {
        let form = &self.forms[c.form as usize];
        (
            -(c.score * 1000.0).round() as i64,
            c.kind,
            form.origin as u8,
            form.script != script,
            form.entry,
        )
    }

    fn hit(&self, c: &Candidate) -> Hit {
        let form = &self.forms[c.form as usize];
        Hit {
            entry: form.entry as usize,
            score: reported(c.score),
            kind: c.kind,
            matched: form.text.clone(),
            lang: form.lang.clone(),
        }
    }

    /// The forms worth rescoring for a query reading that `reach` says may
    /// score enough, each with what it may score at most, into
    /// `scratch.retrieved`, unsorted: those whose skeleton is within the
    /// delete index's depth of the query's, and those a typing slip or
    /// two away ([`Prepared::typos`]), each once. Afterwards
    /// `scratch.near` holds the letter index's candidates, each once and
    /// unsorted, before the typing-slip check. The count returned is of
    /// those by sound.
    fn retrieve(
        &self,
        query: &Prepared,
        phonetic: &Phonetic,
        reach: &Reach,
        scratch: &mut Scratch,
    ) -> usize {
        let Scratch {
            retrieved,
            near,
            shared,
            marks,
        } = scratch;
        shared.clear();
        self.deletes
            .candidates_where(&phonetic.compact_skeleton(), shared, |tag, len| {
                reach.may_share(tag, len)
            });
        // Each form once, with the longest delete it shares.
        marks.begin(self.forms.len());
        marks.next_round();
        let mut kept = 0;
        for k in 0..shared.len() {
            if let Some(ahead) = shared.get(k + AHEAD) {
                marks.prefetch(ahead.form);
            }
            let s = shared[k];
            match marks.place(s.form, kept as u32) {
                None => {
                    shared[kept] = s;
                    kept += 1;
                }
                Some(at) => {
                    let first = &mut shared[at as usize];
                    first.len = first.len.max(s.len);
                }
            }
        }
        shared.truncate(kept);
        retrieved.clear();
        for k in 0..shared.len() {
            if let Some(ahead) = shared.get(k + AHEAD) {
                prefetch(&self.sketches[ahead.form as usize]);
            }
            let s = &shared[k];
            let bound = reach.spell_bound(s, self.sketches[s.form as usize]);
            if reach.reaches(bound) {
                retrieved.push((bound, s.form));
            }
        }
        let by_sound = retrieved.len();
        let by_sound_round = marks.next_round();
        for &(_, form) in retrieved.iter() {
            marks.stamp(form);
        }
        // Spellings a typing slip or two away, however they sound.
        near.clear();
        for letters in query.letters() {
            self.letters
                .candidates_where(letters, near, |tag| reach.may(tag));
        }
        // Each once; those found by sound are rescored anyway.
        let this_round = marks.next_round();
        let mut kept = 0;
        for k in 0..near.len() {
            if let Some(&ahead) = near.get(k + AHEAD) {
                marks.prefetch(ahead);
                self.keys.prefetch_span(ahead);
            }
            if let Some(&ahead) = near.get(k + AHEAD / 2) {
                self.keys.prefetch_keys(ahead);
            }
            let form = near[k];
            let before = marks.stamp(form);
            if before == this_round {
                continue;
            }
            near[kept] = form;
            kept += 1;
            if before != by_sound_round && query.typos(&self.keys.get(form)).is_some() {
                retrieved.push((f64::INFINITY, form));
            }
        }
        near.truncate(kept);
        by_sound
    }

    /// What the similarity search of [`LookupIndex::lookup`] retrieves for
    /// `term` as written (its first reading), for diagnostics.
    pub fn fuzzy_candidates(&self, term: &str) -> FuzzyCandidates {
        let folded = fold(term);
        let phonetic = Phonetic::of_folded(&folded);
        let query = Prepared::new(&folded, &phonetic, Script::detect(term))
            .with_lite(&keys::fold_letters(term));
        let mut scratch = Scratch::default();
        let reach = Reach::new(&query, 1.0, 0.0);
        let by_sound = self.retrieve(&query, &phonetic, &reach, &mut scratch);
        let Scratch {
            retrieved, near, ..
        } = scratch;
        let mut entries: Vec<usize> = retrieved
            .iter()
            .map(|&(_, f)| self.keys.get(f).entry as usize)
            .collect();
        entries.sort_unstable();
        entries.dedup();
        FuzzyCandidates {
            by_sound,
            by_letters: near.len(),
            rescored: retrieved.len(),
            entries,
        }
    }

    /// Whether `new` should replace `old` as an entry's best candidate: the
    /// higher score, then the stronger kind, then a spelling in the query's
    /// language, then one in its script, then a house form.
    fn better(&self, new: &Candidate, old: &Candidate, lang: &str, script: Script) -> bool {
        if new.score != old.score {
            return new.score > old.score;
        }
        if new.kind != old.kind {
            return new.kind < old.kind;
        }
        let (n, o) = (
            &self.forms[new.form as usize],
            &self.forms[old.form as usize],
        );
        if (n.lang == lang) != (o.lang == lang) {
            return n.lang == lang;
        }
        if (n.script == script) != (o.script == script) {
            return n.script == script;
        }
        if n.origin != o.origin {
            return (n.origin as u8) < (o.origin as u8);
        }
        // Alike in all: the first spelling in glossary order, whatever
        // order one search scored them in.
        new.reading.is_some() && new.reading == old.reading && new.form < old.form
    }
}

/// What the similarity search retrieves for a term
/// ([`LookupIndex::fuzzy_candidates`]).
#[derive(Debug, Clone, Default)]
pub struct FuzzyCandidates {
    /// Spellings whose phonetic skeleton is near the query's.
    pub by_sound: usize,
    /// Spellings the letter index proposes, before the typing-slip check.
    pub by_letters: usize,
    /// Spellings rescored: those near by sound, and those proposed by
    /// letters that are within the typing-slip allowance.
    pub rescored: usize,
    /// The entries of the spellings rescored.
    pub entries: Vec<usize>,
}

/// Forms met by one [`LookupIndex::retrieve`], by id: a stamp per form
/// telling the round of the retrieval that last met it, so that lists of
/// thousands of postings are made distinct in one pass rather than sorted.
#[derive(Default)]
struct Marks {
    /// For each form, its stamp and, when placed this round, where it went
    /// (side by side: one wait for memory, not two).
    stamps: Vec<[u32; 2]>,
    now: u32,
}

impl Marks {
    /// Readies the marks for a retrieval among `forms` forms (a few
    /// rounds).
    fn begin(&mut self, forms: usize) {
        if self.stamps.len() < forms {
            self.stamps.resize(forms, [0; 2]);
        }
        if self.now >= u32::MAX - 8 {
            self.stamps.fill([0; 2]);
            self.now = 0;
        }
    }

    /// Starts a round, in which no form is marked yet; its stamp.
    fn next_round(&mut self) -> u32 {
        self.now += 1;
        self.now
    }

    /// Marks `form` in this round: the stamp it had.
    fn stamp(&mut self, form: u32) -> u32 {
        std::mem::replace(&mut self.stamps[form as usize][0], self.now)
    }

    /// Where `form` went when placed earlier this round; else marks it
    /// placed at `slot`.
    fn place(&mut self, form: u32, slot: u32) -> Option<u32> {
        let mark = &mut self.stamps[form as usize];
        if mark[0] == self.now {
            return Some(mark[1]);
        }
        *mark = [self.now, slot];
        None
    }

    /// Asks for `form`'s mark to be brought into the cache.
    fn prefetch(&self, form: u32) {
        if let Some(mark) = self.stamps.get(form as usize) {
            prefetch(mark);
        }
    }
}

thread_local! {
    /// The similarity search's buffers, kept from one lookup to the next
    /// on each thread (the marks hold a stamp for every spelling).
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Buffers of [`LookupIndex::retrieve`], kept from one lookup to the next
/// on each thread ([`SCRATCH`]).
#[derive(Default)]
struct Scratch {
    /// The forms retrieved, each with what it may score at most.
    retrieved: Vec<(f64, u32)>,
    near: Vec<u32>,
    shared: Vec<Shared>,
    marks: Marks,
}

/// Every entry's best candidate, by entry.
type Best = HashMap<u32, Candidate, FxBuildHasher>;

/// Every entry's best candidate for a query, and the query's script.
struct Gathered {
    best: Best,
    script: Script,
}

/// A score as reported: to three decimals.
fn reported(score: f64) -> f64 {
    (score * 1000.0).round() / 1000.0
}

/// A scored candidate during a lookup.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    score: f64,
    kind: MatchKind,
    form: u32,
    /// The reading of the query whose similarity search found it; `None`
    /// for a spelling found as written.
    reading: Option<u8>,
}

/// Which candidates a lookup gathers.
#[derive(Clone, Copy)]
enum Wanted<'a> {
    /// Every entry's best.
    Every,
    /// Those that may rank with the best candidate the function accepts.
    Best(&'a dyn Fn(&Candidate) -> bool),
}

#[cfg(test)]
mod tests {
    use super::*;
    use keys::Shape;
    use score::Apart;

    fn entry(id: &str, kind: &str, forms: &[(&str, &str)], variants: &[(&str, &str)]) -> Entry {
        let mut e = Entry::new(id);
        e.entry_type = kind.to_string();
        for (lang, form) in forms {
            e.set_house(lang, form);
        }
        for (lang, form) in variants {
            e.add_variant(lang, form);
        }
        e
    }

    fn index() -> LookupIndex {
        LookupIndex::build(vec![
            entry(
                "khalifa-haftar",
                "person",
                &[
                    ("en", "Khalifa Haftar"),
                    ("ar", "خليفة حفتر"),
                    ("ru", "Халифа Хафтар"),
                ],
                &[("en", "Khalifa Hifter")],
            ),
            entry(
                "tarhuna",
                "place",
                &[("en", "Tarhuna"), ("ar", "ترهونة"), ("ru", "Тархуна")],
                &[("en", "Tarkhuna")],
            ),
            entry(
                "muammar-gaddafi",
                "person",
                &[("en", "Muammar Gaddafi")],
                &[],
            ),
            entry(
                "saif-al-islam-gaddafi",
                "person",
                &[("en", "Saif al-Islam Gaddafi")],
                &[],
            ),
        ])
    }

    fn top(term: &str) -> (String, MatchKind, f64) {
        let idx = index();
        let hits = idx.lookup(term, None, 5);
        let h = &hits[0];
        (idx.entries()[h.entry].id.clone(), h.kind, h.score)
    }

    #[test]
    fn exact_forms() {
        assert_eq!(
            top("Tarhuna"),
            ("tarhuna".into(), MatchKind::Canonical, 1.0)
        );
        assert_eq!(top("TARKHUNA"), ("tarhuna".into(), MatchKind::Variant, 1.0));
        assert_eq!(top("ترهونه"), ("tarhuna".into(), MatchKind::Canonical, 1.0));
    }

    #[test]
    fn a_listed_prefix_is_a_spelling_cut_inside_the_last_word() {
        let idx = index();
        assert!(idx.has_listed_prefix("tarhunas"));
        assert!(idx.has_listed_prefix("tarhunaaa"));
        assert!(!idx.has_listed_prefix("tarhuna"), "the spelling itself");
        assert!(!idx.has_listed_prefix("tarhuna forces"), "a word after it");
        assert!(!idx.has_listed_prefix("misurata"));
        assert!(!idx.has_listed_prefix(""));
    }

    #[test]
    fn grammar_of_running_text() {
        let (id, kind, score) = top("Хафтаром");
        assert_eq!((id.as_str(), kind), ("khalifa-haftar", MatchKind::Fuzzy));
        assert!(score >= 0.8);
        let (id, kind, _) = top("وبترهونة");
        assert_eq!((id.as_str(), kind), ("tarhuna", MatchKind::Canonical));
        let (id, _, score) = top("وحفتر");
        assert_eq!(id, "khalifa-haftar");
        assert!(score >= 0.8);
        assert_eq!(top("Тархуной").1, MatchKind::Canonical);
    }

    #[test]
    fn across_scripts_and_spellings() {
        for term in ["Hifter", "Хафтар", "حفتر", "Haftar", "Tarhouna", "Terhuna"] {
            let (id, _, score) = top(term);
            assert!(id == "khalifa-haftar" || id == "tarhuna", "{term} → {id}");
            assert!(score >= 0.8, "{term} {score}");
        }
    }

    #[test]
    fn a_shared_surname_refers_to_its_first_bearer() {
        let idx = index();
        let hits = idx.lookup("Gaddafi", None, 5);
        assert_eq!(hits.len(), 2);
        assert_eq!(idx.entries()[hits[0].entry].id, "muammar-gaddafi");
        assert!(hits[0].score >= 0.8);
        assert!(hits[1].score < 0.8);
    }

    #[test]
    fn a_word_ending_in_a_consonant_is_also_kept_whole_in_a_stem_key() {
        // `ибрагим` reads as `ибраг` + `им`; its case forms add to it.
        assert_eq!(stem_key("муса ибрагим"), "мус ибраг");
        assert_eq!(
            whole_word_stem_key("муса ибрагим").as_deref(),
            Some("мус ибрагим")
        );
        assert_eq!(stem_key("мусой ибрагимом"), "мус ибрагим");
        assert_eq!(
            whole_word_stem_key("сейф аль-ислам каддафи").as_deref(),
            Some("сейф аль-ислам каддаф")
        );
        // Nothing to keep whole: no second key.
        assert_eq!(whole_word_stem_key("халифа хафтар"), None);
        assert_eq!(
            whole_word_stem_key("правительство национального согласия"),
            None
        );
    }

    #[test]
    fn a_surname_is_the_last_word_with_an_article_or_abu_before_it() {
        assert_eq!(surname_of("Khalifa Haftar"), Some("Haftar"));
        assert_eq!(surname_of("Fayez al-Sarraj"), Some("al-Sarraj"));
        assert_eq!(surname_of("Ahmed Al Mismari"), Some("Al Mismari"));
        assert_eq!(surname_of("نوري أبو سهمين"), Some("أبو سهمين"));
        assert_eq!(surname_of("Нури Абу Сахмейн"), Some("Абу Сахмейн"));
        // Two words: the first is the given name, whatever it is.
        assert_eq!(surname_of("Abu Sahmain"), Some("Sahmain"));
        // `Abdul` makes one name with the word after it.
        assert_eq!(surname_of("Mustafa Abdul Jalil"), Some("Abdul Jalil"));
        assert_eq!(surname_of("Mustafa Abd al-Jalil"), Some("Abd al-Jalil"));
        assert_eq!(surname_of("مصطفى عبد الجليل"), Some("عبد الجليل"));
        assert_eq!(surname_of("Мустафа Абдель Джалиль"), Some("Абдель Джалиль"));
        assert_eq!(surname_of("Abdel Raouf Kara"), Some("Kara"));
        assert_eq!(surname_of("Tripoli"), None);
    }

    #[test]
    fn an_admitted_form_is_spelt_as_the_variants_spell_its_words() {
        let mut saif = entry(
            "saif",
            "person",
            &[("en", "Saif al-Islam Gaddafi")],
            &[
                // Its first words spelt otherwise, the rest sounding alike.
                ("en", "Seif el-Islam Qaddafi"),
                // The admitted form's words as listed: nothing new.
                ("en", "Saif al-Islam Qadhafi"),
                // Another number of words, or another last word: no
                // telling which words are the admitted form's.
                ("en", "Saifulislam Gaddafi"),
                ("en", "Seif al-Islam Muammar"),
            ],
        );
        saif.add_form("en", crate::glossary::Status::Admitted, "Saif al-Islam");
        let terms = &saif.terms["en"];
        assert_eq!(admitted_variants(terms), ["Seif el-Islam"]);
        let idx = LookupIndex::build(vec![saif]);
        let derived: Vec<_> = idx
            .forms()
            .iter()
            .filter(|f| f.origin == Origin::AdmittedVariant)
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(derived, ["Seif el-Islam"]);
        // An admitted form that is not the house form's first words
        // (an abbreviation) has none.
        let mut gna = entry(
            "gna",
            "organization",
            &[("en", "Government of National Accord")],
            &[("en", "Government of National Consensus")],
        );
        gna.add_form("en", crate::glossary::Status::Admitted, "GNA");
        assert!(admitted_variants(&gna.terms["en"]).is_empty());
    }

    #[test]
    fn a_surname_alone_is_rewritten_surely_when_its_bearers_spell_it_alike() {
        let idx = LookupIndex::build(vec![
            entry(
                "muammar-gaddafi",
                "person",
                &[("en", "Muammar Gaddafi")],
                &[("en", "Muammar Qadhafi")],
            ),
            entry(
                "saif-al-islam-gaddafi",
                "person",
                &[("en", "Saif al-Islam Gaddafi")],
                &[("en", "Saif al-Islam Qadhafi")],
            ),
            entry(
                "aguila-saleh",
                "person",
                &[("en", "Aguila Saleh")],
                &[("en", "Aguila Salah"), ("en", "Aguila Saleh Issa")],
            ),
            entry("salah-badi", "person", &[("en", "Salah Badi")], &[]),
        ]);
        let surname = |text: &str| {
            idx.forms()
                .iter()
                .find(|f| f.origin.is_surname() && f.text == text)
        };
        // Either Gaddafi is meant; both write the surname `Gaddafi`.
        let qadhafi = surname("Qadhafi").expect("indexed");
        assert_eq!(idx.surname_score(qadhafi), score::PRIMARY_SHARED_SURNAME);
        assert_eq!(idx.surname_rewrite_score(qadhafi), score::SETTLED_SURNAME);
        // `Salah` also starts Salah Badi's name: alone it may be his.
        let salah = surname("Salah").expect("indexed");
        assert!(salah.starts_another_name);
        assert_eq!(idx.surname_score(salah), score::SHARED_SURNAME);
        assert_eq!(idx.surname_rewrite_score(salah), score::SHARED_SURNAME);
        // The variant's extra last word is no spelling of the surname.
        assert!(surname("Issa").is_none());
        assert!(surname("Saleh").is_some_and(|f| !f.starts_another_name));
    }

    /// [`LookupIndex::retrieve`] as it was before its marks: postings
    /// sorted and made distinct.
    fn retrieve_by_sorting(
        idx: &LookupIndex,
        query: &Prepared,
        phonetic: &Phonetic,
        reach: &Reach,
    ) -> (Vec<u32>, usize) {
        let mut shared = Vec::new();
        idx.deletes
            .candidates_where(&phonetic.compact_skeleton(), &mut shared, |tag, len| {
                reach.may_share(tag, len)
            });
        deletes::longest_shared(&mut shared);
        let mut candidates: Vec<u32> = shared
            .iter()
            .filter(|s| reach.may_spell(s, idx.sketches[s.form as usize]))
            .map(|s| s.form)
            .collect();
        let by_sound = candidates.len();
        let mut near = Vec::new();
        for letters in query.letters() {
            idx.letters
                .candidates_where(letters, &mut near, |tag| reach.may(tag));
        }
        near.sort_unstable();
        near.dedup();
        for &form in &near {
            if candidates[..by_sound].binary_search(&form).is_err()
                && query.typos(&idx.keys.get(form)).is_some()
            {
                candidates.push(form);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        (candidates, by_sound)
    }

    #[test]
    fn the_marks_retrieve_what_sorting_did() {
        let idx = LookupIndex::build(crate::glossary::house::house_entries().expect("house"));
        let mut scratch = Scratch::default();
        let mut queries: Vec<String> = vec![
            "Tarkhuna".into(),
            "Хафтаром".into(),
            "وبطرابلس".into(),
            "Misurrata".into(),
            "government of national consensus".into(),
        ];
        for form in idx.forms().iter().step_by(5) {
            let mut chars: Vec<char> = form.text.chars().collect();
            if chars.len() > 3 {
                chars.swap(1, 2);
            }
            queries.push(chars.into_iter().collect());
        }
        for (n, term) in queries.iter().enumerate() {
            let folded = fold(term);
            if folded.is_empty() {
                continue;
            }
            let phonetic = Phonetic::of_folded(&folded);
            let query = Prepared::new(&folded, &phonetic, Script::detect(term))
                .with_lite(&keys::fold_letters(term));
            for floor in [0.0, 0.7, 0.9] {
                let reach = Reach::new(&query, 1.0, floor);
                let expected = retrieve_by_sorting(&idx, &query, &phonetic, &reach);
                // Now and then the stamps are about to run out. (Moved
                // forward only, as rounds are: a stamp set back would meet
                // the stamps of the rounds before as its own.)
                match n % 9 {
                    0 => scratch.marks.now = scratch.marks.now.max(u32::MAX - 9),
                    1 => scratch.marks.now = scratch.marks.now.max(u32::MAX - 3),
                    _ => {}
                }
                let by_sound = idx.retrieve(&query, &phonetic, &reach, &mut scratch);
                let mut retrieved: Vec<u32> = scratch.retrieved.iter().map(|&(_, f)| f).collect();
                retrieved.sort_unstable();
                assert_eq!((retrieved, by_sound), expected, "{term} {floor}");
            }
        }
    }

    #[test]
    fn the_length_bound_is_never_below_the_score() {
        let idx = LookupIndex::build(crate::glossary::house::house_entries().expect("house"));
        let mut queries: Vec<String> = vec![
            "Misery".into(),
            "after".into(),
            "the Tripoli".into(),
            "Abdelhamid".into(),
            "وبطرابلس".into(),
            "Хафтаром".into(),
        ];
        for form in idx.forms().iter().step_by(3) {
            let text = &form.text;
            queries.push(text.clone());
            queries.push(format!("{text}a"));
            queries.push(text.replace(' ', ""));
            let mut chars: Vec<char> = text.chars().collect();
            if chars.len() > 3 {
                chars.remove(chars.len() / 2);
                queries.push(chars.iter().collect());
            }
        }
        for term in &queries {
            let folded = fold(term);
            if folded.is_empty() {
                continue;
            }
            let phonetic = Phonetic::of_folded(&folded);
            let script = Script::detect(term);
            let query =
                Prepared::new(&folded, &phonetic, script).with_lite(&keys::fold_letters(term));
            for id in 0..idx.forms().len() as u32 {
                let (mut shape, f_script) = idx.keys.shape(id);
                shape.scripts = idx.scripts[idx.keys.entry(id) as usize];
                if let Some(packed) = shape.pack(f_script) {
                    assert_eq!(Shape::unpack(packed), (shape, f_script));
                }
                let bound = score::similarity_bound(&query, &shape, f_script, Apart::default());
                let exact = score::similarity_to(&query, &idx.keys.get(id));
                assert!(
                    bound >= exact,
                    "{term} / {}: bound {bound} < {exact}",
                    idx.forms()[id as usize].text
                );
            }
        }
    }

    #[test]
    fn the_best_similar_hit_is_the_first_of_a_full_lookup() {
        let idx = LookupIndex::build(crate::glossary::house::house_entries().expect("house"));
        let mut queries: Vec<String> =
            vec!["Хафтарому".into(), "وبترهونه".into(), "Misurrata".into()];
        for form in idx.forms().iter().step_by(2) {
            let chars: Vec<char> = form.text.chars().collect();
            // A letter doubled, one dropped, and one added at the end.
            let at = chars.len() / 2;
            let mut doubled = chars.clone();
            doubled.insert(at, chars[at]);
            let mut dropped = chars.clone();
            dropped.remove(at);
            for variant in [doubled, dropped] {
                let variant: String = variant.into_iter().collect();
                // Russian endings and Arabic clitics: readings with the
                // grammar taken off, looked up after the word as written.
                for ending in ["", "а", "ом", "ому"] {
                    queries.push(format!("{variant}{ending}"));
                }
                queries.push(format!("وب{variant}"));
            }
        }
        let mut found = 0;
        for query in &queries {
            for eligible in [|_: usize| true, |entry: usize| entry % 3 != 0] {
                let expected = idx
                    .lookup_above(query, None, usize::MAX, 0.699)
                    .into_iter()
                    .find(|h| h.kind == MatchKind::Fuzzy && eligible(h.entry));
                let best = idx.best_similar_above(query, 0.699, eligible);
                assert_eq!(best, expected, "{query}");
                found += usize::from(best.is_some());
            }
        }
        assert!(
            found > queries.len(),
            "too few queries found anything: {found}"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Above its floor, a lookup that leaves candidates unscored by
        /// their bounds finds what a full lookup finds.
        #[test]
        fn the_floor_loses_no_hit_above_it(
            names in proptest::collection::vec("[abdhiklmrstu]{2,9}( [abdhiklmrstu]{3,8})?", 1..12),
            slips in proptest::collection::vec((0usize..36, 0usize..16, 0u8..4, 0usize..12), 16),
        ) {
            // Names spelt letter for letter in one script or another
            // (Arabic without its short vowels), so that they are found
            // across scripts, by sound alone.
            let spell = |name: &str, script: usize| -> String {
                name.chars()
                    .filter_map(|c| {
                        let at = "abdhiklmrstu ".find(c)?;
                        ["abdhiklmrstu ", "абдхиклмрсту ", "_بده_كلمرست_ "][script]
                            .chars()
                            .nth(at)
                            .filter(|&c| c != '_')
                    })
                    .collect()
            };
            let entries = names.iter().enumerate().map(|(i, name)| {
                let kind = if i % 2 == 0 { "person" } else { "place" };
                let lang = ["en", "ru", "ar"][i % 3];
                entry(&format!("e{i}"), kind, &[(lang, &spell(name, i % 3))], &[])
            });
            let idx = LookupIndex::build(entries.collect());
            // Queries near the names: each a name with a letter replaced,
            // inserted, deleted or two swapped, in one of its scripts.
            let queries = slips.iter().map(|&(name, at, edit, letter)| {
                let mut chars: Vec<char> = names[name / 3 % names.len()].chars().collect();
                let at = at % chars.len();
                let letter = "abdhiklmrstu".chars().nth(letter).unwrap_or('a');
                match edit {
                    0 => chars[at] = letter,
                    1 => chars.insert(at, letter),
                    2 if at + 1 < chars.len() => chars.swap(at, at + 1),
                    _ => {
                        chars.remove(at);
                    }
                }
                spell(&chars.into_iter().collect::<String>(), name % 3)
            });
            for query in queries.filter(|q| !q.trim().is_empty()) {
                let query = query.as_str();
                for floor in [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9] {
                    let above = |hits: Vec<Hit>| -> Vec<Hit> {
                        hits.into_iter().filter(|h| h.score >= floor + 0.001).collect()
                    };
                    proptest::prop_assert_eq!(
                        above(idx.lookup_above(query, None, 50, floor)),
                        above(idx.lookup(query, None, 50)),
                        "{} at {}", query, floor
                    );
                }
            }
        }
    }

    #[test]
    fn an_article_is_no_evidence_of_a_typing_slip() {
        let idx = LookupIndex::build(vec![
            entry("al-wahr", "place", &[("ar", "الوهر")], &[]),
            entry(
                "al-senussi",
                "person",
                &[("ar", "عبد الله السنوسي")],
                &[("ar", "السنوسي")],
            ),
        ]);
        // `الظهر` (noon) is one letter from `الوهر`, but two of the five
        // letters are the article: one slip in three letters.
        let hits = idx.lookup("الظهر", None, 1);
        assert!(hits.iter().all(|h| h.score < 0.7), "{hits:?}");
        // A slip in a longer name is still one.
        let hits = idx.lookup("السنسي", None, 1);
        assert_eq!(idx.entries()[hits[0].entry].id, "al-senussi");
        assert!(hits[0].score >= 0.7, "{hits:?}");
    }

    #[test]
    fn ordinary_words_stay_low() {
        let idx = index();
        for word in ["Misery", "Tarot", "after", "the", "Halifax"] {
            assert!(
                idx.lookup(word, None, 5).iter().all(|h| h.score < 0.8),
                "{word}"
            );
        }
        assert!(idx.lookup("", None, 5).is_empty());
    }
}
