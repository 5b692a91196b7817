"""People with no title who are parties all the same: whom a state arrests, charges, kills or
strikes, who attacks a state, who pledges allegiance to an armed group; a surname standing
alone for a person named in full; victims stay out (issue 8, point 4: actors beyond the
gazetteer). Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import IS, ISRAEL, OPP, SUP, Triples, relations_only

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "Malian police arrested Ahmed al-Faqi in Timbuktu on Saturday.",
            ("Mali", OPP, "Ahmed al-Faqi"),
            id="arrested",
        ),
        pytest.param(
            "Turkish authorities detained Tairod Pugh at an Istanbul airport.",
            ("Turkey", OPP, "Tairod Pugh"),
            id="detained",
        ),
        pytest.param(
            "The U.S. Justice Department charged Mohamed Abdi Sheikh with supporting al Shabaab.",
            ("United States", OPP, "Mohamed Abdi Sheikh"),
            id="charged",
        ),
        pytest.param(
            "Samir Qantar was killed in an Israeli air strike in Damascus.",
            (ISRAEL, OPP, "Samir Qantar"),
            id="killed-in-a-state-s-strike",
        ),
        pytest.param(
            "Omar Mateen pledged allegiance to the Islamic State militant group before the "
            "shooting.",
            ("Omar Mateen", SUP, IS),
            id="allegiance",
        ),
    ],
)
def test_a_person_the_conflict_touches_is_a_party(
    triples: Triples, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Ali Rahimi carried out the suicide attack on Afghan police in Kabul.", id="attack"
        ),
        pytest.param(
            "Police said Ali Rahimi bombed the Afghan army convoy in Kandahar.", id="bombed"
        ),
    ],
)
def test_the_attacker_of_a_state_is_a_party(triples: Triples, text: str) -> None:
    assert relations_only(triples(text)) == {("Ali Rahimi", OPP, "Afghanistan")}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Lloyd Fields died in the attack on the police training center in Amman.",
            id="died-in-an-attack",
        ),
        pytest.param(
            "Police said the robber shot Sarah Jones, a cashier, before fleeing.",
            id="a-crime-victim",
        ),
    ],
)
def test_a_victim_is_no_party(triples: Triples, text: str) -> None:
    assert relations_only(triples(text)) == set()


def test_a_surname_alone_is_the_person_named_in_full(triples: Triples) -> None:
    text = (
        "Hezbollah commander Mustafa Badreddine was killed in Syria. Badreddine, 55, was "
        "one of the group's top officials. He masterminded attacks against Israel."
    )
    assert ("Mustafa Badreddine", OPP, ISRAEL) in triples(text)


def test_a_verb_joined_without_a_conjunction_keeps_its_own_subject(triples: Triples) -> None:
    # the parser reads "invaded" as a second verb of "He escaped"
    text = (
        "Hezbollah commander Mustafa Badreddine was killed in Syria. He escaped from prison "
        "in Kuwait after Iraq, under the leadership of Saddam Hussein, invaded the country in "
        "1990."
    )
    assert not any(t[0] == "Mustafa Badreddine" and t[1] == OPP for t in triples(text))


def test_an_arrest_with_no_agent_is_the_state_of_its_place(triples: Triples) -> None:
    text = (
        "Hezbollah commander Mustafa Badreddine was killed in Syria. He was sentenced to "
        "death in Kuwait for his role in bomb attacks there in 1983."
    )
    assert ("Kuwait", OPP, "Mustafa Badreddine") in triples(text)


def test_an_arrest_with_no_agent_makes_no_one_a_party(triples: Triples) -> None:
    # a guess at the agent is not enough to make an untitled person an actor
    assert relations_only(triples("Ahmed Yusuf was arrested in Brussels on Friday.")) == set()


def test_a_feared_measure_is_no_fact(triples: Triples) -> None:
    text = "Julian Assange fears Sweden will extradite him to the United States."
    assert relations_only(triples(text)) == set()
