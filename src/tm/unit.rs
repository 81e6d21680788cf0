//! A translation unit: one meaning in several languages, with the metadata
//! CAT tools attach to it (TMX `<tu>` / `<tuv>`).

use serde::{Deserialize, Serialize};

/// What a unit or one of its language variants carries besides its text:
/// attributes (`creationdate`, `creationid`, `changedate`, `changeid`,
/// `o-tmf`, `tuid`, …) in the order found, `<prop type="…">` values and
/// `<note>`s.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attrs: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Meta {
    pub fn is_empty(&self) -> bool {
        self.attrs.is_empty() && self.props.is_empty() && self.notes.is_empty()
    }

    /// The value of attribute `name`, if set.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Sets attribute `name`, replacing an earlier value.
    pub fn set_attr(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self.attrs.iter_mut().find(|(k, _)| k == name) {
            Some(slot) => slot.1 = value,
            None => self.attrs.push((name.to_string(), value)),
        }
    }
}

/// One language's version of a unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Variant {
    /// BCP-47 language code as the file gave it.
    pub lang: String,
    /// The segment's content as XML, inline markup (`bpt`, `ept`, `ph`,
    /// `it`, `hi`) and whitespace kept exactly.
    pub seg: String,
    /// The segment's plain text: `seg` without inline codes, unescaped.
    pub text: String,
    pub meta: Meta,
}

impl Variant {
    /// A variant of plain text (no inline markup).
    pub fn plain(lang: &str, text: &str) -> Variant {
        Variant {
            lang: lang.to_string(),
            seg: quick_xml::escape::partial_escape(text).into_owned(),
            text: text.to_string(),
            meta: Meta::default(),
        }
    }

    /// Whether the segment carries inline markup.
    pub fn has_markup(&self) -> bool {
        self.seg.contains('<')
    }
}

/// A translation unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unit {
    pub meta: Meta,
    pub variants: Vec<Variant>,
}

impl Unit {
    /// The first variant in `lang` (compared case-insensitively, and a
    /// bare code matches a regional one: `en` finds `en-GB`).
    pub fn variant(&self, lang: &str) -> Option<&Variant> {
        self.variants
            .iter()
            .find(|v| v.lang.eq_ignore_ascii_case(lang))
            .or_else(|| self.variants.iter().find(|v| lang_matches(&v.lang, lang)))
    }
}

/// Whether `code` (as stored) answers a request for `wanted`: equal
/// ignoring case, or `wanted` is its primary subtag (`en` for `en-US`).
pub fn lang_matches(code: &str, wanted: &str) -> bool {
    code.eq_ignore_ascii_case(wanted)
        || (code.len() > wanted.len()
            && code.as_bytes()[wanted.len()] == b'-'
            && code[..wanted.len()].eq_ignore_ascii_case(wanted))
}

/// The primary language subtag, lower case: `en` for `en-GB`.
pub fn primary(code: &str) -> String {
    code.split(['-', '_'])
        .next()
        .unwrap_or(code)
        .to_ascii_lowercase()
}
