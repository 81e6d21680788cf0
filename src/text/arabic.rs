//! Arabic orthography: the spelling variation that carries no meaning for
//! name matching, and the clitics that attach to the front of a word.

/// Normalises one Arabic character for matching, or drops it.
///
/// Removes tashkeel (short-vowel and other diacritics, superscript alef) and
/// tatweel; unifies the alef forms أ إ آ ٱ → ا, the hamza seats ؤ → و and
/// ئ → ي, ta marbuta ة → ه, alef maqsura ى → ي, and the Persian kaf and
/// yeh (ک ی) with their Arabic letters. Other characters pass unchanged.
pub fn normalize_char(c: char) -> Option<char> {
    match c {
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => None,
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ؤ' => Some('و'),
        'ئ' => Some('ي'),
        'ة' => Some('ه'),
        'ى' => Some('ي'),
        'ک' => Some('ك'),
        'ی' | 'ې' => Some('ي'),
        'ە' => Some('ه'),
        _ => Some(c),
    }
}

/// True for letters of the Arabic block proper.
pub fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c) || ('\u{0671}'..='\u{06D3}').contains(&c)
}

/// `text` with each word `أبو` ("father of", or `ابو`) that opens a name
/// (`أبو سهمين`) put in its other cases: the genitive `أبي` after a
/// preposition (`إلى أبي قرين`) and the accusative `أبا` (`إن أبا
/// سهمين`). A name spelt so is the name in that case, as a Russian name
/// with a case ending is. Empty when `text` has no such word.
pub fn abu_case_forms(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let opens = |k: usize| k + 1 < words.len() && matches!(words[k], "أبو" | "ابو");
    if !(0..words.len()).any(opens) {
        return Vec::new();
    }
    ['ي', 'ا']
        .iter()
        .map(|&ending| {
            words
                .iter()
                .enumerate()
                .map(|(k, &w)| match opens(k) {
                    true => format!("{}{ending}", w.trim_end_matches('و')),
                    false => w.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// `target` (a house form) with its word `أبو` in the case the found
/// text puts it in (`أبي`, `أبا`), when the found text spells the name
/// with one such word and the target has one `أبو` before another word.
pub fn abu_in_case_of(found: &str, target: &str) -> Option<String> {
    // Asked of every Arabic mention: the cheap test first.
    if !target.contains("بو ") || !(found.contains("بي ") || found.contains("با ")) {
        return None;
    }
    let ending = |w: &str| {
        let folded: String = w.chars().filter_map(normalize_char).collect();
        match folded.as_str() {
            "ابي" => Some('ي'),
            "ابا" => Some('ا'),
            _ => None,
        }
    };
    let found_words: Vec<&str> = found.split(' ').collect();
    let mut cases = found_words[..found_words.len().saturating_sub(1)]
        .iter()
        .filter_map(|w| ending(w));
    let case = cases.next()?;
    if cases.next().is_some() {
        return None;
    }
    let words: Vec<&str> = target.split(' ').collect();
    let opens: Vec<usize> = (0..words.len().saturating_sub(1))
        .filter(|&k| matches!(words[k], "أبو" | "ابو"))
        .collect();
    let [at] = opens[..] else {
        return None;
    };
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out[at] = format!("{}{case}", words[at].trim_end_matches('و'));
    Some(out.join(" "))
}

/// Whether `c` is a vowel mark or other tashkeel, or the tatweel: what
/// pointed text adds to a spelling without changing it.
pub fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Whether `pointed` is `plain` with vowel marks (or tatweel) added:
/// `خَلِيفَة حَفْتَر` is `خليفة حفتر` as written.
pub fn is_pointed(pointed: &str, plain: &str) -> bool {
    pointed.len() > plain.len() && pointed.chars().filter(|&c| !is_mark(c)).eq(plain.chars())
}

/// `plain` with the vowel marks (and tatweel) of `pointed` carried over,
/// letter for letter, when the two have as many letters: `خَلِيفَه`
/// put right as `خليفة` is `خَلِيفَة`. `None` when the letters do not pair
/// up, or `pointed` has no marks. Marks `plain` has of its own (on a
/// proclitic carried over from `pointed`: `وَترهونة`) give way to
/// `pointed`'s.
pub fn with_marks_of(pointed: &str, plain: &str) -> Option<String> {
    let letters = |s: &str| s.chars().filter(|&c| !is_mark(c)).count();
    if !pointed.chars().any(is_mark) || letters(pointed) != letters(plain) {
        return None;
    }
    let mut out = String::with_capacity(pointed.len() + plain.len());
    let mut plain = plain.chars().filter(|&c| !is_mark(c));
    for c in pointed.chars() {
        if is_mark(c) {
            out.push(c);
        } else {
            out.push(plain.next()?);
        }
    }
    Some(out)
}

/// The definite article, written joined to its word.
pub const ARTICLE: &str = "ال";

/// The shadda, the mark of a doubled letter.
pub const SHADDA: char = '\u{651}';

/// Strips a joined definite article from a normalised word when what is left
/// is still a word (at least two letters).
pub fn strip_article(word: &str) -> &str {
    match word.strip_prefix(ARTICLE) {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => word,
    }
}

/// The conjunctions a word may start with (`و` "and", `ف` "so"), none
/// first.
pub const CONJUNCTIONS: [&str; 3] = ["", "و", "ف"];

/// The prepositions that may follow them (`ب` "in/with", `ك` "like", `ل`
/// "for"), none first.
pub const PREPOSITIONS: [&str; 4] = ["", "ب", "ك", "ل"];

/// Whether `c` is a letter proclitics are written with: a conjunction, a
/// preposition, or the article's alef and lam.
pub fn is_proclitic_letter(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ك' | 'ل' | 'ا')
}

/// A word from its article on, past a conjunction and a preposition
/// glued before it (`والكوسة` → `الكوسة`); the word itself when no article
/// follows them.
pub fn from_article(word: &str) -> &str {
    for conj in CONJUNCTIONS {
        let Some(rest) = word.strip_prefix(conj) else {
            continue;
        };
        for prep in PREPOSITIONS {
            if let Some(from) = rest.strip_prefix(prep).filter(|w| w.starts_with(ARTICLE)) {
                return from;
            }
        }
    }
    word
}

/// Whether the folded word `word` is the nisba adjective (or its plural)
/// of the folded name `name`: `مصراتي` "Misratan" of `مصراته`, `طرابلسي` of
/// `طرابلس`, `بنغازيون` of `بنغازي`. Such a word is no spelling of the
/// name, however close it comes, as `Misratan` is none of `Misrata`.
pub fn is_nisba_of(word: &str, name: &str) -> bool {
    let name = strip_article(name);
    let word = strip_article(word);
    if word == name {
        return false;
    }
    // `ليبيا` makes `ليبي`: its stem is `ليب`.
    let name_stems = [
        Some(name),
        name.strip_suffix(['ه', 'ة', 'ا', 'ي', 'ى']),
        name.strip_suffix("يا"),
    ];
    ["يين", "يون", "يه", "ي"].iter().any(|suffix| {
        word.strip_suffix(suffix)
            .is_some_and(|base| base.chars().count() >= 3 && name_stems.contains(&Some(base)))
    })
}

/// Every way of reading `word` as proclitics + stem, shortest prefix first.
///
/// The proclitics are an optional conjunction (و "and", ف "so"), then an
/// optional preposition (ب "in/with", ك "like", ل "for"), then an optional
/// article (ال, contracted to ل after ل: لل). Each result is the byte length
/// of the prefix and the stem; the first result is always `(0, word)`. Stems
/// shorter than two letters are not offered.
pub fn clitic_readings(word: &str) -> Vec<(usize, &str)> {
    let mut readings = vec![(0, word)];
    for conj in CONJUNCTIONS {
        let Some(after_conj) = word.strip_prefix(conj) else {
            continue;
        };
        for prep in PREPOSITIONS {
            let Some(after_prep) = after_conj.strip_prefix(prep) else {
                continue;
            };
            let mut stems = vec![after_prep];
            if let Some(s) = after_prep.strip_prefix(ARTICLE) {
                stems.push(s);
            }
            // ل + ال is written لل: the article's alef drops.
            if prep == "ل" {
                if let Some(s) = after_prep.strip_prefix('ل') {
                    stems.push(s);
                }
            }
            for stem in stems {
                let prefix_len = word.len() - stem.len();
                if prefix_len > 0
                    && stem.chars().count() >= 2
                    && !readings.iter().any(|r| r.0 == prefix_len)
                {
                    readings.push((prefix_len, stem));
                }
            }
        }
    }
    readings.sort_by_key(|r| r.0);
    readings
}

/// What is left of the folded `word` after an optional conjunction, an
/// optional preposition and the article (`والزاويه`, `بالزاويه`, and `لل`
/// for `ل` + `ال`: `للزاويه`), or `None` when it is not written with the
/// article.
pub fn after_article(word: &str) -> Option<&str> {
    let word = word.strip_prefix(['و', 'ف']).unwrap_or(word);
    ["ال", "بال", "كال", "لل"]
        .iter()
        .find_map(|article| word.strip_prefix(article))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_carried_over_letter_for_letter() {
        assert_eq!(
            with_marks_of("خَلِيفَه حَفْتَر", "خليفة حفتر").as_deref(),
            Some("خَلِيفَة حَفْتَر")
        );
        assert_eq!(with_marks_of("خليفه", "خليفة"), None);
        assert_eq!(with_marks_of("خَلِيفَه", "خليفة حفتر"), None);
    }

    #[test]
    fn a_nisba_is_no_spelling_of_its_name() {
        assert!(is_nisba_of("مصراتي", "مصراته"));
        assert!(is_nisba_of("مصراتيون", "مصراته"));
        assert!(is_nisba_of("طرابلسي", "طرابلس"));
        assert!(is_nisba_of("بنغازيون", "بنغازي"));
        assert!(is_nisba_of("الليبيه", "ليبيا"));
        assert!(!is_nisba_of("مصراته", "مصراته"));
        assert!(!is_nisba_of("مصراتة", "مصراته"));
        assert!(!is_nisba_of("بنغازي", "بنغازي"));
    }

    fn norm(s: &str) -> String {
        s.chars().filter_map(normalize_char).collect()
    }

    #[test]
    fn hamza_alef_and_ta_marbuta_forms_unify() {
        assert_eq!(norm("أجدابيا"), norm("اجدابيا"));
        assert_eq!(norm("مصراتة"), "مصراته");
        assert_eq!(norm("ليبيٰا"), "ليبيا");
        assert_eq!(norm("مُعَمَّر"), "معمر");
        assert_eq!(norm("طـــرابلس"), "طرابلس");
        assert_eq!(norm("مصطفى"), "مصطفي");
        assert_eq!(norm("إسلام"), norm("اسلام"));
    }

    #[test]
    fn clitic_readings_cover_combinations() {
        let stems: Vec<&str> = clitic_readings("وبطرابلس")
            .into_iter()
            .map(|r| r.1)
            .collect();
        assert_eq!(stems, vec!["وبطرابلس", "بطرابلس", "طرابلس"]);
        let stems: Vec<&str> = clitic_readings("وحفتر").into_iter().map(|r| r.1).collect();
        assert!(stems.contains(&"حفتر"));
        let stems: Vec<&str> = clitic_readings("للجيش").into_iter().map(|r| r.1).collect();
        assert!(stems.contains(&"جيش"));
        let stems: Vec<&str> = clitic_readings("والقذافي")
            .into_iter()
            .map(|r| r.1)
            .collect();
        assert!(stems.contains(&"قذافي"));
        // Prefix lengths are byte offsets into the word.
        let (len, stem) = clitic_readings("ومصراته")[1];
        assert_eq!(&"ومصراته"[len..], stem);
    }

    #[test]
    fn from_article_reads_past_clitics_only() {
        assert_eq!(from_article("والكوسة"), "الكوسة");
        assert_eq!(from_article("بالقاسم"), "القاسم");
        assert_eq!(from_article("المتري"), "المتري");
        assert_eq!(from_article("متري"), "متري");
        assert_eq!(from_article("وكوسة"), "وكوسة");
    }

    #[test]
    fn short_words_keep_their_letters() {
        assert_eq!(strip_article("ال"), "ال");
        assert_eq!(strip_article("الزاوية"), "زاوية");
        assert!(clitic_readings("بن")
            .iter()
            .all(|r| r.1.chars().count() >= 2));
    }

    #[test]
    fn abu_takes_its_cases() {
        assert_eq!(
            abu_case_forms("نوري أبو سهمين"),
            ["نوري أبي سهمين", "نوري أبا سهمين"]
        );
        assert_eq!(abu_case_forms("ابو قرين"), ["ابي قرين", "ابا قرين"]);
        // Alone or last, it is no name's opening word.
        assert!(abu_case_forms("أبو").is_empty());
        assert!(abu_case_forms("طرابلس").is_empty());
        assert_eq!(
            abu_in_case_of("بنوري أبي سهمين", "نوري أبو سهمين").as_deref(),
            Some("نوري أبي سهمين")
        );
        assert_eq!(
            abu_in_case_of("ابا قرين", "أبو قرين").as_deref(),
            Some("أبا قرين")
        );
        assert_eq!(abu_in_case_of("أبو قرين", "أبو قرين"), None);
        assert_eq!(abu_in_case_of("أبي قرين", "بوقرين"), None);
    }

    #[test]
    fn vowel_marks_leave_a_spelling_as_it_is() {
        assert!(is_pointed("خَلِيفَة حَفْتَر", "خليفة حفتر"));
        assert!(is_pointed("ومُصْرَاتَة", "ومصراتة"));
        assert!(!is_pointed("خليفة حفتر", "خليفة حفتر"));
        assert!(!is_pointed("ومُصْرَاتَه", "ومصراتة"));
    }
}
