//! `dragoman tm …`: import, export, search and concordance, driven through
//! the real binary on real SQLite files.

mod common;

use common::{fixture_bytes, Desk};
use serde_json::Value;
use std::path::Path;

fn sample() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tm")
            .join("sample.tmx"),
    )
    .expect("tm/sample.tmx")
}

fn units(desk: &Desk) -> u64 {
    desk.run(&["tm", "stats", "--json"], None).json()["units"]
        .as_u64()
        .expect("units")
}

fn search(desk: &Desk, text: &str, from: &str, to: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["tm", "search", text, "--from", from, "--to", to, "--json"];
    args.extend_from_slice(extra);
    let run = desk.run(&args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.array()
}

#[test]
fn sample_memory_imports_and_counts_duplicates() {
    let desk = Desk::new();
    let file = desk.write("sample.tmx", sample());
    let run = desk.run(&["tm", "import", &file], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout().contains("31 new, 0 duplicates"),
        "{}",
        run.stdout()
    );
    let again = desk.run(&["tm", "import", &file], None);
    assert!(
        again.stdout().contains("0 new, 31 duplicates merged"),
        "{}",
        again.stdout()
    );
    let stats = desk.run(&["tm", "stats", "--json"], None).json();
    assert_eq!(stats["units"], 31);
    assert_eq!(stats["languages"]["ru"], 31);
    assert!(stats["bytes"].as_u64().unwrap() > 0);
    // A new database made by tm import is seeded with the house glossary.
    assert!(!desk.ids().is_empty());
}

#[test]
fn duplicates_inside_a_file_are_merged_whatever_the_variant_order() {
    let desk = Desk::new();
    let file = desk.fixture_as("tm/markup.tmx", "markup.tmx");
    let run = desk.run(&["tm", "import", &file], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout().contains("imported 4 units"),
        "{}",
        run.stdout()
    );
    assert!(
        run.stdout().contains("3 new, 1 duplicates merged"),
        "{}",
        run.stdout()
    );
    assert_eq!(units(&desk), 3);
}

#[test]
fn duplicates_bring_their_metadata_into_the_stored_unit() {
    let desk = Desk::new();
    let unit = |attrs: &str, note: &str, prop: &str| {
        format!(
            "<tu {attrs}><note>{note}</note><tuv xml:lang=\"en\"><prop type=\"x-origin\">{prop}</prop>\
             <seg>Talks resumed in Tripoli.</seg></tuv><tuv xml:lang=\"ru\">\
             <seg>Переговоры возобновились в Триполи.</seg></tuv></tu>"
        )
    };
    let tmx = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>{}{}</body></tmx>\n",
        unit(
            r#"creationdate="20250105T100000Z" creationid="amina" changedate="20250105T100000Z""#,
            "Checked by the editor.",
            "wire"
        ),
        unit(
            r#"creationdate="20240101T090000Z" creationid="oleg" changedate="20250301T120000Z" changeid="oleg""#,
            "Legal wording.",
            "desk"
        ),
    );
    let file = desk.write("dups.tmx", tmx);
    let run = desk.run(&["tm", "import", &file], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout().contains("1 new, 1 duplicates merged"),
        "{}",
        run.stdout()
    );
    // Importing the same file again adds nothing more.
    desk.run(&["tm", "import", &file], None);
    let out = desk
        .run(&["tm", "export", "--format", "tmx"], None)
        .stdout();
    for kept in [
        r#"creationdate="20240101T090000Z" creationid="oleg" changedate="20250301T120000Z" changeid="oleg""#,
        "<note>Checked by the editor.</note>",
        "<note>Legal wording.</note>",
        r#"<prop type="x-origin">wire</prop>"#,
        r#"<prop type="x-origin">desk</prop>"#,
    ] {
        assert_eq!(out.matches(kept).count(), 1, "{kept} once in\n{out}");
    }
}

#[test]
fn search_scores_identical_at_one_and_near_matches_below() {
    let desk = Desk::new();
    let file = desk.write("sample.tmx", sample());
    desk.run(&["tm", "import", &file], None);
    let hits = search(
        &desk,
        "Talks resumed in Tripoli on Monday.",
        "en",
        "ru",
        &[],
    );
    assert_eq!(hits[0]["score"], 1.0);
    assert_eq!(
        hits[0]["target"],
        "Переговоры возобновились в Триполи в понедельник."
    );
    assert_eq!(hits[0]["from"], "en");
    assert_eq!(hits[0]["to"], "ru");
    let keys: Vec<&String> = hits[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["from", "score", "source", "target", "to"]);
    assert!(hits[1]["score"].as_f64().unwrap() < 1.0);
    // Best first.
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    // Case, punctuation and numbers cost a little, words more.
    let case = search(
        &desk,
        "talks resumed in tripoli on monday.",
        "en",
        "ru",
        &[],
    );
    assert!(
        (0.9..1.0).contains(&case[0]["score"].as_f64().unwrap()),
        "{case:?}"
    );
    let number = search(
        &desk,
        "The airport in Tripoli was closed for 4 days.",
        "en",
        "ru",
        &[],
    );
    assert_eq!(
        number[0]["source"],
        "The airport in Tripoli was closed for 3 days."
    );
    assert!(number[0]["score"].as_f64().unwrap() < 0.9);

    // Any direction, and Arabic spelling variants.
    let ar = search(
        &desk,
        "استؤنفت المحادثات في طرابلس يوم الاثنين.",
        "ar",
        "en",
        &[],
    );
    assert_eq!(ar[0]["target"], "Talks resumed in Tripoli on Monday.");
    assert_eq!(ar[0]["score"], 1.0);

    // --limit and --min-score.
    let one = search(
        &desk,
        "Talks resumed in Tripoli.",
        "en",
        "ar",
        &["--limit", "1"],
    );
    assert_eq!(one.len(), 1);
    let none = search(
        &desk,
        "Completely unrelated words here.",
        "en",
        "ru",
        &["--min-score", "0.9"],
    );
    assert!(none.is_empty());
}

#[test]
fn search_usage_errors() {
    let desk = Desk::new();
    let run = desk.run(
        &[
            "tm",
            "search",
            "x",
            "--from",
            "en",
            "--to",
            "ru",
            "--min-score",
            "2",
        ],
        None,
    );
    assert_eq!(run.code, 2);
    let run = desk.run(
        &["tm", "search", "x", "--from", "english!", "--to", "ru"],
        None,
    );
    assert_eq!(run.code, 2);
    // An empty memory: no match, exit 0.
    let run = desk.run(
        &["tm", "search", "x", "--from", "en", "--to", "ru", "--json"],
        None,
    );
    assert_eq!(run.code, 0);
    assert!(run.array().is_empty());
}

#[test]
fn human_search_shows_percentages() {
    let desk = Desk::new();
    let file = desk.write("sample.tmx", sample());
    desk.run(&["tm", "import", &file], None);
    let run = desk.run(
        &[
            "tm",
            "search",
            "Talks resumed in Tripoli on Monday.",
            "--from",
            "en",
            "--to",
            "ru",
        ],
        None,
    );
    let out = run.stdout();
    assert!(
        out.contains("100%  Talks resumed in Tripoli on Monday."),
        "{out}"
    );
    assert!(!out.contains('\x1b'), "no colour when not a terminal");
}

#[test]
fn export_round_trips_markup_whitespace_and_metadata() {
    let desk = Desk::new();
    let file = desk.fixture_as("tm/markup.tmx", "markup.tmx");
    desk.run(&["tm", "import", &file], None);
    let run = desk.run(&["tm", "export", "-o", "out.tmx"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = String::from_utf8(desk.read("out.tmx")).unwrap();
    for kept in [
        r#"<seg>Click <bpt i="1" x="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> to read about <ph x="2">&lt;br/&gt;</ph>Misrata &amp; <hi type="italic">Sirte</hi>.</seg>"#,
        "<seg>  Two spaces before,\na line break inside.  </seg>",
        r#"tuid="a1" creationdate="20250101T120000Z" creationid="amina" changedate="20250102T080000Z" changeid="oleg" o-tmf="SomeTMF""#,
        r#"<prop type="x-client">Libya desk</prop>"#,
        "<note>Checked by the editor.</note>",
        r#"<tuv xml:lang="en" creationid="amina">"#,
        r#"<prop type="x-origin">wire</prop>"#,
        r#"creationtool="dragoman""#,
        r#"srclang="en""#,
        r#"datatype="plaintext""#,
        "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">",
    ] {
        assert!(out.contains(kept), "missing {kept}\n{out}");
    }
    // Export, import elsewhere, export again: the same file.
    let other = Desk::new();
    let copy = other.write("out.tmx", out.as_bytes());
    assert_eq!(other.run(&["tm", "import", &copy], None).code, 0);
    let again = other.run(&["tm", "export", "--format", "tmx"], None);
    assert_eq!(again.stdout(), out);
    // Plain text is searchable without the tags, and not identical to the
    // tagged segment.
    let hits = search(
        &desk,
        "Click here to read about Misrata & Sirte.",
        "en",
        "ru",
        &[],
    );
    let score = hits[0]["score"].as_f64().unwrap();
    assert!((0.85..1.0).contains(&score), "{hits:?}");
    assert_eq!(
        hits[0]["target"],
        "Нажмите здесь, чтобы прочитать о Мисрате и Сирте."
    );
}

/// The header's `srclang`, which CAT tools take for the memory's source
/// language, is the one the units name, `*all*` when they name several,
/// and else the language of the most segments.
#[test]
fn the_exported_header_names_the_units_source_language() {
    let header = |desk: &Desk| -> String {
        let tmx = desk
            .run(&["tm", "export", "--format", "tmx"], None)
            .stdout();
        let header = tmx
            .lines()
            .find(|l| l.contains("<header"))
            .unwrap_or_default();
        let at = header.find("srclang=\"").expect("a srclang") + "srclang=\"".len();
        header[at..]
            .split('"')
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let unit = |srclang: &str, ar: &str| {
        format!(
            r#"<tu{srclang}><tuv xml:lang="ar"><seg>{ar}</seg></tuv><tuv xml:lang="en"><seg>Talks in Sirte.</seg></tuv></tu>"#
        )
    };
    let memory = |units: &[String]| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="*all*" adminlang="en" datatype="plaintext" segtype="sentence" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>{}</body></tmx>"#,
            units.concat()
        )
    };
    let exported = |units: &[String]| {
        let desk = Desk::new();
        let file = desk.write("memory.tmx", memory(units));
        let run = desk.run(&["tm", "import", &file], None);
        assert_eq!(run.code, 0, "{}", run.stderr);
        header(&desk)
    };
    // Every unit in Arabic and English: alphabetical order would say
    // Arabic, the units say English.
    let en = [
        unit(r#" srclang="en""#, "محادثات في سرت."),
        unit(r#" srclang="en""#, "محادثات في مصراتة."),
        unit("", "محادثات في طرابلس."),
    ];
    assert_eq!(exported(&en), "en");
    let both = [
        unit(r#" srclang="en""#, "محادثات في سرت."),
        unit(r#" srclang="ar""#, "محادثات في مصراتة."),
    ];
    assert_eq!(exported(&both), "*all*");
    assert_eq!(exported(&[unit("", "محادثات في سرت.")]), "ar");
}

#[test]
fn tsv_and_csv_lists_import_and_export() {
    let desk = Desk::new();
    let tsv = desk.fixture_as("tm/list.tsv", "list.tsv");
    let run = desk.run(&["tm", "import", &tsv], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv = desk.fixture_as("tm/list.csv", "list.csv");
    let run = desk.run(&["tm", "import", &csv], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(units(&desk), 3);
    let hits = search(
        &desk,
        "Oil exports resumed, officials said.",
        "en",
        "ru",
        &[],
    );
    assert_eq!(hits[0]["score"], 1.0);
    let out = desk
        .run(&["tm", "export", "--format", "tsv"], None)
        .stdout();
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("en\tar\tru\tnote"));
    assert_eq!(
        lines.next(),
        Some("Talks resumed in Tripoli.\tاستؤنفت المحادثات في طرابلس.\tПереговоры в Триполи возобновились.\t")
    );
    let bad = desk.fixture_as("tm/badheader.tsv", "badheader.tsv");
    let run = desk.run(&["tm", "import", &bad], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("badheader.tsv:1:"), "{}", run.stderr);
    assert!(run.stderr.contains("french words"), "{}", run.stderr);
    assert_eq!(units(&desk), 3);
}

#[test]
fn add_then_find() {
    let desk = Desk::new();
    let run = desk.run(
        &[
            "tm",
            "add",
            "--from",
            "en",
            "--to",
            "ru",
            "Sabha airport reopened.",
            "Аэропорт Себхи вновь открылся.",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hits = search(&desk, "Sabha airport reopened.", "en", "ru", &[]);
    assert_eq!(hits[0]["target"], "Аэропорт Себхи вновь открылся.");
    let again = desk.run(
        &[
            "tm",
            "add",
            "--from",
            "en",
            "--to",
            "ru",
            "Sabha airport reopened.",
            "Аэропорт Себхи вновь открылся.",
        ],
        None,
    );
    assert!(again.stdout().contains("already"), "{}", again.stdout());
    let tmx = desk.run(&["tm", "export"], None).stdout();
    assert!(tmx.contains("creationdate=\"20"), "{tmx}");
}

/// Each bad file: exit 2, the file and line named, and nothing imported
/// (into an existing memory, or a database that did not exist).
#[test]
fn bad_files_import_nothing() {
    for (fixture, line, problem) in [
        ("malformed.tmx", Some(4), "malformed XML"),
        ("truncated.tmx", Some(5), "truncated"),
        ("nolang.tmx", Some(4), "without xml:lang"),
        ("bomb.tmx", Some(6), "entity declarations are refused"),
        ("external.tmx", Some(2), "entity declarations are refused"),
        ("latin1.tmx", Some(1), "unsupported encoding"),
    ] {
        let desk = Desk::new();
        let file = desk.fixture_as(&format!("tm/{fixture}"), fixture);
        let run = desk.run(&["tm", "import", &file], None);
        assert_eq!(run.code, 2, "{fixture}: {}", run.stderr);
        let at = match line {
            Some(l) => format!("{fixture}:{l}: "),
            None => format!("{fixture}: "),
        };
        assert!(run.stderr.contains(&at), "{fixture}: {}", run.stderr);
        assert!(run.stderr.contains(problem), "{fixture}: {}", run.stderr);
        assert!(
            !desk.db().exists(),
            "{fixture}: a refused import created the database"
        );

        let sample = desk.write("sample.tmx", sample());
        assert_eq!(desk.run(&["tm", "import", &sample], None).code, 0);
        let run = desk.run(&["tm", "import", &file], None);
        assert_eq!(run.code, 2, "{fixture}");
        assert_eq!(
            units(&desk),
            31,
            "{fixture}: a refused import changed the memory"
        );
    }
}

#[test]
fn utf16_and_utf8_bom_files_import() {
    let desk = Desk::new();
    let text = String::from_utf8(fixture_bytes("tm/markup.tmx"))
        .unwrap()
        .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let file = desk.write("utf16.tmx", utf16);
    let run = desk.run(&["tm", "import", &file], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(units(&desk), 3);
    let bom = desk.write("bom.tmx", [b"\xEF\xBB\xBF".as_slice(), &sample()].concat());
    let run = desk.run(&["tm", "import", &bom], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(units(&desk), 34);
}

#[test]
fn concordance_matches_variants_and_word_forms() {
    let desk = Desk::new();
    let file = desk.write("sample.tmx", sample());
    desk.run(&["tm", "import", &file], None);
    let conc = |words: &[&str], lang: &str| -> Vec<Value> {
        let mut args = vec!["tm", "concordance"];
        args.extend_from_slice(words);
        args.extend_from_slice(&["--lang", lang, "--json"]);
        let run = desk.run(&args, None);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.array()
    };
    // Russian: any case form of the word.
    let ru = conc(&["Мисрата"], "ru");
    assert_eq!(ru.len(), 3, "{ru:?}");
    assert!(
        ru.iter().any(|u| u["hits"][0]["text"] == "Мисрату"),
        "{ru:?}"
    );
    // Arabic: a spelling variant (ه for ة), and clitics peeled off.
    let ar = conc(&["مصراته"], "ar");
    assert_eq!(ar.len(), 3, "{ar:?}");
    let tripoli = conc(&["طرابلس"], "ar");
    assert!(tripoli.len() >= 8, "{tripoli:?}");
    // A query word with proclitics of its own finds the word bare, and
    // with other proclitics.
    assert_eq!(conc(&["بطرابلس"], "ar").len(), tripoli.len());
    assert_eq!(conc(&["ومصراته"], "ar").len(), 3);
    // Every word must be there; the hit offsets are into the text.
    let both = conc(&["airport", "TRIPOLI"], "en");
    assert_eq!(both.len(), 2, "{both:?}");
    for u in &both {
        let text = u["text"].as_str().unwrap();
        for h in u["hits"].as_array().unwrap() {
            let (s, e) = (
                h["start"].as_u64().unwrap() as usize,
                h["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], h["text"].as_str().unwrap());
        }
        assert!(u["translations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["lang"] == "ru"));
    }
    assert!(conc(&["nowhere"], "en").is_empty());
}

/// A memory written by translate-toolkit's po2tmx (from a PO file of
/// sentences written for these tests).
#[test]
fn translate_toolkit_tmx_imports() {
    let desk = Desk::new();
    let file = desk.fixture_as("tm/po2tmx.tmx", "po2tmx.tmx");
    let run = desk.run(&["tm", "import", &file], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(units(&desk), 2);
    let hits = search(
        &desk,
        "The port of Tobruk was closed & guarded.",
        "en",
        "ru",
        &[],
    );
    assert_eq!(hits[0]["score"], 1.0);
    assert_eq!(hits[0]["target"], "Порт Тобрука был закрыт и охранялся.");
}

/// Migration 6 moves postings out of a WITHOUT ROWID table into a rowid
/// table with an index of their key columns: a memory made by version 5,
/// its postings in two chunks numbered as version 5 numbered them (by
/// the first unit of the import), still finds its units, in order.
#[test]
fn a_version_5_memory_keeps_its_postings() {
    let desk = Desk::new();
    let first = desk.write(
        "first.tsv",
        "en\tru\nTalks resumed in Tripoli.\tПереговоры в Триполи возобновились.\n\
         The convoy left Misrata at dawn.\tКолонна вышла из Мисураты на рассвете.\n",
    );
    let second = desk.write(
        "second.tsv",
        "en\tru\nThe convoy reached Sirte at dusk.\tКолонна достигла Сирта в сумерках.\n",
    );
    for file in [&first, &second] {
        let run = desk.run(&["tm", "import", file], None);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let conn = rusqlite::Connection::open(desk.db()).unwrap();
    conn.execute_batch(
        "CREATE TABLE tm_posting_v5 (
             lang  TEXT NOT NULL,
             key   TEXT NOT NULL,
             chunk INTEGER NOT NULL,
             count INTEGER NOT NULL,
             ids   BLOB NOT NULL,
             PRIMARY KEY (lang, key, chunk)
         ) WITHOUT ROWID;
         -- Version 5 numbered the rows of one import by its first unit.
         INSERT INTO tm_posting_v5
             SELECT lang, key, CASE WHEN chunk <= 2 THEN 1 ELSE chunk END, count, ids
             FROM tm_posting;
         DROP TABLE tm_posting;
         ALTER TABLE tm_posting_v5 RENAME TO tm_posting;
         PRAGMA user_version = 5;",
    )
    .unwrap();
    let chunks: String = conn
        .query_row(
            "SELECT group_concat(chunk) FROM
                 (SELECT chunk FROM tm_posting WHERE lang = 'en' AND key = 'convoy' ORDER BY chunk)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(chunks, "1,3");
    drop(conn);
    let hits = search(&desk, "The convoy left Misrata at dawn.", "en", "ru", &[]);
    assert_eq!(hits[0]["score"], 1.0);
    assert_eq!(hits[0]["target"], "Колонна вышла из Мисураты на рассвете.");
    let run = desk.run(
        &["tm", "concordance", "convoy", "--lang", "en", "--json"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout().contains("Sirte") && run.stdout().contains("Misrata"));
    let conn = rusqlite::Connection::open(desk.db()).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 6);
    let index: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'tm_posting_key'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(index, 1);
}

/// A version-4 memory, its units stored as JSON: the glossary tables are
/// those of today, the memory's are made as version 4 made them.
fn version_4_memory(desk: &Desk) {
    desk.seed_house();
    let conn = rusqlite::Connection::open(desk.db()).unwrap();
    conn.execute_batch(
        r#"DROP TABLE tm_unit;
           DROP TABLE tm_hash;
           CREATE TABLE tm_unit (
               id       INTEGER PRIMARY KEY,
               hash     BLOB NOT NULL UNIQUE,
               variants TEXT NOT NULL,
               meta     TEXT
           );
           INSERT INTO tm_unit (hash, variants, meta) VALUES
               (x'01',
                '[{"l":"en","t":"Press OK now.","s":"Press <ph x=\"1\">&lt;b&gt;</ph>OK now.","m":{"attrs":[["changeid","amina"]],"props":[["x-domain","UI"]]}},{"l":"ru","t":"Нажмите OK."}]',
                '{"attrs":[["tuid","7"]],"notes":["checked"]}'),
               (x'02', '[{"l":"en","t":"a < b & c"},{"l":"ru","t":"а < б"}]', NULL);
           INSERT INTO tm_lang (lang, variants) VALUES ('en', 2), ('ru', 2);
           PRAGMA user_version = 4;"#,
    )
    .unwrap();
}

/// Migration 5 turns JSON units into binary rows: attributes, notes,
/// properties and inline markup come out as they went in, and the units'
/// duplicate hashes are there to merge a second import of them.
#[test]
fn a_version_4_memory_is_migrated_to_binary_rows() {
    let desk = Desk::new();
    version_4_memory(&desk);
    let run = desk.run(&["tm", "export", "--format", "tmx"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tmx = run.stdout();
    for expected in [
        r#"<tu tuid="7">"#,
        "<note>checked</note>",
        r#"<tuv xml:lang="en" changeid="amina">"#,
        r#"<prop type="x-domain">UI</prop>"#,
        r#"<seg>Press <ph x="1">&lt;b&gt;</ph>OK now.</seg>"#,
        "<seg>Нажмите OK.</seg>",
        "<seg>a &lt; b &amp; c</seg>",
    ] {
        assert!(tmx.contains(expected), "{expected} in {tmx}");
    }
    let version: i64 = rusqlite::Connection::open(desk.db())
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 6);
    let file = desk.write("again.tmx", tmx.as_bytes());
    let again = desk.run(&["tm", "import", &file], None);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout().contains("0 new, 2 duplicates merged"),
        "{}",
        again.stdout()
    );
    assert_eq!(units(&desk), 2);
}

/// Language tags with a region find units stored under the language alone
/// and the reverse, in any case; of equal matches, the unit stored under
/// the very tags asked for comes first.
#[test]
fn regional_tags_find_units_of_their_language() {
    let desk = Desk::new();
    desk.write("sample.tmx", sample());
    assert_eq!(desk.run(&["tm", "import", "sample.tmx"], None).code, 0);
    let text = "Talks resumed in Tripoli on Monday.";
    let want = "Переговоры возобновились в Триполи в понедельник.";
    for (from, to) in [("en-GB", "ru-RU"), ("EN-gb", "ru"), ("en", "RU-ru")] {
        let hits = search(&desk, text, from, to, &[]);
        assert_eq!(
            hits.first().map(|h| &h["target"]),
            Some(&Value::from(want)),
            "{from} {to}"
        );
        assert_eq!(hits[0]["score"], 1.0);
    }
    let run = desk.run(
        &[
            "suggest", "--from", "en-GB", "--to", "ru-RU", text, "--json",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.array()[0]["tm"][0]["target"], want, "{}", run.stdout());

    // A regional unit beside the plain one: asked for by its tags, it wins.
    let add = |from: &str, to: &str, target: &str| {
        let run = desk.run(
            &["tm", "add", "--from", from, "--to", to, text, target],
            None,
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    };
    add(
        "en-US",
        "ru-UA",
        "Переговоры возобновились в Триполи в понедельник!",
    );
    let hits = search(&desk, text, "en-US", "ru-UA", &[]);
    assert_eq!(
        hits[0]["target"],
        "Переговоры возобновились в Триполи в понедельник!"
    );
    let hits = search(&desk, text, "en", "ru", &[]);
    assert_eq!(hits[0]["target"], want);
}

/// Two translations of one source score alike: the one changed last
/// (`changedate`, else `creationdate`) comes first, whatever the import
/// order; without dates, the one added last.
#[test]
fn the_latest_of_equal_matches_comes_first() {
    let desk = Desk::new();
    desk.write(
        "conflict.tmx",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="desk" creationtool="desk" creationtoolversion="1"/>
<body>
<tu creationdate="20240101T000000Z" changedate="20250601T000000Z"><tuv xml:lang="en"><seg>The council met on Sunday.</seg></tuv>
<tuv xml:lang="ru"><seg>Совет собрался в воскресенье.</seg></tuv></tu>
<tu creationdate="20250101T000000Z"><tuv xml:lang="en"><seg>The council met on Sunday.</seg></tuv>
<tuv xml:lang="ru"><seg>Совет заседал в воскресенье.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The port closed at noon.</seg></tuv>
<tuv xml:lang="ru"><seg>Порт закрылся в полдень.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The port closed at noon.</seg></tuv>
<tuv xml:lang="ru"><seg>Порт закрыли в полдень.</seg></tuv></tu>
</body></tmx>
"#,
    );
    assert_eq!(desk.run(&["tm", "import", "conflict.tmx"], None).code, 0);
    let hits = search(&desk, "The council met on Sunday.", "en", "ru", &[]);
    let targets: Vec<&str> = hits.iter().map(|h| h["target"].as_str().unwrap()).collect();
    assert_eq!(
        targets,
        [
            "Совет собрался в воскресенье.",
            "Совет заседал в воскресенье."
        ]
    );
    assert!(hits.iter().all(|h| h["score"] == 1.0));
    let hits = search(&desk, "The port closed at noon.", "en", "ru", &[]);
    assert_eq!(hits[0]["target"], "Порт закрыли в полдень.");
}

/// A query in NFD (`й` as `и` + U+0306) is the stored NFC segment: an
/// exact match.
#[test]
fn a_decomposed_query_is_an_exact_match() {
    let desk = Desk::new();
    let run = desk.run(
        &[
            "tm",
            "add",
            "--from",
            "ru",
            "--to",
            "en",
            "Май выдался жаркий.",
            "May was hot.",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hits = search(&desk, "Ма\u{438}\u{306} выдался жаркий.", "ru", "en", &[]);
    assert_eq!(hits[0]["target"], "May was hot.");
    assert_eq!(hits[0]["score"], 1.0, "{hits:?}");
}

/// Arabic-Indic digits are the same numbers as ASCII ones: a query with
/// `٣` finds the segment stored with `3` at 99%, not as a changed number.
#[test]
fn arabic_indic_digits_match_ascii_ones() {
    let desk = Desk::new();
    desk.write("sample.tmx", sample());
    assert_eq!(desk.run(&["tm", "import", "sample.tmx"], None).code, 0);
    let hits = search(&desk, "أغلق المطار في طرابلس لمدة ٣ أيام.", "ar", "en", &[]);
    assert_eq!(hits[0]["source"], "أغلق المطار في طرابلس لمدة 3 أيام.");
    assert_eq!(hits[0]["score"], 0.99, "{hits:?}");
}

/// Two documents joined, text after the end, and units outside `<body>`
/// are refused, and nothing is imported.
#[test]
fn content_after_the_document_and_units_outside_body_import_nothing() {
    const DOC: &str = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n\
<tu><tuv xml:lang=\"en\"><seg>Talks resumed.</seg></tuv><tuv xml:lang=\"ru\"><seg>Переговоры возобновились.</seg></tuv></tu>\n\
</body></tmx>\n";
    let joined = format!("{DOC}{}", DOC.replace("<?xml version=\"1.0\"?>\n", ""));
    let trailing = format!("{DOC}stray text\n");
    let outside = "<tmx version=\"1.4\"><header srclang=\"en\"/>\n\
<tu><tuv xml:lang=\"en\"><seg>Talks resumed.</seg></tuv></tu>\n<body></body></tmx>\n";
    for (name, contents, at, problem) in [
        (
            "joined.tmx",
            joined.as_str(),
            "joined.tmx:5:",
            "<tmx> after the end of the document",
        ),
        (
            "trailing.tmx",
            trailing.as_str(),
            "trailing.tmx:",
            "text after the end of the document",
        ),
        (
            "outside.tmx",
            outside,
            "outside.tmx:2:",
            "a <tu> outside <body>",
        ),
    ] {
        let desk = Desk::new();
        let file = desk.write(name, contents);
        let run = desk.run(&["tm", "import", &file], None);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert!(run.stderr.contains(at), "{name}: {}", run.stderr);
        assert!(run.stderr.contains(problem), "{name}: {}", run.stderr);
        assert!(
            !desk.db().exists(),
            "{name}: a refused import created the database"
        );
    }
}

/// A character XML 1.0 does not allow (a raw NUL or control character, or
/// one written as a reference) is refused with its line, as the glossary
/// refuses control characters, so that `tm export` always writes XML.
#[test]
fn characters_xml_does_not_allow_are_refused_and_nothing_is_imported() {
    let tmx = |seg: &str| {
        format!(
            "<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n\
<tu><tuv xml:lang=\"en\"><seg>Talks resumed.</seg></tuv><tuv xml:lang=\"ru\"><seg>Переговоры возобновились.</seg></tuv></tu>\n\
<tu><tuv xml:lang=\"en\"><seg>{seg}</seg></tuv><tuv xml:lang=\"ru\"><seg>Бухта.</seg></tuv></tu>\n\
</body></tmx>\n"
        )
    };
    for (name, contents, code) in [
        ("nul.tmx", tmx("Sidra\0Cove."), "U+0000"),
        ("raw.tmx", tmx("Sidra\u{1}Cove."), "U+0001"),
        ("reference.tmx", tmx("Sidra&#1;Cove."), "U+0001"),
        (
            "code.tmx",
            tmx("Sidra <ph x=\"1\">&#x1F;</ph>Cove."),
            "U+001F",
        ),
        (
            "list.tsv",
            "en\tru\nTalks.\tПереговоры.\nSidra\u{1}Cove.\tБухта.\n".to_string(),
            "U+0001",
        ),
    ] {
        let desk = Desk::new();
        desk.import_sample_memory();
        let before = desk.run(&["tm", "export"], None).stdout;
        let file = desk.write(name, contents);
        let run = desk.run(&["tm", "import", &file], None);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("{name}:3:")),
            "{name}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains(&format!("a character XML does not allow ({code})")),
            "{name}: {}",
            run.stderr
        );
        assert_eq!(desk.run(&["tm", "export"], None).stdout, before, "{name}");
    }
    let desk = Desk::new();
    let run = desk.run(
        &["tm", "add", "--from", "en", "--to", "ru", "a\u{1}b", "б"],
        None,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
}
