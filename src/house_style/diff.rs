//! The unified diff `normalize --diff` shows: a text against its rewrite.
//!
//! A rewrite changes a text only inside its findings, so only the lines
//! that hold one are compared; every other line is the same on both sides.
//! A diff of the two whole texts costs time in proportion to their length
//! times the number of changed lines, which for a long document with
//! thousands of rewrites was seconds; this costs one pass.

use super::Finding;
use similar::{Algorithm, DiffOp, DiffableStr};
use std::fmt::Write;

/// Lines of context around each change.
const CONTEXT: usize = 2;

/// The unified diff of `text` and its rewrite by `findings` (as
/// [`rewrite`](super::rewrite) makes it), with `a/name` and `b/name` as
/// file names; empty when the rewrite changes nothing.
pub fn rewrite_diff(name: &str, text: &str, findings: &[Finding]) -> String {
    let old: Vec<&str> = text.tokenize_lines();
    if old.is_empty() {
        return String::new();
    }
    let mut starts = Vec::with_capacity(old.len() + 1);
    let mut at = 0;
    for line in &old {
        starts.push(at);
        at += line.len();
    }
    starts.push(at);
    // The line holding byte `offset` (the last line for the end).
    let last_line = old.len().saturating_sub(1);
    let line_of = |offset: usize| {
        starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
            .min(last_line)
    };

    // Runs of old lines that hold rewrites, and their new text.
    let mut groups: Vec<(usize, usize, String)> = Vec::new();
    let rewrites = findings.iter().filter(|f| f.is_off_style());
    let mut pending: Vec<&Finding> = Vec::new();
    let mut span: Option<(usize, usize)> = None;
    let mut close = |span: (usize, usize), pending: &mut Vec<&Finding>| {
        let (first, last) = span;
        let (from, to) = (starts[first], starts[last + 1]);
        let mut new = String::with_capacity(to - from + 16);
        let mut kept = from;
        for f in pending.drain(..) {
            new.push_str(&text[kept..f.start]);
            new.push_str(&f.suggestion);
            kept = f.end;
        }
        new.push_str(&text[kept..to]);
        groups.push((first, last + 1, new));
    };
    for f in rewrites {
        let first = line_of(f.start);
        let last = line_of(f.end.saturating_sub(1).max(f.start)).max(first);
        span = match span {
            Some((a, b)) if first <= b + 1 => Some((a, b.max(last))),
            Some(done) => {
                close(done, &mut pending);
                Some((first, last))
            }
            None => Some((first, last)),
        };
        pending.push(f);
    }
    if let Some(done) = span {
        close(done, &mut pending);
    }

    // The new lines, and the operations that turn the old into them.
    let mut new: Vec<&str> = Vec::with_capacity(old.len());
    let mut ops: Vec<DiffOp> = Vec::new();
    let mut old_at = 0;
    for (first, end, text) in &groups {
        if *first > old_at {
            push(
                &mut ops,
                DiffOp::Equal {
                    old_index: old_at,
                    new_index: new.len(),
                    len: first - old_at,
                },
            );
            new.extend_from_slice(&old[old_at..*first]);
        }
        let lines: Vec<&str> = text.tokenize_lines();
        let new_at = new.len();
        for op in similar::capture_diff_slices(Algorithm::Myers, &old[*first..*end], &lines) {
            push(&mut ops, shifted(op, *first, new_at));
        }
        new.extend_from_slice(&lines);
        old_at = *end;
    }
    if old_at < old.len() {
        push(
            &mut ops,
            DiffOp::Equal {
                old_index: old_at,
                new_index: new.len(),
                len: old.len() - old_at,
            },
        );
        new.extend_from_slice(&old[old_at..]);
    }

    let hunks = similar::group_diff_ops(ops, CONTEXT);
    let mut out = String::new();
    for hunk in hunks {
        if out.is_empty() {
            let _ = write!(out, "--- a/{name}\n+++ b/{name}\n");
        }
        let _ = writeln!(out, "{}", similar::udiff::UnifiedHunkHeader::new(&hunk));
        for op in &hunk {
            for change in op.iter_changes(&old[..], &new[..]) {
                let _ = write!(out, "{}{}", change.tag(), change.value());
                if change.missing_newline() {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

/// Appends `op`, joining it to an equal run just before it: the hunks are
/// cut at long equal runs, which must be whole.
fn push(ops: &mut Vec<DiffOp>, op: DiffOp) {
    if let (Some(DiffOp::Equal { len, .. }), DiffOp::Equal { len: more, .. }) = (ops.last_mut(), op)
    {
        *len += more;
        return;
    }
    ops.push(op);
}

/// `op`, found between old lines from `old_at` and new lines from
/// `new_at`, placed in the whole texts.
fn shifted(op: DiffOp, old_at: usize, new_at: usize) -> DiffOp {
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => DiffOp::Equal {
            old_index: old_index + old_at,
            new_index: new_index + new_at,
            len,
        },
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => DiffOp::Delete {
            old_index: old_index + old_at,
            old_len,
            new_index: new_index + new_at,
        },
        DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        } => DiffOp::Insert {
            old_index: old_index + old_at,
            new_index: new_index + new_at,
            new_len,
        },
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => DiffOp::Replace {
            old_index: old_index + old_at,
            old_len,
            new_index: new_index + new_at,
            new_len,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::house_style::{rewrite, Severity};
    use crate::lookup::MatchKind;

    /// A rewrite of every occurrence of each `(from, to)` in `text`.
    fn findings(text: &str, rewrites: &[(&str, &str)]) -> Vec<Finding> {
        let mut found: Vec<Finding> = rewrites
            .iter()
            .flat_map(|&(from, to)| {
                text.match_indices(from).map(move |(start, _)| Finding {
                    line: 1,
                    column: 1,
                    start,
                    end: start + from.len(),
                    found: from.into(),
                    entry: "e".into(),
                    lang: "en".into(),
                    kind: MatchKind::Variant,
                    suggestion: to.into(),
                    confidence: 1.0,
                    severity: Severity::Warning,
                    layer: "db".into(),
                    spelling: from.into(),
                    surname_alone: false,
                })
            })
            .collect();
        found.sort_by_key(|f| f.start);
        found
    }

    /// What a diff of the two whole texts gives.
    fn whole(name: &str, text: &str, found: &[Finding]) -> String {
        let new = rewrite(text, found);
        if new == text {
            return String::new();
        }
        similar::TextDiff::from_lines(text, &new)
            .unified_diff()
            .context_radius(CONTEXT)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string()
    }

    #[test]
    fn gives_what_a_diff_of_the_whole_texts_gives() {
        let filler: String = (1..=30)
            .map(|n| format!("line {n} of the report\n"))
            .collect();
        let cases: Vec<(String, Vec<(&str, &str)>)> = vec![
            // Near each other (one hunk) and far apart (two).
            (
                format!("Tarkhuna fell.\n{filler}Misurata held; Tarkhuna too.\n{filler}"),
                vec![("Tarkhuna", "Tarhuna"), ("Misurata", "Misrata")],
            ),
            // The first and the last line, with no newline at the end.
            (
                format!("Misurata\n{filler}end at Misurata"),
                vec![("Misurata", "Misrata")],
            ),
            // A name hyphenated across a line end, rewritten joined up.
            (
                format!("{filler}forces of Tar-\nhuna withdrew\n{filler}"),
                vec![("Tar-\nhuna", "Tarhuna")],
            ),
            // Windows and old Mac line ends.
            (
                "a\r\nTarkhuna\r\nb\rc\rTarkhuna\rd".to_string(),
                vec![("Tarkhuna", "Tarhuna")],
            ),
            // A rewrite to what is there already changes nothing.
            (
                format!("{filler}Tarhuna\n{filler}"),
                vec![("Tarhuna", "Tarhuna")],
            ),
            // Arabic and Russian, several rewrites on one line.
            (
                format!("{filler}قال مسؤول في مصراته إن مصراته هادئة\nв Мисурате и Мисурате\n"),
                vec![("مصراته", "مصراتة"), ("Мисурате", "Мисрате")],
            ),
            // Nothing to rewrite.
            (filler.clone(), vec![]),
        ];
        for (text, rewrites) in cases {
            let found = findings(&text, &rewrites);
            assert_eq!(
                rewrite_diff("in.txt", &text, &found),
                whole("in.txt", &text, &found),
                "{text:?}"
            );
        }
    }
}
