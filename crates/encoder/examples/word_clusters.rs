//! The word cluster table the fast quote tagger reads:
//! `cargo run --release -p newsgraph-encoder --example word_clusters [MODEL_DIR] > crates/attribution/data/word-clusters.tsv`.
//!
//! Each whole lowercase word of the encoder's vocabulary with its cluster at
//! 64, 256 and 1024 clusters (spherical k-means of the static input
//! embeddings, seed 1, at most 40 passes). The same model gives the same bytes.

use std::io::Write;
use std::path::PathBuf;

use newsgraph_encoder::{word_clusters, Encoder};

fn main() {
    let dir = std::env::args().nth(1).map(PathBuf::from).or_else(Encoder::locate);
    let dir = dir.expect("no encoder model: run crates/encoder/setup.sh or pass its directory");
    match word_clusters(&dir, &[64, 256, 1024], 1, 40) {
        Ok(table) => std::io::stdout().write_all(table.as_bytes()).expect("write the table"),
        Err(e) => {
            eprintln!("word_clusters: {e}");
            std::process::exit(2);
        }
    }
}
