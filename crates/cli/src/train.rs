//! `newsgraph train`: fits a model to gold data and writes its weights.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use newsgraph_attribution::TrainConfig;

/// Trains the fast attribution tier on a PolNeAR-layout split.
pub fn quotes(data: &Path, out: &Path, epochs: usize, seed: u64) -> ExitCode {
    let started = Instant::now();
    let articles = match newsgraph_eval::polnear_articles(data) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("newsgraph train quotes: {e}");
            return ExitCode::from(2);
        }
    };
    let training: Vec<_> = articles.iter().map(|a| a.training()).collect();
    let roles: usize = training.iter().map(|a| a.spans.len()).sum();
    eprintln!("{} articles, {roles} role pieces from {}", training.len(), data.display());
    let config = TrainConfig { epochs, seed };
    let bytes = newsgraph_attribution::train_fast(&training, &config, |epoch, accuracy| {
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
