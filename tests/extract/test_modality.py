"""Possibility, advice and proposals are not facts (issue 8, point 3: "conditionals,
advice, proposals and doubt are not facts"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import DES, HOUTHIS, IRAN, OPP, SUP, TURKEY, YPG, Triples, relations_only

pytestmark = pytest.mark.model

FDLR = "Democratic Forces for the Liberation of Rwanda"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Turkey should designate the YPG as a terrorist group.", id="should"),
        pytest.param("Iran could supply the Houthis with drones.", id="could"),
        pytest.param("Iran might arm the Houthis.", id="might"),
        pytest.param("Washington urged Turkey to attack the YPG.", id="urged"),
        pytest.param("Analysts suggested that Iran arm the Houthis.", id="suggested"),
        pytest.param("The group could benefit from Iranian weapons.", id="could-benefit"),
        pytest.param(
            "If Iran can arm the Houthis, the war could last for years.", id="conditional"
        ),
        pytest.param("Officials are checking whether Iran armed the Houthis.", id="whether"),
        pytest.param("Officials are checking if Iran armed the Houthis.", id="checking-if"),
    ],
)
def test_not_a_fact(triples: Triples, text: str) -> None:
    found = relations_only(triples(text))
    assert not found & {
        (TURKEY, DES, YPG),
        (YPG, DES, TURKEY),
        (IRAN, SUP, HOUTHIS),
        (TURKEY, OPP, YPG),
    }, found


def test_a_modal_above_the_clause_only_lowers_confidence(triples: Triples) -> None:
    text = "Residents could hear Turkish troops battling YPG fighters."
    assert (TURKEY, OPP, YPG) in relations_only(triples(text))


def test_the_repeated_part_of_advice_is_a_fact(triples: Triples) -> None:
    text = "Turkey says Washington should deem the YPG terrorists, as it does with the PKK."
    found = relations_only(triples(text))
    assert ("Kurdistan Workers' Party", DES, "United States") in found
    assert (YPG, DES, "United States") not in found


@pytest.mark.model
def test_an_evaluation_of_an_act_is_not_the_act(triples: Triples) -> None:
    found = triples(
        "Analysts say war makes it advantageous for Turkey to help Qatar defend itself."
    )
    assert not any(p == SUP for _, p, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "Iran suspended its military cooperation with the Houthis.",
        "Iran severed its ties with the Houthis.",
        "Iran froze its support for the Houthis.",
    ],
)
def test_support_suspended_is_no_support(triples: Triples, text: str) -> None:
    assert (IRAN, SUP, HOUTHIS) not in triples(text)


def test_a_reported_act_is_still_the_act(triples: Triples) -> None:
    # the parser reads "Iran armed" as a noun phrase ("armed" modifying "Iran")
    assert (IRAN, SUP, "Hezbollah") in triples("Iran armed Hezbollah, officials said.")


@pytest.mark.parametrize(
    "text",
    [
        "There have been no signs of hostility between U.S. forces and Iranian troops.",
        "There is no evidence of Iranian support for the Houthis.",
    ],
)
def test_no_sign_of_a_relation_is_none(triples: Triples, text: str) -> None:
    assert relations_only(triples(text)) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Rwanda denies the charge and accuses Congo of backing the FDLR.",
        "Rwanda denies supporting the group and accuses Congo of backing the FDLR.",
    ],
)
def test_a_denial_does_not_reach_a_coordinated_act(triples: Triples, text: str) -> None:
    found = triples(text)
    assert ("Democratic Republic of the Congo", SUP, FDLR) in found


def test_a_denial_reaches_the_acts_it_coordinates(triples: Triples) -> None:
    found = triples("Rwanda denied arming and funding the FDLR.")
    assert ("Rwanda", SUP, FDLR) not in found
