//! Lists of spelling ids by a hash, in one array.
//!
//! A large glossary files half a million spellings by the hash of their
//! key, nearly all alone. Kept as a map of vectors, each list is an
//! allocation of its own: a pointer to follow on every lookup, and one of
//! a million small allocations when a compiled glossary is read back. Here
//! a list of one sits in the map itself, and longer lists are ranges of
//! one array.

use super::words::FixedState;
use std::collections::HashMap;

/// Ids by hash, each list in the order it was given.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct IdLists {
    spans: HashMap<u64, Span, FixedState>,
    /// The lists of two or more, one after the other.
    ids: Vec<u32>,
}

/// One hash's list: the id itself when `len` is 1, else where the list
/// starts in [`IdLists::ids`].
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Span {
    start: u32,
    len: u32,
}

impl IdLists {
    /// The lists of `map`, laid out in the order of their hashes.
    pub fn new(map: HashMap<u64, Vec<u32>, FixedState>) -> IdLists {
        let mut lists: Vec<(u64, Vec<u32>)> = map.into_iter().collect();
        lists.sort_unstable_by_key(|(hash, _)| *hash);
        let mut spans = HashMap::with_capacity_and_hasher(lists.len(), FixedState);
        let mut ids = Vec::new();
        for (hash, list) in lists {
            let span = match list[..] {
                [] => continue,
                [id] => Span { start: id, len: 1 },
                _ => {
                    let start = ids.len() as u32;
                    ids.extend_from_slice(&list);
                    Span {
                        start,
                        len: list.len() as u32,
                    }
                }
            };
            spans.insert(hash, span);
        }
        IdLists { spans, ids }
    }

    /// The list filed under `hash` (empty when none is).
    pub fn get(&self, hash: u64) -> &[u32] {
        match self.spans.get(&hash) {
            None => &[],
            Some(span) if span.len == 1 => std::slice::from_ref(&span.start),
            Some(span) => {
                let start = span.start as usize;
                self.ids
                    .get(start..start + span.len as usize)
                    .unwrap_or_default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
