"""RSS and Atom feeds, and lists of feeds (OPML or plain text).

A feed is fetched by :class:`~sitrep.sources.http.HttpClient` (never by feedparser, which is only
given the bytes), conditionally when an earlier poll left an ETag or Last-Modified value, so an
unchanged feed costs one 304 answer. At most ``max_items`` entries are taken from one feed, in the
order the feed lists them (newest first, by convention); a longer feed is truncated with a warning.
What a poll learned is a :class:`FeedState`, plain data that the caller stores.
"""

from __future__ import annotations

import io
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from sitrep.errors import InputError
from sitrep.sources.base import clean_field, parse_published
from sitrep.sources.http import HttpClient
from sitrep.sources.safety import FEED_TYPES, LENIENT_FEED_TYPES, split_url

log = logging.getLogger(__name__)

DEFAULT_MAX_ITEMS = 500
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_XML_HEAD = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF|opml)\b", re.S | re.I)


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the last poll of a feed learned: validators for the next conditional request."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeedState:
        return cls(url=str(data["url"]), etag=data.get("etag"), last_modified=data.get("last_modified"),
                   title=data.get("title"))


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed."""

    link: str
    title: str | None = None
    published: datetime | None = None
    summary: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    items: tuple[FeedItem, ...]
    total: int  # entries the feed listed (more than ``items`` when truncated)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FeedPoll:
    """The outcome of one poll: the new state, and the entries (none when the feed was unchanged)."""

    state: FeedState
    not_modified: bool
    feed: ParsedFeed | None = None
    status: int = 200
    items: tuple[FeedItem, ...] = field(default=())


def looks_like_feed(body: bytes) -> bool:
    """Whether the bytes start like an RSS, Atom, RDF or OPML document."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf")
    return bool(_XML_HEAD.match(head))


def parse_feed(body: bytes, url: str, *, max_items: int = DEFAULT_MAX_ITEMS) -> ParsedFeed:
    """Entries of an RSS/Atom document; ``InputError`` (``malformed_feed``) when it is not a feed."""
    # A stream, never bytes or str: feedparser would fetch a URL or open a file path given as a string.
    parsed = feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    version = parsed.get("version")
    if not version and not entries:
        problem = parsed.get("bozo_exception")
        raise InputError(f"not an RSS or Atom feed{f': {problem}' if problem else ''}", path=url,
                         reason="malformed_feed")
    warnings: list[str] = []
    if parsed.get("bozo") and entries:
        log.debug("feed %s is not well-formed (%s); read leniently", url, parsed.get("bozo_exception"))
    if len(entries) > max_items:
        message = f"{url}: the feed lists {len(entries):,} items; only the first {max_items:,} are read"
        log.warning("%s", message)
        warnings.append(message)
    items: list[FeedItem] = []
    for entry in entries[:max_items]:
        link = _entry_link(entry, url)
        if link is None:
            continue
        published = None
        for key in ("published_parsed", "updated_parsed"):
            stamp = entry.get(key)
            if stamp:
                published = datetime(*stamp[:6], tzinfo=UTC)
                break
        if published is None:
            published = parse_published(entry.get("published") or entry.get("updated"))
        items.append(FeedItem(link=link, title=clean_field(entry.get("title")), published=published,
                              summary=clean_field(entry.get("summary"))))
    title = clean_field((parsed.get("feed") or {}).get("title"))
    return ParsedFeed(title=title, items=tuple(items), total=len(entries), warnings=tuple(warnings))


def _entry_link(entry: Any, feed_url: str) -> str | None:
    from urllib.parse import urljoin

    candidates = [entry.get("link")]
    candidates += [link.get("href") for link in entry.get("links") or () if link.get("rel", "alternate")
                   == "alternate"]
    guid = entry.get("id")
    if entry.get("guidislink", True) and guid:
        candidates.append(guid)
    for value in candidates:
        if not value or not isinstance(value, str):
            continue
        link = urljoin(feed_url, value.strip())
        try:
            split_url(link)
        except InputError:
            continue
        return link
    return None


def poll_feed(client: HttpClient, state: FeedState, *, max_items: int = DEFAULT_MAX_ITEMS) -> FeedPoll:
    """Fetch a feed conditionally and parse it; raises ``InputError`` when it cannot be had."""
    answer = client.get(state.url, accept=FEED_TYPES | LENIENT_FEED_TYPES, etag=state.etag,
                        last_modified=state.last_modified)
    if answer.not_modified:
        new_state = FeedState(state.url, answer.etag or state.etag,
                              answer.last_modified or state.last_modified, state.title)
        return FeedPoll(new_state, True, status=304)
    feed = parse_feed(answer.body, state.url, max_items=max_items)
    new_state = FeedState(state.url, answer.etag, answer.last_modified, feed.title or state.title)
    return FeedPoll(new_state, False, feed, answer.status, feed.items)


# --------------------------------------------------------------------------- feed lists

def parse_opml(data: bytes, where: str = "<opml>") -> list[str]:
    """Feed URLs (``xmlUrl``) of an OPML outline, in order, without repeats."""
    if _DOCTYPE.search(data[:4096]):
        # Entity declarations are how XML bombs work; OPML never needs them.
        raise InputError("OPML with a DOCTYPE or entity declarations is refused", path=where,
                         reason="malformed_opml")
    try:
        root = ET.fromstring(data)  # noqa: S314 - DTDs refused above, so no entity expansion is possible
    except ET.ParseError as exc:
        raise InputError(f"malformed OPML: {exc}", path=where, reason="malformed_opml") from None
    urls = [node.get("xmlUrl") or node.get("xmlurl") or "" for node in root.iter("outline")]
    return list(dict.fromkeys(u.strip() for u in urls if u.strip()))


def read_feed_list(path: Path) -> list[str]:
    """URLs from an OPML file, or from a text file with one URL per line (``#`` starts a comment)."""
    data = path.read_bytes()
    if path.suffix.lower() in (".opml", ".xml") or data.lstrip()[:200].lower().find(b"<opml") >= 0:
        return parse_opml(data, str(path))
    urls = []
    for raw in data.decode("utf-8-sig", errors="replace").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            urls.append(line)
    return list(dict.fromkeys(urls))


def expand_feed_args(args: Iterable[str]) -> list[str]:
    """Command-line arguments as URLs: a URL stays, a file is read as a feed list."""
    urls: list[str] = []
    for arg in args:
        path = Path(arg)
        if "://" not in arg and path.is_file():
            urls.extend(read_feed_list(path))
        else:
            urls.append(arg)
    return list(dict.fromkeys(urls))
