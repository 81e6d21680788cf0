//! The contract's glossary TSV, and the same columns as CSV: `id`, `type`,
//! `<lang>`, `<lang>_variants`, `note`, and the house-style rules'
//! `<lang>_admitted`, `<lang>_forbidden`, `case` and `match`.

use super::Located;
use crate::error::{Error, Result};
use crate::glossary::{is_valid_lang, sorted_langs, CaseRule, Entry, MatchRule, Status};
use std::collections::BTreeSet;
use std::io::Write;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Id,
    Type,
    Note,
    Case,
    Match,
    House(String),
    /// Forms of a listed status other than the house form, `|`-separated.
    Listed(String, Status),
}

impl Column {
    /// The same column, a language code in any case (`en`, `EN`): language
    /// codes are compared without case, so two would be one language twice.
    fn same_as(&self, other: &Column) -> bool {
        match (self, other) {
            (Column::House(a), Column::House(b)) => a.eq_ignore_ascii_case(b),
            (Column::Listed(a, s), Column::Listed(b, t)) => s == t && a.eq_ignore_ascii_case(b),
            _ => self == other,
        }
    }
}

/// The column suffixes of the listed statuses.
const LISTED: [(&str, Status); 3] = [
    ("_variants", Status::Variant),
    ("_admitted", Status::Admitted),
    ("_forbidden", Status::Forbidden),
];

fn listed_column(field: &str) -> Option<Column> {
    LISTED.iter().find_map(|(suffix, status)| {
        let lang = field.strip_suffix(suffix)?;
        is_valid_lang(lang).then(|| Column::Listed(lang.to_string(), *status))
    })
}

fn parse_header(name: &str, fields: &csv::StringRecord, line: u64) -> Result<Vec<Column>> {
    let mut columns = Vec::with_capacity(fields.len());
    for raw in fields.iter() {
        let field = raw.trim();
        let column = match field {
            "id" => Column::Id,
            "type" => Column::Type,
            "note" => Column::Note,
            "case" => Column::Case,
            "match" => Column::Match,
            _ => match listed_column(field) {
                Some(column) => column,
                None if is_valid_lang(field) => Column::House(field.to_string()),
                None => {
                    return Err(Error::input(
                        name,
                        Some(line),
                        format!(
                            "unknown column {field:?}: expected id, type, note, case, match, a language code \
                             (en, ar, ru, …), <lang>_variants, <lang>_admitted or <lang>_forbidden"
                        ),
                    ))
                }
            },
        };
        if columns.iter().any(|c: &Column| c.same_as(&column)) {
            let what = match column {
                Column::House(_) => "language column",
                _ => "column",
            };
            return Err(Error::input(
                name,
                Some(line),
                format!("{what} {field:?} appears twice"),
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
        if let Column::Listed(lang, status) = column {
            if !columns.contains(&Column::House(lang.clone())) {
                return Err(Error::input(
                    name,
                    Some(line),
                    format!(
                        "column \"{lang}_{}\" needs a \"{lang}\" column for the house form",
                        plural(*status)
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
                Column::Case => {
                    entry.case = CaseRule::parse(value).ok_or_else(|| {
                        Error::input(
                            name,
                            Some(line),
                            format!("case {value:?}: use insensitive (the default) or sensitive"),
                        )
                    })?
                }
                Column::Match => {
                    entry.matching = MatchRule::parse(value).ok_or_else(|| {
                        Error::input(
                            name,
                            Some(line),
                            format!("match {value:?}: use fuzzy (the default) or exact"),
                        )
                    })?
                }
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
                Column::Listed(lang, status) => {
                    for form in value.split('|') {
                        entry.add_form(lang, *status, form);
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

/// The column name part of a listed status (`variants`, `admitted`, …).
fn plural(status: Status) -> &'static str {
    LISTED
        .iter()
        .find(|(_, s)| *s == status)
        .map(|(suffix, _)| &suffix[1..])
        .unwrap_or("variants")
}

/// Writes the header and one row per entry. Languages are the union over all
/// entries (en, ar, ru always present), house columns first, then variants;
/// admitted and forbidden columns, and `case` and `match`, only when some
/// entry needs them, so that a plain glossary keeps the contract's columns.
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
    let mut listed: Vec<(&str, Status)> = langs.iter().map(|l| (*l, Status::Variant)).collect();
    for status in [Status::Admitted, Status::Forbidden] {
        listed.extend(langs.iter().map(|l| (*l, status)).filter(|(l, status)| {
            entries.iter().any(|e| {
                e.terms
                    .get(*l)
                    .is_some_and(|t| !t.listed(*status).is_empty())
            })
        }));
    }
    let case = entries.iter().any(|e| e.case != CaseRule::default());
    let matching = entries.iter().any(|e| e.matching != MatchRule::default());
    let mut header = vec!["id".to_string(), "type".to_string()];
    header.extend(langs.iter().map(|l| l.to_string()));
    header.extend(listed.iter().map(|(l, s)| format!("{l}_{}", plural(*s))));
    if case {
        header.push("case".to_string());
    }
    if matching {
        header.push("match".to_string());
    }
    header.push("note".to_string());
    writer.write_record(&header)?;
    for entry in entries {
        let mut row = vec![entry.id.clone(), entry.entry_type.clone()];
        row.extend(
            langs
                .iter()
                .map(|l| entry.house(l).unwrap_or("").to_string()),
        );
        row.extend(listed.iter().map(|(l, status)| {
            entry
                .terms
                .get(*l)
                .map(|t| t.listed(*status).join("|"))
                .unwrap_or_default()
        }));
        if case {
            row.push(entry.case.as_str().to_string());
        }
        if matching {
            row.push(entry.matching.as_str().to_string());
        }
        row.push(entry.note.clone());
        writer.write_record(&row)?;
    }
    writer.flush()
}
