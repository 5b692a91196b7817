"""The SPARQL 1.1 Protocol, query operation only: a request in, a response out.

``GET /sparql?query=...``, ``POST`` of a form (``query=...``) or of the query itself
(``application/sparql-query``); ``default-graph-uri`` and ``named-graph-uri`` choose the
dataset from the store's graphs. Without them the default graph is the union of every graph
in the store, so ``?a ck:supports ?b`` finds the edges of every document, and ``GRAPH ?g``
reaches each document's own graph.

Results by content negotiation (the ``Accept`` header, or a ``format`` parameter such as
``csv``): SELECT and ASK as SPARQL JSON (the default), XML, CSV or TSV; CONSTRUCT and
DESCRIBE as Turtle (the default), N-Triples, RDF/XML or JSON-LD.

The endpoint is read-only: an ``update`` parameter or an ``application/sparql-update`` body
is refused with 403, and a query holding update keywords, ``SERVICE`` or ``FROM`` is
refused with 400 by :func:`conflictkg.store.query.check_query` (the store never reaches the
network or the disk).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs

import pyoxigraph as ox

from ..errors import QueryError
from ..rdf.vocab import PREFIXES
from ..store.query import check_query

__all__ = ["MAX_BODY", "Response", "negotiate", "sparql_response"]

MAX_BODY = 1_000_000  # bytes of a POSTed query or form


@dataclass(frozen=True)
class _Format:
    name: str  # as a format= parameter gives it
    media: str  # what the response says it is
    also: tuple[str, ...]  # other media types clients ask for
    serializer: ox.QueryResultsFormat | ox.RdfFormat


_RESULTS = (  # the first is the default
    _Format(
        "json", "application/sparql-results+json", ("application/json",), ox.QueryResultsFormat.JSON
    ),
    _Format(
        "xml",
        "application/sparql-results+xml",
        ("application/xml", "text/xml"),
        ox.QueryResultsFormat.XML,
    ),
    _Format("csv", "text/csv", (), ox.QueryResultsFormat.CSV),
    _Format("tsv", "text/tab-separated-values", (), ox.QueryResultsFormat.TSV),
)
_GRAPHS = (
    _Format("turtle", "text/turtle", ("application/x-turtle",), ox.RdfFormat.TURTLE),
    _Format("ntriples", "application/n-triples", ("text/plain",), ox.RdfFormat.N_TRIPLES),
    _Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), ox.RdfFormat.RDF_XML),
    _Format("jsonld", "application/ld+json", ("application/json",), ox.RdfFormat.JSON_LD),
)


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


def _error(status: int, message: str) -> Response:
    return Response(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


_MEDIA_RANGE = re.compile(r"^\s*([\w.+*-]+)/([\w.+*-]+)\s*$")


def _accepted(accept: str) -> list[tuple[str, str, float]]:
    """``(type, subtype, q)`` of each media range of an Accept header."""
    ranges = []
    for item in accept.split(","):
        media, *params = item.split(";")
        match = _MEDIA_RANGE.match(media)
        if not match:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((match.group(1).lower(), match.group(2).lower(), q))
    return ranges


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The media type of ``offers`` that ``accept`` prefers (RFC 9110: the most specific
    matching range gives each offer its weight; ties go to the earlier offer), or ``None``
    when the client accepts none of them. No header accepts everything."""
    if not accept or not accept.strip():
        return offers[0] if offers else None
    ranges = _accepted(accept)
    best, best_q = None, 0.0
    for offer in offers:
        kind, sub = offer.split("/")
        weights = [
            (specific, q)
            for t, s, q in ranges
            for specific in [2 if (t, s) == (kind, sub) else 1 if (t, s) == (kind, "*") else 0]
            if (t, s) in ((kind, sub), (kind, "*"), ("*", "*"))
        ]
        if not weights:
            continue
        q = max(weights)[1]
        if q > best_q:
            best, best_q = offer, q
    return best


def _choose(formats: Sequence[_Format], accept: str | None, asked: Sequence[str]) -> _Format | None:
    """The format a ``format=`` parameter names, else the one the Accept header prefers."""
    for value in asked:
        for candidate in formats:
            if value.strip().lower() in (candidate.name, candidate.media, *candidate.also):
                return candidate
    by_media: dict[str, _Format] = {}
    for candidate in formats:
        for media in (candidate.media, *candidate.also):
            by_media.setdefault(media, candidate)
    chosen = negotiate(accept, list(by_media))
    return None if chosen is None else by_media[chosen]


def _parameters(
    method: str, query_string: str, content_type: str, body: bytes
) -> dict[str, list[str]]:
    params = parse_qs(query_string, keep_blank_values=True)
    if method != "POST":
        return params
    media = content_type.split(";")[0].strip().lower()
    if media == "application/x-www-form-urlencoded":
        form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        for name, values in form.items():
            params.setdefault(name, []).extend(values)
    elif media == "application/sparql-query":
        params["query"] = [*params.get("query", []), body.decode("utf-8", "replace")]
    elif media == "application/sparql-update":
        params["update"] = [body.decode("utf-8", "replace")]
    else:
        params["__unsupported__"] = [media or "(none)"]
    return params


def _graphs(values: Sequence[str], parameter: str) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(value) for value in values]
    except ValueError as exc:
        raise QueryError(f"{parameter}: {exc}") from exc


def sparql_response(
    store: ox.Store,
    method: str,
    query_string: str,
    headers: Mapping[str, str],
    body: bytes = b"",
) -> Response:
    """Answer one request to the endpoint (``headers`` with lower-case names)."""
    if method not in ("GET", "POST"):
        return _error(405, f"{method} is not allowed: use GET or POST")
    params = _parameters(method, query_string, headers.get("content-type", ""), body)
    if "__unsupported__" in params:
        return _error(
            415,
            f"cannot read a {params['__unsupported__'][0]} body: POST "
            "application/x-www-form-urlencoded or application/sparql-query",
        )
    if "update" in params:
        return _error(403, "this endpoint is read-only: SPARQL Update is refused")
    queries = params.get("query", [])
    if len(queries) != 1:
        return _error(400, "give exactly one query (the query parameter or a POSTed query)")
    try:
        check_query(queries[0])
        default = _graphs(params.get("default-graph-uri", []), "default-graph-uri")
        named = _graphs(params.get("named-graph-uri", []), "named-graph-uri")
        answer = store.query(
            queries[0],
            prefixes=dict(PREFIXES),
            use_default_graph_as_union=not default,
            default_graph=default or None,  # type: ignore[arg-type]
            named_graphs=named or None,  # type: ignore[arg-type]
        )
    except QueryError as exc:
        return _error(400, str(exc))
    except SyntaxError as exc:
        return _error(400, f"invalid SPARQL query: {exc}")
    except (OSError, RuntimeError, ValueError) as exc:
        return _error(500, f"the query failed: {exc}")
    asked = params.get("format", []) + params.get("output", []) + params.get("results", [])
    formats = _GRAPHS if isinstance(answer, ox.QueryTriples) else _RESULTS
    chosen = _choose(formats, headers.get("accept"), asked)
    if chosen is None:
        offered = ", ".join(f.media for f in formats)
        return _error(406, f"cannot answer in any accepted format; this query gives {offered}")
    try:
        data = answer.serialize(format=chosen.serializer)  # type: ignore[arg-type]
    except (OSError, RuntimeError, ValueError) as exc:
        return _error(500, f"the query failed: {exc}")
    return Response(200, f"{chosen.media}; charset=utf-8", data or b"")
