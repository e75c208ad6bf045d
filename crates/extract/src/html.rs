//! HTML pages: metadata from the whole page, body from its main content.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use newsgraph_doc::Article;

use crate::metadata::Signals;

/// Extracts the article from an HTML page.
pub fn extract_html(html: &str) -> Article {
    let doc = Document::from(html);
    let signals = Signals::collect(&doc);
    let paragraphs = main_content(doc);

    let mut article = Article { site_name: signals.site_name(), url: signals.url(), ..Article::default() };
    article.title = signals.title(article.site_name.as_deref());
    article.byline = signals.byline(article.site_name.as_deref());
    if let Some((date, source)) = signals.published() {
        article.published = Some(date);
        article.published_source = Some(source.to_string());
    }
    article.set_paragraphs(&paragraphs);
    article.language = signals.language(&article.body);
    article
}

/// The main content's paragraphs, one per line of its formatted text.
fn main_content(doc: Document) -> Vec<String> {
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let Ok(mut readability) = Readability::with_document(doc, None, Some(config)) else {
        return Vec::new();
    };
    match readability.parse() {
        Ok(content) => content.text_content.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect(),
        Err(_) => Vec::new(),
    }
}
