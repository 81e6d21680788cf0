//! Crash safety: the real binary killed with SIGKILL at random points in a
//! large glossary import, a large TMX import and `normalize --in-place`,
//! several times each. Afterwards the database passes SQLite's
//! `PRAGMA integrity_check`, each import is there wholly or not at all,
//! what was there before is untouched, and every rewritten file is either
//! the original or the complete rewrite — never truncated or mixed — with
//! its permissions kept.
//!
//! Kill points are drawn from a random seed printed at the start of each
//! test; set `CRASH_SEED` to replay one.

#![cfg(unix)]

mod common;

use common::Desk;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use rusqlite::Connection;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Kills per scenario.
const KILLS: usize = 6;

fn rng(test: &str) -> SmallRng {
    let seed = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("{test}: CRASH_SEED={seed}");
    SmallRng::seed_from_u64(seed)
}

/// How a run that was to be killed ended.
#[derive(Debug, PartialEq, Eq)]
enum End {
    Killed,
    /// It finished before the kill (exit code).
    Finished(i32),
}

/// When to kill a run.
enum When<'a> {
    /// This long after it starts.
    After(Duration),
    /// This long after `started` first says the run has begun writing
    /// (polled every millisecond), so that kills land inside the write
    /// phase, which a uniformly drawn time mostly misses.
    Writing(&'a dyn Fn() -> bool, Duration),
}

/// Runs `dragoman --db <desk.db> ARGS…` and SIGKILLs it as `when` says.
fn run_and_kill(desk: &Desk, args: &[&str], when: When) -> End {
    let mut child = desk
        .std_command(env!("CARGO_BIN_EXE_dragoman"))
        .arg("--db")
        .arg(desk.db())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dragoman starts");
    match when {
        When::After(delay) => std::thread::sleep(delay),
        When::Writing(started, delay) => {
            let deadline = Instant::now() + Duration::from_secs(20);
            while !started() && Instant::now() < deadline {
                if child.try_wait().expect("try_wait").is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
            std::thread::sleep(delay);
        }
    }
    // Child::kill is SIGKILL on Unix; a process that already exited is
    // still a zombie until waited for, so this cannot hit another process.
    child.kill().expect("kill");
    let status = child.wait().expect("wait");
    match status.signal() {
        Some(9) => End::Killed,
        Some(other) => panic!("dragoman died of signal {other}"),
        None => End::Finished(status.code().expect("exit code")),
    }
}

/// The kill of run `run`: even runs at a uniformly drawn time from just
/// after the start to just past the end of a run that takes `full` when
/// left alone; odd runs a few milliseconds after `started` says writing
/// has begun.
fn when<'a>(
    run: usize,
    rng: &mut SmallRng,
    full: Duration,
    started: &'a dyn Fn() -> bool,
) -> When<'a> {
    if run % 2 == 0 {
        let ms = full.as_millis().max(20) as u64;
        When::After(Duration::from_millis(rng.gen_range(5..ms + ms / 10)))
    } else {
        When::Writing(started, Duration::from_millis(rng.gen_range(0..40)))
    }
}

/// Whether the database's write-ahead log has grown past `before` bytes:
/// a transaction is being written.
fn wal_grew<'a>(desk: &'a Desk, before: u64) -> impl Fn() -> bool + 'a {
    move || wal_size(desk) > before
}

fn wal_size(desk: &Desk) -> u64 {
    let mut wal = desk.db().into_os_string();
    wal.push("-wal");
    std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0)
}

/// Runs `dragoman ARGS…` to the end; how long it took.
fn run_timed(desk: &Desk, args: &[&str]) -> Duration {
    let started = Instant::now();
    let run = desk.run(args, None);
    assert_eq!(run.code, 0, "dragoman {args:?}: {}", run.stderr);
    started.elapsed()
}

/// Opens the desk's database directly and checks it with SQLite's own
/// integrity check.
fn integrity_checked(desk: &Desk) -> Connection {
    let conn = Connection::open(desk.db()).expect("the database opens");
    let result: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(result, ["ok"], "PRAGMA integrity_check");
    conn
}

fn count(conn: &Connection, sql: &str) -> usize {
    conn.query_row(sql, [], |r| r.get::<_, i64>(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}")) as usize
}

// ---------------------------------------------------------------------------
// Glossary import
// ---------------------------------------------------------------------------

const GLOSSARY_ENTRIES: usize = 6000;

/// A glossary of `GLOSSARY_ENTRIES` entries whose ids all start `run{run}-`.
fn glossary_tsv(run: usize) -> String {
    let mut tsv = String::from(common::TSV_HEADER);
    tsv.push('\n');
    for i in 0..GLOSSARY_ENTRIES {
        tsv.push_str(&format!(
            "run{run}-{i}\tplace\tQasr Run{run} Nr{i}\tقصر {run} رقم {i}\tКаср {run} номер {i}\tQasr Rn{run} Nr{i}\t\t\tcrash test {run}/{i}\n"
        ));
    }
    tsv
}

#[test]
fn killed_glossary_imports_land_wholly_or_not_at_all() {
    let mut rng = rng("glossary import");
    let desk = Desk::new();
    desk.seed_house();
    let house = integrity_checked(&desk)
        .query_row("SELECT count(*) FROM entry", [], |r| r.get::<_, i64>(0));
    let house = house.unwrap() as usize;
    assert!(house > 50, "the house glossary is seeded");

    // One import left alone: it lands whole, and says how long one takes.
    desk.write("run0.tsv", glossary_tsv(0));
    let full = run_timed(&desk, &["glossary", "import", "run0.tsv"]);

    let mut outcomes = Vec::new();
    for run in 1..=KILLS {
        let file = desk.write(&format!("run{run}.tsv"), glossary_tsv(run));
        let writing = wal_grew(&desk, wal_size(&desk));
        let end = run_and_kill(
            &desk,
            &["glossary", "import", &file],
            when(run, &mut rng, full, &writing),
        );
        let conn = integrity_checked(&desk);
        let landed = count(
            &conn,
            &format!("SELECT count(*) FROM entry WHERE id LIKE 'run{run}-%'"),
        );
        let forms = count(
            &conn,
            &format!("SELECT count(*) FROM form WHERE entry_id LIKE 'run{run}-%'"),
        );
        assert!(
            (landed, forms) == (0, 0)
                || (landed, forms) == (GLOSSARY_ENTRIES, 4 * GLOSSARY_ENTRIES),
            "run {run} ({end:?}): {landed} entries and {forms} forms of {GLOSSARY_ENTRIES} landed"
        );
        if let End::Finished(code) = end {
            assert_eq!(code, 0, "run {run} finished with an error");
            assert_eq!(
                landed, GLOSSARY_ENTRIES,
                "run {run} finished but is missing"
            );
        }
        // Nothing that was there before is lost or changed.
        assert_eq!(
            count(&conn, "SELECT count(*) FROM entry WHERE id NOT LIKE 'run%'"),
            house,
            "run {run}: house entries"
        );
        assert_eq!(
            count(&conn, "SELECT count(*) FROM entry WHERE id LIKE 'run0-%'"),
            GLOSSARY_ENTRIES,
            "run {run}: the first import"
        );
        outcomes.push((end, landed));
    }
    eprintln!("glossary import: one run {full:?}; kills: {outcomes:?}");
    assert!(
        outcomes.iter().any(|(end, _)| *end == End::Killed),
        "no run was killed before it finished: {outcomes:?}"
    );
    // The database still works for dragoman: a killed import can be run
    // again, and lands.
    desk.import("run1.tsv");
    let conn = integrity_checked(&desk);
    assert_eq!(
        count(&conn, "SELECT count(*) FROM entry WHERE id LIKE 'run1-%'"),
        GLOSSARY_ENTRIES
    );
    assert_eq!(
        desk.show("run1-17")["terms"]["ru"]["house"],
        "Каср 1 номер 17"
    );
}

// ---------------------------------------------------------------------------
// TMX import
// ---------------------------------------------------------------------------

const TMX_UNITS: usize = 6000;

/// A TMX of `TMX_UNITS` distinct en/ru units, all mentioning run `run`.
fn tmx(run: usize) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n\
         <tmx version=\"1.4\"><header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" \
         adminlang=\"en\" o-tmf=\"test\" creationtool=\"test\" creationtoolversion=\"1\"/><body>\n",
    );
    for i in 0..TMX_UNITS {
        out.push_str(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>Crash drill {run} convoy {i} reached the coast road at dawn.</seg></tuv>\
             <tuv xml:lang=\"ru\"><seg>Учения {run}: колонна {i} вышла к прибрежной дороге на рассвете.</seg></tuv></tu>\n"
        ));
    }
    out.push_str("</body></tmx>\n");
    out
}

fn tm_units(desk: &Desk) -> (u64, u64, u64) {
    let run = desk.run(&["tm", "stats", "--json"], None);
    assert_eq!(run.code, 0, "tm stats: {}", run.stderr);
    let stats = run.json();
    (
        stats["units"].as_u64().expect("units"),
        stats["languages"]["en"].as_u64().unwrap_or(0),
        stats["languages"]["ru"].as_u64().unwrap_or(0),
    )
}

/// Whether `tm search` finds unit 4321 of run `run` as an exact match.
fn tm_finds(desk: &Desk, run: usize) -> bool {
    let text = format!("Crash drill {run} convoy 4321 reached the coast road at dawn.");
    let out = desk.run(
        &[
            "tm",
            "search",
            &text,
            "--from",
            "en",
            "--to",
            "ru",
            "--json",
            "--min-score",
            "1",
        ],
        None,
    );
    assert_eq!(out.code, 0, "tm search: {}", out.stderr);
    let hits = out.array();
    assert!(hits.len() <= 1, "{hits:?}");
    hits.first().is_some_and(|h| {
        h["target"]
            .as_str()
            .is_some_and(|t| t.starts_with(&format!("Учения {run}: колонна 4321 ")))
    })
}

#[test]
fn killed_tmx_imports_land_wholly_or_not_at_all() {
    let mut rng = rng("tm import");
    let desk = Desk::new();
    desk.write("run0.tmx", tmx(0));
    let full = run_timed(&desk, &["tm", "import", "run0.tmx"]);
    let n = TMX_UNITS as u64;
    assert_eq!(tm_units(&desk), (n, n, n), "units, en and ru variants");

    let mut landed_runs = vec![0];
    let mut outcomes = Vec::new();
    for run in 1..=KILLS {
        let file = desk.write(&format!("run{run}.tmx"), tmx(run));
        let writing = wal_grew(&desk, wal_size(&desk));
        let end = run_and_kill(
            &desk,
            &["tm", "import", &file],
            when(run, &mut rng, full, &writing),
        );
        integrity_checked(&desk);
        let (units, en, ru) = tm_units(&desk);
        let before = (landed_runs.len() * TMX_UNITS) as u64;
        let landed = if units == before {
            false
        } else if units == before + TMX_UNITS as u64 {
            true
        } else {
            panic!(
                "run {run} ({end:?}): {units} units, expected {before} or {}",
                before + TMX_UNITS as u64
            )
        };
        // The per-language counts are written in the same transaction.
        assert_eq!((en, ru), (units, units), "run {run}: language counts");
        if let End::Finished(code) = end {
            assert_eq!(code, 0, "run {run} finished with an error");
            assert!(landed, "run {run} finished but is missing");
        }
        if landed {
            landed_runs.push(run);
        }
        outcomes.push((end, landed));
    }
    eprintln!("tm import: one run {full:?}; kills: {outcomes:?}");
    assert!(
        outcomes.iter().any(|(end, _)| *end == End::Killed),
        "no run was killed before it finished: {outcomes:?}"
    );
    // The search index agrees with the units: a landed run is found, a
    // killed one is not (no postings left behind pointing nowhere).
    for run in 0..=KILLS {
        assert_eq!(
            tm_finds(&desk, run),
            landed_runs.contains(&run),
            "search for run {run} (landed: {landed_runs:?})"
        );
    }
}

/// The first import into an empty memory writes through SQLite's rollback
/// journal rather than the write-ahead log (README, "Database"): killed at
/// any moment, it leaves the memory empty or whole, the file sound, and
/// the next command back in WAL mode with the journal rolled back.
#[test]
fn a_killed_first_import_leaves_an_empty_memory_and_the_log_on() {
    let mut rng = rng("first tm import");
    // The fastest of three first imports: one timed while other tests
    // load the machine would put every kill after the end.
    let full = (0..3)
        .map(|_| {
            let timing = Desk::new();
            timing.write("run0.tmx", tmx(0));
            run_timed(&timing, &["tm", "import", "run0.tmx"])
        })
        .min()
        .expect("three runs");
    let n = TMX_UNITS as u64;
    let mut outcomes = Vec::new();
    for run in 1..=KILLS {
        let desk = Desk::new();
        // The database exists, its memory empty, before the import starts.
        assert_eq!(tm_units(&desk), (0, 0, 0));
        let file = desk.write("first.tmx", tmx(run));
        let ms = full.as_millis().max(20) as u64;
        let end = run_and_kill(
            &desk,
            &["tm", "import", &file],
            When::After(Duration::from_millis(rng.gen_range(5..ms + ms / 10))),
        );
        integrity_checked(&desk);
        let units = tm_units(&desk);
        assert!(
            units == (0, 0, 0) || units == (n, n, n),
            "run {run} ({end:?}): {units:?}"
        );
        if let End::Finished(code) = end {
            assert_eq!((code, units), (0, (n, n, n)), "run {run} finished");
        }
        let mut journal = desk.db().into_os_string();
        journal.push("-journal");
        assert!(
            std::fs::metadata(&journal).map_or(true, |m| m.len() == 0),
            "run {run}: a hot journal is left after the next command"
        );
        let mode: String = integrity_checked(&desk)
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal", "run {run} ({end:?})");
        outcomes.push((end, units.0 > 0));
    }
    eprintln!("first tm import: one run {full:?}; kills: {outcomes:?}");
    assert!(
        outcomes.iter().any(|(end, _)| *end == End::Killed),
        "no run was killed before it finished: {outcomes:?}"
    );
}

// ---------------------------------------------------------------------------
// normalize --in-place
// ---------------------------------------------------------------------------

/// An article of `lines` lines mixing the three languages, with variants
/// to rewrite on every line; `n` makes each file different.
fn article(n: usize, lines: usize) -> String {
    let mut text = String::new();
    for i in 0..lines {
        text.push_str(&match i % 3 {
            0 => format!("Report {n}.{i}: units moved from Tarkhuna towards Misurata overnight.\n"),
            1 => format!("Сводка {n}.{i}: Халифа Хифтер провёл переговоры в Мисурате.\n"),
            _ => format!("تقرير {n}.{i}: وصلت القوات إلى ومصراته صباحا.\n"),
        });
    }
    text
}

const MODE: u32 = 0o640;

/// A file's inode: a rename over it gives it a new one.
fn inode(desk: &Desk, name: &str) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(desk.path(name))
        .map(|m| m.ino())
        .unwrap_or(0)
}

#[test]
fn killed_in_place_rewrites_leave_each_file_whole_with_its_permissions() {
    let mut rng = rng("normalize --in-place");
    let desk = Desk::new();
    desk.seed_house();
    // Many small files and one large one.
    let mut originals = Vec::new();
    for n in 0..24 {
        originals.push((format!("desk/a{n:02}.txt"), article(n, 300)));
    }
    originals.push(("desk/large.txt".to_string(), article(99, 30_000)));
    desk.mkdir("desk");
    let reset = || {
        for (name, text) in &originals {
            desk.write(name, text);
            std::fs::set_permissions(desk.path(name), std::fs::Permissions::from_mode(MODE))
                .unwrap();
        }
    };
    // The complete rewrite of each file, and how long a whole run takes.
    reset();
    let full = run_timed(&desk, &["normalize", "--in-place", "desk"]);
    let rewritten: Vec<String> = originals
        .iter()
        .map(|(name, text)| {
            let new = String::from_utf8(desk.read(name)).unwrap();
            assert_ne!(&new, text, "{name} has something to rewrite");
            new
        })
        .collect();

    let mut outcomes = Vec::new();
    for kill in 0..KILLS {
        reset();
        let inodes: Vec<u64> = originals
            .iter()
            .map(|(name, _)| inode(&desk, name))
            .collect();
        let writing = || {
            originals
                .iter()
                .zip(&inodes)
                .any(|((name, _), &ino)| inode(&desk, name) != ino)
        };
        let end = run_and_kill(
            &desk,
            &["normalize", "--in-place", "desk"],
            when(kill, &mut rng, full, &writing),
        );
        let mut done = 0;
        for ((name, original), new) in originals.iter().zip(&rewritten) {
            let now = desk.read(name);
            assert!(
                now == original.as_bytes() || now == new.as_bytes(),
                "kill {kill} ({end:?}): {name} is neither the original nor the rewrite ({} bytes; original {}, rewrite {})",
                now.len(),
                original.len(),
                new.len()
            );
            done += usize::from(now == new.as_bytes());
            let mode = std::fs::metadata(desk.path(name))
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(mode, MODE, "kill {kill}: permissions of {name}");
        }
        if end == End::Finished(0) {
            assert_eq!(
                done,
                originals.len(),
                "kill {kill}: finished but not all rewritten"
            );
        }
        // A temporary file left by the kill is hidden, so the next batch
        // over the folder does not take it for an article.
        let visible: Vec<String> = desk
            .files_under("desk")
            .into_iter()
            .filter(|f| !f.starts_with('.'))
            .collect();
        assert_eq!(visible.len(), originals.len(), "kill {kill}: {visible:?}");
        outcomes.push((end, done));
    }
    eprintln!(
        "normalize --in-place: one run {full:?}; kills (files rewritten of {}): {outcomes:?}",
        originals.len()
    );
    // Whatever was left, a run to the end finishes the job.
    let run = desk.run(&["normalize", "--in-place", "desk"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for ((name, _), new) in originals.iter().zip(&rewritten) {
        assert_eq!(desk.read(name), new.as_bytes(), "{name}");
    }
    // The temporary files the kills left behind are gone once a run has
    // written into the folder again.
    reset();
    let run = desk.run(&["normalize", "--in-place", "desk"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let left: Vec<String> = desk
        .files_under("desk")
        .into_iter()
        .filter(|f| f.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}
