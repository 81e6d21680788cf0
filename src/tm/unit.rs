//! A translation unit: one meaning in several languages, with the metadata
//! CAT tools attach to it (TMX `<tu>` / `<tuv>`).

use crate::lang::closeness;
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

    /// Takes in what `other`, the metadata of the same unit or variant met
    /// again (a duplicate), adds: attributes, properties and notes not yet
    /// here; of two `creationdate`s the earlier (with its `creationid`), of
    /// two `changedate`s and `lastusagedate`s the later (`changedate` with
    /// its `changeid`), of two `usagecount`s the larger. Merging the same
    /// metadata twice changes nothing. Whether anything changed.
    pub fn merge(&mut self, other: &Meta) -> bool {
        let before = self.clone();
        let later = |name: &str, mine: &Meta| matches!((mine.attr(name), other.attr(name)), (Some(a), Some(b)) if b > a);
        let earlier = |name: &str, mine: &Meta| matches!((mine.attr(name), other.attr(name)), (Some(a), Some(b)) if b < a);
        let count = |m: &Meta| {
            m.attr("usagecount")
                .and_then(|c| c.trim().parse::<u64>().ok())
        };
        let mut take = Vec::new();
        if earlier("creationdate", self) {
            take.extend(["creationdate", "creationid"]);
        }
        if later("changedate", self) {
            take.extend(["changedate", "changeid"]);
        }
        if later("lastusagedate", self) {
            take.push("lastusagedate");
        }
        if matches!((count(self), count(other)), (Some(a), Some(b)) if b > a) {
            take.push("usagecount");
        }
        for (name, value) in &other.attrs {
            if take.contains(&name.as_str()) || self.attr(name).is_none() {
                self.set_attr(name, value.clone());
            }
        }
        for prop in &other.props {
            if !self.props.contains(prop) {
                self.props.push(prop.clone());
            }
        }
        for note in &other.notes {
            if !self.notes.contains(note) {
                self.notes.push(note.clone());
            }
        }
        *self != before
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
    /// Refuses a character XML 1.0 does not allow (control characters but
    /// tab and line breaks, U+FFFE, U+FFFF), raw or as a reference
    /// (`&#1;`), anywhere in the unit: stored, it would make every TMX
    /// export a file no XML reader opens.
    pub fn check_xml_chars(&self) -> Result<(), String> {
        let bad = |s: &str| s.chars().find(|&c| !allowed_in_xml(c));
        let found = |c: char, place: &str| {
            Err(format!(
                "a character XML does not allow (U+{:04X}) in {place}: remove it",
                c as u32
            ))
        };
        for (meta, lang) in std::iter::once((&self.meta, None)).chain(
            self.variants
                .iter()
                .map(|v| (&v.meta, Some(v.lang.as_str()))),
        ) {
            let strings = (meta.attrs.iter().chain(&meta.props))
                .flat_map(|(k, v)| [k, v])
                .chain(&meta.notes);
            if let Some(c) = strings.filter_map(|s| bad(s)).next() {
                let place = lang.map_or("a unit's metadata".to_string(), |l| {
                    format!("the metadata of the {l} variant")
                });
                return found(c, &place);
            }
        }
        for v in &self.variants {
            let referenced = v.seg.contains("&#").then(|| {
                quick_xml::escape::unescape(&v.seg)
                    .ok()
                    .and_then(|plain| bad(&plain))
            });
            if let Some(c) = bad(&v.seg)
                .or(referenced.flatten())
                .or_else(|| bad(&v.text))
            {
                return found(c, &format!("the {} segment", v.lang));
            }
        }
        Ok(())
    }

    /// Takes in the metadata of `other`, a duplicate of this unit (same
    /// languages, same segments): the unit's and each variant's, by
    /// [`Meta::merge`]. Whether anything changed.
    pub fn merge(&mut self, other: &Unit) -> bool {
        let mut changed = self.meta.merge(&other.meta);
        for theirs in &other.variants {
            let mine = self
                .variants
                .iter_mut()
                .find(|v| v.lang.eq_ignore_ascii_case(&theirs.lang) && v.seg == theirs.seg);
            if let Some(mine) = mine {
                changed |= mine.meta.merge(&theirs.meta);
            }
        }
        changed
    }

    /// The variant in `lang` that answers it best ([`closeness`]): the
    /// same tag (any case), else the language alone or with a region
    /// (`en-GB` finds `en`, `en` finds `en-GB`), else another region of it
    /// (`en-US`); the first of equals.
    pub fn variant(&self, lang: &str) -> Option<&Variant> {
        let mut best: Option<(u8, &Variant)> = None;
        for v in &self.variants {
            match closeness(&v.lang, lang) {
                Some(c) if best.is_none_or(|(b, _)| c > b) => best = Some((c, v)),
                _ => {}
            }
        }
        best.map(|(_, v)| v)
    }
}

/// Whether XML 1.0 allows `c` in a document (Rust strings hold no
/// surrogates).
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(attrs: &[(&str, &str)], notes: &[&str]) -> Meta {
        Meta {
            attrs: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            props: Vec::new(),
            notes: notes.iter().map(|n| n.to_string()).collect(),
        }
    }

    #[test]
    fn merging_takes_in_what_a_duplicate_adds() {
        let mut a = meta(
            &[
                ("creationdate", "20240105T100000Z"),
                ("creationid", "amina"),
                ("changedate", "20240105T100000Z"),
                ("usagecount", "3"),
            ],
            &["checked"],
        );
        let b = meta(
            &[
                ("creationdate", "20230101T090000Z"),
                ("creationid", "oleg"),
                ("changedate", "20240201T120000Z"),
                ("changeid", "oleg"),
                ("usagecount", "2"),
                ("o-tmf", "OmegaT"),
            ],
            &["checked", "legal"],
        );
        assert!(a.merge(&b));
        assert_eq!(a.attr("creationdate"), Some("20230101T090000Z"));
        assert_eq!(a.attr("creationid"), Some("oleg"));
        assert_eq!(a.attr("changedate"), Some("20240201T120000Z"));
        assert_eq!(a.attr("changeid"), Some("oleg"));
        assert_eq!(a.attr("usagecount"), Some("3"));
        assert_eq!(a.attr("o-tmf"), Some("OmegaT"));
        assert_eq!(a.notes, vec!["checked", "legal"]);
        let again = a.clone();
        assert!(!a.merge(&b), "merging twice changes nothing");
        assert_eq!(a, again);
    }
}
