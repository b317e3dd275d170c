"""Event dates: absolute, month-only and relative to the publication date."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.extract.dates import event_date, find_dates, gtd_prefix

PUB = datetime(2023, 3, 8, 9, 30)  # a Wednesday


def first(text, pub=PUB):
    found = find_dates(text, pub)
    return (found[0].value, found[0].precision) if found else None


@pytest.mark.parametrize(("text", "expected"), [
    ("The attack took place on March 3, 2023 in the city.", (date(2023, 3, 3), "day")),
    ("It happened on 3 March 2023.", (date(2023, 3, 3), "day")),
    ("Dated 2023-03-03.", (date(2023, 3, 3), "day")),
    ("It happened on the 5th of March.", (date(2023, 3, 5), "day")),
    ("The operation began in February 2023.", (date(2023, 2, 1), "month")),
    ("Clashes in mid-February killed four.", (date(2023, 2, 1), "month")),
    ("Gunmen struck yesterday.", (date(2023, 3, 7), "day")),
    ("Gunmen struck late last night.", (date(2023, 3, 7), "day")),
    ("A bomb went off today.", (date(2023, 3, 8), "day")),
    ("Militants attacked on Sunday night.", (date(2023, 3, 5), "day")),
    ("The post was attacked last week.", (date(2023, 2, 27), "week")),  # the Monday of last week
    ("Earlier this month, two soldiers died.", (date(2023, 3, 1), "month")),
])
def test_supported_forms(text, expected):
    assert first(text) == expected


def test_weekday_is_on_or_before_publication():
    # published on a Wednesday: "on Wednesday" is that same day (wire reports name the day they are filed)
    assert first("Militants attacked on Wednesday.") == (date(2023, 3, 8), "day")
    assert first("Militants attacked on Tuesday.") == (date(2023, 3, 7), "day")


def test_yearless_date_after_publication_is_last_year_only_when_recent():
    pub = datetime(2023, 1, 5)
    assert first("On December 30 gunmen attacked.", pub) == (date(2022, 12, 30), "day")
    assert first("The hearing is set for March 20.", PUB) is None


def test_future_date_is_ignored():
    assert first("The trial will open on 12 May 2023.") is None


def test_no_publication_date():
    assert first("on Tuesday", None) is None
    assert first("On 3 March 2023 gunmen attacked.", None) == (date(2023, 3, 3), "day")


def test_future_publication_date_does_not_crash():
    assert first("Militants attacked yesterday.", datetime(2099, 1, 1)) == (date(2098, 12, 31), "day")


def test_gtd_prefix():
    m = gtd_prefix("03/15/2021: Assailants attacked a post.")
    assert m is not None and m.value == date(2021, 3, 15)
    assert gtd_prefix("13/45/2021: nonsense") is None


def test_event_date_prefers_day_precision():
    found = event_date(["In March 2023 militants were active; on 4 March 2023 they attacked."], PUB)
    assert found is not None and found.value == date(2023, 3, 4)


FORMATS = ["{d:%B} {d.day}, {d.year}", "{d.day} {d:%B} {d.year}", "{d:%Y-%m-%d}", "{d:%b} {d.day}, {d.year}"]


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)), st.sampled_from(FORMATS))
def test_absolute_dates_round_trip(d, fmt):
    text = "The attack happened on " + fmt.format(d=d) + " near the border."
    found = find_dates(text, None)
    assert found and found[0].value == d and found[0].precision == "day"


@given(st.dates(min_value=date(2000, 1, 8), max_value=date(2030, 12, 31)))
def test_yesterday_is_one_day_before(d):
    assert first("It happened yesterday.", d) == (d - timedelta(days=1), "day")


@given(st.text(max_size=200), st.one_of(st.none(), st.datetimes(min_value=datetime(1900, 1, 1))))
def test_arbitrary_text_never_crashes(text, pub):
    find_dates(text, pub)


def test_dateline_is_the_reference_day_and_not_the_event_date():
    from sitrep.extract.dates import dateline

    pub = datetime(2024, 3, 5, 8)
    found = dateline("PESHAWAR, March 4 - Militants attacked a checkpoint on Sunday.", pub)
    assert found is not None and found.value == date(2024, 3, 4)
    assert dateline("QUETTA, Pakistan, Jan 5 (Wire) - A blast.", pub).value == date(2024, 1, 5)
    assert dateline("KABUL - A blast.", pub) is None
    # the day in brackets after the place ("CITY, Country (Month D) —")
    assert dateline("KHUZDAR, Pakistan (Feb 2) — Gunmen fired on a van on Monday.", pub).value == date(2024, 2, 2)
    assert dateline("KHUZDAR, Pakistan (Feb 2 — a blast.", pub) is None
    assert dateline("On March 4 - a blast.", pub) is None


def test_statement_day_yields_to_the_event_day():
    from sitrep.extract.dates import event_date

    pub = datetime(2023, 8, 10, 8)  # a Thursday
    found = event_date(["The group said on Thursday its fighters stormed a post late on Wednesday night."], pub)
    assert found is not None and found.value == date(2023, 8, 9)


def test_last_month_name_and_month_last_year():
    pub = date(2023, 1, 10)
    assert event_date(["Pakistan conducted air strikes inside Afghanistan last April."], pub).value == date(2022, 4, 1)
    assert event_date(["The bombing in March last year killed 12."], pub).precision == "month"
    assert event_date(["The bombing in March last year killed 12."], pub).value == date(2022, 3, 1)


def test_a_day_given_as_a_deadline_is_not_the_event_day():
    from sitrep.extract.dates import event_date
    pub = datetime(2024, 5, 9)
    assert event_date(["No group had claimed the attack by Wednesday evening."], pub) is None
    assert event_date(["The attack on Wednesday evening killed two."], pub) is not None
