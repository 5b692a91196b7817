"""SHACL-SPARQL constraints (``sh:sparql`` with ``sh:select``), run by Oxigraph.

pyshacl runs a ``sh:select`` once per focus node through rdflib's SPARQL engine (about
0.1 s each). Here Oxigraph runs it, with ``$this`` bound to each focus node (SEP-0007
substitution, as SHACL pre-binds it), over a copy of the default graph in an Oxigraph
``Store``. A ``sh:select`` that does not project ``$this`` is left to pyshacl.

The two constraints of the bundled shapes are recognised by their text (white space aside,
with the same prefixes; :func:`native_select`) and computed over the whole graph at once,
without SPARQL and without the copy: the reification check (a relation triple and its
``rdf:Statement`` come together) as two set differences
(:mod:`conflictkg.check.reification`), because Oxigraph evaluates its ``FILTER NOT
EXISTS`` in time quadratic in the statements of an actor; and the link check (an
``owl:sameAs`` outside Wikidata needs a confirming axiom) as one
(:mod:`conflictkg.check.confirmed_links`). Their solutions are kept for the shape's focus
nodes only, as SHACL would bind ``$this``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, Node, URIRef
from rdflib.namespace import SH

from ..resources import shapes_path
from .confirmed_links import link_pattern, unconfirmed_links
from .reification import reification_violations
from .shapes import SHAPES_NS, Violation, term_text
from .terms import to_oxigraph, to_rdflib

__all__ = [
    "SparqlConstraint",
    "native_select",
    "sparql_constraints",
    "sparql_violations",
    "without",
]

_RDF_TYPE = ox.NamedNode(str(RDF.type))


@dataclass(frozen=True)
class SparqlConstraint:
    shape: Node
    constraint: Node
    select: str
    prefixes: dict[str, str]
    messages: tuple[Literal, ...]
    severity: str


def sparql_constraints(shapes: Graph) -> list[SparqlConstraint]:
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
            SparqlConstraint(
                shape, constraint, str(select), prefixes, messages, str(severity).rpartition("#")[2]
            )
        )
    return found


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_NOT_CONSTRAINTS = frozenset(
    {RDF.type, SH.message, SH.severity, SH.deactivated, SH.name, SH.description, *_TARGETS}
)


def without(shapes: Graph, constraints: list[SparqlConstraint]) -> Graph:
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


def _targets(dataset: ox.Dataset, shapes: Graph, ontology: Graph | None, shape: Node) -> set[Any]:
    """The focus nodes of ``shape`` in ``dataset`` (Oxigraph terms; classes through
    ``rdfs:subClassOf``)."""
    found: set[Any] = set()
    classes = set(shapes.objects(shape, SH.targetClass))
    for cls in list(classes):
        for source in (ontology, shapes):
            if source is not None:
                classes.update(
                    n for n in source.transitive_subjects(RDFS.subClassOf, cls) if n is not None
                )
    for cls in classes:
        found.update(
            q.subject
            for q in _default(dataset.quads_for_object(to_oxigraph(cls)))
            if q.predicate == _RDF_TYPE
        )
    found.update(to_oxigraph(n) for n in shapes.objects(shape, SH.targetNode))
    for target, position in ((SH.targetSubjectsOf, 0), (SH.targetObjectsOf, 2)):
        for prop in shapes.objects(shape, target):
            if isinstance(prop, URIRef):
                quads = _default(dataset.quads_for_predicate(ox.NamedNode(str(prop))))
                found.update(q.subject if position == 0 else q.object for q in quads)
    return found


def _default(quads: Iterator[ox.Quad]) -> Iterator[ox.Quad]:
    return (q for q in quads if isinstance(q.graph_name, ox.DefaultGraph))


# ------------------------------------------------------ the bundled constraints, natively

Solutions = Iterator[dict[str, Any]]
"""Solutions of a ``sh:select``: variable names to Oxigraph terms (or rdflib literals)."""


def _reification(dataset: ox.Dataset, select: str) -> Solutions:
    for focus, path, value, problem in reification_violations(dataset, select):
        yield {"this": focus, "path": path, "value": value, "problem": Literal(problem)}


def _links(dataset: ox.Dataset, select: str) -> Solutions:
    pattern = link_pattern(select)
    assert pattern is not None  # native_select checked it
    for focus, value in unconfirmed_links(dataset, pattern):
        yield {"this": focus, "value": value}


_NATIVE: dict[Node, Callable[[ox.Dataset, str], Solutions]] = {
    URIRef(SHAPES_NS + "RelationStatementShape"): _reification,
    URIRef(SHAPES_NS + "SameAsShape"): _links,
}


def _key(item: SparqlConstraint) -> tuple[str, frozenset[tuple[str, str]]]:
    return re.sub(r"\s+", " ", item.select).strip(), frozenset(item.prefixes.items())


@lru_cache(maxsize=1)
def _bundled() -> dict[tuple[str, frozenset[tuple[str, str]]], Callable[..., Solutions]]:
    try:
        shapes = Graph().parse(shapes_path(), format="turtle")
    except Exception:  # the bundled file is checked elsewhere; without it, no shortcut
        return {}
    return {
        _key(item): _NATIVE[item.shape]
        for item in sparql_constraints(shapes)
        if item.shape in _NATIVE
    }


def native_select(item: SparqlConstraint) -> Callable[[ox.Dataset, str], Solutions] | None:
    """How to compute ``item`` without SPARQL, if it is one of the bundled constraints
    (same query text, white space aside, and same prefixes); else ``None``."""
    native = _bundled().get(_key(item))
    if native is _links and link_pattern(item.select) is None:
        return None
    return native


def _message(item: SparqlConstraint, bound: dict[str, Node]) -> str:
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
    dataset: ox.Dataset, shapes: Graph, ontology: Graph | None = None
) -> tuple[list[Violation], list[SparqlConstraint]]:
    """The results of the SHACL-SPARQL constraints over the default graph of ``dataset``,
    and the constraints that were run (so that pyshacl can leave them out)."""
    found: list[Violation] = []
    constraints = sparql_constraints(shapes)
    store: ox.Store | None = None
    this = ox.Variable("this")
    for item in constraints:
        targets = _targets(dataset, shapes, ontology, item.shape)
        native = native_select(item)
        if native is not None:
            for solution in native(dataset, item.select):
                if solution["this"] in targets:
                    bound = {name: _rdflib(term) for name, term in solution.items()}
                    found.append(_violation(item, bound))
            continue
        if store is None:
            store = ox.Store()
            store.bulk_extend(_default(iter(dataset)))
        for target in sorted(targets, key=str):
            solutions = store.query(
                item.select, prefixes=item.prefixes, substitutions={this: target}
            )
            assert isinstance(solutions, ox.QuerySolutions)
            names = [variable.value for variable in solutions.variables]
            for solution in solutions:
                bound = {n: to_rdflib(solution[n]) for n in names if solution[n] is not None}
                found.append(_violation(item, {**bound, "this": to_rdflib(target)}))
    return found, constraints


def _rdflib(term: Any) -> Node:
    return term if isinstance(term, Literal) else to_rdflib(term)


def _violation(item: SparqlConstraint, bound: dict[str, Node]) -> Violation:
    path, value = bound.get("path"), bound.get("value")
    return Violation(
        focus=term_text(bound["this"]),
        path=term_text(path) if path is not None else None,
        message=_message(item, bound),
        severity=item.severity,
        shape=term_text(item.shape),
        value=term_text(value) if value is not None else None,
    )
