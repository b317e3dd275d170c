"""Geocoder: place mentions in a text, resolved against the bundled gazetteer with the text's context.

Mentions are found with one Aho-Corasick pass over a folded copy of the text (same length, so spans line
up). Each mention's candidate places are scored from a prior (kind, population, theater data) and from
context: countries and provinces named in the sentence and the document, "X, Y" and "X (Y, Z)"
qualifiers, "X district" / "near X" cues. A name that is also a common word needs a locative cue, and
a bare name that several countries share is not placed without context.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from sitrep.domain import Place
from sitrep.knowledge.gazetteer import (
    K_AREA,
    K_BORDER,
    K_COUNTRY,
    K_CROSSING,
    K_DISTRICT,
    K_PROVINCE,
    K_TOWN,
    THEATER_COUNTRIES,
    Gazetteer,
    fold_text,
)

log = logging.getLogger(__name__)

# Names that are ordinary words of English or of the region's languages, or too short to trust: they
# count as places only with a cue ("in Tank", "Tank district", "Khar, Bajaur").
COMMON_WORDS = frozenset("""
a an and are as at be bar but by can day for from had has have he her his how in is it its may
no not of on one or our out said she so the then they this to up us was we were what when who will
with you all also any back both even here how just made make many more most much must new now only
over own same see some such than that their them these those under very well where which while why
tank khar kot mach sui bar hub nal nag dir bak said police army force forces security mobile reading
bath nice split mission sale union independence commerce paradise hope liberty industry deal march
camp fort post hall wells street battle victory centre center city town village district province
university college school hospital market bazaar road bridge station airport border gate valley
park garden lake river hill hills mountain mountains north south east west central upper lower
new old great little saint mount port marine navy guard guards levies rangers justice court media
press radio news today friday monday tuesday wednesday thursday saturday sunday january february
april june july august september october november december spring summer winter autumn kili kalay
killi kalle kala qala shah khan ali hassan hussain husain karim aziz malik mohammad muhammad ahmad
ahmed umar omar usman rahman haji mullah sheikh imam amir emir asad aslam akbar salim jan gul zaman
bibi nawaz sharif imran baba pir sardar nasir faisal hamza bilal tariq zafar wali daud dawood mir
lal noor nur sher shir sadiq saeed said yousaf yusuf ismail ibrahim idris musa isa mariam fatima
taliban islamic state khorasan lashkar jaish tehreek tehrik jamaat jamiat hizb harakat
""".split())

_PRE_LOC = re.compile(
    r"(?:\b(?:in|at|near|from|outside|inside|of|into|on|across|around|towards?|to|between|and|"
    r"outskirts of|vicinity of|suburbs? of|edge of|close to|parts of|part of)\s+(?:the\s+)?)$"
)
_PRE_NEAR = re.compile(
    r"(?:\b(?:near|outside|outskirts of|vicinity of|suburbs? of|edge of|close to|nearby|around|"
    r"neighbou?ring|adjacent to|off|kilometres from|kilometers from|km from|miles from)\s+(?:the\s+)?)$"
)
_AFTER_KIND = re.compile(
    r"^\s*(district|districts|agency|tribal district|tehsil|sub division|subdivision|town|city|village|"
    r"area|areas|province|provincial|valley|region|bazaar|bazar|border|crossing|outskirts|suburbs?)\b"
)
_QUALIFIER_GAP = re.compile(
    r"^\s*(?:(?:district|tehsil|town|city|village|area|areas|agency|province|valley|region|bazaar|bazar)"
    r"\s*)?(?:,|\(|\bof\b|\bin\b|\bdistrict of\b)\s*(?:the\s+)?(?:coded as\s+)?$"
)
_KIND_WORDS = {
    "district": K_DISTRICT, "districts": K_DISTRICT, "agency": K_DISTRICT, "tribal district": K_DISTRICT,
    "province": K_PROVINCE, "provincial": K_PROVINCE,
}
_AREA_WORDS = frozenset({"area", "areas", "region", "valley", "outskirts", "suburb", "suburbs"})
_TOWN_WORDS = frozenset({"town", "city", "village", "bazaar", "bazar", "tehsil"})


@dataclass(frozen=True, slots=True)
class GeoMatch:
    """The place a sentence names, with the evidence and the runner-ups."""

    place: Place  # sitrep.domain.Place
    evidence: str  # the words in the text that named the place
    score: float
    candidates: tuple[tuple[Place, float, str], ...]  # runner-ups: (place, score, why)
    reasons: tuple[str, ...]  # why the winner won


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    surface: str
    rows: list[int]
    key: str
    demonym: str = ""
    cue_loc: bool = False
    cue_near: bool = False
    kind_word: str = ""
    qualifiers: tuple[int, ...] = ()  # indexes of the mentions that qualify this one
    is_qualifier: bool = False


@dataclass(slots=True)
class _Context:
    countries: dict[str, float]
    provinces: dict[tuple[str, str], float]
    districts: dict[tuple[str, str, str], float]


class Geocoder:
    """Finds and resolves place names; built on a ``Gazetteer``."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        auto = ahocorasick.Automaton()
        for key in gazetteer.index:
            auto.add_word(key, (key, ""))
        for word, cc in gazetteer.demonyms.items():
            key = fold_text(word).strip()
            if key not in gazetteer.index:
                auto.add_word(key, (key, cc))
        auto.make_automaton()
        self._auto = auto
        self._grid: dict[tuple[int, int], list[int]] | None = None
        self._locate_cached = lru_cache(maxsize=8192)(self._locate)
        self._doc_context = lru_cache(maxsize=256)(self._context_of)

    @classmethod
    def default(cls) -> Geocoder:
        """The shared geocoder on the bundled gazetteer."""
        return _default()

    # ------------------------------------------------------------------------------------ mentions
    def find(self, text: str) -> list[tuple[str, int, int]]:
        """Place mentions in a text as (surface, start, end)."""
        return [(m.surface, m.start, m.end) for m in self._mentions(text) if not m.demonym]

    def _mentions(self, text: str) -> list[_Mention]:
        if not text or not isinstance(text, str):
            return []
        folded = fold_text(text)
        has_upper = any(c.isupper() for c in text)
        raw: list[tuple[int, int, str, str]] = []
        for end, (key, demonym) in self._auto.iter(folded):
            start = end - len(key) + 1
            if (start > 0 and folded[start - 1].isalnum()) or (end + 1 < len(folded) and folded[end + 1].isalnum()):
                continue
            raw.append((start, end + 1, key, demonym))
        raw.sort(key=lambda r: (r[0] - r[1], r[0]))
        taken: list[tuple[int, int]] = []
        mentions: list[_Mention] = []
        for start, end, key, demonym in raw:
            if any(start < e and s < end for s, e in taken):
                continue
            surface = text[start:end]
            if not self._case_ok(surface, key, has_upper):
                continue
            taken.append((start, end))
            m = _Mention(start, end, surface, [] if demonym else self.gaz.index[key], key, demonym)
            before = folded[max(0, start - 30):start]
            m.cue_loc = bool(_PRE_LOC.search(before))
            m.cue_near = bool(_PRE_NEAR.search(before))
            kind = _AFTER_KIND.match(folded, end, min(len(folded), end + 24))
            m.kind_word = kind.group(1) if kind else ""
            mentions.append(m)
        mentions.sort(key=lambda m: m.start)
        for i, m in enumerate(mentions):
            for j in range(i + 1, min(i + 3, len(mentions))):
                gap = folded[m.end:mentions[j].start]
                if len(gap) < 40 and _QUALIFIER_GAP.match(gap) and not mentions[j].demonym:
                    m.qualifiers = (*m.qualifiers, j)
                    mentions[j].is_qualifier = True
                    break
        keep = []
        for i, m in enumerate(mentions):
            needs_cue = m.key in COMMON_WORDS or len(m.key) <= 3
            if needs_cue and not (m.cue_loc or m.kind_word or m.qualifiers or self._is_qualifier_of(mentions, i)):
                continue
            keep.append(m)
        return keep if len(keep) == len(mentions) else self._renumber(keep, mentions)

    def _case_ok(self, surface: str, key: str, has_upper: bool) -> bool:
        first = next((c for c in surface if c.isalpha()), "")
        if not first or not first.isascii():
            return True  # Arabic script and the like have no case
        if key in self.gaz.acronyms:
            return surface.isupper()
        if not has_upper:  # an all-lowercase text: names lose their capitals, common words stay out
            return key not in COMMON_WORDS
        return first.isupper()

    @staticmethod
    def _is_qualifier_of(mentions: list[_Mention], index: int) -> bool:
        return any(index in m.qualifiers for m in mentions)

    @staticmethod
    def _renumber(keep: list[_Mention], old: list[_Mention]) -> list[_Mention]:
        pos = {id(m): n for n, m in enumerate(keep)}
        for m in keep:
            m.qualifiers = tuple(pos[id(old[q])] for q in m.qualifiers if id(old[q]) in pos)
        return keep

    # ----------------------------------------------------------------------------------- context
    def _context_from(self, mentions: list[_Mention]) -> dict[str, dict]:
        """Countries, provinces and districts the mentions name without doubt, with who named them."""
        gaz = self.gaz
        ctx: dict[str, dict] = {"countries": {}, "provinces": {}, "districts": {}}
        for i, m in enumerate(mentions):
            if m.demonym:
                ctx["countries"].setdefault(m.demonym, set()).add(i)
                continue
            ccs = {gaz.country[r] for r in m.rows}
            if len(ccs) != 1:
                continue
            cc = ccs.pop()
            ctx["countries"].setdefault(cc, set()).add(i)
            a1s = {gaz.admin1[r] for r in m.rows}
            if len(a1s) == 1 and (a1 := a1s.pop()):
                ctx["provinces"].setdefault((cc, a1), set()).add(i)
                for r in m.rows:
                    if gaz.kind[r] == K_DISTRICT:
                        ctx["districts"].setdefault((cc, a1, gaz.name[r]), set()).add(i)
        return ctx

    def _context_of(self, text: str) -> _Context:
        ctx = self._context_from(self._mentions(text))
        return _Context(
            countries={k: float(len(v)) for k, v in ctx["countries"].items()},
            provinces={k: float(len(v)) for k, v in ctx["provinces"].items()},
            districts={k: float(len(v)) for k, v in ctx["districts"].items()},
        )

    def _contains(self, parent: int, child: int) -> bool:
        gaz = self.gaz
        if parent == child or gaz.country[parent] != gaz.country[child]:
            return False
        kind = gaz.kind[parent]
        if kind == K_COUNTRY:
            return True
        if kind == K_PROVINCE:
            return gaz.name[parent] == gaz.admin1[child]
        if kind in (K_DISTRICT, K_AREA):
            return gaz.admin1[parent] == gaz.admin1[child] and (
                gaz.name[parent] == gaz.admin2[child] or not gaz.admin2[parent])
        return False
