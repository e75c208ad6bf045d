//! A trained sequence model: weights, transitions, constrained Viterbi, and
//! the file format it is saved in.

use std::fmt;

use crate::FeatureSlice;

const MAGIC: &[u8] = b"NGSEQ3\n";

/// Per-label weights for every feature bucket plus label-pair scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub(crate) labels: Vec<String>,
    pub(crate) bits: u32,
    pub(crate) weights: Weights,
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

/// The 16-bit weights of the buckets that have any, `stride` (8 or 16) to a
/// row, rows packed into aligned cache lines so that no row straddles two.
///
/// Decoding is bound by fetching rows, one a feature, and most buckets of a
/// model never learned a weight (three in four of the entity tagger's): a
/// bitmap of the buckets that did and the number of rows before each 64
/// buckets ([`Block`]), kilobytes that stay in cache, find a bucket's row
/// with a popcount, so the rows fill megabytes fewer and every row fetched
/// is a page of memory more likely already mapped. The buckets without
/// weights share one row of zeros after the others, always in cache, so
/// that every feature has a row and finding them takes no branch.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QuantizedRows {
    lines: Vec<Line>,
    stride: usize,
    buckets: usize,
    /// Block `b` covers buckets `64 * b..64 * (b + 1)`.
    blocks: Vec<Block>,
    /// The number of the row of zeros, the last.
    zeros: usize,
}

/// Which of 64 buckets have a row, and how many rows the buckets before
/// them have: side by side, so that finding a row reads one place.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Block {
    present: u64,
    rank: u32,
}

impl QuantizedRows {
    /// Rows of `labels` weights for `buckets` buckets from `(bucket, weights)`
    /// in increasing bucket order; buckets not given are zero.
    fn new(buckets: usize, labels: usize, rows: &[(usize, &[i16])]) -> QuantizedRows {
        let stride = labels.div_ceil(8) * 8;
        debug_assert!(LINE.is_multiple_of(stride), "a row never crosses a line");
        let mut lines = vec![Line([0; LINE]); ((rows.len() + 1) * stride).div_ceil(LINE)];
        let mut blocks = vec![Block { present: 0, rank: 0 }; buckets.div_ceil(64)];
        for (i, &(bucket, weights)) in rows.iter().enumerate() {
            blocks[bucket / 64].present |= 1 << (bucket % 64);
            let at = i * stride;
            lines[at / LINE].0[at % LINE..at % LINE + labels].copy_from_slice(weights);
        }
        let mut before = 0;
        for block in &mut blocks {
            block.rank = before;
            before += block.present.count_ones();
        }
        QuantizedRows { lines, stride, buckets, blocks, zeros: rows.len() }
    }

    /// The number of `bucket`'s row, counting from the first bucket's.
    #[inline(always)]
    fn index(&self, bucket: usize) -> usize {
        let (block, bit) = (self.blocks[bucket / 64], 1u64 << (bucket % 64));
        let before = block.rank as usize + (block.present & (bit - 1)).count_ones() as usize;
        // A select, not a branch: which buckets have weights follows no
        // pattern a branch predictor could learn.
        if block.present & bit != 0 {
            before
        } else {
            self.zeros
        }
    }

    /// All `stride` weights of `bucket`, the labels' first and zeros after.
    fn row(&self, bucket: usize) -> &[i16] {
        let at = self.index(bucket) * self.stride;
        &self.lines[at / LINE].0[at % LINE..at % LINE + self.stride]
    }

    /// Row `index` when the stride is known when compiling, which spares
    /// the length checks.
    #[inline(always)]
    fn row_at<const STRIDE: usize>(&self, index: usize) -> &[i16; STRIDE] {
        let slot = index % (LINE / STRIDE) * STRIDE;
        self.lines[index / (LINE / STRIDE)].0[slot..slot + STRIDE].try_into().expect("a row is `STRIDE` long")
    }

    /// Each token's rows summed and times `scale`, `labels` scores a token.
    fn score(&self, tokens: FeatureSlice<'_>, scale: f32, labels: usize, scores: &mut [f32]) {
        #[cfg(target_arch = "x86_64")]
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU has both, as just checked.
            return unsafe { self.score_avx2(tokens, scale, labels, scores) };
        }
        self.score_rows(tokens, scale, labels, scores);
    }

    /// [`QuantizedRows::score`] for CPUs with AVX2 and POPCNT (nearly all
    /// x86-64 since 2013): a row's popcount is one instruction instead of a
    /// dozen, and its sums a few wide ones.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,popcnt")]
    unsafe fn score_avx2(&self, tokens: FeatureSlice<'_>, scale: f32, labels: usize, scores: &mut [f32]) {
        self.score_rows(tokens, scale, labels, scores);
    }

    #[inline(always)]
    fn score_rows(&self, tokens: FeatureSlice<'_>, scale: f32, labels: usize, scores: &mut [f32]) {
        // A fixed row length lets the sums be a few vector instructions.
        match self.stride {
            8 => self.score_strided::<8>(tokens, scale, labels, scores),
            _ => self.score_strided::<16>(tokens, scale, labels, scores),
        }
    }

    #[inline(always)]
    fn score_strided<const STRIDE: usize>(
        &self,
        tokens: FeatureSlice<'_>,
        scale: f32,
        labels: usize,
        scores: &mut [f32],
    ) {
        // Every feature's row is found first, in one tight loop; then each
        // token's rows are summed while the next token's, scattered over
        // megabytes, are asked for.
        let mut rows = vec![self.row_at::<STRIDE>(self.zeros); tokens.buckets().len()];
        for (row, &bucket) in rows.iter_mut().zip(tokens.buckets()) {
            *row = self.row_at(self.index(bucket as usize));
        }
        for t in 0..tokens.len() {
            #[cfg(target_arch = "x86_64")]
            if t + 1 < tokens.len() {
                for row in &rows[tokens.range(t + 1)] {
                    // SAFETY: a prefetch is only a hint; `row` points into the rows.
                    unsafe { std::arch::x86_64::_mm_prefetch(row.as_ptr().cast(), std::arch::x86_64::_MM_HINT_T0) };
                }
            }
            let mut sums = [0i32; STRIDE];
            for row in &rows[tokens.range(t)] {
                for k in 0..STRIDE {
                    sums[k] += i32::from(row[k]);
                }
            }
            for (s, &q) in scores[t * labels..(t + 1) * labels].iter_mut().zip(&sums) {
                *s = q as f32 * scale;
            }
        }
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
    /// into `2^bits` buckets. `allowed(previous, label)` says which
    /// transitions may occur, `previous == None` at the start.
    pub fn new(labels: &[&str], bits: u32, allowed: impl Fn(Option<usize>, usize) -> bool) -> Model {
        let n = labels.len();
        assert!((1..=16).contains(&n), "{n} labels; a model has 1 to 16");
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

    /// The float weights, converting quantised ones (to train on from a loaded model).
    pub(crate) fn float_weights(&mut self) -> &mut Vec<f32> {
        let n = self.labels.len();
        if let Weights::Quantized { rows, scale } = &self.weights {
            let mut floats = vec![0.0; rows.buckets * n];
            for (b, weights) in floats.chunks_mut(n).enumerate() {
                for (w, &q) in weights.iter_mut().zip(rows.row(b)) {
                    *w = f32::from(q) * scale;
                }
            }
            self.weights = Weights::Float(floats);
        }
        match &mut self.weights {
            Weights::Float(w) => w,
            Weights::Quantized { .. } => unreachable!("converted above"),
        }
    }

    /// Each token's score for each label, `token * labels + label`. Public
    /// so that a later stage can read how sure the model was of each label,
    /// or add scores of its own before [`Model::best_path`].
    pub fn emissions(&self, tokens: FeatureSlice<'_>) -> Vec<f32> {
        let n = self.labels.len();
        let mut scores = vec![0.0f32; tokens.len() * n];
        match &self.weights {
            Weights::Float(weights) => {
                for (t, row) in scores.chunks_mut(n).enumerate() {
                    for &f in tokens.token(t) {
                        let w = &weights[f as usize * n..(f as usize + 1) * n];
                        for (s, x) in row.iter_mut().zip(w) {
                            *s += x;
                        }
                    }
                }
            }
            Weights::Quantized { rows, scale } => rows.score(tokens, *scale, n, &mut scores),
        }
        scores
    }

    /// The highest-scoring label sequence that uses only allowed transitions,
    /// for tokens with these feature buckets.
    pub fn decode(&self, tokens: FeatureSlice<'_>) -> Vec<usize> {
        if tokens.is_empty() {
            return Vec::new();
        }
        self.best_path(&self.emissions(tokens))
    }

    /// The highest-scoring allowed label sequence for these
    /// [`Model::emissions`], for a caller that reads the scores as well.
    pub fn best_path(&self, emissions: &[f32]) -> Vec<usize> {
        let len = emissions.len() / self.labels.len();
        if len == 0 {
            return Vec::new();
        }
        #[cfg(target_arch = "x86_64")]
        if is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, as just checked.
            return unsafe { self.viterbi_avx2(emissions, len) };
        }
        self.viterbi(emissions, len)
    }

    /// [`Model::viterbi`] for CPUs with AVX2: eight labels' scores are one
    /// vector instruction.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn viterbi_avx2(&self, emissions: &[f32], len: usize) -> Vec<usize> {
        self.viterbi(emissions, len)
    }

    /// The best path through `len` tokens' `emissions`.
    #[inline(always)]
    fn viterbi(&self, emissions: &[f32], len: usize) -> Vec<usize> {
        // A fixed number of lanes lets every label's step be one vector
        // operation rather than a branch a label pair.
        if self.labels.len() <= 8 {
            self.viterbi_lanes::<8>(emissions, len)
        } else {
            self.viterbi_lanes::<16>(emissions, len)
        }
    }

    /// Viterbi with each token's scores in `LANES` lanes, the labels' first.
    #[inline(always)]
    fn viterbi_lanes<const LANES: usize>(&self, emissions: &[f32], len: usize) -> Vec<usize> {
        let n = self.labels.len();
        // A forbidden transition scores minus infinity, which no path
        // through it can beat: the same paths as skipping it. Lanes past the
        // last label score minus infinity too, so they are never best.
        let mut transitions = vec![[f32::NEG_INFINITY; LANES]; n + 1];
        for (row, (scores, allowed)) in
            transitions.iter_mut().zip(self.transitions.chunks(n).zip(self.allowed.chunks(n)))
        {
            for (lane, (&score, &allowed)) in row.iter_mut().zip(scores.iter().zip(allowed)) {
                if allowed {
                    *lane = score;
                }
            }
        }
        let mut best = vec![[f32::NEG_INFINITY; LANES]; len];
        let mut back = vec![[0u8; LANES]; len];
        for label in 0..n {
            best[0][label] = transitions[n][label] + emissions[label];
        }
        for t in 1..len {
            let mut top = [f32::NEG_INFINITY; LANES];
            // As wide as the scores, so that a comparison's mask selects them.
            let mut from = [0u32; LANES];
            // Labels in order, a later one only when strictly better: ties
            // go to the first previous label.
            for (prev, (&before, row)) in best[t - 1][..n].iter().zip(&transitions).enumerate() {
                for lane in 0..LANES {
                    let s = before + row[lane];
                    let better = s > top[lane];
                    top[lane] = if better { s } else { top[lane] };
                    from[lane] = if better { prev as u32 } else { from[lane] };
                }
            }
            for (top, &e) in top.iter_mut().zip(&emissions[t * n..(t + 1) * n]) {
                *top += e;
            }
            best[t] = top;
            back[t] = from.map(|prev| prev as u8);
        }
        let last = &best[len - 1];
        let mut label = (0..n).max_by(|&a, &b| last[a].total_cmp(&last[b])).unwrap_or(0);
        let mut path = vec![0; len];
        for t in (0..len).rev() {
            path[t] = label;
            label = usize::from(back[t][label]);
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
        let scale = r.f32()?;
        let buckets = 1usize << bits;
        if n == 0 || n > 16 {
            return Err(ModelError(format!("{n} labels; a model has 1 to 16")));
        }
        let count = r.u32()? as usize;
        let mut weights = Vec::with_capacity(count.min(buckets) * n);
        let mut order = Vec::with_capacity(count.min(buckets));
        for _ in 0..count {
            let b = r.u32()? as usize;
            if b >= buckets || order.last().is_some_and(|&last| b <= last) {
                return Err(ModelError(format!("bucket {b} out of range or out of order")));
            }
            order.push(b);
            weights.extend(r.take(2 * n)?.chunks(2).map(|q| i16::from_le_bytes([q[0], q[1]])));
        }
        let rows: Vec<(usize, &[i16])> = order.into_iter().zip(weights.chunks(n)).collect();
        let weights = Weights::Quantized { rows: QuantizedRows::new(buckets, n, &rows), scale };
        if r.at != bytes.len() {
            return Err(ModelError("trailing bytes after the weights".into()));
        }
        Ok(Model { labels, bits, weights, transitions, allowed })
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

    #[test]
    fn viterbi_never_uses_a_forbidden_transition() {
        let mut m = Model::new(&["O", "B", "I"], 8, bio);
        let w = m.float_weights();
        // Feature 1 pulls hard towards I, but I cannot open a sequence or follow O.
        w[3 + 2] = 5.0;
        w[3 + 1] = 1.0;
        w[6] = 1.0; // Feature 2 is O.
        let tokens = FeatureRows::of(&[&[1], &[1], &[2]]);
        assert_eq!(m.decode(tokens.as_slice()), [1, 2, 0]);
        let loaded = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(loaded.decode(tokens.as_slice()), [1, 2, 0], "quantised weights decode alike");
    }

    #[test]
    fn more_than_eight_labels_decode_in_wider_lanes() {
        let labels = ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K"];
        // Anything may follow anything except K after J.
        let mut m = Model::new(&labels, 8, |prev, label| !(prev == Some(8) && label == 9));
        let w = m.float_weights();
        for label in 0..10 {
            w[label * 10 + label] = 1.0; // Feature `label` pulls towards it.
        }
        w[9 * 10 + 8] = 0.5; // Feature 9 has J second best.
        let tokens = FeatureRows::of(&[&[8], &[9], &[2]]);
        assert_eq!(m.decode(tokens.as_slice()), [8, 8, 2], "J then K is forbidden");
        let tokens = FeatureRows::of(&[&[9], &[8], &[9]]);
        assert_eq!(m.decode(tokens.as_slice()), [9, 8, 8]);
    }

    #[test]
    fn bytes_round_trip_within_quantisation() {
        let mut m = Model::new(&["O", "B", "I"], 8, bio);
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
