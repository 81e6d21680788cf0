//! Marked-up articles: which bytes of an HTML or Markdown document are
//! prose.
//!
//! The matcher reads plain text. [`Prose::new`] hands it a copy of the
//! document of the same byte length in which every byte that is not prose
//! is blanked to an ASCII space (newlines kept): tags, attributes, comments,
//! `<script>`, `<style>`, `<code>`, `<pre>` and their kin, Markdown code
//! spans and code blocks, link destinations, image descriptions, front
//! matter, URLs, and whatever a suppression comment switches off. Lines,
//! columns and byte offsets in the copy are those of the original, so a
//! finding made on the copy points into the original; [`Prose::findings`]
//! keeps the findings that lie wholly in prose.
//!
//! Character references in prose (`&nbsp;`, `&shy;`, `&#1061;`) are
//! blanked in the copy too, but [`Prose::findings`] matches on the copy
//! with each read as what it stands for, and takes the findings' offsets
//! back to the original: `Tar&shy;khuna` is a mention of Tarhuna.
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
    format: Format,
    /// The character references in prose, in order: the matcher reads
    /// each as the character it stands for.
    references: Vec<Reference>,
    /// Where blocks start and end, in order ([`Prose::block_breaks`]).
    breaks: Vec<usize>,
}

/// Something found in a text at a span of bytes: what [`Prose::spans`]
/// takes back to the original's offsets.
pub trait Located {
    fn span(&self) -> Range<usize>;
    fn set_span(&mut self, span: Range<usize>);
}

impl Located for Finding {
    fn span(&self) -> Range<usize> {
        self.start..self.end
    }
    fn set_span(&mut self, span: Range<usize>) {
        (self.start, self.end) = (span.start, span.end);
    }
}

impl Located for crate::matcher::Mention {
    fn span(&self) -> Range<usize> {
        self.start..self.end
    }
    fn set_span(&mut self, span: Range<usize>) {
        (self.start, self.end) = (span.start, span.end);
    }
}

/// A character reference in prose (`&nbsp;`, `&shy;`, `&#1061;`) and what
/// the matcher reads in its place.
#[derive(Debug, Clone)]
struct Reference {
    range: Range<usize>,
    reads: &'static str,
    /// The character itself when it is not one of the fixed readings.
    letter: Option<char>,
}

impl Reference {
    fn reads(&self) -> std::borrow::Cow<'static, str> {
        match self.letter {
            Some(c) => Cow::Owned(c.to_string()),
            None => Cow::Borrowed(self.reads),
        }
    }

    /// Whether the reference stands for a space (`&nbsp;`, `&#160;`).
    fn is_space(&self) -> bool {
        self.letter.is_none() && self.reads == " "
    }
}

/// Where a reference's reading sits in the text the matcher reads, and
/// where the reference sits in the original.
#[derive(Debug, Clone)]
struct Shift {
    read: Range<usize>,
    original: Range<usize>,
}

/// The text the matcher reads when a document has character references in
/// its prose: the copy with each reference replaced by what it stands for,
/// and the way back to the original's offsets.
struct Reading {
    text: String,
    shifts: Vec<Shift>,
    /// `growth[k]`: how many more bytes the original has than the reading
    /// before the end of `shifts[k - 1]`.
    growth: Vec<isize>,
}

impl Reading {
    /// The original offset of a span's start (`end` false) or end at
    /// offset `at` of the reading. A span that starts or ends inside a
    /// reference's reading takes in the whole reference; one that starts
    /// where a reference read as nothing (`&shy;`) stood starts after it,
    /// one that ends there ends before it.
    fn original(&self, at: usize, end: bool) -> usize {
        let k = self
            .shifts
            .partition_point(|s| s.read.end <= at && (!end || s.read.start < at));
        if let Some(s) = self.shifts.get(k) {
            if s.read.start < at && at < s.read.end {
                return if end {
                    s.original.end
                } else {
                    s.original.start
                };
            }
        }
        (at as isize + self.growth[k]) as usize
    }
}

impl<'a> Prose<'a> {
    /// The prose of `text` read as `format`. Never fails: markup that does
    /// not parse cleanly is read the way a browser (or CommonMark) would.
    pub fn new(text: &'a str, format: Format) -> Prose<'a> {
        let (masked, references, breaks) = match format {
            Format::Text => (Cow::Borrowed(text), Vec::new(), Vec::new()),
            Format::Html => {
                let mut blanks = Blanks::new(text);
                html::Scanner::default().scan(text, 0, &mut blanks);
                let (masked, references, breaks) = blanks.finish();
                (Cow::Owned(masked), references, breaks)
            }
            Format::Markdown => {
                let mut blanks = Blanks::new(text);
                markdown::scan(text, &mut blanks);
                let (masked, references, breaks) = blanks.finish();
                (Cow::Owned(masked), references, breaks)
            }
        };
        Prose {
            original: text,
            masked,
            format,
            references,
            breaks,
        }
    }

    /// The offsets where a block of the document starts or ends (a
    /// paragraph, heading, list item, table cell, line break: in HTML
    /// each tag of such an element, in Markdown each block's start): a
    /// reader never reads across one as one sentence, on one line or not
    /// (`<li>Sirte</li><li>Misrata</li>`). Plain text has none.
    pub fn block_breaks(&self) -> &[usize] {
        &self.breaks
    }

    /// The first block break strictly inside `span`, if any.
    fn block_break_within(&self, span: Range<usize>) -> Option<usize> {
        let k = self.breaks.partition_point(|&b| b <= span.start);
        self.breaks.get(k).copied().filter(|&b| b < span.end)
    }

    /// The copy to match on: the original's length, lines and offsets, with
    /// everything that is not prose blanked (character references too: see
    /// [`Prose::reading`] for the text with them read).
    pub fn text(&self) -> &str {
        &self.masked
    }

    /// The prose as a reader reads it: the copy with each character
    /// reference in prose replaced by the character it stands for (a
    /// no-break space read as a space, a soft hyphen as nothing). Offsets
    /// into it are not the original's when the document has references.
    pub fn reading(&self) -> Cow<'_, str> {
        match self.references.is_empty() {
            true => Cow::Borrowed(self.text()),
            false => Cow::Owned(self.read(self.masked.as_bytes()).text),
        }
    }

    /// The reading of `copy` (the copy or a variant of it with more blanked).
    fn read(&self, copy: &[u8]) -> Reading {
        let mut text = Vec::with_capacity(copy.len());
        let mut shifts = Vec::with_capacity(self.references.len());
        let mut growth = Vec::with_capacity(self.references.len() + 1);
        growth.push(0);
        let mut at = 0;
        for r in &self.references {
            text.extend_from_slice(&copy[at..r.range.start]);
            let start = text.len();
            text.extend_from_slice(r.reads().as_bytes());
            shifts.push(Shift {
                read: start..text.len(),
                original: r.range.clone(),
            });
            growth.push(r.range.end as isize - text.len() as isize);
            at = r.range.end;
        }
        text.extend_from_slice(&copy[at..]);
        // Only whole characters are copied: valid UTF-8.
        let text = String::from_utf8(text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Reading {
            text,
            shifts,
            growth,
        }
    }

    /// Whether byte `at` of the original is in a character reference in
    /// prose.
    fn in_reference(&self, at: usize) -> bool {
        let k = self.references.partition_point(|r| r.range.end <= at);
        self.references.get(k).is_some_and(|r| r.range.start <= at)
    }

    /// Whether bytes `range` are all prose (as they stand in the original).
    pub fn is_prose(&self, range: Range<usize>) -> bool {
        let (Some(original), Some(copy)) = (
            self.original.as_bytes().get(range.clone()),
            self.masked.as_bytes().get(range.clone()),
        ) else {
            return false;
        };
        original
            .iter()
            .zip(copy)
            .zip(range)
            .all(|((a, b), at)| a == b || self.in_reference(at))
    }

    /// `scan` run on the reading of `copy`, its spans taken back to the
    /// original.
    fn scan_reading<T: Located>(
        &self,
        copy: &[u8],
        scan: &mut impl FnMut(&str) -> Vec<T>,
    ) -> Vec<T> {
        if self.references.is_empty() {
            return match std::str::from_utf8(copy) {
                Ok(text) => scan(text),
                Err(_) => Vec::new(),
            };
        }
        let reading = self.read(copy);
        let mut found = scan(&reading.text);
        for f in &mut found {
            let span = f.span();
            let start = reading.original(span.start, false);
            let end = reading.original(span.end, true).max(start);
            f.set_span(start..end);
        }
        found
    }

    /// `suggestion` with the no-break spaces written as references in the
    /// mention at `range` (`Khalifa&nbsp;Hifter`) kept between its words,
    /// when it has as many gaps between words as the mention.
    fn spaced_as_found(&self, range: Range<usize>, suggestion: &str) -> String {
        // The gaps between words in the mention: whether each holds a
        // reference read as a space, and the first such reference.
        let mut gaps: Vec<Option<&str>> = Vec::new();
        let mut in_gap = false;
        let mut at = range.start;
        let k = self
            .references
            .partition_point(|r| r.range.end <= range.start);
        let mut refs = self.references[k..].iter().peekable();
        while at < range.end {
            if let Some(r) = refs.next_if(|r| r.range.start == at) {
                let space = r.is_space();
                if space {
                    let reference = &self.original[r.range.clone()];
                    match gaps.last_mut() {
                        Some(gap) if in_gap => {
                            gap.get_or_insert(reference);
                        }
                        _ => gaps.push(Some(reference)),
                    }
                }
                in_gap = space || (in_gap && r.reads.is_empty() && r.letter.is_none());
                at = r.range.end;
                continue;
            }
            let c = self.original[at..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                if !in_gap {
                    gaps.push(None);
                }
                in_gap = true;
            } else {
                in_gap = false;
            }
            at += c.len_utf8();
        }
        if gaps.iter().all(Option::is_none)
            || suggestion.split_whitespace().count() != gaps.len() + 1
        {
            return suggestion.to_string();
        }
        let mut out = String::with_capacity(suggestion.len() + 8);
        let mut gaps = gaps.into_iter();
        for (i, word) in suggestion.split_whitespace().enumerate() {
            if i > 0 {
                out.push_str(gaps.next().flatten().unwrap_or(" "));
            }
            out.push_str(word);
        }
        out
    }

    /// What `scan` finds in the prose, in order, each wholly in prose and
    /// with its span in the original: the matcher's mentions, say, for a
    /// reader that needs more than [`Prose::findings`] gives. Character
    /// references are read as what they stand for and a name that runs into
    /// markup is looked for again in its prose part, as for findings.
    pub fn spans<T: Located>(&self, mut scan: impl FnMut(&str) -> Vec<T>) -> Vec<T> {
        if matches!(self.masked, Cow::Borrowed(_)) {
            return scan(self.text());
        }
        let found = self.scan_reading(self.masked.as_bytes(), &mut scan);
        let (mut kept, split): (Vec<T>, Vec<T>) = found
            .into_iter()
            .partition(|f| self.is_prose(f.span()) && self.block_break_within(f.span()).is_none());
        if !split.is_empty() {
            let original = self.original.as_bytes();
            let mut bytes = self.masked.as_bytes().to_vec();
            for f in &split {
                for i in f.span().start..f.span().end.min(bytes.len()) {
                    // Only blanks differ from the original, and they are
                    // ASCII: the copy stays valid UTF-8.
                    if bytes[i] != original[i] && !self.in_reference(i) {
                        bytes[i] = b',';
                    }
                }
            }
            // A name never runs from one block into the next (a heading
            // into the paragraph on the line under it): each side of the
            // break is looked at again with the other blanked.
            let mut copies = vec![bytes];
            if split
                .iter()
                .any(|f| self.block_break_within(f.span()).is_some())
            {
                let mut before = copies[0].clone();
                let mut after = copies[0].clone();
                for f in &split {
                    let span = f.span();
                    if let Some(at) = self.block_break_within(span.clone()) {
                        blank_letters(&mut before[at..span.end]);
                        blank_letters(&mut after[span.start..at]);
                    }
                }
                copies = vec![before, after];
            }
            let mut again = Vec::new();
            for copy in &copies {
                again.extend(self.scan_reading(copy, &mut scan).into_iter().filter(|f| {
                    let span = f.span();
                    self.is_prose(span.clone())
                        && self.block_break_within(span.clone()).is_none()
                        && split
                            .iter()
                            .any(|s| s.span().start <= span.start && span.end <= s.span().end)
                }));
            }
            again.sort_by_key(|f| (f.span().start, f.span().end));
            again.dedup_by_key(|f| f.span());
            kept.extend(again);
        }
        kept.sort_by_key(|f| f.span().start);
        kept
    }

    /// The prose of bytes `range` of the original as a reader reads it:
    /// character references read as what they stand for, markup left out
    /// (a space where it parts two words, nothing before punctuation that
    /// closes or after punctuation that opens), every run of white space
    /// one space.
    pub fn read_range(&self, range: Range<usize>) -> String {
        let end = range.end.min(self.original.len());
        let mut at = range.start.min(end);
        let k = self.references.partition_point(|r| r.range.end <= at);
        let mut references = self.references[k..].iter().peekable();
        let (original, copy) = (self.original.as_bytes(), self.masked.as_bytes());
        let mut text = String::with_capacity(end - at);
        let mut markup = false;
        let push = |text: &mut String, piece: &str, markup: &mut bool| {
            let first = piece.chars().next();
            let parted = *markup
                && !text.ends_with(|c: char| c.is_whitespace() || "([{«“‘„".contains(c))
                && !first.is_some_and(|c| c.is_whitespace() || ".,;:!?)]}»”’".contains(c));
            if parted && !text.is_empty() {
                text.push(' ');
            }
            *markup = false;
            text.push_str(piece);
        };
        while at < end {
            if let Some(r) = references.next_if(|r| r.range.start <= at) {
                if r.range.start == at {
                    push(&mut text, &r.reads(), &mut markup);
                }
                at = r.range.end.max(at + 1);
                continue;
            }
            let Some(c) = self.original.get(at..).and_then(|t| t.chars().next()) else {
                at += 1;
                continue;
            };
            let len = c.len_utf8();
            if original[at..at + len] == copy[at..at + len] {
                push(&mut text, &self.original[at..at + len], &mut markup);
            } else {
                markup = true;
            }
            at += len;
        }
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The findings `check` makes on the prose, each wholly in prose, with
    /// its column counted in the original (a blanked multi-byte letter is
    /// one column there, several spaces in the copy). `check` is the
    /// house-style check to run on a text of the document's length.
    ///
    /// Character references in prose are read as what they stand for, so
    /// `Haf&shy;tar`, `Khalifa&nbsp;Haftar` and `&#1061;афтар` are names;
    /// a finding's span and `found` are the original's, references
    /// included, and its suggestion keeps the no-break spaces written as
    /// references between the words of the name. In HTML a suggestion is
    /// written as HTML (`&` as `&amp;`).
    ///
    /// A name that runs into markup (`Khalifa <b>Hifter</b>`) cannot be
    /// rewritten as one span; the prose it holds is looked at again with
    /// that markup as a hard break, so that `Hifter` is still found.
    pub fn findings(&self, check: impl FnMut(&str) -> Vec<Finding>) -> Vec<Finding> {
        if matches!(self.masked, Cow::Borrowed(_)) {
            let mut check = check;
            return check(self.text());
        }
        let mut kept = self.spans(check);
        for f in &mut kept {
            let found = &self.original[f.start..f.end];
            if found != f.found {
                // Read through character references.
                f.found = found.to_string();
                f.suggestion = self.spaced_as_found(f.start..f.end, &f.suggestion);
            }
        }
        // One pass over the text, however long its lines (minified HTML
        // is often one line).
        let (mut at, mut column) = (0, 1);
        for f in &mut kept {
            for c in self.original[at..f.start].chars() {
                column = if c == '\n' { 1 } else { column + 1 };
            }
            at = f.start;
            f.column = column;
            if self.format == Format::Html && f.suggestion.contains(['&', '<']) {
                f.suggestion = escape_html(&f.suggestion);
            }
        }
        kept
    }
}

/// `text` written as HTML text: `&` as `&amp;` (but for the references it
/// already holds), `<` as `&lt;`.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        match c {
            '&' if reference_len(&text[i..]) == 0 => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            c => out.push(c),
        }
    }
    out
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
    /// Character references found in prose, kept in the copy until
    /// [`Blanks::finish`] (which blanks them) so that it can tell those
    /// still in prose.
    references: Vec<Reference>,
    /// Where blocks start and end.
    breaks: Vec<usize>,
}

impl<'a> Blanks<'a> {
    fn new(original: &'a str) -> Blanks<'a> {
        Blanks {
            original,
            bytes: original.bytes().map(blank).collect(),
            directives: Vec::new(),
            references: Vec::new(),
            breaks: Vec::new(),
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

    /// Marks `range` as prose, its character references (`&nbsp;`,
    /// `&#1605;`) as references the matcher reads as what they stand for;
    /// one that stands for nothing known is blanked.
    fn reveal_html_text(&mut self, range: Range<usize>) {
        let range = self.whole(range);
        self.reveal(range.clone());
        let text = &self.original[range.clone()];
        let mut from = 0;
        while let Some(at) = text[from..].find('&') {
            let start = from + at;
            let len = reference_len(&text[start..]);
            if len > 0 {
                let whole = range.start + start..range.start + start + len;
                match reading_of(&text[start..start + len]) {
                    Some((reads, letter)) => self.references.push(Reference {
                        range: whole,
                        reads,
                        letter,
                    }),
                    None => self.hide(whole),
                }
            }
            from = start + len.max(1);
        }
    }

    /// Records that a block starts or ends at byte `at`.
    fn block_break(&mut self, at: usize) {
        self.breaks.push(at.min(self.original.len()));
    }

    /// Records a comment whose text is `text` at bytes `range`.
    fn comment(&mut self, range: Range<usize>, text: &str) {
        if let Some(directive) = Directive::parse(text) {
            self.directives.push((range, directive));
        }
    }

    /// The copy, every character reference blanked in it, the references
    /// still in prose, in order, and the block breaks, in order.
    fn finish(mut self) -> (String, Vec<Reference>, Vec<usize>) {
        self.suppress();
        let urls = {
            let masked = String::from_utf8_lossy(&self.bytes);
            url_ranges(&masked)
        };
        for range in urls {
            self.hide(range);
        }
        let mut references = std::mem::take(&mut self.references);
        references.sort_by_key(|r| r.range.start);
        references.dedup_by_key(|r| r.range.start);
        let original = self.original.as_bytes();
        references.retain(|r| self.bytes[r.range.clone()] == original[r.range.clone()]);
        for r in &references {
            self.hide(r.range.clone());
        }
        // Valid by construction: only whole characters are copied or
        // blanked. Should that ever fail, nothing is prose.
        let mut breaks = std::mem::take(&mut self.breaks);
        breaks.sort_unstable();
        breaks.dedup();
        match String::from_utf8(self.bytes) {
            Ok(copy) => (copy, references, breaks),
            Err(_) => (
                self.original.bytes().map(|b| blank(b) as char).collect(),
                Vec::new(),
                Vec::new(),
            ),
        }
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

/// What the matcher reads for the character reference `reference`
/// (`&nbsp;`, `&#x425;`): a fixed reading (a space for any space or
/// control character, nothing for a soft hyphen, word joiner or direction
/// mark) or the character itself; `None` for a reference to nothing known.
fn reading_of(reference: &str) -> Option<(&'static str, Option<char>)> {
    let body = reference.strip_prefix('&')?.strip_suffix(';')?;
    let c = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).filter(|&c| c != '\0')?
    } else {
        // Named references are looked up by the HTML tokenizer itself,
        // which knows them all.
        let mut decoded = String::new();
        for token in html5gum::Tokenizer::new(reference) {
            match token {
                Ok(html5gum::Token::String(s)) => decoded.push_str(&String::from_utf8_lossy(&s)),
                Ok(html5gum::Token::Error(_)) => return None,
                _ => {}
            }
        }
        let mut chars = decoded.chars();
        let c = chars.next()?;
        // One character for the whole reference, not a prefix of it
        // (`&notit;` is `&not` and `it;`).
        if chars.next().is_some() || decoded == reference {
            return None;
        }
        c
    };
    Some(match c {
        '\u{ad}' | '\u{2060}' | '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{feff}' => ("", None),
        c if c.is_whitespace() || c.is_control() => (" ", None),
        c => ("", Some(c)),
    })
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

/// Blanks `bytes` for a second look (as a split name's markup is): every
/// byte but line breaks a comma, so that lines and offsets stay. Whole
/// characters go, so the copy stays valid UTF-8.
fn blank_letters(bytes: &mut [u8]) {
    for b in bytes {
        if *b != b'\n' && *b != b'\r' {
            *b = b',';
        }
    }
}

#[cfg(test)]
mod tests;
