use std::collections::BTreeMap;

/// The forms of an entry in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Terms {
    /// The house-style (canonical) form.
    pub house: Option<String>,
    /// Non-house spellings, in the order the glossary lists them. A listed
    /// variant is by definition not house style (deprecated): it is
    /// rewritten to the house form.
    pub variants: Vec<String>,
    /// Acceptable forms (an abbreviation on second reference): never
    /// rewritten, reported only with `--all`.
    pub admitted: Vec<String>,
    /// Forms that must never appear: reported as errors and rewritten to the
    /// house form.
    pub forbidden: Vec<String>,
}

impl Terms {
    pub fn is_empty(&self) -> bool {
        self.house.is_none()
            && self.variants.is_empty()
            && self.admitted.is_empty()
            && self.forbidden.is_empty()
    }

    /// The forms of one status.
    pub fn listed(&self, status: Status) -> &[String] {
        match status {
            Status::House => self.house.as_slice(),
            Status::Variant => &self.variants,
            Status::Admitted => &self.admitted,
            Status::Forbidden => &self.forbidden,
        }
    }

    fn listed_mut(&mut self, status: Status) -> Option<&mut Vec<String>> {
        match status {
            Status::House => None,
            Status::Variant => Some(&mut self.variants),
            Status::Admitted => Some(&mut self.admitted),
            Status::Forbidden => Some(&mut self.forbidden),
        }
    }
}

/// What the glossary says of a form: the contract's term statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// The house (preferred) form.
    House,
    /// A deprecated spelling, rewritten to the house form.
    Variant,
    /// Acceptable as written, never rewritten.
    Admitted,
    /// Must never appear: an error.
    Forbidden,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::House,
        Status::Variant,
        Status::Admitted,
        Status::Forbidden,
    ];

    /// The name the store and the formats use.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::House => "house",
            Status::Variant => "variant",
            Status::Admitted => "admitted",
            Status::Forbidden => "forbidden",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// Whether an entry's forms match whatever their letter case (`case`
/// column).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum CaseRule {
    #[default]
    Insensitive,
    /// Matched only where the capitals of the listed form are capitals in
    /// the text: a name that is also a common word in lower case.
    Sensitive,
}

impl CaseRule {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseRule::Insensitive => "insensitive",
            CaseRule::Sensitive => "sensitive",
        }
    }

    pub fn parse(name: &str) -> Option<CaseRule> {
        match name.trim() {
            "" | "insensitive" => Some(CaseRule::Insensitive),
            "sensitive" => Some(CaseRule::Sensitive),
            _ => None,
        }
    }
}

/// How an entry is found in text (`match` column).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum MatchRule {
    /// Listed forms, inflection, clitics and unlisted spellings by
    /// similarity.
    #[default]
    Fuzzy,
    /// Listed forms with their inflection and clitics only, never by
    /// similarity: for short or ambiguous names.
    Exact,
}

impl MatchRule {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchRule::Fuzzy => "fuzzy",
            MatchRule::Exact => "exact",
        }
    }

    pub fn parse(name: &str) -> Option<MatchRule> {
        match name.trim() {
            "" | "fuzzy" => Some(MatchRule::Fuzzy),
            "exact" => Some(MatchRule::Exact),
            _ => None,
        }
    }
}

/// One glossary entry: a person, place, organisation or term, with its
/// forms in every language the glossary covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// Stable id, e.g. `khalifa-haftar`.
    pub id: String,
    /// `person`, `place`, `org`, `term`, … (free text).
    pub entry_type: String,
    /// Forms by BCP-47 language code.
    pub terms: BTreeMap<String, Terms>,
    /// Free text for translators.
    pub note: String,
    pub case: CaseRule,
    pub matching: MatchRule,
    /// The layered glossary file the entry came from; `None` for the
    /// database. Never stored.
    pub layer: Option<String>,
}

impl Entry {
    pub fn new(id: impl Into<String>) -> Entry {
        Entry {
            id: id.into(),
            ..Entry::default()
        }
    }

    /// The house form in `lang`, if the entry has one.
    pub fn house(&self, lang: &str) -> Option<&str> {
        self.terms.get(lang).and_then(|t| t.house.as_deref())
    }

    /// The entry's languages, `en`, `ar`, `ru` first.
    pub fn langs(&self) -> Vec<&str> {
        sorted_langs(self.terms.keys().map(String::as_str))
    }

    /// A name to show for the entry: its English house form, else any house
    /// form, else its id.
    pub fn display_name(&self) -> &str {
        self.house("en")
            .or_else(|| self.langs().into_iter().find_map(|l| self.house(l)))
            .unwrap_or(&self.id)
    }

    /// Sets a house form, or clears it with an empty string.
    pub fn set_house(&mut self, lang: &str, form: &str) {
        let form = &tidy(form);
        let terms = self.terms.entry(lang.to_string()).or_default();
        terms.house = (!form.is_empty()).then(|| form.to_string());
        if terms.is_empty() {
            self.terms.remove(lang);
        }
    }

    /// Adds a variant unless it is already listed.
    pub fn add_variant(&mut self, lang: &str, form: &str) {
        self.add_form(lang, Status::Variant, form);
    }

    /// Adds a form of a listed status (not the house form: see
    /// [`Entry::set_house`]) unless it is already listed with that status.
    pub fn add_form(&mut self, lang: &str, status: Status, form: &str) {
        let form = &tidy(form);
        if form.is_empty() {
            return;
        }
        if status == Status::House {
            self.set_house(lang, form);
            return;
        }
        let terms = self.terms.entry(lang.to_string()).or_default();
        if let Some(list) = terms.listed_mut(status) {
            if !list.iter().any(|v| v == form) {
                list.push(form.to_string());
            }
        }
    }

    /// Removes a variant; false when it was not listed.
    pub fn remove_variant(&mut self, lang: &str, form: &str) -> bool {
        self.remove_form(lang, Status::Variant, form)
    }

    /// Removes a form of a listed status; false when it was not listed.
    pub fn remove_form(&mut self, lang: &str, status: Status, form: &str) -> bool {
        let Some(terms) = self.terms.get_mut(lang) else {
            return false;
        };
        let form = tidy(form);
        let removed = match terms.listed_mut(status) {
            Some(list) => {
                let before = list.len();
                list.retain(|v| *v != form);
                list.len() != before
            }
            None => false,
        };
        if terms.is_empty() {
            self.terms.remove(lang);
        }
        removed
    }

    /// Every form of the entry with its language and status: house forms,
    /// variants, admitted, forbidden, language by language.
    pub fn forms(&self) -> impl Iterator<Item = (&str, Status, &str)> {
        self.terms.iter().flat_map(|(lang, terms)| {
            Status::ALL.into_iter().flat_map(move |status| {
                terms
                    .listed(status)
                    .iter()
                    .map(move |form| (lang.as_str(), status, form.as_str()))
            })
        })
    }

    /// Checks that the entry can be stored and exchanged in every format:
    /// a well-formed id and language codes, and one-line forms and note.
    /// The message says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        if !is_valid_id(&self.id) {
            return Err(if self.id.is_empty() {
                "empty id".to_string()
            } else {
                format!(
                    "invalid id {:?}: use letters, digits, '-', '_', '.' or ':', no spaces",
                    self.id
                )
            });
        }
        for field in [&self.entry_type, &self.note] {
            if field.contains(['\t', '\n', '\r']) {
                return Err(format!(
                    "entry {}: type and note must be one line without tabs",
                    self.id
                ));
            }
            if let Some(c) = field.chars().find(|c| c.is_control()) {
                return Err(format!(
                    "entry {}: type and note must not contain control characters (U+{:04X})",
                    self.id, c as u32
                ));
            }
        }
        let mut langs = self.terms.keys();
        while let Some(lang) = langs.next() {
            if let Some(other) = langs.clone().find(|l| l.eq_ignore_ascii_case(lang)) {
                return Err(format!(
                    "entry {}: languages {lang:?} and {other:?} differ only in case: \
                     write one code once",
                    self.id
                ));
            }
        }
        for (lang, terms) in &self.terms {
            if !is_valid_lang(lang) {
                return Err(format!(
                    "entry {}: {lang:?} is not a language code (BCP-47, e.g. en, ar, ru)",
                    self.id
                ));
            }
            for form in Status::ALL.iter().flat_map(|s| terms.listed(*s)) {
                if form.trim().is_empty() {
                    return Err(format!("entry {}: empty {lang} form", self.id));
                }
                if form.contains(['\t', '\n', '\r', '|']) {
                    return Err(format!(
                        "entry {}: {lang} form {form:?} contains a tab, line break or '|' (the variant separator)",
                        self.id
                    ));
                }
                if let Some(c) = form.chars().find(|c| c.is_control()) {
                    return Err(format!(
                        "entry {}: {lang} form {form:?} contains a control character (U+{:04X})",
                        self.id, c as u32
                    ));
                }
                check_length(&self.id, lang, form)?;
            }
            let mut seen: Vec<(&str, Status)> = Vec::new();
            for status in Status::ALL {
                for form in terms.listed(status) {
                    if let Some((_, first)) = seen.iter().find(|(f, _)| f == form) {
                        return Err(format!(
                            "entry {}: {lang} form {form:?} is listed both as {} and as {}: keep one",
                            self.id,
                            first.as_str(),
                            status.as_str()
                        ));
                    }
                    seen.push((form, status));
                }
            }
        }
        Ok(())
    }
}

/// Words a glossary form has at most. The longest name of a body runs to
/// a dozen (the house glossary's longest has 8); a longer form is a
/// sentence or a paste gone wrong, and would make every matcher that holds
/// it slow to build (the cost grows with the cube of a form's words).
pub const MAX_FORM_WORDS: usize = 24;

/// Characters a glossary form has at most (the house glossary's longest
/// has 58).
pub const MAX_FORM_CHARS: usize = 300;

/// Refuses a form longer than [`MAX_FORM_WORDS`] or [`MAX_FORM_CHARS`].
fn check_length(id: &str, lang: &str, form: &str) -> Result<(), String> {
    let words = form.split_whitespace().count();
    let chars = form.chars().count();
    let (n, unit, max) = if words > MAX_FORM_WORDS {
        (words, "words", MAX_FORM_WORDS)
    } else if chars > MAX_FORM_CHARS {
        (chars, "characters", MAX_FORM_CHARS)
    } else {
        return Ok(());
    };
    let start: String = form.chars().take(40).collect();
    Err(format!(
        "entry {id}: {lang} form \"{start}…\" has {n} {unit}; a glossary form has at most {max}: \
         split it, or put the text in the note"
    ))
}

/// `text` as forms, types and notes are kept: trimmed, each run of spaces
/// (any Unicode space but tab and line breaks, which [`Entry::check`]
/// refuses) one ASCII space. TBX reads every run of whitespace as one
/// space, so anything else would not survive an export and import.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() && !matches!(c, '\t' | '\n' | '\r') {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Entry ids: non-empty, no whitespace, no separators used by the formats.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// BCP-47-shaped language codes: a 2–3 letter primary subtag, then optional
/// subtags of 1–8 letters or digits (`en`, `ar`, `ru`, `pt-BR`, `sr-Latn`).
pub fn is_valid_lang(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Sort key putting the desk's languages first.
pub fn lang_order(lang: &str) -> (u8, &str) {
    match lang {
        "en" => (0, lang),
        "ar" => (1, lang),
        "ru" => (2, lang),
        _ => (3, lang),
    }
}

/// Languages in display order: en, ar, ru, then the rest alphabetically.
pub fn sorted_langs<'a>(langs: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = langs.into_iter().collect();
    v.sort_by_key(|l| lang_order(l));
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_langs() {
        assert!(is_valid_id("khalifa-haftar"));
        assert!(!is_valid_id("two words"));
        assert!(!is_valid_id(""));
        assert!(is_valid_lang("en") && is_valid_lang("pt-BR") && is_valid_lang("ara"));
        assert!(!is_valid_lang("bogus") && !is_valid_lang("e") && !is_valid_lang("en_"));
    }

    #[test]
    fn variants_are_not_duplicated() {
        let mut e = Entry::new("x");
        e.add_variant("en", "Foo");
        e.add_variant("en", " Foo ");
        assert_eq!(e.terms["en"].variants, vec!["Foo"]);
        assert!(e.remove_variant("en", "Foo"));
        assert!(e.terms.is_empty());
    }

    #[test]
    fn check_rejects_separators() {
        let mut e = Entry::new("x");
        e.set_house("en", "A|B");
        assert!(e.check().unwrap_err().contains("'|'"));
    }
}
