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

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|(a, b)| &s[a..b]).collect()
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
