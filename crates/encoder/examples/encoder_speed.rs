//! Encoder speed on one thread: `cargo run --release -p newsgraph-encoder --example encoder_speed [MODEL_DIR]`.
//!
//! Documents are made of "sentences" of exactly `DEFAULT_WINDOW - 2` wordpieces,
//! so that every window is full: 128 positions with `[CLS]` and `[SEP]`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use newsgraph_encoder::Encoder;

const PARAGRAPH: &str = "The finance minister said on Tuesday that the government would not raise taxes \
    before the election, despite warnings from the central bank that the deficit could reach 4.5% of GDP. \
    “We have a plan, and we will stick to it,” she told reporters in the capital, adding that spending cuts \
    of about $2 billion were already under way. Opposition leaders called the plan unrealistic — one said \
    it was “a fantasy built on optimistic forecasts” — and demanded a vote in parliament. Analysts at two \
    banks expect growth to slow to 1.2% next year as exports weaken and interest rates stay high.";

fn main() {
    let dir = std::env::args().nth(1).map(PathBuf::from).or_else(Encoder::locate);
    let dir = dir.expect("no encoder model: run crates/encoder/setup.sh or pass its directory");
    let encoder = Encoder::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let sentence = full_window_sentence(&encoder);

    println!("| layers | windows/doc | ms/window | wordpieces/s | GFLOP/s |");
    println!("|-------:|------------:|----------:|-------------:|--------:|");
    for layers in [4, 6] {
        for windows in [1, 16] {
            let text = vec![sentence.as_str(); windows].join(" ");
            let sentences: Vec<_> =
                (0..windows).map(|i| i * (sentence.len() + 1)..(i + 1) * (sentence.len() + 1) - 1).collect();
            let tokens = word_ranges(&text);
            let run = || encoder.token_vectors(&text, &sentences, &tokens, &[layers]);
            run();
            let mut runs = 0;
            let start = Instant::now();
            while runs < 3 || start.elapsed() < Duration::from_secs(3) {
                run();
                runs += 1;
            }
            let per_window = start.elapsed().as_secs_f64() / (runs * windows) as f64;
            let pieces = (Encoder::DEFAULT_WINDOW - 2) as f64 / per_window;
            let gflops = window_flops(&encoder, layers) / per_window / 1e9;
            println!("| {layers} | {windows} | {:.1} | {pieces:.0} | {gflops:.1} |", per_window * 1e3);
        }
    }
}

/// Words of `PARAGRAPH`, repeated as needed, then periods, to make exactly one window's worth of wordpieces.
fn full_window_sentence(encoder: &Encoder) -> String {
    let want = Encoder::DEFAULT_WINDOW - 2;
    let count = |s: &str| encoder.tokenizer().tokenize(s).len();
    let mut sentence = String::new();
    for word in PARAGRAPH.split_whitespace().cycle() {
        let longer = format!("{sentence} {word}");
        if count(&longer) > want {
            break;
        }
        sentence = longer;
    }
    while count(&sentence) < want {
        sentence.push_str(" .");
    }
    sentence.trim_start().to_string()
}

fn word_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    text.split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            start..start + w.len()
        })
        .collect()
}

/// Multiply-adds ×2 of one full window through `layers` layers (intermediate size 4× hidden, as in BERT).
fn window_flops(encoder: &Encoder, layers: usize) -> f64 {
    let (n, h) = (Encoder::DEFAULT_WINDOW as f64, encoder.dim() as f64);
    let projections = 2.0 * n * h * (3.0 * h + h + 2.0 * 4.0 * h);
    let attention = 2.0 * 2.0 * n * n * h;
    layers as f64 * (projections + attention)
}
