//! Pre-translating XLIFF 1.2 and 2.x files: targets filled from the
//! translation memory, everything else in the file written back as it was.
//!
//! Segments that have no target yet (or an empty one) are filled, except
//! in units marked `translate="no"` (or inside a group or file so marked),
//! which are written through untouched, and 1.2 units whose `<seg-source>`
//! holds more than one segment. A source
//! with inline codes (`g`, `x`, `ph`, `pc`…) is looked up by its text; the
//! target gets the source's own codes where the memory's translation has
//! the corresponding ones ([`inline`](super::inline)). When they do not
//! correspond, the translation goes in as a fuzzy match to review, less
//! 0.02 a code (at most 0.1), with a note saying the codes are to place. An
//! exact match becomes
//! a translated target (1.2: `state="translated"
//! state-qualifier="exact-match"`; 2.x: the segment's `state="translated"`);
//! a fuzzy match a target to review (1.2: `state="needs-review-translation"
//! state-qualifier="fuzzy-match"` and a note giving the match; 2.x:
//! `state="initial"` with `subState="dragoman:fuzzy-NN"`). An exact match
//! the memory also translates otherwise (same source, same score, another
//! target) gets the latest translation, to review (1.2:
//! `state="needs-review-translation" state-qualifier="exact-match"` and a
//! note; 2.x: `state="initial"` with `subState="dragoman:exact-conflict"`).

use super::inline::{place_codes, read_xliff_source, Tagged};
use crate::error::{line_of, Error, Result};
use crate::lang::same_language;
use crate::tm::{score, Segment, Variant};
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

/// A translation for a segment from the memory: the match score of the
/// segment's text, and the memory's source and translation.
pub struct Fill {
    pub score: f64,
    pub source: Variant,
    pub target: Variant,
    /// Other translations the memory has of the same source at the same
    /// score: an exact match then goes in to review, not as translated.
    pub conflicts: usize,
}

/// The best memory match for a source segment's text:
/// `lookup(text, from, to)`.
pub type Lookup<'a> = dyn FnMut(&str, &str, &str) -> Result<Option<Fill>> + 'a;

/// What pre-translation did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filled {
    pub exact: usize,
    /// Exact matches the memory has other translations of, filled to
    /// review (counted in `exact` too).
    pub conflicting: usize,
    pub fuzzy: usize,
    /// Segments left for the translator.
    pub left: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Version {
    V1,
    V2,
}

/// Pre-translates the XLIFF document `text` (named `name` in messages) into
/// `to` (a file whose target language is `to` with a region, or the
/// reverse, is accepted). `lookup(source, from, to)` gives the best match
/// for a source segment's text, in the file's own languages; a match that scores below `min_score` once its inline codes are
/// counted is not used.
pub fn pretranslate(
    name: &str,
    text: &str,
    to: &str,
    min_score: f64,
    lookup: &mut Lookup<'_>,
) -> Result<(Vec<u8>, Filled)> {
    let mut reader = Reader::from_str(text);
    let mut writer = Writer::new(Vec::new());
    let mut version = None;
    let mut from: Option<String> = None;
    // The file's target language (`--to` when it names none).
    let mut target_lang = to.to_string();
    let mut unit: Option<Vec<Event<'static>>> = None;
    let mut filled = Filled::default();
    // Whether each open element is to be translated (`translate`, inherited).
    let mut translating: Vec<bool> = Vec::new();
    let io = |e: std::io::Error| Error::io(name, e);
    loop {
        let event = reader.read_event().map_err(|e| {
            let line = line_of(text, reader.error_position() as usize);
            Error::input(name, Some(line), format!("malformed XML: {e}"))
        })?;
        let at = reader.buffer_position() as usize;
        let fail = |m: String| Error::input(name, Some(line_of(text, at)), m);
        if let Event::DocType(d) = &event {
            if d.windows(8).any(|w| w == b"<!ENTITY") {
                return Err(fail("entity declarations are refused".into()));
            }
        }
        if let Event::Eof = event {
            break;
        }
        if let Some(buffer) = &mut unit {
            let end = matches!(&event, Event::End(e) if is_unit(version, e.local_name().as_ref()));
            buffer.push(event.into_owned());
            if end {
                let events = unit.take().unwrap_or_default();
                let source_lang = from.clone().unwrap_or_default();
                let v = version.unwrap_or(Version::V1);
                let unit = UnitFill {
                    version: v,
                    from: &source_lang,
                    to: &target_lang,
                    min_score,
                };
                for e in unit.fill(events, lookup, &mut filled)? {
                    writer.write_event(e).map_err(io)?;
                }
            }
            continue;
        }
        // A unit not to be translated is written through as it is.
        let mut fill_unit = false;
        match &event {
            Event::Start(e) => {
                let inherited = translating.last().copied().unwrap_or(true);
                let own = match attr(e, "translate").as_deref() {
                    Some("no") => false,
                    Some("yes") => true,
                    _ => inherited,
                };
                if own && is_unit(version, e.local_name().as_ref()) {
                    // Buffered with its end tag: nothing to push.
                    fill_unit = true;
                } else {
                    translating.push(own);
                }
            }
            Event::End(_) => {
                translating.pop();
            }
            _ => {}
        }
        match event {
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == b"xliff" => {
                // `<xliff …/>` stays empty: written as a start tag it would
                // be left open.
                let empty = matches!(event, Event::Empty(_));
                let mut e = e.clone().into_owned();
                let v = attr(&e, "version").unwrap_or_default();
                version = Some(if v.starts_with("1.") {
                    Version::V1
                } else if v.starts_with("2.") {
                    Version::V2
                } else {
                    return Err(fail(format!(
                        "unsupported XLIFF version {v:?} (1.2 and 2.x are)"
                    )));
                });
                if version == Some(Version::V2) {
                    from = attr(&e, "srcLang");
                    match attr(&e, "trgLang") {
                        Some(t) if !same_language(&t, to) => {
                            return Err(fail(format!(
                                "the file's trgLang is {t:?}, not {to:?}: give --to {t}"
                            )))
                        }
                        Some(t) => target_lang = t,
                        None => e.push_attribute(("trgLang", to)),
                    }
                }
                let e = if empty {
                    Event::Empty(e)
                } else {
                    Event::Start(e)
                };
                writer.write_event(e).map_err(io)?;
            }
            Event::Start(e)
                if e.local_name().as_ref() == b"file" && version == Some(Version::V1) =>
            {
                from = attr(&e, "source-language");
                target_lang = to.to_string();
                if let Some(t) = attr(&e, "target-language") {
                    if !same_language(&t, to) {
                        return Err(fail(format!(
                            "the file's target-language is {t:?}, not {to:?}: give --to {t}"
                        )));
                    }
                    target_lang = t;
                }
                writer.write_event(Event::Start(e)).map_err(io)?;
            }
            Event::Start(e) if fill_unit => {
                if version.is_none() {
                    return Err(fail("not an XLIFF file: no <xliff> root".into()));
                }
                if from.is_none() {
                    return Err(fail(
                        "no source language (source-language / srcLang)".into(),
                    ));
                }
                // A 2.x segment's start tag is written anew from its
                // attributes: one that does not read as attributes would
                // come out as something else.
                if let Some(Err(e)) = e.attributes().find(Result::is_err) {
                    return Err(fail(format!("malformed attributes: {e}")));
                }
                unit = Some(vec![Event::Start(e.into_owned())]);
            }
            other => writer.write_event(other).map_err(io)?,
        }
    }
    if version.is_none() {
        return Err(Error::input(
            name,
            None,
            "not an XLIFF file: no <xliff> root",
        ));
    }
    Ok((writer.into_inner(), filled))
}

fn is_unit(version: Option<Version>, local: &[u8]) -> bool {
    match version {
        Some(Version::V1) => local == b"trans-unit",
        Some(Version::V2) => local == b"segment",
        None => false,
    }
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// How to fill the units of one file.
struct UnitFill<'a> {
    version: Version,
    from: &'a str,
    to: &'a str,
    min_score: f64,
}

impl UnitFill<'_> {
    /// Fills one unit (1.2 `trans-unit`, 2.x `segment`) when it can be.
    fn fill(
        &self,
        events: Vec<Event<'static>>,
        lookup: &mut Lookup<'_>,
        filled: &mut Filled,
    ) -> Result<Vec<Event<'static>>> {
        let (version, from, to, min_score) = (self.version, self.from, self.to, self.min_score);
        // Where source and target are, and what they hold.
        let mut depth = 0;
        let (mut source, mut source_end, mut source_indent) = (String::new(), None, None);
        let mut source_start = 0;
        let mut source_plain = true;
        let (mut target, mut target_text) = (None::<(usize, usize)>, String::new());
        let mut inside: Option<&'static str> = None;
        let mut target_start = 0;
        // 1.2 `<seg-source>`: where it ends, the `mid` of each segment
        // marker in it, and whether it holds text outside them.
        let (mut seg_source_end, mut seg_mids) = (None, Vec::new());
        let mut seg_outside = false;
        for (i, e) in events.iter().enumerate() {
            match e {
                Event::Start(s) => {
                    depth += 1;
                    match (depth, s.local_name().as_ref(), inside) {
                        (2, b"source", None) => {
                            inside = Some("source");
                            source_start = i;
                            if let Some(Event::Text(t)) = i.checked_sub(1).map(|j| &events[j]) {
                                source_indent = Some(t.clone().into_owned());
                            }
                        }
                        (2, b"target", None) => {
                            inside = Some("target");
                            target_start = i;
                        }
                        (2, b"seg-source", None) => inside = Some("seg-source"),
                        (3, b"mrk", Some("seg-source")) => {
                            if attr(s, "mtype").as_deref() == Some("seg") {
                                seg_mids.push(attr(s, "mid"));
                            } else {
                                seg_outside = true;
                            }
                        }
                        (_, _, Some("source")) => source_plain = false,
                        _ => {}
                    }
                }
                Event::Empty(s) => match (depth + 1, s.local_name().as_ref(), inside) {
                    (2, b"target", None) => target = Some((i, i)),
                    (3, _, Some("seg-source")) => seg_outside = true,
                    (_, _, Some("source")) => source_plain = false,
                    _ => {}
                },
                Event::End(s) => {
                    if depth == 2
                        && s.local_name().as_ref() == b"source"
                        && inside == Some("source")
                    {
                        inside = None;
                        source_end = Some(i);
                    } else if depth == 2
                        && s.local_name().as_ref() == b"target"
                        && inside == Some("target")
                    {
                        inside = None;
                        target = Some((target_start, i));
                    } else if depth == 2
                        && s.local_name().as_ref() == b"seg-source"
                        && inside == Some("seg-source")
                    {
                        inside = None;
                        seg_source_end = Some(i);
                    }
                    depth -= 1;
                }
                Event::Text(t) => {
                    let text = t.unescape().map(|c| c.into_owned()).unwrap_or_default();
                    match inside {
                        Some("source") => source.push_str(&text),
                        Some("target") => target_text.push_str(&text),
                        Some("seg-source") if depth == 2 && !text.trim().is_empty() => {
                            seg_outside = true
                        }
                        _ => {}
                    }
                }
                Event::CData(c) => {
                    let text = String::from_utf8_lossy(c).into_owned();
                    match inside {
                        Some("source") => source.push_str(&text),
                        Some("target") => target_text.push_str(&text),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        let Some(source_end) = source_end else {
            filled.left += 1;
            return Ok(events);
        };
        if !target_text.trim().is_empty() {
            return Ok(events);
        }
        // A `<seg-source>` of one segment: the target is that segment,
        // marked as the source's is. Several segments are left alone.
        let seg_mid = match (seg_source_end, seg_mids.as_slice(), seg_outside) {
            (None, _, _) => None,
            (Some(_), [Some(mid)], false) => Some(mid.clone()),
            _ => {
                filled.left += 1;
                return Ok(events);
            }
        };
        // The source as text and inline codes.
        let tagged = if source_plain {
            Some(Tagged {
                text: source,
                codes: Vec::new(),
            })
        } else {
            // A second `<source>` after the first one's end (a damaged
            // file) starts past it: nothing to read, the segment is left.
            events
                .get(source_start + 1..source_end)
                .and_then(read_xliff_source)
        };
        let fill = match &tagged {
            Some(t) if !t.text.trim().is_empty() => lookup(&t.text, from, to)?,
            _ => None,
        };
        let (Some(mut fill), Some(tagged)) = (fill, tagged) else {
            filled.left += 1;
            return Ok(events);
        };
        // The target's content: the translation, with the source's codes put
        // where the memory has them.
        let mut unplaced = 0;
        let plain = || vec![Event::Text(BytesText::new(&fill.target.text).into_owned())];
        let content = if tagged.codes.is_empty() {
            plain()
        } else {
            match place_codes(&tagged, &fill.source.seg, &fill.target.seg) {
                Some(content) => {
                    // The codes correspond: scored as if the source had the
                    // memory's own, so that an identical segment is exact.
                    let memory = Segment::of_variant(&fill.source);
                    let mut query = Segment::plain(&tagged.text);
                    query.tags = memory.tags.clone();
                    fill.score = score(&query, &memory);
                    content
                }
                None => {
                    unplaced = tagged.codes.len();
                    let penalty = (0.02 * unplaced as f64).min(0.1);
                    fill.score = ((fill.score - penalty) * 100.0).round() / 100.0;
                    plain()
                }
            }
        };
        if fill.score < min_score {
            filled.left += 1;
            return Ok(events);
        }
        // An exact match the memory translates in more than one way: the
        // latest translation, to review.
        let conflict = fill.score >= 1.0 && fill.conflicts > 0;
        let exact = fill.score >= 1.0 && !conflict;
        if fill.score >= 1.0 {
            filled.exact += 1;
            filled.conflicting += usize::from(conflict);
        } else {
            filled.fuzzy += 1;
        }
        let percent = (fill.score * 100.0).round() as u32;
        // An empty target is filled where it is, its attributes kept (the
        // state ones set anew); else a new one goes after the source.
        let existing = target.and_then(|(a, _)| match &events[a] {
            Event::Start(s) | Event::Empty(s) => Some(s.clone()),
            _ => None,
        });
        let mut start = match &existing {
            Some(s) => {
                let mut t =
                    BytesStart::new(String::from_utf8_lossy(s.name().as_ref()).into_owned());
                for a in s.attributes().flatten() {
                    let state = matches!(a.key.as_ref(), b"state" | b"state-qualifier");
                    if !(version == Version::V1 && state) {
                        t.push_attribute(a);
                    }
                }
                t
            }
            None => BytesStart::new("target"),
        };
        // The white space a new target or note starts its line with.
        let indent = target
            .and_then(|(a, _)| match a.checked_sub(1).map(|j| &events[j]) {
                Some(Event::Text(t)) if t.iter().all(u8::is_ascii_whitespace) => Some(t.clone()),
                _ => None,
            })
            .or(source_indent);
        if version == Version::V1 {
            if exact {
                start.push_attribute(("state", "translated"));
                start.push_attribute(("state-qualifier", "exact-match"));
            } else if conflict {
                start.push_attribute(("state", "needs-review-translation"));
                start.push_attribute(("state-qualifier", "exact-match"));
            } else {
                start.push_attribute(("state", "needs-review-translation"));
                start.push_attribute(("state-qualifier", "fuzzy-match"));
            }
        }
        let end = BytesEnd::new(String::from_utf8_lossy(start.name().as_ref()).into_owned());
        let mut filled_target = vec![Event::Start(start)];
        if let Some(mid) = &seg_mid {
            let mut mrk = BytesStart::new("mrk");
            mrk.push_attribute(("mtype", "seg"));
            mrk.push_attribute(("mid", mid.as_str()));
            filled_target.push(Event::Start(mrk));
            filled_target.extend(content);
            filled_target.push(Event::End(BytesEnd::new("mrk")));
        } else {
            filled_target.extend(content);
        }
        filled_target.push(Event::End(end));
        if version == Version::V1 && !exact {
            if let Some(indent) = &indent {
                filled_target.push(Event::Text(indent.clone()));
            }
            let mut note = BytesStart::new("note");
            note.push_attribute(("from", "dragoman"));
            filled_target.push(Event::Start(note));
            let mut says = format!("translation memory match {percent}%");
            if conflict {
                says.push_str(&format!(
                    "; the memory has {} other translation(s) of this source",
                    fill.conflicts
                ));
            }
            if unplaced > 0 {
                says.push_str(&format!("; {unplaced} inline code(s) to place"));
            }
            filled_target.push(Event::Text(BytesText::new(&says).into_owned()));
            filled_target.push(Event::End(BytesEnd::new("note")));
        }
        let mut out = Vec::with_capacity(events.len() + filled_target.len());
        for (i, e) in events.into_iter().enumerate() {
            if let Some((a, b)) = target {
                if i == a {
                    out.append(&mut filled_target);
                }
                if (a..=b).contains(&i) {
                    continue;
                }
            }
            if i == 0 && version == Version::V2 {
                let Event::Start(s) = e else {
                    unreachable!("a unit starts with its start tag")
                };
                let mut seg =
                    BytesStart::new(String::from_utf8_lossy(s.name().as_ref()).into_owned());
                for a in s.attributes().flatten() {
                    if !matches!(a.key.as_ref(), b"state" | b"subState") {
                        seg.push_attribute(a);
                    }
                }
                if exact {
                    seg.push_attribute(("state", "translated"));
                } else if conflict {
                    seg.push_attribute(("state", "initial"));
                    seg.push_attribute(("subState", "dragoman:exact-conflict"));
                } else {
                    seg.push_attribute(("state", "initial"));
                    seg.push_attribute(("subState", format!("dragoman:fuzzy-{percent}").as_str()));
                }
                out.push(Event::Start(seg.into_owned()));
                continue;
            }
            out.push(e);
            // A new target goes after the source, or the `<seg-source>`.
            if target.is_none() && i == seg_source_end.unwrap_or(source_end) {
                if let Some(indent) = &indent {
                    out.push(Event::Text(indent.clone()));
                }
                out.append(&mut filled_target);
            }
        }
        Ok(out)
    }
}
