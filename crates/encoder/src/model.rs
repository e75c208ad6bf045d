//! The BERT forward pass: embeddings, then layers of self-attention and a
//! feed-forward network, each followed by a residual connection and LayerNorm.
//!
//! Several windows run as one batch: every step but attention treats each
//! wordpiece alike, so their rows are simply stacked (no padding, no mask) and
//! the matrix products see hundreds of rows; attention then runs window by
//! window, head by head. Weights are stored `inputs × outputs` so that a layer
//! is one `rows × inputs` by `inputs × outputs` product read row by row.

use std::path::Path;

use serde::Deserialize;

use crate::int16;
use crate::safetensors::Tensors;
use crate::EncoderError;

/// The fields of `config.json` the forward pass depends on.
#[derive(Deserialize)]
struct Config {
    hidden_size: usize,
    num_attention_heads: usize,
    intermediate_size: usize,
    num_hidden_layers: usize,
    vocab_size: usize,
    max_position_embeddings: usize,
    layer_norm_eps: f32,
    hidden_act: String,
}

pub struct Bert {
    hidden: usize,
    heads: usize,
    intermediate: usize,
    eps: f32,
    /// Whether the projections compute in 16-bit integers where the CPU can.
    int16: bool,
    vocab: usize,
    max_positions: usize,
    /// `vocab × hidden`.
    word_embeddings: Vec<f32>,
    /// `max_positions × hidden`, with the embedding of token type 0 added in:
    /// every window is a single segment, so that sum is all the model ever uses.
    position_embeddings: Vec<f32>,
    embedding_norm: LayerNorm,
    layers: Vec<Layer>,
}

struct Layer {
    /// Query, key and value projections side by side: `hidden × 3·hidden`.
    qkv: Linear,
    attention_output: Linear,
    attention_norm: LayerNorm,
    intermediate: Linear,
    output: Linear,
    output_norm: LayerNorm,
}

/// The checkpoint's layer `l` (0-based) as twelve flat arrays, weights
/// `inputs × outputs`: query, key and value projections side by side and
/// their biases, the attention output projection and bias, its LayerNorm's
/// scale and shift, the feed-forward network's two projections and biases,
/// and the last LayerNorm's scale and shift.
pub(crate) fn layer_parts(t: &Tensors, l: usize, h: usize, i: usize) -> Result<[Vec<f32>; 12], EncoderError> {
    let name = |part: &str| format!("encoder.layer.{l}.{part}");
    let (qkv_w, qkv_b) = linear_f32(t, &["query", "key", "value"].map(|p| name(&format!("attention.self.{p}"))), h, h)?;
    let (attention_w, attention_b) = linear_f32(t, &[name("attention.output.dense")], h, h)?;
    let (intermediate_w, intermediate_b) = linear_f32(t, &[name("intermediate.dense")], h, i)?;
    let (output_w, output_b) = linear_f32(t, &[name("output.dense")], i, h)?;
    let norm = |part: &str, which: &str| t.f32(&format!("{}.{which}", name(part)), &[h]);
    Ok([
        qkv_w,
        qkv_b,
        attention_w,
        attention_b,
        norm("attention.output.LayerNorm", "weight")?,
        norm("attention.output.LayerNorm", "bias")?,
        intermediate_w,
        intermediate_b,
        output_w,
        output_b,
        norm("output.LayerNorm", "weight")?,
        norm("output.LayerNorm", "bias")?,
    ])
}

/// The projections `names` (each a `.weight` of `each × inputs` and a
/// `.bias` of `each`) side by side, as one `inputs × outputs` weight and its bias.
fn linear_f32(t: &Tensors, names: &[String], inputs: usize, each: usize) -> Result<(Vec<f32>, Vec<f32>), EncoderError> {
    let outputs = names.len() * each;
    let mut weight = vec![0.0; inputs * outputs];
    let mut bias = Vec::with_capacity(outputs);
    for (part, name) in names.iter().enumerate() {
        let w = t.f32(&format!("{name}.weight"), &[each, inputs])?;
        for (o, row) in w.chunks_exact(inputs).enumerate() {
            for (i, &v) in row.iter().enumerate() {
                weight[i * outputs + part * each + o] = v;
            }
        }
        bias.extend(t.f32(&format!("{name}.bias"), &[each])?);
    }
    Ok((weight, bias))
}

impl Layer {
    /// A layer of `hidden` wide with a feed-forward network `intermediate`
    /// wide, from [`layer_parts`]' twelve arrays.
    fn from_parts(parts: &[&[f32]; 12], (hidden, intermediate): (usize, usize), eps: f32, int16: bool) -> Layer {
        let [qkv_w, qkv_b, attention_w, attention_b, norm1_w, norm1_b, intermediate_w, intermediate_b, output_w, output_b, norm2_w, norm2_b] =
            *parts;
        let norm = |w: &[f32], b: &[f32]| LayerNorm { weight: w.to_vec(), bias: b.to_vec(), eps };
        Layer {
            qkv: Linear::new(qkv_w, qkv_b, hidden, int16),
            attention_output: Linear::new(attention_w, attention_b, hidden, int16),
            attention_norm: norm(norm1_w, norm1_b),
            intermediate: Linear::new(intermediate_w, intermediate_b, hidden, int16),
            output: Linear::new(output_w, output_b, intermediate, int16),
            output_norm: norm(norm2_w, norm2_b),
        }
    }
}

impl Bert {
    /// Reads the model; with `int16`, its projections compute in 16-bit
    /// integers where the CPU can ([`int16`]).
    pub fn load(config: &Path, t: &Tensors, int16: bool) -> Result<Bert, EncoderError> {
        let text = std::fs::read_to_string(config).map_err(|e| EncoderError::new(config, e.to_string()))?;
        let c: Config = serde_json::from_str(&text).map_err(|e| EncoderError::new(config, e.to_string()))?;
        if c.hidden_act != "gelu" || c.hidden_size.checked_rem(c.num_attention_heads) != Some(0) {
            let problem = format!("unsupported model (hidden_act {}, hidden_size {})", c.hidden_act, c.hidden_size);
            return Err(EncoderError::new(config, problem));
        }
        let (h, i) = (c.hidden_size, c.intermediate_size);
        let mut position_embeddings =
            t.f32("embeddings.position_embeddings.weight", &[c.max_position_embeddings, h])?;
        let token_type = t.f32("embeddings.token_type_embeddings.weight", &[2, h])?;
        for row in position_embeddings.chunks_exact_mut(h) {
            row.iter_mut().zip(&token_type[..h]).for_each(|(p, t)| *p += t);
        }
        let norm = |name: &str| LayerNorm::load(t, name, h, c.layer_norm_eps);
        let layers = (0..c.num_hidden_layers)
            .map(|l| {
                let parts = layer_parts(t, l, h, i)?;
                Ok(Layer::from_parts(&parts.each_ref().map(Vec::as_slice), (h, i), c.layer_norm_eps, int16))
            })
            .collect::<Result<_, EncoderError>>()?;
        Ok(Bert {
            hidden: h,
            heads: c.num_attention_heads,
            intermediate: i,
            eps: c.layer_norm_eps,
            int16,
            vocab: c.vocab_size,
            max_positions: c.max_position_embeddings,
            word_embeddings: t.f32("embeddings.word_embeddings.weight", &[c.vocab_size, h])?,
            position_embeddings,
            embedding_norm: norm("embeddings.LayerNorm")?,
            layers,
        })
    }

    pub fn hidden(&self) -> usize {
        self.hidden
    }

    pub fn eps(&self) -> f32 {
        self.eps
    }

    pub fn heads(&self) -> usize {
        self.heads
    }

    pub fn intermediate(&self) -> usize {
        self.intermediate
    }

    /// Puts a layer of these `parts` ([`layer_parts`]' order) in place of layer `l` (0-based).
    pub fn replace_layer(&mut self, l: usize, parts: &[&[f32]; 12]) {
        self.layers[l] = Layer::from_parts(parts, (self.hidden, self.intermediate), self.eps, self.int16);
    }

    pub fn depth(&self) -> usize {
        self.layers.len()
    }

    pub fn vocab(&self) -> usize {
        self.vocab
    }

    pub fn max_positions(&self) -> usize {
        self.max_positions
    }

    /// Runs the embeddings and the first `depth` layers over `windows` (ids
    /// with `[CLS]` and `[SEP]`, each at most `max_positions` long). Calls
    /// `visit(layer, states)` with the stacked `rows × hidden` states after the
    /// embeddings (layer 0) and after each layer.
    pub fn forward(&self, windows: &[&[u32]], depth: usize, visit: impl FnMut(usize, &[f32])) {
        SCRATCH.with_borrow_mut(|scratch| {
            #[cfg(target_arch = "x86_64")]
            if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
                // SAFETY: the CPU has AVX2 and FMA, as just checked.
                return unsafe { self.forward_avx2(windows, depth, scratch, visit) };
            }
            self.forward_in(windows, depth, scratch, visit)
        })
    }

    /// [`Bert::forward`] compiled for AVX2: the element-wise steps (GELU,
    /// softmax, LayerNorm) run eight floats to an instruction rather than
    /// four, with the same arithmetic in the same order, so the same results.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn forward_avx2(
        &self,
        windows: &[&[u32]],
        depth: usize,
        scratch: &mut Scratch,
        visit: impl FnMut(usize, &[f32]),
    ) {
        self.forward_in(windows, depth, scratch, visit)
    }

    #[inline(always)]
    fn forward_in(
        &self,
        windows: &[&[u32]],
        depth: usize,
        scratch: &mut Scratch,
        mut visit: impl FnMut(usize, &[f32]),
    ) {
        let h = self.hidden;
        let rows: usize = windows.iter().map(|w| w.len()).sum();
        let longest = windows.iter().map(|w| w.len()).max().unwrap_or(0);
        let x = &mut scratch.x;
        x.clear();
        for window in windows {
            assert!(window.len() <= self.max_positions, "window of {} pieces is too long", window.len());
            for (&id, position) in window.iter().zip(self.position_embeddings.chunks_exact(h)) {
                let word = &self.word_embeddings[id as usize * h..][..h];
                x.extend(word.iter().zip(position).map(|(w, p)| w + p));
            }
        }
        self.embedding_norm.apply(x);
        visit(0, x);

        // Every element of these is written before it is read.
        let qkv = Scratch::sized(&mut scratch.qkv, rows * 3 * h);
        let context = Scratch::sized(&mut scratch.context, rows * h);
        let width = self.layers.first().map_or(0, |l| l.intermediate.outputs);
        let intermediate = Scratch::sized(&mut scratch.intermediate, rows * width);
        let scores = Scratch::sized(&mut scratch.scores, longest * longest);
        for (l, layer) in self.layers[..depth].iter().enumerate() {
            layer.qkv.apply(x, qkv, false);
            self.attention(windows, qkv, context, scores);
            layer.attention_output.apply(context, x, true);
            layer.attention_norm.apply(x);
            layer.intermediate.apply(x, intermediate, false);
            intermediate.iter_mut().for_each(|v| *v = gelu(*v));
            layer.output.apply(intermediate, x, true);
            layer.output_norm.apply(x);
            visit(l + 1, x);
        }
    }

    /// Scaled dot-product attention of every head within each window: `context = softmax(q·kᵀ/√d)·v`.
    #[inline(always)]
    fn attention(&self, windows: &[&[u32]], qkv: &[f32], context: &mut [f32], scores: &mut [f32]) {
        let (h, d) = (self.hidden, self.hidden / self.heads);
        let scale = 1.0 / (d as f32).sqrt();
        let mut first = 0;
        for window in windows {
            let n = window.len();
            let qkv = &qkv[first * 3 * h..(first + n) * 3 * h];
            let context = &mut context[first * h..(first + n) * h];
            let scores = &mut scores[..n * n];
            for head in 0..self.heads {
                let q = Matrix { data: &qkv[head * d..], rows: n, cols: d, row_stride: 3 * h, col_stride: 1 };
                let k = Matrix { data: &qkv[h + head * d..], rows: d, cols: n, row_stride: 1, col_stride: 3 * h };
                gemm(scale, q, k, 0.0, MatrixMut::dense(scores, n, n));
                scores.chunks_exact_mut(n).for_each(softmax);
                let probabilities = Matrix::dense(scores, n, n);
                let v = Matrix { data: &qkv[2 * h + head * d..], rows: n, cols: d, row_stride: 3 * h, col_stride: 1 };
                let out = MatrixMut { data: &mut context[head * d..], rows: n, cols: d, row_stride: h };
                gemm(1.0, probabilities, v, 0.0, out);
            }
            first += n;
        }
    }
}

/// The forward pass's buffers, kept by each thread from one call to the
/// next: freshly allocated, their megabytes would come from the system as
/// new pages to be zeroed every batch.
#[derive(Default)]
struct Scratch {
    x: Vec<f32>,
    qkv: Vec<f32>,
    context: Vec<f32>,
    intermediate: Vec<f32>,
    scores: Vec<f32>,
}

impl Scratch {
    /// The first `len` elements of `buffer`, grown if need be; they hold whatever was there.
    fn sized(buffer: &mut Vec<f32>, len: usize) -> &mut [f32] {
        if buffer.len() < len {
            buffer.resize(len, 0.0);
        }
        &mut buffer[..len]
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// A linear layer's weights, kept in the one form its products use.
enum Weight {
    /// `inputs × outputs`, row-major: the transpose of the checkpoint's `outputs × inputs`.
    F32(Vec<f32>),
    Int16(int16::Weights),
}

struct Linear {
    weight: Weight,
    bias: Vec<f32>,
    inputs: usize,
    outputs: usize,
}

impl Linear {
    /// A layer of `weight` (`inputs × outputs`) and `bias`; with `int16`,
    /// rounded to 16-bit integers if the CPU and the shape allow.
    fn new(weight: &[f32], bias: &[f32], inputs: usize, int16: bool) -> Linear {
        let outputs = bias.len();
        assert_eq!(weight.len(), inputs * outputs, "a linear layer's weight shape");
        let weight = match int16.then(|| int16::Weights::new(weight, inputs, outputs)).flatten() {
            Some(rounded) => Weight::Int16(rounded),
            None => Weight::F32(weight.to_vec()),
        };
        Linear { weight, bias: bias.to_vec(), inputs, outputs }
    }

    /// `output = input·W + b`, or with `residual`, `output += input·W + b`.
    #[inline(always)]
    fn apply(&self, input: &[f32], output: &mut [f32], residual: bool) {
        let weight = match &self.weight {
            Weight::Int16(rounded) => return rounded.multiply_add(input, output, &self.bias, residual),
            Weight::F32(weight) => weight,
        };
        let rows = input.len() / self.inputs;
        for row in output.chunks_exact_mut(self.outputs) {
            if residual {
                row.iter_mut().zip(&self.bias).for_each(|(o, b)| *o += b);
            } else {
                row.copy_from_slice(&self.bias);
            }
        }
        let a = Matrix::dense(input, rows, self.inputs);
        let w = Matrix::dense(weight, self.inputs, self.outputs);
        gemm(1.0, a, w, 1.0, MatrixMut::dense(output, rows, self.outputs));
    }
}

struct LayerNorm {
    weight: Vec<f32>,
    bias: Vec<f32>,
    eps: f32,
}

impl LayerNorm {
    fn load(t: &Tensors, name: &str, hidden: usize, eps: f32) -> Result<LayerNorm, EncoderError> {
        let weight = t.f32(&format!("{name}.weight"), &[hidden])?;
        Ok(LayerNorm { weight, bias: t.f32(&format!("{name}.bias"), &[hidden])?, eps })
    }

    #[inline(always)]
    fn apply(&self, x: &mut [f32]) {
        let n = self.weight.len();
        for row in x.chunks_exact_mut(n) {
            let mean = sum(row) / n as f32;
            row.iter_mut().for_each(|v| *v -= mean);
            let variance = sum_of_squares(row) / n as f32;
            let scale = 1.0 / (variance + self.eps).sqrt();
            for ((v, w), b) in row.iter_mut().zip(&self.weight).zip(&self.bias) {
                *v = *v * scale * w + b;
            }
        }
    }
}

/// A matrix in a slice: element `(r, c)` at `data[r·row_stride + c·col_stride]`.
#[derive(Clone, Copy)]
pub(crate) struct Matrix<'a> {
    pub data: &'a [f32],
    pub rows: usize,
    pub cols: usize,
    pub row_stride: usize,
    pub col_stride: usize,
}

impl<'a> Matrix<'a> {
    pub fn dense(data: &'a [f32], rows: usize, cols: usize) -> Matrix<'a> {
        Matrix { data, rows, cols, row_stride: cols, col_stride: 1 }
    }

    /// Whether every element lies inside `data`.
    fn fits(&self) -> bool {
        self.rows == 0
            || self.cols == 0
            || (self.rows - 1) * self.row_stride + (self.cols - 1) * self.col_stride < self.data.len()
    }
}

/// A writable matrix in a slice, rows of contiguous elements `row_stride` apart.
pub(crate) struct MatrixMut<'a> {
    pub data: &'a mut [f32],
    pub rows: usize,
    pub cols: usize,
    pub row_stride: usize,
}

impl<'a> MatrixMut<'a> {
    pub fn dense(data: &'a mut [f32], rows: usize, cols: usize) -> MatrixMut<'a> {
        MatrixMut { data, rows, cols, row_stride: cols }
    }
}

/// `c = alpha·a·b + beta·c`; with `beta` 0, `c` is only written.
pub(crate) fn gemm(alpha: f32, a: Matrix, b: Matrix, beta: f32, c: MatrixMut) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    assert!(b.rows == k && c.rows == m && c.cols == n, "gemm shapes {m}×{k} · {}×{n} → {}×{}", b.rows, c.rows, c.cols);
    let c_view = Matrix { data: c.data, rows: m, cols: n, row_stride: c.row_stride, col_stride: 1 };
    assert!(a.fits() && b.fits() && c_view.fits(), "gemm operand out of bounds");
    // SAFETY: the shapes agree and every element of a, b and c lies inside its
    // slice (checked above); c is borrowed mutably, so it aliases neither a nor b.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            alpha,
            a.data.as_ptr(),
            a.row_stride as isize,
            a.col_stride as isize,
            b.data.as_ptr(),
            b.row_stride as isize,
            b.col_stride as isize,
            beta,
            c.data.as_mut_ptr(),
            c.row_stride as isize,
            1,
        );
    }
}

/// A sum in eight lanes, so that the compiler can vectorise it (a plain
/// floating-point fold must keep its order and runs one add at a time).
#[inline(always)]
pub(crate) fn sum(x: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let chunks = x.chunks_exact(8);
    let rest: f32 = chunks.remainder().iter().sum();
    for chunk in chunks {
        lanes.iter_mut().zip(chunk).for_each(|(l, v)| *l += v);
    }
    lanes.iter().sum::<f32>() + rest
}

/// [`sum`] of the squares.
#[inline(always)]
fn sum_of_squares(x: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let chunks = x.chunks_exact(8);
    let rest: f32 = chunks.remainder().iter().map(|v| v * v).sum();
    for chunk in chunks {
        lanes.iter_mut().zip(chunk).for_each(|(l, v)| *l += v * v);
    }
    lanes.iter().sum::<f32>() + rest
}

#[inline(always)]
pub(crate) fn softmax(row: &mut [f32]) {
    // The maximum in eight lanes too, for the same reason as `sum`.
    let mut lanes = [f32::NEG_INFINITY; 8];
    let chunks = row.chunks_exact(8);
    let rest = chunks.remainder().iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
    for chunk in chunks {
        lanes.iter_mut().zip(chunk).for_each(|(l, &v)| *l = l.max(v));
    }
    let max = lanes.iter().fold(rest, |m, &v| m.max(v));
    row.iter_mut().for_each(|v| *v = exp(*v - max));
    let scale = 1.0 / sum(row);
    row.iter_mut().for_each(|v| *v *= scale);
}

/// `eˣ` to within a few ulp, in plain arithmetic that vectorises (the
/// library `exp` is a call per element): `eˣ = 2ⁿ·eʳ` with `|r| ≤ ln2/2` and
/// `eʳ` from its Taylor series to the 7th power (truncation error < 1e-8).
#[inline(always)]
pub(crate) fn exp(x: f32) -> f32 {
    const LN2_HI: f32 = 0.693_145_75;
    const LN2_LO: f32 = 1.428_606_8e-6;
    // Adding and subtracting 1.5·2²³ rounds to the nearest integer without a library call.
    const ROUND: f32 = 12_582_912.0;
    let x = x.clamp(-87.0, 88.0);
    let n = (x * std::f32::consts::LOG2_E + ROUND) - ROUND;
    let r = x - n * LN2_HI - n * LN2_LO;
    let mut p = 1.0 / 5040.0;
    for c in [1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0] {
        p = p * r + c;
    }
    // 2ⁿ from its exponent bits n + 127, read off the float 2²³ + n + 127
    // (a cast `n as i32` saturates, and its checks stop the loop vectorising).
    p * f32::from_bits((n + 8_388_735.0).to_bits() << 23)
}

/// The exact (erf) GELU that BERT's `gelu` means, not the tanh approximation.
#[inline(always)]
pub(crate) fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// `erf` within 5e-7: the odd/even rational approximation on [-4, 4] used by
/// Eigen and XLA for single precision (beyond ±4, erf is ±1 in f32).
#[inline(always)]
pub(crate) fn erf(x: f32) -> f32 {
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = -2.726_142_3e-10;
    for c in [2.770_681_4e-8, -2.101_024e-6, -5.692_506_4e-5, -7.349_906_3e-4, -2.954_600_1e-3, -1.609_603_3e-2] {
        p = p * x2 + c;
    }
    let mut q = -1.456_607_2e-5;
    for c in [-2.133_740_6e-4, -1.682_827e-3, -7.373_329e-3, -1.426_474e-2] {
        q = q * x2 + c;
    }
    x * p / q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erf_and_exp_are_accurate() {
        // Reference values from Python's math.erf and math.exp.
        for (x, want) in [(0.1, 0.112_462_92), (0.5, 0.520_499_9), (1.5, 0.966_105_15), (-2.5, -0.999_593), (6.0, 1.0)]
        {
            assert!((erf(x) - want).abs() < 5e-7, "erf({x}) = {} not {want}", erf(x));
        }
        // The ends of the clamped range, where 2ⁿ's exponent is 1 and 254.
        for (x, want) in [
            (0.0, 1.0),
            (-1.0, 0.367_879_45),
            (-10.5, 2.753_645e-5),
            (3.25, 25.790_34),
            (-87.0, 1.645_811_4e-38),
            (88.0, 1.651_636_3e38),
        ] {
            assert!((exp(x) / want - 1.0).abs() < 1e-6, "exp({x}) = {} not {want}", exp(x));
        }
    }

    #[test]
    fn gemm_follows_strides() {
        // a is 2×3; b is the 3×2 transpose of a 2×3 buffer read with swapped strides.
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let bt = [1.0, 0.0, -1.0, 2.0, 1.0, 0.0];
        let b = Matrix { data: &bt, rows: 3, cols: 2, row_stride: 1, col_stride: 3 };
        let mut c = [10.0; 6];
        // c is the left 2×2 block of a 2×3 buffer.
        gemm(1.0, Matrix::dense(&a, 2, 3), b, 1.0, MatrixMut { data: &mut c, rows: 2, cols: 2, row_stride: 3 });
        assert_eq!(c, [8.0, 14.0, 10.0, 8.0, 23.0, 10.0]);
    }
}
