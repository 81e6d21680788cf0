//! TMX 1.4b translation memories, read as a stream and written unit by
//! unit, so that memories of millions of units stay in bounded memory.
//!
//! Reading keeps each segment's content exactly: inline markup (`bpt`,
//! `ept`, `ph`, `it`, `ut`, `hi`, `sub`) and whitespace are stored as they
//! stand and written back unchanged. A `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`
//! line is accepted and never fetched; entity declarations (the way to
//! external entities and expansion bombs) are refused, and so are
//! references to entities other than XML's five.

use crate::error::{Error, Result};
use crate::tm::pool;
use crate::tm::unit::{Meta, Unit, Variant};
use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use std::io::{BufRead, Write};

/// Inline elements whose content is native code, not translatable text.
const CODES: [&[u8]; 5] = [b"bpt", b"ept", b"ph", b"it", b"ut"];

/// What the TMX header says that matters when reading units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// `srclang`, unless it is `*all*`.
    pub srclang: Option<String>,
}

/// Where the text being read belongs.
enum Capture {
    None,
    /// Inside `<seg>`: the markup as written, the plain text, and for each
    /// open inline element whether it holds native code.
    Seg {
        raw: String,
        text: String,
        open: Vec<(String, bool)>,
    },
    Prop {
        kind: String,
        value: String,
    },
    Note(String),
}

struct Reading<'n> {
    name: &'n str,
    header: Header,
    unit: Option<(Unit, u64)>,
    variant: Option<(Variant, bool)>,
    capture: Capture,
    /// Open elements outside segments.
    depth: usize,
    root: bool,
    /// Inside `<body>`, where units are.
    body: bool,
    /// The root element has closed: nothing but comments may follow.
    closed: bool,
}

/// Reads a TMX document from `input`, calling `on_unit` for every `<tu>` in
/// order. `name` is the file as the user named it; `line_at` turns a byte
/// offset into a 1-based line for messages. Any problem is an
/// [`Error::Input`] naming the file and line; units already passed to
/// `on_unit` are the caller's to discard.
pub fn read<R: BufRead>(
    name: &str,
    input: R,
    line_at: &dyn Fn(u64) -> u64,
    on_unit: &mut dyn FnMut(Unit) -> Result<()>,
) -> Result<Header> {
    let mut input = input;
    let head = input.fill_buf().map_err(|e| Error::io(name, e))?;
    if let Some((line, found)) = super::wrong_start(head, b'<') {
        return Err(Error::input(
            name,
            Some(line),
            format!("not a TMX file: it starts with {found}, not `<`"),
        ));
    }
    let mut reader = Reader::from_reader(Prolog {
        inner: input,
        read: 0,
        root: false,
    });
    reader.config_mut().check_end_names = true;
    // White space between elements (the indentation around every <tu>,
    // <tuv> and <seg>) is skipped by the reader, not made into events:
    // only inside <seg>, <prop> and <note> is text content, and there it
    // is kept as it is (see below).
    reader.config_mut().trim_text_start = true;
    let mut state = Reading {
        name,
        header: Header::default(),
        unit: None,
        variant: None,
        capture: Capture::None,
        depth: 0,
        root: false,
        body: false,
        closed: false,
    };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) if reader.get_ref().cut() => return Err(no_root(name)),
            Ok(event) => event,
            Err(e) => {
                let line = line_at(reader.error_position());
                return Err(Error::input(
                    name,
                    Some(line),
                    format!("malformed XML: {e}"),
                ));
            }
        };
        let at = reader.buffer_position();
        let fail = |message: String| Error::input(name, Some(line_at(at)), message);
        match event {
            Event::Eof => break,
            Event::Decl(d) => {
                if let Some(Ok(enc)) = d.encoding() {
                    let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                    if !matches!(
                        enc.as_str(),
                        "utf-8" | "utf8" | "utf-16" | "utf-16le" | "utf-16be"
                    ) {
                        return Err(fail(format!(
                            "unsupported encoding {enc:?}: save the file as UTF-8 or UTF-16"
                        )));
                    }
                }
            }
            Event::DocType(d) => {
                if d.windows(8).any(|w| w == b"<!ENTITY") {
                    return Err(fail(
                        "entity declarations are refused (external entities are never fetched \
                         and entities are not expanded)"
                            .to_string(),
                    ));
                }
            }
            other => {
                state.event(other, &fail, &mut *on_unit)?;
                reader.get_mut().root = state.root;
                reader.config_mut().trim_text_start = matches!(state.capture, Capture::None);
            }
        }
    }
    if !state.root {
        return Err(Error::input(name, None, "not a TMX file: no <tmx> element"));
    }
    if state.depth != 0 || !matches!(state.capture, Capture::None) {
        let line = line_at(reader.buffer_position());
        return Err(Error::input(
            name,
            Some(line),
            "truncated file: the document ends inside an element",
        ));
    }
    Ok(state.header)
}

/// The input, of which at most [`PROLOG`] bytes are read before the
/// `<tmx>` element starts: a file that is not TMX (a disk image, a
/// `/dev/zero`) is refused in bounded memory, not read whole looking for
/// one.
struct Prolog<R> {
    inner: R,
    read: u64,
    root: bool,
}

/// What may come before `<tmx>`: the declaration, a `<!DOCTYPE>`,
/// comments.
const PROLOG: u64 = 1 << 20;

impl<R> Prolog<R> {
    /// The bound was reached without a `<tmx>` element.
    fn cut(&self) -> bool {
        !self.root && self.read >= PROLOG
    }
}

impl<R: BufRead> std::io::Read for Prolog<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Prolog<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        let buf = self.inner.fill_buf()?;
        if self.root {
            return Ok(buf);
        }
        // Past the bound the input ends, as far as the XML reader knows.
        let left = PROLOG.saturating_sub(self.read);
        Ok(&buf[..buf.len().min(usize::try_from(left).unwrap_or(usize::MAX))])
    }

    fn consume(&mut self, amt: usize) {
        self.read += amt as u64;
        self.inner.consume(amt);
    }
}

fn no_root(name: &str) -> Error {
    Error::input(
        name,
        None,
        format!(
            "not a TMX file: no <tmx> element in its first {} MiB",
            PROLOG >> 20
        ),
    )
}

/// `bytes` as text (checked a word of bytes at a time: every byte of a
/// memory passes here).
fn utf8<'a>(bytes: &'a [u8], fail: &dyn Fn(String) -> Error) -> Result<&'a str> {
    simdutf8::basic::from_utf8(bytes)
        .map_err(|_| fail("invalid UTF-8: save the file as UTF-8".into()))
}

fn attrs(e: &BytesStart, fail: &dyn Fn(String) -> Error) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|e| fail(format!("malformed attribute: {e}")))?;
        let key = pool::string_of(utf8(attr.key.as_ref(), fail)?);
        let value = attr
            .unescape_value()
            .map_err(|e| fail(format!("attribute {key}: {e}")))?;
        out.push((key, pool::string_of(&value)));
    }
    Ok(out)
}

fn take(attrs: &mut Vec<(String, String)>, key: &str) -> Option<String> {
    let i = attrs.iter().position(|(k, _)| k == key)?;
    Some(attrs.remove(i).1)
}

impl Reading<'_> {
    fn event(
        &mut self,
        event: Event,
        fail: &dyn Fn(String) -> Error,
        on_unit: &mut dyn FnMut(Unit) -> Result<()>,
    ) -> Result<()> {
        if let Capture::Seg { raw, text, open } = &mut self.capture {
            match event {
                Event::Start(e) => {
                    let tag = utf8(e.name().as_ref(), fail)?.to_string();
                    attrs(&e, fail)?;
                    let code = CODES.contains(&e.local_name().as_ref())
                        || open.last().is_some_and(|(_, c)| *c);
                    raw.push('<');
                    raw.push_str(utf8(&e, fail)?);
                    raw.push('>');
                    open.push((tag, code));
                }
                Event::Empty(e) => {
                    attrs(&e, fail)?;
                    raw.push('<');
                    raw.push_str(utf8(&e, fail)?);
                    raw.push_str("/>");
                }
                Event::End(e) => match open.pop() {
                    Some((tag, _)) => {
                        raw.push_str("</");
                        raw.push_str(&tag);
                        raw.push('>');
                    }
                    None => {
                        // </seg>
                        let (raw, text) = (std::mem::take(raw), std::mem::take(text));
                        self.capture = Capture::None;
                        debug_assert_eq!(e.local_name().as_ref(), b"seg");
                        let Some((variant, seen)) = &mut self.variant else {
                            return Err(fail("<seg> outside <tuv>".into()));
                        };
                        if *seen {
                            return Err(fail("a <tuv> with two <seg> elements".into()));
                        }
                        variant.seg = raw;
                        variant.text = text;
                        *seen = true;
                    }
                },
                Event::Text(t) => {
                    let content = utf8(&t, fail)?;
                    raw.push_str(content);
                    let plain = quick_xml::escape::unescape(content)
                        .map_err(|e| fail(format!("in <seg>: {e}")))?;
                    if !open.last().is_some_and(|(_, c)| *c) {
                        text.push_str(&plain);
                    }
                }
                Event::CData(c) => {
                    let content = utf8(&c, fail)?;
                    raw.push_str("<![CDATA[");
                    raw.push_str(content);
                    raw.push_str("]]>");
                    if !open.last().is_some_and(|(_, c)| *c) {
                        text.push_str(content);
                    }
                }
                _ => {}
            }
            return Ok(());
        }
        match event {
            Event::Start(e) | Event::Empty(e) if self.closed => {
                return Err(fail(format!(
                    "<{}> after the end of the document (</tmx>): remove it, or the second \
                     document if two were joined",
                    String::from_utf8_lossy(e.name().as_ref())
                )));
            }
            Event::Text(t) if self.closed && !t.iter().all(u8::is_ascii_whitespace) => {
                return Err(fail(
                    "text after the end of the document (</tmx>)".to_string(),
                ));
            }
            Event::Start(e) => {
                self.start(&e, fail)?;
                if !matches!(self.capture, Capture::Seg { .. }) {
                    self.depth += 1;
                }
            }
            Event::Empty(e) => {
                self.start(&e, fail)?;
                self.end(e.local_name().as_ref(), fail, on_unit)?;
            }
            Event::End(e) => {
                self.depth = self.depth.saturating_sub(1);
                self.end(e.local_name().as_ref(), fail, on_unit)?;
                self.closed = self.root && self.depth == 0;
            }
            Event::Text(t) => match &mut self.capture {
                Capture::Prop { value: v, .. } | Capture::Note(v) => {
                    v.push_str(&t.unescape().map_err(|e| fail(e.to_string()))?)
                }
                // Text between elements (indentation, mostly) is not kept,
                // but a bad reference in it is still an error.
                _ if t.contains(&b'&') => {
                    t.unescape().map_err(|e| fail(e.to_string()))?;
                }
                _ => {}
            },
            Event::CData(c) => {
                let content = utf8(&c, fail)?;
                match &mut self.capture {
                    Capture::Prop { value: v, .. } | Capture::Note(v) => v.push_str(content),
                    _ => {}
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn start(&mut self, e: &BytesStart, fail: &dyn Fn(String) -> Error) -> Result<()> {
        let local = e.local_name();
        match local.as_ref() {
            b"tmx" => self.root = true,
            b"header" if self.unit.is_none() => {
                let mut a = attrs(e, fail)?;
                self.header.srclang = take(&mut a, "srclang").filter(|l| l != "*all*");
            }
            b"body" => self.body = true,
            b"tu" => {
                if !self.body {
                    return Err(fail("a <tu> outside <body>".into()));
                }
                if self.unit.is_some() {
                    return Err(fail("a <tu> inside another <tu>".into()));
                }
                let meta = Meta {
                    attrs: attrs(e, fail)?,
                    ..Meta::default()
                };
                self.unit = Some((
                    Unit {
                        meta,
                        variants: pool::variants(),
                    },
                    0,
                ));
            }
            b"tuv" => {
                if self.unit.is_none() {
                    return Err(fail("a <tuv> outside <tu>".into()));
                }
                // Built where it is kept: a variant is too large to move
                // cheaply once per segment.
                let (variant, _) = self.variant.insert((Variant::default(), false));
                // `xml:lang` (TMX 1.4), else `lang` (TMX 1.1).
                let (mut xml_lang, mut lang) = (None, None);
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| fail(format!("malformed attribute: {e}")))?;
                    let key = utf8(attr.key.as_ref(), fail)?;
                    let value = attr
                        .unescape_value()
                        .map_err(|e| fail(format!("attribute {key}: {e}")))?;
                    match key {
                        "xml:lang" => xml_lang = Some(pool::string_of(&value)),
                        "lang" => lang = Some(pool::string_of(&value)),
                        _ => variant
                            .meta
                            .attrs
                            .push((pool::string_of(key), pool::string_of(&value))),
                    }
                }
                variant.lang = match (xml_lang, lang) {
                    (Some(code), Some(other)) => {
                        variant.meta.attrs.push(("lang".to_string(), other));
                        code
                    }
                    (code, other) => code.or(other).unwrap_or_default(),
                };
            }
            b"seg" => {
                if self.variant.is_none() {
                    return Err(fail("<seg> outside <tuv>".into()));
                }
                self.capture = Capture::Seg {
                    raw: pool::string(),
                    text: pool::string(),
                    open: Vec::new(),
                };
            }
            b"prop" => {
                let kind = take(&mut attrs(e, fail)?, "type").unwrap_or_default();
                self.capture = Capture::Prop {
                    kind,
                    value: pool::string(),
                };
            }
            b"note" => self.capture = Capture::Note(pool::string()),
            _ => {}
        }
        Ok(())
    }

    fn meta(&mut self) -> Option<&mut Meta> {
        if let Some((v, _)) = &mut self.variant {
            return Some(&mut v.meta);
        }
        self.unit.as_mut().map(|(u, _)| &mut u.meta)
    }

    fn end(
        &mut self,
        local: &[u8],
        fail: &dyn Fn(String) -> Error,
        on_unit: &mut dyn FnMut(Unit) -> Result<()>,
    ) -> Result<()> {
        match local {
            b"prop" | b"note" => match std::mem::replace(&mut self.capture, Capture::None) {
                Capture::Prop { kind, value } => {
                    if let Some(meta) = self.meta() {
                        meta.props.push((kind, value));
                    }
                }
                Capture::Note(note) => {
                    if let Some(meta) = self.meta() {
                        meta.notes.push(note);
                    }
                }
                _ => {}
            },
            b"seg" => {
                // An empty <seg/>.
                if let Some((_, seen)) = &mut self.variant {
                    *seen = true;
                }
                self.capture = Capture::None;
            }
            b"tuv" => {
                let (variant, seen) = self
                    .variant
                    .take()
                    .ok_or_else(|| fail("stray </tuv>".into()))?;
                if !seen {
                    return Err(fail("a <tuv> without <seg>".into()));
                }
                if let Some((unit, _)) = &mut self.unit {
                    unit.variants.push(variant);
                }
            }
            b"body" => self.body = false,
            b"tu" => {
                let (mut unit, _) = self.unit.take().ok_or_else(|| fail("stray </tu>".into()))?;
                self.resolve_langs(&mut unit, fail)?;
                unit.check_xml_chars().map_err(fail)?;
                if !unit.variants.is_empty() {
                    on_unit(unit)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A `<tuv>` without `xml:lang` is in the unit's (else the header's)
    /// source language, when no other variant of the unit is.
    fn resolve_langs(&self, unit: &mut Unit, fail: &dyn Fn(String) -> Error) -> Result<()> {
        if unit.variants.iter().all(|v| !v.lang.is_empty()) {
            return Ok(());
        }
        let srclang = unit
            .meta
            .attr("srclang")
            .filter(|l| *l != "*all*")
            .map(str::to_string)
            .or_else(|| self.header.srclang.clone());
        let missing = unit.variants.iter().filter(|v| v.lang.is_empty()).count();
        match srclang {
            Some(lang)
                if missing == 1
                    && !unit
                        .variants
                        .iter()
                        .any(|v| v.lang.eq_ignore_ascii_case(&lang)) =>
            {
                for v in &mut unit.variants {
                    if v.lang.is_empty() {
                        v.lang = lang.clone();
                    }
                }
                Ok(())
            }
            _ => Err(fail(format!(
                "a <tuv> without xml:lang in a <tu> (in {})",
                self.name
            ))),
        }
    }
}

/// Writes TMX 1.4b unit by unit: [`TmxWriter::new`] writes the header,
/// [`TmxWriter::unit`] each unit, [`TmxWriter::finish`] the end.
pub struct TmxWriter<W: Write> {
    w: Writer<W>,
}

impl<W: Write> TmxWriter<W> {
    pub fn new(out: W, srclang: &str) -> std::io::Result<TmxWriter<W>> {
        let mut w = Writer::new(out);
        w.get_mut().write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n",
        )?;
        w.write_event(Event::Start(
            BytesStart::new("tmx").with_attributes([("version", "1.4")]),
        ))?;
        nl(&mut w, 1)?;
        w.write_event(Event::Empty(BytesStart::new("header").with_attributes([
            ("creationtool", "dragoman"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("segtype", "sentence"),
            ("o-tmf", "dragoman"),
            ("adminlang", "en"),
            ("srclang", srclang),
            ("datatype", "plaintext"),
        ])))?;
        nl(&mut w, 1)?;
        w.write_event(Event::Start(BytesStart::new("body")))?;
        Ok(TmxWriter { w })
    }

    pub fn unit(&mut self, unit: &Unit) -> std::io::Result<()> {
        let w = &mut self.w;
        nl(w, 2)?;
        w.write_event(Event::Start(with_attrs("tu", &unit.meta.attrs)))?;
        meta(w, &unit.meta, 3)?;
        for v in &unit.variants {
            nl(w, 3)?;
            let mut tuv = BytesStart::new("tuv");
            tuv.push_attribute(("xml:lang", v.lang.as_str()));
            tuv.extend_attributes(v.meta.attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            w.write_event(Event::Start(tuv))?;
            meta(w, &v.meta, 4)?;
            nl(w, 4)?;
            w.write_event(Event::Start(BytesStart::new("seg")))?;
            w.write_event(Event::Text(BytesText::from_escaped(v.seg.as_str())))?;
            w.write_event(Event::End(quick_xml::events::BytesEnd::new("seg")))?;
            nl(w, 3)?;
            w.write_event(Event::End(quick_xml::events::BytesEnd::new("tuv")))?;
        }
        nl(w, 2)?;
        w.write_event(Event::End(quick_xml::events::BytesEnd::new("tu")))?;
        Ok(())
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        nl(&mut self.w, 1)?;
        self.w
            .write_event(Event::End(quick_xml::events::BytesEnd::new("body")))?;
        nl(&mut self.w, 0)?;
        self.w
            .write_event(Event::End(quick_xml::events::BytesEnd::new("tmx")))?;
        self.w.get_mut().write_all(b"\n")?;
        Ok(self.w.into_inner())
    }
}

fn with_attrs<'a>(name: &'a str, attrs: &'a [(String, String)]) -> BytesStart<'a> {
    BytesStart::new(name).with_attributes(attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

fn nl<W: Write>(w: &mut Writer<W>, level: usize) -> std::io::Result<()> {
    w.get_mut().write_all(b"\n")?;
    for _ in 0..level {
        w.get_mut().write_all(b"  ")?;
    }
    Ok(())
}

/// A unit's or variant's `<note>`s and `<prop>`s (the DTD lets them come
/// in any order before the variants or the segment).
fn meta<W: Write>(w: &mut Writer<W>, meta: &Meta, level: usize) -> std::io::Result<()> {
    for note in &meta.notes {
        nl(w, level)?;
        w.create_element("note")
            .write_text_content(BytesText::new(note))?;
    }
    for (kind, value) in &meta.props {
        nl(w, level)?;
        w.create_element("prop")
            .with_attribute(("type", kind.as_str()))
            .write_text_content(BytesText::new(value))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader skips the white space between elements; inside a
    /// segment, a property and a note every space and line break stays.
    #[test]
    fn white_space_is_content_only_inside_segments_props_and_notes() -> Result<()> {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  \
            <header srclang=\"en\"/>\n  <body>\n    <tu>\n      \
            <prop type=\"x-client\">  Libya desk </prop>\n      \
            <note>\n  An indented note.\n</note>\n      <tuv xml:lang=\"en\">\n        \
            <seg>  Talks <ph x=\"1\">&lt;br/&gt;</ph>  in\nTripoli.  </seg>\n      \
            </tuv>\n    </tu>\n  </body>\n</tmx>\n";
        let mut units = Vec::new();
        read("memory.tmx", doc.as_bytes(), &|_| 1, &mut |unit| {
            units.push(unit);
            Ok(())
        })?;
        let [unit] = &units[..] else {
            panic!("one unit: {units:?}");
        };
        assert_eq!(
            unit.meta.props,
            [("x-client".to_string(), "  Libya desk ".to_string())]
        );
        assert_eq!(unit.meta.notes, ["\n  An indented note.\n"]);
        let [variant] = &unit.variants[..] else {
            panic!("one variant: {unit:?}");
        };
        assert_eq!(
            variant.seg,
            "  Talks <ph x=\"1\">&lt;br/&gt;</ph>  in\nTripoli.  "
        );
        assert_eq!(variant.text, "  Talks   in\nTripoli.  ");
        Ok(())
    }
}
