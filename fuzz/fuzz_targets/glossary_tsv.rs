//! The glossary TSV reader on arbitrary bytes (see `common::glossary`).

#![no_main]

mod common;

use dragoman::formats::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::glossary(data, Format::Tsv, "glossary.tsv"));
