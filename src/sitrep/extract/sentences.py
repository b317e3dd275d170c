"""Sentence splitting with character offsets.

A rule splitter is enough for news prose: it breaks after ``.``, ``!`` or ``?`` (plus closing quotes
or brackets) when blank space and a capital, digit or quote follow, except after known abbreviations,
initials ("D.I. Khan", "U.S.") and numbers; line breaks end a sentence, except a single one inside a
hard-wrapped sentence (no end punctuation before it, lower case after it). A semicolon written without a
space before a capital ends one too (lists of headlines joined by ";", which prose never writes), and so
does a period glued to the next capitalised word. Work is linear in the text and every sentence is capped
in length, so a 5 MB text splits in well under a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_SENTENCE_CHARS = 1200

ABBREVIATIONS = frozenset({
    "dr", "mr", "mrs", "ms", "lt", "col", "gen", "maj", "capt", "cpt", "brig", "sgt", "cpl", "pvt", "adm",
    "no", "nos", "st", "mt", "ft", "jr", "sr", "prof", "gov", "sen", "rep", "rev", "hon", "inc", "ltd",
    "co", "corp", "dept", "govt", "vs", "etc", "approx", "est", "fig", "art", "sec", "ch", "vol", "pp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "d.i", "lt.gen", "maj.gen", "brig.gen", "insp", "supt",
    "dist", "tehs", "mst", "mohd", "muhd", "syed", "sh", "al",
})

# A candidate break: terminal punctuation, optional closers, blank space; or a line break.
# A period with no space before a capitalised word ("keeps on morphing.What We're Watching") is a break that
# lost its blank when the page was flattened to text.
_BREAK = re.compile(r"[.!?]+[\"'”’)\]]*\s+|\n\s*|;(?=[A-Z0-9\"'‘“])|(?<=[a-z][a-z][.!?])(?=[A-Z][a-z]{2})")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.?$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence and its span in the document text (``text == doc[start:end]``)."""

    text: str
    start: int
    end: int


def _is_abbreviation(text: str, dot_pos: int) -> bool:
    """True when the period at ``dot_pos`` closes an abbreviation or an initial."""
    lo = max(0, dot_pos - 20)
    m = _WORD_BEFORE.search(text, lo, dot_pos)
    if not m:
        return False
    word = m.group(1).rstrip(".")
    if not word:
        return False
    low = word.lower()
    if low in ABBREVIATIONS:
        return True
    # Initials: "D.I", "U.S", or a single capital letter ("J. Smith")
    return bool(len(word) == 1 and word.isupper()) or bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))


def _next_is_start(text: str, pos: int) -> bool:
    """True when the text at ``pos`` can begin a sentence."""
    if pos >= len(text):
        return True
    ch = text[pos]
    return ch.isupper() or ch.isdigit() or ch in "\"'“‘([" or not ch.isascii()


def _cap(text: str, start: int, end: int) -> Iterator[Sentence]:
    """Yield ``text[start:end]`` stripped, in pieces of at most MAX_SENTENCE_CHARS."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        yield Sentence(text[start:cut], start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield Sentence(text[start:end], start, end)


def iter_sentences(text: str) -> Iterator[Sentence]:
    """Yield the sentences of ``text`` in order, with offsets into ``text``."""
    start = 0
    for m in _BREAK.finditer(text):
        mtext = m.group()
        if "\n" not in mtext:
            dot = m.start()
            if text[dot] == "." and len(mtext.rstrip()) == 1 and _is_abbreviation(text, dot):
                continue
            if not _next_is_start(text, m.end()):
                continue
        elif mtext.count("\n") == 1 and m.start() > 0 and text[m.start() - 1] not in ".!?:;\"”" \
                and m.end() < len(text) and text[m.end()].islower():
            continue  # a hard-wrapped line: the sentence goes on in lower case on the next line
        yield from _cap(text, start, m.end())
        start = m.end()
    yield from _cap(text, start, len(text))


def split_sentences(text: str) -> list[Sentence]:
    """All sentences of ``text``."""
    return list(iter_sentences(text))
