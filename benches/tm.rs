//! Translation-memory benchmark: a generated, deterministic memory of
//! English–Russian units (Zipf-distributed vocabulary, 6–22 words a
//! sentence, some numbers), written as TMX and imported end to end, then
//! searched with edited copies of stored sentences and with new ones.
//!
//! Printed: import units/s (TMX parsing, duplicate merging, index and
//! SQLite writes included), peak memory, database size; search latency
//! (p50, p90, p99, warm) against a full-scan baseline that scores every
//! unit; and how often the indexed search's top match agrees with an
//! exhaustive rescoring of every unit, over the queries whose best match
//! scores at least 0.7.
//!
//! Environment:
//! * `DRAGOMAN_BENCH_TM_UNITS`: memory size (1 000 000 under `cargo bench`,
//!   2 000 when run as a test by `cargo test --benches`).
//! * `DRAGOMAN_BENCH_TM_QUERIES`: queries (500 / 50).
//! * `DRAGOMAN_BENCH_TM_SCANS`: queries timed with the full-scan baseline (5 / 2).
//! * `DRAGOMAN_BENCH_TM_DIR`: a folder to write the TMX file and the
//!   database into and keep them (for profiling `dragoman tm import` and
//!   `tm search` on the same memory); a temporary folder by default.
//! * `DRAGOMAN_BENCH_TM_REUSE`: with `DRAGOMAN_BENCH_TM_DIR`, search the
//!   database a run before left there (made with the same unit count)
//!   instead of writing and importing the memory again.

use dragoman::formats::tmx;
use dragoman::store::{Seed, Store};
use dragoman::text::fold_word;
use dragoman::tm::keys::word_spans;
use dragoman::tm::score::{score, Segment};
use dragoman::tm::{search, SearchOptions};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;
use std::hash::{Hash, Hasher};
use std::io::{BufReader, BufWriter, Write};
use std::time::{Duration, Instant};

const SEED: u64 = 0x7E57_2026;
const VOCABULARY: usize = 40_000;

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
}

/// A made-up word from syllables: Latin for English, Cyrillic for Russian.
fn word(rng: &mut SmallRng, syllables: &[&str]) -> String {
    let n = rng.gen_range(1..=4);
    (0..n)
        .map(|_| syllables[rng.gen_range(0..syllables.len())])
        .collect()
}

struct Language {
    en: Vec<String>,
    ru: Vec<String>,
    /// Cumulative Zipf weights over word ranks.
    cumulative: Vec<f64>,
}

impl Language {
    fn new(rng: &mut SmallRng) -> Language {
        let latin = [
            "ka", "ro", "mi", "tan", "sel", "do", "ver", "li", "nor", "pa", "us", "te", "gar",
            "bi", "lo", "fen", "ar", "qui", "ment", "son", "al", "ri", "to", "chi",
        ];
        let cyrillic = [
            "ка", "ро", "ми", "тан", "сел", "до", "вер", "ли", "нор", "па", "ус", "те", "гар",
            "би", "ло", "фен", "ар", "кви", "мент", "сон", "аль", "ри", "то", "чи",
        ];
        let mut en = Vec::with_capacity(VOCABULARY);
        let mut ru = Vec::with_capacity(VOCABULARY);
        let mut seen = std::collections::HashSet::new();
        while en.len() < VOCABULARY {
            let w = word(rng, &latin);
            if seen.insert(w.clone()) {
                en.push(w);
                ru.push(word(rng, &cyrillic));
            }
        }
        let mut total = 0.0;
        let cumulative = (0..VOCABULARY)
            .map(|r| {
                total += 1.0 / (r as f64 + 2.0);
                total
            })
            .collect();
        Language { en, ru, cumulative }
    }

    fn rank(&self, rng: &mut SmallRng) -> usize {
        let x = rng.gen::<f64>() * self.cumulative[VOCABULARY - 1];
        self.cumulative
            .partition_point(|&c| c < x)
            .min(VOCABULARY - 1)
    }

    /// An English sentence and its word-for-word Russian "translation".
    fn sentence(&self, rng: &mut SmallRng) -> (String, String) {
        let n = rng.gen_range(6..=22);
        let mut en = Vec::with_capacity(n + 1);
        let mut ru = Vec::with_capacity(n + 1);
        for i in 0..n {
            if i > 0 && rng.gen_bool(0.05) {
                let number = rng.gen_range(1..2030).to_string();
                en.push(number.clone());
                ru.push(number);
                continue;
            }
            let r = self.rank(rng);
            en.push(self.en[r].clone());
            ru.push(self.ru[r].clone());
        }
        (
            capitalise(&en.join(" ")) + ".",
            capitalise(&ru.join(" ")) + ".",
        )
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A query made from a stored sentence: one or two words replaced, a word
/// dropped, a number or the case changed.
fn edit(sentence: &str, lang: &Language, rng: &mut SmallRng) -> String {
    let body = sentence.trim_end_matches('.');
    let mut w: Vec<String> = body.split(' ').map(str::to_string).collect();
    match rng.gen_range(0..5) {
        0 | 1 => {
            let i = rng.gen_range(0..w.len());
            w[i] = lang.en[lang.rank(rng)].clone();
        }
        2 => {
            for _ in 0..2 {
                let i = rng.gen_range(0..w.len());
                w[i] = lang.en[lang.rank(rng)].clone();
            }
        }
        3 => {
            let i = rng.gen_range(0..w.len());
            w.remove(i);
        }
        _ => {
            let i = rng.gen_range(0..w.len());
            w[i] = if w[i].chars().all(|c| c.is_ascii_digit()) {
                rng.gen_range(1..2030).to_string()
            } else {
                w[i].to_uppercase()
            };
        }
    }
    w.join(" ") + "."
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|k| k.parse::<f64>().ok())
            })
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU time of this process so far (user and system, every thread), so
/// that a run on a busy machine still shows what the work costs.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name (which may hold spaces).
            let rest = s.rsplit_once(')')?.1;
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let user: f64 = fields.get(11)?.parse().ok()?;
            let system: f64 = fields.get(12)?.parse().ok()?;
            Some((user + system) / 100.0)
        })
        .unwrap_or(0.0)
}

/// The folded words of a sentence, hashed and sorted: a multiset for the
/// exhaustive rescoring's upper bound.
fn bag(text: &str) -> Vec<u64> {
    let mut b: Vec<u64> = word_spans(text)
        .into_iter()
        .map(|(s, e)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            fold_word(&text[s..e]).hash(&mut h);
            h.finish()
        })
        .collect();
    b.sort_unstable();
    b
}

fn overlap(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The best score of `query` over every unit: exact, every unit
/// considered; units whose word-overlap bound cannot beat the best so far
/// are skipped (the penalties only lower a score).
fn exhaustive(query: &str, texts: &[String], bags: &[Vec<u64>]) -> f64 {
    let q = Segment::plain(query);
    let qb = bag(query);
    texts
        .par_iter()
        .zip(bags.par_iter())
        .fold(
            || 0.0f64,
            |best, (text, b)| {
                let bound = overlap(&qb, b) as f64 / qb.len().max(b.len()).max(1) as f64;
                if bound + 0.01 < best {
                    return best;
                }
                best.max(score(&q, &Segment::plain(text)))
            },
        )
        .reduce(|| 0.0, f64::max)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let full = args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test");
    let units =
        env_usize("DRAGOMAN_BENCH_TM_UNITS").unwrap_or(if full { 1_000_000 } else { 2_000 });
    let queries = env_usize("DRAGOMAN_BENCH_TM_QUERIES").unwrap_or(if full { 500 } else { 50 });
    let scans = env_usize("DRAGOMAN_BENCH_TM_SCANS").unwrap_or(if full { 5 } else { 2 });

    let temp = tempfile::tempdir().expect("temporary directory");
    let dir = std::env::var_os("DRAGOMAN_BENCH_TM_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("benchmark folder");
    let tmx_path = dir.join("memory.tmx");
    let db_path = dir.join("memory.db");
    let reuse = std::env::var_os("DRAGOMAN_BENCH_TM_REUSE").is_some() && db_path.exists();
    let mut rng = SmallRng::seed_from_u64(SEED);
    let lang = Language::new(&mut rng);
    let texts = if reuse {
        (0..units).map(|_| lang.sentence(&mut rng).0).collect()
    } else {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!("memory.db{suffix}")));
        }
        build(&tmx_path, &db_path, units, &lang, &mut rng)
    };
    search_and_compare(&db_path, &texts, &lang, &mut rng, queries, scans);
}

/// Writes the memory as TMX, times parsing it and importing it into a new
/// database; the English segments, in order.
fn build(
    tmx_path: &std::path::Path,
    db_path: &std::path::Path,
    units: usize,
    lang: &Language,
    rng: &mut SmallRng,
) -> Vec<String> {
    // The memory, as a TMX file.
    let t = Instant::now();
    let mut texts = Vec::with_capacity(units);
    {
        let file = std::fs::File::create(tmx_path).expect("create TMX");
        let mut w = tmx::TmxWriter::new(BufWriter::new(file), "en").expect("write TMX");
        for _ in 0..units {
            let (en, ru) = lang.sentence(rng);
            let unit = dragoman::tm::Unit {
                variants: vec![
                    dragoman::tm::Variant::plain("en", &en),
                    dragoman::tm::Variant::plain("ru", &ru),
                ],
                ..Default::default()
            };
            w.unit(&unit).expect("write unit");
            texts.push(en);
        }
        w.finish().expect("finish TMX").flush().expect("flush TMX");
    }
    let tmx_bytes = std::fs::metadata(tmx_path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "generated {units} units ({:.1} MiB of TMX) in {:.1} s",
        tmx_bytes as f64 / 1048576.0,
        t.elapsed().as_secs_f64()
    );

    // Parsing alone, for comparison.
    let cpu_before = cpu_seconds();
    let t = Instant::now();
    let mut parsed = 0usize;
    let file = std::fs::File::open(tmx_path).expect("open TMX");
    tmx::read(
        "memory.tmx",
        BufReader::with_capacity(1 << 16, file),
        &|_| 0,
        &mut |_| {
            parsed += 1;
            Ok(())
        },
    )
    .expect("read TMX");
    eprintln!(
        "TMX parsing alone: {:.0} units/s ({:.2} s of CPU)",
        parsed as f64 / t.elapsed().as_secs_f64(),
        cpu_seconds() - cpu_before
    );

    // Import, end to end.
    let peak_before = peak_mib();
    let cpu_before = cpu_seconds();
    let t = Instant::now();
    let mut store = Store::open(db_path, Seed::Nothing).expect("open store");
    let stats = {
        let mut import = store.tm_import().expect("begin import");
        let file = std::fs::File::open(tmx_path).expect("open TMX");
        import
            .add_from(|add| {
                tmx::read(
                    "memory.tmx",
                    BufReader::with_capacity(1 << 16, file),
                    &|_| 0,
                    add,
                )
                .map(|_| ())
            })
            .expect("read TMX");
        import.finish().expect("commit")
    };
    store.tm_checkpoint();
    let import_time = t.elapsed();
    let cpu = cpu_seconds() - cpu_before;
    let tm_stats = store.tm_stats().expect("stats");
    eprintln!(
        "import: {} units ({} duplicates merged) in {:.2} s = {:.0} units/s ({:.2} s of CPU, all \
         threads); database {:.1} MiB ({:.0} bytes/unit); peak memory {:.0} MiB (before import \
         {:.0} MiB)",
        stats.read,
        stats.duplicates,
        import_time.as_secs_f64(),
        stats.read as f64 / import_time.as_secs_f64(),
        cpu,
        tm_stats.bytes as f64 / 1048576.0,
        tm_stats.bytes as f64 / units as f64,
        peak_mib(),
        peak_before
    );
    texts
}

/// Searches the memory with edited stored sentences and new ones: latency,
/// a full-scan baseline and top-1 agreement with exhaustive rescoring.
fn search_and_compare(
    db_path: &std::path::Path,
    texts: &[String],
    lang: &Language,
    rng: &mut SmallRng,
    queries: usize,
    scans: usize,
) {
    let units = texts.len();
    // Queries: edited stored sentences (mostly good matches) and new
    // sentences (mostly none).
    let mut qs = Vec::with_capacity(queries);
    for i in 0..queries {
        if i % 10 == 9 {
            qs.push(lang.sentence(rng).0);
        } else {
            let j = rng.gen_range(0..units);
            qs.push(edit(&texts[j], lang, rng));
        }
    }

    let store = Store::open(db_path, Seed::Nothing).expect("reopen store");
    let options = SearchOptions::default();
    for q in &qs {
        let _ = search(&store, q, "en", "ru", &options).expect("search");
    }
    let mut latencies = Vec::with_capacity(qs.len());
    let mut tops = Vec::with_capacity(qs.len());
    for q in &qs {
        let t = Instant::now();
        let found = search(&store, q, "en", "ru", &options).expect("search");
        latencies.push(t.elapsed());
        tops.push(found.first().map_or(0.0, |m| m.score));
    }
    latencies.sort();
    eprintln!(
        "search (index, warm, {} queries): p50 {}, p90 {}, p99 {}, max {}",
        qs.len(),
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.9)),
        ms(percentile(&latencies, 0.99)),
        ms(*latencies.last().unwrap_or(&Duration::ZERO))
    );

    // Full-scan baseline: the same score over every unit, one thread.
    let mut scan_times = Vec::new();
    for q in qs.iter().take(scans) {
        let t = Instant::now();
        let seg = Segment::plain(q);
        let best = texts
            .iter()
            .map(|text| score(&seg, &Segment::plain(text)))
            .fold(0.0f64, f64::max);
        std::hint::black_box(best);
        scan_times.push(t.elapsed());
    }
    scan_times.sort();
    eprintln!(
        "full scan baseline ({} queries, one thread): median {}",
        scan_times.len(),
        ms(percentile(&scan_times, 0.5))
    );

    // Top-1 agreement with exhaustive rescoring.
    let t = Instant::now();
    let bags: Vec<Vec<u64>> = texts.par_iter().map(|t| bag(t)).collect();
    let (mut eligible, mut agree) = (0, 0);
    let mut misses = Vec::new();
    for (q, top) in qs.iter().zip(&tops) {
        let best = exhaustive(q, texts, &bags);
        if best >= 0.7 {
            eligible += 1;
            if (top - best).abs() < 1e-9 {
                agree += 1;
            } else if misses.len() < 5 {
                misses.push(format!("  {q:?}: index {top}, exhaustive {best}"));
            }
        }
    }
    eprintln!(
        "top-1 agreement with exhaustive rescoring: {agree}/{eligible} = {:.1}% of queries whose best \
         match is >= 0.7 ({:.0} s)",
        100.0 * agree as f64 / eligible.max(1) as f64,
        t.elapsed().as_secs_f64()
    );
    for m in misses {
        eprintln!("{m}");
    }
}
