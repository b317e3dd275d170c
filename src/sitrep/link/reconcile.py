"""Reconciliation: the fields of one event from the mentions that report it.

Fatalities follow UCDP's best/low/high. The best estimate comes from the most recent day of neutral
reporting (tolls rise as bodies are counted), and within that day the lowest figure (the codebook's
conservative rule). Figures announced by a party to the fight (a claim of responsibility with its own
toll) count for the bounds but not for the best estimate when a neutral figure exists.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sitrep.domain import Claim, Mention, Source

SUB_TYPE_PRECEDENCE = ("Suicide bomb",)
PLACE_FIELDS = ("country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision")
_EPOCH = datetime(1900, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Reconciled:
    fields: dict[str, object]
    claims: tuple[Claim, ...]
    sources: tuple[Source, ...]
    first_reported: datetime | None
    last_reported: datetime | None
    evidence: str
    explanation: str
    n_outlets: int


def _vote(values: list, prefer=None):  # type: ignore[no-untyped-def]
    """Most common non-null value; ties go to ``prefer`` order, then to the first seen."""
    present = [v for v in values if v not in (None, "")]
    if not present:
        return None
    counts = Counter(present)
    best = max(counts.values())
    tied = [v for v in dict.fromkeys(present) if counts[v] == best]
    if prefer:
        for p in prefer:
            if p in tied:
                return p
    return tied[0]


def _date(mentions: list[Mention]) -> tuple[date | None, str | None]:
    order = {"day": 0, "week": 1, "month": 2, "year": 3}
    dated = [m for m in mentions if m.event_date]
    if not dated:
        return None, None
    finest = min(order.get(m.date_precision or "year", 3) for m in dated)
    pool = [m for m in dated if order.get(m.date_precision or "year", 3) == finest]
    counts = Counter(m.event_date for m in pool)
    top = max(counts.values())
    chosen = min(d for d, c in counts.items() if c == top)
    return chosen, next(m.date_precision for m in pool if m.event_date == chosen)


def _place(mentions: list[Mention]) -> dict[str, object]:
    located = [m for m in mentions if m.country]
    if not located:
        return {}
    precise = min(m.geo_precision or 3 for m in located)
    pool = [m for m in located if (m.geo_precision or 3) == precise]
    loc = _vote([(m.location, m.admin1, m.country) for m in pool])
    chosen = next(m for m in pool if (m.location, m.admin1, m.country) == loc)
    return {k: getattr(chosen, k) for k in PLACE_FIELDS}


def _day(m: Mention) -> date:
    return m.published_at.date() if m.published_at else date.min


def _figures(mentions: list[Mention], attr: str) -> tuple[int | None, int | None, int | None, str]:
    """best, low, high and a sentence explaining the choice."""
    rows = [(m, getattr(m, attr)) for m in mentions if getattr(m, attr) is not None]
    if not rows:
        return None, None, None, f"no report gives a {attr} figure"
    lows = [getattr(m, f"{attr}_low", None) for m, _ in rows]
    highs = [getattr(m, f"{attr}_high", None) for m, _ in rows]
    values = [v for _, v in rows]
    low = min([v for v in lows if v is not None] + values)
    high = max([v for v in highs if v is not None] + values)
    neutral = [(m, v) for m, v in rows if m.certainty != "claimed"] or rows
    latest_day = max(_day(m) for m, _ in neutral)
    recent = [(m, v) for m, v in neutral if _day(m) == latest_day]
    best = min(v for _, v in recent)
    who = ", ".join(sorted({m.doc_id for m, v in recent if v == best}))
    why = (f"{attr} best {best} from {who} (lowest figure of the latest day of "
           f"{'neutral ' if len(neutral) < len(rows) else ''}reporting); "
           f"range {low}-{high} over {len(rows)} report(s)")
    return best, low, high, why


def reconcile(mentions: list[Mention], sources: list[Source] | None = None) -> Reconciled:
    """Reconciled fields of the event these mentions describe.

    A mention that arrives twice (one text under two URLs) counts once in votes, figures and claims;
    every source given is kept.
    """
    ordered = sorted(mentions, key=lambda m: m.published_at or _EPOCH)
    once: dict[object, Mention] = {}
    for m in ordered:
        once.setdefault(m.mention_key if m.content_hash else id(m), m)
    ordered = list(once.values())
    event_date, precision = _date(ordered)
    sub_type = _vote([m.sub_event_type for m in ordered], prefer=SUB_TYPE_PRECEDENCE)
    event_type = next((m.event_type for m in ordered if m.sub_event_type == sub_type), None) if sub_type \
        else _vote([m.event_type for m in ordered])
    named_first = [m.actor1 for m in ordered if m.actor1 and not m.actor1.startswith("Unidentified")]
    actor1 = _vote(named_first) or _vote([m.actor1 for m in ordered])
    actor2 = _vote([m.actor2 for m in ordered if m.actor2 != actor1])
    responsibility = _vote([m.responsibility for m in ordered])
    denied = tuple(dict.fromkeys(d for m in ordered for d in m.denied_by))
    fat, fat_low, fat_high, why_f = _figures(ordered, "fatalities")
    wnd, _wl, _wh, why_w = _figures(ordered, "wounded")
    neutral = {m.fatalities for m in ordered if m.fatalities is not None and m.certainty != "claimed"}
    partisan = {m.fatalities for m in ordered if m.fatalities is not None and m.certainty == "claimed"}
    certainties = {m.certainty for m in ordered}
    if "disputed" in certainties or (neutral and partisan and partisan - neutral):
        certainty = "disputed"
    elif responsibility or "claimed" in certainties:
        certainty = "claimed"
    elif certainties == {"unconfirmed"}:
        certainty = "unconfirmed"
    else:
        certainty = "reported"
    fields: dict[str, object] = {
        "event_date": event_date, "date_precision": precision, "event_type": event_type,
        "sub_event_type": sub_type, "actor1": actor1, "actor2": actor2, "responsibility": responsibility,
        "denied_by": list(denied), "fatalities": fat, "fatalities_low": fat_low, "fatalities_high": fat_high,
        "wounded": wnd, "certainty": certainty,
    }
    fields.update(_place(ordered) or dict.fromkeys(PLACE_FIELDS))
    claims = tuple(c for m in ordered for c in m.claims)
    srcs = tuple(sources or ())
    times = [m.published_at for m in ordered if m.published_at]
    evidence = " | ".join(dict.fromkeys(m.evidence_text for m in ordered if m.evidence_text))
    outlets = {s.outlet or s.doc_id for s in srcs} if srcs else {m.content_hash or m.doc_id for m in ordered}
    return Reconciled(
        fields=fields, claims=claims, sources=srcs, first_reported=min(times) if times else None,
        last_reported=max(times) if times else None, evidence=evidence[:20000],
        explanation=f"{why_f}. {why_w}.", n_outlets=len(outlets),
    )
