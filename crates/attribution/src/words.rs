//! The body's tokens, and a sentence or clause as a slice of them with byte offsets.

use std::borrow::Cow;
use std::ops::Range;

/// The body's tokens with their sentences and paragraphs, by token index:
/// made once an article, from the text stage's tokens when it has run.
pub struct Tokenized {
    /// Byte range of each token.
    pub tokens: Vec<Range<usize>>,
    pub sentence_of: Vec<usize>,
    /// Token range of each sentence.
    pub sentences: Vec<Range<usize>>,
    /// Token range of each paragraph: sentences with no line break between them.
    pub paragraphs: Vec<Range<usize>>,
    paragraph_index: Vec<usize>,
}

impl Tokenized {
    /// Tokenises each of `sentences` (byte ranges of `body`).
    pub fn new(body: &str, sentences: &[Range<usize>]) -> Tokenized {
        let (mut tokens, mut sentence_of) = (Vec::new(), Vec::new());
        for (s, range) in sentences.iter().enumerate() {
            for token in newsgraph_text::token_bytes(body, range.clone()) {
                tokens.push(token);
                sentence_of.push(s);
            }
        }
        Tokenized::from_tokens(body, sentences, tokens, sentence_of)
    }

    /// The grid of tokens already found: byte ranges in text order and the
    /// index into `sentences` of each, as [`Tokenized::new`] would find them.
    pub fn from_tokens(
        body: &str,
        sentences: &[Range<usize>],
        tokens: Vec<Range<usize>>,
        sentence_of: Vec<usize>,
    ) -> Tokenized {
        let mut grid = Tokenized {
            paragraph_index: Vec::with_capacity(tokens.len()),
            tokens,
            sentence_of,
            sentences: Vec::with_capacity(sentences.len()),
            paragraphs: Vec::new(),
        };
        let mut previous_end: Option<usize> = None;
        for (s, range) in sentences.iter().enumerate() {
            let first = grid.paragraph_index.len();
            if previous_end.is_none_or(|end| body[end..range.start].contains('\n')) {
                grid.paragraphs.push(first..first);
            }
            let mut end = first;
            while grid.sentence_of.get(end) == Some(&s) {
                grid.paragraph_index.push(grid.paragraphs.len() - 1);
                end += 1;
            }
            grid.sentences.push(first..end);
            if let Some(p) = grid.paragraphs.last_mut() {
                p.end = end;
            }
            previous_end = Some(range.end);
        }
        grid
    }

    pub fn paragraph_of(&self, token: usize) -> Range<usize> {
        self.paragraphs[self.paragraph_index[token]].clone()
    }

    /// Byte range from the start of token `tokens.start` to the end of token `tokens.end - 1`.
    pub fn bytes(&self, tokens: Range<usize>) -> Range<usize> {
        self.tokens[tokens.start].start..self.tokens[tokens.end - 1].end
    }
}

/// Tokens of one stretch of the body, addressable by index.
pub struct Words<'a> {
    pub text: &'a str,
    pub spans: Cow<'a, [Range<usize>]>,
}

impl<'a> Words<'a> {
    /// Tokenises `text[range]`.
    pub fn new(text: &'a str, range: Range<usize>) -> Words<'a> {
        Words { text, spans: Cow::Owned(newsgraph_text::token_bytes(text, range)) }
    }

    /// Sentence `s` of the grid, without tokenising it again.
    pub fn sentence(text: &'a str, grid: &'a Tokenized, s: usize) -> Words<'a> {
        Words { text, spans: Cow::Borrowed(&grid.tokens[grid.sentences[s].clone()]) }
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

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_doc::{Article, CharIndex, Document, Format};

    #[test]
    fn the_text_stage_tokens_make_the_same_grid() {
        let body = "“Kim’s offer is real,” Lee said. It won’t last.\n\nThe U.S. disagreed.";
        let mut doc = Document::new("t", Format::Text, Article { body: body.into(), ..Article::default() });
        newsgraph_text::segment(&mut doc);
        let index = CharIndex::new(body);
        let sentences: Vec<Range<usize>> = doc.sentences.iter().map(|&s| index.bytes(s)).collect();
        let tokens = doc.tokens.iter().map(|t| index.bytes(t.span)).collect();
        let given = Tokenized::from_tokens(body, &sentences, tokens, doc.tokens.iter().map(|t| t.sentence).collect());
        let found = Tokenized::new(body, &sentences);
        assert_eq!(found.paragraphs.len(), 2);
        assert_eq!(given.tokens, found.tokens);
        assert_eq!((given.sentences, given.paragraphs), (found.sentences, found.paragraphs));
        assert_eq!(given.paragraph_index, found.paragraph_index);
    }
}
