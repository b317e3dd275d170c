"""How English reports phrase casualties: the trigger words and the shapes of subjects and objects around
them. numbers_find.py reads a sentence with these patterns."""

from __future__ import annotations

import re

from sitrep.extract.numbers_lists import HEADLINE_PERSON, SINGLE_PERSON
from sitrep.extract.stems import guarded

_ATTACKER_NOUN = re.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?:militants?|assailants?|attackers?|terrorists?|insurgents?|gunm[ae]n|"
    r"(?:suicide\s+)?bombers?|kidnappers?|abductors?|kh(?:a|aw|w)arij|khawaarij|taliban|fighters?|rebels?|"
    r"of\s+the\s+(?:militants|assailants|attackers|terrorists|insurgents|gunmen|bombers))\b",
    re.IGNORECASE,
)
_ASIDE = re.compile(r",\s*(?:including|among\s+them|among\s+whom|of\s+whom|such\s+as)\b[^,;]*,", re.IGNORECASE)
_ARTICLE_OBJECT = re.compile(r"\s+(?:a|an|one)\s+(?!number\b|few\b|lot\b|total\b|series\b|dozen\b)[\w-]+",
                             re.IGNORECASE)
# "killed the former district governor", "killed al-Qaeda leader Ayman al-Zawahiri": one named victim.
# A capitalised plural names a people, not a person: "abducted Americans", "killed Hazaras" give no count
_PEOPLE_PLURAL = (r"(?![A-Z][a-z]+(?:ans|ese|ims|hs)\b(?!\s+[A-Z])|"
                  r"(?:Pakistanis|Iraqis|Israelis|Saudis|Yemenis|Somalis|"
                  r"Kashmiris|Punjabis|Sindhis|Bangladeshis|Nepalis|Hazaras|Shias|Sunnis|Hindus|Uzbeks|Tajiks|"
                  r"Turkmens|Kurds|Arabs|Jews|Baloch|Pashtuns)\b)")
_NAMED_OBJECT = re.compile(r"\s+" + _PEOPLE_PLURAL
                           + r"(?:(?:(?!(?:in|at|on|of|near|and|from|with|by|to|for|after|the|a|an)\s)"
                           r"[a-z][\w'’.-]*[^s\W]\s+){0,3}[A-Z][\w'’.-]*(?:\s+(?:[A-Z]|(?:al|el|ul|ud|bin|ibn)\b)[\w'’.-]*){0,4}|"
                           r"the\s+(?:[\w-]+\s+){0,4}?[a-z]\w*[^s\W])"
                           r"(?=\s*(?:[,.;(]|$|\s(?:of|in|at|on|near|and|while|who|inside|outside|after|as|from|before|during|"
                           r"when)\b))")

_KILL = (r"to\s+death|killed|killing|kills|kill|dead|died|dies|die|martyred|martyring|slain|perished|shot\s+dead|"
         r"gunned\s+down|guns?\s+down|gunning\s+down|"
         r"embraced\s+(?:shahadat|martyrdom)|sent\s+to\s+hell|neutrali[sz]ed|laid\s+down\s+(?:their|his|her)\s+(?:lives|life)|"
         r"lost\s+(?:their|his|her)\s+(?:lives?|life)|succumbed|"
         # "the army said it lost three soldiers": a side that lost men lost them dead
         r"lost(?=\s+(?:at\s+least\s+|more\s+than\s+|about\s+|around\s+|nearly\s+|some\s+)?"
         r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|"
         r"a\s+dozen|dozens\s+of|scores\s+of|hundreds\s+of)\s+"
         r"(?:of\s+(?:its|their|his|our)\s+)?(?:[\w-]+\s+)?(?:soldiers|troops|men|fighters|personnel|members|"
         r"policemen|officers|comrades|commandos|guards|jawans)\b)|deaths?(?!\s+squads?)|fatalities|"
         r"fatally\s+(?:shot|wounded|injured)|"
         r"beheaded|executed|lifeless|lynched|claimed\s+the\s+lives\s+of|bodies|body|death\s+toll")
_WOUND = (r"(?:suffered|sustained|received)\s+(?:\w+\s+)?(?:injuries|wounds|burns)|"
          r"(?:treated|hospitali[sz]ed)\s+for\s+(?:\w+\s+)?(?:injuries|wounds|burns)|"
          r"(?:taken|rushed|shifted|admitted|brought|moved|evacuated)\s+to\s+(?:a\s+|the\s+)?(?:[\w-]+\s+)?hospitals?"
          r"(?:\s+[\w-]+){0,4}?\s+(?:with|for)\s+(?:\w+\s+)?(?:injuries|wounds|burns|treatment)|"
          r"wounded|wounding|injured|injuring|injures|injure|"
          r"hurt|injuries|wounds")
_MISS = r"abducted|abducting|kidnapped|kidnapping|missing|taken\s+hostage|held\s+hostage|captured"
_TRIGGER = re.compile(rf"\b(?:(?P<k>{_KILL})|(?P<w>{_WOUND})|(?P<m>{_MISS}))\b", re.IGNORECASE)
# Headlines speak in the present: "blast kills two, injures five", "gunmen gun down a policeman".
_FORWARD_VERBS = re.compile(r"^(?:kill(?:ed|ing|s)?|lost$|martyring|wound(?:ed|ing|s)|injur(?:ed|ing|es|e)|"
                            r"abduct(?:ed|ing)|kidnap(?:ped|ping)|claimed\s+the\s+lives\s+of|bodies|body|death\s+toll|executed|"
                            r"beheaded|gunned\s+down|guns?\s+down|gunning\s+down|shot\s+dead|captured|lynched)",
                            re.IGNORECASE)
# How a toll moves, in the past and in a headline's present ("rose to", "rises to", "reaches")
TOLL_MOVES = (r"rose|rises|risen|rising|climbed|climbs|jumped|jumps|reached|reaches|increased|increases|stood|"
              r"stands")
_TOLL = re.compile(r"(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities))\s+(?:\w+\s+){0,3}?"
                   rf"(?:{TOLL_MOVES}|is|was|has\s+risen|to)\b", re.IGNORECASE)
_SINGULAR_PASSIVE = re.compile(r"\b(?:was|has\s+been|had\s+been|is|got|gets)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# Headlines drop the auxiliary: "Pakistani soldier killed by Indian fire", "Woman said killed in shelling".
_HEADLINE_SUBJECT = re.compile(
    rf"\b{HEADLINE_PERSON}\s+(?:(?:guarding|escorting|protecting|assigned\s+to|on|of)\s+(?:[\w-]+\s+){{0,3}}?)?"
    r"(?:(?:reportedly|said|reported)\s+)?$", re.IGNORECASE)
# ... and an object without an article: "Gunmen kill constable escorting polio team", "kills Pakistani boy"
_HEADLINE_OBJECT = re.compile(
    r"\s+(?:(?!(?:in|at|on|near|and|after|as|with|by|for|from|to|of|the|a|an|one|two|three|four|five|six|seven|"
    rf"eight|nine|ten)\s)[\w'’-]+\s+){{0,3}}?{HEADLINE_PERSON}\b(?![\w'’-])"
    r"(?=\s*(?:[,.;:(]|$|\s(?:in|at|on|of|near|and|while|who|after|as|from|during|outside|inside|guarding|escorting|"
    r"protecting|assigned)\b))", re.IGNORECASE)
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
_THE_DEAD = re.compile(r"\b(?:bod(?:y|ies)|dead|remains|corpses?)\b", re.IGNORECASE)
# A count joined by "and" to what follows: "three police officers and ".
_COUNT_AND = re.compile(r"\w[\w\s'’-]{0,40}?,?\s+and\s+$", re.IGNORECASE)
# Nothing but the auxiliary between a subject and its predicate.
_AUX_ONLY = re.compile(r"\s*,?\s*(?:also\s+)?(?:were|was|have\s+been|had\s+been|got)?\s*(?:\w+\s+)?",
                       re.IGNORECASE)
_AMONG_THE = re.compile(r"\b(?:was|were|is|are)\s+(?:also\s+)?among\s+(?:the|those)\s+$", re.IGNORECASE)
# Two named people joined by "and": "Lieutenant Colonel X Y and Captain Z W also embraced shahadat".
_NAME_PAIR = re.compile(r"(?:^\s*|[,;:]\s*|\b(?:while|as|but|when)\s+)(?:[A-Z][\w'’.-]*\s+){1,6}and\s+"
                        r"(?:[A-Z][\w'’.-]*\s+){1,6}(?:also\s+)?(?:were\s+|have\s+been\s+|had\s+been\s+|got\s+)?"
                        r"(?:[a-z]+\s+)?$")
# A name set off by commas after a common noun: "his son, Abdul Aziz, was".
_APPOSITIVE_NAME = re.compile(r"(\b[a-z]{2,})(,\s*(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*\s*,)"
                              r"(?=\s*(?:were|was|and|have|had)\b)")
_BOUNDARY = re.compile(r"[;:]|\b(?:while|but|whereas|because|whom|which)\b", re.IGNORECASE)
_CONJOIN = re.compile(r"^[^.;:]{0,60}$")
# Between two counts, a verb of their own ("ten hostages were released and one was shot") or "with" ("the toll
# rose to 44, with 150 wounded") ends the subject list: the earlier count belongs to another predicate.
_OWN_PREDICATE = re.compile(r"\b(?:were|was|are|is|had|have|has|with)\b", re.IGNORECASE)
# A count after a comma that a speech verb follows is who tells the toll: "..., a doctor at the hospital said".
_SOURCE_AFTER = re.compile(r"[^,;.]{0,60}?\b(?:said|says|told|added|confirmed|reported)\b", re.IGNORECASE)
_ALSO = re.compile(r"\balso\b|\bas\s+well\b|\bin\s+addition\b|\bbesides\b|\badditional\b|\ba\s+further\b",
                   re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:were|was|been|be|are|is|got|get|being)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# A kind named with a count-less quantifier ("several were wounded", "several protesters and a policeman were
# injured"): the kind is mentioned without a number, so no earlier count may stand in for it.
_VAGUE_SUBJECT = re.compile(
    r"\b(?:several|(?<!as\s)many|a\s+few|numerous|dozens(?:\s+of)?|an?\s+(?:unknown|unspecified|undisclosed)\s+number\s+of|"
    r"a\s+number\s+of)\s+[^,;.\d]{0,60}?(?:were|was|had\s+been|have\s+been|are|is|got)\s+(?:\w+\s+)?$",
    re.IGNORECASE)
_NO_SUBJECT = re.compile(r"\b(?:no|none\s+of\s+the)\s+(?:[\w-]+\s+){0,6}?(?:was|were|has\s+been|have\s+been|"
                         r"had\s+been|got)\s+(?:\w+\s+)?$", re.IGNORECASE)
# "did not say who had been killed": a question about victims, not a victim.
_WHO_ASKED = guarded(r"\b(?:say|said|know|known|clear|unclear|confirm|confirmed|identify|identified|determine|"
                     r"tell|reveal|disclose)\s+(?:\w+\s+)?(?:who|how\s+many)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# "one of the dead", "two of those injured": a part of a total told elsewhere.
_PARTITIVE = re.compile(r"\s+of\s+(?:the|those)\s+(?:\w+\s+)?(?:dead|killed|injured|wounded|victims|deceased|"
                        r"casualties|bodies|slain|hurt)\b", re.IGNORECASE)
# "was injured and later succumbed": the wounded person died.
_DIED_LATER = re.compile(r"\s*(?:\w+\s+){0,3}?and\s+(?:later\s+|subsequently\s+|then\s+|eventually\s+)?"
                         r"(?:succumbed|died)\b", re.IGNORECASE)
# Parenthetical names and ranks, and relative clauses, say who a victim is, not how many there are.
_MASKED = re.compile(r"\([^()]{0,80}\)|,\s*(?:who|whose)\b[^,;.]{0,100},")
_THE_NOUN = re.compile(r"(?<!\bof\s)\bthe\s+$", re.IGNORECASE)  # but "30 of the injured" is a part
_PARTICIPLE_NOUNS = frozenset({"injured", "wounded", "killed", "hurt", "missing", "abducted", "kidnapped"})
_STRICT_NOUNS = frozenset({"deaths", "death", "bodies", "body", "injuries", "wounds", "fatalities"})
_NOUN_TRIGGERS = frozenset({"deaths", "death", "bodies", "body", "injuries", "wounds", "fatalities", "dead"})
_BACK_WINDOW = 160
_FWD_WINDOW = 80
