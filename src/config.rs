//! `dragoman.toml`: the settings of a desk or a project, found next to an
//! input or in a folder above it (the nearest file wins, as with
//! `.editorconfig` files marked `root`), and the glossary layers it and
//! `--glossary` put over the database's entries.
//!
//! ```toml
//! glossaries = ["desk.tsv", "../shared/project.tbx"]  # relative to this file
//! min-confidence = 0.9
//! ignore = ["gna", "Tripoli Zoo"]                     # entry ids or exact phrases
//! languages = ["en", "ru"]
//! ```

use crate::error::{line_of, Error, Result};
use crate::formats::{read_glossary, Format};
use crate::glossary::{is_valid_lang, Entry};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The name dragoman looks for.
pub const FILE_NAME: &str = "dragoman.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    glossaries: Vec<String>,
    min_confidence: Option<f64>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    languages: Vec<String>,
}

/// A `dragoman.toml`, read and checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file itself.
    pub path: PathBuf,
    /// Glossary files layered over the database, in order (later ones win),
    /// as paths from the current folder.
    pub glossaries: Vec<PathBuf>,
    pub min_confidence: Option<f64>,
    /// Entry ids or exact phrases never to report.
    pub ignore: Vec<String>,
    /// The languages whose mentions `check` and `normalize` report.
    pub languages: Vec<String>,
}

impl Config {
    /// The `dragoman.toml` in force for `path` (a file or a folder): the
    /// nearest one in its folder or a folder above.
    pub fn find(path: &Path) -> Result<Option<Config>> {
        let absolute = std::path::absolute(path).map_err(|e| Error::io(path.display(), e))?;
        let mut folder = if absolute.is_dir() {
            Some(absolute.as_path())
        } else {
            absolute.parent()
        };
        while let Some(dir) = folder {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&shown(&candidate)).map(Some);
            }
            folder = dir.parent();
        }
        Ok(None)
    }

    /// Reads one file; errors name the file, the line and the problem.
    pub fn load(path: &Path) -> Result<Config> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(&name, e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            Error::input(&name, None, format!("invalid UTF-8 at byte {at}"))
        })?;
        let raw: RawConfig = toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|span| line_of(&text, span.start));
            Error::input(&name, line, e.message().trim_end().to_string())
        })?;
        let key_line = |key: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(key))
                .map(|i| i as u64 + 1)
        };
        if let Some(x) = raw.min_confidence {
            if !(0.0..=1.0).contains(&x) {
                return Err(Error::input(
                    &name,
                    key_line("min-confidence"),
                    format!("min-confidence {x} is not between 0 and 1"),
                ));
            }
        }
        if let Some(lang) = raw.languages.iter().find(|l| !is_valid_lang(l)) {
            return Err(Error::input(
                &name,
                key_line("languages"),
                format!("{lang:?} is not a language code (en, ar, ru, …)"),
            ));
        }
        if raw.ignore.iter().any(|i| i.trim().is_empty()) {
            return Err(Error::input(
                &name,
                key_line("ignore"),
                "an empty phrase in ignore: give entry ids or phrases",
            ));
        }
        let folder = path.parent().unwrap_or(Path::new("."));
        Ok(Config {
            path: path.to_path_buf(),
            glossaries: raw
                .glossaries
                .iter()
                .map(|g| shown(&folder.join(g)))
                .collect(),
            min_confidence: raw.min_confidence,
            ignore: raw.ignore,
            languages: raw.languages,
        })
    }

    /// Whether a finding of `entry` that reads `found` is to be left out.
    pub fn ignores(&self, entry: &str, found: &str) -> bool {
        self.ignore.iter().any(|i| i == entry || i == found)
    }
}

/// `path` as messages show it: `.` and `..` taken out, and relative to the
/// current folder when it lies under it.
fn shown(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if clean.file_name().is_some() => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    match std::env::current_dir() {
        Ok(cwd) if clean.is_absolute() => clean
            .strip_prefix(&cwd)
            .map(Path::to_path_buf)
            .unwrap_or(clean),
        _ => clean,
    }
}

/// A glossary file layered over the database.
#[derive(Debug, Clone)]
pub struct Layer {
    /// The path as the user gave it (or as the `dragoman.toml` resolves
    /// it): what findings and lookups name as their `layer`.
    pub name: String,
    pub entries: Vec<Entry>,
}

impl Layer {
    /// Reads a glossary file in any glossary format (by its extension,
    /// TSV when it has none that says).
    pub fn read(path: &Path) -> Result<Layer> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            Error::usage(format!(
                "cannot read the glossary layer {name}: {e} (check --glossary or dragoman.toml)"
            ))
        })?;
        let format = Format::from_path(path).unwrap_or(Format::Tsv);
        let mut entries = read_glossary(&name, &bytes, format)?.entries;
        for entry in &mut entries {
            entry.layer = Some(name.clone());
        }
        Ok(Layer { name, entries })
    }
}

/// The database's entries with `layers` over them, in order: a layer's
/// entry replaces the entry with the same id where it stood; new ids follow
/// the database's entries.
pub fn layered(mut entries: Vec<Entry>, layers: &[Layer]) -> Vec<Entry> {
    let mut position: std::collections::HashMap<String, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i))
        .collect();
    for layer in layers {
        for entry in &layer.entries {
            match position.get(&entry.id) {
                Some(&i) => entries[i] = entry.clone(),
                None => {
                    position.insert(entry.id.clone(), entries.len());
                    entries.push(entry.clone());
                }
            }
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn the_nearest_file_wins_and_paths_are_relative_to_it() {
        let root = tempfile::tempdir().unwrap();
        write(root.path(), FILE_NAME, "min-confidence = 0.5\n");
        let desk = root.path().join("desk");
        std::fs::create_dir_all(desk.join("today")).unwrap();
        write(
            &desk,
            FILE_NAME,
            "glossaries = [\"desk.tsv\"]\nignore = [\"gna\"]\n",
        );
        let article = write(&desk.join("today"), "a.txt", "text");
        let config = Config::find(&article).unwrap().unwrap();
        assert!(config.path.ends_with("desk/dragoman.toml"));
        assert_eq!(config.min_confidence, None);
        assert!(config.glossaries[0].ends_with("desk/desk.tsv"));
        assert!(config.ignores("gna", "GNA") && !config.ignores("tarhuna", "Tarkhuna"));
        let top = Config::find(root.path()).unwrap().unwrap();
        assert_eq!(top.min_confidence, Some(0.5));
    }

    #[test]
    fn errors_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), FILE_NAME, "ignore = []\nlanguage = [\"en\"]\n");
        let message = Config::load(&path).unwrap_err().to_string();
        assert!(
            message.contains(":2:") && message.contains("language"),
            "{message}"
        );
        let path = write(dir.path(), FILE_NAME, "\nmin-confidence = 3\n");
        let message = Config::load(&path).unwrap_err().to_string();
        assert!(
            message.contains(":2:") && message.contains("between 0 and 1"),
            "{message}"
        );
    }

    #[test]
    fn a_layer_replaces_entries_by_id() {
        let mut base = vec![Entry::new("a"), Entry::new("b")];
        base[1].note = "house".into();
        let mut b = Entry::new("b");
        b.note = "desk".into();
        let layer = Layer {
            name: "desk.tsv".into(),
            entries: vec![b, Entry::new("c")],
        };
        let merged = layered(base, &[layer]);
        let ids: Vec<&str> = merged.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(merged[1].note, "desk");
    }
}
