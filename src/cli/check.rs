//! `dragoman check` and `dragoman normalize`.

use super::inputs::{self, Document, Input};
use super::output::{isolate, print, print_with, stage, write_atomically_with, Style};
use super::review::{self, Review};
use super::settings::{Desk, Desks};
use super::{CheckArgs, NormalizeArgs};
use crate::error::{Error, Result};
use crate::formats::Encoding;
use crate::house_style::{self, several_forms, CheckOptions, Drift, Finding, Tally};
use crate::lookup::{MatchKind, Severity};
use crate::markup::{Format, Prose};
use crate::matcher::ScanOptions;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A finding with the file it is in: the contract's `check` JSON shape.
#[derive(Serialize)]
struct FileFinding<'a> {
    file: &'a str,
    #[serde(flatten)]
    finding: &'a Finding,
}

/// What one document gave.
struct Report {
    input: Input,
    /// The glossary and settings the document was checked with.
    desk: Arc<Desk>,
    outcome: Result<Option<Scanned>>,
}

struct Scanned {
    text: String,
    encoding: Encoding,
    /// Findings to report (or apply), filtered by the options.
    findings: Vec<Finding>,
    drift: Vec<Drift>,
    /// Every mention, house-style ones included: for the batch's
    /// consistency table.
    every: Vec<Finding>,
}

/// What the command line asked for, before the `dragoman.toml` in force
/// for an input adds its settings.
pub(super) struct Requested {
    min_confidence: Option<f64>,
    default_confidence: f64,
    all: bool,
    severity: Option<Severity>,
    no_fuzzy: bool,
    lang: Option<String>,
}

impl Requested {
    fn new(
        min_confidence: Option<f64>,
        default_confidence: f64,
        all: bool,
        no_fuzzy: bool,
        lang: &Option<String>,
    ) -> Result<Requested> {
        if let Some(x) = min_confidence.filter(|x| !(0.0..=1.0).contains(x)) {
            return Err(Error::usage(format!(
                "--min-confidence {x} is not between 0 and 1"
            )));
        }
        Ok(Requested {
            min_confidence,
            default_confidence,
            all,
            severity: None,
            no_fuzzy,
            lang: lang.clone(),
        })
    }

    /// The options for the inputs of `desk`: a flag wins over the
    /// `dragoman.toml`, which wins over the default.
    pub(super) fn for_desk(&self, desk: &Desk) -> CheckOptions {
        let config = desk.config.as_ref();
        CheckOptions {
            min_confidence: self
                .min_confidence
                .or(config.and_then(|c| c.min_confidence))
                .unwrap_or(self.default_confidence),
            all: self.all,
            severity: self.severity,
            ignore: config.map(|c| c.ignore.clone()).unwrap_or_default(),
            languages: config.map(|c| c.languages.clone()).unwrap_or_default(),
            scan: ScanOptions {
                fuzzy: !self.no_fuzzy,
                lang: self.lang.clone(),
            },
        }
    }
}

/// Batches at least this long show a progress bar on a terminal.
const PROGRESS_FROM: usize = 50;

fn scan_all(
    desks: &mut Desks,
    inputs: Vec<Input>,
    format: Option<Format>,
    requested: &Requested,
) -> Result<Vec<Report>> {
    let planned = inputs
        .into_iter()
        .map(|input| Ok((desks.for_input(&input)?, input)))
        .collect::<Result<Vec<(Arc<Desk>, Input)>>>()?;
    let progress = progress_bar(planned.len());
    let reports = planned
        .into_par_iter()
        .map(|(desk, input)| {
            progress.inc(1);
            let options = requested.for_desk(&desk);
            let outcome = inputs::read(&input).map(|doc| match doc {
                Document::Binary => None,
                Document::Text(text, encoding) => {
                    // Only prose is matched; offsets stay the document's.
                    let prose = Prose::new(&text, input.format(format));
                    // Drift needs every mention, house-style ones included.
                    let all = CheckOptions {
                        all: true,
                        severity: None,
                        ..options.clone()
                    };
                    let every =
                        prose.findings(|text| house_style::check(&desk.matcher, text, &all));
                    let drift = several_forms(&every);
                    let least = options.min_severity();
                    let findings = every
                        .iter()
                        .filter(|f| f.severity >= least)
                        .cloned()
                        .collect();
                    Some(Scanned {
                        text,
                        encoding,
                        findings,
                        drift,
                        every,
                    })
                }
            });
            Report {
                input,
                desk,
                outcome,
            }
        })
        .collect();
    progress.finish_and_clear();
    Ok(reports)
}

/// A progress bar on stderr for long batches, hidden when stderr is not a
/// terminal.
fn progress_bar(files: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if files < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} files {elapsed_precise} (eta {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Tallies for the end-of-batch summary.
#[derive(Default)]
struct Summary {
    files: usize,
    skipped: usize,
    failed: usize,
    findings: usize,
    rewritten_files: usize,
    per_entry: BTreeMap<String, usize>,
    consistency: Tally,
}

impl Summary {
    fn add(&mut self, file: &str, scanned: &Scanned) {
        self.consistency.add(file, &scanned.every);
        let findings = &scanned.findings;
        self.files += 1;
        for f in findings.iter().filter(|f| f.is_off_style()) {
            self.findings += 1;
            *self.per_entry.entry(f.entry.clone()).or_default() += 1;
        }
    }

    fn print(&self, verb: &str) {
        let mut per_entry: Vec<(&String, &usize)> = self.per_entry.iter().collect();
        per_entry.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = per_entry
            .iter()
            .take(10)
            .map(|(e, n)| format!("{e} {n}"))
            .collect();
        let mut line = format!(
            "{verb} {} file(s): {} off-style mention(s)",
            self.files, self.findings
        );
        match verb {
            "normalized" => {
                line.push_str(&format!(", {} file(s) rewritten", self.rewritten_files));
            }
            "previewed" => line.push_str(&format!(
                ", {} file(s) would be rewritten (nothing written)",
                self.rewritten_files
            )),
            _ => {}
        }
        if self.skipped > 0 {
            line.push_str(&format!(", {} binary file(s) skipped", self.skipped));
        }
        if self.failed > 0 {
            line.push_str(&format!(", {} file(s) with errors", self.failed));
        }
        if !top.is_empty() {
            line.push_str(&format!("; by entry: {}", top.join(", ")));
        }
        eprintln!("{line}");
    }
}

pub fn check(desks: &mut Desks, args: &CheckArgs) -> Result<u8> {
    let mut requested = Requested::new(
        args.min_confidence,
        house_style::CHECK_MIN_CONFIDENCE,
        args.all,
        args.no_fuzzy,
        &args.lang,
    )?;
    requested.severity = args.severity;
    if args.jsonl {
        let desk = desks.for_path(Path::new("."))?;
        return super::jsonl::check(
            &desk.matcher,
            &args.inputs,
            args.format,
            &requested.for_desk(&desk),
        );
    }
    let inputs = inputs::collect(&args.inputs)?;
    let batch = inputs.len() > 1;
    let reports = scan_all(desks, inputs, args.format, &requested)?;
    let style = Style::for_stdout();
    let mut summary = Summary::default();
    let mut out = String::new();
    let mut all: Vec<(String, Finding)> = Vec::new();
    let mut off_style = false;
    for report in reports {
        match report.outcome {
            Err(e) => {
                eprintln!("dragoman: {e}");
                summary.failed += 1;
            }
            Ok(None) => {
                eprintln!("dragoman: {}: binary file skipped", report.input.name);
                summary.skipped += 1;
            }
            Ok(Some(scanned)) => {
                summary.add(&report.input.name, &scanned);
                off_style |= scanned.findings.iter().any(Finding::is_off_style);
                if args.consistency {
                    continue;
                }
                if args.json {
                    all.extend(
                        in_file_offsets(scanned.findings, &scanned.text, scanned.encoding)
                            .into_iter()
                            .map(|f| (report.input.name.clone(), f)),
                    );
                } else {
                    render(&mut out, &report.input.name, &scanned, style);
                }
            }
        }
    }
    let consistency = std::mem::take(&mut summary.consistency).finish();
    if args.consistency {
        if args.json {
            let mut text =
                serde_json::to_string_pretty(&consistency).expect("plain data serialises");
            text.push('\n');
            print(&text)?;
        } else {
            print(&render_consistency(&consistency, style))?;
        }
    } else if args.json {
        let rows: Vec<FileFinding> = all
            .iter()
            .map(|(file, finding)| FileFinding { file, finding })
            .collect();
        let mut text = serde_json::to_string_pretty(&rows).expect("plain data serialises");
        text.push('\n');
        print(&text)?;
    } else {
        print(&out)?;
    }
    if batch {
        if !args.json && !args.consistency {
            eprint!("{}", render_consistency(&consistency, Style::for_stderr()));
        }
        summary.print("checked");
    }
    Ok(if summary.failed > 0 {
        2
    } else if off_style {
        1
    } else {
        0
    })
}

fn render(out: &mut String, file: &str, scanned: &Scanned, style: Style) {
    for f in &scanned.findings {
        // One finding a line: a line break inside a name shows as `⏎`.
        let found = on_one_line(&f.found);
        let found = if f.is_off_style() {
            style.red(&found)
        } else {
            style.green(&found)
        };
        let kind = match f.kind {
            MatchKind::Canonical => "house form",
            MatchKind::Variant => "listed variant",
            MatchKind::Fuzzy if f.surname_alone => "surname alone",
            MatchKind::Fuzzy => "similar spelling",
            MatchKind::Admitted => "admitted form",
            MatchKind::Forbidden => "forbidden form",
        };
        let kind = match f.severity {
            Severity::Error => format!("{}: {kind}", style.red("error")),
            _ => kind.to_string(),
        };
        let from = if f.layer == house_style::DATABASE_LAYER {
            String::new()
        } else {
            format!(", from {}", f.layer)
        };
        let arrow = if f.is_off_style() {
            format!(" → {}", style.green(&on_one_line(&f.suggestion)))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{file}:{}:{}: {found}{arrow}  {}\n",
            f.line,
            f.column,
            style.dim(&format!("{kind}, {}{from}, {:.2}", f.entry, f.confidence))
        ));
    }
    for d in &scanned.drift {
        out.push_str(&format!(
            "{file}: {} {} is named in {} forms: {}\n",
            style.yellow("note:"),
            d.entry,
            d.forms.len(),
            d.forms.join(", ")
        ));
    }
}

/// `text` with each line break shown as `⏎` (a name wrapped at a line
/// end), so that a report keeps one finding a line.
fn on_one_line(text: &str) -> std::borrow::Cow<'_, str> {
    match text.contains(['\n', '\r']) {
        true => text.replace("\r\n", "⏎").replace(['\n', '\r'], "⏎").into(),
        false => text.into(),
    }
}

/// The batch's consistency table: per entry, mentions in house form, in
/// admitted forms and in each off-style form; then the documents that name
/// one entity in several forms.
fn render_consistency(tally: &Tally, style: Style) -> String {
    if tally.entries.is_empty() {
        return String::new();
    }
    let width = tally
        .entries
        .iter()
        .map(|e| e.entry.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut out = format!(
        "{}\n{}\n",
        style.bold(&format!("consistency across {} file(s):", tally.files)),
        style.dim(&format!(
            "  {:<width$}  {:>5}  {:>8}  off-style forms",
            "entry", "house", "admitted"
        ))
    );
    for e in &tally.entries {
        let forms: Vec<String> = e
            .off_style
            .iter()
            .map(|f| format!("{} ×{}", style.red(&isolate(&f.form)), f.count))
            .collect();
        out.push_str(&format!(
            "  {:<width$}  {:>5}  {:>8}  {}\n",
            e.entry,
            e.house,
            e.admitted,
            if forms.is_empty() {
                style.green("—")
            } else {
                forms.join(", ")
            }
        ));
    }
    for d in &tally.drift {
        out.push_str(&format!(
            "{} {} names {} in {} forms: {}\n",
            style.yellow("drift:"),
            d.file,
            d.entry,
            d.forms.len(),
            d.forms
                .iter()
                .map(|f| isolate(f))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out
}

/// Where `normalize` puts what it rewrote.
enum Destination {
    Stdout,
    File(PathBuf),
    InPlace,
    Directory(PathBuf),
}

pub fn normalize(desks: &mut Desks, args: &NormalizeArgs) -> Result<u8> {
    let requested = Requested::new(
        args.min_confidence,
        house_style::NORMALIZE_MIN_CONFIDENCE,
        false,
        args.no_fuzzy,
        &args.lang,
    )?;
    if args.jsonl {
        let desk = desks.for_path(Path::new("."))?;
        return super::jsonl::normalize(
            &desk.matcher,
            &args.inputs,
            args.format,
            &requested.for_desk(&desk),
        );
    }
    let destination = match (&args.output, args.in_place, &args.out_dir) {
        (None, false, None) => Destination::Stdout,
        (Some(file), false, None) => Destination::File(file.clone()),
        (None, true, None) => Destination::InPlace,
        (None, false, Some(dir)) => Destination::Directory(dir.clone()),
        _ => {
            return Err(Error::usage(
                "choose one of -o FILE, --in-place and --out-dir DIR",
            ))
        }
    };
    let skip = match &destination {
        Destination::Directory(dir) => Some(dir.as_path()),
        _ => None,
    };
    let inputs = inputs::collect_skipping(&args.inputs, skip)?;
    if inputs.len() > 1
        && matches!(destination, Destination::Stdout | Destination::File(_))
        && !args.diff
        && !args.json
    {
        return Err(Error::usage(format!(
            "{} inputs: use --in-place or --out-dir DIR to rewrite several files (or --diff to preview)",
            inputs.len()
        )));
    }
    if matches!(destination, Destination::InPlace) && inputs.iter().any(|i| i.path.is_none()) {
        return Err(Error::usage(
            "--in-place cannot rewrite standard input: use -o FILE",
        ));
    }
    if let Destination::Directory(dir) = &destination {
        let mut seen: std::collections::HashMap<PathBuf, &str> = std::collections::HashMap::new();
        for input in &inputs {
            if let Some(other) = seen.insert(dir.join(&input.relative), &input.name) {
                return Err(Error::usage(format!(
                    "{other} and {} would both be written to {}: normalize them in separate runs or give their folder",
                    input.name,
                    dir.join(&input.relative).display()
                )));
            }
        }
        refuse_overwriting_inputs(dir, &inputs)?;
    }
    if args.interactive {
        review::check_usage(
            inputs.iter().any(|i| i.path.is_none()),
            matches!(destination, Destination::Stdout),
        )?;
    }
    let batch = inputs.len() > 1;
    let reports = scan_all(desks, inputs, args.format, &requested)?;
    // An input that cannot be read stops the run before anything is
    // written or printed: no batch is half rewritten.
    let failed: Vec<&Error> = reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().err())
        .collect();
    if !failed.is_empty() {
        for e in &failed {
            eprintln!("dragoman: {e}");
        }
        eprintln!(
            "dragoman: nothing written: {} of {} input(s) could not be read",
            failed.len(),
            reports.len()
        );
        return Ok(2);
    }
    let mut review = match args.interactive {
        true => Some(Review::on_terminal(
            &desks.for_path(Path::new("."))?.matcher,
        )),
        false => None,
    };
    let mut summary = Summary::default();
    let mut applied: Vec<(String, Finding)> = Vec::new();
    // Outputs written in full but not yet in place, and those that failed.
    let mut staged = Vec::new();
    let mut unwritable: Vec<Error> = Vec::new();
    let mut stdout = String::new();
    for report in reports {
        let mut scanned = match report.outcome {
            Err(e) => {
                eprintln!("dragoman: {e}");
                summary.failed += 1;
                continue;
            }
            Ok(None) => {
                eprintln!("dragoman: {}: binary file skipped", report.input.name);
                summary.skipped += 1;
                continue;
            }
            Ok(Some(s)) => s,
        };
        summary.add(&report.input.name, &scanned);
        // An interactive review decides what is applied, file by file.
        let findings = match &mut review {
            None => std::mem::take(&mut scanned.findings),
            Some(session) => {
                session.use_notes_of(&report.desk.matcher);
                match session.file(&report.input.name, &scanned.text, &scanned.findings)? {
                    review::Outcome::Reviewed(accepted) => accepted,
                    review::Outcome::Skipped => continue,
                    review::Outcome::Quit => break,
                }
            }
        };
        // The rewrite is written out piece by piece, never built whole: a
        // document is held in memory once, whatever its size.
        let changed = findings
            .iter()
            .any(|f| f.is_off_style() && f.found != f.suggestion);
        if changed {
            summary.rewritten_files += 1;
        }
        let pieces = || house_style::rewritten_pieces(&scanned.text, &findings);
        // Encoded as the input was, byte-order mark included.
        let encoded = |out: &mut dyn Write| -> std::io::Result<()> {
            out.write_all(scanned.encoding.bom())?;
            pieces().try_for_each(|piece| scanned.encoding.write(piece, out))
        };
        if args.diff {
            stdout.push_str(&house_style::rewrite_diff(
                &report.input.name,
                &scanned.text,
                &findings,
            ));
        } else {
            match &destination {
                Destination::Stdout => {
                    if !args.json {
                        // Standard output is UTF-8; a UTF-8 byte-order mark
                        // the input had is kept. (One input only: checked
                        // above.)
                        print_with(|out| {
                            if scanned.encoding == Encoding::Utf8Bom {
                                out.write_all(scanned.encoding.bom())?;
                            }
                            pieces().try_for_each(|piece| out.write_all(piece.as_bytes()))
                        })?;
                    }
                }
                Destination::File(path) => write_atomically_with(path, None, encoded)?,
                Destination::InPlace | Destination::Directory(_) => {
                    let output = match &destination {
                        Destination::Directory(dir) => {
                            let target = dir.join(&report.input.relative);
                            match target.parent() {
                                Some(parent) => std::fs::create_dir_all(parent)
                                    .map_err(|e| Error::io(parent.display(), e)),
                                None => Ok(()),
                            }
                            .and_then(|()| stage(&target, report.input.path.as_deref(), encoded))
                            .map(Some)
                        }
                        _ if changed => {
                            let path = report.input.path.as_ref().expect("checked above");
                            // A symbolic link is followed: renaming over the
                            // link itself would turn it into a copy and leave
                            // the file it points to as it was.
                            let target =
                                std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                            stage(&target, Some(&target), encoded).map(Some)
                        }
                        _ => Ok(None),
                    };
                    match output {
                        // A file reviewed one finding at a time is written
                        // as soon as its review ends.
                        Ok(Some(file)) if args.interactive => file.commit()?,
                        Ok(Some(file)) => staged.push(file),
                        Ok(None) => {}
                        Err(e) if args.interactive => return Err(e),
                        Err(e) => unwritable.push(e),
                    }
                }
            }
        }
        applied.extend(
            in_file_offsets(findings, &scanned.text, scanned.encoding)
                .into_iter()
                .map(|f| (report.input.name.clone(), f)),
        );
    }
    // Every output is written in full before any replaces a file: one
    // that cannot be written (a read-only folder, a folder in the way)
    // leaves them all as they were.
    if !unwritable.is_empty() {
        let outputs = staged.len() + unwritable.len();
        drop(staged);
        for e in &unwritable {
            eprintln!("dragoman: {e}");
        }
        eprintln!(
            "dragoman: nothing written: {} of {outputs} output(s) could not be written",
            unwritable.len(),
        );
        return Ok(2);
    }
    for file in staged {
        file.commit()?;
    }
    if args.json && !args.diff {
        let rows: Vec<FileFinding> = applied
            .iter()
            .map(|(file, finding)| FileFinding { file, finding })
            .collect();
        let mut text = serde_json::to_string_pretty(&rows).expect("plain data serialises");
        text.push('\n');
        stdout.push_str(&text);
    }
    print(&stdout)?;
    if batch {
        let consistency = std::mem::take(&mut summary.consistency).finish();
        eprint!("{}", render_consistency(&consistency, Style::for_stderr()));
    }
    if batch || !matches!(destination, Destination::Stdout) {
        summary.print(if args.diff { "previewed" } else { "normalized" });
    }
    Ok(if summary.failed > 0 { 2 } else { 0 })
}

/// Refuses an `--out-dir` that would write over an input file (`--out-dir .`
/// beside the files, or an earlier copy that is a symbolic link to one):
/// the option is there to leave the originals as they were. An output and
/// an input are compared as [`inputs::resolved`] gives them, so `./a.txt`,
/// `../here/a.txt` and a link to it are all `a.txt`.
fn refuse_overwriting_inputs(dir: &Path, inputs: &[Input]) -> Result<()> {
    let originals: Vec<Option<PathBuf>> = inputs
        .iter()
        .map(|i| i.path.as_deref().and_then(inputs::resolved))
        .collect();
    for (input, original) in inputs.iter().zip(&originals) {
        let target = dir.join(&input.relative);
        let Some(written) = inputs::resolved(&target) else {
            continue;
        };
        let Some(hit) = originals.iter().position(|o| o.as_ref() == Some(&written)) else {
            continue;
        };
        let over = if original.as_ref() == Some(&written) {
            "itself".to_string()
        } else {
            format!("the input {}", inputs[hit].name)
        };
        return Err(Error::usage(format!(
            "{} would be written over {over} ({}): --out-dir keeps the originals, so give it a folder that holds none of the inputs (or use --in-place to rewrite them)",
            input.name,
            target.display()
        )));
    }
    Ok(())
}

/// The findings with byte offsets into the file as given rather than into
/// its decoded `text`: past a byte-order mark, and for UTF-16 input
/// counted in its two-byte code units.
fn in_file_offsets(mut findings: Vec<Finding>, text: &str, encoding: Encoding) -> Vec<Finding> {
    let bom = encoding.bom_len();
    if !matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
        for f in &mut findings {
            f.start += bom;
            f.end += bom;
        }
        return findings;
    }
    // Every offset's code units, counted in one pass over the text.
    let mut offsets: Vec<usize> = findings.iter().flat_map(|f| [f.start, f.end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut units = Vec::with_capacity(offsets.len());
    let (mut at, mut count) = (0, 0);
    for &offset in &offsets {
        count += text.get(at..offset).map_or(0, |s| s.encode_utf16().count());
        at = offset;
        units.push(count);
    }
    let in_file = |offset: usize| bom + 2 * offsets.binary_search(&offset).map_or(0, |k| units[k]);
    for f in &mut findings {
        f.start = in_file(f.start);
        f.end = in_file(f.end);
    }
    findings
}
