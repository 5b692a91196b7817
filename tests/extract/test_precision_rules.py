"""What is not a relation: lists, people who are no actors, negated control verbs,
contests, membership read as support (issue 8, point 3: "lists are not relations",
"coordination and reference"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import MEMBER, OPP, SUP, Triples, relations_only

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The United States, Pakistan and China have tried to get the militants to the "
            "negotiating table.",
            id="mediators",
        ),
        pytest.param(
            "The United States and Russia, which back opposing sides, agreed on a truce.",
            id="opposing-sides",
        ),
        pytest.param(
            "Iran's foreign minister said terrorists were resorting to bomb attacks against "
            "civilians, and vowed to keep battling them.",
            id="them-is-the-terrorists",
        ),
        pytest.param("Egypt decided not to take any action against Israel.", id="not-take"),
        pytest.param(
            "Clinton, who lost the Democratic primary to Barack Obama, spoke on Monday.",
            id="election",
        ),
    ],
)
def test_no_relation(triples: Triples, text: str) -> None:
    assert relations_only(triples(text)) == set()


def test_an_alliance_s_ally_is_a_member(triples: Triples) -> None:
    found = triples("NATO ally Turkey shot down a Russian jet.")
    assert ("Turkey", MEMBER, "NATO") in found
    assert ("NATO", SUP, "Turkey") not in found
    assert ("Turkey", OPP, "Russia") in found


def test_a_state_s_ally_is_support(triples: Triples) -> None:
    found = relations_only(triples("Moscow's ally Bashar al-Assad rejected the plan."))
    assert ("Russia", SUP, "Bashar al-Assad") in found
