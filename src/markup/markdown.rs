//! Markdown: the text of paragraphs, headings, lists, quotes, tables and
//! link texts is prose; code spans, code blocks, link destinations, image
//! descriptions, autolinks, reference labels used as link texts
//! (`[Misurata]`, `[Misurata][]`) and front matter are not. Raw HTML in the
//! document is read as HTML. Parsed by `pulldown-cmark` (CommonMark), whose
//! offset iterator gives each event's source bytes.

use super::html;
use super::Blanks;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

/// Reveals the prose of the Markdown document `text`.
pub(super) fn scan(text: &str, out: &mut Blanks) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut html = html::Scanner::default();
    // One flag per open element: whether it hides its text.
    let mut open: Vec<bool> = Vec::new();
    let mut hidden = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if is_block(&tag) {
                    out.block_break(range.start);
                }
                if matches!(tag, Tag::HtmlBlock) {
                    html.scan(&text[range.clone()], range.start, out);
                }
                let hides = hides(&tag);
                hidden += usize::from(hides);
                open.push(hides);
            }
            Event::End(_) => hidden -= usize::from(open.pop().unwrap_or(false)),
            Event::InlineHtml(_) => html.scan(&text[range.clone()], range.start, out),
            Event::HardBreak => out.block_break(range.start),
            Event::Text(prose) if hidden == 0 && html.in_prose() => {
                match text.get(range.clone()) {
                    Some(source) if source == &*prose => out.reveal(range),
                    // Character references (`&nbsp;`, `&#1061;`) are read
                    // as what they stand for, as in HTML; other text that
                    // differs from its source (a backslash escape) is left
                    // out: never rewritten inside.
                    Some(source) if source.contains('&') && !source.contains('\\') => {
                        out.reveal_html_text(range)
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// Whether an element is a block of its own: text on either side of its
/// start is never one sentence (table cells share a line).
fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
    )
}

/// Whether an element's text is not prose.
fn hides(tag: &Tag) -> bool {
    match tag {
        Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) => true,
        // A shortcut or collapsed reference (`[Misurata]`, `[Misurata][]`)
        // is its own label: a rewrite would part it from its definition.
        Tag::Link { link_type, .. } => matches!(
            link_type,
            LinkType::Autolink
                | LinkType::Email
                | LinkType::Shortcut
                | LinkType::ShortcutUnknown
                | LinkType::Collapsed
                | LinkType::CollapsedUnknown
        ),
        _ => false,
    }
}
