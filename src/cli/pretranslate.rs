//! `dragoman pretranslate`: fill an XLIFF file's targets from the
//! translation memory.

use super::output::{print_with, read_input, write_atomically};
use super::tm::{check_langs, check_min_score};
use crate::error::Result;
use crate::formats::xliff::{pretranslate, Fill};
use crate::formats::{decode_with_encoding, Encoding};
use crate::store::Store;
use crate::tm::{search, SearchOptions};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct PretranslateArgs {
    /// XLIFF 1.2 or 2.x file
    pub file: String,
    /// Language to translate into (the file's target language)
    #[arg(long, value_name = "LANG")]
    pub to: String,
    /// Fill fuzzy matches scoring at least S (0..1), marked for review
    #[arg(long, default_value_t = 0.75, value_name = "S")]
    pub min_score: f64,
    /// Write to FILE (atomically) instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(store: &Store, args: &PretranslateArgs) -> Result<u8> {
    check_langs(&[&args.to])?;
    check_min_score(args.min_score)?;
    let (text, encoding) = decode_with_encoding(&args.file, &read_input(&args.file)?)?;
    // More than the best: to see other translations of the same source.
    let options = SearchOptions {
        limit: 5,
        min_score: args.min_score,
        ..SearchOptions::default()
    };
    let mut lookup = |source: &str, from: &str, to: &str| -> Result<Option<Fill>> {
        let mut matches = search(store, source, from, to, &options)?.into_iter();
        let Some(best) = matches.next() else {
            return Ok(None);
        };
        let mut others: Vec<String> = matches
            .filter(|m| m.score == best.score && m.source.seg == best.source.seg)
            .map(|m| m.target.seg)
            .filter(|t| *t != best.target.seg)
            .collect();
        others.sort_unstable();
        others.dedup();
        Ok(Some(Fill {
            score: best.score,
            conflicts: others.len(),
            source: best.source,
            target: best.target,
        }))
    };
    let (out, filled) = pretranslate(&args.file, &text, &args.to, args.min_score, &mut lookup)?;
    // Written back as it came: its byte-order mark and encoding kept.
    let out = match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => [encoding.bom(), &out].concat(),
        Encoding::Utf16Le | Encoding::Utf16Be => encoding.encode(&String::from_utf8_lossy(&out)),
    };
    match &args.output {
        Some(path) => write_atomically(path, &out)?,
        None => print_with(|w| w.write_all(&out))?,
    }
    let conflicting = match filled.conflicting {
        0 => String::new(),
        n => format!(" ({n} of them translated otherwise too, to review)"),
    };
    eprintln!(
        "{}: {} exact{conflicting} and {} fuzzy matches filled, {} segments left for the translator",
        args.file, filled.exact, filled.fuzzy, filled.left
    );
    Ok(0)
}
