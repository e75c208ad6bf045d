//! The averaged structured perceptron.
//!
//! For each example, decode with the current weights; where the prediction
//! differs from the gold labels, add the token's features to the gold
//! label's weights and subtract them from the predicted one's (transitions
//! likewise). The returned weights are the average over every step, which
//! generalises far better than the last ones. Averaging uses the usual
//! trick: alongside `w`, keep `u += step * delta`; the average is `w - u / steps`.

use crate::model::{Model, Weights};
use crate::FeatureRows;

/// One training sequence: each token's feature buckets and its gold label.
#[derive(Debug, Clone)]
pub struct Example {
    pub tokens: FeatureRows,
    pub gold: Vec<usize>,
}

#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    pub epochs: usize,
    /// Seeds the order examples are visited in, the only randomness.
    pub seed: u64,
}

/// Fits `model`'s weights to `examples`. `progress(epoch, token_accuracy)`
/// is called after each epoch with the accuracy of the predictions made
/// during it (before each update).
pub fn train(
    mut model: Model,
    examples: &[Example],
    config: &TrainConfig,
    mut progress: impl FnMut(usize, f64),
) -> Model {
    let n = model.labels.len();
    let mut weight_steps = vec![0.0f64; model.float_weights().len()];
    let mut transition_steps = vec![0.0f64; model.transitions.len()];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix(config.seed);
    let mut step = 1.0f64;
    for epoch in 1..=config.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &e in &order {
            let example = &examples[e];
            let predicted = model.decode(example.tokens.as_slice());
            total += predicted.len();
            right += predicted.iter().zip(&example.gold).filter(|(p, g)| p == g).count();
            if predicted != example.gold {
                let Weights::Float(weights) = &mut model.weights else { unreachable!("made float above") };
                let update = |index: usize, delta: f32, weights: &mut [f32], steps: &mut [f64]| {
                    weights[index] += delta;
                    steps[index] += step * f64::from(delta);
                };
                for t in 0..predicted.len() {
                    let (g, p) = (example.gold[t], predicted[t]);
                    if g != p {
                        for &f in example.tokens.token(t) {
                            let f = f as usize * n;
                            update(f + g, 1.0, weights, &mut weight_steps);
                            update(f + p, -1.0, weights, &mut weight_steps);
                        }
                    }
                    let row = |labels: &[usize]| if t == 0 { n } else { labels[t - 1] };
                    let (gold_pair, predicted_pair) = (row(&example.gold) * n + g, row(&predicted) * n + p);
                    if gold_pair != predicted_pair {
                        update(gold_pair, 1.0, &mut model.transitions, &mut transition_steps);
                        update(predicted_pair, -1.0, &mut model.transitions, &mut transition_steps);
                    }
                }
            }
            step += 1.0;
        }
        progress(epoch, right as f64 / total.max(1) as f64);
    }
    let average = |weights: &mut [f32], steps: &[f64]| {
        for (w, s) in weights.iter_mut().zip(steps) {
            *w = (f64::from(*w) - s / step) as f32;
        }
    };
    average(model.float_weights(), &weight_steps);
    average(&mut model.transitions, &transition_steps);
    model
}

/// [`train`] once for each of `seeds` seeds from `config.seed` on, on as
/// many threads, and the average of the models: each seed's visiting order
/// leaves its own noise in the weights, and the average keeps what they
/// agree on. `progress` hears the first seed's epochs.
pub fn train_seeds(
    model: Model,
    examples: &[Example],
    config: &TrainConfig,
    seeds: usize,
    progress: impl FnMut(usize, f64),
) -> Model {
    let seeds = seeds.max(1);
    let mut models: Vec<Model> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..seeds)
            .map(|k| {
                let (model, config) = (model.clone(), TrainConfig { seed: config.seed + k as u64, ..*config });
                scope.spawn(move || train(model, examples, &config, |_, _| {}))
            })
            .collect();
        let first = train(model.clone(), examples, config, progress);
        std::iter::once(first)
            .chain(others.into_iter().map(|o| o.join().expect("a training thread panicked")))
            .collect()
    });
    let mut sum = models.remove(0);
    let scale = 1.0 / seeds as f32;
    let add = |into: &mut [f32], from: &[f32]| into.iter_mut().zip(from).for_each(|(a, b)| *a += b);
    for mut other in models {
        add(sum.float_weights(), other.float_weights());
        add(&mut sum.transitions, &other.transitions);
    }
    let shrink = |weights: &mut [f32]| weights.iter_mut().for_each(|w| *w *= scale);
    shrink(sum.float_weights());
    shrink(&mut sum.transitions);
    sum
}

/// `f` of each item, in order, computed on `threads` threads (each takes
/// one contiguous part): training's parallel steps, whose results must not
/// depend on which thread finishes first.
pub fn in_parallel<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>())).collect();
        workers.into_iter().flat_map(|w| w.join().expect("a worker thread panicked")).collect()
    })
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64):
/// the only randomness of training and of the word clusters.
pub struct SplitMix(pub u64);

impl SplitMix {
    /// Fisher-Yates: every order equally likely.
    pub fn shuffle(&mut self, items: &mut [usize]) {
        for i in (1..items.len()).rev() {
            items.swap(i, (self.next_u64() % (i as u64 + 1)) as usize);
        }
    }

    /// A number in `[0, 1)`, from the top 53 bits of the next output.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{hash, Features};

    /// Tokens are words; a capitalised word opens a name (B), the words
    /// after it in the same name continue it (I).
    fn example(words: &[&str], gold: &[usize]) -> Example {
        let mut tokens = FeatureRows::new();
        let mut f = Features::new(10);
        for (i, w) in words.iter().enumerate() {
            f.clear();
            let cap = |w: &str| u64::from(w.starts_with(char::is_uppercase));
            f.add(hash("cap"), &[cap(w)]);
            f.add(hash("prev-cap"), &[if i > 0 { cap(words[i - 1]) } else { 2 }]);
            tokens.push(f.indices());
        }
        Example { tokens, gold: gold.to_vec() }
    }

    #[test]
    fn learns_a_simple_chunking_rule_deterministically() {
        let data = vec![
            example(&["the", "Big", "Apple", "is", "here"], &[0, 1, 2, 0, 0]),
            example(&["we", "met", "Ann", "Lee"], &[0, 0, 1, 2]),
            example(&["Rome", "fell"], &[1, 0]),
        ];
        let bio = |prev: Option<usize>, label: usize| label != 2 || matches!(prev, Some(1 | 2));
        let config = TrainConfig { epochs: 10, seed: 7 };
        let fit = || train(Model::new(&["O", "B", "I"], 10, bio), &data, &config, |_, _| {});
        let model = fit();
        let unseen = example(&["see", "New", "York", "now"], &[0; 4]);
        assert_eq!(model.decode(unseen.tokens.as_slice()), [0, 1, 2, 0]);
        assert_eq!(model, fit(), "same seed, same model");
        let averaged = |seeds| train_seeds(Model::new(&["O", "B", "I"], 10, bio), &data, &config, seeds, |_, _| {});
        assert_eq!(averaged(1), model, "one seed is plain training");
        let three = averaged(3);
        assert_eq!(three.decode(unseen.tokens.as_slice()), [0, 1, 2, 0]);
        assert_eq!(three, averaged(3), "the average is deterministic too");
    }
}
