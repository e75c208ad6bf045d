//! Quotes with speakers.
use newsgraph_doc::Document;

/// Finds attributed statements and their speakers.
#[derive(Default)]
pub struct QuoteAttributor;

impl QuoteAttributor {
    pub fn new() -> QuoteAttributor {
        QuoteAttributor
    }

    /// Adds `doc.quotes` from the body, sentences and tokens.
    pub fn attribute(&self, _doc: &mut Document) {}
}
