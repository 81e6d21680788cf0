//! Shared helpers for the CLI integration tests.
//!
//! Every test works in its own [`Desk`]: a temporary directory holding a
//! real SQLite database (`desk.db`) and any files the test writes. Commands
//! run with that directory as their working directory, so a file passed as
//! `bad.tsv` is named exactly `bad.tsv` in dragoman's messages. The
//! environment is cleaned so that nothing leaks in from the machine running
//! the tests: `DRAGOMAN_DB` is removed, `NO_COLOR=1`, and `HOME` /
//! `XDG_DATA_HOME` point into the temporary directory (so even a command
//! without `--db` never touches a real per-user database).

#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The path of a file in `tests/fixtures/`.
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// The bytes of a file in `tests/fixtures/`.
pub fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = fixture_path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The house glossary shipped with dragoman (what a new database is seeded
/// with), as bytes.
pub fn shipped_house_tsv() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("glossary")
        .join("house.tsv");
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// Parses JSON output, with the text in the panic message when it is not.
pub fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| {
        panic!(
            "output is not JSON ({e}):\n{}",
            String::from_utf8_lossy(bytes)
        )
    })
}

/// The `"id"` (or, for lookup hits, `"entry"`) of every element of a JSON
/// array.
pub fn ids(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("expected a JSON array, got {value}"))
        .iter()
        .map(|v| {
            v.get("id")
                .or_else(|| v.get("entry"))
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("no id/entry in {v}"))
                .to_string()
        })
        .collect()
}

/// A temporary working directory with its own database file.
pub struct Desk {
    dir: TempDir,
}

impl Default for Desk {
    fn default() -> Self {
        Desk::new()
    }
}

impl Desk {
    pub fn new() -> Desk {
        Desk {
            dir: tempfile::Builder::new()
                .prefix("dragoman-test-")
                .tempdir()
                .expect("temporary directory"),
        }
    }

    /// The temporary directory (commands' working directory).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the temporary directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The desk's database file (it does not exist until a command creates
    /// it).
    pub fn db(&self) -> PathBuf {
        self.path("desk.db")
    }

    /// `dragoman` with nothing on its command line, in a clean environment
    /// rooted in the temporary directory.
    pub fn bare(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dragoman"));
        cmd.current_dir(self.dir.path())
            .env_remove("DRAGOMAN_DB")
            .env_remove("DRAGOMAN_INDEX_CACHE")
            .env("NO_COLOR", "1")
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("xdg-data"))
            .timeout(std::time::Duration::from_secs(60));
        cmd
    }

    /// `dragoman --db <desk.db>`.
    pub fn dragoman(&self) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--db").arg(self.db());
        cmd
    }

    /// `dragoman --db <desk.db> --no-default-glossary`.
    pub fn dragoman_empty(&self) -> Command {
        let mut cmd = self.dragoman();
        cmd.arg("--no-default-glossary");
        cmd
    }

    /// Writes a file into the temporary directory; returns its name (as
    /// passed to commands, relative to the working directory).
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        std::fs::write(self.path(name), contents.as_ref())
            .unwrap_or_else(|e| panic!("writing {name}: {e}"));
        name.to_string()
    }

    /// Copies `tests/fixtures/<name>` into the temporary directory under the
    /// same name; returns that name.
    pub fn fixture(&self, name: &str) -> String {
        self.write(name, fixture_bytes(name))
    }

    /// Copies a fixture in under another name.
    pub fn fixture_as(&self, fixture: &str, name: &str) -> String {
        self.write(name, fixture_bytes(fixture))
    }

    /// Reads a file of the temporary directory.
    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"))
    }

    /// Creates the database seeded with the house glossary (any command
    /// other than `glossary import` does).
    pub fn seed_house(&self) {
        self.dragoman()
            .args(["glossary", "list"])
            .assert()
            .success();
    }

    /// `tm import` of the sample memory shipped in `tm/sample.tmx`, which
    /// must succeed.
    pub fn import_sample_memory(&self) {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("tm/sample.tmx");
        self.dragoman()
            .args(["tm", "import"])
            .arg(sample)
            .assert()
            .success();
    }

    /// `glossary import FILE` into the desk's database, which must succeed.
    pub fn import(&self, file: &str) {
        self.dragoman()
            .args(["glossary", "import", file])
            .assert()
            .success();
    }

    /// The whole glossary exported in `format`.
    pub fn export(&self, format: &str) -> Vec<u8> {
        self.dragoman()
            .args(["glossary", "export", "--format", format])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    }

    /// The whole glossary as the contract TSV.
    pub fn export_tsv(&self) -> String {
        String::from_utf8(self.export("tsv")).expect("export is UTF-8")
    }

    /// `glossary show ID --json`: the entry object.
    pub fn show(&self, id: &str) -> Value {
        let out = self
            .dragoman()
            .args(["glossary", "show", id, "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let value = json(&out);
        let array = value.as_array().expect("show --json prints an array");
        assert_eq!(array.len(), 1, "show --json {id}: {value}");
        array[0].clone()
    }

    /// Ids of every entry, in glossary order.
    pub fn ids(&self) -> Vec<String> {
        let out = self
            .dragoman()
            .args(["glossary", "list", "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        ids(&json(&out))
    }

    /// `lookup TERM --json [extra…]`: the array of hits.
    pub fn lookup(&self, term: &str, extra: &[&str]) -> Vec<Value> {
        let out = self
            .dragoman()
            .arg("lookup")
            .arg(term)
            .arg("--json")
            .args(extra)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        json(&out)
            .as_array()
            .unwrap_or_else(|| panic!("lookup {term:?} --json: not an array"))
            .clone()
    }
}

/// The TSV header every export writes when only en/ar/ru are present.
pub const TSV_HEADER: &str = "id\ttype\ten\tar\tru\ten_variants\tar_variants\tru_variants\tnote";

// ---------------------------------------------------------------------------
// Helpers for `check` and `normalize` (tests/cli_check.rs, tests/cli_normalize.rs)
// ---------------------------------------------------------------------------

/// The text of an article in `tests/fixtures/articles/`.
pub fn article(name: &str) -> String {
    String::from_utf8(fixture_bytes(&format!("articles/{name}")))
        .unwrap_or_else(|e| panic!("articles/{name} is not UTF-8: {e}"))
}

/// Where a piece of text is, worked out independently of dragoman: byte
/// offsets, 1-based line, and 1-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

/// The `nth` (0-based) occurrence of `needle` in `text`.
pub fn locate(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} does not occur {} time(s)", nth + 1))
        .0;
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Span {
        start,
        end: start + needle.len(),
        line,
        column: text[line_start..start].chars().count() + 1,
    }
}

/// What a finished command gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }

    /// Stdout parsed as JSON.
    pub fn json(&self) -> Value {
        json(&self.stdout)
    }

    /// Stdout parsed as a JSON array.
    pub fn array(&self) -> Vec<Value> {
        self.json()
            .as_array()
            .unwrap_or_else(|| panic!("expected a JSON array, got {}", self.stdout()))
            .clone()
    }

    /// Stdout as JSON Lines: one value per line, leaving out the blank
    /// lines `--jsonl` echoes for blank input lines.
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
            .collect()
    }
}

impl Desk {
    /// Runs `dragoman --db <desk.db> ARGS…` with `stdin` (empty when
    /// `None`) and returns its exit code and output, whatever the code.
    pub fn run(&self, args: &[&str], stdin: Option<&[u8]>) -> Run {
        let output = self
            .dragoman()
            .args(args)
            .write_stdin(stdin.unwrap_or_default().to_vec())
            .output()
            .expect("dragoman runs");
        Run {
            code: output.status.code().expect("dragoman exited normally"),
            stdout: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// `dragoman --db <desk.db>` as a plain [`std::process::Command`] in the
    /// same clean environment as [`Desk::bare`], for tests that talk to a
    /// running process or run it under another program.
    pub fn std_command(&self, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        cmd.current_dir(self.dir.path())
            .env_remove("DRAGOMAN_DB")
            .env("NO_COLOR", "1")
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("xdg-data"));
        cmd
    }

    /// Creates a directory (and its parents) in the temporary directory.
    pub fn mkdir(&self, name: &str) {
        std::fs::create_dir_all(self.path(name)).unwrap_or_else(|e| panic!("mkdir {name}: {e}"));
    }

    /// Every file below `name` (hidden ones included), as sorted paths
    /// relative to it.
    pub fn files_under(&self, name: &str) -> Vec<String> {
        fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("read_dir") {
                let path = entry.expect("dir entry").path();
                if path.is_dir() {
                    walk(root, &path, out);
                } else {
                    out.push(
                        path.strip_prefix(root)
                            .unwrap()
                            .to_string_lossy()
                            .into_owned(),
                    );
                }
            }
        }
        let root = self.path(name);
        let mut out = Vec::new();
        walk(&root, &root, &mut out);
        out.sort();
        out
    }
}

/// The confidence a finding should have.
#[derive(Debug, Clone, Copy)]
pub enum Conf {
    /// Exactly this (listed forms: 1.0).
    Exact(f64),
    /// In `lo..hi` (similarity scores, which are calibrated but not fixed).
    Between(f64, f64),
}

/// What a `check` finding should be. `found` is the `nth` occurrence of that
/// text in the input; its offsets, line and column are worked out with
/// [`locate`].
#[derive(Debug, Clone, Copy)]
pub struct Want<'a> {
    pub found: &'a str,
    pub nth: usize,
    pub entry: &'a str,
    pub kind: &'a str,
    pub suggestion: &'a str,
    pub lang: &'a str,
    pub confidence: Conf,
}

impl<'a> Want<'a> {
    /// A finding in English with confidence 1.0, at the first occurrence of
    /// `found`.
    pub fn new(found: &'a str, entry: &'a str, kind: &'a str, suggestion: &'a str) -> Want<'a> {
        Want {
            found,
            nth: 0,
            entry,
            kind,
            suggestion,
            lang: "en",
            confidence: Conf::Exact(1.0),
        }
    }

    /// A listed variant (confidence 1.0).
    pub fn variant(found: &'a str, entry: &'a str, suggestion: &'a str) -> Want<'a> {
        Want::new(found, entry, "variant", suggestion)
    }

    /// A house form (`--all`): the suggestion is the text itself.
    pub fn canonical(found: &'a str, entry: &'a str) -> Want<'a> {
        Want::new(found, entry, "canonical", found)
    }

    /// An unlisted spelling, with its confidence in `lo..hi`.
    pub fn fuzzy(
        found: &'a str,
        entry: &'a str,
        suggestion: &'a str,
        lo: f64,
        hi: f64,
    ) -> Want<'a> {
        Want {
            confidence: Conf::Between(lo, hi),
            ..Want::new(found, entry, "fuzzy", suggestion)
        }
    }

    pub fn nth(self, nth: usize) -> Want<'a> {
        Want { nth, ..self }
    }

    pub fn lang(self, lang: &'a str) -> Want<'a> {
        Want { lang, ..self }
    }

    pub fn conf(self, confidence: Conf) -> Want<'a> {
        Want { confidence, ..self }
    }
}

/// Asserts that `findings` (the `check` JSON array for `text`) are exactly
/// `wants`, in order, field by field. `file` is the `file` every finding
/// must carry; `None` means findings must have no `file` field (JSON Lines).
pub fn assert_findings(text: &str, findings: &[Value], wants: &[Want], file: Option<&str>) {
    let summary = |fs: &[Value]| -> Vec<String> {
        fs.iter()
            .map(|f| format!("{} ({}, {})", f["found"], f["kind"], f["confidence"]))
            .collect()
    };
    assert_eq!(
        findings.len(),
        wants.len(),
        "findings: {:?}\nwanted: {:?}",
        summary(findings),
        wants.iter().map(|w| w.found).collect::<Vec<_>>()
    );
    for (f, w) in findings.iter().zip(wants) {
        let at = locate(text, w.found, w.nth);
        let context = format!("finding {f}\nwanted {w:?} at {at:?}");
        let num = |key: &str| {
            f[key]
                .as_u64()
                .unwrap_or_else(|| panic!("{key} is not a number\n{context}")) as usize
        };
        let (start, end) = (num("start"), num("end"));
        assert_eq!(
            f["found"].as_str(),
            text.get(start..end),
            "found is not the input's bytes start..end\n{context}"
        );
        assert_eq!(
            (start, end, num("line"), num("column")),
            (at.start, at.end, at.line, at.column),
            "start, end, line, column\n{context}"
        );
        assert_eq!(f["found"], w.found, "{context}");
        assert_eq!(f["entry"], w.entry, "{context}");
        assert_eq!(f["kind"], w.kind, "{context}");
        assert_eq!(f["suggestion"], w.suggestion, "{context}");
        assert_eq!(f["lang"], w.lang, "{context}");
        let confidence = f["confidence"]
            .as_f64()
            .unwrap_or_else(|| panic!("confidence is not a number\n{context}"));
        match w.confidence {
            Conf::Exact(c) => assert!((confidence - c).abs() < 1e-9, "confidence\n{context}"),
            Conf::Between(lo, hi) => assert!(
                (lo..hi).contains(&confidence),
                "confidence not in {lo}..{hi}\n{context}"
            ),
        }
        match file {
            Some(name) => assert_eq!(f["file"], name, "file\n{context}"),
            None => assert!(f.get("file").is_none(), "unexpected file\n{context}"),
        }
    }
}

/// `check --json ARGS…` on `stdin` text, which must exit 0 or 1; returns
/// the findings and the run.
pub fn check_json(desk: &Desk, args: &[&str], stdin: Option<&str>) -> (Vec<Value>, Run) {
    let mut all = vec!["check", "--json"];
    all.extend_from_slice(args);
    let run = desk.run(&all, stdin.map(str::as_bytes));
    assert!(
        run.code == 0 || run.code == 1,
        "check {args:?} exited {}: {}",
        run.code,
        run.stderr
    );
    (run.array(), run)
}
