"""The live watch: poll feeds, fetch the pages they link to, store them, extract and link events.

One cycle (:func:`poll_once`) polls every feed conditionally (an unchanged feed costs a 304),
fetches each listed page that was never fetched before, stores it (same text, same document), then
runs extraction and linking over everything pending (:func:`sitrep.pipeline.run_pending`). Every
fault (a feed or page that cannot be had, a page without text, a bug met on odd input) is recorded
in ``failures`` and the cycle goes on. :func:`watch` repeats cycles and logs one line per cycle.
Feed validators and fetched URLs live in the database, so a restarted watch resumes where the
last one stopped and fetches nothing it already has.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.domain import Document
from sitrep.errors import InputError
from sitrep.pipeline.run import run_pending
from sitrep.sources.feeds import DEFAULT_MAX_ITEMS, FeedItem, looks_like_feed, parse_feed, poll_feed
from sitrep.sources.http import HttpClient
from sitrep.sources.safety import FEED_TYPES, HTML_TYPES, LENIENT_FEED_TYPES
from sitrep.sources.web import fetch_page, page_from_html
from sitrep.store import Store
from sitrep.store.feeds import FeedStore

if TYPE_CHECKING:
    from sitrep.extract.base import Extractor

log = logging.getLogger(__name__)


@dataclass(slots=True)
class CycleResult:
    """Counts of one cycle (or, summed, of a whole watch)."""

    cycle: int = 0
    feeds: int = 0
    unchanged: int = 0  # feeds that answered 304
    items: int = 0  # entries listed by the feeds that changed (up to the per-feed limit)
    fetched: int = 0  # pages fetched
    new_documents: int = 0
    duplicates: int = 0
    new_events: int = 0
    errors: int = 0
    requests: int = 0
    seconds: float = 0.0
    run_id: int | None = None  # the run of this cycle; its failures are in ``failures``

    def line(self) -> str:
        """The one log line of a cycle."""
        return (f"cycle {self.cycle}: {self.feeds} feed(s), {self.unchanged} unchanged; "
                f"{self.fetched} page(s) fetched, {self.new_documents} new document(s), "
                f"{self.new_events} new event(s), "
                f"{self.errors} error(s), {self.requests} request(s) in {self.seconds:.1f} s")

    def add(self, other: CycleResult) -> None:
        for f in dataclasses.fields(self):
            if f.name not in ("cycle", "run_id"):
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        self.cycle, self.run_id = other.cycle, other.run_id


class _Cycle:
    """The state of one cycle: store, client, run and counts."""

    def __init__(self, store: Store, client: HttpClient, result: CycleResult, run_id: int) -> None:
        self.store, self.client, self.result, self.run_id = store, client, result, run_id
        self.urls = FeedStore(store)

    def fault(self, error: InputError | Exception, where: str, *, stage: str = "fetch") -> InputError:
        """Record a fault in ``failures`` and count it."""
        if not isinstance(error, InputError):
            log.error("unexpected fault on %s", where, exc_info=error)
            error = InputError(f"unexpected fault: {type(error).__name__}: {error}", path=where,
                               reason="internal_error")
        self.result.errors += 1
        self.store.record_failure(self.run_id, stage, error)
        log.info("%s", error)
        return error

    def store_document(self, doc: Document, url: str, feed_url: str | None) -> None:
        new, _ = self.store.add_documents([doc], self.run_id)
        status = "stored" if new else "duplicate"
        self.result.new_documents += new
        self.result.duplicates += 1 - new
        self.urls.mark(url, status, doc.content_hash, feed_url=feed_url)
        if doc.url and doc.url != url:  # reached by a redirect: the final address is known too
            self.urls.mark(doc.url, status, doc.content_hash, feed_url=feed_url)

    def fetch_items(self, items: Iterable[FeedItem], feed_url: str | None) -> None:
        listed = list(items)
        done = self.urls.seen_many(i.link for i in listed)
        for item in listed:
            if item.link in done:
                continue
            done.add(item.link)
            self.result.fetched += 1
            try:
                page = fetch_page(self.client, item.link, published=item.published)
            except InputError as exc:
                self.fault(exc, item.link)
                self.urls.mark(item.link, "failed", reason=exc.reason, feed_url=feed_url)
                continue
            except Exception as exc:  # noqa: BLE001 - one odd page must not stop the watch
                err = self.fault(exc, item.link)
                self.urls.mark(item.link, "failed", reason=err.reason, feed_url=feed_url)
                continue
            doc = dataclasses.replace(page.document, origin=feed_url or page.document.url)
            self.store_document(doc, item.link, feed_url)

    def poll(self, feed_url: str, max_items: int) -> None:
        state = self.urls.get_state(feed_url)
        try:
            polled = poll_feed(self.client, state, max_items=max_items)
        except InputError as exc:
            self.fault(exc, feed_url, stage="feed")
            self.urls.save_state(state, status=exc.fields.get("status"), error=str(exc))  # type: ignore[arg-type]
            return
        except Exception as exc:  # noqa: BLE001 - one odd feed must not stop the watch
            err = self.fault(exc, feed_url, stage="feed")
            self.urls.save_state(state, error=str(err))
            return
        if polled.not_modified:
            self.result.unchanged += 1
            self.urls.save_state(polled.state, status=304)
            return
        self.result.items += len(polled.items)
        self.fetch_items(polled.items, feed_url)
        # Saved after the items, so a cycle cut short polls the feed again rather than skip its items.
        self.urls.save_state(polled.state, status=polled.status, items=len(polled.items))


def _run_cycle(store: Store, client: HttpClient, extractor: Extractor | None, *, kind: str, args: dict,
               work: Callable[[_Cycle], None], cycle: int = 1) -> CycleResult:
    started = time.monotonic()
    before = client.requests
    result = CycleResult(cycle=cycle)
    run_id = result.run_id = store.start_run(kind, args)
    status = "interrupted"
    try:
        work(_Cycle(store, client, result, run_id))
        if extractor is not None and result.new_documents:
            ran = run_pending(store, extractor)
            result.new_events += ran.new_events
            result.errors += ran.failed
        status = "ok" if not result.errors else "partial"
    finally:
        result.requests = client.requests - before
        result.seconds = time.monotonic() - started
        store.finish_run(run_id, status, {k: v for k, v in dataclasses.asdict(result).items()
                                             if k not in ("seconds", "run_id")})
    return result


def poll_once(store: Store, feeds: Iterable[str], extractor: Extractor | None, *, allow_private: bool = False,
              client: HttpClient | None = None, max_items: int = DEFAULT_MAX_ITEMS,
              cycle: int = 1) -> CycleResult:
    """One pass over ``feeds``: new pages stored, then extracted and linked (unless ``extractor`` is None)."""
    feed_list = list(dict.fromkeys(feeds))
    own = client is None
    client = client or HttpClient(allow_private=allow_private)
    try:
        def work(c: _Cycle) -> None:
            c.result.feeds = len(feed_list)
            for url in feed_list:
                c.poll(url, max_items)

        return _run_cycle(store, client, extractor, kind="watch", args={"feeds": len(feed_list)}, work=work,
                          cycle=cycle)
    finally:
        if own:
            client.close()


def fetch_once(store: Store, urls: Iterable[str], extractor: Extractor | None, *, allow_private: bool = False,
               client: HttpClient | None = None, max_items: int = DEFAULT_MAX_ITEMS) -> CycleResult:
    """Fetch each URL once, whatever it is: a page is stored, a feed has its new pages stored."""
    url_list = list(dict.fromkeys(urls))
    own = client is None
    client = client or HttpClient(allow_private=allow_private)
    try:
        def work(c: _Cycle) -> None:
            for url in url_list:
                _fetch_any(c, url, max_items)

        return _run_cycle(store, client, extractor, kind="fetch", args={"urls": url_list[:100]}, work=work)
    finally:
        if own:
            client.close()


def _fetch_any(c: _Cycle, url: str, max_items: int) -> None:
    try:
        answer = c.client.get(url, accept=HTML_TYPES | FEED_TYPES | LENIENT_FEED_TYPES)
        if answer.content_type in HTML_TYPES and not looks_like_feed(answer.body):
            c.result.fetched += 1
            page = page_from_html(answer.body, answer.url, charset=answer.charset)
            if isinstance(page, InputError):
                raise page
            c.store_document(page.document, url, None)
            return
        feed = parse_feed(answer.body, url, max_items=max_items)
    except Exception as exc:  # noqa: BLE001 - InputError and odd input alike are recorded, and the batch goes on
        err = c.fault(exc, url)
        c.urls.mark(url, "failed", reason=err.reason)
        return
    c.result.feeds += 1
    c.result.items += len(feed.items)
    c.fetch_items(feed.items, url)


def watch(store: Store, feeds: Iterable[str], extractor: Extractor | None, *, every_seconds: float,
          cycles: int | None = None, allow_private: bool = False, client: HttpClient | None = None,
          max_items: int = DEFAULT_MAX_ITEMS, sleep: Callable[[float], None] = time.sleep,
          report: Callable[[CycleResult], None] | None = None) -> CycleResult:
    """Poll ``feeds`` every ``every_seconds`` (``cycles`` times, or until interrupted); returns the totals."""
    feed_list = list(dict.fromkeys(feeds))
    own = client is None
    client = client or HttpClient(allow_private=allow_private)
    total = CycleResult()
    cycle = 0
    try:
        while cycles is None or cycle < cycles:
            cycle += 1
            result = poll_once(store, feed_list, extractor, client=client, max_items=max_items, cycle=cycle)
            log.info("%s", result.line())
            if report is not None:
                report(result)
            total.add(result)
            if cycles is not None and cycle >= cycles:
                break
            sleep(max(0.0, every_seconds - result.seconds))
    finally:
        if own:
            client.close()
    return total
