//! Calibrated similarity between two spellings.
//!
//! Scores are meant to be read as confidence: at 0.8 or above the match is
//! almost never the wrong entry, and ordinary words stay below it. The
//! figures here are tuned against the evaluation in `tests/lookup_quality.rs`.

use crate::text::{Phonetic, Script};
use strsim::normalized_damerau_levenshtein;

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
/// The same surname for the other bearers: below the trust threshold.
pub const SHARED_SURNAME: f64 = 0.72;
/// Similarity never reaches what an exact match scores.
pub const FUZZY_CEILING: f64 = 0.95;

/// One side of a comparison.
pub struct Spelling<'a> {
    pub phonetic: &'a Phonetic,
    pub script: Script,
}

/// Similarity in 0..1 between a query and a glossary form that are not the
/// same spelling.
///
/// Names of several words are compared word by word when the counts agree,
/// weighted towards the worst word: `Правительство национального спасения`
/// is a different body from `… согласия`, however alike the rest.
pub fn similarity(query: &Spelling, form: &Spelling) -> f64 {
    let (q, f) = (query.phonetic, form.phonetic);
    if q.skeleton.is_empty() || f.skeleton.is_empty() {
        return 0.0;
    }
    let q_words: Vec<(&str, &str)> = q.sound.split(' ').zip(q.skeleton.split(' ')).collect();
    let f_words: Vec<(&str, &str)> = f.sound.split(' ').zip(f.skeleton.split(' ')).collect();
    let mut score = if q_words.len() > 1 && q_words.len() == f_words.len() {
        let sims: Vec<f64> = q_words
            .iter()
            .zip(&f_words)
            .map(|(a, b)| word_similarity(*a, *b, query.script, form.script))
            .collect();
        let worst = sims.iter().copied().fold(1.0, f64::min);
        let mean = sims.iter().sum::<f64>() / sims.len() as f64;
        0.6 * worst + 0.4 * mean
    } else {
        // Compared without word breaks, so that `Abdelhamid` meets
        // `Abdul Hamid`; a split or merged word still costs a little.
        let (qs, fs) = (q.sound.replace(' ', ""), f.sound.replace(' ', ""));
        let whole = word_similarity(
            (&qs, &q.compact_skeleton()),
            (&fs, &f.compact_skeleton()),
            query.script,
            form.script,
        );
        if q_words.len() != f_words.len() {
            0.95 * whole
        } else {
            whole
        }
    };
    if q.skeleton.chars().next() != f.skeleton.chars().next() {
        score *= 0.9;
    }
    let letters = |p: &Phonetic| p.sound.chars().filter(|c| *c != ' ').count();
    score *= evidence(q.weight().min(f.weight()), letters(q).min(letters(f)));
    score.min(FUZZY_CEILING)
}

/// Similarity of one word (or a whole name compared at once), given as
/// (sound, skeleton).
fn word_similarity(q: (&str, &str), f: (&str, &str), q_script: Script, f_script: Script) -> f64 {
    let skeleton = normalized_damerau_levenshtein(q.1, f.1);
    let one_side_arabic = (q_script == Script::Arabic) != (f_script == Script::Arabic);
    if one_side_arabic {
        // Unvocalised Arabic has no short vowels to compare: consonants only,
        // and less certainty.
        return 0.92 * skeleton;
    }
    // Both must agree: consonants (the name's identity across
    // romanisations) and vowels (what tells `Triple` from `Tripoli`).
    let sound = normalized_damerau_levenshtein(q.0, f.0);
    let base = skeleton * sound.sqrt() * sound.sqrt().sqrt();
    if q_script == f_script {
        base
    } else {
        0.97 * base
    }
}

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
        let (pq, pf) = (Phonetic::of_folded(&fold(q)), Phonetic::of_folded(&fold(f)));
        similarity(
            &Spelling {
                phonetic: &pq,
                script: Script::detect(q),
            },
            &Spelling {
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
