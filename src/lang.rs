//! Language tags (BCP 47) as dragoman compares them: without regard to
//! case (`_` read as `-`), and a region falling back to its language both
//! ways, so that `en-GB` finds what is stored as `en`, `en-GB` or `en-US`
//! and `en` finds `en-GB`.

/// The primary language subtag, lower case: `en` for `en-GB`.
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

/// Whether two tags name the same language (`ru`, `RU`, `ru-RU`, `ru_UA`).
pub fn same_language(a: &str, b: &str) -> bool {
    primary(a) == primary(b)
}

/// How closely a stored tag answers a request for `wanted`, higher is
/// closer: `3` the same tag, `2` one is the other's language alone (`en`
/// and `en-GB`), `1` the same language in another region (`en-US` for
/// `en-GB`); `None` for another language.
pub fn closeness(stored: &str, wanted: &str) -> Option<u8> {
    let norm = |t: &str| t.replace('_', "-");
    let (a, b) = (norm(stored), norm(wanted));
    if a.eq_ignore_ascii_case(&b) {
        Some(3)
    } else if !same_language(&a, &b) {
        None
    } else if !a.contains('-') || !b.contains('-') {
        Some(2)
    } else {
        Some(1)
    }
}

/// The code among `codes` (lower case) that `tag` stands for: the tag
/// itself, else its language alone; `None` when `codes` has neither.
pub fn pick<'a>(codes: &[&'a str], tag: &str) -> Option<&'a str> {
    let tag = tag.to_ascii_lowercase().replace('_', "-");
    let language = primary(&tag);
    let found = [tag.as_str(), language.as_str()]
        .into_iter()
        .find_map(|wanted| codes.iter().copied().find(|c| *c == wanted));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_fall_back_to_the_language_both_ways() {
        assert_eq!(closeness("en-GB", "EN-gb"), Some(3));
        assert_eq!(closeness("en", "en-GB"), Some(2));
        assert_eq!(closeness("en-GB", "en"), Some(2));
        assert_eq!(closeness("en-US", "en_GB"), Some(1));
        assert_eq!(closeness("ru", "en-GB"), None);
        assert!(same_language("ru-RU", "RU"));
        assert_eq!(pick(&["ar", "en", "ru"], "RU-ru"), Some("ru"));
        assert_eq!(pick(&["en", "en-gb"], "en-GB"), Some("en-gb"));
        assert_eq!(pick(&["en"], "fr"), None);
    }
}
