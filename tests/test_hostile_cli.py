"""The rows of issue 9's table, end to end through the ``conflictkg`` command.

Every run is bounded by :func:`bounds.conflictkg` (a wall-clock limit and a resident
memory limit on the whole process tree, killed past either), and must end by itself with
the documented exit code and at most one ``conflictkg: error:`` line, never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from bounds import conflictkg, one_error_line
from conflictkg.cli import main
from conflictkg.extract.extractor import Extractor
from conftest import CORPUS_GOLD, EXPORT, SEEDS

pytestmark = pytest.mark.timeout(600)
ARTICLE = "Iran supports Hezbollah. Israel opposes Hezbollah.\n"
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _folder(tmp_path: Path, name: str = "in") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


# --- where it runs: working directory / and paths with [ --------------------------------


def test_build_and_validate_from_root_with_brackets_in_paths(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "news [2016]")
    out = tmp_path / "out [x]"
    built = conflictkg("build", str(folder), "-o", str(out), "-q", cwd="/", timeout=300)
    assert built.returncode == 0 and not built.killed, built.stderr
    checked = conflictkg("validate", str(out / "conflictkg.ttl"), cwd="/")
    assert checked.returncode == 0, checked.stderr
    assert "OWL (HermiT" in checked.stdout and "consistent" in checked.stdout


# --- odd files ----------------------------------------------------------------------------


def test_a_fifo_in_an_input_folder_is_skipped(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    result = conflictkg("build", str(folder), "-o", str(tmp_path / "out"), "--no-owl", "-q")
    assert not result.killed, (result.killed, result.stderr)
    assert result.returncode == 1
    assert f"conflictkg: {folder / 'pipe.txt'}: a FIFO, not a regular document" in result.stderr
    assert (tmp_path / "out" / "conflictkg.ttl").is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["build", "/dev/zero", "--no-owl", "-q"],
        ["validate", "/dev/zero"],
        ["query", "-f", "/dev/zero"],
        ["query", "--data", "/dev/zero", "ASK {}"],
    ],
    ids=["build", "validate", "query-file", "query-data"],
)
def test_dev_zero_is_refused_at_once(args: list[str], tmp_path: Path) -> None:
    if args[0] == "build":
        args = [*args, "-o", str(tmp_path / "out")]
    result = conflictkg(*args, timeout=60, max_rss_mb=600)
    assert not result.killed, (result.killed, result.peak_rss_mb)
    assert result.returncode == 1
    assert "/dev/zero: a character device" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_document_over_max_document_bytes_is_named_and_skipped(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "long.txt").write_text("Iran supports Hezbollah. " * 2000, encoding="utf-8")
    result = conflictkg(
        "build",
        str(folder),
        "-o",
        str(tmp_path / "out"),
        "--no-owl",
        "-q",
        "--max-document-bytes",
        "10K",
    )
    assert result.returncode == 1, result.stderr
    assert (
        f"conflictkg: {folder / 'long.txt'}: document too large (48.8 KiB, more than the limit "
        "of 10 KiB, --max-document-bytes); skipped"
    ) in result.stderr
    assert (tmp_path / "out" / "conflictkg.ttl").is_file()


def test_one_bad_jsonl_line_leaves_the_others(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "a", "text": ARTICLE}).encode(),
        b'{"id": "deep", "text": "x", "n": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        b'{"id": "int", "text": "x", "n": ' + b"7" * 5000 + b"}",
        b'{"id": "bad", "text": "Iran \xff backs Iraq."}',
        json.dumps({"id": "b", "text": "Hezbollah fights Israel."}).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = conflictkg("build", str(path), "-o", str(tmp_path / "out"), "--no-owl")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "documents: 3" in result.stdout
    assert f"{path}:2: invalid JSON (nested too deeply)" in result.stderr
    assert f"{path}:4: not valid UTF-8" in result.stderr


# --- heavy queries ------------------------------------------------------------------------


def test_a_cartesian_query_times_out_in_bounded_memory() -> None:
    result = conflictkg(
        "query", "--data", str(EXPORT), "--timeout", "3", "--max-memory", "600M",
        CARTESIAN + " ORDER BY ?a",
        timeout=60, max_rss_mb=1200,
    )  # fmt: skip
    one_error_line(result)
    stopped = "did not finish within 3 s|ran out of memory .the limit is 600 MiB"
    assert re.search(stopped, result.stderr), result.stderr
    assert result.seconds < 30


def test_a_cartesian_query_is_stopped_by_its_memory_cap() -> None:
    result = conflictkg(
        "query", "--data", str(EXPORT), "--timeout", "120", "--max-memory", "300M",
        CARTESIAN + " ORDER BY ?a",
        timeout=150, max_rss_mb=900,
    )  # fmt: skip
    one_error_line(result, "ran out of memory (the limit is 300 MiB)")


def test_a_cartesian_table_stops_at_its_row_limit() -> None:
    result = conflictkg("query", "--data", str(EXPORT), CARTESIAN, timeout=60, max_rss_mb=1500)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 + 1000 + 1 and lines[-1].startswith("(first 1000 rows shown;")


def test_csv_streams_until_the_timeout(tmp_path: Path) -> None:
    result = conflictkg(
        "query",
        "--data",
        str(EXPORT),
        "--format",
        "csv",
        "--timeout",
        "4",
        CARTESIAN,
        timeout=60,
        max_rss_mb=1500,
    )
    one_error_line(result, "did not finish within 4 s")
    assert result.stdout.count("\r\n") > 10_000  # rows were written while it ran


def test_query_data_with_nested_entities_is_refused(tmp_path: Path) -> None:
    from store.test_query_bounds import BOMB

    path = tmp_path / "x.rdf"
    path.write_text(BOMB, encoding="utf-8")
    result = conflictkg("query", "--data", str(path), "SELECT * { ?s ?p ?o }", max_rss_mb=500)
    one_error_line(result, "ENTITY declarations is refused")


@pytest.mark.parametrize("depth", [5000, 50_000])
def test_deeply_nested_queries_are_one_line(depth: int, tmp_path: Path) -> None:
    path = tmp_path / "deep.rq"
    path.write_text("SELECT * WHERE { FILTER(" + "(" * depth + "1" + ")" * depth + ") }")
    result = conflictkg("query", "--data", str(EXPORT), "-f", str(path), max_rss_mb=800)
    one_error_line(result, "refused before parsing")


def test_two_readers_share_a_store(tmp_path: Path) -> None:
    from conflictkg.store.query import open_store

    folder = tmp_path / "store"
    open_store(data=EXPORT, store=folder).flush()
    results: list[object] = []

    def read() -> None:
        results.append(
            conflictkg(
                "query",
                "--store",
                str(folder),
                "--format",
                "csv",
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            )
        )

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]  # type: ignore[attr-defined]
    assert len({r.stdout for r in results}) == 1  # type: ignore[attr-defined]


def test_a_corrupted_store_folder_is_one_line(tmp_path: Path) -> None:
    from conflictkg.store.query import open_store

    folder = tmp_path / "store"
    open_store(data=EXPORT, store=folder).flush()
    for path in folder.glob("*.sst"):
        path.write_bytes(b"\x00" * 5000)
    result = conflictkg("query", "--store", str(folder), "ASK { ?s ?p ?o }")
    one_error_line(result, "cannot open the store")


# --- Turtle nested deep, tracebacks ----------------------------------------------------------


def _deep_turtle(path: Path) -> Path:
    nested = "[ <urn:p> " * 200 + "<urn:o>" + " ]" * 200
    path.write_text(f"<urn:s> <urn:p> {nested} .\n", encoding="utf-8")
    return path


def test_validate_a_deeply_nested_graph_gives_a_verdict(tmp_path: Path) -> None:
    result = conflictkg("validate", str(_deep_turtle(tmp_path / "deep.ttl")))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "SHACL: conforms." in result.stdout


@pytest.mark.parametrize("option", ["--ontology", "--shapes"])
def test_deeply_nested_ontology_or_shapes_are_one_line(option: str, tmp_path: Path) -> None:
    deep = _deep_turtle(tmp_path / "deep.ttl")
    result = conflictkg("validate", str(EXPORT), option, str(deep))
    assert not result.killed
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert f"{deep}: the {option[2:]} nests blank nodes or lists too deeply" in result.stderr


def test_eval_on_a_document_that_fails_is_a_failure_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    gold = CORPUS_GOLD
    name = sorted(gold.glob("*.json"))[0].stem
    (texts / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")

    class Broken(Extractor):
        def extract(self, document: object) -> object:  # type: ignore[override]
            raise ValueError("boom")

    monkeypatch.setattr(
        Extractor,
        "default",
        classmethod(lambda cls: Broken(None, None, None)),  # type: ignore[arg-type]
    )
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), str(texts)])
    assert result.exit_code == 1
    assert "extraction failed (ValueError: boom); skipped" in result.stderr
    assert "Traceback" not in result.output


def test_an_unexpected_exception_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import conflictkg.build as build_module

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something nobody foresaw\nsecond line")

    monkeypatch.setattr(build_module, "build_graph", explode)
    result = CliRunner().invoke(main, ["build", str(SEEDS)])
    assert result.exit_code == 1
    assert result.stderr == (
        "conflictkg: error: unexpected RuntimeError: something nobody foresaw second line "
        "(a bug in conflictkg; please report it)\n"
    )


# --- names ----------------------------------------------------------------------------------


def test_a_file_name_with_a_newline_forges_no_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "x.txt\nconflictkg: error: forged").mkdir()
    (folder / "x.txt\nconflictkg: error: forged" / "b\n.txt").write_bytes(b"")
    result = conflictkg("build", str(folder), "-o", str(tmp_path / "out"), "--no-owl", "-q")
    assert result.returncode == 1
    assert not any(
        line.startswith("conflictkg: error: forged") for line in result.stderr.splitlines()
    ), result.stderr
    assert "x.txt\\nconflictkg: error: forged/b\\n.txt: empty document; skipped" in result.stderr


# --- -o checked first ---------------------------------------------------------------------------


def test_an_unwritable_output_is_found_before_any_document_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import conflictkg.build as build_module

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("documents were read before the output was checked")

    monkeypatch.setattr(build_module, "read_documents", never)
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")
    for target in (in_the_way / "sub", Path("/proc/conflictkg-out")):
        result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(target)])
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(f"conflictkg: error: {target}: cannot write into")


@pytest.mark.model
def test_zero_width_and_bidi_marks_do_not_split_an_actor(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Militia leader Jassim al-Saidi said his group fights the Islamic State. "
        "Jassim al-Saidi\u200b said Iran supports his group. "
        "Commander Jass\u200dim al-Sai\u202edi said they oppose the United States.\n",
        encoding="utf-8",
    )
    result = conflictkg("build", str(folder), "-o", str(tmp_path / "out"), "--no-owl")
    assert result.returncode == 0, result.stderr
    labels = [
        line
        for line in (tmp_path / "out" / "conflictkg.ttl").read_text().splitlines()
        if "rdfs:label" in line and "Jass" in line
    ]
    assert labels == ['    rdfs:label "Jassim al-Saidi"@en .']


def test_the_output_check_leaves_no_trace(tmp_path: Path) -> None:
    from conflictkg.files import check_output_folder

    target = tmp_path / "new" / "deeper"
    assert check_output_folder(target) == target
    assert not (tmp_path / "new").exists()
    (tmp_path / "kept").mkdir()
    check_output_folder(tmp_path / "kept")
    assert list((tmp_path / "kept").iterdir()) == []


@pytest.mark.parametrize("option", ["--ontology", "--shapes"])
def test_a_fifo_as_ontology_or_shapes_is_one_line(option: str, tmp_path: Path) -> None:
    fifo = tmp_path / "resource.ttl"
    os.mkfifo(fifo)
    result = conflictkg("validate", str(EXPORT), option, str(fifo), timeout=60)
    one_error_line(result, f"{fifo}: a FIFO, not a regular {option[2:]} file")
