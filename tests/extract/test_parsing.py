"""Texts parsed in shared, bounded batches (``extract/parsing.py``); ``extract_many`` gives
what ``extract`` gives, document by document. Model-free where it can be."""

from __future__ import annotations

from dataclasses import replace

import pytest
from spacy.language import Language

from conflictkg.extract.extractor import Extractor
from conflictkg.extract.parsing import parse_batches, parse_texts
from conflictkg.model import Document


def test_batches_hold_at_most_the_limit_and_keep_the_order() -> None:
    pieces = ["a" * 4, "b" * 4, "c" * 9, "d" * 12, "e" * 1]
    assert list(parse_batches(pieces, 10)) == [["a" * 4, "b" * 4], ["c" * 9], ["d" * 12], ["e"]]


def test_each_text_comes_back_whole_with_its_offsets(nlp: Language) -> None:
    texts = [["Iran backs Hezbollah.\n", "Israel fought it.\n"], [], ["Turkey shelled the YPG."]]
    docs = parse_texts(nlp, texts)
    assert [doc.text for doc in docs] == ["".join(pieces) for pieces in texts]
    israel = next(token for token in docs[0] if token.text == "Israel")
    assert israel.idx == len(texts[0][0])


@pytest.mark.model
def test_many_documents_at_once_read_as_one_at_a_time(extractor: Extractor) -> None:
    plain = Extractor(
        extractor.nlp, extractor.gazetteer, extractor.lexicon, places=extractor.places
    )
    small = replace(plain, max_chunk=120)  # the third document is read in chunks
    documents = [
        Document("a", "Iran arms the Houthis.\nSaudi Arabia bombed them on Monday."),
        Document("b", "Turkey shelled the YPG.\n\nThe United States backs the YPG."),
        Document("c", "Russia backs Assad.\n" * 4 + "Hezbollah fights Islamic State.\n" * 3),
        Document("d", "Nothing happened."),
    ]
    assert small.extract_many(documents) == [small.extract(d) for d in documents]
    assert small.extract_many(documents)[2].relations
