"""Every RDF format conflictkg writes, deterministically: the same quads, the same bytes.

=========  =======================  ==============  ==========================================
format     media type               named graphs    how
=========  =======================  ==============  ==========================================
``ttl``    text/turtle              merged          the canonical writer of ``serialize``
``nt``     application/n-triples    merged          canonical N-Triples, lines sorted
``nq``     application/n-quads      kept            N-Quads, lines sorted by graph, then triple
``trig``   application/trig         kept            one canonical Turtle block per graph
``jsonld`` application/ld+json      kept            JSON-LD 1.1 (flattened per graph, prefixes
                                                    in ``@context``, subjects sorted)
=========  =======================  ==============  ==========================================

"Merged" formats hold the union of the graphs (a triple in two graphs is written once).
Quads in the default graph stay in the default graph in the formats that keep graphs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from ..errors import ExportError
from .serialize import serialize_turtle
from .vocab import PREFIXES

__all__ = ["RdfFormat", "quads_to_graph", "serialize_quads", "sorted_quads", "to_rdflib"]

_LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class RdfFormat(StrEnum):
    """The formats of ``conflictkg export`` (``--format``)."""

    TTL = "ttl"
    NT = "nt"
    NQ = "nq"
    TRIG = "trig"
    JSONLD = "jsonld"

    @property
    def keeps_graphs(self) -> bool:
        """Whether the format keeps named graphs (else they are merged)."""
        return self in (RdfFormat.NQ, RdfFormat.TRIG, RdfFormat.JSONLD)

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES[self]

    @property
    def oxigraph(self) -> ox.RdfFormat:
        """The pyoxigraph format that parses this one."""
        return _OXIGRAPH[self]

    @classmethod
    def from_path(cls, name: str) -> RdfFormat | None:
        """The format a file name's extension names (``.ttl``, ``.nt``, ``.nq``, ``.trig``,
        ``.jsonld``/``.json``), or ``None``."""
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return {"turtle": cls.TTL, "json": cls.JSONLD}.get(suffix) or next(
            (f for f in cls if f.value == suffix), None
        )


_MEDIA_TYPES = {
    RdfFormat.TTL: "text/turtle",
    RdfFormat.NT: "application/n-triples",
    RdfFormat.NQ: "application/n-quads",
    RdfFormat.TRIG: "application/trig",
    RdfFormat.JSONLD: "application/ld+json",
}
_OXIGRAPH = {
    RdfFormat.TTL: ox.RdfFormat.TURTLE,
    RdfFormat.NT: ox.RdfFormat.N_TRIPLES,
    RdfFormat.NQ: ox.RdfFormat.N_QUADS,
    RdfFormat.TRIG: ox.RdfFormat.TRIG,
    RdfFormat.JSONLD: ox.RdfFormat.JSON_LD,
}


def _key(quad: ox.Quad) -> tuple[int, str, str, str, str]:
    default = isinstance(quad.graph_name, ox.DefaultGraph)
    graph = "" if default else str(quad.graph_name)
    return (0 if default else 1, graph, str(quad.subject), str(quad.predicate), str(quad.object))


def sorted_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Distinct quads, default graph first, then by graph, subject, predicate, object."""
    return sorted(set(quads), key=_key)


def _triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    triples = {quad.triple for quad in quads}
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def to_rdflib(term: object) -> URIRef | BNode | Literal:
    """A pyoxigraph term as an rdflib term, lexical form unchanged (``normalize=False``)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value, normalize=False)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    raise ExportError(f"cannot convert {term!r} (RDF-star is not supported)")


def quads_to_graph(quads: Iterable[ox.Quad]) -> Graph:
    """The union of ``quads`` as an rdflib graph."""
    graph = Graph()
    for quad in quads:
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def _turtle_body(quads: list[ox.Quad]) -> str:
    text = serialize_turtle(quads_to_graph(quads)).decode("utf-8")
    return text.split("\n", len(PREFIXES))[-1].lstrip("\n")


def _trig(quads: list[ox.Quad]) -> bytes:
    groups: dict[str, list[ox.Quad]] = {}
    for quad in quads:
        default = isinstance(quad.graph_name, ox.DefaultGraph)
        groups.setdefault("" if default else str(quad.graph_name), []).append(quad)
    blank_graphs = [g for g, qs in groups.items() if any(_has_blank(q) for q in qs)]
    if len(blank_graphs) > 1:
        raise ExportError("cannot write TriG: blank nodes in more than one graph")
    lines = [f"@prefix {name}: <{namespace}> ." for name, namespace in PREFIXES]
    for name, members in groups.items():
        body = _turtle_body(members).rstrip("\n")
        lines.append("")
        if not name:
            lines.append(body)
            continue
        indented = "\n".join(f"    {line}" if line else "" for line in body.split("\n"))
        lines.append(f"{name} {{\n{indented}\n}}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _has_blank(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def _compact(iri: str) -> str:
    for name, namespace in PREFIXES:
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(local):
            return f"{name}:{local}"
    return iri


def _compacted(node: Any, key: str | None = None) -> Any:
    if isinstance(node, list):
        return [_compacted(item, key) for item in node]
    if isinstance(node, dict):
        return {
            (k if k.startswith("@") else _compact(k)): _compacted(v, k) for k, v in node.items()
        }
    if isinstance(node, str) and key in ("@id", "@type"):
        return _compact(node)
    return node


def _jsonld(quads: list[ox.Quad]) -> bytes:
    expanded = json.loads(_bytes(ox.serialize(quads, format=ox.RdfFormat.JSON_LD)))
    document = {
        "@context": {name: namespace for name, namespace in PREFIXES},
        "@graph": _compacted(expanded),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _bytes(data: bytes | None) -> bytes:
    assert data is not None  # pyoxigraph returns bytes when no output is given
    return data


def serialize_quads(quads: Iterable[ox.Quad], fmt: RdfFormat) -> bytes:
    """``quads`` in format ``fmt``; a function of the set of quads only.

    Raises:
        ExportError: what the format cannot carry (see :func:`serialize_turtle`).
    """
    ordered = sorted_quads(quads)
    try:
        if fmt is RdfFormat.TTL:
            return serialize_turtle(quads_to_graph(ordered))
        if fmt is RdfFormat.NT:
            return _bytes(ox.serialize(_triples(ordered), format=ox.RdfFormat.N_TRIPLES))
        if fmt is RdfFormat.NQ:
            return _bytes(ox.serialize(ordered, format=ox.RdfFormat.N_QUADS))
        if fmt is RdfFormat.TRIG:
            return _trig(ordered)
        return _jsonld(ordered)
    except (ValueError, TypeError) as exc:
        raise ExportError(f"cannot write {fmt.value}: {exc}") from exc
