"""The rule extractor end to end (no geocoder): events, actors, figures, claims, dates and bad input."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from sitrep.domain import Document
from sitrep.extract.base import Extractor, get_extractor
from sitrep.extract.rules import RuleExtractor
from sitrep.knowledge.taxonomy import is_valid

PUB = datetime(2024, 5, 9, 8, 0)  # a Thursday
EX = RuleExtractor(geocoder=None)


def extract(text, pub=PUB):
    return EX.extract(Document(doc_id="t", text=text, published_at=pub))


def only(text, pub=PUB):
    mentions = extract(text, pub)
    assert len(mentions) == 1, [m.to_dict() for m in mentions]
    return mentions[0]


def test_registry():
    ex = get_extractor("rules")
    assert isinstance(ex, Extractor) and ex.name == "rules"
    with pytest.raises(KeyError):
        get_extractor("nope")


def test_suicide_bombing_with_relative_date():
    m = only("QUETTA: A suicide bomber blew himself up near a police van on Tuesday, killing six policemen and "
             "wounding 19 people, officials said.")
    assert (m.event_type, m.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    assert m.event_date == date(2024, 5, 7) and m.date_precision == "day"
    assert m.fatalities == 7 and m.wounded == 19  # the bomber counts among the dead (docs/coding.md)
    assert m.actor1 == "Unidentified Armed Group (Pakistan)"
    assert m.actor2 == "Police Forces of Pakistan"
    assert m.country == "Pakistan" and m.admin1 == "Balochistan" and m.geo_precision == 3
    assert is_valid(m.event_type, m.sub_event_type)
    fields = {e.field for e in m.evidence}
    assert {"event_type", "fatalities", "event_date", "location"} <= fields


def test_responsibility_claim_sets_actor1_and_certainty():
    m = only("Gunmen stormed a security checkpoint in North Waziristan yesterday, killing three soldiers. "
             "The Tehreek-e-Taliban Pakistan claimed responsibility for the attack.")
    assert m.responsibility == "TTP: Tehreek-e-Taliban Pakistan"
    assert m.actor1 == "TTP: Tehreek-e-Taliban Pakistan"
    assert m.actor2 == "Military Forces of Pakistan"
    assert m.certainty == "claimed"
    assert m.sub_event_type == "Armed clash"
    assert m.event_date == date(2024, 5, 8)
    assert any(c.kind == "responsibility" for c in m.claims)


def test_denial_is_recorded():
    m = only("A roadside bomb struck a passenger van in Bajaur on Monday, killing four civilians. "
             "Police blamed the TTP, which denied involvement.")
    assert m.sub_event_type == "Remote explosive/landmine/IED"
    assert m.denied_by == ("TTP: Tehreek-e-Taliban Pakistan",)
    assert m.actor2 == "Civilians (Pakistan)"
    assert m.fatalities == 4


def test_conflicting_figures_are_disputed():
    m = only("Pakistani jets carried out air strikes in Paktika province on Monday. Taliban spokesman Zabihullah "
             "Mujahid said eight civilians were killed. The ISPR said 20 terrorists were killed in the strikes.")
    assert m.sub_event_type == "Air/drone strike"
    assert m.certainty == "disputed"
    assert (m.fatalities, m.fatalities_low, m.fatalities_high) == (8, 8, 20)
    claimants = {c.claimant for c in m.claims if c.kind == "casualties"}
    assert len(claimants) == 2
    assert m.country == "Afghanistan"


def test_claimants_compare_victims_and_the_attackers_killed_add_to_each_toll():
    m = only("Gunmen stormed a hotel in Gwadar on Monday and held guests hostage. A military spokesman said all "
             "six attackers had been killed and that four guests had died. The group disputed the account, "
             "saying it had killed 30 people.")
    assert m.certainty == "disputed"
    assert (m.fatalities, m.fatalities_low, m.fatalities_high) == (10, 10, 36)
    assert {c.claimant for c in m.claims if c.kind == "casualties"} == {"military spokesman", "group"}


def test_a_count_of_one_kind_of_victim_below_the_toll_of_all_is_a_part_of_it():
    m = only("Twenty people, including six policemen, were killed when a car bomb exploded outside a market in "
             "Chaman on Friday, officials said. Most of the 14 civilians who died were shopkeepers, a doctor said. "
             "Troops later cornered the bombers' handlers and killed all three of them, the army said.")
    assert m.certainty != "disputed"
    assert m.fatalities == 23


def test_the_group_that_claims_is_the_subject_not_the_one_in_an_aside():
    m = only("A bomb went off near a checkpost in Lakki Marwat on Friday, wounding three soldiers. Jaish al-Fursan, "
             "a faction linked to the Hafiz Gul Bahadur group, said it carried out the attack.")
    assert m.responsibility == "Jaish-e-Fursan-e-Muhammad"


def test_a_vehicle_of_explosives_rammed_into_a_target_is_a_suicide_bombing():
    m = only("Militants rammed an explosives-laden truck into the gate of a police station in Tank on Sunday, "
             "killing four policemen.")
    assert m.sub_event_type == "Suicide bomb"


def test_a_lead_that_tells_the_fighting_only_as_the_reason_for_words_is_not_dated_by_them():
    ms = extract("Pakistan and Afghanistan traded accusations on Thursday after a night of heavy fighting along "
                 "the border. Afghan forces attacked Pakistani border posts late on Tuesday, the military said.")
    assert [(m.sub_event_type, m.event_date) for m in ms] == [("Armed clash", date(2024, 5, 7))]


def test_the_place_of_the_act_answered_is_not_the_scene():
    from sitrep.extract.geocode import Geocoder

    ex = RuleExtractor(geocoder=Geocoder.default())
    m = ex.extract(Document(doc_id="t", published_at=PUB, text=(
        "Afghan forces attacked Pakistani border posts on Tuesday in what they called a response to air strikes "
        "in Khost province.")))[0]
    assert m.admin1 != "Khost"


def test_a_country_named_in_passing_in_another_sentence_is_not_the_scene():
    from sitrep.extract.geocode import Geocoder

    ex = RuleExtractor(geocoder=Geocoder.default())
    m = ex.extract(Document(doc_id="t", published_at=PUB, text=(
        "On Tuesday, Afghan forces attacked Pakistani border posts in what they said was retaliation for air "
        "strikes in Afghanistan. Both sides claimed heavy casualties; the fighting stopped after Qatar urged "
        "restraint.")))[0]
    assert m.country in {"Afghanistan", "Pakistan"}


def test_forces_fight_the_group_whose_act_the_clause_before_tells():
    m = only("The army said on Thursday it had ended the siege of a school in Zhob, a day after Baloch Liberation "
             "Army fighters stormed it.")
    assert (m.actor1, m.actor2) == ("Military Forces of Pakistan", "BLA: Baloch Liberation Army")


def test_taking_control_of_a_named_place_is_territory():
    m = only("Taliban fighters took control of Dand-e-Ghori on Thursday after heavy fighting, residents said.")
    assert m.sub_event_type == "Non-state actor overtakes territory"


def test_a_press_release_with_a_second_engagement_and_a_soldier_who_embraced_shahadat():
    ms = extract("RAWALPINDI: On the night of 7/8 May, security forces conducted an intelligence-based operation in "
                 "Datta Khel, North Waziristan District. After an intense exchange of fire, five khwarij were sent "
                 "to hell. However, Naik Ahmed Khan, having fought gallantly, embraced shahadat. Separately, in "
                 "another engagement in Khyber District, three more khwarij were neutralised while a soldier was "
                 "injured.")
    assert [(m.event_date, m.fatalities) for m in ms] == [(date(2024, 5, 7), 6), (date(2024, 5, 7), 3)]
    assert ms[1].wounded == 1
    defused = only("The bomb disposal squad said the device was neutralised near the school on Monday.")
    assert defused.sub_event_type == "Disrupted weapons use" and not defused.fatalities


def test_forces_that_end_a_siege_fight_the_gunmen_not_the_passengers():
    m = extract("Security forces ended a two-day siege of a passenger bus in Kalat on Thursday after gunmen had "
                "stopped it and taken the passengers hostage.")[0]
    assert (m.event_type, m.sub_event_type) == ("Battles", "Armed clash")
    assert m.actor1 == "Military Forces of Pakistan"
    assert m.actor2 == "Unidentified Armed Group (Pakistan)"
    assert m.event_date == date(2024, 5, 9)


def test_a_day_in_brackets_in_the_dateline_is_not_the_event_day():
    m = only("KALAT, Pakistan (May 9) — Gunmen shot dead two labourers on Wednesday, police said.")
    assert m.event_date == date(2024, 5, 8)


def test_no_casualties_is_zero_and_silence_is_none():
    m = only("Militants lobbed a grenade at a police station in Turbat on Wednesday. No one was hurt.")
    assert m.sub_event_type == "Grenade"
    assert m.fatalities == 0 and m.wounded == 0
    m = only("Unknown men blew up a gas pipeline in Dera Bugti on Wednesday.")
    assert m.fatalities is None and m.wounded is None


def test_two_events_in_one_report():
    ms = extract("Two soldiers were killed when militants attacked a check post in Lakki Marwat on Monday. "
                 "In a separate incident, gunmen shot dead a tribal elder in Khyber district on Tuesday.")
    assert len(ms) == 2
    assert ms[0].sub_event_type == "Armed clash" and ms[0].fatalities == 2
    assert ms[0].event_date == date(2024, 5, 6)
    assert ms[1].event_type == "Violence against civilians" and ms[1].actor2 == "Civilians (Pakistan)"
    assert ms[1].fatalities == 1 and ms[1].event_date == date(2024, 5, 7)
    assert [m.index for m in ms] == [0, 1]


def test_follow_up_sentences_belong_to_the_same_event():
    ms = extract("A bomb exploded at a market in Peshawar on Sunday. Nine people were killed in the blast. "
                 "Another 25 were wounded, hospital officials said.")
    assert len(ms) == 1
    assert ms[0].fatalities == 9 and ms[0].wounded == 25


def test_attackers_count_among_the_dead():
    m = only("Militants attacked a police post in Bannu on Monday night, killing two policemen. "
             "Three attackers were also killed in the exchange of fire.")
    assert m.fatalities == 5


def test_hedged_report_is_unconfirmed():
    m = only("Five Frontier Corps soldiers were reportedly abducted by militants in Kech on Tuesday.")
    assert m.sub_event_type == "Abduction/forced disappearance"
    assert m.certainty == "unconfirmed"


def test_strategic_developments():
    m = only("Pakistan and Afghanistan agreed to a ceasefire on Sunday after talks in Doha.")
    assert (m.event_type, m.sub_event_type) == ("Strategic developments", "Agreement")
    m = only("Police arrested 12 suspects in a raid in Karachi on Monday.")
    assert m.sub_event_type == "Arrests" and m.actor1 == "Police Forces of Pakistan"
    m = only("The bomb disposal squad defused an improvised explosive device in Quetta on Monday.")
    assert m.sub_event_type == "Disrupted weapons use"


def test_protests():
    m = only("Police fired tear gas to disperse protesters in Peshawar on Monday.")
    assert (m.event_type, m.sub_event_type) == ("Protests", "Protest with intervention")
    assert m.actor1 == "Protesters (Pakistan)"


@pytest.mark.parametrize("text", [
    "Terrorist attacks in Pakistan rose 56 percent this year, a think tank said in its annual report.",
    "Officials warned that the militants could attack government buildings in the coming days.",
    "The TTP was formed in 2007 as an alliance of militant networks.",
    "Analysts say the relationship between Islamabad and Kabul has never been worse.",
])
def test_non_event_reports(text):
    assert extract(text) == []


def test_history_is_not_news():
    assert extract("Baitullah Mehsud, the first TTP leader, was killed in a drone strike on 5 August 2009.") == []


def test_afghan_event_uses_afghan_generics():
    m = only("03/15/2021: Assailants opened fire on a group of farmers in Ghazni, Afghanistan. Two civilians were "
             "killed in the attack. No group claimed responsibility for the incident.", pub=None)
    assert m.event_date == date(2021, 3, 15)
    assert m.actor1 == "Unidentified Armed Group (Afghanistan)"
    assert m.actor2 == "Civilians (Afghanistan)"
    assert m.responsibility is None


def test_attribution_names_the_perpetrator_without_a_claim():
    m = only("04/02/2021: An explosive device detonated near a bus in Kandahar, Afghanistan. Three people were "
             "killed. No group claimed responsibility; however, sources attributed the attack to the Taliban.",
             pub=None)
    assert m.actor1 == "Afghan Taliban"
    assert m.responsibility is None and m.certainty == "reported"


@pytest.mark.parametrize("text", [
    "",
    "   \n\t ",
    "د پاکستان په شمال لویدیځ کې یوه چاودنه وشوه او پنځه کسان ووژل شول",
    "پشاور میں دھماکے سے پانچ افراد جاں بحق ہو گئے",
    "\x00\x01\x02\xff\xfe garbage \x00 bytes \x1b[0m" * 50,
    "1,000,000 2024 3.14159 99% 12:30",
])
def test_bad_input_returns_nothing(text):
    assert extract(text) == []


def test_binary_bytes_decoded_as_text():
    junk = bytes(range(256)).decode("latin-1") * 100
    assert extract(junk) == []


def test_five_megabyte_text_returns():
    para = ("The weather in the valley was mild and the markets were busy with traders. " * 20 + "\n")
    text = (para * (5_000_000 // len(para) + 1))[:5_000_000]
    start = time.perf_counter()
    assert extract(text) == []
    assert time.perf_counter() - start < 30


def test_missing_and_future_publication_dates():
    text = "Gunmen killed two policemen in Peshawar on Monday."
    m = only(text, pub=None)
    assert m.event_date is None and m.fatalities == 2
    m = only(text, pub=datetime(2091, 1, 3))
    assert m.event_date is not None and m.event_date < date(2091, 1, 3)


def test_to_dict_contract():
    m = only("A landmine blast killed a shepherd in Kurram on Monday.")
    d = m.to_dict()
    for key in ["doc_id", "event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2",
                "country", "admin1", "location", "fatalities", "wounded", "claims", "responsibility", "certainty",
                "evidence"]:
        assert key in d
    assert d["event_date"] == "2024-05-06"


def test_toll_given_and_silent_on_injuries_codes_wounded_zero():
    m = only("QUETTA: Gunmen shot dead two policemen in Quetta on Tuesday, officials said.")
    assert m.fatalities == 2 and m.wounded == 0


def test_injuries_mentioned_without_a_number_stay_unknown():
    m = only("QUETTA: Gunmen shot dead two policemen in Quetta on Tuesday, and several passers-by were wounded.")
    assert m.fatalities == 2 and m.wounded is None


def test_bomber_not_added_when_the_toll_includes_him():
    m = only("QUETTA: A suicide bomber blew himself up near a police van on Tuesday, killing six people, "
             "including the bomber, officials said.")
    assert m.fatalities == 6


def test_a_later_toll_supersedes_the_first_figure():
    m = only("PESHAWAR: A bomb exploded in a market in Peshawar on Tuesday, killing 12 people and wounding 30. "
             "By the evening the death toll had risen to 19, hospital officials said.")
    assert m.fatalities == 19


def test_a_corrected_figure_replaces_the_earlier_one():
    m = only("Correction: An earlier version of this report said 12 people were killed. The roadside bomb went off "
             "in Swat on Tuesday and the toll is nine, police said.")
    assert m.fatalities == 9


def test_dateline_anchors_relative_dates():
    m = only("PESHAWAR, May 5 - Militants attacked a police checkpoint in Bannu on Friday, killing three policemen.",
             datetime(2024, 5, 9, 8))
    assert m.event_date == date(2024, 5, 3)


def test_a_coders_note_sentence_joins_the_event_it_codes():
    ms = extract("On 7 May, militants attacked an army post in Awaran district, Balochistan, inflicting "
                 "heavy losses. Unknown fatalities coded as 3.")
    assert len(ms) == 1 and ms[0].fatalities == 3


@pytest.mark.parametrize(("text", "actor1"), [
    ("Pakistani shelling killed two shepherds in Dangam district of Kunar on Monday.", "Military Forces of Pakistan"),
    ("Two shepherds were killed in Pakistani shelling in Kunar on Monday.", "Military Forces of Pakistan"),
    ("Two shepherds were killed by Afghan mortar fire in Bajaur on Monday.", "Military Forces of Afghanistan"),
    ("A farmer died in Iranian firing near the border at Mand on Monday.", "Military Forces of Iran"),
])
def test_forces_named_by_what_they_fired_acted(text, actor1):
    m = only(text)
    assert m.actor1 == actor1
    assert m.fatalities in {1, 2}


def test_deaths_told_through_the_firing_that_caused_them_are_an_event():
    m = only("Indian firing across the Line of Control leaves a woman dead in Kotli on Monday")
    assert m.actor1 == "Military Forces of India" and m.fatalities == 1


def test_infighting_is_a_clash():
    m = only("Eight militants die in infighting between two factions in Tirah on Monday")
    assert (m.event_type, m.sub_event_type) == ("Battles", "Armed clash") and m.fatalities == 8


def test_a_reaction_that_tells_the_toll_reports_the_event():
    m = only("Islamabad condemns cross-border shelling that killed four civilians in Chaman on Monday")
    assert m.fatalities == 4
    assert extract("The government condemned the attacks in the strongest terms.") == []


def test_a_bomber_told_dead_outside_the_disputed_tolls_is_added_to_them():
    text = ("A suicide bomber blew himself up outside a courthouse in Mardan on Monday. A police spokesman said "
            "four people were killed along with the bomber. The group that claimed it said 30 had died.")
    m = only(text)
    assert m.fatalities == 5


def test_bombers_counted_dead_already_are_not_added_twice():
    m = only("Two suicide bombers attacked a shrine in Sehwan on Monday, killing nine pilgrims: one bomber blew "
             "himself up and the other was shot dead by guards.")
    assert m.fatalities == 11


def test_a_headline_victim_named_by_role_alone_is_one_death():
    m = only("Bomb kills shopkeeper, injures nine in Pishin")
    assert m.sub_event_type == "Remote explosive/landmine/IED"
    assert (m.fatalities, m.wounded) == (1, 9)


def test_a_headline_source_after_a_colon_or_dash_is_not_a_side():
    m = only("Gunmen kill schoolteacher in Kech: police")
    assert m.actor2 == "Civilians (Pakistan)" and m.fatalities == 1
    m = only("Blast kills two traders in Chaman market - army says")
    assert m.actor2 == "Civilians (Pakistan)" and m.fatalities == 2


def test_the_head_of_a_body_told_in_a_headline_is_one_victim():
    assert only("Chief of local peace committee killed in Bajaur").fatalities == 1
    assert only("Gunmen kill member of local peace committee in Bajaur").fatalities == 1
    assert only("Customs officer dies in grenade attack in Torkham").fatalities == 1


def test_enemies_of_a_group_are_not_the_group():
    m = only("Gunmen shot dead an anti-Taliban elder in Kurram on Monday.")
    assert m.actor1 != "Afghan Taliban" and m.actor2 != "Afghan Taliban"


def test_older_spelling_of_the_taliban():
    m = only("Pakistani Taleban fighters killed four policemen in Tank on Monday.")
    assert m.actor1 == "TTP: Tehreek-e-Taliban Pakistan" and m.fatalities == 4


def test_a_search_operation_alone_is_no_battle():
    assert extract("Security forces launched a search operation in the area on Sunday.") == []
    m = only("Security forces conducted an operation in Tirah on Sunday, killing three militants in an exchange "
             "of fire.")
    assert m.event_type == "Battles"


def test_a_state_that_goes_on_is_no_new_closure():
    assert extract("The Chaman crossing remains closed for a fourth day.") == []
    assert extract("Trade through the crossings, shut since the clashes on Monday, is still suspended.") == []
    assert only("Pakistan closed the Ghulam Khan crossing on Sunday.").sub_event_type == "Other"


def test_capitals_that_agree_in_a_headline_are_governments_and_the_body_names_the_parties():
    text = ("Islamabad, Kabul agree to extend truce after Doha talks\n\n"
            "DOHA - Pakistan and Afghanistan agreed on Wednesday to extend their truce, the Qatari foreign "
            "ministry said.")
    m = only(text)
    assert m.sub_event_type == "Agreement"
    assert {m.actor1, m.actor2} == {"Government of Pakistan", "Government of Afghanistan"}


def test_a_sit_in_with_the_victims_is_a_protest_of_its_own():
    text = ("A mortar round hit a house in Bajaur on Monday, killing two children, officials said. Relatives later "
            "staged a sit-in with the bodies outside the district office, demanding compensation.")
    kinds = sorted(m.event_type for m in extract(text))
    assert kinds == ["Explosions/Remote violence", "Protests"]


def test_two_states_forces_named_in_a_headline_fought_each_other():
    m = extract("Pakistan, Afghanistan forces clash on border\n\nPakistani and Afghan Taliban forces exchanged "
                "fire at the Kurram border on Monday night, officials said.", pub=datetime(2025, 10, 14))[0]
    assert {m.actor1, m.actor2} == {"Military Forces of Pakistan", "Military Forces of Afghanistan"}


def test_a_diplomatic_protest_is_not_a_crowd():
    assert extract("The foreign office summoned the Afghan envoy on Monday to lodge a strong protest.") == []
    assert only("Hundreds of traders protested in Chaman on Monday against the closure of the crossing."
                ).event_type == "Protests"


def test_bombers_the_toll_includes_by_number_are_not_added():
    m = only("Three suicide bombers attacked a shrine in Sehwan on Monday. At least 20 people, including the three "
             "attackers, were killed.")
    assert m.fatalities == 20
