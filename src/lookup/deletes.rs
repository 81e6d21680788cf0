//! A symmetric-delete index (the SymSpell idea) over phonetic skeletons.
//!
//! Every key is stored under itself and every string obtained by deleting up
//! to `d` of its characters; a query looks up its own deletes. Two keys
//! within edit distance `d` always share a delete, so candidate retrieval
//! is a handful of binary searches instead of a scan of the glossary.

use super::keys::UNSHAPED;

/// Deletion depth for a key of `len` characters: short keys carry too little
/// evidence for two edits.
pub fn max_deletes(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// Forms filed under 64-bit hashes: the pairs sorted, with a directory on
/// the top bits of the hash so that a look-up is one index and a short
/// search, and only the next 32 bits of each hash stored. Each form may
/// carry data `D` (nothing by default).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Postings<D = ()> {
    /// Bits of the hash the directory is indexed by.
    bits: u32,
    /// Start of each directory bucket in `tags` and `forms`, and the end.
    dir: Vec<u32>,
    tags: Vec<u32>,
    forms: Vec<u32>,
    data: Vec<D>,
}

impl<D> Default for Postings<D> {
    fn default() -> Self {
        Postings {
            bits: 0,
            dir: Vec::new(),
            tags: Vec::new(),
            forms: Vec::new(),
            data: Vec::new(),
        }
    }
}

impl<D: Copy + Ord> Postings<D> {
    /// Files each `(hash, form, data)`.
    pub fn build(mut pairs: Vec<(u64, u32, D)>) -> Postings<D> {
        for pair in &mut pairs {
            pair.0 = mix(pair.0);
        }
        pairs.sort_unstable();
        pairs.dedup();
        let bits = (usize::BITS - (pairs.len() / 4).max(1).leading_zeros()).clamp(4, 24);
        let mut dir = vec![0u32; (1 << bits) + 1];
        for &(h, _, _) in &pairs {
            dir[(h >> (64 - bits)) as usize + 1] += 1;
        }
        for i in 1..dir.len() {
            dir[i] += dir[i - 1];
        }
        let tags = pairs.iter().map(|&(h, _, _)| tag(h, bits)).collect();
        let forms = pairs.iter().map(|&(_, f, _)| f).collect();
        let data = pairs.iter().map(|&(_, _, d)| d).collect();
        Postings {
            bits,
            dir,
            tags,
            forms,
            data,
        }
    }

    /// The forms filed under `h`, with their data: one hash at a time,
    /// what [`Postings::get_each`] is checked against.
    #[cfg(test)]
    pub fn get(&self, h: u64) -> (&[u32], &[D]) {
        let range = self.range(h);
        (&self.forms[range.clone()], &self.data[range])
    }

    /// The forms filed under each hash of `hashes` (rarely, also under
    /// another hash that agrees with it on the stored bits), with their
    /// data, handed to `each` in turn: the lookups' reads are asked for
    /// stage by stage, all of a stage together (directory, tags, forms),
    /// so that they wait for memory together when the postings outgrow
    /// the cache.
    pub fn get_each(&self, hashes: &[u64], mut each: impl FnMut(usize, &[u32], &[D])) {
        if self.forms.is_empty() {
            return;
        }
        let buckets: smallvec::SmallVec<[usize; 64]> = hashes
            .iter()
            .map(|&h| (mix(h) >> (64 - self.bits)) as usize)
            .collect();
        for &b in &buckets {
            crate::prefetch::prefetch(&self.dir[b]);
        }
        for &b in &buckets {
            if let Some(tag) = self.tags.get(self.dir[b] as usize) {
                crate::prefetch::prefetch(tag);
            }
        }
        let ranges: smallvec::SmallVec<[std::ops::Range<usize>; 64]> =
            hashes.iter().map(|&h| self.range(h)).collect();
        for range in &ranges {
            if range.start < range.end {
                crate::prefetch::prefetch(&self.forms[range.start]);
                crate::prefetch::prefetch(&self.data[range.start]);
            }
        }
        for (k, range) in ranges.into_iter().enumerate() {
            each(k, &self.forms[range.clone()], &self.data[range]);
        }
    }

    fn range(&self, h: u64) -> std::ops::Range<usize> {
        if self.forms.is_empty() {
            return 0..0;
        }
        let h = mix(h);
        let b = (h >> (64 - self.bits)) as usize;
        let (lo, hi) = (self.dir[b] as usize, self.dir[b + 1] as usize);
        let tags = &self.tags[lo..hi];
        let tag = tag(h, self.bits);
        let start = tags.partition_point(|&t| t < tag);
        let end = start + tags[start..].partition_point(|&t| t == tag);
        lo + start..lo + end
    }

    /// Number of (hash, form) pairs.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

/// The 32 bits of a (mixed) hash below the directory's `bits`.
fn tag(h: u64, bits: u32) -> u32 {
    (h >> (32 - bits)) as u32
}

/// (hash of delete, form) pairs, each form with a tag of 32 bits of its
/// own (what its keys look like), read without visiting the form.
///
/// Which deletes a form shares with the query also bounds how far apart
/// their keys are (`Shared`).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct DeleteIndex {
    postings: Postings<u32>,
    /// The length of the longest key indexed.
    longest: usize,
}

impl DeleteIndex {
    /// Indexes each `(form, key)`, tagged [`UNSHAPED`]; keys are ASCII
    /// skeletons.
    pub fn build<'k>(keys: impl Iterator<Item = (u32, &'k str)>) -> DeleteIndex {
        DeleteIndex::build_tagged(keys.map(|(form, key)| (form, key, UNSHAPED)))
    }

    /// Indexes each `(form, key, tag)`.
    pub fn build_tagged<'k>(keys: impl Iterator<Item = (u32, &'k str, u32)>) -> DeleteIndex {
        let mut pairs: Vec<(u64, u32, u32)> = Vec::new();
        let mut scratch = Vec::new();
        let mut longest = 0;
        for (form, key, tag) in keys {
            longest = longest.max(key.len());
            scratch.clear();
            deletes(key.as_bytes(), max_deletes(key.len()), &mut scratch);
            pairs.extend(scratch.iter().map(|&(h, _)| (h, form, tag)));
        }
        DeleteIndex {
            postings: Postings::build(pairs),
            longest,
        }
    }

    /// Appends the forms whose key may be within the deletion depth of `key`
    /// (unsorted, possibly repeated: the retrieval keeps each form once).
    pub fn candidates(&self, key: &str, out: &mut Vec<Shared>) {
        self.candidates_where(key, out, |_, _| true);
    }

    /// [`DeleteIndex::candidates`] filed under a delete that `keep`
    /// accepts, asked with the form's tag and the length of the delete.
    pub fn candidates_where(
        &self,
        key: &str,
        out: &mut Vec<Shared>,
        keep: impl Fn(u32, usize) -> bool,
    ) {
        let depth = max_deletes(key.len());
        // The shortest delete of a key longer than every indexed key by
        // more than its depth is longer than any delete indexed: nothing
        // to find, and a long key (a paragraph pasted as a term) has
        // millions of deletes.
        if key.len() - depth > self.longest {
            return;
        }
        let mut scratch = Vec::new();
        deletes(key.as_bytes(), depth, &mut scratch);
        let hashes: smallvec::SmallVec<[u64; 64]> = scratch.iter().map(|&(h, _)| h).collect();
        self.postings.get_each(&hashes, |k, forms, tags| {
            let len = scratch[k].1;
            out.extend(
                forms
                    .iter()
                    .zip(tags)
                    .filter(|(_, &tag)| keep(tag, len))
                    .map(|(&form, &tag)| Shared {
                        form,
                        tag,
                        len: len as u16,
                    }),
            );
        });
    }

    pub fn len(&self) -> usize {
        self.postings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.postings.is_empty()
    }
}

/// A form found under a delete of the query's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shared {
    pub form: u32,
    /// The form's tag.
    pub tag: u32,
    /// Length of the delete: once the retrieval keeps each form once, of
    /// the longest the form shares with the query's key.
    ///
    /// Every subsequence the two keys have in common, down to the deletion
    /// depth of each, is a delete both are filed under; so the longest
    /// shared delete is their longest common subsequence (or longer, on a
    /// collision of hashes), and their edit distance is at least the
    /// longer key's length less it.
    pub len: u16,
}

/// Sorts forms found by [`DeleteIndex::candidates`] and keeps each once,
/// with the longest delete it shares (as the retrieval does, in one pass
/// with its marks).
#[cfg(test)]
pub fn longest_shared(found: &mut Vec<Shared>) {
    found.sort_unstable_by_key(|s| (s.form, std::cmp::Reverse(s.len)));
    found.dedup_by_key(|s| s.form);
}

/// Hashes of `key` and all its deletes up to depth `d`, with their
/// lengths, deduplicated.
fn deletes(key: &[u8], d: usize, out: &mut Vec<(u64, usize)>) {
    let mut buf = key.to_vec();
    out.push((fnv1a(&buf), buf.len()));
    collect(&mut buf, d, 0, out);
    out.sort_unstable();
    out.dedup();
}

fn collect(buf: &mut Vec<u8>, d: usize, from: usize, out: &mut Vec<(u64, usize)>) {
    if d == 0 {
        return;
    }
    for i in from..buf.len() {
        let removed = buf.remove(i);
        out.push((fnv1a(buf), buf.len()));
        collect(buf, d - 1, i, out);
        buf.insert(i, removed);
    }
}

/// A 64-bit finaliser (MurmurHash3's), so that the top bits of a hash
/// spread evenly over the directory.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// FNV-1a: small, fast, stable across runs (the index is deterministic).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lookup::osa;

    #[test]
    fn reading_many_hashes_together_finds_what_each_finds_alone() {
        let pairs: Vec<(u64, u32, u32)> = (0..5000u32)
            .map(|i| (u64::from(i % 97) * 0x9E37_79B9, i, i * 7))
            .collect();
        let postings = Postings::build(pairs);
        let hashes: Vec<u64> = (0..120u64).map(|h| h * 0x9E37_79B9).collect();
        let mut seen = 0;
        postings.get_each(&hashes, |k, forms, data| {
            assert_eq!((forms, data), postings.get(hashes[k]), "hash {k}");
            seen += 1;
        });
        assert_eq!(seen, hashes.len());
        Postings::<u32>::default().get_each(&hashes, |_, _, _| panic!("nothing filed"));
    }

    /// An index of `keys`, each its own form.
    fn indexed(keys: &[&str]) -> DeleteIndex {
        DeleteIndex::build(keys.iter().enumerate().map(|(i, k)| (i as u32, *k)))
    }

    /// The forms found for `q`, each once.
    fn found(index: &DeleteIndex, q: &str) -> Vec<u32> {
        let mut out = Vec::new();
        index.candidates(q, &mut out);
        longest_shared(&mut out);
        out.iter().map(|s| s.form).collect()
    }

    #[test]
    fn finds_keys_within_the_depth() {
        let keys = ["HFTR", "TRHN", "MSRT", "KDF", "BNKZ"];
        let index = indexed(&keys);
        let find = |q: &str| found(&index, q);
        assert_eq!(find("HFTR"), vec![0]);
        assert_eq!(find("HFTRM"), vec![0]); // one insertion
        assert_eq!(find("HBTR"), vec![0]); // one substitution
        assert_eq!(find("MSRTT"), vec![2]);
        assert!(find("ZZZZ").is_empty());
    }

    proptest::proptest! {
        /// The longest delete a found form shares with the query leaves
        /// no more edits unaccounted for than there are.
        #[test]
        fn shared_deletes_bound_the_distance(q in "[A-F]{0,10}", f in "[A-F]{0,10}") {
            let index = DeleteIndex::build(std::iter::once((0, f.as_str())));
            let mut found = Vec::new();
            index.candidates(&q, &mut found);
            longest_shared(&mut found);
            for s in found {
                let apart = q.len().max(f.len()) - usize::from(s.len);
                proptest::prop_assert!(apart <= osa::distance(q.as_bytes(), f.as_bytes()));
            }
        }
    }

    #[test]
    fn keys_far_longer_than_any_indexed_find_nothing() {
        let keys = ["HFTRMNKL", "TRHN"];
        let index = indexed(&keys);
        let find = |q: &str| found(&index, q);
        // Two letters more than the longest key: its deletes still meet.
        assert_eq!(find("HFTRMNKLXY"), vec![0]);
        // Three more: none of its deletes is as short as any indexed one.
        assert!(find("HFTRMNKLXYZ").is_empty());
        // A paragraph's skeleton is answered at once.
        assert!(find(&"HFTRMNKL".repeat(500)).is_empty());
    }

    proptest::proptest! {
        /// The length test leaves out nothing the deletes would find.
        #[test]
        fn long_queries_miss_nothing(q in "[A-C]{0,14}", f in "[A-C]{0,8}") {
            let found = found(&indexed(&[f.as_str()]), &q);
            let mut all = Vec::new();
            deletes(q.as_bytes(), max_deletes(q.len()), &mut all);
            let mine = {
                let mut d = Vec::new();
                deletes(f.as_bytes(), max_deletes(f.len()), &mut d);
                d
            };
            let shares = all.iter().any(|(h, _)| mine.iter().any(|(g, _)| g == h));
            proptest::prop_assert_eq!(!found.is_empty(), shares);
        }
    }

    #[test]
    fn depth_grows_with_length() {
        let mut out = Vec::new();
        deletes(b"ABCDEF", 2, &mut out);
        // 1 + 6 + C(6,2) distinct deletes of a string without repeats.
        assert_eq!(out.len(), 1 + 6 + 15);
    }
}
