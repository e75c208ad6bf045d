//! Sentences and tokens.
use newsgraph_doc::Document;

/// Fills `doc.sentences` and `doc.tokens` from `doc.article.body`.
pub fn segment(_doc: &mut Document) {}
