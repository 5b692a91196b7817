"""The whole pipeline as one library call: article files in, a validated graph out.

    ingest → extraction stream (one Extraction per document, in identifier order)
           → per-document graphs → validate (SHACL, OWL) → a sink:
             the Turtle file (:func:`build_graph`) or a corpus store (:func:`build_store`)

:func:`extraction_stream` is the seam: whatever runs the extractor (one process, several,
a cluster) only has to yield the same extractions in the same order.

The ontology and the shapes are checked before any document is read: a broken one stops
the run at once. Bad documents never stop the run: each becomes a one-line failure and the
others are built. A graph that does not conform is never written; the previous export
stays intact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from rdflib import RDF, Graph

from .check.validate import (
    ConsistencyReport,
    ValidationReport,
    check_consistency,
    check_ontology_file,
    check_shapes_file,
    validate_graph,
)
from .errors import ConflictKGError, ValidationError
from .extract.extractor import Extractor
from .extract.shared_keys import unify_actor_keys
from .files import DEFAULT_MAX_DOCUMENT_BYTES, check_output_folder
from .ingest.reader import InputFailure, read_documents
from .model import Document, Extraction
from .rdf.iri import document_iri
from .rdf.mapping import to_graph
from .rdf.serialize import write_turtle
from .rdf.vocab import CK
from .store.changes import Change
from .store.corpus import CorpusStore, open_store

__all__ = [
    "BuildResult",
    "CorpusStore",
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
    """What a build did: where the graph went, what it holds, what failed."""

    output: Path | None
    extractions: tuple[Extraction, ...]
    failures: tuple[InputFailure, ...]
    summary: Summary
    validation: ValidationReport
    consistency: ConsistencyReport | None = None
    graph: Graph = field(default_factory=Graph, repr=False, compare=False)
    duplicates: tuple[str, ...] = ()  # inputs skipped as copies of another (same IRI)

    @property
    def ok(self) -> bool:
        return not self.failures and self.validation.conforms


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
    extractor: Extractor | None = None,
    progress: Callable[[str], None] | None = None,
) -> Iterator[Extraction]:
    """One :class:`Extraction` per document, in the order of ``documents``.

    A document on which extraction fails, for whatever reason, is appended to ``failures``
    (with the exception's type and message) and the others are still extracted. The
    extractor (and so the spaCy pipeline) is loaded only if there is a document.
    """
    if not documents:
        return
    extractor = extractor or Extractor.default()
    for document in documents:
        if progress is not None:
            progress(document.identifier)
        source = document.source_path or document.identifier
        try:
            yield extractor.extract(document)
        except ConflictKGError as exc:
            failures.append(InputFailure(source, f"{exc}; skipped"))
        except Exception as exc:  # one broken document must not stop a corpus
            reason = f"extraction failed ({type(exc).__name__}: {exc}); skipped"
            failures.append(InputFailure(source, " ".join(reason.split())))


def extract_documents(
    paths: Sequence[str | Path],
    extractor: Extractor | None = None,
    stdin: BinaryIO | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
) -> tuple[list[Extraction], list[InputFailure]]:
    """Read and extract every document; per-document problems become failures.

    A document on which extraction fails, for whatever reason, is reported as a failure
    naming it (with the exception's type and message) and the others are still extracted.
    The extractor (and so the spaCy pipeline) is loaded only if some document was read.
    """
    ingested = read_documents(paths, stdin=stdin, max_document_bytes=max_document_bytes)
    failures = list(ingested.failures)
    documents = unique_documents(ingested.documents, [])
    extractions = list(extraction_stream(documents, failures, extractor, progress))
    return extractions, failures


def build_graph(
    paths: Sequence[str | Path],
    output_dir: Path | None,
    *,
    extractor: Extractor | None = None,
    check_owl: bool = True,
    stdin: BinaryIO | None = None,
    progress: Callable[[str], None] | None = None,
    ontology: Path | None = None,
    shapes: Path | None = None,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
    min_confidence: float = 0.0,
) -> BuildResult:
    """Build, validate and (when ``output_dir`` is given) export the graph of ``paths``.

    Edges whose confidence is below ``min_confidence`` are left out (their actors stay),
    as ``conflictkg eval --min-confidence`` leaves them out of the scores.

    ``ontology`` and ``shapes`` are the OWL ontology and SHACL shapes files (default: the
    bundled ones). They are checked before any document is read
    (:func:`~conflictkg.validate.check_ontology_file`, with HermiT unless ``check_owl`` is
    false, and :func:`~conflictkg.validate.check_shapes_file`). The graph goes to
    ``output_dir/conflictkg.ttl``, written atomically, only if it conforms and some
    document was built; ``output_dir`` is checked to be writable before anything else.
    A document larger than ``max_document_bytes`` is a failure, read no further.

    Raises:
        ResourceError: the ontology or shapes file is broken (before any document is read).
        ValidationError: the graph does not conform; nothing is written.
        ExportError: the file cannot be written (found before any document is read, where
            it can be); the previous export is intact.
    """
    if output_dir is not None:
        check_output_folder(output_dir)
    ontology_graph = check_ontology_file(ontology, reason=check_owl)
    shapes_graph = check_shapes_file(shapes)
    ingested = read_documents(paths, stdin=stdin, max_document_bytes=max_document_bytes)
    failures = list(ingested.failures)
    duplicates: list[str] = []
    documents = unique_documents(ingested.documents, duplicates)
    extractions = list(extraction_stream(documents, failures, extractor, progress))
    extractions = unify_actor_keys(extractions)
    if min_confidence > 0:
        extractions = [_confident(e, min_confidence) for e in extractions]
    graph = to_graph(extractions)
    report = validate_graph(graph, shapes=shapes_graph, ontology=ontology_graph)
    if not report.conforms:
        raise ValidationError(
            f"the graph does not conform to the shapes ({len(report.violations)} violations); "
            "nothing was written",
            tuple(str(v) for v in report.violations),
        )
    consistency = check_consistency(graph, ontology_graph) if check_owl else None
    if consistency is not None and not consistency.consistent:
        raise ValidationError(
            f"the graph is inconsistent with the ontology ({consistency.reasoner}); "
            "nothing was written",
            (consistency.detail,),
        )
    output = None
    if output_dir is not None and extractions:
        output = write_turtle(graph, output_dir / GRAPH_FILE)
    return BuildResult(
        output=output,
        extractions=tuple(extractions),
        failures=tuple(failures),
        summary=Summary.of(graph, len(extractions)),
        validation=report,
        consistency=consistency,
        graph=graph,
        duplicates=tuple(duplicates),
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
    extractor: Extractor | None = None,
    check_owl: bool = True,
    stdin: BinaryIO | None = None,
    progress: Callable[[str], None] | None = None,
    ontology: Path | None = None,
    shapes: Path | None = None,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
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
        stream = extraction_stream(fresh, failures, extractor, progress)
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
    kept = tuple(r for r in extraction.relations if r.confidence >= threshold)
    return replace(extraction, relations=kept)
