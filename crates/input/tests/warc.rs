//! WARC files read as streams of pages. Every file is built here from
//! invented records.

mod common;

use std::io::Write;

use common::{gzip, TempFile};
use newsgraph_input::{Format, Input, InputError, Page};

fn record_id(n: usize) -> String {
    format!("<urn:uuid:{n:08}-0000-4000-8000-000000000000>")
}

/// One WARC record: its header, its block, and the blank lines after it.
fn record(kind: &str, n: usize, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let header = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {}\r\nWARC-Date: 2024-05-{:02}T09:30:00Z\r\n\
         WARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        record_id(n),
        n % 28 + 1,
        block.len()
    );
    [header.as_bytes(), block, b"\r\n\r\n"].concat()
}

/// A `response` record holding an HTTP response with `head` (status line
/// and headers) and `body`.
fn response(n: usize, uri: &str, head: &str, body: &[u8]) -> Vec<u8> {
    record("response", n, uri, "application/http; msgtype=response", &[head.as_bytes(), b"\r\n\r\n", body].concat())
}

fn html_response(n: usize, uri: &str, html: &str) -> Vec<u8> {
    response(n, uri, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8", html.as_bytes())
}

fn article(words: &str) -> String {
    format!("<html><head><title>{words}</title></head><body><p>{words}</p></body></html>")
}

/// The records one after the other, gzipped a member each when `gzipped`,
/// with the file offset each starts at.
fn warc(records: &[Vec<u8>], gzipped: bool) -> (Vec<u8>, Vec<u64>) {
    let mut file = Vec::new();
    let mut offsets = Vec::new();
    for r in records {
        offsets.push(file.len() as u64);
        file.extend(if gzipped { gzip(r) } else { r.clone() });
    }
    (file, offsets)
}

/// A small crawl: three HTML pages (records 2, 8 and 9) among what a
/// crawler also writes.
fn crawl() -> Vec<Vec<u8>> {
    vec![
        record("warcinfo", 0, "", "application/warc-fields", b"software: invented-crawler/1.0\r\n"),
        record(
            "request",
            1,
            "https://news.example/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        html_response(2, "https://news.example/a", &article("Lanterns lit along the canal")),
        record("metadata", 3, "https://news.example/a", "application/warc-fields", b"fetchTimeMs: 120\r\n"),
        response(
            4,
            "https://news.example/logo.png",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png",
            b"\x89PNG\r\n\x1a\n",
        ),
        response(5, "https://news.example/gone", "HTTP/1.1 404 Not Found\r\nContent-Type: text/html", b"<p>Gone</p>"),
        response(6, "https://news.example/old", "HTTP/1.1 301 Moved Permanently\r\nLocation: /a", b""),
        record(
            "revisit",
            7,
            "https://news.example/a",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        ),
        record(
            "resource",
            8,
            "https://news.example/b",
            "text/html",
            article("Orchard harvest beats forecast").as_bytes(),
        ),
        record("response", 9, "dns:news.example", "text/dns", b"20240501093000\nnews.example. 300 IN A 192.0.2.1\n"),
        html_response(10, "https://news.example/c", &article("Night market returns to the square")),
    ]
}

fn ok_pages(pages: Vec<Result<Page, InputError>>) -> Vec<Page> {
    pages.into_iter().map(|p| p.unwrap_or_else(|e| panic!("unexpected error: {e}"))).collect()
}

fn check_crawl_pages(file: &TempFile, offsets: &[u64]) {
    let pages = ok_pages(file.pages());
    let summary: Vec<(String, Option<&str>, Option<&str>)> =
        pages.iter().map(|p| (p.source.clone(), p.url.as_deref(), p.fetched.as_deref())).collect();
    let name = file.name();
    assert_eq!(
        summary,
        [
            (
                format!("{name}@{} {}", offsets[2], record_id(2)),
                Some("https://news.example/a"),
                Some("2024-05-03T09:30:00Z")
            ),
            (
                format!("{name}@{} {}", offsets[8], record_id(8)),
                Some("https://news.example/b"),
                Some("2024-05-09T09:30:00Z")
            ),
            (
                format!("{name}@{} {}", offsets[10], record_id(10)),
                Some("https://news.example/c"),
                Some("2024-05-11T09:30:00Z")
            ),
        ]
    );
    assert!(pages.iter().all(|p| p.format == Format::Html && p.published.is_none()));
    assert_eq!(pages[0].text, article("Lanterns lit along the canal"));
}

#[test]
fn warc_yields_each_html_response_and_skips_the_other_records() {
    // Told by content, not by name.
    let (bytes, offsets) = warc(&crawl(), false);
    check_crawl_pages(&TempFile::new("crawl.data", &bytes), &offsets);
}

#[test]
fn warc_gz_with_a_member_per_record_names_each_member_offset() {
    let (bytes, offsets) = warc(&crawl(), true);
    check_crawl_pages(&TempFile::new("crawl.warc.gz", &bytes), &offsets);
}

#[test]
fn a_warc_gzipped_whole_names_the_one_member_offset() {
    let file = TempFile::new("whole.warc.gz", &gzip(&crawl().concat()));
    check_crawl_pages(&file, &[0; 11]);
}

#[test]
fn chunked_and_compressed_http_bodies_are_unpacked() {
    let html = article("Tram line extended to the airport");
    let packed = gzip(html.as_bytes());
    let (first, rest) = packed.split_at(packed.len() / 3);
    let chunked = [
        format!("{:x}\r\n", first.len()).as_bytes(),
        first,
        b"\r\n",
        format!("{:X};note=x\r\n", rest.len()).as_bytes(),
        rest,
        b"\r\n0\r\n\r\n",
    ]
    .concat();
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    zlib.write_all(html.as_bytes()).unwrap();
    let mut bare_deflate = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    bare_deflate.write_all(html.as_bytes()).unwrap();
    let records = [
        response(
            1,
            "https://news.example/tram",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip",
            &chunked,
        ),
        response(
            2,
            "https://news.example/tram",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: deflate",
            &zlib.finish().unwrap(),
        ),
        response(
            3,
            "https://news.example/tram",
            "HTTP/1.0 200 OK\r\ncontent-type: text/html\r\ncontent-encoding: deflate",
            &bare_deflate.finish().unwrap(),
        ),
    ];
    let file = TempFile::new("coded.warc", &warc(&records, false).0);
    let pages = ok_pages(file.pages());
    assert_eq!(pages.len(), 3);
    assert!(pages.iter().all(|p| p.text == html), "{pages:#?}");
}

#[test]
fn charset_comes_from_the_http_header_when_the_page_declares_none() {
    let latin1 = b"<html><body><p>Caf\xe9 cr\xe8me on the menu again</p></body></html>";
    let declared = "<html><head><meta charset=\"utf-8\"></head><body><p>Caf\u{e9} cr\u{e8}me</p></body></html>";
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1";
    let records = [
        response(1, "https://news.example/menu", head, latin1),
        response(2, "https://news.example/menu", head, declared.as_bytes()),
    ];
    let file = TempFile::new("charset.warc", &warc(&records, false).0);
    let pages = ok_pages(file.pages());
    assert_eq!((pages[0].charset, pages[1].charset), ("windows-1252", "UTF-8"));
    assert!(pages[0].text.contains("Café crème on the menu"), "{}", pages[0].text);
    assert!(pages[1].text.contains("Café crème"), "{}", pages[1].text);
}

#[test]
fn a_damaged_record_is_reported_at_its_offset_and_the_records_after_it_still_read() {
    let bad_length =
        with_content_length(html_response(2, "https://news.example/b", &article("Second")), |n| format!("x{n}"));
    let short_length =
        with_content_length(html_response(4, "https://news.example/d", &article("Fourth")), |n| (n - 5).to_string());
    let records = [
        html_response(1, "https://news.example/a", &article("First")),
        bad_length,
        html_response(3, "https://news.example/c", &article("Third")),
        short_length,
        html_response(5, "https://news.example/e", &article("Fifth")),
    ];
    let (bytes, offsets) = warc(&records, false);
    let file = TempFile::new("damaged.warc", &bytes);
    let pages = file.pages();
    let outline: Vec<String> = pages
        .iter()
        .map(|p| match p {
            Ok(page) => page.url.clone().unwrap(),
            Err(e) => e.to_string(),
        })
        .collect();
    let name = file.name();
    assert_eq!(outline.len(), 5, "{outline:#?}");
    assert_eq!(outline[0], "https://news.example/a");
    assert!(outline[1].starts_with(&format!("{name}@{}: invalid WARC Content-Length", offsets[1])), "{outline:#?}");
    assert_eq!(outline[2], "https://news.example/c");
    assert_eq!(
        outline[3],
        format!("{name}@{} {}: the record does not end where its Content-Length says", offsets[3], record_id(4))
    );
    assert_eq!(outline[4], "https://news.example/e");
}

#[test]
fn a_corrupt_gzip_member_is_reported_at_its_offset_and_the_members_after_it_still_read() {
    let long_story = article(&"The ferry left the harbour at dawn with forty passengers aboard. ".repeat(40));
    let records = [
        html_response(1, "https://news.example/a", &article("First")),
        html_response(2, "https://news.example/b", &long_story),
        html_response(3, "https://news.example/c", &article("Third")),
    ];
    let (bytes, offsets) = warc(&records, true);
    // The first byte after the 10-byte gzip header opens a deflate block of
    // the reserved type, which no decoder accepts; bytes garbled in the
    // middle can instead come out as a garbled record.
    let deflate_start = offsets[1] as usize + 10;
    let middle = ((offsets[1] + offsets[2]) / 2) as usize;
    for (at, garbage) in [(deflate_start, &b"\xff"[..]), (middle, b"\xff\x00\xff\x00\xff\x00")] {
        let mut corrupt = bytes.clone();
        corrupt[at..at + garbage.len()].copy_from_slice(garbage);
        let file = TempFile::new("corrupt.warc.gz", &corrupt);
        let pages = file.pages();
        assert_eq!(pages.len(), 3, "{pages:#?}");
        assert_eq!(pages[0].as_ref().unwrap().url.as_deref(), Some("https://news.example/a"));
        let error = pages[1].as_ref().unwrap_err();
        assert!(error.source.starts_with(&format!("{}@{}", file.name(), offsets[1])), "{error}");
        if at == deflate_start {
            assert!(error.reason.starts_with("corrupt gzip member"), "{error}");
        }
        assert_eq!(pages[2].as_ref().unwrap().url.as_deref(), Some("https://news.example/c"));
    }
}

#[test]
fn a_truncated_last_record_ends_the_pages_after_one_error() {
    let records = [
        html_response(1, "https://news.example/a", &article("First")),
        html_response(2, "https://news.example/b", &article("Second")),
    ];
    for gzipped in [false, true] {
        let (bytes, offsets) = warc(&records, gzipped);
        let cut = (offsets[1] as usize + bytes.len()) / 2;
        let file = TempFile::new(if gzipped { "cut.warc.gz" } else { "cut.warc" }, &bytes[..cut]);
        let pages = file.pages();
        assert_eq!(pages.len(), 2, "{pages:#?}");
        assert!(pages[0].is_ok());
        let error = pages[1].as_ref().unwrap_err();
        assert!(error.source.starts_with(&format!("{}@{}", file.name(), offsets[1])), "{error}");
        assert!(error.reason.starts_with("truncated"), "{error}");
    }
}

#[test]
fn a_page_over_the_size_cap_is_refused_and_streaming_goes_on() {
    let huge = vec![b'a'; newsgraph_input::MAX_PAGE_BYTES as usize + 1];
    let records = [
        response(1, "https://news.example/huge", "HTTP/1.1 200 OK\r\nContent-Type: text/html", &huge),
        html_response(2, "https://news.example/b", &article("After the big one")),
    ];
    let (bytes, offsets) = warc(&records, false);
    drop(records);
    let file = TempFile::new("huge.warc", &bytes);
    drop(bytes);
    let pages = file.pages();
    assert_eq!(pages.len(), 2);
    let error = pages[0].as_ref().unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("{}@{} {}: page larger than 64 MiB, skipped", file.name(), offsets[0], record_id(1))
    );
    assert!(pages[1].is_ok());
}

#[test]
fn a_large_warc_streams_record_by_record() {
    const RECORDS: usize = 20_000;
    let mut bytes = Vec::new();
    for n in 0..RECORDS {
        let record = if n % 4 == 3 {
            record(
                "request",
                n,
                "https://news.example/",
                "application/http; msgtype=request",
                b"GET / HTTP/1.1\r\n\r\n",
            )
        } else {
            html_response(n, &format!("https://news.example/{n}"), &article(&format!("Story number {n}")))
        };
        bytes.extend(gzip(&record));
    }
    let file = TempFile::new("large.warc.gz", &bytes);
    drop(bytes);
    let mut pages = 0;
    for page in file.input().pages() {
        let page = page.unwrap();
        assert!(page.text.contains("Story number"));
        pages += 1;
    }
    assert_eq!(pages, RECORDS / 4 * 3);
}

#[test]
fn an_ordinary_file_is_the_one_page_read_gives() {
    let file = TempFile::new("plain.html.gz", &gzip(article("Just one page").as_bytes()));
    let input = file.input();
    let read = input.read().unwrap();
    let pages = ok_pages(input.pages().collect());
    assert_eq!(pages.len(), 1);
    assert_eq!(
        (&pages[0].source, pages[0].format, pages[0].charset, &pages[0].text, &pages[0].url),
        (&read.source, read.format, read.charset, &read.text, &None)
    );
    let missing = Input::File(format!("{}.missing", file.name()).into()).pages().collect::<Vec<_>>();
    assert!(missing[0].as_ref().unwrap_err().reason.contains("no such file"));
}

/// `record` with its Content-Length value replaced by what `change` makes of it.
fn with_content_length(record: Vec<u8>, change: impl Fn(u64) -> String) -> Vec<u8> {
    let text = String::from_utf8(record).unwrap();
    let start = text.find("Content-Length: ").unwrap() + "Content-Length: ".len();
    let end = start + text[start..].find('\r').unwrap();
    let length = text[start..end].parse().unwrap();
    format!("{}{}{}", &text[..start], change(length), &text[end..]).into_bytes()
}
