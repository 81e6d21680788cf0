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

use aho_corasick::{AhoCorasick, MatchKind as AcKind};
use dragoman::glossary::{house::house_entries, Entry};
use dragoman::matcher::{Matcher, ScanOptions};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use std::time::Instant;

const EN: &[&str] = &[
    "the",
    "forces",
    "said",
    "on",
    "Monday",
    "that",
    "talks",
    "in",
    "the",
    "capital",
    "would",
    "resume",
    "after",
    "a",
    "week",
    "of",
    "clashes",
    "near",
    "the",
    "coast",
    "road",
    "officials",
    "told",
    "reporters",
    "a",
    "convoy",
    "reached",
    "town",
    "before",
    "noon",
    "while",
    "fighters",
    "withdrew",
    "from",
    "positions",
    "south",
    "of",
    "airport",
    "according",
    "to",
    "local",
    "sources",
    "who",
    "asked",
    "not",
    "be",
    "named",
    "market",
    "prices",
    "rose",
    "and",
    "electricity",
    "cuts",
    "continued",
    "across",
    "region",
];
const RU: &[&str] = &[
    "силы",
    "заявили",
    "в",
    "понедельник",
    "что",
    "переговоры",
    "в",
    "столице",
    "возобновятся",
    "после",
    "недели",
    "столкновений",
    "у",
    "прибрежной",
    "дороги",
    "чиновники",
    "сообщили",
    "журналистам",
    "колонна",
    "достигла",
    "города",
    "до",
    "полудня",
    "бойцы",
    "отошли",
    "с",
    "позиций",
    "к",
    "югу",
    "от",
    "аэропорта",
    "по",
    "данным",
    "местных",
    "источников",
    "цены",
    "на",
    "рынке",
    "выросли",
];
const AR: &[&str] = &[
    "قالت",
    "القوات",
    "يوم",
    "الاثنين",
    "إن",
    "المحادثات",
    "في",
    "العاصمة",
    "ستستأنف",
    "بعد",
    "أسبوع",
    "من",
    "الاشتباكات",
    "قرب",
    "الطريق",
    "الساحلي",
    "وأفاد",
    "مسؤولون",
    "بأن",
    "قافلة",
    "وصلت",
    "إلى",
    "المدينة",
    "قبل",
    "الظهر",
    "بينما",
    "انسحب",
    "المقاتلون",
    "من",
    "مواقعهم",
    "جنوب",
    "المطار",
    "وفق",
    "مصادر",
    "محلية",
];

/// A mention of `entry` as it might be written: a house form, a listed
/// variant, a Russian case form, an Arabic form with a clitic, or a
/// misspelling.
fn mention(entry: &Entry, rng: &mut SmallRng) -> String {
    let pick = |lang: &str, rng: &mut SmallRng| -> Option<String> {
        let terms = entry.terms.get(lang)?;
        let all: Vec<&String> = terms.house.iter().chain(&terms.variants).collect();
        all.get(rng.gen_range(0..all.len().max(1)))
            .map(|s| s.to_string())
    };
    match rng.gen_range(0..10) {
        0..=3 => pick("en", rng).unwrap_or_default(),
        4 => {
            let mut s = pick("en", rng).unwrap_or_default();
            if s.len() > 4 {
                let i = rng.gen_range(1..s.len() - 1);
                if s.is_char_boundary(i) && s.is_char_boundary(i + 1) {
                    s.replace_range(i..i + 1, "e");
                }
            }
            s
        }
        5..=6 => {
            let s = pick("ru", rng).unwrap_or_default();
            let ending = ["", "а", "е", "ом", "у"][rng.gen_range(0..5)];
            format!("{s}{ending}")
        }
        _ => {
            let s = pick("ar", rng).unwrap_or_default();
            let prefix = ["", "و", "ب", "وب", "ل"][rng.gen_range(0..5)];
            format!("{prefix}{s}")
        }
    }
}

/// About `bytes` of text: sentences in the three languages, one word in
/// twelve a glossary mention.
fn corpus(entries: &[Entry], bytes: usize, seed: u64) -> String {
    let mut rng = SmallRng::seed_from_u64(seed);
    let mut text = String::with_capacity(bytes + 1024);
    while text.len() < bytes {
        let words = [EN, RU, AR][rng.gen_range(0..3)];
        let n = rng.gen_range(8..25);
        for i in 0..n {
            if i > 0 {
                text.push(' ');
            }
            if rng.gen_range(0..12) == 0 {
                text.push_str(&mention(
                    &entries[rng.gen_range(0..entries.len())],
                    &mut rng,
                ));
            } else {
                text.push_str(words[rng.gen_range(0..words.len())]);
            }
        }
        text.push_str(".\n");
    }
    text
}

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
    let patterns: Vec<&str> = entries
        .iter()
        .flat_map(|e| e.terms.values())
        .flat_map(|t| t.house.iter().chain(&t.variants))
        .map(String::as_str)
        .collect();
    let ac = AhoCorasick::builder()
        .match_kind(AcKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&patterns)
        .expect("patterns build");
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
        let text = corpus(&entries, megabytes * 1_000_000, 11);
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
