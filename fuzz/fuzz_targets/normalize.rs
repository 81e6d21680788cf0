//! `normalize` on text built, as `tests/properties.rs` builds it, from
//! house names (as they are, re-cased, with Arabic clitics and case
//! endings, inside URLs, addresses and handles), ordinary words, odd
//! characters and arbitrary bytes, steered by the fuzz input: only findings
//! change, and normalizing the result changes nothing more.
//!
//! Unlike the idempotence property, it does not split names at line ends
//! or write article words on their own.

#![no_main]

mod common;

use dragoman::glossary::house::house_entries;
use dragoman::house_style::{self, NORMALIZE_MIN_CONFIDENCE};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// Every house form and listed variant of the shipped glossary.
fn names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = Vec::new();
        for entry in house_entries().expect("house glossary") {
            for terms in entry.terms.values() {
                names.extend(terms.house.iter().chain(&terms.variants).cloned());
            }
        }
        names
    })
}

const WORDS: &[&str] = &[
    "forces",
    "the",
    "left",
    "city",
    "talks",
    "in",
    "of",
    "said",
    "on",
    "Monday",
    "army",
    "Hafter",
    "Misurata",
    "Tarkhuna",
    "Trablus",
    "GNA",
    "LNA",
    "силы",
    "вошли",
    "в",
    "город",
    "с",
    "Хифтером",
    "Мисураты",
    "قوات",
    "دخلت",
    "مدينة",
    "في",
    "الجيش",
    "وبمصراته",
    "حفتر",
    "طرابلس",
];

const ODDITIES: &[&str] = &[
    "\0", "\t", "\r\n", "\r", "\n\n", "\u{200d}", "\u{200f}", "\u{2068}", "\u{feff}", "\u{301}",
    "\u{64b}", "ـ", "«", "»", "\"", "'", "'s", "’s", "-", "—", ".", ",", "(", "@", "#", "/",
    "\u{a0}", "\u{2028}", "İ", "ﻻ", "🙂",
];

const CLITICS: &[&str] = &["و", "ف", "ب", "ك", "وب", "فب", "ل"];
const ENDINGS: &[&str] = &["а", "у", "ом", "ой", "е", "ы", "ами", "'s"];
const SEPARATORS: &[&str] = &[" ", " ", " ", "", "\n", ", ", ". ", " — ", "\t", "\u{a0}"];

/// Reads choices off the fuzz input; zero once it runs out.
struct Choices<'a>(&'a [u8]);

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        let (&b, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        b
    }

    fn pick<'t, T: ?Sized>(&mut self, items: &'t [&'t T]) -> &'t T {
        let i = usize::from(self.byte()) << 8 | usize::from(self.byte());
        items[i % items.len()]
    }

    fn name(&mut self) -> &'static str {
        let i = usize::from(self.byte()) << 8 | usize::from(self.byte());
        &names()[i % names().len()]
    }

    fn fragment(&mut self) -> String {
        match self.byte() % 12 {
            0..=3 => self.name().to_string(),
            4 => self.name().to_uppercase(),
            5 => self.name().to_lowercase(),
            6 => {
                let clitic = self.pick(CLITICS);
                let name = self.name();
                match name.strip_prefix("ال") {
                    // ل + ال is written لل.
                    Some(rest) if clitic == "ل" => format!("لل{rest}"),
                    _ => format!("{clitic}{name}"),
                }
            }
            7 => format!("{}{}", self.name(), self.pick(ENDINGS)),
            8 => match self.byte() % 3 {
                0 => format!("https://news.example/{}/", self.name().replace(' ', "-")),
                1 => format!("{}@example.org", self.name().replace(' ', ".")),
                _ => format!("@{}", self.name().replace(' ', "_")),
            },
            9 => self.pick(WORDS).to_string(),
            10 => self.pick(ODDITIES).to_string(),
            _ => {
                let n = usize::from(self.byte() % 8).min(self.0.len());
                let (raw, rest) = self.0.split_at(n);
                self.0 = rest;
                String::from_utf8_lossy(raw).into_owned()
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut choices = Choices(data);
    let options = common::check_options(
        NORMALIZE_MIN_CONFIDENCE,
        false,
        common::scan_options(choices.byte()),
    );
    let mut text = String::new();
    while !choices.0.is_empty() && text.len() < 4096 {
        text.push_str(&choices.fragment());
        text.push_str(choices.pick(SEPARATORS));
    }
    let matcher = common::house_matcher();
    let findings = house_style::check(matcher, &text, &options);
    common::assert_well_formed(&text, &findings);
    let once = house_style::rewrite(&text, &findings);
    common::assert_only_findings_changed(&text, &once, &findings);
    let again = house_style::check(matcher, &once, &options);
    common::assert_well_formed(&once, &again);
    let twice = house_style::rewrite(&once, &again);
    assert_eq!(
        twice,
        once,
        "normalize is not idempotent on {text:?}; the second pass rewrote {:?}",
        again
            .iter()
            .filter(|f| f.is_off_style())
            .map(|f| (&f.found, &f.suggestion))
            .collect::<Vec<_>>()
    );
});
