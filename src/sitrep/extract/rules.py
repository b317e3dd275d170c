"""The rule-based extractor: sentences -> event sentences -> events -> coded mentions.

No models, one core: every pattern is compiled once, dictionaries load once per process, and the
work per document is bounded (text length, sentences examined, mentions returned), so a 5 MB text
or binary junk returns quickly and never crashes a batch.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sitrep.domain import Claim, Document, Evidence, Mention
from sitrep.extract import claims as cl
from sitrep.extract.base import register_extractor
from sitrep.extract.classify import Classification, classify, mask_background, mask_retaliation, refine
from sitrep.extract.cues import ACROSS, EARLIER_VERSION, related_attacks, shared_figures
from sitrep.extract.dates import DateMatch, dateline, event_date, gtd_prefix, live_entry_day
from sitrep.extract.grouping import Group, SentenceGrouper, dating_text, own_clause, own_figures
from sitrep.extract.numbers import Figures, combine, parse_number, sentence_figures
from sitrep.extract.placing import DATELINE_PLACE, EventPlacer
from sitrep.extract.roles import assign_actors, striking_state
from sitrep.extract.sentences import Sentence, iter_sentences
from sitrep.extract.several_places import split_by_place
from sitrep.knowledge.actors import ActorDictionary
from sitrep.knowledge.taxonomy import BATTLES, EXPLOSIONS, STRATEGIC, VIOLENCE_AGAINST_CIVILIANS

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 1_000_000
MAX_MENTIONS = 40

_INJURY_WORDS = re.compile(r"\b(?:wound(?:ed|ing|s)?|injur(?:ed|ing|y|ies)|(?:un)?hurt|unharmed|unscathed|"
                           r"casualt(?:y|ies))\b", re.IGNORECASE)
_DEATH_WORDS = re.compile(r"\b(?:kill(?:ed|ing|s)?|dead|died|dies|deaths?(?!\s+squads?)|martyr(?:ed|dom|s)?|slain|"
                          r"fatalit(?:y|ies)|(?<!local\s)bodies|body|lives|perished|succumbed|lifeless|"
                          r"casualt(?:y|ies))\b", re.IGNORECASE)
_BOMBER_INCLUDED = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|among\s+the\s+dead\s+(?:was|were))\s+(?:the\s+)?(?:two\s+|three\s+|four\s+)?"
    r"(?:suicide\s+)?(?:bombers?|attackers?|assailants?)\b|\b(?:bombers?|attackers?)\s+(?:was\s+|were\s+)?"
    r"among\s+(?:them|the\s+dead)\b|\bthe\s+bombers?\s+among\s+them\b|"
    r"\bunknown\s+number\s+of\s+(?:assailant|attacker|militant|perpetrator)s?\s+casualties\b|"
    r"\ball\s+(?:the\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+\s+)?\s*(?:attackers|assailants|militants|"
    r"terrorists)\s+(?:were\s+)?(?:killed|dead|died)", re.IGNORECASE)
# "two attackers detonated", "three suicide bombers stormed": how many bombers died with their bombs
_BOMBER_COUNT = re.compile(r"\b(?P<n>two|three|four|five|\d)\s+(?:(?:suicide\s+)?(?:bombers|attackers)\s+"
                           r"(?:\w+\s+){0,2}?(?:detonated|blew|exploded)|(?:suicide\s+)?bombers\s+(?:\w+\s+)?"
                           r"(?:attacked|struck|stormed|targeted|hit|rammed|entered))", re.IGNORECASE)


def _bombers(text: str) -> int:
    m = _BOMBER_COUNT.search(text)
    return parse_number(m.group("n")) or 1 if m else 1


_CIVILIAN_HARM = re.compile(r"\b(?:women\s+and\s+children|children|villagers|residents|(?:a|his|their|one)\s+"
                            r"famil(?:y|ies)|family\s+members|(?:several\s+|two\s+|three\s+)?(?:homes|houses|"
                            r"villages|residential\s+areas?)|a\s+(?:house|home|village|residential\s+area))\b",
                            re.IGNORECASE)


# what two acts told in one clause share ("killed civilians and attacked military posts last week in Kurram")
_SHARED_BY_ACTS = ("event_date", "date_precision", "country", "admin1", "admin2", "location", "latitude",
                   "longitude", "geo_precision")


def _sharing(mention: Mention, whole: Mention, read: str, told: str) -> Mention:
    """``mention``, read from the sentence ``read`` in which the other act is blanked, on the day and at the
    place that ``whole``, the event read from the full sentence ``told``, has; its evidence quotes ``told``."""
    evidence = tuple(replace(e, text=told) if e.text == read else e for e in mention.evidence
                     if e.field not in _SHARED_BY_ACTS) + tuple(e for e in whole.evidence if e.field in _SHARED_BY_ACTS)
    return replace(mention, **{f: getattr(whole, f) for f in _SHARED_BY_ACTS}, evidence=evidence)


@lru_cache(maxsize=4)
def _tells_of(text: str) -> tuple[bool, bool]:
    """Whether a report says anything of deaths, and of injuries: read once per report, not per event."""
    return bool(_DEATH_WORDS.search(text)), bool(_INJURY_WORDS.search(text))


def _civilian_target(event_type: str, figures: Figures) -> bool:
    if event_type == VIOLENCE_AGAINST_CIVILIANS:
        return True
    if event_type != EXPLOSIONS:
        return False
    return bool(figures.killed) or bool(figures.wounded)


_HEADLINE_LIST = re.compile(r"[^\W\d];(?=[A-Z0-9'\"‘“])")
_LATIN_LETTERS = re.compile(r"[A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")

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
        self.grouper = SentenceGrouper(geocoder)
        self.placer = EventPlacer(geocoder)

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
        filed_from = DATELINE_PLACE.match(text[:120])  # "TORKHAM - ": where the report was filed
        # in a list of headlines each headline is its own report
        groups = self.grouper.group(sentences, ref, headlines=bool(_HEADLINE_LIST.search(text[:2000])))
        mentions = []
        for k, group in enumerate(groups[:MAX_MENTIONS]):
            limit = groups[k + 1].primary if k + 1 < len(groups) else len(sentences)
            mention = self._mention(doc, text, sentences, group, index=len(mentions), limit=limit, ref=ref,
                                    filed=filed, filed_from=filed_from)
            if mention is None:
                continue
            mentions.append(mention)
            second = self.grouper.second_clause(sentences, group)
            act = self.grouper.coordinated_act(sentences, group) if second is None else None
            development = self.grouper.development_act(sentences, group) if second is None and act is None else None

            def read_as(told: Sentence, sub: Group, index: int, limit: int = limit) -> Mention | None:
                """The event of ``sub`` with the group's sentence read as ``told`` (a clause of it)."""
                clause_sentences = [*sentences[:sub.primary], told, *sentences[sub.primary + 1:]]
                return self._mention(doc, text, clause_sentences, sub, index=index, limit=limit, ref=ref,
                                     filed=filed, filed_from=filed_from)

            clauses = act or development
            if clauses is not None:
                own, told, sub = clauses
                mine, other = read_as(own, group, mention.index), read_as(told, sub, len(mentions))
                # one side's two acts are two events when they code as two kinds of event against two sides; a
                # development told with the violence ("and the authorities closed the crossing") always is
                if mine is not None and other is not None and (act is None or (
                        other.event_type != mine.event_type and other.actor2 != mine.actor2)):
                    # on the day and at the place the sentence tells for both
                    whole = sentences[group.primary].text
                    mentions[-1] = _sharing(mine, mention, own.text, whole)
                    mentions.append(_sharing(other, mention, told.text, whole))
            elif second is None:
                spread = split_by_place(mention, [sentences[i] for i in group.members], self.grouper.geocoder)
                if len(spread) > 1:
                    mentions[-1:] = spread
            if second is not None:
                # "jets bombed Kabul as Taliban units were sending drones toward Peshawar": two events, the
                # second on the first's day unless its clause names its own
                told, sub = second
                other = read_as(told, sub, len(mentions))
                if other is not None:
                    if event_date([told.text], ref) is None:
                        other = replace(other, event_date=mention.event_date, date_precision=mention.date_precision)
                    mentions.append(other)
        return mentions

    # -- one event ------------------------------------------------------------------------------------

    def _mention(self, doc: Document, text: str, sentences: list[Sentence], group: Group,
                 *, index: int, limit: int, ref: date | datetime | None, filed: DateMatch | None,
                 filed_from: re.Match[str] | None = None) -> Mention | None:
        members = [sentences[i] for i in group.members]
        primary = sentences[group.primary]
        evidence: list[Evidence] = [Evidence("event_type", primary.text, primary.start, primary.end)]

        when = self._date(doc, text, sentences, members, evidence, ref=ref, filed=filed, cls=group.cls)
        # the place of the event's own clause: not of an earlier event ("after its commander was killed in
        # Kunar") nor of a second clause ("as Taliban units were sending drones toward Peshawar")
        own = mask_background(primary.text, negated=False)
        clip = own_clause(own, group.cls.end) or (own if own != primary.text else None)
        answered = mask_retaliation(primary.text)  # the act answered was the other side's, elsewhere
        # sentences nearest the event first: when its own words name no place, the country they speak of
        near = tuple(sentences[k] for k in (group.primary - 1, group.primary - 2, group.primary + 1,
                                            group.primary - 3) if 0 <= k < len(sentences))
        country, place_fields = self.placer.place(text, members, evidence, clip=clip, filed_from=filed_from,
                                               near=near, kind=group.cls.sub_event_type,
                                               told=lambda: self.placer.told_before(sentences, group),
                                               background=(primary, answered) if answered != primary.text
                                               else None)

        responsibility: list[cl.GroupStatement] = []
        denials: list[cl.GroupStatement] = []
        attributions: list[cl.GroupStatement] = []
        for s in members + [sentences[k] for k in group.shared]:
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
        # the sides of the event itself: a clause about an earlier event ("two days after a suicide attack on
        # an army post") names other sides
        assignment = assign_actors(own, group.cls, self.actors, country=country, when=event_day,
                                   document_text=text)
        if assignment.actor1 is None and assignment.actor2 is None and group.cls.event_type == STRATEGIC:
            # a headline that names no party ("Capitals agree to extend ceasefire"): the parties are those the
            # next sentence of the same kind names (violence names no side when its author is unknown)
            for s in members:
                if s is primary:
                    continue
                told_own = mask_background(s.text, negated=False)
                c = classify(told_own)
                if c is not None and c.event_type == group.cls.event_type:
                    other = assign_actors(told_own, c, self.actors, country=country, when=event_day,
                                          document_text=text)
                    if other.actor1 is not None or other.actor2 is not None:
                        assignment = other
                        break
        actor1, actor2 = assignment.actor1, assignment.actor2
        if actor2 is None and assignment.kind1 == "state" and group.cls.event_type == BATTLES and own != primary.text:
            # "ended the siege of the train, a day after BLA fighters hijacked it": the forces fought the group
            # whose act the clause before tells
            actor2 = next((m.entry.resolve(country, event_day) for m in self.actors.find(primary.text)
                           if m.kind == "rebel" and not own[m.start:m.end].strip()), None)
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
        if (actor1 is None or kind1 == "unidentified") and cls.sub_event_type == "Air/drone strike":
            before = text[:primary.start]
            striker = striking_state(before, self.actors, actor2)
            if striker is not None:
                actor1, kind1 = striker, "state"
                evidence.append(Evidence("actor1", before[-200:], -1, -1))
        if actor1 is None and cls.event_type in {BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS}:
            actor1 = f"Unidentified Armed Group ({country or 'Unknown'})"
        if actor2 is not None:
            evidence.append(Evidence("actor2", primary.text, primary.start, primary.end))

        figures, claims = self._figures(doc, members, evidence)
        if actor2 is None and kind1 != "state" and _civilian_target(cls.event_type, figures):
            # violence against civilians is so coded for its victims; an explosive attack by a non-state
            # group that hurt people and named no armed target struck civilians
            actor2 = f"Civilians ({country or 'Unknown'})"
        elif actor2 is None and kind1 == "state" and cls.event_type == EXPLOSIONS \
                and (figures.killed or figures.wounded) and _CIVILIAN_HARM.search(story):
            # a state's bombs or shells that named no armed target and fell on homes, or whose dead were women
            # and children, struck civilians
            actor2 = f"Civilians ({country or 'Unknown'})"
        fatalities = figures.total_killed
        f_low = f_high = fatalities
        if figures.killed_low is not None or figures.killed_high is not None:
            extra = figures.attackers_killed or 0
            f_low = figures.killed_low + extra if figures.killed_low is not None else None
            f_high = figures.killed_high + extra if figures.killed_high is not None else None
        told = [cl.CasualtyClaim(c.claimant, sentence_figures(c.text), c.text, 0, 0) for c in claims if c.claimant]
        best, low, high, disputed = cl.reconcile(told)
        attackers_counted = figures.attackers_killed or 0
        if disputed and not figures.coded:
            fatalities, f_low, f_high = best, low, high
            # the sources' figures stand for the toll: a bomber told dead outside them is not yet in it
            attackers_counted = max((t.figures.attackers_killed or 0 for t in told), default=0)
        if cls.sub_event_type == "Suicide bomb" and fatalities is not None and not figures.coded:
            # the bombers count among the dead (docs/coding.md); a toll that already includes them stays, and
            # attackers counted dead already ("the other was shot dead") are not counted twice
            told_all = " ".join(s.text for s in members)
            extra = 0 if _BOMBER_INCLUDED.search(told_all) else max(0, _bombers(told_all) - attackers_counted)
            if extra:
                fatalities += extra
                f_low = f_low + extra if f_low is not None else None
                f_high = f_high + extra if f_high is not None else None
        wounded = figures.wounded if figures.wounded is not None else (0 if figures.zero_wounded else None)
        # One convention (docs/coding.md): a report that gives an account of the event's casualties of one
        # kind and is silent on the other kind tells us there were none of the other ("none reported");
        # a kind mentioned without a number stays unknown, and so does everything when no figure is given.
        # the report as a whole: injuries it tells of another event leave this one's unknown
        tells_deaths, tells_injuries = _tells_of(text)
        if fatalities is None and wounded is not None and not tells_deaths:
            fatalities = f_low = f_high = 0
        if cls.sub_event_type == "Disrupted weapons use" and fatalities is None and wounded is None:
            fatalities = f_low = f_high = wounded = 0  # the device or the attack was stopped: nobody hurt
        if wounded is None and fatalities is not None and not tells_injuries:
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
        found = event_date([dating_text(s.text, cls) for s in members], ref)
        if found is not None:
            src = next(s for s in members if found.text in s.text)
            evidence.append(Evidence("event_date", src.text, src.start, src.end))
            return found.value, found.precision
        stamped = next(((s, d) for s in members if (d := live_entry_day(s.text, doc.published_at)) is not None), None)
        if stamped is not None:
            # an entry of a live report, stamped with a clock time only, tells of its own day
            evidence.append(Evidence("event_date", stamped[0].text, stamped[0].start, stamped[0].end))
            return stamped[1].value, "day"
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

    def _figures(self, doc: Document, members: list[Sentence],
                 evidence: list[Evidence]) -> tuple[Figures, list[Claim]]:
        per_sentence: list[Figures] = []
        claims: list[Claim] = []
        related: int | None = None
        for s in members:
            # "the strikes came days after 16 soldiers were killed": an earlier event's toll is not this one's
            f = own_figures(s.text)
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
