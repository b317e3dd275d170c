"""Casualty numbers: number expressions and the killed / wounded / missing figures of a sentence.

Conventions (conservative, as ACLED codes them):
- "at least 12", "more than 12", "over 12" -> best 12, low 12; "up to 12", "as many as 12" -> best 12, high 12;
  "between 8 and 10", "8 to 10", "8-10" -> best 8, low 8, high 10.
- "a dozen" -> 12, "scores" -> 20, "hundreds" -> 100; "dozens", "several", "many", "a few" give no number.
- A subset ("including two officers", "among them three children") is never added to the total.
- Attackers killed count among the fatalities; they are kept apart so that a later sentence about them adds
  to the victims instead of replacing them.
- "no one was hurt", "no casualties" -> 0; no statement -> None.
Years, dates, times, ages, money, distances, weights, counts of things and legal sections are not casualties.
"""

from __future__ import annotations

from sitrep.extract.numbers_find import Casualty, find_casualties
from sitrep.extract.numbers_parse import CasualtyKind, Quantity, find_quantities, parse_number
from sitrep.extract.numbers_tally import Figures, combine, sentence_figures, zero_statements

__all__ = ["Casualty", "CasualtyKind", "Figures", "Quantity", "combine", "find_casualties", "find_quantities",
           "parse_number", "sentence_figures", "zero_statements"]
