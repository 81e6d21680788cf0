//! Drift: one document naming one entity in several forms.

use super::Finding;
use std::collections::BTreeMap;

/// An entity a document names in more than one form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Drift {
    pub entry: String,
    /// The distinct forms, in order of first appearance.
    pub forms: Vec<String>,
}

/// The entities `findings` (which should include canonical mentions, as
/// with `--all`) name in several forms. Case forms and clitics of one
/// spelling are one form: forms are compared by what they would be
/// rewritten to and whether they needed it.
pub fn several_forms(findings: &[Finding]) -> Vec<Drift> {
    let mut by_entry: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    for f in findings {
        // Off-style mentions differ from house ones; two off-style
        // spellings differ when they do without clitics and case endings.
        let identity = if f.is_off_style() {
            f.spelling.clone()
        } else {
            String::from("\u{0}house")
        };
        let forms = by_entry.entry(&f.entry).or_default();
        if !forms.iter().any(|(id, _)| *id == identity) {
            forms.push((identity, f.found.clone()));
        }
    }
    let mut order: Vec<(&str, usize)> = by_entry
        .keys()
        .map(|e| (*e, findings.iter().position(|f| f.entry == *e).unwrap_or(0)))
        .collect();
    order.sort_by_key(|(_, first)| *first);
    order
        .into_iter()
        .filter(|(e, _)| by_entry[e].len() > 1)
        .map(|(e, _)| Drift {
            entry: e.to_string(),
            forms: by_entry[e].iter().map(|(_, f)| f.clone()).collect(),
        })
        .collect()
}
