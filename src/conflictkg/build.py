"""The whole pipeline as one library call: article files in, a validated Turtle file out.

    ingest → extract (worker processes or a Dask cluster, results in input order)
           → map each document to RDF as it comes → validate (SHACL per batch of
           documents and on the actors; HermiT on the actor layer) → export

The ontology and the shapes are checked before any document is read: a broken one stops
the run at once. Bad documents never stop the run: each becomes a one-line failure and the
others are built. A graph that does not conform is never written; the previous export
stays intact.

Memory grows little with the corpus: extractions go to a temporary spool as they arrive
and only the input texts and the actor layer (:class:`~conflictkg.rdf.layers.ActorLayer`)
stay in memory; once every actor is known, the documents are mapped, validated and turned
into sorted Turtle blocks batch by batch, and the export is the merge of those blocks
(:class:`~conflictkg.rdf.spool.ExtractionSpool`): byte for byte the canonical Turtle of
the whole graph, whatever the number of workers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from rdflib import RDF, Graph

from .check.validate import (
    ConsistencyReport,
    ValidationReport,
    Violation,
    check_consistency,
    check_ontology_file,
    check_shapes_file,
    validate_graph,
)
from .errors import ValidationError
from .extract.extractor import Extractor
from .ingest.reader import InputFailure, read_documents
from .model import Actor, Document, Extraction
from .parallel.batches import DocumentExtractor, count_words
from .parallel.engine import extract_stream
from .parallel.ordered import EngineStats
from .parallel.pool import map_in_processes
from .rdf.layers import ActorLayer, Triple, actor_graph, admitted, document_graph
from .rdf.mapping import new_graph
from .rdf.serialize import turtle_blocks, turtle_text, write_bytes_atomic
from .rdf.spool import ExtractionSpool, chunked_bytes, write_run
from .rdf.vocab import CK

GRAPH_FILE = "conflictkg.ttl"
_ACTOR_CLASSES = (
    ("Government", CK.Government),
    ("ArmedGroup", CK.ArmedGroup),
    ("Person", CK.Person),
)
_RELATIONS = (
    ("supports", CK.supports),
    ("opposes", CK.opposes),
    ("designatedTerrorist", CK.designatedTerrorist),
    ("leaderOf", CK.leaderOf),
    ("memberOf", CK.memberOf),
    ("partOf", CK.partOf),
)


@dataclass(frozen=True)
class Summary:
    """Counts of what a graph holds."""

    documents: int
    actors: dict[str, int]
    relations: dict[str, int]

    @classmethod
    def of(cls, graph: Graph, documents: int) -> Summary:
        actors = {name: len(set(graph.subjects(RDF.type, iri))) for name, iri in _ACTOR_CLASSES}
        relations = {name: len(set(graph.subject_objects(iri))) for name, iri in _RELATIONS}
        return cls(documents, actors, relations)

    def lines(self) -> list[str]:
        actors = ", ".join(f"{n} {c}" for n, c in self.actors.items())
        relations = ", ".join(f"{n} {c}" for n, c in self.relations.items())
        return [
            f"documents: {self.documents}",
            f"actors: {sum(self.actors.values())} ({actors})",
            f"relations: {sum(self.relations.values())} ({relations})",
        ]


@dataclass(frozen=True)
class Progress:
    """How far the extraction of a build has come (reported after every document)."""

    documents: int  # documents done (extracted or failed)
    total: int  # documents to extract
    words: int  # words of the documents done
    total_words: int
    seconds: float  # since extraction started


@dataclass(frozen=True)
class BuildResult:
    """What a build did: where the graph went, what it holds, what failed.

    ``extractions`` and ``graph`` are kept only when the build was asked to keep them
    (``keep_graph``); ``stages`` gives the wall time of each stage in seconds.
    """

    output: Path | None
    extractions: tuple[Extraction, ...]
    failures: tuple[InputFailure, ...]
    summary: Summary
    validation: ValidationReport
    consistency: ConsistencyReport | None = None
    graph: Graph = field(default_factory=Graph, repr=False, compare=False)
    stages: dict[str, float] = field(default_factory=dict, compare=False)
    engine: EngineStats = field(default_factory=EngineStats, compare=False)
    words: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures and self.validation.conforms


VALIDATION_BATCH = 256  # documents mapped, validated and turned into Turtle blocks at once


def build_graph(
    paths: Sequence[str | Path],
    output_dir: Path | None,
    *,
    extractor: DocumentExtractor | None = None,
    check_owl: bool = True,
    stdin: BinaryIO | None = None,
    progress: Callable[[Progress], None] | None = None,
    ontology: Path | None = None,
    shapes: Path | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    keep_graph: bool = True,
) -> BuildResult:
    """Build, validate and (when ``output_dir`` is given) export the graph of ``paths``.

    ``ontology`` and ``shapes`` are the OWL ontology and SHACL shapes files (default: the
    bundled ones). They are checked before any document is read
    (:func:`~conflictkg.validate.check_ontology_file`, with HermiT unless ``check_owl`` is
    false, and :func:`~conflictkg.validate.check_shapes_file`). The graph goes to
    ``output_dir/conflictkg.ttl``, written atomically, only if it conforms and some
    document was built.

    Documents are extracted by ``workers`` processes (``engine="local"``) or on the Dask
    cluster at ``scheduler`` (``engine="dask"``), each loading ``extractor`` (default: the
    trained pipeline) once; the result is the same for any number of workers.
    ``progress`` is called after each document. With ``keep_graph`` the result holds every
    extraction and the whole graph; without it memory stays flat however large the corpus.

    Raises:
        ResourceError: the ontology or shapes file is broken (before any document is read).
        ExtractionError: the pipeline cannot be loaded, or the Dask cluster reached.
        ValidationError: the graph does not conform; nothing is written.
        ExportError: the file cannot be written; the previous export is intact.
    """
    clock = _Clock()
    ontology_graph = check_ontology_file(ontology, reason=check_owl)
    shapes_graph = check_shapes_file(shapes)
    clock.lap("resources")
    ingested = read_documents(paths, stdin=stdin)
    failures = list(ingested.failures)
    clock.lap("read")
    stats = EngineStats()
    layer = ActorLayer()
    kept: list[Extraction] = []
    with ExtractionSpool() as spool:
        documents = ingested.documents
        load = Extractor.default if extractor is None else _Given(extractor)
        outcomes = extract_stream(
            documents,
            load_extractor=load,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            stats=stats,
        )
        words = 0
        for outcome in _reporting(outcomes, documents, progress):
            if isinstance(outcome, InputFailure):
                failures.append(outcome)
                continue
            words += count_words(outcome.document.text)
            layer.add(outcome)
            spool.add(outcome)
            if keep_graph:
                kept.append(outcome)
        clock.lap("extract")
        actors = layer.actors()
        actor_layer = actor_graph((actors[key] for key in sorted(actors)), layer.triples(actors))
        graph = new_graph()
        if keep_graph:
            graph += actor_layer
        kept_graph = graph if keep_graph else None
        report = _validate(spool, actors, shapes_graph, ontology_graph, kept_graph, workers)
        clock.lap("map and SHACL")
        if not report.conforms:
            raise ValidationError(
                f"the graph does not conform to the shapes ({len(report.violations)} "
                "violations); nothing was written",
                tuple(str(v) for v in report.violations),
            )
        consistency = check_consistency(actor_layer, ontology_graph) if check_owl else None
        clock.lap("OWL")
        if consistency is not None and not consistency.consistent:
            raise ValidationError(
                f"the graph is inconsistent with the ontology ({consistency.reasoner}); "
                "nothing was written",
                (consistency.detail,),
            )
        output = None
        if output_dir is not None and spool.count:
            pieces = turtle_text(spool.merged(turtle_blocks(actor_layer)))
            output = write_bytes_atomic(output_dir / GRAPH_FILE, chunked_bytes(pieces))
        clock.lap("write")
    return BuildResult(
        output=output,
        extractions=tuple(kept),
        failures=tuple(failures),
        summary=Summary.of(actor_layer, spool.count),
        validation=report,
        consistency=consistency,
        graph=graph,
        stages=clock.laps,
        engine=stats,
        words=words,
    )


def extract_documents(
    paths: Sequence[str | Path],
    extractor: DocumentExtractor | None = None,
    stdin: BinaryIO | None = None,
    *,
    workers: int = 1,
) -> tuple[list[Extraction], list[InputFailure]]:
    """Read and extract every document; per-document problems become failures.

    A document on which extraction fails, for whatever reason, is reported as a failure
    naming it (with the exception's type and message) and the others are still extracted.
    The extractor (and so the spaCy pipeline) is loaded only if some document was read.
    """
    ingested = read_documents(paths, stdin=stdin)
    failures = list(ingested.failures)
    load = Extractor.default if extractor is None else _Given(extractor)
    extractions = []
    for outcome in extract_stream(ingested.documents, load_extractor=load, workers=workers):
        if isinstance(outcome, InputFailure):
            failures.append(outcome)
        else:
            extractions.append(outcome)
    return extractions, failures


class _Given:
    """A loader that returns an extractor already made (picklable if the extractor is)."""

    def __init__(self, extractor: DocumentExtractor) -> None:
        self.extractor = extractor

    def __call__(self) -> DocumentExtractor:
        return self.extractor


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._last
        self._last = now


def _reporting(
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


def _validate(
    spool: ExtractionSpool,
    actors: dict[str, Actor],
    shapes: Graph,
    ontology: Graph,
    kept: Graph | None,
    workers: int,
) -> ValidationReport:
    """SHACL on the actors, then on each batch of documents with the actors it names (on
    ``workers`` processes); each batch's document layer goes to the spool as sorted Turtle
    blocks (and to ``kept``, in this process).

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
        for batch, run in _batches(spool):
            batch_report, documents = _check_batch(batch, run)
            kept += documents
            reports.append(batch_report)
    else:
        reports = list(
            map_in_processes(
                _check_batch_job,
                _batches(spool),
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


def _batches(spool: ExtractionSpool) -> Iterator[tuple[list[Extraction], Path]]:
    extractions = spool.extractions()
    while batch := list(islice(extractions, VALIDATION_BATCH)):
        yield batch, spool.new_run()


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
    for extraction in batch:
        documents += document_graph(extraction, actors)
        triples.update(
            (r.subject, r.predicate, r.object) for r in extraction.relations if admitted(r, actors)
        )
    named = sorted({key for s, _, o in triples for key in (s, o)})
    checked = actor_graph((actors[key] for key in named), sorted(triples))
    checked += documents
    report = validate_graph(checked, shapes, ontology)
    write_run(run, turtle_blocks(documents))
    return report, documents


def _check_batch_job(job: tuple[list[Extraction], Path]) -> ValidationReport:
    return _check_batch(*job)[0]
