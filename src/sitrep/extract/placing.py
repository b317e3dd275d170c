"""Where an event happened: its own words first, then the story around it.

The place of the event's own clause wins; then the whole account; then, for an event named as one already
told ("the Pakistani airstrikes"), the place where the story first told it; then the dateline place; then
the place or the one country that the sentences around the event speak of.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from sitrep.domain import Evidence, Place
from sitrep.extract.classify import classify, classify_told, mask_background
from sitrep.extract.grouping import BOMBINGS, DEFINITE, Group
from sitrep.extract.regions import region
from sitrep.extract.sentences import Sentence

logger = logging.getLogger(__name__)

# "TORKHAM - ", "QUETTA, Pakistan (Wire) - ", "CHAMAN: ": the place a report is filed from, in capitals
DATELINE_PLACE = re.compile(r"\s*(?P<p>[A-Z][A-Z.' ]{2,30}?)(?:,\s*[A-Z][A-Za-z. ]{2,30}?)?(?:,\s*[A-Z][a-z]{2,9}\.?"
                            r"\s+\d{1,2})?\s*(?:\([^)]{1,30}\)\s*)?(?:[-\u2013\u2014]+|(?<=[A-Z]):)\s")


def place_fields(p: Place, precision: int) -> dict[str, Any]:
    return {"admin1": p.admin1, "admin2": p.admin2, "location": p.name, "latitude": p.latitude,
            "longitude": p.longitude, "geo_precision": precision}


def _same_kind(a: str, b: str) -> bool:
    """One kind of event told in two words: "a bombing" and "the suicide attack" may be one event."""
    return a == b or (a in BOMBINGS and b in BOMBINGS)


def _after_dateline(s: Sentence, cut: int) -> str:
    """A sentence's words, the report's dateline (its first ``cut`` characters) blanked."""
    return " " * cut + s.text[cut:] if cut and s.start == 0 else s.text


_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|into|on|across|around|through|from|(?:perimeter|outskirts|"
                       r"edge|areas?|parts?|suburbs?|vicinity|gates?|walls?|entrance|centre|center|heart)\s+of)\s+"
                       r"(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)


def _at_place(text: str, name: str) -> bool:
    """Whether a sentence names ``name`` as where something is ("in Gwadar", "at the port in Gwadar"), not as a
    capital standing for its government ("a disappointment for Islamabad")."""
    return any(_LOCATIVE.search(text, max(0, at.start() - 60), at.start()) is not None
               for at in re.finditer(re.escape(name), text))


def _sets_scene(text: str, kind: str) -> bool:
    """Whether a sentence before an event can set its scene: it tells no violence, or violence of the event's
    kind ("militants tried to storm the complex in Gwadar. Troops responded"), not another event."""
    told = classify(text)
    return told is None or _same_kind(told.sub_event_type, kind)


class EventPlacer:
    """Places events with a geocoder, or by province and country names when there is none."""

    def __init__(self, geocoder: Any | None = None) -> None:
        self.geocoder = geocoder

    @staticmethod
    def told_before(sentences: list[Sentence], group: Group) -> tuple[Sentence, ...]:
        """For an event named as one already told ("the Pakistani airstrikes"), the sentences before it that
        name violence of its kind, nearest first: where the story first told it."""
        definite = False
        for i in group.members:
            c = classify_told(sentences[i].text)
            if c is not None and c.sub_event_type == group.cls.sub_event_type \
                    and DEFINITE.search(sentences[i].text, max(0, c.start - 40), c.start):
                definite = True
                break
        if not definite:
            return ()
        out = []
        for k in range(group.primary - 1, max(-1, group.primary - 9), -1):
            s = sentences[k]
            c = classify_told(s.text)
            if c is not None and _same_kind(c.sub_event_type, group.cls.sub_event_type):
                out.append(s)
                continue
            # "jets struck Khost two days after a suicide attack on a post in Mir Ali": told in passing
            masked = mask_background(s.text, negated=False)
            if masked == s.text:
                continue
            passing = "".join(ch if m != ch else " " for ch, m in zip(s.text, masked, strict=True))
            c = classify_told(passing)
            if c is not None and _same_kind(c.sub_event_type, group.cls.sub_event_type):
                lead = len(passing) - len(passing.lstrip())
                out.append(Sentence(passing.strip(), s.start + lead, s.start + lead + len(passing.strip())))
        return tuple(out)

    def place(self, text: str, members: list[Sentence], evidence: list[Evidence], *,
              clip: str | None = None, filed_from: re.Match[str] | None = None,
              near: tuple[Sentence, ...] = (), kind: str | None = None,
              told: Callable[[], tuple[Sentence, ...]] = tuple,
              background: tuple[Sentence, str] | None = None) -> tuple[str | None, dict]:
        # the dateline names where the report was filed, not where the event happened: it only stands in
        # when the event's own words name no place below the country (below)
        cut = filed_from.end() if filed_from else 0
        # a clause about an earlier event ("a response to air strikes in Paktika") names another scene: the
        # sentence is read without it (``background``: the sentence and its text with such clauses blanked)
        full = " ".join(_after_dateline(s, cut) for s in members)
        joined = full if background is None else " ".join(
            _after_dateline(Sentence(background[1], s.start, s.end) if s is background[0] else s, cut)
            for s in members)
        if clip is not None and cut and clip[:cut] == text[:cut]:
            clip = " " * cut + clip[cut:]  # the clause of the report's first sentence, after its dateline
        if self.geocoder is not None:
            try:
                match = own = None
                if clip is not None:
                    # "jets were dropping bombs on Kabul as Taliban units were sending drones toward Peshawar":
                    # the place of the event's own clause first, then the whole account
                    own = self.geocoder.locate(clip, document_text=text[:20000])
                    match = own if own is not None and own.place.kind != "country" else None
                if match is None:
                    match = self.geocoder.locate(joined, document_text=text[:20000])
                    if joined != full and (match is None or match.place.kind == "country"):
                        # the country the whole sentence speaks of, answered act included, rather than one
                        # named in passing in another sentence ("after Qatar urged restraint")
                        whole = self.geocoder.locate(full, document_text=text[:20000])
                        if whole is not None and whole.place.kind == "country":
                            match = whole
                    if own is not None and (match is None or match.place.kind == "country"):
                        match = own  # the country of the event's own clause, not of a clause about another
                elif match.place.geo_precision > 1 and len(members) > 1:
                    # "jets hit Kunar province ... the strikes killed four in Asadabad": a town inside the
                    # clause's province, told in a later sentence, is more precise
                    whole = self.geocoder.locate(joined, document_text=text[:20000])
                    if whole is not None and whole.place.geo_precision < match.place.geo_precision \
                            and whole.place.country == match.place.country \
                            and whole.place.admin1 == match.place.admin1:
                        match = whole
            except Exception:  # a failing geocoder must not fail extraction
                logger.exception("geocoder failed")
                match = None
            if match is not None and match.elsewhere:
                # "the wounded were moved to hospitals in Quetta", and no other place: the dateline place, in
                # that country, is nearer the scene
                home = self._dateline_place(filed_from)
                if home is not None and home.country == match.place.country:
                    evidence.append(Evidence("location", text[:80], 0, min(80, len(text))))
                    return home.country, place_fields(home, max(home.geo_precision, 2))
            if match is None or match.place.kind == "country":
                # "the Pakistani airstrikes" told again: the place where the story first named them
                for src in told():
                    first = self.geocoder.locate(src.text, document_text=text[:20000])
                    if first is not None and first.place.kind != "country":
                        evidence.append(Evidence("location", src.text, src.start, src.end))
                        return first.place.country, place_fields(first.place, first.place.geo_precision)
                # the sentence just before names the scene ("attempted to enter the port complex in Gwadar.
                # Own troops responded"): a place the story is at, nearer than its dateline
                prev = near[0] if near and near[0].end <= members[0].start else None  # nearest first
                if prev is not None and (kind is None or _sets_scene(prev.text, kind)):
                    words = _after_dateline(prev, cut)
                    before = self.geocoder.locate(words, document_text=text[:20000])
                    if before is not None and before.place.kind != "country" and _at_place(words, before.evidence) \
                            and (match is None or before.place.country == match.place.country):
                        evidence.append(Evidence("location", prev.text, prev.start, prev.end))
                        return before.place.country, place_fields(before.place, max(before.place.geo_precision, 2))
                # the event's own sentences name no place below the country ("Pakistan had closed the
                # crossing"): the report's dateline place in that country, as a place near which it happened
                home = self._dateline_place(filed_from)
                lead = text[:300].split(". ", maxsplit=1)[0]  # the lead sets the story's country
                if home is not None and (home.country == match.place.country if match is not None
                                         else not self._other_country(f"{lead} {joined}", home)):
                    evidence.append(Evidence("location", text[:80], 0, min(80, len(text))))
                    return home.country, place_fields(home, max(home.geo_precision, 2))
            if match is not None:
                p = match.place
                src = next((s for s in members if match.evidence and match.evidence in s.text), members[0])
                evidence.append(Evidence("location", src.text, src.start, src.end))
                return p.country, place_fields(p, p.geo_precision)
            # no place at all: the place, or the one country, that the sentences around the event speak of
            # ("targeted Pakistani police ... On Thursday, the group claimed a car bomb")
            for src in [*members, *near]:
                words = _after_dateline(src, cut)
                found_near = None if src in members else self.geocoder.locate(words, document_text=text[:20000])
                if found_near is not None and found_near.place.kind != "country":
                    evidence.append(Evidence("location", src.text, src.start, src.end))
                    p = found_near.place
                    return p.country, place_fields(p, max(p.geo_precision, 2))
                named = self.geocoder.countries_named(words)
                if len(named) == 1:
                    home = self.geocoder.locate(self.geocoder.gaz.country_name(next(iter(named))))
                    if home is not None:
                        evidence.append(Evidence("location", src.text, src.start, src.end))
                        return home.place.country, place_fields(home.place, 3)
                if named:
                    break  # two countries: the sentences say no more than the report as a whole
        found = region(joined) or region(text)
        if found is None:
            return None, {}
        country, admin1, words = found
        src = next((s for s in members if words in s.text), members[0])
        evidence.append(Evidence("location", src.text, src.start, src.end))
        return country, {"admin1": admin1, "location": admin1 or country, "geo_precision": 3}

    def _other_country(self, text: str, place: Place) -> bool:
        """Whether the text names a country, or its people, other than the place's ("Syrian forces" in a
        report filed from Beirut)."""
        assert self.geocoder is not None
        return any(self.geocoder.gaz.country_name(cc) != place.country for cc in self.geocoder.countries_named(text))

    def _dateline_place(self, m: re.Match[str] | None) -> Place | None:
        if m is None or self.geocoder is None:
            return None
        found = self.geocoder.locate(m.group("p").title())
        if found is None or found.place.kind == "country":
            return None
        return found.place

