//! Letters and capitals, answered without Unicode's table searches for the
//! scripts most text is in.
//!
//! [`char::is_alphabetic`] and [`char::is_uppercase`] search tables for
//! every character outside ASCII, tens of instructions each; a scan asks
//! them of every letter of every name it finds. These give the same
//! answers, from code-point ranges for Latin-1, Russian and Arabic letters.

/// [`char::is_alphabetic`].
#[inline]
pub fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0xD7 | 0xF7 => false,
        0xC0..=0xFF | 0x400..=0x481 | 0x620..=0x64A => true,
        _ => c.is_alphabetic(),
    }
}

/// [`char::is_uppercase`].
#[inline]
pub fn is_upper(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_uppercase(),
        0xD7 => false,
        0xC0..=0xDE | 0x400..=0x42F => true,
        0xDF..=0xFF | 0x430..=0x45F | 0x620..=0x64A => false,
        _ => c.is_uppercase(),
    }
}

/// [`char::is_lowercase`].
#[inline]
pub fn is_lower(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_lowercase(),
        0xF7 => false,
        0xDF..=0xFF | 0x430..=0x45F => true,
        0xC0..=0xDE | 0x400..=0x42F | 0x620..=0x64A => false,
        _ => c.is_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_is_the_standard_one() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
        }
    }
}
