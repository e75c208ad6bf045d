//! Contextual token vectors from a pretrained encoder, and fine-tuning it to label tokens.
//!
//! [`Encoder`] runs all-MiniLM-L6-v2, a 6-layer uncased BERT 384 wide, on the
//! CPU in one thread: callers parallelise across documents, sharing one
//! `Encoder`. [`Encoder::token_vectors`] takes a text with the byte ranges of
//! the caller's own tokens (and sentences) and returns one vector per token at
//! each layer asked for, so one pass over a document serves every head (quote
//! tagging, entities, events), each reading the layer that suits it; the
//! middle layers are often better features than the last, and cheaper.
//!
//! [`tune_top`] fine-tunes the layers above a chosen one, with a linear head
//! over a caller's labels, on the CPU (backpropagation written out in
//! `tune.rs`); [`Encoder::with_top`] puts the result in place of the
//! checkpoint's layers, and [`TunedTop::logits`] scores a token's vector.
//!
//! The model files are too big for the repository: `crates/encoder/setup.sh`
//! fetches them into `models/minilm-l6`, where [`Encoder::locate`] finds them.

mod clusters;
mod int16;
mod model;
mod safetensors;
mod tokenizer;
mod tune;
mod unicode_tables;
mod windows;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use clusters::word_clusters;
use model::Bert;
use safetensors::Tensors;
pub use tokenizer::{Tokenizer, WordPiece};
pub use tune::{tune_top, TuneConfig, TuneText, TunedTop};
use windows::Window;

/// Rows (wordpieces) run through the model together: enough for the matrix
/// products to run at full speed, few enough to keep the buffers small (the
/// feed-forward one is 1536 floats a row).
const BATCH_ROWS: usize = 1024;

/// A model file that is missing or unusable.
#[derive(Debug)]
pub struct EncoderError {
    pub path: PathBuf,
    pub problem: String,
}

impl EncoderError {
    fn new(path: &Path, problem: impl Into<String>) -> EncoderError {
        EncoderError { path: path.to_path_buf(), problem: problem.into() }
    }
}

impl fmt::Display for EncoderError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}: {}. Run crates/encoder/setup.sh to fetch the encoder model into models/minilm-l6 \
             (remove a damaged copy first), or set NEWSGRAPH_ENCODER to a directory holding it.",
            self.path.display(),
            self.problem
        )
    }
}

impl std::error::Error for EncoderError {}

/// The tokenizer and weights of the encoder, read once and then shared.
pub struct Encoder {
    tokenizer: Tokenizer,
    bert: Bert,
    window: usize,
    /// Layers tuned for a head, in place of the model's own ([`Encoder::with_top`]).
    top: Option<TunedTop>,
}

impl Encoder {
    /// Wordpieces a window holds by default, `[CLS]` and `[SEP]` included.
    /// Attention costs grow with its square; 128 holds a few sentences of news.
    pub const DEFAULT_WINDOW: usize = 128;

    /// Where the model is: `$NEWSGRAPH_ENCODER` if set, else `models/minilm-l6`
    /// in this workspace if it exists.
    pub fn locate() -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os("NEWSGRAPH_ENCODER") {
            return Some(dir.into());
        }
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/minilm-l6").canonicalize().ok()
    }

    /// Reads `vocab.txt`, `config.json` and `model.safetensors` from `dir`.
    /// On CPUs with AVX2 and FMA the projection and feed-forward products round
    /// their inputs and weights to 16-bit integers (a step of 1/2047 of each
    /// row's and column's largest value): about 1.4 times as fast, and the
    /// outputs move by up to a few thousandths (the attention products stay
    /// `f32`).
    pub fn load(dir: &Path) -> Result<Encoder, EncoderError> {
        Encoder::load_with(dir, true)
    }

    /// [`Encoder::load`] with every product in `f32`, as the reference
    /// computes it (to within 1e-4).
    pub fn load_with_f32_products(dir: &Path) -> Result<Encoder, EncoderError> {
        Encoder::load_with(dir, false)
    }

    /// [`Encoder::load`] with layers tuned by [`tune_top`] in place of the
    /// checkpoint's: `top` is a file of [`TunedTop::to_bytes`], the changes
    /// to the checkpoint's weights in `dir`.
    pub fn load_tuned(dir: &Path, top: &[u8]) -> Result<Encoder, EncoderError> {
        let (encoder, tensors) = Encoder::read(dir, true)?;
        let weights = dir.join("model.safetensors");
        let problem = |e: String| EncoderError::new(&weights, format!("its tuned layers: {e}"));
        let top = TunedTop::from_bytes(top, &tensors).map_err(problem)?;
        encoder.with_top(top).map_err(problem)
    }

    fn load_with(dir: &Path, int16: bool) -> Result<Encoder, EncoderError> {
        Encoder::read(dir, int16).map(|(encoder, _)| encoder)
    }

    /// The encoder in `dir`, and the checkpoint's tensors it was read from
    /// (tuning starts from them, and a tuned file is a change to them).
    fn read(dir: &Path, int16: bool) -> Result<(Encoder, Tensors), EncoderError> {
        let vocab_path = dir.join("vocab.txt");
        let vocab = std::fs::read_to_string(&vocab_path).map_err(|e| EncoderError::new(&vocab_path, e.to_string()))?;
        let tokenizer = Tokenizer::from_vocab(&vocab).map_err(|e| EncoderError::new(&vocab_path, e))?;
        let tensors = Tensors::read(&dir.join("model.safetensors"))?;
        let bert = Bert::load(&dir.join("config.json"), &tensors, int16)?;
        if tokenizer.vocab_size() != bert.vocab() {
            let problem = format!("{} entries, but the model has {}", tokenizer.vocab_size(), bert.vocab());
            return Err(EncoderError::new(&vocab_path, problem));
        }
        let window = Encoder::DEFAULT_WINDOW.min(bert.max_positions());
        Ok((Encoder { tokenizer, bert, window, top: None }, tensors))
    }

    /// The same encoder with windows of at most `pieces` wordpieces,
    /// `[CLS]` and `[SEP]` included (at least 6, at most the model's 512 positions).
    pub fn with_window(self, pieces: usize) -> Encoder {
        assert!((6..=self.bert.max_positions()).contains(&pieces), "window of {pieces} pieces");
        Encoder { window: pieces, ..self }
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Length of every vector (384).
    pub fn dim(&self) -> usize {
        self.bert.hidden()
    }

    /// Number of transformer layers (6).
    pub fn depth(&self) -> usize {
        self.bert.depth()
    }

    /// Vectors for `tokens` (byte ranges into `text`) at each of `layers`: 0 is
    /// the embeddings, `1..=depth()` the output of that transformer layer; the
    /// model runs only as deep as the deepest one asked for.
    ///
    /// A token's vector is the mean of the wordpieces overlapping it; a token
    /// no wordpiece overlaps (whitespace, control characters) gets zeros.
    /// `sentences` (byte ranges) are where windows may begin: whole
    /// sentences are packed into windows, and one longer than a window is cut
    /// into overlapping windows. Without sentences the text is cut that way.
    pub fn token_vectors(
        &self,
        text: &str,
        sentences: &[Range<usize>],
        tokens: &[Range<usize>],
        layers: &[usize],
    ) -> TokenVectors {
        self.token_vectors_in(text, std::slice::from_ref(&(0..text.len())), sentences, tokens, layers)
    }

    /// [`Encoder::token_vectors`] for only the parts `regions` (sorted,
    /// disjoint byte ranges of `text`) of the text: each region is encoded as
    /// if it were a text of its own, so no window reaches across two, and
    /// tokens outside every region get zeros. A caller that needs vectors for
    /// a few sentences of a long text pays for those alone.
    pub fn token_vectors_in(
        &self,
        text: &str,
        regions: &[Range<usize>],
        sentences: &[Range<usize>],
        tokens: &[Range<usize>],
        layers: &[usize],
    ) -> TokenVectors {
        let depth = layers.iter().copied().max().expect("no layer asked for");
        assert!(depth <= self.depth(), "layer {depth} asked for, but the model has {}", self.depth());
        let (h, n_tokens) = (self.dim(), tokens.len());
        let mut data = vec![0.0; layers.len() * n_tokens * h];
        let windows = self.plan(text, regions, sentences, tokens);
        self.run_windows(&windows, depth, |batch, layer, states| {
            for (k, _) in layers.iter().enumerate().filter(|&(_, &l)| l == layer) {
                let out = &mut data[k * n_tokens * h..(k + 1) * n_tokens * h];
                let mut first_row = 0;
                for window in batch {
                    for link in &window.links {
                        let vector = &states[(first_row + link.row) * h..][..h];
                        let sum = &mut out[link.token * h..(link.token + 1) * h];
                        sum.iter_mut().zip(vector).for_each(|(s, v)| *s += link.weight * v);
                    }
                    first_row += window.ids.len();
                }
            }
        });
        TokenVectors { dim: h, tokens: n_tokens, layers: layers.to_vec(), data }
    }

    /// Runs the model `depth` layers deep over `windows`, in batches of
    /// whole windows up to [`BATCH_ROWS`] rows: `visit(batch, layer, states)`
    /// sees each batch's stacked rows after each layer.
    fn run_windows(
        &self,
        windows: &[PlannedWindow],
        depth: usize,
        mut visit: impl FnMut(&[PlannedWindow], usize, &[f32]),
    ) {
        let mut start = 0;
        while start < windows.len() {
            let mut end = start + 1;
            let mut rows = windows[start].ids.len();
            while end < windows.len() && rows + windows[end].ids.len() <= BATCH_ROWS {
                rows += windows[end].ids.len();
                end += 1;
            }
            let batch = &windows[start..end];
            let ids: Vec<&[u32]> = batch.iter().map(|w| w.ids.as_slice()).collect();
            self.bert.forward(&ids, depth, |layer, states| visit(batch, layer, states));
            start = end;
        }
    }

    /// The windows the model reads for `tokens` in `regions` of `text`
    /// ([`Encoder::token_vectors_in`]), each with the rows its owned pieces
    /// give to each token.
    fn plan(
        &self,
        text: &str,
        regions: &[Range<usize>],
        sentences: &[Range<usize>],
        tokens: &[Range<usize>],
    ) -> Vec<PlannedWindow> {
        let pieces = self.tokenizer.tokenize(text);
        // Each (piece, token) overlap, sorted by piece, and each token's share of its pieces.
        let mut links = Vec::new();
        let mut weights = vec![0.0f32; tokens.len()];
        for (t, range) in tokens.iter().enumerate().filter(|(_, r)| !r.is_empty()) {
            let first = pieces.partition_point(|p| p.bytes.end <= range.start);
            let overlapping = pieces[first..].iter().take_while(|p| p.bytes.start < range.end).count();
            links.extend((first..first + overlapping).map(|p| (p, t)));
            weights[t] = 1.0 / overlapping.max(1) as f32;
        }
        links.sort_unstable();

        let mut starts: Vec<usize> =
            sentences.iter().map(|s| pieces.partition_point(|p| p.bytes.start < s.start)).collect();
        starts.sort_unstable();
        starts.dedup();
        regions
            .iter()
            .flat_map(|r| {
                let first = pieces.partition_point(|p| p.bytes.start < r.start);
                let end = pieces.partition_point(|p| p.bytes.start < r.end);
                windows::plan(first..end, &starts, self.window - 2)
            })
            .map(|window: Window| {
                let mut ids = Vec::with_capacity(window.pieces.len() + 2);
                ids.push(self.tokenizer.cls());
                ids.extend(pieces[window.pieces.clone()].iter().map(|p| p.id));
                ids.push(self.tokenizer.sep());
                let lo = links.partition_point(|&(p, _)| p < window.owned.start);
                let hi = links.partition_point(|&(p, _)| p < window.owned.end);
                // Row 0 of a window is [CLS].
                let links = links[lo..hi]
                    .iter()
                    .map(|&(p, t)| Link { row: 1 + p - window.pieces.start, token: t, weight: weights[t] })
                    .collect();
                PlannedWindow { ids, links }
            })
            .collect()
    }
}

/// A window as the model reads it, and what its rows give to the caller's tokens.
struct PlannedWindow {
    /// Wordpiece ids, `[CLS]` and `[SEP]` included.
    ids: Vec<u32>,
    /// The rows of the pieces the window owns, each with a token it overlaps.
    links: Vec<Link>,
}

/// A row's share of a token's vector: the token's vector is the sum over its
/// links of `weight` times the row's vector.
#[derive(Clone, Copy)]
struct Link {
    row: usize,
    token: usize,
    weight: f32,
}

/// One vector per token at each of several layers.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenVectors {
    dim: usize,
    tokens: usize,
    layers: Vec<usize>,
    /// `layers × tokens × dim`, so that each layer is one matrix.
    data: Vec<f32>,
}

impl TokenVectors {
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens
    }

    pub fn is_empty(&self) -> bool {
        self.tokens == 0
    }

    /// The layers held, in the order they were asked for.
    pub fn layers(&self) -> &[usize] {
        &self.layers
    }

    /// Every token's vector at `layer`: a row-major `len() × dim()` matrix.
    pub fn layer(&self, layer: usize) -> &[f32] {
        let k = self.layers.iter().position(|&l| l == layer);
        let k = k.unwrap_or_else(|| panic!("layer {layer} not kept (kept: {:?})", self.layers));
        let size = self.tokens * self.dim;
        &self.data[k * size..(k + 1) * size]
    }

    /// The vector of `token` at `layer`.
    pub fn vector(&self, token: usize, layer: usize) -> &[f32] {
        &self.layer(layer)[token * self.dim..(token + 1) * self.dim]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_encoder_can_be_shared_across_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Encoder>();
    }

    #[test]
    fn a_missing_model_names_the_file_and_the_setup_script() {
        let error = Encoder::load(Path::new("/nonexistent/minilm")).err().unwrap().to_string();
        assert!(error.starts_with("/nonexistent/minilm/vocab.txt: "), "{error}");
        assert!(error.contains("crates/encoder/setup.sh"), "{error}");
    }
}
