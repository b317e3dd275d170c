"""Casualty numbers: number words, qualifiers, subsets, attackers, zero statements and non-casualty numbers."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.domain import Document
from sitrep.extract.numbers import combine, find_quantities, parse_number, sentence_figures
from sitrep.extract.rules import RuleExtractor


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12), ("1,200", 1200), ("twelve", 12), ("twenty-three", 23), ("Twenty three", 23),
    ("a dozen", 12), ("dozens", None), ("one hundred and five", 105), ("both", 2), ("1,2,3", None), ("many", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_killed_and_wounded_in_one_sentence():
    f = sentence_figures("Two soldiers were killed and four civilians and a policeman were wounded in the blast.")
    assert (f.killed, f.wounded) == (2, 5)


def test_active_voice_and_participles():
    f = sentence_figures("The bomb tore through the market, killing 14 people and injuring 31 others.")
    assert (f.killed, f.wounded) == (14, 31)


def test_at_least_more_than_up_to_and_ranges():
    f = sentence_figures("At least 12 people were killed.")
    assert (f.killed, f.killed_low, f.killed_high) == (12, 12, None)
    f = sentence_figures("More than 100 people died in the floods of violence.")
    assert (f.killed, f.killed_low) == (100, 100)
    f = sentence_figures("Up to 10 villagers were killed.")
    assert (f.killed, f.killed_high) == (10, 10)
    f = sentence_figures("Between 8 and 10 policemen were killed.")
    assert (f.killed, f.killed_low, f.killed_high) == (8, 8, 10)


def test_subset_is_not_added():
    f = sentence_figures("Nine people, including two officers, were wounded.")
    assert f.wounded == 9
    f = sentence_figures("Six workers including three brothers were killed.")
    assert f.killed == 6


def test_attackers_are_counted_apart_and_added():
    f = sentence_figures("Four soldiers and three attackers were killed in the gunfight.")
    assert (f.killed, f.attackers_killed, f.total_killed) == (4, 3, 7)
    event = combine([sentence_figures("Five guards were killed."),
                     sentence_figures("Two assailants were also killed.")])
    assert event.total_killed == 7


def test_repeated_figure_is_not_added_twice():
    event = combine([sentence_figures("Militants killed three soldiers."),
                     sentence_figures("The three soldiers were killed near the post, officials said.")])
    assert event.total_killed == 3


def test_singular_victim():
    assert sentence_figures("The shopkeeper was shot dead outside his home.").killed == 1
    assert sentence_figures("Gunmen shot and killed a lawyer in the city.").killed == 1


def test_zero_and_unknown_are_different():
    f = sentence_figures("No one was hurt in the explosion.")
    assert f.total_killed == 0 and f.zero_wounded
    assert sentence_figures("There were no casualties.").total_killed == 0
    assert sentence_figures("The blast damaged a shop.").total_killed is None


def test_dozens_is_a_count_less_quantifier_and_word_numbers():
    assert sentence_figures("Dozens were injured when the roof collapsed after the blast.").wounded is None
    assert sentence_figures("About a dozen were injured when the roof collapsed.").wounded == 12
    assert sentence_figures("Twenty-three people were killed.").killed == 23


@pytest.mark.parametrize("text", [
    "In 2024 the court fined him 1,000,000 rupees.",
    "Section 144 was imposed for 30 days in the district.",
    "A boy aged 12 lives at house No. 5 on Road 7.",
    "The convoy of 12 vehicles left at 10:30 am on 3 March.",
    "The 2023 report counted 1,000,000 displaced and 5 km of road.",
])
def test_numbers_that_are_not_casualties(text):
    assert sentence_figures(text).empty


def test_year_is_not_a_victim_count():
    f = sentence_figures("In 2024, 12 people were killed in the district.")
    assert f.killed == 12


@given(st.integers(min_value=1, max_value=999_999))
def test_at_least_digits_round_trip(n):
    text = f"At least {n:,} people were killed."
    f = sentence_figures(text)
    assert f.killed == n
    assert f.killed_low == n


@given(st.integers(min_value=0, max_value=99))
def test_number_words_round_trip(n):
    units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    word = units[n] if n < 20 else tens[n // 10] + ("-" + units[n % 10] if n % 10 else "")
    assert parse_number(word) == n


@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text):
    sentence_figures(text)
    find_quantities(text)


@pytest.mark.parametrize(("text", "killed"), [
    ("The police chief and a bodyguard were killed in the blast.", 2),
    ("Gunmen killed a policeman and his son in Quetta.", 2),
    ("Pakistani soldier killed by Indian gunfire.", 1),
    ("Six civilians embraced shahadat and 17 were injured.", 6),
    ("The number of people killed in the shelling rose to seven, officials said.", 7),
])
def test_more_ways_to_state_deaths(text, killed):
    assert sentence_figures(text).killed == killed


def test_headlines_joined_by_semicolons_are_separate_sentences():
    from sitrep.extract.sentences import split_sentences

    parts = split_sentences("Bomb kills six soldiers in Pakistan;Six troops killed in roadside blast")
    assert len(parts) == 2


@pytest.mark.parametrize(("text", "killed", "attackers", "wounded"), [
    ("Three constables, a traffic warden and a street vendor were also killed in the blast.", 5, None, None),
    ("The magistrate, his driver, and his two guards were killed on the road to Kohat.", 4, None, None),
    ("Karim, a shopkeeper from Bannu, and two customers were killed in the firing.", 3, None, None),
    ("The station house officer and three gunmen were killed in the exchange of fire.", 1, 3, None),
    ("The headmaster's son and nephew were wounded when the gunmen opened fire.", None, None, 2),
    ("The blast killed four labourers and their contractor near the quarry.", 5, None, None),
    ("Gunmen shot dead a schoolteacher and student outside the gate.", 2, None, None),
    ("A rickshaw driver and one passenger was injured by the blast.", None, None, 2),
])
def test_lists_of_victims_are_counted(text, killed, attackers, wounded):
    f = sentence_figures(text)
    assert (f.killed, f.attackers_killed, f.wounded) == (killed, attackers, wounded)


@pytest.mark.parametrize(("text", "killed", "attackers", "wounded"), [
    ("Gunmen stormed the hotel, killing 14 people, 12 guests and two cooks, and wounding nine.", 14, None, 9),
    ("Three people, a farmer and two herders, were killed when the mine went off.", 3, None, None),
    ("Nine people, including four soldiers and five attackers, were killed in the raid.", 9, None, None),
    ("At least 40 people, the bomber among them, died in the explosion at the rally.", 40, None, None),
    ("The car bomb killed 17 people, including the driver who detonated it.", 17, None, None),
    ("Seven soldiers, six passengers killed in Waziristan ambush", 13, None, None),
])
def test_breakdowns_are_not_added(text, killed, attackers, wounded):
    f = sentence_figures(text)
    assert (f.killed, f.attackers_killed, f.wounded) == (killed, attackers, wounded)


@pytest.mark.parametrize("text", [
    "The tribes signed a 12-point accord after months of fighting that killed 90 people in the valley.",
    "Clashes between the two clans have killed more than 60 people since March.",
    "Attacks on polio teams have killed 40 workers in the past two years.",
    "Officials said two Hellfire missiles hit the compound.",
    "On Friday, hundreds of mourners carried the bodies through the town.",
])
def test_numbers_that_are_not_the_toll(text):
    f = sentence_figures(text)
    assert (f.killed, f.wounded) == (None, None)


def test_the_death_toll_since_a_day_is_still_the_toll():
    assert sentence_figures("The death toll since Friday's bombing has risen to 31.").killed == 31


def test_ages_vague_counts_and_half_a_dozen():
    assert sentence_figures("His cousin, 23, was wounded in the firing.").wounded == 1
    assert sentence_figures("The grenade wounded half a dozen shoppers.").wounded == 6
    f = sentence_figures("Four guards were killed and several were wounded.")
    assert (f.killed, f.wounded) == (4, None)
    assert sentence_figures("Several students and a teacher were injured, witnesses said.").wounded is None


def test_silence_is_not_zero_but_negated_subjects_are():
    assert sentence_figures("The army confirmed the raid but gave no casualty figures.").empty
    f = sentence_figures("Officials said the drone hit an empty house and that no villagers were harmed.")
    assert (f.zero_killed, f.zero_wounded) == (True, True)
    f = sentence_figures("The shell struck a school without hurting anyone.")
    assert (f.zero_killed, f.zero_wounded) == (True, True)


def test_wounded_who_died_and_named_or_pronoun_victims():
    f = sentence_figures("The trader was badly injured and later succumbed in hospital.")
    assert (f.killed, f.wounded) == (1, None)
    assert sentence_figures("A crowd beat him to death outside the shrine.").killed == 1
    assert sentence_figures("Militants killed the former tehsil nazim in Mardan.").killed == 1
    assert sentence_figures("The spokesman did not say who had been killed.").killed is None


def test_part_of_an_untold_total_is_a_floor_only():
    f = sentence_figures("Two of the dead were police officers.")
    assert f.killed is None and f.partial_killed == 2
    assert combine([f]).total_killed == 2
    event = combine([sentence_figures("Troops killed four militants in the raid."), f])
    assert event.total_killed == 4
    assert combine([sentence_figures("At least 30 of the injured are in critical condition.")]).wounded == 30


def test_two_sources_in_one_sentence_are_alternatives():
    f = sentence_figures("Police said 12 people were killed, while local elders said they had buried 20 dead.")
    assert (f.killed, f.killed_low, f.killed_high) == (12, 12, 20)


def test_a_claimants_figure_gives_way_to_a_neutral_one():
    event = combine([
        sentence_figures("The group said its fighters killed 25 policemen in the assault."),
        sentence_figures("Police said four officers and two attackers were killed."),
    ])
    assert event.total_killed == 6
    only_claim = combine([sentence_figures("The group said its fighters killed 25 policemen in the assault.")])
    assert only_claim.total_killed == 25


@pytest.mark.parametrize(("text", "killed", "wounded"), [
    # a source after a comma is not one more victim
    ("A car bomb went off near the bazaar, killing at least 14 people, a doctor at the district hospital said.",
     14, None),
    # counts with verbs of their own are not one subject
    ("Six hostages were freed and one hostage was found beheaded.", 1, None),
    ("Officials said the toll had risen to 30, with at least 70 wounded.", 30, 70),
    # a thing noun that only modifies the people counted
    ("Four polio vaccination team members and three bus passengers were wounded.", None, 7),
    ("Nine mine clearance workers were killed by gunmen.", 9, None),
    # treatment in hospital reads as an injury
    ("At least 40 people were treated for burns at the city hospital.", None, 40),
    ("Three others were rushed to hospital with gunshot wounds.", None, 3),
    # a count joined to a count-less group still counts
    ("Five policemen and an unknown number of militants were wounded in the gunfight.", None, 5),
    # one more single victim named after the counted group
    ("Three guards and the factory manager were shot dead.", 4, None),
    # two people named and joined by "and"
    ("Major Ali Raza and Sepoy Imran Khan embraced shahadat.", 2, None),
    ("The commander and his brother, Gul Zaman, were injured in the blast.", None, 2),
    # a named object before a time clause
    ("Troops intercepted the car and killed the driver before he could reach the gate.", 1, None),
])
def test_general_phrasings(text, killed, wounded):
    f = sentence_figures(text)
    assert (f.killed, f.wounded) == (killed, wounded)


def test_running_total_with_two_groups_adds_them():
    f = sentence_figures("The death toll has risen to 95 civilians and 12 police officers, officials said.")
    assert (f.killed, f.update) == (107, True)
    f = sentence_figures("The toll rose to nine on Monday and 25 people were wounded.")
    assert (f.killed, f.wounded) == (9, 25)


def test_no_other_victims_is_not_a_zero_toll():
    f = sentence_figures("Officials said no other passengers were hurt.")
    assert (f.zero_killed, f.zero_wounded) == (False, True)
    assert combine([sentence_figures("The strike killed a senior commander."), f]).total_killed == 1


def test_among_the_dead_and_a_wounded_man_who_died_are_parts():
    f = sentence_figures("A retired judge was among the dead.")
    assert (f.killed, f.partial_killed) == (None, 1)
    f = sentence_figures("The toll rose to eleven after two of the injured died overnight.")
    assert (f.killed, f.wounded, f.partial_wounded) == (11, None, None)


def test_an_additional_victim_adds_to_the_toll():
    first = sentence_figures("Gunmen shot dead two traders in the market.")
    more = sentence_figures("An additional bystander was killed in the crossfire.")
    assert combine([first, more]).killed == 3


def test_a_group_counted_in_one_sentence_and_killed_in_the_next():
    taken = sentence_figures("Gunmen kidnapped three road construction workers near the camp.")
    killed = sentence_figures("The workers were later shot dead and their bodies dumped in a ravine.")
    assert killed.named_killed == "workers" and not killed.empty
    assert combine([taken, killed]).killed == 3
    # a group that no count names gives nothing
    assert combine([sentence_figures("The guards were shot dead.")]).killed is None
    # a name that two different counts fit is not resolved
    other = sentence_figures("Police later arrested five workers of a rival contractor.")
    assert combine([taken, other, killed]).killed is None


def test_a_coders_stated_figure_is_the_whole_toll():
    told = sentence_figures("Two soldiers and two militants were killed, while the group claimed six deaths.")
    coded = sentence_figures("Fatalities coded as 4, the lower of the two counts.")
    assert (coded.killed, coded.coded) == (4, True)
    assert combine([told, coded]).total_killed == 4
    unknown = sentence_figures("An unknown number of troops were killed during the raid (coded as three).")
    assert unknown.killed == 3
    none = sentence_figures("Two guards were hurt; fatalities coded as 0.")
    assert (none.total_killed, none.coded) == (0, True)
    # a code for something else is not a toll
    assert sentence_figures("The area is coded as 3 on the security map.").killed is None


def test_a_sides_claimed_toll_gives_way_to_the_reported_one():
    told = sentence_figures("Two soldiers were killed in the incident, the military said.")
    claim = sentence_figures("However the group claimed that five soldiers were killed in the attack.")
    assert claim.claimed and combine([told, claim]).killed == 2
    assert sentence_figures("The BLF claims, however, that 9 troops died.").claimed
    # a claim of other deaths adds to the toll
    also = sentence_figures("The army claimed that three attackers had also been killed.")
    assert not also.claimed
    # a responsibility claim is not a claimed toll
    assert not sentence_figures("The group claimed the attack that killed 23 soldiers.").claimed


def test_a_people_named_in_the_plural_gives_no_count():
    assert sentence_figures("Gunmen abducted Americans working at a clinic.").missing is None
    assert sentence_figures("Gunmen abducted Hazaras travelling on the highway.").missing is None
    assert sentence_figures("Gunmen killed Abbas Ali near the market.").killed == 1


def test_counts_of_things_are_not_victims():
    assert sentence_figures("Fighting broke out between the two armies near the pass, and six soldiers were "
                            "killed.").killed == 6


@pytest.mark.parametrize("text", [
    "Gunmen killed three guards and torched two police posts.",
    "Gunmen killed three guards and stormed two checkpoints.",
    "Gunmen killed three guards and burned four army vehicles.",
])
def test_places_and_things_a_side_owns_are_not_victims(text):
    assert sentence_figures(text).killed == 3


def test_a_count_of_the_attackers_killed_adds_to_the_toll_and_does_not_dispute_it():
    text = ("Two suicide bombers struck a checkpoint in Tank on Tuesday, killing at least seven people, officials "
            "said. "
            "The military said all five attackers were killed in the fighting that followed.")
    (m,) = RuleExtractor(geocoder=None).extract(Document(doc_id="t", text=text, published_at=datetime(2024, 5, 9)))
    assert m.fatalities == 12 and m.certainty != "disputed"


def test_a_report_that_counts_injuries_only_for_another_event_is_not_silent_on_them():
    text = ("Gunmen shot dead three customs officials near Sost on Monday, police said. On Sunday, a grenade thrown "
            "at a checkpoint in Chilas killed one soldier and wounded four.")
    found = RuleExtractor(geocoder=None).extract(Document(doc_id="t", text=text, published_at=datetime(2024, 5, 9)))
    first = next(m for m in found if m.fatalities == 3)
    assert first.wounded is None
    alone = RuleExtractor(geocoder=None).extract(Document(doc_id="t", text=text.split(" On Sunday", maxsplit=1)[0],
                                                          published_at=datetime(2024, 5, 9)))
    assert alone[0].wounded == 0


@pytest.mark.parametrize(("text", "killed", "wounded"), [
    ("Roadside bomb kills three, injures seven near Wana", 3, 7),
    ("Grenade attack kills a shopkeeper, wounds four in Turbat", 1, 4),
    ("Police kill four suspects, arrest nine after raid in Karachi", 4, None),
    ("Mortar round kills two, eleven wounded in Bajaur", 2, 11),
])
def test_headlines_in_the_present_give_each_count_its_own_verb(text, killed, wounded):
    f = sentence_figures(text)
    assert (f.total_killed, f.wounded) == (killed, wounded)


@pytest.mark.parametrize("text", [
    "Gunmen gun down three tribal elders in Kurram",
    "Unknown men gunned down three tribal elders in Kurram",
    "Assailants on a motorbike gunning down three tribal elders is the third such attack this month",
])
def test_gun_down_is_a_killing(text):
    assert sentence_figures(text).total_killed == 3


@pytest.mark.parametrize(("text", "killed"), [
    ("Nine separatist fighters killed in Kech, officials say", 9),
    ("Two junior officers killed in Zhob ambush", 2),
    ("Three decorated soldiers were killed in the raid.", 3),
    ("Four marines died when their boat was hit.", 4),
])
def test_words_that_begin_like_a_month_do_not_hide_the_count(text, killed):
    assert sentence_figures(text).total_killed == killed


def test_a_month_still_ends_a_count():
    assert sentence_figures("Clashes on 3 March killed four soldiers.").total_killed == 4
    assert sentence_figures("Three people were killed on Dec. 12.").total_killed == 3


def test_people_named_by_the_bombs_they_handle_are_counted():
    assert sentence_figures("A blast killed two bomb disposal officers in Chaman.").total_killed == 2
    assert sentence_figures("The blast damaged two bomb shelters.").total_killed is None


def test_a_side_that_lost_men_lost_them_dead():
    f = sentence_figures("The army said its troops beat back the raid, killing 11 attackers, and lost two soldiers.")
    assert (f.killed, f.attackers_killed) == (2, 11)
    assert sentence_figures("The convoy lost two trucks to the blast.").total_killed is None
    assert sentence_figures("Commanders lost contact with five soldiers.").total_killed is None


def test_the_other_of_a_pair_is_one_more():
    f = sentence_figures("Two gunmen stormed the school: one attacker was captured and the other was shot dead "
                         "by guards.")
    assert f.attackers_killed == 1
    assert sentence_figures("One of the guards was wounded and the other was killed.").killed == 1


def test_a_toll_told_in_the_present_replaces_the_counts():
    assert sentence_figures("Toll from Quetta hotel bombing rises to 14").total_killed == 14
    assert sentence_figures("Death toll of policemen killed in the Lakki ambush reaches nine").total_killed == 9


@pytest.mark.parametrize(("text", "killed", "wounded"), [
    ("Gunmen kill constable guarding vaccination team in Lakki Marwat", 1, None),
    ("Blast kills schoolteacher's son, injures six in Kurram", 1, 6),
    ("Sniper fire kills Afghan border guard, wounds two", 1, 2),
    ("Militants kill tribal elder in Bajaur", 1, None),
    ("Police captain shot dead outside his home in Quetta", 1, None),
    ("Constable escorting polio workers shot dead in Bannu", 1, None),
])
def test_headlines_name_one_victim_without_an_article(text, killed, wounded):
    f = sentence_figures(text)
    assert (f.killed, f.wounded) == (killed, wounded)


@pytest.mark.parametrize("text", [
    "Gunmen killed policemen in Quetta",
    "The blast killed civilians in the market.",
    "Militants kill soldiers in Zhob raid",
])
def test_a_bare_plural_victim_gives_no_count(text):
    assert sentence_figures(text).killed is None


@pytest.mark.parametrize(("text", "victims", "attackers"), [
    ("Four insurgents, policeman killed in Kurram gunfight", 1, 4),
    ("Police inspector, three gunmen killed in Mardan shootout", 1, 3),
    ("Two soldiers, shepherd killed in Zhob mine blast", 3, None),
])
def test_headline_lists_without_and_count_every_item(text, victims, attackers):
    f = sentence_figures(text)
    assert (f.killed, f.attackers_killed) == (victims, attackers)


def test_the_speaker_of_a_second_verb_is_the_first_verbs_subject():
    from sitrep.extract.claims import claimant_of
    text = ("A spokesman for the provincial police, Abdul Wali, confirmed the raid but said only one guard was "
            "hurt.")
    assert claimant_of(text) == "spokesman for the provincial police, Abdul Wali"
    assert claimant_of("Officials, however, said nine people had died.") == "Officials"
