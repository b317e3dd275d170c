"""The actor dictionary: data file, canonical names, fast matching rules."""

from __future__ import annotations

from datetime import date

from sitrep.knowledge.actors import ActorDictionary

A = ActorDictionary.default()


def names(text, country="Pakistan", when=date(2023, 5, 1)):
    return [m.entry.resolve(country, when) for m in A.find(text)]


def test_required_canonical_names_exist():
    for name in ["Military Forces of Pakistan", "Police Forces of Pakistan", "Military Forces of Afghanistan",
                 "Police Forces of Afghanistan", "Government of Pakistan", "Government of Afghanistan",
                 "TTP: Tehreek-e-Taliban Pakistan", "JuA: Jamaat-ul-Ahrar", "Hafiz Gul Bahadur Group",
                 "Lashkar-e-Islam", "Jaish-e-Fursan-e-Muhammad", "Lashkar-e-Jhangvi",
                 "Islamic State Khorasan Province", "BLA: Baloch Liberation Army", "BLF: Balochistan Liberation Front",
                 "BRAS: Baloch Raaji Aajoi Sangar", "BRG: Baloch Republican Guards", "BNA: Baloch Nationalist Army",
                 "Afghan Taliban", "NRF: National Resistance Front", "TLP: Tehreek-e-Labbaik Pakistan",
                 "PTM: Pashtun Tahafuz Movement"]:
        assert A.actor(name) is not None, name


def test_aliases_and_state_label():
    assert names("Fitna al-Khawarij terrorists attacked")[0] == "TTP: Tehreek-e-Taliban Pakistan"
    assert names("the Pakistani Taliban said") == ["TTP: Tehreek-e-Taliban Pakistan"]
    assert names("fighters of the Majeed Brigade") == ["BLA: Baloch Liberation Army"]
    assert names("an ISIS-K cell") == ["Islamic State Khorasan Province"]
    # the group's own name for itself, in its claims
    assert names("a claim from Wilayah Khurasan") == ["Islamic State Khorasan Province"]
    assert names("Pakistani authorities closed the gate") == ["Government of Pakistan"]


def test_acronyms_are_case_sensitive():
    assert names("The TTP and the CTD") == ["TTP: Tehreek-e-Taliban Pakistan", "Police Forces of Pakistan"]
    assert names("ttp bla ctd fc") == []


def test_word_boundaries():
    assert names("BLAST near FCT") == []
    assert names("militancy") == []


def test_longest_alias_wins():
    assert names("Frontier Corps personnel were hit") == ["Police Forces of Pakistan"]
    assert names("unknown gunmen opened fire") == ["Unidentified Armed Group (Pakistan)"]


def test_generic_actors_take_the_event_country():
    assert names("gunmen shot two civilians", country="Afghanistan") == [
        "Unidentified Armed Group (Afghanistan)", "Civilians (Afghanistan)"]
    assert names("police and soldiers", country="Afghanistan") == [
        "Police Forces of Afghanistan", "Military Forces of Afghanistan"]


def test_taliban_era():
    assert names("Taliban fighters attacked", when=date(2021, 3, 1)) == ["Afghan Taliban"]
    assert names("Taliban fighters attacked", when=date(2023, 3, 1)) == ["Military Forces of Afghanistan"]
    assert names("Afghan border forces opened fire") == ["Military Forces of Afghanistan"]


def test_kinds():
    assert A.kind_of("Civilians (Pakistan)") == "civilians"
    assert A.kind_of("BLA: Baloch Liberation Army") == "rebel"
    assert A.kind_of("Unidentified Armed Group (Afghanistan)") == "unidentified"


def test_offsets_survive_case_folding():
    text = "İstanbul police said"  # 'İ' lower-cases to two characters
    m = A.find(text)[0]
    assert text[m.start:m.end] == "police"
