"""Counts told over two sentences: "Gunmen abducted two police officers. The police officers were later shot
dead." The first sentence counts a group, the second tells what happened to it by name only; the event's toll
is the group's count. These helpers find both halves; numbers_tally.py joins them across an event's sentences.
"""

from __future__ import annotations

import re

from sitrep.extract.numbers_parse import find_quantities

# "the (two) police officers were shot and killed", "The boys were killed shortly thereafter"
_DEFINITE_VICTIMS = re.compile(
    r"(?:^|[,;]\s+|\band\s+)the\s+(?:[\w-]+\s+){0,2}?(?P<head>[a-z]{3,}s|men|women|children|people|personnel)\s+"
    r"(?:were|had\s+been|have\s+been)\s+(?:(?:later|then|subsequently|all|both|also|reportedly)\s+)?"
    r"(?:(?:shot|tortured|beaten|taken\s+away)\s+(?:and|,)\s+)?"
    r"(?:(?P<k>killed|shot\s+dead|beheaded|executed|murdered|slain)|(?P<w>wounded|injured))\b",
    re.IGNORECASE)
_NOT_VICTIMS = frozenset({"bodies", "attackers", "assailants", "militants", "gunmen", "terrorists", "others",
                          "items", "weapons", "vehicles", "houses", "shops"})
_COUNTED_WORDS = re.compile(r"\s+((?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)")


# A count of two or more that find_quantities reads has a digit or one of these words: the numbers from two up
# ("thirt" stands in thirteen and thirty, "fift" in fifteen and fifty), "hundred", "dozen", "scores", "both",
# "a couple". A sentence without any has no counted group, and most sentences have none.
_COUNT_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirt",
                "fift", "twenty", "forty", "hundred", "dozen", "scores", "both", "couple")
_DIGIT = re.compile(r"\d")


def _may_count(sentence: str) -> bool:
    if not sentence.isascii() or _DIGIT.search(sentence):
        return True  # outside ASCII, case-insensitive matching is not lower-casing: the full reading decides
    low = sentence.lower()
    return any(w in low for w in _COUNT_WORDS)


def counted_groups(sentence: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Each count of two or more in the sentence with the (lowercased) words that follow it."""
    return _counted_groups(sentence) if _may_count(sentence) else ()


def _counted_groups(sentence: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    out = []
    for q in find_quantities(sentence):
        if q.article or q.best < 2:
            continue
        words = _COUNTED_WORDS.match(sentence, q.end)
        if words is not None:
            out.append((q.best, tuple(w.lower() for w in words.group(1).split())))
    return tuple(out)


def definite_victims(sentence: str) -> tuple[str | None, str | None]:
    """The plural head noun of a definite group said to be killed, and of one said to be wounded."""
    killed = wounded = None
    for m in _DEFINITE_VICTIMS.finditer(sentence):
        head = m.group("head").lower()
        if head in _NOT_VICTIMS:
            continue
        if m.group("k"):
            killed = killed or head
        else:
            wounded = wounded or head
    return killed, wounded


def group_count(groups: list[tuple[int, tuple[str, ...]]], head: str) -> int | None:
    """The count of the group named by ``head``, when exactly one count names it."""
    found = {n for n, words in groups if head in words}
    return found.pop() if len(found) == 1 else None
