//! The learned quote tagger, behind the fast and accurate tiers.
//!
//! Every token of a paragraph gets one of seven labels, BIO over the three
//! roles PolNeAR annotates (source, cue, content); PolNeAR's roles never
//! nest, so one flat label sequence loses nothing. The labels come from an
//! averaged structured perceptron ([`newsgraph_learn`]) over the features of
//! [`features`], decoded per paragraph so that a content span may run across
//! sentences (`“A. B,” she said`). Each tier tags twice: a second
//! perceptron reads the first one's labels around each token as well
//! ([`stacked`]). A ranker ([`bounds`]) re-chooses the boundaries of each
//! content span among clause boundaries around it, as labelling token by
//! token places them badly. [`relations`] then ties each content and source
//! span to a cue and hands the result to resolution as ordinary
//! [`Candidate`]s, so speakers, outlets and continuations work exactly as
//! for the rules. The accurate tier gives both perceptrons each token's
//! MiniLM vectors as well ([`dense_vectors`]).

mod bounds;
mod features;
mod relations;
mod stacked;

use std::ops::Range;
use std::sync::LazyLock;

use newsgraph_doc::{CharIndex, Span};
use newsgraph_encoder::Encoder;
use newsgraph_learn::{Choice, Example, FeatureRows, Model, ModelError, TrainConfig};

use crate::candidate::Candidate;
use crate::quotation::Quotation;
use crate::words::Tokenized;

/// The labels, in the model's order.
const LABELS: [&str; 7] = ["O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON"];

/// Hash width of the feature space: 2^18 buckets (2^20, a model three times larger, scored no better: session 10).
const BITS: u32 = 18;

/// The trained weights shipped with the binary (see the README for how
/// they were made); `newsgraph train quotes` reproduces them. Each file
/// holds two taggers, the second reading the first's labels ([`stacked`],
/// [`join_stacked`]).
const FAST_MODEL: &[u8] = include_bytes!("../../models/quotes-fast.bin");
/// The content boundary ranker ([`bounds`]) of both tiers, from `newsgraph
/// train quote-bounds`: trained on the spans of stacked fast taggers, it
/// serves the accurate tier's stacked taggers too (the README has its
/// figures).
const BOUNDS_MODEL: &[u8] = include_bytes!("../../models/quotes-bounds.bin");
const ACCURATE_MODEL: &[u8] = include_bytes!("../../models/quotes-accurate.bin");

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

/// Everything the tagger derives from a body before labelling it.
struct Prepared<'a> {
    body: &'a str,
    grid: &'a Tokenized,
    /// Whether each token is inside quotation marks.
    quoted: Vec<bool>,
    /// Whether each token is in a rule candidate's content or clause.
    ruled: Vec<bool>,
    quotations: &'a [Quotation],
    features: FeatureRows,
    /// Each token's dense vector, one after another (empty for the fast tier).
    dense: Vec<f32>,
}

fn prepare<'a>(
    body: &'a str,
    grid: &'a Tokenized,
    sentences: &[Range<usize>],
    quotations: &'a [Quotation],
    rules: &[Candidate],
    encoder: Option<&Encoder>,
) -> Prepared<'a> {
    let quoted = features::inside_quotations(grid, quotations);
    let features = features::extract(BITS, body, grid, &quoted, rules);
    let dense = encoder.map_or_else(Vec::new, |e| {
        let regions = encoded_regions(sentences, &to_encode(body, grid, &quoted, rules, &features));
        dense_vectors(e, body, &regions, sentences, grid)
    });
    let ruled = rule_tokens(grid, rules);
    Prepared { body, grid, quoted, ruled, quotations, features, dense }
}

/// The encoder layers whose token vectors the accurate tier reads; the
/// encoder runs only as deep as the deepest. PolNeAR dev, exact F1
/// content/source/cue, and articles per CPU-second: layer 2 alone gives
/// 0.496/0.677/0.657 at 7, layer 3 0.522/0.689/0.669 at 4, layer 4
/// 0.515/0.693/0.667 at 3; layers 1 and 2 together 0.509/0.682/0.666 at the
/// cost of layer 2, and adding the embeddings (layer 0) nothing more (all on
/// session 7's tagger and host). Since then only sentences that may hold an
/// attribution are encoded, and on session 11's tagger and host layers 1-3
/// give 0.578/0.740/0.707 (relation 0.468) at 14 articles a CPU-second
/// against layers 1-2's 0.572/0.733/0.700 (0.461) at 21: a slower host (2.3
/// times, session 9's) still keeps the tier's 5 a second; a fourth layer
/// would not.
const ENCODER_LAYERS: [usize; 3] = [1, 2, 3];

/// Length each token vector is scaled to, so that a perceptron update moves
/// the dense part about as much as a few of the ~47 sparse features a token
/// has; a first guess, not tuned.
const DENSE_NORM: f32 = 4.0;

/// The fast tier's first tagger: for the accurate tier it also picks the
/// sentences worth encoding, so retraining it means retraining the accurate
/// head.
static GATE: LazyLock<Model> = LazyLock::new(|| {
    let first = split_stacked(FAST_MODEL).map_or(FAST_MODEL, |(first, _)| first);
    Model::from_bytes(first).expect("the shipped fast model loads")
});

/// Opens a file of two stacked taggers ([`join_stacked`]).
const STACKED_MAGIC: &[u8] = b"NGSTACK1\n";

/// Two taggers' bytes as one file: the first tagger's model, then the
/// second's, which reads the first's labels ([`stacked`]).
fn join_stacked(first: &[u8], second: &[u8]) -> Vec<u8> {
    let mut out = STACKED_MAGIC.to_vec();
    out.extend((first.len() as u64).to_le_bytes());
    out.extend(first);
    out.extend(second);
    out
}

/// The first and second tagger's bytes of a file of [`join_stacked`], or
/// `None` for a file of one tagger.
fn split_stacked(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let rest = bytes.strip_prefix(STACKED_MAGIC)?;
    let (length, rest) = rest.split_first_chunk::<8>()?;
    let length = usize::try_from(u64::from_le_bytes(*length)).ok()?;
    (length <= rest.len()).then(|| rest.split_at(length))
}

/// Whether the accurate tier encodes each sentence: it may hold an
/// attribution, since the lexicon, quotation marks or the rules say so
/// ([`features::may_attribute`]) or the fast tier's tagger marks a role in it
/// (PolNeAR's cues reach well beyond the lexicon: `believes`, `according
/// to`, `a poll shows`), or it is in the paragraph of one or next to it.
fn to_encode(body: &str, grid: &Tokenized, quoted: &[bool], rules: &[Candidate], features: &FeatureRows) -> Vec<bool> {
    let mut marked = features::may_attribute(body, grid, quoted, rules);
    for paragraph in &grid.paragraphs {
        let labels = GATE.decode(features.slice(paragraph.clone()), &[]);
        for (t, _) in labels.iter().enumerate().filter(|&(_, &label)| label != 0) {
            marked[grid.sentence_of[paragraph.start + t]] = true;
        }
    }
    // The tagger decodes a paragraph at once, and the sentences around one give
    // context and often name the source: a paragraph and its neighbours are
    // encoded whole.
    let sentences: Vec<Range<usize>> = grid
        .paragraphs
        .iter()
        .map(|p| if p.is_empty() { 0..0 } else { grid.sentence_of[p.start]..grid.sentence_of[p.end - 1] + 1 })
        .collect();
    let hit: Vec<bool> = sentences.iter().map(|s| marked[s.clone()].contains(&true)).collect();
    for (p, s) in sentences.iter().enumerate() {
        if hit[p.saturating_sub(1)..(p + 2).min(hit.len())].contains(&true) {
            marked[s.clone()].fill(true);
        }
    }
    marked
}

/// The byte ranges the encoder reads: each run of consecutive `sentences`
/// marked in `encode`. Most sentences of a web page hold no attribution,
/// and their vectors would change little the tagger does, so they are not
/// encoded; training and tagging follow the same rule.
fn encoded_regions(sentences: &[Range<usize>], encode: &[bool]) -> Vec<Range<usize>> {
    let mut regions: Vec<Range<usize>> = Vec::new();
    for (s, sentence) in sentences.iter().enumerate().filter(|&(s, _)| encode[s]) {
        match regions.last_mut() {
            Some(last) if s > 0 && encode[s - 1] => last.end = sentence.end,
            _ => regions.push(sentence.clone()),
        }
    }
    regions
}

/// The encoder's vectors for the grid's tokens in `regions`, each scaled to
/// [`DENSE_NORM`]; zeros elsewhere.
fn dense_vectors(
    encoder: &Encoder,
    body: &str,
    regions: &[Range<usize>],
    sentences: &[Range<usize>],
    grid: &Tokenized,
) -> Vec<f32> {
    let vectors = encoder.token_vectors_in(body, regions, sentences, &grid.tokens, &ENCODER_LAYERS);
    let dim = vectors.dim();
    let mut dense = Vec::with_capacity(grid.tokens.len() * dim * ENCODER_LAYERS.len());
    for t in 0..grid.tokens.len() {
        for &layer in &ENCODER_LAYERS {
            let v = vectors.vector(t, layer);
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            let scale = if norm > 0.0 { DENSE_NORM / norm } else { 0.0 };
            dense.extend(v.iter().map(|x| x * scale));
        }
    }
    dense
}

/// Labels tokens with attribution roles and turns the spans into candidates.
pub struct SpanTagger {
    /// The tagger whose labels `model` reads ([`stacked`]), if stacked.
    first: Option<Model>,
    model: Model,
    /// Re-chooses the boundaries of each content span ([`bounds`]).
    bounds: Model,
    /// The accurate tier's encoder; `None` for the fast tier.
    encoder: Option<Encoder>,
}

impl SpanTagger {
    /// The fast tier's model, shipped in the binary.
    pub fn fast() -> Result<SpanTagger, ModelError> {
        SpanTagger::from_bytes(FAST_MODEL, None)
    }

    /// The accurate tier: its head ships in the binary, the encoder's
    /// weights are found by [`Encoder::locate`].
    pub fn accurate() -> Result<SpanTagger, ModelError> {
        SpanTagger::from_bytes(ACCURATE_MODEL, Some(load_encoder()?))
    }

    /// A model from `newsgraph train quotes`; `encoder` must be given
    /// exactly when the model was trained with one. The shipped boundary
    /// ranker re-chooses its content spans' boundaries.
    pub fn from_bytes(bytes: &[u8], encoder: Option<Encoder>) -> Result<SpanTagger, ModelError> {
        let (first, model) = match split_stacked(bytes) {
            Some((first, second)) => (Some(tagger_model(first)?), tagger_model(second)?),
            None => (None, tagger_model(bytes)?),
        };
        let expected = encoder.as_ref().map_or(0, |e| e.dim() * ENCODER_LAYERS.len());
        for m in first.iter().chain([&model]) {
            if m.dense_dim() != expected {
                let tier = if m.dense_dim() == 0 { "fast" } else { "accurate" };
                return Err(ModelError(format!(
                    "this is a {tier}-tier model ({} dense inputs), but {} were given",
                    m.dense_dim(),
                    expected
                )));
            }
        }
        let bounds = Model::from_bytes(BOUNDS_MODEL)?;
        if !newsgraph_learn::is_ranker(&bounds) || bounds.bits() != bounds::BITS {
            return Err(ModelError("the shipped content boundary ranker is not of this version".into()));
        }
        Ok(SpanTagger { first, model, bounds, encoder })
    }

    /// The candidates the model finds in `body` (tokenised as `grid`, in
    /// `sentences`), given the rules' own.
    pub fn candidates(
        &self,
        body: &str,
        grid: &Tokenized,
        sentences: &[Range<usize>],
        quotations: &[Quotation],
        rules: &[Candidate],
    ) -> Vec<Candidate> {
        let mut prepared = prepare(body, grid, sentences, quotations, rules, self.encoder.as_ref());
        if let Some(first) = &self.first {
            prepared.stack(first);
        }
        let mut spans = Vec::new();
        for paragraph in &prepared.grid.paragraphs {
            spans.extend(tagged(&self.model, &prepared, paragraph, |p| bounds::rerank(&self.bounds, p)));
        }
        relations::candidates(body, prepared.grid, prepared.quotations, &spans)
    }
}

/// `bytes` as a quote tagger's model of this version.
fn tagger_model(bytes: &[u8]) -> Result<Model, ModelError> {
    let model = Model::from_bytes(bytes)?;
    if model.labels() != LABELS || model.bits() != BITS {
        return Err(ModelError("not a quote tagger model of this version (labels or hash width differ)".into()));
    }
    Ok(model)
}

impl Prepared<'_> {
    /// Adds to each token's features what `first` made of it ([`stacked`]).
    fn stack(&mut self, first: &Model) {
        let n = self.grid.tokens.len();
        let mut level = stacked::FirstLevel { labels: vec![0; n], margins: vec![0.0; n] };
        let labels = LABELS.len();
        let d = first.dense_dim();
        for paragraph in &self.grid.paragraphs {
            let dense = &self.dense[paragraph.start * d..paragraph.end * d];
            let emissions = first.emissions(self.features.slice(paragraph.clone()), dense);
            let path = first.best_path(&emissions);
            for (t, (&label, scores)) in path.iter().zip(emissions.chunks(labels)).enumerate() {
                let other = scores.iter().enumerate().filter(|&(l, _)| l != label).map(|(_, &s)| s);
                level.labels[paragraph.start + t] = label;
                level.margins[paragraph.start + t] = scores[label] - other.fold(f32::NEG_INFINITY, f32::max);
            }
        }
        self.features = stacked::extract(BITS, self.body, self.grid, &self.features, &level);
    }
}

/// `f` of `paragraph` as `model` tags it: the role spans it finds there
/// (in body token indices) with its scores, for [`bounds`] to read.
fn tagged<R>(
    model: &Model,
    prepared: &Prepared,
    paragraph: &Range<usize>,
    f: impl FnOnce(&bounds::Paragraph) -> R,
) -> R {
    let d = model.dense_dim();
    let dense = &prepared.dense[paragraph.start * d..paragraph.end * d];
    let emissions = model.emissions(prepared.features.slice(paragraph.clone()), dense);
    let spans: Vec<(Role, Range<usize>)> = role_spans(&model.best_path(&emissions))
        .into_iter()
        .map(|(role, r)| (role, r.start + paragraph.start..r.end + paragraph.start))
        .collect();
    f(&bounds::Paragraph::new(
        prepared.body,
        prepared.grid,
        (&prepared.quoted, &prepared.ruled),
        paragraph.clone(),
        &emissions,
        &spans,
    ))
}

/// The encoder the accurate tier needs, or an error saying how to get it.
pub fn load_encoder() -> Result<Encoder, ModelError> {
    let dir = Encoder::locate().ok_or_else(|| {
        ModelError(
            "the accurate tier needs the MiniLM encoder: run crates/encoder/setup.sh, or set NEWSGRAPH_ENCODER to its directory"
                .into(),
        )
    })?;
    Encoder::load(&dir).map_err(|e| ModelError(e.to_string()))
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

/// Fits a tagger to `articles` and returns it as bytes: the fast tier's
/// without an encoder, the accurate tier's with one. Articles are prepared
/// (features, encoder vectors) on `threads` threads; then `seeds` taggers,
/// each visiting the examples in its own order (seeds from `config.seed`
/// on), are trained side by side and averaged
/// ([`newsgraph_learn::train_seeds`]). The file holds a second tagger as
/// well, trained likewise on the first's labels ([`stacked_examples`]).
/// Deterministic.
/// `progress(epoch, token_accuracy)` reports the first seed's epochs of each tagger.
pub fn train(
    articles: &[TrainingArticle],
    encoder: Option<&Encoder>,
    threads: usize,
    (config, seeds): (&TrainConfig, usize),
    mut progress: impl FnMut(usize, f64),
) -> Vec<u8> {
    let examples = in_parallel(articles, threads, |a| examples(a, encoder));
    let dense_dim = encoder.map_or(0, |e| e.dim() * ENCODER_LAYERS.len());
    let first = newsgraph_learn::train_seeds(blank(dense_dim), &examples.concat(), config, seeds, &mut progress);
    let firsts = fold_taggers(&examples, threads, dense_dim, config);
    let stacked = stacked_examples(articles, &examples, &firsts, threads);
    drop(examples);
    let second = newsgraph_learn::train_seeds(blank(dense_dim), &stacked.concat(), config, seeds, progress);
    join_stacked(&first.to_bytes(), &second.to_bytes())
}

/// A quote tagger before training.
fn blank(dense_dim: usize) -> Model {
    Model::new(&LABELS, BITS, dense_dim, allowed)
}

/// The second tagger's examples of each article ([`stacked`]): the
/// article's features with the labels its part's tagger of `firsts`
/// ([`fold_taggers`]) gives it, since at run time the first tagger has never
/// seen the article either. The encoder vectors are those of the article's
/// first-level `examples`: encoding it again would cost as much as the
/// first pass.
fn stacked_examples(
    articles: &[TrainingArticle],
    examples: &[Vec<Example>],
    firsts: &[Model],
    threads: usize,
) -> Vec<Vec<Example>> {
    let indexed: Vec<(usize, &TrainingArticle)> = articles.iter().enumerate().collect();
    in_parallel(&indexed, threads, |&(a, article)| {
        let body = article.text.as_str();
        let read = Reading::of(body);
        let mut prepared = read.prepare(body, None);
        prepared.dense = examples[a].iter().flat_map(|e| e.dense.iter().copied()).collect();
        prepared.stack(&firsts[a % FOLDS]);
        paragraph_examples(&prepared, &article.spans)
    })
}

/// One tagger for each part of [`FOLDS`] (article `a` is in part `a %
/// FOLDS`), trained as `config` says on the `examples` (with `dense_dim`
/// dense inputs a token) of the other parts, on `threads` threads.
fn fold_taggers(examples: &[Vec<Example>], threads: usize, dense_dim: usize, config: &TrainConfig) -> Vec<Model> {
    let folds: Vec<usize> = (0..FOLDS).collect();
    in_parallel(&folds, threads, |&k| {
        let training: Vec<Example> =
            examples.iter().enumerate().filter(|(a, _)| a % FOLDS != k).flat_map(|(_, e)| e.iter().cloned()).collect();
        newsgraph_learn::train(blank(dense_dim), &training, config, |_, _| {})
    })
}

/// `f` of each item, in order, computed on `threads` threads.
fn in_parallel<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>())).collect();
        workers.into_iter().flat_map(|w| w.join().expect("a worker thread panicked")).collect()
    })
}

/// Parts the training articles are split into to train the boundary
/// ranker and the stacked tagger: they must learn from the spans of a tagger
/// that has not seen the article, as every tagged article at run time is
/// unseen, so each part is tagged by a tagger trained on the others.
const FOLDS: usize = 5;

/// Fits the content boundary ranker ([`bounds`]) to `articles` and returns
/// it as bytes: each of [`FOLDS`] parts is tagged by stacked fast taggers
/// trained (as `tagger` says) on the rest, and the ranker (as `ranker`
/// says) learns which alternative to each content span found is the
/// annotated one. Deterministic; `progress` reports each stage.
///
/// Both tiers stack their taggers and share this ranker: trained on single
/// taggers' spans instead, it gave PolNeAR dev relation F1 0.004 less in
/// the fast tier and 0.004 less in the accurate one.
pub fn train_bounds(
    articles: &[TrainingArticle],
    threads: usize,
    (tagger, ranker): (&TrainConfig, &TrainConfig),
    mut progress: impl FnMut(String),
) -> Vec<u8> {
    let examples = in_parallel(articles, threads, |a| examples(a, None));
    let firsts = fold_taggers(&examples, threads, 0, tagger);
    let seconds = fold_taggers(&stacked_examples(articles, &examples, &firsts, threads), threads, 0, tagger);
    let folds: Vec<usize> = (0..FOLDS).collect();
    let choices: Vec<Choice> = in_parallel(&folds, threads, |&k| {
        let part = articles.iter().enumerate().filter(|(a, _)| a % FOLDS == k);
        part.flat_map(|(_, article)| choices((&firsts[k], &seconds[k]), article)).collect::<Vec<_>>()
    })
    .concat();
    let kept = choices.iter().filter(|c| c.gold == 0).count();
    progress(format!(
        "{} content spans with the annotated boundaries among the alternatives, {kept} of them as tagged",
        choices.len()
    ));
    let model = newsgraph_learn::train_ranker(bounds::BITS, &choices, ranker, |epoch, accuracy| {
        progress(format!("ranker epoch {epoch:>2}: chose right {accuracy:.4}"))
    });
    model.to_bytes()
}

/// What the pipeline's earlier stages and the rules make of a training
/// article, as attribution sees a document at run time.
struct Reading {
    sentences: Vec<Range<usize>>,
    grid: Tokenized,
    quotations: Vec<Quotation>,
    rules: Vec<Candidate>,
}

impl Reading {
    fn of(body: &str) -> Reading {
        let sentences = newsgraph_text::sentence_bytes(body);
        let grid = Tokenized::new(body, &sentences);
        let quotations = crate::quotation::quotations(body);
        let rules = crate::candidates(body, &grid, &sentences, &quotations);
        Reading { sentences, grid, quotations, rules }
    }

    fn prepare<'a>(&'a self, body: &'a str, encoder: Option<&Encoder>) -> Prepared<'a> {
        prepare(body, &self.grid, &self.sentences, &self.quotations, &self.rules, encoder)
    }
}

/// The ranker's lessons from one article tagged by `model` stacked on
/// `first`: for each
/// content span it re-chooses ([`bounds::Paragraph::open`]) that overlaps
/// an annotated one, its alternatives and which of them is the annotated
/// piece it overlaps most (spans whose annotated piece is no alternative
/// teach nothing).
fn choices((first, model): (&Model, &Model), article: &TrainingArticle) -> Vec<Choice> {
    let body = article.text.as_str();
    let read = Reading::of(body);
    let mut prepared = read.prepare(body, None);
    prepared.stack(first);
    let index = CharIndex::new(body);
    let gold: Vec<Range<usize>> = article
        .spans
        .iter()
        .filter(|(role, _)| *role == Role::Content)
        .map(|(_, span)| tokens_inside(&read.grid, index.bytes(*span)))
        .collect();
    let mut out = Vec::new();
    for paragraph in &read.grid.paragraphs {
        tagged(model, &prepared, paragraph, |p| {
            for (k, (_, span)) in p.spans.iter().enumerate().filter(|&(k, _)| p.open(k)) {
                let candidates = bounds::candidates(p, k);
                let overlap = |g: &Range<usize>| g.end.min(span.end).saturating_sub(g.start.max(span.start));
                let inside = |g: &&Range<usize>| p.tokens().start <= g.start && g.end <= p.tokens().end;
                let target = gold
                    .iter()
                    .filter(inside)
                    .filter(|g| overlap(g) > 0)
                    .max_by_key(|g| overlap(g))
                    .map(|g| p.trim(g.clone()));
                let right = target.and_then(|t| candidates.iter().position(|c| *c == t));
                if let Some(gold) = right.filter(|_| !candidates[0].is_empty()) {
                    out.push(Choice { candidates: bounds::features(p, k, &candidates), gold });
                }
            }
        });
    }
    out
}

/// One training example a paragraph of `article`, for the first tagger.
fn examples(article: &TrainingArticle, encoder: Option<&Encoder>) -> Vec<Example> {
    let body = article.text.as_str();
    let read = Reading::of(body);
    paragraph_examples(&read.prepare(body, encoder), &article.spans)
}

/// One training example a paragraph of what `prepared` holds, labelled
/// with the annotated `spans`.
fn paragraph_examples(prepared: &Prepared, spans: &[(Role, Span)]) -> Vec<Example> {
    let gold = gold_labels(prepared.body, prepared.grid, spans);
    let d = prepared.dense.len() / prepared.grid.tokens.len().max(1);
    prepared
        .grid
        .paragraphs
        .iter()
        .map(|p| Example {
            tokens: prepared.features.copy(p.clone()),
            dense: prepared.dense[p.start * d..p.end * d].to_vec(),
            gold: gold[p.clone()].to_vec(),
        })
        .collect()
}

/// Each token's gold label: a token inside a role piece takes the role, the
/// piece's first token `B-`. Where pieces of two relations overlap (rare),
/// the first marked keeps the token.
fn gold_labels(body: &str, grid: &Tokenized, spans: &[(Role, Span)]) -> Vec<usize> {
    let index = CharIndex::new(body);
    let mut labels = vec![0usize; grid.tokens.len()];
    for (role, span) in spans {
        let inside = tokens_inside(grid, index.bytes(*span));
        if labels[inside.clone()].iter().any(|&l| l != 0) {
            continue;
        }
        for t in inside.clone() {
            labels[t] = role.begin_label() + usize::from(t > inside.start);
        }
    }
    labels
}

/// Whether each token is in a rule candidate's content or clause: there
/// the rules' candidate replaces the tagger's ([`crate::merge`]).
fn rule_tokens(grid: &Tokenized, rules: &[Candidate]) -> Vec<bool> {
    let mut ruled = vec![false; grid.tokens.len()];
    for range in rules.iter().flat_map(|c| c.content.iter().chain(&c.clause)) {
        let t = grid.tokens.partition_point(|t| t.end <= range.start);
        let end = grid.tokens.partition_point(|t| t.start < range.end);
        ruled[t..end.max(t)].fill(true);
    }
    ruled
}

/// The tokens wholly inside the byte range `bytes`.
fn tokens_inside(grid: &Tokenized, bytes: Range<usize>) -> Range<usize> {
    let first = grid.tokens.partition_point(|t| t.start < bytes.start);
    let end = grid.tokens.partition_point(|t| t.end <= bytes.end);
    first..end.max(first)
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
    fn a_stacked_file_splits_into_its_two_taggers() {
        let (first, second) = (blank(0).to_bytes(), b"second".to_vec());
        let joined = join_stacked(&first, &second);
        assert_eq!(split_stacked(&joined), Some((first.as_slice(), second.as_slice())));
        assert_eq!(split_stacked(&first), None, "a file of one tagger");
        assert_eq!(split_stacked(&joined[..20]), None, "cut short");
    }

    #[test]
    fn both_tiers_stack_a_second_tagger_and_the_gate_reads_the_fast_first() {
        let fast = SpanTagger::fast().expect("the shipped fast model loads");
        assert!(fast.first.is_some());
        let (first, second) = split_stacked(ACCURATE_MODEL).expect("the accurate file is stacked");
        for bytes in [first, second] {
            assert!(tagger_model(bytes).expect("an accurate tagger loads").dense_dim() > 0);
        }
        let (first, _) = split_stacked(FAST_MODEL).expect("the fast file is stacked");
        assert_eq!(*GATE, Model::from_bytes(first).expect("the first tagger loads"));
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
    fn only_paragraphs_that_may_hold_an_attribution_and_their_neighbours_are_encoded() {
        // The first and the last paragraph may hold an attribution; the third is no neighbour of either.
        let body = "Officials said the dam held. “It will hold,” Ann told us.\nThe river rose overnight.\n\
                    Roads were closed. Schools stayed open.\nShops reopened.\nThe mayor promised help.";
        let read = Reading::of(body);
        let quoted = features::inside_quotations(&read.grid, &read.quotations);
        let features = features::extract(BITS, body, &read.grid, &quoted, &read.rules);
        let encoded = to_encode(body, &read.grid, &quoted, &read.rules, &features);
        assert_eq!(encoded, [true, true, true, false, false, true, true]);
        let regions: Vec<&str> = encoded_regions(&read.sentences, &encoded).into_iter().map(|r| &body[r]).collect();
        assert_eq!(
            regions,
            [
                "Officials said the dam held. “It will hold,” Ann told us.\nThe river rose overnight.",
                "Shops reopened.\nThe mayor promised help."
            ]
        );
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
