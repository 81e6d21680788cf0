//! The postings an import gathers before it writes them out: per index
//! key, the units holding it as a delta-coded list.
//!
//! A unit adds a posting to each of its thirty or so keys, and appending
//! each straight to its key's list touches a different list every time:
//! with tens of thousands of keys, nearly every append missed the cache.
//! Postings are therefore first logged in the order they come, and
//! every [`RECENT`] of them are sorted by key (a stable radix sort, so
//! that each key's units stay in order) and appended key after key.

/// Postings logged before they are appended to their keys' lists.
const RECENT: usize = 1 << 20;

/// Key ids below this go through the log, which packs them in 24 bits;
/// the postings of any beyond are appended straight away.
const LOGGED_KEYS: u32 = if cfg!(test) { 64 } else { 1 << 24 };

/// The postings of one key gathered since the last write.
#[derive(Default)]
pub(super) struct PendingKey {
    /// (unit id delta, key count) pairs, the delta as a varint.
    pub bytes: Vec<u8>,
    last: u32,
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
                self.bytes += self.keys[k as usize].append(id, len);
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
        for &p in &self.recent {
            let (k, id, len) = ((p >> 40) as usize, (p >> 8) as u32, p as u8);
            self.bytes += self.keys[k].append(id, len);
        }
        self.recent.clear();
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
/// of those with the same key: a least-significant-digit radix sort, one
/// pass per byte the largest key id needs.
fn sort_by_key(items: &mut Vec<u64>, scratch: &mut Vec<u64>) {
    let Some(largest) = items.iter().map(|&p| p >> 40).max() else {
        return;
    };
    let mut shift = 40;
    while shift < 64 && largest >> (shift - 40) > 0 {
        let mut starts = [0usize; 256];
        for &p in items.iter() {
            starts[(p >> shift) as usize & 0xFF] += 1;
        }
        let mut at = 0;
        for start in &mut starts {
            (*start, at) = (at, at + *start);
        }
        scratch.clear();
        scratch.resize(items.len(), 0);
        for &p in items.iter() {
            let digit = (p >> shift) as usize & 0xFF;
            scratch[starts[digit]] = p;
            starts[digit] += 1;
        }
        std::mem::swap(items, scratch);
        shift += 8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The postings of each key, decoded, with the key id.
    fn drained(pending: &mut Pending) -> Vec<(usize, Vec<(u32, u8)>)> {
        let mut out = Vec::new();
        pending
            .drain(
                |ids| ids.sort_unstable(),
                |k, key| {
                    let mut list = Vec::new();
                    super::super::tm::decode_each(&key.bytes, &mut |id, len| list.push((id, len)));
                    assert_eq!(list.len(), key.count as usize);
                    out.push((k, list));
                    Ok(())
                },
            )
            .unwrap();
        out
    }

    proptest! {
        /// Logged or not, sorted in one go or several, each key lists its
        /// units in order, once each, with the first count given.
        #[test]
        fn postings_come_out_per_key_in_unit_order(
            units in prop::collection::vec(prop::collection::vec((0u32..2 * LOGGED_KEYS, 0u8..9), 0..12), 0..200),
        ) {
            let keys = 2 * LOGGED_KEYS as usize;
            let key = |k: u32| k;
            let mut pending = Pending::default();
            pending.add_keys(keys);
            let mut expected: Vec<Vec<(u32, u8)>> = vec![Vec::new(); keys];
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
            }
            let want: Vec<(usize, Vec<(u32, u8)>)> = expected
                .into_iter()
                .enumerate()
                .filter(|(_, list)| !list.is_empty())
                .collect();
            prop_assert_eq!(drained(&mut pending), want);
            prop_assert_eq!(pending.bytes(), 0);
        }
    }

    #[test]
    fn the_radix_sort_is_stable_by_key() {
        let mut items: Vec<u64> = (0..5000u64)
            .map(|i| ((i * 7919) % 70_000) << 40 | i << 8)
            .collect();
        let mut want = items.clone();
        want.sort_by_key(|p| p >> 40);
        sort_by_key(&mut items, &mut Vec::new());
        assert_eq!(items, want);
    }
}
