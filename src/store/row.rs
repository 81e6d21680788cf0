//! The binary form of a unit's `variants` and `meta` columns.
//!
//! Strings are written as a varint byte length and their UTF-8 bytes;
//! counts as varints. `variants` is the variant count, then per variant its
//! language, its text, a flags byte ([`HAS_SEG`], [`HAS_META`]), the segment
//! markup when it is more than the text escaped, and its metadata. A
//! metadata block is its attributes, properties (each a pair of strings)
//! and notes, each list led by its length.

use crate::tm::unit::{Meta, Unit, Variant};

/// The variant's segment markup follows (it is not the text escaped).
const HAS_SEG: u8 = 1;
/// The variant's metadata follows.
const HAS_META: u8 = 2;

/// A unit's `variants` column.
pub fn encode_variants(variants: &[Variant], out: &mut Vec<u8>) {
    put_len(out, variants.len());
    for v in variants {
        put_str(out, &v.lang);
        put_str(out, &v.text);
        let plain = is_escaped(&v.seg, &v.text);
        let meta = !v.meta.is_empty();
        out.push(if plain { 0 } else { HAS_SEG } | if meta { HAS_META } else { 0 });
        if !plain {
            put_str(out, &v.seg);
        }
        if meta {
            encode_meta(&v.meta, out);
        }
    }
}

/// A unit's `meta` column: none when the unit carries no metadata.
pub fn encode_unit_meta(meta: &Meta) -> Option<Vec<u8>> {
    if meta.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    encode_meta(meta, &mut out);
    Some(out)
}

/// Whether a `variants` column holds metadata of some variant.
pub fn variants_have_meta(bytes: &[u8]) -> bool {
    let mut r = Reader(bytes);
    let Some(n) = r.len() else { return false };
    for _ in 0..n {
        let (Some(_), Some(_), Some(flags)) = (r.str(), r.str(), r.byte()) else {
            return false;
        };
        if flags & HAS_META != 0 {
            return true;
        }
        if flags & HAS_SEG != 0 && r.str().is_none() {
            return false;
        }
    }
    false
}

/// The language code and plain text of each variant in a `variants`
/// column, read in place; the iteration stops early where the column is
/// damaged.
pub fn variant_texts(bytes: &[u8]) -> VariantTexts<'_> {
    let mut r = Reader(bytes);
    let left = r.len().unwrap_or(0);
    VariantTexts { r, left }
}

/// See [`variant_texts`].
pub struct VariantTexts<'a> {
    r: Reader<'a>,
    left: usize,
}

impl<'a> Iterator for VariantTexts<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        if self.left == 0 {
            return None;
        }
        let variant = self.read();
        self.left = if variant.is_some() { self.left - 1 } else { 0 };
        variant
    }
}

impl<'a> VariantTexts<'a> {
    fn read(&mut self) -> Option<(&'a str, &'a str)> {
        let r = &mut self.r;
        let (lang, text, flags) = (r.str()?, r.str()?, r.byte()?);
        if flags & HAS_SEG != 0 {
            r.skip_str()?;
        }
        if flags & HAS_META != 0 {
            // Attributes and properties (pairs), then notes.
            for strings_each in [2, 2, 1] {
                for _ in 0..r.len()?.checked_mul(strings_each)? {
                    r.skip_str()?;
                }
            }
        }
        Some((lang, text))
    }
}

/// The variants of a `variants` column; none when it cannot be read.
pub fn decode_variants(bytes: &[u8]) -> Vec<Variant> {
    read_variants(&mut Reader(bytes)).unwrap_or_default()
}

/// The metadata of a `meta` column; empty when there is none.
pub fn decode_unit_meta(bytes: Option<&[u8]>) -> Meta {
    bytes
        .and_then(|b| read_meta(&mut Reader(b)))
        .unwrap_or_default()
}

/// A unit from its two columns.
pub fn decode_unit(variants: &[u8], meta: Option<&[u8]>) -> Unit {
    Unit {
        meta: decode_unit_meta(meta),
        variants: decode_variants(variants),
    }
}

fn encode_meta(meta: &Meta, out: &mut Vec<u8>) {
    for pairs in [&meta.attrs, &meta.props] {
        put_len(out, pairs.len());
        for (k, v) in pairs {
            put_str(out, k);
            put_str(out, v);
        }
    }
    put_len(out, meta.notes.len());
    for note in &meta.notes {
        put_str(out, note);
    }
}

/// Whether `seg` is `text` with `&`, `<` and `>` escaped, as
/// [`Variant::plain`] writes it.
fn is_escaped(seg: &str, text: &str) -> bool {
    let (seg, text) = (seg.as_bytes(), text.as_bytes());
    if seg.len() == text.len() {
        return seg == text && memchr::memchr3(b'&', b'<', b'>', text).is_none();
    }
    let mut at = 0;
    for b in text {
        let expected: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            _ => std::slice::from_ref(b),
        };
        match seg.get(at..at + expected.len()) {
            Some(found) if found == expected => at += expected.len(),
            _ => return false,
        }
    }
    at == seg.len()
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    let mut v = n as u64;
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn read_variants(r: &mut Reader) -> Option<Vec<Variant>> {
    let n = r.len()?;
    let mut out = Vec::with_capacity(n.min(16));
    for _ in 0..n {
        let lang = r.str()?.to_string();
        let text = r.str()?;
        let flags = r.byte()?;
        let seg = if flags & HAS_SEG != 0 {
            r.str()?.to_string()
        } else {
            quick_xml::escape::partial_escape(text).into_owned()
        };
        let meta = if flags & HAS_META != 0 {
            read_meta(r)?
        } else {
            Meta::default()
        };
        out.push(Variant {
            lang,
            seg,
            text: text.to_string(),
            meta,
        });
    }
    Some(out)
}

fn read_meta(r: &mut Reader) -> Option<Meta> {
    Some(Meta {
        attrs: read_pairs(r)?,
        props: read_pairs(r)?,
        notes: (0..r.len()?)
            .map(|_| r.str().map(str::to_string))
            .collect::<Option<_>>()?,
    })
}

fn read_pairs(r: &mut Reader) -> Option<Vec<(String, String)>> {
    (0..r.len()?)
        .map(|_| Some((r.str()?.to_string(), r.str()?.to_string())))
        .collect()
}

/// The bytes of a column not yet read.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn len(&mut self) -> Option<usize> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return usize::try_from(v).ok();
            }
        }
        None
    }

    fn str(&mut self) -> Option<&'a str> {
        simdutf8::basic::from_utf8(self.bytes()?).ok()
    }

    fn skip_str(&mut self) -> Option<()> {
        self.bytes().map(|_| ())
    }

    /// A string's bytes, led by their length.
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        if n > self.0.len() {
            return None;
        }
        let (s, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(attrs: &[(&str, &str)], props: &[(&str, &str)], notes: &[&str]) -> Meta {
        let pairs = |p: &[(&str, &str)]| {
            p.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        Meta {
            attrs: pairs(attrs),
            props: pairs(props),
            notes: notes.iter().map(|n| n.to_string()).collect(),
        }
    }

    #[test]
    fn units_round_trip() {
        let marked = Variant {
            lang: "ru-RU".into(),
            seg: "Нажмите <bpt i=\"1\">&lt;b&gt;</bpt>ОК<ept i=\"1\">&lt;/b&gt;</ept>.".into(),
            text: "Нажмите ОК.".into(),
            meta: meta(&[("changeid", "oleg")], &[("x-domain", "UI")], &["checked"]),
        };
        let unit = Unit {
            meta: meta(&[("tuid", "7"), ("srclang", "en")], &[], &["a", ""]),
            // The variant with markup and metadata first: reading the
            // next one's text needs them skipped exactly.
            variants: vec![marked, Variant::plain("en", "Press <OK> & go.")],
        };
        let mut bytes = Vec::new();
        encode_variants(&unit.variants, &mut bytes);
        let meta = encode_unit_meta(&unit.meta);
        assert_eq!(decode_unit(&bytes, meta.as_deref()), unit);
        assert!(variants_have_meta(&bytes));
        let texts: Vec<(&str, &str)> = variant_texts(&bytes).collect();
        assert_eq!(
            texts,
            [("ru-RU", "Нажмите ОК."), ("en", "Press <OK> & go.")]
        );
    }

    #[test]
    fn plain_segments_are_not_stored_twice() {
        let v = Variant::plain("en", "a < b && c");
        assert!(is_escaped(&v.seg, &v.text));
        assert!(!is_escaped("a &lt; b", "a < b c"));
        assert!(!is_escaped("a <ph/>b", "a b"));
        let mut bytes = Vec::new();
        encode_variants(std::slice::from_ref(&v), &mut bytes);
        assert_eq!(bytes.len(), 1 + 3 + 1 + v.text.len() + 1);
        assert!(!variants_have_meta(&bytes));
        assert_eq!(encode_unit_meta(&Meta::default()), None);
    }

    #[test]
    fn damaged_columns_read_as_empty() {
        let mut bytes = Vec::new();
        encode_variants(&[Variant::plain("en", "Hello.")], &mut bytes);
        assert!(decode_variants(&bytes[..bytes.len() - 2]).is_empty());
        assert!(decode_variants(&[0xFF; 12]).is_empty());
        assert_eq!(variant_texts(&bytes[..bytes.len() - 2]).count(), 0);
        assert_eq!(variant_texts(&[0xFF; 12]).count(), 0);
        assert_eq!(decode_unit_meta(Some(&[5, 1])), Meta::default());
    }
}
