"""Which sentences of a report tell which event: the grouping step of the rule extractor.

Sentences are read in order. An event sentence opens a new event or joins the one being told, by its
day, its place, its kind and the words that point back ("the attack"); a follow-up sentence (a toll, a
claim) joins the event before it; commentary and history are left out. A second clause that tells violence
at another place ("jets bombed Kandahar while rebels fired rockets at Quetta") is a second event.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sitrep.domain import Place
from sitrep.extract.classify import (
    Classification,
    classify,
    classify_strategic,
    is_hypothetical,
    is_narrative,
    is_statistic,
    mask_background,
    mask_reason,
    told_as_reason,
)
from sitrep.extract.cues import (
    ACROSS,
    AFTER_EVENT,
    ANAPHORA,
    CORRECTION_NOTE,
    RELATED,
    SAME_DAY_LATER,
    SEPARATE,
    SEPARATE_SAME_KIND,
    claimed_together,
    same_scene,
)
from sitrep.extract.dates import DateMatch, event_date
from sitrep.extract.numbers import Figures, sentence_figures
from sitrep.extract.sentences import Sentence
from sitrep.extract.stems import guarded
from sitrep.knowledge.taxonomy import EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VIOLENCE_AGAINST_CIVILIANS

logger = logging.getLogger(__name__)

MAX_EVENT_SENTENCES = 300
HISTORY_DAYS = 60
FAR_SENTENCES = 4  # sentences after an event beyond which only its day ties a sentence to it


@dataclass(slots=True)
class Group:
    """Sentences that report one event."""

    primary: int
    cls: Classification
    members: list[int] = field(default_factory=list)
    date: DateMatch | None = None
    place_src: int | None = None  # the sentence whose place is the group's (once ``joined`` is weighed)
    joined: list[int] = field(default_factory=list)  # sentences that joined since, not yet weighed for their place
    noted: bool = False  # opened by a correction note, not yet by a sentence that tells the event
    shared: list[int] = field(default_factory=list)  # claims made for this event and others together

    def clause(self, cls: Classification) -> Group:
        """The event of another clause of this group's sentence, on its day."""
        return Group(primary=self.primary, cls=cls, members=[self.primary], date=self.date, place_src=self.primary)


def below_country(place: Place | None) -> bool:
    return place is not None and place.kind != "country" and place.admin1 is not None


def apart(a: Place | None, b: Place | None, strict: bool) -> bool:
    """Two named places that cannot be one scene."""
    return a is not None and b is not None and not same_scene(a, b, strict=strict)


@lru_cache(maxsize=4096)
def own_figures(sentence: str) -> Figures:
    """The figures a sentence gives for its own event: an earlier event's toll ("the strikes came days after
    16 soldiers were killed", "after an attack killed seven") is left out."""
    return sentence_figures(AFTER_EVENT.sub(lambda m: " " * len(m.group()), mask_background(sentence, negated=False)))


# a second clause with a subject of its own: "..., as the Taliban were deploying drones" ("while he was
# walking" tells the same event)
OTHER_CLAUSE = guarded(r",?\s+(?:as|while|whereas)\s+(?!(?:he|she|they|it|we|i|his|her|their|its)\b)(?:the\s+)?"
                       r"(?:[\w'’-]+\s+){0,3}?"
                       r"(?:were|was|had|have|has|are|is)\s+\w+ing\b")


def own_clause(sentence: str, trigger_end: int) -> str | None:
    """The sentence up to a second clause that follows the trigger, or None when there is none."""
    if trigger_end < 0:
        return None
    m = OTHER_CLAUSE.search(sentence, trigger_end)
    return sentence[:m.start()] if m else None


def other_day(text: str, pub: date | None, day: DateMatch | None) -> bool:
    """Whether a sentence is dated to another day than the event's ("... at Kabul airport last August")."""
    own = event_date([text], pub)
    if own is None or day is None:
        return False
    # a day close to the event's may correct it ("the camp, established on Thursday"); a month or a distant
    # day is another occasion
    return (own.precision in {"month", "year"} and own.value != day.value) or abs((own.value - day.value).days) > 7


def dating_text(text: str, cls: Classification) -> str:
    """The words that date a sentence's event: a development's reason ("after clashes erupted overnight") is
    another event, with its own day."""
    if cls.event_type == STRATEGIC:
        return mask_reason(text)
    return told_as_reason(text, cls) or text


# "killed civilians and attacked military posts": a second act of the same side, told in the same clause
AND_ACT = re.compile(r",?\s+and\s+(?:then\s+|also\s+|later\s+)?(?=(?:attacked|stormed|raided|ambushed|shelled|"
                     r"struck|targeted|fired\s+(?:on|at|upon))\b)", re.IGNORECASE)
# "..., and Pakistani authorities closed the border": a development by a subject of its own
AND_DEVELOPMENT = re.compile(r",?\s+and\s+(?=(?:[\w'’-]+\s+){1,3}?(?:closed|shut|sealed|reopened|re-opened|"
                             r"suspended|agreed)\b)", re.IGNORECASE)
_ACT_VERB = re.compile(r"\b(?:killed|shot|abducted|kidnapped|injured|wounded|attacked|stormed|raided|ambushed|"
                       r"shelled|struck|targeted|fired|bombed|torched|burned|destroyed|seized|captured)\b",
                       re.IGNORECASE)


def _subject_end(text: str, before: int) -> int:
    """Where the first act's verb starts: the words before it are the subject both acts share."""
    verb = _ACT_VERB.search(text, 0, before)
    return verb.start() if verb else before


def _blank_span(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


# the attackers of the event just told, going on: "They also torched ...", "... before fleeing"
AFTERMATH = re.compile(r"^\W*(?:they|the\s+(?:attackers|assailants|militants|gunmen|insurgents))\s+"
                       r"(?:also|then|later)\b|"
                       r"\b(?:afterwards|before\s+(?:fleeing|escaping|leaving))\b", re.IGNORECASE)
# "another attack", "a second blast": the sentence tells a new event even when its kind and day are the same
ANOTHER = re.compile(r"\b(?:another|second|third|separate|other)\b", re.IGNORECASE)
# "the Pakistani airstrikes", "these raids": a determiner that points back to an event already told
DEFINITE = re.compile(r"\b(?:the|these|those|this|that|\w+['’]s)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
# "another roadside bomb killed ...": an event like the one before, not more of it
ANOTHER_EVENT = guarded(r"\banother\s+(?:[\w-]+\s+){0,2}?(?:attack|bomb|blast|explosion|strike|air\s*strike|"
                        r"raid|ambush|clash|shooting|suicide|kidnapping|abduction|grenade|mine|IED)\w*",
                        re.IGNORECASE)


def is_town(place: Place | None) -> bool:
    return place is not None and place.geo_precision == 1


def as_day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


# The kinds of event a noun that points back ("the strikes", "this blast") can name.
BOMBINGS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})
_KIND_NOUNS = (
    (re.compile(r"\b(?:the|these|those|this|that)\s+(?:[\w-]+\s+)?(?:air\s*strikes?|airstrikes?|air\s+raids?)\b",
                re.IGNORECASE), frozenset({"Air/drone strike"})),
    (re.compile(r"\b(?:the|these|those|this|that)\s+(?:[\w-]+\s+)?strikes?\b", re.IGNORECASE),
     frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})),
    (re.compile(r"\b(?:the|these|those|this|that)\s+(?:[\w-]+\s+)?(?:blasts?|explosions?|bombings?)\b",
                re.IGNORECASE), BOMBINGS),
    (re.compile(r"\b(?:the|these|those|this|that)\s+(?:[\w-]+\s+)?(?:kidnappings?|abductions?)\b", re.IGNORECASE),
     frozenset({"Abduction/forced disappearance"})),
)


# explosive means carried to the target by the attackers themselves
BY_HAND = frozenset({"Suicide bomb", "Grenade", "Remote explosive/landmine/IED"})


def is_generic_attack(cls: Classification) -> bool:
    """An attack told without its means ("attacked", "struck"), which the next sentence may tell."""
    return cls.event_type == VIOLENCE_AGAINST_CIVILIANS and cls.sub_event_type == "Attack"


# words that tell that something exploded, not how it was brought there
_BLAST_WORDS = re.compile(r"(?:blasts?|explosions?|exploded|detonated|went\s+off|bombings?|bombed|blew\s+up|"
                          r"blown\s+up|explosives)", re.IGNORECASE)


def is_generic_blast(cls: Classification) -> bool:
    """A bombing told only as a blast, which a later sentence may tell was a suicide bombing."""
    return cls.sub_event_type == "Remote explosive/landmine/IED" and bool(_BLAST_WORDS.fullmatch(cls.trigger))


def _named_kinds(text: str) -> frozenset[str] | None:
    """The event kinds the first noun pointing back to an event names, or None."""
    for rx, kinds in _KIND_NOUNS:
        if rx.search(text):
            return kinds
    return None


class SentenceGrouper:
    """Groups a report's sentences into events; geocodes a sentence only when a decision needs its place."""

    def __init__(self, geocoder: Any | None = None) -> None:
        self.geocoder = geocoder

    def second_clause(self, sentences: list[Sentence], group: Group) -> tuple[Sentence, Group] | None:
        """The clause after "as"/"while" that tells a second act of violence at another place, as a group."""
        if self.geocoder is None:
            return None
        primary = sentences[group.primary]
        own = own_clause(primary.text, group.cls.end)
        if own is None:
            return None
        rest = primary.text[len(own):]
        lead = len(rest) - len(rest.lstrip(", "))
        told = Sentence(rest[lead:], primary.start + len(own) + lead, primary.end)
        cls = classify(told.text)
        if cls is None or cls.event_type == STRATEGIC or is_hypothetical(told.text, cls.start) \
                or is_statistic(told.text):
            return None
        here, there = self.place_key(own), self.place_key(told.text)
        if not (below_country(there) and apart(here, there, False)):
            return None
        return told, group.clause(cls)

    def coordinated_act(self, sentences: list[Sentence], group: Group) -> tuple[Sentence, Sentence, Group] | None:
        """Two acts of one side joined by "and" ("killed civilians and attacked military posts"): the sentence
        with only the trigger's act left, the sentence with only the other act left, and the other act's group.
        The caller keeps them apart only when they code as two kinds of event against two sides."""
        primary = sentences[group.primary]
        start, end, whole = group.cls.start, group.cls.end, primary.text
        if end < 0:
            return None
        found = AND_ACT.search(whole, end, end + 80)
        if found is not None:  # the trigger's act comes first
            other = whole[:start] + " " * (found.end() - start) + whole[found.end():]
            own = whole[:found.start()] + " " * (len(whole) - found.start())
        else:  # the trigger is the act after "and"
            found = AND_ACT.search(whole, max(0, start - 12))
            if found is None or found.end() != start:
                return None
            other = whole[:found.start()] + " " * (end - found.start()) + whole[end:]
            own = _blank_span(whole, _subject_end(whole, found.start()), found.end())
        cls = classify(other)
        if cls is None or cls.event_type == STRATEGIC or is_hypothetical(other, cls.start) \
                or cls.sub_event_type == group.cls.sub_event_type:
            return None
        return Sentence(own, primary.start, primary.end), Sentence(other, primary.start, primary.end), group.clause(cls)

    def development_act(self, sentences: list[Sentence], group: Group) -> tuple[Sentence, Sentence, Group] | None:
        """A development that another subject carried out, told after the violence with "and" ("... exchanged
        fire at the crossing, and the authorities closed the trade route"): the sentence with only the violence
        left, the sentence with only the development left, and the development's group."""
        primary = sentences[group.primary]
        whole, end = primary.text, group.cls.end
        if end < 0 or group.cls.event_type == STRATEGIC:
            return None
        found = AND_DEVELOPMENT.search(whole, end)
        if found is None:
            return None
        told = " " * found.end() + whole[found.end():]
        cls = classify_strategic(told)
        if cls is None or cls.sub_event_type not in {"Other", "Agreement"} or is_hypothetical(told, cls.start):
            return None
        own = whole[:found.start()] + " " * (len(whole) - found.start())
        return Sentence(own, primary.start, primary.end), Sentence(told, primary.start, primary.end), group.clause(cls)

    def group(self, sentences: list[Sentence], ref: date | datetime | None, *,
               headlines: bool = False) -> list[Group]:
        groups: list[Group] = []
        current: Group | None = None
        seen_events = 0
        pub = as_day(ref)
        places: dict[int, Place | None] = {}

        def place_at(k: int | None) -> Place | None:
            # geocoding a sentence is the dearest step here: done only when a decision needs the place
            if k is None:
                return None
            if k not in places:
                # the place of the sentence's own event: a clause about an earlier one names another scene
                places[k] = self.place_key(mask_background(sentences[k].text, negated=False))
            return places[k]

        def source(g: Group) -> int | None:
            # a sentence that joins a group takes over the group's place when it names a more precise one; that
            # is weighed only when the group's place is asked for, as most groups' places never are
            for k in g.joined:
                here, there = place_at(k), place_at(g.place_src)
                if here is not None and (there is None or here.geo_precision < there.geo_precision):
                    g.place_src = k
            g.joined.clear()
            return g.place_src

        for i, s in enumerate(sentences):
            cls = classify(s.text)
            second = OTHER_CLAUSE.search(s.text) if cls is not None else None
            if second is not None and cls.start > second.start():
                # the main clause tells the event; a second clause ("while rebels were firing rockets") may
                # tell another (see _second_clause), not the kind of this one
                cls = classify(s.text[:second.start()]) or cls
            note = CORRECTION_NOTE.search(s.text)
            # "an earlier version of this report said 12 people were killed" tells of the event only through
            # the report: it opens the event, and the next sentence that tells the event itself leads it
            noted = cls is not None and note is not None and note.start() < cls.start < note.end()
            if cls is not None and (is_hypothetical(s.text, cls.start) or is_statistic(s.text)):
                # threatened violence; the sentence may still report a development ("ended the ceasefire")
                cls = None if is_statistic(s.text) else classify_strategic(s.text)
                if cls is not None and is_hypothetical(s.text, cls.start):
                    cls = None
            if cls is None:
                # a count over a period ("seven incidents since late 2024, the deadliest of which killed 11")
                # gives no figure of the event told
                if current is not None and i - current.members[-1] <= 3 and self.supports(s.text) \
                        and not other_day(s.text, pub, current.date) and not is_statistic(s.text):
                    current.members.append(i)
                continue
            together = claimed_together(s.text) if cls is not None else 0
            if 2 <= together <= len(groups):
                # "ISKP claimed both bombings": the claim of each event told, not an event of its own
                for g in groups[-together:]:
                    g.shared.append(i)
                continue
            if current is not None and (ACROSS.search(s.text) or RELATED.search(s.text)):
                # "planted across all three attacks": a summary of the related attacks, not a new one
                current.members.append(i)
                continue
            seen_events += 1
            if seen_events > MAX_EVENT_SENTENCES:
                break
            day = event_date([dating_text(s.text, cls)], pub)
            if day is None and current is not None and SAME_DAY_LATER.search(s.text):
                day = current.date  # "Hours later, ...": a new event on the day of the one just told
            if day is not None and pub is not None and (pub - day.value).days > HISTORY_DAYS:
                continue  # history, not news
            # a sentence dated to a day, a week or a month ("last month, Pakistan conducted airstrikes") tells
            # of one occasion; "since March" or a year does not
            dated = day is not None and day.precision in {"day", "week", "month"} \
                and not re.match(r"(?:since|until|by|from)\b", day.text, re.IGNORECASE)
            if not dated and own_figures(s.text).empty and not ANAPHORA.search(s.text) \
                    and is_narrative(s.text, cls, placed=below_country(place_at(i))):
                # commentary on violence in general (no day, no toll, no named incident) may still
                # report a development; otherwise it is not an event
                cls = classify_strategic(s.text)
                if cls is None:
                    if current is not None and i - current.members[-1] <= 1 and self.supports(s.text) \
                            and not other_day(s.text, pub, current.date):
                        current.members.append(i)
                    continue
                day = event_date([dating_text(s.text, cls)], pub)
            if current is not None and current.noted and not SEPARATE.search(s.text):
                current.members.append(i)
                current.primary, current.cls, current.noted = i, cls, noted
                current.date = current.date or day
                src = source(current)
                current.place_src = i if src is None or place_at(src) is None else src
                continue
            if current is not None and cls.sub_event_type == "Looting/property destruction" \
                    and current.cls.event_type != STRATEGIC and i - current.members[-1] <= 1 \
                    and AFTERMATH.search(s.text) and own_figures(s.text).empty \
                    and (day is None or current.date is None or day.value == current.date.value):
                # "They also set fire to a tower afterwards": damage done by the attackers during the attack
                # is a part of it, not an event of its own
                continue
            new = (
                current is None
                or bool(SEPARATE.search(s.text))
                or bool(ANOTHER_EVENT.search(s.text, 0, cls.end))
                or (day is not None and current.date is not None and day.value != current.date.value)
                # an undated lead followed by a dated sentence of another kind: two events
                or (day is not None and day.precision == "day" and current.date is None
                    and cls.sub_event_type != current.cls.sub_event_type and not ANAPHORA.search(s.text))
                or (not ANAPHORA.search(s.text) and apart(place_at(i), place_at(source(current)), headlines))
                # a violent event may follow a development (a truce broken), not the other way round:
                # arrests or damage after an attack are told as its aftermath
                or (current.cls.event_type == STRATEGIC and cls.event_type != STRATEGIC
                    and not ANAPHORA.search(s.text))
                # violence of another kind in a named town, after an event placed no closer than a country: an
                # event of its own ("fighting broke out on the frontier ... jets were dropping bombs on Kabul")
                or (current.cls.sub_event_type != cls.sub_event_type and not ANAPHORA.search(s.text)
                    and is_town(place_at(i)) and not is_town(place_at(source(current))))
                # in a list of headlines, each headline that gives a toll is its own report
                or (headlines and not own_figures(s.text).empty)
                # a protest over an attack (a sit-in with the bodies) is an event of its own
                or (cls.event_type == PROTESTS and current.cls.event_type not in {PROTESTS, RIOTS})
                # a crossing closed or a deal struck after a clash is a development of its own
                or (cls.event_type == STRATEGIC and cls.sub_event_type in {"Other", "Agreement"}
                    and current.cls.event_type != STRATEGIC)
            )
            if not new and current is not None and i - current.members[-1] > 2 and day is None \
                    and not ANAPHORA.search(s.text) and own_figures(s.text).empty:
                # an undated event sentence paragraphs after the event, with no toll and no word pointing
                # back: commentary on violence in general, which must not lend the event its place
                continue
            if not new and current is not None and i - current.members[-1] > FAR_SENTENCES and not (
                    day is not None and current.date is not None and day.value == current.date.value):
                # many sentences on, a word like "the fighting" no longer points back to the event: a sentence
                # that names its own scene or toll tells another event, any other is commentary
                if not (below_country(place_at(i)) or not own_figures(s.text).empty):
                    continue
                new = True
            earlier = None
            if new and day is not None and ANAPHORA.search(s.text) and not SEPARATE.search(s.text):
                # "The reopening followed an agreement reached on Saturday": back to the event of that day
                earlier = next((g for g in reversed(groups) if g.date is not None and g.date.value == day.value
                                and g is not current), None)
            if new and earlier is None and day is not None and day.precision == "day" and not headlines \
                    and not SEPARATE.search(s.text) and not ANOTHER.search(s.text):
                # the story comes back to an event it told before: the same kind on the same day, at a place
                # that can be the same scene ("fighting erupted again on Wednesday near the crossings")
                earlier = next((g for g in reversed(groups) if g is not current and g.date is not None
                                and g.date.precision == "day" and g.date.value == day.value
                                and g.cls.sub_event_type == cls.sub_event_type
                                and not apart(place_at(i), place_at(source(g)), False)), None)
            kinds = _named_kinds(s.text) if not new and current is not None else None
            if kinds and current is not None and current.cls.sub_event_type not in kinds:
                # "the strikes killed eight" after a paragraph on the bombing that provoked them: back to the
                # event of that kind the story told before
                earlier = next((g for g in reversed(groups) if g is not current and g.cls.sub_event_type in kinds),
                               None)
            same_kind = SEPARATE_SAME_KIND.search(s.text)
            if new and same_kind and current is not None and cls.event_type == VIOLENCE_AGAINST_CIVILIANS \
                    and cls.sub_event_type == "Attack" and current.cls.event_type == EXPLOSIONS:
                cls = current.cls  # only the toll is told; the kind is the previous strike's
            if new and earlier is None:
                current = Group(primary=i, cls=cls, members=[i], date=day, place_src=i, noted=noted)
                groups.append(current)
            else:
                target = earlier or current
                assert target is not None
                target.members.append(i)
                target.date = target.date or day
                target.joined.append(i)
                if target.cls.event_type == STRATEGIC and target.cls.sub_event_type == "Other" \
                        and cls.sub_event_type == "Agreement":
                    target.cls = cls  # a crossing reopened under a deal: the deal is the development
                elif (target is current and i - target.members[-2] == 1 and is_generic_attack(target.cls)
                      and cls.sub_event_type in BY_HAND) \
                        or (is_generic_blast(target.cls) and cls.sub_event_type == "Suicide bomb"):
                    # "two attackers struck a mosque. ... the other detonated his vest", "an explosion inside the
                    # mosque ... a suicide bomber was standing in the front rows": a later sentence tells how the
                    # attack was carried out, and the means is its kind (the trigger stays the primary's words)
                    target.cls = target.cls.replace(cls.event_type, cls.sub_event_type)
        return self._fold_undated(groups, sentences, lambda g: place_at(source(g)))

    def _fold_undated(self, groups: list[Group], sentences: list[Sentence], place_of: Any) -> list[Group]:
        """An undated, untolled mention ("abducted Americans in Haiti" in a teaser) of an event that the story
        tells later with its day, of the same kind and in a country the mention names, is that event."""
        if self.geocoder is None or len(groups) < 2:
            return groups
        kept = []
        for k, g in enumerate(groups):
            if g.date is None and not g.noted and all(own_figures(sentences[i].text).empty for i in g.members):
                told = " ".join(sentences[i].text for i in g.members)
                named = {self.geocoder.gaz.country_name(cc) for cc in self.geocoder.countries_named(told)}
                later = next((h for h in groups[k + 1:] if h.date is not None
                              and h.cls.sub_event_type == g.cls.sub_event_type
                              and (there := place_of(h)) is not None and there.country in named), None)
                if later is not None:
                    later.members = sorted(set(later.members) | set(g.members))
                    continue
            kept.append(g)
        return kept

    def supports(self, sentence: str) -> bool:
        """A follow-up sentence: casualty figures, a claim, a denial or an attribution."""
        low = sentence.lower()
        return bool(re.search(r"\b(?:killed|dead\b(?!\s+(?:broke|end|set|heat))|died|deaths?\b|fatalit|injured|"
                              r"wounded|hurt|casualt|responsib|denied|attribut|blamed|martyred|toll|took\s+place|happened|occurred|established\s+on|"
                              r"carried\s+out\s+on)", low))

    def place_key(self, sentence: str) -> Place | None:
        """The place a sentence names, as the geocoder reads it alone."""
        if self.geocoder is None:
            return None
        try:
            match = self.geocoder.locate(sentence)
        except Exception:  # a failing geocoder must not fail extraction
            logger.exception("geocoder failed")
            return None
        return match.place if match is not None else None

