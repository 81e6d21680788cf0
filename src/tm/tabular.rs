//! Bilingual (or multilingual) lists as TSV or CSV: a header row of
//! language codes, one unit per row. An optional `note` column becomes the
//! unit's note.

use super::unit::{Unit, Variant};
use crate::error::{Error, Result};
use crate::glossary::{is_valid_lang, sorted_langs};
use std::io::{Read, Write};

/// Reads a list from `input`, calling `on_unit` for every row that has text
/// in at least one language. `name` is the file as the user named it.
pub fn read<R: Read>(
    name: &str,
    input: R,
    delimiter: u8,
    on_unit: &mut dyn FnMut(Unit) -> Result<()>,
) -> Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(false)
        .quoting(delimiter == b',')
        .from_reader(input);
    let line_of = |e: &csv::Error| e.position().map(|p| p.line());
    let fail = |e: csv::Error| {
        let line = line_of(&e);
        let message = match e.kind() {
            csv::ErrorKind::Utf8 { .. } => "invalid UTF-8: save the file as UTF-8".to_string(),
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => {
                format!("{len} fields where the header has {expected_len}")
            }
            _ => e.to_string(),
        };
        Error::input(name, line, message)
    };
    let mut records = reader.records();
    let header = match records.next() {
        Some(r) => r.map_err(fail)?,
        None => {
            return Err(Error::input(
                name,
                None,
                "empty file: expected a header of language codes",
            ))
        }
    };
    let mut columns: Vec<Option<String>> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let h = h.trim().trim_start_matches('\u{feff}');
        if h.eq_ignore_ascii_case("note") {
            columns.push(None);
        } else if is_valid_lang(h) {
            if columns.iter().flatten().any(|c| c.eq_ignore_ascii_case(h)) {
                return Err(Error::input(
                    name,
                    Some(1),
                    format!("language column {h:?} appears twice"),
                ));
            }
            columns.push(Some(h.to_string()));
        } else {
            return Err(Error::input(
                name,
                Some(1),
                format!(
                    "column {} ({h:?}) is not a language code (en, ar, ru, …) or `note`",
                    i + 1
                ),
            ));
        }
    }
    if columns.iter().flatten().count() == 0 {
        return Err(Error::input(
            name,
            Some(1),
            "the header names no language column",
        ));
    }
    for record in records {
        let record = record.map_err(fail)?;
        let mut unit = Unit::default();
        for (column, field) in columns.iter().zip(record.iter()) {
            match column {
                Some(lang) if !field.is_empty() => unit.variants.push(Variant::plain(lang, field)),
                None if !field.is_empty() => unit.meta.notes.push(field.to_string()),
                _ => {}
            }
        }
        unit.check_xml_chars()
            .map_err(|m| Error::input(name, record.position().map(|p| p.line()), m))?;
        if !unit.variants.is_empty() {
            on_unit(unit)?;
        }
    }
    Ok(())
}

/// Writes units as a list, one column per language and a `note` column:
/// plain text (inline markup is dropped), one row per unit.
pub struct TabularWriter<W: Write> {
    w: csv::Writer<W>,
    langs: Vec<String>,
    delimiter: u8,
}

impl<W: Write> TabularWriter<W> {
    /// Writes the header; `langs` are the columns, in the usual order
    /// (`en`, `ar`, `ru`, then the rest).
    pub fn new(out: W, langs: &[String], delimiter: u8) -> std::io::Result<TabularWriter<W>> {
        let langs: Vec<String> = sorted_langs(langs.iter().map(String::as_str))
            .into_iter()
            .map(str::to_string)
            .collect();
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .quote_style(if delimiter == b',' {
                csv::QuoteStyle::Necessary
            } else {
                csv::QuoteStyle::Never
            })
            .from_writer(out);
        let mut header: Vec<&str> = langs.iter().map(String::as_str).collect();
        header.push("note");
        w.write_record(&header)?;
        Ok(TabularWriter {
            w,
            langs,
            delimiter,
        })
    }

    pub fn unit(&mut self, unit: &Unit) -> std::io::Result<()> {
        let mut row: Vec<String> = self
            .langs
            .iter()
            .map(|l| {
                unit.variants
                    .iter()
                    .find(|v| v.lang == *l)
                    .map(|v| flat(&v.text, self.delimiter))
                    .unwrap_or_default()
            })
            .collect();
        row.push(flat(&unit.meta.notes.join(" "), self.delimiter));
        Ok(self.w.write_record(&row)?)
    }

    pub fn finish(mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// TSV has no quoting: tabs and line breaks inside a field become spaces.
fn flat(text: &str, delimiter: u8) -> String {
    if delimiter == b',' {
        text.to_string()
    } else {
        text.replace(['\t', '\n', '\r'], " ")
    }
}
