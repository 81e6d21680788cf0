//! A cheap test, one hash per word, for whether a name can start at a word.
//!
//! The full window match folds and looks up runs of up to seven words; in
//! running text almost no word starts a glossary name, so the scanner first
//! asks the gate. A word opens the gate when its folded form, its Russian
//! stem, or (Arabic) what is left after its clitics is the first word of
//! some listed spelling. The stem and clitic readings are tried only for
//! words that begin (Russian) or end (Arabic) as some first word does.

use super::slots;
use super::words::{word_hash, FixedState};
use crate::lookup::IndexedForm;
use crate::prefetch::prefetch;
use crate::text::{arabic, fold_word, russian, Script};
use std::collections::HashMap;

/// First words of every listed spelling, hashed.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Gate {
    /// For each first word (and Russian stem of one): the most words a
    /// listed spelling starting with it has, as [`fold`] counts them, as a
    /// flat table ([`slots`]) of the word's hash with its low byte
    /// replaced by that count (never 0: 0 is an empty slot).
    ///
    /// Hashes alike but for their low byte count as one word, with the
    /// larger count: a reach too large only lets a window be tried that
    /// finds nothing, one too small would lose a name.
    ///
    /// [`fold`]: crate::text::fold
    first_words: Vec<u64>,
    /// One bit per hash of [`Gate::first_words`], by the hash's top bits:
    /// a word whose bit is clear is answered from this small table alone,
    /// which stays in cache when the map does not.
    bits: Vec<u64>,
    /// A hash's bit is its top bits: the hash shifted right by this.
    shift: u32,
    /// How the keys of [`Gate::first_words`] begin: a Russian stem, a
    /// prefix of its word, can be one only if its word begins so.
    starts: Affixes,
    /// How the keys end: an Arabic word read without its proclitics, a
    /// suffix of it, can be one only if the word ends so.
    ends: Affixes,
}

/// The low byte of a slot of [`Gate::first_words`], which holds the reach.
const REACH_BITS: u64 = 0xFF;

/// [`Gate::first_words`] from the reaches by hash (their low bytes clear).
fn packed_reaches(reaches: HashMap<u64, u8, FixedState>) -> Vec<u64> {
    let mut table = vec![0u64; slots::capacity(reaches.len())];
    for (key, reach) in reaches {
        // Every listed spelling has a word.
        let reach = u64::from(reach.max(1));
        if let Some(at) = slots::probe(key, table.len()).find(|&at| table[at] == 0) {
            table[at] = key | reach;
        }
    }
    table
}

/// log2 of the most bits [`Gate::bits`] has (1 MiB).
const MAX_BITS_LOG2: u32 = 23;

/// How the keys of two characters or more begin (or end): their first
/// (last) three characters, or both of two, one bit each by a hash of
/// their bytes.
#[derive(serde::Serialize, serde::Deserialize)]
struct Affixes {
    bits: Vec<u64>,
    /// Whether every word gets through: set when half the bits or more
    /// are (a large glossary), where the filter would let most words
    /// through anyway and cost more than it saves.
    open: bool,
}

/// log2 of the bits of an [`Affixes`] (8 KiB).
const AFFIX_BITS_LOG2: u32 = 16;

/// The bytes of the two and three characters at one end of a word, where
/// it has so many: [`first_chars`] or [`last_chars`].
type Take = fn(&[u8]) -> [Option<&[u8]>; 2];

impl Affixes {
    fn new() -> Affixes {
        Affixes {
            bits: vec![0; 1 << (AFFIX_BITS_LOG2 - 6)],
            open: false,
        }
    }

    /// Opens the filter if half its bits or more are set; once every key
    /// is added.
    fn settle(&mut self) {
        let set: u32 = self.bits.iter().map(|w| w.count_ones()).sum();
        self.open = set >= 1 << (AFFIX_BITS_LOG2 - 1);
    }

    /// The bit of an affix's bytes.
    fn slot(affix: &[u8]) -> usize {
        (word_hash(affix) >> (64 - AFFIX_BITS_LOG2)) as usize
    }

    /// Adds a key: its three characters at the end `take` reads, or both
    /// of two (a key of one is nobody's stem or reading).
    fn add(&mut self, key: &[u8], take: Take) {
        let [two, three] = take(key);
        if let Some(affix) = three.or(two) {
            let b = Affixes::slot(affix);
            self.bits[b / 64] |= 1 << (b % 64);
        }
    }

    fn has(&self, affix: Option<&[u8]>) -> bool {
        affix.is_some_and(|affix| {
            let b = Affixes::slot(affix);
            self.bits[b / 64] & (1 << (b % 64)) != 0
        })
    }

    /// Whether a key of two characters or more may be at the end of
    /// `word` that `take` reads.
    fn may_be_at(&self, word: &[u8], take: Take) -> bool {
        // A key of three or more has the word's three characters there;
        // one of two is the word's two.
        if self.open {
            return true;
        }
        let [two, three] = take(word);
        self.has(three) || self.has(two)
    }
}

/// Whether `b` starts a character in UTF-8.
fn starts_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

/// The bytes of the character whose UTF-8 lead byte is `b`.
fn char_len(b: u8) -> usize {
    match b {
        0x00..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The bytes of the first two and three characters of `word`, where it
/// has so many.
fn first_chars(word: &[u8]) -> [Option<&[u8]>; 2] {
    let second = word.first().map_or(0, |&b| char_len(b));
    let two = second + word.get(second).map_or(0, |&b| char_len(b));
    let three = two + word.get(two).map_or(0, |&b| char_len(b));
    [
        (two > second).then(|| word.get(..two)).flatten(),
        (three > two).then(|| word.get(..three)).flatten(),
    ]
}

/// The bytes of the last two and three characters of `word`, where it
/// has so many.
fn last_chars(word: &[u8]) -> [Option<&[u8]>; 2] {
    let mut found = [None; 2];
    let mut chars = 0;
    for start in (0..word.len()).rev() {
        if starts_char(word[start]) {
            chars += 1;
            if chars >= 2 {
                found[chars - 2] = Some(&word[start..]);
                if chars == 3 {
                    break;
                }
            }
        }
    }
    found
}

impl Gate {
    pub fn new(forms: &[IndexedForm]) -> Gate {
        let mut first_words: HashMap<u64, u8, FixedState> = HashMap::with_hasher(FixedState);
        let (mut starts, mut ends) = (Affixes::new(), Affixes::new());
        let mut offer = |key: &str, words: u8| {
            let reach = first_words.entry(hash(key) & !REACH_BITS).or_default();
            *reach = (*reach).max(words);
            starts.add(key.as_bytes(), first_chars);
            ends.add(key.as_bytes(), last_chars);
        };
        for form in forms {
            let Some(first) = form.folded.split(' ').next().filter(|w| !w.is_empty()) else {
                continue;
            };
            let words = form.folded.split(' ').count().min(u8::MAX as usize) as u8;
            offer(first, words);
            if form.script == Script::Cyrillic {
                offer(&first[..russian::stem_len(first)], words);
            }
        }
        starts.settle();
        ends.settle();
        // About sixteen bits a word: one word in sixteen or so that starts
        // no name gets past the bits to the map.
        let log2 = (first_words.len().max(1) * 16)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(12, MAX_BITS_LOG2);
        let mut bits = vec![0u64; 1 << (log2 - 6)];
        let shift = 64 - log2;
        for &h in first_words.keys() {
            let b = (h >> shift) as usize;
            bits[b / 64] |= 1 << (b % 64);
        }
        Gate {
            first_words: packed_reaches(first_words),
            bits,
            shift,
            starts,
            ends,
        }
    }

    /// Whether a listed spelling may start at `word`.
    pub fn opens(&self, word: &str, script: Script) -> bool {
        let folded = fold_word(word);
        if self.contains(hash(&folded)) {
            return true;
        }
        match script {
            Script::Cyrillic => self.reach_stem(folded.as_bytes()) > 0,
            Script::Arabic => self.reach_arabic(folded.as_bytes()) > 0,
            _ => false,
        }
    }

    /// The most words of a listed spelling that may start at `word`, read
    /// as folded, as its Russian stem or behind Arabic clitics; 0 for none.
    pub fn reach_of_word(&self, word: &str, script: Script) -> u8 {
        let folded = fold_word(word);
        let own = self.reach(hash(&folded));
        own.max(match script {
            Script::Cyrillic => self.reach_stem(folded.as_bytes()),
            Script::Arabic => self.reach_arabic(folded.as_bytes()),
            _ => 0,
        })
    }

    /// Whether `hash` is the hash of the first word of some listed
    /// spelling (or its Russian stem).
    pub fn contains(&self, hash: u64) -> bool {
        self.reach(hash) > 0
    }

    /// The most words of a listed spelling whose first word (or its
    /// Russian stem) hashes to `hash`; 0 for none.
    pub fn reach(&self, hash: u64) -> u8 {
        let b = (hash >> self.shift) as usize;
        if self.bits[b / 64] & (1 << (b % 64)) == 0 {
            return 0;
        }
        let key = hash & !REACH_BITS;
        for at in slots::probe(key, self.first_words.len()) {
            let slot = self.first_words[at];
            if slot == 0 {
                break;
            }
            if slot & !REACH_BITS == key {
                return (slot & REACH_BITS) as u8;
            }
        }
        0
    }

    /// [`Gate::reach`] of the Russian stem of a folded word, when the stem
    /// is shorter than the word; 0 otherwise.
    pub fn reach_stem(&self, folded: &[u8]) -> u8 {
        self.stem_hash(folded).map_or(0, |h| self.reach(h))
    }

    /// [`Gate::reach`] of a folded Arabic word read as proclitics + word,
    /// or as `عبد` + the rest, the most of its readings.
    pub fn reach_arabic(&self, folded: &[u8]) -> u8 {
        self.clitic_reading_hashes(folded)
            .chain(abd_joined_hash(folded))
            .map(|h| self.reach(h))
            .max()
            .unwrap_or(0)
    }

    /// The hash of the Russian stem of a folded word, when the stem is
    /// shorter than the word and may start a key.
    fn stem_hash(&self, folded: &[u8]) -> Option<u64> {
        // The stem is a prefix of the word, of two letters at least.
        if !self.starts.may_be_at(folded, first_chars) {
            return None;
        }
        let stem = russian::stem_len_of(folded);
        (stem < folded.len()).then(|| word_hash(&folded[..stem]))
    }

    /// The hashes of a folded word read behind Arabic proclitics, when
    /// some reading may be a key (none for a word that starts with no
    /// clitic letter).
    fn clitic_reading_hashes<'w>(&self, folded: &'w [u8]) -> impl Iterator<Item = u64> + 'w {
        // Every reading is a suffix of the word, of two letters at least.
        let may = starts_with_clitic(folded) && self.ends.may_be_at(folded, last_chars);
        may.then(|| clitic_prefixes(folded))
            .into_iter()
            .flatten()
            .map(move |prefix| word_hash(strip_article(&folded[prefix..])))
    }
}

/// The hashes the gate is asked about for one word: its fold, and its
/// Russian stem or its readings behind Arabic proclitics (at most four:
/// a prefix is two to eight bytes, two a letter). Worked out before any
/// is looked up, so that the table lines they need are asked for together
/// ([`Gate::prefetch`]) instead of one wait after another.
#[derive(Clone, Copy, Default)]
pub struct Readings {
    hashes: [u64; 5],
    len: u8,
}

impl Readings {
    fn push(&mut self, hash: u64) {
        if let Some(slot) = self.hashes.get_mut(usize::from(self.len)) {
            *slot = hash;
            self.len += 1;
        }
    }

    fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        self.hashes[..usize::from(self.len)].iter().copied()
    }
}

impl Gate {
    /// What to ask the gate about a word of `script` folded as `folded`,
    /// whose [`word_hash`] is `hash`.
    pub fn readings(&self, script: Script, folded: &[u8], hash: u64) -> Readings {
        let mut readings = Readings::default();
        readings.push(hash);
        if script == Script::Cyrillic {
            if let Some(stem) = self.stem_hash(folded) {
                readings.push(stem);
            }
        } else {
            // A word of another script may be behind clitics too.
            for reading in self.clitic_reading_hashes(folded) {
                readings.push(reading);
            }
            // At most four clitic readings, and none for a word that
            // starts `عبدال`: room for this one.
            if let Some(abd) = abd_joined_hash(folded) {
                readings.push(abd);
            }
        }
        readings
    }

    /// Asks for the table lines that [`Gate::reach_of`] will read.
    pub fn prefetch(&self, readings: &Readings) {
        for hash in readings.iter() {
            let b = (hash >> self.shift) as usize;
            if let Some(word) = self.bits.get(b / 64) {
                prefetch(word);
            }
            let home = slots::home(hash & !REACH_BITS, self.first_words.len());
            if let Some(slot) = self.first_words.get(home) {
                prefetch(slot);
            }
        }
    }

    /// The most words of a listed spelling that starts with any of the
    /// `readings`: what [`Gate::reach`], [`Gate::reach_stem`] and
    /// [`Gate::reach_arabic`] give together.
    pub fn reach_of(&self, readings: &Readings) -> u8 {
        readings.iter().map(|h| self.reach(h)).max().unwrap_or(0)
    }
}

/// The hash of `عبد` when a folded word is `عبدال…` written joined
/// (`عبدالحميد`, behind proclitics too: `لعبدالله`): [`fold`] writes it
/// apart, so its first key word is `عبد`, which no reading of the word
/// as written gives.
///
/// [`fold`]: crate::text::fold
fn abd_joined_hash(folded: &[u8]) -> Option<u64> {
    const ABD_AL: &[u8] = "عبدال".as_bytes();
    const AIN: &[u8] = "ع".as_bytes();
    // Rare: a word with no `ع` where `عبدال` could start (at most eight
    // bytes of prefixes in) is ruled out before its prefixes are read.
    if !folded.windows(2).take(9).any(|w| w == AIN) {
        return None;
    }
    std::iter::once(0)
        .chain(clitic_prefixes(folded))
        .any(|prefix| {
            folded[prefix..]
                .strip_prefix(ABD_AL)
                .is_some_and(|rest| letters_at_least(rest, 2))
        })
        .then(|| hash("عبد"))
}

/// [`arabic::strip_article`] of a folded word's bytes.
fn strip_article(word: &[u8]) -> &[u8] {
    match word.strip_prefix(arabic::ARTICLE.as_bytes()) {
        Some(rest) if letters_at_least(rest, 2) => rest,
        _ => word,
    }
}

/// Whether the UTF-8 `bytes` hold `n` characters or more.
fn letters_at_least(bytes: &[u8], n: usize) -> bool {
    n == 0
        || bytes
            .iter()
            .filter(|&&b| starts_char(b))
            .nth(n - 1)
            .is_some()
}

/// The byte lengths of the proclitic prefixes of `word`, shortest first:
/// the readings [`arabic::clitic_readings`] gives after the first, without
/// building them.
pub fn clitic_prefixes(word: &[u8]) -> impl Iterator<Item = usize> {
    // Every proclitic letter takes two bytes, and a prefix is at most a
    // conjunction, a preposition and the article: eight bytes.
    let at = |i: usize, letter: &[u8]| word.get(i..i + 2) == Some(letter);
    let mut lengths = 0u32;
    if starts_with_clitic(word) {
        // A stem after the prefix must have two letters at least.
        let mut offer = |prefix: usize| {
            if prefix > 0 && word.get(prefix..).is_some_and(|s| letters_at_least(s, 2)) {
                lengths |= 1 << prefix;
            }
        };
        for conj in [None, Some(WAW), Some(FA)] {
            let after_conj = match conj {
                None => 0,
                Some(l) if at(0, l) => 2,
                Some(_) => continue,
            };
            for prep in [None, Some(BA), Some(KAF), Some(LAM)] {
                let after_prep = match prep {
                    None => after_conj,
                    Some(l) if at(after_conj, l) => after_conj + 2,
                    Some(_) => continue,
                };
                offer(after_prep);
                if at(after_prep, ALEF) && at(after_prep + 2, LAM) {
                    offer(after_prep + 4);
                }
                // ل + ال is written لل: the article's alef drops.
                if prep == Some(LAM) && at(after_prep, LAM) {
                    offer(after_prep + 2);
                }
            }
        }
    }
    (1..32).filter(move |p| lengths & (1 << p) != 0)
}

const WAW: &[u8] = "و".as_bytes();
const FA: &[u8] = "ف".as_bytes();
const BA: &[u8] = "ب".as_bytes();
const KAF: &[u8] = "ك".as_bytes();
const LAM: &[u8] = "ل".as_bytes();
const ALEF: &[u8] = "ا".as_bytes();

/// Whether `word` starts with a letter a proclitic prefix can start with.
/// Whether a folded word begins with a letter an Arabic proclitic (or the
/// article) begins with: whatever the script of the rest, it may be
/// clitics glued to a name (`وبطرابلس`, and `وTarhuna` in mixed text).
#[inline]
pub fn starts_with_clitic(word: &[u8]) -> bool {
    // Each of these letters is two bytes, the first D8 or D9: most words
    // are ruled out by their first byte.
    matches!(word.first(), Some(0xD8 | 0xD9))
        && [WAW, FA, BA, KAF, LAM, ALEF]
            .iter()
            .any(|l| word.starts_with(l))
}

fn hash(s: &str) -> u64 {
    word_hash(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::arabic::clitic_readings;

    #[test]
    fn clitic_prefixes_are_the_readings() {
        // Every word of up to five letters over the clitic letters and two
        // others.
        let letters = ['و', 'ف', 'ب', 'ك', 'ل', 'ا', 'م', 'ه'];
        let mut words = vec![String::new()];
        for _ in 0..5 {
            let mut longer = Vec::new();
            for w in &words {
                for c in letters {
                    longer.push(format!("{w}{c}"));
                }
            }
            words.extend(longer);
            words.dedup();
        }
        words.sort();
        words.dedup();
        for word in &words {
            let readings: Vec<usize> = clitic_readings(word)
                .into_iter()
                .skip(1)
                .map(|r| r.0)
                .collect();
            let prefixes: Vec<usize> = clitic_prefixes(word.as_bytes()).collect();
            assert_eq!(prefixes, readings, "{word}");
            // What the gate probes: a suffix of two letters or more, which
            // ends as the word does.
            for prefix in prefixes {
                let reading = strip_article(&word.as_bytes()[prefix..]);
                let expected = arabic::strip_article(&word[prefix..]);
                assert_eq!(reading, expected.as_bytes(), "{word}");
                let [two, three] = last_chars(reading);
                assert!(two.is_some(), "{word}");
                let [word_two, word_three] = last_chars(word.as_bytes());
                assert_eq!(two, word_two, "{word}");
                assert!(three.is_none() || three == word_three, "{word}");
            }
        }
    }

    #[test]
    fn stems_begin_as_their_words_do() {
        // Arabic readings: see `clitic_prefixes_are_the_readings`.
        for word in [
            "хафтаром",
            "яном",
            "ая",
            "x-й",
            "ёжа",
            "ab-ой",
            "тархуне",
            "злитене",
        ] {
            let bytes = word.as_bytes();
            let stem = &bytes[..russian::stem_len(word)];
            if stem.len() < bytes.len() {
                let [two, three] = first_chars(stem);
                assert!(two.is_some(), "{word}");
                let [word_two, word_three] = first_chars(bytes);
                assert_eq!(two, word_two, "{word}");
                assert!(three.is_none() || three == word_three, "{word}");
            }
        }
        let some = |s: &'static str| Some(s.as_bytes());
        assert_eq!(first_chars("aбcd".as_bytes()), [some("aб"), some("aбc")]);
        assert_eq!(last_chars("aбcd".as_bytes()), [some("cd"), some("бcd")]);
        assert_eq!(first_chars("бc".as_bytes()), [some("бc"), None]);
        assert_eq!(last_chars("б".as_bytes()), [None, None]);
        assert_eq!(first_chars("".as_bytes()), [None, None]);
    }

    #[test]
    fn affixes_filter_until_half_their_bits_are_set() {
        let mut affixes = Affixes::new();
        for key in ["хафтар", "тархун", "ян"] {
            affixes.add(key.as_bytes(), first_chars);
        }
        affixes.settle();
        assert!(!affixes.open);
        for word in ["хафтаром", "тархуне", "яном", "ян"] {
            assert!(affixes.may_be_at(word.as_bytes(), first_chars), "{word}");
        }
        assert!(!affixes.may_be_at("мисрата".as_bytes(), first_chars));
        // Every three-letter key over a large alphabet: most bits set.
        let letters: Vec<char> = ('\u{430}'..='\u{44f}').chain('a'..='z').collect();
        for a in &letters {
            for b in &letters {
                for c in &letters[..20] {
                    affixes.add(format!("{a}{b}{c}").as_bytes(), first_chars);
                }
            }
        }
        affixes.settle();
        assert!(affixes.open);
        assert!(affixes.may_be_at("мисрата".as_bytes(), first_chars));
    }

    #[test]
    fn abd_written_joined_reads_as_abd() {
        let abd = Some(hash("عبد"));
        for word in ["عبدالحميد", "عبدالله", "لعبدالله", "وبعبدالحميد"]
        {
            assert_eq!(abd_joined_hash(word.as_bytes()), abd, "{word}");
        }
        // Too little after it to be two words, or no `عبدال` at the start.
        for word in ["عبدال", "عبدالل", "عبد", "حفتر", "Abdal"] {
            assert_eq!(abd_joined_hash(word.as_bytes()), None, "{word}");
        }
        // The gate opens at it for a name that starts with `عبد`.
        let forms = [IndexedForm {
            entry: 0,
            lang: "ar".into(),
            text: "عبد الحميد الدبيبة".into(),
            folded: crate::text::fold("عبد الحميد الدبيبة"),
            origin: crate::lookup::Origin::House,
            script: Script::Arabic,
            phonetic: crate::text::Phonetic::of_folded("عبد حميد دبيبة"),
            bearer_rank: 0,
            bearers: 0,
            starts_another_name: false,
            one_house_spelling: false,
        }];
        let gate = Gate::new(&forms);
        assert!(gate.opens("عبدالحميد", Script::Arabic));
        assert!(gate.opens("لعبدالحميد", Script::Arabic));
        let folded = "لعبدالحميد".as_bytes();
        let readings = gate.readings(Script::Arabic, folded, word_hash(folded));
        assert_eq!(gate.reach_of(&readings), 3);
    }

    #[test]
    fn arabic_readings_start_with_a_clitic_letter() {
        for word in [
            "وبطرابلس",
            "للجيش",
            "الزاوية",
            "فمصراته",
            "كالقذافي",
            "حفتر",
            "بن",
        ] {
            let any = clitic_readings(word).len() > 1;
            assert!(
                !any || word.starts_with(['و', 'ف', 'ب', 'ك', 'ل', 'ا']),
                "{word}"
            );
        }
    }
}
