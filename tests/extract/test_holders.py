"""Attacking what an actor holds attacks the actor: "camps belonging to the PKK",
"positions of the YPG", "the Islamic State-held town", "areas under Houthi control".

Sentences written for these tests (issue 8); none comes from the development corpus.
"""

from __future__ import annotations

import pytest

from sentences import IS, OPP, Triples, relations_only

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Turkish warplanes bombed camps belonging to the PKK in northern Iraq.",
            ("Turkey", OPP, "Kurdistan Workers' Party"),
            id="belonging-to",
        ),
        pytest.param(
            "Turkish artillery shelled positions of the Kurdish YPG militia near Afrin.",
            ("Turkey", OPP, "People's Protection Units"),
            id="positions-of",
        ),
        pytest.param(
            "Iraqi forces shelled the Islamic State-held town of Hit.",
            ("Iraq", OPP, IS),
            id="x-held",
        ),
        pytest.param(
            "Iraqi forces regained the Qayara air base from Islamic State.",
            ("Iraq", OPP, IS),
            id="regained-from",
        ),
        pytest.param(
            "Afghan forces struggled to hold off Taliban offensives.",
            ("Afghanistan", OPP, "Taliban"),
            id="hold-off",
        ),
    ],
)
def test_attacking_what_an_actor_holds(
    triples: Triples, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in relations_only(triples(text))


@pytest.mark.parametrize(
    "text",
    [
        "Syrian troops attacked areas under the control of Islamic State.",
        "Syrian troops attacked areas under Islamic State control.",
        "Syrian troops overran a base that had been in the hands of Islamic State since 2014.",
    ],
)
def test_a_place_under_a_group_s_control_is_the_group_s(triples: Triples, text: str) -> None:
    assert ("Syria", OPP, IS) in triples(text)


def test_a_state_s_targets_are_the_state_s(triples: Triples) -> None:
    found = relations_only(triples("Al Shabaab carried out attacks on Kenyan targets."))
    assert ("al-Shabaab", OPP, "Kenya") in found


def test_a_people_s_rebels_hold_their_positions_not_the_state(triples: Triples) -> None:
    found = relations_only(triples("Russian jets pounded Syrian rebel positions near Idlib."))
    assert ("Russia", OPP, "Syria") not in found
    assert ("Russia", OPP, "Syrian rebels") in found


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "Congolese militia commanders fought the M23 near Goma.",
            ("Congolese militia", OPP, "March 23 Movement"),
        ),
        (
            "Sudanese rebel commanders accused Chad of bombing their camps.",
            ("Sudanese rebels", OPP, "Chad"),
        ),
    ],
)
def test_a_people_s_rebel_commanders_are_the_rebels_not_the_state(
    triples: Triples, text: str, edge: tuple[str, str, str]
) -> None:
    assert relations_only(triples(text)) == {edge}


def test_an_insurgency_s_towns_are_the_insurgents(triples: Triples) -> None:
    text = (
        "Myanmar's army has fought the rebellion for years. Myanmar jets bombed rebel "
        "villages near Lashio on Sunday."
    )
    assert ("Myanmar", OPP, "Burmese rebels") in relations_only(triples(text))


def test_a_state_s_gangs_are_its_people_s_not_the_state(triples: Triples) -> None:
    found = relations_only(
        triples("Haiti's gangs have attacked police stations in Port-au-Prince.")
    )
    assert found == {("Haitian gangs", OPP, "Haiti")}


def test_fighter_jets_are_no_fighters(triples: Triples) -> None:
    text = "Nigerian troops, backed by fighter jets, repelled an attack by ISWAP in Borno."
    assert not {t for t in relations_only(triples(text)) if t[1] == "supports"}
