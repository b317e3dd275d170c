"""One strike told at several places: an event for each place (the coding unit is one event at one place).

"Jets bombed homes in the Barmal district of Paktika and the Sepera district of Khost" reports strikes in two
provinces; each place is an event of its own, on the same day, by the same sides. A toll told for each place
("killed eight in Barmal, and destroyed a house in Sepera without hurting anyone") stays with its place; a toll
told for all of them together is shared out equally, as for totals across related attacks (docs/coding.md).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from sitrep.domain import Evidence, Mention, Place
from sitrep.extract.classify import mask_background
from sitrep.extract.cues import same_scene
from sitrep.extract.numbers import Figures, sentence_figures
from sitrep.extract.placing import DATELINE_PLACE, place_fields
from sitrep.extract.sentences import Sentence

# strikes from afar reach several places at once; ground attacks at several places are told one by one
SPREAD_KINDS = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
MAX_PLACES = 6
# the joints of a list of places: "A and B", "A as well as B" (a comma more often joins a place to the unit
# that holds it: "Mokha, Mamund tehsil, Bajaur district")
_JOINT = re.compile(r",?\s+(?:and|as\s+well\s+as)\s+")
# "between Nushki and Mastung": one scene between two places
_BETWEEN = re.compile(r"\bbetween(?:\s+[\w'’-]+){1,4}$", re.IGNORECASE)


def _segments(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _JOINT.finditer(text):
        if _BETWEEN.search(text, max(start, m.start() - 60), m.start()):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def places_told(text: str, country: str | None, geocoder: Any) -> list[tuple[Place, str]]:
    """The scenes in ``country`` a sentence lists, each with the part of the sentence that names it, when it
    lists two or more that cannot be one scene (provinces or districts apart, not a village and its
    district)."""
    if not _JOINT.search(text):
        return []  # one place at most: nothing to geocode here
    found: list[tuple[Place, str]] = []
    pending = ""  # words before the next place ("killed three women and | five children in Barmal")
    for start, end in _segments(text):
        part = text[start:end]
        match = geocoder.locate(part, "", country)
        # a name read only as a spelling variant of a known place is too weak to set a scene of its own
        place = match.place if match is not None and not match.elsewhere \
            and not any(r.startswith("spelling variant") for r in match.reasons) else None
        if place is None or place.kind == "country" or place.admin1 is None or place.country != country:
            pending += " " + part
            continue
        part, pending = (pending + " and " + part if pending.strip() else part), ""
        for k, (other, other_part) in enumerate(found):
            if same_scene(place, other, strict=False):
                if place.geo_precision < other.geo_precision:  # "Paktika province ... the Barmal district"
                    found[k] = (place, other_part + " " + part)
                else:
                    found[k] = (other, other_part + " " + part)
                break
        else:
            found.append((place, part))
    return found if 2 <= len(found) <= MAX_PLACES else []


def _share(value: int | None, n: int, first: bool) -> int | None:
    if value is None:
        return None
    return value // n + (value % n if first else 0)


def split_by_place(mention: Mention, members: list[Sentence], geocoder: Any) -> list[Mention]:
    """The mention as one event per place its sentences list, or [mention] when they name one scene."""
    if geocoder is None or mention.sub_event_type not in SPREAD_KINDS:
        return [mention]
    # the list of places that tells most: a toll for each place first, then the finest places
    best: tuple[bool, float] | None = None
    chosen: list[tuple[Place, str]] = []
    per_place: list[Figures] = []
    for s in members:
        # the places of the event's own clauses: not the dateline's (where the report was filed), nor those of
        # an earlier event ("two days after an attack in Mir Ali")
        told = s.text
        filed = DATELINE_PLACE.match(told) if s.start == 0 else None
        if filed is not None:
            told = " " * filed.end() + told[filed.end():]
        listed = places_told(mask_background(told, negated=False), mention.country, geocoder)
        if not listed:
            continue
        figures = [sentence_figures(part) for _, part in listed]
        rank = (all(not f.empty for f in figures), -sum(p.geo_precision for p, _ in listed) / len(listed))
        if best is None or rank > best:
            best, chosen, per_place = rank, listed, figures
    if best is None:
        return [mention]
    told_each = best[0]
    n = len(chosen)
    out = []
    for k, ((place, part), figures) in enumerate(zip(chosen, per_place, strict=True)):
        if told_each:
            killed = figures.total_killed if figures.total_killed is not None else (0 if figures.zero_killed
                                                                                    else None)
            # a place's toll with no word on injuries: the report's convention for the whole event holds
            wounded = figures.wounded if figures.wounded is not None else (
                0 if figures.zero_wounded or (killed is not None and mention.wounded == 0) else None)
            low = high = killed
        else:
            killed = _share(mention.fatalities, n, k == 0)
            wounded = _share(mention.wounded, n, k == 0)
            low, high = _share(mention.fatalities_low, n, k == 0), _share(mention.fatalities_high, n, k == 0)
        evidence = (*(e for e in mention.evidence if e.field != "location"), Evidence("location", part.strip(), -1, -1))
        out.append(replace(mention, country=place.country, **place_fields(place, place.geo_precision),
                           fatalities=killed, fatalities_low=low, fatalities_high=high, wounded=wounded,
                           index=mention.index + k, evidence=evidence))
    return out
