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
