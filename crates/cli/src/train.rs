//! `newsgraph train`: fits a model to gold data and writes its weights.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use newsgraph_attribution::{load_encoder, Tier, TrainConfig};

/// Trains an attribution tier's tagger on a PolNeAR-layout split.
pub fn quotes(data: &Path, out: &Path, tier: Tier, threads: usize, config: &TrainConfig) -> ExitCode {
    let started = Instant::now();
    let fail = |message: String| {
        eprintln!("newsgraph train quotes: {message}");
        ExitCode::from(2)
    };
    let encoder = match tier {
        Tier::Rules => return fail("the rules tier has nothing to train; use --model fast or accurate".into()),
        Tier::Fast => None,
        Tier::Accurate => match load_encoder() {
            Ok(e) => Some(e),
            Err(e) => return fail(e.to_string()),
        },
    };
    let articles = match newsgraph_eval::polnear_articles(data) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    let training: Vec<_> = articles.iter().map(|a| a.training()).collect();
    let roles: usize = training.iter().map(|a| a.spans.len()).sum();
    eprintln!(
        "{} articles, {roles} role pieces from {}; preparing on {threads} thread(s)",
        training.len(),
        data.display()
    );
    let bytes = newsgraph_attribution::train(&training, encoder.as_ref(), threads, config, |epoch, accuracy| {
        eprintln!("epoch {epoch:>2}: token accuracy {accuracy:.4} ({:.0} s)", started.elapsed().as_secs_f64());
    });
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("newsgraph train quotes: {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "wrote {} ({:.1} MB) in {:.0} s",
        out.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
