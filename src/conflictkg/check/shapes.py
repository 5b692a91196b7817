"""SHACL validation with pyshacl, behind a typed report.

pyshacl's ``(conforms, results_graph, text)`` tuple stops here: :func:`check_shapes` returns
a :class:`ValidationReport` of sorted, de-duplicated :class:`Violation` values. Most callers
use :func:`conflictkg.validate.validate_graph`, which loads the bundled shapes first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyshacl
from pyshacl.errors import ReportableRuntimeError
from rdflib import RDF, BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result

from ..errors import ResourceError
from ..rdf.vocab import INSTANCE_NS, PREFIXES

__all__ = ["ValidationReport", "Violation", "check_shapes", "compact", "term_text"]

SHAPES_NS = "https://w3id.org/conflictkg/shapes#"

_PREFIXES = (
    *PREFIXES,
    ("cks", SHAPES_NS),
    ("id", str(INSTANCE_NS)),
    ("sh", str(SH)),
)
_BRACKETED_IRI = re.compile(r"<([^<>\s]*)>")


def _prefixed(iri: str) -> str | None:
    for prefix, namespace in _PREFIXES:
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace) :]}"
    return None


def compact(text: str) -> str:
    """An IRI, or the IRIs in ``<...>`` inside ``text``, written as prefixed names.

    >>> compact("https://w3id.org/conflictkg/ontology#supports")
    'ck:supports'
    >>> compact('"7"^^<http://www.w3.org/2001/XMLSchema#integer>')
    '"7"^^xsd:integer'
    """
    if text.startswith(("http://", "https://")):
        return _prefixed(text) or f"<{text}>"
    return _BRACKETED_IRI.sub(lambda m: _prefixed(m.group(1)) or m.group(0), text)


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result.

    ``focus``, ``shape``, ``path`` and ``value`` are IRIs as plain strings, ``_:id`` for a
    blank node, a literal in N-Triples syntax, and a complex path in SPARQL property path
    syntax; ``severity`` is ``Violation``, ``Warning`` or ``Info``; ``value`` is the
    offending value node, when the constraint has one.
    """

    focus: str
    path: str | None
    message: str
    severity: str
    shape: str
    value: str | None = None

    def __str__(self) -> str:
        where = compact(self.focus) + (f" {compact(self.path)}" if self.path else "")
        shown = self.value is not None and self.value != self.focus
        value = f" (value {compact(self.value or '')})" if shown else ""
        return f"{self.severity}: {where}{value}: {self.message} [{compact(self.shape)}]"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a SHACL validation: sorted, de-duplicated violations."""

    conforms: bool
    violations: tuple[Violation, ...]

    def text(self) -> str:
        """A readable report: a summary line, then one line per violation."""
        if self.conforms and not self.violations:
            return "SHACL: conforms."
        verdict = "conforms" if self.conforms else "does not conform"
        lines = [f"SHACL: {verdict}, {len(self.violations)} result(s):"]
        lines.extend(f"  {violation}" for violation in self.violations)
        return "\n".join(lines)


def term_text(term: Node) -> str:
    """A term as :class:`Violation` fields hold it: IRI, ``_:id``, or N-Triples literal."""
    if isinstance(term, Literal):
        return term.n3()
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _path_text(results: Graph, path: Node) -> str:
    """A SHACL property path in SPARQL property path syntax."""
    if isinstance(path, URIRef):
        return str(path)
    if results.value(path, RDF.first) is not None:
        return "/".join(_path_text(results, step) for step in results.items(path))
    for predicate, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "({})*"),
        (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    ):
        inner = results.value(path, predicate)
        if inner is not None:
            return template.format(_path_text(results, inner))
    alternatives = results.value(path, SH.alternativePath)
    if alternatives is not None:
        steps = (_path_text(results, step) for step in results.items(alternatives))
        return "(" + "|".join(steps) + ")"
    return term_text(path)


def _message(results: Graph, result: Node) -> str:
    messages = sorted(results.objects(result, SH.resultMessage), key=str)
    english = [m for m in messages if isinstance(m, Literal) and m.language in (None, "en")]
    chosen = english or messages
    if chosen:
        return str(chosen[0])
    component = results.value(result, SH.sourceConstraintComponent)
    return f"fails {compact(str(component))}" if component is not None else "fails a constraint"


def _violations(results: Graph) -> tuple[Violation, ...]:
    found: set[Violation] = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        severity = results.value(result, SH.resultSeverity)
        shape = results.value(result, SH.sourceShape)
        value = results.value(result, SH.value)
        found.add(
            Violation(
                focus=term_text(focus) if focus is not None else "",
                path=_path_text(results, path) if path is not None else None,
                message=_message(results, result),
                severity=str(severity).rpartition("#")[2] if severity is not None else "Violation",
                shape=term_text(shape) if shape is not None else "",
                value=term_text(value) if value is not None else None,
            )
        )
    return tuple(
        sorted(found, key=lambda v: (v.focus, v.shape, v.path or "", v.value or "", v.message))
    )


@lru_cache(maxsize=32)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _PreparedQueryGraph(Graph):
    """A view of a graph (same store, nothing copied) that parses each SPARQL text once.

    pyshacl hands the text of a SHACL-SPARQL constraint to ``Graph.query`` once per focus
    node, and parsing it costs far more than running it; this view keeps the parsed query.
    """

    def query(self, query_object: str | Query, *args: Any, **kwargs: Any) -> Result:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def _with_query_cache(data: Graph, ontology: Graph | None) -> Graph:
    """``data`` behind the query cache: a view of its store, or with ``ontology`` a new union.

    The union is what pyshacl's own ``ont_graph`` mixing would build, so ``data`` is never
    modified either way.
    """
    if ontology is None:
        return _PreparedQueryGraph(
            store=data.store, identifier=data.identifier, namespace_manager=data.namespace_manager
        )
    union = _PreparedQueryGraph(identifier=data.identifier)
    union += data
    union += ontology
    return union


def check_shapes(data: Graph, shapes: Graph, ontology: Graph | None = None) -> ValidationReport:
    """Validate ``data`` against ``shapes`` with pyshacl, without inference.

    If ``ontology`` is given it is mixed into a copy of the data first, so that ``sh:class``
    and ``sh:targetClass`` follow its ``rdfs:subClassOf``; ``data`` is never modified.
    Raises :class:`ResourceError` if the shapes cannot be used.
    """
    target, mix_in = data, ontology
    if type(data) is Graph:  # not a Dataset, whose named graphs pyshacl handles itself
        target, mix_in = _with_query_cache(data, ontology), None
    try:
        conforms, results, _ = pyshacl.validate(
            target, shacl_graph=shapes, ont_graph=mix_in, inference="none"
        )
    except ReportableRuntimeError as exc:
        raise ResourceError(f"SHACL validation cannot run: {exc.message}") from exc
    if not isinstance(results, Graph):  # pyshacl's ValidationFailure: the shapes are unusable
        raise ResourceError(f"SHACL validation cannot run: {results}")
    return ValidationReport(conforms=bool(conforms), violations=_violations(results))
