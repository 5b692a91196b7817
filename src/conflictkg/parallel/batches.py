"""Batches of documents, and extracting one batch where a worker runs.

A batch travels to a worker without anything the worker does not need back: results come
back without the document text (:func:`light`), and the parent puts its own
:class:`~conflictkg.model.Document` back in (:func:`restore`).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from ..errors import ConflictKGError
from ..ingest.reader import InputFailure
from ..model import Document, Extraction

Outcome = Extraction | InputFailure
BATCH_WORDS = 20_000  # words per batch when the corpus is large (about 30 news articles)
BATCHES_PER_WORKER = 4  # at least this many batches per worker when it is small


class DocumentExtractor(Protocol):
    """What a worker needs: :class:`~conflictkg.extract.extractor.Extractor` or a stand-in."""

    def extract(self, document: Document) -> Extraction: ...


ExtractorLoader = Callable[[], DocumentExtractor]


@dataclass(frozen=True)
class BatchResult:
    """One batch's outcomes, in the batch's order, and the worker time it took."""

    outcomes: tuple[Outcome, ...]
    seconds: float


def count_words(text: str) -> int:
    """Words as whitespace-separated runs: the unit of words per second."""
    return len(text.split())


def make_batches(documents: Sequence[Document], workers: int) -> list[list[Document]]:
    """Consecutive documents in batches of about :data:`BATCH_WORDS` words, smaller when
    there are few documents, so that every worker gets several batches."""
    total = sum(count_words(d.text) for d in documents)
    target = max(1, min(BATCH_WORDS, total // max(1, workers * BATCHES_PER_WORKER)))
    batches: list[list[Document]] = []
    current: list[Document] = []
    words = 0
    for document in documents:
        current.append(document)
        words += count_words(document.text)
        if words >= target:
            batches.append(current)
            current, words = [], 0
    if current:
        batches.append(current)
    return batches


def failure(document: Document, reason: str) -> InputFailure:
    source = document.source_path or document.identifier
    return InputFailure(source, " ".join(reason.split()))


def extract_one(extractor: DocumentExtractor, document: Document) -> Outcome:
    """The extraction of one document, or a failure naming it: never an exception."""
    try:
        return extractor.extract(document)
    except ConflictKGError as exc:
        return failure(document, f"{exc}; skipped")
    except Exception as exc:  # one broken document must not stop a corpus
        return failure(document, f"extraction failed ({type(exc).__name__}: {exc}); skipped")


def light(outcome: Outcome) -> Outcome:
    """The outcome without the document's text (the parent has it)."""
    if isinstance(outcome, Extraction):
        return replace(outcome, document=replace(outcome.document, text="", boilerplate=()))
    return outcome


def restore(outcomes: Sequence[Outcome], batch: Sequence[Document]) -> Iterator[Outcome]:
    """The outcomes of ``batch`` with the parent's documents put back in."""
    for outcome, document in zip(outcomes, batch, strict=True):
        yield replace(outcome, document=document) if isinstance(outcome, Extraction) else outcome


def extract_batch(extractor: DocumentExtractor, batch: Sequence[Document]) -> BatchResult:
    """Extract every document of ``batch`` in order (see :func:`extract_one`).

    With a spaCy pipeline (``extractor.nlp``), the batch runs in the pipeline's memory
    zone: the strings and lexemes its new words add to the vocabulary are freed at the
    end, so a worker's memory does not grow with the corpus. Nothing spaCy made leaves the
    zone: extractions hold plain strings and numbers.
    """
    start = time.perf_counter()
    nlp: Any = getattr(extractor, "nlp", None)
    zone = nlp.memory_zone() if hasattr(nlp, "memory_zone") else contextlib.nullcontext()
    with zone:
        outcomes = tuple(light(outcome) for outcome in _extract_all(extractor, batch))
    return BatchResult(outcomes, time.perf_counter() - start)


def _extract_all(extractor: DocumentExtractor, batch: Sequence[Document]) -> list[Outcome]:
    """The batch through ``extractor.extract_many`` when it has one (the model parses
    several documents at once); if that fails, one document at a time, so that only the
    documents that fail become failures."""
    many = getattr(extractor, "extract_many", None)
    if many is not None:
        try:
            found = list(many(batch))
        except Exception:  # one broken document: find it below
            found = []
        if len(found) == len(batch):
            return found
    return [extract_one(extractor, document) for document in batch]


# --------------------------------------------------------------- the worker process's side

_LOADED: DocumentExtractor | None = None
LOADS = 0  # how many times this process loaded an extractor (once per worker)
_LOAD_ERROR: ConflictKGError | None = None
_LOCK = threading.Lock()
_WATCH_SECONDS = 1.0


def start_worker(load: ExtractorLoader, parent: int | None = None) -> None:
    """Load the extractor once for this worker process; with ``parent``, exit when that
    process is gone (a killed build leaves no worker running)."""
    global _LOADED, _LOAD_ERROR, LOADS
    try:
        LOADS += 1
        _LOADED = load()
    except ConflictKGError as exc:  # raised again by run_batch, so the parent sees it
        _LOAD_ERROR = exc
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def run_batch(batch: Sequence[Document]) -> BatchResult:
    """Extract ``batch`` with the extractor :func:`start_worker` loaded."""
    if _LOAD_ERROR is not None:
        raise _LOAD_ERROR
    if _LOADED is None:
        raise RuntimeError("start_worker was not called in this process")
    return extract_batch(_LOADED, batch)


def loads() -> int:
    """How many times this process loaded an extractor."""
    return LOADS


def run_batch_loading(batch: Sequence[Document], load: ExtractorLoader) -> BatchResult:
    """Extract ``batch``, loading the extractor on this worker's first batch only (for
    workers that run tasks in threads, one batch at a time)."""
    global _LOADED, LOADS
    with _LOCK:
        if _LOADED is None:
            LOADS += 1
            _LOADED = load()
        return extract_batch(_LOADED, batch)
