//! Plain-text pages.

use newsgraph_doc::Article;

/// Extracts the article from plain text.
pub fn extract_text(text: &str) -> Article {
    let mut article = Article::default();
    article.set_paragraphs(text.lines());
    article
}
