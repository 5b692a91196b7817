"""The phrase matcher finds exactly what the old token-pattern ``span_ruler`` found.

Three comparisons with the reference (``gazetteer_reference.py``, the ``span_ruler`` the
pipeline used before):

- live, on the development texts in this repository, the seed, hand-written tricky
  phrases and generated word sequences (hypothesis): the same span list, in order;
- live, with the trained model, on the development texts: the same mentions;
- against the reference's recorded output (``data/gazetteer_spans.jsonl``, written by
  ``gazetteer_reference.py``) on the 20 shared development texts and 500 unlabeled 2016
  articles, whose texts are read from ``../shared/corpus``.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from gazetteer_reference import (
    RECORD,
    UNLABELED,
    UNLABELED_COUNT,
    recorded_texts,
    reference_ruler,
    sha256,
    span_rows,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from conflictkg.extract.gazetteer import Gazetteer
from conflictkg.extract.lexicon import Lexicon
from conflictkg.extract.matcher import GazetteerMatcher
from conflictkg.extract.mentions import find_mentions
from conftest import CORPUS_TEXTS, SEEDS

TRICKY = [
    "al-Qaeda, al – Qaeda, Al Qaeda, AL QAEDA and al qaeda; al‐Qaeda in the Arabian Peninsula.",
    "The US and the U.S.-led coalition; us and u.s. are not it. The U.S. Army said.",
    "Côte d’Ivoire, Cote d'Ivoire, COTE D'IVOIRE and cote d'ivoire.",
    "the Islamic State, Islamic-State, islamic state, ISLAMIC STATE, Islamic State-backed",
    "Hizballah, Hezbollah's fighters, Iranian-backed, Iran–Israel, Tehran-Moscow, Kremlin.",
    "the Kurdistan Workers' Party (PKK) and the Kurdistan Workers’ Party; peshmerga, Peshmerga.",
    "- Iran - - Syria -- Iraq -Turkey- Saudi - Arabia, Saudi-Arabia",
    "",
]


@pytest.fixture(scope="module")
def compare(nlp: Language, gazetteer: Gazetteer) -> Callable[[Doc], None]:
    """Run both matchers on copies of a tokenised doc and assert they give the same spans."""
    reference = reference_ruler(nlp, gazetteer)
    matcher = nlp.get_pipe("actor_ruler")
    assert isinstance(matcher, GazetteerMatcher)

    def check(doc: Doc) -> None:
        ours = span_rows(matcher(doc.copy()))
        theirs = span_rows(reference(doc.copy()))  # type: ignore[operator]
        assert ours == theirs, sorted(set(ours) ^ set(theirs))

    return check


def test_same_spans_on_the_development_texts_and_the_seed(
    nlp: Language, compare: Callable[[Doc], None]
) -> None:
    paths = sorted(CORPUS_TEXTS.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    assert len(paths) >= 5
    for path in paths:
        compare(nlp.make_doc(path.read_text(encoding="utf-8")))


def test_same_spans_on_tricky_phrases(nlp: Language, compare: Callable[[Doc], None]) -> None:
    for text in TRICKY:
        compare(nlp.make_doc(text))
    doc = nlp("al – Qaeda and the U.S. met AL QAEDA, not al qaeda.")
    assert [(s.text, s.id_) for s in doc.spans["gazetteer"]] == [
        ("al – Qaeda", "al_qaeda"),
        ("U.S.", "usa"),
        ("AL QAEDA", "al_qaeda"),
    ]


def _words(gazetteer: Gazetteer) -> list[str]:
    words = {w for e in gazetteer.entries.values() for s in e.surfaces for w in s.text.split()}
    return sorted(words)[::7]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_same_spans_on_generated_word_sequences(
    data: st.DataObject, nlp: Language, gazetteer: Gazetteer, compare: Callable[[Doc], None]
) -> None:
    vocabulary = [*_words(gazetteer), "-", "–", "the", "and", "of", "al", "US", "us"]
    cases = st.sampled_from([str, str.lower, str.upper, str.title])
    word = st.tuples(st.sampled_from(vocabulary), cases).map(lambda pair: pair[1](pair[0]))
    words = data.draw(st.lists(word, max_size=12))
    joiner = data.draw(st.sampled_from([" ", "-", " - "]))
    compare(nlp.make_doc(joiner.join(words)))


def test_unsupported_patterns_are_refused(nlp: Language) -> None:
    matcher = GazetteerMatcher(nlp, "test", "test")
    for pattern in (
        [{"LOWER": "a", "POS": "NOUN"}],
        [{"LOWER": "a"}, {"LOWER": "b"}],  # no optional hyphen between the words
        [{"LOWER": "a", "IS_LOWER": True}],
        [{"ORTH": {"IN": ["-"]}, "OP": "?"}],
    ):
        with pytest.raises(ValueError):
            matcher.add_patterns([{"label": "NAME", "pattern": pattern, "id": "x"}])


@pytest.mark.model
def test_same_mentions_on_the_development_texts(
    extractor: object, gazetteer: Gazetteer, lexicon: Lexicon
) -> None:
    real: Language = extractor.nlp  # type: ignore[attr-defined]
    reference = reference_ruler(real, gazetteer)
    for path in sorted(CORPUS_TEXTS.glob("*.txt")):
        doc = real(path.read_text(encoding="utf-8"))
        ours = find_mentions(doc, gazetteer, lexicon)
        theirs = find_mentions(reference(doc.copy()), gazetteer, lexicon)  # type: ignore[operator]
        assert len(ours) > 10
        assert ours == theirs, path.name


@pytest.mark.model
def test_same_spans_as_recorded_from_the_reference(extractor: object) -> None:
    """The 20 shared development texts and 500 unlabeled articles, tokenised by the trained
    pipeline as when they were recorded."""
    if not UNLABELED.is_file():
        pytest.skip(f"{UNLABELED} is not available")
    nlp: Language = extractor.nlp  # type: ignore[attr-defined]
    records = [json.loads(line) for line in RECORD.read_text(encoding="utf-8").splitlines()]
    texts = dict(recorded_texts())
    assert len(records) == len(texts) >= UNLABELED_COUNT + 20
    assert sum(len(r["spans"]) for r in records) > 5000
    matcher = nlp.get_pipe("actor_ruler")
    for record in records:
        text = texts[record["source"]]
        assert sha256(text) == record["sha256"], record["source"]
        ours = span_rows(matcher(nlp.make_doc(text)))
        assert ours == [tuple(row) for row in record["spans"]], record["source"]
