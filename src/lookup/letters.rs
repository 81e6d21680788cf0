//! Spellings a typing slip or two away, by their letters (the pigeonhole
//! principle).
//!
//! A spelling of `n` letters that may take `k` slips ([`max_typos`]) is cut
//! into `k + 1` parts, and each part is filed under its text, its place
//! and `n`. `k` edits leave at least one part untouched, shifted by at most
//! `k` places, so a query finds it by looking up each part of each length
//! near its own at each shift. A transposition across the border of two
//! parts breaks both; so each place is also looked up with the letter
//! across either border swapped in. Two or three entries per spelling, where
//! deleting letters would file dozens.
//!
//! A pair of spellings is allowed the slips of the shorter; and a part is
//! looked up only at the shifts where the letters before it and those
//! after it differ in length by no more than that, together.

use super::deletes::Postings;
use super::keys::UNSHAPED;
use super::score::max_typos;

/// Letters of spellings filed by their parts.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct LetterIndex {
    /// Forms by part, each with its [`letter_sketch`] and a tag of 32
    /// bits of its own (what its keys look like).
    postings: Postings<(u64, u32)>,
}

/// Where part `i` of `parts` starts in a spelling of `n` letters.
fn bound(n: usize, parts: usize, i: usize) -> usize {
    i * n / parts
}

/// The hash part `i` of a spelling of `n` letters is filed under (FNV-1a
/// of `n`, `i` and the part).
fn part_hash(n: usize, i: usize, part: impl IntoIterator<Item = u8>) -> u64 {
    let head = [n.min(255) as u8, i as u8];
    head.into_iter()
        .chain(part)
        .fold(0xcbf2_9ce4_8422_2325, |h: u64, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// Which letters a spelling has (low 32 bits) and which it has twice or
/// more (high 32 bits), one bit per letter (a few share one): a filter
/// that needs nothing but the posting ([`sketch_apart`]).
pub fn letter_sketch(letters: &[u8]) -> u64 {
    let mut counts = [0u8; 32];
    for &c in letters {
        let count = &mut counts[usize::from(c % 32)];
        *count = count.saturating_add(1);
    }
    counts.iter().enumerate().fold(0, |sketch, (i, &n)| {
        sketch | u64::from(n >= 1) << i | u64::from(n >= 2) << (32 + i)
    })
}

/// How many edits apart spellings with these [`letter_sketch`]es are at
/// least. Each bit one has and the other lacks marks a letter it has more
/// of (two bits, two more), and each letter more takes an edit (deleting
/// or replacing it; a transposition moves none): one side's surplus of
/// bits is a lower bound.
pub fn sketch_apart(a: u64, b: u64) -> usize {
    (a & !b).count_ones().max((b & !a).count_ones()) as usize
}

impl LetterIndex {
    /// Files each `(form, letters)`, tagged [`UNSHAPED`].
    pub fn build<'k>(spellings: impl Iterator<Item = (u32, &'k [u8])>) -> LetterIndex {
        LetterIndex::build_tagged(spellings.map(|(form, letters)| (form, letters, UNSHAPED)))
    }

    /// Files each `(form, letters, tag)`.
    pub fn build_tagged<'k>(spellings: impl Iterator<Item = (u32, &'k [u8], u32)>) -> LetterIndex {
        let mut pairs = Vec::new();
        for (form, letters, tag) in spellings {
            let n = letters.len();
            let parts = max_typos(n) + 1;
            if parts == 1 {
                continue;
            }
            let sketch = letter_sketch(letters);
            for i in 0..parts {
                let part = &letters[bound(n, parts, i)..bound(n, parts, i + 1)];
                pairs.push((part_hash(n, i, part.iter().copied()), form, (sketch, tag)));
            }
        }
        LetterIndex {
            postings: Postings::build(pairs),
        }
    }

    /// Appends the forms that may be within their typing-slip allowance of
    /// `letters` (unsorted, possibly repeated, some farther: the caller
    /// measures).
    pub fn candidates(&self, letters: &[u8], out: &mut Vec<u32>) {
        self.candidates_where(letters, out, |_| true);
    }

    /// [`LetterIndex::candidates`] whose tag `keep` accepts.
    ///
    /// Every part to look up is hashed first and the postings are read
    /// all together ([`Postings::get_each`]): a large glossary's index
    /// outgrows the cache, and reads asked for together wait for memory
    /// together.
    pub fn candidates_where(&self, letters: &[u8], out: &mut Vec<u32>, keep: impl Fn(u32) -> bool) {
        let m = letters.len();
        let sketch = letter_sketch(letters);
        // Each part's hash, with the slips allowed at its length.
        let mut probes: smallvec::SmallVec<[(u64, usize); 128]> = smallvec::SmallVec::new();
        for n in m.saturating_sub(2)..=m + 2 {
            // The slips allowed between spellings of these lengths.
            let k = max_typos(n.min(m));
            if k == 0 || n.abs_diff(m) > k {
                continue;
            }
            let parts = max_typos(n) + 1;
            for i in 0..parts {
                let (start, end) = (bound(n, parts, i), bound(n, parts, i + 1));
                let len = end - start;
                let lo = start.saturating_sub(k);
                let hi = (start + k).min(m.saturating_sub(len));
                for at in lo..=hi {
                    if at + len > m {
                        break;
                    }
                    // The letters before the part and those after it take
                    // at least as many edits as their lengths differ by.
                    if at.abs_diff(start) + (m - at).abs_diff(n - start) > k {
                        continue;
                    }
                    let window = &letters[at..at + len];
                    probes.push((part_hash(n, i, window.iter().copied()), k));
                    if len < 2 {
                        continue;
                    }
                    // The part with its first letter swapped across the
                    // border before it, or its last across the one after.
                    if at > 0 {
                        let swapped =
                            std::iter::once(letters[at - 1]).chain(window[1..].iter().copied());
                        probes.push((part_hash(n, i, swapped), k));
                    }
                    if at + len < m {
                        let swapped = window[..len - 1]
                            .iter()
                            .copied()
                            .chain(std::iter::once(letters[at + len]));
                        probes.push((part_hash(n, i, swapped), k));
                    }
                }
            }
        }
        let hashes: smallvec::SmallVec<[u64; 128]> = probes.iter().map(|&(h, _)| h).collect();
        self.postings.get_each(&hashes, |probe, forms, sketches| {
            let k = probes[probe].1;
            out.extend(
                forms
                    .iter()
                    .zip(sketches)
                    .filter(|(_, &(s, tag))| sketch_apart(s, sketch) <= k && keep(tag))
                    .map(|(&f, _)| f),
            );
        });
    }

    /// Number of (part, form) pairs.
    pub fn len(&self) -> usize {
        self.postings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.postings.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lookup::osa;

    #[test]
    fn finds_every_spelling_within_its_allowance() {
        let words: Vec<&[u8]> = vec![
            b"tarhuna",
            b"haftar",
            b"misrata",
            b"khalifa haftar",
            b"bani walid",
            b"zawiya",
            b"sirt",
            b"abu",
        ];
        let index = LetterIndex::build(words.iter().enumerate().map(|(i, w)| (i as u32, *w)));
        let queries: [&[u8]; 11] = [
            b"tarhnua",
            b"taehnua",
            b"tarhun",
            b"htaftr",
            b"misarta",
            b"kalifa hafter",
            b"bani waleed",
            b"zawiyaa",
            b"sirte",
            b"ab",
            b"xyz",
        ];
        for q in queries {
            let mut found = Vec::new();
            index.candidates(q, &mut found);
            for (i, w) in words.iter().enumerate() {
                let d = osa::distance(q, w);
                if d <= max_typos(q.len().min(w.len())) && found.contains(&(i as u32)) {
                    continue;
                }
                assert!(
                    d > max_typos(q.len().min(w.len())),
                    "{} not found for {}",
                    String::from_utf8_lossy(w),
                    String::from_utf8_lossy(q)
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn sketches_bound_the_distance(a in "[a-z ]{0,14}", b in "[a-z ]{0,14}") {
            let apart = sketch_apart(letter_sketch(a.as_bytes()), letter_sketch(b.as_bytes()));
            proptest::prop_assert!(apart <= osa::distance(a.as_bytes(), b.as_bytes()));
        }
    }

    #[test]
    fn finds_slips_of_every_kind() {
        // A small deterministic generator: forms of 3 to 24 letters from a
        // short alphabet (so that parts repeat), each slipped once or
        // twice by insertions, deletions, substitutions and transpositions.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let alphabet = b"abdhiklmnrstu ";
        for _ in 0..3000 {
            let len = 3 + next(22);
            let form: Vec<u8> = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            let mut query = form.clone();
            for _ in 0..1 + next(2) {
                let at = next(query.len());
                match next(4) {
                    0 => query.insert(at, alphabet[next(alphabet.len())]),
                    1 if query.len() > 1 => {
                        query.remove(at);
                    }
                    2 if at + 1 < query.len() => query.swap(at, at + 1),
                    _ => query[at] = alphabet[next(alphabet.len())],
                }
            }
            let d = osa::distance(&query, &form);
            if d > max_typos(query.len().min(form.len())) {
                continue;
            }
            let index = LetterIndex::build(std::iter::once((0, form.as_slice())));
            let mut found = Vec::new();
            index.candidates(&query, &mut found);
            assert!(
                found.contains(&0),
                "{:?} not found for {:?} (distance {d})",
                String::from_utf8_lossy(&form),
                String::from_utf8_lossy(&query)
            );
        }
    }
}
