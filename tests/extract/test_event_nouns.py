"""Armed events named by nouns (issue 8, point 3: armed events as opposition, joint
operations). A run of events ("a campaign of air strikes against X", "a wave of attacks on
X") is carried out by who runs it; who backs an event ("its advances backed by Hezbollah")
backs who carries it out. Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import BOKO, HEZBOLLAH, IS, ISRAEL, OPP, RUSSIA, SUP, SYRIA, US, Triples

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


def test_who_backs_an_event_backs_who_carries_it_out(triples: Triples) -> None:
    text = (
        "The Syrian army said its advances backed by Hezbollah fighters had cut the main "
        "rebel supply route north of Aleppo."
    )
    assert (HEZBOLLAH, SUP, SYRIA) in triples(text)


def test_the_offensive_by_forces_backed_by_air_strikes(triples: Triples) -> None:
    found = triples(
        "The offensive by Syrian government forces backed by Russian airstrikes has cut the road."
    )
    assert (RUSSIA, SUP, SYRIA) in found


def test_backing_a_place_is_no_backing_of_who_holds_it(triples: Triples) -> None:
    text = (
        "Thousands of Syrians fled to the border with Turkey after a government offensive "
        "around the rebel-held city of Aleppo backed by Russian airstrikes."
    )
    assert not {t for t in triples(text) if t[:2] == (RUSSIA, SUP)}


def test_enemies_backed_by_a_state_are_no_event(triples: Triples) -> None:
    text = (
        "Russia joined the war with a campaign of air strikes against his enemies, many of "
        "whom are supported by Turkey."
    )
    assert ("Turkey", SUP, RUSSIA) not in triples(text)


def test_an_armed_event_in_support_of_someone_is_support_by_who_carries_it_out(
    triples: Triples,
) -> None:
    found = triples("Moscow said the Russian air campaign in support of Syria would continue.")
    assert (RUSSIA, SUP, SYRIA) in found


def test_a_strike_on_a_capital_says_where(triples: Triples) -> None:
    # "Beirut" stands for Lebanon's government elsewhere ("Beirut said"); struck, it is a place
    found = triples("Israel killed Hezbollah leader Hassan Nasrallah in an air strike on Beirut.")
    assert (ISRAEL, OPP, HEZBOLLAH) in found and (ISRAEL, OPP, "Lebanon") not in found


@pytest.mark.parametrize(
    "text",
    [
        "Nigerian troops repulsed an attack by Boko Haram on Tuesday.",
        "Nigerian soldiers fought off an attack by Boko Haram on a village.",
    ],
)
def test_who_repels_an_attack_was_its_target(triples: Triples, text: str) -> None:
    found = triples(text)
    assert (BOKO, OPP, NIGERIA) in found and (NIGERIA, OPP, BOKO) in found


def test_repelling_a_group_s_fighters_is_no_attack_by_them(triples: Triples) -> None:
    # no armed event is named: the fighters are only what is repelled
    assert (NIGERIA, OPP, BOKO) in triples("Nigerian troops repelled Boko Haram fighters.")
