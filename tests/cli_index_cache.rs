//! The compiled glossary kept beside the database (`<db>-cache/`): used
//! when current, never when the glossary, its layers or the file changed.

mod common;

use common::Desk;
use std::path::PathBuf;

/// `dragoman --db desk.db` with compiled matchers always kept.
fn cached(desk: &Desk) -> assert_cmd::Command {
    let mut cmd = desk.dragoman();
    cmd.env("DRAGOMAN_INDEX_CACHE", "always");
    cmd
}

fn cache_files(desk: &Desk) -> Vec<PathBuf> {
    let dir = desk.path("desk.db-cache");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|listing| listing.flatten().map(|f| f.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn check(cmd: &mut assert_cmd::Command, file: &str) -> String {
    let out = cmd.args(["check", file]).output().expect("dragoman runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

const ARTICLE: &str = "Forces loyal to Khalifa Hifter entered Tarkhuna.\n\
                       Силы Хифтера вошли в Тархуну.\n\
                       دخلت قوات حفتر إلى ترهونة وبطرابلس.\n\
                       The Zawiyah refinery stayed shut.\n";

#[test]
fn a_kept_glossary_gives_what_a_fresh_one_gives() {
    let desk = Desk::new();
    desk.write("article.txt", ARTICLE);
    let fresh = check(&mut desk.dragoman(), "article.txt");
    assert!(fresh.contains("Tarhuna"), "{fresh}");
    assert!(cache_files(&desk).is_empty(), "the house glossary is small");

    let first = check(&mut cached(&desk), "article.txt");
    assert_eq!(cache_files(&desk).len(), 1);
    let second = check(&mut cached(&desk), "article.txt");
    assert_eq!(first, fresh);
    assert_eq!(second, fresh);

    let lookup = cached(&desk).args(["lookup", "Хифтером"]).output().unwrap();
    assert!(String::from_utf8_lossy(&lookup.stdout).contains("Khalifa Haftar"));
}

#[test]
fn a_change_to_the_glossary_is_seen_at_once() {
    let desk = Desk::new();
    desk.write("article.txt", ARTICLE);
    let before = check(&mut cached(&desk), "article.txt");
    assert!(!before.contains("Zawiya refinery"), "{before}");
    let old = cache_files(&desk);
    assert_eq!(old.len(), 1);

    cached(&desk)
        .args([
            "glossary",
            "add",
            "zawiya-refinery",
            "--type",
            "place",
            "--en",
            "Zawiya refinery",
            "--variant",
            "en=Zawiyah refinery",
        ])
        .assert()
        .success();
    let after = check(&mut cached(&desk), "article.txt");
    assert!(after.contains("Zawiya refinery"), "{after}");
    let now = cache_files(&desk);
    assert_eq!(now.len(), 1, "the stale file is removed: {now:?}");
    assert_ne!(now, old);

    cached(&desk)
        .args(["glossary", "remove", "zawiya-refinery"])
        .assert()
        .success();
    assert_eq!(check(&mut cached(&desk), "article.txt"), before);
}

#[test]
fn a_layer_is_part_of_what_is_kept() {
    let desk = Desk::new();
    desk.write("article.txt", ARTICLE);
    let plain = check(&mut cached(&desk), "article.txt");
    // `check --glossary desk.tsv` with a desk layer whose house form is `house`.
    let with_layer = |house: &str| {
        desk.write(
            "desk.tsv",
            format!(
                "id\ttype\ten\ten_variants\nzawiya-refinery\tplace\t{house}\tZawiyah refinery\n"
            ),
        );
        check(
            cached(&desk).args(["--glossary", "desk.tsv"]),
            "article.txt",
        )
    };
    let layered = with_layer("Zawiya refinery");
    assert!(layered.contains("Zawiya refinery"), "{layered}");
    let edited = with_layer("Az Zawiya refinery");
    assert!(edited.contains("Az Zawiya refinery"), "{edited}");
    assert_eq!(check(&mut cached(&desk), "article.txt"), plain);
    // One database version: the plain and the two layered matchers.
    assert_eq!(cache_files(&desk).len(), 3);
}

/// A glossary layer of `n` made-up places, `Kasumi Tobarel` and the like.
fn made_up_layer(n: usize) -> String {
    let syllables = ["ka", "su", "mi", "to", "ba", "rel", "dun", "ve", "lo", "zi"];
    let word = |mut i: usize| {
        let mut w = String::new();
        for _ in 0..3 {
            w.push_str(syllables[i % syllables.len()]);
            i /= syllables.len();
        }
        let mut chars = w.chars();
        let first = chars.next().unwrap().to_ascii_uppercase();
        format!("{first}{}", chars.as_str())
    };
    let mut tsv = String::from("id\ttype\ten\n");
    for i in 0..n {
        tsv.push_str(&format!(
            "made-up-{i}\tplace\t{} {}\n",
            word(i),
            word(i + 7)
        ));
    }
    tsv
}

#[test]
fn a_large_layer_over_a_small_database_is_kept_by_default() {
    let desk = Desk::new();
    desk.write("article.txt", ARTICLE);
    desk.write("small.tsv", made_up_layer(20));
    let small = check(
        desk.dragoman().args(["--glossary", "small.tsv"]),
        "article.txt",
    );
    assert!(small.contains("Tarhuna"), "{small}");
    assert!(
        cache_files(&desk).is_empty(),
        "house glossary and 20 entries"
    );

    // The house glossary is small, but with a termbase layered over it
    // the glossary in force is large enough to keep.
    desk.write("large.tsv", made_up_layer(1_000));
    let large = || {
        check(
            desk.dragoman().args(["--glossary", "large.tsv"]),
            "article.txt",
        )
    };
    let first = large();
    assert_eq!(cache_files(&desk).len(), 1);
    assert_eq!(large(), first);
    assert_eq!(first, small);
}

#[test]
fn a_damaged_file_is_compiled_again() {
    let desk = Desk::new();
    desk.write("article.txt", ARTICLE);
    let fresh = check(&mut cached(&desk), "article.txt");
    let file = cache_files(&desk).remove(0);
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&file, &bytes).unwrap();
    assert_eq!(check(&mut cached(&desk), "article.txt"), fresh);
    std::fs::write(&file, &bytes[..100]).unwrap();
    assert_eq!(check(&mut cached(&desk), "article.txt"), fresh);
    assert!(std::fs::metadata(&file).unwrap().len() > 1000, "rewritten");
}

#[test]
fn the_cache_can_be_turned_off_and_a_bad_setting_is_an_error() {
    let desk = Desk::new();
    desk.write("article.txt", ARTICLE);
    let mut never = desk.dragoman();
    never.env("DRAGOMAN_INDEX_CACHE", "never");
    check(&mut never, "article.txt");
    assert!(!desk.path("desk.db-cache").exists());
    desk.dragoman()
        .env("DRAGOMAN_INDEX_CACHE", "sometimes")
        .args(["check", "article.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("DRAGOMAN_INDEX_CACHE"));
}

#[test]
fn an_unwritable_cache_folder_only_costs_the_compile() {
    let desk = Desk::new();
    desk.write("article.txt", ARTICLE);
    let fresh = check(&mut desk.dragoman(), "article.txt");
    // A file where the folder should be.
    desk.write("desk.db-cache", "not a folder");
    let out = cached(&desk)
        .args(["check", "article.txt"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), fresh);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("could not be kept"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
