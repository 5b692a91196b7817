"""The whole pipeline as one library call: article files in, a validated Turtle file out.

    ingest → extract (per document) → map to RDF → validate (SHACL, OWL) → export

Bad documents never stop the run: each becomes a one-line failure and the others are
built. A graph that does not conform is never written; the previous export stays intact.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from rdflib import RDF, Graph

from .errors import ConflictKGError, ValidationError
from .export import write_turtle
from .extract import Extractor
from .ingest import InputFailure, read_documents
from .mapping import to_graph
from .model import Extraction
from .validate import (
    ConsistencyReport,
    ValidationReport,
    check_consistency,
    load_ontology_graph,
    load_shapes_graph,
    validate_graph,
)
from .vocab import CK

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
    """Read and extract every document; per-document problems become failures."""
    ingested = read_documents(paths, stdin=stdin)
    failures = list(ingested.failures)
    if not ingested.documents:
        return [], failures
    extractor = extractor or Extractor.default()
    extractions = []
    for document in ingested.documents:
        if progress is not None:
            progress(document.identifier)
        try:
            extractions.append(extractor.extract(document))
        except ConflictKGError as exc:
            failures.append(InputFailure(document.source_path or document.identifier, str(exc)))
    return extractions, failures


def build_graph(
    paths: Sequence[str | Path],
    output_dir: Path | None,
    *,
    extractor: Extractor | None = None,
    check_owl: bool = True,
    stdin: BinaryIO | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build, validate and (when ``output_dir`` is given) export the graph of ``paths``.

    Raises:
        ResourceError: the ontology or shapes file is broken (before any document is read).
        ValidationError: the graph does not conform; nothing is written.
        ExportError: the file cannot be written; the previous export is intact.
    """
    ontology = load_ontology_graph()
    shapes = load_shapes_graph()
    extractions, failures = extract_documents(paths, extractor, stdin, progress)
    graph = to_graph(extractions)
    report = validate_graph(graph, shapes=shapes, ontology=ontology)
    if not report.conforms:
        raise ValidationError(
            f"the graph does not conform to the shapes ({len(report.violations)} violations); "
            "nothing was written",
            tuple(str(v) for v in report.violations),
        )
    consistency = check_consistency(graph, ontology) if check_owl else None
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
