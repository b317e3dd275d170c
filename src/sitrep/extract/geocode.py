"""Geocoder: place mentions in a text, resolved against the bundled gazetteer with the text's context.

Mentions (``geo_mentions``) are found with one Aho-Corasick pass over a folded copy of the text. Each
mention's candidate places are scored (``geo_score``) from a prior (kind, population, theater data) and
from context: countries and provinces named in the sentence and the document, "X, Y" and "X (Y, Z)"
qualifiers, "X district" / "near X" cues. A name that is also a common word needs a locative cue, and
a bare name that several countries share is not placed without context.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from sitrep.domain import Place
from sitrep.extract.geo_mentions import COMMON_WORDS, Mention, MentionFinder
from sitrep.extract.geo_metonyms import without_metonyms
from sitrep.extract.geo_scene import scene_after, scene_before
from sitrep.extract.geo_score import (
    EMPTY_DOC,
    KIND_WORDS,
    DocContext,
    Scored,
    Scorer,
    SentenceContext,
    by_others,
)
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

__all__ = ["COMMON_WORDS", "FOREIGN_STANDALONE_POPULATION", "GeoMatch", "Geocoder"]

log = logging.getLogger(__name__)

# A foreign town needs its country in the text unless it is at least this large (a name known worldwide).
FOREIGN_STANDALONE_POPULATION = 500_000
# Everyday English words that are also names of towns abroad; such a town needs its country named.
_ENGLISH_WORDS_TEXT = """
god bath nice split reading mobile hope paradise liberty union independence commerce industry deal
march may june august salt sale eagle ocean opportunity surprise truth enterprise harmony concord
orange worth best mission pride plenty van sur bar gap male spa buy goes none aura bay mart cape gold
sign wall royal
"""
_ENGLISH_WORDS = frozenset(_ENGLISH_WORDS_TEXT.split())
_AREA_WORDS = frozenset({"area", "areas", "region", "valley", "outskirts", "suburb", "suburbs"})
# How much more precise kinds weigh when the sentence names several places.
_PRECISION_BONUS = {K_TOWN: 0.6, K_CROSSING: 0.6, K_AREA: 0.4, K_DISTRICT: 0.3, K_BORDER: 0.2, K_PROVINCE: 0.1,
                    K_COUNTRY: -0.25}  # a country is the place only when the sentence names nothing inside it
_THEATER = frozenset(THEATER_COUNTRIES)
_ROAD_AFTER = re.compile(r"(?:-[A-Z][\w]*(?:\s[A-Z][\w]*)?)?\s+(?:[Hh]ighway|[Mm]otorway|[Rr]oad|[Ee]xpressway)\b")
_OFFICE_AFTER = re.compile(r"\s+(?:provincial\s+|district\s+)?(?:deputy\s+)?(?:governor|police\s+chief|"
                           r"council|spokesman|spokesperson)\b", re.IGNORECASE)
_NAME_GOES_ON = re.compile(r" [A-Z][a-z]{2,}\b(?! (?:said|says|told|reported))")
_CITY = 200_000  # a town this large is a city: an "area" of it is one of its quarters


def _supported(why: list[str]) -> bool:
    """Whether the reasons for a place say the text backs it: a qualifier, a country, a cue or a name."""
    return any(w.startswith(("qualified", "country", "'")) or "named" in w for w in why)


def _named_or_qualified(why: list[str]) -> bool:
    return any("named" in w or w.startswith("qualified") for w in why)


ELSEWHERE = "named as where people came from or were taken, not as the scene"


@dataclass(frozen=True, slots=True)
class GeoMatch:
    """The place a sentence names, with the evidence and the runner-ups."""

    place: Place  # sitrep.domain.Place
    evidence: str  # the words in the text that named the place
    score: float
    candidates: tuple[tuple[Place, float, str], ...]  # runner-ups: (place, score, why)
    reasons: tuple[str, ...]  # why the winner won

    @property
    def elsewhere(self) -> bool:
        """The only place named is where people came from or were taken, not the scene."""
        return ELSEWHERE in self.reasons


class Geocoder:
    """Finds and resolves place names; built on a ``Gazetteer``."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._finder = MentionFinder(gazetteer)
        self._scorer = Scorer(gazetteer)
        self._places: dict[tuple[int, int | None], Place] = {}  # Place of a row (immutable, so shared)
        self._grid: dict[tuple[int, int], list[int]] | None = None
        self._locate_cached = lru_cache(maxsize=8192)(self._locate)
        # a sentence is read once for splitting events and again, alone or with others, to place them
        self._mentions_cached = lru_cache(maxsize=1024)(self._finder.find)
        self._doc_context = lru_cache(maxsize=256)(self._context_of)

    @classmethod
    def default(cls) -> Geocoder:
        """The shared geocoder on the bundled gazetteer."""
        return _default()

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """Place mentions in a text as (surface, start, end)."""
        return [(m.surface, m.start, m.end) for m in self._finder.find(text) if not m.demonym]

    def countries_named(self, text: str) -> frozenset[str]:
        """ISO codes of the countries a text names as such, by name or adjective ("Syrian forces")."""
        return self._context_of(without_metonyms(text)).named

    def _context_of(self, text: str) -> DocContext:
        ctx = self._scorer.context(self._mentions_cached(text))
        return DocContext(
            countries={k: float(len(v)) for k, v in ctx.countries.items()},
            provinces={k: float(len(v)) for k, v in ctx.provinces.items()},
            districts={k: float(len(v)) for k, v in ctx.districts.items()},
            named=frozenset(ctx.named),
        )

    # -------------------------------------------------------------------------------- resolution
    def locate(self, sentence: str, document_text: str = "", country_hint: str | None = None) -> GeoMatch | None:
        """The most precise place a sentence names, resolved with the document's context.

        Args:
            sentence: the sentence that states the event.
            document_text: the whole report, whose other places and countries serve as context.
            country_hint: ISO code or name of the country the report is about, if known.

        Returns:
            A ``GeoMatch``, or None when no place is named or the only names are ambiguous.
        """
        if not isinstance(sentence, str) or not sentence or sentence.isspace():
            return None
        hint = None if country_hint is None else self._hint(country_hint)
        doc = document_text if isinstance(document_text, str) else ""
        return self._locate_cached(without_metonyms(sentence[:20_000]), without_metonyms(doc[:200_000]), hint)

    def _hint(self, hint: str | None) -> str | None:
        if not isinstance(hint, str) or not hint.strip():
            return None
        if hint.strip().upper() in self.gaz.country_row:
            return hint.strip().upper()
        for row in self.gaz.lookup(hint):
            if self.gaz.kind[row] == K_COUNTRY:
                return self.gaz.country[row]
        return None

    def _locate(self, sentence: str, doc: str, hint: str | None) -> GeoMatch | None:
        gaz = self.gaz
        mentions = self._mentions_cached(sentence)
        if not mentions:
            return None
        scorer = self._scorer
        sctx = scorer.context(mentions)
        dctx = self._doc_context(doc) if doc and doc != sentence else EMPTY_DOC
        if dctx is EMPTY_DOC and not hint:
            countries, named = set(sctx.countries), set(sctx.named)
        else:
            countries = set(sctx.countries) | set(dctx.countries) | ({hint} if hint else set())
            named = set(sctx.named) | dctx.named | ({hint} if hint else set())
        theater_text = not countries.isdisjoint(_THEATER)
        resolved: dict[int, Scored] = {}
        for i, m in enumerate(mentions):
            if m.demonym or not m.rows:
                continue
            scored = scorer.score(m, mentions=mentions, idx=i, sctx=sctx, dctx=dctx, hint=hint,
                                  theater_text=theater_text, named=countries)
            best_s, best_row, best_why = scored[0]
            supported = _supported(best_why)
            rival = None
            if len(scored) > 1:
                best_cc = gaz.country[best_row]
                rival = next((t for t in scored[1:] if gaz.country[t[1]] != best_cc), None)
            if best_s < 0.3 or (rival and best_s - rival[0] < 0.6 and not supported):
                log.debug("geocode: '%s' left unplaced (score %.2f)", m.surface, best_s)
                continue
            if not supported and not self._foreign_ok(m, best_row, named):
                log.debug("geocode: '%s' read as a word, not as a place abroad", m.surface)
                continue
            best_cc = gaz.country[best_row]
            if best_cc not in _THEATER and not m.kind_word and _NAME_GOES_ON.match(sentence, m.end) \
                    and not any(o.start == m.end + 1 for o in mentions[i + 1:i + 2]) \
                    and not any(w.startswith("qualified") for w in best_why) and best_cc not in sctx.named \
                    and not by_others(sctx.countries.get(best_cc), i):
                # "Adan Yabaal": the first word of a longer name that the gazetteer does not know
                log.debug("geocode: '%s' read as part of a longer name", m.surface)
                continue
            resolved[i] = scored
        if not resolved:
            return None
        # A mention that qualifies another resolved one ("Kech" in "Turbat (Kech district)") is context.
        qualifying: set[int] = set()
        for i, scored in resolved.items():
            for j in mentions[i].qualifiers:
                if any(scorer.contains(r, scored[0][1]) for r in mentions[j].rows):
                    qualifying.add(j)
        best_i, best_v = -1, -math.inf
        for order, (i, scored) in enumerate(resolved.items()):
            if i in qualifying and len(resolved) > 1:
                continue
            # The event place is the most precise, best-qualified one; among equals the first with a
            # locative cue ("in X"), since later places tend to be sources ("officials in Y said").
            m, (s, row, _) = mentions[i], scored[0]
            v = 2 * _PRECISION_BONUS.get(gaz.kind[row], 0.0) + 0.5 * m.cue_loc + min(s, 4.0) / 8 - 0.15 * order
            v -= 2.0 * m.elsewhere
            if _ROAD_AFTER.match(sentence, m.end):
                v -= 1.5  # "the Kabul-Kandahar highway near Ghazni", "the Zhob road": the towns name the road
            if _OFFICE_AFTER.match(sentence, m.end):
                v -= 1.0  # "the convoy of the Kunar provincial governor in X": the name is of an office
            qualified = any(j in qualifying for j in m.qualifiers)
            # "Iran's Sistan-Baluchestan province": a province is always inside its country, so its country
            # adds less than a province adds to a town
            v += (0.5 if gaz.kind[row] == K_PROVINCE else 1.0) * qualified
            v += max(0.0, self._agreement(row, i, sctx)) if qualified else self._agreement(row, i, sctx)
            if v > best_v:
                best_i, best_v = i, v
        if best_i < 0:
            return None
        district = self._district_of_report(resolved[best_i][0][1], sctx, dctx)
        admin1 = self._named_admin1(mentions, best_i, resolved, sctx, dctx)
        return self._match(mentions, best_i, resolved, hint, district, admin1=admin1, text=sentence)

    def _district_of_report(self, row: int, sctx: SentenceContext, dctx: DocContext) -> int:
        """For an event placed only at a province: the one district of it that the report names, or -1.

        Summaries often name the village and province of the event and, in another sentence, its district
        ("one of two attacks in Kajran district"); a village missing from the gazetteer is then placed at
        the district's centre instead of the province's.
        """
        gaz = self.gaz
        if gaz.kind[row] != K_PROVINCE:
            return -1
        cc, a1 = gaz.country[row], gaz.name[row]
        named = {k for k in (*sctx.districts, *dctx.districts) if k[0] == cc and k[1] == a1 and k[2] != a1}
        if len(named) != 1:
            return -1
        return gaz.admin2_row.get(named.pop(), -1)

    def _named_admin1(self, mentions: list[Mention], idx: int, resolved: dict[int, Scored],
                      sctx: SentenceContext, dctx: DocContext) -> str:
        """The unit abroad that the text names for the event's town ("Kuriga, in Kaduna State"), or "".

        A town abroad knows its unit only from the nearest centroid, and a village missing from the
        gazetteer not at all; the unit the text names around it is better. A unit that qualifies the name
        ("X, Borno State", "X (Douentza, Mopti)") overrides; one named elsewhere in the sentence, or the
        only one of that country in the report, fills in a missing unit.
        """
        gaz = self.gaz
        row = resolved[idx][0][1]
        cc = gaz.country[row]
        if cc in THEATER_COUNTRIES or gaz.kind[row] in (K_COUNTRY, K_PROVINCE):
            return ""
        qualifying = {gaz.name[r] for j in mentions[idx].qualifiers for r in mentions[j].rows
                      if gaz.kind[r] == K_PROVINCE and gaz.country[r] == cc}
        if len(qualifying) == 1:
            return qualifying.pop()
        if gaz.admin1[row]:
            return ""
        in_sentence = {a1 for (c, a1), who in sctx.provinces.items() if c == cc and by_others(who, idx)}
        if in_sentence:
            return in_sentence.pop() if len(in_sentence) == 1 else ""
        in_doc = {a1 for (c, a1) in dctx.provinces if c == cc}
        return in_doc.pop() if len(in_doc) == 1 else ""

    def _foreign_ok(self, m: Mention, row: int, countries: set[str]) -> bool:
        """Whether a place outside the theater may stand without its country or a qualifier in the text.

        A small town abroad whose name is also a word ("God", "Split", "Nice") or whose country the
        report never names is far more often a word or a surname than the scene of the event; only a
        large city is known well enough to stand alone.
        """
        gaz = self.gaz
        cc = gaz.country[row]
        if cc in THEATER_COUNTRIES or cc in countries or gaz.kind[row] == K_COUNTRY:
            return True
        if m.key in COMMON_WORDS or m.key in _ENGLISH_WORDS or row in gaz.strict:
            return False
        if gaz.kind[row] == K_PROVINCE and len(m.key) >= 4:
            # A state or province abroad ("Borno", "North Kivu") is a name known well enough to stand alone.
            return not any(gaz.country[r] in THEATER_COUNTRIES for r in m.rows)
        return gaz.population[row] >= FOREIGN_STANDALONE_POPULATION

    def _agreement(self, row: int, idx: int, sctx: SentenceContext) -> float:
        """How well a place agrees with the provinces and countries the rest of the sentence names."""
        gaz = self.gaz
        cc, a1, kind = gaz.country[row], gaz.admin1[row], gaz.kind[row]
        countries = {k for k, who in sctx.countries.items() if by_others(who, idx)}
        if countries and cc not in countries:
            return -2.0
        if kind in (K_COUNTRY, K_PROVINCE):
            return 0.0
        provinces = {k for k, who in sctx.provinces.items() if by_others(who, idx)}
        if not provinces:
            return 0.0
        return 0.5 if (cc, a1) in provinces else -1.5

    def _place(self, row: int, precision: int | None = None) -> Place:
        place = self._places.get((row, precision))
        if place is None:
            place = self._places[(row, precision)] = self.gaz.place(row, precision)
        return place

    def _seated(self, row: int, precision: int) -> Place:
        """A district's Place at the coordinates of its headquarters."""
        place = self._places.get((-1 - row, precision))
        if place is None:
            seat = self.gaz.seat[row]
            place = replace(self._place(row, precision), latitude=self.gaz.lat[seat], longitude=self.gaz.lon[seat])
            self._places[(-1 - row, precision)] = place
        return place

    def _match(self, mentions: list[Mention], i: int, resolved: dict[int, Scored], hint: str | None,
               district: int = -1, *, admin1: str = "", text: str = "") -> GeoMatch:
        gaz = self.gaz
        m, scored = mentions[i], resolved[i]
        s, row, why = scored[0]
        if district >= 0:
            row, why = district, [*why, f"{gaz.name[district]} district named in the report"]
        kind = gaz.kind[row]
        cue_near = m.cue_near
        if kind in (K_TOWN, K_CROSSING):
            precision = 2 if (cue_near or m.kind_word in _AREA_WORDS or m.kind_word in KIND_WORDS) else 1
        else:
            precision = 2 if kind in (K_DISTRICT, K_AREA) else 3
        seated = kind == K_DISTRICT and gaz.seat[row] >= 0
        place = self._seated(row, precision) if seated else self._place(row, precision)
        if admin1 and admin1 != place.admin1:
            place = replace(place, admin1=admin1)
            why = [*why, f"in {admin1}, as the text says"]
        if seated:
            # A district named without a town is placed at its headquarters, as human coders do.
            why = [*why, f"coordinates of the district seat {gaz.name[gaz.seat[row]]}"]
        scene = None
        if text and kind != K_COUNTRY:
            scene = scene_before(text, m.start, known_is_town=kind in (K_TOWN, K_CROSSING),
                                 known_is_city=kind == K_TOWN and gaz.population[row] >= _CITY)
            after = scene_after(text, m.end) if scene is None else None
            if after is not None and not any(mentions[j].start == after[1] for j in resolved):
                scene = after[0]  # a name after the place that the gazetteer resolved is not unlisted
        if scene is not None and fold_text(scene) != fold_text(m.surface):
            # the scene the text names is not in the gazetteer: its name, at the known place around it
            why = [*why, f"'{scene}' is not in the gazetteer: placed at {place.name}"]
            place = replace(place, name=scene, kind="area", geo_precision=max(2, precision), population=0,
                            geonameid=None)
        # Rows of one area (the town and the district of the same name) are not rivals.
        groups: dict[tuple[str, str], float] = {}
        for sc, r, _ in scored:
            key = (gaz.country[r], gaz.admin1[r])
            groups[key] = max(groups.get(key, -math.inf), sc)
        prob = 1.0 / sum(math.exp(v - s) for v in groups.values())
        support = 1.0 if _named_or_qualified(why) else (0.8 if (m.cue_loc or m.kind_word or hint) else 0.6)
        reasons = [*why]
        if m.elsewhere:
            reasons.append(ELSEWHERE)
        if cue_near:
            reasons.append("'near'-type cue: precision 2")
        if gaz.country[row] in THEATER_COUNTRIES:
            reasons.append("theater prior")
        if gaz.population[row]:
            reasons.append(f"population {gaz.population[row]:,}")
        cands: list[tuple[Place, float, str]] = [
            (self._place(r), round(sc, 3), "; ".join(w) or "same name") for sc, r, w in scored[1:5]]
        for j, other in resolved.items():
            if j != i and len(cands) < 8:
                sc, r, _ = other[0]
                cands.append((self._place(r), round(sc, 3), f"other place '{mentions[j].surface}'"))
        return GeoMatch(place=place, evidence=m.surface, score=round(prob * support, 3),
                        candidates=tuple(cands), reasons=tuple(reasons))

    # --------------------------------------------------------------------------------------- reverse
    def reverse(self, latitude: float, longitude: float) -> Place | None:
        """The district (else province, else country) around a point; None for an invalid point."""
        try:
            lat, lon = float(latitude), float(longitude)
        except (TypeError, ValueError):
            return None
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        gaz = self.gaz
        grid = self._grid if self._grid is not None else self._build_grid()
        best, best_d = -1, math.inf
        cos = max(0.05, math.cos(math.radians(lat)))
        for radius in (1, 2):
            for dy in range(-radius, radius + 1):
                for dx in range(-radius, radius + 1):
                    for r in grid.get((math.floor(lat) + dy, math.floor(lon) + dx), ()):
                        d = (gaz.lat[r] - lat) ** 2 + ((gaz.lon[r] - lon) * cos) ** 2
                        if d < best_d:
                            best, best_d = r, d
            if best >= 0:
                break
        if best < 0 or math.sqrt(best_d) * 111.2 > 150:
            return None
        cc, a1, a2 = gaz.country[best], gaz.admin1[best], gaz.admin2[best]
        if a2:
            return Place(a2, gaz.country_name(cc), a1 or None, a2, lat, lon, 2, "district")
        if a1:
            return Place(a1, gaz.country_name(cc), a1, None, lat, lon, 3, "province")
        return Place(gaz.country_name(cc), gaz.country_name(cc), None, None, lat, lon, 3, "country")

    def _build_grid(self) -> dict[tuple[int, int], list[int]]:
        gaz = self.gaz
        grid: dict[tuple[int, int], list[int]] = {}
        for r, kind in enumerate(gaz.kind):
            if kind in (K_TOWN, K_DISTRICT, K_CROSSING):
                grid.setdefault((math.floor(gaz.lat[r]), math.floor(gaz.lon[r])), []).append(r)
        self._grid = grid
        return grid


@lru_cache(maxsize=1)
def _default() -> Geocoder:
    return Geocoder(Gazetteer.load())
