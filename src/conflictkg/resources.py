"""Where the bundled files live, and how the TSV data files are read.

In an installed wheel the ontology is packaged as ``conflictkg/check/ontology`` (the
check stage reads it); in a source checkout (editable install) it is the repository's
top-level ``ontology/`` folder. Knowledge files live beside the code that reads them:
``conflictkg/<stage>/data/`` (``ingest/data``: boilerplate patterns; ``extract/data``:
gazetteers and lexicons).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from .errors import ResourceError

_PACKAGE_DIR = Path(__file__).resolve().parent


def ontology_dir() -> Path:
    """The folder holding ``conflict.ttl`` and ``shapes.ttl``."""
    for candidate in (_PACKAGE_DIR / "check" / "ontology", _PACKAGE_DIR.parent.parent / "ontology"):
        if (candidate / "conflict.ttl").is_file():
            return candidate
    raise ResourceError(f"ontology folder with conflict.ttl not found near {_PACKAGE_DIR}")


def ontology_path() -> Path:
    """The OWL ontology, ``conflict.ttl``."""
    return ontology_dir() / "conflict.ttl"


def shapes_path() -> Path:
    """The SHACL shapes, ``shapes.ttl``."""
    return ontology_dir() / "shapes.ttl"


def data_path(stage: str, name: str) -> Path:
    """A bundled knowledge file of a pipeline stage: ``conflictkg/<stage>/data/<name>``."""
    path = _PACKAGE_DIR / stage / "data" / name
    if not path.is_file():
        raise ResourceError(f"{path}: bundled data file not found")
    return path


def read_tsv(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a TSV data file as ``(line number, {column: value})``.

    Lines starting with ``#`` and blank lines are skipped; the first other line is the
    header and must name ``columns`` in order.

    Raises:
        ResourceError: missing file, wrong header or a row with the wrong number of fields.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{path}: cannot read data file: {exc}") from exc
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if not header_seen:
            if tuple(fields[: len(columns)]) != columns:
                expected = " <tab> ".join(columns)
                raise ResourceError(f"{path}:{number}: header must be {expected!r}, got {line!r}")
            header_seen = True
            continue
        if len(fields) != len(columns):
            raise ResourceError(
                f"{path}:{number}: expected {len(columns)} tab-separated fields, got {len(fields)}"
            )
        yield number, dict(zip(columns, (f.strip() for f in fields), strict=True))
