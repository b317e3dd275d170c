"""The scene an offline gazetteer does not know, named right before a place it does."""

from __future__ import annotations

import pytest

from sitrep.extract.geo_scene import scene_before
from sitrep.extract.geocode import Geocoder


def scene(text: str, known: str, *, town: bool = False, city: bool = False) -> str | None:
    return scene_before(text, text.index(known), known_is_town=town, known_is_city=city)


@pytest.mark.parametrize(("text", "known", "town", "expected"), [
    ("militants struck in the Shaktoi area of South Waziristan", "South Waziristan", False, "Shaktoi"),
    ("a bomb went off in Zarghun Shahr, Paktika", "Paktika", False, "Zarghun Shahr"),
    ("gunmen raided Kotkai village in Tank district", "Tank", False, "Kotkai"),
    ("a drone hit a house in Datta Khel village near Miranshah", "Miranshah", True, "Datta Khel"),
    ("troops ambushed near Gwaleri (Kohat, Khyber Pakhtunkhwa)", "Kohat", True, "Gwaleri"),
    ("a blast in Sangota, in Barikot tehsil of Swat", "Swat", False, "Sangota"),
    ("fighting around the town of Kamdesh in Afghanistan's Nuristan", "Nuristan", False, "Kamdesh"),
    ("posts in the Arandu valley of Chitral", "Chitral", False, "Arandu valley"),
])
def test_the_most_precise_place_named_is_the_scene(text, known, town, expected):
    assert scene(text, known, town=town) == expected


@pytest.mark.parametrize(("text", "known", "town", "city"), [
    ("a grenade thrown in the Kissa Khwani bazaar of Peshawar", "Peshawar", True, True),
    ("a blast in the Sherpur neighbourhood of Kabul", "Kabul", True, True),
    ("a shooting in the Satellite Town area of Quetta", "Quetta", True, True),
    ("police in Quetta said", "Quetta", True, False),
    ("two soldiers of the Frontier Corps in Kech district", "Kech", False, False),
    ("killed in Tuesday's attack in Kech", "Kech", False, False),
    ("residents of Kharotabad in Quetta", "Quetta", True, False),
    ("an official of Garmsir district, in Lashkar Gah", "Lashkar Gah", True, False),
    ("at the Jinnah Road in Quetta", "Quetta", True, False),
])
def test_quarters_landmarks_and_words_that_are_not_places_leave_the_known_place(text, known, town, city):
    assert scene(text, known, town=town, city=city) is None


def test_the_geocoder_keeps_the_scene_at_the_known_place_with_precision_two():
    geo = Geocoder.default()
    m = geo.locate("Gunmen shot dead a teacher in the Mamash Khel area of South Waziristan on Monday.")
    assert m is not None
    assert m.place.name == "Mamash Khel"
    assert m.place.admin2 == "South Waziristan" and m.place.admin1 == "Khyber Pakhtunkhwa"
    assert m.place.geo_precision == 2 and m.place.latitude is not None
    assert any("not in the gazetteer" in r for r in m.reasons)


@pytest.mark.parametrize(("text", "expected"), [
    ("Troops in the Kurram district village of Shalozan came under fire.", "Shalozan"),
    ("Gunmen ambushed a convoy on the Bannu road near Jani Khel on Monday.", "Jani Khel"),
])
def test_a_scene_named_after_the_known_place(text, expected):
    m = Geocoder.default().locate(text)
    assert m is not None and m.place.name == expected and m.place.geo_precision == 2


def test_a_town_the_gazetteer_knows_after_the_place_is_itself_the_scene():
    m = Geocoder.default().locate("A mob in the Swat valley resort town of Bahrain burned a police station.")
    assert m is not None and m.place.name == "Bahrain" and m.place.geo_precision == 1


@pytest.mark.parametrize(("text", "name"), [
    ("A bomb hit a bus on the Kabul-Kandahar highway near Ghazni on Monday.", "Ghazni"),
    ("Gunmen stopped trucks on the Zhob road near Killa Saifullah on Monday.", "Killa Saifullah"),
])
def test_towns_that_name_a_road_are_not_the_scene(text, name):
    m = Geocoder.default().locate(text)
    assert m is not None and m.place.name == name


def test_a_town_in_a_district_is_one_scene_with_it_whichever_comes_first():
    from sitrep.domain import Place
    from sitrep.extract.cues import same_scene
    district = Place(name="Kech", country="Pakistan", admin1="Balochistan", admin2="Kech", latitude=26.2,
                     longitude=63.0, geo_precision=2, kind="district")
    area = Place(name="Tump", country="Pakistan", admin1="Balochistan", admin2="Kech", latitude=26.12,
                 longitude=62.37, geo_precision=2, kind="town")
    assert same_scene(district, area) and same_scene(area, district)
