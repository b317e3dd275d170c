"""The geocoder on sentences written for these tests."""

from __future__ import annotations

import math

import pytest

from sitrep.domain import Place
from sitrep.extract.geocode import Geocoder, GeoMatch


@pytest.fixture(scope="module")
def geo() -> Geocoder:
    return Geocoder.default()


def _loc(geo: Geocoder, sentence: str, doc: str = "", hint: str | None = None) -> GeoMatch:
    match = geo.locate(sentence, doc, hint)
    assert match is not None, sentence
    return match


def test_default_is_a_singleton(geo: Geocoder) -> None:
    assert Geocoder.default() is geo


def test_kp_town_with_district_cue(geo: Geocoder) -> None:
    m = _loc(geo, "Two policemen were shot dead in Kulachi tehsil of Dera Ismail Khan district on Monday.")
    assert m.place.name == "Kulachi"
    assert (m.place.country, m.place.admin1, m.place.admin2) == ("Pakistan", "Khyber Pakhtunkhwa", "Dera Ismail Khan")
    assert m.place.geo_precision == 1
    assert m.evidence == "Kulachi"
    assert any("qualified" in r for r in m.reasons)


def test_district_named_without_town_has_precision_two(geo: Geocoder) -> None:
    m = _loc(geo, "Security forces raided a compound in Lakki Marwat district.")
    assert m.place.admin2 == "Lakki Marwat"
    assert m.place.geo_precision in (1, 2)
    m = _loc(geo, "An IED went off in Kech district, Balochistan.")
    assert (m.place.kind, m.place.admin2, m.place.geo_precision) == ("district", "Kech", 2)


@pytest.mark.parametrize("spelling", ["Miranshah", "Miram Shah", "Miran Shah", "Miramshah"])
def test_miram_shah_variants(geo: Geocoder, spelling: str) -> None:
    m = _loc(geo, f"A curfew was imposed in {spelling} after the attack on the convoy.")
    assert m.place.name == "Miranshah"
    assert m.place.admin2 == "North Waziristan"
    assert abs(m.place.latitude - 33.0) < 0.1


def test_nwfp_maps_to_khyber_pakhtunkhwa(geo: Geocoder) -> None:
    m = _loc(geo, "Violence spread across the North-West Frontier Province in 2008.")
    assert m.place.admin1 == "Khyber Pakhtunkhwa"
    assert m.place.geo_precision == 3
    m = _loc(geo, "The blast in Bannu, NWFP, killed four soldiers.")
    assert (m.place.name, m.place.admin1) == ("Bannu", "Khyber Pakhtunkhwa")


def test_border_crossing(geo: Geocoder) -> None:
    m = _loc(geo, "Trade resumed at Torkham after the border was closed for a week.")
    assert m.place.kind == "crossing"
    assert m.place.country == "Pakistan"
    assert m.place.admin2 == "Khyber"
    m = _loc(geo, "Traders protested the closure of the Chaman border crossing.")
    assert m.place.kind == "crossing" and m.place.admin1 == "Balochistan"


def test_tank_as_a_word_is_not_a_place(geo: Geocoder) -> None:
    assert geo.locate("The army moved a tank to the checkpoint.") is None
    assert geo.locate("Tank crews fired on the position, officials said.") is None
    assert geo.find("the water tank was empty") == []


def test_tank_as_a_place(geo: Geocoder) -> None:
    m = _loc(geo, "Gunmen attacked a polio team in Tank district.")
    assert m.place.admin2 == "Tank" and m.place.admin1 == "Khyber Pakhtunkhwa"
    m = _loc(geo, "Two soldiers died in Tank on Friday.")
    assert m.place.name == "Tank" and m.place.kind == "town"


def test_short_names_need_a_cue(geo: Geocoder) -> None:
    assert geo.locate("Khar said the talks would go on.") is None
    m = _loc(geo, "A bomb exploded in the main bazaar of Khar, Bajaur.")
    assert m.place.name == "Khar" and m.place.admin2 == "Bajaur"


def test_ambiguous_bare_name_is_not_placed_confidently(geo: Geocoder) -> None:
    match = geo.locate("Protesters gathered in Hyderabad.")
    assert match is None or match.score < 0.6
    sindh = _loc(geo, "Protesters gathered in Hyderabad, Sindh.")
    assert sindh.place.country == "Pakistan" and sindh.score >= 0.6


def test_document_context_picks_the_country(geo: Geocoder) -> None:
    doc = "Karachi police said on Sunday that the unrest had spread. Protesters gathered in Hyderabad."
    m = _loc(geo, "Protesters gathered in Hyderabad.", doc)
    assert m.place.country == "Pakistan"
    m = _loc(geo, "Protesters gathered in Hyderabad.", hint="IN")
    assert m.place.country == "India"


def test_near_gives_precision_two(geo: Geocoder) -> None:
    m = _loc(geo, "A drone strike hit a house near Mir Ali in North Waziristan.")
    assert m.place.name == "Mir Ali" and m.place.geo_precision == 2


def test_town_with_district_and_province_in_brackets(geo: Geocoder) -> None:
    m = _loc(geo, "Fighters attacked a levies post at Hoshab (Kech district, Balochistan) at night.")
    assert (m.place.name, m.place.admin2, m.place.admin1) == ("Hoshab", "Kech", "Balochistan")


def test_afghan_spelling_variants(geo: Geocoder) -> None:
    for text in ("A rocket landed in Qala-e-Naw, Badghis.", "A rocket landed in Qalai Naw, Badghis."):
        m = _loc(geo, text)
        assert m.place.admin1 == "Badghis" and m.place.kind == "town"
    m = _loc(geo, "Clashes were reported in Mazari Sharif.")
    assert m.place.admin1 == "Balkh"


def test_capital_named_alone_is_the_city(geo: Geocoder) -> None:
    m = _loc(geo, "A car bomb exploded in Kandahar, Afghanistan.")
    assert m.place.kind == "town" and m.place.admin1 == "Kandahar"
    m = _loc(geo, "Fighting continued in Kandahar province.")
    assert m.place.kind == "province"


def test_urdu_script_name(geo: Geocoder) -> None:
    m = _loc(geo, "پشاور میں دھماکہ ہوا")
    assert m.place.name == "Peshawar"


def test_person_names_are_not_places(geo: Geocoder) -> None:
    assert geo.locate("Hassan Ali, a shopkeeper, told reporters he heard shots.", "Quetta, Pakistan") is None


def test_reverse_point_in_quetta(geo: Geocoder) -> None:
    place = geo.reverse(30.19, 67.02)
    assert isinstance(place, Place)
    assert place.admin1 == "Balochistan" and place.admin2 == "Quetta" and place.country == "Pakistan"


@pytest.mark.parametrize("lat,lon", [(95.0, 67.0), (30.0, 200.0), (float("nan"), 67.0), (math.inf, 0.0)])
def test_reverse_rejects_bad_points(geo: Geocoder, lat: float, lon: float) -> None:
    assert geo.reverse(lat, lon) is None


def test_reverse_far_from_any_place(geo: Geocoder) -> None:
    assert geo.reverse(-60.0, -140.0) is None  # the open Southern Ocean


@pytest.mark.parametrize("text", ["", "   ", "x" * 10_000, "بلا عنوان", "???!!!", "\x00\x01", "İİİ Quetta"])
def test_bad_input_never_crashes(geo: Geocoder, text: str) -> None:
    geo.find(text)
    geo.locate(text, text)


def test_non_string_input(geo: Geocoder) -> None:
    assert geo.locate(None) is None  # type: ignore[arg-type]
    assert geo.find(None) == []  # type: ignore[arg-type]


def test_long_text_finds_places_with_spans(geo: Geocoder) -> None:
    text = ("Filler words without places. " * 300) + "Militants struck in Wana, South Waziristan."
    found = geo.find(text)
    surfaces = [s for s, _, _ in found]
    assert "Wana" in surfaces and "South Waziristan" in surfaces
    for surface, start, end in found:
        assert text[start:end] == surface


def test_candidates_and_reasons_are_filled(geo: Geocoder) -> None:
    m = _loc(geo, "An explosion hit Quetta, the capital of Balochistan.")
    assert m.place.name == "Quetta"
    assert m.reasons
    assert all(isinstance(p, Place) and isinstance(s, float) for p, s, _ in m.candidates)
