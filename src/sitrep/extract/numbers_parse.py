"""Number expressions: how many people a phrase counts ("at least 12", "a dozen", "between 8 and 10").

"at least 12", "more than 12", "over 12" give best 12, low 12; "up to 12", "as many as 12" best 12, high 12;
"between 8 and 10", "8 to 10", "8-10" best 8, low 8, high 10. "a dozen" is 12, "scores" 20, "hundreds" 100;
"dozens", like "several" and "many", gives no number. Years, dates, times, ages, money, distances, weights,
counts of things and legal sections are not counts of people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from sitrep.extract.stems import guarded

CasualtyKind = Literal["killed", "wounded", "missing"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_VAGUE = {
    "half a dozen": 6, "a dozen": 12, "scores": 20, "scores of": 20,
    "hundreds": 100, "hundreds of": 100, "both": 2, "a couple of": 2, "a couple": 2, "a": 1, "an": 1, "another": 1,
    "a single": 1, "single": 1, "lone": 1,
}
_ARTICLES = frozenset({"a", "an", "another", "a single", "single", "lone"})

_UNIT_RE = "(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + ")"
_TENS_RE = "(?:" + "|".join(_TENS) + ")"
_WORDNUM = (
    rf"(?:(?:{_UNIT_RE}|{_TENS_RE}(?:[- ](?:{_UNIT_RE}))?)(?:\s+hundred(?:\s+(?:and\s+)?"
    rf"(?:{_TENS_RE}(?:[- ](?:{_UNIT_RE}))?|{_UNIT_RE}))?)?|{_TENS_RE}(?:[- ](?:{_UNIT_RE}))?)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_VAGUE_RE = (r"half\s+a\s+dozen|a\s+dozen|scores\s+of|hundreds(?:\s+of)?|both|"
             r"a\s+couple(?:\s+of)?|a\s+single|another|an?|lone")
_NUM = rf"(?:{_DIGITS}|{_WORDNUM}|{_VAGUE_RE})"
_QUAL = (
    r"at\s+least|not\s+less\s+than|more\s+than|over|nearly|almost|about|around|approximately|roughly|some|"
    r"up\s+to|as\s+many\s+as|at\s+most|less\s+than|fewer\s+than|an\s+estimated|a\s+total\s+of|only|just"
)
_QUANTITY = re.compile(
    rf"\b(?:(?P<qual>{_QUAL})\s+)?(?:between\s+(?P<ba>{_NUM})\s+and\s+(?P<bb>{_NUM})"
    rf"|(?P<a>{_NUM})(?:\s*(?:-|–|to|or)\s*(?P<b>{_DIGITS}|{_WORDNUM})(?![\d,]))?)\b",
    re.IGNORECASE,
)
_LOWER_QUALS = frozenset({"at least", "not less than", "more than", "over"})
_UPPER_QUALS = frozenset({"up to", "as many as", "at most", "less than", "fewer than"})

# What follows a number that is not a count of people.
_NOT_PEOPLE_AFTER = re.compile(
    r"\s*(?:-|\s)?(?:[A-Z][\w-]*\s+(?=(?:missiles?|rockets?|drones?|jets?|aircraft|helicopters?|vehicles?|"
    r"rifles?|guns?|shells?|rounds?|bombs?|grenades?|mines?|tanks?)\b)|"
    # "two police posts", "three army vehicles": a word naming whose they are, then the thing
    r"[a-z][\w-]*\s+(?=(?:posts?|checkposts?|check-posts?|checkpoints?|outposts?|pickets?|stations?|bases?|camps?|"
    r"vehicles?|trucks?|buildings?|houses?|towers?)\b))?(?:years?|yrs?|year-old|months?|weeks?|days?|hours?|hrs|minutes?|mins?|seconds?|"
    r"km|kms|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|kg|kgs|kilo(?:gram)?s?|grams?|tons?|tonnes?|feet|ft|acres?|"
    r"rupees|rs\b|pkr|afn|afghanis|dollars|usd|\$|percent|per\s+cent|%|a\.?m\b|p\.?m\b|o'clock|gmt|pst|"
    r"million|billion|crore|lakh|thousand\s+(?:rupees|dollars)|"
    r"vehicles?|cars?|trucks?|buses|motorcycles?|bikes?|houses?|homes?|shops?|buildings?|schools?|"
    r"mosques?|towers?|times|rounds?|bullets?|rockets?|mortars?|shells?|grenades?|bombs?|devices?|ieds?|"
    r"weapons?|guns?|rifles?|pistols?|attacks?|incidents?|blasts?|explosions?|cases?|districts?|provinces?|"
    r"villages?|posts?|checkposts?|check-posts?|checkpoints?|outposts?|pickets?|stations?|bases?|camps?|missiles?|drones?|jets?|aircraft|helicopters?|points?|mines?|"
    r"demands?|clauses?|articles?|seats?|st|nd|rd|th|:\d|\.\d|/\d)(?![a-z])",
    re.IGNORECASE,
)
# A thing noun that only modifies the people counted: "ten mine clearance workers", "three bus passengers",
# "two bomb disposal officers".
_THING_MODIFIED_PEOPLE = re.compile(
    r"\s+(?:mine|bomb|bus|truck|lorry|car|van|rickshaw|taxi|tanker|school|shop|mosque|tower|vehicle|camp|road|"
    r"construction|house|home)\s+(?:[\w-]+\s+)?(?:workers?|drivers?|passengers?|teachers?|keepers?|guards?|owners?|"
    r"operators?|staff|employees?|deminers?|conductors?|children|students?|labou?rers?|cleaners?|helpers?|"
    r"officers?|officials?|experts?|technicians?|personnel|members?)\b",
    re.IGNORECASE)
# A month's name or its abbreviation, not any word that starts like one ("separatist", "junior", "declared")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b")
# searched right before every number: most of those words have none of the words it needs
_NOT_PEOPLE_BEFORE = guarded(
    r"(?:\baged?|\bsection|\barticle|\bno\.?|\bnumber|\brs\.?|\bpkr|\$|\busd|\broute|\broad|\bbrigade|\bcorps|"
    r"\bdivision|\bsquadron|\bwing|\bbattalion|\bsector|\bblock|\bstreet|\bphase|\bchapter|\bward|"
    r"\bplatoon|\bflight|\bunit|\bpolice\s+district|\bdistrict|\bgate|\bkm|\bmile|[A-Za-z]-|\d[/:.]|"
    rf"\b{_MONTH}\.?|\bin|\bsince|\buntil)\s*$",
    re.IGNORECASE,
)
_MONTH_AFTER = re.compile(rf"\s*(?:st|nd|rd|th)?\s*(?:of\s+)?{_MONTH}\b", re.IGNORECASE)
_PEOPLE_NOUN = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:people|persons?|civilians?|soldiers?|officers?|officials?|policem[ae]n|police|"
    r"personnel|militants?|assailants?|attackers?|terrorists?|insurgents?|gunm[ae]n|bombers?|fighters?|"
    r"members?|men|women|woman|man|child(?:ren)?|boys?|girls?|students?|workers?|labou?rers?|passengers?|"
    r"troops?|guards?|commanders?|employees?|teachers?|drivers?|journalists?|reporters?|elders?|villagers?|"
    r"worshipp?ers?|pilgrims?|doctors?|engineers?|others?|individuals?|victims?|family|relatives?|sons?|"
    r"brothers?|cousins?|constables?|jawans?|sepoys?|levies|soldier|commandos?|agents?|bodyguards?|"
    r"security|army|miners?|traders?|shopkeepers?|vaccinators?|farmers?|tribesm[ae]n|leaders?|clerics?|"
    r"residents?|staff|contractors?|wardens?|vendors?|hawkers?|cooks?|guides?|porters?|watchm[ae]n|chowkidars?|"
    r"nazims?|councillors?|lawyers?|judges?|magistrates?|imams?|prayer\s+leaders?|of\s+(?:them|whom|the))\b",
    re.IGNORECASE,
)
_SUBSET_OPEN = re.compile(r"\b(?:including|includ(?:es|ed)|among\s+(?:them|whom|the\s+dead|the\s+injured)|"
                          r"of\s+whom|such\s+as|incl\.)", re.IGNORECASE)
_THE_ATTACKER = re.compile(r"\bthe\s+(?:lone\s+|suicide\s+|would-be\s+)?(?:bomber|assailant|attacker|gunman|"
                           r"militant|terrorist)\b(?!s)", re.IGNORECASE)
_AMONG_THEM = re.compile(r"\s*,?\s*(?:was\s+|were\s+)?among\s+(?:them|the\s+dead|those\s+killed|the\s+victims)\b",
                         re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number expression: the best value and its bounds, with its span in the text it came from."""

    best: int
    low: int | None
    high: int | None
    start: int
    end: int
    text: str
    article: bool = False  # "a", "an", "another": counts only right next to its noun



def parse_number(text: str) -> int | None:
    """The integer a number expression names ("1,200", "twenty-three", "a dozen"); None if none."""
    t = " ".join(text.lower().replace("–", "-").split())
    if not t:
        return None
    if t.replace(",", "").isdigit():
        if "," in t and not re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
            return None
        return int(t.replace(",", ""))
    if t in _VAGUE:
        return _VAGUE[t]
    t = t.replace(" and ", " ")
    total = 0
    current = 0
    for word in re.split(r"[\s-]+", t):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def _qualified(qual: str | None, best: int, high: int | None) -> tuple[int | None, int | None]:
    q = " ".join(qual.lower().split()) if qual else ""
    if high is not None:
        return best, high
    if q in _LOWER_QUALS:
        return best, None
    if q in _UPPER_QUALS:
        return None, best
    return None, None


def _is_people_count(text: str, start: int, end: int, value: int, raw: str) -> bool:
    after = text[end:end + 40]
    if (_NOT_PEOPLE_AFTER.match(after) and not _THING_MODIFIED_PEOPLE.match(after)) or _MONTH_AFTER.match(after):
        return False
    if _NOT_PEOPLE_BEFORE.search(text[max(0, start - 20):start]):
        return False
    if raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2100:
        return False  # a year
    if raw.isdigit() and value < 110 and re.search(r"[^\W\d],\s*$", text[max(0, start - 4):start]) \
            and re.match(r"\s*,", text[end:]):
        return False  # "His nephew, 19, was wounded": an age
    return not (start > 0 and text[start - 1] in "-/.,:" and start > 1 and text[start - 2].isalnum())


@lru_cache(maxsize=2048)
def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every number expression in ``text`` that can count people (cached: several steps read a sentence)."""
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        raw_a = m.group("a") or m.group("ba")
        raw_b = m.group("b") or m.group("bb")
        a = parse_number(raw_a)
        if a is None:
            continue
        b = parse_number(raw_b) if raw_b else None
        if b is not None and b < a:
            b = None
        # "a", "an": most are no count at all, and the test for a people noun after one is the cheaper test
        article = " ".join(raw_a.lower().split()) in _ARTICLES
        if article and not (m.group("qual") is None and _PEOPLE_NOUN.match(text, m.end())):
            continue
        num_start = m.start("a") if m.group("a") else m.start()
        if not _is_people_count(text, num_start, m.end(), a, raw_a.strip()):
            continue
        if raw_a.lower() == "one" and re.search(r"\b(?:no|any|every|each)\s*$", text[max(0, m.start() - 6):m.start()],
                                                 re.IGNORECASE):
            continue
        low, high = _qualified(m.group("qual"), a, b)
        out.append(Quantity(best=a, low=low, high=high, start=m.start(), end=m.end(), text=m.group(),
                            article=article))
    for m in _THE_ATTACKER.finditer(text):
        if _AMONG_THEM.match(text, m.end()) or _SUBSET_OPEN.search(text, max(0, m.start() - 14), m.start()):
            continue  # "the bomber among them", "including the bomber": already in the toll
        out.append(Quantity(best=1, low=None, high=None, start=m.start(), end=m.start() + 3, text=m.group()))
    out.sort(key=lambda q: q.start)
    return tuple(out)
