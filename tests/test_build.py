"""build_graph end to end: broken ontology or shapes stop the run first, bad files never
stop it, long documents are split, nothing is lost on failure, and the seed export carries
its provenance and the relations the seed article states."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from conflictkg import __version__, assemble
from conflictkg import build as build_module
from conflictkg.build import GRAPH_FILE, BuildResult, build_graph
from conflictkg.check.validate import check_ontology_file, check_shapes_file
from conflictkg.cli import main
from conflictkg.errors import ResourceError, ValidationError
from conflictkg.extract.extractor import EXTRACTOR, Extractor
from conflictkg.extract.segments import split_text
from conflictkg.model import Actor, ActorType, Document, Evidence, Extraction, Predicate, Relation
from conflictkg.rdf import serialize as export
from conflictkg.rdf.vocab import CK
from conflictkg.resources import ontology_path, shapes_path
from conflictkg.store.query import open_store, run_query
from conftest import SEEDS

# rdflib.XSD, imported here, makes pytest warn while it collects the module
INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
GOOD = "Iran supports the Iraqi government in its war against the Islamic State.\n"
GOOD_TOO = "The United States opposes ISIS.\n"


class StubExtractor:
    """A model-free extractor: one government per document, labelled by its first line."""

    def extract(self, document: Document) -> Extraction:
        key = Path(document.identifier).stem
        label = document.text.strip().splitlines()[0]
        return Extraction(document, (Actor(key, label, ActorType.GOVERNMENT),))


def _tmp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _write(folder: Path, files: dict[str, str | bytes]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> StubExtractor:
    """The stub, also as what ``Extractor.default()`` returns (so the CLI uses it)."""
    extractor = StubExtractor()
    monkeypatch.setattr(Extractor, "default", classmethod(lambda cls: extractor))
    return extractor


@pytest.fixture
def previous(tmp_path: Path, stub: StubExtractor) -> Path:
    """A real earlier export, of one document, in ``tmp_path/out``."""
    (old,) = _write(tmp_path / "old", {"old.txt": "Old Government\n"})
    result = build_graph([old], tmp_path / "out", extractor=stub, check_owl=False)  # type: ignore[arg-type]
    assert result.output == tmp_path / "out" / GRAPH_FILE
    return result.output


# ----------------------------------------------- a bad ontology or shapes file stops first

ONTOLOGY_LINES = ontology_path().read_text(encoding="utf-8").count("\n")
SHAPES_LINES = shapes_path().read_text(encoding="utf-8").count("\n")
INDIVIDUAL = "<https://w3id.org/conflictkg/id/x> a owl:NamedIndividual, ck:Foo .\n"
BAD_ONTOLOGIES = {
    # name: (appended text, line named in the message, words of the message)
    "syntax": ("ck:Broken a .\n", 1, "Turtle syntax error in the ontology"),
    "inconsistent": (
        "ck:Foo a owl:Class ; rdfs:subClassOf ck:Government, ck:ArmedGroup .\n" + INDIVIDUAL,
        2,
        "the ontology is inconsistent",
    ),
    "disjoint-with-itself": (
        "ck:Foo a owl:Class ; owl:disjointWith ck:Foo .\n" + INDIVIDUAL,
        1,
        "HermiT rejects the ontology: Parsed DisjointClasses(ck:Foo)",
    ),
    "unsatisfiable": (
        "ck:Foo a owl:Class ;\n    rdfs:subClassOf ck:Person, ck:ArmedGroup .\n",
        1,
        "the ontology is unsatisfiable: ck:Foo can have no members",
    ),
}
BAD_SHAPES = {
    "syntax": ('cks:Broken a sh:NodeShape ; sh:message "unterminated .\n', 1, "Turtle syntax"),
    "not-shacl": (
        "cks:Bad a sh:NodeShape ;\n"
        "    sh:targetClass ck:Actor ;\n"
        '    sh:property [ sh:path rdfs:label ; sh:minCount "one" ] .\n',
        3,
        'not valid SHACL: sh:minCount "one": Value is not Literal with datatype xsd:integer',
    ),
    "bad-regex": (
        "cks:Bad a sh:NodeShape ; sh:targetClass ck:Actor ;\n"
        '    sh:property [ sh:path rdfs:label ; sh:pattern "([" ] .\n',
        2,
        "bad sh:pattern '([' in the shapes",
    ),
}


def _forbid_processing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if any document is read or extracted, or the pipeline loaded."""

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("a document was processed before the resources were checked")

    monkeypatch.setattr(build_module, "read_documents", forbidden)
    monkeypatch.setattr(Extractor, "extract", forbidden)
    monkeypatch.setattr(Extractor, "default", classmethod(forbidden))


def _bad_resource(tmp_path: Path, kind: str, case: str) -> tuple[Path, int, str]:
    base, lines, cases = (
        (ontology_path(), ONTOLOGY_LINES, BAD_ONTOLOGIES)
        if kind == "ontology"
        else (shapes_path(), SHAPES_LINES, BAD_SHAPES)
    )
    extra, line, words = cases[case]
    path = tmp_path / f"bad-{kind}.ttl"
    path.write_text(base.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path, lines + line, words


RESOURCE_CASES = [("ontology", c) for c in BAD_ONTOLOGIES] + [("shapes", c) for c in BAD_SHAPES]


@pytest.mark.parametrize(("kind", "case"), RESOURCE_CASES)
def test_bad_resource_stops_the_build_before_any_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, case: str
) -> None:
    bad, line, words = _bad_resource(tmp_path, kind, case)
    (good,) = _write(tmp_path / "in", {"good.txt": GOOD})
    _forbid_processing(monkeypatch)
    with pytest.raises(ResourceError) as caught:
        build_graph([good], tmp_path / "out", **{kind: bad})  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith(f"{bad}:{line}: "), message
    assert words in message
    assert "\n" not in message
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("kind", "case"), [("ontology", "inconsistent"), ("shapes", "syntax")])
def test_cli_bad_resource_is_one_line_and_exit_1(
    tmp_path: Path, previous: Path, monkeypatch: pytest.MonkeyPatch, kind: str, case: str
) -> None:
    before = previous.read_bytes()
    bad, line, _ = _bad_resource(tmp_path, kind, case)
    (good,) = _write(tmp_path / "in", {"good.txt": GOOD})
    _forbid_processing(monkeypatch)
    runner = CliRunner()
    for args in (
        ["build", str(good), "-o", str(previous.parent), f"--{kind}", str(bad)],
        ["validate", str(previous), f"--{kind}", str(bad)],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.stderr.startswith(f"conflictkg: error: {bad}:{line}: ")
        assert result.stderr.count("\n") == 1
        assert result.stdout == ""
    assert previous.read_bytes() == before


def test_bundled_resources_pass_their_own_checks() -> None:
    assert len(check_ontology_file()) > 100
    assert len(check_shapes_file()) > 100


def test_no_java_is_one_line_naming_the_ontology(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import owlready2

    path = tmp_path / "conflict.ttl"  # new bytes: not a file already reasoned over
    path.write_text(ontology_path().read_text(encoding="utf-8") + "# copy\n", encoding="utf-8")
    monkeypatch.setattr(owlready2, "JAVA_EXE", "no-such-java-here")
    with pytest.raises(ResourceError, match=rf"^{path}: cannot reason over .* needs Java"):
        check_ontology_file(path)
    assert len(check_ontology_file(path, reason=False)) > 100


# --------------------------------------------------------- bad files never stop the run

BAD_FILES: dict[str, str | bytes] = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "latin1.txt": "Hezbollah in S\xe3o Paulo".encode("latin-1"),
}


def test_bad_files_are_reported_and_the_good_ones_built(tmp_path: Path, stub: Extractor) -> None:
    _write(tmp_path / "in", {"a.txt": GOOD, "b.txt": GOOD_TOO, **BAD_FILES})
    result = build_graph([tmp_path / "in"], tmp_path / "out", extractor=stub, check_owl=False)
    assert not result.ok
    assert result.summary.documents == 2
    assert sorted(Path(f.source).name for f in result.failures) == sorted(BAD_FILES)
    assert result.output is not None
    identifiers = {str(o) for o in Graph().parse(result.output).objects(None, DCTERMS.identifier)}
    assert identifiers == {"a.txt", "b.txt"}


def test_an_extraction_crash_fails_one_document_only(tmp_path: Path) -> None:
    class Fragile(StubExtractor):
        def extract(self, document: Document) -> Extraction:
            if document.identifier == "b.txt":
                raise IndexError("list index out of range")
            return super().extract(document)

    paths = _write(tmp_path / "in", {"a.txt": GOOD, "b.txt": GOOD_TOO})
    result = build_graph(paths, tmp_path / "out", extractor=Fragile(), check_owl=False)  # type: ignore[arg-type]
    assert [str(f) for f in result.failures] == [
        f"{paths[1]}: extraction failed (IndexError: list index out of range); skipped"
    ]
    assert result.summary.documents == 1 and result.output is not None


@pytest.mark.model
def test_cli_reports_each_bad_file_and_builds_the_others(tmp_path: Path) -> None:
    _write(tmp_path / "in", {"a.txt": GOOD, "b.txt": GOOD_TOO, **BAD_FILES})
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert "documents: 2" in result.stdout
    err = result.stderr.splitlines()
    for name in BAD_FILES:
        path = tmp_path / "in" / name
        assert sum(line.startswith(f"conflictkg: {path}: ") for line in err) == 1, err
        assert f"  {path}" in err  # the summary lists it
    assert f"failed documents: {len(BAD_FILES)}" in err
    assert "Traceback" not in result.output
    graph = Graph().parse(tmp_path / "out" / GRAPH_FILE)
    assert {str(o) for o in graph.objects(None, DCTERMS.identifier)} == {"a.txt", "b.txt"}
    assert (None, CK.supports, None) in graph and (None, CK.opposes, None) in graph


@pytest.mark.model
def test_a_document_longer_than_the_parser_takes_is_split_not_dropped(
    tmp_path: Path, seed_build: BuildResult
) -> None:
    seed = next(SEEDS.glob("*.txt"))
    assert len(split_text(seed.read_text(encoding="utf-8"), 2000)) >= 4
    small = replace(Extractor.default(), max_chars=2000)
    split = build_graph([SEEDS], tmp_path / "out", extractor=small, check_owl=False)
    (whole,) = seed_build.extractions
    (pieces,) = split.extractions
    assert len(whole.relations) >= 10
    assert pieces.relations == whole.relations
    assert pieces.actors == whole.actors


# ------------------------------------------------------------- nothing lost on failure


def _failing_write(exception: BaseException):  # type: ignore[no-untyped-def]
    real_write = os.write
    calls: list[int] = []

    def write(fd: int, data: bytes) -> int:
        calls.append(fd)
        if len(calls) > 1:
            raise exception
        return real_write(fd, bytes(data)[:64])

    return write


def test_exception_inside_write_leaves_the_previous_export(
    tmp_path: Path, previous: Path, stub: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = previous.read_bytes()
    inputs = _write(tmp_path / "in", {"a.txt": GOOD, "b.txt": GOOD_TOO})
    monkeypatch.setattr(export.os, "write", _failing_write(RuntimeError("boom")))
    with pytest.raises(RuntimeError, match="boom"):
        build_graph(inputs, previous.parent, extractor=stub, check_owl=False)
    assert previous.read_bytes() == before
    assert _tmp_files(previous.parent) == []
    monkeypatch.undo()
    build_graph(inputs, previous.parent, extractor=stub, check_owl=False)
    assert previous.read_bytes() == _fresh(tmp_path, inputs, stub)


def _fresh(tmp_path: Path, inputs: list[Path], extractor: Extractor) -> bytes:
    result = build_graph(inputs, tmp_path / "fresh", extractor=extractor, check_owl=False)
    assert result.output is not None
    return result.output.read_bytes()


def test_disk_full_is_one_line_exit_1_and_the_previous_export_stays(
    tmp_path: Path, previous: Path, stub: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = previous.read_bytes()
    inputs = _write(tmp_path / "in", {"a.txt": GOOD, "b.txt": GOOD_TOO})
    args = ["build", *map(str, inputs), "-o", str(previous.parent), "--no-owl"]
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    with monkeypatch.context() as patch:
        patch.setattr(export.os, "write", _failing_write(full))
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert result.stderr == (
        f"conflictkg: error: {previous}: cannot write the export: No space left on device\n"
    )
    assert previous.read_bytes() == before
    assert _tmp_files(previous.parent) == []
    rerun = CliRunner().invoke(main, args)
    assert rerun.exit_code == 0, rerun.output
    assert previous.read_bytes() == _fresh(tmp_path, inputs, stub)


KILLED_BUILD = textwrap.dedent(
    """
    import os, sys, time
    from conflictkg.rdf import serialize as export
    from conflictkg.cli import main
    from conflictkg.extract.extractor import Extractor
    from conflictkg.model import Actor, ActorType, Extraction

    stage = sys.argv[1]

    class Stub:
        def extract(self, document):
            if stage == "extract":
                os.write(1, b"extracting\\n")  # one write: workers print at once
                time.sleep(120)
            key = document.identifier.rsplit(".", 1)[0]
            label = document.text.strip().splitlines()[0]
            return Extraction(document, (Actor(key, label, ActorType.GOVERNMENT),))

    def replace(source, target):
        print("written", flush=True)
        time.sleep(120)

    Extractor.default = classmethod(lambda cls: Stub())
    export.os.replace = replace
    sys.argv = ["conflictkg", "build", *sys.argv[2:]]
    main()
    """
)


@pytest.mark.parametrize(("stage", "stale"), [("extract", 0), ("write", 1)])
def test_a_killed_build_leaves_the_previous_export_and_a_rerun_completes(
    tmp_path: Path, previous: Path, stub: Extractor, stage: str, stale: int
) -> None:
    before = previous.read_bytes()
    inputs = _write(tmp_path / "in", {"a.txt": GOOD, "b.txt": GOOD_TOO})
    args = [*map(str, inputs), "-o", str(previous.parent), "--no-owl"]
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, stage, *args], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        expected = "extracting\n" if stage == "extract" else "written\n"
        assert expected in iter(process.stdout.readline, "")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode == -signal.SIGKILL
    assert previous.read_bytes() == before
    # Killed between writing its temporary file and renaming it, a build leaves that file
    # (nothing runs in a SIGKILLed process); the next build removes it.
    assert len(_tmp_files(previous.parent)) == stale
    assert CliRunner().invoke(main, ["build", *args]).exit_code == 0
    assert previous.read_bytes() == _fresh(tmp_path, inputs, stub)
    assert _tmp_files(previous.parent) == []


def test_a_graph_that_fails_validation_is_not_written(
    tmp_path: Path, previous: Path, stub: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = previous.read_bytes()
    real_actor_graph = assemble.actor_graph

    def without_labels(*args: Any) -> Graph:
        graph = real_actor_graph(*args)
        graph.remove((None, RDFS.label, None))
        return graph

    monkeypatch.setattr(assemble, "actor_graph", without_labels)
    inputs = _write(tmp_path / "in", {"a.txt": GOOD, "b.txt": GOOD_TOO})
    with pytest.raises(ValidationError) as caught:
        build_graph(inputs, previous.parent, extractor=stub, check_owl=False)
    assert len(caught.value.violations) == 2
    assert all("rdfs:label" in v for v in caught.value.violations)

    result = CliRunner().invoke(main, ["build", *map(str, inputs), "-o", str(previous.parent)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    for line, actor in zip(lines, ("id:actor/a", "id:actor/b"), strict=False):
        assert line.startswith(f"violation: Violation: {actor} rdfs:label: "), line
    assert lines[-1].startswith("conflictkg: error: the graph does not conform")
    assert previous.read_bytes() == before
    assert _tmp_files(previous.parent) == []


# ------------------------------------------------------------ the seed export: provenance


@pytest.mark.model
def test_every_statement_slices_its_evidence_out_of_the_file(seed_build: BuildResult) -> None:
    graph = seed_build.graph
    (seed,) = SEEDS.glob("*.txt")
    text = seed.read_bytes().decode("utf-8")
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    assert len(statements) >= 20
    for statement in statements:
        begin = graph.value(statement, CK.beginOffset)
        end = graph.value(statement, CK.endOffset)
        evidence = graph.value(statement, CK.evidenceText)
        assert isinstance(begin, Literal) and begin.datatype == INTEGER
        assert isinstance(end, Literal) and end.datatype == INTEGER
        assert text[begin.toPython() : end.toPython()] == str(evidence), statement

        (document,) = graph.objects(statement, PROV.wasDerivedFrom)
        assert graph.value(document, DCTERMS.identifier) == Literal(seed.name)

        confidence = graph.value(statement, CK.confidence)
        assert isinstance(confidence, Literal) and confidence.datatype == DECIMAL
        assert 0 <= confidence.toPython() <= 1

        (extractor,) = graph.objects(statement, CK.extractor)
        assert str(extractor) == EXTRACTOR
        name, _, version = str(extractor).partition(" ")
        assert name and version == __version__

        triple = tuple(graph.value(statement, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        assert triple in graph, statement


@pytest.mark.model
def test_every_relation_triple_has_a_statement(seed_build: BuildResult) -> None:
    graph = seed_build.graph
    relations = [CK.supports, CK.opposes, CK.designatedTerrorist]
    relations += [CK.leaderOf, CK.memberOf, CK.partOf]
    for predicate in relations:
        for s, o in graph.subject_objects(predicate):
            reified = set(graph.subjects(RDF.subject, s)) & set(graph.subjects(RDF.object, o))
            assert any((r, RDF.predicate, predicate) in graph for r in reified), (s, predicate, o)


# ------------------------------------------------------ the seed export: what it must say

BY_LABEL = """
SELECT DISTINCT ?actor ?wanted WHERE {
    { ?actor rdfs:label ?name } UNION { ?actor skos:altLabel ?name }
    FILTER (LCASE(STR(?name)) = LCASE(?wanted))
}
"""


@pytest.fixture(scope="module")
def seed_store(seed_build: BuildResult):  # type: ignore[no-untyped-def]
    assert seed_build.output is not None
    return open_store(data=seed_build.output)


def _node(store: object, name: str) -> str:
    rows = run_query(store, BY_LABEL, bindings={"wanted": name}).rows  # type: ignore[arg-type]
    assert len(rows) == 1, f"{name!r} names {len(rows)} nodes"
    node = rows[0][0]
    assert node is not None
    return f"<{node.value}>"


def _ask(store: object, query: str) -> bool:
    answer = run_query(store, query).boolean  # type: ignore[arg-type]
    assert answer is not None
    return answer


@pytest.mark.model
@pytest.mark.parametrize(
    ("subject", "predicate", "object"),
    [
        ("Iran", "supports", "Iraq"),
        ("United States", "opposes", "Islamic State"),
        ("Iran", "opposes", "Islamic State"),
        ("Kataib Hezbollah", "designatedTerrorist", "United States"),
        ("Iran", "supports", "Bashar al-Assad"),
    ],
)
def test_seed_relations(seed_store: object, subject: str, predicate: str, object: str) -> None:
    query = f"ASK {{ {_node(seed_store, subject)} ck:{predicate} {_node(seed_store, object)} }}"
    assert _ask(seed_store, query), f"{subject} {predicate} {object}"


@pytest.mark.model
@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("Iran", "Government"),
        ("Iraq", "Government"),
        ("United States", "Government"),
        ("Islamic State", "ArmedGroup"),
        ("Kataib Hezbollah", "ArmedGroup"),
        ("Bashar al-Assad", "Person"),
    ],
)
def test_seed_classes(seed_store: object, name: str, cls: str) -> None:
    node = _node(seed_store, name)
    assert _ask(seed_store, f"ASK {{ {node} a ck:{cls} }}")
    others = {"Government", "ArmedGroup", "Person"} - {cls}
    for other in others:
        assert not _ask(seed_store, f"ASK {{ {node} a ck:{other} }}"), (name, other)


@pytest.mark.model
def test_islamic_state_isis_and_daesh_are_one_node(seed_store: object) -> None:
    assert _node(seed_store, "Islamic State") == _node(seed_store, "ISIS")
    assert _node(seed_store, "Islamic State") == _node(seed_store, "Daesh")


NAMES_WITH = """
SELECT ?name ?part WHERE {
    ?actor a ?class .
    VALUES ?class { ck:Government ck:ArmedGroup ck:Person }
    { ?actor rdfs:label ?name } UNION { ?actor skos:altLabel ?name }
    FILTER (CONTAINS(LCASE(STR(?name)), LCASE(?part)))
}
"""


@pytest.mark.model
@pytest.mark.parametrize("part", ["Loveday", "Morris", "Missy", "Ryan", "Washington Post"])
def test_byline_and_publisher_are_not_actors(seed_store: object, part: str) -> None:
    rows = run_query(seed_store, NAMES_WITH, bindings={"part": part}).rows  # type: ignore[arg-type]
    assert rows == (), rows


class ConfidenceStub(StubExtractor):
    """Two actors and three edges between them, of confidence 0.5, 0.8 and 0.95."""

    def extract(self, document: Document) -> Extraction:
        iran = Actor("irn", "Iran", ActorType.GOVERNMENT)
        iraq = Actor("irq", "Iraq", ActorType.GOVERNMENT)
        evidence = Evidence(document.identifier, document.text.strip(), 0, len(document.text))
        relations = tuple(
            Relation(s, p, o, evidence, confidence, EXTRACTOR)
            for s, p, o, confidence in (
                ("irn", Predicate.SUPPORTS, "irq", 0.8),
                ("irq", Predicate.OPPOSES, "irn", 0.5),
                ("irq", Predicate.SUPPORTS, "irn", 0.95),
            )
        )
        return Extraction(document, (iran, iraq), relations)


@pytest.mark.parametrize(
    ("threshold", "edges"),
    [(0.0, 3), (0.5, 3), (0.6, 2), (0.8, 2), (0.81, 1), (1.0, 0)],
)
def test_min_confidence_leaves_out_weaker_edges_and_keeps_actors(
    tmp_path: Path, threshold: float, edges: int
) -> None:
    _write(tmp_path / "in", {"a.txt": GOOD})
    result = build_graph(
        [tmp_path / "in"],
        tmp_path / "out",
        extractor=ConfidenceStub(),  # type: ignore[arg-type]
        check_owl=False,
        min_confidence=threshold,
    )
    assert sum(result.summary.relations.values()) == edges
    assert sum(result.summary.actors.values()) == 2
    graph = Graph().parse(tmp_path / "out" / GRAPH_FILE)
    confidences = [float(c) for c in graph.objects(None, CK.confidence)]
    assert len(confidences) == edges and all(c >= threshold for c in confidences)


def test_cli_min_confidence_is_passed_to_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def fake_build(*args: object, **kwargs: object) -> BuildResult:
        seen.update(kwargs)
        raise ResourceError("stopped here")

    monkeypatch.setattr(build_module, "build_graph", fake_build)
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--min-confidence", "0.75"])
    assert result.exit_code == 1 and seen["min_confidence"] == 0.75
    bad = CliRunner().invoke(main, ["build", str(tmp_path), "--min-confidence", "1.5"])
    assert bad.exit_code == 2
