"""Who a phrase stands for in a relation: an epithet of a named group ("the radical group"),
an apposition to a group noun, forces loyal to someone, the government and its ally, the
sides of a war "between" two, what someone joins (issue 8, point 3: "coordination and
reference"). Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conflictkg.model import Attribution, Extraction
from sentences import (
    HEZBOLLAH,
    HOUTHIS,
    IRAN,
    IS,
    OPP,
    SHABAAB,
    SUP,
    US,
    Triples,
    relation_for,
    relations_only,
)

pytestmark = pytest.mark.model

INDONESIA = "Indonesia"


@pytest.mark.parametrize("epithet", ["radical", "hardline Islamist", "militant"])
def test_the_epithets_of_a_named_group_refer_back_to_it(triples: Triples, epithet: str) -> None:
    text = (
        "Islamic State has grown in South-East Asia. It was the first time the "
        f"{epithet} group had targeted Indonesia."
    )
    assert relations_only(triples(text)) == {(IS, OPP, INDONESIA)}


def test_a_group_described_anew_is_no_anaphor(triples: Triples) -> None:
    text = "Islamic State has grown in South-East Asia. The Kurdish group attacked Indonesia."
    assert (IS, OPP, INDONESIA) not in triples(text)


def test_a_group_named_right_after_its_description_is_no_anaphor(triples: Triples) -> None:
    text = (
        "Hezbollah fighters crossed into Syria. The Sunni jihadist group Islamic State came "
        "under air assault from a U.S.-led coalition."
    )
    found = triples(text)
    assert (US, OPP, IS) in found
    assert (US, OPP, HEZBOLLAH) not in found


def test_an_apposition_describes_the_group_named_in_its_head(triples: Triples) -> None:
    text = (
        "The area is a stronghold of Lebanon's powerful Shi'ite Hezbollah group, an "
        "Iranian-backed movement."
    )
    assert ("Iran", SUP, HEZBOLLAH) in triples(text)


def test_an_apposition_to_a_named_agreement_is_no_party(triples: Triples) -> None:
    text = (
        "The EU-Turkey agreement, a violation of international law, was criticised by the "
        "United Nations."
    )
    assert ("United Nations", OPP, "Turkey") not in triples(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Germany joined the U.S.-led air strike campaign against Islamic State last year.",
            id="x-led",
        ),
        pytest.param(
            "Germany joined the coalition led by the United States against Islamic State.",
            id="led-by",
        ),
    ],
)
def test_joining_a_campaign_another_leads_supports_its_leader(triples: Triples, text: str) -> None:
    found = triples(text)
    assert ("Germany", SUP, US) in found
    assert (US, SUP, "Germany") not in found


def test_joining_an_unled_group_is_membership_not_support(triples: Triples) -> None:
    found = relations_only(triples("Hundreds of Tunisians joined Islamic State in Syria."))
    assert not any(t[1] == SUP for t in found), found


def test_forces_loyal_to_a_leader_stand_for_the_leader(triples: Triples) -> None:
    text = "In recent months, Syrian rebels have been encircled by troops loyal to Bashar al-Assad."
    assert ("Bashar al-Assad", OPP, "Syrian rebels") in triples(text)


def test_the_government_and_its_ally(triples: Triples) -> None:
    text = (
        "Syria's government said it would retake Aleppo. Syrian rebels seized the town from "
        "forces loyal to the government and its ally Iran."
    )
    found = relations_only(triples(text))
    assert ("Iran", SUP, "Syria") in found
    assert ("Syrian rebels", SUP, "Iran") not in found


def test_the_military_is_a_state_s_not_an_intergovernmental_body_s(triples: Triples) -> None:
    text = (
        "Syrian rebels fight the Syrian army. Endorsed by the U.N. Security Council, the peace "
        "talks made no progress. The opposition says the government blocks aid to "
        "opposition-held areas besieged by the military."
    )
    found = relations_only(triples(text))
    assert not {t for t in found if t[0] == "UN Security Council"}
    assert ("Syria", OPP, "Syrian rebels") in found  # the opposition: the rebels (one camp)


def test_the_sides_of_a_state_s_war_are_those_between(triples: Triples) -> None:
    text = (
        "AQAP has expanded during Yemen's civil war between Houthi militia and forces loyal "
        "to Saudi-backed President Abd-Rabbu Mansour Hadi."
    )
    found = relations_only(triples(text))
    assert (HOUTHIS, OPP, "Abdrabbuh Mansur Hadi") in found
    assert ("Yemen", OPP, "Abdrabbuh Mansur Hadi") not in found  # Yemen is where


def test_fighting_between_two_at_the_start_of_a_sentence(triples: Triples) -> None:
    text = "Fighting between Somali troops and al Shabaab has displaced thousands of families."
    found = relations_only(triples(text))
    assert {("Somalia", OPP, SHABAAB), (SHABAAB, OPP, "Somalia")} <= found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Hezbollah buried one of its commanders on Friday. The Iranian-backed group has "
            "fought Israel since 1982.",
            {(HEZBOLLAH, OPP, "Israel"), (IRAN, SUP, HEZBOLLAH)},
            id="x-backed",
        ),
        pytest.param(
            "Al-Shabaab said it carried out the bombing. The al Qaeda-linked "
            "group has been fighting the Somali government for years.",
            {(SHABAAB, OPP, "Somalia")},
            id="x-linked",
        ),
    ],
)
def test_a_description_with_a_stance_still_refers_back(
    triples: Triples, text: str, expected: set[tuple[str, str, str]]
) -> None:
    # "X-backed", "X-linked" say whom the group is tied to, not which group it is; the
    # group named in the modifier is no antecedent of its own description
    assert relations_only(triples(text)) == expected


def test_plural_described_with_a_stance_is_no_anaphor(triples: Triples) -> None:
    # "the Rwandan-backed rebels" may be others than the group just named; only a group the
    # article called "rebels" is them
    text = "The M23 seized Goma in January. The Rwandan-backed rebels have attacked Uganda."
    assert ("M23", OPP, "Uganda") not in triples(text)


def test_a_description_naming_whose_it_is_is_no_anaphor(triples: Triples) -> None:
    # "the government of President X" is X's, not the government the article is about
    text = (
        "Iraqi forces retook Ramadi from Islamic State in December. In Syria, U.S. forces "
        "have aided Kurdish fighters who seized territory from the militants, as has the "
        "Russian-backed government of President Bashar al-Assad."
    )
    backed = {o for s, p, o in triples(text) if (s, p) == ("Russia", SUP)}
    assert backed <= {"Syria"}


@pytest.mark.parametrize(
    ("text", "backer", "backed"),
    [
        (
            "The M23, which U.N. experts say is backed by Rwanda, took the town of Sake.",
            "Rwanda",
            "March 23 Movement",
        ),
        (
            "The Houthis, which Saudi officials say are armed by Iran, fired a missile.",
            IRAN,
            HOUTHIS,
        ),
        (
            "M23 rebels, who the U.N. says are backed by Rwanda, seized the city of Goma.",
            "Rwanda",
            "March 23 Movement",
        ),
    ],
)
def test_a_relative_clause_behind_a_reporting_verb(
    extract: Callable[[str], Extraction], text: str, backer: str, backed: str
) -> None:
    # the parser makes "which" the active subject of the passive under "say" (or "who" the
    # object of "says"); the support
    # is the experts' word, so attributed
    relation = relation_for(extract(text), (backer, SUP, backed))
    assert relation.attribution is Attribution.ATTRIBUTED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Al-Shabaab has carried out attacks on foreign troops in Somalia, including "
            "Kenyan soldiers.",
            (SHABAAB, OPP, "Kenya"),
        ),
        (
            "The United States increased its support for partners in the region, including "
            "Iraqi security forces.",
            (US, SUP, "Iraq"),
        ),
    ],
)
def test_those_meant_listed_after_the_cue(
    triples: Triples, text: str, expected: tuple[str, str, str]
) -> None:
    # the parser hangs "including ..." on the cue noun, not on the phrase it lists members of
    assert expected in triples(text)


def test_an_object_pronoun_is_not_the_subject_of_its_own_clause(triples: Triples) -> None:
    text = (
        "Islamic State fighters surged across Syria and Iraq in 2014, and the United States "
        "and its allies launched air strikes against them."
    )
    assert (US, OPP, IS) in relations_only(triples(text))


def test_it_after_a_sentence_about_a_thing_is_the_thing(triples: Triples) -> None:
    text = (
        "The accord is opposed by Saudi Arabia and Israel. It is backed by Washington's partners."
    )
    assert not {t for t in relations_only(triples(text)) if t[1] == SUP}
