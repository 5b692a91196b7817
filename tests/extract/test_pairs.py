"""Candidate pairs and their features (the learned scorer's input) on hand-built parses."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from spacy.language import Language

from conflictkg.extract.extractor import extract_parsed
from conflictkg.extract.gazetteer import Gazetteer
from conflictkg.extract.lexicon import Lexicon
from conflictkg.extract.pairs import CandidateSet, PairCandidate, pair_candidates
from conflictkg.extract.paths import dependency_path
from conflictkg.model import Document, Predicate
from parses import Token, make_doc

Read = Callable[[Sequence[Token]], CandidateSet]

IRAN_BACKS_HEZBOLLAH: list[Token] = [
    ("Iran", "Iran", "PROPN", "NNP", "nsubj", 1),
    ("backs", "back", "VERB", "VBZ", "ROOT", 1),
    ("Hezbollah", "Hezbollah", "PROPN", "NNP", "dobj", 1),
    (".", ".", "PUNCT", ".", "punct", 1),
]
RUSSIA_DID_NOT_ARM_THE_TALIBAN: list[Token] = [
    ("Russia", "Russia", "PROPN", "NNP", "nsubj", 3),
    ("did", "do", "AUX", "VBD", "aux", 3),
    ("not", "not", "PART", "RB", "neg", 3),
    ("arm", "arm", "VERB", "VB", "ROOT", 3),
    ("the", "the", "DET", "DT", "det", 5),
    ("Taliban", "Taliban", "PROPN", "NNP", "dobj", 3),
    (".", ".", "PUNCT", ".", "punct", 3),
]
# Israel said it struck Hezbollah positions in Lebanon.
ISRAEL_SAID_IT_STRUCK: list[Token] = [
    ("Israel", "Israel", "PROPN", "NNP", "nsubj", 1),
    ("said", "say", "VERB", "VBD", "ROOT", 1),
    ("it", "it", "PRON", "PRP", "nsubj", 3),
    ("struck", "strike", "VERB", "VBD", "ccomp", 1),
    ("Hezbollah", "Hezbollah", "PROPN", "NNP", "compound", 5),
    ("positions", "position", "NOUN", "NNS", "dobj", 3),
    ("in", "in", "ADP", "IN", "prep", 5),
    ("Lebanon", "Lebanon", "PROPN", "NNP", "pobj", 6),
    (".", ".", "PUNCT", ".", "punct", 1),
]


@pytest.fixture(scope="module")
def read(nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon) -> Read:
    def candidates(tokens: Sequence[Token]) -> CandidateSet:
        doc = make_doc(nlp, tokens)
        document = Document("pairs", doc.text)
        extraction = extract_parsed(document, doc, gazetteer, lexicon)
        return pair_candidates(document, doc, extraction, gazetteer, lexicon)

    return candidates


def pair(candidates: CandidateSet, subject: str, obj: str) -> PairCandidate:
    found = [p for p in candidates.pairs if (p.subject, p.object) == (subject, obj)]
    assert len(found) == 1, [(p.subject, p.object) for p in candidates.pairs]
    return found[0]


def names(candidate: PairCandidate) -> set[str]:
    return {name for name, _ in candidate.features}


def test_both_orders_of_a_pair_with_the_rules_reading(read: Read) -> None:
    candidates = read(IRAN_BACKS_HEZBOLLAH)
    assert {(p.subject, p.object) for p in candidates.pairs} == {
        ("irn", "hezbollah"),
        ("hezbollah", "irn"),
    }
    forward = pair(candidates, "irn", "hezbollah")
    assert [r.predicate for r in forward.rules] == [Predicate.SUPPORTS]
    assert forward.rules == candidates.extraction.relations
    assert forward.evidence.text == "Iran backs Hezbollah."
    assert {
        "deps=nsubj^ dobj_",
        "path=nsubj^ back dobj_",
        "cue_path=supports",
        "cue_path=supports:lca",
        "lca=back",
        "order=subject_first",
        "types=Government>ArmedGroup",
        "subject_kind=name",
        "object_dep=dobj",
    } <= names(forward)
    assert "neg_path" not in names(forward)

    backward = pair(candidates, "hezbollah", "irn")
    assert backward.rules == ()
    assert {"rule_reverse=supports", "order=object_first", "deps=dobj^ nsubj_"} <= names(backward)


def test_features_are_sorted_names_with_values(read: Read) -> None:
    features = pair(read(IRAN_BACKS_HEZBOLLAH), "irn", "hezbollah").features
    assert list(features) == sorted(features)
    assert all(isinstance(v, float) for _, v in features)


def test_negation_on_the_path_is_a_feature_and_no_rule_fires(read: Read) -> None:
    candidates = read(RUSSIA_DID_NOT_ARM_THE_TALIBAN)
    forward = pair(candidates, "rus", "taliban")
    assert forward.rules == ()
    assert {"neg_path", "cue_path=supports", "lca=arm"} <= names(forward)


def test_a_pronoun_names_its_antecedent_and_reporting_is_read_above(read: Read) -> None:
    candidates = read(ISRAEL_SAID_IT_STRUCK)
    keys = {(p.subject, p.object) for p in candidates.pairs}
    assert ("isr", "hezbollah") in keys and ("hezbollah", "lbn") in keys
    struck = pair(candidates, "isr", "hezbollah")
    # the closest reading of Israel is "it", the subject of "struck"
    assert {"subject_kind=anaphor", "subject_dep=nsubj", "cue_path=attacks"} <= names(struck)
    assert "above=report" in names(struck)


def test_candidates_keep_the_rules_extraction_unchanged(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    doc = make_doc(nlp, IRAN_BACKS_HEZBOLLAH)
    document = Document("pairs", doc.text)
    extraction = extract_parsed(document, doc, gazetteer, lexicon)
    candidates = pair_candidates(document, doc, extraction, gazetteer, lexicon)
    assert candidates.extraction is extraction
    assert {a.key for a in extraction.actors} <= {a.key for a in candidates.actors}


def test_dependency_path_runs_up_to_the_common_ancestor_and_down(nlp: Language) -> None:
    doc = make_doc(nlp, ISRAEL_SAID_IT_STRUCK)
    found = dependency_path(doc[0], doc[4])  # Israel ... Hezbollah
    assert found is not None
    up, down = found
    assert [t.text for t in up] == ["Israel", "said"]
    assert [t.text for t in down] == ["struck", "positions", "Hezbollah"]
    assert dependency_path(doc[1], doc[1]) == ([doc[1]], [])
