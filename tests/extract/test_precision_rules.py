"""What is not a relation: lists, people who are no actors, negated control verbs,
contests, membership read as support (issue 8, point 3: "lists are not relations",
"coordination and reference"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import IS, MEMBER, OPP, PART, QAEDA, SUP, Triples, relations_only

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
            "Qatar, Egypt and Norway are working to end the conflict that has displaced millions.",
            id="third-parties-end-a-conflict",
        ),
        pytest.param(
            "French air strikes on Mali killed 30 people, a monitoring group said.",
            id="a-state-strikes-a-place",
        ),
        pytest.param(
            "KABUL A statement from the group urged followers to attack the United States.",
            id="dateline-capital",
        ),
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


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The gunman shot dead Brendan Tevlin at a traffic light, police said.", id="crime"
        ),
        pytest.param(
            "Luckily, Evans got a little backup from Team Deadpool, aka Ryan Reynolds.",
            id="entertainment",
        ),
        pytest.param(
            "Islamic State beheaded Khaled Assad, the retired director of antiquities.",
            id="a-namesake-is-not-the-president",
        ),
        pytest.param(
            "Syria said so. Syria said it again. Iraqi pro-government troops launched an "
            "operation to liberate Ninawa province.",
            id="pro-government-of-their-own-state",
        ),
        pytest.param(
            "The Islamic State-held town of Ramadi fell. The army is recapturing Ramadi, the "
            "capital of Anbar province.",
            id="a-city-is-no-actor",
        ),
    ],
)
def test_no_party_to_a_conflict(triples: Triples, text: str) -> None:
    found = relations_only(triples(text))
    assert not any(
        name in label
        for t in found
        for label in (t[0], t[2])
        for name in ("Tevlin", "Evans", "Deadpool", "Bashar", "Ramadi")
    ), found
    assert ("Iraq", SUP, "Syria") not in found


def test_a_militant_named_in_the_text_is_a_party(triples: Triples) -> None:
    text = "Police said a militant named Abu Rahman had planned the bombing in Jakarta."
    assert relations_only(triples(text)) == {("Abu Rahman", OPP, "Indonesia")}


def test_a_pronoun_chain_keeps_its_state(triples: Triples) -> None:
    text = (
        "More than 80 people have been killed in four suicide attacks this year in Turkey, "
        "a NATO member. As part of a U.S.-led coalition, it is fighting Islamic State in "
        "neighboring Syria and Iraq. It is also battling Kurdish militants in its southeast."
    )
    found = relations_only(triples(text))
    assert ("Iraq", OPP, "Kurdish militants") not in found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        pytest.param(
            "Turkey is already sheltering more than 2.5 million Syrians.",
            ("Turkey", SUP, "Syria"),
            id="refugees-are-not-their-state",
        ),
        pytest.param(
            "Forces loyal to President Recep Tayyip Erdogan crushed the attempted coup.",
            ("Turkey", SUP, "Recep Tayyip Erdoğan"),
            id="a-state-and-its-own-head",
        ),
        pytest.param(
            "Iran's allies are fighting proxy wars in Iraq, Syria and Yemen against allies of "
            "its main regional rival, Saudi Arabia.",
            ("Yemen", OPP, "Saudi Arabia"),
            id="a-place-is-no-antecedent",
        ),
        pytest.param(
            "Iran's allies are fighting proxy wars in Iraq, Syria and Yemen against allies of "
            "its main regional rival, Saudi Arabia.",
            ("Iran", SUP, "Saudi Arabia"),
            id="the-allies-of-a-rival-are-others",
        ),
    ],
)
def test_not_this_relation(triples: Triples, text: str, absent: tuple[str, str, str]) -> None:
    assert absent not in relations_only(triples(text))


def test_rivals_oppose_each_other(triples: Triples) -> None:
    text = (
        "Iran's allies are fighting proxy wars in Iraq, Syria and Yemen against allies of its "
        "main regional rival, Saudi Arabia."
    )
    found = relations_only(triples(text))
    assert {("Iran", OPP, "Saudi Arabia"), ("Saudi Arabia", OPP, "Iran")} <= found


def test_allies_coordinated_in_one_noun_are_not_at_war(triples: Triples) -> None:
    text = "The day honors Australian and New Zealand troops who were killed in armed conflict."
    assert relations_only(triples(text)) == set()


def test_a_list_the_parser_took_for_an_apposition(triples: Triples) -> None:
    text = "Turkey, the U.S. and the European Union classify the PKK as a terrorist organization."
    found = {t[2] for t in relations_only(triples(text)) if t[1] == "designatedTerrorist"}
    assert found == {"Turkey", "United States", "European Union"}


def test_unnamed_militants_in_an_article_naming_several_groups(triples: Triples) -> None:
    text = (
        "Turkey has been hit by Islamic State and by the PKK this year. Turkey says both are "
        "terrorists. Turkish officials vowed to retaliate against militants."
    )
    assert not any("Turkish militants" in t for triple in triples(text) for t in triple)


def test_a_war_the_subjects_wage_is_still_theirs(triples: Triples) -> None:
    found = relations_only(triples("Armenia and Azerbaijan fought a war over the region."))
    assert ("Armenia", OPP, "Azerbaijan") in found


def test_a_state_s_strikes_on_its_forces_are_opposition(triples: Triples) -> None:
    found = relations_only(triples("French air strikes on Malian troops killed 30 soldiers."))
    assert ("France", OPP, "Mali") in found


def test_fighters_of_a_named_group_are_the_group(triples: Triples) -> None:
    found = relations_only(
        triples("Jordan is fighting Sunni militants of Islamic State in the desert.")
    )
    assert found == {("Jordan", OPP, IS)}


@pytest.mark.parametrize(
    "text",
    [
        "Jabhat al-Nusra, the al-Qaeda affiliate, seized the town.",
        "Jabhat al-Nusra, an affiliate of al-Qaeda, seized the town.",
        "Jabhat al-Nusra is the Syrian arm of al-Qaeda.",
    ],
)
def test_an_affiliate_or_arm_is_part_of_the_group(triples: Triples, text: str) -> None:
    found = triples(text)
    assert ("Jabhat al-Nusra", PART, QAEDA) in found
    assert ("al-Qaeda", SUP, "Jabhat al-Nusra") not in found


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("Abu Bakr Shekau from Boko Haram vowed more attacks.", True),
        ("Ahmed Ali, a fighter from Boko Haram, surrendered.", True),
        ("Ahmed Ali from Nigeria spoke to reporters.", False),
    ],
)
def test_a_person_from_an_armed_group_is_a_member(
    triples: Triples, text: str, member: bool
) -> None:
    found = {(s, p) for s, p, _ in triples(text) if p == MEMBER}
    assert bool(found) is member


def test_a_pronoun_is_no_place(triples: Triples) -> None:
    # the city table holds "HER" (an airport code for Heraklion) and "She" (a town in China)
    found = relations_only(triples("Islamic State claimed the bombing at her home."))
    assert found == set()


def test_arresting_a_state_s_people_is_no_measure_against_the_state(triples: Triples) -> None:
    found = relations_only(triples("Turkish police detained 20 Syrians in Istanbul."))
    assert ("Turkey", OPP, "Syria") not in found
