//! The questions asked across stored articles: quotes by speaker, topic,
//! words, date and outlet; a speaker's or actor's profile; events between
//! actors; actors seen together; articles by their words.
//!
//! Names match an actor's canonical name or any alias, case-insensitively,
//! and a surname matches a full name (`Revere` finds `Evans Revere`). Dates
//! are days (`2024-11-19`) or periods (`2024-11`, `2024`): `from` takes a
//! period's first day, `to` its last.

use newsgraph_doc::Document;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::write::first_day;
use crate::{Store, StoreError};

/// How many rows a query returns when not told.
pub const DEFAULT_LIMIT: usize = 50;
/// The most rows one query returns, whatever it asks.
pub const MAX_LIMIT: usize = 10_000;

/// Filters for [`Store::quotes`]; every one given must hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct QuoteFilter {
    /// Who said it: a name or alias of the speaker, or words of how the
    /// article names an unnamed one (`State Department spokesperson`).
    pub speaker: Option<String>,
    /// Who said it, by the store's actor id (exact, where names are shared).
    pub speaker_id: Option<i64>,
    /// An actor named inside the quote.
    pub about: Option<String>,
    /// Words in the quote (all of them, in any order; `"..."` for a phrase).
    pub text: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// The publishing outlet, or the outlet the statement was made to.
    pub outlet: Option<String>,
    /// Statements of speech only, without attributed beliefs.
    pub speech_only: bool,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteRow {
    pub id: i64,
    pub article_id: i64,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub speaker_actor_id: Option<i64>,
    pub descriptor: Option<String>,
    pub kind: String,
    pub speech: bool,
    pub text: String,
    pub cue: Option<String>,
    pub channel: Option<String>,
    /// The medium the statement was made to (`VOA Korean`).
    pub said_to: Option<String>,
    pub start: i64,
    pub end: i64,
    /// The others who made a joint statement, in the order written (the
    /// speaker is the one named last); empty for most.
    pub joint_speakers: Vec<String>,
}

/// The ids of the quotes actor `?1` made, alone or jointly with others.
const SPOKEN_BY: &str =
    "SELECT id FROM quotes WHERE speaker_actor_id = ?1 UNION SELECT quote_id FROM quote_speakers WHERE actor_id = ?1";

/// Separates joint speakers' names in one column: no name holds it.
const NAME_SEPARATOR: char = '\u{1f}';

/// Filters for [`Store::events`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    /// An actor on either side.
    pub actor: Option<String>,
    /// An actor on either side, by the store's actor id.
    pub actor_id: Option<i64>,
    /// With `actor`: the actor on the other side (either direction).
    pub other: Option<String>,
    /// PLOVER type (`THREATEN`), case-insensitive.
    pub code: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub article_id: i64,
    pub title: Option<String>,
    pub date: Option<String>,
    /// The TimeML value the text gives, when it dates the event itself.
    pub when: Option<String>,
    pub code: String,
    pub cameo: String,
    pub trigger: String,
    pub source: Option<String>,
    pub source_actor_id: Option<i64>,
    pub source_code: Option<String>,
    pub target: Option<String>,
    pub target_actor_id: Option<i64>,
    pub target_code: Option<String>,
    pub target_implied: bool,
    pub place: Option<String>,
    pub sentence: String,
}

/// Filters for [`Store::articles`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ArticleFilter {
    /// Words in the title or text.
    pub text: Option<String>,
    /// An actor the article names.
    pub actor: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub outlet: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleRow {
    pub id: i64,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    /// True when `date` was inferred from the text, not stated by the page.
    pub date_inferred: bool,
    pub quotes: i64,
    /// Where the words matched, with the matches between `[` and `]`, or the text's start.
    pub snippet: String,
}

/// One stored article with its whole analysis.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRecord {
    pub id: i64,
    pub identity: String,
    pub source: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub date_inferred: bool,
    pub ingested_at: String,
    /// The store's id for each of the document's actors, by index.
    pub actor_ids: Vec<i64>,
    /// The store's id for each of the document's quotes, by index.
    pub quote_ids: Vec<i64>,
    pub document: Document,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub sector: Option<String>,
}

/// Everything the store knows about one actor.
#[derive(Debug, Clone, Serialize)]
pub struct ActorProfile {
    pub actor: ActorRow,
    /// Every name it goes by.
    pub names: Vec<String>,
    /// Descriptions articles give it, most frequent first, with how many articles give each.
    pub descriptors: Vec<Counted>,
    pub articles: i64,
    pub quotes: i64,
    pub events: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// Quotes a month (`2024-11`).
    pub quote_timeline: Vec<Counted>,
    /// Outlets that quote it, most first.
    pub outlets: Vec<Counted>,
    /// Other actors the name matched, for picking the intended one.
    pub also_matched: Vec<ActorRow>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Counted {
    pub value: String,
    pub count: i64,
}

/// An actor seen with another, and how.
#[derive(Debug, Clone, Serialize)]
pub struct Neighbour {
    pub actor: ActorRow,
    /// Articles naming both.
    pub articles: i64,
    /// Events between the two, either way.
    pub events: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub articles: i64,
    pub quotes: i64,
    pub actors: i64,
    pub events: i64,
    pub errors: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub recent_errors: Vec<IngestError>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IngestError {
    pub source: String,
    pub reason: String,
    pub at: String,
}

/// The last day of a date or period, for an inclusive `to`.
fn last_day(value: &str) -> Option<String> {
    let day = first_day(value)?;
    Some(match value.len() {
        4 => format!("{value}-12-31"),
        // Days compare as text, so the 31st closes every month.
        7 => format!("{value}-31"),
        _ => day,
    })
}

/// A user's words as an FTS5 query: each word must occur (quoted, so
/// punctuation and FTS operators in it are plain text); a `"..."` part is a phrase.
fn fts_query(text: &str) -> Option<String> {
    let mut parts = Vec::new();
    for (k, chunk) in text.split('"').enumerate() {
        let words: Vec<&str> =
            chunk.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            continue;
        }
        if k % 2 == 1 {
            parts.push(format!("\"{}\"", words.join(" ")));
        } else {
            parts.extend(words.iter().map(|w| format!("\"{w}\"")));
        }
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// `text` lowercased for LIKE, its wildcards taken literally (`ESCAPE '\'`).
fn like_escaped(text: &str) -> String {
    text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// `%text%` for LIKE: contains `text`.
fn like_pattern(text: &str) -> String {
    format!("%{}%", like_escaped(text))
}

/// The rows a query returns and skips, from what it asks: [`DEFAULT_LIMIT`]
/// when not told, never more than [`MAX_LIMIT`], at least one.
pub fn page_bounds(limit: Option<usize>, offset: Option<usize>) -> (usize, usize) {
    (limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT), offset.unwrap_or(0))
}

/// SQL conditions and their parameters, built up filter by filter.
#[derive(Default)]
struct Conditions {
    sql: Vec<String>,
    params: Vec<Value>,
}

impl Conditions {
    fn add(&mut self, sql: impl Into<String>, params: impl IntoIterator<Item = Value>) {
        self.sql.push(sql.into());
        self.params.extend(params);
    }

    fn dates(&mut self, column: &str, from: Option<&str>, to: Option<&str>) -> Result<(), String> {
        if let Some(from) = from {
            let day = first_day(from)
                .ok_or_else(|| format!("`from` is not a date: {from:?} (use 2024-11-19, 2024-11 or 2024)"))?;
            self.add(format!("{column} >= ?"), [Value::Text(day)]);
        }
        if let Some(to) = to {
            let day =
                last_day(to).ok_or_else(|| format!("`to` is not a date: {to:?} (use 2024-11-30, 2024-11 or 2024)"))?;
            self.add(format!("{column} <= ?"), [Value::Text(day)]);
        }
        Ok(())
    }

    fn where_clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.sql.join(" AND "))
        }
    }
}

/// A list of ids for `IN (...)`; ids are integers, so writing them into SQL is safe.
fn id_list(ids: &[i64]) -> String {
    if ids.is_empty() {
        "NULL".to_string()
    } else {
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    }
}

fn actor_row(r: &Row, at: usize) -> rusqlite::Result<ActorRow> {
    Ok(ActorRow {
        id: r.get(at)?,
        name: r.get(at + 1)?,
        kind: r.get(at + 2)?,
        country: r.get(at + 3)?,
        sector: r.get(at + 4)?,
    })
}

/// Why a query failed: a bad argument (the user's to fix) or the database.
#[derive(Debug)]
pub enum QueryError {
    BadRequest(String),
    Store(StoreError),
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QueryError::BadRequest(why) => write!(f, "{why}"),
            QueryError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for QueryError {}

impl From<StoreError> for QueryError {
    fn from(e: StoreError) -> Self {
        QueryError::Store(e)
    }
}

impl Store {
    fn db(&self, e: rusqlite::Error) -> QueryError {
        QueryError::Store(self.error("query failed", e))
    }

    /// Ids of the actors `name` names: a canonical name or alias, or a
    /// full name ending in it (a surname), case-insensitively; those with
    /// the most articles first.
    pub fn actors_named(&self, name: &str) -> Result<Vec<i64>, QueryError> {
        let lower = name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if lower.is_empty() {
            return Err(QueryError::BadRequest("an empty name matches no one".to_string()));
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT n.actor_id FROM actor_names n LEFT JOIN article_actors aa ON aa.actor_id = n.actor_id
                 WHERE n.lower = ?1 OR n.lower LIKE ?2 ESCAPE '\\'
                 GROUP BY n.actor_id ORDER BY count(aa.article_id) DESC, n.actor_id",
            )
            .map_err(|e| self.db(e))?;
        let ids = stmt
            .query_map(params![lower, format!("% {}", like_escaped(&lower))], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.db(e))?;
        Ok(ids)
    }

    /// Quotes matching every filter given, newest first.
    pub fn quotes(&self, filter: &QuoteFilter) -> Result<Vec<QuoteRow>, QueryError> {
        let mut c = Conditions::default();
        if let Some(speaker) = &filter.speaker {
            let ids = self.actors_named(speaker)?;
            let ids = id_list(&ids);
            c.add(
                format!(
                    "(q.speaker_actor_id IN ({ids}) OR lower(q.speaker) LIKE ? ESCAPE '\\'
                      OR q.id IN (SELECT quote_id FROM quote_speakers
                                  WHERE actor_id IN ({ids}) OR lower(name) LIKE ? ESCAPE '\\'))"
                ),
                [Value::Text(like_pattern(speaker)), Value::Text(like_pattern(speaker))],
            );
        }
        if let Some(id) = filter.speaker_id {
            c.add(
                "(q.speaker_actor_id = ? OR q.id IN (SELECT quote_id FROM quote_speakers WHERE actor_id = ?))",
                [Value::Integer(id), Value::Integer(id)],
            );
        }
        if let Some(about) = &filter.about {
            let ids = self.actors_named(about)?;
            c.add(format!("q.id IN (SELECT quote_id FROM quote_actors WHERE actor_id IN ({}))", id_list(&ids)), []);
        }
        if let Some(text) = &filter.text {
            let query =
                fts_query(text).ok_or_else(|| QueryError::BadRequest(format!("no words to search for in {text:?}")))?;
            c.add("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", [Value::Text(query)]);
        }
        c.dates("q.date", filter.from.as_deref(), filter.to.as_deref()).map_err(QueryError::BadRequest)?;
        if let Some(outlet) = &filter.outlet {
            let pattern = like_pattern(outlet);
            c.add(
                "(lower(a.outlet) LIKE ? ESCAPE '\\' OR lower(q.outlet) LIKE ? ESCAPE '\\')",
                [Value::Text(pattern.clone()), Value::Text(pattern)],
            );
        }
        if filter.speech_only {
            c.add("q.speech = 1", []);
        }
        let (limit, offset) = page_bounds(filter.limit, filter.offset);
        let sql = format!(
            "SELECT q.id, q.article_id, a.title, a.url, a.outlet, q.date, q.speaker, q.speaker_actor_id, q.descriptor,
                    q.kind, q.speech, q.text, q.cue, q.channel, q.outlet, q.start, q.end,
                    (SELECT group_concat(s.name, char(31) ORDER BY s.idx) FROM quote_speakers s WHERE s.quote_id = q.id)
             FROM quotes q JOIN articles a ON a.id = q.article_id {}
             ORDER BY q.date DESC, q.article_id DESC, q.idx LIMIT {limit} OFFSET {offset}",
            c.where_clause()
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map(params_from_iter(c.params), |r| {
                Ok(QuoteRow {
                    id: r.get(0)?,
                    article_id: r.get(1)?,
                    title: r.get(2)?,
                    url: r.get(3)?,
                    outlet: r.get(4)?,
                    date: r.get(5)?,
                    speaker: r.get(6)?,
                    speaker_actor_id: r.get(7)?,
                    descriptor: r.get(8)?,
                    kind: r.get(9)?,
                    speech: r.get(10)?,
                    text: r.get(11)?,
                    cue: r.get(12)?,
                    channel: r.get(13)?,
                    said_to: r.get(14)?,
                    start: r.get(15)?,
                    end: r.get(16)?,
                    joint_speakers: r
                        .get::<_, Option<String>>(17)?
                        .map(|names| names.split(NAME_SEPARATOR).map(String::from).collect())
                        .unwrap_or_default(),
                })
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.db(e))?;
        Ok(rows)
    }

    /// Events matching every filter given, in the order they happened.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>, QueryError> {
        let mut c = Conditions::default();
        match (&filter.actor, &filter.other) {
            (Some(actor), Some(other)) => {
                let (a, b) = (id_list(&self.actors_named(actor)?), id_list(&self.actors_named(other)?));
                c.add(
                    format!(
                        "((e.source_actor_id IN ({a}) AND e.target_actor_id IN ({b})) OR
                          (e.source_actor_id IN ({b}) AND e.target_actor_id IN ({a})))"
                    ),
                    [],
                );
            }
            (Some(one), None) | (None, Some(one)) => {
                let ids = id_list(&self.actors_named(one)?);
                c.add(format!("(e.source_actor_id IN ({ids}) OR e.target_actor_id IN ({ids}))"), []);
            }
            (None, None) => {}
        }
        if let Some(id) = filter.actor_id {
            c.add("(e.source_actor_id = ? OR e.target_actor_id = ?)", [Value::Integer(id), Value::Integer(id)]);
        }
        if let Some(code) = &filter.code {
            c.add("e.code = ?", [Value::Text(code.to_uppercase())]);
        }
        c.dates("e.date", filter.from.as_deref(), filter.to.as_deref()).map_err(QueryError::BadRequest)?;
        let (limit, offset) = page_bounds(filter.limit, filter.offset);
        let sql = format!(
            "SELECT e.id, e.article_id, a.title, e.date, e.when_value, e.code, e.cameo, e.trigger,
                    coalesce(s.name, e.source_text), e.source_actor_id, e.source_code,
                    coalesce(t.name, e.target_text), e.target_actor_id, e.target_code, e.target_implied,
                    e.place, e.sentence
             FROM events e JOIN articles a ON a.id = e.article_id
             LEFT JOIN actors s ON s.id = e.source_actor_id LEFT JOIN actors t ON t.id = e.target_actor_id {}
             ORDER BY e.date, e.article_id, e.start LIMIT {limit} OFFSET {offset}",
            c.where_clause()
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map(params_from_iter(c.params), |r| {
                Ok(EventRow {
                    id: r.get(0)?,
                    article_id: r.get(1)?,
                    title: r.get(2)?,
                    date: r.get(3)?,
                    when: r.get(4)?,
                    code: r.get(5)?,
                    cameo: r.get(6)?,
                    trigger: r.get(7)?,
                    source: r.get(8)?,
                    source_actor_id: r.get(9)?,
                    source_code: r.get(10)?,
                    target: r.get(11)?,
                    target_actor_id: r.get(12)?,
                    target_code: r.get(13)?,
                    target_implied: r.get(14)?,
                    place: r.get(15)?,
                    sentence: r.get(16)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.db(e))?;
        Ok(rows)
    }

    /// Articles matching every filter given: best text match first when
    /// searching words, else newest first.
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleRow>, QueryError> {
        let mut c = Conditions::default();
        let mut from = "articles a".to_string();
        let mut snippet = "substr(a.body, 1, 200)".to_string();
        let mut order = "a.date DESC, a.id DESC".to_string();
        if let Some(text) = &filter.text {
            let query =
                fts_query(text).ok_or_else(|| QueryError::BadRequest(format!("no words to search for in {text:?}")))?;
            from = "articles_fts JOIN articles a ON a.id = articles_fts.rowid".to_string();
            snippet = "snippet(articles_fts, 1, '[', ']', '…', 24)".to_string();
            order = "bm25(articles_fts)".to_string();
            c.add("articles_fts MATCH ?", [Value::Text(query)]);
        }
        if let Some(actor) = &filter.actor {
            let ids = self.actors_named(actor)?;
            c.add(format!("a.id IN (SELECT article_id FROM article_actors WHERE actor_id IN ({}))", id_list(&ids)), []);
        }
        c.dates("a.date", filter.from.as_deref(), filter.to.as_deref()).map_err(QueryError::BadRequest)?;
        if let Some(outlet) = &filter.outlet {
            c.add("lower(a.outlet) LIKE ? ESCAPE '\\'", [Value::Text(like_pattern(outlet))]);
        }
        let (limit, offset) = page_bounds(filter.limit, filter.offset);
        let sql = format!(
            "SELECT a.id, a.title, a.url, a.outlet, a.date, a.date_inferred,
                    (SELECT count(*) FROM quotes q WHERE q.article_id = a.id), {snippet}
             FROM {from} {} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
            c.where_clause()
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map(params_from_iter(c.params), |r| {
                Ok(ArticleRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    url: r.get(2)?,
                    outlet: r.get(3)?,
                    date: r.get(4)?,
                    date_inferred: r.get(5)?,
                    quotes: r.get(6)?,
                    snippet: r.get(7)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.db(e))?;
        Ok(rows)
    }

    /// One article with its analysis, if the id exists.
    pub fn article(&self, id: i64) -> Result<Option<ArticleRecord>, QueryError> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT id, identity, source, outlet, date, date_inferred, ingested_at, document FROM articles WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([id], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, bool>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                    ))
                })
                .optional()
            })
            .map_err(|e| self.db(e))?;
        let Some((id, identity, source, outlet, date, date_inferred, ingested_at, json)) = found else {
            return Ok(None);
        };
        let document: Document = serde_json::from_str(&json).map_err(|e| {
            QueryError::Store(StoreError { path: self.path.clone(), what: format!("article {id} is corrupt: {e}") })
        })?;
        let ids = |sql: &str| -> Result<Vec<i64>, QueryError> {
            self.conn
                .prepare_cached(sql)
                .and_then(|mut s| s.query_map([id], |r| r.get(0)).and_then(Iterator::collect))
                .map_err(|e| self.db(e))
        };
        Ok(Some(ArticleRecord {
            id,
            identity,
            source,
            outlet,
            date,
            date_inferred,
            ingested_at,
            actor_ids: ids("SELECT actor_id FROM article_actors WHERE article_id = ?1 ORDER BY idx")?,
            quote_ids: ids("SELECT id FROM quotes WHERE article_id = ?1 ORDER BY idx")?,
            document,
        }))
    }

    /// The profile of the actor `name` names (the one in most articles when
    /// several match; the others are listed in `also_matched`).
    pub fn actor_named(&self, name: &str) -> Result<Option<ActorProfile>, QueryError> {
        let ids = self.actors_named(name)?;
        let Some((&first, rest)) = ids.split_first() else { return Ok(None) };
        let mut profile = self.actor(first)?.expect("a matched actor exists");
        for &id in rest.iter().take(20) {
            profile.also_matched.push(self.actor_row(id)?.expect("a matched actor exists"));
        }
        Ok(Some(profile))
    }

    fn actor_row(&self, id: i64) -> Result<Option<ActorRow>, QueryError> {
        self.conn
            .prepare_cached("SELECT id, name, kind, country, sector FROM actors WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| actor_row(r, 0)).optional())
            .map_err(|e| self.db(e))
    }

    fn counted(&self, sql: &str, id: i64) -> Result<Vec<Counted>, QueryError> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut s| {
                s.query_map([id], |r| Ok(Counted { value: r.get(0)?, count: r.get(1)? })).and_then(Iterator::collect)
            })
            .map_err(|e| self.db(e))
    }

    /// Everything known about actor `id`.
    pub fn actor(&self, id: i64) -> Result<Option<ActorProfile>, QueryError> {
        let Some(actor) = self.actor_row(id)? else { return Ok(None) };
        let names = self
            .conn
            .prepare_cached("SELECT name FROM actor_names WHERE actor_id = ?1 ORDER BY length(name) DESC, name")
            .and_then(|mut s| s.query_map([id], |r| r.get(0)).and_then(Iterator::collect))
            .map_err(|e| self.db(e))?;
        let descriptors = self.counted(
            "SELECT d.value, count(*) FROM article_actors aa, json_each(aa.descriptors) d
             WHERE aa.actor_id = ?1 GROUP BY d.value ORDER BY count(*) DESC, length(d.value) DESC LIMIT 20",
            id,
        )?;
        let (articles, first_seen, last_seen): (i64, Option<String>, Option<String>) = self
            .conn
            .prepare_cached(
                "SELECT count(*), min(a.date), max(a.date) FROM article_actors aa JOIN articles a ON a.id = aa.article_id
                 WHERE aa.actor_id = ?1",
            )
            .and_then(|mut s| s.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))))
            .map_err(|e| self.db(e))?;
        let count = |sql: &str| -> Result<i64, QueryError> {
            self.conn.prepare_cached(sql).and_then(|mut s| s.query_row([id], |r| r.get(0))).map_err(|e| self.db(e))
        };
        Ok(Some(ActorProfile {
            actor,
            names,
            descriptors,
            articles,
            quotes: count(&format!("SELECT count(*) FROM ({SPOKEN_BY})"))?,
            events: count("SELECT count(*) FROM events WHERE source_actor_id = ?1 OR target_actor_id = ?1")?,
            first_seen,
            last_seen,
            quote_timeline: self.counted(
                &format!(
                    "SELECT substr(date, 1, 7) AS month, count(*) FROM quotes WHERE id IN ({SPOKEN_BY}) AND date IS NOT NULL
                     GROUP BY month ORDER BY month"
                ),
                id,
            )?,
            outlets: self.counted(
                &format!(
                    "SELECT a.outlet, count(*) FROM quotes q JOIN articles a ON a.id = q.article_id
                     WHERE q.id IN ({SPOKEN_BY}) AND a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY count(*) DESC LIMIT 20"
                ),
                id,
            )?,
            also_matched: Vec::new(),
        }))
    }

    /// The actors seen with actor `id`: those in the same articles or in
    /// events with it, most connected first; `limit` of them after skipping `offset`.
    pub fn neighbours(&self, id: i64, limit: usize, offset: usize) -> Result<Vec<Neighbour>, QueryError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "WITH together AS (
                     SELECT b.actor_id AS other, count(DISTINCT b.article_id) AS articles
                     FROM article_actors a JOIN article_actors b ON a.article_id = b.article_id
                     WHERE a.actor_id = ?1 AND b.actor_id != ?1 GROUP BY b.actor_id),
                 interacting AS (
                     SELECT CASE WHEN source_actor_id = ?1 THEN target_actor_id ELSE source_actor_id END AS other,
                            count(*) AS events
                     FROM events WHERE (source_actor_id = ?1 OR target_actor_id = ?1)
                         AND source_actor_id IS NOT NULL AND target_actor_id IS NOT NULL
                         AND source_actor_id != target_actor_id
                     GROUP BY other)
                 SELECT x.id, x.name, x.kind, x.country, x.sector, t.articles, coalesce(i.events, 0)
                 FROM together t JOIN actors x ON x.id = t.other LEFT JOIN interacting i ON i.other = t.other
                 ORDER BY coalesce(i.events, 0) DESC, t.articles DESC, x.id LIMIT ?2 OFFSET ?3",
            )
            .map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map(params![id, limit.clamp(1, MAX_LIMIT) as i64, offset as i64], |r| {
                Ok(Neighbour { actor: actor_row(r, 0)?, articles: r.get(5)?, events: r.get(6)? })
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.db(e))?;
        Ok(rows)
    }

    /// Counts of what is stored, and the latest ingest errors.
    pub fn stats(&self) -> Result<Stats, QueryError> {
        let count = |table: &str| -> Result<i64, QueryError> {
            self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).map_err(|e| self.db(e))
        };
        let (first_date, last_date) = self
            .conn
            .query_row("SELECT min(date), max(date) FROM articles", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.db(e))?;
        let recent_errors = self
            .conn
            .prepare_cached("SELECT source, reason, at FROM ingest_errors ORDER BY id DESC LIMIT 20")
            .and_then(|mut s| {
                s.query_map([], |r| Ok(IngestError { source: r.get(0)?, reason: r.get(1)?, at: r.get(2)? }))
                    .and_then(Iterator::collect)
            })
            .map_err(|e| self.db(e))?;
        Ok(Stats {
            articles: count("articles")?,
            quotes: count("quotes")?,
            actors: count("(SELECT DISTINCT actor_id FROM article_actors)")?,
            events: count("events")?,
            errors: count("ingest_errors")?,
            first_date,
            last_date,
            recent_errors,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_words_become_a_safe_fts_query() {
        assert_eq!(fts_query("nuclear deterrent").as_deref(), Some("\"nuclear\" \"deterrent\""));
        assert_eq!(fts_query("say \"without limit\" now").as_deref(), Some("\"say\" \"without limit\" \"now\""));
        assert_eq!(fts_query("AND OR NOT (*)").as_deref(), Some("\"AND\" \"OR\" \"NOT\""));
        assert_eq!(fts_query(" -- "), None);
    }

    #[test]
    fn periods_close_on_their_last_day() {
        assert_eq!(last_day("2024").as_deref(), Some("2024-12-31"));
        assert_eq!(last_day("2024-11").as_deref(), Some("2024-11-31"));
        assert_eq!(last_day("2024-11-19").as_deref(), Some("2024-11-19"));
        assert_eq!(last_day("soon"), None);
    }

    #[test]
    fn like_wildcards_in_user_text_are_literal() {
        assert_eq!(like_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
    }
}
