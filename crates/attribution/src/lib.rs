//! Quotes with speakers: who said what, through which outlet, when.
//!
//! Rule-based first version. Three generators propose [`candidate::Candidate`]s:
//! quotation marks with their attribution frame ([`direct`]: direct and mixed
//! quotes, bare quotations that may continue the previous quote; the marks
//! themselves come from [`quotation`]), speaker labels opening a paragraph
//! ([`label`]) and reported speech in unquoted sentences ([`reported`]). [`QuoteAttributor::attribute`]
//! then walks the candidates in text order, resolves each speaker phrase to a
//! canonical speaker of the article ([`speaker`]), gives bare quotations right
//! after a quote that quote's speaker, and reads outlet, channel and time off
//! the frame ([`context`]). A learned tagger can later add or replace
//! candidates; resolution stays as it is.
//!
//! Everything works on byte offsets and converts to the document's character
//! offsets once, when a [`Quote`] is built. The word lists ([`lexicon`]) are
//! `const` slices and there are no regexes, so a new attributor costs nothing
//! and each document is a few linear passes over its sentences (about 1,000
//! articles a second on one contended core, segmentation included).
//!
//! Conventions: content excludes the quotation marks but keeps what is inside
//! them (a trailing comma included); reported content starts at its
//! complementizer (`that ...`); a mixed quote's content is the quoted fragment
//! and its `clause` the reported clause around it;
//! a cue is the verb with its auxiliaries and adverbs (`has also said`); a
//! speaker mention excludes its apposition, which becomes the descriptor.

mod candidate;
mod context;
mod direct;
mod label;
mod lexicon;
mod quotation;
mod reported;
mod speaker;
mod words;

use std::ops::Range;

use newsgraph_doc::{CharIndex, Document, Mention, MentionKind, Quote, QuoteKind, Span, Speaker};

use candidate::Candidate;
use direct::Layout;
use speaker::Speakers;
use words::Words;

/// Joins the pieces of an interrupted content in [`Quote::text`].
const PIECE_SEPARATOR: &str = " … ";

/// Finds attributed statements and their speakers.
#[derive(Default)]
pub struct QuoteAttributor;

impl QuoteAttributor {
    pub fn new() -> QuoteAttributor {
        QuoteAttributor
    }

    /// Adds `doc.quotes` from the body and its sentences (segmenting the body
    /// first if the text stage has not run).
    pub fn attribute(&self, doc: &mut Document) {
        let body = doc.article.body.as_str();
        let index = CharIndex::new(body);
        let sentences: Vec<Range<usize>> = if doc.sentences.is_empty() {
            newsgraph_text::sentence_bytes(body)
        } else {
            doc.sentences.iter().map(|&s| index.bytes(s)).collect()
        };
        let quotations = quotation::quotations(body);
        let candidates = candidates(body, &sentences, &quotations);
        let quoted: Vec<Range<usize>> = quotations.iter().map(|q| q.outer.clone()).collect();
        let speakers = Speakers::new(body, &sentences, &quoted);
        doc.quotes = resolve(body, &index, &sentences, speakers, candidates);
    }
}

/// Every candidate of the body, in text order, interrupted quotations merged.
fn candidates(body: &str, sentences: &[Range<usize>], quotations: &[quotation::Quotation]) -> Vec<Candidate> {
    let layout = Layout { text: body, sentences };
    let mut found: Vec<Candidate> = Vec::new();
    for qi in 0..quotations.len() {
        let Some(c) = direct::candidate(&layout, quotations, qi) else { continue };
        // `“A,” he said, “B.”`: both halves share one cue, so one statement.
        match found.last_mut() {
            Some(prev) if prev.cue.is_some() && prev.cue == c.cue => prev.content.extend(c.content),
            _ => found.push(c),
        }
    }
    found.extend(paragraphs(body).filter_map(|p| label::candidate(body, p)));
    let quoted: Vec<Range<usize>> =
        found.iter().filter(|c| !c.bare).flat_map(|c| c.frame.iter().chain(&c.content).cloned()).collect();
    for sentence in sentences {
        let overlaps = |r: &Range<usize>| r.start < sentence.end && sentence.start < r.end;
        if quoted.iter().any(overlaps)
            || quotations.iter().any(|q| {
                q.outer.start < sentence.end
                    && sentence.start < q.outer.end
                    && q.pieces.iter().any(|p| p.len() * 2 > sentence.len())
            })
        {
            continue;
        }
        found.extend(reported::candidate(body, sentence.clone()));
    }
    found.sort_by_key(|c| c.start());
    found
}

/// Byte ranges of the body's paragraphs (its lines, trimmed).
fn paragraphs(body: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    body.split('\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len() + 1;
            let lead = line.len() - line.trim_start().len();
            Some(start + lead..start + line.trim_end().len())
        })
        .filter(|r| !r.is_empty())
}

/// Paragraph starts, so that a continuation can be checked for adjacency.
fn paragraph_starts(body: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = body.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' && bytes.get(i + 1).is_some_and(|&n| n != b'\n') {
            starts.push(i + 1);
        }
    }
    starts
}

/// The reported clause a mixed quote's fragment sits in: from the cue to the
/// end of the sentence when the cue comes first (`vowed to bolster ...
/// “without limit,” while ...`), from the sentence start to the fragment when
/// it comes after (`... that “the door is closed,” said Lee`).
fn reported_clause(
    body: &str,
    sentences: &[Range<usize>],
    cue: &Range<usize>,
    content: &[Range<usize>],
) -> Option<Range<usize>> {
    let (first, last) = (content.first()?, content.last()?);
    let sentence = sentences.iter().find(|s| s.start <= first.start && first.start < s.end)?;
    let from = if cue.end <= first.start { cue.end.max(sentence.start) } else { sentence.start };
    let piece = &body[from..sentence.end];
    let start = from + (piece.len() - piece.trim_start().len());
    let end = if cue.end <= first.start {
        from + piece.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?')).len()
    } else {
        // Through the fragment's closing quotation mark, so the clause reads
        // as the text does.
        let closing = body[last.end..].chars().take_while(|c| matches!(c, '”' | '"' | '’' | '\'')).map(char::len_utf8);
        last.end + closing.sum::<usize>()
    };
    Some(start..end.max(last.end))
}

/// Turns candidates into quotes: speakers resolved in text order, bare
/// quotations attached to an adjacent previous quote or dropped.
fn resolve(
    body: &str,
    index: &CharIndex,
    sentences: &[Range<usize>],
    mut speakers: Speakers,
    candidates: Vec<Candidate>,
) -> Vec<Quote> {
    let paragraphs = paragraph_starts(body);
    let paragraph_of = |b: usize| paragraphs.partition_point(|&s| s <= b);
    let mut quotes: Vec<(Quote, Option<usize>)> = Vec::new();
    let mut previous: Option<(usize, Option<usize>)> = None;
    for c in &candidates {
        let mention = |r: &Range<usize>| Mention::from_bytes(body, index, r.clone());
        let (entity, speaker) = if c.bare {
            let Some((end, entity)) = previous else { continue };
            if paragraph_of(c.start()) > paragraph_of(end) + 1 {
                continue;
            }
            if let Some(e) = entity {
                speakers.repeat(e, c.start());
            }
            let continued = quotes.last().and_then(|(q, _)| q.speaker.clone()).map(|s| Speaker {
                mention: None,
                mention_kind: MentionKind::Continuation,
                ..s
            });
            (entity, continued)
        } else {
            let phrase = c.speaker.as_ref().expect("attributed candidates have a speaker");
            let entity = speakers.resolve(body, phrase);
            let written = body[phrase.name.clone()].trim().to_string();
            (
                entity,
                Some(Speaker {
                    name: written,
                    mention: Some(mention(&phrase.mention)),
                    mention_kind: phrase.kind,
                    descriptor: None,
                }),
            )
        };
        let frame_context = c.frame.iter().fold(context::Context::default(), |acc, r| {
            let w = Words::new(body, r.clone());
            let found = context::find(&w, 0, w.len());
            context::Context {
                outlet: acc.outlet.or(found.outlet),
                channel: acc.channel.or(found.channel),
                when: acc.when.or(found.when),
            }
        });
        let spans: Vec<Span> = c.content.iter().map(|r| index.span(r.clone())).collect();
        let quote = Quote {
            kind: c.kind,
            text: c.content.iter().map(|r| &body[r.clone()]).collect::<Vec<_>>().join(PIECE_SEPARATOR),
            start: spans[0].start,
            end: spans[spans.len() - 1].end,
            spans,
            cue: c.cue.as_ref().map(mention),
            speaker,
            outlet: frame_context.outlet.as_ref().map(mention),
            channel: frame_context.channel.as_ref().map(mention),
            when: frame_context.when.as_ref().map(mention),
            clause: match (c.kind, &c.cue) {
                (QuoteKind::Mixed, Some(cue)) => {
                    reported_clause(body, sentences, cue, &c.content).as_ref().map(mention)
                }
                _ => None,
            },
        };
        // A continuation goes on with the statement before it: same outlet,
        // channel and time.
        let quote = match (c.bare, quotes.last()) {
            (true, Some((before, _))) => Quote {
                outlet: before.outlet.clone(),
                channel: before.channel.clone(),
                when: before.when.clone(),
                ..quote
            },
            _ => quote,
        };
        previous = Some((c.end(), entity));
        quotes.push((quote, entity));
    }
    quotes
        .into_iter()
        .map(|(mut q, entity)| {
            if let (Some(e), Some(s)) = (entity, q.speaker.as_mut()) {
                s.name = speakers.entities[e].name.clone();
                s.descriptor = speakers.entities[e].descriptor.clone().map(|d| Mention::from_bytes(body, index, d));
            }
            q
        })
        .collect()
}
