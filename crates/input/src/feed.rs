//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds. Each item that has content
//! (`content:encoded` or Atom `content`, else `description` or `summary`)
//! becomes a small HTML page that the extractor reads like any article:
//!
//! ```html
//! <title>TITLE</title>
//! <meta property="article:published_time" content="DATE">
//! <meta name="author" content="AUTHOR">
//! <link rel="canonical" href="LINK">
//! <article><h1>TITLE</h1> CONTENT </article>
//! ```

use quick_xml::escape::resolve_html5_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use crate::{Format, InputError, Page};

const ATOM_NAMESPACE: &str = "http://www.w3.org/2005/Atom";
const RSS_1_NAMESPACE: &str = "http://purl.org/rss/1.0/";

/// Whether `head`, the start of a file, is a feed: its root element is
/// `<rss>`, an Atom `<feed>` or an RSS 1.0 `<rdf:RDF>`.
pub(crate) fn is_feed(head: &[u8]) -> bool {
    let head = String::from_utf8_lossy(head);
    let mut rest = head.trim_start_matches('\u{feff}').trim_start();
    // The prolog: XML declaration, processing instructions, comments, doctype.
    while rest.starts_with("<?") || rest.starts_with("<!") {
        let end =
            if rest.starts_with("<!--") { rest.find("-->").map(|i| i + 3) } else { rest.find('>').map(|i| i + 1) };
        let Some(end) = end else { return false };
        rest = rest[end..].trim_start();
    }
    let Some(tag) = rest.strip_prefix('<') else { return false };
    let root = tag.split(|c: char| c.is_whitespace() || c == '>' || c == '/').next().unwrap_or_default();
    match root {
        "rss" => true,
        "feed" => head.contains(ATOM_NAMESPACE),
        "rdf:RDF" => head.contains(RSS_1_NAMESPACE),
        _ => false,
    }
}

/// The pages of the items in `feed` (a decoded feed file), in order. A
/// fault in the XML ends the list with an error naming its line and column.
pub(crate) fn pages(feed: &Page) -> Vec<Result<Page, InputError>> {
    let mut reader = Reader::from_str(&feed.text);
    let mut pages = Vec::new();
    let mut number = 0;
    let read = read_items(&mut reader, |item| {
        number += 1;
        if let Some(page) = item.into_page(feed, number) {
            pages.push(Ok(page));
        }
    });
    if let Err(fault) = read {
        let (line, column) = line_and_column(&feed.text, fault.at);
        let reason = format!("not a well-formed feed: line {line}, column {column}: {}", fault.reason);
        pages.push(Err(InputError::new(&feed.source, reason)));
    }
    pages
}

/// Where the XML stopped making sense, and why.
struct Fault {
    at: u64,
    reason: String,
}

impl Fault {
    fn xml(reader: &Reader<&[u8]>, error: impl std::fmt::Display) -> Fault {
        Fault { at: reader.error_position(), reason: error.to_string() }
    }

    fn here(reader: &Reader<&[u8]>, reason: String) -> Fault {
        Fault { at: reader.buffer_position(), reason }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Rss,
    Atom,
}

/// What an item holds, as read from its elements.
#[derive(Debug, Default)]
struct Item {
    title: String,
    link: Option<String>,
    /// An RSS `guid` that is a permalink: the link when there is no `link`.
    permalink: Option<String>,
    /// HTML from `content:encoded` or Atom `content`.
    content: Option<String>,
    /// HTML from `description` or Atom `summary`.
    summary: Option<String>,
    date: Option<String>,
    author: Option<String>,
}

/// Reads the feed's items, handing each to `emit` when its end tag is read.
fn read_items(reader: &mut Reader<&[u8]>, mut emit: impl FnMut(Item)) -> Result<(), Fault> {
    let mut dialect = Dialect::Rss;
    // Names of the elements open around the reader's position.
    let mut open: Vec<Vec<u8>> = Vec::new();
    // The item being read, and how many elements were open around it.
    let mut item: Option<(Item, usize)> = None;
    loop {
        match reader.read_event().map_err(|e| Fault::xml(reader, e))? {
            Event::Start(start) => {
                let name = start.name().as_ref().to_vec();
                if open.is_empty() && name == b"feed" {
                    dialect = Dialect::Atom;
                }
                let item_tag: &[u8] = if dialect == Dialect::Atom { b"entry" } else { b"item" };
                // Whether the element was read through its end tag as a field.
                let read_through = match &mut item {
                    None => {
                        if name == item_tag {
                            item = Some((Item::default(), open.len()));
                        }
                        false
                    }
                    Some((fields, depth)) if open.len() == *depth + 1 => read_field(reader, dialect, &start, fields)?,
                    Some((fields, depth))
                        if open.len() == *depth + 2
                            && name == b"name"
                            && open.last().is_some_and(|p| p == b"author") =>
                    {
                        fields.author = Some(element_text(reader, &start)?);
                        true
                    }
                    Some(_) => false,
                };
                if !read_through {
                    open.push(name);
                }
            }
            Event::Empty(start) => {
                if let Some((fields, depth)) = &mut item {
                    if open.len() == *depth + 1 && dialect == Dialect::Atom && start.name().as_ref() == b"link" {
                        read_atom_link(reader, &start, fields)?;
                    }
                }
            }
            Event::End(_) => {
                open.pop();
                if let Some((fields, _)) = item.take_if(|(_, depth)| open.len() == *depth) {
                    emit(fields);
                }
            }
            Event::Eof => {
                return match open.last() {
                    Some(name) => Err(Fault::here(
                        reader,
                        format!("the feed ends before <{}> is closed", String::from_utf8_lossy(name)),
                    )),
                    None => Ok(()),
                };
            }
            _ => {}
        }
    }
}

/// Reads an item's child element `start` into `item` when it is one of the
/// fields read here. True when the element was read through its end tag.
fn read_field(
    reader: &mut Reader<&[u8]>,
    dialect: Dialect,
    start: &BytesStart,
    item: &mut Item,
) -> Result<bool, Fault> {
    let name = start.name();
    let slot = match (dialect, name.as_ref()) {
        (_, b"title") => {
            item.title = element_text(reader, start)?;
            return Ok(true);
        }
        (Dialect::Rss, b"link") => &mut item.link,
        (Dialect::Rss, b"guid") => {
            let permalink = attribute(reader, start, "isPermaLink")?.is_none_or(|p| p != "false");
            let guid = element_text(reader, start)?;
            if permalink && guid.starts_with("http") {
                item.permalink = Some(guid);
            }
            return Ok(true);
        }
        (Dialect::Rss, b"content:encoded") => &mut item.content,
        (Dialect::Rss, b"description") => &mut item.summary,
        (Dialect::Rss, b"pubDate" | b"dc:date") | (Dialect::Atom, b"published") => &mut item.date,
        (Dialect::Rss, b"dc:creator" | b"author") => &mut item.author,
        (Dialect::Atom, b"link") => {
            read_atom_link(reader, start, item)?;
            return Ok(false);
        }
        (Dialect::Atom, b"content" | b"summary") => {
            let html = atom_text_construct(reader, start)?;
            let slot = if name.as_ref() == b"content" { &mut item.content } else { &mut item.summary };
            *slot = Some(html);
            return Ok(true);
        }
        _ => return Ok(false),
    };
    *slot = Some(element_text(reader, start)?);
    Ok(true)
}

/// An Atom `<link>`: the item's link unless its `rel` says it is another
/// kind of link (an enclosure, a reply, the feed itself).
fn read_atom_link(reader: &Reader<&[u8]>, start: &BytesStart, item: &mut Item) -> Result<(), Fault> {
    let rel = attribute(reader, start, "rel")?;
    if rel.is_none_or(|rel| rel == "alternate") && item.link.is_none() {
        item.link = attribute(reader, start, "href")?;
    }
    Ok(())
}

/// An Atom `content` or `summary` as HTML, by its `type`: `xhtml` markup as
/// it is written, `html` unescaped, text (the default) escaped. Out-of-line
/// content (`src`) gives nothing.
fn atom_text_construct(reader: &mut Reader<&[u8]>, start: &BytesStart) -> Result<String, Fault> {
    let kind = attribute(reader, start, "type")?.unwrap_or_default();
    if kind == "xhtml" {
        let markup = reader.read_text(start.name()).map_err(|e| Fault::xml(reader, e))?;
        return markup.decode().map(|m| m.trim().to_string()).map_err(|e| Fault::xml(reader, e));
    }
    let text = element_text(reader, start)?;
    Ok(if kind == "html" || kind == "text/html" { text } else { paragraphs(&text) })
}

/// The text of the element `start` opened, through its end tag: character
/// and entity references resolved (HTML's named entities too, as feeds use
/// them), CDATA taken as it is, tags of child elements dropped.
fn element_text(reader: &mut Reader<&[u8]>, start: &BytesStart) -> Result<String, Fault> {
    let mut text = String::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(|e| Fault::xml(reader, e))? {
            Event::Text(t) => text.push_str(&t.xml10_content().map_err(|e| Fault::xml(reader, e))?),
            Event::CData(c) => text.push_str(&c.xml10_content().map_err(|e| Fault::xml(reader, e))?),
            Event::GeneralRef(r) => text.push_str(&resolve_reference(reader, &r)?),
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => return Ok(text.trim().to_string()),
            Event::End(_) => depth -= 1,
            Event::Eof => {
                let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                return Err(Fault::here(reader, format!("the feed ends inside <{name}>")));
            }
            _ => {}
        }
    }
}

fn resolve_reference(reader: &Reader<&[u8]>, reference: &BytesRef) -> Result<String, Fault> {
    if let Some(c) = reference.resolve_char_ref().map_err(|e| Fault::xml(reader, e))? {
        return Ok(c.to_string());
    }
    let name = reference.decode().map_err(|e| Fault::xml(reader, e))?;
    resolve_html5_entity(&name)
        .map(str::to_string)
        .ok_or_else(|| Fault::here(reader, format!("unknown entity &{name};")))
}

/// The value of attribute `name`, references resolved.
fn attribute(reader: &Reader<&[u8]>, start: &BytesStart, name: &str) -> Result<Option<String>, Fault> {
    let Some(attr) = start.try_get_attribute(name).map_err(|e| Fault::xml(reader, e))? else { return Ok(None) };
    let value = attr
        .normalized_value_with(quick_xml::XmlVersion::Implicit1_0, 1, resolve_html5_entity)
        .map_err(|e| Fault::xml(reader, e))?;
    Ok(Some(value.into_owned()))
}

impl Item {
    /// The item's page, `None` when it has no content to analyse.
    fn into_page(self, feed: &Page, number: usize) -> Option<Page> {
        let has_text = |html: &String| !html.trim().is_empty();
        let body = self.content.filter(has_text).or(self.summary.filter(has_text))?;
        let link = self.link.or(self.permalink);
        let published = self.date.as_deref().and_then(iso_date);
        let mut html = String::from("<!DOCTYPE html>\n<html><head>\n");
        html += &format!("<title>{}</title>\n", escape(&self.title));
        // A date that could not be normalised is still given to the
        // extractor, which reads more ways of writing dates.
        if let Some(date) = published.as_deref().or(self.date.as_deref()) {
            html += &format!("<meta property=\"article:published_time\" content=\"{}\">\n", escape(date));
        }
        if let Some(author) = &self.author {
            html += &format!("<meta name=\"author\" content=\"{}\">\n", escape(author));
        }
        if let Some(link) = &link {
            html += &format!("<link rel=\"canonical\" href=\"{}\">\n", escape(link));
        }
        html +=
            &format!("</head><body><article>\n<h1>{}</h1>\n{body}\n</article></body></html>\n", escape(&self.title));
        let source = match &link {
            Some(link) => format!("{}#{number} <{link}>", feed.source),
            None => format!("{}#{number}", feed.source),
        };
        Some(Page {
            source,
            format: Format::Html,
            charset: feed.charset,
            text: html,
            url: link,
            fetched: None,
            published,
        })
    }
}

/// Text made HTML: escaped, a paragraph per block of lines.
fn paragraphs(text: &str) -> String {
    text.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| format!("<p>{}</p>\n", escape(p.trim()))).collect()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn line_and_column(text: &str, at: u64) -> (usize, usize) {
    let before = &text.as_bytes()[..(at as usize).min(text.len())];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

/// A feed date in ISO 8601: RFC 3339 (Atom, `dc:date`) as it is, RFC 822
/// (RSS `pubDate`: `Tue, 19 Nov 2024 08:05:00 -0500`) converted. `None` for
/// anything else.
fn iso_date(date: &str) -> Option<String> {
    let date = date.trim();
    let b = date.as_bytes();
    let iso_shaped = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    if iso_shaped {
        return Some(date.to_string());
    }
    let rest = date.split_once(',').map_or(date, |(_, rest)| rest);
    let mut words = rest.split_whitespace();
    let day: u32 = words.next()?.parse().ok().filter(|d| (1..=31).contains(d))?;
    let month = words.next()?.to_ascii_lowercase();
    let month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|m| month.starts_with(m))?
        + 1;
    let year: u32 = words.next()?.parse().ok()?;
    // RFC 822 allowed two-digit years.
    let year = match year {
        0..=49 => 2000 + year,
        50..=99 => 1900 + year,
        _ => year,
    };
    let Some(time) = words.next() else { return Some(format!("{year:04}-{month:02}-{day:02}")) };
    let mut hms = time.split(':').map(|part| part.parse::<u32>().ok());
    let (hour, minute) = (hms.next()??, hms.next()??);
    let second = hms.next().unwrap_or(Some(0))?;
    let zone = match words.next().map(str::to_ascii_uppercase).as_deref() {
        Some("GMT" | "UT" | "UTC" | "Z") => "Z".to_string(),
        Some(offset) if offset.len() == 5 && offset.starts_with(['+', '-']) => {
            format!("{}:{}", &offset[..3], &offset[3..])
        }
        Some(name) => ["EST-05", "EDT-04", "CST-06", "CDT-05", "MST-07", "MDT-06", "PST-08", "PDT-07"]
            .iter()
            .find(|z| z.starts_with(name) && name.len() == 3)
            .map(|z| format!("{}:00", &z[3..]))
            .unwrap_or_default(),
        None => String::new(),
    };
    Some(format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{zone}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_822_dates_become_iso_8601() {
        assert_eq!(iso_date("Tue, 19 Nov 2024 08:05:00 -0500").unwrap(), "2024-11-19T08:05:00-05:00");
        assert_eq!(iso_date("3 Mar 2025 17:30 GMT").unwrap(), "2025-03-03T17:30:00Z");
        assert_eq!(iso_date("Wed, 02 Oct 02 13:00:00 EDT").unwrap(), "2002-10-02T13:00:00-04:00");
        assert_eq!(iso_date("2024-11-19T08:05:00Z").unwrap(), "2024-11-19T08:05:00Z");
        assert_eq!(iso_date("yesterday"), None);
    }

    #[test]
    fn feeds_are_told_by_their_root_element() {
        assert!(is_feed(b"<?xml version=\"1.0\"?>\n<!-- a > comment -->\n<rss version=\"2.0\">"));
        assert!(is_feed(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(is_feed(b"<rdf:RDF xmlns:rdf=\"x\" xmlns=\"http://purl.org/rss/1.0/\">"));
        assert!(!is_feed(b"<?xml version=\"1.0\"?><html><body>rss</body></html>"));
        assert!(!is_feed(b"<feed>not atom</feed>"));
    }
}
