"""Support given against a third party: supporter and supported both oppose it
(``extract/common_enemy.py``); a second support object the parser hung on the verb; a
quantity noun standing for its members ("an array of rebel groups"); "in support of X";
support that failed is none, and a failure does not deny what happened "as" it failed.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import HOUTHIS, IRAN, IRAQ, IS, OPP, RUSSIA, SAUDI, SUP, SYRIA, US, Triples

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "supporter", "supported", "enemy"),
    [
        pytest.param(
            "Moscow has backed the Syrian army against Islamic State since 2015.",
            RUSSIA,
            SYRIA,
            IS,
            id="against-on-the-verb",
        ),
        pytest.param(
            "Iran armed the Houthis for their war on Saudi Arabia.",
            IRAN,
            HOUTHIS,
            SAUDI,
            id="for-their-war-on",
        ),
        pytest.param(
            "The United States helps Iraq fight Islamic State.",
            US,
            IRAQ,
            IS,
            id="helps-x-fight-y",
        ),
        pytest.param(
            "Russia has helped the Syrian government during the war in its fight against "
            "Islamic State.",
            RUSSIA,
            SYRIA,
            IS,
            id="nested-in-its-fight",
        ),
    ],
)
def test_both_sides_of_a_support_oppose_its_enemy(
    triples: Triples, text: str, supporter: str, supported: str, enemy: str
) -> None:
    found = triples(text)
    assert (supporter, SUP, supported) in found
    assert (supporter, OPP, enemy) in found
    assert (supported, OPP, enemy) in found


def test_support_in_peacetime_names_no_enemy(triples: Triples) -> None:
    found = triples("The United States helped Iraq during the elections in Baghdad.")
    assert not any(p == OPP for _, p, _ in found)


def test_an_enemy_needs_a_conflict_noun(triples: Triples) -> None:
    found = triples("Russia supported Syria in its talks with Turkey.")
    assert not any(p == OPP for _, p, _ in found)


def test_a_second_gift_hung_on_the_verb_is_still_received(triples: Triples) -> None:
    found = triples(
        "The Houthis receive missiles, drones and money from Iran, and political support "
        "from Syria."
    )
    assert (IRAN, SUP, HOUTHIS) in found
    assert (SYRIA, SUP, HOUTHIS) in found


def test_an_array_of_groups_stands_for_the_groups(triples: Triples) -> None:
    found = triples(
        "The United States backs an array of armed groups such as the Free Syrian Army."
    )
    assert (US, SUP, "Free Syrian Army") in found


@pytest.mark.parametrize(
    "text",
    [
        "Russian jets flew sorties in support of the Syrian army.",
        "Russia began air strikes in support of Syria's government last year.",
    ],
)
def test_in_support_of(triples: Triples, text: str) -> None:
    assert (RUSSIA, SUP, SYRIA) in triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia's failure to intervene in support of Syria angered Damascus.",
        "Russia failed to support Syria.",
    ],
)
def test_support_that_failed_or_was_refused_is_none(triples: Triples, text: str) -> None:
    assert (RUSSIA, SUP, SYRIA) not in triples(text)


def test_helping_a_state_act_supports_it(triples: Triples) -> None:
    found = triples("Iran sent advisers, helping Iraq recapture Tikrit from Islamic State.")
    assert {(IRAN, SUP, IRAQ), (IRAQ, OPP, IS), (IRAN, OPP, IS)} <= found


def test_a_failure_does_not_deny_what_happened_meanwhile(triples: Triples) -> None:
    found = triples(
        "Egypt's failure to send troops, even as France carried out air strikes against "
        "Islamic State, angered Tripoli."
    )
    assert ("France", OPP, IS) in found
