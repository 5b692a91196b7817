"""The bundled reification check, computed as two set differences.

``cks:RelationStatementShape`` says that a relation triple and its ``rdf:Statement``
(same ``rdf:subject``, ``rdf:predicate``, ``rdf:object``) come together. As SPARQL (its
``sh:select``) Oxigraph needs time quadratic in an actor's statements for it; as sets it
is linear: the relation triples without a statement, and the statements whose triple is
not asserted. The constraint is recognised by its query text
(:func:`conflictkg.check.sparql_shapes.native_select`), and the problem strings are read
from that text, so the results are the ones the query gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import RDF

from .consistency import ACTOR_RELATIONS

__all__ = ["reification_violations"]

_PROBLEMS = re.compile(r'BIND\s*\(\s*"([^"]*)"\s+AS\s+\?problem\s*\)')


def reification_violations(
    dataset: ox.Dataset | ox.Store, select: str
) -> Iterator[tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, Any, str]]:
    """``(this, path, value, problem)`` for every solution the bundled query would give."""
    missing, unasserted = _PROBLEMS.findall(select)
    relations: list[Any] = [ox.NamedNode(str(p)) for p in ACTOR_RELATIONS]
    kinds = set(relations)
    asserted: set[tuple[Any, Any, Any]] = set()
    for predicate in relations:
        for quad in _quads(dataset, predicate):
            asserted.add((quad.subject, predicate, quad.object))
    reified: set[tuple[Any, Any, Any]] = set()
    rdf_subject = ox.NamedNode(str(RDF.subject))
    rdf_predicate = ox.NamedNode(str(RDF.predicate))
    rdf_object = ox.NamedNode(str(RDF.object))
    for quad in _quads(dataset, rdf_subject):
        own = _subject_quads(dataset, quad.subject)
        predicates = [q.object for q in own if q.predicate == rdf_predicate]
        objects = [q.object for q in own if q.predicate == rdf_object]
        for predicate in predicates:
            if predicate in kinds:
                reified.update((quad.object, predicate, obj) for obj in objects)
    for this, path, value in sorted(asserted - reified, key=str):
        yield this, path, value, missing
    for this, path, value in sorted(reified - asserted, key=str):
        yield this, path, value, unasserted


def _quads(data: ox.Dataset | ox.Store, predicate: ox.NamedNode) -> Iterator[ox.Quad]:
    if isinstance(data, ox.Dataset):
        quads = data.quads_for_predicate(predicate)
    else:
        quads = data.quads_for_pattern(None, predicate, None)
    return (q for q in quads if isinstance(q.graph_name, ox.DefaultGraph))


def _subject_quads(data: ox.Dataset | ox.Store, subject: Any) -> list[ox.Quad]:
    if isinstance(data, ox.Dataset):
        quads = data.quads_for_subject(subject)
    else:
        quads = data.quads_for_pattern(subject, None, None)
    return [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
