//! A generated article corpus in English, Russian and Arabic with glossary
//! mentions sprinkled in: house forms, listed variants, misspellings,
//! Russian case forms and Arabic forms with clitics. Deterministic from
//! its seed.
//!
//! The words between mentions come from about fifty-five real words per
//! language. A text drawn from so few words repeats itself far more than
//! real articles, which flatters anything that remembers words it has seen.
//! `DRAGOMAN_BENCH_VOCAB=zipf` draws them instead from those words followed
//! by 20,000 invented ones per language, by a Zipf law (rank r weighs
//! 1/(r+2)), as the translation-memory workload does.

use dragoman::glossary::Entry;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

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

/// Invented words per language added by `DRAGOMAN_BENCH_VOCAB=zipf`.
const INVENTED: usize = 20_000;

/// The words between mentions, for one language.
struct Filler {
    words: Vec<String>,
    /// Cumulative Zipf weights over the words' ranks; empty for a uniform
    /// draw from the real words alone.
    cumulative: Vec<f64>,
}

impl Filler {
    fn new(real: &[&str], syllables: &[&str], zipf: bool, rng: &mut SmallRng) -> Filler {
        let mut words: Vec<String> = real.iter().map(|w| w.to_string()).collect();
        if !zipf {
            return Filler {
                words,
                cumulative: Vec::new(),
            };
        }
        let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
        while words.len() < real.len() + INVENTED {
            let n = rng.gen_range(1..=4);
            let w: String = (0..n)
                .map(|_| syllables[rng.gen_range(0..syllables.len())])
                .collect();
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|r| {
                total += 1.0 / (r as f64 + 2.0);
                total
            })
            .collect();
        Filler { words, cumulative }
    }

    fn word(&self, rng: &mut SmallRng) -> &str {
        let r = match self.cumulative.last() {
            None => rng.gen_range(0..self.words.len()),
            Some(&total) => {
                let x = rng.gen::<f64>() * total;
                self.cumulative
                    .partition_point(|&c| c < x)
                    .min(self.words.len() - 1)
            }
        };
        &self.words[r]
    }
}

/// About `bytes` of text: sentences in the three languages, one word in
/// twelve a glossary mention.
pub fn corpus(entries: &[Entry], bytes: usize, seed: u64) -> String {
    let mut rng = SmallRng::seed_from_u64(seed);
    let zipf = std::env::var("DRAGOMAN_BENCH_VOCAB").is_ok_and(|v| v == "zipf");
    // Invented words come from a stream of their own, so that the default
    // corpus stays what it always was.
    let mut words_rng = SmallRng::seed_from_u64(seed ^ 0x0005_EED0_F00D);
    let fillers = [
        Filler::new(
            EN,
            &[
                "ka", "ro", "mi", "tan", "sel", "do", "ver", "li", "nor", "pa", "us", "te",
            ],
            zipf,
            &mut words_rng,
        ),
        Filler::new(
            RU,
            &[
                "ка", "ро", "ми", "тан", "сел", "до", "вер", "ли", "нор", "па", "ус", "те",
            ],
            zipf,
            &mut words_rng,
        ),
        Filler::new(
            AR,
            &[
                "كا", "رو", "مي", "تان", "سل", "دو", "ور", "لي", "نور", "با", "وس", "تي",
            ],
            zipf,
            &mut words_rng,
        ),
    ];
    let mut text = String::with_capacity(bytes + 1024);
    while text.len() < bytes {
        let words = &fillers[rng.gen_range(0..3)];
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
                text.push_str(words.word(&mut rng));
            }
        }
        text.push_str(".\n");
    }
    text
}
