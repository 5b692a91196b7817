"""The whole pipeline as one library call: article files in, a validated Turtle file out.

    ingest → extract (per document) → map to RDF → validate (SHACL, OWL) → export

The ontology and the shapes are checked before any document is read: a broken one stops
the run at once. Bad documents never stop the run: each becomes a one-line failure and the
others are built. A graph that does not conform is never written; the previous export
stays intact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
from .ingest.reader import InputFailure, read_documents
from .model import Extraction
from .rdf.mapping import to_graph
from .rdf.serialize import write_turtle
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
class BuildResult:
    """What a build did: where the graph went, what it holds, what failed."""

    output: Path | None
    extractions: tuple[Extraction, ...]
    failures: tuple[InputFailure, ...]
    summary: Summary
    validation: ValidationReport
    consistency: ConsistencyReport | None = None
    graph: Graph = field(default_factory=Graph, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.failures and self.validation.conforms


def extract_documents(
    paths: Sequence[str | Path],
    extractor: Extractor | None = None,
    stdin: BinaryIO | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[list[Extraction], list[InputFailure]]:
    """Read and extract every document; per-document problems become failures.

    A document on which extraction fails, for whatever reason, is reported as a failure
    naming it (with the exception's type and message) and the others are still extracted.
    The extractor (and so the spaCy pipeline) is loaded only if some document was read.
    """
    ingested = read_documents(paths, stdin=stdin)
    failures = list(ingested.failures)
    if not ingested.documents:
        return [], failures
    extractor = extractor or Extractor.default()
    extractions = []
    for document in ingested.documents:
        if progress is not None:
            progress(document.identifier)
        source = document.source_path or document.identifier
        try:
            extractions.append(extractor.extract(document))
        except ConflictKGError as exc:
            failures.append(InputFailure(source, f"{exc}; skipped"))
        except Exception as exc:  # one broken document must not stop a corpus
            reason = f"extraction failed ({type(exc).__name__}: {exc}); skipped"
            failures.append(InputFailure(source, " ".join(reason.split())))
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
    document was built.

    Raises:
        ResourceError: the ontology or shapes file is broken (before any document is read).
        ValidationError: the graph does not conform; nothing is written.
        ExportError: the file cannot be written; the previous export is intact.
    """
    ontology_graph = check_ontology_file(ontology, reason=check_owl)
    shapes_graph = check_shapes_file(shapes)
    extractions, failures = extract_documents(paths, extractor, stdin, progress)
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
    )


def _confident(extraction: Extraction, threshold: float) -> Extraction:
    kept = tuple(r for r in extraction.relations if r.confidence >= threshold)
    return replace(extraction, relations=kept)
