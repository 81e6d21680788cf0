//! `dragoman tm …`: the translation memory.

use super::output::{isolate, print, write_atomically, Style};
use crate::error::{line_of, Error, Result};
use crate::formats::{decode_text, tmx};
use crate::glossary::is_valid_lang;
use crate::store::{Seed, Store, TmImportStats};
use crate::tm::tabular::{self, TabularWriter};
use crate::tm::unit::{Meta, Unit, Variant};
use crate::tm::{concordance, search, Concordance, Match, SearchOptions};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Subcommand, Debug)]
pub enum TmCommand {
    /// Import a TMX 1.4b memory or a TSV/CSV list (header of language codes); all or nothing
    Import(ImportArgs),
    /// Add one unit
    Add {
        /// Language of SOURCE
        #[arg(long, value_name = "LANG")]
        from: String,
        /// Language of TARGET
        #[arg(long, value_name = "LANG")]
        to: String,
        source: String,
        target: String,
        /// A note for translators
        #[arg(long)]
        note: Option<String>,
    },
    /// Units, languages and size on disk
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Export the memory as TMX 1.4b, TSV or CSV
    Export {
        /// tmx, tsv or csv [default: from -o's extension, else tmx]
        #[arg(long)]
        format: Option<TmFormat>,
        /// Write to FILE (atomically) instead of stdout
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Fuzzy search: stored segments like TEXT, with their translation and match score
    Search(SearchArgs),
    /// Units containing every one of WORDS (variant spellings and word forms match)
    Concordance {
        /// The words to find, in any order
        #[arg(required = true)]
        words: Vec<String>,
        /// Language the words are in
        #[arg(long, value_name = "LANG")]
        lang: String,
        /// Show at most N units
        #[arg(long, default_value_t = 20, value_name = "N", value_parser = super::at_least_one)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// TMX, TSV or CSV file, or - for stdin
    pub file: String,
    /// tmx, tsv or csv [default: from the extension]
    #[arg(long)]
    pub format: Option<TmFormat>,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The segment to find matches for
    pub text: String,
    /// Language of TEXT
    #[arg(long, value_name = "LANG")]
    pub from: String,
    /// Language of the translations wanted
    #[arg(long, value_name = "LANG")]
    pub to: String,
    /// Show at most N matches
    #[arg(long, default_value_t = 5, value_name = "N", value_parser = super::at_least_one)]
    pub limit: usize,
    /// Only matches scoring at least S (0..1)
    #[arg(long, default_value_t = 0.5, value_name = "S")]
    pub min_score: f64,
    /// Print the contract JSON
    #[arg(long)]
    pub json: bool,
}

/// A translation-memory file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TmFormat {
    Tmx,
    Tsv,
    Csv,
}

impl TmFormat {
    fn from_path(path: &Path) -> Option<TmFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "tmx" | "xml" => Some(TmFormat::Tmx),
            "tsv" | "tab" | "txt" => Some(TmFormat::Tsv),
            "csv" => Some(TmFormat::Csv),
            _ => None,
        }
    }
}

pub fn check_langs(langs: &[&str]) -> Result<()> {
    for l in langs {
        if !is_valid_lang(l) {
            return Err(Error::usage(format!(
                "{l:?} is not a language code (en, ar, ru, …)"
            )));
        }
    }
    Ok(())
}

pub fn check_min_score(s: f64) -> Result<()> {
    if (0.0..=1.0).contains(&s) {
        Ok(())
    } else {
        Err(Error::usage(format!(
            "--min-score {s} is not between 0 and 1"
        )))
    }
}

/// Runs a tm subcommand other than import.
pub fn run(store: &mut Store, command: TmCommand) -> Result<u8> {
    match command {
        TmCommand::Import(_) => unreachable!("import runs before the store is opened"),
        TmCommand::Add {
            from,
            to,
            source,
            target,
            note,
        } => {
            check_langs(&[&from, &to])?;
            if source.trim().is_empty() || target.trim().is_empty() {
                return Err(Error::usage("SOURCE and TARGET must not be empty"));
            }
            let mut meta = Meta::default();
            meta.set_attr("creationdate", tmx_now());
            if let Some(user) = std::env::var("USER").ok().filter(|u| !u.is_empty()) {
                meta.set_attr("creationid", user);
            }
            meta.set_attr("srclang", from.clone());
            meta.notes.extend(note);
            let unit = Unit {
                meta,
                variants: vec![Variant::plain(&from, &source), Variant::plain(&to, &target)],
            };
            unit.check_xml_chars().map_err(Error::usage)?;
            let mut import = store.tm_import()?;
            import.add(unit)?;
            let added = import.finish()?.added > 0;
            print(if added {
                "added 1 unit\n"
            } else {
                "already in the memory: nothing added\n"
            })?;
        }
        TmCommand::Stats { json } => {
            let stats = store.tm_stats()?;
            if json {
                let langs: serde_json::Map<String, serde_json::Value> = stats
                    .langs
                    .iter()
                    .map(|(l, n)| (l.clone(), json!(n)))
                    .collect();
                print(&format!(
                    "{}\n",
                    json!({"units": stats.units, "languages": langs, "bytes": stats.bytes})
                ))?;
            } else {
                let langs: Vec<String> = stats
                    .langs
                    .iter()
                    .map(|(l, n)| format!("{l} {n}"))
                    .collect();
                print(&format!(
                    "units: {}\nsegments per language: {}\ndatabase: {} ({})\n",
                    stats.units,
                    if langs.is_empty() {
                        "none".to_string()
                    } else {
                        langs.join(", ")
                    },
                    store.path(),
                    human_bytes(stats.bytes)
                ))?;
            }
        }
        TmCommand::Export { format, output } => export(store, format, output)?,
        TmCommand::Search(args) => {
            check_langs(&[&args.from, &args.to])?;
            check_min_score(args.min_score)?;
            let options = SearchOptions {
                limit: args.limit,
                min_score: args.min_score,
                ..SearchOptions::default()
            };
            let matches = search(store, &args.text, &args.from, &args.to, &options)?;
            if args.json {
                let rows: Vec<_> = matches
                    .iter()
                    .map(|m| match_json(m, &args.from, &args.to))
                    .collect();
                print(&format!("{}\n", serde_json::Value::Array(rows)))?;
            } else {
                print(&show_matches(&args.text, &matches, Style::for_stdout()))?;
            }
        }
        TmCommand::Concordance {
            words,
            lang,
            limit,
            json,
        } => {
            check_langs(&[&lang])?;
            let found = concordance(store, &words.join(" "), &lang, limit)?;
            if json {
                let rows: Vec<_> = found.iter().map(concordance_json).collect();
                print(&format!("{}\n", serde_json::Value::Array(rows)))?;
            } else {
                print(&show_concordance(&found, Style::for_stdout()))?;
            }
        }
    }
    Ok(0)
}

/// One match in the contract shape.
pub fn match_json(m: &Match, from: &str, to: &str) -> serde_json::Value {
    json!({"score": m.score, "source": m.source.text, "target": m.target.text, "from": from, "to": to})
}

fn concordance_json(c: &Concordance) -> serde_json::Value {
    json!({
        "lang": c.source.lang,
        "text": c.source.text,
        "hits": c.hits.iter().map(|&(s, e)| json!({"start": s, "end": e, "text": &c.source.text[s..e]})).collect::<Vec<_>>(),
        "translations": c.translations.iter().map(|v| json!({"lang": v.lang, "text": v.text})).collect::<Vec<_>>(),
    })
}

/// `query`'s matches for a reader: the score as a percentage, the stored
/// segment with the words that differ from the query highlighted, and its
/// translation.
pub fn show_matches(query: &str, matches: &[Match], style: Style) -> String {
    if matches.is_empty() {
        return "no match\n".to_string();
    }
    let mut out = String::new();
    for m in matches {
        let percent = format!("{:>3.0}%", m.score * 100.0);
        let percent = if m.score >= 1.0 {
            style.green(&percent)
        } else if m.score >= 0.75 {
            style.yellow(&percent)
        } else {
            style.dim(&percent)
        };
        out.push_str(&format!(
            "{percent}  {}\n      → {}\n",
            isolate(&highlight_differences(query, &m.source.text, style)),
            isolate(&m.target.text)
        ));
    }
    out
}

/// `stored` with the words that are not in `query` highlighted.
fn highlight_differences(query: &str, stored: &str, style: Style) -> String {
    let diff = similar::TextDiff::from_words(query, stored);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Equal => out.push_str(change.value()),
            similar::ChangeTag::Insert => out.push_str(&style.red(change.value())),
            similar::ChangeTag::Delete => {}
        }
    }
    out
}

fn show_concordance(found: &[Concordance], style: Style) -> String {
    if found.is_empty() {
        return "no unit contains these words\n".to_string();
    }
    let mut out = String::new();
    for c in found {
        let mut text = String::new();
        let mut at = 0;
        for &(s, e) in &c.hits {
            text.push_str(&c.source.text[at..s]);
            text.push_str(&style.bold(&style.yellow(&c.source.text[s..e])));
            at = e;
        }
        text.push_str(&c.source.text[at..]);
        out.push_str(&format!("{}: {}\n", c.source.lang, isolate(&text)));
        for v in &c.translations {
            out.push_str(&format!("  {}: {}\n", style.dim(&v.lang), isolate(&v.text)));
        }
    }
    out
}

fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => format!("{n} bytes"),
    }
}

/// The current time as TMX writes dates: `YYYYMMDDThhmmssZ`, UTC.
fn tmx_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// `tm import`: streams the file into one transaction. Any problem rolls
/// it back, and a database this command created is removed again, so a
/// refused file changes nothing.
pub fn import(db: &Path, seed: Seed, args: &ImportArgs) -> Result<()> {
    let format = match args.format {
        Some(f) => f,
        None if args.file == "-" => TmFormat::Tmx,
        None => TmFormat::from_path(Path::new(&args.file)).ok_or_else(|| {
            Error::usage(format!(
                "cannot tell the format of {} from its extension: pass --format tmx, tsv or csv",
                args.file
            ))
        })?,
    };
    let source = Source::open(&args.file)?;
    let existed = db.exists();
    let result = Store::open(db, seed).and_then(|mut store| {
        let stats = store.tm_bulk(|store| import_into(store, &args.file, format, source))?;
        Ok((stats, store.path().to_string()))
    });
    match result {
        Ok((stats, path)) => print(&format!(
            "imported {} units from {} ({} new, {} duplicates merged) into {path}\n",
            stats.read, args.file, stats.added, stats.duplicates
        )),
        Err(e) => {
            if !existed {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let mut p = db.as_os_str().to_owned();
                    p.push(suffix);
                    let _ = std::fs::remove_file(PathBuf::from(p));
                }
            }
            Err(e)
        }
    }
}

/// What an import reads: a file streamed from disk (UTF-8), or text held
/// in memory (standard input, UTF-16 files).
enum Source {
    File { path: PathBuf, len: u64, bom: bool },
    Text(String),
}

impl Source {
    fn open(name: &str) -> Result<Source> {
        if name == "-" {
            let bytes = super::output::read_stdin().map_err(|e| Error::io("-", e))?;
            return Ok(Source::Text(decode_text(name, &bytes)?));
        }
        let mut file = std::fs::File::open(name).map_err(|e| Error::io(name, e))?;
        let mut head = [0u8; 3];
        let n = read_up_to(&mut file, &mut head).map_err(|e| Error::io(name, e))?;
        let head = &head[..n];
        if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
            let bytes = std::fs::read(name).map_err(|e| Error::io(name, e))?;
            return Ok(Source::Text(decode_text(name, &bytes)?));
        }
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(Source::File {
            path: PathBuf::from(name),
            len,
            bom: head == b"\xEF\xBB\xBF",
        })
    }
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// The 1-based line of byte `offset` of a file (counted again, only when a
/// message needs it).
fn line_in_file(path: &Path, offset: u64) -> u64 {
    let Ok(file) = std::fs::File::open(path) else {
        return 1;
    };
    let mut reader = BufReader::new(file.take(offset));
    let mut line = 1;
    let mut buf = Vec::new();
    while let Ok(n) = reader.read_until(b'\n', &mut buf) {
        if n == 0 || buf.last() != Some(&b'\n') {
            break;
        }
        line += 1;
        buf.clear();
    }
    line
}

fn import_into(
    store: &mut Store,
    name: &str,
    format: TmFormat,
    source: Source,
) -> Result<TmImportStats> {
    let mut import = store.tm_import()?;
    // The file is read and its units prepared on a thread of their own,
    // while this one writes them.
    import.add_from(|add| match source {
        Source::Text(text) => {
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let line_at = |pos: u64| line_of(text, pos as usize);
            read_format(name, format, text.as_bytes(), &line_at, add)
        }
        Source::File { path, len, bom } => {
            let file = std::fs::File::open(&path).map_err(|e| Error::io(name, e))?;
            let progress = progress_bar(len);
            let mut reader = BufReader::with_capacity(1 << 16, progress.wrap_read(file));
            if bom {
                reader.consume(3);
            }
            let skip = if bom { 3 } else { 0 };
            let line_at = |pos: u64| line_in_file(&path, pos + skip);
            read_format(name, format, reader, &line_at, add)?;
            progress.finish_and_clear();
            Ok(())
        }
    })?;
    import.finish()
}

fn read_format<R: BufRead>(
    name: &str,
    format: TmFormat,
    input: R,
    line_at: &dyn Fn(u64) -> u64,
    add: &mut dyn FnMut(Unit) -> Result<()>,
) -> Result<()> {
    match format {
        TmFormat::Tmx => tmx::read(name, input, line_at, add).map(|_| ()),
        TmFormat::Tsv => tabular::read(name, input, b'\t', add),
        TmFormat::Csv => tabular::read(name, input, b',', add),
    }
}

/// A byte-progress bar on a terminal; hidden otherwise.
fn progress_bar(len: u64) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "importing {bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}

/// The `srclang` of an exported memory's header, which CAT tools take
/// for the memory's source language: the one its units name, when they
/// agree; `*all*` when they name several; else (no unit names one) the
/// language of the most segments, of `langs` (most first).
fn header_srclang(store: &Store, langs: &[String]) -> Result<String> {
    let named = store.tm_source_langs()?;
    Ok(match &named[..] {
        [] => langs.first().map_or("en", String::as_str).to_string(),
        [lang] => lang.clone(),
        _ => "*all*".to_string(),
    })
}

fn export(store: &Store, format: Option<TmFormat>, output: Option<PathBuf>) -> Result<()> {
    let format = format
        .or_else(|| output.as_deref().and_then(TmFormat::from_path))
        .unwrap_or(TmFormat::Tmx);
    let stats = store.tm_stats()?;
    let langs: Vec<String> = stats.langs.iter().map(|(l, _)| l.clone()).collect();
    let write = |out: &mut dyn Write| -> Result<()> {
        let io = |e: std::io::Error| {
            Error::io(
                output
                    .as_ref()
                    .map_or("stdout".into(), |p| p.display().to_string()),
                e,
            )
        };
        match format {
            TmFormat::Tmx => {
                let srclang = header_srclang(store, &langs)?;
                let mut w = tmx::TmxWriter::new(out, &srclang).map_err(io)?;
                store.tm_for_each(&mut |unit| w.unit(&unit).map_err(io))?;
                w.finish().map_err(io)?;
            }
            TmFormat::Tsv | TmFormat::Csv => {
                let delimiter = if format == TmFormat::Csv { b',' } else { b'\t' };
                let mut w = TabularWriter::new(out, &langs, delimiter).map_err(io)?;
                store.tm_for_each(&mut |unit| w.unit(&unit).map_err(io))?;
                w.finish().map_err(io)?;
            }
        }
        Ok(())
    };
    match &output {
        Some(path) => {
            let mut bytes = Vec::new();
            write(&mut bytes)?;
            write_atomically(path, &bytes)
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            match write(&mut out).and_then(|_| out.flush().map_err(|e| Error::io("stdout", e))) {
                Err(Error::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::BrokenPipe =>
                {
                    Ok(())
                }
                other => other,
            }
        }
    }
}
