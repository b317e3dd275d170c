"""Scoring conventions of ``sitrep evaluate`` that bridge the datasets' codebooks."""

from __future__ import annotations

from datetime import date

from sitrep.analytics.evaluate import evaluate
from sitrep.analytics.gold import GoldDoc, perpetrator_of
from sitrep.domain import Document, Mention


def _mention(**fields) -> Mention:
    return Mention(event_date=date(2021, 3, 1), doc_id="d", **fields)


def _score(kind: str, gold: dict, mention: Mention):
    doc = GoldDoc(Document(doc_id="d", text="text"), [gold], 1)
    return evaluate([doc], lambda _d: [mention], kind).fields


def test_acled_zero_means_no_figure_reported():
    gold = {"event_date": "2021-03-01", "fatalities": 0}
    assert _score("acled", gold, _mention()).get("fatalities").correct == 1
    # sitrep's own gold keeps null and 0 apart
    assert _score("sitrep", gold, _mention()).get("fatalities").correct == 0
    assert _score("acled", {"event_date": "2021-03-01", "fatalities": 3}, _mention()).get("fatalities").correct == 0


def test_failed_gtd_bombing_may_be_a_disrupted_weapons_use():
    failed = {"event_date": "2021-03-01", "attacktype": "Bombing/Explosion", "success": 0}
    stopped = _mention(event_type="Strategic developments", sub_event_type="Disrupted weapons use")
    assert _score("gtd", failed, stopped)["attack_category"].correct == 1
    went_off = dict(failed, success=1)
    assert _score("gtd", went_off, stopped)["attack_category"].correct == 0


def test_perpetrator_of_a_stopped_attack_is_the_other_side():
    assert perpetrator_of("Disrupted weapons use", "Police Forces of Pakistan", "BLA: Baloch Liberation Army",
                          None) == "BLA: Baloch Liberation Army"
    assert perpetrator_of("Attack", "Unidentified Armed Group (Pakistan)", "Civilians (Pakistan)", None) is None
    assert perpetrator_of("Attack", "Unidentified Armed Group (Pakistan)", None, "TTP") == "TTP"


def test_admin1_former_and_long_names_are_one_province():
    gold = {"event_date": "2021-03-01", "admin1": "Islamabad Capital Territory"}
    assert _score("sitrep", gold, _mention(admin1="Islamabad"))["admin1"].correct == 1
    assert _score("sitrep", {"event_date": "2021-03-01", "admin1": "NWFP"},
                  _mention(admin1="Khyber Pakhtunkhwa"))["admin1"].correct == 1


def test_gtd_incident_of_several_attack_types_matches_any():
    gold = {"event_date": "2021-03-01", "attacktype": "Hostage Taking (Kidnapping)",
            "attacktypes": ["Hostage Taking (Kidnapping)", "Armed Assault"]}
    clash = _mention(event_type="Battles", sub_event_type="Armed clash")
    assert _score("gtd", gold, clash)["attack_category"].correct == 1
    only_first = {"event_date": "2021-03-01", "attacktype": "Hostage Taking (Kidnapping)"}
    assert _score("gtd", only_first, clash)["attack_category"].correct == 0


def test_two_spellings_of_one_place_are_one_location():
    gold = {"event_date": "2021-03-01", "location": "Noshki"}
    assert _score("sitrep", gold, _mention(location="Nushki")).get("location").correct == 1
    assert _score("sitrep", gold, _mention(location="Kharan")).get("location").correct == 0
