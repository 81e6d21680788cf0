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

/// A memory whose units carry inline markup (a bold span, a placeholder).
const MARKED_MEMORY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="html" segtype="sentence" adminlang="en" o-tmf="desk" creationtool="desk" creationtoolversion="1"/>
<body>
<tu><tuv xml:lang="en"><seg>Read <bpt i="1">&lt;b&gt;</bpt>more<ept i="1">&lt;/b&gt;</ept> about Sirte.</seg></tuv>
<tuv xml:lang="ru"><seg>Читайте <bpt i="1">&lt;b&gt;</bpt>подробнее<ept i="1">&lt;/b&gt;</ept> о Сирте.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg><ph x="1">{name}</ph> met <ph x="2">{other}</ph> in Misrata.</seg></tuv>
<tuv xml:lang="ru"><seg>В Мисрате <ph x="1">{name}</ph> встретился с <ph x="2">{other}</ph>.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The port of Tobruk reopened.</seg></tuv>
<tuv xml:lang="ru"><seg>Порт Тобрука вновь открылся.</seg></tuv></tu>
</body></tmx>
"#;

/// Sources with inline codes get the memory's translation with their own
/// codes where the memory has the corresponding ones: an identical segment
/// is an exact match; codes the memory lacks make it a fuzzy match to
/// review, with a note.
#[test]
fn inline_codes_are_carried_into_the_target() {
    let desk = Desk::new();
    desk.write("marked.tmx", MARKED_MEMORY);
    let run = desk.run(&["tm", "import", "marked.tmx"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    desk.write(
        "codes.xlf",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="ru" datatype="html" original="a.html">
    <body>
      <trans-unit id="1">
        <source>Read <g id="b">more</g> about Sirte.</source>
      </trans-unit>
      <trans-unit id="2">
        <source><x id="n"/> met <x id="o"/> in Misrata.</source>
      </trans-unit>
      <trans-unit id="3">
        <source>The port of <g id="t">Tobruk</g> reopened.</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"#,
    );
    let run = desk.run(&["pretranslate", "codes.xlf", "--to", "ru"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.stdout();
    assert!(out.contains(
        r#"<target state="translated" state-qualifier="exact-match">Читайте <g id="b">подробнее</g> о Сирте.</target>"#
    ), "{out}");
    // The memory moves the placeholders: so do the source's own.
    assert!(out.contains(
        r#"<target state="translated" state-qualifier="exact-match">В Мисрате <x id="n"/> встретился с <x id="o"/>.</target>"#
    ), "{out}");
    // The memory has no code for the source's: the text, to review.
    assert!(out.contains(
        "<target state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\">Порт Тобрука вновь открылся.</target>\n        \
         <note from=\"dragoman\">translation memory match 96%; 2 inline code(s) to place</note>"
    ), "{out}");
    assert!(run.stderr.contains("2 exact and 1 fuzzy"), "{}", run.stderr);

    desk.write(
        "codes2.xlf",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">
  <file id="f1">
    <unit id="u1">
      <segment id="s1">
        <source>Read <pc id="1">more</pc> about Sirte.</source>
      </segment>
    </unit>
  </file>
</xliff>
"#,
    );
    let run = desk.run(&["pretranslate", "codes2.xlf", "--to", "ru"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout()
            .contains(r#"<target>Читайте <pc id="1">подробнее</pc> о Сирте.</target>"#),
        "{}",
        run.stdout()
    );
}

/// Units marked `translate="no"` (1.2 `trans-unit` or `group`, 2.x `unit`
/// or `file`) are left exactly as they are, even with a memory match.
#[test]
fn units_not_to_translate_are_left_alone() {
    let desk = desk_with_sample();
    let v1 = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.html" source-language="en" target-language="ru" datatype="html">
    <body>
      <trans-unit id="1" translate="no">
        <source>Talks resumed in Tripoli on Monday.</source>
      </trans-unit>
      <group id="g" translate="no">
        <trans-unit id="2">
          <source>Talks resumed in Tripoli on Monday.</source>
          <target/>
        </trans-unit>
      </group>
      <trans-unit id="3">
        <source>Talks resumed in Tripoli on Monday.</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"#;
    desk.write("v1.xlf", v1);
    let run = desk.run(&["pretranslate", "v1.xlf", "--to", "ru"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.stdout();
    let filled = "<trans-unit id=\"3\">\n        <source>Talks resumed in Tripoli on Monday.</source>\n        \
         <target state=\"translated\" state-qualifier=\"exact-match\">Переговоры возобновились в Триполи в понедельник.</target>";
    assert!(out.contains(filled), "{out}");
    assert_eq!(out.matches("<target").count(), 2, "{out}");
    let untouched = &v1[..v1.find("<trans-unit id=\"3\">").unwrap()];
    assert!(out.starts_with(untouched), "{out}");
    assert!(run.stderr.contains("1 exact and 0 fuzzy"), "{}", run.stderr);

    let v2 = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">
  <file id="f1">
    <unit id="u1" translate="no">
      <segment id="s1">
        <source>Talks resumed in Tripoli on Monday.</source>
      </segment>
    </unit>
    <unit id="u2">
      <segment id="s2">
        <source>Talks resumed in Tripoli on Monday.</source>
      </segment>
    </unit>
  </file>
  <file id="f2" translate="no">
    <unit id="u3">
      <segment id="s3">
        <source>Talks resumed in Tripoli on Monday.</source>
      </segment>
    </unit>
  </file>
</xliff>
"#;
    desk.write("v2.xlf", v2);
    let run = desk.run(&["pretranslate", "v2.xlf", "--to", "ru"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.stdout();
    assert!(
        out.contains("<segment id=\"s2\" state=\"translated\">"),
        "{out}"
    );
    assert_eq!(out.matches("<target>").count(), 1, "{out}");
    for kept in [
        &v2[v2.find("<unit id=\"u1\"").unwrap()..v2.find("<unit id=\"u2\"").unwrap()],
        &v2[v2.find("<file id=\"f2\"").unwrap()..],
    ] {
        assert!(out.contains(kept), "{kept}\n{out}");
    }
}

/// A file in regional tags (`en-GB` → `ru-RU`) is filled from a memory
/// stored as `en`/`ru`, with `--to ru` or `--to ru-RU`; another language
/// is still refused.
#[test]
fn regional_file_languages_match_the_memory() {
    let desk = desk_with_sample();
    let original = String::from_utf8(fixture_bytes("tm/article-1.2.xlf")).unwrap();
    let regional = original.replace(
        "source-language=\"en\" target-language=\"ru\"",
        "source-language=\"en-GB\" target-language=\"ru-RU\"",
    );
    assert_ne!(regional, original);
    desk.write("article.xlf", &regional);
    for to in ["ru", "ru-RU", "RU"] {
        let run = desk.run(&["pretranslate", "article.xlf", "--to", to], None);
        assert_eq!(run.code, 0, "--to {to}: {}", run.stderr);
        assert!(
            run.stderr.contains("1 exact and 1 fuzzy"),
            "--to {to}: {}",
            run.stderr
        );
        assert!(run.stdout().contains("target-language=\"ru-RU\""));
    }
    let run = desk.run(&["pretranslate", "article.xlf", "--to", "ar"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("give --to ru-RU"), "{}", run.stderr);
}

/// Self-closed memory codes (`<bpt i="1" x="1"/>`) pair across languages by
/// their ids: a translation that swaps two spans gets the source's codes
/// swapped too (1.2 `<g>`, 2.x `<pc>` and `<ph/>`); codes the memory does
/// not tell apart are not guessed.
#[test]
fn reordered_codes_follow_their_ids() {
    let desk = Desk::new();
    desk.write(
        "codes.tmx",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="xml" segtype="sentence" adminlang="en" o-tmf="desk" creationtool="desk" creationtoolversion="1"/>
<body>
<tu><tuv xml:lang="en"><seg>Dbeibah met <bpt i="1" x="1"/>Menfi<ept i="1"/> and <bpt i="2" x="2"/>Mishri<ept i="2"/> in Tripoli.</seg></tuv>
<tuv xml:lang="ru"><seg>В Триполи Дбейба встретился с <bpt i="2" x="2"/>Мишри<ept i="2"/> и <bpt i="1" x="1"/>Менфи<ept i="1"/>.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg><ph x="1"/> thanked <ph x="2"/>.</seg></tuv>
<tuv xml:lang="ru"><seg><ph x="2"/> поблагодарил <ph x="1"/>.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg><ph/> called <ph/>.</seg></tuv>
<tuv xml:lang="ru"><seg><ph/> позвонил <ph/>.</seg></tuv></tu>
</body></tmx>
"#,
    );
    let run = desk.run(&["tm", "import", "codes.tmx"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    desk.write(
        "v1.xlf",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="ru" datatype="xml" original="a.xml">
    <body>
      <trans-unit id="1">
        <source>Dbeibah met <g id="1">Menfi</g> and <g id="2">Mishri</g> in Tripoli.</source>
      </trans-unit>
      <trans-unit id="2">
        <source><x id="a"/> called <x id="b"/>.</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"#,
    );
    let run = desk.run(&["pretranslate", "v1.xlf", "--to", "ru"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.stdout();
    assert!(out.contains(
        r#"<target state="translated" state-qualifier="exact-match">В Триполи Дбейба встретился с <g id="2">Мишри</g> и <g id="1">Менфи</g>.</target>"#
    ), "{out}");
    // `<ph/>` twice: which is which is unknown, so the translator places them.
    assert!(out.contains(
        "<target state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\"> позвонил .</target>"
    ), "{out}");
    assert!(out.contains("2 inline code(s) to place"), "{out}");

    desk.write(
        "v2.xlf",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">
  <file id="f1">
    <unit id="u1">
      <segment id="s1">
        <source>Dbeibah met <pc id="1">Menfi</pc> and <pc id="2">Mishri</pc> in Tripoli.</source>
      </segment>
      <segment id="s2">
        <source><ph id="1"/> thanked <ph id="2"/>.</source>
      </segment>
    </unit>
  </file>
</xliff>
"#,
    );
    let run = desk.run(&["pretranslate", "v2.xlf", "--to", "ru"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.stdout();
    assert!(out.contains(
        r#"<target>В Триполи Дбейба встретился с <pc id="2">Мишри</pc> и <pc id="1">Менфи</pc>.</target>"#
    ), "{out}");
    assert!(
        out.contains(r#"<target><ph id="2"/> поблагодарил <ph id="1"/>.</target>"#),
        "{out}"
    );
    assert!(run.stderr.contains("2 exact and 0 fuzzy"), "{}", run.stderr);
}

/// A UTF-8 byte-order mark at the start of the file is written back, to a
/// file and to stdout; so is a UTF-16 file's encoding.
#[test]
fn a_byte_order_mark_is_kept() {
    let desk = desk_with_sample();
    let original = fixture_bytes("tm/article-1.2.xlf");
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), &original].concat();
    desk.write("bom.xlf", &with_bom);
    let run = desk.run(
        &["pretranslate", "bom.xlf", "--to", "ru", "-o", "out.xlf"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = desk.read("out.xlf");
    assert!(
        out.starts_with(b"\xEF\xBB\xBF<?xml version=\"1.0\""),
        "{:?}",
        &out[..8]
    );
    let run = desk.run(&["pretranslate", "bom.xlf", "--to", "ru"], None);
    assert_eq!(run.stdout, out);
    // Without the mark, the same bytes after it.
    desk.write("plain.xlf", &original);
    let plain = desk.run(&["pretranslate", "plain.xlf", "--to", "ru"], None);
    assert_eq!(plain.stdout, out[3..]);

    let text = String::from_utf8(original)
        .unwrap()
        .replace("UTF-8", "UTF-16");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    desk.write("utf16.xlf", &utf16);
    let run = desk.run(&["pretranslate", "utf16.xlf", "--to", "ru"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(&[0xFF, 0xFE, b'<', 0]),
        "{:?}",
        &run.stdout[..8]
    );
}

/// An empty target is filled where it stands, its attributes kept (the
/// state ones set anew).
#[test]
fn an_empty_target_keeps_its_attributes() {
    let desk = desk_with_sample();
    desk.write(
        "a.xlf",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.html" source-language="en" target-language="ru" datatype="html">
    <body>
      <trans-unit id="1">
        <source>Talks resumed in Tripoli on Monday.</source>
        <target xml:lang="ru" state="new" coord="1;2;3;4"> </target>
      </trans-unit>
      <trans-unit id="2">
        <source>Fighting broke out near Tarhuna before dawn.</source>
        <target xml:lang="ru"/>
      </trans-unit>
    </body>
  </file>
</xliff>
"#,
    );
    let run = desk.run(&["pretranslate", "a.xlf", "--to", "ru"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.stdout();
    assert!(out.contains(
        "<source>Talks resumed in Tripoli on Monday.</source>\n        \
         <target xml:lang=\"ru\" coord=\"1;2;3;4\" state=\"translated\" state-qualifier=\"exact-match\">Переговоры возобновились в Триполи в понедельник.</target>\n      </trans-unit>"
    ), "{out}");
    assert!(out.contains(
        "<target xml:lang=\"ru\" state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\">На рассвете под Тархуной вспыхнули бои.</target>\n        \
         <note from=\"dragoman\">translation memory match 86%</note>\n      </trans-unit>"
    ), "{out}");

    desk.write(
        "b.xlf",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">
  <file id="f1">
    <unit id="u1">
      <segment id="s1">
        <source>Talks resumed in Tripoli on Monday.</source>
        <target xml:lang="ru" xml:space="preserve"></target>
      </segment>
    </unit>
  </file>
</xliff>
"#,
    );
    let run = desk.run(&["pretranslate", "b.xlf", "--to", "ru"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout().contains(
        "<target xml:lang=\"ru\" xml:space=\"preserve\">Переговоры возобновились в Триполи в понедельник.</target>"
    ), "{}", run.stdout());
}

/// XLIFF 1.2 with `<seg-source>`: the target goes after it, as the schema
/// orders them, its segment marked as the source's; a unit of several
/// segments is left for the translator.
#[test]
fn seg_source_units_get_the_target_after_it() {
    let desk = desk_with_sample();
    desk.write(
        "seg.xlf",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.html" source-language="en" target-language="ru" datatype="html">
    <body>
      <trans-unit id="1">
        <source>Talks resumed in Tripoli on Monday.</source>
        <seg-source><mrk mtype="seg" mid="7">Talks resumed in Tripoli on Monday.</mrk></seg-source>
      </trans-unit>
      <trans-unit id="2">
        <source>Talks resumed in Tripoli on Monday. Talks resumed in Tripoli on Monday.</source>
        <seg-source><mrk mtype="seg" mid="1">Talks resumed in Tripoli on Monday.</mrk> <mrk mtype="seg" mid="2">Talks resumed in Tripoli on Monday.</mrk></seg-source>
      </trans-unit>
    </body>
  </file>
</xliff>
"#,
    );
    let run = desk.run(&["pretranslate", "seg.xlf", "--to", "ru"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.stdout();
    assert!(out.contains(
        "<seg-source><mrk mtype=\"seg\" mid=\"7\">Talks resumed in Tripoli on Monday.</mrk></seg-source>\n        \
         <target state=\"translated\" state-qualifier=\"exact-match\"><mrk mtype=\"seg\" mid=\"7\">Переговоры возобновились в Триполи в понедельник.</mrk></target>\n      </trans-unit>"
    ), "{out}");
    assert!(out.contains(
        "<mrk mtype=\"seg\" mid=\"2\">Talks resumed in Tripoli on Monday.</mrk></seg-source>\n      </trans-unit>"
    ), "{out}");
    assert!(
        run.stderr
            .contains("1 exact and 0 fuzzy matches filled, 1 segments left"),
        "{}",
        run.stderr
    );
}

/// An exact match the memory translates in two ways goes in as the latest
/// translation, to review: not as translated.
#[test]
fn conflicting_exact_matches_are_to_review() {
    let desk = Desk::new();
    desk.write(
        "conflict.tmx",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="desk" creationtool="desk" creationtoolversion="1"/>
<body>
<tu changedate="20250601T000000Z"><tuv xml:lang="en"><seg>The council met on Sunday.</seg></tuv>
<tuv xml:lang="ru"><seg>Совет собрался в воскресенье.</seg></tuv></tu>
<tu changedate="20240601T000000Z"><tuv xml:lang="en"><seg>The council met on Sunday.</seg></tuv>
<tuv xml:lang="ru"><seg>Совет заседал в воскресенье.</seg></tuv></tu>
</body></tmx>
"#,
    );
    assert_eq!(desk.run(&["tm", "import", "conflict.tmx"], None).code, 0);
    let xlf = |version: &str| {
        if version == "1.2" {
            r#"<xliff version="1.2"><file source-language="en" target-language="ru"><body>
<trans-unit id="1"><source>The council met on Sunday.</source></trans-unit>
</body></file></xliff>"#
        } else {
            r#"<xliff version="2.0" srcLang="en" trgLang="ru"><file id="f"><unit id="u">
<segment id="s"><source>The council met on Sunday.</source></segment>
</unit></file></xliff>"#
        }
    };
    desk.write("a.xlf", xlf("1.2"));
    let run = desk.run(&["pretranslate", "a.xlf", "--to", "ru"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout().contains(
        "<target state=\"needs-review-translation\" state-qualifier=\"exact-match\">Совет собрался в воскресенье.</target>\
         <note from=\"dragoman\">translation memory match 100%; the memory has 1 other translation(s) of this source</note>"
    ), "{}", run.stdout());
    assert!(
        run.stderr
            .contains("1 exact (1 of them translated otherwise too, to review) and 0 fuzzy"),
        "{}",
        run.stderr
    );
    desk.write("b.xlf", xlf("2.0"));
    let run = desk.run(&["pretranslate", "b.xlf", "--to", "ru"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout().contains(
        "<segment id=\"s\" state=\"initial\" subState=\"dragoman:exact-conflict\"><source>The council met on Sunday.</source><target>Совет собрался в воскресенье.</target>"
    ), "{}", run.stdout());
}
