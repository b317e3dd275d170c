"""Event type and sub-event type from trigger words, refined by the kinds of the two actors.

Rules are tried in precedence order (a suicide bombing is a suicide bombing even when a gunfight
follows); the first rule that matches wins. Sentences that talk about violence without reporting an
event (threats, plans, statistics) are recognised so that the extractor can skip them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from sitrep.extract.numbers_lists import HEADLINE_PERSON
from sitrep.extract.stems import Guarded, guarded
from sitrep.knowledge.taxonomy import (
    BATTLES,
    EXPLOSIONS,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    VIOLENCE_AGAINST_CIVILIANS,
)


@dataclass(frozen=True, slots=True)
class Classification:
    """An event type, its sub-type and the trigger words they were read from."""

    event_type: str
    sub_event_type: str
    trigger: str
    start: int = -1
    end: int = -1

    def replace(self, event_type: str, sub_event_type: str) -> Classification:
        return Classification(event_type, sub_event_type, self.trigger, self.start, self.end)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _guarded(pattern: str) -> Guarded:
    """A pattern that most sentences do not match: texts without a word it needs are not searched."""
    return guarded(pattern, re.IGNORECASE)


# (event type, sub-event type, pattern) in precedence order.
VIOLENT_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (EXPLOSIONS, "Suicide bomb", _rx(
        r"\bsuicide[- ](?:bomb\w*|attack\w*|blast|explosion|car|vehicle|truck|attempt)|"
        r"\bsuicide(?<!\bwearing\ssuicide)(?<!\bwith\ssuicide)(?<!\band\ssuicide)[- ](?:vest|jacket)s?\b"
        r"(?!\s+(?:and|were|was)\b)|"
        r"\bbombers?\s+(?:struck|hit|attacked|targeted)|"
        r"\bdetonated\s+(?:his|her|their)\s+(?:explosive\s+|suicide\s+)?(?:vests?|jackets?)|"
        r"\bblew\s+(?:himself|herself|themselves)\s+up|\bself[- ]detonat\w*|\bexplosive[s]?\s+(?:vest|jacket)|"
        # a vehicle full of explosives driven into a target: its driver dies in the blast
        r"\b(?:rammed|drove|crashed)\s+(?:an?\s+|two\s+|three\s+|his\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:explosives?|bomb)[\w-]*(?:[- ](?:laden|filled|packed))?\s+(?:vehicles?|cars?|trucks?|vans?|pickups?)\b")),
    (EXPLOSIONS, "Air/drone strike", _rx(
        r"\bair[- ]?strikes?\b|\bair\s+raids?\b|\bdrone\s+(?:strikes?|attacks?)\b|\bdrones?\s+(?:struck|targeted|"
        r"fired|hit|dropped)|\bquadcopters?\b|\baerial\s+(?:bombardment|bombing|attacks?|strikes?)|"
        r"\b(?:fighter\s+)?(?:jets?|aircraft|warplanes?|planes|fighter\s+bombers?)\s+(?:had\s+|have\s+|were\s+|was\s+)?"
        r"(?:struck|bombed|bombing|pounded|pounding|targeted|targeting|hit|hitting|attacked|attacking|carried\s+out)|\bbombed\s+from\s+the\s+air|"
        r"\b(?:carried\s+out|conducted|launched)\s+(?:\w+\s+){0,2}?strikes\b|\b(?:used|using|with)\s+(?:an?\s+)?"
        r"(?:armed\s+)?drones?\b|\bdrones?\s+to\s+(?:target|attack|strike|bomb)|"
        r"\bhelicopter\s+gunships?\b|\bairstrikes?\b|\bdropp(?:ed|ing)\s+(?:\w+\s+)?bombs\b|"
        r"\bdrones?\s+for\s+(?:air\s+)?strikes\b|\bair\s+and\s+(?:ground|artillery|drone|missile)\s+(?:strikes|attacks)\b")),
    (EXPLOSIONS, "Chemical weapon", _rx(r"\bchemical\s+(?:weapons?|attack)|\bpoison(?:ous)?\s+gas\b|\bnerve\s+agent")),
    (EXPLOSIONS, "Grenade", _rx(r"(?<!propelled )(?<!propelled-)\bgrenades?\b(?!\s+launcher)")),
    (EXPLOSIONS, "Shelling/artillery/missile attack", _rx(
        r"\bmortars?\b|\bartillery\b|\bshell(?:s|ed|ing)\b|\brockets?\b(?![- ]propelled)|\bmissiles?\b|"
        r"\bheavy\s+weapons\s+fire|\bgrenade[- ]launchers?\b|"
        r"\b(?:fired|firing|used|using)\s+(?:with\s+)?heavy\s+weapon(?:s|ry)\b")),
    (EXPLOSIONS, "Remote explosive/landmine/IED", _rx(
        r"\bieds?\b|\bimprovised\s+explosive|\broadside\s+(?:bomb|blast|explosion|device|mine)|\bland\s?mines?\b|"
        r"\bmine\s+(?:blast|explosion)|\bplanted\s+(?:a\s+)?(?:bomb|explosive|device)|\bmagnetic\s+(?:bomb|device|mine)|"
        r"\bsticky\s+bomb|\bremote(?:ly)?[- ]?(?:control(?:led)?\s+)?(?:bomb|device|detonat\w*)|"
        r"\bexplosive\s+device|\bexplosives?[- ]laden|\bvehicle[- ]borne|\bcar\s+bomb|"
        r"\bbomb\s+(?:blast|explosion|attack)|\b(?:attack(?:ed|s)?|targeted|struck|hit)\s+(?:[^\s.;]+\s+){0,10}?"
        r"(?:with|using)\s+(?:an?\s+)?(?:[\w-]+\s+)?bombs?\b|"
        r"\bbomb\s+(?:exploded|went\s+off|detonated)|\bbombs?\s+(?:kill(?:s|ed)?|wound(?:s|ed)?|injur(?:es|ed)|"
        r"hits?|explodes)\b|\bblasts?\b|\bexplosions?\b|\bexploded\b|\bdetonated\b|"
        r"\bwent\s+off\b(?!\s+(?:the\s+)?(?:road|track|rails|highway|cliff|bridge|course))|"
        r"\bblew(?<!\bit\sblew)(?<!\ball\sblew)(?<!\bthings\sblew)(?<!\btensions\sblew)(?<!\beverything\sblew)\s+up\b|\bblown\s+up\b|\bbombings?\b|\bbombed\b|\bexplosives\b")),
    (VIOLENCE_AGAINST_CIVILIANS, "Sexual violence", _rx(r"\braped\b|\brape\b|\bsexual(?:ly)?\s+(?:assault|abuse)\w*")),
    # forces that end a siege or a hostage-taking fight the side that held it: read before the hostages
    (BATTLES, "Armed clash", _rx(
        r"\b(?:ended|ending|ends|broke|broken|breaking|lifted|lifting)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:siege|stand-?off|hostage\s+(?:crisis|situation))\b|"
        r"\b(?:hostage[- ])?rescue\s+operation\b")),
    (VIOLENCE_AGAINST_CIVILIANS, "Abduction/forced disappearance", _rx(
        r"\babduct\w*|\bkidnap\w*|\btaken\s+hostage|\bheld\s+hostage|\bhostages?\b|\bforced(?:ly)?\s+disappear\w*|"
        r"\bwhisked\s+away|\bwent\s+missing|\btook\s+(?:them|him|her|\w+\s+\w+)\s+away\b|\btook\s+away\b|"
        r"\bcarried\s+off\b|\bhijack\w*")),
    (BATTLES, "Non-state actor overtakes territory", _rx(
        r"\b(?:overran|overrun|seized\s+control|took\s+control|captured|capture\s+of|taken\s+over|took\s+over|"
        r"fell\s+to|fall\s+of)\b"
        r"(?=[^.]{0,60}\b(?:district|town|village|post|checkpoint|base|area|city|centre|center|headquarters|"
        r"crossing|valley)\b)|"
        r"\b(?:seized|took|taken|taking|seizing)\s+control\s+of\s+(?=(?-i:[A-Z])[\w'’-]+)")),
    (BATTLES, "Government regains territory", _rx(
        r"\b(?:recaptured|retook|regained\s+control|retaken|cleared\s+(?:the\s+)?(?:area|district|town|village)s?|"
        r"wrested\s+control|liberated)\b")),
    (BATTLES, "Armed clash", _rx(
        r"\bgun[- ]?fights?\b|\bgun[- ]?battles?\b|"
        r"\b(?:another|an?\s+(?:armed|intense|fierce|heavy|brief|separate)|armed|intense|fierce)\s+engagements?\b|"
        r"\bfire[- ]?fights?\b|\bclash(?:es|ed)?\b|"
        r"\bexchange[sd]?\s+(?:of\s+)?fire|\bexchanging\s+fire|\btrad(?:ed|ing)\s+(?:heavy\s+|gun\s*)?fire\b|\bencounters?\b|\bskirmish\w*|\bambush\w*|"
        r"\bfighting\b|\bfought\b|\bin-?fighting\b|\bcross[- ]border\s+(?:fire|firing|attacks?|clashes)|"
        r"\bintelligence[- ]based\s+operation|\b(?:killed|died|wounded|injured)\s+in\s+(?:the\s+|today's\s+|"
        r"yesterday's\s+|these\s+|those\s+)?(?:\w+\s+)?(?:exchanges|clashes|cross-?fire|fighting|gun\s?battles?)\b|\b(?:search|clearance|security|military)\s+"
        r"operation|\bstormed\b|\bassault(?:ed)?\s+on\b|\b(?:initiated|opened)\s+fire\s+(?:on|at|against)\s+(?:the\s+)?"
        r"(?:[\w-]+\s+){0,2}?(?:personnel|police|soldiers|troops|forces|post|checkpost|patrol|convoy)|"
        r"\b(?:attack(?:ed|s)?|targeted)\s+(?:on\s+)?(?:a|an|the|two|"
        r"several)?\s*(?:\w+\s+){0,2}(?:post|checkpost|check\s+post|checkpoint|outpost|base|camp|convoy|"
        r"station|headquarters|compound|patrol)")),
    (VIOLENCE_AGAINST_CIVILIANS, "Attack", _rx(
        r"\bshot\b|\bshooting\b|\bopened\s+fire|\bfired\s+(?:[\w-]+\s+){0,4}?(?:at|on|upon|towards?)\b|\bgunned\s+down|\bshot\s+dead|"
        r"\btargeted\s+killing|\bkilled\b|\bkilling\b|\bguns?\s+down\b|"
        # "martyred in Indian firing", "firing ... leaves one dead": deaths told through the fire that caused them
        r"\b(?:firing|gunfire)\b(?=[^.;]{0,60}\b(?:kill\w*|dead|died|deaths?|martyr\w*|injur\w*|wound\w*)\b)|"
        r"\b(?:killed|martyred|died|dies|dead|deaths?|injured|wounded|hurt)\s+(?:\w+\s+){0,2}?in\s+"
        r"(?:(?:\w+\s+){0,3}?(?:firing|gunfire)|(?:[\w-]+\s+)?(?:(?-i:[A-Z])[\w-]+|border|cross-border|enemy|sniper|"
        r"mortar|artillery|gun|rocket|hostile)\s+fire)\b|"
        r"\bkills?\s+(?=\d|at\s+least|more\s+than|up\s+to|an?\s|the\s|one\b|two\b|three\b|four\b|five\b|six\b|"
        r"seven\b|eight\b|nine\b|ten\b|eleven\b|twelve\b|several\b|dozens\b|scores\b|many\b|(?:[\w-]+\s+){0,2}"
        rf"(?:people|civilians|soldiers|troops|militants|policemen|police|guards|villagers|children|women|men|"
        rf"{HEADLINE_PERSON})\b)|\bstabb\w*|\bbeheaded|\btortur\w*|\bexecuted|\blynch\w*|"
        r"\bbeat(?:en)?\s+to\s+death|\braided\b|\battack(?:ed|s)?\b|"
        # "two attackers struck a mosque": armed men as the subject make "struck" an attack
        r"\b(?:gunmen|attackers|assailants|militants|insurgents|terrorists|fighters)\s+(?:[\w-]+\s+)?"
        r"(?:struck|hit)\s+(?:a|an|the|two|three|several)\b|\bassault(?:ed)?\b|\bmurder\w*|\bslain\b|\bassassinat\w*|"
        r"\btargeted(?<!\bhas\stargeted)(?<!\bhave\stargeted)(?<!\bhad\stargeted)(?<!\blong\stargeted)(?<!\boften\stargeted)(?<!\brepeatedly\stargeted)(?<!\bpreviously\stargeted)"
        r"(?<!\bfrequently\stargeted)(?<!\bregularly\stargeted)\s+(?:a|an|the|his|her|their)\b|\b(?:injured|wounded)\s+(?:a|an|the|two|three|four|five|\d+)\s|"
        r"\bset\s+(?:\w+\s+)?(?:on\s+)?fire\s+to\s+(?:a\s+)?(?:person|man|woman)")),
)

PROTEST_RULE = _guarded(r"\bprotest(?<!\bover\sthe\sprotest)(?<!\bdespite\sthe\sprotest)(?<!\bdespite\sprotest)\w*|"
                        r"\brall(?:y|ies|ied)\b|\bdemonstrat(?:ion|ions|ors|ed)\b|\bsit-?ins?\b|"
                        r"\bshutter[- ]down\b|\bwheel[- ]jam\b|\bmarched\b|\bagitation\b|\bboycott\w*")
PROTEST_INTERVENTION = _rx(r"\btear[- ]?gas|\bbaton[- ]?charg\w*|\blathi[- ]?charg\w*|\bdispers\w*|\barrest\w*|"
                           r"\bdetain\w*|\bwater\s+cannons?|\brubber\s+bullets")
RIOT_RULE = _guarded(r"\btorched\b|\bset\s+(?:\w+\s+){0,3}(?:on\s+fire|ablaze)|\bpelt\w*\s+stones|\bstone[- ]pelting|"
                     r"\bransack\w*|\bvandali[sz]\w*|\bclashed\s+with\s+(?:the\s+)?police|\bblocked\b|\brampage")
MOB_RULE = _guarded(r"\bmob\b|\blynch\w*|\bangry\s+crowd")

STRATEGIC_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Agreement", _rx(r"\bcease[- ]?fire\b|\btruce\b|\bpeace\s+(?:deal|agreement|accord|talks)|\bagreement\b|"
                      r"\bagreed\s+(?:to|on|upon)|\bprisoner\s+(?:exchange|swap)|\bswap\s+of\s+prisoners|"
                      r"\bsigned\s+(?:a|an)\s+(?:deal|accord|pact)|\bdeal\s+to\s+reopen")),
    ("Disrupted weapons use", _rx(r"\bdefused\b|\bdiffused\b|\bdefusing\b|\bfoiled\b|\bthwarted\b|\baverted\b|"
                                  r"\bbomb\s+disposal\s+squad\b|\b(?:recovered|seized|confiscated|found)\s+"
                                  r"(?:\w+\s+){0,4}(?:explosives?|weapons|arms|ammunition|rockets|grenades|detonators|"
                                  r"(?:suicide|explosive)\s+vests?)|"
                                  # "explosive vests it said were seized": the same, told in the passive
                                  r"\b(?:explosives?|weapons|arms|ammunition|rockets|grenades|detonators|vests?)\s+"
                                  r"(?:[\w'’-]+\s+){0,3}?(?:were|was|had\s+been|have\s+been|being)\s+"
                                  r"(?:recovered|seized|confiscated|found)\b|"
                                  r"\b(?:weapons?|arms)\s+(?:cache|depot|dump)s?\b|\bcache\s+of\b")),
    ("Arrests", _rx(r"\barrest(?:ed|s)?\b|\bdetained\b|\bapprehended\b|\btaken\s+into\s+custody|\bnabbed\b|"
                    r"\bheld\s+(?:\w+\s+){0,2}suspects")),
    ("Other", _rx(r"\b(?:border|crossing|border\s+crossing|gate|torkham|chaman|ghulam\s+khan|angoor\s+adda|kharlachi)\b"
                  # "remains closed", "shut since the fighting": a state that goes on, not an act
                  r"[^.]{0,60}\b(?<!remains\s)(?<!remain\s)(?<!remained\s)(?<!still\s)(?<!stay\s)(?<!stays\s)"
                  r"(?:closed|shut|sealed|reopened|re-opened|suspended|resumed)\b(?!\s+since\b)|"
                  r"\b(?:closed|shut|sealed|reopened|re-opened|closure\s+of|reopening\s+of)\b[^.]{0,40}\b(?:border|"
                  r"crossing|gate|torkham|chaman|trade\s+route|transit\s+route)\b")),
    ("Headquarters or base established", _rx(r"\b(?:established|set\s+up|opened|built)\s+(?:a\s+|an\s+|its\s+|"
                                             r"their\s+)?(?:[\w-]+\s+){0,2}?(?:base|headquarters|camp|office|"
                                             r"post|outpost)s?\b")),
    ("Non-violent transfer of territory", _rx(r"\bwithdr[eaw]w?n?\s+from\b|\bhanded\s+over\s+(?:control|the\s+area)|"
                                              r"\bsurrendered\s+(?:the\s+)?(?:district|town|area|post)")),
    ("Change to group/activity", _rx(r"\bdeploy(?:ed|s|ment)\b|\bappointed\b|\bnew\s+(?:leader|chief|emir|head)\b|"
                                     r"\bnamed\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?(?:leader|chief|emir)|\bmerg(?:ed|er)\b|"
                                     r"\bsplinter\w*|\bannounced\s+(?:the\s+)?(?:formation|launch)|\blaunched\s+"
                                     r"(?:a\s+)?(?:new\s+)?(?:campaign|offensive|military\s+operation)|\bsurrender(?:ed)?\b|"
                                     r"\bjoined\s+(?:the\s+)?(?:ttp|tehreek|group)|\bpledg\w*\s+(?:\w+\s+){0,2}allegiance|"
                                     r"\breunif\w+|\bbroke\s+away\b")),
    ("Looting/property destruction", _rx(r"\btorched\b|\bset\s+(?:\w+\s+){0,3}(?:on\s+fire|ablaze)|"
                                         r"\b(?:set|sets|setting)\s+fire\s+to\b|"
                                         r"\bburn(?:ed|t)\s+down|"
                                         r"\bdemolish\w*|\bvandali[sz]\w*|\bloot\w*|\b(?:destroyed|damaged)\b"
                                         # "damaged ties with its neighbour", "destroyed their credibility"
                                         r"(?!\s+(?:(?:its|their|his|her|the|our|any|all)\s+)?(?:\w+\s+)?"
                                         r"(?:relations?(?:hip)?s?|ties|reputation|credibility|image|trust|"
                                         r"economy|prospects|standing|chances|morale|confidence)\b)")),
)

_DISRUPTED = _guarded(r"\bdefus(?:ed|ing)\b|\bdiffused\b|\bfoiled\b|\bthwarted\b|\baverted\b|\b(?:recovered|seized|"
                      r"confiscated|found|discovered)\b|\barrested\b|\bintercepted\b")
_DETONATED = _rx(r"\bexplod\w*|\bdetonat(?:ed|ion)\b(?!\s+the\s+device\s+safely)|\bwent\s+off|\bblasts?\b|"
                 r"\bexplosions?\b|\bkill\w*|\binjur\w*|\bwound\w*|\bdead\b|\bdied\b|\bblew\b")

_FOUGHT = _rx(r"\bkill\w*|\bdead\b|\bdied\b|\bfire\b|\bfiring\b|\bclash\w*|\bgun\w*|\binjur\w*|\bwound\w*|"
              r"\bshot\b|\bmartyr\w*|\bshahadat\b|\bneutrali[sz]\w*|\bexchange")
_BOMBINGS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Air/drone strike"})
_BACKGROUND_CLAUSE = _rx(r"\b(?:after|following|since|amid|ending|to\s+end|that\s+ended)\b")

# Talk about violence that is not a report of an event.
_HYPOTHETICAL = _rx(
    r"\b(?:could|might|may|would|will|shall|should|plans?\s+to|planning\s+to|threat(?:en(?:ed|s)?)?\s+to|"
    r"ordered|urged|called\s+on|instructed|directed|told\s+(?:its|their|his)\s+\w+\s+to|"
    r"warn(?:ed|s|ing)?|vow(?:ed|s)?|intends?\s+to|likely\s+to|risk\s+of|fears?\s+of|possible|if|unless|"
    r"in\s+case\s+of|capable\s+of|aims?\s+to|seeks?\s+to|hinted|threatens?|would-be)\b")
_STATISTICS = _guarded(
    r"\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)|\b(?:rose|rise|increase[sd]?|decline[sd]?|surge[sd]?|uptick|spike|"
    r"drop(?:ped)?|fell)\s+(?:in|of|by)\b|\battacks\s+(?:have\s+)?(?:rose|risen|increased|surged|declined|doubled)|"
    r"\bso\s+far\s+this\s+year|\bsince\s+the\s+start\s+of|\bin\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|decades?|"
    r"months)|\bannual\b|\bper\s+year|\bevery\s+year|\bon\s+average|\bfor\s+decades|\bhistorically|"
    r"\bsince\s+(?:(?:late|early|mid|the\s+(?:end|start|beginning|middle)\s+of)[\s-]+)?(?:19|20)\d\d")


# Words without which a rule cannot match (lower case): a substring test skips most rules at a fraction of
# a regular expression's cost. tests/test_extract_clauses.py checks that no rule matches without them.
STEMS: dict[str, tuple[str, ...]] = {
    "Suicide bomb": ("suicide", "blew", "self", "explosive", "bomber", "detonated", "rammed", "drove", "crashed"),
    "Air/drone strike": ("air", "drone", "quadcopter", "aerial", "jet", "aircraft", "plane", "bomb", "helicopter",
                         "strikes"),
    "Chemical weapon": ("chemical", "poison", "nerve"),
    "Grenade": ("grenade",),
    "Shelling/artillery/missile attack": ("mortar", "artiller", "shell", "rocket", "missile", "heavy weapon",
                                          "grenade"),
    "Remote explosive/landmine/IED": ("ied", "improvised", "roadside", "mine", "planted", "magnetic", "sticky",
                                      "remote", "explosi", "laden", "borne", "bomb", "blast", "exploded",
                                      "detonat", "went off", "blew", "blown"),
    "Sexual violence": ("rape", "sexual"),
    "Abduction/forced disappearance": ("abduct", "kidnap", "hostage", "disappear", "whisked", "missing", "took",
                                       "carried off", "hijack"),
    "Non-state actor overtakes territory": ("overr", "seized", "took", "captur", "taken", "fell", "fall of"),
    "Government regains territory": ("recaptured", "retook", "regained", "retaken", "cleared", "wrested",
                                     "liberated"),
    "Armed clash": ("siege", "stand", "hostage", "rescue", "engagement", "gun", "fire", "clash", "exchang",
                    "encounter", "skirmish", "ambush", "fight", "fought", "cross", "operation", "stormed", "assault",
                    "attack", "targeted"),
    "Attack": ("shot", "shoot", "fire", "firing", "gun", "kill", "stab", "behead", "tortur", "execut", "lynch", "beat",
               "raided", "attack", "assault", "murder", "slain", "assassin", "set", "targeted", "injured",
               "wounded"),
    "Agreement": ("cease", "truce", "peace", "agreement", "agreed", "prisoner", "swap", "signed", "deal"),
    "Disrupted weapons use": ("defus", "diffus", "foiled", "thwarted", "averted", "disposal", "recovered",
                              "seized", "confiscated", "found", "cache", "depot", "dump"),
    "Arrests": ("arrest", "detained", "apprehended", "custody", "nabbed", "held"),
    "Other": ("border", "crossing", "gate", "torkham", "chaman", "ghulam", "angoor", "kharlachi", "route"),
    "Headquarters or base established": ("established", "set up", "opened", "built"),
    "Non-violent transfer of territory": ("withdr", "handed", "surrender"),
    "Change to group/activity": ("deploy", "appointed", "new", "named", "merg", "splinter", "announced",
                                 "launched", "surrender", "joined", "pledg", "reunif", "broke away"),
    "Looting/property destruction": ("torched", "set", "burn", "demolish", "vandal", "loot", "destroyed",
                                     "damaged"),
}


def _stem_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    subs_of: dict[str, set[str]] = {}
    for sub, stems in STEMS.items():
        for stem in stems:
            subs_of.setdefault(stem, set()).add(sub)
    for stem, subs in subs_of.items():
        auto.add_word(stem, frozenset(subs))
    auto.make_automaton()
    return auto


_STEM_AUTOMATON = _stem_automaton()


@lru_cache(maxsize=4096)
def _possible_subs(low: str) -> frozenset[str]:
    """The sub-event types whose stems occur in a lower-cased text: one pass over it for every rule."""
    found: set[str] = set()
    for _end, subs in _STEM_AUTOMATON.iter(low):
        found |= subs
    return frozenset(found)


def _possible(sub: str, low: str) -> bool:
    return sub in _possible_subs(low)


def _first(patterns: tuple[tuple[str, str, re.Pattern[str]], ...], text: str) -> Classification | None:
    possible = _possible_subs(text.lower())
    for etype, sub, rx in patterns:
        if sub not in possible:
            continue
        m = rx.search(text)
        if m:
            return Classification(etype, sub, m.group(), m.start(), m.end())
    return None


def classify_violence(text: str) -> Classification | None:
    """The violent event type a text reports (battles, explosions, violence against civilians)."""
    return _first(VIOLENT_RULES, text)


# A crowd that storms, burns or attacks: "supporters of the party stormed the residence", "protesters
# attacked police with stones"
CROWD_VIOLENCE = _guarded(r"\b(?:supporters|activists|workers|protesters|demonstrators|mob|crowds?|students|traders|"
                          r"mourners|villagers)\b[^.;]{0,60}?\b(?:stormed|torched|set\s+(?:\w+\s+){0,3}(?:on\s+fire|ablaze)|"
                          r"ransacked|attacked|pelted|vandali[sz]ed|burn(?:ed|t))\b")


# A government's formal complaint: "lodged a strong protest", "protested to the envoy", "a protest note"
_DIPLOMATIC_PROTEST = _rx(r"\b(?:lodg\w*|register\w*|fil(?:e|ed|ing)|convey\w*|made|make|issu\w*|deliver\w*)\s+"
                          r"(?:a\s+|an\s+|its\s+|their\s+)?(?:strong\s+|formal\s+|diplomatic\s+|official\s+)*protests?\b|"
                          r"\bprotest(?:ed|s)?\s+(?:note|to\s+the\s+(?:envoy|ambassador|embassy|charg[eé]|government))\b")


def classify_protest(text: str) -> Classification | None:
    """Protests and riots."""
    crowd = CROWD_VIOLENCE.search(text)
    if crowd:
        return Classification(RIOTS, "Violent demonstration", crowd.group(), crowd.start(), crowd.end())
    m = PROTEST_RULE.search(text)
    while m is not None and _DIPLOMATIC_PROTEST.search(text, max(0, m.start() - 40), m.end() + 12):
        m = PROTEST_RULE.search(text, m.end())  # "summoned the envoy to lodge a protest": a note, not a crowd
    mob = MOB_RULE.search(text)
    if mob and not m:
        return Classification(RIOTS, "Mob violence", mob.group(), mob.start(), mob.end())
    if not m:
        return None
    riot = RIOT_RULE.search(text)
    if riot:
        return Classification(RIOTS, "Violent demonstration", riot.group(), riot.start(), riot.end())
    if re.search(r"\b(?:killed|live\s+(?:fire|ammunition)|shot\s+dead|opened\s+fire)\b", text, re.IGNORECASE):
        return Classification(PROTESTS, "Excessive force against protesters", m.group(), m.start(), m.end())
    if PROTEST_INTERVENTION.search(text):
        return Classification(PROTESTS, "Protest with intervention", m.group(), m.start(), m.end())
    return Classification(PROTESTS, "Peaceful protest", m.group(), m.start(), m.end())


_STRATEGIC_ARRESTS = dict(STRATEGIC_RULES)["Arrests"]
_STRATEGIC_TYPED = tuple((STRATEGIC, sub, rx) for sub, rx in STRATEGIC_RULES)


_RECOVERY = _rx(r"recover|seiz|confiscat|found")


def classify_strategic(text: str) -> Classification | None:
    """Non-violent strategic developments."""
    found = _first(_STRATEGIC_TYPED, text)
    if found is not None and found.sub_event_type == "Disrupted weapons use" and _RECOVERY.search(found.trigger):
        # "arrested three suspects and recovered grenades from them": the arrests are the event, the arms
        # were theirs; a device defused or a plot foiled stays a disrupted attack
        arrest = _STRATEGIC_ARRESTS.search(text)
        if arrest is not None:
            return Classification(STRATEGIC, "Arrests", arrest.group(), arrest.start(), arrest.end())
    return found


# Clauses that tell what came before or what did not happen: "two days after a suicide attack on ...",
# "in retaliation for air strikes", "a faction that went on to carry out bombings", "without a shot being
# fired". The sentence's event is read from the rest when the rest names one.
# the act a side answers ("in retaliation for air strikes in Paktika") was the other side's, elsewhere
_ANSWERS = (r"in\s+(?:retaliation|response|revenge|reprisal)\s+(?:for|to)|(?:as\s+|in\s+)?(?:retaliation|revenge|"
            r"reprisal)\s+for|to\s+avenge|(?:a\s+)?(?:direct\s+)?response\s+to")
_EARLIER = _guarded(
    r"\b(?:(?:hours|a\s+day|one\s+day|two\s+days|three\s+days|days|a\s+week|weeks|a\s+month|months|a\s+year|"
    r"years)\s+(?:after|since)|" + _ANSWERS + "|"
    r"(?:following|after)\s+(?:last\s+)?\w+['’]s\s+(?:[\w-]+\s+)?(?:attacks?|strikes?|airstrikes?|bombings?|blasts?|"
    r"clashes|violence|fighting)|"
    r"(?:followed|follows|came\s+after|comes\s+after)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|"
    r"airstrikes?|bombings?|blasts?|clashes|raids?|shelling)|"
    r"(?:that|which|who)\s+(?:[\w-]+\s+){0,12}?(?:carr(?:y|ies|ied)\s+out|(?:has|have)\s+(?:claimed|carried))|"
    # "the group, which it blamed for recent attacks on troops in Bannu": what a side is blamed for
    r"(?:that|which|whom?)\s+(?:[\w-]+\s+){0,3}?(?:blamed|blames|accused|accuses|holds?\s+responsible|held\s+"
    r"responsible)\s+(?:\w+\s+)?for|"
    # "called off the truce after its commander was killed": the loss that moved a group is an earlier event
    r"after\s+(?:their|its|his|her|the\s+group['’]s)\s+(?:[\w-]+\s+)?(?:leader|chief|commander|founder|head|"
    r"spokesman)\s+(?:was|had\s+been)\s+(?:killed|assassinated|arrested|captured|detained))"
    r"\b[^.;:,]*")
# "crossings shut since the fighting on October 12": the time since an earlier event; the word "since" stays,
# so that "shut since ..." still reads as a state
_SINCE_EARLIER = _guarded(r"\bsince\s+(?P<x>(?:the\s+|last\s+\w+['’]s\s+)?(?:[\w-]+\s+){0,2}?(?:fighting|clashes|"
                          r"attacks?|strikes?|airstrikes?|bombings?|blasts?|violence|hostilities|war)\b[^.;:,]*)")
_RETALIATION = _guarded(r"\b(?:" + _ANSWERS + r")\b[^.;:,]*")
_NEGATED = _guarded(r"\b(?:without\s+(?:a\s+(?:single\s+)?)?(?:shots?|fight(?:ing)?|resistance|firing|bloodshed|"
                    r"violence)|no\s+shots?\s+(?:was|were)\s+fired)\b[^.;:,]*")


def _blank(rx: re.Pattern[str] | Guarded, text: str) -> str:
    return rx.sub(lambda m: " " * len(m.group()), text)


def _blank_span(text: str, m: re.Match[str]) -> str:
    """``text`` with one match blanked; offsets hold."""
    return text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]


@lru_cache(maxsize=4096)
def mask_background(text: str, *, negated: bool = True) -> str:
    """``text`` with clauses about earlier events blanked, and with ``negated`` also what did not happen
    ("without a shot being fired"); the length stays, so offsets hold."""
    text = _blank_earlier(text)
    return _blank(_NEGATED, text) if negated else text


def _blank_earlier(text: str) -> str:
    """``text`` with the clauses about earlier events blanked (offsets hold)."""
    text = _blank(_EARLIER, text)
    for m in _SINCE_EARLIER.finditer(text):
        text = text[:m.start("x")] + " " * (m.end("x") - m.start("x")) + text[m.end("x"):]
    return text


def mask_retaliation(text: str) -> str:
    """``text`` with the act it answers blanked ("a response to air strikes in Paktika"); offsets hold."""
    return _blank(_RETALIATION, text)


# "after", "following", "amid": when what is left is a development (a camp set up, a crossing closed), the
# violence is its reason, told in passing; a violent main clause keeps the whole sentence's reading.
_REASON = _guarded(r"\b(?:after|following|amid|over|due\s+to|because\s+of)\b[^.;:]*")


def told_as_reason(text: str, cls: Classification) -> str | None:
    """The reason clause that alone tells the event ("traded accusations on Monday after a night of heavy
    fighting"), or None: its main clause is another act, whose day is not the event's."""
    m = _REASON.search(text)
    if m is None or not m.start() <= cls.start < m.end():
        return None
    if _classify(_blank_span(text, m)) is not None:
        return None
    return " " * m.start() + m.group() + " " * (len(text) - m.end())


def mask_reason(text: str) -> str:
    """``text`` with its reason clause blanked: "a truce was agreed after clashes erupted overnight" is dated
    by its own words, not by the clashes'."""
    return _blank(_REASON, text)


def classify_told(text: str) -> Classification | None:
    """The kind of violence a text names anywhere, background clauses included ("in response to the recent
    air strikes in Paktika" names air strikes)."""
    return _classify(text)


def classify(text: str) -> Classification | None:
    """The event type of a text, read from its main clauses when they name one."""
    masked = mask_background(text)
    if masked != text:
        found = _classify(masked)
        if found is not None:
            return found
        earlier = _blank_earlier(text)
        whole = _classify(text)
        if whole is not None and earlier[whole.start:whole.end].strip() == "":
            return None  # the only violence told is an earlier event's, named as the reason for this one
    reason = _REASON.search(masked)
    if reason is not None:
        main = _blank_span(masked, reason)
        if classify_strategic(main) is not None:  # cheap test first: most sentences have no development
            found = _classify(main)
            if found is not None and found.event_type == STRATEGIC:
                return found
    return _classify(text)


def _classify(text: str) -> Classification | None:
    """Protests first (their violence is the crowd's), then violence, then the rest."""
    protest = classify_protest(text)
    violent = classify_violence(text)
    if protest is not None and not (violent is not None and violent.sub_event_type in _BOMBINGS):
        return protest  # the crowd's violence is a riot; a bomb at a rally is a bombing
    if violent is not None and violent.event_type == EXPLOSIONS and _DISRUPTED.search(text) \
            and not _DETONATED.search(text):
        # a device found and defused, a bomber stopped before the blast, suspects arrested with the grenades
        # they carried: nothing went off
        strategic = classify_strategic(text)
        if strategic is not None and strategic.sub_event_type == "Arrests" and violent.sub_event_type == "Suicide bomb":
            # a suicide bomber caught on his way: the attack was foiled
            return Classification(STRATEGIC, "Disrupted weapons use", strategic.trigger, strategic.start, strategic.end)
        if strategic is not None and strategic.sub_event_type in ("Disrupted weapons use", "Arrests"):
            return strategic
    if violent is not None and violent.sub_event_type == "Armed clash" and "operation" in violent.trigger.lower() \
            and not _FOUGHT.search(text):
        # "arrested four suspects in an intelligence-based operation": an operation without a fight
        strategic = classify_strategic(text)
        if strategic is not None or violent.trigger.lower().startswith("search"):
            return strategic  # "launched a search operation in the area" tells no fight at all

    if violent is not None:
        agreement = STRATEGIC_RULES[0][1].search(text, 0, violent.start)
        if agreement and _BACKGROUND_CLAUSE.search(text, agreement.end(), violent.start):
            # "signed a peace agreement ... after weeks of violence that killed 130": the violence is the
            # background of the development the sentence reports
            return Classification(STRATEGIC, "Agreement", agreement.group(), agreement.start(), agreement.end())
        return violent
    return classify_strategic(text)


# A reaction to violence ("condemning the attacks") or a habit ("militants who attack Pakistani territory") is
# not a report of it.
_REACTION = _rx(r"\b(?:condemn\w*|denounc\w*|criticis\w*|criticiz\w*|deplor\w*|mourn\w*|decr(?:y|ied|ying)|"
                r"blam\w+\s+\w+\s+for)\s+(?:the\s+|these\s+|those\s+|such\s+)?(?:[\w-]+\s+)?$")
# "condemns Indian firing that killed seven soldiers": the reaction names one event and tells its toll
_TOLL_CLAUSE = _rx(r"[\w-]+(?:\s+[\w-]+){0,3}?\s+(?:that|which|in\s+which)\s+(?:had\s+|has\s+)?(?:killed|left|wounded|"
                   r"injured|claimed)\b")
_HABIT = _rx(r"\b(?:who|which|that)\s+(?:regularly\s+|often\s+|routinely\s+|frequently\s+|continue\s+to\s+)?$")
_EVERY = _rx(r"\b(?:every|each|any)\s+(?:(?:single|new|such|future|terrorist|militant)\s+)?$")
_PRESENT = frozenset({"attack", "attacks", "target", "targets", "kill", "kills", "strike", "strikes", "bomb", "bombs",
                      "abduct", "abducts", "kidnap", "kidnaps", "shoot", "shoots"})


def is_hypothetical(text: str, trigger_start: int) -> bool:
    """True when the words before the trigger make it a threat, a plan, a condition, a reaction or a habit."""
    clause_start = max(text.rfind(",", 0, trigger_start), text.rfind(";", 0, trigger_start), 0)
    lo = max(clause_start, trigger_start - 80)
    if _REACTION.search(text, max(0, trigger_start - 40), trigger_start) \
            and not _TOLL_CLAUSE.match(text, trigger_start):
        return True
    word = re.match(r"[\w-]+", text[trigger_start:])
    if word and word.group().lower() in _PRESENT and _EVERY.search(text, max(0, trigger_start - 30), trigger_start):
        return True  # "treats each attack as proof of bad faith": attacks in general
    if word and word.group().lower() in _PRESENT and _HABIT.search(text, max(0, trigger_start - 40), trigger_start):
        return True
    hypothetical = _HYPOTHETICAL.search(text, lo, trigger_start)
    if hypothetical and text.startswith("would-be", hypothetical.start()) and word \
            and _CAUGHT.match(word.group()):
        # "a would-be bomber was arrested": the attack was planned, the arrest took place
        hypothetical = _HYPOTHETICAL.search(text, hypothetical.end(), trigger_start)
    return bool(hypothetical)


_CAUGHT = _rx(r"arrest|detain|captur|apprehend|nabbed|caught|held|foil|thwart|defus|intercept|seiz|overpower")


# Nouns that name violence in general ("attacks", "airstrikes", "fighting") rather than one event.
_GENERIC_TRIGGER = _rx(r"(?:(?:suicide|roadside|drone|air|cross-border|terrorist|militant)\s+)?"
                       r"(?:attacks|strikes|airstrikes|air\s+strikes|drone\s+strikes|bombings|clashes|operations?|"
                       r"offensives?|skirmishes|killings|blasts|explosions|abductions|hostage[- ]takings|fighting|"
                       r"raids|ambushes|shellings?|assaults)")
_DETERMINED = _rx(r"\b(?:the|these|those|both|all|two|three|four|five|six|seven|eight|nine|ten|\d+|\w+'s|\w+’s)\s+"
                  r"(?:[\w-]+\s+){0,2}$")
_COMMENT = _guarded(r"\b(?:tried\s+to|try(?:ing)?\s+to|sought\s+to|seeks?\s+to|avoid\w*|unwilling|reluctant|prefers?|"
                    r"remains?\s+essential|has\s+since|have\s+since|(?:a|the)\s+(?:fresh\s+|new\s+|latest\s+)?(?:wave|series|"
                    r"string|spate|spree|surge|campaign)\s+of|season|strategy|policy|capabilit\w+|whether|when\s+it\s+comes|"
                    # an event cited as proof of an argument: "that is underscored by the killing of ..."
                    r"(?:underscored|underlined|highlighted|illustrated|demonstrated|evidenced|exemplified)\s+by)\b")


def is_narrative(text: str, cls: Classification, *, placed: bool = False) -> bool:
    """True for commentary that names violence in general terms instead of reporting one event.

    The caller adds what this cannot see: a report of one event gives a day or a casualty figure, and
    ``placed`` says the sentence names a place below the country ("new Kashmir clashes" is news).
    """
    if _COMMENT.search(text):
        return True
    if placed or not _GENERIC_TRIGGER.fullmatch(cls.trigger.lower()) or len(text.split()) < 12:
        return False  # headlines are terse: "Pakistan, India report new Kashmir clashes" is news
    # a counted or determined plural ("all three attacks", "Saturday's attacks") names particular events
    return not _DETERMINED.search(text, max(0, cls.start - 40), cls.start)


# "In the last two weeks, officers have been gunned down": a run of events summed up in the present perfect
_RECENT_RUN = _guarded(r"\bin\s+the\s+(?:past|last)\s+(?:\w+\s+)?weeks\b[^.]*\b(?:have|has)\s+been\b|"
                       # "recent months have witnessed repeated assaults", "the past weeks have brought"
                       r"\b(?:the\s+)?(?:last|past|recent)\s+(?:few\s+|several\s+|\w+\s+)?(?:days|weeks|months|years)\s+"
                       r"(?:have|has)\s+(?:seen|witnessed|brought)\b|"
                       # a change of habit told as commentary: "they have shifted from using rifles to armed drones"
                       r"\b(?:have|has|had)\s+(?:moved|shifted|switched|graduated|progressed)\s+from\s+(?:using\s+)?")


# "the first major town they have taken since 2015", "the deadliest attack in years": a ranking of the
# event told, not a count over a period
_RANKING = _rx(r"\bthe\s+(?:first|largest|biggest|deadliest|worst|bloodiest|most\s+\w+)\b[^.;]{0,80}?"
               r"\b(?:since\s+(?:19|20)\d\d|in\s+(?:the\s+(?:past|last)\s+)?(?:\w+\s+)?(?:years|decades))\b")


# "claims to kill militants every few days", "almost daily attacks": a routine, not one occasion
_HABITUAL = _guarded(r"\bevery\s+(?:few|couple\s+of|other|two|three|\d+)\s+(?:days|weeks|months|day|week|month)\b|"
                     r"\b(?:almost|nearly|virtually)\s+(?:daily|every\s+day)\b|\bon\s+a\s+(?:daily|weekly|regular)\s+basis\b|"
                     r"\bday\s+after\s+day\b")


@lru_cache(maxsize=4096)
def is_statistic(text: str) -> bool:
    """True for sentences that count or compare attacks over a period, or tell a routine, instead of
    reporting one."""
    text = _RANKING.sub(lambda m: " " * len(m.group()), text) if "the " in text else text
    return bool(_STATISTICS.search(text) or _RECENT_RUN.search(text) or _HABITUAL.search(text))


# Gunfire that goes with an explosive attack: the fight, not the device, is the event.
_SMALL_ARMS = _rx(r"\bexchang\w*\s+(?:of\s+)?(?:heavy\s+)?fire|\bgun[- ]?fire\b|\bgun[- ]?battles?\b|"
                  r"\bfire[- ]?fights?\b|"
                  r"\b(?:automatic|small|light|heavy|other)\s+(?:\w+\s+)?(?:weapon(?:s|ry)|arms)\b|"
                  r"\b(?:and|with)\s+(?:other\s+)?(?:weapons|arms|guns)\b|\bfired\s+(?:back|in\s+retaliation)|"
                  r"\bretaliated\b|\breturned\s+(?:the\s+)?fire")


def refine(cls: Classification, actor1_kind: str | None, actor2_kind: str | None,
           text: str = "") -> Classification:
    """Adjust the sub-type to the actors: shooting civilians is an attack, shooting soldiers a clash.

    An explosive attack on armed forces that also turns into a gunfight (rockets and automatic weapons,
    a grenade followed by an exchange of fire) is a battle: both sides were armed and fought.
    """
    if cls.event_type == EXPLOSIONS and cls.sub_event_type not in {"Air/drone strike", "Suicide bomb"} and text \
            and actor2_kind == "state" and actor1_kind in {"rebel", "militia", "unidentified"}:
        blanked = text[:cls.start] + " " * (cls.end - cls.start) + text[cls.end:] if cls.start >= 0 else text
        if _SMALL_ARMS.search(blanked):
            return cls.replace(BATTLES, "Armed clash")
    if cls.event_type == VIOLENCE_AGAINST_CIVILIANS and cls.sub_event_type == "Attack":
        armed = {"state", "rebel", "militia", "unidentified"}
        if actor2_kind in armed and actor1_kind in armed:
            return cls.replace(BATTLES, "Armed clash")
    if cls.event_type == BATTLES and cls.sub_event_type == "Armed clash" and actor2_kind == "civilians":
        return cls.replace(VIOLENCE_AGAINST_CIVILIANS, "Attack")
    return cls
