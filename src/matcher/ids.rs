//! Lists of spelling ids by a hash, in one array.
//!
//! A large glossary files half a million spellings by the hash of their
//! key, nearly all alone. Each hash has a slot of a flat table
//! ([`slots`](super::slots)) that holds a list of one itself; longer lists
//! are ranges of one array. A lookup reads one slot (one wait for memory)
//! where a general hash map read a control byte and then the entry.

use super::slots;
use std::collections::HashMap;

/// Ids by hash, each list in the order it was given.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct IdLists {
    /// A power of two of them (none when no list is filed); a slot with
    /// `len` 0 is empty.
    slots: Vec<Slot>,
    /// The lists of two or more, one after the other.
    ids: Vec<u32>,
}

/// One hash's list: the id itself when `len` is 1, else where the list
/// starts in [`IdLists::ids`].
#[derive(Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
struct Slot {
    hash: u64,
    start: u32,
    len: u32,
}

impl IdLists {
    /// The lists of `map`, those of two ids or more laid out in the order
    /// of their hashes.
    pub fn new<S>(map: HashMap<u64, Vec<u32>, S>) -> IdLists {
        let mut lists: Vec<(u64, Vec<u32>)> =
            map.into_iter().filter(|(_, ids)| !ids.is_empty()).collect();
        lists.sort_unstable_by_key(|(hash, _)| *hash);
        if lists.is_empty() {
            return IdLists::default();
        }
        let mut table = vec![Slot::default(); slots::capacity(lists.len())];
        let mut ids = Vec::new();
        for (hash, list) in lists {
            let slot = match list[..] {
                [id] => Slot {
                    hash,
                    start: id,
                    len: 1,
                },
                _ => {
                    let start = ids.len() as u32;
                    ids.extend_from_slice(&list);
                    Slot {
                        hash,
                        start,
                        len: list.len() as u32,
                    }
                }
            };
            // Hashes are distinct (the keys of a map), so the first empty
            // slot of the probe is this one's.
            if let Some(at) = slots::probe(hash, table.len()).find(|&at| table[at].len == 0) {
                table[at] = slot;
            }
        }
        IdLists { slots: table, ids }
    }

    /// The list filed under `hash` (empty when none is).
    pub fn get(&self, hash: u64) -> &[u32] {
        if self.slots.is_empty() {
            return &[];
        }
        for at in slots::probe(hash, self.slots.len()) {
            let slot = &self.slots[at];
            if slot.len == 0 {
                break;
            }
            if slot.hash != hash {
                continue;
            }
            if slot.len == 1 {
                return std::slice::from_ref(&slot.start);
            }
            let start = slot.start as usize;
            return self
                .ids
                .get(start..start + slot.len as usize)
                .unwrap_or_default();
        }
        &[]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::words::FixedState;
    use proptest::prelude::*;

    #[test]
    fn lists_of_any_length_come_back_in_order() {
        let mut map: HashMap<u64, Vec<u32>, FixedState> = HashMap::with_hasher(FixedState);
        map.insert(7, vec![3]);
        map.insert(1, vec![9, 2, 5]);
        map.insert(4, vec![]);
        map.insert(u64::MAX, vec![0, u32::MAX]);
        let lists = IdLists::new(map);
        assert_eq!(lists.get(7), &[3]);
        assert_eq!(lists.get(1), &[9, 2, 5]);
        assert_eq!(lists.get(4), &[] as &[u32]);
        assert_eq!(lists.get(u64::MAX), &[0, u32::MAX]);
        assert_eq!(lists.get(2), &[] as &[u32]);
        assert_eq!(IdLists::default().get(7), &[] as &[u32]);
    }

    proptest! {
        /// Hashes that share their top bits (one home slot) or sit at the
        /// table's end (probes wrap round) are told apart.
        #[test]
        fn every_list_is_found_and_nothing_else(
            lists in proptest::collection::hash_map(
                prop_oneof![any::<u64>(), (0u64..16).prop_map(|h| h << 60 | h), (0u64..16).prop_map(|h| u64::MAX - h)],
                proptest::collection::vec(any::<u32>(), 0..4),
                0..200,
            ),
            absent in proptest::collection::vec(any::<u64>(), 0..50),
        ) {
            let table = IdLists::new(lists.clone());
            for (hash, ids) in &lists {
                prop_assert_eq!(table.get(*hash), &ids[..]);
            }
            for hash in absent.iter().filter(|h| !lists.contains_key(h)) {
                prop_assert_eq!(table.get(*hash), &[] as &[u32]);
            }
        }
    }
}
