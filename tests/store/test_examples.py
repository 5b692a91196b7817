"""The example queries declare every prefix they use (so they run unchanged in Jena or the
Oxigraph server), and the README's example is the file it names, with its real output."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conflictkg.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.rq"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_declares_its_prefixes(path: Path) -> None:
    ox.Store().query(path.read_text(encoding="utf-8"))  # no predeclared prefixes: must parse


def test_the_readme_example_is_the_file_and_its_output() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## An example query", 1)[1]
    command = re.search(r"```sh\n(conflictkg query -f (\S+))\n```", section)
    assert command is not None
    query, output = re.findall(r"```(?:sparql)?\n(.*?)```", section[command.end() :], re.S)[:2]
    assert query == (ROOT / command.group(2)).read_text(encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "query",
            "-f",
            str(ROOT / command.group(2)),
            "--data",
            str(ROOT / "exports" / "conflictkg.ttl"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == output


def test_query_help_shows_the_query_as_optional() -> None:
    result = CliRunner().invoke(main, ["query", "--help"], prog_name="conflictkg")
    assert result.stdout.splitlines()[0] == "Usage: conflictkg query [OPTIONS] [QUERY]"
