//! The command line: argument parsing and dispatch. Each command's work is
//! done by the library; this layer reads flags, opens the store and prints.

mod check;
mod glossary;
mod inputs;
pub mod jsonl;
mod lookup;
pub mod output;
mod pretranslate;
mod review;
mod settings;
mod suggest;
mod tm;

use crate::error::{Error, Result};
use crate::formats::Format;
use crate::store::{default_path, Seed, Store};
use clap::{Args, Parser, Subcommand};
use settings::Desks;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "dragoman",
    version,
    about = "Multilingual (en/ar/ru) glossary and house-style tool for translation desks",
    after_help = "The database defaults to $XDG_DATA_HOME/dragoman/dragoman.db (usually \
                  ~/.local/share/dragoman/dragoman.db). A new database is seeded with the house glossary \
                  shipped with dragoman, unless it is created by `glossary import` or --no-default-glossary \
                  is given.\n\nExit codes: 0 ok or nothing found, 1 findings or conflicts, 2 usage or input \
                  error, 3 internal error."
)]
pub struct Cli {
    /// SQLite database to use [default: per-user file, see below]
    #[arg(long, global = true, env = "DRAGOMAN_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Do not seed a newly created database with the house glossary
    #[arg(long, global = true)]
    no_default_glossary: bool,
    /// Layer a glossary file (TSV, CSV, JSON, TBX) over the database's:
    /// its entries replace those with the same id (repeatable; later wins)
    #[arg(long = "glossary", global = true, value_name = "FILE")]
    glossaries: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

// Parsed once per run: the size of the largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
enum Command {
    /// Look a term up in any script and spelling; shows the house forms
    Lookup {
        /// The term, as written (any script, any spelling, any case form)
        term: String,
        /// Language TERM is written in (guessed from its script); never filters results
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Show at most N entries
        #[arg(long, default_value_t = 5, value_name = "N", value_parser = at_least_one)]
        limit: usize,
        /// Print the contract JSON
        #[arg(long)]
        json: bool,
    },
    /// Report every off-style mention of a glossary entry in articles (exit 1 when any)
    Check(CheckArgs),
    /// Rewrite articles to house style (everything else byte for byte)
    Normalize(NormalizeArgs),
    /// Maintain the glossary: add, edit, remove, show, list, import, export, validate
    #[command(subcommand)]
    Glossary(GlossaryCommand),
    /// Translation memory: import, add, stats, export, search, concordance
    #[command(subcommand)]
    Tm(tm::TmCommand),
    /// Per sentence: glossary terms with their target house form, and the best TM matches
    Suggest(suggest::SuggestArgs),
    /// Fill an XLIFF 1.2/2.x file's targets from exact and high fuzzy TM matches
    Pretranslate(pretranslate::PretranslateArgs),
    /// Show the settings in force for a file or folder and where each comes from
    Config {
        /// The file or folder whose settings to show [default: the current folder]
        path: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check; - or nothing reads stdin
    #[arg(value_name = "FILE")]
    inputs: Vec<String>,
    /// Language of the text (decides house forms for Latin-script mentions)
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Also report mentions already in house form (and admitted forms)
    #[arg(long)]
    all: bool,
    /// Report findings of this severity and above: error, warning (default) or info
    #[arg(long, value_name = "LEVEL")]
    severity: Option<crate::lookup::Severity>,
    /// Print the batch's consistency table (per entry: house, admitted and
    /// off-style forms; documents naming an entity in several forms) instead of findings
    #[arg(long, conflicts_with = "jsonl")]
    consistency: bool,
    /// Report findings at or above this confidence [default: 0.8]
    #[arg(long, value_name = "X")]
    min_confidence: Option<f64>,
    /// Only listed spellings: no detection of unlisted ones by similarity
    #[arg(long)]
    no_fuzzy: bool,
    /// Print the contract JSON
    #[arg(long)]
    json: bool,
    /// Read JSON Lines {"id", "text"}; write {"id", "findings"} per line
    #[arg(long, conflicts_with = "json")]
    jsonl: bool,
    /// Input format: text, html or markdown [default: from the extension; stdin and --jsonl are text]
    #[arg(long, value_name = "FORMAT")]
    format: Option<crate::markup::Format>,
}

#[derive(Args, Debug)]
pub struct NormalizeArgs {
    /// Files or directories to rewrite; - or nothing reads stdin
    #[arg(value_name = "FILE")]
    inputs: Vec<String>,
    /// Write the result to FILE (one input)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Rewrite the files themselves (atomically)
    #[arg(long)]
    in_place: bool,
    /// Write rewritten copies under DIR, keeping relative paths
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Ask about each finding (accept, reject, edit, …) before rewriting; answers come from stdin
    #[arg(long, conflicts_with_all = ["json", "diff", "jsonl"])]
    interactive: bool,
    /// Rewrite findings at or above this confidence [default: 0.95]
    #[arg(long, value_name = "X")]
    min_confidence: Option<f64>,
    /// Language of the text
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Only listed spellings: no detection of unlisted ones by similarity
    #[arg(long)]
    no_fuzzy: bool,
    /// Print a unified diff of what would change; write nothing
    #[arg(long, conflicts_with_all = ["output", "in_place", "out_dir"])]
    diff: bool,
    /// Print the applied findings (the check JSON shape)
    #[arg(long, conflicts_with = "diff")]
    json: bool,
    /// Read JSON Lines {"id", "text", …}; write each with text rewritten
    #[arg(long, conflicts_with_all = ["json", "diff", "output", "in_place", "out_dir"])]
    jsonl: bool,
    /// Input format: text, html or markdown [default: from the extension; stdin and --jsonl are text]
    #[arg(long, value_name = "FORMAT")]
    format: Option<crate::markup::Format>,
}

#[derive(Subcommand, Debug)]
pub enum GlossaryCommand {
    /// Add a new entry
    Add {
        /// Stable id, e.g. khalifa-haftar
        id: String,
        #[command(flatten)]
        fields: EntryFields,
    },
    /// Change an entry (only the given fields change)
    Edit {
        id: String,
        /// Give the entry a new id
        #[arg(long, value_name = "NEW_ID")]
        rename: Option<String>,
        #[command(flatten)]
        fields: EntryFields,
    },
    /// Remove entries (all or none)
    Remove {
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Show one entry in full
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// List entries, optionally filtered
    List(ListArgs),
    /// Import (upsert by id) a TSV, CSV, JSON or TBX glossary; all or nothing
    Import(ImportArgs),
    /// Export the glossary as TSV, CSV, JSON or TBX
    Export(ExportArgs),
    /// Report conflicts an editor must resolve (exit 1 when there are any)
    Validate {
        /// Validate this file instead of the database
        file: Option<String>,
        #[arg(long, value_name = "FORMAT")]
        format: Option<Format>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct EntryFields {
    /// Entry type: person, place, org, term, …
    #[arg(long = "type", value_name = "TYPE")]
    entry_type: Option<String>,
    /// English house form
    #[arg(long, value_name = "FORM")]
    en: Option<String>,
    /// Arabic house form
    #[arg(long, value_name = "FORM")]
    ar: Option<String>,
    /// Russian house form
    #[arg(long, value_name = "FORM")]
    ru: Option<String>,
    /// House form in any language (repeatable; empty FORM clears it)
    #[arg(long, value_name = "LANG=FORM")]
    house: Vec<String>,
    /// Add a variant spelling (repeatable)
    #[arg(long, value_name = "LANG=FORM")]
    variant: Vec<String>,
    /// Remove a variant spelling (repeatable)
    #[arg(long, value_name = "LANG=FORM")]
    remove_variant: Vec<String>,
    /// Add an admitted form: acceptable, never rewritten (repeatable)
    #[arg(long, value_name = "LANG=FORM")]
    admitted: Vec<String>,
    /// Add a forbidden form: reported as an error (repeatable)
    #[arg(long, value_name = "LANG=FORM")]
    forbidden: Vec<String>,
    /// Remove a variant, admitted or forbidden form (repeatable)
    #[arg(long, value_name = "LANG=FORM")]
    remove_form: Vec<String>,
    /// insensitive (default) or sensitive: match only with the listed capitals
    #[arg(long, value_name = "RULE")]
    case: Option<String>,
    /// fuzzy (default) or exact: listed forms only, never by similarity
    #[arg(long = "match", value_name = "RULE")]
    matching: Option<String>,
    /// Note for translators
    #[arg(long)]
    note: Option<String>,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Only entries of this type
    #[arg(long = "type", value_name = "TYPE")]
    entry_type: Option<String>,
    /// Only entries with forms in this language
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Only entries with a form containing TEXT (compared folded: case, accents, Arabic spelling)
    #[arg(long, value_name = "TEXT")]
    contains: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Glossary file, or - for stdin (TSV)
    file: String,
    /// tsv, csv, json or tbx [default: from the extension]
    #[arg(long)]
    format: Option<Format>,
    /// Read and check the file, write nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// tsv, csv, json or tbx [default: from -o's extension, else tsv]
    #[arg(long)]
    format: Option<Format>,
    /// Write to FILE (atomically) instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Runs dragoman with the process's arguments; returns its exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("dragoman: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

fn check_lang(lang: &Option<String>) -> Result<()> {
    match lang {
        Some(l) if !crate::glossary::is_valid_lang(l) => Err(Error::usage(format!(
            "--lang {l:?} is not a language code (en, ar, ru, …)"
        ))),
        _ => Ok(()),
    }
}

fn run(cli: Cli) -> Result<u8> {
    let db = cli.db.clone().unwrap_or_else(default_path);
    // Commands that read a file check it in full before any database is
    // opened (or created).
    match &cli.command {
        Command::Glossary(GlossaryCommand::Import(args)) => {
            glossary::import(&db, args)?;
            return Ok(0);
        }
        Command::Glossary(GlossaryCommand::Validate {
            file: Some(file),
            format,
            json,
        }) => {
            return glossary::validate_file(file, *format, *json);
        }
        _ => {}
    }
    if let Command::Lookup { term, lang, .. } = &cli.command {
        // Usage errors, before any database is opened (or created).
        lookup::check_term(term)?;
        check_lang(lang)?;
    }
    if let Command::Config { path, json } = &cli.command {
        return settings::show(&cli, &db, path.as_deref(), *json);
    }
    let seed = if cli.no_default_glossary {
        Seed::Nothing
    } else {
        Seed::HouseGlossary
    };
    if let Command::Tm(tm::TmCommand::Import(args)) = &cli.command {
        tm::import(&db, seed, args)?;
        return Ok(0);
    }
    let mut store = Store::open(&db, seed)?;
    match cli.command {
        Command::Lookup {
            term,
            lang,
            limit,
            json,
        } => {
            let mut desks = Desks::new(&store, &cli.glossaries)?;
            let desk = desks.for_path(std::path::Path::new("."))?;
            lookup::run(&desk.matcher, &term, lang.as_deref(), limit, json)?;
            desks.forget();
            Ok(0)
        }
        Command::Check(args) => {
            check_lang(&args.lang)?;
            let mut desks = Desks::new(&store, &cli.glossaries)?;
            let code = check::check(&mut desks, &args);
            desks.forget();
            code
        }
        Command::Normalize(args) => {
            check_lang(&args.lang)?;
            let mut desks = Desks::new(&store, &cli.glossaries)?;
            let code = check::normalize(&mut desks, &args);
            desks.forget();
            code
        }
        Command::Glossary(command) => glossary::run(&mut store, command),
        Command::Tm(command) => tm::run(&mut store, command),
        Command::Suggest(args) => {
            let mut desks = Desks::new(&store, &cli.glossaries)?;
            let at = args
                .input
                .as_deref()
                .filter(|f| *f != "-" && std::path::Path::new(f).exists());
            let desk = desks.for_path(std::path::Path::new(at.unwrap_or(".")))?;
            let code = suggest::run(&store, &desk.matcher, &args);
            desks.forget();
            code
        }
        Command::Config { .. } => unreachable!("handled before the store is opened"),
        Command::Pretranslate(args) => pretranslate::run(&store, &args),
    }
}

/// A `--limit` of at least one: a limit of none would answer nothing, and
/// a script would read that as "no match".
pub(crate) fn at_least_one(value: &str) -> std::result::Result<usize, String> {
    match value.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}
