//! The web pages: search, status, and (in their own modules) articles and actors.

mod actor;
mod article;

use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use newsgraph_doc::join_names;
use newsgraph_store::query::{ActorProfile, ArticleFilter, ArticleRow, QuoteFilter, QuoteRow};
use serde::Deserialize;

use crate::error::Failure;
use crate::html::{esc, page, plural, speaker_href, PageFailure};
use crate::params::{bounds, next_link, Params};
use crate::AppState;

pub(crate) use actor::actor;
pub(crate) use article::article;

const STYLESHEET: &str = include_str!("../../assets/style.css");

/// Articles the search page lists besides the quotes.
const ARTICLES_LISTED: usize = 20;
/// Speakers and actors a search lists above the quotes.
const ACTORS_LISTED: usize = 5;

pub(crate) async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")], STYLESHEET)
}

/// Anything no route serves: JSON under `/api/`, a page elsewhere.
pub(crate) async fn not_found(uri: Uri) -> Response {
    let failure = Failure::not_found(format!("nothing at {}", uri.path()));
    if uri.path().starts_with("/api/") {
        failure.into_response()
    } else {
        PageFailure::from(failure).into_response()
    }
}

/// The search form as submitted: empty boxes count as not filled in.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SearchForm {
    q: Option<String>,
    speaker: Option<String>,
    from: Option<String>,
    to: Option<String>,
    outlet: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

fn filled(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(String::from)
}

impl SearchForm {
    fn quote_filter(&self) -> QuoteFilter {
        QuoteFilter {
            text: filled(&self.q),
            speaker: filled(&self.speaker),
            from: filled(&self.from),
            to: filled(&self.to),
            outlet: filled(&self.outlet),
            limit: self.limit,
            offset: self.offset,
            ..QuoteFilter::default()
        }
    }

    /// The same search over articles: the speaker as an actor they name.
    fn article_filter(&self) -> ArticleFilter {
        ArticleFilter {
            text: filled(&self.q),
            actor: filled(&self.speaker),
            from: filled(&self.from),
            to: filled(&self.to),
            outlet: filled(&self.outlet),
            limit: Some(ARTICLES_LISTED),
            offset: None,
        }
    }

    fn html(&self) -> String {
        let input = |name: &str, label: &str, value: &Option<String>, hint: &str| {
            format!(
                "<label>{label} <input name=\"{name}\" value=\"{}\" placeholder=\"{hint}\"></label>",
                esc(value.as_deref().unwrap_or_default())
            )
        };
        format!(
            "<form id=\"search\" method=\"get\" action=\"/\" role=\"search\">\
             <input id=\"search-q\" name=\"q\" type=\"search\" value=\"{}\" placeholder=\"Words in quotes and articles\" \
             aria-label=\"Search\"><button type=\"submit\">Search</button><div class=\"filters\">{}{}{}{}</div></form>",
            esc(self.q.as_deref().unwrap_or_default()),
            input("speaker", "Speaker", &self.speaker, "Revere"),
            input("from", "From", &self.from, "2024-11"),
            input("to", "To", &self.to, "2024-11-30"),
            input("outlet", "Outlet", &self.outlet, "VOA"),
        )
    }
}

/// A quote as a list item: its words, who said it, where and when.
fn quote_item(row: &QuoteRow, class: &str) -> String {
    let link = |actor: Option<i64>, name: &str| {
        format!("<a class=\"speaker-name\" href=\"{}\">{}</a>", esc(&speaker_href(actor, name)), esc(name))
    };
    let speaker = match &row.speaker {
        Some(name) => {
            let joint = row.joint_speakers.iter().map(|n| link(None, n));
            let links: Vec<String> = joint.chain([link(row.speaker_actor_id, name)]).collect();
            join_names(links.iter().map(String::as_str))
        }
        None => "<span class=\"speaker-name unknown\">unattributed</span>".to_string(),
    };
    let descriptor = row.descriptor.as_deref().map(|d| format!(", <span class=\"descriptor\">{}</span>", esc(d)));
    let said_to = row.said_to.as_deref().map(|o| format!(" to <span class=\"said-to\">{}</span>", esc(o)));
    let channel = row.channel.as_deref().map(|c| format!(" via <span class=\"channel\">{}</span>", esc(c)));
    let outlet = row.outlet.as_deref().map(|o| format!(" · <span class=\"outlet\">{}</span>", esc(o)));
    let date = row.date.as_deref().map(|d| format!(" · <time class=\"date\" datetime=\"{0}\">{0}</time>", esc(d)));
    format!(
        "<li class=\"{class}\" data-quote=\"{id}\"><blockquote class=\"quote-text\">{text}</blockquote>\
         <p class=\"quote-meta\">{speaker}{}{}{}{}{} · <a class=\"article-link\" href=\"/articles/{article}#q-{id}\">{title}</a></p></li>",
        descriptor.unwrap_or_default(),
        said_to.unwrap_or_default(),
        channel.unwrap_or_default(),
        outlet.unwrap_or_default(),
        date.unwrap_or_default(),
        id = row.id,
        article = row.article_id,
        text = esc(&row.text),
        title = esc(row.title.as_deref().unwrap_or("(untitled)")),
    )
}

/// An actor the search words name, with what the store holds on it.
fn actor_item(profile: &ActorProfile) -> String {
    let actor = &profile.actor;
    let descriptor =
        profile.descriptors.first().map(|d| format!(", <span class=\"descriptor\">{}</span>", esc(&d.value)));
    format!(
        "<li class=\"actor-result\" data-actor=\"{id}\"><a class=\"speaker-name\" href=\"/actors/{id}\">{name}</a>{}\
         <p class=\"actor-meta\">{kind} · {quotes} · {articles}</p></li>",
        descriptor.unwrap_or_default(),
        id = actor.id,
        name = esc(&actor.name),
        kind = esc(&actor.kind),
        quotes = plural(profile.quotes, "quote"),
        articles = plural(profile.articles, "article"),
    )
}

fn article_item(row: &ArticleRow) -> String {
    let outlet = row.outlet.as_deref().map(|o| format!("<span class=\"outlet\">{}</span> · ", esc(o)));
    let date = row.date.as_deref().map(|d| format!("<time class=\"date\" datetime=\"{0}\">{0}</time> · ", esc(d)));
    format!(
        "<li class=\"article-result\" data-article=\"{id}\"><a class=\"article-link\" href=\"/articles/{id}\">{title}</a>\
         <p class=\"article-meta\">{}{}{quotes}</p><p class=\"snippet\">{snippet}</p></li>",
        outlet.unwrap_or_default(),
        date.unwrap_or_default(),
        id = row.id,
        title = esc(row.title.as_deref().unwrap_or("(untitled)")),
        quotes = plural(row.quotes, "quote"),
        snippet = esc(&row.snippet),
    )
}

/// `/`: the search box, and the quotes and articles it finds (the latest
/// ones when nothing is asked).
pub(crate) async fn search(
    State(state): State<AppState>,
    uri: Uri,
    form: Result<Params<SearchForm>, Failure>,
) -> Result<Response, PageFailure> {
    let Params(form) = form?;
    let (quote_filter, article_filter) = (form.quote_filter(), form.article_filter());
    let (limit, offset) = bounds(quote_filter.limit, quote_filter.offset);
    let words = filled(&form.q);
    let found = state
        .read(move |store| {
            // The words may name someone: `Revere` finds Evans Revere himself,
            // not only quotes that mention him.
            let mut actors = Vec::new();
            for id in words.as_deref().map(|w| store.actors_named(w)).transpose()?.unwrap_or_default() {
                actors.extend(store.actor(id)?);
                if actors.len() == ACTORS_LISTED {
                    break;
                }
            }
            Ok((store.quotes(&quote_filter)?, store.articles(&article_filter)?, actors))
        })
        .await;
    let (quotes, articles, actors) = match found {
        Ok(found) => found,
        Err(failure) if failure.status == StatusCode::BAD_REQUEST => {
            let body = format!("{}<p class=\"error\">{}</p>", form.html(), esc(&failure.message));
            return Ok(page(failure.status, "Search", &body));
        }
        Err(failure) => return Err(failure.into()),
    };
    let mut body = form.html();
    if !actors.is_empty() {
        body.push_str("<section id=\"actor-results\"><h2>Speakers and actors</h2><ul class=\"results\">");
        body.extend(actors.iter().map(actor_item));
        body.push_str("</ul></section>");
    }
    body.push_str(&format!(
        "<section id=\"quote-results\"><h2>Quotes</h2><ol class=\"results\" start=\"{}\">",
        offset + 1
    ));
    body.extend(quotes.iter().map(|q| quote_item(q, "quote-result")));
    body.push_str("</ol>");
    if quotes.is_empty() {
        body.push_str("<p class=\"empty\">No quotes found.</p>");
    }
    if quotes.len() == limit {
        body.push_str(&format!("<a class=\"next\" href=\"{}\">More quotes</a>", esc(&next_link(&uri, limit, offset))));
    }
    body.push_str("</section><section id=\"article-results\"><h2>Articles</h2><ul class=\"results\">");
    body.extend(articles.iter().map(article_item));
    body.push_str("</ul>");
    if articles.is_empty() {
        body.push_str("<p class=\"empty\">No articles found.</p>");
    }
    body.push_str("</section>");
    Ok(page(StatusCode::OK, "Search", &body))
}

/// `/status`: what the store holds and what could not be ingested.
pub(crate) async fn status(State(state): State<AppState>) -> Result<Response, PageFailure> {
    let stats = state.read(|store| store.stats()).await?;
    let counts = [
        ("articles", stats.articles),
        ("quotes", stats.quotes),
        ("actors", stats.actors),
        ("events", stats.events),
        ("errors", stats.errors),
    ];
    let mut body = "<h1>Status</h1><dl id=\"stats\">".to_string();
    for (name, count) in counts {
        body.push_str(&format!("<dt>{name}</dt><dd id=\"stat-{name}\">{count}</dd>"));
    }
    if let (Some(first), Some(last)) = (&stats.first_date, &stats.last_date) {
        body.push_str(&format!("<dt>dates</dt><dd id=\"stat-dates\">{} to {}</dd>", esc(first), esc(last)));
    }
    body.push_str("</dl><h2>Last ingest errors</h2>");
    if stats.recent_errors.is_empty() {
        body.push_str("<p class=\"empty\">None.</p>");
    } else {
        body.push_str(
            "<table class=\"ingest-errors\"><thead><tr><th>When</th><th>Source</th><th>Reason</th></tr></thead><tbody>",
        );
        for e in &stats.recent_errors {
            body.push_str(&format!(
                "<tr><td><time datetime=\"{0}\">{0}</time></td><td>{1}</td><td>{2}</td></tr>",
                esc(&e.at),
                esc(&e.source),
                esc(&e.reason)
            ));
        }
        body.push_str("</tbody></table>");
    }
    Ok(page(StatusCode::OK, "Status", &body))
}
