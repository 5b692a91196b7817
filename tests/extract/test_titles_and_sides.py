"""A rank or honorific between a role and a name ("Taliban leader Mullah X", "Quds Force
commander Maj. Gen. X"), a commander as one of many, a junta's leader, a movement's head,
"under the leadership of X", a dateline that is no actor, and the sides of a conflict noun
in a place phrase ("in combat with Islamic State"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import (
    HEZBOLLAH,
    IS,
    LEADER,
    MEMBER,
    OPP,
    US,
    YPG,
    Extract,
    Triples,
    labels_of,
    relation_for,
    relations_only,
)

pytestmark = pytest.mark.model

RSF = "Rapid Support Forces"


@pytest.mark.parametrize(
    "text, edge",
    [
        pytest.param(
            "Former Taliban leader Mullah Akhtar Mansour was killed last month.",
            ("Akhtar Mansour", LEADER, "Taliban"),
            id="mullah",
        ),
        pytest.param(
            "Hezbollah leader Sheikh Hassan Nasrallah said the group would fight on.",
            ("Hassan Nasrallah", LEADER, HEZBOLLAH),
            id="sheikh",
        ),
        pytest.param(
            "Quds Force commander Maj. Gen. Qassem Soleimani visited Baghdad on Sunday.",
            ("Qassem Soleimani", LEADER, "Quds Force"),
            id="two-ranks",
        ),
        pytest.param(
            "The Taliban's supreme leader Mullah Haibatullah Akhundzada issued a statement.",
            ("Haibatullah Akhundzada", LEADER, "Taliban"),
            id="a-movement-s-head",
        ),
    ],
)
def test_a_rank_after_a_role_keeps_the_role(triples: Triples, text: str, edge: tuple) -> None:
    assert edge in triples(text)


def test_a_group_s_commander_before_a_name_is_one_of_its_commanders(extract: Extract) -> None:
    # a group has many commanders: membership is sure, leadership only possible
    extraction = extract("Top Hezbollah commander Mustafa Badreddine was killed in Syria.")
    member = relation_for(extraction, ("Mustafa Badreddine", MEMBER, HEZBOLLAH))
    leader = relation_for(extraction, ("Mustafa Badreddine", LEADER, HEZBOLLAH))
    assert leader.confidence < member.confidence


def test_a_junta_leader_heads_the_state(triples: Triples) -> None:
    found = triples(
        "Burkina Faso's junta leader Ibrahim Traore has accused France of backing jihadists."
    )
    assert {("Ibrahim Traore", LEADER, "Burkina Faso"), ("Burkina Faso", OPP, "France")} <= found


def test_a_state_s_commander_serves_it_and_does_not_lead_it(triples: Triples) -> None:
    found = triples("U.S. commander General John Nicholson said the Taliban were weakened.")
    assert ("John Nicholson", MEMBER, US) in found
    assert not {t for t in found if t[1] == LEADER}


@pytest.mark.parametrize(
    "text, edge",
    [
        pytest.param(
            "Iraq, under the leadership of Saddam Hussein, invaded Kuwait in 1990.",
            ("Saddam Hussein", LEADER, "Iraq"),
            id="under-the-leadership-of",
        ),
        pytest.param(
            "Under Abubakar Shekau, Boko Haram has killed thousands of people.",
            ("Abubakar Shekau", LEADER, "Boko Haram"),
            id="under-a-person",
        ),
    ],
)
def test_under_someone_s_leadership(triples: Triples, text: str, edge: tuple) -> None:
    assert edge in triples(text)


def test_under_a_policy_is_no_leadership(triples: Triples) -> None:
    found = triples("Under the deal with Barack Obama, Iran gave up most of its uranium.")
    assert not {t for t in found if t[1] == LEADER}


def test_a_rank_recognised_alone_is_no_person(extract: Extract) -> None:
    extraction = extract("The coup leader Col. Gilbert Diendere was arrested on Friday.")
    assert sorted(labels_of(extraction).values()) == ["Gilbert Diendere"]


def test_a_dateline_capital_is_no_mention_of_its_state(triples: Triples) -> None:
    text = (
        "BEIRUT Government forces fought a day-long battle with Syrian rebels in Aleppo.\n"
        "Government forces were reinforced by allies from Lebanon's Hezbollah, he said."
    )
    found = relations_only(triples(text))
    assert not {t for t in found if "Lebanon" in (t[0], t[2])}


def test_a_country_in_a_foreign_dateline_is_no_actor(triples: Triples) -> None:
    text = (
        "HANOVER, Germany/WASHINGTON President Barack Obama plans to send as many as 250 more "
        "U.S. troops to Syria, bringing the total presence to 300 to help fight Islamic State "
        "militants, U.S. officials said."
    )
    found = triples(text)
    assert {("Barack Obama", OPP, IS), ("United States", OPP, IS)} <= found
    assert not {t for t in found if "Germany" in (t[0], t[2])}


@pytest.mark.parametrize(
    "text",
    [
        "The YPG has been in combat with Islamic State since 2014.",
        "The Kurdish YPG militia, which controls much of the north and is backed by the "
        "United States in combat with Islamic State fighters, was excluded from the talks.",
    ],
)
def test_in_combat_with_a_named_side(triples: Triples, text: str) -> None:
    found = relations_only(triples(text))
    assert {(YPG, OPP, IS), (IS, OPP, YPG)} <= found
    assert ("United States", OPP, IS) not in found


def test_at_war_with_a_side_the_parser_hangs_on_the_verb(triples: Triples) -> None:
    # the parser hangs "with the ... Forces" on "been", not on "war"
    text = "Sudan's army has been at war with the paramilitary Rapid Support Forces since 2023."
    found = relations_only(triples(text))
    assert found == {("Sudan", OPP, RSF), (RSF, OPP, "Sudan")}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Islamic State has lost ground, and Islamic State leaders are on the run. Six "
            "Turkish soldiers were killed in clashes with militants in Hakkari province.",
            id="unnamed-militants",
        ),
        pytest.param(
            "The rebels took territory near Damascus after a battle with the Nusra Front and "
            "other Islamist rebels.",
            id="one-side-listed",
        ),
    ],
)
def test_no_sides_read_from_a_list_or_a_guess(triples: Triples, text: str) -> None:
    found = relations_only(triples(text))
    assert not {t for t in found if "Nusra" in t[0] and "rebels" in t[2]}
    assert not {t for t in found if t[0] == "Turkey" or t[2] == "Turkey"}


@pytest.mark.parametrize(
    "text, edge",
    [
        pytest.param(
            "The Somali army pushed al Shabaab out of the capital.",
            ("Somalia", OPP, "al-Shabaab"),
            id="pushed-out-of",
        ),
        pytest.param(
            "Kenyan troops drove al Shabaab out of Kismayo in 2012.",
            ("Kenya", OPP, "al-Shabaab"),
            id="drove-out-of",
        ),
        pytest.param(
            "The Syrian army took back Palmyra from Islamic State in March.",
            ("Syria", OPP, IS),
            id="took-back-from",
        ),
        pytest.param(
            "The Saudi-led coalition imposed a siege on the Houthis in Sanaa.",
            ("Saudi Arabia", OPP, "Houthis"),
            id="siege-on",
        ),
        pytest.param(
            "Russian aggression against Ukraine worried its neighbours.",
            ("Russia", OPP, "Ukraine"),
            id="aggression",
        ),
    ],
)
def test_driving_a_side_out(triples: Triples, text: str, edge: tuple) -> None:
    assert edge in triples(text)


def test_a_relative_pronoun_after_a_named_actor(triples: Triples) -> None:
    """The parser hangs "which" on "response"; "no" is the response's, not the clause's."""
    text = (
        "There was no immediate response from Israel which has struck Hezbollah targets "
        "inside Syria several times."
    )
    assert ("Israel", OPP, HEZBOLLAH) in triples(text)


def test_a_relative_pronoun_that_undergoes_is_the_phrase_s_head(triples: Triples) -> None:
    text = (
        "Obama's visit coincides with a peace deal for Colombia that was encouraged and "
        "sponsored by Raul Castro."
    )
    assert ("Raul Castro", "supports", "Colombia") not in triples(text)


def test_a_relative_pronoun_after_a_place_is_not_the_place(triples: Triples) -> None:
    text = (
        "The cessation of hostilities in Syria which began in February and was sponsored by "
        "Russia and the United States has since faltered."
    )
    found = relations_only(triples(text))
    assert ("Russia", "supports", "Syria") not in found


def test_where_a_body_was_founded_is_not_where_the_rebels_are(extract: Extract) -> None:
    text = (
        "Syria's government said it would fight on. Syria's army advanced near Aleppo. The "
        "HNC, formed in Saudi Arabia last month, said government sieges of rebel held "
        "territory must be lifted."
    )
    labels = set(labels_of(extract(text)).values())
    assert "Saudi rebels" not in labels
    assert "Syrian rebels" in labels


def test_a_bare_army_is_no_actor_of_its_own(extract: Extract) -> None:
    extraction = extract("Army chief General Raheel Sharif called Afghan President Ashraf Ghani.")
    assert "Army" not in labels_of(extraction).values()


@pytest.mark.parametrize(
    "text, edge",
    [
        pytest.param(
            "Taliban leader Akhtar Mansour was killed in a U.S. drone strike last month.",
            ("United States", OPP, "Taliban"),
            id="acted-on",
        ),
        pytest.param(
            "Hezbollah leader Hassan Nasrallah vowed to fight Israel.",
            (HEZBOLLAH, OPP, "Israel"),
            id="acting",
        ),
    ],
)
def test_a_group_s_leader_acts_and_is_acted_on_for_the_group(
    triples: Triples, text: str, edge: tuple
) -> None:
    assert edge in triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Sudanese army and the Rapid Support Forces have been at war since April 2023.",
        "Sudan's army and the RSF remain at war despite the talks in Jeddah.",
    ],
)
def test_sides_at_war_with_each_other(triples: Triples, text: str) -> None:
    # "A and B are at war": each with the other, as "A and B have been fighting"
    found = relations_only(triples(text))
    assert found == {("Sudan", OPP, RSF), (RSF, OPP, "Sudan")}


def test_a_named_coalition_is_its_own_actor(triples: Triples) -> None:
    # "heads the Viv Ansanm coalition": the coalition named, not one that acts for its head
    # (as "Saudi Arabia leads a coalition" does); "Gang" before the title is no name
    text = (
        "Gang leader Jimmy Cherizier, who heads the Viv Ansanm coalition, threatened to "
        "attack the capital."
    )
    found = triples(text)
    assert ("Jimmy Cherizier", LEADER, "Viv Ansanm") in found
    assert not any("Gang" in (s, o) for s, _, o in found)


@pytest.mark.parametrize(
    "text",
    [
        "Burkina Faso's leader, Captain Ibrahim Traore, has accused Ivory Coast of harbouring "
        "his opponents.",
        "The leader of Burkina Faso, Ibrahim Traore, has accused Ivory Coast of harbouring his "
        "opponents.",
    ],
)
def test_a_name_in_apposition_to_a_role(triples: Triples, text: str) -> None:
    # the name set off after the role noun, as "Ibrahim Traore, Burkina Faso's leader," is
    found = triples(text)
    assert ("Ibrahim Traore", LEADER, "Burkina Faso") in found
    assert ("Burkina Faso", OPP, "Ivory Coast") in found


@pytest.mark.parametrize(
    "text",
    [
        "Kandahar's police chief, Abdul Raziq, said the Taliban attack had been repelled.",
        "The head of the Afghan armed forces, General Qadam Shah Shahim, visited Kandahar.",
        "Apart from Karadzic, his military chief, General Ratko Mladic, remains on trial.",
        "The U.S. commander in Afghanistan, General John Nicholson, may now strike the Taliban.",
    ],
)
def test_a_role_with_more_before_it_names_no_head(triples: Triples, text: str) -> None:
    # a police chief, an army's head, one of a state's commanders or a leader's aide does
    # not lead the state or the man
    assert not {t for t in triples(text) if t[1] == LEADER}
