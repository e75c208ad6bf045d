//! Ingest over real files in a temporary directory: the seed, pages written
//! for these tests, and broken ones.

use std::path::{Path, PathBuf};

use newsgraph_ingest::{ingest, Observer, Options, Progress};
use newsgraph_input::expand;
use newsgraph_pipeline::Pipeline;
use newsgraph_store::query::QuoteFilter;
use newsgraph_store::Store;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/voa-emboldened-north-korea.txt");

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("newsgraph-ingest-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("pages")).unwrap();
        TempDir(dir)
    }

    fn page(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.0.join("pages").join(name), bytes).unwrap();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[derive(Default)]
struct Recorder {
    failures: Vec<(String, String)>,
    reports: usize,
}

impl Observer for Recorder {
    fn progress(&mut self, _: &Progress) {
        self.reports += 1;
    }

    fn failed(&mut self, source: &str, reason: &str) {
        self.failures.push((source.to_string(), reason.to_string()));
    }
}

fn run(dir: &TempDir, db: &Path, jobs: usize) -> (Progress, Recorder) {
    let mut store = Store::open(db).unwrap();
    let mut recorder = Recorder::default();
    let inputs = expand(&[dir.0.join("pages").display().to_string(), dir.0.join("missing.html").display().to_string()]);
    let options = Options { jobs, ..Options::default() };
    let progress = ingest(inputs, &Pipeline::new(), &mut store, &options, &mut recorder).unwrap();
    (progress, recorder)
}

fn fill(dir: &TempDir) {
    dir.page("seed.txt", &std::fs::read(SEED).unwrap());
    dir.page("harbour.html", "<html><head><title>Harbour</title></head><body><article><p>“The harbour will reopen in April,” Mayor Ilse Brandt said on Tuesday in a statement to reporters.</p></article></body></html>".as_bytes());
    dir.page("accord.txt", b"Chile signed a fishing accord with Peru on Monday, officials said.");
    dir.page("empty.html", b"   \n");
    dir.page("binary.html", &(0u8..=255).cycle().take(4096).collect::<Vec<u8>>());
}

#[test]
fn a_batch_is_stored_broken_pages_are_reported_and_a_rerun_skips_what_is_done() {
    let dir = TempDir::new("batch");
    fill(&dir);
    let db = dir.0.join("news.db");
    let (first, recorder) = run(&dir, &db, 2);
    assert_eq!((first.inserted, first.failed, first.skipped), (3, 3, 0), "{first:?}");
    let mut sources: Vec<&str> = recorder.failures.iter().map(|(s, _)| s.rsplit('/').next().unwrap()).collect();
    sources.sort();
    assert_eq!(sources, ["binary.html", "empty.html", "missing.html"]);
    assert!(recorder.failures.iter().any(|(_, why)| why.contains("binary")), "{:?}", recorder.failures);
    assert!(recorder.reports >= 1);

    let store = Store::open(&db).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.articles, stats.errors), (3, 3));
    let revere = store.quotes(&QuoteFilter { speaker: Some("Revere".into()), ..Default::default() }).unwrap();
    assert_eq!(revere.len(), 5);
    drop(store);

    let (again, _) = run(&dir, &db, 1);
    assert_eq!((again.inserted, again.skipped, again.failed), (0, 3, 3), "{again:?}");
    assert_eq!(Store::open(&db).unwrap().stats().unwrap().articles, 3);
}

#[test]
fn a_changed_page_is_analysed_again_and_replaces_the_old_one() {
    let dir = TempDir::new("changed");
    dir.page("story.txt", b"Peru rejected a Chilean proposal on Friday.");
    let db = dir.0.join("news.db");
    run(&dir, &db, 1);
    // A page without a URL is known by its content: changed content is a new page.
    dir.page("story.txt", b"Peru accepted a Chilean proposal on Friday.");
    let (second, _) = run(&dir, &db, 1);
    assert_eq!((second.inserted, second.skipped), (1, 0), "{second:?}");
    assert_eq!(Store::open(&db).unwrap().stats().unwrap().articles, 2);
}
