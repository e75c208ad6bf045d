//! The HTTP responses archived in WARC records: the status line and headers,
//! and the transfer and content codings to undo on the body.

use std::io::{self, BufRead};

use encoding_rs::Encoding;

use crate::{inflate, InputError};

/// Longest header block (WARC or HTTP) read; anything longer is not a header.
pub(crate) const MAX_HEADER_BYTES: usize = 64 * 1024;

/// What an HTTP response's head says about its body.
#[derive(Debug)]
pub(crate) struct ResponseHead {
    pub status: u16,
    pub content_type: String,
    pub transfer_encoding: String,
    pub content_encoding: String,
}

impl ResponseHead {
    /// Reads the status line and headers through the blank line that ends
    /// them. `None` when the bytes are not an HTTP response at all (a WARC
    /// `response` record can hold a DNS answer).
    pub fn read(block: &mut impl BufRead) -> Result<Option<ResponseHead>, String> {
        let mut line = Vec::new();
        let mut consumed = read_line(block, &mut line, MAX_HEADER_BYTES).map_err(|e| e.to_string())?;
        if !line.starts_with(b"HTTP/") {
            return Ok(None);
        }
        let status_line = String::from_utf8_lossy(&line);
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| format!("malformed HTTP status line {:?}", status_line.trim_end()))?;
        let mut head = ResponseHead {
            status,
            content_type: String::new(),
            transfer_encoding: String::new(),
            content_encoding: String::new(),
        };
        loop {
            let n = read_line(block, &mut line, MAX_HEADER_BYTES).map_err(|e| e.to_string())?;
            consumed += n;
            if n == 0 {
                return Err("the record ends inside the HTTP headers".to_string());
            }
            if consumed > MAX_HEADER_BYTES {
                return Err(format!("HTTP headers longer than {} KiB", MAX_HEADER_BYTES >> 10));
            }
            let Some((name, value)) = header_field(&line) else { break };
            let field = match name.to_ascii_lowercase().as_str() {
                "content-type" => &mut head.content_type,
                "transfer-encoding" => &mut head.transfer_encoding,
                "content-encoding" => &mut head.content_encoding,
                _ => continue,
            };
            *field = value.to_ascii_lowercase();
        }
        Ok(Some(head))
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Undoes `Transfer-Encoding: chunked`, then a gzip or deflate
    /// `Content-Encoding`.
    pub fn unpack(&self, source: &str, body: Vec<u8>) -> Result<Vec<u8>, InputError> {
        let body = if self.transfer_encoding.contains("chunked") {
            dechunk(body).map_err(|why| InputError::new(source, why))?
        } else {
            body
        };
        match self.content_encoding.as_str() {
            "" | "identity" => Ok(body),
            "gzip" | "x-gzip" => inflate(source, "gzip", flate2::read::MultiGzDecoder::new(&body[..])),
            // The standard says zlib; some servers send bare deflate.
            "deflate" if zlib_header(&body) => inflate(source, "deflate", flate2::read::ZlibDecoder::new(&body[..])),
            "deflate" => inflate(source, "deflate", flate2::read::DeflateDecoder::new(&body[..])),
            other => Err(InputError::new(source, format!("unsupported HTTP Content-Encoding {other:?}"))),
        }
    }
}

/// `name: value` of a header line, or `None` for the blank line that ends a
/// header block. A line without a colon has an empty value.
pub(crate) fn header_field(line: &[u8]) -> Option<(String, String)> {
    let line = String::from_utf8_lossy(line);
    let line = line.trim_end_matches(['\r', '\n']);
    if line.is_empty() {
        return None;
    }
    let (name, value) = line.split_once(':').unwrap_or((line, ""));
    Some((name.trim().to_string(), value.trim().to_string()))
}

/// A `Content-Type` value's media type, without its parameters.
fn media_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or_default().trim()
}

/// Whether a `Content-Type` value names HTML.
pub(crate) fn is_html(content_type: &str) -> bool {
    let media_type = media_type(content_type);
    media_type.eq_ignore_ascii_case("text/html") || media_type.eq_ignore_ascii_case("application/xhtml+xml")
}

/// Whether a `Content-Type` value names plain text.
pub(crate) fn is_plain_text(content_type: &str) -> bool {
    media_type(content_type).eq_ignore_ascii_case("text/plain")
}

/// The encoding a `Content-Type` value's `charset` parameter names.
pub(crate) fn charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes())
    })
}

/// Reads one line (through `\n`, or to the end of input) into `line`,
/// keeping at most `cap` bytes of it so that bytes without line breaks
/// cannot fill memory. Returns how many bytes it consumed: 0 at the end.
pub(crate) fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>, cap: usize) -> io::Result<usize> {
    line.clear();
    let mut consumed = 0;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(consumed);
        }
        let (n, ends) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = cap.saturating_sub(line.len());
        line.extend_from_slice(&buf[..n.min(room)]);
        input.consume(n);
        consumed += n;
        if ends {
            return Ok(consumed);
        }
    }
}

/// A zlib stream starts with a method byte of 8 (deflate) and a check sum
/// over its first two bytes.
fn zlib_header(body: &[u8]) -> bool {
    match body {
        [cmf, flg, ..] => cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0,
        _ => false,
    }
}

/// Joins the chunks of a chunked body. A body that does not start with a
/// chunk size was stored de-chunked by the crawler despite the header, and
/// is returned as it is; one that stops before its last (empty) chunk keeps
/// what it has, as crawlers cut long responses short.
fn dechunk(body: Vec<u8>) -> Result<Vec<u8>, String> {
    if !body.first().is_some_and(u8::is_ascii_hexdigit) {
        return Ok(body);
    }
    let mut out = Vec::with_capacity(body.len());
    let mut rest = &body[..];
    while !rest.is_empty() {
        let line_end = rest.iter().position(|&b| b == b'\n').ok_or("chunked body: a chunk size line has no end")?;
        let size_line = String::from_utf8_lossy(&rest[..line_end]);
        let size_field = size_line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_field, 16)
            .map_err(|_| format!("chunked body: malformed chunk size {size_field:?}"))?;
        rest = &rest[line_end + 1..];
        if size == 0 {
            break;
        }
        let chunk = rest.get(..size).ok_or("chunked body: the last chunk is shorter than its size")?;
        out.extend_from_slice(chunk);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r\n").or_else(|| rest.strip_prefix(b"\n")).unwrap_or(rest);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_joined_and_extensions_ignored() {
        let body = b"5;ext=1\r\nHello\r\n7\r\n, world\r\n0\r\n\r\n".to_vec();
        assert_eq!(dechunk(body).unwrap(), b"Hello, world");
        assert_eq!(dechunk(b"<html>".to_vec()).unwrap(), b"<html>");
        assert!(dechunk(b"1x\r\nHello".to_vec()).is_err());
        assert!(dechunk(b"9\r\nHello".to_vec()).is_err());
    }

    #[test]
    fn content_type_parameters() {
        assert!(is_html("Text/HTML; charset=UTF-8"));
        assert!(!is_html("image/png"));
        assert_eq!(charset("text/html; charset=\"ISO-8859-1\""), Some(encoding_rs::WINDOWS_1252));
        assert_eq!(charset("text/html"), None);
    }
}
