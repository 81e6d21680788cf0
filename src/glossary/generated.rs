//! Fitting entries whose ids dragoman made up into a stored glossary.
//!
//! A TBX file without ids (translate-toolkit's csv2tbx writes none, or the
//! term itself) gives entries ids slugged from their first term. Such an id
//! says nothing about identity, so an import must never let it replace a
//! stored entry that happens to have the same slug.

use super::Entry;
use crate::formats::ReadGlossary;
use crate::text::fold;
use std::collections::HashSet;

/// Returns `read`'s entries ready to upsert into a glossary holding
/// `stored`. An entry with a generated id that is already taken either
/// merges into the stored entry, when it is the same concept (its house
/// forms agree with the stored ones in every language both have), adding
/// what the stored entry lacks and removing nothing; or it gets a fresh id.
/// Re-importing the same file is therefore idempotent and loses nothing.
pub fn place_generated(stored: &[Entry], read: ReadGlossary) -> Vec<Entry> {
    let mut taken: HashSet<String> = stored.iter().map(|e| e.id.clone()).collect();
    taken.extend(read.entries.iter().map(|e| e.id.clone()));
    read.entries
        .into_iter()
        .map(|entry| {
            if !read.generated_ids.contains(&entry.id) {
                return entry;
            }
            match stored.iter().find(|s| s.id == entry.id) {
                None => entry,
                Some(existing) if same_concept(existing, &entry) => merged(existing, &entry),
                Some(_) => {
                    let mut renamed = entry;
                    renamed.id = free_id(&renamed.id, &mut taken);
                    renamed
                }
            }
        })
        .collect()
}

fn same_concept(a: &Entry, b: &Entry) -> bool {
    let mut shared = 0;
    for (lang, terms) in &b.terms {
        if let (Some(x), Some(y)) = (a.house(lang), terms.house.as_deref()) {
            if fold(x) != fold(y) {
                return false;
            }
            shared += 1;
        }
    }
    shared > 0
}

fn merged(stored: &Entry, incoming: &Entry) -> Entry {
    let mut out = stored.clone();
    for (lang, terms) in &incoming.terms {
        if out.house(lang).is_none() {
            if let Some(house) = &terms.house {
                out.set_house(lang, house);
            }
        }
        let known: HashSet<String> = out
            .terms
            .get(lang)
            .map(|t| t.house.iter().chain(&t.variants).map(|f| fold(f)).collect())
            .unwrap_or_default();
        for variant in &terms.variants {
            if !known.contains(&fold(variant)) {
                out.add_variant(lang, variant);
            }
        }
    }
    if out.entry_type.is_empty() {
        out.entry_type = incoming.entry_type.clone();
    }
    if out.note.is_empty() {
        out.note = incoming.note.clone();
    }
    out
}

fn free_id(base: &str, taken: &mut HashSet<String>) -> String {
    let id = (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .expect("unbounded");
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, en: &str, ar: Option<&str>) -> Entry {
        let mut e = Entry::new(id);
        e.set_house("en", en);
        if let Some(ar) = ar {
            e.set_house("ar", ar);
        }
        e
    }

    fn read(entries: Vec<Entry>) -> ReadGlossary {
        let generated_ids = entries.iter().map(|e| e.id.clone()).collect();
        ReadGlossary {
            entries,
            generated_ids,
        }
    }

    #[test]
    fn a_different_concept_gets_a_fresh_id() {
        let stored = vec![entry("wadi-kaam", "Wadi Kaam", Some("وادي كعام"))];
        let placed = place_generated(
            &stored,
            read(vec![entry("wadi-kaam", "Wadi Kaam", Some("وادي آخر"))]),
        );
        assert_eq!(placed[0].id, "wadi-kaam-2");
    }

    #[test]
    fn the_same_concept_merges_without_losing_anything() {
        let mut stored = entry("wadi-kaam", "Wadi Kaam", Some("وادي كعام"));
        stored.note = "kept".into();
        let mut incoming = entry("wadi-kaam", "WADI KAAM", None);
        incoming.set_house("fr", "Ouadi Kaam");
        let placed = place_generated(&[stored], read(vec![incoming]));
        assert_eq!(placed[0].id, "wadi-kaam");
        assert_eq!(placed[0].house("ar"), Some("وادي كعام"));
        assert_eq!(placed[0].house("fr"), Some("Ouadi Kaam"));
        assert_eq!(placed[0].note, "kept");
    }

    #[test]
    fn ids_from_the_file_upsert_as_usual() {
        let stored = vec![entry("x", "Old", None)];
        let placed = place_generated(
            &stored,
            ReadGlossary {
                entries: vec![entry("x", "New", None)],
                ..Default::default()
            },
        );
        assert_eq!(placed[0].house("en"), Some("New"));
    }
}
