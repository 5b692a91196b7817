"""Canonical Turtle: byte-identical whatever the insertion order or hash seed; atomic writes."""

from __future__ import annotations

import errno
import itertools
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef

from conflictkg.errors import ExportError
from conflictkg.model import Document
from conflictkg.rdf import serialize as export
from conflictkg.rdf.iri import actor_iri, document_iri, statement_iri
from conflictkg.rdf.serialize import serialize_turtle, write_turtle
from conflictkg.rdf.vocab import CK

Triple = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]


def _triples(n_actors: int = 6) -> list[Triple]:
    keys = [f"actor {i}" for i in range(n_actors)] + ["irn", 'Hay\'at "Tahrir"\nal-Sham']
    triples: list[Triple] = []
    for key in keys:
        node = actor_iri(key)
        triples += [
            (node, RDF.type, CK.ArmedGroup),
            (node, RDF.type, CK.Actor),
            (node, RDFS.label, Literal(key, lang="en")),
            (node, SKOS.altLabel, Literal(key.upper(), lang="en")),
            (node, SKOS.altLabel, Literal(key.lower(), lang="en")),
        ]
    for i, (a, b) in enumerate(itertools.pairwise(keys)):
        statement = statement_iri("doc.txt", a, "supports", b, i, i + 9)
        triples += [
            (actor_iri(a), CK.supports, actor_iri(b)),
            (statement, RDF.type, RDF.Statement),
            (statement, RDF.subject, actor_iri(a)),
            (statement, RDF.object, actor_iri(b)),
            (statement, CK.evidenceText, Literal(f'"{a}" backs {b}\\.\ttab')),
            (statement, CK.beginOffset, Literal(i, datatype=rdflib.XSD.nonNegativeInteger)),
            (statement, CK.confidence, Literal("0.80", datatype=rdflib.XSD.decimal)),
            (statement, CK.endOffset, Literal(i + 9)),
        ]
    triples.append(
        (
            document_iri(Document("doc.txt", "x")),
            RDFS.comment,
            Literal("x", datatype=rdflib.XSD.string),
        )
    )
    triples.append((actor_iri("irn"), OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q794")))
    return triples


def _graph(triples: list[Triple]) -> Graph:
    graph = Graph()
    graph.bind("junk", "http://example.org/junk#")  # bound prefixes must not matter
    for triple in triples:
        graph.add(triple)
    return graph


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_insertion_order_does_not_change_a_byte(rng: random.Random) -> None:
    triples = _triples()
    expected = serialize_turtle(_graph(triples))
    rng.shuffle(triples)
    assert serialize_turtle(_graph(triples)) == expected


def _rdf(data: bytes, fmt: ox.RdfFormat) -> set[ox.Triple]:
    """Triples as RDF 1.1 sees them (pyoxigraph: "x" and "x"^^xsd:string are one term)."""
    return {quad.triple for quad in ox.parse(data, fmt)}


def test_output_parses_back_to_the_same_triples() -> None:
    graph = _graph(_triples())
    data = serialize_turtle(graph)
    expected = _rdf(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    assert _rdf(data, ox.RdfFormat.TURTLE) == expected
    reparsed = Graph().parse(data=data, format="turtle")
    assert (
        _rdf(reparsed.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES) == expected
    )


def test_layout() -> None:
    data = serialize_turtle(_graph(_triples(1))).decode()
    assert data.startswith("@prefix ck: <https://w3id.org/conflictkg/ontology#> .\n")
    assert (
        "<https://w3id.org/conflictkg/id/actor/irn>\n    a ck:Actor ,\n        ck:ArmedGroup ;"
        in data
    )
    assert "owl:sameAs wd:Q794 ;" in data
    assert 'ck:evidenceText "\\"actor 0\\" backs irn\\\\.\\ttab" ;' in data
    assert "ck:endOffset 9 ;" in data and "ck:confidence 0.80 ;" in data
    assert 'ck:beginOffset "0"^^xsd:nonNegativeInteger ;' in data
    assert 'rdfs:comment "x" .' in data  # xsd:string is implicit
    assert data.endswith(" .\n") and "\n\n\n" not in data
    assert "junk" not in data


SCRIPT = textwrap.dedent(
    """
    import hashlib, sys
    from rdflib import Graph, Literal, URIRef, BNode
    from rdflib.namespace import RDF, RDFS, OWL
    from conflictkg.rdf.serialize import serialize_turtle
    from conflictkg.rdf.iri import actor_iri
    from conflictkg.rdf.vocab import CK
    graph = Graph()
    names = {f"actor {i} \u00e9\u0301" for i in range(300)}
    names |= {"\u062f\u0627\u0639\u0634", "x\\n\\"y"}
    for name in names:  # set order depends on PYTHONHASHSEED
        graph.add((actor_iri(name), RDF.type, CK.Actor))
        graph.add((actor_iri(name), RDFS.label, Literal(name, lang="en")))
        graph.add((actor_iri(name), CK.opposes, actor_iri(min(names))))
    first, rest = BNode(), BNode()
    graph.add((CK.Actor, OWL.unionOf, first))
    graph.add((first, RDF.first, CK.Person))
    graph.add((first, RDF.rest, rest))
    graph.add((rest, RDF.first, CK.Government))
    graph.add((rest, RDF.rest, RDF.nil))
    sys.stdout.write(hashlib.sha256(serialize_turtle(graph)).hexdigest())
    """
)


def test_identical_across_hash_seeds() -> None:
    digests = set()
    for seed in ("0", "1", "4242", "random"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        digests.add(done.stdout)
    assert len(digests) == 1


def _list_graph(labels: list[str]) -> Graph:
    graph = Graph()
    nodes = [BNode() for _ in labels]
    graph.add((CK.Actor, OWL.unionOf, nodes[0]))
    for index, (node, label) in enumerate(zip(nodes, labels, strict=True)):
        graph.add((node, RDF.first, URIRef(f"http://example.org/{label}")))
        graph.add((node, RDF.rest, nodes[index + 1] if index + 1 < len(nodes) else RDF.nil))
    return graph


def test_blank_nodes_get_canonical_labels() -> None:
    one, two = _list_graph(["a", "b", "c"]), _list_graph(["a", "b", "c"])
    assert serialize_turtle(one) == serialize_turtle(two)
    data = serialize_turtle(one)
    assert b"_:c14n" in data
    assert rdflib.compare.isomorphic(Graph().parse(data=data, format="turtle"), one)
    assert serialize_turtle(_list_graph(["a", "c", "b"])) != data


@pytest.mark.parametrize(
    ("triple", "message"),
    [
        ((URIRef("http://e/s"), RDFS.label, Literal("a\ud800b")), "lone surrogate"),
        ((URIRef("http://e/s"), RDFS.label, Literal("a\x00b")), r"U\+0000"),
        ((URIRef("http://e/s"), RDFS.label, Literal("a\uffffb")), "safe_literal"),
        ((URIRef("http://e/s p"), RDFS.label, Literal("x")), "invalid IRI"),
        ((URIRef("not an iri"), RDFS.label, Literal("x")), "invalid IRI"),
        ((URIRef("http://e/s"), URIRef("http://e/<p>"), Literal("x")), "invalid IRI"),
        ((Literal("s"), RDFS.label, Literal("x")), "subject"),
        ((URIRef("http://e/s"), RDFS.label, rdflib.Variable("x")), "object"),
    ],
)
def test_unexportable_terms_are_refused(triple: Triple, message: str) -> None:
    graph = Graph()
    graph.add(triple)
    with pytest.raises(ExportError, match=message):
        serialize_turtle(graph)


def test_blank_node_triples_are_checked_too() -> None:
    graph = Graph()
    graph.add((BNode(), RDFS.label, Literal("bad\x00")))
    with pytest.raises(ExportError, match="U\\+0000"):
        serialize_turtle(graph)


def test_ten_thousand_triples_serialize_quickly() -> None:
    triples = _triples(1300)
    graph = _graph(triples)
    assert len(graph) > 10_000
    import time

    start = time.perf_counter()
    data = serialize_turtle(graph)
    elapsed = time.perf_counter() - start
    assert len(list(ox.parse(data, ox.RdfFormat.TURTLE))) == len(graph)
    assert elapsed < 5, f"{elapsed:.2f}s for {len(graph)} triples"


# ---------------------------------------------------------------- atomic writing


def _tmp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "graph.ttl"
    path.parent.mkdir()
    path.write_bytes(b"# the previous export\n")
    return path


def test_write_creates_folders_and_a_readable_file(tmp_path: Path) -> None:
    graph = _graph(_triples(2))
    old_umask = os.umask(0o022)
    try:
        path = write_turtle(graph, tmp_path / "new" / "deeper" / "graph.ttl")
    finally:
        os.umask(old_umask)
    assert path.read_bytes() == serialize_turtle(graph)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not mkstemp's 0600
    assert _tmp_files(path.parent) == []


def test_rewrite_replaces_and_keeps_the_mode(previous: Path) -> None:
    previous.chmod(0o640)
    graph = _graph(_triples(2))
    write_turtle(graph, previous)
    assert previous.read_bytes() == serialize_turtle(graph)
    assert stat.S_IMODE(previous.stat().st_mode) == 0o640


def _failing_write(exception: BaseException, after: int = 1):  # type: ignore[no-untyped-def]
    real_write = os.write
    calls = []

    def write(fd: int, data: bytes) -> int:
        calls.append(fd)
        if len(calls) > after:
            raise exception
        return real_write(fd, bytes(data)[:100])  # short writes: the loop must continue

    return write


@pytest.mark.parametrize("exception", [RuntimeError("boom"), KeyboardInterrupt()])
def test_exception_mid_write_leaves_the_previous_file(
    previous: Path, monkeypatch: pytest.MonkeyPatch, exception: BaseException
) -> None:
    monkeypatch.setattr(export.os, "write", _failing_write(exception, after=3))
    with pytest.raises(type(exception)):
        write_turtle(_graph(_triples()), previous)
    assert previous.read_bytes() == b"# the previous export\n"
    assert _tmp_files(previous.parent) == []


def test_disk_full_is_an_export_error_naming_the_file(
    previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(export.os, "write", _failing_write(full, after=2))
    with pytest.raises(ExportError, match=r"graph\.ttl.*No space left on device") as caught:
        write_turtle(_graph(_triples()), previous)
    assert str(previous) in str(caught.value)
    assert previous.read_bytes() == b"# the previous export\n"
    assert _tmp_files(previous.parent) == []


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_failing_fsync_or_rename_leaves_the_previous_file(
    previous: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    def fail(*args: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(export.os, step, fail)
    with pytest.raises(ExportError, match="Input/output error"):
        write_turtle(_graph(_triples()), previous)
    assert previous.read_bytes() == b"# the previous export\n"
    assert _tmp_files(previous.parent) == []


def test_unserializable_graph_never_touches_the_file(previous: Path) -> None:
    graph = Graph()
    graph.add((URIRef("http://e/s"), RDFS.label, Literal("\ud800")))
    with pytest.raises(ExportError):
        write_turtle(graph, previous)
    assert previous.read_bytes() == b"# the previous export\n"
    assert _tmp_files(previous.parent) == []


def test_target_that_is_a_folder_is_an_export_error(tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").mkdir()
    with pytest.raises(ExportError, match=r"graph\.ttl"):
        write_turtle(_graph(_triples(1)), tmp_path / "graph.ttl")
    assert _tmp_files(tmp_path) == []


KILLED_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from rdflib import Graph, Literal, URIRef
    from conflictkg.rdf import serialize as export
    graph = Graph()
    for i in range(20000):
        graph.add((URIRef(f"http://e/s{i}"), URIRef("http://e/p"), Literal("x" * 50)))
    real_write = os.write
    def write(fd, data):
        written = real_write(fd, bytes(data)[:4096])
        if sys.argv[1] == "exit":
            os._exit(3)
        print("half-way", flush=True)
        time.sleep(60)
        return written
    export.os.write = write
    export.write_turtle(graph, Path(sys.argv[2]))
    """
)


@pytest.mark.parametrize("how", ["exit", "sigkill"])
def test_killed_writer_leaves_the_previous_file_and_rerun_completes(
    previous: Path, how: str
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, how, str(previous)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if how == "sigkill":
            assert process.stdout is not None
            assert process.stdout.readline() == "half-way\n"
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode != 0
    assert previous.read_bytes() == b"# the previous export\n"
    assert len(_tmp_files(previous.parent)) == 1  # the dead writer's half file

    graph = _graph(_triples())
    write_turtle(graph, previous)
    assert previous.read_bytes() == serialize_turtle(graph)
    assert _tmp_files(previous.parent) == []  # the stale one is cleaned up


def test_a_live_writers_temporary_file_is_left_alone(previous: Path) -> None:
    live = previous.parent / f".{previous.name}.{os.getppid()}.abcdef.tmp"
    live.write_bytes(b"partial")
    write_turtle(_graph(_triples(1)), previous)
    assert live.exists()
