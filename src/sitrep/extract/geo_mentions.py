"""Place mentions in a text: gazetteer names found with one Aho-Corasick pass, their cues and qualifiers.

The text is folded (same length, so spans line up) and its punctuation blanked; every gazetteer key is
searched with a blank on each side, so every hit is a whole-word match. Theater names written in another
romanisation are found through ``TranslitIndex``. Everything that depends only on a key or a word (its
case rule, whether it needs a locative cue, whether it can open a spelling variant) is settled once, when
the automaton is built or the first time the word is seen, not for every hit.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import ahocorasick

from sitrep.extract.geo_translit import GLUE, TranslitIndex, word_key
from sitrep.knowledge.gazetteer import Gazetteer, fold_text

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

PRE_LOC = re.compile(
    r"(?:\b(?:in|at|near|from|outside|inside|of|into|on|across|around|towards?|to|between|and|"
    r"outskirts of|vicinity of|suburbs? of|edge of|close to|parts of|part of)\s+(?:the\s+)?)$"
)
PRE_NEAR = re.compile(
    r"(?:\b(?:near|outside|outskirts of|vicinity of|suburbs? of|edge of|close to|nearby|around|"
    r"neighbou?ring|adjacent to|off|kilometres from|kilometers from|km from|miles from)\s+(?:the\s+)?)$"
)
# "passengers, most of them from Punjab", "labourers hailing from Sindh": where the people came from, not where
# the event was
PRE_ORIGIN = re.compile(
    r"\b(?:them|who|whom|people|persons|passengers|travell?ers|labou?rers|workers|pilgrims|migrants|refugees|"
    r"hailing|hails|hailed|originally|natives?)(?:\s+(?:were|was|are|is|all|mostly|mainly|hailed))?\s+"
    r"(?:from|of)\s+(?:the\s+)?$")
# "died in hospital in Quetta", "the wounded were shifted to Peshawar": where the wounded were taken, not where
# the event was ("a grenade at the medical complex in Khuzdar" is a scene)
PRE_CARE = re.compile(
    r"\b(?:died|succumbed|treated|admitted|treatment|shifted|rushed|taken|moved|airlifted|referred|evacuated|"
    r"transported|flown)\b[^.;]{0,50}?\b(?:hospitals?|CMH|clinic|trauma\s+cent(?:re|er)|medical\s+(?:complex|college|"
    r"institute))\s+(?:in|at|of)\s+(?:the\s+)?$|"
    r"\b(?:shifted|rushed|taken|moved|airlifted|referred|evacuated|transported|flown)\s+(?:[\w'’-]+\s+){0,3}?to\s+"
    r"(?:the\s+)?$", re.IGNORECASE)
# "a bus travelling from Quetta to Taftan", "a convoy on its way from Parachinar to Peshawar": the ends of a
# journey, not where it was stopped
_TRAVEL = (r"\b(?:travell?ing|going|heading|headed|bound|returning|moving|plying|driving|coming|run|running|"
           r"(?:on\s+(?:its|their|his|her|the)\s+)?way|en\s+route)\s+(?:back\s+)?")
PRE_ROUTE = re.compile(
    rf"{_TRAVEL}(?:from|to|towards?|for|between)\s+(?:the\s+)?$|"
    rf"{_TRAVEL}from\s+[A-Z][\w'’.-]*(?:[\s-]+[A-Z][\w'’.-]*){{0,2}}\s+(?:to|towards?|for)\s+(?:the\s+)?$|"
    rf"{_TRAVEL}between\s+[A-Z][\w'’.-]*(?:[\s-]+[A-Z][\w'’.-]*){{0,2}}\s+and\s+$", re.IGNORECASE)
_AFTER_KIND = re.compile(  # used with match(text, pos): anchored at pos, so no "^"
    r"\s*(district|districts|agency|tribal district|tehsil|sub division|subdivision|town|city|village|"
    r"area|areas|province|provincial|valley|region|bazaar|bazar|border|crossing|outskirts|suburbs?|"
    r"state|governorate|oblast|krai|department|prefecture)\b"
)
# The letters that can open a word of _AFTER_KIND: a name followed by anything else has no kind word.
_KIND_INITIALS = frozenset("datscvprbokg")
_QUALIFIER_GAP = re.compile(
    r"^\s*(?:(?:district|tehsil|town|city|village|area|areas|agency|province|valley|region|bazaar|bazar|"
    r"state|governorate|oblast|department|territory|township|county|municipality)"
    r"\s*)?(?:,(?:\s*in\b)?|\(|\bof\b|\bin\b|\bdistrict of\b)\s*(?:the\s+)?(?:coded as\s+)?$"
)
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:(?:northern|southern|eastern|western|central|north|south|east|west|"
                             r"restive|troubled|remote|neighbouring|neighboring)\s+)?$")
_TOKEN = re.compile(r"[a-z]+")
# A capital that begins a word (not after a letter, an apostrophe or a hyphen). The capital comes first in
# the pattern and what stands before it is checked after, so the scan skips ahead to capitals.
_CAPITAL = re.compile(r"[A-Z](?<![\w'’‘-][A-Z])")
_CAPITAL_WORD = re.compile(r"[A-Z](?<![\w'’‘-][A-Z])[A-Za-z]*")  # in an ASCII text
_NONWORD = re.compile(r"[^\w]")
_BLANKS = re.compile(r"\s+")
_CONNECTOR_WORDS = frozenset({"a", "ah", "h", "e", "eh", "i", "ye", "yi", "y", "wa", "o"})
# ``_NONWORD.sub(" ", s)`` for an ASCII ``s``, as one table lookup per character
_ASCII_BLANK = {i: " " for i in range(128) if not (chr(i).isalnum() or chr(i) == "_")}


def blank_nonword(folded: str) -> str:
    """Every character that is not a word character replaced by a blank (same length)."""
    return folded.translate(_ASCII_BLANK) if folded.isascii() else _NONWORD.sub(" ", folded)


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


class Mention:
    """A name in a text: its span, candidate rows, and the cues and qualifiers around it."""

    __slots__ = ("_cue_loc", "_elsewhere", "_folded", "demonym", "end", "is_qualifier", "key", "kind_word",
                 "qualifiers", "rows", "start", "surface", "variant")

    def __init__(self, start: int, end: int, surface: str, rows: list[int], key: str, *, demonym: str = "",
                 folded: str = "", variant: bool = False) -> None:
        self.start = start
        self.end = end
        self.surface = surface
        self.rows = rows
        self.key = key
        self.demonym = demonym
        self.kind_word = ""  # "district", "province", "town" ... right after the name
        self.qualifiers: tuple[int, ...] = ()  # indexes of the mentions that qualify this one
        self.is_qualifier = False
        self.variant = variant  # matched through the spelling-tolerant key, not an exact name
        self._folded = folded  # the folded text, where the cues before the name are read when asked for
        self._cue_loc: bool | None = None
        self._elsewhere: bool | None = None

    @property
    def before(self) -> str:
        """Up to 30 folded characters before the name, where "in" / "near" cues stand."""
        return self._folded[max(0, self.start - 30):self.start]

    @property
    def after(self) -> str:
        """Up to 30 folded characters after the name."""
        return self._folded[self.end:self.end + 30]

    @property
    def cue_loc(self) -> bool:
        """A locative cue ("in X", "near the X") right before the name."""
        cue = self._cue_loc
        if cue is None:
            before = self.before
            # the cue pattern ends in a blank: a name right after punctuation has none
            cue = self._cue_loc = bool(before) and before[-1].isspace() and PRE_LOC.search(before) is not None
        return cue

    @cue_loc.setter
    def cue_loc(self, value: bool) -> None:
        self._cue_loc = value

    @property
    def elsewhere(self) -> bool:
        """A place named as where people came from ("most of them from Punjab"), where the wounded were taken
        ("died in hospital in Quetta") or as an end of a journey ("a bus travelling from Quetta to Taftan"): not
        the event's place."""
        away = self._elsewhere
        if away is None:
            before = self.before
            away = self._elsewhere = (
                (before.endswith(("from ", "of ", "the ")) and PRE_ORIGIN.search(before) is not None)
                or (before.endswith(("in ", "at ", "to ", "the ", "of ")) and PRE_CARE.search(before) is not None)
                or (before.endswith(("from ", "to ", "for ", "towards ", "toward ", "the ", "and ", "between "))
                    and PRE_ROUTE.search(before) is not None))
        return away

    @property
    def cue_near(self) -> bool:
        """A "near X" / "outskirts of X" cue: the place is around the name, not at it."""
        before = self.before
        # the cue pattern ends in a blank: a name right after punctuation has none
        return bool(before) and before[-1].isspace() and PRE_NEAR.search(before) is not None


_MEMO_SIZE = 200_000  # words and runs of words remembered; bounded, as texts bring endless new words
# Flags of an automaton entry, settled when the automaton is built.
_ACRONYM, _COMMON = 1, 2
# How a spelling variant may begin with a word: not at all (a common word, or no key starts like it); only
# with a connector glued to it ("Dasht e"); as the word alone, or with a connector glued to it; or as the
# first of several words.
_NO, _GLUED, _ALONE, _LEADS = 0, 1, 2, 3


class MentionFinder:
    """Finds the gazetteer's names in texts; built once per gazetteer."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        auto = ahocorasick.Automaton()
        acronyms = gaz.acronyms
        for key in gaz.index:
            bounded = f" {blank_nonword(key)} "
            if bounded not in auto:
                auto.add_word(bounded, (key, "", len(key), _flags(key, acronyms)))
        for word, cc in gaz.demonyms.items():
            # An adjective of a country wins over a place spelled the same ("Pak soldiers" is Pakistan).
            key = fold_text(word).strip()
            auto.add_word(f" {blank_nonword(key)} ", (key, cc, len(key), _flags(key, acronyms)))
        auto.make_automaton()
        self._auto = auto
        self.translit = TranslitIndex(gaz)
        self._states: dict[str, int] = {}  # word -> how a spelling variant may begin with it
        self._states_raw: dict[str, int] = {}  # the same, by the word as an ASCII text writes it
        self._runs: dict[tuple[str, ...], list[int]] = {}  # run of words -> rows of its spelling variant

    def find(self, text: str) -> list[Mention]:
        """The mentions of a text, in order, with cues and qualifiers; names that need a cue and lack
        one are left out."""
        if not text or not isinstance(text, str):
            return []
        folded = fold_text(text)
        # in an ASCII text only the letters A-Z are capitals, and lower-casing changes exactly those
        has_upper = text.lower() != text if text.isascii() else text[0].isupper() or any(c.isupper() for c in text)
        hits = []
        for end, (key, demonym, size, flags) in self._auto.iter(f" {blank_nonword(folded)} "):
            start = end - size - 1  # in the padded copy the key ends at end - 1 and starts one later
            first = text[start]
            if not first.isalpha():
                first = next((c for c in text[start:start + size] if c.isalpha()), "")
            if first and first.isascii():  # Arabic script and the like have no case
                if flags & _ACRONYM:
                    if not text[start:start + size].isupper():
                        continue
                elif not has_upper:  # an all-lowercase text: names lose their capitals, common words stay out
                    if flags & _COMMON:
                        continue
                elif not first.isupper():
                    continue
            hits.append((-size, start, key, demonym))  # sorts longest first, then leftmost: spans are unique
        mentions = self._take(text, folded, hits)
        taken = [(m.start, m.end) for m in mentions]
        variants = self._variant_mentions(text, folded, taken, has_upper)
        if variants:  # a longer name in another spelling wins over the shorter exact names inside it
            mentions = [m for m in mentions if not any(v.start <= m.start and m.end <= v.end for v in variants)]
            mentions.extend(variants)
            mentions.sort(key=_start_of)
        for m in mentions:
            end = m.end
            nxt = folded[end:end + 1]
            if nxt and (nxt in _KIND_INITIALS or nxt.isspace()):
                kind = _AFTER_KIND.match(folded, end, end + 24)
                if kind:
                    m.kind_word = kind.group(1)
        if len(mentions) > 1:
            self._link(text, folded, mentions)
        keep = []
        for i, m in enumerate(mentions):
            if (not m.demonym and (m.key in COMMON_WORDS or len(m.key) <= 3)
                    and not (m.cue_loc or m.kind_word or m.qualifiers or _is_qualifier_of(mentions, i))):
                continue  # a name that is also a word, or too short to trust, with no cue
            keep.append(m)
        return keep if len(keep) == len(mentions) else _renumber(keep, mentions)

    def _take(self, text: str, folded: str, hits: list[tuple[int, int, str, str]]) -> list[Mention]:
        """The longest names first; a name inside a longer one is not a mention of its own. In text order."""
        index = self.gaz.index
        if len(hits) <= 1:
            return [Mention(start, start - neg, text[start:start - neg], [] if demonym else index[key], key,
                            demonym=demonym, folded=folded) for neg, start, key, demonym in hits]
        hits.sort()
        covered = bytearray(len(folded) + 2)  # positions already inside a longer name
        out = []
        for neg, start, key, demonym in hits:
            end = start - neg
            if covered.find(1, start, end) >= 0:
                continue
            covered[start:end] = b"\x01" * (end - start)
            out.append(Mention(start, end, text[start:end], [] if demonym else index[key], key, demonym=demonym,
                               folded=folded))
        out.sort(key=_start_of)
        return out

    @staticmethod
    def _link(text: str, folded: str, mentions: list[Mention]) -> None:
        """Qualifiers: "X, Y", "X (Y", "X of Y", "X district of Y", and the owner in "Y's X"."""
        last = len(mentions) - 1
        for i, m in enumerate(mentions):
            for j in range(i + 1, min(i + 3, last + 1)):
                gap = folded[m.end:mentions[j].start]
                if len(gap) < 40 and _QUALIFIER_GAP.match(gap) and not mentions[j].demonym:
                    m.qualifiers = (*m.qualifiers, j)
                    mentions[j].is_qualifier = True
                    break
            if i < last and not m.demonym and text[m.end:m.end + 1] in ("'", "’"):
                nxt = mentions[i + 1]
                if _POSSESSIVE_GAP.match(text, m.end, nxt.start):
                    # "in Burkina Faso's Centre-Nord region": the owner qualifies the place after it, which
                    # takes over the owner's locative cue
                    nxt.qualifiers = (*nxt.qualifiers, i)
                    m.is_qualifier = True
                    nxt.cue_loc = nxt.cue_loc or m.cue_loc

    def _opener_state(self, word: str) -> int:
        """How a spelling variant may begin with this folded word: _NO, _GLUED, _ALONE or _LEADS (settled
        once per word)."""
        prefix = word_key(word, False)
        if word in COMMON_WORDS or (len(prefix) >= 3 and prefix[:3] not in self.translit.prefixes):
            state = _NO
        else:
            translit = self.translit
            state = _LEADS if translit.leads(word) else _ALONE if translit.alone(word) else _GLUED
        if len(self._states) < _MEMO_SIZE:
            self._states[word] = state
        return state

    def _variant_rows(self, words: tuple[str, ...]) -> list[int]:
        """Rows whose spelling-tolerant key is that of a run of words (settled once per run)."""
        rows = self._runs.get(words)
        if rows is None:
            rows = self.translit.lookup_words(words)
            if len(self._runs) < _MEMO_SIZE:
                self._runs[words] = rows
        return rows

    def _openers(self, text: str, folded: str, has_upper: bool) -> Iterator[tuple[int, int, str, int]]:
        """(start, end, folded word, state) of the words a spelling variant may begin with: capitalised
        words when the text has capitals, else every word."""
        states = self._states
        if has_upper and text.isascii():
            # Folding an ASCII text only lower-cases its letters: a capitalised word's folded run of
            # letters is the word lower-cased, so it is read and judged without a look at ``folded``.
            by_raw = self._states_raw
            for found in _CAPITAL_WORD.finditer(text):
                raw = found.group()
                state = by_raw.get(raw)
                if state is None:
                    low = raw.lower()
                    state = states.get(low)
                    if state is None:
                        state = self._opener_state(low)
                    if len(by_raw) < _MEMO_SIZE:
                        by_raw[raw] = state
                if state:
                    yield found.start(), found.end(), raw.lower(), state
            return
        for first in _CAPITAL.finditer(text) if has_upper else _TOKEN.finditer(folded):
            start = first.start()
            word = _TOKEN.match(folded, start)
            if word is None:
                continue
            group = word.group()
            state = states.get(group)
            if state is None:
                state = self._opener_state(group)
            if state:
                yield start, word.end(), group, state

    def _variant_mentions(self, text: str, folded: str, taken: list[tuple[int, int]],
                          has_upper: bool) -> list[Mention]:
        """Theater names written in another romanisation ("Dashti Qala" for "Dasht-e Qal'ah")."""
        found: list[Mention] = []
        pos = 0
        token = _TOKEN.match
        for start, word_end, group, state in self._openers(text, folded, has_upper):
            if start < pos or (taken and _crosses(start, word_end, taken)):
                continue
            if state != _LEADS:
                # No run of several words has a key that starts like this word: unless a connector written
                # after it ("Dasht e") changes how the run's key begins, the word alone is all there is to
                # look up; a longer exact name from here would cross the word, so none is taken.
                glued = False
                if folded[word_end:word_end + 1].isspace():
                    nxt = token(folded, word_end + 1) or token(folded, word_end + 2)
                    glued = nxt is not None and nxt.group() in GLUE
                if not glued:
                    if state == _ALONE and (start, word_end) not in taken:
                        rows = self._variant_rows((group,))
                        found.append(Mention(start, word_end, text[start:word_end], list(rows), group,
                                             folded=folded, variant=True))
                        pos = word_end
                    continue
            # the run of up to four words joined by blanks or hyphens: names, or connectors ("e", "wa")
            ends = [word_end]
            words = [group]
            while len(ends) < 4:
                last = ends[-1]
                if not folded[last:last + 1].isspace():
                    break  # the gap to a next word would have to be blank
                nxt = token(folded, last + 1) or token(folded, last + 2)
                if (nxt is None or not folded[last:nxt.start()].isspace()
                        or (taken and _crosses(start, nxt.end(), taken))
                        or (has_upper and not text[nxt.start()].isupper() and nxt.group() not in _CONNECTOR_WORDS)):
                    break
                ends.append(nxt.end())
                words.append(nxt.group())
            for n in range(len(ends), 0, -1):
                end = ends[n - 1]
                if (start, end) in taken:
                    break  # the exact name is already there
                # the span's words are exactly the run's first n words: blanks lie between them
                rows = self._variant_rows(tuple(words[:n]))
                if rows:
                    key = _BLANKS.sub(" ", folded[start:end])
                    found.append(Mention(start, end, text[start:end], list(rows), key, folded=folded, variant=True))
                    pos = end
                    break
        return found


def _flags(key: str, acronyms: frozenset[str]) -> int:
    return (_ACRONYM if key in acronyms else 0) | (_COMMON if key in COMMON_WORDS else 0)


def _start_of(m: Mention) -> int:
    return m.start


def _is_qualifier_of(mentions: list[Mention], index: int) -> bool:
    return any(index in m.qualifiers for m in mentions)


def _renumber(keep: list[Mention], old: list[Mention]) -> list[Mention]:
    pos = {id(m): n for n, m in enumerate(keep)}
    for m in keep:
        m.qualifiers = tuple(pos[id(old[q])] for q in m.qualifiers if id(old[q]) in pos)
    return keep
