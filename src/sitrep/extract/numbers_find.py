"""The casualty figures one sentence states: each killed / wounded / missing trigger with the counts that
belong to it, subsets ("including two officers") left out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extract.numbers_lists import aside_start, generic_head, leading_singles, trailing_single
from sitrep.extract.numbers_parse import _PEOPLE_NOUN, _SUBSET_OPEN, CasualtyKind, Quantity, find_quantities
from sitrep.extract.numbers_patterns import (
    _ALSO,
    _AMONG_THE,
    _APPOSITIVE_NAME,
    _ARTICLE_OBJECT,
    _ASIDE,
    _ATTACKER_NOUN,
    _AUX_ONLY,
    _BACK_WINDOW,
    _BOUNDARY,
    _CONJOIN,
    _COUNT_AND,
    _DIED_LATER,
    _FORWARD_VERBS,
    _FWD_WINDOW,
    _HEADLINE_OBJECT,
    _HEADLINE_SUBJECT,
    _LISTED_SUBJECT,
    _MASKED,
    _NAME_PAIR,
    _NAMED_OBJECT,
    _NEGATIVE_SUBJECT,
    _NO_SUBJECT,
    _NOUN_TRIGGERS,
    _OWN_PREDICATE,
    _PAIR_SUBJECT,
    _PARTICIPLE_NOUNS,
    _PASSIVE_BEFORE,
    _SECOND_SINGLE,
    _SINGULAR_PASSIVE,
    _SOURCE_AFTER,
    _STRICT_NOUNS,
    _THE_DEAD,
    _THE_NOUN,
    _TOLL,
    _TRIGGER,
    _VAGUE_SUBJECT,
    _WHO_ASKED,
)


@dataclass(frozen=True, slots=True)
class Casualty:
    """One figure of a sentence: who was killed, wounded or went missing, and how many."""

    kind: CasualtyKind
    quantity: Quantity
    attackers: bool = False
    also: bool = False
    part: bool = False  # "a police officer was among the dead": a part of a total told elsewhere



# Counts of things other than people: "the two armies", "three vehicles", "four days"
_NOT_PEOPLE = re.compile(r"\s*(?:[\w-]+\s+)?(?:armies|countries|nations|states|sides|governments|vehicles|cars|"
                         r"trucks|buildings|houses|homes|shops|villages|districts|provinces|days|hours|weeks|months|"
                         r"years|times|rounds|shells|rockets|mortars|drones)\b", re.IGNORECASE)


_OF_THEM = re.compile(r"\s+of\s+them\b", re.IGNORECASE)
_THE_OTHER = re.compile(r"\band\s+the\s+other(?:\s+one)?\s+(?:was|got|has\s+been|had\s+been)\s+(?:\w+\s+)?$",
                        re.IGNORECASE)
_ONE_OF_PAIR = re.compile(r"\bone\s+(?:of\s+the(?:m|\s+two)?\s+)?(?P<noun>[\w-]+)", re.IGNORECASE)
# Between two objects of one verb stands a comma or "and", then at most a determiner; any other word is a verb
# of the later count's own clause.
_OWN_VERB = re.compile(r"\b(?!(?:a|an|the|another|also|some|his|her|their|its|possibly|perhaps|at|least|more|than|"
                       r"over|nearly|about|around|almost|up|to|as|many)\b)[a-z]+", re.IGNORECASE)
_PARTICIPLE_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?(?:(?:were|was|have\s+been|had\s+been)\s+)?"
                               r"(?:injured|wounded|hurt|killed|dead|missing|abducted|kidnapped)\b", re.IGNORECASE)


# "Sepoy Irfan, having fought gallantly, embraced shahadat", "he lost his life": one person died
_ONE_DIES = re.compile(r"embraced\s+(?:shahadat|martyrdom)|(?:laid\s+down|lost)\s+(?:his|her)\s+life", re.IGNORECASE)
_PLURAL_SUBJECT = re.compile(r"\b(?:they|both|all|\w+s\s+(?:have|had|also))\b|\w{3,}s\s*(?:,[^,]*,\s*)?$",
                             re.IGNORECASE)


def _is_attacker(text: str, q: Quantity) -> bool:
    if _OF_THEM.match(text, q.end):
        # "engaged the attackers ... and killed all 16 of them": "them" are the people named last before it
        named = [m.group().split()[-1] for m in _PEOPLE_NOUN.finditer(text, 0, q.start)]
        return bool(named) and bool(_ATTACKER_NOUN.fullmatch(" " + named[-1]))
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
        if _NOT_PEOPLE.match(text, q.end):
            break  # "fighting between the two armies, and nine soldiers were killed": armies are not victims
        if ("includ" in gap.lower() or not re.search(r"\band\b|,", gap) or not _CONJOIN.match(gap)
                or _OWN_PREDICATE.search(gap)):
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
        if "," in gap and _SOURCE_AFTER.match(text, q.end):
            break  # "killing 35 people, a doctor at the hospital said": the source, not a victim
        if _OWN_VERB.search(re.split(r",|\band\b", gap)[-1]) or ("," in gap and _PARTICIPLE_AFTER.match(text, q.end)):
            break  # "kill two, arrest 14 militants", "kills one, six wounded": the count has a verb of its own
        picked.append(q)
    return picked


def find_casualties(sentence: str) -> list[Casualty]:
    """The casualty figures a sentence states, with subsets left out."""
    if not _TRIGGER.search(sentence):
        return []
    sentence = _MASKED.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 2) + m.group()[-1]
                           if m.group()[0] == "," else " " * len(m.group()), sentence)
    # "his son, Abdul Aziz, were injured": the name says who the son is
    sentence = _APPOSITIVE_NAME.sub(lambda m: m.group(1) + " " * len(m.group(2)), sentence)
    quantities = find_quantities(sentence)
    out: list[Casualty] = []
    prev_end = 0
    used: set[int] = set()
    # each trigger and the next: the matches come one after the other, so the next is the following match
    triggers = list(_TRIGGER.finditer(sentence))
    for k, m in enumerate(triggers):
        kind: CasualtyKind = "killed" if m.group("k") else "wounded" if m.group("w") else "missing"
        if m.group().lower() in _PARTICIPLE_NOUNS and _THE_NOUN.search(sentence[max(0, m.start() - 7):m.start()]):
            continue  # "the injured were taken to hospital": people told of elsewhere
        if kind == "wounded" and _DIED_LATER.match(sentence, m.end()):
            kind = "killed"
        if (kind == "wounded" and "hospital" in m.group().lower()
                and _THE_DEAD.search(sentence, max(0, m.start() - 80), m.start())):
            continue  # "the bodies were taken to hospital": the dead, not the wounded
        lo = prev_end
        for bm in _BOUNDARY.finditer(sentence, lo, m.start()):
            lo = bm.end()
        lo = max(lo, m.start() - _BACK_WINDOW)
        fwd_hi = m.end() + _FWD_WINDOW
        nxt = triggers[k + 1] if k + 1 < len(triggers) else None
        if nxt:
            fwd_hi = min(fwd_hi, nxt.start())
        picked: list[Quantity] = []
        extra: list[Casualty] = []  # single victims a list names beside the counted ones
        word = m.group().lower()
        if word.startswith("neutrali") and not _ATTACKER_NOUN.search(sentence[max(0, m.start() - 50):m.start()]):
            continue  # "neutralised" counts fighters put out of action; a device neutralised is defused
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
                obj = (_ARTICLE_OBJECT.match(sentence, m.end()) or _NAMED_OBJECT.match(sentence, m.end())
                       or _HEADLINE_OBJECT.match(sentence, m.end()))
                if obj:
                    # "killed a police commander and a government employee": two single victims
                    n = 2 if _SECOND_SINGLE.match(sentence, obj.end()) else 1
                    picked = [Quantity(n, None, None, m.end(), m.end(), obj.group().strip(), article=True)]
        before = sentence[lo:m.start()]
        vague = _VAGUE_SUBJECT.search(before)
        cut = None  # "three officers and an unknown number of assailants were injured": the three stand
        if vague is not None and _COUNT_AND.search(before, 0, vague.start()):
            cut, vague = lo + vague.start(), None
        blocked = bool(vague or _NO_SUBJECT.search(before) or _WHO_ASKED.search(before))
        other = None if picked or blocked or kind == "missing" else _THE_OTHER.search(before)
        if other is not None:
            # "one bomber blew himself up and the other was shot dead": the other of the pair told before
            pair = None
            for pair in _ONE_OF_PAIR.finditer(sentence, 0, lo + other.start()):  # noqa: B007 - the last one counts
                pass
            attackers = bool(pair and _ATTACKER_NOUN.fullmatch(" " + pair.group("noun")))
            out.append(Casualty(kind, Quantity(1, None, None, lo + other.start(), lo + other.end(), "", article=True),
                                attackers=attackers))
            prev_end = m.end()
            continue
        if not picked and not blocked:
            aside = aside_start(sentence, lo, m.start())
            picked = _backward(sentence, quantities, lo, cut or (m.start() if aside is None else aside))
            if cut is not None and picked:
                last = max(picked, key=lambda q: q.start)
                if (last.article or last.start in used or last.text.lower().startswith("the")
                        or _OWN_PREDICATE.search(sentence, last.end, cut)
                        or not _COUNT_AND.fullmatch(sentence, last.end - 1, cut)):
                    picked = []
            if cut is not None and not picked:
                blocked = True  # the kind is named only with a count-less quantifier
            if word in _STRICT_NOUNS and picked and not re.fullmatch(r"\s*(?:[\w-]+\s+)?",
                                                                     sentence[picked[0].end:m.start()]):
                picked = []  # "32 bodies", not "hundreds of residents placed the bodies"
            in_order = sorted(picked, key=lambda q: q.start)
            heads = [i for i, q in enumerate(in_order[:-1])
                     if q.best > 1 and not q.article and generic_head(sentence, q.end)
                     and sum(r.best for r in in_order[i + 1:]) <= q.best]
            if heads:
                picked = in_order[:heads[0] + 1]  # "Two people, a soldier and a civilian, were killed"
            if picked and kind != "missing" and cut is None:
                last = max(picked, key=lambda q: q.start)
                single = trailing_single(sentence, last.end, m.start())
                if (single is not None and not last.article
                        and _AUX_ONLY.fullmatch(sentence, single[0], m.start())):
                    # "two militia members and the district police chief were executed"
                    extra.append(Casualty(kind, Quantity(1, None, None, single[0], single[0], "", article=True),
                                          attackers=single[1]))
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
            part = bool(_AMONG_THE.search(sentence, max(0, m.start() - 30), m.start()))
            for q in picked:
                used.add(q.start)
                out.append(Casualty(kind, q, attackers=_is_attacker(sentence, q), also=also, part=part))
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
        pair = _PAIR_SUBJECT.search(before) or _NAME_PAIR.search(before)
        if kind != "missing" and word not in _NOUN_TRIGGERS and pair and not re.search(r"\d", pair.group()):
            # "The police chief and a bodyguard were killed": two single victims joined by "and"
            two = Quantity(2, None, None, m.start(), m.start(), pair.group(), article=True)
            out.append(Casualty(kind, two, also=bool(_ALSO.search(pair.group()))))
        elif (kind != "missing" and m.group().lower() not in {"deaths", "death", "bodies", "body", "injuries", "wounds"}
                and (_SINGULAR_PASSIVE.search(before) or _HEADLINE_SUBJECT.search(before[-90:])
                     or (_ONE_DIES.fullmatch(m.group()) and not _PLURAL_SUBJECT.search(before)))
                and not _NEGATIVE_SUBJECT.search(before)):
            one = Quantity(1, None, None, m.start(), m.start(), "", article=True)
            subj = sentence[max(lo, m.start() - 60):m.start()]
            out.append(Casualty(kind, one, attackers=bool(_ATTACKER_NOUN.search(subj) and re.search(
                r"(?:bomber|attacker|assailant|militant|terrorist|gunman)\b", subj, re.IGNORECASE)),
                also=bool(_ALSO.search(subj))))
        if word not in _NOUN_TRIGGERS:
            prev_end = m.end()
    return out
