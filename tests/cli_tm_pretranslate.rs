//! `dragoman pretranslate`: XLIFF 1.2 and 2.0 targets from the translation
//! memory, everything else kept.

mod common;

use common::{fixture_bytes, Desk};

fn desk_with_sample() -> Desk {
    let desk = Desk::new();
    desk.import_sample_memory();
    desk
}

#[test]
fn xliff_1_2_exact_and_fuzzy_targets() {
    let desk = desk_with_sample();
    let file = desk.fixture_as("tm/article-1.2.xlf", "article.xlf");
    let run = desk.run(
        &["pretranslate", &file, "--to", "ru", "-o", "out.xlf"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("1 exact and 1 fuzzy"), "{}", run.stderr);
    let out = String::from_utf8(desk.read("out.xlf")).unwrap();
    assert!(out.contains(
        "<source>Talks resumed in Tripoli on Monday.</source>\n        \
         <target state=\"translated\" state-qualifier=\"exact-match\">Переговоры возобновились в Триполи в понедельник.</target>"
    ), "{out}");
    assert!(out.contains(
        "<target state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\">На рассвете под Тархуной вспыхнули бои.</target>\n        \
         <note from=\"dragoman\">translation memory match 86%</note>"
    ), "{out}");
    // The empty target was replaced, not doubled.
    assert!(!out.contains("<target state=\"new\">"), "{out}");
    // Left alone: no match, inline markup, an existing translation, the rest.
    let original = String::from_utf8(fixture_bytes("tm/article-1.2.xlf")).unwrap();
    for kept in [
        "<trans-unit id=\"3\">\n        <source>A sentence the memory has never seen.</source>\n      </trans-unit>",
        "<source>Read <g id=\"b\">more</g> about Sirte.</source>\n      </trans-unit>",
        "<target state=\"final\">Колонна дошла до Тобрука до полудня.</target>",
        "<header><note>Desk article, Monday edition.</note></header>",
    ] {
        assert!(original.contains(kept) && out.contains(kept), "{kept}\n{out}");
    }
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\""));
}

#[test]
fn xliff_2_0_segment_states() {
    let desk = desk_with_sample();
    let file = desk.fixture_as("tm/article-2.0.xlf", "article.xlf");
    let run = desk.run(&["pretranslate", &file, "--to", "ar"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.stdout();
    assert!(out.contains("srcLang=\"en\" trgLang=\"ar\""), "{out}");
    assert!(out.contains(
        "<segment id=\"s1\" state=\"translated\">\n        <source>Talks resumed in Tripoli on Monday.</source>\n        \
         <target>استؤنفت المحادثات في طرابلس يوم الاثنين.</target>"
    ), "{out}");
    assert!(
        out.contains("<segment id=\"s2\" state=\"initial\" subState=\"dragoman:fuzzy-86\">"),
        "{out}"
    );
    assert!(out.contains("<segment id=\"s3\">\n        <source>A sentence the memory has never seen.</source>\n      </segment>"), "{out}");
}

#[test]
fn wrong_language_and_bad_files_are_refused() {
    let desk = desk_with_sample();
    let file = desk.fixture_as("tm/article-1.2.xlf", "article.xlf");
    let run = desk.run(
        &["pretranslate", &file, "--to", "ar", "-o", "out.xlf"],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("target-language"), "{}", run.stderr);
    assert!(!desk.path("out.xlf").exists());
    let bad = desk.write("bad.xlf", "<xliff version=\"1.2\"><file source-language=\"en\"><body>\n<trans-unit id=\"1\"><source>x</trans-unit>");
    let run = desk.run(&["pretranslate", &bad, "--to", "ru"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad.xlf:2:"), "{}", run.stderr);
}
