"""Lists of victims: how many people a coordinated noun phrase names.

Reports count people in lists as often as in numbers: "the judge, his wife and his two sons were killed" is
four, "Two people, a soldier and a civilian, were killed" is two (the list after a generic head breaks the
head down), "killing 26 people, 25 tourists and a guide" is 26, "12 people, including five soldiers and
seven attackers, were killed" is 12. These helpers read such lists; numbers.py combines them with the
number expressions it finds.
"""

from __future__ import annotations

import re

# A head noun that only says "people": a list after it and a comma is its breakdown, not more victims.
_GENERIC_HEAD = re.compile(r"\s+(?:[\w-]+\s+)?(?:people|persons|individuals|victims|casualties)\s*"
                           r"(?:,|—|–|:)", re.IGNORECASE)
# ", including ... ," closed right before the predicate: the subject is the head before the aside.
_ASIDE_OPEN = re.compile(r",\s*(?:including|among\s+them|among\s+whom|of\s+whom|such\s+as|mostly|mainly)\b",
                         re.IGNORECASE)
_ASIDE_CLOSED = re.compile(r",\s*(?:(?:were|was|have\s+been|had\s+been|are|is|got)\s+(?:\w+\s+){0,2})?$",
                           re.IGNORECASE)
_ATTACKER = re.compile(r"\b(?:militants?|assailants?|attackers?|terrorists?|insurgents?|gunm[ae]n|bombers?|"
                       r"kidnappers?|abductors?)\b", re.IGNORECASE)
_NOT_PERSON_START = re.compile(
    r"^(?:in|on|at|after|before|during|when|while|as|since|additionally|meanwhile|however|also|earlier|later|"
    r"separately|according|police|officials|sources|reports?|it|they|he|she|we|there|this|that|these|those|"
    r"security\s+forces|troops|assailants|attackers|militants|gunmen|both|all|most|some|many|several|each)\b",
    re.IGNORECASE)
_VERBISH = re.compile(r"\b(?:\w+ed|was|were|is|are|has|have|had|said|says|told|when|while|who|which|that|to|by|"
                      r"with|for|from|into|after|during)\b", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:a|an|the|his|her|their|its|one|another)\s+", re.IGNORECASE)
_SINGULAR_END = re.compile(r"[^\W\d_][\w'’.-]*(?<![^s]s)$")
_PROPER = re.compile(r"^(?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){0,4}$")
_SINGLE_WORDS = (r"civilian|soldier|policeman|police\s+officer|officer|driver|guard|bodyguard|son|daughter|"
                 r"brother|wife|husband|child|passenger|worker|man|woman|boy|girl|journalist|teacher|student|"
                 r"relative|nephew|cousin|father|mother|colleague|friend|assistant|cleaner|assailant|attacker|"
                 r"militant|bomber|gunman|constable|employee|operator|official")
SINGLE_PERSON = rf"(?:{_SINGLE_WORDS})"
# One person named by role, as headlines name a victim without an article ("Gunmen kill constable").
HEADLINE_PERSON = (rf"(?:{_SINGLE_WORDS}|person|cop|policewoman|commander|leader|cleric|scholar|"
                   r"elder|trader|shopkeeper|farmer|doctor|physician|engineer|judge|lawyer|activist|politician|"
                   r"vaccinator|labou?rer|villager|tribesman|singer|national|colonel|major|captain|lieutenant|"
                   r"sepoy|jawan|subedar|havildar|naik|volunteer|member|chief|mastermind|planner|facilitator|"
                   r"informer|informant|shepherd|pilgrim|worshipp?er|councillor|candidate|lawmaker|legislator|"
                   r"minister|governor|mayor|businessman|contractor|terrorist|insurgent|rebel|reporter|"
                   r"photographer|cameraman|priest|imam|personnel|schoolteacher|"
                   r"headmaster|principal|lecturer|professor|nurse|paramedic|inspector|superintendent|"
                   r"sergeant|corporal|commandant|brigadier)")
# "... and their Pakistani driver", "... and a local guide", "... and civilian": one more single victim.
_TRAILING_SINGLE = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,2}?and\s+(?:(?:a|an|another|one|his|her|their|the)\s+(?:[\w'’-]+\s+){0,2}?"
    rf"[\w'’-]*[^s\W]|{SINGLE_PERSON})"
    r"(?=\s*(?:[,.;]|$|\s(?:in|at|on|near|while|who|inside|outside|after|as|from|and|when|were|was)\b))",
    re.IGNORECASE)

# Headlines list without "and": "Six militants, soldier killed", "Army officer, five rebels killed".
_TRAILING_BARE = re.compile(
    rf"\s+(?:[\w'’-]+\s+){{0,2}}?[\w'’-]+,\s+(?:[\w'’-]+\s+)?{HEADLINE_PERSON}"
    r"(?=\s+(?:killed|dead|died|martyred|injured|wounded|hurt|shot\s+dead)\b)", re.IGNORECASE)
_LEADING_BARE = re.compile(rf"\s*(?:(?!(?:in|at|on|of|the|a|an)\s)[\w'’-]+\s+){{0,3}}?{HEADLINE_PERSON},\s+",
                           re.IGNORECASE)


def generic_head(text: str, end: int) -> bool:
    """True when the count ending at ``end`` is "N people," followed by its breakdown."""
    return bool(_GENERIC_HEAD.match(text, end))


def aside_start(text: str, lo: int, hi: int) -> int | None:
    """Where an "including ..." aside opens when it runs up to the predicate at ``hi`` ("12 people, including
    five soldiers and seven attackers, were killed"); None when there is no such aside."""
    opened = None
    for opened in _ASIDE_OPEN.finditer(text, lo, hi):  # noqa: B007 - the last one counts
        pass
    if opened is None or re.search(r"[;:]", text[opened.end():hi]):
        return None
    return opened.start() if _ASIDE_CLOSED.search(text[opened.end():hi]) else None


def trailing_single(text: str, end: int, hi: int) -> tuple[int, bool] | None:
    """One more single victim joined by "and" right after a counted object; (its end, is an attacker)."""
    m = _TRAILING_SINGLE.match(text, end) or _TRAILING_BARE.match(text, end)
    if m is None or m.end() > hi or re.search(r"\d", m.group()):
        return None
    last = re.split(r"\sand\s|,", m.group())[-1]
    return m.end(), bool(_ATTACKER.search(last))


def _item_count(item: str, after_single: bool, after_name: bool) -> tuple[int, bool] | None:
    """People one list item names (0 for an appositive description), and whether they are attackers."""
    item = " ".join(item.split())
    if not item or re.search(r"\d", item):
        return None
    if (after_single and re.match(r"(?:a|an)\s", item, re.IGNORECASE) and len(item.split()) <= 12
            and (after_name or re.search(r"\b(?:of|for|from)\b", item))
            and not re.search(r"\b(?:was|were|is|are|said|who|which|when|while)\b", item, re.IGNORECASE)):
        return 0, False  # "Jan Mohammad, a tribal elder, and ...": who the named man is
    if len(item.split()) > 7 or _NOT_PERSON_START.match(item) or _VERBISH.search(item):
        return None
    core = _DETERMINER.sub("", item)
    if not _SINGULAR_END.search(core):
        return None
    return 1, bool(_ATTACKER.search(item))


def leading_singles(text: str) -> tuple[int, int] | None:
    """Single victims listed before a counted group: "The judge, his wife, and [his two sons]".

    ``text`` is the clause up to the counted group and must end with "and"; the clause may open with words
    that are not part of the list when a comma sets them off. Returns (victims, attackers) or None.
    """
    m = re.search(r",?\s+and\s+(?:(?:his|her|their|the)\s+)?$", text, re.IGNORECASE)
    if m is None:
        bare = _LEADING_BARE.fullmatch(text)  # a headline: "Army officer, six rebels killed"
        if bare is None:
            return None
        return (0, 1) if _ATTACKER.search(bare.group()) else (1, 0)
    items = re.split(r"\s*,\s*(?:and\s+)?", text[:m.start()])
    start = len(items)
    while start > 0 and _item_count(items[start - 1], True, True) is not None:
        start -= 1
    if start == len(items):
        return None
    victims = attackers = 0
    prev_single = prev_name = False
    for raw in items[start:]:
        res = _item_count(raw, prev_single, prev_name)
        if res is None:
            return None
        n, attacker = res
        if attacker:
            attackers += n
        else:
            victims += n
        prev_single = n == 1
        prev_name = n == 1 and bool(_PROPER.match(" ".join(raw.split())))
    return victims, attackers
