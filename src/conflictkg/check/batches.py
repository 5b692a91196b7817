"""SHACL and OWL over graphs of any size: streamed into Oxigraph, checked in batches.

A graph file is streamed by pyoxigraph's parser, never loaded into one rdflib graph
(several KB a triple). It is read twice: into an Oxigraph ``Store`` (about 600 bytes a
triple, with SPARQL) for the SPARQL constraints and the actor layer, which is then
dropped; and into an Oxigraph ``Dataset`` (about 1 KB a triple, indexed by subject and
object, literals kept exactly as written, where the store would canonicalize
``"7"^^xsd:nonNegativeInteger`` into an ``xsd:integer``) for the batches. Then:

- **SHACL, in batches of focus nodes.** The nodes of the graph (every subject, and every
  IRI or blank node object) are taken a batch at a time; for each batch a small rdflib
  graph holds what the shapes can look at from those nodes: their own triples, the
  triples pointing at them, the triples of the nodes pointing at them (the statements
  that reify an actor's relations), and the types of the nodes they point at (for
  ``sh:class``), plus the ontology (for ``rdfs:subClassOf``). pyshacl validates that
  graph, and only the results whose focus node is in the batch are kept. This is exact
  for shapes that look no further than that, as the bundled shapes do (a shape that
  follows longer paths would see only part of the graph).
- **SHACL-SPARQL constraints, in Oxigraph.** pyshacl runs a ``sh:select`` once per focus
  node through rdflib's SPARQL engine (about 0.1 s each); here Oxigraph runs it, with
  ``$this`` bound to each focus node (SEP-0007 substitution, as SHACL pre-binds it). A
  ``sh:select`` that does not project ``$this`` is left to pyshacl.
- **OWL, on the actor layer only**: the actors' types, the relations between them and
  ``owl:sameAs`` are streamed to an N-Triples file with the ontology and given to HermiT
  with a heap sized from their count (:mod:`conflictkg.check.hermit`).

Peak memory is the larger of the two copies, plus one batch. :func:`validate_batches`
also takes batches made elsewhere (a build can validate document by document, then the
actor layer once); :func:`check_graph_file` does all of it for a file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, Graph, Node, URIRef
from rdflib.namespace import OWL, SH, XSD

from ..errors import InputError
from ..files import open_regular, printable
from .consistency import ACTOR_CLASSES, ACTOR_RELATIONS, ConsistencyReport, check_owl_file
from .core_shapes import compile_shapes, core_violations
from .shapes import ValidationReport, Violation, check_shapes, term_text
from .sparql_shapes import sparql_violations, without
from .terms import to_oxigraph, to_rdflib

__all__ = [
    "BATCH_TRIPLES",
    "DEFAULT_MAX_GRAPH_BYTES",
    "FileCheck",
    "check_dataset",
    "check_graph_file",
    "dataset_from_graph",
    "load_graph_dataset",
    "load_graph_store",
    "validate_batches",
]

BATCH_TRIPLES = 20_000
"""About how many triples of context one batch of focus nodes brings into rdflib."""
DEFAULT_MAX_GRAPH_BYTES = 16 * 1024**3
_XSD_STRING = str(XSD.string)
_RDF_TYPE = ox.NamedNode(str(RDF.type))


@dataclass(frozen=True)
class FileCheck:
    """What :func:`check_graph_file` found: the triple count, SHACL, and OWL (if asked)."""

    triples: int
    validation: ValidationReport
    consistency: ConsistencyReport | None


def _parse(path: Path, max_bytes: int) -> Iterator[ox.Quad]:
    """The triples of a Turtle (or N-Triples) file, streamed.

    Raises:
        InputError: naming the file (and line): not a regular file, larger than
            ``max_bytes``, unreadable, or not valid Turtle.
    """
    try:
        with open_regular(path, max_bytes, "graph file") as stream:
            yield from ox.parse(input=stream, format=ox.RdfFormat.TURTLE, base_iri=_base(path))
    except SyntaxError as exc:
        where = f"{printable(path)}:{exc.lineno}" if exc.lineno else printable(path)
        raise InputError(f"{where}: Turtle syntax error in the graph: {exc.msg}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise InputError(f"{printable(path)}: cannot load the graph: {exc}") from exc


def load_graph_store(path: Path, max_bytes: int = DEFAULT_MAX_GRAPH_BYTES) -> ox.Store:
    """A Turtle file in a new in-memory Oxigraph store (literals canonicalized)."""
    store = ox.Store()
    store.bulk_extend(_parse(path, max_bytes))
    return store


def load_graph_dataset(path: Path, max_bytes: int = DEFAULT_MAX_GRAPH_BYTES) -> ox.Dataset:
    """A Turtle file in a new in-memory Oxigraph dataset (terms exactly as written)."""
    return ox.Dataset(_parse(path, max_bytes))


def dataset_from_graph(graph: Graph) -> ox.Dataset:
    """An rdflib graph copied into an Oxigraph dataset (its default graph)."""
    return ox.Dataset(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph)


def _base(path: Path) -> str:
    return Path(path).resolve().as_uri()


# ----------------------------------------------------------------- SHACL batches


def validate_batches(
    batches: Iterable[tuple[Graph, Sequence[Node]]],
    shapes: Graph,
    ontology: Graph | None = None,
) -> ValidationReport:
    """Validate each ``(graph, focus nodes)`` batch, keeping the results on its focus nodes.

    Each graph must hold what the shapes need to see from its focus nodes (see the module
    documentation). Raises :class:`ResourceError` as :func:`check_shapes` does.
    """
    found: set[Violation] = set()
    for graph, focus in batches:
        report = check_shapes(graph, shapes, ontology)
        wanted = {term_text(node) for node in focus}
        found.update(v for v in report.violations if v.focus in wanted)
    return _report(found)


def _report(found: Iterable[Violation]) -> ValidationReport:
    ordered = tuple(
        sorted(set(found), key=lambda v: (v.focus, v.shape, v.path or "", v.value or "", v.message))
    )
    return ValidationReport(not ordered, ordered)


def _nodes(dataset: ox.Dataset, incoming: set[ox.NamedNode]) -> Iterator[Any]:
    """Every subject, every IRI or blank node object, and the literals the shapes reach
    backwards (``sh:targetObjectsOf`` a literal makes it a focus node)."""
    seen: set[Any] = set()
    for quad in dataset:
        for node in (quad.subject, quad.object):
            wanted = not isinstance(node, ox.Literal) or quad.predicate in incoming
            if wanted and node not in seen:
                seen.add(node)
                yield node


def backward_predicates(shapes: Graph) -> frozenset[Node]:
    """The predicates the shapes follow from object to subject: ``sh:targetObjectsOf``
    and ``sh:inversePath``. A batch holds its nodes' incoming triples along these."""
    return frozenset(
        {*shapes.objects(None, SH.targetObjectsOf), *shapes.objects(None, SH.inversePath)}
    )


def dataset_batches(
    dataset: ox.Dataset, backward: frozenset[Node], batch_triples: int = BATCH_TRIPLES
) -> Iterator[tuple[Graph, list[Node]]]:
    """The batches of :func:`validate_batches` over every node of ``dataset``'s default
    graph: each node's own triples, its incoming triples along ``backward`` predicates, and
    the types of the nodes its triples point at."""
    incoming = {ox.NamedNode(str(p)) for p in backward if isinstance(p, URIRef)}
    graph, focus = Graph(), []

    def add(quad: ox.Quad) -> None:
        if isinstance(quad.graph_name, ox.DefaultGraph):
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))

    for node in _nodes(dataset, incoming):
        focus.append(to_rdflib(node))
        for quad in [] if isinstance(node, ox.Literal) else dataset.quads_for_subject(node):
            add(quad)
            if isinstance(quad.object, ox.NamedNode | ox.BlankNode):
                for typed in dataset.quads_for_subject(quad.object):
                    if typed.predicate == _RDF_TYPE:
                        add(typed)
        if incoming:
            for quad in dataset.quads_for_object(node):
                if quad.predicate in incoming:
                    add(quad)
        if len(graph) >= batch_triples:
            yield graph, focus
            graph, focus = Graph(), []
    if focus:
        yield graph, focus


# ------------------------------------------------------------------------ OWL


def _actor_layer(dataset: ox.Dataset) -> Iterator[Any]:
    individuals: set[ox.NamedNode] = set()
    classes = {ox.NamedNode(str(cls)) for cls in ACTOR_CLASSES}
    for quad in dataset.quads_for_predicate(_RDF_TYPE):
        subject, default = quad.subject, isinstance(quad.graph_name, ox.DefaultGraph)
        if isinstance(subject, ox.NamedNode) and quad.object in classes and default:
            individuals.add(subject)
            yield ox.Triple(subject, quad.predicate, quad.object)
    for prop in (*ACTOR_RELATIONS, OWL.sameAs):
        for quad in dataset.quads_for_predicate(ox.NamedNode(str(prop))):
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                continue
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
                individuals.update((quad.subject, quad.object))
                yield ox.Triple(quad.subject, quad.predicate, quad.object)
    individual = ox.NamedNode(str(OWL.NamedIndividual))
    for node in sorted(individuals, key=lambda n: n.value):
        yield ox.Triple(node, _RDF_TYPE, individual)


def actor_layer_check(dataset: ox.Dataset, ontology: Graph) -> Callable[[], ConsistencyReport]:
    """HermiT over the actor layer of ``dataset`` and ``ontology`` (without
    ``owl:imports``): the layer is copied out now, and HermiT runs when the returned
    function is called (so that the data can be dropped first)."""
    layer = list(_actor_layer(dataset))
    named_individual = ox.NamedNode(str(OWL.NamedIndividual))
    individuals = sum(1 for t in layer if t.object == named_individual)

    def write(path: Path) -> None:
        ontology_triples = [
            ox.Triple(to_oxigraph(s), ox.NamedNode(str(p)), to_oxigraph(o))
            for s, p, o in ontology
            if p != OWL.imports
        ]
        ox.serialize([*ontology_triples, *layer], output=str(path), format=ox.RdfFormat.N_TRIPLES)

    def explain_from() -> Graph:
        part = Graph()
        part += (t for t in ontology if t[1] != OWL.imports)
        for triple in layer:
            part.add(
                (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
            )
        return part

    return lambda: check_owl_file(write, len(layer) + len(ontology), individuals, explain_from)


def check_graph_file(
    path: Path,
    shapes: Graph,
    ontology: Graph | None,
    *,
    owl: bool = True,
    batch_triples: int = BATCH_TRIPLES,
    max_bytes: int = DEFAULT_MAX_GRAPH_BYTES,
) -> FileCheck:
    """SHACL and, with ``owl`` and an ``ontology``, HermiT on the actor layer, of a Turtle
    file of any size (see the module documentation and :func:`check_dataset`).

    Raises:
        InputError: the file is not a regular file, too large, unreadable or not Turtle.
        ResourceError: the shapes cannot be used, Java is missing, HermiT fails.
    """
    dataset = load_graph_dataset(path, max_bytes)
    return check_dataset(dataset, shapes, ontology, owl=owl, batch_triples=batch_triples)


def check_dataset(
    dataset: ox.Dataset,
    shapes: Graph,
    ontology: Graph | None,
    *,
    owl: bool = True,
    batch_triples: int = BATCH_TRIPLES,
) -> FileCheck:
    """Both checks over the default graph of an Oxigraph dataset (terms as written).

    A build can gather its graph here (or per batch of documents) instead of in rdflib:
    SHACL Core runs natively, SPARQL constraints in Oxigraph, and HermiT once on the
    actor layer. Raises :class:`ResourceError` as :func:`check_graph_file` does.
    """
    sparql, constraints = sparql_violations(dataset, shapes, ontology)
    consistency = None
    if owl and ontology is not None:
        consistency = actor_layer_check(dataset, ontology)()
    core = without(shapes, constraints) if constraints else shapes
    compiled = compile_shapes(core)
    if compiled is not None:
        found = list(core_violations(dataset, compiled, ontology))
    else:
        batches = dataset_batches(dataset, backward_predicates(core), batch_triples)
        found = list(validate_batches(batches, core, ontology).violations)
    return FileCheck(len(dataset), _report([*found, *sparql]), consistency)
