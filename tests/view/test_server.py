"""``conflictkg serve`` over HTTP: a real SPARQL client (SPARQLWrapper) in every result
format, updates refused, the explorer's JSON, its files, and the guards."""

from __future__ import annotations

import csv
import http.client
import io
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from sample_graph import HEZBOLLAH, IRAN, USA, write_file, write_named_graph_store
from serving import serving
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from conflictkg.view.server import STATIC

# DISTINCT: pyoxigraph 0.5 gives a triple held by two document graphs once per graph in the
# union default graph (oxigraph/oxigraph#1919); Iran supports Hezbollah is in both documents.
SUPPORTS = """PREFIX ck: <https://w3id.org/conflictkg/ontology#>
SELECT DISTINCT ?a ?b WHERE { ?a ck:supports ?b } ORDER BY ?a ?b"""


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The server over a store with one named graph per document."""
    store = write_named_graph_store(tmp_path_factory.mktemp("serve") / "store")
    with serving("--store", str(store)) as base:
        yield base


def client(url: str, fmt: str, conneg_only: bool = True) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url + "sparql", returnFormat=fmt)
    sparql.setOnlyConneg(conneg_only)
    sparql.setTimeout(30)
    return sparql


def fetch(url: str, data: bytes | None = None, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


EXPECTED = [(IRAN, HEZBOLLAH), (IRAN, str(HEZBOLLAH).replace("hezbollah", "irq"))]


def test_select_as_json(url: str) -> None:
    sparql = client(url, JSON)
    sparql.setQuery(SUPPORTS)
    result: Any = sparql.queryAndConvert()
    rows = [(b["a"]["value"], b["b"]["value"]) for b in result["results"]["bindings"]]
    assert rows == EXPECTED


def test_select_as_xml(url: str) -> None:
    sparql = client(url, XML)
    sparql.setQuery(SUPPORTS)
    document: Any = sparql.queryAndConvert()  # an xml.dom.minidom Document
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert uris == [value for row in EXPECTED for value in row]


def test_select_as_csv_and_tsv(url: str) -> None:
    sparql = client(url, CSV)
    sparql.setQuery(SUPPORTS)
    text = sparql.queryAndConvert()
    rows = list(csv.reader(io.StringIO(text.decode() if isinstance(text, bytes) else text)))
    assert rows == [["a", "b"], *map(list, EXPECTED)]
    sparql = client(url, TSV)
    sparql.setQuery(SUPPORTS)
    text = sparql.queryAndConvert()
    lines = (text.decode() if isinstance(text, bytes) else text).splitlines()
    assert lines == ["?a\t?b", *(f"<{a}>\t<{b}>" for a, b in EXPECTED)]


def test_the_format_parameters_sparqlwrapper_adds_agree(url: str) -> None:
    """Without onlyConneg SPARQLWrapper also sends format=, output=, results=."""
    sparql = client(url, JSON, conneg_only=False)
    sparql.setQuery(SUPPORTS)
    result: Any = sparql.queryAndConvert()
    assert len(result["results"]["bindings"]) == 2


def test_post_and_construct_as_turtle(url: str) -> None:
    sparql = client(url, TURTLE)
    sparql.setMethod("POST")
    sparql.setQuery(
        "PREFIX ck: <https://w3id.org/conflictkg/ontology#>\n"
        "CONSTRUCT { ?a ck:opposes ?b } WHERE { ?a ck:opposes ?b }"
    )
    body = sparql.queryAndConvert()
    graph = Graph().parse(data=body, format="turtle")
    assert len(graph) == 2


def test_ask(url: str) -> None:
    sparql = client(url, JSON)
    sparql.setQuery(f"ASK {{ <{USA}> <https://w3id.org/conflictkg/ontology#opposes> <{IRAN}> }}")
    assert sparql.queryAndConvert()["boolean"] is True  # type: ignore[index]


def test_an_update_is_refused(url: str) -> None:
    sparql = client(url, JSON)
    sparql.setMethod("POST")
    sparql.setQuery("DELETE WHERE { ?s ?p ?o }")  # SPARQLWrapper sends it as an update
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as caught:
        sparql.query()
    assert "403" in str(caught.value) or "read-only" in str(caught.value)
    check = client(url, JSON)
    check.setQuery(SUPPORTS)
    assert len(check.queryAndConvert()["results"]["bindings"]) == 2  # type: ignore[index]


def test_a_bad_query_is_a_400_with_the_reason(url: str) -> None:
    status, _, body = fetch(url + "sparql?query=SELEKT")
    assert status == 400 and b"invalid SPARQL" in body


def test_the_explorer_api(url: str) -> None:
    status, _, body = fetch(url + "api/search?q=tehran")
    found = json.loads(body)["actors"]
    assert status == 200 and found[0]["iri"] == IRAN and found[0]["name"] == "Tehran"
    status, _, body = fetch(f"{url}api/neighbourhood?actor={IRAN}&relation=supports")
    hood = json.loads(body)
    assert {e["object"] for e in hood["edges"]} == {e[1] for e in EXPECTED}
    status, _, body = fetch(
        f"{url}api/evidence?subject={IRAN}&relation=supports&object={HEZBOLLAH}&min_confidence=0.7"
    )
    (sentence,) = json.loads(body)["sentences"]
    assert sentence["text"] == "Iran has armed Hezbollah for decades."
    assert (sentence["document"], sentence["date"]) == ("a.txt", "2016-01-05")
    style = json.loads(fetch(url + "api/style")[2])
    assert {r["name"] for r in style["relations"]} >= {"supports", "opposes"}


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("api/neighbourhood", 400, "actor"),
        (f"api/neighbourhood?actor={IRAN}&depth=9", 400, "between 0 and 3"),
        (f"api/neighbourhood?actor={IRAN}&relation=likes", 400, "unknown relation"),
        (f"api/neighbourhood?actor={IRAN}&min_confidence=x", 400, "number"),
        ("api/evidence?subject=x", 400, "relation"),
        ("api/nothing", 404, "nothing at"),
        ("static/../server.py", 404, "nothing at"),
    ],
)
def test_explorer_api_errors(url: str, path: str, status: int, words: str) -> None:
    got, _, body = fetch(url + path)
    assert got == status and words in json.loads(body)["error"]


def test_the_page_and_its_files(url: str) -> None:
    status, headers, body = fetch(url)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    page = body.decode("utf-8")
    for name in ("explorer.js", "explorer.css", "vendor/cytoscape.min.js"):
        assert f"/static/{name}" in page
        status, headers, served = fetch(url + "static/" + name)
        assert status == 200 and served == (STATIC / name).read_bytes()
    assert "http" not in page.replace("http-equiv", "")  # nothing from elsewhere


def test_only_read_methods_and_only_this_host(url: str) -> None:
    status, _, _ = fetch(url, data=b"x")
    assert status == 405
    request = urllib.request.Request(url, method="DELETE")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 405
    status, _, body = fetch(url, Host="attacker.example")
    assert status == 403 and b"unknown host" in body
    port = url.rstrip("/").rsplit(":", 1)[1]
    assert fetch(f"http://localhost:{port}/api/style")[0] == 200


def test_a_file_and_a_taken_port(tmp_path: Path) -> None:
    data = write_file(tmp_path / "graph.ttl")
    with serving(str(data)) as base:
        assert json.loads(fetch(base + "api/search?q=iran")[2])["actors"][0]["iri"] == IRAN
        port = base.rstrip("/").rsplit(":", 1)[1]
        from click.testing import CliRunner

        from conflictkg.cli import main

        result = CliRunner().invoke(main, ["serve", str(data), "--port", port])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"conflictkg: error: cannot listen on 127.0.0.1:{port}")


def test_oversized_chunked_or_garbled_bodies_are_refused(url: str) -> None:
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    for headers, status in [
        ({"Content-Length": "2000000"}, 413),
        ({"Transfer-Encoding": "chunked"}, 411),
        ({"Content-Length": "many"}, 400),
    ]:
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.putrequest("POST", "/sparql")
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.putheader("Content-Type", "application/sparql-query")
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == status, headers
        connection.close()
