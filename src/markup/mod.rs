//! Marked-up articles: which bytes of an HTML or Markdown document are
//! prose.
//!
//! The matcher reads plain text. [`Prose::new`] hands it a copy of the
//! document of the same byte length in which every byte that is not prose
//! is blanked to an ASCII space (newlines kept): tags, attributes, comments,
//! `<script>`, `<style>`, `<code>`, `<pre>` and their kin, character
//! references, Markdown code spans and code blocks, link destinations,
//! image descriptions, front matter, URLs, and whatever a suppression
//! comment switches off. Lines, columns and byte offsets in the copy are
//! those of the original, so a finding made on the copy points into the
//! original; [`Prose::findings`] keeps the findings that lie wholly in prose.
//!
//! Suppression comments, in HTML and Markdown alike:
//!
//! - `<!-- dragoman off -->` … `<!-- dragoman on -->`: nothing in between
//!   (an `off` without its `on` runs to the end of the document);
//! - `<!-- dragoman-ignore -->`: nothing on the line after the comment's.
//!
//! ```
//! use dragoman::markup::{Format, Prose};
//!
//! let html = "<p title=\"Tarkhuna\">Tarkhuna</p>";
//! let prose = Prose::new(html, Format::Html);
//! assert_eq!(prose.text(), "                    Tarkhuna    ");
//! ```

mod html;
mod markdown;

use crate::house_style::Finding;
use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;
use std::str::FromStr;

/// How an article is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: every byte is prose.
    Text,
    Html,
    Markdown,
}

impl Format {
    pub const NAMES: &'static str = "text, html or markdown";

    /// The format a file name implies: `.html`, `.htm` and `.xhtml` are
    /// HTML, `.md` and `.markdown` Markdown, anything else plain text.
    pub fn from_path(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::Text,
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "html" => Ok(Format::Html),
            "markdown" | "md" => Ok(Format::Markdown),
            other => Err(format!("unknown format {other:?}: use {}", Format::NAMES)),
        }
    }
}

/// A document and its prose: the copy the matcher reads.
#[derive(Debug)]
pub struct Prose<'a> {
    original: &'a str,
    masked: Cow<'a, str>,
}

impl<'a> Prose<'a> {
    /// The prose of `text` read as `format`. Never fails: markup that does
    /// not parse cleanly is read the way a browser (or CommonMark) would.
    pub fn new(text: &'a str, format: Format) -> Prose<'a> {
        let masked = match format {
            Format::Text => Cow::Borrowed(text),
            Format::Html => {
                let mut blanks = Blanks::new(text);
                html::Scanner::default().scan(text, 0, &mut blanks);
                Cow::Owned(blanks.finish())
            }
            Format::Markdown => {
                let mut blanks = Blanks::new(text);
                markdown::scan(text, &mut blanks);
                Cow::Owned(blanks.finish())
            }
        };
        Prose {
            original: text,
            masked,
        }
    }

    /// The copy to match on: the original's length, lines and offsets, with
    /// everything that is not prose blanked.
    pub fn text(&self) -> &str {
        &self.masked
    }

    /// Whether bytes `range` are all prose (as they stand in the original).
    pub fn is_prose(&self, range: Range<usize>) -> bool {
        let original = self.original.as_bytes().get(range.clone());
        original.is_some() && original == self.masked.as_bytes().get(range)
    }

    /// The findings `check` makes on the prose, each wholly in prose, with
    /// its column counted in the original (a blanked multi-byte letter is
    /// one column there, several spaces in the copy). `check` is the
    /// house-style check to run on a text of the document's length.
    ///
    /// A name that runs into markup (`Khalifa <b>Hifter</b>`) cannot be
    /// rewritten as one span; the prose it holds is looked at again with
    /// that markup as a hard break, so that `Hifter` is still found.
    pub fn findings(&self, mut check: impl FnMut(&str) -> Vec<Finding>) -> Vec<Finding> {
        let found = check(self.text());
        if matches!(self.masked, Cow::Borrowed(_)) {
            return found;
        }
        let (mut kept, split): (Vec<Finding>, Vec<Finding>) = found
            .into_iter()
            .partition(|f| self.is_prose(f.start..f.end));
        if !split.is_empty() {
            let original = self.original.as_bytes();
            let mut bytes = self.masked.as_bytes().to_vec();
            for f in &split {
                for i in f.start..f.end.min(bytes.len()) {
                    // Only blanks differ from the original, and they are
                    // ASCII: the copy stays valid UTF-8.
                    if bytes[i] != original[i] {
                        bytes[i] = b',';
                    }
                }
            }
            if let Ok(broken) = String::from_utf8(bytes) {
                kept.extend(check(&broken).into_iter().filter(|f| {
                    self.is_prose(f.start..f.end)
                        && split.iter().any(|s| s.start <= f.start && f.end <= s.end)
                }));
            }
        }
        kept.sort_by_key(|f| f.start);
        // One pass over the text, however long its lines (minified HTML
        // is often one line).
        let (mut at, mut column) = (0, 1);
        for f in &mut kept {
            for c in self.original[at..f.start].chars() {
                column = if c == '\n' { 1 } else { column + 1 };
            }
            at = f.start;
            f.column = column;
        }
        kept
    }
}

/// What a comment asks of dragoman.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Directive {
    Off,
    On,
    IgnoreNextLine,
}

impl Directive {
    /// The directive a comment's text holds, if any: `dragoman off`,
    /// `dragoman on` or `dragoman-ignore`, in any case, optionally followed
    /// by a reason (`<!-- dragoman-ignore: quoted verbatim -->`).
    fn parse(comment: &str) -> Option<Directive> {
        let comment = comment.trim().to_lowercase();
        let mut words = comment
            .split(|c: char| c.is_whitespace() || c == ':' || c == '-')
            .filter(|w| !w.is_empty());
        if words.next()? != "dragoman" {
            return None;
        }
        match words.next()? {
            "off" => Some(Directive::Off),
            "on" => Some(Directive::On),
            "ignore" => Some(Directive::IgnoreNextLine),
            _ => None,
        }
    }
}

/// The copy being built: starts all blank; parsers reveal the prose, and
/// [`Blanks::finish`] applies suppression comments and hides URLs.
struct Blanks<'a> {
    original: &'a str,
    bytes: Vec<u8>,
    /// Suppression comments, with the bytes each spans.
    directives: Vec<(Range<usize>, Directive)>,
}

impl<'a> Blanks<'a> {
    fn new(original: &'a str) -> Blanks<'a> {
        Blanks {
            original,
            bytes: original.bytes().map(blank).collect(),
            directives: Vec::new(),
        }
    }

    /// `range` widened to whole characters and cut to the text, so that the
    /// copy stays valid UTF-8 whatever a parser reports.
    fn whole(&self, range: Range<usize>) -> Range<usize> {
        let len = self.original.len();
        let mut start = range.start.min(len);
        let mut end = range.end.clamp(start, len);
        while !self.original.is_char_boundary(start) {
            start -= 1;
        }
        while !self.original.is_char_boundary(end) {
            end += 1;
        }
        start..end
    }

    /// Marks `range` as prose.
    fn reveal(&mut self, range: Range<usize>) {
        let range = self.whole(range);
        self.bytes[range.clone()].copy_from_slice(&self.original.as_bytes()[range]);
    }

    /// Marks `range` as not prose.
    fn hide(&mut self, range: Range<usize>) {
        let range = self.whole(range);
        for i in range {
            self.bytes[i] = blank(self.original.as_bytes()[i]);
        }
    }

    /// Marks `range` as prose but for its character references (`&amp;`,
    /// `&#1605;`): a name is never rewritten inside one.
    fn reveal_html_text(&mut self, range: Range<usize>) {
        let range = self.whole(range);
        self.reveal(range.clone());
        let text = &self.original[range.clone()];
        let mut from = 0;
        while let Some(at) = text[from..].find('&') {
            let start = from + at;
            let len = reference_len(&text[start..]);
            if len > 0 {
                self.hide(range.start + start..range.start + start + len);
            }
            from = start + len.max(1);
        }
    }

    /// Records a comment whose text is `text` at bytes `range`.
    fn comment(&mut self, range: Range<usize>, text: &str) {
        if let Some(directive) = Directive::parse(text) {
            self.directives.push((range, directive));
        }
    }

    fn finish(mut self) -> String {
        self.suppress();
        let urls = {
            let masked = String::from_utf8_lossy(&self.bytes);
            url_ranges(&masked)
        };
        for range in urls {
            self.hide(range);
        }
        // Valid by construction: only whole characters are copied or
        // blanked. Should that ever fail, nothing is prose.
        String::from_utf8(self.bytes)
            .unwrap_or_else(|_| self.original.bytes().map(|b| blank(b) as char).collect())
    }

    /// Blanks what suppression comments switch off.
    fn suppress(&mut self) {
        let mut directives = std::mem::take(&mut self.directives);
        directives.sort_by_key(|(range, _)| range.start);
        let mut off_from = None;
        for (range, directive) in directives {
            match directive {
                Directive::Off => {
                    off_from.get_or_insert(range.start);
                }
                Directive::On => {
                    if let Some(start) = off_from.take() {
                        self.hide(start..range.end);
                    }
                }
                Directive::IgnoreNextLine => {
                    let text = self.original;
                    if let Some(newline) = text[range.end..].find('\n') {
                        let start = range.end + newline + 1;
                        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                        self.hide(start..end);
                    }
                }
            }
        }
        if let Some(start) = off_from {
            self.hide(start..self.original.len());
        }
    }
}

/// The blank that stands for byte `b` in the copy: a space, or the newline
/// itself so that lines stay where they are.
fn blank(b: u8) -> u8 {
    if b == b'\n' {
        b'\n'
    } else {
        b' '
    }
}

/// The length of the character reference `text` starts with (`&amp;`,
/// `&#x41;`, `&nbsp;`), or 0 when it starts with none.
fn reference_len(text: &str) -> usize {
    let body = text.as_bytes().iter().skip(1).take(40);
    for (i, &b) in body.enumerate() {
        if b == b';' {
            return if i == 0 { 0 } else { i + 2 };
        }
        if !(b.is_ascii_alphanumeric() || (i == 0 && b == b'#')) {
            return 0;
        }
    }
    0
}

/// The byte ranges of words in `text` that are URLs or e-mail addresses
/// (`https://…`, `www.…`, `mailto:…`, `name@host.tld`).
fn url_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                if is_url(&text[s..i]) {
                    ranges.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    ranges
}

fn is_url(word: &str) -> bool {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let lower = word.to_ascii_lowercase();
    lower.contains("://")
        || lower.starts_with("www.")
        || lower.starts_with("mailto:")
        || word
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
}

#[cfg(test)]
mod tests;
