"""The bundled link check, computed as a set difference.

``cks:SameAsShape`` says, in SHACL-SPARQL, that an ``owl:sameAs`` to an IRI outside
Wikidata needs an ``owl:Axiom`` naming the triple (``owl:annotatedSource``,
``owl:annotatedProperty owl:sameAs``, ``owl:annotatedTarget``) with a ``ck:matchedBy``.
Run as SPARQL, once per subject of ``owl:sameAs``, it needs the whole graph copied into an
Oxigraph ``Store`` first; as sets it is one pass over the ``owl:sameAs`` triples and one
over the axioms. The solutions are the ones pyshacl gives (rdflib's SPARQL engine, the
reference): ``REGEX`` is Python's ``re.search`` with the pattern read from the query's
text, and ``STR`` of a blank node is its label (not an error, as in Oxigraph).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import OWL

from ..rdf.vocab import CK

__all__ = ["link_pattern", "unconfirmed_links"]

_REGEX = re.compile(r'REGEX\s*\(\s*STR\s*\(\s*\?value\s*\)\s*,\s*"([^"\\]*)"\s*\)', re.I)
_SAME_AS = ox.NamedNode(str(OWL.sameAs))
_SOURCE = ox.NamedNode(str(OWL.annotatedSource))
_PROPERTY = ox.NamedNode(str(OWL.annotatedProperty))
_TARGET = ox.NamedNode(str(OWL.annotatedTarget))
_MATCHED_BY = ox.NamedNode(str(CK.matchedBy))


def link_pattern(select: str) -> re.Pattern[str] | None:
    """The pattern a link target must match to need no axiom (the query's ``REGEX``)."""
    found = _REGEX.search(select)
    return re.compile(found.group(1)) if found else None


def unconfirmed_links(dataset: ox.Dataset, pattern: re.Pattern[str]) -> Iterator[tuple[Any, Any]]:
    """``(this, value)`` for every ``owl:sameAs`` triple of the default graph whose value does
    not match ``pattern`` and that no axiom with a ``ck:matchedBy`` confirms, in order."""
    confirmed: set[tuple[Any, Any]] = set()
    for axiom in {q.subject for q in _default(dataset.quads_for_predicate(_SOURCE))}:
        own = list(_default(dataset.quads_for_subject(axiom)))
        if not any(q.predicate == _MATCHED_BY for q in own):
            continue
        if not any(q.predicate == _PROPERTY and q.object == _SAME_AS for q in own):
            continue
        targets = [q.object for q in own if q.predicate == _TARGET]
        confirmed.update((q.object, t) for q in own if q.predicate == _SOURCE for t in targets)
    found = [
        (quad.subject, quad.object)
        for quad in _default(dataset.quads_for_predicate(_SAME_AS))
        if pattern.search(_text(quad.object)) is None
        and (quad.subject, quad.object) not in confirmed
    ]
    yield from sorted(found, key=str)


def _text(term: Any) -> str:
    """``STR`` of a term as rdflib gives it: an IRI, a literal's lexical form, a label."""
    return str(term.value)


def _default(quads: Iterator[ox.Quad]) -> Iterator[ox.Quad]:
    return (q for q in quads if isinstance(q.graph_name, ox.DefaultGraph))
