"""The SPARQL 1.1 Protocol without HTTP: parameters, content negotiation, result formats,
the dataset, and what is refused."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from sample_graph import IRAN, extractions, write_named_graph_store

from conflictkg.rdf.iri import document_iri
from conflictkg.store.query import open_store
from conflictkg.view.protocol import negotiate, sparql_response

SUPPORTERS = "SELECT ?a WHERE { ?a ck:supports ?b } ORDER BY ?a"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    return open_store(store=write_named_graph_store(tmp_path_factory.mktemp("p") / "store"))


def get(
    store: ox.Store, query: str, accept: str | None = None, **extra: str
) -> tuple[int, str, str]:
    headers = {"accept": accept} if accept else {}
    response = sparql_response(store, "GET", urlencode({"query": query, **extra}), headers)
    return response.status, response.content_type, response.body.decode("utf-8")


@pytest.mark.parametrize(
    ("accept", "offers", "chosen"),
    [
        (None, ["a/x", "b/y"], "a/x"),
        ("b/y", ["a/x", "b/y"], "b/y"),
        ("a/x;q=0.5, b/y", ["a/x", "b/y"], "b/y"),
        ("*/*;q=0.1, b/*;q=0.2", ["a/x", "b/y"], "b/y"),
        ("b/*;q=0.8, b/y;q=0", ["a/x", "b/y"], None),  # the specific range wins
        ("a/x;q=0", ["a/x"], None),
        ("text/html", ["a/x"], None),
        ("garbage, a/x", ["a/x"], "a/x"),
        ("a/x;q=nope, b/y;q=0.1", ["a/x", "b/y"], "b/y"),
    ],
)
def test_negotiate(accept: str | None, offers: list[str], chosen: str | None) -> None:
    assert negotiate(accept, offers) == chosen


def test_select_in_each_format(store: ox.Store) -> None:
    status, media, body = get(store, SUPPORTERS)
    assert (status, media) == (200, "application/sparql-results+json; charset=utf-8")
    rows = json.loads(body)["results"]["bindings"]
    assert {r["a"]["value"] for r in rows} == {IRAN}  # the union of the documents' graphs
    status, media, body = get(store, SUPPORTERS, "text/csv")
    assert media.startswith("text/csv") and body.splitlines()[0] == "a"
    status, media, body = get(store, SUPPORTERS, "text/tab-separated-values")
    assert media.startswith("text/tab-separated-values") and body.splitlines()[1] == f"<{IRAN}>"
    status, media, body = get(store, SUPPORTERS, "application/sparql-results+xml")
    assert media.startswith("application/sparql-results+xml") and "<sparql" in body


def test_a_format_parameter_chooses_too(store: ox.Store) -> None:
    assert get(store, SUPPORTERS, "application/json", format="csv")[1].startswith("text/csv")
    assert get(store, SUPPORTERS, None, output="tsv")[1].startswith("text/tab")
    assert get(store, SUPPORTERS, "text/csv", format="nonsense")[1].startswith("text/csv")


def test_ask_and_construct(store: ox.Store) -> None:
    status, _, body = get(store, f"ASK {{ <{IRAN}> ck:supports ?b }}")
    assert status == 200 and json.loads(body)["boolean"] is True
    construct = f"CONSTRUCT {{ <{IRAN}> ck:supports ?b }} WHERE {{ <{IRAN}> ck:supports ?b }}"
    status, media, body = get(store, construct)
    assert media.startswith("text/turtle") and "supports" in body
    status, media, body = get(store, construct, "application/ld+json")
    assert media.startswith("application/ld+json") and json.loads(body)
    status, media, body = get(store, construct, "application/n-triples")
    assert len(body.splitlines()) == 2
    status, media, _ = get(store, construct, "application/rdf+xml")
    assert media.startswith("application/rdf+xml")


def test_the_dataset_parameters(store: ox.Store) -> None:
    """default-graph-uri and named-graph-uri choose among the store's graphs."""
    doc_b = str(document_iri(extractions()[1].document))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a rdf:Statement }"
    _, _, body = get(store, count, "text/csv", **{"default-graph-uri": doc_b})
    assert body.splitlines()[1] == "1"
    _, _, body = get(store, count, "text/csv")
    assert body.splitlines()[1] == "8"
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    _, _, body = get(store, graphs, "text/csv", **{"named-graph-uri": doc_b})
    assert body.splitlines()[1:] == [doc_b]


def test_post_a_form_or_a_query(store: ox.Store) -> None:
    form = urlencode({"query": SUPPORTERS}).encode()
    headers = {"content-type": "application/x-www-form-urlencoded", "accept": "text/csv"}
    response = sparql_response(store, "POST", "", headers, form)
    assert response.status == 200 and response.body.decode().splitlines()[1] == IRAN
    headers = {"content-type": "application/sparql-query; charset=utf-8", "accept": "text/csv"}
    response = sparql_response(store, "POST", "", headers, SUPPORTERS.encode())
    assert response.status == 200 and response.body.decode().splitlines()[1] == IRAN


@pytest.mark.parametrize(
    ("method", "query_string", "headers", "body", "status", "words"),
    [
        ("POST", "", {"content-type": "application/sparql-update"}, b"DROP ALL", 403, "read-only"),
        (
            "POST",
            "",
            {"content-type": "application/x-www-form-urlencoded"},
            b"update=CLEAR%20ALL",
            403,
            "read-only",
        ),
        ("GET", urlencode({"query": "DROP ALL"}), {}, b"", 400, "SPARQL Update"),
        ("GET", urlencode({"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}), {}, b"", 400, "Update"),
        (
            "GET",
            urlencode({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}),
            {},
            b"",
            400,
            "SERVICE",
        ),
        (
            "GET",
            urlencode({"query": "SELECT * FROM <http://e.org/> { ?s ?p ?o }"}),
            {},
            b"",
            400,
            "FROM",
        ),
        ("GET", urlencode({"query": "SELEKT"}), {}, b"", 400, "invalid SPARQL"),
        ("GET", "", {}, b"", 400, "exactly one query"),
        ("GET", "query=ASK{}&query=ASK{}", {}, b"", 400, "exactly one query"),
        (
            "GET",
            urlencode({"query": "ASK {}"}),
            {"accept": "text/html"},
            b"",
            406,
            "sparql-results+json",
        ),
        ("POST", "", {"content-type": "text/plain"}, b"ASK {}", 415, "sparql-query"),
        ("PUT", "", {}, b"", 405, "GET or POST"),
        (
            "GET",
            urlencode({"query": "ASK {}", "default-graph-uri": "not an iri"}),
            {},
            b"",
            400,
            "default-graph-uri",
        ),
    ],
)
def test_refused(
    store: ox.Store,
    method: str,
    query_string: str,
    headers: dict[str, str],
    body: bytes,
    status: int,
    words: str,
) -> None:
    response = sparql_response(store, method, query_string, headers, body)
    assert response.status == status, response.body
    assert words in response.body.decode("utf-8")
    assert response.content_type.startswith("text/plain")


def test_nothing_changed_the_store(store: ox.Store, tmp_path: Path) -> None:
    """After every refused update above, the store still holds its statements."""
    assert (
        get(store, "SELECT (COUNT(*) AS ?n) { ?s a rdf:Statement }", "text/csv")[2].split()[1]
        == "8"
    )
