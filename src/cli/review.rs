//! `dragoman normalize --interactive`: an editor reviews each finding before
//! it is applied.
//!
//! For every finding `normalize` would apply, the review shows where it is
//! (file, line and column, the line with the mention marked), what would
//! change, its kind and confidence and the entry's note, then asks for one
//! answer: accept, reject, edit the replacement, accept all of this entry,
//! skip the file, quit, or `?` for help. Answers are read a line at a time
//! from any [`BufRead`] and everything shown goes to any [`Write`], so the
//! loop runs the same on a terminal (standard input and standard error) and
//! in tests with scripted answers. The end of the answers counts as quit.
//!
//! The review only decides; the caller writes each file once its review
//! ends, with the accepted findings applied.

use super::output::{isolate, Style};
use crate::error::{Error, Result};
use crate::house_style::Finding;
use crate::matcher::Matcher;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};

/// How the review of one file ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Every finding was answered: these are the ones to apply, each with
    /// the replacement chosen in its `suggestion` (the house form, or the
    /// editor's own text).
    Reviewed(Vec<Finding>),
    /// The editor skipped the file: it is to be left as it is.
    Skipped,
    /// The editor quit, or the answers ran out: this file is to be left as
    /// it is and no further file reviewed.
    Quit,
}

/// One answer at the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Accept,
    Reject,
    Edit,
    AcceptAll,
    Skip,
    Quit,
    Help,
}

impl Answer {
    /// Reads an answer: its key or its word. `a` and `A` differ (accept one,
    /// accept all of the entry), so keys are case-sensitive; words are not.
    fn parse(answer: &str) -> Option<Answer> {
        let answer = answer.trim();
        let by_key = match answer {
            "a" => Some(Answer::Accept),
            "r" => Some(Answer::Reject),
            "e" => Some(Answer::Edit),
            "A" => Some(Answer::AcceptAll),
            "s" => Some(Answer::Skip),
            "q" => Some(Answer::Quit),
            "?" | "h" => Some(Answer::Help),
            _ => None,
        };
        by_key.or_else(|| match answer.to_lowercase().as_str() {
            "accept" | "y" | "yes" => Some(Answer::Accept),
            "reject" | "n" | "no" => Some(Answer::Reject),
            "edit" => Some(Answer::Edit),
            "all" => Some(Answer::AcceptAll),
            "skip" => Some(Answer::Skip),
            "quit" => Some(Answer::Quit),
            "help" => Some(Answer::Help),
            _ => None,
        })
    }
}

const PROMPT: &str = "apply? [a,r,e,A,s,q,?] ";

const HELP: &str = concat!(
    "  a  accept: rewrite this mention to the suggestion\n",
    "  r  reject: leave this mention as it is\n",
    "  e  edit: type the replacement (an empty answer keeps the suggestion)\n",
    "  A  accept this one and every later mention of the same entry in this run\n",
    "  s  skip the rest of this file: the file is left untouched\n",
    "  q  quit: files already reviewed keep their changes, this one is left untouched\n",
    "  ?  this help\n",
);

/// Characters of context shown on each side of a mention.
const CONTEXT: usize = 60;

/// An interactive review session over a run's files.
pub struct Review<R, W> {
    answers: R,
    screen: W,
    style: Style,
    /// Entry id → its note for translators (entries without one are absent).
    notes: HashMap<String, String>,
    /// Entries the editor accepted all remaining mentions of.
    accept_all: HashSet<String>,
    /// Whether to show each answer after its prompt, as a terminal would
    /// have: for answers piped in, so that the transcript reads right.
    echo: bool,
}

impl Review<std::io::StdinLock<'static>, std::io::Stderr> {
    /// A review on the terminal: answers from standard input, everything
    /// shown on standard error (so standard output stays free), coloured
    /// only when standard error is a terminal and `NO_COLOR` is unset.
    /// Answers that do not come from a terminal are shown after their
    /// prompts.
    pub fn on_terminal(matcher: &Matcher) -> Self {
        use std::io::IsTerminal;
        let stdin = std::io::stdin();
        let echo = !stdin.is_terminal();
        Review::new(
            stdin.lock(),
            std::io::stderr(),
            Style::for_stderr(),
            notes(matcher),
        )
        .echo(echo)
    }
}

/// The notes of a matcher's entries, by entry id.
fn notes(matcher: &Matcher) -> HashMap<String, String> {
    matcher
        .entries()
        .iter()
        .filter(|e| !e.note.trim().is_empty())
        .map(|e| (e.id.clone(), e.note.clone()))
        .collect()
}

impl<R: BufRead, W: Write> Review<R, W> {
    /// Shows the notes of `matcher`'s entries from now on: the glossary in
    /// force changes from folder to folder with their `dragoman.toml`.
    pub fn use_notes_of(&mut self, matcher: &Matcher) {
        self.notes = notes(matcher);
    }

    pub fn new(answers: R, screen: W, style: Style, notes: HashMap<String, String>) -> Self {
        Review {
            answers,
            screen,
            style,
            notes,
            accept_all: HashSet::new(),
            echo: false,
        }
    }

    /// Shows each answer after its prompt (for answers not typed on a
    /// terminal, which would have shown them).
    pub fn echo(self, echo: bool) -> Self {
        Review { echo, ..self }
    }

    /// Reviews the findings of one file, `text` as read, in order. A file
    /// without findings is reviewed at once, without a word.
    pub fn file(&mut self, name: &str, text: &str, findings: &[Finding]) -> Result<Outcome> {
        self.review(name, text, findings)
            .map_err(|e| Error::io("interactive review", e))
    }

    fn review(&mut self, name: &str, text: &str, findings: &[Finding]) -> std::io::Result<Outcome> {
        let name = &printable(name);
        let mut accepted = Vec::new();
        for (i, finding) in findings.iter().enumerate() {
            if self.accept_all.contains(&finding.entry) {
                writeln!(
                    self.screen,
                    "{}: {} → {}  {}",
                    self.place(name, finding),
                    printable(&finding.found),
                    printable(&finding.suggestion),
                    self.style
                        .dim(&format!("accepted: all of {}", finding.entry))
                )?;
                accepted.push(finding.clone());
                continue;
            }
            self.show(name, text, finding, i + 1, findings.len())?;
            loop {
                let Some(answer) = self.ask(PROMPT)? else {
                    return self.quit(name);
                };
                match Answer::parse(&answer) {
                    Some(Answer::Accept) => accepted.push(finding.clone()),
                    Some(Answer::Reject) => {}
                    Some(Answer::Edit) => {
                        let prompt = format!("replacement [{}]: ", printable(&finding.suggestion));
                        let Some(typed) = self.ask(&prompt)? else {
                            return self.quit(name);
                        };
                        let mut edited = finding.clone();
                        if !typed.is_empty() {
                            edited.suggestion = typed;
                        }
                        accepted.push(edited);
                    }
                    Some(Answer::AcceptAll) => {
                        self.accept_all.insert(finding.entry.clone());
                        accepted.push(finding.clone());
                    }
                    Some(Answer::Skip) => {
                        writeln!(self.screen, "{name}: skipped, left untouched")?;
                        return Ok(Outcome::Skipped);
                    }
                    Some(Answer::Quit) => return self.quit(name),
                    Some(Answer::Help) => {
                        self.screen.write_all(HELP.as_bytes())?;
                        continue;
                    }
                    None => {
                        writeln!(
                            self.screen,
                            "{:?} is not an answer: ? for help",
                            printable(answer.trim())
                        )?;
                        continue;
                    }
                }
                break;
            }
        }
        if !findings.is_empty() {
            writeln!(
                self.screen,
                "{name}: {} of {} accepted",
                accepted.len(),
                findings.len()
            )?;
        }
        Ok(Outcome::Reviewed(accepted))
    }

    fn quit(&mut self, name: &str) -> std::io::Result<Outcome> {
        writeln!(self.screen, "quit: {name} left untouched")?;
        Ok(Outcome::Quit)
    }

    /// `name:line:column` of a finding (`name` already made printable).
    fn place(&self, name: &str, f: &Finding) -> String {
        self.style.bold(&format!("{name}:{}:{}", f.line, f.column))
    }

    /// Shows one finding: where, the line with the mention marked, the
    /// change, its kind, entry and confidence, and the entry's note.
    fn show(
        &mut self,
        name: &str,
        text: &str,
        f: &Finding,
        nth: usize,
        of: usize,
    ) -> std::io::Result<()> {
        let style = self.style;
        writeln!(self.screen)?;
        writeln!(
            self.screen,
            "{}  {}",
            self.place(name, f),
            style.dim(&format!("({nth} of {of})"))
        )?;
        let (before, after) = context(text, f.start, f.end);
        let found = printable(&f.found);
        let marked = if style.enabled() {
            style.red(&style.bold(&found))
        } else {
            format!("[{found}]")
        };
        writeln!(
            self.screen,
            "  {}{marked}{}",
            printable(&before),
            printable(&after)
        )?;
        writeln!(
            self.screen,
            "  {} → {}  {}",
            style.red(&isolate(&found)),
            style.green(&isolate(&printable(&f.suggestion))),
            style.dim(&format!(
                "{}, {}, confidence {:.2}",
                kind_name(f),
                f.entry,
                f.confidence
            ))
        )?;
        if let Some(note) = self.notes.get(&f.entry) {
            writeln!(
                self.screen,
                "  {} {}",
                style.yellow("note:"),
                printable(note.trim())
            )?;
        }
        Ok(())
    }

    /// Shows `prompt` and reads one answer, without its line ending; `None`
    /// when the answers have run out. Bytes that are not UTF-8 are replaced,
    /// never an error.
    fn ask(&mut self, prompt: &str) -> std::io::Result<Option<String>> {
        write!(self.screen, "{prompt}")?;
        self.screen.flush()?;
        let mut line = Vec::new();
        if self.answers.read_until(b'\n', &mut line)? == 0 {
            writeln!(self.screen)?;
            return Ok(None);
        }
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        let answer = String::from_utf8_lossy(&line).into_owned();
        if self.echo {
            writeln!(self.screen, "{}", printable(&answer))?;
        }
        Ok(Some(answer))
    }
}

/// The contract's name of a finding's kind (`variant`, `fuzzy`, …).
fn kind_name(f: &Finding) -> String {
    serde_json::to_value(f.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The text of the line around bytes `start..end` of `text`: at most
/// [`CONTEXT`] characters on each side, cut ends shown as `…`.
fn context(text: &str, start: usize, end: usize) -> (String, String) {
    if text.get(start..end).is_none() {
        return (String::new(), String::new());
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before = &text[line_start..start];
    let after = text[end..line_end].trim_end_matches('\r');
    let mut left: String = before.chars().rev().take(CONTEXT).collect();
    left = left.chars().rev().collect();
    if left.len() < before.len() {
        left.insert(0, '…');
    }
    let mut right: String = after.chars().take(CONTEXT).collect();
    if right.len() < after.len() {
        right.push('…');
    }
    (left, right)
}

/// `text` made safe to show on a terminal: control characters (an escape
/// sequence hidden in an article, a stray carriage return) become `�`; tabs
/// become spaces.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// What an interactive run needs, checked before anything is read: named
/// files (standard input carries the answers) and somewhere to write them.
pub fn check_usage(reads_stdin: bool, writes_stdout: bool) -> Result<()> {
    if reads_stdin {
        return Err(Error::usage(
            "--interactive reads its answers from standard input, so the text cannot come from there too: name the files",
        ));
    }
    if writes_stdout {
        return Err(Error::usage(
            "--interactive writes the reviewed files: give --in-place, --out-dir DIR or -o FILE",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::house_style::{self, CheckOptions, NORMALIZE_MIN_CONFIDENCE};

    /// The house glossary's matcher, built once for all tests.
    fn matcher() -> &'static Matcher {
        static MATCHER: std::sync::OnceLock<Matcher> = std::sync::OnceLock::new();
        MATCHER.get_or_init(|| Matcher::new(crate::glossary::house::house_entries().unwrap()))
    }

    /// What `normalize` would apply to `text`.
    fn scan(text: &str) -> Vec<Finding> {
        let options = CheckOptions {
            min_confidence: NORMALIZE_MIN_CONFIDENCE,
            ..CheckOptions::default()
        };
        house_style::check(matcher(), text, &options)
    }

    const TEXT: &str = "Shelling near Tarkhuna went on overnight.\n\
                        A convoy from Misurata reached Tarkhuna by noon.\n";

    /// TEXT's findings: Tarkhuna, Misurata, Tarkhuna.
    fn findings() -> Vec<Finding> {
        let fs = scan(TEXT);
        let found: Vec<&str> = fs.iter().map(|f| f.found.as_str()).collect();
        assert_eq!(found, ["Tarkhuna", "Misurata", "Tarkhuna"]);
        fs
    }

    fn notes() -> HashMap<String, String> {
        HashMap::from([(
            "misrata".to_string(),
            "A port city on the coast.".to_string(),
        )])
    }

    /// Runs a review of the files with scripted `answers`; the outcomes
    /// and everything shown.
    fn run(answers: &str, files: &[(&str, &str, &[Finding])]) -> (Vec<Outcome>, String) {
        let mut screen = Vec::new();
        let mut outcomes = Vec::new();
        {
            let mut review = Review::new(answers.as_bytes(), &mut screen, Style::plain(), notes());
            for (name, text, findings) in files {
                let outcome = review.file(name, text, findings).unwrap();
                let quit = outcome == Outcome::Quit;
                outcomes.push(outcome);
                if quit {
                    break;
                }
            }
        }
        (outcomes, String::from_utf8(screen).unwrap())
    }

    fn applied(outcome: &Outcome) -> String {
        match outcome {
            Outcome::Reviewed(accepted) => house_style::rewrite(TEXT, accepted),
            other => panic!("not reviewed: {other:?}"),
        }
    }

    #[test]
    fn accepted_findings_are_applied_and_rejected_ones_left() {
        let fs = findings();
        let (outcomes, _) = run("a\nr\nyes\n", &[("a.txt", TEXT, &fs)]);
        assert_eq!(
            applied(&outcomes[0]),
            "Shelling near Tarhuna went on overnight.\n\
             A convoy from Misurata reached Tarhuna by noon.\n"
        );
    }

    #[test]
    fn an_edit_replaces_and_an_empty_edit_keeps_the_suggestion() {
        let fs = findings();
        let (outcomes, screen) = run("e\nTarhouna\ne\n\nr\n", &[("a.txt", TEXT, &fs)]);
        assert_eq!(
            applied(&outcomes[0]),
            "Shelling near Tarhouna went on overnight.\n\
             A convoy from Misrata reached Tarkhuna by noon.\n"
        );
        assert!(screen.contains("replacement [Tarhuna]: "), "{screen}");
    }

    #[test]
    fn accept_all_covers_the_entry_for_the_rest_of_the_run() {
        let fs = findings();
        let (outcomes, screen) = run("A\nr\n", &[("a.txt", TEXT, &fs), ("b.txt", TEXT, &fs[..1])]);
        assert_eq!(
            applied(&outcomes[0]),
            "Shelling near Tarhuna went on overnight.\n\
             A convoy from Misurata reached Tarhuna by noon.\n"
        );
        assert_eq!(outcomes[1], Outcome::Reviewed(vec![fs[0].clone()]));
        assert!(screen.contains("accepted: all of tarhuna"), "{screen}");
        // Two answers were enough for four findings.
        assert_eq!(screen.matches(PROMPT).count(), 2, "{screen}");
    }

    #[test]
    fn skip_leaves_the_file_and_goes_on_quit_stops() {
        let fs = findings();
        let (outcomes, screen) = run(
            "a\ns\nq\n",
            &[
                ("a.txt", TEXT, &fs),
                ("b.txt", TEXT, &fs),
                ("c.txt", TEXT, &fs),
            ],
        );
        assert_eq!(outcomes, vec![Outcome::Skipped, Outcome::Quit]);
        assert!(
            screen.contains("a.txt: skipped, left untouched"),
            "{screen}"
        );
        assert!(screen.contains("quit: b.txt left untouched"), "{screen}");
    }

    #[test]
    fn the_end_of_the_answers_is_quit() {
        let fs = findings();
        assert_eq!(run("a\n", &[("a.txt", TEXT, &fs)]).0, vec![Outcome::Quit]);
        assert_eq!(run("e\n", &[("a.txt", TEXT, &fs)]).0, vec![Outcome::Quit]);
        assert_eq!(run("", &[("a.txt", TEXT, &fs)]).0, vec![Outcome::Quit]);
    }

    #[test]
    fn help_and_unknown_answers_ask_again() {
        let fs = findings();
        let (outcomes, screen) = run("?\nmaybe\n\nr\nr\nr\n", &[("a.txt", TEXT, &fs)]);
        assert_eq!(outcomes, vec![Outcome::Reviewed(vec![])]);
        assert!(
            screen.contains("  a  accept: rewrite this mention to the suggestion\n"),
            "{screen}"
        );
        assert!(screen.contains("\"maybe\" is not an answer"), "{screen}");
        assert_eq!(screen.matches(PROMPT).count(), 6, "{screen}");
    }

    #[test]
    fn a_finding_is_shown_in_context_with_its_note() {
        let fs = findings();
        let (_, screen) = run("r\nr\nq\n", &[("a.txt", TEXT, &fs)]);
        for line in [
            "a.txt:1:15  (1 of 3)",
            "  Shelling near [Tarkhuna] went on overnight.",
            "  Tarkhuna → Tarhuna  variant, tarhuna, confidence 1.00",
            "a.txt:2:15  (2 of 3)",
            "  A convoy from [Misurata] reached Tarkhuna by noon.",
            "  note: A port city on the coast.",
        ] {
            assert!(screen.lines().any(|l| l == line), "{line:?} in\n{screen}");
        }
        // Only the entry with a note shows one.
        assert_eq!(screen.matches("note:").count(), 1, "{screen}");
    }

    #[test]
    fn long_lines_are_cut_and_control_characters_not_shown() {
        let text = format!(
            "{}\x1b[2J Tarkhuna {}\r\n",
            "x".repeat(100),
            "y".repeat(100)
        );
        let fs = scan(&text);
        assert_eq!(fs.len(), 1);
        let (_, screen) = run("q\n", &[("a.txt", &text, &fs)]);
        let shown = format!(
            "  …{}\u{FFFD}[2J [Tarkhuna] {}…",
            "x".repeat(55),
            "y".repeat(59)
        );
        assert!(screen.lines().any(|l| l == shown), "{screen}");
        assert!(!screen.contains('\x1b'));
    }

    #[test]
    fn context_is_the_line_around_the_span() {
        let text = "first line\r\nsecond Tarkhuna line\r\nthird\n";
        let start = text.find("Tarkhuna").unwrap();
        assert_eq!(
            context(text, start, start + 8),
            ("second ".to_string(), " line".to_string())
        );
        // Offsets outside the text show no context rather than fail.
        assert_eq!(context(text, 500, 508), (String::new(), String::new()));
    }

    #[test]
    fn answers_that_are_not_utf8_are_no_error() {
        let fs = findings();
        let mut screen = Vec::new();
        let mut review = Review::new(&b"\xff\xfe\nq\n"[..], &mut screen, Style::plain(), notes());
        assert_eq!(review.file("a.txt", TEXT, &fs).unwrap(), Outcome::Quit);
    }

    #[test]
    fn answers_can_be_echoed() {
        let fs = findings();
        let mut screen = Vec::new();
        let mut review = Review::new(
            &b"e\nTarhouna\nq\n"[..],
            &mut screen,
            Style::plain(),
            notes(),
        )
        .echo(true);
        assert_eq!(review.file("a.txt", TEXT, &fs).unwrap(), Outcome::Quit);
        let screen = String::from_utf8(screen).unwrap();
        assert!(screen.contains(&format!("{PROMPT}e\n")), "{screen}");
        assert!(
            screen.contains("replacement [Tarhuna]: Tarhouna\n"),
            "{screen}"
        );
    }

    #[test]
    fn a_file_without_findings_needs_no_answer() {
        let (outcomes, screen) = run("", &[("a.txt", TEXT, &[])]);
        assert_eq!(outcomes, vec![Outcome::Reviewed(vec![])]);
        assert_eq!(screen, "");
    }

    #[test]
    fn notes_come_from_the_matchers_entries() {
        let notes = super::notes(matcher());
        assert!(notes["misrata"].starts_with("Port city"), "{notes:?}");
        assert!(notes.values().all(|n| !n.trim().is_empty()));
    }

    #[test]
    fn usage_needs_files_and_a_destination() {
        assert!(check_usage(false, false).is_ok());
        assert_eq!(check_usage(true, false).unwrap_err().exit_code(), 2);
        assert_eq!(check_usage(false, true).unwrap_err().exit_code(), 2);
    }
}
