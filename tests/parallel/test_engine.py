"""extract_stream: one outcome per document, in input order, whatever the number of workers
or the order in which they finish; a crashing document, or a dying worker, fails that
document alone; an extractor that cannot be loaded stops the stream with its error."""

from __future__ import annotations

import os
import random
import time
from dataclasses import replace

import pytest

from conflictkg.errors import ExtractionError
from conflictkg.ingest.reader import InputFailure
from conflictkg.model import Actor, ActorType, Document, Extraction
from conflictkg.parallel.batches import BATCH_WORDS, make_batches
from conflictkg.parallel.engine import extract_stream
from conflictkg.parallel.ordered import EngineStats


class Shuffling:
    """A model-free extractor that takes a random while, so workers finish out of order.

    ``crash`` raises on one document, ``die`` kills the worker process on another.
    """

    def __init__(self, crash: str = "", die: str = "") -> None:
        self.crash = crash
        self.die = die

    def extract(self, document: Document) -> Extraction:
        time.sleep(random.Random(document.identifier).random() / 50)
        if document.identifier == self.crash:
            raise IndexError("list index out of range")
        if document.identifier == self.die:
            os._exit(3)  # a crash in native code, as the worker sees it
        actor = Actor(document.identifier, document.text.split()[0], ActorType.PERSON)
        return Extraction(document, (actor,), notes=(f"pid {os.getpid()}",))


def _documents(count: int) -> list[Document]:
    return [
        Document(f"doc{index:03d}.txt", f"Name{index} " + "word " * (index % 7), f"in/{index}")
        for index in range(count)
    ]


def _summary(outcomes: list[Extraction | InputFailure]) -> list[tuple[str, str]]:
    return [
        (o.source, o.reason)
        if isinstance(o, InputFailure)
        else (o.document.identifier, o.actors[0].label)
        for o in outcomes
    ]


def _run(extractor: Shuffling, documents: list[Document], workers: int) -> list:  # type: ignore[type-arg]
    return list(extract_stream(documents, load_extractor=lambda: extractor, workers=workers))


def test_batches_keep_the_order_and_cover_every_document() -> None:
    documents = _documents(50)
    for workers in (1, 2, 8):
        batches = make_batches(documents, workers)
        assert [d for batch in batches for d in batch] == documents
        assert len(batches) >= min(len(documents), workers * 2)
    big = [Document(f"{i}", "word " * 5000) for i in range(40)]
    assert all(sum(len(d.text.split()) for d in b) <= BATCH_WORDS for b in make_batches(big, 2))


@pytest.mark.parametrize("workers", [2, 3])
def test_outcomes_come_in_input_order_whatever_the_workers(workers: int) -> None:
    documents = _documents(40)
    extractor = Shuffling(crash="doc007.txt")
    one = _run(extractor, documents, 1)
    many = _run(extractor, documents, workers)
    assert _summary(many) == _summary(one)
    assert [o.document for o in many if isinstance(o, Extraction)] == [
        d for d in documents if d.identifier != "doc007.txt"
    ]
    assert _summary(one)[7] == (
        "in/7",
        "extraction failed (IndexError: list index out of range); skipped",
    )
    pids = {o.notes[0] for o in many if isinstance(o, Extraction)}
    assert len(pids) == workers and f"pid {os.getpid()}" not in pids


class Batching(Shuffling):
    """Extracts a batch at once (as the trained extractor's ``extract_many`` does), marking
    each extraction; the crash document breaks the whole batch call."""

    def extract_many(self, documents: list[Document]) -> list[Extraction]:
        if any(d.identifier == self.crash for d in documents):
            raise IndexError("list index out of range")
        return [replace(self.extract(d), notes=("many",)) for d in documents]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_batch_is_read_at_once_and_one_by_one_only_when_it_fails(workers: int) -> None:
    documents = _documents(40)
    outcomes = _run(Batching(crash="doc007.txt"), documents, workers)
    assert _summary(outcomes) == _summary(_run(Shuffling(crash="doc007.txt"), documents, 1))
    batch = next(b for b in make_batches(documents, workers) if documents[7] in b)
    one_by_one = {d.identifier for d in batch}
    for outcome in outcomes:
        if isinstance(outcome, Extraction):
            read_at_once = outcome.notes == ("many",)
            assert read_at_once is (outcome.document.identifier not in one_by_one)


def test_a_document_that_kills_its_worker_fails_alone() -> None:
    documents = _documents(24)
    stats = EngineStats()
    outcomes = list(
        extract_stream(
            documents, load_extractor=lambda: Shuffling(die="doc010.txt"), workers=2, stats=stats
        )
    )
    summary = _summary(outcomes)
    assert len(summary) == 24
    assert summary[10][0] == "in/10"
    assert summary[10][1].startswith("the worker extracting it died (BrokenProcessPool")
    expected = _summary(_run(Shuffling(), documents, 1))
    assert summary[:10] + summary[11:] == expected[:10] + expected[11:]
    assert stats.retried >= 1


def _broken_loader() -> Shuffling:
    raise ExtractionError("spaCy pipeline 'x' is not installed")


@pytest.mark.parametrize("workers", [1, 2])
def test_an_extractor_that_cannot_be_loaded_stops_the_stream(workers: int) -> None:
    with pytest.raises(ExtractionError, match="not installed"):
        list(extract_stream(_documents(8), load_extractor=_broken_loader, workers=workers))


def test_no_documents_loads_nothing() -> None:
    assert list(extract_stream([], load_extractor=_broken_loader, workers=2)) == []


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        extract_stream([], load_extractor=Shuffling, engine="spark")
    with pytest.raises(ValueError, match="at least 1"):
        extract_stream([], load_extractor=Shuffling, workers=0)


def test_a_batch_leaves_the_vocabulary_as_it_found_it(
    nlp: object, gazetteer: object, lexicon: object
) -> None:
    """New words of a batch are freed with its memory zone: a worker stays flat."""
    from conflictkg.extract.extractor import Extractor
    from conflictkg.parallel.batches import extract_batch

    extractor = Extractor(nlp, gazetteer, lexicon)  # type: ignore[arg-type]
    vocab = extractor.nlp.vocab
    before = len(vocab.strings)
    words = " ".join(f"Zorglub{index}xq" for index in range(300))
    batch = [Document(f"d{i}", f"Iran backs Hezbollah. {words} number {i}.") for i in range(3)]
    result = extract_batch(extractor, batch)
    assert all(isinstance(o, Extraction) for o in result.outcomes)
    assert len(vocab.strings) == before
    assert "Zorglub7xq" not in vocab  # its lexeme is gone too
    outside = [extractor.extract(document) for document in batch]
    assert [o.actors for o in result.outcomes] == [o.actors for o in outside]  # type: ignore[union-attr]
    assert len(vocab.strings) > before + 300 and "Zorglub7xq" in vocab  # outside, they stay
