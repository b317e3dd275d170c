"""Geocoder: place mentions in a text, resolved against the bundled gazetteer with the text's context.

Mentions are found with one Aho-Corasick pass over a folded copy of the text (same length, so spans line
up). Each mention's candidate places are scored from a prior (kind, population, theater data) and from
context: countries and provinces named in the sentence and the document, "X, Y" and "X (Y, Z)"
qualifiers, "X district" / "near X" cues. A name that is also a common word needs a locative cue, and
a bare name that several countries share is not placed without context.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

import ahocorasick

from sitrep.domain import Place
from sitrep.extract.geo_metonyms import without_metonyms
from sitrep.extract.geo_translit import TranslitIndex, word_key
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
    fold_text,
)

log = logging.getLogger(__name__)

# Names that are ordinary words of English or of the region's languages, or too short to trust: they
# count as places only with a cue ("in Tank", "Tank district", "Khar, Bajaur").
_COMMON_WORDS_TEXT = """
a an and are as at be bar but by can day for from had has have he her his how in is it its may no not of
on one or our out said she so the then they this to up us was we were what when who will with you all
also any back both even here just made make many more most much must new now only over own same see some
such than that their them these those under very well where which while why tank khar kot mach sui hub
nal nag dir bak police army force forces security mobile reading bath nice split mission sale union
independence commerce paradise hope liberty industry deal march camp fort post hall wells street battle
victory centre center city town village district province university college school hospital market
bazaar road bridge station airport border gate valley park garden lake river hill hills mountain
mountains north south east west central upper lower old great little saint mount port marine navy guard
guards levies rangers justice court media press radio news today friday monday tuesday wednesday
thursday saturday sunday january february april june july august september october november december
spring summer winter autumn kili kalay killi kalle kala qala shah khan ali hassan hussain husain karim
aziz malik mohammad muhammad ahmad ahmed umar omar usman rahman haji mullah sheikh imam amir emir asad
aslam akbar salim jan gul zaman bibi nawaz sharif imran baba pir sardar nasir faisal hamza bilal tariq
zafar wali daud dawood mir lal noor nur sher shir sadiq saeed yousaf yusuf ismail ibrahim idris musa isa
mariam fatima taliban islamic state khorasan lashkar jaish tehreek tehrik jamaat jamiat hizb harakat
"""
COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())

_PRE_LOC = re.compile(
    r"(?:\b(?:in|at|near|from|outside|inside|of|into|on|across|around|towards?|to|between|and|"
    r"outskirts of|vicinity of|suburbs? of|edge of|close to|parts of|part of)\s+(?:the\s+)?)$"
)
_PRE_NEAR = re.compile(
    r"(?:\b(?:near|outside|outskirts of|vicinity of|suburbs? of|edge of|close to|nearby|around|"
    r"neighbou?ring|adjacent to|off|kilometres from|kilometers from|km from|miles from)\s+(?:the\s+)?)$"
)
_AFTER_KIND = re.compile(  # used with match(text, pos): anchored at pos, so no "^"
    r"\s*(district|districts|agency|tribal district|tehsil|sub division|subdivision|town|city|village|"
    r"area|areas|province|provincial|valley|region|bazaar|bazar|border|crossing|outskirts|suburbs?|"
    r"state|governorate|oblast|krai|department|prefecture)\b"
)
_QUALIFIER_GAP = re.compile(
    r"^\s*(?:(?:district|tehsil|town|city|village|area|areas|agency|province|valley|region|bazaar|bazar|"
    r"state|governorate|oblast|department|territory|township|county|municipality)"
    r"\s*)?(?:,(?:\s*in\b)?|\(|\bof\b|\bin\b|\bdistrict of\b)\s*(?:the\s+)?(?:coded as\s+)?$"
)
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:(?:northern|southern|eastern|western|central|north|south|east|west|"
                             r"restive|troubled|remote|neighbouring|neighboring)\s+)?$")
_TOKEN = re.compile(r"[a-z]+")
_CAPITAL = re.compile(r"(?<![\w'’‘-])[A-Z]")
_NONWORD = re.compile(r"[^\w]")
_BLANKS = re.compile(r"\s+")
_CONNECTOR_WORDS = frozenset({"a", "ah", "h", "e", "eh", "i", "ye", "yi", "y", "wa", "o"})


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _crosses(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when a span overlaps one of ``spans`` (sorted, not overlapping) without containing it."""
    i = bisect.bisect_left(spans, (start, -1))  # the first span that starts at or after ``start``
    if i and spans[i - 1][1] > start:
        return True  # a span that begins before ``start`` reaches into it
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] > end:
            return True
        i += 1
    return False



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

_KIND_WORDS = {
    "district": K_DISTRICT, "districts": K_DISTRICT, "agency": K_DISTRICT, "tribal district": K_DISTRICT,
    "province": K_PROVINCE, "provincial": K_PROVINCE, "state": K_PROVINCE, "governorate": K_PROVINCE,
    "oblast": K_PROVINCE, "krai": K_PROVINCE, "department": K_PROVINCE, "prefecture": K_PROVINCE,
}
_UNIT_WORDS = frozenset({"state", "governorate", "oblast", "krai", "department", "prefecture"})
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
    variant: bool = False  # matched through the spelling-tolerant key, not an exact name


@dataclass(slots=True)
class _Context:
    countries: dict[str, float]
    provinces: dict[tuple[str, str], float]
    districts: dict[tuple[str, str, str], float]
    named: frozenset[str] = frozenset()  # countries named as such (name or adjective), not through a town


class Geocoder:
    """Finds and resolves place names; built on a ``Gazetteer``."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        # Keys are searched with a blank on each side in a copy of the text whose punctuation is blanked
        # (same length): every hit is then a whole-word match, with no check per hit.
        auto = ahocorasick.Automaton()
        for key in gazetteer.index:
            bounded = f" {_NONWORD.sub(' ', key)} "
            if bounded not in auto:
                auto.add_word(bounded, (key, ""))
        for word, cc in gazetteer.demonyms.items():
            # An adjective of a country wins over a place spelled the same ("Pak soldiers" is Pakistan).
            key = fold_text(word).strip()
            auto.add_word(f" {_NONWORD.sub(' ', key)} ", (key, cc))
        auto.make_automaton()
        self._auto = auto
        self._translit = TranslitIndex(gazetteer)
        self._grid: dict[tuple[int, int], list[int]] | None = None
        self._locate_cached = lru_cache(maxsize=8192)(self._locate)
        # a sentence is read once for splitting events and again, alone or with others, to place them
        self._mentions_cached = lru_cache(maxsize=1024)(self._mentions)
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
        for end, (key, demonym) in self._auto.iter(f" {_NONWORD.sub(' ', folded)} "):
            start = end - len(key) - 1  # in the padded copy the key ends at end - 1 and starts one later
            raw.append((start, start + len(key), key, demonym))
        raw.sort(key=lambda r: (r[0] - r[1], r[0]))
        taken: list[tuple[int, int]] = []
        mentions: list[_Mention] = []
        raw_mentions: list[_Mention] = []
        covered = bytearray(len(folded) + 2)  # positions already inside a longer name
        for start, end, key, demonym in raw:
            if any(covered[start:end]):
                continue
            surface = text[start:end]
            if not self._case_ok(surface, key, has_upper):
                continue
            taken.append((start, end))
            covered[start:end] = b"\x01" * (end - start)
            raw_mentions.append(_Mention(start, end, surface, [] if demonym else self.gaz.index[key], key, demonym))
        taken.sort()
        variants = self._variant_mentions(text, folded, taken, has_upper)
        if variants:  # a longer name in another spelling wins over the shorter exact names inside it
            raw_mentions = [m for m in raw_mentions if not any(v.start <= m.start and m.end <= v.end
                                                                 for v in variants)]
            raw_mentions.extend(variants)
        for m in raw_mentions:
            start, end = m.start, m.end
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
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if nxt is not None and not m.demonym and _POSSESSIVE_GAP.match(text, m.end, nxt.start):
                # "in Burkina Faso's Centre-Nord region": the owner qualifies the place after it, which
                # takes over the owner's locative cue
                nxt.qualifiers = (*nxt.qualifiers, i)
                m.is_qualifier = True
                nxt.cue_loc = nxt.cue_loc or m.cue_loc
        keep = []
        for i, m in enumerate(mentions):
            needs_cue = not m.demonym and (m.key in COMMON_WORDS or len(m.key) <= 3)
            if needs_cue and not (m.cue_loc or m.kind_word or m.qualifiers or self._is_qualifier_of(mentions, i)):
                continue
            keep.append(m)
        return keep if len(keep) == len(mentions) else self._renumber(keep, mentions)

    def _variant_mentions(self, text: str, folded: str, taken: list[tuple[int, int]],
                          has_upper: bool) -> list[_Mention]:
        """Theater names written in another romanisation ("Dashti Qala" for "Dasht-e Qal'ah")."""
        found: list[_Mention] = []
        starts = _CAPITAL if has_upper else _TOKEN
        pos = 0
        for first in starts.finditer(text if has_upper else folded):
            start = first.start()
            if start < pos:
                continue
            word = _TOKEN.match(folded, start)
            if word is None or word.group() in COMMON_WORDS or _crosses(start, word.end(), taken):
                continue
            prefix = word_key(word.group(), False)
            if len(prefix) >= 3 and prefix[:3] not in self._translit.prefixes:
                continue
            # the run of up to four words joined by blanks or hyphens: names, or connectors ("e", "wa")
            ends = [word.end()]
            while len(ends) < 4:
                nxt = _TOKEN.match(folded, ends[-1] + 1) or _TOKEN.match(folded, ends[-1] + 2)
                if (nxt is None or not folded[ends[-1]:nxt.start()].isspace()
                        or _crosses(start, nxt.end(), taken)
                        or (has_upper and not text[nxt.start()].isupper() and nxt.group() not in _CONNECTOR_WORDS)):
                    break
                ends.append(nxt.end())
            for end in reversed(ends):
                if (start, end) in taken:
                    break  # the exact name is already there
                rows = self._translit.lookup(folded[start:end])
                if rows:
                    key = _BLANKS.sub(" ", folded[start:end])
                    found.append(_Mention(start, end, text[start:end], list(rows), key, variant=True))
                    pos = end
                    break
        return found

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
        ctx: dict[str, dict] = {"countries": {}, "provinces": {}, "districts": {}, "named": {}}
        for i, m in enumerate(mentions):
            if m.demonym:
                ctx["countries"].setdefault(m.demonym, set()).add(i)
                ctx["named"][m.demonym] = i
                continue
            for r in m.rows:
                if gaz.kind[r] == K_COUNTRY:
                    ctx["named"][gaz.country[r]] = i
            rows = [r for r in m.rows if r not in gaz.strict]  # "Gaza", "Kurdistan": the scene is unclear
            ccs = {gaz.country[r] for r in rows}
            if len(ccs) != 1:
                continue
            cc = ccs.pop()
            if cc not in THEATER_COUNTRIES and m.key in COMMON_WORDS:
                continue  # "Kalay" in "Inayat Kalay" is a village word, not Myanmar's Kalay
            # A small foreign town matched by an alternate name is too weak to set the scene.
            if all(gaz.kind[r] == K_TOWN and gaz.source[r] == 0 and gaz.population[r] < 100_000
                   and cc not in THEATER_COUNTRIES for r in rows):
                continue
            ctx["countries"].setdefault(cc, set()).add(i)
            # A town abroad knows its province only from where it lies: that names no province in the text.
            a1s = {gaz.name[r] for r in rows if gaz.kind[r] == K_PROVINCE} or {
                gaz.admin1[r] for r in rows if cc in THEATER_COUNTRIES or gaz.kind[r] != K_TOWN}
            if len(a1s) == 1 and (a1 := a1s.pop()):
                ctx["provinces"].setdefault((cc, a1), set()).add(i)
                for r in rows:
                    if gaz.kind[r] == K_DISTRICT:
                        ctx["districts"].setdefault((cc, a1, gaz.name[r]), set()).add(i)
        return ctx

    def _context_of(self, text: str) -> _Context:
        ctx = self._context_from(self._mentions_cached(text))
        return _Context(
            countries={k: float(len(v)) for k, v in ctx["countries"].items()},
            provinces={k: float(len(v)) for k, v in ctx["provinces"].items()},
            districts={k: float(len(v)) for k, v in ctx["districts"].items()},
            named=frozenset(ctx["named"]),
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
        if not isinstance(sentence, str) or not sentence.strip():
            return None
        hint = self._hint(country_hint)
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

    def _score(self, m: _Mention, *, mentions: list[_Mention], idx: int, sctx: dict, dctx: _Context,
               hint: str | None, theater_text: bool) -> list[tuple[float, int, list[str]]]:
        gaz = self.gaz
        named = set(sctx["countries"]) | set(dctx.countries) | ({hint} if hint else set())
        out = []
        for row in m.rows:
            cc, a1, a2, kind = gaz.country[row], gaz.admin1[row], gaz.admin2[row], gaz.kind[row]
            s = self._prior(row, theater_text)
            why: list[str] = []
            if m.variant:
                s -= 0.3
                why.append(f"spelling variant of {gaz.name[row]}")
            elif fold_name(gaz.name[row]) != m.key:
                # a former or alternate name ("Islamabad" was once Chittagong's): the place's own name wins
                s -= 0.5
                why.append(f"another name of {gaz.name[row]}")
            if sctx["countries"].get(cc, set()) - {idx}:
                s += 1.2
                why.append("country named in the sentence")
            elif cc in dctx.countries:
                s += 0.6
                why.append("country named in the document")
            if hint == cc:
                s += 1.0
                why.append("country hint")
            if named and cc not in named and kind != K_COUNTRY:
                s -= 1.0
                why.append("outside the countries the text names")
            if row in gaz.strict and cc not in named:
                s -= 2.0
                why.append("a name shared with other places: needs its country named")
            if a1 and kind != K_PROVINCE:
                if sctx["provinces"].get((cc, a1), set()) - {idx}:
                    s += 1.5
                    why.append(f"{a1} named in the sentence")
                elif (cc, a1) in dctx.provinces:
                    s += 0.7
                    why.append(f"{a1} named in the document")
            if a2 and kind not in (K_DISTRICT, K_PROVINCE) and (
                    sctx["districts"].get((cc, a1, a2), set()) - {idx}):
                s += 1.0
                why.append(f"{a2} district named in the sentence")
            want = _KIND_WORDS.get(m.kind_word)
            if m.kind_word == "region" and kind == K_PROVINCE:
                s += 1.5  # "Sagaing region": the unit; "Swat region" (no such unit) stays an area
                why.append("'region' follows the name")
            elif want is not None:
                if kind == want:
                    s += 1.5
                    why.append(f"'{m.kind_word}' follows the name")
                elif kind != K_COUNTRY or m.kind_word not in _UNIT_WORDS:  # "Syria state media"
                    s -= 0.4
            elif m.kind_word in _TOWN_WORDS and kind == K_TOWN:
                s += 0.5
            for j in m.qualifiers:
                parent = next((r for r in mentions[j].rows if self._contains(r, row)), None)
                if parent is not None:
                    s += 2.5
                    why.append(f"qualified by '{mentions[j].surface}'")
            out.append((s, row, why))
        out.sort(key=lambda t: -t[0])
        if m.kind_word not in _KIND_WORDS:
            self._prefer_town(out)
        return out

    def _prefer_town(self, out: list[tuple[float, int, list[str]]]) -> None:
        """A bare name shared by a town and its district or province means the town ("in Kandahar")."""
        gaz = self.gaz
        best_s, best, _ = out[0]
        if gaz.kind[best] not in (K_DISTRICT, K_PROVINCE):
            return
        for pos, (_, row, why) in enumerate(out[1:], 1):
            if gaz.kind[row] != K_TOWN or gaz.country[row] != gaz.country[best]:
                continue
            if fold_name(gaz.name[row]) != fold_name(gaz.name[best]):
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

    def _locate(self, sentence: str, doc: str, hint: str | None) -> GeoMatch | None:
        gaz = self.gaz
        mentions = self._mentions_cached(sentence)
        if not mentions:
            return None
        sctx = self._context_from(mentions)
        dctx = self._doc_context(doc) if doc and doc != sentence else _Context({}, {}, {})
        countries = set(sctx["countries"]) | set(dctx.countries) | ({hint} if hint else set())
        theater_text = bool(countries & set(THEATER_COUNTRIES))
        named = set(sctx["named"]) | dctx.named | ({hint} if hint else set())
        resolved: dict[int, list[tuple[float, int, list[str]]]] = {}
        for i, m in enumerate(mentions):
            if m.demonym or not m.rows:
                continue
            scored = self._score(m, mentions=mentions, idx=i, sctx=sctx, dctx=dctx, hint=hint,
                                 theater_text=theater_text)
            best_s, best_row, best_why = scored[0]
            supported = any(w.startswith(("qualified", "country", "'")) or "named" in w for w in best_why)
            rival = next((t for t in scored[1:] if gaz.country[t[1]] != gaz.country[best_row]), None)
            if best_s < 0.3 or (rival and best_s - rival[0] < 0.6 and not supported):
                log.debug("geocode: '%s' left unplaced (score %.2f)", m.surface, best_s)
                continue
            if not supported and not self._foreign_ok(m, best_row, named):
                log.debug("geocode: '%s' read as a word, not as a place abroad", m.surface)
                continue
            resolved[i] = scored
        if not resolved:
            return None
        # A mention that qualifies another resolved one ("Kech" in "Turbat (Kech district)") is context.
        qualifying: set[int] = set()
        for i, scored in resolved.items():
            for j in mentions[i].qualifiers:
                if any(self._contains(r, scored[0][1]) for r in mentions[j].rows):
                    qualifying.add(j)
        bonus = {K_TOWN: 0.6, K_CROSSING: 0.6, K_AREA: 0.4, K_DISTRICT: 0.3, K_BORDER: 0.2, K_PROVINCE: 0.1}
        best_i, best_v = -1, -math.inf
        for order, (i, scored) in enumerate(resolved.items()):
            if i in qualifying and len(resolved) > 1:
                continue
            # The event place is the most precise, best-qualified one; among equals the first with a
            # locative cue ("in X"), since later places tend to be sources ("officials in Y said").
            m, (s, row, _) = mentions[i], scored[0]
            v = 2 * bonus.get(gaz.kind[row], 0.0) + 0.5 * m.cue_loc + min(s, 4.0) / 8 - 0.15 * order
            qualified = any(j in qualifying for j in m.qualifiers)
            v += 1.0 * qualified
            v += max(0.0, self._agreement(row, i, sctx)) if qualified else self._agreement(row, i, sctx)
            if v > best_v:
                best_i, best_v = i, v
        if best_i < 0:
            return None
        district = self._district_of_report(resolved[best_i][0][1], sctx, dctx)
        admin1 = self._named_admin1(mentions, best_i, resolved, sctx, dctx)
        return self._match(mentions, best_i, resolved, hint, district, admin1=admin1)

    def _district_of_report(self, row: int, sctx: dict, dctx: _Context) -> int:
        """For an event placed only at a province: the one district of it that the report names, or -1.

        Summaries often name the village and province of the event and, in another sentence, its district
        ("one of two attacks in Kajran district"); a village missing from the gazetteer is then placed at
        the district's centre instead of the province's.
        """
        gaz = self.gaz
        if gaz.kind[row] != K_PROVINCE:
            return -1
        cc, a1 = gaz.country[row], gaz.name[row]
        named = {k for k in (*sctx["districts"], *dctx.districts) if k[0] == cc and k[1] == a1 and k[2] != a1}
        if len(named) != 1:
            return -1
        return gaz.admin2_row.get(named.pop(), -1)

    def _named_admin1(self, mentions: list[_Mention], idx: int, resolved: dict, sctx: dict,
                      dctx: _Context) -> str:
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
        in_sentence = {a1 for (c, a1), who in sctx["provinces"].items() if c == cc and who - {idx}}
        if in_sentence:
            return in_sentence.pop() if len(in_sentence) == 1 else ""
        in_doc = {a1 for (c, a1) in dctx.provinces if c == cc}
        return in_doc.pop() if len(in_doc) == 1 else ""

    def _foreign_ok(self, m: _Mention, row: int, countries: set[str]) -> bool:
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

    def _agreement(self, row: int, idx: int, sctx: dict) -> float:
        """How well a place agrees with the provinces and countries the rest of the sentence names."""
        gaz = self.gaz
        cc, a1, kind = gaz.country[row], gaz.admin1[row], gaz.kind[row]
        countries = {k for k, who in sctx["countries"].items() if who - {idx}}
        provinces = {k for k, who in sctx["provinces"].items() if who - {idx}}
        if countries and cc not in countries:
            return -2.0
        if kind in (K_COUNTRY, K_PROVINCE) or not provinces:
            return 0.0
        return 0.5 if (cc, a1) in provinces else -1.5

    def _match(self, mentions: list[_Mention], i: int, resolved: dict, hint: str | None,
               district: int = -1, *, admin1: str = "") -> GeoMatch:
        gaz = self.gaz
        m, scored = mentions[i], resolved[i]
        s, row, why = scored[0]
        if district >= 0:
            row, why = district, [*why, f"{gaz.name[district]} district named in the report"]
        kind = gaz.kind[row]
        if kind in (K_TOWN, K_CROSSING):
            precision = 2 if (m.cue_near or m.kind_word in _AREA_WORDS or m.kind_word in _KIND_WORDS) else 1
        else:
            precision = 2 if kind in (K_DISTRICT, K_AREA) else 3
        place = gaz.place(row, precision)
        if admin1 and admin1 != place.admin1:
            place = replace(place, admin1=admin1)
            why = [*why, f"in {admin1}, as the text says"]
        if kind == K_DISTRICT and gaz.seat[row] >= 0:
            # A district named without a town is placed at its headquarters, as human coders do.
            seat = gaz.seat[row]
            place = replace(place, latitude=gaz.lat[seat], longitude=gaz.lon[seat])
            why = [*why, f"coordinates of the district seat {gaz.name[seat]}"]
        # Rows of one area (the town and the district of the same name) are not rivals.
        groups: dict[tuple[str, str], float] = {}
        for sc, r, _ in scored:
            key = (gaz.country[r], gaz.admin1[r])
            groups[key] = max(groups.get(key, -math.inf), sc)
        prob = 1.0 / sum(math.exp(v - s) for v in groups.values())
        support = 1.0 if any(("named" in w or w.startswith("qualified")) for w in why) else (
            0.8 if (m.cue_loc or m.kind_word or hint) else 0.6)
        reasons = [*why]
        if m.cue_near:
            reasons.append("'near'-type cue: precision 2")
        if gaz.country[row] in THEATER_COUNTRIES:
            reasons.append("theater prior")
        if gaz.population[row]:
            reasons.append(f"population {gaz.population[row]:,}")
        cands: list[tuple[Place, float, str]] = [
            (gaz.place(r), round(sc, 3), "; ".join(w) or "same name") for sc, r, w in scored[1:5]]
        for j, other in resolved.items():
            if j != i:
                sc, r, _ = other[0]
                cands.append((gaz.place(r), round(sc, 3), f"other place '{mentions[j].surface}'"))
        return GeoMatch(place=place, evidence=m.surface, score=round(prob * support, 3),
                        candidates=tuple(cands[:8]), reasons=tuple(reasons))

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
