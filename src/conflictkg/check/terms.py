"""Terms between Oxigraph and rdflib, as rdflib's own Turtle parser would make them."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, Node, URIRef
from rdflib.namespace import XSD

from ..errors import InputError

__all__ = ["to_oxigraph", "to_rdflib"]

_XSD_STRING = str(XSD.string)


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


def to_oxigraph(node: Node) -> Any:
    """An rdflib term as an Oxigraph term (a plain literal is an ``xsd:string``); typed
    ``Any`` because pyoxigraph's stubs want a different union in every position."""
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype or XSD.string)))
    return ox.BlankNode(str(node)) if isinstance(node, BNode) else ox.NamedNode(str(node))
