//! `dragoman glossary …` end to end against real SQLite files: maintenance
//! (add, edit, remove, show, list), interchange (import, export in TSV, CSV,
//! JSON and TBX), refusal of bad input (exit 2, file and line named, nothing
//! written) and `validate`.

mod common;

use common::{fixture_bytes, ids, json, shipped_house_tsv, Desk, TSV_HEADER};
use predicates::prelude::*;
use serde_json::{json as j, Value};

/// Ids of the entries in `tests/fixtures/desk.tsv`, in file order.
const DESK_IDS: [&str; 4] = [
    "nadia-farhat",
    "wadi-kaam",
    "coastal-water-board",
    "salt-flat",
];

/// Rows (without the header) of the shipped house glossary.
fn house_rows() -> Vec<Vec<String>> {
    String::from_utf8(shipped_house_tsv())
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

fn house_ids() -> Vec<String> {
    house_rows().into_iter().map(|r| r[0].clone()).collect()
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

// ---------------------------------------------------------------------------
// add / edit / remove / show
// ---------------------------------------------------------------------------

#[test]
fn add_creates_an_entry_with_every_field() {
    let desk = Desk::new();
    desk.dragoman()
        .args(["glossary", "add", "nadia-farhat", "--type", "person"])
        .args([
            "--en",
            "Nadia Farhat",
            "--ar",
            "نادية فرحات",
            "--ru",
            "Надия Фархат",
        ])
        .args([
            "--variant",
            "en=Nadya Farhat",
            "--variant",
            "en=Nadia Ferhat",
        ])
        .args(["--variant", "ru=Надя Фархат", "--house", "fr=Nadia Farhat"])
        .args(["--note", "Fictional harbour-master of the east mole."])
        .assert()
        .success()
        .stdout(predicate::str::contains("added nadia-farhat"));
    assert_eq!(
        desk.show("nadia-farhat"),
        j!({
            "id": "nadia-farhat",
            "type": "person",
            "terms": {
                "ar": {"house": "نادية فرحات"},
                "en": {"house": "Nadia Farhat", "variants": ["Nadya Farhat", "Nadia Ferhat"]},
                "fr": {"house": "Nadia Farhat"},
                "ru": {"house": "Надия Фархат", "variants": ["Надя Фархат"]}
            },
            "note": "Fictional harbour-master of the east mole."
        })
    );
    // Added after the house glossary, and found by lookup at once.
    let all = desk.ids();
    assert_eq!(all.len(), house_ids().len() + 1);
    assert_eq!(all.last().map(String::as_str), Some("nadia-farhat"));
    let hits = desk.lookup("Nadya Farhat", &[]);
    assert_eq!(hits[0]["entry"], "nadia-farhat");
    assert_eq!(hits[0]["kind"], "variant");
}

#[test]
fn add_of_an_existing_id_is_exit_2_and_changes_nothing() {
    let desk = Desk::new();
    desk.seed_house();
    let before = desk.export_tsv();
    desk.dragoman()
        .args(["glossary", "add", "tarhuna", "--en", "Tarhuna Town"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"tarhuna\" already exists"))
        .stderr(predicate::str::contains("glossary edit tarhuna"));
    assert_eq!(desk.export_tsv(), before);
}

#[test]
fn add_refuses_bad_ids_pairs_and_forms() {
    let desk = Desk::new();
    desk.seed_house();
    let before = desk.export_tsv();
    let cases: [(&[&str], &str); 4] = [
        (
            &["two words", "--en", "Two Words"],
            "invalid id \"two words\"",
        ),
        (
            &["sidra-cove", "--variant", "Sidra Cove"],
            "expected LANG=FORM",
        ),
        (&["sidra-cove", "--en", "Sidra|Cove"], "'|'"),
        (
            &["sidra-cove", "--variant", "english=Sidra"],
            "expected LANG=FORM",
        ),
    ];
    for (args, fragment) in cases {
        desk.dragoman()
            .args(["glossary", "add"])
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(fragment));
    }
    assert_eq!(desk.export_tsv(), before);
}

#[test]
fn edit_changes_only_the_given_fields() {
    let desk = Desk::new();
    let tsv = desk.fixture("desk.tsv");
    desk.import(&tsv);
    let before = desk.show("nadia-farhat");
    desk.dragoman()
        .args([
            "glossary",
            "edit",
            "nadia-farhat",
            "--note",
            "Retired in 2019.",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("updated nadia-farhat"));
    let mut expected = before.clone();
    expected["note"] = j!("Retired in 2019.");
    assert_eq!(desk.show("nadia-farhat"), expected);
    // Other entries untouched.
    let after = desk.export_tsv();
    let original = String::from_utf8(fixture_bytes("desk.tsv")).unwrap();
    for (a, b) in after.lines().zip(original.lines()) {
        if !a.starts_with("nadia-farhat\t") {
            assert_eq!(a, b);
        }
    }
}

#[test]
fn edit_adds_and_removes_variants() {
    let desk = Desk::new();
    let tsv = desk.fixture("desk.tsv");
    desk.import(&tsv);
    desk.dragoman()
        .args(["glossary", "edit", "wadi-kaam"])
        .args([
            "--variant",
            "en=Wadi Kaem",
            "--remove-variant",
            "en=Wadi Caam",
        ])
        .args(["--variant", "ru=Вади Каам"])
        .assert()
        .success();
    let entry = desk.show("wadi-kaam");
    assert_eq!(entry["terms"]["en"]["house"], "Wadi Kaam");
    assert_eq!(
        entry["terms"]["en"]["variants"],
        j!(["Wadi Qaam", "Wadi Kaem"])
    );
    assert_eq!(entry["terms"]["ru"]["variants"], j!(["Вади Каам"]));
    assert_eq!(entry["terms"]["ar"]["variants"], j!(["وادي كعم"]));
    // The removed variant is no longer a listed variant.
    let hits = desk.lookup("Wadi Caam", &[]);
    assert!(hits.iter().all(|h| h["kind"] != "variant"), "{hits:?}");
    let hits = desk.lookup("Wadi Kaem", &[]);
    assert_eq!(
        (&hits[0]["entry"], &hits[0]["kind"]),
        (&j!("wadi-kaam"), &j!("variant"))
    );
}

#[test]
fn edit_house_with_an_empty_form_clears_it() {
    let desk = Desk::new();
    let tsv = desk.fixture("desk.tsv");
    desk.import(&tsv);
    desk.dragoman()
        .args([
            "glossary",
            "edit",
            "salt-flat",
            "--house",
            "ar=",
            "--type",
            "geology",
        ])
        .assert()
        .success();
    let entry = desk.show("salt-flat");
    assert!(entry["terms"].get("ar").is_none(), "{entry}");
    assert_eq!(entry["type"], "geology");
    assert_eq!(entry["terms"]["en"]["house"], "salt flat");
}

#[test]
fn edit_that_fails_changes_nothing() {
    let desk = Desk::new();
    let tsv = desk.fixture("desk.tsv");
    desk.import(&tsv);
    let before = desk.export_tsv();
    desk.dragoman()
        .args(["glossary", "edit", "nadia-farhat", "--note", "changed"])
        .args(["--remove-variant", "en=Nadia Farhaat"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nadia-farhat has no en variant"))
        .stderr(predicate::str::contains("Nadia Farhaat"));
    assert_eq!(desk.export_tsv(), before);
}

#[test]
fn edit_of_an_unknown_id_is_exit_2() {
    let desk = Desk::new();
    desk.seed_house();
    let before = desk.export_tsv();
    desk.dragoman()
        .args(["glossary", "edit", "no-such-town", "--note", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no entry with id \"no-such-town\"",
        ));
    assert_eq!(desk.export_tsv(), before);
}

#[test]
fn edit_rename_keeps_forms_and_glossary_position() {
    let desk = Desk::new();
    desk.seed_house();
    let before_ids = desk.ids();
    let before = desk.show("tarhuna");
    let position = before_ids.iter().position(|i| i == "tarhuna").unwrap();
    desk.dragoman()
        .args(["glossary", "edit", "tarhuna", "--rename", "tarhuna-town"])
        .assert()
        .success()
        .stdout(predicate::str::contains("updated tarhuna-town"));
    let after_ids = desk.ids();
    assert_eq!(after_ids.len(), before_ids.len());
    assert_eq!(after_ids[position], "tarhuna-town");
    assert!(!after_ids.contains(&"tarhuna".to_string()));
    let mut expected = before;
    expected["id"] = j!("tarhuna-town");
    assert_eq!(desk.show("tarhuna-town"), expected);
    desk.dragoman()
        .args(["glossary", "show", "tarhuna"])
        .assert()
        .code(2);
    let hits = desk.lookup("Tarkhuna", &[]);
    assert_eq!(hits[0]["entry"], "tarhuna-town");
}

#[test]
fn edit_rename_to_a_taken_or_invalid_id_is_exit_2() {
    let desk = Desk::new();
    desk.seed_house();
    let before = desk.export_tsv();
    desk.dragoman()
        .args(["glossary", "edit", "tarhuna", "--rename", "tripoli"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"tripoli\": that id is taken"));
    desk.dragoman()
        .args(["glossary", "edit", "tarhuna", "--rename", "tarhuna town"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid id"));
    assert_eq!(desk.export_tsv(), before);
}

#[test]
fn remove_several_entries() {
    let desk = Desk::new();
    desk.seed_house();
    desk.dragoman()
        .args(["glossary", "remove", "tarhuna", "ghat", "green-book"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "removed tarhuna, ghat, green-book",
        ));
    let left = desk.ids();
    let mut expected = house_ids();
    expected.retain(|i| !["tarhuna", "ghat", "green-book"].contains(&i.as_str()));
    assert_eq!(left, expected);
    assert!(desk
        .lookup("Tarkhuna", &[])
        .iter()
        .all(|h| h["entry"] != "tarhuna"));
}

#[test]
fn remove_with_one_unknown_id_removes_nothing() {
    let desk = Desk::new();
    desk.seed_house();
    let before = desk.export_tsv();
    desk.dragoman()
        .args(["glossary", "remove", "tarhuna", "no-such-town", "ghat"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"no-such-town\""));
    assert_eq!(desk.export_tsv(), before);
    desk.dragoman()
        .args(["glossary", "remove"])
        .assert()
        .code(2);
}

#[test]
fn show_prints_the_entry_in_full() {
    let desk = Desk::new();
    let tsv = desk.fixture("desk.tsv");
    desk.import(&tsv);
    let out = stdout_of(
        &desk
            .dragoman()
            .args(["glossary", "show", "nadia-farhat"])
            .assert()
            .success(),
    );
    for expected in [
        "nadia-farhat",
        "person",
        "Nadia Farhat",
        "نادية فرحات",
        "Надия Фархат",
        "Nadya Farhat",
        "Nadia Ferhat",
        "Надя Фархат",
        "Fictional harbour-master of the east mole",
    ] {
        assert!(out.contains(expected), "{expected:?} missing from:\n{out}");
    }
    assert!(!out.contains('\x1b'));
    assert_eq!(
        desk.show("wadi-kaam"),
        j!({
            "id": "wadi-kaam",
            "type": "place",
            "terms": {
                "en": {"house": "Wadi Kaam", "variants": ["Wadi Qaam", "Wadi Caam"]},
                "ar": {"house": "وادي كعام", "variants": ["وادي كعم"]},
                "ru": {"house": "Вади-Каам"}
            },
            "note": "Dry valley on the coast road; ask the desk before using \"Caam\"."
        })
    );
    desk.dragoman()
        .args(["glossary", "show", "tarhuna"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no entry with id \"tarhuna\""));
}

// ---------------------------------------------------------------------------
// list
// ---------------------------------------------------------------------------

#[test]
fn list_shows_every_entry_with_a_count() {
    let desk = Desk::new();
    let out = stdout_of(
        &desk
            .dragoman()
            .args(["glossary", "list"])
            .assert()
            .success(),
    );
    let count = house_ids().len();
    assert!(
        out.trim_end().ends_with(&format!("{count} entries")),
        "{out}"
    );
    assert_eq!(out.lines().count(), count + 1);
    assert!(out.contains("khalifa-haftar"));
    assert!(out.contains("خليفة حفتر"));
    assert_eq!(desk.ids(), house_ids());
}

#[test]
fn list_filters_by_type() {
    let desk = Desk::new();
    let expected: Vec<String> = house_rows()
        .into_iter()
        .filter(|r| r[1] == "event")
        .map(|r| r[0].clone())
        .collect();
    assert!(!expected.is_empty());
    let out = stdout_of(
        &desk
            .dragoman()
            .args(["glossary", "list", "--type", "event", "--json"])
            .assert()
            .success(),
    );
    assert_eq!(ids(&json(out.as_bytes())), expected);
    // Type is compared without regard to case.
    let out = stdout_of(
        &desk
            .dragoman()
            .args(["glossary", "list", "--type", "EVENT", "--json"])
            .assert()
            .success(),
    );
    assert_eq!(ids(&json(out.as_bytes())), expected);
    let out = stdout_of(
        &desk
            .dragoman()
            .args(["glossary", "list", "--type", "no-such-type"])
            .assert()
            .success(),
    );
    assert!(out.contains("0 entries"), "{out}");
}

#[test]
fn list_filters_by_language() {
    let desk = Desk::new();
    for f in ["desk.tsv", "french.tsv", "status.tbx"] {
        let name = desk.fixture(f);
        desk.import(&name);
    }
    let list = |lang: &str| {
        let out = stdout_of(
            &desk
                .dragoman()
                .args(["glossary", "list", "--lang", lang, "--json"])
                .assert()
                .success(),
        );
        ids(&json(out.as_bytes()))
    };
    assert_eq!(list("fr"), ["kaam-bridge"]);
    // night-ferry (status.tbx) has no Arabic form; kaam-bridge neither.
    assert_eq!(
        list("ar"),
        [
            "nadia-farhat",
            "wadi-kaam",
            "coastal-water-board",
            "salt-flat",
            "qasr-lighthouse"
        ]
    );
    assert_eq!(list("en").len(), 7);
    assert!(list("de").is_empty());
}

#[test]
fn list_contains_compares_folded_forms() {
    let desk = Desk::new();
    let contains = |text: &str| {
        let out = stdout_of(
            &desk
                .dragoman()
                .args(["glossary", "list", "--contains", text, "--json"])
                .assert()
                .success(),
        );
        ids(&json(out.as_bytes()))
    };
    // Case and accents.
    assert_eq!(contains("tarhouna"), ["tarhuna"]);
    assert_eq!(contains("TARHOUNA"), ["tarhuna"]);
    assert_eq!(contains("Tarhúna"), ["tarhuna"]);
    // Arabic without hamza finds the form with hamza (أجدابيا).
    assert_eq!(contains("اجدابيا"), ["ajdabiya"]);
    // Teh marbuta written as heh (ترهونة).
    assert_eq!(contains("ترهونه"), ["tarhuna"]);
    // Cyrillic, any case; a substring of several forms.
    assert_eq!(contains("ХАФТАР"), ["khalifa-haftar", "saddam-haftar"]);
    assert!(contains("Qwxzvprt").is_empty());
}

#[test]
fn list_filters_combine() {
    let desk = Desk::new();
    let out = stdout_of(
        &desk
            .dragoman()
            .args(["glossary", "list", "--type", "term", "--lang", "en"])
            .args(["--contains", "tu", "--json"])
            .assert()
            .success(),
    );
    assert_eq!(ids(&json(out.as_bytes())), ["tebu", "tuareg"]);
}

#[test]
fn list_json_is_the_json_interchange_format() {
    let desk = Desk::new();
    let tsv = desk.fixture("desk.tsv");
    desk.import(&tsv);
    let listed = stdout_of(
        &desk
            .dragoman()
            .args(["glossary", "list", "--json"])
            .assert()
            .success(),
    );
    let value = json(listed.as_bytes());
    for entry in value.as_array().unwrap() {
        let keys: Vec<&str> = entry
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for key in &keys {
            assert!(["id", "type", "terms", "note"].contains(key), "{entry}");
        }
    }
    assert_eq!(listed.as_bytes(), desk.export("json").as_slice());
    // And it imports back.
    let other = Desk::new();
    let name = other.write("listed.json", &listed);
    other.import(&name);
    assert_eq!(other.export_tsv().as_bytes(), fixture_bytes("desk.tsv"));
}

// ---------------------------------------------------------------------------
// import / export
// ---------------------------------------------------------------------------

#[test]
fn a_fresh_database_exports_the_shipped_house_glossary() {
    let desk = Desk::new();
    assert_eq!(desk.export("tsv"), shipped_house_tsv());
}

#[test]
fn first_command_import_holds_exactly_what_was_imported() {
    let desk = Desk::new();
    let tsv = desk.fixture("desk.tsv");
    let out = stdout_of(
        &desk
            .dragoman()
            .args(["glossary", "import", &tsv])
            .assert()
            .success(),
    );
    assert!(out.contains("imported 4 entries"), "{out}");
    assert!(out.contains("(4 new, 0 updated)"), "{out}");
    assert_eq!(desk.ids(), DESK_IDS);
    assert_eq!(desk.export("tsv"), fixture_bytes("desk.tsv"));
    assert!(desk.lookup("Tarkhuna", &[]).is_empty());
}

#[test]
fn import_into_a_seeded_database_upserts_by_id() {
    let desk = Desk::new();
    desk.seed_house();
    let tsv = desk.fixture("desk.tsv");
    desk.dragoman()
        .args(["glossary", "import", &tsv])
        .assert()
        .success()
        .stdout(predicate::str::contains("(4 new, 0 updated)"));
    let mut expected = house_ids();
    expected.extend(DESK_IDS.iter().map(|s| s.to_string()));
    assert_eq!(desk.ids(), expected);

    // Re-importing an existing id replaces that entry in place.
    let update = desk.write(
        "update.tsv",
        "id\ttype\ten\tru\tru_variants\tnote\n\
         wadi-kaam\tplace\tWadi Kaam\tВади-Каам\tВади Каам\tRenamed on the 2024 maps.\n\
         tarhuna\tplace\tTarhuna\tТархуна\t\tHouse entry replaced.\n",
    );
    desk.dragoman()
        .args(["glossary", "import", &update])
        .assert()
        .success()
        .stdout(predicate::str::contains("(0 new, 2 updated)"));
    assert_eq!(desk.ids(), expected, "updates keep glossary order");
    assert_eq!(
        desk.show("wadi-kaam"),
        j!({
            "id": "wadi-kaam",
            "type": "place",
            "terms": {
                "en": {"house": "Wadi Kaam"},
                "ru": {"house": "Вади-Каам", "variants": ["Вади Каам"]}
            },
            "note": "Renamed on the 2024 maps."
        })
    );
    assert_eq!(desk.show("tarhuna")["note"], "House entry replaced.");
    assert_eq!(
        desk.show("nadia-farhat")["terms"]["ar"]["house"],
        "نادية فرحات"
    );
}

#[test]
fn tsv_round_trip_is_byte_identical() {
    let desk = Desk::new();
    desk.seed_house();
    for f in ["desk.tsv", "french.tsv", "status.tbx"] {
        let name = desk.fixture(f);
        desk.import(&name);
    }
    let exported = desk.export("tsv");
    assert!(String::from_utf8_lossy(&exported).starts_with(
        "id\ttype\ten\tar\tru\tfr\ten_variants\tar_variants\tru_variants\tfr_variants\t\
         en_admitted\tar_admitted\tru_admitted\ten_forbidden\tcase\tnote\n"
    ));

    let fresh = Desk::new();
    let name = fresh.write("all.tsv", &exported);
    fresh
        .dragoman_empty()
        .args(["glossary", "import", &name])
        .assert()
        .success();
    assert_eq!(fresh.export("tsv"), exported);
}

/// Export in `format` from a glossary with every feature (house glossary,
/// extra language, notes with quotes, commas and `&`), import into a fresh
/// database: the same entries, forms and notes come back, in the same order.
fn round_trip(format: &str) {
    let desk = Desk::new();
    desk.seed_house();
    for f in ["desk.tsv", "french.tsv", "status.tbx"] {
        let name = desk.fixture(f);
        desk.import(&name);
    }
    let tsv = desk.export("tsv");
    let file = format!("all.{format}");
    desk.dragoman()
        .args(["glossary", "export", "-o", &file])
        .assert()
        .success()
        .stderr(predicate::str::contains("exported"));
    let exported = desk.read(&file);
    assert_eq!(exported, desk.export(format), "-o {file} picks {format}");

    let fresh = Desk::new();
    let name = fresh.write(&file, &exported);
    fresh
        .dragoman_empty()
        .args(["glossary", "import", &name])
        .assert()
        .success();
    assert_eq!(
        String::from_utf8(fresh.export("tsv")).unwrap(),
        String::from_utf8(tsv).unwrap(),
        "{format} round trip lost something"
    );
    assert_eq!(fresh.export(format), exported);
    assert_eq!(
        fresh.show("qasr-lighthouse")["note"],
        "Fictional lighthouse & museum on the east mole."
    );
}

#[test]
fn csv_round_trip_preserves_everything() {
    round_trip("csv");
}

#[test]
fn json_round_trip_preserves_everything() {
    round_trip("json");
}

#[test]
fn tbx_round_trip_preserves_everything() {
    round_trip("tbx");
}

#[test]
fn export_formats_have_their_shape() {
    let desk = Desk::new();
    let tsv = desk.fixture("desk.tsv");
    desk.import(&tsv);
    let csv = String::from_utf8(desk.export("csv")).unwrap();
    assert!(csv.starts_with("id,type,en,ar,ru,en_variants,ar_variants,ru_variants,note\n"));
    assert!(csv.contains(
        "\"Fictional utility from the desk's exercises, founded 1998, dissolved 2009.\""
    ));
    assert!(
        csv.contains("\"Dry valley on the coast road; ask the desk before using \"\"Caam\"\".\"")
    );
    let tbx = String::from_utf8(desk.export("tbx")).unwrap();
    assert!(tbx.starts_with("<?xml"));
    assert!(tbx.contains("<martif"));
    assert!(tbx.contains("<termEntry id=\"nadia-farhat\">"));
    assert!(tbx.contains("preferredTerm-admn-sts"));
    assert!(tbx.contains("deprecatedTerm-admn-sts"));
    let value = json(&desk.export("json"));
    assert_eq!(ids(&value), DESK_IDS);
    assert_eq!(
        value[3],
        j!({
            "id": "salt-flat",
            "type": "term",
            "terms": {
                "en": {"house": "salt flat", "variants": ["sabkha", "sebkha"]},
                "ar": {"house": "سبخة"},
                "ru": {"house": "солончак", "variants": ["соляная равнина"]}
            },
            "note": "Geology: a flat, crusted salt pan."
        })
    );
    // The default export is TSV with the contract header.
    let default = stdout_of(
        &desk
            .dragoman()
            .args(["glossary", "export"])
            .assert()
            .success(),
    );
    assert!(default.starts_with(&format!("{TSV_HEADER}\n")));
}

#[test]
fn export_format_overrides_the_output_extension() {
    let desk = Desk::new();
    let tsv = desk.fixture("desk.tsv");
    desk.import(&tsv);
    desk.dragoman()
        .args(["glossary", "export", "--format", "json", "-o", "odd.tsv"])
        .assert()
        .success();
    assert_eq!(ids(&json(&desk.read("odd.tsv"))), DESK_IDS);
}

#[test]
fn csv_with_columns_in_any_order_imports_like_the_tsv() {
    let desk = Desk::new();
    let csv = desk.fixture("desk-shuffled.csv");
    desk.import(&csv);
    assert_eq!(desk.export("tsv"), fixture_bytes("desk.tsv"));
}

#[test]
fn json_fixture_imports_like_the_tsv() {
    let desk = Desk::new();
    let file = desk.fixture("desk.json");
    desk.import(&file);
    assert_eq!(desk.export("tsv"), fixture_bytes("desk.tsv"));
}

#[test]
fn dash_reads_stdin_for_a_dry_run() {
    let desk = Desk::new();
    desk.dragoman()
        .args(["glossary", "import", "--dry-run", "-", "--format", "json"])
        .write_stdin(fixture_bytes("desk.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("-: 4 entries read"));
}

#[test]

fn dash_reads_stdin() {
    let desk = Desk::new();
    desk.dragoman()
        .args(["glossary", "import", "-"])
        .write_stdin(fixture_bytes("desk.tsv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("imported 4 entries from -"));
    assert_eq!(desk.export("tsv"), fixture_bytes("desk.tsv"));

    let other = Desk::new();
    other
        .dragoman()
        .args(["glossary", "import", "-", "--format", "json"])
        .write_stdin(fixture_bytes("desk.json"))
        .assert()
        .success();
    assert_eq!(other.export("tsv"), fixture_bytes("desk.tsv"));
}

#[test]
fn format_flag_overrides_the_extension() {
    let desk = Desk::new();
    // .txt means TSV by default: a CSV file with that name is refused...
    let txt = desk.fixture_as("desk-shuffled.csv", "desk.txt");
    desk.dragoman()
        .args(["glossary", "import", &txt])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("desk.txt:1:"))
        .stderr(predicate::str::contains("unknown column"));
    assert!(
        !desk.db().exists(),
        "a refused file must not create the database"
    );
    // ...and read as CSV with --format csv.
    desk.dragoman()
        .args(["glossary", "import", &txt, "--format", "csv"])
        .assert()
        .success();
    assert_eq!(desk.export("tsv"), fixture_bytes("desk.tsv"));
}

#[test]
fn unknown_extension_without_format_is_exit_2() {
    let desk = Desk::new();
    let dat = desk.fixture_as("desk.json", "desk.dat");
    desk.dragoman()
        .args(["glossary", "import", &dat])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot tell the format of desk.dat",
        ))
        .stderr(predicate::str::contains("--format"));
    assert!(!desk.db().exists());
    desk.dragoman()
        .args(["glossary", "import", &dat, "--format", "json"])
        .assert()
        .success();
    assert_eq!(desk.ids(), DESK_IDS);
    desk.dragoman()
        .args(["glossary", "import", &dat, "--format", "xlsx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("xlsx"));
}

#[test]
fn csv2tbx_output_imports_with_generated_ids() {
    // tests/fixtures/csv2tbx.tbx is translate-toolkit 2.5.1's csv2tbx output
    // for csv2tbx-input.csv: no ids, no status, target language "xx".
    let desk = Desk::new();
    let tbx = desk.fixture("csv2tbx.tbx");
    desk.dragoman()
        .args(["glossary", "import", &tbx])
        .assert()
        .success()
        .stdout(predicate::str::contains("imported 3 entries"));
    assert_eq!(
        desk.ids(),
        [
            "wadi-kaam",
            "east-harbour-lighthouse",
            "coastal-water-board"
        ]
    );
    assert_eq!(
        desk.show("east-harbour-lighthouse"),
        j!({
            "id": "east-harbour-lighthouse",
            "terms": {
                "en": {"house": "East Harbour Lighthouse"},
                "xx": {"house": "منارة الميناء الشرقي"}
            }
        })
    );
    let hits = desk.lookup("Coastal Water Board", &[]);
    assert_eq!(hits[0]["entry"], "coastal-water-board");
    assert_eq!(hits[0]["kind"], "canonical");
}

#[test]

fn csv2tbx_3_output_with_text_ids_imports() {
    // tests/fixtures/csv2tbx-3.20.tbx is translate-toolkit 3.20.4's csv2tbx
    // output for csv2tbx-input-3.20.csv.
    let desk = Desk::new();
    let tbx = desk.fixture("csv2tbx-3.20.tbx");
    desk.dragoman()
        .args(["glossary", "import", &tbx])
        .assert()
        .success();
    let value = json(&desk.export("json"));
    let entries = value.as_array().unwrap();
    assert_eq!(entries.len(), 3);
    let houses: Vec<&str> = entries
        .iter()
        .map(|e| e["terms"]["en"]["house"].as_str().unwrap())
        .collect();
    assert_eq!(
        houses,
        [
            "Wadi Kaam",
            "East Harbour Lighthouse",
            "Coastal Water Board"
        ]
    );
    for e in entries {
        let id = e["id"].as_str().unwrap();
        assert!(
            !id.is_empty() && !id.contains(char::is_whitespace),
            "{id:?}"
        );
    }
    assert_eq!(entries[0]["terms"]["xx"]["house"], "Вади-Каам");
}

#[test]
fn id_less_tbx_never_clobbers_an_existing_entry() {
    let desk = Desk::new();
    let tsv = desk.fixture("desk.tsv");
    desk.import(&tsv);
    let before = desk.show("wadi-kaam");
    let tbx = desk.fixture("csv2tbx.tbx");
    desk.import(&tbx);
    // Same concept (its English house form agrees): merged, nothing lost,
    // the new language added.
    let after = desk.show("wadi-kaam");
    assert_eq!(after["type"], before["type"]);
    assert_eq!(after["note"], before["note"]);
    for lang in ["en", "ar", "ru"] {
        assert_eq!(after["terms"][lang], before["terms"][lang], "{lang}");
    }
    assert_eq!(after["terms"]["xx"]["house"], "وادي كعام");
    // Importing again changes nothing.
    desk.import(&tbx);
    assert_eq!(desk.show("wadi-kaam"), after);
    // The imported terms are still there, under some entry.
    let value = json(&desk.export("json"));
    assert!(value
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["terms"]["xx"]["house"] == "وادي كعام"));
}

#[test]
fn tbx_administrative_status_maps_to_house_variant_admitted_and_forbidden() {
    let desk = Desk::new();
    let tbx = desk.fixture("status.tbx");
    desk.import(&tbx);
    assert_eq!(desk.ids(), ["qasr-lighthouse", "night-ferry"]);
    assert_eq!(
        desk.show("qasr-lighthouse"),
        j!({
            "id": "qasr-lighthouse",
            "type": "place",
            "terms": {
                "en": {
                    "house": "Qasr Lighthouse",
                    "variants": ["Kasr Lighthouse"],
                    "admitted": ["Qasr Light"],
                    "forbidden": ["Gasr Lighthouse"]
                },
                "ar": {"house": "منارة القصر", "admitted": ["فنار القصر"]},
                "ru": {"house": "маяк Каср", "variants": ["маяк Гаср"]}
            },
            "note": "Fictional lighthouse & museum on the east mole."
        })
    );
    assert_eq!(
        desk.show("night-ferry")["terms"],
        j!({
            "en": {"house": "night ferry", "variants": ["overnight boat"]},
            "ru": {"house": "ночной паром"}
        })
    );
    let hits = desk.lookup("Kasr Lighthouse", &[]);
    assert_eq!(
        (&hits[0]["entry"], &hits[0]["kind"]),
        (&j!("qasr-lighthouse"), &j!("variant"))
    );
}

#[test]
fn an_extra_language_column_pair_adds_a_language() {
    let desk = Desk::new();
    let tsv = desk.fixture("french.tsv");
    desk.import(&tsv);
    assert_eq!(
        desk.show("kaam-bridge"),
        j!({
            "id": "kaam-bridge",
            "type": "place",
            "terms": {
                "en": {"house": "Kaam Bridge"},
                "fr": {"house": "pont de Kaam", "variants": ["pont du Kaam", "pont Kaam"]}
            },
            "note": "Fictional bridge over Wadi Kaam."
        })
    );
    let exported = desk.export_tsv();
    assert!(exported.starts_with(
        "id\ttype\ten\tar\tru\tfr\ten_variants\tar_variants\tru_variants\tfr_variants\tnote\n"
    ));
}

#[test]
fn import_of_a_conflicting_glossary_warns_but_succeeds() {
    let desk = Desk::new();
    let tsv = desk.fixture("conflicts.tsv");
    desk.dragoman()
        .args(["glossary", "import", &tsv])
        .assert()
        .success()
        .stderr(predicate::str::contains("conflict"))
        .stderr(predicate::str::contains("glossary validate"));
    assert_eq!(desk.ids().len(), 7);
}

#[test]
fn dry_run_reads_and_checks_but_writes_nothing() {
    let desk = Desk::new();
    desk.seed_house();
    let before = desk.export_tsv();
    let tsv = desk.fixture("desk.tsv");
    desk.dragoman()
        .args(["glossary", "import", "--dry-run", &tsv])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "4 entries read (4 new, 0 would be updated)",
        ))
        .stdout(predicate::str::contains("nothing written"));
    assert_eq!(desk.export_tsv(), before);
    let bad = desk.write("bad.tsv", "id\ten\nsidra-cove\tSidra Cove\n\tRed\n");
    desk.dragoman()
        .args(["glossary", "import", "--dry-run", &bad])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.tsv:3: empty id"));
}

#[test]

fn dry_run_on_a_new_database_creates_nothing() {
    let desk = Desk::new();
    let tsv = desk.fixture("desk.tsv");
    desk.dragoman()
        .args(["glossary", "import", "--dry-run", &tsv])
        .assert()
        .success();
    assert!(
        !desk.db().exists(),
        "--dry-run created {}",
        desk.db().display()
    );
    let hits = desk.lookup("Tarkhuna", &[]);
    assert_eq!(hits.first().map(|h| &h["entry"]), Some(&j!("tarhuna")));
}

// ---------------------------------------------------------------------------
// Bad input: exit 2, file and line named, nothing written
// ---------------------------------------------------------------------------

/// Imports `contents` as `name` into a database holding the house glossary
/// and the desk fixture; asserts exit 2, every fragment in stderr, nothing on
/// stdout, and the database unchanged. Returns stderr.
fn assert_import_refused(name: &str, contents: impl AsRef<[u8]>, fragments: &[&str]) -> String {
    let contents = contents.as_ref();
    let desk = Desk::new();
    desk.seed_house();
    let tsv = desk.fixture("desk.tsv");
    desk.import(&tsv);
    let before = desk.export_tsv();
    let file = desk.write(name, contents);
    let assert = desk
        .dragoman()
        .args(["glossary", "import", &file])
        .assert()
        .code(2)
        .stdout("");
    let stderr = stderr_of(&assert);
    for fragment in fragments {
        assert!(
            stderr.contains(fragment),
            "{fragment:?} missing from stderr: {stderr}"
        );
    }
    assert_eq!(desk.export_tsv(), before, "{name} changed the database");

    // Refused before a new database is even created.
    let fresh = Desk::new();
    let file = fresh.write(name, contents);
    fresh
        .dragoman()
        .args(["glossary", "import", &file])
        .assert()
        .code(2);
    assert!(!fresh.db().exists(), "{name} created a database");
    stderr
}

#[test]
fn bad_unknown_column_is_named() {
    assert_import_refused(
        "bad.tsv",
        b"id\ten\tcolour\nsidra-cove\tSidra Cove\tblue\n",
        &["bad.tsv:1:", "unknown column \"colour\""],
    );
}

#[test]
fn bad_missing_id_column() {
    assert_import_refused(
        "bad.tsv",
        "en\tar\nSidra Cove\tخليج سدرة\n",
        &["bad.tsv:1:", "no \"id\" column"],
    );
}

#[test]
fn bad_duplicate_column() {
    assert_import_refused(
        "bad.tsv",
        "id\ten\tru\ten\nsidra-cove\tSidra Cove\tбухта Сидра\tSidra Bay\n",
        &["bad.tsv:1:", "column \"en\" appears twice"],
    );
}

#[test]
fn bad_variants_column_without_its_language() {
    assert_import_refused(
        "bad.tsv",
        b"id\ten\tfr_variants\nsidra-cove\tSidra Cove\tanse Sidra\n",
        &["bad.tsv:1:", "\"fr_variants\"", "\"fr\""],
    );
}

#[test]
fn bad_field_count() {
    assert_import_refused(
        "bad.tsv",
        "id\ten\tnote\nsidra-cove\tSidra Cove\tA cove.\nbay-of-reeds\tBay of Reeds\n".as_bytes(),
        &["bad.tsv:3:", "2 fields", "3 columns"],
    );
}

#[test]
fn bad_duplicate_id_names_the_first_line() {
    assert_import_refused(
        "bad.tsv",
        "id\ten\nsidra-cove\tSidra Cove\nbay-of-reeds\tBay of Reeds\nsidra-cove\tSidra Bay\n"
            .as_bytes(),
        &[
            "bad.tsv:4:",
            "duplicate id \"sidra-cove\"",
            "first on line 2",
        ],
    );
}

#[test]
fn bad_empty_id() {
    assert_import_refused(
        "bad.tsv",
        "id\ten\nsidra-cove\tSidra Cove\n\tBay of Reeds\n".as_bytes(),
        &["bad.tsv:3:", "empty id"],
    );
}

#[test]
fn bad_id_with_spaces() {
    assert_import_refused(
        "bad.csv",
        "id,en\nsidra-cove,Sidra Cove\nbay of reeds,Bay of Reeds\n".as_bytes(),
        &["bad.csv:3:", "invalid id \"bay of reeds\""],
    );
}

#[test]
fn bad_invalid_utf8_names_the_line() {
    let mut contents = "id\ten\nsidra-cove\tSidra Cove\nbay-of-reeds\tBay of R"
        .as_bytes()
        .to_vec();
    contents.extend_from_slice(b"\xe9eds\n");
    assert_import_refused("bad.tsv", &contents, &["bad.tsv:3:", "invalid UTF-8"]);
}

#[test]
fn bad_house_form_with_a_pipe() {
    assert_import_refused(
        "bad.tsv",
        "id\ten\ten_variants\nsidra-cove\tSidra Cove|Sidra Bay\t\n".as_bytes(),
        &[
            "bad.tsv:2:",
            "\"Sidra Cove|Sidra Bay\"",
            "'|'",
            "en_variants",
        ],
    );
}

#[test]
fn bad_empty_file() {
    assert_import_refused("bad.tsv", b"", &["bad.tsv", "empty file"]);
}

#[test]
fn bad_translate_toolkit_csv_is_not_a_glossary() {
    let contents = fixture_bytes("csv2tbx-input.csv");
    assert_import_refused(
        "csv2tbx-input.csv",
        &contents,
        &["csv2tbx-input.csv:1:", "unknown column \"source\""],
    );
}

const TBX_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<martif type=\"TBX\" xml:lang=\"en\">\n\
  <text>\n\
    <body>\n";
const TBX_TAIL: &str = "    </body>\n  </text>\n</martif>\n";

#[test]
fn bad_broken_xml_names_the_line() {
    // Line 10 closes termEntry while langSet is still open.
    let contents = format!(
        "{TBX_HEAD}      <termEntry id=\"sidra-cove\">\n\
        <langSet xml:lang=\"en\"><tig><term>Sidra Cove</term></tig></langSet>\n\
      </termEntry>\n\
      <termEntry id=\"bay-of-reeds\">\n\
        <langSet xml:lang=\"en\"><tig><term>Bay of Reeds</term></tig>\n\
      </termEntry>\n{TBX_TAIL}"
    );
    assert_import_refused(
        "bad.tbx",
        contents.as_bytes(),
        &["bad.tbx:10:", "malformed XML", "langSet"],
    );
}

#[test]
fn bad_undefined_entity_in_tbx() {
    let contents = format!(
        "{TBX_HEAD}      <termEntry id=\"sidra-cove\">\n\
        <langSet xml:lang=\"en\"><tig><term>Sidra &foo; Cove</term></tig></langSet>\n\
      </termEntry>\n{TBX_TAIL}"
    );
    assert_import_refused("bad.tbx", contents.as_bytes(), &["bad.tbx:6:", "foo"]);
}

#[test]
fn bad_tbx_entity_defined_in_the_doctype_is_not_expanded() {
    // An internal DTD subset is never used to expand entities: an entity
    // declaration is refused where it stands.
    let contents = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<!DOCTYPE martif [ <!ENTITY foo \"Cove\"> ]>\n\
<martif type=\"TBX\" xml:lang=\"en\">\n\
  <text>\n\
    <body>\n\
      <termEntry id=\"sidra-cove\">\n\
        <langSet xml:lang=\"en\"><tig><term>Sidra &foo;</term></tig></langSet>\n\
      </termEntry>\n\
    </body>\n  </text>\n</martif>\n";
    assert_import_refused(
        "bad.tbx",
        contents.as_bytes(),
        &["bad.tbx:2:", "entity declarations are refused"],
    );
}

#[test]
fn bad_tbx_langset_without_language() {
    let contents = format!(
        "{TBX_HEAD}      <termEntry id=\"sidra-cove\">\n\
        <langSet><tig><term>Sidra Cove</term></tig></langSet>\n\
      </termEntry>\n{TBX_TAIL}"
    );
    assert_import_refused(
        "bad.tbx",
        contents.as_bytes(),
        &["bad.tbx:6:", "without xml:lang"],
    );
}

#[test]
fn bad_tbx_that_is_not_tbx() {
    assert_import_refused(
        "bad.tbx",
        b"<?xml version=\"1.0\"?>\n<html><body>Sidra Cove</body></html>\n",
        &["bad.tbx:2:", "not a TBX document"],
    );
}

#[test]
fn bad_json_syntax_names_the_line() {
    assert_import_refused(
        "bad.json",
        b"[\n  {\"id\": \"sidra-cove\",\n   \"terms\": {\"en\": {\"house\": \"Sidra Cove\"}}\n  },\n  {\"id\": \"bay-of-reeds\" \"note\": \"x\"}\n]\n",
        &["bad.json:5:"],
    );
}

#[test]
fn bad_json_unknown_field() {
    assert_import_refused(
        "bad.json",
        b"[\n  {\"id\": \"sidra-cove\",\n   \"colour\": \"blue\"}\n]\n",
        &["bad.json:3:", "unknown field `colour`"],
    );
}

#[test]
fn bad_json_house_form_with_a_pipe() {
    assert_import_refused(
        "bad.json",
        "[{\"id\": \"sidra-cove\", \"terms\": {\"en\": {\"house\": \"Sidra|Cove\"}}}]\n".as_bytes(),
        &["bad.json", "'|'"],
    );
}

#[test]
fn bad_input_on_stdin_is_named_dash() {
    let desk = Desk::new();
    desk.dragoman()
        .args(["glossary", "import", "-"])
        .write_stdin("id\ten\nsidra-cove\tSidra Cove\n\tBay of Reeds\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-:3: empty id"));
    assert!(!desk.db().exists());
}

#[test]
fn missing_file_is_exit_2_and_named() {
    let desk = Desk::new();
    desk.seed_house();
    let before = desk.export_tsv();
    desk.dragoman()
        .args(["glossary", "import", "missing.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.tsv"));
    assert_eq!(desk.export_tsv(), before);
}

#[test]
fn db_that_is_not_sqlite_is_a_clear_usage_error() {
    let desk = Desk::new();
    let text = "Shopping list: bread, olives, mint tea.\n".repeat(40);
    let notes = desk.write("notes.db", &text);
    for args in [
        &["glossary", "list"][..],
        &["lookup", "Tarkhuna", "--json"][..],
        &["glossary", "import", "desk.tsv"][..],
    ] {
        desk.fixture("desk.tsv");
        desk.bare()
            .arg("--db")
            .arg(&notes)
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("notes.db"))
            .stderr(predicate::str::contains("not a dragoman database"));
    }
    assert_eq!(desk.read(&notes), text.as_bytes(), "the file was modified");
}

// ---------------------------------------------------------------------------
// validate
// ---------------------------------------------------------------------------

#[test]
fn the_house_glossary_has_no_conflicts() {
    let desk = Desk::new();
    desk.dragoman()
        .args(["glossary", "validate"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!(
            "{} entries, no conflicts",
            house_ids().len()
        )));
    desk.dragoman()
        .args(["glossary", "validate", "--json"])
        .assert()
        .code(0)
        .stdout("[]\n");
}

/// The conflicts `validate --json` reports, as (kind, entries).
fn conflicts(value: &Value) -> Vec<(String, Vec<String>)> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(keys.len(), 3, "{c}");
            for key in ["kind", "entries", "message"] {
                assert!(keys.contains(&key), "{c}");
            }
            assert!(!c["message"].as_str().unwrap().is_empty());
            (
                c["kind"].as_str().unwrap().to_string(),
                c["entries"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

fn expected_conflicts() -> Vec<(String, Vec<String>)> {
    let c = |kind: &str, entries: &[&str]| {
        (
            kind.to_string(),
            entries.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
        )
    };
    vec![
        c("no-house-form", &["sabkha-flats"]),
        c(
            "variant-in-two-entries",
            &["east-mole", "harbour-breakwater"],
        ),
        c("variant-is-house-form", &["old-town", "medina-quarter"]),
        c("same-key", &["ajdabiya"]),
        c("same-key", &["umm-al-aranib"]),
    ]
}

#[test]
fn validate_reports_each_conflict_in_a_file() {
    let desk = Desk::new();
    let file = desk.fixture("conflicts.tsv");
    let out = stdout_of(
        &desk
            .dragoman()
            .args(["glossary", "validate", &file, "--json"])
            .assert()
            .code(1),
    );
    let value = json(out.as_bytes());
    assert_eq!(conflicts(&value), expected_conflicts());
    let messages: Vec<&str> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["message"].as_str().unwrap())
        .collect();
    assert!(messages[1].contains("\"Harbour Wall\""), "{messages:?}");
    assert!(messages[2].contains("\"Old Town\""), "{messages:?}");
    assert!(messages[3].contains("\"Ajdabiya\"") && messages[3].contains("\"AJDABIYA\""));
    assert!(messages[4].contains("أم الأرانب") && messages[4].contains("ام الارانب"));

    let human = stdout_of(
        &desk
            .dragoman()
            .args(["glossary", "validate", &file])
            .assert()
            .code(1),
    );
    for fragment in [
        "conflicts.tsv: no-house-form",
        "conflicts.tsv: variant-in-two-entries",
        "conflicts.tsv: variant-is-house-form",
        "conflicts.tsv: same-key",
        "5 conflict(s) in 7 entries",
    ] {
        assert!(
            human.contains(fragment),
            "{fragment:?} missing from:\n{human}"
        );
    }
}

#[test]
fn validate_reports_conflicts_in_the_database() {
    let desk = Desk::new();
    let file = desk.fixture("conflicts.tsv");
    desk.import(&file);
    let out = stdout_of(
        &desk
            .dragoman()
            .args(["glossary", "validate", "--json"])
            .assert()
            .code(1),
    );
    assert_eq!(conflicts(&json(out.as_bytes())), expected_conflicts());

    // A conflict made with `add` in a clean glossary.
    let clean = Desk::new();
    clean
        .dragoman()
        .args([
            "glossary",
            "add",
            "tarhuna-district",
            "--en",
            "Tarhuna District",
        ])
        .args(["--variant", "en=Tarkhuna"])
        .assert()
        .success();
    let out = stdout_of(
        &clean
            .dragoman()
            .args(["glossary", "validate", "--json"])
            .assert()
            .code(1),
    );
    assert_eq!(
        conflicts(&json(out.as_bytes())),
        [(
            "variant-in-two-entries".to_string(),
            vec!["tarhuna".to_string(), "tarhuna-district".to_string()]
        )]
    );
}

#[test]
fn validate_a_clean_file() {
    let desk = Desk::new();
    for (file, count) in [
        ("desk.tsv", 4),
        ("status.tbx", 2),
        ("desk.json", 4),
        ("csv2tbx.tbx", 3),
    ] {
        let name = desk.fixture(file);
        desk.dragoman()
            .args(["glossary", "validate", &name])
            .assert()
            .code(0)
            .stdout(predicate::str::contains(format!(
                "{file}: {count} entries, no conflicts"
            )));
    }
}

#[test]
fn validate_a_file_leaves_the_database_alone() {
    let desk = Desk::new();
    desk.seed_house();
    let before = desk.export_tsv();
    let file = desk.fixture("conflicts.tsv");
    desk.dragoman()
        .args(["glossary", "validate", &file])
        .assert()
        .code(1);
    assert_eq!(desk.export_tsv(), before);
    // A bad file is an input error, not findings.
    let bad = desk.write("bad.tsv", "id\tcolour\nsidra-cove\tblue\n");
    desk.dragoman()
        .args(["glossary", "validate", &bad])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.tsv:1: unknown column \"colour\"",
        ));
    assert_eq!(desk.export_tsv(), before);
}

#[test]

fn validate_a_file_does_not_touch_the_database() {
    let desk = Desk::new();
    let file = desk.fixture("conflicts.tsv");
    desk.dragoman()
        .args(["glossary", "validate", &file, "--json"])
        .assert()
        .code(1);
    assert!(!desk.db().exists(), "validate FILE created the database");
    let notes = desk.write("notes.db", "not a database\n".repeat(40));
    desk.bare()
        .arg("--db")
        .arg(&notes)
        .args(["glossary", "validate", &file])
        .assert()
        .code(1);
}

#[cfg(unix)]
#[test]
fn export_to_a_new_file_gets_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let desk = Desk::new();
    let out = desk.path("shared.tsv");
    desk.dragoman()
        .args(["glossary", "export", "-o"])
        .arg(&out)
        .assert()
        .success();
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}

#[test]
fn validate_and_import_note_spellings_that_are_everyday_words() {
    let desk = Desk::new();
    let file = desk.write(
        "desk.tsv",
        "id\ttype\ten\tar\n\
         alee\tperson\tAlee\tألي\n\
         al-mina\tplace\tAl-Mina\tالمينة\n",
    );
    // A note, not a conflict: the exit code and the JSON stay clean.
    desk.dragoman()
        .args(["glossary", "validate", &file])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("2 entries, no conflicts"))
        .stdout(predicate::str::contains(
            "note: alee: ألي is an everyday word too",
        ))
        .stdout(predicate::str::contains("al-mina").not());
    // With `--json` the notes go to standard error, beside the JSON.
    desk.dragoman()
        .args(["glossary", "validate", &file, "--json"])
        .assert()
        .code(0)
        .stdout("[]\n")
        .stderr(predicate::str::contains(
            "note: alee: ألي is an everyday word too",
        ))
        .stderr(predicate::str::contains("al-mina").not());
    desk.dragoman()
        .args(["glossary", "import", &file])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 imported Arabic spelling(s) are everyday words too",
        ))
        .stderr(predicate::str::contains("ألي (alee)"));
    // The house glossary has none.
    Desk::new()
        .dragoman()
        .args(["glossary", "validate"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("note:").not());
}

/// A thousand words in one form made every later `lookup` and `check`
/// take minutes (building the matcher grows with the cube of a form's
/// words): import, `add`, `edit` and a `--glossary` layer refuse it.
#[test]
fn a_form_of_hundreds_of_words_is_refused_everywhere() {
    let words: Vec<String> = (0..1000).map(|i| format!("Word{i}")).collect();
    let long = words.join(" ");
    let tsv = format!("id\ten\nsidra-cove\tSidra Cove\nfoo-w\t{long}\n");
    assert_import_refused(
        "long.tsv",
        tsv.as_bytes(),
        &[
            "long.tsv:3:",
            "has 1000 words; a glossary form has at most 24",
        ],
    );
    let chars = format!("id\ten\nfoo-c\t{}\n", "Sidrasidra".repeat(31));
    assert_import_refused(
        "chars.tsv",
        chars.as_bytes(),
        &[
            "chars.tsv:2:",
            "has 310 characters; a glossary form has at most 300",
        ],
    );
    // Twenty-four words is a long name, but a name.
    let desk = Desk::new();
    desk.seed_house();
    let name = words[..24].join(" ");
    desk.dragoman()
        .args(["glossary", "add", "long-body", "--en", &name])
        .assert()
        .success();
    let before = desk.export_tsv();
    for args in [
        &["glossary", "add", "foo-w", "--en", &long][..],
        &[
            "glossary",
            "edit",
            "long-body",
            "--variant",
            &format!("en={long}"),
        ],
    ] {
        desk.dragoman()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("has 1000 words"));
    }
    assert_eq!(desk.export_tsv(), before, "nothing changed");
    desk.write("layer.tsv", &tsv);
    desk.write("a.txt", "Word1 Word2 Word3.\n");
    desk.dragoman()
        .args(["--glossary", "layer.tsv", "check", "a.txt"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("layer.tsv:3:")
                .and(predicate::str::contains("has 1000 words")),
        );
}

/// A TBX file cut short (inside a term, or with only the closing tags
/// missing; 2008 and 2019 dialects) imports nothing, not the entries
/// before the cut; so do two documents joined.
#[test]
fn bad_tbx_truncated_or_followed_by_more_imports_nothing() {
    let two = format!(
        "{TBX_HEAD}      <termEntry id=\"sidra-cove\">\n\
        <langSet xml:lang=\"en\"><tig><term>Sidra Cove</term></tig></langSet>\n\
      </termEntry>\n      <termEntry id=\"bay-of-reeds\">\n\
        <langSet xml:lang=\"en\"><tig><term>Bay of Reeds</term></tig></langSet>\n\
      </termEntry>\n"
    );
    let in_term =
        format!("{two}      <termEntry id=\"baz\"><langSet xml:lang=\"en\"><tig><term>Bazv");
    assert_import_refused(
        "cut.tbx",
        in_term.as_bytes(),
        &["cut.tbx:11:", "the file ends inside <term> (truncated?)"],
    );
    assert_import_refused(
        "tail.tbx",
        two.as_bytes(),
        &["tail.tbx:11:", "the file ends inside <body> (truncated?)"],
    );
    let concept = "<tbx type=\"TBX-Basic\"><text><body>\n\
<conceptEntry id=\"sidra-cove\"><langSec xml:lang=\"en\"><termSec><term>Sidra Cove</term></termSec></langSec></conceptEntry>\n\
<conceptEntry id=\"bay-of-reeds\"><langSec xml:lang=\"en\">";
    assert_import_refused(
        "concept.tbx",
        concept.as_bytes(),
        &[
            "concept.tbx:3:",
            "the file ends inside <langSec> (truncated?)",
        ],
    );
    let joined = format!("{two}{TBX_TAIL}<martif type=\"TBX\"></martif>\n");
    assert_import_refused(
        "joined.tbx",
        joined.as_bytes(),
        &["joined.tbx:14:", "<martif> after the end of the document"],
    );
}

/// Language codes that differ only in case are one language: two columns
/// (or two `langSet`s, two JSON keys) of it are refused, as `tm import`
/// refuses them, instead of becoming two languages.
#[test]
fn bad_language_columns_that_differ_only_in_case() {
    assert_import_refused(
        "case.tsv",
        "id\ttype\ten\tEN\nsidra-cove\tplace\tSidra Cove\tSidra Bay\n",
        &["case.tsv:1:", "language column \"EN\" appears twice"],
    );
    assert_import_refused(
        "case.csv",
        "id,en,en_variants,EN_variants\nsidra-cove,Sidra Cove,Sidra Bay,Sidra Inlet\n",
        &["case.csv:1:", "column \"EN_variants\" appears twice"],
    );
    assert_import_refused(
        "case.json",
        r#"[{"id": "sidra-cove", "terms": {"en": {"house": "Sidra Cove"}, "EN": {"house": "Sidra Bay"}}}]"#,
        &[
            "case.json",
            "languages \"EN\" and \"en\" differ only in case",
        ],
    );
    let tbx = format!(
        "{TBX_HEAD}      <termEntry id=\"sidra-cove\">\n\
        <langSet xml:lang=\"en\"><tig><term>Sidra Cove</term></tig></langSet>\n\
        <langSet xml:lang=\"EN\"><tig><term>Sidra Bay</term></tig></langSet>\n\
      </termEntry>\n{TBX_TAIL}"
    );
    assert_import_refused(
        "case.tbx",
        tbx.as_bytes(),
        &[
            "case.tbx:5:",
            "languages \"EN\" and \"en\" differ only in case",
        ],
    );
}
