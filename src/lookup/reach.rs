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
        self.may_be(tag, |_| Apart::default())
    }

    /// By its tag and the `len` of a delete of its skeleton it shares
    /// with the query's ([`Shared`]).
    pub fn may_share(&self, tag: u32, len: usize) -> bool {
        self.may_be(tag, |shape| Apart {
            skeleton: self.skeleton_apart(shape, len),
            letters: 0,
        })
    }

    /// By the longest delete it shares ([`super::deletes::longest_shared`])
    /// and the [`letter_sketch`] of its letters without word breaks.
    pub fn may_spell(&self, found: &Shared, sketch: u64) -> bool {
        let letters = sketch_apart(self.sketch, sketch);
        self.may_be(found.tag, |shape| Apart {
            skeleton: self.skeleton_apart(shape, usize::from(found.len)),
            letters,
        })
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
    fn may_be(&self, tag: u32, apart: impl FnOnce(&Shape) -> Apart) -> bool {
        if self.floor <= 0.0 || tag == UNSHAPED {
            return true;
        }
        let (shape, script) = Shape::unpack(tag);
        let apart = apart(&shape);
        self.memo.get_or(Memo::key(tag, apart), || {
            self.bound(&shape, script, apart) >= self.floor
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

/// Answers remembered: many candidates share a shape and distances, and a
/// form is filed under many deletes.
struct Memo {
    /// Direct-mapped by the key's hash: (key, answer), [`Memo::EMPTY`]
    /// when empty.
    slots: [Cell<(u64, bool)>; 512],
}

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            slots: std::array::from_fn(|_| Cell::new((Memo::EMPTY, false))),
        }
    }
}

impl Memo {
    /// No key: its tag would be [`UNSHAPED`], which is never asked.
    const EMPTY: u64 = u64::MAX;

    /// A tag and distances in 64 bits, distances cut to 12 bits (a lower
    /// bound cut lower is still one).
    fn key(tag: u32, apart: Apart) -> u64 {
        let cut = |d: usize| d.min(0xFFF) as u64;
        u64::from(tag) | cut(apart.skeleton) << 32 | cut(apart.letters) << 44
    }

    /// The answer for `key`, from `work` when not remembered.
    fn get_or(&self, key: u64, work: impl FnOnce() -> bool) -> bool {
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
