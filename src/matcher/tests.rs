use super::*;
use crate::glossary::Entry;

/// Scan options with similarity on and the language guessed.
const FUZZY: ScanOptions = ScanOptions {
    fuzzy: true,
    lang: None,
};

fn entry(id: &str, kind: &str, forms: &[(&str, &str)], variants: &[(&str, &str)]) -> Entry {
    let mut e = Entry::new(id);
    e.entry_type = kind.to_string();
    for (lang, form) in forms {
        e.set_house(lang, form);
    }
    for (lang, form) in variants {
        e.add_variant(lang, form);
    }
    e
}

fn matcher() -> Matcher {
    Matcher::new(vec![
        entry(
            "tarhuna",
            "place",
            &[("en", "Tarhuna"), ("ar", "ترهونة"), ("ru", "Тархуна")],
            &[("en", "Tarkhuna"), ("en", "Tarhouna")],
        ),
        entry(
            "khalifa-haftar",
            "person",
            &[
                ("en", "Khalifa Haftar"),
                ("ar", "خليفة حفتر"),
                ("ru", "Халифа Хафтар"),
            ],
            &[("en", "Khalifa Hifter"), ("ru", "Халифа Хифтер")],
        ),
        entry(
            "gna",
            "org",
            &[
                ("en", "Government of National Accord"),
                ("ar", "حكومة الوفاق الوطني"),
                ("ru", "Правительство национального согласия"),
            ],
            &[
                ("en", "Government of National Consensus"),
                ("en", "GNA"),
                ("ru", "Правительство национального консенсуса"),
            ],
        ),
        entry(
            "misrata",
            "place",
            &[("en", "Misrata"), ("ar", "مصراتة"), ("ru", "Мисрата")],
            &[("en", "Misurata")],
        ),
        entry(
            "zawiya",
            "place",
            &[("en", "Zawiya"), ("ar", "الزاوية"), ("ru", "Завия")],
            &[("en", "Az Zawiyah")],
        ),
        entry(
            "muammar-gaddafi",
            "person",
            &[("en", "Muammar Gaddafi"), ("ru", "Муаммар Каддафи")],
            &[],
        ),
        entry(
            "saif-al-islam-gaddafi",
            "person",
            &[
                ("en", "Saif al-Islam Gaddafi"),
                ("ru", "Сейф аль-Ислам Каддафи"),
            ],
            &[],
        ),
    ])
}

/// Every mention `m` finds in `text` (similarity on), as
/// `(found, entry, kind, suggestion)`.
fn scan_with(m: &Matcher, text: &str) -> Vec<(String, String, MatchKind, String)> {
    m.scan(text, &FUZZY)
        .into_iter()
        .map(|x| {
            (
                text[x.start..x.end].to_string(),
                m.entries()[x.entry].id.clone(),
                x.kind,
                x.suggestion,
            )
        })
        .collect()
}

/// What `m` finds in `text`: each mention's text and entry id.
fn found_entries(m: &Matcher, text: &str) -> Vec<(String, String)> {
    scan_with(m, text)
        .into_iter()
        .map(|(found, entry, _, _)| (found, entry))
        .collect()
}

/// Asserts that `m` finds in `text` (similarity on) exactly `want`: each
/// mention's text, entry id and suggestion.
fn assert_suggestions(m: &Matcher, text: &str, want: &[(&str, &str, &str)]) {
    let found = scan_with(m, text);
    let found: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|(f, e, _, s)| (f.as_str(), e.as_str(), s.as_str()))
        .collect();
    assert_eq!(found, want);
}

/// What `m` finds of its listed spellings in `text` (no similarity): each
/// mention's text and entry id.
fn listed_entries(m: &Matcher, text: &str) -> Vec<(String, String)> {
    let options = ScanOptions {
        fuzzy: false,
        lang: None,
    };
    m.scan(text, &options)
        .into_iter()
        .map(|x| {
            (
                text[x.start..x.end].to_string(),
                m.entries()[x.entry].id.clone(),
            )
        })
        .collect()
}

fn scan(text: &str) -> Vec<(String, String, MatchKind, String)> {
    scan_with(&matcher(), text)
}

#[test]
fn listed_variants_and_house_forms() {
    let found = scan(
        "Forces entered Tarkhuna, then Tarhuna's market; the Government of National Consensus met.",
    );
    assert_eq!(
        found,
        vec![
            (
                "Tarkhuna".into(),
                "tarhuna".into(),
                MatchKind::Variant,
                "Tarhuna".into()
            ),
            (
                "Tarhuna".into(),
                "tarhuna".into(),
                MatchKind::Canonical,
                "Tarhuna".into()
            ),
            (
                "Government of National Consensus".into(),
                "gna".into(),
                MatchKind::Variant,
                "Government of National Accord".into()
            ),
        ]
    );
}

#[test]
fn longest_name_wins() {
    let found = scan("Saif al-Islam Gaddafi spoke.");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "Saif al-Islam Gaddafi");
    let found = scan("Later Gaddafi fled.");
    assert_eq!(found[0].1, "muammar-gaddafi");
}

#[test]
fn headline_case_and_articles() {
    assert_eq!(scan("TARKHUNA FALLS")[0].3, "TARHUNA");
    // Abbreviations written out in a headline keep its capitals; a line
    // of abbreviations alone is no headline.
    let house = Matcher::new(crate::glossary::house::house_entries().expect("house glossary"));
    let found = scan_with(&house, "GNA FORCES RETAKE TARHUNA\n");
    assert_eq!(found[0].3, "GOVERNMENT OF NATIONAL ACCORD");
    let found = scan_with(&house, "GNA, LNA, HOR, NOC\n");
    let got: Vec<&str> = found.iter().map(|f| f.3.as_str()).collect();
    assert_eq!(
        got,
        [
            "Government of National Accord",
            "Libyan National Army",
            "House of Representatives",
            "National Oil Corporation"
        ]
    );
    // `HoR`, listed in more capitals than small letters, is written out
    // as `GNA` is.
    let found = scan_with(&house, "HOR SPEAKER RESIGNS\n");
    assert_eq!(found[0].3, "HOUSE OF REPRESENTATIVES");
    let found = scan("Fighting in Az Zawiyah.");
    assert_eq!(found[0].0, "Az Zawiyah");
    assert_eq!(found[0].3, "Zawiya");
}

#[test]
fn russian_inflection() {
    let found = scan("Встреча с Хифтером и Правительством национального консенсуса в Тархуне.");
    let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.3.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("Хифтером", "Хафтаром"),
            (
                "Правительством национального консенсуса",
                "Правительством национального согласия"
            ),
            ("Тархуне", "Тархуне"),
        ]
    );
    assert_eq!(found[2].2, MatchKind::Canonical);
}

/// Asserts that [`scan`] finds in `text` just `want`, as `(found,
/// suggestion, kind)`.
fn assert_finds(text: &str, want: &[(&str, &str, MatchKind)]) {
    let got = scan(text);
    let got: Vec<(&str, &str, MatchKind)> = got
        .iter()
        .map(|f| (f.0.as_str(), f.3.as_str(), f.2))
        .collect();
    assert_eq!(got, want, "{text:?}");
}

#[test]
fn arabic_clitics() {
    assert_finds(
        "وصل الوفد ومصراته ثم وبترهونة وحفتر.",
        &[
            ("ومصراته", "ومصراتة", MatchKind::Fuzzy),
            ("وبترهونة", "وبترهونة", MatchKind::Canonical),
            ("وحفتر", "وحفتر", MatchKind::Canonical),
        ],
    );
}

/// Mixed text glues Arabic clitics to names in other scripts too; they
/// stay, as before an Arabic name, and so does an article behind them
/// when the spelling has one.
#[test]
fn arabic_clitics_before_a_latin_name() {
    assert_finds(
        "وTarkhuna وTarhuna وGovernment of National Consensus وaz-Zawiya وMISURATA.",
        &[
            ("وTarkhuna", "وTarhuna", MatchKind::Variant),
            ("وTarhuna", "وTarhuna", MatchKind::Canonical),
            (
                "وGovernment of National Consensus",
                "وGovernment of National Accord",
                MatchKind::Variant,
            ),
            // The spelling `Zawiya` has no article: the name is found
            // without the word the article is glued into.
            ("Zawiya", "Zawiya", MatchKind::Canonical),
            ("وMISURATA", "وMISRATA", MatchKind::Variant),
        ],
    );
}

#[test]
fn precision_guards() {
    // Inside URLs, e-mails, handles; inside longer words; ordinary words.
    assert!(scan("See https://example.org/tarkhuna and news@tarkhuna.ly or @Tarkhuna.").is_empty());
    assert!(scan("The Tarkhunas and Misratan traders.").is_empty());
    assert!(scan("Misery and Tarot cards after the market.").is_empty());
}

#[test]
fn unlisted_spellings_by_similarity() {
    let found = scan("Clashes near Misuratah and Tarkhouna.");
    let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect();
    assert_eq!(
        got,
        vec![("Misuratah", "misrata"), ("Tarkhouna", "tarhuna")]
    );
    assert!(found.iter().all(|f| f.2 == MatchKind::Fuzzy));
}

#[test]
fn surname_alone() {
    let found = scan("Hifter said; Haftar's men.");
    assert_eq!(found[0].3, "Haftar");
    assert_eq!(found[1].0, "Haftar");
    assert_eq!(found[1].2, MatchKind::Canonical);
}

#[test]
fn an_everyday_word_at_a_sentence_start_is_no_surname_alone() {
    let m = Matcher::new(vec![entry(
        "abdel-raouf-kara",
        "person",
        &[("en", "Abdel Raouf Kara"), ("ru", "Абдель Рауф Кара")],
        &[],
    )]);
    // `кара`, punishment, opens the sentence: its capital tells nothing.
    assert!(listed_entries(&m, "Кара за это будет суровой. Карой стал штраф.").is_empty());
    // Inside a sentence the capital tells it, and so does the text that
    // names him in full.
    let kara = |found: &str| (found.to_string(), "abdel-raouf-kara".to_string());
    assert_eq!(listed_entries(&m, "Командир Кара заявил."), [kara("Кара")]);
    assert_eq!(
        listed_entries(&m, "Отряд возглавляет Абдель Рауф Кара. Кара заявил."),
        [kara("Абдель Рауф Кара"), kara("Кара")]
    );
}

#[test]
fn a_name_by_similarity_after_a_capitalised_name_word_is_someone_elses() {
    let m = Matcher::new(vec![entry(
        "ghassan-salame",
        "person",
        &[("en", "Ghassan Salame")],
        &[("en", "Ghassan Salameh")],
    )]);
    let fuzzy = |text: &str| -> Vec<String> {
        m.scan(text, &FUZZY)
            .into_iter()
            .filter(|x| x.confidence >= 0.8)
            .map(|x| text[x.start..x.end].to_string())
            .collect()
    };
    assert!(fuzzy("Ali Hassan Salameh was named.").is_empty());
    // After a title, a lower-case word or nothing, the name misspelt.
    assert_eq!(fuzzy("UN envoy Hassan Salameh spoke."), ["Hassan Salameh"]);
    assert_eq!(fuzzy("Envoy Ghasan Salame spoke."), ["Ghasan Salame"]);
    assert_eq!(fuzzy("Salameh spoke later."), ["Salameh"]);
}

#[test]
fn a_name_hyphenated_at_a_line_end() {
    assert_finds(
        "Forces entered Tar-\nkhuna and Tar-\nhuna.",
        &[
            ("Tar-\nkhuna", "Tarhuna", MatchKind::Variant),
            ("Tar-\nhuna", "Tarhuna", MatchKind::Canonical),
        ],
    );
}

#[test]
fn soft_hyphens_inside_a_name_are_read_through() {
    // Text pasted from web pages carries invisible break points (U+00AD);
    // the span covers them, and a house form with one is still in house
    // form.
    let found = scan(
        "Forces reached Tar\u{AD}khuna, Mis\u{AD}u\u{AD}rata and Tar\u{AD}huna; \
         Силы вошли в Мису\u{AD}рату.",
    );
    let got: Vec<(&str, &str, MatchKind, &str)> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2, f.3.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Tar\u{AD}khuna", "tarhuna", MatchKind::Variant, "Tarhuna"),
            (
                "Mis\u{AD}u\u{AD}rata",
                "misrata",
                MatchKind::Variant,
                "Misrata"
            ),
            ("Tar\u{AD}huna", "tarhuna", MatchKind::Canonical, "Tarhuna"),
            // As `Мисурату` is: no Russian variant is listed here.
            ("Мису\u{AD}рату", "misrata", MatchKind::Fuzzy, "Мисрату"),
        ]
    );
    assert_eq!(
        scan("Силы вошли в Мисурату и Тар\u{AD}хуной.")
            .into_iter()
            .map(|f| (f.1, f.2, f.3))
            .collect::<Vec<_>>(),
        scan("Силы вошли в Мису\u{AD}рату и Тархуной.")
            .into_iter()
            .map(|f| (f.1, f.2, f.3))
            .collect::<Vec<_>>()
    );
    // Listed spellings alone, and in a name of several words.
    let m = matcher();
    assert_eq!(
        listed_entries(
            &m,
            "Khalifa Hif\u{AD}ter and the Govern\u{AD}ment of National Con\u{AD}sensus."
        ),
        [
            ("Khalifa Hif\u{AD}ter".into(), "khalifa-haftar".into()),
            (
                "Govern\u{AD}ment of National Con\u{AD}sensus".into(),
                "gna".into()
            ),
        ]
    );
}

#[test]
fn a_soft_hyphen_at_a_line_end_breaks_a_word_as_a_hyphen_does() {
    // UAX #29 keeps the soft hyphen in the word before the line break.
    assert_finds(
        "Forces entered Tar\u{AD}\nkhuna and Tar\u{AD}\r\nhuna.",
        &[
            ("Tar\u{AD}\nkhuna", "Tarhuna", MatchKind::Variant),
            ("Tar\u{AD}\r\nhuna", "Tarhuna", MatchKind::Canonical),
        ],
    );
    // In a Russian case form of a name of several words too.
    let m = werfalli();
    assert_eq!(
        listed_entries(
            &m,
            "ордер на арест Махмуда аль-Вар\u{AD}\nфалли в 2017 году"
        ),
        [(
            "Махмуда аль-Вар\u{AD}\nфалли".into(),
            "mahmoud-al-werfalli".into()
        )]
    );
    // A soft hyphen before white space other than a line break joins
    // nothing, nor does a line break after a word without one.
    assert!(scan("Forces entered Tar\u{AD} khuna and Tar\nkhuna.").is_empty());
}

/// A commander, and the tribe whose name his ends with.
fn werfalli() -> Matcher {
    Matcher::new(vec![
        entry(
            "mahmoud-al-werfalli",
            "person",
            &[("ru", "Махмуд аль-Варфалли")],
            &[],
        ),
        entry("warfalla", "term", &[("ru", "варфалла")], &[]),
    ])
}

#[test]
fn a_russian_case_form_hyphenated_at_a_line_end() {
    // Read joined up, the genitive is the commander's, not the tribe
    // (`варфалла`) found inside it.
    let m = werfalli();
    let found = scan_with(&m, "ордер на арест Махмуда аль-Вар-\nфалли в 2017 году");
    let got: Vec<(&str, &str, MatchKind, &str)> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2, f.3.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![(
            "Махмуда аль-Вар-\nфалли",
            "mahmoud-al-werfalli",
            MatchKind::Canonical,
            "Махмуда аль-Варфалли"
        )]
    );
}

#[test]
fn a_word_broken_at_a_line_end_after_a_first_name_word() {
    // `а-⏎ль` is the article `аль`: the first two words are no pair that
    // starts a listed spelling until the third joins the second.
    let m = werfalli();
    assert_eq!(
        listed_entries(&m, "приказ Махмуд а-\nль-Варфалли отдал"),
        [(
            "Махмуд а-\nль-Варфалли".into(),
            "mahmoud-al-werfalli".into()
        )]
    );
}

#[test]
fn a_word_no_name_alone_is_still_the_start_of_a_longer_one() {
    // `на` is the stem of a name's first word, and no name alone: known
    // so after its first mention, it still starts the longer name.
    let m = Matcher::new(vec![
        entry("naya", "person", &[("ru", "Ная Хасуна")], &[]),
        entry("na-hill", "place", &[("ru", "на холме Тархун")], &[]),
    ]);
    let text = "сказал на встрече, на холме Тархун и на холме Тархун.";
    let hill = ("на холме Тархун".to_string(), "na-hill".to_string());
    assert_eq!(listed_entries(&m, text), [hill.clone(), hill]);
}

#[test]
fn a_surname_inside_another_name_is_still_one_alone_later() {
    // Turned down for the word before it, not for itself: `Hifter` is
    // not remembered as no name.
    let text = "Saddam Hifter left. Hifter said so.";
    let options = ScanOptions::default();
    let found: Vec<(usize, String)> = (matcher().scan(text, &options).into_iter())
        .map(|m| (m.start, m.suggestion))
        .collect();
    assert_eq!(found, [(text.rfind("Hifter").unwrap(), "Haftar".into())]);
}

#[test]
fn cyrillic_articles_belong_to_the_name() {
    let m = Matcher::new(vec![entry(
        "abdel-fattah-al-sisi",
        "person",
        &[
            ("en", "Abdel Fattah al-Sisi"),
            ("ru", "Абдель Фаттах ас-Сиси"),
        ],
        &[],
    )]);
    let text = "Накануне ас-Сиси обсудил ситуацию.";
    let found = m.scan(text, &FUZZY);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].start..found[0].end], "ас-Сиси");
    assert_eq!(found[0].kind, MatchKind::Canonical);
}

#[test]
fn blocks_of_any_size_find_what_one_block_finds() {
    let m = matcher();
    let fixtures = concat!(
        include_str!("../../tests/fixtures/articles/en-tarhuna.txt"),
        "\n",
        include_str!("../../tests/fixtures/articles/ru-haftar.txt"),
        "\n",
        include_str!("../../tests/fixtures/articles/ar-misrata.txt"),
    );
    let text = format!(
        "{fixtures}\nKhalifa  Hifter met Tar-\nkhuna elders; see https://x.org/Tarkhuna \
         and @Tarkhuna. Government of National\nAccord, وبترهونة، Халифой Хафтаром.\n\n\
         TARKHUNA Khalifa Heftar Tarhouna"
    );
    for fuzzy in [false, true] {
        let options = ScanOptions { fuzzy, lang: None };
        let whole = m.scan_in_blocks(&text, &options, usize::MAX);
        assert!(whole.len() >= 10, "{whole:?}");
        for block in [0, 1, 5, 17, 64, 200] {
            let cut = m.scan_in_blocks(&text, &options, block);
            assert_eq!(cut, whole, "blocks of {block} bytes, fuzzy {fuzzy}");
        }
    }
}

#[test]
fn a_name_found_by_similarity_is_written_in_one_script() {
    let m = matcher();
    let options = FUZZY;
    let text = "Встреча: Халифа Хафтарр خليفة حفتر Khalifa حفتر, Халифа حفتر прибыл.";
    let found = m.scan(text, &options);
    assert!(found.len() >= 2, "{found:?}");
    for mention in &found {
        let span = &text[mention.start..mention.end];
        let scripts: std::collections::HashSet<Script> =
            span.chars().filter_map(Script::of_char).collect();
        assert_eq!(scripts.len(), 1, "{span:?} mixes scripts");
    }
}

fn rules_matcher() -> Matcher {
    let mut zuwara = entry(
        "zuwara",
        "place",
        &[("en", "Zuwara"), ("ru", "Зувара")],
        &[],
    );
    zuwara.case = CaseRule::Sensitive;
    let mut jufra = entry("jufra", "place", &[("en", "Jufra")], &[]);
    jufra.matching = MatchRule::Exact;
    jufra.add_form("en", crate::glossary::Status::Admitted, "Al Jufrah");
    let mut tarhuna = entry(
        "tarhuna",
        "place",
        &[("en", "Tarhuna")],
        &[("en", "Tarkhuna")],
    );
    tarhuna.add_form("en", crate::glossary::Status::Forbidden, "Tarhunah");
    Matcher::new(vec![zuwara, jufra, tarhuna])
}

#[test]
fn an_admitted_form_written_otherwise_is_brought_to_it() {
    let mut saif = entry(
        "saif-al-islam-gaddafi",
        "person",
        &[
            ("en", "Saif al-Islam Gaddafi"),
            ("ru", "Сейф аль-Ислам Каддафи"),
            ("ar", "سيف الإسلام القذافي"),
        ],
        &[
            ("en", "Seif al-Islam Gaddafi"),
            ("ru", "Саиф аль-Ислам Каддафи"),
        ],
    );
    for (lang, form) in [
        ("en", "Saif al-Islam"),
        ("ru", "Сейф аль-Ислам"),
        ("ar", "سيف الإسلام"),
    ] {
        saif.add_form(lang, crate::glossary::Status::Admitted, form);
    }
    let m = Matcher::new(vec![saif]);
    let found = |text: &str| {
        scan_with(&m, text)
            .into_iter()
            .map(|(found, _, kind, suggestion)| (found, kind, suggestion))
            .collect::<Vec<_>>()
    };
    let row =
        |found: &str, kind, suggestion: &str| (found.to_string(), kind, suggestion.to_string());
    // As listed, in any case or Russian case: acceptable as written.
    assert_eq!(
        found("Saif al-Islam spoke. SAIF AL-ISLAM. С Сейфом аль-Исламом. قال سيف الإسلام."),
        [
            row("Saif al-Islam", MatchKind::Admitted, "Saif al-Islam"),
            row("SAIF AL-ISLAM", MatchKind::Admitted, "SAIF AL-ISLAM"),
            row(
                "Сейфом аль-Исламом",
                MatchKind::Admitted,
                "Сейфом аль-Исламом"
            ),
            row("سيف الإسلام", MatchKind::Admitted, "سيف الإسلام"),
        ]
    );
    // Written otherwise: brought to the admitted form, not the full name,
    // case, Russian case and clitics kept. As a listed variant spells its
    // first words (`Seif al-Islam Gaddafi`, `Саиф аль-Ислам Каддафи`), it
    // is a listed variant; in what folding evens out, a similar spelling.
    assert_eq!(
        found("Saif el-Islam spoke. SEIF AL-ISLAM. С Саифом аль-Исламом. ولسيف الاسلام."),
        [
            row("Saif el-Islam", MatchKind::Fuzzy, "Saif al-Islam"),
            row("SEIF AL-ISLAM", MatchKind::Variant, "SAIF AL-ISLAM"),
            row(
                "Саифом аль-Исламом",
                MatchKind::Variant,
                "Сейфом аль-Исламом"
            ),
            row("ولسيف الاسلام", MatchKind::Fuzzy, "ولسيف الإسلام"),
        ]
    );
    // In the case the drift note compares apart from the nominative.
    assert_eq!(
        found("Саиф аль-Ислам и Саифа аль-Ислама."),
        [
            row("Саиф аль-Ислам", MatchKind::Variant, "Сейф аль-Ислам"),
            row("Саифа аль-Ислама", MatchKind::Variant, "Сейфа аль-Ислама"),
        ]
    );
    // The short form, then the rest of the full name spelt otherwise:
    // the full name, not the short form and a surname alone.
    assert_eq!(
        found("Seif al-Islam Kadhafi was held. Saif al-Islam Kadafy too."),
        [
            row(
                "Seif al-Islam Kadhafi",
                MatchKind::Fuzzy,
                "Saif al-Islam Gaddafi"
            ),
            row(
                "Saif al-Islam Kadafy",
                MatchKind::Fuzzy,
                "Saif al-Islam Gaddafi"
            ),
        ]
    );
    // The full name still wins, in any case.
    assert_eq!(
        found("Сейфа аль-Ислама Каддафи судят."),
        [row(
            "Сейфа аль-Ислама Каддафи",
            MatchKind::Canonical,
            "Сейфа аль-Ислама Каддафи"
        )]
    );
}

#[test]
fn a_russian_name_ending_in_a_consonant_is_found_in_its_cases_only() {
    let m = Matcher::new(vec![entry(
        "moussa-ibrahim",
        "person",
        &[("en", "Moussa Ibrahim"), ("ru", "Муса Ибрагим")],
        &[],
    )]);
    // `Ибрагим` reads as `Ибраг` + `им`; its cases add to the whole word.
    assert_eq!(
        listed_entries(&m, "С Мусой Ибрагимом. У Мусы Ибрагима. Муса Ибрагим."),
        [
            ("Мусой Ибрагимом".to_string(), "moussa-ibrahim".to_string()),
            ("Мусы Ибрагима".to_string(), "moussa-ibrahim".to_string()),
            ("Муса Ибрагим".to_string(), "moussa-ibrahim".to_string()),
        ]
    );
    // `Ибрагимов` is another surname, not a case of `Ибрагим`.
    assert!(listed_entries(&m, "Депутат Муса Ибрагимов заявил.").is_empty());
}

#[test]
fn a_russian_name_from_two_listed_spellings_is_found_in_any_case() {
    let m = Matcher::new(vec![entry(
        "moussa-koussa",
        "person",
        &[("en", "Moussa Koussa"), ("ru", "Муса Куса")],
        &[("ru", "Мусса Кусса")],
    )]);
    assert_suggestions(
        &m,
        "Встреча с Мусой Куссой. Звонили Мусе Куссе. Журналист Ахмед Кусса молчал.",
        &[
            ("Мусой Куссой", "moussa-koussa", "Мусой Кусой"),
            ("Мусе Куссе", "moussa-koussa", "Мусе Кусе"),
        ],
    );
}

fn kinds(m: &Matcher, text: &str) -> Vec<(String, MatchKind)> {
    scan_with(m, text)
        .into_iter()
        .map(|(found, _, kind, _)| (found, kind))
        .collect()
}

#[test]
fn statuses_give_their_kinds() {
    let m = rules_matcher();
    assert_eq!(
        kinds(&m, "From Al Jufrah to Tarhunah and Tarkhuna."),
        [
            ("Al Jufrah".to_string(), MatchKind::Admitted),
            ("Tarhunah".to_string(), MatchKind::Forbidden),
            ("Tarkhuna".to_string(), MatchKind::Variant),
        ]
    );
}

#[test]
fn a_case_sensitive_entry_needs_its_capitals() {
    let m = rules_matcher();
    assert!(kinds(&m, "the zuwara of the poem").is_empty());
    assert_eq!(kinds(&m, "Boats left Zuwara.").len(), 1);
    assert_eq!(kinds(&m, "BOATS LEFT ZUWARA").len(), 1);
    assert_eq!(kinds(&m, "Лодки вышли из Зуварой.").len(), 1);
}

#[test]
fn an_exact_entry_is_never_found_by_similarity() {
    let m = rules_matcher();
    assert!(kinds(&m, "Planes landed in Jufrra.").is_empty());
    assert_eq!(
        kinds(&m, "Planes landed in Tarhunna."),
        [("Tarhunna".to_string(), MatchKind::Fuzzy)]
    );
}

/// What a word is by similarity is remembered only where its context had
/// no say: a misspelling seen first inside another person's name must not
/// hide the same misspelling seen later on its own.
#[test]
fn earlier_text_does_not_change_what_is_found() {
    let later = "Forces reached Tarhunna at dawn.";
    let alone = kinds(&rules_matcher(), later);
    assert_eq!(alone, [("Tarhunna".to_string(), MatchKind::Fuzzy)]);
    let used = rules_matcher();
    assert!(kinds(&used, "Judge Bob Tarhunna spoke.").is_empty());
    assert_eq!(kinds(&used, later), alone);
}

#[test]
fn an_arabic_word_with_the_article_is_no_name_listed_without_it() {
    let m = Matcher::new(vec![
        entry(
            "tarek-mitri",
            "person",
            &[("en", "Tarek Mitri"), ("ar", "طارق متري")],
            &[],
        ),
        entry(
            "moussa-koussa",
            "person",
            &[("en", "Moussa Koussa"), ("ar", "موسى كوسة")],
            &[],
        ),
        // A name whose first letters read as a preposition and the article.
        entry(
            "kallati",
            "place",
            &[("en", "Kallati"), ("ar", "كالتي")],
            &[],
        ),
    ]);
    let entries = |text: &str| found_entries(&m, text);
    // The article read off as if it were a clitic, by a listed spelling
    // and by similarity (`الكوسا`, a spelling close to `كوسة`).
    assert_eq!(entries("ارتفع سعر الطن المتري هذا الأسبوع."), vec![]);
    assert_eq!(entries("بيعت الطماطم والكوسة والكوسا بسعر مرتفع."), vec![]);
    // Without the article the surnames are found, clitics and all.
    assert_eq!(
        entries("قال متري إن الحوار مستمر، ورد عليه وكوسة."),
        vec![
            ("متري".to_string(), "tarek-mitri".to_string()),
            ("وكوسة".to_string(), "moussa-koussa".to_string()),
        ]
    );
    assert_eq!(
        entries("زار الوفد كالتي ثم وكالتي."),
        vec![
            ("كالتي".to_string(), "kallati".to_string()),
            ("وكالتي".to_string(), "kallati".to_string()),
        ]
    );
}

#[test]
fn an_arabic_surname_alone_is_found_as_listed_never_by_similarity() {
    let m = Matcher::new(vec![entry(
        "ibrahim-jadhran",
        "person",
        &[("en", "Ibrahim Jadhran"), ("ar", "إبراهيم الجضران")],
        &[],
    )]);
    let found = |text: &str| -> Vec<String> {
        scan_with(&m, text)
            .into_iter()
            .map(|(found, _, _, _)| found)
            .collect()
    };
    // One letter from the surname, and an everyday word: the walls.
    assert_eq!(
        found("كتب المحتجون شعارات على الجدران."),
        Vec::<String>::new()
    );
    // The surname as listed, and the full name misspelt, still are.
    assert_eq!(found("وقال الجضران إن الموانئ ستفتح."), vec!["الجضران"]);
    assert_eq!(
        found("وقال إبراهيم الجدران إن الموانئ ستفتح."),
        vec!["إبراهيم الجدران"]
    );
}

proptest::proptest! {
    /// Line-break hyphens and soft hyphens go, and nothing else; a text
    /// without a line break or a soft hyphen is borrowed.
    #[test]
    fn dehyphenating_removes_breaking_hyphens_only(text in "[a\\-\u{AD}\r\n]{0,12}") {
        let by_kinds = text
            .replace("-\r\n", "")
            .replace("-\n", "")
            .replace("\u{AD}\r\n", "")
            .replace("\u{AD}\n", "")
            .replace('\u{AD}', "");
        let joined = dehyphenate(&text);
        if !text.contains(['\u{AD}', '\n']) {
            proptest::prop_assert!(matches!(joined, Cow::Borrowed(_)));
        }
        proptest::prop_assert_eq!(joined, by_kinds);
    }
}

#[test]
fn everyday_arabic_words_are_names_only_as_listed() {
    // Names that fold as everyday words do (`ألي` as `إلى`, to) or come a
    // letter from one (`المينة`, `المدينة` the city; `وولت`, `وصلت` arrived).
    let m = Matcher::new(vec![
        entry("ali-1", "person", &[("en", "Alee"), ("ar", "ألي")], &[]),
        entry("mina", "place", &[("en", "Al-Mina"), ("ar", "المينة")], &[]),
        entry("wolt", "place", &[("en", "Wolt"), ("ar", "وولت")], &[]),
        entry(
            "qalat",
            "place",
            &[("en", "Qalat Zentuba"), ("ar", "قالت زنتوبة")],
            &[],
        ),
    ]);
    let found = |text: &str| found_entries(&m, text);
    assert_eq!(
        found("وصلت القافلة إلى المدينة قبل الظهر، ثم عادت الى الطريق."),
        Vec::<(String, String)>::new()
    );
    // A particle behind a conjunction too (`وإلى`, and to), however short.
    assert_eq!(
        found("جلس وإلى جانبه مستشاره، فإلى أين يذهب؟"),
        Vec::<(String, String)>::new()
    );
    // Written as listed, behind clitics too, they are the names.
    assert_eq!(
        found("زار الوفد ألي ثم المينة ووولت وألي."),
        vec![
            ("ألي".to_string(), "ali-1".to_string()),
            ("المينة".to_string(), "mina".to_string()),
            ("ووولت".to_string(), "wolt".to_string()),
            ("وألي".to_string(), "ali-1".to_string()),
        ]
    );
    // A misspelling that is no everyday word still is found, and so is a
    // name of several words that starts with one.
    assert_eq!(
        found("زار الوفد المينه."),
        vec![("المينه".to_string(), "mina".to_string())]
    );
    assert_eq!(
        found("زار الوفد قالت زنتوية."),
        vec![("قالت زنتوية".to_string(), "qalat".to_string())]
    );
    // A listed name of several words is found in any spelling that folds
    // as it does, its first word everyday or not.
    assert_eq!(
        found("زار الوفد قالت زنتوبه."),
        vec![("قالت زنتوبه".to_string(), "qalat".to_string())]
    );
    // Behind a clitic an everyday word is no name either, and a name
    // written with vowel marks, or with its article contracted after `ل`,
    // still is the name.
    assert_eq!(
        found("وقالت المصادر: فالمدينة هادئة، ثم ألِي وللمينة."),
        vec![
            ("ألِي".to_string(), "ali-1".to_string()),
            ("وللمينة".to_string(), "mina".to_string()),
        ]
    );
    // An everyday word listed whole with its clitics (`لصالح`, in favour
    // of) is no name behind them, though the rest is one (`صالح`); the
    // name behind other clitics still is found.
    let m2 = Matcher::new(vec![entry(
        "saleh",
        "person",
        &[("en", "Saleh"), ("ar", "صالح")],
        &[],
    )]);
    assert_eq!(
        found_entries(&m2, "صوت المجلس لصالح القرار، وقال صالح إنه راض."),
        vec![("صالح".to_string(), "saleh".to_string())]
    );
    assert_eq!(
        found_entries(&m2, "وصالح وبصالح"),
        vec![
            ("وصالح".to_string(), "saleh".to_string()),
            ("وبصالح".to_string(), "saleh".to_string()),
        ]
    );
    // Everyday words together are no name either.
    assert_eq!(
        found("قالت المدينة إن الطريق مفتوح."),
        Vec::<(String, String)>::new()
    );
}

/// Names a letter or two apart, so that a misspelling is close to
/// several of them with different scores.
fn near_names() -> &'static Matcher {
    static MATCHER: std::sync::OnceLock<Matcher> = std::sync::OnceLock::new();
    MATCHER.get_or_init(|| {
        let names = [
            "Rasdu",
            "Radu",
            "Rasu Dar",
            "Sardu",
            "Radun",
            "Darsu",
            "Rasdu Nur",
            "Dunas",
        ];
        Matcher::new(
            names
                .iter()
                .enumerate()
                .map(|(n, name)| entry(&format!("n{n}"), "person", &[("en", name)], &[]))
                .collect(),
        )
    })
}

proptest::proptest! {
    /// A shorter window is looked up with a floor just under the score
    /// of a longer one: it must come back as what the full lookup finds
    /// when that beats the floor's score, and as nothing otherwise (an
    /// extension of a listed spelling is looked up in full).
    #[test]
    fn a_floored_lookup_agrees_with_the_full_one(
        span in "[RrSsDdAaUuNn]{2,7}( [RrDdAaUuNn]{2,4})?",
        beaten in 0.70f64..0.98,
    ) {
        let m = near_names();
        m.forget_similar();
        let full = m.similar_span_uncached(&span, FUZZY_BOUND);
        let expected = if m.index.has_listed_prefix(&fold(&span)) {
            full
        } else {
            match full {
                Similar::Form { score, .. } if score > beaten => full,
                _ => Similar::Nothing,
            }
        };
        proptest::prop_assert_eq!(m.similar_span_beating(&span, Some(beaten)), expected);
        // What the floored lookup remembered is what a plain lookup says.
        proptest::prop_assert_eq!(m.similar_span_beating(&span, None), full);
        m.forget_similar();
    }
}

#[test]
fn a_mention_written_as_listed_resolves_as_the_long_way_does() {
    // Every spelling of the house glossary and of a small generated-like
    // one, with surnames, statuses and admitted forms.
    for m in [
        Matcher::new(crate::glossary::house::house_entries().expect("house glossary")),
        rules_matcher(),
        matcher(),
    ] {
        for form in m.index.forms() {
            if form.origin != Origin::House && form.script == Script::Cyrillic {
                continue;
            }
            let long = m
                .resolve(
                    &form.text,
                    form.script,
                    form,
                    Clitics::default(),
                    &ScanOptions::default(),
                )
                .map(|r| (r.lang, r.suggestion));
            assert_eq!(m.resolve_as_listed(form), long, "{}", form.text);
        }
    }
}

#[test]
fn a_words_readings_reach_as_far_as_its_stem_and_clitic_readings_do() {
    let m = matcher();
    let words = [
        "Tarhuna",
        "tarkhuna",
        "Тархуной",
        "Хафтаром",
        "Халифы",
        "на",
        "وبترهونة",
        "للحكومة",
        "فالوفاق",
        "حفتر",
        "وTarhuna",
        "Government",
        "the",
        "",
    ];
    for word in words {
        let folded = crate::text::fold_word(word);
        let bytes = folded.as_bytes();
        let hash = words::word_hash(bytes);
        let script = Script::detect(word);
        let expected = m.gate.reach(hash).max(match script {
            Script::Cyrillic => m.gate.reach_stem(bytes),
            _ => m.gate.reach_arabic(bytes),
        });
        let readings = m.gate.readings(script, bytes, hash);
        assert_eq!(m.gate.reach_of(&readings), expected, "{word}");
    }
    assert!(
        m.gate.reach_of(&m.gate.readings(
            Script::Cyrillic,
            "хафтаром".as_bytes(),
            words::word_hash("хафтаром".as_bytes())
        )) > 0
    );
    let clitics = "وبترهونة";
    let folded = crate::text::fold_word(clitics);
    let readings = m.gate.readings(
        Script::Arabic,
        folded.as_bytes(),
        words::word_hash(folded.as_bytes()),
    );
    assert!(m.gate.reach_of(&readings) > 0, "{clitics}");
}

#[test]
fn a_short_first_word_opens_a_name_misspelt_after_it() {
    // `Ali` is too short to start a name by similarity alone, but it starts
    // `Ali Zeidan`: the two words together are the name misspelt.
    let m = Matcher::new(vec![entry(
        "ali-zeidan",
        "person",
        &[
            ("en", "Ali Zeidan"),
            ("ru", "Али Зейдан"),
            ("ar", "علي زيدان"),
        ],
        &[],
    )]);
    let found = scan_with(
        &m,
        "Ali Zaydan resigned; Али Зайдан ушёл. Ali Hassan and Ali stayed.",
    );
    let found: Vec<(&str, &str, MatchKind)> = found
        .iter()
        .map(|(f, e, k, _)| (f.as_str(), e.as_str(), *k))
        .collect();
    assert_eq!(
        found,
        [
            ("Ali Zaydan", "ali-zeidan", MatchKind::Fuzzy),
            ("Али Зайдан", "ali-zeidan", MatchKind::Fuzzy),
        ]
    );
    // Not in Arabic, where such short words (`على`, on, folds as `علي`) are
    // everywhere: the name is found as listed, with its clitics.
    assert_eq!(
        found_entries(&m, "وقال علي زيدان إن الوضع هادئ على الحدود."),
        [("علي زيدان".to_string(), "ali-zeidan".to_string())]
    );
}

#[test]
fn a_plus_sign_joins_the_words_of_a_name() {
    let m = Matcher::new(vec![entry(
        "jmc",
        "org",
        &[
            ("en", "5+5 Joint Military Commission"),
            ("ru", "Объединённая военная комиссия 5+5"),
        ],
        &[],
    )]);
    assert_eq!(
        listed_entries(
            &m,
            "The 5+5 Joint Military Commission met; заседание Объединённой военной комиссии 5+5 прошло."
        ),
        [
            ("5+5 Joint Military Commission".to_string(), "jmc".to_string()),
            (
                "Объединённой военной комиссии 5+5".to_string(),
                "jmc".to_string()
            ),
        ]
    );
    // With spaces around it, it joins two numbers, as a sum is written,
    // and the rewrite takes the spaces away, in the case found.
    let text = "The 5 + 5 Joint Military Commission met; руководство Объединённой военной комиссией 5 + 5.";
    assert_eq!(
        listed_entries(&m, text),
        [
            (
                "5 + 5 Joint Military Commission".to_string(),
                "jmc".to_string()
            ),
            (
                "Объединённой военной комиссией 5 + 5".to_string(),
                "jmc".to_string()
            ),
        ]
    );
    let suggestions: Vec<String> = m
        .scan(text, &ScanOptions::default())
        .into_iter()
        .map(|x| x.suggestion)
        .collect();
    assert_eq!(
        suggestions,
        [
            "5+5 Joint Military Commission",
            "Объединённой военной комиссией 5+5"
        ]
    );
}

#[test]
fn a_name_with_a_quoted_part_is_found_with_its_closing_quote() {
    let m = Matcher::new(vec![
        entry(
            "dignity",
            "event",
            &[
                ("en", "Operation Dignity"),
                ("ru", "операция «Достоинство»"),
            ],
            &[],
        ),
        entry("ali-zeidan", "person", &[("en", "Ali Zeidan")], &[]),
    ]);
    assert_suggestions(
        &m,
        "Хафтар начал операцию «Достоинство». Операцией \"Достоинство\" руководил он. Ali «Zeidan» spoke.",
        &[
            // The closing quote goes with the name: a rewrite leaves no
            // quote mark unpaired, and house style has its own marks.
            (
                "операцию «Достоинство»",
                "dignity",
                "операцию «Достоинство»"
            ),
            (
                "Операцией \"Достоинство\"",
                "dignity",
                "Операцией «Достоинство»"
            ),
            // Words are joined across a quote mark only for a spelling
            // with one: here the surname alone is the mention.
            ("Zeidan", "ali-zeidan", "Zeidan"),
        ]
    );
}

#[test]
fn a_window_closest_to_a_spelling_in_another_script_is_measured_by_its_own() {
    // `Мусе Куссе` comes closest by sound to `Moussa Koussa`, three letters
    // longer; `Муса Куса`, the Russian house form, is as long.
    let m = Matcher::new(vec![entry(
        "koussa",
        "person",
        &[("en", "Moussa Koussa"), ("ru", "Муса Куса")],
        &[("ru", "Мусса Кусса")],
    )]);
    let found = scan_with(&m, "О Мусе Куссе в докладе не упоминалось.");
    let found: Vec<(&str, &str, MatchKind, &str)> = found
        .iter()
        .map(|(f, e, k, s)| (f.as_str(), e.as_str(), *k, s.as_str()))
        .collect();
    assert_eq!(
        found,
        [("Мусе Куссе", "koussa", MatchKind::Fuzzy, "Мусе Кусе")]
    );
}

#[test]
fn abd_written_joined_is_the_name_written_apart() {
    // `عبدالحميد` is `عبد الحميد` written joined, behind clitics too; the
    // suggestion writes it apart, as the house does, and keeps the clitics.
    let m = Matcher::new(vec![
        entry(
            "dbeibah",
            "person",
            &[("en", "Abdul Hamid Dbeibah"), ("ar", "عبد الحميد الدبيبة")],
            &[],
        ),
        entry(
            "senussi",
            "person",
            &[("en", "Abdullah al-Senussi"), ("ar", "عبد الله السنوسي")],
            &[],
        ),
    ]);
    assert_suggestions(
        &m,
        "قال عبدالحميد الدبيبة إن الحكومة لم تسلم لعبدالله السنوسي أي رسالة، ثم التقى وبعبد الحميد الدبيبة.",
        &[
            ("عبدالحميد الدبيبة", "dbeibah", "عبد الحميد الدبيبة"),
            ("لعبدالله السنوسي", "senussi", "لعبد الله السنوسي"),
            ("وبعبد الحميد الدبيبة", "dbeibah", "وبعبد الحميد الدبيبة"),
        ]
    );
}

#[test]
fn a_first_name_misspelt_before_a_listed_surname_is_tried_with_it() {
    // No first name is listed alone for `Муатасим` to come close to; with
    // the surname after it the two words are the name misspelt.
    let m = Matcher::new(vec![
        entry(
            "muammar",
            "person",
            &[("en", "Muammar Gaddafi"), ("ru", "Муаммар Каддафи")],
            &[],
        ),
        entry(
            "mutassim",
            "person",
            &[("en", "Mutassim Gaddafi"), ("ru", "Мутассим Каддафи")],
            &[],
        ),
    ]);
    assert_suggestions(
        &m,
        "Его сын Муатасим Каддафи погиб. His son Muatasim Gaddafi died. Khalid Gaddafi and Каддафи молчали.",
        &[
            ("Муатасим Каддафи", "mutassim", "Мутассим Каддафи"),
            ("Muatasim Gaddafi", "mutassim", "Mutassim Gaddafi"),
            // `Khalid Gaddafi` is not close enough to be `Mutassim Gaddafi`
            // misspelt: another person, whose surname is none of theirs.
            ("Каддафи", "muammar", "Каддафи"),
        ]
    );
}

#[test]
fn a_listed_first_name_before_a_listed_surname_is_another_person_unless_close() {
    let m = Matcher::new(vec![
        entry(
            "khalifa-haftar",
            "person",
            &[("en", "Khalifa Haftar"), ("ru", "Халифа Хафтар")],
            &[],
        ),
        entry(
            "khalid-al-mishri",
            "person",
            &[("en", "Khalid al-Mishri")],
            &[],
        ),
        entry(
            "mohamed-al-menfi",
            "person",
            &[("en", "Mohamed al-Menfi")],
            &[],
        ),
        entry(
            "mohamed-al-kani",
            "person",
            &[("en", "Mohamed al-Kani")],
            &[],
        ),
    ]);
    // `Khalid` starts a listed name and `Haftar` is a listed surname, but
    // `Khalid Haftar` (a son) comes only so close to `Khalifa Haftar`.
    assert_eq!(
        found_entries(&m, "Khalid Haftar commands the brigade."),
        Vec::<(String, String)>::new()
    );
    // Close enough, it is the name misspelt.
    assert_eq!(
        found_entries(&m, "Mohamed Menfi arrived; Khalifa Hafta left."),
        [
            ("Mohamed Menfi".to_string(), "mohamed-al-menfi".to_string()),
            ("Khalifa Hafta".to_string(), "khalifa-haftar".to_string()),
        ]
    );
}

#[test]
fn arabic_name_words_are_read_behind_clitics_and_the_article() {
    let m = matcher();
    // `حكومة الوفاق الوطني` is listed: its words, with or without the
    // article and behind clitics, are name words (as folded); everyday words
    // are not.
    assert!(m.is_arabic_name_word(&fold_word("الوفاق")));
    assert!(m.is_arabic_name_word(&fold_word("وفاق")));
    assert!(m.is_arabic_name_word(&fold_word("وبالوفاق")));
    assert!(m.is_arabic_name_word(&fold_word("لحكومة")));
    assert!(!m.is_arabic_name_word(&fold_word("بعد")));
    assert!(!m.is_arabic_name_word(&fold_word("مصادر")));
    // A run with such a word in it is no misspelt name, while the
    // misspelt name itself still is.
    assert!(found_entries(&m, "وصلت حكومة مصادر جنوب المدينة.").is_empty());
    assert_eq!(
        found_entries(&m, "وصلت حكومه الوفاق الوطنى إلى المدينة."),
        vec![("حكومه الوفاق الوطنى".to_string(), "gna".to_string())]
    );
}

#[test]
fn after_a_plural_noun_in_ki_gi_khi_the_case_of_an_abbreviation_is_unknown() {
    let house = Matcher::new(crate::glossary::house::house_entries().expect("house glossary"));
    let options = FUZZY;
    // `Враги ЛНА`: `-ги` is the plural `-ы` as spelling writes it after
    // `г`, and the word may be a noun or not: the case is not known.
    for text in ["Враги ЛНА отступили.", "Враги ИГИЛ отступили."]
    {
        let found = house.scan(text, &options);
        assert_eq!(found.len(), 1, "{text}");
        assert!(found[0].confidence < 0.95, "{text}: {:?}", found[0]);
    }
    // A known governing word still tells it, and a noun known by its
    // suffix (`ячейка`, `-йка`) governs the genitive.
    for text in ["Отряды ЛНА вошли в город.", "Ячейки ЛНА действовали."]
    {
        let found = house.scan(text, &options);
        assert_eq!(
            found[0].suggestion, "Ливийской национальной армии",
            "{text}"
        );
        assert_eq!(found[0].confidence, 1.0, "{text}");
    }
}

#[test]
fn a_russian_surname_in_the_plural_names_the_family() {
    let m = Matcher::new(vec![
        entry(
            "khalifa-haftar",
            "person",
            &[("en", "Khalifa Haftar"), ("ru", "Халифа Хафтар")],
            &[("ru", "Халифа Хифтер")],
        ),
        entry(
            "bernardino-leon",
            "person",
            &[("en", "Bernardino Leon"), ("ru", "Бернардино Леон")],
            &[],
        ),
    ]);
    let found = |text: &str| -> Vec<(String, String, f64)> {
        m.scan(text, &ScanOptions::default())
            .into_iter()
            .map(|x| (text[x.start..x.end].to_string(), x.suggestion, x.confidence))
            .collect()
    };
    // A word for a family at a sentence start is no given name before it.
    let clan = found("Клан Хафтаров теряет влияние. Братьев Хифтеров видели.");
    assert_eq!(clan[0].0, "Хафтаров");
    assert_eq!(clan[0].2, 1.0);
    assert_eq!(
        (clan[1].0.as_str(), clan[1].1.as_str()),
        ("Хифтеров", "Хафтаров")
    );
    assert!(clan[1].2 >= 0.8, "{clan:?}");
    assert_eq!(found("Семье Хафтарам не до того.")[0].0, "Хафтарам");
    // With no such word, `-ов` makes another surname too.
    let leonov = found("Вчера Леонов прилетел.");
    assert!(leonov.iter().all(|f| f.2 < 0.8), "{leonov:?}");
}

#[test]
fn a_russian_misspelling_in_a_case_scores_as_in_the_nominative() {
    let m = Matcher::new(vec![entry(
        "fathi-bashagha",
        "person",
        &[("en", "Fathi Bashagha"), ("ru", "Фатхи Башага")],
        &[],
    )]);
    let found = |text: &str| -> (String, f64) {
        let x = m.scan(text, &FUZZY).remove(0);
        (x.suggestion, x.confidence)
    };
    let (nominative, score) = found("Вчера Фатхи Башагха приехал.");
    assert_eq!(nominative, "Фатхи Башага");
    for (text, suggestion) in [
        ("Встреча с Фатхи Башагхой прошла.", "Фатхи Башагой"),
        ("Встречу Фатхи Башагхи отменили.", "Фатхи Башаги"),
    ] {
        assert_eq!(found(text), (suggestion.to_string(), score), "{text}");
    }
}

#[test]
fn a_verb_ending_is_no_case_ending_of_a_misspelt_name() {
    let house = Matcher::new(crate::glossary::house::house_entries().expect("house glossary"));
    // `Собрать` read as `Сабрата` with `-ть` for a case ending scored 0.87.
    for text in ["Собрать подписи не удалось.", "Вчера решили собрать всех."]
    {
        let found = house.scan(text, &FUZZY);
        assert!(
            found.iter().all(|m| m.confidence < 0.8),
            "{text}: {found:?}"
        );
    }
    // A misspelling in a real case still scores as in the nominative.
    let found = house.scan("Встреча с Фатхи Башагхой прошла.", &FUZZY);
    assert_eq!(found.len(), 1);
    assert!(found[0].confidence >= 0.85, "{found:?}");
}

#[test]
fn a_suggestion_takes_the_spacing_between_words_the_text_has() {
    use super::spaced_as_found;
    assert_eq!(
        spaced_as_found("Khalifa\nHifter", "Khalifa Haftar").as_deref(),
        Some("Khalifa\nHaftar")
    );
    assert_eq!(
        spaced_as_found("Khalifa\u{a0}Hifter", "Khalifa Haftar").as_deref(),
        Some("Khalifa\u{a0}Haftar")
    );
    // Plain spaces, or another number of words: the suggestion as it is.
    assert_eq!(spaced_as_found("Khalifa Hifter", "Khalifa Haftar"), None);
    assert_eq!(spaced_as_found("Hifter\n", "Khalifa Haftar"), None);
    assert_eq!(
        spaced_as_found("Jebel\nNafusa", "Nafusa Mountains range"),
        None
    );
}

#[test]
fn combining_marks_tell_no_other_spelling() {
    use super::same_but_for_marks;
    assert!(same_but_for_marks(
        "Хафта\u{301}р",
        "Хафтар",
        Script::Cyrillic
    ));
    assert!(same_but_for_marks(
        "Дбеи\u{306}ба",
        "Дбейба",
        Script::Cyrillic
    ));
    assert!(!same_but_for_marks(
        "Хифте\u{301}р",
        "Хафтар",
        Script::Cyrillic
    ));
    // Outside Russian a mark is a letter of another spelling.
    assert!(!same_but_for_marks(
        "Misra\u{304}ta",
        "Misrata",
        Script::Latin
    ));
}

#[test]
fn a_blank_line_or_a_bullet_parts_two_words() {
    use super::tokens::joins_name;
    assert!(joins_name("\n"));
    assert!(joins_name(" \r\n"));
    assert!(!joins_name("\n\n"));
    assert!(!joins_name("\r\n\r\n"));
    assert!(!joins_name("\n- "));
    assert!(!joins_name("\u{2029}"));
}
