//! The pipeline: runs every stage over a page, in the order data flows.
//!
//! `input` has already decoded the page; here it becomes an article
//! (`extract`), then sentences and tokens (`text`), then quotes with speakers
//! (`attribution`), then named entities (`ner`), the actors they name
//! (`actors`), time expressions anchored on the document date (`time`),
//! which also date each quote, and what the actors did (`events`). Both the CLI and the evaluation harness call this, so what
//! is measured is exactly what users run.

use newsgraph_actors::ActorResolver;
use newsgraph_attribution::QuoteAttributor;
use newsgraph_doc::{Article, Document, Format};
use newsgraph_events::EventCoder;
use std::time::{Duration, Instant};

use newsgraph_input::Page;
use newsgraph_ner::EntityTagger;

mod panics;

/// Holds whatever the stages load once (lexicons, models) and reuses it for
/// every page. Cheap to share across threads by reference.
pub struct Pipeline {
    attributor: QuoteAttributor,
    entities: EntityTagger,
    actors: ActorResolver,
    events: EventCoder,
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
        Pipeline { attributor, entities: EntityTagger::new(), actors: ActorResolver::new(), events: EventCoder::new() }
    }

    /// Analyses a decoded page: extraction first, then the text stages.
    pub fn analyze(&self, page: &Page) -> Document {
        self.analyze_timed(page, &mut StageTimes::default())
    }

    /// [`Pipeline::analyze`], or why a stage panicked on the page and where
    /// (see the `panics` module): one broken page of a batch fails alone.
    pub fn try_analyze(&self, page: &Page) -> Result<Document, String> {
        panics::caught(|| self.analyze(page))
    }

    /// [`Pipeline::analyze`], adding the time each stage took to `times`.
    pub fn analyze_timed(&self, page: &Page, times: &mut StageTimes) -> Document {
        let mut article = times.time("extract", || newsgraph_extract::extract(page.format, &page.text));
        // The page's own canonical link wins; else where the crawl or feed found it.
        if article.url.is_none() {
            article.url.clone_from(&page.url);
        }
        self.annotate(Document::new(page.source.clone(), page.format, article), times)
    }

    /// Analyses text that is already an article body (gold corpora give
    /// clean text): no boilerplate removal, so offsets match the input.
    pub fn analyze_body(&self, source: &str, body: &str) -> Document {
        self.analyze_article(source, Article { body: body.to_string(), ..Article::default() })
    }

    /// Analyses an article a corpus gives whole (body and, say, its date).
    pub fn analyze_article(&self, source: &str, article: Article) -> Document {
        self.annotate(Document::new(source, Format::Text, article), &mut StageTimes::default())
    }

    fn annotate(&self, mut doc: Document, times: &mut StageTimes) -> Document {
        times.time("text", || newsgraph_text::segment(&mut doc));
        times.time("attribution", || self.attributor.attribute(&mut doc));
        times.time("ner", || self.entities.recognize(&mut doc));
        times.time("actors", || self.actors.resolve(&mut doc));
        times.time("time", || newsgraph_time::annotate(&mut doc));
        times.time("events", || self.events.code(&mut doc));
        doc
    }
}

/// Wall time spent in each stage, in the order the stages ran, summed over
/// every document analysed with it: what `newsgraph bench` breaks down.
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    pub stages: Vec<(&'static str, Duration)>,
}

impl StageTimes {
    fn time<T>(&mut self, stage: &'static str, run: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = run();
        let spent = started.elapsed();
        match self.stages.iter_mut().find(|(name, _)| *name == stage) {
            Some((_, total)) => *total += spent,
            None => self.stages.push((stage, spent)),
        }
        out
    }
}
