//! The comparison keys of every indexed spelling, byte-coded and stored
//! end to end, so that rescoring a candidate reads three slices and
//! allocates nothing.

use crate::text::{fold_word, words, Phonetic, Script};

/// One byte per character of a folded spelling. ASCII is itself; Russian
/// and Arabic letters get codes of their own above it. Codes are compared
/// only between spellings of one script, so the rare letters that share a
/// code do so harmlessly.
pub fn letter_code(c: char) -> u8 {
    let u = c as u32;
    match u {
        0..=0x7F => u as u8,
        0x430..=0x44F => 0x80 + (u - 0x430) as u8,
        0x400..=0x4FF => 0xA0 + (u % 32) as u8,
        0x620..=0x64A => 0xC0 + (u - 0x620) as u8,
        0x600..=0x6FF => 0xEB + (u % 20) as u8,
        _ => 0xFF,
    }
}

/// The byte-coded letters of a folded spelling (word breaks kept).
pub fn letters(folded: &str, out: &mut Vec<u8>) {
    out.extend(folded.chars().map(letter_code));
}

/// A spelling folded word by word, articles kept (`al mismari`): what it
/// looks like letter by letter, for typing slips that hit the article
/// (`Ajl-Mismari`).
pub fn fold_letters(text: &str) -> String {
    words(text)
        .map(|w| fold_word(w.text))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The keys of one spelling.
#[derive(Debug, Clone, Copy)]
pub struct Key<'a> {
    /// Coded folded letters, words separated by a space.
    pub letters: &'a [u8],
    /// Coded letters with articles kept ([`fold_letters`]), when they
    /// differ from `letters`; empty otherwise.
    pub lite: &'a [u8],
    /// [`Phonetic::sound`].
    pub sound: &'a [u8],
    /// [`Phonetic::skeleton`].
    pub skeleton: &'a [u8],
    pub script: Script,
    /// The entry the spelling belongs to.
    pub entry: u32,
    /// What a perfect similarity to this spelling is worth, as a factor.
    pub cap: f64,
}

/// What rescoring a candidate needs to know of a form besides its keys,
/// kept beside them so that it costs one cache line, not a visit to the
/// form itself.
#[derive(Debug, Clone, Copy)]
struct Span {
    /// Start in the arena's bytes.
    start: u32,
    /// Lengths of letters, lite letters, sound and skeleton.
    lens: [u16; 4],
    entry: u32,
    /// What a perfect similarity is worth for this form (below 1 for a
    /// surname alone).
    cap: f32,
    script: Script,
}

/// The keys of every indexed spelling, by form id.
#[derive(Debug, Default)]
pub struct KeyArena {
    bytes: Vec<u8>,
    spans: Vec<Span>,
}

impl KeyArena {
    /// Files the keys of a spelling: its fold, its letters with articles
    /// ([`fold_letters`]) and its sound.
    pub fn push(
        &mut self,
        (folded, lite): (&str, &str),
        phonetic: &Phonetic,
        script: Script,
        entry: u32,
        cap: f64,
    ) {
        let start = self.bytes.len();
        // Each key is cut at what its length can record (names are far
        // shorter).
        let mut lens = [0u16; 4];
        let mut key = Vec::new();
        letters(folded, &mut key);
        lens[0] = self.append(&key);
        if lite != folded {
            key.clear();
            letters(lite, &mut key);
            lens[1] = self.append(&key);
        }
        lens[2] = self.append(phonetic.sound.as_bytes());
        lens[3] = self.append(phonetic.skeleton.as_bytes());
        self.spans.push(Span {
            start: start as u32,
            lens,
            entry,
            cap: cap as f32,
            script,
        });
    }

    /// Appends a key, cut to `u16::MAX` bytes; returns its length.
    fn append(&mut self, key: &[u8]) -> u16 {
        let key = &key[..key.len().min(u16::MAX as usize)];
        self.bytes.extend_from_slice(key);
        key.len() as u16
    }

    pub fn get(&self, form: u32) -> Key<'_> {
        let span = self.spans[form as usize];
        let [l, a, s, k] = span.lens.map(usize::from);
        let at = span.start as usize;
        let (lite, sound, skeleton) = (at + l, at + l + a, at + l + a + s);
        Key {
            letters: &self.bytes[at..lite],
            lite: &self.bytes[lite..sound],
            sound: &self.bytes[sound..skeleton],
            skeleton: &self.bytes[skeleton..skeleton + k],
            script: span.script,
            entry: span.entry,
            cap: f64::from(span.cap),
        }
    }

    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
        self.spans.shrink_to_fit();
    }
}
