//! Calibrated similarity between two spellings.
//!
//! Scores are meant to be read as confidence: at 0.8 or above the match is
//! almost never the wrong entry, and ordinary words stay below it. The
//! figures here are tuned against the evaluation in `tests/lookup_quality.rs`.

use super::keys::{self, first_class_hash, Key, Shape};
use super::osa::Pattern;
use crate::text::{Phonetic, Script};

/// Scores of exact matches, by what matched.
pub const EXACT: f64 = 1.0;
/// A Russian case form or an Arabic word with clitics of a listed form.
pub const INFLECTED: f64 = 0.97;
/// A person's surname alone, when only one entry has that surname.
pub const SURNAME: f64 = 0.93;
/// The surname of a listed variant (`Hifter` from `Khalifa Hifter`).
pub const VARIANT_SURNAME: f64 = 0.9;
/// A surname several persons share (`Gaddafi`), for the first of them in
/// glossary order: the one a surname alone usually means.
pub const PRIMARY_SHARED_SURNAME: f64 = 0.85;
/// The same surname for the other bearers, and a surname that also starts
/// another person's name (`Salah`, `Salah Badi`): below the trust
/// threshold.
pub const SHARED_SURNAME: f64 = 0.72;
/// A surname alone written as listed, as the rewrite to the house surname,
/// when every bearer's house surname is spelt alike and the text names one
/// of them in full: the rewrite holds whichever of them is meant, as a
/// near-certain spelling's does.
pub const SETTLED_SURNAME: f64 = 0.95;
/// Similarity never reaches what an exact match scores.
pub const FUZZY_CEILING: f64 = 0.95;

/// One side of a comparison.
pub struct Spelling<'a> {
    /// The folded form ([`crate::text::fold`]).
    pub folded: &'a str,
    pub phonetic: &'a Phonetic,
    pub script: Script,
}

/// How many letter edits a spelling of `len` characters (word breaks
/// included) may be from a glossary spelling and still be taken for a
/// typing slip of it: one in a short word, two otherwise.
pub fn max_typos(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// What `typos` letter edits in spellings of `len` characters are worth:
/// the share of letters right, below the ceiling.
fn typo_score(typos: usize, len: usize) -> f64 {
    FUZZY_CEILING * (1.0 - typos as f64 / len as f64)
}

/// One word of the query (or the whole query without word breaks),
/// prepared for comparisons.
struct WordPatterns {
    /// Letters, when the folded words line up with the sound's.
    letters: Option<Pattern>,
    sound: Pattern,
    skeleton: Pattern,
}

/// A query spelling prepared for comparison with many glossary spellings.
pub(crate) struct Prepared {
    script: Script,
    /// Letters with word breaks, for typing slips.
    typo: Pattern,
    /// The same with articles kept ([`keys::fold_letters`]), when they
    /// differ.
    lite: Option<Pattern>,
    /// The whole spelling without word breaks.
    whole: WordPatterns,
    /// Each word, when there are several.
    words: Vec<WordPatterns>,
    /// First consonant class.
    first: Option<u8>,
    /// Consonant classes.
    weight: usize,
    /// Sound classes.
    sounds: usize,
}

impl Prepared {
    pub fn new(folded: &str, phonetic: &Phonetic, script: Script) -> Prepared {
        let mut letters = Vec::with_capacity(folded.len());
        keys::letters(folded, &mut letters);
        let sound = phonetic.sound.as_bytes();
        let skeleton = phonetic.skeleton.as_bytes();
        let squeezed = |s: &[u8]| -> Vec<u8> { s.iter().copied().filter(|&c| c != b' ').collect() };
        let n_words = sound.split(|&c| c == b' ').count();
        let aligned = letters.split(|&c| c == b' ').count() == n_words;
        let mut words = Vec::new();
        if n_words > 1 {
            let mut l = letters.split(|&c| c == b' ');
            for (so, sk) in sound
                .split(|&c| c == b' ')
                .zip(skeleton.split(|&c| c == b' '))
            {
                words.push(WordPatterns {
                    letters: if aligned {
                        l.next().map(Pattern::new)
                    } else {
                        None
                    },
                    sound: Pattern::new(so),
                    skeleton: Pattern::new(sk),
                });
            }
        }
        let skeleton_squeezed = squeezed(skeleton);
        Prepared {
            script,
            typo: Pattern::new(&letters),
            lite: None,
            whole: WordPatterns {
                letters: Some(Pattern::new(&squeezed(&letters))),
                sound: Pattern::new(&squeezed(sound)),
                skeleton: Pattern::new(&skeleton_squeezed),
            },
            words,
            first: skeleton_squeezed.first().copied(),
            weight: skeleton_squeezed.len(),
            sounds: sound.iter().filter(|&&c| c != b' ').count(),
        }
    }

    /// The query as typed, folded word by word with its articles
    /// ([`keys::fold_letters`]): compared with the glossary's spellings
    /// written the same way, so that a slip in an article costs one edit.
    pub fn with_lite(mut self, lite: &str) -> Prepared {
        let mut letters = Vec::with_capacity(lite.len());
        keys::letters(lite, &mut letters);
        if letters != self.typo.symbols() {
            self.lite = Some(Pattern::new(&letters));
        }
        self
    }

    pub fn script(&self) -> Script {
        self.script
    }

    /// Consonant classes, word breaks left out.
    pub fn consonants(&self) -> usize {
        self.weight
    }

    /// The letters without word breaks.
    pub fn letters_squeezed(&self) -> &[u8] {
        self.whole.letters.as_ref().map_or(&[], Pattern::symbols)
    }

    /// The letters with word breaks, and with articles when they differ.
    pub fn letters(&self) -> impl Iterator<Item = &[u8]> {
        std::iter::once(self.typo.symbols()).chain(self.lite.as_ref().map(Pattern::symbols))
    }

    /// An upper bound of what [`Prepared::typos`] of a form of this shape
    /// is worth ([`typo_score`]); 0 when it cannot be a typing slip.
    fn typo_bound(&self, f: &Shape, apart: usize) -> f64 {
        // Slips are worth their share of the longer spelling's letters, or
        // of at most `cap` of them.
        let slips = |q: usize, f: u16, apart: usize, cap: usize| {
            let f = usize::from(f);
            let allowed = max_typos(q.min(f));
            let least = q.abs_diff(f).max(apart);
            let len = cap.min(q.max(f));
            if allowed == 0 || least > allowed || len == 0 {
                return 0.0;
            }
            typo_score(least, len)
        };
        // Word breaks only add edits to those between the letters alone.
        let plain = slips(self.typo.len(), f.letters, apart, usize::MAX);
        let cap = self.lite_cap(usize::from(f.letters));
        let lite = match &self.lite {
            Some(q) => slips(
                q.len(),
                if f.lite == 0 { f.letters } else { f.lite },
                0,
                cap,
            ),
            None if f.lite != 0 => slips(self.typo.len(), f.lite, 0, cap),
            None => 0.0,
        };
        plain.max(lite)
    }

    /// The most letters that slips counted with articles (the lite
    /// letters) are weighed against, for a form of `f_letters` letters
    /// without them: in Arabic, the longer spelling's letters without the
    /// article, since an article any noun may take is no evidence (`الظهر`
    /// is not `الوهر` mistyped, two of its five letters being the
    /// article); elsewhere no fewer than the lite letters.
    fn lite_cap(&self, f_letters: usize) -> usize {
        if self.script == Script::Arabic {
            self.typo.len().max(f_letters)
        } else {
            usize::MAX
        }
    }

    /// The fewest typing slips between the query and a form, letters to
    /// letters or (both as written with articles) lite to lite, with the
    /// longer length of the pair; `None` when beyond the allowance.
    pub fn typos(&self, f: &Key) -> Option<(usize, usize)> {
        let slips = |q: &Pattern, f: &[u8]| {
            let allowed = max_typos(q.len().min(f.len()));
            if allowed == 0 || q.len().abs_diff(f.len()) > allowed {
                return None;
            }
            let d = q.distance(f);
            (d <= allowed).then_some((d, q.len().max(f.len())))
        };
        let plain = slips(&self.typo, f.letters);
        let cap = self.lite_cap(f.letters.len());
        let lite = match &self.lite {
            Some(q) => slips(q, if f.lite.is_empty() { f.letters } else { f.lite }),
            None if !f.lite.is_empty() => slips(&self.typo, f.lite),
            None => None,
        }
        .map(|(typos, len)| (typos, len.min(cap)))
        .filter(|&(_, len)| len > 0);
        match (plain, lite) {
            (Some(a), Some(b)) => Some(if typo_score(b.0, b.1) > typo_score(a.0, a.1) {
                b
            } else {
                a
            }),
            (a, b) => a.or(b),
        }
    }
}

/// Similarity in 0..1 between a query and a glossary form that are not the
/// same spelling.
///
/// Names of several words are compared word by word when the counts agree,
/// weighted towards the worst word: `Правительство национального спасения`
/// is a different body from `… согласия`, however alike the rest. A
/// spelling in the same script a typing slip or two away from the form
/// scores by its letters alone: `Tarhnua` is `Tarhuna` mistyped.
pub fn similarity(query: &Spelling, form: &Spelling) -> f64 {
    let prepared = Prepared::new(query.folded, query.phonetic, query.script);
    let mut letters = Vec::new();
    keys::letters(form.folded, &mut letters);
    let key = Key {
        letters: &letters,
        lite: &[],
        sound: form.phonetic.sound.as_bytes(),
        skeleton: form.phonetic.skeleton.as_bytes(),
        script: form.script,
        entry: 0,
        cap: 1.0,
    };
    similarity_to(&prepared, &key)
}

/// [`similarity`] of a prepared query and a glossary form's keys.
pub(crate) fn similarity_to(q: &Prepared, f: &Key) -> f64 {
    if q.weight == 0 || !f.skeleton.iter().any(|&c| c != b' ') {
        return 0.0;
    }
    let scripts = (q.script, f.script);
    let f_words = f.sound.split(|&c| c == b' ').count();
    let mut score = if q.words.len() > 1 && q.words.len() == f_words {
        let aligned = f.letters.split(|&c| c == b' ').count() == f_words;
        let mut letters = f.letters.split(|&c| c == b' ');
        let (mut worst, mut sum) = (1.0f64, 0.0);
        for (w, (so, sk)) in q.words.iter().zip(
            f.sound
                .split(|&c| c == b' ')
                .zip(f.skeleton.split(|&c| c == b' ')),
        ) {
            let l = letters.next().filter(|_| aligned);
            let sim = word_similarity(w, l, so, sk, scripts);
            worst = worst.min(sim);
            sum += sim;
        }
        0.6 * worst + 0.4 * sum / q.words.len() as f64
    } else {
        // Compared without word breaks, so that `Abdelhamid` meets
        // `Abdul Hamid`; a split or merged word still costs a little.
        let whole = word_similarity(&q.whole, Some(f.letters), f.sound, f.skeleton, scripts);
        if q.words.len().max(1) != f_words {
            0.95 * whole
        } else {
            whole
        }
    };
    let f_first = f.skeleton.iter().copied().find(|&c| c != b' ');
    if q.first != f_first {
        score *= 0.9;
    }
    let count = |s: &[u8]| s.iter().filter(|&&c| c != b' ').count();
    score *= evidence(
        q.weight.min(count(f.skeleton)),
        q.sounds.min(count(f.sound)),
    );
    if q.script == f.script {
        // A typing slip is a few letters off, whatever they sound like.
        if let Some((typos, len)) = q.typos(f) {
            score = score.max(typo_score(typos, len));
        }
    }
    score.min(FUZZY_CEILING)
}

/// What is known of how far a form is from the query before its keys are
/// read: lower bounds of edit distances, 0 when nothing is known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct Apart {
    /// Between the skeletons, word breaks left out.
    pub skeleton: usize,
    /// Between the letters, word breaks left out.
    pub letters: usize,
}

/// An upper bound of [`similarity_to`] from the shape of a form's keys and
/// what is known of their distances from the query's (`apart`): an edit
/// distance is at least that and at least the difference of the lengths,
/// which bounds each similarity, and every other factor of the score is
/// known from lengths, scripts and (when its hash differs) the first
/// consonant class.
///
/// A candidate whose bound is below what a caller wants is left unscored
/// ([`LookupIndex::lookup_above`](super::LookupIndex::lookup_above)).
pub(crate) fn similarity_bound(q: &Prepared, f: &Shape, f_script: Script, apart: Apart) -> f64 {
    let (consonants, sounds) = (usize::from(f.consonants), usize::from(f.sounds));
    if q.weight == 0 || consonants == 0 {
        return 0.0;
    }
    let f_words = usize::from(f.words);
    let base = if q.words.len() > 1 && q.words.len() == f_words {
        // Word by word: not bounded here (queries of several words have
        // few candidates).
        1.0
    } else {
        let skeleton = ratio(q.weight, consonants, apart.skeleton);
        let whole = if (q.script == Script::Arabic) != (f_script == Script::Arabic) {
            0.8 * skeleton
        } else {
            let root = ratio(q.sounds, sounds, 0).sqrt().sqrt();
            let phonetic = skeleton * root * root * root;
            if q.script != f_script {
                0.97 * phonetic
            } else {
                let q_letters = q.whole.letters.as_ref().map_or(0, Pattern::len);
                if q_letters > 0 && f.letters > 0 {
                    let letters = ratio(q_letters, usize::from(f.letters_squeezed), apart.letters);
                    phonetic.max(0.95 * letters)
                } else {
                    phonetic
                }
            }
        };
        if q.words.len().max(1) != f_words {
            0.95 * whole
        } else {
            whole
        }
    };
    let base = if first_class_hash(q.first) != f.first {
        base * 0.9
    } else {
        base
    };
    let mut score = base * evidence(q.weight.min(consonants), q.sounds.min(sounds));
    if q.script == f_script {
        score = score.max(q.typo_bound(f, apart.letters));
    }
    score.min(FUZZY_CEILING)
}

/// What a similarity of `1 − distance / longer` between keys of lengths
/// `a` and `b` is at most, when the distance is known to be at least
/// `apart`: it is also at least the difference of the lengths (reckoned
/// as the similarity is, so that rounding agrees).
fn ratio(a: usize, b: usize, apart: usize) -> f64 {
    match a.max(b) {
        0 => 1.0,
        longer => 1.0 - a.abs_diff(b).max(apart) as f64 / longer as f64,
    }
}

/// Similarity of one word (or a whole name compared at once, word breaks
/// left out): the query's prepared word against a form's letters (when
/// they line up), sound and skeleton.
fn word_similarity(
    q: &WordPatterns,
    letters: Option<&[u8]>,
    sound: &[u8],
    skeleton: &[u8],
    (q_script, f_script): (Script, Script),
) -> f64 {
    let skeleton = q.skeleton.similarity_squeezed(skeleton);
    if (q_script == Script::Arabic) != (f_script == Script::Arabic) {
        // Unvocalised Arabic has no short vowels to compare: consonants
        // only, and less certainty than a near spelling in the query's own
        // script, which should win.
        return 0.8 * skeleton;
    }
    // Both must agree: consonants (the name's identity across
    // romanisations) and vowels (what tells `Triple` from `Tripoli`).
    let sound = q.sound.similarity_squeezed(sound);
    // sound^0.75, without the cost of a general power.
    let root = sound.sqrt().sqrt();
    let phonetic = skeleton * root * root * root;
    if q_script != f_script {
        return 0.97 * phonetic;
    }
    // In one script, a typo is one letter off however it sounds; and a
    // spelling that sounds the same but is written differently throughout
    // is less likely meant than one a slip away.
    match (&q.letters, letters) {
        (Some(q), Some(f)) if !q.is_empty() && !f.is_empty() => {
            let letters = q.similarity_squeezed(f);
            (phonetic * (1.0 - SPELT_APART * (1.0 - letters))).max(0.95 * letters)
        }
        _ => phonetic,
    }
}

/// How much of a sound match is lost when none of the letters agree
/// (in proportion when some do).
const SPELT_APART: f64 = 0.2;

/// How much a match of `consonants` consonant classes in words of
/// `letters` sound classes can be trusted: short words collide by chance
/// (`Sort` / `Surt`), a two-consonant word matches far too much.
fn evidence(consonants: usize, letters: usize) -> f64 {
    let by_consonants = match consonants {
        0 => 0.0,
        1 => 0.4,
        2 => 0.65,
        3 if letters >= 6 => 0.95,
        3 => 0.85,
        _ => 1.0,
    };
    if letters <= 4 {
        by_consonants * 0.88
    } else {
        by_consonants
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    fn score(q: &str, f: &str) -> f64 {
        let (fq, ff) = (fold(q), fold(f));
        let (pq, pf) = (Phonetic::of_folded(&fq), Phonetic::of_folded(&ff));
        similarity(
            &Spelling {
                folded: &fq,
                phonetic: &pq,
                script: Script::detect(q),
            },
            &Spelling {
                folded: &ff,
                phonetic: &pf,
                script: Script::detect(f),
            },
        )
    }

    #[test]
    fn romanisations_score_high() {
        assert!(
            score("Hifter", "Haftar") >= 0.8,
            "{}",
            score("Hifter", "Haftar")
        );
        assert!(score("Tarhouna", "Tarhuna") >= 0.8);
        assert!(score("Misurata", "Misrata") >= 0.8);
        assert!(score("Qadhafi", "Gaddafi") >= 0.8);
        assert!(score("Хифтер", "Хафтар") >= 0.8);
        assert!(score("Khalifa Hiftar", "Khalifa Haftar") >= 0.8);
        assert!(score("Abdelhamid Dbeibah", "Abdul Hamid Dbeibah") >= 0.8);
    }

    #[test]
    fn ordinary_words_score_low() {
        assert!(
            score("Misery", "Misrata") < 0.8,
            "{}",
            score("Misery", "Misrata")
        );
        assert!(score("Tarot", "Tarhuna") < 0.8);
        assert!(score("after", "Haftar") < 0.8);
        assert!(score("the", "Tobruk") < 0.5);
        assert!(score("Sort", "Surt") < 0.8, "{}", score("Sort", "Surt"));
        assert!(
            score(
                "Правительство национального спасения",
                "Правительство национального согласия"
            ) < 0.8,
            "{}",
            score(
                "Правительство национального спасения",
                "Правительство национального согласия"
            )
        );
    }

    #[test]
    fn scores_stay_in_range() {
        for (q, f) in [
            ("a", "b"),
            ("", "x"),
            ("حفتر", "Haftar"),
            ("Хафтар", "Haftar"),
        ] {
            let s = score(q, f);
            assert!((0.0..=FUZZY_CEILING).contains(&s), "{q} {f} {s}");
        }
    }
}
