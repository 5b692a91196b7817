"""The ``conflictkg`` command: help and version, exit codes (0 success, 1 failed validation or
documents, 2 usage), one-line errors without tracebacks, and every command documented."""

from __future__ import annotations

import gc
import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from rdflib import RDFS, Graph

from conflictkg import __version__
from conflictkg.cli import main
from conflictkg.model import Actor, ActorType, Document, Evidence, Extraction, Predicate, Relation
from conflictkg.rdf.mapping import to_graph
from conflictkg.rdf.serialize import serialize_turtle
from conflictkg.store.query import open_store
from conftest import CORPUS_TEXTS, REPO

CLI = Path(sys.executable).with_name("conflictkg")
COMMANDS = sorted(main.commands)
TEXT = "Iran supports Iraq."


def _graph() -> Graph:
    document = Document("a.txt", TEXT, "a.txt")
    relation = Relation(
        "irn", Predicate.SUPPORTS, "irq", Evidence("a.txt", TEXT, 0, len(TEXT)), 0.9, "test 1.0"
    )
    actors = (
        Actor("irn", "Iran", ActorType.GOVERNMENT),
        Actor("irq", "Iraq", ActorType.GOVERNMENT),
    )
    return to_graph([Extraction(document, actors, (relation,))])


@pytest.fixture
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    path.write_bytes(serialize_turtle(_graph()))
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="conflictkg")


def assert_one_line_error(result: Result, *words: str, code: int = 1) -> None:
    assert result.exit_code == code, result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    assert result.stderr.startswith("conflictkg: error: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word in result.stderr


# ------------------------------------------------------------------- help and version


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=["main", *COMMANDS])
def test_help_on_every_command(command: list[str]) -> None:
    for flag in ("--help", "-h"):
        result = run(*command, flag)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"Usage: conflictkg {' '.join(command)}".rstrip())
        assert "Options:" in result.stdout


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"conflictkg, version {__version__}\n"


def test_commands() -> None:
    assert COMMANDS == [
        "build",
        "draw",
        "eval",
        "export",
        "link",
        "push",
        "query",
        "remove",
        "serve",
        "validate",
    ]


# ------------------------------------------------------------------------ usage errors


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["build", "--frobnicate"],
        ["build", "--ontology", "absent.ttl"],
        ["build", "--shapes", "absent.ttl"],
        ["validate"],
        ["validate", "x.ttl", "--ontology", "absent.ttl"],
        ["query"],
        ["query", "ASK {}", "-f", "q.rq"],
        ["export", "-o", "out.nt"],
        ["export", "--format", "xml", "-o", "out"],
        ["push", "--endpoint", "http://127.0.0.1:9/store"],
        ["link", "--store", "s"],
        ["remove", "--store", "s"],
        ["query", "ASK {}", "--format", "xml"],
        ["eval"],
        ["eval", "--gold", "g", "--min-confidence", "2"],
        ["draw"],
        ["draw", "-o", "x.svg", "--depth", "9"],
        ["draw", "-o", "x.svg", "--min-confidence", "1.5"],
        ["serve", "--port", "70000"],
        ["serve", "a.ttl", "--store", "s"],
    ],
    ids=lambda args: " ".join(args),
)
def test_usage_errors_exit_2(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # relative names ("s", "out") must not land in the checkout
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.rstrip().splitlines()[-1].startswith("Error: ")


def test_an_existing_file_as_output_folder_is_a_usage_error(graph_file: Path) -> None:
    result = run("build", str(graph_file), "-o", str(graph_file))
    assert result.exit_code == 2
    assert str(graph_file) in result.stderr


# ----------------------------------------------------------------------------- validate


def test_validate_a_conforming_graph(graph_file: Path) -> None:
    result = run("validate", str(graph_file))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "SHACL: conforms."
    assert re.search(r"^OWL \(HermiT .*\): consistent$", result.stdout, re.MULTILINE)


def test_validate_a_violating_graph_lists_each_violation(tmp_path: Path) -> None:
    graph = _graph()
    graph.remove((None, RDFS.label, None))
    path = tmp_path / "bad.ttl"
    path.write_bytes(serialize_turtle(graph))
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "SHACL: does not conform, 2 result(s):"
    assert all("rdfs:label" in line for line in lines[1:3])


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"@prefix ck: <https://w3id.org/conflictkg/ontology#> .\nck:a ck:b .\n", [":2: Turtle"]),
        (b"\x00\x01binary\xff", [":1: Turtle syntax error"]),
    ],
)
def test_validate_bad_turtle_is_one_line(tmp_path: Path, content: bytes, words: list[str]) -> None:
    path = tmp_path / "broken.ttl"
    path.write_bytes(content)
    assert_one_line_error(run("validate", str(path)), str(path), *words)


def test_validate_a_missing_file_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(run("validate", str(tmp_path / "absent.ttl")), "absent.ttl")


def test_validate_with_explicit_bundled_resources(graph_file: Path) -> None:
    from conflictkg.resources import ontology_path, shapes_path

    result = run(
        "validate",
        str(graph_file),
        "--ontology",
        str(ontology_path()),
        "--shapes",
        str(shapes_path()),
    )
    assert result.exit_code == 0, result.output


# -------------------------------------------------------------------------------- query

SUPPORTS = "SELECT ?a ?b WHERE { ?x ck:supports ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }"


def test_query_table_csv_json(graph_file: Path) -> None:
    table = run("query", "--data", str(graph_file), SUPPORTS)
    assert table.exit_code == 0, table.output
    assert "Iran" in table.stdout and "Iraq" in table.stdout
    csv = run("query", "--data", str(graph_file), SUPPORTS, "--format", "csv")
    assert csv.stdout.splitlines() == ["a,b", "Iran,Iraq"]
    as_json = run("query", "--data", str(graph_file), SUPPORTS, "--format", "json")
    bindings = json.loads(as_json.stdout)["results"]["bindings"]
    assert [(b["a"]["value"], b["b"]["value"]) for b in bindings] == [("Iran", "Iraq")]


def test_query_from_a_file_and_a_store(graph_file: Path, tmp_path: Path) -> None:
    query = tmp_path / "supports.rq"
    query.write_text(SUPPORTS, encoding="utf-8")
    from_file = run("query", "--data", str(graph_file), "-f", str(query), "--format", "csv")
    assert from_file.exit_code == 0, from_file.output
    assert from_file.stdout.splitlines()[1] == "Iran,Iraq"

    store = open_store(data=graph_file, store=tmp_path / "store")
    del store
    gc.collect()
    from_store = run(
        "query", "--store", str(tmp_path / "store"), "-f", str(query), "--format", "csv"
    )
    assert from_store.exit_code == 0, from_store.output
    assert from_store.stdout == from_file.stdout


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("SELECT ?x WHERE { ?x ?y", ["invalid SPARQL"]),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", ["SERVICE"]),
        ("LOAD <http://example.org/data.ttl>", ["LOAD"]),
    ],
)
def test_query_errors_are_one_line(graph_file: Path, query: str, words: list[str]) -> None:
    assert_one_line_error(run("query", "--data", str(graph_file), query), *words)


def test_query_missing_data_or_query_file_is_one_line(graph_file: Path, tmp_path: Path) -> None:
    assert_one_line_error(run("query", "--data", str(tmp_path / "absent.ttl"), SUPPORTS), "absent")
    missing = tmp_path / "absent.rq"
    assert_one_line_error(run("query", "--data", str(graph_file), "-f", str(missing)), "absent.rq")


# --------------------------------------------------------------------------------- eval


def test_eval_with_a_missing_gold_folder_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(run("eval", "--gold", str(tmp_path / "absent")), "absent")


@pytest.mark.model
def test_eval_scores_an_article_as_json_and_verbosely() -> None:
    gold, text = REPO / "tests" / "corpus" / "gold", CORPUS_TEXTS / "syria_kurds_turkey_us.txt"
    as_json = run("eval", "--gold", str(gold), str(text), "--json")
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)
    verbose = run("eval", "--gold", str(gold), str(text), "-v")
    assert verbose.exit_code == 0, verbose.output
    assert "syria_kurds_turkey_us" in verbose.stdout


@pytest.mark.model
def test_eval_says_under_the_table_that_failed_articles_are_not_scored(tmp_path: Path) -> None:
    gold, text = REPO / "tests" / "corpus" / "gold", CORPUS_TEXTS / "syria_kurds_turkey_us.txt"
    orphan = tmp_path / "no_gold_for_this.txt"
    orphan.write_text("Turkey shelled Kurdish fighters in Syria.\n", encoding="utf-8")
    result = run("eval", "--gold", str(gold), str(text), str(orphan))
    assert result.exit_code == 1
    assert "not scored: 1 article failed" in result.stdout  # beside the micro average
    assert "no_gold_for_this" in result.stderr


# ------------------------------------------------------------- the installed command


def test_console_script_version_and_one_line_error(tmp_path: Path) -> None:
    assert CLI.is_file(), f"{CLI}: the console script is not installed (make install)"
    version = subprocess.run([str(CLI), "--version"], capture_output=True, text=True, check=False)
    assert version.returncode == 0 and __version__ in version.stdout
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle\n", encoding="utf-8")
    result = subprocess.run(
        [str(CLI), "validate", str(broken)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert result.stderr.startswith(f"conflictkg: error: {broken}:1: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


# ------------------------------------------------------------------ README documents all

README = REPO / "README.md"


def _options(command: click.Command) -> list[str]:
    names = []
    for param in command.params:
        if isinstance(param, click.Option):
            longs = [o for o in param.opts if o.startswith("--")]
            names.extend(longs or param.opts)
    return names


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_and_option_is_in_the_readme(name: str) -> None:
    readme = README.read_text(encoding="utf-8")
    missing = [f"conflictkg {name}"] if f"conflictkg {name}" not in readme else []
    options = _options(main.commands[name])
    missing += [o for o in options if not re.search(rf"{re.escape(o)}(?![\w-])", readme)]
    assert not missing, f"README.md does not document: {', '.join(missing)}"


def test_readme_documents_help_and_version() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "--help" in readme and "--version" in readme
