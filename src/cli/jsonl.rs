//! `--jsonl`: streaming `{"id", "text"}` lines through check or normalize,
//! one line out per line in, flushed as it goes; memory does not grow with
//! the input.

use super::inputs;
use crate::error::{Error, Result};
use crate::house_style::{self, CheckOptions, Finding};
use crate::markup::{Format, Prose};
use crate::matcher::Matcher;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
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

/// The members of one line's object that matter, as written: borrowed
/// from the line, so that where they stand in it is known.
#[derive(Default)]
struct Members<'a> {
    id: Option<&'a RawValue>,
    /// The last `text` member, the one a JSON reader keeps when a line
    /// gives it more than once (an earlier one is left as it is).
    text: Option<&'a RawValue>,
}

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct Object;
        impl<'de> Visitor<'de> for Object {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Members<'de>, A::Error> {
                let mut members = Members::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "id" => members.id = Some(map.next_value()?),
                        "text" => members.text = Some(map.next_value()?),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(members)
            }
        }
        deserializer.deserialize_map(Object)
    }
}

/// One line of input as it was read.
struct Line<'a> {
    /// The line without its line break.
    body: &'a str,
    /// Its line break (`\n`, `\r\n`), or `\n` for a last line without one:
    /// every line written ends with one.
    end: &'a str,
}

/// Reads `{"id", "text"}` lines from `reader` (named `name` in messages),
/// calling `handle` on each object line and flushing `out` after every
/// line. A blank or whitespace-only line is written back as it is, so that
/// output line N always answers input line N; anything else that is not
/// an object with a string `text` is an error naming its line.
fn stream(
    name: &str,
    mut reader: impl BufRead,
    out: &mut dyn Write,
    mut handle: impl FnMut(&Line, &Members, &RawValue, String, &mut dyn Write) -> Result<()>,
) -> Result<()> {
    let mut read = String::new();
    let mut number = 0u64;
    loop {
        read.clear();
        number += 1;
        let n = reader.read_line(&mut read).map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData => Error::input(name, Some(number), "invalid UTF-8"),
            _ => Error::io(name, e),
        })?;
        if n == 0 {
            return Ok(());
        }
        // A byte-order mark before the first line is no part of its object;
        // the output starts with it too.
        if number == 1 && read.starts_with('\u{FEFF}') {
            write_all(out, "\u{FEFF}")?;
            read.drain(..'\u{FEFF}'.len_utf8());
        }
        let body = read
            .strip_suffix('\n')
            .map(|b| b.strip_suffix('\r').unwrap_or(b))
            .unwrap_or(&read);
        let line = Line {
            body,
            end: match &read[body.len()..] {
                "" => "\n",
                end => end,
            },
        };
        if body.trim().is_empty() {
            write_all(out, line.body)?;
            write_all(out, line.end)?;
        } else {
            let members = parse(name, number, body)?;
            let no_text = || {
                Error::input(
                    name,
                    Some(number),
                    "the object has no string \"text\" field",
                )
            };
            let raw = members.text.ok_or_else(no_text)?;
            let text = serde_json::from_str::<String>(raw.get()).map_err(|e| {
                if raw.get().trim_start().starts_with('"') {
                    Error::input(
                        name,
                        Some(number),
                        format!("the \"text\" string is not valid: {e}"),
                    )
                } else {
                    no_text()
                }
            })?;
            handle(&line, &members, raw, text, out)?;
        }
        match out.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            other => other.map_err(|e| Error::io("stdout", e))?,
        }
    }
}

/// The object on line `number`, or the error that names the line.
fn parse<'a>(name: &str, number: u64, body: &'a str) -> Result<Members<'a>> {
    if !body.trim_start().starts_with('{') {
        return Err(Error::input(
            name,
            Some(number),
            "expected a JSON object {\"id\": …, \"text\": …}",
        ));
    }
    serde_json::from_str::<Members>(body)
        .map_err(|e| Error::input(name, Some(number), format!("malformed JSON: {e}")))
}

fn write_all(out: &mut dyn Write, text: &str) -> Result<()> {
    match out.write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Error::io("stdout", e)),
    }
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
/// line out per line in, `id` as the line wrote it (`null` when it has
/// none). Returns whether any finding is off house style.
pub fn check_stream(
    matcher: &Matcher,
    name: &str,
    reader: impl BufRead,
    out: &mut dyn Write,
    format: Option<Format>,
    options: &CheckOptions,
) -> Result<bool> {
    let mut off_style = false;
    stream(name, reader, out, |line, members, _, text, out| {
        let findings = line_findings(matcher, &text, format, options);
        off_style |= findings.iter().any(Finding::is_off_style);
        let id = members.id.map_or("null", RawValue::get);
        let findings = serde_json::to_string(&findings).expect("findings serialise");
        write_all(
            out,
            &format!("{{\"id\":{id},\"findings\":{findings}}}{}", line.end),
        )
    })?;
    Ok(off_style)
}

/// `normalize --jsonl` over one stream named `name`: each line written back
/// with its `text` rewritten to house style. Every other byte of the line
/// is kept as it was read (members, their order, numbers, escapes and
/// spacing); `text` is written anew only when something in it is
/// rewritten, and then as compact JSON.
pub fn normalize_stream(
    matcher: &Matcher,
    name: &str,
    reader: impl BufRead,
    out: &mut dyn Write,
    format: Option<Format>,
    options: &CheckOptions,
) -> Result<()> {
    stream(name, reader, out, |line, _, raw, text, out| {
        let findings = line_findings(matcher, &text, format, options);
        let rewritten = house_style::rewrite(&text, &findings);
        let raw = raw.get();
        if rewritten == text {
            write_all(out, line.body)?;
        } else {
            // `raw` is a piece of `line.body`: where it stands there.
            let at = raw.as_ptr() as usize - line.body.as_ptr() as usize;
            write_all(out, &line.body[..at])?;
            write_all(
                out,
                &serde_json::to_string(&rewritten).expect("strings serialise"),
            )?;
            write_all(out, &line.body[at + raw.len()..])?;
        }
        write_all(out, line.end)
    })
}
