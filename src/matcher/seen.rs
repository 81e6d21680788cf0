//! Words folded and gated before in a scan, by their text as written.
//!
//! A text uses a few thousand different words again and again (in news,
//! nine words in ten have come before in the same two megabytes). Folding a
//! word and asking the gate about it costs some hundreds of instructions
//! for Arabic and Russian words (Unicode folding, clitic readings, stems);
//! finding it here costs a hash of its bytes, one slot and one comparison.

use super::words::word_hash;

/// What [`Words::fill`](super::words::Words::fill) works out of a word.
#[derive(Clone, Copy, Default)]
pub(super) struct Gated {
    /// The [`word_hash`] of the word folded.
    pub hash: u64,
    /// [`WordInfo::reach`](super::words::WordInfo::reach).
    pub reach: u8,
    /// [`WordInfo::inner_capital`](super::words::WordInfo::inner_capital).
    pub inner_capital: bool,
}

/// Folded and gated words, in a table of [`SLOTS`] slots indexed by the
/// [`word_hash`] of the word as written: a word whose slot another word
/// takes is folded again when it comes back. Memory stays bounded: the
/// words' bytes are dropped, with every slot, when they reach
/// [`BYTES_KEPT`].
#[derive(Default)]
pub(super) struct Seen {
    /// Empty until the first word is kept.
    slots: Vec<Slot>,
    /// Each word as written followed by its fold.
    bytes: Vec<u8>,
    /// Keeps nothing (for a handful of words, not worth the table).
    off: bool,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    /// The [`word_hash`] of the word as written.
    hash: u64,
    gated: Gated,
    at: u32,
    /// Bytes of the word as written (0: the slot is empty) and folded.
    written: u8,
    folded: u8,
    /// Whether the word, standing alone, was found to be no listed
    /// spelling ([`Seen::note_no_name`]).
    no_name: bool,
    /// Whether `gated.reach` is the gate's answer yet
    /// ([`Seen::keep_ungated`]).
    settled: bool,
}

/// What [`Seen`] keeps of a word.
pub(super) struct Kept<'a> {
    pub folded: &'a [u8],
    pub gated: Gated,
    /// Whether `gated.reach` is the gate's answer yet
    /// ([`Seen::keep_ungated`]).
    pub settled: bool,
}

const SLOTS: usize = 1 << 15;
const BYTES_KEPT: usize = 1 << 20;

impl Seen {
    /// A table that keeps nothing.
    pub fn off() -> Seen {
        Seen {
            off: true,
            ..Seen::default()
        }
    }

    /// What is kept of `word`, if it is.
    #[inline]
    pub fn get(&self, word: &str) -> Option<Kept<'_>> {
        let slot = self.slot(word)?;
        let folded_at = slot.at as usize + word.len();
        Some(Kept {
            folded: &self.bytes[folded_at..folded_at + usize::from(slot.folded)],
            gated: slot.gated,
            settled: slot.settled,
        })
    }

    /// The slot that keeps `word`, if one does.
    #[inline]
    fn slot(&self, word: &str) -> Option<&Slot> {
        let at = self.slot_at(word)?;
        Some(&self.slots[at])
    }

    #[inline]
    fn slot_at(&self, word: &str) -> Option<usize> {
        let hash = word_hash(word.as_bytes());
        let at = slot_of(hash);
        let slot = self.slots.get(at)?;
        if slot.hash != hash || usize::from(slot.written) != word.len() {
            return None;
        }
        let written = slot.at as usize;
        (self.bytes[written..written + word.len()] == *word.as_bytes()).then_some(at)
    }

    /// Whether `word`, as written, standing alone, is known to be no
    /// listed spelling, whatever the words around it.
    pub fn is_no_name(&self, word: &str) -> bool {
        self.slot(word).is_some_and(|slot| slot.no_name)
    }

    /// Remembers that `word`, as written, standing alone, is no listed
    /// spelling whatever the words around it (if `word` is kept).
    pub fn note_no_name(&mut self, word: &str) {
        if let Some(at) = self.slot_at(word) {
            self.slots[at].no_name = true;
        }
    }

    /// Keeps `word`'s fold and [`Gated`], in place of the word that had
    /// its slot.
    #[cfg(test)]
    pub fn keep(&mut self, word: &str, folded: &[u8], gated: Gated) {
        self.keep_as(word, folded, gated, true);
    }

    /// [`Seen::keep`] before the gate is asked: `gated.reach` is to be
    /// given by [`Seen::settle`].
    pub fn keep_ungated(&mut self, word: &str, folded: &[u8], gated: Gated) {
        self.keep_as(word, folded, gated, false);
    }

    /// Gives the gate's answer for `word` (if it is kept).
    pub fn settle(&mut self, word: &str, reach: u8) {
        if let Some(at) = self.slot_at(word) {
            let slot = &mut self.slots[at];
            slot.gated.reach = reach;
            slot.settled = true;
        }
    }

    fn keep_as(&mut self, word: &str, folded: &[u8], gated: Gated, settled: bool) {
        let (Ok(written), Ok(folded_len)) = (u8::try_from(word.len()), u8::try_from(folded.len()))
        else {
            return;
        };
        if written == 0 || self.off {
            return;
        }
        if self.slots.is_empty() || self.bytes.len() >= BYTES_KEPT {
            self.slots.clear();
            self.slots.resize(SLOTS, Slot::default());
            self.bytes.clear();
        }
        let hash = word_hash(word.as_bytes());
        self.slots[slot_of(hash)] = Slot {
            hash,
            gated,
            at: self.bytes.len() as u32,
            written,
            folded: folded_len,
            no_name: false,
            settled,
        };
        self.bytes.extend_from_slice(word.as_bytes());
        self.bytes.extend_from_slice(folded);
    }
}

fn slot_of(hash: u64) -> usize {
    (hash >> 32) as usize % SLOTS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the gate says of a word: its folded hash 7, `reach`.
    fn gated(reach: u8) -> Gated {
        Gated {
            hash: 7,
            reach,
            inner_capital: false,
        }
    }

    #[test]
    fn gives_back_what_was_kept_for_the_same_word_only() {
        let mut seen = Seen::default();
        assert!(seen.get("Хафтаром").is_none());
        seen.keep("Хафтаром", "хафтаром".as_bytes(), gated(2));
        let kept = seen.get("Хафтаром").expect("kept");
        assert_eq!(kept.folded, "хафтаром".as_bytes());
        assert_eq!((kept.gated.hash, kept.gated.reach), (7, 2));
        assert!(kept.settled);
        assert!(seen.get("Хафтара").is_none());
    }

    #[test]
    fn a_word_kept_before_the_gate_is_asked_is_settled_later() {
        let mut seen = Seen::default();
        seen.keep_ungated("Хафтаром", "хафтаром".as_bytes(), gated(0));
        let kept = seen.get("Хафтаром").expect("kept");
        assert!(!kept.settled);
        assert_eq!(kept.folded, "хафтаром".as_bytes());
        seen.settle("Хафтара", 3);
        assert!(!seen.get("Хафтаром").expect("kept").settled, "another word");
        seen.settle("Хафтаром", 2);
        let kept = seen.get("Хафтаром").expect("kept");
        assert!(kept.settled);
        assert_eq!((kept.gated.hash, kept.gated.reach), (7, 2));
    }

    #[test]
    fn remembers_a_word_that_is_no_name_until_its_slot_is_taken() {
        let mut seen = Seen::default();
        seen.note_no_name("на");
        assert!(!seen.is_no_name("на"), "not kept: nothing noted");
        seen.keep("на", "на".as_bytes(), Gated::default());
        assert!(!seen.is_no_name("на"));
        seen.note_no_name("на");
        assert!(seen.is_no_name("на"));
        assert!(!seen.is_no_name("На"), "as written");
        seen.keep("на", "на".as_bytes(), Gated::default());
        assert!(!seen.is_no_name("на"), "kept anew, known anew");
        let mut off = Seen::off();
        off.keep("на", "на".as_bytes(), Gated::default());
        off.note_no_name("на");
        assert!(!off.is_no_name("на"));
    }

    #[test]
    fn a_word_taking_a_slot_puts_out_the_one_before() {
        let mut seen = Seen::default();
        let gated = Gated::default();
        seen.keep("Misrata", b"misrata", gated);
        let taken = slot_of(word_hash(b"Misrata"));
        let rival = (0..)
            .map(|i| format!("w{i}"))
            .find(|w| slot_of(word_hash(w.as_bytes())) == taken)
            .expect("some word shares the slot");
        seen.keep(&rival, rival.as_bytes(), gated);
        assert!(seen.get("Misrata").is_none());
        assert_eq!(seen.get(&rival).map(|k| k.folded), Some(rival.as_bytes()));
    }

    #[test]
    fn stays_bounded_and_long_words_are_not_kept() {
        let mut seen = Seen::default();
        for i in 0..200_000 {
            let word = format!("word{i}");
            seen.keep(&word, word.as_bytes(), Gated::default());
        }
        assert_eq!(seen.slots.len(), SLOTS);
        assert!(seen.bytes.len() < BYTES_KEPT + 2 * 256);
        assert!(seen.get("word199999").is_some());
        let long = "ب".repeat(200);
        seen.keep(&long, long.as_bytes(), Gated::default());
        assert!(seen.get(&long).is_none());
    }
}
