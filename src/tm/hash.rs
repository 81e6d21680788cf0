//! The identity of a unit for merging duplicates: a 128-bit FNV-1a hash of
//! its language variants (language and segment markup, in language order).
//! Stable across builds and platforms, since it is stored.

use super::unit::Unit;

const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
const PRIME: u128 = 0x0000000001000000000000000000013B;

fn feed(mut h: u128, bytes: &[u8]) -> u128 {
    for &b in bytes {
        h ^= b as u128;
        h = h.wrapping_mul(PRIME);
    }
    h
}

/// The duplicate key of `unit`: equal for units whose variants have the
/// same languages (case-insensitively) and byte-identical segments,
/// whatever their order and metadata.
pub fn unit_hash(unit: &Unit) -> [u8; 16] {
    let mut parts: Vec<(String, &str)> = unit
        .variants
        .iter()
        .map(|v| (v.lang.to_ascii_lowercase(), v.seg.as_str()))
        .collect();
    parts.sort();
    let mut h = OFFSET;
    for (lang, seg) in parts {
        h = feed(h, lang.as_bytes());
        h = feed(h, &[0]);
        h = feed(h, seg.as_bytes());
        h = feed(h, &[0xFF]);
    }
    h.to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::Variant;

    #[test]
    fn order_and_case_of_languages_do_not_matter() {
        let a = Unit {
            variants: vec![Variant::plain("en", "Hi."), Variant::plain("ru", "Привет.")],
            ..Unit::default()
        };
        let b = Unit {
            variants: vec![Variant::plain("RU", "Привет."), Variant::plain("EN", "Hi.")],
            ..Unit::default()
        };
        let c = Unit {
            variants: vec![Variant::plain("en", "Hi!"), Variant::plain("ru", "Привет.")],
            ..Unit::default()
        };
        assert_eq!(unit_hash(&a), unit_hash(&b));
        assert_ne!(unit_hash(&a), unit_hash(&c));
    }
}
