//! The learned quote tagger, behind the fast and accurate tiers.
//!
//! Every token of a paragraph gets one of seven labels, BIO over the three
//! roles PolNeAR annotates (source, cue, content); PolNeAR's roles never
//! nest, so one flat label sequence loses nothing. The labels come from an
//! averaged structured perceptron ([`newsgraph_learn`]) over the features of
//! [`features`], decoded per paragraph so that a content span may run across
//! sentences (`“A. B,” she said`). Each tier tags twice: a second
//! perceptron reads the first one's labels around each token as well
//! ([`stacked`]). In the fast tier a ranker ([`bounds`]) re-chooses the
//! boundaries of each content span among clause boundaries around it, as
//! labelling token by token places them badly. [`relations`] then ties
//! each content and source span to a cue and hands the result to
//! resolution as ordinary [`Candidate`]s, so speakers, outlets and
//! continuations work exactly as for the rules. The accurate tier runs the same taggers, and adds to
//! their scores a fine-tuned MiniLM's log-probability of each label
//! ([`Prepared::prior`]); its spans need no ranker.

mod bounds;
mod features;
mod relations;
mod stacked;

use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use newsgraph_doc::{CharIndex, Span};
use newsgraph_encoder::{tune_top, Encoder, TuneConfig, TuneText};
use newsgraph_learn::{in_parallel, Choice, Example, FeatureRows, Model, ModelError, TrainConfig};

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
/// The fast tier's content boundary ranker ([`bounds`]), from `newsgraph
/// train quote-bounds`: trained on the spans of stacked fast taggers (the
/// README has its figures).
const BOUNDS_MODEL: &[u8] = include_bytes!("../../models/quotes-bounds.bin");
/// The accurate tier's fine-tuned encoder and label head, as changes to
/// the checkpoint's weights, from `newsgraph train quote-encoder`
/// ([`train_encoder`]).
const ENCODER_TOP: &[u8] = include_bytes!("../../models/quotes-encoder.bin");

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
    /// The accurate tier's second opinion: each token's log-probability of
    /// each label by the fine-tuned encoder's head, one token after another
    /// (empty in the fast tier; zeros for tokens not encoded).
    prior: Vec<f32>,
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
    let prior = encoder.map_or_else(Vec::new, |e| {
        let regions = encoded_regions(sentences, &to_encode(body, grid, &quoted, rules, &features));
        label_prior(e, body, &regions, sentences, grid)
    });
    let ruled = rule_tokens(grid, rules);
    Prepared { body, grid, quoted, ruled, quotations, features, prior }
}

/// Weight of the encoder head's log-probabilities ([`Prepared::prior`])
/// against the taggers' scores. PolNeAR dev relation F1 with the fine-tuned
/// encoder of session 12: 100 gives 0.515, 200 0.528, 500 0.526, 1,500
/// 0.515; the head alone (100,000) 0.502.
const PRIOR_WEIGHT: f32 = 200.0;

/// What opening a span costs the final tagger's decoding, against its
/// scores (and the accurate tier's weighted prior): both tiers find more
/// spans than PolNeAR marks, with precision above recall in every role, and
/// the spans they lose to this cost are mostly wrong. PolNeAR dev exact F1
/// content / source / cue and relation F1 (session 14): fast tier, 0 gives
/// 0.574 / 0.725 / 0.689 and 0.472, 100 gives 0.576 / 0.728 / 0.693 and
/// 0.476 (in the sweep, 30, 60, 150, 200 and 300 gave relation 0.475,
/// 0.476, 0.475, 0.478 and 0.475); accurate tier, 0 gives 0.640 / 0.798 /
/// 0.745 and 0.550, 100 gives 0.642 / 0.801 / 0.748 and 0.553 (150 and
/// 200: 0.554 and 0.552). One value serves both tiers.
const SPAN_PENALTY: f32 = 100.0;

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

/// Whether each sentence may hold an attribution, as the accurate tier
/// decides what to encode: the lexicon, quotation marks or the rules say so
/// ([`features::may_attribute`]), or the fast tier's tagger marks a role in
/// it (PolNeAR's cues reach well beyond the lexicon: `believes`, `according
/// to`, `a poll shows`). Elsewhere the taggers decide alone. Encoding the
/// whole paragraph of each such sentence and the paragraphs beside it, as
/// in training ([`around_marked`]), gave PolNeAR dev relation F1 0.527
/// against 0.526, and the paragraph alone 0.528, but WCXB ingest with two
/// jobs 6.7 and 9.0 pages/s against 13.9 (session 12).
fn to_encode(body: &str, grid: &Tokenized, quoted: &[bool], rules: &[Candidate], features: &FeatureRows) -> Vec<bool> {
    let mut marked = features::may_attribute(body, grid, quoted, rules);
    for paragraph in &grid.paragraphs {
        let labels = GATE.decode(features.slice(paragraph.clone()));
        for (t, _) in labels.iter().enumerate().filter(|&(_, &label)| label != 0) {
            marked[grid.sentence_of[paragraph.start + t]] = true;
        }
    }
    marked
}

/// The paragraphs holding a `marked` sentence and those beside them, which
/// the encoder is tuned on: more text, and the context that often names a
/// source, than the marked sentences alone.
fn around_marked(grid: &Tokenized, marked: &[bool]) -> Vec<bool> {
    let sentences: Vec<Range<usize>> = grid
        .paragraphs
        .iter()
        .map(|p| if p.is_empty() { 0..0 } else { grid.sentence_of[p.start]..grid.sentence_of[p.end - 1] + 1 })
        .collect();
    let hit: Vec<bool> = sentences.iter().map(|s| marked[s.clone()].contains(&true)).collect();
    let mut around = marked.to_vec();
    for (p, s) in sentences.iter().enumerate() {
        if hit[p.saturating_sub(1)..(p + 2).min(hit.len())].contains(&true) {
            around[s.clone()].fill(true);
        }
    }
    around
}

/// The byte ranges the encoder reads: each run of consecutive `sentences`
/// marked in `encode`. Most sentences of a web page hold no attribution,
/// and the encoder's opinion of them would change little, so they are not
/// encoded.
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

/// The tuned head's log-probability of each label for each of the grid's
/// tokens in `regions` ([`Prepared::prior`]); zeros elsewhere.
fn label_prior(
    encoder: &Encoder,
    body: &str,
    regions: &[Range<usize>],
    sentences: &[Range<usize>],
    grid: &Tokenized,
) -> Vec<f32> {
    let top = encoder.top().expect("the accurate tier's encoder has its tuned head");
    let layer = top.top_layer();
    let vectors = encoder.token_vectors_in(body, regions, sentences, &grid.tokens, &[layer]);
    let mut prior = Vec::with_capacity(grid.tokens.len() * LABELS.len());
    for t in 0..grid.tokens.len() {
        let v = vectors.vector(t, layer);
        if v.iter().all(|&x| x == 0.0) {
            prior.extend([0.0; LABELS.len()]);
            continue;
        }
        let logits = top.logits(v);
        let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let log_sum = logits.iter().map(|l| (l - max).exp()).sum::<f32>().ln() + max;
        prior.extend(logits.iter().map(|l| l - log_sum));
    }
    prior
}

/// Labels tokens with attribution roles and turns the spans into candidates.
pub struct SpanTagger {
    /// The tagger whose labels `model` reads ([`stacked`]), if stacked.
    first: Option<Model>,
    model: Model,
    /// Re-chooses the boundaries of each content span ([`bounds`]); `None`
    /// with an encoder. The ranker learnt from the fast taggers' spans and
    /// scores, and the encoder's log-probabilities place boundaries better
    /// than it would: in the accurate tier without it, PolNeAR dev exact
    /// F1 content 0.6303 → 0.6305, cue 0.7432 → 0.7439, relation 0.532 →
    /// 0.535, GGT dev F1 at 0.8 0.870 → 0.871 (session 13).
    bounds: Option<Model>,
    /// The accurate tier's fine-tuned encoder; `None` for the fast tier.
    encoder: Option<Encoder>,
}

impl SpanTagger {
    /// The fast tier's model, shipped in the binary.
    pub fn fast() -> Result<SpanTagger, ModelError> {
        SpanTagger::from_bytes(FAST_MODEL, None)
    }

    /// The accurate tier: the fast tier's taggers with the fine-tuned
    /// encoder, whose base weights are found by [`Encoder::locate`].
    pub fn accurate() -> Result<SpanTagger, ModelError> {
        SpanTagger::from_bytes(FAST_MODEL, Some(load_encoder()?))
    }

    /// Taggers from `newsgraph train quotes`, with the accurate tier's
    /// encoder ([`load_encoder`]) or none. The shipped boundary ranker
    /// re-chooses their content spans' boundaries.
    pub fn from_bytes(bytes: &[u8], encoder: Option<Encoder>) -> Result<SpanTagger, ModelError> {
        let (first, model) = match split_stacked(bytes) {
            Some((first, second)) => (Some(tagger_model(first)?), tagger_model(second)?),
            None => (None, tagger_model(bytes)?),
        };
        if encoder.as_ref().is_some_and(|e| e.top().is_none_or(|t| t.labels() != LABELS.len())) {
            return Err(ModelError("the encoder has no head over the quote tagger's labels".into()));
        }
        let bounds = match encoder {
            Some(_) => None,
            None => {
                let ranker = Model::from_bytes(BOUNDS_MODEL)?;
                if !newsgraph_learn::is_ranker(&ranker) || ranker.bits() != bounds::BITS {
                    return Err(ModelError("the shipped content boundary ranker is not of this version".into()));
                }
                Some(ranker)
            }
        };
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
            spans.extend(tagged(&self.model, &prepared, paragraph, SPAN_PENALTY, |p| match &self.bounds {
                Some(ranker) => bounds::rerank(ranker, p),
                None => p.spans.to_vec(),
            }));
        }
        relations::candidates(body, prepared.grid, prepared.quotations, &spans)
    }

    /// Whether this tagger's reported speech should replace the rules' where
    /// both find it ([`crate::merge`]): so for the accurate tier, whose
    /// fine-tuned encoder bounds it better. PolNeAR dev with the encoder of
    /// session 12: source exact F1 0.780 → 0.791, relation 0.526 → 0.532,
    /// GGT F1 at 0.8 0.875 → 0.870. The fast tier's taggers do worse than
    /// the rules there (content 0.567 → 0.558).
    pub fn bounds_reported_speech(&self) -> bool {
        self.encoder.is_some()
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
    /// Adds the encoder head's log-probabilities ([`Prepared::prior`]),
    /// weighted, to a tagger's emissions for `paragraph`: the two opinions
    /// multiplied, as a product of experts. Both taggers take them, so the
    /// second reads the first's labels as the prior moved them (PolNeAR
    /// dev relation F1 0.512 against 0.500 for the second alone, with a
    /// two-layer tuned top of session 12).
    fn add_prior(&self, paragraph: &Range<usize>, emissions: &mut [f32]) {
        if self.prior.is_empty() {
            return;
        }
        let n = LABELS.len();
        let prior = &self.prior[paragraph.start * n..paragraph.end * n];
        emissions.iter_mut().zip(prior).for_each(|(e, p)| *e += PRIOR_WEIGHT * p);
    }

    /// Adds to each token's features what `first` made of it ([`stacked`]).
    fn stack(&mut self, first: &Model) {
        let n = self.grid.tokens.len();
        let mut level = stacked::FirstLevel { labels: vec![0; n], margins: vec![0.0; n] };
        let labels = LABELS.len();
        for paragraph in &self.grid.paragraphs {
            let mut emissions = first.emissions(self.features.slice(paragraph.clone()));
            self.add_prior(paragraph, &mut emissions);
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

/// `f` of `paragraph` as `model` tags it, opening each span at
/// `span_penalty` ([`SPAN_PENALTY`]): the role spans it finds there (in
/// body token indices) with its scores, for [`bounds`] to read.
fn tagged<R>(
    model: &Model,
    prepared: &Prepared,
    paragraph: &Range<usize>,
    span_penalty: f32,
    f: impl FnOnce(&bounds::Paragraph) -> R,
) -> R {
    let mut emissions = model.emissions(prepared.features.slice(paragraph.clone()));
    prepared.add_prior(paragraph, &mut emissions);
    for scores in emissions.chunks_mut(LABELS.len()) {
        for role in [Role::Source, Role::Cue, Role::Content] {
            scores[role.begin_label()] -= span_penalty;
        }
    }
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

/// The accurate tier's encoder: MiniLM's weights (found by
/// [`Encoder::locate`]) with the shipped fine-tuning ([`ENCODER_TOP`]), or
/// an error saying how to get them.
pub fn load_encoder() -> Result<Encoder, ModelError> {
    let dir = Encoder::locate().ok_or_else(|| {
        ModelError(
            "the accurate tier needs the MiniLM encoder: run crates/encoder/setup.sh, or set NEWSGRAPH_ENCODER to its directory"
                .into(),
        )
    })?;
    Encoder::load_tuned(&dir, ENCODER_TOP).map_err(|e| ModelError(e.to_string()))
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

/// Fits the learned tiers' taggers to `articles` and returns them as
/// bytes. Articles are prepared (features) on `threads` threads; then `seeds` taggers,
/// each visiting the examples in its own order (seeds from `config.seed`
/// on), are trained side by side and averaged
/// ([`newsgraph_learn::train_seeds`]). The file holds a second tagger as
/// well, trained likewise on the first's labels ([`stacked_examples`]).
/// Deterministic.
/// `progress(epoch, token_accuracy)` reports the first seed's epochs of each tagger.
pub fn train(
    articles: &[TrainingArticle],
    threads: usize,
    (config, seeds): (&TrainConfig, usize),
    mut progress: impl FnMut(usize, f64),
) -> Vec<u8> {
    let examples = in_parallel(articles, threads, examples);
    let first = newsgraph_learn::train_seeds(blank(), &examples.concat(), config, seeds, &mut progress);
    let firsts = fold_taggers(&examples, threads, config);
    let stacked = stacked_examples(articles, &firsts, threads);
    drop(examples);
    let second = newsgraph_learn::train_seeds(blank(), &stacked.concat(), config, seeds, progress);
    join_stacked(&first.to_bytes(), &second.to_bytes())
}

/// Layers of all-MiniLM-L6-v2, all of which the accurate tier tunes.
const ENCODER_DEPTH: usize = 6;

/// How the accurate tier's encoder is tuned ([`train_encoder`]): every
/// layer above the embeddings. PolNeAR dev relation F1 of the accurate tier
/// of session 12 (3 epochs): layer 4 alone above frozen layers 1 to 3
/// (which a perceptron also read) 0.512, layers 4 to 6 0.508, all six
/// 0.528 with the fast tier's taggers.
pub fn encoder_tune_config(epochs: usize, seed: u64, threads: usize) -> TuneConfig {
    TuneConfig {
        base: 0,
        layers: ENCODER_DEPTH,
        labels: LABELS.len(),
        epochs,
        windows_per_step: 16,
        learning_rate: 1e-4,
        head_learning_rate: 1e-3,
        seed,
        threads,
    }
}

/// Tunes the encoder in `dir` with a head over the tagger's labels on the
/// tokens of `articles` around those the accurate tier encodes
/// ([`around_marked`]); returns
/// it as bytes (changes to the checkpoint's weights).
pub fn train_encoder(
    articles: &[TrainingArticle],
    dir: &Path,
    config: &TuneConfig,
    progress: impl FnMut(usize, f64, f64),
) -> Result<Vec<u8>, ModelError> {
    let readings = in_parallel(articles, config.threads, |a| Reading::of(&a.text));
    let texts: Vec<TuneText> = articles
        .iter()
        .zip(&readings)
        .map(|(article, read)| {
            let body = article.text.as_str();
            let prepared = read.prepare(body);
            let marked = to_encode(body, &read.grid, &prepared.quoted, &read.rules, &prepared.features);
            let encode = around_marked(&read.grid, &marked);
            TuneText {
                text: body,
                regions: encoded_regions(&read.sentences, &encode),
                sentences: read.sentences.clone(),
                tokens: read.grid.tokens.clone(),
                labels: gold_labels(body, &read.grid, &article.spans).into_iter().map(|l| Some(l as u8)).collect(),
            }
        })
        .collect();
    let top = tune_top(dir, &texts, config, progress).map_err(|e| ModelError(e.to_string()))?;
    Ok(top.to_bytes())
}

/// A quote tagger before training.
fn blank() -> Model {
    Model::new(&LABELS, BITS, allowed)
}

/// The second tagger's examples of each article ([`stacked`]): the
/// article's features with the labels its part's tagger of `firsts`
/// ([`fold_taggers`]) gives it, since at run time the first tagger has never
/// seen the article either.
fn stacked_examples(articles: &[TrainingArticle], firsts: &[Model], threads: usize) -> Vec<Vec<Example>> {
    let indexed: Vec<(usize, &TrainingArticle)> = articles.iter().enumerate().collect();
    in_parallel(&indexed, threads, |&(a, article)| {
        let body = article.text.as_str();
        let read = Reading::of(body);
        let mut prepared = read.prepare(body);
        prepared.stack(&firsts[a % FOLDS]);
        paragraph_examples(&prepared, &article.spans)
    })
}

/// One tagger for each part of [`FOLDS`] (article `a` is in part `a %
/// FOLDS`), trained as `config` says on the `examples` of the other
/// parts, on `threads` threads.
fn fold_taggers(examples: &[Vec<Example>], threads: usize, config: &TrainConfig) -> Vec<Model> {
    let folds: Vec<usize> = (0..FOLDS).collect();
    in_parallel(&folds, threads, |&k| {
        let training: Vec<Example> =
            examples.iter().enumerate().filter(|(a, _)| a % FOLDS != k).flat_map(|(_, e)| e.iter().cloned()).collect();
        newsgraph_learn::train(blank(), &training, config, |_, _| {})
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
/// The fast tier stacks its taggers and so is the ranker trained: on single
/// taggers' spans instead, it gave PolNeAR dev relation F1 0.004 less.
pub fn train_bounds(
    articles: &[TrainingArticle],
    threads: usize,
    (tagger, ranker): (&TrainConfig, &TrainConfig),
    mut progress: impl FnMut(String),
) -> Vec<u8> {
    let examples = in_parallel(articles, threads, examples);
    let firsts = fold_taggers(&examples, threads, tagger);
    let seconds = fold_taggers(&stacked_examples(articles, &firsts, threads), threads, tagger);
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

    /// As the fast tier prepares it: training reads no encoder.
    fn prepare<'a>(&'a self, body: &'a str) -> Prepared<'a> {
        prepare(body, &self.grid, &self.sentences, &self.quotations, &self.rules, None)
    }
}

/// The ranker's lessons from one article tagged by `model` stacked on
/// `first`, without [`SPAN_PENALTY`] (with it, the retrained ranker gave
/// PolNeAR dev content exact F1 0.574 against 0.576, relation 0.473
/// against 0.477, session 14): for each
/// content span it re-chooses ([`bounds::Paragraph::open`]) that overlaps
/// an annotated one, its alternatives and which of them is the annotated
/// piece it overlaps most (spans whose annotated piece is no alternative
/// teach nothing).
fn choices((first, model): (&Model, &Model), article: &TrainingArticle) -> Vec<Choice> {
    let body = article.text.as_str();
    let read = Reading::of(body);
    let mut prepared = read.prepare(body);
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
        tagged(model, &prepared, paragraph, 0.0, |p| {
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
fn examples(article: &TrainingArticle) -> Vec<Example> {
    let body = article.text.as_str();
    let read = Reading::of(body);
    paragraph_examples(&read.prepare(body), &article.spans)
}

/// One training example a paragraph of what `prepared` holds, labelled
/// with the annotated `spans`.
fn paragraph_examples(prepared: &Prepared, spans: &[(Role, Span)]) -> Vec<Example> {
    let gold = gold_labels(prepared.body, prepared.grid, spans);
    prepared
        .grid
        .paragraphs
        .iter()
        .map(|p| Example { tokens: prepared.features.copy(p.clone()), gold: gold[p.clone()].to_vec() })
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
        let (first, second) = (blank().to_bytes(), b"second".to_vec());
        let joined = join_stacked(&first, &second);
        assert_eq!(split_stacked(&joined), Some((first.as_slice(), second.as_slice())));
        assert_eq!(split_stacked(&first), None, "a file of one tagger");
        assert_eq!(split_stacked(&joined[..20]), None, "cut short");
    }

    #[test]
    fn the_tagger_is_stacked_and_the_gate_reads_its_first() {
        let fast = SpanTagger::fast().expect("the shipped fast model loads");
        assert!(fast.first.is_some());
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
    fn sentences_that_may_hold_an_attribution_are_encoded_and_tuned_on_with_their_paragraphs_and_neighbours() {
        // The first and the last paragraph may hold an attribution; the third is no neighbour of either.
        let body = "Officials said the dam held. “It will hold,” Ann told us.\nThe river rose overnight.\n\
                    Roads were closed. Schools stayed open.\nShops reopened.\nThe mayor promised help.";
        let read = Reading::of(body);
        let quoted = features::inside_quotations(&read.grid, &read.quotations);
        let features = features::extract(BITS, body, &read.grid, &quoted, &read.rules);
        let marked = to_encode(body, &read.grid, &quoted, &read.rules, &features);
        assert_eq!(marked, [true, true, false, false, false, false, true]);
        let encoded = around_marked(&read.grid, &marked);
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
