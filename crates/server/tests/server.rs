//! The server on a store holding the seed article and two short articles
//! written for these tests (one full of markup that must never run):
//! requests in process through the router, and one over loopback.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use newsgraph_doc::Article;
use newsgraph_pipeline::Pipeline;
use newsgraph_server::{router, routes, serve_on, AppState, ServerConfig};
use newsgraph_store::query::ArticleFilter;
use newsgraph_store::{content_hash, Analysed, Store};
use serde_json::Value;
use tower::ServiceExt;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/voa-emboldened-north-korea.txt");

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "<img src=x onerror=alert(2)>";

/// Markup in the title, in a quote and in the text around it.
fn hostile_body() -> String {
    format!(
        "“The {SCRIPT} tag and {IMG} are only text here,” Mayor Ilse Brandt told the Harbour Gazette on Tuesday.\n\n\
         The council of Rostock met on Monday. {SCRIPT} and {IMG} appear in the text as well.\n\n\
         Brandt said the port would reopen in April."
    )
}

const AID_BODY: &str = "Norway offered aid to Iceland on Thursday, officials said.\n\n\
     “We will send two ships before the storm season,” Foreign Minister Kari Nordheim said in a statement.";

/// A temporary store with the three articles, and the server state over it.
struct Fixture {
    dir: PathBuf,
    app: Router,
    state: AppState,
    seed: i64,
    hostile: i64,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn stored(pipeline: &Pipeline, url: &str, date: &str, title: &str, body: &str) -> Analysed {
    let article = Article {
        title: Some(title.to_string()),
        body: body.to_string(),
        url: Some(url.to_string()),
        published: Some(date.to_string()),
        ..Article::default()
    };
    Analysed { doc: pipeline.analyze_article(url, article), content_hash: content_hash(body), tier: "fast".into() }
}

fn fixture(name: &str) -> Fixture {
    let dir = std::env::temp_dir().join(format!("newsgraph-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("test.db");
    let pipeline = Arc::new(Pipeline::new());
    let mut store = Store::open(&db).unwrap();
    let page = newsgraph_input::read_file(std::path::Path::new(SEED)).unwrap();
    let seed = Analysed { doc: pipeline.analyze(&page), content_hash: content_hash(&page.text), tier: "fast".into() };
    let hostile = stored(
        &pipeline,
        "https://gazette.example.org/2025/03/harbour",
        "2025-03-04",
        &format!("Harbour {SCRIPT} news {IMG}"),
        &hostile_body(),
    );
    let aid = stored(&pipeline, "https://news.example.net/2025/01/aid", "2025-01-02", "Aid for Iceland", AID_BODY);
    store.put_all(vec![seed, hostile, aid]).unwrap();
    store.record_error("broken.warc.gz@120", &format!("truncated gzip stream {SCRIPT}")).unwrap();
    let id_of = |words: &str| {
        let found = store.articles(&ArticleFilter { text: Some(words.into()), ..ArticleFilter::default() }).unwrap();
        assert_eq!(found.len(), 1, "{words}: {found:#?}");
        found[0].id
    };
    let (seed, hostile) = (id_of("Emboldened"), id_of("Rostock"));
    drop(store);
    let config = ServerConfig { db, addr: "127.0.0.1:0".parse().unwrap(), pipeline, max_body: 64 * 1024 };
    let state = AppState::open(&config).unwrap();
    Fixture { dir, app: router(state.clone()), state, seed, hostile }
}

struct Answer {
    status: StatusCode,
    content_type: String,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        assert!(self.content_type.starts_with("application/json"), "{}: {}", self.content_type, self.body);
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    fn html(&self) -> &str {
        assert!(self.content_type.starts_with("text/html"), "{}: {}", self.content_type, self.body);
        &self.body
    }
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type =
        response.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    Answer { status, content_type, body: String::from_utf8(bytes.to_vec()).unwrap() }
}

async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post(app: &Router, uri: &str, content_type: &str, body: impl Into<Body>) -> Answer {
    send(app, Request::post(uri).header(header::CONTENT_TYPE, content_type).body(body.into()).unwrap()).await
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[tokio::test]
async fn quotes_are_found_by_speaker_and_paged_with_a_next_link() {
    let f = fixture("quotes");
    let revere = get(&f.app, "/api/quotes?speaker=Revere").await;
    assert_eq!(revere.status, StatusCode::OK);
    let json = revere.json();
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 5, "{json:#}");
    assert!(items.iter().all(|q| q["speaker"] == "Evans Revere"));
    assert_eq!((json["limit"].as_u64(), json["offset"].as_u64()), (Some(50), Some(0)));
    assert!(json.get("next").is_none(), "a page that is not full has no next");

    let first = get(&f.app, "/api/quotes?speaker=Revere&limit=2").await.json();
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    assert_eq!(first["next"], "/api/quotes?speaker=Revere&limit=2&offset=2");
    let second = get(&f.app, first["next"].as_str().unwrap()).await.json();
    assert_eq!(second["offset"], 2);
    assert_ne!(first["items"][0]["id"], second["items"][0]["id"]);

    let events = get(&f.app, "/api/events?actor=Trump&other=Kim%20Jong%20Un").await.json();
    assert!(events["items"].as_array().unwrap().iter().any(|e| e["code"] == "CONSULT"), "{events:#}");
    let articles = get(&f.app, "/api/articles?outlet=example").await.json();
    assert_eq!(articles["items"].as_array().unwrap().len(), 2, "{articles:#}");
    let stats = get(&f.app, "/api/stats").await.json();
    assert_eq!((stats["articles"].as_i64(), stats["errors"].as_i64()), (Some(3), Some(1)));
}

#[tokio::test]
async fn articles_and_actors_are_served_whole_by_id_and_by_name() {
    let f = fixture("records");
    let record = get(&f.app, &format!("/api/articles/{}", f.seed)).await.json();
    assert_eq!(record["id"], f.seed);
    let quotes = record["document"]["quotes"].as_array().unwrap();
    assert_eq!(record["quote_ids"].as_array().unwrap().len(), quotes.len());

    let by_name = get(&f.app, "/api/actors?name=Revere").await.json();
    assert_eq!(by_name["actor"]["name"], "Evans Revere");
    assert_eq!(by_name["quotes"], 5);
    let id = by_name["actor"]["id"].as_i64().unwrap();
    let by_id = get(&f.app, &format!("/api/actors/{id}")).await.json();
    assert_eq!(by_id["actor"], by_name["actor"]);

    let kim = get(&f.app, "/api/actors?name=Kim").await.json();
    let kim_id = kim["actor"]["id"].as_i64().unwrap();
    let neighbours = get(&f.app, &format!("/api/actors/{kim_id}/neighbours?limit=3")).await.json();
    assert_eq!(neighbours["limit"], 3);
    assert_eq!(neighbours["items"].as_array().unwrap().len(), 3, "{neighbours:#}");
    assert!(neighbours["items"].as_array().unwrap().iter().any(|n| n["actor"]["name"] == "Donald Trump"));
    // A full page links to the next, which goes on where this one stopped.
    let next = neighbours["next"].as_str().expect("a full page has a next link");
    let second = get(&f.app, next).await.json();
    assert_eq!(second["offset"], 3);
    let all = get(&f.app, &format!("/api/actors/{kim_id}/neighbours?limit=6")).await.json();
    let ids = |page: &serde_json::Value| -> Vec<i64> {
        page["items"].as_array().unwrap().iter().map(|n| n["actor"]["id"].as_i64().unwrap()).collect()
    };
    let two_pages = [ids(&neighbours), ids(&second)].concat();
    assert!(two_pages.len() > 3, "the second page is empty: {second:#}");
    assert_eq!(two_pages, ids(&all)[..two_pages.len()]);
}

#[tokio::test]
async fn errors_are_json_with_the_right_status_and_a_reason() {
    let f = fixture("errors");
    let bad_date = get(&f.app, "/api/quotes?from=last%20week").await;
    assert_eq!(bad_date.status, StatusCode::BAD_REQUEST);
    assert!(bad_date.json()["error"].as_str().unwrap().contains("`from` is not a date"), "{}", bad_date.body);
    let bad_limit = get(&f.app, "/api/events?limit=many").await;
    assert_eq!(bad_limit.status, StatusCode::BAD_REQUEST);
    assert!(bad_limit.json()["error"].as_str().unwrap().contains("limit"), "{}", bad_limit.body);
    let no_name = get(&f.app, "/api/actors").await;
    assert_eq!(no_name.status, StatusCode::BAD_REQUEST);
    assert!(no_name.json()["error"].as_str().unwrap().contains("name="));

    for missing in [
        "/api/articles/999999",
        "/api/actors/999999",
        "/api/actors/999999/neighbours",
        "/api/articles/abc",
        "/api/nothing",
    ] {
        let answer = get(&f.app, missing).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{missing}");
        assert!(!answer.json()["error"].as_str().unwrap().is_empty(), "{missing}");
    }
    let unknown_person = get(&f.app, "/api/actors?name=Nobody%20Here").await;
    assert_eq!(unknown_person.status, StatusCode::NOT_FOUND);
    let wrong_method = post(&f.app, "/api/quotes", "text/plain", "x").await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(wrong_method.json()["error"].as_str().unwrap().contains("/openapi.json"));

    // Pages answer their failures as pages.
    let page = get(&f.app, "/articles/999999").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.html().contains("<p class=\"error\">no article 999999"), "{}", page.body);
    assert_eq!(get(&f.app, "/no/such/page").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn analyze_returns_the_document_without_storing_it_and_refuses_what_is_not_a_page() {
    let f = fixture("analyze");
    let text = "“The bridge will be rebuilt by June,” Governor Lena Okafor told reporters on Monday.";
    let answer = post(&f.app, "/api/analyze", "text/plain; charset=utf-8", text).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let doc = answer.json();
    let quotes = doc["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 1, "{doc:#}");
    assert_eq!(quotes[0]["speaker"]["name"], "Lena Okafor");
    assert_eq!(doc["format"], "text");

    let html = format!("<html><body><article><p>{text}</p></article></body></html>");
    let detected = post(&f.app, "/api/analyze", "application/octet-stream", html).await.json();
    assert_eq!(detected["format"], "html");
    assert_eq!(detected["quotes"][0]["speaker"]["name"], "Lena Okafor");
    assert_eq!(get(&f.app, "/api/stats").await.json()["articles"], 3, "analysis stores nothing");

    // The charset the request names decodes a page that declares none.
    let latin1 = b"\xabLa r\xe9forme est pr\xeate,\xbb a d\xe9clar\xe9 la ministre Ana\xefs Roux.".to_vec();
    let decoded = post(&f.app, "/api/analyze", "text/plain; charset=iso-8859-1", latin1).await.json();
    assert_eq!(decoded["article"]["body"], "«La réforme est prête,» a déclaré la ministre Anaïs Roux.", "{decoded:#}");

    let too_large = post(&f.app, "/api/analyze", "text/plain", "word ".repeat(20_000)).await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(too_large.json()["error"].as_str().unwrap().contains("65536 bytes"), "{}", too_large.body);
    let image = post(&f.app, "/api/analyze", "image/png", vec![0x89, b'P', b'N', b'G']).await;
    assert_eq!(image.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(image.json()["error"].as_str().unwrap().contains("text/html or text/plain"));
    let empty = post(&f.app, "/api/analyze", "text/plain", "  \n").await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert!(empty.json()["error"].as_str().unwrap().contains("empty page"));
}

#[tokio::test]
async fn the_article_page_highlights_every_quote_and_links_it_to_its_speaker() {
    let f = fixture("article");
    let record = get(&f.app, &format!("/api/articles/{}", f.seed)).await.json();
    let quotes = record["document"]["quotes"].as_array().unwrap();
    let answer = get(&f.app, &format!("/articles/{}", f.seed)).await;
    assert_eq!(answer.status, StatusCode::OK);
    let html = answer.html();

    // The seed holds 23 statements of speech (its gold); with the beliefs
    // and positions the tagger finds, every quote is one piece of text and
    // none overlaps another, so each is one mark.
    let speech = quotes.iter().filter(|q| q["speech"] == true).count();
    assert_eq!(speech, 23, "the seed's statements of speech");
    let pieces: usize = quotes.iter().map(|q| q["spans"].as_array().unwrap().len()).sum();
    assert_eq!(pieces, quotes.len(), "each quote of the seed is one piece");
    assert_eq!(count(html, "<mark class=\"quote"), pieces);
    for id in record["quote_ids"].as_array().unwrap() {
        assert_eq!(count(html, &format!("id=\"q-{id}\"")), 1, "quote {id} has one anchor");
    }
    let revere_pieces: usize = quotes
        .iter()
        .filter(|q| q["speaker"]["name"] == "Evans Revere")
        .map(|q| q["spans"].as_array().unwrap().len())
        .sum();
    assert_eq!(count(html, "data-speaker=\"Evans Revere\""), revere_pieces);
    let revere = get(&f.app, "/api/actors?name=Revere").await.json()["actor"]["id"].as_i64().unwrap();
    assert!(html.contains(&format!("<a class=\"quote-link\" href=\"/actors/{revere}\">")));
    // The hover names the descriptor, the outlet the statement was made to, the channel and the day.
    assert!(
        html.contains("title=\"Evans Revere, former acting U.S. assistant secretary of state for East Asian and Pacific affairs\nto VOA Korean\nvia email\nTuesday (2024-11-19)\""),
        "{html}"
    );
    assert!(html.contains("<span class=\"entity per\""), "entities inside quotes are marked, not linked");
    assert!(html.contains("<a class=\"entity loc\""), "entities outside quotes link to their actor");
    let paragraphs = record["document"]["article"]["body"].as_str().unwrap().split("\n\n").count();
    assert_eq!(count(html, "<p>"), paragraphs);
    assert!(html.contains("<ul class=\"article-speakers\">"));
}

#[tokio::test]
async fn markup_from_articles_is_shown_as_text_on_every_page() {
    let f = fixture("hostile");
    let record = get(&f.app, &format!("/api/articles/{}", f.hostile)).await.json();
    let quotes = record["document"]["quotes"].as_array().unwrap();
    assert!(quotes.iter().any(|q| q["text"].as_str().unwrap().contains(SCRIPT)), "{record:#}");
    let speaker = get(&f.app, "/api/actors?name=Brandt").await.json()["actor"]["id"].as_i64().unwrap();

    let pages = [
        format!("/articles/{}", f.hostile),
        format!("/actors/{speaker}"),
        "/?q=alert".to_string(),
        "/?speaker=Brandt".to_string(),
        format!("/?q={}", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        "/status".to_string(),
    ];
    for uri in pages {
        let answer = get(&f.app, &uri).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.body);
        let html = answer.html();
        assert!(!html.contains("<script") && !html.contains("<img"), "{uri} lets markup through: {html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{uri} shows the markup as text: {html}");
    }
    let article = get(&f.app, &format!("/articles/{}", f.hostile)).await;
    assert!(article.html().contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(article.html().contains("<mark class=\"quote direct\""));
    assert_eq!(count(article.html(), "<title>Harbour &lt;script&gt;"), 1, "the title is escaped too");
}

#[tokio::test]
async fn the_speaker_page_lists_quotes_by_month_events_and_neighbours() {
    let f = fixture("speaker");
    let revere = get(&f.app, "/api/actors?name=Revere").await.json()["actor"]["id"].as_i64().unwrap();
    let answer = get(&f.app, &format!("/actors/{revere}")).await;
    assert_eq!(answer.status, StatusCode::OK);
    let html = answer.html();
    assert!(html.contains(&format!("<h1 class=\"actor-name\" data-actor=\"{revere}\">Evans Revere</h1>")));
    assert!(html.contains("<dd class=\"quotes\">5</dd>"));
    assert_eq!(count(html, "<li class=\"quote-item\""), 5);
    assert!(html.contains("<section class=\"quote-month\" data-month=\"2024-11\"><h3>November 2024</h3>"));
    assert!(html.contains("Pyongyang has become a de facto nuclear weapons state"));
    assert_eq!(count(html, "<rect class=\"bar\""), 1, "one month of quotes");
    assert!(html.contains("former acting U.S. assistant secretary of state"));

    let kim = get(&f.app, "/api/actors?name=Kim%20Jong%20Un").await.json()["actor"]["id"].as_i64().unwrap();
    let kim_page = get(&f.app, &format!("/actors/{kim}")).await;
    let html = kim_page.html();
    assert!(html.contains("<table id=\"events\">") && html.contains("CONSULT"), "{html}");
    assert!(html.contains("<svg class=\"actor-graph\"") && html.contains("<a class=\"node\" href=\"/actors/"));
    assert!(html.contains(">Donald Trump</text>"));
}

#[tokio::test]
async fn the_search_page_finds_quotes_and_articles_and_explains_bad_filters() {
    let f = fixture("search");
    let html = get(&f.app, "/?q=&speaker=Revere&from=&to=&outlet=").await.body;
    assert_eq!(count(&html, "<li class=\"quote-result\""), 5);
    assert!(html.contains("<form id=\"search\""));
    assert!(html.contains("value=\"Revere\""), "the form keeps what was asked");
    let words = get(&f.app, "/?q=denuclearization").await.body;
    assert!(count(&words, "<li class=\"quote-result\"") >= 1);
    assert!(words.contains(&format!("<a class=\"article-link\" href=\"/articles/{}\">", f.seed)));
    let paged = get(&f.app, "/?speaker=Revere&limit=2").await.body;
    assert_eq!(count(&paged, "<li class=\"quote-result\""), 2);
    assert!(paged.contains("<a class=\"next\" href=\"/?speaker=Revere&amp;limit=2&amp;offset=2\">"), "{paged}");

    let bad = get(&f.app, "/?from=yesterday").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.html().contains("<p class=\"error\">`from` is not a date"), "{}", bad.body);

    let status = get(&f.app, "/status").await;
    assert!(status.html().contains("<dd id=\"stat-articles\">3</dd>"));
    assert!(status.html().contains("broken.warc.gz@120"));
    let css = get(&f.app, "/assets/style.css").await;
    assert!(css.content_type.starts_with("text/css") && css.body.contains("mark.quote"));
}

/// Every `$ref` in `value` names something in `root`.
fn assert_refs_resolve(root: &Value, value: &Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                let pointer = target.strip_prefix('#').expect("local refs only");
                assert!(root.pointer(pointer).is_some(), "{target} resolves");
            }
            map.values().for_each(|v| assert_refs_resolve(root, v));
        }
        Value::Array(items) => items.iter().for_each(|v| assert_refs_resolve(root, v)),
        _ => {}
    }
}

#[tokio::test]
async fn openapi_describes_exactly_the_routes_served() {
    let f = fixture("openapi");
    let spec = get(&f.app, "/openapi.json").await.json();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.0"));
    let paths = spec["paths"].as_object().unwrap();
    let served = routes();
    for route in &served {
        let method = route.method.to_lowercase();
        assert!(paths.get(route.path).and_then(|p| p.get(&method)).is_some(), "{route:?} is described");
    }
    for (path, methods) in paths {
        for method in methods.as_object().unwrap().keys() {
            assert!(
                served.iter().any(|r| r.path == path && r.method.eq_ignore_ascii_case(method)),
                "{method} {path} is served"
            );
        }
    }
    assert_refs_resolve(&spec, &spec);
}

/// A whole HTTP exchange over a socket: the status line and the body.
fn http_get(addr: SocketAddr, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_string(), body.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_answers_over_loopback() {
    let f = fixture("loopback");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(serve_on(listener, f.state.clone()));
    let (status, body) = tokio::task::spawn_blocking(move || http_get(addr, "/api/stats")).await.unwrap();
    assert_eq!(status, "HTTP/1.1 200 OK");
    let stats: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(stats["quotes"].as_i64().unwrap() as usize, stats_quotes(&f));
    let (status, body) = tokio::task::spawn_blocking(move || http_get(addr, "/")).await.unwrap();
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains("<form id=\"search\""));
    server.abort();
}

fn stats_quotes(f: &Fixture) -> usize {
    let store = Store::open_read_only(&f.dir.join("test.db")).unwrap();
    store.stats().unwrap().quotes as usize
}
