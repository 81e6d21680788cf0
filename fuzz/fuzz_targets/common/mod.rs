//! What the fuzz targets share: the house matcher, scan options drawn from
//! a byte, and the invariants every `check` result must keep (the same ones
//! `tests/properties.rs` asserts).

#![allow(dead_code)] // each target uses its own part of this

use dragoman::formats::{self, Format};
use dragoman::glossary::house::house_entries;
use dragoman::house_style::{CheckOptions, Finding};
use dragoman::matcher::{Matcher, ScanOptions};
use std::sync::OnceLock;

/// The matcher over the shipped house glossary, built once per process.
pub fn house_matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| Matcher::new(house_entries().expect("house glossary")))
}

/// Scan options from one byte: the text's language (none, `en`, `ar`,
/// `ru`, `fr`) and whether similarity is on.
pub fn scan_options(byte: u8) -> ScanOptions {
    let lang = [None, Some("en"), Some("ar"), Some("ru"), Some("fr")][usize::from(byte % 5)];
    ScanOptions {
        fuzzy: byte & 0x80 == 0,
        lang: lang.map(str::to_string),
    }
}

/// `check` options at `min_confidence`, reporting house forms too when
/// `all`.
pub fn check_options(min_confidence: f64, all: bool, scan: ScanOptions) -> CheckOptions {
    CheckOptions {
        min_confidence,
        all,
        scan,
        ..CheckOptions::default()
    }
}

/// Panics unless every finding is inside `text`, on character boundaries,
/// non-empty, in order without overlap, `found == text[start..end]`, with
/// the right line and column and a confidence in 0..1.
pub fn assert_well_formed(text: &str, findings: &[Finding]) {
    let mut previous_end = 0;
    for f in findings {
        assert!(
            f.start < f.end && f.end <= text.len(),
            "span outside: {f:?}"
        );
        assert!(
            text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
            "span off character boundaries: {f:?}"
        );
        assert_eq!(
            f.found,
            text[f.start..f.end],
            "found is not text[start..end]"
        );
        assert!(
            f.start >= previous_end,
            "overlapping or out of order: {f:?}"
        );
        previous_end = f.end;
        let before = &text[..f.start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..f.start].chars().count() + 1;
        assert_eq!((f.line, f.column), (line, column), "line and column: {f:?}");
        assert!((0.0..=1.0).contains(&f.confidence), "confidence: {f:?}");
        assert!(!f.suggestion.is_empty(), "empty suggestion: {f:?}");
    }
}

/// Panics unless `output` is `input` with each off-style finding replaced
/// by its suggestion and every other byte kept.
pub fn assert_only_findings_changed(input: &str, output: &str, findings: &[Finding]) {
    let mut rest = output;
    let mut at = 0;
    for f in findings.iter().filter(|f| f.is_off_style()) {
        rest = rest
            .strip_prefix(&input[at..f.start])
            .expect("text between findings kept");
        rest = rest
            .strip_prefix(f.suggestion.as_str())
            .expect("finding replaced by its suggestion");
        at = f.end;
    }
    assert_eq!(rest, &input[at..], "text after the last finding kept");
}

/// A glossary reader on arbitrary bytes: an error names the file; what it
/// accepts exports in the same format and reads back with as many entries.
pub fn glossary(data: &[u8], format: Format, name: &str) {
    match formats::read_glossary(name, data, format) {
        Err(e) => assert!(e.to_string().starts_with(name), "{e}"),
        Ok(read) => {
            let mut bytes = Vec::new();
            formats::write_glossary(&read.entries, format, &mut bytes).expect("export");
            let again = formats::read_glossary(name, &bytes, format).unwrap_or_else(|e| {
                panic!(
                    "export does not import: {e}\n{}",
                    String::from_utf8_lossy(&bytes)
                )
            });
            assert_eq!(again.entries.len(), read.entries.len(), "entries lost");
        }
    }
}
