//! Optimal string alignment distance (Levenshtein with transpositions of
//! adjacent symbols) over byte-coded keys, without allocation.
//!
//! A [`Pattern`] is one side of many comparisons (the query's key): it is
//! prepared once and then compared bit-parallel (Hyyrö 2003), a few
//! instructions per symbol of the other side. Keys longer than 64 symbols
//! fall back to the dynamic programme.

/// Keys are at most this long for the bit-parallel comparison.
const WORD: usize = 64;

/// One side of a comparison, prepared for bit-parallel distances.
#[derive(Clone)]
pub struct Pattern {
    len: usize,
    /// For each symbol, its place in `masks` (0 for a symbol the pattern
    /// lacks): a small table, cheap to fill for every query.
    slot: [u8; 256],
    /// The positions where the pattern has a symbol: nothing at 0, then
    /// one mask for each distinct symbol. Only nothing for patterns longer
    /// than [`WORD`].
    masks: Vec<u64>,
    /// The symbols, for the dynamic programme.
    symbols: Vec<u8>,
}

impl Pattern {
    pub fn new(symbols: &[u8]) -> Pattern {
        let mut slot = [0u8; 256];
        let mut masks = vec![0u64];
        if symbols.len() <= WORD {
            for (i, &c) in symbols.iter().enumerate() {
                if slot[c as usize] == 0 {
                    slot[c as usize] = masks.len() as u8;
                    masks.push(0);
                }
                masks[slot[c as usize] as usize] |= 1 << i;
            }
        }
        Pattern {
            len: symbols.len(),
            slot,
            masks,
            symbols: symbols.to_vec(),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn symbols(&self) -> &[u8] {
        &self.symbols
    }

    /// OSA distance between the pattern and `text`.
    pub fn distance(&self, text: &[u8]) -> usize {
        if self.len == 0 {
            return text.len();
        }
        if self.len > WORD {
            return distance(&self.symbols, text);
        }
        self.bit_parallel(text.iter().copied())
    }

    /// OSA distance between the pattern and `text` with its word breaks
    /// (spaces) left out.
    pub fn distance_squeezed(&self, text: &[u8]) -> usize {
        let squeezed = text.iter().copied().filter(|&c| c != b' ');
        if self.len == 0 {
            return squeezed.count();
        }
        if self.len > WORD {
            return distance(&self.symbols, &squeezed.collect::<Vec<u8>>());
        }
        self.bit_parallel(squeezed)
    }

    /// Hyyrö's bit-vector OSA distance, for a pattern of 1 to 64 symbols.
    fn bit_parallel(&self, text: impl Iterator<Item = u8>) -> usize {
        let mut vp: u64 = !0;
        let mut vn: u64 = 0;
        let mut d0: u64 = 0;
        let mut pm_old: u64 = 0;
        let mut dist = self.len;
        let last = 1u64 << (self.len - 1);
        for c in text {
            let pm = self.masks[self.slot[c as usize] as usize];
            let tr = (((!d0) & pm) << 1) & pm_old;
            d0 = ((((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn) | tr;
            let mut hp = vn | !(d0 | vp);
            let mut hn = d0 & vp;
            dist += usize::from(hp & last != 0);
            dist -= usize::from(hn & last != 0);
            hp = (hp << 1) | 1;
            hn <<= 1;
            vp = hn | !(d0 | hp);
            vn = hp & d0;
            pm_old = pm;
        }
        dist
    }

    /// 1 − distance / longer length, with the word breaks of `text` left
    /// out: 1 for equal keys, 0 for nothing shared.
    pub fn similarity_squeezed(&self, text: &[u8]) -> f64 {
        let len = self.len.max(text.iter().filter(|&&c| c != b' ').count());
        if len == 0 {
            return 1.0;
        }
        1.0 - self.distance_squeezed(text) as f64 / len as f64
    }
}

/// OSA distance by the dynamic programme (any lengths).
pub fn distance(a: &[u8], b: &[u8]) -> usize {
    if a.is_empty() {
        return b.len();
    }
    if b.is_empty() {
        return a.len();
    }
    let m = b.len();
    if m > WORD {
        return distance_heap(a, b);
    }
    let mut rows = [[0usize; WORD + 1]; 3];
    let (mut back, mut prev, mut cur) = (0, 1, 2);
    for (j, d) in rows[prev][..=m].iter_mut().enumerate() {
        *d = j;
    }
    for i in 1..=a.len() {
        rows[cur][0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[back][j - 2] + 1);
            }
            rows[cur][j] = d;
        }
        (back, prev, cur) = (prev, cur, back);
    }
    rows[prev][m]
}

/// The dynamic programme with rows on the heap, for long keys.
fn distance_heap(a: &[u8], b: &[u8]) -> usize {
    let m = b.len();
    let mut back = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(back[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut back, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(a: &[u8], b: &[u8]) -> usize {
        let a: String = a.iter().map(|&c| char::from(c)).collect();
        let b: String = b.iter().map(|&c| char::from(c)).collect();
        strsim::osa_distance(&a, &b)
    }

    #[test]
    fn known_distances() {
        let p = Pattern::new(b"haftar");
        assert_eq!(p.distance(b"haftar"), 0);
        assert_eq!(p.distance(b"hafatr"), 1);
        assert_eq!(p.distance(b"hifter"), 2);
        assert_eq!(p.distance(b""), 6);
        assert_eq!(distance(b"ca", b"abc"), 3);
        assert_eq!(Pattern::new(b"ca").distance(b"abc"), 3);
    }

    proptest! {
        #[test]
        fn agrees_with_the_reference(a in "[abc ]{0,12}", b in "[abc ]{0,12}") {
            let (a, b) = (a.as_bytes(), b.as_bytes());
            let d = reference(a, b);
            prop_assert_eq!(Pattern::new(a).distance(b), d);
            prop_assert_eq!(distance(a, b), d);
            let squeezed: Vec<u8> = b.iter().copied().filter(|&c| c != b' ').collect();
            prop_assert_eq!(Pattern::new(a).distance_squeezed(b), reference(a, &squeezed));
        }

        #[test]
        fn long_keys(a in "[ab]{60,80}", b in "[ab]{60,80}") {
            let (a, b) = (a.as_bytes(), b.as_bytes());
            let d = reference(a, b);
            prop_assert_eq!(Pattern::new(a).distance(b), d);
            prop_assert_eq!(distance(a, b), d);
        }
    }
}
