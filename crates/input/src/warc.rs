//! WARC files (ISO 28500, WARC/1.0 and 1.1), the format crawls are archived
//! in: a series of records, each a header and a block of `Content-Length`
//! bytes. The HTML responses among them become pages, read a record at a
//! time so that a file of any size streams in constant memory.

use std::io::{self, BufRead, BufReader, Read, Take};

use flate2::bufread::GzDecoder;

use crate::http::{self, read_line, ResponseHead, MAX_HEADER_BYTES};
use crate::{decode, io_reason, Declared, Format, InputError, Page, GZIP_MAGIC, MAX_PAGE_BYTES};

const TRUNCATED: &str = "truncated: the file ends inside this record";

/// The pages of one WARC file; see [`crate::Input::pages`].
pub(crate) struct WarcPages<R> {
    file: String,
    stream: BufReader<Decompressed<R>>,
    /// Set after a failure that left the stream at an unknown place: the
    /// next record is then searched for by its `WARC/` line, and whatever is
    /// passed on the way is skipped without further errors.
    searching: bool,
}

impl<R: Read> WarcPages<R> {
    pub fn new(file: String, reader: R, gzipped: bool) -> WarcPages<R> {
        let input = Counted { inner: BufReader::new(reader), consumed: 0, failed: false };
        let state = if gzipped { State::BetweenMembers(input) } else { State::Plain(input) };
        WarcPages { file, stream: BufReader::new(Decompressed { state, member_start: 0 }), searching: false }
    }
}

impl<R: Read> Iterator for WarcPages<R> {
    type Item = Result<Page, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.next_record() {
                Record::End => return None,
                Record::Skipped => {}
                Record::Page(page) => return Some(Ok(page)),
                Record::Failed { .. } if self.searching => {}
                Record::Failed { error, stream_lost } => {
                    self.searching = stream_lost;
                    return Some(Err(error));
                }
            }
        }
    }
}

/// What reading one record came to.
enum Record {
    End,
    /// Not an HTML page (a request, metadata, an image, a redirect...).
    Skipped,
    Page(Page),
    /// `stream_lost` when the next record's start is no longer known.
    Failed {
        error: InputError,
        stream_lost: bool,
    },
}

/// The fields of a WARC record header that are read here.
#[derive(Debug, Default)]
struct WarcHeader {
    kind: String,
    id: String,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: String,
    length: u64,
}

/// A record's block, read.
enum Block {
    Skipped,
    /// Not used although read through (a malformed HTTP head, too large).
    Refused(String),
    /// HTML with the HTTP head it came under (none for a `resource` record).
    Html {
        head: Option<ResponseHead>,
        body: Vec<u8>,
    },
}

impl<R: Read> WarcPages<R> {
    fn next_record(&mut self) -> Record {
        let mut line = Vec::new();
        let offset = loop {
            let offset = match self.skip_blank_lines() {
                Ok(Some(offset)) => offset,
                Ok(None) => return Record::End,
                Err(e) => return self.broken(&e),
            };
            if let Err(e) = read_line(&mut self.stream, &mut line, MAX_HEADER_BYTES) {
                return self.broken(&e);
            }
            if line.starts_with(b"WARC/") {
                break offset;
            }
            if !self.searching {
                let reason = "expected a WARC record header (a `WARC/1.0` or `WARC/1.1` line) here";
                return Record::Failed { error: InputError::new(&self.source(offset, ""), reason), stream_lost: true };
            }
        };
        let header = match self.read_header(&mut line) {
            Ok(header) => header,
            Err(why) => {
                return Record::Failed { error: InputError::new(&self.source(offset, ""), why), stream_lost: true }
            }
        };
        self.searching = false;
        let source = self.source(offset, &header.id);
        let lost = |why: String| Record::Failed { error: InputError::new(&source, why), stream_lost: true };
        let block = match read_block(&mut (&mut self.stream).take(header.length), &header) {
            Ok(block) => block,
            Err(why) => return lost(why),
        };
        if let Err(why) = self.check_block_end() {
            return lost(why);
        }
        match block {
            Block::Skipped => Record::Skipped,
            Block::Refused(why) => Record::Failed { error: InputError::new(&source, why), stream_lost: false },
            Block::Html { head, body } => match html_page(&source, header, head, body) {
                Ok(page) => Record::Page(page),
                Err(error) => Record::Failed { error, stream_lost: false },
            },
        }
    }

    /// Steps over the line ends between records; the offset of what follows,
    /// or `None` at the end of the file.
    fn skip_blank_lines(&mut self) -> io::Result<Option<u64>> {
        loop {
            let buf = self.stream.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            let line_ends = buf.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
            if line_ends == 0 {
                return Ok(Some(self.offset()));
            }
            self.stream.consume(line_ends);
        }
    }

    /// Reads the header lines after the `WARC/` line, through the blank line.
    fn read_header(&mut self, line: &mut Vec<u8>) -> Result<WarcHeader, String> {
        let mut header = WarcHeader::default();
        let mut length = None;
        let mut consumed = 0;
        loop {
            let n = read_line(&mut self.stream, line, MAX_HEADER_BYTES).map_err(|e| stream_reason(&e))?;
            if n == 0 {
                return Err(TRUNCATED.to_string());
            }
            consumed += n;
            if consumed > MAX_HEADER_BYTES {
                return Err(format!("WARC record header longer than {} KiB", MAX_HEADER_BYTES >> 10));
            }
            let Some((name, value)) = http::header_field(line) else { break };
            match name.to_ascii_lowercase().as_str() {
                "warc-type" => header.kind = value.to_ascii_lowercase(),
                "warc-record-id" => header.id = value,
                // WARC/1.0 wrote the URI in angle brackets; 1.1 does not.
                "warc-target-uri" => header.target_uri = Some(value.trim_matches(['<', '>']).to_string()),
                "warc-date" => header.date = Some(value),
                "content-type" => header.content_type = value,
                "content-length" => {
                    length = Some(value.parse().map_err(|_| format!("invalid WARC Content-Length {value:?}"))?)
                }
                _ => {}
            }
        }
        header.length = length.ok_or("WARC record header without a Content-Length")?;
        Ok(header)
    }

    /// A block is followed by a blank line (two, by the standard): anything
    /// else means its Content-Length was wrong.
    fn check_block_end(&mut self) -> Result<(), String> {
        match self.stream.fill_buf().map_err(|e| stream_reason(&e))?.first() {
            None | Some(b'\r' | b'\n') => Ok(()),
            Some(_) => Err("the record does not end where its Content-Length says".to_string()),
        }
    }

    fn offset(&self) -> u64 {
        self.stream.get_ref().offset(self.stream.buffer().len())
    }

    fn source(&self, offset: u64, record_id: &str) -> String {
        if record_id.is_empty() {
            format!("{}@{offset}", self.file)
        } else {
            format!("{}@{offset} {record_id}", self.file)
        }
    }

    /// The file could not be read on: an error at the current offset.
    fn broken(&self, e: &io::Error) -> Record {
        Record::Failed { error: InputError::new(&self.source(self.offset(), ""), stream_reason(e)), stream_lost: true }
    }
}

/// Reads a record's block (or steps over it). `Err` when the stream broke
/// inside it.
fn read_block(block: &mut Take<impl BufRead>, header: &WarcHeader) -> Result<Block, String> {
    let head = match header.kind.as_str() {
        "response" => match ResponseHead::read(block) {
            Ok(Some(head)) if head.is_success() && http::is_html(&head.content_type) => Some(head),
            Ok(_) => return skip_rest(block).map(|()| Block::Skipped),
            Err(why) => return skip_rest(block).map(|()| Block::Refused(why)),
        },
        "resource" if http::is_html(&header.content_type) => None,
        _ => return skip_rest(block).map(|()| Block::Skipped),
    };
    if block.limit() > MAX_PAGE_BYTES {
        let why = format!("page larger than {} MiB, skipped", MAX_PAGE_BYTES >> 20);
        return skip_rest(block).map(|()| Block::Refused(why));
    }
    let mut body = Vec::new();
    block.read_to_end(&mut body).map_err(|e| stream_reason(&e))?;
    if block.limit() > 0 {
        return Err(TRUNCATED.to_string());
    }
    Ok(Block::Html { head, body })
}

fn skip_rest(block: &mut Take<impl BufRead>) -> Result<(), String> {
    io::copy(block, &mut io::sink()).map_err(|e| stream_reason(&e))?;
    if block.limit() > 0 {
        return Err(TRUNCATED.to_string());
    }
    Ok(())
}

fn html_page(source: &str, header: WarcHeader, head: Option<ResponseHead>, body: Vec<u8>) -> Result<Page, InputError> {
    let (body, content_type) = match &head {
        Some(head) => (head.unpack(source, body)?, &head.content_type),
        None => (body, &header.content_type),
    };
    let declared = Declared { format: Some(Format::Html), charset: http::charset(content_type) };
    let page = decode(source, None, &body, declared)?;
    Ok(Page { url: header.target_uri, fetched: header.date, ..page })
}

fn stream_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => TRUNCATED.to_string(),
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => format!("corrupt gzip member: {e}"),
        _ => io_reason(e),
    }
}

/// A byte source that counts the bytes taken from it, so that a gzip
/// member's offset in the file is known, and notes whether reading it failed.
struct Counted<B> {
    inner: B,
    consumed: u64,
    failed: bool,
}

impl<B: BufRead> Read for Counted<B> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf).inspect_err(|_| self.failed = true)?;
        self.consumed += n as u64;
        Ok(n)
    }
}

impl<B: BufRead> BufRead for Counted<B> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self.inner.fill_buf() {
            Ok(buf) => Ok(buf),
            Err(e) => {
                self.failed = true;
                Err(e)
            }
        }
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.consumed += amount as u64;
    }
}

/// The content of a WARC file, un-gzipped if it is gzipped. A `.warc.gz`
/// is a series of gzip members (Common Crawl writes one a record); they are
/// decoded one at a time, so that each one's offset in the file is known and
/// a corrupt one can be stepped over to the next. A read returns bytes of
/// one member only.
struct Decompressed<R> {
    state: State<R>,
    /// File offset of the member being read, or last read.
    member_start: u64,
}

enum State<R> {
    Plain(Counted<BufReader<R>>),
    BetweenMembers(Counted<BufReader<R>>),
    /// Boxed: the inflater's state is large, and the state is moved out and
    /// back at every read.
    InMember(Box<GzDecoder<Counted<BufReader<R>>>>),
    /// The file ended or could not be read.
    Ended,
}

impl<R: Read> Decompressed<R> {
    /// Where the data now buffered (`buffered` bytes of it not yet used)
    /// starts: the byte offset in a plain file, the member's in a gzipped one.
    fn offset(&self, buffered: usize) -> u64 {
        match &self.state {
            State::Plain(input) => input.consumed - buffered as u64,
            _ => self.member_start,
        }
    }
}

impl<R: Read> Read for Decompressed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match std::mem::replace(&mut self.state, State::Ended) {
                State::Ended => return Ok(0),
                State::Plain(mut input) => {
                    let read = input.read(buf);
                    if !input.failed {
                        self.state = State::Plain(input);
                    }
                    return read;
                }
                State::BetweenMembers(mut input) => {
                    if !next_member(&mut input)? {
                        return Ok(0);
                    }
                    self.member_start = input.consumed;
                    self.state = State::InMember(Box::new(GzDecoder::new(input)));
                }
                State::InMember(mut member) => match member.read(buf) {
                    Ok(0) => self.state = State::BetweenMembers(member.into_inner()),
                    Ok(n) => {
                        self.state = State::InMember(member);
                        return Ok(n);
                    }
                    Err(e) => {
                        let mut input = member.into_inner();
                        // So that the search for the next member moves on even
                        // when this one failed before consuming anything.
                        if input.consumed == self.member_start && input.fill_buf().is_ok_and(|b| !b.is_empty()) {
                            input.consume(1);
                        }
                        if !input.failed {
                            self.state = State::BetweenMembers(input);
                        }
                        return Err(e);
                    }
                },
            }
        }
    }
}

/// Steps `input` to the next byte that may start a gzip member (only the
/// first magic byte is looked for: the second may lie past the buffer, and
/// the decoder checks the whole header anyway). False at the end of input.
fn next_member(input: &mut impl BufRead) -> io::Result<bool> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let skip = buf.iter().position(|&b| b == GZIP_MAGIC[0]);
        let n = skip.unwrap_or(buf.len());
        input.consume(n);
        if skip.is_some() {
            return Ok(true);
        }
    }
}
