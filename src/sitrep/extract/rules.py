"""The rule-based extractor: sentences -> event sentences -> events -> coded mentions.

No models, one core: every pattern is compiled once, dictionaries load once per process, and the
work per document is bounded (text length, sentences examined, mentions returned), so a 5 MB text
or binary junk returns quickly and never crashes a batch.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sitrep.domain import Claim, Document, Evidence, Mention, Place
from sitrep.extract import claims as cl
from sitrep.extract.base import register_extractor
from sitrep.extract.classify import (
    Classification,
    classify,
    classify_strategic,
    classify_told,
    is_hypothetical,
    is_narrative,
    is_statistic,
    mask_background,
    mask_reason,
    refine,
)
from sitrep.extract.cues import (
    ACROSS,
    AFTER_EVENT,
    ANAPHORA,
    CORRECTION_NOTE,
    EARLIER_VERSION,
    RELATED,
    SEPARATE,
    SEPARATE_SAME_KIND,
    related_attacks,
    same_scene,
    shared_figures,
)
from sitrep.extract.dates import DateMatch, dateline, event_date, gtd_prefix
from sitrep.extract.numbers import Figures, combine, parse_number, sentence_figures
from sitrep.extract.regions import region
from sitrep.extract.roles import assign_actors
from sitrep.extract.sentences import Sentence, iter_sentences
from sitrep.knowledge.actors import ActorDictionary
from sitrep.knowledge.taxonomy import BATTLES, EXPLOSIONS, STRATEGIC, VIOLENCE_AGAINST_CIVILIANS

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 1_000_000
MAX_EVENT_SENTENCES = 300
MAX_MENTIONS = 40
HISTORY_DAYS = 60
FAR_SENTENCES = 4  # sentences after an event beyond which only its day ties a sentence to it

_INJURY_WORDS = re.compile(r"\b(?:wound(?:ed|ing|s)?|injur(?:ed|ing|y|ies)|hurt|casualt(?:y|ies))\b", re.IGNORECASE)
_DEATH_WORDS = re.compile(r"\b(?:kill(?:ed|ing|s)?|dead|died|dies|deaths?(?!\s+squads?)|martyr(?:ed|dom|s)?|slain|"
                          r"fatalit(?:y|ies)|(?<!local\s)bodies|body|lives|perished|succumbed|lifeless|"
                          r"casualt(?:y|ies))\b", re.IGNORECASE)
_BOMBER_INCLUDED = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|among\s+the\s+dead\s+(?:was|were))\s+(?:the\s+|two\s+|three\s+)?"
    r"(?:suicide\s+)?(?:bombers?|attackers?|assailants?)\b|\b(?:bombers?|attackers?)\s+(?:was\s+|were\s+)?"
    r"among\s+(?:them|the\s+dead)\b|\bthe\s+bombers?\s+among\s+them\b|"
    r"\bunknown\s+number\s+of\s+(?:assailant|attacker|militant|perpetrator)s?\s+casualties\b|"
    r"\ball\s+(?:the\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+\s+)?\s*(?:attackers|assailants|militants|"
    r"terrorists)\s+(?:were\s+)?(?:killed|dead|died)", re.IGNORECASE)
_BOMBER_COUNT = re.compile(r"\b(?P<n>two|three|four|five|\d)\s+(?:suicide\s+)?(?:bombers|attackers)\s+"
                           r"(?:\w+\s+){0,2}?(?:detonated|blew|exploded)", re.IGNORECASE)


def _bombers(text: str) -> int:
    m = _BOMBER_COUNT.search(text)
    return parse_number(m.group("n")) or 1 if m else 1


def _civilian_target(event_type: str, figures: Figures) -> bool:
    if event_type == VIOLENCE_AGAINST_CIVILIANS:
        return True
    if event_type != EXPLOSIONS:
        return False
    return bool(figures.killed) or bool(figures.wounded)


# "TORKHAM - ", "QUETTA, Pakistan (Wire) - ": the place a report is filed from, in capitals
_DATELINE_PLACE = re.compile(r"\s*(?P<p>[A-Z][A-Z.' ]{2,30}?)(?:,\s*[A-Z][A-Za-z. ]{2,30}?)?(?:,\s*[A-Z][a-z]{2,9}\.?"
                             r"\s+\d{1,2})?\s*(?:\([^)]{1,30}\)\s*)?[-\u2013\u2014]+\s")
_HEADLINE_LIST = re.compile(r"[^\W\d];(?=[A-Z0-9'\"‘“])")
_LATIN_LETTERS = re.compile(r"[A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")

@dataclass(slots=True)
class _Group:
    """Sentences that report one event."""

    primary: int
    cls: Classification
    members: list[int] = field(default_factory=list)
    date: DateMatch | None = None
    place_src: int | None = None  # the sentence whose place is the group's
    noted: bool = False  # opened by a correction note, not yet by a sentence that tells the event


def _below_country(place: Place | None) -> bool:
    return place is not None and place.kind != "country" and place.admin1 is not None


def _apart(a: Place | None, b: Place | None, strict: bool) -> bool:
    """Two named places that cannot be one scene."""
    return a is not None and b is not None and not same_scene(a, b, strict=strict)


def _own_figures(sentence: str) -> Figures:
    """The figures a sentence gives for its own event: an earlier event's toll ("the strikes came days after
    16 soldiers were killed", "after an attack killed seven") is left out."""
    return sentence_figures(AFTER_EVENT.sub(lambda m: " " * len(m.group()), mask_background(sentence, negated=False)))


# a second clause with a subject of its own: "..., as the Taliban were deploying drones" ("while he was
# walking" tells the same event)
_OTHER_CLAUSE = re.compile(r",?\s+(?:as|while|whereas)\s+(?!(?:he|she|they|it|we|i|his|her|their|its)\b)(?:the\s+)?"
                           r"(?:[\w'’-]+\s+){0,3}?"
                           r"(?:were|was|had|have|has|are|is)\s+\w+ing\b")


def _own_clause(sentence: str, trigger_end: int) -> str | None:
    """The sentence up to a second clause that follows the trigger, or None when there is none."""
    if trigger_end < 0:
        return None
    m = _OTHER_CLAUSE.search(sentence, trigger_end)
    return sentence[:m.start()] if m else None


def _other_day(text: str, pub: date | None, day: DateMatch | None) -> bool:
    """Whether a sentence is dated to another day than the event's ("... at Kabul airport last August")."""
    own = event_date([text], pub)
    if own is None or day is None:
        return False
    # a day close to the event's may correct it ("the camp, established on Thursday"); a month or a distant
    # day is another occasion
    return (own.precision in {"month", "year"} and own.value != day.value) or abs((own.value - day.value).days) > 7


def _dating(text: str, cls: Classification) -> str:
    """The words that date a sentence's event: a development's reason ("after clashes erupted overnight") is
    another event, with its own day."""
    return mask_reason(text) if cls.event_type == STRATEGIC else text


# "another attack", "a second blast": the sentence tells a new event even when its kind and day are the same
_ANOTHER = re.compile(r"\b(?:another|second|third|separate|other)\b", re.IGNORECASE)
# "the Pakistani airstrikes", "these raids": a determiner that points back to an event already told
_DEFINITE = re.compile(r"\b(?:the|these|those|this|that)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
# "another roadside bomb killed ...": an event like the one before, not more of it
_ANOTHER_EVENT = re.compile(r"\banother\s+(?:[\w-]+\s+){0,2}?(?:attack|bomb|blast|explosion|strike|air\s*strike|"
                            r"raid|ambush|clash|shooting|suicide|kidnapping|abduction|grenade|mine|IED)\w*",
                            re.IGNORECASE)


def _place_fields(p: Place, precision: int) -> dict[str, Any]:
    return {"admin1": p.admin1, "admin2": p.admin2, "location": p.name, "latitude": p.latitude,
            "longitude": p.longitude, "geo_precision": precision}


def _town(place: Place | None) -> bool:
    return place is not None and place.geo_precision == 1


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


_NON_LETTERS = re.compile(r"[\W\d_]+")


def _readable(text: str) -> bool:
    """False for binary junk and for texts that are not in Latin script (Urdu, Pashto)."""
    sample = text[:5000]
    if not sample.strip():
        return False
    if len(_CONTROL.findall(sample)) > len(sample) * 0.02:
        return False
    sample = sample[:1500]
    letters = len(_NON_LETTERS.sub("", sample))
    if letters < 10:
        return False
    if sample.isascii():
        return True  # every letter is a Latin one
    latin = len(_LATIN_LETTERS.findall(sample))
    return latin >= 0.6 * letters


class RuleExtractor:
    """Rule-based extraction of ACLED-coded mentions from one document."""

    name = "rules"

    def __init__(self, geocoder: Any | None = None, actors: ActorDictionary | None = None) -> None:
        self.geocoder = geocoder
        self.actors = actors or ActorDictionary.default()

    @classmethod
    def with_default_geocoder(cls) -> RuleExtractor:
        """An extractor with the bundled gazetteer, or without geocoding when it cannot load (logged)."""
        try:
            from sitrep.extract.geocode import Geocoder

            return cls(geocoder=Geocoder.default())
        except (ImportError, OSError, ValueError) as exc:
            logger.warning("geocoding switched off: %s", exc)
            return cls(geocoder=None)

    # -- pipeline -------------------------------------------------------------------------------------

    def extract(self, doc: Document) -> list[Mention]:
        """The events ``doc`` reports, one mention each; [] for a text that reports none."""
        text = doc.text or ""
        if len(text) > MAX_TEXT_CHARS:
            logger.warning("document %s truncated from %s to %s characters", doc.doc_id, len(text), MAX_TEXT_CHARS)
            text = text[:MAX_TEXT_CHARS]
        if not _readable(text):
            return []
        sentences = list(iter_sentences(text))
        filed = dateline(text, doc.published_at)
        if filed is not None:
            # the dateline is the filing day: relative words resolve against it, and it is not itself an
            # event date, so its words are blanked where dates are read
            head = sentences[0]
            cut = min(filed.end, head.end) - head.start
            sentences[0] = Sentence(" " * cut + head.text[cut:], head.start, head.end)
        # when an earlier version of the report said it happened is not when it did: blanked, offsets kept
        sentences = [Sentence(EARLIER_VERSION.sub(lambda m: " " * len(m.group()), s.text), s.start, s.end)
                     for s in sentences]
        ref = filed.value if filed is not None else doc.published_at
        filed_from = _DATELINE_PLACE.match(text[:120])  # "TORKHAM - ": where the report was filed
        # in a list of headlines each headline is its own report
        groups = self._group(sentences, ref, headlines=bool(_HEADLINE_LIST.search(text[:2000])))
        mentions = []
        for k, group in enumerate(groups[:MAX_MENTIONS]):
            limit = groups[k + 1].primary if k + 1 < len(groups) else len(sentences)
            mention = self._mention(doc, text, sentences, group, index=len(mentions), limit=limit, ref=ref,
                                    filed=filed, filed_from=filed_from)
            if mention is None:
                continue
            mentions.append(mention)
            second = self._second_clause(sentences, group)
            if second is not None:
                # "jets bombed Kabul as Taliban units were sending drones toward Peshawar": two events, the
                # second on the first's day unless its clause names its own
                told, sub = second
                clause_sentences = [*sentences[:group.primary], told, *sentences[group.primary + 1:]]
                other = self._mention(doc, text, clause_sentences, sub, index=len(mentions), limit=limit, ref=ref,
                                      filed=filed, filed_from=filed_from)
                if other is not None:
                    if event_date([told.text], ref) is None:
                        other = replace(other, event_date=mention.event_date, date_precision=mention.date_precision)
                    mentions.append(other)
        return mentions

    def _second_clause(self, sentences: list[Sentence], group: _Group) -> tuple[Sentence, _Group] | None:
        """The clause after "as"/"while" that tells a second act of violence at another place, as a group."""
        if self.geocoder is None:
            return None
        primary = sentences[group.primary]
        own = _own_clause(primary.text, group.cls.end)
        if own is None:
            return None
        rest = primary.text[len(own):]
        lead = len(rest) - len(rest.lstrip(", "))
        told = Sentence(rest[lead:], primary.start + len(own) + lead, primary.end)
        cls = classify(told.text)
        if cls is None or cls.event_type == STRATEGIC or is_hypothetical(told.text, cls.start) \
                or is_statistic(told.text):
            return None
        here, there = self._place_key(own), self._place_key(told.text)
        if not (_below_country(there) and _apart(here, there, False)):
            return None
        return told, _Group(primary=group.primary, cls=cls, members=[group.primary], date=group.date,
                            place_src=group.primary)

    def _group(self, sentences: list[Sentence], ref: date | datetime | None, *,
               headlines: bool = False) -> list[_Group]:
        groups: list[_Group] = []
        current: _Group | None = None
        seen_events = 0
        pub = _day(ref)
        places: dict[int, Place | None] = {}

        def place_at(k: int | None) -> Place | None:
            # geocoding a sentence is the dearest step here: done only when a decision needs the place
            if k is None:
                return None
            if k not in places:
                # the place of the sentence's own event: a clause about an earlier one names another scene
                places[k] = self._place_key(mask_background(sentences[k].text, negated=False))
            return places[k]

        for i, s in enumerate(sentences):
            cls = classify(s.text)
            second = _OTHER_CLAUSE.search(s.text) if cls is not None else None
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
                if current is not None and i - current.members[-1] <= 3 and self._supports(s.text) \
                        and not _other_day(s.text, pub, current.date) and not is_statistic(s.text):
                    current.members.append(i)
                continue
            if current is not None and (ACROSS.search(s.text) or RELATED.search(s.text)):
                # "planted across all three attacks": a summary of the related attacks, not a new one
                current.members.append(i)
                continue
            seen_events += 1
            if seen_events > MAX_EVENT_SENTENCES:
                break
            day = event_date([_dating(s.text, cls)], pub)
            if day is not None and pub is not None and (pub - day.value).days > HISTORY_DAYS:
                continue  # history, not news
            # a sentence dated to a day, a week or a month ("last month, Pakistan conducted airstrikes") tells
            # of one occasion; "since March" or a year does not
            dated = day is not None and day.precision in {"day", "week", "month"} \
                and not re.match(r"(?:since|until|by|from)\b", day.text, re.IGNORECASE)
            if not dated and _own_figures(s.text).empty and not ANAPHORA.search(s.text) \
                    and is_narrative(s.text, cls, placed=_below_country(place_at(i))):
                # commentary on violence in general (no day, no toll, no named incident) may still
                # report a development; otherwise it is not an event
                cls = classify_strategic(s.text)
                if cls is None:
                    if current is not None and i - current.members[-1] <= 1 and self._supports(s.text) \
                            and not _other_day(s.text, pub, current.date):
                        current.members.append(i)
                    continue
                day = event_date([_dating(s.text, cls)], pub)
            if current is not None and current.noted and not SEPARATE.search(s.text):
                current.members.append(i)
                current.primary, current.cls, current.noted = i, cls, noted
                current.date = current.date or day
                current.place_src = i if current.place_src is None or place_at(current.place_src) is None \
                    else current.place_src
                continue
            new = (
                current is None
                or bool(SEPARATE.search(s.text))
                or bool(_ANOTHER_EVENT.search(s.text, 0, cls.end))
                or (day is not None and current.date is not None and day.value != current.date.value)
                # an undated lead followed by a dated sentence of another kind: two events
                or (day is not None and day.precision == "day" and current.date is None
                    and cls.sub_event_type != current.cls.sub_event_type and not ANAPHORA.search(s.text))
                or (not ANAPHORA.search(s.text) and _apart(place_at(i), place_at(current.place_src), headlines))
                # a violent event may follow a development (a truce broken), not the other way round:
                # arrests or damage after an attack are told as its aftermath
                or (current.cls.event_type == STRATEGIC and cls.event_type != STRATEGIC
                    and not ANAPHORA.search(s.text))
                # violence of another kind in a named town, after an event placed no closer than a country: an
                # event of its own ("fighting broke out on the frontier ... jets were dropping bombs on Kabul")
                or (current.cls.sub_event_type != cls.sub_event_type and not ANAPHORA.search(s.text)
                    and _town(place_at(i)) and not _town(place_at(current.place_src)))
                # in a list of headlines, each headline that gives a toll is its own report
                or (headlines and not _own_figures(s.text).empty)
                # a crossing closed or a deal struck after a clash is a development of its own
                or (cls.event_type == STRATEGIC and cls.sub_event_type in {"Other", "Agreement"}
                    and current.cls.event_type != STRATEGIC)
            )
            if not new and current is not None and i - current.members[-1] > 2 and day is None \
                    and not ANAPHORA.search(s.text) and _own_figures(s.text).empty:
                # an undated event sentence paragraphs after the event, with no toll and no word pointing
                # back: commentary on violence in general, which must not lend the event its place
                continue
            if not new and current is not None and i - current.members[-1] > FAR_SENTENCES and not (
                    day is not None and current.date is not None and day.value == current.date.value):
                # many sentences on, a word like "the fighting" no longer points back to the event: a sentence
                # that names its own scene or toll tells another event, any other is commentary
                if not (_below_country(place_at(i)) or not _own_figures(s.text).empty):
                    continue
                new = True
            earlier = None
            if new and day is not None and ANAPHORA.search(s.text) and not SEPARATE.search(s.text):
                # "The reopening followed an agreement reached on Saturday": back to the event of that day
                earlier = next((g for g in reversed(groups) if g.date is not None and g.date.value == day.value
                                and g is not current), None)
            if new and earlier is None and day is not None and day.precision == "day" and not headlines \
                    and not SEPARATE.search(s.text) and not _ANOTHER.search(s.text):
                # the story comes back to an event it told before: the same kind on the same day, at a place
                # that can be the same scene ("fighting erupted again on Wednesday near the crossings")
                earlier = next((g for g in reversed(groups) if g is not current and g.date is not None
                                and g.date.precision == "day" and g.date.value == day.value
                                and g.cls.sub_event_type == cls.sub_event_type
                                and not _apart(place_at(i), place_at(g.place_src), False)), None)
            same_kind = SEPARATE_SAME_KIND.search(s.text)
            if new and same_kind and current is not None and cls.event_type == VIOLENCE_AGAINST_CIVILIANS \
                    and cls.sub_event_type == "Attack" and current.cls.event_type == EXPLOSIONS:
                cls = current.cls  # only the toll is told; the kind is the previous strike's
            if new and earlier is None:
                current = _Group(primary=i, cls=cls, members=[i], date=day, place_src=i, noted=noted)
                groups.append(current)
            else:
                target = earlier or current
                assert target is not None
                target.members.append(i)
                target.date = target.date or day
                here, there = place_at(i), place_at(target.place_src)
                if here is not None and (there is None or here.geo_precision < there.geo_precision):
                    target.place_src = i
                if target.cls.event_type == STRATEGIC and target.cls.sub_event_type == "Other" \
                        and cls.sub_event_type == "Agreement":
                    target.cls = cls  # a crossing reopened under a deal: the deal is the development
        return self._fold_undated(groups, sentences, place_at)

    def _fold_undated(self, groups: list[_Group], sentences: list[Sentence], place_at: Any) -> list[_Group]:
        """An undated, untolled mention ("abducted Americans in Haiti" in a teaser) of an event that the story
        tells later with its day, of the same kind and in a country the mention names, is that event."""
        if self.geocoder is None or len(groups) < 2:
            return groups
        kept = []
        for k, g in enumerate(groups):
            if g.date is None and not g.noted and all(_own_figures(sentences[i].text).empty for i in g.members):
                told = " ".join(sentences[i].text for i in g.members)
                named = {self.geocoder.gaz.country_name(cc) for cc in self.geocoder.countries_named(told)}
                later = next((h for h in groups[k + 1:] if h.date is not None
                              and h.cls.sub_event_type == g.cls.sub_event_type
                              and (there := place_at(h.place_src)) is not None and there.country in named), None)
                if later is not None:
                    later.members = sorted(set(later.members) | set(g.members))
                    continue
            kept.append(g)
        return kept

    def _supports(self, sentence: str) -> bool:
        """A follow-up sentence: casualty figures, a claim, a denial or an attribution."""
        low = sentence.lower()
        return bool(re.search(r"\b(?:killed|dead\b(?!\s+(?:broke|end|set|heat))|died|deaths?\b|fatalit|injured|"
                              r"wounded|hurt|casualt|responsib|denied|attribut|blamed|martyred|toll|took\s+place|happened|occurred|established\s+on|"
                              r"carried\s+out\s+on)", low))

    def _place_key(self, sentence: str) -> Place | None:
        """The place a sentence names, as the geocoder reads it alone."""
        if self.geocoder is None:
            return None
        try:
            match = self.geocoder.locate(sentence)
        except Exception:  # a failing geocoder must not fail extraction
            logger.exception("geocoder failed")
            return None
        return match.place if match is not None else None

    # -- one event ------------------------------------------------------------------------------------

    def _mention(self, doc: Document, text: str, sentences: list[Sentence], group: _Group,
                 *, index: int, limit: int, ref: date | datetime | None, filed: DateMatch | None,
                 filed_from: re.Match[str] | None = None) -> Mention | None:
        members = [sentences[i] for i in group.members]
        primary = sentences[group.primary]
        evidence: list[Evidence] = [Evidence("event_type", primary.text, primary.start, primary.end)]

        when = self._date(doc, text, sentences, members, evidence, ref=ref, filed=filed, cls=group.cls)
        # the place of the event's own clause: not of an earlier event ("after its commander was killed in
        # Kunar") nor of a second clause ("as Taliban units were sending drones toward Peshawar")
        own = mask_background(primary.text, negated=False)
        clip = _own_clause(own, group.cls.end) or (own if own != primary.text else None)
        # sentences nearest the event first: when its own words name no place, the country they speak of
        near = tuple(sentences[k] for k in (group.primary - 1, group.primary - 2, group.primary + 1,
                                            group.primary - 3) if 0 <= k < len(sentences))
        country, place_fields = self._location(text, members, evidence, clip=clip, filed_from=filed_from,
                                               near=near, told=lambda: self._told_before(sentences, group))

        responsibility: list[cl.GroupStatement] = []
        denials: list[cl.GroupStatement] = []
        attributions: list[cl.GroupStatement] = []
        for s in members:
            responsibility += cl.responsibility(s.text, self.actors)
            denials += cl.denials(s.text, self.actors)
            attributions += cl.attributions(s.text, self.actors)
        last = group.members[-1]
        for s in sentences[last + 1:min(last + 4, limit)]:  # notes often end with the claim
            if responsibility:
                break
            responsibility += cl.responsibility(s.text, self.actors)
            if responsibility:
                attributions += cl.attributions(s.text, self.actors)
                denials += cl.denials(s.text, self.actors)

        event_day = when[0] if when else None
        assignment = assign_actors(primary.text, group.cls, self.actors, country=country, when=event_day,
                                   document_text=text)
        actor1, actor2 = assignment.actor1, assignment.actor2
        claimed_by = responsibility[0].actor.entry.resolve(country, event_day) if responsibility else None
        blamed = attributions[0].actor.entry.resolve(country, event_day) if attributions else None
        kind1 = assignment.kind1
        group_actor = claimed_by or blamed
        if group_actor and (actor1 is None or kind1 == "unidentified") and group_actor != actor2:
            actor1, kind1 = group_actor, "rebel"
            src = responsibility[0] if responsibility else attributions[0]
            evidence.append(Evidence("actor1", src.text, -1, -1))
        elif group_actor and group.cls.sub_event_type == "Disrupted weapons use" and actor2 is None \
                and group_actor != actor1:
            actor2 = group_actor  # the device stopped was that group's: it is the other side
        if actor1 is not None:
            evidence.append(Evidence("actor1", primary.text, primary.start, primary.end))
        # the primary sentence first, so that the trigger's offsets hold in the joined text
        story = " ".join([primary.text] + [s.text for s in members if s is not primary])
        cls = refine(group.cls, kind1, assignment.kind2, story)
        if actor1 is None and cls.event_type in {BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS}:
            actor1 = f"Unidentified Armed Group ({country or 'Unknown'})"
        if actor2 is not None:
            evidence.append(Evidence("actor2", primary.text, primary.start, primary.end))

        figures, claims = self._figures(doc, members, evidence)
        if actor2 is None and kind1 != "state" and _civilian_target(cls.event_type, figures):
            # violence against civilians is so coded for its victims; an explosive attack by a non-state
            # group that hurt people and named no armed target struck civilians
            actor2 = f"Civilians ({country or 'Unknown'})"
        fatalities = figures.total_killed
        f_low = f_high = fatalities
        if figures.killed_low is not None or figures.killed_high is not None:
            extra = figures.attackers_killed or 0
            f_low = figures.killed_low + extra if figures.killed_low is not None else None
            f_high = figures.killed_high + extra if figures.killed_high is not None else None
        best, low, high, disputed = cl.reconcile(
            [cl.CasualtyClaim(c.claimant, sentence_figures(c.text), c.text, 0, 0) for c in claims if c.claimant])
        if disputed and not figures.coded:
            fatalities, f_low, f_high = best, low, high
        if cls.sub_event_type == "Suicide bomb" and fatalities is not None and not figures.attackers_killed \
                and not figures.coded:
            # the bombers count among the dead (docs/coding.md); a toll that already includes them stays
            told_all = " ".join(s.text for s in members)
            if not _BOMBER_INCLUDED.search(told_all):
                extra = _bombers(told_all)
                fatalities += extra
                f_low = f_low + extra if f_low is not None else None
                f_high = f_high + extra if f_high is not None else None
        wounded = figures.wounded if figures.wounded is not None else (0 if figures.zero_wounded else None)
        # One convention (docs/coding.md): a report that gives an account of the event's casualties of one
        # kind and is silent on the other kind tells us there were none of the other ("none reported");
        # a kind mentioned without a number stays unknown, and so does everything when no figure is given.
        told = " ".join(s.text for s in members)
        if fatalities is None and wounded is not None and not _DEATH_WORDS.search(told):
            fatalities = f_low = f_high = 0
        if cls.sub_event_type == "Disrupted weapons use" and fatalities is None and wounded is None:
            fatalities = f_low = f_high = wounded = 0  # the device or the attack was stopped: nobody hurt
        if wounded is None and fatalities is not None and not _INJURY_WORDS.search(told):
            wounded = 0
        hedged = any(cl.is_hedged(s.text) for s in members)
        claim_records = tuple(Claim("casualties", c.claimant, c.fatalities, c.wounded, text=c.text, doc_id=doc.doc_id,
                                    published_at=doc.published_at) for c in claims if c.claimant)
        claim_records += tuple(Claim("responsibility", None, group=r.actor.entry.resolve(country, event_day),
                                     text=r.text, doc_id=doc.doc_id, published_at=doc.published_at)
                               for r in responsibility)
        denied = tuple(dict.fromkeys(d.actor.entry.resolve(country, event_day) for d in denials))
        claim_records += tuple(Claim("denial", None, group=g, doc_id=doc.doc_id, published_at=doc.published_at)
                               for g in denied)
        for r in responsibility[:1]:
            evidence.append(Evidence("responsibility", r.text, -1, -1))
        return Mention(
            event_date=event_day, date_precision=when[1] if when else None,
            event_type=cls.event_type, sub_event_type=cls.sub_event_type,
            actor1=actor1, actor2=actor2 if actor2 != actor1 else None,
            country=country, **place_fields,
            fatalities=fatalities, fatalities_low=f_low, fatalities_high=f_high, wounded=wounded,
            responsibility=claimed_by, denied_by=denied,
            certainty=cl.certainty(disputed, bool(claimed_by), hedged),
            doc_id=doc.doc_id, content_hash=doc.content_hash, index=index, claims=claim_records,
            evidence=tuple(evidence), published_at=doc.published_at,
        )

    def _date(self, doc: Document, text: str, sentences: list[Sentence], members: list[Sentence],
              evidence: list[Evidence], *, ref: date | datetime | None,
              filed: DateMatch | None, cls: Classification) -> tuple[date, str] | None:
        prefix = gtd_prefix(text)
        if prefix is not None:
            evidence.append(Evidence("event_date", sentences[0].text, sentences[0].start, sentences[0].end))
            return prefix.value, "day"
        found = event_date([_dating(s.text, cls) for s in members], ref)
        if found is not None:
            src = next(s for s in members if found.text in s.text)
            evidence.append(Evidence("event_date", src.text, src.start, src.end))
            return found.value, found.precision
        lead = event_date([s.text for s in sentences[:2]], ref)  # the lead dates the story's main event
        if lead is not None and lead.precision == "day":
            return lead.value, lead.precision
        if filed is not None:
            evidence.append(Evidence("event_date", filed.text, filed.start, filed.end))
            return filed.value, "day"
        if doc.published_at is not None:
            # A news report without a date tells of the last few days.
            return doc.published_at.date() - timedelta(days=0), "week"
        return None

    @staticmethod
    def _told_before(sentences: list[Sentence], group: _Group) -> tuple[Sentence, ...]:
        """For an event named as one already told ("the Pakistani airstrikes"), the sentences before it that
        name violence of its kind, nearest first: where the story first told it."""
        definite = False
        for i in group.members:
            c = classify_told(sentences[i].text)
            if c is not None and c.sub_event_type == group.cls.sub_event_type \
                    and _DEFINITE.search(sentences[i].text, max(0, c.start - 40), c.start):
                definite = True
                break
        if not definite:
            return ()
        out = []
        for k in range(group.primary - 1, max(-1, group.primary - 9), -1):
            c = classify_told(sentences[k].text)
            if c is not None and c.sub_event_type == group.cls.sub_event_type:
                out.append(sentences[k])
        return tuple(out)

    def _location(self, text: str, members: list[Sentence], evidence: list[Evidence], *,
                  clip: str | None = None, filed_from: re.Match[str] | None = None,
                  near: tuple[Sentence, ...] = (),
                  told: Callable[[], tuple[Sentence, ...]] = tuple) -> tuple[str | None, dict]:
        # the dateline names where the report was filed, not where the event happened: it only stands in
        # when the event's own words name no place below the country (below)
        cut = filed_from.end() if filed_from else 0
        joined = " ".join(" " * cut + s.text[cut:] if cut and s.start == 0 else s.text for s in members)
        if self.geocoder is not None:
            try:
                match = own = None
                if clip is not None:
                    # "jets were dropping bombs on Kabul as Taliban units were sending drones toward Peshawar":
                    # the place of the event's own clause first, then the whole account
                    own = self.geocoder.locate(clip, document_text=text[:20000])
                    match = own if own is not None and own.place.kind != "country" else None
                if match is None:
                    match = self.geocoder.locate(joined, document_text=text[:20000])
                    if own is not None and (match is None or match.place.kind == "country"):
                        match = own  # the country of the event's own clause, not of a clause about another
            except Exception:  # a failing geocoder must not fail extraction
                logger.exception("geocoder failed")
                match = None
            if match is None or match.place.kind == "country":
                # "the Pakistani airstrikes" told again: the place where the story first named them
                for src in told():
                    first = self.geocoder.locate(src.text, document_text=text[:20000])
                    if first is not None and first.place.kind != "country":
                        evidence.append(Evidence("location", src.text, src.start, src.end))
                        return first.place.country, _place_fields(first.place, first.place.geo_precision)
                # the event's own sentences name no place below the country ("Pakistan had closed the
                # crossing"): the report's dateline place in that country, as a place near which it happened
                home = self._dateline_place(filed_from)
                lead = text[:300].split(". ", maxsplit=1)[0]  # the lead sets the story's country
                if home is not None and (home.country == match.place.country if match is not None
                                         else not self._other_country(f"{lead} {joined}", home)):
                    evidence.append(Evidence("location", text[:80], 0, min(80, len(text))))
                    return home.country, _place_fields(home, max(home.geo_precision, 2))
            if match is not None:
                p = match.place
                src = next((s for s in members if match.evidence and match.evidence in s.text), members[0])
                evidence.append(Evidence("location", src.text, src.start, src.end))
                return p.country, _place_fields(p, p.geo_precision)
            # no place at all: the place, or the one country, that the sentences around the event speak of
            # ("targeted Pakistani police ... On Thursday, the group claimed a car bomb")
            for src in [*members, *near]:
                words = " " * cut + src.text[cut:] if cut and src.start == 0 else src.text
                found_near = None if src in members else self.geocoder.locate(words, document_text=text[:20000])
                if found_near is not None and found_near.place.kind != "country":
                    evidence.append(Evidence("location", src.text, src.start, src.end))
                    p = found_near.place
                    return p.country, _place_fields(p, max(p.geo_precision, 2))
                named = self.geocoder.countries_named(words)
                if len(named) == 1:
                    home = self.geocoder.locate(self.geocoder.gaz.country_name(next(iter(named))))
                    if home is not None:
                        evidence.append(Evidence("location", src.text, src.start, src.end))
                        return home.place.country, _place_fields(home.place, 3)
                if named:
                    break  # two countries: the sentences say no more than the report as a whole
        found = region(joined) or region(text)
        if found is None:
            return None, {}
        country, admin1, words = found
        src = next((s for s in members if words in s.text), members[0])
        evidence.append(Evidence("location", src.text, src.start, src.end))
        return country, {"admin1": admin1, "location": admin1 or country, "geo_precision": 3}

    def _other_country(self, text: str, place: Place) -> bool:
        """Whether the text names a country, or its people, other than the place's ("Syrian forces" in a
        report filed from Beirut)."""
        assert self.geocoder is not None
        return any(self.geocoder.gaz.country_name(cc) != place.country for cc in self.geocoder.countries_named(text))

    def _dateline_place(self, m: re.Match[str] | None) -> Place | None:
        if m is None or self.geocoder is None:
            return None
        found = self.geocoder.locate(m.group("p").title())
        if found is None or found.place.kind == "country":
            return None
        return found.place

    def _figures(self, doc: Document, members: list[Sentence],
                 evidence: list[Evidence]) -> tuple[Figures, list[Claim]]:
        per_sentence: list[Figures] = []
        claims: list[Claim] = []
        related: int | None = None
        for s in members:
            # "the strikes came days after 16 soldiers were killed": an earlier event's toll is not this one's
            f = _own_figures(s.text)
            if f.empty:
                continue
            if ACROSS.search(s.text):
                related = related or related_attacks(doc.text or "")
                if related > 1:
                    f = shared_figures(s.text, related)
            per_sentence.append(f)
            if f.total_killed is not None:
                evidence.append(Evidence("fatalities", s.text, s.start, s.end))
            if f.wounded is not None or f.zero_wounded:
                evidence.append(Evidence("wounded", s.text, s.start, s.end))
            who = cl.claimant_of(s.text)
            claims.append(Claim("casualties", who, f.total_killed, f.wounded, text=s.text))
        return combine(per_sentence), claims


register_extractor("rules", RuleExtractor)
