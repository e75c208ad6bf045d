//! Sequence labelling shared by the pipeline's learned taggers.
//!
//! A tagger turns each token into a list of hashed feature indices
//! ([`Features`]); a [`Model`] scores every label for every token from
//! those indices, adds a score for each label pair, and finds the best label
//! sequence by Viterbi, never using a transition the tagger forbids (an
//! `I-` label after `O`, say). [`train`] fits the weights with the averaged
//! structured perceptron (Collins 2002): deterministic for a given seed,
//! seconds per epoch on a million tokens, and no dependency to compile.
//!
//! Weights are saved quantised to 16 bits with only the buckets that were
//! ever updated, so a model over 2^18 hashed features stays a few megabytes
//! and can be embedded in the binary.

mod features;
mod model;
mod rank;
mod train;

pub use features::{hash, hash_ascii_lowercase, FeatureRows, FeatureSlice, Features};
pub use model::{Model, ModelError};
pub use rank::{best, is_ranker, ranker, scores, train_ranker, Choice};
pub use train::{in_parallel, train, train_seeds, Example, SplitMix, TrainConfig};
