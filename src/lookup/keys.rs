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

/// The lengths of a spelling's keys: all that [`similarity_bound`] needs
/// to know of it. Packed into 32 bits, it is filed beside the spelling in
/// the indexes, so that a candidate that cannot score high enough is set
/// aside without reading its keys.
///
/// [`similarity_bound`]: super::score::similarity_bound
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Coded letters, word breaks included.
    pub letters: u16,
    /// Coded letters with articles kept; 0 when the same as `letters`.
    pub lite: u16,
    /// Letters without word breaks.
    pub letters_squeezed: u16,
    /// Sound classes, without word breaks.
    pub sounds: u16,
    /// Consonant classes (the skeleton), without word breaks.
    pub consonants: u16,
    /// Words of the sound.
    pub words: u16,
    /// The scripts the entry's spellings are in, a bit per [`Script`]
    /// (set by the index; 0 from [`Shape::of`]).
    pub scripts: u8,
    /// [`first_class_hash`] of the first consonant class.
    pub first: u8,
}

/// Two bits of a spelling's first consonant class (`None` when it has
/// none): spellings whose hashes differ begin with different classes.
pub fn first_class_hash(first: Option<u8>) -> u8 {
    (u32::from(first.unwrap_or(0)).wrapping_mul(0x9E37_79B1) >> 30) as u8
}

impl Shape {
    /// The shape of a spelling's keys.
    pub fn of(key: &Key) -> Shape {
        let count = |s: &[u8]| s.iter().filter(|&&c| c != b' ').count() as u16;
        Shape {
            letters: key.letters.len() as u16,
            lite: key.lite.len() as u16,
            letters_squeezed: count(key.letters),
            sounds: count(key.sound),
            consonants: count(key.skeleton),
            words: key.sound.split(|&c| c == b' ').count() as u16,
            scripts: 0,
            first: first_class_hash(key.skeleton.iter().copied().find(|&c| c != b' ')),
        }
    }
}

/// Bits of each field of a packed [`Shape`], in order: script, the
/// entry's scripts, letters, lite (against letters), word breaks in the
/// letters, sounds, consonants, words, first class.
const PACKED: [u32; 9] = [2, 4, 6, 4, 2, 5, 5, 2, 2];

/// Field `i` of a packed [`Shape`]: the first field is in the top bits.
#[inline(always)]
const fn packed_field(packed: u32, i: usize) -> u32 {
    let mut shift = 0;
    let mut k = PACKED.len() - 1;
    while k > i {
        shift += PACKED[k];
        k -= 1;
    }
    (packed >> shift) & ((1 << PACKED[i]) - 1)
}

/// The tag of a form whose [`Shape`] does not pack.
pub const UNSHAPED: u32 = u32::MAX;

impl Shape {
    /// The shape and script in 32 bits, to be filed beside a form in an
    /// index; `None` when a length does not fit (a very long name).
    pub fn pack(&self, script: Script) -> Option<u32> {
        // Lite letters differ from the letters by an article or two.
        let lite = match self.lite {
            0 => 0,
            lite => {
                let at = i32::from(lite) - i32::from(self.letters) + 8;
                if !(1..16).contains(&at) {
                    return None;
                }
                at as u32
            }
        };
        let breaks = self.letters.checked_sub(self.letters_squeezed)?;
        let fields = [
            script as u32,
            u32::from(self.scripts),
            u32::from(self.letters),
            lite,
            u32::from(breaks),
            u32::from(self.sounds),
            u32::from(self.consonants),
            u32::from(self.words),
            u32::from(self.first),
        ];
        let mut packed = 0u32;
        for (value, bits) in fields.into_iter().zip(PACKED) {
            if value >= 1 << bits {
                return None;
            }
            packed = packed << bits | value;
        }
        Some(packed).filter(|&p| p != UNSHAPED)
    }

    /// What [`Shape::pack`] packed.
    #[inline]
    pub fn unpack(packed: u32) -> (Shape, Script) {
        let field = |i| packed_field(packed, i);
        let (script, scripts, letters, lite, breaks) =
            (field(0), field(1), field(2), field(3), field(4));
        let (sounds, consonants, words, first) = (field(5), field(6), field(7), field(8));
        let script = match script {
            0 => Script::Latin,
            1 => Script::Arabic,
            2 => Script::Cyrillic,
            _ => Script::Other,
        };
        let shape = Shape {
            letters: letters as u16,
            lite: if lite == 0 {
                0
            } else {
                (letters + lite - 8) as u16
            },
            letters_squeezed: (letters - breaks) as u16,
            sounds: sounds as u16,
            consonants: consonants as u16,
            words: words as u16,
            scripts: scripts as u8,
            first: first as u8,
        };
        (shape, script)
    }
}

/// What rescoring a candidate needs to know of a form besides its keys,
/// kept beside them so that it costs one cache line, not a visit to the
/// form itself.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
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

    /// The shape of a spelling's keys, and its script.
    pub fn shape(&self, form: u32) -> (Shape, Script) {
        let key = self.get(form);
        (Shape::of(&key), key.script)
    }

    /// The tag a spelling is filed with in the indexes: its packed
    /// [`Shape`] with the scripts of its entry's spellings (`scripts`), or
    /// [`UNSHAPED`].
    pub fn tag(&self, form: u32, scripts: u8) -> u32 {
        let (mut shape, script) = self.shape(form);
        shape.scripts = scripts;
        shape.pack(script).unwrap_or(UNSHAPED)
    }

    /// The entry a spelling belongs to.
    pub fn entry(&self, form: u32) -> u32 {
        self.spans[form as usize].entry
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

    /// Asks for the record of `form`'s keys to be brought into the cache,
    /// so that [`KeyArena::prefetch_keys`] a little later, and
    /// [`KeyArena::get`] after that, wait less.
    pub fn prefetch_span(&self, form: u32) {
        if let Some(span) = self.spans.get(form as usize) {
            crate::prefetch::prefetch(span);
        }
    }

    /// Asks for the first bytes of `form`'s keys to be brought into the
    /// cache (reading its record, best prefetched before).
    pub fn prefetch_keys(&self, form: u32) {
        if let Some(span) = self.spans.get(form as usize) {
            if let Some(byte) = self.bytes.get(span.start as usize) {
                crate::prefetch::prefetch(byte);
            }
        }
    }

    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
        self.spans.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_pack_and_unpack() {
        for script in [
            Script::Latin,
            Script::Arabic,
            Script::Cyrillic,
            Script::Other,
        ] {
            for lite in [0, 56, 63, 70] {
                let shape = Shape {
                    letters: 63,
                    lite,
                    letters_squeezed: 61,
                    sounds: 31,
                    consonants: 17,
                    words: 3,
                    scripts: 0b1011,
                    first: 2,
                };
                let packed = shape.pack(script).expect("fits");
                assert_eq!(Shape::unpack(packed), (shape, script));
            }
        }
        for lite in [1, 55, 71] {
            let far = Shape {
                letters: 63,
                lite,
                letters_squeezed: 63,
                ..Shape::default()
            };
            assert_eq!(far.pack(Script::Latin), None, "{lite}");
        }
        let long = Shape {
            letters: 64,
            ..Shape::default()
        };
        assert_eq!(long.pack(Script::Latin), None);
    }
}
