//! The identity of a unit for merging duplicates: a 128-bit hash of its
//! language variants (language and segment markup), whatever their order.
//! Stable across builds and platforms, since it is stored.
//!
//! Bytes are taken eight at a time (little-endian) into two 64-bit lanes,
//! each folding its state with the word by a full 64 × 64 → 128-bit
//! multiplication with its own constant (the upper and lower halves of the
//! product xored), so that every bit of the input reaches every bit of
//! both lanes.

use super::unit::Unit;
use std::borrow::Cow;

const SEEDS: [u64; 2] = [0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344];
const FACTORS: [u64; 2] = [0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F];

fn fold(state: u64, factor: u64) -> u64 {
    let product = u128::from(state) * u128::from(factor);
    (product as u64) ^ ((product >> 64) as u64)
}

/// Two lanes fed the same words.
struct Lanes([u64; 2]);

impl Lanes {
    fn new() -> Lanes {
        Lanes(SEEDS)
    }

    fn word(&mut self, w: u64) {
        for (lane, factor) in self.0.iter_mut().zip(FACTORS) {
            *lane = fold(*lane ^ w, factor);
        }
    }

    /// Feeds `bytes` and then their length, so that where one string ends
    /// and the next begins is part of the hash.
    fn feed(&mut self, bytes: &[u8]) {
        words_of(bytes, |w| self.word(w));
    }

    fn finish(self) -> u128 {
        let [a, b] = self.0;
        (u128::from(fold(a, FACTORS[1])) << 64) | u128::from(fold(b, FACTORS[0]))
    }
}

/// `bytes` as little-endian words of eight (the last padded with zeros),
/// then their length.
fn words_of(bytes: &[u8], mut word: impl FnMut(u64)) {
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        word(u64::from_le_bytes(w.try_into().unwrap_or_default()));
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        word(tail_word(rest));
    }
    word(bytes.len() as u64);
}

/// The one to seven bytes of `rest` as a little-endian word padded with
/// zeros. Read as two loads that may overlap (they put the same bytes in
/// the same places): copying them into a zeroed word instead makes the
/// read of that word wait for the bytes' stores, at every word of a text.
fn tail_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    let le32 = |at: usize| {
        u64::from(u32::from_le_bytes([
            rest[at],
            rest[at + 1],
            rest[at + 2],
            rest[at + 3],
        ]))
    };
    let le16 = |at: usize| u64::from(u16::from_le_bytes([rest[at], rest[at + 1]]));
    match n {
        4.. => le32(0) | le32(n - 4) << (8 * (n - 4)),
        2..=3 => le16(0) | le16(n - 2) << (8 * (n - 2)),
        _ => u64::from(rest[0]),
    }
}

/// A 64-bit hash of `bytes` (not stored: for hash tables): the first lane
/// alone, which no other lane feeds into.
#[inline]
pub fn hash64(bytes: &[u8]) -> u64 {
    let mut lane = SEEDS[0];
    words_of(bytes, |w| lane = fold(lane ^ w, FACTORS[0]));
    fold(lane, FACTORS[1])
}

/// The duplicate key of `unit`: equal for units whose variants have the
/// same languages (case-insensitively) and byte-identical segments,
/// whatever their order and metadata. The sum of a hash per variant.
pub fn unit_hash(unit: &Unit) -> [u8; 16] {
    unit.variants
        .iter()
        .map(|v| {
            let lang = if v.lang.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(v.lang.to_ascii_lowercase())
            } else {
                Cow::Borrowed(v.lang.as_str())
            };
            let mut lanes = Lanes::new();
            lanes.feed(lang.as_bytes());
            lanes.feed(v.seg.as_bytes());
            lanes.finish()
        })
        .fold(0u128, u128::wrapping_add)
        .to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::Variant;

    fn unit(variants: &[(&str, &str)]) -> Unit {
        Unit {
            variants: variants
                .iter()
                .map(|(lang, text)| Variant::plain(lang, text))
                .collect(),
            ..Unit::default()
        }
    }

    #[test]
    fn order_and_case_of_languages_do_not_matter() {
        let a = unit(&[("en", "Hi."), ("ru", "Привет.")]);
        let b = unit(&[("RU", "Привет."), ("EN", "Hi.")]);
        let c = unit(&[("en", "Hi!"), ("ru", "Привет.")]);
        assert_eq!(unit_hash(&a), unit_hash(&b));
        assert_ne!(unit_hash(&a), unit_hash(&c));
    }

    #[test]
    fn where_strings_end_matters() {
        let a = unit(&[("en", "ab"), ("ru", "c")]);
        let b = unit(&[("en", "a"), ("ru", "bc")]);
        let c = unit(&[("en", "ab"), ("ru", "c"), ("ru", "c")]);
        assert_ne!(unit_hash(&a), unit_hash(&b));
        assert_ne!(unit_hash(&a), unit_hash(&c));
        assert_ne!(hash64(b"abc\0"), hash64(b"abc"));
    }

    #[test]
    fn hash64_is_the_first_lane() {
        for bytes in [&b""[..], b"abc", b"twelve bytes", "Привет, мир".as_bytes()] {
            let mut lanes = Lanes::new();
            lanes.feed(bytes);
            assert_eq!(hash64(bytes), fold(lanes.0[0], FACTORS[1]));
        }
    }

    #[test]
    fn a_tail_is_its_bytes_padded_with_zeros() {
        let bytes = *b"\x01\x82\x03\xF4\x05\x06\x97";
        for n in 1..=7 {
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(
                tail_word(&bytes[..n]),
                u64::from_le_bytes(padded),
                "{n} bytes"
            );
        }
    }

    #[test]
    fn the_stored_hash_does_not_change() {
        let a = unit(&[("en", "Hi."), ("ru", "Привет.")]);
        assert_eq!(
            u128::from_be_bytes(unit_hash(&a)),
            0xb879_7871_6640_4474_9f91_9bc1_0348_7015
        );
    }
}
