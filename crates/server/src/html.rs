//! Writing HTML: the one escaping function every piece of outside text and
//! every attribute value goes through, links, and the page frame.

use std::fmt;

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::error::Failure;

/// Text as HTML, for element content and quoted attribute values alike.
pub(crate) struct Escaped<'a>(&'a str);

/// `text` escaped: articles are untrusted web content, so nothing from
/// them (or from the request) reaches a page without passing here.
pub(crate) fn esc(text: &str) -> Escaped<'_> {
    Escaped(text)
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut plain = 0;
        for (i, c) in self.0.char_indices() {
            let entity = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&self.0[plain..i])?;
            f.write_str(entity)?;
            plain = i + c.len_utf8();
        }
        f.write_str(&self.0[plain..])
    }
}

/// `path` with query parameters, URL-encoded (and still to be escaped into
/// an attribute).
pub(crate) fn link_with(path: &str, pairs: &[(&str, &str)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(pairs);
    format!("{path}?{}", query.finish())
}

/// Where a speaker's name leads: its actor page, or a search for the name
/// when the store has no actor for it (`a State Department spokesperson`).
pub(crate) fn speaker_href(actor: Option<i64>, name: &str) -> String {
    match actor {
        Some(id) => format!("/actors/{id}"),
        None => link_with("/", &[("speaker", name)]),
    }
}

/// `url` when it is a web address: a page can claim any URL, `javascript:` included.
pub(crate) fn web_href(url: &str) -> Option<&str> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url)
}

/// `1 event`, `2 events`.
pub(crate) fn plural(count: i64, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// No scripts at all, and styles only from the server: should escaping
/// ever miss, the browser still runs nothing.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// A whole page around `body` (HTML already escaped where needed).
pub(crate) fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · newsgraph</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head>\
         <body><header class=\"site\"><a class=\"home\" href=\"/\">newsgraph</a>\
         <nav><a href=\"/\">Search</a> <a href=\"/status\">Status</a> <a href=\"/openapi.json\">API</a></nav></header>\
         <main>{body}</main></body></html>",
        esc(title)
    );
    let headers =
        [(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY), (header::X_CONTENT_TYPE_OPTIONS, "nosniff")];
    (status, headers, Html(html)).into_response()
}

/// A failure shown as a page rather than as JSON.
pub(crate) struct PageFailure(Failure);

impl From<Failure> for PageFailure {
    fn from(failure: Failure) -> PageFailure {
        PageFailure(failure)
    }
}

impl IntoResponse for PageFailure {
    fn into_response(self) -> Response {
        let Failure { status, message } = self.0;
        let title = status.canonical_reason().unwrap_or("Error");
        page(status, title, &format!("<h1>{}</h1><p class=\"error\">{}</p>", esc(title), esc(&message)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_and_attributes_is_escaped() {
        let hostile = "<img src=x onerror=\"alert('1')\"> & co";
        assert_eq!(esc(hostile).to_string(), "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co");
        assert_eq!(esc("Kim’s “offer”").to_string(), "Kim’s “offer”");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(web_href("https://www.voanews.com/a"), Some("https://www.voanews.com/a"));
        assert_eq!(web_href(" JavaScript:alert(1)"), None);
        assert_eq!(web_href("data:text/html,<script>"), None);
    }

    #[test]
    fn unknown_speakers_lead_to_a_search_for_their_name() {
        assert_eq!(speaker_href(Some(7), "Evans Revere"), "/actors/7");
        assert_eq!(speaker_href(None, "a spokesperson & co"), "/?speaker=a+spokesperson+%26+co");
    }
}
