//! Deterministic workload for the lookup benchmark: a synthetic Libya-like
//! glossary, and queries against it whose right answer is known.
//!
//! # Glossary
//!
//! A name is one to three words; a word is two to four Arabic-like
//! syllables (an onset consonant, a short or long vowel, sometimes a closing
//! consonant, sometimes a doubled onset), some words with the article `al-`.
//! Every consonant and vowel carries its Arabic letter, its Cyrillic
//! letters and its Latin romanisations (house style first), so one sequence
//! of sounds is written three ways:
//!
//! * English house form: the first romanisation of every sound
//!   (`Khalifa al-Mismari`, `Al-Tarhuna`);
//! * Arabic: consonants and long vowels, final short vowels as ة / ي / و,
//!   the article joined (`خليفة المسماري`);
//! * Russian: a practical transcription, the article dropped
//!   (`Халифа Мисмари`).
//!
//! Each entry also gets one to three Latin variants (two on average): the
//! house form with one or two of the swaps real romanisations make (q/g/k,
//! kh/h, dh/th/d, j/dj, sh/ch, ū → ou/oo, ī → ee, short a/i/u → e/e/o, a
//! doubled consonant written single, final -a → -ah, ʿayn as an
//! apostrophe), and sometimes the article as `el-`, `Al `, assimilated
//! (`az-Zawiya`) or dropped. Persons take their first names from a pool, as
//! real persons do; surnames, places and organisations are drawn freely.
//!
//! No folded spelling belongs to two entries (a colliding name is drawn
//! again, a colliding variant dropped), so an exact query has one right
//! answer. Ids are unique (`<slug>-<n>`).
//!
//! # Queries
//!
//! * [`exact_queries`]: a house form or variant of a random entry, verbatim,
//!   in a random one of the three languages.
//! * [`misspellings`]: an entry's English house form with exactly `k`
//!   random edits (insert, delete or substitute a Latin letter, transpose
//!   two adjacent letters), checked with [`osa_distance`]. Edits touch
//!   letters only, never spaces or hyphens; the article may be hit too.
//!
//! Everything is drawn from a seeded `SmallRng`: the same size and seed give
//! the same glossary and queries on every machine.

// Not every benchmark writes articles.
#[allow(dead_code)]
pub mod corpus;
#[allow(dead_code)]
pub mod floor;
#[allow(dead_code)]
pub mod memory;

use dragoman::glossary::Entry;
use dragoman::text::fold;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use std::collections::HashSet;

/// Where a consonant may stand in a syllable.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pos {
    /// Onset or coda.
    Any,
    /// Onsets only.
    Onset,
    /// The onset of a word's first syllable only (hamza: `Idris`).
    Initial,
}

struct Consonant {
    /// House romanisation first, then the alternatives variants may use.
    latin: &'static [&'static str],
    arabic: &'static str,
    cyrillic: &'static str,
    weight: u32,
    /// A sun letter: `al-` before it may be written assimilated (`az-`).
    sun: bool,
    pos: Pos,
}

const fn c(
    latin: &'static [&'static str],
    arabic: &'static str,
    cyrillic: &'static str,
    weight: u32,
    sun: bool,
    pos: Pos,
) -> Consonant {
    Consonant {
        latin,
        arabic,
        cyrillic,
        weight,
        sun,
        pos,
    }
}

/// The consonants, with rough frequencies.
const CONSONANTS: &[Consonant] = &[
    c(&["b"], "ب", "б", 6, false, Pos::Any),
    c(&["t"], "ت", "т", 5, true, Pos::Any),
    c(&["th", "t", "s"], "ث", "с", 1, true, Pos::Any),
    c(&["j", "dj", "g"], "ج", "дж", 3, false, Pos::Any),
    c(&["h"], "ح", "х", 5, false, Pos::Any),
    c(&["kh", "h"], "خ", "х", 3, false, Pos::Any),
    c(&["d"], "د", "д", 5, true, Pos::Any),
    c(&["dh", "th", "d"], "ذ", "з", 1, true, Pos::Any),
    c(&["r"], "ر", "р", 8, true, Pos::Any),
    c(&["z"], "ز", "з", 3, true, Pos::Any),
    c(&["s"], "س", "с", 6, true, Pos::Any),
    c(&["sh", "ch"], "ش", "ш", 3, true, Pos::Any),
    c(&["s"], "ص", "с", 2, true, Pos::Any),
    c(&["d", "dh"], "ض", "д", 1, true, Pos::Any),
    c(&["t"], "ط", "т", 2, true, Pos::Any),
    c(&["z", "dh"], "ظ", "з", 1, true, Pos::Any),
    c(&["", "'"], "ع", "", 3, false, Pos::Onset),
    c(&[""], "أ", "", 3, false, Pos::Initial),
    c(&["gh", "g"], "غ", "г", 1, false, Pos::Any),
    c(&["f"], "ف", "ф", 4, false, Pos::Any),
    c(&["q", "g", "k"], "ق", "к", 4, false, Pos::Any),
    c(&["k"], "ك", "к", 3, false, Pos::Any),
    c(&["l"], "ل", "л", 7, true, Pos::Any),
    c(&["m"], "م", "м", 8, false, Pos::Any),
    c(&["n"], "ن", "н", 7, true, Pos::Any),
    c(&["h"], "ه", "х", 2, false, Pos::Onset),
    c(&["w"], "و", "в", 3, false, Pos::Any),
    c(&["y"], "ي", "й", 2, false, Pos::Any),
];

/// Index of the ʿayn and hamza rows (written as nothing in Latin house style).
const AYN: usize = 16;
const HAMZA: usize = 17;

struct Vowel {
    /// House romanisation first, then alternatives.
    latin: &'static [&'static str],
    /// More alternatives at the end of a word (`Misratah`, `Zlity`).
    latin_final: &'static [&'static str],
    /// Written inside a word (nothing for a short vowel) …
    arabic: &'static str,
    /// … and at its end (ta marbuta for a short `a`).
    arabic_final: &'static str,
    cyrillic: &'static str,
    long: bool,
    weight: u32,
}

const VOWELS: &[Vowel] = &[
    Vowel {
        latin: &["a", "e"],
        latin_final: &["ah"],
        arabic: "",
        arabic_final: "ة",
        cyrillic: "а",
        long: false,
        weight: 30,
    },
    Vowel {
        latin: &["i", "e"],
        latin_final: &[],
        arabic: "",
        arabic_final: "ي",
        cyrillic: "и",
        long: false,
        weight: 18,
    },
    Vowel {
        latin: &["u", "o"],
        latin_final: &[],
        arabic: "",
        arabic_final: "و",
        cyrillic: "у",
        long: false,
        weight: 12,
    },
    Vowel {
        latin: &["a", "aa"],
        latin_final: &["ah"],
        arabic: "ا",
        arabic_final: "ا",
        cyrillic: "а",
        long: true,
        weight: 18,
    },
    Vowel {
        latin: &["i", "ee"],
        latin_final: &["y"],
        arabic: "ي",
        arabic_final: "ي",
        cyrillic: "и",
        long: true,
        weight: 12,
    },
    Vowel {
        latin: &["u", "ou", "oo"],
        latin_final: &[],
        arabic: "و",
        arabic_final: "و",
        cyrillic: "у",
        long: true,
        weight: 10,
    },
];

#[derive(Clone, Copy)]
struct Syllable {
    onset: usize,
    /// The onset is doubled (shadda): `Gaddafi`.
    geminate: bool,
    vowel: usize,
    coda: Option<usize>,
}

#[derive(Clone)]
struct Word {
    article: bool,
    syllables: Vec<Syllable>,
}

/// Picks an index with probability proportional to `weight(i)`.
fn weighted(rng: &mut SmallRng, n: usize, weight: impl Fn(usize) -> u32) -> usize {
    let total: u32 = (0..n).map(&weight).sum();
    let mut x = rng.gen_range(0..total);
    for i in 0..n {
        let w = weight(i);
        if x < w {
            return i;
        }
        x -= w;
    }
    n - 1
}

fn consonant(rng: &mut SmallRng, ok: impl Fn(&Consonant) -> bool) -> usize {
    weighted(rng, CONSONANTS.len(), |i| {
        let k = &CONSONANTS[i];
        if ok(k) {
            k.weight
        } else {
            0
        }
    })
}

/// Whether a coda followed by an onset would read as something else in some
/// romanisation (`k` + `h` is `kh`), or is a doubled consonant in disguise.
fn clash(coda: usize, onset: usize) -> bool {
    coda == onset
        || (CONSONANTS[coda]
            .latin
            .iter()
            .any(|l| l.ends_with(['c', 'd', 'g', 'k', 's', 't', 'z', 'p']))
            && CONSONANTS[onset].latin.iter().any(|l| l.starts_with('h')))
}

fn word(rng: &mut SmallRng, syllables: usize) -> Word {
    let mut out: Vec<Syllable> = Vec::with_capacity(syllables);
    for s in 0..syllables {
        let prev_coda = out.last().and_then(|p: &Syllable| p.coda);
        let onset = loop {
            let o = consonant(rng, |k| match k.pos {
                Pos::Any | Pos::Onset => true,
                Pos::Initial => s == 0,
            });
            if !prev_coda.is_some_and(|p| clash(p, o)) {
                break o;
            }
        };
        let single_letter = CONSONANTS[onset].latin[0].len() == 1
            && !matches!(CONSONANTS[onset].latin[0], "h" | "w" | "y");
        let geminate = s > 0 && prev_coda.is_none() && single_letter && rng.gen_bool(0.15);
        let vowel = weighted(rng, VOWELS.len(), |i| VOWELS[i].weight);
        let coda_p = if s + 1 == syllables { 0.35 } else { 0.3 };
        let coda = rng
            .gen_bool(coda_p)
            .then(|| consonant(rng, |k| k.pos == Pos::Any));
        out.push(Syllable {
            onset,
            geminate,
            vowel,
            coda,
        });
    }
    // A closing consonant the next onset would clash with is dropped.
    for s in 1..out.len() {
        if let Some(p) = out[s - 1].coda {
            if clash(p, out[s].onset) || out[s].geminate {
                out[s - 1].coda = None;
            }
        }
    }
    Word {
        article: false,
        syllables: out,
    }
}

/// One slot of a Latin spelling: the house spelling first, then alternatives.
enum Slot {
    /// A word begins: its first letter is a capital.
    WordStart,
    Space,
    Article(Vec<String>),
    Letters(Vec<String>),
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    v.retain(|s| seen.insert(s.clone()));
    v
}

fn latin_slots(words: &[Word]) -> Vec<Slot> {
    let mut slots = Vec::new();
    for (w, word) in words.iter().enumerate() {
        if w > 0 {
            slots.push(Slot::Space);
        }
        if word.article {
            let first = &CONSONANTS[word.syllables[0].onset];
            let mut opts: Vec<String> = if w == 0 {
                vec!["Al-".into(), "El-".into(), "Al ".into(), String::new()]
            } else {
                vec!["al-".into(), "el-".into(), "Al ".into(), String::new()]
            };
            if first.sun && first.latin[0] != "l" {
                let a = if w == 0 { "A" } else { "a" };
                opts.push(format!("{a}{}-", first.latin[0]));
            }
            slots.push(Slot::Article(opts));
        }
        slots.push(Slot::WordStart);
        let last = word.syllables.len() - 1;
        for (s, syl) in word.syllables.iter().enumerate() {
            let k = &CONSONANTS[syl.onset];
            let onset: Vec<String> = if s == 0 && syl.onset == AYN {
                vec![k.latin[0].to_string()]
            } else if syl.geminate {
                let double = |l: &str| {
                    if l.len() == 1 {
                        l.repeat(2)
                    } else {
                        l.to_string()
                    }
                };
                let mut v = vec![double(k.latin[0]), k.latin[0].to_string()];
                v.extend(k.latin[1..].iter().map(|l| double(l)));
                dedup(v)
            } else {
                k.latin.iter().map(|l| l.to_string()).collect()
            };
            slots.push(Slot::Letters(onset));
            let v = &VOWELS[syl.vowel];
            let mut vowel: Vec<String> = v.latin.iter().map(|l| l.to_string()).collect();
            if s == last && syl.coda.is_none() {
                vowel.extend(v.latin_final.iter().map(|l| l.to_string()));
            }
            slots.push(Slot::Letters(vowel));
            if let Some(coda) = syl.coda {
                let opts = CONSONANTS[coda].latin.iter().map(|l| l.to_string());
                slots.push(Slot::Letters(opts.collect()));
            }
        }
    }
    slots
}

/// The Latin spelling with `choice[i]` taken in slot `i`.
fn render_latin(slots: &[Slot], choice: &[usize]) -> String {
    let mut out = String::new();
    let mut capital = false;
    for (slot, &k) in slots.iter().zip(choice) {
        match slot {
            Slot::WordStart => capital = true,
            Slot::Space => out.push(' '),
            Slot::Article(opts) => out.push_str(&opts[k]),
            Slot::Letters(opts) => {
                let text = &opts[k];
                let mut chars = text.chars();
                match chars.next() {
                    Some(first) if capital => {
                        out.extend(first.to_uppercase());
                        out.push_str(chars.as_str());
                        capital = false;
                    }
                    _ => out.push_str(text),
                }
            }
        }
    }
    out
}

fn render_arabic(words: &[Word]) -> String {
    let mut out = String::new();
    for (w, word) in words.iter().enumerate() {
        if w > 0 {
            out.push(' ');
        }
        if word.article {
            out.push_str("ال");
        }
        let last = word.syllables.len() - 1;
        for (s, syl) in word.syllables.iter().enumerate() {
            let v = &VOWELS[syl.vowel];
            let at_end = s == last && syl.coda.is_none();
            if syl.onset == HAMZA {
                // The vowel sits on the hamza's seat.
                out.push_str(match (v.latin[0], v.long) {
                    ("a", true) => "آ",
                    ("i", false) => "إ",
                    ("i", true) => "إي",
                    ("u", true) => "أو",
                    _ => "أ",
                });
            } else {
                out.push_str(CONSONANTS[syl.onset].arabic);
                out.push_str(if at_end { v.arabic_final } else { v.arabic });
            }
            if let Some(coda) = syl.coda {
                out.push_str(CONSONANTS[coda].arabic);
            }
        }
    }
    out
}

fn render_russian(words: &[Word]) -> String {
    let mut out: Vec<String> = Vec::new();
    for word in words {
        let mut w = String::new();
        for syl in &word.syllables {
            let k = &CONSONANTS[syl.onset];
            w.push_str(k.cyrillic);
            if syl.geminate && k.cyrillic.chars().count() == 1 {
                w.push_str(k.cyrillic);
            }
            w.push_str(VOWELS[syl.vowel].cyrillic);
            if let Some(coda) = syl.coda {
                w.push_str(CONSONANTS[coda].cyrillic);
            }
        }
        let w = w.replace("йа", "я").replace("йу", "ю");
        let mut chars = w.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        out.push(first.unwrap_or_default() + chars.as_str());
    }
    out.join(" ")
}

fn syllable_count(rng: &mut SmallRng) -> usize {
    match rng.gen_range(0..100) {
        0..=44 => 2,
        45..=89 => 3,
        _ => 4,
    }
}

/// The words of a new name and its entry type.
fn name(rng: &mut SmallRng, given: &[Word]) -> (&'static str, Vec<Word>) {
    let kind = match rng.gen_range(0..100) {
        0..=39 => "person",
        40..=74 => "place",
        _ => "org",
    };
    let mut words = Vec::new();
    match kind {
        "person" => {
            words.push(given[rng.gen_range(0..given.len())].clone());
            if rng.gen_bool(0.25) {
                words.push(given[rng.gen_range(0..given.len())].clone());
            }
            let n = syllable_count(rng);
            let mut surname = word(rng, n);
            surname.article = rng.gen_bool(0.45);
            words.push(surname);
        }
        "place" => {
            let count = if rng.gen_bool(0.7) { 1 } else { 2 };
            for i in 0..count {
                let n = syllable_count(rng);
                let mut w = word(rng, n);
                w.article = rng.gen_bool(if i == 0 { 0.25 } else { 0.3 });
                words.push(w);
            }
        }
        _ => {
            let count = if rng.gen_bool(0.6) { 2 } else { 3 };
            for i in 0..count {
                let n = syllable_count(rng);
                let mut w = word(rng, n);
                w.article = i > 0 && rng.gen_bool(0.35);
                words.push(w);
            }
        }
    }
    (kind, words)
}

/// A Latin variant of the house spelling: one or two romanisation swaps,
/// sometimes a different article.
fn variant(rng: &mut SmallRng, slots: &[Slot]) -> String {
    let mut choice = vec![0; slots.len()];
    let swappable: Vec<usize> = (0..slots.len())
        .filter(|&i| matches!(&slots[i], Slot::Letters(o) if o.len() > 1))
        .collect();
    let swaps = if rng.gen_bool(0.6) { 1 } else { 2 };
    for _ in 0..swaps.min(swappable.len()) {
        let i = swappable[rng.gen_range(0..swappable.len())];
        if let Slot::Letters(opts) = &slots[i] {
            choice[i] = rng.gen_range(1..opts.len());
        }
    }
    for (i, slot) in slots.iter().enumerate() {
        if let Slot::Article(opts) = slot {
            if rng.gen_bool(0.3) {
                choice[i] = rng.gen_range(1..opts.len());
            }
        }
    }
    render_latin(slots, &choice)
}

/// Lower-case ASCII letters and digits of `text`, hyphen-separated.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c == ' ' || c == '-') && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// `n` entries drawn from `seed` (see the module documentation).
pub fn glossary(n: usize, seed: u64) -> Vec<Entry> {
    let mut rng = SmallRng::seed_from_u64(seed);
    let given: Vec<Word> = (0..600)
        .map(|_| {
            let n = if rng.gen_bool(0.6) { 2 } else { 3 };
            word(&mut rng, n)
        })
        .collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut entries = Vec::with_capacity(n);
    while entries.len() < n {
        let (kind, words) = name(&mut rng, &given);
        let slots = latin_slots(&words);
        let en = render_latin(&slots, &vec![0; slots.len()]);
        let ar = render_arabic(&words);
        let ru = render_russian(&words);
        let keys = [fold(&en), fold(&ar), fold(&ru)];
        if keys.iter().any(|k| k.is_empty() || taken.contains(k)) {
            continue;
        }
        let mut entry = Entry::new(format!("{}-{}", slug(&en), entries.len()));
        entry.entry_type = kind.to_string();
        entry.set_house("en", &en);
        entry.set_house("ar", &ar);
        entry.set_house("ru", &ru);
        taken.extend(keys);
        let wanted = match rng.gen_range(0..10) {
            0..=1 => 1,
            2..=7 => 2,
            _ => 3,
        };
        let mut added = 0;
        for _ in 0..wanted * 4 {
            if added == wanted {
                break;
            }
            let v = variant(&mut rng, &slots);
            if taken.insert(fold(&v)) {
                entry.add_variant("en", &v);
                added += 1;
            }
        }
        entries.push(entry);
    }
    entries
}

/// A query whose right answer is known.
#[derive(Debug, Clone)]
pub struct Query {
    pub text: String,
    /// Index of the entry it means (in the glossary, and so in
    /// `LookupIndex::entries`).
    pub entry: usize,
}

/// `n` spellings of random entries, verbatim: a house form or a variant in
/// English, Arabic or Russian.
pub fn exact_queries(entries: &[Entry], n: usize, seed: u64) -> Vec<Query> {
    let mut rng = SmallRng::seed_from_u64(seed);
    (0..n)
        .map(|_| {
            let entry = rng.gen_range(0..entries.len());
            let langs: Vec<_> = entries[entry].terms.values().collect();
            let terms = langs[rng.gen_range(0..langs.len())];
            let forms: Vec<&String> = terms.house.iter().chain(&terms.variants).collect();
            Query {
                text: forms[rng.gen_range(0..forms.len())].clone(),
                entry,
            }
        })
        .collect()
}

/// `n` misspellings, each `edits` random edits away from the English house
/// form of a random entry.
pub fn misspellings(entries: &[Entry], edits: usize, n: usize, seed: u64) -> Vec<Query> {
    let mut rng = SmallRng::seed_from_u64(seed);
    (0..n)
        .map(|_| {
            let entry = rng.gen_range(0..entries.len());
            let house = entries[entry]
                .house("en")
                .expect("generated entries have one");
            Query {
                text: misspell(&mut rng, house, edits),
                entry,
            }
        })
        .collect()
}

fn misspell(rng: &mut SmallRng, text: &str, edits: usize) -> String {
    let original: Vec<char> = text.to_lowercase().chars().collect();
    loop {
        let mut chars: Vec<char> = text.chars().collect();
        for _ in 0..edits {
            edit(rng, &mut chars);
        }
        let lower: Vec<char> = chars.iter().flat_map(|c| c.to_lowercase()).collect();
        if osa_distance(&original, &lower) == edits {
            return chars.into_iter().collect();
        }
    }
}

fn random_letter(rng: &mut SmallRng) -> char {
    char::from(b'a' + rng.gen_range(0..26u8))
}

/// One random edit of a letter; may do nothing (the caller checks).
fn edit(rng: &mut SmallRng, chars: &mut Vec<char>) {
    let letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_ascii_alphabetic())
        .collect();
    if letters.is_empty() {
        return;
    }
    let i = letters[rng.gen_range(0..letters.len())];
    match rng.gen_range(0..4) {
        0 => {
            let at = i + rng.gen_range(0..2);
            chars.insert(at, random_letter(rng));
        }
        1 => {
            // Keep every word at least one letter long.
            let alone = (i == 0 || !chars[i - 1].is_ascii_alphabetic())
                && (i + 1 == chars.len() || !chars[i + 1].is_ascii_alphabetic());
            if !alone {
                chars.remove(i);
            }
        }
        2 => {
            let old = chars[i];
            let mut new = random_letter(rng);
            while new == old.to_ascii_lowercase() {
                new = random_letter(rng);
            }
            chars[i] = if old.is_ascii_uppercase() {
                new.to_ascii_uppercase()
            } else {
                new
            };
        }
        _ => {
            if i + 1 < chars.len()
                && chars[i + 1].is_ascii_alphabetic()
                && !chars[i].eq_ignore_ascii_case(&chars[i + 1])
            {
                chars.swap(i, i + 1);
            }
        }
    }
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent
/// transpositions) between two character sequences.
pub fn osa_distance(a: &[char], b: &[char]) -> usize {
    let m = b.len();
    let mut two_back = vec![0; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0; m + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_back[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut two_back, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}
