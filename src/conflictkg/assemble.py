"""Assembling a streamed build: the documents in, the extraction stream, progress, stage
times, and the document batches.

Once every actor is known, the documents come back from the spool in batches of
``VALIDATION_BATCH``: each batch is mapped to RDF, validated with the actors it names, and
turned into sorted Turtle blocks, on the build's worker processes. The export is the merge
of those blocks and the actor layer's (:class:`~conflictkg.rdf.spool.ExtractionSpool`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph

from .check.validate import ValidationReport, Violation, validate_graph
from .extract.extractor import Extractor
from .files import DEFAULT_MAX_DOCUMENT_BYTES
from .ingest.reader import InputFailure, read_documents
from .model import Actor, Document, Extraction
from .parallel.batches import DocumentExtractor, count_words
from .parallel.engine import extract_stream
from .parallel.ordered import EngineStats
from .parallel.pool import map_in_processes
from .rdf.iri import document_iri
from .rdf.layers import Triple, actor_graph, admitted, document_graph
from .rdf.mapping import new_graph, speakers
from .rdf.serialize import turtle_blocks
from .rdf.spool import write_run

VALIDATION_BATCH = 256  # documents mapped, validated and turned into Turtle blocks at once


@dataclass(frozen=True)
class Progress:
    """How far the extraction of a build has come (reported after every document)."""

    documents: int  # documents done (extracted or failed)
    total: int  # documents to extract
    words: int  # words of the documents done
    total_words: int
    seconds: float  # since extraction started


class Given:
    """A loader that returns an extractor already made (picklable if the extractor is)."""

    def __init__(self, extractor: DocumentExtractor) -> None:
        self.extractor = extractor

    def __call__(self) -> DocumentExtractor:
        return self.extractor


class Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._last
        self._last = now


def reporting(
    outcomes: Iterator[Extraction | InputFailure],
    documents: Sequence[Document],
    progress: Callable[[Progress], None] | None,
) -> Iterator[Extraction | InputFailure]:
    """``outcomes`` as they are, calling ``progress`` before the first and after each."""
    if progress is None:
        yield from outcomes
        return
    sizes = [count_words(d.text) for d in documents]
    total_words = sum(sizes)
    start = time.perf_counter()
    progress(Progress(0, len(documents), 0, total_words, 0.0))
    words = 0
    for index, outcome in enumerate(outcomes):
        yield outcome
        words += sizes[index]
        done = Progress(index + 1, len(documents), words, total_words, time.perf_counter() - start)
        progress(done)


def validate_batches(
    batches: Iterator[tuple[list[Extraction], Path]],
    actors: dict[str, Actor],
    shapes: Graph,
    ontology: Graph,
    kept: Graph | None,
    workers: int,
) -> ValidationReport:
    """SHACL on the actors, then on each of ``batches`` with the actors it names (on
    ``workers`` processes); each batch's document layer goes to its spool run as sorted
    Turtle blocks (and to ``kept``, in this process).

    The bundled shapes look at a node and its neighbours only, so the union of these checks
    is the check of the whole graph, at a cost linear in the corpus.
    """
    descriptions = actor_graph(actors[key] for key in sorted(actors))
    report = validate_graph(descriptions, shapes, ontology)
    conforms = report.conforms
    found: set[Violation] = set(report.violations)
    if kept is not None:  # the graphs come back: one process
        _set_batch_context(actors, shapes, ontology)
        reports = []
        for batch, run in batches:
            batch_report, documents = _check_batch(batch, run)
            kept += documents
            reports.append(batch_report)
    else:
        reports = list(
            map_in_processes(
                _check_batch_job,
                batches,
                workers=workers,
                initializer=_set_batch_context,
                initargs=(actors, shapes, ontology),
            )
        )
    for batch_report in reports:
        conforms = conforms and batch_report.conforms
        found.update(batch_report.violations)
    violations = sorted(
        found, key=lambda v: (v.focus, v.shape, v.path or "", v.value or "", v.message)
    )
    return ValidationReport(conforms=conforms, violations=tuple(violations))


def in_batches(
    extractions: Iterable[Extraction], new_run: Callable[[], Path]
) -> Iterator[tuple[list[Extraction], Path]]:
    """``extractions`` in batches of ``VALIDATION_BATCH``, each with a spool run to fill."""
    stream = iter(extractions)
    while batch := list(islice(stream, VALIDATION_BATCH)):
        yield batch, new_run()


_BATCH_CONTEXT: tuple[dict[str, Actor], Graph, Graph] | None = None


def _set_batch_context(actors: dict[str, Actor], shapes: Graph, ontology: Graph) -> None:
    global _BATCH_CONTEXT
    _BATCH_CONTEXT = (actors, shapes, ontology)


def _check_batch(batch: list[Extraction], run: Path) -> tuple[ValidationReport, Graph]:
    """Map a batch of documents, validate it with the actors it names, write its blocks."""
    assert _BATCH_CONTEXT is not None
    actors, shapes, ontology = _BATCH_CONTEXT
    documents = new_graph()
    triples: set[Triple] = set()
    sources: set[str] = set()  # the actors statements are attributed to
    for extraction in batch:
        documents += document_graph(extraction, actors)
        edges = [r for r in extraction.relations if admitted(r, actors)]
        triples.update((r.subject, r.predicate, r.object) for r in edges)
        sources.update(speakers(extraction, actors).values())
    named = sorted({key for s, _, o in triples for key in (s, o)} | sources)
    checked = actor_graph((actors[key] for key in named), sorted(triples))
    checked += documents
    report = validate_graph(checked, shapes, ontology)
    write_run(run, turtle_blocks(documents))
    return report, documents


def _check_batch_job(job: tuple[list[Extraction], Path]) -> ValidationReport:
    return _check_batch(*job)[0]


def unique_documents(documents: Iterable[Document], duplicates: list[str]) -> list[Document]:
    """``documents`` without repeats of one article (same document IRI: the same text, or
    the same URL); each repeat is noted in ``duplicates`` with the one kept."""
    kept: dict[str, Document] = {}
    for document in documents:
        first = kept.setdefault(str(document_iri(document)), document)
        if first is not document:
            source = document.source_path or document.identifier
            duplicates.append(f"{source}: the same article as {first.identifier}; skipped")
    return list(kept.values())


def extraction_stream(
    documents: Sequence[Document],
    failures: list[InputFailure],
    extractor: DocumentExtractor | None = None,
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    stats: EngineStats | None = None,
) -> Iterator[Extraction]:
    """One :class:`Extraction` per document, in the order of ``documents``, extracted by
    ``workers`` processes (or on the Dask cluster at ``scheduler``).

    A document on which extraction fails, for whatever reason, is appended to ``failures``
    and the others are still extracted. The extractor (and so the spaCy pipeline) is
    loaded only if there is a document.
    """
    if not documents:
        return
    load = Extractor.default if extractor is None else Given(extractor)
    outcomes = extract_stream(
        documents,
        load_extractor=load,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        stats=stats if stats is not None else EngineStats(),
    )
    for outcome in outcomes:
        if isinstance(outcome, InputFailure):
            failures.append(outcome)
        else:
            yield outcome


def extract_documents(
    paths: Sequence[str | Path],
    extractor: DocumentExtractor | None = None,
    stdin: BinaryIO | None = None,
    *,
    workers: int = 1,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
) -> tuple[list[Extraction], list[InputFailure]]:
    """Read and extract every document; per-document problems become failures."""
    ingested = read_documents(paths, stdin=stdin, max_document_bytes=max_document_bytes)
    failures = list(ingested.failures)
    documents = unique_documents(ingested.documents, [])
    extractions = list(extraction_stream(documents, failures, extractor, workers=workers))
    return extractions, failures
