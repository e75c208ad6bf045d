//! The learned quote tagger: the fast tier.
//!
//! Every token of a paragraph gets one of seven labels, BIO over the three
//! roles PolNeAR annotates (source, cue, content); PolNeAR's roles never
//! nest, so one flat label sequence loses nothing. The labels come from an
//! averaged structured perceptron ([`newsgraph_learn`]) over the features of
//! [`features`], decoded per paragraph so that a content span may run across
//! sentences (`“A. B,” she said`). [`relations`] then ties each content and
//! source span to a cue and hands the result to resolution as ordinary
//! [`Candidate`]s, so speakers, outlets and continuations work exactly as
//! for the rules.

mod features;
mod relations;

use std::ops::Range;

use newsgraph_doc::{CharIndex, Span};
use newsgraph_learn::{Example, Model, ModelError, TrainConfig};

use crate::candidate::Candidate;
use crate::quotation::Quotation;

/// The labels, in the model's order.
const LABELS: [&str; 7] = ["O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON"];

/// Hash width of the feature space: 2^20 buckets.
const BITS: u32 = 18;

/// The trained weights shipped with the binary (see the README for how
/// they were made); `newsgraph train quotes` reproduces them.
const EMBEDDED_MODEL: &[u8] = include_bytes!("../../models/quotes-fast.bin");

/// A role of an attribution, as PolNeAR names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Source,
    Cue,
    Content,
}

impl Role {
    /// The `B-` label of the role; its `I-` label is the next one.
    fn begin_label(self) -> usize {
        match self {
            Role::Source => 1,
            Role::Cue => 3,
            Role::Content => 5,
        }
    }

    fn of_label(label: usize) -> Option<Role> {
        match label {
            1 | 2 => Some(Role::Source),
            3 | 4 => Some(Role::Cue),
            5 | 6 => Some(Role::Content),
            _ => None,
        }
    }
}

/// `I-X` only continues `B-X` or `I-X`.
fn allowed(previous: Option<usize>, label: usize) -> bool {
    label == 0 || label % 2 == 1 || previous.is_some_and(|p| p != 0 && Role::of_label(p) == Role::of_label(label))
}

/// The body's tokens with their sentences and paragraphs, by token index.
pub struct Tokenized {
    /// Byte range of each token.
    pub tokens: Vec<Range<usize>>,
    pub sentence_of: Vec<usize>,
    /// Token range of each sentence.
    pub sentences: Vec<Range<usize>>,
    /// Token range of each paragraph: sentences with no line break between them.
    pub paragraphs: Vec<Range<usize>>,
    paragraph_index: Vec<usize>,
}

impl Tokenized {
    pub fn new(body: &str, sentences: &[Range<usize>]) -> Tokenized {
        let mut grid = Tokenized {
            tokens: Vec::new(),
            sentence_of: Vec::new(),
            sentences: Vec::new(),
            paragraphs: Vec::new(),
            paragraph_index: Vec::new(),
        };
        let mut previous_end: Option<usize> = None;
        for (s, range) in sentences.iter().enumerate() {
            let first = grid.tokens.len();
            let new_paragraph = previous_end.is_none_or(|end| body[end..range.start].contains('\n'));
            if new_paragraph {
                grid.paragraphs.push(first..first);
            }
            for token in newsgraph_text::token_bytes(body, range.clone()) {
                grid.tokens.push(token);
                grid.sentence_of.push(s);
                grid.paragraph_index.push(grid.paragraphs.len() - 1);
            }
            grid.sentences.push(first..grid.tokens.len());
            if let Some(p) = grid.paragraphs.last_mut() {
                p.end = grid.tokens.len();
            }
            previous_end = Some(range.end);
        }
        grid
    }

    pub fn paragraph_of(&self, token: usize) -> Range<usize> {
        self.paragraphs[self.paragraph_index[token]].clone()
    }

    /// Byte range from the start of token `tokens.start` to the end of token `tokens.end - 1`.
    pub fn bytes(&self, tokens: Range<usize>) -> Range<usize> {
        self.tokens[tokens.start].start..self.tokens[tokens.end - 1].end
    }
}

/// Everything the tagger derives from a body before labelling it.
struct Prepared<'a> {
    grid: Tokenized,
    quotations: &'a [Quotation],
    features: Vec<Vec<u32>>,
}

fn prepare<'a>(
    body: &str,
    sentences: &[Range<usize>],
    quotations: &'a [Quotation],
    rules: &[Candidate],
) -> Prepared<'a> {
    let grid = Tokenized::new(body, sentences);
    let features = features::extract(BITS, body, &grid, quotations, rules);
    Prepared { grid, quotations, features }
}

/// Labels tokens with attribution roles and turns the spans into candidates.
pub struct SpanTagger {
    model: Model,
}

impl SpanTagger {
    /// The model shipped in the binary.
    pub fn embedded() -> Result<SpanTagger, ModelError> {
        SpanTagger::from_bytes(EMBEDDED_MODEL)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<SpanTagger, ModelError> {
        let model = Model::from_bytes(bytes)?;
        if model.labels() != LABELS || model.bits() != BITS {
            return Err(ModelError("not a quote tagger model of this version (labels or hash width differ)".into()));
        }
        Ok(SpanTagger { model })
    }

    /// The candidates the model finds in `body`, given the rules' own.
    pub fn candidates(
        &self,
        body: &str,
        sentences: &[Range<usize>],
        quotations: &[Quotation],
        rules: &[Candidate],
    ) -> Vec<Candidate> {
        let prepared = prepare(body, sentences, quotations, rules);
        let mut spans = Vec::new();
        for paragraph in &prepared.grid.paragraphs {
            let labels = self.model.decode(&prepared.features[paragraph.clone()]);
            spans.extend(
                role_spans(&labels)
                    .into_iter()
                    .map(|(role, r)| (role, r.start + paragraph.start..r.end + paragraph.start)),
            );
        }
        relations::candidates(body, &prepared.grid, prepared.quotations, &spans)
    }
}

/// Runs of one role in a label sequence, as token ranges.
fn role_spans(labels: &[usize]) -> Vec<(Role, Range<usize>)> {
    let mut spans: Vec<(Role, Range<usize>)> = Vec::new();
    for (t, &label) in labels.iter().enumerate() {
        let Some(role) = Role::of_label(label) else { continue };
        match spans.last_mut() {
            Some((r, range)) if label % 2 == 0 && *r == role && range.end == t => range.end = t + 1,
            _ => spans.push((role, t..t + 1)),
        }
    }
    spans
}

/// One training article: its text and the role pieces its annotator marked,
/// in character offsets.
pub struct TrainingArticle {
    pub text: String,
    pub spans: Vec<(Role, Span)>,
}

/// Fits the fast tier's model to `articles` and returns it as bytes.
/// `progress(epoch, token_accuracy)` reports each epoch.
pub fn train_fast(articles: &[TrainingArticle], config: &TrainConfig, progress: impl FnMut(usize, f64)) -> Vec<u8> {
    let mut examples = Vec::new();
    for article in articles {
        let body = article.text.as_str();
        let sentences = newsgraph_text::sentence_bytes(body);
        let quotations = crate::quotation::quotations(body);
        let rules = crate::candidates(body, &sentences, &quotations);
        let prepared = prepare(body, &sentences, &quotations, &rules);
        let gold = gold_labels(body, &prepared.grid, &article.spans);
        for paragraph in &prepared.grid.paragraphs {
            examples.push(Example {
                tokens: prepared.features[paragraph.clone()].to_vec(),
                gold: gold[paragraph.clone()].to_vec(),
            });
        }
    }
    let model = newsgraph_learn::train(Model::new(&LABELS, BITS, allowed), &examples, config, progress);
    model.to_bytes()
}

/// Each token's gold label: a token inside a role piece takes the role, the
/// piece's first token `B-`. Where pieces of two relations overlap (rare),
/// the first marked keeps the token.
fn gold_labels(body: &str, grid: &Tokenized, spans: &[(Role, Span)]) -> Vec<usize> {
    let index = CharIndex::new(body);
    let mut labels = vec![0usize; grid.tokens.len()];
    for (role, span) in spans {
        let bytes = index.bytes(*span);
        let inside: Vec<usize> = (0..grid.tokens.len())
            .filter(|&t| bytes.start <= grid.tokens[t].start && grid.tokens[t].end <= bytes.end)
            .collect();
        if inside.iter().any(|&t| labels[t] != 0) {
            continue;
        }
        for (k, &t) in inside.iter().enumerate() {
            labels[t] = role.begin_label() + usize::from(k > 0);
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_labels_only_continue_their_role() {
        assert!(allowed(None, 1) && allowed(Some(1), 2) && allowed(Some(2), 2));
        assert!(!allowed(None, 2) && !allowed(Some(0), 4) && !allowed(Some(3), 6));
        assert!(allowed(Some(6), 0) && allowed(Some(6), 5));
    }

    #[test]
    fn role_spans_split_at_each_begin() {
        let spans = role_spans(&[1, 2, 3, 0, 5, 6, 5]);
        assert_eq!(spans, [(Role::Source, 0..2), (Role::Cue, 2..3), (Role::Content, 4..6), (Role::Content, 6..7)]);
    }

    #[test]
    fn paragraphs_group_sentences_between_line_breaks() {
        let body = "Ann said so. She left.\nBob stayed.";
        let grid = Tokenized::new(body, &newsgraph_text::sentence_bytes(body));
        assert_eq!(grid.paragraphs.len(), 2);
        assert_eq!(grid.sentences.len(), 3);
        assert_eq!(grid.paragraph_of(0), grid.paragraph_of(5));
        assert_eq!(&body[grid.bytes(grid.paragraphs[1].clone())], "Bob stayed.");
    }

    #[test]
    fn gold_pieces_become_bio_labels() {
        let body = "Ann said “we won.”";
        let grid = Tokenized::new(body, &newsgraph_text::sentence_bytes(body));
        let spans = [(Role::Source, Span::new(0, 3)), (Role::Cue, Span::new(4, 8)), (Role::Content, Span::new(9, 18))];
        let labels = gold_labels(body, &grid, &spans);
        let tokens: Vec<&str> = grid.tokens.iter().map(|t| &body[t.clone()]).collect();
        assert_eq!(tokens, ["Ann", "said", "“", "we", "won", ".", "”"]);
        assert_eq!(labels, [1, 3, 5, 6, 6, 6, 6]);
    }
}
