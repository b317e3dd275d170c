"""What sitrep may fetch from the network, and how much of it.

A URL is fetched only when all of these hold:

* the scheme is ``http`` or ``https`` and the URL names a host (no credentials, no other schemes);
* every address the host resolves to is public: private, loopback, link-local, multicast, reserved,
  unspecified and shared (carrier-grade NAT) ranges are refused, for IPv4, IPv6 and IPv4 inside
  IPv6 (mapped, 6to4, NAT64 forms), unless ``allow_private`` is set (tests, intranet feeds);
* the check runs before each request, on every redirect hop (redirects are followed by sitrep,
  at most ``max_redirects``), and once more when the connection is opened, on the very address
  the socket connects to, so a DNS answer that changes between check and connect gains nothing;
* the answer has an allowed content type for its use (HTML for pages, RSS/Atom/XML for feeds);
* the body stays under ``max_bytes`` counted while streaming, after decompression (so a small
  gzip bomb is stopped at the limit, never inflated whole), and the whole exchange, redirects
  included, ends within ``timeout`` seconds.

Every refusal is an :class:`~sitrep.errors.InputError` with ``path`` = the URL and one of the
reasons ``bad_url``, ``blocked_address``, ``dns_error``, ``too_large``, ``timeout``,
``http_status``, ``bad_content_type``, ``bad_encoding``, ``too_many_redirects``,
``connection_error``, ``truncated``.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore

from sitrep.errors import InputError

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_REDIRECTS = 5

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/xml", "text/xml", "text/rss+xml", "application/x-rss+xml"})
ROBOTS_TYPES = frozenset({"text/plain"})
# Servers often label feeds as text/plain or octet-stream; those are accepted for feeds only,
# since the feed parser checks the content itself.
LENIENT_FEED_TYPES = frozenset({"text/plain", "application/octet-stream", "binary/octet-stream"})

Resolver = Callable[[str, int], list[str]]

_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT, not marked private by ipaddress
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True, slots=True)
class UrlPolicy:
    """Limits for one kind of fetch."""

    allow_private: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    max_redirects: int = DEFAULT_MAX_REDIRECTS


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6), as strings."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address carried inside an IPv6 one (mapped, 6to4, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(address: str) -> str | None:
    """Why an address may not be contacted (``"loopback"``, ``"private"``...), or None when it is public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_v4(ip)
        if inner is not None:
            problem = address_problem(str(inner))
            return f"{problem} (inside IPv6)" if problem else None
    checks = (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
              ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
              ("private", ip.is_private), ("reserved", ip.is_reserved),
              ("shared (carrier-grade NAT)", ip in _SHARED), ("not globally routable", not ip.is_global))
    return next((name for name, hit in checks if hit), None)


def split_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an allowed URL, or ``bad_url``."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise InputError(f"not a valid URL: {exc}", path=url, reason="bad_url") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(f"only http and https URLs are fetched, not {scheme or 'a URL without scheme'}",
                         path=url, reason="bad_url")
    if not parts.hostname:
        raise InputError("the URL names no host", path=url, reason="bad_url")
    if parts.username or parts.password:
        raise InputError("URLs with credentials are not fetched", path=url, reason="bad_url")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def check_host(host: str, port: int, *, allow_private: bool, where: str,
               resolver: Resolver = system_resolver) -> list[str]:
    """The host's addresses after DNS resolution; ``blocked_address`` or ``dns_error`` when unusable."""
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise InputError(f"cannot resolve {host}: {exc}", path=where, reason="dns_error") from None
    if not addresses:
        raise InputError(f"{host} resolves to no address", path=where, reason="dns_error")
    if not allow_private:
        for address in addresses:
            problem = address_problem(address)
            if problem:
                raise InputError(f"{host} resolves to {address}, a {problem} address; such addresses are "
                                 "not fetched (use --allow-private for an intranet)", path=where,
                                 reason="blocked_address")
    return addresses


def check_url(url: str, *, allow_private: bool = False, resolver: Resolver = system_resolver) -> list[str]:
    """Check scheme and resolved addresses of a URL without connecting; returns the addresses."""
    _, host, port = split_url(url)
    return check_host(host, port, allow_private=allow_private, where=url, resolver=resolver)


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def check_content_type(content_type: str | None, allowed: Iterable[str], url: str) -> str:
    """The media type when allowed, else ``bad_content_type``. A missing type passes (the parser decides)."""
    kind = media_type(content_type)
    allowed = frozenset(allowed)
    if kind and allowed and kind not in allowed:
        raise InputError(f"content type {kind!r} is not one of {', '.join(sorted(allowed))}", path=url,
                         reason="bad_content_type")
    return kind


class _Inflater:
    """Decompress gzip/deflate in bounded steps, so output never exceeds the limit by more than one step."""

    def __init__(self, encoding: str) -> None:
        # 47 = auto-detect gzip or zlib header; raw deflate is tried when a zlib header is missing.
        self._obj = zlib.decompressobj(47 if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS)
        self._raw_deflate = encoding == "deflate"
        self._started = False

    def feed(self, data: bytes, budget: int) -> Iterator[bytes]:
        """Decompressed pieces of at most 64 KiB until ``data`` is used up or ``budget`` is spent."""
        pending = data
        spent = 0
        while pending and spent <= budget:
            try:
                out = self._obj.decompress(pending, 65536)
            except zlib.error:
                if self._raw_deflate and not self._started:
                    self._obj, self._started = zlib.decompressobj(-zlib.MAX_WBITS), True
                    continue
                raise
            self._started = True
            pending = self._obj.unconsumed_tail
            spent += len(out)
            if out:
                yield out
            elif not pending:
                break


def read_body(chunks: Iterable[bytes], *, encoding: str | None, max_bytes: int, url: str,
              deadline: float, clock: Callable[[], float]) -> bytes:
    """Join a raw (still encoded) body stream, decompressing it and enforcing size and time limits."""
    encoding = (encoding or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate", ""):
        raise InputError(f"content encoding {encoding!r} is not supported", path=url, reason="bad_encoding")
    inflater = _Inflater(encoding) if encoding not in ("identity", "") else None
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        pieces = inflater.feed(chunk, max_bytes - size) if inflater else (chunk,)
        try:
            for piece in pieces:
                size += len(piece)
                if size > max_bytes:
                    what = " once decompressed" if inflater else ""
                    raise InputError(f"response is over the limit of {max_bytes:,} bytes{what}", path=url,
                                     reason="too_large")
                parts.append(piece)
        except zlib.error as exc:
            raise InputError(f"cannot decompress the {encoding} response: {exc}", path=url,
                             reason="bad_encoding") from None
        if clock() > deadline:
            raise InputError("the response took longer than the time limit", path=url, reason="timeout")
    return b"".join(parts)


class GuardedBackend(httpcore.SyncBackend):
    """A network backend that checks the address it is about to connect to, then connects to exactly it.

    This closes the gap between the check on the URL and the connection (DNS answers may change).
    """

    def __init__(self, *, allow_private: bool, resolver: Resolver = system_resolver) -> None:
        super().__init__()
        self.allow_private = allow_private
        self.resolver = resolver

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options: Any = None) -> httpcore.NetworkStream:
        try:
            addresses = check_host(host, port, allow_private=self.allow_private, where=f"{host}:{port}",
                                   resolver=self.resolver)
        except InputError as exc:
            # httpcore wraps what it does not know; ConnectError is what httpx maps cleanly.
            raise httpcore.ConnectError(f"{exc.reason}: {exc.detail}") from exc
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                           socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last
