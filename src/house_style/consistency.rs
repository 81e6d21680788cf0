//! Drift: one document naming one entity in several forms.

use super::Finding;
use std::collections::HashMap;

/// An entity a document names in more than one form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Drift {
    pub entry: String,
    /// The distinct forms, in order of first appearance.
    pub forms: Vec<String>,
}

/// The entities `findings` (which should include canonical mentions, as
/// with `--all`) name in several forms in one language. Case forms and
/// clitics of one spelling are one form: forms are compared by what they
/// would be rewritten to and whether they needed it. A name in each
/// language of a bilingual document is no drift: each language's forms
/// are compared apart, and an entity may drift in each.
pub fn several_forms(findings: &[Finding]) -> Vec<Drift> {
    /// A form's identity (`None` for the house form), the form as first
    /// found, and whether it is a surname alone.
    type Form<'f> = (Option<&'f str>, &'f str, bool);
    // Per entry and language: where it is first named, and its forms as
    // (identity, form as first found). Off-style mentions differ from
    // house ones (identity `None`); two off-style spellings differ when
    // they do without clitics and case endings. A surname alone spelt as
    // a full name ends is that name's form (`Khalifa Hifter`, `Hifter`).
    let mut by_entry: HashMap<(&str, &str), (usize, Vec<Form>)> = HashMap::new();
    for (at, f) in findings.iter().enumerate() {
        let identity = f.is_off_style().then_some(f.spelling.as_str());
        let (_, forms) = by_entry
            .entry((&f.entry, &f.lang))
            .or_insert_with(|| (at, Vec::new()));
        let known = forms.iter().any(|&(id, _, alone)| match (id, identity) {
            (Some(a), Some(b)) => {
                one_spelling(a, b)
                    || (f.surname_alone && ends_with(a, b))
                    || (alone && ends_with(b, a))
            }
            (a, b) => a == b,
        });
        if !known {
            forms.push((identity, &f.found, f.surname_alone));
        }
    }
    // Forms are named as read, each once: a house form at a sentence
    // start (`Al-Sarraj`) reads as the same off-style one inside a
    // sentence, and tells an editor nothing.
    let mut drifts: Vec<(usize, Drift)> = by_entry
        .into_iter()
        .map(|((entry, _), (first, forms))| {
            let mut named: Vec<String> = Vec::with_capacity(forms.len());
            for (_, f, _) in &forms {
                let read = super::as_read(f);
                if !named.iter().any(|n| *n == read) {
                    named.push(read.into_owned());
                }
            }
            let drift = Drift {
                entry: entry.to_string(),
                forms: named,
            };
            (first, drift)
        })
        .filter(|(_, drift)| drift.forms.len() > 1)
        .collect();
    drifts.sort_by_key(|(first, _)| *first);
    drifts.into_iter().map(|(_, drift)| drift).collect()
}

/// Whether the spelling `full` ends with the words of `surname`, both as
/// [`Finding::spelling`] keeps them.
fn ends_with(full: &str, surname: &str) -> bool {
    let words = surname.split(' ').count();
    let full_words: Vec<&str> = full.split(' ').collect();
    full_words.len() > words
        && one_spelling(&full_words[full_words.len() - words..].join(" "), surname)
}

/// Whether two spellings (as [`Finding::spelling`] keeps them, word
/// stems) are one. A Russian word that ends in a consonant may read as a
/// stem and an ending in the nominative (`ислам` as `исл` + `ам`) but not
/// in its other cases (`исламом` as `ислам` + `ом`): its stems then differ
/// by what the shorter one took for an ending.
fn one_spelling(a: &str, b: &str) -> bool {
    a == b || {
        let (mut x, mut y) = (a.split(' '), b.split(' '));
        loop {
            match (x.next(), y.next()) {
                (None, None) => break true,
                (Some(v), Some(w))
                    if v == w
                        || crate::text::russian::stem(v) == w
                        || v == crate::text::russian::stem(w) => {}
                _ => break false,
            }
        }
    }
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
    /// The form as the batch most often wrote it (`Misurata`, not the
    /// headline's `MISURATA`), as read; the first found of equals.
    pub form: String,
    pub kind: crate::lookup::MatchKind,
    pub count: usize,
    #[serde(skip)]
    spelling: String,
    /// Each way the form was written, and how often.
    #[serde(skip)]
    written: Vec<(String, usize)>,
}

impl FormCount {
    fn add(&mut self, written: &str) {
        match self.written.iter_mut().find(|(w, _)| w == written) {
            Some((_, n)) => *n += 1,
            None => self.written.push((written.to_string(), 1)),
        }
    }
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
                    .find(|c| one_spelling(&c.spelling, &f.spelling))
                {
                    Some(count) => {
                        count.count += 1;
                        count.add(&super::as_read(&f.found));
                    }
                    None => {
                        let form = super::as_read(&f.found).into_owned();
                        forms.off_style.push(FormCount {
                            written: vec![(form.clone(), 1)],
                            form,
                            kind,
                            count: 1,
                            spelling: f.spelling.clone(),
                        })
                    }
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
            for f in &mut e.off_style {
                // The first of the most frequent.
                let most = f.written.iter().map(|(_, n)| *n).max().unwrap_or(0);
                if let Some((written, _)) = f.written.iter().find(|(_, n)| *n == most) {
                    f.form = written.clone();
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::house_style::Severity;
    use crate::lookup::MatchKind;

    fn finding(entry: &str, found: &str, spelling: &str, off_style: bool) -> Finding {
        Finding {
            line: 1,
            column: 1,
            start: 0,
            end: found.len(),
            found: found.into(),
            entry: entry.into(),
            lang: "en".into(),
            kind: if off_style {
                MatchKind::Variant
            } else {
                MatchKind::Canonical
            },
            suggestion: String::new(),
            confidence: 1.0,
            severity: if off_style {
                Severity::Warning
            } else {
                Severity::Info
            },
            layer: "db".into(),
            spelling: spelling.into(),
            surname_alone: false,
        }
    }

    #[test]
    fn a_surname_alone_spelt_as_the_full_name_ends_is_one_form() {
        let alone = |found: &str, spelling: &str| Finding {
            surname_alone: true,
            ..finding("haftar", found, spelling, true)
        };
        let findings = [
            finding("haftar", "Khalifa Hifter", "khalifa hifter", true),
            alone("Hifter", "hifter"),
            alone("Hafter", "hafter"),
        ];
        assert_eq!(
            several_forms(&findings)[0].forms,
            ["Khalifa Hifter", "Hafter"]
        );
        // The other way round too.
        let findings = [
            alone("Hifter", "hifter"),
            finding("haftar", "Khalifa Hifter", "khalifa hifter", true),
        ];
        assert!(several_forms(&findings).is_empty());
    }

    #[test]
    fn entities_come_in_order_of_first_mention_with_forms_in_order() {
        let findings = [
            finding("misrata", "Misurata", "misurata", true),
            finding("haftar", "Haftar", "haftar", false),
            finding("tarhuna", "Tarhuna", "tarhuna", false),
            finding("haftar", "Hifter", "hifter", true),
            finding("misrata", "Misrata", "misrata", false),
            finding("haftar", "Haftar", "haftar", false),
            finding("haftar", "Hiftera", "hifter", true),
            finding("tarhuna", "TARHUNA", "tarhuna", false),
        ];
        let drift = several_forms(&findings);
        assert_eq!(
            drift,
            [
                Drift {
                    entry: "misrata".into(),
                    forms: vec!["Misurata".into(), "Misrata".into()],
                },
                Drift {
                    entry: "haftar".into(),
                    forms: vec!["Haftar".into(), "Hifter".into()],
                },
            ]
        );
    }

    #[test]
    fn a_russian_name_ending_in_a_consonant_is_one_form_in_its_cases() {
        // `Саиф аль-Ислам` keys as `саиф аль-исл`, its cases as `аль-ислам`.
        let findings = [
            finding("saif", "Саифом аль-Исламом", "саиф аль-ислам", true),
            finding("saif", "Саиф аль-Ислам", "саиф аль-исл", true),
            finding("saif", "Саифа аль-Ислама", "саиф аль-ислам", true),
        ];
        assert_eq!(several_forms(&findings), []);
        // Another spelling is still another form.
        let findings = [
            finding("saif", "Саифом аль-Исламом", "саиф аль-ислам", true),
            finding("saif", "Сайфом аль-Исламом", "сайф аль-ислам", true),
        ];
        assert_eq!(several_forms(&findings).len(), 1);
    }

    #[test]
    fn each_language_is_compared_apart() {
        let in_lang = |lang: &str, f: Finding| Finding {
            lang: lang.into(),
            ..f
        };
        let findings = [
            finding(
                "lna",
                "Libyan Arab Armed Forces",
                "libyan arab armed forces",
                true,
            ),
            in_lang(
                "ru",
                finding("lna", "Ливийская национальная армия", "ливийск", false),
            ),
            in_lang("ru", finding("haftar", "Хафтаром", "хафтар", false)),
            in_lang("ru", finding("haftar", "Хифтером", "хифтер", true)),
            finding("haftar", "Haftar", "haftar", false),
        ];
        // A bilingual document's two house-style names are no drift; two
        // Russian spellings are.
        assert_eq!(
            several_forms(&findings),
            [Drift {
                entry: "haftar".into(),
                forms: vec!["Хафтаром".into(), "Хифтером".into()],
            }]
        );
    }

    #[test]
    fn many_entities_are_sorted_by_first_mention() {
        // Thousands of entities, each named twice: one pass, not one
        // search of the findings per entity.
        let findings: Vec<Finding> = (0..4000)
            .flat_map(|n| {
                let entry = format!("e{n}");
                [
                    finding(&entry, "A", "a", true),
                    finding(&entry, "B", "b", false),
                ]
            })
            .collect();
        let drift = several_forms(&findings);
        assert_eq!(drift.len(), 4000);
        assert!(drift
            .iter()
            .enumerate()
            .all(|(n, d)| d.entry == format!("e{n}")));
    }

    #[test]
    fn a_form_is_named_as_the_batch_most_often_wrote_it() {
        let mut tally = Tally::default();
        tally.add(
            "a.txt",
            &[
                finding("misrata", "MISURATA", "misurata", true),
                finding("misrata", "Misurata", "misurata", true),
            ],
        );
        tally.add("b.txt", &[finding("misrata", "Misurata", "misurata", true)]);
        let tally = tally.finish();
        assert_eq!(tally.entries[0].off_style[0].form, "Misurata");
        assert_eq!(tally.entries[0].off_style[0].count, 3);
    }
}
