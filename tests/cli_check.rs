//! `dragoman check` end to end against a real SQLite database seeded with
//! the house glossary: findings in the contract JSON shape (spans, line and
//! column, kind, entry, suggestion, confidence), the span rules (longest
//! name, Arabic clitics, articles, possessives, quotes, surnames, Russian
//! case, headline capitals, abbreviations, protected URLs and words that
//! only contain a name), exit codes, batches (several files, directories,
//! stdin, binary, missing and invalid files), the options, the human output
//! and `--jsonl` streaming.
//!
//! Expected offsets, lines and columns are worked out from the input text
//! with `common::locate`, independently of dragoman.

mod common;

use common::{article, assert_findings, check_json, fixture_bytes, locate, Desk, Want};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::time::Duration;

const EN: &str = "articles/en-tarhuna.txt";
const EN_CLEAN: &str = "articles/en-clean.txt";
const RU: &str = "articles/ru-haftar.txt";
const AR: &str = "articles/ar-misrata.txt";

const GNA: &str = "government-of-national-accord";
const GNA_EN: &str = "Government of National Accord";
/// `GNA` written out in the article's headline, which is in capitals.
const GNA_HEADLINE: &str = "GOVERNMENT OF NATIONAL ACCORD";

/// Findings of `check --json [extra…] -` on `text`.
fn check_text(text: &str, extra: &[&str]) -> Vec<Value> {
    let desk = Desk::new();
    let mut args = extra.to_vec();
    args.push("-");
    check_json(&desk, &args, Some(text)).0
}

/// Each finding's text, entry id and suggestion.
fn found_entry_suggestion(findings: &[Value]) -> Vec<(&str, &str, &str)> {
    findings
        .iter()
        .map(|f| {
            (
                f["found"].as_str().unwrap(),
                f["entry"].as_str().unwrap(),
                f["suggestion"].as_str().unwrap(),
            )
        })
        .collect()
}

/// The findings of the English article without options.
fn english_wants() -> Vec<Want<'static>> {
    vec![
        Want::variant("TARKHUNA", "tarhuna", "TARHUNA"),
        Want::variant("GNA", GNA, GNA_HEADLINE),
        Want::variant("Tarkhuna", "tarhuna", "Tarhuna"),
        Want::variant("Khalifa Heftar", "khalifa-haftar", "Khalifa Haftar"),
        Want::variant("GNA", GNA, GNA_EN).nth(1),
        Want::variant("Az Zawiyah", "zawiya", "Zawiya"),
        Want::fuzzy("Tarkhouna", "tarhuna", "Tarhuna", 0.8, 1.0),
        Want::fuzzy("Zlitin", "zliten", "Zliten", 0.8, 0.95),
        Want::variant("Misurata", "misrata", "Misrata"),
    ]
}

// ---------------------------------------------------------------------------
// The articles
// ---------------------------------------------------------------------------

#[test]
fn english_article_listed_variants_and_unlisted_spellings() {
    let desk = Desk::new();
    let file = desk.fixture_as(EN, "en.txt");
    let (findings, run) = check_json(&desk, &[&file], None);
    assert_eq!(run.code, 1, "off-style findings exit 1");
    assert_findings(
        &article("en-tarhuna.txt"),
        &findings,
        &english_wants(),
        Some("en.txt"),
    );
}

#[test]
fn all_also_reports_house_forms_as_canonical() {
    let desk = Desk::new();
    let file = desk.fixture_as(EN, "en.txt");
    let (findings, run) = check_json(&desk, &["--all", &file], None);
    assert_eq!(run.code, 1);
    let wants = [
        Want::variant("TARKHUNA", "tarhuna", "TARHUNA"),
        Want::variant("GNA", GNA, GNA_HEADLINE),
        Want::canonical(GNA_EN, GNA),
        Want::variant("Tarkhuna", "tarhuna", "Tarhuna"),
        Want::variant("Khalifa Heftar", "khalifa-haftar", "Khalifa Haftar"),
        Want::variant("GNA", GNA, GNA_EN).nth(1),
        Want::variant("Az Zawiyah", "zawiya", "Zawiya"),
        Want::fuzzy("Tarkhouna", "tarhuna", "Tarhuna", 0.8, 1.0),
        // A surname alone, before a possessive.
        Want::canonical("Haftar", "khalifa-haftar"),
        Want::fuzzy("Zlitin", "zliten", "Zliten", 0.8, 0.95),
        Want::canonical("Sirte", "sirte"),
        Want::variant("Misurata", "misrata", "Misrata"),
        Want::canonical("Tarhuna", "tarhuna"),
        Want::canonical("Saif al-Islam Gaddafi", "saif-al-islam-gaddafi"),
    ];
    assert_findings(
        &article("en-tarhuna.txt"),
        &findings,
        &wants,
        Some("en.txt"),
    );
}

#[test]
fn russian_article_keeps_case_in_suggestions() {
    let desk = Desk::new();
    let file = desk.fixture_as(RU, "ru.txt");
    let (findings, run) = check_json(&desk, &["--all", &file], None);
    assert_eq!(run.code, 1);
    let wants = [
        Want::variant("МИСУРАТА", "misrata", "МИСРАТА").lang("ru"),
        Want::variant(
            "Правительства национального консенсуса",
            GNA,
            "Правительства национального согласия",
        )
        .lang("ru"),
        Want::canonical("Тархуну", "tarhuna").lang("ru"),
        Want::variant("Халифы Хифтера", "khalifa-haftar", "Халифы Хафтара").lang("ru"),
        // A surname alone, of a listed variant, in the instrumental case:
        // every Haftar's house surname is spelt alike, so the rewrite is
        // as sure as a near-certain spelling (normalize's default).
        Want::fuzzy("Хифтером", "khalifa-haftar", "Хафтаром", 0.95, 0.96).lang("ru"),
        Want::canonical("Хафтаром", "khalifa-haftar").lang("ru"),
        Want::variant(
            "Правительством национального консенсуса",
            GNA,
            "Правительством национального согласия",
        )
        .lang("ru"),
        Want::variant("Файез Сарадж", "fayez-al-sarraj", "Фаиз Сарадж").lang("ru"),
        Want::variant("Мисурату", "misrata", "Мисрату").lang("ru"),
        Want::canonical("Злитен", "zliten").lang("ru"),
    ];
    assert_findings(&article("ru-haftar.txt"), &findings, &wants, Some("ru.txt"));
}

#[test]
fn arabic_article_spans_cover_clitics_and_suggestions_keep_them() {
    let desk = Desk::new();
    let file = desk.fixture_as(AR, "ar.txt");
    let (findings, run) = check_json(&desk, &["--all", &file], None);
    assert_eq!(run.code, 1);
    let wants = [
        Want::canonical("حكومة الوفاق الوطني", GNA).lang("ar"),
        Want::canonical("ترهونة", "tarhuna").lang("ar"),
        // ta marbuta written as ha: a spelling difference, near certain.
        Want::fuzzy("مصراته", "misrata", "مصراتة", 0.95, 1.0).lang("ar"),
        Want::fuzzy("وبمصراته", "misrata", "وبمصراتة", 0.95, 1.0).lang("ar"),
        Want::variant(
            "القوات المسلحة العربية الليبية",
            "libyan-national-army",
            "الجيش الوطني الليبي",
        )
        .lang("ar"),
        Want::variant("بتاجورا", "tajoura", "بتاجوراء").lang("ar"),
        Want::canonical("خليفة حفتر", "khalifa-haftar").lang("ar"),
        Want::canonical("وحفتر", "khalifa-haftar").lang("ar"),
        Want::canonical("طرابلس", "tripoli").lang("ar"),
        Want::fuzzy("ومصراته", "misrata", "ومصراتة", 0.95, 1.0).lang("ar"),
    ];
    assert_findings(
        &article("ar-misrata.txt"),
        &findings,
        &wants,
        Some("ar.txt"),
    );
}

#[test]
fn clean_article_exits_zero_and_all_shows_only_house_forms() {
    let desk = Desk::new();
    let file = desk.fixture_as(EN_CLEAN, "clean.txt");
    let (findings, run) = check_json(&desk, &[&file], None);
    assert_eq!(run.code, 0);
    assert!(findings.is_empty(), "{findings:?}");

    let human = desk.run(&["check", &file], None);
    assert_eq!(human.code, 0);
    assert_eq!(human.stdout(), "", "nothing to report prints nothing");

    let (findings, run) = check_json(&desk, &["--all", &file], None);
    assert_eq!(run.code, 0, "canonical findings alone exit 0");
    let wants = [
        Want::canonical("Tripoli", "tripoli"),
        Want::canonical("Tripoli", "tripoli").nth(1),
        Want::canonical("Misrata", "misrata"),
        Want::canonical("Sirte", "sirte"),
        Want::canonical(GNA_EN, GNA),
        Want::canonical("Libyan National Army", "libyan-national-army"),
        Want::canonical("Khalifa Haftar", "khalifa-haftar"),
        Want::canonical("Haftar", "khalifa-haftar").nth(1),
        Want::canonical("Benghazi", "benghazi"),
    ];
    assert_findings(
        &article("en-clean.txt"),
        &findings,
        &wants,
        Some("clean.txt"),
    );
    // Nothing in it comes anywhere near the threshold either.
    let (findings, _) = check_json(&desk, &["--min-confidence", "0", &file], None);
    assert!(findings.is_empty(), "{findings:?}");
}

/// Arabic everyday words that the house glossary's names resemble: `المنفى`
/// (exile) folds as the surname `المنفي` (al-Menfi) does, and `لصالح` (in
/// favour of) reads as `ل` + `صالح` (Saleh). A clean article exits 0; the
/// names written out still are found.
#[test]
fn arabic_everyday_words_that_resemble_house_names_are_no_mentions() {
    let text = "عاد عدد من المسؤولين من المنفى بعد سنوات.\n\
                صوت مجلس النواب لصالح الحكومة الجديدة.\n";
    let desk = Desk::new();
    let (findings, run) = check_json(&desk, &["-"], Some(text));
    assert_eq!(run.code, 0, "{findings:?}");
    assert!(findings.is_empty(), "{findings:?}");
    let found = |text: &str| -> Vec<(String, String)> {
        check_text(text, &["--all"])
            .iter()
            .map(|f| {
                (
                    f["found"].as_str().unwrap().to_string(),
                    f["entry"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        found(text),
        [(
            "مجلس النواب".to_string(),
            "house-of-representatives".to_string()
        )]
    );
    assert_eq!(
        found("التقى محمد المنفى وعقيلة صالح، ثم عاد المنفي.\n"),
        [
            ("محمد المنفى".to_string(), "mohamed-al-menfi".to_string()),
            ("وعقيلة صالح".to_string(), "aguila-saleh".to_string()),
            ("المنفي".to_string(), "mohamed-al-menfi".to_string()),
        ]
    );
}

/// House names that start with a short word (`Ali Zeidan`) are found
/// misspelt, and a name with a plus sign in it (`5+5 Joint Military
/// Commission`) is found at all.
#[test]
fn a_name_with_a_short_first_word_or_a_plus_sign_is_found() {
    let text = "Ali Zaydan met the 5+5 Joint Military Commission.\n\
                Али Зайдан встретился с Объединённой военной комиссией 5+5.\n";
    let findings = check_text(text, &["--all"]);
    let found = found_entry_suggestion(&findings);
    assert_eq!(
        found,
        [
            ("Ali Zaydan", "ali-zeidan", "Ali Zeidan"),
            (
                "5+5 Joint Military Commission",
                "5-5-joint-military-commission",
                "5+5 Joint Military Commission"
            ),
            ("Али Зайдан", "ali-zeidan", "Али Зейдан"),
            (
                "Объединённой военной комиссией 5+5",
                "5-5-joint-military-commission",
                "Объединённой военной комиссией 5+5"
            ),
        ]
    );
}

/// Names the house glossary has in another shape than the text: a Russian
/// form closest by sound to the English spelling (`Мусе Куссе`), `عبد`
/// written joined to the name after it, behind a clitic too, and a first
/// name misspelt before a listed surname. `Khalid Haftar`, a listed first
/// name before a listed surname, is another person.
#[test]
fn names_in_another_shape_are_found_and_another_person_is_not() {
    let text = "О Мусе Куссе не упоминалось.\n\
                قال عبدالحميد الدبيبة إنه لم يتلق طلبا لتسليم عبدالله السنوسي.\n\
                Его сын Муатасим Каддафи погиб.\n\
                Khalid Haftar commands a brigade.\n";
    let findings = check_text(text, &["--all"]);
    let found = found_entry_suggestion(&findings);
    assert_eq!(
        found,
        [
            ("Мусе Куссе", "moussa-koussa", "Мусе Кусе"),
            (
                "عبدالحميد الدبيبة",
                "abdul-hamid-dbeibah",
                "عبد الحميد الدبيبة"
            ),
            ("عبدالله السنوسي", "abdullah-al-senussi", "عبد الله السنوسي"),
            ("Муатасим Каддафи", "mutassim-gaddafi", "Мутассим Каддафи"),
        ]
    );
}

// ---------------------------------------------------------------------------
// Inputs: stdin, several files, directories, binary, missing, invalid
// ---------------------------------------------------------------------------

#[test]
fn stdin_is_read_for_dash_and_for_no_file_and_named_dash() {
    let text = "Ещё:\tTarkhuna ушла.\nForces left Misurata.\n";
    let wants = [
        Want::variant("Tarkhuna", "tarhuna", "Tarhuna"),
        Want::variant("Misurata", "misrata", "Misrata"),
    ];
    let desk = Desk::new();
    for args in [&["-"][..], &[][..]] {
        let (findings, run) = check_json(&desk, args, Some(text));
        assert_eq!(run.code, 1);
        assert_findings(text, &findings, &wants, Some("-"));
    }
    // Columns count characters (a tab is one), offsets count bytes.
    let (findings, _) = check_json(&desk, &["-"], Some(text));
    assert_eq!(findings[0]["column"], 6);
    assert_eq!(findings[0]["start"], 8);
    assert_eq!(
        (findings[1]["line"].clone(), findings[1]["column"].clone()),
        (json!(2), json!(13))
    );
}

/// Lays out `news/` with three articles, hidden files, and a binary file.
fn newsroom(desk: &Desk) {
    desk.mkdir("news/sub");
    desk.mkdir("news/.drafts");
    desk.fixture_as(EN, "news/en.txt");
    desk.fixture_as(AR, "news/ar.txt");
    desk.fixture_as(RU, "news/sub/ru.txt");
    desk.write("news/.hidden.txt", "Tarkhuna\n");
    desk.write("news/.drafts/draft.txt", "Misurata\n");
    let mut binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    binary.extend_from_slice(b" Tarkhuna Misurata \0\0");
    desk.write("news/photo.png", binary);
}

/// The findings of `check --json FILE` on one file, `file` set to `name`.
fn alone(desk: &Desk, file: &str, name: &str) -> Vec<Value> {
    let (findings, _) = check_json(desk, &[file], None);
    findings
        .into_iter()
        .map(|mut f| {
            f["file"] = json!(name);
            f
        })
        .collect()
}

#[test]
fn several_files_and_a_directory_walked_sorted_hidden_and_binary_skipped() {
    let desk = Desk::new();
    newsroom(&desk);
    desk.write("lead.txt", "Forces left Tarkhuna.\n");
    let (findings, run) = check_json(&desk, &["lead.txt", "news"], None);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);

    // Files in command-line order, a directory's files sorted; hidden files
    // and directories are not read.
    let mut files: Vec<&str> = findings
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    files.dedup();
    assert_eq!(
        files,
        ["lead.txt", "news/ar.txt", "news/en.txt", "news/sub/ru.txt"]
    );

    // Each file's findings are what checking it alone gives.
    let mut expected = alone(&desk, "lead.txt", "lead.txt");
    expected.extend(alone(&desk, "news/ar.txt", "news/ar.txt"));
    expected.extend(alone(&desk, "news/en.txt", "news/en.txt"));
    expected.extend(alone(&desk, "news/sub/ru.txt", "news/sub/ru.txt"));
    assert_eq!(findings, expected);

    // The binary file is skipped with a warning naming it.
    let warning = run
        .stderr
        .lines()
        .find(|l| l.contains("news/photo.png"))
        .unwrap_or_else(|| panic!("no warning for the binary file: {}", run.stderr));
    assert!(warning.contains("binary"), "{warning}");
    assert!(!run.stderr.contains(".hidden"), "{}", run.stderr);
    assert!(!run.stderr.contains(".drafts"), "{}", run.stderr);

    // A batch ends with a summary on stderr (not stdout, which is JSON).
    let summary = run.stderr.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("checked 4 file(s)"),
        "summary: {summary:?}"
    );
    assert!(
        summary.contains("1 binary file(s) skipped"),
        "summary: {summary:?}"
    );
    let off_style = findings.iter().filter(|f| f["kind"] != "canonical").count();
    assert!(
        summary.contains(&format!("{off_style} off-style mention(s)")),
        "summary: {summary:?}"
    );
}

#[test]
fn a_hidden_file_named_on_the_command_line_is_checked() {
    let desk = Desk::new();
    desk.write(".note.txt", "Tarkhuna\n");
    let (findings, run) = check_json(&desk, &[".note.txt"], None);
    assert_eq!(run.code, 1);
    assert_findings(
        "Tarkhuna\n",
        &findings,
        &[Want::variant("Tarkhuna", "tarhuna", "Tarhuna")],
        Some(".note.txt"),
    );
}

/// A binary file named on the command line (or read from standard input)
/// is an input error, exit 2: the user asked for it, and a gate must not
/// read "clean". The other files are still checked. (Found in a walked
/// directory, one is skipped with a warning, as above.)
#[test]
fn a_binary_file_named_on_the_command_line_is_an_input_error() {
    let desk = Desk::new();
    desk.fixture_as(EN_CLEAN, "clean.txt");
    desk.write("blob.bin", b"Tarkhuna\n\0\0\x01\x02Misurata");
    let run = desk.run(&["check", "clean.txt", "blob.bin"], None);
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    assert_eq!(run.stdout(), "");
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains("blob.bin:2:") && l.contains("binary")),
        "{}",
        run.stderr
    );
    let summary = run.stderr.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("checked 1 file(s): 0 off-style mention(s)"),
        "{summary:?}"
    );
    let run = desk.run(&["check", "-"], Some(b"Tarkhuna\0"));
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    assert!(run.stderr.contains("-:1:"), "{}", run.stderr);
}

#[test]
fn an_empty_file_name_is_a_usage_error() {
    let desk = Desk::new();
    let run = desk.run(&["check", ""], None);
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    assert!(run.stderr.contains("empty file name"), "{}", run.stderr);
}

#[test]
fn a_missing_file_exits_2_but_the_other_files_are_still_reported() {
    let desk = Desk::new();
    desk.fixture_as(EN, "en.txt");
    desk.fixture_as(RU, "ru.txt");
    let run = desk.run(
        &["check", "--json", "en.txt", "missing.txt", "ru.txt"],
        None,
    );
    assert_eq!(run.code, 2);
    let findings = run.array();
    let mut expected = alone(&desk, "en.txt", "en.txt");
    expected.extend(alone(&desk, "ru.txt", "ru.txt"));
    assert_eq!(findings, expected);
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("dragoman: missing.txt")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 file(s) with errors"),
        "{}",
        run.stderr
    );

    // The same in human output.
    let run = desk.run(&["check", "en.txt", "missing.txt"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout().contains("en.txt:1:1: TARKHUNA"),
        "{}",
        run.stdout()
    );
    assert!(run.stderr.contains("missing.txt"), "{}", run.stderr);
}

#[test]
fn invalid_utf8_exits_2_naming_file_and_line_and_the_rest_is_checked() {
    let desk = Desk::new();
    desk.fixture_as(EN, "en.txt");
    desk.write(
        "bad.txt",
        b"A fine first line about Tarkhuna.\nThen \xff\xfe here.\n",
    );
    let run = desk.run(&["check", "--json", "bad.txt", "en.txt"], None);
    assert_eq!(run.code, 2);
    assert_eq!(run.array(), alone(&desk, "en.txt", "en.txt"));
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("dragoman: bad.txt:2:") && l.contains("UTF-8")),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

#[test]
fn min_confidence_filters_findings_and_must_be_between_0_and_1() {
    let desk = Desk::new();
    let file = desk.fixture_as(EN, "en.txt");
    let text = article("en-tarhuna.txt");

    // 0.99: unlisted spellings found by similarity are gone; listed
    // variants (1.0) stay.
    let (findings, run) = check_json(&desk, &["--min-confidence", "0.99", &file], None);
    assert_eq!(run.code, 1);
    let listed: Vec<Want> = english_wants()
        .into_iter()
        .filter(|w| w.kind == "variant")
        .collect();
    assert_findings(&text, &findings, &listed, Some("en.txt"));

    // 1 is allowed (and keeps exactly the listed variants), so is 0.
    let (findings, _) = check_json(&desk, &["--min-confidence", "1", &file], None);
    assert_findings(&text, &findings, &listed, Some("en.txt"));
    let (findings, _) = check_json(&desk, &["--min-confidence", "0", &file], None);
    assert!(findings.len() >= english_wants().len());

    // The default is 0.8: the same as giving it.
    let (default, _) = check_json(&desk, &[&file], None);
    let (explicit, _) = check_json(&desk, &["--min-confidence", "0.8", &file], None);
    assert_eq!(default, explicit);

    for bad in [
        "--min-confidence=1.5",
        "--min-confidence=-0.1",
        "--min-confidence=high",
    ] {
        let run = desk.run(&["check", bad, &file], None);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert_eq!(run.stdout(), "", "{bad}");
        assert!(
            run.stderr.contains("min-confidence"),
            "{bad}: {}",
            run.stderr
        );
    }
}

#[test]
fn no_fuzzy_reports_only_listed_spellings() {
    let desk = Desk::new();
    let file = desk.fixture_as(EN, "en.txt");
    let (findings, run) = check_json(&desk, &["--no-fuzzy", &file], None);
    assert_eq!(run.code, 1);
    let listed: Vec<Want> = english_wants()
        .into_iter()
        .filter(|w| w.kind == "variant")
        .collect();
    assert_findings(
        &article("en-tarhuna.txt"),
        &findings,
        &listed,
        Some("en.txt"),
    );

    // Nothing but similarity: nothing found.
    let (findings, run) = check_json(&desk, &["--no-fuzzy", "-"], Some("Tarkhouna and Zlitin.\n"));
    assert_eq!(run.code, 0);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn lang_must_be_a_language_code() {
    let desk = Desk::new();
    let file = desk.fixture_as(EN, "en.txt");
    for bad in ["english", "12", "e_n", "x y", ""] {
        let run = desk.run(&["check", "--lang", bad, &file], None);
        assert_eq!(run.code, 2, "--lang {bad:?}: {}", run.stderr);
        assert_eq!(run.stdout(), "");
        assert!(run.stderr.contains("--lang"), "{}", run.stderr);
    }
    // Codes are accepted, including ones without house forms.
    let (english, _) = check_json(&desk, &["--lang", "en", &file], None);
    assert_findings(
        &article("en-tarhuna.txt"),
        &english,
        &english_wants(),
        Some("en.txt"),
    );
    for good in ["fr", "zh-Hant-TW"] {
        let run = desk.run(&["check", "--lang", good, &file], None);
        assert_eq!(run.code, 1, "--lang {good}: {}", run.stderr);
    }
}

// ---------------------------------------------------------------------------
// Human output
// ---------------------------------------------------------------------------

#[test]
fn human_output_names_file_line_column_and_notes_drift() {
    let desk = Desk::new();
    let file = desk.fixture_as(EN, "en.txt");
    let run = desk.run(&["check", &file], None);
    assert_eq!(run.code, 1);
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("en.txt:1:1: TARKHUNA"), "{out}");
    assert!(lines[0].contains("TARHUNA"), "{out}");
    let at = locate(&article("en-tarhuna.txt"), "Az Zawiyah", 0);
    let zawiya = format!("en.txt:{}:{}: Az Zawiyah", at.line, at.column);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&zawiya) && l.contains("Zawiya")),
        "{out}"
    );
    // One entity named in several forms in one document gets a note.
    assert!(
        lines.iter().any(|l| l.starts_with("en.txt:")
            && l.contains("tarhuna is named in 3 forms")
            && l.contains("TARKHUNA")
            && l.contains("Tarkhouna")),
        "{out}"
    );
    assert!(out.contains("khalifa-haftar is named in 2 forms"), "{out}");
    // A single file has no batch summary.
    assert_eq!(run.stderr, "");
}

#[test]
fn one_consistent_spelling_has_no_drift_note() {
    let desk = Desk::new();
    let run = desk.run(&["check", "-"], Some(b"Tarkhuna, then Tarkhuna again.\n"));
    assert_eq!(run.code, 1);
    assert!(!run.stdout().contains("named in"), "{}", run.stdout());
    let run = desk.run(&["check", "-"], Some(b"Tarkhuna, then Tarhuna.\n"));
    assert!(
        run.stdout().contains("tarhuna is named in 2 forms"),
        "{}",
        run.stdout()
    );
    // A bilingual text naming it once in each language does not drift,
    // nor do Russian case forms of one spelling.
    let bilingual = "Tarkhuna is quiet. Тархуна спокойна.\n";
    let run = desk.run(&["check", "-"], Some(bilingual.as_bytes()));
    assert!(!run.stdout().contains("named in"), "{}", run.stdout());
    let bilingual = "Tarhuna is quiet. Тархуна спокойна, Тархунах тоже.\n";
    let run = desk.run(&["check", "--all", "-"], Some(bilingual.as_bytes()));
    assert!(!run.stdout().contains("named in"), "{}", run.stdout());
}

#[test]
fn output_to_a_pipe_has_no_escape_codes_even_without_no_color() {
    let desk = Desk::new();
    let file = desk.fixture_as(EN, "en.txt");
    let output = desk
        .dragoman()
        .env_remove("NO_COLOR")
        .args(["check", &file, "missing.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!output.stdout.is_empty());
    assert!(
        !output.stdout.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(
        !output.stderr.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs `dragoman check FILE` on a pseudo-terminal through util-linux
/// `script`; `None` when `script` is not available.
fn check_on_a_terminal(desk: &Desk, file: &str, no_color: bool) -> Option<Vec<u8>> {
    let command = format!(
        "'{}' --db '{}' check '{}'",
        env!("CARGO_BIN_EXE_dragoman"),
        desk.db().display(),
        file
    );
    let mut cmd = desk.std_command("script");
    cmd.args(["-qec", &command, "/dev/null"]);
    if !no_color {
        cmd.env_remove("NO_COLOR");
    }
    let output = cmd.stdin(std::process::Stdio::null()).output().ok()?;
    if !output.status.success() && output.status.code() != Some(1) {
        return None;
    }
    Some(output.stdout)
}

#[test]
fn no_color_turns_escape_codes_off_on_a_terminal() {
    let desk = Desk::new();
    let file = desk.fixture_as(EN, "en.txt");
    let Some(coloured) = check_on_a_terminal(&desk, &file, false) else {
        eprintln!("skipped: util-linux `script` is not available");
        return;
    };
    if !coloured.contains(&0x1b) {
        eprintln!("skipped: no colours on this pseudo-terminal, nothing to turn off");
        return;
    }
    let plain = check_on_a_terminal(&desk, &file, true).expect("script ran before");
    let plain_text = String::from_utf8_lossy(&plain);
    assert!(plain_text.contains("TARKHUNA"), "{plain_text}");
    assert!(
        !plain.contains(&0x1b),
        "NO_COLOR=1 on a terminal: {plain_text}"
    );
}

// ---------------------------------------------------------------------------
// Span rules
// ---------------------------------------------------------------------------

#[test]
fn the_longest_name_is_one_mention() {
    let text = "Saif al-Islam Gaddafi met lawyers. Seif al-Islam Qaddafi's trial. \
                Gaddafi's son spoke. Сейф аль-Ислам Каддафи выступил.\n";
    let findings = check_text(text, &["--all"]);
    let wants = [
        Want::canonical("Saif al-Islam Gaddafi", "saif-al-islam-gaddafi"),
        Want::variant(
            "Seif al-Islam Qaddafi",
            "saif-al-islam-gaddafi",
            "Saif al-Islam Gaddafi",
        ),
        // A surname alone shared by several persons: the first-listed.
        Want::canonical("Gaddafi", "muammar-gaddafi").nth(1),
        Want::canonical("Сейф аль-Ислам Каддафи", "saif-al-islam-gaddafi").lang("ru"),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
}

#[test]
fn arabic_clitic_prefixes_are_inside_the_span_and_kept_in_the_suggestion() {
    let text = "وصل الوفد ومصراته هادئة، وبمصراته اجتماع.\n";
    let findings = check_text(text, &[]);
    let wants = [
        Want::fuzzy("ومصراته", "misrata", "ومصراتة", 0.95, 1.0).lang("ar"),
        Want::fuzzy("وبمصراته", "misrata", "وبمصراتة", 0.95, 1.0).lang("ar"),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
    // The span starts at the conjunction, the token's first letter.
    let start = findings[0]["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + "و".len()], "و");
    assert_eq!(text.as_bytes()[start - 1], b' ');
}

#[test]
fn arabic_everyday_words_are_no_names_and_a_glued_name_is_found() {
    // The metric ton, courgettes and walls: words with the article, or
    // close to a surname alone, that once were Mitri, Koussa and Jadhran.
    // A Latin name glued to an Arabic word (a space lost in pasting) is
    // read as a word of its own.
    let text = "ارتفع سعر الطن المتري، وبيعت الطماطم والكوسة، وكتبوا على الجدران.\n\
                وقال كوسة إن الحكومة باسمGovernment of National Consensus ستجتمع.\n";
    let findings = check_text(text, &["--all"]);
    let wants = [
        // The first `كوسة` in the text is inside `والكوسة`.
        Want::canonical("كوسة", "moussa-koussa").lang("ar").nth(1),
        Want::variant("Government of National Consensus", GNA, GNA_EN),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
}

#[test]
fn an_article_written_as_part_of_the_name_is_inside_the_span() {
    let text = "Units entered Az Zawiyah, then az-Zawiyah port; towns such as Zawiyah.\n";
    let findings = check_text(text, &[]);
    let wants = [
        Want::variant("Az Zawiyah", "zawiya", "Zawiya"),
        Want::variant("az-Zawiyah", "zawiya", "Zawiya"),
        // A lower-case word that stands apart is not an article of the name.
        Want::variant("Zawiyah", "zawiya", "Zawiya").nth(2),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
}

#[test]
fn a_house_form_with_its_article_is_one_canonical_mention() {
    let text = "Tankers left Es Sider on Monday.\n";
    let findings = check_text(text, &["--all"]);
    assert_findings(
        text,
        &findings,
        &[Want::canonical("Es Sider", "es-sider")],
        Some("-"),
    );
}

#[test]
fn a_soft_hyphen_inside_a_name_is_inside_the_span_and_goes_with_the_rewrite() {
    // Text pasted from web pages carries invisible break points (U+00AD).
    let text = "Forces reached Tar\u{AD}khuna and Mis\u{AD}u\u{AD}rata; Tar\u{AD}huna held.\n\
                Then Tar\u{AD}\nkhuna again.\n\
                Силы вошли в Мису\u{AD}рату.\n";
    let findings = check_text(text, &["--all"]);
    let wants = [
        Want::variant("Tar\u{AD}khuna", "tarhuna", "Tarhuna"),
        Want::variant("Mis\u{AD}u\u{AD}rata", "misrata", "Misrata"),
        // The house form written with a soft hyphen: in house form, its
        // suggestion the house form as listed.
        Want::new("Tar\u{AD}huna", "tarhuna", "canonical", "Tarhuna"),
        // A soft hyphen at a line end, as `Tar-⏎khuna`.
        Want::variant("Tar\u{AD}\nkhuna", "tarhuna", "Tarhuna"),
        Want::variant("Мису\u{AD}рату", "misrata", "Мисрату").lang("ru"),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
    // Without --all the house form is not reported; the rest are.
    assert_eq!(check_text(text, &[]).len(), 4);
    // normalize rewrites the findings (the soft hyphens in them go) and
    // keeps every other byte, the soft hyphen of the house form too.
    let desk = Desk::new();
    let run = desk.run(&["normalize", "-"], Some(text.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout(),
        "Forces reached Tarhuna and Misrata; Tar\u{AD}huna held.\n\
         Then Tarhuna again.\n\
         Силы вошли в Мисрату.\n"
    );
}

#[test]
fn possessives_and_quotes_are_outside_the_span() {
    let text = "Khalifa Heftar's men and Tarkhuna’s mayor; the GNA's view.\n\
                He said “Tarkhuna”, \"Misurata\" and 'Zawia'; «Мисурате» и «ومصراته».\n";
    let findings = check_text(text, &[]);
    let wants = [
        Want::variant("Khalifa Heftar", "khalifa-haftar", "Khalifa Haftar"),
        Want::variant("Tarkhuna", "tarhuna", "Tarhuna"),
        Want::variant("GNA", GNA, GNA_EN),
        Want::variant("Tarkhuna", "tarhuna", "Tarhuna").nth(1),
        Want::variant("Misurata", "misrata", "Misrata"),
        Want::variant("Zawia", "zawiya", "Zawiya"),
        Want::variant("Мисурате", "misrata", "Мисрате").lang("ru"),
        Want::fuzzy("ومصراته", "misrata", "ومصراتة", 0.95, 1.0).lang("ar"),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
    // A house-style possessive: the name without `'s` / `’s`.
    let text = "Haftar's and Haftar’s forces.\n";
    let findings = check_text(text, &["--all"]);
    let wants = [
        Want::canonical("Haftar", "khalifa-haftar"),
        Want::canonical("Haftar", "khalifa-haftar").nth(1),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
}

#[test]
fn a_surname_alone_is_a_mention_of_the_person() {
    let text = "Haftar spoke. Встреча с Хафтаром. قال وحفتر.\n";
    let findings = check_text(text, &["--all"]);
    let wants = [
        Want::canonical("Haftar", "khalifa-haftar"),
        Want::canonical("Хафтаром", "khalifa-haftar").lang("ru"),
        Want::canonical("وحفتر", "khalifa-haftar").lang("ar"),
    ];
    assert_findings(text, &findings, &wants, Some("-"));

    // Off style, its suggestion is the house surname.
    let text = "Heftar spoke. Встреча с Хифтером.\n";
    let findings = check_text(text, &[]);
    let wants = [
        Want::fuzzy("Heftar", "khalifa-haftar", "Haftar", 0.8, 1.0),
        Want::fuzzy("Хифтером", "khalifa-haftar", "Хафтаром", 0.8, 1.0).lang("ru"),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
}

#[test]
fn russian_case_and_number_are_kept_in_the_suggestion() {
    let text = "Встреча с Халифой Хифтером. Указ Правительством национального консенсуса. \
                Из Мисураты.\n";
    let findings = check_text(text, &[]);
    let wants = [
        Want::variant("Халифой Хифтером", "khalifa-haftar", "Халифой Хафтаром").lang("ru"),
        Want::variant(
            "Правительством национального консенсуса",
            GNA,
            "Правительством национального согласия",
        )
        .lang("ru"),
        Want::variant("Мисураты", "misrata", "Мисраты").lang("ru"),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
}

#[test]
fn headline_capitals_are_kept_but_abbreviations_are_expanded() {
    let text = "TARKHUNA FALLS AS GNA UNITS ENTER\nМИСУРАТА ЖДЁТ\nThe LNA and ЛНА.\n";
    let findings = check_text(text, &[]);
    let wants = [
        Want::variant("TARKHUNA", "tarhuna", "TARHUNA"),
        // An abbreviation in a headline in capitals is written out in
        // capitals; elsewhere (`The LNA`) as the house form is.
        Want::variant("GNA", GNA, "GOVERNMENT OF NATIONAL ACCORD"),
        Want::variant("МИСУРАТА", "misrata", "МИСРАТА").lang("ru"),
        Want::variant("LNA", "libyan-national-army", "Libyan National Army"),
        Want::variant(
            "ЛНА",
            "libyan-national-army",
            "Ливийская национальная армия",
        )
        .lang("ru"),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
}

#[test]
fn never_inside_urls_email_addresses_handles_or_hashtags() {
    let text = "See https://example.org/Tarkhuna/Misurata, www.tarkhuna.example/Zawia \
                and (desk@tarkhuna.example) or @Tarkhuna, @Misurata_news, #Misurata, \
                (#Хифтер) and #مصراته. Then # Misurata is a heading, and Zawia.\n";
    for extra in [&[][..], &["--all", "--min-confidence", "0"][..]] {
        let findings = check_text(text, extra);
        let wants = [
            Want::variant("Misurata", "misrata", "Misrata").nth(3),
            Want::variant("Zawia", "zawiya", "Zawiya").nth(1),
        ];
        assert_findings(text, &findings, &wants, Some("-"));
    }
}

#[test]
fn never_inside_longer_words() {
    let text = "Misratan fighters, Tarkhunas, Zawiyas and Benghazians; Haftarist slogans.\n";
    for extra in [&[][..], &["--all"][..], &["--min-confidence", "0"][..]] {
        let findings = check_text(text, extra);
        assert!(findings.is_empty(), "{extra:?}: {findings:?}");
    }
    // The name itself next to them still is.
    let text = "Misratan fighters left Misurata.\n";
    let findings = check_text(text, &[]);
    assert_findings(
        text,
        &findings,
        &[Want::variant("Misurata", "misrata", "Misrata")],
        Some("-"),
    );
}

#[test]
fn ordinary_words_are_not_reported() {
    let text = "Misery. Tarot cards. Sort the files. Hunger. Derby. Brag.\n";
    for extra in [&[][..], &["--all"][..]] {
        let desk = Desk::new();
        let mut args = extra.to_vec();
        args.push("-");
        let (findings, run) = check_json(&desk, &args, Some(text));
        assert!(findings.is_empty(), "{extra:?}: {findings:?}");
        assert_eq!(run.code, 0);
    }
}

// ---------------------------------------------------------------------------
// --jsonl
// ---------------------------------------------------------------------------

#[test]
fn jsonl_writes_id_and_findings_per_line_in_order() {
    let desk = Desk::new();
    let texts = [
        "Forces left Tarkhuna.",
        "Встреча с Хифтером.\nи ومصراته",
        "Tripoli is calm.",
        "no id here: Zawia",
    ];
    let input = format!(
        "{}\n\n{}\n{}\n   \n{}\n",
        json!({"id": 1, "text": texts[0]}),
        json!({"id": "b", "text": texts[1], "extra": [1, 2]}),
        json!({"id": null, "text": texts[2]}),
        json!({"text": texts[3]}),
    );
    let run = desk.run(&["check", "--jsonl"], Some(input.as_bytes()));
    assert_eq!(run.code, 1, "{}", run.stderr);
    // One line out per line in: blank lines come back as they were.
    let stdout = run.stdout();
    let raw: Vec<&str> = stdout.split_inclusive('\n').collect();
    assert_eq!(raw.len(), input.lines().count(), "{stdout}");
    assert_eq!((raw[1], raw[4]), ("\n", "   \n"));
    let lines: Vec<Value> = raw
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    for line in &lines {
        let mut keys: Vec<&String> = line.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["findings", "id"], "{line}");
    }
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[1]["id"], "b");
    assert_eq!(lines[2]["id"], Value::Null);
    assert_eq!(lines[3]["id"], Value::Null);

    let findings = |i: usize| lines[i]["findings"].as_array().unwrap().clone();
    assert_findings(
        texts[0],
        &findings(0),
        &[Want::variant("Tarkhuna", "tarhuna", "Tarhuna")],
        None,
    );
    assert_findings(
        texts[1],
        &findings(1),
        &[
            Want::fuzzy("Хифтером", "khalifa-haftar", "Хафтаром", 0.8, 1.0).lang("ru"),
            Want::fuzzy("ومصراته", "misrata", "ومصراتة", 0.95, 1.0).lang("ar"),
        ],
        None,
    );
    assert!(findings(2).is_empty());
    assert_findings(
        texts[3],
        &findings(3),
        &[Want::variant("Zawia", "zawiya", "Zawiya")],
        None,
    );

    // The same findings as checking the text as a file (less `file`).
    let (whole, _) = check_json(&desk, &["-"], Some(texts[1]));
    let mut whole = whole;
    for f in &mut whole {
        f.as_object_mut().unwrap().remove("file");
    }
    assert_eq!(findings(1), whole);
}

#[test]
fn jsonl_exit_codes_options_and_files() {
    let desk = Desk::new();
    desk.write(
        "a.jsonl",
        format!("{}\n", json!({"id": "a", "text": "Tripoli."})),
    );
    desk.write(
        "b.jsonl",
        format!("{}\n", json!({"id": "b", "text": "Tarkhouna."})),
    );
    let run = desk.run(&["check", "--jsonl", "a.jsonl"], None);
    assert_eq!(run.code, 0);
    assert_eq!(run.json_lines(), [json!({"id": "a", "findings": []})]);

    let run = desk.run(&["check", "--jsonl", "a.jsonl", "b.jsonl"], None);
    assert_eq!(run.code, 1);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (lines[0]["id"].clone(), lines[1]["id"].clone()),
        (json!("a"), json!("b"))
    );
    assert_eq!(lines[1]["findings"][0]["found"], "Tarkhouna");

    // --all and --no-fuzzy apply.
    let run = desk.run(&["check", "--jsonl", "--all", "a.jsonl"], None);
    assert_eq!(run.code, 0);
    assert_eq!(run.json_lines()[0]["findings"][0]["kind"], "canonical");
    let run = desk.run(&["check", "--jsonl", "--no-fuzzy", "b.jsonl"], None);
    assert_eq!(run.code, 0);
    assert_eq!(run.json_lines(), [json!({"id": "b", "findings": []})]);
}

#[test]
fn jsonl_malformed_line_exits_2_naming_its_line() {
    let desk = Desk::new();
    let good = json!({"id": 1, "text": "Tarkhuna"}).to_string();
    let cases: [(&str, &str); 4] = [
        ("{oops}", "malformed"),
        ("[1, 2]", "object"),
        (r#"{"id": 5}"#, "\"text\""),
        (r#"{"id": 5, "text": 7}"#, "\"text\""),
    ];
    for (bad, message) in cases {
        // Line 4: blank lines count.
        let input = format!("{good}\n\n{good}\n{bad}\n{good}\n");
        desk.write("in.jsonl", &input);
        for (args, name) in [(&["in.jsonl"][..], "in.jsonl"), (&["-"][..], "-")] {
            let mut all = vec!["check", "--jsonl"];
            all.extend_from_slice(args);
            let run = desk.run(&all, Some(input.as_bytes()));
            assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
            let prefix = format!("dragoman: {name}:4:");
            assert!(
                run.stderr.starts_with(&prefix) && run.stderr.contains(message),
                "{bad}: {}",
                run.stderr
            );
            // Lines before it were written (streaming), nothing after.
            assert_eq!(run.stdout().lines().count(), 3, "{bad}: {}", run.stdout());
        }
    }
}

#[test]
fn jsonl_answers_line_for_line_with_the_id_as_written() {
    let desk = Desk::new();
    // CRLF line breaks, an id too large for a 64-bit float, a float id
    // written with a trailing zero, and a last line without a line break.
    let input = "{\"id\": 18446744073709551617, \"text\": \"Halted at Zawia.\"}\r\n\
                 \t\r\n\
                 {\"text\": \"مصراته هادئة\", \"id\": 2.50}\r\n\
                 {\"id\": {\"batch\": 7}, \"text\": \"Рынок открыт.\"}";
    let run = desk.run(&["check", "--jsonl"], Some(input.as_bytes()));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let stdout = run.stdout();
    let lines: Vec<&str> = stdout.split_inclusive('\n').collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(lines[0].starts_with("{\"id\":18446744073709551617,") && lines[0].ends_with("}\r\n"));
    assert_eq!(lines[1], "\t\r\n");
    assert!(lines[2].starts_with("{\"id\":2.50,"), "{}", lines[2]);
    assert!(lines[3].starts_with("{\"id\":{\"batch\": 7},") && lines[3].ends_with("}\n"));
    let findings = |line: &str| -> Vec<Value> {
        let value: Value = serde_json::from_str(line).unwrap();
        value["findings"].as_array().unwrap().clone()
    };
    assert_eq!(findings(lines[0])[0]["found"], "Zawia");
    assert_eq!(findings(lines[2])[0]["found"], "مصراته");
    assert!(findings(lines[3]).is_empty());
}

#[test]
fn jsonl_text_given_twice_is_read_as_json_readers_read_it() {
    let desk = Desk::new();
    // The last member wins, as in any JSON reader; normalize rewrites it
    // and leaves the first as written.
    let input = "{\"text\": \"Zawia\", \"id\": 1, \"text\": \"Tripoli and Zawia\"}\n";
    let run = desk.run(&["check", "--jsonl"], Some(input.as_bytes()));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings = run.json_lines()[0]["findings"].clone();
    assert_eq!(findings[0]["found"], "Zawia");
    assert_eq!(findings[0]["start"], 12);
    let run = desk.run(&["normalize", "--jsonl"], Some(input.as_bytes()));
    assert_eq!(
        run.stdout(),
        "{\"text\": \"Zawia\", \"id\": 1, \"text\": \"Tripoli and Zawiya\"}\n"
    );
}

#[test]
fn jsonl_invalid_utf8_line_exits_2_naming_its_line() {
    let desk = Desk::new();
    let mut input = format!("{}\n", json!({"id": 1, "text": "Tarkhuna"})).into_bytes();
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"Zawia \xff\"}\n");
    let run = desk.run(&["check", "--jsonl"], Some(&input));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("dragoman: -:2:") && run.stderr.contains("UTF-8"),
        "{}",
        run.stderr
    );
    assert_eq!(run.json_lines().len(), 1);
}

#[test]
fn jsonl_lines_are_written_as_they_are_read() {
    let desk = Desk::new();
    desk.seed_house();
    let mut child = desk
        .std_command(env!("CARGO_BIN_EXE_dragoman"))
        .arg("--db")
        .arg(desk.db())
        .args(["check", "--jsonl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("dragoman starts");
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let wait = Duration::from_secs(20);
    writeln!(stdin, "{}", json!({"id": 1, "text": "Tarkhuna"})).unwrap();
    stdin.flush().unwrap();
    let first = rx
        .recv_timeout(wait)
        .expect("the first line comes out before the input ends");
    assert_eq!(serde_json::from_str::<Value>(&first).unwrap()["id"], 1);
    writeln!(stdin, "{}", json!({"id": 2, "text": "Tripoli"})).unwrap();
    stdin.flush().unwrap();
    let second = rx.recv_timeout(wait).expect("the second line");
    assert_eq!(serde_json::from_str::<Value>(&second).unwrap()["id"], 2);
    drop(stdin);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
    reader.join().unwrap();
}

// ---------------------------------------------------------------------------
// Known bugs
// ---------------------------------------------------------------------------

#[test]

fn arabic_lam_before_the_article_is_house_style() {
    let text = "وقال متحدث باسم وللجيش الوطني الليبي إن للقذافي أنصارا للزاوية.\n";
    let findings = check_text(text, &["--all"]);
    let wants = [
        Want::canonical("وللجيش الوطني الليبي", "libyan-national-army").lang("ar"),
        Want::canonical("للقذافي", "muammar-gaddafi").lang("ar"),
        Want::canonical("للزاوية", "zawiya").lang("ar"),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
}

#[test]

fn the_honorific_hon_is_an_ordinary_word() {
    let text = "The Hon. Member for Leeds thanked the committee.\n";
    let findings = check_text(text, &[]);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]

fn offsets_are_into_the_file_as_given_even_with_a_byte_order_mark() {
    let desk = Desk::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("Forces left Tarkhuna.\n".as_bytes());
    desk.write("bom.txt", &bytes);
    let (findings, _) = check_json(&desk, &["bom.txt"], None);
    assert_eq!(findings.len(), 1);
    let (start, end) = (
        findings[0]["start"].as_u64().unwrap() as usize,
        findings[0]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&bytes[start..end], b"Tarkhuna");
}

#[test]
fn fixtures_are_the_articles_the_tests_expect() {
    // Guards the span tests: every article is UTF-8 without a BOM and ends
    // with a newline.
    for name in [EN, EN_CLEAN, RU, AR] {
        let bytes = fixture_bytes(name);
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "{name}");
        assert!(std::str::from_utf8(&bytes).is_ok(), "{name}");
        assert!(bytes.ends_with(b"\n"), "{name}");
    }
}

#[test]
fn a_russian_abbreviation_gives_its_case_to_the_house_form() {
    // The house form is another phrase: its head noun takes the case by
    // its own declension, and the adjectives before it agree.
    let text = "Представители ННКом не встречались; в ИГИЛе и после ИГИЛа.\n";
    let findings = check_text(text, &[]);
    let wants = [
        Want::variant(
            "ННКом",
            "national-oil-corporation",
            "Национальной нефтяной корпорацией",
        )
        .lang("ru"),
        Want::variant("ИГИЛе", "islamic-state", "Исламском государстве").lang("ru"),
        Want::variant("ИГИЛа", "islamic-state", "Исламского государства").lang("ru"),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
}

#[test]
fn a_russian_name_of_two_words_in_the_instrumental_is_found_whole() {
    // Its case endings make it longer than the name as listed, which is
    // no misspelling; first in a sentence, it is no other person's name
    // before a surname alone. It scores as the name misspelt in the
    // nominative does (`Агила Салах`, `Халифа Хафтер`: 0.95).
    let text = "Саддамом Хифтером гордились его офицеры.\nГордились Саддамом Хифтером и \
                рядовые.\nОн созвонился с Агилой Салахом.\nСпор с Халифой Хафтером затянулся.\n";
    let findings = check_text(text, &[]);
    let saddam = |nth| {
        Want::fuzzy(
            "Саддамом Хифтером",
            "saddam-haftar",
            "Саддамом Хафтаром",
            0.9,
            0.95,
        )
        .nth(nth)
        .lang("ru")
    };
    let wants = [
        saddam(0),
        saddam(1),
        Want::fuzzy(
            "Агилой Салахом",
            "aguila-saleh",
            "Агилой Салехом",
            0.9,
            0.96,
        )
        .lang("ru"),
        Want::fuzzy(
            "Халифой Хафтером",
            "khalifa-haftar",
            "Халифой Хафтаром",
            0.9,
            0.96,
        )
        .lang("ru"),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
}

#[test]
fn a_surname_after_someone_elses_name_and_an_article_is_no_mention() {
    // `al-` between them hides nothing: the name before it is another
    // person's, as in `Serena Williams`.
    let text = "The emir, Sheikh Tamim bin Hamad al-Thani, met Abdullah al-Thani in Doha.\n";
    let findings = check_text(text, &["--all"]);
    let wants = [Want::canonical("Abdullah al-Thani", "abdullah-al-thani")];
    assert_findings(text, &findings, &wants, Some("-"));
}

/// In an Arabic sentence that opens with its verb, subject and object
/// stand side by side: a surname with the article is no first name, so
/// both are mentions, while a common given name before a surname is still
/// another person's.
#[test]
fn two_surnames_side_by_side_after_a_verb_are_two_mentions() {
    let text = "والتقى السراج حفتر في أبوظبي.\nواتهم الدبيبة حفتر بعرقلة الانتخابات.\n\
                عين المجلس إبراهيم الدبيبة مستشارا له.\n";
    let findings = check_text(text, &["--all"]);
    assert_eq!(
        found_entry_suggestion(&findings),
        [
            ("السراج", "fayez-al-sarraj", "السراج"),
            ("حفتر", "khalifa-haftar", "حفتر"),
            ("الدبيبة", "abdul-hamid-dbeibah", "الدبيبة"),
            ("حفتر", "khalifa-haftar", "حفتر"),
        ]
    );
}

/// A possessive before a surname ends another noun: no first name.
#[test]
fn a_surname_after_a_possessive_is_a_mention() {
    let text = "Egypt's el-Sisi met envoys. Libya's Haftar left. Serena Williams won.\n";
    let findings = check_text(text, &["--all"]);
    assert_eq!(
        found_entry_suggestion(&findings),
        [
            ("el-Sisi", "abdel-fattah-al-sisi", "al-Sisi"),
            ("Haftar", "khalifa-haftar", "Haftar"),
        ]
    );
}

/// A place misspelt after a word for a town is that place; a surname
/// there is still the town's name, no person's.
#[test]
fn a_place_misspelt_after_a_word_for_a_town_is_found() {
    let text = "the city of Abugrain, south of Misrata.\nthe town of Tarkhouna fell.\n\
                Бои идут в городе Тархоне.\nوقعت اشتباكات في مدينة ترهونا.\n\
                The festival was held in the city of Leon.\n";
    let findings = check_text(text, &[]);
    assert_eq!(
        found_entry_suggestion(&findings),
        [
            ("Abugrain", "abu-grein", "Abu Grein"),
            ("Tarkhouna", "tarhuna", "Tarhuna"),
            ("Тархоне", "tarhuna", "Тархуне"),
            ("ترهونا", "tarhuna", "ترهونة"),
        ]
    );
}

#[test]
fn of_two_listed_names_that_overlap_the_longer_in_house_form_is_the_mention() {
    // `national salvation Government` is a listed name too, but the
    // words from `Government` on are the house form of a longer one. A
    // variant cuts no name short: `Derna Mujahideen Shura Council in Derna`
    // is the council's house form and then the town.
    let text = "Delegates of the national salvation Government of National Accord met. \
                The Derna Mujahideen Shura Council in Derna agreed.\n";
    let findings = check_text(text, &["--all"]);
    let wants = [
        Want::canonical(GNA_EN, GNA),
        Want::canonical(
            "Derna Mujahideen Shura Council",
            "derna-mujahideen-shura-council",
        ),
        Want::canonical("Derna", "derna").nth(1),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
}

#[test]
fn a_name_whose_first_word_is_misspelt_is_found_whole() {
    // `Tripolli` alone is Tripoli misspelt, but before `Revolutionaries
    // Brigade` it starts the brigade's name. A word with a digit glued on
    // (a footnote mark) is no name misspelt.
    // The rest of the name may be in lower case, as a listed spelling may
    // (`Tripolli international airport`), but only when it is the name's
    // own words (`Tripolli international conference` is the city).
    let text =
        "Fighters of the Tripolli Revolutionaries Brigade and Haftar2 clashed near Tripolli. \
                Flights to Tripolli international airport resumed; a Tripolli international \
                conference opened.\n";
    let findings = check_text(text, &[]);
    let brigade = "tripoli-revolutionaries-brigade";
    let wants = [
        Want::fuzzy(
            "Tripolli Revolutionaries Brigade",
            brigade,
            "Tripoli Revolutionaries Brigade",
            0.9,
            1.0,
        ),
        Want::fuzzy("Tripolli", "tripoli", "Tripoli", 0.9, 1.0).nth(1),
        Want::fuzzy(
            "Tripolli international airport",
            "tripoli-international-airport",
            "Tripoli International Airport",
            0.9,
            1.0,
        ),
        Want::fuzzy("Tripolli", "tripoli", "Tripoli", 0.9, 1.0).nth(3),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
}

#[test]
fn a_name_glued_to_a_word_of_its_own_script_is_found() {
    // A space lost in pasting: the word from which nothing is found is
    // read apart at the capital that starts a listed name. Names written
    // with an inner capital stay whole.
    let text = "Talks with HaftarGovernment of National Consensus officials; \
                ХафтарПравительство национального консенсуса. McDonald and WhatsApp stay.\n";
    let findings = check_text(text, &[]);
    let wants = [
        Want::variant("Government of National Consensus", GNA, GNA_EN),
        Want::variant(
            "Правительство национального консенсуса",
            GNA,
            "Правительство национального согласия",
        )
        .lang("ru"),
    ];
    assert_findings(text, &findings, &wants, Some("-"));
}

/// A word on the line before (a headline, a list item, another paragraph)
/// is no first name of a surname that opens the next line, in any script;
/// a listed name broken across two lines is still one name.
#[test]
fn a_line_break_parts_a_surname_from_the_word_before_it() {
    let desk = Desk::new();
    for (text, wanted) in [
        (
            "Fayez al-Sarraj met Erdogan\n\nHifter met Putin\n",
            &["Fayez al-Sarraj", "Erdogan", "Hifter"][..],
        ),
        (
            "KHALIFA HIFTER MEETS ERDOGAN\nHIFTER MEETS PUTIN\n",
            &["KHALIFA HIFTER", "ERDOGAN", "HIFTER"][..],
        ),
        (
            "وقال أردوغان\n\nحفتر عاد إلى بنغازي\n",
            &["أردوغان", "حفتر", "بنغازي"][..],
        ),
        ("Khalifa\nHifter spoke.\n", &["Khalifa\nHifter"][..]),
    ] {
        let (findings, _) = check_json(&desk, &["--all", "-"], Some(text));
        let found: Vec<&str> = findings
            .iter()
            .map(|f| f["found"].as_str().unwrap())
            .collect();
        assert_eq!(found, wanted, "{text}");
    }
}
