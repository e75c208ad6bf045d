//! Word clusters from the encoder's static input embeddings: every whole
//! word of the vocabulary (lowercase letters only, no `##` pieces, no
//! `[unused]` entries) is grouped with spherical k-means at a few
//! granularities, so that a model without the encoder can still tell that
//! `slammed` is like `blasted`. Deterministic: k-means++ seeding from a fixed
//! seed, then a fixed number of Lloyd passes.

use std::path::Path;

use newsgraph_learn::SplitMix;

use crate::safetensors::Tensors;
use crate::EncoderError;

/// The table `word\tcluster at k[0]\tcluster at k[1]...`, one line a word in
/// vocabulary order, from the model in `dir` (`vocab.txt`, `model.safetensors`).
pub fn word_clusters(dir: &Path, ks: &[usize], seed: u64, passes: usize) -> Result<String, EncoderError> {
    let vocab_path = dir.join("vocab.txt");
    let vocab = std::fs::read_to_string(&vocab_path).map_err(|e| EncoderError::new(&vocab_path, e.to_string()))?;
    let vocab: Vec<&str> = vocab.lines().collect();
    let tensors = Tensors::read(&dir.join("model.safetensors"))?;
    let dim = 384;
    let table = tensors.f32("embeddings.word_embeddings.weight", &[vocab.len(), dim])?;
    let words: Vec<usize> = (0..vocab.len())
        .filter(|&i| !vocab[i].is_empty() && vocab[i].bytes().all(|b| b.is_ascii_lowercase()))
        .collect();
    let n = words.len();
    // Centred (the embeddings share a large common direction) and normalised rows.
    let mut x: Vec<f32> = words.iter().flat_map(|&i| table[i * dim..(i + 1) * dim].iter().copied()).collect();
    let mut mean = vec![0f64; dim];
    for row in x.chunks_exact(dim) {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += f64::from(*v);
        }
    }
    for row in x.chunks_exact_mut(dim) {
        for (v, m) in row.iter_mut().zip(&mean) {
            *v -= (*m / n as f64) as f32;
        }
        normalise(row);
    }
    let assignments: Vec<Vec<u32>> = ks
        .iter()
        .map(|&k| {
            let a = kmeans(&x, dim, k, seed, passes);
            eprintln!("k={k}: {} words in {} non-empty clusters", n, count_used(&a, k));
            a
        })
        .collect();
    let mut out = String::new();
    for (row, &i) in words.iter().enumerate() {
        out.push_str(vocab[i]);
        for a in &assignments {
            out.push('\t');
            out.push_str(&a[row].to_string());
        }
        out.push('\n');
    }
    Ok(out)
}

fn count_used(a: &[u32], k: usize) -> usize {
    let mut used = vec![false; k];
    for &c in a {
        used[c as usize] = true;
    }
    used.iter().filter(|&&u| u).count()
}

fn normalise(row: &mut [f32]) {
    let norm = row.iter().map(|v| v * v).sum::<f32>().sqrt();
    if norm > 0.0 {
        row.iter_mut().for_each(|v| *v /= norm);
    }
}

/// Spherical k-means of the unit rows of `x`: k-means++ seeding on cosine
/// distance, then `passes` rounds of assigning each row to its most similar
/// centroid and renormalising the centroids. Returns each row's cluster.
fn kmeans(x: &[f32], dim: usize, k: usize, seed: u64, passes: usize) -> Vec<u32> {
    let n = x.len() / dim;
    let row = |i: usize| &x[i * dim..(i + 1) * dim];
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(p, q)| p * q).sum::<f32>();
    let mut rng = SplitMix(seed ^ (k as u64).wrapping_mul(0x1000_0000_01B3));
    let mut centroids = Vec::with_capacity(k * dim);
    let first = (rng.next_u64() % n as u64) as usize;
    centroids.extend_from_slice(row(first));
    let mut nearest: Vec<f64> = (0..n).map(|i| f64::from((1.0 - dot(row(i), row(first))).max(0.0))).collect();
    for _ in 1..k {
        let total: f64 = nearest.iter().map(|d| d * d).sum();
        let mut target = rng.unit() * total;
        let mut pick = n - 1;
        for (i, d) in nearest.iter().enumerate() {
            target -= d * d;
            if target <= 0.0 {
                pick = i;
                break;
            }
        }
        let c = row(pick).to_vec();
        for (i, d) in nearest.iter_mut().enumerate() {
            *d = d.min(f64::from((1.0 - dot(row(i), &c)).max(0.0)));
        }
        centroids.extend_from_slice(&c);
    }
    let mut assign = vec![0u32; n];
    let mut scores = vec![0f32; n * k];
    for pass in 0..passes {
        // scores = x (n x dim) times centroids transposed (dim x k).
        unsafe {
            matrixmultiply::sgemm(
                n,
                dim,
                k,
                1.0,
                x.as_ptr(),
                dim as isize,
                1,
                centroids.as_ptr(),
                1,
                dim as isize,
                0.0,
                scores.as_mut_ptr(),
                k as isize,
                1,
            );
        }
        let mut changed = 0;
        for i in 0..n {
            let s = &scores[i * k..(i + 1) * k];
            let mut best = 0;
            for c in 1..k {
                if s[c] > s[best] {
                    best = c;
                }
            }
            if assign[i] != best as u32 || pass == 0 {
                changed += 1;
            }
            assign[i] = best as u32;
        }
        let mut sums = vec![0f32; k * dim];
        let mut counts = vec![0usize; k];
        for (i, &c) in assign.iter().enumerate() {
            let c = c as usize;
            counts[c] += 1;
            for (s, v) in sums[c * dim..(c + 1) * dim].iter_mut().zip(row(i)) {
                *s += v;
            }
        }
        for c in 0..k {
            if counts[c] > 0 {
                let sum = &mut sums[c * dim..(c + 1) * dim];
                normalise(sum);
                centroids[c * dim..(c + 1) * dim].copy_from_slice(sum);
            }
        }
        if changed == 0 {
            break;
        }
    }
    assign
}
