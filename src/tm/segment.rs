//! Splitting running text into the sentences a translation memory stores
//! (Unicode UAX #29 sentence boundaries, never across a line break, and
//! never after a title, an initial or another abbreviation news copy
//! writes with a full stop: `Gen. Haftar`, `Mr. Dbeibah`, `в 2011 г.`).

use unicode_segmentation::UnicodeSegmentation;

/// Byte spans of the sentences of `text`, surrounding whitespace excluded;
/// blank stretches give none.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut joins_next = false;
        for (offset, sentence) in line.split_sentence_bound_indices() {
            let trimmed = sentence.trim_start();
            let start = line_start + offset + (sentence.len() - trimmed.len());
            let trimmed = trimmed.trim_end();
            if trimmed.is_empty() {
                continue;
            }
            let end = start + trimmed.len();
            match out.last_mut() {
                Some(last) if joins_next => last.1 = end,
                _ => out.push((start, end)),
            }
            joins_next = ends_in_abbreviation(trimmed);
        }
        line_start += line.len();
    }
    out
}

/// Whether `sentence` ends in an abbreviation and its full stop, which
/// ends no sentence: an initial (`A.`, `Х.`) or a word of [`ABBREVIATIONS`]
/// in any case.
fn ends_in_abbreviation(sentence: &str) -> bool {
    let Some(before) = sentence.strip_suffix('.') else {
        return false;
    };
    let word = before
        .rsplit(|c: char| !c.is_alphabetic() && c != '.')
        .next()
        .unwrap_or("");
    let last = word.rsplit('.').next().unwrap_or(word);
    let mut letters = last.chars();
    let initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    initial || {
        let lower = last.to_lowercase();
        ABBREVIATIONS.contains(&lower.as_str())
    }
}

/// Abbreviations written with a full stop before a name, a number or a
/// noun, in English and Russian news copy.
const ABBREVIATIONS: &[&str] = &[
    // English titles and ranks.
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "cpt",
    "sgt",
    "adm",
    "brig",
    "cmdr",
    "gov",
    "sen",
    "rep",
    "pres",
    "amb",
    "st",
    "jr",
    "sr",
    "rev",
    "hon",
    // English others.
    "no",
    "nos",
    "vs",
    "approx",
    "dept",
    "est",
    "fig",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    // Russian.
    "г",
    "гг",
    "ген",
    "им",
    "ул",
    "пр",
    "д",
    "проф",
    "св",
    "тыс",
    "млн",
    "млрд",
    "руб",
    "долл",
    "см",
    "т",
    "н",
    "э",
    "стр",
    "рис",
    "англ",
    "араб",
    "господин",
    "г-н",
    "г-жа",
];

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
    fn titles_initials_and_abbreviations_end_no_sentence() {
        assert_eq!(
            texts("Gen. Haftar met the U.S. envoy in Benghazi. Mr. Dbeibah visited Misrata."),
            vec![
                "Gen. Haftar met the U.S. envoy in Benghazi.",
                "Mr. Dbeibah visited Misrata."
            ]
        );
        assert_eq!(
            texts("В 2011 г. Муаммар Каддафи погиб. Ген. Хафтар и А. Дбейба встретились."),
            vec![
                "В 2011 г. Муаммар Каддафи погиб.",
                "Ген. Хафтар и А. Дбейба встретились."
            ]
        );
        // A sentence that ends in a word is still one.
        assert_eq!(
            texts("Talks ended. Fighting went on."),
            vec!["Talks ended.", "Fighting went on."]
        );
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
