"""``build --store``: files in, a growing store out; unchanged documents are not parsed
again, changed ones replace theirs, and the commands around a store (remove, export,
query) work on what it holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib.compare import isomorphic
from store_synthetic import LineExtractor, extract_lines, write

from conflictkg import build_store, open_store
from conflictkg.build import build_graph
from conflictkg.cli import main
from conflictkg.extract.extractor import Extractor
from conflictkg.model import Document
from conflictkg.rdf.iri import document_iri
from conflictkg.rdf.mapping import to_graph
from conflictkg.rdf.serialize import serialize_turtle

FILES = {
    "2016-01/article.txt": "Iran supports Hezbollah.\nHezbollah opposes Israel.\n",
    "2016-02/article.txt": "United States opposes Hezbollah.\n",
    "2016-02/other.txt": "Hassan Nasrallah leads Hezbollah.\n",
}


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> LineExtractor:
    extractor = LineExtractor()
    monkeypatch.setattr(Extractor, "default", classmethod(lambda cls: extractor))
    return extractor


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="conflictkg")


def test_batches_from_files_equal_one_build(tmp_path: Path, stub: LineExtractor) -> None:
    paths = write(tmp_path / "in", FILES)
    store = tmp_path / "store"
    first = build_store([paths[0]], store, extractor=stub, check_owl=False)  # type: ignore[arg-type]
    second = build_store(paths[1:], store, extractor=stub, check_owl=False)  # type: ignore[arg-type]
    assert first.ok and second.ok
    assert [len(first.change.added), len(second.change.added)] == [1, 2]
    once = build_graph(paths, tmp_path / "out", extractor=stub, check_owl=False)  # type: ignore[arg-type]
    with open_store(store, read_only=True) as corpus:
        got = corpus.union_graph()
        names = sorted(e.identifier for e in corpus.documents)
    # built separately, the two article.txt keep their names; built together they are
    # told apart by their relative paths: the identifiers differ, nothing else does
    assert names == ["article.txt", "article.txt", "other.txt"]
    assert len(got) == len(once.graph)
    expected = to_graph([extract_lines(d.document) for d in once.extractions])
    assert isomorphic(once.graph, expected)
    same_names = {(s, p, o) for s, p, o in got if "identifier" not in str(p)}
    assert same_names == {(s, p, o) for s, p, o in once.graph if "identifier" not in str(p)}


def test_an_unchanged_document_is_not_parsed_again(tmp_path: Path, stub: LineExtractor) -> None:
    paths = write(tmp_path / "in", FILES)
    store = tmp_path / "store"
    build_store(paths, store, extractor=stub, check_owl=False)  # type: ignore[arg-type]
    stub.seen.clear()
    again = build_store(paths, store, extractor=stub, check_owl=False)  # type: ignore[arg-type]
    assert stub.seen == []
    assert len(again.unchanged) == 3 and again.change.empty
    paths[2].write_text("Hassan Nasrallah opposes Israel.\n", encoding="utf-8")
    changed = build_store(paths, store, extractor=stub, check_owl=False)  # type: ignore[arg-type]
    assert stub.seen == ["other.txt"]
    assert changed.change.replaced == ("other.txt",)
    with open_store(store, read_only=True) as corpus:
        assert len(corpus.documents) == 3


def test_a_copy_of_an_article_is_noted_not_doubled(tmp_path: Path, stub: LineExtractor) -> None:
    paths = write(
        tmp_path / "in", {"a.txt": FILES["2016-02/other.txt"], "b.txt": FILES["2016-02/other.txt"]}
    )
    result = build_store(paths, tmp_path / "store", extractor=stub, check_owl=False)  # type: ignore[arg-type]
    assert result.change.added == ("a.txt",)
    assert result.duplicates == (f"{paths[1]}: the same article as a.txt; skipped",)
    assert result.ok


def test_the_store_commands_end_to_end(tmp_path: Path, stub: LineExtractor) -> None:
    paths = write(tmp_path / "in", FILES)
    store = str(tmp_path / "store")
    built = run("build", *map(str, paths[:2]), "--store", store, "--no-owl")
    assert built.exit_code == 0, built.output
    assert built.stdout.startswith(
        "added: 2, replaced: 0, unchanged: 0, refused: 0\ndocuments: 2\n"
    )
    assert built.stdout.rstrip().endswith(f"store: {store}")
    more = run("build", *map(str, paths), "--store", store, "--no-owl")
    assert "added: 1, replaced: 0, unchanged: 2" in more.stdout
    query = run(
        "query",
        "--store",
        store,
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    )
    assert query.exit_code == 0, query.output
    assert query.stdout.splitlines()[2] == "4"
    rows = run(
        "query",
        "--store",
        store,
        "--format",
        "csv",
        "SELECT ?a WHERE { ?a ck:opposes ?b } ORDER BY ?a",
    )
    assert rows.stdout.splitlines()[1:] == [
        "https://w3id.org/conflictkg/id/actor/hezbollah",
        "https://w3id.org/conflictkg/id/actor/united_states",
    ]
    removed = run("remove", "--store", store, str(paths[0]), "--no-owl")
    assert removed.exit_code == 0, removed.output
    assert removed.stdout.splitlines() == ["removed: 2016-01/article.txt", "documents left: 2"]
    missing = run("remove", "--store", store, "nothing.txt")
    assert missing.exit_code == 1
    assert missing.stderr.startswith("conflictkg: error: nothing.txt: no such document")
    out = tmp_path / "corpus.trig"
    exported = run("export", "--store", store, "-o", str(out))
    assert exported.exit_code == 0, exported.output
    assert exported.stdout == f"written: {out} (trig, {exported.stdout.split('(trig, ')[1]}"
    assert "in 3 named graphs" in exported.stdout
    stdout = run("export", "--store", store, "-o", "-", "--format", "ttl")
    with open_store(store, read_only=True) as corpus:
        assert stdout.stdout_bytes == serialize_turtle(corpus.union_graph())
    data_too = run("query", "--store", store, "--data", str(out), "ASK { ?s ?p ?o }")
    assert data_too.exit_code == 1 and "build --store" in data_too.stderr


def test_the_python_api_reads_as_the_readme_says(tmp_path: Path, stub: LineExtractor) -> None:
    paths = write(tmp_path / "in", FILES)
    result = build_store(paths, tmp_path / "corpus", check_owl=False)
    assert result.summary.documents == 3
    with open_store(tmp_path / "corpus") as corpus:
        other = next(e for e in corpus.documents if e.identifier == "other.txt")
        assert other.iri == str(document_iri(Document("x", FILES["2016-02/other.txt"])))
        corpus.remove([other.iri], check_owl=False)
        assert [e.identifier for e in corpus.documents] == [
            "2016-01/article.txt",
            "2016-02/article.txt",
        ]


def test_query_loads_data_into_a_plain_oxigraph_folder(tmp_path: Path) -> None:
    data = tmp_path / "g.ttl"
    data.write_bytes(
        serialize_turtle(to_graph([extract_lines(Document("a", FILES["2016-02/other.txt"]))]))
    )
    folder = str(tmp_path / "plain")
    ask = "ASK { ?a ck:leaderOf ?b }"
    loaded = run("query", "--store", folder, "--data", str(data), ask)
    assert (loaded.exit_code, loaded.stdout) == (0, "true\n"), loaded.output
    again = run("query", "--store", folder, ask)  # the folder keeps what was loaded
    assert (again.exit_code, again.stdout) == (0, "true\n"), again.output
