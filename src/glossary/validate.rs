//! Conflicts an editor must resolve before a glossary can be trusted.

use super::Entry;
use crate::text::fold;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictKind {
    /// The same variant is listed under two entries: which one does a
    /// mention belong to?
    VariantInTwoEntries,
    /// A variant of one entry is the house form of another.
    VariantIsHouseForm,
    /// An entry (or one of its languages) lists variants but no house form,
    /// so there is nothing to rewrite them to.
    NoHouseForm,
    /// Two forms differ only in what normalisation removes (case, diacritics,
    /// hamza, article…): within one entry they are redundant, across entries
    /// ambiguous.
    SameKey,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// The entries involved, in glossary order.
    pub entries: Vec<String>,
    pub message: String,
}

/// A one-word Arabic spelling that is an everyday word too (`ألي` folds
/// as `إلى`, to; see [`crate::text::ordinary`]): standing alone, it is
/// found only as written. Not a conflict, but worth an editor's knowing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EverydaySpelling {
    pub entry: String,
    pub form: String,
}

/// Every [`EverydaySpelling`] of `entries`, in glossary order.
pub fn everyday_spellings(entries: &[Entry]) -> Vec<EverydaySpelling> {
    entries
        .iter()
        .flat_map(|entry| {
            entry
                .forms()
                .filter(|(_, _, form)| {
                    !form.trim().contains(char::is_whitespace)
                        && crate::text::Script::detect(form) == crate::text::Script::Arabic
                        && crate::text::ordinary::is_ordinary_arabic(form.trim())
                })
                .map(|(_, _, form)| EverydaySpelling {
                    entry: entry.id.clone(),
                    form: form.to_string(),
                })
        })
        .collect()
}

struct Occurrence<'g> {
    entry: usize,
    lang: &'g str,
    house: bool,
    form: &'g str,
}

/// All conflicts in `entries`, entry problems first, then key collisions in
/// the order their keys first appear.
pub fn validate(entries: &[Entry]) -> Vec<Conflict> {
    let mut conflicts = Vec::new();
    for entry in entries {
        if entry.terms.values().all(|t| t.house.is_none()) {
            conflicts.push(Conflict {
                kind: ConflictKind::NoHouseForm,
                entries: vec![entry.id.clone()],
                message: format!("{} has no house form in any language", entry.id),
            });
            continue;
        }
        for (lang, terms) in &entry.terms {
            if terms.house.is_none() && !terms.variants.is_empty() {
                conflicts.push(Conflict {
                    kind: ConflictKind::NoHouseForm,
                    entries: vec![entry.id.clone()],
                    message: format!(
                        "{} lists {lang} variants but no {lang} house form",
                        entry.id
                    ),
                });
            }
        }
    }

    let mut by_key: BTreeMap<String, Vec<Occurrence>> = BTreeMap::new();
    let mut first_seen: Vec<String> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        for (lang, terms) in &entry.terms {
            let forms = terms
                .house
                .iter()
                .map(|f| (f, true))
                .chain(terms.variants.iter().map(|f| (f, false)));
            for (form, house) in forms {
                let key = fold(form);
                if key.is_empty() {
                    continue;
                }
                let list = by_key.entry(key.clone()).or_default();
                if list.is_empty() {
                    first_seen.push(key);
                }
                list.push(Occurrence {
                    entry: i,
                    lang,
                    house,
                    form,
                });
            }
        }
    }

    for key in first_seen {
        let occurrences = &by_key[&key];
        for (a_index, a) in occurrences.iter().enumerate() {
            for b in &occurrences[a_index + 1..] {
                if let Some(conflict) = collision(entries, a, b) {
                    conflicts.push(conflict);
                }
            }
        }
    }
    conflicts
}

fn describe(o: &Occurrence) -> String {
    let role = if o.house { "house form" } else { "variant" };
    format!("{} {} {:?}", o.lang, role, o.form)
}

fn collision(entries: &[Entry], a: &Occurrence, b: &Occurrence) -> Option<Conflict> {
    let (ea, eb) = (&entries[a.entry].id, &entries[b.entry].id);
    if a.entry == b.entry {
        // The same spelling in two languages of one entry is normal (Tripoli).
        if a.lang != b.lang {
            return None;
        }
        return Some(Conflict {
            kind: ConflictKind::SameKey,
            entries: vec![ea.clone()],
            message: format!(
                "{ea}: {} and {} differ only in case, accents or spelling normalisation",
                describe(a),
                describe(b)
            ),
        });
    }
    let (kind, what) = match (a.house, b.house) {
        (false, false) => (
            ConflictKind::VariantInTwoEntries,
            "the same variant is listed under two entries",
        ),
        (true, true) => (
            ConflictKind::SameKey,
            "two entries have the same house form",
        ),
        _ => (
            ConflictKind::VariantIsHouseForm,
            "a variant of one entry is the house form of another",
        ),
    };
    Some(Conflict {
        kind,
        entries: vec![ea.clone(), eb.clone()],
        message: format!("{what}: {ea} {} / {eb} {}", describe(a), describe(b)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, house: &str, variants: &[&str]) -> Entry {
        let mut e = Entry::new(id);
        if !house.is_empty() {
            e.set_house("en", house);
        }
        for v in variants {
            e.add_variant("en", v);
        }
        e
    }

    #[test]
    fn finds_every_kind() {
        let entries = vec![
            entry("a", "Alpha", &["Alfa", "ALPHA"]),
            entry("b", "Beta", &["Alfa", "Gamma"]),
            entry("c", "Gamma", &[]),
            entry("d", "", &["Delta"]),
        ];
        let kinds: Vec<ConflictKind> = validate(&entries).into_iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ConflictKind::NoHouseForm,
                ConflictKind::SameKey,
                ConflictKind::VariantInTwoEntries,
                ConflictKind::VariantIsHouseForm
            ]
        );
    }

    #[test]
    fn a_clean_glossary_has_none() {
        let mut e = entry("tripoli", "Tripoli", &["Tarabulus"]);
        e.set_house("fr", "Tripoli");
        assert!(validate(&[e, entry("b", "Benghazi", &[])]).is_empty());
    }
}
