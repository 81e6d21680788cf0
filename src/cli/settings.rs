//! What is in force for an input: the glossary (the database's entries with
//! the layers of `--glossary` and of the `dragoman.toml` found for the input
//! over them) and that file's settings.

use super::inputs::Input;
use crate::config::{layered, Config, Layer};
use crate::error::Result;
use crate::glossary::Entry;
use crate::matcher::compiled::{CacheKey, MatcherCache};
use crate::matcher::Matcher;
use crate::store::Store;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The glossary and settings for the inputs under one `dragoman.toml`.
pub struct Desk {
    pub matcher: Matcher,
    pub config: Option<Config>,
}

/// Desks by the `dragoman.toml` in force, built once each.
pub struct Desks<'s> {
    store: &'s Store,
    /// The database's entries, read when a matcher is first compiled.
    database: OnceCell<Vec<Entry>>,
    /// Where compiled matchers are kept, the database's glossary version
    /// and the policy that says which; `None` when none is kept.
    cache: Option<(MatcherCache, String, CachePolicy)>,
    /// `--glossary` layers, read once; they go over the file's.
    command_line: Vec<Layer>,
    built: HashMap<Option<PathBuf>, Arc<Desk>>,
    /// The `dragoman.toml` in force by folder, so that a batch looks for it
    /// once per folder.
    found: HashMap<PathBuf, Option<Config>>,
}

/// When compiled matchers are kept (`DRAGOMAN_INDEX_CACHE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CachePolicy {
    /// For glossaries of [`CACHE_FROM`] entries or more, counting the
    /// database's and those of the layers over it (the default): smaller
    /// ones compile faster than a file is read.
    Auto,
    Always,
    Never,
}

/// Entries from which [`CachePolicy::Auto`] keeps compiled matchers.
const CACHE_FROM: usize = 1_000;

impl CachePolicy {
    fn from_env() -> Result<CachePolicy> {
        match std::env::var("DRAGOMAN_INDEX_CACHE").as_deref() {
            Err(_) | Ok("" | "auto") => Ok(CachePolicy::Auto),
            Ok("always") => Ok(CachePolicy::Always),
            Ok("never") => Ok(CachePolicy::Never),
            Ok(other) => Err(crate::error::Error::usage(format!(
                "DRAGOMAN_INDEX_CACHE={other:?}: expected auto, always or never"
            ))),
        }
    }

    /// Whether a compiled glossary of `database` entries in the store
    /// and `layered` in the layers over them is kept.
    fn keeps(self, database: usize, layered: usize) -> bool {
        match self {
            CachePolicy::Auto => database + layered >= CACHE_FROM,
            CachePolicy::Always => true,
            CachePolicy::Never => false,
        }
    }
}

impl<'s> Desks<'s> {
    /// Reads the `--glossary` files now, so that a bad one stops the run
    /// before any input is read.
    pub fn new(store: &'s Store, glossaries: &[PathBuf]) -> Result<Desks<'s>> {
        let command_line = glossaries
            .iter()
            .map(|path| Layer::read(path))
            .collect::<Result<Vec<_>>>()?;
        let policy = CachePolicy::from_env()?;
        let cache = match store.file() {
            Some(file) if policy != CachePolicy::Never => Some((
                MatcherCache::beside(file),
                store.glossary_version()?,
                policy,
            )),
            _ => None,
        };
        Ok(Desks {
            store,
            database: OnceCell::new(),
            cache,
            command_line,
            built: HashMap::new(),
            found: HashMap::new(),
        })
    }

    /// The desk for a document: the `dragoman.toml` of its folder or one
    /// above (of the current folder for standard input).
    pub fn for_input(&mut self, input: &Input) -> Result<Arc<Desk>> {
        let at = input.path.as_deref().unwrap_or(Path::new("."));
        self.for_path(at)
    }

    /// The desk for a file or folder.
    pub fn for_path(&mut self, path: &Path) -> Result<Arc<Desk>> {
        let folder = if path.is_dir() {
            path
        } else {
            path.parent().unwrap_or(Path::new("."))
        };
        let config = match self.found.get(folder) {
            Some(config) => config.clone(),
            None => {
                let config = Config::find(path)?;
                self.found.insert(folder.to_path_buf(), config.clone());
                config
            }
        };
        let key = config.as_ref().map(|c| c.path.clone());
        if let Some(desk) = self.built.get(&key) {
            return Ok(desk.clone());
        }
        let desk = Arc::new(Desk {
            matcher: self.compile(config.as_ref())?,
            config,
        });
        self.built.insert(key, desk.clone());
        Ok(desk)
    }

    /// The matcher for the glossary in force under `config`: read from the
    /// cache when it holds that glossary compiled, else compiled (and kept
    /// when the policy says so).
    fn compile(&self, config: Option<&Config>) -> Result<Matcher> {
        let layers = self.layers_under(config)?;
        let layered_count = layers.iter().map(|l| l.entries.len()).sum();
        let cache = match &self.cache {
            Some((cache, version, policy)) if policy.keeps(self.store.count()?, layered_count) => {
                Some((cache, version))
            }
            _ => None,
        };
        let Some((cache, version)) = cache else {
            return Ok(Matcher::new(layered(self.database()?.to_vec(), &layers)));
        };
        let layer_entries: Vec<Entry> = layers.iter().flat_map(|l| l.entries.clone()).collect();
        let key = CacheKey::new(version, &layer_entries);
        if let Some(matcher) = cache.load(&key) {
            return Ok(matcher);
        }
        let matcher = Matcher::new(layered(self.database()?.to_vec(), &layers));
        if let Err(e) = cache.store(&key, &matcher) {
            eprintln!(
                "dragoman: note: the compiled glossary could not be kept in {}: {e}",
                cache.dir().display()
            );
        }
        Ok(matcher)
    }

    /// Ends a run without freeing the compiled glossaries: the process is
    /// about to exit, and freeing a large one piece by piece takes longer
    /// than a short run's work.
    pub fn forget(self) {
        std::mem::forget(self);
    }

    /// The database's entries, read once.
    fn database(&self) -> Result<&[Entry]> {
        if let Some(entries) = self.database.get() {
            return Ok(entries);
        }
        let entries = self.store.entries()?;
        Ok(self.database.get_or_init(|| entries))
    }

    /// The layers in force under `config`, lowest first: the file's, then
    /// `--glossary`'s.
    fn layers_under(&self, config: Option<&Config>) -> Result<Vec<Layer>> {
        let mut layers = Vec::new();
        for path in config.iter().flat_map(|c| &c.glossaries) {
            layers.push(Layer::read(path)?);
        }
        layers.extend(self.command_line.iter().cloned());
        Ok(layers)
    }
}

/// One setting in force and where it comes from.
#[derive(serde::Serialize)]
struct Shown<T: serde::Serialize> {
    value: T,
    /// `default`, `--db`, `DRAGOMAN_DB`, `--glossary`, `--min-confidence`
    /// or the path of the `dragoman.toml`.
    source: String,
}

#[derive(serde::Serialize)]
struct ShownConfig {
    path: String,
    database: Shown<String>,
    config: Option<String>,
    /// The glossaries in force, lowest first: `db`, then the layers.
    glossaries: Vec<Shown<String>>,
    min_confidence: Shown<BTreeMinConfidence>,
    ignore: Shown<Vec<String>>,
    languages: Shown<Vec<String>>,
}

#[derive(serde::Serialize)]
struct BTreeMinConfidence {
    check: f64,
    normalize: f64,
}

/// `dragoman config [PATH]`: what is in force for `path` and where each
/// value comes from. Reads the layers (so that a broken one shows here),
/// opens no database.
pub fn show(cli: &super::Cli, db: &Path, path: Option<&Path>, json: bool) -> Result<u8> {
    use crate::house_style::{CHECK_MIN_CONFIDENCE, NORMALIZE_MIN_CONFIDENCE};
    let path = path.unwrap_or(Path::new("."));
    if !path.exists() {
        return Err(crate::error::Error::usage(format!(
            "{}: no such file or folder",
            path.display()
        )));
    }
    let config = Config::find(path)?;
    let from_file = |c: &Config| c.path.display().to_string();
    let database_source = match (&cli.db, std::env::var_os("DRAGOMAN_DB")) {
        (None, _) => "default",
        (Some(given), Some(env)) if given.as_os_str() == env.as_os_str() => "DRAGOMAN_DB",
        _ => "--db",
    };
    let mut glossaries = vec![Shown {
        value: crate::house_style::DATABASE_LAYER.to_string(),
        source: db.display().to_string(),
    }];
    for layer in config.iter().flat_map(|c| &c.glossaries) {
        let read = Layer::read(layer)?;
        glossaries.push(Shown {
            value: format!("{} ({} entries)", read.name, read.entries.len()),
            source: config.as_ref().map(from_file).unwrap_or_default(),
        });
    }
    for layer in &cli.glossaries {
        let read = Layer::read(layer)?;
        glossaries.push(Shown {
            value: format!("{} ({} entries)", read.name, read.entries.len()),
            source: "--glossary".into(),
        });
    }
    let (min_confidence, min_source) = match config
        .as_ref()
        .and_then(|c| c.min_confidence.map(|x| (x, c)))
    {
        Some((x, c)) => (
            BTreeMinConfidence {
                check: x,
                normalize: x,
            },
            from_file(c),
        ),
        None => (
            BTreeMinConfidence {
                check: CHECK_MIN_CONFIDENCE,
                normalize: NORMALIZE_MIN_CONFIDENCE,
            },
            "default".to_string(),
        ),
    };
    let listed = |pick: fn(&Config) -> &Vec<String>| match config.as_ref() {
        Some(c) if !pick(c).is_empty() => Shown {
            value: pick(c).clone(),
            source: from_file(c),
        },
        _ => Shown {
            value: Vec::new(),
            source: "default".into(),
        },
    };
    let shown = ShownConfig {
        path: path.display().to_string(),
        database: Shown {
            value: db.display().to_string(),
            source: database_source.into(),
        },
        config: config.as_ref().map(from_file),
        glossaries,
        min_confidence: Shown {
            value: min_confidence,
            source: min_source,
        },
        ignore: listed(|c| &c.ignore),
        languages: listed(|c| &c.languages),
    };
    if json {
        let mut text = serde_json::to_string_pretty(&shown).expect("plain data serialises");
        text.push('\n');
        super::output::print(&text)?;
        return Ok(0);
    }
    let style = super::output::Style::for_stdout();
    let row = |name: &str, value: String, source: &str| {
        format!(
            "  {name:<15} {value}  {}\n",
            style.dim(&format!("({source})"))
        )
    };
    let mut out = format!("{}\n", style.bold(&format!("settings for {}", shown.path)));
    out.push_str(&row(
        "database",
        shown.database.value,
        &shown.database.source,
    ));
    out.push_str(&row(
        crate::config::FILE_NAME,
        shown.config.clone().unwrap_or_else(|| "none found".into()),
        if shown.config.is_some() {
            "nearest in the folder or above"
        } else {
            "none in the folder or above"
        },
    ));
    for (i, g) in shown.glossaries.iter().enumerate() {
        let name = if i == 0 { "glossaries" } else { "" };
        out.push_str(&row(name, g.value.clone(), &g.source));
    }
    out.push_str(&row(
        "min-confidence",
        format!(
            "check {}, normalize {}",
            shown.min_confidence.value.check, shown.min_confidence.value.normalize
        ),
        &shown.min_confidence.source,
    ));
    let list = |v: &[String], empty: &str| {
        if v.is_empty() {
            empty.to_string()
        } else {
            v.join(", ")
        }
    };
    out.push_str(&row(
        "ignore",
        list(&shown.ignore.value, "nothing"),
        &shown.ignore.source,
    ));
    out.push_str(&row(
        "languages",
        list(&shown.languages.value, "all"),
        &shown.languages.source,
    ));
    super::output::print(&out)?;
    Ok(0)
}
