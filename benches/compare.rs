//! dragoman's side of `benches/compare`: the same generated inputs that the
//! Python peers read, measured here with the library.
//!
//! ```sh
//! cargo bench --bench compare -- write DIR     # the workload files
//! cargo bench --bench compare -- measure DIR   # DIR/dragoman.json
//! cargo bench --bench compare                  # both, small, in a temporary folder
//! ```
//!
//! Files written for each glossary size N (`DRAGOMAN_COMPARE_SIZES`,
//! default `1000,10000,100000`):
//!
//! * `glossary-N.tsv`: the glossary in the interchange TSV;
//! * `forms-N.tsv`: `entry<TAB>spelling`, every listed spelling (house forms
//!   and variants, all languages), which is what a keyword replacer or a
//!   fuzzy string matcher is given;
//! * `corpus-N.txt`: `DRAGOMAN_COMPARE_MB` (default 20) megabytes of
//!   generated en/ru/ar articles, a mention every twelve words;
//! * `queries-N.tsv`: `edits<TAB>entry<TAB>query`, misspellings of English
//!   house forms with one and two edits.
//!
//! And for each translation-memory size U (`DRAGOMAN_COMPARE_TM_UNITS`,
//! default `100000,1000000`), from the generator that `benches/tm.rs` uses
//! (`workload::memory`):
//!
//! * `memory-U.tmx`: U English–Russian units, source language English;
//! * `tm-queries-U.jsonl`: `DRAGOMAN_COMPARE_TM_QUERIES` (default 200)
//!   queries, nine in ten an edited stored sentence, every tenth a new one,
//!   each `{"query", "best", "top"}`: the reference, the best CAT score
//!   over every unit by exhaustive rescoring (`tm::score`) and the source
//!   segments of the units that reach it.
//!
//! `measure` prints and writes one JSON object per figure to
//! `dragoman.json`: `{"task", "size", "tool", "value", "unit"}`. The scans
//! and the bare aho-corasick pass are timed `DRAGOMAN_COMPARE_RUNS`
//! (default 3) times each, in turn, and their medians kept; the TM
//! import is `dragoman tm import` run from the binary into a new
//! database (`memory-U.db`), timed end to end as many times, its median
//! kept. TM searches (the library's
//! `tm::search`, warm, as `tm search` runs it) go to
//! `tm-dragoman-U.jsonl`, one `{"ms", "top"}` a query, in query order, so
//! that `compare.py` can set dragoman beside each peer on the same queries.

#[allow(dead_code)]
mod workload;

use rayon::prelude::*;
use workload::memory;

use dragoman::formats::{read_glossary, write_glossary, Format};
use dragoman::house_style::{check, rewrite, CheckOptions, NORMALIZE_MIN_CONFIDENCE};
use dragoman::matcher::{Matcher, ScanOptions};
use dragoman::store::{Seed, Store};
use dragoman::tm::{search, SearchOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The allocator the `dragoman` binary uses (`src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const QUERIES_PER_EDIT: usize = 500;

fn env_list(name: &str, default: &[usize]) -> Vec<usize> {
    match std::env::var(name) {
        Ok(v) => v
            .split(',')
            .filter_map(|s| s.trim().replace('_', "").parse().ok())
            .collect(),
        Err(_) => default.to_vec(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let words: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with("--"))
        .collect();
    match words.as_slice() {
        ["write", dir] => {
            write_workload(Path::new(dir), &sizes(), megabytes());
            write_memories(Path::new(dir), &tm_units(), tm_queries());
        }
        ["measure", dir] => {
            let mut figures = measure(Path::new(dir), &sizes());
            figures.extend(measure_memories(Path::new(dir), &tm_units()));
            write_figures(Path::new(dir), &figures);
        }
        [] => {
            // `cargo bench` and `cargo test --benches`: a small run end to
            // end, so that the harness itself stays working.
            let dir = tempfile::tempdir().expect("temporary folder");
            write_workload(dir.path(), &[500], 1);
            write_memories(dir.path(), &[2_000], 20);
            let mut figures = measure(dir.path(), &[500]);
            figures.extend(measure_memories(dir.path(), &[2_000]));
            write_figures(dir.path(), &figures);
        }
        _ => {
            eprintln!("usage: compare [write DIR | measure DIR]");
            std::process::exit(2);
        }
    }
}

fn sizes() -> Vec<usize> {
    env_list("DRAGOMAN_COMPARE_SIZES", &[1_000, 10_000, 100_000])
}

fn tm_units() -> Vec<usize> {
    env_list("DRAGOMAN_COMPARE_TM_UNITS", &[100_000, 1_000_000])
}

fn tm_queries() -> usize {
    env_list("DRAGOMAN_COMPARE_TM_QUERIES", &[200])
        .first()
        .copied()
        .unwrap_or(200)
}

/// How many times each scan and each import is timed
/// (`DRAGOMAN_COMPARE_RUNS`, default 3).
fn scan_runs() -> usize {
    env_list("DRAGOMAN_COMPARE_RUNS", &[3])
        .first()
        .copied()
        .unwrap_or(3)
        .max(1)
}

/// The median of `values` (the lower middle one of an even count).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[(values.len() - 1) / 2]
}

fn megabytes() -> usize {
    env_list("DRAGOMAN_COMPARE_MB", &[20])
        .first()
        .copied()
        .unwrap_or(20)
}

fn file(dir: &Path, name: &str, size: usize, ext: &str) -> PathBuf {
    dir.join(format!("{name}-{size}.{ext}"))
}

fn create(path: &Path) -> std::io::BufWriter<std::fs::File> {
    let f = std::fs::File::create(path)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
    std::io::BufWriter::new(f)
}

fn write_workload(dir: &Path, sizes: &[usize], megabytes: usize) {
    std::fs::create_dir_all(dir).expect("workload folder");
    for &size in sizes {
        let entries = workload::glossary(size, 7);
        let mut out = create(&file(dir, "glossary", size, "tsv"));
        write_glossary(&entries, Format::Tsv, &mut out).expect("glossary written");
        out.flush().expect("glossary written");

        let mut out = create(&file(dir, "forms", size, "tsv"));
        for entry in &entries {
            for terms in entry.terms.values() {
                for form in terms.house.iter().chain(&terms.variants) {
                    writeln!(out, "{}\t{form}", entry.id).expect("forms written");
                }
            }
        }
        out.flush().expect("forms written");

        let text = workload::corpus::corpus(&entries, megabytes * 1_000_000, 11);
        std::fs::write(file(dir, "corpus", size, "txt"), text).expect("corpus written");

        let mut out = create(&file(dir, "queries", size, "tsv"));
        for edits in [1, 2] {
            for q in workload::misspellings(&entries, edits, QUERIES_PER_EDIT, 40 + edits as u64) {
                writeln!(out, "{edits}\t{}\t{}", entries[q.entry].id, q.text)
                    .expect("queries written");
            }
        }
        out.flush().expect("queries written");
        eprintln!("wrote the workload for {size} entries to {}", dir.display());
    }
}

/// One figure of the comparison.
struct Figure {
    task: &'static str,
    size: usize,
    value: f64,
    unit: &'static str,
}

fn measure(dir: &Path, sizes: &[usize]) -> Vec<Figure> {
    let mut figures = Vec::new();
    for &size in sizes {
        let path = file(dir, "glossary", size, "tsv");
        let bytes = std::fs::read(&path).expect("run `compare write DIR` first");
        let entries = read_glossary(&path.display().to_string(), &bytes, Format::Tsv)
            .expect("the written glossary reads back")
            .entries;
        let text = std::fs::read_to_string(file(dir, "corpus", size, "txt")).expect("corpus");
        let mb = text.len() as f64 / 1e6;
        let mut add = |task, value, unit| {
            eprintln!("{size:>7} entries  {task:<34} {value:10.3} {unit}");
            figures.push(Figure {
                task,
                size,
                value,
                unit,
            });
        };

        let start = Instant::now();
        let matcher = Matcher::new(entries.clone());
        add("matcher build", start.elapsed().as_secs_f64(), "s");

        // Each scan, and the bare pass beside it, is timed `scan_runs()`
        // times, in turn, and the median kept: the machine's speed drifts
        // by a fifth from one second to the next, and taking the passes
        // in turn lets the drift fall on every row alike. Every pass is a
        // first pass: what similarity learnt is forgotten before each.
        let floor = workload::floor::listed_forms_automaton(&entries);
        let options = CheckOptions {
            min_confidence: NORMALIZE_MIN_CONFIDENCE,
            ..CheckOptions::default()
        };
        let mut seconds: [Vec<f64>; 4] = Default::default();
        for _ in 0..scan_runs() {
            let start = Instant::now();
            let n = floor.find_iter(&text).count();
            seconds[0].push(start.elapsed().as_secs_f64());
            assert!(n > 0);
            for (fuzzy, times) in [(false, 1), (true, 2)] {
                matcher.forget_similar();
                let start = Instant::now();
                let found = matcher.scan(&text, &ScanOptions { fuzzy, lang: None });
                seconds[times].push(start.elapsed().as_secs_f64());
                assert!(!found.is_empty());
            }
            // `normalize` as the command does it: the findings at its
            // threshold, rewritten.
            matcher.forget_similar();
            let start = Instant::now();
            let findings = check(&matcher, &text, &options);
            let rewritten = rewrite(&text, &findings);
            seconds[3].push(start.elapsed().as_secs_f64());
            assert!(rewritten.len() > text.len() / 2);
        }
        for (task, times) in [
            "bare aho-corasick pass",
            "scan, listed spellings",
            "scan, with similarity",
            "normalize",
        ]
        .into_iter()
        .zip(&mut seconds)
        {
            add(task, mb / median(times), "MB/s");
        }

        let queries = std::fs::read_to_string(file(dir, "queries", size, "tsv")).expect("queries");
        for edits in ["1", "2"] {
            let mut latencies = Vec::new();
            let mut right = 0;
            let mut total = 0;
            for line in queries.lines() {
                let mut cols = line.splitn(3, '\t');
                let (Some(e), Some(id), Some(q)) = (cols.next(), cols.next(), cols.next()) else {
                    continue;
                };
                if e != edits {
                    continue;
                }
                let start = Instant::now();
                let hits = matcher.index().lookup(q, None, 1);
                latencies.push(start.elapsed().as_secs_f64());
                total += 1;
                if hits
                    .first()
                    .is_some_and(|h| matcher.entries()[h.entry].id == id)
                {
                    right += 1;
                }
            }
            latencies.sort_by(f64::total_cmp);
            let median = latencies[latencies.len() / 2] * 1e3;
            let (task_ms, task_top) = if edits == "1" {
                ("lookup, 1 slip, median", "lookup, 1 slip, top-1")
            } else {
                ("lookup, 2 slips, median", "lookup, 2 slips, top-1")
            };
            add(task_ms, median, "ms");
            add(task_top, right as f64 / total as f64, "share");
        }
    }
    figures
}

/// Writes each memory as TMX, and its queries with the reference answers.
fn write_memories(dir: &Path, units: &[usize], queries: usize) {
    std::fs::create_dir_all(dir).expect("workload folder");
    for &n in units {
        let start = Instant::now();
        let mut rng = memory::rng();
        let lang = memory::Language::new(&mut rng);
        let texts = memory::write_tmx(&file(dir, "memory", n, "tmx"), n, &lang, &mut rng)
            .expect("memory written");
        let qs = lang.queries(&texts, queries, &mut rng);
        let bags: Vec<Vec<u64>> = texts.par_iter().map(|t| memory::bag(t)).collect();
        let mut out = create(&file(dir, "tm-queries", n, "jsonl"));
        for q in &qs {
            let (best, units) = memory::exhaustive(q, &texts, &bags);
            let mut top: Vec<&str> = units.iter().map(|&i| texts[i].as_str()).collect();
            top.sort_unstable();
            top.dedup();
            let line = serde_json::json!({ "query": q, "best": best, "top": top });
            writeln!(out, "{line}").expect("queries written");
        }
        out.flush().expect("queries written");
        eprintln!(
            "wrote a memory of {n} units and {queries} queries with their exhaustive best \
             matches to {} ({:.0} s)",
            dir.display(),
            start.elapsed().as_secs_f64()
        );
    }
}

/// Share of the queries, among those whose best match scores at least this
/// by exhaustive rescoring, whose top hit is one of the best units.
const AGREEMENT_FLOOR: f64 = 0.7;

/// `dragoman tm import` into a new database, end to end, then every query
/// searched through the library.
fn measure_memories(dir: &Path, units: &[usize]) -> Vec<Figure> {
    let mut figures = Vec::new();
    for &n in units {
        let tmx = file(dir, "memory", n, "tmx");
        assert!(
            tmx.exists(),
            "no {}: run `compare write DIR` first",
            tmx.display()
        );
        let db = file(dir, "memory", n, "db");
        // Each run into a new database; the last one is searched below.
        let mut seconds: Vec<f64> = (0..scan_runs())
            .map(|_| {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
                }
                let start = Instant::now();
                let status = std::process::Command::new(env!("CARGO_BIN_EXE_dragoman"))
                    .arg("--db")
                    .arg(&db)
                    .args(["tm", "import"])
                    .arg(&tmx)
                    .stdout(std::process::Stdio::null())
                    .status()
                    .expect("dragoman runs");
                let seconds = start.elapsed().as_secs_f64();
                assert!(status.success(), "dragoman tm import failed");
                seconds
            })
            .collect();
        let runs: Vec<String> = seconds
            .iter()
            .map(|s| format!("{:.0}", n as f64 / s))
            .collect();
        // The median time, as for the scans.
        let rate = n as f64 / median(&mut seconds);
        eprintln!(
            "{n:>7} units    tm import (CLI, end to end)   {rate:10.0} units/s (median of {})",
            runs.join(", ")
        );
        figures.push(Figure {
            task: "tm import",
            size: n,
            value: rate,
            unit: "units/s",
        });

        let queries: Vec<serde_json::Value> =
            std::fs::read_to_string(file(dir, "tm-queries", n, "jsonl"))
                .expect("run `compare write DIR` first")
                .lines()
                .map(|l| serde_json::from_str(l).expect("a query line"))
                .collect();
        let store = Store::open(&db, Seed::Nothing).expect("the imported memory opens");
        let options = SearchOptions::default();
        let run = |q: &serde_json::Value| {
            let text = q["query"].as_str().expect("query text");
            let start = Instant::now();
            let found = search(&store, text, "en", "ru", &options).expect("search");
            let ms = start.elapsed().as_secs_f64() * 1e3;
            (ms, found.into_iter().next().map(|m| m.source.text))
        };
        queries.iter().for_each(|q| drop(run(q)));
        let results: Vec<(f64, Option<String>)> = queries.iter().map(run).collect();

        let mut out = create(&file(dir, "tm-dragoman", n, "jsonl"));
        for (ms, top) in &results {
            writeln!(out, "{}", serde_json::json!({ "ms": ms, "top": top }))
                .expect("results written");
        }
        out.flush().expect("results written");

        let mut ms: Vec<f64> = results.iter().map(|r| r.0).collect();
        ms.sort_by(f64::total_cmp);
        let (mut eligible, mut agree) = (0, 0);
        for (q, (_, top)) in queries.iter().zip(&results) {
            if q["best"].as_f64().unwrap_or(0.0) >= AGREEMENT_FLOOR {
                eligible += 1;
                let best = q["top"].as_array().expect("reference units");
                if top.as_deref().is_some_and(|t| best.iter().any(|b| b == t)) {
                    agree += 1;
                }
            }
        }
        eprintln!(
            "{n:>7} units    tm search, median / p99         {:.3} / {:.3} ms; top-1 {agree}/{eligible}",
            ms[ms.len() / 2],
            ms[(ms.len() - 1) * 99 / 100],
        );
    }
    figures
}

fn write_figures(dir: &Path, figures: &[Figure]) {
    let mut out = create(&dir.join("dragoman.json"));
    for f in figures {
        let line = serde_json::json!({
            "task": f.task, "size": f.size, "tool": "dragoman", "value": f.value, "unit": f.unit,
        });
        writeln!(out, "{line}").expect("figures written");
    }
    out.flush().expect("figures written");
}
