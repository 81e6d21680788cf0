//! Which writing system a piece of text is in.

/// The scripts dragoman treats specially. Everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Script {
    Latin,
    Arabic,
    Cyrillic,
    Other,
}

impl Script {
    /// The script of one letter, or `None` for anything that is not a letter
    /// (digits, punctuation, spaces, combining marks).
    ///
    /// The blocks dragoman reads are decided from code-point ranges, without
    /// the general Unicode letter lookup, which is slow outside ASCII.
    #[inline]
    pub fn of_char(c: char) -> Option<Script> {
        let n = c as u32;
        if n < 0x80 {
            return c.is_ascii_alphabetic().then_some(Script::Latin);
        }
        match n {
            0x00C0..=0x00D6 | 0x00D8..=0x00F6 | 0x00F8..=0x024F | 0x1E00..=0x1EFF => {
                Some(Script::Latin)
            }
            0x0400..=0x0481 | 0x048A..=0x052F => Some(Script::Cyrillic),
            0x0620..=0x064A
            | 0x066E..=0x066F
            | 0x0671..=0x06D3
            | 0x06D5
            | 0x06EE..=0x06EF
            | 0x06FA..=0x06FC
            | 0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08C9
            | 0xFB50..=0xFDFB
            | 0xFE70..=0xFEFC => Some(Script::Arabic),
            // Other marks and signs of those blocks are not letters.
            0x0300..=0x036F
            | 0x0482..=0x0489
            | 0x0600..=0x061F
            | 0x064B..=0x066D
            | 0x0670
            | 0x06D4
            | 0x06D6..=0x06ED => None,
            _ if !c.is_alphabetic() => None,
            0x2C60..=0x2C7F | 0xA720..=0xA7FF => Some(Script::Latin),
            0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Some(Script::Cyrillic),
            _ => Some(Script::Other),
        }
    }

    /// The script most letters of `text` are in (`Other` when it has none).
    pub fn detect(text: &str) -> Script {
        let bytes = text.as_bytes();
        let mut counts = [0u32; 4];
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // ASCII and the Russian block (lead bytes D0 and D1, all of it
            // letters) are told by their first byte.
            if b < 0x80 {
                counts[Script::Latin as usize] += u32::from(b.is_ascii_alphabetic());
                i += 1;
            } else if b & 0xFE == 0xD0 {
                counts[Script::Cyrillic as usize] += 1;
                i += 2;
            } else if let (0xC2..=0xDF, Some(&next)) = (b, bytes.get(i + 1)) {
                // Two bytes (Latin-1 to Arabic), decoded in place.
                let c = u32::from(b & 0x1F) << 6 | u32::from(next & 0x3F);
                if let Some(script) = char::from_u32(c).and_then(Script::of_char) {
                    counts[script as usize] += 1;
                }
                i += 2;
            } else {
                let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                if let Some(script) = Script::of_char(c) {
                    counts[script as usize] += 1;
                }
                i += c.len_utf8();
            }
        }
        Script::from_counts(&counts)
    }

    /// The script with the most letters, given letter counts indexed by
    /// `Script as usize`; ties go to the earlier script, none to `Other`.
    pub fn from_counts(counts: &[u32; 4]) -> Script {
        let mut best = 0;
        for i in 1..4 {
            if counts[i] > counts[best] {
                best = i;
            }
        }
        if counts[best] == 0 {
            return Script::Other;
        }
        [
            Script::Latin,
            Script::Arabic,
            Script::Cyrillic,
            Script::Other,
        ][best]
    }

    /// The language a term in this script is assumed to be in when the user
    /// does not say.
    pub fn default_lang(self) -> &'static str {
        match self {
            Script::Arabic => "ar",
            Script::Cyrillic => "ru",
            Script::Latin | Script::Other => "en",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_three_scripts() {
        assert_eq!(Script::detect("Khalifa Haftar"), Script::Latin);
        assert_eq!(Script::detect("خليفة حفتر"), Script::Arabic);
        assert_eq!(Script::detect("Халифа Хафтар"), Script::Cyrillic);
        assert_eq!(Script::detect("2011 — !"), Script::Other);
        assert_eq!(Script::detect("Müammar"), Script::Latin);
        assert_eq!(Script::of_char('ً'), None);
        assert_eq!(Script::of_char('٣'), None);
        assert_eq!(Script::of_char('ё'), Some(Script::Cyrillic));
        assert_eq!(Script::of_char('ة'), Some(Script::Arabic));
    }

    #[test]
    fn ties_go_to_the_earlier_script() {
        assert_eq!(Script::detect("aб"), Script::Latin);
        assert_eq!(Script::detect("бa"), Script::Latin);
        assert_eq!(Script::detect("бا"), Script::Arabic);
        assert_eq!(Script::detect("12"), Script::Other);
    }

    proptest::proptest! {
        /// Read a byte at a time where it can, as a character at a time.
        #[test]
        fn detect_counts_as_of_char_does(text in "[a-zA-Z0-9 \u{400}-\u{52f}\u{600}-\u{6ff}é\u{301}!-]{0,24}|\\PC{0,24}") {
            let mut counts = [0u32; 4];
            for script in text.chars().filter_map(Script::of_char) {
                counts[script as usize] += 1;
            }
            proptest::prop_assert_eq!(Script::detect(&text), Script::from_counts(&counts));
        }
    }

    #[test]
    fn majority_wins_in_mixed_text() {
        assert_eq!(Script::detect("ПНС (GNA) Правительство"), Script::Cyrillic);
    }
}
