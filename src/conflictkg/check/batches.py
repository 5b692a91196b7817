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
- **SHACL-SPARQL constraints, once over the whole store.** pyshacl runs a ``sh:select``
  once per focus node through rdflib's SPARQL engine (about 0.1 s each); here each runs
  once, with ``$this`` free, in Oxigraph, and its solutions are kept for ``$this`` among
  the shape's targets. (A ``sh:select`` that does not project ``$this`` is left to the
  batches.)
- **OWL, on the actor layer only**: the actors' types, the relations between them and
  ``owl:sameAs`` are streamed to an N-Triples file with the ontology and given to HermiT
  with a heap sized from their count (:mod:`conflictkg.check.hermit`).

Peak memory is the larger of the two copies, plus one batch. :func:`validate_batches`
also takes batches made elsewhere (a build can validate document by document, then the
actor layer once); :func:`check_graph_file` does all of it for a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import OWL, SH, XSD

from ..errors import InputError
from ..files import open_regular, printable
from .consistency import ACTOR_CLASSES, ACTOR_RELATIONS, ConsistencyReport, check_owl_file
from .shapes import ValidationReport, Violation, check_shapes, term_text

__all__ = [
    "BATCH_TRIPLES",
    "DEFAULT_MAX_GRAPH_BYTES",
    "FileCheck",
    "check_graph_file",
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


def _base(path: Path) -> str:
    return Path(path).resolve().as_uri()


# ------------------------------------------------------------------------- terms


def to_rdflib(term: object) -> Node:
    """An Oxigraph term as the rdflib term rdflib's own parser would have made."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    raise InputError(f"RDF-star triple terms are not supported: {term}")


def _to_oxigraph(node: Node) -> ox.NamedNode | ox.BlankNode:
    return ox.BlankNode(str(node)) if isinstance(node, BNode) else ox.NamedNode(str(node))


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


def _nodes(dataset: ox.Dataset) -> Iterator[ox.NamedNode | ox.BlankNode]:
    seen: set[ox.NamedNode | ox.BlankNode] = set()
    for quad in dataset:
        for node in (quad.subject, quad.object):
            if isinstance(node, ox.NamedNode | ox.BlankNode) and node not in seen:
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

    for node in _nodes(dataset):
        focus.append(to_rdflib(node))
        for quad in dataset.quads_for_subject(node):
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


# ------------------------------------------------------------ SPARQL constraints


@dataclass(frozen=True)
class _SparqlConstraint:
    shape: Node
    constraint: Node
    select: str
    prefixes: dict[str, str]
    messages: tuple[Literal, ...]
    severity: str


def _sparql_constraints(shapes: Graph) -> list[_SparqlConstraint]:
    found = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql), key=str):
        select = shapes.value(constraint, SH.select)
        if select is None or not re.search(r"SELECT\s[^{]*\$this\b", str(select), re.I):
            continue
        if shapes.value(constraint, SH.deactivated) == Literal(True):
            continue
        prefixes: dict[str, str] = {}
        for holder in shapes.objects(constraint, SH.prefixes):
            for declaration in shapes.objects(holder, SH.declare):
                prefix = shapes.value(declaration, SH.prefix)
                namespace = shapes.value(declaration, SH.namespace)
                if prefix is not None and namespace is not None:
                    prefixes[str(prefix)] = str(namespace)
        messages = tuple(
            m
            for source in (shape, constraint)
            for m in shapes.objects(source, SH.message)
            if isinstance(m, Literal)
        )
        severity = shapes.value(shape, SH.severity) or SH.Violation
        found.append(
            _SparqlConstraint(
                shape, constraint, str(select), prefixes, messages, str(severity).rpartition("#")[2]
            )
        )
    return found


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_NOT_CONSTRAINTS = frozenset(
    {RDF.type, SH.message, SH.severity, SH.deactivated, SH.name, SH.description, *_TARGETS}
)


def _without(shapes: Graph, constraints: list[_SparqlConstraint]) -> Graph:
    """``shapes`` without the SPARQL constraints run over the store; a shape left with no
    constraint at all loses its targets too (nothing would be checked on them)."""
    reduced = Graph()
    reduced += shapes
    for item in constraints:
        reduced.remove((item.shape, SH.sparql, item.constraint))
    for shape in {item.shape for item in constraints}:
        if all(p in _NOT_CONSTRAINTS for p in reduced.predicates(shape, None)):
            for target in _TARGETS:
                reduced.remove((shape, target, None))
    return reduced


def _targets(store: ox.Store, shapes: Graph, ontology: Graph | None, shape: Node) -> set[Node]:
    """The focus nodes of ``shape`` in ``store`` (classes through ``rdfs:subClassOf``)."""
    default = ox.DefaultGraph()
    found: set[Node] = set()
    classes = set(shapes.objects(shape, SH.targetClass))
    for cls in list(classes):
        for source in (ontology, shapes):
            if source is not None:
                classes.update(
                    n for n in source.transitive_subjects(RDFS.subClassOf, cls) if n is not None
                )
    for cls in classes:
        found.update(
            to_rdflib(q.subject)
            for q in store.quads_for_pattern(None, _RDF_TYPE, _to_oxigraph(cls), default)
        )
    found.update(shapes.objects(shape, SH.targetNode))
    for target, position in ((SH.targetSubjectsOf, 0), (SH.targetObjectsOf, 2)):
        for prop in shapes.objects(shape, target):
            if isinstance(prop, URIRef):
                pattern = store.quads_for_pattern(None, ox.NamedNode(str(prop)), None, default)
                found.update(to_rdflib(q.subject if position == 0 else q.object) for q in pattern)
    return found


def _message(item: _SparqlConstraint, bound: dict[str, Node]) -> str:
    texts = []
    for message in item.messages:
        text = str(message)
        for name, value in bound.items():
            text = re.sub(
                r"\{[?$]" + re.escape(name) + r"\}", str(value).replace("\\", "\\\\"), text
            )
        texts.append((message.language, text))
    english = sorted(t for lang, t in texts if lang in (None, "en"))
    chosen = english or sorted(t for _, t in texts)
    return chosen[0] if chosen else "fails sh:SPARQLConstraintComponent"


def sparql_violations(
    store: ox.Store, shapes: Graph, ontology: Graph | None = None
) -> tuple[list[Violation], list[_SparqlConstraint]]:
    """The results of the SHACL-SPARQL constraints run once each over ``store``, and the
    constraints that were run (so that the batches can leave them out)."""
    found: list[Violation] = []
    constraints = _sparql_constraints(shapes)
    for item in constraints:
        targets = _targets(store, shapes, ontology, item.shape)
        solutions = store.query(item.select, prefixes=item.prefixes)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [variable.value for variable in solutions.variables]
        for solution in solutions:
            bound = {n: to_rdflib(solution[n]) for n in names if solution[n] is not None}
            this = bound.get("this")
            if this is None or this not in targets:
                continue
            path, value = bound.get("path"), bound.get("value")
            found.append(
                Violation(
                    focus=term_text(this),
                    path=term_text(path) if path is not None else None,
                    message=_message(item, bound),
                    severity=item.severity,
                    shape=term_text(item.shape),
                    value=term_text(value) if value is not None else None,
                )
            )
    return found, constraints


# ------------------------------------------------------------------------ OWL


def _actor_layer(store: ox.Store) -> Iterator[ox.Triple]:
    default = ox.DefaultGraph()
    individuals: set[ox.NamedNode] = set()
    for cls in ACTOR_CLASSES:
        for quad in store.quads_for_pattern(None, _RDF_TYPE, ox.NamedNode(str(cls)), default):
            if isinstance(quad.subject, ox.NamedNode):
                individuals.add(quad.subject)
                yield ox.Triple(quad.subject, quad.predicate, quad.object)
    for prop in (*ACTOR_RELATIONS, OWL.sameAs):
        for quad in store.quads_for_pattern(None, ox.NamedNode(str(prop)), None, default):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
                individuals.update((quad.subject, quad.object))
                yield ox.Triple(quad.subject, quad.predicate, quad.object)
    individual = ox.NamedNode(str(OWL.NamedIndividual))
    for node in sorted(individuals, key=lambda n: n.value):
        yield ox.Triple(node, _RDF_TYPE, individual)


def actor_layer_check(store: ox.Store, ontology: Graph) -> Callable[[], ConsistencyReport]:
    """HermiT over the actor layer of ``store`` and ``ontology`` (without ``owl:imports``):
    the layer is copied out now, and HermiT runs when the returned function is called (so
    that the store can be dropped first)."""
    layer = list(_actor_layer(store))
    named_individual = ox.NamedNode(str(OWL.NamedIndividual))
    individuals = sum(1 for t in layer if t.object == named_individual)

    def write(path: Path) -> None:
        ontology_triples = [
            ox.Triple(_to_oxigraph(s), ox.NamedNode(str(p)), _ontology_object(o))
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


def _ontology_object(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        datatype = ox.NamedNode(str(node.datatype)) if node.datatype else None
        return ox.Literal(str(node), datatype=datatype)
    return _to_oxigraph(node)


def check_graph_file(
    path: Path,
    shapes: Graph,
    ontology: Graph | None,
    *,
    owl: bool = True,
    batch_triples: int = BATCH_TRIPLES,
    max_bytes: int = DEFAULT_MAX_GRAPH_BYTES,
) -> FileCheck:
    """SHACL (SPARQL constraints over the whole graph, the rest in batches) and, with
    ``owl`` and an ``ontology``, HermiT on the actor layer, of a Turtle file of any size.

    Raises:
        InputError: the file is not a regular file, too large, unreadable or not Turtle.
        ResourceError: the shapes cannot be used, Java is missing, HermiT fails.
    """
    store = load_graph_store(path, max_bytes)
    triples = len(store)
    sparql, constraints = sparql_violations(store, shapes, ontology)
    owl_check = None
    if owl and ontology is not None:
        owl_check = actor_layer_check(store, ontology)
    del store
    consistency = owl_check() if owl_check is not None else None
    core = _without(shapes, constraints) if constraints else shapes
    dataset = load_graph_dataset(path, max_bytes)
    batches = dataset_batches(dataset, backward_predicates(core), batch_triples)
    batched = validate_batches(batches, core, ontology)
    return FileCheck(triples, _report([*batched.violations, *sparql]), consistency)
