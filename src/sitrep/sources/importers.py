"""Human-coded datasets as events: ACLED exports, UCDP GED and GTD, read from their CSV files.

The format is recognised from the header row. Every row becomes an :class:`~sitrep.domain.Event`
with ``origin="imported"``, ``dataset`` (``acled``, ``ucdp``, ``gtd``), ``external_id`` (ACLED
``event_id_cnty``, UCDP ``id``, GTD ``eventid``; a file without ids gets a hash of the row, so the
same row imported twice is the same event), ``raw`` (the row as it came, every column) and the
contract fields mapped as ``docs/sources.md`` lists. ``evidence`` is the dataset's own text
(ACLED ``notes``, UCDP ``source_headline``, GTD ``summary``).

Files are streamed; a bad row (a value that is not a number or a date, a repeated id, a broken
CSV line) is an ``InputError`` with its line number and the rest goes on. More formats can be
added with :func:`register_importer`.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from sitrep.domain import Event, Source
from sitrep.errors import InputError
from sitrep.sources.base import DEFAULT_MAX_BYTES, iter_lines, parse_published

log = logging.getLogger(__name__)

Row = dict[str, str]
Fields = dict[str, Any]


class RowError(ValueError):
    """A value of a row that cannot be read; becomes an ``InputError`` with the row's line."""


@dataclass(frozen=True, slots=True)
class Importer:
    """A dataset format: the columns that identify it, and the conversion of one row."""

    name: str
    columns: frozenset[str]
    id_column: str | None
    convert: Callable[[Row, str], Fields]  # (row, external id) -> keyword arguments of the Event


IMPORTERS: dict[str, Importer] = {}


def register_importer(importer: Importer) -> None:
    """Make a format available to :func:`detect_format` and :func:`iter_events`."""
    IMPORTERS[importer.name] = importer


def detect_format(header: Iterable[str]) -> Importer | None:
    """The importer whose identifying columns are all in the header (names compared in lower case)."""
    names = {h.strip().lower() for h in header}
    matches = [imp for imp in IMPORTERS.values() if imp.columns <= names]
    return max(matches, key=lambda imp: len(imp.columns), default=None)


# --------------------------------------------------------------------------- value helpers

def _text(row: Row, key: str) -> str | None:
    return (row.get(key) or "").strip() or None


def _number(row: Row, key: str) -> float | None:
    value = row.get(key)
    if not value or value.isspace():
        return None
    try:
        return float(value)  # float() itself ignores surrounding blanks
    except ValueError:
        raise RowError(f"{key} is not a number: {value.strip()[:40]!r}") from None


def _count(row: Row, key: str) -> int | None:
    """A count of people; blank and the datasets' negative "unknown" codes (-9, -99) are None."""
    value = _number(row, key)
    if value is None or value < 0:
        return None
    return int(value)


def _coordinate(row: Row, key: str, bound: float) -> float | None:
    value = _number(row, key)
    if value is not None and not -bound <= value <= bound:
        raise RowError(f"{key} {value} is out of range")
    return value


# The lookups below are pure functions of one cell. A dataset repeats the same few thousand dates,
# actor names, provinces and source lists over and over, so each distinct value is worked out once.
_SEEN_VALUES = 8192


@lru_cache(maxsize=_SEEN_VALUES)
def _parse_day(value: str) -> date | None:
    parsed = parse_published(value, strict=True)
    return parsed.date() if parsed else None


def _day(value: str | None, key: str) -> date | None:
    if not value:
        return None
    try:
        return _parse_day(value)
    except ValueError as exc:
        raise RowError(f"{key}: {exc}") from None


def _row_hash(row: Row) -> str:
    joined = "\x1f".join(f"{k}={v}" for k, v in sorted(row.items()))
    return "h" + hashlib.sha1(joined.encode("utf-8")).hexdigest()[:24]  # noqa: S324 - a key, not security


# Former and variant names of first-level divisions, mapped to today's (Pakistan merged FATA into
# Khyber Pakhtunkhwa in 2018; NWFP was renamed in 2010).
_ADMIN1_TODAY = {
    "north-west frontier province": "Khyber Pakhtunkhwa",
    "north west frontier province": "Khyber Pakhtunkhwa",
    "northwest frontier province": "Khyber Pakhtunkhwa", "nwfp": "Khyber Pakhtunkhwa",
    "federally administered tribal areas": "Khyber Pakhtunkhwa", "fata": "Khyber Pakhtunkhwa",
    "khyber pakhtunkwa": "Khyber Pakhtunkhwa", "khyber pakhtoonkhwa": "Khyber Pakhtunkhwa",
    "baluchistan": "Balochistan", "northern areas": "Gilgit-Baltistan",
    "azad kashmir": "Azad Jammu and Kashmir", "azad jammu & kashmir": "Azad Jammu and Kashmir",
    "islamabad capital territory": "Islamabad", "federal capital territory": "Islamabad",
}
_ADMIN_SUFFIX = re.compile(r"\s+(?:province|provinces|district|agency|division|tribal district)$", re.I)
_PLACE_SUFFIX = re.compile(r"\s+(?:town|village|city|area|district|agency)$", re.I)
_UNKNOWN = frozenset({"unknown", "n/a", "na", "-", "none"})


@lru_cache(maxsize=_SEEN_VALUES)
def admin1_today(name: str | None) -> str | None:
    """Today's name of a first-level division ("NWFP" and "FATA" are Khyber Pakhtunkhwa)."""
    if not name or name.strip().lower() in _UNKNOWN:
        return None
    name = name.strip()
    if today := _ADMIN1_TODAY.get(name.lower()):
        return today
    bare = _ADMIN_SUFFIX.sub("", name)
    return _ADMIN1_TODAY.get(bare.lower(), bare)


def _place(name: str | None, pattern: re.Pattern[str]) -> str | None:
    if not name or name.strip().lower() in _UNKNOWN:
        return None
    return pattern.sub("", name.strip()) or None


# ACLED appends the period of a state actor's government, e.g. "Military Forces of Pakistan (2018-2022)",
# sometimes followed by a unit ("... (2022-) Frontier Corps"); the actor is the part before the period.
_ACLED_PERIOD = re.compile(r"\s*\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\).*$")


@lru_cache(maxsize=_SEEN_VALUES)
def acled_actor(name: str | None) -> str | None:
    """An ACLED actor name without its period (and the unit that may follow it)."""
    if not name or not name.strip():
        return None
    return _ACLED_PERIOD.sub("", name.strip()) or name.strip()


_SOURCE_SEPARATOR = re.compile(r"[;\n]")


@lru_cache(maxsize=_SEEN_VALUES)
def _source_names(value: str) -> tuple[str, ...]:
    names = [n.strip() for n in _SOURCE_SEPARATOR.split(value)]
    return tuple(name[:256] for name in dict.fromkeys(n for n in names if n))


def _sources(value: str | None, external_id: str) -> tuple[Source, ...]:
    if not value:
        return ()
    return tuple([Source(doc_id=external_id, outlet=name) for name in _source_names(value)])


# --------------------------------------------------------------------------- ACLED

_ACLED_PRECISION = {"1": "day", "2": "week", "3": "month"}


def _acled(row: Row, external_id: str) -> Fields:
    precision = _ACLED_PRECISION.get((row.get("time_precision") or "1").strip(), "day")
    geo = _count(row, "geo_precision")
    return {
        "event_date": _day(_text(row, "event_date"), "event_date"), "date_precision": precision,
        "event_type": _text(row, "event_type"), "sub_event_type": _text(row, "sub_event_type"),
        "actor1": acled_actor(row.get("actor1")), "actor2": acled_actor(row.get("actor2")),
        "country": _text(row, "country"), "admin1": admin1_today(row.get("admin1")),
        "admin2": _text(row, "admin2"),
        "location": _text(row, "location"), "latitude": _coordinate(row, "latitude", 90),
        "longitude": _coordinate(row, "longitude", 180), "geo_precision": geo if geo in (1, 2, 3) else None,
        "fatalities": _count(row, "fatalities"), "evidence": _text(row, "notes") or "",
        "sources": _sources(row.get("source"), external_id),
    }


# --------------------------------------------------------------------------- UCDP GED

_UCDP_DATE = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}
_UCDP_WHERE = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3, "6": 3, "7": 3}
_GOVERNMENT = re.compile(r"^Government of (?:the )?(.+)$", re.I)


def ucdp_actor(side: str | None, country: str | None) -> str | None:
    """A UCDP side in ACLED style: a government acts through its military forces; civilians get a country."""
    if not side or not side.strip():
        return None
    side = side.strip()
    if m := _GOVERNMENT.match(side):
        return f"Military Forces of {m.group(1)}"
    if side.lower() == "civilians" and country:
        return f"Civilians ({country})"
    return side


def _ucdp(row: Row, external_id: str) -> Fields:
    country = _text(row, "country")
    kind = (row.get("type_of_violence") or "").strip()
    best, low, high = _count(row, "best"), _count(row, "low"), _count(row, "high")
    return {
        "event_date": _day(_text(row, "date_start"), "date_start"),
        "date_precision": _UCDP_DATE.get((row.get("date_prec") or "1").strip(), "day"),
        # Only one-sided violence maps cleanly onto the ACLED types; state-based and non-state
        # conflict events can be battles, strikes or bombings, so their type is left open.
        "event_type": "Violence against civilians" if kind == "3" else None,
        "actor1": ucdp_actor(row.get("side_a"), country), "actor2": ucdp_actor(row.get("side_b"), country),
        "country": country, "admin1": admin1_today(row.get("adm_1")),
        "admin2": _place(row.get("adm_2"), _ADMIN_SUFFIX),
        "location": _place(row.get("where_coordinates"), _PLACE_SUFFIX),
        "latitude": _coordinate(row, "latitude", 90), "longitude": _coordinate(row, "longitude", 180),
        "geo_precision": _UCDP_WHERE.get((row.get("where_prec") or "").strip()),
        "fatalities": best, "fatalities_low": low if low is not None else best,
        "fatalities_high": high if high is not None else best,
        "evidence": _text(row, "source_headline") or "",
        "sources": _sources(row.get("source_office"), external_id),
    }


# --------------------------------------------------------------------------- GTD

_GTD_SPECIFICITY = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3}
_STATE_TARGETS = {"military": "Military Forces of {c}", "police": "Police Forces of {c}"}
_ARMED_TARGETS = frozenset({"military", "police", "terrorists/non-state militia"})


def _gtd_type(row: Row) -> tuple[str | None, str | None]:
    """ACLED event type and sub-type from the GTD attack type (the crosswalk in CODEBOOK.md)."""
    attack = (row.get("attacktype1_txt") or "").strip().lower()
    weapon = (row.get("weapsubtype1_txt") or "").strip().lower()
    target = (row.get("targtype1_txt") or "").strip().lower()
    if attack == "bombing/explosion":
        if (row.get("suicide") or "").strip() == "1":
            return "Explosions/Remote violence", "Suicide bomb"
        if weapon == "grenade":
            return "Explosions/Remote violence", "Grenade"
        if weapon.startswith("projectile"):
            return "Explosions/Remote violence", "Shelling/artillery/missile attack"
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    if attack in ("armed assault", "assassination"):
        if target in _ARMED_TARGETS:
            return "Battles", "Armed clash"
        return "Violence against civilians", "Attack"
    if attack == "unarmed assault":
        return "Violence against civilians", "Attack"
    if attack.startswith(("hostage taking", "hijacking")):
        return "Violence against civilians", "Abduction/forced disappearance"
    if attack == "facility/infrastructure attack":
        return "Strategic developments", "Looting/property destruction"
    return None, None


def _gtd_date(row: Row) -> tuple[date | None, str | None]:
    year, month, day = (_count(row, k) for k in ("iyear", "imonth", "iday"))
    if not year:
        raise RowError("iyear is missing")
    try:
        if month and day:
            return date(year, month, day), "day"
        if month:
            return date(year, month, 1), "month"
        return date(year, 1, 1), "year"
    except ValueError as exc:
        raise RowError(f"iyear/imonth/iday do not form a date: {exc}") from None


def _gtd(row: Row, external_id: str) -> Fields:
    country = _text(row, "country_txt")
    event_date, precision = _gtd_date(row)
    event_type, sub_type = _gtd_type(row)
    group = _text(row, "gname")
    named = group if group and group.lower() not in _UNKNOWN else None
    target = (row.get("targtype1_txt") or "").strip().lower()
    if target in _STATE_TARGETS and country:
        actor2: str | None = _STATE_TARGETS[target].format(c=country)
    elif target and target not in _ARMED_TARGETS and target not in _UNKNOWN and country:
        actor2 = f"Civilians ({country})"
    else:
        actor2 = None
    return {
        "event_date": event_date, "date_precision": precision,
        "event_type": event_type, "sub_event_type": sub_type,
        "actor1": named or (f"Unidentified Armed Group ({country})" if country else None), "actor2": actor2,
        "country": country, "admin1": admin1_today(row.get("provstate")),
        "location": _place(row.get("city"), _PLACE_SUFFIX),
        "latitude": _coordinate(row, "latitude", 90), "longitude": _coordinate(row, "longitude", 180),
        "geo_precision": _GTD_SPECIFICITY.get((row.get("specificity") or "").strip()),
        "fatalities": _count(row, "nkill"), "wounded": _count(row, "nwound"),
        "responsibility": named if (row.get("claimed") or "").strip() == "1" else None,
        "evidence": _text(row, "summary") or "",
    }


register_importer(Importer("acled", frozenset({"event_date", "event_type", "sub_event_type", "actor1",
                                               "fatalities"}), "event_id_cnty", _acled))
register_importer(Importer("ucdp", frozenset({"type_of_violence", "side_a", "side_b", "best", "date_start"}),
                           "id", _ucdp))
register_importer(Importer("gtd", frozenset({"iyear", "imonth", "iday", "attacktype1_txt"}), "eventid", _gtd))


# --------------------------------------------------------------------------- reading files

def _csv_lines(path: Path, errors: list[InputError], max_bytes: int) -> Iterator[str]:
    for _, line in iter_lines(path, max_bytes):
        if isinstance(line, InputError):
            errors.append(line)
            continue
        yield line


def iter_events(path: str | Path, *, dataset: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Event | InputError]:
    """Events of a dataset export, and an ``InputError`` for every row that cannot be read."""
    path = Path(path)
    where = str(path)
    if not path.is_file():
        yield InputError("no such file", path=where, reason="not_found")
        return
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    errors: list[InputError] = []
    reader = csv.reader(_csv_lines(path, errors, max_bytes))
    try:
        header = next(reader)
    except StopIteration:
        yield from errors or [InputError("file is empty", path=where, reason="is_empty")]
        return
    except csv.Error as exc:
        yield InputError(f"malformed CSV header: {exc}", path=where, line=1, reason="malformed_csv")
        return
    yield from errors
    errors.clear()
    names = [h.strip().lower().lstrip("\ufeff") for h in header]
    importer = IMPORTERS.get(dataset) if dataset else detect_format(names)
    if importer is None:
        known = ", ".join(sorted(IMPORTERS))
        what = f"unknown dataset {dataset!r}" if dataset else "the header matches no known dataset"
        yield InputError(f"{what} (known: {known})", path=where, line=1, reason="unknown_format")
        return
    seen: set[str] = set()
    copies: dict[str, int] = {}
    line = 1
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield InputError(f"malformed CSV: {exc}", path=where, line=start, reason="malformed_csv")
            line = reader.line_num
            continue
        line = reader.line_num
        yield from errors
        errors.clear()
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(names):
            yield InputError(f"row has {len(cells)} fields but the header has {len(names)}", path=where,
                             line=start, reason="malformed_csv")
            continue
        row = dict(zip(names, cells, strict=True))
        yield _convert(importer, row, where, start, seen=seen, copies=copies)


def _convert(importer: Importer, row: Row, where: str, line: int, *, seen: set[str],
             copies: dict[str, int]) -> Event | InputError:
    external_id = (row.get(importer.id_column) or "").strip() if importer.id_column else ""
    if external_id.endswith(".0") and external_id[:-2].isdigit():
        external_id = external_id[:-2]  # ids saved by a spreadsheet as floats
    if not external_id:
        # Without ids, identical rows are distinct events coded alike (two bombs, same day, same town):
        # the n-th copy gets "-n", which keeps keys stable when the same file is imported again.
        key = _row_hash(row)
        copies[key] = copies.get(key, 0) + 1
        external_id = key if copies[key] == 1 else f"{key}-{copies[key]}"
    if len(external_id) > 64:
        return InputError(f"id is {len(external_id)} characters long (at most 64)", path=where, line=line,
                          reason="bad_value")
    if external_id in seen:
        return InputError(f"{importer.name} id {external_id} appears twice in the file; the later row is "
                          "skipped", path=where, line=line, reason="duplicate_id")
    seen.add(external_id)
    try:
        fields = importer.convert(row, external_id)
    except RowError as exc:
        return InputError(str(exc), path=where, line=line, reason="bad_value")
    return Event(**fields, origin="imported", dataset=importer.name, external_id=external_id, raw=row,
                 event_id=f"{importer.name}-{external_id}"[:40])


class EventSink(Protocol):
    """Where imported events go (the store's ``save_imported``)."""

    def save_imported(self, events: Iterable[Event], batch_size: int = ...) -> tuple[int, int]: ...


@dataclass(slots=True)
class ImportResult:
    path: str
    new: int = 0
    updated: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


def import_file(sink: EventSink, path: str | Path, *, dataset: str | None = None, batch_size: int = 5000,
                on_error: Callable[[InputError], Any] | None = None) -> ImportResult:
    """Stream a dataset export into ``sink`` in batches; bad rows are collected and passed to ``on_error``."""
    result = ImportResult(str(path))

    def events() -> Iterator[Event]:
        for item in iter_events(path, dataset=dataset):
            if isinstance(item, InputError):
                result.errors.append(item)
                if on_error is not None:
                    on_error(item)
                continue
            yield item

    result.new, result.updated = sink.save_imported(events(), batch_size=batch_size)
    return result
