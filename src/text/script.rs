//! Which writing system a piece of text is in.

/// The scripts dragoman treats specially. Everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Latin,
    Arabic,
    Cyrillic,
    Other,
}

impl Script {
    /// The script of one letter, or `None` for anything that is not a letter
    /// (digits, punctuation, spaces, combining marks).
    pub fn of_char(c: char) -> Option<Script> {
        if !c.is_alphabetic() {
            return None;
        }
        let script = match c as u32 {
            0x0041..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => Script::Arabic,
            0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => {
                Script::Cyrillic
            }
            _ => Script::Other,
        };
        Some(script)
    }

    /// The script most letters of `text` are in (`Other` when it has none).
    pub fn detect(text: &str) -> Script {
        let mut counts = [0usize; 4];
        for script in text.chars().filter_map(Script::of_char) {
            counts[script as usize] += 1;
        }
        let (best, &n) = counts
            .iter()
            .enumerate()
            .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))
            .expect("four counters");
        if n == 0 {
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
    }

    #[test]
    fn majority_wins_in_mixed_text() {
        assert_eq!(Script::detect("ПНС (GNA) Правительство"), Script::Cyrillic);
    }
}
