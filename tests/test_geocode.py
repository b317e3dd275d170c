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


# ------------------------------------------------------------------- spellings of the theater's names
@pytest.mark.parametrize("spelling", ["Dasht-e Qala", "Dashti Qala", "Dasht-i-Qal'ah", "Dasht-e-Qalah"])
def test_transliteration_variants_meet(geo: Geocoder, spelling: str) -> None:
    m = _loc(geo, f"Gunmen stormed a checkpoint in {spelling}, Takhar, on Sunday.")
    assert (m.place.admin1, m.place.admin2) == ("Takhar", "Dashti Qala")
    assert m.place.geo_precision <= 2


@pytest.mark.parametrize("spelling", ["Sholgara", "Sholgareh", "Shulgara"])
def test_final_vowel_and_o_u_variants(geo: Geocoder, spelling: str) -> None:
    m = _loc(geo, f"Clashes were reported in {spelling} district of Balkh province.")
    assert (m.place.admin1, m.place.admin2) == ("Balkh", "Sholgara")


def test_variant_match_says_so(geo: Geocoder) -> None:
    m = _loc(geo, "A roadside bomb exploded in Shereen Tagaab, Faryab.")
    assert (m.place.admin1, m.place.admin2) == ("Faryab", "Shirin Tagab")
    assert any("spelling variant" in r for r in m.reasons)


def test_variant_key_needs_context_when_shared(geo: Geocoder) -> None:
    # "Arghandab" is a district of both Kandahar and Zabul: the province named decides.
    assert _loc(geo, "Fighting in Arghandab district of Zabul.").place.admin1 == "Zabul"
    assert _loc(geo, "Fighting in Arghandab district of Kandahar.").place.admin1 == "Kandahar"


def test_every_afghan_province_has_its_districts(geo: Geocoder) -> None:
    gaz = geo.gaz
    per_province: dict[str, int] = {}
    for r, kind in enumerate(gaz.kind):
        if kind == 2 and gaz.country[r] == "AF":  # K_DISTRICT
            per_province[gaz.admin1[r]] = per_province.get(gaz.admin1[r], 0) + 1
    assert len(per_province) == 34
    assert sum(per_province.values()) >= 390
    assert min(per_province.values()) >= 5


def test_district_named_elsewhere_in_the_report_refines_a_province(geo: Geocoder) -> None:
    doc = ("Gunmen overran a police post in a village of Daykundi province on Friday. "
           "Officials said fighting also continued in Kajran district.")
    m = _loc(geo, doc.split(". ", maxsplit=1)[0], doc)
    assert (m.place.admin2, m.place.geo_precision) == ("Kajran", 2)


# ------------------------------------------------------------------- common words and places abroad
@pytest.mark.parametrize("sentence", [
    "He said God would judge the attackers.",
    "Talks in Nice weather ended early.",
    "The minister called the split in the party a disaster.",
    "Reading the statement, the spokesman denied any role.",
])
def test_common_words_are_not_places_abroad(geo: Geocoder, sentence: str) -> None:
    m = geo.locate(sentence)
    assert m is None or m.place.country in ("Pakistan", "Afghanistan")


def test_foreign_word_place_with_its_country_is_placed(geo: Geocoder) -> None:
    m = _loc(geo, "A car bomb exploded in Split, Croatia, on Monday.")
    assert (m.place.name, m.place.country) == ("Split", "Croatia")


def test_small_foreign_town_needs_its_country(geo: Geocoder) -> None:
    assert geo.locate("Gunmen attacked a bus near Göd on Monday.") is None
    m = geo.locate("Gunmen attacked a bus near Göd, Hungary, on Monday.")
    assert m is not None and m.place.country == "Hungary"


def test_large_city_abroad_stands_alone(geo: Geocoder) -> None:
    m = _loc(geo, "Protesters gathered in Tehran on Friday.")
    assert m.place.country == "Iran"


@pytest.mark.parametrize("headline", ["Pak soldiers martyred in Kurram attack", "Pak troops repulse attack"])
def test_pak_is_pakistan_not_a_place(geo: Geocoder, headline: str) -> None:
    assert all(s != "Pak" for s, _, _ in geo.find(headline))
    m = geo.locate(headline)
    assert m is None or m.place.country == "Pakistan"


def test_pak_sets_the_country_context(geo: Geocoder) -> None:
    assert "PK" in geo._context_of("Pak forces clear militant hideouts").named


# --------------------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("text", [
    "Kunduz " * 1500,                      # 10,000+ characters of one name
    "Дашти Кала, Тахар",                   # Cyrillic
    "喀布尔发生爆炸",                         # Chinese
    "in " * 4000,                            # only a cue word
    "Dasht-e-" * 50,                         # a dangling connector chain
    "e i ye wa Qala e i ye",
])
def test_odd_texts_never_crash(geo: Geocoder, text: str) -> None:
    geo.find(text)
    m = geo.locate(text, document_text=text)
    assert m is None or isinstance(m.place, Place)


@pytest.mark.parametrize("lat,lon", [(67.0, 30.0), (-91.0, 0.0), ("x", 1.0), (None, None)])
def test_reverse_swapped_or_invalid_points(geo: Geocoder, lat: object, lon: object) -> None:
    place = geo.reverse(lat, lon)  # type: ignore[arg-type]
    assert place is None or place.country not in ("Pakistan", "Afghanistan")


def test_name_shared_by_countries_without_context_is_not_confident(geo: Geocoder) -> None:
    m = geo.locate("The meeting was held in Hyderabad.")
    assert m is None or m.score < 0.9


# ------------------------------------------------------------------------------ admin-1 units abroad
def test_state_suffix_names_the_unit(geo: Geocoder) -> None:
    m = _loc(geo, "Gunmen stormed a village in Zamfara State overnight, residents said.")
    assert (m.place.country, m.place.admin1, m.place.kind) == ("Nigeria", "Zamfara", "province")
    assert m.place.geo_precision == 3
    m = _loc(geo, "Troops repelled an attack on a base in Rivers State.")
    assert m.place.admin1 == "Rivers"


def test_unit_qualifying_an_unknown_village_gives_admin1(geo: Geocoder) -> None:
    m = _loc(geo, "Insurgents raided Ngamdu Kura, Yobe State, on Friday and burned the market.")
    assert (m.place.country, m.place.admin1) == ("Nigeria", "Yobe")


def test_possessive_country_and_region(geo: Geocoder) -> None:
    m = _loc(geo, "Fighters attacked a convoy near a village in Burkina Faso's Est region on Monday.")
    assert (m.place.country, m.place.admin1) == ("Burkina Faso", "Est")
    m = _loc(geo, "A drone hit a depot in Ukraine's Zaporizhzhia region overnight.")
    assert (m.place.country, m.place.admin1) == ("Ukraine", "Zaporizhia")


def test_town_abroad_named_with_its_unit(geo: Geocoder) -> None:
    m = _loc(geo, "Rebels shelled Goma, North Kivu, on Tuesday, killing three civilians.")
    assert (m.place.name, m.place.admin1, m.place.kind) == ("Goma", "North Kivu", "town")
    m = _loc(geo, "Clashes broke out in the northern Syrian city of Aleppo on Sunday.")
    assert (m.place.country, m.place.admin1) == ("Syria", "Aleppo")


def test_unit_named_in_the_sentence_fills_a_town_without_one(geo: Geocoder) -> None:
    m = _loc(geo, "Soldiers were ambushed near Daraa in southern Syria, in Daraa governorate.")
    assert m.place.country == "Syria" and m.place.admin1 == "Dar'a"


def test_unit_shared_with_a_sea_needs_its_country(geo: Geocoder) -> None:
    m = geo.locate("Houthi forces fired missiles at a tanker in the Red Sea on Monday.")
    assert m is None or m.place.kind != "province"
    m = geo.locate("Police dispersed a protest in Gaza province, in southern Mozambique.")
    assert m is not None and (m.place.country, m.place.admin1) == ("Mozambique", "Gaza")


def test_village_word_does_not_pull_a_town_abroad(geo: Geocoder) -> None:
    text = ("Gunmen killed a shopkeeper in the Sher Kalay area of Bajaur on Friday. The Sher Kalay bazaar "
            "was closed on Saturday.")
    m = _loc(geo, text.split(". ", maxsplit=1)[0], text)
    assert m.place.country == "Pakistan"
    assert m.place.admin1 == "Khyber Pakhtunkhwa"


def test_theater_provinces_are_unchanged_by_units_abroad(geo: Geocoder) -> None:
    m = _loc(geo, "A blast in Lahore, Punjab, killed four people.")
    assert (m.place.country, m.place.admin1) == ("Pakistan", "Punjab")


def test_a_place_by_its_own_name_beats_an_alternate_name_abroad():
    g = Geocoder.default()
    match = g.locate("A blast hit a market in Islamabad on Monday.")
    assert match is not None and match.place.country == "Pakistan"


def test_a_capital_that_speaks_is_not_a_place():
    g = Geocoder.default()
    assert g.locate("Islamabad has run out of patience with the Taliban.") is None
    assert g.locate("Kabul denied the claims on Tuesday.") is None
    match = g.locate("Police in Kabul's western outskirts arrested two men, and Islamabad's answer was swift.")
    assert match is not None and match.place.country == "Afghanistan"


def test_a_province_named_after_its_country_is_the_place(geo: Geocoder) -> None:
    m = geo.locate("The raids hit targets in Afghanistan, mostly in Khost province.")
    assert m is not None and m.place.admin1 == "Khost" and m.place.kind == "province"


@pytest.mark.parametrize("text", [
    "Gunmen stopped a bus in Kech district and shot dead seven labourers, most of them from Punjab.",
    "Gunmen stopped a bus in Kech district and shot dead seven labourers hailing from Punjab.",
])
def test_where_the_victims_came_from_is_not_where_the_event_was(geo: Geocoder, text: str) -> None:
    m = geo.locate(text)
    assert m is not None and m.place.admin1 == "Balochistan"


def test_a_place_of_origin_is_still_a_place_when_it_is_the_only_one(geo: Geocoder) -> None:
    m = geo.locate("Seven labourers, all of them from Punjab, were shot dead on Tuesday.")
    assert m is not None and m.place.admin1 == "Punjab"


@pytest.mark.parametrize("text", [
    "A roadside bomb struck a Levies vehicle near Dalbandin; one of the wounded later died in hospital in Quetta.",
    "A roadside bomb struck a Levies vehicle near Dalbandin, and the wounded were airlifted to Quetta.",
])
def test_where_the_wounded_were_taken_is_not_where_the_event_was(geo: Geocoder, text: str) -> None:
    m = geo.locate(text)
    assert m is not None and m.place.name == "Dalbandin"


@pytest.mark.parametrize("text", [
    "Gunmen stopped a coach travelling from Karachi to Gwadar near Ormara and killed four passengers.",
    "Gunmen stopped a coach on its way to Gwadar near Ormara and killed four passengers.",
    "Gunmen stopped a coach plying between Karachi and Gwadar near Ormara and killed four passengers.",
])
def test_the_ends_of_a_journey_are_not_where_it_was_stopped(geo: Geocoder, text: str) -> None:
    m = geo.locate(text)
    assert m is not None and m.place.name == "Ormara"


def test_a_hospital_that_is_the_scene_keeps_its_town(geo: Geocoder) -> None:
    m = geo.locate("Militants threw a grenade at a shop outside the Civil Hospital in Turbat on Sunday.")
    assert m is not None and m.place.name == "Turbat"


def test_a_town_abroad_that_opens_a_longer_unknown_name_is_not_the_place(geo: Geocoder) -> None:
    m = geo.locate("Al-Shabaab fighters took control of Paris Gudo in Hiran on Monday.")
    assert m is not None and m.place.country == "Somalia" and m.place.admin1 == "Hiraan"
    assert m.place.name == "Paris Gudo"  # the scene keeps its name, at the province around it
    assert m.place.geo_precision == 3


def test_a_town_abroad_followed_by_a_place_word_is_still_the_town(geo: Geocoder) -> None:
    m = geo.locate("Gunmen attacked a market in Kaduna State on Sunday.")
    assert m is not None and m.place.country == "Nigeria"


def test_a_town_of_a_province_beats_the_province_its_country_qualifies(geo: Geocoder) -> None:
    m = geo.locate("Jets struck hideouts in Iran's Sistan-Baluchestan province on Thursday. Officials said nine "
                   "people were killed in a village near Saravan.")
    assert m is not None and m.place.name in ("Saravan", "Sarāvān") and m.place.geo_precision == 2


def test_a_province_that_names_an_office_is_not_the_scene(geo: Geocoder) -> None:
    m = geo.locate("A roadside bomb hit the convoy of the Logar provincial governor in Tangi Abrishum, Wardak, "
                   "on Monday.")
    assert m is not None and m.place.admin1 == "Wardak" and m.place.name == "Tangi Abrishum"
