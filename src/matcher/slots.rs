//! Read-only hash tables laid out as one flat array of slots.
//!
//! The tables a scan asks at nearly every word (the gate's first words,
//! the listed spellings by key) outgrow the cache with a large glossary,
//! so a lookup waits for memory. A general hash map waits twice, for a
//! control byte and then for the entry; the keys here are already
//! well-mixed hashes, so the hash picks its slot directly and the slot
//! holds the entry: one wait, as a rule, since the next slots a probe may
//! go on to share its cache line. Open addressing, linear probing.

/// The slots for `entries` entries: a power of two, at most three
/// quarters full (a lookup then reads one or two slots on average).
pub fn capacity(entries: usize) -> usize {
    (entries * 4 / 3 + 1).next_power_of_two().max(8)
}

/// The slot where a probe for `hash` starts in a table of `slots` slots (a
/// power of two): the hash's top bits.
pub fn home(hash: u64, slots: usize) -> usize {
    (hash >> (64 - slots.trailing_zeros())) as usize
}

/// The slots a probe for `hash` reads, in order, in a table of `slots`
/// slots (a power of two): from its home on, wrapping round.
pub fn probe(hash: u64, slots: usize) -> impl Iterator<Item = usize> {
    let mask = slots - 1;
    let start = home(hash, slots);
    (0..slots).map(move |step| (start + step) & mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_probe_visits_every_slot_once_from_the_home() {
        for slots in [8, 64, 1024] {
            for hash in [0, 1, u64::MAX, 0x8000_0000_0000_0000, 0x1234_5678_9ABC_DEF0] {
                let visited: Vec<usize> = probe(hash, slots).collect();
                assert_eq!(visited[0], home(hash, slots));
                let mut sorted = visited.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..slots).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn tables_stay_at_most_three_quarters_full() {
        for entries in [0, 1, 5, 6, 7, 100, 767, 768, 769, 500_000] {
            let slots = capacity(entries);
            assert!(slots.is_power_of_two());
            assert!(4 * entries <= 3 * slots, "{entries} in {slots}");
        }
    }
}
