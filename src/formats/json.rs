//! Glossary as JSON: an array of entries,
//! `{"id", "type", "terms": {"en": {"house", "variants"}}, "note"}`.

use super::Located;
use crate::error::{Error, Result};
use crate::glossary::{Entry, Terms};
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
}

pub fn read(name: &str, text: &str) -> Result<Vec<Located>> {
    let parsed: Vec<JsonEntry> = serde_json::from_str(text).map_err(|e| {
        Error::input(
            name,
            Some(e.line() as u64),
            format!("{e} (expected an array of entries)"),
        )
    })?;
    Ok(parsed
        .into_iter()
        .map(|j| {
            let mut entry = Entry {
                id: j.id.trim().to_string(),
                entry_type: j.entry_type,
                note: j.note,
                ..Entry::default()
            };
            for (lang, terms) in j.terms {
                if let Some(house) = terms.house {
                    entry.set_house(&lang, &house);
                }
                for variant in terms.variants {
                    entry.add_variant(&lang, &variant);
                }
            }
            Located {
                entry,
                line: None,
                generated_id: false,
            }
        })
        .collect())
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
                .map(|(lang, Terms { house, variants })| {
                    (
                        lang.clone(),
                        JsonTerms {
                            house: house.clone(),
                            variants: variants.clone(),
                        },
                    )
                })
                .collect(),
            note: e.note.clone(),
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &json)?;
    out.write_all(b"\n")
}
