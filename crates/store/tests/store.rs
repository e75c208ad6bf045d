//! The store on real analyses: the seed article and short articles written
//! for these tests, each in a fresh database file.

use std::path::PathBuf;

use newsgraph_doc::Article;
use newsgraph_pipeline::Pipeline;
use newsgraph_store::query::{ArticleFilter, EventFilter, Neighbour, QuoteFilter};
use newsgraph_store::{content_hash, Analysed, Outcome, Store};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/voa-emboldened-north-korea.txt");

struct TempDb(PathBuf);

impl TempDb {
    fn new(name: &str) -> TempDb {
        let dir = std::env::temp_dir().join(format!("newsgraph-store-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDb(dir.join("test.db"))
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
    }
}

/// The seed page as `ingest` reads it: extraction drops its boilerplate.
fn seed(pipeline: &Pipeline) -> Analysed {
    let page = newsgraph_input::read_file(std::path::Path::new(SEED)).unwrap();
    Analysed { doc: pipeline.analyze(&page), content_hash: content_hash(&page.text), tier: "fast".to_string() }
}

/// A text without URL or date.
fn analysed(pipeline: &Pipeline, source: &str, text: &str) -> Analysed {
    Analysed { doc: pipeline.analyze_body(source, text), content_hash: content_hash(text), tier: "fast".to_string() }
}

fn article(url: &str, date: &str, body: &str) -> Analysed {
    let pipeline = Pipeline::new();
    let doc = pipeline.analyze_article(
        url,
        Article {
            body: body.to_string(),
            url: Some(url.to_string()),
            published: Some(date.to_string()),
            ..Article::default()
        },
    );
    Analysed { doc, content_hash: content_hash(body), tier: "fast".to_string() }
}

#[test]
fn the_seed_is_stored_once_and_its_quotes_found_by_speaker_topic_and_words() {
    let db = TempDb::new("seed");
    let mut store = Store::open(&db.0).unwrap();
    let pipeline = Pipeline::new();
    let first = seed(&pipeline);
    let hash = first.content_hash.clone();
    let quotes = first.doc.quotes.len();
    assert_eq!(store.put(first).unwrap(), Outcome::Inserted);
    assert!(store.seen(&hash, "fast").unwrap());
    assert!(!store.seen(&hash, "accurate").unwrap());
    assert_eq!(store.put(seed(&pipeline)).unwrap(), Outcome::Unchanged);
    assert_eq!(store.stats().unwrap().articles, 1);
    assert_eq!(store.stats().unwrap().quotes as usize, quotes);

    let by =
        |speaker: &str| store.quotes(&QuoteFilter { speaker: Some(speaker.into()), ..Default::default() }).unwrap();
    let revere = by("Revere");
    assert_eq!(revere.len(), 5, "{revere:#?}");
    assert!(revere.iter().all(|q| q.speaker.as_deref() == Some("Evans Revere")));
    assert_eq!(by("evans revere").len(), 5);
    assert_eq!(by("State Department spokesperson").len(), 2);
    assert!(by("Nobody Here").is_empty());

    let about_putin = store.quotes(&QuoteFilter { about: Some("Putin".into()), ..Default::default() }).unwrap();
    assert!(
        !about_putin.is_empty() && about_putin.iter().all(|q| q.text.contains("Putin") || q.text.contains("Russia"))
    );
    let words = store.quotes(&QuoteFilter { text: Some("denuclearization".into()), ..Default::default() }).unwrap();
    assert!(!words.is_empty() && words.iter().all(|q| q.text.to_lowercase().contains("denuclearization")));
    // The page states no date; the inferred one (2024-11-19) dates the quotes.
    let november = QuoteFilter {
        speaker: Some("Revere".into()),
        from: Some("2024-11".into()),
        to: Some("2024-11".into()),
        ..Default::default()
    };
    assert_eq!(store.quotes(&november).unwrap().len(), 5);
    let before = QuoteFilter { to: Some("2017".into()), ..Default::default() };
    assert!(store.quotes(&before).unwrap().is_empty());
}

#[test]
fn actors_events_and_neighbours_are_queryable() {
    let db = TempDb::new("actors");
    let mut store = Store::open(&db.0).unwrap();
    store.put(seed(&Pipeline::new())).unwrap();

    let kim = store.actor_named("Kim").unwrap().expect("Kim is an actor");
    assert_eq!(kim.actor.name, "Kim Jong Un");
    assert_eq!(kim.actor.country.as_deref(), Some("PRK"));
    assert!(kim.names.iter().any(|n| n == "Kim"));
    let north_korea = store.actor_named("DPRK").unwrap().expect("DPRK names North Korea");
    assert_eq!(north_korea.actor.name, "North Korea");

    let meetings = store
        .events(&EventFilter { actor: Some("Trump".into()), other: Some("Kim Jong Un".into()), ..Default::default() })
        .unwrap();
    assert!(meetings.iter().any(|e| e.code == "CONSULT"), "{meetings:#?}");
    let agreements = store.events(&EventFilter { code: Some("agree".into()), ..Default::default() }).unwrap();
    assert!(agreements.iter().all(|e| e.code == "AGREE") && !agreements.is_empty());
    // Timeline order: the 2018/2019 meetings before the 2024 signing.
    let dates: Vec<_> = store.events(&EventFilter::default()).unwrap().into_iter().filter_map(|e| e.date).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");

    let revere = store.actor_named("Revere").unwrap().expect("Revere is an actor").actor.id;
    let his = store.quotes(&QuoteFilter { speaker_id: Some(revere), ..Default::default() }).unwrap();
    assert_eq!(his.len(), 5);
    let kims = store.events(&EventFilter { actor_id: Some(kim.actor.id), ..Default::default() }).unwrap();
    assert!(!kims.is_empty());
    assert!(kims.iter().all(|e| e.source_actor_id == Some(kim.actor.id) || e.target_actor_id == Some(kim.actor.id)));

    let neighbours = store.neighbours(kim.actor.id, 10, 0).unwrap();
    let trump = neighbours.iter().find(|n| n.actor.name == "Donald Trump").expect("Trump is seen with Kim");
    assert!(trump.events >= 1 && trump.articles == 1);
    let second = store.neighbours(kim.actor.id, 2, 2).unwrap();
    let ids = |n: &[Neighbour]| n.iter().map(|n| n.actor.id).collect::<Vec<_>>();
    assert!(neighbours.len() >= 4, "{} neighbours", neighbours.len());
    assert_eq!(ids(&second), ids(&neighbours[2..4]), "a page goes on where the one before stopped");
}

#[test]
fn a_changed_page_replaces_its_record_and_search_forgets_the_old_text() {
    let db = TempDb::new("replace");
    let mut store = Store::open(&db.0).unwrap();
    let url = "https://news.example.org/2025/03/ports?utm_source=rss";
    let first = article(url, "2025-03-04", "“The harbour will reopen in April,” Mayor Ilse Brandt said on Tuesday.");
    assert_eq!(store.put(first).unwrap(), Outcome::Inserted);
    let changed = article(
        "https://news.example.org/2025/03/ports",
        "2025-03-05",
        "“The harbour stays closed until June,” Mayor Ilse Brandt said on Wednesday.",
    );
    assert_eq!(store.put(changed).unwrap(), Outcome::Replaced);
    assert_eq!(store.stats().unwrap().articles, 1);
    let search = |words: &str| store.quotes(&QuoteFilter { text: Some(words.into()), ..Default::default() }).unwrap();
    assert!(search("reopen April").is_empty());
    assert_eq!(search("closed June").len(), 1);
    let articles = store.articles(&ArticleFilter { text: Some("harbour".into()), ..Default::default() }).unwrap();
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].outlet.as_deref(), Some("news.example.org"));
    assert!(articles[0].snippet.contains("[harbour]"), "{}", articles[0].snippet);
    let record = store.article(articles[0].id).unwrap().unwrap();
    assert_eq!(record.identity, "https://news.example.org/2025/03/ports");
    assert_eq!(record.quote_ids.len(), record.document.quotes.len());
    assert!(store.article(articles[0].id + 1000).unwrap().is_none());
}

#[test]
fn a_page_replaced_within_one_batch_leaves_the_full_text_indexes_sound() {
    let db = TempDb::new("replace-batch");
    let mut store = Store::open(&db.0).unwrap();
    let url = "https://news.example.org/2025/03/ports";
    let other =
        article("https://news.example.org/2025/03/rail", "2025-03-04", "“Trains run again,” the operator said.");
    let first = article(url, "2025-03-04", "“The harbour will reopen in April,” Mayor Ilse Brandt said on Tuesday.");
    let changed =
        article(url, "2025-03-05", "“The harbour stays closed until June,” Mayor Ilse Brandt said on Wednesday.");
    assert_eq!(
        store.put_all(vec![other, first, changed]).unwrap(),
        vec![Outcome::Inserted, Outcome::Inserted, Outcome::Replaced]
    );
    let search = |words: &str| store.quotes(&QuoteFilter { text: Some(words.into()), ..Default::default() }).unwrap();
    assert!(search("reopen April").is_empty());
    assert_eq!(search("closed June").len(), 1);
    assert_eq!(search("trains").len(), 1);
    let found =
        |words: &str| store.articles(&ArticleFilter { text: Some(words.into()), ..Default::default() }).unwrap();
    assert_eq!(found("harbour").len(), 1);
    assert_eq!(found("operator").len(), 1);
    let conn = rusqlite::Connection::open(&db.0).unwrap();
    for table in ["articles_fts", "quotes_fts"] {
        conn.execute(&format!("INSERT INTO {table}({table}) VALUES ('integrity-check')"), []).unwrap();
    }
}

#[test]
fn pages_without_a_url_are_told_apart_by_content() {
    let db = TempDb::new("hash");
    let mut store = Store::open(&db.0).unwrap();
    let pipeline = Pipeline::new();
    let a = analysed(&pipeline, "a.txt", "Chile signed a fishing accord with Peru on Monday.");
    let b = analysed(&pipeline, "b.txt", "Peru rejected a Chilean proposal on Friday.");
    assert_eq!(store.put_all(vec![a, b]).unwrap(), vec![Outcome::Inserted, Outcome::Inserted]);
    let copy = analysed(&pipeline, "copy-of-a.txt", "Chile signed a fishing accord with Peru on Monday.");
    assert_eq!(store.put(copy).unwrap(), Outcome::Unchanged);
    assert_eq!(store.stats().unwrap().articles, 2);
    let peru = store.events(&EventFilter { actor: Some("Peru".into()), ..Default::default() }).unwrap();
    assert_eq!(peru.len(), 2, "{peru:#?}");
}

#[test]
fn reopening_keeps_data_and_bad_filters_are_refused_with_a_reason() {
    let db = TempDb::new("reopen");
    {
        let mut store = Store::open(&db.0).unwrap();
        store.put(article("https://example.net/a", "2025-01-02", "Norway offered aid to Iceland.")).unwrap();
        store.record_error("broken.warc.gz@120", "truncated gzip stream").unwrap();
    }
    let store = Store::open(&db.0).unwrap();
    assert_eq!(store.schema_version().unwrap(), 3);
    let stats = store.stats().unwrap();
    assert_eq!((stats.articles, stats.errors), (1, 1));
    assert_eq!(stats.recent_errors[0].source, "broken.warc.gz@120");
    let reader = Store::open_read_only(&db.0).unwrap();
    assert_eq!(reader.stats().unwrap().articles, 1);

    let bad = store.quotes(&QuoteFilter { from: Some("last week".into()), ..Default::default() }).unwrap_err();
    assert!(bad.to_string().contains("`from` is not a date"), "{bad}");
    let empty = store.quotes(&QuoteFilter { text: Some("?!".into()), ..Default::default() }).unwrap_err();
    assert!(empty.to_string().contains("no words"), "{empty}");
    let missing = Store::open_read_only(&db.0.with_file_name("missing.db")).err().expect("no such database");
    assert!(missing.to_string().contains("newsgraph ingest"), "{missing}");
}

#[test]
fn a_joint_statement_is_found_by_each_of_its_speakers() {
    let db = TempDb::new("joint");
    let mut store = Store::open(&db.0).unwrap();
    let text = "Senator Ada Pell and Senator Omar Sadiq said on Monday that the ferry budget was too small. \
                Pell has led the transport committee since 2019.";
    store.put(article("https://news.example/ferry", "2024-05-06", text)).unwrap();
    let by =
        |speaker: &str| store.quotes(&QuoteFilter { speaker: Some(speaker.into()), ..Default::default() }).unwrap();
    let sadiq = by("Sadiq");
    assert_eq!(sadiq.len(), 1, "{sadiq:#?}");
    assert_eq!(
        (sadiq[0].speaker.as_deref(), &sadiq[0].joint_speakers[..]),
        (Some("Omar Sadiq"), &["Ada Pell".to_string()][..])
    );
    assert_eq!(by("Pell").len(), 1, "the joint speaker finds it too");
    let pell = store.actor_named("Ada Pell").unwrap().expect("Ada Pell is an actor");
    assert_eq!(pell.quotes, 1, "{pell:#?}");
}
