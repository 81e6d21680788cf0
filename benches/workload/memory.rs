//! Deterministic translation-memory workload, shared by `benches/tm.rs` and
//! `benches/compare.rs`: English–Russian units made of invented words
//! (Zipf-distributed over a 40 000-word vocabulary, 6–22 words a sentence,
//! some numbers), written as TMX; queries made from stored sentences with
//! small edits, and new sentences; and the exhaustive rescoring that tells
//! which stored units a query's best match really is.
//!
//! Everything comes from one `SmallRng` seeded with [`SEED`]: first the
//! vocabulary ([`Language::new`]), then the units, then the queries, so a
//! memory of N units is the same in both benchmarks and on every machine.

use dragoman::formats::tmx;
use dragoman::text::fold_word;
use dragoman::tm::keys::word_spans;
use dragoman::tm::score::{score, Segment};
use dragoman::tm::{Unit, Variant};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;
use std::hash::{Hash, Hasher};
use std::io::{BufWriter, Write};
use std::path::Path;

pub const SEED: u64 = 0x7E57_2026;
const VOCABULARY: usize = 40_000;

/// The generator's random source, seeded with [`SEED`].
pub fn rng() -> SmallRng {
    SmallRng::seed_from_u64(SEED)
}

/// A made-up word from syllables: Latin for English, Cyrillic for Russian.
fn word(rng: &mut SmallRng, syllables: &[&str]) -> String {
    let n = rng.gen_range(1..=4);
    (0..n)
        .map(|_| syllables[rng.gen_range(0..syllables.len())])
        .collect()
}

/// The vocabulary: each English word with its Russian "translation".
pub struct Language {
    en: Vec<String>,
    ru: Vec<String>,
    /// Cumulative Zipf weights over word ranks.
    cumulative: Vec<f64>,
}

impl Language {
    pub fn new(rng: &mut SmallRng) -> Language {
        let latin = [
            "ka", "ro", "mi", "tan", "sel", "do", "ver", "li", "nor", "pa", "us", "te", "gar",
            "bi", "lo", "fen", "ar", "qui", "ment", "son", "al", "ri", "to", "chi",
        ];
        let cyrillic = [
            "ка", "ро", "ми", "тан", "сел", "до", "вер", "ли", "нор", "па", "ус", "те", "гар",
            "би", "ло", "фен", "ар", "кви", "мент", "сон", "аль", "ри", "то", "чи",
        ];
        let mut en = Vec::with_capacity(VOCABULARY);
        let mut ru = Vec::with_capacity(VOCABULARY);
        let mut seen = std::collections::HashSet::new();
        while en.len() < VOCABULARY {
            let w = word(rng, &latin);
            if seen.insert(w.clone()) {
                en.push(w);
                ru.push(word(rng, &cyrillic));
            }
        }
        let mut total = 0.0;
        let cumulative = (0..VOCABULARY)
            .map(|r| {
                total += 1.0 / (r as f64 + 2.0);
                total
            })
            .collect();
        Language { en, ru, cumulative }
    }

    fn rank(&self, rng: &mut SmallRng) -> usize {
        let x = rng.gen::<f64>() * self.cumulative[VOCABULARY - 1];
        self.cumulative
            .partition_point(|&c| c < x)
            .min(VOCABULARY - 1)
    }

    /// An English sentence and its word-for-word Russian "translation".
    pub fn sentence(&self, rng: &mut SmallRng) -> (String, String) {
        let n = rng.gen_range(6..=22);
        let mut en = Vec::with_capacity(n + 1);
        let mut ru = Vec::with_capacity(n + 1);
        for i in 0..n {
            if i > 0 && rng.gen_bool(0.05) {
                let number = rng.gen_range(1..2030).to_string();
                en.push(number.clone());
                ru.push(number);
                continue;
            }
            let r = self.rank(rng);
            en.push(self.en[r].clone());
            ru.push(self.ru[r].clone());
        }
        (
            capitalise(&en.join(" ")) + ".",
            capitalise(&ru.join(" ")) + ".",
        )
    }

    /// A query made from a stored sentence: one or two words replaced, a
    /// word dropped, a number or the case changed.
    pub fn edit(&self, sentence: &str, rng: &mut SmallRng) -> String {
        let body = sentence.trim_end_matches('.');
        let mut w: Vec<String> = body.split(' ').map(str::to_string).collect();
        match rng.gen_range(0..5) {
            0 | 1 => {
                let i = rng.gen_range(0..w.len());
                w[i] = self.en[self.rank(rng)].clone();
            }
            2 => {
                for _ in 0..2 {
                    let i = rng.gen_range(0..w.len());
                    w[i] = self.en[self.rank(rng)].clone();
                }
            }
            3 => {
                let i = rng.gen_range(0..w.len());
                w.remove(i);
            }
            _ => {
                let i = rng.gen_range(0..w.len());
                w[i] = if w[i].chars().all(|c| c.is_ascii_digit()) {
                    rng.gen_range(1..2030).to_string()
                } else {
                    w[i].to_uppercase()
                };
            }
        }
        w.join(" ") + "."
    }

    /// `n` queries against the memory whose English segments are `texts`:
    /// nine in ten are edited stored sentences (mostly good matches), every
    /// tenth a new sentence (mostly none).
    pub fn queries(&self, texts: &[String], n: usize, rng: &mut SmallRng) -> Vec<String> {
        (0..n)
            .map(|i| {
                if i % 10 == 9 {
                    self.sentence(rng).0
                } else {
                    let j = rng.gen_range(0..texts.len());
                    self.edit(&texts[j], rng)
                }
            })
            .collect()
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Writes `units` English–Russian units to `path` as TMX (source language
/// English); the English segments, in order.
pub fn write_tmx(
    path: &Path,
    units: usize,
    lang: &Language,
    rng: &mut SmallRng,
) -> std::io::Result<Vec<String>> {
    let mut texts = Vec::with_capacity(units);
    let file = std::fs::File::create(path)?;
    let mut w = tmx::TmxWriter::new(BufWriter::new(file), "en")?;
    for _ in 0..units {
        let (en, ru) = lang.sentence(rng);
        let unit = Unit {
            variants: vec![Variant::plain("en", &en), Variant::plain("ru", &ru)],
            ..Default::default()
        };
        w.unit(&unit)?;
        texts.push(en);
    }
    w.finish()?.flush()?;
    Ok(texts)
}

/// The folded words of a sentence, hashed and sorted: a multiset for the
/// exhaustive rescoring's upper bound.
pub fn bag(text: &str) -> Vec<u64> {
    let mut b: Vec<u64> = word_spans(text)
        .into_iter()
        .map(|(s, e)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            fold_word(&text[s..e]).hash(&mut h);
            h.finish()
        })
        .collect();
    b.sort_unstable();
    b
}

fn overlap(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The most two segments with these bags can score: shared words over the
/// longer one's word count.
fn bound(a: &[u64], b: &[u64]) -> f64 {
    overlap(a, b) as f64 / a.len().max(b.len()).max(1) as f64
}

/// The best match of `query` over every unit, by dragoman's CAT score
/// (`tm::score`), found exhaustively: the best score and every unit that
/// reaches it (ties included), in unit order. `bags` are [`bag`] of
/// `texts`. Units are scored in the order of their word-overlap bound, and
/// the rest skipped once that bound cannot reach the best so far (the
/// penalties only lower a score), so the answer is exact.
pub fn exhaustive(query: &str, texts: &[String], bags: &[Vec<u64>]) -> (f64, Vec<usize>) {
    let q = Segment::plain(query);
    let qb = bag(query);
    let mut bounds: Vec<(f64, usize)> = bags
        .par_iter()
        .enumerate()
        .map(|(i, b)| (bound(&qb, b), i))
        .filter(|&(bound, _)| bound > 0.0)
        .collect();
    bounds.par_sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    let (mut best, mut top) = (0.0f64, Vec::new());
    for (bound, i) in bounds {
        // Scores are rounded to two decimals: a margin for the rounding.
        if bound + 0.01 < best {
            break;
        }
        let s = score(&q, &Segment::plain(&texts[i]));
        if s > best + 1e-9 {
            best = s;
            top.clear();
        }
        if s > 0.0 && (s - best).abs() < 1e-9 {
            top.push(i);
        }
    }
    top.sort_unstable();
    (best, top)
}
