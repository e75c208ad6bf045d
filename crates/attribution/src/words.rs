//! A sentence or clause as a slice of word tokens with byte offsets.

use std::ops::Range;

/// Tokens of one stretch of the body, addressable by index.
pub struct Words<'a> {
    pub text: &'a str,
    pub spans: Vec<Range<usize>>,
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str, range: Range<usize>) -> Words<'a> {
        Words { text, spans: newsgraph_text::token_bytes(text, range) }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn get(&self, i: usize) -> &'a str {
        &self.text[self.spans[i].clone()]
    }

    /// Byte range from the start of token `a` to the end of token `b - 1`.
    pub fn bytes(&self, a: usize, b: usize) -> Range<usize> {
        self.spans[a].start..self.spans[b - 1].end
    }

    pub fn is_capitalized(&self, i: usize) -> bool {
        self.get(i).starts_with(|c: char| c.is_uppercase())
    }

    pub fn is_lowercase(&self, i: usize) -> bool {
        self.get(i).starts_with(|c: char| c.is_lowercase())
    }

    /// Punctuation: a token that starts with neither a letter nor a digit.
    pub fn is_punct(&self, i: usize) -> bool {
        !self.get(i).starts_with(|c: char| c.is_alphanumeric())
    }

    pub fn is(&self, i: usize, word: &str) -> bool {
        i < self.len() && self.get(i).eq_ignore_ascii_case(word)
    }

    /// A possessive clitic (`’s`, `'s`, `’`).
    pub fn is_possessive(&self, i: usize) -> bool {
        matches!(self.get(i), "’s" | "'s" | "’S" | "'S")
    }
}
