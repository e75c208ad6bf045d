//! HTML pages: metadata from the whole page, body from its main content.
//!
//! The main content comes from dom_smoothie's readability port. Readability
//! sometimes settles on a small block (a footer, a disclosure box) next to
//! a long article; a second, simpler estimate — the block holding the most
//! paragraph text — catches those pages. Lines that are boilerplate by their
//! wording (share bars, newsletter pitches, `Read more:` teasers) are
//! dropped from whichever text is kept.

use std::collections::HashMap;

use dom_query::{Document, NodeId, NodeRef};
use dom_smoothie::{Config, Readability, TextMode};
use newsgraph_doc::Article;

use crate::boilerplate;
use crate::metadata::Signals;

/// Extracts the article from an HTML page.
pub fn extract_html(html: &str) -> Article {
    let doc = Document::from(html);
    let signals = Signals::collect(&doc);
    let densest = densest_block(&doc);
    let mut lines = readability_lines(doc);
    if let Some(block) = densest {
        // Readability found a fraction of the page's paragraph text: it
        // picked a side block, and the densest block is the article.
        if word_count(&lines) * 3 < block.words {
            lines = block.lines;
        }
    }

    let mut article = Article { site_name: signals.site_name(), url: signals.url(), ..Article::default() };
    article.title = signals.title(article.site_name.as_deref());
    article.byline = signals.byline(article.site_name.as_deref());
    if let Some((date, source)) = signals.published() {
        article.published = Some(date);
        article.published_source = Some(source.to_string());
    }
    let title = article.title.clone().unwrap_or_default();
    article.set_paragraphs(lines.iter().filter(|line| **line != title && !boilerplate::is_boilerplate_line(line)));
    article.language = signals.language(&article.body);
    article
}

fn word_count(lines: &[String]) -> usize {
    lines.iter().map(|l| l.split_whitespace().count()).sum()
}

/// The main content's lines according to readability.
fn readability_lines(doc: Document) -> Vec<String> {
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let Ok(mut readability) = Readability::with_document(doc, None, Some(config)) else {
        return Vec::new();
    };
    match readability.parse() {
        Ok(content) => lines_of(&content.text_content),
        Err(_) => Vec::new(),
    }
}

fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

/// A block of the page and the words of the paragraphs inside it.
struct Block {
    lines: Vec<String>,
    words: usize,
}

/// Elements whose paragraphs are never the article.
const OUTSIDE_ARTICLE: &[&str] = &["nav", "footer", "aside", "form", "header"];
/// Class and id words of page furniture that holds paragraphs.
const FURNITURE: &[&str] = &["comment", "footer", "sidebar", "related", "newsletter", "cookie", "consent", "promo", "disclos", "menu"];

/// The element with the most paragraph text, counting each paragraph fully
/// for its parent and half for its grandparent, so an article split into
/// sections is taken whole.
fn densest_block(doc: &Document) -> Option<Block> {
    let mut score: HashMap<NodeId, usize> = HashMap::new();
    let mut total = 0;
    for p in doc.select("p").nodes() {
        if p.ancestors_it(None).any(|a| is_furniture(&a)) {
            continue;
        }
        let words = p.text().split_whitespace().count();
        total += words;
        let mut ancestors = p.ancestors_it(Some(2));
        if let Some(parent) = ancestors.next() {
            *score.entry(parent.id).or_default() += words * 2;
        }
        if let Some(grandparent) = ancestors.next() {
            *score.entry(grandparent.id).or_default() += words;
        }
    }
    let (&best, _) = score.iter().max_by_key(|&(id, s)| (*s, std::cmp::Reverse(*id)))?;
    let node = doc.tree.get(&best)?;
    let words = node
        .descendants_it()
        .filter(|d| d.node_name().as_deref() == Some("p"))
        .map(|p| p.text().split_whitespace().count())
        .sum::<usize>()
        .min(total);
    Some(Block { lines: lines_of(&node.formatted_text()), words })
}

fn is_furniture(node: &NodeRef) -> bool {
    let Some(name) = node.node_name() else { return false };
    if OUTSIDE_ARTICLE.contains(&&*name) {
        return true;
    }
    let marks = format!("{} {}", node.attr("class").unwrap_or_default(), node.attr("id").unwrap_or_default()).to_ascii_lowercase();
    FURNITURE.iter().any(|f| marks.contains(f))
}
