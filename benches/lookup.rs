//! Lookup benchmark: a synthetic Libya-like glossary of 100k entries (see
//! `workload`), looked up with exact spellings in three scripts and with
//! English misspellings one or two edits away.
//!
//! Before criterion runs, the figures that matter are printed to stderr
//! without needing criterion's analysis: index build time, spellings,
//! memory, top-1 accuracy and per-lookup latency (median, p90, p99) over
//! the whole query sets, and a sample of the misspellings that failed.
//!
//! Environment:
//! * `DRAGOMAN_BENCH_ENTRIES`: glossary size (100000 under `cargo bench`,
//!   2000 when run as a test by `cargo test --benches`).
//! * `DRAGOMAN_BENCH_QUERIES`: misspellings per edit count (2000 / 200).
//! * `DRAGOMAN_BENCH_FAILURES`: failures printed per edit count (8).
//! * `DRAGOMAN_BENCH_ANALYSIS=1`: also count fuzzy candidates per query and
//!   check failures against an edit-distance oracle (slower; builds a
//!   second delete index, so memory figures are printed before it).
//! * `DRAGOMAN_BENCH_ONLY_STATS=1`: skip criterion after the figures.

mod workload;

use criterion::{Criterion, Throughput};
use dragoman::lookup::score::{similarity, Spelling};
use dragoman::lookup::{DeleteIndex, Hit, LookupIndex, MIN_SCORE};
use dragoman::text::{fold, Phonetic, Script};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};
use workload::Query;

const SEED: u64 = 0x0D7A_6011;
/// The CLI's default `--limit`.
const LIMIT: usize = 5;
/// Exact queries measured and cycled through.
const EXACT_QUERIES: usize = 1000;

/// Buckets of folded house-form length (characters) for breakdowns.
const LENGTHS: [(usize, usize); 4] = [(0, 6), (7, 9), (10, 14), (15, usize::MAX)];

fn length_label(lo: usize, hi: usize) -> String {
    if hi == usize::MAX {
        format!("{lo}+")
    } else {
        format!("{lo}-{hi}")
    }
}

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// A field of /proc/self/status in MiB (Linux only).
fn proc_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|line| {
        let kb = line.strip_prefix(field)?.trim().strip_suffix("kB")?;
        kb.trim().parse::<f64>().ok().map(|kb| kb / 1024.0)
    })
}

fn mib(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".into(), |v| format!("{v:.0} MiB"))
}

fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// A query set run once, each lookup timed.
struct Run<'q> {
    index: &'q LookupIndex,
    name: &'static str,
    queries: &'q [Query],
    latencies: Vec<Duration>,
    /// Hits of every query (top `LIMIT`).
    hits: Vec<Vec<Hit>>,
}

impl Run<'_> {
    fn top1(&self, i: usize) -> bool {
        self.hits[i].first().map(|h| h.entry) == Some(self.queries[i].entry)
    }

    fn correct(&self) -> usize {
        (0..self.queries.len()).filter(|&i| self.top1(i)).count()
    }

    fn in_top(&self) -> usize {
        (0..self.queries.len())
            .filter(|&i| {
                self.hits[i]
                    .iter()
                    .any(|h| h.entry == self.queries[i].entry)
            })
            .count()
    }

    /// Characters of the folded English house form a query was made from.
    fn house_len(&self, i: usize) -> usize {
        let entry = &self.index.entries()[self.queries[i].entry];
        fold(entry.house("en").unwrap_or_default()).chars().count()
    }

    fn failures(&self) -> Vec<usize> {
        (0..self.queries.len()).filter(|&i| !self.top1(i)).collect()
    }

    fn report(&self) {
        let n = self.queries.len().max(1) as f64;
        let mut sorted = self.latencies.clone();
        sorted.sort_unstable();
        let mean = sorted.iter().sum::<Duration>() / sorted.len().max(1) as u32;
        eprintln!(
            "{:<8} n={:<5} top-1 {:6.2}%  top-{LIMIT} {:6.2}%  no hit {:5.2}%   median {:>9}  p90 {:>9}  p99 {:>9}  max {:>9}  mean {:>9}",
            self.name,
            self.queries.len(),
            100.0 * self.correct() as f64 / n,
            100.0 * self.in_top() as f64 / n,
            100.0 * self.hits.iter().filter(|h| h.is_empty()).count() as f64 / n,
            micros(percentile(&sorted, 0.5)),
            micros(percentile(&sorted, 0.9)),
            micros(percentile(&sorted, 0.99)),
            micros(percentile(&sorted, 1.0)),
            micros(mean),
        );
        if self.name != "exact" {
            // Short names are where misspellings collide with other names.
            let mut line = Vec::new();
            for (lo, hi) in LENGTHS {
                let part: Vec<usize> = (0..self.queries.len())
                    .filter(|&i| (lo..=hi).contains(&self.house_len(i)))
                    .collect();
                let ok = part.iter().filter(|&&i| self.top1(i)).count();
                line.push(format!(
                    "{}: {:.1}% of {}",
                    length_label(lo, hi),
                    100.0 * ok as f64 / part.len().max(1) as f64,
                    part.len()
                ));
            }
            eprintln!(
                "  top-1 by letters in the folded house form: {}",
                line.join("; ")
            );
        }
        if self.name == "exact" {
            for (script, label) in [
                (Script::Latin, "en"),
                (Script::Arabic, "ar"),
                (Script::Cyrillic, "ru"),
            ] {
                let mut part: Vec<Duration> = (0..self.queries.len())
                    .filter(|&i| Script::detect(&self.queries[i].text) == script)
                    .map(|i| self.latencies[i])
                    .collect();
                part.sort_unstable();
                eprintln!(
                    "  {label}     n={:<5} median {:>9}  p99 {:>9}",
                    part.len(),
                    micros(percentile(&part, 0.5)),
                    micros(percentile(&part, 0.99)),
                );
            }
        }
    }
}

fn run<'q>(index: &'q LookupIndex, name: &'static str, queries: &'q [Query]) -> Run<'q> {
    // Warm caches and the branch predictor on part of the set.
    for q in queries.iter().take(200) {
        black_box(index.lookup(&q.text, None, LIMIT));
    }
    let mut latencies = Vec::with_capacity(queries.len());
    let mut hits = Vec::with_capacity(queries.len());
    for q in queries {
        let t = Instant::now();
        let h = index.lookup(black_box(&q.text), None, LIMIT);
        latencies.push(t.elapsed());
        hits.push(h);
    }
    Run {
        index,
        name,
        queries,
        latencies,
        hits,
    }
}

/// A short description of an entry: its English house form and variants.
fn describe(index: &LookupIndex, entry: usize) -> String {
    let e = &index.entries()[entry];
    let variants = e.terms.get("en").map(|t| t.variants.join(" | "));
    format!(
        "{} [{}; var: {}]",
        e.display_name(),
        e.entry_type,
        variants.unwrap_or_default()
    )
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Why the failures of a run failed, with a printed sample.
fn explain_failures(index: &LookupIndex, run: &Run, sample: usize) {
    let failures = run.failures();
    if failures.is_empty() {
        return;
    }
    let (mut no_hit, mut absent, mut tie, mut outranked, mut exact_other) = (0, 0, 0, 0, 0);
    let mut by_script: HashMap<&str, usize> = HashMap::new();
    let mut printed = 0;
    eprintln!(
        "  {} failures ({}); sample:",
        failures.len(),
        run.name.trim()
    );
    for &i in &failures {
        let q = &run.queries[i];
        let wide = index.lookup(&q.text, None, 50);
        let rank = wide.iter().position(|h| h.entry == q.entry);
        let top = wide.first();
        match (top, rank) {
            (None, _) => no_hit += 1,
            (Some(_), None) => absent += 1,
            (Some(t), Some(r)) if wide[r].score == t.score => tie += 1,
            _ => outranked += 1,
        }
        if let Some(t) = top {
            if t.score >= 1.0 {
                exact_other += 1;
            }
            let script = match Script::detect(&t.matched) {
                Script::Latin => "Latin",
                Script::Arabic => "Arabic",
                Script::Cyrillic => "Cyrillic",
                Script::Other => "other",
            };
            *by_script.entry(script).or_default() += 1;
        }
        if printed < sample {
            printed += 1;
            let fq = chars(&fold(&q.text));
            let house = index.entries()[q.entry].house("en").unwrap_or_default();
            eprintln!(
                "  ✗ {:?} (fold distance {} from {:?})",
                q.text,
                workload::osa_distance(&fq, &chars(&fold(house))),
                house
            );
            eprintln!("      expected {}", describe(index, q.entry));
            match rank {
                Some(r) => eprintln!(
                    "      expected ranked #{} score {} via {:?} ({:?})",
                    r + 1,
                    wide[r].score,
                    wide[r].matched,
                    wide[r].kind
                ),
                None => eprintln!("      expected not among the hits"),
            }
            if let Some(t) = top {
                eprintln!(
                    "      got #1 score {} via {:?} ({:?}, fold distance {}) = {}",
                    t.score,
                    t.matched,
                    t.kind,
                    workload::osa_distance(&fq, &chars(&fold(&t.matched))),
                    describe(index, t.entry)
                );
            }
        }
    }
    eprintln!(
        "  causes: no hit {no_hit}, expected not in top 50 {absent}, lost a tie {tie}, outscored {outranked}; \
         #1 was an exact spelling of another entry in {exact_other}"
    );
    let mut scripts: Vec<_> = by_script.into_iter().collect();
    scripts.sort();
    let scripts: Vec<String> = scripts.iter().map(|(s, n)| format!("{s} {n}")).collect();
    eprintln!(
        "  wrong #1 matched via a spelling in: {}",
        scripts.join(", ")
    );
}

/// Every listed spelling (house forms and variants; not the surnames the
/// index derives), prepared for the analysis.
struct Listed {
    entry: Vec<u32>,
    /// The first spelling of each entry (an entry's spellings are adjacent).
    first: Vec<u32>,
    script: Vec<Script>,
    folded: Vec<Vec<char>>,
    phonetic: Vec<Phonetic>,
    /// Latin spellings by folded length in characters.
    latin_by_len: HashMap<usize, Vec<u32>>,
    deletes: DeleteIndex,
}

impl Listed {
    fn new(index: &LookupIndex) -> Listed {
        let mut l = Listed {
            entry: Vec::new(),
            first: Vec::new(),
            script: Vec::new(),
            folded: Vec::new(),
            phonetic: Vec::new(),
            latin_by_len: HashMap::new(),
            deletes: DeleteIndex::default(),
        };
        for (i, e) in index.entries().iter().enumerate() {
            l.first.push(l.entry.len() as u32);
            for terms in e.terms.values() {
                for form in terms.house.iter().chain(&terms.variants) {
                    let folded = fold(form);
                    let script = Script::detect(form);
                    if script == Script::Latin {
                        let len = folded.chars().count();
                        l.latin_by_len
                            .entry(len)
                            .or_default()
                            .push(l.entry.len() as u32);
                    }
                    l.phonetic.push(Phonetic::of_folded(&folded));
                    l.folded.push(chars(&folded));
                    l.script.push(script);
                    l.entry.push(i as u32);
                }
            }
        }
        let skeletons: Vec<String> = l.phonetic.iter().map(|p| p.compact_skeleton()).collect();
        l.first.push(l.entry.len() as u32);
        l.deletes = DeleteIndex::build(
            skeletons
                .iter()
                .enumerate()
                .map(|(i, k)| (i as u32, k.as_str())),
        );
        l
    }

    /// The listed spellings the fuzzy pass would rescore for `text`.
    fn candidates(&self, text: &str) -> Vec<u32> {
        let key = Phonetic::of_folded(&fold(text)).compact_skeleton();
        let mut out = Vec::new();
        self.deletes.candidates(&key, &mut out);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Edit-distance oracle: how the expected entry's nearest Latin
    /// spelling compares with every other entry's (folds, plain OSA).
    fn oracle(&self, q: &Query) -> Ordering {
        let fq = chars(&fold(&q.text));
        let latin = |f: &u32| self.script[*f as usize] == Script::Latin;
        let d_true = (self.first[q.entry]..self.first[q.entry + 1])
            .filter(latin)
            .map(|f| workload::osa_distance(&fq, &self.folded[f as usize]))
            .min()
            .unwrap_or(usize::MAX);
        let mut d_other = usize::MAX;
        let lo = fq.len().saturating_sub(d_true);
        for len in lo..=fq.len() + d_true {
            for &f in self.latin_by_len.get(&len).into_iter().flatten() {
                if self.entry[f as usize] as usize != q.entry {
                    d_other = d_other.min(workload::osa_distance(&fq, &self.folded[f as usize]));
                }
            }
        }
        d_true.cmp(&d_other)
    }

    /// The entry a scorer ranks first among the candidates of `text`.
    fn best(&self, text: &str, score: impl Fn(u32) -> f64) -> Option<usize> {
        let mut best: Option<(f64, usize)> = None;
        for f in self.candidates(text) {
            let s = score(f);
            let e = self.entry[f as usize] as usize;
            let better = match best {
                None => true,
                Some((b, be)) => s > b || (s == b && e < be),
            };
            if s >= MIN_SCORE && better {
                best = Some((s, e));
            }
        }
        best.map(|b| b.1)
    }
}

/// Candidate counts per query, retrievability, an edit-distance oracle and
/// two what-if rescorings of the same candidates.
fn analysis(index: &LookupIndex, runs: &[&Run], sample: usize) {
    eprintln!("\n== analysis ==");
    let t = Instant::now();
    let listed = Listed::new(index);
    eprintln!(
        "delete index over {} listed spellings: {} (delete, spelling) pairs, built in {:.2?}",
        listed.entry.len(),
        listed.deletes.len(),
        t.elapsed()
    );
    for run in runs {
        let mut counts: Vec<(usize, Duration)> = run
            .queries
            .iter()
            .zip(&run.latencies)
            .map(|(q, &d)| (listed.candidates(&q.text).len(), d))
            .collect();
        let mut sorted: Vec<usize> = counts.iter().map(|c| c.0).collect();
        sorted.sort_unstable();
        let pick = |p: f64| sorted[((sorted.len() - 1) as f64 * p).round() as usize];
        eprintln!(
            "{:<8} candidates/query: mean {:.0}, median {}, p90 {}, p99 {}, max {}",
            run.name,
            sorted.iter().sum::<usize>() as f64 / sorted.len() as f64,
            pick(0.5),
            pick(0.9),
            pick(0.99),
            pick(1.0)
        );
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let slow: Vec<String> = counts
            .iter()
            .take(5)
            .map(|(n, d)| format!("{} ({n} cand.)", micros(*d)))
            .collect();
        eprintln!("         slowest: {}", slow.join(", "));
        if run.name == "exact" {
            continue;
        }

        let n = sample.min(run.queries.len());
        let pct = |k: usize, of: usize| 100.0 * k as f64 / of.max(1) as f64;
        let retrievable = (0..n)
            .filter(|&i| {
                let q = &run.queries[i];
                listed
                    .candidates(&q.text)
                    .iter()
                    .any(|&f| listed.entry[f as usize] as usize == q.entry)
            })
            .count();
        let oracle: Vec<Ordering> = (0..n).map(|i| listed.oracle(&run.queries[i])).collect();
        let unique: Vec<usize> = (0..n).filter(|&i| oracle[i] == Ordering::Less).collect();
        let ties = oracle.iter().filter(|o| **o == Ordering::Equal).count();
        let closer = oracle.iter().filter(|o| **o == Ordering::Greater).count();
        let ok_unique = unique.iter().filter(|&&i| run.top1(i)).count();
        eprintln!(
            "         first {n} queries: expected entry retrievable (among candidates) {:.1}%; \
             by edit distance its spelling is the unique nearest {:.1}%, tied {:.1}%, another is nearer {:.1}%; \
             top-1 on the unique-nearest ones {:.1}%",
            pct(retrievable, n),
            pct(unique.len(), n),
            pct(ties, n),
            pct(closer, n),
            pct(ok_unique, unique.len())
        );
        eprintln!(
            "         ceiling for a ranker by edit distance ≈ unique + tied/2 = {:.1}%",
            pct(unique.len(), n) + pct(ties, n) / 2.0
        );
        let mut line = Vec::new();
        for (lo, hi) in LENGTHS {
            let part: Vec<usize> = (0..n)
                .filter(|&i| (lo..=hi).contains(&run.house_len(i)))
                .collect();
            let uniq: Vec<usize> = part
                .iter()
                .copied()
                .filter(|&i| oracle[i] == Ordering::Less)
                .collect();
            let ok = uniq.iter().filter(|&&i| run.top1(i)).count();
            line.push(format!(
                "{}: unique nearest {:.0}%, top-1 on those {:.0}%",
                length_label(lo, hi),
                pct(uniq.len(), part.len()),
                pct(ok, uniq.len())
            ));
        }
        eprintln!("         by letters: {}", line.join("; "));

        // What if: the current similarity over the same candidates, then
        // with a letter-level similarity for Latin-to-Latin pairs, then with
        // cross-script spellings left out of a Latin query's ranking.
        let scorers: [(&str, u8); 3] = [
            ("current similarity", 0),
            ("max(similarity, letters)", 1),
            ("same, Latin spellings only", 2),
        ];
        let mut line = Vec::new();
        for (label, variant) in scorers {
            let ok = (0..n)
                .filter(|&i| {
                    let q = &run.queries[i];
                    let folded = fold(&q.text);
                    let fq = chars(&folded);
                    let pq = Phonetic::of_folded(&folded);
                    let query = Spelling {
                        folded: &folded,
                        phonetic: &pq,
                        script: Script::Latin,
                    };
                    let score = |f: u32| {
                        let f = f as usize;
                        let latin = listed.script[f] == Script::Latin;
                        if variant == 2 && !latin {
                            return 0.0;
                        }
                        let form_folded: String = listed.folded[f].iter().collect();
                        let form = Spelling {
                            folded: &form_folded,
                            phonetic: &listed.phonetic[f],
                            script: listed.script[f],
                        };
                        let s = similarity(&query, &form);
                        if variant == 0 || !latin {
                            return s;
                        }
                        let ff = &listed.folded[f];
                        let d = workload::osa_distance(&fq, ff) as f64;
                        s.max(0.95 * (1.0 - d / fq.len().max(ff.len()) as f64))
                    };
                    listed.best(&q.text, score) == Some(q.entry)
                })
                .count();
            line.push(format!("{label} {:.1}%", pct(ok, n)));
        }
        eprintln!("         top-1 if rescored: {}", line.join("; "));
    }
}

fn bench(c: &mut Criterion, index: &LookupIndex, sets: &[(&str, &[Query])]) {
    let mut group = c.benchmark_group("lookup");
    group.throughput(Throughput::Elements(1));
    for &(name, queries) in sets {
        let mut i = 0usize;
        group.bench_function(name, |b| {
            b.iter(|| {
                let q = &queries[i % queries.len()];
                i = i.wrapping_add(1);
                index.lookup(black_box(&q.text), None, LIMIT)
            })
        });
    }
    group.finish();
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // then criterion runs every benchmark once as a test: keep that small.
    let args: Vec<String> = std::env::args().collect();
    let full = args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test");
    let listing = args.iter().any(|a| a == "--list");
    let entries = env_usize("DRAGOMAN_BENCH_ENTRIES").unwrap_or(if full { 100_000 } else { 2_000 });
    let per_edit = env_usize("DRAGOMAN_BENCH_QUERIES").unwrap_or(if full { 2_000 } else { 200 });
    let sample = env_usize("DRAGOMAN_BENCH_FAILURES").unwrap_or(8);

    let mut c = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    if listing {
        println!(
            "lookup/exact: benchmark\nlookup/fuzzy_1edit: benchmark\nlookup/fuzzy_2edit: benchmark"
        );
        return;
    }

    let rss_start = proc_mib("VmRSS:");
    let t = Instant::now();
    let glossary = workload::glossary(entries, SEED);
    let generated = t.elapsed();
    let rss_glossary = proc_mib("VmRSS:");
    let t = Instant::now();
    let index = LookupIndex::build(glossary);
    let built = t.elapsed();
    let rss_index = proc_mib("VmRSS:");
    eprintln!("\n== dragoman lookup benchmark ==");
    eprintln!("glossary: {entries} entries generated in {generated:.2?}");
    let listed: usize = index
        .entries()
        .iter()
        .flat_map(|e| e.terms.values())
        .map(|t| usize::from(t.house.is_some()) + t.variants.len())
        .sum();
    eprintln!(
        "index: {} spellings ({:.2}/entry: {listed} listed, {} derived surnames), built in {built:.2?}",
        index.spellings(),
        index.spellings() as f64 / entries.max(1) as f64,
        index.spellings() - listed
    );
    eprintln!(
        "memory: RSS {} at start, {} with the glossary, {} with the index (index ≈ {}); peak {}",
        mib(rss_start),
        mib(rss_glossary),
        mib(rss_index),
        mib(rss_index.zip(rss_glossary).map(|(a, b)| a - b)),
        mib(proc_mib("VmHWM:"))
    );

    let exact = workload::exact_queries(index.entries(), EXACT_QUERIES, SEED + 1);
    let one = workload::misspellings(index.entries(), 1, per_edit, SEED + 2);
    let two = workload::misspellings(index.entries(), 2, per_edit, SEED + 3);
    let runs = [
        run(&index, "exact", &exact),
        run(&index, "1 edit", &one),
        run(&index, "2 edits", &two),
    ];
    eprintln!("targets: median < 100 µs exact, < 1000 µs fuzzy; top-1 ≥ 99% at 1 and 2 edits");
    for r in &runs {
        r.report();
    }
    for r in &runs {
        explain_failures(&index, r, sample);
    }
    if env_flag("DRAGOMAN_BENCH_ANALYSIS") {
        analysis(
            &index,
            &[&runs[0], &runs[1], &runs[2]],
            env_usize("DRAGOMAN_BENCH_ANALYSIS_QUERIES").unwrap_or(500),
        );
    }
    eprintln!();
    if env_flag("DRAGOMAN_BENCH_ONLY_STATS") {
        return;
    }

    bench(
        &mut c,
        &index,
        &[
            ("exact", &exact),
            ("fuzzy_1edit", &one),
            ("fuzzy_2edit", &two),
        ],
    );
    c.final_summary();
}
