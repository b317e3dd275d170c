"""Domain records that flow through the pipeline.

Every stage exchanges these frozen dataclasses; pydantic models appear only at the API edge.
Field names follow the ``sitrep extract`` contract in DESIGN.md.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal

DatePrecision = Literal["day", "week", "month", "year"]
Certainty = Literal["reported", "claimed", "disputed", "unconfirmed"]
ClaimKind = Literal["casualties", "responsibility", "denial"]

CERTAINTIES: tuple[str, ...] = ("reported", "claimed", "disputed", "unconfirmed")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")


def normalise_text(text: str) -> str:
    """Canonical form of a text used for hashing: NFC, unified newlines, collapsed blank space."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """Stable key of a document: SHA-256 of its normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Document:
    """One report as it came in.

    ``doc_id`` is the id the document came in with (JSONL ``id``, file name, or URL);
    ``content_hash`` is the storage key, so the same text under two names is stored once.
    """

    doc_id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None
    language: str | None = None
    origin: str | None = None  # file path (and line) or feed the document was read from
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.text))


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a field was read from, with its character span in the document text."""

    field: str
    text: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure or a statement that the text attributes to someone.

    ``kind`` is ``casualties`` (killed/wounded figures), ``responsibility`` (a group claims the
    attack) or ``denial`` (a group denies it).
    """

    kind: ClaimKind
    claimant: str | None
    fatalities: int | None = None
    wounded: int | None = None
    group: str | None = None  # for responsibility and denial
    text: str = ""
    doc_id: str | None = None
    published_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["published_at"] = self.published_at.isoformat() if self.published_at else None
        return out


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved location."""

    name: str
    country: str
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    kind: str = "town"  # town, district, province, country, crossing, area
    population: int = 0
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor of the dictionary."""

    name: str  # ACLED-style canonical name
    kind: str  # state, rebel, militia, civilians, protesters, rioters, unidentified, external
    country: str | None = None
    aliases: tuple[str, ...] = ()
    short: str | None = None


@dataclass(frozen=True, slots=True)
class EventFields:
    """The coded fields that a mention and an event share (the extract contract)."""

    event_date: date | None = None
    date_precision: DatePrecision | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    wounded: int | None = None
    responsibility: str | None = None
    denied_by: tuple[str, ...] = ()
    certainty: Certainty = "reported"


FIELD_NAMES: tuple[str, ...] = tuple(EventFields.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class Mention(EventFields):
    """One event as one report states it, with the evidence for each field."""

    doc_id: str = ""
    content_hash: str = ""
    index: int = 0  # position of this mention within its document
    claims: tuple[Claim, ...] = ()
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
    published_at: datetime | None = None

    @property
    def mention_key(self) -> str:
        """Stable key: the document's content hash and the mention's position in it."""
        return f"{self.content_hash[:16]}:{self.index}"

    @property
    def evidence_text(self) -> str:
        """All distinct evidence sentences, in document order, joined."""
        seen: dict[str, int] = {}
        for ev in self.evidence:
            seen.setdefault(ev.text, ev.start)
        return " ".join(t for t, _ in sorted(seen.items(), key=lambda kv: kv[1]))

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the ``sitrep extract`` contract (plus a few extra fields)."""
        out: dict[str, Any] = {"doc_id": self.doc_id}
        for name in FIELD_NAMES:
            value = getattr(self, name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            out[name] = value
        out["claims"] = [c.to_dict() for c in self.claims]
        out["evidence"] = self.evidence_text
        out["evidence_by_field"] = {ev.field: ev.text for ev in self.evidence}
        out["mention_index"] = self.index
        return out


@dataclass(frozen=True, slots=True)
class Source:
    """A document that reports an event."""

    doc_id: str
    url: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Event(EventFields):
    """Linked mentions with reconciled fields."""

    event_id: str = ""
    mention_keys: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    claims: tuple[Claim, ...] = ()
    evidence: str = ""
    first_reported: datetime | None = None
    last_reported: datetime | None = None
    explanation: str = ""  # how the best fatality estimate was chosen
    origin: str = "extracted"  # or "imported" from a human-coded dataset
    dataset: str | None = None  # acled, ucdp or gtd for imported events
    external_id: str | None = None  # the event's id in that dataset
    raw: dict[str, Any] | None = None  # the original coding of an imported event, as it came
