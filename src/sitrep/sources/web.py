"""Web pages: fetch one URL and turn it into a ``Document``.

The main text comes from trafilatura (comments excluded), with the page's title, site name, author
and publication date; scripts and styles are removed before any parser sees the page, so their
content never reaches the text. ``doc_id`` and ``url`` are the URL after redirects; ``outlet`` is
the site name the page declares, else its host name.

Encoding, in order of trust: a byte-order mark, the charset of the HTTP header, the charset the
page declares, UTF-8, then Windows-1252 (what browsers assume for undeclared Western pages), so a
page with a wrong or missing declaration still reads, with at worst a few replaced characters.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from sitrep.domain import Document
from sitrep.errors import InputError
from sitrep.sources.base import clean_field, has_visible_text, parse_published, sniff_bom

# The HTML cleaning and extraction steps are shared with the file reader, so a saved page and the
# same page fetched live give the same document.
from sitrep.sources.files import html_to_text
from sitrep.sources.http import HttpClient, host_of
from sitrep.sources.safety import HTML_TYPES

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class WebPage:
    """A fetched page: the document, plus metadata ``Document`` has no field for."""

    document: Document
    author: str | None = None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def decode_html(body: bytes, header_charset: str | None = None) -> str:
    """The text of an HTML page whatever its declared (or mis-declared) encoding; see the module notes."""
    codec, bom_len = sniff_bom(body[:4])
    if codec:
        return body[bom_len:].decode(codec.replace("-sig", ""), errors="replace")
    declared = _META_CHARSET.search(body[:4096])
    meta = _codec(declared.group(1).decode("ascii")) if declared else None
    candidates = [_codec(header_charset), meta, "utf-8"]
    for name in dict.fromkeys(c for c in candidates if c):
        try:
            return body.decode(name)
        except UnicodeDecodeError:
            continue
    return body.decode("cp1252", errors="replace")


def page_from_html(body: bytes, url: str, *, charset: str | None = None, published: datetime | None = None,
                   origin: str | None = None) -> WebPage | InputError:
    """A page's document from its bytes; ``published`` is used when the page gives no date."""
    text, title, meta = html_to_text(decode_html(body, charset), url)
    if not has_visible_text(text):
        return InputError("page has no visible text", path=origin or url, reason="is_empty")
    date = parse_published(meta.get("date")) or published
    outlet = clean_field(meta.get("sitename")) or host_of(url) or None
    doc = Document(doc_id=url, text=text, title=title, url=url, outlet=outlet, published_at=date,
                   language=clean_field(meta.get("language")), origin=origin or url)
    return WebPage(doc, clean_field(meta.get("author")))


def fetch_page(client: HttpClient, url: str, *, published: datetime | None = None) -> WebPage:
    """Fetch an HTML page and read it; raises ``InputError`` (see :mod:`.safety`) when it cannot be had."""
    answer = client.get(url, accept=HTML_TYPES)
    page = page_from_html(answer.body, answer.url, charset=answer.charset, published=published)
    if isinstance(page, InputError):
        raise page
    return page


class WebSource:
    """The ``Source`` for a list of page URLs."""

    name = "web"

    def __init__(self, urls: Iterable[str], client: HttpClient) -> None:
        self.urls = list(urls)
        self.client = client

    def documents(self) -> Iterator[Document | InputError]:
        for url in self.urls:
            try:
                yield fetch_page(self.client, url).document
            except InputError as exc:
                yield exc
