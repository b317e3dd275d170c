"""Event dates: absolute dates, month-only dates and dates relative to the publication date.

Decisions:
- "on Tuesday" is the most recent Tuesday on or before the reference day: wire reports name the weekday
  also for the day they are filed ("a bomb exploded on Saturday" in Saturday's report). "Tuesday night" is
  the same day.
- "last night" is the day before publication; "last week" is seven days before, precision week;
  "earlier this month" and "mid-March" have precision month.
- A date after the publication date is not the event date (a scheduled hearing, a deadline): ignored.
- Without a publication date, relative expressions cannot be resolved and are skipped; absolute ones work.
- A dateline ("PESHAWAR, March 4 -", "QUETTA, Pakistan, Jan 5 (Wire) -") is the day the report was filed:
  relative expressions resolve against it instead of the publication date, and it is the event's date only
  when nothing else in the report dates the event.
- "last week" is the Monday of the week before the reference day (precision week); month-only dates
  ("in March", "mid-March") are the 1st of the month (precision month).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from sitrep.domain import DatePrecision
from sitrep.extract.stems import Guarded, guarded

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MON = r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december|" \
       r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’-]+(?:[ /-][A-Z][A-Z.'’-]+){0,3})(?:,\s*[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2}){0,2},?\s+"
    # "KABUL, March 4 -", "KABUL, Afghanistan (March 4) -": the day, in brackets or not
    rf"(?P<open>\()?(?i:(?:{_MON}\s+(?P<d>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+{_MON2})(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?)"
    r"(?(open)\))\s*(?:\([^()\n]{1,40}\)\s*)?[-–—:]")
_GTD_PREFIX = re.compile(r"^\s*(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\s*:")
# each date pattern names words (month names, weekdays, "last") that most sentences lack
_PATTERNS: list[tuple[str, Guarded]] = [
    ("iso", guarded(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    ("mdy", guarded(rf"\b{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\b",
                    re.IGNORECASE)),
    # "7-13 October 2024": a span of days, dated by its first day at week precision
    ("span", guarded(rf"\b(?P<d>\d{{1,2}})\s*[-–]\s*\d{{1,2}}\s+{_MON}(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\b",
                     re.IGNORECASE)),
    # "on the night of 14/15 May": a night across two days is dated by the first
    ("night", guarded(rf"\b(?P<d>\d{{1,2}})\s*/\s*\d{{1,2}}\s+{_MON}(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\b",
                      re.IGNORECASE)),
    ("dmy", guarded(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\b",
                    re.IGNORECASE)),
    ("mid", guarded(rf"\b(?:mid|early|late|end\s+of|beginning\s+of)[- ]{_MON}(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\b",
                    re.IGNORECASE)),
    # "last April": the latest April before the report; "in April last year"
    ("last_month", guarded(rf"\b(?:last|this\s+past)\s+{_MON}\b", re.IGNORECASE)),
    ("month_last_year", guarded(rf"\b{_MON}\s+(?:of\s+)?last\s+year\b", re.IGNORECASE)),
    ("month", guarded(rf"\b(?:in|during|since|from|of|by|until)\s+{_MON}(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\b",
                      re.IGNORECASE)),
    ("month_year", guarded(rf"\b{_MON}\s+(?P<y>(?:19|20)\d{{2}})\b", re.IGNORECASE)),
    ("weekday", guarded(r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                        r"(?:\s+(?:night|morning|evening|afternoon))?\b", re.IGNORECASE)),
    ("relative", guarded(
        r"\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday|today|tonight|this\s+morning|this\s+evening|"
        r"this\s+afternoon|(?:late\s+|early\s+)?last\s+night|last\s+(?:week|month|year)|this\s+(?:week|month)|"
        r"earlier\s+this\s+(?:week|month)|(?:a|one|two|three)\s+(?:days?|weeks?)\s+ago|overnight|"
        r"on\s+the\s+night\s+of)\b",
        re.IGNORECASE)),
]
_DATE_WORDS = ("day", "night", "week", "month", "year", "ago", "today", "tonight", "morning", "evening", "afternoon",
               "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ANY_DATE_WORD = re.compile(r"\d|" + "|".join(_DATE_WORDS), re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def _has_date_word(text: str) -> bool:
    """``_ANY_DATE_WORD.search(text)``, as a digit scan and substring tests: a pattern of many words without a
    common first letter is tried at every position of the text."""
    if not text.isascii():
        return _ANY_DATE_WORD.search(text) is not None  # case-insensitive matching is not lower-casing here
    if _DIGIT.search(text):
        return True
    low = text.lower()
    return any(w in low for w in _DATE_WORDS)
_NUM_AGO = {"a": 1, "one": 1, "two": 2, "three": 3}


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a text, its precision and the words it was read from."""

    value: date
    precision: DatePrecision
    start: int
    end: int
    text: str


def _pub_date(published: date | datetime | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(month: int, day: int, pub: date | None) -> int | None:
    """The year of a date written without one: the latest that is not after publication."""
    if pub is None:
        return None
    cand = _safe_date(pub.year, month, day)
    if cand is None or cand <= pub:
        return pub.year
    # A yearless date after publication is read as last year's only when that is recent; otherwise it is
    # a date to come (a hearing, a deadline) and not the event's.
    last = _safe_date(pub.year - 1, month, day)
    if last is not None and (pub - last).days <= 183:
        return pub.year - 1
    return None


def gtd_prefix(text: str) -> DateMatch | None:
    """The "MM/DD/YYYY:" prefix that starts GTD summaries."""
    m = _GTD_PREFIX.match(text)
    if not m:
        return None
    d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if d is None:
        return None
    return DateMatch(d, "day", m.start("m"), m.end("y"), m.group().strip())


def dateline(text: str, published: date | datetime | None = None) -> DateMatch | None:
    """The filing date of a report's dateline ("KABUL, March 4 -"); None when the text has none."""
    m = _DATELINE.match(text[:160])
    if not m:
        return None
    pub = _pub_date(published)
    month = MONTHS[(m.group("mon") or m.group("mon2")).lower().rstrip(".")]
    day = int(m.group("d") or m.group("d2"))
    year = int(m.group("y")) if m.group("y") else _infer_year(month, day, pub)
    if year is None:
        return None
    d = _safe_date(year, month, day)
    if d is None:
        return None
    return DateMatch(d, "day", m.start(), m.end(), m.group())


def _relative(word: str, pub: date) -> tuple[date, DatePrecision] | None:
    w = " ".join(word.lower().split())
    if w in {"today", "tonight", "this morning", "this evening", "this afternoon"}:
        return pub, "day"
    if w in {"yesterday", "last night", "late last night", "early last night", "overnight"}:
        return pub - timedelta(days=1), "day"
    if w == "the day before yesterday":
        return pub - timedelta(days=2), "day"
    if w == "last week":
        return pub - timedelta(days=7 + pub.weekday()), "week"
    if w in {"this week", "earlier this week"}:
        return pub, "week"
    if w in {"this month", "earlier this month"}:
        return pub.replace(day=1), "month"
    if w == "last month":
        prev = pub.replace(day=1) - timedelta(days=1)
        return prev.replace(day=1), "month"
    if w == "last year":
        return date(pub.year - 1, 1, 1), "year"
    m = re.fullmatch(r"(a|one|two|three) (day|week)s? ago", w)
    if m:
        n = _NUM_AGO[m.group(1)]
        if m.group(2) == "day":
            return pub - timedelta(days=n), "day"
        return pub - timedelta(days=7 * n), "week"
    return None


def find_dates(text: str, published: date | datetime | None = None) -> list[DateMatch]:
    """Every date in ``text`` that can be resolved and is not after publication, in text order."""
    return list(_find_dates(text, _pub_date(published)))


@lru_cache(maxsize=4096)
def _find_dates(text: str, pub: date | None) -> tuple[DateMatch, ...]:
    # a sentence is dated several times (grouping, dating, placing): the test for a date word is cached too
    if not _has_date_word(text):
        return ()
    out: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    prefix = gtd_prefix(text)
    if prefix:
        out.append(prefix)
        taken.append((prefix.start, prefix.end))
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            found = _resolve(kind, m, pub)
            if found is None:
                continue
            value, precision = found
            if pub is not None and value > pub:
                continue
            out.append(DateMatch(value, precision, m.start(), m.end(), m.group()))
            taken.append((m.start(), m.end()))
    out.sort(key=lambda d: d.start)
    return tuple(out)


def _resolve(kind: str, m: re.Match[str], pub: date | None) -> tuple[date, DatePrecision] | None:
    if kind == "iso":
        d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return (d, "day") if d else None
    if kind in {"mdy", "dmy", "span", "night"}:
        month = MONTHS[m.group("mon").lower().rstrip(".")]
        day = int(m.group("d"))
        year = int(m.group("y")) if m.group("y") else _infer_year(month, day, pub)
        d = _safe_date(year, month, day) if year is not None else None
        return (d, "week" if kind == "span" else "day") if d else None
    if kind in {"mid", "month", "month_year"}:
        word = m.group("mon").lower().rstrip(".")
        if kind == "month" and word == "may" and not m.group("y"):
            return None  # "in may" is usually the verb
        month = MONTHS[word]
        year = int(m.group("y")) if m.group("y") else _infer_year(month, 1, pub)
        if year is None:
            return None
        return date(year, month, 1), "month"
    if pub is None:
        return None
    if kind in {"last_month", "month_last_year"}:
        month = MONTHS[m.group("mon").lower().rstrip(".")]
        year = pub.year - 1 if kind == "month_last_year" or month >= pub.month else pub.year
        return date(year, month, 1), "month"
    if kind == "weekday":
        target = WEEKDAYS[m.group("wd").lower()]
        back = (pub.weekday() - target) % 7
        return pub - timedelta(days=back), "day"
    return _relative(m.group("rel"), pub)


_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told|claimed|announced|confirmed|stated|added|reported|revised|tweeted|posted|statement|"
    r"(?:news\s+)?conference|briefing|released|issued)\s+(?:\w+\s+){0,4}?(?:(?:late|early)\s+)?(?:on\s+)?$",
    re.IGNORECASE)


# "On Thursday, the group claimed the bombing": a day that opens a statement
_SPEECH_AFTER = re.compile(
    r"\s*,\s*(?:[\w.'’-]+\s+){0,4}?(?:said|says|told|claimed|announced|confirmed|stated|reported|tweeted|"
    r"posted|issued|released)\b", re.IGNORECASE)
_WEEKDAY_WORD = re.compile(r"(?:on\s+)?(?:" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)


# "no claim had been made by Saturday morning", "as of Monday": a bound on the telling, not the event's day
_BOUND_BEFORE = re.compile(r"\b(?:by|as\s+of|until|till)\s+(?:late\s+|early\s+)?$", re.IGNORECASE)


def is_speech_date(text: str, found: DateMatch) -> bool:
    """True for the day a statement was made ("police said on Monday"), which is not the event's day."""
    if _SPEECH_BEFORE.search(text, max(0, found.start - 40), found.start):
        return True
    # a day that opens the sentence and is followed by a statement
    return text[:found.start].strip(" \t\n\"'“‘").lower() in {"", "on"} and bool(_SPEECH_AFTER.match(text, found.end))


def _before_statement(event: DateMatch, statement: DateMatch) -> DateMatch:
    """A weekday told in a statement made on a day of its own ("On Thursday, the group claimed the bombing on
    Tuesday") is the last such weekday up to the statement's day, not up to the report's."""
    if event.value <= statement.value or statement.precision != "day" or not _WEEKDAY_WORD.fullmatch(event.text):
        return event
    target = WEEKDAYS[event.text.split()[-1].lower()]
    value = statement.value - timedelta(days=(statement.value.weekday() - target) % 7)
    return DateMatch(value, event.precision, event.start, event.end, event.text)


def event_date(texts: list[str], published: date | datetime | None = None) -> DateMatch | None:
    """The first resolvable date of the first text that has one (the event's own sentences go first).

    Within a text a day is preferred to a vaguer date, and the day of the event to the day a statement
    about it was made; the statement's day is used when nothing else dates the event.
    """
    fallback: DateMatch | None = None
    for t in texts:
        found = [d for d in find_dates(t, published) if not _BOUND_BEFORE.search(t, max(0, d.start - 12), d.start)]
        if not found:
            continue
        day = [d for d in found if d.precision == "day"]
        told = [d for d in found if not is_speech_date(t, d)]
        # "an overnight attack on Mukondi on Wednesday": the named day says which night
        told_days = sorted((d for d in told if d.precision == "day"), key=lambda d: d.text.lower() == "overnight")
        if told_days:
            said = [d for d in day if d not in told]
            return _before_statement(told_days[0], said[0]) if said else told_days[0]
        if day and told:
            return told[0]  # "arrested six men last week, the agency said on Monday": the week is the event's
        if day:
            fallback = fallback or day[0]
            continue
        return fallback or found[0]
    return fallback


# "13:55 — Police say ...": an entry of a live report, stamped with the clock time it was written
_LIVE_STAMP = re.compile(r"^\W{0,3}(?:[01]?\d|2[0-3])[:.][0-5]\d\s*(?:[ap]\.?m\.?\s*)?(?:[A-Z]{2,4}\s*)?(?:[—–|]|-\s)",
                         re.IGNORECASE)


def live_entry_day(text: str, published: date | datetime | None) -> DateMatch | None:
    """The day of a live report's entry that gives only its clock time: the day of publication. (A live page
    is updated after the time it gives as published, and its clock may be another zone's: the times are not
    compared.)"""
    m = _LIVE_STAMP.match(text)
    pub = _pub_date(published)
    if m is None or pub is None:
        return None
    return DateMatch(pub, "day", m.start(), m.end(), m.group().strip())
