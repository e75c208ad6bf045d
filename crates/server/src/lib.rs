//! The newsgraph server: one binary serving the store as a JSON API and as
//! web pages, and analysing pages on demand.
//!
//! JSON (every error is `{"error": "..."}` with its status):
//! - `GET /api/quotes`, `/api/events`, `/api/articles`: the store's queries,
//!   their filters as query parameters, answered as
//!   `{"items": [...], "limit": 50, "offset": 0, "next": "/api/...&offset=50"}`
//!   (`next` only when the page is full);
//! - `GET /api/articles/{id}`: an article with its whole analysed document;
//! - `GET /api/actors/{id}`, `/api/actors?name=...`: an actor's profile;
//!   `/api/actors/{id}/neighbours`: the actors seen with it;
//! - `GET /api/stats`: counts and the last ingest errors;
//! - `POST /api/analyze`: an HTML or text page in the body, its analysis back
//!   (nothing stored); bodies over [`ServerConfig::max_body`] get 413;
//! - `GET /openapi.json`: an OpenAPI 3.0 description of all of the above.
//!
//! Pages (server-rendered, no JavaScript; all text from articles is escaped):
//! `/` search, `/articles/{id}` an article with its quotes highlighted,
//! `/actors/{id}` a speaker's or actor's page, `/status` what is stored.
//!
//! Stable hooks for browser tests:
//! - search page: `form#search` with inputs `q`, `speaker`, `from`, `to`,
//!   `outlet`; the speakers and actors the words name,
//!   `#actor-results li.actor-result a.speaker-name`; quotes
//!   `#quote-results li.quote-result` (with
//!   `.quote-text`, `a.speaker-name`, `.outlet`, `time.date`,
//!   `a.article-link`) and `#article-results li.article-result`
//!   (`a.article-link`); the next page is `a.next`; errors are `p.error`;
//! - article page: `article#article[data-article]` with `h1.article-title`,
//!   `.outlet`, `time.date`, `.byline`; every quote piece is
//!   `mark.quote[data-quote]` (the quote's id, several space-separated
//!   where quotes overlap; a `title` describing the statement;
//!   `data-speaker` and the link when the speaker is known),
//!   classed by kind (`.direct`, `.mixed`, `.indirect`), wrapping
//!   `a.quote-link` to the speaker; each quote's start is `#q-{quote id}`;
//!   entities are `.entity.per|org|loc|misc` (`data-actor` once resolved;
//!   links outside quotes, as a link cannot hold a link);
//!   `ul.article-speakers a.speaker-name` lists who speaks;
//! - actor page: `h1.actor-name[data-actor]`, `ul.actor-names`,
//!   `ul.descriptors`, `dl.actor-counts` (`dd.articles`, `dd.quotes`,
//!   `dd.events`), `svg.timeline-chart rect.bar`,
//!   `section.quote-month[data-month] li.quote-item`, `table#events`,
//!   `svg.actor-graph a.node`;
//! - status page: `dl#stats` (`#stat-articles`, `#stat-quotes`,
//!   `#stat-actors`, `#stat-events`, `#stat-errors`), `table.ingest-errors`.

mod api;
mod error;
mod html;
mod pages;
mod params;

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use newsgraph_pipeline::Pipeline;
use newsgraph_store::query::QueryError;
use newsgraph_store::{Store, StoreError};
use tokio::sync::Semaphore;

use crate::error::Failure;

/// The largest page `POST /api/analyze` takes unless configured otherwise.
pub const DEFAULT_MAX_BODY: usize = 5 << 20;

/// Idle read-only connections kept for the next requests; more are opened
/// under load and closed afterwards.
const IDLE_CONNECTIONS: usize = 8;

/// What the server serves, and where.
pub struct ServerConfig {
    /// The store, created by `newsgraph ingest`; opened read-only.
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// Analyses `POST /api/analyze` bodies.
    pub pipeline: Arc<Pipeline>,
    /// The largest request body `POST /api/analyze` accepts, in bytes.
    pub max_body: usize,
}

impl ServerConfig {
    /// A configuration with the default body limit.
    pub fn new(db: PathBuf, addr: SocketAddr, pipeline: Arc<Pipeline>) -> ServerConfig {
        ServerConfig { db, addr, pipeline, max_body: DEFAULT_MAX_BODY }
    }
}

/// Why the server could not start or stopped.
#[derive(Debug)]
pub enum ServerError {
    Store(StoreError),
    Bind { addr: SocketAddr, error: std::io::Error },
    Io(std::io::Error),
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServerError::Store(e) => write!(f, "{e}"),
            ServerError::Bind { addr, error } => {
                write!(f, "cannot listen on {addr}: {error} (is another server using it? pick another with --addr)")
            }
            ServerError::Io(e) => write!(f, "server failed: {e}"),
        }
    }
}

impl std::error::Error for ServerError {}

/// What every request shares: the store's connections, the pipeline and
/// the limits. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

struct Shared {
    db: PathBuf,
    idle: Mutex<Vec<Store>>,
    pipeline: Arc<Pipeline>,
    /// Analyses run at once: one a core, so a burst of large pages queues
    /// instead of filling memory.
    analyses: Semaphore,
    max_body: usize,
}

impl AppState {
    /// Opens the store read-only (failing now, not at the first request,
    /// when it is missing or from another version).
    pub fn open(config: &ServerConfig) -> Result<AppState, ServerError> {
        let first = Store::open_read_only(&config.db).map_err(ServerError::Store)?;
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(AppState(Arc::new(Shared {
            db: config.db.clone(),
            idle: Mutex::new(vec![first]),
            pipeline: Arc::clone(&config.pipeline),
            analyses: Semaphore::new(cores),
            max_body: config.max_body,
        })))
    }

    /// Runs `query` on a pooled connection on a blocking thread: SQLite
    /// calls block, and a connection serves one thread at a time.
    async fn read<T: Send + 'static>(
        &self,
        query: impl FnOnce(&Store) -> Result<T, QueryError> + Send + 'static,
    ) -> Result<T, Failure> {
        let shared = Arc::clone(&self.0);
        tokio::task::spawn_blocking(move || {
            let idle = shared.idle.lock().unwrap_or_else(PoisonError::into_inner).pop();
            let store = match idle {
                Some(store) => store,
                None => Store::open_read_only(&shared.db).map_err(QueryError::Store)?,
            };
            let answer = query(&store);
            let mut idle = shared.idle.lock().unwrap_or_else(PoisonError::into_inner);
            if idle.len() < IDLE_CONNECTIONS {
                idle.push(store);
            }
            answer
        })
        .await
        .map_err(|e| Failure::internal(format!("the query stopped unexpectedly: {e}")))?
        .map_err(Failure::from)
    }
}

/// One route the router serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The path as axum and OpenAPI write it (`/api/articles/{id}`).
    pub path: &'static str,
}

/// A router under construction that lists what it routes, so the list
/// ([`routes`]) cannot drift from what is served.
struct Routes {
    router: Router<AppState>,
    listed: Vec<Route>,
}

impl Routes {
    fn add(mut self, method: &'static str, path: &'static str, route: MethodRouter<AppState>) -> Routes {
        self.router = self.router.route(path, route);
        self.listed.push(Route { method, path });
        self
    }

    fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, handler: H) -> Routes {
        self.add("GET", path, get(handler))
    }
}

fn app(max_body: usize) -> Routes {
    Routes { router: Router::new(), listed: Vec::new() }
        .get("/", pages::search)
        .get("/articles/{id}", pages::article)
        .get("/actors/{id}", pages::actor)
        .get("/status", pages::status)
        .get("/assets/style.css", pages::stylesheet)
        .get("/openapi.json", api::openapi)
        .get("/api/quotes", api::quotes)
        .get("/api/events", api::events)
        .get("/api/articles", api::articles)
        .get("/api/articles/{id}", api::article)
        .get("/api/actors", api::actor_named)
        .get("/api/actors/{id}", api::actor)
        .get("/api/actors/{id}/neighbours", api::neighbours)
        .get("/api/stats", api::stats)
        .add("POST", "/api/analyze", post(api::analyze).layer(DefaultBodyLimit::max(max_body)))
}

/// Every route [`router`] serves.
pub fn routes() -> Vec<Route> {
    app(DEFAULT_MAX_BODY).listed
}

/// The whole application: API, pages and the JSON or HTML 404 for anything else.
pub fn router(state: AppState) -> Router {
    app(state.0.max_body)
        .router
        .fallback(pages::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .with_state(state)
}

/// Serves `state` on an already bound listener until the process ends.
pub async fn serve_on(listener: tokio::net::TcpListener, state: AppState) -> Result<(), ServerError> {
    axum::serve(listener, router(state)).await.map_err(ServerError::Io)
}

/// Opens the store, binds `config.addr`, says where on standard error and
/// serves until the process ends.
pub async fn serve(config: ServerConfig) -> Result<(), ServerError> {
    let state = AppState::open(&config)?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|error| ServerError::Bind { addr: config.addr, error })?;
    let addr = listener.local_addr().map_err(ServerError::Io)?;
    eprintln!("newsgraph: serving {} on http://{addr}/", config.db.display());
    serve_on(listener, state).await
}

/// [`serve`] on a runtime of its own, for callers that are not async.
pub fn run(config: ServerConfig) -> Result<(), ServerError> {
    tokio::runtime::Builder::new_multi_thread().enable_io().build().map_err(ServerError::Io)?.block_on(serve(config))
}
