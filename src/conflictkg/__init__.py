"""conflictkg: knowledge graphs of who supports, opposes and designates whom in conflict news.

The package is laid out as the data flows, one subpackage per stage::

    ingest  ->  extract  ->  rdf  ->  check  ->  store / evaluate
    (files)     (spaCy)      (graph)  (SHACL, OWL) (SPARQL)  (gold scores)

with :mod:`conflictkg.build` (the whole pipeline as one call) and :mod:`conflictkg.cli`
(the ``conflictkg`` command) on top, and :mod:`conflictkg.model`,
:mod:`conflictkg.errors` and :mod:`conflictkg.resources` shared by all. A stage imports
only the stages before it.

The public API::

    from conflictkg import build_graph, build_store, open_store
    result = build_graph(["seeds"], Path("exports"))      # one validated Turtle file
    print(result.summary.lines())
    build_store(["seeds"], Path("corpus"))                 # or a growing corpus store
    with open_store("corpus") as corpus:
        print([entry.identifier for entry in corpus.documents])

The names below are imported on first use, so ``import conflictkg`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .build import (
        BuildResult,
        CorpusStore,
        StoreBuildResult,
        Summary,
        build_graph,
        build_store,
        open_store,
    )
    from .errors import (
        ConflictKGError,
        ExportError,
        ExtractionError,
        InputError,
        QueryError,
        ResourceError,
        StoreError,
        ValidationError,
    )
    from .model import Actor, ActorType, Document, Evidence, Extraction, Predicate, Relation

_PUBLIC = {
    "build_graph": "build",
    "BuildResult": "build",
    "Summary": "build",
    "build_store": "build",
    "StoreBuildResult": "build",
    "open_store": "build",
    "CorpusStore": "build",
    "Actor": "model",
    "ActorType": "model",
    "Document": "model",
    "Evidence": "model",
    "Extraction": "model",
    "Predicate": "model",
    "Relation": "model",
    "ConflictKGError": "errors",
    "ExportError": "errors",
    "ExtractionError": "errors",
    "InputError": "errors",
    "QueryError": "errors",
    "ResourceError": "errors",
    "StoreError": "errors",
    "ValidationError": "errors",
}

__all__ = [
    "Actor",
    "ActorType",
    "BuildResult",
    "ConflictKGError",
    "CorpusStore",
    "Document",
    "Evidence",
    "ExportError",
    "Extraction",
    "ExtractionError",
    "InputError",
    "Predicate",
    "QueryError",
    "Relation",
    "ResourceError",
    "StoreBuildResult",
    "StoreError",
    "Summary",
    "ValidationError",
    "__version__",
    "build_graph",
    "build_store",
    "open_store",
]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'conflictkg' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
