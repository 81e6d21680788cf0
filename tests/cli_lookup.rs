//! `dragoman lookup`, end to end, against real SQLite files: zero set-up,
//! the contract JSON, cross-script and running-text lookups on the house
//! glossary, and the human output.

mod common;

use common::{json, Desk};
use predicates::prelude::*;
use serde_json::Value;

/// The fields of a hit, for assertions and messages.
fn top(hits: &[Value], term: &str) -> (String, String, f64) {
    let h = hits
        .first()
        .unwrap_or_else(|| panic!("lookup {term:?}: no hits"));
    (
        h["entry"].as_str().unwrap().to_string(),
        h["kind"].as_str().unwrap().to_string(),
        h["score"].as_f64().unwrap(),
    )
}

#[test]
fn zero_setup_a_new_database_is_seeded_with_the_house_glossary() {
    let desk = Desk::new();
    assert!(!desk.db().exists());
    let hits = desk.lookup("Tarkhuna", &[]);
    assert!(desk.db().exists(), "lookup creates the database");
    let first = &hits[0];
    assert_eq!(first["entry"], "tarhuna");
    assert_eq!(first["kind"], "variant");
    assert_eq!(first["score"].as_f64(), Some(1.0));
    assert_eq!(first["matched"], "Tarkhuna");
    assert_eq!(first["lang"], "en");
    assert_eq!(first["forms"]["en"], "Tarhuna");
    assert_eq!(first["forms"]["ar"], "ترهونة");
    assert_eq!(first["forms"]["ru"], "Тархуна");
    // The database file is real SQLite.
    let header = std::fs::read(desk.db()).unwrap();
    assert!(header.starts_with(b"SQLite format 3\0"));
}

#[test]
fn json_hits_have_the_contract_fields_best_first() {
    let desk = Desk::new();
    let hits = desk.lookup("Haftar", &[]);
    assert!(hits.len() >= 2, "Haftar: {hits:?}");
    let mut previous = f64::INFINITY;
    for h in &hits {
        for field in ["entry", "score", "kind", "matched", "lang", "forms"] {
            assert!(h.get(field).is_some(), "hit without {field}: {h}");
        }
        let score = h["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score), "score out of 0..1: {h}");
        assert!(score <= previous, "hits not best first: {hits:?}");
        previous = score;
        assert!(
            ["canonical", "variant", "fuzzy"].contains(&h["kind"].as_str().unwrap()),
            "{h}"
        );
        assert!(h["forms"].is_object());
    }
    // A surname alone: the first bearer in glossary order, then the other.
    assert_eq!(hits[0]["entry"], "khalifa-haftar");
    assert_eq!(hits[0]["kind"], "fuzzy");
    assert_eq!(hits[1]["entry"], "saddam-haftar");
    assert!(hits[1]["score"].as_f64().unwrap() < 0.8);
}

#[test]
fn a_house_form_is_canonical_with_score_one() {
    let desk = Desk::new();
    for (term, lang) in [("Tarhuna", "en"), ("ترهونة", "ar"), ("Тархуна", "ru")] {
        let hits = desk.lookup(term, &[]);
        let (entry, kind, score) = top(&hits, term);
        assert_eq!((entry.as_str(), kind.as_str()), ("tarhuna", "canonical"));
        assert_eq!(score, 1.0, "{term}");
        assert_eq!(hits[0]["lang"], lang, "{term}");
        assert_eq!(hits[0]["matched"], term);
    }
}

#[test]
fn no_default_glossary_gives_an_empty_array() {
    let desk = Desk::new();
    desk.dragoman_empty()
        .args(["lookup", "Tarkhuna", "--json"])
        .assert()
        .success()
        .code(0)
        .stdout(predicate::function(|out: &str| {
            serde_json::from_str::<Value>(out).ok() == Some(Value::Array(vec![]))
        }));
    // The database was created empty, and stays so for later commands.
    assert!(desk.db().exists());
    assert!(desk.ids().is_empty());
    assert!(desk.lookup("Tarkhuna", &[]).is_empty());
}

#[test]
fn nothing_found_is_exit_zero_in_both_outputs() {
    let desk = Desk::new();
    desk.dragoman()
        .args(["lookup", "Qwxzvprt", "--json"])
        .assert()
        .code(0)
        .stdout("[]\n");
    desk.dragoman()
        .args(["lookup", "Qwxzvprt"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no glossary entry matches"))
        .stdout(predicate::str::contains("Qwxzvprt"));
}

/// An empty query is a usage error (contract: exit 2 for usage errors),
/// not a term that matches nothing (exit 0), with and without `--json`.
#[test]
fn an_empty_or_blank_query_is_a_usage_error() {
    let desk = Desk::new();
    for term in ["", " ", "\t \n", "\u{3000}\u{a0}"] {
        for json in [false, true] {
            let mut cmd = desk.dragoman();
            cmd.args(["lookup", term]);
            if json {
                cmd.arg("--json");
            }
            cmd.assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains("query is empty"))
                .stderr(predicate::str::contains("no glossary entry").not());
        }
    }
    // Nothing that folds to a letter or digit: no term either.
    for term in ["-", "\u{200b}", "«»"] {
        desk.dragoman()
            .args(["lookup", term])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("no letters or digits"));
    }
    assert!(
        !desk.db().exists(),
        "a usage error opens (or creates) no database"
    );
    // A term with white space around it is still a term.
    let hits = desk.lookup(" Tarkhuna\n", &[]);
    assert_eq!(hits[0]["entry"], "tarhuna");
}

#[test]
fn dragoman_db_environment_variable_sets_the_database() {
    let desk = Desk::new();
    let db = desk.path("from-env.db");
    desk.bare()
        .env("DRAGOMAN_DB", &db)
        .args(["glossary", "add", "env-only", "--en", "Envonly Qarn"])
        .assert()
        .success();
    assert!(db.exists());
    // The entry is in that database, and only there.
    let out = desk
        .bare()
        .env("DRAGOMAN_DB", &db)
        .args(["lookup", "Envonly Qarn", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json(&out)[0]["entry"], "env-only");
    assert_eq!(json(&out)[0]["kind"], "canonical");
    assert!(
        !desk.path("xdg-data").exists(),
        "default database untouched"
    );
    assert!(
        desk.lookup("Envonly Qarn", &[])
            .iter()
            .all(|h| h["entry"] != "env-only"),
        "the entry leaked into another database"
    );
}

#[test]
fn db_flag_overrides_the_environment_variable() {
    let desk = Desk::new();
    let env_db = desk.path("env.db");
    desk.bare()
        .env("DRAGOMAN_DB", &env_db)
        .arg("--db")
        .arg(desk.db())
        .args(["lookup", "Tarkhuna", "--json"])
        .assert()
        .success();
    assert!(desk.db().exists());
    assert!(!env_db.exists(), "DRAGOMAN_DB was used despite --db");
}

#[test]
fn db_flag_is_accepted_before_and_after_the_subcommand() {
    let desk = Desk::new();
    let db = desk.path("placed.db");
    desk.bare()
        .args(["glossary", "add", "after-flag", "--en", "Zarqun Oasis"])
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
    let before = desk
        .bare()
        .arg("--db")
        .arg(&db)
        .args(["lookup", "Zarqun Oasis", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let after = desk
        .bare()
        .args(["lookup", "Zarqun Oasis", "--json"])
        .arg("--db")
        .arg(&db)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json(&before)[0]["entry"], "after-flag");
    assert_eq!(before, after);
    // Also between `glossary` and its subcommand.
    desk.bare()
        .arg("glossary")
        .arg("--db")
        .arg(&db)
        .args(["show", "after-flag"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Zarqun Oasis"));
    assert!(
        !desk.path("xdg-data").exists(),
        "default database untouched"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn default_database_lives_under_xdg_data_home() {
    let desk = Desk::new();
    desk.bare()
        .args(["lookup", "Tarkhuna", "--json"])
        .assert()
        .success();
    assert!(desk.path("xdg-data/dragoman/dragoman.db").exists());
}

#[test]
fn version_flag_prints_the_version() {
    let desk = Desk::new();
    desk.bare()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn haftar_in_every_script_and_spelling() {
    let desk = Desk::new();
    for term in ["Хафтар", "حفتر", "Hifter", "Haftar"] {
        let hits = desk.lookup(term, &[]);
        let (entry, _, score) = top(&hits, term);
        assert_eq!(entry, "khalifa-haftar", "{term}: {hits:?}");
        assert!(score >= 0.8, "{term}: score {score}");
    }
}

#[test]
fn words_as_they_stand_in_running_text() {
    let desk = Desk::new();
    let cases = [
        ("Хафтаром", "khalifa-haftar"),
        ("وحفتر", "khalifa-haftar"),
        ("وبطرابلس", "tripoli"),
        ("Qadhafi", "muammar-gaddafi"),
        (
            "Правительства национального согласия",
            "government-of-national-accord",
        ),
    ];
    for (term, expected) in cases {
        let hits = desk.lookup(term, &[]);
        let (entry, _, score) = top(&hits, term);
        assert_eq!(entry, expected, "{term}: {hits:?}");
        assert!(score >= 0.8, "{term}: score {score}");
    }
    // A case form of a house form is still the house form.
    let hits = desk.lookup("Правительства национального согласия", &[]);
    assert_eq!(hits[0]["kind"], "canonical");
    assert_eq!(hits[0]["lang"], "ru");
    assert_eq!(
        hits[0]["forms"]["en"], "Government of National Accord",
        "{hits:?}"
    );
    // Clitics on a house form: canonical too.
    let hits = desk.lookup("وبطرابلس", &[]);
    assert_eq!(hits[0]["kind"], "canonical");
    assert_eq!(hits[0]["forms"]["en"], "Tripoli");
}

#[test]
fn a_listed_abbreviation_is_a_variant_of_its_house_form() {
    let desk = Desk::new();
    let hits = desk.lookup("GNA", &[]);
    let (entry, kind, score) = top(&hits, "GNA");
    assert_eq!(
        (entry.as_str(), kind.as_str(), score),
        ("government-of-national-accord", "variant", 1.0)
    );
}

#[test]
fn ordinary_words_stay_below_the_trust_threshold() {
    let desk = Desk::new();
    for word in ["Misery", "Tarot", "Sort", "the"] {
        let hits = desk.lookup(word, &[]);
        for h in &hits {
            assert!(
                h["score"].as_f64().unwrap() < 0.8,
                "{word} scored ≥ 0.8: {h}"
            );
        }
    }
}

#[test]
fn lang_never_filters_results() {
    let desk = Desk::new();
    // A Latin term said to be Russian still finds its entry through its
    // English variant.
    let hits = desk.lookup("Tarkhuna", &["--lang", "ru"]);
    let (entry, kind, score) = top(&hits, "Tarkhuna");
    assert_eq!(
        (entry.as_str(), kind.as_str(), score),
        ("tarhuna", "variant", 1.0)
    );
    assert_eq!(hits[0]["lang"], "en");
    // And a Cyrillic term said to be English.
    let hits = desk.lookup("Хафтар", &["--lang", "en"]);
    assert_eq!(top(&hits, "Хафтар").0, "khalifa-haftar");
    // Arabic said to be Russian.
    let hits = desk.lookup("ترهونة", &["--lang", "ru"]);
    assert_eq!(top(&hits, "ترهونة").0, "tarhuna");
    assert_eq!(hits[0]["lang"], "ar");
}

#[test]
fn lang_that_is_not_a_language_code_is_a_usage_error() {
    let desk = Desk::new();
    desk.dragoman()
        .args(["lookup", "Tarkhuna", "--lang", "russian"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--lang"))
        .stderr(predicate::str::contains("russian"));
}

#[test]
fn limit_caps_the_number_of_entries() {
    let desk = Desk::new();
    let all = desk.lookup("Haftar", &[]);
    assert!(all.len() >= 2 && all.len() <= 5, "{all:?}");
    let one = desk.lookup("Haftar", &["--limit", "1"]);
    assert_eq!(one.len(), 1);
    assert_eq!(one[0], all[0]);
    // A limit of none would read as "no match": a usage error.
    for limit in ["0", "many"] {
        desk.dragoman()
            .args(["lookup", "Haftar", "--limit", limit])
            .assert()
            .code(2);
    }
}

#[test]
fn human_output_shows_house_forms_variants_and_note() {
    let desk = Desk::new();
    let out = desk
        .dragoman()
        .args(["lookup", "Tarkhuna"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for expected in [
        "Tarhuna",
        "ترهونة",
        "Тархуна",
        "tarhuna",
        "Tarkhuna",
        "Tarhouna",
        "Terhuna",
        "Tarhunah",
        "al-Kaniyat militia stronghold",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(!text.contains('\x1b'), "colour despite NO_COLOR:\n{text}");
    assert!(!text.trim_start().starts_with('['), "not JSON:\n{text}");
}

#[test]
fn lookup_finds_imported_entries_in_every_language() {
    let desk = Desk::new();
    let tsv = desk.fixture("desk.tsv");
    let french = desk.fixture("french.tsv");
    desk.import(&tsv);
    desk.import(&french);
    let cases = [
        ("Nadia Ferhat", "nadia-farhat", "variant", "en"),
        ("CWB", "coastal-water-board", "variant", "en"),
        ("وادي كعام", "wadi-kaam", "canonical", "ar"),
        ("pont Kaam", "kaam-bridge", "variant", "fr"),
        ("pont de Kaam", "kaam-bridge", "canonical", "fr"),
    ];
    for (term, entry, kind, lang) in cases {
        let hits = desk.lookup(term, &[]);
        assert_eq!(hits[0]["entry"], entry, "{term}: {hits:?}");
        assert_eq!(hits[0]["kind"], kind, "{term}: {hits:?}");
        assert_eq!(hits[0]["lang"], lang, "{term}: {hits:?}");
        assert_eq!(hits[0]["score"].as_f64(), Some(1.0), "{term}");
    }
    // Running-text forms of the imported entries.
    for (term, entry) in [
        ("Прибрежного водного управления", "coastal-water-board"),
        ("وبوادي كعام", "wadi-kaam"),
    ] {
        let hits = desk.lookup(term, &[]);
        let (found, kind, score) = top(&hits, term);
        assert_eq!(found, entry, "{term}: {hits:?}");
        assert_eq!(kind, "canonical", "{term}");
        assert!(score >= 0.8, "{term}: {score}");
    }
    // The forms of the French entry include its extra language.
    let hits = desk.lookup("pont de Kaam", &[]);
    assert_eq!(hits[0]["forms"]["fr"], "pont de Kaam");
    assert_eq!(hits[0]["forms"]["en"], "Kaam Bridge");
}

/// What `check --all --json` says of `word` standing in `sentence`: its
/// entry, kind and suggestion, or `None` when it reports no mention there.
fn checked(desk: &Desk, sentence: &str, word: &str) -> Option<(String, String, String)> {
    let run = desk.run(
        &["check", "--all", "--json", "-"],
        Some(sentence.as_bytes()),
    );
    assert!(run.code <= 1, "{}", run.stderr);
    run.array()
        .into_iter()
        .find(|f| f["found"] == word)
        .map(|f| {
            let field = |k: &str| f[k].as_str().unwrap().to_string();
            (field("entry"), field("kind"), field("suggestion"))
        })
}

#[test]
fn lookup_agrees_with_check_on_a_word_check_rewrites() {
    let desk = Desk::new();
    // A final ه for ة is a misspelling check rewrites, with clitics or
    // without: lookup must not call it a house form.
    for (sentence, word) in [
        ("عاد الوفد أمس وبمصراته اجتمع بالأعيان", "وبمصراته"),
        ("وصل الوفد إلى مصراته مساء", "مصراته"),
    ] {
        let (entry, kind, suggestion) = checked(&desk, sentence, word).expect(word);
        assert_eq!((entry.as_str(), kind.as_str()), ("misrata", "fuzzy"));
        assert_ne!(suggestion, word);
        let hits = desk.lookup(word, &[]);
        let (top_entry, top_kind, score) = top(&hits, word);
        assert_eq!(
            (top_entry.as_str(), top_kind.as_str()),
            ("misrata", "fuzzy"),
            "{word}: {hits:?}"
        );
        assert!((0.8..1.0).contains(&score), "{word}: {score}");
    }
    // The house form with clitics is house style to both.
    let word = "ومصراتة";
    let (_, kind, _) = checked(&desk, "غادر الوفد طرابلس ومصراتة صباحا", word).unwrap();
    assert_eq!(kind, "canonical");
    assert_eq!(top(&desk.lookup(word, &[]), word).1, "canonical");
}

#[test]
fn lookup_names_the_entry_check_names_for_words_in_running_text() {
    let desk = Desk::new();
    for (sentence, word) in [
        ("The convoy reached Tarkhuna before noon.", "Tarkhuna"),
        ("Переговоры с Хифтером отложили.", "Хифтером"),
        ("Колонна вышла из Мисураты утром.", "Мисураты"),
        ("التقى الوفد وحفتر أمس", "وحفتر"),
        ("Fighters of ISIS were seen near the coast.", "ISIS"),
        ("Боевики ИГИЛ отступили.", "ИГИЛ"),
    ] {
        let (entry, kind, _) = checked(&desk, sentence, word).expect(word);
        let hits = desk.lookup(word, &[]);
        let (top_entry, top_kind, score) = top(&hits, word);
        assert_eq!(top_entry, entry, "{word}: {hits:?}");
        assert!(score >= 0.8, "{word}: {score}");
        // A surname alone is `fuzzy` to lookup whatever check calls it.
        if kind != "canonical" {
            assert_eq!(top_kind, kind, "{word}: {hits:?}");
        }
    }
}

#[test]
fn a_query_is_read_without_the_clues_running_text_gives() {
    let desk = Desk::new();
    // check holds an all-capitals abbreviation to its capitals in running
    // text, where "Isis" is a given name as often as the group; a query
    // typed on its own has no such clue, and lookup answers the variant.
    assert_eq!(
        checked(&desk, "Isis was the name of his late aunt.", "Isis"),
        None
    );
    let hits = desk.lookup("Isis", &[]);
    assert_eq!(top(&hits, "Isis").0, "islamic-state");
    assert_eq!(hits[0]["matched"], "ISIS");
    // So with the Russian `ДАИШ`: in capitals in running text, in any
    // case as a query.
    assert_eq!(checked(&desk, "В сводке упоминался Даиш.", "Даиш"), None);
    assert!(checked(&desk, "В сводке упоминался ДАИШ.", "ДАИШ").is_some());
    assert_eq!(top(&desk.lookup("Даиш", &[]), "Даиш").0, "islamic-state");
    // A name the glossary lacks is unknown to both.
    assert_eq!(
        checked(&desk, "В сводке упоминался Зангезур.", "Зангезур"),
        None
    );
    assert!(desk.lookup("Зангезур", &[]).is_empty());
}

/// A term the index finds nothing for gets the names `check` finds inside
/// it, as similar spellings below a sure answer: a title before a name,
/// a person's names in reverse order, Mustafa Abdul Jalil's surname.
#[test]
fn names_inside_a_longer_term_are_offered() {
    let desk = Desk::new();
    for (term, entry) in [
        ("Colonel Gaddafi", "muammar-gaddafi"),
        ("Field Marshal Haftar", "khalifa-haftar"),
        ("Хафтар Халифа", "khalifa-haftar"),
        ("Abdul Jalil", "mustafa-abdul-jalil"),
        ("عبد الجليل", "mustafa-abdul-jalil"),
        // Words beside a name the index scores below 0.8.
        ("the Libyan National Army", "libyan-national-army"),
        (
            "Libya's House of Representatives",
            "house-of-representatives",
        ),
        ("Палата представителей Ливии", "house-of-representatives"),
        ("مجلس النواب الليبي", "house-of-representatives"),
    ] {
        let hits = desk.lookup(term, &[]);
        let (found, kind, score) = top(&hits, term);
        assert_eq!(found, entry, "{term}: {hits:?}");
        assert_eq!(kind, "fuzzy", "{term}");
        assert!(score <= 0.95, "{term}: {score}");
    }
}

/// A Russian case form `check` reads as a listed spelling is an inflected
/// listed spelling to `lookup` too, whatever its ending does to the
/// index's score (`-им` and `-а`: `Мутассима Каддафи`).
#[test]
fn a_case_form_check_reads_as_listed_is_inflected_to_lookup() {
    let desk = Desk::new();
    for (term, entry) in [
        ("Мутассима Каддафи", "mutassim-gaddafi"),
        ("Мусой Ибрагимом", "moussa-ibrahim"),
        ("Муаммара Каддафи", "muammar-gaddafi"),
    ] {
        let hits = desk.lookup(term, &[]);
        let (found, kind, score) = top(&hits, term);
        assert_eq!(found, entry, "{term}: {hits:?}");
        assert_eq!(kind, "canonical", "{term}");
        assert!((score - 0.97).abs() < 1e-9, "{term}: {score}");
    }
}

/// Two names in one term: both are offered, at 0.8 or more.
#[test]
fn every_name_inside_a_term_is_offered() {
    let desk = Desk::new();
    let hits = desk.lookup("Haftar's LNA", &[]);
    let entries: Vec<&str> = hits.iter().filter_map(|h| h["entry"].as_str()).collect();
    assert_eq!(
        entries[..2],
        ["khalifa-haftar", "libyan-national-army"],
        "{hits:?}"
    );
    assert!(hits[..2]
        .iter()
        .all(|h| h["score"].as_f64().is_some_and(|s| s >= 0.8)));
}

/// Piped output carries no invisible directional isolates around Arabic.
#[test]
fn piped_output_has_no_directional_isolates() {
    let desk = Desk::new();
    let run = desk.run(&["lookup", "Tarkhuna"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout().contains("ترهونة"), "{}", run.stdout());
    assert!(
        !run.stdout().contains(['\u{2068}', '\u{2069}']),
        "{}",
        run.stdout()
    );
}

/// An Arabic name asked for without the article its spelling has is no
/// house form: `check` finds no name in `زاوية` (an angle).
#[test]
fn an_arabic_name_without_its_article_is_no_house_form() {
    let desk = Desk::new();
    let hits = desk.lookup("زاوية", &[]);
    let (found, kind, score) = top(&hits, "زاوية");
    assert_eq!(
        (found.as_str(), kind.as_str()),
        ("zawiya", "fuzzy"),
        "{hits:?}"
    );
    assert!(score <= 0.9, "{score}");
    for term in ["الزاوية", "وبالزاوية", "للزاوية"] {
        let hits = desk.lookup(term, &[]);
        assert_eq!(top(&hits, term).1, "canonical", "{term}: {hits:?}");
    }
}
