"""SHACL-SPARQL constraints (``sh:sparql`` with ``sh:select``), run by Oxigraph.

pyshacl runs a ``sh:select`` once per focus node through rdflib's SPARQL engine (about
0.1 s each). Here Oxigraph runs it, with ``$this`` bound to each focus node (SEP-0007
substitution, as SHACL pre-binds it). A ``sh:select`` that does not project ``$this`` is
left to pyshacl. The bundled reification check (a relation triple and its
``rdf:Statement`` come together) is recognised by its text and computed as two set
differences (:mod:`conflictkg.check.reification`), because Oxigraph evaluates its
``FILTER NOT EXISTS`` in time quadratic in the statements of an actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, Node, URIRef
from rdflib.namespace import SH

from .reification import is_reification_check, reification_violations
from .shapes import Violation, term_text
from .terms import to_oxigraph, to_rdflib

__all__ = ["SparqlConstraint", "sparql_constraints", "sparql_violations", "without"]

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
            for q in store.quads_for_pattern(None, _RDF_TYPE, to_oxigraph(cls), default)
        )
    found.update(shapes.objects(shape, SH.targetNode))
    for target, position in ((SH.targetSubjectsOf, 0), (SH.targetObjectsOf, 2)):
        for prop in shapes.objects(shape, target):
            if isinstance(prop, URIRef):
                pattern = store.quads_for_pattern(None, ox.NamedNode(str(prop)), None, default)
                found.update(to_rdflib(q.subject if position == 0 else q.object) for q in pattern)
    return found


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
        if is_reification_check(item.select):
            for focus, path, value, problem in reification_violations(dataset, item.select):
                bound = {"this": to_rdflib(focus), "path": to_rdflib(path)}
                bound |= {"value": to_rdflib(value), "problem": Literal(problem)}
                found.append(_violation(item, bound))
            continue
        if store is None:
            store = ox.Store()
            store.bulk_extend(q for q in dataset if isinstance(q.graph_name, ox.DefaultGraph))
        for target in sorted(_targets(store, shapes, ontology, item.shape), key=str):
            solutions = store.query(
                item.select, prefixes=item.prefixes, substitutions={this: to_oxigraph(target)}
            )
            assert isinstance(solutions, ox.QuerySolutions)
            names = [variable.value for variable in solutions.variables]
            for solution in solutions:
                bound = {n: to_rdflib(solution[n]) for n in names if solution[n] is not None}
                found.append(_violation(item, {**bound, "this": target}))
    return found, constraints


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
