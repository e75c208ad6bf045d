//! Choosing one of several candidates: the averaged perceptron as a ranker.
//!
//! A later stage that proposes alternatives (say, boundaries of a span a
//! tagger found) scores each candidate linearly from its hashed features and
//! keeps the best. The model is a [`Model`] with one label, `score`, so it
//! is saved, loaded and scored exactly as a tagger is
//! ([`Model::emissions`] gives one score a candidate).

use crate::model::{Model, Weights};
use crate::train::SplitMix;
use crate::{FeatureRows, TrainConfig};

/// One choice to learn: each candidate's feature buckets, and which
/// candidate is right.
#[derive(Debug, Clone)]
pub struct Choice {
    pub candidates: FeatureRows,
    pub gold: usize,
}

/// The one label of a ranking model.
const SCORE: &str = "score";

/// An empty ranking model over `2^bits` buckets.
pub fn ranker(bits: u32) -> Model {
    Model::new(&[SCORE], bits, |_, _| true)
}

/// Whether `model` is a ranking model (one label, `score`).
pub fn is_ranker(model: &Model) -> bool {
    model.labels() == [SCORE]
}

/// Each candidate's score, in order.
pub fn scores(model: &Model, candidates: &FeatureRows) -> Vec<f32> {
    model.emissions(candidates.as_slice())
}

/// The first of the best-scoring candidates (`None` when there are none).
pub fn best(scores: &[f32]) -> Option<usize> {
    (0..scores.len()).reduce(|b, i| if scores[i] > scores[b] { i } else { b })
}

/// Fits a ranking model to `choices`: where the best-scoring candidate is
/// not the right one, the right one's features gain a point and the
/// chosen one's lose one; the weights returned are the average over every
/// step, as for the tagger. `progress(epoch, accuracy)` reports the share
/// of choices made right during each epoch.
pub fn train_ranker(
    bits: u32,
    choices: &[Choice],
    config: &TrainConfig,
    mut progress: impl FnMut(usize, f64),
) -> Model {
    let mut model = ranker(bits);
    let mut steps = vec![0.0f64; 1usize << bits];
    let mut order: Vec<usize> = (0..choices.len()).collect();
    let mut rng = SplitMix(config.seed);
    let mut step = 1.0f64;
    for epoch in 1..=config.epochs {
        rng.shuffle(&mut order);
        let mut right = 0usize;
        for &c in &order {
            let choice = &choices[c];
            let chosen = best(&scores(&model, &choice.candidates)).unwrap_or(choice.gold);
            if chosen == choice.gold {
                right += 1;
            } else {
                let Weights::Float(weights) = &mut model.weights else { unreachable!("a new model is float") };
                for (candidate, delta) in [(choice.gold, 1.0f32), (chosen, -1.0)] {
                    for &f in choice.candidates.token(candidate) {
                        weights[f as usize] += delta;
                        steps[f as usize] += step * f64::from(delta);
                    }
                }
            }
            step += 1.0;
        }
        progress(epoch, right as f64 / choices.len().max(1) as f64);
    }
    for (w, s) in model.float_weights().iter_mut().zip(&steps) {
        *w = (f64::from(*w) - s / step) as f32;
    }
    model
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_which_feature_marks_the_right_candidate_deterministically() {
        // Feature 7 marks the right candidate wherever it stands; 3 is noise.
        let choices = vec![
            Choice { candidates: FeatureRows::of(&[&[3], &[7], &[1]]), gold: 1 },
            Choice { candidates: FeatureRows::of(&[&[7, 1], &[3]]), gold: 0 },
            Choice { candidates: FeatureRows::of(&[&[1], &[3], &[3, 7]]), gold: 2 },
        ];
        let config = TrainConfig { epochs: 5, seed: 3 };
        let model = train_ranker(8, &choices, &config, |_, _| {});
        assert_eq!(best(&scores(&model, &FeatureRows::of(&[&[1], &[3], &[7, 3]]))), Some(2));
        assert_eq!(model, train_ranker(8, &choices, &config, |_, _| {}), "same seed, same model");
        let loaded = Model::from_bytes(&model.to_bytes()).unwrap();
        assert!(is_ranker(&loaded));
        assert_eq!(best(&scores(&loaded, &FeatureRows::of(&[&[7], &[3]]))), Some(0));
    }
}
