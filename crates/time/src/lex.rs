//! Tokens for the time rules: words, numbers and single punctuation marks
//! with their byte ranges, lowercased once, and sentence indices so that
//! each expression can read the tense of its own sentence.

use std::borrow::Cow;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Letters, possibly with digits or inner apostrophes (`won't`, `10th`, `1990s`).
    Word,
    /// Digits only.
    Number,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    /// The token lowercased; borrowed from the text when it already is, as
    /// most tokens are, to spare an allocation each.
    pub lower: Cow<'a, str>,
    pub shape: Shape,
    /// Starts with an uppercase letter in the text.
    pub capital: bool,
    /// Whitespace separates it from the previous token.
    pub space_before: bool,
    pub sentence: usize,
}

impl Tok<'_> {
    /// The value of a digits-only token.
    pub fn number(&self) -> Option<i64> {
        if self.shape == Shape::Number && self.lower.len() <= 9 {
            self.lower.parse().ok()
        } else {
            None
        }
    }
}

fn lowercase(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into tokens. Sentences end at `.`, `!` or `?` before a
/// capitalised word or a line break, and at every line break.
pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut toks: Vec<Tok> = Vec::new();
    let mut sentence = 0;
    let mut space = true;
    let mut newline = false;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            newline |= c == '\n';
            continue;
        }
        let mut end = start + c.len_utf8();
        let shape = if c.is_alphanumeric() {
            let mut letters = c.is_alphabetic();
            while let Some(&(i, n)) = chars.peek() {
                // `won't` is one word; `Friday's` is `Friday` and a possessive.
                let inner_apostrophe = is_apostrophe(n) && {
                    let rest = &text[i + n.len_utf8()..];
                    let possessive =
                        rest.starts_with(['s', 'S']) && !rest[1..].chars().next().is_some_and(char::is_alphanumeric);
                    rest.chars().next().is_some_and(char::is_alphabetic) && letters && !possessive
                };
                if n.is_alphanumeric() || inner_apostrophe {
                    letters |= n.is_alphabetic();
                    end = i + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if letters {
                Shape::Word
            } else {
                Shape::Number
            }
        } else {
            Shape::Punct
        };
        let capital = c.is_uppercase();
        if let Some(prev) = toks.last() {
            let ends_sentence = matches!(&*prev.lower, "." | "!" | "?") && (capital || newline);
            if newline || ends_sentence {
                sentence += 1;
            }
        }
        toks.push(Tok {
            start,
            end,
            lower: lowercase(&text[start..end]),
            shape,
            capital,
            space_before: space,
            sentence,
        });
        space = false;
        newline = false;
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_numbers_and_marks_with_sentences() {
        let toks = tokenize("It won't rain on Sept. 30. Kim’s 1990s\nNext");
        let words: Vec<&str> = toks.iter().map(|t| &*t.lower).collect();
        assert_eq!(words, ["it", "won't", "rain", "on", "sept", ".", "30", ".", "kim", "’", "s", "1990s", "next"]);
        assert_eq!(toks[6].number(), Some(30));
        assert_eq!(toks[6].sentence, 0);
        assert_eq!(toks[8].sentence, 1);
        assert_eq!(toks[12].sentence, 2);
        assert!(toks[12].capital && !toks[5].space_before);
    }
}
