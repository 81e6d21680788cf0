//! `check --jsonl` and `normalize --jsonl` on arbitrary bytes: an error
//! names the stream and line; every line written is a JSON object.

#![no_main]

mod common;

use dragoman::cli::jsonl;
use libfuzzer_sys::fuzz_target;

fn lines_are_objects(out: &[u8]) {
    let out = std::str::from_utf8(out).expect("output is UTF-8");
    for line in out.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("output line is JSON");
        assert!(value.is_object(), "output line is not an object: {line}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let matcher = common::house_matcher();
    let options = common::check_options(0.0, true, common::scan_options(first));
    let mut out = Vec::new();
    if let Err(e) = jsonl::check_stream(matcher, "in.jsonl", rest, &mut out, None, &options) {
        assert!(e.to_string().starts_with("in.jsonl:"), "{e}");
    }
    lines_are_objects(&out);
    let options = common::check_options(0.95, false, common::scan_options(first));
    let mut out = Vec::new();
    if let Err(e) = jsonl::normalize_stream(matcher, "in.jsonl", rest, &mut out, None, &options) {
        assert!(e.to_string().starts_with("in.jsonl:"), "{e}");
    }
    lines_are_objects(&out);
});
