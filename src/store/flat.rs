//! A map from hashes to ids in one flat array, for the tables an import
//! looks into for every word and every unit (words already seen, duplicate
//! hashes).
//!
//! Those tables outgrow the cache, so nearly every lookup of a rare word
//! or a new unit waits for memory. A general hash map reads two places
//! per lookup (a control byte, then the entry); here the key is already a
//! good hash, so it picks its slot directly and the slot holds the whole
//! entry: one wait per lookup. Open addressing with linear probing, at
//! most half full.

/// A key that is itself a well-mixed hash.
pub(super) trait Hashed: Copy + Eq + Default {
    /// Bits to pick the slot with.
    fn slot_bits(self) -> u64;
}

impl Hashed for u64 {
    fn slot_bits(self) -> u64 {
        self
    }
}

/// A 128-bit hash, as two halves: 24-byte slots rather than the 32 that
/// `u128`'s alignment would make.
impl Hashed for [u64; 2] {
    fn slot_bits(self) -> u64 {
        self[0] ^ self[1]
    }
}

/// Slots to start with.
const FIRST_SLOTS: usize = 1 << 12;

/// A map from hashes to `u32` ids.
pub(super) struct FlatIds<K: Hashed> {
    /// Each key with its id plus one; 0 marks an empty slot.
    slots: Vec<(K, u32)>,
    len: usize,
}

impl<K: Hashed> Default for FlatIds<K> {
    fn default() -> Self {
        FlatIds {
            slots: Vec::new(),
            len: 0,
        }
    }
}

/// Where a lookup ended: the key's slot, or the empty slot it would take.
enum Probe {
    Found(usize, u32),
    Vacant(usize),
}

impl<K: Hashed> FlatIds<K> {
    pub fn len(&self) -> usize {
        self.len
    }

    /// Empties the table, keeping its slots for what comes next.
    pub fn clear(&mut self) {
        self.slots.fill((K::default(), 0));
        self.len = 0;
    }

    /// The slot a hash starts probing at: its top bits, so that the order
    /// of hashes is the order of slots.
    fn home(&self, key: K) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (key.slot_bits() >> (64 - bits)) as usize
    }

    fn probe(&self, key: K) -> Probe {
        if self.slots.is_empty() {
            return Probe::Vacant(0);
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            let (k, id) = self.slots[at];
            if id == 0 {
                return Probe::Vacant(at);
            }
            if k == key {
                return Probe::Found(at, id - 1);
            }
            at = (at + 1) & mask;
        }
    }

    /// Asks for the slot `key` starts probing at to be brought into the
    /// cache, so that a later [`FlatIds::get`] or [`FlatIds::insert`] of it
    /// finds it there: lookups prefetched a few at a time wait for memory
    /// together rather than one after another.
    pub fn prefetch(&self, key: K) {
        if self.slots.is_empty() {
            return;
        }
        crate::prefetch::prefetch(&self.slots[self.home(key)]);
    }

    pub fn get(&self, key: K) -> Option<u32> {
        match self.probe(key) {
            Probe::Found(_, id) => Some(id),
            Probe::Vacant(_) => None,
        }
    }

    /// Gives `key` the id `id` (replacing one it had).
    pub fn insert(&mut self, key: K, id: u32) {
        debug_assert!(id < u32::MAX, "ids are stored plus one");
        match self.probe(key) {
            Probe::Found(at, _) => self.slots[at].1 = id + 1,
            Probe::Vacant(at) if 2 * (self.len + 1) <= self.slots.len() => {
                self.slots[at] = (key, id + 1);
                self.len += 1;
            }
            Probe::Vacant(_) => {
                self.grow();
                self.insert_new(key, id);
            }
        }
    }

    /// Every key with its id, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (K, u32)> + '_ {
        self.slots
            .iter()
            .filter(|&&(_, id)| id != 0)
            .map(|&(k, id)| (k, id - 1))
    }

    /// Puts a key known to be absent, with room for it.
    fn insert_new(&mut self, key: K, id: u32) {
        if let Probe::Vacant(at) = self.probe(key) {
            self.slots[at] = (key, id + 1);
            self.len += 1;
        }
    }

    fn grow(&mut self) {
        let slots = (self.slots.len() * 2).max(FIRST_SLOTS);
        // Written out rather than allocated zeroed: fresh zeroed memory
        // that is read before it is written maps the shared zero page
        // first, and every page's first write then costs a second fault
        // that interrupts the other cores to flush their TLBs.
        let mut table = Vec::with_capacity(slots);
        table.resize(slots, (K::default(), 0));
        let old = std::mem::replace(&mut self.slots, table);
        self.len = 0;
        for (k, id) in old {
            if id != 0 {
                self.insert_new(k, id - 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    proptest! {
        /// The table answers as a `HashMap` does, through growth and
        /// clustered keys (few distinct top bits).
        #[test]
        fn answers_as_a_hash_map(
            ops in prop::collection::vec((0u64..3000, any::<bool>(), 0u32..1000), 0..6000),
            spread in 0u32..60,
        ) {
            let mut flat: FlatIds<u64> = FlatIds::default();
            let mut map: HashMap<u64, u32> = HashMap::new();
            for (k, replace, id) in ops {
                let key = k << spread;
                if replace || flat.get(key).is_none() {
                    flat.insert(key, id);
                    map.insert(key, id);
                }
                prop_assert_eq!(flat.get(key), map.get(&key).copied());
            }
            prop_assert_eq!(flat.len(), map.len());
            let mut all: Vec<(u64, u32)> = flat.iter().collect();
            all.sort_unstable();
            let mut want: Vec<(u64, u32)> = map.into_iter().collect();
            want.sort_unstable();
            prop_assert_eq!(all, want);
        }
    }

    #[test]
    fn wide_keys_and_clearing() {
        let mut flat: FlatIds<[u64; 2]> = FlatIds::default();
        assert_eq!(flat.get([1, 2]), None);
        flat.insert([1, 2], 7);
        assert_eq!(flat.get([1, 2]), Some(7));
        flat.insert([1, 2], 8);
        assert_eq!((flat.get([1, 2]), flat.len()), (Some(8), 1));
        assert_eq!(flat.get([2, 1]), None);
        flat.clear();
        assert_eq!((flat.len(), flat.get([1, 2])), (0, None));
    }
}
