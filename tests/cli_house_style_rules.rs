//! The house-style rules (issue 8) end to end: admitted and forbidden
//! forms with their severities, per-entry `case` and `match` rules,
//! glossary layers from `dragoman.toml` and `--glossary`, `dragoman
//! config`, the batch consistency table, the statuses and rules through
//! every interchange format, and migration 3 of an existing database.
//!
//! Most tests run against `tests/fixtures/rules.tsv` alone (four made-up
//! entries, one per rule); the layer tests put desk files over the shipped
//! house glossary.

mod common;

use common::{check_json, locate, Desk};
use serde_json::Value;

const RULES: &str = "rules.tsv";
const COUNCIL: &str = "salt-marsh-council";

/// A desk whose database holds only the entries of `tests/fixtures/rules.tsv`.
fn rules_desk() -> Desk {
    let desk = Desk::new();
    desk.fixture(RULES);
    desk.import(RULES);
    desk
}

/// Findings of `check --json [extra…] -` on `text`, as
/// `(found, kind, severity, suggestion)`.
fn brief(desk: &Desk, extra: &[&str], text: &str) -> Vec<(String, String, String, String)> {
    let mut args = extra.to_vec();
    args.push("-");
    summarize(&check_json(desk, &args, Some(text)).0)
}

fn summarize(findings: &[Value]) -> Vec<(String, String, String, String)> {
    findings
        .iter()
        .map(|f| {
            let field = |k: &str| {
                f[k].as_str()
                    .unwrap_or_else(|| panic!("no {k} in {f}"))
                    .to_string()
            };
            (
                field("found"),
                field("kind"),
                field("severity"),
                field("suggestion"),
            )
        })
        .collect()
}

/// One expected finding, in the shape [`brief`] returns.
fn row(
    found: &str,
    kind: &str,
    severity: &str,
    suggestion: &str,
) -> (String, String, String, String) {
    (
        found.into(),
        kind.into(),
        severity.into(),
        suggestion.into(),
    )
}

/// `normalize -` on `text`: the rewritten text.
fn normalize(desk: &Desk, extra: &[&str], text: &str) -> String {
    let mut args = vec!["normalize"];
    args.extend_from_slice(extra);
    args.push("-");
    let run = desk.run(&args, Some(text.as_bytes()));
    assert_eq!(run.code, 0, "normalize: {}", run.stderr);
    run.stdout()
}

/// Edits one entry of the desk's database.
fn edit(desk: &Desk, id: &str, flags: &[&str]) {
    desk.dragoman()
        .args(["glossary", "edit", id])
        .args(flags)
        .assert()
        .success();
}

// ---------------------------------------------------------------------------
// Admitted and forbidden forms, severities
// ---------------------------------------------------------------------------

/// An admitted form is acceptable: not reported by default (exit 0),
/// reported with `--all` (and `--severity info`) as kind `admitted`,
/// severity `info`, suggesting itself, and never rewritten by `normalize`.
#[test]
fn admitted_form_is_left_alone() {
    let desk = rules_desk();
    let text = "The Salt Marsh Council met on Monday. The SMC agreed.\n";

    let (findings, run) = check_json(&desk, &["-"], Some(text));
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(run.code, 0, "an admitted form is not off style");

    let (findings, run) = check_json(&desk, &["--all", "-"], Some(text));
    assert_eq!(run.code, 0, "info findings alone exit 0");
    assert_eq!(
        summarize(&findings),
        [
            row(
                "Salt Marsh Council",
                "canonical",
                "info",
                "Salt Marsh Council"
            ),
            row("SMC", "admitted", "info", "SMC"),
        ]
    );
    let smc = &findings[1];
    let at = locate(text, "SMC", 0);
    assert_eq!(
        (smc["start"].as_u64(), smc["end"].as_u64()),
        (Some(at.start as u64), Some(at.end as u64))
    );
    assert_eq!(
        (smc["entry"].as_str(), smc["layer"].as_str()),
        (Some(COUNCIL), Some("db"))
    );
    assert_eq!(smc["confidence"], 1.0);

    let (info, _) = check_json(&desk, &["--severity", "info", "-"], Some(text));
    assert_eq!(info, findings, "--severity info is what --all reports");

    // A listed variant next to it is rewritten; the admitted form is not.
    let mixed = "The SMC met in the Saltmarsh Council hall.\n";
    assert_eq!(
        normalize(&desk, &[], mixed),
        "The SMC met in the Salt Marsh Council hall.\n"
    );
    assert_eq!(normalize(&desk, &[], text), text, "nothing to rewrite");
}

/// `lookup` names the status of the form looked up: `admitted` and
/// `forbidden` besides `canonical` and `variant`.
#[test]
fn lookup_reports_admitted_and_forbidden_forms() {
    let desk = rules_desk();
    for (term, kind) in [
        ("SMC", "admitted"),
        ("Salt Swamp Council", "forbidden"),
        ("Saltmarsh Council", "variant"),
        ("Salt Marsh Council", "canonical"),
    ] {
        let hits = desk.lookup(term, &[]);
        assert_eq!(hits[0]["entry"], COUNCIL, "{term}");
        assert_eq!(hits[0]["kind"], kind, "{term}");
        assert_eq!(hits[0]["layer"], "db", "{term}");
        assert_eq!(hits[0]["forms"]["en"], "Salt Marsh Council", "{term}");
    }
}

/// A forbidden form is an error: reported by default with severity
/// `error` next to the warnings, alone with `--severity error`, exit 1,
/// flagged as an error in the human output, and rewritten by `normalize`.
#[test]
fn forbidden_form_is_an_error_and_is_rewritten() {
    let desk = rules_desk();
    let text = "The Salt Swamp Council met in the Saltmarsh Council hall.\n";

    let (findings, run) = check_json(&desk, &["-"], Some(text));
    assert_eq!(run.code, 1);
    assert_eq!(
        summarize(&findings),
        [
            row(
                "Salt Swamp Council",
                "forbidden",
                "error",
                "Salt Marsh Council"
            ),
            row(
                "Saltmarsh Council",
                "variant",
                "warning",
                "Salt Marsh Council"
            ),
        ]
    );
    assert_eq!(findings[0]["confidence"], 1.0);

    let (errors, run) = check_json(&desk, &["--severity", "error", "-"], Some(text));
    assert_eq!(run.code, 1, "an error reported exits 1");
    assert_eq!(
        summarize(&errors),
        [row(
            "Salt Swamp Council",
            "forbidden",
            "error",
            "Salt Marsh Council"
        )]
    );

    // With only a warning in the text, `--severity error` reports nothing.
    let (none, run) = check_json(
        &desk,
        &["--severity", "error", "-"],
        Some("The Saltmarsh Council met.\n"),
    );
    assert!(none.is_empty(), "{none:?}");
    assert_eq!(run.code, 0, "nothing reported exits 0");

    let human = desk.run(
        &["check", "--severity", "error", "-"],
        Some(text.as_bytes()),
    );
    assert_eq!(human.code, 1);
    let out = human.stdout();
    assert!(
        out.contains("Salt Swamp Council → Salt Marsh Council") && out.contains("error"),
        "{out}"
    );
    assert!(
        !out.contains("Saltmarsh Council →"),
        "warnings are below --severity error: {out}"
    );

    assert_eq!(
        normalize(&desk, &[], text),
        "The Salt Marsh Council met in the Salt Marsh Council hall.\n"
    );
}

/// Forbidden and admitted forms work in Arabic and Russian too: clitics and
/// case endings carried over into the suggestion.
#[test]
fn forbidden_forms_in_arabic_and_russian_keep_clitics_and_case() {
    let desk = rules_desk();
    let text = "اجتمعت وهيئة السبخة ومجلس الملاحة.\nЗаседание Совета Солончакового болота.\n";
    assert_eq!(
        brief(&desk, &["--all"], text),
        [
            row("وهيئة السبخة", "forbidden", "error", "ومجلس السبخة"),
            row("ومجلس الملاحة", "admitted", "info", "ومجلس الملاحة"),
            row(
                "Совета Солончакового болота",
                "forbidden",
                "error",
                "Совета Соляного болота"
            ),
        ]
    );
}

/// A forbidden Russian form built differently from the house form (an
/// adjective and a noun for a noun and its complement) is rewritten to the
/// house form in the same case.
#[test]
fn forbidden_russian_form_of_another_shape_is_inflected_like_the_text() {
    let desk = rules_desk();
    edit(
        &desk,
        COUNCIL,
        &[
            "--remove-form",
            "ru=Совет Солончакового болота",
            "--forbidden",
            "ru=Болотный совет",
        ],
    );
    let text = "Заседание Болотного совета. Решение принято Болотным советом.\n";
    assert_eq!(
        brief(&desk, &[], text),
        [
            row(
                "Болотного совета",
                "forbidden",
                "error",
                "Совета Соляного болота"
            ),
            row(
                "Болотным советом",
                "forbidden",
                "error",
                "Советом Соляного болота"
            ),
        ]
    );
}

/// `glossary add` and `edit` set and remove admitted and forbidden forms
/// and the case and match rules; `show --json` shows them.
#[test]
fn glossary_add_and_edit_flags_set_statuses_and_rules() {
    let desk = Desk::new();
    desk.dragoman_empty()
        .args(["glossary", "add", "reed-lake", "--type", "place"])
        .args(["--en", "Reed Lake", "--ru", "Камышовое озеро"])
        .args(["--variant", "en=Reed Lagoon", "--admitted", "en=the Lake"])
        .args([
            "--forbidden",
            "en=Rush Lake",
            "--forbidden",
            "ru=Тростниковое озеро",
        ])
        .args(["--case", "sensitive", "--match", "exact"])
        .assert()
        .success();
    let entry = desk.show("reed-lake");
    assert_eq!(
        entry["terms"]["en"]["variants"],
        serde_json::json!(["Reed Lagoon"])
    );
    assert_eq!(
        entry["terms"]["en"]["admitted"],
        serde_json::json!(["the Lake"])
    );
    assert_eq!(
        entry["terms"]["en"]["forbidden"],
        serde_json::json!(["Rush Lake"])
    );
    assert_eq!(
        entry["terms"]["ru"]["forbidden"],
        serde_json::json!(["Тростниковое озеро"])
    );
    assert_eq!(
        (entry["case"].as_str(), entry["match"].as_str()),
        (Some("sensitive"), Some("exact"))
    );

    edit(
        &desk,
        "reed-lake",
        &[
            "--remove-form",
            "en=Rush Lake",
            "--remove-form",
            "en=the Lake",
        ],
    );
    edit(
        &desk,
        "reed-lake",
        &["--case", "insensitive", "--match", "fuzzy"],
    );
    let entry = desk.show("reed-lake");
    assert!(entry["terms"]["en"].get("forbidden").is_none(), "{entry}");
    assert!(entry["terms"]["en"].get("admitted").is_none(), "{entry}");
    assert_eq!(
        entry["terms"]["en"]["variants"],
        serde_json::json!(["Reed Lagoon"])
    );
    assert_eq!(
        entry["terms"]["ru"]["forbidden"],
        serde_json::json!(["Тростниковое озеро"])
    );
    for key in ["case", "match"] {
        let value = entry.get(key).and_then(Value::as_str);
        assert!(
            matches!(value, None | Some("insensitive") | Some("fuzzy")),
            "{key} back to its default: {entry}"
        );
    }

    // Removing a form that is not listed, or an unknown rule, is refused.
    for flags in [
        ["--remove-form", "en=Rush Lake"],
        ["--case", "upper"],
        ["--match", "loose"],
    ] {
        let run = desk.run(
            &[&["glossary", "edit", "reed-lake"][..], &flags].concat(),
            None,
        );
        assert_eq!(run.code, 2, "{flags:?}: {}", run.stderr);
    }
}

// ---------------------------------------------------------------------------
// Case and match rules
// ---------------------------------------------------------------------------

/// A case-sensitive entry is not matched where the text has the words in
/// lower case (an ordinary phrase), and is matched capitalised, in a
/// Russian case form and in an all-capitals headline. The same entry
/// case-insensitive does match the lower-case phrase.
#[test]
fn case_sensitive_entry_needs_its_capitals() {
    let desk = rules_desk();
    let text = "WHITE VALLEY BURNS\nFighters entered White Valley; snow lay in a white valley below.\n\
                Бои шли в Белой Долине, а не в белой долине.\nNo one left the White Vale, a white vale.\n";
    assert_eq!(
        brief(&desk, &["--all"], text),
        [
            row("WHITE VALLEY", "canonical", "info", "WHITE VALLEY"),
            row("White Valley", "canonical", "info", "White Valley"),
            row("Белой Долине", "canonical", "info", "Белой Долине"),
            row("White Vale", "variant", "warning", "White Valley"),
        ]
    );

    edit(&desk, "white-valley", &["--case", "insensitive"]);
    let found: Vec<String> = brief(&desk, &["--all"], text)
        .into_iter()
        .map(|(found, ..)| found)
        .collect();
    assert_eq!(
        found,
        [
            "WHITE VALLEY",
            "White Valley",
            "white valley",
            "Белой Долине",
            "белой долине",
            "White Vale",
            "white vale",
        ],
        "case-insensitive: the lower-case phrases are mentions too"
    );
}

/// A case-sensitive person's name in a Russian case that lengthens the
/// first name (`Надир` → `Надиром`, `Надира`) is still the name, written
/// with its capitals.
#[test]
fn case_sensitive_russian_name_in_an_oblique_case() {
    let desk = rules_desk();
    let text = "Встреча с Надиром Сабри. Речь Надира Сабри.\n";
    let wanted = [
        row("Надиром Сабри", "canonical", "info", "Надиром Сабри"),
        row("Надира Сабри", "canonical", "info", "Надира Сабри"),
    ];
    edit(&desk, "nadir-sabri", &["--case", "insensitive"]);
    assert_eq!(brief(&desk, &["--all"], text), wanted, "case-insensitive");
    edit(&desk, "nadir-sabri", &["--case", "sensitive"]);
    assert_eq!(brief(&desk, &["--all"], text), wanted, "case-sensitive");
}

/// An `exact` entry is found by its listed forms only: a misspelling is
/// not found, while the same misspelling is found (kind `fuzzy`) once the
/// entry is `fuzzy`.
#[test]
fn exact_entry_is_never_found_by_similarity() {
    let desk = rules_desk();
    let text = "The oasis of Ghadira, also written Ghadirah, and misspelt Ghadeera.\n";
    assert_eq!(
        brief(&desk, &[], text),
        [row("Ghadirah", "variant", "warning", "Ghadira")],
        "exact: the misspelling is not a mention"
    );
    assert_eq!(
        normalize(&desk, &[], text),
        "The oasis of Ghadira, also written Ghadira, and misspelt Ghadeera.\n"
    );

    edit(&desk, "ghadira", &["--match", "fuzzy"]);
    let (findings, _) = check_json(&desk, &["-"], Some(text));
    assert_eq!(
        summarize(&findings),
        [
            row("Ghadirah", "variant", "warning", "Ghadira"),
            row("Ghadeera", "fuzzy", "warning", "Ghadira"),
        ],
        "fuzzy: the same misspelling is found by similarity"
    );
    let confidence = findings[1]["confidence"].as_f64().unwrap();
    assert!((0.8..1.0).contains(&confidence), "{confidence}");
}

/// An `exact` entry keeps Russian inflection (of the house form and of a
/// listed variant) and Arabic clitics, and `normalize` rewrites the
/// inflected variant in the same case.
#[test]
fn exact_entry_keeps_russian_inflection_and_arabic_clitics() {
    let desk = rules_desk();
    let text =
        "Отряды вошли в Гадиру, потом ушли из Гхадиры.\nوصلت القافلة وبغديرة ثم عادت لغديرة.\n";
    assert_eq!(
        brief(&desk, &["--all"], text),
        [
            row("Гадиру", "canonical", "info", "Гадиру"),
            row("Гхадиры", "variant", "warning", "Гадиры"),
            row("وبغديرة", "canonical", "info", "وبغديرة"),
            row("لغديرة", "canonical", "info", "لغديرة"),
        ]
    );
    let (findings, _) = check_json(&desk, &["--all", "-"], Some(text));
    let langs: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["lang"].as_str().unwrap(), f["entry"].as_str().unwrap()))
        .collect();
    assert_eq!(
        langs,
        [
            ("ru", "ghadira"),
            ("ru", "ghadira"),
            ("ar", "ghadira"),
            ("ar", "ghadira")
        ]
    );
    assert_eq!(
        normalize(&desk, &[], text),
        "Отряды вошли в Гадиру, потом ушли из Гадиры.\nوصلت القافلة وبغديرة ثم عادت لغديرة.\n"
    );
}

// ---------------------------------------------------------------------------
// Layers: dragoman.toml and --glossary
// ---------------------------------------------------------------------------

const HEADER: &str = "id\ttype\ten\tar\tru\ten_variants\tnote\n";

/// A one-entry glossary giving `tarhuna` the English house form `house`
/// with `variants` and a note.
fn tarhuna_layer(house: &str, variants: &str, note: &str) -> String {
    format!("{HEADER}tarhuna\tplace\t{house}\tترهونة\tТархуна\t{variants}\t{note}\n")
}

/// A desk seeded with the house glossary, with `desk/dragoman.toml`
/// layering `desk/desk.tsv` (Tarhuna spelt `Tarhouna`) and an article in
/// `desk/today/`.
fn layered_desk() -> Desk {
    let desk = Desk::new();
    desk.seed_house();
    desk.mkdir("desk/today");
    desk.write(
        "desk/desk.tsv",
        tarhuna_layer("Tarhouna", "Tarhuna", "Desk spelling for this series."),
    );
    desk.write("desk/dragoman.toml", "glossaries = [\"desk.tsv\"]\n");
    desk.write(
        "desk/today/a.txt",
        "Forces left Tarhuna. The GNA said so.\n",
    );
    desk
}

/// The `(found, suggestion, layer)` of every finding.
fn with_layers(findings: &[Value]) -> Vec<(String, String, String)> {
    findings
        .iter()
        .map(|f| {
            (
                f["found"].as_str().unwrap().to_string(),
                f["suggestion"].as_str().unwrap().to_string(),
                f["layer"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn fsl(found: &str, suggestion: &str, layer: &str) -> (String, String, String) {
    (found.into(), suggestion.into(), layer.into())
}

/// The `dragoman.toml` nearest an input layers its glossary over the
/// database: the desk's `tarhuna` replaces the house entry (new house
/// form, so the old one is now a variant), findings name the layer file,
/// other entries still come from `db`, and a file outside the desk is
/// checked against the database alone.
#[test]
fn desk_toml_layer_replaces_the_house_entry() {
    let desk = layered_desk();
    let (findings, run) = check_json(&desk, &["desk/today/a.txt"], None);
    assert_eq!(run.code, 1);
    assert_eq!(
        with_layers(&findings),
        [
            fsl("Tarhuna", "Tarhouna", "desk/desk.tsv"),
            fsl("GNA", "Government of National Accord", "db"),
        ]
    );
    assert_eq!(findings[0]["kind"], "variant");

    let human = desk.run(&["check", "desk/today/a.txt"], None);
    assert!(
        human.stdout().contains("from desk/desk.tsv"),
        "{}",
        human.stdout()
    );

    // Outside the desk folder the house entry is in force.
    desk.write("elsewhere.txt", "Forces left Tarhouna and Tarhuna.\n");
    let (findings, _) = check_json(&desk, &["elsewhere.txt"], None);
    assert_eq!(
        with_layers(&findings),
        [fsl("Tarhouna", "Tarhuna", "db")],
        "the house glossary lists Tarhouna as a variant"
    );
}

/// `--glossary` goes over the `dragoman.toml`'s layers, and of several
/// `--glossary` files the later wins; `lookup --json` hits name the layer
/// and carry its note.
#[test]
fn command_line_glossary_goes_over_the_desk_and_later_wins() {
    let desk = layered_desk();
    desk.write(
        "other.tsv",
        tarhuna_layer("Tarhunah", "Tarhuna|Tarhouna", "Command-line spelling."),
    );
    desk.write(
        "last.tsv",
        tarhuna_layer("Terhuna", "Tarhuna|Tarhouna|Tarhunah", "Last layer wins."),
    );

    let (findings, _) = check_json(
        &desk,
        &["--glossary", "other.tsv", "desk/today/a.txt"],
        None,
    );
    assert_eq!(
        with_layers(&findings)[0],
        fsl("Tarhuna", "Tarhunah", "other.tsv")
    );

    let (findings, _) = check_json(
        &desk,
        &[
            "--glossary",
            "other.tsv",
            "--glossary",
            "last.tsv",
            "desk/today/a.txt",
        ],
        None,
    );
    assert_eq!(
        with_layers(&findings)[0],
        fsl("Tarhuna", "Terhuna", "last.tsv")
    );
    let (findings, _) = check_json(
        &desk,
        &[
            "--glossary",
            "last.tsv",
            "--glossary",
            "other.tsv",
            "desk/today/a.txt",
        ],
        None,
    );
    assert_eq!(
        with_layers(&findings)[0],
        fsl("Tarhuna", "Tarhunah", "other.tsv")
    );

    let hits = desk.lookup("Tarhuna", &["--glossary", "other.tsv"]);
    assert_eq!(hits[0]["entry"], "tarhuna");
    assert_eq!(hits[0]["layer"], "other.tsv");
    assert_eq!(hits[0]["forms"]["en"], "Tarhunah");
    assert_eq!(hits[0]["note"], "Command-line spelling.");
    let hits = desk.lookup("Tarhuna", &[]);
    assert_eq!(
        (hits[0]["layer"].as_str(), hits[0]["forms"]["en"].as_str()),
        (Some("db"), Some("Tarhuna"))
    );
}

/// A layer may add an entry the database does not have.
#[test]
fn a_layer_adds_new_entries() {
    let desk = Desk::new();
    desk.seed_house();
    desk.fixture(RULES);
    let text = "Forces left Tarkhuna for the Salt Swamp Council.\n";
    assert_eq!(
        with_layers(&check_json(&desk, &["--glossary", RULES, "-"], Some(text)).0),
        [
            fsl("Tarkhuna", "Tarhuna", "db"),
            fsl("Salt Swamp Council", "Salt Marsh Council", RULES),
        ]
    );
}

/// Layers in TBX and JSON keep the statuses and the case and match rules
/// of their entries: the exact entry is not found by a misspelling, the
/// case-sensitive one not in lower case, the forbidden form is an error.
#[test]
fn tbx_and_json_layers_keep_statuses_and_rules() {
    let source = rules_desk();
    let desk = Desk::new();
    desk.seed_house();
    let text =
        "The oasis of Ghadeera, not Ghadirah. Snow in a white valley. The Salt Swamp Council.\n";
    for format in ["tbx", "json"] {
        let file = desk.write(&format!("layer.{format}"), source.export(format));
        let (findings, _) = check_json(&desk, &["--all", "--glossary", &file, "-"], Some(text));
        assert_eq!(
            summarize(&findings),
            [
                row("Ghadirah", "variant", "warning", "Ghadira"),
                row(
                    "Salt Swamp Council",
                    "forbidden",
                    "error",
                    "Salt Marsh Council"
                ),
            ],
            "{format}"
        );
        assert!(
            findings.iter().all(|f| f["layer"] == file.as_str()),
            "{findings:?}"
        );
    }
}

/// `ignore` leaves out an entry by id and an exact phrase (only that
/// phrase: another form of the same entry is still reported), and the
/// nearest `dragoman.toml` wins over one further up.
#[test]
fn toml_ignore_by_id_and_by_phrase_nearest_file_wins() {
    let desk = Desk::new();
    desk.seed_house();
    desk.mkdir("desk/sub");
    let text = "The GNA held Misurata and Misratah; Tarkhuna fell.\n";
    desk.write("desk/a.txt", text);
    desk.write("desk/sub/b.txt", text);
    desk.write(
        "desk/dragoman.toml",
        "ignore = [\"government-of-national-accord\", \"Misurata\"]\n",
    );
    desk.write("desk/sub/dragoman.toml", "languages = [\"en\"]\n");

    let found = |file: &str| -> Vec<String> {
        check_json(&desk, &[file], None)
            .0
            .iter()
            .map(|f| f["found"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(found("desk/a.txt"), ["Misratah", "Tarkhuna"]);
    assert_eq!(
        found("desk/sub/b.txt"),
        ["GNA", "Misurata", "Misratah", "Tarkhuna"],
        "the nearest dragoman.toml is in force alone"
    );
    // A phrase is ignored whatever the span takes in around it: Arabic
    // clitics, an English article the rewrite would change, a word the
    // rewrite ends with.
    desk.write(
        "desk/c.txt",
        "An LNA commander left; an NOC engineer stayed; the Radaa force too.\n",
    );
    desk.write("desk/dragoman.toml", "ignore = [\"LNA\", \"Radaa\"]\n");
    assert_eq!(found("desk/c.txt"), ["an NOC"]);
}

/// `min-confidence` in `dragoman.toml` drops findings below it (a listed
/// variant, at 1.0, stays), and the command-line flag wins over the file.
#[test]
fn toml_min_confidence_and_the_flag_over_it() {
    let desk = Desk::new();
    desk.seed_house();
    desk.mkdir("desk");
    desk.write("desk/a.txt", "Forces near Zlitin left Tarkhuna.\n");
    let found = |args: &[&str]| -> Vec<String> {
        check_json(&desk, args, None)
            .0
            .iter()
            .map(|f| f["found"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        found(&["desk/a.txt"]),
        ["Zlitin", "Tarkhuna"],
        "no dragoman.toml"
    );
    desk.write("desk/dragoman.toml", "min-confidence = 0.96\n");
    assert_eq!(found(&["desk/a.txt"]), ["Tarkhuna"]);
    assert_eq!(
        found(&["--min-confidence", "0.8", "desk/a.txt"]),
        ["Zlitin", "Tarkhuna"],
        "--min-confidence wins over the file"
    );
}

/// `languages` reports only mentions written in those languages.
#[test]
fn toml_languages_limit_the_mentions_reported() {
    let desk = Desk::new();
    desk.seed_house();
    desk.mkdir("desk");
    desk.write(
        "desk/a.txt",
        "Forces left Misurata.\nСилы ушли из Мисураты.\nغادرت القوات مصراته.\n",
    );
    desk.write("desk/dragoman.toml", "languages = [\"ru\", \"ar\"]\n");
    let (findings, _) = check_json(&desk, &["desk/a.txt"], None);
    let langs: Vec<&str> = findings
        .iter()
        .map(|f| f["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["ru", "ar"], "{findings:?}");
    assert_eq!(findings[0]["found"], "Мисураты");
}

/// `normalize` works with the glossary and settings in force for each
/// file: a layer's forbidden form is rewritten, its admitted form and an
/// ignored phrase are left as written. `--jsonl` (which has no file) takes
/// the `dragoman.toml` of the current folder.
#[test]
fn normalize_and_jsonl_follow_the_desk_settings() {
    let desk = Desk::new();
    desk.seed_house();
    desk.fixture(RULES);
    desk.mkdir("desk");
    let text = "The Salt Swamp Council left Misurata and Misratah. The SMC stayed.\n";
    desk.write("desk/a.txt", text);
    desk.write(
        "desk/dragoman.toml",
        "glossaries = [\"../rules.tsv\"]\nignore = [\"Misurata\"]\n",
    );
    let run = desk.run(&["normalize", "desk/a.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout(),
        "The Salt Marsh Council left Misurata and Misrata. The SMC stayed.\n"
    );

    desk.write(
        "dragoman.toml",
        "glossaries = [\"rules.tsv\"]\nignore = [\"Misurata\"]\n",
    );
    let line = serde_json::json!({"id": 7, "text": text.trim_end()}).to_string() + "\n";
    let run = desk.run(&["check", "--jsonl", "-"], Some(line.as_bytes()));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out = run.json_lines();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["id"], 7);
    assert_eq!(
        with_layers(out[0]["findings"].as_array().unwrap()),
        [
            fsl("Salt Swamp Council", "Salt Marsh Council", RULES),
            fsl("Misratah", "Misrata", "db"),
        ]
    );
}

/// `dragoman config PATH --json` shows what is in force for PATH and where
/// each value comes from.
#[test]
fn config_json_names_the_source_of_every_setting() {
    let desk = layered_desk();
    desk.write(
        "desk/dragoman.toml",
        "glossaries = [\"desk.tsv\"]\nmin-confidence = 0.9\nignore = [\"gna\", \"Tripoli Zoo\"]\nlanguages = [\"en\", \"ru\"]\n",
    );
    desk.write("extra.tsv", tarhuna_layer("Tarhunah", "Tarhuna", "extra"));
    let run = desk.run(
        &["--glossary", "extra.tsv", "config", "desk/today", "--json"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let config = run.json();
    let db = desk.db().display().to_string();
    assert_eq!(config["path"], "desk/today");
    assert_eq!(config["config"], "desk/dragoman.toml");
    assert_eq!(config["database"]["value"], db.as_str());
    assert_eq!(config["database"]["source"], "--db");
    let glossaries: Vec<(&str, &str)> = config["glossaries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["value"].as_str().unwrap(), g["source"].as_str().unwrap()))
        .collect();
    assert_eq!(glossaries.len(), 3, "{config}");
    assert_eq!(glossaries[0], ("db", db.as_str()));
    assert!(
        glossaries[1].0.starts_with("desk/desk.tsv"),
        "{glossaries:?}"
    );
    assert_eq!(glossaries[1].1, "desk/dragoman.toml");
    assert!(glossaries[2].0.starts_with("extra.tsv"), "{glossaries:?}");
    assert_eq!(glossaries[2].1, "--glossary");
    let from_file = |key: &str| config[key]["source"].as_str().unwrap().to_string();
    assert_eq!(config["min_confidence"]["value"]["check"], 0.9);
    assert_eq!(config["min_confidence"]["value"]["normalize"], 0.9);
    assert_eq!(from_file("min_confidence"), "desk/dragoman.toml");
    assert_eq!(
        config["ignore"]["value"],
        serde_json::json!(["gna", "Tripoli Zoo"])
    );
    assert_eq!(from_file("ignore"), "desk/dragoman.toml");
    assert_eq!(
        config["languages"]["value"],
        serde_json::json!(["en", "ru"])
    );
    assert_eq!(from_file("languages"), "desk/dragoman.toml");

    // Outside the desk: defaults, and only the database.
    desk.mkdir("plain");
    let plain = desk.run(&["config", "plain", "--json"], None).json();
    assert!(plain["config"].is_null(), "{plain}");
    assert_eq!(plain["glossaries"].as_array().unwrap().len(), 1);
    for key in ["min_confidence", "ignore", "languages"] {
        assert_eq!(plain[key]["source"], "default", "{key}: {plain}");
    }
    assert_eq!(plain["min_confidence"]["value"]["check"], 0.8);
    assert_eq!(plain["min_confidence"]["value"]["normalize"], 0.95);
}

/// A broken `dragoman.toml` stops `check` and `config` with exit 2 and a
/// message naming the file and the line; nothing is reported on stdout.
#[test]
fn bad_toml_exits_2_naming_file_and_line() {
    let desk = Desk::new();
    desk.seed_house();
    desk.mkdir("desk");
    desk.write("desk/a.txt", "Forces left Tarkhuna.\n");
    let cases = [
        // TOML syntax: an unclosed array.
        ("ignore = [\"gna\"\nlanguages = 3\n", 2, "expected"),
        // A value of the wrong type.
        ("# desk settings\nmin-confidence = \"high\"\n", 2, "high"),
        // Well-formed, but not a language code / out of range / unknown key.
        (
            "min-confidence = 0.9\n\nlanguages = [\"en\", \"english\"]\n",
            3,
            "english",
        ),
        ("\n\nmin-confidence = 3\n", 3, "between 0 and 1"),
        ("ignore = []\nglossary = [\"x.tsv\"]\n", 2, "glossary"),
    ];
    for (toml, line, says) in cases {
        desk.write("desk/dragoman.toml", toml);
        for args in [&["check", "desk/a.txt"][..], &["config", "desk"][..]] {
            let run = desk.run(args, None);
            assert_eq!(run.code, 2, "{args:?} with {toml:?}: {}", run.stderr);
            assert!(run.stdout.is_empty(), "{}", run.stdout());
            let at = format!("desk/dragoman.toml:{line}:");
            assert!(
                run.stderr.contains(&at) && run.stderr.contains(says),
                "{args:?} with {toml:?}: wanted {at} and {says:?} in {}",
                run.stderr
            );
        }
    }
}

/// A `glossaries` entry that does not exist stops the run with exit 2
/// naming it.
#[test]
fn missing_layer_file_exits_2() {
    let desk = Desk::new();
    desk.seed_house();
    desk.mkdir("desk");
    desk.write("desk/a.txt", "Forces left Tarkhuna.\n");
    desk.write("desk/dragoman.toml", "glossaries = [\"gone.tsv\"]\n");
    let run = desk.run(&["check", "desk/a.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("desk/gone.tsv"), "{}", run.stderr);
    let run = desk.run(
        &["check", "--glossary", "nowhere.tsv", "-"],
        Some(b"Tarhuna"),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nowhere.tsv"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// Interchange round trips
// ---------------------------------------------------------------------------

/// Statuses (admitted, forbidden, variants) and the case and match rules
/// survive export → import into a fresh database in every format: `glossary
/// show --json` is the same for every entry.
#[test]
fn statuses_and_rules_round_trip_through_every_format() {
    let desk = rules_desk();
    let ids = desk.ids();
    assert_eq!(ids, [COUNCIL, "white-valley", "ghadira", "nadir-sabri"]);
    let before: Vec<Value> = ids.iter().map(|id| desk.show(id)).collect();
    // The fixture's values are what `show` sees.
    assert_eq!(
        before[0]["terms"]["en"]["admitted"],
        serde_json::json!(["SMC"])
    );
    assert_eq!(
        before[0]["terms"]["ar"]["forbidden"],
        serde_json::json!(["هيئة السبخة"])
    );
    assert_eq!(
        before[0]["terms"]["ru"]["forbidden"],
        serde_json::json!(["Совет Солончакового болота"])
    );
    assert_eq!(before[1]["case"], "sensitive");
    assert_eq!(before[2]["match"], "exact");
    assert_eq!(
        (before[3]["case"].as_str(), before[3]["match"].as_str()),
        (Some("sensitive"), Some("exact"))
    );

    for format in ["tsv", "csv", "json", "tbx"] {
        let file = format!("export.{format}");
        desk.write(&file, desk.export(format));
        let fresh = Desk::new();
        fresh.write(&file, desk.read(&file));
        fresh.import(&file);
        assert_eq!(fresh.ids(), ids, "{format}");
        for (id, was) in ids.iter().zip(&before) {
            assert_eq!(&fresh.show(id), was, "{format}: {id}");
        }
    }
}

/// The TBX export writes the statuses as `administrativeStatus` and the
/// rules as `x-dragoman-` descriptions.
#[test]
fn tbx_export_writes_statuses_and_rules() {
    let desk = rules_desk();
    let tbx = String::from_utf8(desk.export("tbx")).unwrap();
    for (term, status) in [
        ("Salt Marsh Council", "preferredTerm-admn-sts"),
        ("Saltmarsh Council", "deprecatedTerm-admn-sts"),
        ("SMC", "admittedTerm-admn-sts"),
    ] {
        let at = tbx
            .find(&format!("<term>{term}</term>"))
            .unwrap_or_else(|| panic!("{term}"));
        let next = &tbx[at..at + 200];
        assert!(next.contains(status), "{term}: {next}");
    }
    assert!(tbx.contains("<descrip type=\"x-dragoman-case\">sensitive</descrip>"));
    assert!(tbx.contains("<descrip type=\"x-dragoman-match\">exact</descrip>"));
}

// ---------------------------------------------------------------------------
// The batch consistency table
// ---------------------------------------------------------------------------

/// `check --consistency --json` on a batch: per entry, mentions in house
/// form, in admitted forms and in each off-style form (most frequent
/// first), and the files that name one entity in several forms. The human
/// batch run prints the table on stderr before the summary line.
#[test]
fn consistency_table_counts_forms_and_finds_drift() {
    let desk = rules_desk();
    desk.mkdir("batch");
    desk.write(
        "batch/one.txt",
        "The Salt Marsh Council met, then the Salt Swamp Council met again.\n",
    );
    desk.write(
        "batch/two.txt",
        "The SMC and the Salt Marsh Council agreed.\n",
    );
    desk.write(
        "batch/three.txt",
        "The Salt Swamp Council and the Saltmarsh Council, said the Salt Swamp Council.\n",
    );
    let run = desk.run(&["check", "--consistency", "--json", "batch"], None);
    assert_eq!(run.code, 1, "off-style mentions exit 1: {}", run.stderr);
    let table = run.json();
    let expected = serde_json::json!({
        "files": 3,
        "entries": [{
            "entry": COUNCIL,
            "house": 2,
            "admitted": 1,
            "off_style": [
                {"form": "Salt Swamp Council", "kind": "forbidden", "count": 3},
                {"form": "Saltmarsh Council", "kind": "variant", "count": 1},
            ],
        }],
        "drift": [
            {"file": "batch/one.txt", "entry": COUNCIL,
             "forms": ["Salt Marsh Council", "Salt Swamp Council"]},
            {"file": "batch/three.txt", "entry": COUNCIL,
             "forms": ["Salt Swamp Council", "Saltmarsh Council"]},
        ],
    });
    assert_eq!(table, expected);

    let human = desk.run(&["check", "batch"], None);
    assert_eq!(human.code, 1);
    let table_at = human.stderr.find("consistency across 3 file(s)");
    let summary_at = human.stderr.find("checked 3 file(s)");
    assert!(
        matches!((table_at, summary_at), (Some(t), Some(s)) if t < s),
        "table, then summary, on stderr: {}",
        human.stderr
    );
    assert!(
        human.stderr.contains("Salt Swamp Council ×3"),
        "{}",
        human.stderr
    );
    assert!(
        !human.stdout().contains("consistency across"),
        "the table is not on stdout"
    );
}

// ---------------------------------------------------------------------------
// Migration 3
// ---------------------------------------------------------------------------

/// The schema of versions 1 and 2, as released: a database made by that
/// dragoman looks like this.
const SCHEMA_V1: &str = "CREATE TABLE entry (
         id    TEXT PRIMARY KEY NOT NULL,
         type  TEXT NOT NULL DEFAULT '',
         note  TEXT NOT NULL DEFAULT '',
         seq   INTEGER NOT NULL
     );
     CREATE UNIQUE INDEX entry_seq ON entry(seq);
     CREATE TABLE form (
         entry_id TEXT NOT NULL REFERENCES entry(id) ON DELETE CASCADE ON UPDATE CASCADE,
         lang     TEXT NOT NULL,
         status   TEXT NOT NULL CHECK (status IN ('house', 'variant')),
         position INTEGER NOT NULL,
         text     TEXT NOT NULL,
         PRIMARY KEY (entry_id, lang, status, position)
     ) WITHOUT ROWID;
     CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);";

const SCHEMA_V2: &str = "CREATE TABLE tm_unit (
         id       INTEGER PRIMARY KEY,
         hash     BLOB NOT NULL UNIQUE,
         variants TEXT NOT NULL,
         meta     TEXT
     );
     CREATE TABLE tm_lang (
         lang     TEXT PRIMARY KEY NOT NULL,
         variants INTEGER NOT NULL
     ) WITHOUT ROWID;
     CREATE TABLE tm_posting (
         lang  TEXT NOT NULL,
         key   TEXT NOT NULL,
         chunk INTEGER NOT NULL,
         count INTEGER NOT NULL,
         ids   BLOB NOT NULL,
         PRIMARY KEY (lang, key, chunk)
     ) WITHOUT ROWID;";

/// The schema version this build writes.
const LATEST: i64 = 6;

fn user_version(path: &std::path::Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// A version-2 database (made here with the old schema) opens with this
/// dragoman: it is migrated (through version 3) and keeps its entries, forms,
/// order and translation memory; it is not re-seeded; the migrated
/// database takes the new statuses and rules.
#[test]
fn a_version_2_database_is_migrated_and_keeps_its_data() {
    let desk = Desk::new();
    {
        let conn = rusqlite::Connection::open(desk.db()).unwrap();
        conn.execute_batch(SCHEMA_V1).unwrap();
        conn.execute_batch(SCHEMA_V2).unwrap();
        conn.execute_batch(
            "INSERT INTO entry (id, type, note, seq) VALUES
                 ('ghadira', 'place', 'A made-up oasis.', 1),
                 ('white-valley', 'place', '', 2);
             INSERT INTO form (entry_id, lang, status, position, text) VALUES
                 ('ghadira', 'en', 'house', 0, 'Ghadira'),
                 ('ghadira', 'en', 'variant', 0, 'Ghadirah'),
                 ('ghadira', 'en', 'variant', 1, 'Ghadeera'),
                 ('ghadira', 'ar', 'house', 0, 'غديرة'),
                 ('ghadira', 'ru', 'house', 0, 'Гадира'),
                 ('ghadira', 'ru', 'variant', 0, 'Гхадира'),
                 ('white-valley', 'en', 'house', 0, 'White Valley');
             INSERT INTO tm_unit (hash, variants, meta) VALUES
                 (x'00112233445566778899aabbccddeeff',
                  '[{\"l\":\"en\",\"t\":\"The oasis is quiet.\"},{\"l\":\"ru\",\"t\":\"В оазисе тихо.\"}]',
                  NULL);
             INSERT INTO tm_lang (lang, variants) VALUES ('en', 1), ('ru', 1);
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    assert_eq!(user_version(&desk.db()), 2);

    let entry = desk.show("ghadira");
    assert_eq!(
        entry,
        serde_json::json!({
            "id": "ghadira",
            "type": "place",
            "terms": {
                "ar": {"house": "غديرة"},
                "en": {"house": "Ghadira", "variants": ["Ghadirah", "Ghadeera"]},
                "ru": {"house": "Гадира", "variants": ["Гхадира"]},
            },
            "note": "A made-up oasis.",
        })
    );
    assert_eq!(
        user_version(&desk.db()),
        LATEST,
        "migrated to the latest version"
    );
    assert_eq!(desk.ids(), ["ghadira", "white-valley"], "not re-seeded");

    let (findings, run) = check_json(&desk, &["-"], Some("Forces left Ghadeera for Гхадиру.\n"));
    assert_eq!(run.code, 1);
    assert_eq!(
        summarize(&findings),
        [
            row("Ghadeera", "variant", "warning", "Ghadira"),
            row("Гхадиру", "variant", "warning", "Гадиру"),
        ]
    );

    let tm = desk.run(&["tm", "export", "--format", "tsv"], None);
    assert_eq!(tm.code, 0, "{}", tm.stderr);
    assert!(
        tm.stdout().contains("The oasis is quiet.\tВ оазисе тихо."),
        "{}",
        tm.stdout()
    );

    // The migrated schema takes the new statuses and rules.
    edit(
        &desk,
        "ghadira",
        &[
            "--admitted",
            "en=the oasis",
            "--forbidden",
            "en=Gadira",
            "--match",
            "exact",
        ],
    );
    let entry = desk.show("ghadira");
    assert_eq!(
        entry["terms"]["en"]["admitted"],
        serde_json::json!(["the oasis"])
    );
    assert_eq!(
        entry["terms"]["en"]["forbidden"],
        serde_json::json!(["Gadira"])
    );
    assert_eq!(entry["match"], "exact");
    assert_eq!(user_version(&desk.db()), LATEST);
}

/// Matching is deterministic and whole: one word of a multi-word term is
/// not a mention of it (unless it is a listed form or a person's surname),
/// nothing matches inside a longer word, and the same text gives the same
/// findings on every run.
#[test]
fn one_word_of_a_term_is_not_a_mention_but_a_surname_is() {
    let desk = Desk::new();
    let text = "The Accord was signed; national unity matters. Misratans cheered. \
                Haftar spoke. Правительство молчало, Хафтаром недовольны.\n";
    let first = brief(&desk, &["--all"], text);
    let found: Vec<&str> = first.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(found, ["Haftar", "Хафтаром"], "{first:?}");
    for _ in 0..3 {
        assert_eq!(brief(&desk, &["--all"], text), first);
    }
}
