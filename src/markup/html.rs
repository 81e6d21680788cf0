//! HTML: the text between tags is prose, unless it is inside an element
//! whose content is code, script or other non-prose. Tokenized by
//! `html5gum` (a WHATWG tokenizer), whose spans are byte offsets.

use super::Blanks;
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Elements whose content is never prose.
const NOT_PROSE: &[&[u8]] = &[
    b"code",
    b"iframe",
    b"kbd",
    b"math",
    b"noembed",
    b"noframes",
    b"noscript",
    b"plaintext",
    b"pre",
    b"samp",
    b"script",
    b"style",
    b"svg",
    b"template",
    b"textarea",
    b"xmp",
];

/// Elements that make a block of their own, and `br`: text on either side
/// of one of their tags is never one sentence.
const BLOCKS: &[&[u8]] = &[
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"body",
    b"br",
    b"caption",
    b"dd",
    b"details",
    b"dialog",
    b"div",
    b"dl",
    b"dt",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"header",
    b"hgroup",
    b"hr",
    b"html",
    b"legend",
    b"li",
    b"main",
    b"menu",
    b"nav",
    b"ol",
    b"option",
    b"p",
    b"section",
    b"summary",
    b"table",
    b"tbody",
    b"td",
    b"tfoot",
    b"th",
    b"thead",
    b"title",
    b"tr",
    b"ul",
];

/// Reads HTML, piece by piece if need be (Markdown's inline HTML comes in
/// pieces): remembers how many non-prose elements are open.
#[derive(Debug, Default)]
pub(super) struct Scanner {
    open: usize,
}

impl Scanner {
    /// Whether text here is prose (no non-prose element is open).
    pub(super) fn in_prose(&self) -> bool {
        self.open == 0
    }

    /// Reveals the prose of `html`, which stands at byte `offset` of the
    /// document, and records its suppression comments.
    pub(super) fn scan(&mut self, html: &str, offset: usize, out: &mut Blanks) {
        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        // Script, style and the like hold raw text, not tags.
        emitter.naively_switch_states(true);
        for token in Tokenizer::new_with_emitter(html, emitter) {
            let Ok(token) = token;
            match token {
                Token::String(text) if self.in_prose() => {
                    out.reveal_html_text(offset + text.span.start..offset + text.span.end)
                }
                Token::StartTag(tag) => {
                    if is_block(&tag.name) {
                        out.block_break(offset + tag.span.start);
                    }
                    if !tag.self_closing && not_prose(&tag.name) {
                        self.open += 1;
                    }
                }
                Token::EndTag(tag) => {
                    if is_block(&tag.name) {
                        out.block_break(offset + tag.span.start);
                    }
                    if not_prose(&tag.name) {
                        self.open = self.open.saturating_sub(1);
                    }
                }
                Token::Comment(comment) => out.comment(
                    offset + comment.span.start..offset + comment.span.end,
                    &String::from_utf8_lossy(&comment.value),
                ),
                _ => {}
            }
        }
    }
}

fn not_prose(name: &[u8]) -> bool {
    NOT_PROSE.contains(&name)
}

fn is_block(name: &[u8]) -> bool {
    BLOCKS.contains(&name)
}
