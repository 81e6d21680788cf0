//! `check` and `normalize` on marked-up articles (HTML and Markdown) end to
//! end against a real SQLite database seeded with the house glossary: only
//! prose is matched (never tags, attributes, comments, scripts, code, URLs
//! or front matter; character references are read as what they stand
//! for), offsets are into the original file, `normalize` changes only
//! prose bytes, suppression comments are honoured, and `--format` decides
//! over the extension.
//!
//! Expected offsets, lines and columns are worked out from the input text
//! with `common::locate`, independently of dragoman.

mod common;

use common::{assert_findings, check_json, Desk, Want};

/// `normalize ARGS…`, which must succeed; its stdout.
fn normalized(desk: &Desk, args: &[&str], stdin: Option<&str>) -> String {
    let mut all = vec!["normalize"];
    all.extend_from_slice(args);
    let run = desk.run(&all, stdin.map(str::as_bytes));
    assert_eq!(run.code, 0, "normalize {args:?}: {}", run.stderr);
    run.stdout()
}

const HTML: &str = "<!DOCTYPE html>\n\
<html lang=\"en\">\n\
<head><title>Desk copy</title>\n\
<style>.Tarkhuna { color: red }</style>\n\
<script>var town = \"Tarkhuna\"; if (a < b) { go(\"Misurata\"); }</script></head>\n\
<body>\n\
<!-- editor: Tarkhuna or Tarhuna? -->\n\
<p class=\"lead\" title=\"Convoy left Tarkhuna\">A convoy left <a href=\"https://example.org/Tarkhuna\">Tarkhuna</a> at dawn.</p>\n\
<p>Колонна ушла из <b>Мисураты</b> &amp; вернулась в Tarkhuna&nbsp;ночью.</p>\n\
<pre>Tarkhuna  Misurata</pre>\n\
<p>Код <code>Misurata</code>; see https://example.org/Misurata or www.example.com/Tarkhuna.</p>\n\
<img alt=\"Tarkhuna at night\" src=\"Tarkhuna.jpg\">\n\
</body>\n\
</html>\n";

fn html_wants() -> Vec<Want<'static>> {
    vec![
        // The link text (2nd "Tarkhuna" after the comment's and the title's).
        Want::variant("Tarkhuna", "tarhuna", "Tarhuna").nth(5),
        Want::variant("Мисураты", "misrata", "Мисраты").lang("ru"),
        Want::variant("Tarkhuna", "tarhuna", "Tarhuna").nth(6),
    ]
}

#[test]
fn html_attributes_tags_scripts_and_code_are_not_reported_prose_is() {
    let desk = Desk::new();
    desk.write("story.html", HTML);
    let (findings, run) = check_json(&desk, &["story.html"], None);
    assert_eq!(run.code, 1);
    assert_findings(HTML, &findings, &html_wants(), Some("story.html"));
}

#[test]
fn normalize_html_changes_only_prose_bytes() {
    let desk = Desk::new();
    desk.write("story.htm", HTML);
    let out = normalized(&desk, &["story.htm"], None);
    let expected = HTML
        .replacen("\">Tarkhuna</a>", "\">Tarhuna</a>", 1)
        .replacen("<b>Мисураты</b>", "<b>Мисраты</b>", 1)
        .replacen("в Tarkhuna&nbsp;", "в Tarhuna&nbsp;", 1);
    assert_ne!(expected, HTML);
    assert_eq!(out, expected);
    // In place: the same bytes, and a second run finds nothing to change.
    desk.dragoman()
        .args(["normalize", "--in-place", "story.htm"])
        .assert()
        .success();
    assert_eq!(desk.read("story.htm"), expected.as_bytes());
    let (findings, run) = check_json(&desk, &["story.htm"], None);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(run.code, 0);
}

const MARKDOWN: &str = "---\n\
title: Tarkhuna report\n\
---\n\
\n\
# Tarkhuna after the fighting\n\
\n\
Forces returned to Tarkhuna; the `Tarkhuna` tag and [the map](https://example.org/Tarkhuna \"Tarkhuna\") \
say so, and so does <https://example.org/Misurata>.\n\
\n\
```\n\
grep Tarkhuna notes.txt\n\
```\n\
\n\
\x20   indented Misurata code\n\
\n\
![Tarkhuna ruins](ruins-Tarkhuna.png)\n\
\n\
- Отряды вошли в Мисурату.\n\
- دخلت القوات مصراته صباحا.\n\
\n\
[ref]: https://example.org/Tarkhuna\n";

#[test]
fn markdown_code_spans_blocks_links_and_front_matter_are_not_reported() {
    let desk = Desk::new();
    desk.write("story.md", MARKDOWN);
    let (findings, run) = check_json(&desk, &["story.md"], None);
    assert_eq!(run.code, 1);
    assert_findings(
        MARKDOWN,
        &findings,
        &[
            Want::variant("Tarkhuna", "tarhuna", "Tarhuna").nth(1),
            Want::variant("Tarkhuna", "tarhuna", "Tarhuna").nth(2),
            Want::variant("Мисурату", "misrata", "Мисрату").lang("ru"),
            Want::fuzzy("مصراته", "misrata", "مصراتة", 0.95, 1.0).lang("ar"),
        ],
        Some("story.md"),
    );
}

#[test]
fn normalize_markdown_changes_only_prose_bytes() {
    let desk = Desk::new();
    desk.write("story.markdown", MARKDOWN);
    let out = normalized(&desk, &["story.markdown"], None);
    let expected = MARKDOWN
        .replacen("# Tarkhuna after", "# Tarhuna after", 1)
        .replacen("returned to Tarkhuna;", "returned to Tarhuna;", 1)
        .replacen("в Мисурату", "в Мисрату", 1)
        .replacen("مصراته", "مصراتة", 1);
    assert_eq!(out, expected);
}

#[test]
fn suppression_comments_are_honoured_in_html() {
    let desk = Desk::new();
    let html = "<p>One: Tarkhuna.</p>\n\
                <!-- dragoman off -->\n\
                <blockquote>Quoted as said: Tarkhuna, Misurata.</blockquote>\n\
                <!-- dragoman on -->\n\
                <p>Two: Misurata.</p>\n\
                <!-- dragoman-ignore -->\n\
                <p>Skipped: Tarkhuna.</p>\n\
                <p>Three: Tarkhuna.</p>\n";
    desk.write("quotes.html", html);
    let (findings, _) = check_json(&desk, &["quotes.html"], None);
    assert_findings(
        html,
        &findings,
        &[
            Want::variant("Tarkhuna", "tarhuna", "Tarhuna"),
            Want::variant("Misurata", "misrata", "Misrata").nth(1),
            Want::variant("Tarkhuna", "tarhuna", "Tarhuna").nth(3),
        ],
        Some("quotes.html"),
    );
    let out = normalized(&desk, &["quotes.html"], None);
    assert_eq!(
        out,
        html.replacen("One: Tarkhuna", "One: Tarhuna", 1)
            .replacen("Two: Misurata", "Two: Misrata", 1)
            .replacen("Three: Tarkhuna", "Three: Tarhuna", 1)
    );
}

#[test]
fn suppression_comments_are_honoured_in_markdown() {
    let desk = Desk::new();
    let md = "<!-- dragoman off -->\n\
              \n\
              > Он сказал: «Мисурата и Tarkhuna».\n\
              \n\
              <!-- dragoman on -->\n\
              \n\
              Text on Misurata. <!-- dragoman-ignore -->\n\
              Tarkhuna stays as quoted.\n\
              \n\
              <!-- dragoman off: the rest is a verbatim quote -->\n\
              \n\
              Misurata to the end.\n";
    desk.write("quotes.md", md);
    let (findings, run) = check_json(&desk, &["quotes.md"], None);
    assert_eq!(run.code, 1);
    assert_findings(
        md,
        &findings,
        &[Want::variant("Misurata", "misrata", "Misrata")],
        Some("quotes.md"),
    );
    // All suppressed: nothing to report, exit 0.
    let quiet = "<!-- dragoman-ignore -->\nTarkhuna\n";
    desk.write("quiet.md", quiet);
    let (findings, run) = check_json(&desk, &["quiet.md"], None);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(run.code, 0);
}

#[test]
fn format_flag_overrides_the_extension_and_stdin_is_text() {
    let desk = Desk::new();
    let html = "<p title=\"Tarkhuna\">Misurata</p>\n";
    desk.write("story.txt", html);
    desk.write("story.html", html);
    let wants_html = [Want::variant("Misurata", "misrata", "Misrata")];
    let wants_text = [
        Want::variant("Tarkhuna", "tarhuna", "Tarhuna"),
        Want::variant("Misurata", "misrata", "Misrata"),
    ];
    let (findings, _) = check_json(&desk, &["story.txt"], None);
    assert_findings(html, &findings, &wants_text, Some("story.txt"));
    let (findings, _) = check_json(&desk, &["--format", "html", "story.txt"], None);
    assert_findings(html, &findings, &wants_html, Some("story.txt"));
    let (findings, _) = check_json(&desk, &["story.html", "--format", "text"], None);
    assert_findings(html, &findings, &wants_text, Some("story.html"));
    let (findings, _) = check_json(&desk, &[], Some(html));
    assert_findings(html, &findings, &wants_text, Some("-"));
    let (findings, _) = check_json(&desk, &["--format", "HTML", "-"], Some(html));
    assert_findings(html, &findings, &wants_html, Some("-"));
    assert_eq!(
        normalized(&desk, &["--format", "html"], Some(html)),
        "<p title=\"Tarkhuna\">Misrata</p>\n"
    );
    let md = "Misurata `Tarkhuna`\n";
    let (findings, _) = check_json(&desk, &["--format", "markdown"], Some(md));
    assert_findings(md, &findings, &wants_html, Some("-"));
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let desk = Desk::new();
    desk.write("a.html", "<p>x</p>");
    let run = desk.run(&["check", "--format", "rtf", "a.html"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("rtf") && run.stderr.contains("text, html or markdown"),
        "{}",
        run.stderr
    );
    let run = desk.run(&["normalize", "--format", "docx", "a.html"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn a_name_split_by_a_character_reference_is_read_whole() {
    let desk = Desk::new();
    let html = "<p>Tark&shy;huna and Tarkhuna&#44; and Misu&#114;ata.</p>\n";
    desk.write("refs.html", html);
    let (findings, _) = check_json(&desk, &["refs.html"], None);
    assert_findings(
        html,
        &findings,
        &[
            Want::variant("Tark&shy;huna", "tarhuna", "Tarhuna"),
            Want::variant("Tarkhuna", "tarhuna", "Tarhuna"),
            Want::variant("Misu&#114;ata", "misrata", "Misrata"),
        ],
        Some("refs.html"),
    );
    assert_eq!(
        normalized(&desk, &["refs.html"], None),
        "<p>Tarhuna and Tarhuna&#44; and Misrata.</p>\n"
    );
}

#[test]
fn a_batch_mixes_formats_by_extension() {
    let desk = Desk::new();
    desk.mkdir("desk");
    desk.write("desk/a.html", "<p data-x=\"Misurata\">Tarkhuna</p>\n");
    desk.write("desk/b.md", "`Misurata` Tarkhuna\n");
    desk.write("desk/c.txt", "`Misurata` Tarkhuna\n");
    let (findings, _) = check_json(&desk, &["desk"], None);
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["found"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("desk/a.html", "Tarkhuna"),
            ("desk/b.md", "Tarkhuna"),
            ("desk/c.txt", "Misurata"),
            ("desk/c.txt", "Tarkhuna"),
        ]
    );
    desk.dragoman()
        .args(["normalize", "--out-dir", "out", "desk"])
        .assert()
        .success();
    assert_eq!(
        desk.read("out/a.html"),
        b"<p data-x=\"Misurata\">Tarhuna</p>\n"
    );
    assert_eq!(desk.read("out/b.md"), b"`Misurata` Tarhuna\n");
}

#[test]
fn jsonl_texts_are_plain_unless_format_says_otherwise() {
    let desk = Desk::new();
    let line = "{\"id\": 7, \"text\": \"<b title=\\\"Tarkhuna\\\">Misurata</b>\"}\n";
    let run = desk.run(&["check", "--jsonl"], Some(line.as_bytes()));
    let rows = run.json_lines();
    assert_eq!(rows[0]["findings"].as_array().unwrap().len(), 2, "{rows:?}");
    let run = desk.run(
        &["check", "--jsonl", "--format", "html"],
        Some(line.as_bytes()),
    );
    let rows = run.json_lines();
    let findings = rows[0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{rows:?}");
    assert_eq!(findings[0]["found"], "Misurata");
    assert_eq!(findings[0]["start"], 20);
    let run = desk.run(
        &["normalize", "--jsonl", "--format", "html"],
        Some(line.as_bytes()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.json_lines()[0]["text"],
        "<b title=\"Tarkhuna\">Misrata</b>"
    );
}

#[test]
fn a_name_running_into_markup_is_rewritten_in_its_prose_part() {
    // A surname alone is a mention of the person at a confidence below
    // normalize's default threshold, as in plain text.
    let desk = Desk::new();
    let html = "<p>Khalifa <b>Hifter</b> spoke.</p>\n";
    desk.write("split.html", html);
    assert_eq!(
        normalized(&desk, &["--min-confidence", "0.8", "split.html"], None),
        "<p>Khalifa <b>Haftar</b> spoke.</p>\n"
    );
    let md = "Khalifa *Hifter* spoke.\n";
    desk.write("split.md", md);
    assert_eq!(
        normalized(&desk, &["--min-confidence", "0.8", "split.md"], None),
        "Khalifa *Haftar* spoke.\n"
    );
}

/// An article whose names are written with character references: a
/// no-break space between given name and surname, soft hyphens inside a
/// word, numeric references for letters, and a typographic apostrophe.
const REFERENCES: &str = "<article>\n\
<h1>Ceasefire talks</h1>\n\
<p>Envoys met Khalifa&nbsp;Hifter on Monday, then Haf&shy;tar&#8217;s aides.</p>\n\
<p>The road to Tar&shy;khuna reopened; Misratah&#8217;s port stayed shut.</p>\n\
<p lang=\"ru\">Послы встретились с &#1061;ифтером, а &#x425;афтар промолчал.</p>\n\
<p title=\"Khalifa&nbsp;Hifter\">Khalifa&nbsp;Haftar &amp; aides.</p>\n\
</article>\n";

#[test]
fn html_names_written_with_character_references_are_found_where_they_stand() {
    let desk = Desk::new();
    desk.write("talks.html", REFERENCES);
    let (findings, run) = check_json(&desk, &["--all", "talks.html"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let surname = |found, suggestion, lang| {
        Want::new(found, "khalifa-haftar", "fuzzy", suggestion)
            .lang(lang)
            .conf(common::Conf::Between(0.8, 1.0))
    };
    assert_findings(
        REFERENCES,
        &findings,
        &[
            Want::variant(
                "Khalifa&nbsp;Hifter",
                "khalifa-haftar",
                "Khalifa&nbsp;Haftar",
            ),
            Want::new("Haf&shy;tar", "khalifa-haftar", "canonical", "Haftar"),
            Want::variant("Tar&shy;khuna", "tarhuna", "Tarhuna"),
            Want::variant("Misratah", "misrata", "Misrata"),
            surname("&#1061;ифтером", "Хафтаром", "ru"),
            Want::new("&#x425;афтар", "khalifa-haftar", "canonical", "Хафтар").lang("ru"),
            Want::canonical("Khalifa&nbsp;Haftar", "khalifa-haftar"),
        ],
        Some("talks.html"),
    );
}

#[test]
fn normalize_rewrites_names_with_references_and_keeps_the_rest_byte_for_byte() {
    let desk = Desk::new();
    desk.write("talks.html", REFERENCES);
    let once = normalized(&desk, &["talks.html"], None);
    let want = REFERENCES
        .replacen("Khalifa&nbsp;Hifter on", "Khalifa&nbsp;Haftar on", 1)
        .replace("Tar&shy;khuna", "Tarhuna")
        .replace("Misratah&#8217;s", "Misrata&#8217;s")
        .replace("&#1061;ифтером", "Хафтаром");
    assert_eq!(once, want);
    // The attribute, the house forms with references and `&amp;` are as
    // they were; a second run changes nothing.
    desk.write("once.html", &once);
    assert_eq!(normalized(&desk, &["once.html"], None), once);
    let (findings, run) = check_json(&desk, &["once.html"], None);
    assert_eq!((findings.len(), run.code), (0, 0), "{findings:?}");
}

#[test]
fn markdown_names_written_with_character_references_are_found_too() {
    let desk = Desk::new();
    let md = "# Вести\n\nИз Мису&shy;раты вышла колонна; `Мису&shy;раты` в коде.\n";
    desk.write("brief.md", md);
    let (findings, _) = check_json(&desk, &["brief.md"], None);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["found"], "Мису&shy;раты");
    assert_eq!(findings[0]["suggestion"], "Мисраты");
    assert_eq!(
        normalized(&desk, &["brief.md"], None),
        md.replacen("Мису&shy;раты", "Мисраты", 1)
    );
}
