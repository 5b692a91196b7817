"""Stances in modifiers and appositions, joint operations, and unnamed groups.

Sentences written for these tests (issue 8, point 3: "modifiers and appositions",
"coordination and reference", "joint operations", and the demonym rule for non-state
groups); none comes from the development corpus.
"""

from __future__ import annotations

import pytest

from sentences import IS, OPP, SUP, Triples, relations_only

pytestmark = pytest.mark.model

SYRIA, RUSSIA, UKRAINE, US = "Syria", "Russia", "Ukraine", "United States"


def test_pro_and_anti_name_the_stance_of_the_noun(triples: Triples) -> None:
    found = relations_only(triples("Pro-Russian separatists shelled Ukrainian positions."))
    assert found == {
        ("Pro-Russian separatists", SUP, RUSSIA),
        ("Pro-Russian separatists", OPP, UKRAINE),
    }


def test_anti_modifier_with_a_named_group(triples: Triples) -> None:
    found = relations_only(triples("The anti-Taliban Northern Alliance regrouped in 2001."))
    assert found == {("Northern Alliance", OPP, "Taliban")}


def test_a_demonym_after_pro_is_not_the_agent(triples: Triples) -> None:
    found = relations_only(triples("Pro-Iranian militias attacked a U.S. base."))
    assert (RUSSIA, OPP, US) not in found
    assert all(subject != "Iran" for subject, _, _ in found)


def test_pro_government_in_an_article_about_one_state(triples: Triples) -> None:
    text = (
        "Syria said its troops advanced. Syria will not stop, officials said. "
        "Pro-government militias attacked the rebels in Aleppo."
    )
    assert ("Pro-government militias", SUP, SYRIA) in relations_only(triples(text))


def test_opposing_a_head_of_state_opposes_the_state(triples: Triples) -> None:
    text = (
        "Syria's President Bashar al-Assad spoke on Sunday. Syria will not negotiate, he said. "
        "Rebels have fought Assad since 2011."
    )
    found = relations_only(triples(text))
    assert ("Syrian rebels", OPP, "Bashar al-Assad") in found
    assert ("Syrian rebels", OPP, SYRIA) in found


def test_a_participle_modifies_only_its_noun(triples: Triples) -> None:
    found = relations_only(
        triples("Iran-backed militias and U.S.-led coalition forces have fought Islamic State.")
    )
    assert ("Iran", SUP, US) not in found
    assert (US, OPP, IS) in found


def test_fighting_alongside_is_support(triples: Triples) -> None:
    found = relations_only(triples("Hezbollah fighters fought alongside Syrian troops."))
    assert found == {("Hezbollah", SUP, SYRIA)}


def test_support_from_names_the_supporter(triples: Triples) -> None:
    text = "The Syrian army, with air support from Russia, has pushed back Islamic State."
    found = relations_only(triples(text))
    assert (RUSSIA, SUP, SYRIA) in found


def test_the_rebels_is_the_group_described_before(triples: Triples) -> None:
    text = "Houthi rebels seized the capital in 2014. The rebels attacked Saudi border posts."
    assert relations_only(triples(text)) == {("Houthis", OPP, "Saudi Arabia")}


def test_unnamed_rebels_in_an_article_about_one_state(triples: Triples) -> None:
    text = (
        "Syria's army advanced on Sunday. Syria said the offensive would continue. "
        "Government forces pounded rebels in eastern Aleppo."
    )
    assert relations_only(triples(text)) == {(SYRIA, OPP, "Syrian rebels")}


def test_insurgents_in_an_article_about_one_group(triples: Triples) -> None:
    text = (
        "Boko Haram has killed thousands. Nigeria has fought Boko Haram since 2009. "
        "Insurgents later ambushed Nigerian soldiers."
    )
    found = relations_only(triples(text))
    assert ("Boko Haram", OPP, "Nigeria") in found
    assert not any("insurgents" in label.lower() for t in found for label in t)


def test_a_militant_s_nationality_is_not_membership(triples: Triples) -> None:
    found = triples("Algerian militant Mokhtar Belmokhtar was killed in 2016.")
    assert not any(predicate == "memberOf" for _, predicate, _ in found)


def test_a_fronted_participle_backs_the_subject(triples: Triples) -> None:
    text = "Backed by air support from a U.S.-led coalition, Iraqi forces retook Ramadi."
    assert (US, SUP, "Iraq") in relations_only(triples(text))


def test_a_backed_offensive_backs_its_doer(triples: Triples) -> None:
    text = "A Russian-backed offensive by Syrian government troops pushed rebels out of Aleppo."
    assert (RUSSIA, SUP, SYRIA) in relations_only(triples(text))


def test_in_favor_of(triples: Triples) -> None:
    text = "Russian bombing has turned the momentum in favor of Syria's President Bashar al-Assad."
    assert (RUSSIA, SUP, "Bashar al-Assad") in relations_only(triples(text))


def test_groups_like_a_named_group_are_that_group(triples: Triples) -> None:
    found = relations_only(
        triples("Insurgent groups like the Taliban have stepped up attacks on Afghan forces.")
    )
    assert found == {("Taliban", OPP, "Afghanistan")}


def test_a_coordinated_passive_shares_the_subject(triples: Triples) -> None:
    text = "The Kurdish militias have fought Islamic State, but are opposed by Turkey."
    assert ("Turkey", OPP, "Kurdish militias") in relations_only(triples(text))


def test_rebel_groups_are_the_rebels(triples: Triples) -> None:
    text = (
        "Syria's army advanced on Sunday. Syria said it would retake Aleppo. "
        "Turkey backs several rebel groups in the north."
    )
    assert ("Turkey", SUP, "Syrian rebels") in relations_only(triples(text))


def test_whose_hopes(triples: Triples) -> None:
    text = (
        "Syria says so. Syria said it again. The war dashed rebel hopes of removing Assad by force."
    )
    assert ("Syrian rebels", OPP, "Bashar al-Assad") in relations_only(triples(text))


def test_competition_from_a_branch_of_a_group(triples: Triples) -> None:
    text = "AQAP is facing competition from the new Yemen branch of Islamic State."
    found = relations_only(triples(text))
    assert ("al-Qaeda in the Arabian Peninsula", OPP, IS) in found
