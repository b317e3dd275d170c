"""Casualty numbers: number expressions and the killed / wounded / missing figures of a sentence.

Conventions (conservative, as ACLED codes them):
- "at least 12", "more than 12", "over 12" -> best 12, low 12; "up to 12", "as many as 12" -> best 12, high 12;
  "between 8 and 10", "8 to 10", "8-10" -> best 8, low 8, high 10.
- "a dozen" and "dozens" -> 12, "scores" -> 20, "hundreds" -> 100; "several", "many", "a few" give no number.
- A subset ("including two officers", "among them three children") is never added to the total.
- Attackers killed count among the fatalities; they are kept apart so that a later sentence about them adds
  to the victims instead of replacing them.
- "no one was hurt", "no casualties" -> 0; no statement -> None.
Years, dates, times, ages, money, distances, weights, counts of things and legal sections are not casualties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from sitrep.extract.numbers_lists import SINGLE_PERSON, aside_start, generic_head, leading_singles, trailing_single

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
    "half a dozen": 6, "a dozen": 12, "dozens": 12, "dozens of": 12, "scores": 20, "scores of": 20,
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
_VAGUE_RE = (r"half\s+a\s+dozen|a\s+dozen|dozens(?:\s+of)?|scores\s+of|hundreds(?:\s+of)?|both|"
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
    r"rifles?|guns?|shells?|rounds?|bombs?|grenades?|mines?|tanks?)\b))?(?:years?|yrs?|year-old|months?|weeks?|days?|hours?|hrs|minutes?|mins?|seconds?|"
    r"km|kms|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|kg|kgs|kilo(?:gram)?s?|grams?|tons?|tonnes?|feet|ft|acres?|"
    r"rupees|rs\b|pkr|afn|afghanis|dollars|usd|\$|percent|per\s+cent|%|a\.?m\b|p\.?m\b|o'clock|gmt|pst|"
    r"million|billion|crore|lakh|thousand\s+(?:rupees|dollars)|"
    r"vehicles?|cars?|trucks?|buses|motorcycles?|bikes?|houses?|homes?|shops?|buildings?|schools?|"
    r"mosques?|towers?|times|rounds?|bullets?|rockets?|mortars?|shells?|grenades?|bombs?|devices?|ieds?|"
    r"weapons?|guns?|rifles?|pistols?|attacks?|incidents?|blasts?|explosions?|cases?|districts?|provinces?|"
    r"villages?|posts?|checkposts?|camps?|missiles?|drones?|jets?|aircraft|helicopters?|points?|mines?|"
    r"demands?|clauses?|articles?|seats?|st|nd|rd|th|:\d|\.\d|/\d)(?![a-z])",
    re.IGNORECASE,
)
_NOT_PEOPLE_BEFORE = re.compile(
    r"(?:\baged?|\bsection|\barticle|\bno\.?|\bnumber|\brs\.?|\bpkr|\$|\busd|\broute|\broad|\bbrigade|\bcorps|"
    r"\bdivision|\bsquadron|\bwing|\bbattalion|\bsector|\bblock|\bstreet|\bphase|\bchapter|\bward|"
    r"\bplatoon|\bflight|\bunit|\bpolice\s+district|\bdistrict|\bgate|\bkm|\bmile|[A-Za-z]-|\d[/:.]|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|\bin|\bsince|\buntil)\s*$",
    re.IGNORECASE,
)
_MONTH_AFTER = re.compile(
    r"\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
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
_ATTACKER_NOUN = re.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?:militants?|assailants?|attackers?|terrorists?|insurgents?|gunm[ae]n|"
    r"(?:suicide\s+)?bombers?|kidnappers?|abductors?|khawarij|taliban|fighters?|rebels?|"
    r"of\s+the\s+(?:militants|assailants|attackers|terrorists|insurgents|gunmen|bombers))\b",
    re.IGNORECASE,
)
_SUBSET_OPEN = re.compile(r"\b(?:including|includ(?:es|ed)|among\s+(?:them|whom|the\s+dead|the\s+injured)|"
                          r"of\s+whom|such\s+as|incl\.)", re.IGNORECASE)
_ASIDE = re.compile(r",\s*(?:including|among\s+them|among\s+whom|of\s+whom|such\s+as)\b[^,;]*,", re.IGNORECASE)
_ARTICLE_OBJECT = re.compile(r"\s+(?:a|an|one)\s+(?!number\b|few\b|lot\b|total\b|series\b|dozen\b)[\w-]+",
                             re.IGNORECASE)
# "killed the former district governor", "killed al-Qaeda leader Ayman al-Zawahiri": one named victim.
_NAMED_OBJECT = re.compile(r"\s+(?:(?:(?!(?:in|at|on|of|near|and|from|with|by|to|for|after|the|a|an)\s)"
                           r"[a-z][\w'’.-]*[^s\W]\s+){0,3}[A-Z][\w'’.-]*(?:\s+(?:[A-Z]|(?:al|el|ul|ud|bin|ibn)\b)[\w'’.-]*){0,4}|"
                           r"the\s+(?:[\w-]+\s+){0,4}?[a-z]\w*[^s\W])"
                           r"(?=\s*(?:[,.;(]|$|\s(?:of|in|at|on|near|and|while|who|inside|outside|after|as|from)\b))")

_KILL = (r"to\s+death|killed|killing|kills|kill|dead|died|die|martyred|martyring|slain|perished|shot\s+dead|"
         r"gunned\s+down|"
         r"embraced\s+(?:shahadat|martyrdom)|sent\s+to\s+hell|laid\s+down\s+(?:their|his|her)\s+lives|"
         r"lost\s+(?:their|his|her)\s+lives?|succumbed|deaths?(?!\s+squads?)|fatalities|"
         r"fatally\s+(?:shot|wounded|injured)|"
         r"beheaded|executed|lifeless|lynched|claimed\s+the\s+lives\s+of|bodies|body|death\s+toll")
_WOUND = (r"(?:suffered|sustained|received)\s+(?:\w+\s+)?(?:injuries|wounds|burns)|wounded|wounding|injured|injuring|"
          r"hurt|injuries|wounds")
_MISS = r"abducted|abducting|kidnapped|kidnapping|missing|taken\s+hostage|held\s+hostage|captured"
_TRIGGER = re.compile(rf"\b(?:(?P<k>{_KILL})|(?P<w>{_WOUND})|(?P<m>{_MISS}))\b", re.IGNORECASE)
_FORWARD_VERBS = re.compile(r"^(?:kill(?:ed|ing|s)?|martyring|wound(?:ed|ing)|injur(?:ed|ing)|abduct(?:ed|ing)|"
                            r"kidnap(?:ped|ping)|claimed\s+the\s+lives\s+of|bodies|body|death\s+toll|executed|"
                            r"beheaded|gunned\s+down|shot\s+dead|captured|lynched)", re.IGNORECASE)
_TOLL = re.compile(r"(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities))\s+(?:\w+\s+){0,3}?"
                   r"(?:rose|climbed|jumped|reached|stood|increased|is|was|has\s+risen|to)\b", re.IGNORECASE)
# "the death toll has risen to 54", "the number of people killed rose to seven", "revised the figure to 84":
# a running total that replaces the figures reported before it.
_TOLL_UPDATE = re.compile(
    r"\b(?:(?:death\s+)?toll|number\s+of\s+(?:people\s+|those\s+)?(?:dead|deaths|fatalities|killed|victims)|"
    r"(?:casualty\s+)?figure)\b(?P<gap>[^.;:]{0,90}?)\b(?:(?:has|had|have)\s+)?"
    r"(?P<verb>rose|risen|rising|climbed|jumped|reached|increased|stood|stands|revised(?:\s+\w+)?\s+to|"
    r"raised\s+to|lowered\s+to|(?:is|was|now)(?:\s+now)?|put\s+at|to|at)\s+(?:at\s+)?(?:least\s+)?"
    rf"(?P<n>{_DIGITS}|{_WORDNUM})\b(?!\s*(?:%|percent|per\s+cent))",
    re.IGNORECASE)
_RETRACTED = re.compile(r"\b(?:an?\s+earlier\s+version|previously\s+(?:reported|said|gave)|had\s+(?:earlier|"
                        r"initially)\s+(?:said|reported|put)|initially\s+(?:reported|said))\b", re.IGNORECASE)
_SINGULAR_PASSIVE = re.compile(r"\b(?:was|has\s+been|had\s+been|is|got|gets)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# Headlines drop the auxiliary: "Pakistani soldier killed by Indian fire", "Woman said killed in shelling".
_HEADLINE_SUBJECT = re.compile(
    r"\b(?:soldier|policeman|police\s+officer|officer|man|woman|child|boy|girl|civilian|journalist|leader|"
    r"commander|militant|cleric|student|worker|teacher|trader|elder|guard|villager|passenger|driver|politician|"
    r"official|person|tribesman|labourer|laborer|shopkeeper|farmer|doctor|engineer|judge|lawyer|activist)\s+"
    r"(?:(?:reportedly|said|reported)\s+)?$", re.IGNORECASE)
# A second single victim joined by "and" ("a policeman and his son"); the last word is not a plural.
_SECOND_SINGLE = re.compile(r"[^,;.\d]{0,50}?\s+and\s+(?:(?:a|an|another|one|his|her|their)\s+"
                            rf"(?:[\w'’-]+\s+){{0,2}}?[\w'’-]*[^s\W]|{SINGLE_PERSON})"
                            r"(?=\s*(?:[,.;]|$|\s(?:in|at|on|near|while|who|inside|outside|after|as|from|and)\b))",
                            re.IGNORECASE)
_PAIR_SUBJECT = re.compile(
    r"(?:^|[,;:]\s*|\.\s+)(?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]*[^s\W]\s+and\s+"
    r"(?:a|an|another|one|his|her|their)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]*[^s\W]\s+"
    r"(?:were|have\s+been|had\s+been|got)\s+(?:\w+\s+)?$", re.IGNORECASE)
# A subject list closed by a plural auxiliary: "His son and driver were", "The judge, his wife and a guard were".
_LISTED_SUBJECT = re.compile(
    r",?\s+and\s+(?P<last>(?:(?:a|an|the|his|her|their|one|another)\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]*[^s\W])\s+"
    r"(?:were|have\s+been|had\s+been|got)\s+(?:\w+\s+)?$", re.IGNORECASE)
_NEGATIVE_SUBJECT = re.compile(r"\b(?:no\s+one|nobody|none|no\s+(?:\w+\s+)?(?:one|person|people|civilians?|"
                               r"soldiers?|casualt\w+))\b[^,;]*$", re.IGNORECASE)
_ZERO = re.compile(
    r"\b(?:no\s+(?:one|body|person|people)\s+(?:was|were|has\s+been|had\s+been|got)\s+(?:\w+\s+)?"
    r"(?P<zv>killed|hurt|injured|wounded|harmed)|nobody\s+(?:was|were|has\s+been)\s+(?:\w+\s+)?"
    r"(?P<zn>killed|hurt|injured|wounded|harmed)|no\s+(?:\w+\s+)?(?P<zc>casualt(?:y|ies)|injur(?:y|ies)|deaths?|"
    r"fatalit(?:y|ies)|loss\s+of\s+(?:life|lives)|one\s+(?:was\s+)?(?:hurt|harmed))"
    r"(?!\s+(?:figures?|counts?|tolls?|details|numbers?|estimates?|tally|breakdown))|"
    r"no\s+(?!group|claim|one\b)(?:[\w-]+\s+){1,6}?(?:was|were|has\s+been|have\s+been|had\s+been|got)\s+"
    r"(?:\w+\s+)?(?P<zx>killed|hurt|injured|wounded|harmed)\b|without\s+(?:any\s+)?"
    r"(?P<zw>casualties|injuries|loss\s+of\s+life)|without\s+(?P<zh>hurting|harming|injuring|killing|wounding)\s+"
    r"(?:anyone|anybody|any\s+\w+)|(?:escaped|survived)\s+unhurt|unhurt|unharmed|"
    r"(?:was|were)\s+not\s+(?:harmed|hurt|injured))",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"[;:]|\b(?:while|but|whereas|because|whom|which)\b", re.IGNORECASE)
_CONJOIN = re.compile(r"^[^.;:]{0,60}$")
_ALSO = re.compile(r"\balso\b|\bas\s+well\b|\bin\s+addition\b|\bbesides\b", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:were|was|been|be|are|is|got|get|being)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_THE_ATTACKER = re.compile(r"\bthe\s+(?:lone\s+|suicide\s+|would-be\s+)?(?:bomber|assailant|attacker|gunman|"
                           r"militant|terrorist)\b(?!s)", re.IGNORECASE)
# A kind named with a count-less quantifier ("several were wounded", "several protesters and a policeman were
# injured"): the kind is mentioned without a number, so no earlier count may stand in for it.
_VAGUE_SUBJECT = re.compile(
    r"\b(?:several|(?<!as\s)many|a\s+few|numerous|an?\s+(?:unknown|unspecified|undisclosed)\s+number\s+of|"
    r"a\s+number\s+of)\s+[^,;.\d]{0,60}?(?:were|was|had\s+been|have\s+been|are|is|got)\s+(?:\w+\s+)?$",
    re.IGNORECASE)
_NO_SUBJECT = re.compile(r"\b(?:no|none\s+of\s+the)\s+(?:[\w-]+\s+){0,6}?(?:was|were|has\s+been|have\s+been|"
                         r"had\s+been|got)\s+(?:\w+\s+)?$", re.IGNORECASE)
# "did not say who had been killed": a question about victims, not a victim.
_WHO_ASKED = re.compile(r"\b(?:say|said|know|known|clear|unclear|confirm|confirmed|identify|identified|determine|"
                        r"tell|reveal|disclose)\s+(?:\w+\s+)?(?:who|how\s+many)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# "one of the dead", "two of those injured": a part of a total told elsewhere.
_PARTITIVE = re.compile(r"\s+of\s+(?:the|those)\s+(?:\w+\s+)?(?:dead|killed|injured|wounded|victims|deceased|"
                        r"casualties|bodies|slain|hurt)\b", re.IGNORECASE)
_AMONG_THEM = re.compile(r"\s*,?\s*(?:was\s+|were\s+)?among\s+(?:them|the\s+dead|those\s+killed|the\s+victims)\b",
                         re.IGNORECASE)
# "was injured and later succumbed": the wounded person died.
_DIED_LATER = re.compile(r"\s*(?:\w+\s+){0,3}?and\s+(?:later\s+|subsequently\s+|then\s+|eventually\s+)?"
                         r"(?:succumbed|died)\b", re.IGNORECASE)
# Parenthetical names and ranks, and relative clauses, say who a victim is, not how many there are.
_MASKED = re.compile(r"\([^()]{0,80}\)|,\s*(?:who|whose)\b[^,;.]{0,100},")
# A tally over a period ("violence that killed 130 people since November", "weeks of clashes that killed 50",
# "killed 300 people this year") is background to the event told, not its toll.
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_TALLY = re.compile(
    rf"\bsince\s+(?:(?:early|mid|late)[- ]?)?(?:{_MONTHS}\b|(?:19|20)\d\d\b|the\s+(?:start|beginning|outbreak)\b|"
    r"last\s+(?:year|month)\b|the\s+(?:war|conflict|insurgency|takeover)\b)|"
    r"\b(?:so\s+far\s+)?this\s+year\b|\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?"
    r"(?:weeks|months|years|decades?)\b|\b(?:weeks|months|years|decades)\s+of\s+(?:\w+\s+)?(?:violence|fighting|"
    r"clashes|conflict|unrest|war|insurgency|attacks)\b|\bin\s+(?:recent|the\s+past)\s+(?:weeks|months|years)\b",
    re.IGNORECASE)
_THE_NOUN = re.compile(r"(?<!\bof\s)\bthe\s+$", re.IGNORECASE)  # but "30 of the injured" is a part
_PARTICIPLE_NOUNS = frozenset({"injured", "wounded", "killed", "hurt", "missing", "abducted", "kidnapped"})
# Two sources in one sentence ("a security source said more than 100 were killed, while relatives said they
# counted about 400 dead"): the figures are alternatives, not parts of one total.
_ALTERNATIVE = re.compile(r"\b(?:while|whereas|but)\b[^.;]{0,90}?\b(?:said|says|put|counted|claimed|reported|gave)\b",
                          re.IGNORECASE)
# A figure in the voice of the group that claims the attack counts for the bounds, not for the best estimate.
_GROUP_VOICE = re.compile(
    r"\b(?:said|says|claimed|announced|stated)\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:its|their)\s+(?:[\w-]+\s+)?"
    r"(?:fighters|militants|men|mujahideen|members|cadres|commandos|operatives|fighter|bombers?)\b|"
    r"\bin\s+a\s+claim\b|\bclaim(?:ed|s)?\s+(?:to\s+have\s+|it\s+had\s+|they\s+had\s+)?killed\b|"
    r"\bclaimed\s+responsibility\b[^.;]{0,60}\bkill", re.IGNORECASE)
_STRICT_NOUNS = frozenset({"deaths", "death", "bodies", "body", "injuries", "wounds", "fatalities"})
_NOUN_TRIGGERS = frozenset({"deaths", "death", "bodies", "body", "injuries", "wounds", "fatalities", "dead"})
_BACK_WINDOW = 160
_FWD_WINDOW = 80


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


@dataclass(frozen=True, slots=True)
class Casualty:
    """One figure of a sentence: who was killed, wounded or went missing, and how many."""

    kind: CasualtyKind
    quantity: Quantity
    attackers: bool = False
    also: bool = False


@dataclass(frozen=True, slots=True)
class Figures:
    """The casualty totals a sentence (or an event) states; None means no figure."""

    killed: int | None = None
    killed_low: int | None = None
    killed_high: int | None = None
    attackers_killed: int | None = None
    wounded: int | None = None
    missing: int | None = None
    zero_killed: bool = False
    zero_wounded: bool = False
    also: bool = False
    update: bool = False  # a running or corrected total that replaces earlier figures
    # "one of the dead", "100 of the wounded": a part of a total; it stands only where no total is told
    partial_killed: int | None = None
    partial_wounded: int | None = None
    claimed: bool = False  # told in the voice of the group that claims the attack

    @property
    def empty(self) -> bool:
        return (self.killed is None and self.attackers_killed is None and self.wounded is None
                and self.missing is None and not self.zero_killed and not self.zero_wounded
                and self.partial_killed is None and self.partial_wounded is None)

    @property
    def total_killed(self) -> int | None:
        if self.killed is None and self.attackers_killed is None:
            return 0 if self.zero_killed else None
        return (self.killed or 0) + (self.attackers_killed or 0)


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
    if _NOT_PEOPLE_AFTER.match(after) or _MONTH_AFTER.match(after):
        return False
    if _NOT_PEOPLE_BEFORE.search(text[max(0, start - 20):start]):
        return False
    if raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2100:
        return False  # a year
    if raw.isdigit() and value < 110 and re.search(r"[^\W\d],\s*$", text[max(0, start - 4):start]) \
            and re.match(r"\s*,", text[end:]):
        return False  # "His nephew, 19, was wounded": an age
    return not (start > 0 and text[start - 1] in "-/.,:" and start > 1 and text[start - 2].isalnum())


def find_quantities(text: str) -> list[Quantity]:
    """Every number expression in ``text`` that can count people."""
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
        num_start = m.start("a") if m.group("a") else m.start()
        if not _is_people_count(text, num_start, m.end(), a, raw_a.strip()):
            continue
        article = " ".join(raw_a.lower().split()) in _ARTICLES
        if article and not (m.group("qual") is None and _PEOPLE_NOUN.match(text, m.end())):
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
    return out


def _is_attacker(text: str, q: Quantity) -> bool:
    return bool(_ATTACKER_NOUN.match(text, q.end))


def _subset(text: str, q: Quantity) -> bool:
    """True inside an "including ..." aside that no comma has closed yet."""
    opened = None
    for opened in _SUBSET_OPEN.finditer(text, max(0, q.start - 90), q.start):  # noqa: B007 - the last one counts
        pass
    return opened is not None and not re.search(r"[,;()—]", text[opened.end():q.start])


def _backward(text: str, quantities: list[Quantity], lo: int, hi: int) -> list[Quantity]:
    """The subject quantities of a predicate at ``hi``: the nearest count and those joined to it by 'and'."""
    inside = [q for q in quantities if q.start >= lo and q.end <= hi]
    picked: list[Quantity] = []
    for q in reversed(inside):
        if _subset(text, q):
            continue
        if not picked:
            if q.article and re.search(r"\d", text[q.end:hi]):
                break
            picked.append(q)
            continue
        gap = _ASIDE.sub(" ", text[q.end:picked[-1].start])
        if "includ" in gap.lower() or not re.search(r"\band\b|,", gap) or not _CONJOIN.match(gap):
            break
        if q.article and not re.fullmatch(r"[\w\s()-]{0,50}\band\s+", gap):
            break
        picked.append(q)
    return picked


def _forward(text: str, quantities: list[Quantity], lo: int, hi: int, commas: bool = True) -> list[Quantity]:
    """The object quantities right after an active verb ("killing two soldiers and a civilian").

    Without ``commas`` only "and" joins objects: after "the death of the assailant," a comma opens the
    main clause, whose subject is not a second object.
    """
    inside = [q for q in quantities if q.start >= lo and q.end <= hi]
    if not inside:
        return []
    gap = text[lo:inside[0].start]
    if len(gap.split()) > 1 or re.search(r",|\band\b|\bor\b", gap):
        return []
    picked = [inside[0]]
    for q in inside[1:]:
        gap = text[picked[-1].end:q.start]
        if _subset(text, q) or not re.search(r"\band\b|," if commas else r"\band\b", gap) or len(gap.split()) > 5:
            break
        picked.append(q)
    return picked


def find_casualties(sentence: str) -> list[Casualty]:
    """The casualty figures a sentence states, with subsets left out."""
    if not _TRIGGER.search(sentence):
        return []
    sentence = _MASKED.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 2) + m.group()[-1]
                           if m.group()[0] == "," else " " * len(m.group()), sentence)
    quantities = find_quantities(sentence)
    out: list[Casualty] = []
    prev_end = 0
    used: set[int] = set()
    for m in _TRIGGER.finditer(sentence):
        kind: CasualtyKind = "killed" if m.group("k") else "wounded" if m.group("w") else "missing"
        if m.group().lower() in _PARTICIPLE_NOUNS and _THE_NOUN.search(sentence[max(0, m.start() - 7):m.start()]):
            continue  # "the injured were taken to hospital": people told of elsewhere
        if kind == "wounded" and _DIED_LATER.match(sentence, m.end()):
            kind = "killed"
        lo = prev_end
        for bm in _BOUNDARY.finditer(sentence, lo, m.start()):
            lo = bm.end()
        lo = max(lo, m.start() - _BACK_WINDOW)
        fwd_hi = m.end() + _FWD_WINDOW
        nxt = _TRIGGER.search(sentence, m.end())
        if nxt:
            fwd_hi = min(fwd_hi, nxt.start())
        picked: list[Quantity] = []
        extra: list[Casualty] = []  # single victims a list names beside the counted ones
        word = m.group().lower()
        active = not _PASSIVE_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
        death_of = word.startswith("death") and sentence[m.end():m.end() + 4].lower() == " of "
        toll = _TOLL.search(sentence[max(0, m.start() - 5):m.end() + 25])
        if word.startswith("to") and re.search(r"\b(?:him|her)\s+$", sentence[max(0, m.start() - 5):m.start()]):
            picked = [Quantity(1, None, None, m.start() - 4, m.start(), "him", article=True)]  # "beat him to death"
        elif (active and _FORWARD_VERBS.match(word)) or death_of or toll:
            picked = _forward(sentence, quantities, m.end(), fwd_hi, commas=not death_of)
            if picked and not picked[-1].article:
                if (picked[0].best > 1 and not picked[0].article and generic_head(sentence, picked[0].end)
                        and sum(q.best for q in picked[1:]) <= picked[0].best):
                    picked = picked[:1]  # "killing 26 people, 25 tourists and a guide": the 26 broken down
                else:
                    single = trailing_single(sentence, picked[-1].end, fwd_hi)
                    if single is not None:  # "killing three Chinese nationals and their driver"
                        extra.append(Casualty(kind, Quantity(1, None, None, single[0], single[0], "", article=True),
                                              attackers=single[1]))
            if not picked and _TOLL.search(sentence, m.start(), min(len(sentence), m.end() + 25)):
                picked = _forward(sentence, quantities, _TOLL.search(sentence, m.start()).end(), fwd_hi)
            if not picked and active and not death_of:
                obj = _ARTICLE_OBJECT.match(sentence, m.end()) or _NAMED_OBJECT.match(sentence, m.end())
                if obj:
                    # "killed a police commander and a government employee": two single victims
                    n = 2 if _SECOND_SINGLE.match(sentence, obj.end()) else 1
                    picked = [Quantity(n, None, None, m.end(), m.end(), obj.group().strip(), article=True)]
        before = sentence[lo:m.start()]
        blocked = bool(_VAGUE_SUBJECT.search(before) or _NO_SUBJECT.search(before) or _WHO_ASKED.search(before))
        if not picked and not blocked:
            aside = aside_start(sentence, lo, m.start())
            picked = _backward(sentence, quantities, lo, m.start() if aside is None else aside)
            if word in _STRICT_NOUNS and picked and not re.fullmatch(r"\s*(?:[\w-]+\s+)?",
                                                                     sentence[picked[0].end:m.start()]):
                picked = []  # "32 bodies", not "hundreds of residents placed the bodies"
            in_order = sorted(picked, key=lambda q: q.start)
            heads = [i for i, q in enumerate(in_order[:-1])
                     if q.best > 1 and not q.article and generic_head(sentence, q.end)
                     and sum(r.best for r in in_order[i + 1:]) <= q.best]
            if heads:
                picked = in_order[:heads[0] + 1]  # "Two people, a soldier and a civilian, were killed"
            if picked and kind != "missing":
                lead = leading_singles(sentence[lo:min(q.start for q in picked)])
                if lead is not None:  # "The judge, his wife and his two sons were killed"
                    first = min(q.start for q in picked)
                    for n, att in ((lead[0], False), (lead[1], True)):
                        if n:
                            extra.append(Casualty(kind, Quantity(n, None, None, first, first, "", article=True),
                                                  attackers=att))
        picked = [q for q in picked if q.start not in used]
        if len(picked) == 1 and picked[0].article and picked[0].best == 1 and not extra:
            if picked[0].start >= m.end():
                pair = _SECOND_SINGLE.match(sentence, picked[0].end)
            else:
                pair = _PAIR_SUBJECT.search(sentence[lo:m.start()])
            if pair and not re.search(r"\d", pair.group()):
                picked = [Quantity(2, None, None, picked[0].start, picked[0].end, pair.group(), article=True)]
        if picked:
            also = bool(_ALSO.search(sentence, max(0, picked[0].start - 30), min(len(sentence), m.end() + 10)))
            for q in picked:
                used.add(q.start)
                out.append(Casualty(kind, q, attackers=_is_attacker(sentence, q), also=also))
            out.extend(Casualty(c.kind, c.quantity, attackers=c.attackers, also=also) for c in extra)
            prev_end = m.end()
            continue
        if blocked:
            if word not in _NOUN_TRIGGERS:
                prev_end = m.end()
            continue
        listed = _LISTED_SUBJECT.search(before) if kind != "missing" and word not in _NOUN_TRIGGERS else None
        lead = leading_singles(before[:listed.start("last")]) if listed else None
        if lead is not None and sum(lead) >= 1 and not re.search(r"\d", listed.group()):
            # "X's son and driver were injured", "The judge, his wife and his driver were killed"
            also = bool(_ALSO.search(listed.group()))
            if lead[0] + 1 - bool(_ATTACKER_NOUN.match(" " + listed.group("last"))):
                out.append(Casualty(kind, Quantity(lead[0] + 1 - bool(_ATTACKER_NOUN.match(" " + listed.group("last"))),
                                                   None, None, m.start(), m.start(), "", article=True), also=also))
            n_att = lead[1] + bool(_ATTACKER_NOUN.match(" " + listed.group("last")))
            if n_att:
                out.append(Casualty(kind, Quantity(n_att, None, None, m.start(), m.start(), "", article=True),
                                    attackers=True, also=also))
            prev_end = m.end()
            continue
        pair = _PAIR_SUBJECT.search(before)
        if kind != "missing" and word not in _NOUN_TRIGGERS and pair and not re.search(r"\d", pair.group()):
            # "The police chief and a bodyguard were killed": two single victims joined by "and"
            two = Quantity(2, None, None, m.start(), m.start(), pair.group(), article=True)
            out.append(Casualty(kind, two, also=bool(_ALSO.search(pair.group()))))
        elif (kind != "missing" and m.group().lower() not in {"deaths", "death", "bodies", "body", "injuries", "wounds"}
                and (_SINGULAR_PASSIVE.search(before) or _HEADLINE_SUBJECT.search(before))
                and not _NEGATIVE_SUBJECT.search(before)):
            one = Quantity(1, None, None, m.start(), m.start(), "", article=True)
            subj = sentence[max(lo, m.start() - 60):m.start()]
            out.append(Casualty(kind, one, attackers=bool(_ATTACKER_NOUN.search(subj) and re.search(
                r"(?:bomber|attacker|assailant|militant|terrorist|gunman)\b", subj, re.IGNORECASE)),
                also=bool(_ALSO.search(subj))))
        if word not in _NOUN_TRIGGERS:
            prev_end = m.end()
    return out


def _tally(sentence: str, q: Quantity) -> bool:
    """True when the count sits in a clause that tallies deaths over a period."""
    lo = max(0, q.start - 100)
    for b in re.finditer(r"[;:]|\.\s|\b(?:while|but|whereas)\b", sentence[lo:q.start]):
        lo = q.start - len(sentence[lo:q.start]) + b.end()
    hi = q.end + 80
    # an appositive after the count ("killed 23 soldiers, the deadliest attack this year") ranks the event
    stop = re.search(r"[;:]|\.\s|\b(?:while|but|whereas)\b|,\s+(?:police|officials|he|she|they)\s+said|"
                     r"[,—–-]\s+(?:the|its|their|making\s+it)\s",
                     sentence[q.end:hi])
    if stop:
        hi = q.end + stop.start()
    return bool(_TALLY.search(sentence, lo, hi))


def zero_statements(sentence: str) -> tuple[bool, bool]:
    """Whether the sentence says nobody was killed, and whether it says nobody was wounded."""
    zk = zw = False
    for m in _ZERO.finditer(sentence):
        word = (m.group("zv") or m.group("zn") or m.group("zc") or m.group("zx") or m.group("zw")
                or m.group("zh") or "hurt").lower()
        if word.startswith(("kill", "death", "fatal", "loss")):
            zk = True
        elif word.startswith(("injur", "wound")):
            zw = True
        else:  # casualties, hurt, harmed, unhurt
            zk = zw = True
    return zk, zw


@lru_cache(maxsize=4096)
def sentence_figures(sentence: str) -> Figures:
    """The totals one sentence states (cached: a sentence is read by several steps)."""
    if _RETRACTED.search(sentence):
        return Figures()  # the figure an earlier report gave and this one corrects
    cas = [c for c in find_casualties(sentence) if not _tally(sentence, c.quantity)]
    parts = [c for c in cas if c.kind != "missing" and _PARTITIVE.match(sentence, c.quantity.end)]
    cas = [c for c in cas if c not in parts]
    zk, zw = zero_statements(sentence)
    toll = _TOLL_UPDATE.search(sentence)
    if toll is not None and not re.search(r"\b(?:wound|injur)", toll.group("gap"), re.IGNORECASE):
        n = parse_number(toll.group("n"))
        if n is not None and 0 < n < 100_000:
            low = n if re.search(r"\bat\s+least\b|\bmore\s+than\b", toll.group()) else None
            q = Quantity(n, low, None, toll.start("n"), toll.end("n"), toll.group("n"))
            # the total replaces the sentence's other victim counts (often the same deaths, told again)
            cas = [c for c in cas if c.kind != "killed" or c.attackers] + [Casualty("killed", q)]
            update = True
        else:
            update = False
    else:
        update = False
    killed = [c for c in cas if c.kind == "killed" and not c.attackers]
    attackers = [c for c in cas if c.kind == "killed" and c.attackers]
    wounded = [c for c in cas if c.kind == "wounded"]
    missing = [c for c in cas if c.kind == "missing"]

    def total(items: list[Casualty]) -> int | None:
        return sum(c.quantity.best for c in items) if items else None

    k_low = k_high = None
    if len(killed) == 1:
        k_low, k_high = killed[0].quantity.low, killed[0].quantity.high
    elif len(killed) == 2 and _ALTERNATIVE.search(sentence, killed[0].quantity.end, killed[1].quantity.start):
        low_c, high_c = sorted(killed, key=lambda c: c.quantity.best)
        killed = [low_c]
        k_low, k_high = low_c.quantity.low or low_c.quantity.best, high_c.quantity.best
    return Figures(
        killed=total(killed), killed_low=k_low, killed_high=k_high, attackers_killed=total(attackers),
        wounded=total(wounded), missing=total(missing), zero_killed=zk and not killed,
        zero_wounded=zw and not wounded, also=any(c.also for c in cas), update=update,
        partial_killed=total([c for c in parts if c.kind == "killed"]),
        partial_wounded=total([c for c in parts if c.kind == "wounded"]),
        claimed=bool(_GROUP_VOICE.search(sentence)),
    )


def combine(figures: list[Figures]) -> Figures:
    """Totals of one event from its sentences: a repeated figure is not added twice, an 'also' figure is."""
    killed: int | None = None
    low = high = None
    attackers: int | None = None
    wounded: int | None = None
    missing: int | None = None
    zk = zw = False
    part_k: int | None = None
    part_w: int | None = None
    if any(not f.claimed and f.total_killed is not None for f in figures):
        # a neutral figure exists: the claimant's own figures give only the bounds (kept with the claims)
        figures = [f for f in figures if not f.claimed or f.total_killed is None]
    for f in figures:
        if f.partial_killed is not None:
            part_k = max(part_k or 0, f.partial_killed)
        if f.partial_wounded is not None:
            part_w = max(part_w or 0, f.partial_wounded)
        if f.killed is not None:
            if killed is None or f.update:
                killed, low, high = f.killed, f.killed_low, f.killed_high
            elif f.also:
                killed += f.killed
                low = high = None
            elif f.killed > killed:
                killed, low, high = f.killed, f.killed_low, f.killed_high
        if f.attackers_killed is not None:
            attackers = f.attackers_killed if attackers is None else max(attackers, f.attackers_killed)
        if f.wounded is not None:
            wounded = f.wounded if wounded is None else (wounded + f.wounded if f.also else max(wounded, f.wounded))
        if f.missing is not None:
            missing = f.missing if missing is None else max(missing, f.missing)
        zk = zk or f.zero_killed
        zw = zw or f.zero_wounded
    if killed is None and attackers is None and part_k is not None:
        killed, low, high = part_k, part_k, None  # at least the part told
    if wounded is None and part_w is not None:
        wounded = part_w
    return Figures(killed=killed, killed_low=low, killed_high=high, attackers_killed=attackers,
                   wounded=wounded, missing=missing, zero_killed=zk, zero_wounded=zw)
