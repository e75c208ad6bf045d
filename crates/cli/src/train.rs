//! `newsgraph train`: fits a model to gold data and writes its weights.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use newsgraph_attribution::TrainConfig;

/// Trains the learned tiers' taggers on a PolNeAR-layout split.
///
/// Both learned tiers run these taggers; the accurate tier's encoder is
/// trained by [`quote_encoder`].
pub fn quotes(data: &Path, out: &Path, threads: usize, config: (&TrainConfig, usize)) -> ExitCode {
    let started = Instant::now();
    let fail = |message: String| {
        eprintln!("newsgraph train quotes: {message}");
        ExitCode::from(2)
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
    let bytes = newsgraph_attribution::train(&training, threads, config, |epoch, accuracy| {
        eprintln!("epoch {epoch:>2}: token accuracy {accuracy:.4} ({:.0} s)", started.elapsed().as_secs_f64());
    });
    write_output("quotes", out, &bytes, started)
}

/// Trains the learned tiers' content boundary ranker on a PolNeAR-layout split.
pub fn quote_bounds(data: &Path, out: &Path, threads: usize, configs: (&TrainConfig, &TrainConfig)) -> ExitCode {
    let started = Instant::now();
    let articles = match newsgraph_eval::polnear_articles(data) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("newsgraph train quote-bounds: {e}");
            return ExitCode::from(2);
        }
    };
    let training: Vec<_> = articles.iter().map(|a| a.training()).collect();
    eprintln!(
        "{} articles from {}; tagging each of 5 parts with stacked taggers trained on the others",
        training.len(),
        data.display()
    );
    let bytes = newsgraph_attribution::train_bounds(&training, threads, configs, |message| {
        eprintln!("{message} ({:.0} s)", started.elapsed().as_secs_f64());
    });
    write_output("quote-bounds", out, &bytes, started)
}

/// Fine-tunes the accurate tier's encoder on a PolNeAR-layout split.
pub fn quote_encoder(data: &Path, out: &Path, config: &newsgraph_attribution::TuneConfig) -> ExitCode {
    let started = Instant::now();
    let fail = |message: String| {
        eprintln!("newsgraph train quote-encoder: {message}");
        ExitCode::from(2)
    };
    let Some(dir) = newsgraph_attribution::Encoder::locate() else {
        return fail(
            "the encoder is missing: run crates/encoder/setup.sh, or set NEWSGRAPH_ENCODER to its directory".into(),
        );
    };
    let articles = match newsgraph_eval::polnear_articles(data) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    let training: Vec<_> = articles.iter().map(|a| a.training()).collect();
    eprintln!(
        "{} articles from {}; tuning encoder layers {} to {} on {} thread(s)",
        training.len(),
        data.display(),
        config.base + 1,
        config.base + config.layers,
        config.threads
    );
    let tuned = newsgraph_attribution::train_encoder(&training, &dir, config, |epoch, loss, accuracy| {
        eprintln!(
            "epoch {epoch:>2}: loss {loss:.4}, token accuracy {accuracy:.4} ({:.0} s)",
            started.elapsed().as_secs_f64()
        );
    });
    match tuned {
        Ok(bytes) => write_output("quote-encoder", out, &bytes, started),
        Err(e) => fail(e.to_string()),
    }
}

/// Trains the entity tagger on a CoNLL-2003 file.
pub fn ner(data: &Path, out: &Path, config: &TrainConfig) -> ExitCode {
    let started = Instant::now();
    let fail = |message: String| {
        eprintln!("newsgraph train ner: {message}");
        ExitCode::from(2)
    };
    let text = match std::fs::read_to_string(data) {
        Ok(t) => t,
        Err(e) => return fail(format!("{}: {e} (expected CoNLL-2003's train.txt)", data.display())),
    };
    let sentences = match newsgraph_ner::read_conll(&text) {
        Ok(s) => s,
        Err(e) => return fail(format!("{}: {e}", data.display())),
    };
    let tokens: usize = sentences.iter().map(|s| s.words.len()).sum();
    eprintln!("{} sentences, {tokens} tokens from {}", sentences.len(), data.display());
    let bytes = newsgraph_ner::train(&sentences, config, |epoch, accuracy| {
        eprintln!("epoch {epoch:>2}: token accuracy {accuracy:.4} ({:.0} s)", started.elapsed().as_secs_f64());
    });
    write_output("ner", out, &bytes, started)
}

/// Builds the gazetteer list from CountryInfo.txt.
pub fn countries(data: &Path, out: &Path) -> ExitCode {
    let started = Instant::now();
    let bytes = match std::fs::read(data) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("newsgraph train countries: {}: {e}", data.display());
            return ExitCode::from(2);
        }
    };
    // The file has a few Latin-1 bytes in comments; names are ASCII.
    let entries = newsgraph_ner::gazetteer::from_country_info(&String::from_utf8_lossy(&bytes));
    if entries.is_empty() {
        eprintln!("newsgraph train countries: {}: no <Country> entries; is this CountryInfo.txt?", data.display());
        return ExitCode::from(2);
    }
    eprintln!("{} names from {}", entries.len(), data.display());
    write_output("countries", out, newsgraph_ner::gazetteer::to_tsv(&entries).as_bytes(), started)
}

fn write_output(target: &str, out: &Path, bytes: &[u8], started: Instant) -> ExitCode {
    if let Err(e) = std::fs::write(out, bytes) {
        eprintln!("newsgraph train {target}: {}: {e}", out.display());
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
