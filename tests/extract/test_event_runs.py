"""A run of armed events: "a campaign of air strikes against X", "a wave of attacks on X".
Who carries out the run carries out its events (issue 8, point 3: armed events as
opposition). Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import BOKO, IS, OPP, RUSSIA, US, Triples

pytestmark = pytest.mark.model

AFGHANISTAN, NIGERIA, REBELS, TAL = "Afghanistan", "Nigeria", "Syrian rebels", "Taliban"


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        (
            "The United States is leading a campaign of air strikes against Islamic State.",
            (US, OPP, IS),
        ),
        (
            "The Taliban launched a wave of attacks on Afghan forces in Helmand.",
            (TAL, OPP, AFGHANISTAN),
        ),
        ("Boko Haram has waged a string of bombings against Nigeria.", (BOKO, OPP, NIGERIA)),
        (
            "Russia's campaign of air strikes against Syrian rebels has changed the war.",
            (RUSSIA, OPP, REBELS),
        ),
    ],
)
def test_who_carries_out_a_run_of_attacks_carries_out_each(
    triples: Triples, text: str, triple: tuple[str, str, str]
) -> None:
    assert triple in triples(text)


def test_who_suffers_a_run_of_attacks_did_not_carry_them_out(triples: Triples) -> None:
    found = triples("Nigeria has faced a wave of attacks by Boko Haram in the northeast.")
    assert (BOKO, OPP, NIGERIA) in found and (NIGERIA, OPP, BOKO) not in found


def test_who_condemns_a_run_of_attacks_did_not_carry_them_out(triples: Triples) -> None:
    found = triples("The United States condemned a wave of attacks on Afghan forces in Helmand.")
    assert (US, OPP, AFGHANISTAN) not in found
