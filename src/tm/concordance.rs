//! Concordance: the stored segments that contain given words, compared by
//! their index keys (folded, Russian endings stemmed, Arabic proclitics
//! peeled off), with where each word occurs.

use super::keys::{clitic_forms, key, word_matches, word_spans};
use super::unit::{Unit, Variant};
use crate::error::Result;
use crate::lang::primary;
use crate::store::Store;

/// One unit containing every word asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Concordance {
    pub unit: u32,
    /// The variant in the language searched.
    pub source: Variant,
    /// Byte spans of the words found in `source.text`.
    pub hits: Vec<(usize, usize)>,
    /// The unit's other variants.
    pub translations: Vec<Variant>,
}

/// Units whose variant in `lang` contains every word of `query` (in any
/// order), oldest first, at most `limit`.
pub fn concordance(
    store: &Store,
    query: &str,
    lang: &str,
    limit: usize,
) -> Result<Vec<Concordance>> {
    let index_lang = primary(lang);
    // Each word asked for, with the words it may stand for.
    let mut wanted: Vec<Vec<String>> = Vec::new();
    for (start, end) in word_spans(query) {
        let readings = readings(&key(&query[start..end]));
        if !wanted.contains(&readings) {
            wanted.push(readings);
        }
    }
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    // Units holding every word: the intersection of each word's postings
    // (for Arabic, under every proclitic form).
    let mut common: Option<Vec<u32>> = None;
    for readings in &wanted {
        let mut ids: Vec<u32> = Vec::new();
        for form in readings.iter().flat_map(|k| clitic_forms(k)) {
            ids.extend(store.tm_postings(&index_lang, &form)?.ids);
        }
        ids.sort_unstable();
        ids.dedup();
        common = Some(match common {
            None => ids,
            Some(prev) => intersect(&prev, &ids),
        });
    }
    let mut out = Vec::new();
    for id in common.unwrap_or_default() {
        if out.len() >= limit {
            break;
        }
        let unit = Unit {
            variants: store.tm_variants(id)?,
            ..Unit::default()
        };
        let Some(source) = unit.variant(lang) else {
            continue;
        };
        let occurs = |(s, e): (usize, usize), readings: &Vec<String>| {
            readings.iter().any(|k| word_matches(&source.text[s..e], k))
        };
        let hits: Vec<(usize, usize)> = word_spans(&source.text)
            .into_iter()
            .filter(|&span| wanted.iter().any(|r| occurs(span, r)))
            .collect();
        let all_found = wanted
            .iter()
            .all(|r| hits.iter().any(|&span| occurs(span, r)));
        if !all_found {
            continue;
        }
        let source = source.clone();
        let translations = unit
            .variants
            .iter()
            .filter(|v| v.lang != source.lang)
            .cloned()
            .collect();
        out.push(Concordance {
            unit: id,
            source,
            hits,
            translations,
        });
    }
    Ok(out)
}

/// A query word's key and, in Arabic, what it reads as behind proclitics
/// and the article (`وحفتر` is `حفتر`, `بطرابلس` is `طرابلس`), stems of three
/// letters or more.
fn readings(key: &str) -> Vec<String> {
    let mut out = vec![key.to_string()];
    if key.chars().any(crate::text::arabic::is_arabic_letter) {
        for (_, stem) in crate::text::arabic::clitic_readings(key)
            .into_iter()
            .skip(1)
        {
            let stem = crate::text::arabic::strip_article(stem);
            if stem.chars().count() >= 3 && !out.iter().any(|k| k == stem) {
                out.push(stem.to_string());
            }
        }
    }
    out
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}
