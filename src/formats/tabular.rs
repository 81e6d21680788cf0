//! The contract's glossary TSV, and the same columns as CSV.

use super::Located;
use crate::error::{Error, Result};
use crate::glossary::{is_valid_lang, sorted_langs, Entry};
use std::collections::BTreeSet;
use std::io::Write;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Id,
    Type,
    Note,
    House(String),
    Variants(String),
}

fn parse_header(name: &str, fields: &csv::StringRecord, line: u64) -> Result<Vec<Column>> {
    let mut columns = Vec::with_capacity(fields.len());
    for raw in fields.iter() {
        let field = raw.trim();
        let column = match field {
            "id" => Column::Id,
            "type" => Column::Type,
            "note" => Column::Note,
            _ => match field.strip_suffix("_variants") {
                Some(lang) if is_valid_lang(lang) => Column::Variants(lang.to_string()),
                None if is_valid_lang(field) => Column::House(field.to_string()),
                _ => {
                    return Err(Error::input(
                        name,
                        Some(line),
                        format!(
                            "unknown column {field:?}: expected id, type, note, a language code (en, ar, ru, …) \
                             or <lang>_variants"
                        ),
                    ))
                }
            },
        };
        if columns.contains(&column) {
            return Err(Error::input(
                name,
                Some(line),
                format!("column {field:?} appears twice"),
            ));
        }
        columns.push(column);
    }
    if !columns.contains(&Column::Id) {
        return Err(Error::input(
            name,
            Some(line),
            "the header has no \"id\" column (is this a glossary file?)",
        ));
    }
    for column in &columns {
        if let Column::Variants(lang) = column {
            if !columns.contains(&Column::House(lang.clone())) {
                return Err(Error::input(
                    name,
                    Some(line),
                    format!(
                        "column \"{lang}_variants\" needs a \"{lang}\" column for the house form"
                    ),
                ));
            }
        }
    }
    Ok(columns)
}

/// Reads entries with the line each starts on.
pub fn read(name: &str, text: &str, delimiter: u8) -> Result<Vec<Located>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(delimiter != b'\t')
        .from_reader(text.as_bytes());
    let mut columns: Option<Vec<Column>> = None;
    let mut entries = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| csv_error(name, e))?;
        if !more {
            break;
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let Some(columns) = &columns else {
            columns = Some(parse_header(name, &record, line)?);
            continue;
        };
        if record.len() != columns.len() {
            return Err(Error::input(
                name,
                Some(line),
                format!(
                    "{} fields, but the header has {} columns",
                    record.len(),
                    columns.len()
                ),
            ));
        }
        let mut entry = Entry::default();
        for (column, value) in columns.iter().zip(record.iter()) {
            let value = value.trim();
            match column {
                Column::Id => entry.id = value.to_string(),
                Column::Type => entry.entry_type = value.to_string(),
                Column::Note => entry.note = value.to_string(),
                Column::House(lang) => {
                    if value.contains('|') {
                        return Err(Error::input(
                            name,
                            Some(line),
                            format!("the {lang} house form {value:?} contains '|': list other spellings in {lang}_variants"),
                        ));
                    }
                    entry.set_house(lang, value);
                }
                Column::Variants(lang) => {
                    for variant in value.split('|') {
                        entry.add_variant(lang, variant);
                    }
                }
            }
        }
        entries.push(Located {
            entry,
            line: Some(line),
            generated_id: false,
        });
    }
    if columns.is_none() {
        return Err(Error::input(
            name,
            None,
            "empty file: expected a header row starting with \"id\"",
        ));
    }
    Ok(entries)
}

fn csv_error(name: &str, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        _ => e.to_string(),
    };
    Error::input(name, line, message)
}

/// Writes the header and one row per entry. Languages are the union over all
/// entries (en, ar, ru always present), house columns first, then variants.
pub fn write(entries: &[Entry], delimiter: u8, out: &mut dyn Write) -> std::io::Result<()> {
    let mut langs: BTreeSet<&str> = ["en", "ar", "ru"].into_iter().collect();
    langs.extend(
        entries
            .iter()
            .flat_map(|e| e.terms.keys().map(String::as_str)),
    );
    let langs = sorted_langs(langs);
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .quote_style(if delimiter == b'\t' {
            csv::QuoteStyle::Never
        } else {
            csv::QuoteStyle::Necessary
        })
        .from_writer(out);
    let mut header = vec!["id".to_string(), "type".to_string()];
    header.extend(langs.iter().map(|l| l.to_string()));
    header.extend(langs.iter().map(|l| format!("{l}_variants")));
    header.push("note".to_string());
    writer.write_record(&header)?;
    for entry in entries {
        let mut row = vec![entry.id.clone(), entry.entry_type.clone()];
        row.extend(
            langs
                .iter()
                .map(|l| entry.house(l).unwrap_or("").to_string()),
        );
        row.extend(langs.iter().map(|l| {
            entry
                .terms
                .get(*l)
                .map(|t| t.variants.join("|"))
                .unwrap_or_default()
        }));
        row.push(entry.note.clone());
        writer.write_record(&row)?;
    }
    writer.flush()
}
