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
//! `measure` prints and writes one JSON object per figure:
//! `{"task", "size", "tool", "value", "unit"}`.

#[allow(dead_code)]
mod workload;

use dragoman::formats::{read_glossary, write_glossary, Format};
use dragoman::house_style::{check, rewrite, CheckOptions, NORMALIZE_MIN_CONFIDENCE};
use dragoman::matcher::{Matcher, ScanOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

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
        ["write", dir] => write_workload(Path::new(dir), &sizes(), megabytes()),
        ["measure", dir] => measure(Path::new(dir), &sizes()),
        [] => {
            // `cargo bench` and `cargo test --benches`: a small run end to
            // end, so that the harness itself stays working.
            let dir = tempfile::tempdir().expect("temporary folder");
            write_workload(dir.path(), &[500], 1);
            measure(dir.path(), &[500]);
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

fn measure(dir: &Path, sizes: &[usize]) {
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

        let floor = workload::floor::listed_forms_automaton(&entries);
        let start = Instant::now();
        let n = floor.find_iter(&text).count();
        add(
            "bare aho-corasick pass",
            mb / start.elapsed().as_secs_f64(),
            "MB/s",
        );
        assert!(n > 0);

        for (task, fuzzy) in [
            ("scan, listed spellings", false),
            ("scan, with similarity", true),
        ] {
            matcher.forget_similar();
            let start = Instant::now();
            let found = matcher.scan(&text, &ScanOptions { fuzzy, lang: None });
            add(task, mb / start.elapsed().as_secs_f64(), "MB/s");
            assert!(!found.is_empty());
        }

        // `normalize` as the command does it: the findings at its threshold,
        // rewritten; similarity on, nothing learnt beforehand.
        matcher.forget_similar();
        let start = Instant::now();
        let options = CheckOptions {
            min_confidence: NORMALIZE_MIN_CONFIDENCE,
            ..CheckOptions::default()
        };
        let findings = check(&matcher, &text, &options);
        let rewritten = rewrite(&text, &findings);
        add("normalize", mb / start.elapsed().as_secs_f64(), "MB/s");
        assert!(rewritten.len() > text.len() / 2);

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
    let mut out = create(&dir.join("dragoman.json"));
    for f in &figures {
        let line = serde_json::json!({
            "task": f.task, "size": f.size, "tool": "dragoman", "value": f.value, "unit": f.unit,
        });
        writeln!(out, "{line}").expect("figures written");
    }
    out.flush().expect("figures written");
}
