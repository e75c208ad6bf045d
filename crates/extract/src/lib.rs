//! Article extraction: page -> title, byline, date, language and clean body.
use newsgraph_doc::{Article, Format};

/// Extracts the article from a decoded page.
pub fn extract(_format: Format, text: &str) -> Article {
    let mut a = Article::default();
    a.set_paragraphs(text.split("\n\n"));
    a
}
