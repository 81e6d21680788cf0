//! A symmetric-delete index (the SymSpell idea) over phonetic skeletons.
//!
//! Every key is stored under itself and every string obtained by deleting up
//! to `d` of its characters; a query looks up its own deletes. Two keys
//! within edit distance `d` always share a delete, so candidate retrieval
//! is a handful of binary searches instead of a scan of the glossary.

/// Deletion depth for a key of `len` characters: short keys carry too little
/// evidence for two edits.
pub fn max_deletes(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// Sorted (hash of delete, form) pairs, stored as two parallel arrays.
#[derive(Debug, Default)]
pub struct DeleteIndex {
    hashes: Vec<u64>,
    forms: Vec<u32>,
}

impl DeleteIndex {
    /// Indexes each `(form, key)`; keys are ASCII skeletons.
    pub fn build<'k>(keys: impl Iterator<Item = (u32, &'k str)>) -> DeleteIndex {
        let mut pairs: Vec<(u64, u32)> = Vec::new();
        let mut scratch = Vec::new();
        for (form, key) in keys {
            scratch.clear();
            deletes(key.as_bytes(), max_deletes(key.len()), &mut scratch);
            pairs.extend(scratch.iter().map(|&h| (h, form)));
        }
        pairs.sort_unstable();
        pairs.dedup();
        let (hashes, forms) = pairs.into_iter().unzip();
        DeleteIndex { hashes, forms }
    }

    /// Appends the forms whose key may be within the deletion depth of `key`
    /// (unsorted, possibly repeated).
    pub fn candidates(&self, key: &str, out: &mut Vec<u32>) {
        let mut scratch = Vec::new();
        deletes(key.as_bytes(), max_deletes(key.len()), &mut scratch);
        for h in scratch {
            let start = self.hashes.partition_point(|&x| x < h);
            let end = start + self.hashes[start..].partition_point(|&x| x == h);
            out.extend_from_slice(&self.forms[start..end]);
        }
    }

    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }
}

/// Hashes of `key` and all its deletes up to depth `d`, deduplicated.
fn deletes(key: &[u8], d: usize, out: &mut Vec<u64>) {
    let mut buf = key.to_vec();
    out.push(fnv1a(&buf));
    collect(&mut buf, d, 0, out);
    out.sort_unstable();
    out.dedup();
}

fn collect(buf: &mut Vec<u8>, d: usize, from: usize, out: &mut Vec<u64>) {
    if d == 0 {
        return;
    }
    for i in from..buf.len() {
        let removed = buf.remove(i);
        out.push(fnv1a(buf));
        collect(buf, d - 1, i, out);
        buf.insert(i, removed);
    }
}

/// FNV-1a: small, fast, stable across runs (the index is deterministic).
fn fnv1a(bytes: &[u8]) -> u64 {
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

    #[test]
    fn finds_keys_within_the_depth() {
        let keys = ["HFTR", "TRHN", "MSRT", "KDF", "BNKZ"];
        let index = DeleteIndex::build(keys.iter().enumerate().map(|(i, k)| (i as u32, *k)));
        let find = |q: &str| {
            let mut out = Vec::new();
            index.candidates(q, &mut out);
            out.sort();
            out.dedup();
            out
        };
        assert_eq!(find("HFTR"), vec![0]);
        assert_eq!(find("HFTRM"), vec![0]); // one insertion
        assert_eq!(find("HBTR"), vec![0]); // one substitution
        assert_eq!(find("MSRTT"), vec![2]);
        assert!(find("ZZZZ").is_empty());
    }

    #[test]
    fn depth_grows_with_length() {
        let mut out = Vec::new();
        deletes(b"ABCDEF", 2, &mut out);
        // 1 + 6 + C(6,2) distinct deletes of a string without repeats.
        assert_eq!(out.len(), 1 + 6 + 15);
    }
}
