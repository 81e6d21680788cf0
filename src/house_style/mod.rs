//! House style for whole documents: the findings `check` reports and the
//! rewrite `normalize` applies, both from one scan by the [`Matcher`].

mod consistency;
mod diff;

pub use consistency::{several_forms, DocumentDrift, Drift, EntryForms, FormCount, Tally};
pub use diff::rewrite_diff;

use crate::lookup::{MatchKind, Severity};
use crate::matcher::{Matcher, ScanOptions};
use serde::Serialize;

/// The `layer` of an entry from the database.
pub const DATABASE_LAYER: &str = "db";

/// Default `--min-confidence` for `check`: the calibrated trust threshold.
pub const CHECK_MIN_CONFIDENCE: f64 = 0.8;
/// Default `--min-confidence` for `normalize`: conservative, so that only
/// listed variants, spelling-normalisation differences and near-certain
/// spellings are rewritten.
pub const NORMALIZE_MIN_CONFIDENCE: f64 = 0.95;

/// One mention reported, in the contract's `check` shape (the CLI adds
/// `file`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte offsets into the input; `found` is exactly `input[start..end]`.
    pub start: usize,
    pub end: usize,
    pub found: String,
    pub entry: String,
    pub lang: String,
    pub kind: MatchKind,
    pub suggestion: String,
    pub confidence: f64,
    /// `error` (forbidden), `warning` (variant, fuzzy) or `info`
    /// (canonical, admitted).
    pub severity: Severity,
    /// The glossary the entry came from: `db`, or a layered file's path.
    pub layer: String,
    /// The spelling used, without clitics or case ending: what tells two
    /// forms of a name apart (`Хифтера` and `Хифтером` are one).
    #[serde(skip)]
    pub spelling: String,
    /// A person's surname written alone, listed or found by similarity:
    /// what tells a reader why it is off style.
    #[serde(skip)]
    pub surname_alone: bool,
}

impl Finding {
    /// Whether the finding is off house style (what makes `check` exit 1
    /// and what `normalize` rewrites): not a house form, nor an admitted
    /// one.
    pub fn is_off_style(&self) -> bool {
        self.severity > Severity::Info
    }
}

/// What to report.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub min_confidence: f64,
    /// Report mentions already in house form (and admitted forms) too:
    /// the same as a `severity` of `info`.
    pub all: bool,
    /// Report findings of this severity and above; `None` is `warning`
    /// (or `info` with `all`).
    pub severity: Option<Severity>,
    /// Entry ids or exact phrases never to report.
    pub ignore: Vec<String>,
    /// Report only mentions written in these languages (all when empty).
    pub languages: Vec<String>,
    pub scan: ScanOptions,
}

impl CheckOptions {
    /// The least severity reported.
    pub fn min_severity(&self) -> Severity {
        match self.severity {
            Some(severity) => severity,
            None if self.all => Severity::Info,
            None => Severity::Warning,
        }
    }

    /// Whether the options say to leave out a mention of `entry` read as
    /// `found` in `lang`.
    fn leaves_out(&self, entry: &str, found: &str, lang: &str) -> bool {
        self.ignore.iter().any(|i| i == entry || i == found)
            || (!self.languages.is_empty() && !self.languages.iter().any(|l| l == lang))
    }
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            min_confidence: CHECK_MIN_CONFIDENCE,
            all: false,
            severity: None,
            ignore: Vec::new(),
            languages: Vec::new(),
            scan: ScanOptions {
                fuzzy: true,
                lang: None,
            },
        }
    }
}

/// Every mention in `text` that `options` asks for, in input order.
pub fn check(matcher: &Matcher, text: &str, options: &CheckOptions) -> Vec<Finding> {
    let mut lines = LineIndex::new(text);
    let min_severity = options.min_severity();
    matcher
        .scan(text, &options.scan)
        .into_iter()
        .filter(|m| m.confidence >= options.min_confidence)
        .filter(|m| m.kind.severity() >= min_severity)
        .filter(|m| {
            let id = &matcher.entries()[m.entry].id;
            // What the span takes in around the name (clitics, an article
            // the rewrite changes, a word it repeats) does not hide it
            // from `ignore`.
            !options.leaves_out(id, &text[m.start..m.end], &m.lang)
                && !options.leaves_out(id, &text[m.start + m.clitics..m.end - m.trailing], &m.lang)
        })
        .map(|m| {
            let (line, column) = lines.position(text, m.start);
            let entry = &matcher.entries()[m.entry];
            Finding {
                line,
                column,
                start: m.start,
                end: m.end,
                found: text[m.start..m.end].to_string(),
                entry: entry.id.clone(),
                lang: m.lang,
                kind: m.kind,
                suggestion: m.suggestion,
                confidence: (m.confidence * 1000.0).round() / 1000.0,
                severity: m.kind.severity(),
                layer: entry
                    .layer
                    .clone()
                    .unwrap_or_else(|| DATABASE_LAYER.to_string()),
                spelling: crate::lookup::stem_key(&crate::text::fold(&as_read(
                    &text[m.start + m.clitics..m.end - m.trailing],
                ))),
                surname_alone: matcher.index().forms()[m.form as usize].origin.is_surname(),
            }
        })
        .collect()
}

/// A mention as a reader reads it: a word hyphenated at a line end (or
/// with a soft hyphen) whole, and every run of white space between words
/// one space (`Misu-⏎rata` is `Misurata`, `Khalifa⏎Hifter` is `Khalifa
/// Hifter`). What tells two forms of a name apart, and how a report names
/// a form.
pub fn as_read(found: &str) -> std::borrow::Cow<'_, str> {
    let joined = crate::matcher::dehyphenate(found);
    let spaced_otherwise =
        joined.contains(|c: char| c.is_whitespace() && c != ' ') || joined.contains("  ");
    if !spaced_otherwise {
        return joined;
    }
    std::borrow::Cow::Owned(joined.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `text` with every off-style finding replaced by its suggestion; all other
/// bytes unchanged. Findings must be in order and not overlap (as
/// [`check`] returns them).
pub fn rewrite(text: &str, findings: &[Finding]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for piece in rewritten_pieces(text, findings) {
        out.push_str(piece);
    }
    out
}

/// The pieces [`rewrite`] joins, in order: the text between findings and
/// the suggestions. For writing a large document out as it goes instead of
/// building its rewrite in memory.
pub fn rewritten_pieces<'a>(
    text: &'a str,
    findings: &'a [Finding],
) -> impl Iterator<Item = &'a str> + 'a {
    let mut at = 0;
    findings
        .iter()
        .filter(|f| f.is_off_style())
        .flat_map(move |f| {
            let kept = &text[at..f.start];
            at = f.end;
            [kept, f.suggestion.as_str()]
        })
        .chain(std::iter::once_with(move || {
            // The rest after the last finding.
            let last = findings
                .iter()
                .rfind(|f| f.is_off_style())
                .map_or(0, |f| f.end);
            &text[last..]
        }))
}

/// Line starts of a text, for turning byte offsets into line and column.
struct LineIndex {
    starts: Vec<usize>,
    /// The last position asked for: byte offset, line, column. Offsets come
    /// in order, so a column is counted on from the last one on the same
    /// line rather than from the line's start (which, on one very long
    /// line, made every finding cost the whole line before it).
    last: (usize, usize, usize),
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            last: (0, 1, 1),
        }
    }

    /// 1-based line and character column of byte `offset`.
    fn position(&mut self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let (last_offset, last_line, last_column) = self.last;
        let column = if line == last_line && last_offset <= offset {
            last_column + text[last_offset..offset].chars().count()
        } else {
            text[self.starts[line - 1]..offset].chars().count() + 1
        };
        self.last = (offset, line, column);
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_on_and_back() {
        let text = "ab\nсд€f\n\ngh";
        let naive = |offset: usize| {
            let before = &text[..offset];
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            (
                before.matches('\n').count() + 1,
                text[start..offset].chars().count() + 1,
            )
        };
        let mut lines = LineIndex::new(text);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        // In order (as findings come), then backwards and skipping about.
        for &at in offsets
            .iter()
            .chain(offsets.iter().rev())
            .chain([3, 12, 0, 10].iter())
        {
            assert_eq!(lines.position(text, at), naive(at), "offset {at}");
        }
    }
    use crate::glossary::house::house_entries;

    fn matcher() -> Matcher {
        Matcher::new(house_entries().unwrap())
    }

    #[test]
    fn positions_are_lines_and_characters() {
        let text = "Заголовок\nСилы вошли в Tarkhuna.";
        let found = check(&matcher(), text, &CheckOptions::default());
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 14));
        assert_eq!(&text[found[0].start..found[0].end], "Tarkhuna");
    }

    #[test]
    fn rewrite_touches_only_findings_and_is_idempotent() {
        let m = matcher();
        let text = "« TARKHUNA » — forces left Misurata; с Халифой Хифтером; ومصراته.\n";
        let options = CheckOptions {
            min_confidence: NORMALIZE_MIN_CONFIDENCE,
            ..CheckOptions::default()
        };
        let once = rewrite(text, &check(&m, text, &options));
        assert_eq!(
            once,
            "« TARHUNA » — forces left Misrata; с Халифой Хафтаром; ومصراتة.\n"
        );
        let twice = rewrite(&once, &check(&m, &once, &options));
        assert_eq!(twice, once);
        assert!(check(&m, &once, &CheckOptions::default()).is_empty());
    }
}
