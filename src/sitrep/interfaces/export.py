"""Output formats for events and mentions: JSON lines, CSV, GeoJSON and a rich table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TextIO

from sitrep.domain import FIELD_NAMES, Event, Mention

CSV_FIELDS = ("event_id", *FIELD_NAMES, "n_sources", "sources", "evidence")


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def event_to_dict(event: Event) -> dict[str, Any]:
    """An event in the shape of the ``sitrep events --format jsonl`` contract."""
    out: dict[str, Any] = {"event_id": event.event_id,
                           "doc_id": event.sources[0].doc_id if event.sources else event.external_id}
    out.update({name: _plain(getattr(event, name)) for name in FIELD_NAMES})
    out["sources"] = [{"doc_id": s.doc_id, "url": s.url, "outlet": s.outlet,
                       "published_at": _plain(s.published_at)} for s in event.sources]
    out["claims"] = [c.to_dict() for c in event.claims]
    out["evidence"] = event.evidence
    out["n_sources"] = len(event.sources)
    out["first_reported"] = _plain(event.first_reported)
    out["last_reported"] = _plain(event.last_reported)
    out["explanation"] = event.explanation
    return out


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[Event], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for e in events:
        row = event_to_dict(e)
        row["denied_by"] = "; ".join(row["denied_by"])
        row["sources"] = "; ".join(s["url"] or s["doc_id"] for s in row["sources"])
        writer.writerow(row)
        n += 1
    return n


def geojson(events: Iterable[Event]) -> dict[str, Any]:
    """A FeatureCollection of the events that have coordinates."""
    features = []
    for e in events:
        if e.latitude is None or e.longitude is None:
            continue
        props = event_to_dict(e)
        features.append({"type": "Feature", "id": e.event_id,
                         "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def mention_rows(mentions: Iterable[Mention]) -> Iterable[dict[str, Any]]:
    for m in mentions:
        yield m.to_dict()


def csv_text(events: list[Event]) -> str:
    buf = io.StringIO()
    write_csv(events, buf)
    return buf.getvalue()
