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
    // Every kind of thread did work, and the kernel (Linux) says how much;
    // analysing three pages costs more than reading them.
    let cpu = first.cpu;
    assert!(cpu.read > 0.0 && cpu.write > 0.0 && cpu.analyse > cpu.read, "{cpu:?}");

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

/// One WARC response record holding `html` as fetched from `url`.
fn warc_response(url: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let head = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2025-03-04T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        url.len(),
        http.len()
    );
    [head.as_bytes(), http.as_bytes(), b"\r\n\r\n"].concat()
}

#[test]
fn a_warc_file_is_ingested_record_by_record_with_its_urls_and_a_broken_record_reported() {
    let dir = TempDir::new("warc");
    let story = |n: u32| {
        format!(
            "<html><head><title>Port story {n}</title></head><body><article><p>“Ship number {n} may dock on Friday,” \
             harbour master Ilse Brandt said, adding that Chile and Peru had agreed on new fees.</p></article></body></html>"
        )
    };
    let mut warc = warc_response("https://ports.example.com/story-1?utm_source=x", &story(1));
    warc.extend(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: banana\r\n\r\n");
    warc.extend(warc_response("https://ports.example.com/story-2", &story(2)));
    dir.page("crawl.warc", &warc);
    let db = dir.0.join("news.db");
    let (done, recorder) = run(&dir, &db, 2);
    // The missing.html argument fails too.
    assert_eq!((done.inserted, done.failed), (2, 2), "{done:?} {:?}", recorder.failures);
    assert!(recorder.failures.iter().any(|(source, _)| source.contains("crawl.warc@")), "{:?}", recorder.failures);

    let store = Store::open(&db).unwrap();
    let articles = store.articles(&newsgraph_store::query::ArticleFilter::default()).unwrap();
    let mut urls: Vec<_> = articles.iter().filter_map(|a| a.url.clone()).collect();
    urls.sort();
    assert_eq!(urls, ["https://ports.example.com/story-1?utm_source=x", "https://ports.example.com/story-2"]);
    let record = store.article(articles[0].id).unwrap().unwrap();
    assert!(record.identity.starts_with("https://ports.example.com/story-"), "{}", record.identity);
    assert!(!record.identity.contains("utm_source"));
}

#[test]
fn a_store_that_refuses_a_write_stops_the_ingest_with_its_reason_instead_of_hanging() {
    let dir = TempDir::new("refused");
    for n in 0..300 {
        let word = if n == 150 { "poison" } else { "harbour" };
        dir.page(&format!("page-{n:03}.txt"), format!("Report {n}: the {word} council met on Monday.").as_bytes());
    }
    let db = dir.0.join("news.db");
    Store::open(&db).unwrap();
    // A trigger stands for a disk that fills up or a database gone bad.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN new.body LIKE '%poison%'
         BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;",
    )
    .unwrap();
    drop(conn);
    let (tx, rx) = std::sync::mpsc::channel();
    let pages = dir.0.join("pages").display().to_string();
    std::thread::spawn(move || {
        let mut store = Store::open(&db).unwrap();
        let options = Options { jobs: 2, batch: 8, ..Options::default() };
        let result = ingest(expand(&[pages]), &Pipeline::new(), &mut store, &options, &mut Recorder::default());
        let _ = tx.send((result.map(|p| p.inserted).map_err(|e| e.to_string()), store.stats().unwrap().articles));
    });
    let (result, stored) = rx.recv_timeout(std::time::Duration::from_secs(120)).expect("the ingest ends");
    let error = result.expect_err("the refused write stops the ingest");
    assert!(error.contains("the disk is full"), "{error}");
    // The batches committed before the refused one are kept.
    assert!(stored > 0 && stored < 300, "{stored}");
}
