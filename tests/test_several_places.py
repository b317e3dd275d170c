"""One strike told at several places: an event per place, with its own toll or a share of the whole."""

from __future__ import annotations

from datetime import datetime

from sitrep.domain import Document
from sitrep.extract.geocode import Geocoder
from sitrep.extract.rules import RuleExtractor

EX = RuleExtractor(geocoder=Geocoder.default())
PUB = datetime(2024, 5, 9, 8, 0)


def extract(text: str):
    return EX.extract(Document(doc_id="t", text=text, published_at=PUB))


def test_a_strike_on_two_provinces_is_two_events_with_the_toll_shared():
    found = extract("KABUL - Pakistani drones struck houses in the Dand-e-Patan district of Paktia province and "
                    "the Nadir Shah Kot district of Khost province on Tuesday night, killing seven people, a "
                    "Taliban government spokesman said.")
    assert sorted(m.admin1 for m in found) == ["Khost", "Paktia"]
    assert {m.sub_event_type for m in found} == {"Air/drone strike"}
    assert sorted(m.fatalities for m in found) == [3, 4]
    assert len({m.event_date for m in found}) == 1


def test_a_toll_told_for_each_place_stays_with_it():
    found = extract("Artillery shells fired from across the border killed three villagers in Dangam district of "
                    "Kunar, and wounded two children in Goshta district of Nangarhar on Sunday.")
    by_province = {m.admin1: m for m in found}
    assert set(by_province) == {"Kunar", "Nangarhar"}
    assert by_province["Kunar"].fatalities == 3
    # deaths the report counts at the other place leave this one's unknown (docs/coding.md)
    assert by_province["Nangarhar"].fatalities is None and by_province["Nangarhar"].wounded == 2


def test_a_village_and_its_district_or_a_place_between_two_towns_is_one_scene():
    assert len(extract("Militants fired rockets at a checkpost in Mokha, Mamund tehsil, Bajaur district, and "
                       "at a police station in Mamund on Monday, wounding four policemen.")) == 1
    assert len(extract("BLA militants fired rockets at a convoy between Nushki and Mastung on Monday, wounding "
                       "three soldiers.")) == 1


def test_ground_attacks_and_the_dateline_are_not_split():
    assert len(extract("QUETTA - Afghan forces fired mortars at civilian areas of Chaman on Sunday, killing "
                       "six civilians.")) == 1
    assert len(extract("Gunmen attacked police posts in Khyber and Kurram districts on Monday, killing four "
                       "policemen.")) == 1


def test_a_place_in_a_district_named_as_such_is_one_scene_with_it():
    from sitrep.domain import Place
    from sitrep.extract.cues import same_scene
    district = Place("Bajaur", "Pakistan", "Khyber Pakhtunkhwa", "Bajaur", 34.78, 71.5, 2, "district")
    village = Place("Mokha", "Pakistan", "Khyber Pakhtunkhwa", "Bajaur", 34.9, 71.2, 1, "town")
    elsewhere = Place("Ghalanai", "Pakistan", "Khyber Pakhtunkhwa", "Mohmand", 34.35, 71.35, 1, "town")
    assert same_scene(village, district) and same_scene(district, village)
    assert not same_scene(elsewhere, district)
