#!/usr/bin/env python3
"""Writes WARC files for measuring ingest memory on long inputs.

Every page of a directory of gzipped HTML pages (by default WCXB dev) is
written COPIES times over as gzipped WARC response records, each copy under
its own URL and with a comment that changes its content hash, so that no
record is skipped as already stored. The records are split between PARTS
files. The output stays outside the repository: the pages are others' work.

    python3 scripts/make-bench-warc.py [--pages DIR] [--copies 7] [--parts 2] OUT_PREFIX
    newsgraph bench ingest OUT_PREFIX-1.warc.gz OUT_PREFIX-2.warc.gz --model fast --jobs 2
"""

import argparse
import glob
import gzip
import os
import uuid


def record(url: str, html: bytes) -> bytes:
    """One gzipped WARC response record holding `html` as an HTTP 200."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Target-URI: {url}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n", 1)


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    default_pages = os.path.join(here, "..", "..", "shared", "data", "extract", "wcxb-dev", "html")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_prefix")
    parser.add_argument("--pages", default=default_pages, help="directory of *.html.gz pages")
    parser.add_argument("--copies", type=int, default=7)
    parser.add_argument("--parts", type=int, default=2)
    args = parser.parse_args()
    pages = sorted(glob.glob(os.path.join(args.pages, "*.html.gz")))
    if not pages:
        raise SystemExit(f"no *.html.gz pages in {args.pages}")
    outs = [open(f"{args.out_prefix}-{part + 1}.warc.gz", "wb") for part in range(args.parts)]
    records = 0
    for copy in range(args.copies):
        for i, page in enumerate(pages):
            html = gzip.open(page).read() + f"<!-- copy {copy} -->".encode()
            outs[(i + copy) % args.parts].write(record(f"https://example.org/{copy}/{i}", html))
            records += 1
    for out in outs:
        out.close()
    print(f"{records} records in {args.parts} files: " + ", ".join(out.name for out in outs))


if __name__ == "__main__":
    main()
