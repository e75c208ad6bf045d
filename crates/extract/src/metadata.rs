//! What a page says about its article besides the text: title, authors,
//! publication date, language, site name and canonical URL.
//!
//! One pass over the DOM collects every signal ([`Signals`]); the decisions
//! then weigh them. Structured data (JSON-LD, meta tags) is preferred where
//! sites fill it carefully (dates, authors) and cross-checked where they do
//! not (titles carry site-name suffixes, `author` metas carry the publisher).

use std::collections::HashMap;

use dom_query::{Document, NodeRef};
use serde_json::Value;

use crate::byline::{by_line, split_names, unique};
use crate::title::{
    is_all_caps, is_title_prefix, shared_word_share, site_parts, strip_heading_furniture, strip_site_name, wraps_title,
};
use crate::{date, lang};

/// schema.org types whose object describes the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "livebologposting",
    "liveblogposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "posting",
    "socialmediaposting",
    "medicalwebpage",
    "howto",
    "recipe",
    "review",
];

/// Meta keys (name, property or itemprop) that hold the publication date,
/// most specific first.
const DATE_METAS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "published_time",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "citation_publication_date",
    "citation_date",
    "article.published",
    "date",
    "og:published_time",
    "originalpublicationdate",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "release_date",
    "created",
    "published",
    "published-date",
    "publication-date",
    "article:published_date",
];

/// Meta keys that hold author names, most specific first.
const AUTHOR_METAS: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "citation_author",
    "og:article:author",
    "twitter:creator:name",
];

/// Everything the page offers toward the metadata, gathered in one pass.
#[derive(Debug, Default)]
pub struct Signals {
    /// Meta tag content by lowercased `name`, `property` or `itemprop`.
    meta: HashMap<String, Vec<String>>,
    /// JSON-LD objects, `@graph`s and arrays flattened.
    json_ld: Vec<Value>,
    doc_title: Option<String>,
    h1s: Vec<String>,
    html_lang: Option<String>,
    canonical: Option<String>,
    /// `datetime` of `<time>` elements and `itemprop=datePublished` values,
    /// in document order, unless they sit in something marked as an update.
    time_values: Vec<String>,
    /// Texts of elements marked as the author (`rel=author`, `itemprop=author`,
    /// class or id with `author`/`byline`).
    author_texts: Vec<String>,
    /// Short texts of elements whose class or id mentions a date.
    date_texts: Vec<String>,
    /// Visible text right after the first `<h1>`, where bylines and dates sit.
    after_title: String,
    /// Visible text right before the first `<h1>`, where some templates put
    /// the date line.
    before_title: String,
    /// Dates written in short visible texts, in page order: `Posted on
    /// April 13, 2023` in a header the other signals missed.
    visible_dates: Vec<String>,
}

/// How much visible text after the headline is searched for a byline or date.
const AFTER_TITLE_CHARS: usize = 600;
/// Longer texts under an `author` or `date` class are bios or whole sections.
const MAX_SIGNAL_TEXT: usize = 160;
/// Enough candidates of each kind; later ones are comments and teasers.
const MAX_CANDIDATES: usize = 24;

impl Signals {
    pub fn collect(doc: &Document) -> Signals {
        let mut s = Signals::default();
        let mut after_title: Option<String> = None;
        for node in doc.root().descendants_it() {
            if node.is_text() {
                if node
                    .parent()
                    .and_then(|p| p.node_name())
                    .is_some_and(|n| !matches!(&*n, "script" | "style" | "noscript" | "title"))
                {
                    let text = node.text();
                    match after_title.as_mut() {
                        Some(after) if after.len() < AFTER_TITLE_CHARS => {
                            after.push_str(&text);
                            after.push(' ');
                        }
                        Some(_) => {}
                        None => keep_tail(&mut s.before_title, &text, AFTER_TITLE_CHARS),
                    }
                    if s.visible_dates.len() < MAX_CANDIDATES && text.len() < MAX_SIGNAL_TEXT {
                        s.visible_dates.extend(date::find_in_text(&text));
                    }
                }
                continue;
            }
            let Some(name) = node.node_name() else { continue };
            if let Some(after) = after_title.as_mut().filter(|t| t.len() < AFTER_TITLE_CHARS) {
                // Blocks end lines, so a byline stops where its block does.
                if crate::html::BLOCKS.contains(&&*name) {
                    after.push('\n');
                }
            }
            match &*name {
                "meta" => s.read_meta(&node),
                "script" if node.attr("type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) => {
                    read_json_ld(&node.text(), &mut s.json_ld);
                }
                // An SVG's `<title>` names an icon, not the page, but SVG is
                // cut before parsing (`html::prepare`).
                "title" if s.doc_title.is_none() => s.doc_title = clean(&node.text()),
                "h1" => {
                    if let Some(h1) = clean(&node.text()) {
                        if after_title.is_none() {
                            after_title = Some(String::new());
                        }
                        s.h1s.push(h1);
                    }
                }
                "html" => s.html_lang = node.attr("lang").or_else(|| node.attr("xml:lang")).map(|l| l.to_string()),
                "link" => {
                    let rel = node.attr("rel").map(|r| r.to_ascii_lowercase()).unwrap_or_default();
                    if rel == "canonical" {
                        s.canonical = node.attr("href").map(|h| h.to_string());
                    }
                }
                "time" => {
                    if let Some(value) = node.attr("datetime").or_else(|| node.attr("content")) {
                        if !marked_as_update(&node) {
                            s.time_values.push(value.to_string());
                        }
                    }
                }
                _ => {}
            }
            s.read_marked_element(&node, &name);
        }
        s.after_title = after_title.unwrap_or_default();
        s
    }

    fn read_meta(&mut self, node: &NodeRef) {
        let Some(content) = node.attr("content") else { return };
        let content = content.trim();
        if content.is_empty() {
            return;
        }
        for key in ["name", "property", "itemprop", "http-equiv"] {
            if let Some(k) = node.attr(key) {
                self.meta.entry(k.trim().to_ascii_lowercase()).or_default().push(content.to_string());
            }
        }
    }

    /// Elements whose attributes say they hold the author or the date.
    fn read_marked_element(&mut self, node: &NodeRef, name: &str) {
        let itemprop = node.attr("itemprop").map(|p| p.to_ascii_lowercase());
        if itemprop.as_deref() == Some("datepublished") && name != "meta" {
            if let Some(value) = node.attr("content").or_else(|| node.attr("datetime")) {
                self.time_values.insert(0, value.to_string());
            } else if let Some(text) = short_text(node) {
                self.date_texts.insert(0, text);
            }
            return;
        }
        let is_author_link = name == "a"
            && (node.attr("rel").is_some_and(|r| r.to_ascii_lowercase().split_whitespace().any(|r| r == "author"))
                || node.attr("href").is_some_and(|h| AUTHOR_PATHS.iter().any(|p| h.contains(p))));
        let marks = marks(node);
        let author_marked = itemprop.as_deref() == Some("author")
            || is_author_link
            || (marks.contains("byline") || marks.contains("author"))
                && !AUTHOR_NOISE.iter().any(|n| marks.contains(n));
        if author_marked && self.author_texts.len() < MAX_CANDIDATES && name != "meta" {
            let named =
                node.descendants_it().find(|d| d.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("name")));
            let text = named
                .as_ref()
                .and_then(|n| n.attr("content").map(|c| c.to_string()).or_else(|| short_text(n)))
                .or_else(|| short_text(node));
            if let Some(text) = text {
                self.author_texts.push(text);
            }
        }
        // The cheap tests first: most elements are not looked at further.
        if self.date_texts.len() < MAX_CANDIDATES
            && !matches!(name, "meta" | "script" | "style" | "body" | "html")
            && ["date", "publish", "posted", "time", "meta", "byline", "datum"].iter().any(|m| marks.contains(m))
            && !marks.contains("update")
            && !marks.contains("modif")
        {
            if let Some(text) = short_text(node) {
                self.date_texts.push(text);
            }
        }
    }

    fn meta_values(&self, key: &str) -> impl Iterator<Item = &str> {
        self.meta.get(key).into_iter().flatten().map(String::as_str)
    }

    fn first_meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.meta_values(k).next())
    }

    /// JSON-LD objects describing the article, best typed first.
    fn articles(&self) -> impl Iterator<Item = &Value> {
        let typed = |v: &&Value| types_of(v).iter().any(|t| ARTICLE_TYPES.contains(&t.as_str()));
        self.json_ld
            .iter()
            .filter(typed)
            .chain(self.json_ld.iter().filter(|v| types_of(v).iter().any(|t| t == "webpage" || t == "itempage")))
    }

    /// The site's name: `og:site_name`, the JSON-LD publisher or website.
    pub fn site_name(&self) -> Option<String> {
        self.first_meta(&["og:site_name", "application-name", "al:ios:app_name", "twitter:site"])
            .map(|s| s.trim_start_matches('@').to_string())
            .or_else(|| self.articles().find_map(|a| name_of(&a["publisher"])))
            .or_else(|| {
                self.json_ld
                    .iter()
                    .filter(|v| {
                        types_of(v)
                            .iter()
                            .any(|t| t == "website" || t == "organization" || t == "newsmediaorganization")
                    })
                    .find_map(name_of)
            })
            .and_then(|s| clean(&s))
    }

    pub fn url(&self) -> Option<String> {
        self.canonical
            .clone()
            .or_else(|| self.first_meta(&["og:url", "twitter:url"]).map(String::from))
            .or_else(|| self.articles().find_map(|a| a["url"].as_str().map(String::from)))
            .filter(|u| u.starts_with("http"))
    }

    pub fn language(&self, body: &str) -> Option<String> {
        self.html_lang
            .as_deref()
            .and_then(lang::primary_tag)
            .or_else(|| {
                self.first_meta(&["content-language", "og:locale", "language", "dc.language"])
                    .and_then(lang::primary_tag)
            })
            .or_else(|| self.articles().find_map(|a| a["inLanguage"].as_str().and_then(lang::primary_tag)))
            .or_else(|| lang::detect(body))
    }

    /// The headline. `<title>` and `og:title` usually carry the site name
    /// (`Story | CNN`) and are sometimes written for search engines, while
    /// the `<h1>` is what readers see but is sometimes the site's logo, set in
    /// capitals, or wrapped in labels and dates (`Blog: Story`, `Dec 18 2025
    /// Story`). An `<h1>` that the metadata confirms wins, then a metadata
    /// title that an `<h1>` wraps, then an `<h1>` that is not the site name,
    /// then the metadata title with the site name cut off.
    pub fn title(&self, site_name: Option<&str>) -> Option<String> {
        let headline = self.articles().find_map(|a| a["headline"].as_str().and_then(clean));
        let og = self.first_meta(&["og:title", "twitter:title"]).and_then(clean);
        let declared: Vec<&str> =
            [headline.as_deref(), og.as_deref(), self.doc_title.as_deref()].into_iter().flatten().collect();
        let site = site_name.map(fold);
        let stripped: Vec<String> = declared.iter().map(|t| strip_site_name(t, site.as_deref())).collect();
        // `Blog Name: Post` in `<title>` beside `Post` in og:title.
        let is_prefix = |h1: &str| declared.iter().any(|d| is_title_prefix(h1, d, &declared));
        let is_site = |h1: &str| {
            let folded = fold(h1);
            site.as_deref() == Some(folded.as_str())
                || declared.iter().any(|d| site_parts(d).iter().any(|p| fold(p) == folded))
                || is_prefix(h1)
        };
        // Capitals are styling: the metadata spells the same words properly.
        let h1s: Vec<String> = self
            .h1s
            .iter()
            .filter(|h1| declared.is_empty() || !is_all_caps(h1))
            .map(|h1| strip_heading_furniture(h1, site.as_deref()))
            .collect();
        let confirmed = h1s.iter().find(|h1| {
            let folded = fold(h1);
            folded.chars().count() >= 8 && !is_prefix(h1) && stripped.iter().any(|d| fold(d).contains(&folded))
        });
        let wrapped = || h1s.iter().find_map(|h1| stripped.iter().find(|d| wraps_title(h1, d)));
        // An unconfirmed heading must share half its words with a declared
        // title, or `Contact Us` and `Open Menu` would pass for headlines;
        // a page's only heading, of headline length and not a lead-in to
        // something else (`A message from ...:`), is its headline even when
        // the metadata words it for search engines.
        let sole =
            |h1: &str| self.h1s.len() == 1 && (5..=20).contains(&h1.split_whitespace().count()) && !h1.ends_with(':');
        let related =
            |h1: &str| declared.is_empty() || sole(h1) || declared.iter().any(|d| shared_word_share(h1, d) >= 0.5);
        let plausible = || h1s.iter().find(|h1| h1.split_whitespace().count() >= 2 && !is_site(h1) && related(h1));
        confirmed
            .or_else(wrapped)
            .or_else(plausible)
            .cloned()
            .or_else(|| stripped.iter().find(|t| !t.is_empty()).cloned())
            .or_else(|| h1s.first().cloned())
    }

    /// Authors in the order the page lists them: from JSON-LD, meta tags,
    /// elements marked as the author, or a `By ...` line under the headline;
    /// the first source that names someone other than the publisher wins.
    pub fn byline(&self, site_name: Option<&str>) -> Vec<String> {
        let site = site_name.map(fold);
        let publisher: Vec<String> =
            self.articles().filter_map(|a| name_of(&a["publisher"])).map(|p| fold(&p)).collect();
        let is_publisher = |names: &Vec<String>| {
            names.iter().all(|n| site.as_deref() == Some(&fold(n)) || publisher.contains(&fold(n)))
        };
        let json_ld = self.articles().map(|a| json_ld_authors(&a["author"]));
        let meta = AUTHOR_METAS.iter().map(|k| unique(self.meta_values(k).flat_map(split_names)));
        let marked = self.author_texts.iter().map(|t| split_names(t));
        let by = by_line(&self.after_title).map(|t| split_names(&t));
        let candidates: Vec<Vec<String>> =
            json_ld.chain(meta).chain(marked).chain(by).filter(|names| !names.is_empty()).collect();
        // A person named anywhere beats the publisher standing in as author,
        // but a page credited only to its publisher is credited to it.
        let person = candidates.iter().position(|names| !is_publisher(names)).unwrap_or(0);
        candidates.into_iter().nth(person).unwrap_or_default()
    }

    /// The publication date and where it came from: a date the page labels
    /// `Published`, then meta tags and JSON-LD (the later of the two where
    /// they disagree), `<time>`, the URL, and last the text around the
    /// headline. An update time is taken only when the page shows it and
    /// not the publication date (see below).
    pub fn published(&self) -> Option<(String, &'static str)> {
        let json_ld = || {
            self.articles().find_map(|a| {
                ["datePublished", "dateCreated", "uploadDate"].iter().find_map(|k| a[*k].as_str().and_then(date::parse))
            })
        };
        let meta = || DATE_METAS.iter().find_map(|k| self.meta_values(k).find_map(date::parse));
        let time = || self.time_values.iter().find_map(|v| date::parse(v));
        let url = || self.url().and_then(|u| date::from_url(&u));
        let text = || {
            date::find_in_text(&self.after_title)
                .or_else(|| self.date_texts.iter().find_map(|t| date::find_in_text(t)))
                .or_else(|| self.visible_dates.first().cloned())
        };
        let labelled = || {
            [self.after_title.as_str(), self.before_title.as_str()]
                .into_iter()
                .chain(self.date_texts.iter().map(String::as_str))
                .find_map(labelled_publication)
        };
        let published = labelled()
            .map(|d| (d, "text"))
            .or_else(|| match (meta(), json_ld()) {
                // Disagreeing metadata: one of them was left behind by an
                // older version of the page; the later date is current.
                (Some(m), Some(j)) if j.get(..10) > m.get(..10) => Some((j, "json-ld")),
                (Some(m), _) => Some((m, "meta")),
                (None, j) => j.map(|d| (d, "json-ld")),
            })
            .or_else(|| time().map(|d| (d, "time")))
            .or_else(|| url().map(|d| (d, "url")))
            .or_else(|| text().map(|d| (d, "text")))?;
        // A page that shows readers only its update date presents that
        // version as the article: it is the date a reader would cite.
        let shown = |d: &str| self.visible_dates.iter().any(|v| d.starts_with(v.as_str()));
        if !shown(&published.0) {
            let updated = self.articles().find_map(|a| a["dateModified"].as_str().and_then(date::parse));
            if let Some(updated) = updated.filter(|u| shown(u)) {
                return Some((updated, "json-ld"));
            }
        }
        Some(published)
    }
}

/// Appends `text` to `buffer`, keeping only its last `limit` bytes or so.
/// An element's class and id, lowercased, in one string; empty without
/// either (most elements), so no string is made for them.
fn marks(node: &NodeRef) -> String {
    let (class, id) = (node.attr("class"), node.attr("id"));
    if class.is_none() && id.is_none() {
        return String::new();
    }
    let mut marks = format!("{} {}", class.unwrap_or_default(), id.unwrap_or_default());
    marks.make_ascii_lowercase();
    marks
}

fn keep_tail(buffer: &mut String, text: &str, limit: usize) {
    buffer.push_str(text);
    buffer.push(' ');
    if buffer.len() > 2 * limit {
        let mut cut = buffer.len() - limit;
        while !buffer.is_char_boundary(cut) {
            cut += 1;
        }
        buffer.drain(..cut);
    }
}

/// Words that label the date after them as the first publication.
const PUBLISHED_LABELS: &[&str] = &[
    "published",
    "publication",
    "posted",
    "veröffentlicht",
    "erschienen",
    "publié",
    "mis en ligne",
    "publicado",
    "publicación",
    "pubblicato",
];

/// The date a text labels as the publication date: `Published on March 1,
/// 2024`, `Veröffentlicht am 19.11.2024`.
fn labelled_publication(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    PUBLISHED_LABELS.iter().find_map(|label| {
        let at = lower.find(label)? + label.len();
        let after = lower.get(at..)?;
        let end = after.char_indices().nth(40).map_or(after.len(), |(i, _)| i);
        date::find_in_text(&after[..end])
    })
}

/// URL path parts of author pages, whose links carry the author's name.
const AUTHOR_PATHS: &[&str] =
    &["/author/", "/authors/", "/autor/", "/autoren/", "/auteur/", "/journalist/", "/staff/", "/profile/", "/people/"];

/// Class and id words under which `author` means something else.
const AUTHOR_NOISE: &[&str] = &[
    "about-author",
    "author-bio",
    "authorbio",
    "author-box",
    "author-description",
    "comment",
    "avatar",
    "author-image",
    "author-img",
    "author-photo",
];

/// A `<time>` inside something that says it is the update time.
fn marked_as_update(node: &NodeRef) -> bool {
    std::iter::once(*node).chain(node.ancestors_it(Some(3))).any(|n| {
        let marks = format!("{} {}", n.attr("class").unwrap_or_default(), n.attr("itemprop").unwrap_or_default())
            .to_ascii_lowercase();
        marks.contains("updat") || marks.contains("modif")
    })
}

/// An element's text, whitespace collapsed, if short enough to be a label.
fn short_text(node: &NodeRef) -> Option<String> {
    let text = clean(&spaced_text(node))?;
    (text.chars().count() <= MAX_SIGNAL_TEXT).then_some(text)
}

/// The visible text under a node with a space between elements, so that
/// `<span>By</span><a>Jane Doe</a><time>Nov 8</time>` keeps its words apart.
fn spaced_text(node: &NodeRef) -> String {
    let mut text = String::new();
    for d in node.descendants_it().filter(|d| d.is_text()) {
        if d.parent().and_then(|p| p.node_name()).is_some_and(|n| matches!(&*n, "script" | "style" | "noscript")) {
            continue;
        }
        text.push_str(&d.text());
        text.push(' ');
        if text.len() > MAX_SIGNAL_TEXT * 4 {
            break;
        }
    }
    text
}

/// Whitespace collapsed, trimmed and entities decoded; `None` when nothing
/// is left. Meta values are often escaped twice (`&amp;#8217;`), so one
/// more round of decoding is done on what the parser gives.
pub(crate) fn clean(text: &str) -> Option<String> {
    let text = decode_entities(text).split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

pub(crate) fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.get(1..12).and_then(|r| r.find(';')).and_then(|semi| {
            let name = &rest[1..1 + semi];
            let ch = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix('#')
                    .and_then(|n| match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    })
                    .and_then(char::from_u32),
            }?;
            Some((ch, semi + 2))
        });
        match decoded {
            Some((ch, len)) => {
                out.push(ch);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// Lowercase letters and digits only, for comparing names and titles.
pub(crate) fn fold(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn read_json_ld(text: &str, out: &mut Vec<Value>) {
    let text = text.trim().trim_end_matches(';');
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        flatten_json_ld(value, out);
    }
}

fn flatten_json_ld(value: Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten_json_ld(v, out)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten_json_ld(graph, out);
            }
            if let Some(main) = map.get("mainEntity").filter(|m| m.is_object()).cloned() {
                flatten_json_ld(main, out);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn types_of(value: &Value) -> Vec<String> {
    match &value["@type"] {
        Value::String(t) => vec![t.to_ascii_lowercase()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).map(str::to_ascii_lowercase).collect(),
        _ => Vec::new(),
    }
}

fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(String::from),
        Value::Array(items) => items.iter().find_map(name_of),
        _ => None,
    }
}

fn json_ld_authors(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().flat_map(json_ld_authors).collect(),
        Value::Object(_) | Value::String(_) => name_of(value).map(|n| split_names(&n)).unwrap_or_default(),
        _ => Vec::new(),
    }
}
