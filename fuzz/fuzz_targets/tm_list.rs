//! The translation-memory TSV/CSV list reader on arbitrary bytes (the first
//! byte picks the delimiter): an error names the file, never a panic.

#![no_main]

use dragoman::tm::tabular;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let (delimiter, name) = if first & 1 == 0 {
        (b'\t', "memory.tsv")
    } else {
        (b',', "memory.csv")
    };
    let mut units = 0usize;
    if let Err(e) = tabular::read(name, rest, delimiter, &mut |_| {
        units += 1;
        Ok(())
    }) {
        assert!(e.to_string().starts_with(name), "{e}");
    }
});
