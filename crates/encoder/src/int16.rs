//! Matrix products in 16-bit integers, for CPUs with AVX2 and FMA.
//!
//! `vpmaddwd` multiplies sixteen pairs of 16-bit integers and adds them in
//! pairs into eight 32-bit sums: twice the multiply-adds of an 8-wide `f32`
//! FMA in one instruction. Weights are rounded once, per output column, to
//! integers of at most [`LEVELS`] in magnitude; each row of inputs is rounded
//! the same way when it is used. Sums run over at most [`CHUNK`] inputs before
//! they are scaled back to floats, which keeps every 32-bit sum exact:
//! `LEVELS² · CHUNK < 2³¹`. Rounding errs by at most half a step in 2,047 of
//! each row's or column's largest value.

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;
use std::cell::RefCell;

/// The largest integer a weight or input is rounded to.
const LEVELS: f32 = 2047.0;
/// Inputs summed in 32-bit integers before the sums are scaled to floats.
const CHUNK: usize = 384;
/// Output columns a panel of packed weights holds: two vectors of eight sums.
const PANEL: usize = 16;
/// Rows of inputs each step of the kernel keeps in registers (12 of the 16 vectors).
const ROWS: usize = 6;
/// Rows of inputs whose integers are worked through together, so that they
/// stay in cache (24 rows of 384 inputs: 18 KB; 48 were about 5% slower).
const BLOCK: usize = 24;

const _: () = assert!(LEVELS as i64 * LEVELS as i64 * CHUNK as i64 <= i32::MAX as i64);

/// A weight matrix (`inputs × outputs`) rounded to integers and packed in
/// panels of [`PANEL`] columns: for each pair of inputs, the pair's two
/// weights of each column side by side, as `vpmaddwd` pairs them.
pub struct Weights {
    inputs: usize,
    outputs: usize,
    packed: Vec<i16>,
    /// Each column's step: a weight is about its integer times this.
    scale: Vec<f32>,
}

impl Weights {
    /// Whether the CPU can run these products.
    fn supported() -> bool {
        #[cfg(target_arch = "x86_64")]
        {
            is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma")
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            false
        }
    }

    /// Rounds `weight` (row-major `inputs × outputs`), if the CPU can run
    /// the products and the shape suits the kernel: `inputs` a multiple of
    /// [`CHUNK`] or an even number below it, `outputs` a multiple of [`PANEL`].
    pub fn new(weight: &[f32], inputs: usize, outputs: usize) -> Option<Weights> {
        assert_eq!(weight.len(), inputs * outputs, "weights of {inputs} × {outputs}");
        let fits = inputs.is_multiple_of(2) && (inputs <= CHUNK || inputs.is_multiple_of(CHUNK));
        if !(Weights::supported() && fits && outputs.is_multiple_of(PANEL)) {
            return None;
        }
        let scale: Vec<f32> = (0..outputs)
            .map(|c| {
                let largest = (0..inputs).map(|i| weight[i * outputs + c].abs()).fold(0.0, f32::max);
                if largest > 0.0 {
                    largest / LEVELS
                } else {
                    1.0
                }
            })
            .collect();
        let mut packed = Vec::with_capacity(inputs * outputs);
        for panel in (0..outputs).step_by(PANEL) {
            for pair in (0..inputs).step_by(2) {
                for c in panel..panel + PANEL {
                    for i in [pair, pair + 1] {
                        packed.push((weight[i * outputs + c] / scale[c]).round_ties_even() as i16);
                    }
                }
            }
        }
        Some(Weights { inputs, outputs, packed, scale })
    }

    /// `output = input·W + bias` for `input` row-major `rows × inputs`, or
    /// with `residual`, `output += input·W + bias`.
    pub fn multiply_add(&self, input: &[f32], output: &mut [f32], bias: &[f32], residual: bool) {
        assert!(input.len().is_multiple_of(self.inputs), "input of {} floats", input.len());
        let rows = input.len() / self.inputs;
        assert_eq!(output.len(), rows * self.outputs, "output size");
        assert_eq!(bias.len(), self.outputs, "bias size");
        assert!(Weights::supported(), "16-bit products need AVX2 and FMA");
        QUANTIZED.with_borrow_mut(|(q, steps)| {
            // SAFETY: the CPU has AVX2 and FMA (asserted above); the buffers' sizes are checked above and in `quantize`.
            unsafe {
                quantize(input, self.inputs, q, steps);
                self.multiply_add_avx2(q, steps, output, bias, residual);
            }
        })
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn multiply_add_avx2(&self, q: &[i16], steps: &[f32], output: &mut [f32], bias: &[f32], residual: bool) {
        let (k, n) = (self.inputs, self.outputs);
        let rows = steps.len();
        let chunk = k.min(CHUNK);
        for block in (0..rows).step_by(BLOCK) {
            let block_end = (block + BLOCK).min(rows);
            for (p, panel) in self.packed.chunks_exact(k * PANEL).enumerate() {
                for from in (0..k).step_by(chunk) {
                    let b = &panel[from * PANEL..(from + chunk) * PANEL];
                    let mut r = block;
                    while r < block_end {
                        let count = (block_end - r).min(ROWS);
                        let a = &q[r * k + from..];
                        let out = &mut output[r * n + p * PANEL..];
                        let steps = &steps[r..r + count];
                        let scale = &self.scale[p * PANEL..(p + 1) * PANEL];
                        // The first chunk's sums start from the bias (and the residual), later ones from the output.
                        let start = match (from, residual) {
                            (0, false) => Start::Bias(&bias[p * PANEL..(p + 1) * PANEL]),
                            (0, true) => Start::OutputAndBias(&bias[p * PANEL..(p + 1) * PANEL]),
                            _ => Start::Output,
                        };
                        match count {
                            6 => kernel::<6>(a, k, b, steps, scale, start, out, n),
                            5 => kernel::<5>(a, k, b, steps, scale, start, out, n),
                            4 => kernel::<4>(a, k, b, steps, scale, start, out, n),
                            3 => kernel::<3>(a, k, b, steps, scale, start, out, n),
                            2 => kernel::<2>(a, k, b, steps, scale, start, out, n),
                            _ => kernel::<1>(a, k, b, steps, scale, start, out, n),
                        }
                        r += count;
                    }
                }
            }
        }
    }

    #[cfg(not(target_arch = "x86_64"))]
    unsafe fn multiply_add_avx2(&self, _: &[i16], _: &[f32], _: &mut [f32], _: &[f32], _: bool) {
        unreachable!("16-bit products need AVX2")
    }
}

thread_local! {
    /// The rounded inputs of the current product and each row's step.
    static QUANTIZED: RefCell<(Vec<i16>, Vec<f32>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// Rounds each row of `input` (`width` wide) to integers of at most
/// [`LEVELS`] in magnitude, into `q`, and its step into `steps`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn quantize(input: &[f32], width: usize, q: &mut Vec<i16>, steps: &mut Vec<f32>) {
    q.clear();
    steps.clear();
    for row in input.chunks_exact(width) {
        let mut lanes = [0.0f32; 8];
        let chunks = row.chunks_exact(8);
        let rest = chunks.remainder().iter().fold(0.0f32, |m, v| m.max(v.abs()));
        for chunk in chunks {
            lanes.iter_mut().zip(chunk).for_each(|(l, v)| *l = l.max(v.abs()));
        }
        let largest = lanes.iter().fold(rest, |m, &v| m.max(v));
        let step = if largest > 0.0 { largest / LEVELS } else { 1.0 };
        let inverse = 1.0 / step;
        // Clamped, the value is a finite float within ±LEVELS even when an
        // input is not finite (`max` takes the number over a NaN): nothing
        // else makes the unchecked conversion sound. For finite inputs the
        // clamp changes nothing, as |v · inverse| ≤ LEVELS up to rounding.
        #[allow(clippy::manual_clamp)] // `clamp` would keep a NaN
        let level = |v: f32| (v * inverse).round_ties_even().max(-LEVELS).min(LEVELS);
        // SAFETY: `level` is finite and well inside i32 (above).
        q.extend(row.iter().map(|&v| unsafe { level(v).to_int_unchecked::<i32>() } as i16));
        steps.push(step);
    }
}

#[cfg(not(target_arch = "x86_64"))]
unsafe fn quantize(_: &[f32], _: usize, _: &mut Vec<i16>, _: &mut Vec<f32>) {
    unreachable!("16-bit products need AVX2")
}

/// What a kernel adds its products to.
#[derive(Clone, Copy)]
enum Start<'a> {
    /// The output as it is.
    Output,
    /// The panel's bias, overwriting the output.
    Bias(&'a [f32]),
    /// The output plus the panel's bias.
    OutputAndBias(&'a [f32]),
}

/// `out[r][c] = start[r][c] + steps[r] · scale[c] · Σ a[r][i]·b[i][c]` for
/// `R` rows (`lda` apart in `a`, `ldo` in `out`) and one panel of [`PANEL`]
/// columns, over the inputs `b` holds (packed pairs).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn kernel<const R: usize>(
    a: &[i16],
    lda: usize,
    b: &[i16],
    steps: &[f32],
    scale: &[f32],
    start: Start,
    out: &mut [f32],
    ldo: usize,
) {
    let pairs = b.len() / (2 * PANEL);
    assert!(steps.len() == R && scale.len() == PANEL && b.len() == pairs * 2 * PANEL);
    if let Start::Bias(bias) | Start::OutputAndBias(bias) = start {
        assert_eq!(bias.len(), PANEL);
    }
    assert!(a.len() >= (R - 1) * lda + 2 * pairs && out.len() >= (R - 1) * ldo + PANEL);
    let (a, b) = (a.as_ptr(), b.as_ptr());
    let mut sums = [[_mm256_setzero_si256(); 2]; R];
    for k in 0..pairs {
        let b0 = _mm256_loadu_si256(b.add(k * 2 * PANEL) as *const __m256i);
        let b1 = _mm256_loadu_si256(b.add(k * 2 * PANEL + PANEL) as *const __m256i);
        for (r, sum) in sums.iter_mut().enumerate() {
            let x = _mm256_set1_epi32((a.add(r * lda + 2 * k) as *const i32).read_unaligned());
            sum[0] = _mm256_add_epi32(sum[0], _mm256_madd_epi16(x, b0));
            sum[1] = _mm256_add_epi32(sum[1], _mm256_madd_epi16(x, b1));
        }
    }
    let out = out.as_mut_ptr();
    for (r, sum) in sums.iter().enumerate() {
        let step = _mm256_set1_ps(steps[r]);
        for (half, &s) in sum.iter().enumerate() {
            let o = out.add(r * ldo + half * 8);
            let factor = _mm256_mul_ps(step, _mm256_loadu_ps(scale.as_ptr().add(half * 8)));
            let base = match start {
                Start::Output => _mm256_loadu_ps(o),
                Start::Bias(bias) => _mm256_loadu_ps(bias.as_ptr().add(half * 8)),
                Start::OutputAndBias(bias) => {
                    _mm256_add_ps(_mm256_loadu_ps(o), _mm256_loadu_ps(bias.as_ptr().add(half * 8)))
                }
            };
            _mm256_storeu_ps(o, _mm256_fmadd_ps(_mm256_cvtepi32_ps(s), factor, base));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_that_is_not_finite_leaves_the_other_rows_alone() {
        if !Weights::supported() {
            return;
        }
        let (k, n) = (8, 16);
        let weight: Vec<f32> = (0..k * n).map(|i| (i % 7) as f32 - 3.0).collect();
        let w = Weights::new(&weight, k, n).unwrap();
        let good: Vec<f32> = (0..k).map(|i| i as f32 / 3.0).collect();
        let mut alone = vec![0.0; n];
        w.multiply_add(&good, &mut alone, &[0.0; 16], false);
        let mut input = vec![f32::NAN, 1.0, f32::INFINITY, 0.0, -2.0, 0.5, 0.25, 1.0];
        input.extend(&good);
        let mut output = vec![0.0; 2 * n];
        w.multiply_add(&input, &mut output, &[0.0; 16], false);
        assert_eq!(output[n..], alone[..]);
    }

    #[test]
    fn products_are_within_rounding_of_floats() {
        if !Weights::supported() {
            return;
        }
        assert!(Weights::new(&[0.0; 6 * 16], 6, 16).is_some());
        assert!(Weights::new(&[0.0; 6 * 8], 6, 8).is_none(), "half a panel");
        assert!(Weights::new(&[0.0; 500 * 16], 500, 16).is_none(), "more than a chunk, not a multiple");
        // 13 rows (two blocks of six and one), 768 inputs (two chunks), 32 outputs (two panels).
        let (rows, k, n) = (13, 768, 32);
        let value = |i: usize, m: usize| ((i * m % 1009) as f32 - 504.0) / 97.0;
        let input: Vec<f32> = (0..rows * k).map(|i| value(i, 31)).collect();
        let weight: Vec<f32> = (0..k * n).map(|i| value(i, 17) / 50.0).collect();
        let w = Weights::new(&weight, k, n).unwrap();
        let bias: Vec<f32> = (0..n).map(|c| c as f32 / 4.0).collect();
        let mut output = vec![1.0; rows * n];
        w.multiply_add(&input, &mut output, &bias, true);
        let mut overwritten = vec![f32::NAN; rows * n];
        w.multiply_add(&input, &mut overwritten, &bias, false);
        for r in 0..rows {
            for c in 0..n {
                let product: f32 = (0..k).map(|i| input[r * k + i] * weight[i * n + c]).sum::<f32>();
                let exact = 1.0 + bias[c] + product;
                let got_alone = overwritten[r * n + c];
                let got = output[r * n + c];
                assert!((got_alone + 1.0 - got).abs() <= 1e-5 * got.abs().max(1.0), "{got_alone} + 1 vs {got}");
                // Each product errs by under a step of each factor: |x|max·|w|max/2047 per input, about.
                let largest_x = input[r * k..(r + 1) * k].iter().fold(0.0f32, |m, v| m.max(v.abs()));
                let largest_w = (0..k).map(|i| weight[i * n + c].abs()).fold(0.0f32, f32::max);
                let bound = k as f32 * largest_x * largest_w / LEVELS;
                assert!((got - exact).abs() <= bound / 20.0, "row {r} col {c}: {got} vs {exact} (bound {bound})");
            }
        }
    }
}
