//! Russian: letter variation and inflection.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// Unifies `ё` with `е`, as Russian print does.
pub fn normalize_char(c: char) -> char {
    match c {
        'ё' => 'е',
        'Ё' => 'Е',
        _ => c,
    }
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Russian))
}

/// The stem of a lower-case Russian word: the word without its inflectional
/// ending (`хафтаром` → `хафтар`, `тархуне` → `тархун`). Indeclinable names
/// (`триполи`) give a stable stem too, so comparing stems compares words
/// regardless of case and number.
pub fn stem(word: &str) -> String {
    let stemmed = stemmer().stem(word);
    // Snowball can eat a short name whole; keep at least three letters.
    if stemmed.chars().count() < 3 {
        return word.to_string();
    }
    stemmed.into_owned()
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
    }

    #[test]
    fn yo_is_e() {
        assert_eq!(normalize_char('ё'), 'е');
    }
}
