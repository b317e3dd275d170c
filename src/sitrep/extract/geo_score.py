"""Context and scoring for the geocoder: what a text names without doubt, and how each candidate fares.

A mention's candidate places are scored from a prior (kind, population, theater data) and from context:
countries and provinces named in the sentence and the document, "X, Y" and "X (Y, Z)" qualifiers, "X
district" cues. What a name says about the scene (its country, province and districts when they are
unambiguous) depends only on the name, so it is worked out once per name; a row's prior once per row.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from sitrep.extract.geo_mentions import COMMON_WORDS, Mention
from sitrep.knowledge.actors import ActorDictionary
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
    fold_name,
)

KIND_WORDS = {
    "district": K_DISTRICT, "districts": K_DISTRICT, "agency": K_DISTRICT, "tribal district": K_DISTRICT,
    "province": K_PROVINCE, "provincial": K_PROVINCE, "state": K_PROVINCE, "governorate": K_PROVINCE,
    "oblast": K_PROVINCE, "krai": K_PROVINCE, "department": K_PROVINCE, "prefecture": K_PROVINCE,
}


@cache
def _fire_after() -> re.Pattern[str]:
    """What a country's forces fire, right after its adjective ("a Pakistani airstrike in Khost", "Indian
    shelling"): the adjective names who fired, often across a border, not the country where it landed. The
    words are the actor dictionary's `fire_nouns`."""
    nouns = sorted(ActorDictionary.default().fire_nouns, key=len, reverse=True)
    return re.compile(r"\s+(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in nouns) + r")\b")


_UNIT_WORDS = frozenset({"state", "governorate", "oblast", "krai", "department", "prefecture"})
_TOWN_WORDS = frozenset({"town", "city", "village", "bazaar", "bazar", "tehsil"})

Scored = list[tuple[float, int, list[str]]]  # (score, row, why), best first
# A candidate row with what its score owes to the row and the name alone: (row, country, admin1, admin2,
# kind, base score in a text outside / inside the theater, reasons, shared name needing its country)
_Candidate = tuple[int, str, str, str, int, float, float, tuple[str, ...], bool]
# What a name says about the scene: the countries it names as such, and its one country, province and
# districts when they are unambiguous (None / "" / () otherwise).
_KeyInfo = tuple[tuple[str, ...], str | None, str, tuple[str, ...]]


@dataclass(slots=True)
class SentenceContext:
    """Countries, provinces and districts a sentence names, each with the mentions that name it."""

    countries: dict[str, set[int]]
    provinces: dict[tuple[str, str], set[int]]
    districts: dict[tuple[str, str, str], set[int]]
    named: dict[str, int]  # countries named as such (name or adjective), not through a town


@dataclass(slots=True)
class DocContext:
    countries: dict[str, float]
    provinces: dict[tuple[str, str], float]
    districts: dict[tuple[str, str, str], float]
    named: frozenset[str] = frozenset()  # countries named as such (name or adjective), not through a town


EMPTY_DOC = DocContext({}, {}, {})


def by_others(who: set[int] | None, idx: int) -> bool:
    """Whether a mention other than ``idx`` is among ``who`` (the mentions that name something)."""
    return who is not None and (len(who) > 1 or idx not in who)


def _score_of(item: tuple[float, int, list[str]]) -> float:
    return -item[0]


class Scorer:
    """Context and candidate scores on one gazetteer."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.name_key = [fold_name(name) for name in gaz.name]  # each row's own name as a lookup key
        self._key_info: dict[str, _KeyInfo] = {}
        self._candidates_of: dict[str, tuple[_Candidate, ...]] = {}

    # ----------------------------------------------------------------------------------- context
    def context(self, mentions: list[Mention]) -> SentenceContext:
        """Countries, provinces and districts the mentions name without doubt, with who named them."""
        ctx = SentenceContext({}, {}, {}, {})
        countries, provinces, districts, named = ctx.countries, ctx.provinces, ctx.districts, ctx.named
        memo = self._key_info
        for i, m in enumerate(mentions):
            if m.demonym:
                if not _fire_after().match(m.after):
                    countries.setdefault(m.demonym, set()).add(i)
                named[m.demonym] = i
                continue
            info = None if m.variant else memo.get(m.key)
            if info is None:
                info = self._info(m.rows, m.key)
                if not m.variant:  # an exact name's rows are the key's: the same every time
                    memo[m.key] = info
            as_country, cc, a1, in_districts = info
            for c in as_country:
                named[c] = i
            if cc is None or m.elsewhere:  # where people came from or were taken says nothing of where the event was
                continue
            countries.setdefault(cc, set()).add(i)
            if a1:
                provinces.setdefault((cc, a1), set()).add(i)
                for name in in_districts:
                    districts.setdefault((cc, a1, name), set()).add(i)
        return ctx

    def _info(self, rows: list[int], key: str) -> _KeyInfo:
        gaz = self.gaz
        as_country = tuple(gaz.country[r] for r in rows if gaz.kind[r] == K_COUNTRY)
        rows = [r for r in rows if r not in gaz.strict]  # "Gaza", "Kurdistan": the scene is unclear
        ccs = {gaz.country[r] for r in rows}
        if len(ccs) != 1:
            return as_country, None, "", ()
        cc = ccs.pop()
        if cc not in THEATER_COUNTRIES and key in COMMON_WORDS:
            return as_country, None, "", ()  # "Kalay" in "Inayat Kalay" is a village word, not Myanmar's Kalay
        # A small foreign town matched by an alternate name is too weak to set the scene.
        if all(gaz.kind[r] == K_TOWN and gaz.source[r] == 0 and gaz.population[r] < 100_000
               and cc not in THEATER_COUNTRIES for r in rows):
            return as_country, None, "", ()
        # A town abroad knows its province only from where it lies: that names no province in the text.
        a1s = {gaz.name[r] for r in rows if gaz.kind[r] == K_PROVINCE} or {
            gaz.admin1[r] for r in rows if cc in THEATER_COUNTRIES or gaz.kind[r] != K_TOWN}
        if len(a1s) == 1 and (a1 := a1s.pop()):
            return as_country, cc, a1, tuple(gaz.name[r] for r in rows if gaz.kind[r] == K_DISTRICT)
        return as_country, cc, "", ()

    def contains(self, parent: int, child: int) -> bool:
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

    # ----------------------------------------------------------------------------------- scoring
    def _candidates(self, m: Mention) -> tuple[_Candidate, ...]:
        """A mention's rows with what their scores owe to the row and the name alone (once per name)."""
        if not m.variant:  # an exact name's rows are the key's: the same every time
            known = self._candidates_of.get(m.key)
            if known is not None:
                return known
        gaz = self.gaz
        out = []
        for row in m.rows:
            base_f, base_t = self._prior(row, False), self._prior(row, True)
            if m.variant:
                base_f -= 0.3
                base_t -= 0.3
                why: tuple[str, ...] = (f"spelling variant of {gaz.name[row]}",)
            elif self.name_key[row] != m.key:
                # a former or alternate name ("Islamabad" was once Chittagong's): the place's own name wins
                base_f -= 0.5
                base_t -= 0.5
                why = (f"another name of {gaz.name[row]}",)
            else:
                why = ()
            out.append((row, gaz.country[row], gaz.admin1[row], gaz.admin2[row], gaz.kind[row], base_f, base_t, why,
                        row in gaz.strict))
        cands = tuple(out)
        if not m.variant:
            self._candidates_of[m.key] = cands
        return cands

    def _prior(self, row: int, theater_text: bool) -> float:
        gaz = self.gaz
        kind = gaz.kind[row]
        if kind == K_COUNTRY:
            base = 1.6
        elif kind == K_PROVINCE:
            base = 1.3
        elif kind == K_DISTRICT:
            base = 0.6
        elif kind in (K_CROSSING, K_AREA, K_BORDER):
            base = 0.9
        else:
            base = min(math.log10(gaz.population[row] + 1), 7.0) / 7.0
        if gaz.source[row] == 1:  # curated theater data knows the local spellings
            base += 0.3
        if gaz.country[row] in THEATER_COUNTRIES:
            base += 0.4 if theater_text else 0.15
        return base

    def score(self, m: Mention, *, mentions: list[Mention], idx: int, sctx: SentenceContext, dctx: DocContext,
              hint: str | None, theater_text: bool, named: set[str]) -> Scored:
        """Every candidate row of a mention with its score and reasons, best first.

        ``named``: the countries the sentence, the document or the hint name.
        """
        s_countries, s_provinces, s_districts = sctx.countries, sctx.provinces, sctx.districts
        d_countries, d_provinces = dctx.countries, dctx.provinces
        kind_word = m.kind_word
        want = KIND_WORDS.get(kind_word)
        region = kind_word == "region"
        unit_word = kind_word in _UNIT_WORDS
        town_word = kind_word in _TOWN_WORDS
        qualifiers = [mentions[j] for j in m.qualifiers] if m.qualifiers else ()
        out = []
        for row, cc, a1, a2, kind, base_f, base_t, base_why, strict in self._candidates(m):
            s = base_t if theater_text else base_f
            why = [*base_why]
            if by_others(s_countries.get(cc), idx):
                s += 1.2
                why.append("country named in the sentence")
            elif cc in d_countries:
                s += 0.6
                why.append("country named in the document")
            if hint == cc:
                s += 1.0
                why.append("country hint")
            if named and cc not in named and kind != K_COUNTRY:
                s -= 1.0
                why.append("outside the countries the text names")
            if strict and cc not in named:
                s -= 2.0
                why.append("a name shared with other places: needs its country named")
            if a1 and kind != K_PROVINCE:
                if by_others(s_provinces.get((cc, a1)), idx):
                    s += 1.5
                    why.append(f"{a1} named in the sentence")
                elif (cc, a1) in d_provinces:
                    s += 0.7
                    why.append(f"{a1} named in the document")
            if a2 and kind not in (K_DISTRICT, K_PROVINCE) and by_others(s_districts.get((cc, a1, a2)), idx):
                s += 1.0
                why.append(f"{a2} district named in the sentence")
            if region and kind == K_PROVINCE:
                s += 1.5  # "Sagaing region": the unit; "Swat region" (no such unit) stays an area
                why.append("'region' follows the name")
            elif want is not None:
                if kind == want:
                    s += 1.5
                    why.append(f"'{kind_word}' follows the name")
                elif kind != K_COUNTRY or not unit_word:  # "Syria state media"
                    s -= 0.4
            elif town_word and kind == K_TOWN:
                s += 0.5
            for q in qualifiers:
                for r in q.rows:
                    if self.contains(r, row):
                        s += 2.5
                        why.append(f"qualified by '{q.surface}'")
                        break
            out.append((s, row, why))
        if len(out) > 1:
            out.sort(key=_score_of)
            if want is None:
                self._prefer_town(out)
        return out

    def _prefer_town(self, out: Scored) -> None:
        """A bare name shared by a town and its district or province means the town ("in Kandahar")."""
        gaz = self.gaz
        best_s, best, _ = out[0]
        if gaz.kind[best] not in (K_DISTRICT, K_PROVINCE):
            return
        for pos, (_, row, why) in enumerate(out[1:], 1):
            if gaz.kind[row] != K_TOWN or gaz.country[row] != gaz.country[best]:
                continue
            if self.name_key[row] != self.name_key[best]:
                continue
            if gaz.kind[best] == K_DISTRICT and gaz.seat[best] == row:
                reason = "seat of the district of the same name"
            elif (gaz.kind[best] == K_PROVINCE and gaz.admin1[row] == gaz.name[best]
                  and gaz.population[row] >= 40_000):
                reason = "capital of the province of the same name"
            else:
                continue
            del out[pos]
            out.insert(0, (best_s, row, [*why, reason]))
            return
