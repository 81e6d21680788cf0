//! Glossary as JSON: an array of entries,
//! `{"id", "type", "terms": {"en": {"house", "variants", "admitted",
//! "forbidden"}}, "case", "match", "note"}`.

use super::Located;
use crate::error::{Error, Result};
use crate::glossary::{CaseRule, Entry, MatchRule, Status};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEntry {
    id: String,
    #[serde(rename = "type", default, skip_serializing_if = "String::is_empty")]
    entry_type: String,
    #[serde(default)]
    terms: BTreeMap<String, JsonTerms>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    case: Option<String>,
    #[serde(rename = "match", default, skip_serializing_if = "Option::is_none")]
    matching: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonTerms {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    house: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    variants: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    admitted: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    forbidden: Vec<String>,
}

pub fn read(name: &str, text: &str) -> Result<Vec<Located>> {
    let parsed: Vec<JsonEntry> = serde_json::from_str(text).map_err(|e| {
        Error::input(
            name,
            Some(e.line() as u64),
            format!("{e} (expected an array of entries)"),
        )
    })?;
    parsed
        .into_iter()
        .map(|j| {
            let id = j.id.trim().to_string();
            let case = match j.case.as_deref() {
                None => CaseRule::default(),
                Some(rule) => CaseRule::parse(rule).ok_or_else(|| {
                    Error::input(
                        name,
                        None,
                        format!("entry {id}: case {rule:?} is not insensitive or sensitive"),
                    )
                })?,
            };
            let matching = match j.matching.as_deref() {
                None => MatchRule::default(),
                Some(rule) => MatchRule::parse(rule).ok_or_else(|| {
                    Error::input(
                        name,
                        None,
                        format!("entry {id}: match {rule:?} is not fuzzy or exact"),
                    )
                })?,
            };
            let mut entry = Entry {
                id,
                entry_type: j.entry_type,
                note: j.note,
                case,
                matching,
                ..Entry::default()
            };
            for (lang, terms) in j.terms {
                if let Some(house) = terms.house {
                    entry.set_house(&lang, &house);
                }
                for (status, forms) in [
                    (Status::Variant, terms.variants),
                    (Status::Admitted, terms.admitted),
                    (Status::Forbidden, terms.forbidden),
                ] {
                    for form in forms {
                        entry.add_form(&lang, status, &form);
                    }
                }
            }
            Ok(Located {
                entry,
                line: None,
                generated_id: false,
            })
        })
        .collect()
}

pub fn write(entries: &[Entry], out: &mut dyn Write) -> std::io::Result<()> {
    let json: Vec<JsonEntry> = entries
        .iter()
        .map(|e| JsonEntry {
            id: e.id.clone(),
            entry_type: e.entry_type.clone(),
            terms: e
                .terms
                .iter()
                .map(|(lang, terms)| {
                    (
                        lang.clone(),
                        JsonTerms {
                            house: terms.house.clone(),
                            variants: terms.variants.clone(),
                            admitted: terms.admitted.clone(),
                            forbidden: terms.forbidden.clone(),
                        },
                    )
                })
                .collect(),
            case: (e.case != CaseRule::default()).then(|| e.case.as_str().to_string()),
            matching: (e.matching != MatchRule::default()).then(|| e.matching.as_str().to_string()),
            note: e.note.clone(),
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &json)?;
    out.write_all(b"\n")
}
