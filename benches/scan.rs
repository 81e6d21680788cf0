//! Scan throughput: `check`'s matcher over a generated multilingual corpus,
//! with the shipped house glossary and a generated 100k-entry one, listed
//! spellings only and with similarity detection, beside a bare
//! aho-corasick pass over the listed forms (the floor a scanner is measured
//! against) and a pass of the tokeniser with one hash probe a word (the
//! floor under any scanner that reads words, `workload::floor`).
//!
//! ```sh
//! cargo bench --bench scan                        # 8 MB of text, 100k entries
//! DRAGOMAN_BENCH_MB=50 cargo bench --bench scan   # the issue's 50 MB
//! DRAGOMAN_BENCH_ENTRIES=10000 cargo bench --bench scan
//! ```
//!
//! For comparing changes: `DRAGOMAN_BENCH_GLOSSARY=house` (or `generated`)
//! measures one glossary only, `DRAGOMAN_BENCH_SIMILARITY=0` (or `1`) one
//! kind of scan only, `DRAGOMAN_BENCH_RUNS=0` makes the first pass the only
//! one and skips the bare pass (under `valgrind --tool=callgrind`), and
//! `DRAGOMAN_BENCH_DUMP=DIR` writes every mention found, with the text it
//! spans, to `DIR/<glossary>-<listed|similar>.txt`, one a line, so that two
//! builds' findings can be compared with `diff`.
//! `DRAGOMAN_BENCH_VOCAB=zipf` draws the words between mentions from a
//! large invented vocabulary as well (`benches/workload/corpus.rs`).

#[allow(dead_code)]
mod workload;

use dragoman::glossary::{house::house_entries, Entry};
use dragoman::matcher::{Matcher, Mention, ScanOptions};
use std::io::Write;
use std::time::Instant;

/// The allocator the `dragoman` binary uses (`src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn mb_per_s(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / 1e6 / seconds
}

/// Seconds of CPU time the process has used, all its threads together
/// (a long text is scanned on every core), where the system says (Linux):
/// on a machine shared with other work, a steadier measure than the clock.
/// Ticks of 10 ms.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces): utime and
    // stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split(' ').skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
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
) -> (f64, f64, Vec<Mention>) {
    matcher.forget_similar();
    let cpu = cpu_seconds();
    let start = Instant::now();
    let found = matcher.scan(text, options);
    let first = start.elapsed().as_secs_f64();
    if let (Some(before), Some(after)) = (cpu, cpu_seconds()) {
        eprintln!(
            "    first pass: {first:.2} s, {:.2} s of CPU time on all cores ({:.2} MB/s of CPU time)",
            after - before,
            mb_per_s(text.len(), after - before)
        );
    }
    let mut best = first;
    for _ in 0..runs {
        let start = Instant::now();
        matcher.scan(text, options);
        best = best.min(start.elapsed().as_secs_f64());
    }
    (first, best, found)
}

/// Writes `mentions` to `path`, one a line: span, entry, kind, suggestion,
/// confidence and the rest.
fn dump(path: &std::path::Path, text: &str, mentions: &[Mention]) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("dump file"));
    for m in mentions {
        writeln!(
            out,
            "{}\t{}\t{}\t{:?}\t{}\t{}\t{}\t{}\t{}\t{}",
            m.start,
            m.end,
            m.entry,
            m.kind,
            m.suggestion,
            m.confidence,
            m.form,
            m.lang,
            m.clitics,
            &text[m.start..m.end]
        )
        .expect("dump written");
    }
}

fn bare_aho_corasick(entries: &[Entry], text: &str) -> (f64, usize) {
    let ac = workload::floor::listed_forms_automaton(entries);
    let start = Instant::now();
    let n = ac.find_iter(text).count();
    (start.elapsed().as_secs_f64(), n)
}

/// Seconds for [`workload::floor::tokenise_and_probe`] over `text`, and
/// the words it found listed.
fn tokenise_and_probe(entries: &[Entry], fold: workload::floor::Fold, text: &str) -> (f64, usize) {
    let first_words = workload::floor::listed_first_words(entries, fold);
    let start = Instant::now();
    let n = workload::floor::tokenise_and_probe(&first_words, fold, text);
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
    let runs = env("DRAGOMAN_BENCH_RUNS", if testing { 1 } else { 3 });
    let only = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let glossary_only = only("DRAGOMAN_BENCH_GLOSSARY");
    let similarity_only = only("DRAGOMAN_BENCH_SIMILARITY").map(|v| v == "1");
    let dump_dir = only("DRAGOMAN_BENCH_DUMP").map(std::path::PathBuf::from);
    eprintln!("== dragoman scan benchmark ==");

    let house = house_entries().expect("house glossary parses");
    let generated = workload::glossary(entries_n, 7);
    for (short, name, entries) in [
        ("house", "house glossary", house),
        (
            &*entries_n.to_string(),
            &*format!("{entries_n} generated entries"),
            generated,
        ),
    ] {
        let kind = if short == "house" {
            "house"
        } else {
            "generated"
        };
        if glossary_only.as_deref().is_some_and(|g| g != kind) {
            continue;
        }
        let start = Instant::now();
        let matcher = Matcher::new(entries.clone());
        let build = start.elapsed().as_secs_f64();
        let text = workload::corpus::corpus(&entries, megabytes * 1_000_000, 11);
        eprintln!(
            "{name}: matcher built in {build:.2}s; corpus {:.1} MB",
            text.len() as f64 / 1e6
        );
        let mut floor = f64::NAN;
        if runs > 0 {
            let n;
            (floor, n) = bare_aho_corasick(&entries, &text);
            eprintln!(
                "  bare aho-corasick over listed forms: {:8.1} MB/s ({n} matches)",
                mb_per_s(text.len(), floor)
            );
            for fold in [workload::floor::Fold::Ascii, workload::floor::Fold::Lower] {
                let (probe, n) = tokenise_and_probe(&entries, fold, &text);
                eprintln!(
                    "  tokenise, probe first words ({:<5}): {:7.1} MB/s ({n} words listed)",
                    format!("{fold:?}").to_lowercase(),
                    mb_per_s(text.len(), probe)
                );
            }
        }
        for fuzzy in [false, true] {
            if similarity_only.is_some_and(|s| s != fuzzy) {
                continue;
            }
            let options = ScanOptions { fuzzy, lang: None };
            let (first, best, mentions) = time_scan(&matcher, &text, &options, runs);
            let found = mentions.len();
            if let Some(dir) = &dump_dir {
                let scan = if fuzzy { "similar" } else { "listed" };
                dump(&dir.join(format!("{short}-{scan}.txt")), &text, &mentions);
            }
            eprintln!(
                "  scan, {:<22} {:8.2} MB/s first pass, {:8.2} MB/s warm ({found} mentions; {:.2}× the bare pass)",
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
