"""Spelling-tolerant keys for the theater's place names.

Dari and Pashto names reach English in many romanisations: "Dasht-e Qala", "Dashti Qala" and
"Dasht-i-Qal'ah" are one district, as are "Sholgara" and "Sholgareh". ``translit_key`` maps such
spellings to one key by dropping what varies between romanisation schemes (the linking vowel -e-/-i-/-ye-,
a final -a/-ah/-eh, doubled letters, spaces and hyphens) and merging letters that schemes swap (q/k,
kh/x, o/u, e/i, w/v, y/i). The key is lossy on purpose; ``TranslitIndex`` keeps it to the theater's
names and leaves the choice among places that share a key to the geocoder's context scoring.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from sitrep.knowledge.gazetteer import K_AREA, K_CROSSING, K_DISTRICT, K_TOWN, THEATER_COUNTRIES, Gazetteer

MIN_KEY = 5  # shorter keys collide with too many ordinary words
GLUE = frozenset({"a", "ah", "h", "e", "eh", "i", "ye", "yi", "y"})  # connectors and apostrophe remnants
_LETTERS = (("kh", "x"), ("q", "k"), ("ou", "u"), ("oo", "u"), ("o", "u"), ("ee", "i"), ("e", "i"),
            ("y", "i"), ("w", "v"), ("dh", "d"), ("ph", "f"))
_DOUBLE = re.compile(r"(.)\1+")
_WORD = re.compile(r"[a-z]+")
_KINDS = frozenset({K_DISTRICT, K_TOWN, K_AREA, K_CROSSING})


@lru_cache(maxsize=65536)
def word_key(word: str, last: bool) -> str:
    """The spelling-tolerant key of one folded word; ``last`` when no word of the name follows."""
    if not last and len(word) > 3 and word[-1] in "ie":
        word = word[:-1]  # "dashti qala", "puli alam": the linking vowel written onto the word
    if len(word) > 4 and word.endswith(("ah", "eh")):
        word = word[:-2]
    elif len(word) > 3 and word[-1] in "ae":
        word = word[:-1]
    for src, dst in _LETTERS:
        if src in word:
            word = word.replace(src, dst)
    # a search first: most words have no doubled letter, and a substitution costs more than a search
    return _DOUBLE.sub(_one_of, word) if _DOUBLE.search(word) else word


def _one_of(double: re.Match[str]) -> str:
    return double.group(1)


def translit_key(folded: str) -> str:
    """The spelling-tolerant key of a folded name or text span (see ``fold_text``); "" when not Latin."""
    return words_key(_WORD.findall(folded))


def words_key(tokens: Sequence[str]) -> str:
    """``translit_key`` of a span whose Latin words (runs of a-z) are ``tokens``."""
    words: list[str] = []
    for word in tokens:
        if words and word in GLUE:
            words[-1] += word  # "qal ah" (from "Qal'ah"), "dasht e" -> one word
        else:
            words.append(word)
    if not words:
        return ""
    last = len(words) - 1
    return "".join(word_key(w, i == last) for i, w in enumerate(words))


class TranslitIndex:
    """Spelling-tolerant keys of the theater's districts, towns, areas and crossings -> gazetteer rows."""

    def __init__(self, gaz: Gazetteer) -> None:
        index: dict[str, list[int]] = {}
        theater = set(THEATER_COUNTRIES)
        for key, rows in gaz.index.items():
            if not key.isascii() or len(key) < MIN_KEY:
                continue
            keep = [r for r in rows if gaz.country[r] in theater and gaz.kind[r] in _KINDS]
            if not keep:
                continue
            tkey = translit_key(key)
            if len(tkey) < MIN_KEY:
                continue
            bucket = index.setdefault(tkey, [])
            bucket.extend(r for r in keep if r not in bucket)
        self.index = index
        self.prefixes = frozenset(k[:3] for k in index)
        self._leads = frozenset(k[:n] for k in index for n in range(1, len(k)))  # every proper start of a key

    def alone(self, word: str) -> bool:
        """Whether ``word`` by itself has a key here (then ``lookup_words((word,))`` has rows)."""
        return word_key(word, True) in self.index

    def leads(self, word: str) -> bool:
        """Whether a run of two or more words that ``word`` begins, with no connector glued to it, can have a
        key here: the run's key starts with ``word_key(word, False)`` and goes on (no word's key is empty)."""
        return word_key(word, False) in self._leads

    def lookup(self, folded_span: str) -> list[int]:
        """Rows whose spelling-tolerant key equals that of a folded text span."""
        key = translit_key(folded_span)
        return self.index.get(key, []) if len(key) >= MIN_KEY else []

    def lookup_words(self, tokens: Sequence[str]) -> list[int]:
        """``lookup`` of a span whose Latin words are ``tokens``."""
        key = words_key(tokens)
        return self.index.get(key, []) if len(key) >= MIN_KEY else []
