"""Every format round-trips (isomorphic, per graph), exports are deterministic, the Turtle of
a store is the Turtle of a build, and a graph that went through a store still validates."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Graph
from rdflib.compare import isomorphic
from store_synthetic import document

from conflictkg.check.validate import validate_graph
from conflictkg.errors import InputError
from conflictkg.rdf.formats import RdfFormat, quads_to_graph, serialize_quads
from conflictkg.rdf.mapping import to_graph
from conflictkg.rdf.serialize import serialize_turtle
from conflictkg.store.corpus import open_store
from conflictkg.store.export import export, read_quads
from conflictkg.store.layout import ACTORS_GRAPH

A = document(
    "a.txt",
    'Iran supports Hezbollah.\nHezbollah opposes Israel. [Hassan Nasrallah]\nSaid "x\\y".\n',
    url="https://example.com/news/2016/01/10/a?id=7",
    date="2016-01-10T08:30:00+00:00",
)
B = document("b.txt", "United States opposes Hezbollah.\nIran supports Syria.\n", date="2016-01-11")
C = document("c.txt", "Hassan Nasrallah leads Hezbollah.\nIsrael opposes Iran.\n", url=">")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "store"
    with open_store(path, create=True) as corpus:
        corpus.add([A, B, C], check_owl=False)
    return path


def _quads(path: Path) -> set[ox.Quad]:
    return set(read_quads(path))


def _triples(quads: set[ox.Quad]) -> set[ox.Triple]:
    return {q.triple for q in quads}


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=str)
def test_every_format_round_trips(store: Path, tmp_path: Path, fmt: RdfFormat) -> None:
    with open_store(store, read_only=True) as corpus:
        quads = set(corpus.quads())
    out = tmp_path / f"corpus.{fmt.value}"
    result = export(store, out, fmt)
    back = _quads(out)
    if fmt.keeps_graphs:
        assert back == quads  # every quad in its graph; no blank nodes, so equality
        assert result.graphs == 4
    else:
        assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in back)
        assert _triples(back) == _triples(quads)
    assert result.triples == len(_triples(quads))


_RDFLIB = {
    RdfFormat.TTL: "turtle",
    RdfFormat.NT: "nt",
    RdfFormat.NQ: "nquads",
    RdfFormat.TRIG: "trig",
    RdfFormat.JSONLD: "json-ld",
}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # inside rdflib's Dataset
@pytest.mark.parametrize("fmt", list(RdfFormat), ids=str)
def test_rdflib_reads_every_format_to_the_same_graph(
    store: Path, tmp_path: Path, fmt: RdfFormat
) -> None:
    out = tmp_path / f"corpus.{fmt.value}"
    export(store, out, fmt)
    export(store, tmp_path / "reference.nt", RdfFormat.NT)
    dataset = rdflib.Dataset()
    dataset.parse(out, format=_RDFLIB[fmt])
    merged = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    # rdflib normalises lexical forms as it reads ("Z" becomes "+00:00"), in every format
    expected = Graph().parse(tmp_path / "reference.nt", format="nt")
    assert isomorphic(merged, expected)
    if fmt.keeps_graphs:
        graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
        assert ACTORS_GRAPH in graphs and len(graphs) == 4


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=str)
def test_exports_are_byte_identical(store: Path, tmp_path: Path, fmt: RdfFormat) -> None:
    export(store, tmp_path / f"1.{fmt.value}", fmt)
    again = tmp_path / "copy"
    shutil.copytree(store, again)
    with open_store(again) as corpus:  # a store rebuilt in another order
        corpus.remove(["a.txt", "b.txt", "c.txt"], check_owl=False)
        corpus.add([C, B], check_owl=False)
        corpus.add([A], check_owl=False)
    export(again, tmp_path / f"2.{fmt.value}", fmt)
    assert (tmp_path / f"1.{fmt.value}").read_bytes() == (tmp_path / f"2.{fmt.value}").read_bytes()


def test_turtle_of_a_store_is_the_turtle_of_a_build(store: Path, tmp_path: Path) -> None:
    export(store, tmp_path / "store.ttl", RdfFormat.TTL)
    assert (tmp_path / "store.ttl").read_bytes() == serialize_turtle(to_graph([A, B, C]))


def test_jsonld_has_a_context_and_one_graph_per_document(store: Path, tmp_path: Path) -> None:
    export(store, tmp_path / "c.jsonld", RdfFormat.JSONLD)
    data = json.loads((tmp_path / "c.jsonld").read_text(encoding="utf-8"))
    assert data["@context"]["ck"] == "https://w3id.org/conflictkg/ontology#"
    assert ACTORS_GRAPH in [g["@id"] for g in data["@graph"]]
    assert len(data["@graph"]) == 4


def test_a_file_converts_between_formats(tmp_path: Path) -> None:
    source = tmp_path / "g.ttl"
    source.write_bytes(serialize_turtle(to_graph([A, B])))
    export(source, tmp_path / "g.nt", RdfFormat.NT)
    export(tmp_path / "g.nt", tmp_path / "g.jsonld", RdfFormat.JSONLD)
    export(tmp_path / "g.jsonld", tmp_path / "back.ttl", RdfFormat.TTL)
    assert (tmp_path / "back.ttl").read_bytes() == source.read_bytes()
    (tmp_path / "bad.ttl").write_text("<a> <b> .\n")
    with pytest.raises(InputError, match=r"bad\.ttl:1"):
        export(tmp_path / "bad.ttl", tmp_path / "x.nt", RdfFormat.NT)


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper is installed by make test")
@pytest.mark.parametrize(
    ("fmt", "syntax"),
    [
        (RdfFormat.TTL, "turtle"),
        (RdfFormat.NT, "ntriples"),
        (RdfFormat.NQ, "nquads"),
        (RdfFormat.TRIG, "trig"),
    ],
)
def test_rapper_reads_the_exports(store: Path, tmp_path: Path, fmt: RdfFormat, syntax: str) -> None:
    out = tmp_path / f"c.{fmt.value}"
    export(store, out, fmt)
    run = subprocess.run(["rapper", "-i", syntax, "-c", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    with open_store(store, read_only=True) as corpus:
        count = len(corpus.quads()) if fmt.keeps_graphs else len(corpus.union_graph())
    assert f"returned {count} triples" in run.stderr


# ---------------------------------------------------------------- the store round trip


def _through_default_store(graph: Graph) -> Graph:
    """``graph`` loaded into a plain Oxigraph store (its default graph) and dumped again."""
    memory = ox.Store()
    memory.load(serialize_turtle(graph), format=ox.RdfFormat.TURTLE)
    return quads_to_graph(memory.quads_for_pattern(None, None, None, None))


def test_a_graph_through_the_default_store_is_the_same_and_still_valid() -> None:
    graph = to_graph([A, B, C])
    back = _through_default_store(graph)
    assert len(back) == len(graph)
    assert isomorphic(back, graph)
    report = validate_graph(back)
    assert report.conforms, report.text()


def test_typed_values_keep_their_spelling_in_the_store() -> None:
    graph = to_graph([A, B])
    dumped = serialize_quads(
        [
            ox.Quad(*q.triple)
            for q in ox.Dataset(ox.parse(serialize_turtle(graph), format=ox.RdfFormat.TURTLE))
        ],
        RdfFormat.NT,
    ).decode()
    assert '"2016-01-10T08:30:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>' in dumped
    assert '"2016-01-11"^^<http://www.w3.org/2001/XMLSchema#date>' in dumped
    assert "<https://example.com/news/2016/01/10/a?id=7>" in dumped
    assert '"0.9"^^<http://www.w3.org/2001/XMLSchema#decimal>' in dumped
    assert "nonNegativeInteger" not in dumped


@pytest.mark.model
def test_the_seed_graph_survives_the_default_store(seed_build: object) -> None:
    graph = seed_build.graph  # type: ignore[attr-defined]
    back = _through_default_store(graph)
    assert isomorphic(back, graph)
    assert validate_graph(back).conforms
