"""Queries that cannot take the machine (issue 9): timeouts, streaming, row limits,
pathological nesting refused before parsing, safe data loading, read-only stores."""

from __future__ import annotations

import io
import json
import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from conflictkg.errors import InputError, QueryError
from conflictkg.store.bounded import QueryLimits, QuerySource, QueryTimeout, stream_query
from conflictkg.store.query import (
    MAX_QUERY_NESTING,
    check_query,
    format_result,
    open_store,
    run_query,
)
from conflictkg.store.results import QueryResult, Term, write_result
from conftest import EXPORT

pytestmark = pytest.mark.timeout(120)
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


# --- refused before parsing ----------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        "SELECT * WHERE " + "{" * 8000 + "?s ?p ?o" + "}" * 8000,
        "SELECT * WHERE { FILTER(" + "+".join(["1"] * 10_000) + " > 0) }",
        "SELECT * WHERE { FILTER(" + "!" * 20_000 + "true) }",
        "SELECT * WHERE { " + " UNION ".join(["{?s ?p ?o}"] * 8000) + " }",
        "SELECT * WHERE { ?s " + "^" * 9000 + "<urn:p> ?o }",
    ],
    ids=["parentheses", "braces", "plus-chain", "negations", "unions", "inverse-paths"],
)
def test_pathological_queries_are_refused_before_parsing(query: str) -> None:
    # In this very process: had pyoxigraph parsed them, the test run would have crashed.
    with pytest.raises(QueryError, match="refused before parsing"):
        run_query(ox.Store(), query)


def test_ordinary_nesting_is_fine() -> None:
    depth = MAX_QUERY_NESTING - 10
    query = "ASK { FILTER(" + "(" * depth + "1 = 1" + ")" * depth + ") }"
    assert run_query(ox.Store(), query).boolean is True


def test_an_overlong_query_is_refused() -> None:
    with pytest.raises(QueryError, match="bytes long"):
        check_query("ASK {} #" + "x" * (2 * 1024 * 1024))


# --- data files -------------------------------------------------------------------------------

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">
<rdf:Description rdf:about="http://e/a"><ex:p>&g;</ex:p></rdf:Description>
</rdf:RDF>
"""


def test_rdf_xml_with_entity_declarations_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.rdf"
    path.write_text(BOMB, encoding="utf-8")
    with pytest.raises(InputError, match="ENTITY declarations is refused"):
        open_store(data=path)


def test_plain_rdf_xml_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "plain.rdf"
    path.write_text(BOMB.split("]>\n")[1].replace("&g;", "hello"), encoding="utf-8")
    assert len(open_store(data=path)) == 1


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_data_that_is_not_a_file_is_refused(special: str, tmp_path: Path) -> None:
    if special == "fifo":
        special = str(tmp_path / "graph.ttl")
        os.mkfifo(special)
    with pytest.raises(InputError, match="not a regular data file"):
        open_store(data=Path(special))


def test_data_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("<urn:a> <urn:b> <urn:c> .\n" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="data file too large"):
        open_store(data=path, max_data_bytes=1000)


# --- stores: read-only, shared, corrupted -------------------------------------------------


@pytest.fixture
def store_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    open_store(data=EXPORT, store=folder).flush()
    return folder


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_readers_share_a_store_and_write_nothing(store_folder: Path) -> None:
    before = _snapshot(store_folder)
    first, second = open_store(store=store_folder), open_store(store=store_folder)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    counts = {run_query(s, query).rows[0][0].value for s in (first, second)}  # type: ignore[union-attr]
    assert len(counts) == 1 and int(counts.pop()) > 100
    del first, second
    assert _snapshot(store_folder) == before


def test_two_bounded_readers_at_once(store_folder: Path) -> None:
    source = QuerySource(store=store_folder)
    with (
        stream_query(source, "SELECT ?s WHERE { ?s ?p ?o }") as one,
        stream_query(source, "ASK { ?s ?p ?o }") as two,
    ):
        assert two.boolean is True
        assert next(iter(one)) is not None


def test_a_corrupted_store_is_one_error(store_folder: Path) -> None:
    for path in store_folder.glob("*.sst"):
        path.write_bytes(os.urandom(3000))
    (store_folder / "CURRENT").write_bytes(b"garbage")
    with pytest.raises(QueryError, match="cannot open the store"):
        open_store(store=store_folder)


def test_a_store_copied_read_only_is_still_queried(store_folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(store_folder, copy)
    for path in [copy, *copy.iterdir()]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        assert run_query(open_store(store=copy), "ASK { ?s ?p ?o }").boolean is True
    finally:
        for path in [copy, *copy.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)


# --- bounded, streamed queries -----------------------------------------------------------------


def test_a_cartesian_query_times_out(tmp_path: Path) -> None:
    start = time.monotonic()
    limits = QueryLimits(timeout=3)
    with (
        pytest.raises(QueryTimeout, match="did not finish within 3 s"),
        stream_query(QuerySource(data=EXPORT), CARTESIAN + " ORDER BY ?a", limits=limits),
    ):
        pass
    assert time.monotonic() - start < 20


def test_rows_stream_before_the_query_ends() -> None:
    limits = QueryLimits(timeout=30)
    start = time.monotonic()
    with stream_query(QuerySource(data=EXPORT), CARTESIAN, limits=limits) as stream:
        rows = iter(stream)
        first = [next(rows) for _ in range(1000)]
    assert len(first) == 1000 and time.monotonic() - start < 20


def test_the_table_stops_at_its_row_limit() -> None:
    out = io.StringIO()
    with stream_query(QuerySource(data=EXPORT), CARTESIAN) as stream:
        rendered = write_result(
            out, stream.kind, stream.variables, stream.boolean, stream, "table", max_rows=50
        )
    assert rendered.rows == 50 and rendered.truncated
    assert out.getvalue().splitlines()[-1].startswith("(first 50 rows shown;")


def test_a_query_that_needs_too_much_memory_fails_alone() -> None:
    limits = QueryLimits(timeout=60, memory=400 * 1024**2)
    query = CARTESIAN + " ORDER BY ?a ?b ?c ?d ?e ?f ?g ?h ?i"
    with (
        pytest.raises(QueryError, match="ran out of memory"),
        stream_query(QuerySource(data=EXPORT), query, limits=limits) as stream,
    ):
        list(stream)


def test_errors_in_the_worker_come_back_as_ours(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="invalid SPARQL"):
        stream_query(QuerySource(), "SELECT ?x WHERE { ?x ")
    with pytest.raises(InputError, match="no such data file"):
        stream_query(QuerySource(data=tmp_path / "absent.ttl"), "ASK {}")
    with pytest.raises(QueryError, match="SPARQL Update"):
        stream_query(QuerySource(), "INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_streamed_json_is_byte_identical_to_the_whole_document() -> None:
    rows = (
        (Term("uri", "urn:a"), None),
        (Term("literal", "x\n\u00e9", language="fr"), Term("literal", "1", "urn:int")),
        (None, None),
    )
    result = QueryResult("select", ("s", "o"), rows)
    bindings = [{v: t for v, t in zip(("s", "o"), row, strict=True) if t} for row in rows]
    expected = {
        "head": {"vars": ["s", "o"]},
        "results": {
            "bindings": [
                {k: {"type": t.kind, "value": t.value, **_extra(t)} for k, t in b.items()}
                for b in bindings
            ]
        },
    }
    assert (
        format_result(result, "json") == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    )
    empty = QueryResult("select", ("s",), ())
    assert (
        format_result(empty, "json")
        == json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": []}}, indent=2) + "\n"
    )


def _extra(term: Term) -> dict[str, str]:
    if term.language:
        return {"xml:lang": term.language}
    return {"datatype": term.datatype} if term.datatype else {}


def _crash(connection: object) -> None:
    import ctypes

    ctypes.string_at(0)  # a native crash, as a parser stack overflow would be


def test_a_worker_that_crashes_is_one_error_not_ours() -> None:
    import multiprocessing

    from conflictkg.store.bounded import QueryStream

    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_crash, args=(sender,), daemon=True)
    process.start()
    sender.close()
    with pytest.raises(QueryError, match=r"the query worker crashed \(SIGSEGV\)"):
        QueryStream(process, receiver, time.monotonic() + 60, QueryLimits(memory=None))
