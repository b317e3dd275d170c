"""Who says so: casualty figures attributed to a claimant, responsibility claims, denials and hedges.

Certainty of a mention, from strongest signal to weakest:
``disputed`` (two claimants give different death tolls; best = the lowest, low/high = min/max),
``claimed`` (a group claimed the attack), ``unconfirmed`` (hedged: "reportedly", "could not be verified"),
else ``reported``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.domain import Certainty
from sitrep.extract.numbers import Figures
from sitrep.extract.stems import guarded
from sitrep.knowledge.actors import ActorDictionary, ActorMatch

_SPEECH = guarded(r"\b(?:said|says|told|confirmed|stated|reported|added|claimed|announced|tweeted|posted|"
                  r"maintained|insisted|put\s+the\s+(?:death\s+)?toll\s+at)\b", re.IGNORECASE)
_ACCORDING = re.compile(r"\b(?:according\s+to|citing|quoting)\s+(?P<who>[^,.;:()]{2,70})", re.IGNORECASE)
_SAID_AFTER = re.compile(r"\s*(?P<who>(?:the\s+)?(?:[\w'’.-]+\s+){0,5}?(?:police|officials?|spokesm[ae]n|"
                         r"spokesperson|sources|ispr|military|army|ministry|authorities|administration|officers?|"
                         r"doctors?|residents|witnesses|statement|chief|commissioner|minister|mujahid)\b)",
                         re.IGNORECASE)
# "The group disputed the account, saying it had killed 50 soldiers": the subject of the clause is the speaker
_SAYING = guarded(r"^\W*(?P<who>(?:the\s+)?(?:[\w'’.-]+\s+){0,4}?[\w'’.-]+)\s+(?:(?:also|later|swiftly|quickly)\s+)?"
                  r"(?:disputed|rejected|denied|contested|countered|dismissed|responded|reacted|hit\s+back|issued|"
                  r"released|said|added|insisted|claimed)\b[^,;.]{0,80},\s+saying\b", re.IGNORECASE)
_LEADING = re.compile(r"^(?:and|but|while|as|the|a|an|also|however|meanwhile|separately)\s+", re.IGNORECASE)
_RESPONSIBILITY = guarded(
    r"\bclaim(?:ed|s|ing)?\s+(?:the\s+)?(?:responsibility|credit)\b|\bresponsibility\s+(?:was|has\s+been)\s+claimed\b|"
    # "claimed the attack", "claimed both bombings"
    r"\bclaimed\s+(?:the|this|that|both|all|the\s+(?:two|three|four|five))\s+(?:[\w-]+\s+)?(?:attack|bombing|"
    r"blast|killing|assault|ambush|strike|abduction)s?\b|"
    r"\bsaid\s+(?:it|they)\s+(?:had\s+)?(?:carried\s+out|conducted|was\s+behind|were\s+behind)\b|"
    r"\b(?:said|says|stated|announced)\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:its|their|one\s+of\s+its|two\s+of\s+its)\s+"
    r"(?:\w+\s+){0,2}?(?:fighters|militants|men|mujahideen|members|cadres|commandos|operatives|fighter|militant|"
    r"bomber)\s+(?:had\s+)?(?:carried\s+out|conducted|killed|attacked|stormed|struck|ambushed|targeted|shot|"
    r"blew|detonated|seized|raided|hit)\b|"
    r"\bclaimed\s+(?:it|them)\b(?!\s+(?:was|were|had|is|would))|\bin\s+a\s+claim\s+(?:carried|published|posted|issued)\b|"
    r"\bowned\s+(?:the\s+)?(?:attack|responsibility)", re.IGNORECASE)
_NO_CLAIM = re.compile(r"\b(?:no\s+(?:\w+\s+)?(?:group|one|organi[sz]ation)|none|nobody|not\s+(?:yet\s+)?been)\b"
                       r"[^.;]{0,30}$", re.IGNORECASE)
_DENIAL = guarded(r"\b(?:denied|denies|deny|denying|rejected|rejects|disowned|distanced\s+(?:itself|themselves))"
                  r"\b(?:[^.;]{0,40}\b(?:involvement|responsibility|role|claims?|link|hand|allegation|"
                  r"accusation|part))?", re.IGNORECASE)
_ATTRIBUTION = guarded(
    r"\battribut\w*\s+(?:the\s+)?(?:\w+\s+){0,3}?to\b|\bblam\w+\b|\bsuspected\s+(?:that\s+)?|\baccused\b|"
    r"\bbehind\s+the\s+(?:attack|blast|bombing|killing)|\bsuspect(?:ed)?\s+(?:of\s+)?involvement", re.IGNORECASE)
_HEDGE = guarded(
    r"\breportedly\b|\bunconfirmed\b|\bunverified\b|\bcould\s+not\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*|"
    r"\bcannot\s+be\s+(?:independently\s+)?(?:verif|confirm)\w*|\ballegedly\b|\bpurportedly\b|"
    r"\bsaid\s+to\s+have\b|\bclaimed\s+without\s+evidence|\bnot\s+(?:been\s+)?(?:independently\s+)?verified",
    re.IGNORECASE)

_CLAIMED_DEED = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?(?:attacks?|bombings?|blasts?|killings?|assaults?|ambush(?:es)?|"
                           r"strikes?|abductions?|raids?|responsibility|credit)\b", re.IGNORECASE)
_ARMED = {"rebel", "militia", "unidentified", "state"}


@dataclass(frozen=True, slots=True)
class CasualtyClaim:
    """A sentence's figures and who gave them (None: the report's own voice)."""

    claimant: str | None
    figures: Figures
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GroupStatement:
    """A responsibility claim, a denial or an attribution naming a group."""

    actor: ActorMatch
    text: str
    start: int
    end: int


# "Officials, however, said": a word set off by commas that is not part of the speaker
_ASIDE_WORD = re.compile(r",\s*(?:however|meanwhile|though|also|in\s+turn|for\s+(?:their|its|his|her)\s+part)\s*$",
                         re.IGNORECASE)


def claimant_of(sentence: str) -> str | None:
    """The source a sentence attributes its statement to ("police", "the ISPR", "Zabihullah Mujahid")."""
    m = _ACCORDING.search(sentence)
    if m:
        return _clean(m.group("who"))
    m = _SAYING.search(sentence)
    if m and not re.search(r"\b(?:were|was|had|has|have|been)\b", m.group("who"), re.IGNORECASE):
        return _clean(m.group("who"))
    for sm in _SPEECH.finditer(sentence):
        if _RESPONSIBILITY.match(sentence, sm.start()) or (sm.group().lower() == "claimed" and _CLAIMED_DEED.match(
                sentence, sm.end())):
            continue  # "claimed Tuesday's attack" claims the deed, not a figure
        before = sentence[:sm.start()]
        cut = max(before.rfind(","), before.rfind(";"), before.rfind("—"), before.rfind("\""), before.rfind("”"))
        span = before[cut + 1:] if cut >= 0 else before
        words = span.split()
        if not words and cut > 0 and before[:cut].count(",") <= 1 and len(before[:cut].split()) <= 12:
            # "A spokesman for the police, Khalid Zadran, confirmed ...": the subject is the name and its title
            return _clean(_ASIDE_WORD.sub("", before[:cut]))
        if words and words[-1].lower() in {"but", "and"}:
            continue  # "... confirmed the attack but said": the same speaker, told before
        if 0 < len(words) <= 7 and not re.search(r"\b(?:were|was|killed|injured|wounded)\b", span, re.IGNORECASE):
            return _clean(span)
        after = _SAID_AFTER.match(sentence, sm.end())
        if after:
            return _clean(after.group("who"))
    return None


def _clean(who: str) -> str | None:
    who = " ".join(who.split()).strip(" ,.'\"“”")
    prev = None
    while prev != who:
        prev = who
        who = _LEADING.sub("", who)
    if not who or len(who) > 80 or who.lower() in {"it", "he", "she", "they", "we", "i", "this", "that"}:
        return None
    return who


_ASIDE_ONLY = re.compile(r"\s*,[^,;.]{3,80},\s*(?:\w+\s+){0,2}")


def responsibility(sentence: str, actors: ActorDictionary) -> list[GroupStatement]:
    """Groups that the sentence says claimed the attack."""
    out: list[GroupStatement] = []
    for m in _RESPONSIBILITY.finditer(sentence):
        before = sentence[max(0, m.start() - 100):m.start()]
        if _NO_CLAIM.search(before) or re.search(r"\b(?:no|not|never)\s+(?:\w+\s+)?$", before, re.IGNORECASE):
            continue
        found = [a for a in actors.find(sentence) if a.kind in {"rebel", "militia"}]
        if not found:
            continue
        # The claimant is the named group nearest before the claim verb, else the first one after it.
        prior = [a for a in found if a.end <= m.start()]
        if len(prior) > 1 and _ASIDE_ONLY.fullmatch(sentence, prior[-2].end, m.start()):
            prior.pop()  # "Jaish al-Fursan, a faction linked to the Gul Bahadur group, said": the subject claims
        actor = prior[-1] if prior else next((a for a in found if a.start >= m.end()), None)
        if actor is not None:
            out.append(GroupStatement(actor, sentence, m.start(), m.end()))
    return out


def denials(sentence: str, actors: ActorDictionary) -> list[GroupStatement]:
    """Groups that the sentence says denied the attack."""
    out: list[GroupStatement] = []
    for m in _DENIAL.finditer(sentence):
        found = [a for a in actors.find(sentence[:m.start()]) if a.kind in _ARMED and a.kind != "unidentified"]
        if found:
            out.append(GroupStatement(found[-1], sentence, m.start(), m.end()))
    return out


def attributions(sentence: str, actors: ActorDictionary) -> list[GroupStatement]:
    """Groups the report (or its sources) holds responsible without a claim."""
    out: list[GroupStatement] = []
    for m in _ATTRIBUTION.finditer(sentence):
        after = [a for a in actors.find(sentence[m.end():m.end() + 120])
                 if a.kind in {"rebel", "militia"}]
        if after:
            a = after[0]
            shifted = ActorMatch(a.entry, a.start + m.end(), a.end + m.end(), a.text)
            out.append(GroupStatement(shifted, sentence, m.start(), m.end()))
            continue
        before = [a for a in actors.find(sentence[max(0, m.start() - 80):m.start()]) if a.kind in {"rebel", "militia"}]
        if before and re.search(r"\b(?:was|were|is|are)\s+(?:\w+\s+)?$", sentence[:m.start()], re.IGNORECASE):
            a = before[-1]
            off = max(0, m.start() - 80)
            out.append(GroupStatement(ActorMatch(a.entry, a.start + off, a.end + off, a.text), sentence,
                                      m.start(), m.end()))
    return out


def is_hedged(sentence: str) -> bool:
    """True when the sentence itself doubts what it reports."""
    return bool(_HEDGE.search(sentence))


_AUTHORS_KILLED = re.compile(r"\b(?:attackers|assailants|bombers|raiders|(?:the\s+)?gunmen)\b", re.IGNORECASE)


_EVERYONE = frozenset({"people", "persons", "individuals", "others"})


def _victim_noun(f: Figures) -> str:
    """The noun of a sentence's death count ("civilians" in "13 civilians who died"), or ""."""
    return next((words[0].lower() for n, words in f.groups if n == f.killed and words), "")


def _counts_everyone(f: Figures) -> bool:
    return _victim_noun(f) in _EVERYONE


def _rest_of_toll(f: Figures) -> int:
    """What a toll of all the people killed leaves after the parts it names ("18 people, including five
    soldiers": 13 others); 0 when it names no part."""
    if f.killed is None or not _counts_everyone(f):
        return 0
    parts = [n for n, words in f.groups if n < f.killed and words and words[0].lower() not in _EVERYONE]
    return f.killed - sum(parts) if parts and sum(parts) < f.killed else 0


_SO_FAR = re.compile(r"\b(?:so\s+far|until\s+now|thus\s+far|as\s+of\s+now|at\s+this\s+stage)\b", re.IGNORECASE)


def reconcile(claims: list[CasualtyClaim]) -> tuple[int | None, int | None, int | None, bool]:
    """Best, low and high death toll from attributed figures, and whether claimants disagree.

    Claimants are compared on the victims; the attack's authors killed ("the military said all 16 attackers
    were killed") are other dead than the victims: they add to every claimant's toll and do not dispute it
    ("20 terrorists were killed in the strikes" counts the strikes' targets, and does).
    """
    by_claimant: dict[str, int] = {}
    provisional: set[str] = set()
    authors = 0
    # "18 people, including five soldiers" and another source's "13 civilians who died": a count of another
    # kind of victim that fits in what the toll leaves after its named part is that part, not another account
    rest = max((_rest_of_toll(c.figures) for c in claims if c.claimant), default=0)
    for c in claims:
        f = c.figures
        total = f.total_killed
        if total is None or c.claimant is None:
            continue
        if f.killed is not None and f.killed <= rest and _victim_noun(f) and not _counts_everyone(f):
            continue
        value = total
        if _AUTHORS_KILLED.search(c.text) and (f.killed is None or f.attackers_killed):
            authors = max(authors, f.attackers_killed or 0)
            if f.killed is None:
                continue
            value = f.killed
        if f.update or (by_claimant and all(k in provisional for k in by_claimant)
                        and value >= max(by_claimant.values())):
            # "the toll has risen to 44": a later count replaces the earlier ones, whoever gave them; so does a
            # higher count after counts given as provisional ("28 bodies received so far")
            by_claimant.clear()
        key = c.claimant.lower()
        if _SO_FAR.search(c.text):
            provisional.add(key)
        by_claimant[key] = max(by_claimant.get(key, 0), value)
    values = sorted(set(by_claimant.values()))
    if len(values) < 2:
        return None, None, None, False
    return values[0] + authors, values[0] + authors, values[-1] + authors, True


def certainty(disputed: bool, claimed: bool, hedged: bool) -> Certainty:
    """The certainty label of a mention."""
    if disputed:
        return "disputed"
    if claimed:
        return "claimed"
    if hedged:
        return "unconfirmed"
    return "reported"
