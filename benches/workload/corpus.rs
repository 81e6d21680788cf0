//! A generated article corpus in English, Russian and Arabic with glossary
//! mentions sprinkled in: house forms, listed variants, misspellings,
//! Russian case forms and Arabic forms with clitics. Deterministic from
//! its seed.

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

/// About `bytes` of text: sentences in the three languages, one word in
/// twelve a glossary mention.
pub fn corpus(entries: &[Entry], bytes: usize, seed: u64) -> String {
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
