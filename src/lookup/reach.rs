//! Whether a candidate may score what a lookup wants, by what the indexes
//! file with it: its packed [`Shape`] (its tag), the longest delete of its
//! skeleton it shares with the query's, and the letters it has. Asked
//! before its keys are read, so that a lookup wanting only high scores
//! rescores few of the forms it retrieves.

use super::deletes::Shared;
use super::elsewhere;
use super::keys::{Shape, UNSHAPED};
use super::letters::{letter_sketch, sketch_apart};
use super::score::{self, Apart, Prepared};
use crate::text::Script;
use std::cell::Cell;

/// A lookup's wish: one reading of the query, worth `factor` of its
/// similarity, and the score a candidate must be able to reach.
pub(crate) struct Reach<'q> {
    query: &'q Prepared,
    factor: f64,
    floor: f64,
    /// Consonant classes of the query, word breaks left out.
    consonants: usize,
    /// [`letter_sketch`] of the query's letters, word breaks left out.
    sketch: u64,
    memo: Memo,
}

impl<'q> Reach<'q> {
    /// Candidates for `query` (a reading worth `factor`) that may score
    /// `floor` or more; every one when `floor` is 0.
    pub fn new(query: &'q Prepared, factor: f64, floor: f64) -> Reach<'q> {
        Reach {
            query,
            factor,
            floor,
            consonants: query.consonants(),
            sketch: letter_sketch(query.letters_squeezed()),
            memo: Memo::default(),
        }
    }

    /// By the candidate's tag alone.
    pub fn may(&self, tag: u32) -> bool {
        self.may_be(tag, (Asked::Tag, 0, 0), |_| Apart::default())
    }

    /// By its tag and the `len` of a delete of its skeleton it shares
    /// with the query's ([`Shared`]).
    pub fn may_share(&self, tag: u32, len: usize) -> bool {
        self.may_be(tag, (Asked::Shared, len, 0), |shape| Apart {
            skeleton: self.skeleton_apart(shape, len),
            letters: 0,
        })
    }

    /// By the longest delete it shares: [`Reach::spell_bound`] against the
    /// floor.
    #[cfg(test)]
    pub fn may_spell(&self, found: &Shared, sketch: u64) -> bool {
        self.reaches(self.spell_bound(found, sketch))
    }

    /// What a candidate may score at most by its tag, the longest delete
    /// of its skeleton it shares with the query's ([`Shared::len`]) and
    /// the [`letter_sketch`] of its letters without word breaks; infinite
    /// when unknown, or not worth knowing (every candidate wanted).
    pub fn spell_bound(&self, found: &Shared, sketch: u64) -> f64 {
        let (len, letters) = (usize::from(found.len), sketch_apart(self.sketch, sketch));
        self.bound_of(found.tag, (Asked::Spelt, len, letters), |shape| Apart {
            skeleton: self.skeleton_apart(shape, len),
            letters,
        })
    }

    /// Whether a candidate that may score `bound` at most may reach the
    /// floor.
    pub fn reaches(&self, bound: f64) -> bool {
        bound >= self.floor
    }

    /// Skeletons sharing at most `len` classes in order are at least this
    /// many edits apart.
    fn skeleton_apart(&self, shape: &Shape, len: usize) -> usize {
        self.consonants
            .max(usize::from(shape.consonants))
            .saturating_sub(len)
    }

    /// Whether a candidate tagged `tag` may reach the floor, its distances
    /// from the query at least `apart` of its shape.
    fn may_be(
        &self,
        tag: u32,
        asked: (Asked, usize, usize),
        apart: impl FnOnce(&Shape) -> Apart,
    ) -> bool {
        self.reaches(self.bound_of(tag, asked, apart))
    }

    /// What a candidate tagged `tag` may score at most, its distances from
    /// the query at least `apart` of its shape; remembered by the tag and
    /// what was `asked`. Infinite when every candidate is wanted or the
    /// tag tells nothing.
    fn bound_of(
        &self,
        tag: u32,
        asked: (Asked, usize, usize),
        apart: impl FnOnce(&Shape) -> Apart,
    ) -> f64 {
        if self.floor <= 0.0 || tag == UNSHAPED {
            return f64::INFINITY;
        }
        self.memo.get_or(Memo::key(tag, asked), || {
            let (shape, script) = Shape::unpack(tag);
            self.bound(&shape, script, apart(&shape))
        })
    }

    /// What a candidate of this shape and script, `apart` from the query,
    /// may score at most (its cap, at most 1, left out).
    fn bound(&self, shape: &Shape, script: Script, apart: Apart) -> f64 {
        score::similarity_bound(self.query, shape, script, apart)
            * self.factor
            * elsewhere(self.query.script(), script, shape.scripts)
    }
}

/// What a candidate was asked by.
#[derive(Clone, Copy)]
enum Asked {
    Tag,
    Shared,
    Spelt,
}

/// Bounds remembered: many candidates share a shape and distances, and a
/// form is filed under many deletes.
struct Memo {
    /// Direct-mapped by the key's hash: (key, bound), [`Memo::EMPTY`]
    /// when empty.
    slots: [Cell<(u64, f64)>; 512],
}

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            slots: std::array::from_fn(|_| Cell::new((Memo::EMPTY, 0.0))),
        }
    }
}

impl Memo {
    /// No key: its tag would be [`UNSHAPED`], which is never asked.
    const EMPTY: u64 = u64::MAX;

    /// A tag and what was asked of it in 64 bits, figures cut to 12 bits:
    /// a lower bound cut is still one, and a shared delete is no longer
    /// than the form's skeleton, which a tag holds in 5 bits.
    fn key(tag: u32, (asked, a, b): (Asked, usize, usize)) -> u64 {
        let cut = |d: usize| d.min(0xFFF) as u64;
        u64::from(tag) | cut(a) << 32 | cut(b) << 44 | (asked as u64) << 56
    }

    /// The bound for `key`, from `work` when not remembered.
    fn get_or(&self, key: u64, work: impl FnOnce() -> f64) -> f64 {
        let slot = &self.slots[(key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize];
        let (held, answer) = slot.get();
        if held == key {
            return answer;
        }
        let answer = work();
        slot.set((key, answer));
        answer
    }
}
