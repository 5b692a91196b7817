"""Who condemns an act opposes its author: the author the act names ("Turkey's shelling"),
or, for "the attack", the one group the article says claimed it (issue 8, point 3: armed
events, claims of responsibility). Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import BOKO, OPP, PKK, RUSSIA, TURKEY, US, Triples

pytestmark = pytest.mark.model

FRANCE, NIGERIA = "France", "Nigeria"


@pytest.mark.parametrize("verb", ["condemned", "denounced"])
def test_who_condemns_an_act_opposes_the_author_it_names(triples: Triples, verb: str) -> None:
    found = triples(f"Russia {verb} Turkey's shelling of Kurdish fighters near Afrin.")
    assert (RUSSIA, OPP, TURKEY) in found


def test_who_condemns_an_attack_did_not_carry_it_out(triples: Triples) -> None:
    found = triples("The United States condemned the attack on Turkish soldiers near Kilis.")
    assert (US, OPP, TURKEY) not in found


def test_who_condemns_the_attack_opposes_the_group_that_claimed_it(triples: Triples) -> None:
    text = (
        "Boko Haram claimed responsibility for the bombing of a market in Maiduguri. "
        "The United States condemned the attack in the strongest terms."
    )
    assert (US, OPP, BOKO) in triples(text)


def test_attacks_in_general_have_no_author(triples: Triples) -> None:
    text = (
        "Boko Haram claimed responsibility for the bombing of a market in Maiduguri. "
        "The United States has long condemned attacks on civilians."
    )
    assert (US, OPP, BOKO) not in triples(text)


def test_an_article_whose_attack_is_unclaimed_gives_no_author(triples: Triples) -> None:
    text = (
        "A bomb killed 12 people at a bus station in Kano on Sunday. There was no immediate "
        "claim of responsibility. Boko Haram claimed responsibility for Friday's raid on a "
        "village in Borno. The United States condemned the bombing."
    )
    assert (US, OPP, BOKO) not in triples(text)


def test_the_claim_of_an_earlier_attack_is_not_the_claim_of_this_one(triples: Triples) -> None:
    text = (
        "A car bomb killed 34 people in the Turkish capital Ankara on Sunday. Last month "
        "another car bomb killed 29 soldiers in Ankara, an attack claimed by the PKK. France "
        "condemned the attack."
    )
    assert (FRANCE, OPP, PKK) not in triples(text)


def test_two_claimants_give_the_attack_no_single_author(triples: Triples) -> None:
    text = (
        "Boko Haram claimed responsibility for the bombing in Maiduguri. The PKK claimed "
        "the attack on soldiers in Diyarbakir. Nigeria condemned the attack."
    )
    found = triples(text)
    assert (NIGERIA, OPP, BOKO) not in found and (NIGERIA, OPP, PKK) not in found
