"""A real HTTP server on 127.0.0.1 for the tests of web pages, feeds and the watch loop.

``LocalServer`` serves whatever routes a test sets (faults included: slow answers, 500s, truncated bodies, gzip
bombs) and counts every hit. The ``server`` fixture (conftest.py) starts one per test.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


def send(h: BaseHTTPRequestHandler, body: bytes | str = b"", status: int = 200,
         content_type: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None) -> None:
    data = body.encode("utf-8") if isinstance(body, str) else body
    h.send_response(status)
    if content_type:
        h.send_header("Content-Type", content_type)
    for key, value in (headers or {}).items():
        h.send_header(key, value)
    if "Content-Length" not in (headers or {}):
        h.send_header("Content-Length", str(len(data)))
    h.end_headers()
    h.wfile.write(data)


def page(body: str, status: int = 200, **kwargs: object) -> Handler:
    return lambda h: send(h, body, status, **kwargs)  # type: ignore[arg-type]


class LocalServer:
    """An HTTP/1.0 server in a thread; ``routes`` maps a path to a handler, ``hits`` counts requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.headers: dict[str, list[dict[str, str]]] = {}
        server = self

        class _Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                server.hits[path] += 1
                server.headers.setdefault(path, []).append(dict(self.headers))
                route = server.routes.get(path)
                try:
                    if route is None:
                        send(self, "not here", 404, "text/plain")
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a time-out test)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def conditional(self, path: str, body: bytes | str, etag: str,
                    content_type: str = "application/rss+xml") -> None:
        """Serve ``body`` with an ETag; a request that already has it gets 304 (and is counted)."""
        def handler(h: BaseHTTPRequestHandler) -> None:
            if h.headers.get("If-None-Match") == etag:
                self.not_modified[path] += 1
                h.send_response(304)
                h.send_header("ETag", etag)
                h.end_headers()
                return
            send(h, body, 200, content_type, {"ETag": etag})
        self.routes[path] = handler

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
