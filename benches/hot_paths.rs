//! criterion benchmarks of every hot path, each on a small deterministic
//! input so that the whole set runs in a few minutes: text normalisation,
//! word tokenising,
//! the scan behind `check` (listed spellings, and with similarity),
//! `normalize` (scan and rewrite), `lookup`, TMX parsing, TM import into
//! SQLite, and TM search.
//!
//! The figures at scale (100k-entry glossaries, 1M-unit memories) and the
//! comparisons with other tools come from `benches/scan.rs`,
//! `benches/lookup.rs`, `benches/tm.rs` and `benches/compare`; this file is
//! what to watch for regressions:
//!
//! ```sh
//! cargo bench --bench hot_paths                 # all
//! cargo bench --bench hot_paths -- scan         # one group
//! ```

// Only the article and sentence generators are used here.
#[allow(dead_code)]
mod workload;

use criterion::{BatchSize, Criterion, Throughput};
use dragoman::formats::tmx;
use dragoman::glossary::house::house_entries;
use dragoman::house_style::{self, CheckOptions, NORMALIZE_MIN_CONFIDENCE};
use dragoman::lookup::LookupIndex;
use dragoman::matcher::{Matcher, ScanOptions};
use dragoman::store::{Seed, Store};
use dragoman::text::fold;
use dragoman::text::scan_tokens::scan_words;
use dragoman::tm::{search, SearchOptions, Unit, Variant};
use std::hint::black_box;

/// The allocator the `dragoman` binary uses (`src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: u64 = 0x0D0C_2026;

/// Words in the three scripts, as articles write them.
const WORDS: &[&str] = &[
    "Tarkhuna",
    "government",
    "Misurata's",
    "AL-SARRAJ",
    "Хафтаром",
    "Правительства",
    "ёлка",
    "وبطرابلس",
    "مصراته",
    "الإمارات",
    "élan",
    "Zawiyah",
];

fn text_normalisation(c: &mut Criterion) {
    let mut group = c.benchmark_group("text");
    let bytes: usize = WORDS.iter().map(|w| w.len()).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("fold", |b| {
        b.iter(|| {
            for w in WORDS {
                black_box(fold(black_box(w)));
            }
        })
    });
    group.finish();
    // Words of a generated article in the three scripts, and of the
    // English and Russian sentences a memory holds.
    let entries = house_entries().expect("house glossary");
    let article = workload::corpus::corpus(&entries, 256 * 1024, SEED);
    let mut rng = workload::memory::rng();
    let language = workload::memory::Language::new(&mut rng);
    let segments: String = (0..2_000)
        .map(|_| {
            let (en, ru) = language.sentence(&mut rng);
            format!("{en}\n{ru}\n")
        })
        .collect();
    let mut group = c.benchmark_group("tokenize");
    for (name, text) in [("article", &article), ("segments", &segments)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        let mut words = Vec::new();
        group.bench_function(name, |b| {
            b.iter(|| {
                words.clear();
                scan_words(black_box(text), &mut words);
                words.len()
            })
        });
    }
    group.finish();
}

fn scan_and_normalize(c: &mut Criterion) {
    let entries = house_entries().expect("house glossary");
    let text = workload::corpus::corpus(&entries, 256 * 1024, SEED);
    let matcher = Matcher::new(entries);
    let mut group = c.benchmark_group("scan");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    for (name, fuzzy) in [("listed", false), ("similarity", true)] {
        let options = ScanOptions { fuzzy, lang: None };
        group.bench_function(name, |b| {
            b.iter(|| matcher.scan(black_box(&text), &options))
        });
    }
    let options = CheckOptions {
        min_confidence: NORMALIZE_MIN_CONFIDENCE,
        ..CheckOptions::default()
    };
    group.bench_function("normalize", |b| {
        b.iter(|| {
            let findings = house_style::check(&matcher, black_box(&text), &options);
            house_style::rewrite(&text, &findings)
        })
    });
    group.finish();
}

fn lookup(c: &mut Criterion) {
    let entries = house_entries().expect("house glossary");
    let index = LookupIndex::build(entries);
    let mut group = c.benchmark_group("lookup");
    for (name, term) in [
        ("house-form", "Tarhuna"),
        ("variant", "Misurata"),
        ("misspelt", "Khalifa Hafftar"),
        ("russian-case", "Хафтаром"),
        ("arabic-clitics", "وبطرابلس"),
    ] {
        group.bench_function(name, |b| b.iter(|| index.lookup(black_box(term), None, 5)));
    }
    group.finish();
}

/// A memory of `n` made-up English–Russian units, as TMX bytes.
fn memory_tmx(n: usize) -> (Vec<u8>, Vec<String>) {
    let mut sentences = Vec::with_capacity(n);
    let mut out = tmx::TmxWriter::new(Vec::new(), "en").expect("TMX writer");
    for i in 0..n {
        let en = format!(
            "Convoy {i} left the port of Misrata at dawn and reached sector {} by noon.",
            i % 97
        );
        let ru = format!(
            "Колонна {i} вышла из порта Мисраты на рассвете и к полудню достигла сектора {}.",
            i % 97
        );
        let unit = Unit {
            variants: vec![Variant::plain("en", &en), Variant::plain("ru", &ru)],
            ..Default::default()
        };
        out.unit(&unit).expect("write unit");
        sentences.push(en);
    }
    (out.finish().expect("finish TMX"), sentences)
}

fn import(store: &mut Store, tmx_bytes: &[u8]) {
    let mut import = store.tm_import().expect("import");
    tmx::read("bench.tmx", tmx_bytes, &|_| 0, &mut |unit| import.add(unit)).expect("read TMX");
    import.finish().expect("finish import");
}

fn translation_memory(c: &mut Criterion) {
    let (tmx_bytes, sentences) = memory_tmx(2_000);
    let mut group = c.benchmark_group("tm");
    group.sample_size(10);
    group.throughput(Throughput::Elements(sentences.len() as u64));
    group.bench_function("tmx-parse", |b| {
        b.iter(|| {
            let mut n = 0;
            tmx::read("bench.tmx", &tmx_bytes[..], &|_| 0, &mut |_| {
                n += 1;
                Ok(())
            })
            .expect("read TMX");
            n
        })
    });
    group.bench_function("import", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temporary directory"),
            |dir| {
                let mut store =
                    Store::open(&dir.path().join("tm.db"), Seed::Nothing).expect("store");
                import(&mut store, &tmx_bytes);
                dir
            },
            BatchSize::PerIteration,
        )
    });
    group.throughput(Throughput::Elements(1));
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut store = Store::open(&dir.path().join("tm.db"), Seed::Nothing).expect("store");
    import(&mut store, &tmx_bytes);
    let query = sentences[sentences.len() / 2].replace("dawn", "first light");
    let options = SearchOptions::default();
    group.bench_function("search", |b| {
        b.iter(|| search(&store, black_box(&query), "en", "ru", &options).expect("search"))
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    text_normalisation(&mut c);
    scan_and_normalize(&mut c);
    lookup(&mut c);
    translation_memory(&mut c);
    c.final_summary();
}
