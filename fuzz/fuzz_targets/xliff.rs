//! XLIFF pre-translation on arbitrary text, with a memory that has a match
//! (exact or fuzzy, by the source's length) for every segment: no panic, an
//! error names the file and line, and what it writes is UTF-8 that
//! pre-translates again.

#![no_main]

use dragoman::error::Result;
use dragoman::formats::xliff::{self, Fill};
use dragoman::tm::Variant;
use libfuzzer_sys::fuzz_target;

fn lookup(source: &str, _from: &str, _to: &str) -> Result<Option<Fill>> {
    Ok(match source.len() % 3 {
        0 => None,
        1 => Some(Fill {
            score: 1.0,
            source: Variant::plain("en", source),
            target: Variant::plain("ru", &source.to_uppercase()),
            conflicts: 0,
        }),
        _ => Some(Fill {
            score: 0.8,
            source: Variant::plain("en", source),
            target: Variant::plain("ru", &format!("<&>\"{source}\"")),
            conflicts: 0,
        }),
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match xliff::pretranslate("doc.xlf", text, "ru", 0.0, &mut lookup) {
        Err(e) => assert!(e.to_string().starts_with("doc.xlf"), "{e}"),
        Ok((out, _)) => {
            let out = std::str::from_utf8(&out).expect("output is UTF-8");
            if let Err(e) = xliff::pretranslate("doc.xlf", out, "ru", 0.0, &mut lookup) {
                panic!("output does not read back: {e}\n{out}");
            }
        }
    }
});
