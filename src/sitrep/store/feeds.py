"""What the watch loop remembers between polls and restarts: feed validators and every URL fetched.

``feeds`` keeps, per feed, the ETag and Last-Modified of its last answer (for conditional requests)
and how its polls went; ``fetched_urls`` keeps every item URL fetched once, stored or refused, so a
restarted watch never fetches it again. A URL that failed for a passing reason (time-out, server
error, dropped connection) is marked ``retry`` and tried once more on a later poll; a second failure,
or a lasting reason (robots.txt, blocked address, wrong content type...), marks it ``failed``.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update

from sitrep.sources.feeds import FeedState
from sitrep.store.convert import now
from sitrep.store.models import Feed, FetchedUrl
from sitrep.store.repository import Store

TRANSIENT_REASONS = frozenset({"timeout", "connection_error", "truncated", "http_status", "dns_error"})
DONE_STATUSES = frozenset({"stored", "duplicate", "failed", "skipped"})
_URL_MAX = 2048
_CHUNK = 500


class FeedStore:
    """Feed state and fetched URLs in a :class:`~sitrep.store.Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # feeds -------------------------------------------------------------------------------------
    def get_state(self, url: str) -> FeedState:
        """The state of the last poll, or a fresh state for a feed never polled."""
        with self.store.session() as s:
            row = s.scalar(select(Feed).where(Feed.url == url[:_URL_MAX]))
            if row is None:
                return FeedState(url)
            return FeedState(url, row.etag, row.last_modified, row.title)

    def save_state(self, state: FeedState, *, status: int | None = None, error: str | None = None,
                   items: int = 0) -> None:
        """Record a poll: the new validators on success, else the error and one more failure in a row."""
        with self.store.session.begin() as s:
            row = self._feed(s, state.url)
            row.last_polled_at, row.last_status = now(), status
            if error is None:
                row.etag, row.last_modified = state.etag, state.last_modified
                row.title = state.title or row.title
                row.last_error, row.consecutive_failures = None, 0
                row.items_seen = (row.items_seen or 0) + items
            else:
                row.last_error = error[:4000]
                row.consecutive_failures = (row.consecutive_failures or 0) + 1

    def feeds(self) -> list[Feed]:
        with self.store.session() as s:
            return list(s.scalars(select(Feed).order_by(Feed.id)))

    @staticmethod
    def _feed(s, url: str) -> Feed:  # type: ignore[no-untyped-def]
        row = s.scalar(select(Feed).where(Feed.url == url[:_URL_MAX]))
        if row is None:
            row = Feed(url=url[:_URL_MAX], consecutive_failures=0, items_seen=0)
            s.add(row)
            s.flush()
        return row

    # fetched urls ------------------------------------------------------------------------------
    def seen(self, url: str) -> bool:
        """Whether the URL needs no further fetch (stored, duplicate, or failed for good)."""
        return url in self.seen_many([url])

    def seen_many(self, urls: Iterable[str]) -> set[str]:
        """The URLs among ``urls`` that need no further fetch."""
        wanted = list(dict.fromkeys(u[:_URL_MAX] for u in urls))
        done: set[str] = set()
        with self.store.session() as s:
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i:i + _CHUNK]
                done.update(s.scalars(select(FetchedUrl.url).where(FetchedUrl.url.in_(chunk),
                                                                   FetchedUrl.status.in_(DONE_STATUSES))))
        return done

    def mark(self, url: str, status: str, content_hash: str | None = None, reason: str | None = None, *,
             feed_url: str | None = None) -> str:
        """Record a fetch; ``status`` is ``stored``, ``duplicate``, ``skipped`` or ``failed``.

        A failure for a passing reason is kept as ``retry`` the first time. Returns the status saved.
        """
        key = url[:_URL_MAX]
        with self.store.session.begin() as s:
            row = s.scalar(select(FetchedUrl).where(FetchedUrl.url == key))
            first_try = row is None or row.status != "retry"
            if status == "failed" and (reason or "") in TRANSIENT_REASONS and first_try:
                status = "retry"
            feed_id = self._feed(s, feed_url).id if feed_url else None
            if row is None:
                row = FetchedUrl(url=key, feed_id=feed_id, fetched_at=now(), status=status)
                s.add(row)
            row.fetched_at, row.status = now(), status
            row.content_hash, row.reason = content_hash, (reason or None)
            if feed_id is not None:
                row.feed_id = feed_id
        return status

    def forget(self, url: str) -> None:
        """Let a URL be fetched again (after a fix, or to refresh a page)."""
        with self.store.session.begin() as s:
            s.execute(update(FetchedUrl).where(FetchedUrl.url == url[:_URL_MAX]).values(status="retry"))
