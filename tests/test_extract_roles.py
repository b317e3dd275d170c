"""Who did what to whom, and what kind of event it was: actor roles, event types, shared totals and commentary."""

from __future__ import annotations

from datetime import datetime

import pytest

from sitrep.domain import Document
from sitrep.extract.classify import classify, is_narrative
from sitrep.extract.numbers import sentence_figures
from sitrep.extract.rules import RuleExtractor

PUB = datetime(2024, 5, 9, 8, 0)  # a Thursday
EX = RuleExtractor(geocoder=None)


def extract(text: str, pub: datetime = PUB):
    return EX.extract(Document(doc_id="t", text=text, published_at=pub))


def only(text: str, pub: datetime = PUB):
    mentions = extract(text, pub)
    assert len(mentions) == 1, [m.to_dict() for m in mentions]
    return mentions[0]


# -- targets ------------------------------------------------------------------------------------------------

def test_violence_against_civilians_has_civilian_victims_when_none_are_named():
    m = only("Unidentified gunmen shot dead an unarmed youth near Duki, Balochistan, on Tuesday, police said.")
    assert m.event_type == "Violence against civilians"
    assert m.actor2 == "Civilians (Pakistan)"


def test_a_non_state_bombing_that_hurt_people_without_an_armed_target_struck_civilians():
    m = only("Militants lobbed a hand grenade at a house in Gwadar on Tuesday. Three persons were injured.")
    assert m.sub_event_type == "Grenade" and m.actor2 == "Civilians (Pakistan)"


def test_a_bombing_of_property_that_hurt_nobody_has_no_target():
    m = only("BLA militants blew up a gas pipeline in Dera Bugti on Tuesday, cutting supplies to several towns.")
    assert m.event_type == "Explosions/Remote violence" and m.actor2 is None


def test_off_duty_and_retired_men_of_the_forces_are_civilian_victims():
    m = only("Gunmen shot dead an off-duty policeman outside his home in Quetta on Tuesday, police said.")
    assert (m.event_type, m.actor2) == ("Violence against civilians", "Civilians (Pakistan)")
    m = only("Gunmen shot dead a retired soldier in his shop in Turbat on Tuesday, police said.")
    assert (m.event_type, m.actor2) == ("Violence against civilians", "Civilians (Pakistan)")
    m = only("On Tuesday gunmen shot dead a Levies official (assumed off-duty) at his house in Kalat, Balochistan.")
    assert (m.event_type, m.actor2) == ("Violence against civilians", "Civilians (Pakistan)")


def test_informants_and_former_militants_are_civilian_victims():
    m = only("BLA militants shot dead a suspected army informant in Turbat, Balochistan on Tuesday.")
    assert (m.event_type, m.actor2) == ("Violence against civilians", "Civilians (Pakistan)")
    m = only("BLF gunmen shot dead a former BLA commander at a market in Turbat, Balochistan on Tuesday.")
    assert (m.event_type, m.actor2) == ("Violence against civilians", "Civilians (Pakistan)")


# -- event types ----------------------------------------------------------------------------------------------

def test_rockets_and_gunfire_on_a_post_make_a_battle():
    m = only("BLF militants attacked an army post with rockets and automatic weapons in Kech on Tuesday, "
             "killing two soldiers.")
    assert (m.event_type, m.sub_event_type) == ("Battles", "Armed clash")
    assert m.actor2 == "Military Forces of Pakistan"


def test_a_grenade_followed_by_an_exchange_of_fire_is_a_battle():
    m = only("Militants hurled a hand grenade at a police station in Mastung on Tuesday and exchanged fire with "
             "the police. There were no casualties.")
    assert m.event_type == "Battles"


def test_rockets_alone_stay_remote_violence():
    m = only("Militants fired rockets at an army camp in Kohlu on Tuesday. Two soldiers were injured.")
    assert m.sub_event_type == "Shelling/artillery/missile attack"


def test_grenade_launchers_are_artillery_not_hand_grenades():
    m = only("BLA militants attacked a checkpost with grenade launchers in Panjgur on Tuesday. Two soldiers "
             "were injured.")
    assert m.sub_event_type == "Shelling/artillery/missile attack"


def test_an_agreement_reached_after_violence_is_the_development():
    c = classify("Elders of two tribes signed a peace agreement at a jirga in Kohat on Wednesday, after weeks "
                 "of clashes that killed more than 100 people.")
    assert c is not None and (c.event_type, c.sub_event_type) == ("Strategic developments", "Agreement")


def test_a_pledge_of_allegiance_is_a_change_to_the_group():
    c = classify("The faction announced that it had pledged allegiance again to the TTP chief.")
    assert c is not None and c.sub_event_type == "Change to group/activity"


# -- initiators ----------------------------------------------------------------------------------------------

def test_fighters_of_a_group_are_that_group():
    m = only("Eight Taliban fighters were killed when fighters of the National Resistance Front attacked a "
             "checkpoint in Panjshir on Sunday, residents said.", datetime(2022, 5, 10))
    assert m.actor1 == "NRF: National Resistance Front"
    assert m.actor2 == "Military Forces of Afghanistan"


def test_a_group_saying_its_fighters_attacked_claims_the_attack():
    m = only("LAKKI MARWAT - The Pakistani Taliban said on Thursday their fighters had stormed a police checkpost "
             "near Lakki Marwat late on Wednesday. Two constables were killed, police said.")
    assert m.actor1 == "TTP: Tehreek-e-Taliban Pakistan"
    assert m.responsibility == "TTP: Tehreek-e-Taliban Pakistan"


def test_an_attribution_in_a_later_sentence_names_the_initiator_without_a_claim():
    m = only("Gunmen shot dead six labourers at a building site in Turbat on Tuesday, police said. The district "
             "police officer attributed the killing to the Balochistan Liberation Front.")
    assert m.actor1 == "BLF: Balochistan Liberation Front"
    assert m.responsibility is None


def test_a_linked_group_named_as_a_modifier_is_not_a_second_side():
    m = only("Militants of the al-Qaeda-linked JNIM attacked villagers near Djibo on Saturday, killing 40.",
             datetime(2024, 5, 13))
    assert m.event_type == "Violence against civilians"
    assert m.actor1 == "JNIM: Group for Support of Islam and Muslims"


# -- figures -------------------------------------------------------------------------------------------------

def test_the_death_of_the_assailant_does_not_take_the_injured_count():
    f = sentence_figures("Aside from the death of the assailant, at least three police officers were injured "
                         "in the blast.")
    assert (f.killed, f.attackers_killed, f.wounded) == (None, 1, 3)


def test_a_total_across_related_attacks_is_shared_equally():
    m = only("Assailants attacked a security outpost in Dobandi, Kunduz, Afghanistan. This was one of two related "
             "attacks on outposts in the area on this day. Four soldiers were killed and two others were injured "
             "across the attacks.")
    assert (m.fatalities, m.wounded) == (2, 1)


# -- commentary ------------------------------------------------------------------------------------------------

def test_commentary_on_violence_in_general_is_not_an_event():
    text = ("Pakistan has tried to avoid a full-scale military operation but has also been unwilling to engage "
            "with local grievances, an analyst said. Terror attacks from the Pakistani Taliban are increasing "
            "across the country, and the group is ideologically backed by the Afghan Taliban.")
    assert extract(text) == []


def test_a_short_headline_with_a_plural_noun_is_news():
    c = classify("Pakistan, India report new Kashmir clashes, deaths.")
    assert c is not None and not is_narrative("Pakistan, India report new Kashmir clashes, deaths.", c)


def test_a_counted_plural_names_particular_attacks():
    text = "At least thirty mines were planted across all three attacks in the district on the same day, police said."
    c = classify(text)
    assert c is not None and not is_narrative(text, c)


def test_a_day_after_on_is_no_target():
    m = only("On Tuesday gunmen shot dead a policeman at his house in Kalat, Balochistan.")
    assert (m.actor1, m.actor2) == ("Unidentified Armed Group (Pakistan)", "Police Forces of Pakistan")


def test_two_states_forces_named_together_fight_each_other():
    m = only("Fighting between the militaries of Afghanistan and Pakistan flared along the frontier on Wednesday, "
             "killing at least 12 people, officials said.")
    assert (m.sub_event_type, m.actor1, m.actor2) == ("Armed clash", "Military Forces of Afghanistan",
                                                      "Military Forces of Pakistan")
    m = only("Pakistani and Afghan border forces exchanged fire at Torkham early on Wednesday, officials said.")
    assert {m.actor1, m.actor2} == {"Military Forces of Afghanistan", "Military Forces of Pakistan"}


def test_sides_named_in_a_clause_about_an_earlier_event_are_not_this_events():
    m = only("Pakistani jets struck hideouts in Khost on Monday, two days after a bombing at an army post in Bannu.")
    assert m.actor1 == "Military Forces of Pakistan" and m.actor2 != "Military Forces of Pakistan"
    assert m.actor2 is None or "Military Forces" not in m.actor2


def test_state_forces_that_kill_civilians_attack_them_rather_than_clash():
    mentions = extract("Iranian border guards killed four Afghan civilians and attacked two police posts near Islam "
                       "Qala on Monday, officials said.", datetime(2024, 5, 9))
    assert len(mentions) == 2  # the attack on the posts is an event of its own
    m = next(m for m in mentions if m.actor2 and m.actor2.startswith("Civilians"))
    assert m.actor1 == "Military Forces of Iran"
    assert m.actor2 == "Civilians (Afghanistan)"
    assert (m.event_type, m.sub_event_type) == ("Violence against civilians", "Attack")
    assert m.fatalities == 4  # the posts are not victims


def test_the_taliban_are_the_pakistani_group_in_a_report_that_speaks_only_of_the_ttp():
    m = only("PESHAWAR - The TTP has stepped up its campaign in the north-west. On Tuesday the Taliban attacked "
             "a police post in Bannu, killing three constables.")
    assert m.actor1 == "TTP: Tehreek-e-Taliban Pakistan"


def test_the_taliban_are_afghanistans_rulers_where_the_report_names_both():
    m = only("The Taliban government in Kabul denies sheltering the TTP. On Tuesday the Taliban fired mortars at "
             "a Pakistani border post near Chaman, killing two soldiers.")
    assert m.actor1.startswith("Military Forces of Afghanistan")
    assert m.actor2 == "Military Forces of Pakistan"


def test_an_air_strike_told_without_its_author_is_the_state_the_report_named_striking():
    text = ("Why Iran Struck Militant Camps in Pakistan\n\nTehran had warned for months about the attacks on its "
            "border guards. On Tuesday, missile and drone strikes hit two camps of Jaish al-Adl near Panjgur, "
            "killing two children, officials said.")
    m = only(text)
    assert m.sub_event_type == "Air/drone strike"
    assert m.actor1 == "Military Forces of Iran"


def test_an_air_strike_is_not_given_its_targets_state_as_author():
    text = ("Pakistani jets flew over the border last year. On Tuesday, drone strikes hit Pakistani army posts "
            "near Chaman, killing two soldiers, officials said.")
    m = only(text)
    assert m.actor1 != "Military Forces of Pakistan"


def test_setting_fire_to_a_building_is_arson_by_the_attackers():
    m = only("Militants set fire to a girls' school in Khyber on Tuesday night; nobody was hurt.")
    assert m.sub_event_type == "Looting/property destruction"
    assert m.actor1.startswith("Unidentified Armed Group")


def test_a_building_torched_is_the_target_not_the_author():
    m = only("Two police stations were torched in Bannu on Tuesday.")
    assert m.sub_event_type == "Looting/property destruction"
    assert m.actor1 is None or not m.actor1.startswith("Police")


def test_damage_the_attackers_did_during_the_attack_is_part_of_it():
    text = ("Militants attacked a Levies post near Kalat on Tuesday, killing two guards. They also set fire to a "
            "mobile phone tower in Mangochar afterwards.")
    m = only(text)
    assert m.sub_event_type == "Armed clash" and m.fatalities == 2


def test_a_state_named_as_striker_right_after_the_dateline_is_the_author():
    m = only("ISLAMABAD - Pakistan carried out strikes against hideouts of Baloch separatists in Iran's "
             "Sistan-Baluchestan province on Thursday, killing nine.")
    assert m.actor1 == "Military Forces of Pakistan"


# -- strategic developments: who closed, who agreed, who arrested ------------------------------------------

@pytest.mark.parametrize(("text", "government"), [
    ("Afghanistan shut the Ghulam Khan crossing on Tuesday over a dispute about fencing.", "Afghanistan"),
    ("Afghan authorities closed the Ghulam Khan crossing on Tuesday over a dispute about fencing.", "Afghanistan"),
    ("Kabul said on Tuesday it had closed the Ghulam Khan crossing over a dispute about fencing.", "Afghanistan"),
    ("Pakistan said on Tuesday it had sealed the Angoor Adda crossing.", "Pakistan"),
    ("The Pakistani side sealed the Angoor Adda crossing on Tuesday after a dispute about fencing.", "Pakistan"),
])
def test_a_state_that_closes_a_crossing_is_its_government(text, government):
    m = only(text)
    assert m.sub_event_type == "Other"
    assert m.actor1 == f"Government of {government}"


def test_the_taliban_authorities_that_close_a_crossing_are_afghanistans_government_after_august_2021():
    m = only("Taliban authorities closed the Ghulam Khan crossing on Tuesday.")
    assert m.actor1 == "Government of Afghanistan"


def test_two_states_that_agree_are_both_governments_in_the_order_named():
    m = only("Pakistan and Afghanistan agreed on Tuesday to reopen the Ghulam Khan crossing to traders.")
    assert m.sub_event_type == "Agreement"
    assert (m.actor1, m.actor2) == ("Government of Pakistan", "Government of Afghanistan")


def test_the_mediator_of_an_agreement_is_not_a_party_to_it():
    m = only("The government of Pakistan and the TTP agreed to a truce on Tuesday in talks hosted by the Afghan "
             "Taliban in Kabul.")
    assert (m.actor1, m.actor2) == ("Government of Pakistan", "TTP: Tehreek-e-Taliban Pakistan")


def test_an_agency_that_reports_its_own_arrests_is_the_arresting_side():
    m = only("The Taliban's intelligence agency said on Tuesday that it had detained four Islamic State members "
             "in Kandahar city.")
    assert m.sub_event_type == "Arrests"
    assert (m.actor1, m.actor2) == ("Military Forces of Afghanistan", "Islamic State Khorasan Province")


def test_grenades_recovered_in_an_arrest_are_not_a_grenade_attack():
    m = only("Police arrested three suspects in Sukkur on Tuesday and recovered two hand grenades from them.")
    assert m.sub_event_type == "Arrests" and m.actor1 == "Police Forces of Pakistan"


def test_weapons_told_as_seized_in_the_passive_are_not_an_attack():
    m = only("Two suicide vests and a rifle were seized in the raid in Sukkur on Tuesday, police said.")
    assert m.event_type == "Strategic developments" and m.sub_event_type == "Disrupted weapons use"


def test_a_suicide_bomber_arrested_on_his_way_is_a_foiled_attack():
    m = only("A would-be suicide bomber was arrested near a shrine in Sehwan on Tuesday, police said.")
    assert m.sub_event_type == "Disrupted weapons use"


# -- sides told around a passive verb ---------------------------------------------------------------------

def test_fighters_named_as_a_groups_are_that_group():
    m = only("Two soldiers and six militants of the Hafiz Gul Bahadur group were killed in a gunfight near "
             "Datta Khel on Tuesday.")
    assert (m.actor1, m.actor2) == ("Military Forces of Pakistan", "Hafiz Gul Bahadur Group")


def test_raiders_in_a_when_clause_are_the_side_that_acted():
    m = only("Eight Islamic State fighters were killed when Taliban forces stormed their hideout in Jalalabad "
             "on Tuesday.")
    assert (m.actor1, m.actor2) == ("Military Forces of Afghanistan", "Islamic State Khorasan Province")


def test_the_first_side_named_after_by_is_the_one_that_acted():
    m = only("Three policemen were killed by militants (suspected TTP) during a search operation by the army "
             "near Tank on Tuesday.")
    assert m.actor1 == "TTP: Tehreek-e-Taliban Pakistan"


def test_the_force_that_fires_on_protesters_is_the_side_that_acted():
    m = only("Two men were killed when paramilitary Rangers fired live rounds at protesters in Karachi on Tuesday.")
    assert m.sub_event_type == "Excessive force against protesters"
    assert (m.actor1, m.actor2) == ("Police Forces of Pakistan", "Protesters (Pakistan)")


def test_a_state_strike_on_homes_that_killed_people_struck_civilians():
    m = only("Pakistani jets bombed two villages in the Dangam district of Kunar province late on Tuesday. Eleven "
             "were killed, most of them women and children, the district governor said.")
    assert m.sub_event_type == "Air/drone strike"
    assert (m.actor1, m.actor2) == ("Military Forces of Pakistan", "Civilians (Afghanistan)")


# -- two acts in one clause ---------------------------------------------------------------------------------

def test_two_acts_against_two_kinds_of_target_are_two_events_on_one_day_at_one_place():
    mentions = extract("Militants shot dead two shepherds and attacked a Levies post near Awaran on Tuesday.")
    got = sorted((m.event_type, m.actor2) for m in mentions)
    assert got == [("Battles", "Police Forces of Pakistan"), ("Violence against civilians", "Civilians (Pakistan)")]
    assert len({(m.event_date, m.location) for m in mentions}) == 1
    shepherds = next(m for m in mentions if m.event_type == "Violence against civilians")
    assert shepherds.fatalities == 2
    # the evidence quotes the sentence as written
    assert all("shepherds and attacked" in e.text for m in mentions for e in m.evidence if e.field == "event_type")


def test_two_acts_against_one_side_are_one_event():
    for text in ("Gunmen killed two soldiers and attacked a checkpoint near Awaran on Tuesday.",
                 "Militants attacked a police post near Awaran on Tuesday and killed three policemen."):
        assert len(extract(text)) == 1, text
