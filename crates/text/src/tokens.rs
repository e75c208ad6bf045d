//! Tokens: words, numbers and punctuation marks.
//!
//! Words keep internal hyphens (`long-range`), apostrophes and periods
//! (`U.S.`, `3.5`, `1,000`); an abbreviation or initial keeps its period.
//! Clitics are split off as in the Penn Treebank: `Kim’s` is `Kim` `’s`,
//! `won’t` is `wo` `n’t`. Every other character is its own token, except runs
//! of the same mark (`...`, `--`).

use std::ops::Range;

use crate::abbreviations;

const APOSTROPHES: &[char] = &['\'', '’'];

/// Clitics split from the end of a word, after the apostrophe.
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m", "S", "RE", "VE", "LL", "D", "M"];

/// Byte ranges of the tokens of `text[range]`, as offsets into `text`.
pub fn token_bytes(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    // About a token every five bytes of news text: sized once, not grown.
    let mut tokens = Vec::with_capacity(s.len() / 4 + 1);
    // At most one character a byte: sized once rather than grown from the
    // iterator's lower bound of a character every four bytes.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(s.len());
    chars.extend(s.char_indices().map(|(b, c)| (b + range.start, c)));
    let byte_at = |i: usize| chars.get(i).map_or(range.end, |&(b, _)| b);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                let next_alnum = || chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                let joins = c.is_alphanumeric()
                    || ((APOSTROPHES.contains(&c) || c == '-' || c == '.') && next_alnum())
                    || (c == ',' && is_thousands_group(&chars[j + 1..]) && chars[j - 1].1.is_ascii_digit());
                if !joins {
                    break;
                }
                j += 1;
            }
            let word = &text[byte_at(i)..byte_at(j)];
            if chars.get(j).is_some_and(|&(_, c)| c == '.') && abbreviations::classify(word).is_some() {
                j += 1;
            }
            split_clitic(text, byte_at(i)..byte_at(j), &mut tokens);
            i = j;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && chars[j].1 == c && matches!(c, '.' | '-' | '!' | '?') {
            j += 1;
        }
        tokens.push(byte_at(i)..byte_at(j));
        i = j;
    }
    tokens
}

fn is_thousands_group(rest: &[(usize, char)]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(|&(_, c)| c.is_ascii_digit())
        && rest.get(3).is_none_or(|&(_, c)| !c.is_ascii_digit())
}

/// Pushes `word`, with a trailing clitic (`’s`, `n’t`, `’ll` ...) as a token of its own.
fn split_clitic(text: &str, word: Range<usize>, tokens: &mut Vec<Range<usize>>) {
    let w = &text[word.clone()];
    if let Some(apos) = w.rfind(APOSTROPHES) {
        let after = &w[apos + w[apos..].chars().next().map_or(1, char::len_utf8)..];
        let negation = (after == "t" || after == "T") && w[..apos].ends_with(['n', 'N']) && apos > 1;
        let split_at = if negation { Some(apos - 1) } else { CLITICS.contains(&after).then_some(apos) };
        if let Some(at) = split_at.filter(|&at| at > 0) {
            tokens.push(word.start..word.start + at);
            tokens.push(word.start + at..word.end);
            return;
        }
    }
    tokens.push(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        token_bytes(text, 0..text.len()).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_possessives_and_negations() {
        assert_eq!(
            toks("Kim’s plan won’t fail, can't it?"),
            ["Kim", "’s", "plan", "wo", "n’t", "fail", ",", "ca", "n't", "it", "?"]
        );
        assert_eq!(toks("They’re O’Brien’s"), ["They", "’re", "O’Brien", "’s"]);
    }

    #[test]
    fn keeps_numbers_abbreviations_and_hyphenated_words_whole() {
        assert_eq!(
            toks("Mr. Li of the U.S. paid $1,000.50 for 3.5 long-range items."),
            ["Mr.", "Li", "of", "the", "U.S.", "paid", "$", "1,000.50", "for", "3.5", "long-range", "items", "."]
        );
    }

    #[test]
    fn quotation_marks_dashes_and_ellipses_are_tokens() {
        assert_eq!(toks("“Go—now...” medium- and"), ["“", "Go", "—", "now", "...", "”", "medium", "-", "and"]);
    }

    #[test]
    fn initials_keep_their_period() {
        assert_eq!(toks("J. K. Rowling"), ["J.", "K.", "Rowling"]);
    }
}
