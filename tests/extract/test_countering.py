"""Opposition read from who counters an armed act and where a group attacks: "repelled an
attack by X", "attacks across the country"; and a possessive after an unknown government
(issue 8, point 3). Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import BOKO, IRAN, IS, OPP, SHABAAB, SUP, Triples

pytestmark = pytest.mark.model

NIGERIA, SOMALIA, REBELS = "Nigeria", "Somalia", "Syrian rebels"


@pytest.mark.parametrize(
    "verb", ["repelled", "repulsed", "fought off", "fended off", "beat back", "thwarted"]
)
def test_who_counters_an_attack_opposes_who_carried_it_out(triples: Triples, verb: str) -> None:
    found = triples(f"Nigerian troops {verb} an attack by Boko Haram on the town of Monguno.")
    assert (NIGERIA, OPP, BOKO) in found


def test_who_joins_an_attack_by_a_group_does_not_oppose_it(triples: Triples) -> None:
    found = triples("Nigerian troops joined an offensive by the Civilian JTF against Boko Haram.")
    assert (NIGERIA, OPP, "Civilian Joint Task Force") not in found


@pytest.mark.parametrize("where", ["across the country", "in the country"])
def test_a_groups_attacks_in_the_country_oppose_its_state(triples: Triples, where: str) -> None:
    text = (
        "Somalia has been at war for decades. "
        f"Al Shabaab continues to launch deadly attacks {where}."
    )
    assert (SHABAAB, OPP, SOMALIA) in triples(text)


def test_a_possessive_after_an_unknown_government_is_not_the_subject(triples: Triples) -> None:
    found = triples(
        "Syrian rebels took the town from forces loyal to the government and its ally Iran."
    )
    assert (REBELS, SUP, IRAN) not in found
    assert (IRAN, SUP, REBELS) not in found


def test_a_possessive_after_a_known_government_is_that_government(triples: Triples) -> None:
    found = triples(
        "Syria has lost ground this year. Rebels took the town from the government and its "
        "ally Iran."
    )
    assert (IRAN, SUP, "Syria") in found
    assert (IS, OPP, IRAN) not in found


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Drone strikes by the RSF hit the city of Port Sudan earlier this month.", "Sudan"),
        ("Islamic State militants shelled the Syrian city of Deir el-Zor.", "Syria"),
        ("Al Shabaab fighters attacked the Kenyan town of Mandera.", "Kenya"),
        ("The Kenyan town of Mandera was attacked by al Shabaab fighters.", "Kenya"),
    ],
)
def test_a_group_that_attacks_a_named_city_opposes_its_state(
    triples: Triples, text: str, state: str
) -> None:
    assert any(t[1] == OPP and t[2] == state for t in triples(text))


def test_a_state_bombing_a_city_is_no_enemy_of_its_state(triples: Triples) -> None:
    found = triples("The Syrian war goes on. Aleppo was bombed by Russian jets on Sunday.")
    assert ("Russia", OPP, "Syria") not in found


def test_towns_that_are_only_described_are_in_no_state(triples: Triples) -> None:
    found = triples("Syrian rebels are besieging two pro-government towns near Idlib.")
    assert all(t[2] != "Vatican City" for t in found)


def test_fighting_for_control_of_a_country_is_fighting_each_other(triples: Triples) -> None:
    found = triples(
        "Sudan's army and the RSF have been fighting for control of the country since 2023."
    )
    assert ("Sudan", OPP, "Rapid Support Forces") in found
    assert ("Rapid Support Forces", OPP, "Sudan") in found


def test_fighting_for_a_leader_is_no_fight_with_each_other(triples: Triples) -> None:
    found = triples("Iraq and Hezbollah have been fighting for Assad since 2013.")
    assert not {t for t in found if t[1] == OPP}


def test_bombing_parts_a_group_holds_opposes_the_group(triples: Triples) -> None:
    found = triples(
        "The Syrian army has lost ground in Syria this year. Syrian rebels hold parts of "
        "Aleppo. Russian jets bombed rebel-held parts of Aleppo."
    )
    assert ("Russia", OPP, REBELS) in found


@pytest.mark.parametrize(
    ("text", "group", "state"),
    [
        ("Islamic State fighters have occupied Mosul since 2014.", IS, "Iraq"),
        (
            "The M23 seized Goma in January.",
            "March 23 Movement",
            "Democratic Republic of the Congo",
        ),
        ("Houthi rebels seized the city of Taiz.", "Houthis", "Yemen"),
    ],
)
def test_a_group_that_takes_a_city_opposes_its_state(
    triples: Triples, text: str, group: str, state: str
) -> None:
    assert (group, OPP, state) in triples(text)


def test_the_military_of_an_article_about_rebels_of_a_state_is_that_states(
    triples: Triples,
) -> None:
    found = triples(
        "Myanmar rebels seize border town. An alliance of armed groups in Myanmar said it had "
        "captured a town on the Chinese border. The Three Brotherhood Alliance launched an "
        "offensive against the military in October. China has called for a ceasefire."
    )
    assert ("Three Brotherhood Alliance", OPP, "Myanmar") in found
    assert ("Three Brotherhood Alliance", OPP, "China") not in found


def test_villages_near_a_border_are_in_no_one_state(triples: Triples) -> None:
    found = triples(
        "The Syrian Democratic Forces recently seized a number of villages near Turkey's border."
    )
    assert ("Syrian Democratic Forces", OPP, "Turkey") not in found


def test_a_group_that_seizes_control_of_a_city_opposes_its_state(triples: Triples) -> None:
    found = triples("The Viv Ansanm coalition has seized control of most of Port-au-Prince.")
    assert ("Viv Ansanm", OPP, "Haiti") in found


def test_a_clause_right_after_a_plural_noun_is_that_nouns(triples: Triples) -> None:
    found = triples(
        "While Russia supports the government of President Bashar al-Assad, the United States "
        "- along with its allies in the West and the Gulf - back rebels trying to overthrow him."
    )
    assert not {t for t in found if t[0] == "Russia" and t[1] == OPP}
