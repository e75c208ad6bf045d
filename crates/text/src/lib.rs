//! Sentences and tokens: the text stage between extraction and attribution.
//!
//! [`segment`] fills a [`Document`]'s sentences and tokens with character
//! spans into the article body. The byte-level functions it is built on,
//! [`sentence_bytes`] and [`token_bytes`], are public for stages that work on
//! byte offsets internally. The rules are written for English news: titles,
//! initials, acronyms and decimals do not end sentences; quotation marks,
//! em dashes, ellipses and clitics are handled explicitly.

mod abbreviations;
mod sentences;
mod tokens;

use std::ops::Range;

use newsgraph_doc::{Document, Token};

pub use sentences::sentence_bytes;
pub use tokens::token_bytes;

/// `range` of `text` without the whitespace at either end.
pub fn trim_bytes(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

/// Fills `doc.sentences` and `doc.tokens` from `doc.article.body`.
pub fn segment(doc: &mut Document) {
    let body = &doc.article.body;
    let index = doc.char_index();
    doc.sentences.clear();
    doc.tokens.clear();
    for (n, bytes) in sentence_bytes(body).into_iter().enumerate() {
        doc.sentences.push(index.span(bytes.clone()));
        doc.tokens.extend(token_bytes(body, bytes).into_iter().map(|t| Token { span: index.span(t), sentence: n }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_doc::{Article, Format};

    #[test]
    fn segment_uses_character_offsets() {
        let body = "“Kim’s offer is real,” Lee said. It won’t last.";
        let article = Article { body: body.into(), ..Article::default() };
        let mut doc = Document::new("t", Format::Text, article);
        segment(&mut doc);
        let sentences: Vec<String> = doc.sentences.iter().map(|&s| doc.text_of(s)).collect();
        assert_eq!(sentences, ["“Kim’s offer is real,” Lee said.", "It won’t last."]);
        let last = doc.tokens.last().unwrap();
        assert_eq!((doc.text_of(last.span), last.sentence), (".".to_string(), 1));
        assert_eq!(doc.text_of(doc.tokens[2].span), "’s");
    }
}
