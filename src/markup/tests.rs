use super::*;

/// The words the copy keeps, in order.
fn words(text: &str, format: Format) -> Vec<String> {
    let prose = Prose::new(text, format);
    assert_eq!(prose.text().len(), text.len(), "same length");
    for (a, b) in prose.text().bytes().zip(text.bytes()) {
        assert_eq!(a == b'\n', b == b'\n', "newlines stay where they are");
    }
    prose.text().split_whitespace().map(String::from).collect()
}

#[test]
fn format_from_extension_and_name() {
    assert_eq!(Format::from_path(Path::new("a/b.HTML")), Format::Html);
    assert_eq!(Format::from_path(Path::new("b.htm")), Format::Html);
    assert_eq!(Format::from_path(Path::new("b.xhtml")), Format::Html);
    assert_eq!(Format::from_path(Path::new("b.md")), Format::Markdown);
    assert_eq!(Format::from_path(Path::new("b.markdown")), Format::Markdown);
    assert_eq!(Format::from_path(Path::new("b.txt")), Format::Text);
    assert_eq!(Format::from_path(Path::new("README")), Format::Text);
    assert_eq!("Markdown".parse::<Format>(), Ok(Format::Markdown));
    assert!("rtf".parse::<Format>().unwrap_err().contains("text, html"));
}

#[test]
fn plain_text_is_all_prose() {
    let text = "<p>not markup here</p> `nor here`";
    assert_eq!(Prose::new(text, Format::Text).text(), text);
}

#[test]
fn html_tags_attributes_and_comments_are_not_prose() {
    let html = "<!DOCTYPE html>\n<p class=\"lead\" title=\"Тархуна\">Войска вошли в <b>Тархуну</b>.<!-- Тархуна --></p>";
    assert_eq!(
        words(html, Format::Html),
        ["Войска", "вошли", "в", "Тархуну", "."]
    );
}

#[test]
fn html_code_script_and_style_are_not_prose() {
    let html = "<p>one</p><script>var s = \"<b>two</b>\";</script>\
                <style>p::after { content: 'three' }</style>\
                <pre>four <code>five</code></pre><p>six <code>seven</code> eight</p>\
                <textarea>nine</textarea><title>ten</title>";
    assert_eq!(words(html, Format::Html), ["one", "six", "eight", "ten"]);
}

#[test]
fn html_references_are_blanked_in_the_copy_and_it_stays_utf8() {
    let html = "<p>Мисрата&nbsp;&amp; Tarhuna &#x41;&#1605; R&D ok</p>";
    assert_eq!(
        words(html, Format::Html),
        ["Мисрата", "Tarhuna", "R&D", "ok"]
    );
}

#[test]
fn broken_html_never_panics_and_keeps_offsets() {
    for html in [
        "<",
        "<p",
        "<p title=\"open",
        "</>",
        "&",
        "&#",
        "&amp",
        "<!--",
        "<!-- dragoman off",
        "a < b > c",
        "<pre>unclosed Тархуна",
        "<<>>",
        "\u{FEFF}<p>é</p>",
        "<p>ب</p\n>",
        "<script>",
        "</code></code>x",
        "<![CDATA[x]]>y",
    ] {
        words(html, Format::Html);
        words(html, Format::Markdown);
    }
    assert_eq!(words("</code></code>x", Format::Html), ["x"]);
}

#[test]
fn markdown_code_links_images_and_front_matter_are_not_prose() {
    let md = "---\ntitle: alpha\n---\n\n# Heading beta\n\n\
              Text `gamma` and [delta](https://example.org/epsilon \"zeta\") \
              ![eta](theta.png) <https://iota.example> kappa.\n\n\
              ```text\nlambda\n```\n\n    mu\n\n\
              [nu]: https://example.org/xi\n\n\
              - omicron *pi*\n\n> rho\n\n| sigma | tau |\n|---|---|\n| upsilon | phi |\n";
    assert_eq!(
        words(md, Format::Markdown),
        [
            "Heading", "beta", "Text", "and", "delta", "kappa.", "omicron", "pi", "rho", "sigma",
            "tau", "upsilon", "phi"
        ]
    );
}

#[test]
fn markdown_raw_html_is_read_as_html() {
    let md = "Para <span title=\"alpha\">beta</span> <code>gamma</code> delta &amp; epsilon.\n\n\
              <div class=\"zeta\">\neta <kbd>theta</kbd>\n</div>\n";
    assert_eq!(
        words(md, Format::Markdown),
        ["Para", "beta", "delta", "epsilon.", "eta"]
    );
}

#[test]
fn bare_urls_and_addresses_are_not_prose() {
    let html =
        "<p>See https://example.org/Tarkhuna, (www.example.com/x) or desk@example.org today</p>";
    assert_eq!(words(html, Format::Html), ["See", "or", "today"]);
    let md = "See https://example.org/Tarkhuna and mailto:desk@example.org today\n";
    assert_eq!(words(md, Format::Markdown), ["See", "and", "today"]);
}

#[test]
fn off_and_on_comments_suppress_what_is_between() {
    let html = "<p>one</p><!-- dragoman off --><p>two</p><!--dragoman on--><p>three</p>\
                <!-- DRAGOMAN OFF: quotation --><p>four</p>";
    assert_eq!(words(html, Format::Html), ["one", "three"]);
    let md = "one\n\n<!-- dragoman off -->\n\ntwo\n\n<!-- dragoman on -->\n\nthree\n";
    assert_eq!(words(md, Format::Markdown), ["one", "three"]);
}

#[test]
fn ignore_comment_suppresses_the_next_line_only() {
    let md = "one <!-- dragoman-ignore -->\ntwo\nthree\n\n<!-- dragoman-ignore -->\nfour\n\nfive\n";
    assert_eq!(words(md, Format::Markdown), ["one", "three", "five"]);
    let html =
        "<p>one</p>\n<!-- dragoman-ignore -->\n<p>two</p>\n<p>three</p><!-- dragoman-ignore -->";
    assert_eq!(words(html, Format::Html), ["one", "three"]);
}

#[test]
fn directives_are_read_leniently_but_only_at_the_start() {
    assert_eq!(Directive::parse(" dragoman off "), Some(Directive::Off));
    assert_eq!(Directive::parse("Dragoman On"), Some(Directive::On));
    assert_eq!(
        Directive::parse("dragoman-ignore: quoted verbatim"),
        Some(Directive::IgnoreNextLine)
    );
    assert_eq!(Directive::parse("note: dragoman off"), None);
    assert_eq!(Directive::parse("dragoman"), None);
    assert_eq!(Directive::parse("dragomanoff"), None);
}

#[test]
fn references_are_measured_exactly() {
    assert_eq!(reference_len("&amp; x"), 5);
    assert_eq!(reference_len("&#x41;"), 6);
    assert_eq!(reference_len("&#1605;"), 7);
    assert_eq!(reference_len("& x;"), 0);
    assert_eq!(reference_len("&;"), 0);
    assert_eq!(reference_len("&amp"), 0);
}

#[test]
fn references_are_read_as_what_they_stand_for() {
    assert_eq!(reading_of("&nbsp;"), Some((" ", None)));
    assert_eq!(reading_of("&#160;"), Some((" ", None)));
    assert_eq!(reading_of("&#10;"), Some((" ", None)));
    assert_eq!(reading_of("&shy;"), Some(("", None)));
    assert_eq!(reading_of("&#x200F;"), Some(("", None)));
    assert_eq!(reading_of("&#1061;"), Some(("", Some('Х'))));
    assert_eq!(reading_of("&#x62D;"), Some(("", Some('ح'))));
    assert_eq!(reading_of("&rsquo;"), Some(("", Some('\u{2019}'))));
    assert_eq!(reading_of("&amp;"), Some(("", Some('&'))));
    assert_eq!(reading_of("&madeup;"), None);
    assert_eq!(reading_of("&notit;"), None);
    assert_eq!(reading_of("&#0;"), None);
    assert_eq!(reading_of("&#x110000;"), None);
}

#[test]
fn a_name_written_with_references_is_found_and_spaced_as_written() {
    use crate::glossary::house::house_entries;
    use crate::house_style::{check, CheckOptions};
    let matcher = crate::matcher::Matcher::new(house_entries().unwrap());
    let options = CheckOptions::default();
    let html = "<p>Khalifa&nbsp;Hifter left Tar&shy;khuna.</p><p>Штаб Х&#1080;фтера пуст.</p>";
    let prose = Prose::new(html, Format::Html);
    let found: Vec<(String, String, usize)> = prose
        .findings(|text| check(&matcher, text, &options))
        .into_iter()
        .map(|f| {
            assert_eq!(html.get(f.start..f.end), Some(f.found.as_str()));
            assert!(prose.is_prose(f.start..f.end));
            (f.found, f.suggestion, f.column)
        })
        .collect();
    let column = |s: &str| html[..html.find(s).unwrap()].chars().count() + 1;
    assert_eq!(
        found,
        [
            (
                "Khalifa&nbsp;Hifter".to_string(),
                "Khalifa&nbsp;Haftar".to_string(),
                column("Khalifa")
            ),
            (
                "Tar&shy;khuna".to_string(),
                "Tarhuna".to_string(),
                column("Tar&")
            ),
            (
                "Х&#1080;фтера".to_string(),
                "Хафтара".to_string(),
                column("Х&")
            ),
        ]
    );
}

#[test]
fn findings_in_markup_are_dropped_and_columns_counted_in_the_original() {
    use crate::glossary::house::house_entries;
    use crate::house_style::{check, CheckOptions};
    let matcher = crate::matcher::Matcher::new(house_entries().unwrap());
    let html = "<p title=\"Силы в Tarkhuna\">Силы: Tarkhuna</p>";
    let prose = Prose::new(html, Format::Html);
    let options = CheckOptions::default();
    assert_eq!(
        check(&matcher, html, &options).len(),
        2,
        "both as plain text"
    );
    let kept = prose.findings(|text| check(&matcher, text, &options));
    assert_eq!(kept.len(), 1);
    let at = html.rfind("Tarkhuna").unwrap();
    assert_eq!((kept[0].start, kept[0].end), (at, at + "Tarkhuna".len()));
    assert_eq!(kept[0].found, "Tarkhuna");
    assert_eq!(kept[0].column, html[..at].chars().count() + 1);
    assert!(prose.is_prose(at..at + 8));
    assert!(!prose.is_prose(html.find('>').unwrap()..at + 8));
    assert!(!prose.is_prose(at..html.len() + 1));
}

#[test]
fn a_name_running_into_markup_is_found_in_its_prose_part() {
    use crate::glossary::house::house_entries;
    use crate::house_style::{check, CheckOptions};
    let matcher = crate::matcher::Matcher::new(house_entries().unwrap());
    let options = CheckOptions::default();
    let html = "<p>Khalifa <b>Hifter</b> spoke; Khalifa Hifter agreed.</p>";
    let prose = Prose::new(html, Format::Html);
    let found: Vec<(String, String)> = prose
        .findings(|text| check(&matcher, text, &options))
        .into_iter()
        .map(|f| (f.found, f.suggestion))
        .collect();
    assert_eq!(
        found,
        [
            ("Hifter".to_string(), "Haftar".to_string()),
            ("Khalifa Hifter".to_string(), "Khalifa Haftar".to_string())
        ]
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Documents made of markup-ish pieces in any order, broken ones too.
    fn document() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "<p>",
            "</p>",
            "<b title=\"Тархуна\">",
            "</b>",
            "<code>",
            "</code>",
            "<pre>",
            "<script>",
            "</script>",
            "<!-- dragoman off -->",
            "<!-- dragoman on -->",
            "<!-- dragoman-ignore -->",
            "<!--",
            "-->",
            "&amp;",
            "&#1605;",
            "&",
            "<",
            ">",
            "\"",
            "`",
            "```",
            "\n",
            "\n\n",
            "    ",
            "# ",
            "> ",
            "- ",
            "*",
            "[",
            "](",
            ")",
            "---\n",
            "https://example.org/x",
            "Tarkhuna",
            "Мисурата",
            "مصراته",
            "é",
            " ",
            "\u{FEFF}",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    fn matcher() -> &'static crate::matcher::Matcher {
        static MATCHER: std::sync::OnceLock<crate::matcher::Matcher> = std::sync::OnceLock::new();
        MATCHER.get_or_init(|| {
            crate::matcher::Matcher::new(crate::glossary::house::house_entries().unwrap())
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Every finding lies wholly in prose, on character boundaries, and
        /// `found` is the original's bytes there.
        #[test]
        fn findings_lie_in_prose(text in document()) {
            use crate::house_style::{check, CheckOptions};
            let options = CheckOptions { all: true, ..CheckOptions::default() };
            for format in [Format::Html, Format::Markdown] {
                let prose = Prose::new(&text, format);
                for f in prose.findings(|t| check(matcher(), t, &options)) {
                    prop_assert!(prose.is_prose(f.start..f.end), "{:?} in {:?}", f.found, text);
                    prop_assert_eq!(text.get(f.start..f.end), Some(f.found.as_str()));
                }
            }
        }

        /// The copy has the original's length and newlines, and every byte
        /// is either the original's or a blank.
        #[test]
        fn the_copy_keeps_offsets_and_only_blanks(text in document()) {
            for format in [Format::Html, Format::Markdown] {
                let prose = Prose::new(&text, format);
                prop_assert_eq!(prose.text().len(), text.len());
                for (a, b) in prose.text().bytes().zip(text.bytes()) {
                    prop_assert!(a == b || (a == b' ' && b != b'\n'), "{:?} for {:?}", a as char, b as char);
                }
            }
        }
    }
}

#[test]
fn block_tags_and_markdown_blocks_are_breaks() {
    let html = "<p>Sirte</p><ul><li>Misrata<br/>Zawia</li></ul> <b>bold</b> <i>x</i>";
    let prose = Prose::new(html, Format::Html);
    let at = |tag: &str| html.find(tag).unwrap();
    assert_eq!(
        prose.block_breaks(),
        [
            0,
            at("</p>"),
            at("<ul>"),
            at("<li>"),
            at("<br/>"),
            at("</li>"),
            at("</ul>")
        ]
    );
    // Inline tags are none; nor is anything in plain text.
    assert!(Prose::new("<b>a</b>", Format::Html)
        .block_breaks()
        .is_empty());
    assert!(Prose::new("<p>a</p>", Format::Text)
        .block_breaks()
        .is_empty());
    // Each cell of a Markdown table starts a block.
    let md = "| a | b |\n|---|---|\n| c | d |\n";
    let breaks = Prose::new(md, Format::Markdown).block_breaks().to_vec();
    for cell in ["a", "b", "c", "d"] {
        assert!(
            breaks
                .iter()
                .any(|&b| md[b..].trim_start().starts_with(cell)),
            "{cell}: {breaks:?}"
        );
    }
}
