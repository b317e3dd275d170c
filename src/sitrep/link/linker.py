"""Linking: which mentions describe the same event.

Blocking keeps the cost near-linear: a mention is compared only with events of the same country whose
dates lie within ``window_days``. The score weighs date distance, distance in km (or shared admin
areas), type, actors, figures and the wording of the evidence; the best candidate above ``threshold``
wins, else the mention starts a new event. Two mentions of one document never join one event: the
extractor already decided they are different events.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from rapidfuzz import fuzz

from sitrep.domain import Mention

REJECT = -1.0
_EPOCH = datetime(1900, 1, 1, tzinfo=UTC)


def new_event_id(mention: Mention) -> str:
    """Stable id of an event founded by ``mention`` (survives re-runs on the same text)."""
    return "ev-" + hashlib.sha1(mention.mention_key.encode()).hexdigest()[:12]  # noqa: S324 - an id, not a secret


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def anchor_date(m: Mention) -> date | None:
    if m.event_date:
        return m.event_date
    return m.published_at.date() if m.published_at else None


@dataclass(slots=True)
class Cluster:
    """An event being linked: its id and the mentions it holds so far."""

    event_id: str
    mentions: list[Mention] = field(default_factory=list)
    is_new: bool = False

    @property
    def doc_hashes(self) -> set[str]:
        return {m.content_hash for m in self.mentions}


@dataclass(frozen=True, slots=True)
class LinkConfig:
    window_days: int = 3
    threshold: float = 0.55
    max_km: float = 60.0


def _place_score(a: Mention, b: Mention, cfg: LinkConfig) -> float:
    if a.country and b.country and a.country != b.country:
        return REJECT
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return REJECT
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        dist = km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        fine = (a.geo_precision or 3) <= 2 and (b.geo_precision or 3) <= 2
        if fine and dist > cfg.max_km:
            return REJECT
        if dist <= 10:
            return 1.0
        if dist <= 30:
            return 0.7
        if fine:
            return 0.3
    if a.admin2 and b.admin2:
        return 0.8 if a.admin2 == b.admin2 else 0.1
    if a.admin1 and a.admin1 == b.admin1:
        return 0.4
    return 0.2


def _figure_score(x: int | None, y: int | None) -> float:
    if x is None or y is None:
        return 0.5
    if x == y:
        return 1.0
    lo, hi = sorted((x, y))
    return 0.7 if hi <= 2 * lo + 3 else 0.3


def score(a: Mention, b: Mention, cfg: LinkConfig = LinkConfig()) -> float:
    """Similarity of two mentions in [0, 1], or ``REJECT`` when they cannot be the same event."""
    da, db = anchor_date(a), anchor_date(b)
    if da and db:
        days = abs((da - db).days)
        if days > cfg.window_days:
            return REJECT
        s_date = 1.0 - days / (cfg.window_days + 1)
    else:
        s_date = 0.3
    s_place = _place_score(a, b, cfg)
    if s_place == REJECT:
        return REJECT
    if a.event_type and b.event_type and a.event_type != b.event_type:
        violent = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
        if not (a.event_type in violent and b.event_type in violent):
            return REJECT
        s_type = 0.2
    elif a.sub_event_type and a.sub_event_type == b.sub_event_type:
        s_type = 1.0
    else:
        s_type = 0.6
    actors_a = {x for x in (a.actor1, a.actor2) if x}
    actors_b = {x for x in (b.actor1, b.actor2) if x}
    s_actor = len(actors_a & actors_b) / len(actors_a | actors_b) if actors_a and actors_b else 0.4
    s_fig = _figure_score(a.fatalities, b.fatalities)
    s_text = fuzz.token_set_ratio(a.evidence_text[:600], b.evidence_text[:600]) / 100.0
    return (0.22 * s_date + 0.28 * s_place + 0.16 * s_type + 0.12 * s_actor + 0.08 * s_fig
            + 0.14 * s_text)


def _cluster_score(m: Mention, cluster: Cluster, cfg: LinkConfig) -> float:
    if m.content_hash in cluster.doc_hashes:
        return REJECT
    scores = [score(m, other, cfg) for other in cluster.mentions[-8:]]
    if any(s == REJECT for s in scores):
        return REJECT
    return max(scores) if scores else REJECT


class Linker:
    """Incremental linker over a set of existing clusters."""

    def __init__(self, clusters: Iterable[Cluster] = (), config: LinkConfig | None = None) -> None:
        self.config = config or LinkConfig()
        self._blocks: dict[tuple[str | None, date | None], list[Cluster]] = defaultdict(list)
        for c in clusters:
            self._index(c)

    def _key(self, m: Mention) -> tuple[str | None, date | None]:
        return (m.country, anchor_date(m))

    def _index(self, cluster: Cluster) -> None:
        seen = set()
        for m in cluster.mentions:
            key = self._key(m)
            if key not in seen:
                self._blocks[key].append(cluster)
                seen.add(key)

    def _candidates(self, m: Mention) -> list[Cluster]:
        country, day = self._key(m)
        if day is None:
            return []
        out: dict[int, Cluster] = {}
        countries = {country, None} if country else {None}
        for c in countries:
            for delta in range(-self.config.window_days, self.config.window_days + 1):
                for cluster in self._blocks.get((c, day + timedelta(days=delta)), ()):
                    out[id(cluster)] = cluster
        return list(out.values())

    def add(self, m: Mention) -> tuple[Cluster, float | None]:
        """Put ``m`` into the best matching cluster or a new one; returns the cluster and the score."""
        best, best_score = None, self.config.threshold
        for cluster in self._candidates(m):
            s = _cluster_score(m, cluster, self.config)
            if s >= best_score:
                best, best_score = cluster, s
        if best is None:
            cluster = Cluster(new_event_id(m), [m], is_new=True)
            self._index(cluster)
            return cluster, None
        best.mentions.append(m)
        key = self._key(m)
        if best not in self._blocks[key]:
            self._blocks[key].append(best)
        return best, best_score


def link(mentions: Iterable[Mention], clusters: Iterable[Cluster] = (),
         config: LinkConfig | None = None) -> list[tuple[Mention, Cluster, float | None]]:
    """Link ``mentions`` (oldest report first) into ``clusters``; returns each mention's cluster."""
    linker = Linker(clusters, config)
    ordered = sorted(mentions, key=lambda m: ((m.published_at or _EPOCH).isoformat(), m.mention_key))
    return [(m, *linker.add(m)) for m in ordered]
