"""Readers of human-coded gold data: GTD, ACLED and UCDP GED exports, and sitrep's own gold JSONL.

Each reader yields ``GoldDoc``s: the text as a ``Document`` and the events a person coded from it, with the
fields renamed to the extract contract. Former province names are mapped to today's.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sitrep.domain import Document
from sitrep.errors import InputError

FORMER_ADMIN1 = {
    "north-west frontier province": "Khyber Pakhtunkhwa", "nwfp": "Khyber Pakhtunkhwa",
    "federally administered tribal areas": "Khyber Pakhtunkhwa", "fata": "Khyber Pakhtunkhwa",
    "khyber pakhtunkhwa": "Khyber Pakhtunkhwa", "baluchistan": "Balochistan", "balochistan": "Balochistan",
    "azad jammu & kashmir": "Azad Kashmir", "azad jammu and kashmir": "Azad Kashmir",
    "islamabad capital territory": "Islamabad", "federal capital territory": "Islamabad",
    "gilgit-baltistan": "Gilgit-Baltistan", "northern areas": "Gilgit-Baltistan",
}
NOT_PERPETRATORS = ("Unidentified", "Civilians", "Protesters", "Rioters")
_YEARS = re.compile(r"\s*\((?:\d{4})?-?(?:\d{4})?\)\s*$")


def perpetrator_of(sub_event_type: str | None, actor1: str | None, actor2: str | None,
                   responsibility: str | None) -> str | None:
    """The perpetrator as GTD codes it: the claiming group, else the named attacker, which is actor1, or
    actor2 when actor1 is the force that stopped the attack (disrupted weapons use)."""
    attacker = actor2 if sub_event_type == "Disrupted weapons use" else actor1
    named = attacker if attacker and not str(attacker).startswith(NOT_PERPETRATORS) else None
    return responsibility or named


def today_admin1(name: str | None) -> str | None:
    """Today's name of a province (NWFP and FATA are Khyber Pakhtunkhwa since 2018)."""
    if not name or name.strip().lower() in ("", "unknown"):
        return None
    key = re.sub(r"\s+province$", "", name.strip(), flags=re.IGNORECASE).lower()
    return FORMER_ADMIN1.get(key, name.strip())


def strip_years(actor: str | None) -> str | None:
    """ACLED actor names carry periods, e.g. 'Military Forces of Pakistan (2018-)'."""
    if not actor:
        return None
    return _YEARS.sub("", actor).strip() or None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    document: Document
    events: list[dict[str, Any]] = field(default_factory=list)
    line: int = 0


def _num(value: str | None) -> int | None:
    if value is None or value.strip() == "":
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _noon(d: date) -> datetime:
    return datetime.combine(d, time(12), tzinfo=UTC)


def detect_kind(path: Path) -> str:
    """``sitrep``, ``gtd``, ``acled`` or ``ucdp`` from the file's suffix and header."""
    if path.suffix.lower() == ".jsonl":
        return "sitrep"
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        header = set(next(csv.reader(fh), []))
    if {"summary", "nkill"} <= header:
        return "gtd"
    if {"notes", "event_type", "sub_event_type"} <= header:
        return "acled"
    if {"source_headline", "best"} <= header:
        return "ucdp"
    raise InputError(f"cannot tell the gold format from the header (columns: {', '.join(sorted(header)[:12])})",
                     path=str(path), line=1, reason="unknown_format")


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        yield from enumerate(csv.DictReader(fh), start=2)


def read_gtd(path: Path) -> Iterator[GoldDoc]:
    for line, row in _rows(path):
        text = (row.get("summary") or "").strip()
        year, month, day = _num(row.get("iyear")), _num(row.get("imonth")), _num(row.get("iday"))
        if not text or not year:
            continue
        when = date(year, month or 1, day or 1)
        gname = (row.get("gname") or "").strip()
        event = {
            "event_date": when.isoformat() if month and day else None,
            "date_precision": "day" if month and day else ("month" if month else "year"),
            "country": row.get("country_txt") or None, "admin1": today_admin1(row.get("provstate")),
            "location": row.get("city") if row.get("city") not in (None, "", "Unknown") else None,
            "latitude": _float(row.get("latitude")), "longitude": _float(row.get("longitude")),
            "specificity": _num(row.get("specificity")),
            "fatalities": _num(row.get("nkill")), "wounded": _num(row.get("nwound")),
            "perpetrator": None if gname in ("", "Unknown") else gname,
            "attacktype": row.get("attacktype1_txt") or None, "success": _num(row.get("success")),
            # GTD lists up to three attack types, the first by its hierarchy (kidnapping above bombing above
            # armed assault), not by what the incident mostly was
            "attacktypes": [t for t in (row.get(f"attacktype{i}_txt") for i in (1, 2, 3)) if t],
        }
        doc_id = row.get("eventid") or f"{path.stem}:{line}"
        yield GoldDoc(Document(doc_id=doc_id, text=text, published_at=_noon(when), origin=f"{path}:{line}"),
                      [event], line)


def read_acled(path: Path) -> Iterator[GoldDoc]:
    for line, row in _rows(path):
        text = (row.get("notes") or "").strip()
        if not text or not row.get("event_date"):
            continue
        when = date.fromisoformat(row["event_date"][:10])
        event = {
            "event_date": when.isoformat(), "date_precision": "day",
            "event_type": row.get("event_type") or None, "sub_event_type": row.get("sub_event_type") or None,
            "actor1": strip_years(row.get("actor1")), "actor2": strip_years(row.get("actor2")),
            "country": row.get("country") or None, "admin1": today_admin1(row.get("admin1")),
            "admin2": row.get("admin2") or None, "location": row.get("location") or None,
            "latitude": _float(row.get("latitude")), "longitude": _float(row.get("longitude")),
            "fatalities": _num(row.get("fatalities")),
        }
        doc_id = row.get("event_id_cnty") or f"{path.stem}:{line}"
        yield GoldDoc(Document(doc_id=doc_id, text=text, published_at=_noon(when), origin=f"{path}:{line}"),
                      [event], line)


def read_ucdp(path: Path) -> Iterator[GoldDoc]:
    for line, row in _rows(path):
        text = (row.get("source_headline") or "").strip()
        if not text or not row.get("date_start"):
            continue
        start = date.fromisoformat(row["date_start"][:10])
        published = row.get("source_date") or ""
        try:
            pub = _noon(date.fromisoformat(published[:10])) if published else _noon(start)
        except ValueError:
            pub = _noon(start)
        event = {
            "event_date": start.isoformat(), "date_precision": "day" if row.get("date_prec") == "1" else "week",
            "country": row.get("country") or None,
            "admin1": today_admin1((row.get("adm_1") or "").split(" province")[0]),
            "latitude": _float(row.get("latitude")), "longitude": _float(row.get("longitude")),
            "fatalities": _num(row.get("best")), "fatalities_low": _num(row.get("low")),
            "fatalities_high": _num(row.get("high")),
            "actor1": row.get("side_a") or None, "actor2": row.get("side_b") or None,
        }
        doc_id = row.get("id") or f"{path.stem}:{line}"
        yield GoldDoc(Document(doc_id=str(doc_id), text=text, published_at=pub, origin=f"{path}:{line}"),
                      [event], line)


def read_sitrep(path: Path) -> Iterator[GoldDoc]:
    from sitrep.sources.files import parse_published

    with path.open(encoding="utf-8") as fh:
        for line, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise InputError(f"not JSON: {exc.msg}", path=str(path), line=line, reason="malformed_json") from exc
            doc = Document(doc_id=str(obj["id"]), text=obj["text"], title=obj.get("title"), url=obj.get("url"),
                           outlet=obj.get("outlet"), published_at=parse_published(obj.get("published_at")),
                           origin=f"{path}:{line}")
            events = [dict(e) for e in obj.get("events", [])]
            for e in events:  # the perpetrator as GTD codes it
                if "perpetrator" not in e:
                    e["perpetrator"] = perpetrator_of(e.get("sub_event_type"), e.get("actor1"), e.get("actor2"),
                                                      e.get("responsibility"))
            yield GoldDoc(doc, events, line)


READERS = {"gtd": read_gtd, "acled": read_acled, "ucdp": read_ucdp, "sitrep": read_sitrep}


def read_gold(path: Path, kind: str | None = None) -> tuple[str, Iterator[GoldDoc]]:
    kind = kind or detect_kind(path)
    if kind not in READERS:
        raise InputError(f"unknown gold format {kind!r}; use one of {', '.join(READERS)}", path=str(path))
    return kind, READERS[kind](path)
