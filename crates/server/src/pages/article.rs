//! `/articles/{id}`: the clean text with every quote highlighted and linked
//! to its speaker, and every entity marked.

use std::collections::HashSet;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use newsgraph_doc::{CharIndex, EntityLabel, Quote, QuoteKind, Span, Speaker};
use newsgraph_store::query::ArticleRecord;

use crate::error::Failure;
use crate::html::{esc, page, speaker_href, web_href, PageFailure};
use crate::params::Id;
use crate::AppState;

pub(crate) async fn article(State(state): State<AppState>, id: Result<Id, Failure>) -> Result<Response, PageFailure> {
    let Id(id) = id?;
    let record = state.read(move |store| store.article(id)).await?;
    let record = record.ok_or_else(|| Failure::not_found(format!("no article {id}; search for one at /")))?;
    let title = record.document.article.title.clone().unwrap_or_else(|| record.source.clone());
    Ok(page(StatusCode::OK, &title, &render(&record)))
}

fn render(record: &ArticleRecord) -> String {
    let article = &record.document.article;
    let mut out = format!(
        "<article id=\"article\" data-article=\"{}\"><h1 class=\"article-title\">{}</h1><p class=\"article-meta\">",
        record.id,
        esc(article.title.as_deref().unwrap_or("(untitled)"))
    );
    if let Some(outlet) = &record.outlet {
        out.push_str(&format!("<span class=\"outlet\">{}</span> ", esc(outlet)));
    }
    if let Some(date) = &record.date {
        let inferred = if record.date_inferred { " (inferred from the text)" } else { "" };
        out.push_str(&format!("<time class=\"date\" datetime=\"{0}\">{0}</time>{inferred} ", esc(date)));
    }
    if !article.byline.is_empty() {
        out.push_str(&format!("<span class=\"byline\">By {}</span> ", esc(&article.byline.join(", "))));
    }
    if let Some(url) = article.url.as_deref().and_then(web_href) {
        out.push_str(&format!("<a class=\"source-link\" href=\"{}\" rel=\"noreferrer\">original</a>", esc(url)));
    }
    out.push_str("</p>");
    out.push_str(&speakers(record));
    let mut highlighter = Highlighter::new(record);
    for paragraph in paragraphs(&article.body) {
        out.push_str("<p>");
        out.push_str(&highlighter.paragraph(paragraph));
        out.push_str("</p>");
    }
    out.push_str("</article>");
    out
}

/// Each speaker of a statement, joint ones first, with their actor.
fn everyone(s: &Speaker) -> impl Iterator<Item = (&str, Option<usize>)> {
    s.joint.iter().map(|j| (j.name.as_str(), j.actor)).chain([(s.name.as_str(), s.actor)])
}

/// Who speaks in the article, with how many quotes, in order of appearance.
fn speakers(record: &ArticleRecord) -> String {
    let mut seen: Vec<(&str, Option<i64>, usize)> = Vec::new();
    for (name, actor) in record.document.quotes.iter().filter_map(|q| q.speaker.as_ref()).flat_map(everyone) {
        match seen.iter_mut().find(|(seen, _, _)| *seen == name) {
            Some((_, _, count)) => *count += 1,
            None => seen.push((name, store_id(&record.actor_ids, actor), 1)),
        }
    }
    if seen.is_empty() {
        return String::new();
    }
    let items: String = seen
        .iter()
        .map(|(name, actor, count)| {
            format!(
                "<li><a class=\"speaker-name\" href=\"{}\">{}</a> <span class=\"count\">{count}</span></li>",
                esc(&speaker_href(*actor, name)),
                esc(name)
            )
        })
        .collect();
    format!("<ul class=\"article-speakers\">{items}</ul>")
}

/// The store's id of a document-local index (actors, quotes).
fn store_id(ids: &[i64], local: Option<usize>) -> Option<i64> {
    local.and_then(|i| ids.get(i).copied())
}

/// Paragraph spans in characters: the body separates paragraphs with a blank line.
fn paragraphs(body: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for text in body.split("\n\n") {
        let len = text.chars().count();
        if !text.trim().is_empty() {
            spans.push(Span::new(start, start + len));
        }
        start += len + 2;
    }
    spans
}

/// Cuts `range` at every start and end of `spans` inside it. Each piece
/// comes with the owners of the spans covering it whole, so overlapping
/// and nested spans become a flat run of pieces that never cross.
fn pieces(range: Span, spans: &[(usize, Span)]) -> Vec<(Span, Vec<usize>)> {
    let mut cuts = vec![range.start, range.end];
    cuts.extend(spans.iter().flat_map(|(_, s)| [s.start, s.end]).filter(|&c| range.start < c && c < range.end));
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let piece = Span::new(w[0], w[1]);
            let mut owners: Vec<usize> =
                spans.iter().filter(|(_, s)| s.start <= piece.start && piece.end <= s.end).map(|&(o, _)| o).collect();
            owners.sort_unstable();
            owners.dedup();
            (piece, owners)
        })
        .collect()
}

/// Writes paragraphs as HTML: quote pieces become `mark.quote` linking to
/// the speaker, entities inside them `span.entity` (a link cannot hold a
/// link), entities elsewhere links to their actor.
struct Highlighter<'a> {
    record: &'a ArticleRecord,
    index: CharIndex,
    quote_spans: Vec<(usize, Span)>,
    entity_spans: Vec<(usize, Span)>,
    /// Quotes whose `#q-{id}` anchor is written.
    anchored: HashSet<usize>,
}

impl<'a> Highlighter<'a> {
    fn new(record: &'a ArticleRecord) -> Highlighter<'a> {
        let doc = &record.document;
        Highlighter {
            record,
            index: CharIndex::new(&doc.article.body),
            quote_spans: doc
                .quotes
                .iter()
                .enumerate()
                .flat_map(|(i, q)| q.spans.iter().map(move |&s| (i, s)))
                .collect(),
            entity_spans: doc.entities.iter().enumerate().map(|(i, e)| (i, e.mention.span())).collect(),
            anchored: HashSet::new(),
        }
    }

    fn paragraph(&mut self, paragraph: Span) -> String {
        let mut out = String::new();
        for (piece, quotes) in pieces(paragraph, &self.quote_spans) {
            let inner = self.entities(piece, quotes.is_empty());
            if quotes.is_empty() {
                out.push_str(&inner);
                continue;
            }
            for &q in &quotes {
                if let Some(id) = store_id(&self.record.quote_ids, Some(q)).filter(|_| self.anchored.insert(q)) {
                    out.push_str(&format!("<span class=\"quote-start\" id=\"q-{id}\"></span>"));
                }
            }
            out.push_str(&self.mark(&quotes, &inner));
        }
        out
    }

    /// A piece of one or more quotes; the innermost (shortest) one names the speaker.
    fn mark(&self, quotes: &[usize], inner: &str) -> String {
        let all = &self.record.document.quotes;
        let innermost =
            *quotes.iter().min_by_key(|&&q| all[q].end.saturating_sub(all[q].start)).expect("a quote piece");
        let quote = &all[innermost];
        let ids: Vec<String> =
            quotes.iter().filter_map(|&q| store_id(&self.record.quote_ids, Some(q))).map(|id| id.to_string()).collect();
        let title: Vec<String> = quotes.iter().map(|&q| self.describe(&all[q])).collect();
        let kind = match quote.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        };
        let open = format!(
            "<mark class=\"quote {kind}\" data-quote=\"{}\" title=\"{}\"",
            ids.join(" "),
            esc(&title.join("\n\n"))
        );
        match &quote.speaker {
            Some(speaker) => format!(
                "{open} data-speaker=\"{}\"><a class=\"quote-link\" href=\"{}\">{inner}</a></mark>",
                esc(&speaker.name),
                esc(&speaker_href(store_id(&self.record.actor_ids, speaker.actor), &speaker.name))
            ),
            None => format!("{open}>{inner}</mark>"),
        }
    }

    /// What a hover says of a statement: who (and what they are), to whom, how, when.
    fn describe(&self, quote: &Quote) -> String {
        let mut lines = Vec::new();
        match &quote.speaker {
            Some(s) => lines.push(match &s.descriptor {
                Some(d) => format!("{}, {}", s.names(), d.text),
                None => s.names(),
            }),
            None => lines.push("speaker unknown".to_string()),
        }
        if let Some(outlet) = &quote.outlet {
            lines.push(format!("to {}", outlet.text));
        }
        if let Some(channel) = &quote.channel {
            lines.push(format!("via {}", channel.text));
        }
        match (&quote.when, &quote.when_value, &self.record.date) {
            (Some(when), Some(value), _) => lines.push(format!("{} ({value})", when.text)),
            (Some(when), None, _) => lines.push(when.text.clone()),
            (None, _, Some(date)) => lines.push(format!("published {date}")),
            (None, _, None) => {}
        }
        lines.join("\n")
    }

    /// The text of `range` with its entities marked.
    fn entities(&self, range: Span, linked: bool) -> String {
        let doc = &self.record.document;
        let mut out = String::new();
        for (piece, entities) in pieces(range, &self.entity_spans) {
            let text = esc(&doc.article.body[self.index.bytes(piece)]);
            let Some(&first) = entities.first() else {
                out.push_str(&text.to_string());
                continue;
            };
            let entity = &doc.entities[first];
            let label = match entity.label {
                EntityLabel::Per => "per",
                EntityLabel::Org => "org",
                EntityLabel::Loc => "loc",
                EntityLabel::Misc => "misc",
            };
            let actor = entity.actor.and_then(|a| Some((doc.actors.get(a)?, self.record.actor_ids.get(a)?)));
            out.push_str(&match actor {
                Some((actor, id)) if linked => format!(
                    "<a class=\"entity {label}\" data-actor=\"{id}\" href=\"/actors/{id}\" title=\"{}\">{text}</a>",
                    esc(&actor.name)
                ),
                Some((actor, id)) => format!(
                    "<span class=\"entity {label}\" data-actor=\"{id}\" title=\"{}\">{text}</span>",
                    esc(&actor.name)
                ),
                None => format!("<span class=\"entity {label}\">{text}</span>"),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use newsgraph_doc::{Actor, ActorKind, Article, Document, Entity, Format, MentionKind, Speaker};

    use super::*;

    /// The character span of `needle` in `body`.
    fn span_of(body: &str, needle: &str) -> Span {
        let at = body.find(needle).unwrap();
        CharIndex::new(body).span(at..at + needle.len())
    }

    fn quote(kind: QuoteKind, span: Span, speaker: Option<Speaker>) -> Quote {
        Quote {
            kind,
            text: String::new(),
            start: span.start,
            end: span.end,
            spans: vec![span],
            cue: None,
            speaker,
            outlet: None,
            channel: None,
            when: None,
            when_value: None,
            clause: None,
            clause_spans: Vec::new(),
            speech: true,
        }
    }

    fn person(name: &str, mentions: Vec<Span>) -> Actor {
        Actor {
            name: name.to_string(),
            kind: ActorKind::Person,
            country: None,
            sector: None,
            descriptors: Vec::new(),
            aliases: Vec::new(),
            mentions,
        }
    }

    /// Each opening tag closed in order, so no element crosses another.
    fn assert_well_nested(html: &str) {
        let mut open = Vec::new();
        for tag in html.split('<').skip(1).map(|t| &t[..t.find('>').unwrap()]) {
            match tag.strip_prefix('/') {
                Some(name) => assert_eq!(open.pop(), Some(name), "in {html}"),
                None => open.push(tag.split(' ').next().unwrap()),
            }
        }
        assert!(open.is_empty(), "{open:?} left open in {html}");
    }

    #[test]
    fn nested_quotes_and_an_entity_crossing_them_render_as_pieces_that_nest() {
        let body = "Ann Lee said “Bob Ray will go home” today.\n\nNext paragraph.";
        let (outer, inner, crossing) =
            (span_of(body, "Bob Ray will go home” today"), span_of(body, "will go"), span_of(body, "Ray will"));
        let ann = Speaker {
            name: "Ann Lee".into(),
            mention: None,
            mention_kind: MentionKind::Name,
            descriptor: None,
            actor: Some(0),
            joint: Vec::new(),
        };
        let mut doc = Document::new("t", Format::Text, Article { body: body.into(), ..Article::default() });
        doc.quotes = vec![quote(QuoteKind::Indirect, outer, Some(ann)), quote(QuoteKind::Direct, inner, None)];
        let entity = |span: Span, actor| Entity {
            label: EntityLabel::Per,
            mention: newsgraph_doc::Mention { text: String::new(), start: span.start, end: span.end },
            actor: Some(actor),
        };
        doc.entities = vec![entity(span_of(body, "Ann Lee"), 0), entity(crossing, 1)];
        doc.actors = vec![person("Ann Lee", vec![span_of(body, "Ann Lee")]), person("Bob Ray", vec![crossing])];
        let record = ArticleRecord {
            id: 1,
            identity: "sha256:x".into(),
            source: "t".into(),
            outlet: None,
            date: None,
            date_inferred: false,
            ingested_at: String::new(),
            actor_ids: vec![20, 21],
            quote_ids: vec![10, 11],
            document: doc,
        };
        let html = render(&record);
        assert_well_nested(&html);
        let first = &html[html.find("<p>").unwrap() + 3..html.find("</p><p>").unwrap()];
        let text: String = first.split('<').map(|t| t.split_once('>').map_or(t, |(_, text)| text)).collect();
        assert_eq!(text, "Ann Lee said “Bob Ray will go home” today.", "the text survives whole");
        assert_eq!(first.matches("<mark class=\"quote").count(), 3, "outer, both, outer again: {first}");
        assert!(
            first.contains("<mark class=\"quote direct\" data-quote=\"10 11\" title=\"Ann Lee\n\nspeaker unknown\">")
        );
        assert!(first.contains("<span class=\"quote-start\" id=\"q-10\"></span>"));
        assert_eq!(first.matches("id=\"q-11\"").count(), 1);
        assert!(first
            .contains("<a class=\"entity per\" data-actor=\"20\" href=\"/actors/20\" title=\"Ann Lee\">Ann Lee</a>"));
        assert!(first.contains("<span class=\"entity per\" data-actor=\"21\" title=\"Bob Ray\">Ray </span>"));
        assert!(first.contains("<span class=\"entity per\" data-actor=\"21\" title=\"Bob Ray\">will</span>"));
        assert!(html.contains("<p>Next paragraph.</p>"));
    }

    #[test]
    fn paragraphs_are_found_by_character_offsets() {
        let body = "Kim’s “offer”\n\nSecond — here\n\n\n\nThird";
        let spans = paragraphs(body);
        let texts: Vec<String> =
            spans.iter().map(|s| body.chars().skip(s.start).take(s.len()).collect::<String>()).collect();
        assert_eq!(texts, ["Kim’s “offer”", "Second — here", "Third"]);
    }

    #[test]
    fn overlapping_and_nested_spans_become_pieces_that_never_cross() {
        let spans = [(0, Span::new(2, 8)), (1, Span::new(5, 12)), (2, Span::new(6, 7))];
        let got = pieces(Span::new(0, 10), &spans);
        let want = vec![
            (Span::new(0, 2), vec![]),
            (Span::new(2, 5), vec![0]),
            (Span::new(5, 6), vec![0, 1]),
            (Span::new(6, 7), vec![0, 1, 2]),
            (Span::new(7, 8), vec![0, 1]),
            (Span::new(8, 10), vec![1]),
        ];
        assert_eq!(got, want);
        assert_eq!(pieces(Span::new(3, 4), &[]), vec![(Span::new(3, 4), vec![])]);
    }
}
