//! Reading pages: the first pipeline stage.
//!
//! Turns the user's inputs (files, directories walked recursively, a file
//! listing paths, stdin) into decoded [`Page`]s. Gzip is recognised by its magic
//! bytes, the format (HTML or plain text) by extension and content, and the
//! charset by byte-order mark, then the charset the page declares, then
//! statistical detection. Invalid bytes become U+FFFD; nothing here panics on
//! bad input. Every failure is an [`InputError`] that names the file.
//!
//! One input can also hold many pages ([`Input::pages`]), told by content:
//! - a WARC file (`.warc` or `.warc.gz`, as crawlers such as Common Crawl
//!   write them): each HTML response it archived, streamed a record at a time
//!   in constant memory;
//! - an RSS 2.0, RSS 1.0 (RDF) or Atom feed: each item with content, as a
//!   small HTML page carrying the item's title, date, author and link.

mod feed;
mod http;
mod warc;

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
pub use newsgraph_doc::Format;

/// Pages larger than this (after decompression) are refused rather than
/// letting one gzip bomb exhaust memory in a batch of millions.
pub const MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;

/// The first bytes of every gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// How much of an input is looked at to tell a WARC file or a feed from a page.
const SNIFF_BYTES: u64 = 4096;

/// A page read and decoded, not yet analysed.
#[derive(Debug, Clone)]
pub struct Page {
    /// Where it came from: the path as given, or `-` for stdin; for a page
    /// inside a WARC file or a feed, also which record or item (see
    /// [`Input::pages`]).
    pub source: String,
    pub format: Format,
    /// The charset the bytes were decoded from (`UTF-8`, `windows-1252`, ...).
    pub charset: &'static str,
    pub text: String,
    /// Where the page lives on the web: a WARC record's `WARC-Target-URI`, a
    /// feed item's link. `None` for plain files.
    pub url: Option<String>,
    /// When a crawler fetched the page, in ISO 8601: a WARC record's
    /// `WARC-Date`.
    pub fetched: Option<String>,
    /// The publication date a feed item states, in ISO 8601 (`None` when the
    /// item has none or it could not be read as a date).
    pub published: Option<String>,
}

/// The pages of one input, in order; see [`Input::pages`].
pub type Pages = Box<dyn Iterator<Item = Result<Page, InputError>> + Send>;

/// Why a page could not be read. Displays as one line naming the source.
#[derive(Debug)]
pub struct InputError {
    pub source: String,
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.reason)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    fn new(source: &str, reason: impl Into<String>) -> InputError {
        InputError { source: source.to_string(), reason: reason.into() }
    }
}

/// One thing to read: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }

    fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(p) => Some(p),
        }
    }

    /// Reads and decodes this input as one page, whatever it holds.
    pub fn read(&self) -> Result<Page, InputError> {
        let bytes = self.read_capped(self.open()?)?;
        decode_page(&self.name(), self.path(), &bytes)
    }

    /// Reads this input as the pages it holds, told by content (gzipped or
    /// not), not by name:
    ///
    /// - A WARC file yields each `response` record whose HTTP status is 2xx
    ///   and whose `Content-Type` is HTML, and each `resource` record of
    ///   HTML, with `url` and `fetched` from the record. Records are read one
    ///   at a time, so memory stays constant whatever the file's size. Other
    ///   records (requests, metadata, revisits, images, redirects, errors)
    ///   are skipped silently. A page's `source` is `FILE@OFFSET <RECORD-ID>`:
    ///   OFFSET is the record's byte offset in the file for an uncompressed
    ///   WARC, and for a `.warc.gz` the file offset of the gzip member the
    ///   record starts in (one member per record, as Common Crawl writes, so
    ///   the offset an index gives). A damaged record is an error naming that
    ///   source, and reading goes on at the next record it can find.
    /// - An RSS or Atom feed yields each item that has content, as a small
    ///   HTML page of its title (`<title>` and `<h1>`), publication date
    ///   (`article:published_time` meta), author, link and content, with
    ///   `url` and `published` set. Its `source` is `FILE#N <LINK>`, N
    ///   counting the feed's items from 1 (items without content are skipped
    ///   silently but counted). A feed is one XML document, read whole and
    ///   capped like a page; one that is not well-formed yields the items
    ///   before the fault, then an error giving its line and column.
    /// - Anything else yields the one page [`Input::read`] would.
    pub fn pages(&self) -> Pages {
        self.open_pages().unwrap_or_else(|e| Box::new(std::iter::once(Err(e))))
    }

    fn open_pages(&self) -> Result<Pages, InputError> {
        let mut reader = self.open()?;
        let mut head = Vec::new();
        (&mut reader).take(SNIFF_BYTES).read_to_end(&mut head).map_err(|e| self.read_error(&e))?;
        let kind = Kind::sniff(&head);
        let gzipped = head.starts_with(&GZIP_MAGIC);
        let reader = io::Cursor::new(head).chain(reader);
        let name = self.name();
        Ok(match kind {
            Kind::Warc => Box::new(warc::WarcPages::new(name, reader, gzipped)),
            Kind::Feed => {
                // Read as markup, so that the XML declaration's encoding counts.
                let markup = Declared { format: Some(Format::Html), charset: None };
                let feed = decode(&name, self.path(), &self.read_capped(reader)?, markup)?;
                Box::new(feed::pages(&feed).into_iter())
            }
            Kind::Page => Box::new(std::iter::once(decode_page(&name, self.path(), &self.read_capped(reader)?))),
        })
    }

    fn open(&self) -> Result<Box<dyn Read + Send>, InputError> {
        match self {
            Input::Stdin => Ok(Box::new(io::stdin())),
            Input::File(path) => match std::fs::File::open(path) {
                Ok(file) => Ok(Box::new(file)),
                Err(e) => Err(self.read_error(&e)),
            },
        }
    }

    /// Reads all of `reader`, or one byte more than a page may have, so that
    /// [`decode_page`] can refuse it.
    fn read_capped(&self, reader: impl Read) -> Result<Vec<u8>, InputError> {
        let mut bytes = Vec::new();
        reader.take(MAX_PAGE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| self.read_error(&e))?;
        Ok(bytes)
    }

    fn read_error(&self, e: &io::Error) -> InputError {
        match self {
            Input::Stdin => InputError::new("-", format!("cannot read standard input: {e}")),
            Input::File(_) => InputError::new(&self.name(), io_reason(e)),
        }
    }
}

/// What an input holds, as its first bytes tell.
enum Kind {
    Page,
    Warc,
    Feed,
}

impl Kind {
    fn sniff(head: &[u8]) -> Kind {
        let mut unpacked = Vec::new();
        let content = if head.starts_with(&GZIP_MAGIC) {
            // Only the start of the stream is at hand, so the decoder stops
            // with an error at its end: what it unpacked before is the point.
            let _ = flate2::read::MultiGzDecoder::new(head).take(SNIFF_BYTES).read_to_end(&mut unpacked);
            &unpacked[..]
        } else {
            head
        };
        if content.starts_with(b"WARC/1.") {
            Kind::Warc
        } else if feed::is_feed(content) {
            Kind::Feed
        } else {
            Kind::Page
        }
    }
}

/// Expands the user's arguments into inputs: `-` is stdin, a directory is
/// walked recursively (hidden entries skipped, files in name order), anything
/// else is a file. Paths that do not exist are reported as errors in the
/// returned list so the batch can go on with the rest.
pub fn expand(args: &[String]) -> Vec<Result<Input, InputError>> {
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            out.push(Ok(Input::Stdin));
            continue;
        }
        let path = PathBuf::from(arg);
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, &mut out),
            Ok(_) => out.push(Ok(Input::File(path))),
            Err(e) => out.push(Err(InputError::new(arg, io_reason(&e)))),
        }
    }
    out
}

/// The inputs a command names: its arguments ([`expand`]) and, with
/// `--files-from`, the paths listed in that file ([`expand_list`]); a list
/// that cannot be read is one error among the inputs.
pub fn expand_args(args: &[String], files_from: Option<&str>) -> Vec<Result<Input, InputError>> {
    let mut inputs = expand(args);
    if let Some(list) = files_from {
        match expand_list(list) {
            Ok(more) => inputs.extend(more),
            Err(e) => inputs.push(Err(e)),
        }
    }
    inputs
}

/// Reads a list of paths, one a line (blank lines and `#` comments skipped),
/// from a file or `-` for stdin, and expands them as [`expand`] does.
pub fn expand_list(list: &str) -> Result<Vec<Result<Input, InputError>>, InputError> {
    let content = if list == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| InputError::new("-", format!("cannot read the list of files: {e}")))?;
        s
    } else {
        std::fs::read_to_string(list)
            .map_err(|e| InputError::new(list, format!("cannot read the list of files: {}", io_reason(&e))))?
    };
    let paths: Vec<String> =
        content.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect();
    Ok(expand(&paths))
}

fn walk(dir: &Path, out: &mut Vec<Result<Input, InputError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.push(Err(InputError::new(&dir.display().to_string(), io_reason(&e))));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(Ok(Input::File(p)));
        }
    }
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Reads one file from disk and decodes it.
pub fn read_file(path: &Path) -> Result<Page, InputError> {
    Input::File(path.to_path_buf()).read()
}

/// Decodes raw bytes into a page: un-gzips, picks the format and charset.
/// `path` (when there is one) lends its extension to format detection.
pub fn decode_page(source: &str, path: Option<&Path>, raw: &[u8]) -> Result<Page, InputError> {
    decode(source, path, raw, Declared::default())
}

/// Decodes the body of an HTTP message whose `Content-Type` (when sent) is
/// `content_type`: an HTML or plain-text media type fixes the format
/// (anything else leaves it to detection), and its charset counts where the
/// page declares none itself, as for a WARC record.
pub fn decode_http_body(source: &str, content_type: Option<&str>, raw: &[u8]) -> Result<Page, InputError> {
    let declared = content_type.map_or_else(Declared::default, |value| Declared {
        format: if http::is_html(value) {
            Some(Format::Html)
        } else {
            http::is_plain_text(value).then_some(Format::Text)
        },
        charset: http::charset(value),
    });
    decode(source, None, raw, declared)
}

/// What the container of a page's bytes says about them: a WARC record's
/// HTTP `Content-Type`. A declared format is taken as it is; a declared
/// charset is used only where the page declares none itself.
#[derive(Debug, Clone, Copy, Default)]
struct Declared {
    format: Option<Format>,
    charset: Option<&'static Encoding>,
}

fn decode(source: &str, path: Option<&Path>, raw: &[u8], declared: Declared) -> Result<Page, InputError> {
    if raw.len() as u64 > MAX_PAGE_BYTES {
        return Err(InputError::new(source, format!("larger than {} MiB", MAX_PAGE_BYTES >> 20)));
    }
    let bytes = if raw.starts_with(&GZIP_MAGIC) {
        inflate(source, "gzip", flate2::read::MultiGzDecoder::new(raw))?
    } else {
        raw.to_vec()
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::new(source, "empty page (no content to analyse)"));
    }
    if looks_binary(&bytes) {
        return Err(InputError::new(source, "binary data, not an HTML or text page"));
    }
    let format = declared.format.unwrap_or_else(|| detect_format(path, &bytes));
    let (encoding, bom_len) = match Encoding::for_bom(&bytes) {
        Some((enc, len)) => (enc, len),
        None => (detect_charset(&bytes, format, declared.charset), 0),
    };
    let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    Ok(Page {
        source: source.to_string(),
        format,
        charset: encoding.name(),
        text: text.into_owned(),
        url: None,
        fetched: None,
        published: None,
    })
}

/// Reads what a `decoder` of the named compression (`gzip`, `deflate`)
/// unpacks, refusing more than a page may hold.
fn inflate(source: &str, compression: &str, decoder: impl Read) -> Result<Vec<u8>, InputError> {
    let mut out = Vec::new();
    decoder.take(MAX_PAGE_BYTES + 1).read_to_end(&mut out).map_err(|e| {
        let why = if e.kind() == io::ErrorKind::UnexpectedEof {
            format!("truncated {compression} stream (the file ends before the compressed data does)")
        } else {
            format!("corrupt {compression} data: {e}")
        };
        InputError::new(source, why)
    })?;
    if out.len() as u64 > MAX_PAGE_BYTES {
        return Err(InputError::new(source, format!("decompresses to more than {} MiB", MAX_PAGE_BYTES >> 20)));
    }
    Ok(out)
}

/// Images, PDFs and archives are full of control bytes; text has almost
/// none. A few stray NULs, as crawled HTML sometimes carries, do not make a
/// page binary. UTF-16 text has many NULs but then starts with a BOM.
fn looks_binary(bytes: &[u8]) -> bool {
    if Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let control = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)).count();
    control > 8 && control * 20 > sample.len()
}

fn detect_format(path: Option<&Path>, bytes: &[u8]) -> Format {
    if let Some(path) = path {
        let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        if [".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"].iter().any(|e| name.ends_with(e)) {
            return Format::Html;
        }
        if [".txt", ".text", ".md"].iter().any(|e| name.ends_with(e)) {
            return Format::Text;
        }
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let markup_start =
        ["<!doctype html", "<html", "<?xml", "<head", "<body", "<!--"].iter().any(|p| head.starts_with(p));
    let markup_inside = ["<html", "<body", "<div", "<p>", "<article"].iter().any(|t| head.contains(t));
    if markup_start || markup_inside {
        Format::Html
    } else {
        Format::Text
    }
}

/// The page's own declaration wins over statistics: a `<meta charset>` or
/// `http-equiv` content type in the head, or an XML declaration; failing
/// that, the charset its container declared (`from_container`, an HTTP
/// header). Without either, valid UTF-8 is UTF-8, and anything else is
/// guessed by chardetng.
///
/// One exception to a declaration: pages that declare a single-byte legacy
/// charset (often a template's stale ISO-8859-1, or a server's default) but
/// whose bytes are valid UTF-8 with multi-byte sequences. Real Latin-1 text
/// almost never forms valid UTF-8 by chance, so those are read as UTF-8
/// rather than as mojibake.
fn detect_charset(bytes: &[u8], format: Format, from_container: Option<&'static Encoding>) -> &'static Encoding {
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let in_page = if format == Format::Html { declared_charset(&bytes[..bytes.len().min(8192)]) } else { None };
    if let Some(enc) = in_page.or(from_container) {
        // A page declaring UTF-16 in ASCII-compatible bytes is lying.
        let utf16 = enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE;
        let stale_single_byte = enc.is_single_byte() && valid_utf8 && !bytes.is_ascii();
        if !utf16 && !stale_single_byte {
            return enc;
        }
    }
    if valid_utf8 {
        return encoding_rs::UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = head[from..].find("charset") {
        let at = from + pos + "charset".len();
        from = at;
        let rest = head[at..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else { continue };
        let rest = rest.trim_start().trim_start_matches(['"', '\'']);
        let label: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c)).collect();
        if let Some(enc) = Encoding::for_label(label.as_bytes()) {
            return Some(enc);
        }
    }
    if let Some(pos) = head.find("<?xml") {
        let decl = &head[pos..head[pos..].find("?>").map_or(head.len(), |e| pos + e)];
        if let Some(e) = decl.find("encoding=") {
            let label: String = decl[e + 9..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
                .collect();
            return Encoding::for_label(label.as_bytes());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn declared_latin1_charset_is_honoured() {
        let html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>Caf\xe9 M\xfcller</p></body></html>";
        let page = decode_page("p.html", None, html).unwrap();
        assert_eq!(page.format, Format::Html);
        assert_eq!(page.charset, "windows-1252");
        assert!(page.text.contains("Café Müller"), "{}", page.text);
    }

    #[test]
    fn an_http_content_type_names_the_format_and_the_charset() {
        let cyrillic = b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0.";
        let page = decode_http_body("r", Some("text/plain; charset=windows-1251"), cyrillic).unwrap();
        assert_eq!((page.format, page.charset, page.text.as_str()), (Format::Text, "windows-1251", "Привет, мир."));
        // The header, not detection, chose: another charset reads other letters.
        let koi8 = decode_http_body("r", Some("text/plain; charset=koi8-r"), cyrillic).unwrap();
        assert_eq!(koi8.charset, "KOI8-R");
        assert_ne!(koi8.text, page.text);
        let markup = decode_http_body("r", Some("text/plain"), b"<p>Tags shown as text.</p>").unwrap();
        assert_eq!(markup.format, Format::Text);
        let sniffed = decode_http_body("r", Some("application/octet-stream"), b"<html><p>A page.</p>").unwrap();
        assert_eq!(sniffed.format, Format::Html);
    }

    #[test]
    fn a_stale_latin1_declaration_over_utf8_bytes_reads_as_utf8() {
        let html = "<meta charset=iso-8859-1><p>Investor’s café</p>".as_bytes();
        let page = decode_page("p.html", None, html).unwrap();
        assert_eq!(page.charset, "UTF-8");
        assert!(page.text.contains("Investor’s café"), "{}", page.text);
    }

    #[test]
    fn utf8_bom_wins_and_is_stripped() {
        let page = decode_page("t.txt", None, "\u{feff}Überall".as_bytes()).unwrap();
        assert_eq!(page.text, "Überall");
        assert_eq!(page.format, Format::Text);
    }

    #[test]
    fn undeclared_non_utf8_is_detected_not_panicked_on() {
        let text = b"Der B\xfcrgermeister sagte, die Stra\xdfe werde f\xfcr den Verkehr gesperrt.";
        let page = decode_page("x", None, text).unwrap();
        assert!(page.text.contains("Bürgermeister"), "{} ({})", page.text, page.charset);
    }

    #[test]
    fn invalid_bytes_in_declared_utf8_become_replacement_characters() {
        let html = b"<meta charset=utf-8><p>ok \xff\xfe bad</p>";
        let page = decode_page("x.html", None, html).unwrap();
        assert!(page.text.contains("ok \u{fffd}\u{fffd} bad"));
    }

    #[test]
    fn gzip_is_unpacked_and_truncation_is_a_named_error() {
        let packed = gz(b"<html><body><p>Hello</p></body></html>");
        let page = decode_page("a.html.gz", Some(Path::new("a.html.gz")), &packed).unwrap();
        assert!(page.text.contains("Hello"));
        let err = decode_page("a.html.gz", None, &packed[..packed.len() / 2]).unwrap_err();
        assert_eq!(err.source, "a.html.gz");
        assert!(err.to_string().starts_with("a.html.gz: truncated gzip"), "{err}");
    }

    #[test]
    fn empty_and_binary_pages_are_errors() {
        assert!(decode_page("e.txt", None, b"  \n").unwrap_err().reason.contains("empty"));
        let png: Vec<u8> = b"\x89PNG\r\n\x1a\n".iter().copied().chain((0..64).map(|i| (i * 7 % 32) as u8)).collect();
        assert!(decode_page("i.png", None, &png).unwrap_err().reason.contains("binary"));
        let stray_nul = decode_page("n.html", None, b"<html><p>ok\0 text</p>").unwrap();
        assert!(stray_nul.text.contains("ok\0 text"));
    }

    #[test]
    fn format_is_sniffed_without_extension() {
        assert_eq!(decode_page("-", None, b"  <!DOCTYPE html><p>x</p>").unwrap().format, Format::Html);
        assert_eq!(decode_page("-", None, b"Plain words. More words.").unwrap().format, Format::Text);
    }

    #[test]
    fn directories_expand_recursively_and_missing_paths_are_errors() {
        let dir = std::env::temp_dir().join(format!("newsgraph-input-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub/.hidden")).unwrap();
        std::fs::write(dir.join("b.txt"), "b").unwrap();
        std::fs::write(dir.join("sub/a.html"), "<p>a</p>").unwrap();
        std::fs::write(dir.join("sub/.hidden/c.txt"), "c").unwrap();
        let missing = dir.join("nope.txt").display().to_string();
        let got = expand(&[dir.display().to_string(), missing.clone()]);
        let names: Vec<String> = got.iter().filter_map(|r| r.as_ref().ok()).map(Input::name).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names[0].ends_with("b.txt") && names[1].ends_with("sub/a.html"), "{names:?}");
        let err = got[2].as_ref().unwrap_err();
        assert_eq!(err.to_string(), format!("{missing}: no such file or directory"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
