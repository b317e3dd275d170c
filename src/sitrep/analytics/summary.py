"""Summaries of the stored events: counts by type and province, the deadliest events with their sources."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sitrep.domain import Event


@dataclass(frozen=True, slots=True)
class Summary:
    events: int
    fatalities: int
    by_type: list[tuple[str, int, int]]  # (event type, events, fatalities)
    by_admin1: list[tuple[str, int, int]]  # ("Country / admin1", events, fatalities)
    deadliest: list[Event]


def summarise(events: list[Event], top: int = 10) -> Summary:
    by_type: Counter[str] = Counter()
    dead_type: Counter[str] = Counter()
    by_area: Counter[str] = Counter()
    dead_area: Counter[str] = Counter()
    for e in events:
        kind = e.event_type or "(unknown type)"
        area = f"{e.country or '?'} / {e.admin1 or '?'}"
        by_type[kind] += 1
        by_area[area] += 1
        dead_type[kind] += e.fatalities or 0
        dead_area[area] += e.fatalities or 0
    deadliest = sorted((e for e in events if e.fatalities), key=lambda e: (-(e.fatalities or 0), e.event_id))
    return Summary(
        events=len(events),
        fatalities=sum(e.fatalities or 0 for e in events),
        by_type=[(k, n, dead_type[k]) for k, n in by_type.most_common()],
        by_admin1=[(k, n, dead_area[k]) for k, n in by_area.most_common()],
        deadliest=deadliest[:top],
    )
