"""Support read from how news describes it around an armed act: the cover or support of
another's air strikes, strikes in support of another's offensive, "with X backed by Y", "on
behalf of X", forces a state has somewhere, and what is received that is no support (issue
8, point 3). Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import IRAN, IRAQ, IS, OPP, RUSSIA, SHABAAB, SUP, SYRIA, US, Triples

pytestmark = pytest.mark.model

KENYA, AFGHANISTAN, HEZBOLLAH_LABEL = "Kenya", "Afghanistan", "Hezbollah"
TALIBAN = "Taliban"


@pytest.mark.parametrize(
    "text",
    [
        "Syrian troops advanced near Aleppo under the cover of Russian air strikes.",
        "Syrian troops advanced near Aleppo with the support of Russian air strikes.",
        "Syrian troops retook the town with Russian air cover.",
    ],
)
def test_who_carries_out_the_strikes_covering_an_advance_supports_it(
    triples: Triples, text: str
) -> None:
    assert (RUSSIA, SUP, SYRIA) in triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "The war in Syria goes on. Russian jets kept bombing in support of a Syrian army "
        "offensive near Homs.",
        "The war in Syria goes on. Russia flew sorties in support of the Syrian army's "
        "assault on Palmyra.",
        "The war in Syria goes on. Russian jets are supporting the Syrian army's offensive "
        "near Homs.",
        "The war in Syria goes on. Russia has given air support to the Syrian army's offensive.",
    ],
)
def test_striking_in_support_of_an_offensive_supports_whose_it_is(
    triples: Triples, text: str
) -> None:
    found = triples(text)
    assert (RUSSIA, SUP, SYRIA) in found
    assert (SYRIA, SUP, RUSSIA) not in found


def test_strikes_that_support_someone_are_their_doers_support(triples: Triples) -> None:
    text = "Iraq is fighting Islamic State. U.S. air strikes supporting Iraqi troops hit Falluja."
    assert (US, SUP, IRAQ) in triples(text)


def test_whoever_reports_a_strike_did_not_carry_it_out(triples: Triples) -> None:
    found = triples(
        "Taliban leader Akhtar Mansour was hit in Pakistan. Pentagon spokesman Peter Cook "
        "confirmed an air strike targeting Mansour near the border but declined to speculate "
        "on his fate, although U.S. officials said he likely was killed."
    )
    assert not {t for t in found if t[1] == OPP and t[0] in ("Peter Cook", "Akhtar Mansour")}


def test_an_enemy_named_after_of_is_no_armed_act(triples: Triples) -> None:
    found = triples(
        "Iran's allies are fighting proxy wars in Yemen against allies of its regional "
        "rival, Saudi Arabia."
    )
    assert (IRAN, SUP, "Saudi Arabia") not in found


def test_cover_that_is_taken_or_of_darkness_is_no_support(triples: Triples) -> None:
    found = triples("Iraqi soldiers took cover under the cover of darkness as Islamic State fired.")
    assert not {t for t in found if t[1] == SUP}


@pytest.mark.parametrize(
    "clause", ["Iraq backed by the United States and Iran", "the government backed by Iran"]
)
def test_a_with_clause_says_who_backs_whom(triples: Triples, clause: str) -> None:
    found = triples(f"The Iraqi army began its assault on Falluja, with {clause}.")
    assert (IRAN, SUP, IRAQ) in found


def test_fighting_on_behalf_of_someone_supports_them(triples: Triples) -> None:
    found = triples("Hezbollah fighters are fighting on behalf of Assad in Syria.")
    assert (HEZBOLLAH_LABEL, SUP, "Bashar al-Assad") in found


@pytest.mark.parametrize(
    "text",
    [
        "John Kerry, speaking on behalf of the United States, thanked Jordan.",
        "A lawyer for Iran filed a complaint on behalf of the United States.",
    ],
)
def test_speaking_or_filing_on_behalf_of_someone_is_no_armed_support(
    triples: Triples, text: str
) -> None:
    assert not {t for t in triples(text) if t[1] == SUP}


@pytest.mark.parametrize("verb", ["has troops", "has about 4,000 soldiers", "keeps troops"])
def test_forces_a_state_has_somewhere_are_the_states(triples: Triples, verb: str) -> None:
    found = triples(f"Kenya {verb} in Somalia fighting al Shabaab.")
    assert (KENYA, OPP, SHABAAB) in found


def test_forces_that_are_only_seen_are_not_the_seers(triples: Triples) -> None:
    found = triples("Kenya saw troops in Somalia fighting al Shabaab.")
    assert (KENYA, OPP, SHABAAB) not in found


@pytest.mark.parametrize("received", ["gotten competition", "received threats"])
def test_hostility_received_from_a_group_is_no_support(triples: Triples, received: str) -> None:
    found = triples(f"Al Shabaab has recently {received} from ISIS in Somalia.")
    assert (IS, SUP, SHABAAB) not in found


def test_competition_from_a_group_is_rivalry(triples: Triples) -> None:
    found = triples("The Taliban face growing competition from Islamic State in Afghanistan.")
    assert {(TALIBAN, OPP, IS), (IS, OPP, TALIBAN)} <= found


def test_a_backed_government_in_a_capital_is_that_states_government(triples: Triples) -> None:
    found = triples("The Taliban are fighting to overthrow the Western-backed government in Kabul.")
    assert (TALIBAN, OPP, AFGHANISTAN) in found


def test_a_backed_government_of_a_leader_is_not_the_articles_state(triples: Triples) -> None:
    found = triples(
        "U.S. forces in Iraq trained Iraqi troops. In Syria, Kurdish fighters have seized "
        "territory from the militants, as has the Russian-backed government of Bashar al-Assad."
    )
    assert (RUSSIA, SUP, IRAQ) not in found
    assert (RUSSIA, SUP, US) not in found


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "Heavy fighting raged between the Taliban, backed by Pakistan, and Afghan forces.",
            ("Pakistan", SUP, TALIBAN),
        ),
        (
            "Clashes erupted near Aden between the Houthis, supported by Iran, and local militias.",
            (IRAN, SUP, "Houthis"),
        ),
    ],
)
def test_a_participle_set_off_by_commas_is_about_the_name_before_it(
    triples: Triples, text: str, edge: tuple[str, str, str]
) -> None:
    assert edge in triples(text)
