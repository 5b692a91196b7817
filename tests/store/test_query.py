"""SPARQL over exports: output formats, refusing external access, safe bindings, errors."""

from __future__ import annotations

import csv
import gc
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, Graph, Literal

from conflictkg.errors import InputError, QueryError
from conflictkg.rdf.iri import actor_iri
from conflictkg.rdf.serialize import write_turtle
from conflictkg.rdf.vocab import CK
from conflictkg.store.query import (
    QueryResult,
    Term,
    check_query,
    format_result,
    open_store,
    run_query,
)

INJECTION = 'x" || true || "'
NO_NETWORK = "http://127.0.0.1:9/sparql"  # pyoxigraph refuses port 9 before connecting


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    graph = Graph()
    for key, label in [("irn", "Iran"), ("hezbollah", "Hezbollah"), ("odd", INJECTION)]:
        graph.add((actor_iri(key), RDF.type, CK.Actor))
        graph.add((actor_iri(key), RDFS.label, Literal(label, lang="en")))
    graph.add((actor_iri("irn"), CK.supports, actor_iri("hezbollah")))
    graph.add((actor_iri("irn"), CK.confidence, Literal("0.9", datatype=rdflib.XSD.decimal)))
    graph.add((actor_iri("odd"), RDFS.comment, Literal("line one\nline two\tend")))
    return write_turtle(graph, tmp_path_factory.mktemp("query") / "graph.ttl")


@pytest.fixture
def store(data: Path) -> ox.Store:
    return open_store(data=data)


SUPPORTERS = """
SELECT ?who ?label WHERE {
  ?who ck:supports ?whom ; rdfs:label ?label .
} ORDER BY ?who
"""
ID = "https://w3id.org/conflictkg/id/actor/"


def test_select_result(store: ox.Store) -> None:
    result = run_query(store, SUPPORTERS)
    assert result == QueryResult(
        "select",
        ("who", "label"),
        ((Term("uri", ID + "irn"), Term("literal", "Iran", language="en")),),
    )
    assert str(result.rows[0][1]) == '"Iran"@en'


def test_table(store: ox.Store) -> None:
    result = run_query(store, "SELECT ?a ?b WHERE { ?a ck:supports ?b }")
    assert format_result(result, "table") == (
        "a                                         b\n"
        "----------------------------------------  ----------------------------------------------\n"
        f"{ID}irn  {ID}hezbollah\n"
        "(1 row)\n"
    )


def test_table_escapes_control_characters_and_shows_unbound(store: ox.Store) -> None:
    query = "SELECT ?c ?none WHERE { ?s rdfs:comment ?c OPTIONAL { ?s ck:nothing ?none } }"
    table = format_result(run_query(store, query), "table")
    assert table.splitlines()[2] == "line one\\nline two\\tend"
    assert table.endswith("(1 row)\n")


def test_table_of_nothing(store: ox.Store) -> None:
    result = run_query(store, "SELECT ?x WHERE { ?x ck:opposes ?y }")
    assert format_result(result, "table") == "x\n-\n(0 rows)\n"


def test_csv(store: ox.Store) -> None:
    text = format_result(run_query(store, SUPPORTERS), "csv")
    assert text == f"who,label\r\n{ID}irn,Iran\r\n"
    query = "SELECT ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, 'true')) }"
    rows = list(csv.reader(io.StringIO(format_result(run_query(store, query), "csv"))))
    assert rows == [["l"], [INJECTION]]


def test_json_follows_sparql_results_format(store: ox.Store) -> None:
    query = "SELECT ?label ?c ?missing WHERE { ?who ck:confidence ?c ; rdfs:label ?label }"
    document = json.loads(format_result(run_query(store, query), "json"))
    assert document == {
        "head": {"vars": ["label", "c", "missing"]},
        "results": {
            "bindings": [
                {
                    "label": {"type": "literal", "value": "Iran", "xml:lang": "en"},
                    "c": {
                        "type": "literal",
                        "value": "0.9",
                        "datatype": "http://www.w3.org/2001/XMLSchema#decimal",
                    },
                }
            ]
        },
    }


def test_ask_and_construct(store: ox.Store) -> None:
    ask = run_query(store, "ASK { ?a ck:supports ?b }")
    assert ask.kind == "ask" and ask.boolean is True
    assert format_result(ask, "table") == "true\n"
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    assert format_result(ask, "csv") == "boolean\r\ntrue\r\n"
    graph = run_query(store, "CONSTRUCT { ?b ck:opposes ?a } WHERE { ?a ck:supports ?b }")
    assert graph.kind == "graph" and graph.variables == ("subject", "predicate", "object")
    assert [str(t) for t in graph.rows[0]] == [
        f"<{ID}hezbollah>",
        "<https://w3id.org/conflictkg/ontology#opposes>",
        f"<{ID}irn>",
    ]


def test_formats_are_deterministic(store: ox.Store) -> None:
    for fmt in ("table", "csv", "json"):
        first = format_result(run_query(store, "SELECT * WHERE { ?s ?p ?o }"), fmt)  # type: ignore[arg-type]
        assert first == format_result(run_query(store, "SELECT * WHERE { ?s ?p ?o }"), fmt)  # type: ignore[arg-type]
    with pytest.raises(QueryError, match="table, csv, json"):
        format_result(run_query(store, "ASK {}"), "xml")  # type: ignore[arg-type]


# ------------------------------------------------------------ refusing external access


@pytest.mark.parametrize(
    ("query", "keyword"),
    [
        (f"SELECT * WHERE {{ SERVICE <{NO_NETWORK}> {{ ?s ?p ?o }} }}", "SERVICE"),
        (f"select * where {{ service silent <{NO_NETWORK}> {{ ?s ?p ?o }} }}", "SERVICE"),
        ("SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }", "FROM"),
        ("SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }", "FROM"),
        ("LOAD <http://127.0.0.1:9/data.ttl>", "LOAD"),
        ("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "INSERT"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
        ("CLEAR ALL", "CLEAR"),
        ("DROP GRAPH <http://e/g>", "DROP"),
        ("# a comment\nPREFIX ex: <http://e/>\n  CoPy DEFAULT TO ex:g", "COPY"),
    ],
)
def test_external_access_and_updates_are_refused(store: ox.Store, query: str, keyword: str) -> None:
    with pytest.raises(QueryError, match=keyword):
        run_query(store, query)


def test_error_names_the_position(store: ox.Store) -> None:
    with pytest.raises(QueryError, match=r"SERVICE \(line 3, column 3\)"):
        run_query(store, f"SELECT * WHERE {{\n ?s ?p ?o .\n  SERVICE <{NO_NETWORK}> {{ }} }}")


def test_allow_external_lets_service_and_from_through(store: ox.Store) -> None:
    result = run_query(
        store, "SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }", allow_external=True
    )
    assert result.rows == ()  # FROM names a graph of the store, which is empty
    # The query passes every check and reaches pyoxigraph, which refuses port 9 locally.
    with pytest.raises(QueryError, match="port 9"):
        run_query(
            store,
            f"SELECT * WHERE {{ SERVICE <{NO_NETWORK}> {{ ?s ?p ?o }} }}",
            allow_external=True,
        )


@pytest.mark.parametrize("query", ["LOAD <http://127.0.0.1:9/x>", "INSERT DATA { <a:b> <a:b> 1 }"])
def test_updates_are_refused_even_with_allow_external(store: ox.Store, query: str) -> None:
    with pytest.raises(QueryError, match="SPARQL Update"):
        run_query(store, query, allow_external=True)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(?l != "SERVICE") }',
        "SELECT ?s WHERE { ?s rdfs:label ?l FILTER(?l != 'from LOAD insert') }",
        'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(?l != """multi\nline SERVICE""") }',
        "SELECT ?s WHERE { ?s rdfs:label ?l } # SERVICE <http://127.0.0.1:9/> FROM",
        "SELECT ?s WHERE { ?s <http://example.org/service/from/load> ?l }",
        "PREFIX service: <http://e/> SELECT ?service ?from WHERE { ?service service:from ?from }",
        "SELECT ?s WHERE { ?s ck:supports ?o . ?o rdfs:label ?drop }",
        'SELECT ?s WHERE { ?s rdfs:label "a \\" SERVICE \\" b" }',
    ],
)
def test_the_words_are_fine_in_strings_iris_comments_and_names(store: ox.Store, query: str) -> None:
    run_query(store, query)


@pytest.mark.parametrize(
    "query",
    [
        # crafted so that a tokenizer loses track of strings: only pyoxigraph can tell
        "SELECT * WHERE { BIND(1 AS ?x) BIND(2 AS ?y) FILTER(?x<?y&&'>') "
        f"SERVICE <{NO_NETWORK}> {{ ?s ?p ?o }} FILTER(?x!='') }}",
        f"SELECT * WHERE {{ ?s ?p 1.SERVICE <{NO_NETWORK}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o.SERVICE<{NO_NETWORK}>{{}} }}",
        "PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { SERVICE:sparql { ?s ?p ?o } }",
    ],
)
def test_hidden_service_is_refused_before_pyoxigraph_runs_it(store: ox.Store, query: str) -> None:
    with pytest.raises(QueryError, match="SERVICE") as caught:
        run_query(store, query)
    assert "port 9" not in str(caught.value)  # refused by us, not by a failed fetch


FRAGMENTS = [
    "SERVICE",
    "service",
    f"<{NO_NETWORK}>",
    "{",
    "}",
    "?s ?p ?o",
    "'",
    "'''",
    '"',
    "#",
    "\n",
    " ",
    "<",
    ">",
    "FILTER(?x",
    ")",
    "&&",
    ".",
    "1",
    ":x",
    "ex:a",
    "?x",
    "\\",
    "SILENT",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14))
def test_no_query_that_passes_the_check_reaches_a_service(parts: list[str]) -> None:
    """Differential check against pyoxigraph itself: whatever passes never fetches."""
    query = "PREFIX : <http://127.0.0.1:9/> PREFIX ex: <http://e/> SELECT * WHERE { BIND(1 AS ?x) "
    query += "".join(parts) + " }"
    try:
        check_query(query)
    except QueryError:
        return
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal(1)))
    try:
        list(store.query(query))  # type: ignore[call-overload]
    except SyntaxError:
        pass
    except OSError as exc:  # pragma: no cover - this is the failure being tested for
        pytest.fail(f"query reached SERVICE: {query!r}: {exc}")


# ------------------------------------------------------------ bindings


LABELLED = "SELECT ?who ?label WHERE { ?who rdfs:label ?label }"


def test_binding_is_a_term_not_query_text(store: ox.Store) -> None:
    spliced = f'SELECT ?who WHERE {{ ?who rdfs:label ?l FILTER(STR(?l) = "{INJECTION}") }}'
    assert len(run_query(store, spliced).rows) == 3  # what splicing would do: match everything
    bound = "SELECT ?who ?v WHERE { ?who rdfs:label ?l BIND(STR(?l) AS ?v) }"
    result = run_query(store, bound, bindings={"v": INJECTION})
    assert [row[0] for row in result.rows] == [Term("uri", ID + "odd")]
    result = run_query(store, LABELLED, bindings={"label": Literal(INJECTION, lang="en")})
    assert [row[0] for row in result.rows] == [Term("uri", ID + "odd")]
    assert run_query(store, LABELLED, bindings={"?label": "Iran"}).rows == ()  # no @en


def test_bindings_of_each_kind(store: ox.Store) -> None:
    iri = run_query(
        store,
        "SELECT ?who ?whom WHERE { ?who ck:supports ?whom }",
        bindings={"who": actor_iri("irn")},
    )
    assert len(iri.rows) == 1
    as_term = run_query(store, LABELLED, bindings={"label": Term("literal", "Iran", language="en")})
    assert len(as_term.rows) == 1
    assert run_query(store, "ASK { ?s ck:confidence ?c }", bindings={"c": 0.9}).boolean is False
    assert (
        run_query(store, "ASK { ?s ck:supports ?o }", bindings={"$o": ID + "hezbollah"}).boolean
        is False
    )  # a str is a literal


@pytest.mark.parametrize(
    ("bindings", "message"),
    [
        ({"not a name": "x"}, "not a SPARQL variable"),
        ({"who": rdflib.URIRef("not an iri")}, "cannot bind"),
        ({"who": rdflib.BNode()}, "cannot bind"),
        ({"nowhere": "x"}, "SELECT clause"),
    ],
)
def test_bad_bindings(store: ox.Store, bindings: dict[str, object], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run_query(store, LABELLED, bindings=bindings)  # type: ignore[arg-type]


# ------------------------------------------------------------ opening stores


def test_syntax_errors_in_queries(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="invalid SPARQL"):
        run_query(store, "SELECT ?x WHERE { ?x ")


def test_missing_and_broken_data_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.ttl"):
        open_store(data=tmp_path / "missing.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text('@prefix ex: <http://e/> .\nex:a ex:b "unterminated .\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.ttl:2: invalid Turtle"):
        open_store(data=broken)
    undecodable = tmp_path / "bytes.ttl"
    undecodable.write_bytes(b'<http://e/a> <http://e/b> "\xff" .\n')
    with pytest.raises(InputError, match=r"bytes\.ttl:1"):
        open_store(data=undecodable)


def test_persistent_store(tmp_path: Path, data: Path) -> None:
    folder = tmp_path / "db"
    with pytest.raises(QueryError, match="not an Oxigraph store"):
        open_store(store=folder)
    loaded = open_store(data=data, store=folder)
    assert run_query(loaded, "ASK { ?a ck:supports ?b }").boolean
    del loaded
    gc.collect()  # release the store's lock
    reopened = open_store(store=folder)
    assert len(run_query(reopened, SUPPORTERS).rows) == 1
    stranger = tmp_path / "photos"
    stranger.mkdir()
    (stranger / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(QueryError, match="not empty"):
        open_store(data=data, store=stranger)
    assert sorted(p.name for p in stranger.iterdir()) == ["cat.jpg"]
