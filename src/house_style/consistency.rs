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

/// How a batch names each entity: per entry, the mentions in house form,
/// in admitted forms and in each off-style form, and the documents that
/// name one entity in several forms. Built with [`Tally::add`], one
/// document at a time.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Tally {
    pub files: usize,
    /// Entries with an off-style mention first (most first), then by id.
    pub entries: Vec<EntryForms>,
    /// Documents naming one entity in several forms, in batch order.
    pub drift: Vec<DocumentDrift>,
    /// Where each entry is in `entries`.
    #[serde(skip)]
    position: std::collections::HashMap<String, usize>,
}

/// The forms one entry was named in across a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct EntryForms {
    pub entry: String,
    /// Mentions already in house form.
    pub house: usize,
    /// Mentions in an admitted form.
    pub admitted: usize,
    /// Off-style forms (case forms and clitics of one spelling are one
    /// form), most frequent first.
    pub off_style: Vec<FormCount>,
}

impl EntryForms {
    fn off_style_mentions(&self) -> usize {
        self.off_style.iter().map(|f| f.count).sum()
    }
}

/// One off-style form and how often the batch used it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FormCount {
    /// The form as first found.
    pub form: String,
    pub kind: crate::lookup::MatchKind,
    pub count: usize,
    #[serde(skip)]
    spelling: String,
}

/// A document that names one entity in several forms.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DocumentDrift {
    pub file: String,
    pub entry: String,
    pub forms: Vec<String>,
}

impl Tally {
    /// Counts one document's mentions: `every` should hold all of them,
    /// house-style ones included (as with `--all`).
    pub fn add(&mut self, file: &str, every: &[Finding]) {
        self.files += 1;
        for f in every {
            let i = match self.position.get(&f.entry) {
                Some(&i) => i,
                None => {
                    self.position.insert(f.entry.clone(), self.entries.len());
                    self.entries.push(EntryForms {
                        entry: f.entry.clone(),
                        ..EntryForms::default()
                    });
                    self.entries.len() - 1
                }
            };
            let forms = &mut self.entries[i];
            match f.kind {
                crate::lookup::MatchKind::Canonical => forms.house += 1,
                crate::lookup::MatchKind::Admitted => forms.admitted += 1,
                kind => match forms
                    .off_style
                    .iter_mut()
                    .find(|c| c.spelling == f.spelling)
                {
                    Some(count) => count.count += 1,
                    None => forms.off_style.push(FormCount {
                        form: f.found.clone(),
                        kind,
                        count: 1,
                        spelling: f.spelling.clone(),
                    }),
                },
            }
        }
        self.drift
            .extend(several_forms(every).into_iter().map(|d| DocumentDrift {
                file: file.to_string(),
                entry: d.entry,
                forms: d.forms,
            }));
    }

    /// Puts the entries in reporting order.
    pub fn finish(mut self) -> Tally {
        self.position.clear();
        for e in &mut self.entries {
            e.off_style.sort_by_key(|f| std::cmp::Reverse(f.count));
        }
        self.entries.sort_by(|a, b| {
            b.off_style_mentions()
                .cmp(&a.off_style_mentions())
                .then_with(|| a.entry.cmp(&b.entry))
        });
        self
    }
}
