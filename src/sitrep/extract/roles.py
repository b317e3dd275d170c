"""Who did it to whom: the initiator and the target of the event a sentence reports.

The initiator is the first armed actor named before the trigger (or after "by"); the target is the first
actor named after the trigger or after a targeting word ("on", "at", "killing"). Protests, riots and
strategic developments have their own conventions (the crowd is actor1; arrests are made by the state).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.extract.classify import Classification
from sitrep.extract.geo_metonyms import CAPITAL_OF
from sitrep.knowledge.taxonomy import BATTLES, PROTESTS, RIOTS, STRATEGIC

_SPEAKER_AFTER = re.compile(r"\W{0,3}(?:(?:['’]s\s+)?(?:(?:chief|main|deputy|official|senior)\s+)?(?:spokesm[ae]n|"
                            r"spokesperson|spokeswoman)|said|says|told|confirmed|stated|added|sources|"
                            r"statement|officials?\s+said|chief\s+said|claimed\s+(?:that|the)|reported)\b",
                            re.IGNORECASE)
# A speaker that tells its own act: "the agency said on Monday that it had arrested six men"
_SELF_REPORT = re.compile(r"\W{0,3}(?:said|says|announced|confirmed|stated)\s+(?:on\s+\w+\s+|in\s+a\s+statement\s+)?"
                          r"(?:that\s+)?(?:it|they)\s+(?:had\s+|has\s+|have\s+)?(?:\w+\s+)?$", re.IGNORECASE)
# A headline's source after a colon or dash at its end: "Bomb kills girl in Quetta: police", "- army"
_SOURCE_TAIL = re.compile(r"(?::|\s[-–—])\s*(?:the\s+|a\s+|[\w-]+\s+)?$")
_TAIL_END = re.compile(r"(?:\s+(?:says?|said|sources?|officials?|spokesm[ae]n|reports?|statement))?\W*$", re.IGNORECASE)
_SPEAKER_BEFORE = re.compile(r"\b(?:according\s+to|citing|quoting)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE)
_AGENT_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+|unknown\s+|unidentified\s+|suspected\s+|armed\s+)*"
                           r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_TARGET_BEFORE = re.compile(
    r"\b(?:on(?!\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
    r"dec)[a-z]*\s+\d|the\s+(?:night|morning|evening|afternoon)\b))|at|targeting|targeted|against|killing|killed|injuring|wounding|injured|wounded|abducted|abducting|"
    r"kidnapped|kidnapping|shot|shooting|attacked|attacking|fired\s+(?:at|on|upon)|hit|hitting|ambushed|of|near|"
    r"outside|inside|into|including|struck|stormed|raided|lobbed|hurled|threw|arrested|detained|belonging\s+to)\s+"
    r"(?:(?!(?:when|while|after|as|by|who|which|that|and|before|because)\b)[\w'’-]+\s+){0,3}$", re.IGNORECASE)
_SAME_SIDE = re.compile(r"[\s(]*(?:of|coded\s+as|suspected(?:\s+to\s+be)?|assumed|"
                        r"believed\s+to\s+be(?:long\s+to)?|from|"
                        r"belonging\s+to|affiliated\s+with|linked\s+to|allegedly\s+from)?(?:\s+the)?\s*", re.IGNORECASE)
_PASSIVE_VICTIM = re.compile(r"(?:[\s,]+(?:[\w'’-]+\s+){0,4}?)?\s*(?:were|was|have\s+been|has\s+been|had\s+been|got)\s+"
                             r"(?:\w+\s+){0,2}?(?:killed|martyred|injured|wounded|hurt|shot|abducted|kidnapped|"
                             r"targeted|attacked|ambushed|torched|burned|burnt|destroyed|damaged|set\s+(?:on\s+fire|ablaze)|"
                             r"left\s+(?:dead|injured|wounded))\b", re.IGNORECASE)
# "fighters of the NRF", "the mujahideen of Jamaat-ul-Ahrar": the group acts through its men
_MEMBERS_OF = re.compile(r"\b(?:fighters|militants|members|cadres|commanders?|men|mujahideen|operatives|gunmen|"
                         r"soldiers|troops|forces|units?|squad|wing|faction|suicide\s+squad)\s+of\s+(?:the\s+)?"
                         r"(?:[\w'’-]+\s+){0,2}$",
                         re.IGNORECASE)
_LINKED_AFTER = re.compile(r"-?(?:linked|affiliated|allied|backed|aligned|inspired|sponsored)\b", re.IGNORECASE)
# "Kandahar, the Taliban's spiritual heartland": a side named as the owner of a place takes no part in the event
_PLACE_OWNER_AFTER = re.compile(r"['’]s?\s+(?:[\w-]+\s+)?(?:heartlands?|strongholds?|birthplace|bastion|hometown|"
                                r"home\s+(?:province|town|region|district)|power\s+base|seat\s+of\s+power)\b",
                                re.IGNORECASE)
_ATTACKER_KINDS = frozenset({"state", "rebel", "militia", "unidentified"})


_OFF_DUTY_BEFORE = re.compile(r"\b(?:off[- ]duty|former|retired|ex-?)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_OFF_DUTY_AFTER = re.compile(r"(?:\s+[\w-]+){0,2}\s*\((?:assumed\s+|suspected\s+|reportedly\s+|likely\s+)?"
                             r"off[- ]duty\)|"
                             r"\s+(?:who\s+was\s+)?off[- ]duty\b|"
                             # "an army informant", "police informers": people who work for a side, unarmed
                             r"\s+(?:informants?|informers?|spy|spies|collaborators?|contractors?)\b",
                             re.IGNORECASE)
_FORMER_BEFORE = re.compile(r"\b(?:former|ex-?)\s+(?:[\w-]+\s+){0,1}$", re.IGNORECASE)
_CIVILIANS = "Civilians ({country})"


def _off_duty(sentence: str, found: list, actors: object) -> list:
    """An off-duty, retired or former policeman or soldier, an informant of the army or a former militant is a
    civilian victim, as ACLED codes him."""
    civ = getattr(actors, "by_name", {}).get(_CIVILIANS)
    if civ is None:
        return found
    out = []
    for m in found:
        if (m.kind == "state" and (_OFF_DUTY_BEFORE.search(sentence, max(0, m.start - 40), m.start)
                                   or _OFF_DUTY_AFTER.match(sentence, m.end))) \
                or (m.kind in ("rebel", "militia") and _FORMER_BEFORE.search(sentence, max(0, m.start - 30), m.start)):
            out.append(type(m)(civ, m.start, m.end, m.text))
        else:
            out.append(m)
    return out


_STRIKE_VERB = (r"\s+(?:has\s+|had\s+|have\s+|then\s+|also\s+)?(?:conducted|carried\s+out|launched|struck|bombed|"
                r"shelled|hit|fired|attacked|targeted|retaliated|pounded)\b")


@lru_cache(maxsize=8)
def _state_pattern(actors: object) -> tuple[re.Pattern[str], dict[str, object]]:
    states = {e.name[len("Military Forces of "):].removeprefix("the "): e
              for e in getattr(actors, "entries", ()) if e.name.startswith("Military Forces of ") and "{" not in e.name}
    names = "|".join(sorted((re.escape(c) for c in states), key=len, reverse=True)) or "(?!)"
    # a clause opens the sentence, follows a comma or "that", or follows a dateline ("ISLAMABAD - Pakistan struck")
    return re.compile(rf"(?:^|[,;:]\s*|\s[-–—]\s+|\bthat\s+|\band\s+)(?:the\s+)?(?P<c>{names}){_STRIKE_VERB}"), \
        states


def _state_subject(sentence: str, trigger: int, actors: object) -> object | None:
    pattern, states = _state_pattern(actors)
    m = pattern.search(sentence, 0, max(trigger, 0) + 40)
    if m is None:
        return None
    entry = states[m.group("c")]
    return _StateMatch(entry, m.start("c"), m.end("c"), m.group("c"))


_FORCE_NOUN = r"(?:border\s+|security\s+|armed\s+)?(?:forces|troops|soldiers|guards|militar(?:y|ies)|arm(?:y|ies))"
_PAIR_OF = re.compile(rf"\b{_FORCE_NOUN}\s+of\s+(?P<x>[A-Z][a-z]+)\s+and\s+(?P<y>[A-Z][a-z]+)\b")
# ("Pakistani and Afghan Taliban forces": the Taliban's forces are Afghanistan's since they rule it)
# (a headline joins them with a comma: "Pakistan, Afghanistan forces clash")
_PAIR_ADJ = re.compile(rf"\b(?P<x>[A-Z][a-z]+)(?:\s+and|,)\s+(?P<y>[A-Z][a-z]+)(?:\s+Taliban)?\s+"
                       rf"(?P<n>{_FORCE_NOUN})\b")


_PARTY = re.compile(r"\b(?:ceasefire|cease-fire|truce|deal|agreement|accord|talks|peace)\s+(?:[\w-]+\s+){0,2}?with\s+"
                    r"(?:the\s+(?:government\s+of\s+)?)?(?P<c>[A-Z][a-z]+)\b")


def _party_state(sentence: str, actors: object) -> str | None:
    """The government named as the other party of a ceasefire or deal ("called off its truce with Pakistan")."""
    m = _PARTY.search(sentence)
    return _government_of(m.group("c"), actors) if m is not None else None


# Words that make a state's name its government or its side: "Pakistani authorities", "the Afghan side".
_GOV_NOUNS = r"government|authorities|officials|side|administration|interior\s+ministry"
# The subject of a government's act: "Pakistan closed", "Pakistani authorities shut", "the Afghan side
# reopened", "Pakistan said on Sunday it had closed".
_GOV_NOUN = rf"(?:['’]s)?(?:\s+(?P<n>{_GOV_NOUNS}))?"
_GOV_AUX = r"(?:(?:has|had|have|also|then|again|later|temporarily|indefinitely|partially|finally)\s+)*"
_GOV_ACT = re.compile(
    rf"(?:^|[,;:]\s*|\s[-–—]\s+|\b(?:that|and|after|when|before|since|until|as)\s+)(?:[Tt]he\s+)?"
    rf"(?P<w>[A-Z][a-z]+){_GOV_NOUN}\s+(?:(?:said|says|announced|confirmed)\s+(?:on\s+\w+\s+)?(?:that\s+)?"
    rf"(?:it|they)\s+)?{_GOV_AUX}(?P<v>closed|shut|sealed|reopened|re-opened|suspended|resumed|opened|halted|"
    rf"blocked)\b")
# Two states that agree: "Afghanistan and Pakistan agreed to reopen", "Pakistani and Afghan officials signed".
_GOV_WORDS = rf"(?:['’]s)?(?:\s+(?:{_GOV_NOUNS}|governments|sides|administrations|delegations?))?"
_GOV_PAIR = re.compile(rf"(?:^|[,;:]\s*|\s[-–—]\s+|\b(?:that|after|when|as)\s+)(?:[Tt]he\s+)?(?P<x>[A-Z][a-z]+)"
                       rf"{_GOV_WORDS}\s+and\s+(?:the\s+)?(?P<y>[A-Z][a-z]+){_GOV_WORDS}\s+{_GOV_AUX}"
                       rf"(?:agreed|signed|reached|struck|concluded)\b")
# Who mediates an agreement is not a party to it.
_MEDIATOR_BEFORE = re.compile(r"\b(?:mediated|brokered|hosted|facilitated|arranged|overseen)\s+by\s+(?:the\s+)?"
                              r"(?:[\w'’-]+\s+){0,2}$|\bmediation\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
                              re.IGNORECASE)


def _government_of(word: str, actors: object) -> str | None:
    """The government of the state a country name, its adjective or its capital stands for."""
    _, states = _state_pattern(actors)
    entry = states.get(CAPITAL_OF.get(word, word)) or _state_of_word(word, actors)
    if entry is None:
        return None
    country = entry.name.removeprefix("Military Forces of ")  # type: ignore[attr-defined]
    gov = getattr(actors, "by_name", {}).get(f"Government of {country}")
    return gov.name if gov is not None else None


def _agreeing_governments(sentence: str, actors: object) -> tuple[str, str] | None:
    """The two governments a sentence names as agreeing with each other."""
    for m in _GOV_PAIR.finditer(sentence):
        x, y = _government_of(m.group("x"), actors), _government_of(m.group("y"), actors)
        if x is not None and y is not None and x != y:
            return x, y
    return None


def _acting_government(sentence: str, trigger: int, actors: object, when: object) -> str | None:
    """The government that closed, reopened or shut what a sentence reports, named as the subject of that
    act: a state's name or adjective, with or without "authorities", "government" or "side"."""
    by_name = getattr(actors, "by_name", {})
    for m in _GOV_ACT.finditer(sentence, 0, max(trigger, 0) + 120):
        word, noun = m.group("w"), m.group("n")
        gov = _government_of(word, actors)
        if gov is not None:
            return gov
        if noun:
            # "Taliban authorities": the rulers the name stands for on that day
            hit = next((a for a in actors.find(f"{word} {noun}")  # type: ignore[attr-defined]
                        if a.start == 0), None)
            if hit is None:
                continue
            name = hit.entry.resolve(None, when)
            gov = by_name.get("Government of " + name.removeprefix("Military Forces of "))
            return gov.name if gov is not None and name.startswith("Military Forces of ") else name
    return None


def _state_of_word(word: str, actors: object, nouns: tuple[str, ...] = ("forces",)) -> object | None:
    """The state whose forces an adjective or a country name stands for: "Afghan" in "Afghan forces"."""
    hit = next((a for noun in nouns for a in actors.find(f"{word} {noun}")  # type: ignore[attr-defined]
                if a.kind == "state" and a.start == 0), None)
    return hit.entry if hit is not None else None


def _state_pair(sentence: str, actors: object) -> tuple[object, object] | None:
    """The two states whose forces a sentence names together: "fighting between the militaries of Afghanistan
    and Pakistan", "Pakistani and Afghan border forces"."""
    _, states = _state_pattern(actors)
    m = _PAIR_OF.search(sentence)
    if m is not None and m.group("x") in states and m.group("y") in states:
        pair = (states[m.group("x")], states[m.group("y")])
    else:
        m = _PAIR_ADJ.search(sentence)
        if m is None:
            return None
        sides = [states.get(word) or _state_of_word(word, actors, (m.group("n"), "forces"))
                 for word in (m.group("x"), m.group("y"))]
        if sides[0] is None or sides[1] is None:
            return None
        pair = (sides[0], sides[1])
    return pair if pair[0] is not pair[1] else None


_AIR_STRIKER = re.compile(r"\b(?P<w>[A-Z][a-z]+)(?:['’]s)?\s+(?:(?:air|aerial|drone|cross-border)\s*strikes?|"
                          r"air\s*raids?|air\s+force|(?:war)?planes|jets|(?:[Ss]truck|[Bb]ombed|[Pp]ounded)\b)")


def striking_state(before: str, actors: object, target: str | None) -> str | None:
    """The state a report names as the one striking from the air, in the words before an air strike that names
    no striker: the headline "Why Pakistan Struck the Taliban", an earlier "Pakistani airstrikes". Only
    states fly aircraft over this region's wars, so a strike told without its author is the one the report
    already gave one; the nearest such name before the strike is taken, and never the target's own state."""
    _, states = _state_pattern(actors)
    for m in reversed(list(_AIR_STRIKER.finditer(before[-6000:]))):
        word = m.group("w")
        entry = states.get(word) or _state_of_word(word, actors)
        if entry is not None and entry.name != target:  # type: ignore[attr-defined]
            return entry.name  # type: ignore[attr-defined]
    return None


@dataclass(frozen=True, slots=True)
class _StateMatch:
    entry: object
    start: int
    end: int
    text: str
    kind: str = "state"


@dataclass(frozen=True, slots=True)
class Assignment:
    """The two sides of an event, their kinds and where they were named."""

    actor1: str | None
    actor2: str | None
    kind1: str | None
    kind2: str | None


_PAKISTANI_TALIBAN = re.compile(r"\bTTP\b|pakistani?\s+tal[ei]ban|tehr\w+-[ei]-tal[ei]ban", re.IGNORECASE)
# A report that names the Pakistani Taliban as such and also speaks of the Taliban as Afghanistan's rulers
# keeps the bare name "the Taliban" for the rulers, as news writing does since 2021.
_AFGHAN_RULERS = re.compile(
    r"\bTal[ei]ban(?:['’]s)?\s+(?:government|regime|authorities|administration|rulers|leadership|takeover|"
    r"return\s+to\s+power)\b|\bTal[ei]ban-(?:run|led|ruled|controlled)\b|"
    r"\bTal[ei]ban\s+(?:took|seized|came\s+to|returned\s+to)\s+power\b|\bTal[ei]ban\s+in\s+(?:Afghanistan|Kabul)\b")


@lru_cache(maxsize=64)
def _taliban_means_ttp(document_text: str) -> bool:
    head = document_text[:20000]
    return bool(_PAKISTANI_TALIBAN.search(head)) and not _AFGHAN_RULERS.search(head)


def _resolve(match: object, actors: object, country: str | None, when: object, document_text: str) -> str:
    entry = match.entry  # type: ignore[attr-defined]
    if entry.name == "Afghan Taliban" and country == "Pakistan" and "afghan" not in match.text.lower() \
            and _taliban_means_ttp(document_text):
        # a report on Pakistan's militancy that names the TTP means it by "the Taliban"
        return "TTP: Tehreek-e-Taliban Pakistan"
    return entry.resolve(country, when)


# "when troops raided", "as the soldiers stormed": a clause whose subject acts
_ACTS_AFTER = re.compile(r"\b(?:when|as|after|while)\s+(?:the\s+|a\s+|an\s+|their\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
_ACTIVE_AFTER = re.compile(r"\s+(?:raided|attacked|stormed|opened\s+fire|ambushed|struck|fired|shelled|bombed|"
                           r"targeted|launched|carried\s+out|conducted|cordoned|surrounded|hit)\b", re.IGNORECASE)


def _named_members(sentence: str, found: list) -> list:
    """Actors that the sentence names twice, a description then a name: fighters named as a group's ("five
    militants of Lashkar-e-Islam"), state forces by their description ("paramilitary Rangers"). One actor, the
    named one, where the description stands."""
    out = []
    skip = -1
    for i, m in enumerate(found):
        if i == skip:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        gap = sentence[m.end:nxt.start] if nxt is not None else ""
        if nxt is not None and (
                (m.kind == "unidentified" and nxt.kind in ("rebel", "militia") and 0 < len(gap) < 40
                 and _SAME_SIDE.fullmatch(gap) and not gap.isspace())
                or (m.kind == nxt.kind == "state" and m.entry.generic and not nxt.entry.generic
                    and 0 < len(gap) <= 2 and gap.isspace())):
            out.append(type(nxt)(nxt.entry, m.start, nxt.end, sentence[m.start:nxt.end]))
            skip = i + 1
            continue
        out.append(m)
    return out


def assign_actors(sentence: str, cls: Classification, actors: object, *, country: str | None = None,
                  when: object = None, document_text: str = "") -> Assignment:
    """Initiator and target of the event a sentence reports.

    The initiator is the first armed actor named before the trigger (or after "by"); the target is the
    first actor named after the trigger or after a targeting word ("on", "at", "killing").
    """
    trigger = cls.start if cls.start >= 0 else len(sentence)
    found = [m for m in actors.find(sentence)  # type: ignore[attr-defined]
             if (not _SPEAKER_AFTER.match(sentence, m.end) or _SELF_REPORT.match(sentence, m.end, trigger))
             and not _SPEAKER_BEFORE.search(sentence, 0, m.start)
             and not (m.start > trigger and _SOURCE_TAIL.search(sentence, 0, m.start)
                      and _TAIL_END.match(sentence, m.end))]
    if country is None:
        country = next((m.entry.country for m in found if m.entry.country and m.entry.country != "*"), None)
    found = _off_duty(sentence, found, actors)
    # "the al-Qaeda-linked JNIM": the first name only describes the second
    found = [m for m in found if not _LINKED_AFTER.match(sentence, m.end)
             and not _PLACE_OWNER_AFTER.match(sentence, m.end)]
    found = _named_members(sentence, found)
    agents: list = []
    targets: list = []
    named_by = 0  # agents named after "by" come first, in the order told
    for m in found:
        members_of = _MEMBERS_OF.search(sentence, max(0, m.start - 60), m.start) if m.kind in _ATTACKER_KINDS \
            else None
        if _AGENT_BEFORE.search(sentence, max(0, m.start - 40), m.start) or getattr(m, "fired", False):
            agents.insert(named_by, m)
            named_by += 1
        elif m.start > trigger and m.kind in _ATTACKER_KINDS and _ACTS_AFTER.search(sentence, max(0, m.start - 12),
                                                                                    m.start) \
                and _ACTIVE_AFTER.match(sentence, m.end):
            # "militants were killed when troops raided their hideout": the raiders act in their own clause
            agents.append(m)
        elif members_of and not _TARGET_BEFORE.search(sentence, max(0, members_of.start() - 60), members_of.start()):
            agents.append(m)
        elif (_TARGET_BEFORE.search(sentence, max(0, m.start - 60), m.start) or m.start > trigger
              or _PASSIVE_VICTIM.match(sentence, m.end)):
            targets.append(m)
        else:
            agents.append(m)

    def name(m: object) -> str:
        if isinstance(m, _StateMatch):
            return m.entry.name  # type: ignore[attr-defined]
        return _resolve(m, actors, country, when, document_text)

    if cls.event_type == PROTESTS:
        side = next((m for m in found if m.kind == "state"), None)
        protesters = f"Protesters ({country or 'Unknown'})"
        if side is not None and cls.sub_event_type == "Excessive force against protesters":
            # the force that fired on the crowd is the side that acted
            return Assignment(name(side), protesters, side.kind, "protesters")
        return Assignment(protesters, name(side) if side else None, "protesters", side.kind if side else None)
    if cls.event_type == RIOTS:
        side = next((m for m in targets if m.kind != "rioters"), None)
        return Assignment(f"Rioters ({country or 'Unknown'})", name(side) if side else None, "rioters",
                          side.kind if side else None)
    if cls.event_type == STRATEGIC and cls.sub_event_type != "Looting/property destruction":
        # (damage is done by someone to something: its sides are read as those of an attack, below)
        first_kinds = ("state", "government") if cls.sub_event_type == "Arrests" else (
            # territory handed over: the side that takes it initiates
            ("rebel", "militia") if cls.sub_event_type == "Non-violent transfer of territory" else (
                "government", "state", "rebel", "militia"))
        if cls.sub_event_type == "Agreement":
            agents = [m for m in agents if not _MEDIATOR_BEFORE.search(sentence, max(0, m.start - 60), m.start)]
        a1 = next((m for m in agents + targets if m.kind in first_kinds), None)
        if cls.sub_event_type == "Other" and (a1 is None or a1.kind == "state"):
            # a crossing closed or reopened: by a government, named as the subject of the act
            gov = _acting_government(sentence, trigger, actors, when)
            if gov is not None:
                return Assignment(gov, None, "government", None)
        rest = [m for m in agents + targets if m is not a1 and (a1 is None or name(m) != name(a1))]
        a2 = next((m for m in rest if m.kind not in {"civilians"} or cls.sub_event_type == "Arrests"), None)
        if cls.sub_event_type == "Agreement" and (pair := _agreeing_governments(sentence, actors)) is not None \
                and (a1 is None or a1.kind == "state" or name(a1) in pair):
            return Assignment(pair[0], pair[1], "government", "government")
        party = _party_state(sentence, actors) if cls.sub_event_type == "Agreement" else None
        if party is not None and (a1 is None or party != name(a1)):
            # "called off its ceasefire with Pakistan": the state named as the other party is its government
            return Assignment(name(a1) if a1 else None, party, a1.kind if a1 else None, "government")
        return Assignment(name(a1) if a1 else None, name(a2) if a2 else None,
                          a1.kind if a1 else None, a2.kind if a2 else None)
    a1 = next((m for m in agents if m.kind in _ATTACKER_KINDS), None)
    if a1 is not None and a1.kind == "unidentified":
        # "unidentified militants (suspected BLA)": the named group is the better reading
        named = next((m for m in found if m.kind == "rebel" and 0 <= m.start - a1.end < 40
                      and _SAME_SIDE.fullmatch(sentence, a1.end, m.start)), None)
        if named is None:
            named = next((m for m in agents if m.kind == "rebel" and 0 <= m.start - a1.end < 60), None)
        if named is not None:
            targets = [m for m in targets if m is not named and m is not a1]
            a1 = named
    if a1 is None or a1.kind == "unidentified":
        # "Pakistan conducted airstrikes", "Iran hit targets": a state named as the one who struck
        state = _state_subject(sentence, trigger, actors)
        if state is not None:
            a1 = state
            targets = [m for m in targets if m.kind != "unidentified"]
    if a1 is None:
        a1 = next((m for m in targets if m.kind in {"rebel", "unidentified"}
                   and not _TARGET_BEFORE.search(sentence, max(0, m.start - 60), m.start)), None)
    a1_name = name(a1) if a1 else None
    if a1 is not None and a1.kind in {"rebel", "unidentified"}:
        # "militants" next to a named group are that group, not its target
        targets = [m for m in targets if m.kind != "unidentified"]
    # victims named inside an "including ..." aside are a subset of the main target
    targets.sort(key=lambda m: bool(re.search(r"\bincluding\s+(?:[\w'’-]+\s+){0,3}$",
                                               sentence[max(0, m.start - 40):m.start], re.IGNORECASE)))
    a2 = next((m for m in targets if m is not a1 and name(m) != a1_name), None)
    if cls.event_type == BATTLES and a1 is not None and a1.kind == "state" and a2 is not None \
            and a2.kind == "civilians":
        # forces fight armed men: "ended the siege of a passenger train after gunmen had seized it" names the
        # passengers first, and the gunmen are the other side
        a2 = next((m for m in targets if m.kind in _ATTACKER_KINDS and m.kind != "state" and name(m) != a1_name),
                  a2)
    if cls.event_type == BATTLES and (pair := _state_pair(sentence, actors)) is not None:
        # two states' forces named together fought each other; a side already read as the initiator stays so
        first, second = pair
        if a1 is not None and a1.kind == "state" and getattr(a1, "entry", None) is second:
            first, second = second, first
        if a1 is None or a1.kind in {"state", "unidentified"}:
            return Assignment(first.name, second.name, "state", "state")  # type: ignore[attr-defined]
    if a2 is None and cls.event_type == BATTLES:
        a2 = next((m for m in agents if m is not a1 and name(m) != a1_name and m.kind in _ATTACKER_KINDS
                   and m.kind != (a1.kind if a1 else None)), None)
    return Assignment(a1_name, name(a2) if a2 else None, a1.kind if a1 else None, a2.kind if a2 else None)
