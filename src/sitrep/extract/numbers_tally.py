"""Totals: what one sentence states (killed, wounded, missing, none hurt, running totals) and how the
sentences of one event combine."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.extract.numbers_find import Casualty, find_casualties
from sitrep.extract.numbers_parse import _DIGITS, _PEOPLE_NOUN, _WORDNUM, Quantity, parse_number
from sitrep.extract.numbers_patterns import _PARTITIVE, TOLL_MOVES
from sitrep.extract.numbers_refer import counted_groups, definite_victims, group_count
from sitrep.extract.stems import guarded

# "the death toll has risen to 54", "the number of people killed rose to seven", "revised the figure to 84":
# a running total that replaces the figures reported before it.
_TOLL_UPDATE = guarded(
    r"\b(?:(?:death\s+)?toll|number\s+of\s+(?:people\s+|those\s+)?(?:dead|deaths|fatalities|killed|victims)|"
    r"(?:casualty\s+)?figure)\b(?P<gap>[^.;:]{0,90}?)\b(?:(?:has|had|have)\s+)?"
    rf"(?P<verb>{TOLL_MOVES}|revised(?:\s+\w+)?\s+to|"
    r"raised\s+to|lowered\s+to|(?:is|was|now)(?:\s+now)?|put\s+at|to|at)\s+(?:at\s+)?(?:least\s+)?"
    rf"(?P<n>{_DIGITS}|{_WORDNUM})\b(?!\s*(?:%|percent|per\s+cent))",
    re.IGNORECASE)
# A coder's note that states the figure it records ("fatalities coded as 4, the lower of the two counts", "an
# unknown number of troops were killed (coded as three)") gives the event's whole total.
_CODED_TOTAL = guarded(
    r"\b(?:fatalit(?:y|ies)|deaths?|killed|dead|casualt(?:y|ies)|losses)\b[^.;:]{0,80}?\bcoded\s+(?:as|at)\s+"
    rf"(?P<n>{_DIGITS}|{_WORDNUM})\b(?!\s*(?:%|percent|per\s+cent|injur|wound))", re.IGNORECASE)
_TOLL_MORE = re.compile(rf"\s+[A-Za-z-]+(?:\s+[A-Za-z-]+)?\s+and\s+(?P<n>{_DIGITS}|{_WORDNUM})\b", re.IGNORECASE)
_AUX_AFTER = re.compile(r"\s+(?:were|was|are|is|have|had|has)\b", re.IGNORECASE)
_DIED_AFTER_PART = re.compile(r"\s+(?:\w+\s+){0,2}?(?:died|succumbed)\b", re.IGNORECASE)
_RETRACTED = guarded(r"\b(?:an?\s+earlier\s+version|previously\s+(?:reported|said|gave)|had\s+(?:earlier|"
                     r"initially)\s+(?:said|reported|put)|initially\s+(?:reported|said))\b", re.IGNORECASE)
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
# A tally over a period ("violence that killed 130 people since November", "weeks of clashes that killed 50",
# "killed 300 people this year") is background to the event told, not its toll.
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_TALLY = guarded(
    rf"\bsince\s+(?:(?:early|mid|late)[- ]?)?(?:{_MONTHS}\b|(?:19|20)\d\d\b|the\s+(?:start|beginning|outbreak)\b|"
    r"last\s+(?:year|month)\b|the\s+(?:war|conflict|insurgency|takeover)\b)|"
    r"\b(?:so\s+far\s+)?this\s+year\b|\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?"
    r"(?:weeks|months|years|decades?)\b|\b(?:weeks|months|years|decades)\s+of\s+(?:\w+\s+)?(?:violence|fighting|"
    r"clashes|conflict|unrest|war|insurgency|attacks)\b|\bin\s+(?:recent|the\s+past)\s+(?:weeks|months|years)\b|"
    # "carrying out attacks that have killed hundreds": a run of attacks summed up
    r"\b(?:attacks|bombings|violence|clashes|operations|raids|strikes)\s+(?:that|which)\s+(?:have|has)\s+"
    r"(?:killed|left|claimed)\b",
    re.IGNORECASE)
# Two sources in one sentence ("a security source said more than 100 were killed, while relatives said they
# counted about 400 dead"): the figures are alternatives, not parts of one total.
_ALTERNATIVE = re.compile(r"\b(?:while|whereas|but)\b[^.;]{0,90}?\b(?:said|says|put|counted|claimed|reported|gave)\b",
                          re.IGNORECASE)
# A figure in the voice of the group that claims the attack counts for the bounds, not for the best estimate.
_GROUP_VOICE = guarded(
    r"\b(?:said|says|claimed|announced|stated)\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:its|their)\s+(?:[\w-]+\s+)?"
    r"(?:fighters|militants|men|mujahideen|members|cadres|commandos|operatives|fighter|bombers?)\b|"
    r"\bin\s+a\s+claim\b|\bclaim(?:ed|s)?\s+(?:to\s+have\s+|it\s+had\s+|they\s+had\s+)?killed\b|"
    r"\bclaimed\s+responsibility\b[^.;]{0,60}\bkill", re.IGNORECASE)
# "however the group claimed that five soldiers were killed", "the BLF claims, however, that 9 troops died": a
# toll that a side claims is partisan when the claim comes before every figure of the sentence.
_CLAIM_THAT = re.compile(r"\bclaim(?:s|ed)?\b(?:,?\s+however,?)?\s+(?:that\b|to\s+have\b|(?=\d|(?:[a-z]+\s+)?"
                         rf"(?:{_WORDNUM})\b))[^.;]{{0,80}}?\b(?:killed|died|dead|deaths?|fatalities)\b",
                         re.IGNORECASE)


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
    # "abducted two police officers" ... "the police officers were shot dead": counts of groups and the
    # groups named by head noun only, joined across the sentences of an event
    groups: tuple[tuple[int, tuple[str, ...]], ...] = ()
    named_killed: str | None = None
    named_wounded: str | None = None
    coded: bool = False  # the total a coder's note states for the whole event (attackers included)

    @property
    def empty(self) -> bool:
        return (self.killed is None and self.attackers_killed is None and self.wounded is None
                and self.missing is None and not self.zero_killed and not self.zero_wounded
                and self.partial_killed is None and self.partial_wounded is None
                and self.named_killed is None and self.named_wounded is None)

    @property
    def total_killed(self) -> int | None:
        if self.killed is None and self.attackers_killed is None:
            return 0 if self.zero_killed else None
        return (self.killed or 0) + (self.attackers_killed or 0)


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


def _died_after(sentence: str, c: Casualty) -> bool:
    part = _PARTITIVE.match(sentence, c.quantity.end)
    return part is not None and bool(_DIED_AFTER_PART.match(sentence, part.end()))


def zero_statements(sentence: str) -> tuple[bool, bool]:
    """Whether the sentence says nobody was killed, and whether it says nobody was wounded."""
    zk = zw = False
    for m in _ZERO.finditer(sentence):
        word = (m.group("zv") or m.group("zn") or m.group("zc") or m.group("zx") or m.group("zw")
                or m.group("zh") or "hurt").lower()
        if re.search(r"\b(?:other|else)\b", m.group(), re.IGNORECASE):
            # "no other civilians were hurt": nobody besides the victims told, whose deaths stand
            zw = zw or not word.startswith(("kill", "death", "fatal", "loss"))
        elif word.startswith(("kill", "death", "fatal", "loss")):
            zk = True
        elif word.startswith(("injur", "wound")):
            zw = True
        else:  # casualties, hurt, harmed, unhurt
            zk = zw = True
    return zk, zw


# Words without one of which a sentence states no casualty figure (lower case, tested as substrings)
_FIGURE_STEMS = ("kill", "dead", "die", "death", "wound", "injur", "hurt", "harm", "casualt", "fatal", "toll",
                 "martyr", "missing", "abduct", "kidnap", "hostage", "captiv", "shot", "live", "life", "bod",
                 "victim", "escape", "surviv", "perish", "slain", "behead", "execut", "murder", "lynch",
                 "succumb", "figure", "number", "coded", "loss", "disappear", "safe", "unscathed", "gunned",
                 "drown", "burn", "lost", "among", "including", "taken", "seized", "held", "freed", "released",
                 "hell", "shahad", "embraced", "captur", "neutrali", "eliminat", "hospital", "corpse", "remains",
                 "suffer", "evacuat", "brought", "received", "treated", "sustain", "gun down", "guns down",
                 "gunning down")


@lru_cache(maxsize=4096)
def sentence_figures(sentence: str) -> Figures:
    """The totals one sentence states (cached: a sentence is read by several steps)."""
    if _RETRACTED.search(sentence):
        return Figures()  # the figure an earlier report gave and this one corrects
    low = sentence.lower()
    if not any(stem in low for stem in _FIGURE_STEMS):
        # no word of death, injury, capture or a toll: only the counts that a later sentence may refer to
        return Figures(claimed=bool(_GROUP_VOICE.search(sentence)), groups=counted_groups(sentence))
    coded = _CODED_TOTAL.search(sentence)
    if coded is not None and (n := parse_number(coded.group("n"))) is not None and n < 100_000:
        return Figures(killed=n, zero_killed=n == 0, coded=True)
    cas = [c for c in find_casualties(sentence) if not _tally(sentence, c.quantity)]
    parts = [c for c in cas if c.kind != "missing" and (c.part or _PARTITIVE.match(sentence, c.quantity.end))]
    # "one of the injured died": a death among the wounded told before
    cas = [c for c in cas if c not in parts]
    parts = [Casualty("killed", c.quantity) if c.kind == "wounded" and _died_after(sentence, c) else c
             for c in parts]
    zk, zw = zero_statements(sentence)
    toll = _TOLL_UPDATE.search(sentence)
    if toll is not None and not re.search(r"\b(?:wound|injur)", toll.group("gap"), re.IGNORECASE):
        n = parse_number(toll.group("n"))
        more = _TOLL_MORE.match(sentence, toll.end("n"))
        if n is not None and more is not None and _PEOPLE_NOUN.match(sentence, more.end("n")) \
                and not _AUX_AFTER.match(sentence, _PEOPLE_NOUN.match(sentence, more.end("n")).end()):
            n += parse_number(more.group("n")) or 0  # "risen to 170 Afghans and 13 American troops"
        if n is not None and 0 < n < 100_000:
            low = n if re.search(r"\bat\s+least\b|\bmore\s+than\b", toll.group()) else None
            q = Quantity(n, low, None, toll.start("n"), toll.end("n"), toll.group("n"))
            # the total replaces the sentence's other victim counts (often the same deaths, told again)
            cas = [c for c in cas if (c.kind != "killed" or c.attackers) and c.quantity.start != q.start]
            cas.append(Casualty("killed", q))
            update = True
        else:
            update = False
    else:
        update = False
    named_k, named_w = definite_victims(sentence)
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
        claimed=bool(_GROUP_VOICE.search(sentence)) or _claim_first(sentence, cas),
        groups=counted_groups(sentence),
        named_killed=named_k if not killed and not attackers else None,
        named_wounded=named_w if not wounded else None,
    )


def _claim_first(sentence: str, cas: list[Casualty]) -> bool:
    claim = _CLAIM_THAT.search(sentence)
    # a claim of other deaths ("had also been killed", the attackers) adds to the toll, it is no rival figure
    return claim is not None and bool(cas) and all(c.quantity.start > claim.start() and not c.also
                                                   and not c.attackers for c in cas)


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
    coded = next((f for f in reversed(figures) if f.coded), None)
    if coded is not None:  # the coder's figure is the whole toll, attackers included
        killed, low, high, attackers, zk = coded.killed, None, None, None, coded.zero_killed
    groups = [g for f in figures for g in f.groups]
    if killed is None and attackers is None:
        named = next((n for f in figures if f.named_killed and (n := group_count(groups, f.named_killed))), None)
        if named is not None:
            killed, low, high = named, None, None
    if wounded is None:
        wounded = next((n for f in figures if f.named_wounded and (n := group_count(groups, f.named_wounded))), None)
    return Figures(killed=killed, killed_low=low, killed_high=high, attackers_killed=attackers,
                   wounded=wounded, missing=missing, zero_killed=zk, zero_wounded=zw, coded=coded is not None)
