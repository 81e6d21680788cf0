//! The words of one text, folded once: what the window match needs of each
//! word, computed in one pass, so that trying a run of words costs a few
//! hash combinations instead of folding its text again.
//!
//! A run's match key is what [`fold`](crate::text::fold) gives for its
//! text: every word folded ([`fold_word`]), an article word dropped before
//! the next word, the Arabic article stripped and `عبدال…` written apart.
//! Here each word keeps its folded text, the key words it stands for when
//! not dropped, and their hashes; a run's key is the sequence of its
//! words' key words, hashed by [`seq_hash`] as the phrase maps are.

use super::gate::{Gate, Readings};
use super::glued::has_inner_capital;
use super::seen::{Gated, Seen};
use super::tokens::{joins_name, joins_numbers, joins_quoted, Token};
use crate::text::fold::{fold_word_into, is_article, key_words};
use crate::text::{russian, Script};
use std::hash::{BuildHasher, Hasher};

pub(super) const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hash of one folded word.
pub fn word_hash(bytes: &[u8]) -> u64 {
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h.rotate_left(5) ^ tail(rest)).wrapping_mul(K);
    }
    finish(h)
}

/// The one to seven bytes of `rest` in a number, in a few loads that
/// together read every byte (the length, hashed beforehand, tells tails
/// apart).
#[inline(always)]
fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    if n >= 4 {
        let word = |at: usize| {
            let mut buf = [0u8; 4];
            buf.copy_from_slice(&rest[at..at + 4]);
            u64::from(u32::from_le_bytes(buf))
        };
        word(0) | word(n - 4) << 32
    } else {
        u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16
    }
}

/// The hash of a sequence of words, from their [`word_hash`]es.
pub fn seq_hash(words: impl IntoIterator<Item = u64>) -> u64 {
    let mut h = 0x2545_f491_4f6c_dd1d_u64;
    for w in words {
        h = (h.rotate_left(23) ^ w).wrapping_mul(K);
    }
    finish(h)
}

fn finish(mut h: u64) -> u64 {
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// The hash of a text's words split at single spaces (a folded key).
pub fn key_hash(key: &str) -> u64 {
    seq_hash(key.split(' ').map(|w| word_hash(w.as_bytes())))
}

/// Keys of the maps are already hashes: mix them once more, cheaply.
#[derive(Default, Clone, Copy)]
pub struct FixedState;

impl BuildHasher for FixedState {
    type Hasher = PassHasher;
    fn build_hasher(&self) -> PassHasher {
        PassHasher(0)
    }
}

pub struct PassHasher(u64);

impl Hasher for PassHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = (self.0.rotate_left(23) ^ word_hash(bytes)).wrapping_mul(K);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A piece of the folded-text arena.
#[derive(Debug, Clone, Copy, Default)]
pub struct Piece {
    pub start: u32,
    pub len: u32,
}

/// One key word: its text in the arena, its hash and the hash of its
/// Russian stem.
#[derive(Debug, Clone, Copy, Default)]
pub struct KeyWord {
    pub piece: Piece,
    pub hash: u64,
    /// Bytes of the key word that are its stem ([`russian::stem`]).
    pub stem_len: u32,
    pub stem_hash: u64,
}

/// The key words of a run: on the stack for any name of a few words.
pub type KeyWords = smallvec::SmallVec<[KeyWord; 8]>;

/// What the scan needs of every word: kept small, since every word of a
/// block has one and the scan reads them all.
#[derive(Debug, Clone, Copy)]
pub struct WordInfo {
    /// The [`word_hash`] of the word folded.
    pub hash: u64,
    /// The word folded ([`fold_word`](crate::text::fold_word)).
    pub folded: Piece,
    /// The most key words a listed spelling starting here has, by the
    /// gate ([`Gate::reach`](super::gate::Gate::reach)); 0 when none starts
    /// here.
    pub reach: u8,
    /// Whether a capital comes inside the word, where a name glued to it
    /// may start ([`has_inner_capital`]).
    pub inner_capital: bool,
    /// Where the word's [`Details`] are in [`Words::details`], once it is
    /// ready ([`Words::ensure`]); [`NOT_READY`] before.
    details: u32,
}

/// [`WordInfo::details`] of a word not made ready.
const NOT_READY: u32 = u32::MAX;

/// What the window match needs of a word it looks at, worked out when it
/// first does ([`Words::ensure`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Details {
    /// The key words it stands for when not dropped as an article: one,
    /// or two for `عبدال…`.
    pub keys: [KeyWord; 2],
    pub n_keys: u8,
    /// An article that [`fold`](crate::text::fold) drops before the next
    /// word.
    pub drops: bool,
    /// Whether the word holds no soft hyphen.
    pub plain: bool,
}

/// The details of a word not made ready: no key words.
const NO_DETAILS: Details = Details {
    keys: [KeyWord {
        piece: Piece { start: 0, len: 0 },
        hash: 0,
        stem_len: 0,
        stem_hash: 0,
    }; 2],
    n_keys: 0,
    drops: false,
    plain: false,
};

/// The text between two words.
#[derive(Debug, Clone, Copy, Default)]
pub struct Gap {
    /// [`joins_name`], or [`joins_quoted`] (then `quoted`).
    pub joins: bool,
    /// White space with a quote mark: it joins only the words of a listed
    /// spelling.
    pub quoted: bool,
    pub hyphen: bool,
    /// Nothing that [`dehyphenate`](super::dehyphenate) removes (with the
    /// word before it: [`Gap::after`]).
    pub plain: bool,
}

impl Gap {
    /// What the text `gap` between two words is.
    pub fn of(gap: &str) -> Gap {
        if gap == " " {
            return Gap {
                joins: true,
                quoted: false,
                hyphen: false,
                plain: true,
            };
        }
        let joins = joins_name(gap);
        let quoted = !joins && joins_quoted(gap);
        Gap {
            joins: joins || quoted,
            quoted,
            hyphen: gap.contains('-'),
            plain: !(gap.contains('\u{AD}') || gap.contains("-\n") || gap.contains("-\r\n")),
        }
    }

    /// What the text `gap` after `word` is: a soft hyphen that ends the
    /// word (UAX #29 keeps it in the word) before a line break is a word
    /// broken at the line end, as `-⏎` is.
    pub fn after(word: &str, gap: &str) -> Gap {
        let mut of = Gap::of(gap);
        if soft_hyphen_breaks(word, gap.as_bytes()) {
            of.plain = false;
        }
        of
    }
}

/// The words of one block of text.
///
/// Filled in two steps. [`Words::fill`] folds every word once, to hash it
/// and ask the gate: that is all most words ever need. [`Words::ensure`]
/// works out key words, stems, articles and gaps for the few words a window
/// match or a similarity lookup looks at.
#[derive(Default)]
pub struct Words {
    /// Every word folded, one after the other: written as bytes into
    /// `written` by [`Words::fill`], then checked to be UTF-8 once for the
    /// whole block and copied here.
    arena: String,
    written: Vec<u8>,
    pub info: Vec<WordInfo>,
    /// The details of the words made ready, in the order they were.
    details: Vec<Details>,
    /// `gaps[k]` lies between words `k` and `k + 1` (once `k` is ready).
    pub gaps: Vec<Gap>,
    /// Words folded and gated in earlier blocks (and earlier in this one).
    seen: Seen,
    /// Words of the block not seen before, with what the gate is asked of
    /// them ([`Words::fill`]); `None` for a word met earlier in the block,
    /// gated there.
    unseen: Vec<(u32, Option<Readings>)>,
}

impl Words {
    /// Words for a handful of tokens, read once: nothing is kept for
    /// later blocks.
    pub fn for_a_few() -> Words {
        Words {
            seen: Seen::off(),
            ..Words::default()
        }
    }

    /// Replaces what is held with the words of `tokens`, folded, hashed
    /// and gated, keeping the buffers.
    pub fn fill(&mut self, tokens: &[Token], gate: &Gate) {
        let Words {
            arena: text,
            written: arena,
            info,
            details,
            gaps,
            seen,
            unseen,
        } = self;
        arena.clear();
        info.clear();
        details.clear();
        gaps.clear();
        gaps.resize(tokens.len().saturating_sub(1), Gap::default());
        unseen.clear();
        // Words seen before take what was worked out then. The others are
        // folded and hashed here, and their gate lines asked for; they are
        // gated after the pass, when those lines have come in (and so is a
        // word that comes again in the block before then).
        info.extend(tokens.iter().enumerate().map(|(k, t)| {
            let start = arena.len();
            let gated = match seen.get(t.text) {
                Some(kept) => {
                    arena.extend_from_slice(kept.folded);
                    if !kept.settled {
                        unseen.push((k as u32, None));
                    }
                    kept.gated
                }
                None => {
                    fold_into(t.text, arena);
                    let folded = &arena[start..];
                    let hash = word_hash(folded);
                    let readings = gate.readings(t.script, folded, hash);
                    gate.prefetch(&readings);
                    unseen.push((k as u32, Some(readings)));
                    let gated = Gated {
                        hash,
                        reach: 0,
                        inner_capital: has_inner_capital(t.text.as_bytes()),
                    };
                    seen.keep_ungated(t.text, folded, gated);
                    gated
                }
            };
            WordInfo {
                hash: gated.hash,
                reach: gated.reach,
                inner_capital: gated.inner_capital,
                folded: Piece {
                    start: start as u32,
                    len: (arena.len() - start) as u32,
                },
                details: NOT_READY,
            }
        }));
        for &(k, readings) in unseen.iter() {
            let (t, w) = (&tokens[k as usize], &mut info[k as usize]);
            w.reach = match readings {
                Some(readings) => {
                    let reach = gate.reach_of(&readings);
                    seen.settle(t.text, reach);
                    reach
                }
                // Gated at its first time in the block, unless another
                // word has taken its slot since.
                None => match seen.get(t.text) {
                    Some(kept) if kept.settled => kept.gated.reach,
                    _ => {
                        let folded = piece_bytes(arena, w.folded);
                        gate.reach_of(&gate.readings(t.script, folded, w.hash))
                    }
                },
            };
        }
        settle_text(arena, text, info);
    }

    /// Makes words `range` ready for window matching.
    pub fn ensure(&mut self, text: &str, tokens: &[Token], range: std::ops::Range<usize>) {
        for k in range {
            self.ensure_one(text, tokens, k);
        }
    }

    /// Makes word `k` ready, and works out whether it is a dropped
    /// article (from the fold of the word after it, which every word has).
    pub fn ensure_one(&mut self, text: &str, tokens: &[Token], k: usize) {
        if self.info[k].details != NOT_READY {
            return;
        }
        let mut details = self.prepare(text, tokens, k);
        if k + 1 < tokens.len() {
            let f = piece(&self.arena, self.info[k].folded);
            details.drops = is_article(f, piece(&self.arena, self.info[k + 1].folded));
        }
        self.info[k].details = self.details.len() as u32;
        self.details.push(details);
    }

    /// Word `k`'s details, once it is ready (else no key words).
    pub fn details(&self, k: usize) -> &Details {
        self.details
            .get(self.info[k].details as usize)
            .unwrap_or(&NO_DETAILS)
    }

    fn prepare(&mut self, text: &str, tokens: &[Token], k: usize) -> Details {
        let arena = &self.arena;
        let t = &tokens[k];
        let w = &self.info[k];
        let start = w.folded.start as usize;
        let f = piece(arena, w.folded);
        let mut details = Details {
            plain: is_plain_word(t.text),
            ..Details::default()
        };
        // Key words, as `fold` makes them of a word it keeps.
        let offset = |w: &str| w.as_ptr() as usize - f.as_ptr() as usize;
        let (key, more) = key_words(f);
        let (key_at, key_len) = (offset(key), key.len());
        let more = more.map(|m| (offset(m), m.len()));
        details.keys[0] = if key_len == f.len() {
            // The Russian stem, of Cyrillic words only.
            let (stem_len, stem_hash) = match t.script {
                Script::Cyrillic => stem_of(f, w.hash),
                _ => (f.len(), w.hash),
            };
            KeyWord {
                piece: w.folded,
                hash: w.hash,
                stem_len: stem_len as u32,
                stem_hash,
            }
        } else {
            key_word(arena, start + key_at, key_len)
        };
        details.n_keys = 1;
        if let Some((at, len)) = more {
            details.keys[1] = key_word(arena, start + at, len);
            details.n_keys = 2;
        }
        if k + 1 < tokens.len() {
            let (gap, next) = (&text[t.end..tokens[k + 1].start], tokens[k + 1].text);
            self.gaps[k] = Gap::after(t.text, gap);
            // `5 + 5`, written as a sum, is `5+5`.
            if !self.gaps[k].joins && joins_numbers(t.text, gap, next) {
                self.gaps[k].joins = true;
            }
        }
        details
    }

    /// Whether `word`, as written, standing alone, is known from earlier in
    /// the scan to be no listed spelling, whatever the words around it.
    pub fn is_no_name(&self, word: &str) -> bool {
        self.seen.is_no_name(word)
    }

    /// Remembers for the rest of the scan that `word`, as written,
    /// standing alone, is no listed spelling whatever the words around it.
    pub fn note_no_name(&mut self, word: &str) {
        self.seen.note_no_name(word);
    }

    pub fn text(&self, p: Piece) -> &str {
        piece(&self.arena, p)
    }

    /// Word `k` folded; it must be ready.
    pub fn folded(&self, k: usize) -> &str {
        self.text(self.info[k].folded)
    }

    /// Whether the run `i .. i + words` holds nothing that a line-end
    /// hyphen reading would change.
    pub fn plain(&self, i: usize, words: usize) -> bool {
        (i..i + words).all(|k| self.details(k).plain)
            && self.gaps[i..i + words - 1].iter().all(|g| g.plain)
    }

    /// The key words of the run `i .. i + words`, as `fold` gives them.
    pub fn key(&self, i: usize, words: usize, out: &mut KeyWords) {
        out.clear();
        let last = i + words - 1;
        for k in i..=last {
            let w = self.details(k);
            if k < last && w.drops {
                continue;
            }
            for key in &w.keys[..w.n_keys as usize] {
                out.push(*key);
            }
        }
    }
}

/// The bytes of a piece of the arena as [`Words::fill`] writes it.
fn piece_bytes(arena: &[u8], p: Piece) -> &[u8] {
    &arena[p.start as usize..(p.start + p.len) as usize]
}

/// Whether `word` holds no soft hyphen (U+00AD, bytes C2 AD).
pub fn is_plain_word(word: &str) -> bool {
    // Words are short: a loop beats a call to memchr.
    !(word.bytes().any(|b| b == 0xC2) && word.contains('\u{AD}'))
}

/// Whether `word` ends with a soft hyphen (U+00AD, bytes C2 AD).
#[inline]
pub fn ends_with_soft_hyphen(word: &str) -> bool {
    word.as_bytes().ends_with(b"\xC2\xAD")
}

/// Whether `word`, ending with a soft hyphen, is broken at a line end by
/// `gap` (a line break alone, as `dehyphenate` joins it): `Tar\u{AD}⏎khuna`.
#[inline]
pub fn soft_hyphen_breaks(word: &str, gap: &[u8]) -> bool {
    matches!(gap, b"\n" | b"\r\n") && ends_with_soft_hyphen(word)
}

/// Appends [`fold_word`](crate::text::fold_word) of `word` to `out`.
fn fold_into(word: &str, out: &mut Vec<u8>) {
    if word.is_ascii() {
        push_ascii_folded(word.as_bytes(), out);
    } else {
        fold_word_into(word, out);
    }
}

fn piece(arena: &str, p: Piece) -> &str {
    text_at(arena, p.start as usize, p.len as usize)
}

/// Copies the folded words of a block, `bytes`, to `text`. Folding writes
/// UTF-8, so this is one fast check of the whole block; should it ever
/// fail, every word reads as empty (matching nothing) rather than stopping
/// the scan of the user's text.
fn settle_text(bytes: &[u8], text: &mut String, info: &mut [WordInfo]) {
    text.clear();
    match simdutf8::basic::from_utf8(bytes) {
        Ok(folded) => text.push_str(folded),
        Err(_) => {
            debug_assert!(false, "folded words are UTF-8");
            for w in info {
                w.folded = Piece::default();
            }
        }
    }
}

/// The folded text at `arena[start..start + len]`; pieces start and end at
/// character boundaries (a piece that did not would read as empty).
fn text_at(arena: &str, start: usize, len: usize) -> &str {
    let text = arena.get(start..start + len);
    debug_assert!(text.is_some(), "folded pieces lie on character boundaries");
    text.unwrap_or_default()
}

fn key_word(arena: &str, start: usize, len: usize) -> KeyWord {
    let text = text_at(arena, start, len);
    let hash = word_hash(text.as_bytes());
    let (stem_len, stem_hash) = stem_of(text, hash);
    KeyWord {
        piece: Piece {
            start: start as u32,
            len: len as u32,
        },
        hash,
        stem_len: stem_len as u32,
        stem_hash,
    }
}

/// The length and hash of a folded word's Russian stem. Every ending
/// [`russian::stem`] takes off is Cyrillic, so a word that does not end in
/// a Cyrillic letter is its own stem.
fn stem_of(word: &str, hash: u64) -> (usize, u64) {
    let len = russian::stem_len(word);
    if len == word.len() {
        return (len, hash);
    }
    (len, word_hash(&word.as_bytes()[..len]))
}

/// [`fold_word`](crate::text::fold_word) of an ASCII word: lower case,
/// apostrophes and backticks dropped, an English possessive dropped.
fn push_ascii_folded(word: &[u8], out: &mut Vec<u8>) {
    let word = match word {
        [stem @ .., b'\'', b's' | b'S'] if word.len() > 3 => stem,
        _ => word,
    };
    if word.iter().any(|&b| matches!(b, b'\'' | b'`')) {
        out.extend(
            word.iter()
                .filter(|&&b| !matches!(b, b'\'' | b'`'))
                .map(u8::to_ascii_lowercase),
        );
    } else {
        out.extend(word.iter().map(u8::to_ascii_lowercase));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_word;

    #[test]
    fn ascii_fold_agrees_with_fold_word() {
        for word in [
            "Haftar's", "TARKHUNA", "Mu'ammar", "tripoli", "a's", "ab's", "x`y", "3.5", "a_b",
            "S's", "'s", "''",
        ] {
            let mut out = Vec::new();
            push_ascii_folded(word.as_bytes(), &mut out);
            assert_eq!(out, fold_word(word).as_bytes(), "{word}");
        }
    }

    #[test]
    fn soft_hyphens_fold_and_hash_as_the_word_without_them() {
        let mut arena = Vec::new();
        fold_into("Mis\u{AD}u\u{AD}rata", &mut arena);
        assert_eq!(arena, b"misurata");
        assert_eq!(
            word_hash(&arena),
            word_hash(fold_word("Misurata").as_bytes())
        );
        assert!(!is_plain_word("Tar\u{AD}khuna"));
        assert!(is_plain_word("Tarkhuna"));
    }

    #[test]
    fn a_soft_hyphen_ending_a_word_before_a_line_break_is_no_plain_gap() {
        assert!(ends_with_soft_hyphen("Tar\u{AD}"));
        // `ح` and `Э` end in the byte AD too.
        assert!(!ends_with_soft_hyphen("مصباح"));
        assert!(!ends_with_soft_hyphen("Э"));
        assert!(!Gap::after("Tar\u{AD}", "\n").plain);
        assert!(!Gap::after("Tar\u{AD}", "\r\n").plain);
        assert!(Gap::after("Tar\u{AD}", " ").plain);
        // A paragraph break ends the word, as `dehyphenate` leaves it.
        assert!(Gap::after("Tar\u{AD}", "\n\n").plain);
        assert!(Gap::after("Tar", "\n").plain);
        assert!(Gap::after("مصباح", "\n").plain);
        assert!(!Gap::after("Tar", "-\n").plain);
    }

    #[test]
    fn stems_agree_with_russian_stem() {
        for word in [
            "хафтаром",
            "тархуне",
            "триполи",
            "abc",
            "",
            "ян",
            "яном",
            "ab",
        ] {
            let (len, hash) = stem_of(word, word_hash(word.as_bytes()));
            let stem = russian::stem(word);
            assert_eq!(&word[..len], stem, "{word}");
            assert_eq!(hash, word_hash(stem.as_bytes()), "{word}");
        }
    }
}
