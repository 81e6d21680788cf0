//! The postings an import gathers before it writes them out: per index
//! key, the units holding it as a delta-coded list.
//!
//! A unit adds a posting to each of its thirty or so keys, and appending
//! each straight to its key's list touches a different list every time:
//! with tens of thousands of keys, nearly every append missed the cache.
//! Postings are therefore first logged in the order they come, and
//! every [`RECENT`] of them are sorted by key (a stable radix sort, so
//! that each key's units stay in order) and appended key after key.
//!
//! A key whose list grows past [`LONG_LIST`] bytes (a common word) is
//! marked long when the log is next sorted, for the import to write it out
//! while it is still reading: else the lists of the commonest words, most
//! of the bytes, would all be written after the last unit, on one thread.

/// Postings logged before they are appended to their keys' lists.
const RECENT: usize = 1 << 20;

/// Key ids below this go through the log, which packs them in 24 bits;
/// the postings of any beyond are appended straight away.
const LOGGED_KEYS: u32 = if cfg!(test) { 64 } else { 1 << 24 };

/// A key's list is written out early once it holds this many bytes (seen
/// when the log is sorted, every [`RECENT`] postings).
const LONG_LIST: usize = if cfg!(test) { 16 } else { 1 << 18 };

/// The postings of one key gathered since the last write.
#[derive(Default)]
pub(super) struct PendingKey {
    /// (unit id delta, key count) pairs, the delta as a varint.
    pub bytes: Vec<u8>,
    last: u32,
    /// The first unit listed: the chunk number of the row written.
    pub first: u32,
    /// Units listed.
    pub count: u32,
}

/// Pending postings, by key id.
#[derive(Default)]
pub(super) struct Pending {
    keys: Vec<PendingKey>,
    /// Postings not yet appended: key id << 40 | unit id << 8 | key count.
    recent: Vec<u64>,
    /// The radix sort's second buffer.
    scratch: Vec<u64>,
    /// Bytes of the lists in `keys`.
    bytes: usize,
    /// Keys whose lists have grown past [`LONG_LIST`] bytes.
    long: Vec<usize>,
}

impl Pending {
    /// Makes room for `n` more keys, ids following the last.
    pub fn add_keys(&mut self, n: usize) {
        self.keys
            .resize_with(self.keys.len() + n, PendingKey::default);
    }

    /// Forgets every key (after their postings were written).
    pub fn clear_keys(&mut self) {
        debug_assert!(self.recent.is_empty());
        self.keys.clear();
        self.long.clear();
        self.bytes = 0;
    }

    /// Appends unit `id` to the postings of each of its `keys` (id and the
    /// count of distinct keys of the unit's segment in that language). A
    /// unit is listed once per key: ids come in ascending order, and of two
    /// postings of one unit under one key the first is kept.
    pub fn post(&mut self, id: u32, keys: &[(u32, u8)]) {
        for &(k, len) in keys {
            if k < LOGGED_KEYS {
                self.recent
                    .push(u64::from(k) << 40 | u64::from(id) << 8 | u64::from(len));
            } else {
                // Never logged, so always appended in order.
                self.append(k as usize, id, len);
            }
        }
        if self.recent.len() >= RECENT {
            self.settle();
        }
    }

    /// Bytes of pending postings, the log counted as it will be coded.
    pub fn bytes(&self) -> usize {
        self.bytes + self.recent.len() * 2
    }

    /// Appends the logged postings to their keys' lists.
    fn settle(&mut self) {
        sort_by_key(&mut self.recent, &mut self.scratch);
        let recent = std::mem::take(&mut self.recent);
        // A key's postings, now side by side, are appended in one go.
        for run in recent.chunk_by(|a, b| a >> 40 == b >> 40) {
            let k = (run[0] >> 40) as usize;
            let key = &mut self.keys[k];
            let before = key.bytes.len();
            // A posting takes at most six bytes.
            key.bytes.reserve(6 * run.len());
            for &p in run {
                key.append((p >> 8) as u32, p as u8);
            }
            let added = key.bytes.len() - before;
            if before < LONG_LIST && before + added >= LONG_LIST {
                self.long.push(k);
            }
            self.bytes += added;
        }
        self.recent = recent;
        self.recent.clear();
    }

    /// Appends to key `k`'s list, marking it long when it grows past
    /// [`LONG_LIST`].
    #[inline]
    fn append(&mut self, k: usize, id: u32, len: u8) {
        let key = &mut self.keys[k];
        let before = key.bytes.len();
        let added = key.append(id, len);
        if before < LONG_LIST && before + added >= LONG_LIST {
            self.long.push(k);
        }
        self.bytes += added;
    }

    /// Hands each key whose list has grown long (its id and postings) to
    /// `write`, then starts its list again. Call between units: the logged
    /// postings are settled first, so that every list is whole so far.
    pub fn drain_long(
        &mut self,
        mut write: impl FnMut(usize, &PendingKey) -> rusqlite::Result<()>,
    ) -> rusqlite::Result<()> {
        if self.long.is_empty() {
            return Ok(());
        }
        self.settle();
        for k in std::mem::take(&mut self.long) {
            write(k, &self.keys[k])?;
            self.bytes -= self.keys[k].bytes.len();
            self.keys[k] = PendingKey::default();
        }
        Ok(())
    }

    /// Whether some keys' lists have grown long.
    pub fn has_long(&self) -> bool {
        !self.long.is_empty()
    }

    /// Settles the log and hands each key with postings (its id and
    /// postings) to `write`, in the order of `order` (key ids), then
    /// forgets the postings; keys keep their ids.
    pub fn drain(
        &mut self,
        mut order: impl FnMut(&mut [usize]),
        mut write: impl FnMut(usize, &PendingKey) -> rusqlite::Result<()>,
    ) -> rusqlite::Result<()> {
        self.settle();
        let mut ids: Vec<usize> = (0..self.keys.len())
            .filter(|&k| self.keys[k].count > 0)
            .collect();
        order(&mut ids);
        for k in ids {
            write(k, &self.keys[k])?;
            self.keys[k] = PendingKey::default();
        }
        self.long.clear();
        self.bytes = 0;
        Ok(())
    }
}

impl PendingKey {
    /// Appends unit `id` unless it is the last one listed; the bytes added.
    fn append(&mut self, id: u32, len: u8) -> usize {
        if self.count > 0 && self.last == id {
            // Two variants in one language: the unit is listed once.
            return 0;
        }
        let before = self.bytes.len();
        if self.count == 0 {
            self.first = id;
        }
        put_varint(&mut self.bytes, id - self.last);
        self.bytes.push(len);
        self.last = id;
        self.count += 1;
        self.bytes.len() - before
    }
}

pub(super) fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Sorts logged postings by key id (their top 24 bits), keeping the order
/// of those with the same key: a least-significant-digit radix sort.
fn sort_by_key(items: &mut Vec<u64>, scratch: &mut Vec<u64>) {
    let Some(largest) = items.iter().map(|&p| p >> 40).max() else {
        return;
    };
    // As few passes as digits of at most `MOST_BITS` allow: each pass
    // reads and scatters the whole log (the 120,000 keys of a million
    // units take two passes of 9 bits rather than three of 8).
    const MOST_BITS: u32 = 10;
    let bits = u64::BITS - largest.leading_zeros();
    let passes = bits.div_ceil(MOST_BITS);
    if passes == 0 {
        return;
    }
    let width = bits.div_ceil(passes);
    let mask = (1usize << width) - 1;
    let mut shift = 40;
    for _ in 0..passes {
        let mut starts = [0usize; 1 << MOST_BITS];
        for &p in items.iter() {
            starts[(p >> shift) as usize & mask] += 1;
        }
        let mut at = 0;
        for start in &mut starts[..=mask] {
            (*start, at) = (at, at + *start);
        }
        // Every slot is written below: only a shorter buffer grows (and
        // is zeroed), rather than 8 MB cleared and zeroed every pass.
        scratch.resize(items.len(), 0);
        for &p in items.iter() {
            let digit = (p >> shift) as usize & mask;
            scratch[starts[digit]] = p;
            starts[digit] += 1;
        }
        std::mem::swap(items, scratch);
        shift += width;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A row as written: key id, chunk number, postings.
    type Row = (usize, u32, Vec<(u32, u8)>);

    /// Decodes `key`'s list into `rows`, checking that the chunk number is
    /// its first unit.
    fn row_into(rows: &mut Vec<Row>, k: usize, key: &PendingKey) {
        let mut list = Vec::new();
        super::super::tm::decode_each(&key.bytes, &mut |id, len| list.push((id, len)));
        assert_eq!(list.len(), key.count as usize);
        assert_eq!(list.first().map(|p| p.0), Some(key.first));
        rows.push((k, key.first, list));
    }

    proptest! {
        /// Logged or not, sorted in one go or several, long lists written
        /// early or not, each key lists its units in order, once each,
        /// with the first count given, when its rows are read in the order
        /// of their chunk numbers.
        #[test]
        fn postings_come_out_per_key_in_unit_order(
            units in prop::collection::vec(prop::collection::vec((0u32..2 * LOGGED_KEYS, 0u8..9), 0..12), 0..200),
            common in 0usize..4,
            early in 0usize..3,
        ) {
            let keys = 2 * LOGGED_KEYS as usize;
            // Some keys far commoner than others, so that lists grow long.
            let key = |k: u32| if (k as usize) % 4 < common { k % 3 } else { k };
            let mut pending = Pending::default();
            pending.add_keys(keys);
            let mut expected: Vec<Vec<(u32, u8)>> = vec![Vec::new(); keys];
            let mut rows = Vec::new();
            for (i, unit) in units.iter().enumerate() {
                let id = i as u32 * 3 + 1;
                let posted: Vec<(u32, u8)> = unit.iter().map(|&(k, len)| (key(k), len)).collect();
                for &(k, len) in &posted {
                    let list = &mut expected[k as usize];
                    if list.last().is_none_or(|&(last, _)| last != id) {
                        list.push((id, len));
                    }
                }
                pending.post(id, &posted);
                if i % 37 == 0 {
                    pending.settle();
                }
                if early > 0 && i % early == 0 {
                    pending
                        .drain_long(|k, key| {
                            row_into(&mut rows, k, key);
                            Ok(())
                        })
                        .unwrap();
                }
            }
            pending
                .drain(
                    |ids| ids.sort_unstable(),
                    |k, key| {
                        row_into(&mut rows, k, key);
                        Ok(())
                    },
                )
                .unwrap();
            rows.sort_by_key(|&(k, first, _)| (k, first));
            let mut got: Vec<(usize, Vec<(u32, u8)>)> = Vec::new();
            for (k, _, list) in rows {
                match got.last_mut() {
                    Some((last, whole)) if *last == k => whole.extend(list),
                    _ => got.push((k, list)),
                }
            }
            let want: Vec<(usize, Vec<(u32, u8)>)> = expected
                .into_iter()
                .enumerate()
                .filter(|(_, list)| !list.is_empty())
                .collect();
            prop_assert_eq!(got, want);
            prop_assert_eq!(pending.bytes(), 0);
        }
    }

    #[test]
    fn the_radix_sort_is_stable_by_key() {
        // Key ids of zero to twenty-four bits: no pass to three (of seven
        // bits each for twenty-one).
        for keys in [
            1u64,
            2,
            255,
            256,
            1024,
            1025,
            70_000,
            1 << 20,
            (1 << 20) + 1,
            (1 << 24) - 1,
        ] {
            let mut items: Vec<u64> = (0..5000u64)
                .map(|i| ((i * 7919) % keys) << 40 | i << 8)
                .chain([(keys - 1) << 40])
                .collect();
            let mut want = items.clone();
            want.sort_by_key(|p| p >> 40);
            sort_by_key(&mut items, &mut Vec::new());
            assert_eq!(items, want, "{keys} keys");
        }
    }
}
