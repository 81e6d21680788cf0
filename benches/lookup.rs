//! Lookup benchmark: a synthetic Libya-like glossary of 100k entries (see
//! `workload`), looked up with exact spellings in three scripts and with
//! English misspellings one or two edits away.
//!
//! Before criterion runs, the figures that matter are printed to stderr
//! without needing criterion's analysis: index build time, spellings,
//! memory, top-1 accuracy and per-lookup latency (median, p90, p99) over
//! the whole query sets, top-1 on the misspellings a ranker can get right
//! (the expected entry is the unique nearest by letter edit distance: an
//! oracle over every Latin spelling), how often a trusted score (≥ 0.8) is
//! right, and a sample of the misspellings that failed.
//!
//! Environment:
//! * `DRAGOMAN_BENCH_ENTRIES`: glossary size (100000 under `cargo bench`,
//!   2000 when run as a test by `cargo test --benches`).
//! * `DRAGOMAN_BENCH_QUERIES`: misspellings per edit count (2000 / 200).
//! * `DRAGOMAN_BENCH_FAILURES`: failures printed per edit count (8).
//! * `DRAGOMAN_BENCH_FAILURES_UNAMBIGUOUS=1`: print only failures the
//!   oracle calls unambiguous.
//! * `DRAGOMAN_BENCH_ANALYSIS=1`: also count the similarity search's
//!   candidates per query and whether the expected entry is among them.
//! * `DRAGOMAN_BENCH_ONLY_STATS=1`: skip criterion after the figures.

mod workload;

use criterion::{Criterion, Throughput};
use dragoman::lookup::{FuzzyCandidates, Hit, LookupIndex};
use dragoman::text::{fold, Script};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};
use workload::Query;

/// The allocator the `dragoman` binary uses (`src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: u64 = 0x0D7A_6011;
/// The CLI's default `--limit`.
const LIMIT: usize = 5;
/// Exact queries measured and cycled through.
const EXACT_QUERIES: usize = 1000;
/// The score from which a hit is meant to be trusted.
const TRUSTED: f64 = 0.8;

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
    /// For misspellings: how the expected entry's nearest Latin spelling
    /// compares with every other entry's ([`Nearest::classify`]).
    oracle: Vec<Ordering>,
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

    /// Queries whose expected entry is the unique nearest by letter edit
    /// distance over Latin spellings: the ones a ranker can get right.
    fn unambiguous(&self) -> Vec<usize> {
        (0..self.oracle.len())
            .filter(|&i| self.oracle[i] == Ordering::Less)
            .collect()
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
            self.report_unambiguous();
            self.report_trusted();
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

impl Run<'_> {
    /// Top-1 on the queries a ranker can get right (see [`Nearest`]).
    fn report_unambiguous(&self) {
        if self.oracle.is_empty() {
            return;
        }
        let pct = |k: usize, of: usize| 100.0 * k as f64 / of.max(1) as f64;
        let n = self.queries.len();
        let count = |o: Ordering| self.oracle.iter().filter(|&&x| x == o).count();
        let unique = self.unambiguous();
        let ok = unique.iter().filter(|&&i| self.top1(i)).count();
        eprintln!(
            "  unambiguous (expected entry the unique nearest by letters): {:.1}% of queries, top-1 on those {:.2}% \
             (tied {:.1}%, another nearer {:.1}%; ceiling unique + tied/2 ≈ {:.1}%)",
            pct(unique.len(), n),
            pct(ok, unique.len()),
            pct(count(Ordering::Equal), n),
            pct(count(Ordering::Greater), n),
            pct(unique.len(), n) + pct(count(Ordering::Equal), n) / 2.0
        );
        let mut line = Vec::new();
        for (lo, hi) in LENGTHS {
            let part: Vec<usize> = unique
                .iter()
                .copied()
                .filter(|&i| (lo..=hi).contains(&self.house_len(i)))
                .collect();
            let ok = part.iter().filter(|&&i| self.top1(i)).count();
            line.push(format!(
                "{}: {:.1}% of {}",
                length_label(lo, hi),
                pct(ok, part.len()),
                part.len()
            ));
        }
        eprintln!("  unambiguous top-1 by letters: {}", line.join("; "));
    }

    /// How far a trusted score (≥ 0.8) can be trusted on this workload.
    fn report_trusted(&self) {
        let trusted: Vec<usize> = (0..self.queries.len())
            .filter(|&i| self.hits[i].first().is_some_and(|h| h.score >= TRUSTED))
            .collect();
        let right = trusted.iter().filter(|&&i| self.top1(i)).count();
        let unique = self.unambiguous();
        let trusted_unique = unique
            .iter()
            .filter(|&&i| self.hits[i].first().is_some_and(|h| h.score >= TRUSTED))
            .count();
        eprintln!(
            "  score ≥ {TRUSTED}: {:.1}% of queries, right {:.2}% ({} wrong); {:.1}% of the unambiguous",
            100.0 * trusted.len() as f64 / self.queries.len().max(1) as f64,
            100.0 * right as f64 / trusted.len().max(1) as f64,
            trusted.len() - right,
            100.0 * trusted_unique as f64 / unique.len().max(1) as f64,
        );
    }
}

/// The Latin spellings of every entry, for the edit-distance oracle.
struct Nearest {
    /// (entry, letters present, folded spelling) by folded length in
    /// characters.
    by_len: HashMap<usize, Vec<(u32, u64, Vec<char>)>>,
    /// Folded Latin spellings of each entry.
    of_entry: Vec<Vec<Vec<char>>>,
}

impl Nearest {
    fn new(index: &LookupIndex) -> Nearest {
        let mut by_len: HashMap<usize, Vec<(u32, u64, Vec<char>)>> = HashMap::new();
        let mut of_entry = Vec::with_capacity(index.entries().len());
        for (i, e) in index.entries().iter().enumerate() {
            let mut mine: Vec<Vec<char>> = Vec::new();
            for terms in e.terms.values() {
                for form in terms.house.iter().chain(&terms.variants) {
                    if Script::detect(form) == Script::Latin {
                        let f = chars(&fold(form));
                        if !mine.contains(&f) {
                            by_len.entry(f.len()).or_default().push((
                                i as u32,
                                letter_mask(&f),
                                f.clone(),
                            ));
                            mine.push(f);
                        }
                    }
                }
            }
            of_entry.push(mine);
        }
        Nearest { by_len, of_entry }
    }

    /// How the expected entry's nearest Latin spelling compares with every
    /// other entry's by OSA distance of the folds: `Less` when it is the
    /// unique nearest, `Equal` when another is as near, `Greater` when
    /// another is nearer.
    fn classify(&self, q: &Query) -> Ordering {
        let fq = chars(&fold(&q.text));
        let d_true = self.of_entry[q.entry]
            .iter()
            .map(|f| workload::osa_distance(&fq, f))
            .min()
            .unwrap_or(usize::MAX);
        if d_true == usize::MAX {
            return Ordering::Greater;
        }
        let mut tied = false;
        let mask = letter_mask(&fq);
        for len in fq.len().saturating_sub(d_true)..=fq.len() + d_true {
            for (e, m, f) in self.by_len.get(&len).into_iter().flatten() {
                // One edit adds or removes at most two letters of the set.
                if *e as usize == q.entry || (mask ^ m).count_ones() as usize > 2 * d_true {
                    continue;
                }
                let d = osa_at_most(&fq, f, d_true);
                if d < d_true {
                    return Ordering::Greater;
                }
                tied |= d == d_true;
            }
        }
        if tied {
            Ordering::Equal
        } else {
            Ordering::Less
        }
    }
}

/// The set of characters in `s`, hashed to 64 bits.
fn letter_mask(s: &[char]) -> u64 {
    s.iter().fold(0, |m, &c| m | 1 << (c as u32 % 64))
}

/// OSA distance of `a` and `b`, or `k + 1` when it is more than `k`.
fn osa_at_most(a: &[char], b: &[char], k: usize) -> usize {
    if a.len().abs_diff(b.len()) > k {
        return k + 1;
    }
    let m = b.len();
    let mut two_back = vec![usize::MAX / 2; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0; m + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_back[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        // The next row builds on this one, and transposes from the last.
        let last_min = prev.iter().copied().min().unwrap_or(usize::MAX);
        if row_min > k && last_min >= k {
            return k + 1;
        }
        std::mem::swap(&mut two_back, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m].min(k + 1)
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
        oracle: Vec::new(),
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
    let only_unambiguous = env_flag("DRAGOMAN_BENCH_FAILURES_UNAMBIGUOUS");
    for &i in &failures {
        if only_unambiguous && run.oracle.get(i) != Some(&Ordering::Less) {
            continue;
        }
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
            let oracle = match run.oracle.get(i) {
                Some(Ordering::Less) => "; unambiguous",
                Some(Ordering::Equal) => "; tied by letters",
                Some(Ordering::Greater) => "; another entry nearer",
                None => "",
            };
            eprintln!(
                "  ✗ {:?} (fold distance {} from {:?}{oracle})",
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

/// The similarity search's candidates per query, whether the expected
/// entry is among them, and what latency follows.
fn analysis(index: &LookupIndex, runs: &[&Run]) {
    eprintln!("\n== analysis ==");
    for run in runs.iter().filter(|r| r.name != "exact") {
        let found: Vec<FuzzyCandidates> = run
            .queries
            .iter()
            .map(|q| index.fuzzy_candidates(&q.text))
            .collect();
        let describe = |label: &str, count: &dyn Fn(&FuzzyCandidates) -> usize| {
            let mut v: Vec<usize> = found.iter().map(count).collect();
            v.sort_unstable();
            let pick = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
            format!(
                "{label} mean {:.0}, median {}, p90 {}, p99 {}, max {}",
                v.iter().sum::<usize>() as f64 / v.len().max(1) as f64,
                pick(0.5),
                pick(0.9),
                pick(0.99),
                pick(1.0)
            )
        };
        eprintln!(
            "{:<8} candidates/query: {}; {}; {}",
            run.name,
            describe("by sound", &|f| f.by_sound),
            describe("proposed by letters", &|f| f.by_letters),
            describe("rescored", &|f| f.rescored),
        );
        let mut slow: Vec<(Duration, usize)> = run
            .latencies
            .iter()
            .zip(&found)
            .map(|(&d, f)| (d, f.rescored))
            .collect();
        slow.sort_by_key(|s| std::cmp::Reverse(s.0));
        let slowest: Vec<String> = slow
            .iter()
            .take(5)
            .map(|(d, n)| format!("{} ({n} rescored)", micros(*d)))
            .collect();
        let total: Duration = run.latencies.iter().sum();
        let rescored: usize = found.iter().map(|f| f.rescored).sum();
        eprintln!(
            "         slowest: {}; {:.2} µs per rescored candidate on average",
            slowest.join(", "),
            total.as_secs_f64() * 1e6 / rescored.max(1) as f64
        );
        let pct = |k: usize, of: usize| 100.0 * k as f64 / of.max(1) as f64;
        let retrieved = |i: usize| {
            found[i]
                .entries
                .binary_search(&run.queries[i].entry)
                .is_ok()
        };
        let all: Vec<usize> = (0..run.queries.len()).collect();
        let unique = run.unambiguous();
        let mut line = Vec::new();
        for (lo, hi) in LENGTHS {
            let part: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&i| (lo..=hi).contains(&run.house_len(i)))
                .collect();
            let ok = part.iter().filter(|&&i| retrieved(i)).count();
            line.push(format!(
                "{}: {:.1}%",
                length_label(lo, hi),
                pct(ok, part.len())
            ));
        }
        eprintln!(
            "         expected entry among the candidates: {:.1}% ({:.1}% of the unambiguous; by letters in the house form {})",
            pct(all.iter().filter(|&&i| retrieved(i)).count(), all.len()),
            pct(unique.iter().filter(|&&i| retrieved(i)).count(), unique.len()),
            line.join(", ")
        );
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
    let mut runs = [
        run(&index, "exact", &exact),
        run(&index, "1 edit", &one),
        run(&index, "2 edits", &two),
    ];
    let t = Instant::now();
    let nearest = Nearest::new(&index);
    for r in runs.iter_mut().skip(1) {
        r.oracle = r.queries.iter().map(|q| nearest.classify(q)).collect();
    }
    drop(nearest);
    eprintln!(
        "edit-distance oracle over Latin spellings computed in {:.2?}",
        t.elapsed()
    );
    eprintln!("targets: median < 100 µs exact, < 1000 µs fuzzy; top-1 ≥ 99% at 1 and 2 edits");
    for r in &runs {
        r.report();
    }
    for r in &runs {
        explain_failures(&index, r, sample);
    }
    if env_flag("DRAGOMAN_BENCH_ANALYSIS") {
        analysis(&index, &[&runs[0], &runs[1], &runs[2]]);
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
