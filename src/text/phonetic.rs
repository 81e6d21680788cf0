//! The cross-script key: Arabic and Cyrillic transliterated to Latin, then
//! romanisation differences collapsed into sound classes.
//!
//! Published romanisations of one name differ in predictable ways: q/g/k
//! (Qaddafi, Gaddafi, Kaddafi), kh/h (Tarkhuna, Tarhuna), dh/th/d (Gadhafi,
//! Gathafi), ou/u/oo (Tarhouna), doubled letters, and above all vowels. The
//! [`Phonetic::sound`] keeps vowels as three classes (a, i, u); the
//! [`Phonetic::skeleton`] drops them, so that unvocalised Arabic (حفتر →
//! `HFTR`) meets its vocalised romanisations (`Haftar`, `Hifter`, `Хафтар`).

/// The sound classes of a folded form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Phonetic {
    /// Consonant classes (upper case) and vowel classes (`a`, `i`, `u`),
    /// words separated by a space.
    pub sound: String,
    /// The consonant classes only, words separated by a space.
    pub skeleton: String,
}

impl Phonetic {
    /// The key of a folded form (see [`crate::text::fold`]).
    pub fn of_folded(folded: &str) -> Phonetic {
        let mut sound = String::with_capacity(folded.len());
        let mut skeleton = String::with_capacity(folded.len());
        for word in folded.split(' ').filter(|w| !w.is_empty()) {
            let symbols = classify(&romanize_word(word));
            if symbols.is_empty() {
                continue;
            }
            if !sound.is_empty() {
                sound.push(' ');
                skeleton.push(' ');
            }
            sound.extend(symbols.iter());
            skeleton.extend(symbols.iter().filter(|c| !is_vowel_class(**c)));
        }
        Phonetic { sound, skeleton }
    }

    /// The skeleton without word breaks: what the fuzzy index is keyed on,
    /// so that `Bani Walid` meets `Baniwalid`.
    pub fn compact_skeleton(&self) -> String {
        self.skeleton.chars().filter(|c| *c != ' ').collect()
    }

    /// Number of consonant classes: how much evidence a match carries.
    pub fn weight(&self) -> usize {
        self.skeleton.chars().filter(|c| *c != ' ').count()
    }
}

fn is_vowel_class(c: char) -> bool {
    matches!(c, 'a' | 'i' | 'u')
}

/// Transliterates one folded word to lower-case Latin. Latin passes through.
pub fn romanize_word(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len() * 2);
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i == 0 { None } else { Some(chars[i - 1]) };
        let last = i + 1 == chars.len();
        if let Some(latin) = arabic_letter(c, prev, last) {
            out.push_str(latin);
        } else if let Some(latin) = cyrillic_letter(c) {
            out.push_str(latin);
        } else {
            out.push(c);
        }
    }
    out
}

/// Arabic letters in a consonantal romanisation. `و` and `ي` are vowels
/// after a consonant and consonants at the start or after a vowel letter;
/// a final `ه` (mostly a folded ta marbuta) is the vowel `a`.
fn arabic_letter(c: char, prev: Option<char>, last: bool) -> Option<&'static str> {
    let after_vowel = matches!(prev, None | Some('ا' | 'و' | 'ي'));
    Some(match c {
        'ا' => "a",
        'ب' => "b",
        'ت' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' => "h",
        'خ' => "kh",
        'د' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' => "z",
        'س' => "s",
        'ش' => "sh",
        'ص' => "s",
        'ض' => "d",
        'ط' => "t",
        'ظ' => "z",
        'ع' | 'ء' => "",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'ه' if last && prev.is_some() => "a",
        'ه' => "h",
        'و' if after_vowel => "w",
        'و' => "u",
        'ي' if prev.is_none() || prev == Some('ا') => "y",
        'ي' => "i",
        'پ' => "p",
        'چ' => "ch",
        'ڤ' => "v",
        'گ' => "g",
        _ => return None,
    })
}

/// Russian letters in a plain practical transliteration.
fn cyrillic_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'э' | 'є' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// Multi-letter spellings first: the longest that matches at a position wins.
const DIGRAPHS: [(&str, &str); 19] = [
    ("shch", "X"),
    ("sch", "X"),
    ("tch", "X"),
    ("dzh", "J"),
    ("sh", "X"),
    ("ch", "X"),
    ("zh", "J"),
    ("dj", "J"),
    ("kh", "H"),
    ("gh", "K"),
    ("dh", "D"),
    ("th", "D"),
    ("ph", "F"),
    ("ck", "K"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ie", "i"),
    ("ks", "KS"),
];

fn single(c: char) -> &'static str {
    match c {
        'b' | 'p' => "B",
        'c' | 'g' | 'k' | 'q' => "K",
        'd' => "D",
        'f' => "F",
        'h' => "H",
        'j' => "J",
        'l' => "L",
        'm' => "M",
        'n' => "N",
        'r' => "R",
        's' => "S",
        't' => "T",
        'v' | 'w' => "V",
        'x' => "KS",
        'z' => "Z",
        'a' | 'e' => "a",
        'i' | 'y' => "i",
        'o' | 'u' => "u",
        _ => "",
    }
}

/// Latin letters to sound classes, with doubled classes collapsed and a
/// word-final `h` after a vowel (Misratah, Zawiyah) dropped.
fn classify(latin: &str) -> Vec<char> {
    let mut symbols: Vec<char> = Vec::with_capacity(latin.len());
    let mut rest = latin;
    let mut first = true;
    // Whether the last class came from a plain `h` (not kh, sh, …).
    let mut plain_h_last = false;
    while let Some(c) = rest.chars().next() {
        let (class, used) = match DIGRAPHS.iter().find(|(d, _)| rest.starts_with(d)) {
            Some((d, class)) => (*class, d.len()),
            None if c == 'y' && first && rest[1..].starts_with(['a', 'e', 'i', 'o', 'u']) => {
                ("Y", 1)
            }
            None if c.is_ascii_digit() => (&rest[..1], 1),
            None => (single(c), c.len_utf8()),
        };
        for s in class.chars() {
            if symbols.last() != Some(&s) {
                symbols.push(s);
            }
        }
        plain_h_last = used == 1 && c == 'h';
        rest = &rest[used..];
        first = false;
    }
    if plain_h_last
        && symbols.len() >= 2
        && symbols[symbols.len() - 1] == 'H'
        && is_vowel_class(symbols[symbols.len() - 2])
    {
        symbols.pop();
    }
    symbols
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    fn skeleton(s: &str) -> String {
        Phonetic::of_folded(&fold(s)).skeleton
    }

    #[test]
    fn gaddafi_spellings_share_a_skeleton() {
        let expected = skeleton("Gaddafi");
        for spelling in [
            "Qaddafi",
            "Kadhafi",
            "Gadhafi",
            "Qadhafi",
            "Kaddafi",
            "Gathafi",
            "Qadhdhafi",
            "Ghaddafi",
            "Каддафи",
            "القذافي",
            "Gadafi",
        ] {
            assert_eq!(skeleton(spelling), expected, "{spelling}");
        }
    }

    #[test]
    fn tarhuna_across_scripts() {
        let expected = skeleton("Tarhuna");
        for spelling in ["Tarkhuna", "Tarhouna", "Тархуна", "ترهونة", "Tarhunah"] {
            assert_eq!(skeleton(spelling), expected, "{spelling}");
        }
    }

    #[test]
    fn haftar_across_scripts() {
        let expected = skeleton("Haftar");
        for spelling in ["Hifter", "Hafter", "Хафтар", "حفتر", "Khaftar"] {
            assert_eq!(skeleton(spelling), expected, "{spelling}");
        }
    }

    #[test]
    fn misrata_across_scripts() {
        let expected = skeleton("Misrata");
        for spelling in ["Misurata", "Misratah", "Мисрата", "مصراتة", "مصراته"] {
            assert_eq!(skeleton(spelling), expected, "{spelling}");
        }
    }

    #[test]
    fn only_a_plain_final_h_is_silent() {
        assert_eq!(skeleton("Misratah"), skeleton("Misrata"));
        assert_eq!(skeleton("Sheikh"), "XH");
        assert_eq!(skeleton("Шейх"), "XH");
        assert_eq!(Phonetic::of_folded("qurashi").sound, "KuRaXi");
    }

    #[test]
    fn vowels_survive_in_the_sound() {
        let a = Phonetic::of_folded(&fold("Tarhuna"));
        let b = Phonetic::of_folded(&fold("Tarot"));
        assert_ne!(a.sound, b.sound);
        assert_eq!(a.sound, "TaRHuNa");
    }

    #[test]
    fn multiword_keys_keep_word_breaks() {
        let p = Phonetic::of_folded(&fold("Bani Walid"));
        assert_eq!(p.skeleton, "BN VLD");
        assert_eq!(p.compact_skeleton(), "BNVLD");
        assert_eq!(p.weight(), 5);
    }
}
