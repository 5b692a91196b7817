"""Validation that scales (issue 9): the streamed, native check gives pyshacl's answer.

``check_graph_file`` (Oxigraph dataset, SHACL Core natively, the reification check as set
differences, HermiT on the actor layer) must report exactly the violations that pyshacl
reports over the whole rdflib graph: for every case of ``test_shapes.py`` and of
``agreement_cases.py`` (the hard values for the constraints shapes 0.2.0 added), for a
generated graph with planted violations, and with custom shapes it cannot compile (pyshacl batches).
HermiT runs from any working directory.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from conflictkg.check.batches import check_graph_file
from conflictkg.check.core_shapes import compile_shapes
from conflictkg.check.hermit import heap_megabytes
from conflictkg.check.shapes import Violation
from conflictkg.check.sparql_shapes import sparql_constraints, without
from conflictkg.check.validate import (
    check_consistency,
    load_ontology_graph,
    load_shapes_graph,
    validate_file,
    validate_graph,
)
from conflictkg.errors import InputError
from conftest import REPO

sys.path.insert(0, str(REPO / "tests" / "check"))
from agreement_cases import EDGE_CASES
from test_shapes import CASES, CKS, ID, build, statement

sys.path.insert(0, str(REPO / "scripts"))
from generate_graph import write_graph

pytestmark = pytest.mark.timeout(300)
BNODE = re.compile(r"_:\w+")


def _normal(violations: tuple[Violation, ...]) -> set[tuple[str, ...]]:
    """Violations with blank node labels (which each parser picks) made equal, also where
    a message shows one (``{?value}`` of a blank node is its bare label)."""
    found = set()
    for v in violations:
        labels = {m[2:] for field in (v.focus, v.value) for m in BNODE.findall(field or "")}
        message = v.message
        for label in labels:
            message = message.replace(label, "b")
        fields = (v.focus, v.path, message, v.severity, v.shape, v.value)
        found.add(tuple(BNODE.sub("_:b", str(field or "")) for field in fields))
    return found


def _both(graph: Graph, tmp_path: Path, shapes: Graph | None = None) -> tuple[set, set]:  # type: ignore[type-arg]
    path = tmp_path / "graph.ttl"
    graph.serialize(path, format="turtle")
    shapes = shapes if shapes is not None else load_shapes_graph()
    ontology = load_ontology_graph()
    reparsed = Graph().parse(path, format="turtle")
    whole = validate_graph(reparsed, shapes, ontology, engine="pyshacl")
    streamed = check_graph_file(path, shapes, ontology, owl=False, batch_triples=50)
    assert streamed.triples == len(reparsed)
    assert streamed.validation.conforms == whole.conforms
    return _normal(streamed.validation.violations), _normal(whole.violations)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_streamed_check_agrees_with_pyshacl(case: object, tmp_path: Path) -> None:
    for add, drop in ((case.bad_add, case.bad_drop), (case.good_add, case.good_drop)):  # type: ignore[attr-defined]
        streamed, whole = _both(build(add, drop), tmp_path)
        assert streamed == whole


@pytest.mark.parametrize("case", EDGE_CASES, ids=[c.id for c in EDGE_CASES])
@pytest.mark.filterwarnings("ignore::UserWarning")  # rdflib on writing "high"^^xsd:decimal
def test_the_native_check_agrees_on_hard_values(case: object, tmp_path: Path) -> None:
    bad, whole = _both(build(case.bad_add, case.bad_drop), tmp_path)  # type: ignore[attr-defined]
    assert bad == whole
    focus = ID + case.focus if case.focus else "_:b"  # type: ignore[attr-defined]
    assert (focus, CKS + case.shape) in {(v[0], v[4]) for v in bad}  # type: ignore[attr-defined]
    good, whole = _both(build(case.good_add, case.good_drop), tmp_path)  # type: ignore[attr-defined]
    assert good == whole == set()


def test_a_generated_graph_with_planted_violations(tmp_path: Path) -> None:
    path = tmp_path / "generated.ttl"
    with path.open("w", encoding="utf-8") as out:
        write_graph(out, 6000, violations=15)
    streamed, whole = _both(Graph().parse(path), tmp_path)
    assert streamed == whole
    assert len(whole) >= 15


def test_the_bundled_shapes_compile_and_odd_ones_fall_back_to_pyshacl(tmp_path: Path) -> None:
    shapes = load_shapes_graph()
    assert compile_shapes(shapes) is None  # sh:sparql is run elsewhere, never dropped
    assert compile_shapes(without(shapes, sparql_constraints(shapes))) is not None
    odd = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ck: <https://w3id.org/conflictkg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        <urn:s> a sh:NodeShape ; sh:targetClass ck:Actor ; sh:message "closed"@en ;
            sh:closed true ; sh:ignoredProperties ( rdf:type rdfs:label ) .
        """,
        format="turtle",
    )
    assert compile_shapes(odd) is None
    streamed, whole = _both(build('id:extra a ck:Person ; rdfs:label "X"@en .'), tmp_path, odd)
    assert streamed == whole and whole


QUALIFIED = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ck: <https://w3id.org/conflictkg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<urn:p> a sh:NodeShape ; sh:targetClass ck:Government ; sh:property <urn:q1>, <urn:q2> .
<urn:q1> sh:path owl:sameAs ; sh:qualifiedValueShape [ sh:pattern "wikidata" ] ;
    sh:qualifiedMinCount 1 ; sh:message "a Wikidata link"@en DISJOINT .
<urn:q2> sh:path owl:sameAs ; sh:qualifiedValueShape [ sh:pattern "example" ] ;
    sh:qualifiedMaxCount 0 ; sh:message "no example links"@en DISJOINT .
"""


@pytest.mark.parametrize("disjoint", [False, True], ids=["native", "disjoint-to-pyshacl"])
def test_qualified_min_and_max_counts(disjoint: bool, tmp_path: Path) -> None:
    text = QUALIFIED.replace("DISJOINT", "; sh:qualifiedValueShapesDisjoint true" * disjoint)
    shapes = Graph().parse(data=text, format="turtle")
    assert (compile_shapes(shapes) is None) == disjoint
    streamed, whole = _both(build(), tmp_path, shapes)
    assert streamed == whole
    assert {(v[0], v[2]) for v in whole} == {
        (ID + "israel", "a Wikidata link"),
        (ID + "israel", "no example links"),
    }


def test_pyshacl_batches_reach_literal_focus_nodes(tmp_path: Path) -> None:
    """With a shape outside the native subset, every shape goes to pyshacl in batches; a
    literal that sh:targetObjectsOf makes a focus node must be in a batch too."""
    shapes = load_shapes_graph()
    shapes.parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ck: <https://w3id.org/conflictkg/ontology#> .
        <urn:closed> a sh:NodeShape ; sh:targetClass ck:Person ; sh:message "closed"@en ;
            sh:closed true ; sh:ignoredProperties ( ck:leaderOf ) .
        """,
        format="turtle",
    )
    assert compile_shapes(without(shapes, sparql_constraints(shapes))) is None
    literal = statement("id:s", "id:iran", "ck:supports", "id:hezbollah", document='"doc1"')
    streamed, whole = _both(build(literal), tmp_path, shapes)
    assert streamed == whole
    assert any(v[0] == '"doc1"' for v in whole)


def test_hermit_runs_from_root_and_from_paths_with_brackets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = build("id:iran a ck:Person .")
    ontology = load_ontology_graph()
    odd = tmp_path / "a [b] c"
    odd.mkdir()
    for where in (Path("/"), odd):
        monkeypatch.chdir(where)
        assert check_consistency(build(), ontology).consistent
        report = check_consistency(graph, ontology)
        assert not report.consistent
        assert "id:iran" in report.detail


def test_validate_file_with_brackets_in_its_path(tmp_path: Path) -> None:
    folder = tmp_path / "exports [old]"
    folder.mkdir()
    path = folder / "graph.ttl"
    build().serialize(path, format="turtle")
    report, consistency = validate_file(path)
    assert report.conforms and consistency.consistent


def test_the_heap_grows_with_the_input_and_stays_within_memory() -> None:
    assert heap_megabytes(0) == 256
    assert heap_megabytes(1_000_000) > heap_megabytes(10_000)
    total = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    assert heap_megabytes(10**10) <= total


def test_blank_nodes_nested_200_deep_are_validated(tmp_path: Path) -> None:
    path = tmp_path / "deep.ttl"
    nested = "[ <urn:p> " * 200 + "<urn:o>" + " ]" * 200
    path.write_text(f"<urn:s> <urn:p> {nested} .\n", encoding="utf-8")
    report, consistency = validate_file(path)
    assert report.conforms and consistency.consistent


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_validate_refuses_what_is_not_a_file(special: str, tmp_path: Path) -> None:
    import os

    if special == "fifo":
        special = str(tmp_path / "graph.ttl")
        os.mkfifo(special)
    with pytest.raises(InputError, match="not a regular graph file"):
        validate_file(Path(special))


def test_validate_refuses_a_file_over_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.ttl"
    with path.open("wb") as sparse:
        sparse.truncate(10 * 1024**3)
    with pytest.raises(InputError, match="graph file too large"):
        validate_file(path, max_bytes=1024**3)


def test_a_sparql_constraint_without_this_is_left_to_pyshacl(tmp_path: Path) -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ck: <https://w3id.org/conflictkg/ontology#> .
        <urn:s> a sh:NodeShape ; sh:targetClass ck:Person ;
            sh:sparql [ sh:message "a person supports someone"@en ;
                sh:select '''SELECT ?value WHERE {
                    ?x <https://w3id.org/conflictkg/ontology#leaderOf> ?value }''' ] .
        """,
        format="turtle",
    )
    streamed, whole = _both(build(), tmp_path, shapes)
    assert streamed == whole and whole


def test_validate_graph_goes_native_for_large_graphs() -> None:
    graph = build("id:iran a ck:Person .")
    ontology = load_ontology_graph()
    reference = validate_graph(graph, ontology=ontology, engine="pyshacl")
    native = validate_graph(graph, ontology=ontology, engine="native")
    assert _normal(native.violations) == _normal(reference.violations) != set()


def test_auto_picks_the_native_check_from_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    import conflictkg.check.validate as validate_module

    graph = build("id:iran a ck:Person .")
    reference = validate_graph(graph, engine="pyshacl")

    def no_pyshacl(*args: object, **kwargs: object) -> None:
        raise AssertionError("pyshacl ran on a large graph")

    monkeypatch.setattr(validate_module, "NATIVE_FROM_TRIPLES", len(graph))
    monkeypatch.setattr(validate_module, "check_shapes", no_pyshacl)
    assert _normal(validate_graph(graph).violations) == _normal(reference.violations)
