"""Where the bundled files live: the ontology, the shapes and the knowledge data files.

In an installed wheel the ontology is packaged as ``conflictkg/ontology``; in a source
checkout (editable install) it is the repository's top-level ``ontology/`` folder.
Data files (gazetteers, lexicons) always live in ``conflictkg/data``.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ResourceError

_PACKAGE_DIR = Path(__file__).resolve().parent


def ontology_dir() -> Path:
    """The folder holding ``conflict.ttl`` and ``shapes.ttl``."""
    for candidate in (_PACKAGE_DIR / "ontology", _PACKAGE_DIR.parent.parent / "ontology"):
        if (candidate / "conflict.ttl").is_file():
            return candidate
    raise ResourceError(f"ontology folder with conflict.ttl not found near {_PACKAGE_DIR}")


def ontology_path() -> Path:
    """The OWL ontology, ``conflict.ttl``."""
    return ontology_dir() / "conflict.ttl"


def shapes_path() -> Path:
    """The SHACL shapes, ``shapes.ttl``."""
    return ontology_dir() / "shapes.ttl"


def data_path(name: str) -> Path:
    """A bundled knowledge file, by name, from ``conflictkg/data``."""
    path = _PACKAGE_DIR / "data" / name
    if not path.is_file():
        raise ResourceError(f"{path}: bundled data file not found")
    return path
