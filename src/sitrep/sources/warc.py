"""Web archives: every HTML page captured in a WARC file (plain or gzip-compressed) as a ``Document``.

The file is streamed record by record with warcio, so it may be any size; one page is limited by
``max_bytes``. Only ``response`` records with a successful HTTP status and an HTML content type
are read; requests, metadata, revisits, redirects and non-HTML captures are passed over.
``doc_id`` and ``url`` are the record's ``WARC-Target-URI``; ``published_at`` is the date the page
states, else the capture date (``WARC-Date``). A record that cannot be read is an ``InputError``
whose message and ``fields["offset"]`` give its byte offset in the file; when the archive itself is
damaged (the next record cannot be found) reading stops there, with that error.

Importing this module registers ``.warc`` and ``.warc.gz`` with the file reader registry, so
``sitrep ingest crawl.warc.gz`` reads archives like any other file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sitrep.domain import Document
from sitrep.errors import InputError
from sitrep.sources.base import ReadOptions, parse_published, register_reader
from sitrep.sources.safety import HTML_TYPES, charset_of, media_type
from sitrep.sources.web import page_from_html

log = logging.getLogger(__name__)

Item = Document | InputError
_READ_CHUNK = 1 << 16
_DAMAGED = (ArchiveLoadFailed, ValueError, OSError, EOFError, AttributeError, TypeError, KeyError)


def _error(message: str, where: str, offset: int | None, reason: str) -> InputError:
    place = f"record at byte offset {offset}: " if offset is not None else ""
    error = InputError(place + message, path=where, reason=reason)
    error.fields["offset"] = offset
    return error


def _read_limited(stream: object, max_bytes: int) -> bytes | None:
    """The record's payload, or None when it is over ``max_bytes`` (the rest is left for warcio to skip)."""
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(_READ_CHUNK)  # type: ignore[attr-defined]
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > max_bytes:
            return None
        parts.append(chunk)


def read_warc(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """One document per HTML page captured in the archive; see the module notes."""
    where = str(path)
    pages = 0
    expected = 0  # where the next record starts: the end of the one before
    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        iterator = iter(records)
        while True:
            try:
                record = next(iterator)
                capture = _capture(record, opts)
                # warcio knows a record's offset only once the record has been read.
                offset = int(records.get_record_offset())
                expected = offset + int(records.get_record_length())
            except StopIteration:
                break
            except _DAMAGED as exc:
                # warcio meets damaged records with assorted errors. The position of the next record is
                # unknown after a damaged one, so reading this file stops here.
                yield _error(f"damaged archive, reading stops here: {exc}", where, expected, "malformed_warc")
                return
            item = _document(capture, where, offset, opts)
            if item is not None:
                pages += 1
                yield item
    if pages == 0:
        yield InputError("archive holds no HTML pages", path=where, reason="is_empty")


Capture = tuple[str, bytes | None, str | None, str | None]  # (url, body or None when too large, type, date)


def _capture(record: object, opts: ReadOptions) -> Capture | None:
    """What an HTML response record holds, or None for any other record."""
    if record.rec_type != "response":  # type: ignore[attr-defined]
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    http = record.http_headers  # type: ignore[attr-defined]
    if http is None:
        return None  # a response record without HTTP headers (e.g. dns:) holds no page
    status = http.get_statuscode() or ""
    content_type = http.get_header("Content-Type")
    if not status.startswith("2") or media_type(content_type) not in HTML_TYPES:
        return None
    url = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    body = _read_limited(record.content_stream(), opts.max_bytes)  # type: ignore[attr-defined]
    return url, body, content_type, headers.get_header("WARC-Date")


def _document(capture: Capture | None, where: str, offset: int, opts: ReadOptions) -> Item | None:
    if capture is None:
        return None
    url, body, content_type, warc_date = capture
    if not url:
        return _error("response record has no WARC-Target-URI", where, offset, "missing_field")
    if body is None:
        return _error(f"page {url} is over the limit of {opts.max_bytes:,} bytes", where, offset, "too_large")
    captured = parse_published(warc_date) or opts.published
    page = page_from_html(body, url, charset=charset_of(content_type), published=captured,
                          origin=f"{where}@{offset}")
    if isinstance(page, InputError):
        return _error(f"page {url}: {page.detail}", where, offset, page.reason)
    return page.document


register_reader((".warc", ".warc.gz"), read_warc, replace=False)
