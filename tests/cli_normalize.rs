//! `dragoman normalize` end to end against a real SQLite database seeded
//! with the house glossary: what is rewritten (findings at or above the
//! threshold, to their suggestion) and what is not (every other byte), the
//! destinations (stdout, `-o`, `--in-place`, `--out-dir`, `--diff`), the
//! applied findings (`--json`), refusals (exit 2, nothing written), batches
//! with a bad file, and `--jsonl` streaming.

mod common;

use common::{article, check_json, Desk, Run};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

const EN: &str = "articles/en-tarhuna.txt";
const EN_CLEAN: &str = "articles/en-clean.txt";
const RU: &str = "articles/ru-haftar.txt";
const AR: &str = "articles/ar-misrata.txt";

/// The articles, each with the name it is copied in under.
const ARTICLES: [(&str, &str); 3] = [(EN, "en.txt"), (RU, "ru.txt"), (AR, "ar.txt")];

fn normalize(desk: &Desk, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut all = vec!["normalize"];
    all.extend_from_slice(args);
    desk.run(&all, stdin)
}

/// `normalize ARGS…`, which must succeed; its stdout.
fn normalized(desk: &Desk, args: &[&str], stdin: Option<&[u8]>) -> String {
    let run = normalize(desk, args, stdin);
    assert_eq!(run.code, 0, "normalize {args:?}: {}", run.stderr);
    run.stdout()
}

/// `normalize --json ARGS…`: the applied findings.
fn applied(desk: &Desk, args: &[&str], stdin: Option<&[u8]>) -> Vec<Value> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let run = normalize(desk, &all, stdin);
    assert_eq!(run.code, 0, "normalize {all:?}: {}", run.stderr);
    run.array()
}

fn offset(f: &Value, key: &str) -> usize {
    f[key].as_u64().unwrap_or_else(|| panic!("{key} in {f}")) as usize
}

/// Asserts that `output` is `input` with exactly the `findings` replaced by
/// their suggestions: every byte outside a finding identical, in order.
fn assert_only_findings_rewritten(input: &str, output: &str, findings: &[Value]) {
    let mut expected = String::new();
    let mut at = 0;
    let mut segments = Vec::new();
    for f in findings {
        let (start, end) = (offset(f, "start"), offset(f, "end"));
        assert!(start >= at, "findings overlap or are out of order: {f}");
        assert_eq!(
            input.get(start..end),
            f["found"].as_str(),
            "found is input[start..end]: {f}"
        );
        assert_ne!(f["kind"], "canonical", "a house form is never applied: {f}");
        segments.push(&input[at..start]);
        expected.push_str(&input[at..start]);
        expected.push_str(f["suggestion"].as_str().unwrap());
        at = end;
    }
    segments.push(&input[at..]);
    expected.push_str(&input[at..]);
    // The segments between findings, one by one, for a readable failure.
    let mut rest = output;
    for (segment, f) in segments.iter().zip(findings.iter().map(Some).chain([None])) {
        assert!(
            rest.starts_with(segment),
            "text outside the findings changed: expected {segment:?} at {:?}",
            &rest[..rest.len().min(80)]
        );
        rest = &rest[segment.len()..];
        if let Some(f) = f {
            let suggestion = f["suggestion"].as_str().unwrap();
            assert!(rest.starts_with(suggestion), "{suggestion:?} at {rest:?}");
            rest = &rest[suggestion.len()..];
        }
    }
    assert_eq!(output, expected);
}

/// The desk's files (relative paths, sorted), hidden ones and the database
/// left out.
fn desk_files(desk: &Desk) -> Vec<String> {
    desk.files_under(".")
        .into_iter()
        .filter(|f| !f.starts_with("desk.db"))
        .collect()
}

// ---------------------------------------------------------------------------
// What is rewritten
// ---------------------------------------------------------------------------

#[test]
fn stdout_gets_the_rewrite_and_only_findings_change() {
    let desk = Desk::new();
    let text = "TARKHUNA: Khalifa Heftar's GNA left \"Misurata\" for Az Zawiyah;\r\n\
                Zlitin stays, «Хифтером» and Халифой Хифтером go; وبمصراته.\n\
                https://example.org/Tarkhuna desk@tarkhuna.example @Tarkhuna";
    let expected =
        "TARHUNA: Khalifa Haftar's Government of National Accord left \"Misrata\" for Zawiya;\r\n\
                    Zlitin stays, «Хафтаром» and Халифой Хафтаром go; وبمصراتة.\n\
                    https://example.org/Tarkhuna desk@tarkhuna.example @Tarkhuna";
    let run = normalize(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout(), expected);
    assert_eq!(run.stderr, "", "one input to stdout: no summary");
    let findings = applied(&desk, &["-"], Some(text.as_bytes()));
    assert_only_findings_rewritten(text, expected, &findings);
}

#[test]
fn every_byte_outside_the_findings_is_kept() {
    let desk = Desk::new();
    for (fixture, name) in ARTICLES {
        desk.fixture_as(fixture, name);
        let input = String::from_utf8(desk.read(name)).unwrap();
        let output = normalized(&desk, &[name], None);
        let findings = applied(&desk, &[name], None);
        assert!(!findings.is_empty(), "{name}: nothing applied");
        assert_only_findings_rewritten(&input, &output, &findings);
    }
}

#[test]
fn applied_findings_are_the_check_findings_at_the_normalize_threshold() {
    let desk = Desk::new();
    for (fixture, name) in ARTICLES {
        desk.fixture_as(fixture, name);
        let findings = applied(&desk, &[name], None);
        let check = desk.run(&["check", "--json", "--min-confidence", "0.95", name], None);
        assert_eq!(findings, check.array(), "{name}");
        for f in &findings {
            assert_eq!(f["file"], name);
            let mut keys: Vec<&String> = f.as_object().unwrap().keys().collect();
            keys.sort();
            assert_eq!(
                keys,
                [
                    "column",
                    "confidence",
                    "end",
                    "entry",
                    "file",
                    "found",
                    "kind",
                    "lang",
                    "layer",
                    "line",
                    "severity",
                    "start",
                    "suggestion"
                ]
            );
            assert!(f["confidence"].as_f64().unwrap() >= 0.95, "{f}");
        }
    }
}

#[test]
fn default_threshold_rewrites_listed_variants_but_not_low_confidence_spellings() {
    let desk = Desk::new();
    desk.fixture_as(EN, "en.txt");
    desk.fixture_as(RU, "ru.txt");

    // Below the default (0.95) but at or above check's (0.8): reported by
    // check, left alone by normalize.
    let check = desk.run(&["check", "--json", "en.txt", "ru.txt"], None);
    let low: Vec<(String, String)> = check
        .array()
        .iter()
        .filter(|f| f["confidence"].as_f64().unwrap() < 0.95)
        .map(|f| {
            (
                f["found"].as_str().unwrap().to_string(),
                f["suggestion"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(low, [("Zlitin".to_string(), "Zliten".to_string())]);

    let en = normalized(&desk, &["en.txt"], None);
    assert!(en.contains("reinforcements from Zlitin would"), "{en}");
    assert!(
        en.starts_with("TARHUNA FALLS AS GOVERNMENT OF NATIONAL ACCORD UNITS"),
        "{en}"
    );
    assert!(
        en.contains("taken Tarhuna, the last western stronghold of Khalifa Haftar's army"),
        "{en}"
    );
    assert!(en.contains("secured Zawiya and"), "{en}");
    assert!(en.contains("outskirts of Tarhuna.\n"), "{en}");
    assert!(en.contains("\"Misrata\" brigades"), "{en}");
    let ru = normalized(&desk, &["ru.txt"], None);
    // A listed variant's surname alone is rewritten: every Haftar's house
    // surname is spelt alike.
    assert!(ru.contains("Встреча с Хафтаром,"), "{ru}");
    assert!(ru.starts_with("МИСРАТА ВСТРЕЧАЕТ"), "{ru}");
    assert!(
        ru.contains("Отряды Правительства национального согласия в пятницу"),
        "{ru}"
    );
    assert!(ru.contains("сторонники Халифы Хафтара."), "{ru}");
    assert!(
        ru.contains("\nПравительством национального согласия до сих пор"),
        "{ru}"
    );
    assert!(ru.contains("в Мисрату через"), "{ru}");

    // A lower threshold rewrites them too.
    let en = normalized(&desk, &["--min-confidence", "0.8", "en.txt"], None);
    assert!(en.contains("reinforcements from Zliten would"), "{en}");
    let ru = normalized(&desk, &["--min-confidence", "0.8", "ru.txt"], None);
    assert!(ru.contains("Встреча с Хафтаром,"), "{ru}");

    // Only listed spellings with --no-fuzzy.
    let findings = applied(
        &desk,
        &["--no-fuzzy", "--min-confidence", "0.8", "en.txt"],
        None,
    );
    assert!(
        findings.iter().all(|f| f["kind"] == "variant"),
        "{findings:?}"
    );
}

/// A listed variant's surname written alone is brought to the house surname
/// by default when every bearer spells it alike and the text names one of
/// them in full; a word that only ends a longer variant, or that also
/// starts another person's name, is left alone. `Abu` belongs to the
/// surname after it.
#[test]
fn surnames_alone_are_rewritten_when_the_house_spelling_is_settled() {
    let desk = Desk::new();
    let text = "Muammar Gaddafi ruled for decades; Qadhafi's sons and Kadhafi loyalists \
                remain. Khalifa Haftar spoke: Hifter said so. Fayez al-Sarraj came; Serraj \
                did not.\nВстреча с Хифтером. Issa, a fisherman, and Salah, a driver, agreed. \
                Zidan, a coach, left.\nوقال نوري أبو سهمين ثم قال بوسهمين كلمة.\n";
    let expected = "Muammar Gaddafi ruled for decades; Gaddafi's sons and Gaddafi loyalists \
                    remain. Khalifa Haftar spoke: Haftar said so. Fayez al-Sarraj came; \
                    al-Sarraj did not.\nВстреча с Хафтаром. Issa, a fisherman, and Salah, a \
                    driver, agreed. Zidan, a coach, left.\nوقال نوري أبو سهمين ثم قال أبو سهمين \
                    كلمة.\n";
    assert_eq!(normalized(&desk, &["-"], Some(text.as_bytes())), expected);
    let findings = applied(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(findings.len(), 6, "{findings:?}");
    for f in &findings {
        assert_eq!(f["kind"], "fuzzy", "{f}");
        assert_eq!(f["confidence"], 0.95, "{f}");
    }
    // Nobody named in full: a surname alone may be someone else's
    // (`Zidan`, the football coach), and is left to an editor.
    let alone = "Qadhafi loyalists met. Hifter said so.\n";
    assert_eq!(normalized(&desk, &["-"], Some(alone.as_bytes())), alone);
    // Nor is a surname settled after a word that starts a listed name: the
    // two, once it is rewritten, would be a listed spelling.
    let lower = "Fayez al-Sarraj came. Reports said faiz al-Serraj arrived.\n";
    assert_eq!(normalized(&desk, &["-"], Some(lower.as_bytes())), lower);
    // A name of one word before it is no first name: the surname is
    // settled at once, as it would be once that name is written out.
    let after_name = "Войска Халифы Хифтера вошли в Сирт. Командующий ЛНА Хифтер заявил о \
                      победе.\nForces of Khalifa Hifter entered Sirte. The LNA Hifter said \
                      nothing.\n";
    let once = normalized(&desk, &["-"], Some(after_name.as_bytes()));
    assert_eq!(
        once,
        "Войска Халифы Хафтара вошли в Сирт. Командующий Ливийской национальной армии Хафтар \
         заявил о победе.\nForces of Khalifa Haftar entered Sirte. The Libyan National Army \
         Haftar said nothing.\n"
    );
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
}

/// An English abbreviation written out may need the other indefinite
/// article: the mention takes it in, so `check` shows it and the rewrite
/// puts it right; where the article stays, it is left outside.
#[test]
fn an_indefinite_article_agrees_with_the_abbreviation_written_out() {
    let desk = Desk::new();
    let text = "An LNA commander met an NOC engineer and a GNA envoy; a LNA unit left.\n";
    let (findings, _) = check_json(&desk, &["-"], Some(text));
    let found: Vec<&str> = findings
        .iter()
        .map(|f| f["found"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["An LNA", "an NOC", "GNA", "LNA"]);
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        once,
        "A Libyan National Army commander met a National Oil Corporation engineer and a \
         Government of National Accord envoy; a Libyan National Army unit left.\n"
    );
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
    // In a headline in capitals; and a capital `A` inside a sentence is a
    // letter, not an article.
    let caps = "AN LNA COMMANDER DIES\nPlan A ISIS cells were hit.\n";
    assert_eq!(
        normalized(&desk, &["-"], Some(caps.as_bytes())),
        "A LIBYAN NATIONAL ARMY COMMANDER DIES\nPlan A Islamic State cells were hit.\n"
    );
    // One entity in one form: the article taken in is no form of its own.
    let check = desk.run(&["check", "-"], Some(text.as_bytes()));
    assert!(!check.stdout().contains("named in"), "{}", check.stdout());
}

/// A Russian abbreviation shows no case; written out, the house form takes
/// the case the word before asks (a preposition's, or the genitive after
/// a noun), and the nominative where nothing tells otherwise.
#[test]
fn an_abbreviation_written_out_in_russian_takes_the_case_of_its_place() {
    let desk = Desk::new();
    let text = "Боевики ИГИЛ отступили. Переговоры с ЛНА зашли в тупик. Глава ЦБ Ливии ушёл. \
                ЛНА заявила о победе. В понедельник ЛНА сообщила о потерях.\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        once,
        "Боевики Исламского государства отступили. Переговоры с Ливийской национальной армией \
         зашли в тупик. Глава Центрального банка Ливии ушёл. Ливийская национальная армия \
         заявила о победе. В понедельник Ливийская национальная армия сообщила о потерях.\n"
    );
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
}

/// After a noun the abbreviation written out is in the genitive (`Армия
/// ПНС`, `о поддержке ПНС`, `по словам ЛНА`), after a verb of the short
/// dative list in the dative (`помогает ЛНА`). After another verb its
/// case is unknown (`поддерживает ПНС` asks the accusative, `заявило ПНС`
/// is an inverted subject): reported below the default threshold and left
/// as written.
#[test]
fn an_abbreviation_after_a_noun_is_genitive_and_after_a_verb_is_left_unless_known() {
    let desk = Desk::new();
    let text = "Признание ЛНА в регионе растёт. Армия ПНС отошла к морю. Говорили о \
                поддержке ПНС. По словам ЛНА, всё спокойно. Каир помогает ЛНА советниками. \
                Рим поддерживает ПНС. Вчера заявило ПНС, что переговоры продолжатся.\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        once,
        "Признание Ливийской национальной армии в регионе растёт. Армия Правительства \
         национального согласия отошла к морю. Говорили о поддержке Правительства \
         национального согласия. По словам Ливийской национальной армии, всё спокойно. Каир \
         помогает Ливийской национальной армии советниками. Рим поддерживает ПНС. Вчера \
         заявило ПНС, что переговоры продолжатся.\n"
    );
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
    // `check` still shows the two left, as guesses.
    let (findings, _) = check_json(&desk, &["-"], Some(&once));
    let left: Vec<(&str, &str, f64)> = findings
        .iter()
        .map(|f| {
            (
                f["found"].as_str().unwrap(),
                f["suggestion"].as_str().unwrap(),
                f["confidence"].as_f64().unwrap(),
            )
        })
        .collect();
    let gna = "Правительство национального согласия";
    assert_eq!(left, [("ПНС", gna, 0.9), ("ПНС", gna, 0.9)]);
}

/// A rewrite that ends with the word written after the name takes that
/// word in, so it is not doubled.
#[test]
fn a_word_the_house_form_ends_with_is_not_doubled() {
    let desk = Desk::new();
    let text = "The Radaa force and two Radaa forces. RADAA FORCE RAIDS. \
                The Radaa Special Deterrence Force left.\n\
                Бои шли в горах Джебель-Нефуса. Танкер прошёл залив Большой Сирт.\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        once,
        "The Rada Special Deterrence Force and two Rada Special Deterrence Force. \
         RADA SPECIAL DETERRENCE FORCE RAIDS. The Rada Special Deterrence Force left.\n\
         Бои шли в горах Нафуса. Танкер прошёл залив Сидра.\n"
    );
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
}

/// Words written right before an abbreviation that its house form starts
/// with go with it, so that the rewrite does not write them twice; a word
/// the house form does not start with stays.
#[test]
fn a_word_the_house_form_starts_with_is_not_doubled() {
    let desk = Desk::new();
    let text = "The Libyan LNA and the Libyan GNA met.\nThe 5+5 JMC met in Geneva.\n\
                LIBYAN LNA ENTERS SIRTE\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        once,
        "The Libyan National Army and the Libyan Government of National Accord met.\n\
         The 5+5 Joint Military Commission met in Geneva.\nLIBYAN NATIONAL ARMY ENTERS SIRTE\n"
    );
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
}

/// The 5+5 commission written with spaces around the plus, or the plus
/// lost, before its abbreviation: the numbers go with it, never written
/// twice. An abbreviation glossed in brackets right after it is left as
/// written, and whatever is outside the findings stays byte for byte.
#[test]
fn the_numbers_of_the_5_5_commission_are_not_doubled() {
    let desk = Desk::new();
    let text = "The 5 + 5 JMC met. The 5 5 JMC met.\nTHE 5 + 5 JMC MET\n\
                The 5 + 5 Joint Military Commission met; so did the 5+5 committee.\n\
                The JMC (5+5) met, the JMC (Joint Military Commission) too, \
                and the LNA (Libyan National Army) withdrew.\n\
                Объединённой военной комиссией 5 + 5 руководили офицеры.\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        once,
        "The 5+5 Joint Military Commission met. The 5+5 Joint Military Commission met.\n\
         THE 5+5 JOINT MILITARY COMMISSION MET\n\
         The 5+5 Joint Military Commission met; so did the 5+5 Joint Military Commission.\n\
         The JMC (5+5) met, the JMC (Joint Military Commission) too, \
         and the LNA (Libyan National Army) withdrew.\n\
         Объединённой военной комиссией 5+5 руководили офицеры.\n"
    );
    let findings = applied(&desk, &["-"], Some(text.as_bytes()));
    assert_only_findings_rewritten(text, &once, &findings);
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
}

/// A one-word name without its article at a sentence start may be an
/// everyday word: `check` reports it, `normalize` leaves it; inside a
/// sentence it is put right. One on the everyday list (`Сидр`, cider,
/// `glossary/ordinary/ru.txt`) is not reported at a sentence start.
#[test]
fn a_name_without_its_article_at_a_sentence_start_is_not_rewritten() {
    let desk = Desk::new();
    let text = "Сидр и пиво подорожали. Танкер вошёл в Сидр.\n";
    assert_eq!(
        normalized(&desk, &["-"], Some(text.as_bytes())),
        "Сидр и пиво подорожали. Танкер вошёл в Эс-Сидр.\n"
    );
    let check = desk.run(&["check", "--json", "-"], Some(text.as_bytes()));
    let confidences: Vec<f64> = check
        .array()
        .iter()
        .map(|f| f["confidence"].as_f64().unwrap())
        .collect();
    assert_eq!(confidences, [0.99]);
    let text = "Завия и Сабрата.\n";
    let check = desk.run(&["check", "--json", "-"], Some(text.as_bytes()));
    let confidences: Vec<f64> = check
        .array()
        .iter()
        .map(|f| f["confidence"].as_f64().unwrap())
        .collect();
    assert_eq!(confidences[0], 0.9, "{check:?}");
}

/// An abbreviation introduced in brackets after its name stays as it is,
/// and a sentence-initial `An` before an abbreviation is the English
/// article, changed to agree with the name written out.
#[test]
fn abbreviations_in_brackets_and_after_an_english_article() {
    let desk = Desk::new();
    let text = "The government of national consensus (GNA) and the GNA met. \
                An NOC engineer left.\nС Ливийской национальной армией (ЛНА).\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        once,
        "The Government of National Accord (GNA) and the Government of National Accord met. \
         A National Oil Corporation engineer left.\nС Ливийской национальной армией (ЛНА).\n"
    );
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
}

/// Words written as a listed name that are something else where they
/// stand are left as written: a verb with a shadda, a name inside another
/// name, an Arabic adjective or a noun after a demonstrative. The names
/// around them are still brought to house style.
#[test]
fn homographs_and_names_inside_other_names_are_left_alone() {
    let desk = Desk::new();
    let text = "هوّن المتحدث من الهجوم على مصراته. رفعوا الراية البيضاء في الدار البيضاء.\n\
                Hun Sen spoke to the US House of Representatives about Misurata.\n\
                Хун Сен прибыл в ливанский Триполи, а затем в Мисурату.\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        once,
        "هوّن المتحدث من الهجوم على مصراتة. رفعوا الراية البيضاء في الدار البيضاء.\n\
         Hun Sen spoke to the US House of Representatives about Misrata.\n\
         Хун Сен прибыл в ливанский Триполи, а затем в Мисрату.\n"
    );
    let all = desk.run(&["check", "--all", "--json", "-"], Some(text.as_bytes()));
    let entries: Vec<String> = all
        .array()
        .iter()
        .map(|f| f["entry"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(entries, ["misrata", "misrata", "misrata"], "{entries:?}");
}

#[test]
fn normalize_is_idempotent_and_check_then_finds_no_variants() {
    let desk = Desk::new();
    for (fixture, name) in ARTICLES {
        desk.fixture_as(fixture, name);
        let once = normalized(&desk, &[name], None);
        let twice = normalized(&desk, &["-"], Some(once.as_bytes()));
        assert_eq!(twice, once, "{name}: normalize twice");
        let again = applied(&desk, &["-"], Some(once.as_bytes()));
        assert!(again.is_empty(), "{name}: {again:?}");

        let check = desk.run(&["check", "--json", "-"], Some(once.as_bytes()));
        for f in check.array() {
            let confidence = f["confidence"].as_f64().unwrap();
            assert!(
                f["kind"] != "variant" && confidence < 0.95,
                "{name}: check after normalize: {f}"
            );
        }
    }
}

/// Mixed text: Arabic clitics glued to names in Latin letters stay where
/// they are, and a second pass has nothing left to do.
#[test]
fn clitics_glued_to_a_latin_name_are_kept_and_normalize_is_idempotent() {
    let desk = Desk::new();
    let text = "قال المتحدث وTarkhuna وGovernment of National Accord GNA ثم وWatiyah air base.\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        once,
        "قال المتحدث وTarhuna وGovernment of National Accord Government of National Accord \
         ثم وal-Watiya air base.\n"
    );
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
    assert!(applied(&desk, &["-"], Some(once.as_bytes())).is_empty());
    // A vowel mark on the clitic (`فً`) hides no article: the second pass
    // adds none.
    let text = "قال فًWATIYAH AIR BASE.\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(once, "قال فًAL-WATIYA AIR BASE.\n");
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
}

#[test]
fn underscores_around_a_name_are_kept_and_identifiers_left_alone() {
    // Emphasis in plain text (`_Misurata_`) hides no name, and a rewrite
    // keeps the underscores; a word joined by one inside (`Misurata_report`,
    // an identifier) is no name.
    let desk = Desk::new();
    let text = "Fighting near _Misurata_ and __Tarkhuna__; see Misurata_report.\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        once,
        "Fighting near _Misrata_ and __Tarhuna__; see Misurata_report.\n"
    );
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
}

#[test]
fn a_russian_case_form_broken_at_a_line_end_is_the_name_it_inflects() {
    // The commander's name in the genitive, broken at a line end, was
    // read only as listed, so the tribe (`варфалла`) was found inside it
    // and the article dropped: `Махмуда варфалли`. It is his name, kept.
    let desk = Desk::new();
    let text = "Суд выдал ордер на арест Махмуда аль-Вар-\nфалли в 2017 году.\n";
    assert_eq!(normalized(&desk, &["-"], Some(text.as_bytes())), text);
    let (found, _) = check_json(&desk, &["--all", "-"], Some(text));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["entry"], "mahmoud-al-werfalli");
    assert_eq!(found[0]["found"], "Махмуда аль-Вар-\nфалли");
    assert_eq!(found[0]["suggestion"], "Махмуда аль-Варфалли");
}

#[test]
fn nothing_to_rewrite_gives_the_input_back_and_exit_zero() {
    let desk = Desk::new();
    desk.fixture_as(EN_CLEAN, "clean.txt");
    let input = desk.read("clean.txt");
    let run = normalize(&desk, &["clean.txt"], None);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, input);
    assert!(applied(&desk, &["clean.txt"], None).is_empty());
    // No trailing newline, CRLF, odd spacing: kept.
    let odd = "  Tripoli\r\n\r\n\tMisrata  \u{a0}Sirte";
    let run = normalize(&desk, &[], Some(odd.as_bytes()));
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout(), odd);
}

// ---------------------------------------------------------------------------
// Destinations
// ---------------------------------------------------------------------------

#[test]
fn output_file_gets_what_stdout_would() {
    let desk = Desk::new();
    desk.fixture_as(EN, "en.txt");
    let expected = normalized(&desk, &["en.txt"], None);
    let run = normalize(&desk, &["en.txt", "-o", "out.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout(), "");
    assert_eq!(String::from_utf8(desk.read("out.txt")).unwrap(), expected);
    assert_eq!(
        desk.read("en.txt"),
        common::fixture_bytes(EN),
        "the input is untouched"
    );

    // Over an existing file, and from stdin, with --output.
    desk.write(
        "out.txt",
        "old contents that are much longer than what replaces them\n",
    );
    let run = normalize(&desk, &["--output", "out.txt"], Some(b"Tarkhuna.\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(desk.read("out.txt"), b"Tarhuna.\n");
}

#[cfg(unix)]
#[test]
fn in_place_rewrites_atomically_and_keeps_permissions() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let desk = Desk::new();
    desk.mkdir("news");
    desk.fixture_as(EN, "news/en.txt");
    let expected = normalized(&desk, &["news/en.txt"], None);
    let path = desk.path("news/en.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let before = std::fs::metadata(&path).unwrap();

    let run = normalize(&desk, &["--in-place", "news/en.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout(), "");
    assert_eq!(
        String::from_utf8(desk.read("news/en.txt")).unwrap(),
        expected
    );
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(
        after.permissions().mode() & 0o777,
        0o640,
        "permissions kept"
    );
    assert_ne!(
        after.ino(),
        before.ino(),
        "written to a new file renamed over the old one"
    );
    assert_eq!(
        desk.files_under("news"),
        ["en.txt"],
        "no temporary file left behind"
    );
}

#[cfg(unix)]
#[test]
fn in_place_does_not_rewrite_an_unchanged_file() {
    use std::os::unix::fs::MetadataExt;
    let desk = Desk::new();
    desk.fixture_as(EN_CLEAN, "clean.txt");
    desk.fixture_as(EN, "en.txt");
    let before = std::fs::metadata(desk.path("clean.txt")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let run = normalize(&desk, &["--in-place", "clean.txt", "en.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::metadata(desk.path("clean.txt")).unwrap();
    assert_eq!(desk.read("clean.txt"), common::fixture_bytes(EN_CLEAN));
    assert_eq!(after.ino(), before.ino(), "the unchanged file was replaced");
    assert_eq!(
        after.mtime_nsec(),
        before.mtime_nsec(),
        "the unchanged file was written"
    );
    assert_eq!(after.mtime(), before.mtime());
    // The other one was, and a batch ends with a summary on stderr.
    assert_ne!(desk.read("en.txt"), common::fixture_bytes(EN));
    let summary = run.stderr.lines().last().unwrap_or_default();
    assert!(summary.starts_with("normalized 2 file(s)"), "{summary:?}");
    assert!(summary.contains("1 file(s) rewritten"), "{summary:?}");
}

#[test]
fn out_dir_mirrors_relative_paths_of_a_directory() {
    let desk = Desk::new();
    desk.mkdir("news/world/libya");
    desk.mkdir("news/.drafts");
    desk.fixture_as(EN, "news/en.txt");
    desk.fixture_as(RU, "news/world/ru.txt");
    desk.fixture_as(AR, "news/world/libya/ar.txt");
    desk.fixture_as(EN_CLEAN, "news/clean.txt");
    desk.write("news/.hidden.txt", "Tarkhuna\n");
    desk.write("news/.drafts/d.txt", "Tarkhuna\n");
    desk.write("news/image.bin", b"GIF89a\0\0Tarkhuna\0");
    desk.fixture_as(EN, "single.txt");
    let sources_before: Vec<Vec<u8>> = desk
        .files_under("news")
        .iter()
        .map(|f| desk.read(&format!("news/{f}")))
        .collect();

    let run = normalize(&desk, &["news", "single.txt", "--out-dir", "out"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout(), "");
    assert_eq!(
        desk.files_under("out"),
        [
            "clean.txt",
            "en.txt",
            "single.txt",
            "world/libya/ar.txt",
            "world/ru.txt"
        ]
    );
    for (out, source) in [
        ("out/en.txt", "news/en.txt"),
        ("out/world/ru.txt", "news/world/ru.txt"),
        ("out/world/libya/ar.txt", "news/world/libya/ar.txt"),
        ("out/clean.txt", "news/clean.txt"),
        ("out/single.txt", "single.txt"),
    ] {
        let expected = normalized(&desk, &[source], None);
        assert_eq!(
            String::from_utf8(desk.read(out)).unwrap(),
            expected,
            "{out}"
        );
    }
    // The sources are untouched.
    let sources_after: Vec<Vec<u8>> = desk
        .files_under("news")
        .iter()
        .map(|f| desk.read(&format!("news/{f}")))
        .collect();
    assert_eq!(sources_after, sources_before);
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains("news/image.bin") && l.contains("binary")),
        "{}",
        run.stderr
    );
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let desk = Desk::new();
    desk.fixture_as(EN, "en.txt");
    desk.fixture_as(EN_CLEAN, "clean.txt");
    let files_before = desk_files(&desk);
    let input = String::from_utf8(desk.read("en.txt")).unwrap();
    let output = normalized(&desk, &["en.txt"], None);

    let run = normalize(&desk, &["--diff", "en.txt", "clean.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let diff = run.stdout();
    assert!(
        diff.starts_with("--- a/en.txt\n+++ b/en.txt\n@@ "),
        "{diff}"
    );
    assert!(
        !diff.contains("clean.txt"),
        "an unchanged file has no diff: {diff}"
    );
    // Every changed line appears as removed and added; unchanged lines are
    // never marked.
    let removed: Vec<&str> = diff
        .lines()
        .filter_map(|l| l.strip_prefix('-'))
        .filter(|l| !l.starts_with("--"))
        .collect();
    let added: Vec<&str> = diff
        .lines()
        .filter_map(|l| l.strip_prefix('+'))
        .filter(|l| !l.starts_with("++"))
        .collect();
    let changed: Vec<(&str, &str)> = input
        .lines()
        .zip(output.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert!(!changed.is_empty());
    assert_eq!(removed, changed.iter().map(|c| c.0).collect::<Vec<_>>());
    assert_eq!(added, changed.iter().map(|c| c.1).collect::<Vec<_>>());

    assert_eq!(desk.read("en.txt"), common::fixture_bytes(EN));
    assert_eq!(desk_files(&desk), files_before, "no file written");

    // Nothing to change: no diff at all.
    let run = normalize(&desk, &["--diff", "clean.txt"], None);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout(), "");
}

#[test]
fn json_with_in_place_writes_and_reports_what_it_applied() {
    let desk = Desk::new();
    desk.fixture_as(EN, "en.txt");
    desk.fixture_as(RU, "ru.txt");
    let input_en = String::from_utf8(desk.read("en.txt")).unwrap();
    let expected_en = normalized(&desk, &["en.txt"], None);
    let expected_ru = normalized(&desk, &["ru.txt"], None);
    let run = normalize(&desk, &["--json", "--in-place", "en.txt", "ru.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let findings = run.array();
    let en: Vec<Value> = findings
        .iter()
        .filter(|f| f["file"] == "en.txt")
        .cloned()
        .collect();
    assert_eq!(
        findings.len(),
        en.len() + findings.iter().filter(|f| f["file"] == "ru.txt").count()
    );
    assert_eq!(
        findings.first().unwrap()["file"],
        "en.txt",
        "files in order"
    );
    assert_eq!(findings.last().unwrap()["file"], "ru.txt", "files in order");
    assert_only_findings_rewritten(&input_en, &expected_en, &en);
    assert_eq!(String::from_utf8(desk.read("en.txt")).unwrap(), expected_en);
    assert_eq!(String::from_utf8(desk.read("ru.txt")).unwrap(), expected_ru);
}

// ---------------------------------------------------------------------------
// Refusals
// ---------------------------------------------------------------------------

#[test]
fn several_inputs_need_in_place_or_out_dir() {
    let desk = Desk::new();
    desk.fixture_as(EN, "en.txt");
    desk.fixture_as(RU, "ru.txt");
    desk.mkdir("dir");
    desk.fixture_as(EN, "dir/a.txt");
    desk.fixture_as(RU, "dir/b.txt");
    let files_before = desk_files(&desk);
    for args in [
        &["en.txt", "ru.txt"][..],
        &["dir"][..],
        &["en.txt", "-"][..],
        &["en.txt", "ru.txt", "-o", "out.txt"][..],
    ] {
        let run = normalize(&desk, args, Some(b"Tarkhuna\n"));
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout(), "", "{args:?}");
        assert!(
            run.stderr.starts_with("dragoman: "),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("--in-place"),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(desk_files(&desk), files_before, "{args:?}: nothing written");
    }
    assert_eq!(desk.read("en.txt"), common::fixture_bytes(EN));
}

#[test]
fn in_place_cannot_rewrite_stdin() {
    let desk = Desk::new();
    for args in [&["--in-place"][..], &["--in-place", "-"][..]] {
        let run = normalize(&desk, args, Some(b"Tarkhuna\n"));
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(run.stdout(), "");
        assert!(run.stderr.contains("standard input"), "{}", run.stderr);
    }
}

#[test]
fn conflicting_destinations_are_refused_and_nothing_is_written() {
    let desk = Desk::new();
    desk.fixture_as(EN, "en.txt");
    let files_before = desk_files(&desk);
    for args in [
        &["en.txt", "-o", "out.txt", "--in-place"][..],
        &["en.txt", "-o", "out.txt", "--out-dir", "out"][..],
        &["en.txt", "--in-place", "--out-dir", "out"][..],
        &["en.txt", "-o", "out.txt", "--in-place", "--out-dir", "out"][..],
    ] {
        let run = normalize(&desk, args, None);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout(), "");
        assert!(run.stderr.contains("-o FILE"), "{args:?}: {}", run.stderr);
        assert_eq!(desk_files(&desk), files_before, "{args:?}: nothing written");
        assert_eq!(desk.read("en.txt"), common::fixture_bytes(EN));
    }
}

#[test]
fn jsonl_cannot_be_combined_with_a_destination_or_diff() {
    let desk = Desk::new();
    let input = format!("{}\n", json!({"id": 1, "text": "Tarkhuna"}));
    desk.write("in.jsonl", &input);
    for extra in [
        &["-o", "out.jsonl"][..],
        &["--in-place"][..],
        &["--out-dir", "out"][..],
        &["--diff"][..],
        &["--json"][..],
    ] {
        let mut args = vec!["--jsonl", "in.jsonl"];
        args.extend_from_slice(extra);
        let run = normalize(&desk, &args, None);
        assert_eq!(run.code, 2, "{extra:?}: {}", run.stderr);
        assert_eq!(run.stdout(), "", "{extra:?}");
        assert_eq!(desk.read("in.jsonl"), input.as_bytes(), "{extra:?}");
        assert!(!desk.path("out.jsonl").exists() && !desk.path("out").exists());
    }
}

#[test]
fn min_confidence_out_of_range_is_refused() {
    let desk = Desk::new();
    desk.fixture_as(EN, "en.txt");
    for bad in [
        "--min-confidence=1.5",
        "--min-confidence=-1",
        "--min-confidence=x",
    ] {
        let run = normalize(&desk, &[bad, "--in-place", "en.txt"], None);
        assert_eq!(run.code, 2, "{bad}");
        assert_eq!(desk.read("en.txt"), common::fixture_bytes(EN), "{bad}");
    }
    let run = normalize(&desk, &["--lang", "not a code", "en.txt"], None);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout(), "");
}

/// Exit 2 means nothing written (the contract): one file of a batch that
/// is not UTF-8 leaves every file as it was, and the error names it.
#[test]
fn invalid_utf8_in_a_batch_exits_2_and_writes_nothing() {
    let bad: &[u8] = b"Tarkhuna is fine here.\nBut \xc3\x28 is not.\n";
    for destination in [&["--in-place"][..], &["--out-dir", "out"][..]] {
        let desk = Desk::new();
        desk.mkdir("news");
        desk.fixture_as(EN, "news/a.txt");
        desk.write("news/b.txt", bad);
        desk.fixture_as(RU, "news/c.txt");

        let mut args = vec!["news"];
        args.extend_from_slice(destination);
        let run = normalize(&desk, &args, None);
        assert_eq!(run.code, 2, "{destination:?}: {}", run.stderr);
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("dragoman: news/b.txt:2:") && l.contains("UTF-8")),
            "{destination:?}: {}",
            run.stderr
        );
        assert_eq!(desk.read("news/a.txt"), common::fixture_bytes(EN));
        assert_eq!(desk.read("news/b.txt"), bad);
        assert_eq!(desk.read("news/c.txt"), common::fixture_bytes(RU));
        assert!(!desk.path("out").exists(), "{destination:?}");
    }
}

#[test]
fn a_bad_input_with_an_output_file_writes_nothing() {
    let desk = Desk::new();
    desk.write("bad.txt", b"Tarkhuna \xff\n");
    let run = normalize(&desk, &["bad.txt", "-o", "out.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad.txt:1"), "{}", run.stderr);
    assert!(!desk.path("out.txt").exists());
    let run = normalize(&desk, &["missing.txt", "-o", "out.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.txt"), "{}", run.stderr);
    assert!(!desk.path("out.txt").exists());
}

/// An input that cannot be read (missing, binary, invalid UTF-8) stops
/// the batch before anything is written: exit 2 and no partial writes.
#[test]
fn a_bad_file_in_a_batch_exits_2_and_nothing_is_written() {
    let desk = Desk::new();
    desk.fixture_as(EN, "en.txt");
    let original = String::from_utf8(desk.read("en.txt")).unwrap();
    let run = normalize(&desk, &["--in-place", "missing.txt", "en.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.txt"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing written"), "{}", run.stderr);
    assert_eq!(String::from_utf8(desk.read("en.txt")).unwrap(), original);
    assert!(!Path::new(&desk.path("missing.txt")).exists());
    desk.write("blob.bin", b"Tarkhuna\0\x01");
    let run = normalize(&desk, &["--out-dir", "out", "en.txt", "blob.bin"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("blob.bin:1"), "{}", run.stderr);
    assert!(!desk.path("out").exists());
}

#[test]
fn json_and_diff_do_not_go_together() {
    let desk = Desk::new();
    desk.fixture_as(EN, "en.txt");
    let run = normalize(&desk, &["--json", "--diff", "en.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// --jsonl
// ---------------------------------------------------------------------------

#[test]
fn jsonl_rewrites_text_and_keeps_every_other_field() {
    let desk = Desk::new();
    let records = [
        json!({"id": 1, "text": "Forces left Tarkhuna for Misurata.", "source": "wire", "n": 1.5}),
        json!({"id": "b", "meta": {"tags": ["x", "y"], "ok": true}, "text": "Встреча с Халифой Хифтером.\nи ومصراته"}),
        json!({"id": null, "text": "Tripoli is calm."}),
        json!({"text": "Zlitin stays, GNA goes."}),
    ];
    let input = format!(
        "{}\n\n{}\n   \n{}\n{}",
        records[0], records[1], records[2], records[3]
    );
    let run = normalize(&desk, &["--jsonl"], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    // One line out per line in: blank lines come back as they were, and
    // the last line gets the line break it lacked.
    let stdout = run.stdout();
    let raw: Vec<&str> = stdout.split_inclusive('\n').collect();
    assert_eq!(raw.len(), input.lines().count(), "{stdout}");
    assert_eq!((raw[1], raw[3]), ("\n", "   \n"));
    assert!(stdout.ends_with('\n'));
    let lines: Vec<Value> = raw
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), records.len());
    let texts = [
        "Forces left Tarhuna for Misrata.",
        "Встреча с Халифой Хафтаром.\nи ومصراتة",
        "Tripoli is calm.",
        "Zlitin stays, Government of National Accord goes.",
    ];
    for ((line, record), text) in lines.iter().zip(&records).zip(texts) {
        let mut want = record.clone();
        want["text"] = json!(text);
        assert_eq!(line, &want);
        // The same rewrite as normalizing the text itself.
        let alone = normalized(&desk, &["-"], record["text"].as_str().map(str::as_bytes));
        assert_eq!(line["text"], alone.as_str());
    }
}

#[test]
fn jsonl_keeps_every_other_byte_of_the_line_as_written() {
    let desk = Desk::new();
    // Members in an odd order, spacing, a number serde would write another
    // way, escapes in other fields and in a text that needs no rewrite, a
    // CRLF line break, and lines with nothing to rewrite.
    let lines = [
        "{ \"z\" : 1.50e0 , \"text\" : \"Convoy reached Zawia at noon.\" , \"id\":\"\\u0061-1\", \"big\": 18446744073709551617 }\r\n",
        "{\"text\":\"Caf\\u00e9 in Tripoli.\",\"id\":2}\n",
        "\n",
        "{\"meta\":{\"b\":[1,2.0],\"a\":null},\"text\":\"\\u0412 \\u0422\\u0430\\u0440\\u0445\\u0443\\u043d\\u0435 \\u0438 \\u041c\\u0438\\u0441\\u0443\\u0440\\u0430\\u0442\\u0435.\"}\n",
        "{\"id\":4,\"text\":\"وصلت القافلة إلى مصراته\",\"tail\":\"\\\"q\\\"\"}\n",
    ];
    let input = lines.concat();
    let run = normalize(&desk, &["--jsonl"], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let want = [
        "{ \"z\" : 1.50e0 , \"text\" : \"Convoy reached Zawiya at noon.\" , \"id\":\"\\u0061-1\", \"big\": 18446744073709551617 }\r\n",
        lines[1],
        lines[2],
        "{\"meta\":{\"b\":[1,2.0],\"a\":null},\"text\":\"В Тархуне и Мисрате.\"}\n",
        "{\"id\":4,\"text\":\"وصلت القافلة إلى مصراتة\",\"tail\":\"\\\"q\\\"\"}\n",
    ]
    .concat();
    assert_eq!(run.stdout(), want);
}

#[test]
fn jsonl_reads_files_in_order_and_applies_the_options() {
    let desk = Desk::new();
    desk.write(
        "a.jsonl",
        format!("{}\n", json!({"id": "a", "text": "Zlitin and Tarkhuna"})),
    );
    desk.write(
        "b.jsonl",
        format!("{}\n", json!({"id": "b", "text": "Tarkhouna"})),
    );
    let run = normalize(&desk, &["--jsonl", "a.jsonl", "b.jsonl"], None);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.json_lines(),
        [
            json!({"id": "a", "text": "Zlitin and Tarhuna"}),
            json!({"id": "b", "text": "Tarhuna"})
        ]
    );
    let run = normalize(
        &desk,
        &["--jsonl", "--min-confidence", "0.8", "a.jsonl"],
        None,
    );
    assert_eq!(
        run.json_lines(),
        [json!({"id": "a", "text": "Zliten and Tarhuna"})]
    );
    let run = normalize(&desk, &["--jsonl", "--no-fuzzy", "b.jsonl"], None);
    assert_eq!(run.json_lines(), [json!({"id": "b", "text": "Tarkhouna"})]);
    // The input files are not touched.
    assert_eq!(
        desk.read("a.jsonl"),
        format!("{}\n", json!({"id": "a", "text": "Zlitin and Tarkhuna"})).as_bytes()
    );
}

#[test]
fn jsonl_malformed_line_exits_2_naming_its_line() {
    let desk = Desk::new();
    let good = json!({"id": 1, "text": "Tarkhuna"}).to_string();
    for (bad, message) in [
        (r#"{"id": 3, "text": "unterminated"#, "malformed"),
        ("42", "object"),
        (r#"{"id": 3, "body": "Tarkhuna"}"#, "\"text\""),
        (r#"{"id": 3, "text": null}"#, "\"text\""),
    ] {
        let input = format!("{good}\n\n{bad}\n{good}\n");
        desk.write("in.jsonl", &input);
        let run = normalize(&desk, &["--jsonl", "in.jsonl"], None);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("dragoman: in.jsonl:3:") && run.stderr.contains(message),
            "{bad}: {}",
            run.stderr
        );
        assert_eq!(
            run.json_lines(),
            [json!({"id": 1, "text": "Tarhuna"})],
            "{bad}"
        );
        let run = normalize(&desk, &["--jsonl"], Some(input.as_bytes()));
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.starts_with("dragoman: -:3:"),
            "{bad}: {}",
            run.stderr
        );
    }
}

// ---------------------------------------------------------------------------
// Known bugs
// ---------------------------------------------------------------------------

#[test]

fn arabic_lam_before_the_article_is_left_alone() {
    let desk = Desk::new();
    let text = "وقال متحدث باسم للجيش الوطني الليبي إن الوضع هادئ.\n";
    let run = normalize(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout(), text);
}

#[test]

fn a_byte_order_mark_is_kept() {
    let desk = Desk::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("Forces left Tarkhuna.\n".as_bytes());
    desk.write("bom.txt", &bytes);
    let run = normalize(&desk, &["bom.txt"], None);
    assert_eq!(run.code, 0);
    let mut expected = b"\xEF\xBB\xBF".to_vec();
    expected.extend_from_slice("Forces left Tarhuna.\n".as_bytes());
    assert_eq!(run.stdout, expected);
}

#[test]

fn out_dir_never_loses_a_file_to_a_name_clash() {
    let desk = Desk::new();
    desk.mkdir("monday");
    desk.mkdir("tuesday");
    desk.write("monday/lead.txt", "Forces left Tarkhuna.\n");
    desk.write("tuesday/lead.txt", "Forces reached Misurata.\n");
    let run = normalize(
        &desk,
        &["monday/lead.txt", "tuesday/lead.txt", "--out-dir", "out"],
        None,
    );
    if run.code == 2 {
        assert!(
            !desk.path("out").exists(),
            "refused, but something was written"
        );
        return;
    }
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written: Vec<String> = desk
        .files_under("out")
        .iter()
        .map(|f| String::from_utf8(desk.read(&format!("out/{f}"))).unwrap())
        .collect();
    assert!(
        written.contains(&"Forces left Tarhuna.\n".to_string()),
        "{written:?}"
    );
    assert!(
        written.contains(&"Forces reached Misrata.\n".to_string()),
        "{written:?}"
    );
}

/// Every file under the desk's `work/` folder, hidden ones included, with
/// its bytes: what a refused run must leave as it was.
fn work_files(desk: &Desk) -> BTreeMap<String, Vec<u8>> {
    desk.files_under("work")
        .into_iter()
        .map(|f| {
            let bytes = desk.read(&format!("work/{f}"));
            (f, bytes)
        })
        .collect()
}

/// `normalize ARGS…` run in the desk's folder `cwd` (under `work/`), which
/// must refuse with exit 2, naming `name`, before writing anything.
fn refuses_to_overwrite(desk: &Desk, cwd: &str, args: &[&str], name: &str) {
    let before = work_files(desk);
    let output = desk
        .dragoman()
        .current_dir(desk.path(&format!("work/{cwd}")))
        .arg("normalize")
        .args(args)
        .output()
        .expect("dragoman runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let context = format!("in {cwd}: normalize {args:?}: {stderr}");
    assert_eq!(output.status.code(), Some(2), "{context}");
    assert!(output.stdout.is_empty(), "{context}");
    assert!(
        stderr.contains(&format!("{name} would be written over")),
        "{context}"
    );
    assert!(stderr.contains("--out-dir"), "{context}");
    assert_eq!(work_files(desk), before, "{context}: something was written");
}

#[test]
fn out_dir_never_writes_over_an_input() {
    let desk = Desk::new();
    desk.mkdir("work/sub");
    desk.mkdir("work/news/world");
    desk.fixture_as(EN, "work/en1.txt");
    desk.fixture_as(EN, "work/news/en.txt");
    desk.fixture_as(RU, "work/news/world/ru.txt");

    refuses_to_overwrite(&desk, ".", &["--out-dir", ".", "en1.txt"], "en1.txt");
    refuses_to_overwrite(&desk, ".", &["--out-dir", "./", "./en1.txt"], "./en1.txt");
    refuses_to_overwrite(
        &desk,
        "sub",
        &["--out-dir", "..", "../en1.txt"],
        "../en1.txt",
    );
    refuses_to_overwrite(
        &desk,
        "sub",
        &["--out-dir", "../sub/..", "../en1.txt"],
        "../en1.txt",
    );
    // The folder spelled another way than the file.
    let absolute = desk.path("work").display().to_string();
    refuses_to_overwrite(
        &desk,
        "sub",
        &["--out-dir", &absolute, "../en1.txt"],
        "../en1.txt",
    );
    // Inputs found by walking a directory given as an argument.
    refuses_to_overwrite(&desk, ".", &["--out-dir", "news", "news"], "news/en.txt");
    refuses_to_overwrite(&desk, "news", &["--out-dir", ".", "."], "./en.txt");
    refuses_to_overwrite(
        &desk,
        "news/world",
        &["--out-dir", "../..", "../.."],
        "../../en1.txt",
    );
    // Among other inputs that would be safe, and after an --out-dir that is.
    refuses_to_overwrite(
        &desk,
        ".",
        &["--out-dir", "news", "news/world/ru.txt", "news/en.txt"],
        "news/en.txt",
    );
    // Another input's file is no more to be written over than one's own.
    desk.mkdir("work/clean/world");
    desk.fixture_as(EN, "work/clean/world/ru.txt");
    refuses_to_overwrite(
        &desk,
        ".",
        &["--out-dir", "clean", "news", "clean/world"],
        "news/world/ru.txt",
    );
}

#[test]
fn out_dir_beside_an_input_with_another_path_is_no_overwrite() {
    let desk = Desk::new();
    desk.mkdir("work/sub");
    desk.fixture_as(EN, "work/en1.txt");
    let expected = normalized(&desk, &["work/en1.txt"], None);
    let output = desk
        .dragoman()
        .current_dir(desk.path("work/sub"))
        .args(["normalize", "--out-dir", ".", "../en1.txt"])
        .output()
        .expect("dragoman runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8(desk.read("work/sub/en1.txt")).unwrap(),
        expected
    );
    assert_eq!(desk.read("work/en1.txt"), common::fixture_bytes(EN));
}

#[cfg(unix)]
#[test]
fn out_dir_never_writes_through_a_link_to_an_input() {
    use std::os::unix::fs::symlink;
    let desk = Desk::new();
    desk.mkdir("work/out");
    desk.fixture_as(EN, "work/en1.txt");
    // The input named through a link, with the link's own folder as --out-dir.
    symlink("en1.txt", desk.path("work/link.txt")).unwrap();
    refuses_to_overwrite(&desk, ".", &["--out-dir", ".", "link.txt"], "link.txt");
    // An output already there that is a link to the input (the write
    // follows links, as a shell's `>` does).
    symlink("../en1.txt", desk.path("work/out/en1.txt")).unwrap();
    refuses_to_overwrite(&desk, ".", &["--out-dir", "out", "en1.txt"], "en1.txt");
    // The folder reached through a link (kept out of `work/`, which it
    // would make a loop).
    symlink("work", desk.path("elsewhere")).unwrap();
    refuses_to_overwrite(
        &desk,
        ".",
        &["--out-dir", "../elsewhere", "en1.txt"],
        "en1.txt",
    );
}

#[test]
fn in_place_keeps_the_encoding_of_a_utf16_file() {
    let desk = Desk::new();
    let utf16 = |text: &str| -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        bytes
    };
    desk.write("u16.txt", utf16("Forces left Tarkhuna.\n"));
    // Offsets in the JSON are into the file as given: two bytes a unit.
    let text = "Бои у Мисураты. Forces left Tarkhuna.\n";
    desk.write("report.txt", utf16(text));
    let bytes = desk.read("report.txt");
    for command in ["check", "normalize"] {
        let run = desk.run(&[command, "--json", "report.txt"], None);
        let findings = run.array();
        assert_eq!(findings.len(), 2, "{command}: {findings:?}");
        for f in &findings {
            let (start, end) = (f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap());
            let units: Vec<u16> = bytes[start as usize..end as usize]
                .chunks(2)
                .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                .collect();
            assert_eq!(String::from_utf16(&units).unwrap(), f["found"], "{command}");
        }
    }
    let run = normalize(&desk, &["--in-place", "u16.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(desk.read("u16.txt"), utf16("Forces left Tarhuna.\n"));
}

#[test]
fn articles_are_present() {
    for (fixture, _) in ARTICLES {
        assert!(!article(fixture.trim_start_matches("articles/")).is_empty());
    }
}

#[test]
fn everyday_arabic_words_are_left_alone_even_when_a_name_folds_like_one() {
    // A desk glossary with names that fold as everyday words do (`ألي` as
    // `إلى`, to) or come a letter from one (`المينة`, `المدينة` the city).
    let desk = Desk::new();
    desk.write(
        "desk.tsv",
        "id\ttype\ten\tar\n\
         alee\tperson\tAlee\tألي\n\
         al-mina\tplace\tAl-Mina\tالمينة\n",
    );
    desk.import("desk.tsv");
    let text = "وصلت القافلة إلى المدينة، ثم عادت الى الطريق.\nوزار الوفد ألي في المينه.\nوإلى جانبه مستشاره، فإلى أين؟\n";
    // Only the name misspelt (ta marbuta written as ha) is rewritten; `إلى`
    // behind a conjunction (`وإلى`, and to) stays as written too.
    assert_eq!(
        normalized(&desk, &["-"], Some(text.as_bytes())),
        "وصلت القافلة إلى المدينة، ثم عادت الى الطريق.\nوزار الوفد ألي في المينة.\nوإلى جانبه مستشاره، فإلى أين؟\n"
    );
    let (findings, _) = check_json(&desk, &["--all", "-"], Some(text));
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["found"].as_str().unwrap(), f["entry"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("ألي", "alee"), ("المينه", "al-mina")]);
}

/// A house form with a quoted part (`операция «Достоинство»`) is found
/// with its closing quote and written with the house's quote marks; the
/// result checks clean and a second pass changes nothing.
#[test]
fn a_name_with_a_quoted_part_is_rewritten_with_its_quote_marks() {
    let desk = Desk::new();
    let text = "Хафтар начал операцию «Достоинство». Операцией \"Достоинство\" руководил он.\n";
    let out = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        out,
        "Хафтар начал операцию «Достоинство». Операцией «Достоинство» руководил он.\n"
    );
    assert_eq!(normalized(&desk, &["-"], Some(out.as_bytes())), out);
    let (findings, run) = check_json(&desk, &["-"], Some(&out));
    assert_eq!(run.code, 0, "{findings:?}");
}

/// `Saif al-Islam` is admitted in the house glossary: left as it is, and
/// what is written otherwise is brought to it, not to the full name.
#[test]
fn an_admitted_form_written_otherwise_is_brought_to_the_admitted_form() {
    let desk = Desk::new();
    let text = "Saif al-Islam spoke; Saif el-Islam's lawyers left.\n\
                Адвокаты Саифа аль-Ислама ушли. وقال سيف الاسلام كلمة.\n";
    // `Саифа аль-Ислама` is the admitted form as a listed variant (`Саиф
    // аль-Ислам Каддафи`) spells it: brought to it by default, in its case.
    let all = "Saif al-Islam spoke; Saif al-Islam's lawyers left.\n\
               Адвокаты Сейфа аль-Ислама ушли. وقال سيف الإسلام كلمة.\n";
    assert_eq!(normalized(&desk, &["-"], Some(text.as_bytes())), all);

    let check = desk.run(&["check", "--json", "--all", "-"], Some(all.as_bytes()));
    assert_eq!(check.code, 0, "{}", check.stdout());
    let kinds: Vec<_> = check.array().iter().map(|f| f["kind"].clone()).collect();
    assert_eq!(kinds, ["admitted"; 4], "{}", check.stdout());
}

/// A rewrite that a longer listed spelling of the same entry goes on from
/// takes its words in (`Aguila Salah` → `Aguila Saleh`, and `Aguila Saleh
/// Issa` is listed): one pass gives what a second would, and `check` finds
/// nothing left.
#[test]
fn words_a_longer_listed_spelling_goes_on_with_are_taken_in() {
    let desk = Desk::new();
    let text = "Speaker Aguila Salah Issa opened the session. AGUILA SALAH ISSA SPOKE.\n\
                Aguila Salah. Issa was elsewhere.\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        once,
        "Speaker Aguila Saleh opened the session. AGUILA SALEH SPOKE.\n\
         Aguila Saleh. Issa was elsewhere.\n"
    );
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
    let run = desk.run(&["check", "-"], Some(once.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stdout());
}

/// Vowel marks stay on an Arabic spelling put right letter for letter:
/// only the letter that differs changes.
#[test]
fn vowel_marks_stay_on_an_arabic_name_put_right() {
    let desk = Desk::new();
    let text = "وصل خَلِيفَه حَفْتَر إلى مِصْراتَه.\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(once, "وصل خَلِيفَة حَفْتَر إلى مِصْراتَة.\n");
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
}

/// `al` and `el` standing apart before a surname are its article, which
/// English has no word for: the rewrite takes them in, never `al al-…`.
#[test]
fn an_article_standing_apart_goes_with_the_surname() {
    let desk = Desk::new();
    let text = "Fayez al-Sarraj came. Then al Serraj said no. Officials met el Serraj.\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        once,
        "Fayez al-Sarraj came. Then al-Sarraj said no. Officials met al-Sarraj.\n"
    );
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
}

/// A Russian adjective before an abbreviation agrees with the name: the
/// rewrite takes the case the word before the adjective asks, and the
/// adjective in; one in another number is left to an editor (0.90).
#[test]
fn an_adjective_before_a_russian_abbreviation_agrees_with_the_rewrite() {
    let desk = Desk::new();
    let text = "Мы говорили с ливийской ЛНА.\nПо словам ливийской ЛНА, потерь нет.\n\
                Ливийские ЛНА и ПНС.\n";
    let once = normalized(&desk, &["-"], Some(text.as_bytes()));
    assert_eq!(
        once,
        "Мы говорили с Ливийской национальной армией.\n\
         По словам Ливийской национальной армии, потерь нет.\n\
         Ливийские ЛНА и Правительство национального согласия.\n"
    );
    assert_eq!(normalized(&desk, &["-"], Some(once.as_bytes())), once);
}

/// `normalize -` on `text` twice: the first output, checked to be
/// idempotent.
fn normalized_twice(desk: &Desk, text: &str, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.push("-");
    let once = normalized(desk, &all, Some(text.as_bytes()));
    assert_eq!(normalized(desk, &all, Some(once.as_bytes())), once);
    once
}

/// A blank line ends a paragraph and a name with it: the words on either
/// side are never read as one name, and no line is taken away.
#[test]
fn a_name_never_runs_across_a_blank_line() {
    let desk = Desk::new();
    for text in [
        "He met Khalifa\n\nHifter was absent.\n",
        "He met Khalifa\r\n\r\nHifter was absent.\r\n",
        "He met Khalifa\n\n\n\nHifter was absent.\n",
        "التقى خليفة\n\nحفتر غاب.\n",
        "- Talks with Khalifa\n- Hifter left.\n",
    ] {
        let once = normalized_twice(&desk, text, &[]);
        assert_eq!(
            once.lines().count(),
            text.lines().count(),
            "{text:?} → {once:?}"
        );
        assert!(!once.contains("Khalifa Haftar"), "{text:?} → {once:?}");
    }
}

/// A Markdown heading ends at its line: the paragraph under it starts a
/// new name.
#[test]
fn a_name_never_runs_from_a_markdown_heading_into_the_paragraph() {
    let desk = Desk::new();
    let path = desk.write(
        "profile.md",
        "## Profile of Khalifa\nHifter was born in 1943.\n",
    );
    let once = normalized(&desk, &[&path], None);
    assert!(once.starts_with("## Profile of Khalifa\n"), "{once:?}");
}

/// A name wrapped at a line end, or spaced with a no-break space, is in
/// house form; a variant so spaced is rewritten with its spacing kept.
#[test]
fn white_space_inside_a_name_is_kept() {
    let desk = Desk::new();
    let clean =
        "He met Khalifa\nHaftar and Khalifa\u{a0}Haftar in the Government of\nNational Accord.\n";
    let run = desk.run(&["check", "-"], Some(clean.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stdout());
    let once = normalized_twice(
        &desk,
        "He met Khalifa\nHifter and Khalifa\u{a0}Hifter.\n",
        &[],
    );
    assert_eq!(once, "He met Khalifa\nHaftar and Khalifa\u{a0}Haftar.\n");
    // One finding a line in the report.
    let run = desk.run(
        &["check", "-"],
        Some("He met Khalifa\nHifter.\n".as_bytes()),
    );
    assert!(
        run.stdout().contains("Khalifa⏎Hifter → Khalifa⏎Haftar"),
        "{}",
        run.stdout()
    );
}

/// Direction marks and joiners after a name are no part of it: the name is
/// found as written, and the mark stays.
#[test]
fn a_direction_mark_after_a_name_stays_outside_it() {
    let desk = Desk::new();
    let clean = "Talks in Tripoli\u{200e} ended.\nوصل خليفة حفتر\u{200f} إلى مصراتة\u{200f}.\n";
    let run = desk.run(&["check", "-"], Some(clean.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stdout());
    let once = normalized_twice(&desk, "In Misurata\u{200f} and مصراته\u{200f}.\n", &[]);
    assert_eq!(once, "In Misrata\u{200f} and مصراتة\u{200f}.\n");
}

/// Combining marks: a Russian stress mark and a letter written in another
/// normal form (`й` as `и` and a breve) are the house form.
#[test]
fn combining_marks_on_a_house_form_are_kept() {
    let desk = Desk::new();
    let text = "Хафта\u{301}р приехал. Абдель Хамид Дбеи\u{306}ба выступил.\n";
    let run = desk.run(&["check", "-"], Some(text.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stdout());
    assert_eq!(normalized_twice(&desk, text, &[]), text);
}

/// Vowel marks on an Arabic proclitic do not cost the name its own.
#[test]
fn vowel_marks_stay_when_the_proclitic_has_one() {
    let desk = Desk::new();
    let once = normalized_twice(&desk, "وصلوا وَتَرْهُونَه أمس.\n", &[]);
    assert_eq!(once, "وصلوا وَتَرْهُونَة أمس.\n");
}

/// A name the glossary hyphenates, written with a space in a Russian case,
/// keeps its case in the rewrite.
#[test]
fn a_hyphenated_russian_name_written_with_a_space_keeps_its_case() {
    let desk = Desk::new();
    let once = normalized_twice(&desk, "Жители Бени Валида ушли.\n", &[]);
    assert_eq!(once, "Жители Бени-Валида ушли.\n");
}

/// A Markdown shortcut or collapsed reference is its own label: rewriting
/// it would part it from its definition.
#[test]
fn markdown_reference_labels_are_left_alone() {
    let desk = Desk::new();
    let text = "See [Misurata][] and [Tarkhuna]. Misurata fell.\n\n\
                [Misurata]: https://example.org/m\n[Tarkhuna]: https://example.org/t\n";
    let path = desk.write("refs.md", text);
    let once = normalized(&desk, &[&path], None);
    assert_eq!(once, text.replace("Misurata fell", "Misrata fell"));
}

/// `--diff` writes nothing, and its summary says so.
#[test]
fn the_diff_summary_says_nothing_was_written() {
    let desk = Desk::new();
    let a = desk.write("a.txt", "Talks in Misurata.\n");
    let b = desk.write("b.txt", "Talks in Tarkhuna.\n");
    let run = normalize(&desk, &["--diff", &a, &b], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("2 file(s) would be rewritten (nothing written)"),
        "{}",
        run.stderr
    );
    assert_eq!(desk.read("a.txt"), b"Talks in Misurata.\n");
    // A preview that would write is a contradiction: refused.
    let run = normalize(&desk, &["--diff", "--in-place", &a], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(desk.read("a.txt"), b"Talks in Misurata.\n");
}

/// A `--jsonl` stream that starts with a byte-order mark is read, and the
/// mark is passed on.
#[test]
fn a_jsonl_stream_may_start_with_a_byte_order_mark() {
    let desk = Desk::new();
    let input = "\u{feff}{\"id\":\"1\",\"text\":\"Talks in Misurata.\"}\n";
    let run = normalize(&desk, &["--jsonl", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout(),
        "\u{feff}{\"id\":\"1\",\"text\":\"Talks in Misrata.\"}\n"
    );
}

/// A file given twice, given and found under a folder also given, or
/// given beside a symbolic link to it, is checked and rewritten once, and
/// the summary counts it once; `-` twice is standard input once.
#[cfg(unix)]
#[test]
fn inputs_given_twice_are_processed_once() {
    let desk = Desk::new();
    desk.seed_house();
    desk.mkdir("dir");
    desk.write("dir/a.txt", "Forces reached Tarhouna at dawn.\n");
    std::os::unix::fs::symlink("dir/a.txt", desk.path("link.txt")).unwrap();
    let run = desk.run(
        &["check", "dir/a.txt", "dir", "./dir/a.txt", "link.txt"],
        None,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out = run.stdout();
    assert_eq!(out.matches("Tarhouna").count(), 1, "{out}");
    assert!(out.starts_with("dir/a.txt:1:16:"), "{out}");
    let run = desk.run(&["check", "-", "-"], Some(b"Tarhouna.\n"));
    assert_eq!(
        run.stdout().matches("Tarhouna").count(),
        1,
        "{}",
        run.stdout()
    );

    let run = desk.run(
        &[
            "normalize",
            "--in-place",
            "dir/a.txt",
            "dir/a.txt",
            "link.txt",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = format!("{}{}", run.stdout(), run.stderr);
    assert!(
        summary.contains("normalized 1 file(s): 1 off-style mention(s), 1 file(s) rewritten"),
        "{summary}"
    );
    assert_eq!(desk.read("dir/a.txt"), b"Forces reached Tarhuna at dawn.\n");
    assert!(desk.path("link.txt").is_symlink(), "the link stays");
}

/// A batch whose one output cannot be written (a folder in its way)
/// writes none: every output is written in full before any is put in
/// place.
#[test]
fn a_batch_with_an_unwritable_output_writes_nothing() {
    let desk = Desk::new();
    desk.mkdir("in/d1");
    desk.mkdir("in/d2");
    desk.write("in/d1/a.txt", "Talks in Misurata.\n");
    desk.write("in/d2/b.txt", "Talks in Tarkhuna.\n");
    desk.mkdir("out/d2/b.txt");
    let (input, out) = (desk.path("in"), desk.path("out"));
    let run = normalize(
        &desk,
        &["--out-dir", out.to_str().unwrap(), input.to_str().unwrap()],
        None,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("nothing written"), "{}", run.stderr);
    assert!(!desk.path("out/d1/a.txt").exists());
    // In place: the same promise, checked on the files' bytes.
    desk.write("in/d2/c.txt", "Talks in Misurata.\n");
    let run = normalize(&desk, &["--in-place", input.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(desk.read("in/d2/c.txt"), b"Talks in Misrata.\n");
}

/// `-o` to a device or a pipe (`-o /dev/null`, a FIFO) writes into it:
/// renaming a file over it would replace the device node itself.
#[cfg(unix)]
#[test]
fn output_to_a_pipe_writes_into_it_and_leaves_it_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let desk = Desk::new();
    let input = desk.write("in.txt", "Talks in Misurata.\n");
    let fifo = desk.path("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("no mkfifo here: skipped");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let run = normalize(&desk, &[&input, "-o", fifo.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(reader.join().unwrap(), "Talks in Misrata.\n");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}
