//! Inline codes in a segment: the formatting and placeholders (XLIFF `g`,
//! `x`, `pc`, `ph`…; TMX `bpt`, `ept`, `ph`, `it`, `hi`) that sit between
//! its words. Pre-translation fills an XLIFF target from a memory match by
//! putting the source's own codes where the memory's translation has the
//! corresponding ones.

use quick_xml::events::{BytesText, Event};
use quick_xml::Reader;

/// What a code does to the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Opens a span (`<g>`, `<bpt>`, `<bx/>`, `<sc/>`).
    Open,
    /// Closes one (`</g>`, `<ept>`, `<ex/>`, `<ec/>`).
    Close,
    /// Stands alone (`<x/>`, `<ph>`).
    Standalone,
}

/// One inline code of an XLIFF source, as it is written there.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    pub role: Role,
    /// The code's events: a start or end tag, an empty element, or a whole
    /// element with its native-code content (`<ph>…</ph>`).
    pub events: Vec<Event<'static>>,
}

/// A segment read into its text and its codes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tagged {
    /// The translatable text, codes and their native content left out.
    pub text: String,
    pub codes: Vec<Code>,
}

/// XLIFF elements whose content is native code, not text (1.2).
const CODE_ELEMENTS: [&[u8]; 5] = [b"ph", b"bpt", b"ept", b"it", b"sub"];

/// Reads the events inside an XLIFF `<source>`. `None` when the source
/// holds something that is neither text nor a known inline code.
pub fn read_xliff_source(events: &[Event<'static>]) -> Option<Tagged> {
    let mut tagged = Tagged::default();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Text(t) => tagged.text.push_str(&t.unescape().ok()?),
            Event::CData(c) => tagged.text.push_str(&String::from_utf8_lossy(c)),
            Event::Start(s) if CODE_ELEMENTS.contains(&s.local_name().as_ref()) => {
                // The whole element is one code: find its end.
                let name = s.local_name().as_ref().to_vec();
                let role = element_role(&name, s.try_get_attribute("pos").ok().flatten());
                let mut depth = 0;
                let start = i;
                loop {
                    match events.get(i)? {
                        Event::Start(_) => depth += 1,
                        Event::End(_) => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 {
                        break;
                    }
                    i += 1;
                }
                tagged.codes.push(Code {
                    role,
                    events: events[start..=i].to_vec(),
                });
            }
            Event::Start(s) => match s.local_name().as_ref() {
                b"g" | b"pc" | b"mrk" | b"sm" => tagged.codes.push(Code {
                    role: Role::Open,
                    events: vec![events[i].clone()],
                }),
                _ => return None,
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"g" | b"pc" | b"mrk" | b"sm" => tagged.codes.push(Code {
                    role: Role::Close,
                    events: vec![events[i].clone()],
                }),
                _ => return None,
            },
            Event::Empty(e) => {
                let role = match e.local_name().as_ref() {
                    b"x" | b"ph" => Role::Standalone,
                    b"bx" | b"sc" => Role::Open,
                    b"ex" | b"ec" | b"em" => Role::Close,
                    _ => return None,
                };
                tagged.codes.push(Code {
                    role,
                    events: vec![events[i].clone()],
                });
            }
            Event::Comment(_) | Event::PI(_) => {}
            _ => return None,
        }
        i += 1;
    }
    Some(tagged)
}

fn element_role(name: &[u8], pos: Option<quick_xml::events::attributes::Attribute>) -> Role {
    match name {
        b"bpt" => Role::Open,
        b"ept" => Role::Close,
        b"it" => match pos.as_ref().map(|a| a.value.as_ref()) {
            Some(b"begin") => Role::Open,
            Some(b"end") => Role::Close,
            _ => Role::Standalone,
        },
        _ => Role::Standalone,
    }
}

/// A piece of a memory segment (TMX `<seg>` content).
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    /// A code: its role and what identifies it across languages (element
    /// name with its `i` or `x` attribute, else its native content).
    Code(Role, String),
}

/// Reads TMX segment markup into text and codes. `None` when it is not
/// well-formed.
fn read_tmx_seg(seg: &str) -> Option<Vec<Piece>> {
    let mut reader = Reader::from_str(seg);
    let mut pieces = Vec::new();
    // Inside bpt/ept/ph/it: their native code, and the code's identity.
    let mut in_code: Option<(Role, String, usize)> = None;
    // The open `hi`s, by identity: each closes as the one it closes.
    let mut his: Vec<String> = Vec::new();
    loop {
        let event = reader.read_event().ok()?;
        match event {
            Event::Eof => break,
            Event::Start(s) => {
                let name = String::from_utf8_lossy(s.local_name().as_ref()).into_owned();
                if let Some((_, _, depth)) = &mut in_code {
                    *depth += 1;
                    continue;
                }
                let id = |key: &str| {
                    s.try_get_attribute(key)
                        .ok()
                        .flatten()
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                let key = id("i").or_else(|| id("x"));
                match name.as_str() {
                    "hi" => {
                        let identity = format!("hi:{}", key.unwrap_or_default());
                        his.push(identity.clone());
                        pieces.push(Piece::Code(Role::Open, identity));
                    }
                    "bpt" | "ept" | "ph" | "it" => {
                        let role = element_role(
                            name.as_bytes(),
                            s.try_get_attribute("pos").ok().flatten(),
                        );
                        // bpt and ept of one pair share `i`: the identity
                        // says which of the two it is.
                        let identity = match key {
                            Some(k) => format!("{name}:{k}"),
                            None => format!("{name}:"),
                        };
                        in_code = Some((role, identity, 1));
                    }
                    _ => return None,
                }
            }
            Event::End(e) => {
                if let Some((role, identity, depth)) = &mut in_code {
                    *depth -= 1;
                    if *depth == 0 {
                        pieces.push(Piece::Code(*role, identity.clone()));
                        in_code = None;
                    }
                    continue;
                }
                if e.local_name().as_ref() == b"hi" {
                    let open = his.pop()?;
                    pieces.push(Piece::Code(Role::Close, format!("/{open}")));
                } else {
                    return None;
                }
            }
            Event::Empty(s) => {
                if in_code.is_some() {
                    continue;
                }
                let name = String::from_utf8_lossy(s.local_name().as_ref()).into_owned();
                if !matches!(name.as_str(), "bpt" | "ept" | "ph" | "it") {
                    return None;
                }
                let role = element_role(name.as_bytes(), s.try_get_attribute("pos").ok().flatten());
                // `<bpt i="1" x="1"/>`: identified by its `i` or `x` as
                // the element with content is.
                let id = |key: &str| {
                    s.try_get_attribute(key)
                        .ok()
                        .flatten()
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                let key = id("i").or_else(|| id("x")).unwrap_or_default();
                pieces.push(Piece::Code(role, format!("{name}:{key}")));
            }
            Event::Text(t) => {
                if let Some((_, identity, _)) = &mut in_code {
                    // Native code without an id is told apart by content.
                    if identity.ends_with(':') {
                        identity.push_str(&t.unescape().ok()?);
                    }
                    continue;
                }
                pieces.push(Piece::Text(t.unescape().ok()?.into_owned()));
            }
            _ => {}
        }
    }
    Some(pieces)
}

/// The XLIFF target content for a memory match: the memory's translation
/// (`target_seg`, TMX markup) with each of its codes replaced by the code of
/// the XLIFF source in the same place in the memory's source
/// (`source_seg`), the memory's codes paired across its languages by their
/// `i` / `x` (else their native content). `None` when the codes do not
/// correspond one to one, when two of the memory's source codes cannot be
/// told apart (the pairing would be a guess), or when the translation
/// would cross the source's nesting of spans.
pub fn place_codes(
    source: &Tagged,
    memory_source_seg: &str,
    memory_target_seg: &str,
) -> Option<Vec<Event<'static>>> {
    let memory_source: Vec<(Role, String)> = read_tmx_seg(memory_source_seg)?
        .into_iter()
        .filter_map(|p| match p {
            Piece::Code(role, id) => Some((role, id)),
            Piece::Text(_) => None,
        })
        .collect();
    // The memory's source codes line up with the XLIFF source's.
    if memory_source.len() != source.codes.len()
        || memory_source
            .iter()
            .zip(&source.codes)
            .any(|((role, _), code)| *role != code.role)
    {
        return None;
    }
    if memory_source
        .iter()
        .enumerate()
        .any(|(k, code)| memory_source[..k].contains(code))
    {
        return None;
    }
    // Which of the source's span starts each of its span ends closes
    // (XML start and end tags: `<g>`…`</g>`, `<pc>`…`</pc>`).
    let mut partner = vec![None; source.codes.len()];
    let mut open = Vec::new();
    for (k, code) in source.codes.iter().enumerate() {
        match code.events.as_slice() {
            [Event::Start(_)] => open.push(k),
            [Event::End(_)] => partner[k] = Some(open.pop()?),
            _ => {}
        }
    }
    let mut used = vec![false; memory_source.len()];
    let mut open = Vec::new();
    let mut out = Vec::new();
    for piece in read_tmx_seg(memory_target_seg)? {
        match piece {
            Piece::Text(text) => out.push(Event::Text(BytesText::new(&text).into_owned())),
            Piece::Code(role, id) => {
                let k = (0..memory_source.len())
                    .find(|&k| !used[k] && memory_source[k] == (role, id.clone()))?;
                used[k] = true;
                match source.codes[k].events.as_slice() {
                    [Event::Start(_)] => open.push(k),
                    [Event::End(_)] if open.pop() != partner[k] => return None,
                    _ => {}
                }
                out.extend(source.codes[k].events.iter().cloned());
            }
        }
    }
    used.iter().all(|u| *u).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source_events(xml: &str) -> Vec<Event<'static>> {
        let mut reader = Reader::from_str(xml);
        let mut events = Vec::new();
        loop {
            match reader.read_event().unwrap() {
                Event::Eof => break,
                e => events.push(e.into_owned()),
            }
        }
        events
    }

    fn written(events: &[Event<'static>]) -> String {
        let mut w = quick_xml::Writer::new(Vec::new());
        for e in events {
            w.write_event(e.clone()).unwrap();
        }
        String::from_utf8(w.into_inner()).unwrap()
    }

    #[test]
    fn xliff_sources_read_into_text_and_codes() {
        let tagged = read_xliff_source(&source_events(
            r#"Read <g id="b">more</g> about <x id="1"/>Sirte <ph id="2">&lt;br/&gt;</ph>."#,
        ))
        .unwrap();
        assert_eq!(tagged.text, "Read more about Sirte .");
        let roles: Vec<Role> = tagged.codes.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            [Role::Open, Role::Close, Role::Standalone, Role::Standalone]
        );
        assert!(read_xliff_source(&source_events("a <unknown/> b")).is_none());
    }

    #[test]
    fn codes_go_where_the_memory_puts_them() {
        let source =
            read_xliff_source(&source_events(r#"Read <g id="b">more</g> about Sirte."#)).unwrap();
        let target = place_codes(
            &source,
            r#"Read <bpt i="1">&lt;b&gt;</bpt>more<ept i="1">&lt;/b&gt;</ept> about Sirte."#,
            r#"Читайте <bpt i="1">&lt;b&gt;</bpt>подробнее<ept i="1">&lt;/b&gt;</ept> о Сирте."#,
        )
        .unwrap();
        assert_eq!(
            written(&target),
            r#"Читайте <g id="b">подробнее</g> о Сирте."#
        );
    }

    #[test]
    fn reordered_codes_follow_the_translation() {
        let source = read_xliff_source(&source_events(r#"<x id="1"/> and <x id="2"/>"#)).unwrap();
        let target = place_codes(
            &source,
            r#"<ph x="1">{1}</ph> and <ph x="2">{2}</ph>"#,
            r#"<ph x="2">{2}</ph> и <ph x="1">{1}</ph>"#,
        )
        .unwrap();
        assert_eq!(written(&target), r#"<x id="2"/> и <x id="1"/>"#);
    }

    /// Self-closed TMX codes (`<bpt i="1" x="1"/>`) pair by their ids, not
    /// by their place.
    #[test]
    fn empty_memory_codes_pair_by_their_ids() {
        let source = read_xliff_source(&source_events(
            r#"Dbeibah met <g id="1">Menfi</g> and <g id="2">Mishri</g> in Tripoli."#,
        ))
        .unwrap();
        let target = place_codes(
            &source,
            r#"Dbeibah met <bpt i="1" x="1"/>Menfi<ept i="1"/> and <bpt i="2" x="2"/>Mishri<ept i="2"/> in Tripoli."#,
            r#"В Триполи Дбейба встретился с <bpt i="2" x="2"/>Мишри<ept i="2"/> и <bpt i="1" x="1"/>Менфи<ept i="1"/>."#,
        )
        .unwrap();
        assert_eq!(
            written(&target),
            r#"В Триполи Дбейба встретился с <g id="2">Мишри</g> и <g id="1">Менфи</g>."#
        );
        let nested =
            read_xliff_source(&source_events(r#"<g id="1">a <g id="2">b</g></g>"#)).unwrap();
        let target = place_codes(
            &nested,
            r#"<hi x="1">a <hi x="2">b</hi></hi>"#,
            r#"<hi x="2">б <hi x="1">а</hi></hi>"#,
        )
        .unwrap();
        assert_eq!(written(&target), r#"<g id="2">б <g id="1">а</g></g>"#);
    }

    /// Codes the memory does not tell apart, or a translation that would
    /// cross the source's spans, place nothing.
    #[test]
    fn unsafe_pairings_place_nothing() {
        let source = read_xliff_source(&source_events(r#"<x id="1"/> and <x id="2"/>"#)).unwrap();
        assert!(place_codes(&source, "<ph/> and <ph/>", "<ph/> и <ph/>").is_none());
        let spans =
            read_xliff_source(&source_events(r#"<g id="1">a</g> <g id="2">b</g>"#)).unwrap();
        assert!(place_codes(
            &spans,
            r#"<bpt i="1"/>a<ept i="1"/> <bpt i="2"/>b<ept i="2"/>"#,
            r#"<bpt i="1"/>а <bpt i="2"/>б<ept i="1"/><ept i="2"/>"#,
        )
        .is_none());
    }

    #[test]
    fn codes_that_do_not_correspond_place_nothing() {
        let source = read_xliff_source(&source_events(r#"Read <g id="b">more</g>."#)).unwrap();
        // The memory has no codes, or a different number, or drops one.
        assert!(place_codes(&source, "Read more.", "Читайте.").is_none());
        assert!(place_codes(&source, r#"<ph x="1">a</ph>Read more."#, "Читайте.").is_none());
        assert!(place_codes(
            &source,
            r#"Read <bpt i="1">b</bpt>more<ept i="1">/b</ept>."#,
            r#"Читайте <bpt i="1">b</bpt>подробнее."#
        )
        .is_none());
    }
}
