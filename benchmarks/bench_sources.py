"""Speed of the sources: dataset import, WARC reading, and a watch cycle over unchanged feeds.

    .venv/bin/python benchmarks/bench_sources.py [--rows 100000] [--pages 2000] [--feeds 50]

1. Import: a generated ACLED-format CSV (``--rows`` rows, in a temporary folder) into a new SQLite
   store through ``import_file`` and ``Store.save_imported``; prints rows/s, then the rate of importing
   the same file again (every row updates its event in place).
2. WARC: a generated ``.warc.gz`` of ``--pages`` small HTML pages read with ``iter_documents``;
   prints pages/s (trafilatura's extraction is most of the cost).
3. Watch: ``--feeds`` feeds (5 items each) on a local HTTP server; one cycle stores everything,
   then a cycle over the unchanged feeds (each answers 304) is timed.
Everything is generated; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import tempfile
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.pipeline.watch import poll_once
from sitrep.sources import warc  # noqa: F401 - registers the .warc.gz reader
from sitrep.sources.files import iter_documents
from sitrep.sources.http import HttpClient
from sitrep.sources.importers import import_file
from sitrep.store import Store

ACTORS = [
    "BLA: Baloch Liberation Army",
    "BLF: Baloch Liberation Front",
    "Military Forces of Pakistan (2022-)",
    "Police Forces of Pakistan (2018-2022) Frontier Corps",
    "Civilians (Pakistan)",
    "Unidentified Armed Group (Pakistan)",
]
PLACES = [
    ("Balochistan", "Kech", "Turbat", 26.0, 63.05),
    ("Balochistan", "Quetta", "Quetta", 30.19, 67.01),
    ("Khyber Pakhtunkhwa", "Bannu", "Bannu", 32.99, 70.6),
    ("Sindh", "Karachi", "Karachi", 24.86, 67.0),
]
TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
]


def make_acled(path: Path, rows: int) -> None:
    rng = random.Random(7)
    header = [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "interaction",
        "civilian_targeting",
        "iso",
        "region",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "source_scale",
        "notes",
        "fatalities",
        "tags",
        "timestamp",
    ]
    start = date(2018, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for i in range(rows):
            day = start + timedelta(days=rng.randrange(2000))
            kind, sub = rng.choice(TYPES)
            admin1, admin2, town, lat, lon = rng.choice(PLACES)
            a1, a2 = rng.sample(ACTORS, 2)
            dead = rng.choice([0, 0, 1, 2, 3, 5])
            notes = (
                f"On {day:%d %B %Y}, {a1.split(':')[0]} attacked {a2.split(' (')[0]} near {town} "
                f"({admin2} district, {admin1}). {dead} people were killed."
            )
            writer.writerow(
                [
                    f"PAK{i + 1}",
                    day.isoformat(),
                    day.year,
                    1,
                    "Political violence",
                    kind,
                    sub,
                    a1,
                    "",
                    2,
                    a2,
                    "",
                    1,
                    12,
                    "",
                    586,
                    "Southern Asia",
                    "Pakistan",
                    admin1,
                    admin2,
                    "",
                    town,
                    f"{lat + rng.uniform(-0.1, 0.1):.4f}",
                    f"{lon + rng.uniform(-0.1, 0.1):.4f}",
                    1,
                    "Dawn; The Express Tribune",
                    "National",
                    notes,
                    dead,
                    "",
                    1700000000,
                ]
            )


def bench_import(folder: Path, rows: int) -> None:
    path = folder / "acled.csv"
    make_acled(path, rows)
    with Store(f"sqlite:///{folder}/import.db") as store:
        started = time.perf_counter()
        result = import_file(store, path)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = import_file(store, path)  # the same export again: every row updates its event
        again_seconds = time.perf_counter() - started
    print(
        f"import: {result.new:,} ACLED rows in {seconds:.2f} s = {result.new / seconds:,.0f} rows/s "
        f"({result.failed} failed); the same file again: {again.updated:,} updated in {again_seconds:.2f} s = "
        f"{again.updated / again_seconds:,.0f} rows/s"
    )


def page(i: int) -> bytes:
    town = PLACES[i % len(PLACES)][2]
    return (
        f"<html><head><title>Report {i}</title><script>var x = {i};</script></head><body><article>"
        f"<h1>Attack near {town}</h1><p>Militants attacked a security post near {town} on Monday, killing "
        f"{i % 7} soldiers, officials said.</p><p>The attack was the {i}th reported this year; police "
        f"registered a case and a search operation was under way.</p></article></body></html>"
    ).encode()


def bench_warc(folder: Path, pages: int) -> None:
    path = folder / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(pages):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    f"http://news.example/{i}",
                    "response",
                    payload=io.BytesIO(page(i)),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": "2024-05-06T10:00:00Z"},
                )
            )
    started = time.perf_counter()
    docs = sum(1 for item in iter_documents([path]) if not isinstance(item, Exception))
    seconds = time.perf_counter() - started
    print(
        f"warc: {docs:,} pages from {path.stat().st_size / 1e6:.1f} MB in {seconds:.2f} s = "
        f"{docs / seconds:,.0f} pages/s"
    )


def bench_watch(folder: Path, feeds: int) -> None:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/feed/"):
                n = int(self.path.rsplit("/", 1)[1])
                etag = f'"f{n}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                items = "".join(f"<item><link>{base}/page/{n}/{k}</link></item>" for k in range(5))
                body = f'<rss version="2.0"><channel><title>Feed {n}</title>{items}</channel></rss>'.encode()
                ctype, extra = "application/rss+xml", {"ETag": etag}
            elif self.path.startswith("/page/"):
                n, k = map(int, self.path.split("/")[2:4])
                body, ctype, extra = page(n * 5 + k), "text/html", {}
            else:
                body, ctype, extra = b"", "text/plain", {}
                self.send_response(404)
            if body:
                self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for key, value in extra.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    urls = [f"{base}/feed/{n}" for n in range(feeds)]
    try:
        with (
            Store(f"sqlite:///{folder}/watch.db") as store,
            HttpClient(allow_private=True, min_interval=0.0) as client,
        ):
            first = poll_once(store, urls, None, client=client)
            second = poll_once(store, urls, None, client=client, cycle=2)
    finally:
        httpd.shutdown()
    print(
        f"watch: first cycle {first.feeds} feeds, {first.new_documents} pages stored "
        f"in {first.seconds:.2f} s; "
        f"unchanged cycle {second.unchanged}/{second.feeds} feeds answered 304, {second.requests} requests "
        f"in {second.seconds:.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=2_000)
    parser.add_argument("--feeds", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        folder = Path(tmp)
        bench_import(folder, args.rows)
        bench_warc(folder, args.pages)
        bench_watch(folder, args.feeds)


if __name__ == "__main__":
    main()
