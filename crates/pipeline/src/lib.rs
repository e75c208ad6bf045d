//! The pipeline: runs every stage over a page, in the order data flows.
//!
//! `input` has already decoded the page; here it becomes an article
//! (`extract`), then sentences and tokens (`text`), then quotes with speakers
//! (`attribution`), then named entities (`ner`), then time expressions
//! anchored on the document date (`time`), which also date each quote.
//! Later stages (events) slot in after them. Both the CLI and the evaluation harness call this, so what
//! is measured is exactly what users run.

use newsgraph_attribution::QuoteAttributor;
use newsgraph_doc::{Article, Document, Format};
use newsgraph_input::Page;
use newsgraph_ner::EntityTagger;

/// Holds whatever the stages load once (lexicons, models) and reuses it for
/// every page. Cheap to share across threads by reference.
pub struct Pipeline {
    attributor: QuoteAttributor,
    entities: EntityTagger,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

impl Pipeline {
    pub fn new() -> Pipeline {
        Pipeline::with_attributor(QuoteAttributor::new())
    }

    /// A pipeline whose attribution stage is `attributor` (another tier or model).
    pub fn with_attributor(attributor: QuoteAttributor) -> Pipeline {
        Pipeline { attributor, entities: EntityTagger::new() }
    }

    /// Analyses a decoded page: extraction first, then the text stages.
    pub fn analyze(&self, page: &Page) -> Document {
        let article = newsgraph_extract::extract(page.format, &page.text);
        self.annotate(Document::new(page.source.clone(), page.format, article))
    }

    /// Analyses text that is already an article body (gold corpora give
    /// clean text): no boilerplate removal, so offsets match the input.
    pub fn analyze_body(&self, source: &str, body: &str) -> Document {
        self.analyze_article(source, Article { body: body.to_string(), ..Article::default() })
    }

    /// Analyses an article a corpus gives whole (body and, say, its date).
    pub fn analyze_article(&self, source: &str, article: Article) -> Document {
        self.annotate(Document::new(source, Format::Text, article))
    }

    fn annotate(&self, mut doc: Document) -> Document {
        newsgraph_text::segment(&mut doc);
        self.attributor.attribute(&mut doc);
        self.entities.recognize(&mut doc);
        newsgraph_time::annotate(&mut doc);
        doc
    }
}
