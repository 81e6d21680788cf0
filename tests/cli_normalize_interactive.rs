//! `dragoman normalize --interactive` end to end: the real binary on a real
//! pseudo-terminal (answers typed at its prompts), and with answers piped in
//! as lines, against a temporary database seeded with the house glossary.
//! What is checked is the files' bytes afterwards: accepted findings
//! rewritten, everything else (rejected findings, a skipped file, the file
//! being reviewed when the editor quit) exactly as it was.

#![cfg(unix)]

mod common;

use common::Desk;
use rexpect::process::WaitStatus;
use rexpect::session::{spawn_command, PtySession};

/// Two places of the house glossary, each in a listed variant spelling.
const CONVOY: &str = "Relief lorries left Misurata at dawn.\n\
                      By evening they had reached Tarkhuna, officials said.\n";

/// Another piece naming both places, in the other order.
const REPORT: &str = "Talks in Tarkhuna ended without a deal;\n\
                      the delegation from Misurata flew home.\n";

const PROMPT: &str = "apply? [a,r,e,A,s,q,?]";

/// Starts `dragoman --db <desk.db> normalize --interactive ARGS…` on a
/// pseudo-terminal: standard input, output and error are all the terminal.
fn start(desk: &Desk, args: &[&str], colour: bool) -> PtySession {
    let mut cmd = desk.std_command(env!("CARGO_BIN_EXE_dragoman"));
    cmd.arg("--db")
        .arg(desk.db())
        .args(["normalize", "--interactive"])
        .args(args);
    if colour {
        cmd.env_remove("NO_COLOR");
    }
    spawn_command(cmd, Some(30_000)).expect("dragoman starts on a pseudo-terminal")
}

/// Waits for `text` on the terminal, with everything seen so far in the
/// panic message when it does not come.
fn expect(session: &mut PtySession, text: &str) {
    if let Err(e) = session.exp_string(text) {
        panic!("waiting for {text:?}: {e}");
    }
}

/// Waits for the prompt and types `answer` with Enter.
fn answer(session: &mut PtySession, answer: &str) {
    expect(session, PROMPT);
    session.send_line(answer).expect("typing an answer");
}

/// Waits for dragoman to finish; its exit code.
fn finish(mut session: PtySession) -> i32 {
    session.exp_eof().expect("dragoman ends");
    match session.process().wait().expect("dragoman exits") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("dragoman did not exit normally: {other:?}"),
    }
}

fn read(desk: &Desk, name: &str) -> String {
    String::from_utf8(desk.read(name)).expect("UTF-8")
}

#[test]
fn accepting_one_finding_and_rejecting_another_on_a_terminal() {
    let desk = Desk::new();
    desk.seed_house();
    desk.write("convoy.txt", CONVOY);
    let mut session = start(&desk, &["--in-place", "convoy.txt"], true);
    // The first finding, in context: where it is, the line with the
    // mention marked (in colour: this is a terminal), the change, the kind
    // and confidence, and the entry's note.
    expect(&mut session, "convoy.txt:1:21");
    expect(&mut session, "Relief lorries left \x1b[31m\x1b[1mMisurata");
    expect(&mut session, "Misrata");
    expect(&mut session, "variant, misrata, confidence 1.00");
    expect(&mut session, "note:");
    answer(&mut session, "r");
    expect(&mut session, "convoy.txt:2:29");
    expect(&mut session, "tarhuna");
    answer(&mut session, "a");
    expect(&mut session, "convoy.txt: 1 of 2 accepted");
    assert_eq!(finish(session), 0);
    assert_eq!(
        read(&desk, "convoy.txt"),
        "Relief lorries left Misurata at dawn.\n\
         By evening they had reached Tarhuna, officials said.\n"
    );
}

#[test]
fn quitting_in_the_second_file_keeps_the_first_and_leaves_the_second() {
    let desk = Desk::new();
    desk.seed_house();
    desk.write("convoy.txt", CONVOY);
    desk.write("report.txt", REPORT);
    let mut session = start(&desk, &["--in-place", "convoy.txt", "report.txt"], false);
    // Without colour the mention is marked with brackets.
    expect(&mut session, "Relief lorries left [Misurata] at dawn.");
    answer(&mut session, "e");
    expect(&mut session, "replacement [Misrata]:");
    session
        .send_line("Misratah")
        .expect("typing the replacement");
    answer(&mut session, "r");
    // The first file is written as soon as its review ends, before the
    // second one's begins.
    expect(&mut session, "convoy.txt: 1 of 2 accepted");
    expect(&mut session, "report.txt:1:10");
    let convoy = "Relief lorries left Misratah at dawn.\n\
                  By evening they had reached Tarkhuna, officials said.\n";
    assert_eq!(read(&desk, "convoy.txt"), convoy);
    answer(&mut session, "a");
    answer(&mut session, "q");
    expect(&mut session, "quit: report.txt left untouched");
    assert_eq!(finish(session), 0);
    assert_eq!(read(&desk, "convoy.txt"), convoy);
    assert_eq!(read(&desk, "report.txt"), REPORT);
}

#[test]
fn the_end_of_input_on_a_terminal_is_quit() {
    let desk = Desk::new();
    desk.seed_house();
    desk.write("convoy.txt", CONVOY);
    let mut session = start(&desk, &["--in-place", "convoy.txt"], false);
    answer(&mut session, "a");
    expect(&mut session, PROMPT);
    // Ctrl-D at the start of a line: the terminal's end of input.
    session.send_control('d').expect("typing Ctrl-D");
    expect(&mut session, "quit: convoy.txt left untouched");
    assert_eq!(finish(session), 0);
    assert_eq!(read(&desk, "convoy.txt"), CONVOY);
}

#[test]
fn answers_piped_in_as_lines_and_prompts_kept_off_stdout() {
    let desk = Desk::new();
    desk.seed_house();
    desk.write("convoy.txt", CONVOY);
    desk.write("report.txt", REPORT);
    desk.write("calm.txt", "Nothing to see here.\n");
    // calm.txt has no findings and takes no answer; convoy.txt is skipped
    // after one answer; in report.txt all of tarhuna is accepted.
    let run = desk.run(
        &[
            "normalize",
            "--interactive",
            "--out-dir",
            "clean",
            "calm.txt",
            "convoy.txt",
            "report.txt",
        ],
        Some(b"a\ns\nA\nr\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout(), "", "prompts go to stderr, never stdout");
    assert!(run.stderr.contains(PROMPT), "{}", run.stderr);
    assert!(
        run.stderr.contains("convoy.txt: skipped, left untouched"),
        "{}",
        run.stderr
    );
    assert_eq!(desk.files_under("clean"), ["calm.txt", "report.txt"]);
    assert_eq!(read(&desk, "clean/calm.txt"), "Nothing to see here.\n");
    assert_eq!(
        read(&desk, "clean/report.txt"),
        "Talks in Tarhuna ended without a deal;\n\
         the delegation from Misurata flew home.\n"
    );
    // The inputs themselves are never touched with --out-dir.
    assert_eq!(read(&desk, "convoy.txt"), CONVOY);
    assert_eq!(read(&desk, "report.txt"), REPORT);
}

#[test]
fn output_to_one_file_with_dash_o() {
    let desk = Desk::new();
    desk.seed_house();
    desk.write("convoy.txt", CONVOY);
    let run = desk.run(
        &["normalize", "--interactive", "convoy.txt", "-o", "out.txt"],
        Some(b"a\na\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        read(&desk, "out.txt"),
        "Relief lorries left Misrata at dawn.\n\
         By evening they had reached Tarhuna, officials said.\n"
    );
    assert_eq!(read(&desk, "convoy.txt"), CONVOY);
}

#[test]
fn refusals_exit_2_and_write_nothing() {
    let desk = Desk::new();
    desk.seed_house();
    desk.write("convoy.txt", CONVOY);
    for (args, says) in [
        (
            &["convoy.txt"][..],
            "--interactive writes the reviewed files: give --in-place, --out-dir DIR or -o FILE",
        ),
        (
            &["-", "-o", "out.txt"][..],
            "--interactive reads its answers from standard input",
        ),
        (&["-o", "out.txt"][..], "--interactive reads its answers"),
        (&["--in-place", "--json", "convoy.txt"][..], "--json"),
        (&["--diff", "convoy.txt"][..], "--diff"),
        (&["--jsonl", "convoy.txt"][..], "--jsonl"),
    ] {
        let mut all = vec!["normalize", "--interactive"];
        all.extend_from_slice(args);
        let run = desk.run(&all, Some(b"a\na\n"));
        assert_eq!(run.code, 2, "{all:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{all:?}: {}", run.stderr);
        assert_eq!(run.stdout(), "", "{all:?}");
        assert!(!desk.path("out.txt").exists(), "{all:?}");
        assert_eq!(read(&desk, "convoy.txt"), CONVOY, "{all:?}");
    }
}
