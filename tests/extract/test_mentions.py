"""Actor mentions: which spans of a parsed text name an actor, and of what kind.

Most tests build the parse by hand (no trained model): the named-entity labels a
recogniser would give, and the dependency parse that decides whether a capital is a place
or its government. A few check the same cases through the trained pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from spacy.language import Language

from conflictkg.extract.extractor import Extractor, extract_parsed
from conflictkg.extract.gazetteer import Gazetteer
from conflictkg.extract.lexicon import Lexicon
from conflictkg.extract.mentions import Mention, MentionKind, find_mentions
from conflictkg.model import ActorType, Document
from parses import Entity, Token, make_doc

FindMentions = Callable[..., list[Mention]]


@pytest.fixture(scope="module")
def mentions(nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon) -> FindMentions:
    def find(
        tokens: Sequence[Token],
        ents: Sequence[Entity] = (),
        boilerplate: Sequence[tuple[int, int]] = (),
    ) -> list[Mention]:
        return find_mentions(make_doc(nlp, tokens, ents), gazetteer, lexicon, boilerplate)

    return find


def summary(found: list[Mention]) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.kind.value, m.key) for m in found]


# --- a capital's name: the government, a place, or part of another name -------------------------


WASHINGTON_TOLD_THE_POST: list[Token] = [
    # Washington told The Washington Post that Iran backs Hezbollah.
    ("Washington", "Washington", "PROPN", "NNP", "nsubj", 1),
    ("told", "tell", "VERB", "VBD", "ROOT", 1),
    ("The", "the", "DET", "DT", "det", 4),
    ("Washington", "Washington", "PROPN", "NNP", "compound", 4),
    ("Post", "Post", "PROPN", "NNP", "dobj", 1),
    ("that", "that", "SCONJ", "IN", "mark", 7),
    ("Iran", "Iran", "PROPN", "NNP", "nsubj", 7),
    ("backs", "back", "VERB", "VBZ", "ccomp", 1),
    ("Hezbollah", "Hezbollah", "PROPN", "NNP", "dobj", 7),
    (".", ".", "PUNCT", ".", "punct", 1),
]
WASHINGTON_TOLD_THE_POST_ENTS: list[Entity] = [
    (0, 1, "GPE"),
    (2, 5, "ORG"),
    (6, 7, "GPE"),
    (8, 9, "ORG"),
]


def test_washington_said_is_the_us_but_the_washington_post_is_not(mentions: FindMentions) -> None:
    found = mentions(WASHINGTON_TOLD_THE_POST, WASHINGTON_TOLD_THE_POST_ENTS)
    us = [m for m in found if m.key == "usa"]
    assert [(m.start, m.text, m.kind) for m in us] == [(0, "Washington", MentionKind.METONYM)]
    assert us[0].type is ActorType.GOVERNMENT
    assert not [m for m in found if m.key is not None and 2 <= m.start < 5]


def test_the_washington_post_is_not_an_actor(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    # Iran condemned The Washington Post.  (a newspaper: neither the US nor an armed group)
    doc = make_doc(
        nlp,
        [
            ("Iran", "Iran", "PROPN", "NNP", "nsubj", 1),
            ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
            ("The", "the", "DET", "DT", "det", 4),
            ("Washington", "Washington", "PROPN", "NNP", "compound", 4),
            ("Post", "Post", "PROPN", "NNP", "dobj", 1),
            (".", ".", "PUNCT", ".", "punct", 1),
        ],
        [(0, 1, "GPE"), (2, 5, "ORG")],
    )
    extraction = extract_parsed(Document("post", doc.text), doc, gazetteer, lexicon)
    assert [a.label for a in extraction.actors] == ["Iran"]
    assert extraction.relations == ()


def test_capital_in_a_locative_phrase_is_a_place(mentions: FindMentions) -> None:
    # A bomb exploded in Baghdad.
    found = mentions(
        [
            ("A", "a", "DET", "DT", "det", 1),
            ("bomb", "bomb", "NOUN", "NN", "nsubj", 2),
            ("exploded", "explode", "VERB", "VBD", "ROOT", 2),
            ("in", "in", "ADP", "IN", "prep", 2),
            ("Baghdad", "Baghdad", "PROPN", "NNP", "pobj", 3),
            (".", ".", "PUNCT", ".", "punct", 2),
        ],
        ents=[(4, 5, "GPE")],
    )
    assert found == []


def test_capital_as_subject_is_the_government(mentions: FindMentions) -> None:
    # Baghdad sent troops to Kirkuk.
    found = mentions(
        [
            ("Baghdad", "Baghdad", "PROPN", "NNP", "nsubj", 1),
            ("sent", "send", "VERB", "VBD", "ROOT", 1),
            ("troops", "troop", "NOUN", "NNS", "dobj", 1),
            ("to", "to", "ADP", "IN", "prep", 1),
            ("Kirkuk", "Kirkuk", "PROPN", "NNP", "pobj", 3),
            (".", ".", "PUNCT", ".", "punct", 1),
        ],
        ents=[(0, 1, "GPE"), (4, 5, "GPE")],
    )
    assert summary(found) == [("Baghdad", "metonym", "irq")]
    assert found[0].type is ActorType.GOVERNMENT


def test_capital_as_recipient_is_the_government(mentions: FindMentions) -> None:
    # Iran sent weapons to Baghdad.  ("to" after a verb of giving: the government receives)
    found = mentions(
        [
            ("Iran", "Iran", "PROPN", "NNP", "nsubj", 1),
            ("sent", "send", "VERB", "VBD", "ROOT", 1),
            ("weapons", "weapon", "NOUN", "NNS", "dobj", 1),
            ("to", "to", "ADP", "IN", "dative", 1),
            ("Baghdad", "Baghdad", "PROPN", "NNP", "pobj", 3),
            (".", ".", "PUNCT", ".", "punct", 1),
        ],
        ents=[(0, 1, "GPE"), (4, 5, "GPE")],
    )
    assert summary(found) == [("Iran", "name", "irn"), ("Baghdad", "metonym", "irq")]


def test_capital_as_destination_of_travel_is_a_place(mentions: FindMentions) -> None:
    # The militants traveled to Baghdad.
    found = mentions(
        [
            ("The", "the", "DET", "DT", "det", 1),
            ("militants", "militant", "NOUN", "NNS", "nsubj", 2),
            ("traveled", "travel", "VERB", "VBD", "ROOT", 2),
            ("to", "to", "ADP", "IN", "prep", 2),
            ("Baghdad", "Baghdad", "PROPN", "NNP", "pobj", 3),
            (".", ".", "PUNCT", ".", "punct", 2),
        ],
        ents=[(4, 5, "GPE")],
    )
    assert found == []


def test_capital_modifying_a_noun_is_a_place(mentions: FindMentions) -> None:
    # His Baghdad office closed.
    found = mentions(
        [
            ("His", "his", "PRON", "PRP$", "poss", 2),
            ("Baghdad", "Baghdad", "PROPN", "NNP", "compound", 2),
            ("office", "office", "NOUN", "NN", "nsubj", 3),
            ("closed", "close", "VERB", "VBD", "ROOT", 3),
            (".", ".", "PUNCT", ".", "punct", 3),
        ],
        ents=[(1, 2, "GPE")],
    )
    assert found == []


def test_country_name_in_a_locative_phrase_is_still_found(mentions: FindMentions) -> None:
    # Iran fought in Syria.  (only capitals are dropped as places; "Syria" stays a name)
    found = mentions(
        [
            ("Iran", "Iran", "PROPN", "NNP", "nsubj", 1),
            ("fought", "fight", "VERB", "VBD", "ROOT", 1),
            ("in", "in", "ADP", "IN", "prep", 1),
            ("Syria", "Syria", "PROPN", "NNP", "pobj", 2),
            (".", ".", "PUNCT", ".", "punct", 1),
        ],
        ents=[(0, 1, "GPE"), (3, 4, "GPE")],
    )
    assert summary(found) == [("Iran", "name", "irn"), ("Syria", "name", "syr")]


# --- boilerplate ----------------------------------------------------------------------------

TWO_SENTENCES: list[Token] = [
    ("Iran", "Iran", "PROPN", "NNP", "nsubj", 1),
    ("backs", "back", "VERB", "VBZ", "ROOT", 1),
    ("Hezbollah", "Hezbollah", "PROPN", "NNP", "dobj", 1),
    (".", ".", "PUNCT", ".", "punct", 1),
    ("Reporting", "reporting", "NOUN", "NN", "ROOT", 4),
    ("by", "by", "ADP", "IN", "prep", 4),
    ("Ahmed", "Ahmed", "PROPN", "NNP", "compound", 7),
    ("Rasheed", "Rasheed", "PROPN", "NNP", "pobj", 5),
    ("in", "in", "ADP", "IN", "prep", 4),
    ("Tehran", "Tehran", "PROPN", "NNP", "pobj", 8),
    ("for", "for", "ADP", "IN", "prep", 4),
    ("the", "the", "DET", "DT", "det", 13),
    ("Iraqi", "iraqi", "ADJ", "JJ", "amod", 13),
    ("Army", "Army", "PROPN", "NNP", "pobj", 10),
]
TWO_SENTENCES_ENTS: list[Entity] = [(0, 1, "GPE"), (2, 3, "ORG"), (6, 8, "PERSON"), (9, 10, "GPE")]


def test_boilerplate_ranges_produce_no_mentions(nlp: Language, mentions: FindMentions) -> None:
    text = make_doc(nlp, TWO_SENTENCES).text
    credit = text.index("Reporting")
    assert summary(mentions(TWO_SENTENCES, TWO_SENTENCES_ENTS, [(credit, len(text))])) == [
        ("Iran", "name", "irn"),
        ("Hezbollah", "name", "hezbollah"),
    ]
    # without the range, the credit line holds mentions
    assert len(mentions(TWO_SENTENCES, TWO_SENTENCES_ENTS)) > 2


def test_boilerplate_actors_do_not_reach_the_graph(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    doc = make_doc(nlp, TWO_SENTENCES, TWO_SENTENCES_ENTS)
    credit = doc.text.index("Reporting")
    document = Document("credit", doc.text, boilerplate=((credit, len(doc.text)),))
    extraction = extract_parsed(document, doc, gazetteer, lexicon)
    assert {a.label for a in extraction.actors} == {"Iran", "Hezbollah"}


# --- populations and named entities -----------------------------------------------------------


def test_population_noun_is_not_an_actor(mentions: FindMentions) -> None:
    # Sunnis protested in Ramadi.
    found = mentions(
        [
            ("Sunnis", "Sunnis", "PROPN", "NNPS", "nsubj", 1),
            ("protested", "protest", "VERB", "VBD", "ROOT", 1),
            ("in", "in", "ADP", "IN", "prep", 1),
            ("Ramadi", "Ramadi", "PROPN", "NNP", "pobj", 2),
            (".", ".", "PUNCT", ".", "punct", 1),
        ],
        ents=[(0, 1, "NORP"), (3, 4, "GPE")],
    )
    assert found == []


def test_plural_named_group_is_a_mention(mentions: FindMentions) -> None:
    # Alawites and Houthis protested.  (a population is dropped, a named movement is kept)
    found = mentions(
        [
            ("Alawites", "Alawites", "PROPN", "NNPS", "nsubj", 3),
            ("and", "and", "CCONJ", "CC", "cc", 0),
            ("Houthis", "Houthis", "PROPN", "NNPS", "conj", 0),
            ("protested", "protest", "VERB", "VBD", "ROOT", 3),
            (".", ".", "PUNCT", ".", "punct", 3),
        ],
        ents=[(0, 1, "NORP"), (2, 3, "NORP")],
    )
    assert summary(found) == [("Houthis", "name", "houthis")]


def test_adjectival_norp_is_not_a_group(mentions: FindMentions) -> None:
    # Shiite clerics protested.
    found = mentions(
        [
            ("Shiite", "shiite", "ADJ", "JJ", "amod", 1),
            ("clerics", "cleric", "NOUN", "NNS", "nsubj", 2),
            ("protested", "protest", "VERB", "VBD", "ROOT", 2),
            (".", ".", "PUNCT", ".", "punct", 2),
        ],
        ents=[(0, 1, "NORP")],
    )
    assert found == []


@pytest.mark.parametrize("label", ["PERSON", "ORG", "NORP"])
def test_titled_entity_is_a_person(mentions: FindMentions, label: str) -> None:
    # Sheik Ahmed Abu Risha spoke.  (whatever label the recogniser gave the name)
    found = mentions(
        [
            ("Sheik", "Sheik", "PROPN", "NNP", "compound", 3),
            ("Ahmed", "Ahmed", "PROPN", "NNP", "compound", 3),
            ("Abu", "Abu", "PROPN", "NNP", "compound", 3),
            ("Risha", "Risha", "PROPN", "NNPS" if label == "NORP" else "NNP", "nsubj", 4),
            ("spoke", "speak", "VERB", "VBD", "ROOT", 4),
            (".", ".", "PUNCT", ".", "punct", 4),
        ],
        ents=[(0, 4, label)],
    )
    assert [(m.text, m.kind, m.type) for m in found] == [
        ("Ahmed Abu Risha", MentionKind.ENTITY, ActorType.PERSON)
    ]


def test_title_outside_the_entity_makes_a_person(mentions: FindMentions) -> None:
    # General Karim Haddad spoke.  (the recogniser left the title out and said ORG)
    found = mentions(
        [
            ("General", "General", "PROPN", "NNP", "compound", 2),
            ("Karim", "Karim", "PROPN", "NNP", "compound", 2),
            ("Haddad", "Haddad", "PROPN", "NNP", "nsubj", 3),
            ("spoke", "speak", "VERB", "VBD", "ROOT", 3),
            (".", ".", "PUNCT", ".", "punct", 3),
        ],
        ents=[(1, 3, "ORG")],
    )
    assert [(m.text, m.type) for m in found] == [("Karim Haddad", ActorType.PERSON)]


def test_untitled_person_entity_is_a_person(mentions: FindMentions) -> None:
    # Karim Haddad spoke.
    found = mentions(
        [
            ("Karim", "Karim", "PROPN", "NNP", "compound", 1),
            ("Haddad", "Haddad", "PROPN", "NNP", "nsubj", 2),
            ("spoke", "speak", "VERB", "VBD", "ROOT", 2),
            (".", ".", "PUNCT", ".", "punct", 2),
        ],
        ents=[(0, 2, "PERSON")],
    )
    assert [(m.text, m.type) for m in found] == [("Karim Haddad", ActorType.PERSON)]


def test_armed_head_noun_types_an_organisation(mentions: FindMentions) -> None:
    # The Tawhid Brigade attacked.
    found = mentions(
        [
            ("The", "the", "DET", "DT", "det", 2),
            ("Tawhid", "Tawhid", "PROPN", "NNP", "compound", 2),
            ("Brigade", "Brigade", "PROPN", "NNP", "nsubj", 3),
            ("attacked", "attack", "VERB", "VBD", "ROOT", 3),
            (".", ".", "PUNCT", ".", "punct", 3),
        ],
        ents=[(0, 3, "ORG")],
    )
    assert [(m.text, m.type) for m in found] == [("Tawhid Brigade", ActorType.ARMED_GROUP)]


def test_group_named_after_a_title_is_not_a_person(mentions: FindMentions) -> None:
    # The Imam Ali Brigade attacked.  ("Imam" is part of the name, not a title of a person)
    found = mentions(
        [
            ("The", "the", "DET", "DT", "det", 3),
            ("Imam", "Imam", "PROPN", "NNP", "compound", 3),
            ("Ali", "Ali", "PROPN", "NNP", "compound", 3),
            ("Brigade", "Brigade", "PROPN", "NNP", "nsubj", 4),
            ("attacked", "attack", "VERB", "VBD", "ROOT", 4),
            (".", ".", "PUNCT", ".", "punct", 4),
        ],
        ents=[(0, 4, "ORG")],
    )
    assert [(m.text, m.type) for m in found] == [("Imam Ali Brigade", ActorType.ARMED_GROUP)]


def test_gazetteer_wins_over_the_recogniser(mentions: FindMentions) -> None:
    # The Islamic State attacked.  (tagged PERSON by a confused recogniser)
    found = mentions(
        [
            ("The", "the", "DET", "DT", "det", 2),
            ("Islamic", "Islamic", "PROPN", "NNP", "compound", 2),
            ("State", "State", "PROPN", "NNP", "nsubj", 3),
            ("attacked", "attack", "VERB", "VBD", "ROOT", 3),
            (".", ".", "PUNCT", ".", "punct", 3),
        ],
        ents=[(0, 3, "PERSON")],
    )
    assert summary(found) == [("Islamic State", "name", "islamic_state")]
    assert found[0].type is ActorType.ARMED_GROUP


# --- the same through the trained pipeline ------------------------------------------------------


def _model_mentions(extractor: Extractor, text: str) -> list[tuple[str, str, str | None]]:
    doc = extractor.parse(Document("m", text))
    return summary(find_mentions(doc, extractor.gazetteer, extractor.lexicon))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Washington said on Monday that it would send more advisers.",
            [("Washington", "metonym", "usa")],
            id="washington-said",
        ),
        pytest.param("A car bomb exploded in Baghdad on Tuesday.", [], id="in-baghdad"),
        pytest.param(
            "Baghdad sent troops to Kirkuk after the referendum.",
            [("Baghdad", "metonym", "irq")],
            id="baghdad-sent",
        ),
        pytest.param(
            "The Kremlin denied the report.",
            [("Kremlin", "metonym", "rus")],
            id="kremlin",
        ),
        pytest.param("Sunnis and Shiites prayed together in Basra.", [], id="populations"),
    ],
)
def test_mentions_through_the_model(
    extractor: Extractor, text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _model_mentions(extractor, text) == expected


@pytest.mark.model
def test_newspaper_is_not_an_actor_through_the_model(extractor: Extractor) -> None:
    extraction = extractor.extract(
        Document("m", "Iran condemned The Washington Post for the report.")
    )
    assert [a.label for a in extraction.actors] == ["Iran"]
    assert extraction.relations == ()


@pytest.mark.model
def test_titled_person_through_the_model(extractor: Extractor) -> None:
    doc = extractor.parse(
        Document("m", "Sheik Jabbar al-Rubaie told reporters the tribes would fight.")
    )
    found = find_mentions(doc, extractor.gazetteer, extractor.lexicon)
    assert [(m.text, m.type) for m in found] == [("Jabbar al-Rubaie", ActorType.PERSON)]


@pytest.mark.model
def test_a_sentence_s_first_capital_describes_no_group(extractor: Extractor) -> None:
    """ "Rights groups" opens a sentence; "Islamist rebels" are described by their creed."""
    text = "Rights groups have accused the army. Islamist rebels attacked the town."
    doc = extractor.parse(Document("m", text))
    found = find_mentions(doc, extractor.gazetteer, extractor.lexicon)
    assert [m.text for m in found if m.kind is MentionKind.NOMINAL] == ["Islamist rebels"]


# Turkey charged Fethullah Gulen, a cleric.  (the recogniser's label: a building or a body)
CHARGED_A_CLERIC = [
    ("Turkey", "Turkey", "PROPN", "NNP", "nsubj", 1),
    ("charged", "charge", "VERB", "VBD", "ROOT", 1),
    ("Fethullah", "Fethullah", "PROPN", "NNP", "compound", 3),
    ("Gulen", "Gulen", "PROPN", "NNP", "dobj", 1),
    (",", ",", "PUNCT", ",", "punct", 3),
    ("a", "a", "DET", "DT", "det", 6),
    ("cleric", "cleric", "NOUN", "NN", "appos", 3),
    (".", ".", "PUNCT", ".", "punct", 1),
]


@pytest.mark.parametrize("label", ["FAC", "ORG"])
def test_an_apposition_makes_a_mislabelled_name_a_person(
    mentions: FindMentions, label: str
) -> None:
    found = mentions(CHARGED_A_CLERIC, [(0, 1, "GPE"), (2, 4, label)])
    assert [(m.text, m.type) for m in found if m.key is None] == [
        ("Fethullah Gulen", ActorType.PERSON)
    ]


def test_a_building_stays_out(mentions: FindMentions) -> None:
    # Turkey shelled Ataturk Airport, a hub.  (a place the recogniser labels FAC)
    tokens = [*CHARGED_A_CLERIC[:2], ("Ataturk", "Ataturk", "PROPN", "NNP", "compound", 3)]
    tokens += [("Airport", "Airport", "PROPN", "NNP", "dobj", 1), *CHARGED_A_CLERIC[4:6]]
    tokens += [("hub", "hub", "NOUN", "NN", "appos", 3), CHARGED_A_CLERIC[7]]
    found = mentions(tokens, [(0, 1, "GPE"), (2, 4, "FAC")])
    assert [m.text for m in found] == ["Turkey"]


@pytest.mark.model
def test_a_name_the_text_calls_a_town_is_no_person(extractor: Extractor) -> None:
    # the recogniser takes "Palmyra" for a person in the second sentence
    text = (
        "Syrian troops retook the ancient city of Palmyra. Since capturing Palmyra, Syrian "
        "government forces have targeted two towns."
    )
    extraction = extractor.extract(Document("palmyra", text))
    assert "Palmyra" not in {a.label for a in extraction.actors}


@pytest.mark.model
def test_the_first_word_after_a_dateline_is_no_name(extractor: Extractor) -> None:
    # "Rebel" is capitalised only because the story starts there
    text = "BEIRUT/MOSCOW Rebel fighters launched an assault in Aleppo on Tuesday."
    extraction = extractor.extract(Document("dateline", text))
    assert "Rebel fighters" not in {a.label for a in extraction.actors}
