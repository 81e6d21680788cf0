//! Scan throughput: `check`'s matcher over a generated multilingual corpus,
//! with the shipped house glossary and a generated 100k-entry one, listed
//! spellings only and with similarity detection, beside a bare
//! aho-corasick pass over the listed forms (the floor a scanner is measured
//! against).
//!
//! ```sh
//! cargo bench --bench scan                        # 8 MB of text, 100k entries
//! DRAGOMAN_BENCH_MB=50 cargo bench --bench scan   # the issue's 50 MB
//! DRAGOMAN_BENCH_ENTRIES=10000 cargo bench --bench scan
//! ```

#[allow(dead_code)]
mod workload;

use dragoman::glossary::{house::house_entries, Entry};
use dragoman::matcher::{Matcher, ScanOptions};
use std::time::Instant;

fn mb_per_s(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / 1e6 / seconds
}

/// Scans `text` as `check` does a file: the first pass, with nothing
/// learnt about the text's words yet, and the best of `runs` passes after
/// it, when the similarity caches know every word (a long batch of similar
/// articles).
fn time_scan(
    matcher: &Matcher,
    text: &str,
    options: &ScanOptions,
    runs: usize,
) -> (f64, f64, usize) {
    matcher.forget_similar();
    let start = Instant::now();
    let found = matcher.scan(text, options).len();
    let first = start.elapsed().as_secs_f64();
    let mut best = f64::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        matcher.scan(text, options);
        best = best.min(start.elapsed().as_secs_f64());
    }
    (first, best, found)
}

fn bare_aho_corasick(entries: &[Entry], text: &str) -> (f64, usize) {
    let ac = workload::floor::listed_forms_automaton(entries);
    let start = Instant::now();
    let n = ac.find_iter(text).count();
    (start.elapsed().as_secs_f64(), n)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let testing = !std::env::args().any(|a| a == "--bench");
    let env = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let megabytes = env("DRAGOMAN_BENCH_MB", if testing { 1 } else { 8 });
    let entries_n = env(
        "DRAGOMAN_BENCH_ENTRIES",
        if testing { 2_000 } else { 100_000 },
    );
    let runs = if testing { 1 } else { 3 };
    eprintln!("== dragoman scan benchmark ==");

    let house = house_entries().expect("house glossary parses");
    let generated = workload::glossary(entries_n, 7);
    for (name, entries) in [
        ("house glossary", house),
        (&*format!("{entries_n} generated entries"), generated),
    ] {
        let start = Instant::now();
        let matcher = Matcher::new(entries.clone());
        let build = start.elapsed().as_secs_f64();
        let text = workload::corpus::corpus(&entries, megabytes * 1_000_000, 11);
        eprintln!(
            "{name}: matcher built in {build:.2}s; corpus {:.1} MB",
            text.len() as f64 / 1e6
        );
        let (floor, n) = bare_aho_corasick(&entries, &text);
        eprintln!(
            "  bare aho-corasick over listed forms: {:8.1} MB/s ({n} matches)",
            mb_per_s(text.len(), floor)
        );
        for fuzzy in [false, true] {
            let options = ScanOptions { fuzzy, lang: None };
            let (first, best, found) = time_scan(&matcher, &text, &options, runs);
            eprintln!(
                "  scan, {:<22} {:8.1} MB/s first pass, {:8.1} MB/s warm ({found} mentions; {:.2}× the bare pass)",
                if fuzzy {
                    "with similarity:"
                } else {
                    "listed spellings only:"
                },
                mb_per_s(text.len(), first),
                mb_per_s(text.len(), best),
                floor / best
            );
        }
    }
}
