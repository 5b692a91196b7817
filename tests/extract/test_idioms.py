"""Fixed phrases of conflict news: "at war with", "came under attack from", "allied with",
"leads a coalition", "considers X a terrorist group" (a view, as "sees X as terrorists"),
"under pressure" (a request). Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import (
    DES,
    HAMAS,
    HEZBOLLAH,
    HOUTHIS,
    IRAN,
    IS,
    ISRAEL,
    OPP,
    PKK,
    SUP,
    SYRIA,
    TURKEY,
    YPG,
    Triples,
    relations_only,
)

pytestmark = pytest.mark.model


def test_at_war_with(triples: Triples) -> None:
    found = triples("Israel has been at war with Hamas since October.")
    assert {(ISRAEL, OPP, HAMAS), (HAMAS, OPP, ISRAEL)} <= found


def test_killed_in_a_war_names_no_sides(triples: Triples) -> None:
    found = triples("Soldiers were killed in the conflict with the PKK.")
    assert not any(s == PKK or o == PKK for s, _, o in found)


def test_under_attack_from(triples: Triples) -> None:
    assert (IS, OPP, SYRIA) in triples("The Syrian army came under attack from Islamic State.")


@pytest.mark.parametrize(
    "text",
    [
        "Ankara considers the YPG a terrorist group.",
        "The YPG, which Ankara considers a terrorist group, took the town.",
    ],
)
def test_considering_a_group_terrorist_is_a_view(triples: Triples, text: str) -> None:
    found = triples(text)  # as "sees them as terrorists" (docs/precision/judging.md)
    assert (TURKEY, OPP, YPG) in found and (YPG, DES, TURKEY) not in found


def test_considered_a_terrorist_group_by_is_a_listing(triples: Triples) -> None:
    assert (YPG, DES, TURKEY) in triples("The YPG is considered a terrorist group by Turkey.")


def test_a_listing_in_a_relative_clause_lists_the_group(triples: Triples) -> None:
    # the tagger takes "list" for a noun there, and its subjects for modifiers
    found = triples(
        "Hezbollah, which Britain and Germany list as a terrorist organisation, denied it."
    )
    assert {(HEZBOLLAH, DES, "United Kingdom"), (HEZBOLLAH, DES, "Germany")} <= found


def test_under_pressure_is_a_request(triples: Triples) -> None:
    assert not relations_only(triples("China, under U.S. pressure to rein in the North, spoke."))


@pytest.mark.parametrize(
    "text",
    ["The Houthis are allied with Iran.", "The Houthis, aligned with Iran, seized the port."],
)
def test_allied_with_takes_a_side(triples: Triples, text: str) -> None:
    assert (HOUTHIS, SUP, IRAN) in triples(text)


def test_backed_with_names_no_partner(triples: Triples) -> None:
    found = triples("Hezbollah, backed with Iranian missiles, fought Israel.")
    assert (HEZBOLLAH, SUP, IRAN) not in found


def test_a_coalition_acts_for_the_state_that_leads_it(triples: Triples) -> None:
    found = triples("Saudi Arabia leads a coalition fighting the Houthis in Yemen.")
    assert ("Saudi Arabia", OPP, HOUTHIS) in found


def test_an_armed_group_firing_into_a_state(triples: Triples) -> None:
    assert (HAMAS, OPP, ISRAEL) in triples("Hamas fired rockets into Israel.")
    assert not relations_only(triples("Turkey fired artillery into northern Syria."))


@pytest.mark.parametrize(
    "text",
    [
        "Saudi Arabia's feud with Qatar deepened.",
        "The standoff between India and Pakistan went on.",
    ],
)
def test_a_feud_or_standoff_opposes_both_ways(triples: Triples, text: str) -> None:
    found = relations_only(triples(text))
    assert len(found) == 2 and all(p == OPP for _, p, _ in found)


@pytest.mark.parametrize(
    ("text", "backers", "backed"),
    [
        ("Russia and Iran back Assad.", {"Russia", IRAN}, "Bashar al-Assad"),
        (
            "Egypt and the UAE back Khalifa Haftar's Libyan National Army.",
            {"Egypt", "United Arab Emirates"},
            "Libyan National Army",
        ),
    ],
)
def test_a_verb_the_parser_lost(
    triples: Triples, text: str, backers: set[str], backed: str
) -> None:
    # the parser finds no verb in "A and B back C" and takes "back" for an adverb
    found = relations_only(triples(text))
    assert found == {(backer, SUP, backed) for backer in backers}


def test_missiles_launched_at_a_state(triples: Triples) -> None:
    found = triples("Iran launched hundreds of missiles and drones at Israel on Saturday night.")
    assert (IRAN, OPP, ISRAEL) in relations_only(found)
