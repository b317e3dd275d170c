"""``sitrep evaluate``: accuracy of extraction against people's coding.

Predicted mentions of a document are matched one-to-one to its gold events (greedy on a similarity of
date, place, type and figures). Each field is then scored over every gold event that codes it; a gold
event without a matched prediction counts as a miss for every field, so accuracy never hides what
was not found.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from sitrep.analytics.gold import GoldDoc, perpetrator_of, strip_years, today_admin1
from sitrep.domain import Mention, distance_km

GTD_CATEGORIES = {
    "Bombing/Explosion": {"Suicide bomb", "Remote explosive/landmine/IED", "Grenade",
                          "Shelling/artillery/missile attack", "Air/drone strike"},
    "Armed Assault": {"Armed clash", "Attack"},
    "Hostage Taking (Kidnapping)": {"Abduction/forced disappearance"},
}

# Datasets that write 0 where a report gives no death toll; sitrep keeps that as null (CODEBOOK.md), so a
# predicted null is read as their 0 when scoring against them.
ZERO_MEANS_UNREPORTED = frozenset({"acled"})



def _canon_actor(name: str | None, country: str | None, when: date | None) -> str | None:
    """A gold or predicted actor name in canonical form, through the actor dictionary when it knows it."""
    name = strip_years(name)
    if not name:
        return None
    from sitrep.knowledge.actors import ActorDictionary

    matches = ActorDictionary.default().find(name)
    if matches:
        return matches[0].entry.resolve(country, when)
    return name.strip().lower()


def _same_place_name(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    from rapidfuzz import fuzz

    from sitrep.knowledge.gazetteer import fold_text

    # GeoNames' names keep their diacritics (Jalālābād); coders write them plain
    if fuzz.ratio(fold_text(a), fold_text(b)) >= 85:
        return True
    # two spellings of one place ("Noshki", "Nushki"): the gazetteer lists one as the other's alternate name
    return not _gazetteer_rows(a).isdisjoint(_gazetteer_rows(b))


@lru_cache(maxsize=4096)
def _gazetteer_rows(name: str) -> frozenset[int]:
    from sitrep.knowledge.gazetteer import Gazetteer

    try:
        return frozenset(Gazetteer.load().lookup(name))
    except (FileNotFoundError, ValueError):
        return frozenset()


@dataclass(slots=True)
class FieldScore:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else float("nan")


@dataclass(slots=True)
class Miss:
    doc_id: str
    field: str
    gold: Any
    predicted: Any
    text: str


@dataclass(slots=True)
class Report:
    kind: str
    documents: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    matched: int = 0
    seconds: float = 0.0
    fields: dict[str, FieldScore] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    errors: int = 0
    distances_km: list[float] = field(default_factory=list)

    def score(self, name: str, ok: bool, miss: Miss | None = None) -> None:
        fs = self.fields.setdefault(name, FieldScore())
        fs.total += 1
        fs.correct += ok
        if not ok and miss is not None:
            self.misses.append(miss)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted_events if self.predicted_events else float("nan")

    @property
    def recall(self) -> float:
        return self.matched / self.gold_events if self.gold_events else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r and not math.isnan(p + r) else 0.0

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else float("nan")

    @property
    def median_km(self) -> float:
        d = sorted(self.distances_km)
        return d[len(d) // 2] if d else float("nan")

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "documents": self.documents, "gold_events": self.gold_events,
                               "predicted_events": self.predicted_events, "matched": self.matched,
                               "event_precision": self.precision, "event_recall": self.recall,
                               "event_f1": self.f1, "docs_per_second": self.docs_per_second,
                               "median_km": self.median_km, "errors": self.errors}
        out["fields"] = {k: {"correct": v.correct, "total": v.total, "accuracy": v.accuracy}
                         for k, v in sorted(self.fields.items())}
        return out


def _pair_score(m: Mention, g: dict[str, Any]) -> float:
    s = 0.0
    if g.get("event_date") and m.event_date and m.event_date.isoformat() == g["event_date"]:
        s += 2
    if g.get("sub_event_type") and m.sub_event_type == g["sub_event_type"]:
        s += 1
    elif g.get("event_type") and m.event_type == g["event_type"]:
        s += 0.5
    if g.get("admin1") and today_admin1(m.admin1) == today_admin1(g["admin1"]):
        s += 1
    if _same_place_name(m.location, g.get("location")):
        s += 1
    if g.get("fatalities") is not None and m.fatalities == g["fatalities"]:
        s += 1
    return s


def match(mentions: list[Mention], gold: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Mention | None]]:
    """One-to-one greedy matching of predictions to gold events; single-event gold takes the best mention."""
    pairs = sorted(((_pair_score(m, g), i, j) for i, g in enumerate(gold) for j, m in enumerate(mentions)),
                   reverse=True)
    used_g: set[int] = set()
    used_m: set[int] = set()
    chosen: dict[int, Mention] = {}
    for _s, i, j in pairs:
        if i in used_g or j in used_m:
            continue
        used_g.add(i)
        used_m.add(j)
        chosen[i] = mentions[j]
    return [(g, chosen.get(i)) for i, g in enumerate(gold)]


def _score_pair(report: Report, doc: GoldDoc, g: dict[str, Any], m: Mention | None) -> None:
    text = doc.document.text[:300]
    did = doc.document.doc_id

    def check(name: str, gold_value: Any, predicted: Any, ok: bool) -> None:
        report.score(name, ok, Miss(did, name, gold_value, predicted, text))

    when = date.fromisoformat(g["event_date"]) if g.get("event_date") else None
    check("event_found", True, m is not None, m is not None)
    if g.get("event_type"):
        check("event_type", g["event_type"], m and m.event_type, bool(m and m.event_type == g["event_type"]))
    if g.get("sub_event_type"):
        check("sub_event_type", g["sub_event_type"], m and m.sub_event_type,
              bool(m and m.sub_event_type == g["sub_event_type"]))
    if g.get("attacktype") in GTD_CATEGORIES:
        predicted = m.sub_event_type if m else None
        # an incident GTD files under several attack types matches any of them: GTD puts the highest of its
        # hierarchy first, sitrep codes the event's one ACLED sub-event type
        accepted = set().union(*(GTD_CATEGORIES.get(t, set()) for t in g.get("attacktypes") or [g["attacktype"]]))
        if g.get("success") == 0 and g["attacktype"] == "Bombing/Explosion":
            accepted = accepted | {"Disrupted weapons use"}  # GTD keeps failed bombings; ACLED codes them so
        check("attack_category", g["attacktype"], predicted, predicted in accepted)
        first = GTD_CATEGORIES[g["attacktype"]] | (accepted & {"Disrupted weapons use"})
        check("attack_category_first", g["attacktype"], predicted, predicted in first)  # attacktype1 alone
    if g.get("event_date"):
        got = m.event_date.isoformat() if m and m.event_date else None
        check("date", g["event_date"], got, got == g["event_date"])
    if g.get("country"):
        check("country", g["country"], m and m.country, bool(m and m.country == g["country"]))
    if g.get("admin1"):
        got = today_admin1(m.admin1) if m else None
        want = today_admin1(g["admin1"])
        check("admin1", want, got, got == want)
    if g.get("admin2"):
        check("admin2", g["admin2"], m and m.admin2, bool(m and _same_place_name(m.admin2, g["admin2"])))
    if g.get("latitude") is not None and g.get("longitude") is not None:
        dist = None
        if m and m.latitude is not None and m.longitude is not None:
            dist = distance_km(g["latitude"], g["longitude"], m.latitude, m.longitude)
        if g.get("specificity", 1) == 1:
            report.distances_km.append(dist if dist is not None else float("inf"))
            check("location_25km", (g["latitude"], g["longitude"]), dist, dist is not None and dist <= 25)
            check("location_10km", (g["latitude"], g["longitude"]), dist, dist is not None and dist <= 10)
    elif g.get("location"):
        check("location", g["location"], m and m.location, bool(m and _same_place_name(m.location, g["location"])))
    if "fatalities" in g:
        got = m.fatalities if m else None
        if m and got is None and report.kind in ZERO_MEANS_UNREPORTED:
            got = 0
        check("fatalities", g["fatalities"], got, bool(m) and got == g["fatalities"])
    if "wounded" in g:
        check("wounded", g["wounded"], m and m.wounded, bool(m) and m.wounded == g["wounded"])
    country = g.get("country")
    if "perpetrator" in g:
        gold_p = _canon_actor(g["perpetrator"], country, when)
        pred = perpetrator_of(m.sub_event_type, m.actor1, m.actor2, m.responsibility) if m else None
        got = _canon_actor(pred, country, when)
        check("perpetrator", gold_p, got, gold_p == got)
    for side in ("actor1", "actor2"):
        if g.get(side):
            gold_a = _canon_actor(g[side], country, when)
            got = _canon_actor(getattr(m, side), country, when) if m else None
            check(side, gold_a, got, gold_a == got)


def evaluate(docs: Iterable[GoldDoc], extract: Callable[[Any], list[Mention]], kind: str,
             limit: int | None = None) -> Report:
    """Run ``extract`` on every gold document and score the fields."""
    report = Report(kind=kind)
    for doc in docs:
        if limit is not None and report.documents >= limit:
            break
        started = time.perf_counter()
        try:
            mentions = extract(doc.document)
        except Exception:  # noqa: BLE001 - an extraction error is a miss, counted, and the run goes on
            mentions = []
            report.errors += 1
        report.seconds += time.perf_counter() - started
        report.documents += 1
        report.gold_events += len(doc.events)
        report.predicted_events += len(mentions)
        for g, m in match(mentions, doc.events):
            report.matched += m is not None
            _score_pair(report, doc, g, m)
    return report
