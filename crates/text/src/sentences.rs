//! Sentence boundaries.
//!
//! A sentence ends at a line break, or at `.`, `!`, `?` or `…` (with any
//! closing quotation marks and brackets after it) when whitespace and then a
//! character that can open a sentence follow. A period after an abbreviation
//! or initial is a full stop only when the next word is a typical sentence
//! opener. Quotations are not kept whole here: a two-sentence quotation is two
//! sentences, and attribution joins them by their quotation marks.

use std::ops::Range;

use crate::trim_bytes;

use crate::abbreviations::{self, Abbreviation};

const TERMINATORS: &[char] = &['.', '!', '?', '…'];

/// Closing quotation marks and brackets that belong to the sentence they end.
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];

/// Byte ranges of the sentences of `text`, trimmed of surrounding whitespace.
pub fn sentence_bytes(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut sentences = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if c == '\n' || c == '\r' {
            // News bodies put one paragraph (or heading) on a line: a line
            // break always ends the sentence.
            if let Some(s) = start.take() {
                sentences.push(trim_bytes(text, s..b));
            }
            i += 1;
            continue;
        }
        if start.is_none() && !c.is_whitespace() {
            start = Some(b);
        }
        if !TERMINATORS.contains(&c) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && TERMINATORS.contains(&chars[j].1) {
            j += 1;
        }
        let closed = j < chars.len() && CLOSERS.contains(&chars[j].1);
        while j < chars.len() && CLOSERS.contains(&chars[j].1) {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        let followed_by_space = j == chars.len() || chars[j].1.is_whitespace();
        if followed_by_space && is_full_stop(text, b, c, closed, end) {
            if let Some(s) = start.take() {
                sentences.push(trim_bytes(text, s..end));
            }
        }
        i = j;
    }
    if let Some(s) = start {
        sentences.push(trim_bytes(text, s..text.len()));
    }
    sentences.retain(|r| !r.is_empty());
    sentences
}

/// Decides whether the terminator `mark` at byte `at` (its closers ending at
/// byte `end`) ends a sentence, from the word before it and the text after.
fn is_full_stop(text: &str, at: usize, mark: char, closed: bool, end: usize) -> bool {
    let rest = text[end..].trim_start_matches([' ', '\t', '\u{a0}']);
    let Some(next) = rest.chars().next() else { return true };
    if next == '\n' || next == '\r' {
        return true;
    }
    // `“Why?” he asked.`, `e.g. this`: a lowercase continuation.
    if next.is_lowercase() {
        return false;
    }
    if mark != '.' || closed {
        return true;
    }
    let before = &text[..at];
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[word_start..];
    match abbreviations::classify(word) {
        None => true,
        Some(Abbreviation::Title) => false,
        Some(Abbreviation::Ambiguous) => {
            let next_word: &str = rest.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            abbreviations::is_sentence_starter(next_word) || matches!(next, '“' | '"' | '‘')
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentence_bytes(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            split("Gov. Ada Brown met Dr. Lee and J. K. Rowling on Feb. 3. They talked."),
            ["Gov. Ada Brown met Dr. Lee and J. K. Rowling on Feb. 3.", "They talked."]
        );
    }

    #[test]
    fn acronyms_end_sentences_only_before_an_opener() {
        assert_eq!(
            split("Troops left the U.S. The war ended. U.S. officials and Acme Inc. Chief Bo Li agreed."),
            ["Troops left the U.S.", "The war ended.", "U.S. officials and Acme Inc. Chief Bo Li agreed."]
        );
        assert_eq!(split("Sam Cole Jr. and No. 4 St. Louis won."), ["Sam Cole Jr. and No. 4 St. Louis won."]);
    }

    #[test]
    fn decimals_stay_inside_a_sentence() {
        assert_eq!(split("Growth was 3.5 percent. Prices rose."), ["Growth was 3.5 percent.", "Prices rose."]);
    }

    #[test]
    fn boundary_falls_after_closing_quotation_marks() {
        assert_eq!(
            split("“We will win. Nobody doubts it.” The mayor left. He said \"Go.\" Then 'stop.' Fine."),
            ["“We will win.", "Nobody doubts it.”", "The mayor left.", "He said \"Go.\"", "Then 'stop.'", "Fine."]
        );
    }

    #[test]
    fn question_inside_quotation_continues_with_lowercase_attribution() {
        assert_eq!(
            split("“Why now?” she asked. “Soon!” he replied."),
            ["“Why now?” she asked.", "“Soon!” he replied."]
        );
    }

    #[test]
    fn paragraph_and_line_breaks_always_end_sentences() {
        assert_eq!(
            split("Nuclear talks\n\nThe talks failed\nMore later"),
            ["Nuclear talks", "The talks failed", "More later"]
        );
    }

    #[test]
    fn em_dashes_and_ellipses() {
        assert_eq!(
            split("The plan — a bold one — failed… Critics cheered... Then silence."),
            ["The plan — a bold one — failed…", "Critics cheered...", "Then silence."]
        );
    }
}
