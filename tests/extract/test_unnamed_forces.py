"""Unnamed state forces ("government forces", "the government") in articles whose state is
known only from where their events happen, and the pronouns that refer back to them."""

from __future__ import annotations

import pytest

from sentences import IRAN, IS, OPP, RUSSIA, SUP, SYRIA, US, Extract, Triples, relations_only

pytestmark = pytest.mark.model

# Two states named equally (no focus state), but the events happen in Syria's cities.
_SCENE = (
    "Turkey and Syria traded accusations. Turkey and Syria spoke. "
    "Fighting raged in Aleppo and near Homs. "
)


def test_government_forces_are_the_scene_state_s(triples: Triples) -> None:
    text = _SCENE + "Russian warplanes carried out airstrikes in support of government forces."
    assert (RUSSIA, SUP, SYRIA) in triples(text)


def test_a_government_held_area_is_the_government_s(triples: Triples) -> None:
    text = _SCENE + "Islamic State militants attacked government-held areas of Deir el-Zour."
    assert (IS, OPP, SYRIA) in triples(text)


def test_the_holder_of_an_area_wins_over_the_place_it_is_part_of(triples: Triples) -> None:
    text = _SCENE + "Islamic State launched attacks on rebel-held areas of the city of Aleppo."
    assert (IS, OPP, "Syrian rebels") in triples(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The rebels took the town from the government and its ally Iran.",
        "Rebels took the town from forces loyal to the government and its ally Iran.",
    ],
)
def test_its_after_a_conjunction_is_the_first_conjunct(triples: Triples, sentence: str) -> None:
    found = triples(_SCENE + "Syrian warplanes attacked militants. " + sentence)
    assert (SYRIA, SUP, IRAN) in found
    assert not any(s != SYRIA and (p, o) == (SUP, IRAN) for s, p, o in found)


def test_their_is_the_unnamed_subject_forces(triples: Triples) -> None:
    text = _SCENE + (
        "Syrian warplanes attacked Islamist militants. Government forces had made "
        "advances after their main ally, Russia, entered the war."
    )
    found = triples(text)
    assert (SYRIA, SUP, RUSSIA) in found
    assert not any(s != SYRIA and (p, o) == (SUP, RUSSIA) for s, p, o in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia began air strikes against forces fighting troops loyal to Bashar al-Assad.",
        "Gen. Ahmed Asiri, the Saudi military spokesman, made the statement.",
    ],
)
def test_described_forces_and_another_state_s_military_are_not_the_scene_state(
    triples: Triples, sentence: str
) -> None:
    found = triples(_SCENE + sentence)
    assert not any(SYRIA in (s, o) for s, _, o in found if "Turkey" not in (s, o))


def test_rebels_in_a_coordination_are_still_the_state_s_rebels(triples: Triples) -> None:
    text = _SCENE + "Fighting erupted between rebels and Islamic State on Monday."
    assert ("Syrian rebels", OPP, IS) in triples(text)


def test_a_government_in_a_capital_is_that_state_s(triples: Triples) -> None:
    found = triples("The Pakistani Taliban toppled the government in Islamabad.")
    assert ("Tehrik-i-Taliban Pakistan", OPP, "Pakistan") in found


def test_advising_troops_is_support(triples: Triples) -> None:
    found = triples("U.S. special forces were sent to Helmand to advise Afghan troops.")
    assert (US, SUP, "Afghanistan") in found


def test_where_sides_meet_or_a_dispatch_was_written_is_no_scene(extract: Extract) -> None:
    text = (
        "An opposition delegate told Swiss television that the talks in Geneva stalled. "
        "Delegates met in Geneva. Syria's envoy will arrive in Geneva on Monday. Syria's "
        "army pressed gains against rebels. (Additional reporting by Tom Miles in Geneva)"
    )
    keys = {a.key for a in extract(text).actors}
    assert "syrian_rebels" in keys and "swiss_rebels" not in keys


def test_the_government_is_the_placed_state_s_before_the_nearest_state(
    triples: Triples,
) -> None:
    text = (
        "Syria said so. Fighting raged in Aleppo and near Homs. U.S.-Russian cooperation "
        "brought a decline in fighting between rebels and the government."
    )
    found = triples(text)
    assert (SYRIA, OPP, "Syrian rebels") in found
    assert not any(RUSSIA in (s, o) for s, p, o in found if p == OPP)


def test_forces_loyal_to_someone_named_are_theirs_not_a_guessed_state(triples: Triples) -> None:
    found = triples(_SCENE + "Russia began air strikes against forces loyal to Bashar al-Assad.")
    assert (RUSSIA, OPP, "Bashar al-Assad") in found


@pytest.mark.parametrize("noun", ["military advisers", "instructors", "trainers"])
def test_a_state_s_advisers_and_instructors_are_the_state(triples: Triples, noun: str) -> None:
    found = triples(f"Russian {noun} are training Malian troops to fight jihadists.")
    assert (RUSSIA, SUP, "Mali") in found


@pytest.mark.parametrize("noun", ["military leaders", "commanders"])
def test_sanctions_on_a_state_s_leaders_are_on_the_state(triples: Triples, noun: str) -> None:
    found = triples(f"The United States imposed sanctions on Myanmar's {noun}.")
    assert (US, OPP, "Myanmar") in found


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Syrian Kurdish forces fought Islamic State near Raqqa.", SYRIA),
        ("Iraqi Kurdish forces fought Islamic State near Mosul.", "Iraq"),
    ],
)
def test_an_ethnic_adjective_makes_a_state_s_forces_a_group_whatever_precedes_it(
    triples: Triples, text: str, state: str
) -> None:
    found = relations_only(triples(text))
    assert ("Kurdish forces", OPP, IS) in found
    assert (state, OPP, IS) not in found
