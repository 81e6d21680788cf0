//! Russian: letter variation and inflection.

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
    let letters = word.chars().count();
    for ending in ENDINGS {
        if let Some(stem) = word.strip_suffix(ending) {
            if letters - ending.chars().count() >= 2 {
                return stem.to_string();
            }
        }
    }
    word.to_string()
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
    fn yo_is_e() {
        assert_eq!(normalize_char('ё'), 'е');
    }
}
