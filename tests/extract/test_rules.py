"""The relation, designation and structure rules on hand-built parses: no trained model.

Each test writes the dependency parse of a short sentence by hand (the analysis a correct
English parser gives, in spaCy's ClearNLP labels), runs the gazetteer ruler of the blank
pipeline on it, and checks what :func:`conflictkg.extract.extractor.extract_parsed` reads out of it.
This pins the rules down independently of the statistical model's mistakes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from spacy.language import Language

from conflictkg.extract.extractor import extract_parsed
from conflictkg.extract.gazetteer import Gazetteer
from conflictkg.extract.lexicon import Lexicon
from conflictkg.model import Attribution, Document, Extraction, Relation
from parses import Entity, Token, make_doc

Triple = tuple[str, str, str]
Run = Callable[..., Extraction]


@pytest.fixture(scope="module")
def run(nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon) -> Run:
    def extract(tokens: Sequence[Token], ents: Sequence[Entity] = ()) -> Extraction:
        doc = make_doc(nlp, tokens, ents)
        return extract_parsed(Document("rules", doc.text), doc, gazetteer, lexicon)

    return extract


def triples(extraction: Extraction) -> set[Triple]:
    labels = {actor.key: actor.label for actor in extraction.actors}
    return {
        (labels.get(r.subject, r.subject), r.predicate.value, labels.get(r.object, r.object))
        for r in extraction.relations
    }


def labels(extraction: Extraction) -> set[str]:
    return {actor.label for actor in extraction.actors}


def only(extraction: Extraction, triple: Triple) -> Relation:
    labels = {actor.key: actor.label for actor in extraction.actors}
    found = [
        r
        for r in extraction.relations
        if (labels.get(r.subject), r.predicate.value, labels.get(r.object)) == triple
    ]
    assert len(found) == 1, triples(extraction)
    return found[0]


# --- the helper itself ----------------------------------------------------------------------


def test_make_doc_rebuilds_the_text_and_finds_gazetteer_actors(nlp: Language) -> None:
    doc = make_doc(nlp, IRAN_BACKS_HEZBOLLAH)
    assert doc.text == "Iran backs Hezbollah."
    assert [(s.text, s.id_) for s in doc.spans["gazetteer"]] == [
        ("Iran", "irn"),
        ("Hezbollah", "hezbollah"),
    ]
    assert [t.dep_ for t in doc] == ["nsubj", "ROOT", "dobj", "punct"]


# --- support and opposition ---------------------------------------------------------------

IRAN_BACKS_HEZBOLLAH: list[Token] = [
    ("Iran", "Iran", "PROPN", "NNP", "nsubj", 1),
    ("backs", "back", "VERB", "VBZ", "ROOT", 1),
    ("Hezbollah", "Hezbollah", "PROPN", "NNP", "dobj", 1),
    (".", ".", "PUNCT", ".", "punct", 1),
]


def test_active_verb_cue(run: Run) -> None:
    extraction = run(IRAN_BACKS_HEZBOLLAH)
    assert triples(extraction) == {("Iran", "supports", "Hezbollah")}
    relation = extraction.relations[0]
    assert relation.cue == "backs"
    assert relation.attribution is Attribution.ASSERTED
    assert relation.evidence.text == "Iran backs Hezbollah."


def test_passive_with_by_agent(run: Run) -> None:
    # Hamas was funded by Qatar.
    extraction = run(
        [
            ("Hamas", "Hamas", "PROPN", "NNP", "nsubjpass", 2),
            ("was", "be", "AUX", "VBD", "auxpass", 2),
            ("funded", "fund", "VERB", "VBN", "ROOT", 2),
            ("by", "by", "ADP", "IN", "agent", 2),
            ("Qatar", "Qatar", "PROPN", "NNP", "pobj", 3),
            (".", ".", "PUNCT", ".", "punct", 2),
        ]
    )
    assert triples(extraction) == {("Qatar", "supports", "Hamas")}


def test_hyphenated_participle(run: Run) -> None:
    # Iranian-backed Houthis attacked Israel.
    extraction = run(
        [
            ("Iranian", "iranian", "ADJ", "JJ", "npadvmod", 2),
            ("-", "-", "PUNCT", "HYPH", "punct", 2),
            ("backed", "back", "VERB", "VBN", "amod", 3),
            ("Houthis", "Houthis", "PROPN", "NNPS", "nsubj", 4),
            ("attacked", "attack", "VERB", "VBD", "ROOT", 4),
            ("Israel", "Israel", "PROPN", "NNP", "dobj", 4),
            (".", ".", "PUNCT", ".", "punct", 4),
        ]
    )
    assert triples(extraction) == {
        ("Iran", "supports", "Houthis"),
        ("Houthis", "opposes", "Israel"),
    }


def test_negated_verb_gives_no_edge(run: Run) -> None:
    # Russia did not arm the Taliban.
    extraction = run(
        [
            ("Russia", "Russia", "PROPN", "NNP", "nsubj", 3),
            ("did", "do", "AUX", "VBD", "aux", 3),
            ("not", "not", "PART", "RB", "neg", 3),
            ("arm", "arm", "VERB", "VB", "ROOT", 3),
            ("the", "the", "DET", "DT", "det", 5),
            ("Taliban", "Taliban", "PROPN", "NNP", "dobj", 3),
            (".", ".", "PUNCT", ".", "punct", 3),
        ]
    )
    assert {"Russia", "Taliban"} <= labels(extraction)  # both read, no edge between them
    assert triples(extraction) == set()


def test_denial_verb_gives_no_edge(run: Run) -> None:
    # Qatar denied arming Hamas.
    extraction = run(
        [
            ("Qatar", "Qatar", "PROPN", "NNP", "nsubj", 1),
            ("denied", "deny", "VERB", "VBD", "ROOT", 1),
            ("arming", "arm", "VERB", "VBG", "xcomp", 1),
            ("Hamas", "Hamas", "PROPN", "NNP", "dobj", 2),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
    )
    assert {"Qatar", "Hamas"} <= labels(extraction)
    assert triples(extraction) == set()


def test_received_weapons_from(run: Run) -> None:
    # Hezbollah received weapons from Iran.
    extraction = run(
        [
            ("Hezbollah", "Hezbollah", "PROPN", "NNP", "nsubj", 1),
            ("received", "receive", "VERB", "VBD", "ROOT", 1),
            ("weapons", "weapon", "NOUN", "NNS", "dobj", 1),
            ("from", "from", "ADP", "IN", "prep", 1),
            ("Iran", "Iran", "PROPN", "NNP", "pobj", 3),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
    )
    assert triples(extraction) == {("Iran", "supports", "Hezbollah")}


def test_noun_cue_with_possessor(run: Run) -> None:
    # Iran's support for the Houthis grew.
    extraction = run(
        [
            ("Iran", "Iran", "PROPN", "NNP", "poss", 2),
            ("'s", "'s", "PART", "POS", "case", 0),
            ("support", "support", "NOUN", "NN", "nsubj", 6),
            ("for", "for", "ADP", "IN", "prep", 2),
            ("the", "the", "DET", "DT", "det", 5),
            ("Houthis", "Houthis", "PROPN", "NNPS", "pobj", 3),
            ("grew", "grow", "VERB", "VBD", "ROOT", 6),
            (".", ".", "PUNCT", ".", "punct", 6),
        ]
    )
    assert triples(extraction) == {("Iran", "supports", "Houthis")}


def test_coordinated_subjects(run: Run) -> None:
    # Iran and Syria back Hezbollah.
    extraction = run(
        [
            ("Iran", "Iran", "PROPN", "NNP", "nsubj", 3),
            ("and", "and", "CCONJ", "CC", "cc", 0),
            ("Syria", "Syria", "PROPN", "NNP", "conj", 0),
            ("back", "back", "VERB", "VBP", "ROOT", 3),
            ("Hezbollah", "Hezbollah", "PROPN", "NNP", "dobj", 3),
            (".", ".", "PUNCT", ".", "punct", 3),
        ]
    )
    assert triples(extraction) == {
        ("Iran", "supports", "Hezbollah"),
        ("Syria", "supports", "Hezbollah"),
    }


def test_passive_relative_clause(run: Run) -> None:
    # Hezbollah, which is funded by Iran, attacked Israel.
    extraction = run(
        [
            ("Hezbollah", "Hezbollah", "PROPN", "NNP", "nsubj", 8),
            (",", ",", "PUNCT", ",", "punct", 0),
            ("which", "which", "PRON", "WDT", "nsubjpass", 4),
            ("is", "be", "AUX", "VBZ", "auxpass", 4),
            ("funded", "fund", "VERB", "VBN", "relcl", 0),
            ("by", "by", "ADP", "IN", "agent", 4),
            ("Iran", "Iran", "PROPN", "NNP", "pobj", 5),
            (",", ",", "PUNCT", ",", "punct", 0),
            ("attacked", "attack", "VERB", "VBD", "ROOT", 8),
            ("Israel", "Israel", "PROPN", "NNP", "dobj", 8),
            (".", ".", "PUNCT", ".", "punct", 8),
        ]
    )
    assert triples(extraction) == {
        ("Iran", "supports", "Hezbollah"),
        ("Hezbollah", "opposes", "Israel"),
    }


def test_metonym_subject_is_the_government(run: Run) -> None:
    # Ankara shelled the YPG.
    extraction = run(
        [
            ("Ankara", "Ankara", "PROPN", "NNP", "nsubj", 1),
            ("shelled", "shell", "VERB", "VBD", "ROOT", 1),
            ("the", "the", "DET", "DT", "det", 3),
            ("YPG", "YPG", "PROPN", "NNP", "dobj", 1),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
    )
    assert triples(extraction) == {("Turkey", "opposes", "People's Protection Units")}


# --- modality: attribution and hedging ---------------------------------------------------------


def test_reported_speech_is_attributed(run: Run) -> None:
    # Israel said Iran arms Hezbollah.
    extraction = run(
        [
            ("Israel", "Israel", "PROPN", "NNP", "nsubj", 1),
            ("said", "say", "VERB", "VBD", "ROOT", 1),
            ("Iran", "Iran", "PROPN", "NNP", "nsubj", 3),
            ("arms", "arm", "VERB", "VBZ", "ccomp", 1),
            ("Hezbollah", "Hezbollah", "PROPN", "NNP", "dobj", 3),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
    )
    assert triples(extraction) == {("Iran", "supports", "Hezbollah")}
    relation = only(extraction, ("Iran", "supports", "Hezbollah"))
    assert relation.attribution is Attribution.ATTRIBUTED
    assert relation.attributed_to == "Israel"


def test_hedge_lowers_confidence(run: Run) -> None:
    # Iran may arm Hezbollah.  /  Iran arms Hezbollah.
    hedged = run(
        [
            ("Iran", "Iran", "PROPN", "NNP", "nsubj", 2),
            ("may", "may", "AUX", "MD", "aux", 2),
            ("arm", "arm", "VERB", "VB", "ROOT", 2),
            ("Hezbollah", "Hezbollah", "PROPN", "NNP", "dobj", 2),
            (".", ".", "PUNCT", ".", "punct", 2),
        ]
    )
    plain = run(
        [
            ("Iran", "Iran", "PROPN", "NNP", "nsubj", 1),
            ("arms", "arm", "VERB", "VBZ", "ROOT", 1),
            ("Hezbollah", "Hezbollah", "PROPN", "NNP", "dobj", 1),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
    )
    triple = ("Iran", "supports", "Hezbollah")
    sure, unsure = only(plain, triple), only(hedged, triple)
    assert 0.0 < unsure.confidence < sure.confidence <= 1.0
    assert unsure.attribution is Attribution.ASSERTED


# --- designation --------------------------------------------------------------------------------


def test_designation_passive_with_by(run: Run) -> None:
    # Hezbollah was designated a terrorist organization by the United States.
    extraction = run(
        [
            ("Hezbollah", "Hezbollah", "PROPN", "NNP", "nsubjpass", 2),
            ("was", "be", "AUX", "VBD", "auxpass", 2),
            ("designated", "designate", "VERB", "VBN", "ROOT", 2),
            ("a", "a", "DET", "DT", "det", 5),
            ("terrorist", "terrorist", "ADJ", "JJ", "amod", 5),
            ("organization", "organization", "NOUN", "NN", "oprd", 2),
            ("by", "by", "ADP", "IN", "agent", 2),
            ("the", "the", "DET", "DT", "det", 9),
            ("United", "United", "PROPN", "NNP", "compound", 9),
            ("States", "States", "PROPN", "NNP", "pobj", 6),
            (".", ".", "PUNCT", ".", "punct", 2),
        ]
    )
    assert triples(extraction) == {("Hezbollah", "designatedTerrorist", "United States")}


def test_negated_designation_gives_no_edge(run: Run) -> None:
    # The EU has not designated Hezbollah a terrorist organization.
    extraction = run(
        [
            ("The", "the", "DET", "DT", "det", 1),
            ("EU", "EU", "PROPN", "NNP", "nsubj", 4),
            ("has", "have", "AUX", "VBZ", "aux", 4),
            ("not", "not", "PART", "RB", "neg", 4),
            ("designated", "designate", "VERB", "VBN", "ROOT", 4),
            ("Hezbollah", "Hezbollah", "PROPN", "NNP", "dobj", 4),
            ("a", "a", "DET", "DT", "det", 8),
            ("terrorist", "terrorist", "ADJ", "JJ", "amod", 8),
            ("organization", "organization", "NOUN", "NN", "oprd", 4),
            (".", ".", "PUNCT", ".", "punct", 4),
        ]
    )
    assert {"European Union", "Hezbollah"} <= labels(extraction)
    assert triples(extraction) == set()


# --- structure ----------------------------------------------------------------------------------


def test_head_of_government_title(run: Run) -> None:
    # Iraqi Prime Minister Adel Abdul Mahdi resigned.
    extraction = run(
        [
            ("Iraqi", "iraqi", "ADJ", "JJ", "amod", 2),
            ("Prime", "Prime", "PROPN", "NNP", "compound", 2),
            ("Minister", "Minister", "PROPN", "NNP", "compound", 5),
            ("Adel", "Adel", "PROPN", "NNP", "compound", 5),
            ("Abdul", "Abdul", "PROPN", "NNP", "compound", 5),
            ("Mahdi", "Mahdi", "PROPN", "NNP", "nsubj", 6),
            ("resigned", "resign", "VERB", "VBD", "ROOT", 6),
            (".", ".", "PUNCT", ".", "punct", 6),
        ],
        ents=[(0, 1, "NORP"), (3, 6, "PERSON")],
    )
    assert triples(extraction) == {("Adel Abdul Mahdi", "leaderOf", "Iraq")}
    people = [a for a in extraction.actors if a.label == "Adel Abdul Mahdi"]
    assert [a.type.value for a in people] == ["Person"]


def test_appositive_unit_of(run: Run) -> None:
    # The Quds Force, a unit of the Revolutionary Guard Corps, operates abroad.
    extraction = run(
        [
            ("The", "the", "DET", "DT", "det", 2),
            ("Quds", "Quds", "PROPN", "NNP", "compound", 2),
            ("Force", "Force", "PROPN", "NNP", "nsubj", 12),
            (",", ",", "PUNCT", ",", "punct", 2),
            ("a", "a", "DET", "DT", "det", 5),
            ("unit", "unit", "NOUN", "NN", "appos", 2),
            ("of", "of", "ADP", "IN", "prep", 5),
            ("the", "the", "DET", "DT", "det", 10),
            ("Revolutionary", "Revolutionary", "PROPN", "NNP", "compound", 10),
            ("Guard", "Guard", "PROPN", "NNP", "compound", 10),
            ("Corps", "Corps", "PROPN", "NNP", "pobj", 6),
            (",", ",", "PUNCT", ",", "punct", 2),
            ("operates", "operate", "VERB", "VBZ", "ROOT", 12),
            ("abroad", "abroad", "ADV", "RB", "advmod", 12),
            (".", ".", "PUNCT", ".", "punct", 12),
        ],
        ents=[(0, 3, "ORG"), (7, 11, "ORG")],
    )
    assert triples(extraction) == {("Quds Force", "partOf", "Islamic Revolutionary Guard Corps")}


def test_appositive_commander_is_leader(run: Run) -> None:
    # Ali Hamdan, the Radwan Force commander, resigned.
    extraction = run(
        [
            ("Ali", "Ali", "PROPN", "NNP", "compound", 1),
            ("Hamdan", "Hamdan", "PROPN", "NNP", "nsubj", 8),
            (",", ",", "PUNCT", ",", "punct", 1),
            ("the", "the", "DET", "DT", "det", 6),
            ("Radwan", "Radwan", "PROPN", "NNP", "compound", 5),
            ("Force", "Force", "PROPN", "NNP", "compound", 6),
            ("commander", "commander", "NOUN", "NN", "appos", 1),
            (",", ",", "PUNCT", ",", "punct", 1),
            ("resigned", "resign", "VERB", "VBD", "ROOT", 8),
            (".", ".", "PUNCT", ".", "punct", 8),
        ],
        ents=[(0, 2, "PERSON"), (4, 6, "ORG")],
    )
    assert triples(extraction) == {("Ali Hamdan", "leaderOf", "Radwan Force")}


def test_indefinite_commander_with_is_membership(run: Run) -> None:
    # Ali Hamdan, a commander with Hezbollah, resigned.
    extraction = run(
        [
            ("Ali", "Ali", "PROPN", "NNP", "compound", 1),
            ("Hamdan", "Hamdan", "PROPN", "NNP", "nsubj", 8),
            (",", ",", "PUNCT", ",", "punct", 1),
            ("a", "a", "DET", "DT", "det", 4),
            ("commander", "commander", "NOUN", "NN", "appos", 1),
            ("with", "with", "ADP", "IN", "prep", 4),
            ("Hezbollah", "Hezbollah", "PROPN", "NNP", "pobj", 5),
            (",", ",", "PUNCT", ",", "punct", 1),
            ("resigned", "resign", "VERB", "VBD", "ROOT", 8),
            (".", ".", "PUNCT", ".", "punct", 8),
        ],
        ents=[(0, 2, "PERSON"), (6, 7, "ORG")],
    )
    assert triples(extraction) == {("Ali Hamdan", "memberOf", "Hezbollah")}


def test_who_heads(run: Run) -> None:
    # Ali Hamdan, who heads the Badr Organization, resigned.
    extraction = run(
        [
            ("Ali", "Ali", "PROPN", "NNP", "compound", 1),
            ("Hamdan", "Hamdan", "PROPN", "NNP", "nsubj", 9),
            (",", ",", "PUNCT", ",", "punct", 1),
            ("who", "who", "PRON", "WP", "nsubj", 4),
            ("heads", "head", "VERB", "VBZ", "relcl", 1),
            ("the", "the", "DET", "DT", "det", 7),
            ("Badr", "Badr", "PROPN", "NNP", "compound", 7),
            ("Organization", "Organization", "PROPN", "NNP", "dobj", 4),
            (",", ",", "PUNCT", ",", "punct", 1),
            ("resigned", "resign", "VERB", "VBD", "ROOT", 9),
            (".", ".", "PUNCT", ".", "punct", 9),
        ],
        ents=[(0, 2, "PERSON"), (5, 8, "ORG")],
    )
    assert triples(extraction) == {("Ali Hamdan", "leaderOf", "Badr Organization")}


def test_a_past_tense_taken_for_a_participle_keeps_its_subject(run: Run) -> None:
    # The Saudi-led coalition bombed Houthi positions.  ("bombed" tagged VBN, as a tagger
    # may: the noun before it is its subject, not the "X-" of "X-backed")
    found = run(
        [
            ("The", "the", "DET", "DT", "det", 4),
            ("Saudi", "Saudi", "PROPN", "NNP", "npadvmod", 3),
            ("-", "-", "PUNCT", "HYPH", "punct", 3),
            ("led", "lead", "VERB", "VBN", "amod", 4),
            ("coalition", "coalition", "NOUN", "NN", "nsubj", 5),
            ("bombed", "bomb", "VERB", "VBN", "ROOT", 5),
            ("Houthi", "Houthi", "PROPN", "NNP", "compound", 7),
            ("positions", "position", "NOUN", "NNS", "dobj", 5),
            (".", ".", "PUNCT", ".", "punct", 5),
        ],
        [(1, 2, "NORP"), (6, 7, "NORP")],
    )
    assert ("Saudi Arabia", "opposes", "Houthis") in triples(found)
