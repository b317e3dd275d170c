"""The watch loop against a real local HTTP server: new pages, 304s, restarts, faults, huge feeds."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from localhttp import LocalServer, send
from sitrep.errors import InputError
from sitrep.extract.base import get_extractor
from sitrep.pipeline.watch import fetch_once, poll_once, watch
from sitrep.sources.feeds import FeedState, expand_feed_args, parse_feed, parse_opml
from sitrep.sources.http import HttpClient
from sitrep.store import Store
from sitrep.store.feeds import FeedStore

STORIES = [
    "Gunmen killed three policemen at a checkpoint in Dera Ismail Khan on Sunday, officials said.",
    "A roadside bomb killed two soldiers in North Waziristan on Monday, the military said.",
    "Security forces arrested five suspects in a raid in Quetta on Tuesday, police said.",
    "Militants attacked a levies post in Kech district on Wednesday, killing one guard, officials said.",
]


def story(i: int) -> str:
    text = STORIES[i % len(STORIES)]
    return (f"<html><head><title>Story {i}</title><script>var s = 'SCRIPT-LEAK';</script></head><body>"
            f"<article><h1>Story {i}</h1><p>{text}</p><p>Report number {i} from the frontier desk, filed "
            f"with local officials and hospital staff.</p></article></body></html>")


def rss(links: list[str], title: str = "Frontier desk") -> str:
    items = "".join(f"<item><title>Item {n}</title><link>{link}</link>"
                    f"<pubDate>Mon, 06 May 2024 10:{n % 60:02d}:00 +0000</pubDate></item>"
                    for n, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'


@pytest.fixture(scope="module")
def extractor():  # type: ignore[no-untyped-def]
    return get_extractor("rules")


def client(**kwargs: object) -> HttpClient:
    options: dict[str, object] = {"allow_private": True, "min_interval": 0.0, "timeout": 5.0,
                                  "sleep": lambda _s: None, "backoff": 0.0}
    options.update(kwargs)
    return HttpClient(**options)  # type: ignore[arg-type]


def serve_stories(server: LocalServer, count: int) -> list[str]:
    for i in range(count):
        server.routes[f"/news/{i}"] = (lambda n: lambda h: send(h, story(n)))(i)  # noqa: PLC3002
    return [server.url(f"/news/{i}") for i in range(count)]


# --------------------------------------------------------------------------- the loop


def test_new_pages_are_stored_then_an_unchanged_feed_costs_a_304(server: LocalServer, database_url: str,
                                                                  extractor) -> None:  # type: ignore[no-untyped-def]
    links = serve_stories(server, 3)
    server.conditional("/feed.xml", rss(links), '"v1"')
    feed = server.url("/feed.xml")
    with Store(database_url) as store, client() as c:
        first = poll_once(store, [feed], extractor, client=c)
        assert (first.feeds, first.fetched, first.new_documents, first.errors) == (1, 3, 3, 0)
        assert first.new_events >= 2
        docs = {store.document(link).doc_id for link in links}
        assert docs == set(links)
        assert "SCRIPT-LEAK" not in store.document(links[0]).text
        second = poll_once(store, [feed], extractor, client=c)
    assert (second.unchanged, second.fetched, second.new_documents, second.requests) == (1, 0, 0, 1)
    assert server.not_modified["/feed.xml"] == 1
    assert all(server.hits[f"/news/{i}"] == 1 for i in range(3))


def test_a_restarted_watch_fetches_nothing_it_has(server: LocalServer, database_url: str) -> None:
    links = serve_stories(server, 4)
    server.conditional("/feed.xml", rss(links[:3]), '"v1"')
    feed = server.url("/feed.xml")
    with Store(database_url) as store, client() as c:
        assert poll_once(store, [feed], None, client=c).new_documents == 3
    # a new process: new store object on the same database, new client, nothing in memory
    with Store(database_url) as store, client() as c:
        again = poll_once(store, [feed], None, client=c)
        assert (again.unchanged, again.fetched) == (1, 0)
        assert server.headers["/feed.xml"][-1].get("If-None-Match") == '"v1"'
        # the feed changes: only the item never seen is fetched
        server.conditional("/feed.xml", rss(links), '"v2"')
        changed = poll_once(store, [feed], None, client=c)
        assert (changed.unchanged, changed.items, changed.fetched, changed.new_documents) == (0, 4, 1, 1)
        assert FeedStore(store).get_state(feed) == FeedState(feed, '"v2"', None, "Frontier desk")
    assert [server.hits[f"/news/{i}"] for i in range(4)] == [1, 1, 1, 1]


def test_faults_are_recorded_and_the_cycle_goes_on(server: LocalServer, database_url: str) -> None:
    good = serve_stories(server, 1)

    def slow(h):  # type: ignore[no-untyped-def]
        time.sleep(0.6)
        send(h, story(9))

    def cut(h):  # type: ignore[no-untyped-def]
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "9000")
        h.end_headers()
        h.wfile.write(story(8).encode()[:100])
        h.close_connection = True

    server.routes.update({
        "/err": lambda h: send(h, "down", 500, "text/plain"), "/slow": slow, "/cut": cut,
        "/doc.pdf": lambda h: send(h, b"%PDF-1.4", content_type="application/pdf"),
        "/empty": lambda h: send(h, "<html><script>only('SCRIPT-LEAK')</script></html>"),
        "/not-a-feed": lambda h: send(h, "<html><body><p>Just a page, no feed here.</p></body></html>"),
        "/junk.xml": lambda h: send(h, "neither RSS nor Atom", content_type="application/xml"),
    })
    paths = ["/err", "/slow", "/cut", "/doc.pdf", "/empty"]
    # no ETag: the feed answers 200 every time, so its items are looked at on every poll
    server.routes["/feed.xml"] = lambda h: send(h, rss([server.url(p) for p in paths] + good),
                                                content_type="application/rss+xml")
    feeds = [server.url(p) for p in ("/feed.xml", "/missing.xml", "/not-a-feed", "/junk.xml")]
    with Store(database_url) as store, client(timeout=0.3, retries=1) as c:
        first = poll_once(store, feeds, None, client=c)
        assert (first.new_documents, first.errors) == (1, 8)
        reasons = sorted(f.reason for f in store.failures(first.run_id))
        assert reasons == sorted(["http_status", "timeout", "truncated", "bad_content_type", "is_empty",
                                  "http_status", "bad_content_type", "malformed_feed"])
        second = poll_once(store, feeds, None, client=c)
        third = poll_once(store, feeds, None, client=c)
        status = {u.url: u.status for u in _fetched(store)}
    # passing faults are tried once more, lasting ones never
    assert second.fetched == 3 and third.fetched == 0
    assert [server.hits[p] for p in paths] == [2, 2, 2, 1, 1]
    assert status[server.url("/err")] == "failed" and status[good[0]] == "stored"
    assert status[server.url("/doc.pdf")] == "failed"


def _fetched(store: Store) -> list:  # type: ignore[type-arg]
    from sqlalchemy import select

    from sitrep.store.models import FetchedUrl

    with store.session() as s:
        return list(s.scalars(select(FetchedUrl)))


def test_a_feed_of_ten_thousand_items_is_truncated(server: LocalServer, database_url: str,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    server.routes["/p"] = lambda h: send(h, story(int(h.path.split("=")[1])))
    body = rss([server.url(f"/p?n={i}") for i in range(10_000)])
    server.routes["/huge.xml"] = lambda h: send(h, body, content_type="application/rss+xml")
    with caplog.at_level(logging.WARNING), Store(database_url) as store, client() as c:
        result = poll_once(store, [server.url("/huge.xml")], None, client=c, max_items=15)
    assert (result.items, result.fetched, result.new_documents, result.errors) == (15, 15, 15, 0)
    assert any("10,000 items" in r.getMessage() for r in caplog.records)


def test_parse_feed_keeps_the_first_500_items() -> None:
    body = rss([f"http://news.example/{i}" for i in range(10_000)]).encode()
    feed = parse_feed(body, "http://news.example/feed")
    assert len(feed.items) == 500 and feed.total == 10_000 and feed.warnings
    assert feed.items[0].link == "http://news.example/0" and feed.items[0].published is not None


def test_without_allow_private_a_loopback_feed_is_refused(server: LocalServer, database_url: str) -> None:
    server.routes["/feed.xml"] = lambda h: send(h, rss([]), content_type="application/rss+xml")
    with Store(database_url) as store, HttpClient(min_interval=0) as c:
        result = poll_once(store, [server.url("/feed.xml")], None, client=c)
        [failure] = store.failures(result.run_id)
    assert failure.reason == "blocked_address" and result.errors == 1
    assert server.hits["/feed.xml"] == 0


def test_watch_logs_one_line_per_cycle(server: LocalServer, database_url: str,
                                       caplog: pytest.LogCaptureFixture) -> None:
    server.conditional("/feed.xml", rss(serve_stories(server, 2)), '"v1"')
    waits: list[float] = []
    with caplog.at_level(logging.INFO, logger="sitrep.pipeline.watch"), Store(database_url) as store, \
            client() as c:
        total = watch(store, [server.url("/feed.xml")], None, every_seconds=60, cycles=3, client=c,
                      sleep=waits.append)
    lines = [r.getMessage() for r in caplog.records if r.name == "sitrep.pipeline.watch"]
    assert [line.split(":")[0] for line in lines] == ["cycle 1", "cycle 2", "cycle 3"]
    assert len(waits) == 2 and all(0 < w <= 60 for w in waits)
    assert (total.new_documents, total.unchanged, total.errors) == (2, 2, 0)


def test_fetch_once_takes_pages_and_feeds(server: LocalServer, database_url: str) -> None:
    links = serve_stories(server, 3)
    server.routes["/feed.xml"] = lambda h: send(h, rss(links[1:]), content_type="text/xml")
    with Store(database_url) as store, client() as c:
        result = fetch_once(store, [links[0], server.url("/feed.xml"), "ftp://example.org/x"], None, client=c)
    assert (result.new_documents, result.feeds, result.errors) == (3, 1, 1)


# --------------------------------------------------------------------------- feed lists and the CLI


def test_feed_lists_from_opml_and_text(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
                    '<outline text="Pakistan"><outline type="rss" xmlUrl="http://a.example/rss"/>'
                    '<outline type="rss" xmlUrl="http://b.example/atom"/></outline>'
                    '<outline type="rss" xmlUrl="http://a.example/rss"/></body></opml>', encoding="utf-8")
    listing = tmp_path / "feeds.txt"
    listing.write_text("# my feeds\nhttp://c.example/feed\n\nhttp://a.example/rss\n", encoding="utf-8")
    urls = expand_feed_args([str(opml), str(listing), "http://d.example/x"])
    assert urls == ["http://a.example/rss", "http://b.example/atom", "http://c.example/feed",
                    "http://d.example/x"]
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>'
    with pytest.raises(InputError) as info:
        parse_opml(bomb)
    assert info.value.reason == "malformed_opml"


def test_watch_command_runs_cycles(server: LocalServer, tmp_path: Path) -> None:
    from sitrep.interfaces.cli_sources import parse_duration, register

    assert [parse_duration(v) for v in ("90", "30s", "15m", "2h")] == [90, 30, 900, 7200]
    with pytest.raises(typer.BadParameter):
        parse_duration("soon")
    server.conditional("/feed.xml", rss(serve_stories(server, 2)), '"v1"')
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(server.url("/feed.xml") + "\n", encoding="utf-8")
    app = typer.Typer()
    register(app)
    db = f"sqlite:///{tmp_path}/watch.db"
    args = ["watch", str(feeds), "--every", "1s", "--cycles", "1", "--allow-private", "--db", db]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "cycle 1: 1 feed(s)" in result.output and "2 new document(s)" in result.output
    # without --allow-private the loopback server is refused, recorded, and counted in the exit code
    refused = CliRunner().invoke(app, ["fetch", server.url("/news/0"), "--db", db])
    assert refused.exit_code == 1, refused.output
    assert "127.0.0.1" in refused.output and "1 failed" in refused.output
    assert server.hits["/news/0"] == 1  # only the watch above fetched it
