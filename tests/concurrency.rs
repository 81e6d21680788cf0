//! Concurrency: several `dragoman` processes at once on one database —
//! importing glossaries and memories, adding entries and units, looking up,
//! checking and searching. No "database is locked" (or any other error)
//! reaches the user, and every write is there afterwards.

mod common;

use common::Desk;
use std::process::{Child, Stdio};

/// A process started, with what it is for messages.
struct Running {
    what: String,
    child: Child,
}

fn start(desk: &Desk, args: &[String]) -> Running {
    let child = desk
        .std_command(env!("CARGO_BIN_EXE_dragoman"))
        .arg("--db")
        .arg(desk.db())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dragoman starts");
    Running {
        what: args.join(" "),
        child,
    }
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Waits for every process; each must exit with its expected code and say
/// nothing about locks or busy databases. Returns their stdouts.
fn finish_all(running: Vec<(Running, i32)>) -> Vec<String> {
    let mut outs = Vec::new();
    let mut failures = Vec::new();
    for (Running { what, child }, expected) in running {
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        let lowered = stderr.to_lowercase();
        if out.status.code() != Some(expected)
            || lowered.contains("locked")
            || lowered.contains("busy")
        {
            failures.push(format!(
                "`dragoman {what}` exited {:?} (expected {expected}): {stderr}",
                out.status.code()
            ));
        }
        outs.push(String::from_utf8_lossy(&out.stdout).to_string());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    outs
}

fn glossary_tsv(tag: &str, n: usize) -> String {
    let mut tsv = String::from(common::TSV_HEADER);
    tsv.push('\n');
    for i in 0..n {
        tsv.push_str(&format!(
            "{tag}-{i}\torg\tBureau {tag} {i}\tمكتب {tag} {i}\tБюро {tag} {i}\t\t\t\t\n"
        ));
    }
    tsv
}

fn tmx(tag: &str, n: usize) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"en\" \
         datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" o-tmf=\"t\" creationtool=\"t\" \
         creationtoolversion=\"1\"/><body>\n",
    );
    for i in 0..n {
        out.push_str(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>Shift {tag} filed dispatch {i} before noon.</seg></tuv>\
             <tuv xml:lang=\"ar\"><seg>أرسلت المناوبة {tag} البرقية {i} قبل الظهر.</seg></tuv></tu>\n"
        ));
    }
    out.push_str("</body></tmx>\n");
    out
}

fn entry_ids(desk: &Desk) -> std::collections::HashSet<String> {
    desk.ids().into_iter().collect()
}

fn tm_units(desk: &Desk) -> u64 {
    let run = desk.run(&["tm", "stats", "--json"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()["units"].as_u64().expect("units")
}

/// The first commands on a database that does not exist yet, all at once:
/// they race to create, migrate and seed it. Each succeeds, the house
/// glossary is seeded once, and every write is kept.
#[test]
fn many_first_commands_at_once_create_one_database() {
    let desk = Desk::new();
    let mut running = Vec::new();
    for i in 0..4 {
        let id = format!("first-{i}");
        let en = format!("First Desk {i}");
        running.push((
            start(
                &desk,
                &args(&["glossary", "add", &id, "--type", "org", "--en", &en]),
            ),
            0,
        ));
        let source = format!("Opening line {i} of the night shift.");
        let target = format!("Первая строка {i} ночной смены.");
        running.push((
            start(
                &desk,
                &args(&["tm", "add", "--from", "en", "--to", "ru", &source, &target]),
            ),
            0,
        ));
        running.push((start(&desk, &args(&["lookup", "Хафтаром", "--json"])), 0));
    }
    let outs = finish_all(running);
    // Every lookup saw the seeded glossary (none ran on a half-made one).
    for out in outs.iter().filter(|o| o.starts_with('[')) {
        assert!(out.contains("khalifa-haftar"), "lookup output: {out}");
    }
    let ids = entry_ids(&desk);
    for i in 0..4 {
        assert!(ids.contains(&format!("first-{i}")), "first-{i} missing");
    }
    let house = String::from_utf8(common::shipped_house_tsv()).unwrap();
    let house_entries = house
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(ids.len(), house_entries + 4, "house glossary seeded once");
    assert_eq!(tm_units(&desk), 4);
}

/// Imports, adds, lookups, checks and searches all at once on one
/// database, twice over: every process succeeds and every write is there.
#[test]
fn imports_adds_and_reads_at_once_lose_nothing() {
    let desk = Desk::new();
    desk.seed_house();
    desk.write(
        "article.txt",
        "Forces left Tarkhuna for Misurata; Khalifa Hifter stayed.\n",
    );
    const IMPORTED: usize = 1500;
    const UNITS: usize = 2000;
    let mut expected_units = 0;
    for round in 0..2 {
        let mut running = Vec::new();
        for k in 0..2 {
            let file = desk.write(
                &format!("g{round}{k}.tsv"),
                glossary_tsv(&format!("imp{round}{k}"), IMPORTED),
            );
            running.push((start(&desk, &args(&["glossary", "import", &file])), 0));
        }
        let file = desk.write(&format!("m{round}.tmx"), tmx(&format!("r{round}"), UNITS));
        running.push((start(&desk, &args(&["tm", "import", &file])), 0));
        expected_units += UNITS;
        for i in 0..5 {
            let id = format!("add{round}-{i}");
            let ru = format!("Отдел {round} {i}");
            running.push((
                start(&desk, &args(&["glossary", "add", &id, "--ru", &ru])),
                0,
            ));
            let source = format!("Round {round}: correction {i} was sent to the desk.");
            let target = format!("الجولة {round}: أرسل التصحيح {i} إلى المكتب.");
            running.push((
                start(
                    &desk,
                    &args(&["tm", "add", "--from", "en", "--to", "ar", &source, &target]),
                ),
                0,
            ));
            expected_units += 1;
            running.push((start(&desk, &args(&["lookup", "Misurata", "--json"])), 0));
        }
        running.push((start(&desk, &args(&["check", "article.txt", "--json"])), 1));
        running.push((
            start(
                &desk,
                &args(&[
                    "tm",
                    "search",
                    "Shift r0 filed dispatch 7 before noon.",
                    "--from",
                    "en",
                    "--to",
                    "ar",
                    "--json",
                ]),
            ),
            0,
        ));
        running.push((start(&desk, &args(&["glossary", "export"])), 0));
        finish_all(running);

        let ids = entry_ids(&desk);
        for k in 0..2 {
            for i in 0..IMPORTED {
                assert!(
                    ids.contains(&format!("imp{round}{k}-{i}")),
                    "round {round}: imp{round}{k}-{i} missing"
                );
            }
        }
        for i in 0..5 {
            assert!(
                ids.contains(&format!("add{round}-{i}")),
                "add{round}-{i} missing"
            );
        }
        assert_eq!(
            tm_units(&desk),
            expected_units as u64,
            "round {round}: units"
        );
    }
    // And the memory is searchable: a unit from the first round's import
    // and one added by `tm add`.
    for (text, want) in [
        (
            "Shift r0 filed dispatch 7 before noon.",
            "أرسلت المناوبة r0 البرقية 7 قبل الظهر.",
        ),
        (
            "Round 1: correction 3 was sent to the desk.",
            "الجولة 1: أرسل التصحيح 3 إلى المكتب.",
        ),
    ] {
        let run = desk.run(
            &["tm", "search", text, "--from", "en", "--to", "ar", "--json"],
            None,
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.array()[0]["target"], want, "search {text:?}");
        assert_eq!(run.array()[0]["score"], 1.0, "search {text:?}");
    }
}
