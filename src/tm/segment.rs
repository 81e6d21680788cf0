//! Splitting running text into the sentences a translation memory stores
//! (Unicode UAX #29 sentence boundaries, and never across a line break).

use unicode_segmentation::UnicodeSegmentation;

/// Byte spans of the sentences of `text`, surrounding whitespace excluded;
/// blank stretches give none.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        for (offset, sentence) in line.split_sentence_bound_indices() {
            let trimmed = sentence.trim_start();
            let start = line_start + offset + (sentence.len() - trimmed.len());
            let trimmed = trimmed.trim_end();
            if !trimmed.is_empty() {
                out.push((start, start + trimmed.len()));
            }
        }
        line_start += line.len();
    }
    out
}

/// [`sentences`] of `text`, also cut where a block of a marked-up
/// document starts or ends (`breaks`, in order: a list item, a table
/// cell), each piece without the white space at its ends; empty pieces
/// give none.
pub fn sentences_within_blocks(text: &str, breaks: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (start, end) in sentences(text) {
        let first = breaks.partition_point(|&b| b <= start);
        let inside = breaks[first..]
            .iter()
            .take_while(|&&b| b < end)
            .filter(|&&b| text.is_char_boundary(b));
        let mut from = start;
        for &to in inside.chain(std::iter::once(&end)) {
            let piece = &text[from..to];
            let trimmed = piece.trim_start();
            let a = from + (piece.len() - trimmed.len());
            let b = a + trimmed.trim_end().len();
            if a < b {
                out.push((a, b));
            }
            from = to;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn blocks_cut_sentences_where_they_start_and_end() {
        let text = "  Sirte    Misrata port.  Zawia ";
        let breaks = [0, 7, 9, 25, 40];
        let cut: Vec<&str> = sentences_within_blocks(text, &breaks)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect();
        assert_eq!(cut, ["Sirte", "Misrata port.", "Zawia"]);
        // Without breaks, the sentences themselves.
        assert_eq!(sentences_within_blocks(text, &[]), sentences(text));
    }

    #[test]
    fn splits_sentences_and_lines() {
        assert_eq!(
            texts("Talks resumed. Fighting stopped!\n\nHeadline\n"),
            vec!["Talks resumed.", "Fighting stopped!", "Headline"]
        );
        assert_eq!(
            texts("استؤنفت المحادثات. توقف القتال؟ Переговоры возобновились."),
            vec![
                "استؤنفت المحادثات.",
                "توقف القتال؟",
                "Переговоры возобновились."
            ]
        );
    }
}
