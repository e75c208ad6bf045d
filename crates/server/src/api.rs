//! The JSON API: the store's queries, and analysis on demand.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::Json;
use newsgraph_doc::Document;
use newsgraph_store::query::{
    ActorProfile, ArticleFilter, ArticleRecord, ArticleRow, EventFilter, EventRow, Neighbour, QuoteFilter, QuoteRow,
    Stats,
};
use serde::{Deserialize, Serialize};

use crate::error::Failure;
use crate::params::{bounds, next_link, Id, Params};
use crate::AppState;

const OPENAPI: &str = include_str!("../openapi.json");

/// How many neighbours `/api/actors/{id}/neighbours` gives when not told.
const DEFAULT_NEIGHBOURS: usize = 20;

/// One page of a listing.
#[derive(Serialize)]
pub(crate) struct Listing<T> {
    items: Vec<T>,
    limit: usize,
    offset: usize,
    /// The next page, when this one is full.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

impl<T> Listing<T> {
    fn new(items: Vec<T>, (limit, offset): (usize, usize), uri: &Uri) -> Listing<T> {
        let next = (items.len() == limit).then(|| next_link(uri, limit, offset));
        Listing { items, limit, offset, next }
    }
}

pub(crate) async fn quotes(
    State(state): State<AppState>,
    uri: Uri,
    Params(filter): Params<QuoteFilter>,
) -> Result<Json<Listing<QuoteRow>>, Failure> {
    let page = bounds(filter.limit, filter.offset);
    let items = state.read(move |store| store.quotes(&filter)).await?;
    Ok(Json(Listing::new(items, page, &uri)))
}

pub(crate) async fn events(
    State(state): State<AppState>,
    uri: Uri,
    Params(filter): Params<EventFilter>,
) -> Result<Json<Listing<EventRow>>, Failure> {
    let page = bounds(filter.limit, filter.offset);
    let items = state.read(move |store| store.events(&filter)).await?;
    Ok(Json(Listing::new(items, page, &uri)))
}

pub(crate) async fn articles(
    State(state): State<AppState>,
    uri: Uri,
    Params(filter): Params<ArticleFilter>,
) -> Result<Json<Listing<ArticleRow>>, Failure> {
    let page = bounds(filter.limit, filter.offset);
    let items = state.read(move |store| store.articles(&filter)).await?;
    Ok(Json(Listing::new(items, page, &uri)))
}

pub(crate) async fn article(State(state): State<AppState>, Id(id): Id) -> Result<Json<ArticleRecord>, Failure> {
    let record = state.read(move |store| store.article(id)).await?;
    record.map(Json).ok_or_else(|| Failure::not_found(format!("no article {id}; /api/articles lists them")))
}

pub(crate) async fn actor(State(state): State<AppState>, Id(id): Id) -> Result<Json<ActorProfile>, Failure> {
    let profile = state.read(move |store| store.actor(id)).await?;
    profile.map(Json).ok_or_else(|| Failure::not_found(format!("no actor {id}; find one with /api/actors?name=...")))
}

#[derive(Deserialize)]
pub(crate) struct NameQuery {
    name: Option<String>,
}

pub(crate) async fn actor_named(
    State(state): State<AppState>,
    Params(query): Params<NameQuery>,
) -> Result<Json<ActorProfile>, Failure> {
    let name = query.name.ok_or_else(|| Failure::bad_request("give the actor's name: /api/actors?name=Revere"))?;
    let asked = name.clone();
    let profile = state.read(move |store| store.actor_named(&name)).await?;
    profile.map(Json).ok_or_else(|| Failure::not_found(format!("no actor is named {asked:?}")))
}

#[derive(Deserialize)]
pub(crate) struct NeighbourQuery {
    limit: Option<usize>,
    offset: Option<usize>,
}

pub(crate) async fn neighbours(
    State(state): State<AppState>,
    uri: Uri,
    Id(id): Id,
    Params(query): Params<NeighbourQuery>,
) -> Result<Json<Listing<Neighbour>>, Failure> {
    let page @ (limit, offset) = bounds(Some(query.limit.unwrap_or(DEFAULT_NEIGHBOURS)), query.offset);
    let found = state
        .read(move |store| match store.actor(id)? {
            Some(_) => store.neighbours(id, limit, offset).map(Some),
            None => Ok(None),
        })
        .await?;
    let items =
        found.ok_or_else(|| Failure::not_found(format!("no actor {id}; find one with /api/actors?name=...")))?;
    Ok(Json(Listing::new(items, page, &uri)))
}

pub(crate) async fn stats(State(state): State<AppState>) -> Result<Json<Stats>, Failure> {
    Ok(Json(state.read(|store| store.stats()).await?))
}

/// The request's Content-Type, refused unless it names a page (HTML or
/// plain text) or says nothing of the format (then the bytes tell).
fn content_type(headers: &HeaderMap) -> Result<Option<String>, Failure> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else { return Ok(None) };
    let value = value.to_str().unwrap_or_default().to_string();
    let essence = value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    match essence.as_str() {
        "" | "application/octet-stream" | "text/html" | "application/xhtml+xml" | "text/plain" => Ok(Some(value)),
        other => Err(Failure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("cannot analyse {other}: send the page as text/html or text/plain"),
        )),
    }
}

/// Analyses the page in the body; nothing is stored.
pub(crate) async fn analyze(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Document>, Failure> {
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the page is larger than this server's limit of {} bytes; send a shorter page", state.0.max_body),
        ),
        status => Failure::new(status, e.body_text()),
    })?;
    let content_type = content_type(&headers)?;
    let _turn = state.0.analyses.acquire().await.expect("the analysis semaphore is never closed");
    let pipeline = Arc::clone(&state.0.pipeline);
    let analysed = tokio::task::spawn_blocking(move || {
        newsgraph_input::decode_http_body("request", content_type.as_deref(), &body).map(|page| pipeline.analyze(&page))
    })
    .await
    .map_err(|e| Failure::internal(format!("the analysis stopped unexpectedly: {e}")))?;
    analysed.map(Json).map_err(|e| Failure::bad_request(e.to_string()))
}

pub(crate) async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

pub(crate) async fn method_not_allowed(method: Method, uri: Uri) -> Failure {
    Failure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} does not take {method}; /openapi.json lists what each path takes", uri.path()),
    )
}
