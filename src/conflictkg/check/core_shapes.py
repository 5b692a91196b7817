"""SHACL Core, natively, over an Oxigraph dataset: the components our shapes use, fast.

pyshacl spends about a millisecond per focus node and property shape (its generic
machinery over rdflib), so a graph of 5 million triples would take more than an hour.
This module evaluates the same constraints directly over an Oxigraph ``Dataset`` (indexed
by subject and object, terms exactly as written) in plain Python: a few microseconds each.

It supports what the bundled shapes use, and refuses (:func:`compile_shapes` returns
``None``) shapes graphs that use anything else, which are then validated by pyshacl in
batches (:mod:`conflictkg.check.batches`):

- targets: ``sh:targetClass`` (through ``rdfs:subClassOf``), ``sh:targetNode``,
  ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``;
- on a node or its values: ``sh:nodeKind``, ``sh:class``, ``sh:datatype``, ``sh:in``,
  ``sh:hasValue``, ``sh:pattern`` (``sh:flags``), ``sh:minLength``, ``sh:maxLength``,
  ``sh:languageIn``, ``sh:uniqueLang``, ``sh:minInclusive``/``maxInclusive``/
  ``minExclusive``/``maxExclusive``, ``sh:xone``/``sh:or``/``sh:and``/``sh:not`` of such
  shapes;
- property shapes with a predicate or ``sh:inversePath`` path: all of the above and
  ``sh:minCount``, ``sh:maxCount``, ``sh:disjoint``, ``sh:equals``, ``sh:lessThan``,
  ``sh:lessThanOrEquals``, ``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount`` and/or
  ``sh:qualifiedMaxCount`` (not ``sh:qualifiedValueShapesDisjoint true``);
- ``sh:message``, ``sh:severity``, ``sh:deactivated``; ``sh:sparql`` is run elsewhere.

Every shape that can report must carry an ``sh:message`` (pyshacl's generated messages
are not reproduced). The results are the :class:`~conflictkg.check.shapes.Violation`
values pyshacl's report gives for the same graph (``tests/check`` compares the two).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import OWL, SH

from .core_constraints import COUNT_CHECKS, COUNT_KEYS, KEYS, NO_VALUE, VALUE_CHECKS, VALUE_KEYS
from .shapes import Violation, term_text
from .terms import to_oxigraph, to_rdflib

__all__ = ["CoreShape", "compile_shapes", "core_violations"]

Term = Any
"""An Oxigraph term (NamedNode, BlankNode or Literal); pyoxigraph's stubs include triples."""
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_REMEMBER_TYPES_FROM = 64
"""A node with more triples than this has its types remembered (see ``Data.types``)."""
_QUALIFIERS = (SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint)
_OTHER = frozenset(
    {
        RDF.type,
        SH.message,
        SH.severity,
        SH.deactivated,
        SH.name,
        SH.description,
        SH.order,
        SH.group,
        SH.flags,
        SH.path,
        SH.property,
        *_QUALIFIERS,
        RDFS.label,
        RDFS.comment,
        *_TARGETS,
    }
)
_SUPPORTED = frozenset({*VALUE_KEYS, *COUNT_KEYS, *_OTHER})
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


@dataclass
class CoreShape:
    """A compiled shape: its node, targets, path (property shapes), constraints, report."""

    node: Node
    targets: dict[Node, list[Node]] = field(default_factory=dict)
    path: Node | None = None
    path_term: Any = None
    """``path`` as an Oxigraph term."""
    inverse: bool = False
    constraints: list[tuple[Node, Any]] = field(default_factory=list)
    properties: list[CoreShape] = field(default_factory=list)
    message: str = ""
    severity: str = "Violation"


class _Unsupported(Exception):
    pass


def compile_shapes(shapes: Graph) -> list[CoreShape] | None:
    """The shapes with targets, compiled; ``None`` if any shape uses an unsupported feature
    (``sh:sparql`` included: remove the constraints run elsewhere first)."""
    try:
        compiled: dict[Node, CoreShape] = {}
        tops = {s for target in _TARGETS for s in shapes.subjects(target, None)}
        return [
            _compile(shapes, node, compiled)
            for node in sorted(tops, key=str)
            if shapes.value(node, SH.deactivated) != Literal(True)
        ]
    except _Unsupported:
        return None


def _compile(shapes: Graph, node: Node, compiled: dict[Node, CoreShape]) -> CoreShape:
    if node in compiled:
        return compiled[node]
    shape = compiled[node] = CoreShape(node)
    if (node, RDF.type, RDFS.Class) in shapes or (node, RDF.type, OWL.Class) in shapes:
        raise _Unsupported()  # implicit class targets
    for predicate, value in shapes.predicate_objects(node):
        if predicate not in _SUPPORTED:
            raise _Unsupported()
        if predicate in _TARGETS:
            shape.targets.setdefault(predicate, []).append(value)
        elif predicate == SH.qualifiedValueShape:
            qualified = _qualified(shapes, node, value, compiled)
            shape.constraints.append((KEYS[predicate], qualified))
        elif predicate in VALUE_KEYS or predicate in COUNT_KEYS:
            key = KEYS[predicate]  # the module's own object: compared with `is` when checking
            shape.constraints.append((key, _argument(shapes, predicate, value, compiled)))
        elif predicate == SH.property:
            shape.properties.append(_compile(shapes, value, compiled))
    path = shapes.value(node, SH.path)
    if path is not None:
        inverse = shapes.value(path, SH.inversePath) if isinstance(path, BNode) else None
        if not isinstance(path, URIRef) and not isinstance(inverse, URIRef):
            raise _Unsupported()
        shape.path, shape.inverse = (inverse, True) if inverse is not None else (path, False)
        shape.path_term = to_oxigraph(shape.path)
    elif any(p in COUNT_KEYS for p, _ in shape.constraints):
        raise _Unsupported()
    if any(p in _QUALIFIERS for p in shapes.predicates(node)) and not any(
        shapes.objects(node, SH.qualifiedValueShape)
    ):
        raise _Unsupported()
    messages = [m for m in shapes.objects(node, SH.message) if isinstance(m, Literal)]
    english = sorted(str(m) for m in messages if m.language in (None, "en"))
    chosen = english or sorted(str(m) for m in messages)
    shape.message = chosen[0] if chosen else ""
    severity = shapes.value(node, SH.severity)
    shape.severity = str(severity).rpartition("#")[2] if severity is not None else "Violation"
    return shape


def _qualified(
    shapes: Graph, node: Node, value: Node, compiled: dict[Node, CoreShape]
) -> tuple[CoreShape, int | None, int | None]:
    """``(value shape, qualifiedMinCount, qualifiedMaxCount)``; sibling shapes
    (``sh:qualifiedValueShapesDisjoint true``) are left to pyshacl."""
    if any(
        isinstance(d, Literal) and d.value is True
        for d in shapes.objects(node, SH.qualifiedValueShapesDisjoint)
    ):
        raise _Unsupported()
    least, most = (_count(shapes, node, p) for p in (SH.qualifiedMinCount, SH.qualifiedMaxCount))
    if least is None and most is None:
        raise _Unsupported()
    return _compile(shapes, value, compiled), least, most


def _count(shapes: Graph, node: Node, predicate: Node) -> int | None:
    counts = list(shapes.objects(node, predicate))
    if not counts:
        return None
    if len(counts) > 1 or not isinstance(counts[0], Literal) or type(counts[0].value) is not int:
        raise _Unsupported()
    return counts[0].value


def _argument(
    shapes: Graph, predicate: Node, value: Node, compiled: dict[Node, CoreShape]
) -> object:
    if predicate in (SH.xone, SH["or"], SH["and"]):
        return [_compile(shapes, member, compiled) for member in shapes.items(value)]
    if predicate == SH["not"]:
        return _compile(shapes, value, compiled)
    if predicate in (SH["in"], SH.languageIn):
        return [to_oxigraph(member) for member in shapes.items(value)]
    if predicate == SH.pattern:
        flags = 0
        for node in shapes.subjects(SH.pattern, value):
            for letter in str(shapes.value(node, SH.flags) or ""):
                flags |= _FLAGS.get(letter, 0)
        return re.compile(str(value), flags)
    if predicate in (SH.minCount, SH.maxCount, SH.minLength, SH.maxLength):
        return int(str(value))
    return to_oxigraph(value)


# ----------------------------------------------------------------------- evaluation


class Data:
    """Lookups over the default graph of a dataset (plus the ontology's class hierarchy)."""

    def __init__(self, dataset: ox.Dataset, ontology: Graph | None) -> None:
        self.dataset = dataset
        self.superclasses: dict[Term, set[Term]] = {}
        self._types: dict[Term, list[Term]] = {}
        parents: dict[Term, set[Term]] = {}
        pairs = [(q.subject, q.object) for q in dataset.quads_for_predicate(_SUBCLASS)]
        if ontology is not None:
            pairs += [
                (to_oxigraph(s), to_oxigraph(o))
                for s, o in ontology.subject_objects(RDFS.subClassOf)
            ]
        for child, parent in pairs:
            parents.setdefault(child, set()).add(parent)
        for child in parents:
            seen, todo = {child}, [child]
            while todo:
                for parent in parents.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            self.superclasses[child] = seen

    def values(self, node: Term, path: Term, inverse: bool = False) -> list[Term]:
        if inverse:
            return [
                q.subject
                for q in self.dataset.quads_for_object(node)
                if q.predicate == path and isinstance(q.graph_name, ox.DefaultGraph)
            ]
        if isinstance(node, ox.Literal):
            return []
        return [
            q.object
            for q in self.dataset.quads_for_subject(node)
            if q.predicate == path and isinstance(q.graph_name, ox.DefaultGraph)
        ]

    def outgoing(self, node: Term) -> dict[Term, list[Term]]:
        """The values of ``node`` by predicate (one look at its triples for all)."""
        found: dict[Term, list[Term]] = {}
        if not isinstance(node, ox.Literal):
            for q in self.dataset.quads_for_subject(node):
                if isinstance(q.graph_name, ox.DefaultGraph):
                    found.setdefault(q.predicate, []).append(q.object)
        return found

    def is_instance(self, node: Term, cls: Term) -> bool:
        return any(cls in self.superclasses.get(t, {t}) for t in self.types(node))

    def types(self, node: Term) -> list[Term]:
        """The ``rdf:type`` values of ``node``. A dataset finds them only among all the
        node's triples, so those of a node with many (an actor in thousands of relations,
        checked by ``sh:class`` from every statement attributed to it) are remembered."""
        known = self._types.get(node)
        if known is not None:
            return known
        found, seen = [], 0
        for quad in [] if isinstance(node, ox.Literal) else self.dataset.quads_for_subject(node):
            seen += 1
            if quad.predicate == _RDF_TYPE and isinstance(quad.graph_name, ox.DefaultGraph):
                found.append(quad.object)
        if seen > _REMEMBER_TYPES_FROM:
            self._types[node] = found
        return found

    def focus_nodes(self, shape: CoreShape) -> Iterator[Term]:
        """The targets of ``shape``, each once, in a fixed order."""
        seen: set[Term] = set()
        classes = {to_oxigraph(c) for c in shape.targets.get(SH.targetClass, [])}
        classes |= {sub for sub, supers in self.superclasses.items() if supers & classes}
        found: list[Term] = [to_oxigraph(n) for n in shape.targets.get(SH.targetNode, [])]
        for cls in sorted(classes, key=str):
            found += [
                q.subject
                for q in self.dataset.quads_for_object(cls)
                if q.predicate == _RDF_TYPE and isinstance(q.graph_name, ox.DefaultGraph)
            ]
        for key, position in ((SH.targetSubjectsOf, 0), (SH.targetObjectsOf, 2)):
            for prop in shape.targets.get(key, []):
                for quad in self.dataset.quads_for_predicate(to_oxigraph(prop)):
                    if isinstance(quad.graph_name, ox.DefaultGraph):
                        found.append(quad.subject if position == 0 else quad.object)
        for node in found:
            if node not in seen:
                seen.add(node)
                yield node


def core_violations(
    dataset: ox.Dataset, shapes: list[CoreShape], ontology: Graph | None
) -> Iterator[Violation]:
    """The results of ``shapes`` over the default graph of ``dataset``."""
    data = Data(dataset, ontology)
    for shape in shapes:
        for focus in data.focus_nodes(shape):
            yield from _validate(data, shape, focus)


def _validate(
    data: Data, shape: CoreShape, focus: Term, own: dict[Term, list[Term]] | None = None
) -> Iterator[Violation]:
    """The results of ``shape`` on ``focus``; ``own`` (the focus node's values by
    predicate, when its node shape has read them once for all its property shapes)."""
    if shape.path is None:
        for value in _failing_values(data, shape, [focus], focus):
            yield _violation(shape, focus, value)
    else:
        if own is not None and not shape.inverse:
            values = own.get(shape.path_term, [])
        else:
            values = data.values(focus, shape.path_term, shape.inverse)
        for value in _failing_values(data, shape, values, focus):
            yield _violation(shape, focus, value)
    if shape.properties:
        own = data.outgoing(focus) if len(shape.properties) > 1 else None
        for prop in shape.properties:
            yield from _validate(data, prop, focus, own)


def _violation(shape: CoreShape, focus: Term, value: object) -> Violation:
    path = None
    if shape.path is not None:
        path = f"^{shape.path}" if shape.inverse else str(shape.path)
    shown = None if value is NO_VALUE else term_text(to_rdflib(value))
    return Violation(
        term_text(to_rdflib(focus)),
        path,
        shape.message,
        shape.severity,
        term_text(shape.node),
        shown,
    )


def conforms(data: Data, shape: CoreShape, focus: Term) -> bool:
    return next(_validate(data, shape, focus), None) is None


def _failing_values(
    data: Data, shape: CoreShape, values: list[Term], focus: Term
) -> Iterator[object]:
    for key, argument in shape.constraints:
        check = VALUE_CHECKS.get(key)
        if check is not None:
            for value in values:
                if not check(data, value, argument):
                    yield value
        else:
            yield from COUNT_CHECKS[key](data, shape, values, focus, argument)
