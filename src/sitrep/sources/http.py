"""A small, polite HTTP client for feeds and pages, built on httpx and the rules of :mod:`.safety`.

* **Politeness.** At least ``min_interval`` seconds between two requests to the same host (longer
  when robots.txt asks for a ``Crawl-delay``, up to a minute); robots.txt is read once per host
  (cached for a day) with :mod:`urllib.robotparser`, and a disallowed URL is an ``InputError`` with
  reason ``robots``. A robots.txt that is missing or unreachable allows everything; 401/403 on it
  disallows everything, as :mod:`urllib.robotparser` does.
* **Retries.** Server errors (5xx, 429), time-outs, dropped connections and truncated bodies are
  tried again, ``retries`` tries in all, waiting ``backoff * 2**n`` seconds (or what ``Retry-After``
  asks, up to 30 s) in between. Other 4xx answers are final.
* **Conditional requests.** Given the ``ETag``/``Last-Modified`` of an earlier answer, the server
  can answer 304 and send nothing; :class:`Response` says ``not_modified``.
* **Identity.** The User-Agent names sitrep and its version.

The clock and the sleep function are parameters, so tests run without waiting.
"""

from __future__ import annotations

import logging
import time
import urllib.robotparser
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from sitrep import __version__
from sitrep.errors import InputError
from sitrep.sources.safety import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_REDIRECTS,
    DEFAULT_TIMEOUT,
    GuardedBackend,
    Resolver,
    charset_of,
    check_content_type,
    check_host,
    media_type,
    read_body,
    split_url,
    system_resolver,
)

log = logging.getLogger(__name__)

USER_AGENT = f"sitrep/{__version__} (conflict event monitor; +robots.txt honoured)"
ROBOTS_AGENT = "sitrep"
ROBOTS_MAX_BYTES = 512 * 1024
ROBOTS_TTL = 24 * 3600.0
MAX_CRAWL_DELAY = 60.0
MAX_RETRY_AFTER = 30.0
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched answer. ``url`` is where the content came from, after redirects."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    redirects: tuple[str, ...] = ()


class _Retry(Exception):
    """A failure worth another try; carries the error to raise when the tries run out."""

    def __init__(self, error: InputError, wait: float | None = None) -> None:
        super().__init__(error.message)
        self.error = error
        self.wait = wait


class HttpClient:
    """Fetch URLs safely and politely. Use as a context manager, or call :meth:`close`."""

    def __init__(self, *, allow_private: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
                 timeout: float = DEFAULT_TIMEOUT, max_redirects: int = DEFAULT_MAX_REDIRECTS,
                 min_interval: float = 1.0, retries: int = 3, backoff: float = 0.5,
                 respect_robots: bool = True,
                 user_agent: str = USER_AGENT, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep, resolver: Resolver = system_resolver,
                 transport: httpx.BaseTransport | None = None) -> None:
        if retries < 1:
            raise ValueError("retries counts all tries and must be at least 1")
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.max_redirects = max_redirects
        self.min_interval = min_interval
        self.retries = retries
        self.backoff = backoff
        self.respect_robots = respect_robots
        self.user_agent = user_agent
        self.clock = clock
        self.sleep = sleep
        self.resolver = resolver
        self.requests = 0  # requests sent, for the watch loop's counts and for tests
        self._last: dict[str, float] = {}
        self._delay: dict[str, float] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self._client = httpx.Client(transport=transport or _guarded_transport(allow_private, resolver),
                                    trust_env=False, follow_redirects=False,
                                    headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"})

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------------------------ public
    def get(self, url: str, *, accept: Iterable[str] = (), etag: str | None = None,
            last_modified: str | None = None, max_bytes: int | None = None) -> Response:
        """Fetch ``url`` (following redirects), or raise ``InputError`` with the reason.

        Args:
            url: an http(s) URL.
            accept: allowed media types of the final answer; empty allows any.
            etag, last_modified: validators of an earlier answer, for a conditional request.
            max_bytes: a size limit below the client's.
        """
        allowed = frozenset(accept)
        limit = min(max_bytes or self.max_bytes, self.max_bytes)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if allowed:
            headers["Accept"] = ", ".join(sorted(allowed)) + ", */*;q=0.1"
        for attempt in range(1, self.retries + 1):
            try:
                return self._follow(url, allowed, headers, limit, robots=self.respect_robots)
            except _Retry as retry:
                if attempt == self.retries:
                    raise retry.error from None
                wait = retry.wait if retry.wait is not None else self.backoff * 2 ** (attempt - 1)
                log.info("%s; try %d of %d in %.1f s", retry.error, attempt + 1, self.retries, wait)
                self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def allowed_by_robots(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets sitrep fetch it (fetching robots.txt when needed)."""
        scheme, host, port = split_url(url)
        origin = f"{scheme}://{host}:{port}"
        cached = self._robots.get(origin)
        if cached is None or self.clock() - cached[0] > ROBOTS_TTL:
            parser = self._load_robots(origin)
            self._robots[origin] = cached = (self.clock(), parser)
            delay = parser.crawl_delay(ROBOTS_AGENT) if parser else None
            if delay:
                self._delay[host] = min(float(delay), MAX_CRAWL_DELAY)
        parser = cached[1]
        return parser is None or parser.can_fetch(ROBOTS_AGENT, url)

    # ---------------------------------------------------------------------------------- internals
    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        robots_url = origin + "/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            answer = self._follow(robots_url, frozenset(), {}, ROBOTS_MAX_BYTES, robots=False)
        except InputError as exc:
            if exc.reason == "http_status" and exc.fields.get("status") in (401, 403):
                parser.disallow_all = True
                return parser
            log.debug("no usable robots.txt at %s (%s); everything is allowed", origin, exc.reason)
            return None
        except _Retry as retry:
            log.debug("robots.txt at %s unreachable (%s); everything is allowed", origin, retry.error.reason)
            return None
        parser.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        return parser

    def _wait_turn(self, host: str) -> None:
        interval = max(self.min_interval, self._delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None and interval > 0:
            wait = last + interval - self.clock()
            if wait > 0:
                self.sleep(wait)

    def _follow(self, url: str, allowed: frozenset[str], headers: dict[str, str], limit: int, *,
                robots: bool) -> Response:
        deadline = self.clock() + self.timeout
        hops: list[str] = []
        current = url
        while True:
            _, host, port = split_url(current)
            check_host(host, port, allow_private=self.allow_private, where=current, resolver=self.resolver)
            if robots and not self.allowed_by_robots(current):
                raise InputError("robots.txt does not allow sitrep to fetch this URL", path=current,
                                 reason="robots")
            self._wait_turn(host)
            remaining = deadline - self.clock()
            if remaining <= 0:
                raise _Retry(InputError("the time limit ran out", path=url, reason="timeout"))
            answer = self._exchange(current, allowed, headers, limit, deadline=deadline, remaining=remaining,
                                    host=host)
            if isinstance(answer, Response):
                return Response(answer.url, answer.status, answer.body, answer.content_type, answer.charset,
                                answer.etag, answer.last_modified, answer.not_modified, tuple(hops))
            hops.append(current)
            if len(hops) > self.max_redirects:
                raise InputError(f"more than {self.max_redirects} redirects", path=url,
                                 reason="too_many_redirects")
            current = answer

    def _exchange(self, url: str, allowed: frozenset[str], headers: dict[str, str], limit: int, *,
                  deadline: float, remaining: float, host: str) -> Response | str:
        """One request: a Response, or the next URL of a redirect."""
        self.requests += 1
        try:
            request = self._client.build_request("GET", url, headers=headers,
                                                 timeout=httpx.Timeout(min(self.timeout, remaining)))
            response = self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise _Retry(InputError("no answer within the time limit", path=url, reason="timeout")) from None
        except httpx.ConnectError as exc:
            text = str(exc)
            if text.startswith(("blocked_address:", "dns_error:")):
                reason, _, detail = text.partition(": ")
                raise InputError(detail, path=url, reason=reason) from None
            raise _Retry(InputError(f"cannot connect: {text}", path=url, reason="connection_error")) from None
        except httpx.HTTPError as exc:
            raise _Retry(InputError(f"request failed: {exc}", path=url, reason="connection_error")) from None
        try:
            return self._answer(url, response, allowed, limit, deadline)
        finally:
            response.close()
            self._last[host] = self.clock()

    def _answer(self, url: str, response: httpx.Response, allowed: frozenset[str], limit: int,
                deadline: float) -> Response | str:
        status = response.status_code
        if status in _REDIRECTS and response.headers.get("location"):
            return urljoin(url, response.headers["location"])
        if status == 304:
            return Response(url, status, etag=response.headers.get("etag"),
                            last_modified=response.headers.get("last-modified"), not_modified=True)
        if status in _RETRY_STATUS:
            raise _Retry(_status_error(url, status), _retry_after(response.headers.get("retry-after")))
        if status >= 400 or status < 200:
            raise _status_error(url, status)
        content_type = response.headers.get("content-type")
        check_content_type(content_type, allowed, url)
        declared = response.headers.get("content-length", "")
        encoding = response.headers.get("content-encoding")
        if declared.isdigit() and int(declared) > limit and not encoding:
            raise InputError(f"response announces {int(declared):,} bytes, over the limit of {limit:,}",
                             path=url, reason="too_large")
        try:
            body = read_body(response.iter_raw(), encoding=encoding, max_bytes=limit, url=url,
                             deadline=deadline, clock=self.clock)
        except httpx.TimeoutException:
            raise _Retry(InputError("the body did not arrive within the time limit", path=url,
                                    reason="timeout")) from None
        except httpx.RemoteProtocolError as exc:
            raise _Retry(InputError(f"the body was cut short: {exc}", path=url, reason="truncated")) from None
        except httpx.HTTPError as exc:
            raise _Retry(InputError(f"reading the body failed: {exc}", path=url,
                                    reason="connection_error")) from None
        return Response(str(response.url), status, body, media_type(content_type), charset_of(content_type),
                        response.headers.get("etag"), response.headers.get("last-modified"))


def _status_error(url: str, status: int) -> InputError:
    error = InputError(f"the server answered HTTP {status}", path=url, reason="http_status")
    error.fields["status"] = status
    return error


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return min(float(value.strip()), MAX_RETRY_AFTER)
    return None


def _guarded_transport(allow_private: bool, resolver: Resolver) -> httpx.BaseTransport:
    """httpx's transport, connecting through :class:`GuardedBackend` so every socket's address is checked."""
    transport = httpx.HTTPTransport(trust_env=False)
    pool = getattr(transport, "_pool", None)
    if pool is not None and hasattr(pool, "_network_backend"):
        pool._network_backend = GuardedBackend(allow_private=allow_private, resolver=resolver)
    else:  # a future httpx: the check before each request still applies
        log.warning("cannot check addresses at connect time with this httpx version")
    return transport


def host_of(url: str) -> str:
    """The host part of a URL, lower case ('' when there is none)."""
    return (urlsplit(url).hostname or "").lower()
