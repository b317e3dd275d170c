"""Linking: which mentions describe the same event.

Blocking keeps the cost near-linear: a mention is compared only with events of the same country and
province (or of unknown province) whose dates lie within ``window_days`` (wider for a mention dated only
to a week or a month). The score has two parts. Place, type, actors, figures and wording give a weighted
similarity; the distance between two exact dates then scales it down, because two reports of one attack
almost always agree on the day, while the same place attacked again two days later is common. The best
candidate above ``threshold`` wins, else the mention starts a new event.

Two mentions of one document never join one event (the extractor already decided they are different
events); the same mention seen again (the same text under another URL) goes back to its event.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from sitrep.domain import Mention, distance_km

REJECT = -1.0
_EPOCH = datetime(1900, 1, 1, tzinfo=UTC)
_TEXT_CHARS = 400
# A large cluster is compared through one mention of each kind (type, sub-type, place precision, date) and its
# latest mentions, so that cost stays flat and a report of an unusual kind still finds its like.
_CLUSTER_SAMPLE = 8
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_STATE_PREFIXES = ("Military Forces of", "Police Forces of", "Government of", "Civilians", "Protesters",
                   "Rioters")
_PRECISION_DAYS = {"day": 0, "week": 7, "month": 31, "year": 366}
# How much a gap between two day-precise dates lowers the similarity (index = days apart).
_DAY_FACTOR = (1.0, 0.85, 0.6, 0.4)
_COARSE_DATE_FACTOR = 0.8
# Weights of the date-free similarity; they sum to 1.
_W_PLACE, _W_TYPE, _W_ACTOR, _W_FIG, _W_TEXT = 0.30, 0.24, 0.14, 0.14, 0.18


def new_event_id(mention: Mention) -> str:
    """Stable id of an event founded by ``mention`` (survives re-runs on the same text)."""
    return "ev-" + hashlib.sha1(mention.mention_key.encode()).hexdigest()[:12]  # noqa: S324 - an id, not a secret



def anchor_date(m: Mention) -> date | None:
    if m.event_date:
        return m.event_date
    return m.published_at.date() if m.published_at else None


def _span_days(m: Mention) -> int:
    """Uncertainty of a mention's date in days: 0 for an exact day, more for week/month, 1 if guessed."""
    if m.event_date is None:
        return 1  # the publication date stands in; the event is usually the day before or the same day
    return _PRECISION_DAYS.get(m.date_precision or "day", 0)


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
    fine = (a.geo_precision or 3) <= 2 and (b.geo_precision or 3) <= 2
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        dist = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        if fine and dist > cfg.max_km:
            return REJECT
        if dist <= 10:
            return 1.0
        if dist <= 30:
            return 0.7
    if a.admin2 and b.admin2:
        if a.admin2 == b.admin2:
            return 0.8
        return -0.5 if fine else 0.2  # two districts named precisely are two places: counts against
    if a.admin1 and a.admin1 == b.admin1:
        return 0.5  # one side names only the province: compatible, not informative
    return 0.3


def _type_score(a: Mention, b: Mention) -> float:
    if a.event_type and b.event_type and a.event_type != b.event_type:
        if a.event_type in _VIOLENT and b.event_type in _VIOLENT:
            return 0.1  # reports disagree on how to file one fight more often than not, so not a veto
        return REJECT
    if a.sub_event_type and b.sub_event_type:
        return 1.0 if a.sub_event_type == b.sub_event_type else 0.3
    return 0.6


def _armed_group(name: str) -> bool:
    return not name.startswith(_STATE_PREFIXES) and not name.startswith("Unidentified")


def _actor_match(x: str, y: str) -> float:
    if x == y:
        return 1.0
    # An early report's "gunmen" is often the group that claims the attack later.
    if (x.startswith("Unidentified") and _armed_group(y)) or (y.startswith("Unidentified") and _armed_group(x)):
        return 0.6
    return 0.0


def _actor_score(a: Mention, b: Mention) -> float:
    xs = [x for x in (a.actor1, a.actor2) if x]
    ys = [y for y in (b.actor1, b.actor2) if y]
    if not xs or not ys:
        return 0.5
    short, long_ = (xs, ys) if len(xs) <= len(ys) else (ys, xs)
    return sum(max(_actor_match(x, y) for y in long_) for x in short) / len(long_)


def _figure_score(a: Mention, b: Mention) -> float:
    """Agreement of death tolls; a toll that rises in a later report is normal, one that falls is not."""
    x, y = a.fatalities, b.fatalities
    if x is None or y is None:
        return 0.5
    if x == y:
        return 1.0
    lo, hi = sorted((x, y))
    if hi <= 2 * lo + 3:
        return 0.7
    first, later = (a, b) if (a.published_at or _EPOCH) <= (b.published_at or _EPOCH) else (b, a)
    rising = (later.fatalities or 0) > (first.fatalities or 0)
    return 0.4 if rising else 0.0


def _date_factor(a: Mention, b: Mention, cfg: LinkConfig) -> float:
    da, db = anchor_date(a), anchor_date(b)
    if not (da and db):
        return _COARSE_DATE_FACTOR
    days = abs((da - db).days)
    span = max(_span_days(a), _span_days(b))
    if days > max(cfg.window_days, span):
        return REJECT
    if span:
        return _COARSE_DATE_FACTOR
    return _DAY_FACTOR[days] if days < len(_DAY_FACTOR) else _DAY_FACTOR[-1]


def _text(m: Mention) -> str:
    return default_process(m.evidence_text[:_TEXT_CHARS])


def _score(a: Mention, b: Mention, cfg: LinkConfig, ta: str, tb: str) -> float:
    factor = _date_factor(a, b, cfg)
    if factor == REJECT:
        return REJECT
    s_place = _place_score(a, b, cfg)
    if s_place == REJECT:
        return REJECT
    s_type = _type_score(a, b)
    if s_type == REJECT:
        return REJECT
    s_text = fuzz.token_set_ratio(ta, tb) / 100.0 if ta and tb else 0.4
    return factor * (_W_PLACE * s_place + _W_TYPE * s_type + _W_ACTOR * _actor_score(a, b)
                     + _W_FIG * _figure_score(a, b) + _W_TEXT * s_text)


def score(a: Mention, b: Mention, cfg: LinkConfig = LinkConfig()) -> float:
    """Similarity of two mentions in [0, 1], or ``REJECT`` when they cannot be the same event."""
    return _score(a, b, cfg, _text(a), _text(b))


def _kind(m: Mention) -> tuple[str | None, str | None, int | None, date | None]:
    return (m.event_type, m.sub_event_type, m.geo_precision, m.event_date)


def _add_once(clusters: list[Cluster], cluster: Cluster) -> None:
    # identity, not dataclass equality: two clusters may hold equal-looking mentions
    if not any(c is cluster for c in reversed(clusters)):
        clusters.append(cluster)


class Linker:
    """Incremental linker over a set of existing clusters."""

    def __init__(self, clusters: Iterable[Cluster] = (), config: LinkConfig | None = None) -> None:
        self.config = config or LinkConfig()
        # (country, admin1, day) -> clusters; a cluster appears once per distinct key of its mentions
        self._blocks: dict[tuple[str | None, str | None, date], list[Cluster]] = defaultdict(list)
        # (country, day) -> clusters, for mentions that name no province
        self._by_day: dict[tuple[str | None, date], list[Cluster]] = defaultdict(list)
        self._texts: dict[int, str] = {}
        self._seen: dict[str, Cluster] = {}
        self._hashes: dict[int, set[str]] = {}
        self._kinds: dict[int, dict[tuple, Mention]] = {}
        for c in clusters:
            for m in c.mentions:
                self._remember(c, m)

    def _remember(self, cluster: Cluster, m: Mention, text: str | None = None) -> None:
        self._texts[id(m)] = _text(m) if text is None else text
        self._kinds.setdefault(id(cluster), {}).setdefault(_kind(m), m)
        if m.content_hash:
            self._seen.setdefault(m.mention_key, cluster)
            self._hashes.setdefault(id(cluster), set()).add(m.content_hash)
        day = anchor_date(m)
        if day is None:
            return
        _add_once(self._blocks[(m.country, m.admin1, day)], cluster)
        _add_once(self._by_day[(m.country, day)], cluster)

    def _candidates(self, m: Mention) -> list[Cluster]:
        day = anchor_date(m)
        if day is None:
            return []
        window = max(self.config.window_days, _span_days(m))
        countries = (m.country, None) if m.country else (None,)
        out: dict[int, Cluster] = {}
        for delta in range(-window, window + 1):
            d = day + timedelta(days=delta)
            for country in countries:
                if m.admin1 and country is not None:
                    lists = (self._blocks.get((country, m.admin1, d), ()),
                             self._blocks.get((country, None, d), ()))
                else:
                    lists = (self._by_day.get((country, d), ()),)
                for lst in lists:
                    for cluster in lst:
                        out[id(cluster)] = cluster
        return list(out.values())

    def _sample(self, cluster: Cluster) -> list[Mention]:
        mentions = cluster.mentions
        if len(mentions) <= _CLUSTER_SAMPLE:
            return mentions
        picked = {id(m): m for m in self._kinds.get(id(cluster), {}).values()}
        for m in mentions[-(_CLUSTER_SAMPLE - 2):]:
            picked.setdefault(id(m), m)
        return list(picked.values())

    def _cluster_score(self, m: Mention, cluster: Cluster, text: str) -> float:
        if m.content_hash and m.content_hash in self._hashes.get(id(cluster), ()):
            return REJECT
        best = REJECT
        for other in self._sample(cluster):
            t = self._texts.get(id(other))
            s = _score(m, other, self.config, text, t if t is not None else _text(other))
            if s == REJECT:
                return REJECT
            best = max(best, s)
        return best

    def add(self, m: Mention) -> tuple[Cluster, float | None]:
        """Put ``m`` into the best matching cluster or a new one; returns the cluster and the score."""
        known = self._seen.get(m.mention_key) if m.content_hash else None
        if known is not None:
            # The same text again (e.g. another URL of one article): back to its event, kept as a source.
            known.mentions.append(m)
            self._texts[id(m)] = _text(m)
            return known, 1.0
        text = _text(m)
        best, best_score = None, self.config.threshold
        for cluster in self._candidates(m):
            s = self._cluster_score(m, cluster, text)
            if s >= best_score:
                best, best_score = cluster, s
        if best is None:
            best = Cluster(new_event_id(m), [m], is_new=True)
            self._remember(best, m, text)
            return best, None
        best.mentions.append(m)
        self._remember(best, m, text)
        return best, best_score


def link(mentions: Iterable[Mention], clusters: Iterable[Cluster] = (),
         config: LinkConfig | None = None) -> list[tuple[Mention, Cluster, float | None]]:
    """Link ``mentions`` (oldest report first) into ``clusters``; returns each mention's cluster."""
    linker = Linker(clusters, config)
    ordered = sorted(mentions, key=lambda m: ((m.published_at or _EPOCH).isoformat(), m.mention_key))
    return [(m, *linker.add(m)) for m in ordered]
