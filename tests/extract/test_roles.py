"""Agents and patients the parser hides: who backs whom in "X's backing of Y" and "with the
backing of X", "on the side of X", a death in someone's strike, two sides killed in one
clash, a group named through an armed noun ("the X gang coalition"), a verb the tagger took
for a preposition, a preposition repeated after "and", an event among the backers ("backed
by U.S. air strikes and AU troops"), a news agency that only reports, and the attack a claim
refers back to. Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import (
    EU,
    HAMAS,
    HEZBOLLAH,
    HOUTHIS,
    IRAN,
    IRAQ,
    IS,
    ISRAEL,
    MEMBER,
    OPP,
    PKK,
    RUSSIA,
    SAUDI,
    SUP,
    SYRIA,
    TURKEY,
    US,
    Extract,
    Triples,
    relation_for,
    relations_only,
)

pytestmark = pytest.mark.model

ASSAD, TALIBAN = "Bashar al-Assad", "Taliban"
MANSOUR = "Akhtar Mansour"


@pytest.mark.parametrize(
    "text, edge",
    [
        ("Iran's backing of Hezbollah is large.", (IRAN, SUP, HEZBOLLAH)),
        ("The Houthis advanced with the backing of Iran.", (IRAN, SUP, HOUTHIS)),
        ("The Houthis advanced with the support of Iran.", (IRAN, SUP, HOUTHIS)),
        ("Russia fought on the side of Assad.", (RUSSIA, SUP, ASSAD)),
        ("Iran's intervention on the side of Assad began in 2012.", (IRAN, SUP, ASSAD)),
        ("Russia's air campaign in support of the Syrian government began.", (RUSSIA, SUP, SYRIA)),
        ("The Syrian government has the backing of Russia.", (RUSSIA, SUP, SYRIA)),
        ("The Houthis enjoy the support of Iran.", (IRAN, SUP, HOUTHIS)),
    ],
)
def test_who_backs_whom_around_a_support_noun(
    triples: Triples, text: str, edge: tuple[str, str, str]
) -> None:
    assert edge in triples(text)


def test_a_possessor_of_the_backing_is_never_its_patient(triples: Triples) -> None:
    assert (HEZBOLLAH, SUP, IRAN) not in triples("Iran's backing of Hezbollah is large.")


@pytest.mark.parametrize(
    "text",
    [
        "Taliban leader Akhtar Mansour died in a U.S. drone strike last month.",
        "The death of Taliban leader Akhtar Mansour in a U.S. drone strike shook the group.",
    ],
)
def test_a_death_in_someone_s_strike(triples: Triples, text: str) -> None:
    assert (US, OPP, MANSOUR) in triples(text)


def test_dislodging_a_group(triples: Triples) -> None:
    assert (IRAQ, OPP, IS) in triples("The Iraqi army dislodged Islamic State from Falluja.")


def test_a_state_and_a_group_killed_in_one_clash_are_its_sides(triples: Triples) -> None:
    found = triples("Eight Turkish soldiers and 22 PKK militants were killed in clashes.")
    assert {(TURKEY, OPP, PKK), (PKK, OPP, TURKEY)} <= found


def test_allies_killed_in_one_clash_are_no_sides(triples: Triples) -> None:
    found = triples("Five Iraqi soldiers and two U.S. advisers were killed in clashes.")
    assert not {(IRAQ, OPP, US), (US, OPP, IRAQ)} & found


def test_a_state_s_news_agency_is_no_party(triples: Triples) -> None:
    found = triples("Yemen's state news agency Saba accused Saudi Arabia of violating the truce.")
    assert not any(o == SAUDI for _, _, o in relations_only(found))


def test_an_ally_s_adjective_says_who_the_ally_is(triples: Triples) -> None:
    found = triples("The Syrian army and its Lebanese ally, Hezbollah, started a campaign.")
    assert (SYRIA, SUP, HEZBOLLAH) in found
    assert not any(s == "Lebanon" for s, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah, one of Assad's chief allies, sent fighters.",
        "Hezbollah is one of Assad's closest allies.",
    ],
)
def test_one_of_someone_s_allies_reads_as_an_ally(triples: Triples, text: str) -> None:
    found = triples(text)
    assert (ASSAD, SUP, HEZBOLLAH) in found  # as "Moscow's ally Assad" in the gold
    assert (HEZBOLLAH, SUP, ASSAD) in found  # and an alliance binds both


def test_a_clause_after_a_coordination_belongs_to_the_noun_before_it(triples: Triples) -> None:
    found = triples(
        "Syria's army attacked. Syria said so. The city of Aleppo is divided between the "
        "government and rebels fighting to topple Syrian President Bashar al-Assad."
    )
    assert ("Syrian rebels", OPP, ASSAD) in found
    assert (SYRIA, OPP, ASSAD) not in found


def test_having_a_conflict_with_someone_still_has_two_sides(triples: Triples) -> None:
    found = triples("Israel has had a long conflict with Hezbollah.")
    assert {("Israel", OPP, HEZBOLLAH), (HEZBOLLAH, OPP, "Israel")} <= found


def test_coordinated_passives_share_their_by_agent(triples: Triples) -> None:
    found = triples(
        "Hezbollah was founded in 1982. Its forces were trained and organized by the "
        "Revolutionary Guards."
    )
    assert ("Islamic Revolutionary Guard Corps", SUP, HEZBOLLAH) in found


def test_the_possessor_of_a_subject_continues_the_last_subject(triples: Triples) -> None:
    found = triples(
        "Hezbollah was funded by Iran to harass Israel. Its forces were trained by the "
        "Revolutionary Guards."
    )
    assert ("Islamic Revolutionary Guard Corps", SUP, HEZBOLLAH) in found
    assert ("Islamic Revolutionary Guard Corps", SUP, "Israel") not in found


@pytest.mark.parametrize(
    "text, state",
    [
        ("ISIS claimed responsibility for suicide blasts in Aden.", "Yemen"),
        ("ISIS claimed responsibility for the blasts in Damascus.", SYRIA),
    ],
)
def test_claimed_blasts_in_a_state(triples: Triples, text: str, state: str) -> None:
    assert (IS, OPP, state) in triples(text)


def test_a_campaign_led_by_a_state_is_its_campaign(triples: Triples) -> None:
    found = triples("Germany joined the U.S.-led air strike campaign against Islamic State.")
    assert {("Germany", OPP, IS), (US, OPP, IS)} <= found


def test_a_named_group_lists_no_members(triples: Triples) -> None:
    found = triples(
        "Ministers of countries in the U.S.-led campaign against the Islamic State, "
        "including Canada and Denmark, met in Stuttgart."
    )
    assert not {(US, OPP, "Canada"), (US, OPP, "Denmark")} & found


def test_a_headline_s_state_name_before_a_group_noun_is_its_demonym(triples: Triples) -> None:
    found = triples("Syria opposition to meet Tuesday, blames Russia for obstacles.")
    assert ("Syrian opposition", OPP, RUSSIA) in found
    assert (SYRIA, OPP, RUSSIA) not in found


def test_a_state_that_has_seen_attacks_by_a_group(triples: Triples) -> None:
    found = triples("Indonesia has seen attacks by Islamist militants before.")
    assert ("Islamist militants", OPP, "Indonesia") in found


def test_a_state_s_air_force_is_the_state(triples: Triples) -> None:
    found = triples("The Russian air force intervened in September to support Assad.")
    assert (RUSSIA, SUP, ASSAD) in found


def test_a_state_s_treasury_is_the_state(triples: Triples) -> None:
    found = triples("The U.S. Treasury sanctioned five Hezbollah officials.")
    assert (US, OPP, HEZBOLLAH) in found


@pytest.mark.parametrize(
    "text",
    [
        "Iran, one of the main backers of Hezbollah, said so.",
        "Iran is one of the backers of Hezbollah.",
    ],
)
def test_one_of_the_backers_of_a_group(triples: Triples, text: str) -> None:
    assert (IRAN, SUP, HEZBOLLAH) in triples(text)


def test_hostility_between_two_named_sides(triples: Triples) -> None:
    found = triples("But U.S.-Iranian hostility still remains deeply entrenched.")
    assert {(US, OPP, IRAN), (IRAN, OPP, US)} <= found


def test_a_hyphenated_age_names_no_sides(triples: Triples) -> None:
    found = triples(
        "The U.N. envoy for Syria said both sides are gearing up to escalate the "
        "five-year-old civil war."
    )
    assert not any(s == "United Nations" for s, _, _ in found)


def test_a_number_of_a_group_stands_for_the_group(triples: Triples) -> None:
    assert (ISRAEL, OPP, HAMAS) in triples("Israeli troops shot dead two of the Hamas gunmen.")


@pytest.mark.parametrize(
    ("text", "patron", "client"),
    [
        ("Russia launched air strikes to aid its ally Bashar al-Assad.", RUSSIA, ASSAD),
        ("China is North Korea's only major ally.", "North Korea", "China"),
    ],
)
def test_an_ally_binds_both_sides(extract: Extract, text: str, patron: str, client: str) -> None:
    extraction = extract(text)
    forward = relation_for(extraction, (patron, SUP, client))
    backward = relation_for(extraction, (client, SUP, patron))
    assert backward.confidence < forward.confidence


@pytest.mark.parametrize(
    "text",
    [
        "The Houthis are an Iranian-backed group.",
        "The Houthis are a movement backed by Iran.",
        "The Houthis, seen as an Iranian-backed movement, hold Sanaa.",
    ],
)
def test_a_predicate_noun_stands_for_its_subject(triples: Triples, text: str) -> None:
    assert (IRAN, SUP, HOUTHIS) in triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "Viewed by Western analysts as the most dangerous arm of al Qaeda, AQAP has grown.",
        "AQAP, regarded as the most dangerous arm of al Qaeda, has grown.",
        "AQAP is seen as the most dangerous arm of al Qaeda.",
    ],
)
def test_what_a_group_is_seen_as_describes_it(triples: Triples, text: str) -> None:
    assert ("al-Qaeda in the Arabian Peninsula", "partOf", "al-Qaeda") in triples(text)


def test_the_outlawed_group_is_outlawed_by_the_state_in_focus(triples: Triples) -> None:
    focus = "Turkey said so. Turkey's army attacked. "
    text = "The outlawed Kurdistan Workers Party (PKK) has fought an insurgency for autonomy."
    assert (TURKEY, OPP, PKK) in triples(focus + text)
    assert not any(p == OPP and o == PKK for _, p, o in triples(text))  # whose ban, unsaid


@pytest.mark.parametrize(
    ("text", "one", "other"),
    [
        ("The Syrian Kurds have worked with the United States against Islamic State.", "Kurds", US),
        ("Iran is allied with Russia.", IRAN, RUSSIA),
        (
            "Al Shabaab, which is allied to al Qaeda, has been fighting the Somali government.",
            "al-Shabaab",
            "al-Qaeda",
        ),
        ("Jordan has cooperated with Israel on border security.", "Jordan", ISRAEL),
    ],
)
def test_working_together_is_support_both_ways(
    triples: Triples, text: str, one: str, other: str
) -> None:
    found = triples(text)
    assert (one, SUP, other) in found and (other, SUP, one) in found


def test_siding_with_is_support_one_way(triples: Triples) -> None:
    found = triples("Qatar sided with Hamas.")
    assert ("Qatar", SUP, HAMAS) in found and (HAMAS, SUP, "Qatar") not in found


@pytest.mark.parametrize("noun", ["allegiance", "loyalty"])
def test_a_pledge_to_a_group_is_support(triples: Triples, noun: str) -> None:
    found = triples(f"Boko Haram, which has pledged {noun} to Islamic State, attacked a village.")
    assert ("Boko Haram", SUP, IS) in found


def test_a_group_named_through_an_armed_noun_before_the_head(triples: Triples) -> None:
    # "Viv Ansanm" modifies "gang", which modifies "coalition"; "Haiti's" says where
    text = (
        "Haiti's Viv Ansanm gang coalition attacked the police headquarters in "
        "Port-au-Prince on Monday."
    )
    assert relations_only(triples(text)) == {("Viv Ansanm", OPP, "Haiti")}


def test_a_verb_the_tagger_took_for_a_preposition(triples: Triples) -> None:
    # "back" is tagged ADP, yet the parser gives it a subject and an object
    found = relations_only(triples("Egypt and Saudi Arabia back the Sudanese army."))
    assert found == {("Egypt", SUP, "Sudan"), (SAUDI, SUP, "Sudan")}


def test_a_preposition_repeated_after_a_conjunction(triples: Triples) -> None:
    # the parser hangs the second "on" on "imposed", not on "sanctions"
    text = "The European Union imposed sanctions on the RSF and on Sudan's army."
    found = relations_only(triples(text))
    assert found == {(EU, OPP, "Rapid Support Forces"), (EU, OPP, "Sudan")}


def test_backed_by_an_event_and_an_actor(triples: Triples) -> None:
    # the strikes' agent backs the government as the troops' state does
    text = (
        "The Somali government, backed by U.S. air strikes and AU troops, is battling al Shabaab."
    )
    assert {(US, SUP, "Somalia"), ("African Union", SUP, "Somalia")} <= triples(text)


def test_the_attack_claimed_is_the_one_told_before(triples: Triples) -> None:
    # "the attack" refers back to the attack of the sentence before, and its place says
    # whose base it was, whatever other states the article names
    text = (
        "Gunmen stormed an army base in central Mali on Sunday. JNIM claimed responsibility "
        "for the attack. The group also operates in Burkina Faso and Niger."
    )
    found = relations_only(triples(text))
    jnim = "Jama'at Nusrat al-Islam wal-Muslimin"
    assert (jnim, OPP, "Mali") in found
    assert (jnim, OPP, "Burkina Faso") not in found


def test_the_accused_acts_not_the_accusers_owner(triples: Triples) -> None:
    # "accused by U.N. experts of supplying": the UAE supplies; the U.N. owns the experts
    text = "The United Arab Emirates has been accused by U.N. experts of arming the RSF."
    found = relations_only(triples(text))
    rsf = "Rapid Support Forces"
    assert ("United Arab Emirates", SUP, rsf) in found
    assert ("United Nations", SUP, rsf) not in found


@pytest.mark.parametrize(
    "text",
    [
        "The Three Brotherhood Alliance, which includes the Arakan Army and the Ta'ang "
        "National Liberation Army, launched an offensive in Shan state.",
        "The Three Brotherhood Alliance includes the Arakan Army and the Ta'ang National "
        "Liberation Army.",
    ],
)
def test_the_armed_groups_an_alliance_includes_are_its_members(triples: Triples, text: str) -> None:
    found = triples(text)
    alliance = "Three Brotherhood Alliance"
    assert ("Arakan Army", MEMBER, alliance) in found
    assert ("Ta'ang National Liberation Army", MEMBER, alliance) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "After seizing Kidal from Ansar Dine, Malian troops pushed north.",
            ("Mali", OPP, "Ansar Dine"),
            id="after",
        ),
        pytest.param(
            "Since driving al Shabaab out of Kismayo, Kenyan forces have held the port.",
            ("Kenya", OPP, "al-Shabaab"),
            id="since",
        ),
    ],
)
def test_the_subject_of_the_clause_does_what_a_gerund_after_a_preposition_says(
    triples: Triples, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in relations_only(triples(text))


def test_charged_with_arming_is_not_the_accuser_s_arming(triples: Triples) -> None:
    found = relations_only(triples("Kenya charged Ahmed Iman Ali with supporting al Shabaab."))
    assert ("Kenya", SUP, "al-Shabaab") not in found
