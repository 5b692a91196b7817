"""SPARQL over the union of a store's graphs, answers as plain strings.

pyoxigraph stops here. Every query runs with the union of the store's graphs as its
default graph, so a Turtle file (all in the default graph) and a corpus store (one named
graph per document) read the same. pyoxigraph 0.5 gives a triple that several graphs hold
once per graph (oxigraph/oxigraph#1919): the queries of this package use DISTINCT.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from ..errors import QueryError
from ..rdf.vocab import PREFIXES

__all__ = ["CK", "Row", "iri", "iri_values", "number", "select"]

CK = dict(PREFIXES)["ck"]

Row = dict[str, str | None]


def select(
    store: ox.Store, query: str, bindings: Mapping[str, ox.NamedNode] | None = None
) -> list[Row]:
    """Rows of a SELECT query over the union graph, terms as plain strings (IRIs bare)."""
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): v for k, v in (bindings or {}).items()
    }
    try:
        answer = store.query(
            query,
            prefixes=dict(PREFIXES),
            use_default_graph_as_union=True,
            substitutions=substitutions or None,
        )
        assert isinstance(answer, ox.QuerySolutions)
        names = [v.value for v in answer.variables]
        return [{n: None if s[n] is None else s[n].value for n in names} for s in answer]
    except (SyntaxError, OSError, RuntimeError) as exc:
        raise QueryError(f"cannot read the graph: {exc}") from exc


def iri(value: str) -> ox.NamedNode:
    """``value`` as an IRI; :class:`QueryError` if it is not one."""
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise QueryError(f"{value!r} is not an IRI") from exc


def iri_values(name: str, iris: Iterable[str]) -> str:
    """A VALUES block of IRIs, each checked by pyoxigraph (so none can end the block)."""
    return f"VALUES ?{name} {{ {' '.join(str(iri(i)) for i in sorted(iris))} }}"


def number(text: str | None) -> float:
    """A numeric literal's value (0 for none or a malformed one)."""
    try:
        return float(text) if text is not None else 0.0
    except ValueError:
        return 0.0
