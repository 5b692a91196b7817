"""Push graphs to a remote store over the SPARQL 1.1 Graph Store HTTP Protocol.

>>> push(Path("corpus"), "http://127.0.0.1:7878/store")   # doctest: +SKIP

``PUT`` replaces a graph (pushing twice leaves the same store), ``POST`` adds to it. A
corpus store goes graph by graph: each document's named graph and the actor layer under
their own IRIs (or, with ``graph``, everything merged into that one graph); an RDF file
goes to ``graph`` or the default graph, or graph by graph if it is N-Quads or TriG.

Each graph is sent as N-Triples, then read back (``GET``, N-Triples or Turtle) and its
triples counted: after ``PUT`` the remote graph must hold exactly the triples sent, after
``POST`` at least as many. Timeouts, retries with backoff on 5xx answers and refused
connections, and one-line errors for 4xx answers come from :mod:`conflictkg.store.http`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import httpx
import pyoxigraph as ox

from ..errors import StoreError
from ..rdf.formats import sorted_quads
from .export import source_quads
from .http import Retry, new_client, send

__all__ = ["PushResult", "PushedGraph", "push", "push_quads"]

Method = Literal["PUT", "POST"]
_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/n-quads;q=0.5"
_PARSERS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


@dataclass(frozen=True)
class PushedGraph:
    """One graph pushed: its IRI (``None``: the default graph), the triples sent and the
    triples the remote graph holds afterwards."""

    graph: str | None
    sent: int
    remote: int


@dataclass(frozen=True)
class PushResult:
    """What a push did, graph by graph."""

    endpoint: str
    method: Method
    graphs: tuple[PushedGraph, ...]

    @property
    def triples(self) -> int:
        return sum(g.sent for g in self.graphs)


def _target(endpoint: str, graph: str | None) -> tuple[str, dict[str, str]]:
    if graph is None:
        joiner = "&" if "?" in endpoint else "?"
        return f"{endpoint}{joiner}default", {}
    return endpoint, {"graph": graph}


def _remote_count(client: httpx.Client, endpoint: str, graph: str | None, retry: Retry) -> int:
    url, params = _target(endpoint, graph)
    request = client.build_request("GET", url, params=params or None, headers={"Accept": _ACCEPT})
    response = send(client, request, f"GET {_name(graph)} from {endpoint}", retry)
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = _PARSERS.get(media)
    if fmt is None:
        raise StoreError(f"{endpoint}: cannot count the triples of a {media or 'typeless'} answer")
    try:
        return len({q.triple for q in ox.parse(response.content, format=fmt)})
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{endpoint}: the graph read back is not valid RDF: {exc}") from exc


def _name(graph: str | None) -> str:
    return f"<{graph}>" if graph is not None else "the default graph"


def push_quads(
    quads: list[ox.Quad],
    endpoint: str,
    *,
    graph: str | None = None,
    method: Method = "PUT",
    client: httpx.Client | None = None,
    retry: Retry | None = None,
) -> PushResult:
    """Push ``quads`` to the Graph Store ``endpoint``: each named graph of theirs under its
    name, or all of them merged into ``graph`` when it is given.

    Raises:
        StoreError: the server refuses a request (4xx), keeps failing (5xx, connection),
            or holds a different number of triples afterwards than were sent.
    """
    retry = retry or Retry()
    groups: dict[str | None, set[ox.Triple]] = {}
    for quad in sorted_quads(quads):
        name = graph
        if name is None and not isinstance(quad.graph_name, ox.DefaultGraph):
            name = quad.graph_name.value
        groups.setdefault(name, set()).add(quad.triple)
    owned = client is None
    client = client or new_client()
    pushed = []
    try:
        for name in sorted(groups, key=lambda g: (g is not None, g or "")):
            triples = sorted(
                groups[name], key=lambda t: (str(t.subject), str(t.predicate), str(t.object))
            )
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            url, params = _target(endpoint, name)
            request = client.build_request(
                method,
                url,
                params=params or None,
                content=body,
                headers={"Content-Type": "application/n-triples"},
            )
            send(client, request, f"{method} {_name(name)} to {endpoint}", retry)
            remote = _remote_count(client, endpoint, name, retry)
            if remote < len(triples) or (method == "PUT" and remote != len(triples)):
                raise StoreError(
                    f"{endpoint}: {_name(name)} holds {remote} triples after {method}, "
                    f"{len(triples)} were sent"
                )
            pushed.append(PushedGraph(name, len(triples), remote))
    finally:
        if owned:
            client.close()
    return PushResult(endpoint, method, tuple(pushed))


def push(
    source: Path,
    endpoint: str,
    *,
    graph: str | None = None,
    method: Method = "PUT",
    user: str | None = None,
    password: str | None = None,
    timeout: float = 30.0,
    retry: Retry | None = None,
) -> PushResult:
    """Push a corpus store folder or an RDF file to ``endpoint`` (see the module doc).

    Raises:
        StoreError, InputError: as :func:`push_quads`, or the source cannot be read.
    """
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError as exc:
            raise StoreError(f"--graph {graph!r} is not an absolute IRI") from exc
    quads = source_quads(Path(source))
    with new_client(user, password, timeout) as client:
        return push_quads(quads, endpoint, graph=graph, method=method, client=client, retry=retry)
