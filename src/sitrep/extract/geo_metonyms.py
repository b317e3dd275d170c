"""Capitals that stand for their governments ("Islamabad has run out of patience", "Kabul denied"): the
geocoder never reads them as the place of an event."""

from __future__ import annotations

import re
from functools import lru_cache

# A capital that acts or speaks is its government, not a place: "Islamabad has run out of patience",
# "Kabul denied", "Islamabad's answer". The geocoder blanks such mentions.
_ACTS = (r"has|have|had|is|was|are|were|will|would|says|said|say|accused|accuses|accuse|blamed|blames|blame|denied|"
         r"denies|wants|wanted|warned|warns|conducted|claimed|claims|insists|insisted|responded|retaliated|launched|"
         r"sees|saw|believes|hopes|must|should|could|can|did|does|agree|agreed|agrees|sign|signed|signs|extend|"
         r"extended|extends|reach|reached|resume|resumed|hold|held|trade|traded|trades")
_PAIRED = r"(?:Kabul|Islamabad|Washington|New\s+Delhi|Tehran|Beijing)"
METONYM = re.compile(
    r"\b(?:Islamabad|Kabul|Tehran|New\s+Delhi|Delhi|Washington|Beijing|Moscow|Riyadh|Doha|Ankara|Rawalpindi)"
    r"(?=(?:'s|’s)\s+(?:[\w-]+\s+)?(?:answer|policy|policies|government|response|decision|position|refusal|"
    r"demands?|stance|view|support|claims?|accusations?|denials?|leadership|rulers|patience|strategy|concerns?|"
    r"relations|ties|patience|approach|calculus|calculation|warnings?|protests?|objections?)\b|"
    # two capitals together act too: "Islamabad and Kabul", "Islamabad, Kabul agree" (a headline)
    rf"\s+(?:{_ACTS}|and\s+{_PAIRED})\b|,\s*{_PAIRED}\s+(?:{_ACTS})\b)")


# The state each capital stands for ("Kabul said it had closed the crossing" is Afghanistan's government).
CAPITAL_OF = {"Islamabad": "Pakistan", "Kabul": "Afghanistan", "Tehran": "Iran", "Delhi": "India",
              "Washington": "United States", "Beijing": "China", "Moscow": "Russia", "Riyadh": "Saudi Arabia",
              "Doha": "Qatar", "Ankara": "Turkey"}
# Every capital METONYM knows, as written: a text without any of them has nothing to blank, and a few
# substring tests settle that faster than the pattern's scan. (Rawalpindi stands for the army, not a state.)
_CAPITALS = (*CAPITAL_OF, "Rawalpindi")


@lru_cache(maxsize=4096)
def without_metonyms(text: str) -> str:
    """``text`` with capitals that stand for their governments blanked (offsets kept)."""
    for capital in _CAPITALS:
        if capital in text:
            return METONYM.sub(lambda m: " " * len(m.group()), text)
    return text
