"""``scripts/generate_graph.py`` and ``scripts/validation_benchmark.py`` (issue 9)."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from conflictkg.check.validate import validate_graph
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import validation_benchmark
from generate_graph import write_graph

pytestmark = pytest.mark.timeout(300)


def test_generated_graphs_are_deterministic_and_conform() -> None:
    first, second = io.StringIO(), io.StringIO()
    write_graph(first, 3000)
    write_graph(second, 3000)
    assert first.getvalue() == second.getvalue()
    graph = Graph().parse(data=first.getvalue(), format="turtle")
    assert 2500 < len(graph) < 3500
    assert validate_graph(graph).conforms


def test_planted_violations_are_found() -> None:
    out = io.StringIO()
    write_graph(out, 3000, violations=5)
    report = validate_graph(Graph().parse(data=out.getvalue(), format="turtle"))
    assert not report.conforms and len(report.violations) >= 5


def test_the_benchmark_measures_a_validate(capsys: pytest.CaptureFixture[str]) -> None:
    assert validation_benchmark.main(["--sizes", "2000"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("| triples")
    cells = [cell.strip() for cell in table[2].split("|")[1:-1]]
    assert cells[0] == "2,000" and cells[2] == "0"
    assert "SHACL: conforms." in cells[6] and "consistent" in cells[6]
    assert 1500 < int(cells[7].replace(",", "")) < 2500  # the exact count of the file
    assert re.fullmatch(r"\d+\.\d → \d+\.\d", cells[8])  # the load average around the run


def test_the_benchmark_rewrites_only_its_table(tmp_path: Path) -> None:
    doc = tmp_path / "validation.md"
    doc.write_text(
        f"# Title\n\nBefore.\n\n{validation_benchmark.BEGIN}\n| old |\n"
        f"{validation_benchmark.END}\n\nAfter.\n",
        encoding="utf-8",
    )
    validation_benchmark.write_table("| new |\n", doc)
    assert doc.read_text(encoding="utf-8") == (
        f"# Title\n\nBefore.\n\n{validation_benchmark.BEGIN}\n| new |\n"
        f"{validation_benchmark.END}\n\nAfter.\n"
    )
