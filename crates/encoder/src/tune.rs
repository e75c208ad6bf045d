//! Fine-tuning the encoder's top layers for a token-labelling head.
//!
//! The frozen lower layers run once over the training texts, and their
//! output at layer `base` is kept. The layers above it start from the
//! checkpoint's weights and are trained, with a linear head over the
//! caller's labels, to minimise each token's cross-entropy (AdamW-style
//! updates without decay, a warm-up and linear decay of the step size,
//! gradients clipped to norm 1). Backpropagation through BERT's
//! post-LayerNorm layer is written out here, step by step against
//! [`crate::model`]'s forward pass; a test checks it against finite
//! differences. Training is deterministic: one seed orders the windows,
//! and the threads' gradients are summed in a fixed order.

use std::ops::Range;
use std::path::Path;

use newsgraph_learn::{in_parallel, SplitMix};

use crate::model::{self, gemm, Matrix, MatrixMut};
use crate::safetensors::Tensors;
use crate::{Encoder, EncoderError};

/// A text to tune on: the caller's tokens (byte ranges of `text`), the
/// `regions` and `sentences` as [`Encoder::token_vectors_in`] takes them,
/// and each token's label (`None`: the token teaches nothing).
pub struct TuneText<'a> {
    pub text: &'a str,
    pub regions: Vec<Range<usize>>,
    pub sentences: Vec<Range<usize>>,
    pub tokens: Vec<Range<usize>>,
    pub labels: Vec<Option<u8>>,
}

/// How to tune.
#[derive(Debug, Clone)]
pub struct TuneConfig {
    /// Layers `1..=base` stay frozen.
    pub base: usize,
    /// Layers tuned above `base`.
    pub layers: usize,
    /// Number of labels the head tells apart.
    pub labels: usize,
    pub epochs: usize,
    /// Windows whose gradients make one step.
    pub windows_per_step: usize,
    /// Peak step size of the tuned layers.
    pub learning_rate: f32,
    /// Peak step size of the head, which starts from zero.
    pub head_learning_rate: f32,
    pub seed: u64,
    pub threads: usize,
}

/// Sizes of the tuned part.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Shape {
    hidden: usize,
    heads: usize,
    intermediate: usize,
    labels: usize,
    layers: usize,
    /// The LayerNorms' epsilon.
    eps: f32,
}

impl Shape {
    /// Lengths of a layer's twelve arrays, in [`model::layer_parts`]' order.
    fn layer_sizes(&self) -> [usize; 12] {
        let (h, i) = (self.hidden, self.intermediate);
        [h * 3 * h, 3 * h, h * h, h, h, h, h * i, i, i * h, h, h, h]
    }

    fn layer_len(&self) -> usize {
        self.layer_sizes().iter().sum()
    }

    /// Where the head's weight (`hidden × labels`, then `labels` biases) starts.
    fn head_start(&self) -> usize {
        self.layers * self.layer_len()
    }

    fn len(&self) -> usize {
        self.head_start() + (self.hidden + 1) * self.labels
    }
}

/// Layers tuned above a frozen base, and a linear head over the last one's
/// token vectors.
#[derive(Debug, Clone, PartialEq)]
pub struct TunedTop {
    base: usize,
    shape: Shape,
    /// Each tuned layer's twelve arrays, then the head's weight and bias.
    params: Vec<f32>,
    /// The same before tuning: the checkpoint's layers and a zero head.
    origin: Vec<f32>,
}

/// Opens a file of [`TunedTop::to_bytes`].
const MAGIC: &[u8] = b"NGTOP1\n";

/// The checkpoint's layers `base + 1 ..= base + shape.layers` and a zero
/// head: where tuning starts, and what a file of [`TunedTop::to_bytes`] is
/// the difference from.
fn origin(tensors: &Tensors, base: usize, shape: Shape) -> Result<Vec<f32>, EncoderError> {
    let mut params = Vec::with_capacity(shape.len());
    for l in base..base + shape.layers {
        model::layer_parts(tensors, l, shape.hidden, shape.intermediate)?.iter().for_each(|p| params.extend(p));
    }
    params.resize(shape.len(), 0.0);
    Ok(params)
}

/// `x` as a bfloat16 (the top half of its bits), rounded to nearest, ties to even.
fn to_bf16(x: f32) -> u16 {
    let bits = x.to_bits();
    ((bits + 0x7fff + ((bits >> 16) & 1)) >> 16) as u16
}

fn from_bf16(half: u16) -> f32 {
    f32::from_bits(u32::from(half) << 16)
}

impl TunedTop {
    /// The layer whose token vectors the head reads (1-based, as in
    /// [`Encoder::token_vectors`]).
    pub fn top_layer(&self) -> usize {
        self.base + self.shape.layers
    }

    pub fn labels(&self) -> usize {
        self.shape.labels
    }

    /// The head's scores of each label for a token vector of the top layer.
    pub fn logits(&self, vector: &[f32]) -> Vec<f32> {
        let (h, n) = (self.shape.hidden, self.shape.labels);
        let (weight, bias) = self.params[self.shape.head_start()..].split_at(h * n);
        let mut out = bias.to_vec();
        for (x, row) in vector.iter().zip(weight.chunks_exact(n)) {
            out.iter_mut().zip(row).for_each(|(o, w)| *o += x * w);
        }
        out
    }

    fn layer(&self, l: usize) -> [&[f32]; 12] {
        let len = self.shape.layer_len();
        parts(&self.params[l * len..(l + 1) * len], self.shape.layer_sizes())
    }

    /// The file: a header of the shape, then each parameter's change from
    /// the checkpoint's (the head's from zero) as a bfloat16. Changes are
    /// small beside the weights, so this loses less than storing the
    /// weights themselves in 16 bits, in half the bytes of `f32`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let s = self.shape;
        let mut out = MAGIC.to_vec();
        for n in [self.base, s.layers, s.hidden, s.heads, s.intermediate, s.labels] {
            out.extend((n as u32).to_le_bytes());
        }
        out.extend(s.eps.to_le_bytes());
        for (p, o) in self.params.iter().zip(&self.origin) {
            out.extend(to_bf16(p - o).to_le_bytes());
        }
        out
    }

    /// A file of [`TunedTop::to_bytes`], over the checkpoint's `tensors`
    /// ([`Encoder::load_tuned`]).
    pub(crate) fn from_bytes(bytes: &[u8], tensors: &Tensors) -> Result<TunedTop, String> {
        let (base, shape, changes) = TunedTop::parse(bytes)?;
        let origin = origin(tensors, base, shape).map_err(|e| e.problem)?;
        Ok(TunedTop::changed(base, shape, origin, &changes))
    }

    /// The shape and the changes of a file of [`TunedTop::to_bytes`].
    fn parse(bytes: &[u8]) -> Result<(usize, Shape, Vec<f32>), String> {
        let rest = bytes.strip_prefix(MAGIC).ok_or("not a tuned encoder top (bad magic)")?;
        let (header, rest) = rest.split_at_checked(28).ok_or("a tuned encoder top cut short")?;
        let n: Vec<usize> =
            header[..24].chunks_exact(4).map(|b| u32::from_le_bytes(b.try_into().unwrap()) as usize).collect();
        let eps = f32::from_le_bytes(header[24..].try_into().unwrap());
        if n[2..].iter().any(|&x| x == 0 || x > 1 << 16) || n[1] > 64 || !n[2].is_multiple_of(n[3]) {
            return Err(format!("implausible tuned encoder top shape {n:?}"));
        }
        let shape = Shape { layers: n[1], hidden: n[2], heads: n[3], intermediate: n[4], labels: n[5], eps };
        if rest.len() != 2 * shape.len() {
            return Err(format!("a tuned encoder top of {} bytes, expected {}", rest.len(), 2 * shape.len()));
        }
        Ok((n[0], shape, rest.chunks_exact(2).map(|b| from_bf16(u16::from_le_bytes([b[0], b[1]]))).collect()))
    }

    fn changed(base: usize, shape: Shape, origin: Vec<f32>, changes: &[f32]) -> TunedTop {
        let params = origin.iter().zip(changes).map(|(o, c)| o + c).collect();
        TunedTop { base, shape, params, origin }
    }
}

impl Encoder {
    /// This encoder with `top`'s layers in place of its own above `top`'s
    /// base, and `top`'s head: layer [`TunedTop::top_layer`]'s token
    /// vectors are what the head reads.
    pub fn with_top(mut self, top: TunedTop) -> Result<Encoder, String> {
        let s = top.shape;
        let fits = s.hidden == self.bert.hidden()
            && s.heads == self.bert.heads()
            && s.intermediate == self.bert.intermediate()
            && top.top_layer() <= self.depth();
        if !fits {
            return Err(format!(
                "a tuned encoder top of shape {s:?} above layer {} does not fit this encoder",
                top.base
            ));
        }
        for l in 0..s.layers {
            self.bert.replace_layer(top.base + l, &top.layer(l));
        }
        self.top = Some(top);
        Ok(self)
    }

    /// The tuned top and head, if [`Encoder::with_top`] gave one.
    pub fn top(&self) -> Option<&TunedTop> {
        self.top.as_ref()
    }
}

/// One window of training data: the frozen layer's rows and what they must say.
struct TuneWindow {
    /// `rows × hidden`, `[CLS]` and `[SEP]` included.
    states: Vec<f32>,
    targets: Vec<Target>,
}

/// A row's label, weighted by the row's share of its token.
#[derive(Clone, Copy)]
struct Target {
    row: usize,
    label: usize,
    weight: f32,
}

/// Tunes layers `config.base + 1 ..= config.base + config.layers` of the
/// encoder in `dir` and a head over `config.labels` labels on `texts`.
/// `progress(epoch, mean loss, token accuracy)` follows each epoch.
pub fn tune_top(
    dir: &Path,
    texts: &[TuneText],
    config: &TuneConfig,
    mut progress: impl FnMut(usize, f64, f64),
) -> Result<TunedTop, EncoderError> {
    let (encoder, tensors) = Encoder::read(dir, true)?;
    let weights = dir.join("model.safetensors");
    let bert = &encoder.bert;
    let shape = Shape {
        hidden: bert.hidden(),
        heads: bert.heads(),
        intermediate: bert.intermediate(),
        labels: config.labels,
        layers: config.layers,
        eps: bert.eps(),
    };
    if config.base + config.layers > bert.depth() || config.layers == 0 {
        let problem = format!("cannot tune {} layers above layer {} of {}", config.layers, config.base, bert.depth());
        return Err(EncoderError::new(&weights, problem));
    }
    let origin = origin(&tensors, config.base, shape)?;
    let mut top = TunedTop { base: config.base, shape, params: origin.clone(), origin };

    let windows: Vec<TuneWindow> = in_parallel(texts, config.threads, |text| frozen_windows(&encoder, text, config))
        .into_iter()
        .flatten()
        .filter(|w| !w.targets.is_empty())
        .collect();
    let per_step = config.windows_per_step.max(1);
    let steps = config.epochs * windows.len().div_ceil(per_step);
    let mut adam = Adam::new(shape.len());
    let mut random = SplitMix(config.seed);
    let mut order: Vec<usize> = (0..windows.len()).collect();
    for epoch in 1..=config.epochs {
        random.shuffle(&mut order);
        let (mut loss, mut weight, mut correct) = (0.0, 0.0, 0.0);
        for step in order.chunks(per_step) {
            let parts: Vec<&[usize]> = step.chunks(step.len().div_ceil(config.threads.max(1))).collect();
            let results = in_parallel(&parts, config.threads, |part| {
                let batch: Vec<&TuneWindow> = part.iter().map(|&w| &windows[w]).collect();
                gradients(&top, &batch)
            });
            let mut total = vec![0.0; shape.len()];
            for pass in &results {
                total.iter_mut().zip(&pass.gradients).for_each(|(t, g)| *t += g);
                (loss, weight, correct) = (loss + pass.loss, weight + pass.weight, correct + pass.correct);
            }
            let step_weight: f64 = results.iter().map(|r| r.weight).sum();
            let fraction = (adam.step + 1) as f32 / steps.max(1) as f32;
            // Warm up over the first tenth, then decay linearly to zero.
            let schedule = (fraction / 0.1).min((1.0 - fraction) / 0.9).clamp(0.0, 1.0);
            let rates = (config.learning_rate * schedule, config.head_learning_rate * schedule);
            adam.update(&mut top.params, &total, 1.0 / step_weight.max(1.0) as f32, shape.head_start(), rates);
        }
        progress(epoch, loss / weight.max(1.0), correct / weight.max(1.0));
    }
    Ok(top)
}

/// `text`'s windows with their rows at layer `config.base` and their targets.
fn frozen_windows(encoder: &Encoder, text: &TuneText, config: &TuneConfig) -> Vec<TuneWindow> {
    let planned = encoder.plan(text.text, &text.regions, &text.sentences, &text.tokens);
    let h = encoder.dim();
    let mut out = Vec::with_capacity(planned.len());
    encoder.run_windows(&planned, config.base, |batch, layer, states| {
        if layer != config.base {
            return;
        }
        let mut first = 0;
        for window in batch {
            let n = window.ids.len();
            let targets = window
                .links
                .iter()
                .filter_map(|link| {
                    let label = text.labels.get(link.token).copied().flatten()?;
                    Some(Target { row: link.row, label: usize::from(label), weight: link.weight })
                })
                .collect();
            out.push(TuneWindow { states: states[first * h..(first + n) * h].to_vec(), targets });
            first += n;
        }
    });
    out
}

/// What one batch of windows contributes to a step.
struct Pass {
    gradients: Vec<f32>,
    loss: f64,
    /// Sum of the targets' weights: the number of tokens taught.
    weight: f64,
    correct: f64,
}

/// The gradients of the summed weighted cross-entropy of `windows` with
/// respect to every parameter of `top`.
fn gradients(top: &TunedTop, windows: &[&TuneWindow]) -> Pass {
    let s = top.shape;
    let lens: Vec<usize> = windows.iter().map(|w| w.states.len() / s.hidden).collect();
    let mut x: Vec<f32> = windows.iter().flat_map(|w| w.states.iter().copied()).collect();
    let mut targets = Vec::new();
    let mut first = 0;
    for (window, n) in windows.iter().zip(&lens) {
        targets.extend(window.targets.iter().map(|t| Target { row: t.row + first, ..*t }));
        first += n;
    }
    let mut passes = Vec::with_capacity(s.layers);
    for l in 0..s.layers {
        let pass = layer_forward(top.layer(l), s, x, &lens);
        x = pass.output.clone();
        passes.push(pass);
    }
    let mut gradients = vec![0.0; s.len()];
    let (layer_grads, head_grads) = gradients.split_at_mut(s.head_start());
    let (head_w, head_b) = top.params[s.head_start()..].split_at(s.hidden * s.labels);
    let (dw, db) = head_grads.split_at_mut(s.hidden * s.labels);
    let (mut dy, loss, weight, correct) = head_backward(&x, s, (head_w, head_b), &targets, (dw, db));
    for (l, pass) in passes.iter().enumerate().rev() {
        let grads = &mut layer_grads[l * s.layer_len()..(l + 1) * s.layer_len()];
        dy = layer_backward(top.layer(l), parts_mut(grads, s.layer_sizes()), s, pass, &dy, &lens, l > 0);
    }
    Pass { gradients, loss, weight, correct }
}

/// What a layer's forward pass keeps for its backward pass; every matrix is
/// `rows × width`, rows stacked window after window.
struct LayerPass {
    input: Vec<f32>,
    qkv: Vec<f32>,
    /// Each window's attention probabilities, head by head, `n × n` each.
    probs: Vec<f32>,
    context: Vec<f32>,
    /// The attention sublayer's normalised sum, its rows' reciprocal
    /// standard deviations, and its output.
    norm1: Vec<f32>,
    rstd1: Vec<f32>,
    hidden1: Vec<f32>,
    /// The feed-forward network's first projection, before and after GELU.
    pre: Vec<f32>,
    act: Vec<f32>,
    norm2: Vec<f32>,
    rstd2: Vec<f32>,
    output: Vec<f32>,
}

fn layer_forward(p: [&[f32]; 12], s: Shape, input: Vec<f32>, lens: &[usize]) -> LayerPass {
    let (h, i) = (s.hidden, s.intermediate);
    let rows = input.len() / h;
    let qkv = linear(&input, h, p[0], p[1]);
    let (probs, context) = attention_forward(&qkv, s, lens);
    let mut sum = linear(&context, h, p[2], p[3]);
    sum.iter_mut().zip(&input).for_each(|(a, x)| *a += x);
    let (norm1, rstd1, hidden1) = layer_norm(&sum, p[4], p[5], s.eps);
    let pre = linear(&hidden1, h, p[6], p[7]);
    let act: Vec<f32> = pre.iter().map(|&v| model::gelu(v)).collect();
    let mut sum = linear(&act, i, p[8], p[9]);
    sum.iter_mut().zip(&hidden1).for_each(|(z, y)| *z += y);
    let (norm2, rstd2, output) = layer_norm(&sum, p[10], p[11], s.eps);
    debug_assert_eq!(output.len(), rows * h);
    LayerPass { input, qkv, probs, context, norm1, rstd1, hidden1, pre, act, norm2, rstd2, output }
}

/// The gradient with respect to the layer's input (if `input_gradient`,
/// else empty), given the gradient `dout` of its output; adds the
/// parameters' gradients to `g`.
fn layer_backward(
    p: [&[f32]; 12],
    g: [&mut [f32]; 12],
    s: Shape,
    pass: &LayerPass,
    dout: &[f32],
    lens: &[usize],
    input_gradient: bool,
) -> Vec<f32> {
    let (h, i) = (s.hidden, s.intermediate);
    let [g_qkv_w, g_qkv_b, g_att_w, g_att_b, g_n1_w, g_n1_b, g_in_w, g_in_b, g_out_w, g_out_b, g_n2_w, g_n2_b] = g;
    let dsum2 = layer_norm_backward(dout, &pass.norm2, &pass.rstd2, p[10], (g_n2_w, g_n2_b));
    let mut dact = vec![0.0; pass.act.len()];
    linear_backward(&pass.act, i, p[8], &dsum2, (g_out_w, g_out_b), Some(&mut dact));
    let dpre: Vec<f32> = dact.iter().zip(&pass.pre).map(|(d, &x)| d * gelu_derivative(x)).collect();
    let mut dhidden1 = dsum2;
    linear_backward(&pass.hidden1, h, p[6], &dpre, (g_in_w, g_in_b), Some(&mut dhidden1));
    let dsum1 = layer_norm_backward(&dhidden1, &pass.norm1, &pass.rstd1, p[4], (g_n1_w, g_n1_b));
    let mut dcontext = vec![0.0; pass.context.len()];
    linear_backward(&pass.context, h, p[2], &dsum1, (g_att_w, g_att_b), Some(&mut dcontext));
    let dqkv = attention_backward(&pass.qkv, &pass.probs, &dcontext, s, lens);
    if input_gradient {
        let mut dinput = dsum1;
        linear_backward(&pass.input, h, p[0], &dqkv, (g_qkv_w, g_qkv_b), Some(&mut dinput));
        dinput
    } else {
        linear_backward(&pass.input, h, p[0], &dqkv, (g_qkv_w, g_qkv_b), None);
        Vec::new()
    }
}

/// `input · weight + bias` for `input` of rows `inputs` wide.
fn linear(input: &[f32], inputs: usize, weight: &[f32], bias: &[f32]) -> Vec<f32> {
    let (rows, outputs) = (input.len() / inputs, bias.len());
    let mut out: Vec<f32> = bias.iter().copied().cycle().take(rows * outputs).collect();
    gemm(
        1.0,
        Matrix::dense(input, rows, inputs),
        Matrix::dense(weight, inputs, outputs),
        1.0,
        MatrixMut::dense(&mut out, rows, outputs),
    );
    out
}

/// Backward through [`linear`]: adds `inputᵀ·dout` and the column sums of
/// `dout` to the weight's and bias's gradients, and `dout·weightᵀ` to `dinput`.
fn linear_backward(
    input: &[f32],
    inputs: usize,
    weight: &[f32],
    dout: &[f32],
    (dweight, dbias): (&mut [f32], &mut [f32]),
    dinput: Option<&mut [f32]>,
) {
    let outputs = dbias.len();
    let rows = dout.len() / outputs;
    let input_t = Matrix { data: input, rows: inputs, cols: rows, row_stride: 1, col_stride: inputs };
    gemm(1.0, input_t, Matrix::dense(dout, rows, outputs), 1.0, MatrixMut::dense(dweight, inputs, outputs));
    for row in dout.chunks_exact(outputs) {
        dbias.iter_mut().zip(row).for_each(|(b, d)| *b += d);
    }
    if let Some(dinput) = dinput {
        let weight_t = Matrix { data: weight, rows: outputs, cols: inputs, row_stride: 1, col_stride: outputs };
        gemm(1.0, Matrix::dense(dout, rows, outputs), weight_t, 1.0, MatrixMut::dense(dinput, rows, inputs));
    }
}

/// Each window's attention, head by head, as [`crate::model`] computes it:
/// the probabilities (kept for the backward pass) and the context.
fn attention_forward(qkv: &[f32], s: Shape, lens: &[usize]) -> (Vec<f32>, Vec<f32>) {
    let (h, d) = (s.hidden, s.hidden / s.heads);
    let scale = 1.0 / (d as f32).sqrt();
    let rows: usize = lens.iter().sum();
    let mut probs = vec![0.0; lens.iter().map(|n| n * n).sum::<usize>() * s.heads];
    let mut context = vec![0.0; rows * h];
    let (mut first, mut offset) = (0, 0);
    for &n in lens {
        let qkv = &qkv[first * 3 * h..(first + n) * 3 * h];
        for head in 0..s.heads {
            let p = &mut probs[offset..offset + n * n];
            gemm(
                scale,
                rows_of(qkv, head * d, n, d, 3 * h),
                cols_of(qkv, h + head * d, n, d, 3 * h),
                0.0,
                MatrixMut::dense(p, n, n),
            );
            p.chunks_exact_mut(n).for_each(model::softmax);
            let out = MatrixMut { data: &mut context[first * h + head * d..], rows: n, cols: d, row_stride: h };
            gemm(1.0, Matrix::dense(p, n, n), rows_of(qkv, 2 * h + head * d, n, d, 3 * h), 0.0, out);
            offset += n * n;
        }
        first += n;
    }
    (probs, context)
}

/// The gradient with respect to `qkv` of the attention, given that of its context.
fn attention_backward(qkv: &[f32], probs: &[f32], dcontext: &[f32], s: Shape, lens: &[usize]) -> Vec<f32> {
    let (h, d) = (s.hidden, s.hidden / s.heads);
    let scale = 1.0 / (d as f32).sqrt();
    let mut dqkv = vec![0.0; qkv.len()];
    let longest = lens.iter().copied().max().unwrap_or(0);
    let mut dscores = vec![0.0; longest * longest];
    let (mut first, mut offset) = (0, 0);
    for &n in lens {
        let qkv = &qkv[first * 3 * h..(first + n) * 3 * h];
        let dqkv = &mut dqkv[first * 3 * h..(first + n) * 3 * h];
        for head in 0..s.heads {
            let p = &probs[offset..offset + n * n];
            let dc = Matrix { data: &dcontext[first * h + head * d..], rows: n, cols: d, row_stride: h, col_stride: 1 };
            let ds = &mut dscores[..n * n];
            // dP = dC·vᵀ, dv = Pᵀ·dC.
            gemm(1.0, dc, cols_of(qkv, 2 * h + head * d, n, d, 3 * h), 0.0, MatrixMut::dense(ds, n, n));
            let p_t = Matrix { data: p, rows: n, cols: n, row_stride: 1, col_stride: n };
            gemm(1.0, p_t, dc, 0.0, rows_of_mut(dqkv, 2 * h + head * d, n, d, 3 * h));
            // Through the softmax: dS = P ⊙ (dP − Σⱼ dPⱼ·Pⱼ), row by row.
            for (ds_row, p_row) in ds.chunks_exact_mut(n).zip(p.chunks_exact(n)) {
                let dot: f32 = ds_row.iter().zip(p_row).map(|(a, b)| a * b).sum();
                ds_row.iter_mut().zip(p_row).for_each(|(g, &p)| *g = p * (*g - dot));
            }
            // dq = scale·dS·k, dk = scale·dSᵀ·q.
            let ds = Matrix::dense(ds, n, n);
            gemm(scale, ds, rows_of(qkv, h + head * d, n, d, 3 * h), 0.0, rows_of_mut(dqkv, head * d, n, d, 3 * h));
            let ds_t = Matrix { col_stride: n, row_stride: 1, ..ds };
            gemm(scale, ds_t, rows_of(qkv, head * d, n, d, 3 * h), 0.0, rows_of_mut(dqkv, h + head * d, n, d, 3 * h));
            offset += n * n;
        }
        first += n;
    }
    dqkv
}

/// The `n × d` block of `data` (rows `stride` apart) starting at column `column`.
fn rows_of(data: &[f32], column: usize, n: usize, d: usize, stride: usize) -> Matrix<'_> {
    Matrix { data: &data[column..], rows: n, cols: d, row_stride: stride, col_stride: 1 }
}

/// The transpose (`d × n`) of [`rows_of`].
fn cols_of(data: &[f32], column: usize, n: usize, d: usize, stride: usize) -> Matrix<'_> {
    Matrix { data: &data[column..], rows: d, cols: n, row_stride: 1, col_stride: stride }
}

fn rows_of_mut(data: &mut [f32], column: usize, n: usize, d: usize, stride: usize) -> MatrixMut<'_> {
    MatrixMut { data: &mut data[column..], rows: n, cols: d, row_stride: stride }
}

/// LayerNorm of each row: the normalised rows, their reciprocal standard
/// deviations, and the output.
fn layer_norm(x: &[f32], weight: &[f32], bias: &[f32], eps: f32) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
    let h = weight.len();
    let mut norm = x.to_vec();
    let mut rstd = Vec::with_capacity(x.len() / h);
    let mut out = Vec::with_capacity(x.len());
    for row in norm.chunks_exact_mut(h) {
        let mean = model::sum(row) / h as f32;
        row.iter_mut().for_each(|v| *v -= mean);
        let variance = row.iter().map(|v| v * v).sum::<f32>() / h as f32;
        let r = 1.0 / (variance + eps).sqrt();
        row.iter_mut().for_each(|v| *v *= r);
        rstd.push(r);
        out.extend(row.iter().zip(weight).zip(bias).map(|((v, w), b)| v * w + b));
    }
    (norm, rstd, out)
}

/// Backward through [`layer_norm`]: the gradient of its input, given that
/// of its output; adds the scale's and shift's gradients to `dweight`, `dbias`.
fn layer_norm_backward(
    dout: &[f32],
    norm: &[f32],
    rstd: &[f32],
    weight: &[f32],
    (dweight, dbias): (&mut [f32], &mut [f32]),
) -> Vec<f32> {
    let h = weight.len();
    let mut dx = Vec::with_capacity(dout.len());
    let mut dn = vec![0.0; h];
    for ((dy, n), &r) in dout.chunks_exact(h).zip(norm.chunks_exact(h)).zip(rstd) {
        for j in 0..h {
            dweight[j] += dy[j] * n[j];
            dbias[j] += dy[j];
            dn[j] = dy[j] * weight[j];
        }
        let mean = dn.iter().sum::<f32>() / h as f32;
        let mean_n = dn.iter().zip(n).map(|(a, b)| a * b).sum::<f32>() / h as f32;
        dx.extend(dn.iter().zip(n).map(|(g, v)| r * (g - mean - v * mean_n)));
    }
    dx
}

/// d/dx of the exact GELU, `Φ(x) + x·φ(x)`.
fn gelu_derivative(x: f32) -> f32 {
    let cdf = 0.5 * (1.0 + model::erf(x * std::f32::consts::FRAC_1_SQRT_2));
    let pdf = model::exp(-0.5 * x * x) * 0.398_942_3;
    cdf + x * pdf
}

/// The head's loss over `targets` and its gradients: adds the head's weight
/// and bias gradients to `dhead`; returns the gradient of the top layer's
/// rows, the summed loss, the targets' summed weight and the weight of
/// those labelled right.
fn head_backward(
    top: &[f32],
    s: Shape,
    (weight, bias): (&[f32], &[f32]),
    targets: &[Target],
    dhead: (&mut [f32], &mut [f32]),
) -> (Vec<f32>, f64, f64, f64) {
    let (h, n) = (s.hidden, s.labels);
    let logits = linear(top, h, weight, bias);
    let mut dlogits = vec![0.0; logits.len()];
    let (mut loss, mut total, mut correct) = (0.0, 0.0, 0.0);
    for t in targets {
        let mut p = logits[t.row * n..(t.row + 1) * n].to_vec();
        let best = (0..n).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(0);
        model::softmax(&mut p);
        loss -= f64::from(t.weight) * f64::from(p[t.label].max(1e-30)).ln();
        total += f64::from(t.weight);
        correct += if best == t.label { f64::from(t.weight) } else { 0.0 };
        p[t.label] -= 1.0;
        dlogits[t.row * n..(t.row + 1) * n].iter_mut().zip(&p).for_each(|(g, v)| *g += t.weight * v);
    }
    let mut dtop = vec![0.0; top.len()];
    linear_backward(top, h, weight, &dlogits, dhead, Some(&mut dtop));
    (dtop, loss, total, correct)
}

/// Adam's moment estimates.
struct Adam {
    m: Vec<f32>,
    v: Vec<f32>,
    step: u32,
}

impl Adam {
    fn new(len: usize) -> Adam {
        Adam { m: vec![0.0; len], v: vec![0.0; len], step: 0 }
    }

    /// One step along `gradients` scaled by `scale` (and clipped to norm 1):
    /// parameters before `head_start` at `rates.0`, the rest at `rates.1`.
    fn update(&mut self, params: &mut [f32], gradients: &[f32], scale: f32, head_start: usize, rates: (f32, f32)) {
        const BETA1: f32 = 0.9;
        const BETA2: f32 = 0.999;
        const EPS: f32 = 1e-8;
        let norm = gradients.iter().map(|g| f64::from(g * scale).powi(2)).sum::<f64>().sqrt() as f32;
        let scale = scale / norm.max(1.0);
        self.step += 1;
        let correction1 = 1.0 - BETA1.powi(self.step as i32);
        let correction2 = 1.0 - BETA2.powi(self.step as i32);
        for (k, ((p, g), (m, v))) in
            params.iter_mut().zip(gradients.iter()).zip(self.m.iter_mut().zip(self.v.iter_mut())).enumerate()
        {
            let g = g * scale;
            *m = BETA1 * *m + (1.0 - BETA1) * g;
            *v = BETA2 * *v + (1.0 - BETA2) * g * g;
            let rate = if k < head_start { rates.0 } else { rates.1 };
            *p -= rate * (*m / correction1) / ((*v / correction2).sqrt() + EPS);
        }
    }
}

/// A layer's twelve arrays as slices of its part of the parameters.
fn parts(mut rest: &[f32], sizes: [usize; 12]) -> [&[f32]; 12] {
    sizes.map(|n| {
        let (part, tail) = rest.split_at(n);
        rest = tail;
        part
    })
}

fn parts_mut(mut rest: &mut [f32], sizes: [usize; 12]) -> [&mut [f32]; 12] {
    sizes.map(|n| {
        let (part, tail) = std::mem::take(&mut rest).split_at_mut(n);
        rest = tail;
        part
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> (TunedTop, Vec<TuneWindow>) {
        let shape = Shape { hidden: 8, heads: 2, intermediate: 12, labels: 3, layers: 2, eps: 1e-12 };
        let mut random = SplitMix(11);
        let mut draw = |spread: f64| ((random.unit() * 2.0 - 1.0) * spread) as f32;
        let params: Vec<f32> = (0..shape.len()).map(|_| draw(0.5)).collect();
        let top = TunedTop { base: 0, shape, origin: params.iter().map(|p| p - 0.01).collect(), params };
        let windows = [5, 3]
            .iter()
            .map(|&n| TuneWindow {
                states: (0..n * shape.hidden).map(|_| draw(1.0)).collect(),
                targets: (0..n)
                    .step_by(2)
                    .map(|row| Target { row, label: row % 3, weight: 0.5 + row as f32 / 10.0 })
                    .collect(),
            })
            .collect();
        (top, windows)
    }

    #[test]
    fn gradients_match_finite_differences() {
        let (mut top, windows) = small();
        let batch: Vec<&TuneWindow> = windows.iter().collect();
        let analytic = gradients(&top, &batch).gradients;
        let step = 1e-2;
        let mut checked = 0;
        // Every third parameter: each array of both layers and the head gets some.
        for k in (0..top.params.len()).step_by(3) {
            let original = top.params[k];
            top.params[k] = original + step;
            let up = gradients(&top, &batch).loss;
            top.params[k] = original - step;
            let down = gradients(&top, &batch).loss;
            top.params[k] = original;
            let numeric = ((up - down) / (2.0 * f64::from(step))) as f32;
            let tolerance = 2e-3 + 0.05 * numeric.abs();
            assert!(
                (numeric - analytic[k]).abs() < tolerance,
                "parameter {k}: {numeric} by differences, {} by backprop",
                analytic[k]
            );
            checked += 1;
        }
        assert!(checked > 300);
    }

    #[test]
    fn windows_attend_only_to_themselves() {
        // The second window alone gives the rows it gives beside the first.
        let (top, windows) = small();
        let input: Vec<f32> = windows.iter().flat_map(|w| w.states.iter().copied()).collect();
        let once = layer_forward(top.layer(0), top.shape, input, &[5, 3]);
        let alone = layer_forward(top.layer(0), top.shape, windows[1].states.clone(), &[3]);
        for (a, b) in once.output[5 * 8..].iter().zip(&alone.output) {
            assert!((a - b).abs() < 1e-5);
        }
    }

    #[test]
    fn a_tuned_top_survives_its_bytes_as_changes_and_rejects_damage() {
        let (top, _) = small();
        let bytes = top.to_bytes();
        let (base, shape, changes) = TunedTop::parse(&bytes).unwrap();
        let loaded = TunedTop::changed(base, shape, top.origin.clone(), &changes);
        assert_eq!((loaded.base, loaded.shape), (top.base, top.shape));
        for (a, b) in loaded.params.iter().zip(&top.params) {
            // A change of 0.01 kept to 8 bits of precision.
            assert!((a - b).abs() < 1e-4, "{a} loaded, {b} saved");
        }
        assert!(TunedTop::parse(&bytes[..bytes.len() - 2]).is_err());
        assert!(TunedTop::parse(b"NGSTACK1\n").is_err());
    }
}
