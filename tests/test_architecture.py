"""The folder tree is the architecture: imports run one way, down the pipeline.

Every import of every module under ``src/conflictkg`` (including imports inside functions
and under ``TYPE_CHECKING``) is read from its source, resolved to the unit it names (a
stage subpackage or a top-level module) and checked against the table below, which is the
"May import" line of each stage's ``__init__`` docstring.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "src" / "conflictkg"
BASE = frozenset({"errors", "model", "resources", "files", "_version"})
STAGES = ("ingest", "extract", "rdf", "check", "store", "evaluate")
ROOMS = (*STAGES, "view", "parallel")  # view: pictures and the explorer; parallel: workers

# What each unit may import from conflictkg (besides itself).
ALLOWED: dict[str, frozenset[str]] = {
    "errors": frozenset(),
    "model": frozenset(),
    "_version": frozenset(),
    "resources": frozenset({"errors"}),
    "files": frozenset({"errors"}),
    "ingest": BASE,
    "extract": BASE | {"ingest"},
    "rdf": BASE,
    "check": BASE | {"rdf"},
    "store": BASE | {"rdf", "check"},
    "evaluate": BASE | {"ingest", "extract", "rdf", "check", "store"},
    "view": BASE | {"rdf", "check", "store"},
    "parallel": BASE | {"ingest", "extract"},
    "assemble": BASE | set(STAGES) | {"parallel"},
    "build": BASE | set(STAGES) | {"parallel", "assemble"},
    "cli": BASE | set(ROOMS) | {"build", "assemble"},
    "__init__": BASE | {"build"},
}
# Third-party libraries that belong to one side of a boundary.
SPACY = frozenset({"spacy", "thinc"})
RDF_LIBRARIES = frozenset({"rdflib", "pyoxigraph", "pyshacl", "owlready2"})
NO_SPACY = frozenset({"rdf", "check", "store", "view", "parallel"})
NO_RDF = frozenset({"ingest", "extract", "parallel"})
MAX_LINES = 400


@dataclass(frozen=True)
class Import:
    module: Path
    line: int
    target: str  # absolute dotted name


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, source: str | None = None) -> list[Import]:
    """The imports of the module at ``path`` (or of ``source`` read as that module)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    if source is None:
        source = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Import(path, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if node.module is None or base == "conflictkg":
                # 'from . import x' and 'from conflictkg import x' name modules too
                found += [Import(path, node.lineno, f"{base}.{a.name}") for a in node.names]
            else:
                found.append(Import(path, node.lineno, base))
    return found


def _unit(dotted: str) -> str | None:
    """The stage or top-level module a ``conflictkg...`` name belongs to."""
    parts = dotted.split(".")
    if parts[0] != "conflictkg":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _unit_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE).with_suffix("").parts
    return relative[0]


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_stage_is_a_subpackage_with_a_docstring() -> None:
    for stage in ROOMS:
        init = PACKAGE / stage / "__init__.py"
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and "May import" in docstring, stage
    units = {_unit_of(path) for path in MODULES}
    assert units == set(ALLOWED), units ^ set(ALLOWED)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_down_the_pipeline(path: Path) -> None:
    unit = _unit_of(path)
    wrong = []
    for found in _imports(path):
        target = _unit(found.target)
        top = found.target.split(".")[0]
        if target is not None and target != unit and target not in ALLOWED[unit]:
            wrong.append(f"line {found.line}: {unit} imports {found.target}")
        if unit in NO_SPACY and top in SPACY:
            wrong.append(f"line {found.line}: {unit} imports spaCy ({found.target})")
        if unit in NO_RDF and top in RDF_LIBRARIES:
            wrong.append(f"line {found.line}: {unit} imports an RDF library ({found.target})")
    assert not wrong, wrong


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines; split it"


def test_the_checker_resolves_relative_imports() -> None:
    """A wrong import in rdf/mapping.py would be seen (a check that cannot fail is no check)."""
    source = "from ..extract.nlp import load_pipeline\nfrom . import iri\nimport spacy\n"
    found = [i.target for i in _imports(PACKAGE / "rdf" / "mapping.py", source)]
    assert found == ["conflictkg.extract.nlp", "conflictkg.rdf.iri", "spacy"]
    assert "extract" not in ALLOWED["rdf"] and "rdf" in NO_SPACY


def test_the_public_api_resolves_lazily() -> None:
    """``from conflictkg import build_graph`` works, and ``import conflictkg`` alone loads
    neither spaCy nor rdflib (the command's ``--version`` and ``--help`` stay fast)."""
    probe = (
        "import sys, conflictkg\n"
        "heavy = sorted(m for m in ('spacy', 'rdflib', 'pyshacl') if m in sys.modules)\n"
        "assert not heavy, heavy\n"
        "missing = [n for n in conflictkg.__all__ if getattr(conflictkg, n, None) is None]\n"
        "assert not missing, missing\n"
        "from conflictkg import build_graph, BuildResult, Document, ConflictKGError\n"
        "assert build_graph.__module__ == 'conflictkg.build'\n"
        "try:\n"
        "    conflictkg.no_such_name\n"
        "except AttributeError:\n"
        "    print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr
