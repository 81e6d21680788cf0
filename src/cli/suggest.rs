//! `dragoman suggest`: per sentence of a source text, the glossary terms
//! found with their house form in the target language, and the best
//! translation-memory matches.

use super::output::{isolate, print, read_input, Style};
use super::tm::{check_langs, check_min_score, show_matches};
use crate::error::Result;
use crate::formats::decode_text;
use crate::house_style::CHECK_MIN_CONFIDENCE;
use crate::lookup::{surname_of, Origin};
use crate::matcher::{Matcher, ScanOptions};
use crate::store::Store;
use crate::tm::segment::sentences;
use crate::tm::{search, Match, SearchOptions};
use clap::Args;
use serde_json::json;
use std::path::Path;

#[derive(Args, Debug)]
pub struct SuggestArgs {
    /// A file, - for stdin, or the text itself [default: stdin]
    #[arg(value_name = "FILE|-|TEXT")]
    pub input: Option<String>,
    /// Language of the source text
    #[arg(long, value_name = "LANG")]
    pub from: String,
    /// Language being translated into
    #[arg(long, value_name = "LANG")]
    pub to: String,
    /// Translation-memory matches per segment, at most
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub limit: usize,
    /// Only translation-memory matches scoring at least S (0..1)
    #[arg(long, default_value_t = 0.5, value_name = "S")]
    pub min_score: f64,
    /// Print the contract JSON
    #[arg(long)]
    pub json: bool,
}

/// A glossary term found in a segment.
struct Term {
    found: String,
    entry: String,
    target: String,
}

/// `matcher` holds the glossary in force (the database's, with its layers).
pub fn run(store: &Store, matcher: &Matcher, args: &SuggestArgs) -> Result<u8> {
    check_langs(&[&args.from, &args.to])?;
    check_min_score(args.min_score)?;
    warn_of_langs_without_terms(matcher, &[("--from", &args.from), ("--to", &args.to)]);
    let text = match args.input.as_deref() {
        None | Some("-") => decode_text("-", &read_input("-")?)?,
        Some(arg) if Path::new(arg).is_file() => decode_text(arg, &read_input(arg)?)?,
        Some(text) => text.to_string(),
    };
    let scan = ScanOptions {
        fuzzy: true,
        lang: Some(args.from.clone()),
    };
    let options = SearchOptions {
        limit: args.limit,
        min_score: args.min_score,
        ..SearchOptions::default()
    };
    let style = Style::for_stdout();
    let mut rows = Vec::new();
    let mut human = String::new();
    for (start, end) in sentences(&text) {
        let segment = &text[start..end];
        let terms: Vec<Term> = matcher
            .scan(segment, &scan)
            .into_iter()
            .filter(|m| m.confidence >= CHECK_MIN_CONFIDENCE)
            .filter_map(|m| {
                let entry = &matcher.entries()[m.entry];
                let house = entry.house(&args.to)?;
                // A surname alone is translated as one: `Хафтара` is
                // `Haftar`, not `Khalifa Haftar`.
                let origin = matcher.index().forms()[m.form as usize].origin;
                // An admitted short form is translated as one (`Сейф
                // аль-Ислам` is `Saif al-Islam`), where the target has one.
                let admitted = matches!(origin, Origin::Admitted | Origin::AdmittedVariant)
                    .then(|| entry.terms.get(&args.to)?.admitted.first())
                    .flatten();
                let target = match (surname_of(house), admitted) {
                    (_, Some(admitted)) => admitted.as_str(),
                    (Some(surname), _) if origin.is_surname() => surname,
                    _ => house,
                };
                // An English article the mention took in, to make it agree
                // with the house form (`An LNA` → `A Libyan National
                // Army`), is no part of the term.
                let article = &segment[m.start..m.start + m.clitics];
                let start = match article.contains(char::is_whitespace) {
                    true => m.start + m.clitics,
                    false => m.start,
                };
                Some(Term {
                    found: segment[start..m.end].to_string(),
                    entry: entry.id.clone(),
                    target: target.to_string(),
                })
            })
            .collect();
        let matches = search(store, segment, &args.from, &args.to, &options)?;
        if args.json {
            rows.push(segment_json(segment, &terms, &matches));
        } else {
            human.push_str(&show_segment(segment, &terms, &matches, style));
        }
    }
    if args.json {
        print(&format!("{}\n", serde_json::Value::Array(rows)))?;
    } else {
        print(&human)?;
    }
    Ok(0)
}

fn segment_json(segment: &str, terms: &[Term], matches: &[Match]) -> serde_json::Value {
    json!({
        "segment": segment,
        "terms": terms.iter().map(|t| json!({"found": t.found, "entry": t.entry, "target": t.target})).collect::<Vec<_>>(),
        "tm": matches.iter().map(|m| json!({"score": m.score, "source": m.source.text, "target": m.target.text})).collect::<Vec<_>>(),
    })
}

fn show_segment(segment: &str, terms: &[Term], matches: &[Match], style: Style) -> String {
    let mut out = format!("{}\n", style.bold(&isolate(segment)));
    for t in terms {
        out.push_str(&format!(
            "  term  {} → {} {}\n",
            isolate(&t.found),
            isolate(&t.target),
            style.dim(&format!("({})", t.entry))
        ));
    }
    if !matches.is_empty() {
        for line in show_matches(segment, matches, style).lines() {
            out.push_str(&format!("  tm  {line}\n"));
        }
    }
    out.push('\n');
    out
}

/// Warns of a language the glossary has no forms in (`--to fr` against an
/// en/ar/ru glossary): no term can be suggested in it, only translation
/// memory matches, which is rarely what was meant.
fn warn_of_langs_without_terms(matcher: &Matcher, flags: &[(&str, &str)]) {
    let mut langs: Vec<&str> = matcher
        .entries()
        .iter()
        .flat_map(|e| e.terms.keys().map(String::as_str))
        .collect();
    langs.sort_unstable();
    langs.dedup();
    for (flag, lang) in flags {
        if !langs.contains(lang) {
            eprintln!(
                "dragoman: warning: {flag} {lang}: the glossary has no forms in {lang:?} \
                 (it has {}); only translation-memory matches can be suggested",
                langs.join(", ")
            );
        }
    }
}
