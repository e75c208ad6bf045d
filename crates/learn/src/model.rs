//! A trained sequence model: weights, transitions, constrained Viterbi, and
//! the file format it is saved in.

use std::fmt;

use crate::FeatureSlice;

const MAGIC: &[u8] = b"NGSEQ2\n";

/// Per-label weights for every feature bucket plus label-pair scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub(crate) labels: Vec<String>,
    pub(crate) bits: u32,
    pub(crate) weights: Weights,
    /// Length of each token's dense vector (0 for sparse features only).
    pub(crate) dense_dim: usize,
    /// `label * dense_dim + component`: a linear score of the dense vector.
    pub(crate) dense: Vec<f32>,
    /// `previous * labels + label`; row `labels` is the sequence start.
    pub(crate) transitions: Vec<f32>,
    /// Same layout as `transitions`: may `label` follow `previous`?
    pub(crate) allowed: Vec<bool>,
}

/// The feature weights: floats while training, the file's 16-bit values
/// once loaded.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Weights {
    /// `bucket * labels + label`.
    Float(Vec<f32>),
    /// Sums stay integers until the end, so they are exact.
    Quantized { rows: QuantizedRows, scale: f32 },
}

/// One cache line of 16-bit weights, aligned as one.
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(C, align(64))]
struct Line([i16; LINE]);

const LINE: usize = 32;

/// A bucket's 16-bit weights, `stride` (8 or 16) to a row, rows packed into
/// aligned cache lines so that no row straddles two: decoding is bound by
/// fetching rows, one a feature, from a table of megabytes, and a
/// `Vec<i16>` of that size starts wherever the allocator puts it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QuantizedRows {
    lines: Vec<Line>,
    stride: usize,
}

impl QuantizedRows {
    /// Zero rows for `buckets` buckets of `labels` weights each.
    fn zeros(buckets: usize, labels: usize) -> QuantizedRows {
        let stride = labels.div_ceil(8) * 8;
        debug_assert!(LINE.is_multiple_of(stride), "a row never crosses a line");
        QuantizedRows { lines: vec![Line([0; LINE]); (buckets * stride).div_ceil(LINE)], stride }
    }

    fn buckets(&self) -> usize {
        self.lines.len() * LINE / self.stride
    }

    /// All `stride` weights of `bucket`, the labels' first and zeros after.
    fn row(&self, bucket: usize) -> &[i16] {
        let at = bucket * self.stride;
        &self.lines[at / LINE].0[at % LINE..at % LINE + self.stride]
    }

    fn row_mut(&mut self, bucket: usize) -> &mut [i16] {
        let at = bucket * self.stride;
        &mut self.lines[at / LINE].0[at % LINE..at % LINE + self.stride]
    }
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for ModelError {}

impl Model {
    /// An untrained model: all weights zero. Tokens carry hashed features
    /// into `2^bits` buckets and, if `dense_dim > 0`, a dense vector of that
    /// length (an encoder's output, say). `allowed(previous, label)` says
    /// which transitions may occur, `previous == None` at the start.
    pub fn new(labels: &[&str], bits: u32, dense_dim: usize, allowed: impl Fn(Option<usize>, usize) -> bool) -> Model {
        let n = labels.len();
        let mut allow = vec![false; (n + 1) * n];
        for prev in 0..=n {
            for label in 0..n {
                allow[prev * n + label] = allowed((prev < n).then_some(prev), label);
            }
        }
        Model {
            labels: labels.iter().map(|s| s.to_string()).collect(),
            bits,
            weights: Weights::Float(vec![0.0; (1usize << bits) * n]),
            dense_dim,
            dense: vec![0.0; n * dense_dim],
            transitions: vec![0.0; (n + 1) * n],
            allowed: allow,
        }
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Hash width: feature lists for this model are built with `Features::new(bits)`.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Length of the dense vector each token must come with (0: none).
    pub fn dense_dim(&self) -> usize {
        self.dense_dim
    }

    /// The float weights, converting quantised ones (to train on from a loaded model).
    pub(crate) fn float_weights(&mut self) -> &mut Vec<f32> {
        let n = self.labels.len();
        if let Weights::Quantized { rows, scale } = &self.weights {
            let floats =
                (0..rows.buckets()).flat_map(|b| rows.row(b)[..n].iter().map(|&q| f32::from(q) * scale)).collect();
            self.weights = Weights::Float(floats);
        }
        match &mut self.weights {
            Weights::Float(w) => w,
            Weights::Quantized { .. } => unreachable!("converted above"),
        }
    }

    /// Each token's score for each label, `token * labels + label`.
    /// `dense` holds the tokens' dense vectors one after another.
    pub(crate) fn emissions(&self, tokens: FeatureSlice<'_>, dense: &[f32]) -> Vec<f32> {
        assert_eq!(dense.len(), tokens.len() * self.dense_dim, "one dense vector a token");
        let n = self.labels.len();
        let mut scores = vec![0.0f32; tokens.len() * n];
        for t in 0..tokens.len() {
            let features = tokens.token(t);
            let row = &mut scores[t * n..(t + 1) * n];
            match &self.weights {
                Weights::Float(weights) => {
                    for &f in features {
                        let w = &weights[f as usize * n..(f as usize + 1) * n];
                        for (s, x) in row.iter_mut().zip(w) {
                            *s += x;
                        }
                    }
                }
                Weights::Quantized { rows, scale } => {
                    // The rows are scattered over megabytes: ask for the next
                    // token's while this one's are summed.
                    #[cfg(target_arch = "x86_64")]
                    for &f in if t + 1 < tokens.len() { tokens.token(t + 1) } else { &[] } {
                        let row = rows.row(f as usize).as_ptr().cast::<i8>();
                        // SAFETY: a prefetch is only a hint; `row` points into the rows.
                        unsafe { std::arch::x86_64::_mm_prefetch(row, std::arch::x86_64::_MM_HINT_T0) };
                    }
                    let mut sums = [0i32; 16];
                    for &f in features {
                        for (s, &x) in sums.iter_mut().zip(rows.row(f as usize)) {
                            *s += i32::from(x);
                        }
                    }
                    for (s, &q) in row.iter_mut().zip(&sums) {
                        *s = q as f32 * scale;
                    }
                }
            }
            if self.dense_dim > 0 {
                let x = &dense[t * self.dense_dim..(t + 1) * self.dense_dim];
                for (s, w) in row.iter_mut().zip(self.dense.chunks(self.dense_dim)) {
                    *s += w.iter().zip(x).map(|(a, b)| a * b).sum::<f32>();
                }
            }
        }
        scores
    }

    /// The highest-scoring label sequence that uses only allowed transitions,
    /// for tokens with these feature buckets and (if the model has a dense
    /// part) these dense vectors, one after another.
    pub fn decode(&self, tokens: FeatureSlice<'_>, dense: &[f32]) -> Vec<usize> {
        let n = self.labels.len();
        if tokens.is_empty() {
            return Vec::new();
        }
        let emissions = self.emissions(tokens, dense);
        let mut best = vec![f32::NEG_INFINITY; tokens.len() * n];
        let mut back = vec![0usize; tokens.len() * n];
        for label in 0..n {
            if self.allowed[n * n + label] {
                best[label] = self.transitions[n * n + label] + emissions[label];
            }
        }
        for t in 1..tokens.len() {
            for label in 0..n {
                let mut top = (f32::NEG_INFINITY, 0);
                for prev in 0..n {
                    let before = best[(t - 1) * n + prev];
                    if self.allowed[prev * n + label] && before > f32::NEG_INFINITY {
                        let s = before + self.transitions[prev * n + label];
                        if s > top.0 {
                            top = (s, prev);
                        }
                    }
                }
                best[t * n + label] = top.0 + emissions[t * n + label];
                back[t * n + label] = top.1;
            }
        }
        let last = tokens.len() - 1;
        let mut label = (0..n).max_by(|&a, &b| best[last * n + a].total_cmp(&best[last * n + b])).unwrap_or(0);
        let mut path = vec![0; tokens.len()];
        for t in (0..tokens.len()).rev() {
            path[t] = label;
            label = back[t * n + label];
        }
        path
    }

    /// The model as bytes: only buckets with a non-zero weight, weights
    /// quantised to 16 bits against the largest magnitude.
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.labels.len();
        let mut out = MAGIC.to_vec();
        out.extend(self.bits.to_le_bytes());
        out.extend((n as u32).to_le_bytes());
        for label in &self.labels {
            out.extend((label.len() as u32).to_le_bytes());
            out.extend(label.as_bytes());
        }
        out.extend(self.allowed.iter().map(|&a| u8::from(a)));
        for t in &self.transitions {
            out.extend(t.to_le_bytes());
        }
        out.extend((self.dense_dim as u32).to_le_bytes());
        for w in &self.dense {
            out.extend(w.to_le_bytes());
        }
        // Already quantised weights are written back as they are.
        let (row, scale): (Box<dyn Fn(usize) -> Vec<i16> + '_>, f32) = match &self.weights {
            Weights::Float(weights) => {
                let largest = weights.iter().fold(0.0f32, |m, w| m.max(w.abs()));
                let scale = if largest > 0.0 { largest / f32::from(i16::MAX) } else { 1.0 };
                let row =
                    move |b: usize| weights[b * n..(b + 1) * n].iter().map(|w| (w / scale).round() as i16).collect();
                (Box::new(row), scale)
            }
            Weights::Quantized { rows, scale } => (Box::new(move |b: usize| rows.row(b)[..n].to_vec()), *scale),
        };
        out.extend(scale.to_le_bytes());
        let rows: Vec<(usize, Vec<i16>)> =
            (0..1usize << self.bits).map(|b| (b, row(b))).filter(|(_, r)| r.iter().any(|&q| q != 0)).collect();
        out.extend((rows.len() as u32).to_le_bytes());
        for (b, r) in rows {
            out.extend((b as u32).to_le_bytes());
            for q in r {
                out.extend(q.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ModelError("not a newsgraph sequence model (bad magic)".into()));
        }
        let bits = r.u32()?;
        if !(8..=26).contains(&bits) {
            return Err(ModelError(format!("implausible hash width {bits}")));
        }
        let n = r.u32()? as usize;
        let labels = (0..n)
            .map(|_| {
                let len = r.u32()? as usize;
                String::from_utf8(r.take(len)?.to_vec()).map_err(|_| ModelError("label is not UTF-8".into()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let allowed = r.take((n + 1) * n)?.iter().map(|&b| b != 0).collect();
        let transitions = (0..(n + 1) * n).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let dense_dim = r.u32()? as usize;
        if dense_dim > 1 << 16 {
            return Err(ModelError(format!("implausible dense width {dense_dim}")));
        }
        let dense = (0..n * dense_dim).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let scale = r.f32()?;
        let buckets = 1usize << bits;
        if n == 0 || n > 16 {
            return Err(ModelError(format!("{n} labels; a model has 1 to 16")));
        }
        let mut rows = QuantizedRows::zeros(buckets, n);
        for _ in 0..r.u32()? {
            let b = r.u32()? as usize;
            if b >= buckets {
                return Err(ModelError(format!("bucket {b} out of range")));
            }
            for q in &mut rows.row_mut(b)[..n] {
                let bytes = r.take(2)?;
                *q = i16::from_le_bytes([bytes[0], bytes[1]]);
            }
        }
        let weights = Weights::Quantized { rows, scale };
        if r.at != bytes.len() {
            return Err(ModelError("trailing bytes after the weights".into()));
        }
        Ok(Model { labels, bits, weights, dense_dim, dense, transitions, allowed })
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(len).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| ModelError(format!("truncated at byte {}", self.at)))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FeatureRows;

    fn bio(prev: Option<usize>, label: usize) -> bool {
        // Labels: 0 = O, 1 = B, 2 = I; I only after B or I.
        label != 2 || matches!(prev, Some(1 | 2))
    }

    fn rows(tokens: &[&[u32]]) -> FeatureRows {
        let mut rows = FeatureRows::new();
        for t in tokens {
            rows.push(t);
        }
        rows
    }

    #[test]
    fn viterbi_never_uses_a_forbidden_transition() {
        let mut m = Model::new(&["O", "B", "I"], 8, 0, bio);
        let w = m.float_weights();
        // Feature 1 pulls hard towards I, but I cannot open a sequence or follow O.
        w[3 + 2] = 5.0;
        w[3 + 1] = 1.0;
        w[6] = 1.0; // Feature 2 is O.
        let tokens = rows(&[&[1], &[1], &[2]]);
        assert_eq!(m.decode(tokens.as_slice(), &[]), [1, 2, 0]);
        let loaded = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(loaded.decode(tokens.as_slice(), &[]), [1, 2, 0], "quantised weights decode alike");
    }

    #[test]
    fn dense_vectors_score_linearly() {
        let mut m = Model::new(&["O", "B", "I"], 8, 2, bio);
        // Component 0 votes for B, component 1 for O.
        m.dense = vec![0.0, 1.0, 1.0, 0.0, 0.0, 0.0];
        let tokens = rows(&[&[], &[]]);
        assert_eq!(m.decode(tokens.as_slice(), &[2.0, 0.5, 0.1, 3.0]), [1, 0]);
        let loaded = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(loaded.dense, m.dense);
    }

    #[test]
    fn bytes_round_trip_within_quantisation() {
        let mut m = Model::new(&["O", "B", "I"], 8, 0, bio);
        m.float_weights()[5] = 2.5;
        m.float_weights()[100] = -1.25;
        m.transitions[4] = 0.5;
        let bytes = m.to_bytes();
        let mut back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes, "a loaded model saves to the same bytes");
        assert_eq!(back.labels, m.labels);
        assert_eq!(back.allowed, m.allowed);
        assert_eq!(back.transitions, m.transitions);
        let w = back.float_weights();
        assert!((w[5] - 2.5).abs() < 1e-3 && (w[100] + 1.25).abs() < 1e-3);
        assert!(Model::from_bytes(&m.to_bytes()[..40]).is_err());
        assert!(Model::from_bytes(b"nonsense").is_err());
    }
}
