"""Same input, byte-identical Turtle: across runs, hash seeds and input order; stable actor
IRIs when the corpus grows; and ``exports/`` is exactly what ``make run`` produces.

``pytest --update-exports`` rewrites ``exports/conflictkg.ttl`` on purpose.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from conflictkg.build import BuildResult, build_graph
from conflictkg.extract.extractor import Extractor
from conflictkg.rdf.serialize import write_bytes_atomic
from conflictkg.rdf.vocab import CK
from conftest import CORPUS_TEXTS, EXPORT, SEEDS

pytestmark = pytest.mark.model

SMALL = (
    "Iran supports the Iraqi government in its war against the Islamic State.\n"
    "The United States opposes ISIS, which it calls Daesh.\n"
    "Kataib Hezbollah has been designated a terrorist organization by the United States.\n"
)
OTHER = "Hezbollah fighters backed Syrian President Bashar al-Assad.\nIsrael opposes Hezbollah.\n"
CLI = Path(sys.executable).with_name("conflictkg")


def _turtle(graph: Graph) -> list[str]:
    return sorted(line for line in graph.serialize(format="nt").splitlines() if line)


def assert_same_graph(expected: Graph, actual: Graph) -> None:
    """Isomorphic, or fail listing the triples only in one of them (as N-Triples)."""
    iso_expected, iso_actual = to_isomorphic(expected), to_isomorphic(actual)
    if iso_expected == iso_actual:
        return
    _, only_expected, only_actual = graph_diff(iso_expected, iso_actual)
    lines = ["the graphs differ"]
    lines += [f"- {t}" for t in _turtle(only_expected)[:40]]
    lines += [f"+ {t}" for t in _turtle(only_actual)[:40]]
    pytest.fail("\n".join(lines), pytrace=False)


def _small_files(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    small, other = folder / "small.txt", folder / "other.txt"
    small.write_text(SMALL, encoding="utf-8")
    other.write_text(OTHER, encoding="utf-8")
    return small, other


def _actors(graph: Graph) -> set[URIRef]:
    classes = (CK.Government, CK.ArmedGroup, CK.Person)
    return {s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}


# ------------------------------------------------------------------------- exports/


def test_exports_are_what_make_run_produces(
    seed_build: BuildResult, request: pytest.FixtureRequest
) -> None:
    assert seed_build.ok and seed_build.output is not None
    fresh = seed_build.output.read_bytes()
    if request.config.getoption("--update-exports"):
        write_bytes_atomic(EXPORT, fresh)
    assert EXPORT.is_file(), "exports/conflictkg.ttl is missing: run `make run`"
    committed = EXPORT.read_bytes()
    assert_same_graph(
        Graph().parse(data=committed.decode("utf-8"), format="turtle"), seed_build.graph
    )
    assert committed == fresh, "same triples, different bytes: run `pytest --update-exports`"


# ------------------------------------------------------------------------- same input


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path) -> None:
    small, _ = _small_files(tmp_path / "in")
    first = build_graph([small], tmp_path / "one", extractor=Extractor.default(), check_owl=False)
    second = build_graph([small], tmp_path / "two", extractor=Extractor.default(), check_owl=False)
    assert first.output is not None and second.output is not None
    assert first.summary.relations["supports"] >= 1  # something to be deterministic about
    assert first.output.read_bytes() == second.output.read_bytes()


def test_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    small, _ = _small_files(tmp_path / "in")
    processes = {
        seed: subprocess.Popen(
            [str(CLI), "build", str(small), "-o", str(tmp_path / f"seed{seed}"), "-q", "--no-owl"],
            env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in ("0", "12345")
    }
    for seed, process in processes.items():
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, f"PYTHONHASHSEED={seed}: {err}"
    outputs = {(tmp_path / f"seed{s}" / "conflictkg.ttl").read_bytes() for s in processes}
    here = build_graph([small], tmp_path / "here", extractor=Extractor.default(), check_owl=False)
    assert here.output is not None
    outputs.add(here.output.read_bytes())
    assert len(outputs) == 1


def test_byte_identical_whatever_the_input_order(tmp_path: Path, extractor: Extractor) -> None:
    small, other = _small_files(tmp_path / "in")
    seed = next(SEEDS.glob("*.txt"))
    orders = [[small, other, seed], [seed, other, small], [other, seed, small, other]]
    outputs = set()
    for index, order in enumerate(orders):
        result = build_graph(order, tmp_path / f"out{index}", extractor=extractor, check_owl=False)
        assert result.output is not None and result.summary.documents == 3
        outputs.add(result.output.read_bytes())
    assert len(outputs) == 1


def test_an_actor_keeps_its_iri_when_the_corpus_grows(
    seed_build: BuildResult, extractor: Extractor
) -> None:
    grown = build_graph(
        [SEEDS, CORPUS_TEXTS / "syria_kurds_turkey_us.txt"], None, extractor=extractor
    )
    seed_actors = _actors(seed_build.graph)
    assert len(seed_actors) >= 10
    assert len(_actors(grown.graph)) > len(seed_actors)
    assert seed_actors <= _actors(grown.graph)
    for actor in seed_actors:  # the same node, not a namesake
        names = {
            *grown.graph.objects(actor, RDFS.label),
            *grown.graph.objects(actor, SKOS.altLabel),
        }
        assert seed_build.graph.value(actor, RDFS.label) in names, actor
