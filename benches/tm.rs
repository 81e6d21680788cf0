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

#[allow(dead_code)]
mod workload;

use dragoman::formats::tmx;
use dragoman::store::{Seed, Store};
use dragoman::tm::score::{score, Segment};
use dragoman::tm::{search, SearchOptions};
use rand::rngs::SmallRng;
use rayon::prelude::*;
use std::io::BufReader;
use std::time::{Duration, Instant};
use workload::memory::{bag, exhaustive, write_tmx, Language};

/// The allocator the `dragoman` binary uses (`src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
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
    let mut rng = workload::memory::rng();
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
    let texts = write_tmx(tmx_path, units, lang, rng).expect("write TMX");
    // On disk before anything is timed: else the import's commit, whose
    // `fsync` makes the file system write out what is pending, pays for
    // writing the TMX file too (as `benches/compare` does with `sync`).
    std::fs::File::open(tmx_path)
        .and_then(|f| f.sync_all())
        .expect("TMX file written out");
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
    // As `dragoman tm import` does it.
    let stats = store
        .tm_bulk(|store| {
            let mut import = store.tm_import()?;
            let file = std::fs::File::open(tmx_path).expect("open TMX");
            import.add_from(|add| {
                tmx::read(
                    "memory.tmx",
                    BufReader::with_capacity(1 << 16, file),
                    &|_| 0,
                    add,
                )
                .map(|_| ())
            })?;
            import.finish()
        })
        .expect("import TMX");
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
    // Queries: edited stored sentences (mostly good matches) and new
    // sentences (mostly none).
    let qs = lang.queries(texts, queries, rng);

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
        let (best, _) = exhaustive(q, texts, &bags);
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
