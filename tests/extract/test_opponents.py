"""Who "opponents of X" are: the ones a list names ("foreign opponents of Assad, including
Saudi Arabia"), or the body that takes them in ("the HNC, which groups opponents of
Assad"). Anyone else who deals with them is not one of them.

Sentences written for these tests (issue 8); none comes from the development corpus.
"""

from __future__ import annotations

import pytest

from sentences import OPP, RUSSIA, SAUDI, SYRIA, TURKEY, Triples, relations_only

pytestmark = pytest.mark.model

ASSAD, HNC = "Bashar al-Assad", "High Negotiations Committee"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Regional opponents of Syrian President Bashar al-Assad, including Saudi Arabia "
            "and Turkey, met in Riyadh on Monday.",
            {(SAUDI, OPP, ASSAD), (TURKEY, OPP, ASSAD)},
            id="listed",
        ),
        pytest.param(
            "The High Negotiations Committee, which unites armed and political opponents of "
            "Syrian President Bashar al-Assad, will send a delegation to Geneva.",
            {(HNC, OPP, ASSAD), (HNC, OPP, SYRIA)},
            id="which-unites",
        ),
        pytest.param(
            "The HNC, formed in Riyadh in December and grouping armed and exiled "
            "opponents of Syrian President Bashar al-Assad, rejected the offer.",
            {(HNC, OPP, ASSAD)},
            id="participle-conjunct",
        ),
    ],
)
def test_who_the_opponents_are(
    triples: Triples, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= relations_only(triples(text))


@pytest.mark.parametrize(
    "text",
    [
        "Russian jets bombed opponents of Syrian President Bashar al-Assad near Aleppo.",
        "Russia met opponents of Syrian President Bashar al-Assad in Moscow.",
    ],
)
def test_who_deals_with_opponents_is_none_of_them(triples: Triples, text: str) -> None:
    found = relations_only(triples(text))
    assert (RUSSIA, OPP, ASSAD) not in found


def test_whose_opponent_is_the_one_opposed(triples: Triples) -> None:
    found = relations_only(
        triples("Turkey, another Assad opponent, wants ground troops deployed in Syria.")
    )
    assert (TURKEY, OPP, ASSAD) in found
    assert (ASSAD, OPP, TURKEY) not in found


def test_a_backer_s_title_is_not_the_backer(triples: Triples) -> None:
    found = relations_only(
        triples(
            "Hillary Clinton spoke in Ohio. John Douglass, a retired Air Force general and "
            "Clinton backer, raised the issue."
        )
    )
    assert not {t for t in found if t[2] == "Hillary Clinton"}
