//! Russian: letter variation and inflection.

use std::sync::OnceLock;

/// Unifies `ё` with `е`, as Russian print does.
pub fn normalize_char(c: char) -> char {
    match c {
        'ё' => 'е',
        'Ё' => 'Е',
        _ => c,
    }
}

/// Lower case of a Cyrillic letter, directly for the Russian alphabet.
pub fn lowercase(c: char) -> char {
    match c as u32 {
        0x0410..=0x042F => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        0x0400..=0x040F => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        0x0430..=0x045F => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Whether a (lower-case) word ends in a Russian consonant letter: a
/// masculine noun in the nominative, whose case forms add their ending.
pub fn ends_in_consonant(word: &str) -> bool {
    word.chars()
        .next_back()
        .is_some_and(|c| matches!(c, 'б'..='я') && !"аеёиоуыэюяьй".contains(c))
}

/// Whether a word of a listed name, as listed (`word`, with its capitals),
/// keeps one form in every case, as Russian leaves foreign names: one
/// ending in `у`, `ю` or `э` (`тубу`), or a proper name (a capital in it)
/// ending in `и` (`Триполи`, `Бенгази`, `ат-Тани`). Not a common noun's plural in `-и`
/// (`власти`, `туареги`), nor a word in `-о` or `-е`, of which the nouns
/// that head names decline (`Правительство`).
pub fn is_indeclinable(word: &str) -> bool {
    let mut letters = word.chars().rev();
    match (letters.next(), letters.next()) {
        (Some('у' | 'ю' | 'э'), Some(_)) => true,
        (Some('и'), Some(before)) => {
            word.chars().any(char::is_uppercase) && !"гкхжшчщ".contains(before)
        }
        _ => false,
    }
}

/// Whether `found` (folded words) can be a case form of a listed spelling
/// (`text` as listed, `folded` its fold) whose stems it shares: every word
/// that does not decline ([`is_indeclinable`]) is kept as listed
/// (`Триполя` and `тебе` are no case forms of `Триполи` and `тебу`), and
/// no word in `-а` or `-я` is its bare stem (`Зав` is no case of
/// `Эз-Завия`, nor `Мисрат` of `Мисрата`: a name of that declension has an
/// ending in every case but the genitive plural, which it is not used
/// in), nor a word in `-ь` a case form of one ending in a hard consonant
/// (`гать`, a log road, is no `Гат`). Spellings whose fold has other
/// words than the text are not judged.
pub fn case_forms_agree<'a>(
    text: &str,
    folded: &str,
    found: impl Iterator<Item = &'a str>,
) -> bool {
    let written = text.split(' ');
    if written.clone().count() != folded.split(' ').count() {
        return true;
    }
    written
        .zip(folded.split(' '))
        .zip(found)
        .all(|((written, listed), word)| {
            listed == word
                || !(is_indeclinable(written)
                    || (listed.ends_with(['а', 'я']) && ends_in_consonant(word))
                    || (ends_in_consonant(listed) && word.ends_with('ь')))
        })
}

/// Case and number endings of Russian nouns and adjectives, longest first.
/// A fixed list rather than a full stemmer: proper names must lose their
/// ending and nothing more (`Злитене` → `злитен`, `Эрдоганом` → `эрдоган`),
/// so that every case form of a name meets its nominative.
const ENDINGS: &[&str] = &[
    "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ией", "иям", "иях", "ием",
    "ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ию", "ия", "ие", "ии", "ую", "юю",
    "ая", "яя", "ое", "ее", "ые", "ий", "ый", "ых", "их", "ым", "им", "а", "я", "о", "е", "у", "ю",
    "ы", "и", "ь", "й",
];

/// The stem of a lower-case Russian word: the word without its case ending
/// (`хафтаром` → `хафтар`, `тархуне` → `тархун`, `согласия` → `соглас`).
/// At least two letters are kept. Indeclinable names (`триполи`) give a
/// stable stem too, so comparing stems compares words regardless of case
/// and number.
pub fn stem(word: &str) -> String {
    word[..stem_len(word)].to_string()
}

/// The byte length of [`stem`]`(word)`, without allocating.
pub fn stem_len(word: &str) -> usize {
    stem_len_of(word.as_bytes())
}

/// [`stem_len`] of a word's UTF-8 bytes.
pub fn stem_len_of(bytes: &[u8]) -> usize {
    // Every ending is Cyrillic, two bytes a letter: a word that does not
    // end in a Russian letter keeps all of it.
    let Some(&[lead, last]) = bytes.last_chunk() else {
        return bytes.len();
    };
    for ending in endings_with_last_letter([lead, last]) {
        let e = ending.as_bytes();
        // At least two letters stay: characters start at the bytes that
        // do not continue one.
        if bytes.ends_with(e)
            && bytes[..bytes.len() - e.len()]
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .nth(1)
                .is_some()
        {
            return bytes.len() - e.len();
        }
    }
    bytes.len()
}

/// The [`ENDINGS`] that end in the letter encoded as `last`, in their
/// order: a table made on first use, by the last letter's two bytes.
fn endings_with_last_letter(last: [u8; 2]) -> &'static [&'static str] {
    static TABLE: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    // Russian letters are D0 80 .. D1 BF: a lead bit and six low bits.
    let slot = |b: [u8; 2]| usize::from(b[0] & 1) << 6 | usize::from(b[1] & 0x3F);
    if !matches!(last[0], 0xD0 | 0xD1) {
        return &[];
    }
    let table = TABLE.get_or_init(|| {
        let mut table = vec![Vec::new(); 128];
        for ending in ENDINGS {
            let b = ending.as_bytes();
            table[slot([b[b.len() - 2], b[b.len() - 1]])].push(*ending);
        }
        table
    });
    &table[slot(last)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_forms_share_a_stem() {
        for form in ["хафтар", "хафтара", "хафтару", "хафтаром", "хафтаре"]
        {
            assert_eq!(stem(form), "хафтар", "{form}");
        }
        for form in ["тархуна", "тархуны", "тархуне", "тархуну", "тархуной"]
        {
            assert_eq!(stem(form), "тархун", "{form}");
        }
        assert_eq!(stem("правительства"), stem("правительство"));
        assert_eq!(stem("национального"), stem("национальное"));
        assert_eq!(stem("согласия"), stem("согласие"));
        assert_eq!(stem("согласием"), stem("согласие"));
        for (a, b) in [
            ("злитене", "злитен"),
            ("эрдоганом", "эрдоган"),
            ("яном", "ян"),
            ("агилой", "агила"),
            ("заливе", "залив"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} {b}");
        }
    }

    #[test]
    fn endings_are_grouped_by_last_letter_in_order() {
        for ending in ENDINGS {
            let b = ending.as_bytes();
            let group = endings_with_last_letter([b[b.len() - 2], b[b.len() - 1]]);
            assert!(group.contains(ending), "{ending}");
            let in_order: Vec<&str> = ENDINGS
                .iter()
                .copied()
                .filter(|e| e.ends_with(ending.chars().last().unwrap()))
                .collect();
            assert_eq!(group, in_order.as_slice(), "{ending}");
        }
    }

    #[test]
    fn stem_len_is_the_stem() {
        for word in [
            "хафтаром",
            "ян",
            "яном",
            "abc",
            "",
            "а",
            "ая",
            "триполи",
            "x-й",
            "ёж",
        ] {
            assert_eq!(&word[..stem_len(word)], stem(word), "{word}");
        }
    }

    #[test]
    fn foreign_names_in_vowels_do_not_decline() {
        for word in [
            "Триполи",
            "Бенгази",
            "ат-Тани",
            "тубу",
            "тебу",
            "Ливии",
            "Баку",
        ] {
            assert!(is_indeclinable(word), "{word}");
        }
        for word in [
            "туареги",
            "Туареги",
            "власти",
            "Хафтар",
            "Тархуна",
            "Правительство",
            "Силы",
            "и",
            "",
        ] {
            assert!(!is_indeclinable(word), "{word}");
        }
        assert!(!case_forms_agree(
            "Триполи",
            "триполи",
            ["триполя"].into_iter()
        ));
        assert!(!case_forms_agree(
            "Эз-Завия",
            "эз-завия",
            ["эз-зав"].into_iter()
        ));
        assert!(!case_forms_agree(
            "Мисрата",
            "мисрата",
            ["мисрат"].into_iter()
        ));
        assert!(case_forms_agree(
            "Мисрата",
            "мисрата",
            ["мисратой"].into_iter()
        ));
        assert!(case_forms_agree(
            "Хафтар",
            "хафтар",
            ["хафтаром"].into_iter()
        ));
        assert!(!case_forms_agree("Гат", "гат", ["гать"].into_iter()));
        let found = ["сил", "специального", "назначения"].into_iter();
        assert!(case_forms_agree(
            "Силы специального назначения",
            "силы специального назначения",
            found
        ));
        let found = ["ливийских", "властей"].into_iter();
        assert!(case_forms_agree(
            "Ливийские власти",
            "ливийские власти",
            found
        ));
    }

    #[test]
    fn yo_is_e() {
        assert_eq!(normalize_char('ё'), 'е');
    }
}
