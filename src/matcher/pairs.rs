//! A cheap test, one bit per probe, for whether a listed spelling of two
//! key words or more may start with two given key words.
//!
//! The gate lets a word through when some listed spelling starts with it,
//! and says how many key words the longest such spelling has. With a large
//! glossary, everyday words get through too: `на` is the Russian stem of
//! some name's first word, and then every `на` in the text is tried as the
//! start of a name of three words. Asking whether the word and the next
//! one start a listed spelling together stops most such windows at one
//! word, before the words after them are folded and looked up.

use super::words::{seq_hash, word_hash};

/// The pairs of first two key words of every listed spelling with two or
/// more, as a bit each, by a hash of the pair; and the pairs of their
/// Russian stems. A bit set by another pair only lets a window be tried
/// that finds nothing.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Pairs {
    bits: Vec<u64>,
    /// A pair's bit is its hash's top bits: the hash shifted right by this.
    shift: u32,
}

/// About sixteen bits a pair, at most 2 MiB.
const BITS_PER_PAIR: usize = 16;
const MAX_BITS_LOG2: u32 = 24;

impl Pairs {
    /// The pairs of `keys`, match keys of listed spellings (folded words
    /// joined by single spaces): spellings and stem keys alike.
    pub fn new<'k>(keys: impl Iterator<Item = &'k str> + Clone) -> Pairs {
        let count = keys.clone().filter(|key| key.contains(' ')).count();
        let log2 = (count.max(1) * BITS_PER_PAIR)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(12, MAX_BITS_LOG2);
        let mut pairs = Pairs {
            bits: vec![0; 1 << (log2 - 6)],
            shift: 64 - log2,
        };
        for key in keys {
            let mut words = key.split(' ');
            if let (Some(first), Some(second)) = (words.next(), words.next()) {
                let b = pairs.bit(word_hash(first.as_bytes()), word_hash(second.as_bytes()));
                pairs.bits[b / 64] |= 1 << (b % 64);
            }
        }
        pairs
    }

    fn bit(&self, first: u64, second: u64) -> usize {
        (seq_hash([first, second]) >> self.shift) as usize
    }

    /// Whether some listed spelling may start with the key words whose
    /// [`word_hash`]es are `first` and `second`.
    #[inline]
    pub fn may_start(&self, first: u64, second: u64) -> bool {
        let b = self.bit(first, second);
        self.bits[b / 64] & (1 << (b % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(word: &str) -> u64 {
        word_hash(word.as_bytes())
    }

    #[test]
    fn knows_the_first_two_words_of_every_key_of_two_or_more() {
        let pairs = Pairs::new(
            [
                "government national accord",
                "правительств национальн согласи",
                "tarhuna",
            ]
            .into_iter(),
        );
        assert!(pairs.may_start(h("government"), h("national")));
        assert!(pairs.may_start(h("правительств"), h("национальн")));
        // Not in that order, and not a later pair.
        let strangers = [
            (h("national"), h("government")),
            (h("national"), h("accord")),
            (h("на"), h("бойцы")),
        ];
        assert!(strangers.iter().all(|&(a, b)| !pairs.may_start(a, b)));
    }

    #[test]
    fn stays_small_for_a_small_glossary_and_bounded_for_a_large_one() {
        let small = Pairs::new(["a b"].into_iter());
        assert_eq!(small.bits.len() * 64, 1 << 12);
        let keys: Vec<String> = (0..1_100_000).map(|i| format!("w{i} x{i}")).collect();
        let large = Pairs::new(keys.iter().map(String::as_str));
        assert_eq!(large.bits.len() * 64, 1 << MAX_BITS_LOG2);
    }
}
