//! The scan on arbitrary text (the first byte picks the options): every
//! finding on character boundaries inside the text, in order, `found`
//! exactly its bytes, line and column right; the rewrite changes nothing
//! but the findings.

#![no_main]

mod common;

use dragoman::house_style;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let options = common::check_options(0.0, true, common::scan_options(first));
    let findings = house_style::check(common::house_matcher(), &text, &options);
    common::assert_well_formed(&text, &findings);
    let rewritten = house_style::rewrite(&text, &findings);
    common::assert_only_findings_changed(&text, &rewritten, &findings);
});
