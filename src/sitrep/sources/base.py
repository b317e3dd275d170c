"""What every source shares: the ``Source`` protocol, the reader registry and careful text input.

A *reader* turns one file into documents: ``reader(path, options)`` yields ``Document`` or
``InputError`` items and never raises for bad input. Built-in readers (txt, md, html, jsonl, csv)
live in :mod:`sitrep.sources.files`; users add their own formats with :func:`register_reader`::

    def read_eml(path, options):
        ...
        yield Document(doc_id=path.stem, text=body)

    register_reader([".eml"], read_eml)

The helpers below (:func:`read_bytes`, :func:`decode_text`, :func:`iter_lines`, :func:`clean_text`,
:func:`parse_published`) give custom readers the same safety as the built-in ones: a size limit
checked before reading, BOM-aware decoding with a byte offset for undecodable input, and text
normalised to NFC without control characters.
"""

from __future__ import annotations

import codecs
import email.utils
import io
import logging
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Protocol, runtime_checkable

from sitrep.domain import Document
from sitrep.errors import InputError

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
SNIFF_BYTES = 8192  # how much of a file is looked at to tell text from binary
_DRAIN_CHUNK = 1 << 20


@runtime_checkable
class Source(Protocol):
    """Anything that produces documents: files, feeds, web pages, archives, dataset importers."""

    name: str

    def documents(self) -> Iterator[Document | InputError]:
        """Every readable document, and an ``InputError`` for every problem; never raises for bad input."""
        ...


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Settings every reader receives."""

    text_column: str = "text"
    max_bytes: int = DEFAULT_MAX_BYTES  # limit for one document (a whole file, or one JSONL/CSV record)
    published: datetime | None = None  # publication date for documents that carry none


Reader = Callable[[Path, ReadOptions], Iterable[Document | InputError]]

_READERS: dict[str, Reader] = {}
_LOCK = threading.Lock()
_builtins_loaded = False


def _norm_suffix(suffix: str) -> str:
    suffix = suffix.strip().lower()
    if not suffix.startswith("."):
        suffix = "." + suffix
    if suffix == "." or any(ch in suffix for ch in "/\\"):
        raise ValueError(f"not a file suffix: {suffix!r}")
    return suffix


def register_reader(suffixes: str | Iterable[str], reader: Reader, *, replace: bool = True) -> None:
    """Use ``reader`` for files whose names end with one of ``suffixes`` (".txt", "jsonl.gz", ...).

    Matching ignores case and prefers the longest suffix, so ".jsonl.gz" wins over ".gz".
    With ``replace=False`` an existing registration is kept (the built-in readers use this, so a
    format registered by the user is never overwritten by them).
    """
    items = [suffixes] if isinstance(suffixes, str) else list(suffixes)
    with _LOCK:
        for suffix in items:
            key = _norm_suffix(suffix)
            if replace or key not in _READERS:
                _READERS[key] = reader


def _ensure_builtins() -> None:
    global _builtins_loaded  # noqa: PLW0603 - one-time lazy registration of the built-in formats
    if not _builtins_loaded:
        _builtins_loaded = True
        import sitrep.sources.files  # noqa: F401 - registers the built-in readers on import


def reader_for(path: str | Path) -> Reader | None:
    """The reader registered for this file name, or None when its type is not supported."""
    _ensure_builtins()
    name = Path(path).name.lower()
    # Try ".a.b.c", then ".b.c", then ".c": the longest registered suffix wins.
    parts = name.split(".")[1:] if not name.startswith(".") else name.split(".")[2:]
    for i in range(len(parts)):
        reader = _READERS.get("." + ".".join(parts[i:]))
        if reader is not None:
            return reader
    return None


def registered_suffixes() -> list[str]:
    """All suffixes that have a reader, sorted (for help texts and error messages)."""
    _ensure_builtins()
    return sorted(_READERS)


# --------------------------------------------------------------------------- text input

# Order matters: the UTF-32 LE mark starts with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def sniff_bom(head: bytes) -> tuple[str | None, int]:
    """(codec, length of the byte-order mark) for a file start; (None, 0) means plain UTF-8."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec, len(bom)
    return None, 0


def _too_large(path: str, size: int, max_bytes: int, line: int | None = None) -> InputError:
    what = "line" if line is not None else "file"
    return InputError(
        f"{what} is {size:,} bytes, over the limit of {max_bytes:,} bytes for one document",
        path=path, line=line, reason="too_large")


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | InputError:
    """The whole file, refused by size (checked on the open file before reading) when over ``max_bytes``.

    ``OSError`` (missing file, no permission) propagates so the caller can name the cause.
    """
    with path.open("rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > max_bytes:
            return _too_large(str(path), size, max_bytes)
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew after it was measured
        return _too_large(str(path), len(data), max_bytes)
    if not data:
        return InputError("file is empty", path=str(path), reason="is_empty")
    return data


def decode_text(data: bytes, path: str, *, fallback: str | None = None) -> str | InputError:
    """Decode UTF-8 (with or without BOM), or UTF-16/32 with a BOM; otherwise a precise error.

    ``fallback`` is a codec tried when the bytes are not UTF-8 (an HTML page's declared charset).
    """
    codec, _ = sniff_bom(data[:4])
    if codec is None and b"\x00" in data[:SNIFF_BYTES]:
        return InputError("file looks binary (it contains NUL bytes); UTF-16 text needs a byte-order mark",
                          path=path, reason="binary")
    try:
        return data.decode(codec or "utf-8-sig")
    except UnicodeDecodeError as exc:
        if fallback:
            try:
                return data.decode(fallback)
            except (UnicodeDecodeError, LookupError):
                pass
        # utf-8-sig reports offsets after the BOM it removed
        offset = exc.start + (3 if codec == "utf-8-sig" else 0)
        line = data.count(b"\n", 0, offset) + 1
        name = "UTF-8" if codec in (None, "utf-8-sig") else codec.upper()
        return InputError(
            f"not valid {name} text: byte 0x{data[offset]:02x} at byte offset {offset} "
            "cannot be decoded; save the file as UTF-8",
            path=path, line=line, reason="invalid_utf8")


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str | InputError:
    """A whole text file, size-checked, decoded and cleaned; ``is_empty`` when nothing is left."""
    data = read_bytes(path, max_bytes)
    if isinstance(data, InputError):
        return data
    text = decode_text(data, str(path))
    if isinstance(text, InputError):
        return text
    text = clean_text(text)
    if not has_visible_text(text):
        return InputError("file has no text (only blank space or control characters)",
                          path=str(path), reason="is_empty")
    return text


def _drain_line(fh: IO[bytes] | IO[str]) -> int:
    """Skip the rest of an over-long line in bounded chunks; returns how much was skipped."""
    skipped = 0
    while True:
        chunk = fh.readline(_DRAIN_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk[-1:] in ("\n", b"\n"):
            return skipped


def iter_lines(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[tuple[int, str | InputError]]:
    """Stream a text file as (line number, line with its terminator) without loading it whole.

    A line longer than ``max_bytes`` or not decodable becomes an ``InputError`` for that line and
    the next lines go on (for UTF-16/32 files a decoding error ends the file, since the position
    of the next line is unknown). A file whose first bytes hold NUL (and no BOM) is ``binary``.
    """
    name = str(path)
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
        codec, bom_len = sniff_bom(head)
        if codec is None and b"\x00" in head:
            yield 1, InputError("file looks binary (it contains NUL bytes)", path=name, reason="binary")
            return
        if codec in (None, "utf-8-sig"):
            fh.seek(bom_len)
            yield from _utf8_lines(fh, name, max_bytes, bom_len)
            return
        fh.seek(0)
        text = io.TextIOWrapper(fh, encoding=codec, newline="")
        lineno = 0
        while True:
            lineno += 1
            try:
                line = text.readline(max_bytes + 1)
                if not line:
                    return
                if len(line) > max_bytes and not line.endswith(("\n", "\r")):
                    size = len(line) + _drain_line(text)
                    yield lineno, _too_large(name, size, max_bytes, lineno)
                    continue
            except UnicodeDecodeError as exc:
                yield lineno, InputError(f"not valid {codec.upper()} text ({exc.reason}); the rest of the "
                                         "file is skipped", path=name, line=lineno, reason="invalid_utf8")
                return
            yield lineno, line


def _utf8_lines(fh: IO[bytes], name: str, max_bytes: int,
                offset: int) -> Iterator[tuple[int, str | InputError]]:
    lineno = 0
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw) + _drain_line(fh)
            yield lineno, _too_large(name, size, max_bytes, lineno)
            offset += size
            continue
        try:
            yield lineno, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, InputError(
                f"not valid UTF-8 text: byte 0x{raw[exc.start]:02x} at byte offset {offset + exc.start} "
                "cannot be decoded; save the file as UTF-8", path=name, line=lineno, reason="invalid_utf8")
        offset += len(raw)


# Control characters other than tab and newline (C0, DEL, C1), and stray byte-order marks.
_CONTROL = {c: None for c in (*range(0x00, 0x20), *range(0x7F, 0xA0), 0xFEFF) if c not in (0x09, 0x0A)}
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text as the pipeline wants it: unified newlines, no control characters, NFC, trimmed.

    Lone surrogates (possible from JSON escapes) are dropped because they cannot be encoded.
    Format characters such as ZWNJ stay: they are meaningful in Urdu, Pashto and Persian script.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL)
    text = _SURROGATES.sub("", text)
    return unicodedata.normalize("NFC", text).strip()


def has_visible_text(text: str) -> bool:
    """True when the text holds a letter, digit, punctuation mark or symbol (not only blanks and
    invisible format characters such as zero-width spaces)."""
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in text)


def clean_field(value: object) -> str | None:
    """An optional metadata value as a one-line string, or None (numbers become strings)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(clean_text(value).split())
    return value or None


# --------------------------------------------------------------------------- dates

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_TIME = r"(?:[T\s,]+(?:at\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?" \
        r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_MDY_TEXT = re.compile(_WEEKDAY + r"(?P<mon>[a-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"
                       + _TIME + r"$", re.I)
_DMY_TEXT = re.compile(_WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>[a-z]{3,9})\.?,?\s+"
                       r"(?P<y>\d{4})" + _TIME + r"$", re.I)
_NUMERIC = re.compile(r"(?P<a>\d{1,4})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})" + _TIME + r"$",
                      re.I)
_MIN_YEAR, _MAX_YEAR = 1800, 2200


def _month(name: str) -> int:
    key = name.lower()
    for number, full in enumerate(_MONTH_NAMES, start=1):
        # full names and any abbreviation of three letters or more ("Sept", "Febr")
        if full.startswith(key) and len(key) >= 3:
            return number
    raise ValueError(f"unknown month name {name!r}")


def _tz(value: str | None) -> timezone:
    if not value or value.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if value[0] == "-" else 1
    digits = value[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _build(y: int, mo: int, d: int, m: re.Match[str]) -> datetime:
    hour = int(m.group("H") or 0)
    if m.group("ampm"):
        if not 1 <= hour <= 12:
            raise ValueError("hour out of range for a.m./p.m.")
        hour = hour % 12 + (12 if m.group("ampm").lower().startswith("p") else 0)
    return datetime(y, mo, d, hour, int(m.group("M") or 0), int(m.group("S") or 0), tzinfo=_tz(m.group("tz")))


def _parse_string(text: str) -> datetime:
    text = " ".join(text.split())
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    if m := _NUMERIC.match(text):
        a, b, c = m.group("a", "b", "c")
        if len(a) == 4:
            return _build(int(a), int(b), int(c), m)
        if len(c) != 4:
            raise ValueError("a two-digit year is ambiguous")
        first, second = int(a), int(b)
        if first > 12 >= second or first == second:
            return _build(int(c), second, first, m)  # day/month/year
        if second > 12 >= first:
            return _build(int(c), first, second, m)  # month/day/year
        raise ValueError("ambiguous: could be day/month or month/day")
    for pattern in (_MDY_TEXT, _DMY_TEXT):
        if m := pattern.match(text):
            return _build(int(m.group("y")), _month(m.group("mon")), int(m.group("d")), m)
    try:
        return email.utils.parsedate_to_datetime(text)  # RFC 2822, as in RSS feeds and e-mail
    except (TypeError, ValueError, IndexError):
        pass
    raise ValueError("not a recognised date")


def parse_published(value: object, *, strict: bool = False) -> datetime | None:
    """A publication date as a timezone-aware datetime; naive values are taken as UTC.

    Accepts ``datetime``/``date`` objects and strings in ISO 8601 ("2023-05-04",
    "2023-05-04T10:00:00Z", "2023-05-04 10:00+05:00"), RFC 2822 ("Thu, 04 May 2023 10:00:00 +0000"),
    month names ("May 4, 2023", "4 May 2023", "Thursday, 4th May 2023 10:00 am") and numeric
    day/month/year forms when they cannot be misread ("13/05/2023", "05/13/2023", "2023/05/04");
    "04/05/2023" could be April or May and is refused. An offset given in the value is kept, so the
    local calendar day of the report is not shifted.

    Blank values give None. An unreadable value gives None, or raises ``ValueError`` with the
    cause when ``strict`` is true.
    """
    try:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime):
            result = value
        elif isinstance(value, date):
            result = datetime(value.year, value.month, value.day)
        elif isinstance(value, str):
            result = _parse_string(value.strip())
        else:
            raise ValueError(f"expected a date string, got {type(value).__name__}")
        if result.tzinfo is None:
            result = result.replace(tzinfo=UTC)
        if not _MIN_YEAR <= result.year <= _MAX_YEAR:
            raise ValueError(f"year {result.year} is out of range")
    except (ValueError, OverflowError) as exc:
        if strict:
            raise ValueError(f"cannot read date {str(value)[:60]!r}: {exc}") from exc
        log.debug("unreadable date %r: %s", value, exc)
        return None
    return result
