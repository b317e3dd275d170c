"""Words without which a pattern cannot match, read from the pattern itself.

Most sentences match few of the extractor's patterns, and a regular-expression search that fails still
tries the pattern at every position of the text. A substring test costs a fraction of that: ``Guarded``
tests first for the words one of which every match must contain, and runs the pattern only when one is
there. The words are derived from the pattern's syntax tree, so the test never rejects a text that the
pattern would match, and a guarded pattern finds exactly what the pattern finds.

Case-insensitive patterns are tested against the lower-cased text, and only for an ASCII text: outside ASCII,
case-insensitive matching pairs letters that lower-casing does not (the dotless "ı" matches "i"), and such a
text goes straight to the pattern.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from itertools import product
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

_MAX_STRINGS = 64  # a finite set of strings larger than this is not worth spelling out
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _char(code: int, fold: bool) -> str | None:
    if code >= 128:
        return None  # a letter outside ASCII may match an ASCII one when case is ignored
    c = chr(code)
    return c.lower() if fold else c


def _exact(items: Any, fold: bool) -> set[str] | None:
    """Every string a sequence of nodes can match, when that is a small finite set; else None."""
    out = {""}
    for op, av in items:
        one = _exact_node(op, av, fold)
        if one is None:
            return None
        out = {a + b for a, b in product(out, one)}
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _exact_node(op: Any, av: Any, fold: bool) -> set[str] | None:
    if op is sre.LITERAL:
        c = _char(av, fold)
        return None if c is None else {c}
    if op in _ZERO_WIDTH:
        return {""}  # consumes nothing: the strings on either side stand next to each other
    if op is sre.IN:
        chars = set()
        for iop, iav in av:
            c = _char(iav, fold) if iop is sre.LITERAL else None
            if c is None:
                return None
            chars.add(c)
        return chars
    if op is sre.BRANCH:
        out = _union(av[1], _exact, fold)
        return out if out is not None and len(out) <= _MAX_STRINGS else None
    if op is sre.SUBPATTERN:
        _group, add, remove, sub = av
        return None if add or remove else _exact(sub, fold)
    if op in _REPEATS:
        low, high, item = av
        one = _exact(item, fold)
        if one is None or high > 1:
            return None
        return one if low == 1 else one | {""}
    return None


def _union(alternatives: Any, strings: Callable[[Any, bool], set[str] | None], fold: bool) -> set[str] | None:
    """The strings of every alternative of a branch together; None when one alternative has none."""
    out: set[str] = set()
    for alt in alternatives:
        one = strings(alt, fold)
        if one is None:
            return None
        out |= one
    return out


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The more selective of two sets of required strings: longer shortest string, then fewer strings."""
    if a is None:
        return b
    if b is None:
        return a
    ka, kb = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return a if ka >= kb else b


def _needed(items: Any, fold: bool) -> set[str] | None:
    """Strings one of which every match of a sequence of nodes contains; None when none is known."""
    best: set[str] | None = None
    run = {""}  # the strings of the current run of nodes that each match a small finite set of strings
    for op, av in items:
        one = _exact_node(op, av, fold)
        if one is not None:
            joined = {a + b for a, b in product(run, one)}
            if len(joined) <= _MAX_STRINGS:
                run = joined
                continue
        if "" not in run:
            best = _better(best, run)
        run = one if one is not None else {""}
        if one is None:
            best = _better(best, _needed_node(op, av, fold))
    if "" not in run:
        best = _better(best, run)
    return best


def _needed_node(op: Any, av: Any, fold: bool) -> set[str] | None:
    if op is sre.BRANCH:
        return _union(av[1], _needed, fold)
    if op is sre.SUBPATTERN:
        _group, add, remove, sub = av
        return None if add or remove else _needed(sub, fold)
    if op is sre.ATOMIC_GROUP:
        return _needed(av, fold)
    if op in _REPEATS and av[0] >= 1:
        return _needed(av[2], fold)
    return None


def required_words(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``rx`` contains (lower case for a case-insensitive pattern), or
    None when the pattern names none. A string that contains another of the set is left out."""
    if not isinstance(rx.pattern, str):
        return None
    try:
        found = _needed(sre_parse.parse(rx.pattern, rx.flags), bool(rx.flags & re.IGNORECASE))
    except (re.error, AttributeError, TypeError, ValueError, IndexError):  # a syntax tree of another shape
        return None
    if not found or "" in found:
        return None
    words = sorted(found, key=len)
    kept: list[str] = []
    for w in words:
        if not any(k in w for k in kept):
            kept.append(w)
    return tuple(kept)


class Guarded:
    """A compiled pattern that runs only on texts with one of the words every match contains.

    ``search``, ``match``, ``finditer`` and ``sub`` give what the pattern gives. The words are tested on the
    whole text, whatever ``pos`` and ``endpos`` say: a match, its look-arounds included, lies within it.
    """

    __slots__ = ("fold", "pattern", "rx", "words")

    def __init__(self, rx: re.Pattern[str]) -> None:
        words = required_words(rx)
        self.rx = rx
        self.pattern = rx.pattern
        self.words = words
        self.fold = bool(rx.flags & re.IGNORECASE)

    def possible(self, text: str) -> bool:
        """False only when the pattern cannot match anywhere in ``text``."""
        if self.words is None:
            return True  # a pattern that needs no word (or one this module cannot read) always runs
        if self.fold:
            if not text.isascii():
                return True
            last = _last[0]
            # the very object held there, not a new string at a reused address: no call to lower-case it again
            text = last[1] if text is last[0] else _lower(text)
        # a plain loop: any() over a generator costs more than the substring tests it makes
        for w in self.words:  # noqa: SIM110
            if w in text:
                return True
        return False

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.search(text, pos, endpos) if self.possible(text) else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.match(text, pos, endpos) if self.possible(text) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.rx.finditer(text, pos, endpos) if self.possible(text) else iter(())

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.rx.sub(repl, text, count) if self.possible(text) else text


# the text lower-cased last and its copy, as one tuple: several patterns run in turn on one sentence
_last: list[tuple[str, str]] = [("", "")]


def _lower(text: str) -> str:
    low = text.lower()
    _last[0] = (text, low)
    return low


def guarded(pattern: str, flags: int = 0) -> Guarded:
    """``re.compile(pattern, flags)``, guarded by the words every match contains."""
    return Guarded(re.compile(pattern, flags))
