"""Armed events as opposition: attacks, claims of responsibility, victims and places.

Sentences written for these tests (issue 8, point 3: "armed events as opposition" and
"a place is not a target"); none comes from the development corpus.
"""

from __future__ import annotations

import pytest

from conflictkg.extract.places import default_places
from sentences import (
    BOKO,
    HEZBOLLAH,
    IS,
    OPP,
    PKK,
    QAEDA,
    SHABAAB,
    SUP,
    US,
    Extract,
    Triples,
    relation_for,
    relations_only,
)

pytestmark = pytest.mark.model

NIGERIA, SOMALIA, INDONESIA, KENYA = "Nigeria", "Somalia", "Indonesia", "Kenya"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Boko Haram fighters stormed a village in Borno state and ambushed a Nigerian army "
            "convoy, killing seven soldiers.",
            {(BOKO, OPP, NIGERIA)},
            id="storm-ambush",
        ),
        pytest.param(
            "Al-Shabaab gunmen killed four Kenyan police officers near the border.",
            {(SHABAAB, OPP, KENYA)},
            id="kill-demonym-victims",
        ),
        pytest.param(
            "Suicide bombings by Islamic State have killed dozens of Nigerians.",
            {(IS, OPP, NIGERIA)},
            id="event-noun-subject",
        ),
        pytest.param(
            "Stabbings and shootings by Boko Haram have wounded Nigerian soldiers.",
            {(BOKO, OPP, NIGERIA)},
            id="agent-on-a-conjunct",
        ),
    ],
)
def test_attacks_on_a_state_s_people_oppose_the_state(
    triples: Triples, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert relations_only(triples(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Islamic State claimed responsibility for the attack on a police station in Jakarta.",
            {(IS, OPP, INDONESIA)},
            id="claim-place",
        ),
        pytest.param(
            "Al-Shabaab claimed responsibility for the bombing, which killed 12 Somali soldiers.",
            {(SHABAAB, OPP, SOMALIA)},
            id="claim-relative-victims",
        ),
        pytest.param(
            "Boko Haram claimed the attack in Maiduguri.",
            {(BOKO, OPP, NIGERIA)},
            id="claimed-the-attack",
        ),
        pytest.param(
            "Police said Islamic State masterminded the suicide attack in Jakarta.",
            {(IS, OPP, INDONESIA)},
            id="masterminded",
        ),
        pytest.param(
            "Boko Haram planned the raid on a Nigerian army base in Borno state.",
            {(BOKO, OPP, NIGERIA)},
            id="planned",
        ),
        pytest.param(
            "Officials said al-Shabaab was responsible for the bombing that killed 12 Somali "
            "soldiers.",
            {(SHABAAB, OPP, SOMALIA)},
            id="responsible-for",
        ),
    ],
)
def test_claims_of_responsibility(
    triples: Triples, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert relations_only(triples(text)) == expected


def test_a_place_target_is_less_confident_than_a_named_one(extract: Extract) -> None:
    placed = extract("Boko Haram claimed the attack in Maiduguri.")
    named = extract("Boko Haram attacked Nigerian soldiers.")
    assert (
        relation_for(placed, (BOKO, OPP, NIGERIA)).confidence
        < relation_for(named, (BOKO, OPP, NIGERIA)).confidence
    )


def test_a_denied_claim_is_no_edge(triples: Triples) -> None:
    text = "Boko Haram denied claiming the attack in Maiduguri."
    assert relations_only(triples(text)) == set()


def test_a_state_striking_a_place_names_where_not_whom(triples: Triples) -> None:
    text = (
        "Russia is Syria's main ally and backs its government. "
        "Russian air strikes on Syria have killed hundreds of people."
    )
    found = relations_only(triples(text))
    assert ("Russia", SUP, "Syria") in found
    assert ("Russia", OPP, "Syria") not in found


def test_an_invasion_of_a_state_is_aimed_at_it(triples: Triples) -> None:
    found = relations_only(triples("Kuwait has been rebuilt since the Iraqi invasion of Kuwait."))
    assert ("Iraq", OPP, "Kuwait") in found


def test_a_state_s_soldiers_unnamed_are_the_state_the_article_is_about(triples: Triples) -> None:
    text = (
        "Nigeria has been fighting Boko Haram for years. Nigeria's president visited the north. "
        "On Sunday, soldiers killed 20 Boko Haram fighters, the army said."
    )
    assert ("Nigeria", OPP, BOKO) in relations_only(triples(text))


def test_unnamed_forces_need_a_clear_focus_state(triples: Triples) -> None:
    # two states named equally: "security forces" are nobody's in particular
    text = "Kenya and Somalia met in Nairobi. Security forces killed 20 al-Shabaab fighters."
    assert relations_only(triples(text)) == set()


def test_a_country_s_city_is_not_its_government(triples: Triples) -> None:
    text = "Islamic State fighters recaptured Palmyra, Syria's ancient desert city."
    assert all(t[2] != "Syria" for t in relations_only(triples(text)))


def test_places_table_knows_cities_and_capitals() -> None:
    places = default_places()
    assert places.state_of("Maiduguri") == "nga"
    assert places.state_of("Mogadishu") == "som"
    assert places.state_of("Aleppo") == "syr"
    assert places.state_of("Nigeria") == "nga"
    assert places.state_of("Hezbollah") is None
    assert places.state_of("Reading") is None  # an English word first
    assert places.state_of("-") is None  # not the Vatican, whose capital has no name


@pytest.mark.parametrize(
    ("name", "state"),
    [
        ("Borno", "nga"),
        ("North Kivu", "cod"),  # ISO 3166-2 writes "Nord-Kivu"
        ("Anbar", "irq"),  # "Al Anbar"
        ("Rakhine", "mmr"),
        ("Tillaberi", "ner"),  # "Tillabéri"
        ("Jerusalem", "isr"),  # a big city keeps its name from a namesake province
        ("Store", None),  # a Slovenian municipality: no province, and an English word
        ("Red Sea", None),  # a Sudanese state named after a sea
        ("Punjab", None),  # provinces of two states
    ],
)
def test_places_table_knows_provinces(name: str, state: str | None) -> None:
    assert default_places().state_of(name) == state


def test_an_attack_in_a_province_is_in_its_state(triples: Triples) -> None:
    found = triples("Boko Haram fighters attacked a military base in Borno state, killing 20.")
    assert (BOKO, OPP, "Nigeria") in found


def test_sabotaging_a_state_s_programme(triples: Triples) -> None:
    text = "Israel covertly sabotaged Iran's nuclear program."
    assert relations_only(triples(text)) == {("Israel", OPP, "Iran")}


def test_peacekeepers_are_their_state(triples: Triples) -> None:
    text = "Al-Shabaab attacked Kenyan peacekeepers in southwestern Somalia."
    assert relations_only(triples(text)) == {(SHABAAB, OPP, KENYA)}


def test_a_claim_written_in_the_passive(triples: Triples) -> None:
    text = "The Ouagadougou assault, claimed by al Qaeda in the Islamic Maghreb, killed 30."
    found = relations_only(triples(text))
    assert ("al-Qaeda in the Islamic Maghreb", OPP, "Burkina Faso") in found


def test_forces_stationed_in_a_state_are_its(triples: Triples) -> None:
    text = "Security forces in Burkina Faso retook a hotel on Saturday from al Qaeda fighters."
    assert ("Burkina Faso", OPP, QAEDA) in relations_only(triples(text))


def test_coordinated_states_behind_one_noun(triples: Triples) -> None:
    text = "Malian troops, assisted by French and U.S. military personnel, retook the town."
    found = relations_only(triples(text))
    assert {("France", SUP, "Mali"), ("United States", SUP, "Mali")} <= found


def test_an_advocacy_group_is_no_actor(triples: Triples) -> None:
    text = "Rights groups have accused the Obama administration of hiding drone strikes."
    assert relations_only(triples(text)) == set()


@pytest.mark.parametrize(
    "text, agent, victim",
    [
        ("Militants from Boko Haram attacked Nigerian soldiers near a village.", BOKO, "Nigeria"),
        ("A suicide bomber from Islamic State killed a Yemeni general.", IS, "Yemen"),
        ("A fighter of al-Shabaab shot two Somali policemen.", SHABAAB, "Somalia"),
        ("Turkish special forces killed a senior commander of the PKK.", "Turkey", PKK),
        ("Kenyan police arrested a member of al-Shabaab.", "Kenya", SHABAAB),
    ],
)
def test_members_from_a_group_act_for_it(
    triples: Triples, text: str, agent: str, victim: str
) -> None:
    assert (agent, OPP, victim) in triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi forces are trying to claw back territory from Islamic State.",
        "Iraqi forces wrested control of Ramadi from Islamic State.",
    ],
)
def test_taking_ground_back_from_a_group_opposes_it(triples: Triples, text: str) -> None:
    assert ("Iraq", OPP, IS) in triples(text)


def test_fighters_from_a_place_are_no_group(triples: Triples) -> None:
    found = triples("Fighters from Chechnya attacked Syrian troops in Aleppo.")
    assert not any(s == "Russia" for s, _, _ in found)


@pytest.mark.parametrize(
    "text, first, second",
    [
        (
            "Fighting erupted between the Taliban and Pakistan's army on Sunday.",
            "Taliban",
            "Pakistan",
        ),
        (
            "Clashes broke out between Hezbollah and the Free Syrian Army.",
            HEZBOLLAH,
            "Free Syrian Army",
        ),
    ],
)
def test_fighting_that_breaks_out_between_two_sides(
    triples: Triples, text: str, first: str, second: str
) -> None:
    assert {(first, OPP, second), (second, OPP, first)} <= triples(text)


def test_a_place_after_a_time_phrase_is_not_where_the_attack_was(triples: Triples) -> None:
    text = (
        "The family settled in Borno a week after the attack by Islamic militants that killed "
        "130 people."
    )
    assert not any(o == "Nigeria" for _, _, o in triples(text))


@pytest.mark.parametrize(
    ("text", "state", "group"),
    [
        (
            "Sudan's army and the Rapid Support Forces have been fighting since April.",
            "Sudan",
            "Rapid Support Forces",
        ),
        (
            "The Nigerian army and Boko Haram have fought for years in the northeast.",
            "Nigeria",
            BOKO,
        ),
    ],
)
def test_a_state_and_a_group_fighting_fight_each_other(
    extract: Extract, text: str, state: str, group: str
) -> None:
    extraction = extract(text)
    forward = relation_for(extraction, (state, OPP, group))
    relation_for(extraction, (group, OPP, state))
    assert forward.confidence < 0.8  # a guess: no one is named as the target


@pytest.mark.parametrize(
    "text",
    [
        "The Iraqi army and the Badr Organization fought alongside each other in Tikrit.",
        "The Iraqi army and the Badr Organization have been fighting to retake Tikrit.",
        "The Iraqi army and the Badr Organization fought Islamic State in Tikrit.",
        "The Iraqi army and the Badr Organization fought. The Badr Organization backs Iraq.",
    ],
)
def test_allies_fighting_together_do_not_fight_each_other(triples: Triples, text: str) -> None:
    found = triples(text)
    assert ("Iraq", OPP, "Badr Organization") not in found


def test_an_embargo_on_a_state_opposes_it(triples: Triples) -> None:
    assert ("European Union", OPP, "Iran") in triples("The EU imposed an arms embargo on Iran.")


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "Police named an Indonesian militant, Bahrun Naim, as the mastermind.", id="named-as"
        ),
        pytest.param("Bahrun Naim, the mastermind of the attack, is in Syria.", id="apposition"),
        pytest.param("Police said Islamic State was responsible.", id="responsible"),
    ],
)
def test_the_author_of_the_article_s_attack(triples: Triples, sentence: str) -> None:
    text = "JAKARTA Gunmen attacked a police post in Jakarta on Thursday. " + sentence
    found = relations_only(triples(text))
    assert found and all(t[1:] == (OPP, INDONESIA) for t in found), found


def test_a_plot_is_no_perpetrator(triples: Triples) -> None:
    text = (
        "Hezbollah has described the Syrian opposition as a Zionist plot to destroy its "
        "alliance with Syria."
    )
    assert ("Syria", OPP, "Israel") not in triples(text)


def test_a_claim_for_one_of_several_attacks(triples: Triples) -> None:
    text = "Hamas formally claimed responsibility for one of the attacks on Israel."
    assert relations_only(triples(text)) == {("Hamas", OPP, "Israel")}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        pytest.param(
            "Islamic State, the militant group that has urged its followers to attack targets "
            "in Europe and the United States, posted a video.",
            US,
            id="urged-to-attack",
        ),
        pytest.param(
            "Islamic State posted pictures calling on German Muslims to carry out attacks in "
            "Germany.",
            "Germany",
            id="calling-on",
        ),
        pytest.param(
            "In a new video, Islamic State urged more attacks on Belgium.", "Belgium", id="urged"
        ),
        pytest.param(
            "Islamic State called for attacks on Belgium in an audio message.",
            "Belgium",
            id="called-for",
        ),
    ],
)
def test_a_call_for_attacks_opposes_their_target(triples: Triples, text: str, target: str) -> None:
    assert relations_only(triples(text)) == {(IS, OPP, target)}


def test_a_call_to_stop_attacks_is_no_call_for_them(triples: Triples) -> None:
    found = relations_only(
        triples("Washington urged Turkey to stop its shelling of YPG positions.")
    )
    assert (US, OPP, "People's Protection Units") not in found


def test_attacks_in_two_places_are_in_both_states(triples: Triples) -> None:
    found = relations_only(triples("Islamic State claimed the attacks in Paris and Brussels."))
    assert found == {(IS, OPP, "France"), (IS, OPP, "Belgium")}


@pytest.mark.parametrize(
    ("text", "state"),
    [
        pytest.param("Abu Sayyaf militants beheaded a Canadian hostage.", "Canada", id="active"),
        pytest.param(
            "Two Japanese hostages were beheaded by Islamic State in Syria.", "Japan", id="passive"
        ),
    ],
)
def test_an_armed_group_s_violence_against_a_state_s_people_opposes_the_state(
    triples: Triples, text: str, state: str
) -> None:
    found = relations_only(triples(text))
    assert any(o == state and p == OPP for _, p, o in found)
    assert not any(o == "Syria" for _, _, o in found)  # where it happened is not whom


def test_a_state_s_strikes_on_civilians_are_no_opposition_to_their_state(
    triples: Triples,
) -> None:
    found = relations_only(triples("Russian air strikes killed Syrian civilians in Idlib."))
    assert ("Russia", OPP, "Syria") not in found
