//! `--jsonl`: streaming `{"id", "text"}` lines through check or normalize,
//! one line out per line in, flushed as it goes; memory does not grow with
//! the input.

use super::inputs;
use crate::error::{Error, Result};
use crate::house_style::{self, CheckOptions, Finding};
use crate::markup::{Format, Prose};
use crate::matcher::Matcher;
use serde_json::{Map, Value};
use std::io::{BufRead, BufReader, Read, Write};

/// Runs `run` over each input (file or stdin) in turn, with one buffered
/// stdout for all of them.
fn each_input(
    inputs: &[String],
    mut run: impl FnMut(&str, Box<dyn BufRead>, &mut dyn Write) -> Result<()>,
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
        run(&input.name, Box::new(BufReader::new(reader)), &mut out)?;
    }
    Ok(())
}

/// Reads `{"id", "text"}` lines from `reader` (named `name` in messages),
/// calling `handle` on each usable one and flushing `out` after it; blank
/// lines are skipped, anything else is an error naming its line.
fn stream(
    name: &str,
    mut reader: impl BufRead,
    out: &mut dyn Write,
    mut handle: impl FnMut(Map<String, Value>, &mut dyn Write) -> Result<()>,
) -> Result<()> {
    let mut line = String::new();
    let mut number = 0u64;
    loop {
        line.clear();
        number += 1;
        let n = reader.read_line(&mut line).map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData => Error::input(name, Some(number), "invalid UTF-8"),
            _ => Error::io(name, e),
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
                    name,
                    Some(number),
                    "expected a JSON object {\"id\": …, \"text\": …}",
                ))
            }
            Err(e) => {
                return Err(Error::input(
                    name,
                    Some(number),
                    format!("malformed JSON: {e}"),
                ))
            }
        };
        if !object.get("text").is_some_and(Value::is_string) {
            return Err(Error::input(
                name,
                Some(number),
                "the object has no string \"text\" field",
            ));
        }
        handle(object, out)?;
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
    each_input(inputs, |name, reader, out| {
        off_style |= check_stream(matcher, name, reader, out, format, options)?;
        Ok(())
    })?;
    Ok(if off_style { 1 } else { 0 })
}

pub fn normalize(
    matcher: &Matcher,
    inputs: &[String],
    format: Option<Format>,
    options: &CheckOptions,
) -> Result<u8> {
    each_input(inputs, |name, reader, out| {
        normalize_stream(matcher, name, reader, out, format, options)
    })?;
    Ok(0)
}

/// `check --jsonl` over one stream named `name`: a `{"id", "findings"}`
/// line out per line in. Returns whether any finding is off house style.
pub fn check_stream(
    matcher: &Matcher,
    name: &str,
    reader: impl BufRead,
    out: &mut dyn Write,
    format: Option<Format>,
    options: &CheckOptions,
) -> Result<bool> {
    let mut off_style = false;
    stream(name, reader, out, |object, out| {
        let findings = line_findings(matcher, text_of(&object), format, options);
        off_style |= findings.iter().any(Finding::is_off_style);
        let id = object.get("id").cloned().unwrap_or(Value::Null);
        let findings = serde_json::to_value(&findings).expect("findings serialise");
        write_line(out, &serde_json::json!({ "id": id, "findings": findings }))
    })?;
    Ok(off_style)
}

/// `normalize --jsonl` over one stream named `name`: each line written back
/// with its `text` rewritten to house style, other fields kept.
pub fn normalize_stream(
    matcher: &Matcher,
    name: &str,
    reader: impl BufRead,
    out: &mut dyn Write,
    format: Option<Format>,
    options: &CheckOptions,
) -> Result<()> {
    stream(name, reader, out, |mut object, out| {
        let text = text_of(&object).to_string();
        let rewritten =
            house_style::rewrite(&text, &line_findings(matcher, &text, format, options));
        object.insert("text".to_string(), Value::String(rewritten));
        write_line(out, &Value::Object(object))
    })
}
