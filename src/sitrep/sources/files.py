"""Documents from files on disk: ``.txt``/``.md``, ``.html``/``.htm``, ``.jsonl`` and ``.csv``.

:func:`iter_documents` yields a ``Document`` for every readable document and an ``InputError``
(path, line, reason, message) for every problem; bad input never raises, so a batch goes on.

Choices, in the order a file meets them:

* **Paths.** A directory is walked recursively in name order. Names starting with "." (hidden
  files, ``.git``, ``.DS_Store``) are skipped inside directories; a hidden file named explicitly is
  read. Any other file whose type has no reader is reported as ``unsupported_type`` rather than
  dropped silently, so nothing vanishes unnoticed; compressed files (``.gz``, ``.zip``...) are
  reported the same way with a hint to unpack them. A directory that holds nothing readable is one
  ``is_empty`` error. Symbolic links are followed, directory loops are walked once. FIFOs, sockets
  and devices are refused (``unsupported_type``) without being opened, so reading never blocks.
* **Size.** ``max_bytes`` limits one document. Whole-file formats (txt, md, html) are measured
  before anything is read and refused as ``too_large``; JSONL and CSV are streamed line by line,
  so the files may be any size, and a single line over the limit is ``too_large`` for that line.
* **Encoding.** UTF-8 with or without a byte-order mark, UTF-16/32 with a byte-order mark.
  Anything else is ``invalid_utf8`` with the byte offset and line of the first bad byte; NUL bytes
  in the first 8 KiB without a BOM mean ``binary``. HTML may also use the charset it declares.
  Text is normalised to NFC with control characters removed (tab and newline kept).
* **txt/md.** One document per file; ``doc_id`` is the file name without extension. A block of
  ``Key: value`` lines at the very top, ended by a blank line, is metadata and not part of the
  text when every key is known: ``Published``/``Date`` (publication date), ``Source``/``Outlet``,
  ``URL``/``Link``, ``Title``, ``Language``. A ``---`` fenced block (Markdown front matter) is read
  the same way, ignoring unknown keys. Otherwise the text is kept whole; a short first line
  followed by a blank line (or a Markdown ``# heading``) is also used as the title.
* **html/htm.** Main text by trafilatura (comments excluded), with its title, date and site name
  as title, ``published_at`` and outlet; script and style content never reaches the text. When
  trafilatura finds no main text (very short pages) the visible text is taken instead.
  ``doc_id`` is the file name without extension, as for text files.
* **jsonl** (also ``.ndjson``). One JSON object per line with ``id`` and ``text``; optional
  ``title``, ``url``, ``outlet``, ``published_at`` (or ``published``/``date``), ``language``.
  Blank lines are skipped; a bad line is an error carrying its line number and the file goes on.
* **csv** (also ``.tsv``; ``;`` and ``|`` separators are recognised from the header). The text
  column is ``text_column``; with the default ``text`` the columns ``summary``, ``notes``,
  ``body`` and ``content`` are tried next. Without any, the file is one ``missing_column`` error.
  The id is ``id``/``eventid``/``event_id_cnty``, else ``<file name>:<line>``; the date is
  ``published_at``/``date``/``event_date``; ``title``/``headline``, ``url``/``link`` and
  ``outlet``/``source`` are read when present. Column names ignore case.
* **Reasons** an ``InputError`` carries: ``not_found``, ``permission_denied``, ``is_empty``,
  ``too_large``, ``invalid_utf8``, ``binary``, ``unsupported_type``, ``malformed_json``,
  ``malformed_csv``, ``missing_field``, ``missing_column``, ``bad_date``, ``unreadable`` (another
  I/O error) and ``reader_failed`` (a reader broke; logged with its traceback).
* **Dates.** See :func:`parse_published`. A date that cannot be read is a ``bad_date`` error for
  that document (it is not guessed); ``published`` fills in only where a document has no date.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from datetime import datetime
from html import unescape
from html.parser import HTMLParser
from itertools import chain
from pathlib import Path

from sitrep.domain import Document
from sitrep.errors import InputError
from sitrep.sources.base import (
    DEFAULT_MAX_BYTES,
    ReadOptions,
    clean_field,
    clean_text,
    decode_text,
    has_visible_text,
    iter_lines,
    parse_published,
    read_bytes,
    read_text,
    reader_for,
    register_reader,
    registered_suffixes,
)

__all__ = ["DEFAULT_MAX_BYTES", "FileSource", "iter_documents", "parse_published"]

log = logging.getLogger(__name__)

Item = Document | InputError
_ARCHIVES = (".gz", ".bz2", ".xz", ".zst", ".zip", ".tar", ".tgz", ".7z")


class FileSource:
    """The ``Source`` for files and directories on disk."""

    name = "files"

    def __init__(self, paths: Iterable[str | Path], *, text_column: str = "text",
                 max_bytes: int = DEFAULT_MAX_BYTES, published: datetime | None = None) -> None:
        if max_bytes < 1:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        self.paths = [paths] if isinstance(paths, str | Path) else list(paths)
        self.options = ReadOptions(text_column=text_column, max_bytes=max_bytes, published=published)

    def documents(self) -> Iterator[Item]:
        for path in self.paths:
            if not str(path).strip():  # Path("") would mean the current directory
                yield InputError("empty path", path=str(path), reason="not_found")
                continue
            yield from _iter_path(Path(path), self.options, set(), top=True)


def iter_documents(paths: Iterable[str | Path], *, text_column: str = "text",
                   max_bytes: int = DEFAULT_MAX_BYTES, published: datetime | None = None) -> Iterator[Item]:
    """Documents and input errors from files and directories, in order (see the module notes)."""
    return FileSource(paths, text_column=text_column, max_bytes=max_bytes, published=published).documents()


# --------------------------------------------------------------------------- paths


def _iter_path(path: Path, opts: ReadOptions, visited: set[str], *, top: bool = False) -> Iterator[Item]:
    where = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        broken = path.is_symlink()
        yield InputError("broken symbolic link (its target does not exist)" if broken else "no such file",
                         path=where, reason="not_found")
        return
    except PermissionError:
        yield InputError("permission denied", path=where, reason="permission_denied")
        return
    except (OSError, ValueError) as exc:  # name too long, symlink loop, NUL in the name
        yield InputError(f"cannot access the path: {getattr(exc, 'strerror', None) or exc}",
                         path=where, reason="not_found")
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _iter_dir(path, opts, visited, top=top)
    elif not stat.S_ISREG(st.st_mode):
        yield InputError("not a regular file (a FIFO, socket or device), so it is not read",
                         path=where, reason="unsupported_type")
    else:
        yield from _read_file(path, st.st_size, opts)


def _iter_dir(path: Path, opts: ReadOptions, visited: set[str], *, top: bool) -> Iterator[Item]:
    real = os.path.realpath(path)
    if real in visited:
        return
    visited.add(real)
    try:
        with os.scandir(path) as it:
            names = sorted(entry.name for entry in it)
    except PermissionError:
        yield InputError("permission denied (cannot list the directory)", path=str(path),
                         reason="permission_denied")
        return
    except OSError as exc:
        yield InputError(f"cannot list the directory: {exc.strerror or exc}", path=str(path),
                         reason="not_found")
        return
    count = 0
    for name in names:
        if name.startswith("."):
            continue
        for item in _iter_path(path / name, opts, visited):
            count += 1
            yield item
    if top and count == 0:
        yield InputError("directory holds no files to read", path=str(path), reason="is_empty")


def _read_file(path: Path, size: int, opts: ReadOptions) -> Iterator[Item]:
    where = str(path)
    reader = reader_for(path)
    if reader is None:
        hint = "unpack it first; " if path.name.lower().endswith(_ARCHIVES) else ""
        suffix = "".join(path.suffixes[-1:]) or "no extension"
        yield InputError(f"unsupported file type ({suffix}); {hint}readable types: "
                         + ", ".join(registered_suffixes()), path=where, reason="unsupported_type")
        return
    if size == 0:
        yield InputError("file is empty", path=where, reason="is_empty")
        return
    try:
        yield from reader(path, opts)
    except InputError as exc:
        yield exc
    except PermissionError:
        yield InputError("permission denied", path=where, reason="permission_denied")
    except FileNotFoundError:
        yield InputError("file disappeared while it was read", path=where, reason="not_found")
    except OSError as exc:
        yield InputError(f"read error: {exc.strerror or exc}", path=where, reason="unreadable")
    except Exception as exc:  # a faulty (possibly user-registered) reader must not stop a batch
        log.exception("reader for %s failed", where)
        yield InputError(f"the reader failed: {type(exc).__name__}: {exc}", path=where, reason="reader_failed")


# --------------------------------------------------------------------------- shared record handling


def _published(raw: object, opts: ReadOptions, where: str, line: int | None) -> datetime | InputError | None:
    try:
        value = parse_published(raw, strict=True)
    except ValueError as exc:
        return InputError(f"{exc}; write it as 2023-05-04 or 'May 4, 2023'",
                          path=where, line=line, reason="bad_date")
    return value or opts.published


def _clean_id(value: object) -> str:
    """An id as given, only trimmed and without control characters: it names the input to the user."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return clean_text(str(value))


def _record(obj: dict[str, object], *, doc_id: object, text_key: str, opts: ReadOptions, where: str,
            line: int, date_keys: tuple[str, ...], extra: dict[str, str | None]) -> Item:
    """A Document from one JSONL object or CSV row, or the error that stops it."""
    ident = _clean_id(doc_id)
    if not ident:
        return InputError("missing or empty 'id'", path=where, line=line, reason="missing_field")
    raw_text = obj.get(text_key)
    if raw_text is None or (isinstance(raw_text, str) and not raw_text.strip()):
        return InputError(f"missing or empty '{text_key}'", path=where, line=line, reason="missing_field")
    if not isinstance(raw_text, str):
        return InputError(f"'{text_key}' must be a string, not {type(raw_text).__name__}",
                          path=where, line=line, reason="malformed_json")
    if len(raw_text) > opts.max_bytes:
        return InputError(f"'{text_key}' is {len(raw_text):,} characters, over the limit of "
                          f"{opts.max_bytes:,}", path=where, line=line, reason="too_large")
    text = clean_text(raw_text)
    if not has_visible_text(text):
        return InputError(f"'{text_key}' holds no text", path=where, line=line, reason="is_empty")
    raw_date = next((obj[k] for k in date_keys if obj.get(k) not in (None, "")), None)
    published = _published(raw_date, opts, where, line)
    if isinstance(published, InputError):
        return published
    return Document(doc_id=ident, text=text, published_at=published, origin=f"{where}:{line}", **extra)


# --------------------------------------------------------------------------- txt / md

_META_KEYS = {
    "published": "published", "published at": "published", "published_at": "published", "date": "published",
    "source": "outlet", "outlet": "outlet", "url": "url", "link": "url", "title": "title",
    "language": "language", "lang": "language",
}
_META_LINE = re.compile(r"([A-Za-z][A-Za-z _]{0,15}?)\s*:\s*(.*)")
_MAX_META_LINES = 30
_MAX_TITLE = 200


def _front_matter(text: str) -> tuple[list[tuple[int, str, str]], str]:
    """(metadata as (line, field, value), remaining text); see the module notes for the rules."""
    lines = text.split("\n", _MAX_META_LINES + 2)
    fenced = lines[0].strip() == "---"
    start = 1 if fenced else 0
    meta: list[tuple[int, str, str]] = []
    for i in range(start, min(len(lines), _MAX_META_LINES + start)):
        line = lines[i].strip()
        if (fenced and line == "---") or (not fenced and not line and meta):
            return meta, "\n".join(lines[i + 1:])
        m = _META_LINE.fullmatch(line)
        key = m and _META_KEYS.get(m.group(1).strip().lower())
        if m and key and m.group(2).strip():
            meta.append((i + 1, key, m.group(2).strip()))
        elif not (fenced and (m or not line)):  # a fenced block may hold other keys; nothing else
            break
    return [], text


def _guess_title(text: str, markdown: bool) -> str | None:
    first, _, rest = text.partition("\n")
    first = first.strip()
    if markdown and first.startswith("#"):
        return first.lstrip("#").strip() or None
    if rest.startswith("\n") and rest.strip() and len(first) <= _MAX_TITLE:
        return first
    return None


def read_plain(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """One document per .txt/.md file."""
    where = str(path)
    text = read_text(path, opts.max_bytes)
    if isinstance(text, InputError):
        yield text
        return
    meta, body = _front_matter(text)
    fields: dict[str, str | None] = {"title": None, "url": None, "outlet": None, "language": None}
    published: datetime | InputError | None = opts.published
    for line, key, value in meta:
        if key == "published":
            published = _published(value, opts, where, line)
        else:
            fields[key] = clean_field(value)
    if isinstance(published, InputError):
        yield published
        return
    body = body.strip()
    if not has_visible_text(body):
        yield InputError("file has metadata lines but no text", path=where, reason="is_empty")
        return
    if fields["title"] is None:
        fields["title"] = _guess_title(body, path.suffix.lower() in (".md", ".markdown"))
    yield Document(doc_id=path.stem, text=body, published_at=published, origin=where, **fields)


# --------------------------------------------------------------------------- html

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_BLOCK_TAGS = frozenset(("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
                        "header", "footer", "blockquote", "table", "ul", "ol", "pre", "title", "dd", "dt"))
# <head> is not listed: pages often leave it unclosed, and its text lives in <title> anyway.
_TAG = re.compile(r"<[^>]*>")
# Scripts, styles and comments, also when left unclosed (then they run to the end, as in a browser).
# JSON-LD blocks stay: trafilatura reads the publication date and publisher from them.
_UNCLOSED = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style)\b(?![^>]*ld\+json).*?(?:</\1\s*>|\Z)", re.I | re.S)
_HIDDEN_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "object"))


class _VisibleText(HTMLParser):
    """Visible text of a page (a fallback when trafilatura finds no main text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _HIDDEN_TAGS:
            self._hidden += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _HIDDEN_TAGS and self._hidden:
            self._hidden -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._hidden:
            self.parts.append(data)


def _visible_text(html: str) -> tuple[str, str | None]:
    parser = _VisibleText()
    try:
        parser.feed(html)
        parser.close()
        raw, title = "".join(parser.parts), " ".join("".join(parser.title).split()) or None
    except (AssertionError, ValueError) as exc:  # html.parser gives up on some malformed declarations
        log.debug("html.parser failed (%s); stripping tags instead", exc)
        raw, title = unescape(_TAG.sub("\n", html)), None
    lines = (" ".join(line.split()) for line in raw.split("\n"))
    return "\n".join(line for line in lines if line), title


def _trafilatura(html: str, where: str) -> dict[str, object]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True,
                                          include_tables=True)
        # trafilatura 2 returns a Document object, 1.x a dict
        result = doc.as_dict() if hasattr(doc, "as_dict") else doc
    except Exception as exc:  # noqa: BLE001 - a third-party parser meeting hostile markup
        log.debug("trafilatura failed on %s: %s", where, exc)
        return {}
    return result if isinstance(result, dict) else {}


def html_to_text(html: str, where: str) -> tuple[str, str | None, dict]:
    """Main text, title and trafilatura metadata of an HTML page; scripts and styles never reach the text."""
    # Removed before any parser sees the page, so no parser quirk can let script text through.
    html = _UNCLOSED.sub(" ", html.replace("\x00", ""))
    meta = _trafilatura(html, where)
    text = clean_text(str(meta.get("text") or ""))
    title = clean_field(meta.get("title"))
    if not text:
        text, fallback_title = _visible_text(html)
        text = clean_text(text)
        title = title or clean_field(fallback_title)
    return text, title, meta


def read_html(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """One document per HTML page."""
    where = str(path)
    data = read_bytes(path, opts.max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    declared = _CHARSET.search(data[:4096])
    html = decode_text(data, where, fallback=declared.group(1).decode("ascii") if declared else None)
    if isinstance(html, InputError):
        yield html
        return
    text, title, meta = html_to_text(html, where)
    if not has_visible_text(text):
        yield InputError("page has no visible text", path=where, reason="is_empty")
        return
    published = parse_published(meta.get("date")) or opts.published  # trafilatura's date is a guess
    yield Document(doc_id=path.stem, text=text, title=title, url=clean_field(meta.get("url")),
                   outlet=clean_field(meta.get("sitename")), published_at=published,
                   language=clean_field(meta.get("language")), origin=where)


# --------------------------------------------------------------------------- jsonl

_JSON_DATES = ("published_at", "published", "date")


def read_jsonl(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """One document per JSON line; a bad line is an error and the file goes on."""
    where = str(path)
    seen = False
    for line, raw in iter_lines(path, opts.max_bytes):
        if isinstance(raw, InputError):
            seen = True
            yield raw
            continue
        if not raw.strip():
            continue
        seen = True
        try:
            obj = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            detail = f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
            yield InputError(f"malformed JSON: {detail[:200]}", path=where, line=line, reason="malformed_json")
            continue
        if not isinstance(obj, dict):
            yield InputError(f"expected a JSON object, got {type(obj).__name__}", path=where, line=line,
                             reason="malformed_json")
            continue
        extra = {k: clean_field(obj.get(k)) for k in ("title", "url", "outlet")}
        extra["language"] = clean_field(obj.get("language") or obj.get("lang"))
        yield _record(obj, doc_id=obj.get("id"), text_key="text", opts=opts, where=where, line=line,
                      date_keys=_JSON_DATES, extra=extra)
    if not seen:
        yield InputError("file has only blank lines", path=where, reason="is_empty")


# --------------------------------------------------------------------------- csv

_TEXT_FALLBACKS = ("text", "summary", "notes", "body", "content")
_ID_COLUMNS = ("id", "eventid", "event_id_cnty")
_DATE_COLUMNS = ("published_at", "date", "event_date")
_OPTIONAL_COLUMNS = {"title": ("title", "headline"), "url": ("url", "link", "source_url"),
                     "outlet": ("outlet", "source"), "language": ("language", "lang")}


class _LineFeed:
    """Lines for ``csv.reader``; unreadable lines are set aside as errors and the line number is kept."""

    def __init__(self, lines: Iterator[tuple[int, str | InputError]]) -> None:
        self._lines = lines
        self.lineno = 0
        self.errors: list[InputError] = []

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        while True:
            self.lineno, item = next(self._lines)
            if isinstance(item, InputError):
                self.errors.append(item)
                continue
            return item


def _delimiter(header: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_error(exc: Exception, where: str, line: int) -> InputError:
    if "field larger" in str(exc):
        return InputError(f"field too large: {exc}", path=where, line=line, reason="too_large")
    return InputError(f"malformed CSV: {exc or 'unexpected end of file'}", path=where, line=line,
                      reason="malformed_csv")


def read_csv(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """One document per CSV row, from the text column."""
    where = str(path)
    # The limit is process-wide; it is only ever raised, and one document is bounded by max_bytes anyway.
    csv.field_size_limit(max(csv.field_size_limit(), opts.max_bytes))
    feed = _LineFeed(iter_lines(path, opts.max_bytes))
    first = next((line for line in feed if line.strip()), None)
    yield from feed.errors
    feed.errors.clear()
    if first is None:
        yield InputError("file has no header row", path=where, reason="is_empty")
        return
    reader = csv.reader(chain([first], feed), delimiter=_delimiter(first, path.suffix.lower()))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (csv.Error, StopIteration) as exc:
        yield _csv_error(exc, where, 1)
        return
    index = {name: i for i, name in reversed(list(enumerate(header)))}  # the first of duplicate names wins
    wanted = opts.text_column.strip().lower()
    candidates = (wanted,) if wanted != "text" else _TEXT_FALLBACKS
    text_col = next((c for c in candidates if c in index), None)
    if text_col is None:
        columns = ", ".join(h for h in header if h) or "(none)"
        yield InputError(f"no text column: looked for {', '.join(repr(c) for c in candidates)}; "
                         f"the file has the columns {columns}; name the text column with --text-column",
                         path=where, line=1, reason="missing_column")
        return
    id_col = next((c for c in _ID_COLUMNS if c in index), None)
    date_keys = tuple(c for c in _DATE_COLUMNS if c in index)
    rows = 0
    while True:
        start = feed.lineno + 1
        try:
            row: list[str] | None = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            row = None
            yield _csv_error(exc, where, start)
        yield from feed.errors
        feed.errors.clear()
        if row is None or not any(cell.strip() for cell in row):
            continue
        rows += 1
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            yield InputError(f"row has {len(row)} fields but the header has {len(header)} "
                             "(a quote may be missing)", path=where, line=start, reason="malformed_csv")
            continue
        obj = {name: row[i] for name, i in index.items() if i < len(row)}
        doc_id = obj.get(id_col) if id_col else None
        if not (doc_id or "").strip():
            doc_id = f"{path.name}:{start}"
        extra = {key: next((clean_field(obj[c]) for c in cols if obj.get(c)), None)
                 for key, cols in _OPTIONAL_COLUMNS.items()}
        yield _record(obj, doc_id=doc_id, text_key=text_col, opts=opts, where=where, line=start,
                      date_keys=date_keys, extra=extra)
    if rows == 0:
        yield InputError("file has a header but no rows", path=where, reason="is_empty")


register_reader((".txt", ".text", ".md", ".markdown"), read_plain, replace=False)
register_reader((".html", ".htm", ".xhtml"), read_html, replace=False)
register_reader((".jsonl", ".ndjson"), read_jsonl, replace=False)
register_reader((".csv", ".tsv"), read_csv, replace=False)
