//! `dragoman suggest`: glossary terms with their target house form, and
//! translation-memory matches, per sentence.

mod common;

use common::Desk;
use serde_json::Value;

fn desk_with_sample() -> Desk {
    let desk = Desk::new();
    desk.import_sample_memory();
    desk
}

fn suggest(desk: &Desk, args: &[&str], stdin: Option<&[u8]>) -> Vec<Value> {
    let mut all = vec!["suggest"];
    all.extend_from_slice(args);
    all.push("--json");
    let run = desk.run(&all, stdin);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.array()
}

#[test]
fn terms_and_matches_per_sentence() {
    let desk = desk_with_sample();
    let out = suggest(
        &desk,
        &[
            "--from",
            "en",
            "--to",
            "ru",
            "Fighting broke out near Tarkhuna at dawn. The GNA met in Tripoli.",
        ],
        None,
    );
    assert_eq!(out.len(), 2, "{out:?}");
    assert_eq!(
        out[0]["segment"],
        "Fighting broke out near Tarkhuna at dawn."
    );
    assert_eq!(out[1]["segment"], "The GNA met in Tripoli.");
    let keys: Vec<&String> = out[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["segment", "terms", "tm"]);
    assert_eq!(
        out[0]["terms"][0],
        serde_json::json!({"found": "Tarkhuna", "entry": "tarhuna", "target": "Тархуна"})
    );
    let tm = &out[0]["tm"][0];
    assert_eq!(tm["source"], "Fighting broke out near Tarhuna at dawn.");
    assert_eq!(tm["target"], "На рассвете под Тархуной вспыхнули бои.");
    assert!((0.8..1.0).contains(&tm["score"].as_f64().unwrap()), "{tm}");
    let terms: Vec<&str> = out[1]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    assert_eq!(terms, ["Правительство национального согласия", "Триполи"]);
}

#[test]
fn a_surname_alone_and_a_short_form_are_translated_as_such() {
    let desk = Desk::new();
    let targets = |from: &str, to: &str, text: &str| -> Vec<(String, String)> {
        suggest(&desk, &["--from", from, "--to", to, text], None)[0]["terms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["found"].as_str().unwrap().into(),
                    t["target"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    let pairs = |p: &[(&str, &str)]| -> Vec<(String, String)> {
        p.iter().map(|&(a, b)| (a.into(), b.into())).collect()
    };
    assert_eq!(
        targets(
            "ru",
            "en",
            "Силы Хафтара вошли в город, а Халифа Хафтар молчал."
        ),
        pairs(&[("Хафтара", "Haftar"), ("Халифа Хафтар", "Khalifa Haftar")])
    );
    assert_eq!(
        targets("en", "ru", "Qadhafi loyalists met al-Sarraj."),
        pairs(&[("Qadhafi", "Каддафи"), ("al-Sarraj", "Сарадж")])
    );
    // An admitted short form is translated as one; an English article
    // the mention took in to agree with the house form is no part of it.
    assert_eq!(
        targets("ru", "en", "Сейф аль-Ислам вернулся."),
        pairs(&[("Сейф аль-Ислам", "Saif al-Islam")])
    );
    assert_eq!(
        targets("en", "ru", "An LNA spokesman said Seif al-Islam returned."),
        pairs(&[
            ("LNA", "Ливийская национальная армия"),
            ("Seif al-Islam", "Сейф аль-Ислам")
        ])
    );
}

#[test]
fn reads_files_and_stdin_in_any_language() {
    let desk = desk_with_sample();
    let file = desk.write("article.txt", "استؤنفت المحادثات في طرابلس يوم الاثنين.\n");
    let out = suggest(&desk, &["--from", "ar", "--to", "en", &file], None);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["terms"][0]["target"], "Tripoli");
    assert_eq!(out[0]["tm"][0]["score"], 1.0);
    assert_eq!(
        out[0]["tm"][0]["target"],
        "Talks resumed in Tripoli on Monday."
    );
    let out = suggest(
        &desk,
        &["--from", "ru", "--to", "en", "-"],
        Some("Переговоры возобновились в Триполи в понедельник.".as_bytes()),
    );
    assert_eq!(out[0]["tm"][0]["score"], 1.0);
    assert!(suggest(&desk, &["--from", "en", "--to", "ru"], Some(b"")).is_empty());
}

#[test]
fn human_output_names_terms_and_matches() {
    let desk = desk_with_sample();
    let run = desk.run(
        &[
            "suggest",
            "--from",
            "en",
            "--to",
            "ru",
            "Talks resumed in Tripoli on Monday.",
        ],
        None,
    );
    assert_eq!(run.code, 0);
    let out = run.stdout();
    assert!(out.contains("Tripoli → Триполи"), "{out}");
    assert!(out.contains("100%"), "{out}");
}

/// A language the glossary has no forms in is warned of on stderr (the
/// translation memory may still hold it), and the run goes on.
#[test]
fn a_language_the_glossary_lacks_is_warned_of() {
    let desk = Desk::new();
    let run = desk.run(
        &[
            "suggest",
            "--from",
            "en",
            "--to",
            "fr",
            "The GNA met in Tripoli.",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("--to fr") && run.stderr.contains("ar, en, ru"),
        "{}",
        run.stderr
    );
    let run = desk.run(
        &[
            "suggest",
            "--from",
            "en",
            "--to",
            "ru",
            "The GNA met in Tripoli.",
        ],
        None,
    );
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

/// Language tags are compared without regard to case, and a region the
/// glossary does not have falls back to its language: `--to RU` and
/// `--to ru-RU` give the Russian house forms. A source language the
/// glossary lacks is warned of as such: terms are still looked for.
#[test]
fn language_tags_are_read_as_the_glossary_writes_them() {
    let desk = Desk::new();
    for to in ["RU", "ru-RU"] {
        let run = desk.run(
            &[
                "suggest",
                "--from",
                "en-GB",
                "--to",
                to,
                "--json",
                "Talks resumed in Tripoli.",
            ],
            None,
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(!run.stderr.contains("warning"), "{to}: {}", run.stderr);
        assert_eq!(run.array()[0]["terms"][0]["target"], "Триполи", "{to}");
    }
    let run = desk.run(
        &[
            "suggest",
            "--from",
            "xx",
            "--to",
            "en",
            "--json",
            "Haftar met Salame.",
        ],
        None,
    );
    assert!(
        run.stderr.contains("--from xx") && run.stderr.contains("terms are looked for"),
        "{}",
        run.stderr
    );
    assert_eq!(run.array()[0]["terms"].as_array().unwrap().len(), 2);
}

/// The terms `suggest --json` found, per segment: (found, entry, target).
/// A term as `(found, entry, target)`.
type Term = (String, String, String);

fn terms_of(out: &[Value]) -> Vec<Vec<Term>> {
    out.iter()
        .map(|segment| {
            segment["terms"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| {
                    let field = |k: &str| t[k].as_str().unwrap().to_string();
                    (field("found"), field("entry"), field("target"))
                })
                .collect()
        })
        .collect()
}

fn term(found: &str, entry: &str, target: &str) -> (String, String, String) {
    (found.to_string(), entry.to_string(), target.to_string())
}

const BRIEFING_HTML: &str = "<h1 title=\"Tarkhuna\">Briefing</h1>\n\
<p>Envoys met Khalifa <b>Hifter</b> near <a href=\"https://example.org/Misurata\">Tar&shy;khuna</a>.\n\
Files on <code>Zawia</code> stayed shut.</p>\n\
<p>Khalifa&nbsp;Hifter left for Misratah&#8217;s port.</p>\n\
<!-- dragoman off --><p>Zawia, as quoted.</p><!-- dragoman on -->\n";

#[test]
fn html_is_read_as_check_reads_it() {
    let desk = Desk::new();
    desk.write("briefing.html", BRIEFING_HTML);
    let path = desk.path("briefing.html");
    let out = suggest(
        &desk,
        &["--from", "en", "--to", "ru", path.to_str().unwrap()],
        None,
    );
    let segments: Vec<&str> = out.iter().map(|s| s["segment"].as_str().unwrap()).collect();
    assert_eq!(
        segments,
        [
            "Briefing",
            "Envoys met Khalifa Hifter near Tarkhuna.",
            "Files on stayed shut.",
            "Khalifa Hifter left for Misratah’s port.",
        ]
    );
    // Nothing from the attribute, the link's address, the code or the
    // switched-off quotation; the name split by <b> is found in its prose
    // part, as check finds it; references are read through.
    assert_eq!(
        terms_of(&out),
        [
            vec![],
            vec![
                term("Hifter", "khalifa-haftar", "Хафтар"),
                term("Tarkhuna", "tarhuna", "Тархуна"),
            ],
            vec![],
            vec![
                term("Khalifa Hifter", "khalifa-haftar", "Халифа Хафтар"),
                term("Misratah", "misrata", "Мисрата"),
            ],
        ]
    );
    // The same mentions check reports.
    let check = desk.run(&["check", "--json", path.to_str().unwrap()], None);
    let found: Vec<String> = check
        .array()
        .iter()
        .map(|f| f["found"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        found,
        ["Hifter", "Tar&shy;khuna", "Khalifa&nbsp;Hifter", "Misratah"]
    );
}

#[test]
fn markdown_is_read_as_prose_and_format_overrides_the_extension() {
    let desk = Desk::new();
    let md = "# Сводка\n\nКолонна вышла из Мисураты; см. `Мисурата` и [карту](https://example.org/Мисурата).\n";
    desk.write("brief.md", md);
    desk.write("brief.txt", md);
    let md_path = desk.path("brief.md");
    let txt_path = desk.path("brief.txt");
    let args = |path: &std::path::Path| {
        vec![
            "--from".to_string(),
            "ru".to_string(),
            "--to".to_string(),
            "en".to_string(),
            path.to_str().unwrap().to_string(),
        ]
    };
    let run = |extra: &[&str], path: &std::path::Path| {
        let mut all: Vec<String> = args(path);
        all.extend(extra.iter().map(|s| s.to_string()));
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        suggest(&desk, &all, None)
    };
    let as_markdown = run(&[], &md_path);
    let terms: Vec<(String, String, String)> = terms_of(&as_markdown).concat();
    assert_eq!(terms, [term("Мисураты", "misrata", "Misrata")]);
    assert_eq!(
        as_markdown[1]["segment"],
        "Колонна вышла из Мисураты; см. и карту."
    );
    // The same file as plain text sees the code and the address too;
    // --format markdown reads it as the .md file.
    assert!(terms_of(&run(&[], &txt_path)).concat().len() > 1);
    assert_eq!(run(&["--format", "markdown"], &txt_path), as_markdown);
}

#[test]
fn blocks_on_one_line_are_segments_of_their_own() {
    let desk = Desk::new();
    desk.write(
        "list.html",
        "<ul><li>Khalifa Hifter in Sirte</li><li>Tarkhuna<br>Misurata port</li></ul><h2>Zawia</h2><p>Envoys left</p>\n",
    );
    desk.write(
        "table.md",
        "| Town | Held by |\n|---|---|\n| Tarkhuna | the LNA |\n",
    );
    let segments_of = |name: &str| -> (Vec<String>, Vec<Vec<Term>>) {
        let path = desk.path(name);
        let out = suggest(
            &desk,
            &["--from", "en", "--to", "ru", path.to_str().unwrap()],
            None,
        );
        let segments = out
            .iter()
            .map(|s| s["segment"].as_str().unwrap().to_string())
            .collect();
        (segments, terms_of(&out))
    };
    let (segments, terms) = segments_of("list.html");
    assert_eq!(
        segments,
        [
            "Khalifa Hifter in Sirte",
            "Tarkhuna",
            "Misurata port",
            "Zawia",
            "Envoys left"
        ]
    );
    assert_eq!(
        terms,
        [
            vec![
                term("Khalifa Hifter", "khalifa-haftar", "Халифа Хафтар"),
                term("Sirte", "sirte", "Сирт"),
            ],
            vec![term("Tarkhuna", "tarhuna", "Тархуна")],
            vec![term("Misurata", "misrata", "Мисрата")],
            vec![term("Zawia", "zawiya", "Эз-Завия")],
            vec![],
        ]
    );
    // Each cell of a Markdown table is a segment.
    let (segments, terms) = segments_of("table.md");
    assert_eq!(segments, ["Town", "Held by", "Tarkhuna", "the LNA"]);
    assert_eq!(terms[2], [term("Tarkhuna", "tarhuna", "Тархуна")]);
}
