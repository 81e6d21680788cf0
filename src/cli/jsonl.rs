//! `--jsonl`: streaming `{"id", "text"}` lines through check or normalize,
//! one line out per line in, flushed as it goes; memory does not grow with
//! the input.

use super::inputs::{self, Input};
use crate::error::{Error, Result};
use crate::house_style::{self, CheckOptions, Finding};
use crate::markup::{Format, Prose};
use crate::matcher::Matcher;
use serde_json::{Map, Value};
use std::io::{BufRead, BufReader, Read, Write};

fn each_line(
    inputs: &[String],
    mut handle: impl FnMut(&str, u64, Map<String, Value>, &mut dyn Write) -> Result<()>,
) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for input in inputs::collect(inputs)? {
        let reader: Box<dyn Read> = match &input.path {
            None => Box::new(std::io::stdin().lock()),
            Some(path) => {
                Box::new(std::fs::File::open(path).map_err(|e| Error::io(&input.name, e))?)
            }
        };
        stream(&input, BufReader::new(reader), &mut out, &mut handle)?;
    }
    Ok(())
}

fn stream(
    input: &Input,
    mut reader: impl BufRead,
    out: &mut dyn Write,
    handle: &mut impl FnMut(&str, u64, Map<String, Value>, &mut dyn Write) -> Result<()>,
) -> Result<()> {
    let mut line = String::new();
    let mut number = 0u64;
    loop {
        line.clear();
        number += 1;
        let n = reader.read_line(&mut line).map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData => {
                Error::input(&input.name, Some(number), "invalid UTF-8")
            }
            _ => Error::io(&input.name, e),
        })?;
        if n == 0 {
            return Ok(());
        }
        if line.trim().is_empty() {
            continue;
        }
        let object = match serde_json::from_str::<Value>(&line) {
            Ok(Value::Object(map)) => map,
            Ok(_) => {
                return Err(Error::input(
                    &input.name,
                    Some(number),
                    "expected a JSON object {\"id\": …, \"text\": …}",
                ))
            }
            Err(e) => {
                return Err(Error::input(
                    &input.name,
                    Some(number),
                    format!("malformed JSON: {e}"),
                ))
            }
        };
        if !object.get("text").is_some_and(Value::is_string) {
            return Err(Error::input(
                &input.name,
                Some(number),
                "the object has no string \"text\" field",
            ));
        }
        handle(&input.name, number, object, out)?;
        match out.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            other => other.map_err(|e| Error::io("stdout", e))?,
        }
    }
}

fn write_line(out: &mut dyn Write, value: &Value) -> Result<()> {
    let mut text = serde_json::to_string(value).expect("JSON values serialise");
    text.push('\n');
    match out.write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Error::io("stdout", e)),
    }
}

fn text_of(object: &Map<String, Value>) -> &str {
    object
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// The findings in one line's text, read as `format` (plain text unless
/// `--format` says otherwise: a line has no extension).
fn line_findings(
    matcher: &Matcher,
    text: &str,
    format: Option<Format>,
    options: &CheckOptions,
) -> Vec<Finding> {
    let prose = Prose::new(text, format.unwrap_or(Format::Text));
    prose.findings(|text| house_style::check(matcher, text, options))
}

pub fn check(
    matcher: &Matcher,
    inputs: &[String],
    format: Option<Format>,
    options: &CheckOptions,
) -> Result<u8> {
    let mut off_style = false;
    each_line(inputs, |_, _, object, out| {
        let findings = line_findings(matcher, text_of(&object), format, options);
        off_style |= findings.iter().any(Finding::is_off_style);
        let id = object.get("id").cloned().unwrap_or(Value::Null);
        let findings = serde_json::to_value(&findings).expect("findings serialise");
        write_line(out, &serde_json::json!({ "id": id, "findings": findings }))
    })?;
    Ok(if off_style { 1 } else { 0 })
}

pub fn normalize(
    matcher: &Matcher,
    inputs: &[String],
    format: Option<Format>,
    options: &CheckOptions,
) -> Result<u8> {
    each_line(inputs, |_, _, mut object, out| {
        let text = text_of(&object).to_string();
        let rewritten =
            house_style::rewrite(&text, &line_findings(matcher, &text, format, options));
        object.insert("text".to_string(), Value::String(rewritten));
        write_line(out, &Value::Object(object))
    })?;
    Ok(0)
}
