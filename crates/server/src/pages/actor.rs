//! `/actors/{id}`: a speaker's or actor's page: names, descriptions,
//! counts, quotes over time, events, and the actors it is seen with.

use std::f64::consts::PI;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use newsgraph_store::query::{
    ActorProfile, ActorRow, Counted, EventFilter, EventRow, Neighbour, QueryError, QuoteFilter, QuoteRow,
};
use newsgraph_store::Store;

use super::quote_item;
use crate::error::Failure;
use crate::html::{esc, page, plural, PageFailure};
use crate::params::Id;
use crate::AppState;

/// The most quotes and events one page lists.
const LISTED: usize = 1000;
/// Actors drawn around this one.
const GRAPH_NEIGHBOURS: usize = 12;
/// Months the quote chart spans at most (the latest ones).
const CHART_MONTHS: usize = 120;

pub(crate) async fn actor(State(state): State<AppState>, id: Result<Id, Failure>) -> Result<Response, PageFailure> {
    let Id(id) = id?;
    let view = state.read(move |store| ActorView::load(store, id)).await?;
    let view = view.ok_or_else(|| Failure::not_found(format!("no actor {id}; search for one at /")))?;
    Ok(page(StatusCode::OK, &view.profile.actor.name, &view.render()))
}

struct ActorView {
    profile: ActorProfile,
    quotes: Vec<QuoteRow>,
    events: Vec<EventRow>,
    neighbours: Vec<Neighbour>,
}

impl ActorView {
    fn load(store: &Store, id: i64) -> Result<Option<ActorView>, QueryError> {
        let Some(profile) = store.actor(id)? else { return Ok(None) };
        let quotes =
            store.quotes(&QuoteFilter { speaker_id: Some(id), limit: Some(LISTED), ..QuoteFilter::default() })?;
        let events =
            store.events(&EventFilter { actor_id: Some(id), limit: Some(LISTED), ..EventFilter::default() })?;
        let neighbours = store.neighbours(id, GRAPH_NEIGHBOURS, 0)?;
        Ok(Some(ActorView { profile, quotes, events, neighbours }))
    }

    fn render(&self) -> String {
        let p = &self.profile;
        let a = &p.actor;
        let kind: Vec<&str> =
            [Some(a.kind.as_str()), a.country.as_deref(), a.sector.as_deref()].into_iter().flatten().collect();
        let mut out = format!(
            "<h1 class=\"actor-name\" data-actor=\"{}\">{}</h1><p class=\"actor-kind\">{}</p>",
            a.id,
            esc(&a.name),
            esc(&kind.join(" · "))
        );
        let seen = match (&p.first_seen, &p.last_seen) {
            (Some(first), Some(last)) => {
                format!("<dt>Seen</dt><dd class=\"seen\">{} to {}</dd>", esc(first), esc(last))
            }
            _ => String::new(),
        };
        out.push_str(&format!(
            "<dl class=\"actor-counts\"><dt>Articles</dt><dd class=\"articles\">{}</dd><dt>Quotes</dt>\
             <dd class=\"quotes\">{}</dd><dt>Events</dt><dd class=\"events\">{}</dd>{seen}</dl>",
            p.articles, p.quotes, p.events
        ));
        let names: String = p.names.iter().map(|n| format!("<li>{}</li>", esc(n))).collect();
        out.push_str(&format!("<h2>Names</h2><ul class=\"actor-names\">{names}</ul>"));
        if !p.descriptors.is_empty() {
            out.push_str(&format!(
                "<h2>Described as</h2><ul class=\"descriptors\">{}</ul>",
                counted_items(&p.descriptors)
            ));
        }
        if !p.outlets.is_empty() {
            out.push_str(&format!("<h2>Quoted by</h2><ul class=\"outlets\">{}</ul>", counted_items(&p.outlets)));
        }
        if !p.also_matched.is_empty() {
            let others: String = p.also_matched.iter().map(actor_link).map(|l| format!("<li>{l}</li>")).collect();
            out.push_str(&format!("<h2>Others of that name</h2><ul class=\"also-matched\">{others}</ul>"));
        }
        out.push_str(&self.quotes_section());
        out.push_str(&self.events_section());
        out.push_str(&self.graph_section());
        out
    }

    fn quotes_section(&self) -> String {
        let mut out = "<section id=\"quotes\"><h2>Quotes</h2>".to_string();
        if self.quotes.is_empty() {
            out.push_str("<p class=\"empty\">No quotes.</p></section>");
            return out;
        }
        out.push_str(&timeline_chart(&self.profile.quote_timeline));
        // The store lists quotes newest first, so each month's are together.
        let mut month: Option<&str> = None;
        for quote in &self.quotes {
            let this = quote.date.as_deref().and_then(|d| d.get(..7)).unwrap_or("undated");
            if month != Some(this) {
                if month.is_some() {
                    out.push_str("</ul></section>");
                }
                out.push_str(&format!(
                    "<section class=\"quote-month\" data-month=\"{0}\"><h3>{1}</h3><ul class=\"quotes\">",
                    esc(this),
                    esc(&month_name(this))
                ));
                month = Some(this);
            }
            out.push_str(&quote_item(quote, "quote-item"));
        }
        out.push_str("</ul></section></section>");
        out
    }

    fn events_section(&self) -> String {
        let mut out = "<section id=\"events-section\"><h2>Events</h2>".to_string();
        if self.events.is_empty() {
            out.push_str("<p class=\"empty\">No events.</p></section>");
            return out;
        }
        out.push_str(
            "<table id=\"events\"><thead><tr><th>Date</th><th>Event</th><th>Source</th><th>Target</th>\
             <th>Sentence</th></tr></thead><tbody>",
        );
        for e in &self.events {
            let side = |name: &Option<String>, id: Option<i64>| match (name, id) {
                (Some(name), Some(id)) => format!("<a href=\"/actors/{id}\">{}</a>", esc(name)),
                (Some(name), None) => esc(name).to_string(),
                (None, _) => String::new(),
            };
            out.push_str(&format!(
                "<tr class=\"event\" data-event=\"{}\"><td>{}</td><td><span class=\"code\">{}</span> {}</td><td>{}</td>\
                 <td>{}</td><td><a class=\"article-link\" href=\"/articles/{}\">{}</a></td></tr>",
                e.id,
                esc(e.date.as_deref().unwrap_or_default()),
                esc(&e.code),
                esc(&e.trigger),
                side(&e.source, e.source_actor_id),
                side(&e.target, e.target_actor_id),
                e.article_id,
                esc(&e.sentence)
            ));
        }
        out.push_str("</tbody></table></section>");
        out
    }

    fn graph_section(&self) -> String {
        if self.neighbours.is_empty() {
            return "<section id=\"graph\"><h2>Seen with</h2><p class=\"empty\">No one yet.</p></section>".to_string();
        }
        let list: String = self
            .neighbours
            .iter()
            .map(|n| format!("<li>{} <span class=\"count\">{}</span></li>", actor_link(&n.actor), shared(n)))
            .collect();
        format!(
            "<section id=\"graph\"><h2>Seen with</h2>{}<ul class=\"neighbours\">{list}</ul></section>",
            graph(&self.profile.actor, &self.neighbours)
        )
    }
}

fn actor_link(actor: &ActorRow) -> String {
    format!("<a href=\"/actors/{}\">{}</a>", actor.id, esc(&actor.name))
}

/// What an actor shares with a neighbour: `2 events, 1 article`.
fn shared(n: &Neighbour) -> String {
    format!("{}, {}", plural(n.events, "event"), plural(n.articles, "article"))
}

fn counted_items(items: &[Counted]) -> String {
    items.iter().map(|c| format!("<li>{} <span class=\"count\">{}</span></li>", esc(&c.value), c.count)).collect()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2024-11` as `November 2024`; anything else as it is.
fn month_name(month: &str) -> String {
    match parse_month(month) {
        Some((year, m)) => format!("{} {year}", MONTHS[m - 1]),
        None => month.to_string(),
    }
}

fn parse_month(month: &str) -> Option<(i32, usize)> {
    let (year, m) = month.split_once('-')?;
    let m: usize = m.parse().ok()?;
    (1..=12).contains(&m).then_some((year.parse().ok()?, m))
}

/// Every month from the first to the last of `timeline`, with its count
/// (zero for months without quotes), the latest [`CHART_MONTHS`] at most.
fn months(timeline: &[Counted]) -> Vec<(String, i64)> {
    let bounds =
        timeline.first().zip(timeline.last()).and_then(|(f, l)| Some((parse_month(&f.value)?, parse_month(&l.value)?)));
    let Some(((mut year, mut month), last)) = bounds else {
        return timeline.iter().map(|c| (c.value.clone(), c.count)).collect();
    };
    let mut out = Vec::new();
    while (year, month) <= last {
        let name = format!("{year:04}-{month:02}");
        let count = timeline.iter().find(|c| c.value == name).map_or(0, |c| c.count);
        out.push((name, count));
        (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    }
    let skip = out.len().saturating_sub(CHART_MONTHS);
    out.split_off(skip)
}

/// Quotes a month as an SVG bar chart.
fn timeline_chart(timeline: &[Counted]) -> String {
    let months = months(timeline);
    let Some(most) = months.iter().map(|(_, n)| *n).max().filter(|&n| n > 0) else { return String::new() };
    let (bar, gap, height) = ((600 / months.len()).clamp(4, 40) as f64, 2.0, 100.0);
    let width = months.len() as f64 * (bar + gap);
    let mut out = format!(
        "<svg class=\"timeline-chart\" viewBox=\"0 0 {width} {}\" width=\"{width}\" height=\"{}\" role=\"img\" \
         aria-label=\"Quotes a month\">",
        height + 20.0,
        height + 20.0
    );
    for (i, (month, count)) in months.iter().enumerate() {
        let h = height * *count as f64 / most as f64;
        out.push_str(&format!(
            "<rect class=\"bar\" data-month=\"{0}\" x=\"{2}\" y=\"{3}\" width=\"{bar}\" height=\"{h}\">\
             <title>{0}: {1}</title></rect>",
            esc(month),
            plural(*count, "quote"),
            i as f64 * (bar + gap),
            height - h
        ));
    }
    let (first, last) = (&months[0].0, &months[months.len() - 1].0);
    out.push_str(&format!("<text class=\"axis\" x=\"0\" y=\"{}\">{}</text>", height + 15.0, esc(first)));
    if months.len() > 1 {
        out.push_str(&format!(
            "<text class=\"axis\" x=\"{width}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            height + 15.0,
            esc(last)
        ));
    }
    out.push_str("</svg>");
    out
}

/// The actor in the middle, its neighbours on a circle around it; an
/// edge is the wider the more events (which count double) and articles
/// the two share.
fn graph(centre: &ActorRow, neighbours: &[Neighbour]) -> String {
    let (width, height, radius) = (720.0, 420.0, 150.0);
    let (cx, cy) = (width / 2.0, height / 2.0);
    let weight = |n: &Neighbour| (2 * n.events + n.articles) as f64;
    let heaviest = neighbours.iter().map(weight).fold(1.0, f64::max);
    let mut edges = String::new();
    let mut nodes = String::new();
    for (k, n) in neighbours.iter().enumerate() {
        let angle = -PI / 2.0 + 2.0 * PI * k as f64 / neighbours.len() as f64;
        let (x, y) = (cx + radius * angle.cos(), cy + radius * angle.sin());
        edges.push_str(&format!(
            "<line class=\"edge{}\" x1=\"{cx}\" y1=\"{cy}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke-width=\"{:.1}\">\
             <title>{}: {}</title></line>",
            if n.events > 0 { " interacting" } else { "" },
            1.0 + 6.0 * weight(n) / heaviest,
            esc(&n.actor.name),
            shared(n)
        ));
        // Labels point away from the centre so they do not cross the edges.
        let (anchor, lx, ly) = match angle.cos() {
            c if c > 0.3 => ("start", x + 12.0, y + 4.0),
            c if c < -0.3 => ("end", x - 12.0, y + 4.0),
            _ => ("middle", x, if y < cy { y - 12.0 } else { y + 20.0 }),
        };
        nodes.push_str(&format!(
            "<a class=\"node\" href=\"/actors/{id}\" data-actor=\"{id}\"><circle class=\"{kind}\" cx=\"{x:.1}\" \
             cy=\"{y:.1}\" r=\"7\"/><text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{name}</text></a>",
            id = n.actor.id,
            kind = esc(&n.actor.kind),
            name = esc(&n.actor.name)
        ));
    }
    format!(
        "<svg class=\"actor-graph\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Actors seen with {name}\">\
         {edges}<circle class=\"centre {kind}\" cx=\"{cx}\" cy=\"{cy}\" r=\"11\"/>\
         <text class=\"centre\" x=\"{cx}\" y=\"{}\" text-anchor=\"middle\">{name}</text>{nodes}</svg>",
        cy + 28.0,
        name = esc(&centre.name),
        kind = esc(&centre.kind),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(value: &str, count: i64) -> Counted {
        Counted { value: value.to_string(), count }
    }

    #[test]
    fn the_chart_has_a_bar_for_every_month_between_the_first_and_the_last() {
        let got = months(&[counted("2023-11", 2), counted("2024-02", 5)]);
        let names: Vec<&str> = got.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(names, ["2023-11", "2023-12", "2024-01", "2024-02"]);
        assert_eq!(got.iter().map(|(_, n)| *n).collect::<Vec<_>>(), [2, 0, 0, 5]);
        assert_eq!(month_name("2024-11"), "November 2024");
        assert_eq!(month_name("undated"), "undated");
    }
}
