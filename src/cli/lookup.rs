//! `dragoman lookup`.

use super::output::{isolate, print, Style};
use crate::error::{Error, Result};
use crate::glossary::{Entry, MatchRule};
use crate::house_style::DATABASE_LAYER;
use crate::lookup::{Hit, LookupIndex, MatchKind};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct JsonHit<'a> {
    entry: &'a str,
    score: f64,
    kind: MatchKind,
    matched: &'a str,
    lang: &'a str,
    forms: BTreeMap<&'a str, &'a str>,
    #[serde(rename = "type")]
    entry_type: &'a str,
    note: &'a str,
    /// The glossary the entry came from: `db` or a layered file.
    layer: &'a str,
}

/// Refuses a query with nothing in it to look up: empty, only white space
/// (often an unset variable in a script), or nothing that folds to a
/// letter or digit (`-`). Answering "no entry matches" would pass it off
/// as a term the glossary lacks.
pub fn check_term(term: &str) -> Result<()> {
    if !crate::text::fold(term).is_empty() {
        return Ok(());
    }
    let what = if term.is_empty() {
        "the query is empty".to_string()
    } else if term.trim().is_empty() {
        format!("the query is empty (only white space: {term:?})")
    } else {
        format!("the query has no letters or digits to look up ({term:?})")
    };
    Err(Error::usage(format!(
        "lookup: {what}: give the term to look up, e.g. dragoman lookup Haftar"
    )))
}

pub fn run(
    index: &LookupIndex,
    term: &str,
    lang: Option<&str>,
    limit: usize,
    json: bool,
) -> Result<()> {
    let hits = index.lookup(term, lang, limit);
    if json {
        let rows: Vec<JsonHit> = hits
            .iter()
            .map(|h| {
                let e = &index.entries()[h.entry];
                JsonHit {
                    entry: &e.id,
                    score: h.score,
                    kind: h.kind,
                    matched: &h.matched,
                    lang: &h.lang,
                    forms: e
                        .terms
                        .iter()
                        .filter_map(|(l, t)| Some((l.as_str(), t.house.as_deref()?)))
                        .collect(),
                    entry_type: &e.entry_type,
                    note: &e.note,
                    layer: e.layer.as_deref().unwrap_or(DATABASE_LAYER),
                }
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&rows).expect("plain data serialises");
        text.push('\n');
        return print(&text);
    }
    if hits.is_empty() {
        return print(&format!("no glossary entry matches {term:?}\n"));
    }
    let style = Style::for_stdout();
    let mut out = String::new();
    for hit in &hits {
        render_hit(&mut out, &index.entries()[hit.entry], hit, style);
    }
    print(&out)
}

fn render_hit(out: &mut String, entry: &Entry, hit: &Hit, style: Style) {
    let score = format!("{:.2}", hit.score);
    let score = if hit.score >= 0.8 {
        style.green(&score)
    } else {
        style.yellow(&score)
    };
    let how = match hit.kind {
        MatchKind::Canonical => "house form".to_string(),
        MatchKind::Variant => format!("listed variant {:?}", hit.matched),
        MatchKind::Admitted => format!("admitted form {:?}", hit.matched),
        MatchKind::Forbidden => format!("forbidden form {:?}", hit.matched),
        MatchKind::Fuzzy => format!("similar to {:?}", hit.matched),
    };
    out.push_str(&format!(
        "{}  {}  {} {}\n",
        style.bold(&isolate(entry.display_name())),
        style.dim(&format!(
            "[{}{}{}]",
            entry.id,
            if entry.entry_type.is_empty() {
                String::new()
            } else {
                format!(", {}", entry.entry_type)
            },
            entry
                .layer
                .as_ref()
                .map(|l| format!(", from {l}"))
                .unwrap_or_default()
        )),
        score,
        style.dim(&format!("{how} ({})", hit.lang)),
    ));
    render_forms(out, entry, style);
    out.push('\n');
}

/// The entry's forms, one language a line; variants (`not:`), admitted
/// (`also:`) and forbidden (`never:`) forms after the house form.
pub fn render_forms(out: &mut String, entry: &Entry, style: Style) {
    for lang in entry.langs() {
        let terms = &entry.terms[lang];
        let house = terms
            .house
            .as_deref()
            .map(isolate)
            .unwrap_or_else(|| style.red("(no house form)"));
        out.push_str(&format!("  {lang:<3} {house}\n"));
        for (label, forms) in [
            ("not:", &terms.variants),
            ("also:", &terms.admitted),
            ("never:", &terms.forbidden),
        ] {
            if !forms.is_empty() {
                let forms: Vec<String> = forms.iter().map(|v| isolate(v)).collect();
                let label = if label == "never:" {
                    style.red(label)
                } else {
                    style.dim(label)
                };
                out.push_str(&format!("      {label} {}\n", forms.join(", ")));
            }
        }
    }
    let mut rules = Vec::new();
    if entry.case == crate::glossary::CaseRule::Sensitive {
        rules.push("case-sensitive");
    }
    if entry.matching == MatchRule::Exact {
        rules.push("exact match only");
    }
    if !rules.is_empty() {
        out.push_str(&format!("  {} {}\n", style.dim("rules:"), rules.join(", ")));
    }
    if !entry.note.is_empty() {
        out.push_str(&format!("  {} {}\n", style.dim("note:"), entry.note));
    }
}
