"""Actors beyond the gazetteer: state organs folded into their state, names that are no
actor, open-class armed groups, and names the text equates (within and across documents).

Unit tests build the parse by hand (no trained model); the ``model`` tests run sentences
written for these tests through the real pipeline.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from conflictkg.extract.aliases import alias_pairs, initials, is_acronym
from conflictkg.extract.bodies import Body, body_of, owning_state
from conflictkg.extract.extractor import Extractor
from conflictkg.extract.gazetteer import Gazetteer
from conflictkg.extract.lexicon import Lexicon
from conflictkg.extract.mentions import Mention, MentionKind, find_mentions
from conflictkg.extract.shared_keys import unify_actor_keys
from conflictkg.model import (
    Actor,
    ActorType,
    Document,
    Evidence,
    Extraction,
    Predicate,
    Relation,
)
from parses import Entity, Token, make_doc


def _find(
    nlp: Language,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    tokens: list[Token],
    ents: list[Entity],
) -> list[tuple[str, str | None, ActorType | None]]:
    found = find_mentions(make_doc(nlp, tokens, ents), gazetteer, lexicon)
    return [(m.text, m.key, m.type) for m in found]


# --- state organs and names that are no actor -------------------------------------------------

AGENCY_OF_CHAD: list[Token] = [
    # Chad's Water Management Agency blamed the rebels.
    ("Chad", "Chad", "PROPN", "NNP", "poss", 3),
    ("'s", "'s", "PART", "POS", "case", 0),
    ("Water", "Water", "PROPN", "NNP", "compound", 3),
    ("Management", "Management", "PROPN", "NNP", "compound", 4),
    ("Agency", "Agency", "PROPN", "NNP", "nsubj", 5),
    ("blamed", "blame", "VERB", "VBD", "ROOT", 5),
    ("the", "the", "DET", "DT", "det", 7),
    ("rebels", "rebel", "NOUN", "NNS", "dobj", 5),
    (".", ".", "PUNCT", ".", "punct", 5),
]


def test_an_agency_of_a_named_state_is_that_state(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    found = _find(nlp, gazetteer, lexicon, AGENCY_OF_CHAD, [(0, 1, "GPE"), (2, 5, "ORG")])
    assert found == [
        ("Chad", "tcd", ActorType.GOVERNMENT),
        ("Water Management Agency", "tcd", ActorType.GOVERNMENT),
    ]


def test_an_agency_of_no_named_state_is_no_actor(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    # The Water Management Agency blamed the rebels.
    tokens: list[Token] = [
        ("The", "the", "DET", "DT", "det", 3),
        ("Water", "Water", "PROPN", "NNP", "compound", 2),
        ("Management", "Management", "PROPN", "NNP", "compound", 3),
        ("Agency", "Agency", "PROPN", "NNP", "nsubj", 4),
        ("blamed", "blame", "VERB", "VBD", "ROOT", 4),
        ("the", "the", "DET", "DT", "det", 6),
        ("rebels", "rebel", "NOUN", "NNS", "dobj", 4),
        (".", ".", "PUNCT", ".", "punct", 4),
    ]
    assert _find(nlp, gazetteer, lexicon, tokens, [(0, 4, "ORG")]) == []


def test_a_demonym_before_a_ministry_is_the_state(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    # The Malian Defence Ministry said ...
    tokens: list[Token] = [
        ("The", "the", "DET", "DT", "det", 3),
        ("Malian", "Malian", "ADJ", "JJ", "amod", 3),
        ("Defence", "Defence", "PROPN", "NNP", "compound", 3),
        ("Ministry", "Ministry", "PROPN", "NNP", "nsubj", 4),
        ("said", "say", "VERB", "VBD", "ROOT", 4),
        (".", ".", "PUNCT", ".", "punct", 4),
    ]
    found = _find(nlp, gazetteer, lexicon, tokens, [(0, 4, "ORG")])
    assert found == [("Malian Defence Ministry", "mli", ActorType.GOVERNMENT)]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Kano", "Daily", "Tribune"], Body.NON_ACTOR),
        (["Sahel", "Studies", "Center"], Body.NON_ACTOR),
        (["Interior", "Ministry"], Body.ORGAN),
        (["People", "'s", "Army"], Body.ARMY),
        (["Northern", "Liberation", "Front"], Body.OTHER),
        (["Desert", "Hawks", "Brigade"], Body.OTHER),
    ],
)
def test_body_of_a_name(nlp: Language, lexicon: Lexicon, words: list[str], expected: Body) -> None:
    doc = nlp.make_doc(" ".join(words).replace(" 's", "'s"))
    assert body_of(doc[:], lexicon) is expected


def test_owning_state_through_of_and_for(nlp: Language) -> None:
    # the Relief Agency for northern Niger
    tokens: list[Token] = [
        ("the", "the", "DET", "DT", "det", 2),
        ("Relief", "Relief", "PROPN", "NNP", "compound", 2),
        ("Agency", "Agency", "PROPN", "NNP", "ROOT", 2),
        ("for", "for", "ADP", "IN", "prep", 2),
        ("northern", "northern", "ADJ", "JJ", "amod", 5),
        ("Niger", "Niger", "PROPN", "NNP", "pobj", 3),
    ]
    doc = make_doc(nlp, tokens)
    assert owning_state(doc[1:3], {5: "ner"}) == "ner"
    assert owning_state(doc[1:3], {}) is None


def test_a_news_agency_is_blocked_and_no_actor(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    # Reuters reported that Mali shelled the camp.
    tokens: list[Token] = [
        ("Reuters", "Reuters", "PROPN", "NNP", "nsubj", 1),
        ("reported", "report", "VERB", "VBD", "ROOT", 1),
        ("that", "that", "SCONJ", "IN", "mark", 4),
        ("Mali", "Mali", "PROPN", "NNP", "nsubj", 4),
        ("shelled", "shell", "VERB", "VBD", "ccomp", 1),
        ("the", "the", "DET", "DT", "det", 6),
        ("camp", "camp", "NOUN", "NN", "dobj", 4),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    found = _find(nlp, gazetteer, lexicon, tokens, [(0, 1, "PERSON"), (3, 4, "GPE")])
    assert found == [("Mali", "mli", ActorType.GOVERNMENT)]


def test_a_capital_before_a_spokesman_is_the_government(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    # Kremlin spokesman Ivan Petrov denied it.
    tokens: list[Token] = [
        ("Kremlin", "Kremlin", "PROPN", "NNP", "compound", 1),
        ("spokesman", "spokesman", "NOUN", "NN", "compound", 3),
        ("Ivan", "Ivan", "PROPN", "NNP", "compound", 3),
        ("Petrov", "Petrov", "PROPN", "NNP", "nsubj", 4),
        ("denied", "deny", "VERB", "VBD", "ROOT", 4),
        ("it", "it", "PRON", "PRP", "dobj", 4),
        (".", ".", "PUNCT", ".", "punct", 4),
    ]
    found = _find(nlp, gazetteer, lexicon, tokens, [(0, 1, "ORG"), (2, 4, "PERSON")])
    assert found[0] == ("Kremlin", "rus", ActorType.GOVERNMENT)


@pytest.mark.parametrize(
    ("name", "ents", "expected"),
    [
        # a state's army written with the state's name is the state
        (["U.S.", "Army"], [(0, 2, "ORG")], [("U.S. Army", "usa", ActorType.GOVERNMENT)]),
        # a group named after its country is a group, not the country
        (
            ["Jaish", "Chad"],
            [(0, 2, "ORG")],
            [("Jaish Chad", None, ActorType.ARMED_GROUP)],
        ),
        # other words between the state and "Forces": a group's name
        (
            ["Chad", "Democratic", "Forces"],
            [(0, 3, "ORG")],
            [("Chad Democratic Forces", None, ActorType.ARMED_GROUP)],
        ),
    ],
)
def test_a_state_name_inside_a_longer_name(
    nlp: Language,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    name: list[str],
    ents: list[Entity],
    expected: list[tuple[str, str | None, ActorType | None]],
) -> None:
    # <name> attacked the town.
    last = len(name) - 1
    tokens: list[Token] = [
        *[(w, w, "PROPN", "NNP", "compound", last) for w in name[:-1]],
        (name[-1], name[-1], "PROPN", "NNP", "nsubj", last + 1),
        ("attacked", "attack", "VERB", "VBD", "ROOT", last + 1),
        ("the", "the", "DET", "DT", "det", last + 3),
        ("town", "town", "NOUN", "NN", "dobj", last + 1),
    ]
    assert _find(nlp, gazetteer, lexicon, tokens, ents) == expected


# --- open-class armed groups and non-state groups with a demonym --------------------------------


def test_an_apposition_makes_an_unknown_name_an_armed_group(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    # Katiba Sahra, a militant group, ...
    tokens: list[Token] = [
        ("Katiba", "Katiba", "PROPN", "NNP", "compound", 1),
        ("Sahra", "Sahra", "PROPN", "NNP", "nsubj", 6),
        (",", ",", "PUNCT", ",", "punct", 1),
        ("a", "a", "DET", "DT", "det", 5),
        ("militant", "militant", "ADJ", "JJ", "amod", 5),
        ("group", "group", "NOUN", "NN", "appos", 1),
        ("fled", "flee", "VERB", "VBD", "ROOT", 6),
    ]
    found = _find(nlp, gazetteer, lexicon, tokens, [(0, 2, "PERSON")])
    assert found == [("Katiba Sahra", None, ActorType.ARMED_GROUP)]


def test_a_demonym_before_hackers_is_a_group_not_the_state(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    # Chadian hackers attacked the banks.
    tokens: list[Token] = [
        ("Chadian", "Chadian", "ADJ", "JJ", "amod", 1),
        ("hackers", "hacker", "NOUN", "NNS", "nsubj", 2),
        ("attacked", "attack", "VERB", "VBD", "ROOT", 2),
        ("the", "the", "DET", "DT", "det", 4),
        ("banks", "bank", "NOUN", "NNS", "dobj", 2),
    ]
    found = _find(nlp, gazetteer, lexicon, tokens, [(0, 1, "NORP")])
    assert found == [("Chadian hackers", None, ActorType.ARMED_GROUP)]


def test_a_group_name_before_militants_stays_the_group(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    # Boko Haram militants attacked the town.
    tokens: list[Token] = [
        ("Boko", "Boko", "PROPN", "NNP", "compound", 1),
        ("Haram", "Haram", "PROPN", "NNP", "compound", 2),
        ("militants", "militant", "NOUN", "NNS", "nsubj", 3),
        ("attacked", "attack", "VERB", "VBD", "ROOT", 3),
        ("the", "the", "DET", "DT", "det", 5),
        ("town", "town", "NOUN", "NN", "dobj", 3),
    ]
    found = _find(nlp, gazetteer, lexicon, tokens, [(0, 2, "ORG")])
    assert found == [("Boko Haram", "boko_haram", ActorType.ARMED_GROUP)]


# --- names the text equates ---------------------------------------------------------------------


def test_acronyms_and_initials() -> None:
    assert is_acronym("GNA") and is_acronym("M23") and is_acronym("U.N.")
    assert not is_acronym("Gna") and not is_acronym("A")
    assert initials("Government of National Accord") == "GNA"
    assert initials("Front for the Liberation of the Enclave") == "FLE"


def _mention(doc_text: str, nlp: Language, words: str, kind: MentionKind) -> Mention:
    doc = nlp.make_doc(doc_text)
    tokens = [t.text for t in doc]
    target = nlp.make_doc(words)
    n = len(target)
    start = next(i for i in range(len(tokens)) if tokens[i : i + n] == [t.text for t in target])
    return Mention(start, start + n, words, kind, None, None, "ORG")


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("The Desert Hawks Front (DHF) attacked.", "Desert Hawks Front", "DHF"),
        ("The DHF (Desert Hawks Front) attacked.", "DHF", "Desert Hawks Front"),
        (
            "The Desert Hawks Front, also known as Saraya Sahra, attacked.",
            "Desert Hawks Front",
            "Saraya Sahra",
        ),
        ("Abu Tariq, known as Omar Said, fled.", "Abu Tariq", "Omar Said"),
        ("The Desert Hawks Front attacked. Later the DHF withdrew.", "Desert Hawks Front", "DHF"),
    ],
)
def test_alias_pairs(nlp: Language, text: str, first: str, second: str) -> None:
    doc = nlp.make_doc(text)
    mentions = [
        _mention(text, nlp, first, MentionKind.ENTITY),
        _mention(text, nlp, second, MentionKind.ENTITY),
    ]
    mentions.sort(key=lambda m: m.start)
    assert alias_pairs(doc, mentions) == [(0, 1)]


def test_no_alias_for_the_tail_of_a_longer_name(nlp: Language) -> None:
    # "Mali" ends "Jamaat Mali"; "(JM)" is not Mali's acronym
    text = "Jamaat Mali (JM) attacked."
    doc = nlp.make_doc(text)
    mentions = [
        Mention(1, 2, "Mali", MentionKind.NAME, "mli", ActorType.GOVERNMENT),
        Mention(3, 4, "JM", MentionKind.ENTITY, None, None, "ORG"),
    ]
    for token in doc:
        token.pos_ = "PROPN"
    assert alias_pairs(doc, mentions) == []


# --- one key across documents -------------------------------------------------------------------


def _extraction(name: str, actors: list[Actor], edges: list[tuple[str, str]]) -> Extraction:
    document = Document(name, "text")
    relations = tuple(
        Relation(s, Predicate.OPPOSES, o, Evidence(name, "text", 0, 4), 0.9, "test")
        for s, o in edges
    )
    return Extraction(document, tuple(actors), relations)


def test_acronym_in_one_document_and_its_expansion_in_another_share_a_key() -> None:
    long_form = Actor("desert_hawks_front", "Desert Hawks Front", ActorType.ARMED_GROUP, ("DHF",))
    acronym_only = Actor("dhf", "DHF", ActorType.ARMED_GROUP)
    mali = Actor("mli", "Mali", ActorType.GOVERNMENT)
    first = _extraction("a", [long_form], [])
    second = _extraction("b", [acronym_only, mali], [("dhf", "mli")])
    for order in ([first, second], [second, first]):
        unified = {e.document.identifier: e for e in unify_actor_keys(order)}
        assert [a.key for a in unified["b"].actors] == ["desert_hawks_front", "mli"]
        assert [(r.subject, r.object) for r in unified["b"].relations] == [
            ("desert_hawks_front", "mli")
        ]


def test_initials_join_documents_that_never_pair_the_names() -> None:
    first = _extraction(
        "a", [Actor("northern_sahel_front", "Northern Sahel Front", ActorType.ARMED_GROUP)], []
    )
    second = _extraction("b", [Actor("nsf", "NSF", ActorType.ARMED_GROUP)], [])
    unified = unify_actor_keys([first, second])
    assert [a.key for e in unified for a in e.actors] == ["northern_sahel_front"] * 2


def test_also_known_as_in_one_document_joins_the_other_name_elsewhere() -> None:
    first = _extraction(
        "a",
        [
            Actor(
                "desert_hawks_front", "Desert Hawks Front", ActorType.ARMED_GROUP, ("Saraya Sahra",)
            )
        ],
        [],
    )
    second = _extraction("b", [Actor("saraya_sahra", "Saraya Sahra", ActorType.ARMED_GROUP)], [])
    unified = unify_actor_keys([first, second])
    assert unified[1].actors[0].key == "desert_hawks_front"


def test_surnames_and_gazetteer_keys_are_not_joined_across_documents() -> None:
    first = _extraction("a", [Actor("omar_said", "Omar Said", ActorType.PERSON, ("Said",))], [])
    second = _extraction("b", [Actor("said", "Said", ActorType.PERSON)], [])
    third = _extraction("c", [Actor("usa", "United States", ActorType.GOVERNMENT, ("US",))], [])
    unified = unify_actor_keys([first, second, third])
    assert [a.key for e in unified for a in e.actors] == ["omar_said", "said", "usa"]


# --- through the trained pipeline ---------------------------------------------------------------


def _actors(extractor: Extractor, text: str) -> dict[str, tuple[str, ActorType]]:
    extraction = extractor.extract(Document("t", text))
    return {a.key: (a.label, a.type) for a in extraction.actors}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "key", "type_"),
    [
        (
            "The Sahel Liberation Front stormed an army base in northern Mali on Sunday.",
            "sahel_liberation_front",
            ActorType.ARMED_GROUP,
        ),
        (
            "The Haitian gang coalition Viv Ansanm attacked police stations in the capital.",
            "viv_ansanm",
            ActorType.ARMED_GROUP,
        ),
        (
            "Gunmen from the Kokang Defence Brigade ambushed a convoy of Myanmar troops.",
            "kokang_defence_brigade",
            ActorType.ARMED_GROUP,
        ),
        (
            "Police said Bahrun Naim leads a militant network known as Katibah Nusantara.",
            "katibah_nusantara",
            ActorType.ARMED_GROUP,
        ),
    ],
)
def test_open_class_armed_groups_through_the_model(
    extractor: Extractor, text: str, key: str, type_: ActorType
) -> None:
    assert _actors(extractor, text)[key][1] is type_


@pytest.mark.model
def test_state_organs_fold_into_the_state_through_the_model(extractor: Extractor) -> None:
    found = _actors(
        extractor,
        "The Pentagon said the Justice Department would charge the men. "
        "China's People's Liberation Army denied any role.",
    )
    assert set(found) == {"usa", "chn"}


@pytest.mark.model
def test_also_known_as_is_one_actor_through_the_model(extractor: Extractor) -> None:
    extraction = extractor.extract(
        Document(
            "t",
            "The Northern Liberation Army, also known as the Black Hawks, attacked Mali's army.",
        )
    )
    group = next(a for a in extraction.actors if a.type is ActorType.ARMED_GROUP)
    assert (group.key, group.label, group.alt_labels) == (
        "northern_liberation_army",
        "Northern Liberation Army",
        ("Black Hawks",),
    )


@pytest.mark.model
def test_news_agency_and_ngo_are_not_actors_through_the_model(extractor: Extractor) -> None:
    found = _actors(
        extractor,
        "Amnesty International told Reuters that Syrian forces shelled the camp, "
        "and the Red Cross said it had evacuated the wounded.",
    )
    assert not {"amnesty", "reuters", "icrc"} & set(found)


@pytest.mark.model
def test_bare_rebels_stand_for_the_one_described_group(extractor: Extractor) -> None:
    extraction = extractor.extract(
        Document(
            "t",
            "Chadian rebels seized the town on Monday. Sudan backs the rebels, officials said.",
        )
    )
    rebels = next(a for a in extraction.actors if a.type is ActorType.ARMED_GROUP)
    assert (rebels.key, rebels.alt_labels) == ("chadian_rebels", ())
    assert ("sdn", Predicate.SUPPORTS, "chadian_rebels") in {
        (r.subject, r.predicate, r.object) for r in extraction.relations
    }


@pytest.mark.parametrize(
    ("description", "camp"),
    [
        ("Syrian rebels", "syrian"),
        ("Syrian opposition groups", "syrian"),
        ("Syrian jihadist militant groups", "syrian"),
        ("Syrian anti-Assad rebels", "syrian"),
        ("Syrian Kurdish rebels", "syrian kurdish"),
        ("Kurdish fighters", ""),
        ("Shiite militias", ""),
        ("Syrian jihadists", ""),
        ("Islamist militants", ""),
    ],
)
def test_a_description_names_the_insurgency_of_its_people(
    lexicon: Lexicon, description: str, camp: str
) -> None:
    from conflictkg.extract.resolve import insurgent_camp

    assert insurgent_camp(description.split(), lexicon) == camp


@pytest.mark.model
def test_one_people_s_insurgency_is_one_actor_whatever_its_noun(extractor: Extractor) -> None:
    extraction = extractor.extract(
        Document(
            "t",
            "Ethiopian rebels seized the town of Gondar on Monday, and Eritrea is accused of "
            "arming the Ethiopian insurgent groups. Ethiopia's army shelled positions held by "
            "the Ethiopian opposition on Tuesday.",
        )
    )
    groups = [a for a in extraction.actors if a.type is ActorType.ARMED_GROUP]
    assert [(a.label, set(a.alt_labels)) for a in groups] == [
        ("Ethiopian rebels", {"Ethiopian insurgent groups", "Ethiopian opposition"})
    ]
    edges = {(r.subject, r.predicate, r.object) for r in extraction.relations}
    assert {
        ("eri", Predicate.SUPPORTS, groups[0].key),
        ("eth", Predicate.OPPOSES, groups[0].key),
    } <= edges


@pytest.mark.model
@pytest.mark.parametrize(
    "later",
    [
        "Sudan backs several rebel groups in the east.",
        "Sudan denounced rebel groups backed by Chad.",
    ],
)
def test_rebel_groups_stand_for_the_rebels_described_before(
    extractor: Extractor, later: str
) -> None:
    extraction = extractor.extract(Document("t", f"Darfuri rebels seized the town. {later}"))
    assert [a.key for a in extraction.actors if a.type is ActorType.ARMED_GROUP] == [
        "darfuri_rebels"
    ]
    assert any(r.object == "darfuri_rebels" for r in extraction.relations)


@pytest.mark.model
def test_a_stance_modifier_keeps_the_rebels_the_rebels(extractor: Extractor) -> None:
    extraction = extractor.extract(
        Document(
            "t",
            "Chadian rebels seized the town on Monday. Sudanese jets bombed the Libyan-backed "
            "rebels on Tuesday.",
        )
    )
    assert {(r.subject, r.predicate, r.object) for r in extraction.relations} >= {
        ("sdn", Predicate.OPPOSES, "chadian_rebels"),
        ("lby", Predicate.SUPPORTS, "chadian_rebels"),
    }


@pytest.mark.model
def test_backed_fighters_are_not_the_group_the_article_is_about(extractor: Extractor) -> None:
    extraction = extractor.extract(
        Document(
            "t",
            "Boko Haram attacked the town on Monday. Boko Haram also raided a village. Boko "
            "Haram has killed thousands. Officials said Chadian-backed fighters were gathering "
            "nearby.",
        )
    )
    assert ("tcd", Predicate.SUPPORTS, "boko_haram") not in {
        (r.subject, r.predicate, r.object) for r in extraction.relations
    }


def _edges(extraction: Extraction) -> set[tuple[str, Predicate, str]]:
    return {(r.subject, r.predicate, r.object) for r in extraction.relations}


@pytest.mark.model
def test_bare_rebels_beside_a_group_in_focus_are_the_state_s_rebels(
    extractor: Extractor,
) -> None:
    text = (
        "Islamic State attacked Kobani. Islamic State fighters killed ten civilians. Islamic "
        "State withdrew. Syria's army besieged rebel-held areas near Damascus. Rebels "
        "fighting the Syrian government shelled the town."
    )
    edges = _edges(extractor.extract(Document("t", text)))
    assert {
        ("syr", Predicate.OPPOSES, "syrian_rebels"),
        ("syrian_rebels", Predicate.OPPOSES, "syr"),
    } <= edges


@pytest.mark.model
def test_rebels_are_never_a_group_the_article_calls_rebels(extractor: Extractor) -> None:
    text = (
        "The Houthi rebels seized Sanaa. The Houthis attacked Yemen's government. The "
        "Houthis advanced. The rebels fired on Yemeni troops."
    )
    extraction = extractor.extract(Document("t", text))
    assert [a.key for a in extraction.actors if a.type is ActorType.ARMED_GROUP] == ["houthis"]


@pytest.mark.model
def test_described_rebels_take_the_state_the_events_are_in(extractor: Extractor) -> None:
    text = (
        "Russia said its jets flew 40 sorties. Russia denied hitting hospitals. Moscow "
        "and Russia's defence ministry said the war in Syria would end. Russian jets "
        "bombed rebels near Aleppo and in Syria's Idlib province."
    )
    edges = _edges(extractor.extract(Document("t", text)))
    assert ("rus", Predicate.OPPOSES, "syrian_rebels") in edges
    assert not any("russian_rebels" in (s, o) for s, _, o in edges)


@pytest.mark.model
def test_a_border_places_no_rebels_in_either_state(extractor: Extractor) -> None:
    text = (
        "Syria's army advanced on Monday. Syria said it would fight on. Syrian troops "
        "shelled rebel-held towns near the Turkish border."
    )
    edges = _edges(extractor.extract(Document("t", text)))
    assert ("syr", Predicate.OPPOSES, "syrian_rebels") in edges


def test_a_name_paired_with_a_gazetteer_acronym_takes_the_gazetteer_entry(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    from conflictkg.extract.resolve import resolve_mentions

    doc = nlp.make_doc("The Syria Democratic Forces (SDF) advanced.")
    mentions = [
        Mention(1, 4, "Syria Democratic Forces", MentionKind.ENTITY, None, None, "ORG"),
        Mention(5, 6, "SDF", MentionKind.ACRONYM, "sdf", ActorType.ARMED_GROUP),
    ]
    resolution = resolve_mentions(doc, mentions, gazetteer, lexicon)
    record = resolution.actors["sdf"]
    assert resolution.mention_keys == ["sdf", "sdf"]
    assert (record.label, record.from_gazetteer) == ("Syrian Democratic Forces", True)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, group",
    [
        ("Islamic State militants attacked Kurdish forces in Iraq.", "kurdish_forces"),
        ("Shiite troops attacked Islamic State near Tikrit.", "shiite_troops"),
    ],
)
def test_an_ethnic_adjective_makes_forces_a_group_of_their_own(
    extractor: Extractor, text: str, group: str
) -> None:
    extraction = extractor.extract(Document("t", text))
    assert group in {a.key for a in extraction.actors}
    assert "irq" not in {r.object for r in extraction.relations}


@pytest.mark.model
@pytest.mark.parametrize(
    "text", ["Afghan forces attacked the Taliban.", "European authorities arrested Abdeslam."]
)
def test_a_state_s_forces_and_authorities_stay_no_group(extractor: Extractor, text: str) -> None:
    extraction = extractor.extract(Document("t", text))
    assert not any(a.key.endswith(("_forces", "_authorities")) for a in extraction.actors)


@pytest.mark.model
def test_the_rebels_are_the_state_s_rebels_when_no_group_is_called_so(
    extractor: Extractor,
) -> None:
    text = (
        "Syria's army attacked. Syria said so. Hezbollah accused the rebels of preventing "
        "people from leaving."
    )
    assert ("hezbollah", Predicate.OPPOSES, "syrian_rebels") in _edges(
        extractor.extract(Document("t", text))
    )


@pytest.mark.model
def test_where_something_was_said_is_no_scene(extractor: Extractor) -> None:
    text = (
        "Russia said its jets flew 40 sorties, Russia's defence ministry told reporters in "
        "Moscow. Russia will keep flying, a Russian general told reporters in Moscow. "
        "Russia denied hitting hospitals in Syria. Rebels fighting the government shelled "
        "the town."
    )
    keys = {a.key for a in extractor.extract(Document("t", text)).actors}
    assert "syrian_rebels" in keys and "russian_rebels" not in keys
