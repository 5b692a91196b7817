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
