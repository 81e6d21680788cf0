//! `dragoman suggest`: per sentence of a source text, the glossary terms
//! found with their house form in the target language, and the best
//! translation-memory matches.

use super::output::{isolate, print, read_input, Style};
use super::tm::{check_langs, check_min_score, show_matches};
use crate::error::Result;
use crate::formats::decode_text;
use crate::house_style::CHECK_MIN_CONFIDENCE;
use crate::lookup::{surname_of, Origin};
use crate::markup::{Format, Prose};
use crate::matcher::{Matcher, Mention, ScanOptions};
use crate::store::Store;
use crate::tm::segment::{sentences, sentences_within_blocks};
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
    /// Input format: text, html or markdown [default: from a file's extension; stdin and TEXT are text]
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<Format>,
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
    let langs = glossary_langs(matcher);
    // The glossary's own code for each: `RU` and `ru-RU` are `ru`.
    let from = in_glossary(&langs, &args.from);
    let to = in_glossary(&langs, &args.to);
    warn_of_langs_without_terms(&langs, &from, &to);
    let (text, format) = match args.input.as_deref() {
        None | Some("-") => (decode_text("-", &read_input("-")?)?, Format::Text),
        Some(arg) if Path::new(arg).is_file() => (
            decode_text(arg, &read_input(arg)?)?,
            Format::from_path(Path::new(arg)),
        ),
        Some(text) => (text.to_string(), Format::Text),
    };
    let format = args.format.unwrap_or(format);
    let scan = ScanOptions {
        fuzzy: true,
        lang: Some(from.clone()),
    };
    let options = SearchOptions {
        limit: args.limit,
        min_score: args.min_score,
        ..SearchOptions::default()
    };
    let style = Style::for_stdout();
    let mut rows = Vec::new();
    let mut human = String::new();
    for (segment, mentions) in segments(matcher, &text, format, &scan) {
        let segment = segment.as_str();
        let terms: Vec<Term> = mentions
            .into_iter()
            .filter(|(m, _)| m.confidence >= CHECK_MIN_CONFIDENCE)
            .filter_map(|(m, found)| {
                let entry = &matcher.entries()[m.entry];
                let house = entry.house(&to)?;
                // A surname alone is translated as one: `Хафтара` is
                // `Haftar`, not `Khalifa Haftar`.
                let origin = matcher.index().forms()[m.form as usize].origin;
                // An admitted short form is translated as one (`Сейф
                // аль-Ислам` is `Saif al-Islam`), where the target has one.
                let admitted = matches!(origin, Origin::Admitted | Origin::AdmittedVariant)
                    .then(|| entry.terms.get(&to)?.admitted.first())
                    .flatten();
                let target = match (surname_of(house), admitted) {
                    (_, Some(admitted)) => admitted.as_str(),
                    (Some(surname), _) if origin.is_surname() => surname,
                    _ => house,
                };
                // An English article the mention took in, to make it agree
                // with the house form (`An LNA` → `A Libyan National
                // Army`), is no part of the term.
                let found = match found.get(..m.clitics).zip(found.get(m.clitics..)) {
                    Some((article, rest)) if article.contains(char::is_whitespace) => {
                        rest.trim_start()
                    }
                    _ => found.as_str(),
                };
                Some(Term {
                    found: found.to_string(),
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

/// The segments of `text` read as `format`, each with the mentions found in
/// it and the text of each mention as it reads.
///
/// Plain text is cut into sentences and each is scanned on its own. A
/// marked-up document is read as `check` reads it: only its prose, with
/// character references read as what they stand for and a name split by
/// markup found in its prose part; it is scanned whole and cut into
/// sentences of its prose, each segment its prose as a reader reads it
/// (markup left out, white space one space).
fn segments(
    matcher: &Matcher,
    text: &str,
    format: Format,
    scan: &ScanOptions,
) -> Vec<(String, Vec<(Mention, String)>)> {
    if format == Format::Text {
        return sentences(text)
            .into_iter()
            .map(|(start, end)| {
                let segment = &text[start..end];
                let mentions = matcher
                    .scan(segment, scan)
                    .into_iter()
                    .map(|m| {
                        let found = segment[m.start..m.end].to_string();
                        (m, found)
                    })
                    .collect();
                (segment.to_string(), mentions)
            })
            .collect();
    }
    let prose = Prose::new(text, format);
    let mut mentions = prose
        .spans(|reading| matcher.scan(reading, scan))
        .into_iter()
        .peekable();
    let mut out = Vec::new();
    for (start, end) in sentences_within_blocks(prose.text(), prose.block_breaks()) {
        let segment = prose.read_range(start..end);
        let mut found = Vec::new();
        // Mentions before this sentence (none: sentences cover the prose)
        // are passed over; one that runs past its end belongs to it.
        while let Some(m) = mentions.next_if(|m| m.start < end) {
            if m.end > start {
                let text = prose.read_range(m.start..m.end);
                found.push((m, text));
            }
        }
        if !segment.is_empty() {
            out.push((segment, found));
        }
    }
    out
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

/// The languages the glossary has forms in, sorted.
fn glossary_langs(matcher: &Matcher) -> Vec<&str> {
    let mut langs: Vec<&str> = matcher
        .entries()
        .iter()
        .flat_map(|e| e.terms.keys().map(String::as_str))
        .collect();
    langs.sort_unstable();
    langs.dedup();
    langs
}

/// The glossary's code for a language tag, as tags are compared: without
/// regard to case, and by the language alone when the glossary has no
/// forms for the region (`en-GB` is `en`). The tag lower-cased when the
/// glossary has neither.
fn in_glossary(langs: &[&str], tag: &str) -> String {
    crate::lang::pick(langs, tag)
        .map(str::to_string)
        .unwrap_or_else(|| tag.to_ascii_lowercase())
}

/// Warns of a language the glossary has no forms in (`--to fr` against an
/// en/ar/ru glossary): no term can be given in it, only translation memory
/// matches, which is rarely what was meant. A source language it lacks
/// only lets terms be found in whichever of its languages they are
/// written.
fn warn_of_langs_without_terms(langs: &[&str], from: &str, to: &str) {
    let has = langs.join(", ");
    if !langs.contains(&from) {
        eprintln!(
            "dragoman: warning: --from {from}: the glossary has no forms in {from:?} \
             (it has {has}); terms are looked for in all of its languages"
        );
    }
    if !langs.contains(&to) {
        eprintln!(
            "dragoman: warning: --to {to}: the glossary has no forms in {to:?} \
             (it has {has}); only translation-memory matches can be suggested"
        );
    }
}
