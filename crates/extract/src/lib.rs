//! Article extraction: the pipeline stage between reading a page and
//! analysing its text.
//!
//! [`extract`] turns a decoded page into an [`Article`]: title, byline,
//! publication date, language, site name, URL and the main text as clean
//! paragraphs, with navigation, footers, related links, cookie notices, share
//! bars and language switchers left out.
//!
//! * HTML ([`extract_html`]): the page is parsed once; a metadata pass reads
//!   JSON-LD, meta tags, `<time>`, the URL and the text around the headline,
//!   then a readability pass picks the main content.
//! * Plain text ([`extract_text`]): every non-empty line is a paragraph; lines
//!   that are template residue (addresses, locale codes, menus far from the
//!   prose) are dropped and the first remaining line is the title.
//!
//! Nothing here panics on bad input; a page without an article gives an
//! article with an empty body, and the caller decides what that means.

mod boilerplate;
mod byline;
mod date;
mod html;
mod lang;
mod metadata;
mod text;
mod title;

pub use html::extract_html;
pub use text::extract_text;

use newsgraph_doc::{Article, Format};

/// Extracts the article from a decoded page.
pub fn extract(format: Format, text: &str) -> Article {
    match format {
        Format::Html => extract_html(text),
        Format::Text => extract_text(text),
    }
}
