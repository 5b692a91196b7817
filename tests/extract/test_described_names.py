"""A name the common nouns right before it describe as a medium, a company or a charity is no
actor, whatever the recogniser calls it (issue 8, point 4: non-actors kept out). Sentences
written for these tests, parsed by hand so that no trained model is needed."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from spacy.language import Language

from conflictkg.extract.gazetteer import Gazetteer
from conflictkg.extract.lexicon import Lexicon
from conflictkg.extract.mentions import find_mentions
from parses import Entity, Token, make_doc


def _names(
    nlp: Language,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    tokens: Sequence[Token],
    ents: Sequence[Entity],
) -> list[str]:
    return [m.text for m in find_mentions(make_doc(nlp, tokens, ents), gazetteer, lexicon)]


def _reported(described: Sequence[str]) -> list[Token]:
    """'The <described> Al Karim reported the attack.', the given nouns before the name."""
    n = len(described)
    tokens: list[Token] = [("The", "the", "DET", "DT", "det", n + 2)]
    tokens += [(text, text.lower(), "NOUN", "NN", "compound", n + 2) for text in described]
    tokens += [
        ("Al", "Al", "PROPN", "NNP", "compound", n + 2),
        ("Karim", "Karim", "PROPN", "NNP", "nsubj", n + 3),
        ("reported", "report", "VERB", "VBD", "ROOT", n + 3),
        ("the", "the", "DET", "DT", "det", n + 5),
        ("attack", "attack", "NOUN", "NN", "dobj", n + 3),
        (".", ".", "PUNCT", ".", "punct", n + 3),
    ]
    return tokens


@pytest.mark.parametrize(
    "described",
    [
        pytest.param(["TV", "station"], id="tv-station"),
        pytest.param(["newspaper"], id="newspaper"),
        pytest.param(["security", "company"], id="company"),
    ],
)
def test_a_name_described_as_a_medium_or_company_is_no_actor(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon, described: list[str]
) -> None:
    start = len(described) + 1
    for label in ("PERSON", "ORG"):
        assert (
            _names(nlp, gazetteer, lexicon, _reported(described), [(start, start + 2, label)]) == []
        )


def test_a_person_s_title_is_no_description_of_a_medium(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    # "The press leader Al Karim reported the attack.": "leader" says who he is
    tokens = _reported(["press", "leader"])
    assert _names(nlp, gazetteer, lexicon, tokens, [(3, 5, "PERSON")]) == ["Al Karim"]


def test_an_undescribed_name_is_still_a_mention(
    nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    assert _names(nlp, gazetteer, lexicon, _reported([]), [(1, 3, "PERSON")]) == ["Al Karim"]
