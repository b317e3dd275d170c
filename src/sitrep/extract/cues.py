"""Cues that decide which sentences of a report tell the same event: separation words, anaphora, related
attacks that share one toll, correction notes, and whether two named places are one scene.
"""

from __future__ import annotations

import re

from sitrep.domain import Place, distance_km
from sitrep.extract.numbers import Figures, parse_number, sentence_figures
from sitrep.extract.stems import guarded

SAME_SCENE_KM = 15.0  # two named places this close are one scene (a village and the town next to it)

_LATER_THAT_DAY = (r"(?:hours|minutes)\s+later|later\s+(?:that|the\s+same)\s+(?:day|night|evening|afternoon|"
                   r"morning)")
# "Hours later, ...", "Later that day, ...": a new event on the day of the one before
SAME_DAY_LATER = re.compile(r"^\W*(?:" + _LATER_THAT_DAY + r")\b", re.IGNORECASE)
SEPARATE = re.compile(r"^\W*(?:in\s+(?:a|another)\s+(?:separate|similar|different)\s+\w+|separately|"
                      r"in\s+another\s+(?:incident|attack)|elsewhere|meanwhile|in\s+a\s+separate|"
                      + _LATER_THAT_DAY + r")\b", re.IGNORECASE)
# "In a separate strike, ...": the new event is of the same kind as the one before
SEPARATE_SAME_KIND = re.compile(r"^\W*in\s+(?:a|another)\s+(?:separate|similar)\s+(?P<noun>strike|air\s*strike|"
                                 r"drone\s+strike|raid|bombing|blast|explosion|attack|ambush|clash)\b", re.IGNORECASE)
ANAPHORA = re.compile(r"\b(?:the|this|that)\s+(?:attack|blast|explosion|incident|bombing|assault|ambush|clash|"
                       r"encounter|strike|shooting|firing|raid|operation|victims|injured|dead|deceased|bodies|"
                       r"kidnapping|abduction|killings?|murders?|assassination|massacre|shelling|strikes|raids|"
                       r"reopening|closure|protesters|demonstrators|crowd|mob|fighting|clashes|exchanges|"
                       r"attackers|assailants|bomber|assailant|attacker|hostages|suspects?|perpetrators?)\b|"
                       r"\bresponsibility\b|\b(?:this|it|the\s+\w+)\s+was\s+(?:one|part)\s+of\b", re.IGNORECASE)


# "This was one of three related attacks ... six were killed across the attacks": the report codes each
# attack as its own event and gives one total for all of them, which is shared equally (docs/coding.md).
RELATED = re.compile(r"\bone\s+of\s+(?:at\s+least\s+)?(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                      r"(?:[\w-]+\s+){0,2}?(?:attacks|incidents|bombings|blasts|assaults|explosions|clashes|"
                      r"ambushes|strikes|shootings)\b", re.IGNORECASE)
ACROSS = guarded(r"\b(?:across|in|during)\s+(?:both|all|the|these|the\s+(?:two|three|four|five|six|seven|eight|"
                 r"nine|ten|\d{1,2}))\s+(?:[\w-]+\s+)?(?:attacks|incidents|bombings|blasts|assaults|explosions|"
                 r"clashes|ambushes|strikes|shootings)\b", re.IGNORECASE)
# "claimed both bombings", "denied any role in the three attacks": one claim (or denial) for the events the
# report has told, which it names together
CLAIMED_TOGETHER = guarded(r"\b(?:claimed(?:\s+responsibility\s+for)?|responsibility\s+for|blamed\s+[\w\s-]{0,40}?"
                           r"\bfor|denied\s+(?:any\s+)?(?:involvement|role|part)\s+in|behind)\s+(?P<n>both|either|all\s+"
                           r"(?:two|three|four|five|\d)|the\s+(?:two|three|four|five|\d))\s+(?:[\w-]+\s+)?(?:attacks|"
                           r"bombings|blasts|assaults|explosions|ambushes|strikes|shootings|killings|kidnappings)\b",
                           re.IGNORECASE)


def claimed_together(text: str) -> int:
    """How many events told before a sentence's claim covers ("claimed both bombings": 2), or 0."""
    m = CLAIMED_TOGETHER.search(text)
    if m is None:
        return 0
    word = m.group("n").lower().split()[-1]
    return 2 if word in {"both", "either"} else parse_number(word) or 0


CLAUSES = re.compile(r",?\s+(?:while|whereas)\s+|;\s*|\.\s+(?:Additionally|In\s+addition),?\s+")


def related_attacks(text: str) -> int:
    m = RELATED.search(text[:3000])
    if m is None:
        return 2 if re.search(r"\bacross\s+both\b", text[:3000], re.IGNORECASE) else 1
    return parse_number(m.group("n")) or 1


def _share(value: int | None, n: int) -> int | None:
    return None if value is None else int(value / n + 0.5)


def shared_figures(sentence: str, n: int) -> Figures:
    """The figures of a sentence whose totals cover ``n`` attacks, one attack's share each."""
    parts = []
    for clause in CLAUSES.split(sentence):
        f = sentence_figures(clause)
        if ACROSS.search(clause):
            f = Figures(killed=_share(f.killed, n), killed_low=_share(f.killed_low, n),
                        killed_high=_share(f.killed_high, n), attackers_killed=_share(f.attackers_killed, n),
                        wounded=_share(f.wounded, n), missing=_share(f.missing, n), zero_killed=f.zero_killed,
                        zero_wounded=f.zero_wounded, also=f.also, update=f.update)
        parts.append(f)
    def add(a: int | None, b: int | None) -> int | None:
        return b if a is None else a if b is None else a + b
    out = Figures()
    for f in parts:
        out = Figures(killed=add(out.killed, f.killed), attackers_killed=add(out.attackers_killed, f.attackers_killed),
                      wounded=add(out.wounded, f.wounded), missing=add(out.missing, f.missing),
                      zero_killed=out.zero_killed or f.zero_killed, zero_wounded=out.zero_wounded or f.zero_wounded,
                      also=out.also or f.also, update=out.update or f.update)
    return out




EARLIER_VERSION = guarded(r"\b(?:an?\s+)?(?:earlier|previous)\s+version\s+of\s+this\s+(?:article|report|story)\s+"
                          r"(?:said|stated|reported|wrongly\s+said|incorrectly\s+said)\s+(?:that\s+)?"
                          r"(?:the\s+)?[\w\s'’-]{0,40}?\b(?:took\s+place|happened|occurred)\b[^;.]*",
                          re.IGNORECASE)
# "launched air strikes after an attack by militants killed seven soldiers": the toll of the earlier event
AFTER_EVENT = guarded(r"\b(?:after|following)\s+(?:a|an|the|last\s+\w+['’]s|\w+['’]s)\s+(?:[\w-]+\s+){0,4}?"
                      r"(?:attack|bombing|blast|ambush|raid|assault|explosion|strikes?|clash(?:es)?)\b[^,;.]*",
                      re.IGNORECASE)
CORRECTION_NOTE = guarded(r"\b(?:an?\s+)?(?:earlier|previous)\s+version\s+of\s+this\s+(?:article|report|story)"
                          r"[^;]*", re.IGNORECASE)


def same_scene(a: Place, b: Place, *, strict: bool = False) -> bool:
    """Two places a report names for one event: the same place, one inside the other (a village and its
    province, a town and its country), or two points close enough to be one scene. ``strict`` (a list of
    headlines, each its own report) only takes the same name."""
    if strict or a.name == b.name:
        return a.name == b.name
    if a.kind == "country" or b.kind == "country":
        return True  # a country named in passing does not set a scene apart
    if a.country != b.country:
        return False
    # the wider of the two; at one precision ("Mir Ali area" and "North Waziristan" are both 2) a district is
    # wider than a town, whichever is named first
    coarse, fine = (a, b) if (a.geo_precision, a.kind == "district") >= (b.geo_precision, b.kind == "district") \
        else (b, a)
    if coarse.geo_precision >= 3 or coarse.kind in {"country", "province"}:
        return coarse.admin1 is None or coarse.admin1 == fine.admin1
    if coarse.kind == "district" and fine.admin2 == coarse.name and fine.admin1 == coarse.admin1:
        return True  # "Mokha, Mamund tehsil, Bajaur district": a place in the district named
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= SAME_SCENE_KM  # type: ignore[arg-type]



