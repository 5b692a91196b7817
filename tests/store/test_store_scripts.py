"""The store scripts run on a tiny corpus and write well-formed Markdown."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str) -> ModuleType:
    module_name = f"conflictkg_store_script_{name}"
    spec = importlib.util.spec_from_file_location(module_name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.model
@pytest.mark.slow
def test_the_store_benchmark_runs_and_its_stores_agree(tmp_path: Path) -> None:
    bench = _load("store_benchmark")
    if not bench.NEWS.is_file():
        pytest.skip(f"{bench.NEWS} is not here")
    steps, same = bench.run(3, 1, tmp_path)
    assert same
    assert [s.name for s in steps] == [
        "rebuild a 4-document store",
        "set-up: a 3-document store (extractions reused)",
        "add 1 document to it",
        "add all 4 again (unchanged)",
    ]
    assert "0 added, 4 unchanged" in steps[-1].detail
    report = bench.render(steps, same, 3, 1)
    rows = [line for line in report.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + len(steps) and all(r.count("|") == 5 for r in rows)


def test_the_round_trip_script_measures_a_graph() -> None:
    script = _load("store_roundtrip")
    row = script.round_trip((ROOT / "exports" / "conflictkg.ttl").read_bytes(), None)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[0] == cells[1] and cells[2:] == ["yes", "0", "0"]
