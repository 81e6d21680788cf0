//! Scanning a long text on every core.
//!
//! The text is cut into pieces of about [`PIECE`] bytes at sentence ends: a
//! full stop after a word, then white space. No mention crosses a full stop
//! (a name's words are joined by spaces and hyphens only), so every mention
//! lies in one piece. Each piece is scanned with [`MARGIN`] bytes of the
//! text on either side, so that its words are judged with the same
//! neighbours as in the whole text, and keeps the mentions that start in
//! it. The result is the one scan of the whole text gives, in order.

use super::{Matcher, Mention, ScanOptions};
use rayon::prelude::*;

/// Bytes of text a piece holds, about.
const PIECE: usize = 1 << 20;
/// Bytes of context on each side of a piece: far more than a name and the
/// words around it that decide whether it is one.
const MARGIN: usize = 4096;

impl Matcher {
    /// [`Matcher::scan`] on all cores, for texts of several pieces; the
    /// same mentions as one pass.
    pub(super) fn scan_in_pieces(&self, text: &str, options: &ScanOptions) -> Vec<Mention> {
        self.scan_in_pieces_of(text, options, PIECE)
    }

    /// [`Matcher::scan_in_pieces`] with pieces of about `piece` bytes.
    fn scan_in_pieces_of(&self, text: &str, options: &ScanOptions, piece: usize) -> Vec<Mention> {
        let cuts = sentence_cuts(text, piece);
        if cuts.len() <= 2 || rayon::current_num_threads() < 2 {
            return self.scan_in_blocks(text, options, super::BLOCK);
        }
        let pieces: Vec<Vec<Mention>> = cuts
            .par_windows(2)
            .map(|cut| {
                let (start, end) = (cut[0], cut[1]);
                let from = whitespace_at_or_before(text, start.saturating_sub(MARGIN));
                let to = super::boundary_after(text, end.saturating_add(MARGIN));
                self.scan_in_blocks(&text[from..to], options, super::BLOCK)
                    .into_iter()
                    .filter_map(|mut m| {
                        m.start += from;
                        m.end += from;
                        (start..end).contains(&m.start).then_some(m)
                    })
                    .collect()
            })
            .collect();
        pieces.into_iter().flatten().collect()
    }
}

/// Where pieces of about `size` bytes start: 0, then the first word after a
/// sentence end past each multiple of `size`, then the text's length.
fn sentence_cuts(text: &str, size: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut cuts = vec![0];
    let mut at = size;
    while at < bytes.len() {
        match sentence_end_after(bytes, at) {
            Some(cut) if cut < bytes.len() => {
                cuts.push(cut);
                at = cut + size;
            }
            _ => break,
        }
    }
    cuts.push(bytes.len());
    cuts
}

/// The start of the first word after a full stop that follows a letter or a
/// digit and is followed by white space, at or after byte `from`.
fn sentence_end_after(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from.max(1);
    while i + 1 < bytes.len() {
        if bytes[i] == b'.'
            && bytes[i + 1].is_ascii_whitespace()
            && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] >= 0x80)
        {
            let mut next = i + 1;
            while next < bytes.len() && bytes[next].is_ascii_whitespace() {
                next += 1;
            }
            return Some(next);
        }
        i += 1;
    }
    None
}

/// The last ASCII white space at or before byte `at` (0 when none): a
/// place no word crosses.
fn whitespace_at_or_before(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .rposition(u8::is_ascii_whitespace)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::house::house_entries;

    /// A long text of sentences in three scripts, mentions everywhere,
    /// names next to each cut.
    fn long_text() -> String {
        let sentences = [
            "Forces of the government of national consensus entered Tarkhuna at dawn.",
            "Халифа Хифтер и его силы оставили Тархуну; Правительство национального консенсуса молчит.",
            "وصلت القوات إلى مصراته وبطرابلس صباح اليوم.",
            "Officials in Misurata met Khalifa Heftar's envoys near Az Zawiyah.",
            "Talks in Tarhouna, Zlitin and Sirte continued.\n\nAnother paragraph: Tarkhouna.",
            "Lower-case tarkhuna is not a name; Bob Tarhunna is someone else.",
        ];
        let mut text = String::new();
        let mut k = 0;
        while text.len() < 300_000 {
            text.push_str(sentences[k % sentences.len()]);
            text.push(if k % 7 == 0 { '\n' } else { ' ' });
            k += 1;
        }
        text
    }

    #[test]
    fn pieces_find_what_one_pass_finds() {
        let matcher = Matcher::new(house_entries().unwrap());
        let text = long_text();
        for fuzzy in [false, true] {
            let options = ScanOptions { fuzzy, lang: None };
            let whole = matcher.scan_in_blocks(&text, &options, super::super::BLOCK);
            let pieces = matcher.scan_in_pieces_of(&text, &options, 32 * 1024);
            assert!(whole.len() > 1000);
            assert_eq!(whole, pieces, "fuzzy: {fuzzy}");
        }
    }

    #[test]
    fn cuts_fall_after_sentence_ends() {
        let text = "Tarkhuna. Misurata is near.  Sirte.\nEnd";
        let cuts = sentence_cuts(text, 4);
        assert_eq!(cuts, [0, 10, 29, 36, text.len()]);
        assert_eq!(&text[10..], "Misurata is near.  Sirte.\nEnd");
        assert_eq!(sentence_cuts("no stops here", 2), [0, 13]);
    }
}
