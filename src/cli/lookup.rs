//! `dragoman lookup`.

use super::output::{isolate, print, Style};
use crate::error::{Error, Result};
use crate::glossary::{Entry, MatchRule};
use crate::house_style::{CHECK_MIN_CONFIDENCE, DATABASE_LAYER};
use crate::lookup::score::INFLECTED;
use crate::lookup::{Hit, MatchKind};
use crate::matcher::{Matcher, Mention, ScanOptions};
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

/// `matcher` holds the glossary in force; its index answers the lookup.
pub fn run(
    matcher: &Matcher,
    term: &str,
    lang: Option<&str>,
    limit: usize,
    json: bool,
) -> Result<()> {
    let index = matcher.index();
    let mut hits = index.lookup(term, lang, limit);
    agree_with_check(matcher, term, lang, &mut hits, limit);
    without_its_article(term, &mut hits);
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

/// Makes the answer agree with what `check` says of TERM as running text.
///
/// The lookup index scores a spelling on its own and folds away what
/// `check` holds to be a misspelling (`مصراته` for `مصراتة`: a final ه for
/// ة), so alone it would call `وبمصراته` a house form that `check` rewrites.
/// When `check` finds TERM whole (bar an English possessive and the
/// punctuation around it) as a mention it would report, its entry comes
/// first, and a house-style kind (`canonical`, `admitted`) that `check`
/// would rewrite becomes `check`'s kind, its score no higher than
/// `check`'s confidence. Lookup's own conventions stand otherwise (a
/// surname alone is `fuzzy`), and so does the lookup when `check` finds no
/// such mention: see README ("Lookup and check").
fn agree_with_check(
    matcher: &Matcher,
    term: &str,
    lang: Option<&str>,
    hits: &mut Vec<Hit>,
    limit: usize,
) {
    let options = ScanOptions {
        fuzzy: true,
        lang: lang.map(str::to_string),
    };
    let no_word = |s: &str| !s.chars().any(char::is_alphanumeric);
    let mentions = matcher.scan(term, &options);
    let Some(m) = mentions.iter().find(|m| {
        let after = &term[m.end..];
        let after = ["'s", "’s", "'S", "’S"]
            .iter()
            .find_map(|p| after.strip_prefix(p))
            .unwrap_or(after);
        m.confidence >= CHECK_MIN_CONFIDENCE && no_word(&term[..m.start]) && no_word(after)
    }) else {
        if hits.first().is_none_or(|best| best.score < TRUSTED) {
            offer_names_inside(matcher, &mentions, hits, limit);
        }
        return;
    };
    let confidence = (m.confidence * 1000.0).round() / 1000.0;
    let hit = match hits.iter().position(|h| h.entry == m.entry) {
        Some(at) => {
            let mut hit = hits.remove(at);
            let form = &matcher.index().forms()[m.form as usize];
            if in_house_style(hit.kind) && !in_house_style(m.kind) {
                hit.kind = m.kind;
                hit.score = hit.score.min(confidence);
            } else if hit.kind == MatchKind::Fuzzy && is_listed(m.kind) && !form.origin.is_surname()
            {
                // `check` reads the term as a listed spelling in a case
                // form the lookup index scores as a misspelling
                // (`Мутассима Каддафи`): an inflected listed spelling.
                hit.kind = m.kind;
                hit.score = hit.score.max(INFLECTED.min(confidence));
                hit.matched = form.text.clone();
                hit.lang = form.lang.clone();
            }
            hit
        }
        None => {
            let form = &matcher.index().forms()[m.form as usize];
            Hit {
                entry: m.entry,
                score: confidence,
                // A surname alone is `fuzzy` to lookup, house style or not.
                kind: match form.origin.is_surname() {
                    true => MatchKind::Fuzzy,
                    false => m.kind,
                },
                matched: form.text.clone(),
                lang: form.lang.clone(),
            }
        }
    };
    hits.insert(0, hit);
    hits.truncate(limit.max(1));
}

/// The score of an Arabic name asked for without the article its listed
/// spelling has (`زاوية` for `الزاوية`): a name, but not written as the
/// desk writes it.
const ARTICLE_LEFT_OUT: f64 = 0.9;

/// Makes an Arabic term of one word written without the article of the
/// spelling it matched no house form: `check` finds no name in it, and a
/// rewrite to the name would be ungrammatical (README, "Checking").
fn without_its_article(term: &str, hits: &mut [Hit]) {
    use crate::text::{arabic, fold_word, Script};
    let term = term.trim();
    if term.contains(char::is_whitespace) || Script::detect(term) != Script::Arabic {
        return;
    }
    let folded = fold_word(term);
    let with_article = arabic::from_article(&folded).starts_with(arabic::ARTICLE)
        || ["لل", "ولل", "فلل"].iter().any(|p| folded.starts_with(p));
    if with_article {
        return;
    }
    for hit in hits.iter_mut() {
        let listed = fold_word(&hit.matched);
        if hit.lang == "ar" && listed.starts_with(arabic::ARTICLE) && in_house_style(hit.kind) {
            hit.kind = MatchKind::Fuzzy;
            hit.score = hit.score.min(ARTICLE_LEFT_OUT);
        }
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
}

/// The highest score of a name found inside a longer term.
const NAME_INSIDE: f64 = 0.9;

/// The score from which a lookup's answer is to be trusted (README, "What
/// a score means").
const TRUSTED: f64 = 0.8;

/// When the index finds nothing for a term, or nothing it trusts, the
/// names `check` finds inside it, as similar spellings, before the rest: a
/// title or other words beside a name (`Colonel Gaddafi`, `the Libyan
/// National Army`, `Палата представителей Ливии`), or a person's names in
/// reverse order (`Хафтар Халифа`).
fn offer_names_inside(matcher: &Matcher, mentions: &[Mention], hits: &mut Vec<Hit>, limit: usize) {
    let mut inside: Vec<Hit> = Vec::new();
    for m in mentions
        .iter()
        .filter(|m| m.confidence >= CHECK_MIN_CONFIDENCE)
    {
        if inside.iter().any(|h| h.entry == m.entry) {
            continue;
        }
        let form = &matcher.index().forms()[m.form as usize];
        inside.push(Hit {
            entry: m.entry,
            // The term is more than the name: never a sure answer.
            score: (m.confidence.min(NAME_INSIDE) * 1000.0).round() / 1000.0,
            kind: MatchKind::Fuzzy,
            matched: form.text.clone(),
            lang: form.lang.clone(),
        });
    }
    hits.retain(|h| !inside.iter().any(|i| i.entry == h.entry));
    inside.append(hits);
    inside.truncate(limit.max(1));
    *hits = inside;
}

/// Whether a kind is a listed spelling's.
fn is_listed(kind: MatchKind) -> bool {
    matches!(
        kind,
        MatchKind::Canonical | MatchKind::Variant | MatchKind::Admitted
    )
}

/// Whether a kind is house style (`check` reports it only with `--all`).
fn in_house_style(kind: MatchKind) -> bool {
    matches!(kind, MatchKind::Canonical | MatchKind::Admitted)
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
