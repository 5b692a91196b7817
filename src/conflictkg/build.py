"""The whole pipeline as one library call: article files in, a validated graph out.

    ingest → extraction stream (worker processes or a Dask cluster, one Extraction per
           document, in input order) → actors merged as they come, documents spooled
           → validate (SHACL on the actors and per batch of documents; HermiT on the
           actor layer) → a sink: the Turtle file (:func:`build_graph`) or a corpus
           store (:func:`build_store`)

:func:`extraction_stream` is the seam: whatever runs the extractor (one process, several,
a cluster) yields the same extractions in the same order.

The ontology and the shapes are checked before any document is read: a broken one stops
the run at once. Bad documents never stop the run: each becomes a one-line failure and the
others are built. A graph that does not conform is never written; the previous export
stays intact.

Memory grows little with the corpus: extractions go to a temporary spool as they arrive
and only the input texts and the actor layer (:class:`~conflictkg.rdf.layers.ActorLayer`)
stay in memory; once every actor is known (and the keys of actors written two ways in two
documents are joined, :mod:`~conflictkg.extract.shared_keys`), the documents are mapped,
validated and turned into sorted Turtle blocks batch by batch, and the export is the merge
of those blocks (:mod:`conflictkg.assemble`): byte for byte the canonical Turtle of the
whole graph, whatever the number of workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from rdflib import RDF, Graph

from .assemble import (
    Clock,
    Given,
    Progress,
    extract_documents,
    extraction_stream,
    in_batches,
    reporting,
    unique_documents,
    validate_batches,
)
from .check.validate import (
    ConsistencyReport,
    ValidationReport,
    check_consistency,
    check_ontology_file,
    check_shapes_file,
)
from .errors import ValidationError
from .extract.extractor import Extractor
from .extract.shared_keys import KeyUnifier, rekey
from .files import DEFAULT_MAX_DOCUMENT_BYTES, check_output_folder
from .ingest.names import confusable_warnings
from .ingest.reader import InputFailure, read_documents
from .model import Extraction
from .parallel.batches import DocumentExtractor, count_words
from .parallel.engine import extract_stream
from .parallel.ordered import EngineStats
from .rdf.layers import ActorLayer, actor_graph
from .rdf.mapping import new_graph
from .rdf.serialize import turtle_blocks, turtle_text, write_bytes_atomic
from .rdf.spool import ExtractionSpool, chunked_bytes
from .rdf.vocab import CK
from .store.changes import Change
from .store.corpus import CorpusStore, open_store

__all__ = [
    "BuildResult",
    "CorpusStore",
    "Progress",
    "StoreBuildResult",
    "Summary",
    "build_graph",
    "build_store",
    "extract_documents",
    "extraction_stream",
    "open_store",
    "unique_documents",
]

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

    @classmethod
    def of_store(cls, corpus: CorpusStore) -> Summary:
        """The counts of the union of a store's graphs (what an export of it holds)."""
        actors = {
            name: corpus.count(f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{iri}> }}")
            for name, iri in _ACTOR_CLASSES
        }
        relations = {
            name: corpus.count(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?a ?b "
                f"WHERE {{ ?a <{iri}> ?b }} }}"
            )
            for name, iri in _RELATIONS
        }
        return cls(len(corpus.documents), actors, relations)

    def lines(self) -> list[str]:
        actors = ", ".join(f"{n} {c}" for n, c in self.actors.items())
        relations = ", ".join(f"{n} {c}" for n, c in self.relations.items())
        return [
            f"documents: {self.documents}",
            f"actors: {sum(self.actors.values())} ({actors})",
            f"relations: {sum(self.relations.values())} ({relations})",
        ]


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
    duplicates: tuple[str, ...] = ()  # inputs skipped as copies of another (same IRI)
    warnings: tuple[str, ...] = ()  # names that mix look-alike scripts
    stages: dict[str, float] = field(default_factory=dict, compare=False)
    engine: EngineStats = field(default_factory=EngineStats, compare=False)
    words: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures and self.validation.conforms


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
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
    min_confidence: float = 0.0,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    keep_graph: bool = True,
) -> BuildResult:
    """Build, validate and (when ``output_dir`` is given) export the graph of ``paths``.

    ``ontology`` and ``shapes`` are the OWL ontology and SHACL shapes files (default: the
    bundled ones). They are checked before any document is read
    (:func:`~conflictkg.check.validate.check_ontology_file`, with HermiT unless
    ``check_owl`` is false, and :func:`~conflictkg.check.validate.check_shapes_file`). The
    graph goes to ``output_dir/conflictkg.ttl``, written atomically, only if it conforms
    and some document was built. A document larger than ``max_document_bytes`` is a
    failure, read no further; edges below ``min_confidence`` are left out (their actors
    stay).

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
    clock = Clock()
    if output_dir is not None:
        check_output_folder(output_dir)
    ontology_graph = check_ontology_file(ontology, reason=check_owl)
    shapes_graph = check_shapes_file(shapes)
    clock.lap("resources")
    ingested = read_documents(paths, stdin=stdin, max_document_bytes=max_document_bytes)
    failures = list(ingested.failures)
    duplicates: list[str] = []
    documents = unique_documents(ingested.documents, duplicates)
    clock.lap("read")
    stats = EngineStats()
    unifier = KeyUnifier()
    warnings: list[str] = []
    with ExtractionSpool() as spool:
        outcomes = extract_stream(
            documents,
            load_extractor=Extractor.default if extractor is None else Given(extractor),
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            stats=stats,
        )
        words = 0
        for outcome in reporting(outcomes, documents, progress):
            if isinstance(outcome, InputFailure):
                failures.append(outcome)
                continue
            words += count_words(outcome.document.text)
            unifier.add(outcome)
            warnings += confusable_warnings([outcome])
            spool.add(outcome)
        clock.lap("extract")
        keys = unifier.mapping()

        def spooled() -> Iterator[Extraction]:
            """The spooled extractions with their keys joined and weak edges left out."""
            for extraction in spool.extractions():
                yield _confident(rekey(extraction, keys), min_confidence)

        layer = ActorLayer()
        kept: list[Extraction] = []
        for extraction in spooled():
            layer.add(extraction)
            if keep_graph:
                kept.append(extraction)
        actors = layer.actors()
        actor_layer = actor_graph((actors[key] for key in sorted(actors)), layer.triples(actors))
        graph = new_graph()
        if keep_graph:
            graph += actor_layer
        batches = in_batches(spooled(), spool.new_run)
        report = validate_batches(
            batches, actors, shapes_graph, ontology_graph, graph if keep_graph else None, workers
        )
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
        duplicates=tuple(duplicates),
        warnings=tuple(warnings),
        stages=clock.laps,
        engine=stats,
        words=words,
    )


@dataclass(frozen=True)
class StoreBuildResult:
    """What a build into a corpus store did: the change, the failures, the store's counts.

    ``unchanged`` names the documents already held with the same text (not parsed again),
    ``duplicates`` the inputs skipped as another copy of an article of the same batch.
    """

    store: Path
    change: Change
    unchanged: tuple[str, ...]
    failures: tuple[InputFailure, ...]
    summary: Summary
    duplicates: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failures and not self.change.refused


def build_store(
    paths: Sequence[str | Path],
    store: Path,
    *,
    extractor: DocumentExtractor | None = None,
    check_owl: bool = True,
    stdin: BinaryIO | None = None,
    ontology: Path | None = None,
    shapes: Path | None = None,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
    workers: int = 1,
) -> StoreBuildResult:
    """Add the documents of ``paths`` to the corpus store folder ``store`` (created if
    missing).

    A document the store holds with the same text is not parsed again; a changed one
    (same URL, or same file) replaces the one held. Each document is checked before it
    enters (SHACL, and HermiT over the actor layer unless ``check_owl`` is false): one that
    does not pass is refused, named in ``result.change.refused``, and leaves the store
    unchanged. See :class:`conflictkg.store.corpus.CorpusStore`.

    Raises:
        ResourceError: the ontology or shapes file is broken (before anything is read).
        StoreError: the store cannot be opened or written.
    """
    ontology_graph = check_ontology_file(ontology, reason=check_owl)
    shapes_graph = check_shapes_file(shapes)
    ingested = read_documents(paths, stdin=stdin, max_document_bytes=max_document_bytes)
    failures = list(ingested.failures)
    duplicates: list[str] = []
    with open_store(store, create=True) as corpus:
        documents = unique_documents(ingested.documents, duplicates)
        held = tuple(d.identifier for d in documents if corpus.holds(d))
        fresh = [d for d in documents if not corpus.holds(d)]
        stream = extraction_stream(fresh, failures, extractor, workers=workers)
        change = corpus.add(
            stream, shapes=shapes_graph, ontology=ontology_graph, check_owl=check_owl
        )
        summary = Summary.of_store(corpus)
    return StoreBuildResult(
        store=Path(store),
        change=change,
        unchanged=held + change.unchanged,
        failures=tuple(failures),
        summary=summary,
        duplicates=tuple(duplicates),
    )


def _confident(extraction: Extraction, threshold: float) -> Extraction:
    """``extraction`` without its edges below ``threshold``."""
    if threshold <= 0:
        return extraction
    kept = tuple(r for r in extraction.relations if r.confidence >= threshold)
    return replace(extraction, relations=kept)
