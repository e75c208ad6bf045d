//! HTML pages: metadata from the whole page, body from its main content.
//!
//! Scripts (other than JSON-LD), styles, inline SVG, menus and comments are
//! cut from the markup before parsing: they are a third to a half of a
//! modern page and never content. So are attributes nobody reads and the
//! indentation between blocks, which the parser would turn into strings
//! and nodes that readability walks again and again. The page is parsed once; the metadata
//! pass reads the document before readability, which rewrites it, takes it
//! over.
//!
//! The main content comes from dom_smoothie's readability port. Readability
//! sometimes settles on a small block (a footer, a disclosure box) next to
//! a long article; a second, simpler estimate — the block holding the most
//! paragraph text — catches those pages. Lines that are boilerplate by their
//! wording (share bars, newsletter pitches, `Read more:` teasers) are
//! dropped from whichever text is kept.

use std::collections::HashMap;

use dom_query::{Document, NodeId, NodeRef};
use dom_smoothie::{Config, Readability, TextMode};
use newsgraph_doc::Article;

use crate::metadata::Signals;
use crate::{boilerplate, date};

/// Elements nested deeper than this are an attack or a generator gone
/// wrong, never an article; HTML parsing and readability scoring both slow
/// down with the square of the depth, so such pages are read as text.
const MAX_NESTING: usize = 1000;

/// Extracts the article from an HTML page.
pub fn extract_html(html: &str) -> Article {
    let Some(html) = prepare(html) else {
        return crate::text::extract_text(&strip_tags(html));
    };
    let doc = Document::from(html);
    let signals = Signals::collect(&doc);
    let densest = densest_block(&doc);
    let mut lines = readability_lines(doc);
    if let Some(block) = densest {
        // Readability found under half of the block's paragraph text: it
        // picked a side block, and the densest block is the article.
        if word_count(&lines) * 2 < block.words {
            lines = block.lines;
        }
    }

    let mut article = Article { site_name: signals.site_name(), url: signals.url(), ..Article::default() };
    article.title = signals.title(article.site_name.as_deref());
    article.byline = signals.byline(article.site_name.as_deref());
    if let Some((date, source)) = signals.published() {
        article.published = Some(date);
        article.published_source = Some(source.to_string());
    }
    let title = article.title.clone().unwrap_or_default();
    // The headline, byline and dateline often open the content block; they
    // are metadata, not body.
    let heading_lines =
        lines.iter().take(HEADING_LINES).take_while(|l| **l == title || is_dateline_or_byline(l)).count();
    article.set_paragraphs(
        lines[heading_lines..].iter().filter(|line| **line != title && !boilerplate::is_boilerplate_line(line)),
    );
    article.language = signals.language(&article.body);
    article
}

/// How many opening lines of the content may be its heading.
const HEADING_LINES: usize = 4;

/// `By Jane Doe`, `Updated Nov 19, 2024 at 5 pm`: a short line that names
/// the author or dates the article.
fn is_dateline_or_byline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words <= 10 && (line.starts_with("By ") || date::find_in_text(line).is_some())
}

fn word_count(lines: &[String]) -> usize {
    lines.iter().map(|l| l.split_whitespace().count()).sum()
}

/// The main content's lines according to readability.
fn readability_lines(doc: Document) -> Vec<String> {
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let Ok(mut readability) = Readability::with_document(doc, None, Some(config)) else {
        return Vec::new();
    };
    match readability.parse() {
        Ok(content) => lines_of(&content.text_content),
        Err(_) => Vec::new(),
    }
}

fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

/// A block of the page and the words of the paragraphs inside it.
struct Block {
    lines: Vec<String>,
    words: usize,
}

/// Elements whose paragraphs are never the article (menus are cut before
/// parsing).
const OUTSIDE_ARTICLE: &[&str] = &["footer", "aside", "form"];
/// Class and id words of page furniture that holds paragraphs.
const FURNITURE: &[&str] =
    &["comment", "footer", "sidebar", "related", "newsletter", "cookie", "consent", "promo", "disclos", "menu"];

/// The element with the most paragraph text, counting each paragraph fully
/// for its parent and half for its grandparent, grown to its ancestors while
/// they hold half as much paragraph text again, so an article split into
/// sections is taken whole.
fn densest_block(doc: &Document) -> Option<Block> {
    let mut score: HashMap<NodeId, usize> = HashMap::new();
    // Paragraph words under every element, for growing the block.
    let mut under: HashMap<NodeId, usize> = HashMap::new();
    // Whether an element is furniture, once an element: paragraphs share
    // most of their ancestors.
    let mut furniture: HashMap<NodeId, bool> = HashMap::new();
    for p in doc.select("p").nodes() {
        let ancestors: Vec<NodeRef> = p.ancestors_it(None).collect();
        if ancestors.iter().any(|a| *furniture.entry(a.id).or_insert_with(|| is_furniture(a))) {
            continue;
        }
        let words = p.text().split_whitespace().count();
        for a in &ancestors {
            *under.entry(a.id).or_default() += words;
        }
        if let Some(parent) = ancestors.first() {
            *score.entry(parent.id).or_default() += words * 2;
        }
        if let Some(grandparent) = ancestors.get(1) {
            *score.entry(grandparent.id).or_default() += words;
        }
    }
    let (&best, _) = score.iter().max_by_key(|&(id, s)| (*s, std::cmp::Reverse(*id)))?;
    let mut node = doc.tree.get(&best)?;
    // An article in sections: take the parent while it holds much more of
    // the page's paragraph text than the block alone.
    while let Some(parent) = node.parent().filter(|p| !matches!(p.node_name().as_deref(), Some("body" | "html") | None))
    {
        if under.get(&parent.id).copied().unwrap_or(0) * 2 < under.get(&node.id).copied().unwrap_or(0) * 3 {
            break;
        }
        node = parent;
    }
    let words = under.get(&node.id).copied().unwrap_or(0);
    Some(Block { lines: lines_of(&node.formatted_text()), words })
}

fn is_furniture(node: &NodeRef) -> bool {
    let Some(name) = node.node_name() else { return false };
    if OUTSIDE_ARTICLE.contains(&&*name) {
        return true;
    }
    // `<article class="template-with-sidebar">` is still the article.
    if matches!(&*name, "article" | "main" | "body") {
        return false;
    }
    let marks = format!("{} {}", node.attr("class").unwrap_or_default(), node.attr("id").unwrap_or_default())
        .to_ascii_lowercase();
    marks.split_whitespace().any(names_furniture)
}

/// Whether a class or id names furniture (`sidebar`, `site-footer`,
/// `comments_area`) rather than a layout that has some (`main-with-sidebar`).
fn names_furniture(token: &str) -> bool {
    let parts: Vec<&str> = token.split(['-', '_']).collect();
    parts.iter().enumerate().any(|(i, part)| {
        FURNITURE.iter().any(|f| part.starts_with(f))
            && !(i > 0 && matches!(parts[i - 1], "with" | "has" | "no" | "without"))
    })
}

/// Elements the parser closes by itself or that never have content: they do
/// not add to the nesting depth however many are left open.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "br", "img", "meta", "link", "input", "hr", "source", "wbr",
    "area", "base", "col", "embed", "param", "track",
];

/// The markup worth parsing: scripts (but for JSON-LD), styles, inline SVG,
/// menus (`<nav>`) and comments cut out, which are a third to a half of a
/// modern page and never content; then attributes no reader looks at
/// ([`READ_ATTRIBUTES`]) and the indentation around blocks, which would
/// be a third of the parsed nodes.
/// `None` when open tags nest deeper than [`MAX_NESTING`].
fn prepare(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let mut kept = String::with_capacity(html.len());
    let mut copied = 0;
    let mut depth: usize = 0;
    // Whether an `</svg>` or `</nav>` may still follow: once a search finds
    // none, later ones cannot, and a page of unclosed tags stays linear.
    let (mut svg_closes, mut nav_closes) = (true, true);
    // Where the last tag ended and whether it bounds a block.
    let mut after_tag: Option<(usize, bool)> = None;
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        at = start + 1;
        // What to cut, up to where, and what stands in its place.
        let skip_to = if bytes[at..].starts_with(b"!--") {
            find_from(bytes, at, b"-->").map(|end| (end + 3, ""))
        } else if starts_with_tag(bytes, at, b"script") {
            if opening_tag(bytes, at).to_ascii_lowercase().contains("ld+json") {
                // JSON-LD stays whole and unrewritten: markup inside its
                // strings is data.
                let end = find_raw_text_end(bytes, at, b"script");
                kept.push_str(&html[copied..end]);
                copied = end;
                at = end;
                continue;
            }
            Some((find_raw_text_end(bytes, at, b"script"), ""))
        } else if starts_with_tag(bytes, at, b"style") {
            Some((find_raw_text_end(bytes, at, b"style"), ""))
        } else if svg_closes && starts_with_tag(bytes, at, b"svg") {
            // Icons and charts: path data in attributes, labels (`Share`,
            // `Close`) that would otherwise end up in the text. An empty
            // element stays, as readability weighs blocks by the elements
            // they hold.
            let end = skip_svg(bytes, at);
            svg_closes = end.is_some();
            end.map(|end| (end, "<svg></svg>"))
        } else if nav_closes && starts_with_tag(bytes, at, b"nav") {
            // Menus: a fifth of a page's elements, links only. One never
            // closed is left to the parser rather than cut with the rest of
            // the page.
            let end = find_closing(bytes, at, b"nav");
            nav_closes = end.is_some();
            end.map(|end| (end, "<nav></nav>"))
        } else {
            None
        };
        if let Some((end, stand_in)) = skip_to {
            kept.push_str(&html[copied..start]);
            kept.push_str(stand_in);
            copied = end;
            at = end;
            after_tag = None;
            continue;
        }
        let closing = bytes.get(at) == Some(&b'/');
        let name_start = at + usize::from(closing);
        // As the tokenizer reads it: a letter, then anything up to a space,
        // `/` or `>` (`<my-widget>`, `<fb:like>`).
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = name_start
            + bytes[name_start..].iter().take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>')).count();
        let name = &bytes[name_start..name_end];
        let block = BLOCKS.iter().any(|b| b.as_bytes().eq_ignore_ascii_case(name));
        // Indentation between tags where a block starts or ends: no text a
        // reader sees, yet a third of the page's nodes once parsed.
        if let Some((end, block_before)) = after_tag {
            if (block || block_before)
                && copied <= end
                && end <= start
                && bytes[end..start].iter().all(u8::is_ascii_whitespace)
            {
                kept.push_str(&html[copied..end]);
                copied = start;
            }
        }
        after_tag = None;
        let nests = !SELF_CLOSING.iter().any(|s| s.as_bytes().eq_ignore_ascii_case(name));
        if closing {
            depth = depth.saturating_sub(usize::from(nests));
            after_tag = memchr::memchr(b'>', &bytes[name_end..]).map(|gt| (name_end + gt + 1, block));
            continue;
        }
        if nests {
            depth += 1;
            if depth > MAX_NESTING {
                return None;
            }
        }
        if let Some(tag) = read_attributes(bytes, name_end) {
            if tag.dropped {
                kept.push_str(&html[copied..name_end]);
                for range in tag.kept {
                    kept.push(' ');
                    kept.push_str(&html[range]);
                }
                kept.push_str(if tag.self_closing { "/>" } else { ">" });
                copied = tag.end;
            }
            // A `<` inside an attribute's value opens no tag.
            at = tag.end;
            after_tag = Some((tag.end, block));
        }
    }
    kept.push_str(&html[copied..]);
    Some(kept)
}

/// Elements that start and end lines of visible text: whitespace next to
/// their tags is never shown (`pre` and `textarea` keep theirs), and the
/// metadata pass breaks its lines at them.
pub(crate) const BLOCKS: &[&str] = &[
    "br",
    "html",
    "head",
    "body",
    "title",
    "meta",
    "link",
    "div",
    "p",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "blockquote",
    "form",
    "fieldset",
    "hr",
    "address",
    "details",
    "summary",
    "select",
    "option",
];

/// Attributes some reader of the parsed page looks at: readability
/// (`class`, `id`, links, visibility, roles, embeds' `src`), the metadata pass
/// (`meta`, `link`, `time`, microdata, languages). The rest (`srcset`,
/// `data-*`, `style`-free presentation, `alt`, ARIA labels, event handlers)
/// is over half of what is left of a page after scripts, and the parser
/// would build strings for all of it.
const READ_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "href",
    "src",
    "style",
    "hidden",
    "aria-hidden",
    "role",
    "itemprop",
    "itemtype",
    "itemscope",
    "rel",
    "name",
    "property",
    "content",
    "http-equiv",
    "charset",
    "datetime",
    "lang",
    "xml:lang",
    "dir",
    "type",
    "summary",
    "colspan",
    "datatable",
];

/// An opening tag's attributes as read from just past its name.
struct OpeningTag {
    /// Byte ranges of the attributes to keep, each `name` or `name=value`.
    kept: Vec<std::ops::Range<usize>>,
    /// Whether any attribute was left out.
    dropped: bool,
    self_closing: bool,
    /// Just past the tag's `>`.
    end: usize,
}

/// Reads the attributes of the opening tag whose name ends at `at`, as the
/// HTML tokenizer splits them; `None` when the tag never ends (a quote or
/// `>` missing), which is left to the parser as it is.
fn read_attributes(bytes: &[u8], mut at: usize) -> Option<OpeningTag> {
    let mut tag = OpeningTag { kept: Vec::new(), dropped: false, self_closing: false, end: 0 };
    loop {
        // A `/` between attributes means nothing but right before the `>`.
        let mut slash = false;
        while let Some(&b) = bytes.get(at).filter(|b| b.is_ascii_whitespace() || **b == b'/') {
            slash = b == b'/';
            at += 1;
        }
        match bytes.get(at)? {
            b'>' => {
                tag.self_closing = slash;
                tag.end = at + 1;
                return Some(tag);
            }
            _ => {
                let start = at;
                // The first character belongs to the name even when it is `=`.
                at += 1;
                while bytes.get(at).is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>' | b'=')) {
                    at += 1;
                }
                let name = &bytes[start..at];
                let mut value_at = at;
                while bytes.get(value_at).is_some_and(u8::is_ascii_whitespace) {
                    value_at += 1;
                }
                if bytes.get(value_at) == Some(&b'=') {
                    at = value_at + 1;
                    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                        at += 1;
                    }
                    at = match bytes.get(at)? {
                        quote @ (b'"' | b'\'') => at + 1 + memchr::memchr(*quote, &bytes[at + 1..])? + 1,
                        _ => at + bytes[at..].iter().take_while(|b| !b.is_ascii_whitespace() && **b != b'>').count(),
                    };
                }
                if READ_ATTRIBUTES.iter().any(|a| a.as_bytes().eq_ignore_ascii_case(name)) {
                    tag.kept.push(start..at);
                } else {
                    tag.dropped = true;
                }
            }
        }
    }
}

/// Whether the tag name at `at` is `name` (any case), followed by the end of
/// the name.
fn starts_with_tag(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    bytes.get(at..at + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
        && bytes.get(at + name.len()).is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// The text of the opening tag that starts at `at`, up to its `>`.
fn opening_tag(bytes: &[u8], at: usize) -> String {
    let end = find_from(bytes, at, b">").unwrap_or(bytes.len());
    String::from_utf8_lossy(&bytes[at..end]).into_owned()
}

fn find_from(bytes: &[u8], at: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[at..], needle).map(|p| at + p)
}

/// The end of the `<svg>` opened at `at`: just past the tag when it closes
/// itself (`<svg/>` is empty, as in XML), else past its closing tag; `None`
/// when it is never closed.
fn skip_svg(bytes: &[u8], at: usize) -> Option<usize> {
    match find_from(bytes, at, b">") {
        Some(gt) if bytes[gt - 1] == b'/' => Some(gt + 1),
        _ => find_closing(bytes, at, b"svg"),
    }
}

/// The end of the element `name` opened at `at`: just past its closing
/// tag; `None` when it is never closed.
fn find_closing(bytes: &[u8], at: usize, name: &[u8]) -> Option<usize> {
    let mut from = at;
    while let Some(lt) = find_from(bytes, from, b"</") {
        if starts_with_tag(bytes, lt + 2, name) {
            return Some(find_from(bytes, lt, b">").map_or(bytes.len(), |gt| gt + 1));
        }
        from = lt + 2;
    }
    None
}

/// The end of the raw-text element (script, style) `name` opened at `at`:
/// one never closed runs to the end of the page, as browsers read it.
fn find_raw_text_end(bytes: &[u8], at: usize, name: &[u8]) -> usize {
    find_closing(bytes, at, name).unwrap_or(bytes.len())
}

/// The text between tags, a line per tag, for pages too broken to parse.
fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push('\n');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::prepare;

    fn prepared(html: &str) -> String {
        prepare(html).expect("nesting is shallow")
    }

    #[test]
    fn attributes_no_reader_needs_are_cut() {
        assert_eq!(
            prepared(r#"<img class="hero" srcset="a.jpg 1x, b.jpg 2x" data-lazy='x' alt="A cat"/><p>Text</p>"#),
            r#"<img class="hero"/><p>Text</p>"#
        );
        assert_eq!(
            prepared(r#"<a HREF=/news onclick="go()" Class='x'>News</a>"#),
            r#"<a HREF=/news Class='x'>News</a>"#
        );
        // Nothing to cut: the tag stays byte for byte.
        let kept = r#"<meta property="og:title" content="A > B"><time datetime=2024-11-19>Nov 19</time>"#;
        assert_eq!(prepared(kept), kept);
    }

    #[test]
    fn attribute_values_are_read_as_the_tokenizer_reads_them() {
        // A `>` or `<p>` inside a quoted value neither ends the tag nor opens one.
        assert_eq!(prepared(r#"<div title="a > <p x=1>" id=main>Body</div>"#), r#"<div id=main>Body</div>"#);
        // Custom elements keep their whole name.
        assert_eq!(
            prepared(r#"<my-widget data-x="1" class="c">W</my-widget>"#),
            r#"<my-widget class="c">W</my-widget>"#
        );
        // A quote never closed: the parser gets the tag as it was.
        let broken = r#"<div data-x="never closed><p>Text</p>"#;
        assert_eq!(prepared(broken), broken);
    }

    #[test]
    fn indentation_around_blocks_is_cut_and_spaces_between_words_kept() {
        assert_eq!(
            prepared("<div>\n  <p>One <b>two</b> <i>three</i></p>\n  <p>Four</p>\n</div>"),
            "<div><p>One <b>two</b> <i>three</i></p><p>Four</p></div>"
        );
        // Inside `pre` and between inline elements, whitespace is text.
        assert_eq!(
            prepared("<pre><span>a</span>\n  <span>b</span></pre>"),
            "<pre><span>a</span>\n  <span>b</span></pre>"
        );
    }

    #[test]
    fn json_ld_passes_unrewritten() {
        let page = r#"<script type="application/ld+json">{"articleBody": "<p data-x=\"1\">Hi</p>"}</script><p>Hi</p>"#;
        assert_eq!(prepared(page), page);
    }
}
