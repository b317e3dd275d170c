"""Web pages, the HTTP client and the URL policy, against a real HTTP server on 127.0.0.1.

The server (``LocalServer`` in localhttp.py, the ``server`` fixture) serves whatever routes a test sets, counts
every hit, and answers faults on purpose: slow answers, 500s, truncated bodies, gzip bombs.
Nothing here touches the internet; addresses other than loopback are only ever resolved.
"""

from __future__ import annotations

import gzip
import io
import time
from collections import Counter
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from localhttp import LocalServer, page, send
from sitrep.domain import Document
from sitrep.errors import InputError
from sitrep.sources import warc as warc_module
from sitrep.sources.files import iter_documents
from sitrep.sources.http import HttpClient
from sitrep.sources.safety import address_problem, check_url
from sitrep.sources.web import decode_html, fetch_page


def client(**kwargs: object) -> HttpClient:
    options: dict[str, object] = {"allow_private": True, "min_interval": 0.0, "timeout": 5.0,
                                  "sleep": lambda _s: None}
    options.update(kwargs)
    return HttpClient(**options)  # type: ignore[arg-type]


ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Blast kills five in Quetta | Frontier Post</title>
<meta property="og:site_name" content="Frontier Post">
<meta name="author" content="Amina Baloch">
<meta property="article:published_time" content="2024-05-06T09:30:00+05:00">
<style>.x { color: red } body::after { content: "STYLE-LEAK" }</style>
<script>var tracker = "SCRIPT-LEAK"; document.write("SCRIPT-LEAK-2");</script>
</head><body><nav><a href="/">Home</a></nav>
<article><h1>Blast kills five in Quetta</h1>
<p>QUETTA: Five people were killed and twelve wounded when a bomb planted on a motorcycle exploded near a
crowded market in Quetta on Monday morning, police said.</p>
<p>The bomb was detonated remotely as a police patrol passed, a senior police officer told reporters at
the scene. Rescue workers took the wounded to the civil hospital, where three were in critical condition.</p>
<script>console.log("SCRIPT-LEAK-3")</script>
<p>No group has claimed responsibility for the attack so far, and an investigation has been opened.</p>
</article></body></html>"""


# --------------------------------------------------------------------------- pages


def test_page_after_redirect_keeps_metadata_and_drops_scripts(server: LocalServer) -> None:
    server.routes["/story"] = page(ARTICLE)
    server.routes["/old"] = lambda h: send(h, "", 301, headers={"Location": "/story"})
    with client() as c:
        result = fetch_page(c, server.url("/old"))
    doc = result.document
    assert doc.doc_id == doc.url == server.url("/story")
    assert "Five people were killed" in doc.text
    assert "LEAK" not in doc.text
    assert doc.title and "Blast kills five in Quetta" in doc.title
    assert doc.outlet == "Frontier Post"
    assert result.author == "Amina Baloch"
    assert doc.published_at is not None and doc.published_at.date().isoformat() == "2024-05-06"
    assert server.hits["/old"] == 1 and server.hits["/story"] == 1


def test_user_agent_names_sitrep_and_robots_is_read_once(server: LocalServer) -> None:
    server.routes["/a"] = page(ARTICLE)
    server.routes["/b"] = page(ARTICLE.replace("Five", "Six"))
    server.routes["/private/c"] = page(ARTICLE)
    server.routes["/robots.txt"] = page("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    with client() as c:
        fetch_page(c, server.url("/a"))
        fetch_page(c, server.url("/b"))
        with pytest.raises(InputError) as info:
            fetch_page(c, server.url("/private/c"))
    assert info.value.reason == "robots"
    assert server.hits["/robots.txt"] == 1
    assert server.hits["/private/c"] == 0
    assert server.headers["/a"][0]["User-Agent"].startswith("sitrep/")


def test_min_interval_between_requests_to_one_host(server: LocalServer) -> None:
    server.routes["/a"] = page(ARTICLE)
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    with client(min_interval=2.0, clock=lambda: now[0], sleep=sleep, respect_robots=False) as c:
        c.get(server.url("/a"))
        c.get(server.url("/a"))
        c.get(server.url("/a"))
    assert waits == [pytest.approx(2.0), pytest.approx(2.0)]


def test_server_errors_are_retried_with_backoff(server: LocalServer) -> None:
    calls = Counter[str]()

    def flaky(h: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        if calls["n"] < 3:
            send(h, "busy", 503, "text/plain")
        else:
            send(h, ARTICLE)

    server.routes["/flaky"] = flaky
    server.routes["/broken"] = page("boom", 500, content_type="text/plain")
    waits: list[float] = []
    with client(sleep=waits.append, backoff=0.25, respect_robots=False) as c:
        assert "Quetta" in fetch_page(c, server.url("/flaky")).document.text
        assert waits == [0.25, 0.5]
        with pytest.raises(InputError) as info:
            c.get(server.url("/broken"))
    assert info.value.reason == "http_status"
    assert server.hits["/broken"] == 3  # bounded: three tries, then the error


def test_not_found_is_not_retried(server: LocalServer) -> None:
    with client(respect_robots=False) as c, pytest.raises(InputError) as info:
        c.get(server.url("/missing"))
    assert info.value.reason == "http_status"
    assert server.hits["/missing"] == 1


def test_slow_server_times_out(server: LocalServer) -> None:
    def slow(h: BaseHTTPRequestHandler) -> None:
        time.sleep(1.0)
        send(h, ARTICLE)

    server.routes["/slow"] = slow
    started = time.monotonic()
    with client(timeout=0.3, retries=2, respect_robots=False) as c, pytest.raises(InputError) as info:
        c.get(server.url("/slow"))
    assert info.value.reason == "timeout"
    assert server.hits["/slow"] == 2
    assert time.monotonic() - started < 1.5


def test_truncated_body_is_an_error(server: LocalServer) -> None:
    def cut(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "5000")
        h.end_headers()
        h.wfile.write(ARTICLE.encode()[:300])
        h.wfile.flush()
        h.close_connection = True

    server.routes["/cut"] = cut
    with client(retries=1, respect_robots=False) as c, pytest.raises(InputError) as info:
        c.get(server.url("/cut"))
    assert info.value.reason == "truncated"


def test_gzip_bomb_stops_at_the_limit(server: LocalServer) -> None:
    bomb = gzip.compress(b"<p>" + b"A" * (64 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 200_000
    server.routes["/bomb"] = lambda h: send(h, bomb, headers={"Content-Encoding": "gzip"})
    server.routes["/small"] = lambda h: send(h, gzip.compress(ARTICLE.encode()),
                                              headers={"Content-Encoding": "gzip"})
    with client(max_bytes=1024 * 1024, respect_robots=False) as c:
        with pytest.raises(InputError) as info:
            c.get(server.url("/bomb"))
        assert info.value.reason == "too_large"
        assert "decompressed" in info.value.detail
        assert c.get(server.url("/small")).body == ARTICLE.encode()


def test_size_and_content_type_limits(server: LocalServer) -> None:
    server.routes["/big"] = page("x" * 300_000)
    server.routes["/pdf"] = page("%PDF-1.4", content_type="application/pdf")
    with client(max_bytes=100_000, respect_robots=False) as c:
        with pytest.raises(InputError) as info:
            c.get(server.url("/big"))
        assert info.value.reason == "too_large"
        with pytest.raises(InputError) as info:
            fetch_page(c, server.url("/pdf"))
        assert info.value.reason == "bad_content_type"


def test_redirect_loop_is_cut(server: LocalServer) -> None:
    def hop(h: BaseHTTPRequestHandler) -> None:
        send(h, "", 302, headers={"Location": f"/r{int(h.path[2:]) + 1}"})

    for i in range(10):
        server.routes[f"/r{i}"] = hop
    with client(respect_robots=False) as c, pytest.raises(InputError) as info:
        c.get(server.url("/r0"))
    assert info.value.reason == "too_many_redirects"
    assert server.hits["/r6"] == 0


def test_conditional_request_gets_304(server: LocalServer) -> None:
    server.conditional("/feed", "<rss version='2.0'><channel><title>t</title></channel></rss>", '"v1"')
    with client(respect_robots=False) as c:
        first = c.get(server.url("/feed"))
        again = c.get(server.url("/feed"), etag=first.etag)
    assert first.etag == '"v1"' and not first.not_modified
    assert again.not_modified and again.body == b""
    assert server.not_modified["/feed"] == 1


@pytest.mark.parametrize(("body", "charset", "expected"), [
    ("Café in Peshāwar".encode("cp1252", errors="replace"), None, "Café"),  # undeclared, not UTF-8
    ("Café crème".encode("latin-1"), "utf-8", "Café crème"),  # declared wrongly
    ("Karachi — ‘quoted’".encode(), None, "Karachi — ‘quoted’"),  # undeclared UTF-8
    ("کراچی میں دھماکہ".encode("utf-16"), None, "کراچی میں دھماکہ"),  # BOM wins
    ("Gwadar".encode("ascii"), "no-such-charset", "Gwadar"),  # unknown charset name
])
def test_wrong_or_missing_encodings(body: bytes, charset: str | None, expected: str) -> None:
    assert expected in decode_html(body, charset)


def test_page_with_wrong_encoding_is_read(server: LocalServer) -> None:
    html = ARTICLE.replace("Quetta on Monday", "Quetta’s café on Monday")
    html = html.replace('<meta charset="utf-8">', "")
    server.routes["/latin"] = lambda h: send(h, html.encode("cp1252"), content_type="text/html")
    with client(respect_robots=False) as c:
        doc = fetch_page(c, server.url("/latin")).document
    assert "Quetta’s café on Monday" in doc.text


# --------------------------------------------------------------------------- the URL policy


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://localhost/", "http://10.1.2.3/feed", "http://[::1]/", "http://192.168.0.10/",
    "http://169.254.169.254/latest/meta-data/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/",
    "http://100.64.1.1/", "http://224.0.0.1/", "http://[fe80::1]/", "http://[fd00::1]/",
])
def test_private_addresses_are_refused_without_connecting(url: str) -> None:
    with pytest.raises(InputError) as info:
        check_url(url)
    assert info.value.reason == "blocked_address"
    with HttpClient(min_interval=0) as c, pytest.raises(InputError) as info:
        c.get(url)
    assert info.value.reason == "blocked_address"
    assert c.requests == 0  # refused before any request was sent


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/", "http://",
                                 "http://user:pw@example.org/", "javascript:alert(1)"])
def test_other_schemes_and_credentials_are_refused(url: str) -> None:
    with pytest.raises(InputError) as info:
        check_url(url)
    assert info.value.reason == "bad_url"


def test_address_classification() -> None:
    assert address_problem("8.8.8.8") is None
    assert address_problem("2001:4860:4860::8888") is None
    assert address_problem("127.0.0.1") == "loopback"
    assert address_problem("::ffff:10.0.0.1") == "private (inside IPv6)"
    assert address_problem("64:ff9b::7f00:1") == "loopback (inside IPv6)"


def test_redirect_to_loopback_is_refused() -> None:
    """A public host that redirects to 127.0.0.1: the second hop is refused (no socket is ever opened)."""
    def public(host: str, port: int) -> list[str]:
        return {"news.example": ["8.8.8.8"]}.get(host) or [host]

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:9/admin"})

    with HttpClient(min_interval=0, respect_robots=False, resolver=public,
                    transport=httpx.MockTransport(answer)) as c, pytest.raises(InputError) as info:
        c.get("http://news.example/story")
    assert info.value.reason == "blocked_address"
    assert "127.0.0.1" in str(info.value)


def test_dns_answer_that_changes_is_checked_at_connect_time(server: LocalServer) -> None:
    """DNS rebinding: the name looks public when checked, then points at loopback when connecting."""
    answers = iter([["8.8.8.8"], ["127.0.0.1"]])
    port = int(server.base.rsplit(":", 1)[1])

    def rebinding(host: str, _port: int) -> list[str]:
        return next(answers, ["127.0.0.1"])

    with HttpClient(min_interval=0, respect_robots=False, retries=1, resolver=rebinding) as c, \
            pytest.raises(InputError) as info:
        c.get(f"http://rebind.example:{port}/")
    assert info.value.reason == "blocked_address"
    assert sum(server.hits.values()) == 0


# --------------------------------------------------------------------------- WARC archives


def _warc(path: Path, records: list[tuple[str, str, bytes, str, str]]) -> None:
    """Write (uri, content type, body, http status, warc date) response records, plus a request record."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for uri, ctype, body, status, when in records:
            http_headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                            http_headers=http_headers, warc_headers_dict={"WARC-Date": when})
            writer.write_record(rec)
        request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        req = writer.create_warc_record("http://news.example/a", "request", payload=request)
        writer.write_record(req)


def _simple(title: str, text: str) -> bytes:
    head = f"<head><title>{title}</title><script>var leak='SCRIPT-LEAK'</script></head>"
    return f"<html>{head}<body><article><p>{text}</p></article></body></html>".encode()


def test_warc_pages_become_documents(tmp_path: Path) -> None:
    assert ".warc.gz" in warc_module.__doc__  # type: ignore[operator]
    path = tmp_path / "crawl.warc.gz"
    bannu = _simple("Attack in Bannu", "Militants attacked a police post in Bannu district on Sunday night, "
                                       "killing two policemen, officials said.")
    _warc(path, [
        ("http://news.example/a", "text/html; charset=utf-8", bannu, "200 OK", "2024-03-04T05:06:07Z"),
        ("http://news.example/logo.png", "image/png", b"\x89PNG....", "200 OK", "2024-03-04T05:06:08Z"),
        ("http://news.example/gone", "text/html", b"<p>gone</p>", "404 Not Found", "2024-03-04T05:06:09Z"),
        ("http://news.example/b", "text/html", ARTICLE.encode(), "200 OK", "2024-05-07T00:00:00Z"),
    ])
    items = list(iter_documents([path]))
    docs = [i for i in items if isinstance(i, Document)]
    assert [i for i in items if isinstance(i, InputError)] == []
    assert [d.doc_id for d in docs] == ["http://news.example/a", "http://news.example/b"]
    assert docs[0].url == "http://news.example/a"
    assert docs[0].published_at == datetime(2024, 3, 4, 5, 6, 7, tzinfo=UTC)  # the capture date
    # the date the page states wins over the capture date
    assert docs[1].published_at is not None and docs[1].published_at.date().isoformat() == "2024-05-06"
    assert all("LEAK" not in d.text for d in docs)
    assert "Bannu" in docs[0].text


def test_damaged_warc_reports_the_record_offset(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    one = _simple("One", "Gunmen killed a shopkeeper in Quetta.")
    _warc(path, [("http://news.example/a", "text/html", one, "200 OK", "2024-03-04T05:06:07Z")])
    good = path.stat().st_size
    with path.open("ab") as fh:
        fh.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nnot a record at all")
    items = list(iter_documents([path]))
    assert isinstance(items[0], Document)
    errors = [i for i in items if isinstance(i, InputError)]
    assert errors and errors[0].reason == "malformed_warc"
    offset = errors[0].fields["offset"]
    # warcio counts a record's length without the blank lines that close it
    assert isinstance(offset, int) and good - 8 <= offset <= good
    assert f"offset {offset}" in str(errors[0])
