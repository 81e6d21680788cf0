//! TBX termbases: TBX-Basic in the 2008 `martif` dialect (`termEntry`,
//! `langSet`, `tig`/`ntig`), which CAT tools and translate-toolkit write,
//! and the 2019 dialect (`conceptEntry`, `langSec`, `termSec`).
//!
//! Term status travels as `administrativeStatus` (or
//! `normativeAuthorization`): the preferred term is the house form, an
//! admitted term an admitted form, a superseded (or forbidden) term a
//! forbidden form, and a deprecated or unmarked term a variant. An entry's
//! case and match rules travel as `<descrip type="x-dragoman-case">` and
//! `x-dragoman-match`. A `<!DOCTYPE>` line is accepted and never fetched;
//! entities other than XML's five are refused.

use super::Located;
use crate::error::{line_of, Error, Result};
use crate::glossary::{is_valid_id, sorted_langs, CaseRule, Entry, MatchRule, Status};
use crate::text::{fold, phonetic::romanize_word};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use std::collections::HashSet;
use std::io::Write;

#[derive(Default)]
struct TermBuilder {
    text: String,
    status: Option<String>,
}

#[derive(Default)]
struct EntryBuilder {
    id: Option<String>,
    entry_type: String,
    notes: Vec<String>,
    definition: Option<String>,
    case: Option<String>,
    matching: Option<String>,
    /// (lang, terms) in document order.
    langs: Vec<(String, Vec<TermBuilder>)>,
    line: u64,
}

/// What the text being read belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Capture {
    None,
    Term,
    Status,
    EntryType,
    Note,
    Definition,
    CaseRule,
    MatchRule,
}

pub fn read(name: &str, text: &str) -> Result<Vec<Located>> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let err = |reader: &Reader<&[u8]>, message: String| {
        let pos = reader.buffer_position() as usize;
        Error::input(name, Some(line_of(text, pos)), message)
    };

    let mut root_seen = false;
    // The elements open where the reader is, outermost first: a file that
    // ends with any open was cut short.
    let mut open: Vec<String> = Vec::new();
    let mut entry: Option<EntryBuilder> = None;
    let mut lang: Option<String> = None;
    let mut term: Option<TermBuilder> = None;
    let mut capture = Capture::None;
    let mut buffer = String::new();
    let mut depth_in_capture = 0usize;
    let mut builders = Vec::new();

    loop {
        let event = reader.read_event().map_err(|e| {
            let pos = reader.error_position() as usize;
            Error::input(
                name,
                Some(line_of(text, pos)),
                format!("malformed XML: {e}"),
            )
        })?;
        match event {
            Event::Start(e) => {
                let local = e.local_name();
                let tag = std::str::from_utf8(local.as_ref()).unwrap_or("");
                if root_seen && open.is_empty() {
                    return Err(err(
                        &reader,
                        format!(
                            "<{tag}> after the end of the document: remove it, or the second \
                             document if two were joined"
                        ),
                    ));
                }
                open.push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
                if capture != Capture::None {
                    // Inline markup inside a term or note: keep its text.
                    depth_in_capture += 1;
                    continue;
                }
                if !root_seen {
                    if tag != "martif" && tag != "tbx" {
                        return Err(err(
                            &reader,
                            format!("<{tag}> is not a TBX document (expected <martif> or <tbx>)"),
                        ));
                    }
                    root_seen = true;
                    continue;
                }
                match tag {
                    "termEntry" | "conceptEntry" => {
                        let id = attribute(&e, "id").map_err(|m| err(&reader, m))?;
                        let line = line_of(text, reader.buffer_position() as usize);
                        entry = Some(EntryBuilder {
                            id,
                            line,
                            ..EntryBuilder::default()
                        });
                    }
                    "langSet" | "langSec" => {
                        let code = attribute(&e, "xml:lang").map_err(|m| err(&reader, m))?;
                        let Some(code) =
                            code.or(attribute(&e, "lang").map_err(|m| err(&reader, m))?)
                        else {
                            return Err(err(&reader, format!("<{tag}> without xml:lang")));
                        };
                        if let Some(entry) = entry.as_mut() {
                            entry.langs.push((code.clone(), Vec::new()));
                        }
                        lang = Some(code);
                    }
                    "tig" | "ntig" | "termSec" => term = Some(TermBuilder::default()),
                    "term" if term.is_some() => capture = Capture::Term,
                    "termNote"
                        if term.is_some()
                            && attribute(&e, "type")
                                .map_err(|m| err(&reader, m))?
                                .is_some_and(|t| {
                                    t == "administrativeStatus" || t == "normativeAuthorization"
                                }) =>
                    {
                        capture = Capture::Status;
                    }
                    "descrip" | "note" if entry.is_some() && lang.is_none() => {
                        let kind = attribute(&e, "type").map_err(|m| err(&reader, m))?;
                        capture = match (tag, kind.as_deref()) {
                            ("note", _) => Capture::Note,
                            (_, Some("subjectField")) => Capture::EntryType,
                            (_, Some("definition")) => Capture::Definition,
                            (_, Some("x-dragoman-case")) => Capture::CaseRule,
                            (_, Some("x-dragoman-match")) => Capture::MatchRule,
                            _ => Capture::None,
                        };
                    }
                    _ => {}
                }
                if capture != Capture::None {
                    buffer.clear();
                    depth_in_capture = 0;
                }
            }
            Event::Text(t) if capture != Capture::None => {
                let unescaped = t.unescape().map_err(|e| {
                    err(
                        &reader,
                        format!("{e} (only XML's own entities are allowed)"),
                    )
                })?;
                buffer.push_str(&unescaped);
            }
            Event::CData(t) if capture != Capture::None => {
                buffer.push_str(&String::from_utf8_lossy(&t))
            }
            Event::Text(t)
                if root_seen && open.is_empty() && !t.iter().all(u8::is_ascii_whitespace) =>
            {
                return Err(err(
                    &reader,
                    "text after the end of the document".to_string(),
                ));
            }
            Event::End(e) => {
                open.pop();
                if capture != Capture::None {
                    if depth_in_capture > 0 {
                        depth_in_capture -= 1;
                        continue;
                    }
                    let value = buffer.split_whitespace().collect::<Vec<_>>().join(" ");
                    match capture {
                        Capture::Term => term.get_or_insert_with(TermBuilder::default).text = value,
                        Capture::Status => {
                            term.get_or_insert_with(TermBuilder::default).status = Some(value)
                        }
                        Capture::EntryType => {
                            entry.get_or_insert_with(EntryBuilder::default).entry_type = value
                        }
                        Capture::Note => entry
                            .get_or_insert_with(EntryBuilder::default)
                            .notes
                            .push(value),
                        Capture::Definition => {
                            entry.get_or_insert_with(EntryBuilder::default).definition = Some(value)
                        }
                        Capture::CaseRule => {
                            entry.get_or_insert_with(EntryBuilder::default).case = Some(value)
                        }
                        Capture::MatchRule => {
                            entry.get_or_insert_with(EntryBuilder::default).matching = Some(value)
                        }
                        Capture::None => {}
                    }
                    capture = Capture::None;
                    continue;
                }
                match e.local_name().as_ref() {
                    b"tig" | b"ntig" | b"termSec" => {
                        if let (Some(t), Some(entry)) = (term.take(), entry.as_mut()) {
                            if let Some((_, terms)) = entry.langs.last_mut() {
                                terms.push(t);
                            }
                        }
                    }
                    b"langSet" | b"langSec" => lang = None,
                    b"termEntry" | b"conceptEntry" => {
                        if let Some(b) = entry.take() {
                            builders.push(b);
                        }
                    }
                    _ => {}
                }
            }
            Event::DocType(d) if d.windows(8).any(|w| w == b"<!ENTITY") => {
                // Like TMX and XLIFF: a declaration is the way to external
                // entities and expansion bombs, and no real termbase needs
                // one. A plain `<!DOCTYPE martif SYSTEM "…">` is fine.
                return Err(err(
                    &reader,
                    "entity declarations are refused (external entities are never fetched \
                     and entities are not expanded)"
                        .to_string(),
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(tag) = open.last() {
        return Err(Error::input(
            name,
            Some(line_of(text, text.len())),
            format!("the file ends inside <{tag}> (truncated?)"),
        ));
    }
    if !root_seen {
        return Err(Error::input(
            name,
            None,
            "no TBX content: expected a <martif> or <tbx> document",
        ));
    }
    Ok(finish(builders))
}

fn attribute(e: &BytesStart, key: &str) -> std::result::Result<Option<String>, String> {
    match e.try_get_attribute(key) {
        Ok(Some(a)) => a
            .unescape_value()
            .map(|v| Some(v.trim().to_string()))
            .map_err(|e| format!("attribute {key}: {e}")),
        Ok(None) => Ok(None),
        Err(e) => Err(format!("malformed attribute: {e}")),
    }
}

/// Turns what was read into entries: statuses into house forms and
/// variants, missing ids into slugs of the entry's first term.
fn finish(builders: Vec<EntryBuilder>) -> Vec<Located> {
    let mut taken: HashSet<String> = builders
        .iter()
        .filter_map(|b| b.id.clone())
        .filter(|id| is_valid_id(id))
        .collect();
    let mut out = Vec::new();
    for b in builders {
        let mut entry = Entry {
            entry_type: b.entry_type,
            case: b
                .case
                .as_deref()
                .and_then(CaseRule::parse)
                .unwrap_or_default(),
            matching: b
                .matching
                .as_deref()
                .and_then(MatchRule::parse)
                .unwrap_or_default(),
            ..Entry::default()
        };
        entry.note = if b.notes.is_empty() {
            b.definition.unwrap_or_default()
        } else {
            b.notes.join("; ")
        };
        for (lang, terms) in &b.langs {
            let terms: Vec<&TermBuilder> = terms.iter().filter(|t| !t.text.is_empty()).collect();
            let house = terms
                .iter()
                .position(|t| status(t) == Some("preferred"))
                .or_else(|| terms.iter().position(|t| status(t).is_none()))
                .filter(|_| !terms.is_empty());
            for (i, t) in terms.iter().enumerate() {
                let listed = match status(t) {
                    _ if Some(i) == house => Status::House,
                    Some("admitted") => Status::Admitted,
                    Some("superseded" | "forbidden") => Status::Forbidden,
                    _ => Status::Variant,
                };
                entry.add_form(lang, listed, &t.text);
            }
        }
        if entry.terms.is_empty() {
            continue;
        }
        // Some tools write the term itself as the id (`id="Wadi Kaam"`):
        // not an id dragoman can keep, so it is turned into one.
        let (id, generated_id) = match b.id {
            Some(id) if is_valid_id(&id) => (id, false),
            Some(text) if !text.trim().is_empty() => (unique_slug(&text, &mut taken), true),
            _ => (unique_slug(entry.display_name(), &mut taken), true),
        };
        entry.id = id;
        out.push(Located {
            entry,
            line: Some(b.line),
            generated_id,
        });
    }
    out
}

/// `preferredTerm-admn-sts` and `preferred` are both "preferred".
fn status(t: &TermBuilder) -> Option<&str> {
    t.status.as_deref().map(normalize_status)
}

fn normalize_status(s: &str) -> &str {
    let s = s.trim();
    s.strip_suffix("Term-admn-sts").unwrap_or(s)
}

/// A slug of `name` (romanised, lower case, hyphens) not yet in `taken`.
pub(crate) fn unique_slug(name: &str, taken: &mut HashSet<String>) -> String {
    let latin: Vec<String> = fold(name).split(' ').map(romanize_word).collect();
    let mut slug = String::new();
    for c in latin.join("-").chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    let base = if slug.is_empty() {
        "entry".to_string()
    } else {
        slug
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

pub fn write(entries: &[Entry], out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::DocType(BytesText::from_escaped(
        r#"martif SYSTEM "TBXBasiccoreStructV02.dtd""#,
    )))?;
    w.write_event(Event::Start(
        BytesStart::new("martif").with_attributes([("type", "TBX-Basic"), ("xml:lang", "en")]),
    ))?;
    start(&mut w, "martifHeader")?;
    start(&mut w, "fileDesc")?;
    start(&mut w, "sourceDesc")?;
    text_element(
        &mut w,
        BytesStart::new("p"),
        &format!("dragoman {}", env!("CARGO_PKG_VERSION")),
    )?;
    end(&mut w, "sourceDesc")?;
    end(&mut w, "fileDesc")?;
    start(&mut w, "encodingDesc")?;
    text_element(
        &mut w,
        BytesStart::new("p").with_attributes([("type", "XCSURI")]),
        "TBXBasicXCSV02.xcs",
    )?;
    end(&mut w, "encodingDesc")?;
    end(&mut w, "martifHeader")?;
    start(&mut w, "text")?;
    start(&mut w, "body")?;
    for entry in entries {
        w.write_event(Event::Start(
            BytesStart::new("termEntry").with_attributes([("id", entry.id.as_str())]),
        ))?;
        if !entry.entry_type.is_empty() {
            let descrip = BytesStart::new("descrip").with_attributes([("type", "subjectField")]);
            text_element(&mut w, descrip, &entry.entry_type)?;
        }
        for (rule, value, default) in [
            (
                "x-dragoman-case",
                entry.case.as_str(),
                CaseRule::default().as_str(),
            ),
            (
                "x-dragoman-match",
                entry.matching.as_str(),
                MatchRule::default().as_str(),
            ),
        ] {
            if value != default {
                let descrip = BytesStart::new("descrip").with_attributes([("type", rule)]);
                text_element(&mut w, descrip, value)?;
            }
        }
        if !entry.note.is_empty() {
            text_element(&mut w, BytesStart::new("note"), &entry.note)?;
        }
        for lang in sorted_langs(entry.terms.keys().map(String::as_str)) {
            let terms = &entry.terms[lang];
            w.write_event(Event::Start(
                BytesStart::new("langSet").with_attributes([("xml:lang", lang)]),
            ))?;
            let statuses = Status::ALL.into_iter().flat_map(|status| {
                let name = match status {
                    Status::House => "preferredTerm-admn-sts",
                    Status::Variant => "deprecatedTerm-admn-sts",
                    Status::Admitted => "admittedTerm-admn-sts",
                    Status::Forbidden => "supersededTerm-admn-sts",
                };
                terms.listed(status).iter().map(move |f| (f, name))
            });
            for (form, status) in statuses {
                start(&mut w, "tig")?;
                text_element(&mut w, BytesStart::new("term"), form)?;
                let note =
                    BytesStart::new("termNote").with_attributes([("type", "administrativeStatus")]);
                text_element(&mut w, note, status)?;
                end(&mut w, "tig")?;
            }
            end(&mut w, "langSet")?;
        }
        end(&mut w, "termEntry")?;
    }
    end(&mut w, "body")?;
    end(&mut w, "text")?;
    end(&mut w, "martif")?;
    w.into_inner().write_all(b"\n")
}

fn start<W: Write>(w: &mut Writer<W>, name: &str) -> std::io::Result<()> {
    w.write_event(Event::Start(BytesStart::new(name)))
}

fn end<W: Write>(w: &mut Writer<W>, name: &str) -> std::io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
}

fn text_element<W: Write>(
    w: &mut Writer<W>,
    start_tag: BytesStart,
    text: &str,
) -> std::io::Result<()> {
    let name = String::from_utf8_lossy(start_tag.name().as_ref()).into_owned();
    w.write_event(Event::Start(start_tag))?;
    w.write_event(Event::Text(BytesText::new(text)))?;
    w.write_event(Event::End(BytesEnd::new(name)))
}
